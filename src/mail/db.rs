//! Stored mail: the raw message first, then what became of it.

use sqlx::{AnyConnection, Row};

use super::{Inbound, Outcome};
use crate::db::Db;
use crate::db::queue as jobs;

/// A stored message.
#[derive(Debug, Clone)]
pub struct Stored {
    pub id: i64,
    pub received_at: i64,
    pub source: String,
    pub peer: String,
    pub envelope_from: Option<String>,
    pub envelope_to: Option<String>,
    pub raw: Vec<u8>,
    pub state: String,
    pub reason: Option<String>,
    pub from_address: Option<String>,
    pub subject: Option<String>,
    pub case_id: Option<i64>,
}

/// Stores a message and the job that will read it, in one transaction. Only once this
/// returns may the SMTP listener say 250: the message then survives a crash, and the job
/// turns it into exactly one case when the server is back.
pub async fn store(db: &Db, mail: &Inbound<'_>, now: i64) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO inbound_mail (received_at, source, peer, envelope_from, envelope_to, raw, size) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(now)
    .bind(mail.source)
    .bind(mail.peer)
    .bind(mail.envelope_from)
    .bind(mail.envelope_to)
    .bind(mail.raw)
    .bind(mail.raw.len() as i64)
    .fetch_one(&mut *tx)
    .await?;
    jobs::enqueue(&mut tx, jobs::kind::MAIL_IN, &id.to_string(), now).await?;
    tx.commit().await?;
    Ok(id)
}

const COLUMNS: &str = "id, received_at, source, peer, envelope_from, envelope_to, raw, state, reason, \
     from_address, subject, case_id";

fn stored(row: &sqlx::any::AnyRow) -> Result<Stored, sqlx::Error> {
    Ok(Stored {
        id: row.try_get("id")?,
        received_at: row.try_get("received_at")?,
        source: row.try_get("source")?,
        peer: row.try_get("peer")?,
        envelope_from: row.try_get("envelope_from")?,
        envelope_to: row.try_get("envelope_to")?,
        raw: row.try_get("raw")?,
        state: row.try_get("state")?,
        reason: row.try_get("reason")?,
        from_address: row.try_get("from_address")?,
        subject: row.try_get("subject")?,
        case_id: row.try_get("case_id")?,
    })
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<Stored>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM inbound_mail WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?;
    row.as_ref().map(stored).transpose()
}

/// Records what became of a message. Only a message still `new` changes, so a job run
/// twice after a crash cannot process it twice.
pub async fn finish(
    conn: &mut AnyConnection,
    id: i64,
    outcome: &Outcome,
    reading: Option<&super::Reading>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE inbound_mail SET state = $1, reason = $2, case_id = $3, message_id = $4, from_address = $5, \
         subject = $6, processed_at = $7 WHERE id = $8 AND state = 'new'",
    )
    .bind(outcome.state())
    .bind(outcome.reason())
    .bind(outcome.case_id())
    .bind(reading.and_then(|r| r.message_id.as_deref()))
    .bind(reading.and_then(|r| r.from_address.as_deref()))
    .bind(reading.map(|r| r.subject.as_str()))
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A stored message without its body, for lists.
#[derive(Debug, Clone)]
pub struct Summary {
    pub id: i64,
    pub received_at: i64,
    pub envelope_from: Option<String>,
    pub from_address: Option<String>,
    pub subject: Option<String>,
    pub reason: Option<String>,
    pub source: String,
    pub peer: String,
}

/// Messages in one state, newest first, `limit` at a time before `before` (an id),
/// without the raw messages, which can be megabytes each.
pub async fn summaries(db: &Db, state: &str, before: Option<i64>, limit: i64) -> Result<Vec<Summary>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, received_at, envelope_from, from_address, subject, reason, source, peer FROM inbound_mail \
         WHERE state = $1 AND id < $2 ORDER BY state, id DESC LIMIT $3",
    )
    .bind(state)
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Summary {
                id: row.try_get("id")?,
                received_at: row.try_get("received_at")?,
                envelope_from: row.try_get("envelope_from")?,
                from_address: row.try_get("from_address")?,
                subject: row.try_get("subject")?,
                reason: row.try_get("reason")?,
                source: row.try_get("source")?,
                peer: row.try_get("peer")?,
            })
        })
        .collect()
}

/// How many messages are in one state (the index on state makes this cheap).
pub async fn count(db: &Db, state: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM inbound_mail WHERE state = $1").bind(state).fetch_one(db.reader()).await
}

/// Closes a quarantined message that staff have checked and that needs nothing more
/// (spam, or mail not for the council). The reason says who decided and why; the message
/// is kept.
pub async fn dismiss(db: &Db, id: i64, reason: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE inbound_mail SET state = 'ignored', reason = $1, processed_at = $2 \
         WHERE id = $3 AND state = 'quarantined'",
    )
    .bind(reason)
    .bind(now)
    .bind(id)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Puts a quarantined message back to be read again, for when staff have fixed what
/// stopped it (a missing service, say).
pub async fn retry(db: &Db, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE inbound_mail SET state = 'new', reason = NULL, processed_at = NULL \
         WHERE id = $1 AND state = 'quarantined'",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        jobs::enqueue(&mut tx, jobs::kind::MAIL_IN, &id.to_string(), now).await?;
    }
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// The case one of these Message-IDs belongs to: one of our messages (the outbox), or a
/// message from the resident already on a case.
pub async fn case_for_thread(conn: &mut AnyConnection, ids: &[String]) -> Result<Option<i64>, sqlx::Error> {
    for id in ids {
        let ours: Option<Option<i64>> = sqlx::query_scalar("SELECT case_id FROM outbox WHERE message_id = $1")
            .bind(format!("<{id}>"))
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(Some(case_id)) = ours {
            return Ok(Some(case_id));
        }
        let theirs: Option<Option<i64>> = sqlx::query_scalar(
            "SELECT case_id FROM inbound_mail WHERE message_id = $1 AND case_id IS NOT NULL ORDER BY id LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(Some(case_id)) = theirs {
            return Ok(Some(case_id));
        }
    }
    Ok(None)
}

/// The earlier message this one is a copy of: the same Message-ID from the same sender,
/// already read. Mail servers resend when our 250 was lost on the way.
pub async fn earlier_copy(
    conn: &mut AnyConnection,
    id: i64,
    message_id: &str,
    from: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM inbound_mail WHERE message_id = $1 AND from_address = $2 AND id < $3 \
         AND state IN ('case', 'reply', 'recorded') ORDER BY id LIMIT 1",
    )
    .bind(message_id)
    .bind(from)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// The email address of a case's customer, if it has one.
pub async fn customer_email(conn: &mut AnyConnection, case_id: i64) -> Result<Option<String>, sqlx::Error> {
    let email: Option<Option<String>> = sqlx::query_scalar(
        "SELECT customers.email FROM cases JOIN customers ON customers.id = cases.customer_id WHERE cases.id = $1",
    )
    .bind(case_id)
    .fetch_optional(conn)
    .await?;
    Ok(email.flatten())
}

/// Marks our message with this Message-ID as bounced; returns its case.
pub async fn bounced(conn: &mut AnyConnection, message_id: &str, now: i64) -> Result<Option<i64>, sqlx::Error> {
    let case: Option<Option<i64>> = sqlx::query_scalar(
        "UPDATE outbox SET failed_at = $1, last_error = $2 WHERE message_id = $3 AND failed_at IS NULL \
         RETURNING case_id",
    )
    .bind(now)
    .bind("the recipient's mail server sent it back")
    .bind(format!("<{message_id}>"))
    .fetch_optional(conn)
    .await?;
    Ok(case.flatten())
}
