//! The councillors' queries: the service that takes their enquiries, the councillor on
//! a case, and the cases a councillor sees.

use sqlx::{AnyConnection, AnyPool, Row};

use crate::cases::CaseType;
use crate::services::Service;

/// The first active service of the councillor's enquiry type.
pub async fn enquiry_service(pool: &AnyPool) -> Result<Option<Service>, sqlx::Error> {
    let services = crate::services::db::list_active(pool).await?;
    Ok(services.into_iter().find(|s| s.case_type == CaseType::CouncillorEnquiry))
}

pub async fn set_councillor(conn: &mut AnyConnection, case_id: i64, councillor_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE cases SET councillor_id = $1 WHERE id = $2")
        .bind(councillor_id)
        .bind(case_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A case as a councillor's list shows it.
#[derive(Debug, Clone)]
pub struct Line {
    pub id: i64,
    pub service: String,
    pub status: String,
    pub created_at: i64,
    pub queue_due_at: Option<i64>,
    pub councillor_id: Option<i64>,
    pub ward: Option<String>,
}

const COLUMNS: &str = "SELECT c.id, s.name AS service, c.status, c.created_at, c.queue_due_at, c.councillor_id, \
     c.ward FROM cases c JOIN services s ON s.id = c.service_id";

fn line(r: &sqlx::any::AnyRow) -> Result<Line, sqlx::Error> {
    Ok(Line {
        id: r.try_get("id")?,
        service: r.try_get("service")?,
        status: r.try_get("status")?,
        created_at: r.try_get("created_at")?,
        queue_due_at: r.try_get("queue_due_at")?,
        councillor_id: r.try_get("councillor_id")?,
        ward: r.try_get("ward")?,
    })
}

/// The newest `limit` enquiries a councillor made (through `cases_councillor_idx`).
pub async fn enquiries(pool: &AnyPool, councillor_id: i64, limit: i64) -> Result<Vec<Line>, sqlx::Error> {
    let sql = format!("{COLUMNS} WHERE c.councillor_id = $1 ORDER BY c.id DESC LIMIT $2");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(councillor_id).bind(limit).fetch_all(pool).await?;
    rows.iter().map(line).collect()
}

/// The newest `limit` cases of a ward (through `cases_ward_idx`).
pub async fn of_ward(pool: &AnyPool, ward: &str, limit: i64) -> Result<Vec<Line>, sqlx::Error> {
    let sql = format!("{COLUMNS} WHERE c.ward = $1 ORDER BY c.id DESC LIMIT $2");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(ward).bind(limit).fetch_all(pool).await?;
    rows.iter().map(line).collect()
}

/// One case, for the councillor's view of it.
pub async fn one(pool: &AnyPool, case_id: i64) -> Result<Option<Line>, sqlx::Error> {
    let sql = format!("{COLUMNS} WHERE c.id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(case_id).fetch_optional(pool).await?;
    row.as_ref().map(line).transpose()
}

/// A ward's name.
pub async fn ward_name(pool: &AnyPool, code: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM wards WHERE code = $1").bind(code).fetch_optional(pool).await
}
