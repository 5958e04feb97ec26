//! What staff and residents' actions read and write beyond the case's own rows.

use sqlx::AnyConnection;

use crate::cases::Case;

/// The name of a member of staff who may be given a case of this team or partner.
pub async fn officer_for(
    conn: &mut AnyConnection,
    staff_id: i64,
    team_id: i64,
    partner_id: Option<i64>,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT name FROM staff_users WHERE id = $1 AND disabled = 0 AND (team_id = $2 OR partner_id = $3)",
    )
    .bind(staff_id)
    .bind(team_id)
    .bind(partner_id)
    .fetch_optional(conn)
    .await
}

/// Gives a case to an officer, or to nobody.
pub async fn assign(
    conn: &mut AnyConnection,
    case_id: i64,
    officer_id: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE cases SET officer_id = $1, updated_at = $2 WHERE id = $3")
        .bind(officer_id)
        .bind(now)
        .bind(case_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Stores the key that signs links to cases, unless another server stored one first.
pub async fn store_link_key(conn: &mut AnyConnection, secret_hex: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO site_keys (name, secret) VALUES ('case_links', $1) ON CONFLICT (name) DO NOTHING")
        .bind(secret_hex)
        .execute(conn)
        .await?;
    Ok(())
}

/// The key that signs links to cases, in hex, if it has been made.
pub async fn link_key<'c, E>(conn: E) -> Result<Option<String>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar("SELECT secret FROM site_keys WHERE name = 'case_links'").fetch_optional(conn).await
}

/// When the customer last escalated this case, if they have.
pub async fn escalated_at(conn: &mut AnyConnection, case_id: i64) -> Result<Option<i64>, sqlx::Error> {
    // An escalation (11) by the customer (2): see `numbered!`.
    sqlx::query_scalar("SELECT MAX(at) FROM case_events WHERE case_id = $1 AND kind = 11 AND actor_kind = 2")
        .bind(case_id)
        .fetch_one(conn)
        .await
}

/// Whether the customer has said whether the case's latest resolution solved it.
pub async fn feedback_given_since_resolved(conn: &mut AnyConnection, case: &Case) -> Result<bool, sqlx::Error> {
    let resolved_at: Option<i64> =
        sqlx::query_scalar("SELECT resolved_at FROM cases WHERE id = $1").bind(case.id).fetch_one(&mut *conn).await?;
    let given: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_feedback WHERE case_id = $1 AND at >= $2")
        .bind(case.id)
        .bind(resolved_at.unwrap_or(case.updated_at))
        .fetch_one(conn)
        .await?;
    Ok(given > 0)
}

/// Records what the customer said of a resolution.
pub async fn insert_feedback(
    conn: &mut AnyConnection,
    case_id: i64,
    solved: bool,
    rating: i64,
    comment: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO case_feedback (case_id, at, solved, rating, comment) VALUES ($1, $2, $3, $4, $5)")
        .bind(case_id)
        .bind(now)
        .bind(i64::from(solved))
        .bind(rating)
        .bind(comment)
        .execute(conn)
        .await?;
    Ok(())
}

/// A team's name, if it exists.
pub async fn team_name(conn: &mut AnyConnection, team_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM teams WHERE id = $1").bind(team_id).fetch_optional(conn).await
}

/// Moves a case from `from` to `to`, with no officer and no partner. Changes nothing,
/// and says so, when the case is no longer with `from`.
pub async fn pass_on(
    conn: &mut AnyConnection,
    case_id: i64,
    from: i64,
    to: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let moved = sqlx::query(
        "UPDATE cases SET team_id = $1, officer_id = NULL, partner_id = NULL, updated_at = $2 \
         WHERE id = $3 AND team_id = $4",
    )
    .bind(to)
    .bind(now)
    .bind(case_id)
    .bind(from)
    .execute(conn)
    .await?;
    Ok(moved.rows_affected() == 1)
}

pub async fn record_handoff(
    conn: &mut AnyConnection,
    case_id: i64,
    from: i64,
    to: i64,
    staff_id: Option<i64>,
    reason: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO case_handoffs (case_id, from_team, to_team, staff_id, reason, at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(case_id)
    .bind(from)
    .bind(to)
    .bind(staff_id)
    .bind(reason)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
