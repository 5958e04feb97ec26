//! Performance figures kept as running counts, so the public performance page reads a
//! year of months and never the history.
//!
//! Each count is a (day, service, metric, key) and a value. What moves them is written
//! where the change happens, in its transaction (`db::add`): a case received, a clock
//! met or missed, a case resolved or reopened and an escalation by the resident (all in the
//! fan-out of `casework::append_event`, which every change to a case ends in), and a rating
//! (the resident's feedback). `db::rebuild` computes the same counts from the tables, for a database
//! written before rollups or by a bulk load, and the tests hold the two to each other.
//!
//! The figures the page shows are worked out here, from the monthly counts, by pure
//! functions with tests written by hand.

pub mod db;

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::calendar::Calendar;
use crate::cases::Channel;
use crate::clocks::State;

/// What a count counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Metric {
    /// Cases received, keyed by channel.
    Received,
    /// Clocks that met their standard, keyed by standard, on the day they stopped.
    Met,
    /// Clocks that missed, keyed by standard, on the day they fell due.
    Missed,
    /// Cases resolved, keyed by the working days they took, on the day resolved.
    Resolved,
    /// Residents' ratings after resolution, keyed 1 to 5.
    Rating,
    /// "Did this solve it?", keyed yes or no.
    Solved,
    /// Cases a resident escalated because they were past their date (failure demand).
    Escalated,
    /// People met face to face, keyed `standard:site:minutes` by how long they waited
    /// past the time (a visitor from arriving to being called; an appointment from its
    /// time to its start; an officer's visit from its time to the officer's arrival),
    /// on the day measured. Minutes are whole, rounded down, and capped at 240.
    Waited,
    /// Contacts from customers, keyed `channel:demand` (value demand, or failure demand
    /// of a kind: see `insight::Demand`), on the day of the contact. Contacts with no
    /// case count under service 0.
    Contacts,
    /// Contacts from customers whose case has a ward, keyed `ward:channel`. Published
    /// only with small counts suppressed (`insight::suppress`).
    WardContacts,
    /// Answers to the optional equality questions on web forms, keyed `question:answer`,
    /// held only as these counts (never with the case) and shown only with small counts
    /// suppressed.
    Equality,
    /// Cases passed from one team to another, keyed `from_team:to_team`.
    Handoff,
}

impl Metric {
    pub const ALL: [Metric; 12] = [
        Metric::Received,
        Metric::Met,
        Metric::Missed,
        Metric::Resolved,
        Metric::Rating,
        Metric::Solved,
        Metric::Escalated,
        Metric::Waited,
        Metric::Contacts,
        Metric::WardContacts,
        Metric::Equality,
        Metric::Handoff,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Received => "received",
            Metric::Met => "standard_met",
            Metric::Missed => "standard_missed",
            Metric::Resolved => "resolved_in_working_days",
            Metric::Rating => "rating",
            Metric::Solved => "solved",
            Metric::Escalated => "escalated_by_resident",
            Metric::Waited => "waited_minutes",
            Metric::Contacts => "contacts",
            Metric::WardContacts => "ward_contacts",
            Metric::Equality => "equality",
            Metric::Handoff => "handoff",
        }
    }

    /// Whether a month's figures ([`Month`], the performance page's) read this count. The
    /// insight counts are many more rows (by ward, by pair of teams, by kind of contact:
    /// two thirds of a year's counts) and are read by `insight` alone.
    pub fn in_month(self) -> bool {
        !matches!(self, Metric::Contacts | Metric::WardContacts | Metric::Equality | Metric::Handoff)
    }

    /// Whether the open data publishes the count as it stands. Counts by ward and the
    /// equality answers are published only with small numbers suppressed, by their own
    /// files.
    pub fn public(self) -> bool {
        !matches!(self, Metric::WardContacts | Metric::Equality)
    }

    pub fn parse(code: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.as_str() == code)
    }
}

/// One count to move: `value` is added, and may be negative.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Delta {
    pub day: Date,
    pub service_id: i64,
    pub metric: Metric,
    pub key: String,
    pub value: i64,
}

/// The key of a [`Metric::Contacts`] count: `channel:demand` (see `insight`, which reads it).
pub fn contact_key(channel: impl std::fmt::Display, demand: impl std::fmt::Display) -> String {
    format!("{channel}:{demand}")
}

/// The key of a [`Metric::WardContacts`] count: `ward:channel`.
pub fn ward_key(ward: impl std::fmt::Display, channel: impl std::fmt::Display) -> String {
    format!("{ward}:{channel}")
}

/// A day as stored: 20261125.
pub fn day_number(day: Date) -> i64 {
    i64::from(day.year()) * 10_000 + i64::from(day.month()) * 100 + i64::from(day.day())
}

/// A month as stored: 202611.
pub fn month_number(day: Date) -> i64 {
    i64::from(day.year()) * 100 + i64::from(day.month())
}

/// The month after `month` (202612 → 202701).
pub fn next_month(month: i64) -> i64 {
    if month % 100 == 12 { (month / 100 + 1) * 100 + 1 } else { month + 1 }
}

/// "November 2026".
pub fn month_name(month: i64) -> String {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let index = usize::try_from(month % 100 - 1).unwrap_or(0).min(11);
    format!("{} {}", NAMES[index], month / 100)
}

/// What a clock counts for, if it has settled: met on the day it stopped; missed on the
/// day it fell due, whether it stopped late or is still running past its date (the
/// sweep marks it breached when the date passes).
pub fn settled(state: State, breached: bool, due_at: Option<i64>, stopped_at: Option<i64>) -> Option<(Metric, i64)> {
    match state {
        State::Met => stopped_at.map(|at| (Metric::Met, at)),
        State::Missed => due_at.or(stopped_at).map(|at| (Metric::Missed, at)),
        State::Running if breached => due_at.map(|at| (Metric::Missed, at)),
        _ => None,
    }
}

/// Working days from the day a case was received to the day it was resolved: the day of
/// receipt is day 0, and only working days after it count (a case resolved on the day
/// it came in took 0). Capped at ten years of days, so a wrong date cannot loop for long.
pub fn working_days(calendar: &Calendar, received_at: i64, resolved_at: i64) -> i64 {
    let from = calendar.local_date(ts(received_at));
    let to = calendar.local_date(ts(resolved_at));
    let mut days = 0;
    let mut date = from;
    for _ in 0..3_660 {
        if date >= to {
            break;
        }
        let Ok(next) = date.tomorrow() else { break };
        date = next;
        if calendar.is_working_day(date) {
            days += 1;
        }
    }
    days
}

pub fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The smallest value with at least `share` of the count at or below it: the
/// nearest-rank percentile, which is always a value that occurred. The median is
/// `share = 0.5` (of 1, 2, 3, 4 it is 2), the 90th percentile `0.9`.
pub fn percentile(histogram: &BTreeMap<i64, i64>, share: f64) -> Option<i64> {
    let total: i64 = histogram.values().sum();
    if total <= 0 {
        return None;
    }
    // The rank in whole cases, rounded up: ceil(share × total), at least 1.
    let rank = ((share * total as f64).ceil() as i64).max(1);
    let mut seen = 0;
    for (value, count) in histogram {
        seen += count;
        if seen >= rank {
            return Some(*value);
        }
    }
    histogram.keys().next_back().copied()
}

/// A share as a whole percentage, rounded half up; `None` when there is nothing to share.
pub fn percent(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 200 + whole) / (whole * 2))
}

/// One summed count from the monthly table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCount {
    pub month: i64,
    pub metric: Metric,
    pub key: String,
    pub value: i64,
}

/// The figures for one month.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Month {
    /// Cases received by channel.
    pub received: BTreeMap<String, i64>,
    /// Per standard: (met, missed).
    pub standards: BTreeMap<String, (i64, i64)>,
    /// Working days to resolve → cases.
    pub resolved: BTreeMap<i64, i64>,
    /// Rating → answers.
    pub ratings: BTreeMap<i64, i64>,
    pub solved_yes: i64,
    pub solved_no: i64,
    pub escalated: i64,
    /// Per standard and site: minutes waited → people.
    pub waits: BTreeMap<(String, String), BTreeMap<i64, i64>>,
}

impl Month {
    pub fn received_total(&self) -> i64 {
        self.received.values().sum()
    }

    pub fn resolved_total(&self) -> i64 {
        self.resolved.values().sum()
    }

    pub fn median_days(&self) -> Option<i64> {
        percentile(&self.resolved, 0.5)
    }

    pub fn p90_days(&self) -> Option<i64> {
        percentile(&self.resolved, 0.9)
    }

    pub fn ratings_total(&self) -> i64 {
        self.ratings.values().sum()
    }

    /// Mean rating in tenths (4.3 is 43), rounded half up.
    pub fn mean_rating_tenths(&self) -> Option<i64> {
        let total = self.ratings_total();
        let sum: i64 = self.ratings.iter().map(|(r, n)| r * n).sum();
        (total > 0).then(|| (sum * 20 + total) / (total * 2))
    }

    /// Share of ratings of 4 or 5.
    pub fn satisfied_percent(&self) -> Option<i64> {
        let good: i64 = self.ratings.iter().filter(|(r, _)| **r >= 4).map(|(_, n)| n).sum();
        percent(good, self.ratings_total())
    }

    pub fn standard(&self, id: &str) -> (i64, i64) {
        self.standards.get(id).copied().unwrap_or((0, 0))
    }

    /// A standard's waits by site: (site, people, median minutes, 90th percentile).
    pub fn waits_of(&self, standard: &str) -> Vec<(String, i64, i64, i64)> {
        self.waits
            .iter()
            .filter(|((s, _), _)| s == standard)
            .filter_map(|((_, site), minutes)| {
                let people = minutes.values().sum();
                Some((site.clone(), people, percentile(minutes, 0.5)?, percentile(minutes, 0.9)?))
            })
            .collect()
    }
}

/// The longest wait counted, in minutes: longer ones count as this.
pub const WAIT_CAP_MINUTES: i64 = 240;

/// The count of one person's wait against a standard at a site.
pub fn waited(day: Date, service_id: i64, standard: &str, site: &str, wait_ms: i64) -> Delta {
    let minutes = (wait_ms.max(0) / 60_000).min(WAIT_CAP_MINUTES);
    Delta { day, service_id, metric: Metric::Waited, key: format!("{standard}:{site}:{minutes}"), value: 1 }
}

/// The count of one standard kept (`met`) or not, on a day, for a service.
pub fn kept(day: Date, service_id: i64, standard: &str, met: bool) -> Delta {
    Delta {
        day,
        service_id,
        metric: if met { Metric::Met } else { Metric::Missed },
        key: standard.to_owned(),
        value: 1,
    }
}

/// Sorts monthly counts into months, for the months from `first` to `last`.
pub fn months(counts: &[MonthCount], first: i64, last: i64) -> BTreeMap<i64, Month> {
    let mut out = BTreeMap::new();
    let mut m = first;
    while m <= last {
        out.insert(m, Month::default());
        m = next_month(m);
    }
    for c in counts.iter().filter(|c| c.value != 0) {
        let Some(month) = out.get_mut(&c.month) else { continue };
        match c.metric {
            Metric::Received => *month.received.entry(c.key.clone()).or_default() += c.value,
            Metric::Met => month.standards.entry(c.key.clone()).or_default().0 += c.value,
            Metric::Missed => month.standards.entry(c.key.clone()).or_default().1 += c.value,
            Metric::Resolved => {
                if let Ok(days) = c.key.parse::<i64>() {
                    *month.resolved.entry(days).or_default() += c.value;
                }
            }
            Metric::Rating => {
                if let Ok(rating) = c.key.parse::<i64>() {
                    *month.ratings.entry(rating).or_default() += c.value;
                }
            }
            Metric::Solved if c.key == "yes" => month.solved_yes += c.value,
            Metric::Solved => month.solved_no += c.value,
            Metric::Escalated => month.escalated += c.value,
            Metric::Waited => {
                let mut parts = c.key.rsplitn(3, ':');
                if let (Some(Ok(minutes)), Some(site), Some(standard)) =
                    (parts.next().map(str::parse::<i64>), parts.next(), parts.next())
                {
                    let waits = month.waits.entry((standard.to_owned(), site.to_owned())).or_default();
                    *waits.entry(minutes).or_default() += c.value;
                }
            }
            // Read by `insight`, not the performance page (not `in_month`).
            Metric::Contacts | Metric::WardContacts | Metric::Equality | Metric::Handoff => {}
        }
    }
    out
}

/// The channels in the order the page lists them.
pub fn channel_order() -> [Channel; 7] {
    [Channel::Web, Channel::Email, Channel::Phone, Channel::Letter, Channel::Visit, Channel::Social, Channel::Api]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hist(values: &[i64]) -> BTreeMap<i64, i64> {
        let mut h = BTreeMap::new();
        for v in values {
            *h.entry(*v).or_default() += 1;
        }
        h
    }

    #[test]
    fn nearest_rank_percentiles_by_hand() {
        assert_eq!(percentile(&hist(&[1, 2, 3, 4]), 0.5), Some(2));
        assert_eq!(percentile(&hist(&[1, 2, 3, 4, 5]), 0.5), Some(3));
        assert_eq!(percentile(&hist(&[0, 0, 0, 1, 2, 3, 4, 5, 6, 20]), 0.9), Some(6));
        assert_eq!(percentile(&hist(&[0, 0, 0, 1, 2, 3, 4, 5, 6, 20, 21]), 0.9), Some(20));
        assert_eq!(percentile(&hist(&[7]), 0.9), Some(7));
        assert_eq!(percentile(&BTreeMap::new(), 0.5), None);
    }

    #[test]
    fn percentages_round_half_up() {
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(1, 8), Some(13));
        assert_eq!(percent(0, 0), None);
    }

    #[test]
    fn months_roll_over_the_year() {
        assert_eq!(next_month(202612), 202701);
        assert_eq!(next_month(202611), 202612);
        assert_eq!(month_name(202611), "November 2026");
        assert_eq!(day_number(jiff::civil::date(2026, 1, 5)), 20260105);
    }

    proptest! {
        /// The percentile from the histogram is the sorted list's nearest-rank value.
        #[test]
        fn percentile_matches_sorting(mut values in proptest::collection::vec(0i64..40, 1..200), share in 0.01f64..1.0) {
            let got = percentile(&hist(&values), share);
            values.sort_unstable();
            let rank = ((share * values.len() as f64).ceil() as usize).max(1);
            prop_assert_eq!(got, Some(values[rank - 1]));
        }
    }
}
