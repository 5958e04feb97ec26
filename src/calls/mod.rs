//! Phone calls: the telephone system's call records, measured against the phone
//! standard ("we answer within 30 seconds"), and the wait a caller can expect.
//!
//! frontdoor does not answer calls. It takes the records the telephone system writes
//! (`formats.rs`: a plain CSV, Asterisk's `queue_log`, Amazon Connect's contact records),
//! keeps one row per call in a queue (`db.rs`), works out the figures here by pure
//! functions, and gives the expected wait back for the system to announce.
//!
//! The rules, as `../shared/STANDARDS.md` gives them and every report states:
//! - offered: every call that joined a queue;
//! - answered within the target: answered with a wait no longer than the standard's target;
//! - a short abandon: a caller who hung up within `short_abandon_seconds` (5 by default);
//! - service level = answered within the target / (answered + abandoned − short abandoned);
//! - average speed of answer = the mean wait of answered calls;
//! - abandonment rate = (abandoned − short abandoned) / (offered − short abandoned).
//!
//! Decisions where the sources are silent: a call the system ended for waiting too long
//! (`timeout`) counts as abandoned, since the caller did not get through; a call offered a
//! callback (`callback`) or sent on to another queue (`overflow`) counts in neither side,
//! as the standard says of callbacks (an overflowed call is counted again in the queue
//! that took it). The longest wait is over every call; the 50th and 90th percentiles are
//! of answered calls' waits, by the nearest-rank method (`rollups::percentile`).

pub mod db;
pub mod formats;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::db::vocabulary::vocabulary;
use crate::rollups::percentile;

vocabulary! {
    /// How a call in a queue ended.
    Outcome {
        Answered = "answered", "Answered";
        Abandoned = "abandoned", "Caller hung up";
        Callback = "callback", "Callback taken instead";
        Overflow = "overflow", "Sent to another queue";
        Timeout = "timeout", "Waited too long and was cut off";
    }
}

/// One call in one queue, as the telephone system recorded it. Times are milliseconds
/// since the epoch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallRecord {
    /// The telephone system's id for the call: a record sent again with the same id
    /// updates the first, never adds a second.
    pub call_id: String,
    pub queue: String,
    pub enqueued_at: i64,
    /// When a person answered, for an answered call only.
    pub answered_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub outcome: Outcome,
    /// The source's own version of the record (Amazon Connect's `LastUpdateTimestamp`),
    /// 0 where the source has none: an older version never replaces a newer one.
    pub version: i64,
    /// The caller's number, where the source gives it: used only to make the callback a
    /// caller asked for in the queue, never stored with the call.
    pub caller: Option<String>,
}

/// The longest call id and queue name taken.
pub const NAME_MAX: usize = 200;
/// The earliest time taken: 1 January 2000.
pub const EARLIEST_MS: i64 = 946_684_800_000;
/// How far ahead of this machine's clock a record's time may be, for clocks a little apart.
pub const SKEW_MS: i64 = 60_000;

impl CallRecord {
    /// How long the caller waited in the queue: until answered, or until the call
    /// ended unanswered (0 when the end is unknown).
    pub fn wait_ms(&self) -> i64 {
        let until = match self.outcome {
            Outcome::Answered => self.answered_at,
            _ => self.ended_at,
        };
        until.map_or(0, |t| (t - self.enqueued_at).max(0))
    }

    /// What is wrong with the record, if anything, naming the field.
    pub fn problem(&self, now: i64) -> Option<String> {
        for (field, what, value) in
            [("call_id", "the call's id", &self.call_id), ("queue", "the queue's name", &self.queue)]
        {
            let value = value.trim();
            if value.is_empty() || value.chars().count() > NAME_MAX {
                return Some(format!("{field}: give {what}, up to {NAME_MAX} characters"));
            }
            if value.chars().any(char::is_control) {
                return Some(format!("{field}: {what} may not hold control characters"));
            }
        }
        for (field, at) in
            [("enqueued_at", Some(self.enqueued_at)), ("answered_at", self.answered_at), ("ended_at", self.ended_at)]
        {
            if at.is_some_and(|at| at > now + SKEW_MS) {
                return Some(format!("{field}: the time is in the future"));
            }
            if at.is_some_and(|at| at < EARLIEST_MS) {
                return Some(format!("{field}: the time is before 2000, too long ago for a call record"));
            }
        }
        match (self.outcome, self.answered_at) {
            (Outcome::Answered, None) => {
                return Some("answered_at: an answered call needs the time it was answered".into());
            }
            (Outcome::Answered, Some(at)) if at < self.enqueued_at => {
                return Some("answered_at: the call was answered before it joined the queue".into());
            }
            (outcome, Some(_)) if outcome != Outcome::Answered => {
                return Some(format!("answered_at: give it only for an answered call, not one {}", outcome.as_str()));
            }
            _ => {}
        }
        if let Some(end) = self.ended_at
            && end < self.answered_at.unwrap_or(self.enqueued_at)
        {
            return Some("ended_at: the call ended before it joined the queue or was answered".into());
        }
        None
    }
}

/// What the figures are measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    pub target_seconds: i64,
    pub short_abandon_seconds: i64,
}

/// A call as the figures need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waited {
    pub outcome: Outcome,
    pub wait_ms: i64,
}

/// The counts that add up across days and queues.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub offered: i64,
    pub answered: i64,
    /// Hung up or cut off before an answer, short abandons included.
    pub abandoned: i64,
    pub short_abandoned: i64,
    pub callbacks: i64,
    pub overflowed: i64,
    pub answered_within_target: i64,
    /// The sum of answered calls' waits.
    pub answer_wait_ms: i64,
    pub longest_wait_ms: i64,
}

impl Counts {
    pub fn add(&mut self, call: Waited, measure: Measure) {
        self.offered += 1;
        self.longest_wait_ms = self.longest_wait_ms.max(call.wait_ms);
        match call.outcome {
            Outcome::Answered => {
                self.answered += 1;
                self.answer_wait_ms += call.wait_ms;
                if call.wait_ms <= measure.target_seconds * 1000 {
                    self.answered_within_target += 1;
                }
            }
            Outcome::Abandoned | Outcome::Timeout => {
                self.abandoned += 1;
                if call.wait_ms <= measure.short_abandon_seconds * 1000 {
                    self.short_abandoned += 1;
                }
            }
            Outcome::Callback => self.callbacks += 1,
            Outcome::Overflow => self.overflowed += 1,
        }
    }

    pub fn merge(&mut self, other: &Counts) {
        self.offered += other.offered;
        self.answered += other.answered;
        self.abandoned += other.abandoned;
        self.short_abandoned += other.short_abandoned;
        self.callbacks += other.callbacks;
        self.overflowed += other.overflowed;
        self.answered_within_target += other.answered_within_target;
        self.answer_wait_ms += other.answer_wait_ms;
        self.longest_wait_ms = self.longest_wait_ms.max(other.longest_wait_ms);
    }

    /// The calls the service level counts: answered, and abandoned less short abandons.
    pub fn measured(&self) -> i64 {
        self.answered + self.abandoned - self.short_abandoned
    }

    /// Calls that met the standard and missed it, as the performance page counts them.
    pub fn met_missed(&self) -> (i64, i64) {
        (self.answered_within_target, self.measured() - self.answered_within_target)
    }
}

/// The figures for a set of calls, with the rules they were measured by. The names are
/// the JSON keys of `frontdoor calls report --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub offered: i64,
    pub answered: i64,
    pub abandoned: i64,
    pub short_abandoned: i64,
    pub callbacks: i64,
    pub overflowed: i64,
    pub answered_within_target: i64,
    /// A fraction from 0 to 1; `null` when no call counts.
    pub service_level: Option<f64>,
    pub asa_seconds: Option<f64>,
    pub abandonment_rate: Option<f64>,
    pub longest_wait_seconds: Option<f64>,
    pub wait_p50_seconds: Option<f64>,
    pub wait_p90_seconds: Option<f64>,
    pub target_seconds: i64,
    pub short_abandon_seconds: i64,
}

fn ratio(top: i64, bottom: i64) -> Option<f64> {
    (bottom > 0).then(|| round(top as f64 / bottom as f64, 4))
}

fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

fn seconds(ms: i64) -> f64 {
    round(ms as f64 / 1000.0, 1)
}

impl Figures {
    /// The figures from the counts, and the answered calls' waits (any order) for the
    /// percentiles; without waits the percentiles are `null`.
    pub fn new(counts: &Counts, answer_waits: Vec<i64>, measure: Measure) -> Figures {
        let mut waits: BTreeMap<i64, i64> = BTreeMap::new();
        for wait in answer_waits {
            *waits.entry(wait).or_default() += 1;
        }
        Figures {
            offered: counts.offered,
            answered: counts.answered,
            abandoned: counts.abandoned,
            short_abandoned: counts.short_abandoned,
            callbacks: counts.callbacks,
            overflowed: counts.overflowed,
            answered_within_target: counts.answered_within_target,
            service_level: ratio(counts.answered_within_target, counts.measured()),
            asa_seconds: (counts.answered > 0)
                .then(|| round(counts.answer_wait_ms as f64 / counts.answered as f64 / 1000.0, 1)),
            abandonment_rate: ratio(counts.abandoned - counts.short_abandoned, counts.offered - counts.short_abandoned),
            longest_wait_seconds: (counts.offered > 0).then(|| seconds(counts.longest_wait_ms)),
            wait_p50_seconds: percentile(&waits, 0.5).map(seconds),
            wait_p90_seconds: percentile(&waits, 0.9).map(seconds),
            target_seconds: measure.target_seconds,
            short_abandon_seconds: measure.short_abandon_seconds,
        }
    }

    /// The figures of a set of calls.
    pub fn of(calls: &[Waited], measure: Measure) -> Figures {
        let mut counts = Counts::default();
        for &call in calls {
            counts.add(call, measure);
        }
        let waits = calls.iter().filter(|c| c.outcome == Outcome::Answered).map(|c| c.wait_ms).collect();
        Figures::new(&counts, waits, measure)
    }
}

/// The policy's phone standard: the one that starts when a call joins a queue, with a
/// target in seconds, minutes or hours; with the short-abandon limit, what calls are
/// measured against. `None` when the policy has none.
pub fn phone_standard(policy: &crate::standards::Policy) -> Option<(&str, Measure)> {
    policy.standards.iter().find(|s| s.starts == crate::standards::Milestone::CallQueued).and_then(|s| {
        let target_seconds = s.target.seconds()?;
        Some((s.id.as_str(), Measure { target_seconds, short_abandon_seconds: policy.contact.short_abandon_seconds }))
    })
}

/// Stores checked records in one transaction: all of them, or none.
pub async fn import(
    pool: &crate::db::Db,
    records: &[CallRecord],
    against: &db::Against<'_>,
) -> Result<db::Stored, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let stored = db::store(&mut tx, records, against).await?;
    tx.commit().await?;
    Ok(stored)
}

/// A set of calls' figures, and their counts by the council-local hour they joined the
/// queue (0 to 23), for a line's page.
#[derive(Debug, Clone)]
pub struct Measured {
    pub figures: Figures,
    pub by_hour: [Counts; 24],
}

/// Measures calls read by [`db::between`]; `tz` is the council's time zone.
pub fn measure(calls: &[db::Read], tz: &jiff::tz::TimeZone, measure: Measure) -> Measured {
    let mut counts = Counts::default();
    let mut by_hour = [Counts::default(); 24];
    let mut waits = Vec::new();
    for call in calls {
        counts.add(call.waited, measure);
        if call.waited.outcome == Outcome::Answered {
            waits.push(call.waited.wait_ms);
        }
        let at = jiff::Timestamp::from_millisecond(call.enqueued_at).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let hour = usize::try_from(at.to_zoned(tz.clone()).hour()).unwrap_or(0).min(23);
        by_hour[hour].add(call.waited, measure);
    }
    Measured { figures: Figures::new(&counts, waits, measure), by_hour }
}

/// How many recent answered calls the wait estimate reads, at most...
pub const ESTIMATE_CALLS: usize = 20;
/// ...and how many it needs before it will say anything.
pub const ESTIMATE_MIN_CALLS: usize = 5;
/// How old an answered call may be and still count as recent.
pub const ESTIMATE_WINDOW_MS: i64 = 7 * 24 * 3_600_000;

/// The wait a caller can expect, from recent answered waits, oldest first: a moving
/// average that gives each newer wait a quarter of the weight, as Asterisk does for its
/// announcement (`avg = (3 × avg + wait) / 4`, starting from the oldest wait). `None`
/// when fewer than [`ESTIMATE_MIN_CALLS`] were answered recently: too few to say.
pub fn expected_wait_ms(oldest_first: &[i64]) -> Option<i64> {
    if oldest_first.len() < ESTIMATE_MIN_CALLS {
        return None;
    }
    let mut waits = oldest_first.iter();
    let mut average = *waits.next()? as f64;
    for &wait in waits {
        average = (3.0 * average + wait as f64) / 4.0;
    }
    Some(average.round() as i64)
}

/// What a caller to a line can expect, for the telephone system's announcement and the
/// contact page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpectedWait {
    /// `null` when too few calls were answered recently to say.
    pub seconds: Option<i64>,
    /// The wait in words: "under 1 minute", "2 to 5 minutes"; `null` with `seconds`.
    pub band: Option<&'static str>,
    /// How many recent answered calls it is based on.
    pub based_on_calls: usize,
}

/// The expected wait on a line's queues at `now`: the moving average of the latest
/// [`ESTIMATE_CALLS`] answered in the past [`ESTIMATE_WINDOW_MS`], read through one short
/// index range a queue.
pub async fn expected_wait(
    pool: &sqlx::AnyPool,
    line: &crate::standards::contact::PhoneLine,
    now: i64,
) -> Result<ExpectedWait, sqlx::Error> {
    let waits = db::recent_waits(pool, &line.queues, now - ESTIMATE_WINDOW_MS, ESTIMATE_CALLS).await?;
    let seconds = expected_wait_ms(&waits).map(|ms| (ms + 500) / 1000);
    Ok(ExpectedWait { seconds, band: seconds.map(band), based_on_calls: waits.len() })
}

/// The band a wait is announced in, as contact centres do rather than an exact figure.
pub fn band(wait_seconds: i64) -> &'static str {
    match wait_seconds {
        ..=59 => "under 1 minute",
        60..=119 => "1 to 2 minutes",
        120..=299 => "2 to 5 minutes",
        300..=599 => "5 to 10 minutes",
        600..=1199 => "10 to 20 minutes",
        _ => "over 20 minutes",
    }
}

#[cfg(test)]
mod tests;
