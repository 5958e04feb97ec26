//! The council's organisation: teams, partner organisations and staff users.

pub mod db;

use crate::cases::vocabulary;

vocabulary! {
    /// What a member of staff may do. Enforcement arrives with the staff workspace.
    Role {
        Adviser = "adviser", "Contact centre adviser";
        Caseworker = "caseworker", "Caseworker";
        TeamLead = "team_lead", "Team lead";
        Partner = "partner", "Partner organisation user";
        Insight = "insight", "Performance and insight officer";
        Auditor = "auditor", "Auditor";
        Admin = "admin", "Administrator";
    }
}
