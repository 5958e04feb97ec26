//! Email in and out, over real sockets: our SMTP listener, a real SMTP client (lettre),
//! a real SMTP sink (Python's aiosmtpd) as the council's relay, and the job runner.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::Row;
use tokio_util::sync::CancellationToken;

use frontdoor::cases::{CaseRef, Status};
use frontdoor::db::{Db, now_ms};
use frontdoor::outbox::Transport;
use frontdoor::web::AppState;
use frontdoor::{jobs, mail, smtp};

use crate::support::{council, count, post_form, seed_catalogue, state, test_db, valid_report};

/// Stores an email as `frontdoor import-email` does (`peer` names where it came from),
/// then reads it as the job would. Returns its `inbound_mail` id.
pub(crate) async fn read_imported(state: &AppState, peer: &str, raw: &[u8]) -> i64 {
    let inbound = mail::Inbound { source: "import", peer, envelope_from: None, envelope_to: None, raw };
    let id = mail::db::store(&state.db, &inbound, now_ms()).await.unwrap();
    mail::process(&state.db, &state.council, &state.rules.get(), id, now_ms()).await.unwrap();
    id
}

/// Python's aiosmtpd, writing every message it is given into a maildir.
pub(crate) struct Sink {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Sink {
    pub async fn start() -> Sink {
        Sink::start_on(free_port()).await
    }

    async fn start_on(port: u16) -> Sink {
        let dir = tempfile::tempdir().unwrap();
        let python = std::env::var("FRONTDOOR_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let mut child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("maildir"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 with aiosmtpd (.ci/run installs it)");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Sink { child, port, dir };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not start on port {port}");
    }

    /// Every message delivered so far, as text.
    pub fn messages(&self) -> Vec<String> {
        let new = self.dir.path().join("maildir/new");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&new)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        files.iter().map(|f| String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned()).collect()
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Our SMTP listener and job runner, in this process, delivering to `transport`.
struct Running {
    state: AppState,
    smtp_port: u16,
    shutdown: CancellationToken,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

async fn run(db: &Db, transport: Transport, max_bytes: usize) -> Running {
    let mut state = state(db, Path::new("unused")).await;
    state.transport = Arc::new(transport);
    let shutdown = CancellationToken::new();
    let listener = smtp::bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let smtp_port = listener.local_addr().unwrap().port();
    tokio::spawn(smtp::serve(listener, db.clone(), max_bytes, "kingsmead.example".into(), shutdown.clone()));
    tokio::spawn(jobs::run(crate::support::jobs_of(&state), shutdown.clone()));
    Running { state, smtp_port, shutdown }
}

async fn send(port: u16, message: Message) -> Result<(), lettre::transport::smtp::Error> {
    let client = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1").port(port).build();
    client.send(message).await.map(|_| ())
}

fn from_ann() -> lettre::message::MessageBuilder {
    let ann: Mailbox = "Ann Smith <ann@example.org>".parse().unwrap();
    Message::builder().from(ann).to("contact@kingsmead.example".parse().unwrap())
}

/// Waits (up to 20 s) until `sql` gives `expected`.
async fn eventually(db: &Db, sql: &'static str, expected: i64) {
    let mut got = -1;
    for _ in 0..200 {
        got = sqlx::query_scalar::<_, i64>(sql).fetch_one(db.reader()).await.unwrap();
        if got == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let jobs: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT kind, last_error FROM jobs UNION ALL SELECT recipient, last_error FROM outbox")
            .fetch_all(db.reader())
            .await
            .unwrap_or_default();
    panic!("{sql} gave {got}, not {expected}; jobs: {jobs:?}");
}

#[tokio::test]
async fn an_email_becomes_a_case_is_acknowledged_threads_a_reply_and_ignores_an_auto_reply() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let sink = Sink::start().await;
    let relay = Transport::Relay { host: "127.0.0.1".into(), port: sink.port };
    let server = run(&t.db, relay, 1024 * 1024).await;

    let first = from_ann()
        .subject("Overflowing bins on Mill Lane")
        .message_id(Some("<ann-first@example.org>".into()))
        .body("The communal bins have not been emptied for two weeks.".to_owned())
        .unwrap();
    send(server.smtp_port, first).await.expect("our listener says 250");

    // A case, and an acknowledgement delivered to the relay.
    eventually(&t.db, "SELECT COUNT(*) FROM cases WHERE channel = 'email'", 1).await;
    eventually(&t.db, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL", 1).await;
    let case_id: i64 = sqlx::query_scalar("SELECT id FROM cases").fetch_one(t.db.reader()).await.unwrap();
    let reference = CaseRef::from_id(&crate::support::prefix_for(&t.db), case_id);
    let delivered = sink.messages();
    assert_eq!(delivered.len(), 1);
    let ack = &delivered[0];
    assert!(ack.contains(&format!("Subject: We have your message: {reference}")), "{ack}");
    assert!(ack.contains("Auto-Submitted: auto-replied"), "{ack}");
    assert!(ack.contains("In-Reply-To: <ann-first@example.org>"), "{ack}");
    assert!(ack.contains("We will reply by "), "the standard's date: {ack}");
    // The body is quoted-printable once a line is long: read it as a mail client would.
    let text = mail_parser::MessageParser::default()
        .parse(ack.as_bytes())
        .and_then(|m| m.body_text(0).map(std::borrow::Cow::into_owned));
    let text = text.expect("a text body");
    assert!(text.contains(&format!("/cases/{reference}/open/")), "a signed link to follow the case: {text}");
    // It says plainly that replying adds to the case, and nothing that contradicts it.
    assert!(text.contains("To add anything, reply to this email"), "{text}");
    assert!(!text.contains("do not need to reply") && !text.contains("not read"), "{text}");
    let ack_id: String = sqlx::query_scalar("SELECT message_id FROM outbox").fetch_one(t.db.reader()).await.unwrap();
    assert!(ack.contains(&format!("Message-ID: {ack_id}")), "{ack}");
    // Delivering the acknowledgement acknowledged the case.
    let case = frontdoor::cases::db::get(t.db.reader(), case_id).await.unwrap().unwrap();
    assert_eq!(case.status, Status::Acknowledged);

    // The resident replies to the acknowledgement: it joins the same case, unanswered.
    let reply = from_ann()
        .subject(format!("Re: We have your message: {reference}"))
        .in_reply_to(ack_id.clone())
        .references(ack_id.clone())
        .body("They are still full today.".to_owned())
        .unwrap();
    send(server.smtp_port, reply).await.unwrap();
    eventually(&t.db, "SELECT COUNT(*) FROM inbound_mail WHERE state = 'reply'", 1).await;
    let threaded: i64 = sqlx::query_scalar("SELECT case_id FROM inbound_mail WHERE state = 'reply'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(threaded, case_id);
    let message: String =
        sqlx::query_scalar("SELECT body FROM case_events_as_text WHERE kind = 'message' AND case_id = $1")
            .bind(case_id)
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    assert!(message.contains("still full today"), "{message}");

    // An out-of-office answer to our acknowledgement is recorded and never answered.
    let away = from_ann()
        .subject("Automatic reply: We have your message")
        .in_reply_to(ack_id.clone())
        .header(AutoSubmitted)
        .body("I am away until Monday.".to_owned())
        .unwrap();
    send(server.smtp_port, away).await.unwrap();
    eventually(&t.db, "SELECT COUNT(*) FROM inbound_mail WHERE state = 'recorded'", 1).await;
    assert_eq!(count(&t.db, "cases").await, 1);
    assert_eq!(count(&t.db, "outbox").await, 1, "no acknowledgement for a reply or an auto-reply");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(sink.messages().len(), 1, "nothing more was sent");
}

#[derive(Clone)]
struct AutoSubmitted;

impl lettre::message::header::Header for AutoSubmitted {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("Auto-Submitted")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), "auto-replied".into())
    }
}

#[tokio::test]
async fn delivery_is_retried_after_a_relay_outage_and_never_sent_twice() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let port = free_port();
    let mut state = state(&t.db, Path::new("unused")).await;
    state.transport = Arc::new(Transport::Relay { host: "127.0.0.1".into(), port });
    let rules = state.rules.get();
    let submission = frontdoor::intake::Submission {
        service_code: "general".into(),
        name: "Kim Lee".into(),
        email: "kim@example.org".into(),
        description: "When is the library open?".into(),
        ..Default::default()
    };
    frontdoor::intake::submit(&t.db, council().into(), rules.clone(), &submission).await.unwrap();
    let id: i64 = sqlx::query_scalar("SELECT id FROM outbox").fetch_one(t.db.reader()).await.unwrap();

    // The relay is down: the attempt fails, is recorded, and will be tried again.
    let err =
        frontdoor::jobs::deliver::deliver(&state.db, &state.council, &state.transport, &state.rules, id, 1, now_ms())
            .await
            .expect_err("nobody is listening");
    assert!(!err.to_string().contains("kim@"), "no address in what is logged: {err}");
    let row = sqlx::query("SELECT attempts, last_error, sent_at, failed_at FROM outbox")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(row.get::<i64, _>("attempts"), 1);
    assert!(row.get::<Option<String>, _>("last_error").is_some());
    assert_eq!(row.get::<Option<i64>, _>("sent_at"), None);
    assert_eq!(row.get::<Option<i64>, _>("failed_at"), None);

    // The relay is back: delivered once, and a repeat of the job sends nothing more.
    let sink = Sink::start_on(port).await;
    frontdoor::jobs::deliver::deliver(&state.db, &state.council, &state.transport, &state.rules, id, 2, now_ms())
        .await
        .unwrap();
    frontdoor::jobs::deliver::deliver(&state.db, &state.council, &state.transport, &state.rules, id, 3, now_ms())
        .await
        .unwrap();
    assert_eq!(sink.messages().len(), 1);
    let sent: Option<i64> = sqlx::query_scalar("SELECT sent_at FROM outbox").fetch_one(t.db.reader()).await.unwrap();
    assert!(sent.is_some());
}

#[tokio::test]
async fn mail_over_the_size_cap_gets_552_and_nothing_is_kept() {
    let t = test_db().await;
    let out = tempfile::tempdir().unwrap();
    let server = run(&t.db, Transport::Folder(out.path().to_owned()), 2_000).await;
    let big = from_ann().subject("Big").body("x".repeat(5_000)).unwrap();
    let err = send(server.smtp_port, big).await.expect_err("refused");
    assert!(err.is_permanent(), "{err}");
    assert!(err.to_string().contains("552") || err.to_string().contains("larger than the 2000 bytes"), "{err}");
    assert_eq!(count(&t.db, "inbound_mail").await, 0);
    // The same connection limit does not stop a message that fits.
    let small = from_ann().subject("Small").body("Fits.".to_owned()).unwrap();
    send(server.smtp_port, small).await.expect("250");
    assert_eq!(count(&t.db, "inbound_mail").await, 1);
}

#[tokio::test]
async fn a_mail_loop_with_an_unmarked_autoresponder_stops_after_one_exchange() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let state = state(&t.db, Path::new("unused")).await;
    // An autoresponder that marks nothing and threads nothing: each answer looks new.
    for n in 0..4 {
        let raw = format!(
            "From: robot@example.com\r\nTo: contact@kingsmead.example\r\nSubject: Thanks for your email {n}\r\n\
             Message-ID: <loop-{n}@example.com>\r\n\r\nWe got your email.\r\n"
        );
        read_imported(&state, "test", raw.as_bytes()).await;
    }
    let acks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE purpose = 'acknowledgement'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(acks, 1, "one acknowledgement, then the rate limit holds");
    assert_eq!(count(&t.db, "cases").await, 4, "every message is still a case staff can see");
}

#[tokio::test]
async fn three_emails_about_different_things_minutes_apart_get_three_acknowledgements() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let state = state(&t.db, Path::new("unused")).await;
    let said = [
        ("Missed bin", "The bins in Mill Lane were not emptied on Tuesday."),
        ("Library hours", "When is the library open over Christmas?"),
        ("Pothole", "There is a deep pothole outside 12 Station Road."),
    ];
    for (n, (subject, text)) in said.iter().enumerate() {
        let raw = format!(
            "From: Ann Resident <ann@example.org>\r\nTo: contact@kingsmead.example\r\nSubject: {subject}\r\n\
             Message-ID: <ann-{n}@example.org>\r\n\r\n{text}\r\n"
        );
        read_imported(&state, "test", raw.as_bytes()).await;
    }
    let acks: Vec<String> = sqlx::query_scalar("SELECT body FROM outbox WHERE purpose = 'acknowledgement' ORDER BY id")
        .fetch_all(t.db.reader())
        .await
        .unwrap();
    assert_eq!(acks.len(), 3, "each new matter is acknowledged");
    for (ack, (subject, _)) in acks.iter().zip(said) {
        assert!(ack.contains(subject), "{ack}");
        assert!(ack.contains("We will reply by "), "with its due date: {ack}");
    }
    assert_eq!(count(&t.db, "cases").await, 3);
}

#[tokio::test]
async fn a_web_report_is_acknowledged_by_email_written_to_the_mail_folder() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let out = tempfile::tempdir().unwrap();
    let server = run(&t.db, Transport::Folder(out.path().to_owned()), 1024).await;
    let app = frontdoor::web::router(server.state.clone());
    let reply = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    assert_eq!(reply.status, 303);
    eventually(&t.db, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL", 1).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM outbox").fetch_one(t.db.reader()).await.unwrap();
    let eml = std::fs::read_to_string(out.path().join(format!("{id}.eml"))).expect("the .eml file");
    assert!(eml.contains("To: jo.resident@example.com"), "{eml}");
    assert!(eml.contains("Subject: We have your message: KMB-"), "{eml}");
    assert!(eml.contains("Auto-Submitted: auto-replied"), "{eml}");
}

/// The hand-made corpus in tests/mail/corpus: each message's outcome is as
/// expected.txt says, and only new cases are acknowledged.
#[tokio::test]
async fn the_corpus_of_tricky_mail_has_the_expected_outcomes() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let state = state(&t.db, Path::new("unused")).await;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mail/corpus");
    let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
    let mut listed = 0;
    let (mut reference, mut ack) = (String::new(), String::new());
    for line in expected.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [file, outcome, acknowledged] = fields[..] else { panic!("bad line {line:?}") };
        listed += 1;
        let raw = std::fs::read(dir.join(file)).unwrap();
        let raw = replace(&raw, b"{REF}", reference.as_bytes());
        let raw = replace(&raw, b"{ACK}", ack.as_bytes());
        let outbox_before = count(&t.db, "outbox").await;
        let id = read_imported(&state, file, &raw).await;

        let row = sqlx::query("SELECT state, reason, case_id FROM inbound_mail WHERE id = $1")
            .bind(id)
            .fetch_one(t.db.reader())
            .await
            .unwrap();
        let state_now: String = row.get("state");
        let reason: Option<String> = row.get("reason");
        assert_eq!(state_now, outcome, "{file}: {reason:?}");
        if matches!(outcome, "ignored" | "quarantined") {
            assert!(reason.is_some_and(|r| !r.is_empty()), "{file} has a reason");
        }
        let written = count(&t.db, "outbox").await - outbox_before;
        assert_eq!(written, i64::from(acknowledged == "yes"), "{file}: acknowledgements written");
        if file == "00-base.eml" {
            let case_id: i64 = row.get("case_id");
            reference = CaseRef::from_id(&crate::support::prefix_for(&t.db), case_id).to_string();
            ack = sqlx::query_scalar("SELECT message_id FROM outbox").fetch_one(t.db.reader()).await.unwrap();
        }
    }
    assert!(listed >= 40, "at least 40 messages, not {listed}");
    let files =
        std::fs::read_dir(&dir).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "eml"));
    assert_eq!(files.count(), listed, "every .eml file is listed in expected.txt");

    // The bounce marked our acknowledgement as failed, and staff were told on the case.
    let failed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE failed_at IS NOT NULL")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(failed, 1);
    // Nothing that reached a case kept a NUL or a control character.
    let descriptions: Vec<String> =
        sqlx::query_scalar("SELECT description FROM cases").fetch_all(t.db.reader()).await.unwrap();
    for d in &descriptions {
        assert!(!d.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "{d:?}");
        assert!(d.chars().count() <= frontdoor::forms::DESCRIPTION_MAX);
    }
    assert!(descriptions.iter().any(|d| d.contains("café")), "quoted-printable Latin-1 decoded");
    assert!(descriptions.iter().any(|d| d.contains("Heol y Bont")), "base64 UTF-8 decoded");
    assert!(descriptions.iter().any(|d| d.contains("fly-tipping") && !d.contains("<b>")), "HTML made plain text");
    assert!(descriptions.iter().any(|d| d.contains("invoice.pdf")), "the attachment is listed");
}

fn replace(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}
