//! The database: seeding, migrations, the performance counts, bank holidays and closures.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;

use super::args::{DatabaseArgs, PolicyArgs};
use crate::calendar::{self, HolidayFile};
use crate::db::{Db, now_ms};
use crate::demo;
use crate::standards::{self};

/// Writes the demo council and synthetic history in bulk.
pub async fn seed(cases: usize, database: DatabaseArgs, policy: PolicyArgs) -> anyhow::Result<()> {
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let rules = standards::db::load_rules(&db, policy.load()?, now_ms()).await?;
    let started = Instant::now();
    let shown = crate::db::redact(&database.database_url);
    // Customers are written before any case (cases refer to them), so say which is going in.
    let progress = |done: &demo::Seeded| {
        if done.cases == 0 {
            eprint!("\r{} customers written, then {cases} cases", done.customers);
        } else {
            let rate = done.cases as f64 / started.elapsed().as_secs_f64().max(1e-9);
            eprint!("\r{} of {cases} cases written ({rate:.0} a second overall)", done.cases);
        }
    };
    let (found, seeded) = demo::seed(&db, rules, cases, &progress).await?;
    let elapsed = started.elapsed().as_secs_f64();
    eprintln!();
    let what = match found {
        demo::Found::Empty => "the demo council and",
        demo::Found::Demo => "to the demo council:",
    };
    println!(
        "Wrote {what} {} cases ({} events, {} clocks, {} customers) into {shown} in {elapsed:.1}s: {:.0} cases a second.",
        seeded.cases,
        seeded.events,
        seeded.clocks,
        seeded.customers,
        seeded.cases as f64 / elapsed.max(1e-9)
    );
    db.close().await;
    Ok(())
}

/// Brings the schema up to date.
pub async fn migrate(database: DatabaseArgs) -> anyhow::Result<()> {
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    println!("The database schema is up to date.");
    Ok(())
}

/// Counts the performance figures again.
pub async fn rebuild_rollups(database: DatabaseArgs, policy: PolicyArgs) -> anyhow::Result<()> {
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let rules = crate::standards::db::load_rules(&db, policy.load()?, crate::db::now_ms()).await?;
    let started = std::time::Instant::now();
    let rows =
        crate::rollups::db::rebuild(&db, &rules.calendars.council, counted_by_channels(&db, &rules).await?).await?;
    println!("Counted the performance figures again: {rows} daily counts in {:.1}s.", started.elapsed().as_secs_f64());
    Ok(())
}

/// The performance counts measured by the channels' own rows rather than by clocks: the
/// phone standard's from each queue-day, the callback standard's from each first try, and
/// the face-to-face standards' from visits at reception, appointments, changes to them and
/// officers' home visits.
pub(super) async fn counted_by_channels(
    db: &Db,
    rules: &crate::standards::Rules,
) -> anyhow::Result<Vec<crate::rollups::Delta>> {
    let mut more = crate::calls::db::performance_counts(db.reader()).await?;
    more.extend(crate::callbacks::performance_counts(db.reader(), rules).await?);
    more.extend(crate::reception::performance_counts(db.reader(), rules).await?);
    more.extend(crate::appointments::performance_counts(db.reader(), rules).await?);
    more.extend(crate::visits::performance_counts(db.reader(), rules).await?);
    Ok(more)
}

/// Loads a bank holidays file.
pub async fn import_holidays(file: PathBuf, database: DatabaseArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&file).with_context(|| format!("could not read {}", file.display()))?;
    // Checked in full before anything is written: a bad file changes nothing.
    let holidays =
        HolidayFile::parse(&text).with_context(|| format!("{} is not a valid bank holidays file", file.display()))?;
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let mut tx = db.begin().await?;
    let stored = calendar::db::import(&mut tx, &holidays, now_ms()).await?;
    tx.commit().await?;
    println!("Imported {stored} bank holidays from {}. Running servers use them within a minute.", file.display());
    Ok(())
}

/// Records a closure day.
pub async fn close_day(date: jiff::civil::Date, reason: String, database: DatabaseArgs) -> anyhow::Result<()> {
    if reason.trim().is_empty() {
        anyhow::bail!("give the reason for the closure, which residents are told");
    }
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let mut tx = db.begin().await?;
    calendar::db::close(&mut tx, date, reason.trim(), now_ms()).await?;
    tx.commit().await?;
    println!("The council is closed on {}: {}.", date.strftime("%A %-d %B %Y"), reason.trim());
    Ok(())
}
