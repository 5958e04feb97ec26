//! The council's organisation: teams, partner organisations and staff users, and what
//! each role may do.

pub mod db;

use crate::db::vocabulary::vocabulary;

vocabulary! {
    /// What a member of staff may do: see [`Role::may`].
    Role {
        Adviser = "adviser", "Contact centre adviser";
        Caseworker = "caseworker", "Caseworker";
        TeamLead = "team_lead", "Team lead";
        Partner = "partner", "Partner organisation user";
        Insight = "insight", "Performance and insight officer";
        Auditor = "auditor", "Auditor";
        Admin = "admin", "Administrator";
        // Sees the cases of their own ward and the enquiries they made, and nothing else.
        Councillor = "councillor", "Councillor";
    }
}

/// Something a role may or may not do. Each page checks one before it shows or changes
/// anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Log a phone call, letter, visit or social media message on a resident's behalf.
    LogContact,
    /// Read the mail that could not be understood, ask for it to be read again, and see
    /// what the council has sent.
    HandleMail,
    /// Open a case: its page, its files. [`Staff::sees_case`](crate::sessions::Staff::sees_case)
    /// then decides which cases.
    ViewCase,
    /// See a customer's record with all their cases, and merge two records into one.
    ManageCustomers,
    /// Reply to the customer, add a note, change a case's status.
    WorkCase,
    /// Give a case to someone in its team (or partner), or to nobody.
    AssignCase,
    /// Give a deadline more time, with a reason the customer is told.
    ExtendDeadline,
    /// Add and change the reply templates.
    ManageTemplates,
    /// Read the access log: who looked at which case.
    ReadAccessLog,
    /// Assign or close many cases at once, with one reason.
    BulkAct,
    /// Add, disable and enable staff accounts.
    ManageUsers,
    /// Change services and their questions, and add teams and partner organisations.
    ManageServices,
    /// Treat a case as a complaint (or not), acknowledge stage 2, give a complaint's
    /// answer and keep its promises.
    HandleComplaint,
    /// Record or end an arrangement for contact judged unreasonably persistent.
    ManageArrangements,
    /// Read the annual complaints report and the information requests figures.
    ReadReports,
    /// Answer a Freedom of Information or environmental information request with its
    /// outcome, answer its review, and publish it in the disclosure log or take it down.
    HandleInformationRequest,
    /// Download everything held about the customer of a subject access request.
    ExportPersonalData,
    /// Make and revoke keys for other systems.
    ManageApiKeys,
    /// Print the day's letters (`/staff/post`), and reprint one with a reason.
    PrintPost,
    /// See and record a customer's needs and reasonable adjustments (health data).
    SeeNeeds,
    /// Put a legal hold on a case, or release one.
    HoldCase,
    /// Carry out an erasure request: anonymise the customer's closed cases now.
    ErasePersonalData,
    /// Make an enquiry for a resident, and follow the enquiries made and the cases of
    /// one's own ward (`/staff/councillor`).
    CouncillorEnquiries,
}

impl Role {
    pub fn may(self, action: Action) -> bool {
        use Role::{Admin, Adviser, Auditor, Caseworker, Councillor, Insight, Partner, TeamLead};
        match action {
            // The contact centre takes calls for every service; service teams take calls
            // about their own cases. Partners, insight officers and auditors do not.
            Action::LogContact => matches!(self, Adviser | Caseworker | TeamLead | Admin),
            // Mail that nobody could read is a contact-centre queue.
            Action::HandleMail => matches!(self, Adviser | TeamLead | Admin),
            // Insight officers see figures, not people; auditors read the access log.
            Action::ViewCase => matches!(self, Adviser | Caseworker | TeamLead | Partner | Admin),
            // A customer's record spans services and partners, so partners do not see it.
            Action::ManageCustomers => matches!(self, Adviser | Caseworker | TeamLead | Admin),
            // Partners work the cases routed to them, to the same standards.
            Action::WorkCase => matches!(self, Adviser | Caseworker | TeamLead | Partner | Admin),
            Action::AssignCase => matches!(self, Caseworker | TeamLead | Partner | Admin),
            // Team leads approve more time (STANDARDS.md: extensions need approval).
            Action::ExtendDeadline => matches!(self, TeamLead | Admin),
            Action::ManageTemplates => matches!(self, Admin),
            Action::ReadAccessLog => matches!(self, Auditor | Admin),
            Action::BulkAct => matches!(self, TeamLead | Admin),
            Action::ManageUsers => matches!(self, Admin),
            Action::ManageServices => matches!(self, Admin),
            // The Code wants complaints answered by the service, not by a contractor or
            // the contact centre, though an adviser may pass on a request for stage 2.
            Action::HandleComplaint => matches!(self, Caseworker | TeamLead | Admin),
            // Limiting how someone may contact the council is a senior decision.
            Action::ManageArrangements => matches!(self, TeamLead | Admin),
            Action::ReadReports => matches!(self, Insight | TeamLead | Admin),
            // Statutory answers come from the council's own officers, not its partners.
            Action::HandleInformationRequest => matches!(self, Caseworker | TeamLead | Admin),
            // The export is of one subject access case's customer, and only for those
            // who may work that case (`Staff::sees_case`).
            Action::ExportPersonalData => matches!(self, Caseworker | TeamLead | Admin),
            Action::ManageApiKeys => matches!(self, Admin),
            Action::PrintPost => matches!(self, Adviser | TeamLead | Admin),
            // Those who speak to, write to or visit customers; not partners, insight
            // officers or auditors, who work without them.
            Action::SeeNeeds => matches!(self, Adviser | Caseworker | TeamLead | Admin),
            // Holding data past its period is a senior decision.
            Action::HoldCase => matches!(self, TeamLead | Admin),
            // As for the subject access export: the council's officers who may work the case.
            Action::ErasePersonalData => matches!(self, Caseworker | TeamLead | Admin),
            // Only councillors: every other role sees cases through its own pages.
            Action::CouncillorEnquiries => matches!(self, Councillor),
        }
    }
}

/// A staff account as typed on the command line, before it is checked.
#[derive(Debug, Clone)]
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    pub team: Option<&'a str>,
    pub partner: Option<&'a str>,
    /// A councillor's ward (a code `frontdoor wards import` loaded); for no other role.
    pub ward: Option<&'a str>,
    pub password: &'a str,
}

/// Why an account was not added: which field, and what to change. Shown as the
/// command line's flag (`--role: ...`), or beside the field on a form.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("--{field}: {message}")]
    Field { field: &'static str, message: String },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Hash(#[from] anyhow::Error),
}

fn refuse(field: &'static str, message: impl Into<String>) -> AccountError {
    AccountError::Field { field, message: message.into() }
}

/// Checks and adds a staff account; the password is stored only as its argon2id hash.
/// Each refusal names what to change.
pub async fn add_account(db: &crate::db::Db, new: &NewAccount<'_>, now: i64) -> Result<i64, AccountError> {
    let email = new.email.trim().to_lowercase();
    if !crate::forms::is_email(&email) {
        return Err(refuse("email", format!("{:?} is not an email address", new.email)));
    }
    let name = new.name.trim();
    if name.is_empty() {
        return Err(refuse("name", "give the person's name"));
    }
    let Some(role) = Role::parse(new.role) else {
        let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        return Err(refuse("role", format!("{:?} is not a role; use one of {}", new.role, roles.join(", "))));
    };
    if let Some(problem) = crate::crypto::password_problem(new.password) {
        return Err(refuse("password", problem));
    }
    let mut tx = db.begin().await?;
    let (team_id, partner_id) = belongs_to(&mut tx, role, new.team, new.partner).await?;
    let ward = ward_for(&mut tx, role, new.ward).await?;
    let hash = crate::crypto::hash_password(new.password)?;
    let staff = db::NewStaff {
        email: &email,
        name,
        role,
        team_id,
        partner_id,
        ward: ward.as_deref(),
        password_hash: Some(&hash),
    };
    let id = match db::insert_staff(&mut tx, &staff, now).await {
        Ok(id) => id,
        Err(sqlx::Error::Database(err)) if err.is_unique_violation() => {
            return Err(refuse("email", format!("there is already an account for {email}")));
        }
        Err(err) => return Err(err.into()),
    };
    tx.commit().await?;
    Ok(id)
}

/// Sets a councillor's ward (a code `frontdoor wards import` loaded), or clears it. A
/// ward is refused for any other role, and an unknown ward is refused.
pub async fn set_ward(db: &crate::db::Db, staff_id: i64, ward: Option<&str>) -> Result<(), AccountError> {
    let mut tx = db.begin().await?;
    let Some(role) = db::role_of(&mut tx, staff_id).await? else {
        return Err(refuse("ward", format!("there is no staff account {staff_id}")));
    };
    let ward = ward_for(&mut tx, role, ward).await?;
    db::set_ward(&mut tx, staff_id, ward.as_deref()).await?;
    tx.commit().await?;
    Ok(())
}

/// A ward for an account of `role`, checked: only a councillor has one, and it must be a
/// ward that is loaded. A blank ward is none (a councillor with none sees only their own
/// enquiries).
async fn ward_for(
    conn: &mut sqlx::AnyConnection,
    role: Role,
    ward: Option<&str>,
) -> Result<Option<String>, AccountError> {
    let Some(code) = ward.map(str::trim).filter(|w| !w.is_empty()) else {
        return Ok(None);
    };
    if role != Role::Councillor {
        return Err(refuse("ward", "only a councillor has a ward; leave it empty for this role"));
    }
    if !db::ward_exists(conn, code).await? {
        return Err(refuse("ward", format!("there is no ward {code:?}; load them with frontdoor wards import")));
    }
    Ok(Some(code.to_owned()))
}

/// Changes someone's name, role, team, partner organisation or ward, with the same checks as
/// adding them. The change applies from their next page: roles are read on every request.
pub async fn update_account(
    db: &crate::db::Db,
    id: i64,
    name: &str,
    role: &str,
    team: Option<&str>,
    partner: Option<&str>,
    ward: Option<&str>,
) -> Result<bool, AccountError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(refuse("name", "give the person's name"));
    }
    let Some(role) = Role::parse(role) else {
        let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        return Err(refuse("role", format!("{role:?} is not a role; use one of {}", roles.join(", "))));
    };
    let mut tx = db.begin().await?;
    let (team_id, partner_id) = belongs_to(&mut tx, role, team, partner).await?;
    let ward = ward_for(&mut tx, role, ward).await?;
    let changed = db::update_staff(&mut tx, id, name, role, team_id, partner_id, ward.as_deref()).await?;
    tx.commit().await?;
    Ok(changed)
}

/// The team and partner organisation ids for codes, checked against the role: caseworkers
/// and team leads need a team, partner users a partner organisation.
async fn belongs_to(
    conn: &mut sqlx::AnyConnection,
    role: Role,
    team: Option<&str>,
    partner: Option<&str>,
) -> Result<(Option<i64>, Option<i64>), AccountError> {
    let team_id = match team {
        Some(code) => Some(
            db::id_by_code(&mut *conn, db::OrgTable::Team, code)
                .await?
                .ok_or_else(|| refuse("team", format!("there is no team {code:?}")))?,
        ),
        None => None,
    };
    let partner_id = match partner {
        Some(code) => Some(
            db::id_by_code(&mut *conn, db::OrgTable::Partner, code)
                .await?
                .ok_or_else(|| refuse("partner", format!("there is no partner organisation {code:?}")))?,
        ),
        None => None,
    };
    if role == Role::Partner && partner_id.is_none() {
        return Err(refuse("partner", "a partner user must belong to a partner organisation"));
    }
    if matches!(role, Role::Caseworker | Role::TeamLead) && team_id.is_none() {
        return Err(refuse("team", format!("a {} must belong to a team", role.label().to_lowercase())));
    }
    Ok((team_id, partner_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_insight_and_auditors_cannot_log_contacts_or_read_mail() {
        for role in [Role::Partner, Role::Insight, Role::Auditor] {
            assert!(!role.may(Action::LogContact), "{role}");
            assert!(!role.may(Action::HandleMail), "{role}");
        }
        assert!(Role::Adviser.may(Action::LogContact));
        assert!(Role::Adviser.may(Action::HandleMail));
        assert!(Role::Caseworker.may(Action::LogContact));
        assert!(!Role::Caseworker.may(Action::HandleMail));
    }

    #[test]
    fn insight_and_auditors_never_open_a_case_and_partners_never_see_a_customer_record() {
        for role in [Role::Insight, Role::Auditor] {
            assert!(!role.may(Action::ViewCase), "{role}");
            assert!(!role.may(Action::ManageCustomers), "{role}");
        }
        assert!(Role::Partner.may(Action::ViewCase));
        assert!(!Role::Partner.may(Action::ManageCustomers));
        assert!(Role::Adviser.may(Action::ManageCustomers));
    }

    #[test]
    fn only_team_leads_and_administrators_extend_and_advisers_do_not_assign() {
        for role in Role::ALL {
            let leads = matches!(role, Role::TeamLead | Role::Admin);
            assert_eq!(role.may(Action::ExtendDeadline), leads, "{role}");
        }
        assert!(!Role::Adviser.may(Action::AssignCase));
        assert!(Role::Partner.may(Action::WorkCase));
        assert!(!Role::Insight.may(Action::WorkCase) && !Role::Auditor.may(Action::WorkCase));
    }
}
