//! Phone calls: records in from the telephone system (`POST /api/v1/calls`), and the
//! expected wait out (`GET /api/v1/lines/{line}/wait`), for it to announce.
//!
//! Decisions: a batch is checked whole and stored in one transaction, or refused naming
//! the record and field (`calls[3].answered_at`), with a callback request for each new
//! call whose caller took a callback and whose number is given. Records are kept by call id, so a batch
//! sent again changes nothing: `Idempotency-Key` is checked for form and otherwise needs
//! no memory. The wait needs no key: it holds no personal data, and the telephone system
//! reads it for every caller.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::calls::{self, CallRecord, Outcome};
use crate::db::now_ms;
use crate::web::AppState;

use super::*;

/// The most records in one batch.
pub const BATCH_MAX: usize = 5_000;
/// The largest batch body, in bytes.
pub const CALLS_BODY_MAX: usize = 2 * 1024 * 1024;

/// One call in one queue, as in the CSV import.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CallIn {
    /// The telephone system's id for the call.
    pub call_id: String,
    pub queue: String,
    #[schema(value_type = String, format = DateTime)]
    pub enqueued_at: jiff::Timestamp,
    /// Only for an answered call.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub answered_at: Option<jiff::Timestamp>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub ended_at: Option<jiff::Timestamp>,
    /// `answered`, `abandoned`, `callback`, `overflow` or `timeout`.
    pub outcome: String,
    /// The caller's number: a call whose outcome is `callback` becomes a callback request
    /// on it. Not stored with the call.
    #[serde(default)]
    pub caller: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CallBatch {
    #[schema(max_items = 5000)]
    pub calls: Vec<CallIn>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CallsStored {
    pub received: usize,
    /// Calls not held before.
    pub added: usize,
    /// Calls already held, replaced by the record sent.
    pub updated: usize,
    /// Callback requests made for callers who took a callback in the queue.
    pub callbacks: usize,
}

/// Stores a batch of call records.
#[utoipa::path(post, path = "/api/v1/calls", tag = "phone",
    request_body = CallBatch,
    params(("Idempotency-Key" = Option<String>, Header, description = "Any value: a batch sent again changes nothing, as calls are kept by call_id")),
    responses(
        (status = 200, description = "Every record stored", body = CallsStored),
        (status = 400, description = "A header is wrong", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No key, or not a valid one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key may not send call records", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A record is wrong; nothing was stored", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the key's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("key" = [])))]
pub async fn add_calls(State(state): State<AppState>, caller: Caller, headers: HeaderMap, bytes: Bytes) -> ApiResult {
    if !caller.0.may_create() {
        return Err(forbidden("send call records"));
    }
    super::cases::idempotency_key(&headers)?;
    let batch: CallBatch = body(&headers, &bytes)?;
    if batch.calls.len() > BATCH_MAX {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "calls",
            format!("Send at most {BATCH_MAX} records at a time"),
        ));
    }
    let rules = state.rules.get();
    let Some((standard, measure)) = calls::phone_standard(&rules.policy) else {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "The council's policy has no phone standard to measure calls by",
        ));
    };
    let now = now_ms();
    let mut records: Vec<CallRecord> = Vec::with_capacity(batch.calls.len());
    for (i, call) in batch.calls.into_iter().enumerate() {
        let Some(outcome) = Outcome::parse(call.outcome.trim()) else {
            let known: Vec<&str> = Outcome::ALL.iter().map(|o| o.as_str()).collect();
            return Err(ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("calls[{i}].outcome"),
                format!("Give one of {}", known.join(", ")),
            ));
        };
        let record = CallRecord {
            call_id: call.call_id.trim().to_owned(),
            queue: call.queue.trim().to_owned(),
            enqueued_at: call.enqueued_at.as_millisecond(),
            answered_at: call.answered_at.map(jiff::Timestamp::as_millisecond),
            ended_at: call.ended_at.map(jiff::Timestamp::as_millisecond),
            outcome,
            version: 0,
            caller: call.caller.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()),
        };
        if let Some(problem) = record.problem(now) {
            let (field, message) = problem.split_once(": ").unwrap_or(("", problem.as_str()));
            return Err(ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("calls[{i}].{field}"),
                crate::forms::upper_first(message),
            ));
        }
        records.push(record);
    }
    let received = records.len();
    let records = calls::formats::latest_of(records);
    let against = calls::db::Against { standard, measure, calendar: &rules.calendars.council };
    let imported = crate::intake::calls::import(&state.db, &state.council, &rules, &records, &against).await?;
    state.waits.forget();
    let stored = &imported.stored;
    let out = CallsStored { received, added: stored.added, updated: stored.updated, callbacks: imported.callbacks };
    Ok(json_response(StatusCode::OK, &out))
}

/// What a caller to a line can expect to wait.
#[derive(Debug, Serialize, ToSchema)]
pub struct LineWait {
    /// The line's id, as in the address.
    pub line: String,
    pub name: String,
    pub number: String,
    /// The expected wait; `null` when too few calls were answered recently to say.
    pub expected_wait_seconds: Option<i64>,
    /// The wait in words, for an announcement: "under 1 minute", "2 to 5 minutes".
    pub band: Option<String>,
    /// How many recent answered calls the estimate is based on.
    pub based_on_calls: usize,
    /// How the estimate is made.
    pub method: String,
}

/// The wait a caller to a line can expect now, for the telephone system to announce.
#[utoipa::path(get, path = "/api/v1/lines/{line}/wait", tag = "phone",
    params(("line" = String, Path, description = "The phone line's id, as in the policy (general, council-tax, ...)")),
    responses(
        (status = 200, description = "The expected wait", body = LineWait),
        (status = 404, description = "No such line", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn line_wait(State(state): State<AppState>, Path(line): Path<String>) -> ApiResult {
    let rules = state.rules.get();
    let Some(found) = rules.policy.contact.line(&line) else {
        return Err(ApiError::not_found("such phone line"));
    };
    let wait = state.waits.get(state.db.reader(), found, now_ms()).await?;
    let out = LineWait {
        line: found.id(),
        name: found.name.clone(),
        number: found.number.clone(),
        expected_wait_seconds: wait.seconds,
        band: wait.band.map(str::to_owned),
        based_on_calls: wait.based_on_calls,
        method: format!(
            "A moving average of the waits of the latest {} calls answered in the past 7 days, each newer wait \
             weighted a quarter; none is given with fewer than {}. Worked out at most every 2 seconds.",
            calls::ESTIMATE_CALLS,
            calls::ESTIMATE_MIN_CALLS
        ),
    };
    Ok(json_response(StatusCode::OK, &out))
}
