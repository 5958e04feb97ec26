//! The service standards policy: checking it, and explaining a deadline.

use std::path::PathBuf;

use super::args::{PolicyArgs, read_policy};
use crate::calendar::{self, Calendars, HolidayFile};
use crate::db::Db;
use crate::standards::{self};

/// Works out a deadline and explains it.
pub async fn deadline(
    standard: String,
    received: jiff::Timestamp,
    paused_days: i64,
    json: bool,
    database_url: Option<String>,
    policy: PolicyArgs,
) -> anyhow::Result<()> {
    let policy = policy.load()?;
    let calendars = match database_url {
        Some(url) => {
            let db = Db::connect(&url).await?;
            db.migrate().await?;
            calendar::db::load(&db, &policy.calendar).await?
        }
        None => Calendars::build(&policy.calendar, &HolidayFile::default(), Default::default()),
    };
    let Some(found) = policy.standards.iter().find(|s| s.id == standard) else {
        let ids: Vec<_> = policy.standards.iter().map(|s| s.id.as_str()).collect();
        anyhow::bail!("there is no standard {standard:?}; the policy has {}", ids.join(", "));
    };
    if paused_days < 0 {
        anyhow::bail!("--paused-days must be zero or more");
    }
    let explanation = standards::explain(found, &calendars, received, paused_days);
    if json {
        println!("{}", serde_json::to_string_pretty(&explanation)?);
    } else {
        print!("{explanation}");
    }
    Ok(())
}

/// Checks a policy file.
pub fn check_policy(file: PathBuf) -> anyhow::Result<()> {
    let policy = read_policy(&file)?;
    let published = policy.standards.iter().filter(|s| s.published).count();
    println!("{} is valid: {} standards, {published} published.", file.display(), policy.standards.len());
    let shortest = policy.retention.periods.iter().min_by_key(|(_, p)| *p);
    let longest = policy.retention.periods.iter().max_by_key(|(_, p)| *p);
    if let (Some((short_kind, short)), Some((long_kind, long))) = (shortest, longest) {
        println!(
            "Personal data is kept from {short} ({}) to {long} ({}) after a case closes; {} service(s) have their own \
             period, checked against the catalogue when the retention run starts.",
            short_kind.code(),
            long_kind.code(),
            policy.retention.services.len()
        );
    }
    Ok(())
}
