//! How fast one client address may post forms to the public site, with `governor`'s
//! keyed rate limiter (GCRA): a burst of the minute's allowance, then that rate.
//!
//! Decision: counted in each server process, like the API's limits (`api::limit`). It
//! stops a script flooding one node; the database-backed caps on pending files and the
//! per-case and per-address throttles hold across nodes.

use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::web::client::Client;

/// Past this many addresses remembered, the ones back at a full allowance are forgotten.
const REMEMBERED: usize = 10_000;

/// The limit on anonymous form posts, per client address.
#[derive(Debug)]
pub struct FormPosts {
    limiter: Option<DefaultKeyedRateLimiter<String>>,
}

impl FormPosts {
    /// `per_minute` posts a minute for each address; 0 is no limit.
    pub fn new(per_minute: u32) -> Self {
        FormPosts { limiter: NonZeroU32::new(per_minute).map(|n| RateLimiter::keyed(Quota::per_minute(n))) }
    }

    /// `Ok`, or `Err` with the whole seconds until the address may post again.
    pub fn take(&self, client: &Client) -> Result<(), u64> {
        let Some(limiter) = &self.limiter else { return Ok(()) };
        if limiter.len() > REMEMBERED {
            limiter.retain_recent();
        }
        limiter
            .check_key(&client.0)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()).as_secs().saturating_add(1))
    }
}
