//! Service standards are data: a policy file (TOML) that the council edits, checked
//! strictly, with the defaults from ../shared/STANDARDS.md in `policy/standards.toml`.
//!
//! This module owns reading and checking a policy and computing a standard's deadline
//! ([`deadline`]). Versions in the database are in `db.rs`; clocks on cases are in
//! `crate::clocks`.

pub mod bookable;
pub mod contact;
pub mod db;
mod deadline;
mod explain;
mod policy;
mod promise;
pub mod retention;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};

pub use deadline::{Deadline, Pause, deadline};
pub use explain::{Explanation, explain};
pub use policy::{ComplaintSettings, Policy, PolicyError};
pub use promise::{Promise, next_promise};

use crate::calendar::{Calendars, Receipt};
use crate::cases::{CaseType, Channel};
use crate::db::vocabulary::vocabulary;

/// The built-in policy.
pub const DEFAULT_POLICY: &str = include_str!("../../policy/standards.toml");

vocabulary! {
    /// What a standard measures.
    Measure {
        Acknowledgement = "acknowledgement", "Acknowledgement";
        FirstResponse = "first_response", "First response";
        Resolution = "resolution", "Resolution";
        CallAnswered = "call_answered", "Call answered";
        Callback = "callback", "Callback made in its window";
        VisitorSeen = "visitor_seen", "Visitor seen";
        AppointmentStarted = "appointment_started", "Appointment started";
        ChangeNotified = "change_notified", "Change notified";
        OfficerArrived = "officer_arrived", "Officer arrived on time";
    }
}

vocabulary! {
    /// A moment in a case that starts or stops a clock. Each comes from an event: see
    /// `clocks::milestones`. Some are measured outside the clocks, by the rows of their
    /// own channel: a call queued and answered (`calls`), a callback booked and made
    /// (`callbacks`); no event marks them, so no clock starts on them.
    Milestone {
        Received = "received", "Received";
        Acknowledged = "acknowledged", "Acknowledged";
        Responded = "responded", "Replied to";
        Resolved = "resolved", "Resolved";
        Closed = "closed", "Closed";
        Reopened = "reopened", "Reopened";
        CallQueued = "call_queued", "Call waiting";
        CallAnswered = "call_answered", "Call answered";
        VisitorArrived = "visitor_arrived", "Visitor arrived";
        VisitorSeen = "visitor_seen", "Visitor seen";
        AppointmentDue = "appointment_due", "Appointment time";
        AppointmentStarted = "appointment_started", "Appointment started";
        ChangeDecided = "change_decided", "Change decided";
        ChangeNotified = "change_notified", "Change notified";
        VisitDue = "visit_due", "Visit time";
        OfficerArrived = "officer_arrived", "Officer arrived";
        Stage2Requested = "stage2_requested", "Stage 2 asked for";
        Stage2Acknowledged = "stage2_acknowledged", "Stage 2 acknowledged";
        ReviewRequested = "review_requested", "Internal review asked for";
        CallbackBooked = "callback_booked", "Callback booked";
        CallbackMade = "callback_made", "Callback made";
    }
}

vocabulary! {
    /// What happens to a clock while the council waits for the customer.
    WhileWaiting {
        Runs = "runs", "Keeps running";
        Pauses = "pauses", "Pauses";
        Restarts = "restarts", "Starts again";
    }
}

vocabulary! {
    /// Which calendar a clock counts on.
    CalendarChoice {
        Council = "council", "The council's calendar";
        Uk = "uk", "UK-wide bank holidays";
    }
}

/// How long a standard allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "unit", content = "count", rename_all = "snake_case")]
pub enum Target {
    Seconds(i64),
    Minutes(i64),
    Hours(i64),
    WorkingDays(i64),
    Months(i64),
}

/// Targets that can be added to each other: an extension must be in the same family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetFamily {
    Time,
    WorkingDays,
    Months,
}

impl Target {
    /// Reads "30 seconds", "24 hours", "3 working days", "1 month".
    pub fn parse(text: &str) -> Result<Target, String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let (count, unit) = match words.as_slice() {
            [count, unit] => (*count, unit.to_string()),
            [count, a, b] => (*count, format!("{a} {b}")),
            _ => return Err(format!("{text:?} is not a target like \"24 hours\" or \"3 working days\"")),
        };
        let n: i64 = count.parse().map_err(|_| format!("{text:?} must start with a whole number"))?;
        if n <= 0 {
            return Err(format!("{text:?} is not possible: a target must be more than zero"));
        }
        let singular = unit.trim_end_matches('s');
        let target = match singular {
            "second" => Target::Seconds(n),
            "minute" => Target::Minutes(n),
            "hour" => Target::Hours(n),
            "working day" => Target::WorkingDays(n),
            "month" => Target::Months(n),
            "day" => return Err(format!("{text:?}: say \"working days\"; calendar days are not a unit here")),
            _ => {
                return Err(format!("{text:?}: the unit must be seconds, minutes, hours, working days or months"));
            }
        };
        // About five years: anything longer is a typing mistake, not a standard.
        let limit = match target {
            Target::Seconds(_) | Target::Minutes(_) | Target::Hours(_) => 5 * 366 * 24 * 3600,
            Target::WorkingDays(_) => 5 * 260,
            Target::Months(_) => 60,
        };
        if target.count() > limit || target.seconds().is_some_and(|s| s > limit) {
            return Err(format!("{text:?} is not possible: it is longer than five years"));
        }
        Ok(target)
    }

    pub fn count(self) -> i64 {
        match self {
            Target::Seconds(n) | Target::Minutes(n) | Target::Hours(n) | Target::WorkingDays(n) | Target::Months(n) => {
                n
            }
        }
    }

    /// The length in seconds, for time targets.
    pub fn seconds(self) -> Option<i64> {
        match self {
            Target::Seconds(n) => Some(n),
            Target::Minutes(n) => Some(n * 60),
            Target::Hours(n) => Some(n * 3600),
            Target::WorkingDays(_) | Target::Months(_) => None,
        }
    }

    pub fn family(self) -> TargetFamily {
        match self {
            Target::Seconds(_) | Target::Minutes(_) | Target::Hours(_) => TargetFamily::Time,
            Target::WorkingDays(_) => TargetFamily::WorkingDays,
            Target::Months(_) => TargetFamily::Months,
        }
    }

    /// The same family with a different count, in this target's unit.
    pub fn with_count(self, n: i64) -> Target {
        match self {
            Target::Seconds(_) => Target::Seconds(n),
            Target::Minutes(_) => Target::Minutes(n),
            Target::Hours(_) => Target::Hours(n),
            Target::WorkingDays(_) => Target::WorkingDays(n),
            Target::Months(_) => Target::Months(n),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.count();
        let unit = match self {
            Target::Seconds(_) => "second",
            Target::Minutes(_) => "minute",
            Target::Hours(_) => "hour",
            Target::WorkingDays(_) => "working day",
            Target::Months(_) => "month",
        };
        write!(f, "{n} {unit}{}", if n == 1 { "" } else { "s" })
    }
}

/// One published promise or statutory clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standard {
    pub id: String,
    pub title: String,
    pub wording: String,
    pub measures: Measure,
    /// Empty means every channel; likewise case types and services.
    pub channels: Vec<Channel>,
    pub case_types: Vec<CaseType>,
    pub services: Vec<String>,
    pub target: Target,
    pub starts: Milestone,
    pub stops: Vec<Milestone>,
    pub calendar: CalendarChoice,
    pub receipt: Receipt,
    /// Count only the council's opening hours for hour and minute targets.
    pub working_hours: bool,
    pub while_waiting: WhileWaiting,
    pub extension_cap: Option<Target>,
    /// The law's extensions (EIR reg 7(3), UK GDPR Art 12(3), FOI s.17(2)) must be
    /// decided, and the customer told, before the first deadline passes. Left out of
    /// the stored definition when false, so standards without it keep their versions.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub extend_before_due: bool,
    pub warn_before: Option<Target>,
    pub source: String,
    pub published: bool,
}

impl Standard {
    /// Whether this standard applies to a case of this kind.
    pub fn applies_to(&self, channel: Channel, case_type: CaseType, service_code: &str) -> bool {
        (self.channels.is_empty() || self.channels.contains(&channel))
            && (self.case_types.is_empty() || self.case_types.contains(&case_type))
            && (self.services.is_empty() || self.services.iter().any(|s| s == service_code))
    }
}

/// A standard as it was when a clock started: the id and version the clock names.
#[derive(Debug, Clone, PartialEq)]
pub struct Versioned {
    pub version: i64,
    pub standard: Arc<Standard>,
}

/// Everything a clock needs: the policy in force, every earlier version of each
/// standard, and the calendars.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The standards in force now, with their versions.
    pub current: Vec<Versioned>,
    versions: HashMap<(String, i64), Arc<Standard>>,
    pub calendars: Calendars,
    pub policy: Arc<Policy>,
}

impl Rules {
    pub fn new(policy: Arc<Policy>, all_versions: Vec<(i64, Standard)>, calendars: Calendars) -> Rules {
        let versions: HashMap<(String, i64), Arc<Standard>> =
            all_versions.into_iter().map(|(v, s)| ((s.id.clone(), v), Arc::new(s))).collect();
        let current = policy
            .standards
            .iter()
            .filter_map(|s| {
                let (version, standard) = versions
                    .iter()
                    .filter(|((id, _), _)| *id == s.id)
                    .max_by_key(|((_, v), _)| *v)
                    .map(|((_, v), st)| (*v, st.clone()))?;
                Some(Versioned { version, standard })
            })
            .collect();
        Rules { current, versions, calendars, policy }
    }

    /// A standard at the version a clock started under.
    pub fn version(&self, id: &str, version: i64) -> Option<Arc<Standard>> {
        self.versions.get(&(id.to_owned(), version)).cloned()
    }

    pub fn current(&self, id: &str) -> Option<&Versioned> {
        self.current.iter().find(|v| v.standard.id == id)
    }

    pub fn calendar(&self, choice: CalendarChoice) -> &crate::calendar::Calendar {
        match choice {
            CalendarChoice::Council => &self.calendars.council,
            CalendarChoice::Uk => &self.calendars.uk,
        }
    }
}

/// The rules shared by web handlers and jobs. Calendar changes are swapped in whole.
#[derive(Debug, Clone)]
pub struct SharedRules(Arc<RwLock<Arc<Rules>>>);

impl SharedRules {
    pub fn new(rules: Rules) -> SharedRules {
        SharedRules(Arc::new(RwLock::new(Arc::new(rules))))
    }

    pub fn get(&self) -> Arc<Rules> {
        self.0.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    pub fn replace_calendars(&self, calendars: Calendars) {
        let mut guard = self.0.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut rules = (**guard).clone();
        rules.calendars = calendars;
        *guard = Arc::new(rules);
    }
}

#[cfg(test)]
mod tests;
