//! Keys for other systems. An administrator makes one for each system (a street-reporting
//! site, a contractor's job system), says what it may do, and is shown the key once: only
//! its SHA-256 is kept, so a stolen database gives no working key. A key is revoked, never
//! deleted, so the record of which system sent which case stays.

pub mod db;
pub mod limit;

pub use db::{cases, feed, idempotency};

use sqlx::{AnyConnection, AnyPool};

use crate::db::vocabulary::vocabulary;

vocabulary! {
    /// What a key may do.
    Scope {
        Read = "read", "Read cases and services";
        Write = "write", "Read, and send new cases and updates";
        Partner = "partner", "A partner's system: read and update that partner's cases only";
    }
}

crate::db::sql::row_struct! {
    /// A key as stored (never the key itself).
    #[derive(Debug, Clone)]
    pub struct ApiKey {
        pub id: i64,
        pub name: String,
        pub shown: String,
        pub scope: String,
        pub partner_id: Option<i64>,
        /// The administrator who made it, answerable for what it reads.
        pub created_by: i64,
        pub created_at: i64,
        pub last_used_at: Option<i64>,
        pub revoked_at: Option<i64>,
    }
}

impl ApiKey {
    pub fn scope(&self) -> Scope {
        Scope::parse(&self.scope).unwrap_or(Scope::Read)
    }

    /// Whether it may send new cases.
    pub fn may_create(&self) -> bool {
        self.scope() == Scope::Write
    }

    /// Whether it may add updates (to the cases it can see).
    pub fn may_update(&self) -> bool {
        matches!(self.scope(), Scope::Write | Scope::Partner)
    }

    /// Whether it reaches a case of this partner (or of none).
    pub fn sees(&self, partner_id: Option<i64>) -> bool {
        self.scope() != Scope::Partner || (self.partner_id.is_some() && self.partner_id == partner_id)
    }
}

fn hash(key: &str) -> String {
    crate::crypto::sha256_hex(key.trim().as_bytes())
}

/// The token a system is given for a case it sent, to look it up by (Open311's `token`).
pub fn request_token() -> String {
    crate::crypto::hex(&rand::random::<[u8; 16]>())
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{field}: {message}")]
    Field { field: &'static str, message: &'static str },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Makes a key; returns its id and the key, which is shown once and never again.
pub async fn create(
    conn: &mut AnyConnection,
    name: &str,
    scope: &str,
    partner_id: Option<i64>,
    staff_id: i64,
    now: i64,
) -> Result<(i64, String), KeyError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(KeyError::Field { field: "key-name", message: "Give the system's name, up to 100 characters" });
    }
    let Some(scope) = Scope::parse(scope) else {
        return Err(KeyError::Field { field: "scope", message: "Choose what the key may do" });
    };
    let partner_id = match (scope, partner_id) {
        (Scope::Partner, None) => {
            return Err(KeyError::Field { field: "partner", message: "Choose the partner whose cases it reaches" });
        }
        (Scope::Partner, p) => p,
        _ => None,
    };
    let key = format!("fd_{}", crate::crypto::hex(&rand::random::<[u8; 24]>()));
    let new = db::keys::NewKey { name, key_hash: &hash(&key), shown: &key[..9], scope, partner_id, staff_id };
    let id = db::keys::insert(conn, &new, now).await?;
    Ok((id, key))
}

/// The key a system sent, if it is one of ours and not revoked. Each use is noted (at
/// most once a minute, so reads do not become writes).
pub async fn verify(pool: &AnyPool, key: &str, now: i64) -> Result<Option<ApiKey>, sqlx::Error> {
    if key.trim().is_empty() {
        return Ok(None);
    }
    db::keys::by_hash(pool, &hash(key), now).await
}

pub use db::keys::{list, revoke};

#[cfg(test)]
mod tests {
    use super::*;

    fn key(scope: &str, partner: Option<i64>) -> ApiKey {
        ApiKey {
            id: 1,
            name: "x".into(),
            shown: "fd_".into(),
            scope: scope.into(),
            partner_id: partner,
            created_by: 1,
            created_at: 0,
            last_used_at: None,
            revoked_at: None,
        }
    }

    #[test]
    fn a_partner_key_reaches_only_its_partners_cases_and_a_read_key_changes_nothing() {
        assert!(key("partner", Some(2)).sees(Some(2)));
        assert!(!key("partner", Some(2)).sees(Some(3)));
        assert!(!key("partner", Some(2)).sees(None));
        assert!(key("read", None).sees(Some(3)));
        assert!(!key("read", None).may_create() && !key("read", None).may_update());
        assert!(key("write", None).may_create() && key("partner", Some(2)).may_update());
        assert!(!key("partner", Some(2)).may_create());
        assert_eq!(hash(" fd_abc "), hash("fd_abc"));
    }
}
