//! Retention and anonymisation, legal holds and erasure, on both databases.

use jiff::ToSpan;
use sqlx::Row;

use frontdoor::cases::db::NewEvent;
use frontdoor::cases::{Actor, EventKind, Status};
use frontdoor::db::{Db, now_ms};
use frontdoor::privacy::{self, Options, RETENTION_WORDS};
use frontdoor::standards::Rules;

use crate::support::{app, get, open_at, rules, seed_catalogue, test_db};

const DAY: i64 = 86_400_000;

/// `at` plus whole years, counted in the council's time zone as the run counts them.
fn years_after(at: i64, years: i64) -> i64 {
    let tz = jiff::tz::TimeZone::get("Europe/London").unwrap();
    jiff::Timestamp::from_millisecond(at)
        .unwrap()
        .to_zoned(tz)
        .checked_add(years.years())
        .unwrap()
        .timestamp()
        .as_millisecond()
}

/// Opens an enquiry (kept 2 years by default) for `email`, writes to the customer, and
/// resolves it at `closed`.
async fn closed_enquiry(db: &Db, rules: &Rules, email: &str, opened: i64, closed: i64) -> i64 {
    let case = open_at(db, rules, "general", email, opened).await;
    let id = case.reference.id();
    let mut tx = db.begin().await.unwrap();
    let message = NewEvent {
        actor: Actor::SYSTEM,
        kind: EventKind::Message,
        public: true,
        body: Some("Dear Pat Resident, the library at 3 Mill Lane opens at nine."),
        from_status: None,
        to_status: None,
    };
    frontdoor::casework::append_event(&mut tx, id, &message, rules, closed - 1000).await.unwrap();
    frontdoor::casework::change_status(&mut tx, id, Status::Resolved, Actor::SYSTEM, Some("Told Pat."), rules, closed)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

fn options(as_of: i64, dry_run: bool) -> Options {
    Options { as_of, dry_run, started_by: "test".into(), stop_at: None, batch: privacy::BATCH }
}

async fn description(db: &Db, id: i64) -> String {
    sqlx::query_scalar("SELECT description FROM cases WHERE id = $1").bind(id).fetch_one(db.reader()).await.unwrap()
}

async fn customer_email(db: &Db, case_id: i64) -> Option<String> {
    sqlx::query_scalar("SELECT u.email FROM cases c JOIN customers u ON u.id = c.customer_id WHERE c.id = $1")
        .bind(case_id)
        .fetch_one(db.reader())
        .await
        .unwrap()
}

async fn hold(db: &Db, case_id: i64, reason: &str) {
    let staff = crate::staff::account(db, "lead@example.gov.uk", "team_lead", Some("waste"), None).await;
    let mut tx = db.begin().await.unwrap();
    privacy::db::add_hold(&mut tx, case_id, reason, staff, now_ms()).await.unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn a_case_one_day_inside_its_period_is_kept_one_day_past_is_anonymised_and_a_held_one_kept() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let opened = now_ms() - 20 * DAY;
    let past = closed_enquiry(&t.db, &rules, "past@example.com", opened, opened + DAY).await;
    let inside = closed_enquiry(&t.db, &rules, "inside@example.com", opened, opened + 3 * DAY).await;
    let held = closed_enquiry(&t.db, &rules, "held@example.com", opened, opened + DAY).await;
    hold(&t.db, held, "Ombudsman case 24 001 234").await;
    // It was passed between teams on the way, with a reason in words.
    let team: i64 = sqlx::query_scalar("SELECT team_id FROM cases WHERE id = $1")
        .bind(past)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    let reason = "Pat at 3 Mill Lane says it is the library's";
    let mut tx = t.db.begin().await.unwrap();
    sqlx::query("INSERT INTO case_handoffs (case_id, from_team, to_team, reason, at) VALUES ($1, $2, $2, $3, $4)")
        .bind(past)
        .bind(team)
        .bind(reason)
        .bind(opened + 1000)
        .execute(&mut *tx)
        .await
        .unwrap();
    let body = format!("Passed from Waste to Waste: {reason}");
    let passed = NewEvent {
        kind: EventKind::PassedOn,
        body: Some(&body),
        public: false,
        actor: Actor::SYSTEM,
        from_status: None,
        to_status: None,
    };
    frontdoor::casework::append_event(&mut tx, past, &passed, &rules, opened + 1000).await.unwrap();
    tx.commit().await.unwrap();
    // Two years and a day after the first closed: the second is a day inside its period.
    let as_of = years_after(opened + DAY, 2) + DAY;
    assert!(years_after(opened + 3 * DAY, 2) > as_of + DAY / 2, "the second is inside by about a day");

    let dry = privacy::run(&t.db, &rules, &options(as_of, true), now_ms()).await.unwrap();
    assert_eq!(dry.counts["enquiry"], 1);
    assert_eq!((dry.total, dry.held, dry.run_id), (1, 1, None));
    assert_eq!(description(&t.db, past).await, "When does the library open?", "a dry run changes nothing");

    let done = privacy::run(&t.db, &rules, &options(as_of, false), now_ms()).await.unwrap();
    assert_eq!((done.total, done.customers_erased, done.held), (1, 1, 1));
    assert!(done.finished);
    assert_eq!(description(&t.db, past).await, RETENTION_WORDS);
    assert_eq!(customer_email(&t.db, past).await, None, "the customer record is emptied");
    let words: Vec<Option<String>> =
        sqlx::query_scalar("SELECT body FROM case_events WHERE case_id = $1 AND kind IN (2, 5, 15) ORDER BY id")
            .bind(past)
            .fetch_all(t.db.reader())
            .await
            .unwrap();
    assert!(words.len() >= 3 && words.iter().all(|w| w.as_deref() == Some(RETENTION_WORDS)), "{words:?}");
    let handed: String = sqlx::query_scalar("SELECT reason FROM case_handoffs WHERE case_id = $1")
        .bind(past)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(handed, RETENTION_WORDS, "a hand-off's reason is words");
    let contact: String = sqlx::query_scalar("SELECT body FROM contacts WHERE case_id = $1")
        .bind(past)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(contact, RETENTION_WORDS);
    // The figures stay: type, service, status and the events' times.
    let row = sqlx::query("SELECT case_type, status, channel FROM cases WHERE id = $1")
        .bind(past)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(
        (row.get::<String, _>("case_type"), row.get::<String, _>("status"), row.get::<String, _>("channel")),
        ("enquiry".into(), "resolved".into(), "web".into())
    );
    for kept in [inside, held] {
        assert_eq!(description(&t.db, kept).await, "When does the library open?");
        assert!(customer_email(&t.db, kept).await.is_some());
    }
    let recorded = privacy::db::runs(t.db.reader(), 5).await.unwrap();
    assert_eq!(recorded.len(), 1, "the dry run is not recorded as a run");
    assert!(recorded[0].finished_at.is_some());
    assert!(recorded[0].counts.contains("\"enquiry\":1"), "{}", recorded[0].counts);
    // A second run finds nothing more.
    let again = privacy::run(&t.db, &rules, &options(as_of, false), now_ms()).await.unwrap();
    assert_eq!(again.total, 0);
}

#[tokio::test]
async fn the_published_figures_are_identical_before_and_after_a_run() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let opened = now_ms() - 10 * DAY;
    for i in 0..4 {
        closed_enquiry(&t.db, &rules, &format!("resident{i}@example.com"), opened + i * 1000, opened + 2 * DAY).await;
    }
    open_at(&t.db, &rules, "general", "still-open@example.com", opened).await;
    let app = app(&t.db).await;
    let pages = ["/performance", "/performance/data.csv", "/performance/data.json"];
    let mut before = Vec::new();
    for page in pages {
        before.push(get(&app, page).await);
    }
    assert!(before[1].body.lines().count() > 1, "the figures count these cases: {}", before[1].body);
    let done = privacy::run(&t.db, &rules, &options(years_after(now_ms(), 3), false), now_ms()).await.unwrap();
    assert_eq!(done.total, 4);
    // A new server: the page and files are kept for a minute by the one that made them, which
    // would show them unchanged whatever the run did.
    let app = crate::support::app(&t.db).await;
    // The JSON says when it was made; everything else in it must be the same.
    let unstamped =
        |body: &str| body.lines().filter(|l| !l.contains("\"generated_at\"")).collect::<Vec<_>>().join("\n");
    for (page, was) in pages.iter().zip(before) {
        let now = get(&app, page).await;
        assert_eq!(now.status, was.status, "{page}");
        assert_eq!(unstamped(&now.body), unstamped(&was.body), "{page} is the same after the run");
    }
}

#[tokio::test]
async fn a_run_stopped_part_way_resumes_where_it_stopped() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let opened = now_ms() - 20 * DAY;
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(closed_enquiry(&t.db, &rules, &format!("r{i}@example.com"), opened, opened + DAY + i * 1000).await);
    }
    let as_of = years_after(now_ms(), 3);
    // Stopped after its first batch of two: as if killed between batches (a kill inside
    // a batch undoes that batch's one transaction).
    let first = Options { stop_at: Some(std::time::Instant::now()), batch: 2, ..options(as_of, false) };
    let stopped = privacy::run(&t.db, &rules, &first, now_ms()).await.unwrap();
    assert_eq!((stopped.total, stopped.finished), (2, false));
    let recorded = privacy::db::runs(t.db.reader(), 5).await.unwrap();
    assert_eq!(recorded[0].finished_at, None, "the record shows the run did not finish");
    assert!(recorded[0].counts.contains("\"enquiry\":2"), "{}", recorded[0].counts);
    let anonymised: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE anonymised_at IS NOT NULL")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(anonymised, 2);
    for &id in &ids[2..] {
        assert_eq!(description(&t.db, id).await, "When does the library open?");
    }
    let rest = privacy::run(&t.db, &rules, &Options { batch: 2, ..options(as_of, false) }, now_ms()).await.unwrap();
    assert_eq!((rest.total, rest.finished, rest.customers_erased), (3, true, 3));
    for &id in &ids {
        assert_eq!(description(&t.db, id).await, RETENTION_WORDS);
    }
}

#[tokio::test]
async fn a_service_period_under_its_types_minimum_or_for_no_service_is_refused_and_nothing_changes() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let own = |service: &str, keep: &str| {
        format!(
            "{}\n[[retention.service]]\nservice = \"{service}\"\nkeep = \"{keep}\"\n",
            frontdoor::standards::DEFAULT_POLICY
        )
    };
    let policy = own("general", "1 year").replace(
        "[[retention.minimum]]\napplies_to = \"complaint\"",
        "[[retention.minimum]]\napplies_to = \"enquiry\"\nkeep = \"3 years\"\nbecause = \"a test rule for enquiries\"\n\n\
         [[retention.minimum]]\napplies_to = \"complaint\"",
    );
    // The type's own period of 2 years is refused by the policy check itself.
    let refused = frontdoor::standards::Policy::parse(&policy).unwrap_err().to_string();
    assert!(refused.contains("retention.enquiry: 2 years is shorter than the minimum of 3 years"), "{refused}");
    // A service's own period is checked by the run, which knows the service's type.
    let shorter = policy.replace("enquiry = \"2 years\"", "enquiry = \"4 years\"");
    let policy = frontdoor::standards::Policy::parse(&shorter).unwrap();
    let rules = frontdoor::standards::db::load_rules(&t.db, policy, now_ms()).await.unwrap();
    let opened = now_ms() - 20 * DAY;
    let id = closed_enquiry(&t.db, &rules, "x@example.com", opened, opened + DAY).await;
    let err = privacy::run(&t.db, &rules, &options(years_after(now_ms(), 10), false), now_ms()).await.unwrap_err();
    assert!(err.to_string().contains("retention.service \"general\": 1 year is shorter than the 3 years"), "{err}");
    assert_eq!(description(&t.db, id).await, "When does the library open?");

    let unknown = frontdoor::standards::Policy::parse(&own("ctax-bill", "6 years")).unwrap();
    let rules = frontdoor::standards::db::load_rules(&t.db, unknown, now_ms()).await.unwrap();
    let err = privacy::run(&t.db, &rules, &options(years_after(now_ms(), 10), true), now_ms()).await.unwrap_err();
    assert!(err.to_string().contains("retention.service \"ctax-bill\": there is no such service"), "{err}");
}

#[tokio::test]
async fn a_hold_needs_a_reason_and_an_erasure_keeps_open_and_held_cases_saying_why() {
    use axum::http::StatusCode;

    use crate::staff::{get_with, post_with, sign_in};

    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let mut tx = t.db.begin().await.unwrap();
    let team: i64 = sqlx::query_scalar("SELECT id FROM teams").fetch_one(&mut *tx).await.unwrap();
    let erasure = frontdoor::services::db::NewService {
        code: "erasure",
        name: "Ask us to delete your personal information",
        group_name: "Your information",
        description: "The right to erasure.",
        keywords: "",
        case_type: frontdoor::cases::CaseType::Erasure,
        team_id: team,
        partner_id: None,
        asks_location: false,
    };
    frontdoor::services::db::insert(&mut tx, &erasure).await.unwrap();
    tx.commit().await.unwrap();
    let rules = rules(&t.db).await;
    let opened = now_ms() - 20 * DAY;
    let email = "leave@example.com";
    let closed = closed_enquiry(&t.db, &rules, email, opened, opened + DAY).await;
    let held = closed_enquiry(&t.db, &rules, email, opened, opened + DAY).await;
    let open = open_at(&t.db, &rules, "general", email, opened).await.reference.id();
    let request = open_at(&t.db, &rules, "erasure", email, now_ms() - 1000).await.reference;

    let app = app(&t.db).await;
    crate::staff::account(&t.db, "lead@example.gov.uk", "team_lead", Some("waste"), None).await;
    let (cookie, csrf) = sign_in(&app, "lead@example.gov.uk").await;
    let prefix = crate::support::prefix_for(&t.db);
    let held_page = format!("/staff/cases/{}", frontdoor::cases::CaseRef::from_id(&prefix, held));
    let refused =
        post_with(&app, &held_page, &cookie, &[("csrf", &csrf), ("action", "hold"), ("hold-reason", " ")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Say why the case must be kept"));
    let reason = "Ombudsman case 24 001 234";
    let put =
        post_with(&app, &held_page, &cookie, &[("csrf", &csrf), ("action", "hold"), ("hold-reason", reason)]).await;
    assert_eq!(put.status, StatusCode::SEE_OTHER, "{}", put.body);
    assert!(get_with(&app, &held_page, &cookie).await.body.contains(reason));

    let request_page = format!("/staff/cases/{request}");
    assert!(get_with(&app, &request_page, &cookie).await.body.contains("Erase their closed cases now"));
    let erased = post_with(&app, &request_page, &cookie, &[("csrf", &csrf), ("action", "erase")]).await;
    assert_eq!(erased.status, StatusCode::SEE_OTHER, "{}", erased.body);
    assert_eq!(description(&t.db, closed).await, privacy::ERASURE_WORDS);
    for kept in [held, open, request.id()] {
        assert_ne!(description(&t.db, kept).await, privacy::ERASURE_WORDS);
    }
    let note: String =
        sqlx::query_scalar("SELECT body FROM case_events WHERE case_id = $1 AND kind = 4 ORDER BY id DESC")
            .bind(request.id())
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    let reference = |id| frontdoor::cases::CaseRef::from_id(&prefix, id).to_string();
    assert!(note.contains(&format!("1 case(s) anonymised ({})", reference(closed))), "{note}");
    assert!(note.contains(&format!("Kept {}: a legal hold: {reason}", reference(held))), "{note}");
    assert!(note.contains(&format!("Kept {}: it is still open", reference(open))), "{note}");
    // The request keeps the customer's details, to answer it.
    assert_eq!(customer_email(&t.db, request.id()).await.as_deref(), Some(email));
    let shown = get_with(&app, &format!("/staff/cases/{}", reference(closed)), &cookie).await;
    assert!(shown.body.contains("The personal data in this case was removed on"));
}

#[tokio::test]
async fn the_privacy_notice_prints_the_retention_schedule() {
    let t = test_db().await;
    let page = get(&app(&t.db).await, "/privacy").await;
    assert_eq!(page.status, 200);
    for shown in [
        "Complaints</th><td class=\"govuk-table__cell\">6 years",
        "Questions and enquiries</th><td class=\"govuk-table__cell\">2 years",
    ] {
        assert!(page.body.contains(shown), "{shown}");
    }
}

#[tokio::test]
async fn the_command_counts_per_case_type_on_a_dry_run_then_anonymises() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let opened = now_ms() - 20 * DAY;
    let id = closed_enquiry(&t.db, &rules, "cli@example.com", opened, opened + DAY).await;
    let ten_years = jiff::Timestamp::from_millisecond(years_after(now_ms(), 10)).unwrap().to_string()[..10].to_owned();
    let run = |extra: &[&str]| {
        let mut args = vec!["retention", "run", "--as-of", ten_years.as_str(), "--json"];
        args.extend_from_slice(extra);
        std::process::Command::new(env!("CARGO_BIN_EXE_frontdoor"))
            .args(&args)
            .env("FRONTDOOR_DATABASE_URL", &t.url)
            .env_remove("FRONTDOOR_POLICY")
            .output()
            .expect("runs")
    };
    let dry = run(&["--dry-run"]);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    let counted: serde_json::Value = serde_json::from_slice(&dry.stdout).unwrap();
    assert_eq!(counted["counts"]["enquiry"], 1);
    assert_eq!(counted["counts"]["complaint"], 0);
    assert_eq!(counted["dry_run"], true);
    assert_eq!(description(&t.db, id).await, "When does the library open?");
    let real = run(&[]);
    assert!(real.status.success(), "{}", String::from_utf8_lossy(&real.stderr));
    let done: serde_json::Value = serde_json::from_slice(&real.stdout).unwrap();
    assert_eq!((done["total"].as_i64(), done["finished"].as_bool()), (Some(1), Some(true)));
    assert_eq!(description(&t.db, id).await, RETENTION_WORDS);
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_frontdoor"))
        .args(["retention", "run", "--as-of", "next year"])
        .env("FRONTDOOR_DATABASE_URL", &t.url)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--as-of"));
}

#[tokio::test]
async fn a_case_reopened_or_held_after_it_was_chosen_is_left_alone() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let opened = now_ms() - 20 * DAY;
    let reopened = closed_enquiry(&t.db, &rules, "again@example.com", opened, opened + DAY).await;
    let held = closed_enquiry(&t.db, &rules, "held@example.com", opened, opened + DAY).await;
    let closed = closed_enquiry(&t.db, &rules, "gone@example.com", opened, opened + DAY).await;
    // Between choosing and writing: one is reopened, one is held.
    let mut tx = t.db.begin().await.unwrap();
    frontdoor::casework::change_status(&mut tx, reopened, Status::Reopened, Actor::SYSTEM, None, &rules, now_ms())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    hold(&t.db, held, "Tribunal claim 1401234/2026").await;
    let mut tx = t.db.begin().await.unwrap();
    let changed =
        privacy::db::anonymise_cases(&mut tx, &[reopened, held, closed], RETENTION_WORDS, now_ms()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(changed, vec![closed]);
    for kept in [reopened, held] {
        assert_eq!(description(&t.db, kept).await, "When does the library open?");
        let contact: String = sqlx::query_scalar(
            "SELECT COALESCE(k.body, c.description) FROM contacts k JOIN cases c ON c.id = k.case_id \
             WHERE k.case_id = $1",
        )
        .bind(kept)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
        assert_ne!(contact, RETENTION_WORDS);
    }
}

#[tokio::test]
async fn a_run_killed_mid_way_leaves_no_case_half_done_and_the_next_run_finishes() {
    let t = test_db().await;
    let rules = rules(&t.db).await;
    frontdoor::demo::seed(&t.db, rules, 1_500, &|_| {}).await.unwrap();
    let ten_years = jiff::Timestamp::from_millisecond(years_after(now_ms(), 10)).unwrap().to_string()[..10].to_owned();
    let command = || {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_frontdoor"));
        c.args(["retention", "run", "--as-of", ten_years.as_str(), "--json"])
            .env("FRONTDOOR_DATABASE_URL", &t.url)
            .env("FRONTDOOR_LOG", "warn")
            .env_remove("FRONTDOOR_POLICY")
            .stdout(std::process::Stdio::piped());
        c
    };
    let anonymised = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM cases WHERE anonymised_at IS NOT NULL")
            .fetch_one(t.db.reader())
            .await
            .unwrap()
    };
    let mut child = command().spawn().unwrap();
    let began = std::time::Instant::now();
    while anonymised().await < 200 {
        assert!(began.elapsed() < std::time::Duration::from_secs(60), "the run made no progress");
        assert!(child.try_wait().unwrap().is_none(), "the run finished before it could be killed");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    child.kill().unwrap(); // SIGKILL: no chance to tidy up
    child.wait().unwrap();
    let done = anonymised().await;
    let closed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE status IN ('resolved', 'closed')")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert!(done < closed, "killed part way: {done} of {closed}");
    // Every case is wholly done or wholly untouched: its contacts match its mark.
    let half: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM contacts o JOIN cases c ON c.id = o.case_id \
         WHERE (c.anonymised_at IS NULL) = (COALESCE(o.body, c.description) = $1)",
    )
    .bind(RETENTION_WORDS)
    .fetch_one(t.db.reader())
    .await
    .unwrap();
    assert_eq!(half, 0, "no case is half anonymised");
    let unfinished: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM retention_runs WHERE finished_at IS NULL")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(unfinished, 1, "the killed run is recorded as not finished");

    let rest = command().output().unwrap();
    assert!(rest.status.success(), "{}", String::from_utf8_lossy(&rest.stderr));
    let outcome: serde_json::Value = serde_json::from_slice(&rest.stdout).unwrap();
    let cases = outcome["total"].as_i64().unwrap() - outcome["counts"]["reception_visit"].as_i64().unwrap();
    assert_eq!(cases, closed - done, "it carried on where the killed run stopped");
    assert_eq!(anonymised().await, closed);
}
