//! `Idempotency-Key` on the JSON API's creates, as the IETF httpapi draft has it: the
//! same key with the same body gives the same result, with a different body 422, and
//! while the first request is still being handled 409.
//!
//! A row is written before the work starts, and its case is set in the same transaction
//! that creates the case ([`settle`]). So a replay always finds the case that was
//! really committed, and a request that died before committing leaves a row whose lock
//! runs out, after which the next try does the work.

use sqlx::{AnyConnection, AnyPool};

/// How long a request holds its key before another may take it over.
pub const LOCK_MS: i64 = 60_000;
/// How long a key is remembered: a day, as the draft suggests and as most APIs keep
/// them. A key sent again after that makes a new case; the job runner sweeps older keys.
pub const KEEP_MS: i64 = 24 * 3_600_000;

/// What a request with a key should do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Begun {
    /// Do the work: nothing with this key was done before.
    Fresh,
    /// Done before: answer with this case.
    Replay(i64),
    /// The first request with this key is still being handled (or died, and holds the
    /// key until its lock runs out): the whole seconds until it may be tried again.
    InFlight(u64),
    /// The key was used with another body.
    Mismatch,
}

pub fn body_hash(body: &[u8]) -> String {
    crate::crypto::sha256_hex(body)
}

/// Whether a header value can be a key: 1 to 255 visible ASCII characters.
pub fn valid(key: &str) -> bool {
    (1..=255).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic())
}

pub async fn begin(pool: &AnyPool, key_id: i64, key: &str, hash: &str, now: i64) -> Result<Begun, sqlx::Error> {
    let taken = sqlx::query(
        "INSERT INTO api_idempotency (api_key_id, idem_key, body_hash, locked_until, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (api_key_id, idem_key) DO NOTHING",
    )
    .bind(key_id)
    .bind(key)
    .bind(hash)
    .bind(now + LOCK_MS)
    .bind(now)
    .execute(pool)
    .await?;
    if taken.rows_affected() == 1 {
        return Ok(Begun::Fresh);
    }
    let (stored, case_id, locked_until): (String, Option<i64>, i64) = sqlx::query_as(
        "SELECT body_hash, case_id, locked_until FROM api_idempotency WHERE api_key_id = $1 AND idem_key = $2",
    )
    .bind(key_id)
    .bind(key)
    .fetch_one(pool)
    .await?;
    if stored != hash {
        return Ok(Begun::Mismatch);
    }
    if let Some(case_id) = case_id {
        return Ok(Begun::Replay(case_id));
    }
    let wait = |until: i64| u64::try_from((until - now).max(0) / 1000 + 1).unwrap_or(1);
    if locked_until > now {
        return Ok(Begun::InFlight(wait(locked_until)));
    }
    // The first request died before committing: this one does the work.
    let took = sqlx::query(
        "UPDATE api_idempotency SET locked_until = $1 WHERE api_key_id = $2 AND idem_key = $3 \
         AND case_id IS NULL AND locked_until <= $4",
    )
    .bind(now + LOCK_MS)
    .bind(key_id)
    .bind(key)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(if took.rows_affected() == 1 { Begun::Fresh } else { Begun::InFlight(wait(now + LOCK_MS)) })
}

/// Forgets keys older than [`KEEP_MS`] that no request holds. Returns how many went.
pub async fn sweep(pool: &AnyPool, now: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM api_idempotency WHERE created_at <= $1 AND locked_until <= $2")
        .bind(now - KEEP_MS)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// Records the case the key made, in the transaction that makes it.
pub async fn settle(conn: &mut AnyConnection, key_id: i64, key: &str, case_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE api_idempotency SET case_id = $1 WHERE api_key_id = $2 AND idem_key = $3")
        .bind(case_id)
        .bind(key_id)
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

/// Lets the key go after a request that made nothing (its body was refused), so the
/// system can correct the body and send it again under the same key.
pub async fn release(pool: &AnyPool, key_id: i64, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM api_idempotency WHERE api_key_id = $1 AND idem_key = $2 AND case_id IS NULL")
        .bind(key_id)
        .bind(key)
        .execute(pool)
        .await?;
    Ok(())
}
