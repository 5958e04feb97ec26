//! A deadline in words: when it falls and which days did not count, and why. Used by
//! `frontdoor deadline` and, later, the staff case page.

use std::fmt;

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use super::{CalendarChoice, Pause, Standard, TargetFamily, deadline};
use crate::calendar::{Calendars, Receipt};

#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub standard: String,
    pub title: String,
    pub target: String,
    pub counting: String,
    pub received: Timestamp,
    pub received_local: String,
    pub due: Timestamp,
    pub due_local: String,
    pub skipped: Vec<SkippedDay>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkippedDay {
    pub date: String,
    pub day: String,
    pub reason: String,
}

/// Explains the deadline for a clock started at `received`, paused for `paused_days`
/// at the start (working days for a working-day target, calendar days otherwise).
pub fn explain(standard: &Standard, calendars: &Calendars, received: Timestamp, paused_days: i64) -> Explanation {
    let cal = match standard.calendar {
        CalendarChoice::Council => &calendars.council,
        CalendarChoice::Uk => &calendars.uk,
    };
    let pauses: Vec<Pause> = if paused_days <= 0 {
        Vec::new()
    } else {
        let until = match standard.target.family() {
            TargetFamily::WorkingDays => {
                // Paused through the close of the Nth working day after day 0.
                let mut ignored = Vec::new();
                let day0 = cal.receipt_day(received, standard.receipt, &mut ignored);
                let last = cal.add_working_days(day0, paused_days, &|_| false, &mut ignored);
                cal.close_of(last) + SignedDuration::from_secs(1)
            }
            _ => received + SignedDuration::from_hours(24 * paused_days),
        };
        vec![Pause { from: received, until }]
    };
    let d = deadline(standard, calendars, received, &pauses, 0);
    let local = |t: Timestamp| t.to_zoned(cal.time_zone().clone()).strftime("%A %-d %B %Y, %H:%M %Z").to_string();
    let calendar = match standard.calendar {
        CalendarChoice::Council => "the council's calendar",
        CalendarChoice::Uk => "UK-wide bank holidays (FOI Act s.10(6))",
    };
    let receipt = match standard.receipt {
        Receipt::AsReceived => "counted from the date of receipt",
        Receipt::NextWorkingDay => "counted from the next working day if received out of hours",
    };
    let counting = match standard.target.family() {
        TargetFamily::Time if standard.working_hours => "opening hours only".to_owned(),
        TargetFamily::Time => format!("calendar hours, {receipt}"),
        _ => format!("{receipt}, on {calendar}; due at the end of the working day"),
    };
    Explanation {
        standard: standard.id.clone(),
        title: standard.title.clone(),
        target: d.allowed.to_string(),
        counting,
        received,
        received_local: local(received),
        due: d.due,
        due_local: local(d.due),
        skipped: d
            .skipped
            .iter()
            .map(|s| SkippedDay {
                date: s.date.to_string(),
                day: s.date.strftime("%A %-d %B %Y").to_string(),
                reason: s.reason.to_string(),
            })
            .collect(),
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} ({})", self.title, self.standard)?;
        writeln!(f, "Target:   {}, {}", self.target, self.counting)?;
        writeln!(f, "Received: {}", self.received_local)?;
        writeln!(f, "Due:      {}", self.due_local)?;
        if self.skipped.is_empty() {
            writeln!(f, "No days were skipped.")?;
        } else {
            writeln!(f, "Days not counted:")?;
            let width = self.skipped.iter().map(|s| s.day.chars().count()).max().unwrap_or(0);
            for s in &self.skipped {
                writeln!(f, "  {:<width$}  {}", s.day, s.reason)?;
            }
        }
        Ok(())
    }
}
