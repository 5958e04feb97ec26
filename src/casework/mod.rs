//! Casework: what follows from a change to a case, in the caller's transaction. The one
//! place an event is written with its fan-out (the event row, a delivery row for each
//! webhook subscription, and, for a status change, the clock projection with its
//! performance counts and the customer told of new dates); status changes through the
//! state machine; and the clock projection itself (`clocks.rs`).
//!
//! Below it, `cases` keeps the types and rows, `clocks` the pure replay, `webhooks` the
//! subscriptions; above it, intake and actions call it.

pub mod clocks;
mod db;
pub mod tell;

use sqlx::AnyConnection;

use crate::cases;
use crate::cases::db::{ChangeStatusError, NewCase, NewEvent};
use crate::cases::{Actor, Case, Event, EventKind, Status};
use crate::standards::Rules;

/// Why a step of a case's workflow (a complaint's answer, an information request's
/// review) was not taken.
#[derive(Debug, thiserror::Error)]
pub enum StepError {
    /// The fields at fault, each named.
    #[error("the request has {} problem(s)", .0.len())]
    Invalid(Vec<crate::forms::FieldError>),
    /// Not possible at this point; the sentence says why.
    #[error("{0}")]
    NotNow(&'static str),
    #[error(transparent)]
    Status(#[from] ChangeStatusError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Appends one event and what follows from every event: a delivery row for each webhook
/// subscription that wants it. Callers change the case row in the same transaction.
pub async fn append_event(
    conn: &mut AnyConnection,
    case_id: i64,
    event: &NewEvent<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id = cases::db::insert_event(&mut *conn, case_id, event, now).await?;
    crate::webhooks::db::enqueue(conn, case_id, id, event.kind.as_str(), now).await?;
    Ok(id)
}

/// Opens a case, status "received", with its "created" event and that event's fan-out.
pub async fn open_case(
    conn: &mut AnyConnection,
    new: &NewCase,
    actor: Actor,
    now: i64,
) -> Result<(Case, Event), sqlx::Error> {
    let (case, created) = cases::db::insert(&mut *conn, new, actor, now).await?;
    crate::webhooks::db::enqueue(conn, case.id, created.id, created.kind.as_str(), now).await?;
    Ok((case, created))
}

/// Moves a case to a new status, if the state machine allows, with its event, and
/// brings its clocks up to date (waiting for the customer pauses them; resolving meets
/// them). The update only applies if the status is still the one read, so two officers
/// acting at once cannot both win.
pub async fn change_status(
    conn: &mut AnyConnection,
    case_id: i64,
    to: Status,
    actor: Actor,
    note: Option<&str>,
    rules: &Rules,
    now: i64,
) -> Result<(), ChangeStatusError> {
    let case = cases::db::get(&mut *conn, case_id).await?.ok_or(ChangeStatusError::NotFound)?;
    case.status.transition(case.case_type, to)?;
    if !cases::db::set_status(&mut *conn, case_id, case.status, to, now).await? {
        return Err(ChangeStatusError::Conflict);
    }
    let event = NewEvent {
        actor,
        kind: EventKind::StatusChanged,
        public: true,
        body: note,
        from_status: Some(case.status),
        to_status: Some(to),
    };
    let event_id = append_event(&mut *conn, case_id, &event, now).await?;
    let case = Case { status: to, updated_at: now, ..case };
    clocks::sync_case(conn, case, rules, event_id, now).await?;
    Ok(())
}
