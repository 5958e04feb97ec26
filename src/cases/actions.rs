//! What staff do to a case from its page: reply to the customer, add an internal note,
//! assign it, change its status, extend a deadline. Each goes through the domain in one
//! transaction with its event (and outbox row when the customer is told something).
//! Who may do which is `Role::may`; which cases, `Staff::sees_case`.

use sqlx::AnyConnection;

use super::db::{ChangeStatusError, NewEvent, append_event, change_status};
use super::{Actor, CaseRef, Channel, EventKind, Status};
use crate::clocks::db::ExtendError;
use crate::config::Council;
use crate::contacts::Direction;
use crate::contacts::db::NewContact;
use crate::intake::{Checker, FieldError, OUTCOME_MAX};
use crate::outbox::{self, NewMessage, OutChannel, Purpose};
use crate::standards::Rules;

/// The longest reply or note, in characters.
pub const TEXT_MAX: usize = 10_000;

/// One thing done to a case.
#[derive(Debug, Clone)]
pub enum CaseAction {
    /// A message to the customer, by email (or a phone task when they have no email).
    Reply { text: String },
    /// For staff only.
    Note { text: String },
    /// To an officer, or to nobody.
    Assign { officer_id: Option<i64> },
    /// Resolve, close, reopen, wait for the customer, or back to in progress. Resolving
    /// and waiting tell the customer the note.
    Status { to: Status, note: String },
    /// More time on one standard's clock, with the reason the customer is told.
    Extend { standard_id: String, by: i64, reason: String },
}

#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error("the action has {} problem(s)", .0.len())]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Status(#[from] ChangeStatusError),
    #[error(transparent)]
    Extend(#[from] ExtendError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

fn invalid(field: &'static str, message: impl Into<String>) -> ActionError {
    ActionError::Invalid(vec![FieldError::new(field, message)])
}

/// Does `action` to the case in the caller's transaction, as `actor`: an officer from
/// the case page, or another system through the JSON API. Only an officer may extend.
pub async fn act(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    case_id: i64,
    actor: Actor,
    action: &CaseAction,
    now: i64,
) -> Result<(), ActionError> {
    match action {
        CaseAction::Reply { text } => {
            let text = checked_text("reply", "the reply", text)?;
            let event_id =
                append_event(&mut *conn, case_id, &event(actor, EventKind::Message, true, &text), now).await?;
            tell_customer(&mut *conn, council, case_id, Purpose::Reply, &text, now).await?;
            crate::clocks::db::sync(&mut *conn, case_id, rules, event_id, now).await?;
        }
        CaseAction::Note { text } => {
            let text = checked_text("note", "the note", text)?;
            append_event(&mut *conn, case_id, &event(actor, EventKind::Note, false, &text), now).await?;
        }
        CaseAction::Assign { officer_id } => assign(&mut *conn, case_id, *officer_id, actor, now).await?,
        CaseAction::Status { to, note } => {
            let needs_note = matches!(to, Status::Resolved | Status::WaitingForCustomer | Status::Reopened);
            let mut c = Checker::default();
            let note = c.text("status-note", "a note for the customer", note, OUTCOME_MAX, needs_note);
            if *to == Status::Resolved
                && let Some(case) = super::db::get(&mut *conn, case_id).await?
                && let Some(why) = crate::information::unrecorded_outcome(&mut *conn, &case).await?
            {
                c.fail("status", why);
            }
            if !c.errors.is_empty() {
                return Err(ActionError::Invalid(c.errors));
            }
            change_status(&mut *conn, case_id, *to, actor, note.as_deref(), rules, now).await?;
            // What was done, or what we need from them: the customer hears it at once.
            if let (Some(note), Status::Resolved | Status::WaitingForCustomer) = (&note, to) {
                tell_customer(&mut *conn, council, case_id, Purpose::Update, note, now).await?;
            }
        }
        CaseAction::Extend { standard_id, by, reason } => {
            let (super::ActorKind::Staff, Some(staff_id)) = (actor.kind, actor.id) else {
                return Err(invalid("standard", "Only an officer may extend a deadline"));
            };
            crate::clocks::db::extend(&mut *conn, case_id, standard_id, *by, reason, staff_id, rules, council, now)
                .await?;
        }
    }
    Ok(())
}

fn event<'a>(actor: Actor, kind: EventKind, public: bool, body: &'a str) -> NewEvent<'a> {
    NewEvent { actor, kind, public, body: Some(body), from_status: None, to_status: None }
}

fn checked_text(field: &'static str, label: &str, text: &str) -> Result<String, ActionError> {
    let mut c = Checker::default();
    match c.text(field, label, text, TEXT_MAX, true) {
        Some(text) => Ok(text),
        None => Err(ActionError::Invalid(c.errors)),
    }
}

/// Sets the officer: someone active in the case's team (or, for a partner's case, that
/// partner's staff), or nobody.
async fn assign(
    conn: &mut AnyConnection,
    case_id: i64,
    officer_id: Option<i64>,
    actor: Actor,
    now: i64,
) -> Result<(), ActionError> {
    let case = super::db::get(&mut *conn, case_id).await?.ok_or(ChangeStatusError::NotFound)?;
    if case.officer_id == officer_id {
        return Err(invalid("officer", "The case is already with them: choose someone else"));
    }
    // The Complaint Handling Code: stage 2 is not handled by whoever answered stage 1.
    if case.case_type == super::CaseType::Complaint && officer_id.is_some() {
        let events = super::db::events(&mut *conn, case_id).await?;
        if matches!(crate::complaints::stage(&events), crate::complaints::Stage::Two { .. })
            && crate::complaints::stage1_officer(&mut *conn, case_id).await? == officer_id
        {
            return Err(invalid("officer", "They gave the stage 1 answer: stage 2 must go to someone else"));
        }
    }
    let name: Option<String> = match officer_id {
        Some(id) => {
            let found: Option<String> = sqlx::query_scalar(
                "SELECT name FROM staff_users WHERE id = $1 AND disabled = 0 AND (team_id = $2 OR partner_id = $3)",
            )
            .bind(id)
            .bind(case.team_id)
            .bind(case.partner_id)
            .fetch_optional(&mut *conn)
            .await?;
            Some(found.ok_or_else(|| invalid("officer", "Choose someone in the team that owns the case"))?)
        }
        None => None,
    };
    sqlx::query("UPDATE cases SET officer_id = $1, updated_at = $2 WHERE id = $3")
        .bind(officer_id)
        .bind(now)
        .bind(case_id)
        .execute(&mut *conn)
        .await?;
    let body = match name {
        Some(name) => format!("Assigned to {name}"),
        None => "No longer assigned to anyone".to_owned(),
    };
    append_event(&mut *conn, case_id, &event(actor, EventKind::Assigned, false, &body), now).await?;
    Ok(())
}

/// [`tell_customer`] for the workflows that refuse in their own words when the customer
/// cannot be reached: `Ok(false)` then, and a database error stays one.
pub(crate) async fn tell_if_reachable(
    conn: &mut AnyConnection,
    council: &Council,
    case_id: i64,
    purpose: Purpose,
    text: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    match tell_customer(conn, council, case_id, purpose, text, now).await {
        Ok(()) => Ok(true),
        Err(ActionError::Db(err)) => Err(err),
        Err(_) => Ok(false),
    }
}

/// Writes a message to the case's customer to the outbox (by email, threaded under
/// their latest email; a phone task without one) and records it as an outbound contact.
pub(crate) async fn tell_customer(
    conn: &mut AnyConnection,
    council: &Council,
    case_id: i64,
    purpose: Purpose,
    text: &str,
    now: i64,
) -> Result<(), ActionError> {
    let Some(customer_id) = super::db::get(&mut *conn, case_id).await?.and_then(|c| c.customer_id) else {
        return Err(invalid("reply", "This case has no customer to reply to"));
    };
    let (name, email, phone): (String, Option<String>, Option<String>) =
        sqlx::query_as("SELECT name, email, phone FROM customers WHERE id = $1")
            .bind(customer_id)
            .fetch_one(&mut *conn)
            .await?;
    let (channel, recipient, contact_channel) = match (email, phone) {
        (Some(email), _) => (OutChannel::Email, email, Channel::Email),
        (None, Some(phone)) => (OutChannel::Phone, phone, Channel::Phone),
        (None, None) => return Err(invalid("reply", "The customer gave no email address or phone number")),
    };
    let in_reply_to: Option<String> = sqlx::query_scalar(
        "SELECT message_id FROM inbound_mail WHERE case_id = $1 AND message_id IS NOT NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(case_id)
    .fetch_optional(&mut *conn)
    .await?;
    let in_reply_to = in_reply_to.map(|id| format!("<{}>", id.trim_matches(['<', '>'])));
    let reference = CaseRef::from_id(&council.prefix, case_id);
    let subject = format!("About your case {reference}");
    let body = format!(
        "Dear {name},\n\n{text}\n\nYour reference is {reference}. Follow your case: {url}/cases/{reference}\n\n\
         To answer, reply to this email and keep the reference in the subject.\n\n{council}\n",
        url = council.public_url,
        council = council.name,
    );
    let message = NewMessage {
        case_id,
        customer_id,
        channel,
        purpose,
        recipient: &recipient,
        subject: &subject,
        body: &body,
        auto_submitted: None,
        in_reply_to: in_reply_to.as_deref(),
    };
    outbox::db::insert(&mut *conn, &message, council.mail_domain(), now).await?;
    let contact = NewContact {
        case_id: Some(case_id),
        customer_id: Some(customer_id),
        channel: contact_channel,
        direction: Direction::Outbound,
        subject: Some(&subject),
        body: text,
        logged_by: None,
        resolved_at_first_contact: false,
    };
    crate::contacts::db::insert(&mut *conn, &contact, now).await?;
    Ok(())
}
