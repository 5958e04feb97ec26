//! API keys as rows: only a key's hash and first characters are kept.

use sqlx::{AnyConnection, AnyPool};

use crate::api::{ApiKey, Scope};

/// A key to store.
#[derive(Debug)]
pub struct NewKey<'a> {
    pub name: &'a str,
    pub key_hash: &'a str,
    pub shown: &'a str,
    pub scope: Scope,
    pub partner_id: Option<i64>,
    pub staff_id: i64,
}

/// Stores a key; returns its id.
pub async fn insert(conn: &mut AnyConnection, new: &NewKey<'_>, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO api_keys (name, key_hash, shown, scope, partner_id, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(new.name)
    .bind(new.key_hash)
    .bind(new.shown)
    .bind(new.scope.as_str())
    .bind(new.partner_id)
    .bind(new.staff_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

const KEY: &str =
    "SELECT id, name, shown, scope, partner_id, created_by, created_at, last_used_at, revoked_at FROM api_keys";

/// The key with this hash, if it is not revoked. Each use is noted (at most once a
/// minute, so reads do not become writes).
pub async fn by_hash(pool: &AnyPool, key_hash: &str, now: i64) -> Result<Option<ApiKey>, sqlx::Error> {
    let found: Option<ApiKey> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{KEY} WHERE key_hash = $1 AND revoked_at IS NULL")))
            .bind(key_hash)
            .fetch_optional(pool)
            .await?;
    if let Some(k) = &found
        && k.last_used_at.is_none_or(|at| now - at > 60_000)
    {
        sqlx::query("UPDATE api_keys SET last_used_at = $1 WHERE id = $2").bind(now).bind(k.id).execute(pool).await?;
    }
    Ok(found)
}

/// Every key, newest first.
pub async fn list(pool: &AnyPool) -> Result<Vec<ApiKey>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{KEY} ORDER BY id DESC"))).fetch_all(pool).await
}

/// Revokes a key; false if it was already revoked or is not there.
pub async fn revoke(pool: &AnyPool, id: i64, staff_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE api_keys SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL")
        .bind(now)
        .bind(staff_id)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}
