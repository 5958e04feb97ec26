//! Contacts: each interaction (a web submission, an email, a call, a letter, a visit),
//! linked to its case and customer.

pub mod db;

use crate::cases::Status;
use crate::db::vocabulary::vocabulary;

vocabulary! {
    Direction {
        Inbound = "in", "From the customer";
        Outbound = "out", "To the customer";
    }
}

vocabulary! {
    /// What a contact from a customer was, by the failure-demand method: value demand
    /// (what the service is for) or failure demand, caused by not doing something or not
    /// doing it right for the customer, of a kind.
    Demand {
        Value = "value", "Value demand";
        ProgressChasing = "progress_chasing", "Chasing progress";
        NotDone = "not_done", "Not done, or not done right";
        Clarification = "clarification", "Needed something explained";
        Misdirected = "misdirected", "Sent to the wrong place";
        Repeat = "repeat", "Repeat contact";
    }
}

impl Demand {
    /// The kinds of failure demand, in the order reports list them.
    pub const FAILURE: [Demand; 5] =
        [Demand::ProgressChasing, Demand::NotDone, Demand::Clarification, Demand::Misdirected, Demand::Repeat];

    pub fn is_failure(self) -> bool {
        self != Demand::Value
    }

    /// What a contact on a case already open is, found from the case's status: while we
    /// wait for the customer it is the answer we asked for (value); after we said it was
    /// done, it was not done, or not done right; otherwise they are chasing progress. A
    /// contact with no case is value demand until an adviser says otherwise.
    pub fn found_on(status: Option<Status>) -> Demand {
        match status {
            None | Some(Status::WaitingForCustomer) => Demand::Value,
            Some(Status::Resolved | Status::Closed) => Demand::NotDone,
            Some(Status::Received | Status::Acknowledged | Status::InProgress | Status::Reopened) => {
                Demand::ProgressChasing
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_on_an_open_case_is_chasing_unless_we_asked_for_it() {
        assert_eq!(Demand::found_on(Some(Status::InProgress)), Demand::ProgressChasing);
        assert_eq!(Demand::found_on(Some(Status::Acknowledged)), Demand::ProgressChasing);
        assert_eq!(Demand::found_on(Some(Status::WaitingForCustomer)), Demand::Value);
        assert_eq!(Demand::found_on(Some(Status::Resolved)), Demand::NotDone);
        assert_eq!(Demand::found_on(None), Demand::Value);
        assert!(Demand::FAILURE.iter().all(|d| d.is_failure()) && !Demand::Value.is_failure());
    }
}
