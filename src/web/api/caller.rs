//! The key a request carries: checked, counted against its rate limit, and what it may do.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};

use crate::api::{ApiKey, Scope};
use crate::cases::{Actor, ActorKind};
use crate::db::now_ms;
use crate::web::AppState;

use super::*;

/// The key a request carries, checked and counted against its rate limit.
pub struct Caller(pub ApiKey);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let given = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|v| !v.is_empty());
        let Some(given) = given else {
            return Err(ApiError::field(
                StatusCode::UNAUTHORIZED,
                "Authorization",
                "Send the API key as Authorization: Bearer fd_...",
            ));
        };
        let now = now_ms();
        let Some(key) = crate::api::verify(state.db.writer(), given, now).await? else {
            return Err(ApiError::field(
                StatusCode::UNAUTHORIZED,
                "Authorization",
                "This key is not valid, or has been revoked",
            ));
        };
        if let Err(seconds) = state.limiter.take(key.id, now) {
            let mut refused = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "This key has made more than {} requests a minute. Try again in {seconds} second{}",
                    state.limiter.per_minute(),
                    if seconds == 1 { "" } else { "s" }
                ),
            );
            refused.retry_after = Some(seconds);
            return Err(refused);
        }
        Ok(Caller(key))
    }
}

impl Caller {
    pub(super) fn actor(&self) -> Actor {
        match self.0.scope() {
            Scope::Partner => Actor { kind: ActorKind::Partner, id: self.0.partner_id },
            _ => Actor::SYSTEM,
        }
    }

    pub(super) fn partner(&self) -> Option<i64> {
        match self.0.scope() {
            Scope::Partner => Some(self.0.partner_id.unwrap_or(-1)),
            _ => None,
        }
    }
}

pub(super) fn forbidden(what: &str) -> ApiError {
    ApiError::field(StatusCode::FORBIDDEN, "Authorization", format!("This key may not {what}"))
}
