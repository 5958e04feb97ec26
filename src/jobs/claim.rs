//! Claiming, finishing and failing jobs. Claiming is the one place the two databases
//! differ: PostgreSQL skips rows another worker has locked; SQLite has one writer, so
//! the claiming UPDATE is already serialised.

use std::time::Duration;

use sqlx::Row;

use crate::db::{Backend, Db};

/// A claimed job.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
    pub lease_owner: String,
}

const CLAIM_POSTGRES: &str = "UPDATE jobs SET lease_owner = $1, lease_until = $2, attempts = attempts + 1 \
     WHERE id = (SELECT id FROM jobs WHERE run_at <= $3 AND (lease_until IS NULL OR lease_until < $3) \
     ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED) \
     RETURNING id, kind, payload, attempts";

const CLAIM_SQLITE: &str = "UPDATE jobs SET lease_owner = $1, lease_until = $2, attempts = attempts + 1 \
     WHERE id = (SELECT id FROM jobs WHERE run_at <= $3 AND (lease_until IS NULL OR lease_until < $3) \
     ORDER BY run_at LIMIT 1) \
     RETURNING id, kind, payload, attempts";

/// Takes the lease on the job most overdue, if any is due and not leased.
pub async fn claim(db: &Db, worker: &str, now: i64, lease: Duration) -> Result<Option<Job>, sqlx::Error> {
    let sql = match db.backend() {
        Backend::Postgres => CLAIM_POSTGRES,
        Backend::Sqlite => CLAIM_SQLITE,
    };
    let row = sqlx::query(sql)
        .bind(worker)
        .bind(now + lease.as_millis() as i64)
        .bind(now)
        .fetch_optional(db.writer())
        .await?;
    row.map(|row| {
        Ok(Job {
            id: row.try_get("id")?,
            kind: row.try_get("kind")?,
            payload: row.try_get("payload")?,
            attempts: row.try_get("attempts")?,
            lease_owner: worker.to_owned(),
        })
    })
    .transpose()
}

/// Recurring work: run again at `next`. Only the lease holder may do this.
pub async fn reschedule(db: &Db, job: &Job, next: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE jobs SET run_at = $1, attempts = 0, last_error = NULL, lease_owner = NULL, lease_until = NULL \
         WHERE id = $2 AND lease_owner = $3",
    )
    .bind(next)
    .bind(job.id)
    .bind(&job.lease_owner)
    .execute(db.writer())
    .await?;
    Ok(())
}

pub async fn delete(db: &Db, job: &Job) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM jobs WHERE id = $1 AND lease_owner = $2")
        .bind(job.id)
        .bind(&job.lease_owner)
        .execute(db.writer())
        .await?;
    Ok(())
}

pub async fn fail(db: &Db, job: &Job, error: &str, retry_at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE jobs SET run_at = $1, last_error = $2, lease_owner = NULL, lease_until = NULL \
         WHERE id = $3 AND lease_owner = $4",
    )
    .bind(retry_at)
    .bind(error)
    .bind(job.id)
    .bind(&job.lease_owner)
    .execute(db.writer())
    .await?;
    Ok(())
}
