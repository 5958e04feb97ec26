//! Needs and reasonable adjustments: recorded with a basis on the customer's record,
//! flagged on their cases to the roles that may see them (each showing audited), and
//! acting on how the council writes to them.

use axum::http::StatusCode;

use frontdoor::db::now_ms;

use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{app, open_at, rules, seed_catalogue, test_db};

/// A web enquiry from `email`, and an adviser signed in to work on it.
struct Signed {
    t: crate::support::TestDb,
    app: axum::Router,
    cookie: String,
    csrf: String,
    reference: String,
    customer: i64,
}

async fn adviser_on_a_case(email: &str) -> Signed {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let case = open_at(&t.db, &rules, "general", email, now_ms() - 60_000).await;
    let customer: i64 = sqlx::query_scalar("SELECT customer_id FROM cases WHERE id = $1")
        .bind(case.reference.id())
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    account(&t.db, "adviser@example.gov.uk", "adviser", None, None).await;
    let app = app(&t.db).await;
    let (cookie, csrf) = sign_in(&app, "adviser@example.gov.uk").await;
    Signed { t, app, cookie, csrf, reference: case.reference.to_string(), customer }
}

async fn outbox_last(db: &frontdoor::db::Db) -> (String, i64) {
    sqlx::query_as("SELECT channel, large_print FROM outbox ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_recorded_adjustment_is_flagged_on_the_case_audited_and_changes_how_we_write() {
    let Signed { t, app, cookie, csrf, reference, customer } = adviser_on_a_case("ruth@example.com").await;
    let record = format!("/staff/customers/{customer}");
    let needs = format!("{record}/needs");

    // Each problem names its field; nothing is recorded.
    let refused = post_with(
        &app,
        &needs,
        &cookie,
        &[("csrf", &csrf), ("need-what", "language"), ("need-basis", "safeguarding"), ("need-review-on", "yesterday")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in ["Say which language", "Say who agreed or decided", "Enter the review date as YYYY-MM-DD"] {
        assert!(refused.body.contains(message), "{message}");
    }
    // "Letter, not email" needs an address to write to.
    let no_address = post_with(
        &app,
        &needs,
        &cookie,
        &[("csrf", &csrf), ("need-what", "letter_not_email"), ("need-basis", "consent")],
    )
    .await;
    assert_eq!(no_address.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_address.body.contains("Add their postal address to the record first"));

    for (what, detail) in [("sight", ""), ("large_print", ""), ("bsl", "")] {
        let done = post_with(
            &app,
            &needs,
            &cookie,
            &[("csrf", &csrf), ("need-what", what), ("need-detail", detail), ("need-basis", "consent")],
        )
        .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    }
    let page = get_with(&app, &format!("/staff/cases/{reference}"), &cookie).await;
    assert!(page.body.contains("This customer needs more help"));
    for shown in ["Blind or partially sighted", "Large print letters", "British Sign Language interpreter"] {
        assert!(page.body.contains(shown), "{shown}");
    }
    // The adviser sees them too as they log a call from the customer.
    let log = get_with(&app, &format!("/staff/log?customer={customer}"), &cookie).await;
    assert!(log.body.contains("This customer needs more help") && log.body.contains("Large print letters"));
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM customer_views WHERE customer_id = $1 AND what = 'needs and adjustments' \
         AND why LIKE 'case %'",
    )
    .bind(customer)
    .fetch_one(t.db.reader())
    .await
    .unwrap();
    assert_eq!(audited, 1, "the banner's showing on the case is in the customer access log");
    let on_the_log_form: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM customer_views WHERE customer_id = $1 AND what = 'needs and adjustments' \
         AND why = 'log form'",
    )
    .bind(customer)
    .fetch_one(t.db.reader())
    .await
    .unwrap();
    assert_eq!(on_the_log_form, 1);

    // Large print acts: with an address and "letter, not email", a reply is a large-print letter.
    let post = post_with(
        &app,
        &format!("{record}/post"),
        &cookie,
        &[("csrf", &csrf), ("postal-address", "4 Mill Lane\nKingsmead"), ("postal-postcode", "KM1 4AB")],
    )
    .await;
    assert_eq!(post.status, StatusCode::SEE_OTHER, "{}", post.body);
    let letter = post_with(
        &app,
        &needs,
        &cookie,
        &[("csrf", &csrf), ("need-what", "letter_not_email"), ("need-basis", "consent")],
    )
    .await;
    assert_eq!(letter.status, StatusCode::SEE_OTHER, "{}", letter.body);
    let case_page = format!("/staff/cases/{reference}");
    let reply =
        [("csrf", csrf.as_str()), ("action", "reply"), ("reply", "The library opens at nine."), ("checked", "yes")];
    assert_eq!(post_with(&app, &case_page, &cookie, &reply).await.status, StatusCode::SEE_OTHER);
    assert_eq!(outbox_last(&t.db).await, ("letter".to_owned(), 1));

    // Ending "letter, not email" sends email again.
    let id: i64 = sqlx::query_scalar("SELECT id FROM customer_needs WHERE code = 'letter_not_email'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    let ended = post_with(&app, &format!("{needs}/{id}/end"), &cookie, &[("csrf", &csrf)]).await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    assert_eq!(post_with(&app, &case_page, &cookie, &reply).await.status, StatusCode::SEE_OTHER);
    assert_eq!(outbox_last(&t.db).await.0, "email");

    // An insight officer never sees them: not the case, not the record.
    account(&t.db, "insight@example.gov.uk", "insight", None, None).await;
    let (insight, _) = sign_in(&app, "insight@example.gov.uk").await;
    for page in [case_page.as_str(), record.as_str()] {
        let seen = get_with(&app, page, &insight).await;
        assert!(!seen.body.contains("Large print letters"), "{page}");
    }
}

#[tokio::test]
async fn phone_not_email_sends_messages_as_calls_for_staff() {
    let Signed { t, app, cookie, csrf, reference, customer } = adviser_on_a_case("sam@example.com").await;
    let needs = format!("/staff/customers/{customer}/needs");
    let fields = [("csrf", csrf.as_str()), ("need-what", "phone_not_email"), ("need-basis", "consent")];
    let refused = post_with(&app, &needs, &cookie, &fields).await;
    assert!(refused.body.contains("Add their phone number to the record first"));
    sqlx::query("UPDATE customers SET phone = '07700 900123' WHERE id = $1")
        .bind(customer)
        .execute(t.db.writer())
        .await
        .unwrap();
    assert_eq!(post_with(&app, &needs, &cookie, &fields).await.status, StatusCode::SEE_OTHER);
    let case_page = format!("/staff/cases/{reference}");
    let reply =
        [("csrf", csrf.as_str()), ("action", "reply"), ("reply", "The library opens at nine."), ("checked", "yes")];
    assert_eq!(post_with(&app, &case_page, &cookie, &reply).await.status, StatusCode::SEE_OTHER);
    assert_eq!(outbox_last(&t.db).await.0, "phone", "not email, though we hold their email address");
}
