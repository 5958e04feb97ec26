//! Subscriptions and the webhook outbox.

use sqlx::{AnyConnection, AnyPool, AssertSqlSafe};

use crate::cases::EventKind;

/// The job that sends what is due.
pub const JOB: &str = crate::db::queue::kind::WEBHOOKS;

crate::db::sql::row_struct! {
    #[derive(Debug, Clone)]
    pub struct Subscription {
        pub id: i64,
        pub url: String,
        pub kinds: String,
        pub partner_id: Option<i64>,
        pub partner_name: Option<String>,
        pub created_at: i64,
        pub disabled_at: Option<i64>,
        pub pending: i64,
        pub dead: i64,
    }
}

impl Subscription {
    pub fn kind_labels(&self) -> String {
        let chosen: Vec<&str> =
            self.kinds.split(',').filter_map(EventKind::parse).map(crate::cases::EventKind::label).collect();
        chosen.join(", ")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SubscribeError {
    #[error("{field}: {message}")]
    Field { field: &'static str, message: String },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

fn field(field: &'static str, message: impl Into<String>) -> SubscribeError {
    SubscribeError::Field { field, message: message.into() }
}

/// Subscribes a URL; returns the id and the secret, which is shown once.
pub async fn subscribe(
    conn: &mut AnyConnection,
    url: &str,
    kinds: &[String],
    partner_id: Option<i64>,
    allow_private: bool,
    staff_id: i64,
    now: i64,
) -> Result<(i64, String), SubscribeError> {
    let target = super::Target::parse(url).map_err(|why| field("url", why))?;
    if !allow_private && target.literal_ip().is_some_and(super::is_private) {
        return Err(field("url", "That address is on a private network. Give one on the internet"));
    }
    let mut chosen: Vec<EventKind> = Vec::new();
    for kind in kinds {
        chosen.push(EventKind::parse(kind).ok_or_else(|| field("kinds", format!("There is no event kind {kind:?}")))?);
    }
    if chosen.is_empty() {
        return Err(field("kinds", "Choose at least one kind of event"));
    }
    chosen.sort();
    chosen.dedup();
    let kinds = format!(",{},", chosen.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(","));
    let secret = super::new_secret();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO webhook_subscriptions (url, kinds, partner_id, secret, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(target.as_str())
    .bind(kinds)
    .bind(partner_id)
    .bind(&secret)
    .bind(staff_id)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok((id, secret))
}

/// Every subscription, newest first, with what is waiting and what is dead.
pub async fn subscriptions(pool: &AnyPool) -> Result<Vec<Subscription>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, s.url, s.kinds, s.partner_id, p.name AS partner_name, s.created_at, s.disabled_at, \
         (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.state = 'pending') AS pending, \
         (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.state = 'dead') AS dead \
         FROM webhook_subscriptions s LEFT JOIN partners p ON p.id = s.partner_id ORDER BY s.id DESC",
    )
    .fetch_all(pool)
    .await
}

/// Stops a subscription: nothing more is sent to it, and what was waiting stays listed.
pub async fn disable(pool: &AnyPool, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE webhook_subscriptions SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Writes a delivery of each of a case's new events to each subscription that wants it,
/// in the events' transaction, and wakes the job when there is one. One statement for
/// all the events (a new case has four), so with no subscriptions this is one look at an
/// empty table. `events` are (event id, kind).
pub async fn enqueue(
    conn: &mut AnyConnection,
    case_id: i64,
    events: &[(i64, EventKind)],
    now: i64,
) -> Result<(), sqlx::Error> {
    if events.is_empty() {
        return Ok(());
    }
    // Numbered in the order they appear, as SQLite numbers named parameters that way.
    // Inserted in the events' order: a subscription gets a case's events in the order of
    // their deliveries' ids (`due`), so the ids must follow the events whatever the plan.
    let rows: Vec<String> = (0..events.len()).map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2)).collect();
    let (case, at) = (2 * events.len() + 1, 2 * events.len() + 2);
    // The kind's pattern is made in the statement, not bound whole: SQLite plans a LIKE
    // against a bound pattern for the value bound, so each new kind made it prepare the
    // statement again (a tenth of the writer's time with 64 clients creating cases).
    let sql = format!(
        "WITH e (event_id, kind) AS (VALUES {}) \
         INSERT INTO webhook_deliveries (subscription_id, case_id, event_id, next_at, created_at) \
         SELECT s.id, ${case}, e.event_id, ${at}, ${at} FROM e JOIN webhook_subscriptions s \
         ON s.kinds LIKE '%,' || e.kind || ',%' WHERE s.disabled_at IS NULL \
         AND (s.partner_id IS NULL OR s.partner_id = (SELECT partner_id FROM cases WHERE id = ${case})) \
         ORDER BY e.event_id, s.id",
        rows.join(", ")
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for (event_id, kind) in events {
        query = query.bind(*event_id).bind(kind.as_str());
    }
    let written = query.bind(case_id).bind(now).execute(&mut *conn).await?;
    if written.rows_affected() > 0 {
        crate::db::queue::enqueue(conn, JOB, "due", now).await?;
    }
    Ok(())
}

crate::db::sql::row_struct! {
    /// A delivery to attempt.
    #[derive(Debug, Clone)]
    pub struct Due {
        pub id: i64,
        pub event_id: i64,
        pub attempts: i64,
        pub url: String,
        pub secret: String,
    }
}

/// The oldest pending delivery of each case and subscription, if it is due.
pub async fn due(pool: &AnyPool, now: i64, limit: i64) -> Result<Vec<Due>, sqlx::Error> {
    sqlx::query_as(
        "SELECT d.id, d.event_id, d.attempts, s.url, s.secret FROM webhook_deliveries d \
         JOIN webhook_subscriptions s ON s.id = d.subscription_id \
         WHERE d.state = 'pending' AND d.next_at <= $1 AND s.disabled_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.state = 'pending' \
           AND e.subscription_id = d.subscription_id AND e.case_id = d.case_id AND e.id < d.id) \
         ORDER BY d.next_at, d.id LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// When the next pending delivery falls due, if any.
pub async fn next_due(pool: &AnyPool) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT MIN(d.next_at) FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id \
         WHERE d.state = 'pending' AND s.disabled_at IS NULL",
    )
    .fetch_one(pool)
    .await
}

pub async fn delivered(pool: &AnyPool, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = $1, \
         last_error = NULL WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Removes up to `most` deliveries made before `before`, oldest first; pending and dead
/// ones stay. Returns how many.
pub async fn sweep_delivered(pool: &AnyPool, before: i64, most: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries \
         WHERE state = 'delivered' AND delivered_at < $1 ORDER BY id LIMIT $2)",
    )
    .bind(before)
    .bind(most)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// Records a failed attempt: tried again after the backoff, or dead after the last.
pub async fn failed(pool: &AnyPool, due: &Due, error: &str, now: i64) -> Result<(), sqlx::Error> {
    let attempts = due.attempts + 1;
    let state = if attempts >= super::MAX_ATTEMPTS { "dead" } else { "pending" };
    sqlx::query("UPDATE webhook_deliveries SET state = $1, attempts = $2, next_at = $3, last_error = $4 WHERE id = $5")
        .bind(state)
        .bind(attempts)
        .bind(now + crate::db::queue::backoff(attempts))
        .bind(error.chars().take(500).collect::<String>())
        .bind(due.id)
        .execute(pool)
        .await?;
    Ok(())
}

crate::db::sql::row_struct! {
    /// A delivery given up on, for the administrators' list.
    #[derive(Debug, Clone)]
    pub struct Dead {
        pub id: i64,
        pub subscription_id: i64,
        pub url: String,
        pub case_id: i64,
        pub event_id: i64,
        pub kind: String,
        pub attempts: i64,
        pub last_error: Option<String>,
        pub created_at: i64,
    }
}

/// Dead deliveries, newest first, a page at a time: those before `before` (an id).
pub async fn dead(pool: &AnyPool, before: Option<i64>, limit: i64) -> Result<Vec<Dead>, sqlx::Error> {
    sqlx::query_as(
        "SELECT d.id, d.subscription_id, s.url, d.case_id, d.event_id, k.code AS kind, d.attempts, d.last_error, \
         d.created_at FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id \
         JOIN case_events e ON e.id = d.event_id \
         JOIN vocabulary k ON k.name = 'event_kind' AND k.number = e.kind \
         WHERE d.state = 'dead' AND d.id < $1 ORDER BY d.id DESC LIMIT $2",
    )
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Sends a dead delivery again, from the first attempt. False if it is not dead.
pub async fn replay(conn: &mut AnyConnection, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_at = $1, last_error = NULL \
         WHERE id = $2 AND state = 'dead'",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        crate::db::queue::enqueue(conn, JOB, "due", now).await?;
    }
    Ok(done.rows_affected() == 1)
}
