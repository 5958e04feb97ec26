//! Group commit for SQLite: concurrent writes share one transaction, and so one flush
//! to disk.
//!
//! SQLite has one writer, so writes queue anyway; what each would wait for alone is its
//! own flush. Here each write is sent to one committer task. The committer takes every
//! write waiting, runs each in its own savepoint inside one transaction (a write that
//! fails rolls back its savepoint only, and gets its own error), commits once, and only
//! then answers each. Nobody hears "done" before their write is on disk, and a crash
//! before the commit loses only writes nobody was told about.
//!
//! The committer runs on its own thread, apart from the web's requests.
//!
//! A write waits for no timer: the committer starts the next transaction as soon as the
//! last one is committed, with whatever arrived meanwhile, so one client alone waits only
//! for a channel hop, never for a batch to fill.

use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use sqlx::{AnyConnection, AnyPool, Connection};
use tokio::sync::{mpsc, oneshot};

/// Writes a transaction at most: enough to share a flush among every client of a busy
/// council, few enough that one transaction stays short.
const MOST: usize = 256;

/// The work of one write, run in its savepoint: Ok to keep it, Err to roll it back.
type Work = Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Result<(), ()>> + Send>;

struct Job {
    work: Work,
    /// Told once the group's transaction has committed, or why it did not.
    committed: oneshot::Sender<Result<(), String>>,
}

/// The queue of writes waiting for the committer.
#[derive(Debug, Clone)]
pub struct GroupCommit {
    jobs: mpsc::Sender<Job>,
}

/// Why a grouped write did not happen, when the write itself did not fail.
#[derive(Debug, thiserror::Error)]
pub enum GroupError {
    #[error("the database did not commit: {0}")]
    NotCommitted(String),
    #[error("the database writer has stopped")]
    Stopped,
}

impl GroupCommit {
    /// Starts the committer, and on its thread opens the pool of SQLite's one writer
    /// connection with `connect`. Gives both once the connection is open.
    ///
    /// The committer has a thread of its own. Each statement is a hop to SQLite's worker
    /// thread and back; on the web's runtime, every hop back would wait its turn behind
    /// the requests being served, and every write waits for all of them. Alone on its
    /// thread it is woken at once, and the operating system shares the cores fairly.
    ///
    /// The committer's thread is also kept to one core (the last the process may use),
    /// and the connection's worker thread, started from it, inherits that. The two take
    /// turns, never both busy, and a hop between two threads of one core is the
    /// scheduler's switch of a few microseconds. Between cores, each hop wakes the other
    /// core's thread from sleep, which on this project's 2-core virtual machine cost
    /// 44 to 126 µs a statement (`docs/benchmarks.md`, the driver limit).
    pub async fn start<C>(connect: C) -> anyhow::Result<(GroupCommit, AnyPool)>
    where
        C: FnOnce() -> BoxFuture<'static, Result<AnyPool, sqlx::Error>> + Send + 'static,
    {
        let (jobs, queue) = mpsc::channel(4 * MOST);
        let (opened, open) = oneshot::channel();
        // Timers (the pool's wait for its connection), but no network: with nothing to
        // watch, the thread sleeps on a futex, which is cheaper to wake than a poll.
        let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build()?;
        // Ends when the last sender is dropped and the queue is empty.
        std::thread::Builder::new().name("frontdoor-commit".into()).spawn(move || {
            keep_to_one_core();
            runtime.block_on(async move {
                let write = match connect().await {
                    Ok(write) => write,
                    Err(err) => {
                        let _ = opened.send(Err(err));
                        return;
                    }
                };
                if opened.send(Ok(write.clone())).is_ok() {
                    committer(write, queue).await;
                }
            });
        })?;
        let write = open.await.map_err(|_| anyhow::anyhow!("the database's committer stopped as it started"))??;
        Ok((GroupCommit { jobs }, write))
    }

    /// Runs `work` in a transaction shared with other writes, and gives its result once
    /// that transaction has committed. An `Err` from `work` rolls back its own changes
    /// only.
    pub async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<GroupError> + Send + 'static,
        F: for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Result<T, E>> + Send + 'static,
    {
        let (result, outcome) = oneshot::channel();
        let work: Work = Box::new(move |conn| {
            Box::pin(async move {
                let done = work(conn).await;
                let keep = done.is_ok();
                let _ = result.send(done);
                if keep { Ok(()) } else { Err(()) }
            })
        });
        let (committed, commit) = oneshot::channel();
        self.jobs.send(Job { work, committed }).await.map_err(|_| GroupError::Stopped)?;
        let commit = commit.await.map_err(|_| GroupError::Stopped)?;
        match (outcome.await, commit) {
            // Refused: its savepoint was rolled back, whatever became of the others.
            (Ok(Err(refused)), _) => Err(refused),
            (_, Err(why)) => Err(GroupError::NotCommitted(why).into()),
            (Ok(Ok(value)), Ok(())) => Ok(value),
            // The work panicked; the committer rolled it back and carried on.
            (Err(_), Ok(())) => Err(GroupError::NotCommitted("the write stopped part way".into()).into()),
        }
    }
}

async fn committer(write: AnyPool, mut queue: mpsc::Receiver<Job>) {
    let mut jobs = Vec::with_capacity(MOST);
    while queue.recv_many(&mut jobs, MOST).await > 0 {
        let (committed, why) = match run_group(&write, &mut jobs).await {
            Ok(told) => (told, None),
            Err((told, err)) => (told, Some(err.to_string())),
        };
        if let Some(why) = &why {
            tracing::error!(writes = committed.len(), error = %why, "a group of writes did not commit");
        }
        for tell in committed {
            let _ = tell.send(why.clone().map_or(Ok(()), Err));
        }
    }
}

/// Keeps the calling thread, and the threads it starts, to the last core the process may
/// use. Where there is one core, or the system does not allow it, nothing changes.
fn keep_to_one_core() {
    let last = core_affinity::get_core_ids().and_then(|cores| cores.into_iter().max_by_key(|core| core.id));
    if let Some(core) = last
        && !core_affinity::set_for_current(core)
    {
        tracing::debug!(core = core.id, "the committer could not be kept to one core");
    }
}

type Told = Vec<oneshot::Sender<Result<(), String>>>;

/// One transaction for every job, each in its savepoint. Returns whom to tell.
async fn run_group(write: &AnyPool, jobs: &mut Vec<Job>) -> Result<Told, (Told, sqlx::Error)> {
    let mut told: Told = Vec::with_capacity(jobs.len());
    let mut conn = match write.acquire().await {
        Ok(conn) => conn,
        Err(err) => return Err((jobs.drain(..).map(|j| j.committed).collect(), err)),
    };
    let mut tx = match conn.begin().await {
        Ok(tx) => tx,
        Err(err) => return Err((jobs.drain(..).map(|j| j.committed).collect(), err)),
    };
    if jobs.len() == 1 {
        // Alone, a write needs no savepoint: if it fails, the transaction is its own.
        let job = jobs.pop().expect("one job");
        told.push(job.committed);
        let kept = AssertUnwindSafe((job.work)(&mut tx)).catch_unwind().await;
        let ended = match kept {
            Ok(Ok(())) => tx.commit().await,
            _ => tx.rollback().await,
        };
        return match ended {
            Ok(()) => Ok(told),
            Err(err) => Err((told, err)),
        };
    }
    let mut failed = None;
    for job in jobs.drain(..) {
        told.push(job.committed);
        if failed.is_some() {
            continue;
        }
        let savepoint = match tx.begin().await {
            Ok(savepoint) => savepoint,
            Err(err) => {
                failed = Some(err);
                continue;
            }
        };
        let mut savepoint = savepoint;
        let kept = AssertUnwindSafe((job.work)(&mut savepoint)).catch_unwind().await;
        let ended = match kept {
            Ok(Ok(())) => savepoint.commit().await,
            _ => savepoint.rollback().await,
        };
        if let Err(err) = ended {
            failed = Some(err);
        }
    }
    if let Some(err) = failed {
        return Err((told, err));
    }
    match tx.commit().await {
        Ok(()) => Ok(told),
        Err(err) => Err((told, err)),
    }
}
