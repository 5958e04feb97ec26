//! How long the staff queue and case pages, and the public performance pages, take as history grows: the same requests on a
//! demo council of 10,000 cases and of 1,000,000 (`FRONTDOOR_BENCH_CASES=a,b` to choose).
//! Each database is built by `demo::build` (a year of history, mostly closed) in a
//! temporary folder, on embedded SQLite; each request goes through the whole router
//! (session lookup, role checks, queries, templates), in process, with no network.
//!
//!     cargo bench --bench pages
//!
//! Prints the median, 95th and 99th percentiles of 200 runs of each request after 20 warm-ups.
//! Under `cargo test` (no `--bench` argument) it only checks itself on 1,000 cases.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use frontdoor::cases::{CaseRef, Prefix};
use frontdoor::config::Council;
use frontdoor::db::{Db, now_ms};
use frontdoor::outbox::Transport;
use frontdoor::standards::{Policy, SharedRules};
use frontdoor::web::{AppState, router};
use frontdoor::{demo, sessions, standards};

/// Timed runs and warm-ups: (200, 20) for a benchmark, (5, 1) for the check under `cargo test`.
struct Runs {
    timed: usize,
    warm_up: usize,
}

fn main() -> anyhow::Result<()> {
    let benchmark = std::env::args().any(|a| a == "--bench");
    let runs = if benchmark { Runs { timed: 200, warm_up: 20 } } else { Runs { timed: 5, warm_up: 1 } };
    let default = if benchmark { "10000,1000000" } else { "1000" };
    let sizes: Vec<usize> = std::env::var("FRONTDOOR_BENCH_CASES")
        .unwrap_or_else(|_| default.to_owned())
        .split(',')
        .map(|n| n.trim().parse())
        .collect::<Result<_, _>>()?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        for cases in sizes {
            bench(cases, &runs).await?;
        }
        Ok(())
    })
}

async fn bench(cases: usize, runs: &Runs) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let started = Instant::now();
    let db = Db::connect(&format!("sqlite:{}", dir.path().join("bench.db").display())).await?;
    db.migrate().await?;
    demo::build(&db, cases).await?;
    let rules = SharedRules::new(standards::db::load_rules(&db, Policy::default_policy(), now_ms()).await?);
    let open: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE queue_due_at IS NOT NULL").fetch_one(db.reader()).await?;
    println!("\n{cases} cases ({open} open), built in {:.0} s", started.elapsed().as_secs_f64());

    // References are derived under the database's own key, as the server derives them.
    let prefix = Prefix::parse("KMB").map_err(anyhow::Error::msg)?.keyed_for(&db);
    let council = Council::new("Kingsmead Borough Council", prefix.clone());
    let transport = Arc::new(Transport::Folder(dir.path().join("mail")));
    let state = AppState::new(db.clone(), Arc::new(council), rules, transport);
    let app = router(state.clone());
    let signed = sessions::db::sign_in(&db, "waste.lead@kingsmead.example", demo::DEMO_PASSWORD, "bench", now_ms())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let sessions::db::SignIn::Session(token, _) = signed else {
        anyhow::bail!("the demo team lead has no second step")
    };
    let cookie = format!("fd_session={token}");

    let (oldest, newest): (i64, i64) =
        sqlx::query_as("SELECT MIN(id), MAX(id) FROM cases").fetch_one(db.reader()).await?;
    let waste: i64 = sqlx::query_scalar("SELECT id FROM teams WHERE code = 'waste'").fetch_one(db.reader()).await?;
    let deep: Option<(i64, i64)> = sqlx::query_as(
        "SELECT queue_due_at, id FROM cases WHERE queue_due_at IS NOT NULL ORDER BY queue_due_at, id LIMIT 1 OFFSET 100",
    )
    .fetch_optional(db.reader())
    .await?;
    let mut pages = vec![
        ("team queue, first page".to_owned(), format!("/staff/queue?team={waste}")),
        ("all open cases, first page".to_owned(), "/staff/queue?team=all".to_owned()),
        ("all open cases, late only".to_owned(), "/staff/queue?team=all&deadline=late".to_owned()),
        ("case page, oldest case".to_owned(), format!("/staff/cases/{}", CaseRef::from_id(&prefix, oldest))),
        ("case page, newest case".to_owned(), format!("/staff/cases/{}", CaseRef::from_id(&prefix, newest))),
    ];
    if let Some((due, id)) = deep {
        pages.push(("all open cases, after 100".to_owned(), format!("/staff/queue?team=all&after={due}.{id}")));
    }
    // The public pages that read the rollups: their cost follows months and services,
    // and the open workload for "late now", never the closed history.
    for (what, uri) in [
        ("performance page", "/performance"),
        ("performance page, one group", "/performance?group=Bins%2C+waste+and+recycling"),
        ("performance data, CSV", "/performance/data.csv"),
        ("performance data, JSON", "/performance/data.json"),
        ("contact us", "/contact"),
    ] {
        pages.push((what.to_owned(), uri.to_owned()));
    }
    pages.push(("public case page, newest".to_owned(), format!("/cases/{}", CaseRef::from_id(&prefix, newest))));
    // The data files are kept for a minute once made; "made afresh" times a new router's
    // first request, as after each minute.
    pages.push(("performance CSV, made afresh".to_owned(), "/performance/data.csv".to_owned()));
    pages.push(("performance JSON, made afresh".to_owned(), "/performance/data.json".to_owned()));
    for (what, uri) in pages {
        let mut times = Vec::with_capacity(runs.timed);
        for run in 0..runs.warm_up + runs.timed {
            let request = Request::get(&uri).header(header::COOKIE, &cookie).body(Body::empty())?;
            let fresh = what.ends_with("made afresh");
            let app = if fresh { router(state.clone()) } else { app.clone() };
            let began = Instant::now();
            let response = app.oneshot(request).await?;
            let status = response.status();
            response.into_body().collect().await?;
            if status != StatusCode::OK {
                anyhow::bail!("{uri} answered {status}");
            }
            if run >= runs.warm_up {
                times.push(began.elapsed());
            }
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let (median, p95, p99) =
            (times[runs.timed / 2], times[runs.timed * 95 / 100], times[(runs.timed * 99 / 100).min(runs.timed - 1)]);
        println!("  {what:<30} median {:>6.2} ms   p95 {:>6.2} ms   p99 {:>6.2} ms", ms(median), ms(p95), ms(p99));
    }
    Ok(())
}
