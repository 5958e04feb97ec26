//! The contacts from the customer on the case page, each with its class of demand (value,
//! or failure demand of a kind) and their reason in their own words, and correcting a
//! class: the correction is recorded with who made it, and the counts move with it
//! (docs/insight.md).

use super::form::ActForm;
use crate::cases::{Case, Channel};
use crate::contacts::Demand;
use crate::db::now_ms;
use crate::forms::FieldError;
use crate::org::Action;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::staff::when;

pub struct Line {
    pub id: i64,
    pub at: String,
    pub channel: &'static str,
    pub demand: String,
    pub label: &'static str,
    pub reason: Option<String>,
    pub corrected: bool,
}

pub struct Panel {
    pub contacts: Vec<Line>,
    /// Whether this person may correct a class: those who log contacts.
    pub may_correct: bool,
    pub demands: &'static [Demand],
}

pub async fn panel(state: &AppState, signed_in: &SignedIn, case: &Case) -> Result<Panel, AppError> {
    let rows = crate::contacts::db::classified(&mut *state.db.reader().acquire().await?, case.id).await?;
    Ok(Panel {
        contacts: rows
            .into_iter()
            .map(|(id, at, channel, demand, reason, corrected)| Line {
                id,
                at: when(state, at),
                channel: Channel::parse(&channel).map_or("Other", Channel::label),
                label: Demand::parse(&demand).map_or("Unknown", Demand::label),
                demand,
                reason,
                corrected,
            })
            .collect(),
        may_correct: signed_in.0.staff.role.may(Action::LogContact),
        demands: Demand::ALL,
    })
}

pub fn handles(action: &str) -> bool {
    action == "demand"
}

/// Corrects one contact's class.
pub async fn handle_demand(
    state: &AppState,
    signed_in: &SignedIn,
    case: &Case,
    form: &ActForm,
) -> Result<Result<(), Vec<FieldError>>, AppError> {
    signed_in.require(Action::LogContact)?;
    let extra = |name: &str| form.extra.get(name).map(|v| v.trim()).unwrap_or_default();
    let contact: i64 = extra("contact-id").parse().map_err(|_| AppError::NotFound)?;
    let Some(became) = Demand::parse(extra("contact-demand")) else {
        return Ok(Err(vec![FieldError::new("contact-demand", "Choose what the contact was")]));
    };
    // Only a contact on this case.
    let on_case = crate::contacts::db::classified(&mut *state.db.reader().acquire().await?, case.id).await?;
    if !on_case.iter().any(|c| c.0 == contact) {
        return Err(AppError::NotFound);
    }
    let rules = state.rules.get();
    let mut tx = state.db.begin().await?;
    let changed =
        crate::casework::correct_demand(&mut tx, &rules, contact, became, signed_in.0.staff.id, now_ms()).await?;
    tx.commit().await?;
    if !changed {
        return Ok(Err(vec![FieldError::new("contact-demand", "The contact is already of that kind")]));
    }
    Ok(Ok(()))
}
