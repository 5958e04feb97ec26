//! What a customer does on their own case from the public site: prove it is theirs,
//! reply or add information, escalate a case past its date, and say whether the
//! resolution solved it. Each works in the caller's transaction.
//!
//! A reference alone shows only the status and the dates. Seeing the timeline and acting
//! needs something only the resident has: the email address or phone number given with
//! the case, or the signed link in the acknowledgement email. A postcode is not proof:
//! it is on the street, and often on the case's own public location. Wrong answers are
//! counted per case and per client address (`throttle`), then refused for the hour.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use sqlx::AnyConnection;

use crate::cases::db::{ChangeStatusError, NewEvent};
use crate::cases::{Actor, Case, CaseRef, CaseType, Channel, EventKind, Status};
use crate::casework::{append_event, change_status};
use crate::clocks::{Fired, State};
use crate::config::Council;
use crate::contacts::Direction;
use crate::contacts::db::NewContact;
use crate::crypto::SecretKey;
use crate::forms::DESCRIPTION_MAX;
use crate::rollups::{self, Delta, Metric};
use crate::standards::Rules;
use crate::throttle::{self, Keyer};

/// Wrong answers allowed for one case in an hour.
pub const TRIES_PER_HOUR: i64 = 5;
/// Wrong answers allowed from one client address, for any cases, in an hour.
pub const CLIENT_TRIES_PER_HOUR: i64 = 20;
pub const HOUR: i64 = 3_600_000;

/// A comment with a rating is at most this long.
pub const COMMENT_MAX: usize = 1_200;

/// The key that signs links to cases: the council's copy, read when its database was
/// migrated (`Council::keyed_for`), so that making a case reads nothing for it. Without
/// one it is read with `conn`. Migration 0046 makes the key at install time; if it is
/// missing all the same, it is made here, in the caller's connection (so intake can sign
/// a link in the transaction that opens the case).
pub async fn link_key(council: &Council, conn: &mut AnyConnection) -> Result<SecretKey, sqlx::Error> {
    if let Some(key) = stored_link_key(council, &mut *conn).await? {
        return Ok(key);
    }
    let mut key = [0u8; 32];
    rand::rng().fill_bytes(&mut key);
    // Two servers may race to make it; the first one stored wins, and both read it back.
    super::db::store_link_key(&mut *conn, &crate::crypto::hex(&key)).await?;
    stored_link_key(council, conn).await?.ok_or(sqlx::Error::RowNotFound)
}

/// The key, if it has been made: the council's copy, or else read with `conn`.
pub async fn stored_link_key<'c, E>(council: &Council, conn: E) -> Result<Option<SecretKey>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    if let Some(key) = &council.case_links {
        return Ok(Some(key.clone()));
    }
    Ok(super::db::link_key(conn).await?.and_then(|hex| SecretKey::from_hex(&hex)))
}

/// The signature on a link to a case: HMAC-SHA256 of the reference, 128 bits in hex.
pub fn sign(key: &[u8], reference: &CaseRef) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(b"case:");
    mac.update(reference.to_string().as_bytes());
    crate::crypto::hex(&mac.finalize().into_bytes()[..16])
}

/// Whether `signature` is the one for `reference`, compared in constant time.
pub fn verify(key: &[u8], reference: &CaseRef, signature: &str) -> bool {
    use subtle::ConstantTimeEq;
    let expected = sign(key, reference);
    expected.len() == signature.len() && bool::from(expected.as_bytes().ct_eq(signature.as_bytes()))
}

/// Why an answer to "what email address or phone number did you give?" was not accepted.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProveError {
    #[error("Enter the email address or phone number you gave us")]
    Empty,
    #[error("That does not match the email address or phone number we have for this case")]
    NoMatch,
    /// Too many wrong answers for this case or from this address: the whole seconds
    /// until the next try is allowed.
    #[error("There have been too many wrong answers for this case. Try again in an hour, or contact us")]
    TooMany(u64),
}

/// Checks an email address or phone number against the case's customer. Each wrong
/// answer counts for the case and for the client address (`client`, hashed); past either
/// limit no answer is checked until the hour is up.
pub async fn prove(db: &crate::db::Db, case: &Case, answer: &str, client: &str, now: i64) -> Result<(), ProveError> {
    let answer = answer.trim();
    if answer.is_empty() {
        return Err(ProveError::Empty);
    }
    let keyer = Keyer::of(db);
    let case_key = keyer.key("prove-case", &case.id.to_string());
    let client_key = keyer.key("prove-client", client);
    for (key, limit) in [(&case_key, TRIES_PER_HOUR), (&client_key, CLIENT_TRIES_PER_HOUR)] {
        // A store that cannot be read refuses, rather than allowing unlimited tries.
        let count = throttle::db::peek(db.reader(), key, now)
            .await
            .unwrap_or(throttle::Count { hits: limit, expires_at: now + HOUR });
        if count.hits >= limit {
            return Err(ProveError::TooMany(count.retry_after(now)));
        }
    }
    let customer = match case.customer_id {
        Some(id) => crate::customers::db::get(db.reader(), id).await.ok().flatten(),
        None => None,
    };
    let email_matches = answer.contains('@')
        && customer.as_ref().and_then(|c| c.email.as_deref()).is_some_and(|e| e.eq_ignore_ascii_case(answer));
    let phone_matches = national_digits(answer).is_some_and(|typed| {
        customer.as_ref().and_then(|c| c.phone.as_deref()).and_then(national_digits).is_some_and(|p| p == typed)
    });
    if email_matches || phone_matches {
        return Ok(());
    }
    if let Ok(mut conn) = db.writer().acquire().await {
        for key in [&case_key, &client_key] {
            let _ = throttle::db::hit(&mut conn, key, HOUR, now).await;
        }
    }
    Err(ProveError::NoMatch)
}

/// A UK phone number as its national digits (`+44 7700 900982` and `07700 900982` are
/// the same), or `None` where the text is not a phone number of at least 10 digits.
fn national_digits(text: &str) -> Option<String> {
    if !text.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c)) {
        return None;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let national = match digits.strip_prefix("44") {
        Some(rest) if text.trim_start().starts_with('+') || digits.len() > 11 => {
            format!("0{}", rest.trim_start_matches('0'))
        }
        _ => digits,
    };
    (national.len() >= 10).then_some(national)
}

/// Why the case is not in a state for what the resident asked (it may have changed
/// since the page was shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("This case is closed. To tell us something new, report it again.")]
    Closed,
    #[error("This case is not past its date, so it cannot be escalated yet.")]
    NotLate,
    #[error("We already have your answer for this case. Thank you.")]
    Answered,
    #[error("You can ask for stage 2 once we have answered your complaint, and only once.")]
    NoStage2,
    #[error("You can ask for a review once we have answered your request, and only once.")]
    NoReview,
}

impl Refusal {
    /// A short code for the words on the page: closed, not-late, answered.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Closed => "closed",
            Refusal::NotLate => "not-late",
            Refusal::Answered => "answered",
            Refusal::NoStage2 => "no-stage2",
            Refusal::NoReview => "no-review",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ActError {
    /// What the resident sent cannot be accepted; the message says why, for the field.
    #[error("{message}")]
    Field { field: &'static str, message: String },
    #[error(transparent)]
    NotNow(Refusal),
    #[error(transparent)]
    Change(#[from] ChangeStatusError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A reply or more information from the resident: a contact and a public message on
/// the timeline. A case waiting for them goes back in progress; a resolved one reopens.
pub async fn reply(
    conn: &mut AnyConnection,
    rules: &Rules,
    case: &Case,
    channel: Channel,
    subject: &str,
    text: &str,
    now: i64,
) -> Result<(), ActError> {
    if case.status == Status::Closed {
        return Err(ActError::NotNow(Refusal::Closed));
    }
    let contact = NewContact {
        case_id: Some(case.id),
        customer_id: case.customer_id,
        channel,
        direction: Direction::Inbound,
        subject: Some(subject),
        body: text,
        logged_by: None,
        resolved_at_first_contact: false,
        demand: None,
        reason: None,
    };
    crate::casework::record_contact(&mut *conn, rules, &contact, now).await?;
    let body = cut(text, DESCRIPTION_MAX);
    let actor = Actor::customer(case.customer_id);
    let event = NewEvent {
        actor,
        kind: EventKind::Message,
        public: true,
        body: Some(&body),
        from_status: None,
        to_status: None,
    };
    append_event(&mut *conn, case.id, &event, rules, now).await?;
    let (to, note) = match case.status {
        Status::WaitingForCustomer => (Status::InProgress, "The customer replied."),
        Status::Resolved => (Status::Reopened, "The customer replied after it was resolved."),
        _ => return Ok(()),
    };
    match change_status(conn, case.id, to, actor, Some(note), rules, now).await {
        Ok(()) | Err(ChangeStatusError::Illegal(_)) => Ok(()),
        Err(err) => Err(err.into()),
    }
}

/// Text cut to `max` characters, on a character boundary.
pub fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// The published promise a case is past the date of now, if any: its id and due time.
pub async fn overdue(
    conn: &mut AnyConnection,
    rules: &Rules,
    case: &Case,
    now: i64,
) -> Result<Option<(String, i64)>, sqlx::Error> {
    if !case.status.is_open() {
        return Ok(None);
    }
    let clocks = crate::clocks::db::for_case(&mut *conn, case.id).await?;
    Ok(clocks
        .into_iter()
        .filter(|c| matches!(c.state, State::Running) && c.stopped_at.is_none())
        .filter(|c| rules.version(&c.standard_id, c.standard_version).is_some_and(|s| s.published))
        .filter_map(|c| Some((c.standard_id, c.due_at?)))
        .filter(|(_, due)| *due < now)
        .min_by_key(|(_, due)| *due))
}

/// When the resident last escalated this case, if they have.
pub async fn escalated_at(conn: &mut AnyConnection, case_id: i64) -> Result<Option<i64>, sqlx::Error> {
    super::db::escalated_at(conn, case_id).await
}

/// The resident asks for a case past its date to go to the team's lead. It is named on
/// a public `escalated` event and counted as failure demand. Once per case: a second
/// press changes nothing.
pub async fn escalate(conn: &mut AnyConnection, rules: &Rules, case: &Case, now: i64) -> Result<bool, ActError> {
    if escalated_at(&mut *conn, case.id).await?.is_some() {
        return Ok(false);
    }
    let Some((standard, due)) = overdue(&mut *conn, rules, case, now).await? else {
        return Err(ActError::NotNow(Refusal::NotLate));
    };
    let lead = crate::casework::clocks::team_lead(&mut *conn, case.id).await?;
    let body = serde_json::to_string(&Fired { standard, due, team_lead: lead }).expect("plain struct");
    let event = NewEvent {
        actor: Actor::customer(case.customer_id),
        kind: EventKind::Escalated,
        public: true,
        body: Some(&body),
        from_status: None,
        to_status: None,
    };
    // Its fan-out counts it as failure demand.
    append_event(&mut *conn, case.id, &event, rules, now).await?;
    Ok(true)
}

/// What a resident said after resolution.
#[derive(Debug, Clone)]
pub struct Feedback {
    pub solved: bool,
    pub rating: i64,
    pub comment: String,
}

/// Whether the case is waiting for the resident's feedback: resolved or closed, not a
/// compliment, and nothing said since it was last resolved.
pub async fn wants_feedback(conn: &mut AnyConnection, case: &Case) -> Result<bool, sqlx::Error> {
    if case.status.is_open() || case.case_type == CaseType::Compliment {
        return Ok(false);
    }
    Ok(!super::db::feedback_given_since_resolved(conn, case).await?)
}

/// Records "did this solve it?" with a rating and comment. "No" reopens the case, with
/// the comment as the reason on its timeline.
pub async fn give_feedback(
    conn: &mut AnyConnection,
    rules: &Rules,
    case: &Case,
    feedback: &Feedback,
    now: i64,
) -> Result<(), ActError> {
    if !(1..=5).contains(&feedback.rating) {
        return Err(ActError::Field { field: "rating", message: "Choose a rating from 1 to 5".into() });
    }
    if feedback.comment.chars().count() > COMMENT_MAX {
        return Err(ActError::Field {
            field: "comment",
            message: format!("Your comment must be {COMMENT_MAX} characters or fewer"),
        });
    }
    if !wants_feedback(&mut *conn, case).await? {
        return Err(ActError::NotNow(Refusal::Answered));
    }
    let comment = Some(feedback.comment.trim()).filter(|c| !c.is_empty());
    super::db::insert_feedback(&mut *conn, case.id, feedback.solved, feedback.rating, comment, now).await?;
    let day = rules.calendars.council.local_date(rollups::ts(now));
    let solved = if feedback.solved { "yes" } else { "no" };
    let deltas = [
        Delta { day, service_id: case.service_id, metric: Metric::Solved, key: solved.into(), value: 1 },
        Delta { day, service_id: case.service_id, metric: Metric::Rating, key: feedback.rating.to_string(), value: 1 },
    ];
    rollups::db::add(&mut *conn, &deltas).await?;
    if !feedback.solved {
        let note = match comment {
            Some(c) => format!("The customer said this did not solve it: {}", cut(c, COMMENT_MAX)),
            None => "The customer said this did not solve it.".to_owned(),
        };
        change_status(conn, case.id, Status::Reopened, Actor::customer(case.customer_id), Some(&note), rules, now)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::Prefix;

    #[test]
    fn a_link_signs_one_reference_under_one_key() {
        let prefix = Prefix::parse("KMB").unwrap();
        let a = CaseRef::from_id(&prefix, 1);
        let b = CaseRef::from_id(&prefix, 2);
        let sig = sign(b"key one", &a);
        assert_eq!(sig.len(), 32);
        assert!(verify(b"key one", &a, &sig));
        assert!(!verify(b"key one", &b, &sig), "another case");
        assert!(!verify(b"key two", &a, &sig), "another key");
        assert!(!verify(b"key one", &a, &sig[..31]), "cut short");
    }
}
