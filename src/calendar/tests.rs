//! Expected dates here were worked out by hand from printed calendars and GOV.UK's
//! published holidays, not from this code.

use super::*;
use jiff::civil::date;

fn london() -> TimeZone {
    TimeZone::get("Europe/London").expect("tzdb has London")
}

fn calendars() -> Calendars {
    let settings = Settings { time_zone: london(), division: Division::EnglandAndWales, hours: office_hours() };
    Calendars::build(&settings, &HolidayFile::default(), BTreeMap::new())
}

fn ts(s: &str) -> Timestamp {
    s.parse().expect("a timestamp")
}

fn never(_: Date) -> bool {
    false
}

/// `n` working days from receipt at `at`, due at the close of the last one.
fn due(cal: &Calendar, at: &str, rule: Receipt, n: i64) -> (Timestamp, Vec<Skipped>) {
    let mut skipped = Vec::new();
    let day0 = cal.receipt_day(ts(at), rule, &mut skipped);
    let last = cal.add_working_days(day0, n, &never, &mut skipped);
    (cal.close_of(last), skipped)
}

#[test]
fn the_built_in_holidays_cover_2015_to_2030_in_every_division_and_never_fall_at_a_weekend() {
    let file = HolidayFile::bundled();
    for division in Division::ALL {
        let years = file.years(division);
        assert_eq!(years, (2015..=2030).collect(), "{division:?}");
    }
    for h in &file.holidays {
        assert!(!matches!(h.date.weekday(), Weekday::Saturday | Weekday::Sunday), "{h:?}");
    }
}

#[test]
fn easter_christmas_and_substitute_days_match_the_published_dates() {
    let cal = calendars().council;
    let named = |d: Date| match cal.not_working(d) {
        Some(SkipReason::BankHoliday(name)) => name,
        other => panic!("{d} should be a bank holiday, got {other:?}"),
    };
    assert_eq!(named(date(2026, 4, 3)), "Good Friday");
    assert_eq!(named(date(2026, 4, 6)), "Easter Monday");
    assert_eq!(named(date(2027, 3, 26)), "Good Friday");
    assert_eq!(named(date(2030, 4, 19)), "Good Friday");
    assert_eq!(named(date(2030, 4, 22)), "Easter Monday");
    // 2026: Christmas on a Friday, Boxing Day on a Saturday.
    assert_eq!(named(date(2026, 12, 25)), "Christmas Day");
    assert_eq!(named(date(2026, 12, 28)), "Boxing Day (substitute day)");
    // 2022: Christmas on a Sunday. Boxing Day keeps the Monday; Christmas moves to Tuesday.
    assert_eq!(named(date(2022, 12, 26)), "Boxing Day");
    assert_eq!(named(date(2022, 12, 27)), "Christmas Day (substitute day)");
    // One-off holidays.
    assert_eq!(named(date(2022, 9, 19)), "Bank Holiday for the State Funeral of Queen Elizabeth II");
    assert_eq!(named(date(2020, 5, 8)), "Early May bank holiday (VE day)");
    assert_eq!(cal.not_working(date(2020, 5, 4)), None, "2020's early May holiday moved to VE day");
    // Scotland's and Northern Ireland's own days are not holidays in England.
    assert_eq!(cal.not_working(date(2026, 11, 30)), None);
    assert_eq!(cal.not_working(date(2026, 7, 13)), None);
    assert_eq!(cal.not_working(date(2026, 12, 26)), Some(SkipReason::Weekend("Saturday".into())));
}

#[test]
fn a_web_form_sent_on_a_saturday_counts_from_monday() {
    let (due_at, skipped) = due(&calendars().council, "2026-11-28T10:00:00Z", Receipt::NextWorkingDay, 3);
    assert_eq!(due_at, ts("2026-12-03T17:00:00Z"));
    assert_eq!(skipped.iter().map(|s| s.date).collect::<Vec<_>>(), [date(2026, 11, 28), date(2026, 11, 29)]);
}

#[test]
fn an_email_sent_after_closing_on_friday_counts_from_monday() {
    let (due_at, skipped) = due(&calendars().council, "2026-11-27T17:30:00Z", Receipt::NextWorkingDay, 3);
    assert_eq!(due_at, ts("2026-12-03T17:00:00Z"));
    assert_eq!(skipped[0], Skipped { date: date(2026, 11, 27), reason: SkipReason::OutOfHours("17:00".into()) });
    assert_eq!(skipped.len(), 3);
}

#[test]
fn a_statutory_clock_received_on_a_saturday_still_counts_from_saturday() {
    // Day 0 is Saturday 21 November; day 1 is Monday 23 November.
    let (due_at, _) = due(&calendars().uk, "2026-11-21T10:00:00Z", Receipt::AsReceived, 1);
    assert_eq!(due_at, ts("2026-11-23T17:00:00Z"));
    // A week later Monday is St Andrew's Day, a holiday in Scotland and so for FOI.
    let (due_at, skipped) = due(&calendars().uk, "2026-11-28T10:00:00Z", Receipt::AsReceived, 1);
    assert_eq!(due_at, ts("2026-12-01T17:00:00Z"));
    assert_eq!(skipped[1].reason.to_string(), "bank holiday: St Andrew’s Day, Scotland");
}

#[test]
fn a_deadline_across_the_october_clock_change_falls_at_five_pm_local_time() {
    // Received Friday 23 October at 16:30 BST, before closing. Clocks go back on Sunday 25th.
    let (due_at, _) = due(&calendars().council, "2026-10-23T15:30:00Z", Receipt::NextWorkingDay, 3);
    assert_eq!(due_at, ts("2026-10-28T17:00:00Z"), "17:00 GMT on Wednesday 28th");
    // At 16:30 BST on the Friday the council had closed (17:00 BST is 16:00 UTC).
    let (late, _) = due(&calendars().council, "2026-10-23T16:30:00Z", Receipt::NextWorkingDay, 3);
    assert_eq!(late, ts("2026-10-29T17:00:00Z"));
}

#[test]
fn twenty_four_calendar_hours_across_the_spring_clock_change_are_twenty_four_real_hours() {
    let at = ts("2027-03-27T12:00:00Z");
    let due_at = at.checked_add(SignedDuration::from_hours(24)).unwrap();
    let local = due_at.to_zoned(london());
    assert_eq!(local.hour(), 13, "13:00 BST on Sunday 28 March");
}

#[test]
fn the_twentieth_working_day_for_foi_from_christmas_eve_skips_every_uk_holiday() {
    // Christmas Day, the Boxing Day substitute (28 Dec), New Year's Day and Scotland's
    // 2nd January substitute (Monday 4 January 2027) are all skipped.
    let cals = calendars();
    let (uk, skipped) = due(&cals.uk, "2026-12-24T16:30:00Z", Receipt::AsReceived, 20);
    assert_eq!(uk, ts("2027-01-27T17:00:00Z"));
    let holidays: Vec<_> =
        skipped.iter().filter(|s| matches!(s.reason, SkipReason::BankHoliday(_))).map(|s| s.date).collect();
    assert_eq!(holidays, [date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1), date(2027, 1, 4)]);
    assert_eq!(
        skipped.iter().find(|s| s.date == date(2027, 1, 4)).unwrap().reason.to_string(),
        "bank holiday: 2nd January (substitute day), Scotland"
    );
    // With England and Wales holidays only, it would be a day earlier.
    let (ew, _) = due(&cals.council, "2026-12-24T16:30:00Z", Receipt::AsReceived, 20);
    assert_eq!(ew, ts("2027-01-26T17:00:00Z"));
}

#[test]
fn one_month_clocks_from_the_29th_to_the_31st_land_on_the_right_working_day() {
    let cal = calendars().council;
    let month = |received: Date| {
        let mut skipped = Vec::new();
        cal.add_months(received, 1, 0, &mut skipped)
    };
    // 2026 is not a leap year: 28 February 2026 is a Saturday, so Monday 2 March.
    assert_eq!(month(date(2026, 1, 29)), date(2026, 3, 2));
    assert_eq!(month(date(2026, 1, 30)), date(2026, 3, 2));
    assert_eq!(month(date(2026, 1, 31)), date(2026, 3, 2));
    // 2028 is: Tuesday 29 February.
    assert_eq!(month(date(2028, 1, 29)), date(2028, 2, 29));
    assert_eq!(month(date(2028, 1, 31)), date(2028, 2, 29));
    // 31 March to 30 April 2026, a Thursday.
    assert_eq!(month(date(2026, 3, 31)), date(2026, 4, 30));
    // 31 January 2027: 28 February 2027 is a Sunday, so Monday 1 March.
    assert_eq!(month(date(2027, 1, 31)), date(2027, 3, 1));
    // 30 November 2026 to Wednesday 30 December.
    assert_eq!(month(date(2026, 11, 30)), date(2026, 12, 30));
    // 28 November 2026 to 28 December, the Boxing Day substitute: Tuesday 29th.
    assert_eq!(month(date(2026, 11, 28)), date(2026, 12, 29));
}

#[test]
fn a_pause_across_christmas_moves_the_deadline_by_the_paused_working_days_only() {
    let cal = calendars().council;
    let mut skipped = Vec::new();
    // Received Monday 21 December; waiting for the customer on the 22nd and 23rd.
    let paused = |d: Date| d == date(2026, 12, 22) || d == date(2026, 12, 23);
    let last = cal.add_working_days(date(2026, 12, 21), 3, &paused, &mut skipped);
    // 24th is day 1; 25th and 28th are holidays; 29th is day 2; 30th is day 3.
    assert_eq!(last, date(2026, 12, 30));
    let reasons: Vec<_> = skipped.iter().map(|s| (s.date.day(), s.reason.to_string())).collect();
    assert_eq!(reasons[0], (22, "clock paused while waiting for the customer".to_owned()));
    assert_eq!(reasons[2], (25, "bank holiday: Christmas Day".to_owned()));
}

#[test]
fn council_closure_days_stop_the_councils_clocks_but_not_statutory_ones() {
    let settings = Settings { time_zone: london(), division: Division::EnglandAndWales, hours: office_hours() };
    let closures: BTreeMap<Date, Arc<str>> =
        [29, 30, 31].into_iter().map(|d| (date(2026, 12, d), Arc::from("Christmas closure"))).collect();
    let cals = Calendars::build(&settings, &HolidayFile::default(), closures);
    assert_eq!(cals.council.not_working(date(2026, 12, 30)), Some(SkipReason::Closure("Christmas closure".into())));
    assert_eq!(cals.uk.not_working(date(2026, 12, 30)), None);
    // Received Thursday 24th: 3 working days are 4, 5 and 6 January 2027.
    let (due_at, _) = due(&cals.council, "2026-12-24T10:00:00Z", Receipt::NextWorkingDay, 3);
    assert_eq!(due_at, ts("2027-01-06T17:00:00Z"));
}

#[test]
fn working_hours_count_only_while_the_council_is_open() {
    let cal = calendars().council;
    let mut skipped = Vec::new();
    // Friday 27 November 16:00: one hour on Friday, seven on Monday.
    let due_at = cal.add_working_time(ts("2026-11-27T16:00:00Z"), SignedDuration::from_hours(8), &mut skipped);
    assert_eq!(due_at, ts("2026-11-30T16:00:00Z"));
    assert_eq!(skipped.len(), 2);
}

#[test]
fn an_imported_file_replaces_only_the_years_it_covers() {
    let json = r#"{"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "Extra holiday", "date": "2029-06-01", "notes": "", "bunting": true}]}}"#;
    let imported = HolidayFile::parse(json).expect("valid");
    let map = holidays::effective(&HolidayFile::bundled(), &imported, Division::EnglandAndWales);
    assert!(map.contains_key(&date(2029, 6, 1)));
    assert!(!map.contains_key(&date(2029, 12, 25)), "2029 now comes from the import alone");
    assert!(map.contains_key(&date(2030, 12, 25)), "2030 is still built in");
}

#[test]
fn a_malformed_holidays_file_names_the_line_or_field_at_fault() {
    let err = |json: &str| HolidayFile::parse(json).expect_err("refused").to_string();
    assert!(
        err("{\n  \"scotland\": {\n    \"division\": \"scotland\",\n    \"events\": [\n  }\n}").starts_with("line 5")
    );
    let bad_date = r#"{"scotland": {"division": "scotland", "events": [
        {"title": "A", "date": "2026-01-01"}, {"title": "B", "date": "2026-02-30"}]}}"#;
    assert_eq!(err(bad_date), r#"scotland.events[1].date: "2026-02-30" is not a date written YYYY-MM-DD"#);
    let wrong_type = r#"{"scotland": {"division": "scotland", "events": [{"title": 7, "date": "2026-01-01"}]}}"#;
    assert!(err(wrong_type).contains("at scotland.events[0].title"), "{}", err(wrong_type));
    assert!(err(r#"{"wales": {}}"#).contains("unknown field `wales`"));
    let mislabelled = r#"{"scotland": {"division": "england-and-wales", "events": []}}"#;
    assert!(err(mislabelled).starts_with("scotland.division"));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_working_day_deadline_is_a_working_day_after_receipt_with_exactly_n_working_days_counted(
            secs in 1_420_070_400i64..1_924_905_600, // 2015 to 2030
            n in 1i64..60,
            next_working_day in any::<bool>(),
            uk in any::<bool>(),
        ) {
            let cals = calendars();
            let cal = if uk { &cals.uk } else { &cals.council };
            let rule = if next_working_day { Receipt::NextWorkingDay } else { Receipt::AsReceived };
            let at = Timestamp::from_second(secs).unwrap();
            let mut skipped = Vec::new();
            let day0 = cal.receipt_day(at, rule, &mut skipped);
            let last = cal.add_working_days(day0, n, &never, &mut skipped);
            prop_assert!(cal.is_working_day(last));
            prop_assert!(cal.close_of(last) > at);
            let counted = day0.series(1.day()).skip(1).take_while(|d| *d <= last).filter(|d| cal.is_working_day(*d)).count();
            prop_assert_eq!(counted as i64, n);
            // Every day skipped is explained, and no working day is among them.
            prop_assert!(skipped.iter().all(|s| s.reason == SkipReason::OutOfHours("17:00".into()) || !cal.is_working_day(s.date)));
            // One more day never gives an earlier deadline.
            let mut more = Vec::new();
            prop_assert!(cal.add_working_days(day0, n + 1, &never, &mut more) > last);
        }

        #[test]
        fn a_month_clock_lands_on_a_working_day_within_a_few_days_of_the_same_date(
            secs in 1_420_070_400i64..1_924_905_600,
            months in 1i64..4,
        ) {
            let cal = calendars().council;
            let day0 = cal.local_date(Timestamp::from_second(secs).unwrap());
            let mut skipped = Vec::new();
            let due = cal.add_months(day0, months, 0, &mut skipped);
            prop_assert!(cal.is_working_day(due));
            let plain = day0.checked_add(months.months()).unwrap();
            prop_assert!(due >= plain && (due - plain).get_days() <= 5, "{day0} -> {due}");
        }
    }
}
