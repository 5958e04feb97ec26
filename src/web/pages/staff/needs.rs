//! A customer's needs and reasonable adjustments: recorded and ended on their record,
//! flagged on every staff view of their cases (docs/privacy.md). Only roles that may
//! see them (`Action::SeeNeeds`) do, and each showing is recorded in the customer access
//! log.

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::customer::{ArrangementForm, EndForm, Shown, page, visible};
use crate::customers::needs::{self, Adjustment, Basis, Need, NeedForm, Recorded};
use crate::customers::{self};
use crate::db::now_ms;
use crate::org::Action;
use crate::sessions::Staff;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::render;

/// The form that records a need or adjustment, as typed.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct NeedFields {
    pub csrf: String,
    #[serde(rename = "need-what")]
    pub what: String,
    #[serde(rename = "need-detail")]
    pub detail: String,
    #[serde(rename = "need-basis")]
    pub basis: String,
    #[serde(rename = "need-given-by")]
    pub given_by: String,
    #[serde(rename = "need-review-on")]
    pub review_on: String,
}

/// Every need and adjustment as (code, label) for the form's list.
pub fn what_options() -> Vec<(String, String)> {
    let needs = Need::ALL.iter().map(|n| (n.as_str().to_owned(), format!("Need: {}", n.label())));
    let adjustments = Adjustment::ALL.iter().map(|a| (a.as_str().to_owned(), format!("Adjustment: {}", a.label())));
    needs.chain(adjustments).collect()
}

pub fn basis_options() -> Vec<(String, String)> {
    Basis::ALL.iter().map(|b| (b.as_str().to_owned(), b.label().to_owned())).collect()
}

/// The customer's needs and adjustments for a banner, when this member of staff may see
/// them; each showing is recorded with `why` (the page it is on).
pub async fn flagged(state: &AppState, staff: &Staff, customer_id: i64, why: &str) -> Result<Vec<Recorded>, AppError> {
    if !staff.role.may(Action::SeeNeeds) {
        return Ok(Vec::new());
    }
    let shown = customers::db::needs(&mut *state.db.reader().acquire().await?, customer_id).await?;
    if !shown.is_empty() {
        let viewer = customers::db::Viewer::Staff(staff.id);
        customers::db::record_view(state.db.writer(), customer_id, viewer, "needs and adjustments", why, now_ms())
            .await?;
    }
    Ok(shown)
}

/// Records a need or adjustment on the customer's record.
pub async fn record(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    form: Result<Form<NeedFields>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageCustomers)?;
    signed_in.require(Action::SeeNeeds)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let customer = customers::db::get(state.db.reader(), id).await?.ok_or(AppError::NotFound)?;
    visible(&state, &signed_in.0.staff, id).await?;
    let now = now_ms();
    let today = state.rules.get().calendars.council.local_date(crate::rollups::ts(now));
    let typed = NeedForm {
        what: &form.what,
        detail: &form.detail,
        basis: &form.basis,
        given_by: &form.given_by,
        review_on: &form.review_on,
    };
    let checked = needs::check(&typed, today, customer.phone.is_some(), customer.address.is_some());
    let need = match checked {
        Ok(need) => need,
        Err(errors) => {
            let mut page =
                page(&state, &signed_in, id, &Shown::default(), ArrangementForm::default(), errors, None).await?;
            page.need = form;
            return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    customers::db::add_need(&mut tx, id, &need, signed_in.0.staff.id, now).await?;
    tx.commit().await?;
    tracing::info!(customer = id, code = need.what.code(), "need or adjustment recorded");
    Ok(Redirect::to(&format!("/staff/customers/{id}?done=need#needs")).into_response())
}

/// Ends a need or adjustment; its record stays.
pub async fn end(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((id, need)): Path<(i64, i64)>,
    form: Result<Form<EndForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageCustomers)?;
    signed_in.require(Action::SeeNeeds)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    visible(&state, &signed_in.0.staff, id).await?;
    let mut tx = state.db.begin().await?;
    if !customers::db::end_need(&mut tx, id, need, signed_in.0.staff.id, now_ms()).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/staff/customers/{id}?done=need-ended#needs")).into_response())
}
