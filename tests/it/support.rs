//! Fresh databases, an in-process router, and request helpers.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use sqlx::Connection;
use tower::ServiceExt;

use frontdoor::cases::{CaseType, Prefix};
use frontdoor::config::Council;
use frontdoor::db::Db;
use frontdoor::org;
use frontdoor::outbox::Transport;
use frontdoor::services::{self, db::NewService};
use frontdoor::standards::{Policy, Rules, SharedRules};
use frontdoor::web::{AppState, router};

/// A migrated database that no other test touches.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

pub fn on_postgres() -> bool {
    std::env::var("FRONTDOOR_TEST_DB").is_ok_and(|v| v == "postgres")
}

pub fn postgres_admin_url() -> String {
    std::env::var("FRONTDOOR_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A URL for a fresh, empty database (not yet migrated).
pub async fn fresh_url() -> (String, Option<tempfile::TempDir>) {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    if on_postgres() {
        sqlx::any::install_default_drivers();
        let name = format!("frontdoor_test_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst));
        let admin = postgres_admin_url();
        let mut conn = sqlx::AnyConnection::connect(&admin).await.expect("PostgreSQL answers for tests");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("create test database");
        let base = admin.rsplit_once('/').map(|(b, _)| b).expect("admin url has a database");
        (format!("{base}/{name}"), None)
    } else {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite:{}", dir.path().join("test.db").display());
        (url, Some(dir))
    }
}

pub async fn test_db() -> TestDb {
    let (url, dir) = fresh_url().await;
    let db = Db::connect(&url).await.expect("connect to test database");
    db.migrate().await.expect("migrate test database");
    TestDb { db, url, _dir: dir }
}

pub fn prefix() -> Prefix {
    Prefix::parse("KMB").expect("valid prefix")
}

/// The prefix with the key references are derived under in `db` (as the server has it).
pub fn prefix_for(db: &Db) -> Prefix {
    prefix().keyed_for(db)
}

/// The council as the server has it for `db`: references derived under its key, and
/// links to cases signed with its key.
pub fn council_for(db: &Db) -> Council {
    council().keyed_for(db)
}

pub fn council() -> Council {
    Council::new("Testshire Council", prefix())
}

/// The application as the server runs it, with mail written to `mail_dir`.
pub async fn state(db: &Db, mail_dir: &std::path::Path) -> AppState {
    let rules = SharedRules::new(rules(db).await);
    let transport = Arc::new(Transport::Folder(mail_dir.to_owned()));
    AppState::new(db.clone(), Arc::new(council()), rules, transport)
}

pub async fn app(db: &Db) -> Router {
    router(state(db, &std::env::temp_dir().join("frontdoor-test-mail-unused")).await)
}

/// The default policy, registered in `db`, with the built-in calendars.
pub async fn rules(db: &Db) -> Rules {
    frontdoor::standards::db::load_rules(db, Policy::default_policy(), frontdoor::db::now_ms()).await.expect("rules")
}

/// A team and two services: one about a place, one not.
pub async fn seed_catalogue(db: &Db) {
    let mut tx = db.begin().await.expect("begin");
    let team = org::db::insert_team(&mut tx, "waste", "Waste", "waste@example.gov.uk").await.expect("team");
    for (code, name, group, ty, asks_location) in [
        ("missed-bin", "Report a missed bin", "Bins", CaseType::ServiceRequest, true),
        ("general", "Ask us something else", "Contact the council", CaseType::Enquiry, false),
    ] {
        let new = NewService {
            code,
            name,
            group_name: group,
            description: "A test service.",
            keywords: "",
            case_type: ty,
            team_id: team,
            partner_id: None,
            asks_location,
        };
        services::db::insert(&mut tx, &new).await.expect("service");
    }
    tx.commit().await.expect("commit");
}

/// Gives the missed-bin service of [`seed_catalogue`] three questions of its own.
pub async fn missed_bin_questions(db: &frontdoor::db::Db) {
    use frontdoor::services::{Choice, Field, FieldKind};
    let mut tx = db.begin().await.unwrap();
    let service: i64 =
        sqlx::query_scalar("SELECT id FROM services WHERE code = 'missed-bin'").fetch_one(&mut *tx).await.unwrap();
    let choices = vec![
        Choice { key: "black".into(), name: "Black bin".into() },
        Choice { key: "green".into(), name: "Green bin".into() },
    ];
    for (code, label, kind, required, choices) in [
        ("bin", "Which bin was missed?", FieldKind::Single, true, choices),
        ("due", "When was it due?", FieldKind::Date, false, vec![]),
        ("bags", "How many extra bags?", FieldKind::Number, false, vec![]),
    ] {
        let field = Field { code: code.into(), label: label.into(), hint: String::new(), kind, required, choices };
        frontdoor::services::db::insert_field(&mut tx, service, &field).await.unwrap();
    }
    tx.commit().await.unwrap();
}

/// Adds the callback service to a catalogue seeded by [`seed_catalogue`].
pub async fn callback_service(db: &frontdoor::db::Db) {
    let mut tx = db.begin().await.unwrap();
    let team: i64 = sqlx::query_scalar("SELECT id FROM teams").fetch_one(&mut *tx).await.unwrap();
    let callback = frontdoor::services::db::NewService {
        code: "callback",
        name: "Ask us to call you back",
        group_name: "Contact the council",
        description: "An adviser phones you.",
        keywords: "",
        case_type: frontdoor::cases::CaseType::Callback,
        team_id: team,
        partner_id: None,
        asks_location: false,
    };
    frontdoor::services::db::insert(&mut tx, &callback).await.unwrap();
    tx.commit().await.unwrap();
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent: a PDF's bytes.
    pub raw: Vec<u8>,
}

impl Reply {
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }
}

pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.expect("router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), raw: bytes.to_vec() }
}

pub async fn get(app: &Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).expect("request")).await
}

pub async fn post_form(app: &Router, uri: &str, fields: &[(&str, &str)]) -> Reply {
    let body = fields.iter().map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v))).collect::<Vec<_>>().join("&");
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request");
    send(app, request).await
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub async fn count(db: &Db, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(db.reader()).await.expect("count")
}

/// A valid report with some fields replaced.
pub fn valid_report_with<'a>(changes: &[(&'static str, &'a str)]) -> Vec<(&'static str, &'a str)> {
    valid_report()
        .into_iter()
        .map(|(field, value)| changes.iter().find(|(f, _)| *f == field).copied().unwrap_or((field, value)))
        .collect()
}

/// The reference in a confirmation address, `/cases/{reference}/submitted`.
pub fn reference_in(location: &str) -> &str {
    location.trim_start_matches("/cases/").trim_end_matches("/submitted")
}

/// A complete, valid report.
pub fn valid_report() -> Vec<(&'static str, &'static str)> {
    vec![
        ("description", "The bin on our street was not emptied on Tuesday."),
        ("address", "12 High Street"),
        ("postcode", "km1 2ab"),
        ("name", "Jo Resident"),
        ("email", "Jo.Resident@Example.com"),
        ("phone", ""),
    ]
}

/// One message through an SMTP server by hand, over a real socket: returns the server's
/// answer to the end of the data (e.g. "250 2.0.0 Stored as message 1").
pub fn smtp_send(addr: &str, from: &str, to: &str, raw: &[u8]) -> String {
    use std::io::{BufRead, BufReader, Write};
    let stream = std::net::TcpStream::connect(addr).expect("connect to SMTP");
    stream.set_read_timeout(Some(std::time::Duration::from_secs(30))).expect("timeout");
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut writer = stream;
    // Reads one reply, following "250-" continuation lines to the last.
    let mut reply = move || loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("read reply");
        if line.is_empty() || line.as_bytes().get(3) != Some(&b'-') {
            return line.trim_end().to_owned();
        }
    };
    assert!(reply().starts_with("220"), "greeting");
    for (command, expect) in [
        ("EHLO tests.example".to_owned(), "250"),
        (format!("MAIL FROM:<{from}>"), "250"),
        (format!("RCPT TO:<{to}>"), "250"),
        ("DATA".to_owned(), "354"),
    ] {
        write!(writer, "{command}\r\n").expect("send command");
        let answer = reply();
        assert!(answer.starts_with(expect), "{command} got {answer}");
    }
    let text = String::from_utf8_lossy(raw).replace("\r\n", "\n");
    for line in text.split('\n') {
        let stuffed = if line.starts_with('.') { format!(".{line}") } else { line.to_owned() };
        write!(writer, "{stuffed}\r\n").expect("send data");
    }
    writer.write_all(b".\r\n").expect("end data");
    let answer = reply();
    let _ = writer.write_all(b"QUIT\r\n");
    answer
}

/// Opens a web enquiry for `email` on the service `code` at a time of the test's choosing,
/// through the same `intake::open` every channel uses, with no acknowledgement.
pub async fn open_at(db: &Db, rules: &Rules, code: &str, email: &str, when: i64) -> frontdoor::intake::Opened {
    open_acknowledged_at(db, rules, code, email, when, false).await
}

/// As [`open_at`], with the acknowledgement written to the outbox when `acknowledge`.
pub async fn open_acknowledged_at(
    db: &Db,
    rules: &Rules,
    code: &str,
    email: &str,
    when: i64,
    acknowledge: bool,
) -> frontdoor::intake::Opened {
    let service = frontdoor::services::db::by_code(db.reader(), code).await.unwrap().unwrap();
    let customer = frontdoor::customers::CustomerDetails {
        name: "Pat Resident".into(),
        email: Some(email.into()),
        ..Default::default()
    };
    let request = frontdoor::intake::Request {
        language: frontdoor::language::ENGLISH,
        service: &service,
        channel: frontdoor::cases::Channel::Web,
        customer: &customer,
        location: Default::default(),
        description: "When does the library open?".into(),
        subject: "Ask us something else",
        in_reply_to: None,
        acknowledge,
        logged_by: None,
        resolved_at_first_contact: false,
        answers: &[],
        callback: None,
        received_at: None,
        demand: None,
        reason: None,
    };
    let mut tx = db.begin().await.unwrap();
    let opened = frontdoor::intake::open(&mut tx, &council_for(db), rules, request, when).await.unwrap();
    tx.commit().await.unwrap();
    opened
}

/// The whole council's monthly counts, kept by triggers, are every service's summed
/// (counts at nought left out: a count taken back to nought may stay as a row).
pub async fn assert_council_months_are_the_services_sum(db: &Db) {
    let kept: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT month, metric, key, value FROM rollup_council_months WHERE value <> 0 ORDER BY month, metric, key",
    )
    .fetch_all(db.reader())
    .await
    .expect("council counts");
    let summed: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT month, metric, key, CAST(SUM(value) AS BIGINT) FROM rollup_months GROUP BY month, metric, key \
         HAVING SUM(value) <> 0 ORDER BY month, metric, key",
    )
    .fetch_all(db.reader())
    .await
    .expect("services' counts");
    assert!(!summed.is_empty(), "there are counts to compare");
    assert_eq!(kept, summed);
}

/// What the job runner needs, from the web's state.
pub fn jobs_of(state: &AppState) -> frontdoor::jobs::Context {
    frontdoor::jobs::Context {
        db: state.db.clone(),
        council: state.council.clone(),
        rules: state.rules.clone(),
        transport: state.transport.clone(),
        lease: frontdoor::jobs::LEASE,
        keep_finished: frontdoor::jobs::KEEP_FINISHED,
        keep_sent_emails: None,
    }
}
