//! Cases: one thing a customer needs from the council, its type, status and events.
//!
//! This module owns the rules (the status state machine, the vocabulary of channels,
//! types and priorities). Queries live in `db.rs`. Nothing here knows about HTTP.

pub mod db;

pub use db::queue;

pub use crate::reference::{CaseRef, Prefix, RefError};

use crate::db::vocabulary::{numbered, vocabulary};

vocabulary! {
    /// How the contact reached the council.
    Channel {
        Web = "web", "Online form";
        Email = "email", "Email";
        Phone = "phone", "Phone";
        Letter = "letter", "Letter";
        Visit = "visit", "Visit";
        Social = "social", "Social media";
        Api = "api", "Partner system";
    }
}

vocabulary! {
    /// What kind of case it is. Each type has its own standards.
    CaseType {
        Enquiry = "enquiry", "Enquiry";
        ServiceRequest = "service_request", "Service request";
        Complaint = "complaint", "Complaint";
        Compliment = "compliment", "Compliment";
        Foi = "foi", "Freedom of Information request";
        Eir = "eir", "Environmental Information request";
        SubjectAccess = "subject_access", "Subject access request";
        // The other rights over personal data (UK GDPR Articles 16 to 18): the same
        // one-month clock as subject access.
        Erasure = "erasure", "Request to delete personal data";
        Rectification = "rectification", "Request to correct personal data";
        Restriction = "restriction", "Request to restrict use of personal data";
        Callback = "callback", "Callback request";
        // An enquiry a councillor makes for a resident (a "members' enquiry").
        CouncillorEnquiry = "councillor_enquiry", "Councillor's enquiry";
    }
}

vocabulary! {
    /// The public status, in the words a resident sees.
    Status {
        Received = "received", "Received";
        Acknowledged = "acknowledged", "Acknowledged";
        InProgress = "in_progress", "In progress";
        WaitingForCustomer = "waiting_for_customer", "Waiting for you";
        Resolved = "resolved", "Resolved";
        Closed = "closed", "Closed";
        Reopened = "reopened", "Reopened";
    }
}

numbered!(Status {
    Received = 1,
    Acknowledged = 2,
    InProgress = 3,
    WaitingForCustomer = 4,
    Resolved = 5,
    Closed = 6,
    Reopened = 7,
});

vocabulary! {
    Priority {
        Low = "low", "Low";
        Normal = "normal", "Normal";
        High = "high", "High";
        Urgent = "urgent", "Urgent";
    }
}

vocabulary! {
    /// What an event records.
    EventKind {
        Created = "created", "Case created";
        StatusChanged = "status_changed", "Status changed";
        Assigned = "assigned", "Assigned";
        Note = "note", "Internal note";
        Message = "message", "Message";
        // A moment a standard can start or stop on (a call answered, a visitor seen),
        // named in the body. See `clocks::milestones`.
        Milestone = "milestone", "Recorded";
        ClockStarted = "clock_started", "Clock started";
        ClockExtended = "clock_extended", "Deadline extended";
        ClockWarned = "clock_warned", "Deadline close";
        ClockBreached = "clock_breached", "Deadline missed";
        Escalated = "escalated", "Escalated";
        CustomerMerged = "customer_merged", "Customer records merged";
        Reclassified = "reclassified", "Type changed";
        // A message to the customer that goes by post: it becomes a reply (the
        // `responded` milestone) only when the letter is printed.
        Letter = "letter", "Letter to the customer";
        // Passed from one team to another, with the reason (a hand-off).
        PassedOn = "passed_on", "Passed to another team";
    }
}

// SQL that picks events by kind writes the number itself (so SQLite can use a partial
// index): 2 is a status change, 5 a message, 11 an escalation.
numbered!(EventKind {
    Created = 1,
    StatusChanged = 2,
    Assigned = 3,
    Note = 4,
    Message = 5,
    Milestone = 6,
    ClockStarted = 7,
    ClockExtended = 8,
    ClockWarned = 9,
    ClockBreached = 10,
    Escalated = 11,
    CustomerMerged = 12,
    Reclassified = 13,
    Letter = 14,
    PassedOn = 15,
});

vocabulary! {
    /// Who caused an event.
    ActorKind {
        System = "system", "The council's system";
        Customer = "customer", "The customer";
        Staff = "staff", "Council staff";
        Partner = "partner", "Partner organisation";
    }
}

// 2 is the customer, 3 a member of staff.
numbered!(ActorKind {
    System = 1,
    Customer = 2,
    Staff = 3,
    Partner = 4,
});

impl CaseType {
    /// Whether a law or the Complaint Handling Code sets its timescale: reported apart
    /// from the council's own promises.
    pub fn is_statutory(self) -> bool {
        use CaseType::{Complaint, Eir, Erasure, Foi, Rectification, Restriction, SubjectAccess};
        matches!(self, Complaint | Foi | Eir | SubjectAccess | Erasure | Rectification | Restriction)
    }
}

/// A status change the state machine does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{case_type} cases cannot go from {from} to {to}", case_type = .case_type.label(), from = .from.label().to_lowercase(), to = .to.label().to_lowercase())]
pub struct IllegalTransition {
    pub case_type: CaseType,
    pub from: Status,
    pub to: Status,
}

impl Status {
    /// Whether the case still needs the council to act.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed)
    }

    /// The state machine. A case never moves to the status it already has, never back
    /// to "received", and only reopens once resolved or closed. Compliments are passed
    /// on and closed: they never wait for the customer and never reopen.
    pub fn transition(self, case_type: CaseType, to: Status) -> Result<Status, IllegalTransition> {
        use Status::{Acknowledged, Closed, InProgress, Received, Reopened, Resolved, WaitingForCustomer};
        let allowed = match (self, to) {
            (from, to) if from == to => false,
            (_, Received) => false,
            (Received, _) if to != Reopened => true,
            (Acknowledged | InProgress | WaitingForCustomer | Reopened, Acknowledged) => false,
            (Acknowledged | InProgress | WaitingForCustomer | Reopened, Reopened) => false,
            (Acknowledged | InProgress | WaitingForCustomer | Reopened, _) => true,
            (Resolved, Closed | Reopened) => true,
            (Closed, Reopened) => true,
            _ => false,
        };
        let compliment_forbids = case_type == CaseType::Compliment && matches!(to, WaitingForCustomer | Reopened);
        if allowed && !compliment_forbids { Ok(to) } else { Err(IllegalTransition { case_type, from: self, to }) }
    }
}

/// When a case last stopped being open (resolved, or closed without being resolved),
/// from its events; `None` while it is open.
pub fn resolved_at(status: Status, events: &[Event]) -> Option<i64> {
    if status.is_open() {
        return None;
    }
    events
        .iter()
        .rev()
        .find(|e| e.to_status.is_some_and(|s| !s.is_open()) && e.from_status.is_none_or(Status::is_open))
        .map(|e| e.at)
}

/// The current state of a case, as stored in its row.
#[derive(Debug, Clone)]
pub struct Case {
    pub id: i64,
    pub case_type: CaseType,
    pub channel: Channel,
    pub service_id: i64,
    pub customer_id: Option<i64>,
    pub status: Status,
    pub priority: Priority,
    pub description: String,
    pub location: Location,
    pub team_id: i64,
    pub officer_id: Option<i64>,
    pub partner_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The language the customer wrote in (`language::ENGLISH` for cases from before it was kept).
    pub language: crate::language::Language,
}

/// Where a case is about. Every part is optional: an enquiry may have no place.
// The API shows it as a case's `place`, under the schema name it has always had.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, utoipa::ToSchema)]
#[schema(as = Place)]
pub struct Location {
    pub address: Option<String>,
    pub postcode: Option<String>,
    /// The property's Unique Property Reference Number.
    pub uprn: Option<i64>,
    pub ward: Option<String>,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
}

/// Who did something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub kind: ActorKind,
    pub id: Option<i64>,
}

impl Actor {
    pub const SYSTEM: Actor = Actor { kind: ActorKind::System, id: None };

    pub fn customer(id: Option<i64>) -> Self {
        Self { kind: ActorKind::Customer, id }
    }

    pub fn staff(id: i64) -> Self {
        Self { kind: ActorKind::Staff, id: Some(id) }
    }
}

/// One entry in a case's append-only timeline.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: i64,
    pub case_id: i64,
    pub at: i64,
    pub actor: Actor,
    pub kind: EventKind,
    pub public: bool,
    pub body: Option<String>,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
}

#[cfg(test)]
mod tests {
    use super::Status::*;
    use super::*;

    #[test]
    fn a_new_case_can_be_acknowledged_worked_resolved_and_closed() {
        let t = CaseType::ServiceRequest;
        let s = Received.transition(t, Acknowledged).and_then(|s| s.transition(t, InProgress));
        let s = s.and_then(|s| s.transition(t, Resolved)).and_then(|s| s.transition(t, Closed));
        assert_eq!(s, Ok(Closed));
    }

    #[test]
    fn a_closed_case_can_only_be_reopened() {
        for &to in Status::ALL {
            let result = Closed.transition(CaseType::Enquiry, to);
            assert_eq!(result.is_ok(), to == Reopened, "closed -> {to}");
        }
    }

    #[test]
    fn nothing_goes_back_to_received_or_stays_where_it_is() {
        for &from in Status::ALL {
            assert!(from.transition(CaseType::Enquiry, Received).is_err());
            assert!(from.transition(CaseType::Enquiry, from).is_err());
        }
    }

    #[test]
    fn an_open_case_cannot_be_reopened_or_acknowledged_twice() {
        assert!(InProgress.transition(CaseType::Enquiry, Reopened).is_err());
        assert!(InProgress.transition(CaseType::Enquiry, Acknowledged).is_err());
        assert!(Reopened.transition(CaseType::Enquiry, InProgress).is_ok());
    }

    #[test]
    fn a_compliment_never_waits_for_the_customer_or_reopens() {
        assert!(Received.transition(CaseType::Compliment, WaitingForCustomer).is_err());
        assert!(Closed.transition(CaseType::Compliment, Reopened).is_err());
        assert!(Received.transition(CaseType::Compliment, Closed).is_ok());
    }

    #[test]
    fn an_illegal_transition_says_what_was_tried_in_plain_words() {
        let err = Closed.transition(CaseType::Complaint, InProgress).unwrap_err();
        assert_eq!(err.to_string(), "Complaint cases cannot go from closed to in progress");
    }

    #[test]
    fn every_code_parses_back_to_itself() {
        for &s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        for &c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
        }
        for &t in CaseType::ALL {
            assert_eq!(CaseType::parse(t.as_str()), Some(t));
        }
    }
}
