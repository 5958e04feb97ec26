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
}

impl AppState {
    /// The state for a migrated `db`: the council's references are derived under the
    /// installation's key from here on (`reference.rs`).
    pub fn new(db: Db, council: Arc<Council>, rules: SharedRules, transport: Arc<Transport>) -> Self {
        let limiter = Arc::new(crate::api::limit::Limiter::new(council.api.rate_per_minute));
        let form_posts = Arc::new(crate::web::limits::FormPosts::new(council.limits.form_posts_per_minute));
        if db.site_key("references").is_none() {
            // Only a database migrated in this process has its keys read (`Db::migrate`).
            tracing::warn!("the installation's keys were not read: references are not keyed");
        }
        let council = Arc::new(Council { prefix: council.prefix.keyed_for(&db), ..(*council).clone() });
        AppState { db, council, rules, transport, limiter, form_posts }
    }
}
