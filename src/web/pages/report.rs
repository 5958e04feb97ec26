//! Reporting or asking for something: the form, its errors, and the confirmation.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::{Chrome, render, you};
use crate::attachments::{self, MAX_FILE_BYTES, MAX_FILE_MB, MAX_FILES};
use crate::cases::{self, CaseRef, CaseType, Channel};
use crate::customers::Customer;
use crate::db::now_ms;
use crate::forms::{DESCRIPTION_MAX, FieldError, thousands};
use crate::intake::{self, Checked, IntakeError, Submission};
use crate::services::{self, Field, Service};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::i18n;

/// The most a report's request body may be: every file at its largest, and the text.
pub const BODY_MAX: usize = MAX_FILES * MAX_FILE_BYTES + 1024 * 1024;

/// The form as posted. Missing fields read as empty, so they get field errors.
#[derive(Debug, Default)]
pub struct ReportForm {
    description: String,
    address: String,
    postcode: String,
    name: String,
    email: String,
    phone: String,
    lat: String,
    lng: String,
    /// Everything posted, for the service's own questions (`answer-CODE`).
    pairs: Vec<(String, String)>,
    /// A resident the council knows (see [`super::you`]): their details come from their
    /// record, and the form does not ask for them.
    known: Option<Customer>,
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
        form.lat = form.value("lat");
        form.lng = form.value("lng");
        form
    }

    /// The first value posted under `name`, or empty.
    fn value(&self, name: &str) -> String {
        self.pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// The tokens of the files added and not taken off again.
    fn uploads(&self) -> Vec<String> {
        let removed: Vec<&String> = self.pairs.iter().filter(|(k, _)| k == "remove").map(|(_, v)| v).collect();
        let mut kept: Vec<String> = Vec::new();
        for (_, token) in self.pairs.iter().filter(|(k, _)| k == "upload") {
            if !removed.contains(&token) && !kept.contains(token) {
                kept.push(token.clone());
            }
        }
        kept
    }

    /// What was posted, as intake reads it. For a resident the council knows (see
    /// [`super::you`]), their details come from their record, not the form.
    fn submission(&self, code: &str) -> Submission {
        let mut submission = Submission {
            channel: Some(Channel::Web),
            service_code: code.to_owned(),
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            // Residents do not know their property's UPRN; staff look it up.
            uprn: String::new(),
            address: self.address.clone(),
            postcode: self.postcode.clone(),
            lat: self.lat.clone(),
            lng: self.lng.clone(),
            description: self.description.clone(),
            answers: self.pairs.clone(),
            uploads: self.uploads(),
            sent_by: None,
            // The language the page was read in: every message about the case is in it.
            language: i18n::current().language,
            ..Submission::default()
        };
        if let Some(customer) = &self.known {
            submission.name = customer.name.clone();
            submission.email = customer.email.clone().unwrap_or_default();
            // A callback needs a phone number: one the record lacks is asked for.
            if let Some(phone) = &customer.phone {
                submission.phone = phone.clone();
            }
        }
        submission
    }

    /// What a page carries forward in hidden fields: everything typed, and the files
    /// still added, but not what was taken off.
    fn carried(&self) -> Vec<(String, String)> {
        let mut carried: Vec<(String, String)> =
            self.pairs.iter().filter(|(k, _)| k != "upload" && k != "remove").cloned().collect();
        carried.extend(self.uploads().into_iter().map(|token| ("upload".to_owned(), token)));
        carried
    }
}

/// A file added to the form, waiting to be sent.
struct Upload {
    token: String,
    filename: String,
    size: String,
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
    uploads: Vec<Upload>,
    map: Option<crate::config::MapSettings>,
    /// A resident the council knows: their details are not asked for.
    known: Option<Customer>,
    max_files: usize,
    max_file_mb: usize,
    /// Notices for this service showing now, which may answer the question first.
    notices: Vec<crate::notices::Notice>,
    /// For a callback request, the times that can be chosen now: (code, words).
    callback_choices: Vec<(String, String)>,
    texts: crate::translations::Texts,
}

impl ReportPage {
    /// A callback request asks for a phone number first, and when to call.
    fn is_callback(&self) -> bool {
        self.service.case_type == CaseType::Callback
    }

    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }

    fn files_hint(&self) -> String {
        self.chrome.t_with(
            "report-files-hint",
            &[("files", &self.max_files.to_string()), ("mb", &self.max_file_mb.to_string())],
        )
    }

    fn description_hint(&self) -> String {
        let id = if self.is_callback() { "report-description-hint-callback" } else { "report-description-hint" };
        self.chrome.t_with(id, &[("max", &self.description_max)])
    }

    /// Every problem with the files: each names its file.
    fn file_errors(&self) -> Vec<&str> {
        self.errors.iter().filter(|e| e.field == "attachments").map(|e| e.message.as_str()).collect()
    }
}

/// Check your answers: what will be sent, with a way back to change each part.
#[derive(Template)]
#[template(path = "pages/check.html")]
struct CheckPage {
    chrome: Chrome,
    texts: crate::translations::Texts,
    /// For a callback request, when to call, in words.
    callback: Option<String>,
    service: Service,
    checked: Checked,
    uploads: Vec<Upload>,
    carried: Vec<(String, String)>,
    known: bool,
}

impl CheckPage {
    fn is_callback(&self) -> bool {
        self.service.case_type == CaseType::Callback
    }

    fn title(&self) -> String {
        self.chrome.t_with("check-title", &[("service", &self.service.name)])
    }

    fn pin_at(&self, lat: &f64, lng: &f64) -> String {
        self.chrome.t_with("check-pin-at", &[("place", &format!("{lat:.5}, {lng:.5}"))])
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
    label: String,
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
                date_parts: [("day", 2), ("month", 2), ("year", 4)]
                    .into_iter()
                    .map(|(part, width)| DatePart {
                        part,
                        label: i18n::text(i18n::current().language, &format!("date-{part}")),
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
    mut service: Service,
    form: ReportForm,
    mut errors: Vec<FieldError>,
) -> Result<ReportPage, AppError> {
    let english = services::db::fields(state.db.reader(), service.id).await?;
    let uploads = uploads(state, &form, &mut errors).await?;
    let known = form.known.clone();
    let mut notices = crate::notices::live(state.db.reader(), Some(service.id), crate::db::now_ms()).await?;
    crate::notices::count_shown(&state.db, &notices);
    let chrome = Chrome::translated(state);
    let texts = super::content_texts(state).await?;
    let mut fields = english.clone();
    texts.fields(&service.code, &mut fields);
    texts.service(&mut service);
    super::services::translate_notices(&texts, &service, &mut notices);
    name_questions_in(&mut errors, &english, &fields);
    i18n::localise(&mut errors, chrome.language);
    let callback_choices = if service.case_type == CaseType::Callback {
        crate::callbacks::choices(&state.rules.get().calendars.council, now_ms())
            .into_iter()
            .map(|w| (w.as_str().to_owned(), chrome.t(&format!("callback-when-{}", w.as_str()))))
            .collect()
    } else {
        Vec::new()
    };
    Ok(ReportPage {
        callback_choices,
        notices,
        chrome,
        questions: questions(&fields, &form, &errors),
        service,
        form,
        errors,
        description_max: thousands(DESCRIPTION_MAX),
        uploads,
        map: state.council.map.clone(),
        known,
        max_files: MAX_FILES,
        max_file_mb: MAX_FILE_MB,
        texts,
    })
}

/// An error that names one of the service's questions names it as the form shows it:
/// the question's words in the page's language, where they are translated.
fn name_questions_in(errors: &mut [FieldError], english: &[Field], shown: &[Field]) {
    for text in errors.iter_mut().filter_map(|e| e.text.as_mut()) {
        for (name, value) in &mut text.args {
            if *name != "label" {
                continue;
            }
            if let Some((_, field)) = english.iter().zip(shown).find(|(en, _)| en.label == *value) {
                value.clone_from(&field.label);
            }
        }
    }
}

/// The files still added to the form. One that has gone (a day passed) is named in an
/// error, not silently forgotten.
async fn uploads(state: &AppState, form: &ReportForm, errors: &mut Vec<FieldError>) -> Result<Vec<Upload>, AppError> {
    let mut shown = Vec::new();
    for token in form.uploads() {
        match attachments::db::pending(state.db.reader(), &token, now_ms()).await? {
            Some(file) => {
                shown.push(Upload { token, filename: file.filename, size: attachments::size_in_words(file.size) });
            }
            None if !errors.iter().any(|e| e.field == "attachments") => errors.push(
                FieldError::new(
                    "attachments",
                    "A file you added was not sent within an hour, so it was deleted. Add it again",
                )
                .with_text("error-file-gone", vec![]),
            ),
            None => {}
        }
    }
    Ok(shown)
}

async fn service(state: &AppState, code: &str) -> Result<Service, AppError> {
    services::db::by_code(state.db.reader(), code).await?.ok_or(AppError::NotFound)
}

pub async fn form(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Result<Html<String>, AppError> {
    let service = service(&state, &code).await?;
    let form = ReportForm { known: you::known(&state, &headers).await?, ..ReportForm::default() };
    render(&page(&state, service, form, Vec::new()).await?)
}

/// The form shown again with what was typed and why it cannot be sent yet.
async fn refused(
    state: &AppState,
    code: &str,
    form: ReportForm,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let page = page(state, service(state, code).await?, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// The form, posted: files are stored as they arrive, then everything is checked. With
/// problems, the form comes back with them; without, the resident checks their answers.
pub async fn submit(
    State(state): State<AppState>,
    Path(code): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    let known = you::known(&state, request.headers()).await?;
    let (mut form, mut errors) = read_posted(&state, request).await?;
    form.known = known;
    match intake::check(&state.db, &form.submission(&code)).await {
        Ok(checked) if errors.is_empty() => {
            let uploads = uploads(&state, &form, &mut errors).await?;
            if !errors.is_empty() {
                return refused(&state, &code, form, errors).await;
            }
            let chrome = Chrome::translated(&state);
            let callback = checked.callback.map(|w| chrome.t(&format!("callback-when-{}", w.as_str())));
            // The answers as the form asked them: the questions and choices in the
            // page's language (what is stored stays in English, for staff).
            let texts = super::content_texts(&state).await?;
            let mut checked = checked;
            let mut fields = services::db::fields(state.db.reader(), checked.service.id).await?;
            texts.fields(&checked.service.code, &mut fields);
            if let Ok(answers) = services::fields::check(&fields, &form.pairs) {
                checked.answers = answers;
            }
            let mut service = checked.service.clone();
            texts.service(&mut service);
            let page = CheckPage {
                callback,
                chrome,
                texts,
                service,
                carried: form.carried(),
                known: form.known.is_some(),
                checked,
                uploads,
            };
            Ok(render(&page)?.into_response())
        }
        Ok(_) => refused(&state, &code, form, errors).await,
        Err(IntakeError::UnknownService(_)) => Err(AppError::NotFound),
        Err(IntakeError::Invalid(found)) => {
            // The form's order: the files' problems sit after the questions.
            let files = errors;
            let mut errors = found;
            let at =
                errors.iter().position(|e| matches!(&*e.field, "address" | "postcode" | "name" | "email" | "phone"));
            let at = at.unwrap_or(errors.len());
            errors.splice(at..at, files);
            refused(&state, &code, form, errors).await
        }
        Err(err) => Err(AppError::Internal(err.into())),
    }
}

/// "Change" on the check page: the form again, filled in, files kept.
pub async fn change(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Html<String>, AppError> {
    let Form(pairs) = form?;
    let service = service(&state, &code).await?;
    let form = ReportForm { known: you::known(&state, &headers).await?, ..ReportForm::from_pairs(pairs) };
    render(&page(&state, service, form, Vec::new()).await?)
}

/// "Send" on the check page: everything is checked again (hidden fields can be changed),
/// then stored. Only once the case is committed does the resident see its reference.
pub async fn send(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(pairs) = form?;
    let form = ReportForm { known: you::known(&state, &headers).await?, ..ReportForm::from_pairs(pairs) };
    match intake::submit(&state.db, state.council.clone(), state.rules.get(), &form.submission(&code)).await {
        Ok(reference) => Ok(Redirect::to(&format!("/cases/{reference}/submitted")).into_response()),
        Err(IntakeError::UnknownService(_)) => Err(AppError::NotFound),
        Err(IntakeError::Invalid(errors)) => refused(&state, &code, form, errors).await,
        Err(err) => Err(AppError::Internal(err.into())),
    }
}

/// Reads a posted form, URL-encoded or multipart. Each file is checked by its content
/// and, if it passes, stored as pending at once, so the form can be shown again with
/// errors without asking for the file a second time. A file's problem names the file.
async fn read_posted(state: &AppState, request: Request) -> Result<(ReportForm, Vec<FieldError>), AppError> {
    let (pairs, errors) = super::posted::read_pairs(state, request, "attachments").await?;
    Ok((ReportForm::from_pairs(pairs), errors))
}

/// A typed reference, or a 404 that says what is wrong with it.
pub fn parse_reference(state: &AppState, reference: &str) -> Result<CaseRef, AppError> {
    use crate::reference::RefError;
    CaseRef::parse(&state.council.prefix, reference).map_err(|err| {
        let english = format!("{}.", crate::forms::upper_first(&err.to_string()));
        match err {
            RefError::Empty => AppError::not_found(english, "error-ref-empty", vec![]),
            RefError::WrongLength => AppError::not_found(english, "error-ref-length", vec![]),
            RefError::BadCharacter(c) => {
                AppError::not_found(english, "error-ref-character", vec![("character", c.to_string())])
            }
            RefError::CheckFailed => AppError::not_found(english, "error-ref-check", vec![]),
        }
    })
}

pub async fn submitted(State(state): State<AppState>, Path(reference): Path<String>) -> Result<Html<String>, AppError> {
    let reference = parse_reference(&state, &reference)?;
    cases::db::get(state.db.reader(), reference.id()).await?.ok_or(AppError::NotFound)?;
    render(&SubmittedPage { chrome: Chrome::translated(&state), reference })
}
