//! "Tell us once" for residents: the link in an acknowledgement email remembers who they
//! are in this browser, so the next form takes their details from their record instead
//! of asking again. "Not you?" forgets it.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::customers::{self, Customer};
use crate::db::now_ms;
use crate::web::AppState;
use crate::web::cookies::{cookie, set_cookie};
use crate::web::error::AppError;

/// The cookie holding the link's token: HttpOnly, SameSite=Strict, for the whole site.
pub const YOU_COOKIE: &str = "fd_you";

/// The customer this browser was identified as, if the link is still good.
pub async fn known(state: &AppState, headers: &HeaderMap) -> Result<Option<Customer>, AppError> {
    let Some(token) = cookie(headers, YOU_COOKIE) else { return Ok(None) };
    Ok(customers::db::by_link(state.db.reader(), &token, now_ms()).await?)
}

/// The link from an email: remember it in this browser, then offer the services.
pub async fn remember(State(state): State<AppState>, Path(token): Path<String>) -> Result<Response, AppError> {
    let customer = customers::db::by_link(state.db.reader(), &token, now_ms()).await?;
    if customer.is_none() {
        return Err(AppError::not_found(
            "That link has expired or is not complete. You can still report or ask about anything: we will ask for your details.",
            "error-you-link",
            vec![],
        ));
    }
    let max_age = customers::db::LINK_LIFETIME_MS / 1000;
    let cookie = set_cookie(&state, YOU_COOKIE, &token, "/", Some(max_age));
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/services")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Next {
    next: String,
}

/// "Not you?": forget who this browser was, and go back to the form.
pub async fn forget(State(state): State<AppState>, Query(next): Query<Next>) -> Response {
    let cookie = set_cookie(&state, YOU_COOKIE, "", "/", Some(0));
    // Only back to a form on this site: never an address another site chose.
    let next = next.next.as_str();
    let local = next.starts_with("/services/") && !next.contains("//") && !next.contains('\\');
    let next = if local { next } else { "/services" };
    ([(header::SET_COOKIE, cookie)], Redirect::to(next)).into_response()
}
