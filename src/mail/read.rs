//! Reading one stored message: who sent it, what it says, what it answers, and whether
//! it may be answered automatically. Pure (no database), so any bytes can be thrown at
//! it by the property tests.
//!
//! The rules for mail we must never answer are RFC 3834's, as listed in STANDARDS.md:
//! `Auto-Submitted` other than `no`, `Precedence: bulk/junk/list/auto_reply`,
//! `X-Autoreply`, `X-Autorespond`, and RFC 3464 delivery reports. We add what real
//! autoresponders do without saying so: mailing-list headers, `X-Auto-Response-Suppress`
//! (Exchange out-of-office), no-reply and mailer-daemon senders, the null return path,
//! and subjects that start "Out of office" or "Automatic reply".

use mail_parser::{Address, MessageParser, MimeHeaders};

use crate::cases::{CaseRef, Prefix};
use crate::forms::{DESCRIPTION_MAX, is_email};

/// What a message is, for deciding what to do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Written by a person: it becomes a case or joins one, and may be acknowledged.
    Person,
    /// Sent by a machine (RFC 3834): recorded on its case if it threads, never answered.
    Automatic(String),
    /// A delivery status report (RFC 3464): a message of ours did not arrive.
    Bounce,
    /// Nothing we can act on: it goes to quarantine for staff, with this reason.
    Unreadable(String),
}

/// A message as we understand it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub verdict: Verdict,
    /// Lower case.
    pub from_address: Option<String>,
    pub from_name: String,
    pub subject: String,
    /// The words, as plain text with `\n` line ends, shortened to fit a case.
    pub text: String,
    /// Without angle brackets.
    pub message_id: Option<String>,
    /// In-Reply-To then References, newest first, without angle brackets.
    pub replies_to: Vec<String>,
    /// Case references written in the subject.
    pub references: Vec<CaseRef>,
    /// One line per attachment: its name, its declared type and its size.
    pub attachments: Vec<String>,
}

const MAX_THREAD_IDS: usize = 50;
const SUBJECT_MAX: usize = 300;

/// Reads `raw`. `envelope_from` is the SMTP `MAIL FROM` (empty for the null sender);
/// `own_address` is the council's, so mail claiming to be from us is never answered.
pub fn read(raw: &[u8], envelope_from: Option<&str>, own_address: &str, prefix: &Prefix) -> Reading {
    let mut reading = Reading {
        verdict: Verdict::Person,
        from_address: None,
        from_name: String::new(),
        subject: String::new(),
        text: String::new(),
        message_id: None,
        replies_to: Vec::new(),
        references: Vec::new(),
        attachments: Vec::new(),
    };
    let message = match MessageParser::default().parse(raw) {
        Some(message) if !message.headers().is_empty() => message,
        _ => {
            reading.verdict = Verdict::Unreadable("it is not an email message: it has no headers".into());
            return reading;
        }
    };

    reading.subject = clean(message.subject().unwrap_or_default(), SUBJECT_MAX).replace('\n', " ");
    reading.message_id = message.message_id().map(unbracket).filter(|id| !id.is_empty());
    for header in [message.in_reply_to(), message.references()] {
        for id in header.as_text_list().unwrap_or_default().iter().rev() {
            let id = unbracket(id);
            if !id.is_empty() && !reading.replies_to.contains(&id) && reading.replies_to.len() < MAX_THREAD_IDS {
                reading.replies_to.push(id);
            }
        }
    }
    reading.references = references_in(&reading.subject, prefix);

    let sender = message.from().and_then(Address::first);
    let address = sender.and_then(|a| a.address()).map(|a| a.trim().to_lowercase());
    reading.from_name = sender.and_then(|a| a.name()).map(|n| clean(n, 200).replace('\n', " ")).unwrap_or_default();
    match address {
        Some(address) if is_email(&address) => {
            if reading.from_name.is_empty() {
                reading.from_name = address.split('@').next().unwrap_or_default().to_owned();
            }
            reading.from_address = Some(address);
        }
        Some(address) => {
            reading.verdict = Verdict::Unreadable(format!("the sender's address {address:?} is not an email address"));
            return reading;
        }
        None => {
            reading.verdict = Verdict::Unreadable("it has no sender address (From)".into());
            return reading;
        }
    }

    let mut text = String::new();
    if let Some(body) = message.body_text(0) {
        text = clean(&body, DESCRIPTION_MAX);
    }
    for part in message.attachments() {
        let name = part.attachment_name().map_or_else(|| "(no name)".into(), |n| clean(n, 200));
        let kind = part
            .content_type()
            .map_or_else(|| "unknown type".into(), |ct| format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or("?")));
        reading.attachments.push(format!("{name} ({kind}, {} bytes)", part.contents().len()));
    }
    reading.text = text;

    reading.verdict = if is_bounce(&message) {
        Verdict::Bounce
    } else if let Some(reason) = automatic(&message, envelope_from, reading.from_address.as_deref(), own_address) {
        Verdict::Automatic(reason)
    } else if reading.subject.is_empty() && reading.text.is_empty() {
        Verdict::Unreadable("it has no words: neither a subject nor any text".into())
    } else {
        Verdict::Person
    };
    reading
}

/// An RFC 3464 delivery status report, or a bounce from a mailer that does not send one.
fn is_bounce(message: &mail_parser::Message<'_>) -> bool {
    let report = message.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("report"))
            && ct.attribute("report-type").is_some_and(|t| t.eq_ignore_ascii_case("delivery-status"))
    });
    report || message.parts.iter().any(|p| p.is_content_type("message", "delivery-status"))
}

/// Why this message was sent by a machine, if it was.
fn automatic(
    message: &mail_parser::Message<'_>,
    envelope_from: Option<&str>,
    from: Option<&str>,
    own_address: &str,
) -> Option<String> {
    let header = |name: &str| message.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    if let Some(value) = header("Auto-Submitted")
        && !value.starts_with("no")
    {
        return Some(format!("it is marked Auto-Submitted: {value}"));
    }
    if let Some(value) = header("Precedence")
        && ["bulk", "junk", "list", "auto_reply"].contains(&value.as_str())
    {
        return Some(format!("it is marked Precedence: {value}"));
    }
    for name in ["X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"] {
        if header(name).is_some() {
            return Some(format!("it has an {name} header"));
        }
    }
    if header("List-Id").is_some() || header("List-Unsubscribe").is_some() {
        return Some("it came from a mailing list".into());
    }
    let null = |path: &str| unbracket(path).is_empty();
    if envelope_from.is_some_and(null) || header("Return-Path").is_some_and(|p| null(&p)) {
        return Some("it was sent from the null return path, as bounces are".into());
    }
    if let Some(from) = from {
        if from == own_address {
            return Some("it claims to come from our own address".into());
        }
        let local = from.split('@').next().unwrap_or_default();
        let machine = ["mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply", "do-not-reply"];
        if machine.contains(&local) {
            return Some(format!("it came from {local}, which is a machine"));
        }
    }
    let subject = message.subject().unwrap_or_default().trim_start().to_lowercase();
    let automatic_subjects = ["out of office", "out of the office", "automatic reply", "auto:", "autoreply"];
    if let Some(start) = automatic_subjects.iter().find(|s| subject.starts_with(**s)) {
        return Some(format!("its subject starts {start:?}, as automatic replies do"));
    }
    None
}

/// The references to our cases written in a subject, like `[KMB-4K7-9QX]`.
pub fn references_in(subject: &str, prefix: &Prefix) -> Vec<CaseRef> {
    let mut found: Vec<CaseRef> = Vec::new();
    let words = subject.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'));
    for word in words {
        let upper = word.to_ascii_uppercase();
        let Some(rest) = upper.strip_prefix(prefix.as_str()).and_then(|r| r.strip_prefix('-')) else { continue };
        if let Ok(reference) = CaseRef::parse(prefix, rest)
            && !found.contains(&reference)
        {
            found.push(reference);
        }
    }
    found
}

fn unbracket(id: &str) -> String {
    id.trim().trim_start_matches('<').trim_end_matches('>').trim().to_owned()
}

/// Plain text we can store: `\n` line ends, no control characters (PostgreSQL cannot
/// store NUL), trimmed, and cut at `max` characters with a note saying so.
fn clean(text: &str, max: usize) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let kept: String = text.chars().filter(|&c| !c.is_control() || c == '\n' || c == '\t').collect();
    let kept = kept.trim();
    if kept.chars().count() <= max {
        return kept.to_owned();
    }
    const NOTE: &str = "\n[Shortened here. The whole message is kept with the case.]";
    let mut cut: String = kept.chars().take(max - NOTE.chars().count()).collect();
    cut.push_str(NOTE);
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn prefix() -> Prefix {
        Prefix::parse("KMB").unwrap()
    }

    fn read_str(raw: &str) -> Reading {
        read(raw.as_bytes(), Some("sender@example.org"), "contact@kingsmead.example", &prefix())
    }

    #[test]
    fn a_plain_message_is_from_a_person() {
        let r = read_str(
            "From: Ann Smith <Ann@Example.org>\r\nTo: contact@kingsmead.example\r\nSubject: Pothole\r\n\
             Message-ID: <abc@example.org>\r\n\r\nThere is a pothole on Mill Lane.\r\n",
        );
        assert_eq!(r.verdict, Verdict::Person);
        assert_eq!(r.from_address.as_deref(), Some("ann@example.org"));
        assert_eq!(r.from_name, "Ann Smith");
        assert_eq!(r.message_id.as_deref(), Some("abc@example.org"));
        assert_eq!(r.text, "There is a pothole on Mill Lane.");
    }

    #[test]
    fn thread_ids_come_newest_first_without_brackets() {
        let r = read_str(
            "From: a@example.org\r\nSubject: Re: x\r\nIn-Reply-To: <b@x>\r\nReferences: <a@x> <b@x>\r\n\r\nhi\r\n",
        );
        assert_eq!(r.replies_to, vec!["b@x".to_owned(), "a@x".to_owned()]);
    }

    #[test]
    fn a_reference_in_the_subject_is_found_in_any_case() {
        let reference = CaseRef::from_id(&prefix(), 42);
        let subject = format!("Re: We have your message [{}]", reference.as_str().to_lowercase());
        assert_eq!(references_in(&subject, &prefix()), vec![reference]);
        assert!(references_in("Re: KMB-000-000", &prefix()).is_empty(), "a bad check character is not a reference");
    }

    #[test]
    fn auto_submitted_no_is_a_person_and_anything_else_is_not() {
        let person = read_str("From: a@example.org\r\nAuto-Submitted: no\r\nSubject: hi\r\n\r\nhello\r\n");
        assert_eq!(person.verdict, Verdict::Person);
        let auto = read_str("From: a@example.org\r\nAuto-Submitted: auto-replied\r\nSubject: hi\r\n\r\nhello\r\n");
        assert!(matches!(auto.verdict, Verdict::Automatic(_)));
    }

    #[test]
    fn long_text_is_shortened_with_a_note() {
        let body = "word ".repeat(5_000);
        let r = read_str(&format!("From: a@example.org\r\nSubject: long\r\n\r\n{body}\r\n"));
        assert_eq!(r.text.chars().count(), DESCRIPTION_MAX);
        assert!(r.text.ends_with("kept with the case.]"));
    }

    proptest! {
        #[test]
        fn any_bytes_are_read_without_a_panic(raw in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let r = read(&raw, None, "contact@kingsmead.example", &prefix());
            prop_assert!(r.text.chars().count() <= DESCRIPTION_MAX);
            prop_assert!(!r.text.contains('\0'));
            if r.verdict == Verdict::Person {
                prop_assert!(r.from_address.is_some());
            }
        }

        #[test]
        fn any_headers_and_body_are_read_without_a_panic(
            from in "[ -~]{0,60}",
            subject in any::<String>(),
            extra in "[A-Za-z-]{1,20}: [ -~]{0,80}",
            body in any::<String>(),
        ) {
            let raw = format!("From: {from}\r\nSubject: {subject}\r\n{extra}\r\n\r\n{body}");
            let r = read(raw.as_bytes(), Some(""), "contact@kingsmead.example", &prefix());
            prop_assert!(r.subject.chars().count() <= SUBJECT_MAX);
            prop_assert!(!r.subject.contains('\n'));
        }
    }
}
