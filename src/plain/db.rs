//! Reply templates as rows: listed, read and saved (a name once only).

use sqlx::{AnyConnection, AnyPool};

use super::templates::{BODY_MAX, NAME_MAX, Template};
use crate::forms::{Checker, FieldError};

pub async fn list(pool: &AnyPool, active_only: bool) -> Result<Vec<Template>, sqlx::Error> {
    let sql = if active_only {
        "SELECT id, name, body, active FROM reply_templates WHERE active = 1 ORDER BY name"
    } else {
        "SELECT id, name, body, active FROM reply_templates ORDER BY name"
    };
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(sql).fetch_all(pool).await?;
    Ok(rows.into_iter().map(|(id, name, body, active)| Template { id, name, body, active: active != 0 }).collect())
}

pub async fn get(pool: &AnyPool, id: i64) -> Result<Option<Template>, sqlx::Error> {
    let row: Option<(i64, String, String, i64)> =
        sqlx::query_as("SELECT id, name, body, active FROM reply_templates WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(id, name, body, active)| Template { id, name, body, active: active != 0 }))
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("the template has {} problem(s)", .0.len())]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Adds a template (`id` None) or changes one. Names are unique.
pub async fn save(
    conn: &mut AnyConnection,
    id: Option<i64>,
    name: &str,
    body: &str,
    active: bool,
    by: i64,
    now: i64,
) -> Result<i64, SaveError> {
    let mut c = Checker::default();
    let name = c.text("name", "a name for the template", name, NAME_MAX, true);
    let body = c.text("body", "the template's text", body, BODY_MAX, true);
    for problem in body.as_deref().map(super::templates::problems).unwrap_or_default() {
        c.fail("body", problem);
    }
    let (Some(name), Some(body), true) = (name, body, c.errors.is_empty()) else {
        return Err(SaveError::Invalid(c.errors));
    };
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM reply_templates WHERE lower(name) = lower($1)")
        .bind(&name)
        .fetch_optional(&mut *conn)
        .await?;
    if taken.is_some_and(|t| Some(t) != id) {
        return Err(SaveError::Invalid(vec![FieldError::new(
            "name",
            format!("There is already a template called \"{name}\": choose another name"),
        )]));
    }
    let flag = crate::db::flag(active);
    match id {
        None => Ok(sqlx::query_scalar(
            "INSERT INTO reply_templates (name, body, active, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&name)
        .bind(&body)
        .bind(flag)
        .bind(by)
        .bind(now)
        .fetch_one(conn)
        .await?),
        Some(id) => {
            sqlx::query(
                "UPDATE reply_templates SET name = $1, body = $2, active = $3, updated_by = $4, updated_at = $5 WHERE id = $6",
            )
            .bind(&name)
            .bind(&body)
            .bind(flag)
            .bind(by)
            .bind(now)
            .bind(id)
            .execute(conn)
            .await?;
            Ok(id)
        }
    }
}
