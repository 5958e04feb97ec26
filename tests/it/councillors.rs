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
