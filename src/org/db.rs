//! Teams, partners and staff users.

use sqlx::AnyConnection;

use super::Role;

pub async fn insert_team(conn: &mut AnyConnection, code: &str, name: &str, email: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("INSERT INTO teams (code, name, email) VALUES ($1, $2, $3) RETURNING id")
        .bind(code)
        .bind(name)
        .bind(email)
        .fetch_one(conn)
        .await
}

pub async fn insert_partner(conn: &mut AnyConnection, code: &str, name: &str, email: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("INSERT INTO partners (code, name, email) VALUES ($1, $2, $3) RETURNING id")
        .bind(code)
        .bind(name)
        .bind(email)
        .fetch_one(conn)
        .await
}

/// A staff account. The password is stored only as its argon2id hash.
#[derive(Debug, Clone)]
pub struct NewStaff<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub team_id: Option<i64>,
    pub partner_id: Option<i64>,
    pub password_hash: Option<&'a str>,
}

pub async fn insert_staff(conn: &mut AnyConnection, new: &NewStaff<'_>, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO staff_users (email, name, role, team_id, partner_id, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(new.email)
    .bind(new.name)
    .bind(new.role.as_str())
    .bind(new.team_id)
    .bind(new.partner_id)
    .bind(new.password_hash)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// A team's or partner's id by its code, for `frontdoor user add`.
pub async fn id_by_code(conn: &mut AnyConnection, table: OrgTable, code: &str) -> Result<Option<i64>, sqlx::Error> {
    let sql = match table {
        OrgTable::Team => "SELECT id FROM teams WHERE code = $1",
        OrgTable::Partner => "SELECT id FROM partners WHERE code = $1",
    };
    sqlx::query_scalar(sql).bind(code).fetch_optional(conn).await
}

#[derive(Debug, Clone, Copy)]
pub enum OrgTable {
    Team,
    Partner,
}

/// Every team, by name: (id, name).
pub async fn teams(pool: &sqlx::AnyPool) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM teams ORDER BY name").fetch_all(pool).await
}
