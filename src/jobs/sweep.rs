//! The clock sweep: picks up calendar changes, then fires the warnings and breaches
//! falling due, deletes files from forms never sent (after an hour), and forgets what
//! only mattered for a while: counts of tries, ended staff sessions, spent sign-in
//! challenges and idempotency keys past their day. Its cost follows the number of clocks falling due, not the number open.

use std::sync::Arc;
use std::time::Instant;

use crate::casework::clocks::{Swept, fire_due};
use crate::config::Council;
use crate::db::Db;
use crate::standards::SharedRules;
use crate::{attachments, calendar};

const BATCH: i64 = 100;

/// The whole sweep, however long it takes.
pub async fn run(db: &Db, council: &Arc<Council>, rules: &SharedRules, now: i64) -> anyhow::Result<Swept> {
    Ok(run_until(db, council, rules, now, None).await?.0)
}

/// The sweep, stopping after the batch that passes `stop_at` (if given) so that a day of
/// deadlines falling due at once does not hold up the mail behind it. Returns what it
/// fired, and whether it finished (if not, the rest is left for the next run).
pub async fn run_until(
    db: &Db,
    council: &Arc<Council>,
    rules: &SharedRules,
    now: i64,
    stop_at: Option<Instant>,
) -> anyhow::Result<(Swept, bool)> {
    reload_calendars(db, rules).await?;
    let rules = rules.get();
    let mut total = Swept::default();
    let finished = loop {
        let swept = fire_due(db, &rules, now, BATCH).await?;
        total.warned += swept.warned;
        total.breached += swept.breached;
        if swept.warned + swept.breached < BATCH as usize {
            break true;
        }
        if stop_at.is_some_and(|at| Instant::now() > at) {
            break false;
        }
    };
    if total != Swept::default() {
        tracing::info!(warned = total.warned, breached = total.breached, finished, "clock sweep");
    }
    if !finished {
        return Ok((total, false));
    }
    // Rows that only mattered for a while: counts of tries, ended sessions, spent
    // sign-in challenges, idempotency keys past their day.
    let forgotten = crate::throttle::db::sweep(db.writer(), now).await?
        + crate::sessions::db::sweep(db, now).await?
        + crate::api::idempotency::sweep(db.writer(), now).await?;
    if forgotten > 0 {
        tracing::debug!(rows = forgotten, "forgot expired counts, sessions and keys");
    }
    // Appointments on the next working day are reminded once, on the working day before.
    let mut tx = db.begin().await?;
    let reminded = crate::appointments::remind(&mut tx, council, &rules, now).await?;
    tx.commit().await?;
    if reminded > 0 {
        tracing::info!(appointments = reminded, "reminders written");
    }
    let abandoned = attachments::db::delete_abandoned(db.writer(), now).await?;
    if abandoned > 0 {
        tracing::info!(files = abandoned, "deleted files from forms never sent");
    }
    Ok((total, true))
}

/// Rebuilds the calendars from the database, so an import or a new closure day takes
/// effect without a restart. A few hundred rows: cheap at any size of council.
pub async fn reload_calendars(db: &Db, rules: &SharedRules) -> anyhow::Result<()> {
    let settings = rules.get().policy.calendar.clone();
    rules.replace_calendars(calendar::db::load(db, &settings).await?);
    Ok(())
}
