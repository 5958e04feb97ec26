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

use sqlx::AnyConnection;

use crate::app::AppState;
use crate::db::{Db, now_ms};
use crate::{mail, outbox};

pub use claim::{Job, claim};

/// How long a claimed job is ours before another worker may take it.
pub const LEASE: Duration = Duration::from_secs(120);
/// How often the clock sweep runs.
pub const SWEEP_EVERY: Duration = Duration::from_secs(30);
const IDLE_POLL: Duration = Duration::from_secs(1);

/// What a job is.
pub mod kind {
    pub const CLOCK_SWEEP: &str = "clock_sweep";
    /// Read one stored inbound message (the payload is its id).
    pub const MAIL_IN: &str = "mail_in";
    /// Deliver one outbox message (the payload is its id).
    pub const DELIVER: &str = "deliver";
    /// Send the webhook deliveries that are due.
    pub const WEBHOOKS: &str = crate::webhooks::db::JOB;
}

/// Queues a one-off job in the caller's transaction, due now. A second job with the same
/// kind and key is not added.
pub async fn enqueue(conn: &mut AnyConnection, kind: &str, key: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO jobs (kind, job_key, payload, run_at, created_at) VALUES ($1, $2, $2, $3, $3) \
         ON CONFLICT (kind, job_key) DO UPDATE SET run_at = $3, attempts = 0, last_error = NULL",
    )
    .bind(kind)
    .bind(key)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
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
pub async fn run_one(state: &AppState, worker: &str, now: i64) -> Result<bool, sqlx::Error> {
    let db = &state.db;
    let Some(job) = claim(db, worker, now, LEASE).await? else { return Ok(false) };
    let id = || job.payload.parse::<i64>().map_err(|_| anyhow::anyhow!("job payload {:?} is not an id", job.payload));
    let outcome = match job.kind.as_str() {
        kind::CLOCK_SWEEP => {
            sweep::run(db, &state.rules, now).await.map(|_| Some(now + SWEEP_EVERY.as_millis() as i64))
        }
        kind::MAIL_IN => match id() {
            Ok(id) => mail::process(state, id, now).await.map(|_| None),
            Err(err) => Err(err),
        },
        kind::DELIVER => match id() {
            Ok(id) => outbox::deliver(state, id, job.attempts, now).await.map(|_| None),
            Err(err) => Err(err),
        },
        kind::WEBHOOKS => crate::webhooks::run(state, now).await,
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
pub async fn run(state: AppState, shutdown: CancellationToken) {
    let worker = format!("{}-{}", std::process::id(), rand::random::<u32>());
    if let Err(err) = ensure_recurring(&state.db, now_ms()).await {
        tracing::error!(error = %err, "could not schedule the recurring jobs");
    }
    loop {
        let found = match run_one(&state, &worker, now_ms()).await {
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
