//! Administration: translations of the council's own content into each language the
//! public site speaks, beside the English, with what needs translating flagged; and the
//! same as a PO file for translators to download and upload.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::db::now_ms;
use crate::language::Language;
use crate::org::Action;
use crate::translations::{self, Entry, po};
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

/// One language's place on the overview.
struct Summary {
    language: Language,
    total: usize,
    needed: usize,
}

#[derive(Template)]
#[template(path = "staff/translations.html")]
struct TranslationsPage {
    chrome: Chrome,
    /// Every language content is translated into, with how far it has got.
    summaries: Vec<Summary>,
    /// The language shown, and its strings (all, or only those needing translation).
    language: Language,
    entries: Vec<Entry>,
    only_needed: bool,
    done: String,
    /// Problems with an uploaded file, each naming its line, or with the page's
    /// translations, each naming its string.
    errors: Vec<String>,
    /// Where the error summary's links go: the upload (`file`) or the strings (`strings`).
    errors_at: &'static str,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Show {
    show: String,
    done: String,
}

fn language_of(code: &str) -> Result<Language, AppError> {
    translations::languages().find(|l| l.code == code).ok_or(AppError::NotFound)
}

async fn catalogue(state: &AppState, language: Language) -> Result<Vec<Entry>, AppError> {
    let items = translations::db::items(state.db.reader(), &state.rules.get(), now_ms()).await?;
    let stored = translations::db::texts(state.db.reader(), language).await?;
    Ok(translations::entries(items, &stored))
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    language: Language,
    only_needed: bool,
    done: String,
    errors: Vec<String>,
    errors_at: &'static str,
) -> Result<TranslationsPage, AppError> {
    let mut summaries = Vec::new();
    let mut shown = Vec::new();
    let items = translations::db::items(state.db.reader(), &state.rules.get(), now_ms()).await?;
    for other in translations::languages() {
        let stored = translations::db::texts(state.db.reader(), other).await?;
        let entries = translations::entries(items.clone(), &stored);
        let needed = entries.iter().filter(|e| e.needs_translation()).count();
        summaries.push(Summary { language: other, total: entries.len(), needed });
        if other == language {
            shown = entries.into_iter().filter(|e| !only_needed || e.needs_translation()).collect();
        }
    }
    Ok(TranslationsPage {
        chrome: Chrome::staff(state, &signed_in.0, "admin"),
        summaries,
        language,
        entries: shown,
        only_needed,
        done,
        errors_at,
        errors,
    })
}

/// The overview, with the first language's strings (Welsh).
pub async fn overview(State(state): State<AppState>, signed_in: SignedIn) -> Result<Html<String>, AppError> {
    signed_in.require(Action::ManageServices)?;
    let first = translations::languages().next().unwrap_or_default();
    render(&page(&state, &signed_in, first, false, String::new(), Vec::new(), "file").await?)
}

pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(code): Path<String>,
    Query(show): Query<Show>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::ManageServices)?;
    let language = language_of(&code)?;
    let done = match show.done.as_str() {
        "saved" => "The translations are saved".to_owned(),
        d => match d.strip_prefix("imported-").and_then(|n| n.parse::<usize>().ok()) {
            Some(1) => "The file is read: 1 translation stored".to_owned(),
            Some(n) => format!("The file is read: {n} translations stored"),
            None => String::new(),
        },
    };
    render(&page(&state, &signed_in, language, show.show == "needed", done, Vec::new(), "file").await?)
}

/// Saves the page's translations. Each row sends its key (`item`), the English it
/// showed (`english`), the translation (`text`), and for a translation of older English,
/// whether it still fits (`fits`). A row is stored when its text changed, or when it is
/// confirmed to fit today's English; an emptied text removes the translation.
pub async fn save(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(code): Path<String>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageServices)?;
    let language = language_of(&code)?;
    let Form(pairs) = form?;
    let csrf = pairs.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str()).unwrap_or_default();
    signed_in.check_csrf(csrf)?;
    let fits: Vec<&str> = pairs.iter().filter(|(k, _)| k == "fits").map(|(_, v)| v.as_str()).collect();
    let entries = catalogue(&state, language).await?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut item: Option<&str> = None;
    for (name, value) in &pairs {
        match name.as_str() {
            "item" => item = Some(value),
            "text" => {
                let Some(key) = item.take() else { continue };
                // Only what the page showed, against today's English.
                let Some(entry) = entries.iter().find(|e| e.item.key() == key) else { continue };
                let typed = value.trim();
                if let Some(why) = translations::too_long(typed) {
                    errors.push(format!("{}: {why}", entry.item.describe()));
                    continue;
                }
                let changed = entry.text.as_deref().unwrap_or_default() != typed;
                if changed || (fits.contains(&key) && entry.older_english.is_some()) {
                    rows.push((key.to_owned(), entry.english.clone(), typed.to_owned()));
                }
            }
            _ => {}
        }
    }
    if !errors.is_empty() {
        // Nothing is saved until every translation fits.
        let page = page(&state, &signed_in, language, false, String::new(), errors, "strings").await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let mut tx = state.db.begin().await?;
    translations::db::save_all(&mut tx, language, &rows, now_ms()).await?;
    tx.commit().await?;
    tracing::info!(language = language.code, count = rows.len(), by = signed_in.0.staff.id, "translations saved");
    Ok(Redirect::to(&format!("/staff/admin/translations/{}?done=saved", language.code)).into_response())
}

/// The language's strings as a PO file, for a translator's tool.
pub async fn download(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageServices)?;
    let language = language_of(&code)?;
    let entries = catalogue(&state, language).await?;
    let file = po::write(&state.council.name, language, &entries);
    let disposition = format!("attachment; filename=\"content-{}.po\"", language.code);
    Ok((
        [
            (header::CONTENT_TYPE, "text/x-gettext-translation; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        file,
    )
        .into_response())
}

/// Reads a translator's PO file: stored whole, or refused whole with each problem's line.
pub async fn upload(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(code): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageServices)?;
    let language = language_of(&code)?;
    let (mut csrf, mut file) = (String::new(), None);
    while let Some(field) = multipart.next_field().await.map_err(|err| AppError::unreadable_form(&err.to_string()))? {
        match field.name() {
            Some("csrf") => csrf = field.text().await.map_err(|err| AppError::unreadable_form(&err.to_string()))?,
            Some("file") => {
                file = Some(field.bytes().await.map_err(|err| AppError::unreadable_form(&err.to_string()))?);
            }
            _ => {}
        }
    }
    signed_in.check_csrf(&csrf)?;
    let refuse = |errors: Vec<String>| async {
        let page = page(&state, &signed_in, language, false, String::new(), errors, "file").await?;
        Ok::<_, AppError>((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
    };
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        return refuse(vec!["Choose a PO file to upload".to_owned()]).await;
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return refuse(vec!["The file is not UTF-8 text: save it from the translation tool as UTF-8".to_owned()]).await;
    };
    let read = match po::read(text) {
        Ok(read) => read,
        Err(err) => return refuse(vec![err.to_string()]).await,
    };
    let items = translations::db::items(state.db.reader(), &state.rules.get(), now_ms()).await?;
    let import = match translations::import(&read, language, &items) {
        Ok(import) => import,
        Err(errors) => return refuse(errors.iter().take(20).map(ToString::to_string).collect()).await,
    };
    let mut tx = state.db.begin().await?;
    translations::db::save_all(&mut tx, language, &import.rows, now_ms()).await?;
    tx.commit().await?;
    tracing::info!(
        language = language.code,
        count = import.rows.len(),
        by = signed_in.0.staff.id,
        "translations imported"
    );
    Ok(Redirect::to(&format!("/staff/admin/translations/{}?done=imported-{}", language.code, import.rows.len()))
        .into_response())
}
