//! Tell us once: likely duplicate customers are suggested, merging keeps every contact
//! and records itself on each case, and staff forms start with what the council knows.

use axum::http::StatusCode;

use frontdoor::db::Db;

use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{app, count, post_form, seed_catalogue, test_db, valid_report, valid_report_with};

const SEND: &str = "/services/missed-bin/report/send";

async fn customer_of(db: &Db, column: &str, value: &str) -> i64 {
    let sql = format!("SELECT id FROM customers WHERE {column} = $1");
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(value).fetch_one(db.reader()).await.expect("customer")
}

#[tokio::test]
async fn a_resident_who_phoned_then_emailed_is_suggested_merged_and_found_again_by_either() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let by_phone = valid_report_with(&[("email", ""), ("phone", "07700 900123")]);
    assert_eq!(post_form(&app, SEND, &by_phone).await.status, StatusCode::SEE_OTHER);
    assert_eq!(post_form(&app, SEND, &valid_report()).await.status, StatusCode::SEE_OTHER);
    assert_eq!(count(&t.db, "customers").await, 2, "no email in common: two records");
    let phoned = customer_of(&t.db, "phone", "07700900123").await;
    let emailed = customer_of(&t.db, "email", "jo.resident@example.com").await;

    account(&t.db, "adviser@kingsmead.example", "adviser", None, None).await;
    let (cookie, csrf) = sign_in(&app, "adviser@kingsmead.example").await;
    let record = get_with(&app, &format!("/staff/customers/{emailed}"), &cookie).await;
    assert_eq!(record.status, StatusCode::OK, "{}", record.body);
    assert!(record.body.contains("Records that may be the same person"));
    assert!(record.body.contains(&format!("record {phoned}")));
    assert!(record.body.contains("Same name"));

    // Without the form's token: refused, and nothing moves.
    let merge = format!("/staff/customers/{emailed}/merge");
    let phoned_text = phoned.to_string();
    let refused = post_with(&app, &merge, &cookie, &[("other", &phoned_text)]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let merged = post_with(&app, &merge, &cookie, &[("csrf", &csrf), ("other", &phoned_text)]).await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER, "{}", merged.body);
    let after = get_with(&app, merged.location(), &cookie).await;
    assert!(
        after.body.contains(&format!("Record {phoned} was merged into this one. 1 case and every contact moved here."))
    );

    // Every case and contact is on the kept record; the merge is on the moved case's
    // timeline; the kept record learned the phone number.
    let on_kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE customer_id = $1")
        .bind(emailed)
        .fetch_one(t.db.reader())
        .await
        .expect("count");
    assert_eq!(on_kept, 2);
    let contacts_on_kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contacts WHERE customer_id = $1")
        .bind(emailed)
        .fetch_one(t.db.reader())
        .await
        .expect("count");
    assert_eq!(contacts_on_kept, 2);
    let events: Vec<String> = sqlx::query_scalar("SELECT body FROM case_events_as_text WHERE kind = 'customer_merged'")
        .fetch_all(t.db.reader())
        .await
        .expect("events");
    assert_eq!(events.len(), 1);
    assert!(events[0].contains(&format!("Customer record {phoned}")));
    let phone: Option<String> = sqlx::query_scalar("SELECT phone FROM customers WHERE id = $1")
        .bind(emailed)
        .fetch_one(t.db.reader())
        .await
        .expect("phone");
    assert_eq!(phone.as_deref(), Some("07700900123"));

    // The old record points at the kept one, and is not offered again.
    let old = get_with(&app, &format!("/staff/customers/{phoned}"), &cookie).await;
    assert!(old.body.contains(&format!(
        "This record was merged into <a class=\"govuk-link\" href=\"/staff/customers/{emailed}\">"
    )));
    let again = post_with(&app, &merge, &cookie, &[("csrf", &csrf), ("other", &phoned_text)]).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(again.body.contains(&format!("Customer record {phoned} was already merged into another.")));

    // Phoning again from the old number finds the kept record: no third one.
    assert_eq!(post_form(&app, SEND, &by_phone).await.status, StatusCode::SEE_OTHER);
    assert_eq!(count(&t.db, "customers").await, 2);
    let on_kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE customer_id = $1")
        .bind(emailed)
        .fetch_one(t.db.reader())
        .await
        .expect("count");
    assert_eq!(on_kept, 3);

    // An adviser logging a call for them starts with what the council knows.
    let log = get_with(&app, &format!("/staff/log?customer={phoned}"), &cookie).await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(log.body.contains(r#"value="Jo Resident""#));
    assert!(log.body.contains(r#"value="jo.resident@example.com""#));
    assert!(log.body.contains(r#"value="07700900123""#));
}

#[tokio::test]
async fn partners_and_auditors_cannot_open_customer_records() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    assert_eq!(post_form(&app, SEND, &valid_report()).await.status, StatusCode::SEE_OTHER);
    {
        let mut tx = t.db.begin().await.expect("begin");
        frontdoor::org::db::insert_partner(&mut tx, "repairs", "Repairs Ltd", "r@example.com").await.expect("partner");
        tx.commit().await.expect("commit");
    }
    account(&t.db, "partner@repairs.example", "partner", None, Some("repairs")).await;
    account(&t.db, "auditor@kingsmead.example", "auditor", None, None).await;
    for who in ["partner@repairs.example", "auditor@kingsmead.example"] {
        let (cookie, csrf) = sign_in(&app, who).await;
        assert_eq!(get_with(&app, "/staff/customers/1", &cookie).await.status, StatusCode::FORBIDDEN, "{who}");
        let merge = post_with(&app, "/staff/customers/1/merge", &cookie, &[("csrf", &csrf), ("other", "2")]).await;
        assert_eq!(merge.status, StatusCode::FORBIDDEN, "{who}");
    }
}

#[tokio::test]
async fn the_link_in_an_acknowledgement_lets_the_resident_report_again_without_their_details() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    assert_eq!(post_form(&app, SEND, &valid_report()).await.status, StatusCode::SEE_OTHER);
    let body: String = sqlx::query_scalar("SELECT body FROM outbox").fetch_one(t.db.reader()).await.expect("ack");
    let link = body.split_whitespace().find(|w| w.contains("/you/")).expect("a tell-us-once link in the email");
    let path = link.trim_start_matches("http://127.0.0.1:8080").to_owned();

    // A link that was never sent, or is cut short, says so and remembers nothing.
    let wrong = crate::support::get(&app, "/you/not-a-real-token").await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert!(wrong.body.contains("That link has expired or is not complete."));
    assert!(!wrong.headers.contains_key(axum::http::header::SET_COOKIE));

    let remembered = crate::support::get(&app, &path).await;
    assert_eq!(remembered.status, StatusCode::SEE_OTHER);
    assert_eq!(remembered.location(), "/services");
    let set = remembered.headers[axum::http::header::SET_COOKIE].to_str().expect("ascii").to_owned();
    assert!(set.starts_with("fd_you=") && set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
    let cookie = set.split(';').next().expect("pair").to_owned();

    // The form does not ask again...
    let form = get_with(&app, "/services/missed-bin/report", &cookie).await;
    assert!(
        form.body.contains("We will reply to Jo Resident.") && form.body.contains("Email: jo.resident@example.com")
    );
    assert!(!form.body.contains(r#"id="name""#), "no name field for a known resident");

    // ...and what is sent needs no details, and joins the same customer.
    let fields = [("description", "The recycling was missed too."), ("address", "12 High Street")];
    let check = post_with(&app, "/services/missed-bin/report", &cookie, &fields).await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.body);
    assert!(check.body.contains("Jo Resident"));
    let sent = post_with(&app, SEND, &cookie, &fields).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(count(&t.db, "customers").await, 1);
    let cases: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT customer_id) FROM cases")
        .fetch_one(t.db.reader())
        .await
        .expect("count");
    assert_eq!((count(&t.db, "cases").await, cases), (2, 1));

    // "Not you?" forgets, and goes back to the form only.
    let forgot = crate::support::get(&app, "/you/forget?next=/services/missed-bin/report").await;
    assert_eq!(forgot.location(), "/services/missed-bin/report");
    assert!(forgot.headers[axum::http::header::SET_COOKIE].to_str().expect("ascii").contains("Max-Age=0"));
    let elsewhere = crate::support::get(&app, "/you/forget?next=//evil.example/services/").await;
    assert_eq!(elsewhere.location(), "/services");
    // Without the cookie the form asks for details again.
    let form = crate::support::get(&app, "/services/missed-bin/report").await;
    assert!(form.body.contains(r#"id="name""#));
}

#[tokio::test]
async fn a_phone_number_given_later_reaches_the_record_found_by_email() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    assert_eq!(post_form(&app, SEND, &valid_report()).await.status, StatusCode::SEE_OTHER);
    let with_phone = valid_report_with(&[("phone", "07700 900456")]);
    assert_eq!(post_form(&app, SEND, &with_phone).await.status, StatusCode::SEE_OTHER);
    let phones: Vec<Option<String>> =
        sqlx::query_scalar("SELECT phone FROM customers").fetch_all(t.db.reader()).await.expect("phones");
    assert_eq!(phones, vec![Some("07700900456".to_owned())], "one record, and it has the number to call");
}
