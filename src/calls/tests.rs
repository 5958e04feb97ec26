use super::*;

const MEASURE: Measure = Measure { target_seconds: 30, short_abandon_seconds: 5 };

fn call(outcome: Outcome, wait_seconds: i64) -> Waited {
    Waited { outcome, wait_ms: wait_seconds * 1000 }
}

/// Ten calls counted by hand: see each line's comment.
fn ten_calls() -> Vec<Waited> {
    vec![
        call(Outcome::Answered, 10),  // within the target
        call(Outcome::Answered, 30),  // within: "within 30 seconds" includes 30
        call(Outcome::Answered, 31),  // missed
        call(Outcome::Answered, 90),  // missed
        call(Outcome::Abandoned, 3),  // short abandon
        call(Outcome::Abandoned, 5),  // short abandon: 5 seconds or less
        call(Outcome::Abandoned, 40), // abandoned
        call(Outcome::Timeout, 600),  // cut off: abandoned, not short
        call(Outcome::Callback, 120), // in neither side
        call(Outcome::Overflow, 60),  // in neither side
    ]
}

#[test]
fn ten_calls_give_the_figures_counted_by_hand() {
    let f = Figures::of(&ten_calls(), MEASURE);
    assert_eq!((f.offered, f.answered, f.abandoned, f.short_abandoned), (10, 4, 4, 2));
    assert_eq!((f.callbacks, f.overflowed, f.answered_within_target), (1, 1, 2));
    // 2 within / (4 answered + 4 abandoned − 2 short) = 2 / 6.
    assert_eq!(f.service_level, Some(0.3333));
    // (10 + 30 + 31 + 90) / 4 = 40.25 seconds.
    assert_eq!(f.asa_seconds, Some(40.3));
    // (4 abandoned − 2 short) / (10 offered − 2 short) = 2 / 8.
    assert_eq!(f.abandonment_rate, Some(0.25));
    assert_eq!(f.longest_wait_seconds, Some(600.0));
    // Answered waits 10, 30, 31, 90: the 2nd of 4 is the median, the 4th the 90th percentile.
    assert_eq!((f.wait_p50_seconds, f.wait_p90_seconds), (Some(30.0), Some(90.0)));
    assert_eq!((f.target_seconds, f.short_abandon_seconds), (30, 5));
}

#[test]
fn counts_added_up_by_day_give_the_same_figures_as_the_calls_at_once() {
    let calls = ten_calls();
    let mut monday = Counts::default();
    let mut tuesday = Counts::default();
    for (i, &c) in calls.iter().enumerate() {
        if i % 2 == 0 { monday.add(c, MEASURE) } else { tuesday.add(c, MEASURE) }
    }
    monday.merge(&tuesday);
    let waits = calls.iter().filter(|c| c.outcome == Outcome::Answered).map(|c| c.wait_ms).collect();
    assert_eq!(Figures::new(&monday, waits, MEASURE), Figures::of(&calls, MEASURE));
    assert_eq!(monday.met_missed(), (2, 4));
}

#[test]
fn no_calls_give_no_rates_rather_than_a_division_by_zero() {
    let f = Figures::of(&[], MEASURE);
    assert_eq!(f.offered, 0);
    assert_eq!((f.service_level, f.asa_seconds, f.abandonment_rate), (None, None, None));
    let only_short = Figures::of(&[call(Outcome::Abandoned, 2)], MEASURE);
    assert_eq!((only_short.service_level, only_short.abandonment_rate), (None, None));
}

#[test]
fn the_expected_wait_is_a_moving_average_weighting_each_newer_wait_a_quarter() {
    assert_eq!(expected_wait_ms(&[60, 60, 60, 60]), None, "four calls are too few to say");
    // 60, 60, 60, 60, then (3 × 60 + 100) / 4 = 70.
    assert_eq!(expected_wait_ms(&[60, 60, 60, 60, 100]), Some(70));
    // 100, then 80, 65, 53.75, 45.3125: recent short waits pull a long one down.
    assert_eq!(expected_wait_ms(&[100, 20, 20, 20, 20]), Some(45));
}

#[test]
fn waits_are_announced_in_bands() {
    assert_eq!(band(0), "under 1 minute");
    assert_eq!(band(59), "under 1 minute");
    assert_eq!(band(60), "1 to 2 minutes");
    assert_eq!(band(150), "2 to 5 minutes");
    assert_eq!(band(300), "5 to 10 minutes");
    assert_eq!(band(1500), "over 20 minutes");
}

#[test]
fn a_record_names_the_field_at_fault() {
    let now = 1_800_000_000_000;
    let good = CallRecord {
        call_id: "c1".into(),
        queue: "general".into(),
        enqueued_at: now - 60_000,
        answered_at: Some(now - 30_000),
        ended_at: Some(now),
        outcome: Outcome::Answered,
        version: 0,
        caller: None,
    };
    assert_eq!(good.problem(now), None);
    assert_eq!(good.wait_ms(), 30_000);
    let no_answer = CallRecord { answered_at: None, ..good.clone() };
    assert!(no_answer.problem(now).unwrap().starts_with("answered_at: an answered call needs"));
    let future = CallRecord {
        enqueued_at: now + 3_600_000,
        answered_at: None,
        ended_at: None,
        outcome: Outcome::Abandoned,
        ..good.clone()
    };
    assert_eq!(future.problem(now).unwrap(), "enqueued_at: the time is in the future");
    let abandoned_but_answered = CallRecord { outcome: Outcome::Abandoned, ..good.clone() };
    assert!(abandoned_but_answered.problem(now).unwrap().starts_with("answered_at: give it only for an answered call"));
    let no_id = CallRecord { call_id: " ".into(), ..good.clone() };
    assert!(no_id.problem(now).unwrap().starts_with("call_id: give the call's id"));
    let nul = CallRecord { queue: "gen\u{0}eral".into(), ..good };
    assert_eq!(nul.problem(now).unwrap(), "queue: the queue's name may not hold control characters");
}

#[test]
fn a_spreadsheets_byte_order_mark_is_not_part_of_the_header() {
    let text = "\u{feff}call_id,queue,enqueued_at,answered_at,ended_at,outcome\n\
                c1,general,2026-11-02T09:00:00Z,,2026-11-02T09:01:00Z,abandoned\n";
    assert_eq!(formats::Format::guess(text), formats::Format::Csv);
    let parsed = formats::parse(formats::Format::Csv, text, 1_800_000_000_000).unwrap();
    assert_eq!(parsed.records.len(), 1);
    assert_eq!(parsed.records[0].wait_ms(), 60_000);
}
