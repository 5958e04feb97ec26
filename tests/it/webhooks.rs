//! Webhooks against a real HTTP receiver on loopback that fails its first deliveries:
//! every event arrives, in order for each case, with a Standard Webhooks signature that
//! verifies; nothing is repeated beyond at least once; redirects are not followed;
//! private addresses are refused unless allowed; a dead delivery is sent again from the
//! administrators' page.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use frontdoor::cases::{Actor, Status};
use frontdoor::db::now_ms;
use frontdoor::web::AppState;
use frontdoor::webhooks::db;

use crate::staff::account;
use crate::support::{count, open_at, seed_catalogue, test_db};

/// What the receiver was sent, and how it answers.
#[derive(Default)]
struct Receiver {
    /// Answer 500 to this many requests first.
    fail_first: usize,
    /// Answer every request with a redirect.
    redirect: bool,
    seen: usize,
    accepted: Vec<(HeaderMap, Bytes)>,
}

async fn receiver(setup: Receiver) -> (String, Arc<Mutex<Receiver>>) {
    let shared = Arc::new(Mutex::new(setup));
    let inner = shared.clone();
    let app = Router::new()
        .route(
            "/hook",
            axum::routing::post(move |headers: HeaderMap, body: Bytes| {
                let inner = inner.clone();
                async move {
                    let mut r = inner.lock().unwrap();
                    r.seen += 1;
                    if r.redirect {
                        return (StatusCode::TEMPORARY_REDIRECT, [("location", "/elsewhere")]).into_response();
                    }
                    if r.seen <= r.fail_first {
                        return (StatusCode::INTERNAL_SERVER_ERROR, [("x-why", "failing on purpose")]).into_response();
                    }
                    r.accepted.push((headers, body));
                    (StatusCode::NO_CONTENT, [("x-why", "ok")]).into_response()
                }
            }),
        )
        .route(
            "/elsewhere",
            axum::routing::post(|| async {
                panic!("a redirect was followed");
                #[expect(unreachable_code, reason = "the receiver answers forever, until the test drops it")]
                StatusCode::OK
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/hook"), shared)
}

/// The signature, worked out here from the specification rather than by the code
/// under test.
fn verifies(secret: &str, headers: &HeaderMap, body: &[u8]) -> bool {
    let engine = base64::engine::general_purpose::STANDARD;
    let key = engine.decode(secret.strip_prefix("whsec_").unwrap()).unwrap();
    let id = headers["webhook-id"].to_str().unwrap();
    let timestamp = headers["webhook-timestamp"].to_str().unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    let expected = format!("v1,{}", engine.encode(mac.finalize().into_bytes()));
    let fresh = (now_ms() / 1000 - timestamp.parse::<i64>().unwrap()).abs() < 300;
    fresh && headers["webhook-signature"].to_str().unwrap().split(' ').any(|s| s == expected)
}

async fn state(t: &crate::support::TestDb, allow_private: bool) -> AppState {
    let mut state = crate::support::state(&t.db, &std::env::temp_dir()).await;
    let mut council = (*state.council).clone();
    council.api.webhook_allow_private = allow_private;
    state.council = Arc::new(council);
    state
}

async fn subscribe(
    t: &crate::support::TestDb,
    url: &str,
    kinds: &[&str],
    allow: bool,
) -> Result<(i64, String), db::SubscribeError> {
    subscribe_for(t, url, kinds, None, allow).await
}

async fn subscribe_for(
    t: &crate::support::TestDb,
    url: &str,
    kinds: &[&str],
    partner: Option<i64>,
    allow: bool,
) -> Result<(i64, String), db::SubscribeError> {
    let admin = account(&t.db, &format!("admin{}@council.example", rand::random::<u32>()), "admin", None, None).await;
    let kinds: Vec<String> = kinds.iter().map(|k| (*k).to_owned()).collect();
    let mut tx = t.db.begin().await.unwrap();
    let made = db::subscribe(&mut tx, url, &kinds, partner, allow, admin, now_ms()).await;
    tx.commit().await.unwrap();
    made
}

/// Runs the job as the runner would, moving the clock on past each backoff.
async fn run_until_done(state: &AppState) {
    let mut now = now_ms();
    for _ in 0..40 {
        frontdoor::jobs::webhooks::run(&state.db, &state.council, frontdoor::jobs::LEASE, now).await.unwrap();
        let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'pending'")
            .fetch_one(state.db.reader())
            .await
            .unwrap();
        if pending == 0 {
            return;
        }
        now += 3_600_000;
    }
    panic!("deliveries still pending");
}

#[tokio::test]
async fn every_event_arrives_signed_and_in_order_for_each_case_though_the_receiver_fails_at_first() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let state = state(&t, true).await;
    let (url, received) = receiver(Receiver { fail_first: 5, ..Receiver::default() }).await;
    let (_, secret) = subscribe(&t, &url, &["created", "status_changed", "message"], true).await.unwrap();
    assert!(subscribe(&t, &url, &[], true).await.is_err(), "at least one kind");

    // Three cases, each moved along twice: nine events the subscription wants.
    let rules = crate::support::rules(&t.db).await;
    let mut cases = Vec::new();
    for n in 0..3 {
        let opened = open_at(&t.db, &rules, "missed-bin", &format!("r{n}@example.com"), now_ms()).await;
        for to in [Status::InProgress, Status::Resolved] {
            let mut tx = t.db.begin().await.unwrap();
            frontdoor::casework::change_status(
                &mut tx,
                opened.case_id,
                to,
                Actor::SYSTEM,
                Some("Done."),
                &rules,
                now_ms(),
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
        }
        cases.push(opened.case_id);
    }
    let wanted: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM case_events_as_text WHERE kind IN ('created', 'status_changed', 'message') ORDER BY id",
    )
    .fetch_all(t.db.reader())
    .await
    .unwrap();
    assert_eq!(count(&t.db, "webhook_deliveries").await, wanted.len() as i64, "one delivery an event, from the outbox");
    let job: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'webhooks'").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(job, 1, "the job was woken in the same transactions");

    run_until_done(&state).await;
    let (seen, accepted) = {
        let r = received.lock().unwrap();
        (r.seen, r.accepted.clone())
    };
    assert!(seen > accepted.len(), "the first deliveries failed");
    let mut by_case: HashMap<String, Vec<i64>> = HashMap::new();
    let mut ids = Vec::new();
    for (headers, body) in &accepted {
        assert!(verifies(&secret, headers, body), "the signature verifies");
        let v: serde_json::Value = serde_json::from_slice(body).unwrap();
        assert_eq!(v["type"], format!("case.{}", v["data"]["kind"].as_str().unwrap()));
        by_case
            .entry(v["data"]["case"].as_str().unwrap().to_owned())
            .or_default()
            .push(v["data"]["id"].as_i64().unwrap());
        ids.push(headers["webhook-id"].to_str().unwrap().to_owned());
    }
    let mut got: Vec<i64> = by_case.values().flatten().copied().collect();
    got.sort_unstable();
    assert_eq!(got, wanted, "every event arrived, each once");
    for (case, events) in &by_case {
        assert!(events.windows(2).all(|w| w[0] < w[1]), "{case} in order: {events:?}");
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), wanted.len(), "one webhook-id a message");
    let delivered: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'delivered'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(delivered, wanted.len() as i64);
    assert_eq!(cases.len(), 3);
}

#[tokio::test]
async fn redirects_are_not_followed_private_addresses_are_refused_and_a_dead_delivery_is_sent_again() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    // Private addresses: refused when subscribing by address, and when a name resolves to one.
    let refused = subscribe(&t, "http://127.0.0.1:9/hook", &["created"], false).await;
    assert!(matches!(refused, Err(db::SubscribeError::Field { field: "url", .. })), "{refused:?}");
    assert!(subscribe(&t, "ftp://example.org/", &["created"], true).await.is_err());
    assert!(subscribe(&t, "http://user:pw@example.org/", &["created"], true).await.is_err());
    let (url, received) = receiver(Receiver { redirect: true, ..Receiver::default() }).await;
    let by_name = url.replace("127.0.0.1", "localhost");
    subscribe(&t, &by_name, &["created"], true).await.unwrap();
    let guarded = state(&t, false).await;
    let rules = crate::support::rules(&t.db).await;
    open_at(&t.db, &rules, "missed-bin", "r@example.com", now_ms()).await;
    frontdoor::jobs::webhooks::run(&guarded.db, &guarded.council, frontdoor::jobs::LEASE, now_ms()).await.unwrap();
    let error: String =
        sqlx::query_scalar("SELECT last_error FROM webhook_deliveries").fetch_one(t.db.reader()).await.unwrap();
    assert!(error.contains("private address"), "{error}");
    assert_eq!(received.lock().unwrap().seen, 0, "nothing was sent");

    // Allowed, the receiver redirects: a failure each time, never followed, until dead.
    let allowed = state(&t, true).await;
    run_until_done(&allowed).await;
    let (state_now, attempts, error): (String, i64, String) =
        sqlx::query_as("SELECT state, attempts, last_error FROM webhook_deliveries")
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    assert_eq!((state_now.as_str(), attempts), ("dead", frontdoor::webhooks::MAX_ATTEMPTS));
    assert!(error.contains("redirects are never followed"), "{error}");
    assert_eq!(received.lock().unwrap().seen as i64, frontdoor::webhooks::MAX_ATTEMPTS - 1);

    // The administrators' page lists it; sending it again delivers it once the receiver works.
    let app = frontdoor::web::router(allowed.clone());
    account(&t.db, "admin@council.example", "admin", None, None).await;
    let (admin, csrf) = crate::staff::sign_in(&app, "admin@council.example").await;
    let page = crate::staff::get_with(&app, "/staff/admin/webhooks", &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("redirects are never followed") && page.body.contains("Send again"), "{}", page.body);
    received.lock().unwrap().redirect = false;
    let id: i64 = sqlx::query_scalar("SELECT id FROM webhook_deliveries").fetch_one(t.db.reader()).await.unwrap();
    let replayed = crate::staff::post_with(
        &app,
        "/staff/admin/webhooks",
        &admin,
        &[("csrf", &csrf), ("action", "replay"), ("id", &id.to_string())],
    )
    .await;
    assert_eq!(replayed.status, StatusCode::SEE_OTHER);
    run_until_done(&allowed).await;
    assert_eq!(received.lock().unwrap().accepted.len(), 1);

    // Subscribing from the page shows the secret once; a bad address names the field.
    let bad = crate::staff::post_with(
        &app,
        "/staff/admin/webhooks",
        &admin,
        &[("csrf", &csrf), ("action", "subscribe"), ("url", "not a url"), ("kinds-created", "yes")],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains(r##"<a href="#url">"##), "{}", bad.body);
    let made = crate::staff::post_with(
        &app,
        "/staff/admin/webhooks",
        &admin,
        &[("csrf", &csrf), ("action", "subscribe"), ("url", &url), ("kinds-message", "yes")],
    )
    .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    assert!(made.body.contains("whsec_"));
    assert!(!crate::staff::get_with(&app, "/staff/admin/webhooks", &admin).await.body.contains("whsec_"), "shown once");
}

#[tokio::test]
async fn a_subscription_for_one_partner_hears_only_of_that_partners_cases() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let state = state(&t, true).await;
    let mut tx = t.db.begin().await.unwrap();
    let partner =
        frontdoor::org::db::insert_partner(&mut tx, "homes", "Kingsmead Homes", "h@example.com").await.unwrap();
    tx.commit().await.unwrap();
    let (url, received) = receiver(Receiver::default()).await;
    subscribe_for(&t, &url, &["status_changed"], Some(partner), true).await.unwrap();
    let rules = crate::support::rules(&t.db).await;
    let theirs = open_at(&t.db, &rules, "missed-bin", "a@example.com", now_ms()).await;
    let ours = open_at(&t.db, &rules, "missed-bin", "b@example.com", now_ms()).await;
    sqlx::query("UPDATE cases SET partner_id = $1 WHERE id = $2")
        .bind(partner)
        .bind(theirs.case_id)
        .execute(t.db.writer())
        .await
        .unwrap();
    for case in [theirs.case_id, ours.case_id] {
        let mut tx = t.db.begin().await.unwrap();
        frontdoor::casework::change_status(&mut tx, case, Status::InProgress, Actor::SYSTEM, None, &rules, now_ms())
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    run_until_done(&state).await;
    let accepted = received.lock().unwrap().accepted.clone();
    assert_eq!(accepted.len(), 1, "one status change was on the partner's case");
    let v: serde_json::Value = serde_json::from_slice(&accepted[0].1).unwrap();
    assert_eq!(v["data"]["case"], theirs.reference.to_string());
    assert_eq!(v["type"], "case.status_changed");
}

/// A receiver that takes the connection and never answers: every attempt times out.
async fn silent_receiver() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    format!("http://{addr}/hook")
}

#[tokio::test]
async fn a_run_ends_inside_the_lease_however_slow_the_receiver() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let state = state(&t, true).await;
    subscribe(&t, &silent_receiver().await, &["created"], true).await.unwrap();
    let rules = crate::support::rules(&t.db).await;
    // More cases than one batch attempts at once (16), each a line of its own.
    for n in 0..20 {
        open_at(&t.db, &rules, "missed-bin", &format!("slow{n}@example.com"), now_ms()).await;
    }
    let lease = std::time::Duration::from_secs(2);
    let began = std::time::Instant::now();
    let next = frontdoor::jobs::webhooks::run(&state.db, &state.council, lease, now_ms()).await.unwrap();
    let took = began.elapsed();
    // Each attempt waits a quarter of the lease, not 10 s, and no second batch starts
    // after that quarter: the run is over by about half the lease, and comes straight back.
    assert!(took < lease, "the run took {took:?} with a lease of {lease:?}");
    assert!(next.is_some_and(|at| at <= now_ms()), "the run comes back at once for what is left: {next:?}");
    let tried: i64 = count(&t.db, "webhook_deliveries WHERE attempts > 0").await;
    assert_eq!(tried, 16, "one batch was tried, the rest left for the next run");
    let error: String = sqlx::query_scalar("SELECT last_error FROM webhook_deliveries WHERE attempts > 0 LIMIT 1")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(error, "no answer within 0.5 seconds");
}

#[tokio::test]
async fn housekeeping_removes_deliveries_made_and_jobs_failing_past_their_days_and_keeps_the_rest() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = crate::support::rules(&t.db).await;
    subscribe(&t, "http://127.0.0.1:9/hook", &["created"], true).await.unwrap();
    let now = now_ms();
    for i in 0..5 {
        open_at(&t.db, &rules, "missed-bin", &format!("r{i}@example.org"), now).await;
    }
    assert_eq!(count(&t.db, "webhook_deliveries").await, 5);
    const DAY: i64 = 86_400_000;
    // Two made 40 days ago, one 10 days ago, one dead long ago, one still pending.
    let set = "UPDATE webhook_deliveries SET state = $1, delivered_at = $2 WHERE id = (SELECT MIN(id) \
               FROM webhook_deliveries WHERE state = 'pending' AND delivered_at IS NULL)";
    for (state, at) in [("delivered", now - 40 * DAY), ("delivered", now - 40 * DAY), ("delivered", now - 10 * DAY)] {
        sqlx::query(set).bind(state).bind(at).execute(t.db.writer()).await.unwrap();
    }
    sqlx::query(
        "UPDATE webhook_deliveries SET state = 'dead', created_at = $1 WHERE id = (SELECT MAX(id) FROM webhook_deliveries)",
    )
    .bind(now - 400 * DAY)
    .execute(t.db.writer())
    .await
    .unwrap();
    // A delivery job failing for 40 days, one failing since yesterday, one recurring job.
    for (key, made, error) in [("1", now - 40 * DAY, Some("relay refused")), ("2", now - DAY, Some("relay refused"))] {
        sqlx::query(
            "INSERT INTO jobs (kind, job_key, payload, run_at, created_at, last_error) VALUES ('deliver', $1, $1, $2, $3, $4)",
        )
        .bind(key)
        .bind(now + 60_000)
        .bind(made)
        .bind(error)
        .execute(t.db.writer())
        .await
        .unwrap();
    }
    frontdoor::jobs::ensure_recurring(&t.db, &rules, now - 40 * DAY).await.unwrap();

    let state = crate::support::state(&t.db, &std::env::temp_dir()).await;
    let ctx = crate::support::jobs_of(&state);
    let next = frontdoor::jobs::housekeeping::run(&ctx, now).await.unwrap();
    assert_eq!(next, Some(now + 3_600_000), "done, so again in an hour");
    let states: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT state, delivered_at FROM webhook_deliveries ORDER BY id")
            .fetch_all(t.db.reader())
            .await
            .unwrap();
    assert_eq!(
        states,
        vec![("delivered".into(), Some(now - 10 * DAY)), ("pending".into(), None), ("dead".into(), None)],
        "the two made 40 days ago are gone; the recent, the pending and the dead stay"
    );
    let jobs: Vec<String> = sqlx::query_scalar("SELECT job_key FROM jobs WHERE kind = 'deliver' ORDER BY job_key")
        .fetch_all(t.db.reader())
        .await
        .unwrap();
    assert_eq!(jobs, ["2"], "the job failing for 40 days is given up; yesterday's is kept");
    let recurring: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE job_key = 'recurring'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(recurring, 3, "the recurring jobs stay, however old");
}

#[tokio::test]
async fn housekeeping_keeps_sent_emails_unless_told_a_number_of_days() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = crate::support::rules(&t.db).await;
    let now = now_ms();
    const DAY: i64 = 86_400_000;
    for i in 0..3 {
        crate::support::open_acknowledged_at(&t.db, &rules, "missed-bin", &format!("r{i}@example.org"), now, true)
            .await;
    }
    // Sent 400 days ago, sent yesterday, and one never sent.
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM outbox ORDER BY id").fetch_all(t.db.reader()).await.unwrap();
    assert_eq!(ids.len(), 3);
    for (id, sent) in [(ids[0], now - 400 * DAY), (ids[1], now - DAY)] {
        sqlx::query("UPDATE outbox SET sent_at = $1 WHERE id = $2")
            .bind(sent)
            .bind(id)
            .execute(t.db.writer())
            .await
            .unwrap();
    }
    let state = crate::support::state(&t.db, &std::env::temp_dir()).await;
    let mut ctx = crate::support::jobs_of(&state);
    frontdoor::jobs::housekeeping::run(&ctx, now).await.unwrap();
    assert_eq!(count(&t.db, "outbox").await, 3, "kept until retention, by default");
    ctx.keep_sent_emails = Some(std::time::Duration::from_secs(365 * 86_400));
    frontdoor::jobs::housekeeping::run(&ctx, now).await.unwrap();
    let left: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM outbox ORDER BY id").fetch_all(t.db.reader()).await.unwrap();
    assert_eq!(left, ids[1..], "only the email sent over a year ago is gone");
}

/// A new case's events are queued in one statement; each subscription's deliveries must
/// still be numbered in the events' order, since a case's deliveries go out in that order.
#[tokio::test]
async fn a_new_cases_deliveries_follow_its_events_for_each_subscription() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let url = "https://hooks.example.org/in";
    let (first, _) = subscribe(&t, url, &["created", "clock_started"], false).await.unwrap();
    let (second, _) = subscribe(&t, url, &["clock_started", "created"], false).await.unwrap();
    let rules = crate::support::rules(&t.db).await;
    let opened = open_at(&t.db, &rules, "missed-bin", "order@example.com", now_ms()).await;
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT d.subscription_id, d.event_id, e.kind FROM webhook_deliveries d \
         JOIN case_events e ON e.id = d.event_id WHERE d.case_id = $1 ORDER BY d.id",
    )
    .bind(opened.case_id)
    .fetch_all(t.db.reader())
    .await
    .unwrap();
    for subscription in [first, second] {
        let events: Vec<(i64, i64)> = rows.iter().filter(|r| r.0 == subscription).map(|r| (r.1, r.2)).collect();
        // The created event (kind 1) and at least one clock start (kind 7), in order.
        assert!(events.len() >= 2, "{events:?}");
        assert_eq!(events[0].1, 1, "created comes first: {events:?}");
        assert!(events.iter().skip(1).all(|e| e.1 == 7), "{events:?}");
        assert!(events.windows(2).all(|w| w[0].0 < w[1].0), "in the events' order: {events:?}");
    }
}
