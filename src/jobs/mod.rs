//! The lease-based job runner. A job is a row in `jobs` with `run_at`, `attempts`,
//! `last_error` and a lease. A worker claims one due job by taking its lease (with
//! `FOR UPDATE SKIP LOCKED` on PostgreSQL, through the single writer on SQLite), runs it,
//! then deletes it, reschedules it (recurring work) or records the error and backs off.
//! A worker that dies holding a lease loses it when the lease runs out.
//!
//! Jobs must be idempotent: a job may run again after a crash.

mod claim;
pub mod sweep;

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::db::{Db, now_ms};
use crate::standards::SharedRules;

pub use claim::{Job, claim};

/// How long a claimed job is ours before another worker may take it.
pub const LEASE: Duration = Duration::from_secs(120);
/// How often the clock sweep runs.
pub const SWEEP_EVERY: Duration = Duration::from_secs(30);
const IDLE_POLL: Duration = Duration::from_secs(1);

/// What a job is.
pub mod kind {
    pub const CLOCK_SWEEP: &str = "clock_sweep";
}

/// Puts the recurring jobs in place if they are not there already.
pub async fn ensure_recurring(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO jobs (kind, job_key, run_at, created_at) VALUES ($1, 'recurring', $2, $2) \
         ON CONFLICT (kind, job_key) DO NOTHING",
    )
    .bind(kind::CLOCK_SWEEP)
    .bind(now)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Claims and runs one due job, if there is one. Returns whether it found one.
pub async fn run_one(db: &Db, rules: &SharedRules, worker: &str, now: i64) -> Result<bool, sqlx::Error> {
    let Some(job) = claim(db, worker, now, LEASE).await? else { return Ok(false) };
    let outcome = match job.kind.as_str() {
        kind::CLOCK_SWEEP => sweep::run(db, rules, now).await.map(|_| Some(now + SWEEP_EVERY.as_millis() as i64)),
        other => Err(anyhow::anyhow!("no job kind {other:?}")),
    };
    match outcome {
        Ok(Some(next)) => claim::reschedule(db, &job, next).await?,
        Ok(None) => claim::delete(db, &job).await?,
        Err(err) => {
            tracing::warn!(job = job.id, kind = %job.kind, attempts = job.attempts, error = %format!("{err:#}"), "job failed");
            claim::fail(db, &job, &format!("{err:#}"), now + backoff(job.attempts)).await?;
        }
    }
    Ok(true)
}

/// Exponential backoff: 10 s, 20 s, 40 s ... up to an hour.
pub fn backoff(attempts: i64) -> i64 {
    let exp = attempts.clamp(1, 20) as u32 - 1;
    (10_000i64.saturating_mul(1i64 << exp.min(30))).min(3_600_000)
}

/// Runs jobs until `shutdown` is cancelled.
pub async fn run(db: Db, rules: SharedRules, shutdown: CancellationToken) {
    let worker = format!("{}-{}", std::process::id(), rand::random::<u32>());
    if let Err(err) = ensure_recurring(&db, now_ms()).await {
        tracing::error!(error = %err, "could not schedule the recurring jobs");
    }
    loop {
        let found = match run_one(&db, &rules, &worker, now_ms()).await {
            Ok(found) => found,
            Err(err) => {
                tracing::error!(error = %err, "the job runner could not reach the database");
                false
            }
        };
        if !found {
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = tokio::time::sleep(IDLE_POLL) => {}
            }
        } else if shutdown.is_cancelled() {
            break;
        }
    }
    tracing::info!("job runner stopped");
}
