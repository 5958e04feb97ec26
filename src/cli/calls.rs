//! `frontdoor calls`: the telephone system's call records in, and the phone figures out.

use std::path::PathBuf;

use anyhow::Context;
use jiff::civil::Date;

use super::args::{CouncilArgs, DatabaseArgs, PolicyArgs};
use crate::calendar;
use crate::calls;
use crate::calls::formats::{self, Format};
use crate::db::{Db, now_ms};

/// Reads a file of call records whole, refusing it at its first bad line, then stores
/// every record in one transaction.
pub async fn import(
    file: PathBuf,
    format: Option<String>,
    database: DatabaseArgs,
    council: CouncilArgs,
    policy: PolicyArgs,
) -> anyhow::Result<()> {
    let council = crate::config::Council::try_from(&council)?;
    let policy = policy.load()?;
    let (standard, measure) = calls::phone_standard(&policy)
        .context("the policy has no phone standard (a standard that starts on call_queued with a time target)")?;
    let text = std::fs::read_to_string(&file).with_context(|| format!("could not read {}", file.display()))?;
    let format = match format.as_deref() {
        Some(name) => Format::parse(name)
            .with_context(|| format!("--format {name:?}: give csv, queue-log or connect, or leave it out to guess"))?,
        None => Format::guess(&text),
    };
    let parsed = formats::parse(format, &text, now_ms()).with_context(|| {
        format!("{} ({}) was not imported, and nothing in it was stored", file.display(), format.as_str())
    })?;
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    // References are derived under the database's key, as the server derives them.
    let council = council.keyed_for(&db);
    let rules = crate::standards::db::load_rules(&db, policy.clone(), now_ms()).await?;
    let against = calls::db::Against { standard, measure, calendar: &rules.calendars.council };
    let started = std::time::Instant::now();
    let imported = crate::intake::calls::import(&db, &council, &rules, &parsed.records, &against).await?;
    let stored = &imported.stored;
    println!(
        "Imported {} call records from {} ({}) in {:.1}s: {} new, {} already held (updated unless older); \
         the figures of {} queue-days worked out again.",
        parsed.records.len(),
        file.display(),
        format.as_str(),
        started.elapsed().as_secs_f64(),
        stored.added,
        stored.updated,
        stored.days
    );
    for (why, count) in &parsed.passed_over {
        println!("Passed over {count}: {why}.");
    }
    if imported.callbacks > 0 {
        println!(
            "{} callers took a callback in the queue: each is now a callback request, due as soon as possible.",
            imported.callbacks
        );
    }
    if imported.no_number > 0 {
        println!("{} callers took a callback but gave no number that can be called back.", imported.no_number);
    }
    let mut unknown: Vec<&str> =
        parsed.records.iter().map(|r| r.queue.as_str()).filter(|q| policy.contact.line_of_queue(q).is_none()).collect();
    unknown.sort_unstable();
    unknown.dedup();
    if !unknown.is_empty() {
        println!(
            "These queues are behind no phone line in the policy, so /contact and the wait do not show them: {}.",
            unknown.join(", ")
        );
    }
    Ok(())
}

/// Prints the figures for the calls that joined a queue from `from` to `to`, both
/// council-local dates and both included.
pub async fn report(
    from: Date,
    to: Date,
    queue: Option<String>,
    json: bool,
    database: DatabaseArgs,
    policy: PolicyArgs,
) -> anyhow::Result<()> {
    if to < from {
        anyhow::bail!("--to {to} is before --from {from}");
    }
    let policy = policy.load()?;
    let (_, measure) = calls::phone_standard(&policy)
        .context("the policy has no phone standard (a standard that starts on call_queued with a time target)")?;
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let calendars = calendar::db::load(&db, &policy.calendar).await?;
    let council = &calendars.council;
    let (from_ms, to_ms) = (council.start_of(from).as_millisecond(), council.start_of(to.tomorrow()?).as_millisecond());
    let queues = queue.map(|q| vec![q]);
    let calls = calls::db::between(db.reader(), queues.as_deref(), from_ms, to_ms).await?;
    let figures = calls::measure(&calls, council.time_zone(), measure).figures;
    if json {
        println!("{}", serde_json::to_string_pretty(&figures)?);
        return Ok(());
    }
    let share = |x: Option<f64>| x.map_or("none to count".to_owned(), |x| format!("{:.1}%", x * 100.0));
    let secs = |x: Option<f64>| x.map_or("none answered".to_owned(), |x| format!("{x:.1} seconds"));
    println!("Calls from {from} to {to}{}:", queues.map_or(String::new(), |q| format!(", queue {}", q[0])));
    println!(
        "  offered {}, answered {}, abandoned {} ({} within {} seconds, not counted), callbacks {}, sent on {}",
        figures.offered,
        figures.answered,
        figures.abandoned,
        figures.short_abandoned,
        figures.short_abandon_seconds,
        figures.callbacks,
        figures.overflowed
    );
    println!(
        "  answered within {} seconds: {} — service level {}",
        figures.target_seconds,
        figures.answered_within_target,
        share(figures.service_level)
    );
    println!(
        "  average speed of answer {}; abandonment rate {}",
        secs(figures.asa_seconds),
        share(figures.abandonment_rate)
    );
    println!(
        "  waits of answered calls: median {}, 90th percentile {}; longest wait of any call {}",
        secs(figures.wait_p50_seconds),
        secs(figures.wait_p90_seconds),
        secs(figures.longest_wait_seconds)
    );
    println!(
        "  service level = answered within target / (answered + abandoned - short abandoned); callbacks count in neither."
    );
    Ok(())
}
