//! Mail for people to look at: messages that could not be understood (quarantine), which
//! staff read, send to be read again, or close with a reason; and the outbox, everything
//! the council has sent or is sending.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::when;
use crate::cases::CaseRef;
use crate::db::now_ms;
use crate::forms::FieldError;
use crate::mail;
use crate::org::Action;
use crate::outbox;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

const PAGE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Paging {
    before: Option<i64>,
    done: Option<String>,
}

struct HeldRow {
    id: i64,
    received: String,
    from: String,
    subject: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "staff/mail.html")]
struct QuarantinePage {
    chrome: Chrome,
    rows: Vec<HeldRow>,
    next: Option<i64>,
    done: Option<&'static str>,
}

pub async fn quarantine(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(paging): Query<Paging>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::HandleMail)?;
    let held = mail::db::summaries(&state.db, "quarantined", paging.before, PAGE).await?;
    let next = (held.len() as i64 == PAGE).then(|| held.last().map(|m| m.id)).flatten();
    let rows = held
        .into_iter()
        .map(|m| HeldRow {
            id: m.id,
            received: when(&state, m.received_at),
            from: m.from_address.or(m.envelope_from).unwrap_or_else(|| "(no sender)".to_owned()),
            subject: m.subject.filter(|s| !s.is_empty()).unwrap_or_else(|| "(no subject)".to_owned()),
            reason: m.reason.unwrap_or_default(),
        })
        .collect();
    let done = match paging.done.as_deref() {
        Some("retried") => {
            Some("The message will be read again. If it can be understood now, it joins or opens a case.")
        }
        Some("dismissed") => Some("The message was closed. It is kept, with your reason."),
        _ => None,
    };
    render(&QuarantinePage { chrome: Chrome::staff(&state, &signed_in.0, "mail"), rows, next, done })
}

#[derive(Template)]
#[template(path = "staff/mail_message.html")]
struct MessagePage {
    chrome: Chrome,
    id: i64,
    received: String,
    from: String,
    to: String,
    subject: String,
    state: String,
    reason: String,
    case: Option<CaseRef>,
    text: String,
    quarantined: bool,
    errors: Vec<FieldError>,
}

impl MessagePage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

async fn message_page(
    state: &AppState,
    signed_in: &SignedIn,
    id: i64,
    errors: Vec<FieldError>,
) -> Result<MessagePage, AppError> {
    let mut conn = state.db.reader().acquire().await?;
    let stored = mail::db::get(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    // Shown as text, escaped by the template: never rendered as the sender's HTML.
    let text = String::from_utf8_lossy(&stored.raw[..stored.raw.len().min(200_000)]).into_owned();
    Ok(MessagePage {
        chrome: Chrome::staff(state, &signed_in.0, "mail"),
        id,
        received: when(state, stored.received_at),
        from: stored.from_address.or(stored.envelope_from).unwrap_or_else(|| "(no sender)".to_owned()),
        to: stored.envelope_to.unwrap_or_default(),
        subject: stored.subject.unwrap_or_default(),
        quarantined: stored.state == "quarantined",
        state: stored.state,
        reason: stored.reason.unwrap_or_default(),
        case: stored.case_id.map(|id| CaseRef::from_id(&state.council.prefix, id)),
        text,
        errors,
    })
}

pub async fn message(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::HandleMail)?;
    render(&message_page(&state, &signed_in, id, Vec::new()).await?)
}

/// The message exactly as it came, to open in a mail program. Sent as a download, never
/// shown in the browser, so nothing in it can run on this site.
pub async fn raw(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    signed_in.require(Action::HandleMail)?;
    let mut conn = state.db.reader().acquire().await?;
    let stored = mail::db::get(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let disposition = format!("attachment; filename=\"message-{id}.eml\"");
    Ok((
        [
            (header::CONTENT_TYPE, "message/rfc822".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        stored.raw,
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    csrf: String,
    action: String,
    reason: String,
}

/// Read it again (after the cause was fixed), or close it with a reason.
pub async fn retry_or_dismiss(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    form: Result<Form<ActionForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::HandleMail)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let now = now_ms();
    let staff = &signed_in.0.staff;
    match form.action.as_str() {
        "retry" => {
            if !mail::db::retry(&state.db, id, now).await? {
                return Err(AppError::BadRequest(
                    "That message is no longer waiting; someone may have dealt with it.".to_owned(),
                ));
            }
            tracing::info!(mail = id, staff = staff.id, "quarantined mail sent to be read again");
            Ok(Redirect::to("/staff/mail?done=retried").into_response())
        }
        "dismiss" => {
            let reason = form.reason.trim();
            if reason.is_empty() || reason.chars().count() > 500 {
                let message = "Enter why nothing more is needed, in 500 characters or fewer".to_owned();
                let page = message_page(&state, &signed_in, id, vec![FieldError::new("reason", message)]).await?;
                return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
            }
            let why = format!("Closed by {} ({}): {reason}", staff.name, staff.email);
            if !mail::db::dismiss(&state.db, id, &why, now).await? {
                return Err(AppError::BadRequest(
                    "That message is no longer waiting; someone may have dealt with it.".to_owned(),
                ));
            }
            tracing::info!(mail = id, staff = staff.id, "quarantined mail closed");
            Ok(Redirect::to("/staff/mail?done=dismissed").into_response())
        }
        _ => Err(AppError::BadRequest("Choose what to do with the message.".to_owned())),
    }
}

struct SentRow {
    created: String,
    recipient: String,
    subject: String,
    body: String,
    purpose: String,
    case: Option<CaseRef>,
    state: &'static str,
    tag: &'static str,
}

#[derive(Template)]
#[template(path = "staff/outbox.html")]
struct OutboxPage {
    chrome: Chrome,
    rows: Vec<SentRow>,
    next: Option<i64>,
}

pub async fn outbox(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(paging): Query<Paging>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::HandleMail)?;
    let sent = outbox::db::recent(&state.db, paging.before, PAGE).await?;
    let next = (sent.len() as i64 == PAGE).then(|| sent.last().map(|m| m.id)).flatten();
    let rows = sent
        .into_iter()
        .map(|m| {
            let (state_label, tag) = match (m.sent_at, m.failed_at) {
                (_, Some(_)) => ("Not delivered", "govuk-tag--red"),
                (Some(_), None) => ("Sent", "govuk-tag--green"),
                (None, None) if m.channel == "phone" => ("To phone", "govuk-tag--yellow"),
                (None, None) => ("Waiting to send", "govuk-tag--blue"),
            };
            SentRow {
                created: when(&state, m.created_at),
                recipient: m.recipient,
                subject: m.subject,
                // Advisers see that a private link went, never the link itself.
                body: crate::outbox::hide_private_links(&m.body),
                purpose: m.purpose.replace('_', " "),
                case: m.case_id.map(|id| CaseRef::from_id(&state.council.prefix, id)),
                state: state_label,
                tag,
            }
        })
        .collect();
    render(&OutboxPage { chrome: Chrome::staff(&state, &signed_in.0, "mail"), rows, next })
}
