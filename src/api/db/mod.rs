//! The API's queries: keys, idempotency keys, and the read models of cases, customers,
//! events and Open311 requests that the JSON API, Open311 and webhooks show.

pub mod cases;
pub mod feed;
pub mod idempotency;
pub mod keys;
pub mod open311;
