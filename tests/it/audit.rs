//! The access log: every staff view of a case is recorded, and auditors read it.

use axum::http::StatusCode;

use crate::staff::{account, get_with, sign_in};
use crate::support::{app, post_form, reference_in, seed_catalogue, test_db, valid_report};

#[tokio::test]
async fn every_view_is_logged_and_only_auditors_and_administrators_read_the_log() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    let reference = reference_in(sent.location()).to_owned();
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    account(&t.db, "waste@council.example", "caseworker", Some("waste"), None).await;
    account(&t.db, "auditor@council.example", "auditor", None, None).await;

    let (adviser, _) = sign_in(&app, "adviser@council.example").await;
    for _ in 0..50 {
        assert_eq!(get_with(&app, &format!("/staff/cases/{reference}"), &adviser).await.status, StatusCode::OK);
    }
    let (caseworker, _) = sign_in(&app, "waste@council.example").await;
    get_with(&app, &format!("/staff/cases/{reference}"), &caseworker).await;
    assert_eq!(get_with(&app, "/staff/audit", &caseworker).await.status, StatusCode::FORBIDDEN);

    let (auditor, _) = sign_in(&app, "auditor@council.example").await;
    let log = get_with(&app, "/staff/audit", &auditor).await;
    assert_eq!(log.status, StatusCode::OK);
    assert_eq!(log.body.matches("Opened the case").count(), 50, "fifty a page");
    assert!(log.body.contains("Older entries"));
    // Newest first: the caseworker's view heads the list.
    let first = log.body.find("waste@council.example").expect("caseworker");
    let adviser_at = log.body.find("adviser@council.example").expect("adviser");
    assert!(first < adviser_at);
    let older = log.body.split("href=\"").find(|s| s.starts_with("/staff/audit?")).expect("link");
    let older = older.split('"').next().expect("href").replace("&#38;", "&");
    let rest = get_with(&app, &older, &auditor).await;
    assert_eq!(rest.body.matches("Opened the case").count(), 1);

    let by_person = get_with(&app, "/staff/audit?email=WASTE@council.example", &auditor).await;
    assert_eq!(by_person.body.matches("Opened the case").count(), 1);
    let by_case = get_with(&app, &format!("/staff/audit?reference={}", reference.to_lowercase()), &auditor).await;
    assert_eq!(by_case.status, StatusCode::OK);
    let wrong = get_with(&app, "/staff/audit?reference=KMB-000-001&email=nobody@council.example", &auditor).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("<a href=\"#reference\">Check the reference:"));
    assert!(wrong.body.contains("No member of staff has the email address nobody@council.example"));
}
