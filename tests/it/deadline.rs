//! `frontdoor deadline`, `policy check` and `calendar import` as a council officer runs
//! them. Expected dates are worked out by hand from the calendar for Christmas 2026.

use std::process::{Command, Output};

use crate::support::{count, test_db};

const BIN: &str = env!("CARGO_BIN_EXE_frontdoor");

fn frontdoor(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("FRONTDOOR_DATABASE_URL")
        .env_remove("FRONTDOOR_POLICY")
        .output()
        .expect("runs")
}

fn due_json(standard: &str, received: &str, paused: &str) -> serde_json::Value {
    let out =
        frontdoor(&["deadline", "--standard", standard, "--received", received, "--paused-days", paused, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn every_default_standard_gives_the_hand_worked_deadline_for_christmas_eve() {
    // Thursday 24 December 2026, 16:30 GMT, before the council closes at 17:00.
    let received = "2026-12-24T16:30:00Z";
    for (standard, due) in [
        ("phone-answer", "2026-12-24T16:30:30Z"),
        ("online-acknowledge", "2026-12-25T16:30:00Z"),
        // 25th and 28th are bank holidays: 29th, 30th, 31st.
        ("online-reply", "2026-12-31T17:00:00Z"),
        // One working day: the 25th and the 28th are bank holidays, so the 29th.
        ("callback-made", "2026-12-29T17:00:00Z"),
        // ... then 1 January is a holiday: 4th and 5th January.
        ("letter-reply", "2027-01-05T17:00:00Z"),
        ("foi-acknowledge-online", "2026-12-25T16:30:00Z"),
        ("foi-acknowledge-letter", "2027-01-05T17:00:00Z"),
        // UK-wide: Scotland's 2nd January substitute (Monday 4th) does not count either.
        ("foi-respond", "2027-01-27T17:00:00Z"),
        ("eir-respond", "2027-01-27T17:00:00Z"),
        // One month: Sunday 24 January, so Monday 25th.
        ("sar-respond", "2027-01-25T17:00:00Z"),
        ("complaint-stage1-acknowledge", "2027-01-05T17:00:00Z"),
        ("complaint-stage1-respond", "2027-01-12T17:00:00Z"),
        ("complaint-stage2-acknowledge", "2027-01-05T17:00:00Z"),
        ("complaint-stage2-respond", "2027-01-26T17:00:00Z"),
        ("visitor-seen", "2026-12-24T16:45:00Z"),
        ("appointment-started", "2026-12-24T16:35:00Z"),
        ("change-notified", "2026-12-25T16:30:00Z"),
    ] {
        assert_eq!(due_json(standard, received, "0")["due"], due, "{standard}");
    }
}

#[test]
fn the_text_explains_each_skipped_day_by_name() {
    let out = frontdoor(&["deadline", "--standard", "foi-respond", "--received", "2026-12-24T16:30:00Z"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Due:      Wednesday 27 January 2027, 17:00 GMT"), "{text}");
    assert!(text.contains("Friday 25 December 2026    bank holiday: Christmas Day"), "{text}");
    assert!(text.contains("Monday 28 December 2026    bank holiday: Boxing Day (substitute day)"), "{text}");
    assert!(text.contains("Monday 4 January 2027      bank holiday: 2nd January (substitute day), Scotland"), "{text}");
    assert!(text.contains("Saturday 26 December 2026  weekend (Saturday)"), "{text}");
}

#[test]
fn paused_days_and_out_of_hours_receipt_are_explained() {
    // Paused for 29th and 30th December: then 31st, 4th and 5th January.
    let json = due_json("online-reply", "2026-12-24T16:30:00Z", "2");
    assert_eq!(json["due"], "2027-01-05T17:00:00Z");
    let reasons: Vec<String> =
        json["skipped"].as_array().unwrap().iter().map(|s| s["reason"].as_str().unwrap().to_owned()).collect();
    assert_eq!(reasons.iter().filter(|r| r.starts_with("clock paused")).count(), 2, "{reasons:?}");
    // Received at 17:30 on Christmas Eve, after closing: counted from Tuesday 29th.
    let late = due_json("online-reply", "2026-12-24T17:30:00Z", "0");
    assert_eq!(late["due"], "2027-01-04T17:00:00Z");
    assert_eq!(late["skipped"][0]["reason"], "received after closing time (17:00)");
}

#[test]
fn an_unknown_standard_or_a_bad_time_is_refused_in_one_sentence() {
    let out = frontdoor(&["deadline", "--standard", "bins", "--received", "2026-12-24T16:30:00Z"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("frontdoor: there is no standard \"bins\"; the policy has phone-answer"), "{err}");
    let out = frontdoor(&["deadline", "--standard", "foi-respond", "--received", "24/12/2026"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--received"));
}

#[test]
fn policy_check_accepts_the_default_and_lists_every_problem_in_a_bad_file() {
    let out = frontdoor(&["policy", "check", "policy/standards.toml"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "policy/standards.toml is valid: 25 standards, 25 published.\nPersonal data is kept from 1 year (callback) \
         to 6 years (complaint) after a case closes; 0 service(s) have their own period, checked against the \
         catalogue when the retention run starts.\n"
    );

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    let text = frontdoor::standards::DEFAULT_POLICY
        .replacen("target = \"30 seconds\"", "target = \"0 seconds\"", 1)
        .replacen("channels = [\"letter\"]", "channels = [\"fax\"]", 1)
        .replacen("complaint = \"6 years\"", "complaint = \"6 months\"", 1);
    std::fs::write(&bad, text).unwrap();
    let out = frontdoor(&["policy", "check", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("standard \"phone-answer\", target: \"0 seconds\" is not possible"), "{err}");
    assert!(err.contains("standard \"letter-reply\", channels: there is no channel \"fax\""), "{err}");
    assert!(
        err.contains("retention.complaint: 6 months is shorter than the minimum of 1 year (the Ombudsman"),
        "{err}"
    );

    std::fs::write(&bad, "[calendar]\ntime_zone = \"Europe/London\"\ncolour = 1\n").unwrap();
    let err = String::from_utf8_lossy(&frontdoor(&["policy", "check", bad.to_str().unwrap()]).stderr).into_owned();
    assert!(err.contains("line 3") && err.contains("unknown field `colour`"), "{err}");
}

#[tokio::test]
async fn a_malformed_holidays_file_is_refused_and_changes_nothing_then_a_good_one_moves_deadlines() {
    let t = test_db().await;
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.json");
    std::fs::write(
        &good,
        r#"{"england-and-wales": {"division": "england-and-wales", "events": [
            {"title": "New Year’s Day", "date": "2027-01-01", "notes": "", "bunting": true},
            {"title": "Extra bank holiday", "date": "2027-01-05", "notes": "", "bunting": true}]}}"#,
    )
    .unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"england-and-wales": {"division": "england-and-wales", "events": [{"title": "X", "date": "5 Jan"}]}}"#,
    )
    .unwrap();

    let out = frontdoor(&["calendar", "import", bad.to_str().unwrap(), "--database-url", &t.url]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("england-and-wales.events[0].date: \"5 Jan\" is not a date written YYYY-MM-DD"), "{err}");
    assert_eq!(count(&t.db, "bank_holidays").await, 0, "nothing changed");

    let out = frontdoor(&["calendar", "import", good.to_str().unwrap(), "--database-url", &t.url]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(count(&t.db, "bank_holidays").await, 2);
    let out =
        frontdoor(&["calendar", "close", "2027-01-04", "Council closed for stocktaking", "--database-url", &t.url]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // Letter reply from Christmas Eve: 29th, 30th, 31st, then 4th (closed) and 5th
    // (the new holiday) are skipped: 6th and 7th January.
    let out = frontdoor(&[
        "deadline",
        "--standard",
        "letter-reply",
        "--received",
        "2026-12-24T16:30:00Z",
        "--json",
        "--database-url",
        &t.url,
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["due"], "2027-01-07T17:00:00Z");
    let text = serde_json::to_string(&json["skipped"]).unwrap();
    assert!(text.contains("council closed: Council closed for stocktaking"), "{text}");
    assert!(text.contains("bank holiday: Extra bank holiday"), "{text}");
}
