//! Two `frontdoor serve` nodes on one PostgreSQL database: either serves any request, the
//! work is shared, and when one is killed with SIGKILL in the middle of a job the other
//! takes its leases over. Every case is acknowledged exactly once and every deadline fires
//! once. (SQLite has one writer in one process: it is one node, and this is skipped there.)

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use frontdoor::db::{Db, now_ms};

use crate::mail::Sink;
use crate::process::{Server, location, request, start_with};
use crate::support::{
    on_postgres, open_acknowledged_at, reference_in, rules, seed_catalogue, test_db, valid_report_with,
};

/// Cases already past their deadlines before the nodes start: the sweep has these to fire.
const OVERDUE: usize = 120;
const DAY: i64 = 86_400_000;

fn node(url: &str, relay: u16, dir: &str) -> Server {
    let relay = format!("127.0.0.1:{relay}");
    // A short lease, so the test need not wait two minutes for a dead node's jobs; long
    // enough that a batch of mail sent under load is recorded well inside it.
    // Every report comes from this one address: no limit on forms a minute.
    let args = ["--smtp-relay", &relay, "--job-lease-seconds", "10", "--form-posts-per-minute", "0", "--mail-dir", dir];
    start_with(url, &args)
}

/// The value of a cookie a response sets.
fn cookie(response: &str, name: &str) -> Option<String> {
    response.lines().take_while(|l| !l.is_empty()).find_map(|l| {
        let (n, v) = l.split_once(':')?;
        if !n.eq_ignore_ascii_case("set-cookie") {
            return None;
        }
        let value = v.trim().strip_prefix(name)?.strip_prefix('=')?;
        Some(value.split(';').next().unwrap_or_default().to_owned())
    })
}

fn get(addr: &str, path: &str, cookies: &str) -> (u16, String) {
    request(addr, "GET", path, &format!("Cookie: {cookies}\r\n"), &[]).expect("the node answers")
}

fn post(addr: &str, path: &str, cookies: &str, form: &[(&str, &str)]) -> (u16, String) {
    request(addr, "POST", path, &format!("Cookie: {cookies}\r\n"), form).expect("the node answers")
}

async fn scalar(db: &Db, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.reader()).await.expect(sql)
}

/// Sessions, the sign-in form's token and CSRF made on one node work on the other, and
/// wrong passwords counted on either lock the address on both: none is kept in a process.
fn staff_move_between_nodes(a: &str, b: &str) {
    let (_, form) = get(a, "/staff/sign-in", "");
    let pre = format!("fd_sign_in={}", cookie(&form, "fd_sign_in").expect("the sign-in cookie"));
    let csrf = crate::staff::csrf_in(&form);
    let fields = [("email", "lead@kingsmead.example"), ("password", crate::staff::PASSWORD), ("csrf", &csrf)];
    let (status, signed_in) = post(b, "/staff/sign-in", &pre, &[fields[0], fields[1], fields[2], ("next", "/staff")]);
    assert_eq!(status, 303, "signed in on B with A's form: {signed_in}");
    let session = format!("fd_session={}", cookie(&signed_in, "fd_session").expect("a session"));
    let (status, home) = get(a, "/staff", &session);
    assert_eq!(status, 200, "B's session works on A");
    let (status, _) = post(b, "/staff/sign-out", &session, &[("csrf", &crate::staff::csrf_in(&home))]);
    assert_eq!(status, 303, "A's CSRF token works on B");
    let (status, page) = get(a, "/staff", &session);
    assert_eq!(status, 303, "signed out on B is signed out on A: {page}");

    // Wrong passwords count across nodes: five, spread over both, lock the address on both.
    let other = ("email", "adviser@kingsmead.example");
    for i in 0..frontdoor::sessions::MAX_FAILURES {
        let node = if i % 2 == 0 { a } else { b };
        let (status, _) =
            post(node, "/staff/sign-in", &pre, &[other, ("password", "not the password"), ("csrf", &csrf)]);
        assert_eq!(status, 422, "a wrong password is refused with the form again");
    }
    let right = [other, ("password", crate::staff::PASSWORD), ("csrf", &csrf)];
    for node in [a, b] {
        let (status, page) = post(node, "/staff/sign-in", &pre, &right);
        assert!(status != 303 && page.contains("wrong passwords for this email address"), "{status}: {page}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_nodes_share_one_database_and_one_killed_mid_job_loses_nothing() {
    if !on_postgres() {
        eprintln!("several nodes need PostgreSQL: skipped on SQLite");
        return;
    }
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    crate::staff::account(&t.db, "lead@kingsmead.example", "team_lead", Some("waste"), None).await;
    crate::staff::account(&t.db, "adviser@kingsmead.example", "adviser", None, None).await;
    // Opened 40 days ago and never answered: every one is past its deadline, with its
    // acknowledgement still to send.
    let long_ago = now_ms() - 40 * DAY;
    for i in 0..OVERDUE {
        open_acknowledged_at(&t.db, &rules, "missed-bin", &format!("late{i}@example.org"), long_ago + i as i64, true)
            .await;
    }
    // Each case has several clocks; the acknowledgement's stops when it is sent, which may
    // come before the sweep reaches it, so how many fire is not known in advance.
    let overdue = "SELECT COUNT(*) FROM clocks WHERE state = 'running' AND breached = 0 AND due_at < $1";
    let waiting = |db: Db| async move {
        sqlx::query_scalar::<_, i64>(overdue).bind(now_ms()).fetch_one(db.reader()).await.expect("overdue clocks")
    };
    let to_fire = waiting(t.db.clone()).await;
    assert!(to_fire >= OVERDUE as i64);

    let started = Instant::now();
    let sink = Sink::start().await;
    let mail_dir = tempfile::tempdir().unwrap();
    let dir = mail_dir.path().to_str().unwrap();
    let mut nodes = [node(&t.url, sink.port, dir), node(&t.url, sink.port, dir)];
    let addrs: Vec<String> = nodes.iter().map(|n| n.addr.clone()).collect();
    staff_move_between_nodes(&addrs[0], &addrs[1]);

    // Residents report through both nodes, one after another, until told to stop.
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let (addrs, stop) = (addrs.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut given = Vec::new();
                let mut i = w;
                while !stop.load(Ordering::Relaxed) {
                    let addr = &addrs[i % 2];
                    i += 1;
                    // Each from someone else: acknowledgements to one address are limited.
                    let email = format!("resident.{w}.{i}@example.org");
                    let form = valid_report_with(&[("email", &email)]);
                    // A node being killed may drop the request: no reference, nothing promised.
                    if let Ok((303, response)) = request(addr, "POST", "/services/missed-bin/report/send", "", &form) {
                        given.push((addr.clone(), reference_in(&location(&response)).to_owned()));
                    }
                }
                given
            })
        })
        .collect();
    // And by email, through each node's own SMTP listener.
    for (i, n) in nodes.iter().enumerate() {
        let raw = format!(
            "From: Kim Lee <kim{i}@example.org>\r\nTo: contact@kingsmead.example\r\nSubject: Streetlight out\r\n\
             Message-ID: <node-{i}@example.org>\r\n\r\nThe streetlight outside {i} Elm Road is out.\r\n"
        );
        let answer = crate::support::smtp_send(
            &n.smtp,
            &format!("kim{i}@example.org"),
            "contact@kingsmead.example",
            raw.as_bytes(),
        );
        assert!(answer.starts_with("250 "), "{answer}");
    }

    // Kill whichever node holds the clock sweep, once it has fired some deadlines: frozen
    // first (SIGSTOP), so it cannot finish the job between the look and the kill, then
    // killed only if it still holds the lease.
    let sweep_owner = "SELECT lease_owner FROM jobs WHERE kind = 'clock_sweep' AND lease_owner IS NOT NULL \
                       AND lease_until > $1";
    let signal = |name: &str, pid: u32| {
        let sent = std::process::Command::new("kill").args([name, &pid.to_string()]).status().expect("kill");
        assert!(sent.success(), "kill {name} {pid}");
    };
    let began = Instant::now();
    let (killed, fired_before) = loop {
        assert!(began.elapsed() < Duration::from_secs(60), "no node was seen part way through the sweep");
        let owner = || async {
            sqlx::query_scalar::<_, String>(sweep_owner)
                .bind(now_ms() + 500)
                .fetch_optional(t.db.reader())
                .await
                .unwrap()
        };
        let fired = scalar(&t.db, "SELECT COUNT(*) FROM case_events WHERE kind = 10").await;
        if let Some(seen) = owner().await
            && fired > 0
        {
            let pid: u32 = seen.split('-').next().and_then(|p| p.parse().ok()).expect("a worker named by its pid");
            let which = nodes.iter().position(|n| n.child.id() == pid).expect("one of our nodes holds the sweep");
            signal("-STOP", pid);
            if owner().await.as_deref() == Some(seen.as_str()) {
                nodes[which].child.kill().expect("SIGKILL");
                nodes[which].child.wait().expect("reaped");
                break (which, fired);
            }
            signal("-CONT", pid);
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let survivor = &addrs[1 - killed];
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE lease_owner LIKE $1 AND lease_until > $2")
        .bind(format!("{}-%", nodes[killed].child.id()))
        .bind(now_ms())
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert!(held >= 1, "the killed node died holding the sweep's lease");
    eprintln!("{:.1}s in:", started.elapsed().as_secs_f64());
    eprintln!("killed node {killed} holding {held} jobs, after {fired_before} of about {to_fire} deadlines fired");

    // The survivor goes on taking reports, then everything settles.
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.store(true, Ordering::Relaxed);
    let given: Vec<(String, String)> = writers.into_iter().flat_map(|w| w.join().expect("writer")).collect();
    assert!(given.iter().any(|(addr, _)| addr == survivor) && given.iter().any(|(addr, _)| addr != survivor));
    let settled = Instant::now();
    loop {
        let unsent = scalar(&t.db, "SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND sent_at IS NULL").await;
        let left = waiting(t.db.clone()).await;
        let mail = scalar(&t.db, "SELECT COUNT(*) FROM inbound_mail WHERE state = 'new'").await;
        if unsent == 0 && left == 0 && mail == 0 {
            break;
        }
        assert!(settled.elapsed() < Duration::from_secs(90), "{unsent} unsent, {left} deadlines left, {mail} mail");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    eprintln!(
        "settled {:.1}s after the kill; {} reports given a reference",
        settled.elapsed().as_secs_f64(),
        given.len()
    );
    // Give a late duplicate, if there were one, the time to arrive.
    tokio::time::sleep(Duration::from_secs(1)).await;

    // Every deadline fired once: one "missed" event a clock, and no clock left to fire.
    let twice = scalar(
        &t.db,
        "SELECT COUNT(*) FROM (SELECT case_id, body FROM case_events WHERE kind = 10 \
         GROUP BY case_id, body HAVING COUNT(*) > 1) AS d",
    )
    .await;
    assert_eq!(twice, 0, "a deadline fired twice");
    let fired = scalar(&t.db, "SELECT COUNT(*) FROM case_events WHERE kind = 10").await;
    assert_eq!(scalar(&t.db, "SELECT COUNT(*) FROM clocks WHERE breached = 1").await, fired);
    assert!(fired > fired_before, "the survivor fired the rest");

    // Every message was sent exactly once: the relay got each Message-ID once.
    let received: Vec<(String, String)> = sink
        .messages()
        .iter()
        .map(|raw| {
            let parsed = mail_parser::MessageParser::default().parse(raw.as_bytes()).expect("a message");
            let id = parsed.message_id().expect("a Message-ID").to_owned();
            let text = format!("{}\n{}", parsed.subject().unwrap_or_default(), parsed.body_text(0).unwrap_or_default());
            (id, text)
        })
        .collect();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (id, _) in &received {
        *ids.entry(id).or_default() += 1;
    }
    let repeated: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
    assert!(repeated.is_empty(), "sent more than once: {repeated:?}");
    let written: Vec<String> = sqlx::query_scalar("SELECT message_id FROM outbox WHERE channel = 'email'")
        .fetch_all(t.db.reader())
        .await
        .unwrap();
    let written: HashSet<&str> = written.iter().map(|id| id.trim_matches(['<', '>'])).collect();
    let sent: HashSet<&str> = ids.keys().copied().collect();
    assert_eq!(sent, written, "every message written was sent, and nothing else");

    // Every case is acknowledged once: the reports given a reference, the two emails and
    // the cases from before.
    for (_, reference) in &given {
        assert_eq!(received.iter().filter(|(_, text)| text.contains(reference.as_str())).count(), 1, "{reference}");
    }
    // A report the killed node had committed but not yet answered is a case whose resident
    // saw no reference on screen: they have it in the acknowledgement. At most one a writer.
    let cases = scalar(&t.db, "SELECT COUNT(*) FROM cases").await as usize;
    let referenced = OVERDUE + 2 + given.len();
    assert!((referenced..=referenced + 2).contains(&cases), "{cases} cases for {referenced} references: none lost");
    assert_eq!(received.len(), cases, "one acknowledgement a case");

    // A signed link in an acknowledgement sent by either node opens the case on the survivor.
    let link = received
        .iter()
        .find_map(|(_, text)| {
            let at = text.find("/cases/")?;
            let path: String = text[at..].chars().take_while(|c| !c.is_whitespace()).collect();
            path.contains("/open/").then_some(path)
        })
        .expect("a signed link in an acknowledgement");
    let (status, page) = get(survivor, &link, "");
    assert_eq!(status, 200, "{link}: {page}");
}
