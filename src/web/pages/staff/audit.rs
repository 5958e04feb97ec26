//! The access log, for auditors and administrators: who looked at which case, when, and at
//! what, newest first; by case reference or by person; fifty a page, by keyset. Views of
//! customers' records have a page of their own, with why each viewer could see the record.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::when;
use crate::cases::CaseRef;
use crate::forms::FieldError;
use crate::org::{Action, Role};
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

const PAGE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    reference: String,
    email: String,
    before: Option<i64>,
}

struct Line {
    when: String,
    who: String,
    role: &'static str,
    reference: CaseRef,
    what: String,
}

#[derive(Template)]
#[template(path = "staff/audit.html")]
struct AuditPage {
    chrome: Chrome,
    reference: String,
    email: String,
    lines: Vec<Line>,
    next: Option<String>,
    errors: Vec<FieldError>,
}

impl AuditPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(query): Query<AuditQuery>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ReadAccessLog)?;
    let mut errors = Vec::new();
    let reference = query.reference.trim();
    let case_id = match reference {
        "" => None,
        typed => match CaseRef::parse(&state.council.prefix, typed) {
            Ok(reference) => Some(reference.id()),
            Err(err) => {
                errors.push(FieldError::new("reference", format!("Check the reference: {err}")));
                None
            }
        },
    };
    let email = query.email.trim().to_lowercase();
    let staff_id = staff_filter(&state, &email, &mut errors).await?;
    let entries = if errors.is_empty() {
        crate::cases::db::access_log(state.db.reader(), case_id, staff_id, query.before, PAGE + 1).await?
    } else {
        Vec::new()
    };
    let (shown, next) = one_page(
        entries,
        |e| e.id,
        |last| {
            format!(
                "/staff/audit?reference={}&email={}&before={last}",
                crate::web::query_escape(reference),
                crate::web::query_escape(&email)
            )
        },
    );
    let lines = shown
        .into_iter()
        .map(|e| Line {
            when: when(&state, e.at),
            who: format!("{} ({})", e.staff_name, e.staff_email),
            role: Role::parse(&e.staff_role).map_or("Unknown role", |r| r.label()),
            reference: CaseRef::from_id(&state.council.prefix, e.case_id),
            what: match e.what.as_str() {
                "case" => "Opened the case".to_owned(),
                what => {
                    what.strip_prefix("file ").map_or_else(|| what.to_owned(), |id| format!("Downloaded file {id}"))
                }
            },
        })
        .collect();
    let status =
        if errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    let page = AuditPage {
        chrome: Chrome::staff(&state, &signed_in.0, "audit"),
        reference: reference.to_owned(),
        email,
        lines,
        next,
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

/// The first [`PAGE`] of `entries` (read one past it), and the link to the next page
/// (entries before the last shown) when there are more.
fn one_page<T>(entries: Vec<T>, id: impl Fn(&T) -> i64, link: impl FnOnce(i64) -> String) -> (Vec<T>, Option<String>) {
    let more = entries.len() as i64 > PAGE;
    let shown: Vec<T> = entries.into_iter().take(PAGE as usize).collect();
    let next = more.then(|| link(shown.last().map_or(0, id)));
    (shown, next)
}

/// The member of staff an email address names, for a filter; an unknown one is an error.
async fn staff_filter(state: &AppState, email: &str, errors: &mut Vec<FieldError>) -> Result<Option<i64>, AppError> {
    if email.is_empty() {
        return Ok(None);
    }
    let found = crate::org::db::id_by_email(state.db.reader(), email).await?;
    if found.is_none() {
        errors.push(FieldError::new("email", format!("No member of staff has the email address {email}")));
    }
    Ok(found)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CustomerQuery {
    customer: String,
    email: String,
    before: Option<i64>,
}

struct CustomerLine {
    when: String,
    who: String,
    role: &'static str,
    customer_id: i64,
    what: String,
    why: String,
}

#[derive(Template)]
#[template(path = "staff/audit_customers.html")]
struct CustomersPage {
    chrome: Chrome,
    customer: String,
    email: String,
    lines: Vec<CustomerLine>,
    next: Option<String>,
    errors: Vec<FieldError>,
}

impl CustomersPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

/// Who looked at which customer's record (or read it through the API), and why they could.
pub async fn customers(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(query): Query<CustomerQuery>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ReadAccessLog)?;
    let mut errors = Vec::new();
    let customer = query.customer.trim();
    let customer_id = match customer {
        "" => None,
        typed => match typed.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                errors.push(FieldError::new("customer", "Enter the record number, like 1042"));
                None
            }
        },
    };
    let email = query.email.trim().to_lowercase();
    let staff_id = staff_filter(&state, &email, &mut errors).await?;
    let entries = if errors.is_empty() {
        crate::customers::db::access_log(state.db.reader(), customer_id, staff_id, query.before, PAGE + 1).await?
    } else {
        Vec::new()
    };
    let (shown, next) = one_page(
        entries,
        |e| e.id,
        |last| {
            format!(
                "/staff/audit/customers?customer={}&email={}&before={last}",
                crate::web::query_escape(customer),
                crate::web::query_escape(&email)
            )
        },
    );
    let lines = shown
        .into_iter()
        .map(|e| CustomerLine {
            when: when(&state, e.at),
            who: e.who,
            role: e.role.as_deref().and_then(Role::parse).map_or("Another system", |r| r.label()),
            customer_id: e.customer_id,
            what: e.what,
            why: e.why,
        })
        .collect();
    let status =
        if errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    let page = CustomersPage {
        chrome: Chrome::staff(&state, &signed_in.0, "audit"),
        customer: customer.to_owned(),
        email,
        lines,
        next,
        errors,
    };
    Ok((status, render(&page)?).into_response())
}
