//! The insight benchmark: the insight report and the published ward figures, read over
//! HTTP by the demo's team lead with the seeded history in place, for the default 12
//! weeks and for a whole year; and the report worked out in this process, timed with its
//! parts, so the figures say where the time goes.

use std::sync::Arc;
use std::time::Instant;

use hyper::StatusCode;

use super::load::{self, Call, Calls, Limit};
use super::{Options, row, server, sign_in};
use crate::db::{Db, now_ms};
use crate::standards::Rules;

pub async fn run(db: &Db, rules: &Rules, url: &str, options: &Options, limit: Limit) -> anyhow::Result<()> {
    let calendar = &rules.calendars.council;
    let today = calendar.local_date(crate::rollups::ts(now_ms()));
    let year_ago = today.saturating_sub(jiff::Span::new().years(1)).tomorrow()?;
    let quiet = rules.policy.insight.quiet_working_days;
    println!("| in this process | ms |");
    println!("| --- | ---: |");
    for (what, from) in
        [("report, 12 weeks", today.saturating_sub(jiff::Span::new().weeks(12))), ("report, a year", year_ago)]
    {
        let began = Instant::now();
        let report = crate::insight::report(db.reader(), calendar, quiet, from, today, now_ms()).await?;
        let ms = began.elapsed().as_secs_f64() * 1000.0;
        println!(
            "| {what} ({} contacts, {} open cases) | {ms:.0} |",
            report.failure_demand.contacts, report.blockages.open
        );
    }
    let began = Instant::now();
    let open = crate::insight::db::open_groups(db.reader(), now_ms() - 14 * 86_400_000).await?;
    println!(
        "| of which the open cases as they stand ({} groups) | {:.0} |\n",
        open.len(),
        began.elapsed().as_secs_f64() * 1000.0
    );

    let server = server::Server::start(url, &options.dir).await?;
    let cookie = sign_in(db).await?;
    let year = format!("/staff/insight?from={year_ago}&to={today}");
    let loads: Vec<(&str, Calls)> = vec![
        (
            "/staff/insight (12 weeks)",
            Arc::new({
                let cookie = cookie.clone();
                move |_| Call::get("/staff/insight".to_owned(), Some(&cookie))
            }),
        ),
        (
            "/staff/insight (a year)",
            Arc::new({
                let cookie = cookie.clone();
                move |_| Call::get(year.clone(), Some(&cookie))
            }),
        ),
        (
            "/staff/insight/wards.csv (12 weeks)",
            Arc::new({
                let cookie = cookie.clone();
                move |_| Call::get("/staff/insight/wards.csv".to_owned(), Some(&cookie))
            }),
        ),
        ("/performance/wards.csv", Arc::new(|_| Call::get("/performance/wards.csv".to_owned(), None))),
    ];
    println!("| run | clients | answered | failed | a second | | p50 ms | p90 ms | p99 ms |");
    println!("| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
    // A report is one officer's; a few requests each are enough to see its time.
    let few = Limit { requests: limit.requests.min(50), time: limit.time };
    for (what, call) in &loads {
        let outcome = load::run(server.addr, 1, few, StatusCode::OK, call.clone()).await?;
        row(what, &outcome, None);
    }
    server.stop().await?;
    Ok(())
}
