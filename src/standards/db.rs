//! Standard versions. Each time the policy changes a standard, a new version is stored;
//! clocks name the version they started under, so old cases keep their old rules.

use anyhow::Context;
use sqlx::Row;

use std::sync::Arc;

use super::{Policy, Rules, Standard};
use crate::calendar;
use crate::db::Db;

/// Stores a new version of every standard the policy changed, then returns every
/// version ever stored, as (version, standard).
pub async fn register(db: &Db, policy: &Policy, now: i64) -> anyhow::Result<Vec<(i64, Standard)>> {
    let mut tx = db.begin().await?;
    for standard in &policy.standards {
        let definition = serde_json::to_string(standard).context("writing a standard as JSON")?;
        let latest: Option<(i64, String)> = sqlx::query(
            "SELECT version, definition FROM standard_versions WHERE standard_id = $1 ORDER BY version DESC LIMIT 1",
        )
        .bind(&standard.id)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| Ok::<_, sqlx::Error>((row.try_get("version")?, row.try_get("definition")?)))
        .transpose()?;
        let next = match latest {
            Some((_, ref stored)) if *stored == definition => continue,
            Some((version, _)) => version + 1,
            None => 1,
        };
        sqlx::query(
            "INSERT INTO standard_versions (standard_id, version, definition, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (standard_id, version) DO NOTHING",
        )
        .bind(&standard.id)
        .bind(next)
        .bind(&definition)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tracing::debug!(standard = %standard.id, version = next, "service standard version stored");
    }
    tx.commit().await?;
    all(db).await
}

/// Every stored version of every standard.
pub async fn all(db: &Db) -> anyhow::Result<Vec<(i64, Standard)>> {
    let rows =
        sqlx::query("SELECT standard_id, version, definition FROM standard_versions").fetch_all(db.reader()).await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("standard_id")?;
            let version: i64 = row.try_get("version")?;
            let definition: String = row.try_get("definition")?;
            let standard: Standard = serde_json::from_str(&definition)
                .with_context(|| format!("reading version {version} of standard {id}"))?;
            Ok((version, standard))
        })
        .collect()
}

/// The rules from what is stored, registering nothing: for reading a database without
/// changing it (`frontdoor check`).
pub async fn read_rules(db: &Db, policy: Policy) -> anyhow::Result<Rules> {
    let versions = all(db).await?;
    let calendars = calendar::db::load(db, &policy.calendar).await?;
    Ok(Rules::new(Arc::new(policy), versions, calendars))
}

/// Registers `policy` and builds the rules in force: every standard version, and the
/// calendars from the built-in holidays plus anything imported and the closure days.
pub async fn load_rules(db: &Db, policy: Policy, now: i64) -> anyhow::Result<Rules> {
    let versions = register(db, &policy, now).await?;
    let calendars = calendar::db::load(db, &policy.calendar).await?;
    Ok(Rules::new(Arc::new(policy), versions, calendars))
}
