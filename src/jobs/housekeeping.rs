//! Housekeeping, every hour: finished bookkeeping past its age is removed in batches, and
//! SQLite's files are tidied.
//!
//! What is removed, after `--keep-finished-days` (30 by default):
//! - webhook deliveries made (pending and dead ones stay, for administrators);
//! - one-off jobs still failing: their work is given up, and the message or stored mail
//!   they were for keeps its last error for staff to see.
//!
//! And emails sent to residents, only if `--keep-sent-emails-days` is set. By default they
//! stay: they are the case's record of what the council told someone, replies are matched
//! to cases by them, a subject access request returns them, and the retention schedule
//! anonymises them with their case (`privacy`). A council that files its correspondence
//! elsewhere may choose otherwise. Letters and calls always stay: printed letters point at
//! theirs.
//!
//! And on PostgreSQL the running counts' parts are folded into one
//! (`rollups::db::fold`), so each count reads as a row again.
//!
//! Already gone: jobs are deleted as they finish, and expired sign-in counts, sessions and
//! idempotency keys go with every clock sweep.

use std::time::Instant;

use super::{Context, HOUSEKEEPING_EVERY};

/// Rows removed a statement: small enough that the writer is never held for long.
const BATCH: i64 = 1_000;

/// Runs one piece of housekeeping, inside a quarter of the lease. Returns when to run
/// again: a second on if rows are left, otherwise in an hour.
pub async fn run(ctx: &Context, now: i64) -> anyhow::Result<Option<i64>> {
    let started = Instant::now();
    let before = now - ctx.keep_finished.as_millis() as i64;
    let emails_before = ctx.keep_sent_emails.map(|keep| now - keep.as_millis() as i64);
    let (mut deliveries, mut jobs, mut emails) = (0, 0, 0);
    let more = loop {
        let d = crate::webhooks::db::sweep_delivered(ctx.db.writer(), before, BATCH).await?;
        let j = crate::db::queue::sweep_failing(&ctx.db, before, now, BATCH).await?;
        let e = match emails_before {
            Some(at) => crate::outbox::db::sweep_sent_emails(ctx.db.writer(), at, BATCH).await?,
            None => 0,
        };
        deliveries += d;
        jobs += j;
        emails += e;
        if d < BATCH as u64 && j < BATCH as u64 && e < BATCH as u64 {
            break false;
        }
        if started.elapsed() > ctx.lease / 4 {
            break true;
        }
    };
    crate::measure::swept("webhook_deliveries", deliveries);
    crate::measure::swept("jobs", jobs);
    crate::measure::swept("outbox", emails);
    if jobs > 0 {
        tracing::warn!(jobs, "gave up jobs that were still failing after the days finished rows are kept");
    }
    if deliveries + emails > 0 {
        tracing::info!(deliveries, emails, "removed webhook deliveries and sent emails past their days");
    }
    if more {
        return Ok(Some(now + 1_000));
    }
    let folded = crate::rollups::db::fold(&ctx.db).await?;
    if folded > 0 {
        tracing::info!(folded, "folded the running counts' parts");
    }
    ctx.db.tidy().await?;
    Ok(Some(now + HOUSEKEEPING_EVERY.as_millis() as i64))
}
