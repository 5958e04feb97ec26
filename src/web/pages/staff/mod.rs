//! The staff workspace. Every page takes [`SignedIn`](crate::web::auth::SignedIn), checks
//! the role's [`Action`](crate::org::Action), and every form carries the session's CSRF
//! token.

pub mod home;
pub mod log;
pub mod mail;
pub mod sign_in;
