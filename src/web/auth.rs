//! Staff sign-in at the HTTP edge: the session cookie, the [`SignedIn`] extractor, role
//! checks and CSRF checks. The rules themselves live in `sessions` and `org`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::db::now_ms;
use crate::org::Action;
use crate::sessions::{self, Session};
use crate::web::AppState;
use crate::web::cookies::cookie;
use crate::web::error::AppError;

/// The session cookie. Scoped to `/staff`, so public pages never receive it.
pub const SESSION_COOKIE: &str = "fd_session";
/// A random value the sign-in form repeats, so another site cannot sign a browser in
/// under someone else's account (login CSRF).
pub const SIGN_IN_COOKIE: &str = "fd_sign_in";

/// A signed-in member of staff. A request without a live session is sent to sign in, and
/// comes back to the page it asked for.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Session);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if let Some(token) = cookie(&parts.headers, SESSION_COOKIE)
            && let Some(session) = sessions::db::find(&state.db, &token, now_ms()).await?
        {
            // An administrator without a second step may only set one up (or sign out).
            let path = parts.uri.path();
            if state.council.admin_second_step
                && session.staff.role == crate::org::Role::Admin
                && !matches!(path, "/staff/account" | "/staff/sign-out")
                && sessions::db::second_step_secret(&state.db, session.staff.id).await?.is_none()
            {
                return Err(AppError::SecondStepNeeded);
            }
            return Ok(SignedIn(session));
        }
        let back = parts.uri.path_and_query().map_or("/staff", hyper::http::uri::PathAndQuery::as_str);
        Err(AppError::SignInNeeded(back.to_owned()))
    }
}

impl SignedIn {
    /// Refuses the request unless the role allows `action`.
    pub fn require(&self, action: Action) -> Result<(), AppError> {
        if self.0.staff.role.may(action) { Ok(()) } else { Err(AppError::Forbidden) }
    }

    /// Refuses a form that does not carry this session's token.
    pub fn check_csrf(&self, given: &str) -> Result<(), AppError> {
        if self.0.csrf_matches(given) { Ok(()) } else { Err(AppError::FormExpired) }
    }
}

/// Where to go after signing in: only a page of the staff workspace, never another site.
pub fn safe_next(next: &str) -> &str {
    let local = next.starts_with("/staff") && !next.starts_with("//") && !next.contains('\\');
    if local && !next.starts_with("/staff/sign-in") { next } else { "/staff" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_staff_pages_are_followed_after_sign_in() {
        assert_eq!(safe_next("/staff/log?x=1"), "/staff/log?x=1");
        assert_eq!(safe_next("https://evil.example/staff"), "/staff");
        assert_eq!(safe_next("//evil.example/staff"), "/staff");
        assert_eq!(safe_next("/staff/sign-in"), "/staff");
        assert_eq!(safe_next("/services"), "/staff");
    }
}
