//! Clock events and the `clocks` projection: starting, replaying and storing a case's
//! clocks with their performance counts, extensions, and the sweep that fires warnings
//! and breaches. Every function works in the caller's transaction: a case change, its
//! clock events, the projection and any outbox message commit together or not at all.

use jiff::Timestamp;
use sqlx::AnyConnection;

use super::{append_event, db};
use crate::cases::db::NewEvent;
use crate::cases::{Actor, CaseRef, EventKind};
use crate::clocks::{Clock, Extended, Fired, Started, State, replay};
use crate::config::Council;
use crate::db::Db;
use crate::org::Role;
use crate::outbox::{self, NewMessage, OutChannel, Purpose};
use crate::standards::Rules;

/// Starts the clocks whose start milestone is in the events from `new_from_event` on,
/// then rebuilds the case's clocks from its events and stores them, with `more` running
/// counts added to the clocks' own. Standards only start on milestones that just
/// happened: a standard added to the policy later does not reach back into old cases.
/// `case` is the case as it now stands. Only [`super::append_event`] and its kin call
/// this: an event's fan-out happens in one place.
pub(super) async fn sync_case(
    conn: &mut AnyConnection,
    case: crate::cases::Case,
    rules: &Rules,
    new_from_event: i64,
    more: &[crate::rollups::Delta],
    now: i64,
) -> Result<Vec<Clock>, sqlx::Error> {
    let case_id = case.id;
    let (service_code, resolved_at, clocks) = db::projection_inputs(&mut *conn, case_id).await?;
    let events = crate::cases::db::events(&mut *conn, case_id).await?;
    let before = Before { case, service_code, announce: Vec::new(), events, clocks, resolved_at };
    sync_from(conn, before, rules, new_from_event, more, now).await
}

/// What [`sync_from`] needs of a case as it stands: what [`sync_case`] reads, and what
/// `open_case` already holds for a case it has just written.
#[derive(Debug)]
pub struct Before {
    pub case: crate::cases::Case,
    pub service_code: String,
    /// Events the caller wrote whose webhook deliveries are still to be queued (id and
    /// kind): queued in one statement with the clock events written here.
    pub announce: Vec<(i64, EventKind)>,
    /// Every event of the case, oldest first.
    pub events: Vec<crate::cases::Event>,
    /// Its clocks as stored.
    pub clocks: Vec<crate::rollups::db::StoredClock>,
    pub resolved_at: Option<i64>,
}

/// [`sync_case`] from a case already read. `more` are running counts to add with the
/// clocks' own, in the same statement.
pub(super) async fn sync_from(
    conn: &mut AnyConnection,
    before: Before,
    rules: &Rules,
    new_from_event: i64,
    more: &[crate::rollups::Delta],
    now: i64,
) -> Result<Vec<Clock>, sqlx::Error> {
    let (clocks, mut deltas) = project(&mut *conn, before, rules, new_from_event, now).await?;
    deltas.extend_from_slice(more);
    crate::rollups::db::add(conn, &deltas).await?;
    Ok(clocks)
}

/// [`sync_from`] but for the running counts, which are given back for the caller to add
/// (`rollups::db::add`), last in its transaction: see `open_case`.
pub(super) async fn project(
    conn: &mut AnyConnection,
    before: Before,
    rules: &Rules,
    new_from_event: i64,
    now: i64,
) -> Result<(Vec<Clock>, Vec<crate::rollups::Delta>), sqlx::Error> {
    let Before { case, service_code, mut announce, mut events, clocks: stored, resolved_at: resolved_before } = before;
    let case_id = case.id;
    let mut started: Vec<String> = events
        .iter()
        .filter(|e| e.kind == EventKind::ClockStarted)
        .filter_map(|e| serde_json::from_str::<Started>(e.body.as_deref()?).ok())
        .map(|s| s.standard)
        .collect();
    let to_start: Vec<Started> = events
        .iter()
        .filter(|e| e.id >= new_from_event)
        .flat_map(|e| crate::clocks::starting(rules, e, case.channel, case.case_type, &service_code, &mut started))
        .collect();
    // Every clock that starts, one event each, written with one statement.
    let bodies: Vec<String> = to_start.iter().map(|s| s.body(now)).collect();
    let starts: Vec<_> = bodies.iter().map(|body| internal(EventKind::ClockStarted, body)).collect();
    let ids = crate::cases::db::insert_events(&mut *conn, case_id, &starts, now).await?;
    for (event, id) in starts.iter().zip(ids) {
        announce.push((id, event.kind));
        // As a read back would give it, without the read.
        events.push(event.stored(id, case_id, now));
    }
    crate::webhooks::db::enqueue(&mut *conn, case_id, &announce, now).await?;
    let clocks = replay(&events, rules);
    let resolved_at = crate::cases::resolved_at(case.status, &events);
    let after: Vec<_> = clocks.iter().map(crate::rollups::db::StoredClock::from).collect();
    let deltas = crate::rollups::db::case_deltas(
        &rules.calendars.council,
        case.service_id,
        case.created_at,
        (&stored, resolved_before),
        (&after, resolved_at),
    );
    let queue_due_at = crate::clocks::queue_due_at(case.status, &clocks);
    db::store_projection(&mut *conn, case_id, &clocks, queue_due_at, resolved_at).await?;
    Ok((clocks, deltas))
}

fn internal(kind: EventKind, body: &str) -> NewEvent<'_> {
    NewEvent { actor: Actor::SYSTEM, kind, public: false, body: Some(body), from_status: None, to_status: None }
}

#[derive(Debug, thiserror::Error)]
pub enum ExtendError {
    #[error("no such case")]
    NoCase,
    #[error("this case has no clock for the standard {0:?}")]
    NoClock(String),
    #[error("the clock has already stopped")]
    Stopped,
    #[error("the clock is paused while waiting for the customer; extend it once it runs again")]
    Paused,
    #[error("the standard {0:?} cannot be extended")]
    NotExtendable(String),
    #[error("an extension must add at least one {0}")]
    Nothing(String),
    #[error("give the reason, which the customer is told")]
    NoReason,
    #[error("only a team lead or an administrator can approve an extension")]
    NotApprover,
    #[error("the extension would make {total}, past the cap of {cap}")]
    CapReached { total: String, cap: String },
    /// The law allows more time only if the customer is told before the first
    /// deadline (`Standard::extend_before_due`).
    #[error("more time had to be decided and the requester told by {0}, which has passed")]
    TooLate(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Extends a running clock by `by` units of its target, with a reason and an approver.
/// The customer is told the new date through the outbox, in the same transaction.
/// Returns the new deadline.
#[expect(clippy::too_many_arguments, reason = "each is a distinct part of one step, taken in the caller's transaction")]
pub async fn extend(
    conn: &mut AnyConnection,
    case_id: i64,
    standard_id: &str,
    by: i64,
    reason: &str,
    approver: i64,
    rules: &Rules,
    council: &Council,
    now: i64,
) -> Result<Timestamp, ExtendError> {
    let reason = reason.trim();
    let case = crate::cases::db::get(&mut *conn, case_id).await?.ok_or(ExtendError::NoCase)?;
    let events = crate::cases::db::events(&mut *conn, case_id).await?;
    let clock = replay(&events, rules)
        .into_iter()
        .find(|c| c.standard.id == standard_id)
        .ok_or_else(|| ExtendError::NoClock(standard_id.to_owned()))?;
    let standard = clock.standard.clone();
    let cap = standard.extension_cap.ok_or_else(|| ExtendError::NotExtendable(standard_id.to_owned()))?;
    match clock.state {
        State::Met | State::Missed | State::Withdrawn => return Err(ExtendError::Stopped),
        State::Paused => return Err(ExtendError::Paused),
        State::Running => {}
    }
    if by < 1 {
        return Err(ExtendError::Nothing(standard.target.with_count(1).to_string()));
    }
    if reason.is_empty() {
        return Err(ExtendError::NoReason);
    }
    let role = db::role_of(&mut *conn, approver).await?;
    if !role.is_some_and(|r| matches!(r, Role::TeamLead | Role::Admin)) {
        return Err(ExtendError::NotApprover);
    }
    if standard.extend_before_due {
        let first = crate::standards::deadline(&standard, &rules.calendars, clock.started_at, &clock.pauses, 0).due;
        if now > first.as_millisecond() {
            let when = rules.calendar(standard.calendar).local_date(first).strftime("%A %-d %B %Y").to_string();
            return Err(ExtendError::TooLate(when));
        }
    }
    let cap_units = cap_in_target_units(cap, standard.target);
    if clock.extended + by > cap_units {
        return Err(ExtendError::CapReached {
            total: standard.target.with_count(clock.extended + by).to_string(),
            cap: cap.to_string(),
        });
    }
    let new_due =
        crate::standards::deadline(&standard, &rules.calendars, clock.started_at, &clock.pauses, clock.extended + by)
            .due;
    let body = serde_json::to_string(&Extended {
        standard: standard_id.to_owned(),
        by,
        reason: reason.to_owned(),
        approver,
        due: new_due.as_millisecond(),
    })
    .expect("plain struct");
    let event = NewEvent {
        actor: Actor::staff(approver),
        kind: EventKind::ClockExtended,
        public: true,
        body: Some(&body),
        from_status: None,
        to_status: None,
    };
    append_event(&mut *conn, case_id, &event, rules, now).await?;

    if let Some(customer_id) = case.customer_id {
        let route = crate::casework::tell::route_to(&mut *conn, customer_id).await?;
        let reference = CaseRef::from_id(&council.prefix, case_id);
        let Some(route) = route else { return Ok(new_due) };
        let by_letter = route.channel == OutChannel::Letter;
        let language = if by_letter { case.language.in_print() } else { case.language };
        let t = |id: &str, args: &[(&'static str, &str)]| crate::language::text_with(language, id, args);
        let when = crate::language::date(language, rules.calendar(standard.calendar).local_date(new_due));
        let reference = reference.to_string();
        let subject = t("extension-subject", &[("reference", &reference)]);
        let text = format!(
            "{sorry}\n\n{by}\n\n{why}\n\n{answer}",
            sorry = t("extension-sorry", &[("reference", &reference)]),
            by = t("extension-by", &[("date", &when)]),
            why = t("extension-reason", &[("reason", reason)]),
            answer = t(if by_letter { "extension-answer-letter" } else { "extension-answer-email" }, &[]),
        );
        let message = NewMessage {
            case_id,
            customer_id,
            channel: route.channel,
            purpose: Purpose::Update,
            recipient: &route.recipient,
            subject: &subject,
            body: &text,
            auto_submitted: Some("auto-generated"),
            in_reply_to: None,
            calendar: None,
            large_print: route.large_print,
        };
        outbox::db::insert(&mut *conn, &message, council.mail_domain(), now).await?;
    }
    Ok(new_due)
}

/// A cap is in the same family as the target; express it in the target's unit.
fn cap_in_target_units(cap: crate::standards::Target, target: crate::standards::Target) -> i64 {
    match (cap.seconds(), target.seconds()) {
        (Some(cap), Some(unit)) => cap / (unit / target.count()).max(1),
        _ => cap.count(),
    }
}

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    pub warned: usize,
    pub breached: usize,
}

/// Fires the warnings and breaches due by `now`, at most `limit` of them. It reads only
/// clocks falling due, through `clocks_fire_idx`. Each firing is claimed by clearing
/// `next_fire_at` only if it still holds the value read, so two runners never fire the
/// same clock twice: the loser's update matches no row.
pub async fn fire_due(pool: &Db, rules: &Rules, now: i64, limit: i64) -> Result<Swept, sqlx::Error> {
    let due = db::falling_due(pool.reader(), now, limit).await?;

    let mut swept = Swept::default();
    for (case_id, standard_id, fire_at) in due {
        let mut tx = pool.begin().await?;
        if !db::claim_firing(&mut tx, case_id, &standard_id, fire_at).await? {
            continue;
        }
        let events = crate::cases::db::events(&mut *tx, case_id).await?;
        let Some(clock) = replay(&events, rules).into_iter().find(|c| c.standard.id == standard_id) else {
            tx.commit().await?;
            continue;
        };
        let Some(due_at) = clock.due() else {
            tx.commit().await?;
            continue;
        };
        let fired = Fired { standard: standard_id.clone(), due: due_at.as_millisecond(), team_lead: None };
        let body = serde_json::to_string(&fired).expect("plain struct");
        let mut missed = false;
        // Each event's fan-out recomputes the projection, which sets the next firing
        // (the breach after a warning).
        if clock.state != State::Running || (clock.warned && now < due_at.as_millisecond()) || clock.breached {
            // Met, missed or paused since it was read, or already fired: nothing to
            // fire, but the claim cleared the next firing, so the projection sets it again.
            let case = crate::cases::db::get(&mut *tx, case_id).await?.ok_or(sqlx::Error::RowNotFound)?;
            sync_case(&mut tx, case, rules, i64::MAX, &[], now).await?;
        } else if now >= due_at.as_millisecond() {
            append_event(&mut tx, case_id, &internal(EventKind::ClockBreached, &body), rules, now).await?;
            escalate(&mut tx, case_id, &standard_id, due_at.as_millisecond(), rules, now).await?;
            swept.breached += 1;
            missed = true;
        } else {
            append_event(&mut tx, case_id, &internal(EventKind::ClockWarned, &body), rules, now).await?;
            swept.warned += 1;
        }
        tx.commit().await?;
        if missed {
            crate::measure::clock_breached(&standard_id);
        }
        tracing::info!(case = case_id, standard = %standard_id, "clock fired");
    }
    Ok(swept)
}

pub use super::db::team_lead;

/// Hands a late case to its team's lead: an `escalated` event naming them.
async fn escalate(
    conn: &mut AnyConnection,
    case_id: i64,
    standard_id: &str,
    due: i64,
    rules: &Rules,
    now: i64,
) -> Result<(), sqlx::Error> {
    let lead = team_lead(&mut *conn, case_id).await?;
    let body =
        serde_json::to_string(&Fired { standard: standard_id.to_owned(), due, team_lead: lead }).expect("plain struct");
    append_event(conn, case_id, &internal(EventKind::Escalated, &body), rules, now).await?;
    Ok(())
}
