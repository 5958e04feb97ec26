//! A standard's deadline from its start, pauses and extensions, with the days it skipped.

use jiff::{SignedDuration, Timestamp};

use super::{Standard, Target, TargetFamily};
use crate::calendar::{Calendars, Receipt, Skipped};

/// A finished pause: the clock stood still from `from` until `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    pub from: Timestamp,
    pub until: Timestamp,
}

/// When a clock is due, and why then.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Deadline {
    pub started: Timestamp,
    /// The target with any extension added.
    pub allowed: Target,
    pub due: Timestamp,
    /// When staff are warned that it is nearly due.
    pub warn_at: Timestamp,
    pub skipped: Vec<Skipped>,
}

/// The deadline for `standard` on a clock started at `start`, with finished `pauses`
/// and `extension` more units of the target (e.g. 10 more working days).
pub fn deadline(
    standard: &Standard,
    calendars: &Calendars,
    start: Timestamp,
    pauses: &[Pause],
    extension: i64,
) -> Deadline {
    let cal = match standard.calendar {
        super::CalendarChoice::Council => &calendars.council,
        super::CalendarChoice::Uk => &calendars.uk,
    };
    let allowed = standard.target.with_count(standard.target.count() + extension);
    let mut skipped = Vec::new();
    let due = match allowed.family() {
        TargetFamily::WorkingDays => {
            let day0 = cal.receipt_day(start, standard.receipt, &mut skipped);
            // A working day does not count if the clock was paused at its close.
            let paused = |d| {
                let close = cal.close_of(d);
                pauses.iter().any(|p| p.from <= close && close < p.until)
            };
            let last = cal.add_working_days(day0, allowed.count(), &paused, &mut skipped);
            cal.close_of(last)
        }
        TargetFamily::Months => {
            let day0 = cal.receipt_day(start, standard.receipt, &mut skipped);
            // ICO: the days a subject access clock was stopped are added to the deadline.
            let paused_days: i64 =
                pauses.iter().map(|p| i64::from((cal.local_date(p.until) - cal.local_date(p.from)).get_days())).sum();
            let last = cal.add_months(day0, allowed.count(), paused_days, &mut skipped);
            cal.close_of(last)
        }
        TargetFamily::Time => {
            let base = match standard.receipt {
                Receipt::AsReceived => start,
                Receipt::NextWorkingDay => {
                    let day0 = cal.receipt_day(start, Receipt::NextWorkingDay, &mut skipped);
                    if skipped.is_empty() { start } else { cal.open_of(day0) }
                }
            };
            let paused: SignedDuration = pauses.iter().map(|p| p.from.duration_until(p.until)).sum();
            let length = SignedDuration::from_secs(allowed.seconds().unwrap_or_default()) + paused;
            if standard.working_hours {
                cal.add_working_time(base, length, &mut skipped)
            } else {
                base.checked_add(length).unwrap_or(Timestamp::MAX)
            }
        }
    };
    let warn_at = match standard.warn_before {
        Some(before) => match before.family() {
            TargetFamily::Time => due - SignedDuration::from_secs(before.seconds().unwrap_or_default()),
            TargetFamily::WorkingDays => cal.close_of(cal.sub_working_days(cal.local_date(due), before.count())),
            TargetFamily::Months => {
                cal.close_of(cal.local_date(due).saturating_sub(jiff::Span::new().months(before.count())))
            }
        },
        // By default, warn when four fifths of the time has gone.
        None => start + start.duration_until(due) * 4 / 5,
    };
    Deadline { started: start, allowed, due, warn_at: warn_at.max(start).min(due), skipped }
}
