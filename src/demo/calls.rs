//! A year of phone calls for the demo council's measured lines, stored the way an
//! import stores them (`calls::import`), so the performance page, the report and the
//! expected wait read what they would read in live use.
//!
//! The shape: calls come on working days in opening hours, most on Monday mornings and
//! on the day after a bank holiday, and the council tax line takes twice its usual calls
//! in March, when the annual bills land. Staffing varies by month (thin in August and
//! over Christmas, fuller in the autumn), so some months meet the 30-second standard for
//! most callers and some miss it for many. Waits follow the load; a caller's patience is
//! random, so some hang up (a few within 5 seconds), some take a callback after a long
//! wait, and a wait past 15 minutes is cut off. Generation is seeded: the same day gives
//! the same calls.

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::calendar::Calendar;
use crate::calls::{CallRecord, Outcome};

/// A measured line's queue and its share of the calls, with the hours it answers.
struct Queue {
    name: &'static str,
    share: f64,
    opens: i8,
    closes: i8,
}

const QUEUES: &[Queue] = &[
    Queue { name: "general", share: 0.40, opens: 9, closes: 17 },
    Queue { name: "council-tax", share: 0.30, opens: 9, closes: 17 },
    Queue { name: "repairs", share: 0.20, opens: 8, closes: 18 },
    Queue { name: "benefits", share: 0.10, opens: 9, closes: 17 },
];

/// How well staffed each month is, January first: above 1 answers faster.
const STAFFING: [f64; 12] = [0.95, 1.05, 1.0, 1.1, 1.15, 1.05, 0.95, 0.8, 1.0, 1.2, 1.15, 0.85];

/// The longest a caller is kept waiting before the system cuts the call off.
const CUT_OFF_S: f64 = 900.0;

/// Calls for the year before `now`, about `per_day` on an ordinary working day.
pub fn year(calendar: &Calendar, now: i64, per_day: usize) -> Vec<CallRecord> {
    let tz = calendar.time_zone().clone();
    let today = calendar.local_date(Timestamp::from_millisecond(now).unwrap_or(Timestamp::UNIX_EPOCH));
    let mut out = Vec::new();
    let Ok(first) = today.checked_sub(jiff::Span::new().days(365)) else { return out };
    let mut day = first;
    let mut previous_working = true;
    while day <= today {
        let working = calendar.is_working_day(day);
        if working {
            let after_holiday = !previous_working && day.weekday() != Weekday::Monday;
            one_day(&mut out, day, &tz, now, per_day, after_holiday);
        }
        // A weekend is not a holiday: Monday's peak is its own.
        previous_working = working || matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday);
        let Ok(next) = day.tomorrow() else { break };
        day = next;
    }
    out
}

fn one_day(
    out: &mut Vec<CallRecord>,
    day: Date,
    tz: &jiff::tz::TimeZone,
    now: i64,
    per_day: usize,
    after_holiday: bool,
) {
    let seed = (i64::from(day.year()) * 10_000 + i64::from(day.month()) * 100 + i64::from(day.day())) as u64;
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5EED_CA11);
    let weekday = match day.weekday() {
        Weekday::Monday => 1.45,
        Weekday::Tuesday => 1.1,
        Weekday::Wednesday => 1.0,
        Weekday::Thursday => 0.95,
        _ => 0.8,
    };
    let holiday = if after_holiday { 1.5 } else { 1.0 };
    let staffing = STAFFING[(day.month() - 1) as usize];
    for queue in QUEUES {
        let bills = if queue.name == "council-tax" && day.month() == 3 { 2.2 } else { 1.0 };
        let calls =
            (per_day as f64 * queue.share * weekday * holiday * bills * rng.random_range(0.85..1.15)).round() as usize;
        let hours = f64::from(queue.closes - queue.opens);
        for n in 0..calls {
            // Mornings are busier: the first third of the day takes half the calls.
            let share = if rng.random_bool(0.5) {
                rng.random_range(0.0..hours / 3.0)
            } else {
                rng.random_range(hours / 3.0..hours)
            };
            let Ok(opens) = day.at(queue.opens, 0, 0, 0).to_zoned(tz.clone()) else { continue };
            let enqueued_at = opens.timestamp().as_millisecond() + (share * 3_600_000.0) as i64;
            if enqueued_at > now - 60_000 {
                continue;
            }
            let morning = if share < 2.0 { 1.35 } else { 0.9 };
            // Load over what the staff on duty can answer at once.
            let load = weekday * holiday * bills * morning / staffing;
            let mean_wait = 14.0 * (2.4 * (load - 1.0)).exp();
            let wait = -mean_wait * (1.0 - rng.random::<f64>()).ln();
            let patience = -150.0 * (1.0 - rng.random::<f64>()).ln();
            let seconds = |s: f64| (s * 1000.0) as i64;
            let (outcome, answered_at, ended_at) = if patience < wait.min(CUT_OFF_S) {
                if patience > 180.0 && rng.random_bool(0.3) {
                    (Outcome::Callback, None, enqueued_at + seconds(patience))
                } else {
                    (Outcome::Abandoned, None, enqueued_at + seconds(patience))
                }
            } else if wait >= CUT_OFF_S {
                (Outcome::Timeout, None, enqueued_at + seconds(CUT_OFF_S))
            } else {
                let answered = enqueued_at + seconds(wait);
                let talk = rng.random_range(60.0..600.0);
                (Outcome::Answered, Some(answered), answered + seconds(talk))
            };
            if ended_at > now {
                continue;
            }
            out.push(CallRecord {
                call_id: format!("demo-{}-{}-{n}", queue.name, day),
                queue: queue.name.to_owned(),
                enqueued_at,
                answered_at,
                ended_at: Some(ended_at),
                outcome,
                version: 0,
                caller: None,
            });
        }
    }
}
