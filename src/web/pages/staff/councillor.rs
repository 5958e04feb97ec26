//! A councillor's pages: the enquiries they made for residents and the cases of their
//! ward, each case's progress, and the form to make an enquiry. Nothing else is open to
//! the role; every view of a case is recorded in the access log.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::cases::{CaseRef, EventKind, Status};
use crate::councillors::{self, Sight};
use crate::db::now_ms;
use crate::forms::FieldError;
use crate::intake::{IntakeError, Submission};
use crate::org::Action;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

/// How many of each list the page shows, newest first.
const LISTED: i64 = 50;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct EnquiryForm {
    csrf: String,
    name: String,
    email: String,
    phone: String,
    #[serde(rename = "postal-address")]
    postal_address: String,
    #[serde(rename = "postal-postcode")]
    postal_postcode: String,
    address: String,
    postcode: String,
    description: String,
}

pub struct Row {
    pub reference: String,
    pub service: String,
    pub status: &'static str,
    pub received: String,
    pub due: String,
}

#[derive(Template)]
#[template(path = "staff/councillor.html")]
struct ListPage {
    chrome: Chrome,
    ward: Option<String>,
    enquiries: Vec<Row>,
    ward_cases: Vec<Row>,
    form: EnquiryForm,
    errors: Vec<FieldError>,
}

impl ListPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

fn row(state: &AppState, line: &councillors::db::Line) -> Row {
    Row {
        reference: CaseRef::from_id(&state.council.prefix, line.id).to_string(),
        service: line.service.clone(),
        status: Status::parse(&line.status).map_or("Unknown", Status::label),
        received: super::when(state, line.created_at),
        due: crate::cases::queue::deadline(line.queue_due_at).map_or_else(String::new, |d| super::when(state, d)),
    }
}

async fn list(
    state: &AppState,
    signed_in: &SignedIn,
    form: EnquiryForm,
    errors: Vec<FieldError>,
) -> Result<ListPage, AppError> {
    let staff = &signed_in.0.staff;
    let pool = state.db.reader();
    let enquiries = councillors::db::enquiries(pool, staff.id, LISTED).await?;
    let ward_cases = match &staff.ward {
        Some(ward) => councillors::db::of_ward(pool, ward, LISTED).await?,
        None => Vec::new(),
    };
    let ward = match &staff.ward {
        Some(code) => Some(councillors::db::ward_name(pool, code).await?.unwrap_or_else(|| code.clone())),
        None => None,
    };
    Ok(ListPage {
        chrome: Chrome::staff(state, &signed_in.0, "councillor"),
        ward,
        enquiries: enquiries.iter().map(|l| row(state, l)).collect(),
        ward_cases: ward_cases.iter().map(|l| row(state, l)).collect(),
        form,
        errors,
    })
}

pub async fn show(State(state): State<AppState>, signed_in: SignedIn) -> Result<Html<String>, AppError> {
    signed_in.require(Action::CouncillorEnquiries)?;
    render(&list(&state, &signed_in, EnquiryForm::default(), Vec::new()).await?)
}

pub async fn enquire(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<EnquiryForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::CouncillorEnquiries)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let submission = Submission {
        name: form.name.clone(),
        email: form.email.clone(),
        phone: form.phone.clone(),
        postal_address: form.postal_address.clone(),
        postal_postcode: form.postal_postcode.clone(),
        address: form.address.clone(),
        postcode: form.postcode.clone(),
        description: form.description.clone(),
        ..Submission::default()
    };
    let rules = state.rules.get();
    match councillors::enquire(&state.db, &state.council, &rules, signed_in.0.staff.id, &submission).await {
        Ok(reference) => Ok(Redirect::to(&format!("/staff/councillor/cases/{reference}")).into_response()),
        Err(IntakeError::Invalid(errors)) => {
            let page = list(&state, &signed_in, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(err) => Err(AppError::Internal(err.into())),
    }
}

#[derive(Template)]
#[template(path = "staff/councillor_case.html")]
struct CasePage {
    chrome: Chrome,
    case: Row,
    own: bool,
    ward: Option<String>,
    /// The resident's name and what was asked, on the councillor's own enquiry only.
    resident: Option<String>,
    description: Option<String>,
    /// (when, what) in the order it happened.
    updates: Vec<(String, String)>,
}

pub async fn case(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(reference): Path<String>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::CouncillorEnquiries)?;
    let staff = &signed_in.0.staff;
    let reference = CaseRef::parse(&state.council.prefix, &reference).map_err(|_| AppError::NotFound)?;
    let pool = state.db.reader();
    let line = councillors::db::one(pool, reference.id()).await?.ok_or(AppError::NotFound)?;
    // A case they may not see is not there, as for every staff page.
    let sight = councillors::sight(staff.id, staff.ward.as_deref(), line.councillor_id, line.ward.as_deref())
        .ok_or(AppError::NotFound)?;
    let own = sight == Sight::OwnEnquiry;
    crate::cases::db::record_view(state.db.writer(), line.id, staff.id, "councillor's view", now_ms()).await?;
    let full = crate::cases::db::get(pool, line.id).await?.ok_or(AppError::NotFound)?;
    let resident = match (own, full.customer_id) {
        (true, Some(id)) => crate::customers::db::get(pool, id).await?.map(|c| c.name),
        _ => None,
    };
    let events = crate::cases::db::events(pool, line.id).await?;
    let updates = events
        .iter()
        .filter(|e| e.public)
        .filter_map(|e| match (e.kind, e.to_status) {
            (EventKind::StatusChanged, Some(to)) => {
                Some((super::when(&state, e.at), format!("Now {}", to.label().to_lowercase())))
            }
            (EventKind::Message, _) if own => Some((super::when(&state, e.at), e.body.clone().unwrap_or_default())),
            _ => None,
        })
        .collect();
    let ward = match &line.ward {
        Some(code) => councillors::db::ward_name(pool, code).await?,
        None => None,
    };
    render(&CasePage {
        chrome: Chrome::staff(&state, &signed_in.0, "councillor"),
        case: row(&state, &line),
        own,
        ward,
        resident,
        description: own.then_some(full.description),
        updates,
    })
}
