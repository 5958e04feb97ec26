//! The demo council: enough, and realistic enough, for later figures to mean something.

use std::collections::HashMap;

use frontdoor::cases::{CaseType, Status};
use frontdoor::demo;
use sqlx::Row;

use crate::support::{app, count, get, test_db};

#[tokio::test]
async fn the_demo_builds_a_council_whose_history_obeys_the_state_machine() {
    let t = test_db().await;
    let built = demo::build(&t.db, 3_000).await.expect("demo builds");
    assert_eq!(built.seeded.cases, 3_000);
    assert!(built.services >= 40, "about 40 services");
    // Welsh for everything the council wrote, Arabic for the most used: nothing left to translate in Welsh.
    assert_eq!(built.translated, demo::translations::WELSH.len() + demo::translations::ARABIC.len());
    let rules = crate::support::rules(&t.db).await;
    let items = frontdoor::translations::db::items(t.db.reader(), &rules, frontdoor::db::now_ms()).await.unwrap();
    let welsh =
        frontdoor::translations::db::texts(t.db.reader(), frontdoor::language::by_code("cy").unwrap()).await.unwrap();
    let entries = frontdoor::translations::entries(items, &welsh);
    let needed: Vec<String> = entries.iter().filter(|e| e.needs_translation()).map(|e| e.item.key()).collect();
    assert!(needed.is_empty(), "Welsh still needs {needed:?}");
    // The history, and this week's letters from residents with only a postal address.
    assert_eq!(built.letters, 6);
    assert_eq!(count(&t.db, "cases").await, 3_000 + 6);
    assert_eq!(count(&t.db, "partners").await, 1);
    assert!(count(&t.db, "staff_users").await >= 10);
    // People who need more help, and a complaint kept for the Ombudsman.
    assert_eq!(built.needs, 3);
    assert_eq!(count(&t.db, "legal_holds").await, 1);
    let large_print: i64 = sqlx::query_scalar("SELECT large_print FROM customers WHERE name = 'Mrs Edith Calloway'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(large_print, 1, "her adjustment acts on her letters");

    // Replaying each case's events gives a legal path ending in the status on its row.
    let case_rows =
        sqlx::query("SELECT id, case_type, status FROM cases").fetch_all(t.db.reader()).await.expect("cases");
    let mut stored = HashMap::new();
    for row in &case_rows {
        let id: i64 = row.get("id");
        let ty = CaseType::parse(&row.get::<String, _>("case_type")).expect("type");
        let status = Status::parse(&row.get::<String, _>("status")).expect("status");
        stored.insert(id, (ty, status));
    }
    let events = sqlx::query(
        "SELECT case_id, from_status, to_status FROM case_events_as_text WHERE to_status IS NOT NULL ORDER BY case_id, id",
    )
    .fetch_all(t.db.reader())
    .await
    .expect("events");
    let mut replayed: HashMap<i64, Status> = HashMap::new();
    for row in &events {
        let case_id: i64 = row.get("case_id");
        let to = Status::parse(&row.get::<String, _>("to_status")).expect("to");
        let from: Option<String> = row.get("from_status");
        match replayed.get(&case_id) {
            None => assert_eq!((from, to), (None, Status::Received), "case {case_id} starts received"),
            Some(&current) => {
                let from = Status::parse(&from.expect("from")).expect("from status");
                assert_eq!(from, current, "case {case_id}: event out of order");
                current.transition(stored[&case_id].0, to).expect("legal transition");
            }
        }
        replayed.insert(case_id, to);
    }
    for (id, (_, status)) in &stored {
        assert_eq!(replayed.get(id), Some(status), "case {id}");
    }

    // A year of history across every channel, mostly closed, some still open.
    let channels: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT channel) FROM cases")
        .fetch_one(t.db.reader())
        .await
        .expect("channels");
    assert_eq!(channels, 6);
    let span: i64 = sqlx::query_scalar("SELECT MAX(created_at) - MIN(created_at) FROM cases")
        .fetch_one(t.db.reader())
        .await
        .expect("span");
    assert!(span > 350 * 86_400_000, "history spans a year");
    let open = stored.values().filter(|(_, s)| s.is_open()).count();
    assert!(open > 0 && open < 600, "{open} open cases");

    // Most online contact is acknowledged within 24 hours, but not all: figures need both.
    let acks = sqlx::query(
        "SELECT c.created_at, e.at FROM cases c JOIN case_events_as_text e ON e.case_id = c.id \
         WHERE e.to_status = 'acknowledged' AND c.channel IN ('web', 'email')",
    )
    .fetch_all(t.db.reader())
    .await
    .expect("acks");
    let within = acks.iter().filter(|r| r.get::<i64, _>("at") - r.get::<i64, _>("created_at") <= 86_400_000).count();
    let share = within as f64 / acks.len() as f64;
    assert!((0.9..1.0).contains(&share), "{share} acknowledged within a day");

    // The demo serves: its services list and a form for each.
    let app = app(&t.db).await;
    let page = get(&app, "/services").await;
    assert!(page.body.contains("Report a missed bin collection"));
    assert_eq!(get(&app, "/services/housing-repair/report").await.status, 200);
}

#[tokio::test]
async fn new_cases_after_the_demo_get_fresh_ids() {
    let t = test_db().await;
    let rules = crate::support::rules(&t.db).await;
    let built = demo::build(&t.db, 50).await.expect("demo builds");
    let submission = frontdoor::intake::Submission {
        service_code: "general".into(),
        name: "Jo".into(),
        email: "jo@example.com".into(),
        description: "Hello".into(),
        ..Default::default()
    };
    let reference =
        frontdoor::intake::submit(&t.db, crate::support::council().into(), rules.clone().into(), &submission)
            .await
            .expect("submitted");
    assert_eq!(reference.id(), 50 + built.letters as i64 + 1);
}

/// What a seeded database must look like to live code: the running counts are what a
/// rebuild from the record gives, no timer is left for the sweep, and each case is found
/// by every word `search::db::reindex` would index it by.
#[tokio::test]
async fn seeded_history_is_what_live_use_would_have_written() {
    let t = test_db().await;
    let rules = crate::support::rules(&t.db).await;
    let (found, seeded) = demo::seed(&t.db, rules.clone(), 2_500, &|_| {}).await.expect("seeded");
    assert_eq!(found, demo::Found::Empty);
    assert_eq!((seeded.cases, count(&t.db, "cases").await), (2_500, 2_500));
    assert_eq!(count(&t.db, "customers").await, 1_500);
    assert!(count(&t.db, "case_feedback").await > 0, "some residents rated their case");
    let handoffs = count(&t.db, "case_handoffs").await;
    assert!(handoffs > 0, "some cases went to the wrong team first");
    assert_eq!(handoffs, count(&t.db, "case_events_as_text WHERE kind = 'passed_on'").await, "each on its timeline");

    let running = frontdoor::rollups::db::all_days(t.db.reader()).await.expect("counts");
    crate::support::assert_council_months_are_the_services_sum(&t.db).await;
    let mut more = frontdoor::calls::db::performance_counts(t.db.reader()).await.unwrap();
    more.extend(frontdoor::callbacks::performance_counts(t.db.reader(), &rules).await.unwrap());
    more.extend(frontdoor::reception::performance_counts(t.db.reader(), &rules).await.unwrap());
    more.extend(frontdoor::appointments::performance_counts(t.db.reader(), &rules).await.unwrap());
    more.extend(frontdoor::visits::performance_counts(t.db.reader(), &rules).await.unwrap());
    frontdoor::rollups::db::rebuild(&t.db, &rules.calendars.council, more).await.expect("rebuilt");
    assert_eq!(frontdoor::rollups::db::all_days(t.db.reader()).await.expect("counts"), running);
    crate::support::assert_council_months_are_the_services_sum(&t.db).await;
    assert!(running.iter().any(|r| r.2 == "escalated_by_resident"), "some residents escalated a late case");

    let swept =
        frontdoor::casework::clocks::fire_due(&t.db, &rules, frontdoor::db::now_ms(), 10_000).await.expect("swept");
    assert_eq!((swept.warned, swept.breached), (0, 0), "the sweep's history is already written");
    let breached: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_events_as_text WHERE kind = 'clock_breached'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert!(breached > 0, "late clocks were breached as the sweep would have");

    // Each resolved complaint has its stage 1 answer, so the annual report's decisions and
    // causes count the complaints its timeliness counts, and its rows add up.
    let answers = count(&t.db, "complaint_responses").await;
    let resolved = count(
        &t.db,
        "cases c WHERE c.case_type = 'complaint' AND EXISTS (SELECT 1 FROM case_events_as_text e \
         WHERE e.case_id = c.id AND e.to_status = 'resolved')",
    )
    .await;
    assert!(answers > 0 && answers == resolved, "{answers} answers for {resolved} resolved complaints");
    let today = rules.calendars.council.local_date(jiff::Timestamp::now());
    let mut decided = 0;
    let mut caused = 0;
    for year in [today.year() - 1, today.year()] {
        let report =
            frontdoor::complaints::report::annual(t.db.reader(), year, today, rules.calendars.council.time_zone())
                .await
                .unwrap();
        decided += report.outcomes.values().sum::<i64>();
        caused += report.causes.values().sum::<i64>();
    }
    assert_eq!((decided, caused), (answers, answers), "every answer has one decision and one cause");

    // Every word live indexing would give a case finds the seeded case.
    for id in [1_i64, 777, 2_500] {
        let mut conn = t.db.reader().acquire().await.unwrap();
        let document = frontdoor::search::db::document(&mut conn, id).await.unwrap().expect("a case");
        drop(conn);
        let words: Vec<String> =
            document.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).map(str::to_owned).collect();
        let found =
            frontdoor::search::db::words(t.db.reader(), &words, frontdoor::search::db::Within::All, 10).await.unwrap();
        assert!(found.contains(&id), "case {id} is found by {document:?}");
    }
}

/// On PostgreSQL, a load by a role that is not a superuser may not set aside the per-row
/// triggers: it writes on one connection with every foreign key checked and
/// `case_events_last_event` run, and gives the same kind of history.
#[tokio::test]
async fn a_load_by_a_role_that_is_not_a_superuser_keeps_every_trigger() {
    use sqlx::Connection;
    if !crate::support::on_postgres() {
        return;
    }
    let admin_url = crate::support::postgres_admin_url();
    // Its first connection is its own, before any `Db`: alone, or first in the suite, it
    // found no driver installed.
    sqlx::any::install_default_drivers();
    let name = format!("frontdoor_test_plain_{}", std::process::id());
    let mut admin = sqlx::AnyConnection::connect(&admin_url).await.expect("PostgreSQL answers");
    for sql in [
        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        format!("DROP ROLE IF EXISTS {name}"),
        format!("CREATE ROLE {name} LOGIN NOSUPERUSER"),
        format!("CREATE DATABASE {name} OWNER {name}"),
    ] {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut admin).await.expect("set up the role");
    }
    // The admin's address with the new role and its database.
    let (scheme, rest) = admin_url.split_once("://").expect("a URL");
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h).split('/').next().expect("a host");
    let db = frontdoor::db::Db::connect(&format!("{scheme}://{name}@{host}/{name}")).await.expect("connects");
    db.migrate().await.expect("an ordinary owner migrates");
    let superuser: bool = sqlx::query_scalar("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert!(!superuser);

    let rules = crate::support::rules(&db).await;
    let (_, seeded) = demo::seed(&db, rules, 600, &|_| {}).await.expect("seeded with the triggers on");
    assert_eq!((seeded.cases, count(&db, "cases").await), (600, 600));
    crate::support::assert_council_months_are_the_services_sum(&db).await;
    // Each case's last activity is its last event's, as the trigger keeps it.
    let stale = count(
        &db,
        "cases c WHERE c.last_event_at < (SELECT MAX(e.at) FROM case_events e WHERE e.case_id = c.id) - 3600000",
    )
    .await;
    assert_eq!(stale, 0);

    db.close().await;
    for sql in [format!("DROP DATABASE {name} WITH (FORCE)"), format!("DROP ROLE {name}")] {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut admin).await.expect("clean up");
    }
}

#[tokio::test]
async fn seeding_again_adds_history_and_another_councils_database_is_refused() {
    let t = test_db().await;
    let rules = crate::support::rules(&t.db).await;
    demo::seed(&t.db, rules.clone(), 100, &|_| {}).await.expect("seeded");
    let (found, more) = demo::seed(&t.db, rules.clone(), 50, &|_| {}).await.expect("seeded again");
    assert_eq!((found, more.cases), (demo::Found::Demo, 50));
    assert_eq!(count(&t.db, "cases").await, 150);
    assert_eq!(count(&t.db, "customers").await, 90);

    let other = test_db().await;
    crate::support::seed_catalogue(&other.db).await;
    let refused = demo::seed(&other.db, rules, 10, &|_| {}).await.expect_err("refused");
    assert!(refused.to_string().contains("council's own services"), "{refused}");
    assert_eq!(count(&other.db, "cases").await, 0);
}

#[tokio::test]
async fn the_demo_has_a_year_of_calls_with_busy_mondays_a_busy_march_and_months_that_miss_the_standard() {
    let t = test_db().await;
    let built = demo::build(&t.db, 1_000).await.expect("demo builds");
    assert!(built.calls > 3_000, "a year of calls: {}", built.calls);
    let months: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT month, CAST(SUM(CASE WHEN metric = 'standard_met' THEN value ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN metric = 'standard_missed' THEN value ELSE 0 END) AS BIGINT) FROM rollup_council_months \
         WHERE key = 'phone-answer' GROUP BY month ORDER BY month",
    )
    .fetch_all(t.db.reader())
    .await
    .unwrap();
    assert!(months.len() >= 12, "{months:?}");
    let shares: Vec<i64> = months.iter().map(|(_, met, missed)| met * 100 / (met + missed).max(1)).collect();
    println!("phone standard kept by month: {:?}", months.iter().map(|m| m.0).zip(&shares).collect::<Vec<_>>());
    assert!(shares.iter().any(|&s| s >= 80), "some months answer most calls within 30 seconds: {shares:?}");
    assert!(shares.iter().any(|&s| s < 65), "some months miss it for many: {shares:?}");

    // Mondays take more calls than Fridays; the council tax line's March is its busiest month.
    let by_weekday: Vec<(i64, i64)> =
        sqlx::query_as("SELECT enqueued_at, 1 FROM calls").fetch_all(t.db.reader()).await.unwrap();
    let mut weekdays = [0i64; 7];
    for (at, _) in &by_weekday {
        let day = jiff::Timestamp::from_millisecond(*at).unwrap().to_zoned(jiff::tz::TimeZone::UTC).weekday();
        weekdays[day.to_monday_zero_offset() as usize] += 1;
    }
    assert!(weekdays[0] > weekdays[4] * 13 / 10, "Mondays {} against Fridays {}", weekdays[0], weekdays[4]);
    let tax: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT day / 100, CAST(SUM(offered) AS BIGINT) FROM call_days WHERE queue = 'council-tax' GROUP BY day / 100 ORDER BY 2 DESC",
    )
    .fetch_all(t.db.reader())
    .await
    .unwrap();
    assert_eq!(tax[0].0 % 100, 3, "March, when the bills land: {tax:?}");

    // The public pages show it.
    let app = app(&t.db).await;
    let performance = get(&app, "/performance").await;
    assert!(performance.body.contains("Phone calls answered"), "{}", performance.body);
    let contact = get(&app, "/contact").await;
    assert_eq!(contact.body.matches("Expected wait now:").count(), 4, "a wait for each measured line");
}
