//! The service standards in force, read-only: what each promises, to which contacts, and
//! how it is counted. They change only through the policy file (see README), so what is
//! promised is reviewed like any other change.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use crate::calendar::Receipt;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

struct Line {
    id: String,
    version: i64,
    title: String,
    wording: String,
    target: String,
    applies: String,
    counted: String,
    extension: String,
    published: bool,
    source: String,
}

#[derive(Template)]
#[template(path = "staff/standards.html")]
struct StandardsPage {
    chrome: Chrome,
    lines: Vec<Line>,
}

fn list<T: std::fmt::Display>(items: &[T], all: &str) -> String {
    if items.is_empty() {
        all.to_owned()
    } else {
        items.iter().map(std::string::ToString::to_string).collect::<Vec<_>>().join(", ")
    }
}

/// Every member of staff may read the standards their work is timed against.
pub async fn show(State(state): State<AppState>, signed_in: SignedIn) -> Result<Html<String>, AppError> {
    let rules = state.rules.get();
    let lines = rules
        .current
        .iter()
        .map(|v| {
            let s = &v.standard;
            Line {
                id: s.id.clone(),
                version: v.version,
                title: s.title.clone(),
                wording: s.wording.clone(),
                target: s.target.to_string(),
                applies: format!(
                    "Channels: {}. Kinds of case: {}. Services: {}.",
                    list(&s.channels.iter().map(|c| c.label()).collect::<Vec<_>>(), "all"),
                    list(&s.case_types.iter().map(|c| c.label()).collect::<Vec<_>>(), "all"),
                    list(&s.services, "all"),
                ),
                counted: format!(
                    "{}; {}",
                    s.calendar.label(),
                    match s.receipt {
                        Receipt::AsReceived => "from the day it arrives",
                        Receipt::NextWorkingDay => "from the next working day if it arrives when the council is closed",
                    }
                ),
                extension: s
                    .extension_cap
                    .map_or_else(|| "Cannot be extended".to_owned(), |cap| format!("Up to {cap} more")),
                published: s.published,
                source: s.source.clone(),
            }
        })
        .collect();
    render(&StandardsPage { chrome: Chrome::staff(&state, &signed_in.0, "standards"), lines })
}
