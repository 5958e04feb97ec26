//! The disclosure log: the answers to FOI and EIR requests that staff chose to publish,
//! newest first, a page at a time, each on a page of its own. Nothing shows who asked.
//! The entries are in the words staff wrote (English); everything around them is in the
//! visitor's language.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use serde::Deserialize;

use super::track::date_in;
use super::{Chrome, render};
use crate::information::{self, Exemption, db::LogEntry};
use crate::web::AppState;
use crate::web::error::AppError;

/// How many entries a page lists.
const PAGE: i64 = 25;

/// An entry as the pages show it.
struct Line {
    id: i64,
    title: String,
    law: String,
    outcome: String,
    received: String,
    answered: String,
    withheld: Vec<&'static str>,
    request: String,
    response: String,
}

fn line(state: &AppState, chrome: &Chrome, e: LogEntry) -> Line {
    let law = if e.case_type == "eir" { "disclosure-law-eir" } else { "disclosure-law-foi" };
    Line {
        id: e.id,
        law: chrome.t(law),
        outcome: chrome.t(&format!("disclosure-outcome-{}", e.outcome)),
        received: date_in(state, chrome.language, e.received_at),
        answered: date_in(state, chrome.language, e.answered_at),
        withheld: information::split(&e.exemptions).into_iter().map(Exemption::label).collect(),
        title: e.title,
        request: e.request,
        response: e.response,
    }
}

#[derive(Template)]
#[template(path = "pages/disclosure_log.html")]
struct ListPage {
    chrome: Chrome,
    entries: Vec<Line>,
    /// The cursor of the next, older page, as "published_at-id".
    older: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Shown {
    before: String,
}

/// "1767225600000-42" back to its parts; anything else is the first page.
fn cursor(text: &str) -> Option<information::db::Cursor> {
    let (at, id) = text.split_once('-')?;
    Some((at.parse().ok()?, id.parse().ok()?))
}

pub async fn list(State(state): State<AppState>, Query(shown): Query<Shown>) -> Result<Html<String>, AppError> {
    let chrome = Chrome::translated(&state);
    let mut found = information::db::page(state.db.reader(), cursor(&shown.before), PAGE + 1).await?;
    let older = if found.len() as i64 > PAGE {
        found.truncate(PAGE as usize);
        found.last().map(|e| format!("{}-{}", e.published_at, e.id))
    } else {
        None
    };
    let entries = found.into_iter().map(|e| line(&state, &chrome, e)).collect();
    render(&ListPage { chrome, entries, older })
}

#[derive(Template)]
#[template(path = "pages/disclosure_entry.html")]
struct EntryPage {
    chrome: Chrome,
    entry: Line,
}

pub async fn show(State(state): State<AppState>, Path(id): Path<String>) -> Result<Html<String>, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let entry = information::db::published(state.db.reader(), id).await?.ok_or(AppError::NotFound)?;
    let chrome = Chrome::translated(&state);
    let entry = line(&state, &chrome, entry);
    render(&EntryPage { chrome, entry })
}
