//! Search across cases, customers and messages: by reference, email address, phone number,
//! postcode or words. Exact things are looked up by their index; words go to the full-text
//! index (SQLite FTS5, or PostgreSQL's full-text search), one document per case.

pub mod db;

use crate::cases::{CaseRef, Prefix};
use crate::forms::{is_email, normalise_postcode};

/// What a search box's text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    Reference(CaseRef),
    Email(String),
    /// Digits only, as phone numbers are stored.
    Phone(String),
    Postcode(String),
    Words(Vec<String>),
    Nothing,
}

/// Reads what was typed: a reference, an email address, a phone number, a postcode, or
/// words (letters and digits, at most 10 of them).
pub fn read(prefix: &Prefix, typed: &str) -> Query {
    let typed = typed.trim();
    if typed.is_empty() {
        return Query::Nothing;
    }
    if let Ok(reference) = CaseRef::parse(prefix, typed) {
        return Query::Reference(reference);
    }
    let lower = typed.to_lowercase();
    if is_email(&lower) {
        return Query::Email(lower);
    }
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    let phone_like = typed.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if phone_like && digits.len() >= 10 {
        // Stored as typed digits, with a leading + kept for international numbers.
        let phone = if typed.starts_with('+') { format!("+{digits}") } else { digits };
        return Query::Phone(phone);
    }
    if let Some(postcode) = normalise_postcode(typed) {
        return Query::Postcode(postcode);
    }
    // Split after lowercasing: some letters lowercase to a letter and a combining mark
    // (`İ` to `i` and U+0307), which is not a letter and would reach the index's query.
    let words: Vec<String> =
        lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(10).map(str::to_owned).collect();
    if words.is_empty() { Query::Nothing } else { Query::Words(words) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn prefix() -> Prefix {
        Prefix::parse("KMB").expect("prefix")
    }

    #[test]
    fn each_kind_of_search_is_told_apart() {
        let reference = CaseRef::from_id(&prefix(), 1234);
        assert_eq!(read(&prefix(), &reference.to_string().to_lowercase()), Query::Reference(reference));
        assert_eq!(read(&prefix(), " Jo.Resident@Example.com "), Query::Email("jo.resident@example.com".into()));
        assert_eq!(read(&prefix(), "07700 900123"), Query::Phone("07700900123".into()));
        assert_eq!(read(&prefix(), "km1 2ab"), Query::Postcode("KM1 2AB".into()));
        assert_eq!(
            read(&prefix(), "green bin, Mill Lane"),
            Query::Words(vec!["green".into(), "bin".into(), "mill".into(), "lane".into()])
        );
        assert_eq!(read(&prefix(), " \"*)( "), Query::Nothing);
    }

    proptest! {
        #[test]
        fn words_are_only_letters_and_digits(typed in any::<String>()) {
            if let Query::Words(words) = read(&prefix(), &typed) {
                prop_assert!(words.len() <= 10);
                for word in words {
                    prop_assert!(!word.is_empty() && word.chars().all(char::is_alphanumeric));
                }
            }
        }
    }
}
