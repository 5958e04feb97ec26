//! Stored files: pending until a form claims them for its case.

use sqlx::{AnyConnection, AnyPool, Row};

use super::{Checked, PENDING_MS};
use crate::sessions::token_hash;

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

/// Stores a checked file as pending under the hash of `token`, which the form keeps.
pub async fn store_pending(
    conn: &mut AnyConnection,
    token: &str,
    file: &Checked,
    data: &[u8],
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO attachments (upload_token_hash, filename, content_type, size, sha256, data, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(token_hash(token))
    .bind(&file.filename)
    .bind(file.kind.mime)
    .bind(data.len() as i64)
    .bind(&file.sha256)
    .bind(data)
    .bind(now)
    .fetch_one(conn)
    .await
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
        "UPDATE attachments SET case_id = $1, upload_token_hash = NULL \
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
