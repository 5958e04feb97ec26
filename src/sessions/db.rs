//! Session and sign-in queries.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{FAILURE_WINDOW_MS, IDLE_MS, LIFETIME_MS, MAX_FAILURES, Session, SignInError, Staff};
use crate::cases::db::code;
use crate::db::Db;
use crate::org::Role;

/// Checks the password and opens a session. Returns the cookie's token with the session.
/// Wrong passwords are counted per address; past [`MAX_FAILURES`] in the window the
/// password is not even checked.
pub async fn sign_in(db: &Db, email: &str, password: &str, now: i64) -> Result<(String, Session), SignInError> {
    let email = email.trim().to_lowercase();
    let failures: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_failures WHERE email = $1 AND at > $2")
        .bind(&email)
        .bind(now - FAILURE_WINDOW_MS)
        .fetch_one(db.reader())
        .await?;
    if failures >= MAX_FAILURES {
        return Err(SignInError::Throttled);
    }
    let sql =
        format!("SELECT {STAFF_COLUMNS}, u.password_hash FROM staff_users u WHERE u.email = $1 AND u.disabled = 0");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&email).fetch_optional(db.reader()).await?;
    let (staff, hash) = match &row {
        Some(row) => (Some(staff_from_row(row)?), row.try_get::<Option<String>, _>("password_hash")?),
        None => (None, None),
    };
    // argon2 is slow on purpose: keep it off the async workers.
    let password = password.to_owned();
    let verified =
        tokio::task::spawn_blocking(move || super::verify_password(&password, hash.as_deref())).await.unwrap_or(false);
    let mut tx = db.begin().await?;
    let Some(staff) = staff.filter(|_| verified) else {
        sqlx::query("INSERT INTO sign_in_failures (email, at) VALUES ($1, $2)")
            .bind(&email)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        return Err(SignInError::Wrong);
    };
    sqlx::query("DELETE FROM sign_in_failures WHERE email = $1").bind(&email).execute(&mut *tx).await?;
    let token = super::new_token();
    let token_hash = super::token_hash(&token);
    let csrf_token = super::new_token();
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $4, $4, $5)",
    )
    .bind(&token_hash)
    .bind(staff.id)
    .bind(&csrf_token)
    .bind(now)
    .bind(now + LIFETIME_MS)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(staff = staff.id, "signed in");
    Ok((token, Session { staff, token_hash, csrf_token }))
}

const STAFF_COLUMNS: &str = "u.id, u.name, u.email, u.role, u.team_id, u.partner_id";

fn staff_from_row(row: &AnyRow) -> Result<Staff, sqlx::Error> {
    Ok(Staff {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        role: code(row, "role", Role::parse)?,
        team_id: row.try_get("team_id")?,
        partner_id: row.try_get("partner_id")?,
    })
}

/// The live session for a cookie's token: not revoked, not expired, not idle too long,
/// and its account not disabled. Marks it as seen (at most once a minute, so reading
/// pages does not write on every request).
pub async fn find(db: &Db, token: &str, now: i64) -> Result<Option<Session>, sqlx::Error> {
    let token_hash = super::token_hash(token);
    let sql = format!(
        "SELECT {STAFF_COLUMNS}, s.csrf_token, s.last_seen_at FROM staff_sessions s \
         JOIN staff_users u ON u.id = s.staff_id \
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
         AND s.last_seen_at > $3 AND u.disabled = 0"
    );
    let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&token_hash)
        .bind(now)
        .bind(now - IDLE_MS)
        .fetch_optional(db.reader())
        .await?
    else {
        return Ok(None);
    };
    let staff = staff_from_row(&row)?;
    let csrf_token: String = row.try_get("csrf_token")?;
    let last_seen: i64 = row.try_get("last_seen_at")?;
    if now - last_seen > 60_000 {
        sqlx::query("UPDATE staff_sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&token_hash)
            .execute(db.writer())
            .await?;
    }
    Ok(Some(Session { staff, token_hash, csrf_token }))
}

/// Ends a session for good: its cookie no longer signs anyone in, on any node.
pub async fn revoke(db: &Db, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(token_hash)
        .execute(db.writer())
        .await?;
    Ok(())
}
