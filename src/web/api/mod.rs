//! The JSON API, `/api/v1/`: services, cases (create, read, list, change status, add an
//! update), customers and the event feed, for back-office and partner systems. Its
//! OpenAPI 3.1 document is generated from these handlers (utoipa) and served at
//! `/api/openapi.json`, and read as a page at `/api/docs`.
//!
//! Decisions:
//! - A key goes in `Authorization: Bearer fd_...`. Every answer that is not a success
//!   is RFC 9457 problem JSON, naming the field at fault in `errors`.
//! - A read key reads; a write key also creates cases and changes them; a partner key
//!   reads and changes only that partner's cases, and cannot read customer records
//!   (those hold the customer's other cases too).
//! - A public update is a message to the customer: it is emailed to them (or becomes a
//!   phone task) as an officer's reply is. An internal update is a note for staff.
//! - Every change is recorded on the case as done by the system with the key's name.
//! - `Idempotency-Key` is honoured on `POST /api/v1/cases` (see `api::idempotency`);
//!   call records are kept by call id, so a batch sent again changes nothing anyway.
//! - Phone call records come in at `POST /api/v1/calls` (a write key), and the expected
//!   wait on a line goes out at `GET /api/v1/lines/{line}/wait` (no key: no personal data).
//! - Reading a case through the API is written to the access log, as an officer's
//!   view is, under the administrator who made the key and naming the key; reading a
//!   customer record, to the customer access log with the key. Lists and the event
//!   feed are not logged line by line.

mod caller;
mod calls;
mod cases;
mod customers;
mod events;
mod openapi;
mod problem;
mod services;
mod updates;

pub use caller::Caller;
use caller::*;
pub use calls::{CALLS_BODY_MAX, add_calls, line_wait};
pub use cases::{create_case, get_case, list_cases};
pub use customers::{find_customers, get_customer};
pub use events::events;
pub use openapi::{docs, document, openapi, operations};
use problem::*;
pub use problem::{ApiError, FieldProblem, Problem};
pub use services::services;
pub use updates::{add_update, set_status};

use axum::http::{HeaderMap, StatusCode, header};

use crate::api::cases::CaseOut;
use crate::cases::CaseRef;
use crate::web::AppState;

/// The most a page of cases or events holds.
const PAGE_MAX: i64 = 200;
const PAGE_DEFAULT: i64 = 50;
/// The largest request body, in bytes.
pub const BODY_MAX: usize = 64 * 1024;

// ---- Problems -------------------------------------------------------------------

/// The query's parameters, in order.
type Pairs = Vec<(String, String)>;

fn param<'a>(pairs: &'a Pairs, name: &str) -> Option<&'a str> {
    pairs.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
}

fn limit(pairs: &Pairs) -> Result<i64, ApiError> {
    match param(pairs, "limit") {
        None => Ok(PAGE_DEFAULT),
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (1..=PAGE_MAX).contains(&n) => Ok(n),
            _ => Err(ApiError::field(
                StatusCode::BAD_REQUEST,
                "limit",
                format!("Give a whole number from 1 to {PAGE_MAX}"),
            )),
        },
    }
}

/// Reads a JSON body, naming the field at fault when it does not fit.
fn body<T: serde::de::DeserializeOwned>(headers: &HeaderMap, bytes: &[u8]) -> Result<T, ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json")));
    if !is_json {
        return Err(ApiError::field(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type",
            "Send the body as application/json",
        ));
    }
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    let parsed = serde_path_to_error::deserialize::<_, T>(&mut reader);
    if parsed.is_ok() && reader.end().is_err() {
        return Err(ApiError::field(StatusCode::BAD_REQUEST, "body", "Send one JSON value, with nothing after it"));
    }
    match parsed {
        Ok(value) => Ok(value),
        Err(err) => {
            let path = err.path().to_string();
            let field = if path == "." || path.is_empty() { "body".to_owned() } else { path };
            let message = err.inner().to_string();
            let message = message.split(" at line").next().unwrap_or(&message).to_owned();
            Err(ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, field, crate::forms::upper_first(&message)))
        }
    }
}

async fn case_for(state: &AppState, caller: &Caller, reference: &str) -> Result<(i64, CaseOut), ApiError> {
    let Ok(parsed) = CaseRef::parse(&state.council.prefix, reference) else {
        return Err(ApiError::not_found("such case"));
    };
    match crate::api::cases::one(state.db.reader(), &state.council.prefix, parsed.id()).await? {
        Some((case, partner)) if caller.0.sees(partner) => Ok((parsed.id(), case)),
        _ => Err(ApiError::not_found("such case")),
    }
}

/// The case a key may change, by its reference.
async fn changeable(state: &AppState, caller: &Caller, reference: &str) -> Result<i64, ApiError> {
    if !caller.0.may_update() {
        return Err(forbidden("change cases"));
    }
    Ok(case_for(state, caller, reference).await?.0)
}

// ---- Services -------------------------------------------------------------------
