//! Reporting or asking for something: the form, its errors, and the confirmation.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::{Chrome, render};
use crate::app::AppState;
use crate::cases::{self, CaseRef, CaseType, Channel};
use crate::intake::{self, DESCRIPTION_MAX, FieldError, IntakeError, Submission, thousands};
use crate::services::{self, Field, Service};
use crate::web::error::AppError;

/// The form as posted. Missing fields read as empty, so they get field errors.
#[derive(Debug, Default)]
pub struct ReportForm {
    description: String,
    address: String,
    postcode: String,
    name: String,
    email: String,
    phone: String,
    /// Everything posted, for the service's own questions (`answer-CODE`).
    pairs: Vec<(String, String)>,
}

impl ReportForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut form = ReportForm { pairs, ..ReportForm::default() };
        form.description = form.value("description");
        form.address = form.value("address");
        form.postcode = form.value("postcode");
        form.name = form.value("name");
        form.email = form.value("email");
        form.phone = form.value("phone");
        form
    }

    /// The first value posted under `name`, or empty.
    fn value(&self, name: &str) -> String {
        self.pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "pages/report.html")]
struct ReportPage {
    chrome: Chrome,
    service: Service,
    form: ReportForm,
    errors: Vec<FieldError>,
    description_max: String,
    questions: Vec<Question>,
}

impl ReportPage {
    /// A callback request asks for a phone number first, and when to call.
    fn is_callback(&self) -> bool {
        self.service.case_type == CaseType::Callback
    }

    fn error_for(&self, field: &str) -> Option<&str> {
        crate::intake::error_for(&self.errors, field)
    }
}

#[derive(Template)]
#[template(path = "pages/submitted.html")]
struct SubmittedPage {
    chrome: Chrome,
    reference: CaseRef,
}

/// One of the service's own questions, as the form shows it.
struct Question {
    name: String,
    kind: &'static str,
    label: String,
    hint: String,
    required: bool,
    /// A text or number answer as typed.
    value: String,
    date_parts: Vec<DatePart>,
    choices: Vec<ChoiceView>,
    error: Option<String>,
}

impl Question {
    fn input_type(&self) -> &'static str {
        if self.kind == "single" { "radio" } else { "checkbox" }
    }

    /// The GOV.UK component class for a choice question.
    fn family(&self) -> &'static str {
        if self.kind == "single" { "govuk-radios" } else { "govuk-checkboxes" }
    }
}

/// One box of the GOV.UK date input.
struct DatePart {
    part: &'static str,
    label: &'static str,
    value: String,
    width: u8,
}

struct ChoiceView {
    id: String,
    key: String,
    name: String,
    checked: bool,
}

fn questions(fields: &[Field], form: &ReportForm, errors: &[FieldError]) -> Vec<Question> {
    fields
        .iter()
        .map(|field| {
            let name = field.name();
            let error = errors.iter().find(|e| e.field.starts_with(&name)).map(|e| e.message.clone());
            let choices = field
                .choices
                .iter()
                .enumerate()
                .map(|(i, choice)| ChoiceView {
                    // The first box takes the field's own id, so the error summary reaches it.
                    id: if i == 0 { name.clone() } else { format!("{name}-{}", i + 1) },
                    key: choice.key.clone(),
                    name: choice.name.clone(),
                    checked: form.pairs.iter().any(|(k, v)| *k == name && *v == choice.key),
                })
                .collect();
            Question {
                kind: field.kind.as_str(),
                label: field.label.clone(),
                hint: field.hint.clone(),
                required: field.required,
                value: form.value(&name),
                date_parts: [("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)]
                    .into_iter()
                    .map(|(part, label, width)| DatePart {
                        part,
                        label,
                        value: form.value(&format!("{name}-{part}")),
                        width,
                    })
                    .collect(),
                choices,
                error,
                name,
            }
        })
        .collect()
}

async fn page(
    state: &AppState,
    service: Service,
    form: ReportForm,
    errors: Vec<FieldError>,
) -> Result<ReportPage, AppError> {
    let fields = services::db::fields(state.db.reader(), service.id).await?;
    Ok(ReportPage {
        chrome: Chrome::new(state),
        questions: questions(&fields, &form, &errors),
        service,
        form,
        errors,
        description_max: thousands(DESCRIPTION_MAX),
    })
}

async fn service(state: &AppState, code: &str) -> Result<Service, AppError> {
    services::db::by_code(state.db.reader(), code).await?.ok_or(AppError::NotFound)
}

pub async fn form(State(state): State<AppState>, Path(code): Path<String>) -> Result<Html<String>, AppError> {
    let service = service(&state, &code).await?;
    render(&page(&state, service, ReportForm::default(), Vec::new()).await?)
}

pub async fn submit(
    State(state): State<AppState>,
    Path(code): Path<String>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(pairs) = form?;
    let form = ReportForm::from_pairs(pairs);
    let submission = Submission {
        channel: Some(Channel::Web),
        service_code: code.clone(),
        name: form.name.clone(),
        email: form.email.clone(),
        phone: form.phone.clone(),
        address: form.address.clone(),
        postcode: form.postcode.clone(),
        description: form.description.clone(),
        answers: form.pairs.clone(),
    };
    match intake::submit(&state.db, &state.council, &state.rules.get(), &submission).await {
        // The case is committed: only now does the resident see a reference.
        Ok(reference) => Ok(Redirect::to(&format!("/cases/{reference}/submitted")).into_response()),
        Err(IntakeError::UnknownService(_)) => Err(AppError::NotFound),
        Err(IntakeError::Invalid(errors)) => {
            let page = page(&state, service(&state, &code).await?, form, errors).await?;
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
