//! Casework's queries: the clock projection's rows, the sweep's, and what telling a
//! customer reads.

use jiff::Timestamp;
use sqlx::{AnyConnection, AnyPool, Row};

use crate::clocks::{Clock, State};
use crate::db::flag;
use crate::org::Role;
use crate::rollups::db::StoredClock;

/// What a customer gave us to reach them by.
#[derive(Debug, Clone, Default)]
pub struct Reachable {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub prefers_post: bool,
    pub large_print: bool,
    /// They asked to be phoned, not emailed (an adjustment).
    pub prefers_phone: bool,
}

/// A customer's name, and the ways to reach them.
pub async fn how_to_reach(conn: &mut AnyConnection, customer_id: i64) -> Result<Reachable, sqlx::Error> {
    let row = sqlx::query(
        "SELECT name, email, phone, address, postcode, prefers_post, large_print, prefers_phone FROM customers \
         WHERE id = $1",
    )
    .bind(customer_id)
    .fetch_one(conn)
    .await?;
    Ok(Reachable {
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
        address: row.try_get("address")?,
        postcode: row.try_get("postcode")?,
        prefers_post: row.try_get::<i64, _>("prefers_post")? != 0,
        large_print: row.try_get::<i64, _>("large_print")? != 0,
        prefers_phone: row.try_get::<i64, _>("prefers_phone")? != 0,
    })
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

/// A case's service code, when it was resolved and its clocks as stored: what its clock
/// projection needs beside its events. One statement, a row for each clock (or one with
/// none).
pub async fn projection_inputs(
    conn: &mut AnyConnection,
    case_id: i64,
) -> Result<(String, Option<i64>, Vec<StoredClock>), sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.code, c.resolved_at, k.standard_id, k.state, k.breached, k.due_at, k.stopped_at \
         FROM cases c JOIN services s ON s.id = c.service_id LEFT JOIN clocks k ON k.case_id = c.id WHERE c.id = $1",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?;
    let first = rows.first().ok_or(sqlx::Error::RowNotFound)?;
    let (code, resolved_at) = (first.try_get("code")?, first.try_get("resolved_at")?);
    let mut clocks = Vec::with_capacity(rows.len());
    for r in &rows {
        let Some(standard_id) = r.try_get::<Option<String>, _>("standard_id")? else { continue };
        clocks.push(StoredClock {
            standard_id,
            state: State::parse(&r.try_get::<String, _>("state")?).unwrap_or(State::Running),
            breached: r.try_get::<i64, _>("breached")? == 1,
            due_at: r.try_get("due_at")?,
            stopped_at: r.try_get("stopped_at")?,
        });
    }
    Ok((code, resolved_at, clocks))
}

/// The role of an account that can sign in.
pub async fn role_of(conn: &mut AnyConnection, staff_id: i64) -> Result<Option<Role>, sqlx::Error> {
    let role: Option<String> = sqlx::query_scalar("SELECT role FROM staff_users WHERE id = $1 AND disabled = 0")
        .bind(staff_id)
        .fetch_optional(conn)
        .await?;
    Ok(role.as_deref().and_then(Role::parse))
}

/// Clocks whose next warning or breach is due by `now`, soonest first: (case id, standard
/// id, when it fires). Read through `clocks_fire_idx`.
pub async fn falling_due(pool: &AnyPool, now: i64, limit: i64) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query(
        "SELECT case_id, standard_id, next_fire_at FROM clocks \
         WHERE next_fire_at IS NOT NULL AND next_fire_at <= $1 ORDER BY next_fire_at LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("case_id")?, r.try_get("standard_id")?, r.try_get("next_fire_at")?)))
    .collect()
}

/// Claims one firing by clearing `next_fire_at` only if it still holds the value read:
/// false if another runner took it first.
pub async fn claim_firing(
    conn: &mut AnyConnection,
    case_id: i64,
    standard_id: &str,
    fire_at: i64,
) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query(
        "UPDATE clocks SET next_fire_at = NULL WHERE case_id = $1 AND standard_id = $2 AND next_fire_at = $3",
    )
    .bind(case_id)
    .bind(standard_id)
    .bind(fire_at)
    .execute(conn)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

fn millis(t: Option<Timestamp>) -> Option<i64> {
    t.map(jiff::Timestamp::as_millisecond)
}

/// Stores a case's clocks as replayed (new ones added, the others rewritten), then the
/// case row's copy of what they say: the next deadline for queues, and when it was
/// resolved. One statement ([`crate::db::then`]).
pub async fn store_projection(
    conn: &mut AnyConnection,
    case_id: i64,
    clocks: &[Clock],
    queue_due_at: Option<i64>,
    resolved_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    let backend = crate::db::Backend::of(conn);
    // The clocks first, then the case, as the values are bound.
    let before = 11 * clocks.len();
    let p = |n| crate::db::param(backend, before + n);
    let case = format!("UPDATE cases SET queue_due_at = {}, resolved_at = {} WHERE id = {}", p(1), p(2), p(3));
    let sql = if clocks.is_empty() {
        case
    } else {
        let clocks = format!(
            "INSERT INTO clocks (case_id, standard_id, standard_version, state, started_at, due_at, warn_at, \
             stopped_at, warned, breached, next_fire_at) VALUES {} \
             ON CONFLICT (case_id, standard_id) DO UPDATE SET standard_version = excluded.standard_version, \
             state = excluded.state, started_at = excluded.started_at, due_at = excluded.due_at, \
             warn_at = excluded.warn_at, stopped_at = excluded.stopped_at, warned = excluded.warned, \
             breached = excluded.breached, next_fire_at = excluded.next_fire_at",
            crate::db::values_list(backend, clocks.len(), 11)
        );
        crate::db::then(backend, &clocks, &case)
    };
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for clock in clocks {
        query = query
            .bind(case_id)
            .bind(clock.standard.id.clone())
            .bind(clock.version)
            .bind(clock.state.as_str())
            .bind(clock.started_at.as_millisecond())
            .bind(millis(clock.due()))
            .bind(millis(clock.deadline.as_ref().map(|d| d.warn_at)))
            .bind(millis(clock.stopped_at))
            .bind(flag(clock.warned))
            .bind(flag(clock.breached))
            .bind(millis(clock.next_fire_at()));
    }
    let query = query.bind(queue_due_at).bind(resolved_at).bind(case_id);
    query.execute(conn).await?;
    Ok(())
}

/// The lead of the team a case is with, if it has one who can sign in.
pub async fn team_lead(conn: &mut AnyConnection, case_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT s.id FROM staff_users s JOIN cases c ON c.team_id = s.team_id \
         WHERE c.id = $1 AND s.role = $2 AND s.disabled = 0 ORDER BY s.id LIMIT 1",
    )
    .bind(case_id)
    .bind(crate::org::Role::TeamLead.as_str())
    .fetch_optional(conn)
    .await
}
