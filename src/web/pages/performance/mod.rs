//! The live performance page and its open data: how each published promise is kept,
//! this month and in each of the twelve before, with volumes, times, satisfaction and
//! what is late now. Everything is read from the monthly rollups (a few thousand rows
//! at most), so the page costs the same however long the history is; what is late now is
//! counted from the open cases once a minute. The page and the data files are made at most
//! once a minute for each group (and the page for each language), as [`DataCache`] says; the
//! data files and their dictionary are in `data.rs`.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::Html;
use serde::Deserialize;

use super::{Chrome, render};
use crate::cases::CaseType;
use crate::db::now_ms;
use crate::forms::thousands;
use crate::rollups::{self, Month, month_number, percent};
use crate::services::{self, Service};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::i18n::{self, Language};
use fluent_templates::fluent_bundle::FluentValue;

mod data;
pub use data::{csv, dictionary, json};

/// The months shown: this one and the twelve before it.
const MONTHS: usize = 13;

/// The Open Government Licence, which the data is published under.
pub const LICENCE: &str = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";

#[derive(Debug, Deserialize)]
pub struct Filter {
    #[serde(default)]
    group: String,
}

/// What the page and the data files are built from.
struct Figures {
    group: Option<String>,
    groups: Vec<String>,
    services: Vec<Service>,
    months: Vec<i64>,
    by_month: BTreeMap<i64, Month>,
    open_past_date: i64,
}

impl Figures {
    async fn load(state: &AppState, cache: &DataCache, filter: &Filter) -> Result<Figures, AppError> {
        let all = services::db::list_active(state.db.reader()).await?;
        let mut groups: Vec<String> = all.iter().map(|s| s.group_name.clone()).collect();
        groups.sort();
        groups.dedup();
        let group = Some(filter.group.trim()).filter(|g| !g.is_empty()).map(str::to_owned);
        if let Some(g) = &group
            && !groups.contains(g)
        {
            return Err(AppError::not_found(
                format!(
                    "There is no group of services called \u{201c}{g}\u{201d}. Choose one from the list on the performance page."
                ),
                "error-no-group",
                vec![("group", g.clone())],
            ));
        }
        let services: Vec<Service> =
            all.into_iter().filter(|s| group.as_ref().is_none_or(|g| &s.group_name == g)).collect();
        let ids: Option<Vec<i64>> = group.as_ref().map(|_| services.iter().map(|s| s.id).collect());
        let now = now_ms();
        let today = state.rules.get().calendars.council.local_date(rollups::ts(now));
        let last = month_number(today);
        let mut months = vec![last];
        while months.len() < MONTHS {
            let m = months[months.len() - 1];
            months.push(if m % 100 == 1 { (m / 100 - 1) * 100 + 12 } else { m - 1 });
        }
        months.reverse();
        let counts = rollups::db::months(state.db.reader(), months[0], ids.as_deref()).await?;
        let by_month = rollups::months(&counts, months[0], last);
        // Counting the open cases past their date reads each of them (tens of thousands in
        // a large council's backlog), so the count is made once a minute for each group.
        let key = group.clone().unwrap_or_default();
        let open_past_date = match cache.late.get(&key) {
            Some(count) => count,
            None => cache.late.put(key, rollups::db::open_past_date(state.db.reader(), now, ids.as_deref()).await?),
        };
        Ok(Figures { group, groups, services, months, by_month, open_past_date })
    }

    fn this_month(&self) -> &Month {
        &self.by_month[&self.months[self.months.len() - 1]]
    }
}

/// One published standard's record.
pub struct StandardRow {
    pub id: String,
    pub title: String,
    pub wording: String,
    pub months: Vec<ShareCell>,
    pub this_month: ShareCell,
    pub year: ShareCell,
    pub chart: Chart,
    /// For the face-to-face standards, this month's waits by site: the site's name (or
    /// "home"), people, median and 90th percentile in minutes.
    pub waits: Vec<(String, i64, i64, i64)>,
}

/// Kept out of due in a month.
pub struct ShareCell {
    /// The month as a number, 202611; 0 for a span of months.
    pub number: i64,
    pub month: String,
    pub met: i64,
    pub due: i64,
    pub percent: Option<i64>,
    /// "95% kept (2,002 of 2,098 due)", or that none were due, in the page's language.
    pub words: String,
}

impl ShareCell {
    fn new(language: Language, number: i64, month: String, met: i64, missed: i64) -> ShareCell {
        let due = met + missed;
        let percent = percent(met, due);
        let words = match percent {
            Some(p) => i18n::text_args(
                language,
                "perf-share",
                vec![
                    ("percent", FluentValue::from(p)),
                    ("met", FluentValue::from(thousands(met.max(0) as usize))),
                    ("due", FluentValue::from(thousands(due.max(0) as usize))),
                ],
            ),
            None => i18n::text(language, "perf-none"),
        };
        ShareCell { number, month, met, due, percent, words }
    }
}

/// A bar chart of shares, drawn as SVG by the template. Sizes are in the SVG's own units.
pub struct Chart {
    pub title: String,
    pub bars: Vec<Bar>,
}

pub struct Bar {
    pub x: i64,
    pub y: i64,
    pub height: i64,
    pub label: String,
    /// The year, under the first bar and each January.
    pub year: Option<String>,
    pub value: String,
}

/// Chart geometry: 13 bars of 40 units with 10 between, 100 units for 100%.
pub const CHART_WIDTH: i64 = 650;
const BAR_STEP: i64 = 50;
const PLOT_TOP: i64 = 10;
const PLOT_HEIGHT: i64 = 100;

fn chart(language: Language, title: &str, cells: &[ShareCell]) -> Chart {
    let bars = cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let p = c.percent.unwrap_or(0);
            Bar {
                x: i as i64 * BAR_STEP + 5,
                y: PLOT_TOP + PLOT_HEIGHT - p,
                height: p,
                label: i18n::text_args(language, "month-short", vec![("month", FluentValue::from(c.number % 100))]),
                year: (i == 0 || c.number % 100 == 1).then(|| (c.number / 100).to_string()),
                value: c.percent.map_or_else(|| "–".to_owned(), |p| format!("{p}%")),
            }
        })
        .collect();
    Chart { title: i18n::text_with(language, "perf-chart", &[("title", title)]), bars }
}

/// The figures of one month, in words, for the tables.
pub struct MonthRow {
    pub month: String,
    pub received: Vec<i64>,
    pub received_total: i64,
    pub resolved: i64,
    pub median: String,
    pub p90: String,
    pub ratings: i64,
    pub mean_rating: String,
    pub satisfied: String,
    pub solved: String,
    pub escalated: i64,
}

fn days(language: Language, n: Option<i64>) -> String {
    match n {
        Some(n) => i18n::text_args(language, "perf-days", vec![("days", FluentValue::from(n))]),
        None => "–".to_owned(),
    }
}

fn month_row(language: Language, month: i64, m: &Month) -> MonthRow {
    let share = |p: Option<i64>| p.map_or_else(|| "–".to_owned(), |p| format!("{p}%"));
    MonthRow {
        month: i18n::month(language, month),
        received: rollups::channel_order().iter().map(|c| m.received.get(c.as_str()).copied().unwrap_or(0)).collect(),
        received_total: m.received_total(),
        resolved: m.resolved_total(),
        median: days(language, m.median_days()),
        p90: days(language, m.p90_days()),
        ratings: m.ratings_total(),
        mean_rating: m.mean_rating_tenths().map_or_else(
            || "–".to_owned(),
            |t| i18n::text_with(language, "perf-out-of-5", &[("rating", &format!("{}.{}", t / 10, t % 10))]),
        ),
        satisfied: share(m.satisfied_percent()),
        solved: share(percent(m.solved_yes, m.solved_yes + m.solved_no)),
        escalated: m.escalated,
    }
}

#[derive(Template)]
#[template(path = "pages/performance.html")]
struct PerformancePage {
    chrome: Chrome,
    group: Option<String>,
    groups: Vec<String>,
    query: String,
    this_month: String,
    summary: MonthRow,
    kept_this_month: String,
    open_past_date: i64,
    promises: Vec<StandardRow>,
    statutory: Vec<StandardRow>,
    channels: Vec<String>,
    rows: Vec<MonthRow>,
    chart_width: i64,
    /// This month's contacts per ward (small counts suppressed).
    wards: Vec<super::wards::WardRow>,
}

impl PerformancePage {
    fn show_table(&self, title: &str) -> String {
        self.chrome.t_with("perf-show-table", &[("title", &title.to_lowercase())])
    }

    fn by_month(&self, title: &str) -> String {
        self.chrome.t_with("perf-by-month", &[("title", title)])
    }
}

/// Whether a standard times a statutory or complaint process, reported in its own section.
fn is_statutory(types: &[CaseType]) -> bool {
    !types.is_empty() && types.iter().all(|t| t.is_statutory())
}

pub async fn show(
    State(state): State<AppState>,
    Extension(cache): Extension<Arc<DataCache>>,
    Query(filter): Query<Filter>,
) -> Result<Html<Bytes>, AppError> {
    // The page holds nothing of the visitor's but their language: no staff bar, no form.
    let key = (filter.group.trim().to_owned(), i18n::current().language.code);
    if let Some(page) = cache.pages.get(&key) {
        return Ok(Html(page));
    }
    // One making at a time: visitors who come while it is made wait for it, and take it.
    let _making = cache.making.lock().await;
    if let Some(page) = cache.pages.get(&key) {
        return Ok(Html(page));
    }
    let page = Bytes::from(make(&state, &cache, &filter).await?.0);
    // Only a page that was made is kept, so only a group that exists has a key.
    Ok(Html(cache.pages.put(key, page)))
}

/// The page as made from the figures now.
async fn make(state: &AppState, cache: &DataCache, filter: &Filter) -> Result<Html<String>, AppError> {
    let f = Figures::load(state, cache, filter).await?;
    let rules = state.rules.get();
    let chrome = Chrome::translated(state);
    let language = chrome.language;
    let mut promises = Vec::new();
    let mut statutory = Vec::new();
    let (mut kept, mut due) = (0, 0);
    for v in rules.current.iter().filter(|v| v.standard.published) {
        let s = &v.standard;
        let cells: Vec<ShareCell> = f
            .months
            .iter()
            .map(|m| {
                let (met, missed) = f.by_month[m].standard(&s.id);
                ShareCell::new(language, *m, i18n::month(language, *m), met, missed)
            })
            .collect();
        let (year_met, year_missed) =
            f.months.iter().map(|m| f.by_month[m].standard(&s.id)).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        let last = &cells[cells.len() - 1];
        kept += last.met;
        due += last.due;
        // A site's name; "home" is an officer's visits, whose wait is their lateness.
        let place = |site: String| rules.policy.contact.site(&site).map_or(site.clone(), |p| p.name.clone());
        let waits = f.this_month().waits_of(&s.id).into_iter().map(|(site, n, m, p)| (place(site), n, m, p)).collect();
        let row = StandardRow {
            waits,
            id: s.id.clone(),
            title: s.title.clone(),
            wording: s.wording.clone(),
            this_month: ShareCell::new(language, last.number, last.month.clone(), last.met, last.due - last.met),
            year: ShareCell::new(language, 0, String::new(), year_met, year_missed),
            chart: chart(language, &s.title, &cells),
            months: cells,
        };
        if is_statutory(&s.case_types) { statutory.push(row) } else { promises.push(row) }
    }
    let this = f.months[f.months.len() - 1];
    let page = PerformancePage {
        query: f.group.as_ref().map(|g| format!("?group={}", crate::web::query_escape(g))).unwrap_or_default(),
        group: f.group.clone(),
        groups: f.groups.clone(),
        this_month: i18n::text_with(language, "perf-so-far", &[("month", &i18n::month(language, this))]),
        summary: month_row(language, this, f.this_month()),
        kept_this_month: percent(kept, due)
            .map_or_else(|| i18n::text(language, "perf-none-due-yet"), |p| format!("{p}%")),
        open_past_date: f.open_past_date,
        promises,
        statutory,
        channels: rollups::channel_order()
            .iter()
            .map(|c| i18n::text(language, &format!("channel-{}", c.as_str())))
            .collect(),
        rows: f.months.iter().rev().map(|m| month_row(language, *m, &f.by_month[m])).collect(),
        chart_width: CHART_WIDTH,
        // The whole council's: wards are not a service group's.
        wards: if f.group.is_none() { super::wards::this_month(state).await? } else { Vec::new() },
        chrome,
    };
    render(&page)
}

/// The page and the data files, as made for each group (and the page for each language),
/// for a minute: every visitor in that minute gets the same bytes. The page is made by one
/// visitor at a time, so a burst of visits costs one making, and the page's cost does not
/// rise with its visitors. Made, it reads the services, the council's months and the wards,
/// and writes about 200 KB of HTML; `frontdoor bench` times it as made as well as served
/// (docs/benchmarks.md, 7 December 2026, late night). A case's figures are in the page
/// within the minute, as they are in the data files; the figures are of whole months. Its
/// count of open cases past their date is kept for a minute too. Each router has its own
/// (an `Extension`), so tests never share one.
#[derive(Debug, Default)]
pub struct DataCache {
    files: Fresh<DataKey, data::DataFile>,
    /// Held while a data file is made (and compressed), as `making` is for the page.
    making_files: tokio::sync::Mutex<()>,
    /// The page, by group (empty for all) and language code.
    pages: Fresh<(String, &'static str), Bytes>,
    /// Held while the page is made.
    making: tokio::sync::Mutex<()>,
    /// Open cases past their date, by group (empty for all).
    late: Fresh<String, i64>,
}

/// A data file: its group (empty for all) and format.
type DataKey = (String, &'static str);

/// How long the page, a data file or a count of late cases is served as made.
pub const DATA_FRESH: Duration = Duration::from_secs(60);

/// Values kept for [`DATA_FRESH`] after they were made.
#[derive(Debug)]
struct Fresh<K, V>(Mutex<HashMap<K, (Instant, V)>>);

impl<K, V> Default for Fresh<K, V> {
    fn default() -> Self {
        Fresh(Mutex::new(HashMap::new()))
    }
}

impl<K: Eq + std::hash::Hash, V: Clone> Fresh<K, V> {
    fn get(&self, key: &K) -> Option<V> {
        let cache = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.get(key).filter(|(made, _)| made.elapsed() < DATA_FRESH).map(|(_, value)| value.clone())
    }

    fn put(&self, key: K, value: V) -> V {
        let mut cache = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Groups are few; a map of every group twice over stays small.
        cache.retain(|_, (made, _)| made.elapsed() < DATA_FRESH);
        cache.insert(key, (Instant::now(), value.clone()));
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_bar_is_as_tall_as_its_share() {
        let en = i18n::ENGLISH;
        let cells = [
            ShareCell::new(en, 202612, "December 2026".into(), 3, 1),
            ShareCell::new(en, 202701, "January 2027".into(), 0, 0),
        ];
        let c = chart(en, "X", &cells);
        assert_eq!((c.bars[0].height, c.bars[0].y, c.bars[0].value.as_str()), (75, 35, "75%"));
        assert_eq!(cells[0].words, "75% kept (3 of 4 due)");
        assert_eq!((c.bars[1].height, c.bars[1].value.as_str(), c.bars[1].label.as_str()), (0, "–", "Jan"));
        assert_eq!((c.bars[0].year.as_deref(), c.bars[1].year.as_deref()), (Some("2026"), Some("2027")));
        let welsh = chart(i18n::by_code("cy").unwrap(), "X", &cells);
        assert_eq!(welsh.bars[1].label, "Ion");
    }
}
