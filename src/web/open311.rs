//! Open311 GeoReport v2 under `/open311/v2/`, in XML and JSON (the file's extension
//! chooses): discovery, services and their definitions, creating a request, token
//! lookup, listing and reading requests, and the updates extension UK council reporting
//! sites use. A created request becomes a case through `intake::submit`, the web form's
//! path, with channel `api` and the sending key recorded.
//!
//! Decisions where the specification is silent:
//! - Only services of the service request type are offered: Open311 is for reports of
//!   problems in a place, and enquiries, complaints and information requests have their
//!   own routes.
//! - Discovery and services need no key. Requests and updates carry residents'
//!   descriptions, so reading them needs a key too; a partner's key reaches only that
//!   partner's cases.
//! - `expected_datetime` is the case's next deadline from its service standards' clocks.
//! - `media_url` is recorded with the case as a link and never fetched.

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::api::ApiKey;
use crate::api::db::open311 as rows;
use crate::cases::{CaseRef, CaseType, Status};
use crate::db::now_ms;
use crate::intake::{IntakeError, SentBy, Submission};
use crate::services::FieldKind;
use crate::web::AppState;

const SPEC: &str = "http://wiki.open311.org/GeoReport_v2";
const DAY: i64 = 86_400_000;
/// How far back a list goes when no `start_date` is given.
const WINDOW_DAYS: i64 = 90;
/// The most results a list gives, however it is paged.
const CAP: i64 = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

/// "services.json" as ("services", JSON); `None` for any other extension.
fn split(file: &str) -> Option<(&str, Format)> {
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
enum V {
    S(Option<String>),
    N(i64),
    F(Option<f64>),
    B(bool),
    O(Vec<(&'static str, V)>),
    L(&'static str, Vec<V>),
}

fn s(text: impl Into<String>) -> V {
    V::S(Some(text.into()))
}

fn escape(text: &str) -> String {
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

fn write_xml(out: &mut String, tag: &str, v: &V) {
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

fn json(v: &V) -> Value {
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
struct Doc {
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

fn ok(format: Format, root: &'static str, value: V) -> Response {
    Doc { status: StatusCode::OK, format, root, value }.into_response()
}

/// The specification's error document: `errors/error` with `code` and `description`.
fn errors(format: Format, status: StatusCode, descriptions: Vec<String>) -> Response {
    let items = descriptions
        .into_iter()
        .map(|d| V::O(vec![("code", V::N(i64::from(status.as_u16()))), ("description", s(d))]))
        .collect();
    Doc { status, format, root: "errors", value: V::L("error", items) }.into_response()
}

fn error(format: Format, status: StatusCode, description: impl Into<String>) -> Response {
    errors(format, status, vec![description.into()])
}

/// A path that is not one of ours: in JSON, since no format could be read from it.
fn not_found() -> Response {
    error(Format::Json, StatusCode::NOT_FOUND, "There is no such Open311 resource")
}

/// "2026-12-01T10:00:00+00:00", in the council's time zone, as W3C datetimes are.
fn w3c(state: &AppState, at: i64) -> String {
    let zoned = crate::rollups::ts(at).to_zoned(state.rules.get().calendars.council.time_zone().clone());
    zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A W3C datetime, or a date, as milliseconds; a date alone is its start, in the
/// council's time zone.
fn parse_w3c(state: &AppState, text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Some(ts.as_millisecond());
    }
    let date: jiff::civil::Date = text.parse().ok()?;
    let tz = state.rules.get().calendars.council.time_zone().clone();
    date.to_zoned(tz).ok().map(|z| z.timestamp().as_millisecond())
}

/// The key a request carries: `api_key` in the query or the form, within its rate limit
/// (the JSON API's, shared). `Err` is the 403, or the 429.
async fn key(state: &AppState, format: Format, given: Option<&str>) -> Result<ApiKey, Response> {
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

fn server_error(format: Format, err: sqlx::Error) -> Response {
    tracing::error!(error = %err, "open311: database error");
    error(format, StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side. Try again later")
}

/// The query or form's fields, in order (a multiple choice attribute repeats).
type Pairs = Vec<(String, String)>;

fn field<'a>(pairs: &'a Pairs, name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// The services Open311 offers: those of the service request type.
async fn offered(state: &AppState) -> Result<Vec<crate::services::Service>, sqlx::Error> {
    let all = crate::services::db::list_active(state.db.reader()).await?;
    Ok(all.into_iter().filter(|s| s.case_type == CaseType::ServiceRequest).collect())
}

pub async fn get_file(State(state): State<AppState>, Path(file): Path<String>, Query(pairs): Query<Pairs>) -> Response {
    let Some((stem, format)) = split(&file) else { return not_found() };
    let result = match stem {
        "discovery" => Ok(discovery(&state, format)),
        "services" => services(&state, format).await,
        "requests" => list(&state, format, &pairs).await,
        "servicerequestupdates" => updates(&state, format, &pairs).await,
        _ => return not_found(),
    };
    result.unwrap_or_else(|err| server_error(format, err))
}

pub async fn post_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    let Some((stem, format)) = split(&file) else { return not_found() };
    let Ok(Form(pairs)) = form else {
        return error(format, StatusCode::BAD_REQUEST, "Send the fields as application/x-www-form-urlencoded");
    };
    let result = match stem {
        "requests" => create(&state, format, &pairs).await,
        "servicerequestupdates" => add_update(&state, format, &pairs).await,
        _ => return not_found(),
    };
    result.unwrap_or_else(|err| server_error(format, err))
}

fn discovery(state: &AppState, format: Format) -> Response {
    let endpoint = V::O(vec![
        ("specification", s(SPEC)),
        ("url", s(format!("{}/open311/v2", state.council.public_url))),
        ("changeset", s("2026-12-01T00:00:00Z")),
        ("type", s("production")),
        ("formats", V::L("format", vec![s("text/xml"), s("application/json")])),
    ]);
    let value = V::O(vec![
        ("changeset", s("2026-12-01T00:00:00Z")),
        ("contact", s(format!("{} ({})", state.council.name, state.rules.get().policy.contact.email))),
        ("key_service", s("Ask the council for an API key: administrators make them in the staff workspace")),
        ("endpoints", V::L("endpoint", vec![endpoint])),
    ]);
    ok(format, "discovery", value)
}

async fn services(state: &AppState, format: Format) -> Result<Response, sqlx::Error> {
    let mut items = Vec::new();
    for service in offered(state).await? {
        let has_fields = !crate::services::db::fields(state.db.reader(), service.id).await?.is_empty();
        items.push(V::O(vec![
            ("service_code", s(&service.code)),
            ("service_name", s(&service.name)),
            ("description", s(&service.description)),
            ("metadata", V::B(has_fields)),
            ("type", s("realtime")),
            ("keywords", s(service.keywords.split_whitespace().collect::<Vec<_>>().join(","))),
            ("group", s(&service.group_name)),
        ]));
    }
    Ok(ok(format, "services", V::L("service", items)))
}

pub async fn definition(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((code, format)) = split(&file) else { return not_found() };
    let found = async {
        let Some(service) = offered(&state).await?.into_iter().find(|s| s.code == code) else { return Ok(None) };
        crate::services::db::fields(state.db.reader(), service.id).await.map(|fields| Some((service, fields)))
    };
    let (service, fields) = match found.await {
        Ok(Some(found)) => found,
        Ok(None) => return error(format, StatusCode::NOT_FOUND, format!("service_code: there is no service {code:?}")),
        Err(err) => return server_error(format, err),
    };
    let attributes = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let datatype = match f.kind {
                FieldKind::Text => "string",
                FieldKind::Number => "number",
                FieldKind::Date => "datetime",
                FieldKind::Single => "singlevaluelist",
                FieldKind::Multiple => "multivaluelist",
            };
            let values = f.choices.iter().map(|c| V::O(vec![("key", s(&c.key)), ("name", s(&c.name))])).collect();
            V::O(vec![
                ("variable", V::B(true)),
                ("code", s(&f.code)),
                ("datatype", s(datatype)),
                ("required", V::B(f.required)),
                ("datatype_description", s(&f.hint)),
                ("order", V::N(i as i64 + 1)),
                ("description", s(&f.label)),
                ("values", V::L("value", values)),
            ])
        })
        .collect();
    let value = V::O(vec![("service_code", s(&service.code)), ("attributes", V::L("attribute", attributes))]);
    ok(format, "service_definition", value)
}

/// The Open311 parameter a field error of intake's belongs to.
fn parameter(field: &str) -> String {
    match field {
        "name" => "first_name".to_owned(),
        "address" | "postcode" => "address_string".to_owned(),
        "uprn" => "address_id".to_owned(),
        f => match f.strip_prefix("answer-") {
            Some(code) => {
                let code = code.trim_end_matches("-day").trim_end_matches("-month").trim_end_matches("-year");
                format!("attribute[{code}]")
            }
            None => f.to_owned(),
        },
    }
}

async fn create(state: &AppState, format: Format, pairs: &Pairs) -> Result<Response, sqlx::Error> {
    let key = match key(state, format, field(pairs, "api_key")).await {
        Ok(key) => key,
        Err(refused) => return Ok(refused),
    };
    if !key.may_create() {
        return Ok(error(format, StatusCode::FORBIDDEN, "api_key: this key may not send requests"));
    }
    let Some(code) = field(pairs, "service_code").map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(error(format, StatusCode::BAD_REQUEST, "service_code: give the service's code"));
    };
    let Some(service) = offered(state).await?.into_iter().find(|s| s.code == code) else {
        return Ok(error(format, StatusCode::NOT_FOUND, format!("service_code: there is no service {code:?}")));
    };
    let fields = crate::services::db::fields(state.db.reader(), service.id).await?;
    let mut answers = Vec::new();
    let mut problems = Vec::new();
    for (name, value) in pairs {
        let Some(code) = name.strip_prefix("attribute[").map(|rest| rest.trim_end_matches("[]").trim_end_matches(']'))
        else {
            continue;
        };
        match fields.iter().find(|f| f.code == code) {
            Some(f) if f.kind == FieldKind::Date && !value.trim().is_empty() => {
                match parse_w3c(state, value).map(|ms| {
                    crate::rollups::ts(ms).to_zoned(state.rules.get().calendars.council.time_zone().clone()).date()
                }) {
                    Some(date) => answers.extend(f.date_answers(date)),
                    None => problems.push(format!("attribute[{code}]: give a date, like 2026-12-01")),
                }
            }
            Some(_) => answers.push((format!("answer-{code}"), value.clone())),
            None => problems.push(format!("attribute[{code}]: the service {:?} asks no such question", service.code)),
        }
    }
    let name =
        [field(pairs, "first_name"), field(pairs, "last_name")].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let mut description = field(pairs, "description").unwrap_or_default().to_owned();
    if let Some(url) = field(pairs, "media_url").map(str::trim).filter(|u| !u.is_empty())
        && !description.trim().is_empty()
    {
        // Recorded as a link for staff to open; never fetched from here.
        description.push_str(&format!("\n\nPhoto: {url}"));
    }
    let address_id = field(pairs, "address_id").unwrap_or_default().trim();
    let token = crate::api::request_token();
    let submission = Submission {
        channel: Some(crate::cases::Channel::Api),
        service_code: service.code.clone(),
        name,
        email: field(pairs, "email").unwrap_or_default().to_owned(),
        phone: field(pairs, "phone").unwrap_or_default().to_owned(),
        // A UK address_id is the property's UPRN when it is all digits.
        uprn: if address_id.bytes().all(|b| b.is_ascii_digit()) { address_id.to_owned() } else { String::new() },
        address: field(pairs, "address_string").unwrap_or_default().to_owned(),
        postcode: String::new(),
        lat: field(pairs, "lat").unwrap_or_default().to_owned(),
        lng: field(pairs, "long").unwrap_or_default().to_owned(),
        description,
        answers,
        uploads: Vec::new(),
        sent_by: Some(SentBy { key_id: key.id, name: key.name.clone(), token: token.clone(), idempotency: None }),
    };
    if !problems.is_empty() {
        return Ok(errors(format, StatusCode::BAD_REQUEST, problems));
    }
    let rules = state.rules.get();
    match crate::intake::submit(&state.db, state.council.clone(), rules, &submission).await {
        Ok(reference) => {
            tracing::info!(case = %reference, key = key.id, "open311 request created");
            let notice = match expected(state, reference.id()).await? {
                Some(due) => format!("We aim to deal with it by {}.", crate::web::pages::track::date(state, due)),
                None => String::new(),
            };
            let value = V::L(
                "request",
                vec![V::O(vec![
                    ("service_request_id", s(reference.to_string())),
                    ("token", s(token)),
                    ("service_notice", s(notice)),
                    ("account_id", V::S(None)),
                ])],
            );
            Ok(ok(format, "service_requests", value))
        }
        Err(IntakeError::Invalid(found)) => {
            let described = found.iter().map(|e| format!("{}: {}", parameter(&e.field), e.message)).collect();
            Ok(errors(format, StatusCode::BAD_REQUEST, described))
        }
        Err(IntakeError::UnknownService(code)) => {
            Ok(error(format, StatusCode::NOT_FOUND, format!("service_code: there is no service {code:?}")))
        }
        Err(IntakeError::Db(err)) => Err(err),
        Err(other) => {
            tracing::error!(error = %other, "open311: the request was not stored");
            Ok(error(format, StatusCode::SERVICE_UNAVAILABLE, "The request was not stored. Send it again"))
        }
    }
}

/// The case's next deadline, if a clock is running.
async fn expected(state: &AppState, case_id: i64) -> Result<Option<i64>, sqlx::Error> {
    Ok(crate::cases::queue::deadline(rows::due(state.db.reader(), case_id).await?))
}

pub async fn token(State(state): State<AppState>, Path(file): Path<String>, Query(pairs): Query<Pairs>) -> Response {
    let Some((token, format)) = split(&file) else { return not_found() };
    let key = match key(&state, format, field(&pairs, "api_key")).await {
        Ok(key) => key,
        Err(refused) => return refused,
    };
    match rows::token(state.db.reader(), token).await {
        Ok(Some((case_id, partner))) if key.sees(partner) => {
            let reference = CaseRef::from_id(&state.council.prefix, case_id).to_string();
            let value = V::L("request", vec![V::O(vec![("service_request_id", s(reference)), ("token", s(token))])]);
            ok(format, "service_requests", value)
        }
        Ok(_) => error(format, StatusCode::NOT_FOUND, "token: there is no such token"),
        Err(err) => server_error(format, err),
    }
}

fn request(state: &AppState, row: rows::Request) -> V {
    let status = Status::parse(&row.status).unwrap_or(Status::Received);
    let e7 = |v: Option<i64>| v.map(crate::cases::db::from_e7);
    V::O(vec![
        ("service_request_id", s(CaseRef::from_id(&state.council.prefix, row.id).to_string())),
        ("status", s(if status.is_open() { "open" } else { "closed" })),
        ("status_notes", V::S(None)),
        ("service_name", s(row.service_name)),
        ("service_code", s(row.service_code)),
        ("description", s(row.description)),
        ("agency_responsible", s(row.agency)),
        ("service_notice", V::S(None)),
        ("requested_datetime", s(w3c(state, row.created_at))),
        ("updated_datetime", s(w3c(state, row.updated_at))),
        (
            "expected_datetime",
            V::S(crate::cases::queue::deadline(row.queue_due_at).filter(|_| status.is_open()).map(|d| w3c(state, d))),
        ),
        ("address", V::S(row.address)),
        ("address_id", V::S(row.uprn.map(|u| u.to_string()))),
        ("zipcode", V::S(row.postcode)),
        ("lat", V::F(e7(row.lat_e7))),
        ("long", V::F(e7(row.lng_e7))),
        ("media_url", V::S(None)),
    ])
}

pub async fn one(State(state): State<AppState>, Path(file): Path<String>, Query(pairs): Query<Pairs>) -> Response {
    let Some((id, format)) = split(&file) else { return not_found() };
    let key = match key(&state, format, field(&pairs, "api_key")).await {
        Ok(key) => key,
        Err(refused) => return refused,
    };
    let Ok(reference) = CaseRef::parse(&state.council.prefix, id) else {
        return error(format, StatusCode::NOT_FOUND, format!("service_request_id: there is no request {id:?}"));
    };
    match rows::one(state.db.reader(), reference.id()).await {
        Ok(Some(row)) if key.sees(row.partner_id) => {
            // A request's description and address can be personal: in the access log, as
            // the JSON API's reads are, under the administrator who made the key.
            let what = format!("case, by Open311 with the API key {:?} ({}…)", key.name, key.shown);
            if let Err(err) =
                crate::cases::db::record_view(state.db.writer(), reference.id(), key.created_by, &what, now_ms()).await
            {
                return server_error(format, err);
            }
            ok(format, "service_requests", V::L("request", vec![request(&state, row)]))
        }
        Ok(_) => error(format, StatusCode::NOT_FOUND, format!("service_request_id: there is no request {id:?}")),
        Err(err) => server_error(format, err),
    }
}

/// The window and page a list asks for: (from, until, offset, limit), or the problems.
fn window(state: &AppState, pairs: &Pairs) -> Result<(i64, i64, i64, i64), Vec<String>> {
    let mut problems = Vec::new();
    let mut date = |name: &str| match field(pairs, name).map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(text) => {
            let parsed = parse_w3c(state, text);
            if parsed.is_none() {
                problems.push(format!("{name}: give a W3C datetime, like 2026-12-01T09:00:00Z"));
            }
            parsed
        }
    };
    let (start, end) = (date("start_date"), date("end_date"));
    let until = end.unwrap_or_else(now_ms);
    let from = start.unwrap_or(until - WINDOW_DAYS * DAY);
    let mut number = |name: &str, default: i64, max: i64| match field(pairs, name).map(str::trim) {
        None | Some("") => default,
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (1..=max).contains(&n) => n,
            _ => {
                problems.push(format!("{name}: give a whole number from 1 to {max}"));
                default
            }
        },
    };
    let page = number("page", 1, CAP);
    let size = number("page_size", 100, CAP);
    if !problems.is_empty() {
        return Err(problems);
    }
    let offset = (page - 1) * size;
    // Never past the cap, however the pages are cut.
    let limit = size.min(CAP - offset).max(0);
    Ok((from, until, offset, limit))
}

async fn list(state: &AppState, format: Format, pairs: &Pairs) -> Result<Response, sqlx::Error> {
    let key = match key(state, format, field(pairs, "api_key")).await {
        Ok(key) => key,
        Err(refused) => return Ok(refused),
    };
    let (from, until, offset, limit) = match window(state, pairs) {
        Ok(w) => w,
        Err(problems) => return Ok(errors(format, StatusCode::BAD_REQUEST, problems)),
    };
    let named = field(pairs, "service_request_id").filter(|v| !v.trim().is_empty());
    let ids = named.map(|v| {
        v.split(',')
            .filter_map(|r| CaseRef::parse(&state.council.prefix, r.trim()).ok())
            .map(|r| r.id())
            .take(CAP as usize)
            .collect::<Vec<_>>()
    });
    if ids.as_ref().is_some_and(Vec::is_empty) {
        return Ok(ok(format, "service_requests", V::L("request", Vec::new())));
    }
    let open = match field(pairs, "status").map(|s| s.trim().to_lowercase()).as_deref() {
        None | Some("") | Some("open,closed") | Some("closed,open") => None,
        Some("open") => Some(true),
        Some("closed") => Some(false),
        Some(other) if ids.is_none() => {
            let why = format!("status: {other:?} is not open, closed or open,closed");
            return Ok(error(format, StatusCode::BAD_REQUEST, why));
        }
        Some(_) => None,
    };
    let filter = rows::Filter {
        ids,
        service_code: field(pairs, "service_code").map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned),
        open,
        from,
        until,
        partner: partner_of(&key),
        limit,
        offset,
    };
    let rows = rows::page(state.db.reader(), &filter).await?;
    let items = rows.into_iter().map(|row| request(state, row)).collect();
    Ok(ok(format, "service_requests", V::L("request", items)))
}

/// The partner a key is kept to, for a partner's key.
fn partner_of(key: &ApiKey) -> Option<i64> {
    match (key.scope(), key.partner_id) {
        (crate::api::Scope::Partner, Some(partner)) => Some(partner),
        _ => None,
    }
}

/// Our status in the updates extension's words.
fn extended(status: Status) -> &'static str {
    match status {
        Status::Received => "OPEN",
        Status::Acknowledged | Status::WaitingForCustomer => "INVESTIGATING",
        Status::InProgress => "IN_PROGRESS",
        Status::Resolved => "FIXED",
        Status::Closed => "CLOSED",
        Status::Reopened => "REOPEN",
    }
}

async fn updates(state: &AppState, format: Format, pairs: &Pairs) -> Result<Response, sqlx::Error> {
    let key = match key(state, format, field(pairs, "api_key")).await {
        Ok(key) => key,
        Err(refused) => return Ok(refused),
    };
    let (from, until, offset, limit) = match window(state, pairs) {
        Ok(w) => w,
        Err(problems) => return Ok(errors(format, StatusCode::BAD_REQUEST, problems)),
    };
    let rows = rows::updates(state.db.reader(), from, until, partner_of(&key), limit, offset).await?;
    let items = rows
        .into_iter()
        .filter(|r| key.sees(r.partner_id))
        .map(|r| {
            let status = match r.to_status {
                Some(number) => Status::from_number(number),
                None => Status::parse(&r.status),
            };
            let description = match r.body {
                Some(body) => body,
                None => status.map(|s| format!("Status: {}", s.label())).unwrap_or_default(),
            };
            V::O(vec![
                ("update_id", s(r.id.to_string())),
                ("service_request_id", s(CaseRef::from_id(&state.council.prefix, r.case_id).to_string())),
                ("status", s(status.map_or("OPEN", extended))),
                ("description", s(description)),
                ("updated_datetime", s(w3c(state, r.at))),
                ("media_url", V::S(None)),
            ])
        })
        .collect();
    Ok(ok(format, "service_request_updates", V::L("request_update", items)))
}

/// A citizen's update sent through the reporting site (a write key), or a partner's
/// system's note of its work (a partner key): a public message on the case.
async fn add_update(state: &AppState, format: Format, pairs: &Pairs) -> Result<Response, sqlx::Error> {
    let key = match key(state, format, field(pairs, "api_key")).await {
        Ok(key) => key,
        Err(refused) => return Ok(refused),
    };
    if !key.may_update() {
        return Ok(error(format, StatusCode::FORBIDDEN, "api_key: this key may not send updates"));
    }
    let id = field(pairs, "service_request_id").unwrap_or_default().trim();
    let case = match CaseRef::parse(&state.council.prefix, id) {
        Ok(reference) => crate::cases::db::get(state.db.reader(), reference.id()).await?,
        Err(_) => None,
    };
    let Some(case) = case.filter(|c| c.case_type == CaseType::ServiceRequest && key.sees(c.partner_id)) else {
        return Ok(error(format, StatusCode::NOT_FOUND, format!("service_request_id: there is no request {id:?}")));
    };
    let text = field(pairs, "description").unwrap_or_default().trim();
    if text.is_empty() || text.chars().count() > crate::forms::DESCRIPTION_MAX {
        let why = format!("description: give the update, up to {} characters", crate::forms::DESCRIPTION_MAX);
        return Ok(error(format, StatusCode::BAD_REQUEST, why));
    }
    let rules = state.rules.get();
    let now = now_ms();
    let mut tx = state.db.begin().await?;
    let event_id = if key.scope() == crate::api::Scope::Partner {
        let event = crate::cases::db::NewEvent {
            actor: crate::cases::Actor { kind: crate::cases::ActorKind::Partner, id: None },
            kind: crate::cases::EventKind::Message,
            public: true,
            body: Some(text),
            from_status: None,
            to_status: None,
        };
        let event_id = crate::casework::append_event(&mut tx, case.id, &event, now).await?;
        crate::casework::clocks::sync(&mut tx, case.id, &rules, event_id, now).await?;
        Some(event_id)
    } else {
        let subject = format!("Update from {}", key.name);
        match crate::actions::resident::reply(&mut tx, &rules, &case, crate::cases::Channel::Api, &subject, text, now)
            .await
        {
            Ok(()) => Some(crate::cases::db::last_event_id(&mut tx, case.id).await?),
            Err(crate::actions::resident::ActError::Db(err)) => return Err(err),
            Err(other) => {
                let why = crate::forms::upper_first(&other.to_string());
                return Ok(error(format, StatusCode::BAD_REQUEST, format!("service_request_id: {why}")));
            }
        }
    };
    tx.commit().await?;
    let value = V::L("request_update", vec![V::O(vec![("update_id", s(event_id.unwrap_or_default().to_string()))])]);
    Ok(ok(format, "service_request_updates", value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_writes_as_the_specifications_xml_and_json() {
        let v = V::L("error", vec![V::O(vec![("code", V::N(403)), ("description", s("a <bad> & key"))])]);
        let mut out = String::new();
        write_xml(&mut out, "errors", &v);
        assert_eq!(
            out,
            "<errors><error><code>403</code><description>a &lt;bad&gt; &amp; key</description></error></errors>"
        );
        assert_eq!(json(&v).to_string(), r#"[{"code":403,"description":"a <bad> & key"}]"#);
        assert_eq!(split("services.xml"), Some(("services", Format::Xml)));
        assert_eq!(split("services.yaml"), None);
        assert_eq!(parameter("answer-when-day"), "attribute[when]");
        assert_eq!(parameter("name"), "first_name");
    }
}
