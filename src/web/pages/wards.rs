//! Contacts per ward, published: on the performance page for this month, and as open
//! data by month at `/performance/wards.csv`. A count under 5 is published as
//! "suppressed", never as the number, and so is its rate, so nobody can be picked out.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::csv_field;
use crate::db::now_ms;
use crate::rollups::{self, month_number};
use crate::wards::{self, Ward, per_thousand_tenths, suppress};
use crate::web::AppState;
use crate::web::error::AppError;

/// The word a suppressed count is published as.
pub const SUPPRESSED: &str = "suppressed";

/// One ward's line on the performance page.
pub struct WardRow {
    pub name: String,
    pub residents: String,
    /// The count, or `None` where suppressed.
    pub contacts: Option<i64>,
    pub per_thousand: Option<String>,
}

fn rate(contacts: i64, population: Option<i64>) -> Option<String> {
    suppress(contacts)?;
    per_thousand_tenths(contacts, population).map(|t| format!("{}.{}", t / 10, t % 10))
}

/// This month's contacts by ward, every ward listed, by name.
pub async fn this_month(state: &AppState) -> Result<Vec<WardRow>, AppError> {
    let month = month_number(state.rules.get().calendars.council.local_date(rollups::ts(now_ms())));
    let list = wards::db::list(state.db.reader()).await?;
    let counts: HashMap<String, i64> = wards::db::monthly(state.db.reader(), month)
        .await?
        .into_iter()
        .filter(|(m, ..)| *m == month)
        .map(|(_, ward, n)| (ward, n))
        .collect();
    Ok(list
        .into_iter()
        .map(|w| {
            let n = counts.get(&w.code).copied().unwrap_or(0);
            WardRow {
                residents: w
                    .population
                    .map_or("–".into(), |p| crate::forms::thousands(usize::try_from(p).unwrap_or(0))),
                contacts: suppress(n),
                per_thousand: rate(n, w.population),
                name: w.name,
            }
        })
        .collect())
}

/// `/performance/wards.csv`: contacts per ward per month, this month and the 12 before,
/// every ward in every month.
pub async fn csv(State(state): State<AppState>) -> Result<Response, AppError> {
    let today = state.rules.get().calendars.council.local_date(rollups::ts(now_ms()));
    let last = month_number(today);
    let first = month_number(today.saturating_sub(jiff::Span::new().months(12)));
    let list: Vec<Ward> = wards::db::list(state.db.reader()).await?;
    let counts: HashMap<(i64, String), i64> =
        wards::db::monthly(state.db.reader(), first).await?.into_iter().map(|(m, w, n)| ((m, w), n)).collect();
    let mut out = String::from("month,ward_code,ward,residents,contacts,contacts_per_1000_residents\r\n");
    let mut month = first;
    while month <= last {
        for w in &list {
            let n = counts.get(&(month, w.code.clone())).copied().unwrap_or(0);
            let line = [
                format!("{}-{:02}", month / 100, month % 100),
                w.code.clone(),
                w.name.clone(),
                w.population.map(|p| p.to_string()).unwrap_or_default(),
                suppress(n).map_or(SUPPRESSED.to_owned(), |n| n.to_string()),
                if suppress(n).is_some() { rate(n, w.population).unwrap_or_default() } else { SUPPRESSED.to_owned() },
            ];
            out.push_str(&line.iter().map(|v| csv_field(v)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
        month = rollups::next_month(month);
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"contacts-by-ward.csv\""),
        ],
        out,
    )
        .into_response())
}
