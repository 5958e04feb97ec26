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
    assert_eq!(count(&t.db, "cases").await, 3_000);
    assert_eq!(count(&t.db, "partners").await, 1);
    assert!(count(&t.db, "staff_users").await >= 10);

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
        "SELECT case_id, from_status, to_status FROM case_events WHERE to_status IS NOT NULL ORDER BY case_id, id",
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
        "SELECT c.created_at, e.at FROM cases c JOIN case_events e ON e.case_id = c.id \
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
    demo::build(&t.db, 50).await.expect("demo builds");
    let submission = frontdoor::intake::Submission {
        service_code: "general".into(),
        name: "Jo".into(),
        email: "jo@example.com".into(),
        description: "Hello".into(),
        ..Default::default()
    };
    let reference =
        frontdoor::intake::submit(&t.db, &crate::support::council(), &rules, &submission).await.expect("submitted");
    assert_eq!(reference.id(), 51);
}
