//! Closed vocabularies (statuses, channels, roles...): the macros that declare them with
//! their codes, labels and stored numbers, and the decoders that read them back from a
//! row strictly. Foundation, so every module can declare one without importing cases.

use sqlx::Row;
use sqlx::any::AnyRow;

/// Declares a closed vocabulary stored as text, with its plain-English label.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code stored in the database and used in APIs.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Plain English, for people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn parse(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        $crate::db::vocabulary::serde_as_code!($name);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use vocabulary;

/// Serialises a closed vocabulary as its code, and reads it back strictly.
macro_rules! serde_as_code {
    ($name:ident) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let code = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&code).ok_or_else(|| serde::de::Error::custom(format!("unknown code {code:?}")))
            }
        }
    };
}
pub(crate) use serde_as_code;

/// Gives a vocabulary a small number for each code, for columns with a row for every
/// event: a number is a byte on disk where its text code is 5 to 20. The numbers are
/// stored, so one is never changed or reused; the `vocabulary` table in the database holds
/// each with its code, for anyone reading the tables, and a test holds the two to agree.
macro_rules! numbered {
    ($name:ident { $($variant:ident = $number:literal,)+ }) => {
        impl $name {
            /// The number stored for this code.
            pub fn number(self) -> i64 {
                match self { $($name::$variant => $number),+ }
            }

            pub fn from_number(number: i64) -> Option<Self> {
                match number { $($number => Some($name::$variant),)+ _ => None }
            }
        }
    };
}
pub(crate) use numbered;

/// Reads a text column holding one of our codes.
pub(crate) fn code<T>(row: &AnyRow, col: &str, parse: fn(&str) -> Option<T>) -> Result<T, sqlx::Error> {
    let text: String = row.try_get(col)?;
    parse(&text).ok_or_else(|| bad_code(col, &text))
}

/// A vocabulary stored as its number (`numbered!`), read back strictly.
pub(crate) fn by_number<T>(row: &AnyRow, col: &str, from_number: fn(i64) -> Option<T>) -> Result<T, sqlx::Error> {
    let number: i64 = row.try_get(col)?;
    from_number(number).ok_or_else(|| bad_code(col, &number.to_string()))
}

pub(crate) fn bad_code(col: &str, text: &str) -> sqlx::Error {
    sqlx::Error::ColumnDecode { index: col.to_owned(), source: format!("unknown code {text:?}").into() }
}
