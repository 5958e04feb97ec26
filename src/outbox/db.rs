//! Outbox rows.

use sqlx::AnyConnection;

use super::NewMessage;

/// Writes a message in the caller's transaction. Its Message-ID is fixed now, so every
/// delivery attempt sends the same message and the customer's reply threads back.
pub async fn insert(
    conn: &mut AnyConnection,
    message: &NewMessage<'_>,
    domain: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let token: u64 = rand::random();
    let message_id = format!("<case-{}.{now}.{token:016x}@{domain}>", message.case_id);
    sqlx::query_scalar(
        "INSERT INTO outbox (case_id, customer_id, channel, recipient, subject, body, message_id, \
         auto_submitted, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(message.case_id)
    .bind(message.customer_id)
    .bind(message.channel.as_str())
    .bind(message.recipient)
    .bind(message.subject)
    .bind(message.body)
    .bind(message_id)
    .bind(message.auto_submitted)
    .bind(now)
    .fetch_one(conn)
    .await
}
