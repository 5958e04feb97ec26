//! Officers' visits as rows, and identity cards.

use sqlx::{AnyConnection, AnyPool, Row};

use super::{Arrange, VisitState};
use crate::db::vocabulary::code;

/// A visit as stored, with its officer.
#[derive(Debug, Clone)]
pub struct Visit {
    pub id: i64,
    pub case_id: i64,
    pub officer_id: i64,
    pub officer_name: String,
    pub officer_disabled: bool,
    pub team_name: String,
    pub id_card: Option<String>,
    pub due_at: i64,
    pub window_end: Option<i64>,
    pub state: VisitState,
    pub sequence: i64,
    pub uid: String,
    pub arrived_at: Option<i64>,
    pub outcome: Option<String>,
    pub measured: Option<bool>,
}

const COLUMNS: &str = "v.id, v.case_id, v.officer_id, u.name AS officer_name, u.disabled, \
     COALESCE(t.name, '') AS team_name, u.id_card, v.due_at, v.window_end, v.state, v.sequence, v.uid, v.arrived_at, \
     v.outcome, v.measured FROM officer_visits v JOIN staff_users u ON u.id = v.officer_id \
     LEFT JOIN teams t ON t.id = u.team_id";

fn visit(r: &sqlx::any::AnyRow) -> Result<Visit, sqlx::Error> {
    Ok(Visit {
        id: r.try_get("id")?,
        case_id: r.try_get("case_id")?,
        officer_id: r.try_get("officer_id")?,
        officer_name: r.try_get("officer_name")?,
        officer_disabled: r.try_get::<i64, _>("disabled")? == 1,
        team_name: r.try_get("team_name")?,
        id_card: r.try_get("id_card")?,
        due_at: r.try_get("due_at")?,
        window_end: r.try_get("window_end")?,
        state: code(r, "state", VisitState::parse)?,
        sequence: r.try_get("sequence")?,
        uid: r.try_get("uid")?,
        arrived_at: r.try_get("arrived_at")?,
        outcome: r.try_get("outcome")?,
        measured: r.try_get::<Option<i64>, _>("measured")?.map(|m| m == 1),
    })
}

pub async fn insert(conn: &mut AnyConnection, a: &Arrange, uid: &str, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO officer_visits (case_id, officer_id, due_at, window_end, state, sequence, uid, arranged_by, \
         arranged_at) VALUES ($1, $2, $3, $4, 'arranged', 0, $5, $6, $7) RETURNING id",
    )
    .bind(a.case_id)
    .bind(a.officer_id)
    .bind(a.due_at)
    .bind(a.window_end)
    .bind(uid)
    .bind(a.staff_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<Visit>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} WHERE v.id = $1");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?.as_ref().map(visit).transpose()
}

/// A case's visits, latest first.
pub async fn of_case(pool: &AnyPool, case_id: i64) -> Result<Vec<Visit>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} WHERE v.case_id = $1 ORDER BY v.due_at DESC");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(case_id).fetch_all(pool).await?.iter().map(visit).collect()
}

/// An officer's visits in a range, in time order.
pub async fn of_officer(pool: &AnyPool, officer_id: i64, from: i64, to: i64) -> Result<Vec<Visit>, sqlx::Error> {
    let sql =
        format!("SELECT {COLUMNS} WHERE v.officer_id = $1 AND v.due_at >= $2 AND v.due_at < $3 ORDER BY v.due_at");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(officer_id)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?
        .iter()
        .map(visit)
        .collect()
}

/// Moves (`Some`) or cancels (`None`) an arranged visit, raising its SEQUENCE.
pub async fn change(
    conn: &mut AnyConnection,
    id: i64,
    to: Option<(i64, Option<i64>)>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = match to {
        Some((due, end)) => {
            sqlx::query(
                "UPDATE officer_visits SET due_at = $1, window_end = $2, sequence = sequence + 1 \
                 WHERE id = $3 AND state = 'arranged'",
            )
            .bind(due)
            .bind(end)
            .bind(id)
            .execute(conn)
            .await?
        }
        None => {
            sqlx::query(
                "UPDATE officer_visits SET state = 'cancelled', sequence = sequence + 1, finished_at = $1 \
                 WHERE id = $2 AND state = 'arranged'",
            )
            .bind(now)
            .bind(id)
            .execute(conn)
            .await?
        }
    };
    Ok(done.rows_affected() == 1)
}

pub async fn arrive(conn: &mut AnyConnection, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE officer_visits SET state = 'arrived', arrived_at = $1 WHERE id = $2 AND state = 'arranged'",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_measured(conn: &mut AnyConnection, id: i64, met: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE officer_visits SET measured = $1 WHERE id = $2")
        .bind(i64::from(met))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn finish(conn: &mut AnyConnection, id: i64, outcome: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE officer_visits SET state = 'done', outcome = $1, finished_at = $2 WHERE id = $3 AND state = 'arrived'",
    )
    .bind(outcome)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The service of a case, which a visit's counts are kept under.
pub async fn service_of(conn: &mut AnyConnection, case_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT service_id FROM cases WHERE id = $1").bind(case_id).fetch_one(conn).await
}

/// Every measured arrival: (service, due, window end, arrived, met).
pub async fn arrivals(pool: &AnyPool) -> Result<Vec<(i64, i64, Option<i64>, i64, bool)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.service_id, v.due_at, v.window_end, v.arrived_at, v.measured FROM officer_visits v \
         JOIN cases c ON c.id = v.case_id WHERE v.measured IS NOT NULL AND v.arrived_at IS NOT NULL",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("service_id")?,
                r.try_get("due_at")?,
                r.try_get("window_end")?,
                r.try_get("arrived_at")?,
                r.try_get::<i64, _>("measured")? == 1,
            ))
        })
        .collect()
}

/// A current (not disabled) officer by identity card: (id, name, team).
pub async fn officer_by_card(pool: &AnyPool, card: &str) -> Result<Option<(i64, String, String)>, sqlx::Error> {
    if card.is_empty() {
        return Ok(None);
    }
    sqlx::query_as(
        "SELECT u.id, u.name, COALESCE(t.name, '') FROM staff_users u LEFT JOIN teams t ON t.id = u.team_id \
         WHERE u.id_card = $1 AND u.disabled = 0",
    )
    .bind(card)
    .fetch_optional(pool)
    .await
}

/// Whether the officer has a visit arranged in a range at an address with this postcode
/// (the case's location, or the customer's address). Postcodes compare without spaces.
pub async fn visiting(
    pool: &AnyPool,
    officer_id: i64,
    postcode: &str,
    from: i64,
    to: i64,
) -> Result<bool, sqlx::Error> {
    let postcode: String = postcode.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT v.id FROM officer_visits v JOIN cases c ON c.id = v.case_id \
         LEFT JOIN customers m ON m.id = c.customer_id \
         WHERE v.officer_id = $1 AND v.due_at >= $2 AND v.due_at < $3 AND v.state IN ('arranged', 'arrived') \
         AND (REPLACE(UPPER(COALESCE(c.postcode, '')), ' ', '') = $4 OR REPLACE(UPPER(COALESCE(m.postcode, '')), ' ', '') = $4) \
         LIMIT 1",
    )
    .bind(officer_id)
    .bind(from)
    .bind(to)
    .bind(postcode)
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}

/// Sets or clears a member of staff's identity card number; false when another holds it.
pub async fn set_card(conn: &mut AnyConnection, staff_id: i64, card: Option<&str>) -> Result<bool, sqlx::Error> {
    match sqlx::query("UPDATE staff_users SET id_card = $1 WHERE id = $2").bind(card).bind(staff_id).execute(conn).await
    {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(err)) if err.is_unique_violation() => Ok(false),
        Err(err) => Err(err),
    }
}

/// Every visit arranged in a range, in time order.
pub async fn between(pool: &AnyPool, from: i64, to: i64) -> Result<Vec<Visit>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} WHERE v.due_at >= $1 AND v.due_at < $2 ORDER BY v.due_at LIMIT 500");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(from).bind(to).fetch_all(pool).await?.iter().map(visit).collect()
}

/// Current staff with an identity card: (id, name, card).
pub async fn officers(pool: &AnyPool) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name, id_card FROM staff_users WHERE id_card IS NOT NULL AND disabled = 0 ORDER BY name")
        .fetch_all(pool)
        .await
}

/// A member of staff's id by email address.
pub async fn staff_by_email(pool: &AnyPool, email: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM staff_users WHERE email = $1").bind(email).fetch_optional(pool).await
}
