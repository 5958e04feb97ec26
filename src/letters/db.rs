//! Letters' rows: outbox rows with channel `letter`, and each printing of one.

use sqlx::{AnyConnection, AnyPool, Row};

/// A letter on the list, without its text.
#[derive(Debug, Clone)]
pub struct Listed {
    pub id: i64,
    pub case_id: Option<i64>,
    pub purpose: String,
    /// The name and address, one line each.
    pub recipient: String,
    pub subject: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub large_print: bool,
    /// How many times it has been printed.
    pub prints: i64,
}

fn listed(row: &sqlx::any::AnyRow) -> Result<Listed, sqlx::Error> {
    Ok(Listed {
        id: row.try_get("id")?,
        case_id: row.try_get("case_id")?,
        purpose: row.try_get("purpose")?,
        recipient: row.try_get("recipient")?,
        subject: row.try_get("subject")?,
        created_at: row.try_get("created_at")?,
        sent_at: row.try_get("sent_at")?,
        large_print: row.try_get::<i64, _>("large_print")? != 0,
        prints: row.try_get("prints")?,
    })
}

const LISTED: &str = "SELECT o.id, o.case_id, o.purpose, o.recipient, o.subject, o.created_at, o.sent_at, o.large_print, \
     (SELECT COUNT(*) FROM letter_prints p WHERE p.outbox_id = o.id) AS prints FROM outbox o";

/// Letters waiting to be printed, oldest first, through `outbox_post_idx`.
pub async fn waiting(pool: &AnyPool, limit: i64) -> Result<Vec<Listed>, sqlx::Error> {
    let sql = format!("{LISTED} WHERE o.channel = 'letter' AND o.sent_at IS NULL ORDER BY o.id LIMIT $1");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(limit).fetch_all(pool).await?.iter().map(listed).collect()
}

/// The ids of letters waiting to be printed, oldest first, in the caller's transaction.
pub async fn waiting_ids(conn: &mut AnyConnection, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM outbox WHERE channel = 'letter' AND sent_at IS NULL ORDER BY id LIMIT $1")
        .bind(limit)
        .fetch_all(conn)
        .await
}

/// Letters printed since `since`, newest first: the ones a reprint may be asked for.
pub async fn printed_since(pool: &AnyPool, since: i64, limit: i64) -> Result<Vec<Listed>, sqlx::Error> {
    let sql = format!(
        "{LISTED} WHERE o.channel = 'letter' AND o.sent_at IS NOT NULL AND o.sent_at >= $1 ORDER BY o.sent_at DESC, o.id DESC LIMIT $2"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(since).bind(limit).fetch_all(pool).await?.iter().map(listed).collect()
}

/// Marks a letter printed, which is sent. False if it was printed already (by another
/// batch at the same moment) or is not a letter.
pub async fn mark_printed(conn: &mut AnyConnection, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE outbox SET sent_at = $1, attempts = 1 WHERE id = $2 AND channel = 'letter' AND sent_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records one printing.
pub async fn record_print(
    conn: &mut AnyConnection,
    id: i64,
    staff_id: Option<i64>,
    reprint: bool,
    reason: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO letter_prints (outbox_id, staff_id, reprint, reason, printed_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(staff_id)
    .bind(i64::from(reprint))
    .bind(reason)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// A letter's printings, oldest first: who (a staff id, or none for the command line),
/// whether a reprint, why, and when.
pub async fn prints(pool: &AnyPool, id: i64) -> Result<Vec<(Option<i64>, bool, Option<String>, i64)>, sqlx::Error> {
    sqlx::query("SELECT staff_id, reprint, reason, printed_at FROM letter_prints WHERE outbox_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("staff_id")?,
                r.try_get::<i64, _>("reprint")? != 0,
                r.try_get("reason")?,
                r.try_get("printed_at")?,
            ))
        })
        .collect()
}
