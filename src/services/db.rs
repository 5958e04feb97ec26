//! Service catalogue queries.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe, Row};

use super::{Field, FieldKind, Service};
use crate::cases::CaseType;
use crate::db::flag;
use crate::db::vocabulary::code;

// SQL here is built from this constant only; values are always bound.
const COLUMNS: &str =
    "id, code, name, group_name, description, keywords, case_type, team_id, partner_id, asks_location";

/// Every active service, by group then name.
pub async fn list_active<'c, E>(conn: E) -> Result<Vec<Service>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let sql = format!("SELECT {COLUMNS} FROM services WHERE active = 1 ORDER BY group_name, name");
    let rows = sqlx::query(AssertSqlSafe(sql)).fetch_all(conn).await?;
    rows.iter().map(from_row).collect()
}

pub async fn by_code<'c, E>(conn: E, service_code: &str) -> Result<Option<Service>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let sql = format!("SELECT {COLUMNS} FROM services WHERE code = $1 AND active = 1");
    let row = sqlx::query(AssertSqlSafe(sql)).bind(service_code).fetch_optional(conn).await?;
    row.as_ref().map(from_row).transpose()
}

/// A service by id, active or withdrawn.
pub async fn get<'c, E>(conn: E, id: i64) -> Result<Option<Service>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let sql = format!("SELECT {COLUMNS} FROM services WHERE id = $1");
    let row = sqlx::query(AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?;
    row.as_ref().map(from_row).transpose()
}

/// A service to add to the catalogue.
#[derive(Debug, Clone)]
pub struct NewService<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub group_name: &'a str,
    pub description: &'a str,
    pub keywords: &'a str,
    pub case_type: CaseType,
    pub team_id: i64,
    pub partner_id: Option<i64>,
    pub asks_location: bool,
}

pub async fn insert(conn: &mut AnyConnection, new: &NewService<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO services (code, name, group_name, description, keywords, case_type, \
         team_id, partner_id, asks_location) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         RETURNING id",
    )
    .bind(new.code)
    .bind(new.name)
    .bind(new.group_name)
    .bind(new.description)
    .bind(new.keywords)
    .bind(new.case_type.as_str())
    .bind(new.team_id)
    .bind(new.partner_id)
    .bind(flag(new.asks_location))
    .fetch_one(conn)
    .await
}

fn from_row(row: &AnyRow) -> Result<Service, sqlx::Error> {
    Ok(Service {
        id: row.try_get("id")?,
        code: row.try_get("code")?,
        name: row.try_get("name")?,
        group_name: row.try_get("group_name")?,
        description: row.try_get("description")?,
        keywords: row.try_get("keywords")?,
        case_type: code(row, "case_type", CaseType::parse)?,
        team_id: row.try_get("team_id")?,
        partner_id: row.try_get("partner_id")?,
        asks_location: row.try_get::<i64, _>("asks_location")? != 0,
    })
}

/// A service's name, active or not (an old case keeps the name of its service).
pub async fn name<'c, E>(conn: E, id: i64) -> Result<Option<String>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar("SELECT name FROM services WHERE id = $1").bind(id).fetch_optional(conn).await
}

/// A service's questions, in the order the form asks them.
pub async fn fields<'c, E>(conn: E, service_id: i64) -> Result<Vec<Field>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let rows = sqlx::query(
        "SELECT code, label, hint, kind, required, choices FROM service_fields \
         WHERE service_id = $1 ORDER BY position, id",
    )
    .bind(service_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let choices: String = row.try_get("choices")?;
            let choices = serde_json::from_str(&choices)
                .map_err(|err| sqlx::Error::ColumnDecode { index: "choices".to_owned(), source: Box::new(err) })?;
            Ok(Field {
                code: row.try_get("code")?,
                label: row.try_get("label")?,
                hint: row.try_get("hint")?,
                kind: code(row, "kind", FieldKind::parse)?,
                required: row.try_get::<i64, _>("required")? != 0,
                choices,
            })
        })
        .collect()
}

/// Adds a question to the end of a service's form.
pub async fn insert_field(conn: &mut AnyConnection, service_id: i64, field: &Field) -> Result<(), sqlx::Error> {
    let choices = serde_json::to_string(&field.choices).map_err(|err| sqlx::Error::Encode(Box::new(err)))?;
    sqlx::query(
        "INSERT INTO service_fields (service_id, position, code, label, hint, kind, required, choices) \
         VALUES ($1, (SELECT COUNT(*) FROM service_fields WHERE service_id = $1), $2, $3, $4, $5, $6, $7)",
    )
    .bind(service_id)
    .bind(&field.code)
    .bind(&field.label)
    .bind(&field.hint)
    .bind(field.kind.as_str())
    .bind(flag(field.required))
    .bind(choices)
    .execute(conn)
    .await?;
    Ok(())
}

/// What an administrator may change about a service.
#[derive(Debug, Clone)]
pub struct ServiceEdit<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub team_id: i64,
    pub partner_id: Option<i64>,
    pub asks_location: bool,
    pub active: bool,
    /// Anyone may read its requests through Open311, without a key (a street problem).
    pub public_requests: bool,
}

/// Changes a service. Its cases keep their team: a change routes new cases only.
pub async fn update(conn: &mut AnyConnection, id: i64, edit: &ServiceEdit<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE services SET name = $1, description = $2, team_id = $3, partner_id = $4, asks_location = $5, \
         active = $6, public_requests = $7 WHERE id = $8",
    )
    .bind(edit.name)
    .bind(edit.description)
    .bind(edit.team_id)
    .bind(edit.partner_id)
    .bind(flag(edit.asks_location))
    .bind(flag(edit.active))
    .bind(flag(edit.public_requests))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether anyone may read a service's requests through Open311 without a key.
pub async fn public_requests(pool: &sqlx::AnyPool, id: i64) -> Result<bool, sqlx::Error> {
    let public: Option<i64> =
        sqlx::query_scalar("SELECT public_requests FROM services WHERE id = $1").bind(id).fetch_optional(pool).await?;
    Ok(public.unwrap_or(0) != 0)
}

/// Marks services by code as ones whose requests anyone may read (for the demo and set-up).
pub async fn set_public_requests(conn: &mut AnyConnection, codes: &[&str]) -> Result<(), sqlx::Error> {
    for code in codes {
        sqlx::query("UPDATE services SET public_requests = 1 WHERE code = $1").bind(*code).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Every service, active or not, by group and name: for administrators.
pub async fn list_all(pool: &sqlx::AnyPool) -> Result<Vec<(Service, bool)>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS}, active FROM services ORDER BY group_name, name");
    let rows = sqlx::query(AssertSqlSafe(sql)).fetch_all(pool).await?;
    rows.iter().map(|row| Ok((from_row(row)?, row.try_get::<i64, _>("active")? != 0))).collect()
}

/// Takes a question off a service's form. Answers already given stay with their cases,
/// in the words they were asked.
pub async fn delete_field(conn: &mut AnyConnection, service_id: i64, code: &str) -> Result<bool, sqlx::Error> {
    let deleted = sqlx::query("DELETE FROM service_fields WHERE service_id = $1 AND code = $2")
        .bind(service_id)
        .bind(code)
        .execute(conn)
        .await?;
    Ok(deleted.rows_affected() == 1)
}

/// Stores the answers to a service's own questions with the case.
pub async fn insert_answers(
    conn: &mut AnyConnection,
    case_id: i64,
    answers: &[super::Answer],
) -> Result<(), sqlx::Error> {
    for answer in answers {
        sqlx::query("INSERT INTO case_answers (case_id, code, label, value, shown) VALUES ($1, $2, $3, $4, $5)")
            .bind(case_id)
            .bind(&answer.code)
            .bind(&answer.label)
            .bind(&answer.value)
            .bind(&answer.shown)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// A case's answers to its service's own questions, in the words they were asked.
pub async fn answers(pool: &sqlx::AnyPool, case_id: i64) -> Result<Vec<super::Answer>, sqlx::Error> {
    let rows: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT code, label, value, shown FROM case_answers WHERE case_id = $1 ORDER BY code")
            .bind(case_id)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(|(code, label, value, shown)| super::Answer { code, label, value, shown }).collect())
}
