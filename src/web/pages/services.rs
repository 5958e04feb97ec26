//! Finding a service: the list by group, a search by words, and each service's own page
//! saying what it covers, how to get it done, and what we promise.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use serde::Deserialize;

use super::{Chrome, render};
use crate::cases::Channel;
use crate::db::now_ms;
use crate::notices::{self, Notice};
use crate::services::{self, Service, ServiceGroup};
use crate::standards::Milestone;
use crate::translations::{Item, Texts};
use crate::web::AppState;
use crate::web::error::AppError;

#[derive(Template)]
#[template(path = "pages/services.html")]
struct ServicesPage {
    chrome: Chrome,
    groups: Vec<ServiceGroup>,
    /// What was searched for, and what it found.
    q: String,
    found: Option<Vec<Service>>,
    texts: Texts,
}

impl ServicesPage {
    fn search_title(&self) -> String {
        self.chrome.t_with("services-search-title", &[("q", &self.q)])
    }

    fn found_heading(&self, count: usize) -> String {
        use fluent_templates::fluent_bundle::FluentValue;
        let args = vec![("count", FluentValue::from(count)), ("q", FluentValue::from(self.q.as_str()))];
        crate::web::i18n::text_args(self.chrome.language, "services-found", args)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Search {
    q: String,
}

/// The search words, at most 100 characters of them.
fn words(q: &str) -> String {
    q.trim().chars().take(100).collect()
}

pub async fn list(State(state): State<AppState>, Query(search): Query<Search>) -> Result<Html<String>, AppError> {
    let english = services::db::list_active(state.db.reader()).await?;
    let texts = super::content_texts(&state).await?;
    // Each service in the page's language; searched by those words and its English
    // ones too, so "bin" finds the missed bin service on the Welsh site as well.
    let all: Vec<Service> = english
        .iter()
        .map(|s| {
            let mut shown = s.clone();
            texts.service(&mut shown);
            if shown.name != s.name || shown.description != s.description {
                shown.keywords = format!("{} {} {}", s.keywords, s.name, s.description);
            }
            shown
        })
        .collect();
    let q = words(&search.q);
    let found = (!q.is_empty()).then(|| services::search(all.clone(), &q));
    render(&ServicesPage { chrome: Chrome::translated(&state), groups: services::group(all), q, found, texts })
}

/// A promise that applies to the service, in its own words.
pub struct Applies {
    pub title: String,
    pub wording: String,
}

#[derive(Template)]
#[template(path = "pages/service.html")]
struct ServicePage {
    chrome: Chrome,
    service: Service,
    promises: Vec<Applies>,
    notices: Vec<Notice>,
    /// It takes appointments: the start button books one.
    bookable: bool,
    texts: Texts,
}

pub async fn show(State(state): State<AppState>, Path(code): Path<String>) -> Result<Html<String>, AppError> {
    let mut service = services::db::by_code(state.db.reader(), &code).await?.ok_or_else(|| {
        AppError::not_found(
            format!("There is no service called \u{201c}{code}\u{201d}. Find it in the list of services."),
            "error-no-service",
            vec![("code", code.clone())],
        )
    })?;
    let texts = super::content_texts(&state).await?;
    texts.service(&mut service);
    let rules = state.rules.get();
    let bookable = rules.policy.bookable(&service.code).is_some();
    // Promises about appointments are made only where one can be booked.
    let about_appointments =
        |s: &crate::standards::Standard| matches!(s.starts, Milestone::AppointmentDue | Milestone::ChangeDecided);
    let promises = rules
        .current
        .iter()
        .map(|v| &v.standard)
        .filter(|s| s.published && s.applies_to(Channel::Web, service.case_type, &service.code))
        .filter(|s| bookable || !about_appointments(s))
        .map(|s| Applies {
            title: texts.or_english(&Item::StandardTitle(s.id.clone()), &s.title),
            wording: texts.or_english(&Item::StandardWording(s.id.clone()), &s.wording),
        })
        .collect();
    let mut notices = notices::live(state.db.reader(), Some(service.id), now_ms()).await?;
    crate::notices::count_shown(&state.db, &notices);
    translate_notices(&texts, &service, &mut notices);
    render(&ServicePage { chrome: Chrome::translated(&state), service, promises, notices, bookable, texts })
}

/// Notices in the page's language, a service's own named by its name in it.
pub fn translate_notices(texts: &Texts, service: &Service, notices: &mut [Notice]) {
    texts.notices(notices);
    for notice in notices.iter_mut().filter(|n| n.service_id == Some(service.id)) {
        notice.service_name = Some(service.name.clone());
    }
}
