//! Calendars: which days are working days, when the council opens, and how to count
//! working days, hours and months to a deadline, with every skipped day explained.
//!
//! The counting rules (../shared/STANDARDS.md, written down here and tested below):
//! - The day of receipt is day 0; day 1 is the first working day after it.
//! - Statutory clocks count from the calendar date of receipt, whatever day it is
//!   ([`Receipt::AsReceived`]). A council's own standard may instead treat contact on a
//!   non-working day or after closing time as received on the next working day
//!   ([`Receipt::NextWorkingDay`]).
//! - A deadline in days or months falls at the end of the council's working day.
//! - A month clock runs to the same date next month, or the last day of that month if
//!   there is none, then moves to the next working day if it lands on a non-working day.
//!
//! Nothing here touches the database; `db.rs` loads the holidays and closures.

pub mod db;
pub mod holidays;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};

pub use holidays::{Division, HolidayFile};

/// How a clock treats the moment of receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Receipt {
    /// Day 0 is the calendar date of receipt (statutory clocks).
    AsReceived,
    /// Contact on a non-working day, or after closing, counts from the next working day.
    NextWorkingDay,
}

/// Opening hours for one weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    pub opens: Time,
    pub closes: Time,
}

/// Why a day did not count.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum SkipReason {
    Weekend(String),
    BankHoliday(String),
    Closure(String),
    /// A weekday the council does not open, e.g. "Wednesday".
    NotOpen(String),
    /// Received after closing time, so counted from the next working day.
    OutOfHours(String),
    /// The clock was paused while the council waited for the customer.
    Paused,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Weekend(day) => write!(f, "weekend ({day})"),
            SkipReason::BankHoliday(name) => write!(f, "bank holiday: {name}"),
            SkipReason::Closure(reason) => write!(f, "council closed: {reason}"),
            SkipReason::NotOpen(day) => write!(f, "the council does not open on {day}s"),
            SkipReason::OutOfHours(closes) => write!(f, "received after closing time ({closes})"),
            SkipReason::Paused => f.write_str("clock paused while waiting for the customer"),
        }
    }
}

/// One day left out of a count, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    pub date: Date,
    pub reason: SkipReason,
}

/// A council's working calendar, or the UK-wide statutory one.
#[derive(Debug, Clone)]
pub struct Calendar {
    tz: TimeZone,
    /// Indexed Monday = 0.
    hours: [Option<Hours>; 7],
    holidays: BTreeMap<Date, Arc<str>>,
    closures: BTreeMap<Date, Arc<str>>,
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

fn weekday_index(w: Weekday) -> usize {
    w.to_monday_zero_offset() as usize
}

/// Monday to Friday, 09:00 to 17:00.
pub fn office_hours() -> [Option<Hours>; 7] {
    let day = Some(Hours { opens: Time::constant(9, 0, 0, 0), closes: Time::constant(17, 0, 0, 0) });
    [day, day, day, day, day, None, None]
}

impl Calendar {
    pub fn new(
        tz: TimeZone,
        hours: [Option<Hours>; 7],
        holidays: BTreeMap<Date, Arc<str>>,
        closures: BTreeMap<Date, Arc<str>>,
    ) -> Calendar {
        Calendar { tz, hours, holidays, closures }
    }

    /// The FOI Act s.10(6) calendar: every weekday is a working day unless it is a bank
    /// holiday anywhere in the UK. Council closures do not stop a statutory clock. A
    /// weekday the council does not open still counts, and ends at its usual closing time.
    pub fn statutory(&self, uk_holidays: BTreeMap<Date, Arc<str>>) -> Calendar {
        let latest = self.hours.iter().flatten().map(|h| h.closes).max().unwrap_or(Time::constant(17, 0, 0, 0));
        let mut hours = self.hours;
        for h in hours.iter_mut().take(5) {
            if h.is_none() {
                *h = Some(Hours { opens: Time::constant(9, 0, 0, 0), closes: latest });
            }
        }
        hours[5] = None;
        hours[6] = None;
        Calendar { tz: self.tz.clone(), hours, holidays: uk_holidays, closures: BTreeMap::new() }
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    pub fn hours(&self, weekday: Weekday) -> Option<Hours> {
        self.hours[weekday_index(weekday)]
    }

    /// Why `date` is not a working day, or `None` if it is one.
    pub fn not_working(&self, date: Date) -> Option<SkipReason> {
        let weekday = date.weekday();
        if matches!(weekday, Weekday::Saturday | Weekday::Sunday) {
            return Some(SkipReason::Weekend(weekday_name(weekday).to_owned()));
        }
        if let Some(name) = self.holidays.get(&date) {
            return Some(SkipReason::BankHoliday(name.to_string()));
        }
        if let Some(reason) = self.closures.get(&date) {
            return Some(SkipReason::Closure(reason.to_string()));
        }
        if self.hours(weekday).is_none() {
            return Some(SkipReason::NotOpen(weekday_name(weekday).to_owned()));
        }
        None
    }

    pub fn is_working_day(&self, date: Date) -> bool {
        self.not_working(date).is_none()
    }

    /// The end of the council's working day on `date`.
    pub fn close_of(&self, date: Date) -> Timestamp {
        let closes = self.hours(date.weekday()).map_or(Time::constant(17, 0, 0, 0), |h| h.closes);
        self.at(date, closes)
    }

    /// The start of the council's working day on `date`.
    pub fn open_of(&self, date: Date) -> Timestamp {
        let opens = self.hours(date.weekday()).map_or(Time::constant(9, 0, 0, 0), |h| h.opens);
        self.at(date, opens)
    }

    /// The first moment of `date` in the council's time zone: midnight, where a day's
    /// calls, reports and months begin.
    pub fn start_of(&self, date: Date) -> Timestamp {
        self.at(date, Time::midnight())
    }

    /// A council-local date and time as a moment.
    pub fn at(&self, date: Date, time: Time) -> Timestamp {
        // In a DST gap the "compatible" rule moves forward: 01:30 on the spring-forward
        // day becomes 02:30 BST. Opening hours never fall in the gap in practice.
        date.to_datetime(time).to_zoned(self.tz.clone()).map_or(Timestamp::MAX, |z| z.timestamp())
    }

    pub fn local_date(&self, at: Timestamp) -> Date {
        at.to_zoned(self.tz.clone()).date()
    }

    /// The working day that counts as day 0, with any days passed over to reach it.
    pub fn receipt_day(&self, at: Timestamp, rule: Receipt, skipped: &mut Vec<Skipped>) -> Date {
        let local = at.to_zoned(self.tz.clone());
        let mut date = local.date();
        if rule == Receipt::AsReceived {
            return date;
        }
        match self.not_working(date) {
            Some(reason) => skipped.push(Skipped { date, reason }),
            None if at >= self.close_of(date) => {
                let closes = self.hours(date.weekday()).map_or(Time::constant(17, 0, 0, 0), |h| h.closes);
                skipped.push(Skipped { date, reason: SkipReason::OutOfHours(closes.strftime("%H:%M").to_string()) });
            }
            None => return date,
        }
        loop {
            date = date.tomorrow().expect("dates before 9999");
            match self.not_working(date) {
                Some(reason) => skipped.push(Skipped { date, reason }),
                None => return date,
            }
        }
    }

    /// The `n`th working day after `day0`. A working day for which `paused` is true does
    /// not count either.
    pub fn add_working_days(
        &self,
        day0: Date,
        n: i64,
        paused: &dyn Fn(Date) -> bool,
        skipped: &mut Vec<Skipped>,
    ) -> Date {
        let mut date = day0;
        let mut counted = 0;
        while counted < n {
            date = date.tomorrow().expect("dates before 9999");
            if let Some(reason) = self.not_working(date) {
                skipped.push(Skipped { date, reason });
            } else if paused(date) {
                skipped.push(Skipped { date, reason: SkipReason::Paused });
            } else {
                counted += 1;
            }
        }
        date
    }

    /// The `n`th working day before `from`.
    pub fn sub_working_days(&self, from: Date, n: i64) -> Date {
        let mut date = from;
        let mut counted = 0;
        while counted < n {
            date = date.yesterday().expect("dates after year 0");
            if self.is_working_day(date) {
                counted += 1;
            }
        }
        date
    }

    /// The same date `months` later (the last day of the month if there is no such date),
    /// moved on to the next working day if it is not one.
    pub fn add_months(&self, day0: Date, months: i64, extra_days: i64, skipped: &mut Vec<Skipped>) -> Date {
        let mut date = day0.checked_add(months.months()).expect("dates before 9999");
        if extra_days > 0 {
            date = date.checked_add(extra_days.days()).expect("dates before 9999");
        }
        self.next_working_day_from(date, skipped)
    }

    /// `date` if it is a working day, otherwise the next one.
    pub fn next_working_day_from(&self, mut date: Date, skipped: &mut Vec<Skipped>) -> Date {
        while let Some(reason) = self.not_working(date) {
            skipped.push(Skipped { date, reason });
            date = date.tomorrow().expect("dates before 9999");
        }
        date
    }

    /// `from` plus `duration` of opening time: only hours when the council is open count.
    pub fn add_working_time(&self, from: Timestamp, duration: SignedDuration, skipped: &mut Vec<Skipped>) -> Timestamp {
        let mut remaining = duration;
        let mut date = self.local_date(from);
        loop {
            match self.not_working(date) {
                Some(reason) => skipped.push(Skipped { date, reason }),
                None => {
                    let start = self.open_of(date).max(from);
                    let end = self.close_of(date);
                    if start < end {
                        let available = start.duration_until(end);
                        if remaining <= available {
                            return start.checked_add(remaining).unwrap_or(Timestamp::MAX);
                        }
                        remaining -= available;
                    }
                }
            }
            date = date.tomorrow().expect("dates before 9999");
        }
    }
}

/// A council's calendar settings, from its policy file.
#[derive(Debug, Clone)]
pub struct Settings {
    pub time_zone: TimeZone,
    pub division: Division,
    pub hours: [Option<Hours>; 7],
}

/// The two calendars every clock uses: the council's own, and the UK-wide statutory one.
#[derive(Debug, Clone)]
pub struct Calendars {
    pub council: Calendar,
    pub uk: Calendar,
}

impl Calendars {
    /// Builds both calendars from the built-in holidays, any imported ones, and the
    /// council's closure days.
    pub fn build(settings: &Settings, imported: &HolidayFile, closures: BTreeMap<Date, Arc<str>>) -> Calendars {
        let bundled = HolidayFile::bundled();
        let council = Calendar::new(
            settings.time_zone.clone(),
            settings.hours,
            holidays::effective(&bundled, imported, settings.division),
            closures,
        );
        let uk = council.statutory(holidays::uk_union(&bundled, imported));
        Calendars { council, uk }
    }
}

#[cfg(test)]
mod tests;
