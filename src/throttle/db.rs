//! The `throttles` table.

use sqlx::AnyConnection;

use super::Count;

/// Counts one attempt for `key` and returns the count with it. A window that has ended
/// starts again at one. One statement: PostgreSQL's `ON CONFLICT DO UPDATE` locks the
/// row, and SQLite has one writer, so concurrent attempts are counted one after another.
pub async fn hit(conn: &mut AnyConnection, key: &str, window_ms: i64, now: i64) -> Result<Count, sqlx::Error> {
    let (hits, expires_at): (i64, i64) = sqlx::query_as(
        "INSERT INTO throttles (key, expires_at, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (key) DO UPDATE SET \
         hits = CASE WHEN throttles.expires_at > $3 THEN throttles.hits + 1 ELSE 1 END, \
         expires_at = CASE WHEN throttles.expires_at > $3 THEN throttles.expires_at ELSE $2 END \
         RETURNING hits, expires_at",
    )
    .bind(key)
    .bind(now + window_ms)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(Count { hits, expires_at })
}

/// The count for `key` now, without counting.
pub async fn peek<'c, E>(conn: E, key: &str, now: i64) -> Result<Count, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let found: Option<(i64, i64)> =
        sqlx::query_as("SELECT hits, expires_at FROM throttles WHERE key = $1 AND expires_at > $2")
            .bind(key)
            .bind(now)
            .fetch_optional(conn)
            .await?;
    Ok(found.map_or(Count { hits: 0, expires_at: 0 }, |(hits, expires_at)| Count { hits, expires_at }))
}

/// Forgets the count for `key`: a right password clears its address's count.
pub async fn clear<'c, E>(conn: E, key: &str) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM throttles WHERE key = $1").bind(key).execute(conn).await?;
    Ok(())
}

/// Deletes the counts whose windows have ended. Returns how many went.
pub async fn sweep(pool: &sqlx::AnyPool, now: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM throttles WHERE expires_at <= $1").bind(now).execute(pool).await?;
    Ok(done.rows_affected())
}
