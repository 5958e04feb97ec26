//! The stored answers to information requests and the disclosure log.

pub mod export;

use sqlx::{AnyConnection, Executor};

use crate::cases::CaseType;

crate::db::sql::row_struct! {
    /// One answer: stage 1 the response, stage 2 the internal review.
    #[derive(Debug, Clone)]
    pub struct Response {
        pub stage: i64,
        pub outcome: String,
        pub exemptions: String,
        pub answered_by: i64,
        /// The officer's name.
        pub name: String,
        pub at: i64,
    }
}

pub(crate) async fn insert_response(
    conn: &mut AnyConnection,
    case_id: i64,
    stage: i64,
    outcome: &str,
    exemptions: &str,
    staff_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO information_responses (case_id, stage, outcome, exemptions, answered_by, at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(case_id)
    .bind(stage)
    .bind(outcome)
    .bind(exemptions)
    .bind(staff_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

const RESPONSE: &str = "SELECT r.stage, r.outcome, r.exemptions, r.answered_by, s.name, r.at \
     FROM information_responses r JOIN staff_users s ON s.id = r.answered_by WHERE r.case_id = $1";

/// The case's answers, first stage first.
pub async fn responses<'e>(
    db: impl Executor<'e, Database = sqlx::Any>,
    case_id: i64,
) -> Result<Vec<Response>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{RESPONSE} ORDER BY r.stage"))).bind(case_id).fetch_all(db).await
}

/// The answer at one stage.
pub async fn response<'e>(
    db: impl Executor<'e, Database = sqlx::Any>,
    case_id: i64,
    stage: i64,
) -> Result<Option<Response>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{RESPONSE} AND r.stage = $2")))
        .bind(case_id)
        .bind(stage)
        .fetch_optional(db)
        .await
}

/// Who gave the answer at `stage`: the review goes to someone else.
pub async fn answered_by(conn: &mut AnyConnection, case_id: i64, stage: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT answered_by FROM information_responses WHERE case_id = $1 AND stage = $2")
        .bind(case_id)
        .bind(stage)
        .fetch_optional(conn)
        .await
}

/// What a disclosure log entry publishes.
pub struct Published<'a> {
    pub case_type: CaseType,
    pub title: &'a str,
    pub request: &'a str,
    pub response: &'a str,
    pub outcome: &'a str,
    pub exemptions: &'a str,
    pub received_at: i64,
    pub answered_at: i64,
}

/// Publishes the case's entry, or replaces it (publishing again after a withdrawal too).
pub(crate) async fn publish(
    conn: &mut AnyConnection,
    case_id: i64,
    p: &Published<'_>,
    staff_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO disclosure_log (case_id, case_type, title, request, response, outcome, exemptions, \
         received_at, answered_at, published_at, published_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (case_id) DO UPDATE SET title = excluded.title, request = excluded.request, \
         response = excluded.response, outcome = excluded.outcome, exemptions = excluded.exemptions, \
         answered_at = excluded.answered_at, published_at = excluded.published_at, \
         published_by = excluded.published_by, withdrawn_at = NULL, withdrawn_by = NULL, withdrawn_reason = NULL",
    )
    .bind(case_id)
    .bind(p.case_type.as_str())
    .bind(p.title)
    .bind(p.request)
    .bind(p.response)
    .bind(p.outcome)
    .bind(p.exemptions)
    .bind(p.received_at)
    .bind(p.answered_at)
    .bind(now)
    .bind(staff_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes the case's entry down; false if it was not up.
pub(super) async fn withdraw(
    conn: &mut AnyConnection,
    case_id: i64,
    staff_id: i64,
    reason: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE disclosure_log SET withdrawn_at = $1, withdrawn_by = $2, withdrawn_reason = $3 \
         WHERE case_id = $4 AND withdrawn_at IS NULL",
    )
    .bind(now)
    .bind(staff_id)
    .bind(reason)
    .bind(case_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

crate::db::sql::row_struct! {
    /// A disclosure log entry.
    #[derive(Debug, Clone)]
    pub struct LogEntry {
        pub id: i64,
        pub case_id: i64,
        pub case_type: String,
        pub title: String,
        pub request: String,
        pub response: String,
        pub outcome: String,
        pub exemptions: String,
        pub received_at: i64,
        pub answered_at: i64,
        pub published_at: i64,
        pub withdrawn_at: Option<i64>,
        pub withdrawn_reason: Option<String>,
    }
}

const ENTRY: &str = "SELECT id, case_id, case_type, title, request, response, outcome, exemptions, received_at, \
     answered_at, published_at, withdrawn_at, withdrawn_reason FROM disclosure_log";

/// The case's entry, published or withdrawn.
pub async fn for_case<'e>(
    db: impl Executor<'e, Database = sqlx::Any>,
    case_id: i64,
) -> Result<Option<LogEntry>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{ENTRY} WHERE case_id = $1"))).bind(case_id).fetch_optional(db).await
}

/// A published entry, for its public page.
pub async fn published<'e>(
    db: impl Executor<'e, Database = sqlx::Any>,
    id: i64,
) -> Result<Option<LogEntry>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{ENTRY} WHERE id = $1 AND withdrawn_at IS NULL")))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Where a page of the log starts: after the entry published at this time with this id.
pub type Cursor = (i64, i64);

/// Up to `limit` published entries, newest first, after `before` (a keyset, so a page
/// costs the same however long the log grows).
pub async fn page<'e>(
    db: impl Executor<'e, Database = sqlx::Any>,
    before: Option<Cursor>,
    limit: i64,
) -> Result<Vec<LogEntry>, sqlx::Error> {
    let (at, id) = before.unwrap_or((i64::MAX, i64::MAX));
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{ENTRY} WHERE withdrawn_at IS NULL AND (published_at < $1 OR (published_at = $1 AND id < $2)) \
         ORDER BY published_at DESC, id DESC LIMIT $3"
    )))
    .bind(at)
    .bind(id)
    .bind(limit)
    .fetch_all(db)
    .await
}
