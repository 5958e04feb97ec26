//! Contacts: each interaction (a web submission, an email, a call, a letter, a visit),
//! linked to its case and customer.

pub mod db;

use crate::db::vocabulary::vocabulary;

vocabulary! {
    Direction {
        Inbound = "in", "From the customer";
        Outbound = "out", "To the customer";
    }
}
