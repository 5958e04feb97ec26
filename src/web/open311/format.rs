//! One value tree written as the specification's XML or as JSON, its documents and errors,
//! and W3C times.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

/// "services.json" as ("services", JSON); `None` for any other extension.
pub(super) fn split(file: &str) -> Option<(&str, Format)> {
    let (stem, ext) = file.rsplit_once('.')?;
    match ext {
        "xml" => Some((stem, Format::Xml)),
        "json" => Some((stem, Format::Json)),
        _ => None,
    }
}

/// A value both formats can write: XML names each element after its field, and a
/// list's items after the name it gives them.
#[derive(Debug, Clone)]
pub(super) enum V {
    S(Option<String>),
    N(i64),
    F(Option<f64>),
    B(bool),
    O(Vec<(&'static str, V)>),
    L(&'static str, Vec<V>),
}

pub(super) fn s(text: impl Into<String>) -> V {
    V::S(Some(text.into()))
}

pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

pub(super) fn write_xml(out: &mut String, tag: &str, v: &V) {
    out.push('<');
    out.push_str(tag);
    out.push('>');
    match v {
        V::S(Some(text)) => out.push_str(&escape(text)),
        V::S(None) | V::F(None) => {}
        V::N(n) => out.push_str(&n.to_string()),
        V::F(Some(f)) => out.push_str(&f.to_string()),
        V::B(b) => out.push_str(if *b { "true" } else { "false" }),
        V::O(fields) => {
            for (name, value) in fields {
                write_xml(out, name, value);
            }
        }
        V::L(item, items) => {
            for value in items {
                write_xml(out, item, value);
            }
        }
    }
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

pub(super) fn json(v: &V) -> Value {
    match v {
        V::S(text) => text.clone().map_or(Value::Null, Value::from),
        V::N(n) => Value::from(*n),
        V::F(f) => f.map_or(Value::Null, Value::from),
        V::B(b) => Value::from(*b),
        V::O(fields) => Value::Object(fields.iter().map(|(k, v)| ((*k).to_owned(), json(v))).collect::<Map<_, _>>()),
        V::L(_, items) => Value::Array(items.iter().map(json).collect()),
    }
}

/// A document: its root element for XML; in JSON the root's value alone.
pub(super) struct Doc {
    status: StatusCode,
    format: Format,
    root: &'static str,
    value: V,
}

impl IntoResponse for Doc {
    fn into_response(self) -> Response {
        let (body, kind) = match self.format {
            Format::Xml => {
                let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
                write_xml(&mut out, self.root, &self.value);
                (out, "text/xml; charset=utf-8")
            }
            Format::Json => (json(&self.value).to_string(), "application/json"),
        };
        let mut response = (self.status, body).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
        response
    }
}

pub(super) fn ok(format: Format, root: &'static str, value: V) -> Response {
    Doc { status: StatusCode::OK, format, root, value }.into_response()
}

/// The specification's error document: `errors/error` with `code` and `description`.
pub(super) fn errors(format: Format, status: StatusCode, descriptions: Vec<String>) -> Response {
    let items = descriptions
        .into_iter()
        .map(|d| V::O(vec![("code", V::N(i64::from(status.as_u16()))), ("description", s(d))]))
        .collect();
    Doc { status, format, root: "errors", value: V::L("error", items) }.into_response()
}

pub(super) fn error(format: Format, status: StatusCode, description: impl Into<String>) -> Response {
    errors(format, status, vec![description.into()])
}

/// A path that is not one of ours: in JSON, since no format could be read from it.
pub(super) fn not_found() -> Response {
    error(Format::Json, StatusCode::NOT_FOUND, "There is no such Open311 resource")
}

/// "2026-12-01T10:00:00+00:00", in the council's time zone, as W3C datetimes are.
pub(super) fn w3c(state: &AppState, at: i64) -> String {
    let zoned = crate::rollups::ts(at).to_zoned(state.rules.get().calendars.council.time_zone().clone());
    zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A W3C datetime, or a date, as milliseconds; a date alone is its start, in the
/// council's time zone.
pub(super) fn parse_w3c(state: &AppState, text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Some(ts.as_millisecond());
    }
    let date: jiff::civil::Date = text.parse().ok()?;
    let tz = state.rules.get().calendars.council.time_zone().clone();
    date.to_zoned(tz).ok().map(|z| z.timestamp().as_millisecond())
}

/// Who reads requests: the holder of a key (every request the key reaches, as today), or
/// anyone at all with no key, as GeoReport v2 allows: then only the requests of services
/// marked public (problems in the street), and nothing that identifies a home.
///
/// Decision: reads without a key have no rate limit of their own, like the public site's
/// pages; each answer is one page of at most the cap, from the indexes a keyed read uses.
pub(super) enum Reader {
    Key(ApiKey),
    Anyone,
}

impl Reader {
    /// A key given and good, or none given at all; a key given and bad is refused.
    pub(super) async fn of(state: &AppState, format: Format, given: Option<&str>) -> Result<Reader, Response> {
        match given.filter(|k| !k.trim().is_empty()) {
            None => Ok(Reader::Anyone),
            Some(given) => key(state, format, Some(given)).await.map(Reader::Key),
        }
    }

    /// Whether this reader may see a request of `partner_id`, public or not.
    pub(super) fn sees(&self, partner_id: Option<i64>, public: bool) -> bool {
        match self {
            Reader::Key(key) => key.sees(partner_id),
            Reader::Anyone => public,
        }
    }
}

/// The key a request carries: `api_key` in the query or the form, within its rate limit
/// (the JSON API's, shared). `Err` is the 403, or the 429.
pub(super) async fn key(state: &AppState, format: Format, given: Option<&str>) -> Result<ApiKey, Response> {
    let Some(given) = given.filter(|k| !k.trim().is_empty()) else {
        return Err(error(format, StatusCode::FORBIDDEN, "api_key: an API key is needed"));
    };
    let now = now_ms();
    match crate::api::verify(state.db.writer(), given, now).await {
        Ok(Some(key)) => match state.limiter.take(key.id, now) {
            Ok(_) => Ok(key),
            Err(seconds) => {
                let why = format!("api_key: this key has made too many requests. Try again in {seconds} s");
                let mut refused = error(format, StatusCode::TOO_MANY_REQUESTS, why);
                refused.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                Err(refused)
            }
        },
        Ok(None) => Err(error(format, StatusCode::FORBIDDEN, "api_key: this key is not valid, or has been revoked")),
        Err(err) => Err(server_error(format, err)),
    }
}

pub(super) fn server_error(format: Format, err: sqlx::Error) -> Response {
    tracing::error!(error = %err, "open311: database error");
    error(format, StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side. Try again later")
}
