//! Housekeeping, every hour: finished bookkeeping past its age is removed in batches, and
//! SQLite's files are tidied.
//!
//! What is removed, after `--keep-finished-days` (30 by default):
//! - webhook deliveries made (pending and dead ones stay, for administrators);
//! - one-off jobs still failing: their work is given up, and the message or stored mail
//!   they were for keeps its last error for staff to see.
//!
//! What is not: jobs are deleted as they finish, and expired sign-in counts, sessions and
//! idempotency keys go with every clock sweep. Messages sent to customers (the outbox) are
//! the case's record of what the council told them: replies are threaded by them, a subject
//! access request returns them, printed letters point at them. The retention schedule
//! anonymises them with their case (`privacy`), so they are never removed by age here.

use std::time::Instant;

use super::{Context, HOUSEKEEPING_EVERY};

/// Rows removed a statement: small enough that the writer is never held for long.
const BATCH: i64 = 1_000;

/// Runs one piece of housekeeping, inside a quarter of the lease. Returns when to run
/// again: a second on if rows are left, otherwise in an hour.
pub async fn run(ctx: &Context, now: i64) -> anyhow::Result<Option<i64>> {
    let started = Instant::now();
    let before = now - ctx.keep_finished.as_millis() as i64;
    let mut deliveries = 0;
    let mut jobs = 0;
    let more = loop {
        let d = crate::webhooks::db::sweep_delivered(ctx.db.writer(), before, BATCH).await?;
        let j = crate::db::queue::sweep_failing(&ctx.db, before, now, BATCH).await?;
        deliveries += d;
        jobs += j;
        if d < BATCH as u64 && j < BATCH as u64 {
            break false;
        }
        if started.elapsed() > ctx.lease / 4 {
            break true;
        }
    };
    crate::measure::swept("webhook_deliveries", deliveries);
    crate::measure::swept("jobs", jobs);
    if jobs > 0 {
        tracing::warn!(jobs, "gave up jobs that were still failing after the days finished rows are kept");
    }
    if deliveries > 0 {
        tracing::info!(deliveries, "removed webhook deliveries past the days finished rows are kept");
    }
    if more {
        return Ok(Some(now + 1_000));
    }
    ctx.db.tidy().await?;
    Ok(Some(now + HOUSEKEEPING_EVERY.as_millis() as i64))
}
