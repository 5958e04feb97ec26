//! Call records in, with the callbacks callers asked for in the queue: a call that ended
//! with the caller taking a callback (outcome `callback`) and gives the caller's number
//! becomes a callback request, booked as soon as possible, in the transaction that
//! stores the records. Only calls not held before do, so a file sent twice makes no
//! second callback. The number is used for the callback's customer, never stored with
//! the call.

use crate::calls::CallRecord;
use crate::calls::db::{Against, Stored};
use crate::cases::{CaseType, Channel, Location};
use crate::config::Council;
use crate::customers::CustomerDetails;
use crate::db::{Db, now_ms};
use crate::forms::Checker;
use crate::standards::Rules;

/// What an import stored, and how many callbacks it made.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub stored: Stored,
    pub callbacks: usize,
    /// Callbacks asked for whose number could not be called back (withheld, or not a
    /// phone number).
    pub no_number: usize,
}

/// Stores checked call records in one transaction with the callbacks they ask for.
pub async fn import(
    db: &Db,
    council: &Council,
    rules: &Rules,
    records: &[CallRecord],
    against: &Against<'_>,
) -> Result<Imported, sqlx::Error> {
    let mut tx = db.begin().await?;
    let stored = crate::calls::db::store(&mut tx, records, against).await?;
    let mut imported = Imported::default();
    let service = match stored.new_callbacks.is_empty() {
        true => None,
        false => crate::services::db::by_code(&mut *tx, &rules.policy.contact.callback_service)
            .await?
            .filter(|s| s.case_type == CaseType::Callback),
    };
    if let Some(service) = service {
        let tz = rules.calendars.council.time_zone().clone();
        let now = now_ms();
        for &i in &stored.new_callbacks {
            let call = &records[i];
            let mut c = Checker::default();
            let Some(phone) = c.phone("phone", call.caller.as_deref().unwrap_or_default()) else {
                imported.no_number += 1;
                continue;
            };
            let line = rules.policy.contact.line_of_queue(&call.queue).map_or(call.queue.as_str(), |l| l.name.as_str());
            let at = jiff::Timestamp::from_millisecond(call.enqueued_at)
                .map(|t| t.to_zoned(tz.clone()).strftime("%-I:%M%P on %A %-d %B").to_string())
                .unwrap_or_default();
            let customer =
                CustomerDetails { name: "Phone caller".into(), phone: Some(phone), ..CustomerDetails::default() };
            let request = super::Request {
                language: crate::language::ENGLISH,
                service: &service,
                channel: Channel::Phone,
                customer: &customer,
                location: Location::default(),
                description: format!("Asked for a callback while waiting on the {line} line at {at}."),
                subject: "Callback asked for in the phone queue",
                in_reply_to: None,
                acknowledge: false,
                logged_by: None,
                resolved_at_first_contact: false,
                answers: &[],
                callback: None,
                received_at: None,
                demand: None,
                reason: None,
            };
            super::open(&mut tx, council, rules, request, now).await?;
            imported.callbacks += 1;
        }
    }
    tx.commit().await?;
    imported.stored = stored;
    Ok(imported)
}
