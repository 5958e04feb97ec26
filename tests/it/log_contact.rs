//! Advisers logging calls, letters and visits for residents: the same intake, standards
//! and acknowledgements as a web form, and resolution at first contact recorded.

use axum::http::StatusCode;

use frontdoor::cases::CaseRef;

use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{app, count, seed_catalogue, test_db};

fn reference(db: &frontdoor::db::Db, location: &str) -> CaseRef {
    CaseRef::parse(&crate::support::prefix_for(db), location.trim_start_matches("/staff/log/")).expect("a reference")
}

#[tokio::test]
async fn a_logged_phone_call_opens_a_case_with_its_acknowledgement() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let adviser = account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let app = app(&t.db).await;
    let (cookie, csrf) = sign_in(&app, "adviser@council.example").await;
    let fields = [
        ("csrf", csrf.as_str()),
        ("channel", "phone"),
        ("service", "missed-bin"),
        ("description", "Caller says the green bin was missed on Monday."),
        ("address", "3 Mill Lane"),
        ("name", "Pat Caller"),
        ("email", "pat@example.com"),
    ];
    let reply = post_with(&app, "/staff/log", &cookie, &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let reference = reference(&t.db, reply.location());
    let page = get_with(&app, reply.location(), &cookie).await;
    assert!(page.body.contains(&reference.to_string()));

    let (channel, status): (String, String) = sqlx::query_as("SELECT channel, status FROM cases WHERE id = $1")
        .bind(reference.id())
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!((channel.as_str(), status.as_str()), ("phone", "received"));
    let (logged_by, first): (Option<i64>, i64) =
        sqlx::query_as("SELECT logged_by, resolved_at_first_contact FROM contacts WHERE case_id = $1")
            .bind(reference.id())
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    assert_eq!((logged_by, first), (Some(adviser), 0));
    let (actor_kind, actor_id): (String, Option<i64>) =
        sqlx::query_as("SELECT actor_kind, actor_id FROM case_events_as_text WHERE case_id = $1 AND kind = 'created'")
            .bind(reference.id())
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    assert_eq!((actor_kind.as_str(), actor_id), ("staff", Some(adviser)));
    // The resident is sent the reference, as after a web form.
    assert_eq!(count(&t.db, "outbox WHERE recipient = 'pat@example.com' AND purpose = 'acknowledgement'").await, 1);
}

#[tokio::test]
async fn a_call_resolved_there_and_then_is_recorded_as_resolved_at_first_contact() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let app = app(&t.db).await;
    let (cookie, csrf) = sign_in(&app, "adviser@council.example").await;
    // Resolved on the spot: no email or phone is needed, and no acknowledgement is sent.
    let fields = [
        ("csrf", csrf.as_str()),
        ("channel", "visit"),
        ("service", "general"),
        ("description", "Asked when the library opens."),
        ("name", "Lee Visitor"),
        ("resolved", "yes"),
        ("outcome", "Told them: 9am to 5pm, Monday to Saturday."),
    ];
    let reply = post_with(&app, "/staff/log", &cookie, &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let reference = reference(&t.db, reply.location());
    let status: String = sqlx::query_scalar("SELECT status FROM cases WHERE id = $1")
        .bind(reference.id())
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(status, "resolved");
    assert_eq!(count(&t.db, "contacts WHERE resolved_at_first_contact = 1").await, 1);
    assert_eq!(count(&t.db, "outbox").await, 0);
    let note: String =
        sqlx::query_scalar("SELECT body FROM case_events_as_text WHERE case_id = $1 AND to_status = 'resolved'")
            .bind(reference.id())
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    assert_eq!(note, "Told them: 9am to 5pm, Monday to Saturday.");
}

#[tokio::test]
async fn a_call_about_an_existing_case_joins_it_instead_of_opening_another() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let app = app(&t.db).await;
    let web =
        crate::support::post_form(&app, "/services/missed-bin/report/send", &crate::support::valid_report()).await;
    let existing = crate::support::reference_in(web.location()).to_owned();
    let (cookie, csrf) = sign_in(&app, "adviser@council.example").await;
    let fields = [
        ("csrf", csrf.as_str()),
        ("channel", "phone"),
        ("reference", existing.as_str()),
        ("description", "Chasing: still not collected."),
    ];
    let reply = post_with(&app, "/staff/log", &cookie, &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(reference(&t.db, reply.location()).to_string(), existing);
    assert_eq!(count(&t.db, "cases").await, 1);
    assert_eq!(count(&t.db, "contacts WHERE channel = 'phone' AND logged_by IS NOT NULL").await, 1);

    // A caseworker in another team cannot add to it by its reference.
    {
        let mut tx = t.db.begin().await.expect("begin");
        frontdoor::org::db::insert_team(&mut tx, "parks", "Parks", "p@example.com").await.expect("team");
        tx.commit().await.expect("commit");
    }
    account(&t.db, "parks@council.example", "caseworker", Some("parks"), None).await;
    let (cookie, csrf) = sign_in(&app, "parks@council.example").await;
    let fields = [
        ("csrf", csrf.as_str()),
        ("channel", "phone"),
        ("reference", existing.as_str()),
        ("description", "Someone else's case."),
    ];
    let refused = post_with(&app, "/staff/log", &cookie, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains(&format!("There is no case {existing} that you can add to.")));
    assert_eq!(count(&t.db, "contacts WHERE channel = 'phone'").await, 1);
}

#[tokio::test]
async fn a_logged_contact_with_problems_names_each_field() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let app = app(&t.db).await;
    let (cookie, csrf) = sign_in(&app, "adviser@council.example").await;
    let fields = [
        ("csrf", csrf.as_str()),
        ("channel", "carrier-pigeon"),
        ("resolved", "yes"),
        ("description", "<script>x</script>"),
    ];
    let reply = post_with(&app, "/staff/log", &cookie, &fields).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Select how the resident contacted us",
        "Select the service it is about",
        "Enter your name",
        "Enter what you did to resolve it",
    ] {
        assert!(reply.body.contains(message), "missing {message:?}");
    }
    assert!(!reply.body.contains("<script>x"), "unescaped script in the page");
    assert!(reply.body.contains("&#60;script&#62;x"), "typed text is kept, escaped");
    let unknown = [("csrf", csrf.as_str()), ("channel", "phone"), ("reference", "KMB-AAA-AAA"), ("description", "x")];
    let reply = post_with(&app, "/staff/log", &cookie, &unknown).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("Enter a reference like KMB-4K7-9QX"), "{}", reply.body);
    let forged = post_with(&app, "/staff/log", &cookie, &[("channel", "phone"), ("service", "general")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(count(&t.db, "cases").await, 0);
}

#[tokio::test]
async fn a_visitor_known_only_by_their_property_is_found_again_by_its_uprn() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let app = app(&t.db).await;
    let (cookie, csrf) = sign_in(&app, "adviser@council.example").await;
    let visit = |uprn: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("channel", "visit".to_owned()),
            ("service", "general".to_owned()),
            ("description", "Asked about the garden waste service.".to_owned()),
            ("name", "Lee Visitor".to_owned()),
            ("uprn", uprn.to_owned()),
            ("resolved", "yes".to_owned()),
            ("outcome", "Explained how to sign up.".to_owned()),
        ]
    };
    for _ in 0..2 {
        let fields = visit("100023336956");
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let reply = post_with(&app, "/staff/log", &cookie, &fields).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    }
    assert_eq!(count(&t.db, "customers").await, 1, "the same property: the same record");
    assert_eq!(count(&t.db, "cases").await, 2);

    let fields = visit("12-34");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = post_with(&app, "/staff/log", &cookie, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains(r##"<a href="#uprn">Enter the UPRN as up to 12 digits, like 100023336956</a>"##));
}
