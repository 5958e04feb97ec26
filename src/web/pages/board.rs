//! The waiting area's board (`/reception/board?site=`): tickets called and where to go,
//! how many are waiting and the usual wait. No names or anything personal; large type.
//! The screen in the waiting area opens it with `&screen=1`, and then it refreshes itself
//! every 15 seconds with a meta refresh, needing no JavaScript: a queue display is
//! real-time, WCAG 2.2.1's exception for timing. Anyone else who opens the page gets no
//! automatic refresh, only a link to look again, so nothing moves under a reader.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use serde::Deserialize;

use super::{Chrome, render};
use crate::db::now_ms;
use crate::reception::{self, VisitState};
use crate::web::AppState;
use crate::web::error::AppError;

/// How long a called ticket stays on the board.
const SHOWN_MS: i64 = 20 * 60_000;

#[derive(Template)]
#[template(path = "pages/board.html")]
struct BoardPage {
    chrome: Chrome,
    site: String,
    site_name: String,
    screen: bool,
    called: Vec<(String, String)>,
    waiting: usize,
    wait: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SiteQuery {
    site: String,
    /// Set by the waiting area's screen: refresh every 15 seconds.
    screen: String,
}

pub async fn show(State(state): State<AppState>, Query(q): Query<SiteQuery>) -> Result<Html<String>, AppError> {
    let rules = state.rules.get();
    let contact = &rules.policy.contact;
    let site = if q.site.is_empty() {
        contact.visit.first().map(crate::standards::contact::VisitPoint::id)
    } else {
        Some(q.site.clone())
    };
    let point = site.as_deref().and_then(|s| contact.site(s)).ok_or(AppError::NotFound)?;
    let now = now_ms();
    let calendar = &rules.calendars.council;
    let day = crate::rollups::day_number(calendar.local_date(crate::rollups::ts(now)));
    let visits = reception::db::of_day(state.db.reader(), &point.id(), day).await?;
    let figures = reception::today(&visits, now);
    let mut called: Vec<(i64, String, String)> = visits
        .iter()
        .filter(|v| v.state == VisitState::Called || (v.state == VisitState::BeingSeen))
        .filter_map(|v| Some((v.called_at?, v.ticket.clone(), v.desk.clone().unwrap_or_default())))
        .filter(|(at, _, _)| now - at <= SHOWN_MS)
        .collect();
    called.sort_by_key(|c| std::cmp::Reverse(c.0));
    let chrome = Chrome::translated(&state);
    let wait = match (figures.waiting, figures.median_minutes) {
        (0, _) => chrome.t("board-no-wait"),
        (_, Some(m)) if m < 5 => chrome.t("board-under-5"),
        (_, Some(m)) => chrome.t_with("board-about", &[("minutes", &m.to_string())]),
        (_, None) => chrome.t("board-soon"),
    };
    render(&BoardPage {
        chrome,
        site: point.id(),
        screen: !q.screen.is_empty(),
        site_name: point.name.clone(),
        called: called.into_iter().take(8).map(|(_, t, d)| (t, d)).collect(),
        waiting: figures.waiting,
        wait,
    })
}
