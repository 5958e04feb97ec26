//! Case events as other systems see them: the JSON API's event feed and each webhook's
//! body are the same shape.
//!
//! The feed is read by a cursor, the last event id seen. On PostgreSQL ids are taken
//! when an event is written but become visible when its transaction commits, so a
//! later id can be seen before an earlier one: the feed holds back events younger than
//! [`HOLD_BACK_MS`] there, so a reader never skips an event that commits late (no
//! transaction here runs that long). SQLite commits one writer at a time, in id order.

use serde::Serialize;
use sqlx::AnyPool;
use utoipa::ToSchema;

use crate::cases::{ActorKind, CaseRef, EventKind, Status};
use crate::db::Backend;
use crate::reference::Prefix;

pub const HOLD_BACK_MS: i64 = 5_000;

/// Something that happened to a case.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Event {
    /// Increases with every event; the cursor for `after`.
    pub id: i64,
    /// The case's reference.
    #[schema(example = "KMB-4K7-9QX")]
    pub case: String,
    /// When it happened (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub at: String,
    /// What happened, like `status_changed`, `message` or `note`.
    pub kind: String,
    /// Who did it: `system`, `customer`, `staff` or `partner`.
    pub actor: String,
    /// Whether the customer sees it on their case page.
    pub public: bool,
    /// The words of a message, note or status change, if it has any.
    pub text: Option<String>,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
}

crate::db::sql::row_struct! {
    #[derive(Debug)]
    struct Row {
        id: i64,
        case_id: i64,
        at: i64,
        kind: i64,
        actor_kind: i64,
        public: i64,
        body: Option<String>,
        from_status: Option<i64>,
        to_status: Option<i64>,
    }
}

const SELECT: &str = "SELECT e.id, e.case_id, e.at, e.kind, e.actor_kind, e.public, e.body, e.from_status, \
     e.to_status FROM case_events e";

/// Milliseconds as RFC 3339 in UTC.
pub fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map(|t| t.to_string()).unwrap_or_default()
}

/// An event as others see it, its stored numbers spoken as their codes.
fn event(prefix: &Prefix, row: Row) -> Result<Event, sqlx::Error> {
    let code = |col: &str, number: i64, code: Option<&'static str>| {
        code.map(str::to_owned).ok_or_else(|| crate::db::vocabulary::bad_code(col, &number.to_string()))
    };
    let status = |col: &str, number: Option<i64>| {
        number.map(|n| code(col, n, Status::from_number(n).map(Status::as_str))).transpose()
    };
    Ok(Event {
        id: row.id,
        case: CaseRef::from_id(prefix, row.case_id).to_string(),
        at: rfc3339(row.at),
        kind: code("kind", row.kind, EventKind::from_number(row.kind).map(EventKind::as_str))?,
        actor: code("actor_kind", row.actor_kind, ActorKind::from_number(row.actor_kind).map(ActorKind::as_str))?,
        public: row.public != 0,
        text: row.body,
        from_status: status("from_status", row.from_status)?,
        to_status: status("to_status", row.to_status)?,
    })
}

/// One event, with its case's partner.
pub async fn one(pool: &AnyPool, prefix: &Prefix, id: i64) -> Result<Option<Event>, sqlx::Error> {
    let row: Option<Row> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE e.id = $1"))).bind(id).fetch_optional(pool).await?;
    row.map(|row| event(prefix, row)).transpose()
}

/// A case's events, oldest first.
pub async fn of_case(pool: &AnyPool, prefix: &Prefix, case_id: i64) -> Result<Vec<Event>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE e.case_id = $1 ORDER BY e.id")))
        .bind(case_id)
        .fetch_all(pool)
        .await?;
    rows.into_iter().map(|row| event(prefix, row)).collect()
}

/// Events after the cursor, oldest first: of one partner's cases, or of all.
pub async fn since(
    pool: &AnyPool,
    backend: Backend,
    prefix: &Prefix,
    after: i64,
    partner: Option<i64>,
    limit: i64,
    now: i64,
) -> Result<Vec<Event>, sqlx::Error> {
    let until = match backend {
        Backend::Postgres => now - HOLD_BACK_MS,
        Backend::Sqlite => i64::MAX,
    };
    let rows: Vec<Row> = match partner {
        None => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{SELECT} WHERE e.id > $1 AND e.at <= $2 ORDER BY e.id LIMIT $3"
            )))
            .bind(after)
            .bind(until)
            .bind(limit)
            .fetch_all(pool)
            .await?
        }
        Some(partner) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{SELECT} JOIN cases c ON c.id = e.case_id WHERE e.id > $1 AND e.at <= $2 AND c.partner_id = $3 \
                 ORDER BY e.id LIMIT $4"
            )))
            .bind(after)
            .bind(until)
            .bind(partner)
            .bind(limit)
            .fetch_all(pool)
            .await?
        }
    };
    rows.into_iter().map(|row| event(prefix, row)).collect()
}
