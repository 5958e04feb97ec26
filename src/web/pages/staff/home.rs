//! The staff workspace's first page: what this role can do from here.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use crate::mail;
use crate::org::Action;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "staff/home.html")]
struct HomePage {
    chrome: Chrome,
    may_log: bool,
    may_view_cases: bool,
    may_report: bool,
    may_councillor: bool,
    may_audit: bool,
    may_administer: bool,
    /// Mail waiting for a person, when the role handles mail.
    quarantined: Option<i64>,
}

pub async fn show(State(state): State<AppState>, signed_in: SignedIn) -> Result<Html<String>, AppError> {
    let role = signed_in.0.staff.role;
    let quarantined =
        if role.may(Action::HandleMail) { Some(mail::db::count(&state.db, "quarantined").await?) } else { None };
    let page = HomePage {
        chrome: Chrome::staff(&state, &signed_in.0, "home"),
        may_log: role.may(Action::LogContact),
        may_view_cases: role.may(Action::ViewCase),
        may_report: role.may(Action::ReadReports),
        may_councillor: role.may(Action::CouncillorEnquiries),
        may_audit: role.may(Action::ReadAccessLog),
        may_administer: role.may(Action::ManageUsers),
        quarantined,
    };
    render(&page)
}
