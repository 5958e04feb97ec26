//! Telling the customer: a message written to the outbox (by email, threaded under their
//! latest email; a phone task for staff without one) and recorded as an outbound contact,
//! in the transaction of the change it is about.

use sqlx::AnyConnection;

use super::db;
use crate::cases::{self, CaseRef, Channel};
use crate::config::Council;
use crate::contacts::db::NewContact;
use crate::contacts::{self, Direction};
use crate::outbox::{self, NewMessage, OutChannel, Purpose};

/// The longest reply or note, in characters.
pub const TEXT_MAX: usize = 10_000;

/// Why the customer could not be told.
#[derive(Debug, thiserror::Error)]
pub enum TellError {
    #[error("This case has no customer to reply to")]
    NoCustomer,
    #[error("The customer gave no email address or phone number")]
    Unreachable,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// [`tell_customer`] for the workflows that refuse in their own words when the customer
/// cannot be reached: `Ok(false)` then, and a database error stays one.
pub async fn tell_if_reachable(
    conn: &mut AnyConnection,
    council: &Council,
    case_id: i64,
    purpose: Purpose,
    text: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    match tell_customer(conn, council, case_id, purpose, text, now).await {
        Ok(()) => Ok(true),
        Err(TellError::Db(err)) => Err(err),
        Err(_) => Ok(false),
    }
}

/// Writes a message to the case's customer to the outbox (by email, threaded under
/// their latest email; a phone task without one) and records it as an outbound contact.
pub async fn tell_customer(
    conn: &mut AnyConnection,
    council: &Council,
    case_id: i64,
    purpose: Purpose,
    text: &str,
    now: i64,
) -> Result<(), TellError> {
    tell_with_calendar(conn, council, case_id, purpose, text, None, now).await
}

/// [`tell_customer`] with a calendar file (RFC 5545) attached to an email: an
/// appointment's or a visit's, new, moved or cancelled.
pub async fn tell_with_calendar(
    conn: &mut AnyConnection,
    council: &Council,
    case_id: i64,
    purpose: Purpose,
    text: &str,
    calendar: Option<&str>,
    now: i64,
) -> Result<(), TellError> {
    let Some(customer_id) = cases::db::get(&mut *conn, case_id).await?.and_then(|c| c.customer_id) else {
        return Err(TellError::NoCustomer);
    };
    let (name, email, phone) = db::how_to_reach(&mut *conn, customer_id).await?;
    let (channel, recipient, contact_channel) = match (email, phone) {
        (Some(email), _) => (OutChannel::Email, email, Channel::Email),
        (None, Some(phone)) => (OutChannel::Phone, phone, Channel::Phone),
        (None, None) => return Err(TellError::Unreachable),
    };
    let in_reply_to = db::latest_message_id(&mut *conn, case_id).await?;
    let in_reply_to = in_reply_to.map(|id| format!("<{}>", id.trim_matches(['<', '>'])));
    let reference = CaseRef::from_id(&council.prefix, case_id);
    let subject = format!("About your case {reference}");
    let body = format!(
        "Dear {name},\n\n{text}\n\nYour reference is {reference}. Follow your case: {url}/cases/{reference}\n\n\
         To answer, reply to this email and keep the reference in the subject.\n\n{council}\n",
        url = council.public_url,
        council = council.name,
    );
    let message = NewMessage {
        case_id,
        customer_id,
        channel,
        purpose,
        recipient: &recipient,
        subject: &subject,
        body: &body,
        auto_submitted: None,
        in_reply_to: in_reply_to.as_deref(),
        calendar: calendar.filter(|_| channel == OutChannel::Email),
    };
    outbox::db::insert(&mut *conn, &message, council.mail_domain(), now).await?;
    let contact = NewContact {
        case_id: Some(case_id),
        customer_id: Some(customer_id),
        channel: contact_channel,
        direction: Direction::Outbound,
        subject: Some(&subject),
        body: text,
        logged_by: None,
        resolved_at_first_contact: false,
    };
    contacts::db::insert(&mut *conn, &contact, now).await?;
    Ok(())
}
