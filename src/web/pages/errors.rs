//! The error page: drawn, in the visitor's language, for any response that carries an
//! [`ErrorPage`], so handlers only return an `AppError`.

use askama::Template;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use super::{Chrome, render};
use crate::web::AppState;
use crate::web::error::ErrorPage;

#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorTemplate {
    chrome: Chrome,
    title: String,
    message: String,
    /// The message's language: a sentence about this request may be English on a page
    /// in another language.
    message_lang: &'static str,
}

/// Draws the error page for any response that carries an [`ErrorPage`].
pub async fn render_errors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let Some(page) = response.extensions_mut().remove::<ErrorPage>() else {
        return response;
    };
    let status = response.status();
    // The error pages' own words are in every language; a sentence about this request
    // is in English, and marked so.
    let chrome = Chrome::translated(&state);
    let language = chrome.language;
    let title = crate::web::i18n::text(language, &format!("error-title-{}", page.kind));
    let said = page.text.as_ref().filter(|_| language != crate::web::i18n::ENGLISH);
    let (message, message_lang) = if let Some(said) = said {
        let args = said.args.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>();
        (crate::web::i18n::text_with(language, said.id, &args), language.code)
    } else if page.general || language == crate::web::i18n::ENGLISH {
        let words = if page.general {
            crate::web::i18n::text(language, &format!("error-message-{}", page.kind))
        } else {
            page.message.clone()
        };
        (words, language.code)
    } else {
        (page.message.clone(), "en")
    };
    let template = ErrorTemplate { chrome, title, message, message_lang };
    let mut drawn = match render(&template) {
        Ok(Html(body)) => (status, Html(body)).into_response(),
        Err(_) => (status, page.title).into_response(),
    };
    // When to try again goes with the page that says so.
    if let Some(wait) = response.headers().get(axum::http::header::RETRY_AFTER) {
        drawn.headers_mut().insert(axum::http::header::RETRY_AFTER, wait.clone());
    }
    drawn
}
