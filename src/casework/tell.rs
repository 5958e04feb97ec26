//! Telling the customer: a message written to the outbox (by email, threaded under their
//! latest email; by letter for a customer who asked for post or gave only a postal
//! address; a phone task for staff otherwise) and recorded as an outbound contact, in
//! the transaction of the change it is about.

use sqlx::AnyConnection;

use super::db;
pub use super::db::Reachable;
use crate::cases::{self, CaseRef, Channel};
use crate::config::Council;
use crate::contacts::db::NewContact;
use crate::contacts::{self, Direction};
use crate::language::Language;
use crate::outbox::{self, NewMessage, OutChannel, Purpose};

/// The longest reply or note, in characters.
pub const TEXT_MAX: usize = 10_000;

/// Why the customer could not be told.
#[derive(Debug, thiserror::Error)]
pub enum TellError {
    #[error("This case has no customer to reply to")]
    NoCustomer,
    #[error("The customer gave no email address, phone number or postal address")]
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

/// How a message reaches one customer.
#[derive(Debug, Clone)]
pub struct Route {
    pub channel: OutChannel,
    /// An email address, a phone number, or a letter's name and address, one line each.
    pub recipient: String,
    pub name: String,
    pub large_print: bool,
}

/// How to reach a customer: by phone as a task for staff when they asked for a call
/// rather than email; by letter when they asked for post or gave no email address but a
/// postal address; by email; by phone otherwise; `None` when they gave none of these.
pub fn route(r: &Reachable) -> Option<Route> {
    let post = r.address.as_deref().filter(|a| !a.trim().is_empty());
    let channel = match (post, &r.email, &r.phone) {
        (_, _, Some(_)) if r.prefers_phone => OutChannel::Phone,
        (Some(_), Some(_), _) if r.prefers_post => OutChannel::Letter,
        (_, Some(_), _) => OutChannel::Email,
        (Some(_), None, _) => OutChannel::Letter,
        (None, None, Some(_)) => OutChannel::Phone,
        (None, None, None) => return None,
    };
    let recipient = match channel {
        OutChannel::Email => r.email.clone().unwrap_or_default(),
        OutChannel::Phone => r.phone.clone().unwrap_or_default(),
        OutChannel::Letter => {
            let mut lines = vec![r.name.trim().to_owned()];
            lines.extend(post.unwrap_or_default().lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned));
            lines.extend(r.postcode.clone().filter(|p| !p.trim().is_empty()));
            lines.join("\n")
        }
    };
    Some(Route { channel, recipient, name: r.name.clone(), large_print: r.large_print })
}

/// [`route`] for a customer record.
pub async fn route_to(conn: &mut AnyConnection, customer_id: i64) -> Result<Option<Route>, sqlx::Error> {
    Ok(route(&db::how_to_reach(conn, customer_id).await?))
}

/// The language a message to the case's customer is written in: the case's, but
/// English for a printed letter whose font cannot write it (`Language::in_print`).
/// Workflows that write their own words to the customer write them in this.
pub async fn language_for(conn: &mut AnyConnection, case_id: i64) -> Result<Language, sqlx::Error> {
    let Some(case) = cases::db::get(&mut *conn, case_id).await? else { return Ok(crate::language::ENGLISH) };
    let route = match case.customer_id {
        Some(id) => route_to(&mut *conn, id).await?,
        None => None,
    };
    Ok(match route {
        Some(route) if route.channel == OutChannel::Letter => case.language.in_print(),
        _ => case.language,
    })
}

/// The case's customer, how they will be told, and in which language.
async fn route_for_case(conn: &mut AnyConnection, case_id: i64) -> Result<(i64, Route, Language), TellError> {
    let case = cases::db::get(&mut *conn, case_id).await?;
    let Some((customer_id, language)) = case.and_then(|c| Some((c.customer_id?, c.language))) else {
        return Err(TellError::NoCustomer);
    };
    let route = route_to(conn, customer_id).await?.ok_or(TellError::Unreachable)?;
    Ok((customer_id, route, language))
}

/// Writes to the customer from a member of staff: the message on the case's timeline
/// and in the outbox. By email it is a reply at once; a letter's event is "letter
/// written", and the reply counts only once the letter is printed (`letters::print`),
/// so the clock that waits for a reply runs until the letter leaves the building.
#[expect(clippy::too_many_arguments, reason = "each is a distinct part of one step, taken in the caller's transaction")]
pub async fn write_to(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &crate::standards::Rules,
    case_id: i64,
    actor: cases::Actor,
    purpose: Purpose,
    text: &str,
    now: i64,
) -> Result<OutChannel, TellError> {
    let (customer_id, route, language) = route_for_case(&mut *conn, case_id).await?;
    let kind = if route.channel == OutChannel::Letter { cases::EventKind::Letter } else { cases::EventKind::Message };
    let event = cases::db::NewEvent::note(actor, text, true);
    let event = cases::db::NewEvent { kind, ..event };
    super::append_event(&mut *conn, case_id, &event, rules, now).await?;
    let to = To { case_id, customer_id, route: &route, language };
    send(conn, council, &to, purpose, text, None, now).await?;
    Ok(route.channel)
}

/// [`tell_customer`] with a calendar file (RFC 5545) attached to an email: an
/// appointment's or a visit's, new, moved or cancelled. A letter goes without it: its
/// text says when and where.
pub async fn tell_with_calendar(
    conn: &mut AnyConnection,
    council: &Council,
    case_id: i64,
    purpose: Purpose,
    text: &str,
    calendar: Option<&str>,
    now: i64,
) -> Result<(), TellError> {
    let (customer_id, route, language) = route_for_case(&mut *conn, case_id).await?;
    let to = To { case_id, customer_id, route: &route, language };
    Ok(send(conn, council, &to, purpose, text, calendar, now).await?)
}

/// Whom a message goes to, and how.
struct To<'a> {
    case_id: i64,
    customer_id: i64,
    route: &'a Route,
    /// The case's language: the words round the text are in it.
    language: Language,
}

/// Writes the message to the outbox by `to.route`, and records it as an outbound contact.
async fn send(
    conn: &mut AnyConnection,
    council: &Council,
    to: &To<'_>,
    purpose: Purpose,
    text: &str,
    calendar: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let To { case_id, customer_id, route, language } = *to;
    let language = if route.channel == OutChannel::Letter { language.in_print() } else { language };
    let t = |id: &str, args: &[(&'static str, &str)]| crate::language::text_with(language, id, args);
    let contact_channel = match route.channel {
        OutChannel::Email => Channel::Email,
        OutChannel::Letter => Channel::Letter,
        OutChannel::Phone => Channel::Phone,
    };
    let in_reply_to = db::latest_message_id(&mut *conn, case_id).await?;
    let in_reply_to = in_reply_to.map(|id| format!("<{}>", id.trim_matches(['<', '>'])));
    let reference = CaseRef::from_id(&council.prefix, case_id);
    let subject = t("update-subject", &[("reference", &reference.to_string())]);
    let answer = match route.channel {
        OutChannel::Letter => t("update-answer-letter", &[]),
        _ => t("update-answer-email", &[]),
    };
    // A resolution's text carries its one link, to say whether it sorted things out.
    let follow = if purpose == Purpose::Resolution {
        String::new()
    } else {
        format!(" {}", t("update-follow", &[("link", &format!("{}/cases/{reference}", council.public_url))]))
    };
    // A text that greets the customer itself (typed, or from an older template) is not
    // greeted a second time.
    // An email with a calendar file says so; a letter has none, and its text says when.
    let calendar = calendar.filter(|_| route.channel == OutChannel::Email);
    let attached = match calendar {
        Some(file) if file.contains("METHOD:CANCEL") => format!("\n\n{}", t("update-calendar-remove", &[])),
        Some(_) => format!("\n\n{}", t("update-calendar-add", &[])),
        None => String::new(),
    };
    let text = format!("{text}{attached}");
    let opener = t("mail-dear", &[("name", "\u{0}")]);
    let opener = opener.split('\u{0}').next().unwrap_or_default().to_lowercase();
    let start = text.trim_start().to_lowercase();
    let greeted = start.starts_with("dear ") || (!opener.trim().is_empty() && start.starts_with(&opener));
    let greeting = if greeted { String::new() } else { format!("{}\n\n", t("mail-dear", &[("name", &route.name)])) };
    let body = format!(
        "{greeting}{text}\n\n{your_reference}{follow}\n\n{answer}\n\n{council}\n",
        your_reference = t("ack-reference", &[("reference", &reference.to_string())]),
        council = council.name,
    );
    let message = NewMessage {
        case_id,
        customer_id,
        channel: route.channel,
        purpose,
        recipient: &route.recipient,
        subject: &subject,
        body: &body,
        auto_submitted: None,
        in_reply_to: in_reply_to.as_deref(),
        calendar,
        large_print: route.large_print,
    };
    outbox::db::insert(&mut *conn, &message, council.mail_domain(), now).await?;
    let contact = NewContact {
        case_id: Some(case_id),
        customer_id: Some(customer_id),
        channel: contact_channel,
        direction: Direction::Outbound,
        subject: Some(&subject),
        body: &text,
        logged_by: None,
        resolved_at_first_contact: false,
        demand: None,
        reason: None,
    };
    contacts::db::insert(&mut *conn, &contact, None, now).await?;
    Ok(())
}
