//! Imported bank holidays and council closure days.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;
use sqlx::{AnyConnection, Row};

use super::holidays::{Division, Holiday, HolidayFile};
use super::{Calendars, Settings};
use crate::db::flag;

/// Stores an imported file. Its (division, year) pairs replace what was imported for
/// them before; other years stay. The caller commits.
pub async fn import(conn: &mut AnyConnection, file: &HolidayFile, now: i64) -> Result<usize, sqlx::Error> {
    for division in Division::ALL {
        for year in file.years(division) {
            sqlx::query("DELETE FROM bank_holidays WHERE division = $1 AND date >= $2 AND date <= $3")
                .bind(division.as_str())
                .bind(format!("{year:04}-01-01"))
                .bind(format!("{year:04}-12-31"))
                .execute(&mut *conn)
                .await?;
        }
    }
    for h in &file.holidays {
        sqlx::query(
            "INSERT INTO bank_holidays (division, date, title, notes, bunting, imported_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(h.division.as_str())
        .bind(h.date.to_string())
        .bind(&h.title)
        .bind(&h.notes)
        .bind(flag(h.bunting))
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(file.holidays.len())
}

/// Everything imported so far.
pub async fn imported<'c, E>(conn: E) -> Result<HolidayFile, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let rows = sqlx::query("SELECT division, date, title, notes, bunting FROM bank_holidays ORDER BY division, date")
        .fetch_all(conn)
        .await?;
    let holidays = rows
        .iter()
        .map(|row| {
            let division: String = row.try_get("division")?;
            Ok(Holiday {
                division: Division::parse(&division).ok_or_else(|| bad("division", &division))?,
                date: date(row.try_get("date")?)?,
                title: row.try_get("title")?,
                notes: row.try_get("notes")?,
                bunting: row.try_get::<i64, _>("bunting")? != 0,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(HolidayFile { holidays })
}

/// The council's and the UK-wide calendars: built-in holidays, plus everything imported
/// and every closure day recorded in the database.
pub async fn load(db: &crate::db::Db, settings: &Settings) -> Result<Calendars, sqlx::Error> {
    let imported = imported(db.reader()).await?;
    let closures = closures(db.reader()).await?;
    Ok(Calendars::build(settings, &imported, closures))
}

/// Adds or renames a closure day.
pub async fn close(conn: &mut AnyConnection, date: Date, reason: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM calendar_closures WHERE date = $1").bind(date.to_string()).execute(&mut *conn).await?;
    sqlx::query("INSERT INTO calendar_closures (date, reason, created_at) VALUES ($1, $2, $3)")
        .bind(date.to_string())
        .bind(reason)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn closures<'c, E>(conn: E) -> Result<BTreeMap<Date, Arc<str>>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let rows = sqlx::query("SELECT date, reason FROM calendar_closures").fetch_all(conn).await?;
    rows.iter().map(|row| Ok((date(row.try_get("date")?)?, Arc::from(row.try_get::<String, _>("reason")?)))).collect()
}

fn date(text: String) -> Result<Date, sqlx::Error> {
    text.parse().map_err(|_| bad("date", &text))
}

fn bad(col: &str, text: &str) -> sqlx::Error {
    sqlx::Error::ColumnDecode { index: col.to_owned(), source: format!("unexpected value {text:?}").into() }
}
