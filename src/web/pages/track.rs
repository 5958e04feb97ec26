//! Follow a case by its reference: what it is about, where it is, and each promise the
//! council made about it with its date. A reference is not proof of who someone is, so
//! the page shows nothing personal: not the description, the name or the address.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use jiff::Timestamp;

use super::{Chrome, render};
use crate::app::AppState;
use crate::cases::{self, CaseRef};
use crate::clocks::{self, State as ClockState};
use crate::services;
use crate::web::error::AppError;

/// One promise, in words.
pub struct Promise {
    pub title: String,
    pub wording: String,
    pub outcome: String,
    /// A GOV.UK tag colour class, or empty.
    pub tag: &'static str,
    /// For staff: how the date was worked out.
    pub explained: Option<Explained>,
}

/// How a clock's deadline was worked out: what it allows, from when, and the days that
/// did not count, with why.
pub struct Explained {
    pub allowed: String,
    pub started: String,
    pub due: String,
    pub skipped: Vec<String>,
}

#[derive(Template)]
#[template(path = "pages/track.html")]
struct TrackPage {
    chrome: Chrome,
    reference: CaseRef,
    service: String,
    received: String,
    status: &'static str,
    open: bool,
    promises: Vec<Promise>,
}

pub async fn show(State(state): State<AppState>, Path(reference): Path<String>) -> Result<Html<String>, AppError> {
    let reference = super::report::parse_reference(&state, &reference)?;
    let case = cases::db::get(state.db.reader(), reference.id()).await?.ok_or(AppError::NotFound)?;
    let service = services::db::name(state.db.reader(), case.service_id).await?.unwrap_or_default();
    let promises = promises(&state, case.id, true).await?;
    let page = TrackPage {
        chrome: Chrome::new(&state),
        reference,
        service,
        received: date(&state, case.created_at),
        status: case.status.label(),
        open: case.status.is_open(),
        promises,
    };
    render(&page)
}

/// "Tuesday 3 March 2026" in the council's time zone.
pub fn date(state: &AppState, at: i64) -> String {
    let at = Timestamp::from_millisecond(at).unwrap_or(Timestamp::UNIX_EPOCH);
    state.rules.get().calendars.council.local_date(at).strftime("%A %-d %B %Y").to_string()
}

/// Each promise made about a case, with how it stands: the published ones for the
/// public, every one for staff.
pub async fn promises(state: &AppState, case_id: i64, published_only: bool) -> Result<Vec<Promise>, AppError> {
    let rules = state.rules.get();
    let date = |at: i64| date(state, at);
    // Staff see how each date was worked out, replayed from the case's events.
    let replayed = if published_only {
        Vec::new()
    } else {
        clocks::replay(&cases::db::events(state.db.reader(), case_id).await?, &rules)
    };
    let mut promises = Vec::new();
    for clock in clocks::db::for_case(state.db.reader(), case_id).await? {
        let Some(standard) = rules.version(&clock.standard_id, clock.standard_version) else { continue };
        if published_only && !standard.published {
            continue;
        }
        let (outcome, tag) = match (clock.state, clock.due_at, clock.stopped_at) {
            (ClockState::Met, _, Some(at)) => (format!("Done on {}", date(at)), "govuk-tag--green"),
            (ClockState::Missed, Some(due), Some(at)) => {
                (format!("Late: due {}, done on {}", date(due), date(at)), "govuk-tag--red")
            }
            (ClockState::Missed, Some(due), None) => (format!("Late: it was due {}", date(due)), "govuk-tag--red"),
            (ClockState::Paused, _, _) => ("On hold while we wait for you".to_owned(), "govuk-tag--yellow"),
            (_, Some(due), _) => (format!("By {}", date(due)), "govuk-tag--blue"),
            _ => ("No date yet".to_owned(), "govuk-tag--grey"),
        };
        let explained = replayed.iter().find(|c| c.standard.id == clock.standard_id).and_then(|c| {
            let d = c.deadline.as_ref()?;
            let calendar = rules.calendar(standard.calendar);
            let when = |t: jiff::Timestamp| {
                t.to_zoned(calendar.time_zone().clone()).strftime("%A %-d %B %Y, %H:%M").to_string()
            };
            Some(Explained {
                allowed: d.allowed.to_string(),
                started: when(d.started),
                due: when(d.due),
                skipped: d
                    .skipped
                    .iter()
                    .map(|s| format!("{}: {}", s.date.strftime("%A %-d %B %Y"), s.reason))
                    .collect(),
            })
        });
        promises.push(Promise {
            title: standard.title.clone(),
            wording: standard.wording.clone(),
            outcome,
            tag,
            explained,
        });
    }
    Ok(promises)
}
