//! The day's post: letters waiting to be printed, printing them as one PDF (which marks
//! them sent), and a deliberate reprint of one already printed, with its reason.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use crate::cases::CaseRef;
use crate::db::now_ms;
use crate::forms::FieldError;
use crate::letters::{self, ReprintError};
use crate::org::Action;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::staff::when;
use crate::web::pages::{Chrome, render};

/// The most letters the lists show.
const SHOWN: i64 = 200;
/// Printed letters stay on the reprint list this long.
const REPRINT_DAYS: i64 = 14;

struct Row {
    id: i64,
    reference: Option<CaseRef>,
    /// The name, the first line of the address.
    to: String,
    postcode: String,
    subject: String,
    purpose: String,
    written: String,
    printed: String,
    large_print: bool,
    prints: i64,
}

#[derive(Template)]
#[template(path = "staff/post.html")]
struct PostPage {
    chrome: Chrome,
    waiting: Vec<Row>,
    printed: Vec<Row>,
    errors: Vec<FieldError>,
    done: String,
}

impl PostPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    reprinted: Option<i64>,
}

fn row(state: &AppState, l: letters::db::Listed) -> Row {
    let lines: Vec<&str> = l.recipient.lines().collect();
    let to = lines.iter().take(2).copied().collect::<Vec<_>>().join(", ");
    Row {
        id: l.id,
        reference: l.case_id.map(|id| CaseRef::from_id(&state.council.prefix, id)),
        to,
        postcode: lines.last().map(|l| (*l).to_owned()).unwrap_or_default(),
        subject: l.subject,
        purpose: l.purpose.replace('_', " "),
        written: when(state, l.created_at),
        printed: l.sent_at.map(|at| when(state, at)).unwrap_or_default(),
        large_print: l.large_print,
        prints: l.prints,
    }
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    errors: Vec<FieldError>,
    done: String,
) -> Result<PostPage, AppError> {
    let waiting = letters::db::waiting(state.db.reader(), SHOWN).await?;
    let since = now_ms() - REPRINT_DAYS * 86_400_000;
    let printed = letters::db::printed_since(state.db.reader(), since, SHOWN).await?;
    Ok(PostPage {
        chrome: Chrome::staff(state, &signed_in.0, "post"),
        waiting: waiting.into_iter().map(|l| row(state, l)).collect(),
        printed: printed.into_iter().map(|l| row(state, l)).collect(),
        errors,
        done,
    })
}

pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(done): Query<Done>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::PrintPost)?;
    let done = done.reprinted.map(|id| format!("Letter {id} was printed again")).unwrap_or_default();
    render(&page(&state, &signed_in, Vec::new(), done).await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PrintForm {
    csrf: String,
    /// `batch` prints every letter waiting; `reprint` prints `id` again for `reason`.
    action: String,
    id: String,
    reason: String,
}

/// Prints: the batch as one PDF, downloaded, with every letter in it marked printed; or
/// one letter again, with its reason recorded.
pub async fn print(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<PrintForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::PrintPost)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let rules = state.rules.get();
    let now = now_ms();
    let staff_id = signed_in.0.staff.id;
    let (rows, name) = if form.action == "reprint" {
        let Ok(id) = form.id.trim().parse::<i64>() else { return Err(AppError::NotFound) };
        match letters::reprint(&state.db, &rules, staff_id, id, &form.reason, now).await {
            Ok(row) => (vec![row], format!("letter-{id}-reprint.pdf")),
            Err(ReprintError::Db(err)) => return Err(err.into()),
            Err(ReprintError::Missing(_)) => return Err(AppError::NotFound),
            Err(err) => {
                let errors = vec![FieldError::new(format!("reason-{id}"), err.to_string())];
                let page = page(&state, &signed_in, errors, String::new()).await?;
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
            }
        }
    } else {
        let rows = letters::print(&state.db, &rules, Some(staff_id), None, now).await?;
        if rows.is_empty() {
            let page = page(&state, &signed_in, Vec::new(), "There were no letters waiting to print".into()).await?;
            return Ok(render(&page)?.into_response());
        }
        let day = rules.calendars.council.local_date(jiff::Timestamp::now());
        (rows, format!("letters-{day}-{}.pdf", now))
    };
    let pdf = letters::batch_pdf(&state.council, &rules, &rows, now);
    let headers = [
        (header::CONTENT_TYPE, "application/pdf".to_owned()),
        (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        (header::CACHE_CONTROL, "no-store".to_owned()),
    ];
    Ok((headers, pdf).into_response())
}
