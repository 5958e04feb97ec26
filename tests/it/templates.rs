//! Reply templates that administrators manage, and the plain-English check every reply
//! gets before it is sent.

use axum::http::StatusCode;

use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{app, count, post_form, reference_in, seed_catalogue, test_db, valid_report};

#[tokio::test]
async fn an_administrator_manages_templates_and_an_officer_starts_a_reply_from_one() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    account(&t.db, "admin@council.example", "admin", None, None).await;
    account(&t.db, "waste@council.example", "caseworker", Some("waste"), None).await;

    let (cookie, csrf) = sign_in(&app, "waste@council.example").await;
    assert_eq!(get_with(&app, "/staff/admin/templates", &cookie).await.status, StatusCode::FORBIDDEN);
    let officer = (cookie, csrf);

    let (cookie, csrf) = sign_in(&app, "admin@council.example").await;
    // Refused when saved: a greeting of its own (every message starts "Dear" and the
    // name), and a placeholder we cannot fill in.
    for (bad, words) in [
        ("Dear {name},\n\nWe have emptied your bin.", "Take out the greeting"),
        ("We have emptied your bin ({refrence}).", "{refrence} is not a placeholder we can fill in"),
    ] {
        let fields = [("csrf", csrf.as_str()), ("name", "Bad"), ("body", bad), ("active", "yes")];
        let refused = post_with(&app, "/staff/admin/templates", &cookie, &fields).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains(words), "{words}: {}", refused.body);
    }
    let body = "We have emptied your bin, {name} ({reference}).";
    let fields = [("csrf", csrf.as_str()), ("name", "Bin emptied"), ("body", body), ("active", "yes")];
    let saved = post_with(&app, "/staff/admin/templates", &cookie, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let again = post_with(&app, "/staff/admin/templates", &cookie, &fields).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("There is already a template called &#34;Bin emptied&#34;: choose another name"));
    let empty = post_with(&app, "/staff/admin/templates", &cookie, &[("csrf", &csrf), ("name", "Empty")]).await;
    assert!(empty.body.contains(r##"<a href="#body">Enter the template&#39;s text</a>"##), "{}", empty.body);
    let forged = post_with(&app, "/staff/admin/templates", &cookie, &[("name", "X"), ("body", "Y")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(count(&t.db, "reply_templates").await, 1);

    let sent = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    let reference = reference_in(sent.location()).to_owned();
    let id: i64 = sqlx::query_scalar("SELECT id FROM reply_templates").fetch_one(t.db.reader()).await.expect("id");
    let (cookie, _) = officer;
    let page = get_with(&app, &format!("/staff/cases/{reference}?template={id}"), &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("We have emptied your bin, Jo Resident ({reference}).</textarea>")));

    // Withdrawn, it is no longer offered.
    let (cookie, csrf) = sign_in(&app, "admin@council.example").await;
    let fields = [("csrf", csrf.as_str()), ("name", "Bin emptied"), ("body", body)];
    let withdrawn = post_with(&app, &format!("/staff/admin/templates/{id}"), &cookie, &fields).await;
    assert_eq!(withdrawn.status, StatusCode::SEE_OTHER);
    let (cookie, _) = sign_in(&app, "waste@council.example").await;
    let page = get_with(&app, &format!("/staff/cases/{reference}"), &cookie).await;
    assert!(!page.body.contains("Start from a template"));
}

#[tokio::test]
async fn a_reply_in_jargon_gets_advice_before_it_is_sent_and_goes_only_when_the_officer_says_so() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    let reference = reference_in(sent.location()).to_owned();
    let page = format!("/staff/cases/{reference}");
    account(&t.db, "waste@council.example", "caseworker", Some("waste"), None).await;
    let (cookie, csrf) = sign_in(&app, "waste@council.example").await;
    let before = count(&t.db, "outbox").await;

    let text = "We are in receipt of your email and your bin was emptied.";
    let first = [("csrf", csrf.as_str()), ("action", "reply"), ("reply", text), ("checked", "no")];
    let advised = post_with(&app, &page, &cookie, &first).await;
    assert_eq!(advised.status, StatusCode::OK);
    assert!(advised.body.contains("the plain-English check found 2 things to look at"), "{}", advised.body);
    assert!(advised.body.contains(r#""in receipt of": Try &#34;have or got&#34;."#), "{}", advised.body);
    assert!(advised.body.contains(r#""was emptied": Say who does it"#));
    assert!(advised.body.contains(&format!("{text}</textarea>")), "the reply is kept");
    assert_eq!(count(&t.db, "outbox").await, before, "nothing is sent yet");

    let anyway = [("csrf", csrf.as_str()), ("action", "reply"), ("reply", text), ("checked", "yes")];
    let sent = post_with(&app, &page, &cookie, &anyway).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(count(&t.db, "outbox").await, before + 1);

    // Plain words go at once.
    let plain =
        [("csrf", csrf.as_str()), ("action", "reply"), ("reply", "We emptied your bin today."), ("checked", "no")];
    assert_eq!(post_with(&app, &page, &cookie, &plain).await.status, StatusCode::SEE_OTHER);
    assert_eq!(count(&t.db, "outbox").await, before + 2);
}
