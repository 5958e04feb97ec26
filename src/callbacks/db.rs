//! Callbacks and their tries as rows.

use sqlx::{AnyConnection, AnyPool, Row};

use super::{TryOutcome, Window};

pub async fn insert(
    conn: &mut AnyConnection,
    case_id: i64,
    phone: &str,
    w: &Window,
    booked_by: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO callbacks (case_id, phone, window_from, window_to, asap, booked_by, booked_at, state, tries) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'due', 0) RETURNING id",
    )
    .bind(case_id)
    .bind(phone)
    .bind(w.from)
    .bind(w.to)
    .bind(i64::from(w.asap))
    .bind(booked_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// A callback as a try needs it.
#[derive(Debug, Clone)]
pub struct Callback {
    pub id: i64,
    pub case_id: i64,
    pub customer_id: Option<i64>,
    pub service_id: i64,
    /// Who owns the case, for who may see the callback.
    pub team_id: i64,
    pub partner_id: Option<i64>,
    pub phone: String,
    pub window: Window,
    pub state: String,
    pub tries: i64,
}

const COLUMNS: &str = "SELECT b.id, b.case_id, c.customer_id, c.service_id, c.team_id, c.partner_id, b.phone, \
                       b.window_from, b.window_to, b.asap, b.state, b.tries";
const FROM: &str = "FROM callbacks b JOIN cases c ON c.id = b.case_id";

fn callback(row: &sqlx::any::AnyRow) -> Result<Callback, sqlx::Error> {
    Ok(Callback {
        id: row.try_get("id")?,
        case_id: row.try_get("case_id")?,
        customer_id: row.try_get("customer_id")?,
        service_id: row.try_get("service_id")?,
        team_id: row.try_get("team_id")?,
        partner_id: row.try_get("partner_id")?,
        phone: row.try_get("phone")?,
        window: Window {
            from: row.try_get("window_from")?,
            to: row.try_get("window_to")?,
            asap: row.try_get::<i64, _>("asap")? == 1,
        },
        state: row.try_get("state")?,
        tries: row.try_get("tries")?,
    })
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<Callback>, sqlx::Error> {
    let sql = format!("{COLUMNS} {FROM} WHERE b.id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?;
    row.as_ref().map(callback).transpose()
}

/// A callback due, with whom to call.
#[derive(Debug, Clone)]
pub struct Due {
    pub callback: Callback,
    pub name: Option<String>,
}

/// Callbacks due, earliest window first, at most `limit`: one range of
/// `callbacks_due_idx`.
pub async fn due(pool: &AnyPool, limit: i64) -> Result<Vec<Due>, sqlx::Error> {
    let sql = format!(
        "{COLUMNS}, u.name {FROM} LEFT JOIN customers u ON u.id = c.customer_id WHERE b.state = 'due' \
         ORDER BY b.window_from, b.id LIMIT $1"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(limit).fetch_all(pool).await?;
    rows.iter().map(|row| Ok(Due { callback: callback(row)?, name: row.try_get("name")? })).collect()
}

/// Records a try and moves the callback on, only if no other try was recorded since
/// `tries_before` was read: two advisers cannot both record the same try.
#[expect(clippy::too_many_arguments, reason = "each column of the try and of the callback it moves")]
pub async fn record_try(
    conn: &mut AnyConnection,
    id: i64,
    tries_before: i64,
    staff_id: i64,
    outcome: TryOutcome,
    state: &str,
    kept: Option<bool>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let settled = (state != "due").then_some(now);
    let moved = sqlx::query(
        "UPDATE callbacks SET tries = tries + 1, state = $1, kept = COALESCE(kept, $2), settled_at = $3 \
         WHERE id = $4 AND tries = $5 AND state = 'due'",
    )
    .bind(state)
    .bind(kept.map(i64::from))
    .bind(settled)
    .bind(id)
    .bind(tries_before)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if moved == 0 {
        return Ok(false);
    }
    sqlx::query("INSERT INTO callback_tries (callback_id, at, staff_id, outcome) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(now)
        .bind(staff_id)
        .bind(outcome.as_str())
        .execute(conn)
        .await?;
    Ok(true)
}

/// The callback standard's met and missed, from each callback's first try, as
/// performance counts for a rebuild of them (`rollups::db::rebuild`'s `more`).
pub async fn performance_counts(
    pool: &AnyPool,
    calendar: &crate::calendar::Calendar,
    standard: &str,
) -> Result<Vec<crate::rollups::Delta>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.service_id, b.kept, (SELECT MIN(t.at) FROM callback_tries t WHERE t.callback_id = b.id) AS first \
         FROM callbacks b JOIN cases c ON c.id = b.case_id WHERE b.kept IS NOT NULL",
    )
    .fetch_all(pool)
    .await?;
    let mut out = Vec::new();
    for row in rows {
        let Some(first) = row.try_get::<Option<i64>, _>("first")? else { continue };
        let kept: i64 = row.try_get("kept")?;
        let day = calendar.local_date(crate::rollups::ts(first));
        out.push(crate::rollups::kept(day, row.try_get("service_id")?, standard, kept == 1));
    }
    Ok(out)
}
