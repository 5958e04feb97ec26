//! The access log, for auditors and administrators: who looked at which case, when, and at
//! what, newest first; by case reference or by person; fifty a page, by keyset.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::when;
use crate::app::AppState;
use crate::cases::CaseRef;
use crate::intake::FieldError;
use crate::org::{Action, Role};
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
        crate::intake::error_for(&self.errors, field)
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
    let staff_id = match email.as_str() {
        "" => None,
        typed => {
            let found = crate::org::db::id_by_email(state.db.reader(), typed).await?;
            if found.is_none() {
                errors.push(FieldError::new("email", format!("No member of staff has the email address {typed}")));
            }
            found
        }
    };
    let entries = if errors.is_empty() {
        crate::cases::db::access_log(state.db.reader(), case_id, staff_id, query.before, PAGE + 1).await?
    } else {
        Vec::new()
    };
    let more = entries.len() as i64 > PAGE;
    let shown: Vec<_> = entries.into_iter().take(PAGE as usize).collect();
    let next = more.then(|| {
        let last = shown.last().map_or(0, |e| e.id);
        format!(
            "/staff/audit?reference={}&email={}&before={last}",
            crate::web::query_escape(reference),
            crate::web::query_escape(&email)
        )
    });
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
