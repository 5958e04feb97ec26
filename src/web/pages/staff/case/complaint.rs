//! The complaint part of the staff case page: its stage, each stage's answer (outcome,
//! cause, remedy, who gave it), the promises made and whether they are kept; and the
//! forms to treat a case as a complaint or not, pass on or acknowledge a request for
//! stage 2, give an answer and keep a promise. Every rule is in `crate::complaints`.

use crate::cases::{Actor, Case, CaseType};
use crate::complaints::{self, Answer, Cause, ComplaintError, Outcome, Stage};
use crate::db::now_ms;
use crate::forms::FieldError;
use crate::org::Action;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;

use super::form::ActForm;
use crate::web::pages::staff::when;

/// An answer as the page shows it.
pub struct ResponseLine {
    pub stage: i64,
    pub outcome: &'static str,
    pub cause: &'static str,
    pub remedy: String,
    pub by: String,
    pub when: String,
}

/// A promise as the page shows it.
pub struct PromiseLine {
    pub id: i64,
    pub stage: i64,
    pub promise: String,
    pub due: String,
    pub kept: Option<String>,
}

/// What the page shows and offers about complaints.
#[derive(Default)]
pub struct Panel {
    /// Shown for complaints only.
    pub is_complaint: bool,
    pub stage: &'static str,
    pub responses: Vec<ResponseLine>,
    pub promises: Vec<PromiseLine>,
    /// The type the case may become, as (code, label).
    pub may_become: Option<(&'static str, &'static str)>,
    pub may_pass_on_stage2: bool,
    pub may_acknowledge_stage2: bool,
    /// The stage that may be answered now.
    pub may_answer: Option<i64>,
    /// Promises not yet kept, as (id, promise), for the form that keeps one.
    pub unkept: Vec<(String, String)>,
    pub outcomes: Vec<(String, String)>,
    pub causes: Vec<(String, String)>,
}

/// The panel for this case and person.
pub async fn panel(state: &AppState, signed_in: &SignedIn, case: &Case) -> Result<Panel, AppError> {
    let handles = signed_in.0.staff.role.may(Action::HandleComplaint);
    let may_become = match case.case_type {
        _ if !handles || !case.status.is_open() => None,
        CaseType::Enquiry | CaseType::ServiceRequest => Some(("complaint", "a complaint")),
        CaseType::Complaint => Some(("enquiry", "an enquiry, not a complaint")),
        _ => None,
    };
    if case.case_type != CaseType::Complaint {
        return Ok(Panel { may_become, ..Panel::default() });
    }
    let reader = state.db.reader();
    let events = crate::cases::db::events(reader, case.id).await?;
    let stage = complaints::stage(&events);
    let responses = complaints::db::responses(reader, case.id)
        .await?
        .into_iter()
        .map(|r| ResponseLine {
            stage: r.stage,
            outcome: Outcome::parse(&r.outcome).map_or("", Outcome::label),
            cause: Cause::parse(&r.cause).map_or("", Cause::label),
            remedy: r.remedy,
            by: r.answered_by,
            when: when(state, r.at),
        })
        .collect();
    let promises: Vec<PromiseLine> = complaints::db::promises(reader, case.id)
        .await?
        .into_iter()
        .map(|p| PromiseLine {
            id: p.id,
            stage: p.stage,
            promise: p.promise,
            due: p.due_on,
            kept: p.done_at.map(|at| format!("{}: {}", when(state, at), p.done_note.unwrap_or_default())),
        })
        .collect();
    Ok(Panel {
        is_complaint: true,
        stage: match stage {
            Stage::One { answered: false } => "Stage 1: waiting for our answer",
            Stage::One { answered: true } => "Stage 1: answered. The resident can ask for stage 2",
            Stage::Two { acknowledged: false, .. } => "Stage 2: asked for, waiting for us to acknowledge it",
            Stage::Two { answered: false, .. } => "Stage 2: waiting for our final answer",
            Stage::Two { .. } => "Stage 2: final answer given",
        },
        may_become,
        may_pass_on_stage2: signed_in.0.staff.role.may(Action::WorkCase) && stage == Stage::One { answered: true },
        may_acknowledge_stage2: handles && stage == (Stage::Two { acknowledged: false, answered: false }),
        may_answer: match stage {
            _ if !handles => None,
            Stage::One { answered: false } => Some(1),
            Stage::Two { acknowledged: true, answered: false } => Some(2),
            _ => None,
        },
        unkept: if handles {
            promises.iter().filter(|p| p.kept.is_none()).map(|p| (p.id.to_string(), p.promise.clone())).collect()
        } else {
            Vec::new()
        },
        promises,
        responses,
        outcomes: Outcome::ALL.iter().map(|o| (o.as_str().to_owned(), o.label().to_owned())).collect(),
        causes: Cause::ALL.iter().map(|c| (c.as_str().to_owned(), c.label().to_owned())).collect(),
    })
}

/// Whether `action` is one of this module's.
pub fn handles(action: &str) -> bool {
    matches!(action, "reclassify" | "stage2-request" | "stage2-acknowledge" | "answer" | "keep")
}

/// Does a complaint action. `Ok(Err(errors))` is a refusal to show beside its fields.
pub async fn handle_complaint(
    state: &AppState,
    signed_in: &SignedIn,
    case: &Case,
    form: &ActForm,
) -> Result<Result<(), Vec<FieldError>>, AppError> {
    let needed = if form.action == "stage2-request" { Action::WorkCase } else { Action::HandleComplaint };
    signed_in.require(needed)?;
    let staff_id = signed_in.0.staff.id;
    let rules = state.rules.get();
    let now = now_ms();
    let today = rules.calendars.council.local_date(crate::rollups::ts(now));
    let mut tx = state.db.begin().await?;
    let done = match form.action.as_str() {
        "reclassify" => match CaseType::parse(&form.case_type) {
            Some(to) => complaints::reclassify(&mut tx, &rules, case, to, &form.type_reason, staff_id, now).await,
            None => Err(ComplaintError::Invalid(vec![FieldError::new("type-reason", "Choose what the case is")])),
        },
        "stage2-request" => complaints::request_stage2(&mut tx, &rules, case, Actor::staff(staff_id), now).await,
        "stage2-acknowledge" => {
            complaints::acknowledge_stage2(&mut tx, &state.council, &rules, case, staff_id, now).await
        }
        "answer" => {
            let answer = Answer {
                outcome: form.outcome.clone(),
                cause: form.cause.clone(),
                remedy: form.remedy.clone(),
                text: form.answer_text.clone(),
                promises: vec![
                    (form.promise_1.clone(), form.promise_1_due.clone()),
                    (form.promise_2.clone(), form.promise_2_due.clone()),
                ],
            };
            complaints::answer(&mut tx, &state.council, &rules, case, staff_id, &answer, today, now).await
        }
        "keep" => match form.promise_id.parse::<i64>() {
            Ok(id) => {
                complaints::keep_promise(&mut tx, &state.council, &rules, case, id, &form.done_note, staff_id, now)
                    .await
            }
            Err(_) => {
                Err(ComplaintError::Invalid(vec![FieldError::new("promise-id", "Choose the promise that was kept")]))
            }
        },
        _ => return Err(AppError::BadRequest("That is not something a case page does.".into())),
    };
    super::form::settle(tx, done, field_of(&form.action)).await
}

/// Where a refusal that is not about one field is shown: beside the form's first field.
fn field_of(action: &str) -> &'static str {
    match action {
        "reclassify" => "type-reason",
        "answer" => "outcome",
        "keep" => "promise-id",
        _ => "stage2",
    }
}
