//! The case page's actions: each goes through the domain, writes its event, tells the
//! customer through the outbox when it should, and is refused by field or by role.

use axum::http::StatusCode;

use frontdoor::db::Db;

use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{app, count, post_form, reference_in, seed_catalogue, test_db, valid_report};

async fn a_case(app: &axum::Router) -> String {
    let sent = post_form(app, "/services/missed-bin/report/send", &valid_report()).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    reference_in(sent.location()).to_owned()
}

async fn kinds(db: &Db) -> Vec<(String, i64)> {
    sqlx::query_as("SELECT kind, public FROM case_events_as_text ORDER BY id")
        .fetch_all(db.reader())
        .await
        .expect("events")
}

#[tokio::test]
async fn a_caseworker_replies_notes_assigns_and_waits_for_the_customer_each_with_its_event() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let reference = a_case(&app).await;
    let page = format!("/staff/cases/{reference}");
    account(&t.db, "waste@council.example", "caseworker", Some("waste"), None).await;
    account(&t.db, "other@council.example", "caseworker", Some("waste"), None).await;
    let (cookie, csrf) = sign_in(&app, "waste@council.example").await;
    let outbox_before = count(&t.db, "outbox").await;

    // An empty reply is refused beside its field, and nothing is written.
    let refused = post_with(&app, &page, &cookie, &[("csrf", &csrf), ("action", "reply"), ("reply", "  ")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains(r##"<a href="#reply">Enter the reply</a>"##));
    assert_eq!(count(&t.db, "outbox").await, outbox_before);

    let reply = "We will empty your bin on Thursday.";
    let sent = post_with(&app, &page, &cookie, &[("csrf", &csrf), ("action", "reply"), ("reply", reply)]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(sent.location(), format!("{page}?done=reply"));
    let (recipient, subject, body, purpose): (String, String, String, String) =
        sqlx::query_as("SELECT recipient, subject, body, purpose FROM outbox ORDER BY id DESC LIMIT 1")
            .fetch_one(t.db.reader())
            .await
            .expect("reply");
    assert_eq!((recipient.as_str(), purpose.as_str()), ("jo.resident@example.com", "reply"));
    assert!(subject.contains(&reference), "the reference threads their answer: {subject}");
    assert!(body.contains(reply));
    assert_eq!(count(&t.db, "contacts WHERE direction = 'out'").await, 1);

    let note = post_with(&app, &page, &cookie, &[("csrf", &csrf), ("action", "note"), ("note", "Crew told.")]).await;
    assert_eq!(note.status, StatusCode::SEE_OTHER);

    let other: i64 = sqlx::query_scalar("SELECT id FROM staff_users WHERE email = 'other@council.example'")
        .fetch_one(t.db.reader())
        .await
        .expect("id");
    let other = other.to_string();
    let assigned = post_with(&app, &page, &cookie, &[("csrf", &csrf), ("action", "assign"), ("officer", &other)]).await;
    assert_eq!(assigned.status, StatusCode::SEE_OTHER, "{}", assigned.body);
    let stranger = post_with(&app, &page, &cookie, &[("csrf", &csrf), ("action", "assign"), ("officer", "999")]).await;
    assert_eq!(stranger.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(stranger.body.contains("Choose someone in the team that owns the case"));

    // Waiting for the customer needs the question, which they are sent.
    let wait = [("csrf", csrf.as_str()), ("action", "status"), ("status", "waiting_for_customer")];
    let refused = post_with(&app, &page, &cookie, &wait).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains(r##"<a href="#status-note">Enter a note for the customer</a>"##));
    let mut wait = wait.to_vec();
    wait.push(("status-note", "Which bin was it: green or black?"));
    let waiting = post_with(&app, &page, &cookie, &wait).await;
    assert_eq!(waiting.status, StatusCode::SEE_OTHER, "{}", waiting.body);
    let update: String =
        sqlx::query_scalar("SELECT body FROM outbox WHERE purpose = 'update' ORDER BY id DESC LIMIT 1")
            .fetch_one(t.db.reader())
            .await
            .expect("update");
    assert!(update.contains("Which bin was it: green or black?"));

    let kinds = kinds(&t.db).await;
    for expected in [("message", 1), ("note", 0), ("assigned", 0), ("status_changed", 1)] {
        assert!(kinds.contains(&(expected.0.to_owned(), expected.1)), "{expected:?} in {kinds:?}");
    }
    let shown = get_with(&app, &format!("{page}?done=status"), &cookie).await;
    assert!(shown.body.contains("Status changed."));
    assert!(shown.body.contains("Crew told."));
    assert!(shown.body.contains("Assigned to Sam Officer"));

    // A form without the session's token changes nothing.
    let forged = post_with(&app, &page, &cookie, &[("action", "note"), ("note", "forged")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn only_a_team_lead_extends_a_deadline_with_a_reason_the_customer_is_told() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let reference = a_case(&app).await;
    let page = format!("/staff/cases/{reference}");
    account(&t.db, "waste@council.example", "caseworker", Some("waste"), None).await;
    account(&t.db, "lead@council.example", "team_lead", Some("waste"), None).await;
    let extend = |csrf: &str, reason: &str| {
        vec![
            ("csrf".to_owned(), csrf.to_owned()),
            ("action".to_owned(), "extend".to_owned()),
            ("standard".to_owned(), "online-reply".to_owned()),
            ("by".to_owned(), "3".to_owned()),
            ("reason".to_owned(), reason.to_owned()),
        ]
    };
    let pairs = |v: &[(String, String)]| v.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>();

    let (cookie, csrf) = sign_in(&app, "waste@council.example").await;
    let fields = pairs(&extend(&csrf, "Waiting for a part."));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(post_with(&app, &page, &cookie, &fields).await.status, StatusCode::FORBIDDEN);
    assert!(!get_with(&app, &page, &cookie).await.body.contains("Extend a deadline"));

    let (cookie, csrf) = sign_in(&app, "lead@council.example").await;
    assert!(get_with(&app, &page, &cookie).await.body.contains("Extend a deadline"));
    // The actions menu's link opens that action's form, with or without JavaScript.
    let opened = get_with(&app, &format!("{page}?open=extend"), &cookie).await;
    assert!(opened.body.contains(r#"id="extend-details" open>"#));
    let fields = pairs(&extend(&csrf, ""));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let refused = post_with(&app, &page, &cookie, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains(r##"<a href="#reason">Give the reason, which the customer is told</a>"##),
        "{}",
        refused.body
    );

    let fields = pairs(&extend(&csrf, "Waiting for a part."));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let extended = post_with(&app, &page, &cookie, &fields).await;
    assert_eq!(extended.status, StatusCode::SEE_OTHER, "{}", extended.body);
    assert_eq!(count(&t.db, "case_events_as_text WHERE kind = 'clock_extended'").await, 1);
    let told: String = sqlx::query_scalar("SELECT body FROM outbox WHERE purpose = 'update' ORDER BY id DESC LIMIT 1")
        .fetch_one(t.db.reader())
        .await
        .expect("update");
    assert!(told.contains("The reason: Waiting for a part."));
    // The case page says how the new date was worked out: 3 working days and 3 more.
    let shown = get_with(&app, &page, &cookie).await;
    assert!(shown.body.contains("6 working days from "), "{}", shown.body);
}

#[tokio::test]
async fn an_insight_officer_cannot_act_on_a_case() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let reference = a_case(&app).await;
    let page = format!("/staff/cases/{reference}");
    account(&t.db, "insight@council.example", "insight", None, None).await;
    let (cookie, csrf) = sign_in(&app, "insight@council.example").await;
    let reply = post_with(&app, &page, &cookie, &[("csrf", &csrf), ("action", "reply"), ("reply", "Hi")]).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(count(&t.db, "case_events_as_text WHERE kind = 'message'").await, 0);
}

#[tokio::test]
async fn the_timeline_says_in_words_what_the_clocks_did_and_never_shows_their_json() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let reference = a_case(&app).await;
    account(&t.db, "waste@council.example", "caseworker", Some("waste"), None).await;
    let (cookie, _) = sign_in(&app, "waste@council.example").await;
    let page = get_with(&app, &format!("/staff/cases/{reference}"), &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(count(&t.db, "case_events_as_text WHERE kind = 'clock_started'").await > 0, "a clock started");
    assert!(page.body.contains("started counting from"), "{}", page.body);
    for json in ["{&#34;", "{&quot;", "{\"standard", "&#34;standard&#34;"] {
        assert!(!page.body.contains(json), "JSON on the page ({json})");
    }
}
