//! Letters out: every message to a customer with no email address, or who asked for
//! post, is an outbox row with channel `letter` (`casework::tell::route`). Staff print
//! the day's post from `/staff/post`, or `frontdoor letters print --out DIR` does it.
//!
//! Printing is sending: a letter is marked sent (once, whoever prints first) and what
//! follows from sending follows then. A printed acknowledgement acknowledges the case,
//! as a delivered email does; a printed reply is the `responded` milestone, so the
//! clock waiting for a reply stops when the letter leaves the building, not when it was
//! written. A letter is printed once; a reprint is asked for by name, with a reason,
//! and recorded on the letter and the case.

pub mod db;
pub mod pdf;

use crate::cases::db::NewEvent;
use crate::cases::{Actor, CaseRef, EventKind};
use crate::casework::append_event;
use crate::config::Council;
use crate::db::Db;
use crate::outbox::Purpose;
use crate::outbox::db::Outgoing;
use crate::standards::{Milestone, Rules};

/// The most letters one batch prints.
pub const BATCH_MAX: i64 = 500;

/// Why a letter was not reprinted.
#[derive(Debug, thiserror::Error)]
pub enum ReprintError {
    #[error("There is no letter {0}")]
    Missing(i64),
    #[error("That letter has not been printed yet: print it with the day's post")]
    NotPrinted,
    #[error("Enter why it is being printed again, like \"the printer jammed\"")]
    NoReason,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Prints the letters waiting (all of them up to [`BATCH_MAX`], or only `ids`), in one
/// transaction: each is marked sent, its printing recorded, and its acknowledgement or
/// reply counted. Returns the letters printed, oldest first; one another batch printed
/// first is left out.
pub async fn print(
    db: &Db,
    rules: &Rules,
    staff_id: Option<i64>,
    ids: Option<&[i64]>,
    now: i64,
) -> Result<Vec<Outgoing>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let ids = match ids {
        Some(ids) => ids.to_vec(),
        None => db::waiting_ids(&mut tx, BATCH_MAX).await?,
    };
    let mut printed = Vec::new();
    for id in ids {
        if !db::mark_printed(&mut tx, id, now).await? {
            continue;
        }
        db::record_print(&mut tx, id, staff_id, false, None, now).await?;
        let Some(row) = crate::outbox::db::get(&mut tx, id).await? else { continue };
        if let Some(case_id) = row.case_id {
            sent(&mut tx, rules, case_id, &row.purpose, now).await?;
        }
        printed.push(row);
    }
    tx.commit().await?;
    if !printed.is_empty() {
        tracing::info!(letters = printed.len(), "letters printed");
    }
    Ok(printed)
}

/// What a printed letter does to its case.
async fn sent(
    conn: &mut sqlx::AnyConnection,
    rules: &Rules,
    case_id: i64,
    purpose: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    if purpose == Purpose::Acknowledgement.as_str() {
        let note = "We posted the customer an acknowledgement with the reference.";
        crate::casework::acknowledged(conn, rules, case_id, note, now).await
    } else if purpose == Purpose::Reply.as_str() {
        let event = NewEvent {
            kind: EventKind::Milestone,
            ..NewEvent::note(Actor::SYSTEM, Milestone::Responded.as_str(), true)
        };
        append_event(conn, case_id, &event, rules, now).await.map(|_| ())
    } else {
        Ok(())
    }
}

/// Prints a letter again, deliberately: the reason is recorded on the letter and as a
/// note on its case. Nothing else changes: it was sent when first printed.
pub async fn reprint(
    db: &Db,
    rules: &Rules,
    staff_id: i64,
    id: i64,
    reason: &str,
    now: i64,
) -> Result<Outgoing, ReprintError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ReprintError::NoReason);
    }
    let reason: String = reason.chars().take(500).collect();
    let mut tx = db.begin().await?;
    let row = crate::outbox::db::get(&mut tx, id).await?.filter(|r| r.channel == "letter");
    let row = row.ok_or(ReprintError::Missing(id))?;
    if row.sent_at.is_none() {
        return Err(ReprintError::NotPrinted);
    }
    db::record_print(&mut tx, id, Some(staff_id), true, Some(&reason), now).await?;
    if let Some(case_id) = row.case_id {
        let note = format!("Letter \"{}\" printed again: {reason}", row.subject);
        append_event(&mut tx, case_id, &NewEvent::note(Actor::staff(staff_id), &note, false), rules, now).await?;
    }
    tx.commit().await?;
    Ok(row)
}

/// Who letters come from: the council, and the policy's address for post.
pub fn sender(council: &Council, rules: &Rules) -> pdf::Sender {
    let address = rules.policy.contact.post.split([',', '\n']).map(str::trim).filter(|l| !l.is_empty());
    // The address often starts with the council's name, which the letter already gives.
    let address = address.skip_while(|l| l.eq_ignore_ascii_case(&council.name));
    pdf::Sender { name: council.name.to_string(), address: address.map(str::to_owned).collect() }
}

/// A printed row as a letter to lay out, dated the day it is printed.
pub fn letter(council: &Council, rules: &Rules, row: &Outgoing, now: i64) -> pdf::Letter {
    let at = jiff::Timestamp::from_millisecond(now).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let day = rules.calendars.council.local_date(at);
    let language = row.language.in_print();
    let date = if language == crate::language::ENGLISH {
        day.strftime("%-d %B %Y").to_string()
    } else {
        crate::language::date(language, day)
    };
    let reference = row.case_id.map(|id| CaseRef::from_id(&council.prefix, id).to_string()).unwrap_or_default();
    pdf::Letter {
        recipient: row.recipient.lines().map(str::to_owned).collect(),
        reference,
        date,
        subject: row.subject.clone(),
        body: row.body.clone(),
        large_print: row.large_print,
        language,
    }
}

/// Every letter in `rows` in one PDF, each on its own pages.
pub fn batch_pdf(council: &Council, rules: &Rules, rows: &[Outgoing], now: i64) -> Vec<u8> {
    let letters: Vec<pdf::Letter> = rows.iter().map(|r| letter(council, rules, r, now)).collect();
    pdf::render(&letters, &sender(council, rules), &format!("{}: letters", council.name))
}
