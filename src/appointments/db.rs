//! Appointments, and changes to appointments and visits, as rows.

use sqlx::{AnyConnection, AnyPool, Row};

use super::AppointmentState;
use crate::db::vocabulary::code;

/// An appointment as stored.
#[derive(Debug, Clone)]
pub struct Appointment {
    pub id: i64,
    pub case_id: i64,
    pub service_id: i64,
    pub site: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub state: AppointmentState,
    pub sequence: i64,
    pub uid: String,
    pub arrived_at: Option<i64>,
    pub started_at: Option<i64>,
    pub measured: Option<bool>,
}

const COLUMNS: &str = "id, case_id, service_id, site, starts_at, ends_at, state, sequence, uid, arrived_at, \
                       started_at, measured FROM appointments";

fn appointment(r: &sqlx::any::AnyRow) -> Result<Appointment, sqlx::Error> {
    Ok(Appointment {
        id: r.try_get("id")?,
        case_id: r.try_get("case_id")?,
        service_id: r.try_get("service_id")?,
        site: r.try_get("site")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        state: code(r, "state", AppointmentState::parse)?,
        sequence: r.try_get("sequence")?,
        uid: r.try_get("uid")?,
        arrived_at: r.try_get("arrived_at")?,
        started_at: r.try_get("started_at")?,
        measured: r.try_get::<Option<i64>, _>("measured")?.map(|m| m == 1),
    })
}

pub struct NewAppointment<'a> {
    pub case_id: i64,
    pub service_id: i64,
    pub site: &'a str,
    pub starts_at: i64,
    pub ends_at: i64,
    pub uid: &'a str,
    pub token_hash: &'a str,
    pub booked_by: Option<i64>,
}

/// Takes the first free place of the slot; `None` when every place is taken. Each place
/// is one row's (service, start, place), unique, so two requests for the last place
/// cannot both have it: the second finds it taken (PostgreSQL waits for the first to
/// commit, then does nothing) and tries the next.
pub async fn insert(
    conn: &mut AnyConnection,
    new: &NewAppointment<'_>,
    places: i64,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    for place in 1..=places {
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO appointments (case_id, service_id, site, starts_at, ends_at, place, state, sequence, uid, \
             token_hash, booked_by, booked_at) VALUES ($1, $2, $3, $4, $5, $6, 'booked', 0, $7, $8, $9, $10) \
             ON CONFLICT (service_id, starts_at, place) DO NOTHING RETURNING id",
        )
        .bind(new.case_id)
        .bind(new.service_id)
        .bind(new.site)
        .bind(new.starts_at)
        .bind(new.ends_at)
        .bind(place)
        .bind(new.uid)
        .bind(new.token_hash)
        .bind(new.booked_by)
        .bind(now)
        .fetch_optional(&mut *conn)
        .await?;
        if id.is_some() {
            return Ok(id);
        }
    }
    Ok(None)
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<Appointment>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} WHERE id = $1");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?.as_ref().map(appointment).transpose()
}

/// The appointment a customer's link opens.
pub async fn by_token(pool: &AnyPool, token: &str) -> Result<Option<Appointment>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} WHERE token_hash = $1");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(crate::crypto::token_hash(token))
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(appointment)
        .transpose()
}

/// A case's appointments, latest first.
pub async fn of_case(pool: &AnyPool, case_id: i64) -> Result<Vec<Appointment>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} WHERE case_id = $1 ORDER BY starts_at DESC");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(case_id).fetch_all(pool).await?.iter().map(appointment).collect()
}

/// Appointments starting in a range, in order, with their services' names.
pub async fn between(pool: &AnyPool, from: i64, to: i64) -> Result<Vec<(Appointment, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.case_id, a.service_id, a.site, a.starts_at, a.ends_at, a.state, a.sequence, a.uid, \
         a.arrived_at, a.started_at, a.measured, s.name AS service FROM appointments a \
         JOIN services s ON s.id = a.service_id WHERE a.starts_at >= $1 AND a.starts_at < $2 \
         ORDER BY a.starts_at, a.id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    rows.iter().map(|r| Ok((appointment(r)?, r.try_get("service")?))).collect()
}

/// How many places are taken at each start in a range, for one service.
pub async fn taken(pool: &AnyPool, service_id: i64, from: i64, to: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT starts_at, COUNT(*) FROM appointments WHERE service_id = $1 AND starts_at >= $2 AND starts_at < $3 \
         AND place IS NOT NULL GROUP BY starts_at",
    )
    .bind(service_id)
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await
}

/// Moves a booked appointment to a free place at a new time, raising its SEQUENCE;
/// false when every place there is taken.
pub async fn move_to(
    conn: &mut AnyConnection,
    a: &Appointment,
    starts_at: i64,
    ends_at: i64,
    places: i64,
) -> Result<bool, sqlx::Error> {
    let used: Vec<i64> = sqlx::query_scalar(
        "SELECT place FROM appointments WHERE service_id = $1 AND starts_at = $2 AND place IS NOT NULL",
    )
    .bind(a.service_id)
    .bind(starts_at)
    .fetch_all(&mut *conn)
    .await?;
    let Some(place) = (1..=places).find(|p| !used.contains(p)) else { return Ok(false) };
    let moved = sqlx::query(
        "UPDATE appointments SET starts_at = $1, ends_at = $2, place = $3, sequence = sequence + 1, reminded_at = NULL \
         WHERE id = $4 AND state = 'booked' AND starts_at = $5",
    )
    .bind(starts_at)
    .bind(ends_at)
    .bind(place)
    .bind(a.id)
    .bind(a.starts_at)
    .execute(&mut *conn)
    .await;
    match moved {
        Ok(done) => Ok(done.rows_affected() == 1),
        // Taken by another request between the look and the move: the caller's
        // transaction is given up, which on PostgreSQL it must be after this error.
        Err(sqlx::Error::Database(err)) if err.is_unique_violation() => Ok(false),
        Err(err) => Err(err),
    }
}

/// Moves an appointment from one state to another unless someone moved it first, and
/// stamps the time. Cancelling gives up its place and raises its SEQUENCE.
pub async fn set_state(
    conn: &mut AnyConnection,
    id: i64,
    from: AppointmentState,
    to: AppointmentState,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let stamp = match to {
        AppointmentState::Arrived => ", arrived_at = $1",
        AppointmentState::Started => ", started_at = $1",
        AppointmentState::Finished => ", finished_at = $1",
        AppointmentState::Cancelled => ", place = NULL, sequence = sequence + 1, finished_at = $1",
        AppointmentState::NoShow => ", place = NULL, finished_at = $1",
        AppointmentState::Booked => ", booked_at = booked_at + 0 * $1",
    };
    let sql = format!("UPDATE appointments SET state = $2{stamp} WHERE id = $3 AND state = $4");
    let done = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(now)
        .bind(to.as_str())
        .bind(id)
        .bind(from.as_str())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_measured(conn: &mut AnyConnection, id: i64, met: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE appointments SET measured = $1 WHERE id = $2")
        .bind(i64::from(met))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Gives the appointment a new link for the customer, and returns it.
pub async fn new_token(conn: &mut AnyConnection, id: i64) -> Result<String, sqlx::Error> {
    let token = crate::crypto::new_token();
    sqlx::query("UPDATE appointments SET token_hash = $1 WHERE id = $2")
        .bind(crate::crypto::token_hash(&token))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(token)
}

/// Booked appointments starting in a range that have had no reminder.
pub async fn to_remind(conn: &mut AnyConnection, from: i64, to: i64) -> Result<Vec<Appointment>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} WHERE starts_at >= $1 AND starts_at < $2 AND state = 'booked' AND reminded_at IS NULL \
         ORDER BY starts_at LIMIT 1000"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(from).bind(to).fetch_all(conn).await?.iter().map(appointment).collect()
}

/// Marks a reminder sent; false if another worker sent it first.
pub async fn mark_reminded(conn: &mut AnyConnection, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE appointments SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Every measured start: (service, site, booked, arrived, started, met).
pub async fn started(pool: &AnyPool) -> Result<Vec<(i64, String, i64, Option<i64>, i64, bool)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT service_id, site, starts_at, arrived_at, started_at, measured FROM appointments \
         WHERE measured IS NOT NULL AND started_at IS NOT NULL",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("service_id")?,
                r.try_get("site")?,
                r.try_get("starts_at")?,
                r.try_get("arrived_at")?,
                r.try_get("started_at")?,
                r.try_get::<i64, _>("measured")? == 1,
            ))
        })
        .collect()
}

/// A change to an appointment or a visit.
pub struct Change<'a> {
    pub appointment_id: Option<i64>,
    pub visit_id: Option<i64>,
    pub service_id: i64,
    pub kind: &'a str,
    pub by_council: bool,
    pub old_start: i64,
    pub new_start: Option<i64>,
    pub reason: Option<&'a str>,
    pub staff_id: Option<i64>,
    pub met: Option<bool>,
}

pub async fn insert_change(conn: &mut AnyConnection, c: &Change<'_>, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO meeting_changes (appointment_id, visit_id, service_id, kind, by_council, old_start, new_start, \
         reason, staff_id, notified_at, met) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(c.appointment_id)
    .bind(c.visit_id)
    .bind(c.service_id)
    .bind(c.kind)
    .bind(i64::from(c.by_council))
    .bind(c.old_start)
    .bind(c.new_start)
    .bind(c.reason)
    .bind(c.staff_id)
    .bind(now)
    .bind(c.met.map(i64::from))
    .execute(conn)
    .await?;
    Ok(())
}

/// Every measured change: (service, when told, met).
pub async fn measured_changes(pool: &AnyPool) -> Result<Vec<(i64, i64, bool)>, sqlx::Error> {
    let rows = sqlx::query("SELECT service_id, notified_at, met FROM meeting_changes WHERE met IS NOT NULL")
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("service_id")?, r.try_get("notified_at")?, r.try_get::<i64, _>("met")? == 1)))
        .collect()
}
