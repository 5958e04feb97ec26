//! `frontdoor retention run [--as-of DATE] [--dry-run] [--json]`.

use super::args::{DatabaseArgs, PolicyArgs};
use crate::db::{Db, now_ms};
use crate::privacy::{self, Options};

/// Runs the retention schedule once and prints what it did, or would do.
pub async fn run(
    as_of: Option<jiff::civil::Date>,
    dry_run: bool,
    json: bool,
    database: DatabaseArgs,
    policy: PolicyArgs,
) -> anyhow::Result<()> {
    let policy = policy.load()?;
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let now = now_ms();
    let rules = crate::standards::db::load_rules(&db, policy, now).await?;
    let as_of_ms = match as_of {
        // The end of the day given: everything that closed before that day is counted.
        Some(date) => rules.calendars.council.start_of(date.tomorrow()?).as_millisecond(),
        None => now,
    };
    let options =
        Options { as_of: as_of_ms, dry_run, started_by: "command".into(), stop_at: None, batch: crate::privacy::BATCH };
    let outcome = privacy::run(&db, &rules, &options, now).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&outcome)?);
        return Ok(());
    }
    let from = as_of.map_or_else(|| "now".to_owned(), |d| format!("the end of {}", d.strftime("%-d %B %Y")));
    let verb = if dry_run { "Would anonymise" } else { "Anonymised" };
    if outcome.total == 0 {
        println!("Nothing is past its retention period, counting back from {from}.");
    } else {
        println!("{verb} {} record(s), counting periods back from {from}:", outcome.total);
    }
    for (kind, count) in &outcome.counts {
        if *count > 0 {
            println!("  {kind}: {count}");
        }
    }
    if !dry_run {
        println!("Customer records emptied: {}.", outcome.customers_erased);
    }
    if outcome.held > 0 {
        println!("Kept by a legal hold: {} case(s).", outcome.held);
    }
    Ok(())
}
