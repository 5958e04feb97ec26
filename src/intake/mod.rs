//! Intake: the one path by which anything becomes a case.
//!
//! A web form, an email, an Open311 request and a logged phone call all end in
//! [`submit`]. It validates, finds or creates the customer, opens the case with its
//! event, records the contact and starts the clocks of the standards that apply, all in
//! one transaction. The reference is returned
//! only after that transaction has committed, so a resident is never given a
//! reference for a case that could be lost.

mod validate;

pub use validate::{DESCRIPTION_MAX, FieldError, normalise_postcode, thousands};

use crate::cases::db::NewCase;
use crate::cases::{Actor, CaseRef, Channel, Location, Prefix, Priority};
use crate::contacts::Direction;
use crate::contacts::db::NewContact;
use crate::customers::CustomerDetails;
use crate::db::{Db, now_ms};
use crate::standards::Rules;
use crate::{cases, clocks, contacts, customers, services};
use validate::{ADDRESS_MAX, Checker, NAME_MAX};

/// What someone sent, as typed, before validation.
#[derive(Debug, Clone, Default)]
pub struct Submission {
    pub channel: Option<Channel>,
    pub service_code: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub postcode: String,
    pub description: String,
}

#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error("there is no service {0:?}")]
    UnknownService(String),
    #[error("the submission has {} problem(s)", .0.len())]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Checks a submission. Every problem is reported at once, field by field.
pub fn validate(s: &Submission, asks_location: bool) -> Result<(CustomerDetails, Location, String), Vec<FieldError>> {
    let mut c = Checker::default();
    let description = c.text("description", "a description", &s.description, DESCRIPTION_MAX, true);
    let address = c.text("address", "the address or place", &s.address, ADDRESS_MAX, false);
    let postcode = c.postcode("postcode", &s.postcode);
    let location_refused = c.errors.iter().any(|e| e.field == "address" || e.field == "postcode");
    if asks_location && address.is_none() && postcode.is_none() && !location_refused {
        c.fail("address", "Enter the address or place, or a postcode, so we can find it");
    }
    let name = c.text("name", "your name", &s.name, NAME_MAX, true);
    let email = c.email("email", &s.email);
    let phone = c.phone("phone", &s.phone);
    let contact_given = !s.email.trim().is_empty() || !s.phone.trim().is_empty();
    if !contact_given {
        c.fail("email", "Enter an email address or a phone number, so we can tell you what happens");
    }
    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    let name = name.unwrap_or_default();
    let description = description.unwrap_or_default();
    let customer = CustomerDetails { name, email, phone, address: None, postcode: None };
    let location = Location { address, postcode, ..Location::default() };
    Ok((customer, location, description))
}

/// Validates and stores a submission; returns the new case's reference once committed.
pub async fn submit(db: &Db, prefix: &Prefix, rules: &Rules, s: &Submission) -> Result<CaseRef, IntakeError> {
    let service = services::db::by_code(db.reader(), &s.service_code)
        .await?
        .ok_or_else(|| IntakeError::UnknownService(s.service_code.clone()))?;
    let (customer, location, description) = validate(s, service.asks_location).map_err(IntakeError::Invalid)?;
    let channel = s.channel.unwrap_or(Channel::Web);
    let now = now_ms();

    let mut tx = db.begin().await?;
    let customer_id = customers::db::find_or_create(&mut tx, &customer, now).await?;
    let new = NewCase {
        case_type: service.case_type,
        channel,
        service_id: service.id,
        customer_id: Some(customer_id),
        priority: Priority::Normal,
        description,
        location,
        team_id: service.team_id,
        partner_id: service.partner_id,
    };
    let case_id = cases::db::insert(&mut tx, &new, Actor::customer(Some(customer_id)), now).await?;
    let contact = NewContact {
        case_id: Some(case_id),
        customer_id: Some(customer_id),
        channel,
        direction: Direction::Inbound,
        subject: Some(&service.name),
        body: &new.description,
    };
    contacts::db::insert(&mut tx, &contact, now).await?;
    clocks::db::sync(&mut tx, case_id, rules, 0, now).await?;
    tx.commit().await?;

    let reference = CaseRef::from_id(prefix, case_id);
    tracing::info!(case = %reference, service = %service.code, channel = %channel, "case created");
    Ok(reference)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FIELDS: [&str; 6] = ["description", "address", "postcode", "name", "email", "phone"];

    proptest! {
        #[test]
        fn any_input_is_either_accepted_or_refused_by_field_never_a_panic(
            name in any::<String>(),
            email in any::<String>(),
            phone in any::<String>(),
            address in any::<String>(),
            postcode in any::<String>(),
            description in any::<String>(),
            asks_location in any::<bool>(),
        ) {
            let s = Submission { name, email, phone, address, postcode, description, ..Submission::default() };
            match validate(&s, asks_location) {
                Ok((customer, _, description)) => {
                    prop_assert!(!customer.name.is_empty());
                    prop_assert!(!description.is_empty());
                    prop_assert!(customer.email.is_some() || customer.phone.is_some());
                }
                Err(errors) => {
                    prop_assert!(!errors.is_empty());
                    for e in errors {
                        prop_assert!(FIELDS.contains(&e.field), "unknown field {}", e.field);
                        prop_assert!(!e.message.is_empty());
                    }
                }
            }
        }

        #[test]
        fn a_normalised_postcode_normalises_to_itself(raw in "[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}") {
            let once = normalise_postcode(&raw).expect("valid shape");
            prop_assert_eq!(normalise_postcode(&once), Some(once.clone()));
        }
    }
}
