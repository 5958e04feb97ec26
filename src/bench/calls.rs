//! The phone calls benchmark: a year of a large council's call records written as CSV,
//! imported as `frontdoor calls import` imports them (read and checked whole, then
//! stored in one transaction), imported again (every record already held), and the
//! expected wait read over HTTP as a telephone system would read it for each caller.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hyper::StatusCode;

use super::load::{self, Call, Calls, Limit};
use super::{Options, row, server};
use crate::calls::formats::{self, Format};
use crate::db::{Db, now_ms};
use crate::standards::Rules;

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map(|t| t.to_string()).unwrap_or_default()
}

pub async fn run(db: &Db, rules: &Rules, url: &str, options: &Options) -> anyhow::Result<()> {
    let Some((standard, measure)) = crate::calls::phone_standard(&rules.policy) else {
        anyhow::bail!("the policy has no phone standard");
    };
    let calendar = &rules.calendars.council;
    // About 280 days' worth of ordinary working days in a year, once peaks are counted.
    let per_day = (options.calls / 280).max(1);
    let records = crate::demo::calls::year(calendar, now_ms(), per_day);
    let path = options.dir.join("calls.csv");
    let mut text = String::with_capacity(records.len() * 120);
    text.push_str("call_id,queue,enqueued_at,answered_at,ended_at,outcome\n");
    for r in &records {
        let _ = writeln!(
            text,
            "{},{},{},{},{},{}",
            r.call_id,
            r.queue,
            rfc3339(r.enqueued_at),
            r.answered_at.map(rfc3339).unwrap_or_default(),
            r.ended_at.map(rfc3339).unwrap_or_default(),
            r.outcome.as_str()
        );
    }
    std::fs::write(&path, &text)?;
    drop((records, text));
    println!("\n## Phone calls\n");

    let against = crate::calls::db::Against { standard, measure, calendar };
    for pass in ["first import", "the same file again"] {
        let began = Instant::now();
        let text = std::fs::read_to_string(&path)?;
        let parsed = formats::parse(Format::guess(&text), &text, now_ms())?;
        let read = began.elapsed();
        let stored = crate::calls::import(db, &parsed.records, &against).await?;
        let total = began.elapsed();
        println!(
            "{pass}: {} call records ({:.0} MB of CSV) in {:.1} s: read and checked in {:.1} s, stored in {:.1} s \
             ({} new, {} already held; {} queue-days counted again).",
            parsed.records.len(),
            text.len() as f64 / 1e6,
            total.as_secs_f64(),
            read.as_secs_f64(),
            (total - read).as_secs_f64(),
            stored.added,
            stored.updated,
            stored.days
        );
    }
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM calls").fetch_one(db.reader()).await?;
    println!("\nCalls held: {held}.\n");

    println!("| run | clients | answered | failed | a second | share of disk limit | p50 ms | p90 ms | p99 ms |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let server = server::Server::start(url, &options.dir).await?;
    let limit = Limit { requests: options.requests, time: Duration::from_secs_f64(options.seconds) };
    let wait: Calls = Arc::new(|_| Call::get("/api/v1/lines/general/wait", None));
    for &clients in &options.read_clients {
        let outcome = load::run(server.addr, clients, limit, StatusCode::OK, wait.clone()).await?;
        row("GET /api/v1/lines/general/wait", &outcome, None);
    }
    server.stop().await?;
    Ok(())
}
