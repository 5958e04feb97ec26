//! `/check-officer`: a resident types the number on the identity card of someone at their
//! door and learns whether it is a current officer's, their name and team and, with the
//! resident's postcode, whether that officer has a visit to it arranged today. Nothing
//! else is said. Checks are counted per client address: past the limit in an hour, the
//! page answers 429, so card numbers cannot be guessed by trying them all.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use super::{Chrome, render};
use crate::db::now_ms;
use crate::visits::{self, Checked};
use crate::web::AppState;
use crate::web::client::Client;
use crate::web::error::AppError;

/// Checks allowed from one client address in an hour.
const CHECKS_PER_HOUR: i64 = 20;
const HOUR: i64 = 3_600_000;

#[derive(Template)]
#[template(path = "pages/check_officer.html")]
struct CheckOfficerPage {
    chrome: Chrome,
    card: String,
    postcode: String,
    error: Option<String>,
    result: Option<Checked>,
    phone: String,
}

fn page(state: &AppState, form: CheckForm, error: Option<String>, result: Option<Checked>) -> CheckOfficerPage {
    let phone = state.rules.get().policy.contact.phone.first().map(|l| l.number.clone()).unwrap_or_default();
    CheckOfficerPage {
        chrome: Chrome::translated(state),
        card: form.card,
        postcode: form.postcode,
        error,
        result,
        phone,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CheckForm {
    card: String,
    postcode: String,
}

pub async fn form(State(state): State<AppState>) -> Result<Html<String>, AppError> {
    render(&page(&state, CheckForm::default(), None, None))
}

pub async fn check(
    State(state): State<AppState>,
    client: Client,
    form: Result<Form<CheckForm>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form?;
    let card: String = form.card.trim().chars().filter(|c| !c.is_whitespace()).collect();
    if card.is_empty() || card.chars().count() > 40 {
        let error = Some(Chrome::translated(&state).t("officer-error-card"));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page(&state, form, error, None))?).into_response());
    }
    let now = now_ms();
    let key = crate::throttle::Keyer::of(&state.db).key("check-officer", &client.0);
    let mut conn = state.db.writer().acquire().await?;
    let count = crate::throttle::db::hit(&mut conn, &key, HOUR, now).await?;
    drop(conn);
    if count.hits > CHECKS_PER_HOUR {
        return Err(AppError::TooMany(count.retry_after(now)));
    }
    let postcode = crate::forms::normalise_postcode(&form.postcode);
    let rules = state.rules.get();
    let result = visits::check(state.db.reader(), &rules, &card, postcode.as_deref(), now).await?;
    Ok(render(&page(&state, form, None, Some(result)))?.into_response())
}
