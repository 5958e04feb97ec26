//! Whether the projections agree with the event log: every case's status is the one its
//! timeline ends at, every case has its "created" event, and every case's clocks are
//! what replaying its events gives (`clocks::replay`). `frontdoor check` runs it after a
//! restore or an upgrade. It walks the cases in batches, so its memory does not grow
//! with the history; its time does, as it reads every event once.

use std::collections::HashMap;

use crate::cases::{Event, EventKind, Status};
use crate::clocks;
use crate::standards::Rules;

/// Cases read at once.
const BATCH: i64 = 2_000;
/// Examples kept of each kind of disagreement.
const EXAMPLES: usize = 10;

/// What the walk found: how many cases, and the first few ids of each disagreement with
/// how many there were.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub cases: usize,
    pub events: usize,
    pub no_created: Problems,
    pub status: Problems,
    pub clocks: Problems,
}

/// A kind of disagreement: how many cases, and the first few.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    pub count: usize,
    pub examples: Vec<i64>,
}

impl Problems {
    fn add(&mut self, case_id: i64) {
        self.count += 1;
        if self.examples.len() < EXAMPLES {
            self.examples.push(case_id);
        }
    }
}

impl Found {
    pub fn is_sound(&self) -> bool {
        self.no_created.count == 0 && self.status.count == 0 && self.clocks.count == 0
    }
}

/// A clock as compared: standard, version, state, due and stopped times.
type Seen = (String, i64, clocks::State, Option<i64>, Option<i64>);

/// Walks every case, `progress` told the cases done so far after each batch.
pub async fn projections(db: &crate::db::Db, rules: &Rules, progress: &dyn Fn(usize)) -> Result<Found, sqlx::Error> {
    let pool = db.reader();
    let mut found = Found::default();
    let mut after = 0;
    loop {
        let cases = crate::cases::db::statuses_after(pool, after, BATCH).await?;
        let (Some(first), Some(last)) = (cases.first(), cases.last()) else { break };
        let (first, last) = (first.0, last.0);
        let events = crate::cases::db::events_between(pool, first, last).await?;
        found.events += events.len();
        let mut by_case: HashMap<i64, Vec<Event>> = HashMap::new();
        for event in events {
            by_case.entry(event.case_id).or_default().push(event);
        }
        let mut stored: HashMap<i64, Vec<Seen>> = HashMap::new();
        for (case_id, c) in clocks::db::between(pool, first, last).await? {
            stored.entry(case_id).or_default().push((
                c.standard_id,
                c.standard_version,
                c.state,
                c.due_at,
                c.stopped_at,
            ));
        }
        for (case_id, status) in &cases {
            let events = by_case.remove(case_id).unwrap_or_default();
            check_case(&mut found, *case_id, *status, &events, stored.remove(case_id).unwrap_or_default(), rules);
        }
        found.cases += cases.len();
        after = last;
        progress(found.cases);
    }
    Ok(found)
}

fn check_case(found: &mut Found, case_id: i64, status: Status, events: &[Event], stored: Vec<Seen>, rules: &Rules) {
    if !events.iter().any(|e| e.kind == EventKind::Created) {
        found.no_created.add(case_id);
    }
    let replayed_status = events.iter().rev().find_map(|e| e.to_status).unwrap_or(Status::Received);
    if replayed_status != status {
        found.status.add(case_id);
    }
    let mut replayed: Vec<Seen> = clocks::replay(events, rules)
        .into_iter()
        .map(|c| {
            let due = c.due().map(jiff::Timestamp::as_millisecond);
            (c.standard.id.clone(), c.version, c.state, due, c.stopped_at.map(jiff::Timestamp::as_millisecond))
        })
        .collect();
    let mut stored = stored;
    replayed.sort_by(|a, b| a.0.cmp(&b.0));
    stored.sort_by(|a, b| a.0.cmp(&b.0));
    if replayed != stored {
        found.clocks.add(case_id);
    }
}
