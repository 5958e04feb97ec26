//! Contact queries.

use sqlx::AnyConnection;

use super::Direction;
use crate::cases::Channel;

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
}

pub async fn insert(conn: &mut AnyConnection, new: &NewContact<'_>, now: i64) -> Result<i64, sqlx::Error> {
    let id = sqlx::query_scalar(
        "INSERT INTO contacts (case_id, customer_id, channel, direction, at, subject, body, logged_by, \
         resolved_at_first_contact) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
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
    .fetch_one(&mut *conn)
    .await?;
    // The case's search document includes every contact's words.
    if let Some(case_id) = new.case_id {
        crate::search::db::reindex(conn, case_id).await?;
    }
    Ok(id)
}

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
    sqlx::query_scalar(
        "SELECT body FROM contacts WHERE customer_id = $1 AND channel = $2 AND direction = $5 \
         AND at >= $3 AND (case_id IS NULL OR case_id <> $4) ORDER BY id DESC LIMIT 10",
    )
    .bind(customer_id)
    .bind(channel.as_str())
    .bind(since)
    .bind(except_case)
    .bind(super::Direction::Inbound.as_str())
    .fetch_all(conn)
    .await
}
