//! The real binary: durability across SIGKILL, and start-up errors in one sentence.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use frontdoor::cases::CaseRef;
use frontdoor::cases::db::get;
use frontdoor::db::Db;

use crate::support::{reference_in, seed_catalogue, smtp_send, test_db, urlencode, valid_report};

const BIN: &str = env!("CARGO_BIN_EXE_frontdoor");

/// A `frontdoor serve` process, killed when dropped.
pub(crate) struct Server {
    pub child: Child,
    pub addr: String,
    pub smtp: String,
    /// The metrics listener's address, when started with `--metrics-listen`.
    pub metrics: Option<String>,
    _mail_dir: Option<tempfile::TempDir>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(database_url: &str) -> Server {
    let mail_dir = tempfile::tempdir().expect("mail dir");
    let dir = mail_dir.path().to_str().expect("a UTF-8 path").to_owned();
    let mut server = start_with(database_url, &["--mail-dir", &dir]);
    server._mail_dir = Some(mail_dir);
    server
}

/// Starts `frontdoor serve` on free ports with `args` added, and reads where it listens
/// from its first lines.
pub(crate) fn start_with(database_url: &str, args: &[&str]) -> Server {
    spawn(database_url, args, "warn", Stdio::inherit())
}

/// As [`start_with`], logging at `filter` (`FRONTDOOR_LOG`) to a pipe the test reads from
/// `server.child.stderr`.
pub(crate) fn start_logging(database_url: &str, args: &[&str], filter: &str) -> Server {
    spawn(database_url, args, filter, Stdio::piped())
}

fn spawn(database_url: &str, args: &[&str], filter: &str, stderr: Stdio) -> Server {
    let mut child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--smtp-listen", "127.0.0.1:0"])
        .args(args)
        .env("FRONTDOOR_DATABASE_URL", database_url)
        .env("FRONTDOOR_LOG", filter)
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("start frontdoor");
    let stdout = child.stdout.take().expect("stdout");
    let mut stdout = BufReader::new(stdout);
    let mut line = String::new();
    stdout.read_line(&mut line).expect("read start-up line");
    let addr = line
        .trim()
        .strip_prefix("frontdoor is listening on http://")
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected start-up line {line:?}"))
        .to_owned();
    line.clear();
    stdout.read_line(&mut line).expect("read the mail line");
    let smtp = line
        .trim()
        .strip_prefix("Mail in: SMTP on ")
        .and_then(|rest| rest.split_once(". "))
        .map_or_else(|| panic!("unexpected mail line {line:?}"), |(addr, _)| addr.to_owned());
    let metrics = args.contains(&"--metrics-listen").then(|| {
        line.clear();
        stdout.read_line(&mut line).expect("read the metrics line");
        line.trim()
            .strip_prefix("Metrics: http://")
            .and_then(|rest| rest.strip_suffix("/metrics"))
            .unwrap_or_else(|| panic!("unexpected metrics line {line:?}"))
            .to_owned()
    });
    Server { child, addr, smtp, metrics, _mail_dir: None }
}

/// One HTTP/1.1 request over a real socket; returns the status and the raw response.
pub(crate) fn http(addr: &str, method: &str, path: &str, form: &[(&str, &str)]) -> (u16, String) {
    request(addr, method, path, "", form).expect("the server answers")
}

/// One HTTP/1.1 request over a real socket with extra header lines (each ending in
/// `\r\n`), or the error if the server could not be reached or hung up.
pub(crate) fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &str,
    form: &[(&str, &str)],
) -> std::io::Result<(u16, String)> {
    let body = form.iter().map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v))).collect::<Vec<_>>().join("&");
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{headers}\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok());
    status.map(|s| (s, response)).ok_or_else(|| std::io::Error::other("no status line"))
}

/// A response header's value.
pub(crate) fn header<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    response.lines().take_while(|l| !l.is_empty()).find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.eq_ignore_ascii_case(name).then_some(v.trim())
    })
}

pub(crate) fn location(response: &str) -> String {
    response
        .lines()
        .find_map(|l| l.strip_prefix("location: ").or_else(|| l.strip_prefix("Location: ")))
        .expect("location header")
        .trim()
        .to_owned()
}

#[tokio::test]
async fn a_case_survives_sigkill_right_after_its_reference_is_returned() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    t.db.close().await;

    let mut server = start(&t.url);
    let (status, response) = http(&server.addr, "POST", "/services/missed-bin/report/send", &valid_report());
    assert_eq!(status, 303, "{response}");
    // SIGKILL, at once: no graceful shutdown, no chance to flush anything.
    server.child.kill().expect("sigkill");
    server.child.wait().expect("reaped");

    let reference = reference_in(&location(&response)).to_owned();
    let id = CaseRef::parse(&crate::support::prefix_for(&t.db), &reference).expect("reference").id();
    let db = Db::connect(&t.url).await.expect("reopen");
    let case = get(db.reader(), id).await.expect("read").expect("the acknowledged case survived");
    assert_eq!(case.description, "The bin on our street was not emptied on Tuesday.");
    db.close().await;

    let restarted = start(&t.url);
    let (status, page) = http(&restarted.addr, "GET", &format!("/cases/{reference}/submitted"), &[]);
    assert_eq!(status, 200);
    assert!(page.contains(&reference));
}

#[tokio::test]
async fn mail_survives_sigkill_right_after_250_and_becomes_exactly_one_case() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    t.db.close().await;

    let mut server = start(&t.url);
    let raw = b"From: Kim Lee <kim@example.org>\r\nTo: contact@kingsmead.example\r\n\
                Subject: Streetlight out\r\nMessage-ID: <kill-test@example.org>\r\n\r\n\
                The streetlight outside 4 Elm Road has been out for a week.\r\n";
    let answer = smtp_send(&server.smtp, "kim@example.org", "contact@kingsmead.example", raw);
    assert!(answer.starts_with("250 "), "{answer}");
    // SIGKILL the moment 250 arrives: whatever the job runner had or had not done yet.
    server.child.kill().expect("sigkill");
    server.child.wait().expect("reaped");

    let db = Db::connect(&t.url).await.expect("reopen");
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inbound_mail").fetch_one(db.reader()).await.unwrap();
    assert_eq!(stored, 1, "the message was stored before the 250");

    let _restarted = start(&t.url);
    let mut cases = 0;
    for _ in 0..200 {
        cases = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM cases WHERE channel = 'email'")
            .fetch_one(db.reader())
            .await
            .unwrap();
        if cases > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(cases, 1, "the mail became exactly one case after the restart");
    let description: String = sqlx::query_scalar("SELECT description FROM cases WHERE channel = 'email'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert!(description.contains("4 Elm Road"), "{description}");
    db.close().await;
}

fn run(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut command = Command::new(BIN);
    command.args(args).env_remove("FRONTDOOR_DATABASE_URL").env("FRONTDOOR_LOG", "off");
    for (k, v) in envs {
        command.env(k, v);
    }
    command.output().expect("run frontdoor")
}

/// The whole of stderr, which must be one line naming the problem, with no panic.
fn one_sentence(output: &Output) -> String {
    assert!(!output.status.success(), "expected failure");
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "more than one line: {stderr}");
    stderr
}

#[test]
fn an_unreachable_database_is_one_clear_sentence_without_the_password() {
    let output = run(&["migrate"], &[("FRONTDOOR_DATABASE_URL", "postgres://fd:hunter2@127.0.0.1:1/frontdoor")]);
    let message = one_sentence(&output);
    assert!(
        message
            .starts_with("frontdoor: could not connect to the database at postgres://fd:***@127.0.0.1:1/frontdoor: "),
        "{message}"
    );
    assert!(!message.contains("hunter2"), "{message}");
}

#[test]
fn an_address_that_is_not_a_database_is_refused() {
    let message = one_sentence(&run(&["migrate", "--database-url", "mysql://root@localhost/x"], &[]));
    assert!(message.contains("is not a database address frontdoor understands"), "{message}");
}

#[test]
fn a_port_in_use_is_one_clear_sentence() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite:{}", dir.path().join("x.db").display());
    let message = one_sentence(&run(&["serve", "--listen", &addr, "--database-url", &url], &[]));
    assert!(message.starts_with(&format!("frontdoor: could not listen on {addr}: ")), "{message}");
}

#[test]
fn bad_flags_are_refused_by_name() {
    let output = run(&["serve", "--listen", "not-an-address"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--listen"));

    let output = run(&["serve", "--ref-prefix", "12"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the reference prefix must be 2 to 5 letters"));
}
