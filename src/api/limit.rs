//! Rate limits per key: a token bucket for each key, refilled continuously, as deep as
//! a minute's allowance so a system may burst and then keep to its rate.
//!
//! Decision: the buckets live in each server process, not the database. Counting in the
//! database would make every read a write. With several web nodes each counts on its
//! own, so the council-wide rate is the limit times the nodes: the limit stops a runaway
//! client, and is not a billing quota.

use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug)]
pub struct Limiter {
    per_minute: u32,
    buckets: Mutex<HashMap<i64, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: i64,
}

impl Limiter {
    /// `per_minute` requests a minute for each key; 0 is no limit.
    pub fn new(per_minute: u32) -> Self {
        Limiter { per_minute, buckets: Mutex::new(HashMap::new()) }
    }

    pub fn per_minute(&self) -> u32 {
        self.per_minute
    }

    /// Takes one request from the key's bucket at `now` (ms): `Ok` with the requests
    /// left, or `Err` with the seconds until one is allowed.
    pub fn take(&self, key_id: i64, now: i64) -> Result<u32, u64> {
        if self.per_minute == 0 {
            return Ok(u32::MAX);
        }
        let depth = f64::from(self.per_minute);
        let per_ms = depth / 60_000.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let bucket = buckets.entry(key_id).or_insert(Bucket { tokens: depth, at: now });
        let elapsed = (now - bucket.at).max(0) as f64;
        bucket.tokens = (bucket.tokens + elapsed * per_ms).min(depth);
        bucket.at = now.max(bucket.at);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(bucket.tokens as u32)
        } else {
            Err(((1.0 - bucket.tokens) / per_ms / 1000.0).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_bursts_to_a_minutes_allowance_then_keeps_to_its_rate() {
        let limiter = Limiter::new(60);
        for left in (0..60).rev() {
            assert_eq!(limiter.take(1, 0), Ok(left));
        }
        assert_eq!(limiter.take(1, 0), Err(1), "the 61st in the same instant waits a second");
        assert!(limiter.take(2, 0).is_ok(), "another key has its own bucket");
        assert_eq!(limiter.take(1, 500), Err(1));
        assert_eq!(limiter.take(1, 1_000), Ok(0), "one a second comes back");
        assert_eq!(limiter.take(1, 1_000), Err(1));
        assert_eq!(limiter.take(1, 3_600_000), Ok(59), "never more than a minute's worth");
        assert!(Limiter::new(0).take(1, 0).is_ok());
    }
}
