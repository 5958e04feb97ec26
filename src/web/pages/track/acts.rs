//! What a resident does on their case once it is proved theirs: reply, escalate a case
//! past its date, ask for the next stage of an answer, and say whether it was solved.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};

use super::*;

/// The case, when this browser has proved it; otherwise the visitor is asked to.
async fn proved_case(
    state: &AppState,
    client: &Client,
    headers: &HeaderMap,
    reference: &str,
) -> Result<(CaseRef, Case), AppError> {
    let (reference, case) = case_for(state, client, reference).await?;
    if !proved(state, headers, &reference).await? {
        return Err(AppError::not_found(
            format!(
                "To do that, first enter the email address or phone number you gave us on the page for case {reference}."
            ),
            "error-prove-first",
            vec![("reference", reference.to_string())],
        ));
    }
    Ok((reference, case))
}

async fn finish(
    state: &AppState,
    reference: CaseRef,
    case: &Case,
    result: Result<(), ActError>,
    done: &str,
    typed: Typed,
) -> Result<Response, AppError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/cases/{reference}?done={done}")).into_response()),
        Err(ActError::Field { field: "comment", .. }) => {
            let errors = too_long("comment", "track-error-comment-long", COMMENT_MAX);
            refuse(state, reference, case, true, errors, typed).await
        }
        Err(ActError::Field { field: f, .. }) => {
            refuse(state, reference, case, true, field(f, "track-error-rating"), typed).await
        }
        Err(ActError::NotNow(why)) => {
            let id = format!("track-error-{}", why.code());
            refuse(state, reference, case, true, field("case", &id), typed).await
        }
        Err(ActError::Change(err)) => Err(AppError::Internal(err.into())),
        Err(ActError::Db(err)) => Err(err.into()),
    }
}

pub async fn reply(
    State(state): State<AppState>,
    client: Client,
    Path(reference): Path<String>,
    headers: HeaderMap,
    Form(typed): Form<Typed>,
) -> Result<Response, AppError> {
    let (reference, case) = proved_case(&state, &client, &headers, &reference).await?;
    let text = typed.message.trim();
    if text.is_empty() {
        return refuse(&state, reference, &case, true, field("message", "track-error-message-empty"), typed).await;
    }
    if text.chars().count() > DESCRIPTION_MAX {
        let errors = too_long("message", "track-error-message-long", DESCRIPTION_MAX);
        return refuse(&state, reference, &case, true, errors, typed).await;
    }
    let service = services::db::name(state.db.reader(), case.service_id).await?.unwrap_or_default();
    let mut tx = state.db.begin().await?;
    let result =
        by_customer::reply(&mut tx, &state.rules.get(), &case, cases::Channel::Web, &service, text, now_ms()).await;
    if result.is_ok() {
        tx.commit().await?;
        tracing::info!(case = %reference, "resident replied on the web");
    }
    finish(&state, reference, &case, result, "reply", typed).await
}

pub async fn escalate(
    State(state): State<AppState>,
    client: Client,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (reference, case) = proved_case(&state, &client, &headers, &reference).await?;
    let mut tx = state.db.begin().await?;
    let result = by_customer::escalate(&mut tx, &state.rules.get(), &case, now_ms()).await.map(|_| ());
    if result.is_ok() {
        tx.commit().await?;
        tracing::info!(case = %reference, "resident escalated a late case");
    }
    finish(&state, reference, &case, result, "escalated", Typed::default()).await
}

/// What a resident can ask for once their request has been answered.
#[derive(Debug, Clone, Copy)]
enum Ask {
    /// Stage 2 of a complaint.
    Stage2,
    /// An internal review of the answer to an FOI or EIR request.
    Review,
}

impl Ask {
    fn code(self) -> &'static str {
        match self {
            Ask::Stage2 => "stage2",
            Ask::Review => "review",
        }
    }
}

/// The resident asks for the next stage of an answered complaint or information request:
/// the workflow's own refusal becomes "not now", on the page.
async fn ask_next(
    state: &AppState,
    client: &Client,
    headers: &HeaderMap,
    reference: &str,
    ask: Ask,
) -> Result<Response, AppError> {
    let (reference, case) = proved_case(state, client, headers, reference).await?;
    let mut tx = state.db.begin().await?;
    let (rules, actor, now) = (state.rules.get(), cases::Actor::customer(case.customer_id), now_ms());
    let asked = match ask {
        Ask::Stage2 => crate::complaints::request_stage2(&mut tx, &rules, &case, actor, now).await,
        Ask::Review => crate::information::request_review(&mut tx, &rules, &case, actor, now).await,
    };
    let result = asked.map_err(|err| match err {
        crate::casework::StepError::Db(err) => ActError::Db(err),
        crate::casework::StepError::Status(err) => ActError::Change(err),
        _ => ActError::NotNow(match ask {
            Ask::Stage2 => by_customer::Refusal::NoStage2,
            Ask::Review => by_customer::Refusal::NoReview,
        }),
    });
    if result.is_ok() {
        tx.commit().await?;
        tracing::info!(case = %reference, asked = ask.code(), "resident asked for the next stage");
    }
    finish(state, reference, &case, result, ask.code(), Typed::default()).await
}

/// The complainant asks for stage 2 of their answered complaint.
pub async fn stage2(
    State(state): State<AppState>,
    client: Client,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    ask_next(&state, &client, &headers, &reference, Ask::Stage2).await
}

/// The customer asks for an internal review of the answer to their FOI or EIR request.
pub async fn review(
    State(state): State<AppState>,
    client: Client,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    ask_next(&state, &client, &headers, &reference, Ask::Review).await
}

pub async fn feedback(
    State(state): State<AppState>,
    client: Client,
    Path(reference): Path<String>,
    headers: HeaderMap,
    Form(typed): Form<Typed>,
) -> Result<Response, AppError> {
    let (reference, case) = proved_case(&state, &client, &headers, &reference).await?;
    let mut errors = Vec::new();
    let solved = match typed.solved.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            errors.extend(field("solved", "track-error-solved"));
            None
        }
    };
    let rating = typed.rating.parse::<i64>().ok().filter(|r| (1..=5).contains(r));
    if rating.is_none() {
        errors.extend(field("rating", "track-error-rating"));
    }
    let (Some(solved), Some(rating)) = (solved, rating) else {
        return refuse(&state, reference, &case, true, errors, typed).await;
    };
    let feedback = Feedback { solved, rating, comment: typed.comment.clone() };
    let mut tx = state.db.begin().await?;
    let result = by_customer::give_feedback(&mut tx, &state.rules.get(), &case, &feedback, now_ms()).await;
    if result.is_ok() {
        tx.commit().await?;
    }
    finish(&state, reference, &case, result, if solved { "thanks" } else { "reopened" }, typed).await
}
