//! The data protection part of the case page: legal holds (which keep a case past its
//! retention period), whether its personal data is gone, and carrying out an erasure
//! request. See docs/privacy.md.

use super::form::ActForm;
use crate::cases::{Case, CaseType, Status};
use crate::db::now_ms;
use crate::forms::FieldError;
use crate::org::Action;
use crate::privacy::db::Hold;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::staff::when;

/// The shortest reason a hold may give.
const REASON_MIN: usize = 10;

pub struct Panel {
    pub holds: Vec<(Hold, String)>,
    pub may_hold: bool,
    /// When the case's personal data was removed, in words.
    pub anonymised: Option<String>,
    /// An open erasure request this person may carry out.
    pub may_erase: bool,
}

pub async fn panel(state: &AppState, signed_in: &SignedIn, case: &Case) -> Result<Panel, AppError> {
    let role = signed_in.0.staff.role;
    let holds = crate::privacy::db::holds(&mut *state.db.reader().acquire().await?, case.id).await?;
    let anonymised_at: Option<i64> = crate::cases::db::anonymised_at(state.db.reader(), case.id).await?;
    Ok(Panel {
        holds: holds
            .into_iter()
            .map(|h| {
                let at = when(state, h.held_at);
                (h, at)
            })
            .collect(),
        may_hold: role.may(Action::HoldCase) && anonymised_at.is_none(),
        anonymised: anonymised_at.map(|at| when(state, at)),
        may_erase: role.may(Action::ErasePersonalData)
            && case.case_type == CaseType::Erasure
            && !matches!(case.status, Status::Resolved | Status::Closed),
    })
}

pub fn handles(action: &str) -> bool {
    matches!(action, "hold" | "release-hold" | "erase")
}

/// Puts on or releases a hold, or carries out an erasure: each a step of its own.
pub async fn handle_privacy(
    state: &AppState,
    signed_in: &SignedIn,
    case: &Case,
    form: &ActForm,
) -> Result<Result<(), Vec<FieldError>>, AppError> {
    let staff = signed_in.0.staff.id;
    let now = now_ms();
    let extra = |name: &str| form.extra.get(name).map(|v| v.trim()).unwrap_or_default();
    let mut tx = state.db.begin().await?;
    match form.action.as_str() {
        "hold" => {
            signed_in.require(Action::HoldCase)?;
            let reason = extra("hold-reason");
            if reason.chars().count() < REASON_MIN {
                return Ok(Err(vec![FieldError::new(
                    "hold-reason",
                    "Say why the case must be kept: the ombudsman or tribunal case, or the claim, and its number",
                )]));
            }
            if reason.chars().count() > crate::forms::OUTCOME_MAX {
                return Ok(Err(vec![FieldError::new("hold-reason", "Keep the reason to 2,000 characters or fewer")]));
            }
            crate::privacy::db::add_hold(&mut tx, case.id, reason, staff, now).await?;
            tracing::info!(case = case.id, "legal hold put on");
        }
        "release-hold" => {
            signed_in.require(Action::HoldCase)?;
            let id: i64 = extra("hold-id").parse().map_err(|_| AppError::NotFound)?;
            if !crate::privacy::db::release_hold(&mut tx, id, case.id, staff, now).await? {
                return Err(AppError::NotFound);
            }
            tracing::info!(case = case.id, "legal hold released");
        }
        _ => {
            signed_in.require(Action::ErasePersonalData)?;
            let rules = state.rules.get();
            match crate::privacy::erase(&mut tx, &rules, &state.council.prefix, case, staff, now).await {
                Ok(erased) => {
                    tracing::info!(case = case.id, anonymised = erased.anonymised.len(), "erasure carried out");
                }
                Err(crate::privacy::EraseError::Db(err)) => return Err(err.into()),
                Err(err) => {
                    return Ok(Err(vec![FieldError::new("erase", crate::forms::upper_first(&err.to_string()))]));
                }
            }
        }
    }
    tx.commit().await?;
    Ok(Ok(()))
}
