//! A resident follows their case on the public site, on both databases: the reference
//! alone shows nothing personal; the email address, postcode or the signed link from the
//! acknowledgement opens the timeline; they reply, escalate a late case once, and rate
//! the resolution, where "no" reopens it. Wrong answers are limited.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, header};
use frontdoor::cases::{Actor, CaseRef, Status};
use frontdoor::casework::change_status;

use crate::support::{
    Reply, app, get, open_at, post_form, reference_in, rules, seed_catalogue, send, test_db, urlencode, valid_report,
};

/// A request carrying the cookie a proof set.
pub async fn with_cookie(app: &Router, method: &str, uri: &str, cookie: &str, fields: &[(&str, &str)]) -> Reply {
    let body = fields.iter().map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v))).collect::<Vec<_>>().join("&");
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    send(app, request).await
}

/// "fd_case=SIG" from a Set-Cookie header, checking its scope.
pub fn proof(reply: &Reply, reference: &str) -> String {
    let set = reply.headers.get(header::SET_COOKIE).expect("a cookie is set").to_str().unwrap().to_owned();
    assert!(set.contains(&format!("Path=/cases/{reference};")), "{set}");
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
    set.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_resident_proves_replies_rates_and_reopens() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let reference = reference_in(sent.location()).to_owned();
    let case_id = CaseRef::parse(&crate::support::prefix_for(&t.db), &reference).unwrap().id();
    let page = format!("/cases/{reference}");

    // The reference alone: the status and promises, not what they said.
    let bare = get(&app, &page).await;
    assert_eq!(bare.status, 200);
    assert!(bare.body.contains("See everything about this case"));
    assert!(!bare.body.contains("was not emptied"), "nothing personal without proof");

    // A wrong answer is refused by field; the email (any case) or phone number is
    // accepted, and the postcode is not: it is on the street, not only the resident's.
    let wrong = post_form(&app, &format!("{page}/check"), &[("answer", "someone@example.com")]).await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("href=\"#answer\""), "the error names the field");
    let empty = post_form(&app, &format!("{page}/check"), &[("answer", " ")]).await;
    assert!(empty.body.contains("Enter the email address or phone number you gave us"));
    let by_postcode = post_form(&app, &format!("{page}/check"), &[("answer", "KM12AB")]).await;
    assert_eq!(by_postcode.status, 422, "a postcode is not proof");
    let right = post_form(&app, &format!("{page}/check"), &[("answer", "jo.resident@example.com")]).await;
    assert_eq!((right.status.as_u16(), right.location()), (303, page.as_str()));
    let cookie = proof(&right, &reference);

    // The acknowledgement's link is the same proof, and a changed link is refused.
    let ack: String = sqlx::query_scalar("SELECT body FROM outbox WHERE case_id = $1")
        .bind(case_id)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    let link = ack.split_whitespace().find(|w| w.contains("/open/")).expect("a signed link");
    let path = &link[link.find("/cases/").unwrap()..];
    let opened = get(&app, path).await;
    assert_eq!(opened.status, 200);
    assert!(opened.body.contains("was not emptied"), "the link shows the whole case");
    assert_eq!(proof(&opened, &reference), cookie);
    // Change the signature's last digit to a different one.
    let last = if path.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{last}", &path[..path.len() - 1]);
    assert_eq!(get(&app, &forged).await.status, 404);

    // With the proof: the timeline, and a reply that threads into the case.
    let full = with_cookie(&app, "GET", &page, &cookie, &[]).await;
    assert!(full.body.contains("We received your request"));
    let blank = with_cookie(&app, "POST", &format!("{page}/reply"), &cookie, &[("message", "")]).await;
    assert_eq!(blank.status, 422);
    assert!(blank.body.contains("Enter your message"));
    let replied =
        with_cookie(&app, "POST", &format!("{page}/reply"), &cookie, &[("message", "It was missed again today.")])
            .await;
    assert_eq!(replied.location(), format!("{page}?done=reply"));
    let contacts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contacts WHERE case_id = $1 AND direction = 'in'")
        .bind(case_id)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(contacts, 2, "the report and the reply");
    // Without the proof, nothing can be posted.
    let stranger = post_form(&app, &format!("{page}/reply"), &[("message", "spam")]).await;
    assert_eq!(stranger.status, 404);

    // Staff resolve it; the resident sees it, and is asked whether it solved it.
    let rules = rules(&t.db).await;
    let mut tx = t.db.begin().await.unwrap();
    change_status(
        &mut tx,
        case_id,
        Status::Resolved,
        Actor::SYSTEM,
        Some("We emptied the bin on Friday."),
        &rules,
        frontdoor::db::now_ms(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let resolved = with_cookie(&app, "GET", &format!("{page}?done=reply"), &cookie, &[]).await;
    assert!(resolved.body.contains("You wrote to us") && resolved.body.contains("It was missed again today."));
    assert!(resolved.body.contains("We emptied the bin on Friday."));
    assert!(resolved.body.contains("Did this solve it?"));

    // Feedback with nothing chosen names both fields; "no" with a rating reopens it.
    let nothing = with_cookie(&app, "POST", &format!("{page}/feedback"), &cookie, &[("comment", "")]).await;
    assert_eq!(nothing.status, 422);
    assert!(nothing.body.contains("href=\"#solved\"") && nothing.body.contains("href=\"#rating\""));
    let rated = with_cookie(
        &app,
        "POST",
        &format!("{page}/feedback"),
        &cookie,
        &[("solved", "no"), ("rating", "2"), ("comment", "The bin is still full.")],
    )
    .await;
    assert_eq!(rated.location(), format!("{page}?done=reopened"));
    let status: String = sqlx::query_scalar("SELECT status FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(status, "reopened");
    // The page says by when the reopened case will be dealt with, and promises it.
    let reopened = with_cookie(&app, "GET", &format!("{page}?done=reopened"), &cookie, &[]).await;
    let due: i64 = sqlx::query_scalar(
        "SELECT due_at FROM clocks WHERE case_id = $1 AND standard_id = 'reopened-resolved' AND stopped_at IS NULL",
    )
    .bind(case_id)
    .fetch_one(t.db.reader())
    .await
    .unwrap();
    let day = rules.calendars.council.local_date(jiff::Timestamp::from_millisecond(due).unwrap());
    let said = format!("We have reopened your case. We will deal with it by {}", day.strftime("%A %-d %B %Y"));
    assert!(reopened.body.contains(&said), "{said}: {}", reopened.body);
    let counted: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT metric, key, value FROM rollup_months WHERE metric IN ('solved', 'rating') ORDER BY metric",
    )
    .fetch_all(t.db.reader())
    .await
    .unwrap();
    assert_eq!(counted, vec![("rating".into(), "2".into(), 1), ("solved".into(), "no".into(), 1)]);
    // Asked once per resolution: a second answer is refused.
    let again =
        with_cookie(&app, "POST", &format!("{page}/feedback"), &cookie, &[("solved", "yes"), ("rating", "5")]).await;
    assert_eq!(again.status, 422);
}

#[tokio::test]
async fn five_wrong_answers_an_hour_then_no_more_tries() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    let page = format!("/cases/{}", reference_in(sent.location()));
    for guess in ["a@example.com", "b@example.com", "01632 960000", "c@example.com", "d@example.com"] {
        assert_eq!(post_form(&app, &format!("{page}/check"), &[("answer", guess)]).await.status, 422);
    }
    // Now even the right answer is not checked: 429, and when to try again.
    let right = post_form(&app, &format!("{page}/check"), &[("answer", "jo.resident@example.com")]).await;
    assert_eq!(right.status, 429);
    assert!(right.body.contains("too many wrong answers"));
    let wait: u64 = right.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((3_000..=3_601).contains(&wait), "about an hour: {wait}");
}

#[tokio::test]
async fn a_late_case_is_escalated_once_and_counted() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let app = app(&t.db).await;
    // Received ten days ago and never answered: the 3-working-day reply is late.
    let opened = open_at(&t.db, &rules, "general", "pat@example.com", frontdoor::db::now_ms() - 10 * 86_400_000).await;
    let page = format!("/cases/{}", opened.reference);
    let proved = post_form(&app, &format!("{page}/check"), &[("answer", "pat@example.com")]).await;
    let cookie = proof(&proved, &opened.reference.to_string());

    let shown = with_cookie(&app, "GET", &page, &cookie, &[]).await;
    assert!(shown.body.contains("This case is late"), "{}", shown.body);
    assert!(shown.body.contains("Send it to the team leader"));
    for _ in 0..2 {
        let escalated = with_cookie(&app, "POST", &format!("{page}/escalate"), &cookie, &[]).await;
        assert_eq!(escalated.location(), format!("{page}?done=escalated"));
    }
    let events: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM case_events_as_text WHERE case_id = $1 AND kind = 'escalated' AND actor_kind = 'customer'",
    )
    .bind(opened.case_id)
    .fetch_one(t.db.reader())
    .await
    .unwrap();
    assert_eq!(events, 1, "a second press changes nothing");
    let counted: i64 = sqlx::query_scalar("SELECT value FROM rollup_months WHERE metric = 'escalated_by_resident'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(counted, 1);
    let after = with_cookie(&app, "GET", &page, &cookie, &[]).await;
    assert!(after.body.contains("You sent this case to the team leader on"));
    assert!(after.body.contains("You asked for this to go to the team leader because it was late"));
    assert!(!after.body.contains("Send it to the team leader</button>"));
}

#[tokio::test]
async fn the_case_page_speaks_welsh_with_welsh_dates_and_errors() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    let page = format!("/cases/{}", reference_in(sent.location()));
    let welsh = |uri: &str, fields: &[(&str, &str)], method: &str| {
        let body =
            fields.iter().map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v))).collect::<Vec<_>>().join("&");
        Request::builder()
            .method(method)
            .uri(uri)
            .header(header::COOKIE, "fd_lang=cy")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap()
    };
    let shown = send(&app, welsh(&page, &[], "GET")).await;
    assert!(shown.body.contains("<html lang=\"cy\""));
    assert!(shown.body.contains("Wedi dod i law"), "the status in Welsh");
    assert!(shown.body.contains("Byddwn yn gwneud hyn erbyn Dydd "), "a promised date in Welsh: {}", shown.body);
    let wrong = send(&app, welsh(&format!("{page}/check"), &[("answer", "nobody@example.com")], "POST")).await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("Mae problem") && wrong.body.contains("Nid yw hynny&#39;n cyfateb"));
}
