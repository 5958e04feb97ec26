//! Stored files: pending until a form claims them for its case.

use sqlx::{AnyConnection, AnyPool, Row};

use super::{Caps, Checked, PENDING_MS, Refused, Waiting};
use crate::crypto::token_hash;

/// A file as lists show it, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: i64,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
}

/// A file with its bytes, for download.
#[derive(Debug, Clone)]
pub struct File {
    pub case_id: Option<i64>,
    pub filename: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

fn summary(row: &sqlx::any::AnyRow) -> Result<Summary, sqlx::Error> {
    Ok(Summary {
        id: row.try_get("id")?,
        filename: row.try_get("filename")?,
        content_type: row.try_get("content_type")?,
        size: row.try_get("size")?,
    })
}

/// Bytes waiting in forms not yet sent, from the client `client_key` and from all.
/// Pending files are few at any time, found by the partial index on `case_id`.
pub async fn waiting(conn: &mut AnyConnection, client_key: &str, now: i64) -> Result<Waiting, sqlx::Error> {
    let (client, total): (i64, i64) = sqlx::query_as(
        // PostgreSQL sums BIGINT as NUMERIC: cast back, as SQLite's sum already is.
        "SELECT CAST(COALESCE(SUM(CASE WHEN client_key = $1 THEN size ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(size), 0) AS BIGINT) \
         FROM attachments WHERE case_id IS NULL AND created_at > $2",
    )
    .bind(client_key)
    .bind(now - PENDING_MS)
    .fetch_one(conn)
    .await?;
    Ok(Waiting { client, total })
}

/// Why a file was not stored.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("over the cap on files waiting")]
    Full(Refused),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Stores a checked file as pending under the hash of `token`, which the form keeps,
/// if the caps on bytes waiting allow it; otherwise stores nothing. The check and the
/// insert share a transaction: on SQLite's one writer nothing can come between them;
/// on PostgreSQL two files posted at the same moment by one client may both pass, so a
/// cap can be passed by at most one file (10 MB) a request in flight.
pub async fn store_pending(
    db: &crate::db::Db,
    caps: Caps,
    client_key: &str,
    token: &str,
    file: &Checked,
    data: &[u8],
    now: i64,
) -> Result<i64, StoreError> {
    let mut tx = db.begin().await?;
    let waiting = waiting(&mut tx, client_key, now).await?;
    caps.allow(data.len() as i64, waiting, &file.filename).map_err(StoreError::Full)?;
    let id = sqlx::query_scalar(
        "INSERT INTO attachments (upload_token_hash, filename, content_type, size, sha256, data, created_at, client_key) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(token_hash(token))
    .bind(&file.filename)
    .bind(file.kind.mime)
    .bind(data.len() as i64)
    .bind(&file.sha256)
    .bind(data)
    .bind(now)
    .bind(client_key)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The pending file a token stands for, if it is still waiting.
pub async fn pending(pool: &AnyPool, token: &str, now: i64) -> Result<Option<Summary>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, filename, content_type, size FROM attachments \
         WHERE upload_token_hash = $1 AND case_id IS NULL AND created_at > $2",
    )
    .bind(token_hash(token))
    .bind(now - PENDING_MS)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(summary).transpose()
}

/// Gives the pending file a token stands for to a case. False if it has gone: claimed
/// already, or waited too long.
pub async fn claim(conn: &mut AnyConnection, token: &str, case_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query(
        "UPDATE attachments SET case_id = $1, upload_token_hash = NULL, client_key = NULL \
         WHERE upload_token_hash = $2 AND case_id IS NULL AND created_at > $3",
    )
    .bind(case_id)
    .bind(token_hash(token))
    .bind(now - PENDING_MS)
    .execute(conn)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// A case's files, oldest first.
pub async fn for_case(pool: &AnyPool, case_id: i64) -> Result<Vec<Summary>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, filename, content_type, size FROM attachments WHERE case_id = $1 ORDER BY id")
        .bind(case_id)
        .fetch_all(pool)
        .await?;
    rows.iter().map(summary).collect()
}

pub async fn get(pool: &AnyPool, id: i64) -> Result<Option<File>, sqlx::Error> {
    let row = sqlx::query("SELECT case_id, filename, content_type, data FROM attachments WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.map(|row| {
        Ok(File {
            case_id: row.try_get("case_id")?,
            filename: row.try_get("filename")?,
            content_type: row.try_get("content_type")?,
            data: row.try_get("data")?,
        })
    })
    .transpose()
}

/// Deletes pending files nobody claimed in time. Returns how many went.
pub async fn delete_abandoned(pool: &AnyPool, now: i64) -> Result<u64, sqlx::Error> {
    let deleted = sqlx::query("DELETE FROM attachments WHERE case_id IS NULL AND created_at <= $1")
        .bind(now - PENDING_MS)
        .execute(pool)
        .await?;
    Ok(deleted.rows_affected())
}
