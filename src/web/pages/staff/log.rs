//! Logging a phone call, letter, visit or social media message for a resident: a new case,
//! or a contact on the case they already have.

use askama::Template;
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::cases::{self, CaseRef, Channel};
use crate::customers;
use crate::forms::FieldError;
use crate::intake::{self, IntakeError, LOGGED_CHANNELS, Logged, Submission};
use crate::org::Action;
use crate::services::{self, Service};
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

/// The form as posted. Missing fields read as empty, so they get field errors.
#[derive(Debug, Default)]
pub struct LogForm {
    csrf: String,
    channel: String,
    /// The date a letter (or anything logged late) was received.
    received: String,
    received_confirmed: String,
    reference: String,
    service: String,
    description: String,
    address: String,
    postcode: String,
    name: String,
    email: String,
    phone: String,
    uprn: String,
    postal_address: String,
    postal_postcode: String,
    prefers_post: String,
    large_print: String,
    /// The language they want us to write in: en, cy or ar.
    language: String,
    resolved: String,
    outcome: String,
    /// What the contact was (a demand code), or empty to be worked out.
    demand: String,
    /// Why they got in touch, in their own words.
    reason: String,
    /// Tokens of the scans added, kept while the form is shown again.
    uploads: Vec<String>,
}

impl LogForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> LogForm {
        let mut form = LogForm::default();
        for (name, value) in pairs {
            let slot = match name.as_str() {
                "csrf" => &mut form.csrf,
                "channel" => &mut form.channel,
                "received" => &mut form.received,
                "received-confirmed" => &mut form.received_confirmed,
                "reference" => &mut form.reference,
                "service" => &mut form.service,
                "description" => &mut form.description,
                "address" => &mut form.address,
                "postcode" => &mut form.postcode,
                "name" => &mut form.name,
                "email" => &mut form.email,
                "phone" => &mut form.phone,
                "uprn" => &mut form.uprn,
                "postal-address" => &mut form.postal_address,
                "postal-postcode" => &mut form.postal_postcode,
                "prefers-post" => &mut form.prefers_post,
                "large-print" => &mut form.large_print,
                "language" => &mut form.language,
                "resolved" => &mut form.resolved,
                "outcome" => &mut form.outcome,
                "demand" => &mut form.demand,
                "reason" => &mut form.reason,
                "upload" => {
                    if !form.uploads.contains(&value) {
                        form.uploads.push(value);
                    }
                    continue;
                }
                _ => continue,
            };
            // The first value posted under a name counts.
            if slot.is_empty() {
                *slot = value;
            }
        }
        form
    }
}

#[derive(Template)]
#[template(path = "staff/log.html")]
struct LogPage {
    chrome: Chrome,
    form: LogForm,
    channels: Vec<Channel>,
    services: Vec<Service>,
    demands: &'static [crate::contacts::Demand],
    /// The policy's window for a repeat contact, in days.
    repeat_days: i64,
    errors: Vec<FieldError>,
    /// The known customer's needs and adjustments, for the banner, and their record's id.
    needs: Vec<crate::customers::needs::Recorded>,
    customer_id: i64,
}

impl LogPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }

    fn languages(&self) -> [crate::language::Language; 3] {
        crate::language::LANGUAGES
    }
}

#[derive(Template)]
#[template(path = "staff/logged.html")]
struct LoggedPage {
    chrome: Chrome,
    reference: CaseRef,
    status: &'static str,
    /// What to tell the resident we will do and by when ("reply by Monday 7 December
    /// 2026"), and the standard's words: the case's first promise
    /// after acknowledging it, in the words of its standard.
    promise: Option<(String, String)>,
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    form: LogForm,
    errors: Vec<FieldError>,
) -> Result<LogPage, AppError> {
    Ok(LogPage {
        chrome: Chrome::staff(state, &signed_in.0, "log"),
        form,
        channels: LOGGED_CHANNELS.to_vec(),
        services: services::db::list_active(state.db.reader()).await?,
        demands: crate::contacts::Demand::ALL,
        repeat_days: state.rules.get().policy.insight.repeat_within_days,
        errors,
        needs: Vec::new(),
        customer_id: 0,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ForCustomer {
    /// A customer record's id: the form starts with what the council knows of them.
    customer: Option<i64>,
    /// How they made contact, when not a phone call: `visit` from the reception desk.
    channel: Option<String>,
}

pub async fn form(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(query): Query<ForCustomer>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::LogContact)?;
    let channel = query
        .channel
        .as_deref()
        .and_then(Channel::parse)
        .filter(|c| crate::intake::LOGGED_CHANNELS.contains(c))
        .unwrap_or(Channel::Phone);
    // A letter is usually logged the day it is opened: today, which the adviser changes
    // for one that came earlier.
    let today = state.rules.get().calendars.council.local_date(jiff::Timestamp::now());
    let mut form = LogForm { channel: channel.as_str().to_owned(), received: today.to_string(), ..LogForm::default() };
    // Tell us once: a caller the council knows is not asked for their details again.
    if let Some(id) = query.customer {
        let customer = customers::db::get(state.db.reader(), id).await?.ok_or(AppError::NotFound)?;
        let customer = match customer.merged_into {
            Some(kept) => customers::db::get(state.db.reader(), kept).await?.ok_or(AppError::NotFound)?,
            None => customer,
        };
        // The form is filled in from the record: the same rule as the record's page.
        let why = super::customer::visible(&state, &signed_in.0.staff, customer.id).await?;
        let viewer = customers::db::Viewer::Staff(signed_in.0.staff.id);
        customers::db::record_view(state.db.writer(), customer.id, viewer, "log form", why, crate::db::now_ms())
            .await?;
        form.name = customer.name;
        form.email = customer.email.unwrap_or_default();
        form.phone = customer.phone.unwrap_or_default();
        form.uprn = customer.uprn.map(|u| u.to_string()).unwrap_or_default();
        form.postal_address = customer.address.unwrap_or_default();
        form.postal_postcode = customer.postcode.unwrap_or_default();
        // What the adviser must do differently for them, before they take the call.
        let needs = super::needs::flagged(&state, &signed_in.0.staff, customer.id, "log form").await?;
        let mut shown = page(&state, &signed_in, form, Vec::new()).await?;
        (shown.needs, shown.customer_id) = (needs, customer.id);
        return render(&shown);
    }
    render(&page(&state, &signed_in, form, Vec::new()).await?)
}

/// The posted form, URL-encoded or multipart with a letter's scan. The scan is stored
/// as pending at once (`posted::read_pairs`), so a form shown again with errors keeps it.
pub async fn submit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    request: Request,
) -> Result<Response, AppError> {
    signed_in.require(Action::LogContact)?;
    let (pairs, file_errors) = crate::web::pages::posted::read_pairs(&state, request, "scan").await?;
    let form = LogForm::from_pairs(pairs);
    signed_in.check_csrf(&form.csrf)?;
    if !file_errors.is_empty() {
        let page = page(&state, &signed_in, form, file_errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    // A contact joins only a case this person may see: a caseworker's own team's.
    if let Ok(reference) = CaseRef::parse(&state.council.prefix, form.reference.trim()) {
        let case = cases::db::get(state.db.reader(), reference.id()).await?;
        if case.is_some_and(|c| !signed_in.0.staff.sees_case(c.team_id, c.partner_id)) {
            let message =
                format!("There is no case {reference} that you can add to. Leave it empty to open a new case");
            let errors = vec![FieldError::new("reference", message)];
            let page = page(&state, &signed_in, form, errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
    }
    let logged = Logged {
        staff_id: signed_in.0.staff.id,
        channel: form.channel.clone(),
        reference: form.reference.clone(),
        submission: Submission {
            channel: None,
            service_code: form.service.clone(),
            name: form.name.clone(),
            email: form.email.clone(),
            phone: form.phone.clone(),
            uprn: form.uprn.clone(),
            address: form.address.clone(),
            postcode: form.postcode.clone(),
            description: form.description.clone(),
            postal_address: form.postal_address.clone(),
            postal_postcode: form.postal_postcode.clone(),
            prefers_post: form.prefers_post == "yes",
            large_print: form.large_print == "yes",
            // An unknown code is English, the form's default.
            language: crate::language::of_code(&form.language),
            uploads: form.uploads.clone(),
            ..Submission::default()
        },
        resolved: form.resolved == "yes",
        outcome: form.outcome.clone(),
        received: form.received.clone(),
        received_confirmed: form.received_confirmed == "yes",
        demand: form.demand.clone(),
        reason: form.reason.clone(),
    };
    match intake::log(&state.db, &state.council, &state.rules.get(), &logged).await {
        Ok(reference) => Ok(Redirect::to(&format!("/staff/log/{reference}")).into_response()),
        Err(IntakeError::Invalid(errors)) => {
            let page = page(&state, &signed_in, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(err) => Err(AppError::Internal(err.into())),
    }
}

/// The confirmation, with the reference to read out to the resident.
pub async fn logged(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(reference): Path<String>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::LogContact)?;
    let reference = crate::web::pages::report::parse_reference(&state, &reference)?;
    let case = cases::db::get(state.db.reader(), reference.id()).await?.ok_or(AppError::NotFound)?;
    // The same rule as the case's own page: a case this person may not see is not there.
    if !signed_in.0.staff.sees_case(case.team_id, case.partner_id) {
        return Err(AppError::NotFound);
    }
    let rules = state.rules.get();
    let clocks = crate::clocks::db::for_case(state.db.reader(), case.id).await?;
    let running = clocks.iter().filter(|c| c.state == crate::clocks::State::Running).filter_map(|c| {
        let due = jiff::Timestamp::from_millisecond(c.due_at?).ok()?;
        Some((due, rules.version(&c.standard_id, c.standard_version)?))
    });
    let service = services::db::get(state.db.reader(), case.service_id).await?.map(|s| s.code).unwrap_or_default();
    // Logging a contact does not acknowledge it: only running clocks are promised.
    let promise = crate::standards::next_promise(&rules, running, case.channel, case.case_type, &service, None)
        .map(|p| (p.what, p.wording));
    render(&LoggedPage {
        chrome: Chrome::staff(&state, &signed_in.0, "log"),
        reference,
        status: case.status.label(),
        promise,
    })
}
