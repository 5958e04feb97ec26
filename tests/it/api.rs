//! The JSON API on both databases: a case made, read, listed by keyset and changed; a
//! partner's key kept to its partner's cases; every refusal as problem JSON naming the
//! field; Idempotency-Key's three answers, and 1,000 creates each sent three times at
//! once making exactly 1,000 cases; the rate limit; the OpenAPI document and its page.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};

use frontdoor::db::{Db, now_ms};

use crate::staff::account;
use crate::support::{Reply, count, seed_catalogue, send, test_db};

pub(crate) async fn key(db: &Db, scope: &str, partner: Option<i64>) -> String {
    let email = format!("admin-{}@council.example", rand::random::<u64>());
    let admin = account(db, &email, "admin", None, None).await;
    let mut tx = db.begin().await.unwrap();
    let (_, key) = frontdoor::api::create(&mut tx, "Back office", scope, partner, admin, now_ms()).await.unwrap();
    tx.commit().await.unwrap();
    key
}

pub(crate) async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    key: &str,
    body: Option<&Value>,
    idem: Option<&str>,
) -> Reply {
    let mut request = Request::builder().method(method).uri(uri);
    if !key.is_empty() {
        request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    if let Some(idem) = idem {
        request = request.header("Idempotency-Key", idem);
    }
    let body = match body {
        Some(v) => {
            request = request.header(header::CONTENT_TYPE, "application/json");
            Body::from(v.to_string())
        }
        None => Body::empty(),
    };
    send(app, request.body(body).unwrap()).await
}

pub(crate) fn parsed(reply: &Reply) -> Value {
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

/// A problem document, checked for its shape; returns its field names.
pub(crate) fn problem(reply: &Reply, status: StatusCode) -> Vec<String> {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.headers[header::CONTENT_TYPE], "application/problem+json");
    let p = parsed(reply);
    assert_eq!(p["status"], status.as_u16());
    p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect()
}

fn new_case(description: &str) -> Value {
    json!({
        "service": "missed-bin",
        "description": description,
        "name": "Jo Resident",
        "email": "jo@example.com",
        "address": "12 High Street",
        "lat": 51.5072,
        "lng": -0.1276,
    })
}

async fn setup() -> (crate::support::TestDb, Router) {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = crate::support::app(&t.db).await;
    (t, app)
}

#[tokio::test]
async fn a_write_key_makes_a_case_reads_it_lists_it_by_keyset_and_changes_it() {
    let (t, app) = setup().await;
    let write = key(&t.db, "write", None).await;

    let services = parsed(&call(&app, "GET", "/api/v1/services", &write, None, None).await);
    let codes: Vec<&str> =
        services["services"].as_array().unwrap().iter().map(|s| s["code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 2, "{services}");

    let made = call(&app, "POST", "/api/v1/cases", &write, Some(&new_case("The bin was missed.")), None).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let case = parsed(&made);
    let reference = case["reference"].as_str().unwrap().to_owned();
    assert!(made.location().ends_with(&format!("/api/v1/cases/{reference}")), "{}", made.location());
    assert_eq!(case["channel"], "api");
    assert_eq!(case["status"], "received");
    assert!(case["due_at"].is_string(), "a service request's clock is running: {case}");
    let events = case["events"].as_array().unwrap();
    let read = call(&app, "GET", &format!("/api/v1/cases/{reference}"), &write, None, None).await;
    assert_eq!(parsed(&read)["reference"], reference);
    let logged: String = sqlx::query_scalar("SELECT what FROM case_views").fetch_one(t.db.reader()).await.unwrap();
    assert!(logged.contains("API key \"Back office\""), "each read is in the access log: {logged}");
    assert!(events.iter().any(|e| e["kind"] == "note" && e["text"].as_str().unwrap().contains("Back office")));

    // Two more, then a keyset walk a case a page: newest first, each once.
    for n in 0..2 {
        let body = new_case(&format!("Missed again, week {n}."));
        assert_eq!(call(&app, "POST", "/api/v1/cases", &write, Some(&body), None).await.status, StatusCode::CREATED);
    }
    let mut seen = Vec::new();
    let mut uri = "/api/v1/cases?limit=1&type=service_request".to_owned();
    loop {
        let page = parsed(&call(&app, "GET", &uri, &write, None, None).await);
        let cases = page["cases"].as_array().unwrap();
        assert!(cases.len() <= 1 && cases.iter().all(|c| c.get("events").is_none()), "{page}");
        seen.extend(cases.iter().map(|c| c["reference"].as_str().unwrap().to_owned()));
        match page["next"].as_str() {
            Some(next) => uri = format!("/api/v1/cases?limit=1&type=service_request&after={next}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 3);
    assert_eq!(seen.last().unwrap(), &reference, "oldest last");
    let open = parsed(&call(&app, "GET", "/api/v1/cases?open=false", &write, None, None).await);
    assert_eq!(open["cases"].as_array().unwrap().len(), 0);
    let open = parsed(&call(&app, "GET", "/api/v1/cases?open=true&service=missed-bin", &write, None, None).await);
    assert_eq!(open["cases"].as_array().unwrap().len(), 3);
    let enquiries = parsed(&call(&app, "GET", "/api/v1/cases?type=enquiry", &write, None, None).await);
    assert_eq!(enquiries["cases"].as_array().unwrap().len(), 0);
    let received = parsed(&call(&app, "GET", "/api/v1/cases?status=received&limit=2", &write, None, None).await);
    assert_eq!(received["cases"].as_array().unwrap().len(), 2);
    assert!(received["next"].is_string());

    // Status: an officer's rules, in the API's words.
    let path = format!("/api/v1/cases/{reference}/status");
    let fields = problem(
        &call(&app, "POST", &path, &write, Some(&json!({"status": "resolved"})), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    assert_eq!(fields, ["note"], "resolving tells the customer something");
    let fields = problem(
        &call(&app, "POST", &path, &write, Some(&json!({"status": "fixed"})), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    assert_eq!(fields, ["status"]);
    let outbox = count(&t.db, "outbox").await;
    let done = json!({"status": "resolved", "note": "We collected the bin on Thursday."});
    let changed = call(&app, "POST", &path, &write, Some(&done), None).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(parsed(&changed)["status"], "resolved");
    assert_eq!(count(&t.db, "outbox").await, outbox + 1, "the customer is told");
    let again = json!({"status": "waiting_for_customer", "note": "x"});
    assert_eq!(problem(&call(&app, "POST", &path, &write, Some(&again), None).await, StatusCode::CONFLICT), ["status"]);

    // Updates: public is a message to the customer, internal a note.
    let path = format!("/api/v1/cases/{reference}/updates");
    let public =
        call(&app, "POST", &path, &write, Some(&json!({"text": "The crew has been told.", "public": true})), None)
            .await;
    assert_eq!(public.status, StatusCode::CREATED, "{}", public.body);
    assert_eq!(parsed(&public)["kind"], "message");
    assert_eq!(parsed(&public)["public"], true);
    assert_eq!(count(&t.db, "outbox").await, outbox + 2);
    let internal = call(&app, "POST", &path, &write, Some(&json!({"text": "Crew 4.", "public": false})), None).await;
    assert_eq!(parsed(&internal)["kind"], "note");
    assert_eq!(parsed(&internal)["text"], "Crew 4.");
    assert_eq!(count(&t.db, "outbox").await, outbox + 2, "a note tells nobody");
    let empty = call(&app, "POST", &path, &write, Some(&json!({"text": " ", "public": false})), None).await;
    assert_eq!(problem(&empty, StatusCode::UNPROCESSABLE_ENTITY), ["text"]);

    // The customer, and the event feed by cursor.
    let customer_id = case["customer_id"].as_i64().unwrap();
    let customer = parsed(&call(&app, "GET", &format!("/api/v1/customers/{customer_id}"), &write, None, None).await);
    assert_eq!(customer["email"], "jo@example.com");
    assert_eq!(customer["cases"].as_array().unwrap().len(), 3);
    let found = parsed(&call(&app, "GET", "/api/v1/customers?email=JO@example.com", &write, None, None).await);
    assert_eq!(found["customers"][0]["id"], customer_id, "{found}");
    let none = parsed(&call(&app, "GET", "/api/v1/customers?phone=01632%20960%20001", &write, None, None).await);
    assert_eq!(none["customers"].as_array().unwrap().len(), 0);
    let bad = call(&app, "GET", "/api/v1/customers?email=nobody", &write, None, None).await;
    assert_eq!(problem(&bad, StatusCode::BAD_REQUEST), ["email"]);
    let (mut after, mut ids) = (0, Vec::new());
    loop {
        let page =
            parsed(&call(&app, "GET", &format!("/api/v1/events?after={after}&limit=4"), &write, None, None).await);
        let events = page["events"].as_array().unwrap();
        if events.is_empty() {
            assert_eq!(page["next"], after, "the cursor stays put at the end");
            break;
        }
        ids.extend(events.iter().map(|e| e["id"].as_i64().unwrap()));
        after = page["next"].as_i64().unwrap();
    }
    if !crate::support::on_postgres() {
        // PostgreSQL holds back the last five seconds, so a late commit is never skipped.
        assert_eq!(ids.len() as i64, count(&t.db, "case_events").await);
    }
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in order, each once");
}

#[tokio::test]
async fn refusals_are_problem_json_naming_the_field() {
    let (t, app) = setup().await;
    let write = key(&t.db, "write", None).await;
    let read = key(&t.db, "read", None).await;
    assert_eq!(
        problem(&call(&app, "GET", "/api/v1/cases", "", None, None).await, StatusCode::UNAUTHORIZED),
        ["Authorization"]
    );
    let wrong = "fd_000000000000000000000000000000000000000000000000";
    assert_eq!(
        problem(&call(&app, "GET", "/api/v1/cases", wrong, None, None).await, StatusCode::UNAUTHORIZED),
        ["Authorization"]
    );
    let body = new_case("A bin.");
    assert_eq!(
        problem(&call(&app, "POST", "/api/v1/cases", &read, Some(&body), None).await, StatusCode::FORBIDDEN),
        ["Authorization"]
    );

    let mut missing = new_case("");
    missing["email"] = Value::Null;
    let fields = problem(
        &call(&app, "POST", "/api/v1/cases", &write, Some(&missing), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    assert!(fields.contains(&"description".to_owned()) && fields.contains(&"email".to_owned()), "{fields:?}");
    let mut unknown = new_case("A bin.");
    unknown["service"] = json!("moon-landing");
    assert_eq!(
        problem(&call(&app, "POST", "/api/v1/cases", &write, Some(&unknown), None).await, StatusCode::NOT_FOUND),
        ["service"]
    );
    let mut typed = new_case("A bin.");
    typed["lat"] = json!("north");
    assert_eq!(
        problem(
            &call(&app, "POST", "/api/v1/cases", &write, Some(&typed), None).await,
            StatusCode::UNPROCESSABLE_ENTITY
        ),
        ["lat"]
    );
    let mut extra = new_case("A bin.");
    extra["colour"] = json!("green");
    assert_eq!(
        problem(
            &call(&app, "POST", "/api/v1/cases", &write, Some(&extra), None).await,
            StatusCode::UNPROCESSABLE_ENTITY
        ),
        ["colour"]
    );
    let mut question = new_case("A bin.");
    question["answers"] = json!({"colour": "green"});
    assert_eq!(
        problem(
            &call(&app, "POST", "/api/v1/cases", &write, Some(&question), None).await,
            StatusCode::UNPROCESSABLE_ENTITY
        ),
        ["answers.colour"]
    );
    let form = Request::post("/api/v1/cases")
        .header(header::AUTHORIZATION, format!("Bearer {write}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("service=missed-bin"))
        .unwrap();
    assert_eq!(problem(&send(&app, form).await, StatusCode::UNSUPPORTED_MEDIA_TYPE), ["Content-Type"]);
    assert_eq!(
        problem(&call(&app, "GET", "/api/v1/cases?status=lost", &write, None, None).await, StatusCode::BAD_REQUEST),
        ["status"]
    );
    assert_eq!(
        problem(&call(&app, "GET", "/api/v1/cases?limit=5000", &write, None, None).await, StatusCode::BAD_REQUEST),
        ["limit"]
    );
    assert_eq!(
        problem(&call(&app, "GET", "/api/v1/cases/KMB-000-000", &write, None, None).await, StatusCode::NOT_FOUND),
        Vec::<String>::new()
    );
    assert_eq!(count(&t.db, "cases").await, 0, "nothing refused was made");
}

#[tokio::test]
async fn a_partner_key_reaches_only_its_partners_cases_and_no_customer_records() {
    let (t, app) = setup().await;
    let write = key(&t.db, "write", None).await;
    let mut tx = t.db.begin().await.unwrap();
    let partner =
        frontdoor::org::db::insert_partner(&mut tx, "homes", "Kingsmead Homes", "h@example.com").await.unwrap();
    tx.commit().await.unwrap();
    let theirs = key(&t.db, "partner", Some(partner)).await;
    let mine = parsed(&call(&app, "POST", "/api/v1/cases", &write, Some(&new_case("Not theirs.")), None).await);
    let given = parsed(&call(&app, "POST", "/api/v1/cases", &write, Some(&new_case("Theirs.")), None).await);
    let given_ref = given["reference"].as_str().unwrap();
    sqlx::query("UPDATE cases SET partner_id = $1 WHERE id = (SELECT MAX(id) FROM cases)")
        .bind(partner)
        .execute(t.db.writer())
        .await
        .unwrap();

    let listed = parsed(&call(&app, "GET", "/api/v1/cases", &theirs, None, None).await);
    let refs: Vec<&str> =
        listed["cases"].as_array().unwrap().iter().map(|c| c["reference"].as_str().unwrap()).collect();
    assert_eq!(refs, [given_ref]);
    let other = format!("/api/v1/cases/{}", mine["reference"].as_str().unwrap());
    assert_eq!(call(&app, "GET", &other, &theirs, None, None).await.status, StatusCode::NOT_FOUND);
    let note = json!({"text": "Crew booked.", "public": false});
    assert_eq!(
        call(&app, "POST", &format!("{other}/updates"), &theirs, Some(&note), None).await.status,
        StatusCode::NOT_FOUND
    );
    let done = call(&app, "POST", &format!("/api/v1/cases/{given_ref}/updates"), &theirs, Some(&note), None).await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.body);
    assert_eq!(parsed(&done)["actor"], "partner");
    let customer = format!("/api/v1/customers/{}", given["customer_id"]);
    assert_eq!(
        problem(&call(&app, "GET", &customer, &theirs, None, None).await, StatusCode::FORBIDDEN),
        ["Authorization"]
    );
    assert_eq!(
        call(&app, "POST", "/api/v1/cases", &theirs, Some(&new_case("x")), None).await.status,
        StatusCode::FORBIDDEN
    );
    let feed = parsed(&call(&app, "GET", "/api/v1/events", &theirs, None, None).await);
    assert!(feed["events"].as_array().unwrap().iter().all(|e| e["case"] == given_ref), "{feed}");
}

#[tokio::test]
async fn an_idempotency_key_gives_the_same_case_refuses_another_body_and_waits_for_one_in_flight() {
    let (t, app) = setup().await;
    let write = key(&t.db, "write", None).await;
    let body = new_case("Sent twice.");
    let first = call(&app, "POST", "/api/v1/cases", &write, Some(&body), Some("order-1")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again = call(&app, "POST", "/api/v1/cases", &write, Some(&body), Some("order-1")).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(parsed(&again)["reference"], parsed(&first)["reference"]);
    let other = call(&app, "POST", "/api/v1/cases", &write, Some(&new_case("Something else.")), Some("order-1")).await;
    assert_eq!(problem(&other, StatusCode::UNPROCESSABLE_ENTITY), ["Idempotency-Key"]);
    assert_eq!(count(&t.db, "cases").await, 1);

    // Another key's Idempotency-Key of the same name is its own.
    let second = key(&t.db, "write", Some(0)).await;
    let theirs = call(&app, "POST", "/api/v1/cases", &second, Some(&body), Some("order-1")).await;
    assert_eq!(theirs.status, StatusCode::CREATED);
    assert_ne!(parsed(&theirs)["reference"], parsed(&first)["reference"]);

    // A request still being handled: the next with its key waits.
    let key_id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM api_keys").fetch_one(t.db.reader()).await.unwrap();
    let hash = frontdoor::api::idempotency::body_hash(body.to_string().as_bytes());
    let begun = frontdoor::api::idempotency::begin(t.db.writer(), key_id, "order-2", &hash, now_ms()).await.unwrap();
    assert_eq!(begun, frontdoor::api::idempotency::Begun::Fresh);
    let waiting = call(&app, "POST", "/api/v1/cases", &write, Some(&body), Some("order-2")).await;
    assert_eq!(problem(&waiting, StatusCode::CONFLICT), ["Idempotency-Key"]);
    // One that died before committing gives the key up when its lock runs out.
    let later = now_ms() + frontdoor::api::idempotency::LOCK_MS + 1;
    let taken = frontdoor::api::idempotency::begin(t.db.writer(), key_id, "order-2", &hash, later).await.unwrap();
    assert_eq!(taken, frontdoor::api::idempotency::Begun::Fresh);

    // A refused body frees its key for the corrected one.
    let bad = new_case("");
    assert_eq!(
        call(&app, "POST", "/api/v1/cases", &write, Some(&bad), Some("order-3")).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        call(&app, "POST", "/api/v1/cases", &write, Some(&body), Some("order-3")).await.status,
        StatusCode::CREATED
    );
    let bad_key = call(&app, "POST", "/api/v1/cases", &write, Some(&body), Some("has space")).await;
    assert_eq!(problem(&bad_key, StatusCode::BAD_REQUEST), ["Idempotency-Key"]);
}

#[tokio::test]
async fn a_thousand_creates_each_sent_three_times_at_once_make_a_thousand_cases() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let mut state = crate::support::state(&t.db, &std::env::temp_dir()).await;
    state.limiter = Arc::new(frontdoor::api::limit::Limiter::new(0));
    let app = frontdoor::web::router(state);
    let write = key(&t.db, "write", None).await;
    let mut references = std::collections::HashMap::new();
    // Eight creates at a time, each as three identical requests racing.
    let all: Vec<usize> = (0..1000).collect();
    for chunk in all.chunks(8) {
        let mut sends = Vec::new();
        for &n in chunk {
            for _ in 0..3 {
                let (app, write) = (app.clone(), write.clone());
                sends.push(tokio::spawn(async move {
                    let body = new_case(&format!("Create number {n}."));
                    let idem = format!("create-{n}");
                    // A copy that finds the first still in flight waits and sends again, as
                    // a client following the 409 would.
                    loop {
                        let reply = call(&app, "POST", "/api/v1/cases", &write, Some(&body), Some(&idem)).await;
                        if reply.status != StatusCode::CONFLICT {
                            return (n, reply);
                        }
                        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    }
                }));
            }
        }
        for sent in sends {
            let (n, reply) = sent.await.unwrap();
            assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
            let reference = parsed(&reply)["reference"].as_str().unwrap().to_owned();
            let first = references.entry(n).or_insert_with(|| reference.clone());
            assert_eq!(*first, reference, "all three copies of create {n} give one case");
        }
    }
    assert_eq!(references.len(), 1000);
    assert_eq!(count(&t.db, "cases").await, 1000);
    assert_eq!(count(&t.db, "api_idempotency").await, 1000);
}

#[tokio::test]
async fn a_key_over_its_rate_limit_is_told_when_to_try_again() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let mut state = crate::support::state(&t.db, &std::env::temp_dir()).await;
    state.limiter = Arc::new(frontdoor::api::limit::Limiter::new(3));
    let app = frontdoor::web::router(state);
    let write = key(&t.db, "write", None).await;
    let other = key(&t.db, "read", None).await;
    for _ in 0..3 {
        assert_eq!(call(&app, "GET", "/api/v1/services", &write, None, None).await.status, StatusCode::OK);
    }
    let refused = call(&app, "GET", "/api/v1/services", &write, None, None).await;
    problem(&refused, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers[header::RETRY_AFTER].to_str().unwrap().parse::<u64>().unwrap() >= 1);
    let open311 = crate::support::get(&app, &format!("/open311/v2/requests.json?api_key={write}")).await;
    assert_eq!(
        open311.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the same key's limit, in Open311's errors: {}",
        open311.body
    );
    assert!(open311.body.contains("\"code\":429"), "{}", open311.body);
    assert_eq!(call(&app, "GET", "/api/v1/services", &other, None, None).await.status, StatusCode::OK, "per key");
}

#[tokio::test]
async fn the_openapi_document_describes_every_operation_and_its_page_reads_it() {
    let (_t, app) = setup().await;
    let doc = parsed(&crate::support::get(&app, "/api/openapi.json").await);
    assert_eq!(doc["openapi"], "3.1.0");
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    for path in [
        "/api/v1/cases",
        "/api/v1/cases/{reference}",
        "/api/v1/cases/{reference}/status",
        "/api/v1/cases/{reference}/updates",
        "/api/v1/customers",
        "/api/v1/customers/{id}",
        "/api/v1/events",
        "/api/v1/services",
        "/api/v1/calls",
        "/api/v1/lines/{line}/wait",
    ] {
        assert!(paths.iter().any(|p| *p == path), "{path} in {paths:?}");
    }
    assert_eq!(doc["components"]["securitySchemes"]["key"]["scheme"], "bearer");
    let page = crate::support::get(&app, "/api/docs").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("POST /api/v1/cases/{reference}/updates") && page.body.contains("Idempotency-Key"));
    assert!(!page.body.contains("<script src=\"http"), "nothing from elsewhere");
}
