//! Administration of services, their questions, teams and partner organisations.

use axum::http::StatusCode;

use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{app, get, seed_catalogue, test_db};

#[tokio::test]
async fn an_administrator_changes_a_service_and_its_questions_and_residents_see_it_at_once() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    account(&t.db, "lead@council.example", "team_lead", Some("waste"), None).await;
    let (lead, _) = sign_in(&app, "lead@council.example").await;
    assert_eq!(get_with(&app, "/staff/admin/services", &lead).await.status, StatusCode::FORBIDDEN);

    account(&t.db, "admin@council.example", "admin", None, None).await;
    let (cookie, csrf) = sign_in(&app, "admin@council.example").await;
    let list = get_with(&app, "/staff/admin/services", &cookie).await;
    assert!(list.body.contains("Report a missed bin"));

    // A team: refused by field, then added once.
    let team = |code: &'static str| {
        [
            ("csrf", csrf.clone()),
            ("kind", "team".to_owned()),
            ("code", code.to_owned()),
            ("org-name", "Parks".to_owned()),
            ("org-email", "parks@council.example".to_owned()),
        ]
    };
    let pairs = |f: &[(&'static str, String)]| f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    let bad = pairs(&team("Parks & Gardens"));
    let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = post_with(&app, "/staff/admin/organisation", &cookie, &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("<a href=\"#code\">Enter a short code"));
    let good = pairs(&team("parks"));
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(post_with(&app, "/staff/admin/organisation", &cookie, &good).await.status, StatusCode::SEE_OTHER);
    let again = post_with(&app, "/staff/admin/organisation", &cookie, &good).await;
    assert!(again.body.contains("The code parks is taken: choose another"));

    // A question added to the form is asked at once, and can be taken off again.
    let page = "/staff/admin/services/missed-bin";
    let question = [
        ("csrf", csrf.as_str()),
        ("action", "add-field"),
        ("field-label", "Which bin was missed?"),
        ("field-code", "bin"),
        ("field-kind", "single"),
        ("field-choices", "black: Black bin\ngreen: Green bin"),
        ("field-required", "yes"),
    ];
    let added = post_with(&app, page, &cookie, &question).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let form = get(&app, "/services/missed-bin/report").await;
    assert!(form.body.contains("Which bin was missed?") && form.body.contains("Green bin"));
    let twice = post_with(&app, page, &cookie, &question).await;
    assert!(twice.body.contains("This form already has an answer called bin"));
    let removed =
        post_with(&app, page, &cookie, &[("csrf", &csrf), ("action", "remove-field"), ("remove", "bin")]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(!get(&app, "/services/missed-bin/report").await.body.contains("Which bin was missed?"));

    // Withdrawn, residents cannot find it; the details are checked by field.
    let waste: i64 =
        sqlx::query_scalar("SELECT id FROM teams WHERE code = 'waste'").fetch_one(t.db.reader()).await.unwrap();
    let waste = waste.to_string();
    let details = [
        ("csrf", csrf.as_str()),
        ("action", "details"),
        ("name", ""),
        ("description", "Bins."),
        ("team", waste.as_str()),
    ];
    let refused = post_with(&app, page, &cookie, &details).await;
    assert!(refused.body.contains("<a href=\"#name\">Enter the service&#39;s name</a>"), "{}", refused.body);
    let details = [
        ("csrf", csrf.as_str()),
        ("action", "details"),
        ("name", "Report a missed bin"),
        ("description", "Bins."),
        ("team", waste.as_str()),
        ("public-requests", "yes"),
    ];
    assert_eq!(post_with(&app, page, &cookie, &details).await.status, StatusCode::SEE_OTHER);
    assert_eq!(get(&app, "/services/missed-bin/report").await.status, StatusCode::NOT_FOUND);
    // Marked as one whose reports anyone may read through Open311, and shown so.
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM services WHERE code = 'missed-bin'").fetch_one(t.db.reader()).await.unwrap();
    assert!(frontdoor::services::db::public_requests(t.db.reader(), id).await.unwrap());
    let edit = crate::staff::get_with(&app, page, &cookie).await;
    assert!(edit.body.contains(
        "name=\"public-requests\" type=\"checkbox\" value=\"yes\" aria-describedby=\"public-requests-hint\" checked"
    ));
    assert!(!get(&app, "/services").await.body.contains("Report a missed bin"));
}

#[tokio::test]
async fn an_administrator_adds_a_service_and_residents_can_use_it_at_once() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    account(&t.db, "admin@council.example", "admin", None, None).await;
    let (cookie, csrf) = sign_in(&app, "admin@council.example").await;
    let empty = post_with(&app, "/staff/admin/services", &cookie, &[("csrf", &csrf)]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["new-code", "new-name", "new-group", "new-description", "new-type", "new-team"] {
        assert!(empty.body.contains(&format!("<a href=\"#{field}\">")), "{field}");
    }
    let waste: i64 =
        sqlx::query_scalar("SELECT id FROM teams WHERE code = 'waste'").fetch_one(t.db.reader()).await.unwrap();
    let waste = waste.to_string();
    let fields = [
        ("csrf", csrf.as_str()),
        ("new-code", "bulky-waste"),
        ("new-name", "Book a bulky waste collection"),
        ("new-group", "Bins"),
        ("new-description", "We collect furniture and large items."),
        ("new-type", "service_request"),
        ("new-team", waste.as_str()),
        ("new-asks-location", "yes"),
    ];
    let added = post_with(&app, "/staff/admin/services", &cookie, &fields).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    assert_eq!(added.location(), "/staff/admin/services/bulky-waste?done=1");
    assert!(get(&app, "/services").await.body.contains("Book a bulky waste collection"));
    assert_eq!(get(&app, "/services/bulky-waste/report").await.status, StatusCode::OK);
    let again = post_with(&app, "/staff/admin/services", &cookie, &fields).await;
    assert!(again.body.contains("There is already a service bulky-waste: choose another code"));
}
