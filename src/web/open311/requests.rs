//! Reading requests: one, a token's, and a page chosen by the specification's filters.

use super::*;

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

/// A request as the specification gives it, with the date it is promised by (see
/// [`promised`]).
pub(super) fn request(state: &AppState, row: rows::Request, promised: Option<i64>, reader: &Reader) -> V {
    // A property's UPRN says which home; a reader with no key never gets it.
    let uprn = if matches!(reader, Reader::Key(_)) { row.uprn } else { None };
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
        ("expected_datetime", V::S(promised.filter(|_| status.is_open()).map(|d| w3c(state, d)))),
        ("address", V::S(row.address)),
        ("address_id", V::S(uprn.map(|u| u.to_string()))),
        ("zipcode", V::S(row.postcode)),
        // An extension: the ward (its ONS code), from the postcode.
        ("ward", V::S(row.ward)),
        ("lat", V::F(e7(row.lat_e7))),
        ("long", V::F(e7(row.lng_e7))),
        ("media_url", V::S(None)),
    ])
}

pub async fn one(State(state): State<AppState>, Path(file): Path<String>, Query(pairs): Query<Pairs>) -> Response {
    let Some((id, format)) = split(&file) else { return not_found() };
    let reader = match Reader::of(&state, format, field(&pairs, "api_key")).await {
        Ok(reader) => reader,
        Err(refused) => return refused,
    };
    let Ok(reference) = CaseRef::parse(&state.council.prefix, id) else {
        return error(format, StatusCode::NOT_FOUND, format!("service_request_id: there is no request {id:?}"));
    };
    match rows::one(state.db.reader(), reference.id()).await {
        Ok(Some(row)) if reader.sees(row.partner_id, row.public != 0) => {
            // A request's description and address can be personal: in the access log, as
            // the JSON API's reads are, under the administrator who made the key. Read with
            // no key, it is a street problem's public record, as on a public map.
            if let Reader::Key(key) = &reader {
                let what = format!("case, by Open311 with the API key {:?} ({}…)", key.name, key.shown);
                let at = now_ms();
                if let Err(err) =
                    crate::cases::db::record_view(state.db.writer(), reference.id(), key.created_by, &what, at).await
                {
                    return server_error(format, err);
                }
            }
            let promised = match promised(&state, &[row.id]).await {
                Ok(promised) => promised.get(&row.id).copied(),
                Err(err) => return server_error(format, err),
            };
            ok(format, "service_requests", V::L("request", vec![request(&state, row, promised, &reader)]))
        }
        Ok(_) => error(format, StatusCode::NOT_FOUND, format!("service_request_id: there is no request {id:?}")),
        Err(err) => server_error(format, err),
    }
}

/// The window and page a list asks for: (from, until, offset, limit), or the problems.
pub(super) fn window(state: &AppState, pairs: &Pairs) -> Result<(i64, i64, i64, i64), Vec<String>> {
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

pub(super) async fn list(state: &AppState, format: Format, pairs: &Pairs) -> Result<Response, sqlx::Error> {
    let reader = match Reader::of(state, format, field(pairs, "api_key")).await {
        Ok(reader) => reader,
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
        None | Some("" | "open,closed" | "closed,open") => None,
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
        partner: match &reader {
            Reader::Key(key) => partner_of(key),
            Reader::Anyone => None,
        },
        public_only: matches!(reader, Reader::Anyone),
        limit,
        offset,
    };
    let rows = rows::page(state.db.reader(), &filter).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let promised = promised(state, &ids).await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let due = promised.get(&row.id).copied();
            request(state, row, due, &reader)
        })
        .collect();
    Ok(ok(format, "service_requests", V::L("request", items)))
}

/// The partner a key is kept to, for a partner's key.
pub(super) fn partner_of(key: &ApiKey) -> Option<i64> {
    match (key.scope(), key.partner_id) {
        (crate::api::Scope::Partner, Some(partner)) => Some(partner),
        _ => None,
    }
}
