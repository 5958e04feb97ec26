//! Session and sign-in queries.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{FAILURE_WINDOW_MS, IDLE_MS, LIFETIME_MS, MAX_CLIENT_FAILURES, MAX_FAILURES, Session, SignInError, Staff};
use crate::db::Db;
use crate::db::vocabulary::code;
use crate::org::Role;
use crate::throttle::{self, Keyer};

/// What a right password leads to.
#[derive(Debug)]
pub enum SignIn {
    /// Signed in: the cookie's token, and the session.
    Session(String, Session),
    /// The account has a second step: the challenge's token, for a cookie, until the code.
    Code(String),
}

/// How long the code page waits after the password.
pub const CHALLENGE_MS: i64 = 5 * 60_000;

/// Checks the password and opens a session, or, for an account with a second step, a
/// challenge for the code.
///
/// The attempt is counted for its address before the password is checked, by one
/// statement that inserts and counts (`throttle::db::hit`): past [`MAX_FAILURES`] in the
/// window the password is not checked, however many tries arrive at once. Wrong passwords
/// from one client address are counted too ([`MAX_CLIENT_FAILURES`]), so one client cannot
/// try a few passwords on each of many accounts. Neither count stores the address typed
/// or the client's address, only keyed hashes; an address that cannot be an email is
/// refused before anything is stored.
pub async fn sign_in(db: &Db, email: &str, password: &str, client: &str, now: i64) -> Result<SignIn, SignInError> {
    let email = email.trim().to_lowercase();
    if email.len() > crate::forms::EMAIL_MAX || !email.contains('@') {
        return Err(SignInError::NotAnEmail);
    }
    let keyer = Keyer::of(db);
    let client_key = keyer.key("sign-in-client", client);
    if throttle::db::peek(db.reader(), &client_key, now).await?.hits >= MAX_CLIENT_FAILURES {
        return Err(SignInError::Throttled);
    }
    let address_key = keyer.key("sign-in", &email);
    if !count_try(db, &address_key, now).await? {
        return Err(SignInError::Throttled);
    }
    let sql = format!(
        "SELECT {STAFF_COLUMNS}, u.password_hash, u.totp_secret FROM staff_users u WHERE u.email = $1 AND u.disabled = 0"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&email).fetch_optional(db.reader()).await?;
    let (staff, hash, second_step) = match &row {
        Some(row) => (
            Some(staff_from_row(row)?),
            row.try_get::<Option<String>, _>("password_hash")?,
            row.try_get::<Option<String>, _>("totp_secret")?.is_some(),
        ),
        None => (None, None, false),
    };
    // argon2 is slow on purpose: keep it off the async workers.
    let password = password.to_owned();
    let verified = tokio::task::spawn_blocking(move || crate::crypto::verify_password(&password, hash.as_deref()))
        .await
        .unwrap_or(false);
    let mut tx = db.begin().await?;
    let Some(staff) = staff.filter(|_| verified) else {
        throttle::db::hit(&mut tx, &client_key, FAILURE_WINDOW_MS, now).await?;
        tx.commit().await?;
        return Err(SignInError::Wrong);
    };
    if second_step {
        // The address's count is cleared only once the code is right too.
        let token = crate::crypto::new_token();
        sqlx::query(
            "INSERT INTO sign_in_challenges (token_hash, staff_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(crate::crypto::token_hash(&token))
        .bind(staff.id)
        .bind(now)
        .bind(now + CHALLENGE_MS)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(SignIn::Code(token));
    }
    throttle::db::clear(&mut *tx, &address_key).await?;
    let (token, session) = open_session(&mut tx, staff, now).await?;
    tx.commit().await?;
    Ok(SignIn::Session(token, session))
}

/// Whether `password` is the account's own: for changes that need more than a session
/// (the second step's secret). Counted like a sign-in, so a stolen session cannot be
/// used to guess the password.
pub async fn password_matches(db: &Db, staff_id: i64, password: &str, now: i64) -> Result<bool, SignInError> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT email, password_hash FROM staff_users WHERE id = $1 AND disabled = 0")
            .bind(staff_id)
            .fetch_optional(db.reader())
            .await?;
    let Some((email, hash)) = row else { return Ok(false) };
    let key = Keyer::of(db).key("sign-in", &email);
    if !count_try(db, &key, now).await? {
        return Err(SignInError::Throttled);
    }
    let password = password.to_owned();
    let verified = tokio::task::spawn_blocking(move || crate::crypto::verify_password(&password, hash.as_deref()))
        .await
        .unwrap_or(false);
    if verified {
        throttle::db::clear(db.writer(), &key).await?;
    }
    Ok(verified)
}

/// Counts one try for an address before anything is checked: whether it is within
/// [`MAX_FAILURES`] in the window. One statement that inserts and counts, so tries made at
/// the same moment cannot all pass; the writer is let go before the slow checks.
async fn count_try(db: &Db, address_key: &str, now: i64) -> Result<bool, sqlx::Error> {
    let mut conn = db.writer().acquire().await?;
    Ok(throttle::db::hit(&mut conn, address_key, FAILURE_WINDOW_MS, now).await?.hits <= MAX_FAILURES)
}

async fn open_session(
    conn: &mut sqlx::AnyConnection,
    staff: Staff,
    now: i64,
) -> Result<(String, Session), sqlx::Error> {
    let token = crate::crypto::new_token();
    let token_hash = crate::crypto::token_hash(&token);
    let csrf_token = crate::crypto::new_token();
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $4, $4, $5)",
    )
    .bind(&token_hash)
    .bind(staff.id)
    .bind(&csrf_token)
    .bind(now)
    .bind(now + LIFETIME_MS)
    .execute(&mut *conn)
    .await?;
    tracing::info!(staff = staff.id, "signed in");
    Ok((token, Session { staff, token_hash, csrf_token }))
}

#[derive(Debug, thiserror::Error)]
pub enum CodeError {
    #[error("the sign-in has expired")]
    Expired,
    #[error("the code is not right")]
    Wrong,
    #[error("too many wrong tries")]
    Throttled,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The second step: the code for the challenge a right password opened. A code is good
/// once (its time step must be later than the last one used); wrong codes count with
/// wrong passwords towards the address's limit.
pub async fn complete_with_code(
    db: &Db,
    challenge: &str,
    code: &str,
    now: i64,
) -> Result<(String, Session), CodeError> {
    let sql = format!(
        "SELECT {STAFF_COLUMNS}, u.totp_secret, u.totp_last_step FROM sign_in_challenges c \
         JOIN staff_users u ON u.id = c.staff_id WHERE c.token_hash = $1 AND c.expires_at > $2 AND u.disabled = 0"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(crate::crypto::token_hash(challenge))
        .bind(now)
        .fetch_optional(db.reader())
        .await?
        .ok_or(CodeError::Expired)?;
    let staff = staff_from_row(&row)?;
    let secret: Option<String> = row.try_get("totp_secret")?;
    let last: Option<i64> = row.try_get("totp_last_step")?;
    // Counted before the code is checked, with the address's wrong passwords.
    let address_key = Keyer::of(db).key("sign-in", &staff.email);
    if !count_try(db, &address_key, now).await? {
        return Err(CodeError::Throttled);
    }
    let step = secret
        .as_deref()
        .and_then(|secret| super::totp::matching_step(secret, code, (now / 1000) as u64))
        .map(|step| step as i64)
        .filter(|step| last.is_none_or(|last| *step > last));
    let Some(step) = step else {
        return Err(CodeError::Wrong);
    };
    let mut tx = db.begin().await?;
    // Only one sign-in may use a time step, even two at once.
    let used = sqlx::query(
        "UPDATE staff_users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
    )
    .bind(step)
    .bind(staff.id)
    .execute(&mut *tx)
    .await?;
    if used.rows_affected() != 1 {
        return Err(CodeError::Wrong);
    }
    sqlx::query("DELETE FROM sign_in_challenges WHERE token_hash = $1 OR expires_at <= $2")
        .bind(crate::crypto::token_hash(challenge))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    throttle::db::clear(&mut *tx, &address_key).await?;
    let opened = open_session(&mut tx, staff, now).await?;
    tx.commit().await?;
    Ok(opened)
}

/// Turns the second step on with a secret whose code the person has just typed (at
/// `step`, which is then used up), or off. False if there is no such account.
pub async fn set_second_step(db: &Db, staff_id: i64, secret: Option<(&str, i64)>) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query("UPDATE staff_users SET totp_secret = $1, totp_last_step = $2 WHERE id = $3")
        .bind(secret.map(|(s, _)| s))
        .bind(secret.map(|(_, step)| step))
        .bind(staff_id)
        .execute(db.writer())
        .await?;
    Ok(changed.rows_affected() == 1)
}

/// Turns the second step off for the account with this email address (lower case), for
/// someone who has lost their phone. False if there is no such account.
pub async fn second_step_off(db: &Db, email: &str) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query("UPDATE staff_users SET totp_secret = NULL, totp_last_step = NULL WHERE email = $1")
        .bind(email)
        .execute(db.writer())
        .await?;
    Ok(changed.rows_affected() == 1)
}

/// The stored secret, to check a code against before turning the second step off.
pub async fn second_step_secret(db: &Db, staff_id: i64) -> Result<Option<String>, sqlx::Error> {
    let secret: Option<Option<String>> = sqlx::query_scalar("SELECT totp_secret FROM staff_users WHERE id = $1")
        .bind(staff_id)
        .fetch_optional(db.reader())
        .await?;
    Ok(secret.flatten())
}

const STAFF_COLUMNS: &str = "u.id, u.name, u.email, u.role, u.team_id, u.partner_id, u.ward";

fn staff_from_row(row: &AnyRow) -> Result<Staff, sqlx::Error> {
    Ok(Staff {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        role: code(row, "role", Role::parse)?,
        team_id: row.try_get("team_id")?,
        partner_id: row.try_get("partner_id")?,
        ward: row.try_get("ward")?,
    })
}

/// The live session for a cookie's token: not revoked, not expired, not idle too long,
/// and its account not disabled. Marks it as seen (at most once a minute, so reading
/// pages does not write on every request).
pub async fn find(db: &Db, token: &str, now: i64) -> Result<Option<Session>, sqlx::Error> {
    let token_hash = crate::crypto::token_hash(token);
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

/// Deletes sessions that have ended (expired, idle too long, or signed out) and sign-in
/// challenges past their time. Returns how many rows went.
pub async fn sweep(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let sessions = sqlx::query(
        "DELETE FROM staff_sessions WHERE expires_at <= $1 OR last_seen_at <= $2 OR revoked_at IS NOT NULL",
    )
    .bind(now)
    .bind(now - IDLE_MS)
    .execute(db.writer())
    .await?;
    let challenges =
        sqlx::query("DELETE FROM sign_in_challenges WHERE expires_at <= $1").bind(now).execute(db.writer()).await?;
    Ok(sessions.rows_affected() + challenges.rows_affected())
}
