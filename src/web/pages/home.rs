//! The front page.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use super::{Chrome, render};
use crate::app::AppState;
use crate::web::error::AppError;

#[derive(Template)]
#[template(path = "pages/home.html")]
struct HomePage {
    chrome: Chrome,
}

pub async fn show(State(state): State<AppState>) -> Result<Html<String>, AppError> {
    render(&HomePage { chrome: Chrome::new(&state) })
}
