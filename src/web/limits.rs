//! How fast one client address may post forms to the public site, with `governor`'s
//! keyed rate limiter (GCRA): a burst of the minute's allowance, then that rate.
//!
//! Decision: counted in each server process, like the API's limits (`api::limit`). It
//! stops a script flooding one node; the database-backed caps on pending files and the
//! per-case and per-address throttles hold across nodes.

use std::num::NonZeroU32;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::web::AppState;
use crate::web::client::Client;
use crate::web::error::AppError;

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

/// Whether a request is an anonymous form post: any POST to the public pages, and the
/// staff sign-in forms (the staff workspace's other forms need a session).
fn is_anonymous_post(request: &Request) -> bool {
    if request.method() != Method::POST {
        return false;
    }
    let path = request.uri().path();
    if path.starts_with("/api/") || path.starts_with("/open311/") {
        return false; // Keys and their own limits.
    }
    !path.starts_with("/staff") || path.starts_with("/staff/sign-in")
}

/// Refuses an anonymous post over its address's limit with 429 and `Retry-After`.
pub async fn form_posts(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if is_anonymous_post(&request) {
        let client = Client::of_request(&request, state.council.limits.client_ip_header.as_deref());
        if let Err(seconds) = state.form_posts.take(&client) {
            return AppError::TooMany(seconds).into_response();
        }
    }
    next.run(request).await
}
