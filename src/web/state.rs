//! What every request handler shares: the database, the council, the standards in force,
//! where mail goes, and the per-process limits. Built once by `cli`; cheap to clone.

use std::sync::Arc;

use crate::config::Council;
use crate::db::Db;
use crate::outbox::Transport;
use crate::standards::SharedRules;

/// Shared by every request. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
    pub council: Arc<Council>,
    pub rules: SharedRules,
    /// Where the outbox delivers mail.
    pub transport: Arc<Transport>,
    /// The JSON API's rate limit, per key, in this process.
    pub limiter: Arc<crate::api::limit::Limiter>,
    /// Anonymous form posts, per client address, in this process.
    pub form_posts: Arc<crate::web::limits::FormPosts>,
    /// Each phone line's expected wait, as last worked out, for a moment.
    pub waits: Arc<Waits>,
}

/// Each phone line's expected wait, kept for [`Waits::KEEP_MS`]: a telephone system asks
/// for every caller, and the answer moves only as calls are imported, so most asks are
/// answered from memory and the rest by one short index read a queue.
#[derive(Debug, Default)]
pub struct Waits {
    by_line: std::sync::Mutex<std::collections::HashMap<String, (i64, crate::calls::ExpectedWait)>>,
}

impl Waits {
    pub const KEEP_MS: i64 = 2_000;

    /// Forgets every wait: calls were just stored through this process.
    pub fn forget(&self) {
        if let Ok(mut m) = self.by_line.lock() {
            m.clear();
        }
    }

    /// The line's expected wait at `now`, from memory when worked out in the last
    /// [`Self::KEEP_MS`].
    pub async fn get(
        &self,
        pool: &sqlx::AnyPool,
        line: &crate::standards::contact::PhoneLine,
        now: i64,
    ) -> Result<crate::calls::ExpectedWait, sqlx::Error> {
        let id = line.id();
        let kept = self.by_line.lock().ok().and_then(|m| m.get(&id).cloned());
        if let Some((at, wait)) = kept
            && now - at < Self::KEEP_MS
            && now >= at
        {
            return Ok(wait);
        }
        let wait = crate::calls::expected_wait(pool, line, now).await?;
        if let Ok(mut m) = self.by_line.lock() {
            m.insert(id, (now, wait.clone()));
        }
        Ok(wait)
    }
}

impl AppState {
    /// The state for a migrated `db`: the council's references are derived under the
    /// installation's key from here on (`reference.rs`), and links to cases are signed
    /// with its key, held in memory (`Council::keyed_for`).
    pub fn new(db: Db, council: Arc<Council>, rules: SharedRules, transport: Arc<Transport>) -> Self {
        let limiter = Arc::new(crate::api::limit::Limiter::new(council.api.rate_per_minute));
        let form_posts = Arc::new(crate::web::limits::FormPosts::new(council.limits.form_posts_per_minute));
        if db.site_key("references").is_none() {
            // Only a database migrated in this process has its keys read (`Db::migrate`).
            tracing::warn!("the installation's keys were not read: references are not keyed");
        }
        let council = Arc::new((*council).clone().keyed_for(&db));
        AppState { db, council, rules, transport, limiter, form_posts, waits: Arc::default() }
    }
}
