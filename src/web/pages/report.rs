//! Reporting or asking for something: the form, its errors, and the confirmation.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{Chrome, render};
use crate::app::AppState;
use crate::cases::{self, CaseRef, CaseType, Channel};
use crate::intake::{self, DESCRIPTION_MAX, FieldError, IntakeError, Submission, thousands};
use crate::services::{self, Service};
use crate::web::error::AppError;

/// The form as posted. Missing fields read as empty, so they get field errors.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    description: String,
    address: String,
    postcode: String,
    name: String,
    email: String,
    phone: String,
}

#[derive(Template)]
#[template(path = "pages/report.html")]
struct ReportPage {
    chrome: Chrome,
    service: Service,
    form: ReportForm,
    errors: Vec<FieldError>,
    description_max: String,
}

impl ReportPage {
    /// A callback request asks for a phone number first, and when to call.
    fn is_callback(&self) -> bool {
        self.service.case_type == CaseType::Callback
    }

    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }
}

#[derive(Template)]
#[template(path = "pages/submitted.html")]
struct SubmittedPage {
    chrome: Chrome,
    reference: CaseRef,
}

async fn service(state: &AppState, code: &str) -> Result<Service, AppError> {
    services::db::by_code(state.db.reader(), code).await?.ok_or(AppError::NotFound)
}

pub async fn form(State(state): State<AppState>, Path(code): Path<String>) -> Result<Html<String>, AppError> {
    let service = service(&state, &code).await?;
    let page = ReportPage {
        chrome: Chrome::new(&state),
        service,
        form: ReportForm::default(),
        errors: Vec::new(),
        description_max: thousands(DESCRIPTION_MAX),
    };
    render(&page)
}

pub async fn submit(
    State(state): State<AppState>,
    Path(code): Path<String>,
    form: Result<Form<ReportForm>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form?;
    let submission = Submission {
        channel: Some(Channel::Web),
        service_code: code.clone(),
        name: form.name.clone(),
        email: form.email.clone(),
        phone: form.phone.clone(),
        address: form.address.clone(),
        postcode: form.postcode.clone(),
        description: form.description.clone(),
    };
    match intake::submit(&state.db, &state.council, &state.rules.get(), &submission).await {
        // The case is committed: only now does the resident see a reference.
        Ok(reference) => Ok(Redirect::to(&format!("/cases/{reference}/submitted")).into_response()),
        Err(IntakeError::UnknownService(_)) => Err(AppError::NotFound),
        Err(IntakeError::Invalid(errors)) => {
            let page = ReportPage {
                chrome: Chrome::new(&state),
                service: service(&state, &code).await?,
                form,
                errors,
                description_max: thousands(DESCRIPTION_MAX),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(err) => Err(AppError::Internal(err.into())),
    }
}

/// A typed reference, or a 404 that says what is wrong with it.
pub fn parse_reference(state: &AppState, reference: &str) -> Result<CaseRef, AppError> {
    CaseRef::parse(&state.council.prefix, reference)
        .map_err(|err| AppError::NotFoundBecause(sentence(&err.to_string())))
}

pub async fn submitted(State(state): State<AppState>, Path(reference): Path<String>) -> Result<Html<String>, AppError> {
    let reference = parse_reference(&state, &reference)?;
    cases::db::get(state.db.reader(), reference.id()).await?.ok_or(AppError::NotFound)?;
    render(&SubmittedPage { chrome: Chrome::new(&state), reference })
}

/// "that reference ..." as a sentence: "That reference ....".
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}
