//! Queues: open cases nearest deadline first, with the time left in words; filters; pages
//! by keyset; and each role sees only what it should.

use axum::http::StatusCode;

use frontdoor::cases::{Actor, Channel, Status};
use frontdoor::customers::CustomerDetails;
use frontdoor::db::{Db, now_ms};
use frontdoor::intake::{self, Request};
use frontdoor::{org, services};

use crate::staff::{account, get_with, sign_in};
use crate::support::{app, council, rules, seed_catalogue, test_db};

const DAY: i64 = 24 * 3_600_000;

/// Opens a missed-bin case as if it had arrived `days_ago`, through intake as a form does.
async fn open_at(db: &Db, service: &str, days_ago: i64) -> i64 {
    let rules = rules(db).await;
    let service = services::db::by_code(db.reader(), service).await.expect("read").expect("service");
    let customer =
        CustomerDetails { name: "Jo Resident".into(), email: Some("jo@example.com".into()), ..Default::default() };
    let request = Request {
        language: frontdoor::language::ENGLISH,
        service: &service,
        channel: Channel::Web,
        customer: &customer,
        location: Default::default(),
        description: "The bin was not emptied.".into(),
        subject: &service.name,
        in_reply_to: None,
        acknowledge: false,
        logged_by: None,
        resolved_at_first_contact: false,
        answers: &[],
        callback: None,
        received_at: None,
        demand: None,
        reason: None,
    };
    let mut tx = db.begin().await.expect("begin");
    let opened = intake::open(&mut tx, &council(), &rules, request, now_ms() - days_ago * DAY).await.expect("open");
    tx.commit().await.expect("commit");
    opened.case_id
}

/// The references in a queue page, in order.
fn references(body: &str) -> Vec<String> {
    body.split("href=\"/staff/cases/").skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_owned).collect()
}

pub fn reference(db: &frontdoor::db::Db, id: i64) -> String {
    frontdoor::cases::CaseRef::from_id(&crate::support::prefix_for(db), id).to_string()
}

#[tokio::test]
async fn a_team_sees_its_open_cases_nearest_deadline_first_with_the_time_left_in_words() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let fresh = open_at(&t.db, "missed-bin", 0).await;
    let late = open_at(&t.db, "missed-bin", 30).await;
    let done = open_at(&t.db, "missed-bin", 40).await;
    let rules = rules(&t.db).await;
    let mut tx = t.db.begin().await.expect("begin");
    frontdoor::casework::change_status(
        &mut tx,
        done,
        Status::Resolved,
        Actor::SYSTEM,
        Some("Emptied."),
        &rules,
        now_ms(),
    )
    .await
    .expect("resolve");
    tx.commit().await.expect("commit");

    account(&t.db, "lead@council.example", "team_lead", Some("waste"), None).await;
    let (cookie, _) = sign_in(&app, "lead@council.example").await;
    let waste: i64 =
        sqlx::query_scalar("SELECT id FROM teams WHERE code = 'waste'").fetch_one(t.db.reader()).await.expect("team");
    let queue = get_with(&app, &format!("/staff/queue?team={waste}"), &cookie).await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
    assert!(queue.body.contains("Waste: open cases"));
    let own = get_with(&app, "/staff/queue", &cookie).await;
    assert!(own.body.contains("Waste: open cases"), "a team lead starts on their own team");
    let every = get_with(&app, "/staff/queue?team=all", &cookie).await;
    assert!(every.body.contains("All open cases"));
    assert_eq!(
        references(&queue.body),
        vec![reference(&t.db, late), reference(&t.db, fresh)],
        "resolved cases leave the queue"
    );
    assert!(queue.body.contains("working days late</strong>"), "{}", queue.body);
    assert!(queue.body.contains("govuk-tag--red"));

    // Filters: only the late one; then only the one on time.
    let late_only = get_with(&app, &format!("/staff/queue?team={waste}&deadline=late"), &cookie).await;
    assert_eq!(references(&late_only.body), vec![reference(&t.db, late)]);
    assert!(late_only.body.contains("Remove this filter</span> Deadline: Late</a>"), "the filter in force is shown");
    let mut on_time = Vec::new();
    for deadline in ["soon", "later", "none"] {
        let page = get_with(&app, &format!("/staff/queue?team={waste}&deadline={deadline}"), &cookie).await;
        on_time.extend(references(&page.body));
    }
    assert_eq!(on_time, vec![reference(&t.db, fresh)], "the fresh case is on time, once");
    let general = get_with(&app, &format!("/staff/queue?team={waste}&service=general"), &cookie).await;
    assert!(references(&general.body).is_empty());
    assert!(general.body.contains("No open cases match."));
    let by_received = get_with(&app, &format!("/staff/queue?team={waste}&sort=received"), &cookie).await;
    assert_eq!(references(&by_received.body), vec![reference(&t.db, fresh), reference(&t.db, late)], "lowest id first");

    // Mine and unassigned.
    let lead: i64 = sqlx::query_scalar("SELECT id FROM staff_users WHERE email = 'lead@council.example'")
        .fetch_one(t.db.reader())
        .await
        .expect("id");
    sqlx::query("UPDATE cases SET officer_id = $1 WHERE id = $2")
        .bind(lead)
        .bind(fresh)
        .execute(t.db.writer())
        .await
        .expect("assign");
    let mine = get_with(&app, "/staff/queue?view=mine", &cookie).await;
    assert_eq!(references(&mine.body), vec![reference(&t.db, fresh)]);
    let unassigned = get_with(&app, &format!("/staff/queue?view=unassigned&team={waste}"), &cookie).await;
    assert_eq!(references(&unassigned.body), vec![reference(&t.db, late)]);
}

#[tokio::test]
async fn a_long_queue_pages_by_keyset_fifty_at_a_time() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    for _ in 0..51 {
        open_at(&t.db, "missed-bin", 0).await;
    }
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let (cookie, _) = sign_in(&app, "adviser@council.example").await;
    let first = get_with(&app, "/staff/queue", &cookie).await;
    assert!(first.body.contains("All open cases"));
    assert_eq!(references(&first.body).len(), 50);
    let next = first.body.split("href=\"").find(|s| s.contains("after=")).expect("a next page link");
    let next = next.split('"').next().expect("href").replace("&#38;", "&");
    let second = get_with(&app, &next, &cookie).await;
    let rest = references(&second.body);
    assert_eq!(rest.len(), 1);
    assert!(!references(&first.body).contains(&rest[0]));
    assert!(second.body.contains("First page") && !second.body.contains("Next page"));
}

#[tokio::test]
async fn partners_see_only_their_cases_and_caseworkers_only_their_team_whatever_the_address_says() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let (waste, repairs) = {
        let mut tx = t.db.begin().await.expect("begin");
        let repairs =
            org::db::insert_partner(&mut tx, "repairs", "Repairs Ltd", "r@example.com").await.expect("partner");
        org::db::insert_team(&mut tx, "housing", "Housing", "h@example.com").await.expect("team");
        let waste: i64 =
            sqlx::query_scalar("SELECT id FROM teams WHERE code = 'waste'").fetch_one(&mut *tx).await.expect("team");
        let new = services::db::NewService {
            code: "repair",
            name: "Report a repair",
            group_name: "Housing",
            description: "A repair.",
            keywords: "",
            case_type: frontdoor::cases::CaseType::ServiceRequest,
            team_id: waste,
            partner_id: Some(repairs),
            asks_location: false,
        };
        services::db::insert(&mut tx, &new).await.expect("service");
        tx.commit().await.expect("commit");
        (waste, repairs)
    };
    let _ = repairs;
    let bin = open_at(&t.db, "missed-bin", 0).await;
    let repair = open_at(&t.db, "repair", 0).await;
    account(&t.db, "partner@repairs.example", "partner", None, Some("repairs")).await;
    account(&t.db, "housing@council.example", "caseworker", Some("housing"), None).await;

    let (cookie, _) = sign_in(&app, "partner@repairs.example").await;
    for address in ["/staff/queue", &format!("/staff/queue?team={waste}"), "/staff/queue?view=unassigned"] {
        let queue = get_with(&app, address, &cookie).await;
        assert_eq!(references(&queue.body), vec![reference(&t.db, repair)], "{address}");
        assert!(!queue.body.contains(&reference(&t.db, bin)));
    }
    let (cookie, _) = sign_in(&app, "housing@council.example").await;
    let queue = get_with(&app, &format!("/staff/queue?team={waste}"), &cookie).await;
    assert!(references(&queue.body).is_empty(), "a caseworker's queue is their own team's");
    assert!(queue.body.contains("Housing: open cases"));

    account(&t.db, "auditor@council.example", "auditor", None, None).await;
    let (cookie, _) = sign_in(&app, "auditor@council.example").await;
    assert_eq!(get_with(&app, "/staff/queue", &cookie).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_team_lead_assigns_or_closes_many_cases_with_one_reason_all_or_nothing() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let ids: Vec<i64> = {
        let mut ids = Vec::new();
        for days in [0, 1, 2] {
            ids.push(open_at(&t.db, "missed-bin", days).await);
        }
        ids
    };
    let lead = account(&t.db, "lead@council.example", "team_lead", Some("waste"), None).await;
    account(&t.db, "waste@council.example", "caseworker", Some("waste"), None).await;
    let (cookie, csrf) = sign_in(&app, "waste@council.example").await;
    let forbidden = crate::staff::post_with(&app, "/staff/queue/bulk", &cookie, &[("csrf", &csrf)]).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);

    let (cookie, csrf) = sign_in(&app, "lead@council.example").await;
    let queue = get_with(&app, "/staff/queue", &cookie).await;
    assert!(queue.body.contains("With the selected cases"));
    let back = "/staff/queue?view=team";
    let empty = crate::staff::post_with(&app, "/staff/queue/bulk", &cookie, &[("csrf", &csrf), ("back", back)]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in ["Select at least one case", "Choose what to do with the selected cases", "Enter the reason"] {
        assert!(empty.body.contains(message), "{message}");
    }

    let id_text: Vec<String> = ids.iter().map(std::string::ToString::to_string).collect();
    let lead_text = lead.to_string();
    let mut assign =
        vec![("csrf", csrf.as_str()), ("back", back), ("action", "assign"), ("officer", lead_text.as_str())];
    assign.push(("reason", "Lead takes these this week."));
    assign.extend(id_text.iter().map(|id| ("case", id.as_str())));
    let assigned = crate::staff::post_with(&app, "/staff/queue/bulk", &cookie, &assign).await;
    assert_eq!(assigned.status, StatusCode::SEE_OTHER, "{}", assigned.body);
    assert_eq!(assigned.location(), "/staff/queue?view=team&done=3");
    let mine: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE officer_id = $1")
        .bind(lead)
        .fetch_one(t.db.reader())
        .await
        .expect("count");
    assert_eq!(mine, 3);
    assert_eq!(crate::support::count(&t.db, "case_events_as_text WHERE kind = 'note'").await, 3);

    // One case already closed, last in the list, stops the lot: the others stay open.
    let close = |ids: &[&String]| {
        let mut fields = vec![("csrf", csrf.clone()), ("back", back.to_owned()), ("action", "close".to_owned())];
        fields.push(("reason", "Duplicates of one report.".to_owned()));
        fields.extend(ids.iter().map(|id| ("case", (*id).clone())));
        fields
    };
    let first = close(&[&id_text[0]]);
    let first: Vec<(&str, &str)> = first.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(crate::staff::post_with(&app, "/staff/queue/bulk", &cookie, &first).await.status, StatusCode::SEE_OTHER);
    let all = close(&[&id_text[1], &id_text[2], &id_text[0]]);
    let all: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = crate::staff::post_with(&app, "/staff/queue/bulk", &cookie, &all).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Nothing was changed."), "{}", refused.body);
    assert!(refused.body.contains(&crate::queues::reference(&t.db, ids[0])));
    assert_eq!(crate::support::count(&t.db, "cases WHERE status = 'closed'").await, 1);
    // The queue comes back with the same cases ticked.
    for id in &id_text[1..] {
        assert!(
            refused.body.contains(&format!(r#"name="case" type="checkbox" value="{id}" checked>"#)),
            "{id} still ticked"
        );
    }
}
