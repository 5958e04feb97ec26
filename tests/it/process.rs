//! The real binary: durability across SIGKILL, and start-up errors in one sentence.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use frontdoor::cases::CaseRef;
use frontdoor::cases::db::get;
use frontdoor::db::Db;

use crate::support::{prefix, reference_in, seed_catalogue, test_db, urlencode, valid_report};

const BIN: &str = env!("CARGO_BIN_EXE_frontdoor");

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(database_url: &str) -> Server {
    let mut child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("FRONTDOOR_DATABASE_URL", database_url)
        .env("FRONTDOOR_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start frontdoor");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("read start-up line");
    let addr = line
        .trim()
        .strip_prefix("frontdoor is listening on http://")
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected start-up line {line:?}"))
        .to_owned();
    Server { child, addr }
}

/// One HTTP/1.1 request over a real socket; returns the status and the raw response.
fn http(addr: &str, method: &str, path: &str, form: &[(&str, &str)]) -> (u16, String) {
    let body = form.iter().map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v))).collect::<Vec<_>>().join("&");
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).expect("status line");
    (status, response)
}

fn location(response: &str) -> String {
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
    let (status, response) = http(&server.addr, "POST", "/services/missed-bin/report", &valid_report());
    assert_eq!(status, 303, "{response}");
    // SIGKILL, at once: no graceful shutdown, no chance to flush anything.
    server.child.kill().expect("sigkill");
    server.child.wait().expect("reaped");

    let reference = reference_in(&location(&response)).to_owned();
    let id = CaseRef::parse(&prefix(), &reference).expect("reference").id();
    let db = Db::connect(&t.url).await.expect("reopen");
    let case = get(db.reader(), id).await.expect("read").expect("the acknowledged case survived");
    assert_eq!(case.description, "The bin on our street was not emptied on Tuesday.");
    db.close().await;

    let restarted = start(&t.url);
    let (status, page) = http(&restarted.addr, "GET", &format!("/cases/{reference}/submitted"), &[]);
    assert_eq!(status, 200);
    assert!(page.contains(&reference));
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
