//! Phone call records, imported as a council's telephone team would (`frontdoor calls
//! import`, then `calls report`), with figures counted by hand. November is on GMT, so
//! the times below are the council's own.

use std::process::{Command, Output};

use crate::support::{TestDb, test_db};

const BIN: &str = env!("CARGO_BIN_EXE_frontdoor");

fn frontdoor(t: &TestDb, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("FRONTDOOR_DATABASE_URL", &t.url)
        .env_remove("FRONTDOOR_POLICY")
        .output()
        .expect("runs")
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn import(t: &TestDb, file: &str, extra: &[&str]) -> String {
    let mut args = vec!["calls", "import", file];
    args.extend_from_slice(extra);
    let out = frontdoor(t, &args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn report(t: &TestDb, queue: Option<&str>) -> serde_json::Value {
    let mut args = vec!["calls", "report", "--from", "2026-11-01", "--to", "2026-11-30", "--json"];
    if let Some(q) = queue {
        args.extend_from_slice(&["--queue", q]);
    }
    let out = frontdoor(t, &args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

/// Eight calls: the comment on each says how it counts (target 30 s, short abandon 5 s).
const CSV: &str = "\
call_id,queue,enqueued_at,answered_at,ended_at,outcome
c1,general,2026-11-02T09:00:00Z,2026-11-02T09:00:10Z,2026-11-02T09:05:00Z,answered
c2,general,2026-11-02T09:01:00Z,2026-11-02T09:01:30Z,2026-11-02T09:04:00Z,answered
c3,general,2026-11-02T09:02:00Z,2026-11-02T09:02:45Z,2026-11-02T09:06:00Z,answered
c4,general,2026-11-02T09:03:00Z,,2026-11-02T09:03:04Z,abandoned
c5,general,2026-11-02T09:04:00Z,,2026-11-02T09:05:00Z,abandoned
c6,general,2026-11-03T10:00:00Z,,2026-11-03T10:10:00Z,timeout
c7,council-tax,2026-11-03T10:00:00Z,,2026-11-03T10:02:00Z,callback
c8,council-tax,2026-11-03T11:00:00Z,2026-11-03T11:00:20Z,2026-11-03T11:03:00Z,answered
";
// c1 waits 10 s, c2 30 s (both within), c3 45 s (missed); c4 hangs up after 4 s (a short
// abandon), c5 after 60 s, c6 is cut off after 600 s (abandoned); c7 takes a callback
// (counted in neither); c8 waits 20 s (within).

/// The same calls as Asterisk writes them, among lines that are not about calls.
/// 1793610000 is 2026-11-02T09:00:00Z; 1793700000 is 2026-11-03T10:00:00Z.
const QUEUE_LOG: &str = "\
1793609000|NONE|NONE|NONE|QUEUESTART|
1793609500|NONE|general|PJSIP/ann|ADDMEMBER|
1793610000|c1|general||ENTERQUEUE||07700900001|1
1793610010|c1|general|PJSIP/ann|CONNECT|10|1793610005.1|3
1793610060|c2|general||ENTERQUEUE||07700900002|1
1793610080|c2|general|PJSIP/bob|RINGNOANSWER|15000
1793610090|c2|general|PJSIP/ann|CONNECT|30|1793610085.2|2
1793610120|c3|general||ENTERQUEUE||07700900003|1
1793610165|c3|general|PJSIP/bob|CONNECT|45|1793610160.3|4
1793610180|c4|general||ENTERQUEUE||07700900004|2
1793610184|c4|general|NONE|ABANDON|2|2|4
1793610240|c2|general|PJSIP/ann|COMPLETECALLER|30|150|1
1793610240|c5|general||ENTERQUEUE||07700900005|2
1793610300|c1|general|PJSIP/ann|COMPLETEAGENT|10|290|1
1793610300|c5|general|NONE|ABANDON|1|2|60
1793610360|c3|general|PJSIP/bob|COMPLETECALLER|45|195|1
1793700000|c6|general||ENTERQUEUE||07700900006|1
1793700000|c7|council-tax||ENTERQUEUE||07700900007|1
1793700120|c7|council-tax|NONE|EXITWITHKEY|1|1|120|1
1793700600|c6|general|NONE|EXITWITHTIMEOUT|1|1|600
1793703600|c8|council-tax||ENTERQUEUE||07700900008|1
1793703620|c8|council-tax|PJSIP/cat|CONNECT|20|1793703615.8|2
1793703780|c8|council-tax|PJSIP/cat|COMPLETEAGENT|20|160|1
";

fn assert_hand_counted(all: &serde_json::Value) {
    let n = |k: &str| all[k].as_i64().unwrap_or_else(|| panic!("{k} in {all}"));
    assert_eq!((n("offered"), n("answered"), n("abandoned"), n("short_abandoned")), (8, 4, 3, 1), "{all}");
    assert_eq!((n("callbacks"), n("answered_within_target")), (1, 3), "{all}");
    assert_eq!((n("target_seconds"), n("short_abandon_seconds")), (30, 5));
    // 3 within / (4 answered + 3 abandoned − 1 short).
    assert_eq!(all["service_level"], 0.5);
    // (10 + 30 + 45 + 20) / 4 = 26.25 seconds.
    assert_eq!(all["asa_seconds"], 26.3);
    // (3 abandoned − 1 short) / (8 offered − 1 short) = 2 / 7.
    assert_eq!(all["abandonment_rate"], 0.2857);
    assert_eq!(all["longest_wait_seconds"], 600.0);
    // Answered waits 10, 20, 30, 45.
    assert_eq!((all["wait_p50_seconds"].as_f64(), all["wait_p90_seconds"].as_f64()), (Some(20.0), Some(45.0)));
}

async fn counted(t: &TestDb) -> Vec<(String, i64)> {
    sqlx::query_as(
        "SELECT metric, value FROM rollup_council_months WHERE month = 202611 AND key = 'phone-answer' ORDER BY metric",
    )
    .fetch_all(t.db.reader())
    .await
    .unwrap()
}

#[tokio::test]
async fn the_same_calls_as_csv_and_as_queue_log_give_the_figures_counted_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(&dir, "calls.csv", CSV);
    let log = write(&dir, "queue_log", QUEUE_LOG);

    let from_csv = test_db().await;
    let said = import(&from_csv, &csv, &[]);
    assert!(said.contains("Imported 8 call records") && said.contains("(csv)"), "{said}");
    let all = report(&from_csv, None);
    assert_hand_counted(&all);
    // One queue: 2 within / (3 answered + 3 abandoned − 1 short).
    let general = report(&from_csv, Some("general"));
    assert_eq!((general["offered"].as_i64(), general["service_level"].as_f64()), (Some(6), Some(0.4)));

    let from_log = test_db().await;
    let said = import(&from_log, &log, &[]);
    assert!(said.contains("Imported 8 call records") && said.contains("(queue-log)"), "guessed: {said}");
    assert_eq!(report(&from_log, None), all, "the same calls give the same figures");
    assert_eq!(report(&from_log, Some("general")), general);

    // The phone standard is measured in the performance counts like every other:
    // 3 met and 3 missed in November.
    let expected = vec![("standard_met".to_owned(), 3), ("standard_missed".to_owned(), 3)];
    assert_eq!(counted(&from_csv).await, expected);
    assert_eq!(counted(&from_log).await, expected);
    // A rebuild from the tables gives the same.
    let out = frontdoor(&from_log, &["rollups", "rebuild"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(counted(&from_log).await, expected);
}

#[tokio::test]
async fn a_file_imported_twice_or_corrected_keeps_one_record_a_call() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(&dir, "calls.csv", CSV);
    let t = test_db().await;
    import(&t, &csv, &["--format", "csv"]);
    let first = report(&t, None);
    let said = import(&t, &csv, &[]);
    assert!(said.contains("0 new, 8 already held"), "{said}");
    assert_eq!(report(&t, None), first, "the same file again changes nothing");
    let calls: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM calls").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(calls, 8);

    // c3 sent again, answered sooner: now within the target, and the counts move with it.
    let fixed = "call_id,queue,enqueued_at,answered_at,ended_at,outcome\n\
                 c3,general,2026-11-02T09:02:00Z,2026-11-02T09:02:25Z,2026-11-02T09:06:00Z,answered\n";
    import(&t, &write(&dir, "fix.csv", fixed), &[]);
    let after = report(&t, None);
    assert_eq!(after["answered_within_target"], 4);
    let met: i64 = sqlx::query_scalar(
        "SELECT value FROM rollup_council_months WHERE month = 202611 AND key = 'phone-answer' AND metric = 'standard_met'",
    )
    .fetch_one(t.db.reader())
    .await
    .unwrap();
    assert_eq!(met, 4);
}

#[tokio::test]
async fn a_file_with_a_bad_line_imports_nothing_and_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let t = test_db().await;
    let cases = [
        (
            CSV.replacen(
                "c5,general,2026-11-02T09:04:00Z,,2026-11-02T09:05:00Z,abandoned",
                "c5,general,2026-11-02T09:04:00Z,,2026-11-02T09:05:00Z,lost",
                1,
            ),
            "line 6: outcome: \"lost\" is not one of answered, abandoned",
        ),
        (
            CSV.replacen("c2,general,2026-11-02T09:01:00Z,2026-11-02T09:01:30Z", "c2,general,2026-11-02T09:01:00Z,", 1),
            "line 3: answered_at: an answered call needs the time it was answered",
        ),
        (
            CSV.replacen("2026-11-03T11:00:00Z", "2099-11-03T11:00:00Z", 1),
            "line 9: enqueued_at: the time is in the future",
        ),
        (
            CSV.replacen("c4,general,2026-11-02T09:03:00Z", "c4,general,yesterday", 1),
            "line 5: enqueued_at: \"yesterday\" is not a time",
        ),
        (CSV.replacen("c6,general,", "c6,general,2026-11-03T10:00:00Z,", 1), "line 7: expected 6 fields, found 7"),
        (QUEUE_LOG.replacen("1793610184|c4", "17936101x4|c4", 1), "line 11: \"17936101x4\" is not a Unix time"),
    ];
    for (text, says) in cases {
        let file = write(&dir, "bad.txt", &text);
        let out = frontdoor(&t, &["calls", "import", &file]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "refused: {says}");
        assert!(err.contains(says), "{says:?} in {err}");
        assert!(err.contains("nothing in it was stored"), "{err}");
    }
    let calls: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM calls").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(calls, 0);
}

#[tokio::test]
async fn amazon_connect_records_keep_the_latest_version_of_each_contact() {
    let dir = tempfile::tempdir().unwrap();
    let t = test_db().await;
    // The same contact twice: the newer record (answered) arrives first, an older one
    // (hung up, as first delivered) after it. A chat and a call that never queued are
    // passed over.
    let lines = [
        r#"{"ContactId":"a1","Channel":"VOICE","InitiationMethod":"INBOUND","LastUpdateTimestamp":"2026-11-02T09:10:00Z","Queue":{"Name":"general","EnqueueTimestamp":"2026-11-02T09:00:00Z"},"Agent":{"ConnectedToAgentTimestamp":"2026-11-02T09:00:25Z"},"DisconnectTimestamp":"2026-11-02T09:05:00Z"}"#,
        r#"{"ContactId":"a1","Channel":"VOICE","InitiationMethod":"INBOUND","LastUpdateTimestamp":"2026-11-02T09:00:20Z","Queue":{"Name":"general","EnqueueTimestamp":"2026-11-02T09:00:00Z"},"Agent":null,"DisconnectTimestamp":"2026-11-02T09:00:15Z"}"#,
        r#"{"ContactId":"a2","Channel":"VOICE","InitiationMethod":"CALLBACK","LastUpdateTimestamp":"2026-11-02T10:00:00Z","Queue":{"Name":"general","EnqueueTimestamp":"2026-11-02T09:30:00Z"},"Agent":null,"DisconnectTimestamp":"2026-11-02T09:31:00Z"}"#,
        r#"{"ContactId":"a3","Channel":"CHAT","LastUpdateTimestamp":"2026-11-02T10:00:00Z","Queue":{"Name":"general","EnqueueTimestamp":"2026-11-02T09:30:00Z"}}"#,
        r#"{"ContactId":"a4","Channel":"VOICE","InitiationMethod":"INBOUND","LastUpdateTimestamp":"2026-11-02T10:00:00Z","Queue":null,"DisconnectTimestamp":"2026-11-02T09:31:00Z"}"#,
    ];
    let file = write(&dir, "ctr.jsonl", &lines.join("\n"));
    let said = import(&t, &file, &[]);
    assert!(said.contains("Imported 2 call records") && said.contains("(connect)"), "{said}");
    assert!(said.contains("Passed over 1: a contact on another channel than voice"), "{said}");
    let all = report(&t, None);
    assert_eq!(
        (all["offered"].as_i64(), all["answered"].as_i64(), all["callbacks"].as_i64()),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(all["answered_within_target"], 1, "waited 25 seconds");
    // The older record sent again on its own does not undo the newer.
    import(&t, &write(&dir, "old.jsonl", lines[1]), &[]);
    assert_eq!(report(&t, None)["answered"], 1);
}

#[tokio::test]
async fn the_telephone_system_sends_records_and_reads_the_wait_to_announce() {
    use axum::http::StatusCode;
    use serde_json::json;

    use crate::api::{call, key, parsed, problem};

    let t = test_db().await;
    let app = crate::support::app(&t.db).await;
    let write = key(&t.db, "write", None).await;
    let read = key(&t.db, "read", None).await;
    let now = jiff::Timestamp::now();
    let at = |seconds_ago: i64| (now - jiff::SignedDuration::from_secs(seconds_ago)).to_string();

    // Too few answered calls yet: no estimate, and it says so.
    let wait = parsed(&crate::support::get(&app, "/api/v1/lines/council-tax/wait").await);
    assert_eq!((wait["expected_wait_seconds"].is_null(), wait["based_on_calls"].as_i64()), (true, Some(0)), "{wait}");
    assert_eq!(crate::support::get(&app, "/api/v1/lines/nowhere/wait").await.status, StatusCode::NOT_FOUND);

    // Six answered calls in the last hour, oldest first: waits 60, 60, 60, 60, 60, 100.
    let mut calls = Vec::new();
    for (i, wait) in [60, 60, 60, 60, 60, 100].into_iter().enumerate() {
        let joined = 3600 - i as i64 * 300;
        calls.push(json!({
            "call_id": format!("w{i}"),
            "queue": "council-tax",
            "enqueued_at": at(joined),
            "answered_at": at(joined - wait),
            "ended_at": at(joined - wait - 120),
            "outcome": "answered",
        }));
    }
    let batch = json!({ "calls": calls });
    let refused = call(&app, "POST", "/api/v1/calls", &read, Some(&batch), None).await;
    assert_eq!(problem(&refused, StatusCode::FORBIDDEN), vec!["Authorization"]);
    let sent = call(&app, "POST", "/api/v1/calls", &write, Some(&batch), Some("batch-1")).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(parsed(&sent), json!({ "received": 6, "added": 6, "updated": 0, "callbacks": 0 }));
    let again = call(&app, "POST", "/api/v1/calls", &write, Some(&batch), Some("batch-1")).await;
    assert_eq!(parsed(&again), json!({ "received": 6, "added": 0, "updated": 6, "callbacks": 0 }));
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM calls").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(held, 6, "sent twice, held once");

    // The moving average: 60 for five calls, then (3 × 60 + 100) / 4 = 70 seconds.
    let wait = parsed(&crate::support::get(&app, "/api/v1/lines/council-tax/wait").await);
    assert_eq!(wait["expected_wait_seconds"], 70, "{wait}");
    assert_eq!((wait["band"].as_str(), wait["based_on_calls"].as_i64()), (Some("1 to 2 minutes"), Some(6)));

    // A bad record refuses the whole batch, naming it.
    let mut bad = batch.clone();
    bad["calls"][0]["call_id"] = json!("new-one");
    bad["calls"][3]["outcome"] = json!("abandoned");
    let refused = call(&app, "POST", "/api/v1/calls", &write, Some(&bad), None).await;
    assert_eq!(problem(&refused, StatusCode::UNPROCESSABLE_ENTITY), vec!["calls[3].answered_at"]);
    bad["calls"][3]["outcome"] = json!("lost");
    let refused = call(&app, "POST", "/api/v1/calls", &write, Some(&bad), None).await;
    assert_eq!(problem(&refused, StatusCode::UNPROCESSABLE_ENTITY), vec!["calls[3].outcome"]);
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM calls").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(held, 6, "nothing of a refused batch is kept");

    // The contact page shows the wait beside the line.
    let page = crate::support::get(&app, "/contact").await;
    assert!(page.body.contains("1 to 2 minutes"), "{}", page.body);
}

#[tokio::test]
async fn the_phone_lines_page_shows_each_line_by_hour_to_those_who_read_reports() {
    use axum::http::StatusCode;

    let dir = tempfile::tempdir().unwrap();
    let t = test_db().await;
    import(&t, &write(&dir, "calls.csv", CSV), &[]);
    crate::staff::account(&t.db, "insight@council.example", "insight", None, None).await;
    crate::staff::account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let app = crate::support::app(&t.db).await;
    let (insight, _) = crate::staff::sign_in(&app, "insight@council.example").await;
    let page = crate::staff::get_with(&app, "/staff/phones?month=2026-11", &insight).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Phone lines, November 2026"));
    // General enquiries: 6 calls, 2 in time of 5 measured (40.0%); council tax: 2 calls, 1 in time of 1.
    assert!(page.body.contains("40.0%") && page.body.contains("100.0%"), "{}", page.body);
    // By hour: general's 09:00 has five calls, its 10:00 one.
    assert!(page.body.contains(r#"<th scope="row" class="govuk-table__header">09:00</th><td class="govuk-table__cell govuk-table__cell--numeric">5</td>"#), "{}", page.body);
    assert_eq!(page.body.matches("<svg").count(), 2, "a chart for each line with calls");
    let empty = crate::staff::get_with(&app, "/staff/phones?month=2026-10", &insight).await;
    assert!(empty.body.contains("No calls in October 2026"), "{}", empty.body);
    assert_eq!(
        crate::staff::get_with(&app, "/staff/phones?month=1999-01", &insight).await.status,
        StatusCode::BAD_REQUEST
    );
    let (adviser, _) = crate::staff::sign_in(&app, "adviser@council.example").await;
    assert_eq!(crate::staff::get_with(&app, "/staff/phones", &adviser).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_caller_who_takes_a_callback_in_the_queue_gets_a_callback_request_once() {
    let dir = tempfile::tempdir().unwrap();
    let t = test_db().await;
    crate::support::seed_catalogue(&t.db).await;
    crate::support::callback_service(&t.db).await;
    // The CSV's optional caller column: c7 took a callback; the others' numbers are not kept.
    let with_callers = CSV
        .replacen("ended_at,outcome\n", "ended_at,outcome,caller\n", 1)
        .lines()
        .map(|l| {
            if l.starts_with("call_id") {
                l.to_owned()
            } else if l.starts_with("c7,") {
                format!("{l},07700 900007")
            } else {
                format!("{l},07700 900001")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let file = write(&dir, "calls.csv", &with_callers);
    let said = import(&t, &file, &[]);
    assert!(said.contains("1 callers took a callback in the queue"), "{said}");
    let (phone, asap): (String, i64) =
        sqlx::query_as("SELECT phone, asap FROM callbacks").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!((phone.as_str(), asap), ("07700900007", 1));
    let description: String =
        sqlx::query_scalar("SELECT description FROM cases").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(
        description,
        "Asked for a callback while waiting on the Council tax line at 10:00am on Tuesday 3 November."
    );
    // Sent again, nothing new: no second callback.
    let said = import(&t, &file, &[]);
    assert!(!said.contains("took a callback"), "{said}");
    let cases: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(cases, 1);
    let kept: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM calls WHERE call_id = 'c7'").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(kept, 1);
}
