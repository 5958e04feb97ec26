//! The pages every public service needs: the accessibility statement, cookies and
//! privacy. Their words name the council and describe what this software really does.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use super::{Chrome, render};
use crate::web::AppState;
use crate::web::error::AppError;

#[derive(Template)]
#[template(path = "pages/accessibility.html")]
struct AccessibilityPage {
    chrome: Chrome,
    email: String,
    has_map: bool,
}

impl AccessibilityPage {
    fn with_email(&self, id: &str) -> String {
        self.chrome.t_with(id, &[("email", &self.email)])
    }
}

pub async fn accessibility(State(state): State<AppState>) -> Result<Html<String>, AppError> {
    let email = state.rules.get().policy.contact.email.clone();
    render(&AccessibilityPage { chrome: Chrome::translated(&state), email, has_map: state.council.map.is_some() })
}

#[derive(Template)]
#[template(path = "pages/cookies.html")]
struct CookiesPage {
    chrome: Chrome,
}

pub async fn cookies(State(state): State<AppState>) -> Result<Html<String>, AppError> {
    render(&CookiesPage { chrome: Chrome::translated(&state) })
}

#[derive(Template)]
#[template(path = "pages/privacy.html")]
struct PrivacyPage {
    chrome: Chrome,
    email: String,
    has_map: bool,
    /// What is kept and for how long after closing, from the policy's `[retention]`.
    kept: Vec<(String, String)>,
}

impl PrivacyPage {
    fn with_email(&self, id: &str) -> String {
        self.chrome.t_with(id, &[("email", &self.email)])
    }
}

pub async fn privacy(State(state): State<AppState>) -> Result<Html<String>, AppError> {
    let rules = state.rules.get();
    let email = rules.policy.contact.email.clone();
    let chrome = Chrome::translated(&state);
    let language = chrome.language;
    let kept = rules
        .policy
        .retention
        .periods
        .iter()
        .map(|(kind, period)| {
            let (id, n) = if period.months % 12 == 0 {
                ("privacy-period-years", period.months / 12)
            } else {
                ("privacy-period-months", period.months)
            };
            let how_long = crate::web::i18n::text_args(language, id, vec![("n", n.into())]);
            (crate::web::i18n::text(language, &format!("privacy-kind-{}", kind.code())), how_long)
        })
        .collect();
    render(&PrivacyPage { chrome, email, has_map: state.council.map.is_some(), kept })
}
