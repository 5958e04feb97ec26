use std::collections::BTreeMap;

use super::*;
use crate::calendar::HolidayFile;

fn rules_calendars() -> Calendars {
    Calendars::build(&Policy::default_policy().calendar, &HolidayFile::default(), BTreeMap::new())
}

fn standard(id: &str) -> Standard {
    Policy::default_policy().standards.into_iter().find(|s| s.id == id).expect("a default standard")
}

fn ts(s: &str) -> jiff::Timestamp {
    s.parse().expect("a timestamp")
}

fn problems(text: &str) -> String {
    Policy::parse(text).expect_err("refused").to_string()
}

const GOOD: &str = r#"
[calendar]
time_zone = "Europe/London"
division = "england-and-wales"
[calendar.opening_hours]
monday = "09:00-17:00"

[[standard]]
id = "reply"
title = "Replies"
wording = "We reply in 3 working days."
measures = "first_response"
channels = ["web"]
target = "3 working days"
starts = "received"
stops = ["responded"]
source = "Our standards"
"#;

#[test]
fn the_default_policy_has_every_standard_from_the_councils_table() {
    let policy = Policy::default_policy();
    let ids: Vec<_> = policy.standards.iter().map(|s| s.id.as_str()).collect();
    for id in [
        "phone-answer",
        "online-acknowledge",
        "online-reply",
        "letter-reply",
        "spoken-reply",
        "request-resolved",
        "reopened-resolved",
        "foi-acknowledge-online",
        "foi-acknowledge-letter",
        "foi-respond",
        "eir-respond",
        "sar-respond",
        "complaint-stage1-acknowledge",
        "complaint-stage1-respond",
        "complaint-stage2-acknowledge",
        "complaint-stage2-respond",
        "visitor-seen",
        "appointment-started",
        "change-notified",
    ] {
        assert!(ids.contains(&id), "missing {id}");
    }
    assert_eq!(standard("foi-respond").calendar, CalendarChoice::Uk);
    assert_eq!(standard("foi-respond").while_waiting, WhileWaiting::Restarts);
    assert_eq!(standard("sar-respond").extension_cap, Some(Target::Months(2)));
}

#[test]
fn a_small_valid_policy_is_accepted() {
    let policy = Policy::parse(GOOD).expect("valid");
    assert_eq!(policy.standards[0].target, Target::WorkingDays(3));
    assert_eq!(policy.calendar.hours[1], None, "days not listed are closed");
}

#[test]
fn an_unknown_field_is_refused_with_its_line() {
    let text = GOOD.replace("source = \"Our standards\"", "source = \"Our standards\"\ncolour = \"red\"");
    let message = problems(&text);
    assert!(message.contains("line 18"), "{message}");
    assert!(message.contains("unknown field `colour`"), "{message}");
}

#[test]
fn impossible_targets_are_refused_by_standard_and_field() {
    for (target, expected) in [
        ("0 hours", "a target must be more than zero"),
        ("-3 working days", "a target must be more than zero"),
        ("3 fortnights", "the unit must be"),
        ("1.5 hours", "must start with a whole number"),
        ("3 days", "say \"working days\""),
        ("99999 working days", "longer than five years"),
    ] {
        let message = problems(&GOOD.replace("\"3 working days\"", &format!("{target:?}")));
        assert!(message.starts_with("standard \"reply\", target: "), "{message}");
        assert!(message.contains(expected), "{target}: {message}");
    }
}

#[test]
fn a_reference_to_a_missing_channel_milestone_or_case_type_is_refused() {
    let message = problems(&GOOD.replace("channels = [\"web\"]", "channels = [\"fax\"]\ncase_types = [\"parking\"]"));
    assert!(message.contains("standard \"reply\", channels: there is no channel \"fax\"; use one of web, email"));
    assert!(message.contains("standard \"reply\", case_types: there is no case type \"parking\""));
    let message = problems(&GOOD.replace("stops = [\"responded\"]", "stops = [\"replied\"]"));
    assert!(message.contains("stops: there is no stops \"replied\""), "{message}");
}

#[test]
fn an_extension_in_a_different_unit_or_a_warning_longer_than_the_target_is_refused() {
    let message = problems(&GOOD.replace("source =", "extension_cap = \"2 months\"\nsource ="));
    assert!(message.contains("extension_cap: 2 months cannot be added to a target of 3 working days"), "{message}");
    let message = problems(&GOOD.replace("source =", "warn_before = \"5 working days\"\nsource ="));
    assert!(message.contains("warn_before: 5 working days is not shorter than the target"), "{message}");
}

#[test]
fn bad_calendar_settings_are_refused() {
    let message = problems(&GOOD.replace("Europe/London", "Europe/Kingsmead").replace("09:00-17:00", "17:00-09:00"));
    assert!(message.contains("calendar.time_zone: there is no time zone \"Europe/Kingsmead\""), "{message}");
    assert!(message.contains("calendar.opening_hours.monday: \"17:00-09:00\""), "{message}");
}

#[test]
fn a_standard_is_read_back_exactly_as_it_was_stored() {
    for s in Policy::default_policy().standards {
        let json = serde_json::to_string(&s).unwrap();
        let back: Standard = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }
}

#[test]
fn a_paused_online_reply_moves_by_the_working_days_it_was_paused() {
    let cals = rules_calendars();
    let s = standard("online-reply");
    // Received Monday 16 November 2026 at 10:00; due Thursday 19th at 17:00.
    let plain = deadline(&s, &cals, ts("2026-11-16T10:00:00Z"), &[], 0);
    assert_eq!(plain.due, ts("2026-11-19T17:00:00Z"));
    // Waiting for the customer from Tuesday 10:00 to Thursday 10:00: Tuesday and
    // Wednesday do not count, so it is due Monday 23rd.
    let pause = Pause { from: ts("2026-11-17T10:00:00Z"), until: ts("2026-11-19T10:00:00Z") };
    let paused = deadline(&s, &cals, ts("2026-11-16T10:00:00Z"), &[pause], 0);
    assert_eq!(paused.due, ts("2026-11-23T17:00:00Z"));
    // Extended by 2 working days on top: Wednesday 25th.
    let extended = deadline(&s, &cals, ts("2026-11-16T10:00:00Z"), &[pause], 2);
    assert_eq!(extended.due, ts("2026-11-25T17:00:00Z"));
    assert_eq!(extended.allowed, Target::WorkingDays(5));
}

#[test]
fn a_subject_access_clock_stopped_for_five_days_is_due_five_days_later() {
    let cals = rules_calendars();
    let s = standard("sar-respond");
    // Received Tuesday 3 November 2026: due Thursday 3 December. Stopped 5 days: Tuesday 8th.
    let pause = Pause { from: ts("2026-11-04T12:00:00Z"), until: ts("2026-11-09T12:00:00Z") };
    assert_eq!(deadline(&s, &cals, ts("2026-11-03T12:00:00Z"), &[], 0).due, ts("2026-12-03T17:00:00Z"));
    assert_eq!(deadline(&s, &cals, ts("2026-11-03T12:00:00Z"), &[pause], 0).due, ts("2026-12-08T17:00:00Z"));
    // Extended by two months: 3 February 2027, a Wednesday.
    assert_eq!(deadline(&s, &cals, ts("2026-11-03T12:00:00Z"), &[], 2).due, ts("2027-02-03T17:00:00Z"));
}

#[test]
fn the_warning_comes_before_the_deadline() {
    let cals = rules_calendars();
    for s in Policy::default_policy().standards {
        let d = deadline(&s, &cals, ts("2026-11-16T10:00:00Z"), &[], 0);
        assert!(d.started <= d.warn_at && d.warn_at < d.due, "{}: {d:?}", s.id);
    }
}
