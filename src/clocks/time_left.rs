//! How a deadline stands, in the words a queue shows: "due in 3 hours", "due in 2
//! working days", "4 working days late".

use jiff::Timestamp;
use jiff::civil::Date;

use crate::calendar::Calendar;
use crate::cases::queue::NO_DEADLINE;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Late,
    /// Due before the end of today.
    Today,
    /// Due by the end of the next working day.
    Soon,
    Later,
    /// No deadline running.
    None,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeLeft {
    pub words: String,
    pub urgency: Urgency,
}

/// The time left before `due_at` (or past it), counted in working days by `calendar`
/// once it is more than today.
pub fn time_left(calendar: &Calendar, due_at: i64, now: i64) -> TimeLeft {
    if due_at >= NO_DEADLINE {
        return TimeLeft { words: "No deadline running".to_owned(), urgency: Urgency::None };
    }
    let day = |ms: i64| calendar.local_date(Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH));
    let (due_day, today) = (day(due_at), day(now));
    if due_at < now {
        let days = working_days_after(calendar, due_day, today);
        let words =
            if days == 0 { format!("{} late", duration(now - due_at)) } else { format!("{} late", working_days(days)) };
        return TimeLeft { words, urgency: Urgency::Late };
    }
    let days = working_days_after(calendar, today, due_day);
    match days {
        0 => TimeLeft { words: format!("due in {}", duration(due_at - now)), urgency: Urgency::Today },
        1 => TimeLeft { words: "due in 1 working day".to_owned(), urgency: Urgency::Soon },
        n => TimeLeft { words: format!("due in {}", working_days(n)), urgency: Urgency::Later },
    }
}

/// Working days after `from`, up to and including `to`. Capped at ten years of days, so a
/// wild date costs no more than that.
fn working_days_after(calendar: &Calendar, from: Date, to: Date) -> i64 {
    let mut count = 0;
    let mut day = from;
    for _ in 0..3_660 {
        if day >= to {
            break;
        }
        let Ok(next) = day.tomorrow() else { break };
        day = next;
        if calendar.is_working_day(day) {
            count += 1;
        }
    }
    count
}

fn working_days(n: i64) -> String {
    if n == 1 { "1 working day".to_owned() } else { format!("{n} working days") }
}

/// "40 minutes", "1 hour", "3 hours": rounded to what a person would say.
fn duration(ms: i64) -> String {
    let minutes = (ms / 60_000).max(1);
    if minutes < 60 {
        return if minutes == 1 { "1 minute".to_owned() } else { format!("{minutes} minutes") };
    }
    let hours = (ms + 30 * 60_000) / 3_600_000;
    if hours == 1 { "1 hour".to_owned() } else { format!("{hours} hours") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Calendars, Division, HolidayFile, Settings, office_hours};

    /// England's calendar with the built-in bank holidays and office hours.
    fn england() -> Calendar {
        let time_zone = jiff::tz::TimeZone::get("Europe/London").expect("tzdb has London");
        let settings = Settings { time_zone, division: Division::EnglandAndWales, hours: office_hours() };
        Calendars::build(&settings, &HolidayFile::default(), std::collections::BTreeMap::new()).council
    }

    fn at(text: &str) -> i64 {
        // Times in the council's zone, as people read them.
        let zoned: jiff::Zoned = format!("{text}[Europe/London]").parse().expect("time");
        zoned.timestamp().as_millisecond()
    }

    #[test]
    fn deadlines_read_in_hours_today_and_working_days_after() {
        let cal = england();
        // Wednesday 4 March 2026.
        let now = at("2026-03-04T10:00");
        let say = |due: &str| time_left(&cal, at(due), now);
        assert_eq!(say("2026-03-04T13:00").words, "due in 3 hours");
        assert_eq!(say("2026-03-04T13:00").urgency, Urgency::Today);
        assert_eq!(say("2026-03-04T10:20").words, "due in 20 minutes");
        assert_eq!(say("2026-03-05T17:00"), TimeLeft { words: "due in 1 working day".into(), urgency: Urgency::Soon });
        // Friday to the next Tuesday: Monday and Tuesday, the weekend does not count.
        let friday = at("2026-03-06T10:00");
        assert_eq!(time_left(&cal, at("2026-03-10T17:00"), friday).words, "due in 2 working days");
        assert_eq!(say("2026-03-04T09:00"), TimeLeft { words: "1 hour late".into(), urgency: Urgency::Late });
        // Due Friday, now Wednesday after: Monday, Tuesday, Wednesday.
        assert_eq!(time_left(&cal, at("2026-02-27T17:00"), now).words, "3 working days late");
        assert_eq!(time_left(&cal, NO_DEADLINE, now).urgency, Urgency::None);
    }

    #[test]
    fn a_bank_holiday_is_not_a_working_day_late() {
        let cal = england();
        // Due Thursday 2 April 2026; Good Friday (3rd) and Easter Monday (6th) are bank
        // holidays, so on Tuesday 7 April it is 1 working day late.
        assert_eq!(time_left(&cal, at("2026-04-02T17:00"), at("2026-04-07T10:00")).words, "1 working day late");
    }
}
