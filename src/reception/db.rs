//! Visits and their steps as rows.

use sqlx::{AnyConnection, AnyPool, Row};

use super::{NewVisitor, VisitState};

/// A visit as stored.
#[derive(Debug, Clone)]
pub struct Visit {
    pub id: i64,
    pub site: String,
    pub ticket: String,
    pub name: String,
    pub service_id: i64,
    pub service: String,
    pub needs: Vec<super::Need>,
    pub state: VisitState,
    pub arrived_at: i64,
    pub called_at: Option<i64>,
    pub desk: Option<String>,
    pub told_at: Option<i64>,
    pub told: Option<String>,
    pub measured: Option<bool>,
    pub customer_id: Option<i64>,
    pub case_id: Option<i64>,
    pub appointment_id: Option<i64>,
}

const COLUMNS: &str = "v.id, v.site, v.ticket, v.name, v.service_id, s.name AS service, v.needs, v.state, \
                       v.arrived_at, v.called_at, v.desk, v.told_at, v.told, v.measured, v.customer_id, v.case_id, \
                       v.appointment_id FROM reception_visits v JOIN services s ON s.id = v.service_id";

fn visit(r: &sqlx::any::AnyRow) -> Result<Visit, sqlx::Error> {
    let needs: String = r.try_get("needs")?;
    Ok(Visit {
        id: r.try_get("id")?,
        site: r.try_get("site")?,
        ticket: r.try_get("ticket")?,
        name: r.try_get("name")?,
        service_id: r.try_get("service_id")?,
        service: r.try_get("service")?,
        needs: needs.split(',').filter_map(super::Need::parse).collect(),
        state: crate::db::vocabulary::code(r, "state", VisitState::parse)?,
        arrived_at: r.try_get("arrived_at")?,
        called_at: r.try_get("called_at")?,
        desk: r.try_get("desk")?,
        told_at: r.try_get("told_at")?,
        told: r.try_get("told")?,
        measured: r.try_get::<Option<i64>, _>("measured")?.map(|m| m == 1),
        customer_id: r.try_get("customer_id")?,
        case_id: r.try_get("case_id")?,
        appointment_id: r.try_get("appointment_id")?,
    })
}

/// Adds a visit with the next ticket of the site's day; `None` if three tries in a row
/// found their number just taken by a visitor booked in at the same moment.
pub async fn insert(
    conn: &mut AnyConnection,
    v: &NewVisitor,
    customer_id: i64,
    day: i64,
    needs: &str,
    now: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    for _ in 0..3 {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reception_visits WHERE site = $1 AND day = $2")
            .bind(&v.site)
            .bind(day)
            .fetch_one(&mut *conn)
            .await?;
        let ticket = super::ticket(count + 1);
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO reception_visits (site, day, ticket, name, service_id, needs, state, arrived_at, customer_id, \
             case_id, appointment_id) VALUES ($1, $2, $3, $4, $5, $6, 'waiting', $7, $8, $9, $10) \
             ON CONFLICT (site, day, ticket) DO NOTHING RETURNING id",
        )
        .bind(&v.site)
        .bind(day)
        .bind(&ticket)
        .bind(&v.customer.name)
        .bind(v.service_id)
        .bind(needs)
        .bind(now)
        .bind(customer_id)
        .bind(v.case_id)
        .bind(v.appointment_id)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(id) = id {
            return Ok(Some((id, ticket)));
        }
    }
    Ok(None)
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<Visit>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} WHERE v.id = $1");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?.as_ref().map(visit).transpose()
}

/// Moves a visit from `from` to `to` unless someone moved it first; stamps the step's time.
pub async fn move_state(
    conn: &mut AnyConnection,
    id: i64,
    from: VisitState,
    to: VisitState,
    desk: Option<&str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let stamp = match to {
        VisitState::Called => "called_at = $1, desk = $5",
        VisitState::BeingSeen => "started_at = $1",
        VisitState::Seen | VisitState::Left => "finished_at = $1",
        VisitState::Waiting => "arrived_at = arrived_at",
    };
    let sql = format!("UPDATE reception_visits SET state = $2, {stamp} WHERE id = $3 AND state = $4");
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now).bind(to.as_str()).bind(id).bind(from.as_str());
    if to == VisitState::Called {
        q = q.bind(desk);
    }
    Ok(q.execute(conn).await?.rows_affected() == 1)
}

/// Records a step: who, when, to what, with any note.
pub async fn step(
    conn: &mut AnyConnection,
    visit_id: i64,
    staff_id: Option<i64>,
    state: VisitState,
    note: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO reception_steps (visit_id, at, staff_id, state, note) VALUES ($1, $2, $3, $4, $5)")
        .bind(visit_id)
        .bind(now)
        .bind(staff_id)
        .bind(state.as_str())
        .bind(note)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_measured(conn: &mut AnyConnection, id: i64, met: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE reception_visits SET measured = $1 WHERE id = $2")
        .bind(i64::from(met))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Records what a waiting visitor was told; the first telling's time is the one kept.
pub async fn told(conn: &mut AnyConnection, id: i64, text: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE reception_visits SET told = $1, told_at = COALESCE(told_at, $2) WHERE id = $3")
        .bind(text)
        .bind(now)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Links a visit to the case opened about it.
pub async fn set_case(conn: &mut AnyConnection, id: i64, case_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE reception_visits SET case_id = $1 WHERE id = $2").bind(case_id).bind(id).execute(conn).await?;
    Ok(())
}

/// A visit whose standard is decided, for a rebuild of the counts.
#[derive(Debug, Clone)]
pub struct Decided {
    pub service_id: i64,
    pub site: String,
    pub arrived_at: i64,
    pub called_at: Option<i64>,
    /// When it was decided: when called, or when the visitor left.
    pub at: i64,
    pub met: bool,
}

pub async fn decided(pool: &AnyPool) -> Result<Vec<Decided>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT service_id, site, arrived_at, called_at, finished_at, measured FROM reception_visits \
         WHERE measured IS NOT NULL",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            let called_at: Option<i64> = r.try_get("called_at")?;
            let finished: Option<i64> = r.try_get("finished_at")?;
            let arrived_at: i64 = r.try_get("arrived_at")?;
            Ok(Decided {
                service_id: r.try_get("service_id")?,
                site: r.try_get("site")?,
                arrived_at,
                called_at,
                at: called_at.or(finished).unwrap_or(arrived_at),
                met: r.try_get::<i64, _>("measured")? == 1,
            })
        })
        .collect()
}

/// A site's visits of a day, in order of arrival.
pub async fn of_day(pool: &AnyPool, site: &str, day: i64) -> Result<Vec<Visit>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} WHERE v.site = $1 AND v.day = $2 ORDER BY v.arrived_at, v.id");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(site).bind(day).fetch_all(pool).await?.iter().map(visit).collect()
}
