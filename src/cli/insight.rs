//! `frontdoor report insight [--from DATE] [--to DATE] [--json]` and
//! `frontdoor wards import FILE --area CODE [--names FILE]`.

use std::path::Path;

use anyhow::Context;

use super::args::{DatabaseArgs, PolicyArgs};
use crate::db::{Db, now_ms};

/// The default period: the 12 weeks to `to`.
pub const DEFAULT_WEEKS: i64 = 12;

/// Prints the insight report for a period.
pub async fn report(
    from: Option<jiff::civil::Date>,
    to: Option<jiff::civil::Date>,
    json: bool,
    database: DatabaseArgs,
    policy: PolicyArgs,
) -> anyhow::Result<()> {
    let policy = policy.load()?;
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let now = now_ms();
    let rules = crate::standards::db::load_rules(&db, policy, now).await?;
    let calendar = &rules.calendars.council;
    let to = to.unwrap_or_else(|| calendar.local_date(crate::rollups::ts(now)));
    let from =
        from.unwrap_or_else(|| to.saturating_sub(jiff::Span::new().weeks(DEFAULT_WEEKS)).tomorrow().unwrap_or(to));
    let quiet = rules.policy.insight.quiet_working_days;
    let report = crate::insight::report(db.reader(), calendar, quiet, from, to, now).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    let f = &report.failure_demand;
    let percent = |share: Option<f64>| share.map_or("no contacts".to_owned(), |s| format!("{:.1}%", s * 100.0));
    println!("Insight from {} to {}", report.from, report.to);
    println!("Contacts: {}; failure demand {} ({})", f.contacts, f.failure, percent(f.share));
    for (kind, n) in &f.by_kind {
        println!("  {kind}: {n}");
    }
    if let Some(worst) = f.by_service.first() {
        println!(
            "Most failure demand: {} ({} of {}, {})",
            worst.name,
            worst.failure,
            worst.contacts,
            percent(worst.share)
        );
    }
    let b = &report.blockages;
    println!("Open cases: {}; {} with nothing done for {} working days", b.open, b.quiet, b.quiet_working_days);
    if let Some(team) = b.by_team.first() {
        println!(
            "Longest waits: {} ({} open, {} days on average, longest {})",
            team.name, team.open, team.mean_days, team.longest_days
        );
    }
    if let Some(overall) = report.contacts_per_resolved_case.overall {
        println!("Contacts per resolved case: {overall:.2}");
    }
    let unusual: Vec<&str> = report.trends.weeks.iter().filter(|w| w.unusual).map(|w| w.week.as_str()).collect();
    if !unusual.is_empty() {
        println!("Unusual weeks (beginning): {}", unusual.join(", "));
    }
    Ok(())
}

/// Loads a postcode directory (and ward names) and sets every case's ward.
pub async fn import_wards(
    file: &Path,
    area: &str,
    names: Option<&Path>,
    database: DatabaseArgs,
    policy: PolicyArgs,
) -> anyhow::Result<()> {
    let text = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let directory = crate::wards::read_directory(&text, area.trim())
        .with_context(|| format!("{} is not loaded", file.display()))?;
    let names = match names {
        Some(path) => {
            let text = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            Some(crate::wards::read_names(&text).with_context(|| format!("{} is not loaded", path.display()))?)
        }
        None => None,
    };
    let policy = policy.load()?;
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let rules = crate::standards::db::load_rules(&db, policy, now_ms()).await?;
    let done = crate::wards::db::replace(&db, &rules.calendars.council, &directory, names.as_deref()).await?;
    println!(
        "Loaded {} live postcodes in {} wards (passed over {} in other areas and {} terminated). {} cases have a ward.",
        done.postcodes, done.wards, directory.other_areas, directory.terminated, done.cases_with_a_ward
    );
    Ok(())
}
