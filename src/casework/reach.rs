//! What casework reads to tell a customer.

use sqlx::AnyConnection;

/// A customer's name, email address and phone number.
pub async fn how_to_reach(
    conn: &mut AnyConnection,
    customer_id: i64,
) -> Result<(String, Option<String>, Option<String>), sqlx::Error> {
    sqlx::query_as("SELECT name, email, phone FROM customers WHERE id = $1").bind(customer_id).fetch_one(conn).await
}

/// The Message-ID of the case's latest email in, to thread a reply under it.
pub async fn latest_message_id(conn: &mut AnyConnection, case_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT message_id FROM inbound_mail WHERE case_id = $1 AND message_id IS NOT NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(case_id)
    .fetch_optional(conn)
    .await
}
