//! The staff workspace. Every page takes [`SignedIn`](crate::web::auth::SignedIn), checks
//! the role's [`Action`](crate::org::Action), and every form carries the session's CSRF
//! token.

pub mod account;
pub mod admin;
pub mod api_keys;
pub mod appointments;
pub mod audit;
pub mod callbacks;
pub mod case;
pub mod councillor;
pub mod customer;
pub mod find;
pub mod home;
pub mod insight;
mod insight_tables;
pub mod log;
pub mod mail;
pub mod needs;
pub mod notices_admin;
pub mod phones;
pub mod post;
pub mod queue;
pub mod reception;
pub mod reports;
pub mod search;
pub mod services_admin;
pub mod sign_in;
pub mod standards;
pub mod translations;
pub mod users;
pub mod visits;
pub mod webhooks;

use jiff::Timestamp;

use crate::web::AppState;

/// "Tuesday 3 March 2026, 14:05" in the council's time zone.
pub fn when(state: &AppState, at: i64) -> String {
    let at = Timestamp::from_millisecond(at).unwrap_or(Timestamp::UNIX_EPOCH);
    let zoned = at.to_zoned(state.rules.get().calendars.council.time_zone().clone());
    zoned.strftime("%A %-d %B %Y, %H:%M").to_string()
}
