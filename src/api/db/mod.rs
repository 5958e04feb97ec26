//! The API's read models that are only queries.

pub mod open311;
