//! The information request part of the staff case page: for an FOI or EIR request, its
//! stage, each answer's outcome and exemptions, its disclosure log entry, and the forms
//! to answer it, record or answer a review, and publish it or take it down; for a
//! subject access request, the export of everything held about the customer. Every
//! rule is in `crate::information`.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::cases::{Actor, Case, CaseType, EventKind};
use crate::db::now_ms;
use crate::forms::FieldError;
use crate::information::{self, Answer, Entry, Exemption, Outcome, ReviewOutcome, Stage};
use crate::org::Action;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;

use super::form::{ActForm, visible_case};
use crate::web::pages::staff::when;

/// An answer as the page shows it.
pub struct AnswerLine {
    pub title: &'static str,
    pub outcome: &'static str,
    pub exemptions: Vec<&'static str>,
    pub by: String,
    pub when: String,
}

/// What the page shows and offers about information requests.
#[derive(Default)]
pub struct Panel {
    /// An FOI or EIR request.
    pub is_request: bool,
    pub law: &'static str,
    pub stage: &'static str,
    pub answers: Vec<AnswerLine>,
    /// The disclosure log entry: (public address, title, when published or withdrawn and why).
    pub entry: Option<(String, String, String)>,
    pub published: bool,
    pub may_answer: bool,
    pub may_pass_on_review: bool,
    pub may_answer_review: bool,
    pub may_publish: bool,
    /// The answer form's action and words: the first answer's or the review's.
    pub answer_action: &'static str,
    pub answer_summary: &'static str,
    pub answer_legend: &'static str,
    pub answer_label: &'static str,
    /// The outcomes the answer form offers (the first answer's, or the review's).
    pub outcomes: Vec<(String, String)>,
    /// The exemptions of the request's law, and whether each is ticked.
    pub exemptions: Vec<(String, String, bool)>,
    /// What the publish form starts with.
    pub log_title: String,
    pub log_request: String,
    pub log_response: String,
    /// A subject access request whose customer's data this person may export.
    pub may_export: bool,
}

/// The exemption codes ticked on the form.
fn ticked(form: &ActForm) -> Vec<String> {
    let mut codes: Vec<String> = form
        .extra
        .iter()
        .filter(|(_, v)| v.as_str() == "yes")
        .filter_map(|(k, _)| k.strip_prefix("exemptions-"))
        .map(str::to_owned)
        .collect();
    // In the order the law lists them, whatever order the form sent them in.
    codes.sort_by_key(|c| Exemption::parse(c).map_or(usize::MAX, |e| e as usize));
    codes
}

/// The panel for this case, person and form.
pub async fn panel(state: &AppState, signed_in: &SignedIn, case: &Case, form: &ActForm) -> Result<Panel, AppError> {
    let role = signed_in.0.staff.role;
    if case.case_type == CaseType::SubjectAccess {
        return Ok(Panel {
            may_export: role.may(Action::ExportPersonalData) && case.customer_id.is_some(),
            ..Panel::default()
        });
    }
    if !matches!(case.case_type, CaseType::Foi | CaseType::Eir) {
        return Ok(Panel::default());
    }
    let reader = state.db.reader();
    let events = crate::cases::db::events(reader, case.id).await?;
    let stage = information::stage(&events);
    let handles = role.may(Action::HandleInformationRequest);
    let responses = information::db::responses(reader, case.id).await?;
    // The answer's letter is the staff message written with its record, not an earlier
    // one (asking what the customer meant, say); the log starts from it.
    let first_at = responses.iter().find(|r| r.stage == 1).map(|r| r.at);
    let letter = events
        .iter()
        .filter(|e| {
            matches!(e.kind, EventKind::Message | EventKind::Letter)
                && e.public
                && e.actor.kind == crate::cases::ActorKind::Staff
        })
        .find(|e| Some(e.at) == first_at)
        .and_then(|e| e.body.clone())
        .unwrap_or_default();
    let letter = letter.split("\n\nIf you are not happy").next().unwrap_or_default().to_owned();
    let answers: Vec<AnswerLine> = responses
        .into_iter()
        .map(|r| AnswerLine {
            title: if r.stage == 1 { "Our answer" } else { "The review's answer" },
            outcome: if r.stage == 1 {
                Outcome::parse(&r.outcome).map_or("", Outcome::label)
            } else {
                ReviewOutcome::parse(&r.outcome).map_or("", ReviewOutcome::label)
            },
            exemptions: information::split(&r.exemptions).into_iter().map(Exemption::label).collect(),
            by: r.name,
            when: when(state, r.at),
        })
        .collect();
    let answered = !answers.is_empty();
    let entry = information::db::for_case(reader, case.id).await?;
    let published = entry.as_ref().is_some_and(|e| e.withdrawn_at.is_none());
    let posted = form.action == "publish" && form.posted();
    let (log_title, log_request, log_response) = match (&entry, posted) {
        (_, true) => (form.log_title.clone(), form.log_request.clone(), form.log_response.clone()),
        (Some(e), false) => (e.title.clone(), e.request.clone(), e.response.clone()),
        (None, false) => (String::new(), case.description.clone(), letter),
    };
    let is_review = matches!(stage, Stage::Review { answered: false });
    let outcomes = if is_review {
        ReviewOutcome::ALL.iter().map(|o| (o.as_str().to_owned(), o.label().to_owned())).collect()
    } else {
        Outcome::ALL.iter().map(|o| (o.as_str().to_owned(), o.label().to_owned())).collect()
    };
    let ticked = ticked(form);
    Ok(Panel {
        is_request: true,
        law: match case.case_type {
            CaseType::Eir => "Environmental Information Regulations 2004",
            _ => "Freedom of Information Act 2000",
        },
        stage: match stage {
            Stage::Open => "Waiting for our answer",
            Stage::Answered => "Answered. The requester can ask for a review",
            Stage::Review { answered: false } => "Review asked for, waiting for its answer",
            Stage::Review { answered: true } => "Review answered",
        },
        answers,
        entry: entry.map(|e| {
            let state_words = match (&e.withdrawn_at, &e.withdrawn_reason) {
                (Some(at), reason) => {
                    format!("Taken down {}: {}", when(state, *at), reason.clone().unwrap_or_default())
                }
                (None, _) => format!("Published {}", when(state, e.published_at)),
            };
            (format!("/disclosure-log/{}", e.id), e.title, state_words)
        }),
        published,
        may_answer: handles && stage == Stage::Open && case.status.is_open(),
        may_pass_on_review: role.may(Action::WorkCase) && stage == Stage::Answered,
        may_answer_review: handles && is_review,
        may_publish: handles && answered,
        answer_action: if is_review { "review-answer" } else { "info-answer" },
        answer_summary: if is_review { "Answer the review" } else { "Answer the request" },
        answer_legend: if is_review { "What the review decided" } else { "What the answer gives" },
        answer_label: if is_review { "The review's answer" } else { "The answer to the requester" },
        outcomes,
        exemptions: Exemption::for_law(case.case_type)
            .map(|e| (e.as_str().to_owned(), e.label().to_owned(), ticked.iter().any(|t| t == e.as_str())))
            .collect(),
        log_title,
        log_request,
        log_response,
        may_export: false,
    })
}

/// Whether `action` is one of this module's.
pub fn handles(action: &str) -> bool {
    matches!(action, "info-answer" | "review-request" | "review-answer" | "publish" | "withdraw")
}

/// Does an information request action. `Ok(Err(errors))` is a refusal to show beside
/// its fields.
pub async fn handle_information_request(
    state: &AppState,
    signed_in: &SignedIn,
    case: &Case,
    form: &ActForm,
) -> Result<Result<(), Vec<FieldError>>, AppError> {
    let needed = if form.action == "review-request" { Action::WorkCase } else { Action::HandleInformationRequest };
    signed_in.require(needed)?;
    let staff_id = signed_in.0.staff.id;
    let rules = state.rules.get();
    let now = now_ms();
    let answer = Answer { outcome: form.info_outcome.clone(), exemptions: ticked(form), text: form.info_text.clone() };
    let mut tx = state.db.begin().await?;
    let done = match form.action.as_str() {
        "info-answer" => information::answer(&mut tx, &state.council, &rules, case, staff_id, &answer, now).await,
        "review-request" => information::request_review(&mut tx, &rules, case, Actor::staff(staff_id), now).await,
        "review-answer" => {
            information::answer_review(&mut tx, &state.council, &rules, case, staff_id, &answer, now).await
        }
        "publish" => {
            let entry = Entry {
                title: form.log_title.clone(),
                request: form.log_request.clone(),
                response: form.log_response.clone(),
            };
            information::publish(&mut tx, &rules, case, staff_id, &entry, now).await
        }
        "withdraw" => information::withdraw(&mut tx, &rules, case, staff_id, &form.withdraw_reason, now).await,
        _ => return Err(AppError::BadRequest("That is not something a case page does.".into())),
    };
    super::form::settle(tx, done, field_of(&form.action)).await
}

/// Where a refusal that is not about one field is shown: beside the form's first field.
fn field_of(action: &str) -> &'static str {
    match action {
        "info-answer" | "review-answer" => "info-outcome",
        "publish" => "log-title",
        "withdraw" => "withdraw-reason",
        _ => "review",
    }
}

/// Everything held about a subject access request's customer, as a zip to review
/// before release. The download is written to the access log and the case's timeline.
pub async fn export(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(reference): Path<String>,
) -> Result<Response, AppError> {
    let (reference, case) = visible_case(&state, &signed_in, &reference).await?;
    signed_in.require(Action::ExportPersonalData)?;
    let (CaseType::SubjectAccess, Some(customer_id)) = (case.case_type, case.customer_id) else {
        return Err(AppError::NotFound);
    };
    let now = now_ms();
    let staff_id = signed_in.0.staff.id;
    crate::cases::db::record_view(state.db.writer(), case.id, staff_id, "export of personal data", now).await?;
    let zip = {
        let mut conn = state.db.reader().acquire().await?;
        information::export::personal_data(&mut conn, &state.council, customer_id, now)
            .await
            .map_err(|err| AppError::Internal(err.into()))?
    };
    let mut tx = state.db.begin().await?;
    let note = "Everything held about the requester was exported for review.";
    let event = crate::cases::db::NewEvent {
        actor: Actor::staff(staff_id),
        kind: EventKind::Note,
        public: false,
        body: Some(note),
        from_status: None,
        to_status: None,
    };
    crate::casework::append_event(&mut tx, case.id, &event, &state.rules.get(), now).await?;
    tx.commit().await?;
    tracing::info!(case = %reference, bytes = zip.len(), "personal data exported");
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"personal-data-{reference}.zip\"")),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        zip,
    )
        .into_response())
}
