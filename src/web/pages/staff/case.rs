//! The case page: what the case is about, who it is for and their other cases, each
//! promise with its date, the files, and the timeline with public and internal events
//! told apart. Every view, and every file downloaded, is written to the access log.
//!
//! A case the signed-in person may not see is "not found", whether it exists or not, so
//! a partner guessing references learns nothing.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::when;
use crate::app::AppState;
use crate::attachments;
use crate::cases::db::TimelineEntry;
use crate::cases::{ActorKind, Case, CaseRef, Location};
use crate::customers::{self, Customer};
use crate::db::now_ms;
use crate::org::Action;
use crate::services::{self, Answer};
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::report::parse_reference;
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

struct TimelineLine {
    when: String,
    what: &'static str,
    who: String,
    body: Option<String>,
    public: bool,
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
    description: String,
    location: Location,
    answers: Vec<Answer>,
    customer: Option<Customer>,
    may_see_customer: bool,
    other_cases: Vec<CaseLine>,
    promises: Vec<Promise>,
    files: Vec<FileLine>,
    timeline: Vec<TimelineLine>,
}

/// The case behind a reference, if this person may see it; "not found" otherwise.
async fn visible_case(state: &AppState, signed_in: &SignedIn, reference: &str) -> Result<(CaseRef, Case), AppError> {
    signed_in.require(Action::ViewCase)?;
    let reference = parse_reference(state, reference)?;
    let case = crate::cases::db::get(state.db.reader(), reference.id()).await?.ok_or(AppError::NotFound)?;
    if !signed_in.0.staff.sees_case(case.team_id, case.partner_id) {
        return Err(AppError::NotFound);
    }
    Ok((reference, case))
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

fn timeline_line(state: &AppState, entry: TimelineEntry) -> TimelineLine {
    let event = entry.event;
    let who = match (event.actor.kind, entry.staff_name) {
        (ActorKind::Staff, Some(name)) => name,
        (kind, _) => kind.label().to_owned(),
    };
    let body = match (event.body, event.from_status, event.to_status) {
        (Some(body), _, _) => Some(body),
        (None, Some(from), Some(to)) => Some(format!("From {} to {}", from.label(), to.label())),
        _ => None,
    };
    TimelineLine { when: when(state, event.at), what: event.kind.label(), who, body, public: event.public }
}

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(reference): Path<String>,
) -> Result<Html<String>, AppError> {
    let (reference, case) = visible_case(&state, &signed_in, &reference).await?;
    let reader = state.db.reader();
    crate::cases::db::record_view(state.db.writer(), case.id, signed_in.0.staff.id, "case", now_ms()).await?;
    let customer = match case.customer_id {
        Some(id) => customers::db::get(reader, id).await?,
        None => None,
    };
    let other_cases = match &customer {
        Some(customer) => {
            let listed = crate::cases::db::for_customer(reader, customer.id, OTHER_CASES + 1).await?;
            let others = listed.into_iter().filter(|c| c.id != case.id).take(OTHER_CASES as usize).collect();
            case_lines(&state, &signed_in, others)
        }
        None => Vec::new(),
    };
    let files = attachments::db::for_case(reader, case.id)
        .await?
        .into_iter()
        .map(|f| FileLine { id: f.id, filename: f.filename, size: attachments::size_in_words(f.size) })
        .collect();
    let timeline = crate::cases::db::timeline(reader, case.id)
        .await?
        .into_iter()
        .map(|entry| timeline_line(&state, entry))
        .collect();
    let page = CasePage {
        chrome: Chrome::staff(&state, &signed_in.0, "cases"),
        service: services::db::name(reader, case.service_id).await?.unwrap_or_default(),
        status: case.status.label(),
        channel: case.channel.label(),
        received: when(&state, case.created_at),
        answers: crate::cases::db::answers(reader, case.id).await?,
        promises: promises(&state, case.id, false).await?,
        may_see_customer: signed_in.0.staff.role.may(Action::ManageCustomers),
        // A partner sees the case's customer's contact details, to do the work, but not
        // their other cases or their record.
        other_cases: if signed_in.0.staff.role.may(Action::ManageCustomers) { other_cases } else { Vec::new() },
        description: case.description,
        location: case.location,
        customer,
        reference,
        files,
        timeline,
    };
    render(&page)
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

#[derive(Template)]
#[template(path = "staff/find.html")]
struct FindPage {
    chrome: Chrome,
    reference: String,
    errors: Vec<crate::intake::FieldError>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FindQuery {
    reference: Option<String>,
}

/// "Find a case": from a reference to its page. A reference that is mistyped, or for a
/// case this person may not see, gets an error beside the field.
pub async fn find(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(query): Query<FindQuery>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ViewCase)?;
    let mut errors = Vec::new();
    let typed = query.reference.unwrap_or_default();
    match typed.trim() {
        "" if typed.is_empty() => {}
        "" => errors.push("Enter a case reference, like KMB-4K7-9QX".to_owned()),
        given => match visible_case(&state, &signed_in, given).await {
            Ok((reference, _)) => return Ok(Redirect::to(&format!("/staff/cases/{reference}")).into_response()),
            Err(AppError::NotFoundBecause(why)) => errors.push(why),
            Err(AppError::NotFound) => errors.push(format!("There is no case {given} that you can see")),
            Err(err) => return Err(err),
        },
    }
    let page = FindPage {
        chrome: Chrome::staff(&state, &signed_in.0, "cases"),
        reference: typed,
        errors: errors
            .into_iter()
            .map(|message| crate::intake::FieldError { field: "reference".into(), message })
            .collect(),
    };
    let status = if page.errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::NOT_FOUND };
    Ok((status, render(&page)?).into_response())
}
