//! The `jobs` table as a queue: what a job is, queuing one in the caller's transaction,
//! and how long a failed one waits. Foundation, so that the modules that queue work
//! (mail, the outbox, webhooks) need not import the runner (`jobs`), which calls them.

use sqlx::AnyConnection;

/// What a job is.
pub mod kind {
    pub const CLOCK_SWEEP: &str = "clock_sweep";
    /// Read one stored inbound message (the payload is its id).
    pub const MAIL_IN: &str = "mail_in";
    /// Deliver one outbox message (the payload is its id).
    pub const DELIVER: &str = "deliver";
    /// Send the webhook deliveries that are due.
    pub const WEBHOOKS: &str = "webhooks";
    /// Anonymise what is past its retention period: every night, in pieces under the lease.
    pub const RETENTION: &str = "retention";
    /// Remove finished bookkeeping past its age, and tidy SQLite's files: every hour.
    pub const HOUSEKEEPING: &str = "housekeeping";
}

/// Queues a one-off job in the caller's transaction, due now. A second job with the same
/// kind and key is not added: the one there is due again now, as if new (so housekeeping
/// counts its days of failing from now).
pub async fn enqueue(conn: &mut AnyConnection, kind: &str, key: &str, now: i64) -> Result<(), sqlx::Error> {
    let sql =
        format!("INSERT INTO jobs (kind, job_key, payload, run_at, created_at) VALUES ($1, $2, $2, $3, $3) {AGAIN}");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(kind).bind(key).bind(now).execute(conn).await?;
    Ok(())
}

/// What [`enqueue`] does when the job is there already: it is due again, as if new. The end
/// of any insert into `jobs` (kind, job_key, payload, run_at, created_at).
pub const AGAIN: &str = "ON CONFLICT (kind, job_key) DO UPDATE SET run_at = excluded.run_at, attempts = 0, \
     last_error = NULL, created_at = excluded.created_at";

/// Exponential backoff: 10 s, 20 s, 40 s ... up to an hour.
pub fn backoff(attempts: i64) -> i64 {
    let exp = attempts.clamp(1, 20) as u32 - 1;
    (10_000i64.saturating_mul(1i64 << exp.min(30))).min(3_600_000)
}

/// Puts the recurring jobs in place if they are not there already: the clock sweep now,
/// the retention run at `retention_at` (the coming night), housekeeping at
/// `housekeeping_at`.
pub async fn ensure_recurring(
    db: &super::Db,
    now: i64,
    retention_at: i64,
    housekeeping_at: i64,
) -> Result<(), sqlx::Error> {
    for (kind, at) in [(kind::CLOCK_SWEEP, now), (kind::RETENTION, retention_at), (kind::HOUSEKEEPING, housekeeping_at)]
    {
        sqlx::query(
            "INSERT INTO jobs (kind, job_key, run_at, created_at) VALUES ($1, 'recurring', $2, $3) \
             ON CONFLICT (kind, job_key) DO NOTHING",
        )
        .bind(kind)
        .bind(at)
        .bind(now)
        .execute(db.writer())
        .await?;
    }
    Ok(())
}

/// Removes up to `most` one-off jobs that were made before `before` and are still failing:
/// their work has been retried for as long as finished rows are kept, and is given up (the
/// outbox row or the stored mail keeps its last error). Returns how many.
pub async fn sweep_failing(db: &super::Db, before: i64, now: i64, most: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE job_key <> 'recurring' AND created_at < $1 \
         AND last_error IS NOT NULL AND (lease_until IS NULL OR lease_until < $2) ORDER BY id LIMIT $3)",
    )
    .bind(before)
    .bind(now)
    .bind(most)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected())
}
