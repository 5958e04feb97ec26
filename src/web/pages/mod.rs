//! Public pages: one askama struct per page.

pub mod about;
pub mod contact;
pub mod home;
pub mod performance;
pub mod report;
pub mod services;
pub mod staff;
pub mod track;
pub mod you;

use std::sync::Arc;

use askama::Template;
use axum::response::Html;

use super::error::AppError;
use crate::app::AppState;

/// What every page's layout needs.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub council_name: Arc<str>,
    /// Set on staff pages: who is signed in, and the navigation their role allows.
    pub staff: Option<StaffBar>,
}

/// The staff workspace's header: the signed-in name, sign-out, and the sections the role
/// may use.
#[derive(Debug, Clone)]
pub struct StaffBar {
    pub name: String,
    pub role: &'static str,
    pub csrf: String,
    pub may_log: bool,
    pub may_mail: bool,
    pub may_view_cases: bool,
    pub may_admin: bool,
    pub may_audit: bool,
    /// Which section the page is in, to mark it in the navigation.
    pub section: &'static str,
}

impl Chrome {
    pub fn new(state: &AppState) -> Self {
        Chrome { council_name: state.council.name.clone(), staff: None }
    }

    /// The session's CSRF token, for a staff form's hidden field.
    pub fn csrf(&self) -> &str {
        self.staff.as_ref().map_or("", |s| s.csrf.as_str())
    }

    pub fn staff(state: &AppState, session: &crate::sessions::Session, section: &'static str) -> Self {
        use crate::org::Action;
        let role = session.staff.role;
        let bar = StaffBar {
            name: session.staff.name.clone(),
            role: role.label(),
            csrf: session.csrf_token.clone(),
            may_log: role.may(Action::LogContact),
            may_mail: role.may(Action::HandleMail),
            may_view_cases: role.may(Action::ViewCase),
            may_admin: role.may(Action::ManageTemplates),
            may_audit: role.may(Action::ReadAccessLog),
            section,
        };
        Chrome { council_name: state.council.name.clone(), staff: Some(bar) }
    }
}

pub fn render<T: Template>(template: &T) -> Result<Html<String>, AppError> {
    template.render().map(Html).map_err(|err| AppError::Internal(err.into()))
}

#[derive(Template)]
#[template(path = "errors/error.html")]
pub struct ErrorTemplate {
    pub chrome: Chrome,
    pub title: &'static str,
    pub message: String,
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}
