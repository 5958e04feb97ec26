//! Reports for the council: the annual complaints performance and service-improvement
//! report the Complaint Handling Code asks for, with the information requests'
//! compliance, as a page and as CSV.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use crate::complaints::report::{self, Annual, TIMED};
use crate::db::now_ms;
use crate::org::Action;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

struct TimedLine {
    what: &'static str,
    met: i64,
    missed: i64,
    percent: String,
}

#[derive(Template)]
#[template(path = "staff/reports.html")]
struct ReportPage {
    chrome: Chrome,
    year: i16,
    years: Vec<i16>,
    timed: Vec<TimedLine>,
    outcomes: Vec<(String, i64)>,
    causes: Vec<(&'static str, i64)>,
    report: Annual,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Chosen {
    year: Option<i16>,
}

async fn annual(state: &AppState, signed_in: &SignedIn, chosen: &Chosen) -> Result<Annual, AppError> {
    signed_in.require(Action::ReadReports)?;
    let rules = state.rules.get();
    let calendar = &rules.calendars.council;
    let today = calendar.local_date(crate::rollups::ts(now_ms()));
    let year = chosen.year.unwrap_or(today.year());
    if !(2000..=today.year()).contains(&year) {
        return Err(AppError::BadRequest(format!(
            "There is no report for {year}. Choose a year from 2000 to this one."
        )));
    }
    Ok(report::annual(state.db.reader(), year, today, calendar.time_zone()).await?)
}

pub async fn complaints(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(chosen): Query<Chosen>,
) -> Result<Html<String>, AppError> {
    let report = annual(&state, &signed_in, &chosen).await?;
    let this_year = state.rules.get().calendars.council.local_date(crate::rollups::ts(now_ms())).year();
    let timed = TIMED
        .iter()
        .map(|(id, what)| {
            let kept = report.timeliness.get(*id).cloned().unwrap_or_default();
            let percent = kept.percent().map_or("Nothing fell due".to_owned(), |p| format!("{p}%"));
            TimedLine { what, met: kept.met, missed: kept.missed, percent }
        })
        .collect();
    let page = ReportPage {
        chrome: Chrome::staff(&state, &signed_in.0, "reports"),
        year: report.year,
        years: (this_year - 4..=this_year).rev().collect(),
        timed,
        outcomes: report.outcomes.iter().map(|((stage, o), n)| (format!("Stage {stage}: {}", o.label()), *n)).collect(),
        causes: report.causes.iter().map(|(c, n)| (c.label(), *n)).collect(),
        report,
    };
    render(&page)
}

pub async fn complaints_csv(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(chosen): Query<Chosen>,
) -> Result<Response, AppError> {
    let report = annual(&state, &signed_in, &chosen).await?;
    let disposition = format!("attachment; filename=\"complaints-{}.csv\"", report.year);
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, disposition)],
        report::csv(&report),
    )
        .into_response())
}
