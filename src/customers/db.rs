//! Customer queries.

use sqlx::AnyConnection;

use super::CustomerDetails;

/// The id of the customer with this email or phone, or of a new record.
pub async fn find_or_create(conn: &mut AnyConnection, details: &CustomerDetails, now: i64) -> Result<i64, sqlx::Error> {
    // Email identifies a person. A phone only does when no email was given: a household
    // landline is shared, so it must not pull one person's case onto another's record.
    let lookup = match (&details.email, &details.phone) {
        (Some(email), _) => Some(("SELECT id FROM customers WHERE email = $1 ORDER BY id LIMIT 1", email)),
        (None, Some(phone)) => Some(("SELECT id FROM customers WHERE phone = $1 ORDER BY id LIMIT 1", phone)),
        (None, None) => None,
    };
    if let Some((sql, value)) = lookup {
        let found: Option<i64> = sqlx::query_scalar(sql).bind(value).fetch_optional(&mut *conn).await?;
        if let Some(id) = found {
            return Ok(id);
        }
    }
    sqlx::query_scalar(
        "INSERT INTO customers (name, email, phone, address, postcode, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(&details.name)
    .bind(details.email.as_deref())
    .bind(details.phone.as_deref())
    .bind(details.address.as_deref())
    .bind(details.postcode.as_deref())
    .bind(now)
    .fetch_one(conn)
    .await
}
