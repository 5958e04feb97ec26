//! Public pages: one askama struct per page.

pub mod home;
pub mod report;
pub mod services;
pub mod track;

use std::sync::Arc;

use askama::Template;
use axum::response::Html;

use super::error::AppError;
use crate::app::AppState;

/// What every page's layout needs.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub council_name: Arc<str>,
}

impl Chrome {
    pub fn new(state: &AppState) -> Self {
        Chrome { council_name: state.council.name.clone() }
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
