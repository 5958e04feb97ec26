//! The phone lines' figures for a month: each measured line against the phone standard,
//! by hour of day, with a chart drawn here as SVG (no script) and the same figures in a
//! table beside it.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use jiff::civil::Date;
use serde::Deserialize;

use crate::calls::{self, Figures};
use crate::db::now_ms;
use crate::org::Action;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

/// One hour's bar and row.
struct Hour {
    label: String,
    /// The hour alone, under its bar: "09".
    short: String,
    offered: i64,
    within: i64,
    level: String,
    /// The bar's place in the chart, in its own units.
    x: i64,
    y: i64,
    height: i64,
    /// Whether at least 80% of the hour's measured calls were answered in time.
    kept: bool,
}

struct LineFigures {
    id: String,
    name: String,
    queues: String,
    figures: Figures,
    hours: Vec<Hour>,
    /// The tallest bar's count, for the chart's scale.
    most: i64,
}

#[derive(Template)]
#[template(path = "staff/phones.html")]
struct PhonesPage {
    chrome: Chrome,
    month: String,
    month_words: String,
    months: Vec<(String, String)>,
    all: Figures,
    lines: Vec<LineFigures>,
}

impl PhonesPage {
    fn share(&self, x: &Option<f64>) -> String {
        x.map_or("–".to_owned(), |x| format!("{:.1}%", x * 100.0))
    }

    fn secs(&self, x: &Option<f64>) -> String {
        x.map_or("–".to_owned(), |x| format!("{x:.0}s"))
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Chosen {
    month: Option<String>,
}

/// Chart geometry: a bar 26 units wide every 32, at most 24 of them.
const STEP: i64 = 32;
const PLOT_HEIGHT: i64 = 160;

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(chosen): Query<Chosen>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::ReadReports)?;
    let rules = state.rules.get();
    let calendar = &rules.calendars.council;
    let tz = calendar.time_zone().clone();
    let today = calendar.local_date(crate::rollups::ts(now_ms()));
    let this_month = today.first_of_month();
    let mut months: Vec<Date> =
        (0..13).filter_map(|n| this_month.checked_sub(jiff::Span::new().months(n)).ok()).collect();
    let first = match chosen.month.as_deref().filter(|m| !m.is_empty()) {
        None => this_month,
        Some(text) => match format!("{text}-01").parse::<Date>() {
            Ok(d) if d.year() >= 2000 && d <= this_month => d,
            _ => {
                return Err(AppError::BadRequest(
                    "Choose a month from January 2000 to this one, as YYYY-MM, like 2026-11.".to_owned(),
                ));
            }
        },
    };
    // The list offers the last 13 months, and an older one when it is the one shown.
    if !months.contains(&first) {
        months.push(first);
    }
    let Some((_, measure)) = calls::phone_standard(&rules.policy) else {
        return Err(AppError::BadRequest("The policy has no phone standard, so there is nothing to measure.".into()));
    };
    let next = first.checked_add(jiff::Span::new().months(1)).map_err(|e| AppError::Internal(e.into()))?;
    let (from, to) = (calendar.start_of(first).as_millisecond(), calendar.start_of(next).as_millisecond());
    let mut lines = Vec::new();
    // Every measured line's calls, for the row of all lines.
    let mut every = Vec::new();
    for line in rules.policy.contact.phone.iter().filter(|l| !l.queues.is_empty()) {
        let read = calls::db::between(state.db.reader(), Some(&line.queues), from, to).await?;
        let measured = calls::measure(&read, &tz, measure);
        every.extend(read);
        let open: Vec<usize> = (0..24).filter(|&h| measured.by_hour[h].offered > 0).collect();
        let most = open.iter().map(|&h| measured.by_hour[h].offered).max().unwrap_or(0);
        let hours = open
            .iter()
            .enumerate()
            .map(|(i, &h)| {
                let c = &measured.by_hour[h];
                let level = Figures::new(c, Vec::new(), measure).service_level;
                let height = if most == 0 { 0 } else { c.offered * PLOT_HEIGHT / most };
                Hour {
                    label: format!("{h:02}:00"),
                    short: format!("{h:02}"),
                    offered: c.offered,
                    within: c.answered_within_target,
                    level: level.map_or("–".to_owned(), |x| format!("{:.0}%", x * 100.0)),
                    x: 40 + i as i64 * STEP,
                    y: 10 + PLOT_HEIGHT - height,
                    height,
                    kept: level.is_some_and(|l| l >= 0.8),
                }
            })
            .collect();
        lines.push(LineFigures {
            id: line.id(),
            name: line.name.clone(),
            queues: line.queues.join(", "),
            figures: measured.figures,
            hours,
            most,
        });
    }
    let page = PhonesPage {
        chrome: Chrome::staff(&state, &signed_in.0, "reports"),
        month: first.strftime("%Y-%m").to_string(),
        month_words: first.strftime("%B %Y").to_string(),
        months: months.iter().map(|d| (d.strftime("%Y-%m").to_string(), d.strftime("%B %Y").to_string())).collect(),
        all: calls::measure(&every, &tz, measure).figures,
        lines,
    };
    render(&page)
}
