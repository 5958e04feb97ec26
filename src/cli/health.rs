//! `frontdoor backup --out FILE` and `frontdoor check`.

use std::path::Path;

use anyhow::bail;

use super::args::{DatabaseArgs, PolicyArgs};
use crate::db::Db;

/// Opens an existing database: a SQLite file that is not there is an error, never a new
/// empty database.
async fn open(database: &DatabaseArgs) -> anyhow::Result<Db> {
    let url = &database.database_url;
    if let Some(rest) = url.strip_prefix("sqlite:") {
        let path = rest.trim_start_matches("//").split('?').next().unwrap_or_default();
        if path != ":memory:" && !Path::new(path).exists() {
            bail!("there is no database at {path}: give --database-url sqlite:PATH of one that exists");
        }
    }
    Db::connect(url).await
}

pub async fn backup(out: &Path, database: DatabaseArgs) -> anyhow::Result<()> {
    let db = open(&database).await?;
    let started = std::time::Instant::now();
    db.backup_to(out).await?;
    let size = std::fs::metadata(out).map_or(0, |m| m.len());
    println!(
        "Backed up to {} ({:.1} MB) in {:.1}s. Check it with: frontdoor check --database-url sqlite:{}",
        out.display(),
        size as f64 / 1_000_000.0,
        started.elapsed().as_secs_f64(),
        out.display()
    );
    db.close().await;
    Ok(())
}

pub async fn check(database: DatabaseArgs, policy: PolicyArgs) -> anyhow::Result<()> {
    let db = open(&database).await?;
    let mut problems = Vec::new();

    let schema = db.schema().await?;
    println!(
        "Schema: migration {} of the {} this build knows.",
        schema.applied.map_or("none".to_owned(), |v| v.to_string()),
        schema.known
    );
    if !schema.missing.is_empty() {
        problems.push(format!("migrations not applied: {:?} (run frontdoor migrate)", schema.missing));
    }
    if !schema.unknown.is_empty() {
        problems.push(format!("migrations from a newer frontdoor: {:?} (run that build)", schema.unknown));
    }
    if !schema.changed.is_empty() {
        problems.push(format!("migrations whose text differs from this build's, or that failed: {:?}", schema.changed));
    }

    let unsound = db.integrity().await?;
    println!("File: {}.", if unsound.is_empty() { "sound" } else { "problems found" });
    problems.extend(unsound.into_iter().map(|p| format!("SQLite: {p}")));

    // The projections can be compared only with the tables this build knows.
    if schema.missing.is_empty() && schema.unknown.is_empty() {
        let policy = policy.load()?;
        let rules = crate::standards::db::read_rules(&db, policy).await?;
        let found = crate::casework::check::projections(&db, &rules, &|done| {
            if done % 100_000 == 0 {
                eprintln!("  {done} cases checked...");
            }
        })
        .await?;
        println!("Cases: {} with {} events, each checked against its status and clocks.", found.cases, found.events);
        for (what, p) in [
            ("cases with no \"created\" event", &found.no_created),
            ("cases whose status is not where their events end", &found.status),
            ("cases whose clocks are not what their events give", &found.clocks),
        ] {
            if p.count > 0 {
                problems.push(format!("{} {what}, such as case ids {:?}", p.count, p.examples));
            }
        }
    }
    db.close().await;
    if problems.is_empty() {
        println!("All checks passed.");
        return Ok(());
    }
    let listed: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
    bail!("the database has problems:\n{}", listed.join("\n"))
}
