//! Customers: one record per person or business, found again by email or phone.
//!
//! Matching here is deliberately cautious: an exact email (case-insensitive) or an
//! exact phone number. Suggesting likely duplicates and merging come later.

pub mod db;

/// What a customer told us about themselves, already validated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerDetails {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
}
