//! Councillors' enquiries: a case of its own type with its own standard, the councillor
//! on it; a councillor sees their enquiries and their ward's cases, and nothing else.

use axum::http::StatusCode;

use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{app, post_form, seed_catalogue, test_db, valid_report_with};

#[tokio::test]
async fn a_councillor_makes_an_enquiry_and_sees_their_ward_and_nothing_else() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    // A service for councillors' enquiries, and two wards.
    let team: i64 = sqlx::query_scalar("SELECT id FROM teams").fetch_one(t.db.reader()).await.unwrap();
    let mut tx = t.db.begin().await.unwrap();
    let new = frontdoor::services::db::NewService {
        code: "councillor-enquiry",
        name: "Enquiry from a councillor",
        group_name: "Contact the council",
        description: "For councillors.",
        keywords: "",
        case_type: frontdoor::cases::CaseType::CouncillorEnquiry,
        team_id: team,
        partner_id: None,
        asks_location: false,
    };
    frontdoor::services::db::insert(&mut tx, &new).await.unwrap();
    tx.commit().await.unwrap();
    let directory = frontdoor::wards::read_directory(
        b"pcds,doterm,oslaua,osward\nKM1 2AB,,E07000999,E05099901\nKM2 5QQ,,E07000999,E05099902\n",
        "E07000999",
    )
    .unwrap();
    let rules = crate::support::rules(&t.db).await;
    frontdoor::wards::db::replace(&t.db, &rules.calendars.council, &directory, None).await.unwrap();

    let cllr = account(&t.db, "cllr@council.example", "councillor", None, None).await;
    frontdoor::org::set_ward(&t.db, cllr, Some("E05099901")).await.unwrap();
    let refused = frontdoor::org::set_ward(&t.db, cllr, Some("E05000000")).await;
    assert!(refused.unwrap_err().to_string().contains("--ward"), "an unknown ward is refused");
    let app = app(&t.db).await;
    let in_ward =
        post_form(&app, "/services/missed-bin/report/send", &valid_report_with(&[("postcode", "KM1 2AB")])).await;
    let elsewhere =
        post_form(&app, "/services/missed-bin/report/send", &valid_report_with(&[("postcode", "KM2 5QQ")])).await;
    let in_ward = crate::support::reference_in(in_ward.location()).to_owned();
    let elsewhere = crate::support::reference_in(elsewhere.location()).to_owned();

    let (cookie, csrf) = sign_in(&app, "cllr@council.example").await;
    let missing = post_with(&app, "/staff/councillor", &cookie, &[("csrf", &csrf), ("name", "Lee Tenant")]).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body.contains("href=\"#description\""));
    let made = post_with(
        &app,
        "/staff/councillor",
        &cookie,
        &[
            ("csrf", &csrf),
            ("name", "Lee Tenant"),
            ("email", "lee@example.com"),
            ("description", "Mr Tenant's street light on Mill Lane has been out for three weeks."),
        ],
    )
    .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let (case_type, councillor): (String, Option<i64>) =
        sqlx::query_as("SELECT case_type, councillor_id FROM cases ORDER BY id DESC LIMIT 1")
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    assert_eq!((case_type.as_str(), councillor), ("councillor_enquiry", Some(cllr)));
    let standard: String = sqlx::query_scalar(
        "SELECT k.standard_id FROM clocks k JOIN cases c ON c.id = k.case_id WHERE c.councillor_id = $1",
    )
    .bind(cllr)
    .fetch_one(t.db.reader())
    .await
    .unwrap();
    assert_eq!(standard, "councillor-enquiry-answered");

    let own = get_with(&app, made.location(), &cookie).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("Lee Tenant") && own.body.contains("street light"), "their own enquiry, in full");
    let ward_case = get_with(&app, &format!("/staff/councillor/cases/{in_ward}"), &cookie).await;
    assert_eq!(ward_case.status, StatusCode::OK);
    assert!(!ward_case.body.contains("Jo Resident"), "not the resident of a ward case");
    let other = get_with(&app, &format!("/staff/councillor/cases/{elsewhere}"), &cookie).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND, "another ward's case is not there");
    let list = get_with(&app, "/staff/councillor", &cookie).await;
    assert!(list.body.contains(&in_ward) && !list.body.contains(&elsewhere));
    // Nothing else: not the staff case page, the queue, the log form or the reports.
    for page in [format!("/staff/cases/{in_ward}"), "/staff/queue".into(), "/staff/log".into(), "/staff/insight".into()]
    {
        let reply = get_with(&app, &page, &cookie).await;
        assert!(matches!(reply.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{page}: {}", reply.status);
    }
    let views: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_views WHERE staff_id = $1")
        .bind(cllr)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(views, 2, "every view is in the access log");
}

#[tokio::test]
async fn an_administrator_gives_a_councillor_a_ward_on_the_accounts_page_and_no_other_role_one() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let directory = frontdoor::wards::read_directory(
        b"pcds,doterm,oslaua,osward\nKM1 2AB,,E07000999,E05099901\nKM2 5QQ,,E07000999,E05099902\n",
        "E07000999",
    )
    .unwrap();
    let names =
        frontdoor::wards::read_names(b"code,name,population\nE05099901,Castle,5000\nE05099902,Abbey,4000\n").unwrap();
    let rules = crate::support::rules(&t.db).await;
    frontdoor::wards::db::replace(&t.db, &rules.calendars.council, &directory, Some(names.as_slice())).await.unwrap();
    account(&t.db, "admin@council.example", "admin", None, None).await;
    let app = app(&t.db).await;
    let (cookie, csrf) = sign_in(&app, "admin@council.example").await;
    let page = get_with(&app, "/staff/admin/users", &cookie).await;
    assert!(page.body.contains("<option value=\"E05099902\">Abbey</option>"), "{}", page.body);

    let person = |role: &'static str, ward: &'static str, email: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("name", "Cllr Ana Castle".to_owned()),
            ("email", email.to_owned()),
            ("role", role.to_owned()),
            ("ward", ward.to_owned()),
            ("password", "a long first password".to_owned()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let app = app.clone();
        let cookie = cookie.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post_with(&app, "/staff/admin/users", &cookie, &fields).await
        }
    };
    let refused = send(person("adviser", "E05099901", "case@council.example")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#ward\"") && refused.body.contains("Only a councillor has a ward"));
    let unknown = send(person("councillor", "E05000000", "cllr@council.example")).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("There is no ward"), "{}", unknown.body);
    let added = send(person("councillor", "E05099901", "cllr@council.example")).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let ward = |email: &'static str| {
        sqlx::query_scalar::<_, Option<String>>("SELECT ward FROM staff_users WHERE email = $1")
            .bind(email)
            .fetch_optional(t.db.reader())
    };
    assert_eq!(ward("cllr@council.example").await.unwrap(), Some(Some("E05099901".to_owned())));
    assert_eq!(ward("case@council.example").await.unwrap(), None, "nothing was added");
    let list = get_with(&app, "/staff/admin/users", &cookie).await;
    assert!(list.body.contains("Councillor<br><span class=\"govuk-body-s\">Castle</span>"), "{}", list.body);

    // Moved to another ward on the account's own page.
    let id: i64 = sqlx::query_scalar("SELECT id FROM staff_users WHERE email = 'cllr@council.example'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    let edit = get_with(&app, &format!("/staff/admin/users/{id}"), &cookie).await;
    assert!(edit.body.contains("<option value=\"E05099901\" selected>Castle</option>"), "{}", edit.body);
    let moved = post_with(
        &app,
        &format!("/staff/admin/users/{id}"),
        &cookie,
        &[
            ("csrf", &csrf),
            ("action", "update"),
            ("name", "Cllr Ana Castle"),
            ("role", "councillor"),
            ("ward", "E05099902"),
        ],
    )
    .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    assert_eq!(ward("cllr@council.example").await.unwrap(), Some(Some("E05099902".to_owned())));
}
