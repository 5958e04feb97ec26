//! What complaints record, read back for the case page, the customer record and the
//! annual report; and contact arrangements.

use sqlx::{AnyConnection, AnyPool, Row};

use crate::forms::{Checker, FieldError, OUTCOME_MAX};

/// A stage's answer.
#[derive(Debug, Clone)]
pub struct Response {
    pub stage: i64,
    pub outcome: String,
    pub cause: String,
    pub remedy: String,
    pub answered_by: String,
    pub at: i64,
}

/// A promise made in an answer.
#[derive(Debug, Clone)]
pub struct Promise {
    pub id: i64,
    pub stage: i64,
    pub promise: String,
    pub due_on: String,
    pub done_at: Option<i64>,
    pub done_note: Option<String>,
}

pub async fn responses(pool: &AnyPool, case_id: i64) -> Result<Vec<Response>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT r.stage, r.outcome, r.cause, r.remedy, s.name, r.at FROM complaint_responses r \
         JOIN staff_users s ON s.id = r.answered_by WHERE r.case_id = $1 ORDER BY r.stage",
    )
    .bind(case_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Response {
                stage: r.try_get("stage")?,
                outcome: r.try_get("outcome")?,
                cause: r.try_get("cause")?,
                remedy: r.try_get("remedy")?,
                answered_by: r.try_get("name")?,
                at: r.try_get("at")?,
            })
        })
        .collect()
}

pub async fn promises(pool: &AnyPool, case_id: i64) -> Result<Vec<Promise>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, stage, promise, due_on, done_at, done_note FROM complaint_actions WHERE case_id = $1 ORDER BY id",
    )
    .bind(case_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Promise {
                id: r.try_get("id")?,
                stage: r.try_get("stage")?,
                promise: r.try_get("promise")?,
                due_on: r.try_get("due_on")?,
                done_at: r.try_get("done_at")?,
                done_note: r.try_get("done_note")?,
            })
        })
        .collect()
}

/// An arrangement for contact judged unreasonably persistent (the Code lets a council
/// limit how someone contacts it, never whether, and asks for a review date).
#[derive(Debug, Clone)]
pub struct Arrangement {
    pub id: i64,
    pub arrangement: String,
    pub reason: String,
    pub review_on: String,
    pub recorded_by: String,
    pub recorded_at: i64,
}

/// The arrangements in force for a customer.
pub async fn arrangements(pool: &AnyPool, customer_id: i64) -> Result<Vec<Arrangement>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.arrangement, a.reason, a.review_on, s.name, a.recorded_at FROM contact_arrangements a \
         JOIN staff_users s ON s.id = a.recorded_by WHERE a.customer_id = $1 AND a.ended_at IS NULL ORDER BY a.id",
    )
    .bind(customer_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Arrangement {
                id: r.try_get("id")?,
                arrangement: r.try_get("arrangement")?,
                reason: r.try_get("reason")?,
                review_on: r.try_get("review_on")?,
                recorded_by: r.try_get("name")?,
                recorded_at: r.try_get("recorded_at")?,
            })
        })
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum ArrangementError {
    #[error("the arrangement has {} problem(s)", .0.len())]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// An arrangement as typed.
#[derive(Debug, Clone, Default)]
pub struct NewArrangement {
    pub arrangement: String,
    pub reason: String,
    /// YYYY-MM-DD.
    pub review_on: String,
}

/// Records an arrangement, checked by field: what it is, why, and a review date no more
/// than a year away.
pub async fn record_arrangement(
    conn: &mut AnyConnection,
    customer_id: i64,
    new: &NewArrangement,
    staff_id: i64,
    today: jiff::civil::Date,
    now: i64,
) -> Result<i64, ArrangementError> {
    let mut c = Checker::default();
    let arrangement = c.text("arrangement", "the arrangement", &new.arrangement, OUTCOME_MAX, true);
    let reason = c.text("arrangement-reason", "the reason", &new.reason, OUTCOME_MAX, true);
    let review = match new.review_on.trim().parse::<jiff::civil::Date>() {
        Ok(date) if date > today && date <= today.saturating_add(jiff::Span::new().years(1)) => Some(date),
        Ok(_) => {
            c.fail("review-on", "The review date must be after today and within a year");
            None
        }
        Err(_) => {
            c.fail("review-on", "Enter the review date, like 2027-03-31");
            None
        }
    };
    let (Some(arrangement), Some(reason), Some(review)) = (arrangement, reason, review) else {
        return Err(ArrangementError::Invalid(c.errors));
    };
    let id = sqlx::query_scalar(
        "INSERT INTO contact_arrangements (customer_id, arrangement, reason, review_on, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(customer_id)
    .bind(arrangement)
    .bind(reason)
    .bind(review.to_string())
    .bind(staff_id)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Ends an arrangement, keeping its record.
pub async fn end_arrangement(
    conn: &mut AnyConnection,
    customer_id: i64,
    id: i64,
    staff_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE contact_arrangements SET ended_at = $1, ended_by = $2 WHERE id = $3 AND customer_id = $4 AND ended_at IS NULL",
    )
    .bind(now)
    .bind(staff_id)
    .bind(id)
    .bind(customer_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The answers given in a period: (stage, outcome, cause).
pub async fn answers_between(pool: &AnyPool, from: i64, until: i64) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT stage, outcome, cause FROM complaint_responses WHERE at >= $1 AND at < $2")
        .bind(from)
        .bind(until)
        .fetch_all(pool)
        .await
}

/// The promises of the answers given in a period, found through the answers' own index:
/// (due on, done at).
pub async fn promises_between(
    pool: &AnyPool,
    from: i64,
    until: i64,
) -> Result<Vec<(String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.due_on, a.done_at FROM complaint_actions a JOIN complaint_responses r \
         ON r.case_id = a.case_id AND r.stage = a.stage WHERE r.at >= $1 AND r.at < $2",
    )
    .bind(from)
    .bind(until)
    .fetch_all(pool)
    .await
}

/// Who gave the stage 1 answer.
pub async fn stage1_officer(conn: &mut AnyConnection, case_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT answered_by FROM complaint_responses WHERE case_id = $1 AND stage = 1")
        .bind(case_id)
        .fetch_optional(conn)
        .await
}

/// Records an answer at a stage, with its promises.
pub async fn record_answer(
    conn: &mut AnyConnection,
    case_id: i64,
    stage: i64,
    answer: &super::CheckedAnswer,
    staff_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO complaint_responses (case_id, stage, outcome, cause, remedy, answered_by, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(case_id)
    .bind(stage)
    .bind(answer.outcome.as_str())
    .bind(answer.cause.as_str())
    .bind(&answer.remedy)
    .bind(staff_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    for (promise, due) in &answer.promises {
        sqlx::query(
            "INSERT INTO complaint_actions (case_id, stage, promise, due_on, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(case_id)
        .bind(stage)
        .bind(promise)
        .bind(due.to_string())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A promise on the case not yet kept, by its id.
pub async fn open_promise(
    conn: &mut AnyConnection,
    action_id: i64,
    case_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT promise FROM complaint_actions WHERE id = $1 AND case_id = $2 AND done_at IS NULL")
        .bind(action_id)
        .bind(case_id)
        .fetch_optional(conn)
        .await
}

/// Marks a promise kept, with what was done.
pub async fn keep_promise(
    conn: &mut AnyConnection,
    action_id: i64,
    staff_id: i64,
    note: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE complaint_actions SET done_at = $1, done_by = $2, done_note = $3 WHERE id = $4")
        .bind(now)
        .bind(staff_id)
        .bind(note)
        .bind(action_id)
        .execute(conn)
        .await?;
    Ok(())
}
