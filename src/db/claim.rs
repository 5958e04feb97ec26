//! Claiming, finishing and failing jobs. Claiming is the one place the two databases
//! differ: PostgreSQL skips rows another worker has locked; SQLite has one writer, so
//! the claiming UPDATE is already serialised.

use std::time::Duration;

use sqlx::{AnyConnection, Row};

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

// Jobs most overdue first. The inner SELECT picks them; on PostgreSQL it skips rows
// another worker has locked, so two workers take different jobs.
const CLAIM_POSTGRES: &str = "UPDATE jobs SET lease_owner = $1, lease_until = $2, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM jobs WHERE run_at <= $3 AND (lease_until IS NULL OR lease_until < $3) \
     ORDER BY run_at LIMIT $4 FOR UPDATE SKIP LOCKED) \
     RETURNING id, kind, payload, attempts, run_at";

const CLAIM_SQLITE: &str = "UPDATE jobs SET lease_owner = $1, lease_until = $2, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM jobs WHERE run_at <= $3 AND (lease_until IS NULL OR lease_until < $3) \
     ORDER BY run_at LIMIT $4) \
     RETURNING id, kind, payload, attempts, run_at";

/// Takes the lease on the job most overdue, if any is due and not leased.
pub async fn claim(db: &Db, worker: &str, now: i64, lease: Duration) -> Result<Option<Job>, sqlx::Error> {
    Ok(claim_many(db, worker, now, lease, 1).await?.pop())
}

/// Takes the leases on up to `most` due jobs in one statement, most overdue first.
pub async fn claim_many(
    db: &Db,
    worker: &str,
    now: i64,
    lease: Duration,
    most: usize,
) -> Result<Vec<Job>, sqlx::Error> {
    let sql = match db.backend() {
        Backend::Postgres => CLAIM_POSTGRES,
        Backend::Sqlite => CLAIM_SQLITE,
    };
    let rows = sqlx::query(sql)
        .bind(worker)
        .bind(now + lease.as_millis() as i64)
        .bind(now)
        .bind(most as i64)
        .fetch_all(db.writer())
        .await?;
    let mut jobs = rows
        .iter()
        .map(|row| {
            let run_at: i64 = row.try_get("run_at")?;
            let job = Job {
                id: row.try_get("id")?,
                kind: row.try_get("kind")?,
                payload: row.try_get("payload")?,
                attempts: row.try_get("attempts")?,
                lease_owner: worker.to_owned(),
            };
            Ok((run_at, job))
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    // RETURNING gives no order: run them as they fell due.
    jobs.sort_by_key(|(run_at, job)| (*run_at, job.id));
    Ok(jobs.into_iter().map(|(_, job)| job).collect())
}

/// How a claimed job ends, written in the transaction that records what it did.
#[derive(Debug, Clone)]
pub enum End {
    /// Done: the job is deleted.
    Done,
    /// Recurring work: run again at this time.
    Again(i64),
    /// It failed: try again at `retry_at`, with the error kept on the row.
    Failed { error: String, retry_at: i64 },
    /// Not started (its batch ran out of time): the lease is given back, the attempt
    /// uncounted.
    NotStarted,
}

/// Ends a job this worker holds. Only the lease holder may: a worker whose lease ran out
/// and was taken by another changes nothing.
pub async fn end(conn: &mut AnyConnection, job: &Job, end: &End) -> Result<(), sqlx::Error> {
    let sql = match end {
        End::Done => "DELETE FROM jobs WHERE id = $1 AND lease_owner = $2",
        End::Again(_) => {
            "UPDATE jobs SET run_at = $3, attempts = 0, last_error = NULL, lease_owner = NULL, lease_until = NULL \
             WHERE id = $1 AND lease_owner = $2"
        }
        End::Failed { .. } => {
            "UPDATE jobs SET run_at = $3, last_error = $4, lease_owner = NULL, lease_until = NULL \
             WHERE id = $1 AND lease_owner = $2"
        }
        End::NotStarted => {
            "UPDATE jobs SET attempts = attempts - 1, lease_owner = NULL, lease_until = NULL \
             WHERE id = $1 AND lease_owner = $2"
        }
    };
    let mut query = sqlx::query(sql).bind(job.id).bind(job.lease_owner.clone());
    match end {
        End::Again(next) => query = query.bind(*next),
        End::Failed { error, retry_at } => query = query.bind(*retry_at).bind(error.clone()),
        End::Done | End::NotStarted => {}
    }
    query.execute(conn).await?;
    Ok(())
}
