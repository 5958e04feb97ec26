//! The demo's people who need more help, and a case the law says to keep: needs and
//! adjustments recorded with the residents' consent, and a legal hold on a complaint
//! the Ombudsman is looking at.

use crate::customers::needs::{Adjustment, Basis, Need, NewNeed, What};
use crate::db::Db;

/// Who, by the start of the name on their record, and what was recorded.
const NEEDS: &[(&str, &[(What, &str)])] = &[
    ("Mrs Edith Calloway", &[(What::Need(Need::Sight), ""), (What::Adjustment(Adjustment::LargePrint), "")]),
    (
        "Mr Arthur Penrose",
        &[
            (What::Need(Need::Memory), ""),
            (What::Adjustment(Adjustment::NamedContact), "His daughter, Mrs Ruth Penrose, who has power of attorney"),
            (What::Adjustment(Adjustment::ExtraTime), ""),
        ],
    ),
];

/// Records the needs, puts the hold on, and gives a resident of the history an
/// interpreter. Returns how many customers have needs or adjustments.
pub async fn write(db: &Db, now: i64) -> anyhow::Result<usize> {
    let adviser: i64 = sqlx::query_scalar("SELECT id FROM staff_users WHERE email = 'adviser@kingsmead.example'")
        .fetch_one(db.reader())
        .await?;
    let lead: i64 = sqlx::query_scalar("SELECT id FROM staff_users WHERE role = 'team_lead' ORDER BY id LIMIT 1")
        .fetch_one(db.reader())
        .await?;
    let today = jiff::Timestamp::from_millisecond(now)?.to_zoned(jiff::tz::TimeZone::UTC).date();
    let review_on = today.checked_add(jiff::Span::new().months(6))?;
    let mut people = Vec::new();
    for (name, recorded) in NEEDS {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM customers WHERE name = $1 ORDER BY id LIMIT 1")
            .bind(*name)
            .fetch_optional(db.reader())
            .await?;
        if let Some(id) = id {
            people.push((id, recorded.to_vec()));
        }
    }
    // A resident from the history who signs: they get an interpreter at appointments.
    let signer: Option<i64> = sqlx::query_scalar(
        "SELECT customer_id FROM cases WHERE customer_id IS NOT NULL AND case_type = 'service_request' \
         ORDER BY id DESC LIMIT 1",
    )
    .fetch_optional(db.reader())
    .await?;
    if let Some(id) = signer {
        people.push((id, vec![(What::Need(Need::Hearing), ""), (What::Adjustment(Adjustment::Bsl), "")]));
    }
    let mut tx = db.begin().await?;
    for (customer, recorded) in &people {
        for (what, detail) in recorded {
            let need = NewNeed {
                what: *what,
                detail: (*detail).to_owned(),
                basis: Basis::Consent,
                given_by: "The customer".to_owned(),
                review_on,
            };
            crate::customers::db::add_need(&mut tx, *customer, &need, adviser, now).await?;
        }
    }
    // The newest answered complaint is with the Ombudsman.
    let complaint: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM cases WHERE case_type = 'complaint' AND status IN ('resolved', 'closed') ORDER BY id DESC LIMIT 1",
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(case) = complaint {
        let reason = "Local Government and Social Care Ombudsman case 25 012 345: keep until the Ombudsman decides";
        crate::privacy::db::add_hold(&mut tx, case, reason, lead, now).await?;
    }
    tx.commit().await?;
    Ok(people.len())
}
