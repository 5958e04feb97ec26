//! The event feed: everything that happened to cases since a cursor.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::feed::Event;
use crate::db::now_ms;
use crate::web::AppState;

use super::*;

#[derive(Debug, Serialize, ToSchema)]
pub struct EventPage {
    pub events: Vec<Event>,
    /// Pass as `after` to read on: the last event's id, or `after` again when there
    /// were none.
    pub next: i64,
}

/// Everything that happened to cases since a cursor, oldest first: poll it to keep
/// another system in step. A partner's key reads only its partner's cases.
#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    params(
        ("after" = Option<i64>, Query, description = "The `next` of the page before (0, or none, for the start)", minimum = 0),
        ("limit" = Option<i64>, Query, description = "Events a page, 1 to 200 (50 if not given)", minimum = 1, maximum = 200),
    ),
    responses(
        (status = 200, description = "A page of events", body = EventPage),
        (status = 400, description = "A parameter is not one we know", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No key, or not a valid one", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the key's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("key" = [])))]
pub async fn events(State(state): State<AppState>, caller: Caller, Query(pairs): Query<Pairs>) -> ApiResult {
    let after = match param(&pairs, "after") {
        None => 0,
        Some(text) => match text.parse::<i64>() {
            Ok(n) if n >= 0 => n,
            _ => {
                return Err(ApiError::field(
                    StatusCode::BAD_REQUEST,
                    "after",
                    "Give the next value of the page before",
                ));
            }
        },
    };
    let limit = limit(&pairs)?;
    let events = crate::api::feed::since(
        state.db.reader(),
        state.db.backend(),
        &state.council.prefix,
        after,
        caller.partner(),
        limit,
        now_ms(),
    )
    .await?;
    let next = events.last().map_or(after, |e| e.id);
    Ok(json_response(StatusCode::OK, &EventPage { events, next }))
}

// ---- The document -----------------------------------------------------------------
