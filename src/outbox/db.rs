//! Outbox rows.

use sqlx::{AnyConnection, Row};

use super::{NewMessage, OutChannel};
use crate::db::queue as jobs;

/// Writes a message, and for email its delivery job, in the caller's transaction. Its
/// Message-ID is fixed now, so every delivery attempt sends the same message and the
/// customer's reply threads back.
pub async fn insert(
    conn: &mut AnyConnection,
    message: &NewMessage<'_>,
    domain: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let token: u64 = rand::random();
    let message_id = format!("<case-{}.{now}.{token:016x}@{domain}>", message.case_id);
    let backend = crate::db::Backend::of(conn);
    let p = |n| crate::db::param(backend, n);
    let values = (1..=14).map(p).collect::<Vec<_>>().join(", ");
    let outbox = format!(
        "INSERT INTO outbox (case_id, customer_id, channel, purpose, recipient, subject, body, message_id, \
         auto_submitted, in_reply_to, refs, created_at, calendar, large_print) VALUES ({values})"
    );
    // An email's delivery job, keyed by the message's id, goes with it in one statement: on
    // SQLite a second statement of the query, which reads the id just given; on PostgreSQL
    // an insert from the message's `RETURNING`.
    let email = message.channel == OutChannel::Email;
    let sql = if !email {
        outbox
    } else {
        let jobs = "INSERT INTO jobs (kind, job_key, payload, run_at, created_at)";
        let again = jobs::AGAIN;
        match backend {
            crate::db::Backend::Sqlite => format!(
                "{outbox}; {jobs} VALUES (?, CAST(last_insert_rowid() AS TEXT), CAST(last_insert_rowid() AS TEXT), \
                 ?, ?) {again}"
            ),
            crate::db::Backend::Postgres => format!(
                "WITH o AS ({outbox} RETURNING id) {jobs} SELECT CAST($15 AS TEXT), CAST(o.id AS TEXT), \
                 CAST(o.id AS TEXT), CAST($16 AS BIGINT), CAST($17 AS BIGINT) FROM o {again}"
            ),
        }
    };
    let query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(message.case_id)
        .bind(message.customer_id)
        .bind(message.channel.as_str())
        .bind(message.purpose.as_str())
        .bind(message.recipient)
        .bind(message.subject)
        .bind(message.body)
        .bind(message_id)
        .bind(message.auto_submitted)
        .bind(message.in_reply_to)
        .bind(message.in_reply_to)
        .bind(now)
        .bind(message.calendar)
        .bind(i64::from(message.large_print));
    let query = if email { query.bind(jobs::kind::DELIVER).bind(now).bind(now) } else { query };
    query.execute(&mut *conn).await?;
    Ok(())
}

/// Removes up to `most` emails sent before `before`, oldest first: only when the council
/// keeps its correspondence elsewhere (`--keep-sent-emails-days`). Letters and calls stay
/// (printed letters point at theirs), and so does anything not sent. Returns how many.
pub async fn sweep_sent_emails(pool: &sqlx::AnyPool, before: i64, most: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox \
         WHERE channel = 'email' AND sent_at IS NOT NULL AND sent_at < $1 ORDER BY id LIMIT $2)",
    )
    .bind(before)
    .bind(most)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// How many acknowledgements went to `recipient` since `since`, and when the last did.
pub async fn acknowledgements_since(
    conn: &mut AnyConnection,
    recipient: &str,
    since: i64,
) -> Result<(i64, Option<i64>), sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS sent, MAX(created_at) AS last FROM outbox \
         WHERE recipient = $1 AND purpose = 'acknowledgement' AND created_at >= $2",
    )
    .bind(recipient)
    .bind(since)
    .fetch_one(conn)
    .await?;
    Ok((row.try_get("sent")?, row.try_get("last")?))
}

/// A stored message, as delivery needs it.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub id: i64,
    pub case_id: Option<i64>,
    pub channel: String,
    pub purpose: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub auto_submitted: Option<String>,
    pub in_reply_to: Option<String>,
    pub refs: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub failed_at: Option<i64>,
    pub calendar: Option<String>,
    pub large_print: bool,
    /// The case's language (English without a case): a letter's headings are in it.
    pub language: crate::language::Language,
}

const OUTGOING_COLUMNS: &str = "id, case_id, channel, purpose, recipient, subject, body, message_id, \
     auto_submitted, in_reply_to, refs, created_at, sent_at, failed_at, calendar, large_print, \
     (SELECT c.language FROM cases c WHERE c.id = outbox.case_id) AS language";

pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<Outgoing>, sqlx::Error> {
    let sql = format!("SELECT {OUTGOING_COLUMNS} FROM outbox WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?;
    row.as_ref().map(outgoing).transpose()
}

/// The newest messages first, `limit` at a time before `before` (an id): the staff
/// outbox view, which costs the same however long the outbox grows.
pub async fn recent(db: &crate::db::Db, before: Option<i64>, limit: i64) -> Result<Vec<Outgoing>, sqlx::Error> {
    let sql = format!("SELECT {OUTGOING_COLUMNS} FROM outbox WHERE id < $1 ORDER BY id DESC LIMIT $2");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(db.reader())
        .await?;
    rows.iter().map(outgoing).collect()
}

fn outgoing(row: &sqlx::any::AnyRow) -> Result<Outgoing, sqlx::Error> {
    Ok(Outgoing {
        id: row.try_get("id")?,
        case_id: row.try_get("case_id")?,
        channel: row.try_get("channel")?,
        purpose: row.try_get("purpose")?,
        recipient: row.try_get("recipient")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        message_id: row.try_get("message_id")?,
        auto_submitted: row.try_get("auto_submitted")?,
        in_reply_to: row.try_get("in_reply_to")?,
        refs: row.try_get("refs")?,
        created_at: row.try_get("created_at")?,
        sent_at: row.try_get("sent_at")?,
        failed_at: row.try_get("failed_at")?,
        calendar: row.try_get("calendar")?,
        large_print: row.try_get::<i64, _>("large_print")? != 0,
        language: crate::language::of_code(&row.try_get::<Option<String>, _>("language")?.unwrap_or_default()),
    })
}

/// Records delivery. Returns false if another attempt recorded it first.
pub async fn mark_sent(conn: &mut AnyConnection, id: i64, attempts: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE outbox SET sent_at = $1, attempts = $2 WHERE id = $3 AND sent_at IS NULL")
        .bind(now)
        .bind(attempts)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Records a failed attempt that will be tried again.
pub async fn record_attempt(conn: &mut AnyConnection, id: i64, attempts: i64, error: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE outbox SET attempts = $1, last_error = $2 WHERE id = $3")
        .bind(attempts)
        .bind(error)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Records that delivery failed for good.
pub async fn mark_failed(
    conn: &mut AnyConnection,
    id: i64,
    attempts: i64,
    error: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE outbox SET failed_at = $1, attempts = $2, last_error = $3 \
         WHERE id = $4 AND sent_at IS NULL AND failed_at IS NULL",
    )
    .bind(now)
    .bind(attempts)
    .bind(error)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
