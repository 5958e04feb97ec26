//! The clock sweep: picks up calendar changes, then fires the warnings and breaches
//! falling due, deletes files from forms never sent (after an hour), and forgets what
//! only mattered for a while: counts of tries, ended staff sessions, spent sign-in
//! challenges and idempotency keys past their day. Its cost follows the number of clocks falling due, not the number open.

use std::sync::Arc;

use crate::casework::clocks::{Swept, fire_due};
use crate::config::Council;
use crate::db::Db;
use crate::standards::SharedRules;
use crate::{attachments, calendar};

const BATCH: i64 = 500;

pub async fn run(db: &Db, council: &Arc<Council>, rules: &SharedRules, now: i64) -> anyhow::Result<Swept> {
    reload_calendars(db, rules).await?;
    let rules = rules.get();
    let mut total = Swept::default();
    loop {
        let swept = fire_due(db, &rules, now, BATCH).await?;
        total.warned += swept.warned;
        total.breached += swept.breached;
        if swept.warned + swept.breached < BATCH as usize {
            break;
        }
    }
    if total != Swept::default() {
        tracing::info!(warned = total.warned, breached = total.breached, "clock sweep");
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
    Ok(total)
}

/// Rebuilds the calendars from the database, so an import or a new closure day takes
/// effect without a restart. A few hundred rows: cheap at any size of council.
pub async fn reload_calendars(db: &Db, rules: &SharedRules) -> anyhow::Result<()> {
    let settings = rules.get().policy.calendar.clone();
    rules.replace_calendars(calendar::db::load(db, &settings).await?);
    Ok(())
}
