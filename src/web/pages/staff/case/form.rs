//! The case page's form as posted, shared by its parts (complaint and information
//! request panels), and the rule for which cases a person may open.

use serde::Deserialize;

use crate::cases::{Case, CaseRef};
use crate::org::Action;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::report::parse_reference;

/// A case page form, as posted. Missing fields read as empty.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActForm {
    pub(crate) csrf: String,
    pub(crate) action: String,
    pub(crate) reply: String,
    pub(crate) note: String,
    pub(crate) officer: String,
    /// Passing the case to another team: which, and why.
    pub(crate) team: String,
    #[serde(rename = "pass-reason")]
    pub(crate) pass_reason: String,
    pub(crate) status: String,
    #[serde(rename = "status-note")]
    pub(crate) status_note: String,
    pub(crate) standard: String,
    pub(crate) by: String,
    pub(crate) reason: String,
    /// "yes" once the officer has seen the plain-English advice and sends anyway.
    pub(crate) checked: String,
    // The complaint forms (see complaint.rs).
    #[serde(rename = "case-type")]
    pub(crate) case_type: String,
    #[serde(rename = "type-reason")]
    pub(crate) type_reason: String,
    pub(crate) outcome: String,
    pub(crate) cause: String,
    pub(crate) remedy: String,
    #[serde(rename = "answer-text")]
    pub(crate) answer_text: String,
    #[serde(rename = "promise-1")]
    pub(crate) promise_1: String,
    #[serde(rename = "promise-1-due")]
    pub(crate) promise_1_due: String,
    #[serde(rename = "promise-2")]
    pub(crate) promise_2: String,
    #[serde(rename = "promise-2-due")]
    pub(crate) promise_2_due: String,
    #[serde(rename = "promise-id")]
    pub(crate) promise_id: String,
    #[serde(rename = "done-note")]
    pub(crate) done_note: String,
    // The information request forms (see information.rs).
    #[serde(rename = "info-outcome")]
    pub(crate) info_outcome: String,
    #[serde(rename = "info-text")]
    pub(crate) info_text: String,
    #[serde(rename = "log-title")]
    pub(crate) log_title: String,
    #[serde(rename = "log-request")]
    pub(crate) log_request: String,
    #[serde(rename = "log-response")]
    pub(crate) log_response: String,
    #[serde(rename = "withdraw-reason")]
    pub(crate) withdraw_reason: String,
    /// Fields with names of their own, such as one checkbox an exemption
    /// ("exemptions-s40": a form cannot post a list to a struct).
    #[serde(flatten)]
    pub(crate) extra: std::collections::HashMap<String, String>,
}

impl ActForm {
    /// Whether this is a form as posted, not a page opened at one of its forms.
    pub(crate) fn posted(&self) -> bool {
        !self.csrf.is_empty()
    }
}

/// The case behind a reference, if this person may see it; "not found" otherwise.
pub async fn visible_case(
    state: &AppState,
    signed_in: &SignedIn,
    reference: &str,
) -> Result<(CaseRef, Case), AppError> {
    signed_in.require(Action::ViewCase)?;
    let reference = parse_reference(state, reference)?;
    let case = crate::cases::db::get(state.db.reader(), reference.id()).await?.ok_or(AppError::NotFound)?;
    if !signed_in.0.staff.sees_case(case.team_id, case.partner_id) {
        return Err(AppError::NotFound);
    }
    Ok((reference, case))
}

/// Commits a workflow step that was taken, or gives its refusal as field errors: the
/// fields it named, or the sentence why beside `field` (the form's first field).
pub(crate) async fn settle(
    tx: crate::db::Tx,
    done: Result<(), crate::casework::StepError>,
    field: &'static str,
) -> Result<Result<(), Vec<crate::forms::FieldError>>, AppError> {
    use crate::casework::StepError;
    use crate::forms::FieldError;
    match done {
        Ok(()) => {
            tx.commit().await?;
            Ok(Ok(()))
        }
        Err(StepError::Invalid(errors)) => Ok(Err(errors)),
        Err(StepError::NotNow(why)) => Ok(Err(vec![FieldError::new(field, why)])),
        Err(StepError::Status(err)) => {
            Ok(Err(vec![FieldError::new(field, crate::forms::upper_first(&err.to_string()))]))
        }
        Err(StepError::Db(err)) => Err(err.into()),
    }
}
