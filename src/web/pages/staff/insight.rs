//! Insight for the performance and insight officer, team leads and administrators
//! (docs/insight.md): failure demand, contacts per resolved case, blockages, trends and
//! wards for a period, each table with its CSV and the main ones with a chart drawn on
//! the server (SVG, each with its table beside it).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use jiff::civil::Date;
use serde::Deserialize;

use crate::db::now_ms;
use crate::insight::{Report, ReportError};
use crate::org::Action;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

use super::insight_tables::{Table, percent, tables};

/// The period asked for, as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Period {
    from: String,
    to: String,
}

#[derive(Template)]
#[template(path = "staff/insight.html")]
struct InsightPage {
    chrome: Chrome,
    from: String,
    to: String,
    query: String,
    report: Report,
    tables: Vec<Table>,
    share: String,
    worst: Option<String>,
    longest: Option<String>,
}

/// Reads the period: both dates, or the 12 weeks to today.
fn period(state: &AppState, asked: &Period) -> Result<(Date, Date), AppError> {
    let today = state.rules.get().calendars.council.local_date(crate::rollups::ts(now_ms()));
    let read = |typed: &str, field: &str| -> Result<Option<Date>, AppError> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        typed.parse::<Date>().map(Some).map_err(|_| {
            AppError::BadRequest(format!("The {field} date must be a date like 2026-12-01, not {typed:?}"))
        })
    };
    let to = read(&asked.to, "end")?.unwrap_or(today);
    let from = read(&asked.from, "start")?
        .unwrap_or_else(|| to.saturating_sub(jiff::Span::new().weeks(12)).tomorrow().unwrap_or(to));
    Ok((from, to))
}

async fn load(state: &AppState, signed_in: &SignedIn, asked: &Period) -> Result<(Date, Date, Report), AppError> {
    signed_in.require(Action::ReadReports)?;
    let (from, to) = period(state, asked)?;
    let rules = state.rules.get();
    let quiet = rules.policy.insight.quiet_working_days;
    match crate::insight::report(state.db.reader(), &rules.calendars.council, quiet, from, to, now_ms()).await {
        Ok(report) => Ok((from, to, report)),
        Err(ReportError::Period(why)) => Err(AppError::BadRequest(why)),
        Err(ReportError::Db(err)) => Err(err.into()),
    }
}

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(asked): Query<Period>,
) -> Result<Html<String>, AppError> {
    let (from, to, report) = load(&state, &signed_in, &asked).await?;
    let f = &report.failure_demand;
    let worst = f.by_service.iter().find(|s| s.failure > 0).map(|s| {
        format!("{}: {} of its {} contacts were failure demand ({})", s.name, s.failure, s.contacts, percent(s.share))
    });
    let longest = report.blockages.by_team.first().map(|t| {
        format!(
            "{}: {} open cases, {} days since received on average, the oldest {} days",
            t.name, t.open, t.mean_days, t.longest_days
        )
    });
    render(&InsightPage {
        chrome: Chrome::staff(&state, &signed_in.0, "insight"),
        query: format!("from={from}&to={to}"),
        from: from.to_string(),
        to: to.to_string(),
        tables: tables(&report),
        share: percent(f.share),
        worst,
        longest,
        report,
    })
}

/// One table as CSV: `/staff/insight/{id}.csv?from=&to=`.
pub async fn csv(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(file): Path<String>,
    Query(asked): Query<Period>,
) -> Result<Response, AppError> {
    let id = file.strip_suffix(".csv").ok_or(AppError::NotFound)?;
    let (from, to, report) = load(&state, &signed_in, &asked).await?;
    let table = tables(&report).into_iter().find(|t| t.id == id).ok_or(AppError::NotFound)?;
    let mut out = String::new();
    for row in std::iter::once(table.headers.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()).chain(table.rows) {
        out.push_str(&row.iter().map(|v| crate::web::pages::csv_field(v)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    let disposition = format!("attachment; filename=\"insight-{id}-{from}-to-{to}.csv\"");
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, disposition)],
        out,
    )
        .into_response())
}
