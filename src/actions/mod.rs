//! What staff do to a case from its page: reply to the customer, add an internal note,
//! assign it, change its status, extend a deadline. Each goes through the domain in one
//! transaction with its event (and outbox row when the customer is told something).
//! Who may do which is `Role::may`; which cases, `Staff::sees_case`.

pub mod by_customer;
mod db;
mod pass_on;

use sqlx::AnyConnection;

use crate::cases::db::{ChangeStatusError, NewEvent};
use crate::cases::{Actor, EventKind, Status};
use crate::casework::clocks::ExtendError;
use crate::casework::{append_event, change_status};
use crate::config::Council;
use crate::forms::{Checker, FieldError, OUTCOME_MAX};
use crate::outbox::Purpose;
use crate::standards::Rules;

pub use crate::casework::tell::TEXT_MAX;
use crate::casework::tell::{TellError, tell_customer};

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
    /// To another team, with the reason (a hand-off): it leaves its officer behind.
    PassOn { team_id: Option<i64>, reason: String },
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

impl From<TellError> for ActionError {
    fn from(err: TellError) -> Self {
        match err {
            TellError::Db(err) => ActionError::Db(err),
            refused => invalid("reply", refused.to_string()),
        }
    }
}

fn invalid(field: &'static str, message: impl Into<String>) -> ActionError {
    ActionError::Invalid(vec![FieldError::new(field, message)])
}

/// Does `action` to the case in the caller's transaction, as `actor`: an officer from
/// the case page, or another system through the JSON API. Only an officer may extend.
pub async fn perform(
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
            crate::casework::tell::write_to(&mut *conn, council, rules, case_id, actor, Purpose::Reply, &text, now)
                .await?;
        }
        CaseAction::Note { text } => {
            let text = checked_text("note", "the note", text)?;
            append_event(&mut *conn, case_id, &event(actor, EventKind::Note, false, &text), rules, now).await?;
        }
        CaseAction::Assign { officer_id } => assign(&mut *conn, rules, case_id, *officer_id, actor, now).await?,
        CaseAction::PassOn { team_id, reason } => {
            pass_on::pass_on(&mut *conn, rules, case_id, *team_id, reason, actor, now).await?;
        }
        CaseAction::Status { to, note } => {
            let needs_note = matches!(to, Status::Resolved | Status::WaitingForCustomer | Status::Reopened);
            let mut c = Checker::default();
            let note = c.text("status-note", "a note for the customer", note, OUTCOME_MAX, needs_note);
            if *to == Status::Resolved
                && let Some(case) = crate::cases::db::get(&mut *conn, case_id).await?
                && let Some(why) = crate::information::unrecorded_outcome(&mut *conn, &case).await?
            {
                c.fail("status", why);
            }
            if !c.errors.is_empty() {
                return Err(ActionError::Invalid(c.errors));
            }
            change_status(&mut *conn, case_id, *to, actor, note.as_deref(), rules, now).await?;
            // What was done, or what we need from them: the customer hears it at once. A
            // resolution ends with one link: did this sort it out?
            match (&note, to) {
                (Some(note), Status::Resolved) => {
                    let reference = crate::cases::CaseRef::from_id(&council.prefix, case_id);
                    let key = by_customer::link_key(council, &mut *conn).await?;
                    let link = format!(
                        "{}/cases/{reference}/open/{}#feedback",
                        council.public_url,
                        by_customer::sign(key.bytes(), &reference)
                    );
                    let language =
                        crate::cases::db::get(&mut *conn, case_id).await?.map(|c| c.language).unwrap_or_default();
                    let ask = crate::language::text_with(language, "update-resolved-ask", &[("link", &link)]);
                    let text = format!("{note}\n\n{ask}");
                    tell_customer(&mut *conn, council, case_id, Purpose::Resolution, &text, now).await?;
                }
                (Some(note), Status::WaitingForCustomer) => {
                    tell_customer(&mut *conn, council, case_id, Purpose::Update, note, now).await?;
                }
                _ => {}
            }
        }
        CaseAction::Extend { standard_id, by, reason } => {
            let (crate::cases::ActorKind::Staff, Some(staff_id)) = (actor.kind, actor.id) else {
                return Err(invalid("standard", "Only an officer may extend a deadline"));
            };
            crate::casework::clocks::extend(
                &mut *conn,
                case_id,
                standard_id,
                *by,
                reason,
                staff_id,
                rules,
                council,
                now,
            )
            .await?;
        }
    }
    Ok(())
}

fn event(actor: Actor, kind: EventKind, public: bool, body: &str) -> NewEvent<'_> {
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
    rules: &Rules,
    case_id: i64,
    officer_id: Option<i64>,
    actor: Actor,
    now: i64,
) -> Result<(), ActionError> {
    let case = crate::cases::db::get(&mut *conn, case_id).await?.ok_or(ChangeStatusError::NotFound)?;
    if case.officer_id == officer_id {
        return Err(invalid("officer", "The case is already with them: choose someone else"));
    }
    // The Complaint Handling Code: stage 2 is not handled by whoever answered stage 1.
    if case.case_type == crate::cases::CaseType::Complaint && officer_id.is_some() {
        let events = crate::cases::db::events(&mut *conn, case_id).await?;
        if matches!(crate::complaints::stage(&events), crate::complaints::Stage::Two { .. })
            && crate::complaints::stage1_officer(&mut *conn, case_id).await? == officer_id
        {
            return Err(invalid("officer", "They gave the stage 1 answer: stage 2 must go to someone else"));
        }
    }
    let name: Option<String> = match officer_id {
        Some(id) => {
            let found = db::officer_for(&mut *conn, id, case.team_id, case.partner_id).await?;
            Some(found.ok_or_else(|| invalid("officer", "Choose someone in the team that owns the case"))?)
        }
        None => None,
    };
    db::assign(&mut *conn, case_id, officer_id, now).await?;
    let body = match name {
        Some(name) => format!("Assigned to {name}"),
        None => "No longer assigned to anyone".to_owned(),
    };
    append_event(&mut *conn, case_id, &event(actor, EventKind::Assigned, false, &body), rules, now).await?;
    Ok(())
}
