//! Email in: the SMTP listener and `import-email` store each message raw, then a job
//! reads it and decides what it is.
//!
//! - A message from a person becomes a case through intake, acknowledged by email.
//! - A reply joins its case: by one of our Message-IDs (or the resident's earlier one)
//!   in In-Reply-To or References, or by a case reference in the subject when the
//!   sender is the case's customer. Someone else's mail quoting a reference becomes a
//!   case of its own: a reference is not proof of who someone is.
//! - Mail sent by a machine (see [`read`]) is never answered. If it threads, it is put
//!   on its case for staff to see; otherwise it is ignored, with the reason kept.
//! - A bounce marks our message as failed and tells staff on the case.
//! - Anything we cannot understand is quarantined, with the reason, for staff.
//!
//! Every message keeps its raw bytes and its outcome in `inbound_mail`: nothing is
//! dropped without a record of why.

pub mod db;
pub mod read;

use sqlx::AnyConnection;

use crate::actions::by_customer::cut;
use crate::cases::db::NewEvent;
use crate::cases::{Actor, CaseRef, Channel, EventKind, Location, Status};
use crate::casework::append_event;
use crate::config::Council;
use crate::contacts::Direction;
use crate::contacts::db::NewContact;
use crate::customers::CustomerDetails;
use crate::db::Db;
use crate::forms::DESCRIPTION_MAX;
use crate::intake::{self, Request};
use crate::standards::Rules;
use crate::{cases, services};
pub use read::{Reading, Verdict, read};

/// A message as received, before anything is made of it.
#[derive(Debug, Clone, Copy)]
pub struct Inbound<'a> {
    /// `smtp` or `import`.
    pub source: &'a str,
    pub peer: &'a str,
    pub envelope_from: Option<&'a str>,
    /// Recipients, comma-separated.
    pub envelope_to: Option<&'a str>,
    pub raw: &'a [u8],
}

/// What became of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new case.
    Case(i64),
    /// A reply added to its case.
    Reply(i64),
    /// Automatic mail or a bounce, put on its case for staff; never answered.
    Recorded(i64),
    /// Nothing to do, for this reason.
    Ignored(String),
    /// For staff to look at, for this reason.
    Quarantined(String),
}

impl Outcome {
    pub fn state(&self) -> &'static str {
        match self {
            Outcome::Case(_) => "case",
            Outcome::Reply(_) => "reply",
            Outcome::Recorded(_) => "recorded",
            Outcome::Ignored(_) => "ignored",
            Outcome::Quarantined(_) => "quarantined",
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Outcome::Ignored(reason) | Outcome::Quarantined(reason) => Some(reason),
            _ => None,
        }
    }

    pub fn case_id(&self) -> Option<i64> {
        match self {
            Outcome::Case(id) | Outcome::Reply(id) | Outcome::Recorded(id) => Some(*id),
            _ => None,
        }
    }

    /// In plain words, for the command line and logs.
    pub fn describe(&self, council: &Council) -> String {
        let reference = |id: &i64| CaseRef::from_id(&council.prefix, *id);
        match self {
            Outcome::Case(id) => format!("new case {}", reference(id)),
            Outcome::Reply(id) => format!("added to case {}", reference(id)),
            Outcome::Recorded(id) => format!("recorded on case {} (not answered)", reference(id)),
            Outcome::Ignored(reason) => format!("ignored: {reason}"),
            Outcome::Quarantined(reason) => format!("quarantined: {reason}"),
        }
    }
}

/// Reads stored message `id` and acts on it, in one transaction with recording the
/// outcome. A message already read is left alone, so running this twice is harmless.
pub async fn process(db: &Db, council: &Council, rules: &Rules, id: i64, now: i64) -> anyhow::Result<Option<Outcome>> {
    let mut tx = db.begin().await?;
    let Some(stored) = db::get(&mut tx, id).await? else { return Ok(None) };
    if stored.state != "new" {
        return Ok(None);
    }
    let reading = read(&stored.raw, stored.envelope_from.as_deref(), &council.mail_from, &council.prefix);
    let outcome = decide(&mut tx, council, rules, &stored, &reading, now).await?;
    db::finish(&mut tx, id, &outcome, Some(&reading), now).await?;
    tx.commit().await?;
    // The state and the case only: a reason can quote the sender's address.
    tracing::info!(mail = id, outcome = outcome.state(), case = ?outcome.case_id(), "mail read");
    Ok(Some(outcome))
}

async fn decide(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    stored: &db::Stored,
    reading: &Reading,
    now: i64,
) -> anyhow::Result<Outcome> {
    let from = match (&reading.verdict, reading.from_address.as_deref()) {
        (Verdict::Unreadable(reason), _) => return Ok(Outcome::Quarantined(reason.clone())),
        (Verdict::Bounce, _) => return bounce(conn, council, rules, stored, now).await,
        (_, None) => return Ok(Outcome::Quarantined("it has no sender address (From)".into())),
        (_, Some(from)) => from,
    };
    let thread = thread(conn, reading, from).await?;
    if let Verdict::Automatic(reason) = &reading.verdict {
        let Some(case_id) = thread else { return Ok(Outcome::Ignored(reason.clone())) };
        let note = format!("An automatic reply came from {from} and was not answered ({reason}).");
        note_on_case(conn, rules, case_id, reading, &note, now).await?;
        return Ok(Outcome::Recorded(case_id));
    }
    if let Some(message_id) = &reading.message_id
        && let Some(copy) = db::earlier_copy(conn, stored.id, message_id, from).await?
    {
        return Ok(Outcome::Ignored(format!("it is a second copy of message {copy}, which we already have")));
    }
    let mut follow_up = None;
    if let Some(case_id) = thread {
        let case =
            cases::db::get(&mut *conn, case_id).await?.ok_or_else(|| anyhow::anyhow!("case {case_id} vanished"))?;
        if case.status != Status::Closed {
            reply(conn, rules, &case, reading, now).await?;
            return Ok(Outcome::Reply(case_id));
        }
        // A closed case stays closed: the reply starts a new one that says where it came from.
        follow_up = Some(CaseRef::from_id(&council.prefix, case_id));
    }
    new_case(conn, council, rules, stored, reading, from, follow_up, now).await
}

/// The case this message belongs to, if any.
async fn thread(conn: &mut AnyConnection, reading: &Reading, from: &str) -> Result<Option<i64>, sqlx::Error> {
    if let Some(case_id) = db::case_for_thread(&mut *conn, &reading.replies_to).await? {
        return Ok(Some(case_id));
    }
    for reference in &reading.references {
        if db::customer_email(&mut *conn, reference.id()).await?.as_deref() == Some(from) {
            return Ok(Some(reference.id()));
        }
    }
    Ok(None)
}

#[expect(clippy::too_many_arguments, reason = "each is a distinct part of one step, taken in the caller's transaction")]
async fn new_case(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    stored: &db::Stored,
    reading: &Reading,
    from: &str,
    follow_up: Option<CaseRef>,
    now: i64,
) -> anyhow::Result<Outcome> {
    // Mail to missed-bin@ goes to that service; anything else to the council's default.
    let named = stored
        .envelope_to
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .filter_map(|to| to.trim().split('@').next())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>();
    let mut service = None;
    for code in named.iter().map(String::as_str).chain([&*council.mail_service]) {
        service = services::db::by_code(&mut *conn, code).await?;
        if service.is_some() {
            break;
        }
    }
    let Some(service) = service else {
        return Ok(Outcome::Quarantined(format!(
            "there is no service {:?} for new email to go to; set FRONTDOOR_MAIL_SERVICE and retry it",
            &*council.mail_service
        )));
    };
    let mut description = String::new();
    if let Some(reference) = follow_up {
        description.push_str(&format!("This follows up {reference}, which was closed.\n\n"));
    }
    description.push_str(&words(reading));
    let customer =
        CustomerDetails { name: reading.from_name.clone(), email: Some(from.to_owned()), ..CustomerDetails::default() };
    let in_reply_to = reading.message_id.as_ref().map(|id| format!("<{id}>"));
    let subject = if reading.subject.is_empty() { "(no subject)" } else { &reading.subject };
    let request = Request {
        language: crate::language::ENGLISH,
        service: &service,
        channel: Channel::Email,
        customer: &customer,
        location: Location::default(),
        description: cut(&description, DESCRIPTION_MAX),
        subject,
        in_reply_to: in_reply_to.as_deref(),
        // Mail from the council's own domains is a case like any other, but never
        // acknowledged: two of the council's systems must not answer each other forever.
        acknowledge: !council.is_own_address(from),
        logged_by: None,
        resolved_at_first_contact: false,
        answers: &[],
        callback: None,
        received_at: None,
        demand: None,
        reason: None,
    };
    let opened = intake::open(conn, council, rules, request, now).await?;
    Ok(Outcome::Case(opened.case_id))
}

/// A resident's reply: on the timeline, and the case moves if it was waiting for them
/// (the paused clocks run again) or had been resolved (it reopens).
async fn reply(
    conn: &mut AnyConnection,
    rules: &Rules,
    case: &cases::Case,
    reading: &Reading,
    now: i64,
) -> anyhow::Result<()> {
    crate::actions::by_customer::reply(conn, rules, case, Channel::Email, &reading.subject, &words(reading), now)
        .await?;
    Ok(())
}

/// Records a message we do not answer (an automatic reply) as a contact on the case, and
/// a note for staff on its timeline.
async fn note_on_case(
    conn: &mut AnyConnection,
    rules: &Rules,
    case_id: i64,
    reading: &Reading,
    note: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let customer_id = cases::db::customer_of(&mut *conn, case_id).await?;
    let contact = NewContact {
        case_id: Some(case_id),
        customer_id,
        channel: Channel::Email,
        direction: Direction::Inbound,
        subject: Some(&reading.subject),
        body: &words(reading),
        logged_by: None,
        resolved_at_first_contact: false,
        demand: None,
        reason: None,
    };
    crate::casework::record_contact(&mut *conn, rules, &contact, now).await?;
    let body = cut(note, DESCRIPTION_MAX);
    let event = NewEvent {
        actor: Actor::SYSTEM,
        kind: EventKind::Note,
        public: false,
        body: Some(&body),
        from_status: None,
        to_status: None,
    };
    append_event(conn, case_id, &event, rules, now).await?;
    Ok(())
}

/// A bounce names the message of ours that did not arrive; staff are told on its case.
async fn bounce(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    stored: &db::Stored,
    now: i64,
) -> anyhow::Result<Outcome> {
    for message_id in our_message_ids(&stored.raw, council.mail_domain()) {
        if let Some(case_id) = db::bounced(&mut *conn, &message_id, now).await? {
            let note =
                "An email to the customer came back undelivered. Check their address or contact them another way.";
            let event = NewEvent {
                actor: Actor::SYSTEM,
                kind: EventKind::Note,
                public: false,
                body: Some(note),
                from_status: None,
                to_status: None,
            };
            append_event(conn, case_id, &event, rules, now).await?;
            return Ok(Outcome::Recorded(case_id));
        }
    }
    Ok(Outcome::Ignored("it is a delivery report about mail we did not send".into()))
}

/// Our Message-IDs (`<case-...@domain>`) anywhere in a message, without brackets.
pub fn our_message_ids(raw: &[u8], domain: &str) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let suffix = format!("@{domain}>");
    let mut found = Vec::new();
    for (start, _) in text.match_indices("<case-") {
        let rest = &text[start..];
        let Some(end) = rest.find('>').filter(|&end| end < 200) else { continue };
        let candidate = &rest[..=end];
        if candidate.ends_with(&suffix) && !candidate.contains(char::is_whitespace) {
            let id = candidate[1..candidate.len() - 1].to_owned();
            if !found.contains(&id) {
                found.push(id);
            }
        }
    }
    found
}

/// The subject, the text and a list of attachments: what staff read on the case.
fn words(reading: &Reading) -> String {
    let mut out = reading.subject.clone();
    if !reading.text.is_empty() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&reading.text);
    }
    if !reading.attachments.is_empty() {
        out.push_str("\n\nAttachments (kept with the original email):");
        for line in &reading.attachments {
            out.push_str("\n- ");
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_message_ids_are_found_in_a_bounce_and_others_are_not() {
        let raw = b"Content-Type: message/rfc822\r\n\r\nMessage-ID: <case-7.1700000000000.00ff@kingsmead.example>\r\n\
                    References: <case-9.1@elsewhere.example> <case-8 broken@kingsmead.example>\r\n";
        assert_eq!(our_message_ids(raw, "kingsmead.example"), vec!["case-7.1700000000000.00ff@kingsmead.example"]);
    }
}
