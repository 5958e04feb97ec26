//! The lease-based job runner. A job is a row in `jobs` with `run_at`, `attempts`,
//! `last_error` and a lease. A worker claims a batch of due jobs by taking their leases
//! in one statement (with `FOR UPDATE SKIP LOCKED` on PostgreSQL, through the single
//! writer on SQLite), runs them one by one, then ends each (deleted when done,
//! rescheduled when recurring, or the error kept and a retry set with backoff) in a
//! transaction with what it left to write. On SQLite those transactions share one
//! commit, so a busy hour's acknowledgements cost a few flushes, not three each. A worker
//! that dies holding a lease loses it when the lease runs out.
//!
//! Jobs must be idempotent: a job may run again after a crash.

pub mod deliver;
pub mod housekeeping;
pub mod sweep;
pub mod webhooks;

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use sqlx::AnyConnection;
use tokio_util::sync::CancellationToken;

use crate::config::Council;
use crate::db::queue::{backoff, kind};
use crate::db::{Backend, Db, now_ms};
use crate::mail;
use crate::outbox::Transport;
use crate::standards::{Rules, SharedRules};

/// What jobs need, and no more: the database, the council, the standards in force and
/// where mail goes. Never the web's state.
#[derive(Debug, Clone)]
pub struct Context {
    pub db: Db,
    pub council: Arc<Council>,
    pub rules: SharedRules,
    pub transport: Arc<Transport>,
    /// How long a claimed job is this worker's before another may take it ([`LEASE`]
    /// unless `--job-lease-seconds` says otherwise).
    pub lease: Duration,
    /// How long finished bookkeeping is kept ([`KEEP_FINISHED`] unless
    /// `--keep-finished-days` says otherwise).
    pub keep_finished: Duration,
    /// How long emails sent to residents are kept, if not until retention
    /// (`--keep-sent-emails-days`).
    pub keep_sent_emails: Option<Duration>,
}

/// How long webhook deliveries made, and jobs still failing, are kept, by default.
pub const KEEP_FINISHED: Duration = Duration::from_secs(30 * 86_400);
/// How often housekeeping runs.
pub const HOUSEKEEPING_EVERY: Duration = Duration::from_secs(3600);

use crate::db::claim::{End, claim_many};
pub use crate::db::claim::{Job, claim};

/// How long a claimed job is ours before another worker may take it, by default. A node
/// killed while it holds leases has its jobs taken over by the others this long after.
pub const LEASE: Duration = Duration::from_secs(120);
/// How often the clock sweep runs.
pub const SWEEP_EVERY: Duration = Duration::from_secs(30);
const IDLE_POLL: Duration = Duration::from_secs(1);

/// Puts the recurring jobs in place if they are not there already: the clock sweep now,
/// the retention run the coming night, housekeeping in an hour.
pub async fn ensure_recurring(db: &Db, rules: &Rules, now: i64) -> Result<(), sqlx::Error> {
    let housekeeping = now + HOUSEKEEPING_EVERY.as_millis() as i64;
    crate::db::queue::ensure_recurring(db, now, next_night(rules, now), housekeeping).await
}

/// The next 02:00 council time after `now`: when the retention run starts, away from the
/// day's work.
pub fn next_night(rules: &Rules, now: i64) -> i64 {
    let council = &rules.calendars.council;
    let at = jiff::Timestamp::from_millisecond(now).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let today = council.local_date(at);
    let night = |d: jiff::civil::Date| council.at(d, jiff::civil::time(2, 0, 0, 0)).as_millisecond();
    if night(today) > now { night(today) } else { today.tomorrow().map_or(now + 86_400_000, night) }
}

/// Most jobs claimed at once.
pub const BATCH: usize = 64;
/// After a batch that was not full, the runner waits this long before claiming again, so
/// that the jobs arriving meanwhile (a busy form's acknowledgements) share one claim and
/// one commit. An acknowledgement goes out at most this much later.
const GATHER: Duration = Duration::from_millis(50);

/// What running a job left to write. It is written with the job's end, in one
/// transaction: a job is never ended without what it did, nor the reverse.
enum Ran {
    /// Its own work is written, or it writes nothing: only its end is left.
    Ended(End),
    /// A mail attempt to record; the job ends as the attempt says.
    Mail(Box<deliver::Attempt>),
}

/// Claims and runs one due job, if there is one. Returns whether it found one.
pub async fn run_one(ctx: &Context, worker: &str, now: i64) -> Result<bool, sqlx::Error> {
    Ok(run_due(ctx, worker, now, 1).await? > 0)
}

/// Claims up to `most` due jobs at once, runs them one after another in the order they
/// fell due, then ends them all together: on SQLite their ends share one commit. Returns
/// how many it claimed.
pub async fn run_due(ctx: &Context, worker: &str, now: i64, most: usize) -> Result<usize, sqlx::Error> {
    let db = &ctx.db;
    let lease = ctx.lease;
    let mut jobs = claim_many(db, worker, now, lease, most).await?;
    // The long jobs (the clock sweep, webhooks, retention, housekeeping) run first, so that a node
    // killed while running one has sent nothing its batch has not yet recorded: every
    // mail of the batch is sent after them, and the other nodes take the lot over.
    jobs.sort_by_key(|job| !is_long(&job.kind));
    let began = Instant::now();
    let mut ran = Vec::with_capacity(jobs.len());
    // The time as the batch goes on: a mail is recorded as sent when it was, not when
    // its batch was claimed.
    let at = || now + began.elapsed().as_millis() as i64;
    for job in &jobs {
        // Past half the lease another worker could soon take the jobs not yet run: they
        // are given back instead.
        if began.elapsed() > lease / 2 {
            ran.push((Ran::Ended(End::NotStarted), at()));
            continue;
        }
        let done = work(ctx, job, at()).await;
        ran.push((done, at()));
    }
    let rules = ctx.rules.get();
    let ends = jobs.iter().cloned().zip(ran).map(|(job, (ran, at))| {
        let rules = rules.clone();
        async move {
            let id = job.id;
            let (job, ran) = (Arc::new(job), Arc::new(ran));
            let ended: anyhow::Result<()> = db
                .transact(move |conn| {
                    let (job, ran, rules) = (job.clone(), ran.clone(), rules.clone());
                    Box::pin(async move { finish(conn, &job, &ran, &rules, at).await })
                })
                .await;
            if let Err(err) = ended {
                // The job keeps its lease, and runs again when the lease runs out.
                tracing::error!(job = id, error = %format!("{err:#}"), "a job's end could not be written");
            }
        }
    });
    // All at once on SQLite, so the group commit takes them in one transaction; a few at a
    // time on PostgreSQL, leaving pool connections for the web.
    let at_once = match db.backend() {
        Backend::Sqlite => most,
        Backend::Postgres => 8,
    };
    futures_util::stream::iter(ends).buffer_unordered(at_once.max(1)).collect::<Vec<()>>().await;
    Ok(jobs.len())
}

/// Whether a job of this kind may run for seconds rather than milliseconds.
fn is_long(kind: &str) -> bool {
    matches!(kind, kind::CLOCK_SWEEP | kind::WEBHOOKS | kind::RETENTION | kind::HOUSEKEEPING)
}

/// Runs one claimed job's work.
async fn work(ctx: &Context, job: &Job, now: i64) -> Ran {
    let id = || job.payload.parse::<i64>().map_err(|_| anyhow::anyhow!("job payload {:?} is not an id", job.payload));
    let outcome = match job.kind.as_str() {
        kind::CLOCK_SWEEP => {
            // Inside a quarter of the lease; what is left runs a second later, after the
            // mail that arrived meanwhile.
            let stop_at = Instant::now() + ctx.lease / 4;
            match sweep::run_until(&ctx.db, &ctx.council, &ctx.rules, now, Some(stop_at)).await {
                Ok((_, true)) => Ok(Some(now + SWEEP_EVERY.as_millis() as i64)),
                Ok((_, false)) => Ok(Some(now + 1_000)),
                Err(err) => Err(err),
            }
        }
        kind::MAIL_IN => match id() {
            Ok(id) => mail::process(&ctx.db, &ctx.council, &ctx.rules.get(), id, now).await.map(|_| None),
            Err(err) => Err(err),
        },
        kind::DELIVER => match id() {
            Ok(id) => match deliver::send_one(&ctx.db, &ctx.council, &ctx.transport, id, job.attempts).await {
                Ok(Some(attempt)) => return Ran::Mail(Box::new(attempt)),
                Ok(None) => Ok(None),
                Err(err) => Err(err),
            },
            Err(err) => Err(err),
        },
        kind::WEBHOOKS => webhooks::run(&ctx.db, &ctx.council, ctx.lease, now).await,
        kind::RETENTION => retention(ctx, now).await,
        kind::HOUSEKEEPING => housekeeping::run(ctx, now).await,
        other => Err(anyhow::anyhow!("no job kind {other:?}")),
    };
    Ran::Ended(match outcome {
        Ok(Some(next)) => End::Again(next),
        Ok(None) => End::Done,
        Err(err) => failed(job, format!("{err:#}"), now),
    })
}

/// A piece of the night's retention run, well inside the lease; it comes back a second
/// later until the run is done, then the next night.
async fn retention(ctx: &Context, now: i64) -> anyhow::Result<Option<i64>> {
    let rules = ctx.rules.get();
    let options = crate::privacy::Options {
        as_of: now,
        dry_run: false,
        started_by: "nightly".into(),
        stop_at: Some(Instant::now() + ctx.lease / 4),
        batch: crate::privacy::BATCH,
    };
    let outcome = crate::privacy::run(&ctx.db, &rules, &options, now).await?;
    if outcome.total > 0 {
        tracing::info!(anonymised = outcome.total, customers = outcome.customers_erased, "retention run");
    }
    Ok(Some(if outcome.finished { next_night(&rules, now) } else { now + 1000 }))
}

/// Writes what a job left to write, and its end.
async fn finish(conn: &mut AnyConnection, job: &Job, ran: &Ran, rules: &Rules, now: i64) -> anyhow::Result<()> {
    let end = match ran {
        Ran::Ended(end) => end.clone(),
        Ran::Mail(attempt) => match attempt.record(&mut *conn, rules, now).await? {
            None => End::Done,
            Some(why) => failed(job, why, now),
        },
    };
    crate::db::claim::end(conn, job, &end).await?;
    Ok(())
}

fn failed(job: &Job, error: String, now: i64) -> End {
    tracing::warn!(job = job.id, kind = %job.kind, attempts = job.attempts, %error, "job failed");
    End::Failed { error, retry_at: now + backoff(job.attempts) }
}

/// Runs jobs until `shutdown` is cancelled.
pub async fn run(ctx: Context, shutdown: CancellationToken) {
    let worker = format!("{}-{}", std::process::id(), rand::random::<u32>());
    if let Err(err) = ensure_recurring(&ctx.db, &ctx.rules.get(), now_ms()).await {
        tracing::error!(error = %err, "could not schedule the recurring jobs");
    }
    loop {
        let claimed = match run_due(&ctx, &worker, now_ms(), BATCH).await {
            Ok(claimed) => claimed,
            Err(err) => {
                tracing::error!(error = %err, "the job runner could not reach the database");
                0
            }
        };
        let pause = match claimed {
            0 => IDLE_POLL,
            n if n < BATCH => GATHER,
            _ => Duration::ZERO,
        };
        if shutdown.is_cancelled() {
            break;
        }
        tokio::select! {
            () = shutdown.cancelled() => break,
            () = tokio::time::sleep(pause) => {}
        }
    }
    tracing::info!("job runner stopped");
}
