//! Reading the `clocks` projection. Writing it is `casework::clocks`, in the
//! transaction of the change that moved the clocks.

use sqlx::Row;

use super::State;

/// A clock as the public sees it: which standard, and how it stands.
#[derive(Debug, Clone)]
pub struct PublicClock {
    pub standard_id: String,
    pub standard_version: i64,
    pub state: State,
    pub due_at: Option<i64>,
    pub stopped_at: Option<i64>,
}

/// A clock from its row; a state this build does not know is an error, never guessed.
fn clock_from(row: &sqlx::any::AnyRow) -> Result<PublicClock, sqlx::Error> {
    let state: String = row.try_get("state")?;
    Ok(PublicClock {
        standard_id: row.try_get("standard_id")?,
        standard_version: row.try_get("standard_version")?,
        state: State::parse(&state).ok_or_else(|| crate::db::vocabulary::bad_code("state", &state))?,
        due_at: row.try_get("due_at")?,
        stopped_at: row.try_get("stopped_at")?,
    })
}

/// The clocks of the cases with ids from `first` to `last`: (case id, clock).
pub async fn between(pool: &sqlx::AnyPool, first: i64, last: i64) -> Result<Vec<(i64, PublicClock)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT case_id, standard_id, standard_version, state, due_at, stopped_at FROM clocks \
         WHERE case_id >= $1 AND case_id <= $2 ORDER BY case_id, started_at, standard_id",
    )
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    rows.iter().map(|row| Ok((row.try_get("case_id")?, clock_from(row)?))).collect()
}

/// The clocks of one case, in the order they started (those started together, by their
/// standard's id: a clock is stored by its case and standard, with no number of its own).
pub async fn for_case<'c, E>(conn: E, case_id: i64) -> Result<Vec<PublicClock>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let rows = sqlx::query(
        "SELECT standard_id, standard_version, state, due_at, stopped_at FROM clocks \
         WHERE case_id = $1 ORDER BY started_at, standard_id",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(clock_from).collect()
}
