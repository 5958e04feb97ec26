//! Service notices as rows: written, ended, the ones showing now, and their views.

use sqlx::{AnyConnection, AnyPool, Row};

use super::{Checked, Notice};

pub async fn insert(conn: &mut AnyConnection, c: &Checked, by: i64, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO service_notices (service_id, area, title, body, starts_at, ends_at, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(c.service_id)
    .bind(&c.area)
    .bind(&c.title)
    .bind(&c.body)
    .bind(c.starts_at)
    .bind(c.ends_at)
    .bind(by)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Takes a notice down now: it ends a moment ago.
pub async fn end(conn: &mut AnyConnection, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE service_notices SET ends_at = $1 WHERE id = $2 AND ends_at >= $1")
        .bind(now - 1)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

const COLUMNS: &str = "n.id, n.service_id, s.name AS service_name, n.area, n.title, n.body, n.starts_at, \
     n.ends_at, n.views FROM service_notices n LEFT JOIN services s ON s.id = n.service_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Notice, sqlx::Error> {
    Ok(Notice {
        id: r.try_get("id")?,
        service_id: r.try_get("service_id")?,
        service_name: r.try_get("service_name")?,
        area: r.try_get("area")?,
        title: r.try_get("title")?,
        body: r.try_get("body")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        views: r.try_get("views")?,
    })
}

/// Notices showing now: for one service (and those for every service), or all of them
/// when `service` is `None`. Newest first.
pub async fn live(pool: &AnyPool, service: Option<i64>, now: i64) -> Result<Vec<Notice>, sqlx::Error> {
    let sql = match service {
        Some(_) => format!(
            "SELECT {COLUMNS} WHERE n.ends_at >= $1 AND n.starts_at <= $1 \
             AND (n.service_id IS NULL OR n.service_id = $2) ORDER BY n.starts_at DESC, n.id DESC LIMIT 20"
        ),
        None => format!(
            "SELECT {COLUMNS} WHERE n.ends_at >= $1 AND n.starts_at <= $1 ORDER BY n.starts_at DESC, n.id DESC LIMIT 50"
        ),
    };
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now);
    if let Some(id) = service {
        query = query.bind(id);
    }
    let rows = query.fetch_all(pool).await?;
    rows.iter().map(from_row).collect()
}

/// Notices for administrators: those still to come or showing, then the 50 that ended
/// most recently.
pub async fn for_admin(pool: &AnyPool, now: i64) -> Result<(Vec<Notice>, Vec<Notice>), sqlx::Error> {
    let current =
        sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} WHERE n.ends_at >= $1 ORDER BY n.starts_at, n.id")))
            .bind(now)
            .fetch_all(pool)
            .await?;
    let ended = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} WHERE n.ends_at < $1 ORDER BY n.ends_at DESC, n.id DESC LIMIT 50"
    )))
    .bind(now)
    .fetch_all(pool)
    .await?;
    Ok((current.iter().map(from_row).collect::<Result<_, _>>()?, ended.iter().map(from_row).collect::<Result<_, _>>()?))
}

/// Counts one showing of each notice.
pub async fn count_views(conn: &mut AnyConnection, ids: &[i64]) -> Result<(), sqlx::Error> {
    for id in ids {
        sqlx::query("UPDATE service_notices SET views = views + 1 WHERE id = $1").bind(id).execute(&mut *conn).await?;
    }
    Ok(())
}
