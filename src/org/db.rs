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
    pub ward: Option<&'a str>,
    pub password_hash: Option<&'a str>,
}

pub async fn insert_staff(conn: &mut AnyConnection, new: &NewStaff<'_>, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO staff_users (email, name, role, team_id, partner_id, ward, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(new.email)
    .bind(new.name)
    .bind(new.role.as_str())
    .bind(new.team_id)
    .bind(new.partner_id)
    .bind(new.ward)
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

/// A staff account as the administrators' list shows it.
#[derive(Debug, Clone)]
pub struct StaffLine {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// The team's, partner organisation's or (for a councillor) ward's name.
    pub belongs_to: Option<String>,
    pub disabled: bool,
    pub second_step: bool,
}

/// Every staff account, by name. A council has hundreds, not millions.
pub async fn staff_list(pool: &sqlx::AnyPool) -> Result<Vec<StaffLine>, sqlx::Error> {
    use sqlx::Row;
    let rows = sqlx::query(
        "SELECT u.id, u.name, u.email, u.role, COALESCE(t.name, p.name, w.name) AS belongs_to, u.disabled, \
         u.totp_secret FROM staff_users u LEFT JOIN teams t ON t.id = u.team_id \
         LEFT JOIN partners p ON p.id = u.partner_id LEFT JOIN wards w ON w.code = u.ward \
         ORDER BY u.name, u.id",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(StaffLine {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                email: row.try_get("email")?,
                role: crate::db::vocabulary::code(row, "role", Role::parse)?,
                belongs_to: row.try_get("belongs_to")?,
                disabled: row.try_get::<i64, _>("disabled")? != 0,
                second_step: row.try_get::<Option<String>, _>("totp_secret")?.is_some(),
            })
        })
        .collect()
}

/// Disables an account and revokes its sessions at once, or enables it again.
pub async fn set_disabled(conn: &mut AnyConnection, id: i64, disabled: bool, now: i64) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query("UPDATE staff_users SET disabled = $1 WHERE id = $2")
        .bind(crate::db::flag(disabled))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if disabled {
        sqlx::query("UPDATE staff_sessions SET revoked_at = $1 WHERE staff_id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(changed.rows_affected() == 1)
}

/// Teams or partner organisations: (code, name).
pub async fn codes(pool: &sqlx::AnyPool, table: OrgTable) -> Result<Vec<(String, String)>, sqlx::Error> {
    let sql = match table {
        OrgTable::Team => "SELECT code, name FROM teams ORDER BY name",
        OrgTable::Partner => "SELECT code, name FROM partners ORDER BY name",
    };
    sqlx::query_as(sql).fetch_all(pool).await
}

/// The active staff a case can be given to: (id, name), by name. Members of the team, and
/// of the partner organisation when there is one.
pub async fn members(
    pool: &sqlx::AnyPool,
    team_id: Option<i64>,
    partner_id: Option<i64>,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name FROM staff_users WHERE disabled = 0 AND (team_id = $1 OR partner_id = $2) ORDER BY name",
    )
    .bind(team_id)
    .bind(partner_id)
    .fetch_all(pool)
    .await
}

/// Teams or partner organisations: (id, code, name), by name.
pub async fn listing(pool: &sqlx::AnyPool, table: OrgTable) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    let sql = match table {
        OrgTable::Team => "SELECT id, code, name FROM teams ORDER BY name",
        OrgTable::Partner => "SELECT id, code, name FROM partners ORDER BY name",
    };
    sqlx::query_as(sql).fetch_all(pool).await
}

/// One account's details for its edit page, with codes for its team, partner and ward.
#[derive(Debug, Clone)]
pub struct Account {
    pub name: String,
    pub email: String,
    pub role: String,
    pub team: Option<String>,
    pub partner: Option<String>,
    pub ward: Option<String>,
}

pub async fn account(pool: &sqlx::AnyPool, id: i64) -> Result<Option<Account>, sqlx::Error> {
    use sqlx::Row;
    let row = sqlx::query(
        "SELECT u.name, u.email, u.role, t.code AS team, p.code AS partner, u.ward FROM staff_users u \
         LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN partners p ON p.id = u.partner_id WHERE u.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    row.map(|r| {
        Ok(Account {
            name: r.try_get("name")?,
            email: r.try_get("email")?,
            role: r.try_get("role")?,
            team: r.try_get("team")?,
            partner: r.try_get("partner")?,
            ward: r.try_get("ward")?,
        })
    })
    .transpose()
}

/// A staff account's id by its email address (lower case).
pub async fn id_by_email(pool: &sqlx::AnyPool, email: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM staff_users WHERE email = $1").bind(email).fetch_optional(pool).await
}

/// The enabled administrator with this email address (lower case), if there is one.
pub async fn administrator_by_email(pool: &sqlx::AnyPool, email: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM staff_users WHERE email = $1 AND role = 'admin' AND disabled = 0")
        .bind(email)
        .fetch_optional(pool)
        .await
}

/// Changes a staff account's name, role, team and partner. False if there is no such account.
pub async fn update_staff(
    conn: &mut AnyConnection,
    id: i64,
    name: &str,
    role: super::Role,
    team_id: Option<i64>,
    partner_id: Option<i64>,
    ward: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE staff_users SET name = $1, role = $2, team_id = $3, partner_id = $4, ward = $5 WHERE id = $6",
    )
    .bind(name)
    .bind(role.as_str())
    .bind(team_id)
    .bind(partner_id)
    .bind(ward)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(changed.rows_affected() == 1)
}

/// Someone's role, if the account exists.
pub async fn role_of(conn: &mut AnyConnection, staff_id: i64) -> Result<Option<super::Role>, sqlx::Error> {
    let role: Option<String> =
        sqlx::query_scalar("SELECT role FROM staff_users WHERE id = $1").bind(staff_id).fetch_optional(conn).await?;
    Ok(role.as_deref().and_then(super::Role::parse))
}

pub async fn ward_exists(conn: &mut AnyConnection, code: &str) -> Result<bool, sqlx::Error> {
    let found: Option<String> =
        sqlx::query_scalar("SELECT code FROM wards WHERE code = $1").bind(code).fetch_optional(conn).await?;
    Ok(found.is_some())
}

pub async fn set_ward(conn: &mut AnyConnection, staff_id: i64, ward: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_users SET ward = $1 WHERE id = $2").bind(ward).bind(staff_id).execute(conn).await?;
    Ok(())
}
