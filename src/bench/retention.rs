//! The retention benchmark: the whole seeded history (every case closed in the last year)
//! anonymised as if ten years had passed, by `privacy::run` in this process as `frontdoor
//! retention run` would, while the server takes new cases through the web form and
//! serves staff case pages. Each load is measured before the run and again during it.

use std::sync::Arc;
use std::time::Instant;

use hyper::StatusCode;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::load::{self, Call, Calls, Limit};
use super::{Options, create, row, server, sign_in};
use crate::cases::{CaseRef, Prefix};
use crate::db::{Db, now_ms};
use crate::standards::Rules;

/// Clients of each load: a busy afternoon's worth, on two cores shared with the run.
const CLIENTS: usize = 4;

pub async fn run(db: &Db, rules: &Rules, url: &str, options: &Options, limit: Limit) -> anyhow::Result<()> {
    let closed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE status IN ('resolved', 'closed')")
        .fetch_one(db.reader())
        .await?;
    let server = server::Server::start(url, &options.dir).await?;
    let addr = server.addr;
    let cookie = sign_in(db).await?;
    let prefix = Prefix::parse("KMB").map_err(anyhow::Error::msg)?.keyed_for(db);
    let max_id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM cases").fetch_one(db.reader()).await?;
    let stamp = now_ms();
    let loads: Vec<(&str, StatusCode, Calls)> = vec![
        ("create a case (web form)", StatusCode::SEE_OTHER, Arc::new(move |seq| create(stamp, seq))),
        ("staff case page (any case)", StatusCode::OK, {
            Arc::new(move |seq| {
                let id = StdRng::seed_from_u64(seq as u64).random_range(1..=max_id);
                Call::get(format!("/staff/cases/{}", CaseRef::from_id(&prefix, id)), Some(&cookie))
            })
        }),
    ];
    println!("| load | when | clients | answered | failed | a second | | p50 ms | p90 ms | p99 ms |");
    println!("| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
    for (what, status, call) in &loads {
        let outcome = load::run(addr, CLIENTS, limit, *status, call.clone()).await?;
        row(&format!("{what} | before the run"), &outcome, None);
    }
    let options_run = crate::privacy::Options {
        // Ten years on: every closed case of the history is past its period.
        as_of: now_ms() + 10 * 366 * 86_400_000,
        dry_run: false,
        started_by: "bench".into(),
        stop_at: None,
        batch: crate::privacy::BATCH,
    };
    let began = Instant::now();
    let (db_run, rules_run) = (db.clone(), rules.clone());
    let task = tokio::spawn(async move { crate::privacy::run(&db_run, &rules_run, &options_run, now_ms()).await });
    let mut inside = true;
    for (what, status, call) in &loads {
        let outcome = load::run(addr, CLIENTS, limit, *status, call.clone()).await?;
        inside &= !task.is_finished();
        row(&format!("{what} | during the run"), &outcome, None);
    }
    let outcome = task.await??;
    let took = began.elapsed().as_secs_f64();
    server.stop().await?;
    println!(
        "\nThe run anonymised {} of {closed} closed cases and emptied {} customer records in {took:.1} s \
         ({:.0} cases a second), in {} batches; the longest held the writer {} ms.",
        outcome.total,
        outcome.customers_erased,
        outcome.total as f64 / took,
        outcome.batches,
        outcome.longest_batch_ms
    );
    if !inside {
        println!("The run finished before the loads did: the \"during\" rows are partly after it.");
    }
    Ok(())
}
