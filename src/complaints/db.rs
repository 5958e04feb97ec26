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
