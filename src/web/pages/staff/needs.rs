//! A customer's needs and reasonable adjustments, as staff pages show them (they are
//! recorded and ended on the record: `customer::record_need`, `customer::end_need`),
//! flagged on every staff view of their cases (docs/privacy.md). Only roles that may
//! see them (`Action::SeeNeeds`) do, and each showing is recorded in the customer access
//! log.

use serde::Deserialize;

use crate::customers::needs::{Adjustment, Basis, Need, Recorded};
use crate::customers::{self};
use crate::db::now_ms;
use crate::org::Action;
use crate::sessions::Staff;
use crate::web::AppState;
use crate::web::error::AppError;

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
