//! Complaints to the Complaint Handling Code, on both databases, with every date worked
//! out by hand on the council's calendar (England and Wales, 9 to 5 on weekdays).

use axum::http::StatusCode;

use frontdoor::actions::{ActionError, CaseAction, perform};
use frontdoor::cases::db::get;
use frontdoor::cases::{Actor, CaseType, Status};
use frontdoor::casework::change_status;
use frontdoor::clocks::State;
use frontdoor::complaints::{self, Answer, ComplaintError};
use frontdoor::db::Db;

use crate::staff::{account, post_with, sign_in};
use crate::support::{app, council, open_at, post_form, reference_in, rules, seed_catalogue, test_db, valid_report};

/// A time on the council's clock.
fn at(y: i16, m: i8, d: i8, h: i8, min: i8) -> i64 {
    jiff::civil::date(y, m, d).at(h, min, 0, 0).in_tz("Europe/London").expect("zone").timestamp().as_millisecond()
}

fn day(y: i16, m: i8, d: i8) -> jiff::civil::Date {
    jiff::civil::date(y, m, d)
}

async fn staff_id(db: &Db, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM staff_users WHERE email = $1").bind(email).fetch_one(db.reader()).await.unwrap()
}

/// Each clock of the case: (standard, state, due).
async fn clocks(db: &Db, case_id: i64) -> Vec<(String, State, Option<i64>)> {
    let mut conn = db.reader().acquire().await.unwrap();
    frontdoor::clocks::db::for_case(&mut *conn, case_id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.standard_id, c.state, c.due_at))
        .collect()
}

fn clock(all: &[(String, State, Option<i64>)], id: &str) -> (State, Option<i64>) {
    all.iter().find(|c| c.0 == id).map_or_else(|| panic!("no clock {id} in {all:?}"), |c| (c.1, c.2))
}

fn answer(outcome: &str, text: &str, promise: Option<(&str, &str)>) -> Answer {
    Answer {
        outcome: outcome.into(),
        cause: "communication".into(),
        remedy: "We have apologised and reminded the crew to record missed bins.".into(),
        text: text.into(),
        promises: promise.map(|(p, d)| vec![(p.to_owned(), d.to_owned())]).unwrap_or_default(),
    }
}

async fn last_letter(db: &Db) -> String {
    sqlx::query_scalar("SELECT body FROM outbox ORDER BY id DESC LIMIT 1").fetch_one(db.reader()).await.unwrap()
}

#[tokio::test]
async fn a_complaint_goes_through_both_stages_and_stage_2_goes_to_someone_else() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let council = council();
    account(&t.db, "ann@council.example", "caseworker", Some("waste"), None).await;
    account(&t.db, "ben@council.example", "caseworker", Some("waste"), None).await;
    let (ann, ben) = (staff_id(&t.db, "ann@council.example").await, staff_id(&t.db, "ben@council.example").await);

    // An enquiry received on Monday 2 November 2026 at 10:00 is a complaint, the officer
    // sees on Wednesday 4 November.
    let id = open_at(&t.db, &rules, "general", "pat@example.com", at(2026, 11, 2, 10, 0)).await.case_id;
    let case = get(t.db.reader(), id).await.unwrap().unwrap();
    let mut tx = t.db.begin().await.unwrap();
    complaints::reclassify(
        &mut tx,
        &rules,
        &case,
        CaseType::Complaint,
        "Says two emails went unanswered",
        ann,
        at(2026, 11, 4, 9, 0),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let all = clocks(&t.db, id).await;
    // Acknowledged within 5 working days of receipt, counted from the receipt itself:
    // 3, 4, 5, 6 and 9 November, at closing time.
    assert_eq!(clock(&all, "complaint-stage1-acknowledge"), (State::Running, Some(at(2026, 11, 9, 17, 0))));
    // The enquiry's reply, due on Thursday 5 November, no longer applies: withdrawn,
    // counted neither way. Its acknowledgement was due on Tuesday 3 November at 10:00 and
    // never came: that promise was broken before the change, and stays missed.
    assert_eq!(clock(&all, "online-reply").0, State::Withdrawn);
    assert_eq!(clock(&all, "online-acknowledge").0, State::Missed);

    // Acknowledged on Thursday 5 November: the answer is due 10 working days later,
    // Thursday 19 November.
    let mut tx = t.db.begin().await.unwrap();
    change_status(&mut tx, id, Status::Acknowledged, Actor::staff(ann), None, &rules, at(2026, 11, 5, 11, 0))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let all = clocks(&t.db, id).await;
    assert_eq!(clock(&all, "complaint-stage1-acknowledge").0, State::Met);
    assert_eq!(clock(&all, "complaint-stage1-respond"), (State::Running, Some(at(2026, 11, 19, 17, 0))));

    // Stage 2 cannot be asked for before stage 1 is answered.
    let case = get(t.db.reader(), id).await.unwrap().unwrap();
    let mut tx = t.db.begin().await.unwrap();
    let early =
        complaints::request_stage2(&mut tx, &rules, &case, Actor::customer(case.customer_id), at(2026, 11, 6, 9, 0))
            .await;
    assert!(matches!(early, Err(ComplaintError::NotNow(_))), "{early:?}");
    drop(tx);

    // Ann answers on Tuesday 17 November, in time, with a promise. The letter says how to
    // ask for stage 2.
    let mut tx = t.db.begin().await.unwrap();
    let stage1 =
        answer("not_upheld", "We looked at both emails.", Some(("call you to explain the rota", "2026-11-30")));
    complaints::answer(&mut tx, &council, &rules, &case, ann, &stage1, day(2026, 11, 17), at(2026, 11, 17, 14, 0))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(get(t.db.reader(), id).await.unwrap().unwrap().status, Status::Resolved);
    assert_eq!(clock(&clocks(&t.db, id).await, "complaint-stage1-respond").0, State::Met);
    let letter = last_letter(&t.db).await;
    assert!(letter.contains("your complaint is not upheld"), "{letter}");
    assert!(letter.contains("What we will do by 30 November 2026: call you to explain the rota"), "{letter}");
    assert!(letter.contains("stage 2"), "{letter}");
    assert!(!letter.contains("ombudsman"), "the ombudsman comes with the final answer");

    // The resident asks for stage 2 on Monday 23 November, with no reason: the case
    // reopens, and the acknowledgement is due on Monday 30 November.
    let case = get(t.db.reader(), id).await.unwrap().unwrap();
    let mut tx = t.db.begin().await.unwrap();
    complaints::request_stage2(&mut tx, &rules, &case, Actor::customer(case.customer_id), at(2026, 11, 23, 9, 0))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(get(t.db.reader(), id).await.unwrap().unwrap().status, Status::Reopened);
    assert_eq!(
        clock(&clocks(&t.db, id).await, "complaint-stage2-acknowledge"),
        (State::Running, Some(at(2026, 11, 30, 17, 0)))
    );

    // Stage 2 cannot go to Ann, who answered stage 1; it goes to Ben.
    let ann_staff = frontdoor::sessions::Staff {
        id: ann,
        name: "Ann".into(),
        email: "ann@council.example".into(),
        role: frontdoor::org::Role::Caseworker,
        team_id: case.team_id.into(),
        partner_id: None,
        ward: None,
    };
    let mut tx = t.db.begin().await.unwrap();
    let refused = perform(
        &mut tx,
        &council,
        &rules,
        id,
        frontdoor::cases::Actor::staff(ann_staff.id),
        &CaseAction::Assign { officer_id: Some(ann) },
        at(2026, 11, 24, 9, 0),
    )
    .await;
    match refused {
        Err(ActionError::Invalid(errors)) => assert!(errors[0].message.contains("stage 1 answer"), "{errors:?}"),
        other => panic!("assigning stage 2 to the stage 1 officer was not refused: {other:?}"),
    }
    drop(tx);
    let mut tx = t.db.begin().await.unwrap();
    perform(
        &mut tx,
        &council,
        &rules,
        id,
        frontdoor::cases::Actor::staff(ann_staff.id),
        &CaseAction::Assign { officer_id: Some(ben) },
        at(2026, 11, 24, 9, 0),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    // An answer before the acknowledgement is refused. Ben acknowledges on Wednesday 25
    // November: the final answer is due 20 working days later, Wednesday 23 December.
    let case = get(t.db.reader(), id).await.unwrap().unwrap();
    let mut tx = t.db.begin().await.unwrap();
    let unacknowledged =
        complaints::answer(&mut tx, &council, &rules, &case, ben, &stage1, day(2026, 11, 24), at(2026, 11, 24, 10, 0))
            .await;
    assert!(matches!(unacknowledged, Err(ComplaintError::NotNow(_))), "{unacknowledged:?}");
    drop(tx);
    let mut tx = t.db.begin().await.unwrap();
    complaints::acknowledge_stage2(&mut tx, &council, &rules, &case, ben, at(2026, 11, 25, 10, 0)).await.unwrap();
    tx.commit().await.unwrap();
    let all = clocks(&t.db, id).await;
    assert_eq!(clock(&all, "complaint-stage2-acknowledge").0, State::Met);
    assert_eq!(clock(&all, "complaint-stage2-respond"), (State::Running, Some(at(2026, 12, 23, 17, 0))));
    assert!(last_letter(&t.db).await.contains("Wednesday 23 December 2026"), "the resident is told the date");

    // Ann may not give the stage 2 answer, even by hand; Ben gives it, upheld, and the
    // letter names the ombudsman.
    let case = get(t.db.reader(), id).await.unwrap().unwrap();
    let stage2 = answer("upheld", "We should have answered your emails. We are sorry.", None);
    let mut tx = t.db.begin().await.unwrap();
    let same =
        complaints::answer(&mut tx, &council, &rules, &case, ann, &stage2, day(2026, 12, 10), at(2026, 12, 10, 15, 0))
            .await;
    match same {
        Err(ComplaintError::Invalid(errors)) => assert!(errors[0].message.contains("someone else"), "{errors:?}"),
        other => panic!("the stage 1 officer gave the stage 2 answer: {other:?}"),
    }
    drop(tx);
    let mut tx = t.db.begin().await.unwrap();
    complaints::answer(&mut tx, &council, &rules, &case, ben, &stage2, day(2026, 12, 10), at(2026, 12, 10, 15, 0))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(clock(&clocks(&t.db, id).await, "complaint-stage2-respond").0, State::Met);
    let letter = last_letter(&t.db).await;
    assert!(letter.contains("This is our final answer") && letter.contains("www.lgo.org.uk"), "{letter}");

    // Both answers are on record, and the promise is kept, with the resident told.
    let responses = complaints::db::responses(t.db.reader(), id).await.unwrap();
    let recorded: Vec<_> = responses.iter().map(|r| (r.stage, r.outcome.as_str())).collect();
    assert_eq!(recorded, [(1, "not_upheld"), (2, "upheld")]);
    let promise = complaints::db::promises(t.db.reader(), id).await.unwrap().remove(0);
    let mut tx = t.db.begin().await.unwrap();
    complaints::keep_promise(
        &mut tx,
        &council,
        &rules,
        &case,
        promise.id,
        "Ben phoned on 11 December.",
        ben,
        at(2026, 12, 11, 9, 0),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert!(
        last_letter(&t.db).await.contains("In our answer we promised this: call you to explain the rota\nIt is done")
    );
    assert!(complaints::db::promises(t.db.reader(), id).await.unwrap()[0].done_at.is_some());
}

#[tokio::test]
async fn an_answer_with_every_field_wrong_names_each_one_on_the_case_page() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    let reference = reference_in(sent.location()).to_owned();
    let page = format!("/staff/cases/{reference}");
    account(&t.db, "waste@council.example", "caseworker", Some("waste"), None).await;
    let (cookie, csrf) = sign_in(&app, "waste@council.example").await;

    // A service request becomes a complaint only with a reason.
    let no_reason =
        post_with(&app, &page, &cookie, &[("csrf", &csrf), ("action", "reclassify"), ("case-type", "complaint")]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains(r##"<a href="#type-reason">"##), "{}", no_reason.body);
    let fields = [
        ("csrf", csrf.as_str()),
        ("action", "reclassify"),
        ("case-type", "complaint"),
        ("type-reason", "They are unhappy with how we handled it"),
    ];
    assert_eq!(post_with(&app, &page, &cookie, &fields).await.status, StatusCode::SEE_OTHER);

    let wrong = [
        ("csrf", csrf.as_str()),
        ("action", "answer"),
        ("outcome", "maybe"),
        ("cause", ""),
        ("remedy", ""),
        ("answer-text", ""),
        ("promise-1", "ring them"),
        ("promise-1-due", "next week"),
    ];
    let refused = post_with(&app, &page, &cookie, &wrong).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["outcome", "cause", "remedy", "answer-text", "promise-1"] {
        assert!(refused.body.contains(&format!(r##"<a href="#{field}">"##)), "{field} is named: {}", refused.body);
    }
    assert_eq!(crate::support::count(&t.db, "complaint_responses").await, 0, "nothing was recorded");
    // The page shows the complaint and offers its answer.
    let shown = crate::staff::get_with(&app, &page, &cookie).await;
    assert!(shown.body.contains("Stage 1: waiting for our answer"), "{}", shown.body);
    assert!(shown.body.contains("Give the stage 1 answer"));
}

/// The resident takes their answered complaint to stage 2 from their case page, with no
/// reason asked; before the stage 1 answer, or a second time, the page says why not.
#[tokio::test]
async fn a_resident_takes_an_answered_complaint_to_stage_2_from_their_case_page() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let rules = rules(&t.db).await;
    let sent = post_form(&app, "/services/general/report/send", &crate::support::valid_report()).await;
    let reference = reference_in(sent.location()).to_owned();
    let id = frontdoor::cases::CaseRef::parse(&crate::support::prefix_for(&t.db), &reference).unwrap().id();
    let page = format!("/cases/{reference}");
    let proved = post_form(&app, &format!("{page}/check"), &[("answer", "jo.resident@example.com")]).await;
    let cookie = crate::tracking::proof(&proved, &reference);
    account(&t.db, "ann@council.example", "caseworker", Some("waste"), None).await;
    let ann = staff_id(&t.db, "ann@council.example").await;

    let case = get(t.db.reader(), id).await.unwrap().unwrap();
    let mut tx = t.db.begin().await.unwrap();
    complaints::reclassify(
        &mut tx,
        &rules,
        &case,
        CaseType::Complaint,
        "Unhappy with the service",
        ann,
        frontdoor::db::now_ms(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let shown = crate::tracking::with_cookie(&app, "GET", &page, &cookie, &[]).await;
    assert!(!shown.body.contains("Take my complaint to stage 2"), "not before the stage 1 answer");
    let early = crate::tracking::with_cookie(&app, "POST", &format!("{page}/stage2"), &cookie, &[]).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains("once we have answered your complaint"), "{}", early.body);

    let case = get(t.db.reader(), id).await.unwrap().unwrap();
    let today = jiff::Zoned::now().date();
    let mut tx = t.db.begin().await.unwrap();
    let first = answer("partly_upheld", "We have looked into it.", None);
    complaints::answer(&mut tx, &council(), &rules, &case, ann, &first, today, frontdoor::db::now_ms()).await.unwrap();
    tx.commit().await.unwrap();
    let shown = crate::tracking::with_cookie(&app, "GET", &page, &cookie, &[]).await;
    assert!(shown.body.contains("Take my complaint to stage 2"), "{}", shown.body);

    let asked = crate::tracking::with_cookie(&app, "POST", &format!("{page}/stage2"), &cookie, &[]).await;
    assert_eq!((asked.status, asked.location()), (StatusCode::SEE_OTHER, format!("{page}?done=stage2").as_str()));
    let after = crate::tracking::with_cookie(&app, "GET", &format!("{page}?done=stage2"), &cookie, &[]).await;
    assert!(after.body.contains("We have your request to take your complaint to stage 2"));
    assert!(after.body.contains("You asked us to take your complaint to stage 2"), "on the timeline");
    assert_eq!(get(t.db.reader(), id).await.unwrap().unwrap().status, Status::Reopened);
    let again = crate::tracking::with_cookie(&app, "POST", &format!("{page}/stage2"), &cookie, &[]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "only once");
    // Without proof, nothing happens.
    assert_eq!(post_form(&app, &format!("{page}/stage2"), &[]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        crate::support::count(&t.db, "case_events_as_text WHERE kind = 'milestone' AND body = 'stage2_requested'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_team_lead_records_and_ends_a_contact_arrangement_with_a_review_date() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/general/report/send", &crate::support::valid_report()).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let customer: i64 = sqlx::query_scalar("SELECT id FROM customers").fetch_one(t.db.reader()).await.unwrap();
    let record = format!("/staff/customers/{customer}");
    account(&t.db, "lead@council.example", "team_lead", Some("waste"), None).await;
    account(&t.db, "worker@council.example", "caseworker", Some("waste"), None).await;

    // A caseworker may not limit how someone contacts us.
    let (worker, worker_csrf) = sign_in(&app, "worker@council.example").await;
    let fields = [
        ("csrf", worker_csrf.as_str()),
        ("arrangement", "One email a week"),
        ("arrangement-reason", "x"),
        ("review-on", "2099-01-01"),
    ];
    assert_eq!(
        post_with(&app, &format!("{record}/arrangements"), &worker, &fields).await.status,
        StatusCode::FORBIDDEN
    );

    let (lead, csrf) = sign_in(&app, "lead@council.example").await;
    let wrong = [("csrf", csrf.as_str()), ("arrangement", ""), ("arrangement-reason", ""), ("review-on", "2020-01-01")];
    let refused = post_with(&app, &format!("{record}/arrangements"), &lead, &wrong).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["arrangement", "arrangement-reason", "review-on"] {
        assert!(refused.body.contains(&format!(r##"<a href="#{field}">"##)), "{field}: {}", refused.body);
    }
    let review = (jiff::Zoned::now().date() + jiff::Span::new().months(6)).to_string();
    let right = [
        ("csrf", csrf.as_str()),
        ("arrangement", "One named officer answers their emails, once a week"),
        ("arrangement-reason", "Forty emails a day about the same missed bin"),
        ("review-on", review.as_str()),
    ];
    let recorded = post_with(&app, &format!("{record}/arrangements"), &lead, &right).await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);
    let shown = crate::staff::get_with(&app, &record, &lead).await;
    assert!(shown.body.contains("One named officer answers their emails") && shown.body.contains(&review));
    // The case page warns whoever works the customer's case.
    let case_page = format!("/staff/cases/{}", reference_in(sent.location()));
    assert!(
        crate::staff::get_with(&app, &case_page, &lead).await.body.contains("Contact arrangement: One named officer")
    );

    let id: i64 = sqlx::query_scalar("SELECT id FROM contact_arrangements").fetch_one(t.db.reader()).await.unwrap();
    let ended = post_with(&app, &format!("{record}/arrangements/{id}/end"), &lead, &[("csrf", &csrf)]).await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    assert!(crate::staff::get_with(&app, &record, &lead).await.body.contains("None. Everyone may contact us"));
    assert_eq!(
        crate::support::count(&t.db, "contact_arrangements WHERE ended_at IS NOT NULL").await,
        1,
        "the record stays"
    );
}

#[tokio::test]
async fn the_annual_report_counts_timeliness_outcomes_causes_and_promises() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let app = app(&t.db).await;
    account(&t.db, "ann@council.example", "caseworker", Some("waste"), None).await;
    account(&t.db, "insight@council.example", "insight", None, None).await;
    let ann = staff_id(&t.db, "ann@council.example").await;

    // Two complaints in 2026: one answered at stage 1 in time, upheld with a promise; one
    // answered late (received 2 November, answered 30 November), not upheld.
    for (received, answered, outcome, promise) in [
        (at(2026, 3, 2, 10, 0), at(2026, 3, 6, 12, 0), "upheld", Some(("repair the fence", "2026-03-20"))),
        (at(2026, 11, 2, 10, 0), at(2026, 11, 30, 12, 0), "not_upheld", None),
    ] {
        let id = open_at(&t.db, &rules, "general", "pat@example.com", received).await.case_id;
        let case = get(t.db.reader(), id).await.unwrap().unwrap();
        let mut tx = t.db.begin().await.unwrap();
        complaints::reclassify(&mut tx, &rules, &case, CaseType::Complaint, "A complaint", ann, received)
            .await
            .unwrap();
        change_status(&mut tx, id, Status::Acknowledged, Actor::staff(ann), None, &rules, received + 3_600_000)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let case = get(t.db.reader(), id).await.unwrap().unwrap();
        let mut tx = t.db.begin().await.unwrap();
        let given = answer(outcome, "Our answer.", promise);
        let today = jiff::Timestamp::from_millisecond(answered).unwrap().to_zoned(jiff::tz::TimeZone::UTC).date();
        complaints::answer(&mut tx, &council(), &rules, &case, ann, &given, today, answered).await.unwrap();
        tx.commit().await.unwrap();
    }

    let report = complaints::report::annual(
        t.db.reader(),
        2026,
        day(2026, 12, 1),
        &jiff::tz::TimeZone::get("Europe/London").unwrap(),
    )
    .await
    .unwrap();
    let kept = |id: &str| report.timeliness.get(id).cloned().unwrap_or_default();
    assert_eq!((kept("complaint-stage1-acknowledge").met, kept("complaint-stage1-acknowledge").missed), (2, 0));
    assert_eq!((kept("complaint-stage1-respond").met, kept("complaint-stage1-respond").missed), (1, 1));
    assert_eq!(report.outcomes.len(), 2);
    assert_eq!(report.causes.values().sum::<i64>(), 2);
    assert_eq!((report.promised, report.kept, report.overdue), (1, 0, 1), "the fence is overdue");
    let csv = complaints::report::csv(&report);
    assert!(csv.starts_with("year,section,item,value\r\n"));
    assert!(csv.contains("2026,missed,Stage 1 answered within 10 working days of acknowledgement,1\r\n"), "{csv}");

    // Insight officers read it as a page and as CSV; a caseworker may not.
    let (insight, _) = sign_in(&app, "insight@council.example").await;
    let page = crate::staff::get_with(&app, "/staff/reports/complaints?year=2026", &insight).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Stage 1: Upheld") && page.body.contains("50%"), "{}", page.body);
    let file = crate::staff::get_with(&app, "/staff/reports/complaints.csv?year=2026", &insight).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.body.contains("promises,Past their date,1"));
    let (worker, _) = sign_in(&app, "ann@council.example").await;
    assert_eq!(crate::staff::get_with(&app, "/staff/reports/complaints", &worker).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        crate::staff::get_with(&app, "/staff/reports/complaints?year=1990", &insight).await.status,
        StatusCode::BAD_REQUEST
    );
}
