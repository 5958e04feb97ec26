//! Operations: a consistent backup of a SQLite database taken while cases are being
//! written, and `frontdoor check` finding the schema, the file and the projections sound,
//! or naming what is not.

use std::process::Command;

use sqlx::Connection;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use frontdoor::db::Db;
use frontdoor::demo;

use crate::process::header;
use crate::support::{count, on_postgres, rules, test_db, valid_report};

const BIN: &str = env!("CARGO_BIN_EXE_frontdoor");

async fn seeded(cases: usize) -> crate::support::TestDb {
    let t = test_db().await;
    let rules = rules(&t.db).await;
    demo::seed(&t.db, rules, cases, &|_| {}).await.expect("seeded");
    t
}

#[tokio::test]
async fn a_backup_taken_while_cases_are_written_is_consistent_and_passes_check() {
    if on_postgres() {
        return; // PostgreSQL is backed up with pg_dump: see the next test.
    }
    let t = seeded(1_500).await;
    let before = count(&t.db, "cases").await;
    // A writer keeps opening cases through intake, on its own connections, throughout.
    let writer = Db::connect(&t.url).await.unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let writing = {
        let (stop, rules) = (stop.clone(), Arc::new(rules(&writer).await));
        tokio::spawn(async move {
            let mut written = 0;
            let mut submission = frontdoor::intake::Submission::default();
            for (field, value) in valid_report() {
                match field {
                    "description" => submission.description = value.into(),
                    "name" => submission.name = value.into(),
                    "email" => submission.email = value.into(),
                    _ => {}
                }
            }
            submission.service_code = "general".into();
            while !stop.load(Ordering::Relaxed) || written < 20 {
                let council = Arc::new(crate::support::council_for(&writer));
                frontdoor::intake::submit(&writer, council, rules.clone(), &submission).await.expect("written");
                written += 1;
            }
            written
        })
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("backup.db");
    let ran = tokio::task::spawn_blocking({
        let (url, out) = (t.url.clone(), out.clone());
        move || Command::new(BIN).args(["backup", "--out"]).arg(&out).env("FRONTDOOR_DATABASE_URL", url).output()
    })
    .await
    .unwrap()
    .unwrap();
    stop.store(true, Ordering::Relaxed);
    let written = writing.await.unwrap();
    assert!(ran.status.success(), "{}", String::from_utf8_lossy(&ran.stderr));
    assert!(String::from_utf8_lossy(&ran.stdout).contains("Backed up to"));

    // The copy holds every case from before, and some or all of those written since.
    let copy = Db::connect(&format!("sqlite:{}", out.display())).await.unwrap();
    let copied = count(&copy, "cases").await;
    assert!(copied >= before && copied <= before + written, "{before} + {written} written, {copied} copied");
    assert!(copy.integrity().await.unwrap().is_empty());
    assert!(copy.schema().await.unwrap().is_current());
    copy.close().await;
    let checked = Command::new(BIN)
        .arg("check")
        .env("FRONTDOOR_DATABASE_URL", format!("sqlite:{}", out.display()))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&checked.stdout);
    assert!(checked.status.success(), "{said}{}", String::from_utf8_lossy(&checked.stderr));
    assert!(said.contains(&format!("Cases: {copied} with")), "{said}");
    assert!(said.contains("All checks passed."));

    // Restored, it serves: frontdoor starts on the copy and shows a case from it.
    let restored = format!("sqlite:{}", out.display());
    let mail = dir.path().join("mail").to_str().unwrap().to_owned();
    let server = crate::process::start_with(&restored, &["--mail-dir", &mail]);
    assert_eq!(crate::process::http(&server.addr, "GET", "/readyz", &[]).0, 200);
    let reference = frontdoor::cases::CaseRef::from_id(&crate::support::prefix_for(&t.db), 1).to_string();
    let (status, page) = crate::process::http(&server.addr, "GET", &format!("/cases/{reference}/submitted"), &[]);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(&reference));
    drop(server);

    // A second backup to the same file is refused: none is ever overwritten.
    let again =
        Command::new(BIN).args(["backup", "--out"]).arg(&out).env("FRONTDOOR_DATABASE_URL", &t.url).output().unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[tokio::test]
async fn check_names_a_status_or_a_clock_that_disagrees_with_the_events() {
    let t = seeded(300).await;
    let rules = rules(&t.db).await;
    let found = frontdoor::casework::check::projections(&t.db, &rules, &|_| {}).await.unwrap();
    assert!(found.is_sound(), "{found:?}");
    assert_eq!(found.cases, 300);
    assert_eq!(t.db.schema().await.unwrap().applied, Some(t.db.schema().await.unwrap().known));

    let (case, status): (i64, String) =
        sqlx::query_as("SELECT id, status FROM cases WHERE status <> 'in_progress' ORDER BY id LIMIT 1")
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    let clock_case: i64 =
        sqlx::query_scalar("SELECT case_id FROM clocks WHERE due_at IS NOT NULL ORDER BY case_id DESC LIMIT 1")
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    sqlx::query("UPDATE cases SET status = 'in_progress' WHERE id = $1")
        .bind(case)
        .execute(t.db.writer())
        .await
        .unwrap();
    sqlx::query("UPDATE clocks SET due_at = due_at + 60000 WHERE case_id = $1")
        .bind(clock_case)
        .execute(t.db.writer())
        .await
        .unwrap();
    let found = frontdoor::casework::check::projections(&t.db, &rules, &|_| {}).await.unwrap();
    assert!(!found.is_sound());
    assert_eq!((found.status.count, found.status.examples.clone()), (1, vec![case]), "was {status}");
    assert_eq!((found.clocks.count, found.clocks.examples.clone()), (1, vec![clock_case]));

    if on_postgres() {
        let refused = t.db.backup_to(std::path::Path::new("/tmp/never-written.db")).await.unwrap_err();
        assert!(refused.to_string().contains("pg_dump"), "{refused}");
    }
}

#[tokio::test]
async fn a_postgresql_database_dumped_and_restored_as_the_docs_say_passes_check_and_serves() {
    if !on_postgres() {
        return; // SQLite is backed up with `frontdoor backup`: see the test above.
    }
    let t = seeded(300).await;
    let cases = count(&t.db, "cases").await;
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("frontdoor.dump");
    // The commands in docs/operations.md, as they are written there.
    let dumped = Command::new("pg_dump").args(["--format=custom", "--file"]).arg(&dump).arg(&t.url).output().unwrap();
    assert!(dumped.status.success(), "{}", String::from_utf8_lossy(&dumped.stderr));
    let (server, name) = t.url.rsplit_once('/').unwrap();
    let restored_name = format!("{name}_restored");
    let mut admin = sqlx::AnyConnection::connect(&format!("{server}/postgres")).await.unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {restored_name}"))).execute(&mut admin).await.unwrap();
    let restored = format!("{server}/{restored_name}");
    let ran = Command::new("pg_restore").args(["--no-owner", "--dbname"]).arg(&restored).arg(&dump).output().unwrap();
    assert!(ran.status.success(), "{}", String::from_utf8_lossy(&ran.stderr));

    let checked = Command::new(BIN).arg("check").env("FRONTDOOR_DATABASE_URL", &restored).output().unwrap();
    let said = String::from_utf8_lossy(&checked.stdout);
    assert!(checked.status.success(), "{said}{}", String::from_utf8_lossy(&checked.stderr));
    assert!(said.contains(&format!("Cases: {cases} with")) && said.contains("All checks passed."), "{said}");
    let mail = dir.path().join("mail").to_str().unwrap().to_owned();
    let node = crate::process::start_with(&restored, &["--mail-dir", &mail]);
    assert_eq!(crate::process::http(&node.addr, "GET", "/readyz", &[]).0, 200);
    drop(node);
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP DATABASE {restored_name} WITH (FORCE)")))
        .execute(&mut admin)
        .await
        .unwrap();
}

/// One GET over a real socket, with any extra header lines; returns the raw response.
fn raw_get(addr: &str, path: &str, extra: &str) -> String {
    crate::process::request(addr, "GET", path, extra, &[]).expect("the server answers").1
}

#[tokio::test]
async fn json_logs_give_one_line_a_request_with_its_id_and_route_never_the_path() {
    use std::io::Read;
    let t = seeded(10).await;
    let mail = tempfile::tempdir().unwrap();
    let dir = mail.path().to_str().unwrap();
    let mut server =
        crate::process::start_logging(&t.url, &["--log-format", "json", "--mail-dir", dir], "info,sqlx=warn");
    let addr = server.addr.clone();

    let secret = "0123456789abcdef0123456789abcdef";
    let home = raw_get(&addr, "/", "");
    let id = header(&home, "x-request-id").expect("a request id").to_owned();
    assert!(id.len() == 16 && id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    let private = raw_get(&addr, &format!("/you/{secret}?q=jo%40example.com"), "");
    let private_id = header(&private, "x-request-id").unwrap().to_owned();
    // An id a proxy in front already gave is kept.
    let proxied = raw_get(&addr, "/services", "X-Request-Id: from-the-proxy-42\r\n");
    assert_eq!(header(&proxied, "x-request-id"), Some("from-the-proxy-42"));

    let _ = server.child.kill();
    let _ = server.child.wait();
    let mut logs = String::new();
    server.child.stderr.take().unwrap().read_to_string(&mut logs).unwrap();
    assert!(!logs.contains(secret) && !logs.contains("jo%40example.com"), "a token or a query reached the log: {logs}");
    let served: Vec<serde_json::Value> = logs
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .filter(|v| v["message"] == "request served")
        .collect();
    assert_eq!(served.len(), 3, "{logs}");
    let find =
        |id: &str| served.iter().find(|v| v["span"]["request_id"] == id).unwrap_or_else(|| panic!("{id} in {logs}"));
    assert_eq!(find(&id)["span"]["route"], "/");
    assert_eq!(find(&id)["status"], 200);
    assert_eq!(find(&private_id)["span"]["route"], "/you/{token}");
    assert_eq!(find("from-the-proxy-42")["span"]["route"], "/services");
}

#[tokio::test]
async fn metrics_answer_on_their_own_port_with_the_histogram_and_counters_and_never_on_the_public_one() {
    use crate::process::{http, start_with};
    let t = test_db().await;
    crate::support::seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    // A case 40 days past, for the sweep to find its deadline missed.
    let late = frontdoor::db::now_ms() - 40 * 86_400_000;
    crate::support::open_at(&t.db, &rules, "missed-bin", "late.resident@example.org", late).await;
    t.db.close().await;
    let mail = tempfile::tempdir().unwrap();
    let server = start_with(&t.url, &["--metrics-listen", "127.0.0.1:0", "--mail-dir", mail.path().to_str().unwrap()]);
    let metrics = server.metrics.clone().expect("the metrics address");
    let (status, sent) = http(&server.addr, "POST", "/services/missed-bin/report/send", &valid_report());
    assert_eq!(status, 303, "{sent}");
    let reference = crate::support::reference_in(&crate::process::location(&sent)).to_owned();
    assert_eq!(http(&server.addr, "GET", "/metrics", &[]).0, 404, "the public port has no metrics");

    let mut scrape = String::new();
    for _ in 0..100 {
        let (status, body) = http(&metrics, "GET", "/metrics", &[]);
        assert_eq!(status, 200);
        scrape = body;
        if scrape.contains("frontdoor_clocks_breached_total{") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert!(header(&scrape, "content-type").is_some_and(|v| v.starts_with("text/plain; version=0.0.4")));
    let has = |line_start: &str, parts: &[&str]| {
        scrape.lines().any(|l| l.starts_with(line_start) && parts.iter().all(|p| l.contains(p)))
    };
    assert!(scrape.contains("# TYPE frontdoor_http_request_duration_seconds histogram"), "{scrape}");
    assert!(
        has(
            "frontdoor_http_request_duration_seconds_bucket{",
            &["method=\"POST\"", "route=\"/services/{code}/report/send\"", "status=\"3xx\"", "le=\"0.5\""]
        ),
        "{scrape}"
    );
    assert!(has("frontdoor_http_request_duration_seconds_count{", &["status=\"4xx\""]), "the 404 is timed too");
    assert!(has("frontdoor_cases_created_total{", &["channel=\"web\"", "} 1"]), "{scrape}");
    assert!(has("frontdoor_clocks_breached_total{", &["standard=\""]), "{scrape}");
    for gauge in [
        "frontdoor_outbox_pending{channel=\"email\"}",
        "frontdoor_jobs_due ",
        "frontdoor_jobs_oldest_due_age_seconds ",
        "frontdoor_mail_quarantined 0",
        "frontdoor_db_pool_connections{",
        "frontdoor_db_pool_max_connections{",
    ] {
        assert!(scrape.contains(gauge), "{gauge} in {scrape}");
    }
    // Nothing about a person, and no path as sent.
    for private in [reference.as_str(), "late.resident@example.org", "/services/missed-bin"] {
        assert!(!scrape.contains(private), "{private} reached the metrics");
    }
}
