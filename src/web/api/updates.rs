//! Changing a case: its status, and updates to the customer or notes for staff.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::actions::{self, ActionError, CaseAction};
use crate::api::cases::CaseOut;
use crate::api::feed::Event;
use crate::cases::Status;
use crate::cases::db::ChangeStatusError;
use crate::db::now_ms;
use crate::web::AppState;

use super::*;

/// A change of status.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// `acknowledged`, `in_progress`, `waiting_for_customer`, `resolved`, `closed` or
    /// `reopened`, as the case's type allows.
    pub status: String,
    /// What the customer is told: needed to resolve, to wait for them, or to reopen.
    pub note: Option<String>,
}

/// The case's field names, in the API's words.
pub(super) fn action_problem(err: ActionError, text_field: &str) -> ApiError {
    match err {
        ActionError::Invalid(found) => {
            let problems = found
                .into_iter()
                .map(|e| {
                    let field = match e.field.as_ref() {
                        "status-note" => "note".to_owned(),
                        "reply" | "note" => text_field.to_owned(),
                        other => other.to_owned(),
                    };
                    FieldProblem { field, message: e.message }
                })
                .collect();
            ApiError::fields(StatusCode::UNPROCESSABLE_ENTITY, problems)
        }
        ActionError::Status(ChangeStatusError::NotFound) => ApiError::not_found("such case"),
        ActionError::Status(ChangeStatusError::Db(err)) => err.into(),
        ActionError::Status(other) => {
            ApiError::field(StatusCode::CONFLICT, "status", crate::forms::upper_first(&other.to_string()))
        }
        ActionError::Extend(other) => {
            ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "standard", crate::forms::upper_first(&other.to_string()))
        }
        ActionError::Db(err) => err.into(),
    }
}

/// Does an action to a case as the key's system, with a note of which system did it.
/// Returns the id of the action's own last event.
pub(super) async fn perform_as_system(
    state: &AppState,
    caller: &Caller,
    case_id: i64,
    action: &CaseAction,
    text_field: &str,
) -> Result<i64, ApiError> {
    let rules = state.rules.get();
    let now = now_ms();
    let mut tx = state.db.begin().await?;
    if let Err(err) = actions::perform(&mut tx, &state.council, &rules, case_id, caller.actor(), action, now).await {
        return Err(action_problem(err, text_field));
    }
    let last = crate::cases::db::last_event_id(&mut tx, case_id).await?;
    let note = format!("Done by {} through its API key.", caller.0.name);
    let event = crate::cases::db::NewEvent {
        actor: caller.actor(),
        kind: crate::cases::EventKind::Note,
        public: false,
        body: Some(&note),
        from_status: None,
        to_status: None,
    };
    crate::casework::append_event(&mut tx, case_id, &event, &rules, now).await?;
    tx.commit().await?;
    Ok(last)
}

/// Moves a case to a new status, as an officer would, telling the customer the note
/// when it resolves the case or waits for them.
#[utoipa::path(post, path = "/api/v1/cases/{reference}/status", tag = "cases",
    params(("reference" = String, Path, description = "The case's reference")),
    request_body = StatusChange,
    responses(
        (status = 200, description = "The case, changed", body = CaseOut),
        (status = 401, description = "No key, or not a valid one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key may not change cases", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case, or not one this key can see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The case cannot go to that status from its own", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing or wrong", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the key's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("key" = [])))]
pub async fn set_status(
    State(state): State<AppState>,
    caller: Caller,
    Path(reference): Path<String>,
    headers: HeaderMap,
    bytes: Bytes,
) -> ApiResult {
    let case_id = changeable(&state, &caller, &reference).await?;
    let change: StatusChange = body(&headers, &bytes)?;
    let Some(to) = Status::parse(change.status.trim()) else {
        let known: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "status",
            format!("Give one of {}", known.join(", ")),
        ));
    };
    let action = CaseAction::Status { to, note: change.note.unwrap_or_default() };
    perform_as_system(&state, &caller, case_id, &action, "note").await?;
    let (_, case) = case_for(&state, &caller, &reference).await?;
    Ok(json_response(StatusCode::OK, &case))
}

/// An update on a case.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUpdate {
    #[schema(min_length = 1, max_length = 10000)]
    pub text: String,
    /// A public update is sent to the customer and shown on their case page; otherwise
    /// it is a note for staff.
    pub public: bool,
}

/// Adds an update: a message to the customer, or an internal note.
#[utoipa::path(post, path = "/api/v1/cases/{reference}/updates", tag = "cases",
    params(("reference" = String, Path, description = "The case's reference")),
    request_body = NewUpdate,
    responses(
        (status = 201, description = "The update, as an event on the case", body = Event),
        (status = 401, description = "No key, or not a valid one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key may not change cases", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case, or not one this key can see", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing or wrong", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the key's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("key" = [])))]
pub async fn add_update(
    State(state): State<AppState>,
    caller: Caller,
    Path(reference): Path<String>,
    headers: HeaderMap,
    bytes: Bytes,
) -> ApiResult {
    let case_id = changeable(&state, &caller, &reference).await?;
    let update: NewUpdate = body(&headers, &bytes)?;
    let action =
        if update.public { CaseAction::Reply { text: update.text } } else { CaseAction::Note { text: update.text } };
    let id = perform_as_system(&state, &caller, case_id, &action, "text").await?;
    let event = crate::api::feed::one(state.db.writer(), &state.council.prefix, id).await?;
    let event = event.ok_or_else(|| ApiError::not_found("such update"))?;
    Ok(json_response(StatusCode::CREATED, &event))
}

// ---- Customers and events -------------------------------------------------------
