//! Counting attempts that must be limited: wrong passwords, wrong answers on a case's
//! page, unknown references, files kept for forms not yet sent.
//!
//! One row a key in `throttles`, its key a keyed hash, so no email address or client
//! address is ever stored. A count is taken by one statement that inserts and counts at
//! once (`db::hit`), so attempts made at the same moment cannot all see the same count:
//! at most the limit get through, whatever the concurrency. Rows expire with their
//! window and the job runner's sweep deletes them.

pub mod db;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Makes the stored keys: HMAC-SHA256 of what is counted, under the installation's
/// `throttles` key (migration 0026). Without the key a guess at an address cannot be
/// checked against the table.
#[derive(Clone)]
pub struct Keyer {
    mac: Hmac<Sha256>,
}

impl std::fmt::Debug for Keyer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keyer(secret)")
    }
}

impl Keyer {
    /// Under the installation's key, as read when the database was migrated.
    pub fn of(db: &crate::db::Db) -> Self {
        Keyer::new(db.site_key("throttles").unwrap_or_default())
    }

    /// From the installation's key (any length; an empty one still works, but is only
    /// for tests of databases made before the key).
    pub fn new(secret: &str) -> Self {
        Keyer { mac: Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length") }
    }

    /// The stored key for `value` counted as `kind` (`"sign-in"`, `"client"`, ...):
    /// the kind in clear, so an operator can see what is limited, then 128 bits of hash.
    pub fn key(&self, kind: &str, value: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(kind.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        let hash = mac.finalize().into_bytes();
        let hex: String = hash[..16].iter().map(|b| format!("{b:02x}")).collect();
        format!("{kind}:{hex}")
    }
}

/// A count within its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub hits: i64,
    /// When the window ends (ms); 0 for a key never counted.
    pub expires_at: i64,
}

impl Count {
    /// Whole seconds until the window ends, at least one: for `Retry-After`.
    pub fn retry_after(&self, now: i64) -> u64 {
        u64::try_from((self.expires_at - now).max(1_000).div_euclid(1_000) + 1).unwrap_or(1)
    }
}
