//! The list of services, by group.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use super::{Chrome, render};
use crate::app::AppState;
use crate::services::{self, ServiceGroup};
use crate::web::error::AppError;

#[derive(Template)]
#[template(path = "pages/services.html")]
struct ServicesPage {
    chrome: Chrome,
    groups: Vec<ServiceGroup>,
}

pub async fn list(State(state): State<AppState>) -> Result<Html<String>, AppError> {
    let all = services::db::list_active(state.db.reader()).await?;
    render(&ServicesPage { chrome: Chrome::new(&state), groups: services::group(all) })
}
