//! Group commit for SQLite: concurrent writes share one transaction, and so one flush
//! to disk.
//!
//! SQLite has one writer, so writes queue anyway; what each would wait for alone is its
//! own flush. Here each write is sent to one committer task. The committer takes every
//! write waiting, runs them one after another in one transaction, commits once, and only
//! then answers each. Nobody hears "done" before their write is on disk, and a crash
//! before the commit loses only writes nobody was told about.
//!
//! A write that fails must not undo the others. Failures are rare (what a resident typed
//! is checked before), so the group is first run with no savepoints, which cost two
//! statements a write and make SQLite's search index write out its words each time. If a
//! write fails, that transaction is rolled back and the whole group run again, each
//! write in a savepoint of its own: the one that fails rolls back its savepoint only, and
//! gets its own error. So a write may run twice, and is a function, not a one-off.
//!
//! The committer runs on its own thread, apart from the web's requests.
//!
//! A write waits for no timer: the committer starts the next transaction as soon as the
//! last one is committed, with whatever arrived meanwhile, so one client alone waits only
//! for a channel hop, never for a batch to fill.

use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use sqlx::{AnyConnection, AnyPool, Connection};
use tokio::sync::{mpsc, oneshot};

/// Writes a transaction at most: enough to share a flush among every client of a busy
/// council, few enough that one transaction stays short.
const MOST: usize = 256;

/// The work of one write, run in the group's transaction (perhaps twice, see above): Ok
/// to keep it, Err to undo it.
type Work = Box<dyn for<'c> FnMut(&'c mut AnyConnection) -> BoxFuture<'c, Result<(), ()>> + Send>;

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
    /// only. `work` may be run twice (the module says when), so it writes only to the
    /// database, and takes its own copy of what it needs each time.
    pub async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<GroupError> + Send + 'static,
        F: for<'c> Fn(&'c mut AnyConnection) -> BoxFuture<'c, Result<T, E>> + Send + Sync + 'static,
    {
        // The last run's result: the one that was committed or rolled back.
        let result = Arc::new(Mutex::new(None));
        let work = Arc::new(work);
        let kept = result.clone();
        let work: Work = Box::new(move |conn| {
            let work = work.clone();
            let result = kept.clone();
            Box::pin(async move {
                // Cleared first: a run that panics leaves no result of an earlier run.
                lock(&result).take();
                let done = work(conn).await;
                let keep = done.is_ok();
                *lock(&result) = Some(done);
                if keep { Ok(()) } else { Err(()) }
            })
        });
        let (committed, commit) = oneshot::channel();
        self.jobs.send(Job { work, committed }).await.map_err(|_| GroupError::Stopped)?;
        let commit = commit.await.map_err(|_| GroupError::Stopped)?;
        let outcome = lock(&result).take();
        match (outcome, commit) {
            // Refused: its changes were rolled back, whatever became of the others.
            (Some(Err(refused)), _) => Err(refused),
            (_, Err(why)) => Err(GroupError::NotCommitted(why).into()),
            (Some(Ok(value)), Ok(())) => Ok(value),
            // The work panicked; the committer rolled it back and carried on.
            (None, Ok(())) => Err(GroupError::NotCommitted("the write stopped part way".into()).into()),
        }
    }
}

/// A write's result, whether or not a run of it panicked while holding the lock (it does
/// not: the lock is held only to put or take the value).
fn lock<T>(slot: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    slot.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
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

/// One transaction for every job. Returns whom to tell.
async fn run_group(write: &AnyPool, jobs: &mut Vec<Job>) -> Result<Told, (Told, sqlx::Error)> {
    let mut conn = match write.acquire().await {
        Ok(conn) => conn,
        Err(err) => return Err((jobs.drain(..).map(|j| j.committed).collect(), err)),
    };
    match together(&mut conn, jobs).await {
        // Every write kept and committed.
        Ok(true) => Ok(jobs.drain(..).map(|j| j.committed).collect()),
        // A write alone, refused: its rollback was its own.
        Ok(false) if jobs.len() == 1 => Ok(jobs.drain(..).map(|j| j.committed).collect()),
        Ok(false) => each_in_savepoint(&mut conn, jobs).await,
        Err(err) => Err((jobs.drain(..).map(|j| j.committed).collect(), err)),
    }
}

/// Runs every job in one transaction with no savepoints and commits it; or, as soon as
/// one fails, rolls the transaction back and returns false.
async fn together(conn: &mut AnyConnection, jobs: &mut [Job]) -> Result<bool, sqlx::Error> {
    let mut tx = conn.begin_with(super::SQLITE_BEGIN).await?;
    for job in jobs.iter_mut() {
        let kept = AssertUnwindSafe((job.work)(&mut tx)).catch_unwind().await;
        if !matches!(kept, Ok(Ok(()))) {
            tx.rollback().await?;
            return Ok(false);
        }
    }
    tx.commit().await?;
    Ok(true)
}

/// Runs every job again in one transaction, each in its own savepoint, so that one that
/// fails rolls back alone.
async fn each_in_savepoint(conn: &mut AnyConnection, jobs: &mut Vec<Job>) -> Result<Told, (Told, sqlx::Error)> {
    let mut told: Told = Vec::with_capacity(jobs.len());
    let mut tx = match conn.begin_with(super::SQLITE_BEGIN).await {
        Ok(tx) => tx,
        Err(err) => return Err((jobs.drain(..).map(|j| j.committed).collect(), err)),
    };
    let mut failed = None;
    for mut job in jobs.drain(..) {
        told.push(job.committed);
        if failed.is_some() {
            continue;
        }
        let mut savepoint = match tx.begin().await {
            Ok(savepoint) => savepoint,
            Err(err) => {
                failed = Some(err);
                continue;
            }
        };
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;
    use crate::db::Db;

    async fn insert(conn: &mut AnyConnection, n: i64) -> anyhow::Result<()> {
        sqlx::query("INSERT INTO t (n) VALUES ($1)").bind(n).execute(conn).await?;
        Ok(())
    }

    /// A group is run first with no savepoints. One write refused and one that panics
    /// make the committer run the group again, each write in its savepoint: the two undo
    /// only themselves, and every other write is kept once, with its own result.
    #[tokio::test]
    async fn a_failed_write_undoes_only_itself_when_its_group_is_run_again() {
        let dir = tempfile::tempdir().expect("a folder");
        let db = Db::connect(&format!("sqlite:{}", dir.path().join("group.db").display())).await.expect("open");
        sqlx::query("CREATE TABLE t (n INTEGER NOT NULL)").execute(db.writer()).await.expect("table");

        // The first write holds the committer until the others are queued behind it, so
        // that they make one group.
        let (open, opened) = tokio::sync::watch::channel(false);
        let (started, start) = tokio::sync::oneshot::channel::<()>();
        let started = Arc::new(Mutex::new(Some(started)));
        let first = {
            let db = db.clone();
            tokio::spawn(async move {
                db.transact(move |conn| {
                    let (mut opened, started) = (opened.clone(), started.clone());
                    Box::pin(async move {
                        if let Some(started) = lock(&started).take() {
                            let _ = started.send(());
                        }
                        let _ = opened.wait_for(|open| *open).await;
                        insert(conn, 0).await
                    })
                })
                .await
            })
        };
        start.await.expect("the first write started");

        let runs: Arc<Vec<AtomicUsize>> = Arc::new((0..10).map(|_| AtomicUsize::new(0)).collect());
        let mut writes = Vec::new();
        for n in 1..10_i64 {
            let (db, runs) = (db.clone(), runs.clone());
            writes.push(tokio::spawn(async move {
                db.transact(move |conn| {
                    let runs = runs.clone();
                    Box::pin(async move {
                        runs[n as usize].fetch_add(1, Ordering::SeqCst);
                        insert(&mut *conn, n).await?;
                        match n {
                            4 => Err(anyhow::anyhow!("refused")),
                            7 => panic!("a write that stops part way"),
                            _ => Ok(n * 10),
                        }
                    })
                })
                .await
            }));
        }
        // Every write is queued once the spawned tasks have had their turn.
        tokio::time::sleep(Duration::from_millis(200)).await;
        open.send(true).expect("the first write is waiting");
        first.await.expect("ran").expect("the first write is kept");

        for (i, write) in writes.into_iter().enumerate() {
            let n = i as i64 + 1;
            let result = write.await.expect("ran");
            match n {
                4 => assert_eq!(result.expect_err("refused").to_string(), "refused"),
                7 => assert!(result.expect_err("stopped").to_string().contains("stopped part way")),
                _ => assert_eq!(result.expect("kept"), n * 10),
            }
        }
        let kept: Vec<i64> =
            sqlx::query_scalar("SELECT n FROM t ORDER BY n").fetch_all(db.reader()).await.expect("read");
        assert_eq!(kept, vec![0, 1, 2, 3, 5, 6, 8, 9]);
        // Write 1 ran before the refusal and again in the savepoints; write 9 only after.
        assert_eq!(runs[1].load(Ordering::SeqCst), 2, "the group was run again");
        assert_eq!(runs[9].load(Ordering::SeqCst), 1, "the first run stopped at the refusal");
        db.close().await;
    }
}
