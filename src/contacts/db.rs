//! Contact queries.

use sqlx::{AnyConnection, AssertSqlSafe};

use sqlx::Row;

use super::{Demand, Direction};
use crate::cases::{Channel, Status};

#[derive(Debug, Clone)]
pub struct NewContact<'a> {
    pub case_id: Option<i64>,
    pub customer_id: Option<i64>,
    pub channel: Channel,
    pub direction: Direction,
    pub subject: Option<&'a str>,
    pub body: &'a str,
    /// The member of staff who logged it on the customer's behalf.
    pub logged_by: Option<i64>,
    /// Dealt with there and then, during the contact itself.
    pub resolved_at_first_contact: bool,
    /// What the contact was, when someone said (an adviser on the log form, or intake
    /// for a case it opens); `None` is found from the case (`Demand::found_on`).
    /// Messages we send are never classified.
    pub demand: Option<Demand>,
    /// Why the customer got in touch, in their own words, as the adviser wrote it down.
    pub reason: Option<&'a str>,
}

/// Writes a contact, classified as `demand` (`None` for one we sent). Callers go through
/// `casework::record_contact`, which classifies it and counts it.
///
/// A contact whose words are its case's description (the contact that opened the case,
/// always) keeps no copy of them: its body is NULL, and readers take the case's
/// description in its place ([`BODY`]). A case's description never changes (anonymising
/// replaces it and every contact's words together), so nothing is lost, and a case costs
/// its words once, not twice (issue 34).
pub async fn insert(
    conn: &mut AnyConnection,
    new: &NewContact<'_>,
    demand: Option<Demand>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id = sqlx::query_scalar(
        "INSERT INTO contacts (case_id, customer_id, channel, direction, at, subject, body, logged_by, \
         resolved_at_first_contact, demand, reason) VALUES ($1, $2, $3, $4, $5, $6, \
         CASE WHEN $7 = (SELECT c.description FROM cases c WHERE c.id = $1) THEN NULL ELSE $7 END, \
         $8, $9, $10, $11) RETURNING id",
    )
    .bind(new.case_id)
    .bind(new.customer_id)
    .bind(new.channel.as_str())
    .bind(new.direction.as_str())
    .bind(now)
    .bind(new.subject)
    .bind(new.body)
    .bind(new.logged_by)
    .bind(crate::db::flag(new.resolved_at_first_contact))
    .bind(demand.map(Demand::as_str))
    .bind(new.reason.map(str::trim).filter(|r| !r.is_empty()))
    .fetch_one(&mut *conn)
    .await?;
    // The case's search document includes every contact's words.
    if let Some(case_id) = new.case_id {
        crate::search::db::reindex(conn, case_id).await?;
    }
    Ok(id)
}

/// A contact's words, for a query of contacts `k` joined to their cases `c`: its own, or,
/// when it keeps none, its case's description ([`insert`]).
pub const BODY: &str = "COALESCE(k.body, c.description) AS body";

/// What a customer sent by `channel` since `since`, on cases other than `except_case`,
/// newest first (at most 10): to tell an autoresponder, which sends the same words each
/// time, from a person writing about something new.
pub async fn recent_inbound_bodies(
    conn: &mut AnyConnection,
    customer_id: i64,
    channel: crate::cases::Channel,
    since: i64,
    except_case: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT {BODY} FROM contacts k LEFT JOIN cases c ON c.id = k.case_id WHERE k.customer_id = $1 \
         AND k.channel = $2 AND k.direction = $5 AND k.at >= $3 AND (k.case_id IS NULL OR k.case_id <> $4) \
         ORDER BY k.id DESC LIMIT 10"
    )))
    .bind(customer_id)
    .bind(channel.as_str())
    .bind(since)
    .bind(except_case)
    .bind(super::Direction::Inbound.as_str())
    .fetch_all(conn)
    .await
}

/// What classifying and counting a contact on a case needs of the case: its status,
/// service and ward.
#[derive(Debug, Clone)]
pub struct OnCase {
    pub status: Status,
    pub service_id: i64,
    pub ward: Option<String>,
}

pub async fn on_case(conn: &mut AnyConnection, case_id: i64) -> Result<Option<OnCase>, sqlx::Error> {
    let row = sqlx::query("SELECT status, service_id, ward FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| {
        Ok(OnCase {
            status: Status::parse(&r.try_get::<String, _>("status")?).unwrap_or(Status::InProgress),
            service_id: r.try_get("service_id")?,
            ward: r.try_get("ward")?,
        })
    })
    .transpose()
}

/// Whether the customer opened a case about the service at or after `since` (a repeat).
pub async fn has_case_since(
    conn: &mut AnyConnection,
    customer_id: i64,
    service_id: i64,
    since: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM cases WHERE customer_id = $1 AND service_id = $2 AND created_at >= $3 LIMIT 1",
    )
    .bind(customer_id)
    .bind(service_id)
    .bind(since)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// A contact as it was counted, for a correction to take back.
#[derive(Debug, Clone)]
pub struct Counted {
    pub at: i64,
    pub channel: Channel,
    pub demand: Demand,
    pub case_id: Option<i64>,
}

pub async fn counted(conn: &mut AnyConnection, contact_id: i64) -> Result<Option<Counted>, sqlx::Error> {
    let row = sqlx::query("SELECT at, channel, demand, case_id FROM contacts WHERE id = $1 AND demand IS NOT NULL")
        .bind(contact_id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(r) = row else { return Ok(None) };
    let (Some(channel), Some(demand)) =
        (Channel::parse(&r.try_get::<String, _>("channel")?), Demand::parse(&r.try_get::<String, _>("demand")?))
    else {
        return Ok(None);
    };
    Ok(Some(Counted { at: r.try_get("at")?, channel, demand, case_id: r.try_get("case_id")? }))
}

/// Sets a contact's classification, recording who changed it from what. Only changes a
/// contact still classified as `was`, so two advisers correcting at once do not both
/// count; returns whether it changed.
pub async fn correct(
    conn: &mut AnyConnection,
    contact_id: i64,
    was: Demand,
    became: Demand,
    staff_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query("UPDATE contacts SET demand = $1 WHERE id = $2 AND demand = $3")
        .bind(became.as_str())
        .bind(contact_id)
        .bind(was.as_str())
        .execute(&mut *conn)
        .await?
        .rows_affected();
    if changed == 0 {
        return Ok(false);
    }
    sqlx::query("INSERT INTO demand_corrections (contact_id, was, became, staff_id, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(contact_id)
        .bind(was.as_str())
        .bind(became.as_str())
        .bind(staff_id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(true)
}

/// A case's contacts from the customer, oldest first, for the case page: (id, at,
/// channel, demand, reason, corrected by an adviser).
pub async fn classified(
    conn: &mut AnyConnection,
    case_id: i64,
) -> Result<Vec<(i64, i64, String, String, Option<String>, bool)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT k.id, k.at, k.channel, k.demand, k.reason, \
         (SELECT COUNT(*) FROM demand_corrections d WHERE d.contact_id = k.id) AS corrected \
         FROM contacts k WHERE k.case_id = $1 AND k.demand IS NOT NULL ORDER BY k.id",
    )
    .bind(case_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("id")?,
                r.try_get("at")?,
                r.try_get("channel")?,
                r.try_get("demand")?,
                r.try_get("reason")?,
                r.try_get::<i64, _>("corrected")? > 0,
            ))
        })
        .collect()
}
