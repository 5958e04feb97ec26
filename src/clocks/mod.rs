//! Clocks: each standard timing a case, computed from the case's events alone.
//!
//! A clock starts when a `clock_started` event names a standard and the version in force
//! then. After that, everything follows from the timeline: waiting for the customer
//! pauses (or, for FOI clarification, restarts) it, `clock_extended` events add time
//! within the standard's cap, and the first stop milestone meets it. Replaying the same
//! events with the same calendars always gives the same deadlines ([`replay`]).
//! `db.rs` keeps a projection of the result in the `clocks` table for queues and the
//! job runner, and writes the events.

pub mod db;
mod time_left;

pub use time_left::{TimeLeft, Urgency, time_left};

use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::cases::{ActorKind, Event, EventKind, Status};
use crate::standards::{Deadline, Milestone, Pause, Rules, Standard, WhileWaiting, deadline};

/// The body of a `clock_started` event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Started {
    pub standard: String,
    pub version: i64,
    /// When the start milestone happened, in milliseconds; left out of the body when it
    /// is the time of the `clock_started` event itself, as it nearly always is (the event
    /// is written with the one that started it), which saves about a tenth of the events'
    /// bytes (issue 34). Read it with [`Started::from_or`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i64>,
}

impl Started {
    /// When the clock started, for a body read from an event at `event_at`.
    pub fn from_or(&self, event_at: i64) -> i64 {
        self.from.unwrap_or(event_at)
    }

    /// The body of its event, written at `event_at`.
    pub fn body(&self, event_at: i64) -> String {
        let from = self.from.filter(|&from| from != event_at);
        serde_json::to_string(&Started { from, ..self.clone() }).expect("plain struct")
    }
}

/// The body of a `clock_extended` event. It is public: the customer sees why the date moved.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extended {
    pub standard: String,
    /// Units of the standard's target (working days, months, hours...).
    pub by: i64,
    pub reason: String,
    pub approver: i64,
    pub due: i64,
}

/// The body of `clock_warned`, `clock_breached` and `escalated` events.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fired {
    pub standard: String,
    pub due: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_lead: Option<i64>,
}

/// The body of a `reclassified` event: the case's type changed, and why.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reclassified {
    pub from: crate::cases::CaseType,
    pub to: crate::cases::CaseType,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Running,
    /// Waiting for the customer; no deadline until they reply.
    Paused,
    Met,
    Missed,
    /// Stopped because its standard no longer applies (the case changed type). It
    /// counts neither as met nor as missed.
    Withdrawn,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Running => "running",
            State::Paused => "paused",
            State::Met => "met",
            State::Missed => "missed",
            State::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<State> {
        [State::Running, State::Paused, State::Met, State::Missed, State::Withdrawn]
            .into_iter()
            .find(|s| s.as_str() == code)
    }
}

/// One clock as the events say it stands.
#[derive(Debug, Clone)]
pub struct Clock {
    pub standard: Arc<Standard>,
    pub version: i64,
    pub state: State,
    pub started_at: Timestamp,
    /// The deadline as if any pause ended now is not known, so a paused clock has none.
    pub deadline: Option<Deadline>,
    pub paused_since: Option<Timestamp>,
    /// Finished pauses since the clock (re)started.
    pub pauses: Vec<Pause>,
    pub stopped_at: Option<Timestamp>,
    /// Units of the target added by extensions so far.
    pub extended: i64,
    pub warned: bool,
    pub breached: bool,
}

impl Clock {
    pub fn due(&self) -> Option<Timestamp> {
        self.deadline.as_ref().map(|d| d.due)
    }

    /// When the job runner must next look at this clock: the warning, then the breach.
    pub fn next_fire_at(&self) -> Option<Timestamp> {
        let d = self.deadline.as_ref()?;
        match self.state {
            State::Running if !self.warned && d.warn_at < d.due => Some(d.warn_at),
            State::Running if !self.breached => Some(d.due),
            _ => None,
        }
    }
}

/// Where an open case sorts in the queues: its next deadline while it waits for the
/// council, `NO_DEADLINE` when none runs, and nothing once resolved or closed.
pub fn queue_due_at(status: Status, clocks: &[Clock]) -> Option<i64> {
    status.is_open().then(|| {
        clocks
            .iter()
            .filter(|c| c.stopped_at.is_none() && matches!(c.state, State::Running | State::Missed))
            .filter_map(Clock::due)
            .map(jiff::Timestamp::as_millisecond)
            .min()
            .unwrap_or(crate::cases::queue::NO_DEADLINE)
    })
}

/// The standards `event` starts on a case of this channel, type and service, leaving
/// out (and adding to `started`) any already started.
pub fn starting(
    rules: &Rules,
    event: &Event,
    channel: crate::cases::Channel,
    case_type: crate::cases::CaseType,
    service_code: &str,
    started: &mut Vec<String>,
) -> Vec<Started> {
    let mut out = Vec::new();
    for milestone in milestones(event) {
        for v in &rules.current {
            let s = &v.standard;
            if s.starts == milestone && s.applies_to(channel, case_type, service_code) && !started.contains(&s.id) {
                started.push(s.id.clone());
                out.push(Started { standard: s.id.clone(), version: v.version, from: Some(event.at) });
            }
        }
    }
    out
}

/// The milestones an event marks.
pub fn milestones(event: &Event) -> Vec<Milestone> {
    match event.kind {
        EventKind::Created => vec![Milestone::Received],
        EventKind::StatusChanged => match event.to_status {
            Some(Status::Acknowledged) => vec![Milestone::Acknowledged],
            Some(Status::Resolved) => vec![Milestone::Resolved],
            Some(Status::Closed) => vec![Milestone::Closed],
            Some(Status::Reopened) => vec![Milestone::Reopened],
            _ => vec![],
        },
        // A public message from the council to the customer is a response.
        EventKind::Message if event.public && matches!(event.actor.kind, ActorKind::Staff | ActorKind::Partner) => {
            vec![Milestone::Responded]
        }
        EventKind::Milestone => event.body.as_deref().and_then(Milestone::parse).into_iter().collect(),
        _ => vec![],
    }
}

struct Tally {
    standard: Arc<Standard>,
    version: i64,
    start: Timestamp,
    pauses: Vec<Pause>,
    open_pause: Option<Timestamp>,
    extended: i64,
    stopped: Option<Timestamp>,
    withdrawn: bool,
    warned: bool,
    breached: bool,
}

fn ms(at: i64) -> Timestamp {
    Timestamp::from_millisecond(at).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Every clock on a case, from its events (oldest first). A clock naming a standard
/// version these rules do not know is left out.
pub fn replay(events: &[Event], rules: &Rules) -> Vec<Clock> {
    let mut tallies: Vec<Tally> = Vec::new();
    for event in events {
        let at = ms(event.at);
        let body = event.body.as_deref().unwrap_or_default();
        match event.kind {
            EventKind::ClockStarted => {
                if let Ok(started) = serde_json::from_str::<Started>(body)
                    && let Some(standard) = rules.version(&started.standard, started.version)
                    && !tallies.iter().any(|t| t.standard.id == started.standard)
                {
                    tallies.push(Tally {
                        standard,
                        version: started.version,
                        start: ms(started.from_or(event.at)),
                        pauses: Vec::new(),
                        open_pause: None,
                        extended: 0,
                        stopped: None,
                        withdrawn: false,
                        warned: false,
                        breached: false,
                    });
                }
            }
            EventKind::ClockExtended | EventKind::ClockWarned | EventKind::ClockBreached => {
                let id = match event.kind {
                    EventKind::ClockExtended => serde_json::from_str::<Extended>(body).map(|e| (e.standard, e.by)),
                    _ => serde_json::from_str::<Fired>(body).map(|f| (f.standard, 0)),
                };
                if let Ok((id, by)) = id
                    && let Some(t) = tallies.iter_mut().find(|t| t.standard.id == id)
                {
                    match event.kind {
                        EventKind::ClockExtended => t.extended += by,
                        EventKind::ClockWarned => t.warned = true,
                        _ => {
                            t.warned = true;
                            t.breached = true;
                        }
                    }
                }
            }
            EventKind::Reclassified => {
                // A standard for some types only no longer applies once the case is
                // another type: its clock is withdrawn, not met or missed.
                // One already past its date stays missed: the promise was broken before
                // the case changed type.
                if let Ok(changed) = serde_json::from_str::<Reclassified>(body) {
                    for t in tallies.iter_mut().filter(|t| t.stopped.is_none()) {
                        if !t.standard.case_types.is_empty() && !t.standard.case_types.contains(&changed.to) {
                            let late = t.open_pause.is_none()
                                && deadline(&t.standard, &rules.calendars, t.start, &t.pauses, t.extended).due < at;
                            if let Some(from) = t.open_pause.take() {
                                t.pauses.push(Pause { from, until: at });
                            }
                            t.stopped = Some(at);
                            t.withdrawn = !late;
                        }
                    }
                }
            }
            _ => {}
        }
        if event.kind == EventKind::StatusChanged {
            let waiting = Some(Status::WaitingForCustomer);
            for t in tallies.iter_mut().filter(|t| t.stopped.is_none()) {
                if event.to_status == waiting && t.standard.while_waiting != WhileWaiting::Runs {
                    t.open_pause.get_or_insert(at);
                } else if event.from_status == waiting
                    && let Some(from) = t.open_pause.take()
                {
                    match t.standard.while_waiting {
                        WhileWaiting::Pauses => t.pauses.push(Pause { from, until: at }),
                        // FOI s.1(3): the clock starts again on receipt of the clarification.
                        WhileWaiting::Restarts => {
                            t.start = at;
                            t.pauses.clear();
                        }
                        WhileWaiting::Runs => {}
                    }
                }
            }
        }
        for milestone in milestones(event) {
            for t in tallies.iter_mut().filter(|t| t.stopped.is_none() && t.start <= at) {
                if t.standard.stops.contains(&milestone) {
                    if let Some(from) = t.open_pause.take() {
                        t.pauses.push(Pause { from, until: at });
                    }
                    t.stopped = Some(at);
                }
            }
        }
    }
    tallies.into_iter().map(|t| finish(t, rules)).collect()
}

fn finish(t: Tally, rules: &Rules) -> Clock {
    let deadline = match (t.open_pause, t.stopped) {
        (Some(_), None) => None,
        _ => Some(deadline(&t.standard, &rules.calendars, t.start, &t.pauses, t.extended)),
    };
    let state = match (t.stopped, &deadline) {
        _ if t.withdrawn => State::Withdrawn,
        (Some(stopped), Some(d)) if stopped <= d.due => State::Met,
        (Some(_), _) => State::Missed,
        (None, None) => State::Paused,
        (None, Some(_)) => State::Running,
    };
    Clock {
        standard: t.standard,
        version: t.version,
        state,
        started_at: t.start,
        deadline,
        paused_since: t.open_pause,
        pauses: t.pauses,
        stopped_at: t.stopped,
        extended: t.extended,
        warned: t.warned,
        breached: t.breached,
    }
}
