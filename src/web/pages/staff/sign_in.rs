//! Signing in and out.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::crypto::tokens_match;
use crate::db::now_ms;
use crate::forms::FieldError;
use crate::sessions::db::{CHALLENGE_MS, CodeError, SignIn};
use crate::sessions::{self, SignInError};
use crate::web::AppState;
use crate::web::auth::{SESSION_COOKIE, SIGN_IN_COOKIE, SignedIn, safe_next};
use crate::web::cookies::{cookie, set_cookie};
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignInForm {
    email: String,
    password: String,
    csrf: String,
    next: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Next {
    next: String,
    signed_out: Option<String>,
}

#[derive(Template)]
#[template(path = "staff/sign_in.html")]
struct SignInPage {
    chrome: Chrome,
    email: String,
    csrf: String,
    next: String,
    errors: Vec<FieldError>,
    signed_out: bool,
}

impl SignInPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

/// The form, with a fresh double-submit token in a cookie scoped to this page.
fn page(
    state: &AppState,
    status: StatusCode,
    email: String,
    next: &str,
    errors: Vec<FieldError>,
    signed_out: bool,
) -> Result<Response, AppError> {
    let csrf = crate::crypto::new_token();
    let next = safe_next(next).to_owned();
    let page = SignInPage { chrome: Chrome::new(state), email, csrf: csrf.clone(), next, errors, signed_out };
    let cookie = set_cookie(state, SIGN_IN_COOKIE, &csrf, "/staff/sign-in", None);
    Ok((status, [(header::SET_COOKIE, cookie)], render(&page)?).into_response())
}

pub async fn form(State(state): State<AppState>, Query(next): Query<Next>) -> Result<Response, AppError> {
    page(&state, StatusCode::OK, String::new(), &next.next, Vec::new(), next.signed_out.is_some())
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: crate::web::client::Client,
    form: Result<Form<SignInForm>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form?;
    let expected = cookie(&headers, SIGN_IN_COOKIE).unwrap_or_default();
    if !tokens_match(&expected, &form.csrf) {
        return Err(AppError::BadRequest(
            "The sign-in form had expired, or your browser did not send its cookie. Reload the sign-in page and try again; your browser must accept cookies from this site.".to_owned(),
        ));
    }
    let mut errors = Vec::new();
    if form.email.trim().is_empty() {
        errors.push(FieldError::new("email", "Enter your email address".to_owned()));
    }
    if form.password.is_empty() {
        errors.push(FieldError::new("password", "Enter your password".to_owned()));
    }
    if !errors.is_empty() {
        return page(&state, StatusCode::UNPROCESSABLE_ENTITY, form.email, &form.next, errors, false);
    }
    match sessions::db::sign_in(&state.db, &form.email, &form.password, &client.0, now_ms()).await {
        Ok(SignIn::Session(token, _)) => Ok(signed_in(&state, &token, &form.next)),
        Ok(SignIn::Code(challenge)) => {
            // The password was right; the code page finishes the sign-in.
            let cookie = set_cookie(&state, CHALLENGE_COOKIE, &challenge, "/staff/sign-in", Some(CHALLENGE_MS / 1000));
            let to = format!("/staff/sign-in/code?next={}", crate::web::query_escape(safe_next(&form.next)));
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&to)).into_response())
        }
        Err(SignInError::Wrong) => {
            let message = "The email address or password is not right".to_owned();
            let errors = vec![FieldError::new("email", message)];
            page(&state, StatusCode::UNPROCESSABLE_ENTITY, form.email, &form.next, errors, false)
        }
        Err(SignInError::NotAnEmail) => {
            let message = "Enter your email address, like name@council.gov.uk, in 254 characters or fewer".to_owned();
            let errors = vec![FieldError::new("email", message)];
            page(&state, StatusCode::UNPROCESSABLE_ENTITY, String::new(), &form.next, errors, false)
        }
        Err(SignInError::Throttled) => {
            let message = format!(
                "There have been {} wrong passwords for this email address. Wait 15 minutes, then try again",
                sessions::MAX_FAILURES
            );
            let errors = vec![FieldError::new("email", message)];
            let mut response = page(&state, StatusCode::TOO_MANY_REQUESTS, form.email, &form.next, errors, false)?;
            let seconds = sessions::FAILURE_WINDOW_MS / 1000;
            response.headers_mut().insert(header::RETRY_AFTER, seconds.into());
            Ok(response)
        }
        Err(SignInError::Db(err)) => Err(err.into()),
    }
}

/// The session cookie set, the sign-in cookies cleared, and on to the page asked for.
fn signed_in(state: &AppState, token: &str, next: &str) -> Response {
    let session = set_cookie(state, SESSION_COOKIE, token, "/staff", None);
    let mut response = Redirect::to(safe_next(next)).into_response();
    response.headers_mut().append(header::SET_COOKIE, session);
    for name in [SIGN_IN_COOKIE, CHALLENGE_COOKIE] {
        response.headers_mut().append(header::SET_COOKIE, set_cookie(state, name, "", "/staff/sign-in", Some(0)));
    }
    response
}

/// Between the password and the code: the challenge's token. SameSite=Strict keeps
/// another site from posting a code into it.
pub const CHALLENGE_COOKIE: &str = "fd_challenge";

#[derive(Template)]
#[template(path = "staff/sign_in_code.html")]
struct CodePage {
    chrome: Chrome,
    next: String,
    errors: Vec<FieldError>,
}

impl CodePage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

fn code_page(state: &AppState, status: StatusCode, next: &str, errors: Vec<FieldError>) -> Result<Response, AppError> {
    let page = CodePage { chrome: Chrome::new(state), next: safe_next(next).to_owned(), errors };
    Ok((status, render(&page)?).into_response())
}

pub async fn code_form(State(state): State<AppState>, Query(next): Query<Next>) -> Result<Response, AppError> {
    code_page(&state, StatusCode::OK, &next.next, Vec::new())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeForm {
    code: String,
    next: String,
}

pub async fn code_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form?;
    let challenge = cookie(&headers, CHALLENGE_COOKIE).unwrap_or_default();
    let refuse = |status, message: &str| {
        code_page(&state, status, &form.next, vec![FieldError::new("code", message.to_owned())])
    };
    if form.code.trim().is_empty() {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, "Enter the 6-digit code from your authenticator app");
    }
    match sessions::db::complete_with_code(&state.db, &challenge, &form.code, now_ms()).await {
        Ok((token, _)) => Ok(signed_in(&state, &token, &form.next)),
        Err(CodeError::Wrong) => refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "The code is not right. Enter the 6 digits your app shows now; each code can be used once",
        ),
        Err(CodeError::Expired) => {
            Ok(Redirect::to(&format!("/staff/sign-in?next={}", crate::web::query_escape(safe_next(&form.next))))
                .into_response())
        }
        Err(CodeError::Throttled) => refuse(
            StatusCode::TOO_MANY_REQUESTS,
            &format!(
                "There have been {} wrong tries for this account. Wait 15 minutes, then sign in again",
                sessions::MAX_FAILURES
            ),
        ),
        Err(CodeError::Db(err)) => Err(err.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CsrfForm {
    csrf: String,
}

/// Revokes the session in the database, so the cookie is dead on every node, then
/// deletes the cookie.
pub async fn sign_out(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    sessions::db::revoke(&state.db, &signed_in.0.token_hash, now_ms()).await?;
    tracing::info!(staff = signed_in.0.staff.id, "signed out");
    let mut response = Redirect::to("/staff/sign-in?signed_out=1").into_response();
    response.headers_mut().append(header::SET_COOKIE, set_cookie(&state, SESSION_COOKIE, "", "/staff", Some(0)));
    Ok(response)
}
