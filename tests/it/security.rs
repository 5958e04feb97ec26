//! The holes an outside probe found (issue 25), each with the test that keeps it shut.
//! Every test here failed on the code before the fix.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};

use frontdoor::db::{Db, now_ms};
use frontdoor::web::{AppState, router};
use frontdoor::{mail, org, sessions, smtp};

use crate::attachments::{jpeg, multipart_request};
use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{
    Reply, count, post_form, reference_in, seed_catalogue, send, state, test_db, urlencode, valid_report,
};

const FORM: &str = "/services/missed-bin/report";
const PASSWORD: &str = "a long staff password";

/// A request as if from `client`, as the server sees it through `ConnectInfo`.
fn from(client: &str, mut request: Request<Body>) -> Request<Body> {
    let addr: SocketAddr = format!("{client}:40000").parse().expect("address");
    request.extensions_mut().insert(ConnectInfo(addr));
    request
}

fn form_request(uri: &str, fields: &[(&str, &str)]) -> Request<Body> {
    let body = fields.iter().map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v))).collect::<Vec<_>>().join("&");
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request")
}

/// The app with the council's limits changed.
async fn app_with(db: &Db, change: impl FnOnce(&mut frontdoor::config::Council)) -> (AppState, Router) {
    let base = state(db, &std::env::temp_dir().join("frontdoor-test-mail-unused")).await;
    let mut council = (*base.council).clone();
    change(&mut council);
    let state = AppState::new(db.clone(), Arc::new(council), base.rules.clone(), base.transport.clone());
    (state.clone(), router(state))
}

async fn pending_bytes(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM attachments WHERE case_id IS NULL")
        .fetch_one(db.reader())
        .await
        .expect("sum")
}

#[tokio::test]
async fn failed_forms_store_at_most_the_per_client_cap_of_files_and_then_say_so() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    // 3 MB a client and 8 MB in all, so a few 1 MB photos show each cap.
    let (_, app) = app_with(&t.db, |c| {
        c.limits.pending_per_client_mb = 3;
        c.limits.pending_total_mb = 8;
    })
    .await;
    let photo = jpeg(1024 * 1024);
    // The form fails (no description), so each post keeps its file as pending.
    let failing = [("description", ""), ("address", "1 High Street"), ("name", "A"), ("email", "a@example.com")];
    let mut refused = 0;
    for _ in 0..6 {
        let reply = send(&app, from("203.0.113.10", multipart_request(FORM, &failing, &[("p.jpg", &photo)]))).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        if reply.body.contains("You have added as many files as we can keep for you for now") {
            refused += 1;
            assert!(reply.body.contains("href=\"#attachments\""), "the error names the field");
        }
    }
    assert_eq!(pending_bytes(&t.db).await, 3 * 1024 * 1024, "this client's cap, and nothing past it");
    assert_eq!(refused, 3);
    // Another client has its own allowance, up to the total.
    for client in ["198.51.100.1", "198.51.100.2"] {
        for _ in 0..3 {
            send(&app, from(client, multipart_request(FORM, &failing, &[("p.jpg", &photo)]))).await;
        }
    }
    assert_eq!(pending_bytes(&t.db).await, 8 * 1024 * 1024, "the total cap holds across clients");
    let busy = send(&app, from("198.51.100.3", multipart_request(FORM, &failing, &[("p.jpg", &photo)]))).await;
    assert!(busy.body.contains("We cannot take more files just now"), "{}", busy.body);
    // Neither the client's address nor anything else personal names a pending file.
    let keys: Vec<String> =
        sqlx::query_scalar("SELECT client_key FROM attachments").fetch_all(t.db.reader()).await.unwrap();
    assert!(keys.iter().all(|k| k.starts_with("uploads:") && !k.contains("203.0.113")), "{keys:?}");
}

#[tokio::test]
async fn a_scripted_flood_of_form_posts_gets_429_with_retry_after() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let (_, app) = app_with(&t.db, |c| c.limits.form_posts_per_minute = 5).await;
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let reply = send(&app, from("203.0.113.20", form_request(FORM, &[("description", "")]))).await;
        statuses.push(reply.status.as_u16());
        if reply.status == StatusCode::TOO_MANY_REQUESTS {
            let wait: u64 = reply.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
            assert!((1..=60).contains(&wait), "{wait}");
            assert!(reply.body.contains("Too many tries"), "an error page, in words");
        }
    }
    assert_eq!(statuses, [422, 422, 422, 422, 422, 429, 429, 429]);
    // Another address is not held back, and nothing was stored for the refused posts.
    let other = send(&app, from("203.0.113.21", form_request(FORM, &[("description", "")]))).await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&t.db, "cases").await, 0);
}

#[tokio::test]
async fn sign_in_with_an_address_that_cannot_be_an_email_stores_nothing_and_failures_store_no_address() {
    let t = test_db().await;
    account(&t.db, "lead@council.example", "admin", None, None).await;
    let huge = format!("{}@council.example", "x".repeat(5_000));
    for _ in 0..200 {
        let refused = sessions::db::sign_in(&t.db, &huge, "guess", "203.0.113.30", now_ms()).await;
        assert!(matches!(refused, Err(sessions::SignInError::NotAnEmail)));
    }
    assert_eq!(count(&t.db, "throttles").await, 0, "nothing stored for an address that cannot be one");
    // Wrong passwords are counted under keyed hashes: neither address is in the table.
    let _ = sessions::db::sign_in(&t.db, "lead@council.example", "guess", "203.0.113.30", now_ms()).await;
    let keys: Vec<String> = sqlx::query_scalar("SELECT key FROM throttles").fetch_all(t.db.reader()).await.unwrap();
    assert_eq!(keys.len(), 2, "one row for the address, one for the client: {keys:?}");
    assert!(keys.iter().all(|k| !k.contains("lead") && !k.contains("203.0.113")), "{keys:?}");
    // Many wrong passwords keep one row an address, and the sweep deletes it after the window.
    for _ in 0..20 {
        let _ = sessions::db::sign_in(&t.db, "lead@council.example", "guess", "203.0.113.30", now_ms()).await;
    }
    assert_eq!(count(&t.db, "throttles").await, 2);
    let later = now_ms() + sessions::FAILURE_WINDOW_MS + 1;
    frontdoor::jobs::sweep::run(
        &t.db,
        &std::sync::Arc::new(crate::support::council_for(&t.db)),
        &state(&t.db, std::path::Path::new("unused")).await.rules,
        later,
    )
    .await
    .unwrap();
    assert_eq!(count(&t.db, "throttles").await, 0);
}

#[tokio::test]
async fn sixty_concurrent_wrong_passwords_check_at_most_the_limit() {
    let t = test_db().await;
    account(&t.db, "lead@council.example", "admin", None, None).await;
    let tries = (0..60).map(|n| {
        let db = t.db.clone();
        tokio::spawn(async move {
            sessions::db::sign_in(&db, "lead@council.example", "guess", &format!("203.0.113.{n}"), now_ms()).await
        })
    });
    let results = futures_util::future::join_all(tries).await;
    let checked = results.iter().filter(|r| matches!(r, Ok(Err(sessions::SignInError::Wrong)))).count();
    let throttled = results.iter().filter(|r| matches!(r, Ok(Err(sessions::SignInError::Throttled)))).count();
    assert_eq!(checked as i64, sessions::MAX_FAILURES, "exactly the limit checked");
    assert_eq!(checked + throttled, 60);
}

#[tokio::test]
async fn a_caseworker_sees_only_customers_with_a_case_in_their_team_and_every_view_is_recorded() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let (_, app) = app_with(&t.db, |_| {}).await;
    // A waste case for Jo; a parks case for Sam.
    let sent = post_form(&app, &format!("{FORM}/send"), &valid_report()).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let parks_team = {
        let mut tx = t.db.begin().await.unwrap();
        let team = org::db::insert_team(&mut tx, "parks", "Parks", "parks@example.com").await.unwrap();
        sqlx::query("UPDATE services SET team_id = $1 WHERE code = 'general'")
            .bind(team)
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        team
    };
    let sam = [("description", "When does the park open?"), ("name", "Sam Park"), ("email", "sam@example.com")];
    let other = post_form(&app, "/services/general/report/send", &sam).await;
    assert_eq!(other.status, StatusCode::SEE_OTHER, "{}", other.body);
    let id_of = |email: &'static str| {
        let db = t.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM customers WHERE email = $1")
                .bind(email)
                .fetch_one(db.reader())
                .await
                .unwrap()
        }
    };
    let (jo, sam) = (id_of("jo.resident@example.com").await, id_of("sam@example.com").await);
    assert!(parks_team > 0);

    account(&t.db, "waste@kingsmead.example", "caseworker", Some("waste"), None).await;
    account(&t.db, "adviser@kingsmead.example", "adviser", None, None).await;
    let (waste, csrf) = sign_in(&app, "waste@kingsmead.example").await;
    assert_eq!(get_with(&app, &format!("/staff/customers/{jo}"), &waste).await.status, StatusCode::OK);
    // Sam has no waste case: the same 404 as a record that does not exist.
    let hidden = get_with(&app, &format!("/staff/customers/{sam}"), &waste).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    assert_eq!(get_with(&app, "/staff/customers/999999", &waste).await.status, StatusCode::NOT_FOUND);
    assert_eq!(get_with(&app, &format!("/staff/log?customer={sam}"), &waste).await.status, StatusCode::NOT_FOUND);
    let search = get_with(&app, "/staff/search?q=sam%40example.com", &waste).await;
    assert!(!search.body.contains(&format!("/staff/customers/{sam}")), "search obeys the same rule");
    let merge = post_with(
        &app,
        &format!("/staff/customers/{jo}/merge"),
        &waste,
        &[("csrf", &csrf), ("other", &sam.to_string())],
    )
    .await;
    assert_eq!(merge.status, StatusCode::NOT_FOUND, "a merge needs sight of both records");
    assert_eq!(count(&t.db, "customers WHERE merged_into IS NULL").await, 2, "nothing was merged");

    // An adviser logs contacts for anyone, so sees both.
    let (adviser, _) = sign_in(&app, "adviser@kingsmead.example").await;
    assert_eq!(get_with(&app, &format!("/staff/customers/{sam}"), &adviser).await.status, StatusCode::OK);
    let search = get_with(&app, "/staff/search?q=sam%40example.com", &adviser).await;
    assert!(search.body.contains(&format!("/staff/customers/{sam}")));

    // Each view is in the access log: who, what, when and why they could see it.
    let views: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT customer_id, what, why FROM customer_views ORDER BY id")
            .fetch_all(t.db.reader())
            .await
            .unwrap();
    assert_eq!(views.len(), 2, "{views:?}");
    assert_eq!(views[0], (jo, "record".to_owned(), "a case of theirs is with this person's team".to_owned()));
    assert_eq!(views[1], (sam, "record".to_owned(), "contact centre adviser".to_owned()));

    // Auditors read them, with why, on the access log's page for records.
    account(&t.db, "auditor@kingsmead.example", "auditor", None, None).await;
    let (auditor, _) = sign_in(&app, "auditor@kingsmead.example").await;
    let log = get_with(&app, &format!("/staff/audit/customers?customer={sam}"), &auditor).await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(log.body.contains("contact centre adviser"), "{}", log.body);
    assert!(!log.body.contains("a case of theirs is with this person's team"), "only Sam's record");
    assert_eq!(get_with(&app, "/staff/audit/customers", &waste).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_logged_contact_page_shows_a_case_only_to_those_who_may_see_it() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let (_, app) = app_with(&t.db, |_| {}).await;
    let sent = post_form(&app, &format!("{FORM}/send"), &valid_report()).await;
    let reference = reference_in(sent.location()).to_owned();
    {
        let mut tx = t.db.begin().await.unwrap();
        org::db::insert_team(&mut tx, "parks", "Parks", "parks@example.com").await.unwrap();
        tx.commit().await.unwrap();
    }
    account(&t.db, "parks@kingsmead.example", "caseworker", Some("parks"), None).await;
    account(&t.db, "waste@kingsmead.example", "caseworker", Some("waste"), None).await;
    let (parks, _) = sign_in(&app, "parks@kingsmead.example").await;
    let (waste, _) = sign_in(&app, "waste@kingsmead.example").await;
    assert_eq!(get_with(&app, &format!("/staff/log/{reference}"), &parks).await.status, StatusCode::NOT_FOUND);
    assert_eq!(get_with(&app, &format!("/staff/log/{reference}"), &waste).await.status, StatusCode::OK);
}

#[tokio::test]
async fn two_fresh_installations_give_their_newest_case_different_references() {
    let (a, b) = (test_db().await, test_db().await);
    let mut references = Vec::new();
    for t in [&a, &b] {
        seed_catalogue(&t.db).await;
        let (_, app) = app_with(&t.db, |_| {}).await;
        let sent = post_form(&app, &format!("{FORM}/send"), &valid_report()).await;
        references.push(reference_in(sent.location()).to_owned());
    }
    assert_ne!(references[0], references[1], "the same case id, under two keys");
    // Neither is the public scramble of case 1 that anyone could compute.
    let public = frontdoor::cases::CaseRef::from_id(&crate::support::prefix(), 1).to_string();
    assert!(!references.contains(&public), "{references:?} {public}");
}

#[tokio::test]
async fn wrong_proofs_on_one_case_and_unknown_references_end_in_429() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let (_, app) = app_with(&t.db, |c| c.limits.form_posts_per_minute = 0).await;
    let sent = post_form(&app, &format!("{FORM}/send"), &valid_report()).await;
    let page = format!("/cases/{}", reference_in(sent.location()));
    let mut last = None;
    for n in 0..40 {
        // From many addresses: the case's own count still stops them.
        let reply = send(
            &app,
            from(&format!("198.51.100.{n}"), form_request(&format!("{page}/check"), &[("answer", "KM1 2AB")])),
        )
        .await;
        last = Some(reply.status);
    }
    assert_eq!(last, Some(StatusCode::TOO_MANY_REQUESTS));
    // A page with the proof must still say no-store; the bare page too.
    let bare = send(&app, from("192.0.2.1", Request::get(&page).body(Body::empty()).unwrap())).await;
    assert_eq!(bare.headers[header::CACHE_CONTROL], "no-store");

    // Guessing references from one address: unknown ones are counted, then 429 for all.
    let prefix = crate::support::prefix_for(&t.db);
    let mut statuses = Vec::new();
    for id in 1000..1025 {
        let guess = frontdoor::cases::CaseRef::from_id(&prefix, id);
        let reply =
            send(&app, from("192.0.2.99", Request::get(format!("/cases/{guess}")).body(Body::empty()).unwrap())).await;
        statuses.push(reply.status.as_u16());
    }
    assert!(statuses[..20].iter().all(|s| *s == 404), "{statuses:?}");
    assert!(statuses[20..].iter().all(|s| *s == 429), "{statuses:?}");
    let known = send(&app, from("192.0.2.99", Request::get(&page).body(Body::empty()).unwrap())).await;
    assert_eq!(known.status, StatusCode::TOO_MANY_REQUESTS, "a real case is no way round it");
    assert!(known.headers.contains_key(header::RETRY_AFTER));
}

#[tokio::test]
async fn personal_pages_are_never_cached_and_https_sites_send_hsts() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let (_, app) = app_with(&t.db, |_| {}).await;
    let sent = post_form(&app, &format!("{FORM}/send"), &valid_report()).await;
    let reference = reference_in(sent.location()).to_owned();
    for uri in [format!("/cases/{reference}"), format!("/cases/{reference}/submitted"), "/you/forget".to_owned()] {
        let reply = crate::support::get(&app, &uri).await;
        assert_eq!(reply.headers.get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap()), Some("no-store"), "{uri}");
    }
    assert!(!crate::support::get(&app, "/").await.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
    let (_, https) = app_with(&t.db, |c| c.public_url = "https://contact.kingsmead.example".into()).await;
    for uri in ["/", "/services", "/nowhere"] {
        let reply = crate::support::get(&https, uri).await;
        assert_eq!(reply.headers[header::STRICT_TRANSPORT_SECURITY], "max-age=31536000; includeSubDomains", "{uri}");
    }
}

#[tokio::test]
async fn an_administrator_must_turn_on_two_step_sign_in_in_serve() {
    let t = test_db().await;
    account(&t.db, "admin@council.example", "admin", None, None).await;
    let (_, app) = app_with(&t.db, |c| c.admin_second_step = true).await;
    let (cookie, _) = {
        // Signing in works; every page but "Your account" sends them there.
        let form = crate::support::get(&app, "/staff/sign-in").await;
        let pre = form.headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
        let csrf = form.body.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
        let fields = [("email", "admin@council.example"), ("password", PASSWORD), ("csrf", csrf.as_str())];
        let reply = post_with(&app, "/staff/sign-in", &pre, &fields).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        let session = reply
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap())
            .find(|v| v.starts_with("fd_session="))
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        (session, csrf)
    };
    let queue = get_with(&app, "/staff/admin/users", &cookie).await;
    assert_eq!(queue.status, StatusCode::SEE_OTHER);
    assert_eq!(queue.location(), "/staff/account?done=needed");
    let account_page = get_with(&app, "/staff/account?done=needed", &cookie).await;
    assert_eq!(account_page.status, StatusCode::OK);
    assert!(account_page.body.contains("Administrators must use two-step sign-in"));
    // The demo's shortcut: without the setting, the same account works at once.
    let (_, demo) = app_with(&t.db, |c| c.admin_second_step = false).await;
    assert_eq!(get_with(&demo, "/staff/admin/users", &cookie).await.status, StatusCode::OK);
}

#[tokio::test]
async fn mail_from_the_councils_own_domains_is_never_acknowledged() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let (state, _) = app_with(&t.db, |c| c.own_domains.push("kingsmead.gov.uk".into())).await;
    for from in
        ["robot@kingsmead.example", "housing@kingsmead.gov.uk", "it@systems.kingsmead.gov.uk", "ann@example.org"]
    {
        let raw = format!(
            "From: {from}\r\nTo: contact@kingsmead.example\r\nSubject: About my bin\r\nMessage-ID: <{from}>\r\n\r\nMy bin was missed.\r\n"
        );
        crate::mail::read_imported(&state, "test", raw.as_bytes()).await;
    }
    let acknowledged: Vec<String> =
        sqlx::query_scalar("SELECT recipient FROM outbox WHERE purpose = 'acknowledgement'")
            .fetch_all(t.db.reader())
            .await
            .unwrap();
    assert_eq!(acknowledged, ["ann@example.org"], "only the resident is acknowledged");
    assert_eq!(count(&t.db, "cases").await, 4, "each message is still a case staff can see");
}

/// A valid new case, as sent by the request that died holding its key.
const HELD_BODY: &str = r#"{"service":"missed-bin","description":"Bin missed.","name":"Jo","email":"jo@example.com","address":"12 High Street"}"#;

#[tokio::test]
async fn expired_rows_are_swept_and_an_in_flight_idempotency_key_says_when_to_retry() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let admin = account(&t.db, "admin@council.example", "admin", None, None).await;
    let now = now_ms();
    let (key_id, key) = {
        let mut conn = t.db.writer().acquire().await.unwrap();
        frontdoor::api::create(&mut conn, "back office", "write", None, admin, now).await.unwrap()
    };
    for (table, insert) in [
        (
            "staff_sessions",
            "INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ('old', $1, 'c', 0, 0, 1)",
        ),
        (
            "sign_in_challenges",
            "INSERT INTO sign_in_challenges (token_hash, staff_id, created_at, expires_at) VALUES ('old', $1, 0, 1)",
        ),
    ] {
        sqlx::query(insert).bind(admin).execute(t.db.writer()).await.unwrap();
        assert_eq!(count(&t.db, table).await, 1);
    }
    sqlx::query("INSERT INTO api_idempotency (api_key_id, idem_key, body_hash, locked_until, created_at) VALUES ($1, 'old', 'h', 1, 1)")
        .bind(key_id)
        .execute(t.db.writer())
        .await
        .unwrap();
    // One held now, as after a crash in the middle of a create.
    sqlx::query("INSERT INTO api_idempotency (api_key_id, idem_key, body_hash, locked_until, created_at) VALUES ($1, 'held', $2, $3, $4)")
        .bind(key_id)
        .bind(frontdoor::api::idempotency::body_hash(HELD_BODY.as_bytes()))
        .bind(now + 30_000)
        .bind(now)
        .execute(t.db.writer())
        .await
        .unwrap();
    let rules = state(&t.db, std::path::Path::new("unused")).await.rules;
    frontdoor::jobs::sweep::run(&t.db, &std::sync::Arc::new(crate::support::council_for(&t.db)), &rules, now)
        .await
        .unwrap();
    assert_eq!(count(&t.db, "staff_sessions").await, 0);
    assert_eq!(count(&t.db, "sign_in_challenges").await, 0);
    let kept: Vec<String> =
        sqlx::query_scalar("SELECT idem_key FROM api_idempotency").fetch_all(t.db.reader()).await.unwrap();
    assert_eq!(kept, ["held"], "a key held by a request is kept");

    let (_, app) = app_with(&t.db, |_| {}).await;
    let request = Request::post("/api/v1/cases")
        .header(header::AUTHORIZATION, format!("Bearer {key}"))
        .header("Idempotency-Key", "held")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(HELD_BODY))
        .unwrap();
    let reply: Reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    let wait: u64 = reply.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=31).contains(&wait), "{wait}");
}

/// Our SMTP listener with these limits, on a free port.
async fn smtp_with(db: &Db, limits: smtp::Limits) -> (String, tokio_util::sync::CancellationToken) {
    let listener = smtp::bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let shutdown = tokio_util::sync::CancellationToken::new();
    tokio::spawn(smtp::serve_with(listener, db.clone(), limits, "kingsmead.example".into(), shutdown.clone()));
    (addr, shutdown)
}

/// Connects and reads the first line the server says.
async fn greeting(addr: &str) -> (tokio::io::BufReader<tokio::net::TcpStream>, String) {
    use tokio::io::AsyncBufReadExt;
    let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let mut reader = tokio::io::BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).await.expect("greeting");
    (reader, line)
}

#[tokio::test]
async fn a_bounce_from_the_null_sender_is_accepted_stored_and_marks_our_message() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let (state, app) = app_with(&t.db, |_| {}).await;
    assert_eq!(post_form(&app, &format!("{FORM}/send"), &valid_report()).await.status, StatusCode::SEE_OTHER);
    let ack: String = sqlx::query_scalar("SELECT message_id FROM outbox").fetch_one(t.db.reader()).await.unwrap();
    let (addr, shutdown) = smtp_with(&t.db, smtp::Limits::new(1_000_000)).await;
    let raw =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/mail/corpus/26-bounce-of-our-ack.eml"))
            .unwrap()
            .replace("{ACK}", &ack);
    let answer = tokio::task::spawn_blocking(move || {
        crate::support::smtp_send(&addr, "", "contact@kingsmead.example", raw.as_bytes())
    })
    .await
    .unwrap();
    assert!(answer.starts_with("250"), "MAIL FROM:<> and its data accepted: {answer}");
    let (id, envelope_from): (i64, Option<String>) =
        sqlx::query_as("SELECT id, envelope_from FROM inbound_mail").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(envelope_from.as_deref(), Some(""), "the null reverse-path is kept as it was");
    let outbox_before = count(&t.db, "outbox").await;
    mail::process(&state.db, &state.council, &state.rules.get(), id, now_ms()).await.unwrap();
    assert_eq!(count(&t.db, "outbox").await, outbox_before, "a bounce is never answered");
    let failed: Option<i64> = sqlx::query_scalar("SELECT failed_at FROM outbox WHERE message_id = $1")
        .bind(&ack)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert!(failed.is_some(), "our acknowledgement is marked as bounced");
    shutdown.cancel();
}

#[tokio::test]
async fn the_smtp_listener_limits_connections_per_client_their_length_and_the_bytes_held() {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt};
    let t = test_db().await;
    let limits =
        smtp::Limits { max_bytes: 5_000, per_client: 3, session: std::time::Duration::from_secs(2), held_bytes: 1_000 };
    let (addr, shutdown) = smtp_with(&t.db, limits).await;

    // Three connections from this address; the fourth is turned away.
    let mut open = Vec::new();
    for _ in 0..3 {
        let (reader, line) = greeting(&addr).await;
        assert!(line.starts_with("220"), "{line}");
        open.push(reader);
    }
    let (_, line) = greeting(&addr).await;
    assert!(line.starts_with("421"), "{line}");

    // A connection that keeps talking still ends at its deadline.
    let mut talker = open.pop().unwrap();
    let started = std::time::Instant::now();
    let mut closed = false;
    while started.elapsed() < std::time::Duration::from_secs(6) {
        if talker.get_mut().write_all(b"NOOP\r\n").await.is_err() {
            closed = true;
            break;
        }
        let mut line = String::new();
        if let Ok(Ok(0) | Err(_)) =
            tokio::time::timeout(std::time::Duration::from_millis(500), talker.read_line(&mut line)).await
        {
            closed = true;
            break;
        }
    }
    assert!(closed, "the session was still open after {:?}", started.elapsed());
    drop(talker);
    drop(open);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;

    // A message bigger than what the listener may hold for all (but within the cap) waits.
    let body = format!("From: ann@example.org\r\nSubject: Big\r\n\r\n{}\r\n", "x".repeat(2_000));
    let answer = tokio::task::spawn_blocking(move || {
        crate::support::smtp_send(&addr, "ann@example.org", "contact@kingsmead.example", body.as_bytes())
    })
    .await
    .unwrap();
    assert!(answer.starts_with("452"), "{answer}");
    assert_eq!(count(&t.db, "inbound_mail").await, 0);
    shutdown.cancel();
}
