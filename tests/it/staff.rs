//! The staff workspace: signing in and out, throttling, CSRF, roles, logging contacts for
//! residents, and the mail that needs a person.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use frontdoor::db::{Db, now_ms};
use frontdoor::org::{self, NewAccount};
use frontdoor::{mail, sessions};

use crate::support::{Reply, app, count, seed_catalogue, send, test_db, urlencode};

pub(crate) const PASSWORD: &str = "a long staff password";

pub async fn account(db: &Db, email: &str, role: &str, team: Option<&str>, partner: Option<&str>) -> i64 {
    let new = NewAccount { email, name: "Sam Officer", role, team, partner, ward: None, password: PASSWORD };
    org::add_account(db, &new, now_ms()).await.expect("account")
}

/// A cookie's value from a response's Set-Cookie headers.
fn set_cookie(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{name}=")).map(|rest| rest.split(';').next().unwrap_or("").to_owned()))
}

/// The value of a hidden `csrf` field on a page.
pub(crate) fn csrf_in(body: &str) -> String {
    let at = body.find("name=\"csrf\" value=\"").expect("csrf field") + "name=\"csrf\" value=\"".len();
    body[at..].split('"').next().unwrap_or_default().to_owned()
}

pub async fn get_with(app: &Router, uri: &str, cookie: &str) -> Reply {
    let request = Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).expect("request");
    send(app, request).await
}

pub async fn post_with(app: &Router, uri: &str, cookie: &str, fields: &[(&str, &str)]) -> Reply {
    let body = fields.iter().map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v))).collect::<Vec<_>>().join("&");
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .expect("request");
    send(app, request).await
}

/// Signs in through the form, as a browser does: returns the session cookie and the CSRF
/// token of the page it lands on.
pub async fn sign_in(app: &Router, email: &str) -> (String, String) {
    let form = crate::support::get(app, "/staff/sign-in").await;
    let pre = format!("fd_sign_in={}", set_cookie(&form, "fd_sign_in").expect("sign-in cookie"));
    let reply = post_with(
        app,
        "/staff/sign-in",
        &pre,
        &[("email", email), ("password", PASSWORD), ("csrf", &csrf_in(&form.body)), ("next", "/staff")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let cookie = format!("fd_session={}", set_cookie(&reply, "fd_session").expect("session cookie"));
    let home = get_with(app, "/staff", &cookie).await;
    assert_eq!(home.status, StatusCode::OK);
    (cookie, csrf_in(&home.body))
}

#[tokio::test]
async fn staff_pages_send_a_stranger_to_sign_in_and_back() {
    let t = test_db().await;
    let app = app(&t.db).await;
    let reply = crate::support::get(&app, "/staff/log").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location(), "/staff/sign-in?next=/staff/log");
    let form = crate::support::get(&app, "/staff/sign-in?next=/staff/log").await;
    assert!(form.body.contains("name=\"next\" value=\"/staff/log\""));
    let cookie = form.headers.get(header::SET_COOKIE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    // Never another site after signing in.
    let away = crate::support::get(&app, "/staff/sign-in?next=https://evil.example/").await;
    assert!(away.body.contains("name=\"next\" value=\"/staff\""));
}

#[tokio::test]
async fn signing_in_opens_a_session_and_signing_out_revokes_it() {
    let t = test_db().await;
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let app = app(&t.db).await;
    let (cookie, csrf) = sign_in(&app, "Adviser@Council.example").await;
    let home = get_with(&app, "/staff", &cookie).await;
    assert!(home.body.contains("Signed in as <strong>Sam Officer</strong>"), "{}", home.body);
    assert_eq!(home.headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some("no-store"));
    // The table keeps only a hash of the token.
    let token = cookie.trim_start_matches("fd_session=");
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff_sessions WHERE token_hash = $1")
        .bind(frontdoor::crypto::token_hash(token))
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(stored, 1);
    let raw: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff_sessions WHERE token_hash = $1")
        .bind(token)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(raw, 0);

    // Signing out needs the form's token too.
    let forged = post_with(&app, "/staff/sign-out", &cookie, &[("csrf", "not-the-token")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(get_with(&app, "/staff", &cookie).await.status, StatusCode::OK);

    let out = post_with(&app, "/staff/sign-out", &cookie, &[("csrf", &csrf)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.location(), "/staff/sign-in?signed_out=1");
    // The old cookie, replayed, signs nobody in, on this node or any other.
    let replayed = get_with(&app, "/staff", &cookie).await;
    assert_eq!(replayed.status, StatusCode::SEE_OTHER);
    let other_node = crate::support::app(&t.db).await;
    assert_eq!(get_with(&other_node, "/staff", &cookie).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_that_address_for_a_while() {
    let t = test_db().await;
    account(&t.db, "lead@council.example", "admin", None, None).await;
    let now = now_ms();
    for _ in 0..sessions::MAX_FAILURES {
        let wrong = sessions::db::sign_in(&t.db, "lead@council.example", "guess", "203.0.113.1", now).await;
        assert!(matches!(wrong, Err(sessions::SignInError::Wrong)));
    }
    // Now even the right password waits, and says why.
    let locked = sessions::db::sign_in(&t.db, "lead@council.example", PASSWORD, "203.0.113.1", now).await;
    assert!(matches!(locked, Err(sessions::SignInError::Throttled)));
    let app = app(&t.db).await;
    let form = crate::support::get(&app, "/staff/sign-in").await;
    let pre = format!("fd_sign_in={}", set_cookie(&form, "fd_sign_in").unwrap());
    let fields = [("email", "lead@council.example"), ("password", PASSWORD), ("csrf", &*csrf_in(&form.body))];
    let reply = post_with(&app, "/staff/sign-in", &pre, &fields).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(reply.body.contains("Wait 15 minutes"), "{}", reply.body);
    // After the window, the right password works, and the count starts again.
    let later = now + sessions::FAILURE_WINDOW_MS + 1;
    assert!(sessions::db::sign_in(&t.db, "lead@council.example", PASSWORD, "203.0.113.1", later).await.is_ok());
    let counted: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM throttles WHERE key LIKE 'sign-in:%'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(counted, 0, "a right password clears its address's count");
}

#[tokio::test]
async fn the_sign_in_form_refuses_a_post_without_its_own_cookie() {
    let t = test_db().await;
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let app = app(&t.db).await;
    let form = crate::support::get(&app, "/staff/sign-in").await;
    let fields = [("email", "adviser@council.example"), ("password", PASSWORD), ("csrf", &*csrf_in(&form.body))];
    let reply = crate::support::post_form(&app, "/staff/sign-in", &fields).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.headers.get_all(header::SET_COOKIE).iter().all(|v| !v.to_str().unwrap().starts_with("fd_session")));
    let fields = [("email", "x@council.example"), ("password", "y"), ("csrf", "abc")];
    let wrong = post_with(&app, "/staff/sign-in", "fd_sign_in=abc", &fields).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("The email address or password is not right"));
}

#[tokio::test]
async fn each_role_reaches_only_its_own_pages() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let mut tx = t.db.begin().await.unwrap();
    org::db::insert_partner(&mut tx, "repairs", "Repairs Ltd", "repairs@example.com").await.unwrap();
    tx.commit().await.unwrap();
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    account(&t.db, "worker@council.example", "caseworker", Some("waste"), None).await;
    account(&t.db, "partner@repairs.example", "partner", None, Some("repairs")).await;
    account(&t.db, "insight@council.example", "insight", None, None).await;
    let app = app(&t.db).await;
    for (email, log, mail) in [
        ("adviser@council.example", StatusCode::OK, StatusCode::OK),
        ("worker@council.example", StatusCode::OK, StatusCode::FORBIDDEN),
        ("partner@repairs.example", StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("insight@council.example", StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
    ] {
        let (cookie, csrf) = sign_in(&app, email).await;
        assert_eq!(get_with(&app, "/staff/log", &cookie).await.status, log, "{email} /staff/log");
        assert_eq!(get_with(&app, "/staff/mail", &cookie).await.status, mail, "{email} /staff/mail");
        assert_eq!(get_with(&app, "/staff/mail/outbox", &cookie).await.status, mail, "{email} outbox");
        // Posting is refused the same way, and creates nothing.
        let posted = post_with(&app, "/staff/log", &cookie, &[("csrf", &csrf), ("channel", "phone")]).await;
        assert!(posted.status == StatusCode::UNPROCESSABLE_ENTITY || posted.status == log, "{email}");
        let home = get_with(&app, "/staff", &cookie).await;
        assert_eq!(home.body.contains("href=\"/staff/log\""), log == StatusCode::OK, "{email} navigation");
    }
    assert_eq!(count(&t.db, "cases").await, 0);
}

#[tokio::test]
async fn user_add_refuses_bad_accounts_by_flag() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let new = |email: &'static str, role: &'static str, team: Option<&'static str>, password: &'static str| {
        NewAccount { email, name: "A Person", role, team, partner: None, ward: None, password }
    };
    for (account, says) in [
        (new("not-an-email", "admin", None, PASSWORD), "--email"),
        (new("a@council.example", "boss", None, PASSWORD), "--role: \"boss\" is not a role"),
        (new("a@council.example", "admin", None, "short"), "at least 12 characters"),
        (new("a@council.example", "caseworker", None, PASSWORD), "--team: a caseworker must belong to a team"),
        (new("a@council.example", "caseworker", Some("nope"), PASSWORD), "--team: there is no team \"nope\""),
        (new("a@council.example", "partner", None, PASSWORD), "--partner"),
    ] {
        let err = org::add_account(&t.db, &account, now_ms()).await.expect_err(says);
        assert!(err.to_string().contains(says), "{err} should say {says}");
    }
    org::add_account(&t.db, &new("a@council.example", "admin", None, PASSWORD), now_ms()).await.unwrap();
    let again = org::add_account(&t.db, &new("A@council.example", "admin", None, PASSWORD), now_ms()).await;
    assert!(again.unwrap_err().to_string().contains("already an account"));
    let hash: String =
        sqlx::query_scalar("SELECT password_hash FROM staff_users").fetch_one(t.db.reader()).await.unwrap();
    assert!(hash.starts_with("$argon2id$") && !hash.contains(PASSWORD));
}

#[tokio::test]
async fn quarantined_mail_is_listed_downloaded_and_closed_with_a_reason() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let app = app(&t.db).await;
    let state = crate::support::state(&t.db, &std::env::temp_dir()).await;
    let raw = std::fs::read("tests/mail/corpus/13-missing-from.eml").unwrap();
    let inbound = mail::Inbound { source: "import", peer: "test", envelope_from: None, envelope_to: None, raw: &raw };
    let id = mail::db::store(&t.db, &inbound, now_ms()).await.unwrap();
    mail::process(&state.db, &state.council, &state.rules.get(), id, now_ms()).await.unwrap();

    let (cookie, csrf) = sign_in(&app, "adviser@council.example").await;
    assert!(get_with(&app, "/staff", &cookie).await.body.contains("1 email could not be understood"));
    let list = get_with(&app, "/staff/mail", &cookie).await;
    assert!(list.body.contains("No sender"), "{}", list.body);
    let page = get_with(&app, &format!("/staff/mail/{id}"), &cookie).await;
    assert!(page.body.contains("Who sent this?"));
    let download = get_with(&app, &format!("/staff/mail/{id}/raw"), &cookie).await;
    let disposition = download.headers.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
    assert_eq!(disposition, format!("attachment; filename=\"message-{id}.eml\""));
    assert_eq!(download.body.as_bytes(), &raw[..]);

    let uri = format!("/staff/mail/{id}");
    let no_reason = post_with(&app, &uri, &cookie, &[("csrf", &csrf), ("action", "dismiss"), ("reason", " ")]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("Enter why nothing more is needed"));
    let forged = post_with(&app, &uri, &cookie, &[("action", "dismiss"), ("reason", "spam")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let closed = post_with(&app, &uri, &cookie, &[("csrf", &csrf), ("action", "dismiss"), ("reason", "spam")]).await;
    assert_eq!(closed.location(), "/staff/mail?done=dismissed");
    let (state, reason): (String, String) = sqlx::query_as("SELECT state, reason FROM inbound_mail WHERE id = $1")
        .bind(id)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(state, "ignored");
    assert_eq!(reason, "Closed by Sam Officer (adviser@council.example): spam");
    assert_eq!(count(&t.db, "inbound_mail").await, 1, "the message is kept");
}

#[tokio::test]
async fn the_mail_list_pages_by_keyset_fifty_at_a_time() {
    let t = test_db().await;
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    for n in 0..51 {
        let raw = format!("To: contact@council.example\r\nSubject: Message {n}\r\n\r\nHello\r\n");
        let inbound = mail::Inbound {
            source: "import",
            peer: "test",
            envelope_from: None,
            envelope_to: None,
            raw: raw.as_bytes(),
        };
        mail::db::store(&t.db, &inbound, now_ms()).await.unwrap();
    }
    sqlx::query("UPDATE inbound_mail SET state = 'quarantined', subject = 'held'")
        .execute(t.db.writer())
        .await
        .unwrap();
    let app = app(&t.db).await;
    let (cookie, _) = sign_in(&app, "adviser@council.example").await;
    let first = get_with(&app, "/staff/mail", &cookie).await;
    assert_eq!(
        first.body.matches("href=\"/staff/mail/").count() - first.body.matches("href=\"/staff/mail/outbox").count(),
        50
    );
    let oldest_shown: i64 =
        sqlx::query_scalar("SELECT MIN(id) FROM (SELECT id FROM inbound_mail ORDER BY id DESC LIMIT 50) AS newest")
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    let next = format!("/staff/mail?before={oldest_shown}");
    assert!(first.body.contains(&format!("href=\"{next}\"")), "a link to older messages");
    let second = get_with(&app, &next, &cookie).await;
    assert!(second.body.contains("href=\"/staff/mail/1\""), "the oldest message is on the second page");
    assert!(!second.body.contains("Older messages"));
}

#[tokio::test]
async fn two_step_sign_in_asks_for_a_code_that_works_once() {
    use frontdoor::sessions::totp;
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let lead = account(&t.db, "lead@council.example", "team_lead", Some("waste"), None).await;
    let (cookie, csrf) = sign_in(&app, "lead@council.example").await;

    // Turning it on shows a secret, and needs its code.
    let started = post_with(&app, "/staff/account", &cookie, &[("csrf", &csrf), ("action", "start")]).await;
    assert_eq!(started.status, StatusCode::OK);
    let secret =
        started.body.split("name=\"secret\" value=\"").nth(1).and_then(|s| s.split('"').next()).expect("secret");
    let secret = secret.to_owned();
    let wrong = [("csrf", csrf.as_str()), ("action", "confirm"), ("secret", secret.as_str()), ("code", "000000")];
    let refused = post_with(&app, "/staff/account", &cookie, &wrong).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let step = (now_ms() / 1000) as u64 / totp::STEP;
    let code = totp::code_at(&secret, step).expect("code");
    // A session alone cannot set a secret: the password is asked for too.
    let no_password =
        [("csrf", csrf.as_str()), ("action", "confirm"), ("secret", secret.as_str()), ("code", code.as_str())];
    let refused = post_with(&app, "/staff/account", &cookie, &no_password).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Your password is not right"), "{}", refused.body);
    assert!(sessions::db::second_step_secret(&t.db, lead).await.unwrap().is_none(), "nothing changed");
    let confirm = [
        ("csrf", csrf.as_str()),
        ("action", "confirm"),
        ("secret", secret.as_str()),
        ("code", code.as_str()),
        ("password", PASSWORD),
    ];
    let on = post_with(&app, "/staff/account", &cookie, &confirm).await;
    assert_eq!(on.status, StatusCode::SEE_OTHER, "{}", on.body);

    // The password alone now leads to the code page, not a session.
    let form = crate::support::get(&app, "/staff/sign-in").await;
    let pre = format!("fd_sign_in={}", set_cookie(&form, "fd_sign_in").expect("cookie"));
    let fields = [
        ("email", "lead@council.example"),
        ("password", PASSWORD),
        ("csrf", &csrf_in(&form.body)),
        ("next", "/staff/queue"),
    ];
    let password = post_with(&app, "/staff/sign-in", &pre, &fields).await;
    assert_eq!(password.status, StatusCode::SEE_OTHER);
    assert_eq!(password.location(), "/staff/sign-in/code?next=/staff/queue");
    assert!(set_cookie(&password, "fd_session").is_none(), "no session before the code");
    let challenge = format!("fd_challenge={}", set_cookie(&password, "fd_challenge").expect("challenge"));
    assert_eq!(get_with(&app, "/staff/sign-in/code", &challenge).await.status, StatusCode::OK);

    // The code used to turn it on is spent; the next one works, once.
    let spent = post_with(&app, "/staff/sign-in/code", &challenge, &[("code", &code), ("next", "/staff/queue")]).await;
    assert_eq!(spent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(spent.body.contains("each code can be used once"));
    let next = totp::code_at(&secret, step + 1).expect("code");
    let done = post_with(&app, "/staff/sign-in/code", &challenge, &[("code", &next), ("next", "/staff/queue")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), "/staff/queue");
    assert!(set_cookie(&done, "fd_session").is_some());
    let replayed = post_with(&app, "/staff/sign-in/code", &challenge, &[("code", &next), ("next", "/staff")]).await;
    assert_eq!(replayed.status, StatusCode::SEE_OTHER, "the challenge is used up: back to the password");
    assert!(replayed.location().starts_with("/staff/sign-in?next="));

    // Without the challenge cookie nothing signs in.
    let bare = post_with(&app, "/staff/sign-in/code", "", &[("code", "123456")]).await;
    assert!(set_cookie(&bare, "fd_session").is_none());

    // Lost phone: the command-line switch turns it off.
    assert!(frontdoor::sessions::db::second_step_off(&t.db, "lead@council.example").await.expect("off"));
    assert!(matches!(
        sessions::db::sign_in(&t.db, "lead@council.example", PASSWORD, "203.0.113.1", now_ms()).await,
        Ok(sessions::db::SignIn::Session(..))
    ));
}

#[tokio::test]
async fn every_member_of_staff_can_read_the_standards_in_force() {
    let t = test_db().await;
    let app = app(&t.db).await;
    account(&t.db, "insight@council.example", "insight", None, None).await;
    let (cookie, _) = sign_in(&app, "insight@council.example").await;
    let page = get_with(&app, "/staff/standards", &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    // Every standard of the default policy, by its identifier and version.
    for id in ["online-acknowledge", "online-reply", "callback-made", "foi-respond", "complaint-stage1-respond"] {
        assert!(page.body.contains(&format!("<code>{id}</code>, version 1")), "{id}");
    }
    assert!(page.body.contains("Up to 10 working days more"));
}

#[tokio::test]
async fn an_administrator_adds_disables_and_enables_staff_accounts() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    account(&t.db, "admin@council.example", "admin", None, None).await;
    account(&t.db, "lead@council.example", "team_lead", Some("waste"), None).await;
    let (lead, lead_csrf) = sign_in(&app, "lead@council.example").await;
    assert_eq!(get_with(&app, "/staff/admin/users", &lead).await.status, StatusCode::FORBIDDEN);
    let tried = post_with(&app, "/staff/admin/users", &lead, &[("csrf", &lead_csrf)]).await;
    assert_eq!(tried.status, StatusCode::FORBIDDEN);

    let (cookie, csrf) = sign_in(&app, "admin@council.example").await;
    let add = |email: &'static str, role: &'static str, team: &'static str, password: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("name", "Nia Officer".to_owned()),
            ("email", email.to_owned()),
            ("role", role.to_owned()),
            ("team", team.to_owned()),
            ("password", password.to_owned()),
        ]
    };
    for (fields, field, says) in [
        (add("nia@council.example", "caseworker", "", PASSWORD), "team", "A caseworker must belong to a team"),
        (
            add("nia@council.example", "caseworker", "waste", "short"),
            "password",
            "The password must be at least 12 characters",
        ),
        (
            add("lead@council.example", "caseworker", "waste", PASSWORD),
            "email",
            "There is already an account for lead@council.example",
        ),
    ] {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = post_with(&app, "/staff/admin/users", &cookie, &fields).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains(&format!("<a href=\"#{field}\">{says}")), "{says}: {}", refused.body);
        assert!(!refused.body.contains(PASSWORD), "the password is never sent back");
    }
    let fields = add("nia@council.example", "caseworker", "waste", PASSWORD);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let added = post_with(&app, "/staff/admin/users", &cookie, &fields).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    sign_in(&app, "nia@council.example").await;

    // Disabled: the lead's open session ends at once; enabled: they sign in again.
    let lead_id: i64 = sqlx::query_scalar("SELECT id FROM staff_users WHERE email = 'lead@council.example'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    let change = format!("/staff/admin/users/{lead_id}");
    let disabled = post_with(&app, &change, &cookie, &[("csrf", &csrf), ("action", "disable")]).await;
    assert_eq!(disabled.status, StatusCode::SEE_OTHER);
    assert_eq!(get_with(&app, "/staff", &lead).await.status, StatusCode::SEE_OTHER, "back to sign-in");
    assert!(sessions::db::sign_in(&t.db, "lead@council.example", PASSWORD, "203.0.113.1", now_ms()).await.is_err());
    let enabled = post_with(&app, &change, &cookie, &[("csrf", &csrf), ("action", "enable")]).await;
    assert_eq!(enabled.status, StatusCode::SEE_OTHER);
    sign_in(&app, "lead@council.example").await;

    // A change of role applies from their next page.
    let lead = sign_in(&app, "lead@council.example").await.0;
    assert_eq!(get_with(&app, &change, &cookie).await.status, StatusCode::OK);
    let wrong =
        [("csrf", csrf.as_str()), ("action", "update"), ("name", "Lee Lead"), ("role", "caseworker"), ("team", "")];
    let refused = post_with(&app, &change, &cookie, &wrong).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("<a href=\"#team\">A caseworker must belong to a team</a>"));
    let insight =
        [("csrf", csrf.as_str()), ("action", "update"), ("name", "Lee Lead"), ("role", "insight"), ("team", "")];
    assert_eq!(post_with(&app, &change, &cookie, &insight).await.status, StatusCode::SEE_OTHER);
    assert_eq!(get_with(&app, "/staff/queue", &lead).await.status, StatusCode::FORBIDDEN);

    let admin_id: i64 = sqlx::query_scalar("SELECT id FROM staff_users WHERE email = 'admin@council.example'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    let myself =
        post_with(&app, &format!("/staff/admin/users/{admin_id}"), &cookie, &[("csrf", &csrf), ("action", "disable")])
            .await;
    assert_eq!(myself.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_outbox_shows_that_a_private_link_went_and_never_the_link() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let sent =
        crate::support::post_form(&app, "/services/missed-bin/report/send", &crate::support::valid_report()).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let body: String = sqlx::query_scalar("SELECT body FROM outbox WHERE purpose = 'acknowledgement'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    let secret = |marker: &str| {
        let (_, rest) = body.split_once(marker).expect("the link was sent");
        rest.split_whitespace().next().unwrap().to_owned()
    };
    let (signature, token) = (secret("/open/"), secret("/you/"));
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let (cookie, _) = sign_in(&app, "adviser@council.example").await;
    let outbox = get_with(&app, "/staff/mail/outbox", &cookie).await;
    assert_eq!(outbox.status, StatusCode::OK);
    assert!(outbox.body.contains("[private link to follow the case]"), "{}", outbox.body);
    assert!(outbox.body.contains("[private link to report again without typing their details]"));
    assert!(!outbox.body.contains(&signature) && !outbox.body.contains(&token), "a private link is on the page");
}

#[tokio::test]
async fn every_role_lands_on_its_own_home_page_and_every_link_it_is_offered_opens() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let mut tx = t.db.begin().await.unwrap();
    org::db::insert_partner(&mut tx, "repairs", "Repairs Ltd", "repairs@example.com").await.unwrap();
    tx.commit().await.unwrap();
    let app = app(&t.db).await;
    for (role, team, partner) in [
        ("adviser", None, None),
        ("caseworker", Some("waste"), None),
        ("team_lead", Some("waste"), None),
        ("partner", None, Some("repairs")),
        ("insight", None, None),
        ("auditor", None, None),
        ("admin", None, None),
        ("councillor", None, None),
    ] {
        let email = format!("{role}@council.example");
        account(&t.db, &email, role, team, partner).await;
        let (cookie, _) = sign_in(&app, &email).await;
        let home = get_with(&app, "/staff", &cookie).await;
        assert_eq!(home.status, StatusCode::OK, "{role}");
        // The links on its home page, and the links on those pages: none is refused.
        let links = |body: &str| -> std::collections::BTreeSet<String> {
            body.split("href=\"")
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .filter(|href| href.starts_with("/staff") && !href.contains("sign-out"))
                .map(|href| href.replace("&amp;", "&"))
                .collect()
        };
        let first = links(&home.body);
        assert!(first.len() > 1, "{role} is offered somewhere to go: {first:?}");
        let mut seen = std::collections::BTreeSet::new();
        for link in &first {
            let page = get_with(&app, link, &cookie).await;
            assert_eq!(page.status, StatusCode::OK, "{role} offered {link} on the home page");
            for next in links(&page.body) {
                if first.contains(&next) || !seen.insert(next.clone()) {
                    continue;
                }
                let status = get_with(&app, &next, &cookie).await.status;
                assert_eq!(status, StatusCode::OK, "{role} offered {next} on {link}");
            }
        }
    }
}
