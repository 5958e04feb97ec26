use std::collections::BTreeMap;

use super::*;
use crate::calendar::{Calendars, HolidayFile};
use crate::standards::Policy;

fn calendar() -> Calendar {
    Calendars::build(&Policy::default_policy().calendar, &HolidayFile::default(), BTreeMap::new()).council
}

/// A time in London, in milliseconds.
fn at(text: &str) -> i64 {
    text.parse::<jiff::civil::DateTime>()
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::get("Europe/London").unwrap())
        .unwrap()
        .timestamp()
        .as_millisecond()
}

fn words(when: When, now: &str) -> Result<String, &'static str> {
    let c = calendar();
    window(when, &c, at(now)).map(|w| describe(&w, &c))
}

#[test]
fn a_friday_mornings_request_offers_the_rest_of_today_and_monday() {
    // Friday 4 December 2026, 10:00.
    let now = "2026-12-04T10:00";
    assert_eq!(words(When::TodayMorning, now).unwrap(), "Friday 4 December, between 10:00am and 12:30pm");
    assert_eq!(words(When::TodayAfternoon, now).unwrap(), "Friday 4 December, between 12:30pm and 5:00pm");
    assert_eq!(words(When::NextMorning, now).unwrap(), "Monday 7 December, between 9:00am and 12:30pm");
    assert_eq!(words(When::NextAfternoon, now).unwrap(), "Monday 7 December, between 12:30pm and 5:00pm");
    // As soon as possible: within 1 working day of the day of receipt, Friday.
    assert_eq!(words(When::Asap, now).unwrap(), "as soon as we can, and by 5:00pm on Monday 7 December");
    assert_eq!(choices(&calendar(), at(now)).len(), 5);
}

#[test]
fn a_part_of_today_that_has_passed_or_a_closed_day_cannot_be_chosen() {
    assert_eq!(words(When::TodayMorning, "2026-12-04T13:00"), Err("That time today has passed. Choose another"));
    assert_eq!(choices(&calendar(), at("2026-12-04T13:00")).len(), 4);
    // Saturday: closed today, so Monday is the next working day, and "as soon as
    // possible" counts from Monday, the day of receipt, to Tuesday.
    let saturday = "2026-12-05T10:00";
    assert!(words(When::TodayAfternoon, saturday).unwrap_err().starts_with("We are closed today"));
    assert_eq!(words(When::NextMorning, saturday).unwrap(), "Monday 7 December, between 9:00am and 12:30pm");
    assert_eq!(words(When::Asap, saturday).unwrap(), "as soon as we can, and by 5:00pm on Tuesday 8 December");
    assert_eq!(choices(&calendar(), at(saturday)), vec![When::Asap, When::NextMorning, When::NextAfternoon]);
}

#[test]
fn christmas_eve_afternoons_next_working_day_is_after_the_bank_holidays() {
    // Thursday 24 December 2026: the 25th and 28th are bank holidays.
    let now = "2026-12-24T16:00";
    assert_eq!(words(When::NextMorning, now).unwrap(), "Tuesday 29 December, between 9:00am and 12:30pm");
    assert_eq!(words(When::Asap, now).unwrap(), "as soon as we can, and by 5:00pm on Tuesday 29 December");
}
