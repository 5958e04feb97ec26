//! The machine's own limit: how many durable single-row commits a second the disk takes,
//! through the same SQLite (WAL, `synchronous=FULL`) and driver the server uses. Every
//! durable figure is also given as a share of this, because the disk here alternates
//! between fast and slow modes.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::db::Db;

/// Commits one small row at a time into a new SQLite file in `dir` for `time`.
pub async fn commit_rate(dir: &Path, time: Duration) -> anyhow::Result<f64> {
    let path = dir.join("disk-probe.db");
    remove(&path);
    let db = Db::connect(&format!("sqlite:{}", path.display())).await?;
    sqlx::query("CREATE TABLE probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, note TEXT NOT NULL)")
        .execute(db.writer())
        .await?;
    let began = Instant::now();
    let mut commits = 0_u64;
    while began.elapsed() < time {
        // Outside a transaction, each statement is its own commit.
        sqlx::query("INSERT INTO probe (at, note) VALUES ($1, $2)")
            .bind(crate::db::now_ms())
            .bind("a row about the size of a small event")
            .execute(db.writer())
            .await?;
        commits += 1;
    }
    let rate = commits as f64 / began.elapsed().as_secs_f64();
    db.close().await;
    remove(&path);
    Ok(rate)
}

/// How many statements a second one task gets through the driver, one after another, when
/// the statement costs nothing (`SELECT 1` on SQLite's writer connection). Each is a hop to
/// the connection's worker thread and back: the floor under every write, which runs its
/// statements in turn. Measured twice: from the caller's thread, as a web request's own
/// statements go, and inside a write, on the committer's thread that shares the writer's
/// core (`db/group.rs`), as every write's statements go.
pub async fn round_trips(dir: &Path, time: Duration) -> anyhow::Result<(f64, f64)> {
    let path = dir.join("trip-probe.db");
    let db = Db::connect(&format!("sqlite:{}", path.display())).await?;
    let apart = select_ones(&mut *db.writer().acquire().await?, time).await?;
    let beside: f64 = db
        .transact(move |conn| Box::pin(async move { select_ones(conn, time).await.map_err(anyhow::Error::from) }))
        .await?;
    db.close().await;
    remove(&path);
    Ok((apart, beside))
}

/// `SELECT 1` one after another for `time`, a second.
async fn select_ones(conn: &mut sqlx::AnyConnection, time: Duration) -> Result<f64, sqlx::Error> {
    let began = Instant::now();
    let mut trips = 0_u64;
    while began.elapsed() < time {
        sqlx::query("SELECT 1").execute(&mut *conn).await?;
        trips += 1;
    }
    Ok(trips as f64 / began.elapsed().as_secs_f64())
}

/// Removes a probe's database and its log.
fn remove(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
