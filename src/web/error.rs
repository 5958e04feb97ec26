//! One error type for the web edge, rendered as a GOV.UK error page.
//!
//! `AppError` turns into a bare status with an [`ErrorPage`] marker; the
//! [`render_errors`] middleware, which knows the council, draws the page. A 500 is
//! logged with its cause chain and never shows internals.

use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::forms::Text;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("page not found")]
    NotFound,
    /// A 404 with a reason the visitor can act on.
    #[error("{0}")]
    NotFoundBecause(String),
    #[error("{0}")]
    BadRequest(String),
    /// A 404 with a reason, in English and as a Fluent message for the public site.
    #[error("{0}")]
    NotFoundSaid(String, Text),
    /// A 400 with a reason, in English and as a Fluent message for the public site.
    #[error("{0}")]
    BadRequestSaid(String, Text),
    /// No live staff session: sign in, then come back to this address.
    #[error("sign in needed")]
    SignInNeeded(String),
    /// An administrator who must turn on two-step sign-in before anything else.
    #[error("two-step sign-in needed")]
    SecondStepNeeded,
    /// Signed in, but the role does not allow it.
    #[error("not allowed for this role")]
    Forbidden,
    /// A staff form without its session's token: stale, or sent from another site.
    #[error("the form has expired")]
    FormExpired,
    /// Too many tries from this address or at this case: 429, with the whole seconds
    /// until trying again is allowed, as `Retry-After`.
    #[error("too many tries")]
    TooMany(u64),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        AppError::Internal(err.into())
    }
}

impl From<FormRejection> for AppError {
    fn from(rejection: FormRejection) -> Self {
        AppError::unreadable_form(&rejection.body_text())
    }
}

impl AppError {
    /// A 404 whose reason is a Fluent message with arguments; `english` is the same in English.
    pub fn not_found(english: impl Into<String>, id: &'static str, args: Vec<(&'static str, String)>) -> AppError {
        AppError::NotFoundSaid(english.into(), Text { id, args })
    }

    /// A 400 whose reason is a Fluent message with arguments.
    pub fn bad_request(english: impl Into<String>, id: &'static str, args: Vec<(&'static str, String)>) -> AppError {
        AppError::BadRequestSaid(english.into(), Text { id, args })
    }

    /// A form the server could not read; the English names what was wrong with it.
    pub fn unreadable_form(detail: &str) -> AppError {
        AppError::bad_request(
            format!("We could not read the form that was sent ({detail}). Go back and try again."),
            "error-unreadable-form",
            vec![],
        )
    }
}

/// Which error page to draw, carried on the response to [`render_errors`].
#[derive(Debug, Clone)]
pub struct ErrorPage {
    /// Which error, for its words in Fluent (`error-title-KIND`).
    pub kind: &'static str,
    pub title: &'static str,
    pub message: String,
    /// Whether the message is the general one for its kind (in Fluent as
    /// `error-message-KIND`), not a sentence about this request.
    pub general: bool,
    /// A sentence about this request, as a Fluent message.
    pub text: Option<Text>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut text = None;
        let (status, kind, title, message, general) = match self {
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "not-found",
                "Page not found",
                "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.".to_owned(),
                true,
            ),
            AppError::NotFoundBecause(message) => (StatusCode::NOT_FOUND, "not-found", "Page not found", message, false),
            AppError::BadRequest(message) => (StatusCode::BAD_REQUEST, "bad-request", "There is a problem", message, false),
            AppError::NotFoundSaid(message, said) => {
                text = Some(said);
                (StatusCode::NOT_FOUND, "not-found", "Page not found", message, false)
            }
            AppError::BadRequestSaid(message, said) => {
                text = Some(said);
                (StatusCode::BAD_REQUEST, "bad-request", "There is a problem", message, false)
            }
            AppError::SignInNeeded(back) => {
                let to = format!("/staff/sign-in?next={}", crate::web::query_escape(&back));
                return axum::response::Redirect::to(&to).into_response();
            }
            AppError::SecondStepNeeded => {
                return axum::response::Redirect::to("/staff/account?done=needed").into_response();
            }
            AppError::Forbidden => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "You cannot do this",
                "Your role does not include this. Ask your team lead or an administrator if you need it.".to_owned(),
                true,
            ),
            AppError::FormExpired => (
                StatusCode::FORBIDDEN,
                "expired",
                "The form has expired",
                "Nothing was changed. Go back, reload the page and try again.".to_owned(),
                true,
            ),
            AppError::TooMany(seconds) => {
                let mut response = AppError::page(
                    StatusCode::TOO_MANY_REQUESTS,
                    ErrorPage {
                        kind: "too-many",
                        title: "Too many tries",
                        message: "You have sent this too many times in a short time. Wait a few minutes, then try again."
                            .to_owned(),
                        general: true,
                        text: None,
                    },
                );
                response.headers_mut().insert(axum::http::header::RETRY_AFTER, seconds.into());
                return response;
            }
            AppError::Internal(err) => {
                tracing::error!(error = format!("{err:#}"), "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Sorry, there is a problem with the service",
                    "Try again later. Nothing you sent has been given a reference unless you saw one.".to_owned(),
                    true,
                )
            }
        };
        AppError::page(status, ErrorPage { kind, title, message, general, text })
    }
}

impl AppError {
    /// A response that [`render_errors`] draws as this error page.
    fn page(status: StatusCode, page: ErrorPage) -> Response {
        let mut response = status.into_response();
        response.extensions_mut().insert(page);
        response
    }
}
