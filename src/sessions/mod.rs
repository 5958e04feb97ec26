//! Staff sign-in: passwords, server-side sessions, throttling and CSRF tokens.
//!
//! Sessions live in the database, so signing out revokes them at once and several
//! `frontdoor serve` processes share them. The cookie holds a random token; the table
//! holds only its SHA-256. Each session has its own synchroniser token that every staff
//! form carries. Nothing here knows about HTTP or cookies: that is `web::auth`.

pub mod db;
pub mod totp;

use crate::crypto::tokens_match;
use crate::org::Role;

/// A session ends this long after sign-in, whatever happens...
pub const LIFETIME_MS: i64 = 12 * 3_600_000;
/// ...or after this long without a request.
pub const IDLE_MS: i64 = 2 * 3_600_000;
/// After this many wrong passwords for one address...
pub const MAX_FAILURES: i64 = 5;
/// ...within this window, sign-in for that address waits until the window has passed.
pub const FAILURE_WINDOW_MS: i64 = 15 * 60_000;
/// Wrong passwords from one client address, for any accounts, within the same window.
/// High enough for a council office behind one address on a bad morning.
pub const MAX_CLIENT_FAILURES: i64 = 50;

/// Who is signed in.
#[derive(Debug, Clone)]
pub struct Staff {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub team_id: Option<i64>,
    pub partner_id: Option<i64>,
    /// A councillor's ward (its ONS code).
    pub ward: Option<String>,
}

impl Staff {
    /// Whether this person may see a case of this team and partner. A partner sees only
    /// what was routed to their organisation; a caseworker only their team's work; the
    /// other roles that may open cases see every one. Pages answer 404 otherwise, so a
    /// guessed reference gives nothing away.
    pub fn sees_case(&self, team_id: i64, partner_id: Option<i64>) -> bool {
        match self.role {
            Role::Partner => self.partner_id.is_some() && self.partner_id == partner_id,
            Role::Caseworker => self.team_id == Some(team_id),
            role => role.may(crate::org::Action::ViewCase),
        }
    }
}

/// A live session.
#[derive(Debug, Clone)]
pub struct Session {
    pub staff: Staff,
    pub token_hash: String,
    pub csrf_token: String,
}

impl Session {
    /// Whether a form's token is this session's, compared in constant time.
    pub fn csrf_matches(&self, given: &str) -> bool {
        tokens_match(&self.csrf_token, given)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("the email address or password is wrong")]
    Wrong,
    #[error("too many wrong passwords for this address; wait 15 minutes")]
    Throttled,
    #[error("enter an email address of 254 characters or fewer, like name@council.gov.uk")]
    NotAnEmail,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(role: Role, team_id: Option<i64>, partner_id: Option<i64>) -> Staff {
        Staff { id: 1, name: "A".into(), email: "a@x.example".into(), role, team_id, partner_id, ward: None }
    }

    #[test]
    fn partners_see_only_their_cases_and_caseworkers_only_their_teams() {
        let partner = staff(Role::Partner, None, Some(7));
        assert!(partner.sees_case(1, Some(7)));
        assert!(!partner.sees_case(1, Some(8)));
        assert!(!partner.sees_case(1, None));
        assert!(!staff(Role::Partner, None, None).sees_case(1, None));
        let caseworker = staff(Role::Caseworker, Some(3), None);
        assert!(caseworker.sees_case(3, Some(7)));
        assert!(!caseworker.sees_case(4, None));
        assert!(staff(Role::Adviser, None, None).sees_case(4, Some(7)));
        assert!(staff(Role::TeamLead, Some(3), None).sees_case(4, None));
        assert!(!staff(Role::Insight, None, None).sees_case(4, None));
        assert!(!staff(Role::Auditor, None, None).sees_case(4, None));
    }
}
