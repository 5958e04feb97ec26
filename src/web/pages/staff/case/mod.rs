//! The case page: what the case is about, who it is for and their other cases, each
//! promise with its date, the files, and the timeline with public and internal events
//! told apart. Every view, and every file downloaded, is written to the access log.
//!
//! A case the signed-in person may not see is "not found", whether it exists or not, so
//! a partner guessing references learns nothing.

pub mod complaint;
mod demand;
mod form;
pub mod information;
mod privacy;
mod timeline;

pub use form::{ActForm, visible_case};

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::when;
use crate::actions::{self, ActionError, CaseAction};
use crate::attachments;
use crate::cases::db::ChangeStatusError;
use crate::cases::{Actor, Case, CaseRef, Location, Status};
use crate::casework::clocks::ExtendError;
use crate::customers::{self, Customer};
use crate::db::now_ms;
use crate::forms::FieldError;
use crate::org::Action;
use crate::plain::{self, Advice};
use crate::services::{self, Answer};
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::track::{Promise, promises};
use crate::web::pages::{Chrome, render};

/// How many of the customer's other cases the page lists.
const OTHER_CASES: i64 = 10;

/// A case in a list: its reference, what, where it stands, when.
pub struct CaseLine {
    pub reference: CaseRef,
    pub service: String,
    pub status: &'static str,
    pub received: String,
}

struct FileLine {
    id: i64,
    filename: String,
    size: String,
}

#[derive(Template)]
#[template(path = "staff/case.html")]
struct CasePage {
    chrome: Chrome,
    reference: CaseRef,
    service: String,
    status: &'static str,
    channel: &'static str,
    received: String,
    /// The language the customer wrote in: our messages to them are in it.
    language: crate::language::Language,
    description: String,
    location: Location,
    answers: Vec<Answer>,
    customer: Option<Customer>,
    may_see_customer: bool,
    other_cases: Vec<CaseLine>,
    promises: Vec<Promise>,
    files: Vec<FileLine>,
    timeline: Vec<timeline::TimelineLine>,
    /// What the person may do here, and with what.
    tools: Tools,
    form: ActForm,
    errors: Vec<FieldError>,
    done: Option<&'static str>,
    /// What the plain-English check found in a reply not yet sent.
    advice: Vec<Advice>,
    complaint: complaint::Panel,
    information: information::Panel,
    /// The customer's contact arrangements in force.
    arrangements: Vec<crate::complaints::db::Arrangement>,
    /// Their needs and adjustments, for the banner (empty for those who may not see them).
    needs: Vec<crate::customers::needs::Recorded>,
    customer_id: i64,
    privacy: privacy::Panel,
    demand: demand::Panel,
}

impl CasePage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

/// The actions the case page offers this person.
#[derive(Default)]
struct Tools {
    work: bool,
    assign: bool,
    extend: bool,
    officers: Vec<(i64, String, bool)>,
    /// The other teams the case may be passed to: (id, name).
    teams: Vec<(i64, String)>,
    /// The statuses the case may move to, as (code, label).
    next_statuses: Vec<(&'static str, &'static str)>,
    /// Running clocks that may be extended: (standard id, title, unit).
    extendable: Vec<(String, String, String)>,
    /// Reply templates: (id, name).
    templates: Vec<(i64, String)>,
}

/// Lines for a list of cases, leaving out those this person may not see.
pub fn case_lines(state: &AppState, signed_in: &SignedIn, cases: Vec<crate::cases::db::Listed>) -> Vec<CaseLine> {
    cases
        .into_iter()
        .filter(|c| signed_in.0.staff.sees_case(c.team_id, c.partner_id))
        .map(|c| CaseLine {
            reference: CaseRef::from_id(&state.council.prefix, c.id),
            service: c.service,
            status: c.status.label(),
            received: when(state, c.created_at),
        })
        .collect()
}

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(reference): Path<String>,
    Query(shown): Query<Shown>,
) -> Result<Html<String>, AppError> {
    let (reference, case) = visible_case(&state, &signed_in, &reference).await?;
    crate::cases::db::record_view(state.db.writer(), case.id, signed_in.0.staff.id, "case", now_ms()).await?;
    let mut form = ActForm { action: shown.open.clone(), ..ActForm::default() };
    // "Use template": the reply starts from it, filled in for this case.
    if let Some(template) = shown.template {
        let template = plain::templates::get(state.db.reader(), template).await?.ok_or(AppError::NotFound)?;
        let name = match case.customer_id {
            Some(id) => customers::db::get(state.db.reader(), id).await?.map(|c| c.name).unwrap_or_default(),
            None => String::new(),
        };
        let service = services::db::name(state.db.reader(), case.service_id).await?.unwrap_or_default();
        form.reply = plain::templates::fill(&template.body, &name, &reference.to_string(), &service);
        form.action = "reply".to_owned();
    }
    let done = match shown.done.as_str() {
        "reply" => Some("Your reply is on its way to the customer."),
        "note" => Some("Note added."),
        "assign" => Some("Assigned."),
        "pass-on" => Some("Passed to the other team."),
        "demand" => Some("The contact's kind is corrected, and the figures with it."),
        "status" => Some("Status changed."),
        "extend" => Some("Deadline extended. The customer has been told the new date."),
        "reclassify" => Some("The case's type is changed, and its promises with it."),
        "stage2-request" => Some("The request for stage 2 is recorded."),
        "stage2-acknowledge" => Some("Stage 2 is acknowledged. The resident has been told when to expect the answer."),
        "answer" => Some("The answer is on its way to the resident, and the case is resolved."),
        "keep" => Some("The promise is kept. The resident has been told."),
        "info-answer" => Some("The answer is on its way to the requester, and the case is resolved."),
        "review-request" => Some("The request for a review is recorded, and its clock has started."),
        "review-answer" => Some("The review's answer is on its way to the requester, and the case is resolved."),
        "publish" => Some("Published in the disclosure log."),
        "withdraw" => Some("Taken out of the disclosure log."),
        "hold" => Some("The legal hold is on. The case is kept until it is released."),
        "release-hold" => Some("The hold is released. The case's personal data goes when its retention period ends."),
        "erase" => Some(
            "Their closed cases are erased. The note on the timeline lists what was erased, and what was kept and why: \
             tell the customer in your reply.",
        ),
        _ => None,
    };
    render(&page(&state, &signed_in, reference, case, form, Vec::new(), done).await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Shown {
    done: String,
    template: Option<i64>,
    /// Which action's form to open: reply, note, status, assign or extend.
    open: String,
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    reference: CaseRef,
    case: Case,
    form: ActForm,
    errors: Vec<FieldError>,
    done: Option<&'static str>,
) -> Result<CasePage, AppError> {
    let reader = state.db.reader();
    let role = signed_in.0.staff.role;
    // The page's reads need nothing from each other (but the customer's other cases and
    // arrangements, which follow the customer), so they are asked at once: the page waits
    // for the slowest of about twenty round trips, not for their sum. Each takes one
    // connection at a time, never two.
    let customer_reads = async {
        let customer = match case.customer_id {
            Some(id) => customers::db::get(reader, id).await?,
            None => None,
        };
        let other_cases = match &customer {
            Some(customer) if role.may(Action::ManageCustomers) => {
                let listed = crate::cases::db::for_customer(reader, customer.id, OTHER_CASES + 1).await?;
                let others = listed.into_iter().filter(|c| c.id != case.id).take(OTHER_CASES as usize).collect();
                case_lines(state, signed_in, others)
            }
            // A partner sees the case's customer's contact details, to do the work, but not
            // their other cases or their record.
            _ => Vec::new(),
        };
        let arrangements = match &customer {
            Some(customer) => crate::complaints::db::arrangements(reader, customer.id).await?,
            None => Vec::new(),
        };
        Ok::<_, AppError>((customer, other_cases, arrangements))
    };
    let files = async {
        Ok::<_, AppError>(
            attachments::db::for_case(reader, case.id)
                .await?
                .into_iter()
                .map(|f| FileLine { id: f.id, filename: f.filename, size: attachments::size_in_words(f.size) })
                .collect(),
        )
    };
    let timeline = async {
        Ok::<_, AppError>(
            crate::cases::db::timeline(reader, case.id)
                .await?
                .into_iter()
                .map(|entry| timeline::line(state, entry))
                .collect(),
        )
    };
    let needs = async {
        match case.customer_id {
            Some(id) => super::needs::flagged(state, &signed_in.0.staff, id, &format!("case {reference}")).await,
            None => Ok(Vec::new()),
        }
    };
    let service = async { Ok::<_, AppError>(services::db::name(reader, case.service_id).await?.unwrap_or_default()) };
    let answers = async { Ok::<_, AppError>(crate::services::db::answers(reader, case.id).await?) };
    let texts = crate::translations::Texts::default();
    let (
        (customer, other_cases, arrangements),
        files,
        timeline,
        tools,
        complaint,
        information,
        needs,
        privacy,
        demand,
        service,
        answers,
        promises,
    ) = tokio::try_join!(
        customer_reads,
        files,
        timeline,
        tools(state, signed_in, &case),
        complaint::panel(state, signed_in, &case),
        information::panel(state, signed_in, &case, &form),
        needs,
        privacy::panel(state, signed_in, &case),
        demand::panel(state, signed_in, &case),
        service,
        answers,
        promises(state, case.id, false, crate::web::i18n::ENGLISH, &texts),
    )?;
    let customer_id = case.customer_id.unwrap_or_default();
    Ok(CasePage {
        needs,
        customer_id,
        privacy,
        demand,
        complaint,
        information,
        arrangements,
        chrome: Chrome::staff(state, &signed_in.0, "cases"),
        service,
        status: case.status.label(),
        channel: case.channel.label(),
        received: when(state, case.created_at),
        language: case.language,
        answers,
        promises,
        may_see_customer: role.may(Action::ManageCustomers),
        other_cases,
        description: case.description,
        location: case.location,
        customer,
        reference,
        files,
        timeline,
        tools,
        advice: if form.checked == "advice" {
            plain::check(letter_text(&form).unwrap_or_default())
        } else {
            Vec::new()
        },
        form,
        errors,
        done,
    })
}

async fn tools(state: &AppState, signed_in: &SignedIn, case: &Case) -> Result<Tools, AppError> {
    let role = signed_in.0.staff.role;
    let mut tools = Tools {
        work: role.may(Action::WorkCase),
        assign: role.may(Action::AssignCase),
        extend: role.may(Action::ExtendDeadline),
        ..Tools::default()
    };
    if tools.work {
        tools.teams =
            crate::org::db::teams(state.db.reader()).await?.into_iter().filter(|(id, _)| *id != case.team_id).collect();
    }
    if tools.work {
        let templates = plain::templates::list(state.db.reader(), true).await?;
        tools.templates = templates.into_iter().map(|t| (t.id, t.name)).collect();
    }
    if tools.assign {
        let people = crate::org::db::members(state.db.reader(), Some(case.team_id), case.partner_id).await?;
        tools.officers = people.into_iter().map(|(id, name)| (id, name, case.officer_id == Some(id))).collect();
    }
    tools.next_statuses = Status::ALL
        .iter()
        .filter(|to| case.status.transition(case.case_type, **to).is_ok())
        .map(|to| (to.as_str(), to.label()))
        .collect();
    if tools.extend {
        let rules = state.rules.get();
        for clock in crate::clocks::db::for_case(state.db.reader(), case.id).await? {
            let Some(standard) = rules.version(&clock.standard_id, clock.standard_version) else { continue };
            if clock.state == crate::clocks::State::Running && standard.extension_cap.is_some() {
                let unit = standard.target.with_count(2).to_string();
                let unit = unit.trim_start_matches("2 ").to_owned();
                tools.extendable.push((standard.id.clone(), standard.title.clone(), unit));
            }
        }
    }
    Ok(tools)
}

/// The text an action sends to the resident, which the plain-English check reads first:
/// a reply, a complaint's answer, an information request's answer or review.
fn letter_text(form: &ActForm) -> Option<&str> {
    match form.action.as_str() {
        "reply" => Some(&form.reply),
        "answer" => Some(&form.answer_text),
        "info-answer" | "review-answer" => Some(&form.info_text),
        _ => None,
    }
}

/// One of the case page's forms: the action goes through the domain, then back to the
/// page with a message; with a problem, the page again with the error beside the field.
pub async fn work_on_case(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(reference): Path<String>,
    form: Result<Form<ActForm>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form?;
    let (reference, case) = visible_case(&state, &signed_in, &reference).await?;
    signed_in.check_csrf(&form.csrf)?;
    // The plain-English check, before anything written to the resident goes (by email or
    // as a letter): its advice is shown, and the officer sends as it is or changes it.
    if form.checked != "yes"
        && let Some(text) = letter_text(&form)
        && !text.trim().is_empty()
        && !plain::check(text).is_empty()
    {
        signed_in.require(match form.action.as_str() {
            "answer" => Action::HandleComplaint,
            "reply" => Action::WorkCase,
            _ => Action::HandleInformationRequest,
        })?;
        let form = ActForm { checked: "advice".to_owned(), ..form };
        return Ok(render(&page(&state, &signed_in, reference, case, form, Vec::new(), None).await?)?.into_response());
    }
    let special = if complaint::handles(&form.action) {
        Some(complaint::handle_complaint(&state, &signed_in, &case, &form).await?)
    } else if information::handles(&form.action) {
        Some(information::handle_information_request(&state, &signed_in, &case, &form).await?)
    } else if privacy::handles(&form.action) {
        Some(privacy::handle_privacy(&state, &signed_in, &case, &form).await?)
    } else if demand::handles(&form.action) {
        Some(demand::handle_demand(&state, &signed_in, &case, &form).await?)
    } else {
        None
    };
    if let Some(done) = special {
        return match done {
            Ok(()) => {
                tracing::info!(case = %reference, action = %form.action, "case action");
                Ok(Redirect::to(&format!("/staff/cases/{reference}?done={}", form.action)).into_response())
            }
            Err(errors) => {
                let page = page(&state, &signed_in, reference, case, form, errors, None).await?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
            }
        };
    }
    let action = match form.action.as_str() {
        "reply" => CaseAction::Reply { text: form.reply.clone() },
        "note" => CaseAction::Note { text: form.note.clone() },
        "assign" => CaseAction::Assign { officer_id: form.officer.parse().ok() },
        "pass-on" => CaseAction::PassOn { team_id: form.team.parse().ok(), reason: form.pass_reason.clone() },
        "status" => match Status::parse(&form.status) {
            Some(to) => CaseAction::Status { to, note: form.status_note.clone() },
            None => return refuse(&state, &signed_in, reference, case, form, "status", "Choose the new status").await,
        },
        "extend" => match form.by.trim().parse::<i64>() {
            Ok(by) => CaseAction::Extend { standard_id: form.standard.clone(), by, reason: form.reason.clone() },
            Err(_) => {
                return refuse(
                    &state,
                    &signed_in,
                    reference,
                    case,
                    form,
                    "by",
                    "Enter how much more time, as a whole number",
                )
                .await;
            }
        },
        _ => return Err(AppError::BadRequest("That is not something a case page does. Go back and try again.".into())),
    };
    let needed = match &action {
        // Passing on what came to the wrong team is the contact centre's work too.
        CaseAction::Reply { .. } | CaseAction::Note { .. } | CaseAction::Status { .. } | CaseAction::PassOn { .. } => {
            Action::WorkCase
        }
        CaseAction::Assign { .. } => Action::AssignCase,
        CaseAction::Extend { .. } => Action::ExtendDeadline,
    };
    signed_in.require(needed)?;
    let mut tx = state.db.begin().await?;
    let rules = state.rules.get();
    let outcome = actions::perform(
        &mut tx,
        &state.council,
        &rules,
        case.id,
        Actor::staff(signed_in.0.staff.id),
        &action,
        now_ms(),
    )
    .await;
    let (field, message) = match outcome {
        Ok(()) => {
            tx.commit().await?;
            tracing::info!(case = %reference, action = %form.action, "case action");
            return Ok(Redirect::to(&format!("/staff/cases/{reference}?done={}", form.action)).into_response());
        }
        Err(ActionError::Invalid(errors)) => {
            drop(tx);
            let page = page(&state, &signed_in, reference, case, form, errors, None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
        Err(ActionError::Status(ChangeStatusError::Db(err)) | ActionError::Db(err)) => return Err(err.into()),
        Err(ActionError::Extend(ExtendError::Db(err))) => return Err(err.into()),
        Err(ActionError::Status(err)) => ("status", crate::forms::upper_first(&err.to_string())),
        Err(ActionError::Extend(err)) => (extend_field(&err), crate::forms::upper_first(&err.to_string())),
    };
    drop(tx);
    refuse(&state, &signed_in, reference, case, form, field, &message).await
}

/// The field an extension's problem belongs beside.
fn extend_field(err: &ExtendError) -> &'static str {
    match err {
        ExtendError::NoReason => "reason",
        ExtendError::Nothing(_) | ExtendError::CapReached { .. } => "by",
        _ => "standard",
    }
}

async fn refuse(
    state: &AppState,
    signed_in: &SignedIn,
    reference: CaseRef,
    case: Case,
    form: ActForm,
    field: &'static str,
    message: &str,
) -> Result<Response, AppError> {
    let errors = vec![FieldError::new(field, message.to_owned())];
    let page = page(state, signed_in, reference, case, form, errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// A file, as a download: never shown in the browser, whatever it claims to be.
pub async fn file(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((reference, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let (_, case) = visible_case(&state, &signed_in, &reference).await?;
    let file = attachments::db::get(state.db.reader(), id).await?.ok_or(AppError::NotFound)?;
    if file.case_id != Some(case.id) {
        return Err(AppError::NotFound);
    }
    crate::cases::db::record_view(state.db.writer(), case.id, signed_in.0.staff.id, &format!("file {id}"), now_ms())
        .await?;
    // The stored name is already cleaned of quotes and control characters; the ASCII
    // fallback drops anything else a header cannot carry.
    let ascii: String = file.filename.chars().filter(|c| c.is_ascii_graphic() || *c == ' ').collect();
    let encoded: String = file
        .filename
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    Ok((
        [
            (header::CONTENT_TYPE, file.content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        file.data,
    )
        .into_response())
}
