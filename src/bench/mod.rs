//! `frontdoor bench`: the load benchmark. It seeds a database if it has no history,
//! measures the disk's own durable commit rate, starts `frontdoor serve` on the database
//! and drives it over HTTP on loopback from this process, with bounded requests and time
//! for each run: case creation through the web form (1, 16 and 64 clients), a staff
//! case page, a team queue, the performance page and its data files, Open311's list and
//! the JSON API's, and the server's memory after them. Then, with the server stopped, the
//! timer sweep with many open clocks, and the database's size.
//!
//! It writes to the database it is given (cases, access-log rows, clock firings), so
//! give it one made for benchmarking. Figures go to standard output as Markdown tables.

mod calls;
mod disk;
mod insight;
mod load;
mod retention;
mod server;
mod sweep;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use hyper::{Method, StatusCode};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::cases::{CaseRef, Prefix};
use crate::db::{Backend, Db, now_ms};
use crate::standards::{Policy, Rules};
use load::{Call, Calls, Limit, Outcome};

/// What to run: `frontdoor bench`'s options.
#[derive(Debug, Clone, clap::Args)]
pub struct Options {
    /// The database; by default a new SQLite file in --dir.
    #[arg(long)]
    pub database_url: Option<String>,
    /// A folder for the disk probe, the server's mail and the default database.
    #[arg(long, default_value = "bench")]
    pub dir: PathBuf,
    /// Cases to seed when the database has none.
    #[arg(long, default_value_t = 100_000)]
    pub cases: usize,
    /// Concurrent clients for creating cases, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1,16,64")]
    pub create_clients: Vec<usize>,
    /// Concurrent clients for reading pages, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1,16")]
    pub read_clients: Vec<usize>,
    /// At most this many requests a run.
    #[arg(long, default_value_t = 5_000)]
    pub requests: usize,
    /// At most this many seconds a run.
    #[arg(long, default_value_t = 10.0)]
    pub seconds: f64,
    /// Open clocks waiting while the sweep is timed.
    #[arg(long, default_value_t = 100_000)]
    pub open_clocks: i64,
    /// Only the runs that create cases: no page reads, sweep or size.
    #[arg(long)]
    pub creates_only: bool,
    /// Phone call records to import (a year for a large council is about 2 million),
    /// and the expected wait then read; 0 leaves the phone runs out.
    #[arg(long, default_value_t = 2_000_000)]
    pub calls: usize,
    /// Only the phone runs: no cases seeded, created or read.
    #[arg(long)]
    pub calls_only: bool,
    /// Run only the retention benchmark: the seeded history anonymised as if ten years had
    /// passed, with case creation and staff case pages measured before and during.
    #[arg(long)]
    pub retention_only: bool,
    /// Run only the insight benchmark: the insight report and the published ward figures
    /// read with the seeded history in place.
    #[arg(long)]
    pub insight_only: bool,
}

/// Runs everything and prints the report.
pub async fn run(options: &Options) -> anyhow::Result<()> {
    std::fs::create_dir_all(&options.dir)
        .with_context(|| format!("could not make the folder {}", options.dir.display()))?;
    let url = match &options.database_url {
        Some(url) => url.clone(),
        None => format!("sqlite:{}", options.dir.join("bench.db").display()),
    };
    let db = Db::connect(&url).await?;
    db.migrate().await?;
    let rules = crate::standards::db::load_rules(&db, Policy::default_policy(), now_ms()).await?;
    if options.calls_only {
        calls::run(&db, &rules, &url, options).await?;
        db.close().await;
        return Ok(());
    }
    let mut cases = count_cases(&db).await?;
    if cases == 0 {
        let began = Instant::now();
        eprintln!("Seeding {} cases...", options.cases);
        let (_, seeded) = crate::demo::seed(&db, rules.clone(), options.cases, &|_| {}).await?;
        let took = began.elapsed().as_secs_f64();
        println!("Seeded {} cases in {took:.1} s ({:.0} a second).\n", seeded.cases, seeded.cases as f64 / took);
        cases = count_cases(&db).await?;
    }
    let open: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE queue_due_at IS NOT NULL").fetch_one(db.reader()).await?;
    println!(
        "## {cases} cases ({open} open) on {}\n",
        if db.backend() == Backend::Sqlite { "SQLite" } else { "PostgreSQL" }
    );

    let limit = Limit { requests: options.requests, time: Duration::from_secs_f64(options.seconds) };
    if options.retention_only {
        retention::run(&db, &rules, &url, options, limit).await?;
        db.close().await;
        return Ok(());
    }
    if options.insight_only {
        insight::run(&db, &rules, &url, options, limit).await?;
        db.close().await;
        return Ok(());
    }
    let before = disk::commit_rate(&options.dir, Duration::from_secs(3)).await?;
    println!(
        "Disk limit before the runs: {before:.0} durable single-row commits a second (SQLite, synchronous=FULL).\n"
    );
    let (trips, beside) = disk::round_trips(&options.dir, Duration::from_secs(2)).await?;
    println!(
        "Driver limit: {trips:.0} statements a second, one after another, when the statement costs nothing \
         (`SELECT 1` through sqlx to SQLite's worker thread and back); {beside:.0} a second from the committer, \
         on the writer's core.\n"
    );
    println!("| run | clients | answered | failed | a second | share of disk limit | p50 ms | p90 ms | p99 ms |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

    let server = server::Server::start(&url, &options.dir).await?;
    let addr = server.addr;
    let mut backlogs = Vec::new();
    for &clients in &options.create_clients {
        let limit_now = disk::commit_rate(&options.dir, Duration::from_secs(2)).await?;
        let stamp = now_ms();
        let call: Calls = Arc::new(move |seq| create(stamp, seq));
        let outcome = load::run(addr, clients, limit, StatusCode::SEE_OTHER, call).await?;
        row("create a case (web form)", &outcome, Some(limit_now));
        // The job runner sends each case's acknowledgement after the answer. Waiting for
        // it keeps one run's backlog out of the next, and shows whether it keeps up.
        backlogs.push((clients, drain(&db).await?));
    }
    println!();
    for (clients, (left, took, still)) in backlogs {
        if still == 0 {
            println!(
                "After the {clients}-client run, {left} acknowledgements were waiting; the job runner had sent them all {:.2} s later.",
                took.as_secs_f64()
            );
        } else {
            println!(
                "After the {clients}-client run, {left} acknowledgements were waiting; {still} were still waiting {:.2} s later, when the harness went on.",
                took.as_secs_f64()
            );
        }
    }
    if options.creates_only {
        server.stop().await?;
        db.close().await;
        return Ok(());
    }

    let staff_cookie = sign_in(&db).await?;
    // References are derived under the database's own key, as the server derives them.
    let prefix = Prefix::parse("KMB").map_err(anyhow::Error::msg)?.keyed_for(&db);
    let max_id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM cases").fetch_one(db.reader()).await?;
    let waste: i64 = sqlx::query_scalar("SELECT id FROM teams WHERE code = 'waste'").fetch_one(db.reader()).await?;
    let open311_key = {
        let admin: i64 = sqlx::query_scalar("SELECT id FROM staff_users WHERE email = 'admin@kingsmead.example'")
            .fetch_one(db.reader())
            .await?;
        let mut tx = db.begin().await?;
        let (_, key) = crate::api::create(&mut tx, "frontdoor bench", "read", None, admin, now_ms()).await?;
        tx.commit().await?;
        key
    };
    let reads: Vec<(&str, Calls)> = vec![
        ("staff case page (any case)", {
            let (cookie, prefix) = (staff_cookie.clone(), prefix.clone());
            Arc::new(move |seq| {
                let id = StdRng::seed_from_u64(seq as u64).random_range(1..=max_id);
                Call::get(format!("/staff/cases/{}", CaseRef::from_id(&prefix, id)), Some(&cookie))
            })
        }),
        ("team queue, first page", {
            let cookie = staff_cookie.clone();
            Arc::new(move |_| Call::get(format!("/staff/queue?team={waste}"), Some(&cookie)))
        }),
        ("/performance", Arc::new(|_| Call::get("/performance", None))),
        ("/performance/data.csv", Arc::new(|_| Call::get("/performance/data.csv", None))),
        ("/performance/data.json", Arc::new(|_| Call::get("/performance/data.json", None))),
        ("Open311 GET /requests.json (last 90 days, first 100)", {
            let key = open311_key.clone();
            Arc::new(move |_| Call::get(format!("/open311/v2/requests.json?api_key={key}"), None))
        }),
        ("JSON API GET /api/v1/cases (newest 50)", {
            let key = open311_key.clone();
            Arc::new(move |_| Call::api("/api/v1/cases", &key))
        }),
        ("JSON API GET /api/v1/cases?status=in_progress&after=(a random case)", {
            let (key, prefix) = (open311_key.clone(), prefix.clone());
            Arc::new(move |seq| {
                let id = StdRng::seed_from_u64(seq as u64).random_range(1..=max_id);
                Call::api(format!("/api/v1/cases?status=in_progress&after={}", CaseRef::from_id(&prefix, id)), &key)
            })
        }),
    ];
    println!(
        "\nEach read below follows an untimed warm-up with the same kind of request: {} requests or {} s, whichever \
         comes first, from the most clients of its runs, for other cases than the timed ones. On PostgreSQL each of the \
         pool's 16 connections prepares a page's statements the first time it runs them, and a new server's first \
         case pages took 10 to 33 ms against 4 to 7 after (8 December).\n",
        WARM_UP.requests,
        WARM_UP.time.as_secs_f64()
    );
    println!("| run | clients | answered | failed | a second | share of disk limit | p50 ms | p90 ms | p99 ms |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (what, call) in reads {
        let warm = options.read_clients.iter().copied().max().unwrap_or(1);
        let other: Calls = {
            let call = call.clone();
            Arc::new(move |seq| call(seq + 1_000_000))
        };
        load::run(addr, warm, WARM_UP, StatusCode::OK, other).await?;
        for &clients in &options.read_clients {
            let outcome = load::run(addr, clients, limit, StatusCode::OK, call.clone()).await?;
            row(what, &outcome, None);
        }
    }
    let memory = server.memory_mib();
    server.stop().await?;
    performance_made(&db, &rules, &options.dir, limit).await?;
    let after = disk::commit_rate(&options.dir, Duration::from_secs(3)).await?;
    println!("\nDisk limit after the runs: {after:.0} commits a second.");
    if let Some((rss, peak)) = memory {
        println!("Server memory after the runs: {rss:.0} MiB resident, {peak:.0} MiB at its highest.");
    }

    sweeps(&db, &rules, options.open_clocks).await?;
    if options.calls > 0 {
        calls::run(&db, &rules, &url, options).await?;
    }
    size(&db, &url).await?;
    db.close().await;
    Ok(())
}

/// The untimed requests before each read's runs, so that they time a server as it runs for
/// hours, not its first minute: every pool connection has prepared the statements.
const WARM_UP: Limit = Limit { requests: 200, time: Duration::from_secs(2) };

/// The performance page as made, not as kept for a minute (`web::pages::performance`):
/// asked of the web's router in this process, one request after another, a new router (so
/// nothing kept) for each. The served runs above get the kept page all but once a minute,
/// so this is the cost the page's visitors share, and what it would cost each of them.
async fn performance_made(db: &Db, rules: &Rules, dir: &std::path::Path, limit: Limit) -> anyhow::Result<()> {
    use tower::ServiceExt;
    let council =
        crate::config::Council::new("Kingsmead Borough Council", Prefix::parse("KMB").map_err(anyhow::Error::msg)?)
            .keyed_for(db);
    let state = crate::web::AppState::new(
        db.clone(),
        Arc::new(council),
        crate::standards::SharedRules::new(rules.clone()),
        Arc::new(crate::outbox::Transport::Folder(dir.join("mail-out"))),
    );
    let mut latencies = Vec::new();
    let began = Instant::now();
    while latencies.len() < limit.requests.min(1_000) && began.elapsed() < limit.time {
        let request = hyper::Request::get("/performance").body(axum::body::Body::empty())?;
        let asked = Instant::now();
        let response = crate::web::router(state.clone()).oneshot(request).await?;
        let status = response.status();
        axum::body::to_bytes(response.into_body(), usize::MAX).await?;
        latencies.push(asked.elapsed());
        anyhow::ensure!(status == StatusCode::OK, "the performance page, made in this process, answered {status}");
    }
    latencies.sort();
    let made = Outcome { clients: 1, latencies, elapsed: began.elapsed(), failed: 0, first_failure: None };
    row("/performance as made, in this process (a new router each time, nothing kept)", &made, None);
    Ok(())
}

/// Waits until no acknowledgement is waiting to be sent (for at most a minute). Returns
/// how many were waiting at first, how long it waited, and how many were still waiting
/// then (0 unless the minute ran out).
async fn drain(db: &Db) -> anyhow::Result<(i64, Duration, i64)> {
    let began = Instant::now();
    let waiting = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM jobs WHERE kind = 'deliver'").fetch_one(db.reader()).await
    };
    let first = waiting().await?;
    let mut still = first;
    while still > 0 && began.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(10)).await;
        still = waiting().await?;
    }
    Ok((first, began.elapsed(), still))
}

async fn count_cases(db: &Db) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM cases").fetch_one(db.reader()).await?)
}

/// A resident's enquiry, sent through the form's last step, each from a new
/// address, as many residents sending at once would.
fn create(stamp: i64, seq: usize) -> Call {
    let form = format!(
        "description=When+is+the+library+open+on+Saturday%3F+%28bench+{seq}%29&name=Bench+Resident+{seq}\
         &email=bench{stamp}.{seq}%40example.com&phone=&address=&postcode="
    );
    Call {
        method: Method::POST,
        path: "/services/general/report/send".into(),
        cookie: None,
        form: Some(form),
        bearer: None,
    }
}

/// A team lead's session, made in the database as signing in would make it.
async fn sign_in(db: &Db) -> anyhow::Result<String> {
    let signed =
        crate::sessions::db::sign_in(db, "waste.lead@kingsmead.example", crate::demo::DEMO_PASSWORD, "bench", now_ms())
            .await
            .map_err(|e| anyhow::anyhow!("signing in the demo team lead: {e}"))?;
    match signed {
        crate::sessions::db::SignIn::Session(token, _) => Ok(format!("fd_session={token}")),
        crate::sessions::db::SignIn::Code(_) => anyhow::bail!("the demo team lead has a second step"),
    }
}

fn row(what: &str, o: &Outcome, disk_limit: Option<f64>) {
    let share = disk_limit.map_or(String::new(), |d| format!("{:.0}%", 100.0 * o.throughput() / d));
    println!(
        "| {what} | {} | {} | {} | {:.0} | {share} | {:.2} | {:.2} | {:.2} |",
        o.clients,
        o.latencies.len(),
        o.failed,
        o.throughput(),
        o.percentile_ms(50.0),
        o.percentile_ms(90.0),
        o.percentile_ms(99.0)
    );
    if let Some(failure) = &o.first_failure {
        println!("|  first failure: {failure} | | | | | | | | |");
    }
}

async fn sweeps(db: &Db, rules: &Rules, open: i64) -> anyhow::Result<()> {
    let runs = sweep::measure(db, rules, open, &[0, 10, 100, 1_000]).await?;
    println!("\n| timer sweep: clocks waiting | made due | fired | took ms | ms a clock fired |");
    println!("| ---: | ---: | ---: | ---: | ---: |");
    for r in runs {
        let ms = r.took.as_secs_f64() * 1000.0;
        let each = if r.fired > 0 { format!("{:.2}", ms / r.fired as f64) } else { String::new() };
        println!("| {} | {} | {} | {ms:.2} | {each} |", r.open, r.due, r.fired);
    }
    Ok(())
}

async fn size(db: &Db, url: &str) -> anyhow::Result<()> {
    let cases = count_cases(db).await? as f64;
    let bytes = match db.backend() {
        Backend::Sqlite => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(db.writer()).await?;
            let path = url.trim_start_matches("sqlite:").split('?').next().unwrap_or_default().to_owned();
            ["", "-wal"].iter().filter_map(|s| std::fs::metadata(format!("{path}{s}")).ok()).map(|m| m.len()).sum()
        }
        Backend::Postgres => {
            sqlx::query_scalar::<_, i64>("SELECT pg_database_size(current_database())").fetch_one(db.reader()).await?
                as u64
        }
    } as f64;
    println!(
        "\nDatabase size: {:.0} MB for {cases:.0} cases: {:.2} GB a million cases.",
        bytes / 1e6,
        bytes / 1e9 / (cases / 1e6)
    );
    Ok(())
}
