//! Callbacks that keep their time: a resident chooses when to be called, an adviser sees
//! the callbacks due and records each try; three tries with no answer write to the
//! resident instead; the first try decides the callback standard.

use axum::http::{StatusCode, header};

use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{app, callback_service, post_form, reference_in, seed_catalogue, test_db};

async fn counted(db: &frontdoor::db::Db) -> Vec<(String, i64)> {
    sqlx::query_as(
        "SELECT metric, CAST(SUM(value) AS BIGINT) FROM rollup_council_months WHERE key = 'callback-made' GROUP BY metric ORDER BY metric",
    )
    .fetch_all(db.reader())
    .await
    .unwrap()
}

#[tokio::test]
async fn an_adviser_tries_three_times_then_the_resident_is_written_to_and_a_booked_callback_is_made() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    callback_service(&t.db).await;
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    account(&t.db, "insight@council.example", "insight", None, None).await;
    let app = app(&t.db).await;

    // The resident asks to be called the next working day, in the morning.
    let fields = [
        ("description", "About my council tax bill"),
        ("name", "Ash Caller"),
        ("email", "ash@example.com"),
        ("phone", "01632 960 001"),
        ("callback-asked", "1"),
        ("callback-when", "next-am"),
    ];
    let sent = post_form(&app, "/services/callback/report/send", &fields).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let reference = reference_in(sent.headers[header::LOCATION].to_str().unwrap()).to_owned();

    // Advisers see it due, with the window; an insight officer, who logs no contacts, does not.
    let (adviser, csrf) = sign_in(&app, "adviser@council.example").await;
    let list = get_with(&app, "/staff/callbacks", &adviser).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(&reference) && list.body.contains("01632960001"), "{}", list.body);
    assert!(list.body.contains("between 9:00am and 12:30pm"), "{}", list.body);
    let (insight, _) = sign_in(&app, "insight@council.example").await;
    assert_eq!(get_with(&app, "/staff/callbacks", &insight).await.status, StatusCode::FORBIDDEN);

    // Three tries with no answer. The first is before the window opens: the standard is missed.
    let id: i64 = sqlx::query_scalar("SELECT id FROM callbacks").fetch_one(t.db.reader()).await.unwrap();
    let id_text = id.to_string();
    for (outcome, done) in [("no_answer", "again"), ("voicemail", "again"), ("no_answer", "gave-up")] {
        let tried = post_with(
            &app,
            "/staff/callbacks",
            &adviser,
            &[("csrf", &csrf), ("action", "try"), ("id", &id_text), ("outcome", outcome)],
        )
        .await;
        assert_eq!(tried.status, StatusCode::SEE_OTHER, "{}", tried.body);
        assert_eq!(tried.headers[header::LOCATION], format!("/staff/callbacks?done={done}").as_str());
    }
    let (state, tries, kept): (String, i64, i64) =
        sqlx::query_as("SELECT state, tries, kept FROM callbacks WHERE id = $1")
            .bind(id)
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    assert_eq!((state.as_str(), tries, kept), ("gave_up", 3, 0));
    let letter: String = sqlx::query_scalar(
        "SELECT body FROM outbox WHERE recipient = 'ash@example.com' AND body LIKE '%tried to phone%'",
    )
    .fetch_one(t.db.reader())
    .await
    .unwrap();
    assert!(letter.contains("/services/callback/report"), "a callback offered again: {letter}");
    assert_eq!(counted(&t.db).await, vec![("standard_missed".to_owned(), 1)]);
    let again = post_with(
        &app,
        "/staff/callbacks",
        &adviser,
        &[("csrf", &csrf), ("action", "try"), ("id", &id_text), ("outcome", "answered")],
    )
    .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "a callback given up takes no more tries");

    // The adviser books another, as soon as possible, on the number on record, and it is
    // answered at once: inside its window, so the standard is met.
    let refused = post_with(
        &app,
        "/staff/callbacks",
        &adviser,
        &[("csrf", &csrf), ("action", "book"), ("reference", "KMB-000-000"), ("when", "")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Enter the case&#39;s reference"), "{}", refused.body);
    assert!(refused.body.contains("Choose when to call"));
    let booked = post_with(
        &app,
        "/staff/callbacks",
        &adviser,
        &[("csrf", &csrf), ("action", "book"), ("reference", &reference), ("when", "asap")],
    )
    .await;
    assert_eq!(booked.headers[header::LOCATION], "/staff/callbacks?done=booked", "{}", booked.body);
    let second: i64 = sqlx::query_scalar("SELECT MAX(id) FROM callbacks").fetch_one(t.db.reader()).await.unwrap();
    let made = post_with(
        &app,
        "/staff/callbacks",
        &adviser,
        &[("csrf", &csrf), ("action", "try"), ("id", &second.to_string()), ("outcome", "answered")],
    )
    .await;
    assert_eq!(made.headers[header::LOCATION], "/staff/callbacks?done=made");
    assert_eq!(counted(&t.db).await, vec![("standard_met".to_owned(), 1), ("standard_missed".to_owned(), 1)]);
    assert!(get_with(&app, "/staff/callbacks", &adviser).await.body.contains("No callbacks are due"));

    // Every try is on the case's timeline, and a phone contact.
    let notes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM case_events_as_text WHERE kind = 'note' AND body LIKE 'Callback try%'",
    )
    .fetch_one(t.db.reader())
    .await
    .unwrap();
    assert_eq!(notes, 4);
    let calls: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM contacts WHERE channel = 'phone' AND direction = 'out' AND subject = 'Callback'",
    )
    .fetch_one(t.db.reader())
    .await
    .unwrap();
    assert_eq!(calls, 4);

    // A rebuild of the performance counts from the tables gives the same.
    let running = frontdoor::rollups::db::all_days(t.db.reader()).await.unwrap();
    let rules = crate::support::rules(&t.db).await;
    let mut more = frontdoor::calls::db::performance_counts(t.db.reader()).await.unwrap();
    more.extend(frontdoor::callbacks::performance_counts(t.db.reader(), &rules).await.unwrap());
    frontdoor::rollups::db::rebuild(&t.db, &rules.calendars.council, more).await.unwrap();
    assert_eq!(frontdoor::rollups::db::all_days(t.db.reader()).await.unwrap(), running);
}
