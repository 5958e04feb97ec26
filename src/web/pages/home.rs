//! The front page.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use super::{Chrome, render};
use crate::web::AppState;
use crate::web::error::AppError;

#[derive(Template)]
#[template(path = "pages/home.html")]
struct HomePage {
    chrome: Chrome,
    /// Notices for every service, showing now.
    notices: Vec<crate::notices::Notice>,
    texts: crate::translations::Texts,
}

pub async fn show(State(state): State<AppState>) -> Result<Html<String>, AppError> {
    let mut notices: Vec<_> = crate::notices::live(state.db.reader(), None, crate::db::now_ms())
        .await?
        .into_iter()
        .filter(|n| n.service_id.is_none())
        .collect();
    crate::notices::count_shown(&state.db, &notices);
    let texts = super::content_texts(&state).await?;
    texts.notices(&mut notices);
    render(&HomePage { chrome: Chrome::translated(&state), notices, texts })
}
