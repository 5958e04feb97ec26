//! The timer sweep with a large number of open clocks: its cost must follow what falls
//! due, not what is open. Run with the server stopped, so its own sweep takes nothing.
//!
//! A seeded history has as many open clocks as its open cases (about 1 in 70 cases).
//! When that is fewer than asked for, filler clocks (`bench-filler`, due in a month) are
//! added to existing cases for the run and taken away after. Fillers never fall due; the
//! clocks made to fall due are real ones, which fire their real warning or breach.

use std::time::{Duration, Instant};

use crate::casework::clocks::fire_due;
use crate::db::{Db, now_ms};
use crate::standards::Rules;

const FILLER: &str = "bench-filler";

/// One sweep: how many clocks fell due and how long it took.
#[derive(Debug, Clone, Copy)]
pub struct SweepRun {
    pub open: i64,
    pub due: usize,
    pub fired: usize,
    pub took: Duration,
}

/// Sweeps with `open` clocks waiting, `due` of them made to fall due, for each `due`.
pub async fn measure(db: &Db, rules: &Rules, open: i64, dues: &[usize]) -> anyhow::Result<Vec<SweepRun>> {
    let now = now_ms();
    let waiting = || sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM clocks WHERE next_fire_at IS NOT NULL");
    let have = waiting().fetch_one(db.reader()).await?;
    if have < open {
        let month = 30 * 86_400_000;
        sqlx::query(
            "INSERT INTO clocks (case_id, standard_id, standard_version, state, started_at, due_at, warn_at, \
             stopped_at, warned, breached, next_fire_at) \
             SELECT id, $1, 1, 'running', created_at, $2, $3, NULL, 0, 0, $3 FROM cases \
             WHERE id NOT IN (SELECT case_id FROM clocks WHERE standard_id = $1) ORDER BY id LIMIT $4",
        )
        .bind(FILLER)
        .bind(now + month)
        .bind(now + month - 86_400_000)
        .bind(open - have)
        .execute(db.writer())
        .await?;
    }
    let open = waiting().fetch_one(db.reader()).await?;
    let mut runs = Vec::new();
    for &due in dues {
        // Real running clocks not yet warned, made to fall due a minute ago. Ones an
        // earlier run fired are passed over: their next firing would find nothing to do.
        let made = sqlx::query(
            "UPDATE clocks SET next_fire_at = $1 WHERE (case_id, standard_id) IN (SELECT case_id, standard_id \
             FROM clocks WHERE next_fire_at IS NOT NULL AND next_fire_at > $2 AND standard_id <> $3 \
             AND state = 'running' AND warned = 0 AND breached = 0 ORDER BY case_id, standard_id LIMIT $4)",
        )
        .bind(now - 60_000)
        .bind(now)
        .bind(FILLER)
        .bind(due as i64)
        .execute(db.writer())
        .await?
        .rows_affected() as usize;
        let began = Instant::now();
        let swept = fire_due(db, rules, now, due as i64 + 1_000).await?;
        runs.push(SweepRun { open, due: made, fired: swept.warned + swept.breached, took: began.elapsed() });
    }
    sqlx::query("DELETE FROM clocks WHERE standard_id = $1").bind(FILLER).execute(db.writer()).await?;
    Ok(runs)
}
