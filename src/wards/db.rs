//! The ward tables: replaced whole by an import, with every case's ward set again and
//! the counts by ward recounted, in one transaction.

use std::collections::HashMap;

use sqlx::{AnyPool, AssertSqlSafe, Row};

use super::{Directory, Ward};
use crate::calendar::Calendar;
use crate::db::Db;
use crate::rollups::{self, Delta, Metric};

/// What an import changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Imported {
    pub postcodes: usize,
    pub wards: usize,
    /// Cases whose postcode is in the area and so have a ward now.
    pub cases_with_a_ward: i64,
}

/// Replaces the lookup with `directory`, and the wards with `names` (when given; a ward in
/// the directory with no name is named by its code until names come), then sets every
/// case's ward from its postcode and recounts the contacts by ward. All or nothing.
pub async fn replace(
    db: &Db,
    calendar: &Calendar,
    directory: &Directory,
    names: Option<&[Ward]>,
) -> Result<Imported, sqlx::Error> {
    let backend = db.backend();
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM ward_postcodes").execute(&mut *tx).await?;
    for chunk in directory.postcodes.chunks(1_000) {
        let sql = format!(
            "INSERT INTO ward_postcodes (postcode, ward, lsoa) VALUES {}",
            crate::db::values_list(backend, chunk.len(), 3)
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for p in chunk {
            query = query.bind(p.postcode.clone()).bind(p.ward.clone()).bind(p.lsoa.clone());
        }
        query.execute(&mut *tx).await?;
    }
    if let Some(names) = names {
        sqlx::query("DELETE FROM wards").execute(&mut *tx).await?;
        for w in names {
            sqlx::query("INSERT INTO wards (code, name, population) VALUES ($1, $2, $3)")
                .bind(&w.code)
                .bind(&w.name)
                .bind(w.population)
                .execute(&mut *tx)
                .await?;
        }
    }
    sqlx::query(
        "INSERT INTO wards (code, name) SELECT DISTINCT ward, ward FROM ward_postcodes \
         WHERE ward NOT IN (SELECT code FROM wards)",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE cases SET ward = (SELECT p.ward FROM ward_postcodes p WHERE p.postcode = cases.postcode) \
         WHERE postcode IS NOT NULL",
    )
    .execute(&mut *tx)
    .await?;
    let cases_with_a_ward: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE ward IS NOT NULL").fetch_one(&mut *tx).await?;
    // The counts by ward, again from the contacts, now the cases' wards have moved.
    for table in [rollups::db::Counted::Days, rollups::db::Counted::Months] {
        let table = table.stored(db.backend());
        sqlx::query(AssertSqlSafe(format!("DELETE FROM {table} WHERE metric = $1")))
            .bind(Metric::WardContacts.as_str())
            .execute(&mut *tx)
            .await?;
    }
    let rows = sqlx::query(
        "SELECT k.at, k.channel, c.service_id, c.ward FROM contacts k JOIN cases c ON c.id = k.case_id \
         WHERE k.demand IS NOT NULL AND c.ward IS NOT NULL",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut counts: HashMap<(jiff::civil::Date, i64, String), i64> = HashMap::new();
    for r in &rows {
        let (at, channel, service, ward): (i64, String, i64, String) =
            (r.try_get("at")?, r.try_get("channel")?, r.try_get("service_id")?, r.try_get("ward")?);
        *counts
            .entry((calendar.local_date(rollups::ts(at)), service, rollups::ward_key(&ward, &channel)))
            .or_default() += 1;
    }
    let deltas: Vec<Delta> = counts
        .into_iter()
        .map(|((day, service_id, key), value)| Delta { day, service_id, metric: Metric::WardContacts, key, value })
        .collect();
    rollups::db::add(&mut tx, &deltas).await?;
    let wards: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM wards").fetch_one(&mut *tx).await?;
    tx.commit().await?;
    Ok(Imported { postcodes: directory.postcodes.len(), wards: usize::try_from(wards).unwrap_or(0), cases_with_a_ward })
}

/// Every ward, by name.
pub async fn list(pool: &AnyPool) -> Result<Vec<Ward>, sqlx::Error> {
    let rows = sqlx::query("SELECT code, name, population FROM wards ORDER BY name, code").fetch_all(pool).await?;
    rows.iter()
        .map(|r| Ok(Ward { code: r.try_get("code")?, name: r.try_get("name")?, population: r.try_get("population")? }))
        .collect()
}

/// Contacts by ward and month from `first_month` on, the whole council's (the channels
/// summed): (month, ward code, contacts).
pub async fn monthly(pool: &AnyPool, first_month: i64) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT month, key, value FROM rollup_council_months WHERE metric = $1 AND month >= $2 AND value <> 0",
    )
    .bind(Metric::WardContacts.as_str())
    .bind(first_month)
    .fetch_all(pool)
    .await?;
    let mut sums: std::collections::BTreeMap<(i64, String), i64> = std::collections::BTreeMap::new();
    for r in &rows {
        let key: String = r.try_get("key")?;
        let Some((ward, _channel)) = key.split_once(':') else { continue };
        *sums.entry((r.try_get("month")?, ward.to_owned())).or_default() += r.try_get::<i64, _>("value")?;
    }
    Ok(sums.into_iter().map(|((month, ward), n)| (month, ward, n)).collect())
}
