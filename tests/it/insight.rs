//! Insight: each contact classified as value or failure demand (found, or corrected by an
//! adviser and the correction kept), counted as it happens and the same as a rebuild;
//! wards from a postcode directory; the report for the insight officer and its CSV and
//! JSON; contacts per ward published with small counts suppressed.

use std::path::Path;

use axum::http::StatusCode;

use frontdoor::db::{Db, now_ms};

use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{app, open_at, post_form, rules, seed_catalogue, state, test_db, valid_report};

const DAY: i64 = 86_400_000;

/// (demand, reason) of a case's contacts from the customer, oldest first.
async fn demands(db: &Db, case_id: i64) -> Vec<(String, Option<String>)> {
    sqlx::query_as("SELECT demand, reason FROM contacts WHERE case_id = $1 AND direction = 'in' ORDER BY id")
        .bind(case_id)
        .fetch_all(db.reader())
        .await
        .unwrap()
}

/// The running count of contacts of one `channel:demand`, over every service and day.
async fn counted(db: &Db, key: &str) -> i64 {
    sqlx::query_scalar::<_, Option<i64>>(
        "SELECT CAST(SUM(value) AS BIGINT) FROM rollup_days WHERE metric = 'contacts' AND key = $1",
    )
    .bind(key)
    .fetch_one(db.reader())
    .await
    .unwrap()
    .unwrap_or(0)
}

/// The running counts are what counting everything again gives.
async fn assert_counts_match_a_rebuild(db: &Db) {
    let running = frontdoor::rollups::db::all_days(db.reader()).await.unwrap();
    let months = frontdoor::rollups::db::all_months(db.reader()).await.unwrap();
    let council = council_days(db).await;
    let rules = rules(db).await;
    frontdoor::rollups::db::rebuild(db, &rules.calendars.council, Vec::new()).await.unwrap();
    assert_eq!(running, frontdoor::rollups::db::all_days(db.reader()).await.unwrap());
    // The months (each service's, and the council's kept by triggers) move with the days.
    assert_eq!(months, frontdoor::rollups::db::all_months(db.reader()).await.unwrap());
    // The whole council's daily contacts, kept by triggers, are every service's summed.
    let summed: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT day, key, CAST(SUM(value) AS BIGINT) FROM rollup_days WHERE metric = 'contacts' \
         GROUP BY day, key HAVING SUM(value) <> 0 ORDER BY day, key",
    )
    .fetch_all(db.reader())
    .await
    .unwrap();
    assert_eq!(council, summed, "kept as counted");
    assert_eq!(council_days(db).await, summed, "and after a rebuild");
}

/// The whole council's daily contacts as the triggers keep them: (day, key, value).
async fn council_days(db: &Db) -> Vec<(i64, String, i64)> {
    sqlx::query_as(
        "SELECT day, key, value FROM rollup_council_days WHERE metric = 'contacts' AND value <> 0 ORDER BY day, key",
    )
    .fetch_all(db.reader())
    .await
    .unwrap()
}

async fn report(db: &Db) -> frontdoor::insight::Report {
    let rules = rules(db).await;
    let today = rules.calendars.council.local_date(frontdoor::rollups::ts(now_ms()));
    let from = today.saturating_sub(jiff::Span::new().days(30));
    frontdoor::insight::report(db.reader(), &rules.calendars.council, 10, from, today, now_ms()).await.unwrap()
}

#[tokio::test]
async fn a_reply_to_an_open_cases_acknowledgement_counts_as_progress_chasing() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let (case_id, ack): (i64, String) =
        sqlx::query_as("SELECT case_id, message_id FROM outbox WHERE purpose = 'acknowledgement'")
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    let raw = format!(
        "From: Jo.Resident@example.com\r\nTo: contact@kingsmead.example\r\nSubject: Re: your report\r\n\
         Message-ID: <jo-chase@example.com>\r\nIn-Reply-To: {ack}\r\n\r\nIt is still not emptied. Any news?\r\n"
    );
    let state = state(&t.db, Path::new("unused")).await;
    crate::mail::read_imported(&state, "test", raw.as_bytes()).await;

    let got = demands(&t.db, case_id).await;
    assert_eq!(got.iter().map(|(d, _)| d.as_str()).collect::<Vec<_>>(), ["value", "progress_chasing"]);
    assert_eq!((counted(&t.db, "web:value").await, counted(&t.db, "email:progress_chasing").await), (1, 1));
    let r = report(&t.db).await;
    assert_eq!(r.failure_demand.by_kind["progress_chasing"], 1);
    assert_eq!((r.failure_demand.contacts, r.failure_demand.share), (2, Some(0.5)));
    assert_eq!(r.failure_demand.by_service[0].code, "missed-bin");
    // The weekly trend reads the whole council's daily contacts: both contacts, one failure.
    let weeks = &r.trends.weeks;
    assert_eq!((weeks.iter().map(|w| w.contacts).sum::<i64>(), weeks.iter().map(|w| w.failure).sum::<i64>()), (2, 1));
    assert_eq!(r.trends.services[0].weeks.iter().sum::<i64>(), 2, "the busiest service's weeks");
    assert_counts_match_a_rebuild(&t.db).await;
}

#[tokio::test]
async fn a_second_contact_about_the_same_service_within_28_days_is_a_repeat() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let start = now_ms() - 100 * DAY;
    let first = open_at(&t.db, &rules, "general", "sam@example.com", start).await;
    let again = open_at(&t.db, &rules, "general", "sam@example.com", start + 20 * DAY).await;
    let other = open_at(&t.db, &rules, "missed-bin", "sam@example.com", start + 21 * DAY).await;
    let later = open_at(&t.db, &rules, "general", "sam@example.com", start + 60 * DAY).await;
    let someone = open_at(&t.db, &rules, "general", "kim@example.com", start + 21 * DAY).await;
    let kinds = |case| {
        let db = &t.db;
        async move { demands(db, case).await.into_iter().map(|(d, _)| d).collect::<Vec<_>>() }
    };
    assert_eq!(kinds(first.case_id).await, ["value"]);
    assert_eq!(kinds(again.case_id).await, ["repeat"], "the same service within 28 days");
    assert_eq!(kinds(other.case_id).await, ["value"], "another service");
    assert_eq!(kinds(later.case_id).await, ["value"], "40 days after the last");
    assert_eq!(kinds(someone.case_id).await, ["value"], "another customer");
    assert_counts_match_a_rebuild(&t.db).await;
}

#[tokio::test]
async fn an_advisers_correction_on_the_log_form_is_kept_with_who_made_it() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let adviser = account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    let reference = crate::support::reference_in(sent.location()).to_owned();
    let (cookie, csrf) = sign_in(&app, "adviser@council.example").await;
    let call = |demand: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("channel", "phone".to_owned()),
            ("reference", reference.clone()),
            ("description", "Caller asked what the letter about the new collection days means.".to_owned()),
            ("reason", "I can't make sense of the collection letter".to_owned()),
            ("demand", demand.to_owned()),
        ]
    };
    let refused: Vec<(&str, String)> = call("grumbling");
    let pairs: Vec<(&str, &str)> = refused.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reply = post_with(&app, "/staff/log", &cookie, &pairs).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("href=\"#demand\""), "the field is named");

    let fields = call("clarification");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reply = post_with(&app, "/staff/log", &cookie, &pairs).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let case_id = frontdoor::cases::CaseRef::parse(&crate::support::prefix_for(&t.db), &reference).unwrap().id();
    let got = demands(&t.db, case_id).await;
    assert_eq!(got[1], ("clarification".to_owned(), Some("I can't make sense of the collection letter".to_owned())));
    let (was, became, by): (String, String, i64) =
        sqlx::query_as("SELECT was, became, staff_id FROM demand_corrections").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!((was.as_str(), became.as_str(), by), ("progress_chasing", "clarification", adviser));
    assert_eq!((counted(&t.db, "phone:progress_chasing").await, counted(&t.db, "phone:clarification").await), (0, 1));
    // The reason in their words finds the case.
    let found = frontdoor::search::db::words(
        t.db.reader(),
        &["sense".to_owned(), "collection".to_owned()],
        frontdoor::search::db::Within::All,
        10,
    )
    .await
    .unwrap();
    assert_eq!(found, [case_id]);
    assert_counts_match_a_rebuild(&t.db).await;
}

const DIRECTORY: &str = "pcd,pcds,dointr,doterm,oslaua,osward,lsoa21\n\
    KM12AB,KM1 2AB,199801,,E07000999,E05099901,E01000001\n\
    KM12AD,KM1 2AD,199801,202001,E07000999,E05099901,E01000001\n\
    XX11AA,XX1 1AA,199801,,E07000111,E05011111,E01011111\n\
    KM25QQ,KM2 5QQ,199801,,E07000999,E05099902,E01000002\n";

fn import(url: &str, directory: &str, names: Option<&str>) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("onspd.csv");
    std::fs::write(&file, directory).unwrap();
    let mut args = vec!["wards".to_owned(), "import".to_owned(), file.display().to_string()];
    args.extend(["--area".to_owned(), "E07000999".to_owned()]);
    if let Some(names) = names {
        let path = dir.path().join("names.csv");
        std::fs::write(&path, names).unwrap();
        args.extend(["--names".to_owned(), path.display().to_string()]);
    }
    std::process::Command::new(env!("CARGO_BIN_EXE_frontdoor"))
        .args(&args)
        .env("FRONTDOOR_DATABASE_URL", url)
        .env_remove("FRONTDOOR_POLICY")
        .output()
        .expect("runs")
}

#[tokio::test]
async fn wards_import_refuses_a_bad_file_and_places_cases_at_known_postcodes() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    // Reported before the lookup exists: the import gives it its ward.
    let before = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    assert_eq!(before.status, StatusCode::SEE_OTHER);

    let bad = import(&t.url, &DIRECTORY.replace("E05099902", "Castle ward"), None);
    assert!(!bad.status.success());
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(said.contains("line 5") && said.contains("osward"), "{said}");
    assert_eq!(crate::support::count(&t.db, "ward_postcodes").await, 0, "a bad file changes nothing");
    let bad_names = import(&t.url, DIRECTORY, Some("code,name,population\nE05099901,Abbey,many\n"));
    assert!(String::from_utf8_lossy(&bad_names.stderr).contains("line 2"));
    assert_eq!(crate::support::count(&t.db, "ward_postcodes").await, 0);

    let good =
        import(&t.url, DIRECTORY, Some("WD24CD,WD24NM,population\nE05099901,Abbey,8120\nE05099902,Castle,9000\n"));
    assert!(good.status.success(), "{}", String::from_utf8_lossy(&good.stderr));
    assert_eq!(crate::support::count(&t.db, "ward_postcodes").await, 2, "live postcodes of the area only");
    let ward: Option<String> = sqlx::query_scalar("SELECT ward FROM cases").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(ward.as_deref(), Some("E05099901"), "an existing case gets its ward on import");

    // A new case at a known postcode gets its ward at intake; one elsewhere gets none.
    let at = |postcode: &'static str| crate::support::valid_report_with(&[("postcode", postcode)]);
    post_form(&app, "/services/missed-bin/report/send", &at("km2 5qq")).await;
    post_form(&app, "/services/missed-bin/report/send", &at("KM1 2AD")).await;
    let wards: Vec<Option<String>> =
        sqlx::query_scalar("SELECT ward FROM cases ORDER BY id").fetch_all(t.db.reader()).await.unwrap();
    assert_eq!(wards, [Some("E05099901".to_owned()), Some("E05099902".to_owned()), None]);
    let r = report(&t.db).await;
    let castle = r.wards.iter().find(|w| w.name == "Castle").unwrap();
    assert_eq!((castle.contacts, castle.population), (1, Some(9000)));
    assert_eq!(castle.per_thousand, Some(0.1));
    assert_counts_match_a_rebuild(&t.db).await;

    // Published with counts under 5 suppressed.
    for _ in 0..5 {
        post_form(&app, "/services/missed-bin/report/send", &at("KM2 5QQ")).await;
    }
    let csv = crate::support::get(&app, "/performance/wards.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    let month = jiff::Zoned::now().in_tz("Europe/London").unwrap().strftime("%Y-%m").to_string();
    let line = |code: &str| csv.body.lines().find(|l| l.starts_with(&format!("{month},{code}"))).unwrap().to_owned();
    assert_eq!(line("E05099901"), format!("{month},E05099901,Abbey,8120,suppressed,suppressed"));
    assert_eq!(line("E05099902"), format!("{month},E05099902,Castle,9000,6,0.7"));
    let page = crate::support::get(&app, "/performance").await;
    assert!(page.body.contains("Who we hear from") && page.body.contains("Fewer than 5"));
}

#[tokio::test]
async fn the_insight_officer_reads_the_report_and_its_csv_and_an_adviser_cannot() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    account(&t.db, "insight@council.example", "insight", None, None).await;
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let rules = rules(&t.db).await;
    open_at(&t.db, &rules, "general", "sam@example.com", now_ms() - 3 * DAY).await;
    open_at(&t.db, &rules, "general", "sam@example.com", now_ms() - DAY).await;
    let app = app(&t.db).await;
    let (cookie, _) = sign_in(&app, "insight@council.example").await;
    let page = get_with(&app, "/staff/insight", &cookie).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("50.0% of 2 contacts"), "one repeat of two");
    assert!(page.body.contains("Ask us something else: 1 of its 2 contacts were failure demand"));
    assert!(page.body.contains("<svg"), "a chart drawn on the server");
    let csv = get_with(&app, "/staff/insight/failure-by-kind.csv", &cookie).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with("Kind,Contacts,Share of all contacts\r\n"), "{}", csv.body);
    assert!(csv.body.contains("Repeat contact,1,50.0%"), "{}", csv.body);
    let bad = get_with(&app, "/staff/insight?from=2026-13-01", &cookie).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let (adviser, _) = sign_in(&app, "adviser@council.example").await;
    assert_eq!(get_with(&app, "/staff/insight", &adviser).await.status, StatusCode::FORBIDDEN);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_frontdoor"))
        .args(["report", "insight", "--json"])
        .env("FRONTDOOR_DATABASE_URL", &t.url)
        .env_remove("FRONTDOOR_POLICY")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["failure_demand"]["share"], 0.5);
    assert_eq!(json["failure_demand"]["by_kind"]["repeat"], 1);
    assert_eq!(json["failure_demand"]["by_kind"]["progress_chasing"], 0);
    for key in ["contacts_per_resolved_case", "blockages", "trends", "wards"] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["blockages"]["open"], 2);
}

#[tokio::test]
async fn equality_answers_are_optional_counted_only_and_reported_with_small_counts_suppressed() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let strange = crate::support::valid_report_with(&[]).into_iter().chain([("eq-age", "ancient")]).collect::<Vec<_>>();
    let refused = post_form(&app, "/services/missed-bin/report/send", &strange).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#eq-age\""), "the field is named");
    assert_eq!(crate::support::count(&t.db, "cases").await, 0);
    for n in 0..6 {
        let age = if n < 5 { "25-34" } else { "75-plus" };
        let fields: Vec<(&str, &str)> =
            valid_report().into_iter().chain([("eq-age", age), ("eq-sex", ""), ("eq-disability", "no")]).collect();
        let sent = post_form(&app, "/services/missed-bin/report/send", &fields).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    }
    // Nothing of it is on the cases or anywhere but the counts.
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_answers").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(kept, 0);
    let r = report(&t.db).await;
    let line = |q: &str, a: &str| r.equality.iter().find(|e| e.question == q && e.answer == a).map(|e| e.count);
    assert_eq!(line("age", "25-34"), Some(Some(5)));
    assert_eq!(line("age", "75-plus"), Some(None), "fewer than 5 is suppressed");
    assert_eq!(line("disability", "no"), Some(Some(6)));
    assert_eq!(line("sex", "female"), None, "unanswered");
    let page = crate::support::get(&app, "/services/missed-bin/report").await;
    assert!(page.body.contains("Help us check we serve everyone (optional)"));
}

#[tokio::test]
async fn a_case_passed_to_another_team_counts_as_a_hand_off() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let mut tx = t.db.begin().await.unwrap();
    let housing =
        frontdoor::org::db::insert_team(&mut tx, "housing", "Housing", "housing@example.gov.uk").await.unwrap();
    tx.commit().await.unwrap();
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    let reference = crate::support::reference_in(sent.location()).to_owned();
    let (cookie, csrf) = sign_in(&app, "adviser@council.example").await;
    let page = format!("/staff/cases/{reference}");
    let housing_id = housing.to_string();
    let empty = post_with(&app, &page, &cookie, &[("csrf", &csrf), ("action", "pass-on"), ("team", &housing_id)]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("href=\"#pass-reason\""));
    let fields = [
        ("csrf", csrf.as_str()),
        ("action", "pass-on"),
        ("team", housing_id.as_str()),
        ("pass-reason", "The bins are in a council block: housing's caretakers empty them."),
    ];
    let passed = post_with(&app, &page, &cookie, &fields).await;
    assert_eq!(passed.status, StatusCode::SEE_OTHER, "{}", passed.body);
    let team: i64 = sqlx::query_scalar("SELECT team_id FROM cases").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(team, housing);
    let shown = get_with(&app, &page, &cookie).await;
    assert!(shown.body.contains("Passed from Waste to Housing: The bins are in a council block"));
    let r = report(&t.db).await;
    assert_eq!(r.blockages.handoffs, 1);
    let line = |name: &str| r.blockages.breaches_by_team.iter().find(|b| b.team == name).cloned().unwrap();
    assert_eq!((line("Waste").handed_on, line("Housing").handed_in), (1, 1));
    assert_counts_match_a_rebuild(&t.db).await;
}

#[tokio::test]
async fn a_class_found_automatically_is_corrected_on_the_case_page() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let adviser = account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let rules = rules(&t.db).await;
    let first = open_at(&t.db, &rules, "general", "sam@example.com", now_ms() - 3 * DAY).await;
    let again = open_at(&t.db, &rules, "general", "sam@example.com", now_ms() - DAY).await;
    let contact: i64 = sqlx::query_scalar("SELECT id FROM contacts WHERE case_id = $1")
        .bind(again.case_id)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    let app = app(&t.db).await;
    let (cookie, csrf) = sign_in(&app, "adviser@council.example").await;
    let page = format!("/staff/cases/{}", again.reference);
    let shown = get_with(&app, &page, &cookie).await;
    assert!(shown.body.contains("Contacts from the customer") && shown.body.contains("Repeat contact"));
    let id = contact.to_string();
    let fields = [("csrf", csrf.as_str()), ("action", "demand"), ("contact-id", &id), ("contact-demand", "value")];
    let done = post_with(&app, &page, &cookie, &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(demands(&t.db, again.case_id).await[0].0, "value");
    let by: i64 = sqlx::query_scalar("SELECT staff_id FROM demand_corrections WHERE contact_id = $1")
        .bind(contact)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(by, adviser);
    // A contact of another case is not there.
    let other = format!("/staff/cases/{}", first.reference);
    let refused = post_with(&app, &other, &cookie, &fields).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert_counts_match_a_rebuild(&t.db).await;
}

#[tokio::test]
async fn an_open_case_with_no_event_for_ten_working_days_is_quiet_and_an_event_wakes_it() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let now = now_ms();
    let weeks_ago = now - 28 * DAY;
    let left = open_at(&t.db, &rules, "general", "left@example.com", weeks_ago).await;
    let worked = open_at(&t.db, &rules, "general", "worked@example.com", weeks_ago).await;
    // Work on the second case three days ago: its newest event is recent, the first's is not.
    let note = frontdoor::cases::db::NewEvent {
        actor: frontdoor::cases::Actor::SYSTEM,
        kind: frontdoor::cases::EventKind::Note,
        public: false,
        body: Some("Asked the crew to go back."),
        from_status: None,
        to_status: None,
    };
    let mut tx = t.db.begin().await.unwrap();
    frontdoor::casework::append_event(&mut tx, worked.case_id, &note, &rules, now - 3 * DAY).await.unwrap();
    tx.commit().await.unwrap();

    let last_event = |id: i64| {
        sqlx::query_scalar::<_, i64>("SELECT last_event_at FROM cases WHERE id = $1").bind(id).fetch_one(t.db.reader())
    };
    assert_eq!(last_event(left.case_id).await.unwrap(), weeks_ago);
    assert_eq!(last_event(worked.case_id).await.unwrap(), now - 3 * DAY);
    let r = report(&t.db).await;
    assert_eq!((r.blockages.open, r.blockages.quiet), (2, 1));

    // A second note within the hour leaves the time as it was (kept to the hour).
    let mut tx = t.db.begin().await.unwrap();
    frontdoor::casework::append_event(&mut tx, worked.case_id, &note, &rules, now - 3 * DAY + 60_000).await.unwrap();
    frontdoor::casework::append_event(&mut tx, left.case_id, &note, &rules, now).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(last_event(worked.case_id).await.unwrap(), now - 3 * DAY);
    assert_eq!(last_event(left.case_id).await.unwrap(), now);
    let r = report(&t.db).await;
    assert_eq!((r.blockages.open, r.blockages.quiet), (2, 0));
}

#[tokio::test]
async fn a_periods_sums_from_whole_months_and_the_days_at_its_ends_equal_the_sums_of_its_days() {
    use frontdoor::insight::db::{By, period_sums, sums};
    use frontdoor::rollups::{Delta, Metric, day_number};
    use jiff::civil::date;
    let t = test_db().await;
    // A count on every third day from October 2025 to March 2026, over two services and keys.
    let mut deltas = Vec::new();
    let mut day = date(2025, 10, 1);
    let mut n = 0;
    while day <= date(2026, 3, 31) {
        n += 1;
        deltas.push(Delta {
            day,
            service_id: 1 + n % 2,
            metric: Metric::Contacts,
            key: if n % 3 == 0 { "web:value".into() } else { "phone:repeat".into() },
            value: n,
        });
        day = day.checked_add(jiff::Span::new().days(3)).unwrap();
    }
    let mut tx = t.db.begin().await.unwrap();
    frontdoor::rollups::db::add(&mut tx, &deltas).await.unwrap();
    tx.commit().await.unwrap();

    let by = [By::Service, By::Key];
    for (first, last) in [
        (date(2025, 10, 1), date(2026, 3, 31)),  // whole months only
        (date(2025, 10, 17), date(2026, 2, 11)), // days at both ends
        (date(2025, 11, 1), date(2025, 12, 20)), // a whole month and the days after it
        (date(2025, 12, 5), date(2025, 12, 28)), // within one month
        (date(2025, 12, 30), date(2026, 1, 2)),  // across a year's end, no whole month
    ] {
        let mut expected =
            sums(t.db.reader(), Metric::Contacts, day_number(first), day_number(last), &by).await.unwrap();
        expected.sort_by(|a, b| (a.service_id, &a.key).cmp(&(b.service_id, &b.key)));
        let got = period_sums(t.db.reader(), Metric::Contacts, first, last, &by).await.unwrap();
        assert_eq!(got, expected, "{first} to {last}");
        assert!(!got.is_empty(), "{first} to {last}");
    }
}
