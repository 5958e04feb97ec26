//! Casework: what follows from a change to a case, in the caller's transaction.
//! [`append_event`] is the one place an event is written with its fan-out: the event
//! row, a delivery row for each webhook subscription, and, when the event moves a clock
//! or a count, the clock projection with its performance counts (rollups). Status changes
//! go through the state machine here too, and the clock projection itself is
//! `clocks.rs`.
//!
//! Below it, `cases` keeps the types and rows, `clocks` the pure replay, `webhooks` the
//! subscriptions, `rollups` the counts; above it, intake and actions call it.

pub mod check;
pub mod clocks;
mod contact;
mod db;
pub mod tell;

use sqlx::AnyConnection;

pub use contact::{correct_demand, is_repeat, record_contact};

use crate::cases;
use crate::cases::db::{ChangeStatusError, NewCase, NewEvent};
use crate::cases::{Actor, ActorKind, Case, Event, EventKind, Status};
use crate::contacts::Demand;
use crate::contacts::db::{NewContact, OnCase};
use crate::rollups::{self, Delta, Metric};
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

/// Appends one event to a case with everything that follows from it, in the caller's
/// transaction: the event row, a delivery row for each webhook subscription that wants
/// it, and, when [`follows`] says the event moves a clock or a count, the case's clocks
/// brought up to date with their performance counts. Callers change the case row first,
/// so the clocks see the case as it now stands. Returns the event's id.
pub async fn append_event(
    conn: &mut AnyConnection,
    case_id: i64,
    event: &NewEvent<'_>,
    rules: &Rules,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id = write_event(&mut *conn, case_id, event, now).await?;
    let stored = event.stored(id, case_id, now);
    if let Some(follow) = follows(&stored) {
        let case = cases::db::get(&mut *conn, case_id).await?.ok_or(sqlx::Error::RowNotFound)?;
        fan_out(conn, case, follow, id, rules, now).await?;
    }
    Ok(id)
}

/// What an event sets going beyond its own row and webhooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// The clocks are replayed; standards starting on a milestone in this event or
    /// later start.
    Clocks,
    /// The clocks are replayed, and every milestone of the case counts again: the case
    /// changed type, so other standards may now apply to milestones already passed.
    AllClocks,
    /// The clocks are replayed, and the resident's escalation is counted as failure demand.
    Escalation,
}

/// Whether an event moves a clock or a count, and how. An event that marks a milestone,
/// changes status (which may pause or stop a clock), changes the case's type, or
/// extends, warns or breaches a clock moves the clocks; a resident's escalation is
/// counted. Notes, messages from the customer and the like move nothing.
pub fn follows(event: &Event) -> Option<Follow> {
    match event.kind {
        EventKind::Reclassified => Some(Follow::AllClocks),
        EventKind::Escalated if event.actor.kind == ActorKind::Customer => Some(Follow::Escalation),
        EventKind::StatusChanged | EventKind::ClockExtended | EventKind::ClockWarned | EventKind::ClockBreached => {
            Some(Follow::Clocks)
        }
        _ if !crate::clocks::milestones(event).is_empty() => Some(Follow::Clocks),
        _ => None,
    }
}

/// The event row and its webhook deliveries, nothing more: for [`append_event`] and for
/// the clock events the projection writes itself.
async fn write_event(
    conn: &mut AnyConnection,
    case_id: i64,
    event: &NewEvent<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id = cases::db::insert_event(&mut *conn, case_id, event, now).await?;
    crate::webhooks::db::enqueue(conn, case_id, &[(id, event.kind)], now).await?;
    Ok(id)
}

async fn fan_out(
    conn: &mut AnyConnection,
    case: Case,
    follow: Follow,
    event_id: i64,
    rules: &Rules,
    now: i64,
) -> Result<Vec<crate::clocks::Clock>, sqlx::Error> {
    let mut more = Vec::new();
    if follow == Follow::Escalation {
        more.push(Delta {
            day: rules.calendars.council.local_date(rollups::ts(now)),
            service_id: case.service_id,
            metric: Metric::Escalated,
            key: String::new(),
            value: 1,
        });
    }
    let from = if follow == Follow::AllClocks { 0 } else { event_id };
    clocks::sync_case(conn, case, rules, from, &more, now).await
}

/// Opens a case, status "received", with its "created" event, the customer's contact
/// that brought it, and all that follows: the webhook deliveries, the clocks that start
/// on receipt, its count as received by `new.channel` and the contact's counts. `first`
/// is the contact without its case, which is filled in; its class is as given, or found
/// on a new case. Returns the case's id, its clocks, the contact's id and its class.
///
/// Everything is known here without reading back (the case, its events, its ward), so
/// the webhooks go in one statement and the counts in one a table, which the caller
/// writes ([`Opened::counts`]).
pub async fn open_case(
    conn: &mut AnyConnection,
    new: &NewCase,
    service_code: &str,
    actor: Actor,
    first: &NewContact<'_>,
    rules: &Rules,
    now: i64,
) -> Result<Opened, sqlx::Error> {
    let (case, created) = cases::db::insert(&mut *conn, new, actor, now).await?;
    let case_id = case.id;
    let contact = NewContact { case_id: Some(case_id), ..first.clone() };
    let on_case = OnCase { status: Status::Received, service_id: new.service_id, ward: case.location.ward.clone() };
    let (contact_id, demand, contact_counts) =
        contact::write_inbound(&mut *conn, rules, &contact, Some(&on_case), now).await?;
    let mut counts = vec![Delta {
        day: rules.calendars.council.local_date(rollups::ts(now)),
        service_id: new.service_id,
        metric: Metric::Received,
        key: new.channel.as_str().to_owned(),
        value: 1,
    }];
    counts.extend(contact_counts);
    // The case was written just now: its clocks start from what is in hand, with no
    // reading back, and its counts go with theirs.
    let before = clocks::Before {
        case,
        service_code: service_code.to_owned(),
        announce: vec![(created.id, created.kind)],
        events: vec![created],
        clocks: Vec::new(),
        resolved_at: None,
    };
    let (clocks, more) = clocks::project(conn, before, rules, 0, now).await?;
    counts.extend(more);
    Ok(Opened { case_id, clocks, contact_id, demand, counts })
}

/// What [`open_case`] made.
#[derive(Debug)]
pub struct Opened {
    pub case_id: i64,
    pub clocks: Vec<crate::clocks::Clock>,
    pub contact_id: i64,
    pub demand: Demand,
    /// The case's running counts (received, the contact's, its clocks'), not yet added.
    /// The caller adds them last in its transaction (`rollups::db::add`): every new case
    /// adds to the same few rows (today's count received by the web, say), and on
    /// PostgreSQL the first to add holds those rows until it commits, so each creation
    /// would wait for the whole of the one before it. Added last, they are held only for
    /// the commit.
    pub counts: Vec<Delta>,
}

/// Moves a case to a new status, if the state machine allows, with its event and all
/// that follows (waiting for the customer pauses clocks; resolving meets them). The
/// update only applies if the status is still the one read, so two officers acting at
/// once cannot both win.
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
    let event_id = write_event(&mut *conn, case_id, &event, now).await?;
    // The case as it now stands, without reading it back.
    let case = Case { status: to, updated_at: now, ..case };
    fan_out(conn, case, Follow::Clocks, event_id, rules, now).await?;
    Ok(())
}

/// An acknowledgement that reached the customer (an email delivered, a letter printed)
/// acknowledges its case, which meets the acknowledgement standard. A case someone has
/// already moved on is left as it is.
pub async fn acknowledged(
    conn: &mut AnyConnection,
    rules: &Rules,
    case_id: i64,
    note: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    match change_status(conn, case_id, Status::Acknowledged, Actor::SYSTEM, Some(note), rules, now).await {
        Ok(()) | Err(ChangeStatusError::Illegal(_) | ChangeStatusError::Conflict | ChangeStatusError::NotFound) => {
            Ok(())
        }
        Err(ChangeStatusError::Db(err)) => Err(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventKind, actor: Actor, public: bool, body: Option<&str>) -> Event {
        NewEvent { actor, kind, public, body, from_status: None, to_status: None }.stored(1, 1, 0)
    }

    #[test]
    fn only_events_that_move_a_clock_or_a_count_fan_out_beyond_webhooks() {
        let officer = Actor::staff(7);
        let customer = Actor::customer(Some(3));
        assert_eq!(follows(&event(EventKind::Note, officer, false, Some("rang them"))), None);
        assert_eq!(follows(&event(EventKind::Message, customer, true, Some("any news?"))), None);
        assert_eq!(follows(&event(EventKind::Assigned, officer, false, None)), None);
        // A public message from the council is a response, a milestone.
        assert_eq!(follows(&event(EventKind::Message, officer, true, Some("fixed"))), Some(Follow::Clocks));
        assert_eq!(follows(&event(EventKind::StatusChanged, officer, true, None)), Some(Follow::Clocks));
        assert_eq!(follows(&event(EventKind::ClockWarned, Actor::SYSTEM, false, None)), Some(Follow::Clocks));
        assert_eq!(follows(&event(EventKind::Reclassified, officer, false, None)), Some(Follow::AllClocks));
        // The resident's escalation is failure demand; the sweep's own is not counted.
        assert_eq!(follows(&event(EventKind::Escalated, customer, true, None)), Some(Follow::Escalation));
        assert_eq!(follows(&event(EventKind::Escalated, Actor::SYSTEM, false, None)), None);
    }
}
