//! The reception queue: visitors booked in at a visiting point's desk, each with a ticket
//! number for the day, called, seen and sent on their way, every step recorded with who
//! and when. The visitor-seen standard ("seen within 15 minutes of arriving, or told why
//! and how long") is decided once per visit:
//! - when the visitor is first called: met if called within the target of arriving, or if
//!   they were told why and how long within it;
//! - when a visitor leaves without being seen after the target: missed unless told in
//!   time. One who leaves sooner is not measured (nobody failed them yet).
//!
//! A decided visit moves the performance counts in its transaction, on the day decided.
//! The wait (arrival to called) is what the figures' median and 90th percentile are of.

pub mod db;
#[cfg(test)]
mod tests;

use sqlx::AnyConnection;

use crate::cases::Channel;
use crate::contacts::Direction;
use crate::contacts::db::NewContact;
use crate::customers::CustomerDetails;
use crate::db::vocabulary::vocabulary;
use crate::rollups::{self, Delta};
use crate::standards::{Measure, Rules};

vocabulary! {
    /// Where a visitor is.
    VisitState {
        Waiting = "waiting", "Waiting";
        Called = "called", "Called";
        BeingSeen = "being_seen", "Being seen";
        Seen = "seen", "Seen";
        Left = "left", "Left without being seen";
    }
}

vocabulary! {
    /// Help a visitor asked for.
    Need {
        Interpreter = "interpreter", "An interpreter";
        PrivateRoom = "private_room", "A private room";
        StepFree = "step_free", "Step-free access";
    }
}

impl VisitState {
    /// Whether a visit may go from this state to `to`. Calling is from waiting only, so a
    /// visitor cannot be called twice; a called visitor who does not come is marked as left.
    pub fn can_go_to(self, to: VisitState) -> bool {
        use VisitState::{BeingSeen, Called, Left, Seen, Waiting};
        matches!((self, to), (Waiting, Called | Left) | (Called, BeingSeen | Left) | (BeingSeen, Seen))
    }

    /// Still in the building and not yet finished with.
    pub fn is_open(self) -> bool {
        matches!(self, VisitState::Waiting | VisitState::Called | VisitState::BeingSeen)
    }
}

/// The visitor-seen standard: its id and target in milliseconds.
pub fn standard(rules: &Rules) -> Option<(&str, i64)> {
    rules.policy.timed(Measure::VisitorSeen)
}

/// Whether a visit meets the standard, decided when it is called (`Some(called)`) or
/// left unseen (`None`) at `now`; `None` when it is not yet decided.
pub fn decide(arrived: i64, called: Option<i64>, told: Option<i64>, target_ms: i64, now: i64) -> Option<bool> {
    let told_in_time = told.is_some_and(|t| t - arrived <= target_ms);
    match called {
        Some(called) => Some(called - arrived <= target_ms || told_in_time),
        None if now - arrived > target_ms => Some(told_in_time),
        None => None,
    }
}

/// A visitor to book in.
#[derive(Debug, Clone)]
pub struct NewVisitor {
    pub site: String,
    pub service_id: i64,
    pub customer: CustomerDetails,
    pub needs: Vec<Need>,
    /// The appointment they came for, when they have one.
    pub appointment_id: Option<i64>,
    pub case_id: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReceptionError {
    #[error("{0}")]
    NotNow(&'static str),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// "A007": the site's numbers run through the day.
pub fn ticket(number: i64) -> String {
    format!("A{number:03}")
}

/// Books a visitor in, in the caller's transaction: the customer found or added, a contact
/// on their record, a ticket. Returns the visit's id and ticket.
pub async fn book_in(
    conn: &mut AnyConnection,
    rules: &Rules,
    visitor: &NewVisitor,
    staff_id: i64,
    now: i64,
) -> Result<(i64, String), ReceptionError> {
    let customer_id = crate::customers::db::find_or_create(&mut *conn, &visitor.customer, now).await?;
    let day = rollups::day_number(rules.calendars.council.local_date(rollups::ts(now)));
    let needs: Vec<&str> = visitor.needs.iter().map(|n| n.as_str()).collect();
    let (id, ticket) = db::insert(&mut *conn, visitor, customer_id, day, &needs.join(","), now)
        .await?
        .ok_or(ReceptionError::NotNow("Too many visitors were booked in at this moment to give a ticket; try again"))?;
    db::step(&mut *conn, id, Some(staff_id), VisitState::Waiting, None, now).await?;
    let body = format!("Visited reception (ticket {ticket}).");
    let contact = NewContact {
        case_id: visitor.case_id,
        customer_id: Some(customer_id),
        channel: Channel::Visit,
        direction: Direction::Inbound,
        subject: Some("Visit to reception"),
        body: &body,
        logged_by: Some(staff_id),
        resolved_at_first_contact: false,
        demand: None,
        reason: None,
    };
    crate::casework::record_contact(&mut *conn, rules, &contact, now).await?;
    Ok((id, ticket))
}

/// Moves a visit on, in the caller's transaction, deciding the standard when the visit
/// is first called or leaves unseen. `desk` is where a called visitor should go.
pub async fn step(
    conn: &mut AnyConnection,
    rules: &Rules,
    visit_id: i64,
    to: VisitState,
    staff_id: i64,
    desk: Option<&str>,
    now: i64,
) -> Result<(), ReceptionError> {
    let Some(visit) = db::get(&mut *conn, visit_id).await? else {
        return Err(ReceptionError::NotNow("There is no such visitor"));
    };
    if !visit.state.can_go_to(to) {
        return Err(ReceptionError::NotNow(match (visit.state, to) {
            (_, VisitState::Called) => "This visitor has already been called",
            (VisitState::Seen | VisitState::Left, _) => "This visit has already ended",
            _ => "A visitor cannot go to that step from where they are",
        }));
    }
    if !db::move_state(&mut *conn, visit_id, visit.state, to, desk, now).await? {
        return Err(ReceptionError::NotNow("Someone else moved this visitor on just now; look again"));
    }
    db::step(&mut *conn, visit_id, Some(staff_id), to, desk, now).await?;
    if visit.measured.is_none()
        && let Some((standard, target)) = standard(rules)
    {
        let called = (to == VisitState::Called).then_some(now);
        let decided = match to {
            VisitState::Called | VisitState::Left => decide(visit.arrived_at, called, visit.told_at, target, now),
            _ => None,
        };
        if let Some(met) = decided {
            db::set_measured(&mut *conn, visit_id, met).await?;
            let day = rules.calendars.council.local_date(rollups::ts(now));
            let mut deltas = vec![rollups::kept(day, visit.service_id, standard, met)];
            if to == VisitState::Called {
                deltas.push(rollups::waited(day, visit.service_id, standard, &visit.site, now - visit.arrived_at));
            }
            rollups::db::add(&mut *conn, &deltas).await?;
        }
    }
    Ok(())
}

/// Records that a waiting visitor was told why they are waiting and for about how long.
pub async fn tell(
    conn: &mut AnyConnection,
    visit_id: i64,
    staff_id: i64,
    why: &str,
    minutes: i64,
    now: i64,
) -> Result<(), ReceptionError> {
    let Some(visit) = db::get(&mut *conn, visit_id).await? else {
        return Err(ReceptionError::NotNow("There is no such visitor"));
    };
    if visit.state != VisitState::Waiting {
        return Err(ReceptionError::NotNow("Only a visitor still waiting can be told how long"));
    }
    let told = format!("{why} About {minutes} more minutes.");
    db::told(&mut *conn, visit_id, &told, now).await?;
    db::step(&mut *conn, visit_id, Some(staff_id), VisitState::Waiting, Some(&told), now).await?;
    Ok(())
}

/// The standard's counts for a rebuild of the performance counts, from every decided visit.
pub async fn performance_counts(pool: &sqlx::AnyPool, rules: &Rules) -> Result<Vec<Delta>, sqlx::Error> {
    let Some((standard, _)) = standard(rules) else { return Ok(Vec::new()) };
    let calendar = &rules.calendars.council;
    let mut out = Vec::new();
    for d in db::decided(pool).await? {
        let day = calendar.local_date(rollups::ts(d.at));
        out.push(rollups::kept(day, d.service_id, standard, d.met));
        if let Some(called) = d.called_at {
            out.push(rollups::waited(day, d.service_id, standard, &d.site, called - d.arrived_at));
        }
    }
    Ok(out)
}

/// A site's figures for a day so far, from its visits: how many came, are waiting, were
/// called; the standard's met and missed; waits (arrival to called) in minutes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Today {
    pub arrived: usize,
    pub waiting: usize,
    pub called: usize,
    pub met: usize,
    pub missed: usize,
    pub median_minutes: Option<i64>,
    pub p90_minutes: Option<i64>,
    /// The longest anyone waiting now has waited, in minutes.
    pub longest_waiting_minutes: Option<i64>,
}

/// Works out [`Today`] from a day's visits at `now`.
pub fn today(visits: &[db::Visit], now: i64) -> Today {
    let mut waits = std::collections::BTreeMap::new();
    let mut t = Today { arrived: visits.len(), ..Today::default() };
    for v in visits {
        match v.measured {
            Some(true) => t.met += 1,
            Some(false) => t.missed += 1,
            None => {}
        }
        if let Some(called) = v.called_at {
            t.called += 1;
            *waits.entry((called - v.arrived_at).max(0) / 60_000).or_insert(0) += 1;
        }
        if v.state == VisitState::Waiting {
            t.waiting += 1;
            let waited = (now - v.arrived_at).max(0) / 60_000;
            t.longest_waiting_minutes = Some(t.longest_waiting_minutes.map_or(waited, |m: i64| m.max(waited)));
        }
    }
    t.median_minutes = rollups::percentile(&waits, 0.5);
    t.p90_minutes = rollups::percentile(&waits, 0.9);
    t
}
