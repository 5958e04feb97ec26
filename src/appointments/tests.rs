use std::collections::BTreeMap;

use jiff::civil::date;

use super::*;
use crate::calendar::{Calendars, HolidayFile};
use crate::standards::Policy;

fn calendar() -> Calendar {
    Calendars::build(&Policy::default_policy().calendar, &HolidayFile::bundled(), BTreeMap::new()).council
}

fn utc(text: &str) -> i64 {
    text.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

#[test]
fn slots_follow_local_time_across_the_clock_change_and_skip_bank_holidays() {
    let policy = Policy::default_policy();
    let advice = policy.bookable("ctax-advice").unwrap();
    let cal = calendar();
    // Thursday 25 March 2027 is in GMT: 9:30am is 09:30 UTC.
    let thursday = day_slots(advice, &cal, date(2027, 3, 25));
    assert_eq!(thursday[0], (utc("2027-03-25T09:30:00Z"), utc("2027-03-25T10:00:00Z")));
    // Tuesday 30 March is in BST: 9:30am is 08:30 UTC. Two sessions of 30-minute slots.
    let tuesday = day_slots(advice, &cal, date(2027, 3, 30));
    assert_eq!(tuesday[0].0, utc("2027-03-30T08:30:00Z"));
    assert_eq!(tuesday.len(), 6 + 5);
    // Good Friday and Easter Monday, either side of the clock change, are bank holidays.
    assert!(day_slots(advice, &cal, date(2027, 3, 26)).is_empty());
    assert!(day_slots(advice, &cal, date(2027, 3, 29)).is_empty());
    // Monday 28 December 2026 is the substitute Boxing Day bank holiday: no slots.
    assert!(day_slots(advice, &cal, date(2026, 12, 28)).is_empty());
    // Saturday: no sessions.
    assert!(day_slots(advice, &cal, date(2027, 3, 27)).is_empty());
}

#[test]
fn a_time_that_cannot_be_booked_says_why() {
    let policy = Policy::default_policy();
    let advice = policy.bookable("ctax-advice").unwrap();
    let cal = calendar();
    let now = utc("2026-12-21T12:00:00Z");
    assert_eq!(
        slot_problem(advice, &cal, utc("2026-12-21T09:30:00Z"), now).unwrap(),
        "That time has passed: choose a later one"
    );
    assert!(
        slot_problem(advice, &cal, utc("2026-12-21T12:30:00Z"), now).unwrap().contains("at least 60 minutes ahead")
    );
    assert!(
        slot_problem(advice, &cal, utc("2026-12-28T09:30:00Z"), now)
            .unwrap()
            .starts_with("We are closed on Monday 28 December")
    );
    assert!(slot_problem(advice, &cal, utc("2027-02-01T09:30:00Z"), now).unwrap().contains("up to 28 days ahead"));
    assert_eq!(
        slot_problem(advice, &cal, utc("2026-12-22T09:40:00Z"), now).unwrap(),
        "Choose one of the times offered"
    );
    assert_eq!(slot_problem(advice, &cal, utc("2026-12-22T09:30:00Z"), now), None);
}

#[test]
fn the_standards_with_worked_times() {
    let min = 60_000;
    // Booked for 10:00, started 10:05: met; 10:06: missed.
    assert!(started_in_time(0, None, 5 * min, 5 * min));
    assert!(!started_in_time(0, None, 6 * min, 5 * min));
    // Arrived 20 minutes late and seen 3 minutes after arriving: met (their lateness is not ours).
    assert!(started_in_time(0, Some(20 * min), 23 * min, 5 * min));
    // A change told 25 hours before the old start is met; 23 hours is missed.
    let hour = 60 * min;
    assert!(told_in_time(25 * hour, 0, 24 * hour));
    assert!(!told_in_time(23 * hour, 0, 24 * hour));
}

#[test]
fn calendar_files_parse_and_say_what_changed() {
    use icalendar::Component;
    let meeting = ics::Meeting {
        uid: "appointment-1@kingsmead.example",
        sequence: 2,
        starts_at: utc("2027-03-29T08:30:00Z"),
        ends_at: utc("2027-03-29T09:00:00Z"),
        summary: "Council tax advice (Kingsmead)",
        location: "Customer service centre, Town Hall, 1 Market Square, Kingsmead KM1 1AA",
        description: "Your reference is KMB-4K7-9QX. A long description that is folded at 75 octets as the RFC asks for every content line.",
        cancelled: true,
        organizer: "contact@kingsmead.example",
        now: utc("2027-03-20T10:00:00Z"),
    };
    let text = ics::calendar(&meeting);
    assert!(text.lines().all(|l| l.len() <= 75), "{text}");
    assert!(text.contains("\r\n"));
    let parsed: icalendar::Calendar = text.parse().unwrap();
    assert_eq!(parsed.property_value("METHOD"), Some("CANCEL"));
    assert_eq!(parsed.property_value("VERSION"), Some("2.0"));
    let event = parsed.events().next().unwrap();
    assert_eq!(event.get_uid(), Some("appointment-1@kingsmead.example"));
    assert_eq!(event.get_sequence(), Some(2));
    assert_eq!(event.property_value("STATUS"), Some("CANCELLED"));
    assert_eq!(event.property_value("DTSTART"), Some("20270329T083000Z"));
    assert!(event.get_description().unwrap().contains("KMB-4K7-9QX"));
    let request = ics::calendar(&ics::Meeting { cancelled: false, ..meeting });
    let parsed: icalendar::Calendar = request.parse().unwrap();
    assert_eq!(parsed.property_value("METHOD"), Some("REQUEST"));
}
