//! Customers: one record per person or business ("tell us once").
//!
//! A contact finds its customer by an exact email address, or by phone number when no
//! email was given, or by property (UPRN) when neither was (see [`db::find_or_create`]). Anything looser is only ever a
//! suggestion to staff ([`db::likely_duplicates`]), who can merge two records
//! ([`db::merge`]): the cases and contacts move to the record kept, and every moved case
//! gets an event saying so.

pub mod db;
pub mod needs;

/// What a customer told us about themselves, already validated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerDetails {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Their property's Unique Property Reference Number, when staff looked it up.
    pub uprn: Option<i64>,
    /// Where to post letters: the lines of the address, without the postcode.
    pub address: Option<String>,
    pub postcode: Option<String>,
    /// They asked for letters even though they gave an email address.
    pub prefers_post: bool,
    /// They asked for letters in large print (at least 16 pt).
    pub large_print: bool,
}

/// A customer record as staff see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub uprn: Option<i64>,
    /// They asked for letters even with an email address, and for large print.
    pub prefers_post: bool,
    pub large_print: bool,
    /// They asked to be phoned rather than emailed (an adjustment).
    pub prefers_phone: bool,
    /// Set once this record has been merged into another.
    pub merged_into: Option<i64>,
    /// When its personal data was removed (retention or erasure); the row stays, empty.
    pub erased_at: Option<i64>,
    pub created_at: i64,
}

/// Why two records may be the same customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Likeness {
    SameEmail,
    SamePhone,
    SameProperty,
    SameName,
}

impl Likeness {
    pub fn label(self) -> &'static str {
        match self {
            Likeness::SameEmail => "Same email address",
            Likeness::SamePhone => "Same phone number",
            Likeness::SameProperty => "Same property (UPRN)",
            Likeness::SameName => "Same name",
        }
    }
}

/// Another record that may be the same customer, with every reason found.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub customer: Customer,
    pub reasons: Vec<Likeness>,
}

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("a customer record cannot be merged with itself")]
    Same,
    #[error("there is no customer record {0}")]
    Missing(i64),
    #[error("customer record {0} was already merged into another")]
    AlreadyMerged(i64),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}
