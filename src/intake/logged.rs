//! Contacts that staff log on a resident's behalf (assisted digital): a phone call, a
//! letter, a visit or a social media message. Each opens a case through [`super::open`],
//! as a web form does, or adds to the case the resident already has. One that was dealt
//! with there and then is recorded as resolved at first contact.

use super::{Asks, ContactNeeded, IntakeError, Request, Submission, validate};
use crate::cases::db::{ChangeStatusError, NewEvent};
use crate::cases::{self, Actor, CaseRef, Channel, EventKind, Status};
use crate::casework::{append_event, change_status};
use crate::config::Council;
use crate::contacts::db::NewContact;
use crate::contacts::{self, Direction};
use crate::db::{Db, now_ms};
use crate::forms::{Checker, OUTCOME_MAX};
use crate::services;
use crate::standards::Rules;

/// The channels staff log by hand. Web forms, email and partner systems arrive by themselves.
pub const LOGGED_CHANNELS: [Channel; 4] = [Channel::Phone, Channel::Letter, Channel::Visit, Channel::Social];

/// A contact as an adviser typed it.
#[derive(Debug, Clone, Default)]
pub struct Logged {
    pub staff_id: i64,
    pub channel: String,
    /// A case reference, to add this contact to that case; empty for a new case.
    pub reference: String,
    /// The service, the resident's details and what they said, for a new case.
    pub submission: Submission,
    /// Dealt with during the contact itself.
    pub resolved: bool,
    /// What was done, when resolved.
    pub outcome: String,
}

/// Logs the contact; returns the reference of the case it opened or joined, once committed.
pub async fn log(db: &Db, council: &Council, rules: &Rules, logged: &Logged) -> Result<CaseRef, IntakeError> {
    let mut c = Checker::default();
    let channel = Channel::parse(&logged.channel).filter(|ch| LOGGED_CHANNELS.contains(ch));
    if channel.is_none() {
        c.fail("channel", "Select how the resident contacted us");
    }
    let outcome = if logged.resolved {
        c.text("outcome", "what you did to resolve it", &logged.outcome, OUTCOME_MAX, true)
    } else {
        None
    };
    let reference = logged.reference.trim();
    let existing = if reference.is_empty() {
        None
    } else {
        match CaseRef::parse(&council.prefix, reference) {
            Ok(r) => match cases::db::get(db.reader(), r.id()).await? {
                Some(case) => Some((r, case)),
                None => {
                    c.fail("reference", format!("There is no case {r}; check the reference, or leave it empty"));
                    None
                }
            },
            Err(err) => {
                c.fail("reference", format!("Enter a reference like {}-4K7-9QX ({err})", council.prefix.as_str()));
                None
            }
        }
    };
    let now = now_ms();
    let actor = Actor::staff(logged.staff_id);
    if let Some((reference, case)) = existing {
        let description =
            c.text("description", "a description", &logged.submission.description, super::DESCRIPTION_MAX, true);
        let (Some(channel), Some(description), true) = (channel, description, c.errors.is_empty()) else {
            return Err(IntakeError::Invalid(c.errors));
        };
        let mut tx = db.begin().await?;
        let contact = NewContact {
            case_id: Some(case.id),
            customer_id: case.customer_id,
            channel,
            direction: Direction::Inbound,
            subject: None,
            body: &description,
            logged_by: Some(logged.staff_id),
            resolved_at_first_contact: logged.resolved,
        };
        contacts::db::insert(&mut tx, &contact, now).await?;
        let said = format!("{} from the customer, logged by staff:\n{description}", channel.label());
        let event = NewEvent {
            actor,
            kind: EventKind::Note,
            public: false,
            body: Some(&said),
            from_status: None,
            to_status: None,
        };
        append_event(&mut tx, case.id, &event, rules, now).await?;
        let to = match (&outcome, case.status) {
            (Some(_), _) => Some(Status::Resolved),
            (None, Status::WaitingForCustomer) => Some(Status::InProgress),
            _ => None,
        };
        if let Some(to) = to {
            let note = outcome.as_deref().or(Some("The customer got in touch."));
            match change_status(&mut tx, case.id, to, actor, note, rules, now).await {
                Ok(()) => {}
                Err(ChangeStatusError::Illegal(err)) => {
                    let message =
                        format!("This case cannot be resolved now ({err}); untick resolved, or reopen it first");
                    return Err(IntakeError::Invalid(vec![super::FieldError::new("resolved", message)]));
                }
                Err(err) => return Err(err.into()),
            }
        }
        tx.commit().await?;
        tracing::info!(case = %reference, channel = %channel, resolved = logged.resolved, "contact logged on a case");
        return Ok(reference);
    }

    let s = &logged.submission;
    let service =
        if s.service_code.is_empty() { None } else { services::db::by_code(db.reader(), &s.service_code).await? };
    if service.is_none() {
        c.fail("service", "Select the service it is about");
    }
    let contact = if logged.resolved { ContactNeeded::Nothing } else { ContactNeeded::EmailOrPhone };
    let asks = Asks { location: service.as_ref().is_some_and(|s| s.asks_location && !logged.resolved), contact };
    let checked = validate(s, asks);
    let (Some(channel), Some(service), Ok((customer, location, description)), true) =
        (channel, service.as_ref(), &checked, c.errors.is_empty())
    else {
        let mut errors = c.errors;
        errors.extend(checked.err().unwrap_or_default());
        return Err(IntakeError::Invalid(order(errors)));
    };
    let request = Request {
        service,
        channel,
        customer,
        location: location.clone(),
        description: description.clone(),
        subject: &service.name,
        in_reply_to: None,
        // Nothing to wait for when it was sorted on the spot.
        acknowledge: !logged.resolved,
        logged_by: Some(logged.staff_id),
        resolved_at_first_contact: logged.resolved,
        answers: &[],
        // An adviser books a particular time on the callbacks page; logged, it is as
        // soon as possible.
        callback: None,
    };
    let mut tx = db.begin().await?;
    let opened = super::open(&mut tx, council, rules, request, now).await?;
    if let Some(outcome) = &outcome {
        change_status(&mut tx, opened.case_id, Status::Resolved, actor, Some(outcome), rules, now).await?;
    }
    tx.commit().await?;
    tracing::info!(case = %opened.reference, service = %service.code, channel = %channel, resolved = logged.resolved, "contact logged");
    Ok(opened.reference)
}

/// Errors in the order the form shows its fields.
fn order(mut errors: Vec<super::FieldError>) -> Vec<super::FieldError> {
    const FORM: [&str; 11] = [
        "channel",
        "reference",
        "service",
        "description",
        "address",
        "postcode",
        "name",
        "email",
        "phone",
        "resolved",
        "outcome",
    ];
    errors.sort_by_key(|e| FORM.iter().position(|f| *f == e.field).unwrap_or(FORM.len()));
    errors
}
