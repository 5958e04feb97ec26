//! Councillors' enquiries (members' enquiries): a councillor asks the council something
//! for a resident, and it becomes a case of its own type with its own standard (10
//! working days by default), with the councillor on it. A councillor sees the enquiries
//! they made and the cases of their own ward, and nothing else (`Role::Councillor`).

pub mod db;

use crate::cases::{CaseRef, CaseType, Channel};
use crate::config::Council;
use crate::db::{Db, now_ms};
use crate::forms::FieldError;
use crate::intake::{Asks, ContactNeeded, IntakeError, Request, Submission, validate};
use crate::standards::Rules;

/// Where a councillor sees a case from: their own enquiry (everything on it) or their
/// ward (the service, status, dates and public updates; not the resident).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sight {
    OwnEnquiry,
    Ward,
}

/// Whether a councillor (`staff_id`, `ward`) sees a case made by `councillor_id` in
/// `case_ward`, and how.
pub fn sight(staff_id: i64, ward: Option<&str>, councillor_id: Option<i64>, case_ward: Option<&str>) -> Option<Sight> {
    if councillor_id == Some(staff_id) {
        Some(Sight::OwnEnquiry)
    } else if ward.is_some() && ward == case_ward {
        Some(Sight::Ward)
    } else {
        None
    }
}

/// Opens a councillor's enquiry for a resident: the resident is the customer (told by
/// email, phone or post as any case), the councillor is on the case and made the
/// contact. Returns its reference once committed.
pub async fn enquire(
    db: &Db,
    council: &Council,
    rules: &Rules,
    councillor_id: i64,
    submission: &Submission,
) -> Result<CaseRef, IntakeError> {
    let service = db::enquiry_service(db.reader()).await?;
    let checked = validate(submission, Asks { location: false, contact: ContactNeeded::AnyWay });
    let Some(service) = service else {
        return Err(IntakeError::Invalid(vec![FieldError::new(
            "description",
            "No service takes councillors' enquiries yet: an administrator adds one of the type \"Councillor's enquiry\"",
        )]));
    };
    let (customer, location, description) = checked.map_err(IntakeError::Invalid)?;
    debug_assert_eq!(service.case_type, CaseType::CouncillorEnquiry);
    let now = now_ms();
    let request = Request {
        language: crate::language::ENGLISH,
        service: &service,
        channel: Channel::Email,
        customer: &customer,
        location,
        description,
        subject: &service.name,
        in_reply_to: None,
        acknowledge: true,
        logged_by: Some(councillor_id),
        resolved_at_first_contact: false,
        answers: &[],
        callback: None,
        received_at: None,
        demand: None,
        reason: None,
    };
    let mut tx = db.begin().await?;
    let opened = crate::intake::open(&mut tx, council, rules, request, now).await?;
    db::set_councillor(&mut tx, opened.case_id, councillor_id).await?;
    tx.commit().await?;
    Ok(opened.reference)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_councillor_sees_their_enquiries_and_their_wards_cases_only() {
        assert_eq!(sight(7, Some("E05000001"), Some(7), Some("E05000002")), Some(Sight::OwnEnquiry));
        assert_eq!(sight(7, Some("E05000001"), None, Some("E05000001")), Some(Sight::Ward));
        assert_eq!(sight(7, Some("E05000001"), Some(8), Some("E05000002")), None);
        assert_eq!(sight(7, None, None, None), None, "no ward matches no ward");
    }
}
