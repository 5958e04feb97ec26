//! FOI, EIR and subject access requests, on both databases, with every date worked out
//! by hand. FOI and EIR clocks count UK-wide working days: a bank holiday in any part of
//! the UK is left out (England and Wales, Scotland and Northern Ireland).
//!
//! The holidays these tests cross: Christmas Day (Friday 25 December 2026), Boxing Day's
//! substitute (Monday 28 December), New Year's Day (Friday 1 January 2027), Scotland's
//! 2 January substitute (Monday 4 January), St Patrick's Day in Northern Ireland
//! (Wednesday 17 March), Good Friday (26 March) and Easter Monday (29 March 2027).

use std::io::Read;

use axum::http::{StatusCode, header};

use frontdoor::cases::db::get;
use frontdoor::cases::{Actor, CaseRef, CaseType, Status};
use frontdoor::casework::change_status;
use frontdoor::casework::clocks::ExtendError;
use frontdoor::clocks::State;
use frontdoor::db::Db;
use frontdoor::information::{self, Answer, Entry, InformationError};
use frontdoor::org;
use frontdoor::services::{self, db::NewService};

use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{app, council, count, open_at, post_form, reference_in, rules, test_db, valid_report};

/// A time on the council's clock.
fn at(y: i16, m: i8, d: i8, h: i8, min: i8) -> i64 {
    jiff::civil::date(y, m, d).at(h, min, 0, 0).in_tz("Europe/London").expect("zone").timestamp().as_millisecond()
}

/// Closing time, 17:00, on a day.
fn close(y: i16, m: i8, d: i8) -> i64 {
    at(y, m, d, 17, 0)
}

/// An information team and its three services.
async fn seed(db: &Db) {
    let mut tx = db.begin().await.unwrap();
    let team = org::db::insert_team(&mut tx, "info", "Information governance", "info@example.gov.uk").await.unwrap();
    for (code, name, ty) in [
        ("foi", "Make a Freedom of Information request", CaseType::Foi),
        ("eir", "Ask for environmental information", CaseType::Eir),
        ("sar", "Ask for your personal information", CaseType::SubjectAccess),
    ] {
        let new = NewService {
            code,
            name,
            group_name: "Your information",
            description: "A test service.",
            keywords: "",
            case_type: ty,
            team_id: team,
            partner_id: None,
            asks_location: false,
        };
        services::db::insert(&mut tx, &new).await.unwrap();
    }
    tx.commit().await.unwrap();
}

async fn staff_id(db: &Db, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM staff_users WHERE email = $1").bind(email).fetch_one(db.reader()).await.unwrap()
}

/// One clock of the case: (state, due).
async fn clock(db: &Db, case_id: i64, standard: &str) -> (State, Option<i64>) {
    let mut conn = db.reader().acquire().await.unwrap();
    frontdoor::clocks::db::for_case(&mut *conn, case_id)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.standard_id == standard)
        .map_or_else(|| panic!("no clock {standard} on case {case_id}"), |c| (c.state, c.due_at))
}

async fn status(db: &Db, case_id: i64, to: Status, actor: Actor, when: i64) {
    let rules = rules(db).await;
    let mut tx = db.begin().await.unwrap();
    change_status(&mut tx, case_id, to, actor, Some("Please tell us which year you mean."), &rules, when)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn last_letter(db: &Db) -> String {
    sqlx::query_scalar("SELECT body FROM outbox ORDER BY id DESC LIMIT 1").fetch_one(db.reader()).await.unwrap()
}

fn answer(outcome: &str, exemptions: &[&str], text: &str) -> Answer {
    Answer {
        outcome: outcome.into(),
        exemptions: exemptions.iter().map(std::string::ToString::to_string).collect(),
        text: text.into(),
    }
}

/// The fields a refusal names.
fn fields(err: InformationError) -> Vec<String> {
    match err {
        InformationError::Invalid(errors) => errors.into_iter().map(|e| e.field.to_string()).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[tokio::test]
async fn an_foi_request_made_on_18_december_with_clarification_over_christmas_then_a_review_and_the_log() {
    let t = test_db().await;
    seed(&t.db).await;
    let rules = rules(&t.db).await;
    let council = council();
    account(&t.db, "owen@council.example", "caseworker", Some("info"), None).await;
    account(&t.db, "rhian@council.example", "caseworker", Some("info"), None).await;
    let (owen, rhian) = (staff_id(&t.db, "owen@council.example").await, staff_id(&t.db, "rhian@council.example").await);

    // Received on Friday 18 December 2026 at 10:00, the day of receipt being day 0.
    // 20 UK working days: 21 to 24 December (4), 29 to 31 December (7), 5 to 8 January
    // (11), 11 to 15 January (16), 18 to 21 January (20). Thursday 21 January 2027.
    let id = open_at(&t.db, &rules, "foi", "pat@example.com", at(2026, 12, 18, 10, 0)).await.case_id;
    assert_eq!(clock(&t.db, id, "foi-respond").await, (State::Running, Some(close(2027, 1, 21))));

    // On Monday 21 December the officer asks what the request means: the clock stops.
    status(&t.db, id, Status::WaitingForCustomer, Actor::staff(owen), at(2026, 12, 21, 11, 0)).await;
    assert_eq!(clock(&t.db, id, "foi-respond").await, (State::Paused, None));

    // The answer comes on Tuesday 29 December: the 20 days start again from that day
    // (s.1(3)), not from where they stopped. 30 and 31 December (2), 5 to 8 January (6),
    // 11 to 15 (11), 18 to 22 (16), 25 to 28 January (20): Thursday 28 January 2027.
    // (On England and Wales' days alone it would be the 27th: Scotland's 4 January
    // holiday counts for FOI.)
    status(&t.db, id, Status::InProgress, Actor::customer(None), at(2026, 12, 29, 14, 0)).await;
    assert_eq!(clock(&t.db, id, "foi-respond").await, (State::Running, Some(close(2027, 1, 28))));

    // The answer, refused in part: each refusal of the form names its field.
    let case = get(t.db.reader(), id).await.unwrap().unwrap();
    let when = at(2027, 1, 26, 15, 0);
    for (wrong, field) in [
        (answer("", &[], "x"), "info-outcome"),
        (answer("refused", &[], "x"), "exemptions"),
        (answer("provided", &["s40"], "x"), "exemptions"),
        (answer("part_provided", &["r13"], "x"), "exemptions"),
        (answer("provided", &[], "  "), "info-text"),
    ] {
        let mut tx = t.db.begin().await.unwrap();
        let refused = information::answer(&mut tx, &council, &rules, &case, owen, &wrong, when).await.unwrap_err();
        assert_eq!(fields(refused), vec![field.to_owned()], "{wrong:?}");
    }
    let mut tx = t.db.begin().await.unwrap();
    let given = answer("part_provided", &["s40"], "Attached are the repairs by ward. Staff names are taken out.");
    information::answer(&mut tx, &council, &rules, &case, owen, &given, when).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(clock(&t.db, id, "foi-respond").await.0, State::Met);
    assert_eq!(get(t.db.reader(), id).await.unwrap().unwrap().status, Status::Resolved);
    let letter = last_letter(&t.db).await;
    assert!(letter.contains("Our decision: information provided in part."), "{letter}");
    assert!(letter.contains("Section 40: personal information"), "{letter}");
    assert!(letter.contains("ask for an internal review"), "{letter}");
    // A second answer is refused.
    let case = get(t.db.reader(), id).await.unwrap().unwrap();
    let mut tx = t.db.begin().await.unwrap();
    let again = information::answer(&mut tx, &council, &rules, &case, owen, &given, when).await;
    assert!(matches!(again, Err(InformationError::NotNow(_))), "{again:?}");
    drop(tx);

    // The requester asks for a review on Monday 1 February 2027: 20 UK working days,
    // 2 February to 1 March (no holidays in February). Monday 1 March 2027.
    let mut tx = t.db.begin().await.unwrap();
    information::request_review(&mut tx, &rules, &case, Actor::customer(case.customer_id), at(2027, 2, 1, 9, 0))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(get(t.db.reader(), id).await.unwrap().unwrap().status, Status::Reopened);
    assert_eq!(clock(&t.db, id, "foi-review").await, (State::Running, Some(close(2027, 3, 1))));
    assert_eq!(clock(&t.db, id, "foi-respond").await.0, State::Met, "the first clock stays met");

    // The officer who made the first decision may not review it.
    let case = get(t.db.reader(), id).await.unwrap().unwrap();
    let upheld = answer("upheld", &["s40"], "I have looked at the answer again and agree with it.");
    let mut tx = t.db.begin().await.unwrap();
    let own = information::answer_review(&mut tx, &council, &rules, &case, owen, &upheld, at(2027, 2, 20, 9, 0)).await;
    assert_eq!(fields(own.unwrap_err()), vec!["info-text".to_owned()]);
    drop(tx);
    let mut tx = t.db.begin().await.unwrap();
    information::answer_review(&mut tx, &council, &rules, &case, rhian, &upheld, at(2027, 2, 22, 9, 0)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(clock(&t.db, id, "foi-review").await.0, State::Met);
    let letter = last_letter(&t.db).await;
    assert!(letter.contains("first decision upheld") && letter.contains("Information Commissioner"), "{letter}");
    assert!(letter.contains(&rules.policy.information.regulator), "{letter}");

    // Published in the disclosure log, in words that name nobody.
    let case = get(t.db.reader(), id).await.unwrap().unwrap();
    let mut tx = t.db.begin().await.unwrap();
    let empty = information::publish(&mut tx, &rules, &case, owen, &Entry::default(), at(2027, 2, 23, 9, 0)).await;
    assert_eq!(fields(empty.unwrap_err()), vec!["log-title", "log-request", "log-response"]);
    drop(tx);
    let entry = Entry {
        title: "Potholes repaired in 2025, by ward".into(),
        request: "Please send me the number of potholes repaired last year by ward.".into(),
        response: "Castle ward: 412. Riverside ward: 380.".into(),
    };
    let mut tx = t.db.begin().await.unwrap();
    information::publish(&mut tx, &rules, &case, owen, &entry, at(2027, 2, 23, 9, 0)).await.unwrap();
    tx.commit().await.unwrap();
    let app = app(&t.db).await;
    let log = crate::support::get(&app, "/disclosure-log").await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(log.body.contains("Potholes repaired in 2025, by ward"), "{}", log.body);
    assert!(log.body.contains("Information provided in part"), "{}", log.body);
    let entry_id: i64 = sqlx::query_scalar("SELECT id FROM disclosure_log").fetch_one(t.db.reader()).await.unwrap();
    let shown = crate::support::get(&app, &format!("/disclosure-log/{entry_id}")).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("Castle ward: 412") && shown.body.contains("Section 40"), "{}", shown.body);
    assert!(shown.body.contains("Friday 18 December 2026"), "the day it was asked: {}", shown.body);
    assert!(!shown.body.contains("pat@example.com") && !shown.body.contains("Pat Resident"), "nobody is named");
    assert!(
        !shown.body.contains(&CaseRef::from_id(&crate::support::prefix_for(&t.db), id).to_string()),
        "nor the requester's reference"
    );

    // Taken down, it is gone from the public log but kept for the record.
    let mut tx = t.db.begin().await.unwrap();
    information::withdraw(&mut tx, &rules, &case, owen, "A name was left in", at(2027, 2, 24, 9, 0)).await.unwrap();
    tx.commit().await.unwrap();
    assert!(!crate::support::get(&app, "/disclosure-log").await.body.contains("Potholes repaired"));
    assert_eq!(crate::support::get(&app, &format!("/disclosure-log/{entry_id}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(count(&t.db, "disclosure_log WHERE withdrawn_reason = 'A name was left in'").await, 1);
}

#[tokio::test]
async fn an_eir_request_is_extended_to_40_working_days_only_within_the_first_20() {
    let t = test_db().await;
    seed(&t.db).await;
    let rules = rules(&t.db).await;
    let council = council();
    account(&t.db, "lead@council.example", "team_lead", Some("info"), None).await;
    let lead = staff_id(&t.db, "lead@council.example").await;

    // Received on Monday 1 February 2027: 20 UK working days is Monday 1 March.
    let id = open_at(&t.db, &rules, "eir", "pat@example.com", at(2027, 2, 1, 10, 0)).await.case_id;
    let late = open_at(&t.db, &rules, "eir", "sam@example.com", at(2027, 2, 1, 10, 0)).await.case_id;
    assert_eq!(clock(&t.db, id, "eir-respond").await, (State::Running, Some(close(2027, 3, 1))));

    // Complex and voluminous: 20 more working days on Monday 22 February, within the
    // first 20. After 1 March: 2 to 5 March (24), 8 to 12 (29), 15, 16, 18 and 19 (33,
    // St Patrick's Day left out), 22 to 25 (37), then Good Friday and Easter Monday left
    // out, 30 and 31 March (39) and Thursday 1 April 2027 (40).
    let reason = "Ten years of air quality readings from four sites: complex and voluminous.";
    let mut tx = t.db.begin().await.unwrap();
    let due = frontdoor::casework::clocks::extend(
        &mut tx,
        id,
        "eir-respond",
        20,
        reason,
        lead,
        &rules,
        &council,
        at(2027, 2, 22, 9, 0),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(due.as_millisecond(), close(2027, 4, 1));
    assert_eq!(clock(&t.db, id, "eir-respond").await, (State::Running, Some(close(2027, 4, 1))));
    assert!(last_letter(&t.db).await.contains("Thursday 1 April 2027"), "the requester is told the new date");

    // 40 is the most: one day more is refused.
    let mut tx = t.db.begin().await.unwrap();
    let more = frontdoor::casework::clocks::extend(
        &mut tx,
        id,
        "eir-respond",
        1,
        reason,
        lead,
        &rules,
        &council,
        at(2027, 2, 23, 9, 0),
    )
    .await;
    assert!(matches!(more, Err(ExtendError::CapReached { .. })), "{more:?}");
    drop(tx);

    // Once the 20 days have passed, it is too late to tell the requester.
    let mut tx = t.db.begin().await.unwrap();
    let after = frontdoor::casework::clocks::extend(
        &mut tx,
        late,
        "eir-respond",
        20,
        reason,
        lead,
        &rules,
        &council,
        at(2027, 3, 2, 9, 0),
    )
    .await;
    match after {
        Err(ExtendError::TooLate(date)) => assert_eq!(date, "Monday 1 March 2027"),
        other => panic!("expected too late, got {other:?}"),
    }
}

#[tokio::test]
async fn a_subject_access_request_received_on_31_january_stops_for_identity_and_is_extended_in_the_first_month() {
    let t = test_db().await;
    seed(&t.db).await;
    let rules = rules(&t.db).await;
    let council = council();
    account(&t.db, "lead@council.example", "team_lead", Some("info"), None).await;
    let lead = staff_id(&t.db, "lead@council.example").await;

    // Received on Sunday 31 January 2027. One month later has no 31st: the last day of
    // February, Sunday 28 February, which is not a working day, so Monday 1 March.
    let id = open_at(&t.db, &rules, "sar", "pat@example.com", at(2027, 1, 31, 11, 0)).await.case_id;
    let other = open_at(&t.db, &rules, "sar", "sam@example.com", at(2027, 1, 31, 11, 0)).await.case_id;
    assert_eq!(clock(&t.db, id, "sar-respond").await, (State::Running, Some(close(2027, 3, 1))));

    // Waiting for proof of identity from Tuesday 2 February to Friday 12 February stops
    // the clock: those 10 days are added. 28 February and 10 days is Wednesday 10 March.
    status(&t.db, id, Status::WaitingForCustomer, Actor::staff(lead), at(2027, 2, 2, 10, 0)).await;
    assert_eq!(clock(&t.db, id, "sar-respond").await, (State::Paused, None));
    status(&t.db, id, Status::InProgress, Actor::customer(None), at(2027, 2, 12, 10, 0)).await;
    assert_eq!(clock(&t.db, id, "sar-respond").await, (State::Running, Some(close(2027, 3, 10))));

    // Up to two more months, decided within the first month (by 10 March). Three are
    // refused; two on Friday 5 March give 30 April and the 10 days: Monday 10 May 2027.
    let reason = "Records in four services going back twelve years.";
    let mut tx = t.db.begin().await.unwrap();
    let three = frontdoor::casework::clocks::extend(
        &mut tx,
        id,
        "sar-respond",
        3,
        reason,
        lead,
        &rules,
        &council,
        at(2027, 3, 5, 9, 0),
    )
    .await;
    assert!(matches!(three, Err(ExtendError::CapReached { .. })), "{three:?}");
    drop(tx);
    let mut tx = t.db.begin().await.unwrap();
    frontdoor::casework::clocks::extend(
        &mut tx,
        id,
        "sar-respond",
        2,
        reason,
        lead,
        &rules,
        &council,
        at(2027, 3, 5, 9, 0),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(clock(&t.db, id, "sar-respond").await, (State::Running, Some(close(2027, 5, 10))));
    assert!(last_letter(&t.db).await.contains("Monday 10 May 2027"));

    // The other request never stopped: its first month ended on 1 March, so an
    // extension on 2 March is too late.
    let mut tx = t.db.begin().await.unwrap();
    let late = frontdoor::casework::clocks::extend(
        &mut tx,
        other,
        "sar-respond",
        1,
        reason,
        lead,
        &rules,
        &council,
        at(2027, 3, 2, 9, 0),
    )
    .await;
    match late {
        Err(ExtendError::TooLate(date)) => assert_eq!(date, "Monday 1 March 2027"),
        other => panic!("expected too late, got {other:?}"),
    }
}

/// Unzips a download into (name, contents).
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut text = Vec::new();
            file.read_to_end(&mut text).unwrap();
            (file.name().unwrap().to_string(), String::from_utf8_lossy(&text).into_owned())
        })
        .collect()
}

#[tokio::test]
async fn the_officer_downloads_everything_held_about_a_subject_access_requester_and_it_is_recorded() {
    let t = test_db().await;
    seed(&t.db).await;
    let app = app(&t.db).await;
    // The same resident reported something, then made a subject access request.
    let first = post_form(&app, "/services/foi/report/send", &valid_report()).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let sar = post_form(
        &app,
        "/services/sar/report/send",
        &crate::support::valid_report_with(&[("description", "Please send me everything you hold about me.")]),
    )
    .await;
    let (foi_ref, sar_ref) = (reference_in(first.location()).to_owned(), reference_in(sar.location()).to_owned());
    account(&t.db, "owen@council.example", "caseworker", Some("info"), None).await;
    account(&t.db, "adviser@council.example", "adviser", Some("info"), None).await;
    let (owen, csrf) = sign_in(&app, "owen@council.example").await;
    let note = [("csrf", csrf.as_str()), ("action", "note"), ("note", "Called to check their address.")];
    assert_eq!(post_with(&app, &format!("/staff/cases/{foi_ref}"), &owen, &note).await.status, StatusCode::SEE_OTHER);
    // An adjustment on their record: it leaves the system only in their own export.
    let customer: i64 = sqlx::query_scalar("SELECT id FROM customers WHERE email = 'jo.resident@example.com'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    let need = [("csrf", csrf.as_str()), ("need-what", "easy_read"), ("need-basis", "consent")];
    let recorded = post_with(&app, &format!("/staff/customers/{customer}/needs"), &owen, &need).await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);

    let page = get_with(&app, &format!("/staff/cases/{sar_ref}"), &owen).await;
    assert!(page.body.contains(&format!("/staff/cases/{sar_ref}/personal-data.zip")), "{}", page.body);
    let zip = crate::support::send(
        &app,
        axum::http::Request::get(format!("/staff/cases/{sar_ref}/personal-data.zip"))
            .header(header::COOKIE, &owen)
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(zip.status, StatusCode::OK);
    assert_eq!(zip.headers[header::CONTENT_TYPE], "application/zip");
    assert_eq!(zip.headers[header::CACHE_CONTROL], "no-store");
    let bytes = zip_bytes(&app, &sar_ref, &owen).await;
    let files = unzip(&bytes);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for name in [
        "README.txt",
        "your-record.json",
        "contacts.json",
        "messages-sent.json",
        "mail.json",
        &format!("cases/{foi_ref}/case.json"),
        &format!("cases/{sar_ref}/case.json"),
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    let text = |name: &str| files.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone()).unwrap();
    assert!(text("your-record.json").contains("jo.resident@example.com"));
    let record: serde_json::Value = serde_json::from_str(&text("your-record.json")).unwrap();
    assert_eq!(record["needs_and_adjustments"][0]["code"], "easy_read");
    let foi = text(&format!("cases/{foi_ref}/case.json"));
    assert!(foi.contains("The bin on our street was not emptied"), "{foi}");
    assert!(foi.contains("Called to check their address."), "internal notes are held too: {foi}");
    let whole: serde_json::Value = serde_json::from_str(&foi).unwrap();
    let note = whole["events"].as_array().unwrap().iter().find(|e| e["body"] == "Called to check their address.");
    let note = note.expect("the note among the events");
    assert_eq!(
        (&note["kind"], &note["actor_kind"]),
        (&"note".into(), &"staff".into()),
        "events give their codes, not numbers"
    );
    assert!(text("messages-sent.json").contains("Your reference is"), "the acknowledgements sent");
    // The contact that opened each case keeps no copy of its words (they are the case's
    // description), and the export gives them all the same.
    let copies: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contacts WHERE customer_id = $1 AND body IS NOT NULL")
        .bind(customer)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(copies, 0, "the opening contacts' words are kept once, in their cases");
    let contacts: serde_json::Value = serde_json::from_str(&text("contacts.json")).unwrap();
    let said: Vec<&str> = contacts.as_array().unwrap().iter().filter_map(|c| c["body"].as_str()).collect();
    assert!(said.iter().any(|b| b.contains("The bin on our street was not emptied")), "{said:?}");
    assert!(said.contains(&"Please send me everything you hold about me."), "{said:?}");
    assert!(!text("your-record.json").contains("token_hash"), "no secrets");

    // Each download is in the access log and on the case.
    assert_eq!(count(&t.db, "case_views WHERE what = 'export of personal data'").await, 2);
    assert_eq!(
        count(&t.db, "case_events WHERE body = 'Everything held about the requester was exported for review.'").await,
        2
    );

    // An adviser may not; nor is there an export for a case that is not a subject access request.
    let (adviser, _) = sign_in(&app, "adviser@council.example").await;
    let refused = get_with(&app, &format!("/staff/cases/{sar_ref}/personal-data.zip"), &adviser).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let not_sar = get_with(&app, &format!("/staff/cases/{foi_ref}/personal-data.zip"), &owen).await;
    assert_eq!(not_sar.status, StatusCode::NOT_FOUND);
}

async fn zip_bytes(app: &axum::Router, reference: &str, cookie: &str) -> Vec<u8> {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let request = axum::http::Request::get(format!("/staff/cases/{reference}/personal-data.zip"))
        .header(header::COOKIE, cookie)
        .body(axum::body::Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    response.into_body().collect().await.unwrap().to_bytes().to_vec()
}

/// An officer answers an FOI request from its page, ticking exemptions; a refusal names
/// the fields; the requester asks for a review from their own case page.
#[tokio::test]
async fn an_officer_answers_from_the_case_page_and_the_requester_asks_for_a_review() {
    let t = test_db().await;
    seed(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(
        &app,
        "/services/foi/report/send",
        &crate::support::valid_report_with(&[("description", "How many potholes were repaired in 2025?")]),
    )
    .await;
    let reference = reference_in(sent.location()).to_owned();
    account(&t.db, "owen@council.example", "caseworker", Some("info"), None).await;
    let (owen, csrf) = sign_in(&app, "owen@council.example").await;
    let page = format!("/staff/cases/{reference}");
    let shown = get_with(&app, &page, &owen).await;
    assert!(shown.body.contains("Waiting for our answer") && shown.body.contains("Answer the request"));
    assert!(shown.body.contains("Section 43: commercial interests"), "FOI's exemptions are offered");
    assert!(!shown.body.contains("Regulation 13"), "EIR's are not");

    // A question to the requester first: the log later starts from the answer, not this.
    let asked =
        [("csrf", csrf.as_str()), ("action", "reply"), ("reply", "Which year do you mean?"), ("checked", "yes")];
    assert_eq!(post_with(&app, &page, &owen, &asked).await.status, StatusCode::SEE_OTHER);
    let wrong = [("csrf", csrf.as_str()), ("action", "info-answer"), ("info-outcome", "refused"), ("info-text", "")];
    let refused = post_with(&app, &page, &owen, &wrong).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["exemptions", "info-text"] {
        assert!(refused.body.contains(&format!(r##"<a href="#{field}">"##)), "{field}: {}", refused.body);
    }
    let right = [
        ("csrf", csrf.as_str()),
        ("action", "info-answer"),
        ("info-outcome", "refused"),
        ("exemptions-s43", "yes"),
        ("exemptions-s31", "yes"),
        ("info-text", "The contract prices are withheld."),
    ];
    let done = post_with(&app, &page, &owen, &right).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let stored: String =
        sqlx::query_scalar("SELECT exemptions FROM information_responses").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(stored, "s31,s43", "in the law's order");
    let publish = get_with(&app, &format!("{page}?open=publish"), &owen).await;
    let response = publish.body.split("id=\"log-response\"").nth(1).unwrap_or_default();
    let response = response.split("</textarea>").next().unwrap_or_default();
    assert!(response.contains("The contract prices are withheld."), "{response}");
    assert!(!response.contains("Which year") && !response.contains("If you are not happy"), "{response}");

    // The requester sees the review button on their page, and uses it.
    let public = format!("/cases/{reference}");
    let proved = post_form(&app, &format!("{public}/check"), &[("answer", "jo.resident@example.com")]).await;
    let cookie = crate::tracking::proof(&proved, &reference);
    let theirs = crate::tracking::with_cookie(&app, "GET", &public, &cookie, &[]).await;
    assert!(theirs.body.contains("Ask for an internal review"), "{}", theirs.body);
    let asked = crate::tracking::with_cookie(&app, "POST", &format!("{public}/review"), &cookie, &[]).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    let after = crate::tracking::with_cookie(&app, "GET", &format!("{public}?done=review"), &cookie, &[]).await;
    assert!(after.body.contains("We have your request for an internal review"), "{}", after.body);
    assert!(after.body.contains("You asked for an internal review"), "on the timeline");
    let again = crate::tracking::with_cookie(&app, "POST", &format!("{public}/review"), &cookie, &[]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "only once");
    let staff_view = get_with(&app, &page, &owen).await;
    assert!(staff_view.body.contains("Review asked for, waiting for its answer"), "{}", staff_view.body);
}

/// An FOI request cannot be marked resolved by its status alone: the outcome must be
/// recorded, through its answer. Closing it (withdrawn by the requester) is still allowed.
#[tokio::test]
async fn an_foi_request_is_resolved_only_by_an_answer_that_records_its_outcome() {
    let t = test_db().await;
    seed(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/foi/report/send", &valid_report()).await;
    let reference = reference_in(sent.location()).to_owned();
    account(&t.db, "owen@council.example", "caseworker", Some("info"), None).await;
    let (owen, csrf) = sign_in(&app, "owen@council.example").await;
    let page = format!("/staff/cases/{reference}");
    let resolve =
        [("csrf", csrf.as_str()), ("action", "status"), ("status", "resolved"), ("status-note", "Sent the figures.")];
    let refused = post_with(&app, &page, &owen, &resolve).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Answer the request with its outcome"), "{}", refused.body);
    let close = [("csrf", csrf.as_str()), ("action", "status"), ("status", "closed"), ("status-note", "")];
    assert_eq!(post_with(&app, &page, &owen, &close).await.status, StatusCode::SEE_OTHER);
}
