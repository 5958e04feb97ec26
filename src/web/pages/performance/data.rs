//! The performance figures as open data: `/performance/data.csv` and `data.json`, made from
//! the page's own figures and kept a minute like the page (`super::DataCache`), plain and
//! gzip-compressed (`crate::web::compress`), and the data dictionary that describes them.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;

use super::{DataCache, Figures, Filter, LICENCE};
use crate::db::now_ms;
use crate::rollups::{self, Metric};
use crate::services::Service;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, csv_field, render};
use crate::web::{AppState, compress};

/// One row of the open data.
#[derive(Debug, Serialize)]
pub struct DataRow {
    pub month: String,
    pub service_group: String,
    pub service_code: String,
    pub service: String,
    pub measure: &'static str,
    pub key: String,
    pub value: i64,
}

#[derive(Debug, Serialize)]
struct StandardInfo {
    id: String,
    title: String,
    wording: String,
    target: String,
}

#[derive(Debug, Serialize)]
struct Dataset {
    title: String,
    publisher: String,
    licence: &'static str,
    dictionary: &'static str,
    generated_at: String,
    service_group: Option<String>,
    months: Vec<String>,
    open_past_date_now: i64,
    standards: Vec<StandardInfo>,
    rows: Vec<DataRow>,
}

/// "2026-11".
fn iso_month(m: i64) -> String {
    format!("{}-{:02}", m / 100, m % 100)
}

async fn dataset(state: &AppState, cache: &DataCache, filter: &Filter) -> Result<Dataset, AppError> {
    let f = Figures::load(state, cache, filter).await?;
    let rules = state.rules.get();
    let published: Vec<&str> =
        rules.current.iter().filter(|v| v.standard.published).map(|v| v.standard.id.as_str()).collect();
    let ids: Option<Vec<i64>> = f.group.as_ref().map(|_| f.services.iter().map(|s| s.id).collect());
    let counts = rollups::db::by_service(state.db.reader(), f.months[0], ids.as_deref()).await?;
    let by_id: BTreeMap<i64, &Service> = f.services.iter().map(|s| (s.id, s)).collect();
    let rows = counts
        .into_iter()
        .filter(|c| c.metric.public())
        .filter(|c| !matches!(c.metric, Metric::Met | Metric::Missed) || published.contains(&c.key.as_str()))
        .filter_map(|c| {
            // A withdrawn service's history is still published, under its code.
            let service = by_id.get(&c.service_id);
            if f.group.is_some() && service.is_none() {
                return None;
            }
            Some(DataRow {
                month: iso_month(c.month),
                service_group: service.map(|s| s.group_name.clone()).unwrap_or_default(),
                // Service 0 is the council's own: counts no service owns, like phone calls'.
                service_code: match (service, c.service_id) {
                    (Some(s), _) => s.code.clone(),
                    (None, 0) => String::new(),
                    (None, id) => format!("service-{id}"),
                },
                service: service.map(|s| s.name.clone()).unwrap_or_default(),
                measure: c.metric.as_str(),
                key: c.key,
                value: c.value,
            })
        })
        .collect();
    Ok(Dataset {
        title: format!("{}: service standards performance", state.council.name),
        publisher: state.council.name.to_string(),
        licence: LICENCE,
        dictionary: "/performance/data-dictionary",
        generated_at: jiff::Timestamp::from_millisecond(now_ms()).map(|t| t.to_string()).unwrap_or_default(),
        service_group: f.group.clone(),
        months: f.months.iter().map(|m| iso_month(*m)).collect(),
        open_past_date_now: f.open_past_date,
        standards: rules
            .current
            .iter()
            .filter(|v| v.standard.published)
            .map(|v| StandardInfo {
                id: v.standard.id.clone(),
                title: v.standard.title.clone(),
                wording: v.standard.wording.clone(),
                target: v.standard.target.to_string(),
            })
            .collect(),
        rows,
    })
}

/// A data file as made: plain, and gzip for the clients that accept it. Both are kept for
/// the minute, so compressing costs once a minute, not once a download.
#[derive(Debug, Clone)]
pub(super) struct DataFile {
    plain: Bytes,
    gzip: Bytes,
}

async fn data_file(
    state: &AppState,
    cache: &DataCache,
    filter: &Filter,
    format: &'static str,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let key = (filter.group.trim().to_owned(), format);
    let file = match cache.files.get(&key) {
        Some(file) => file,
        None => {
            // One making at a time, as for the page: those who come meanwhile take it.
            let _making = cache.making_files.lock().await;
            match cache.files.get(&key) {
                Some(file) => file,
                None => {
                    let data = dataset(state, cache, filter).await?;
                    // Writing out and compressing a large file (10.6 MB of JSON at a million
                    // cases, 12.7 at ten million) takes tens of milliseconds of a core: off
                    // the web's threads.
                    let made = tokio::task::spawn_blocking(move || -> anyhow::Result<DataFile> {
                        let plain =
                            if format == "json" { serde_json::to_string_pretty(&data)? } else { csv_text(&data) };
                        let gzip = compress::gzip(plain.as_bytes())?;
                        Ok(DataFile { plain: Bytes::from(plain), gzip })
                    })
                    .await
                    .map_err(|e| AppError::Internal(e.into()))?
                    .map_err(AppError::Internal)?;
                    cache.files.put(key, made)
                }
            }
        }
    };
    let (content_type, disposition) = if format == "json" {
        ("application/json", "inline; filename=\"performance.json\"")
    } else {
        ("text/csv; charset=utf-8", "inline; filename=\"performance.csv\"")
    };
    let headers_out = [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CACHE_CONTROL, "public, max-age=60"),
        // Shared caches keep the plain and the compressed answers apart.
        (header::VARY, "accept-encoding"),
    ];
    Ok(if compress::accepts_gzip(headers) {
        (headers_out, [(header::CONTENT_ENCODING, "gzip")], file.gzip).into_response()
    } else {
        (headers_out, file.plain).into_response()
    })
}

pub async fn json(
    State(state): State<AppState>,
    Extension(cache): Extension<Arc<DataCache>>,
    Query(filter): Query<Filter>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    data_file(&state, &cache, &filter, "json", &headers).await
}

pub async fn csv(
    State(state): State<AppState>,
    Extension(cache): Extension<Arc<DataCache>>,
    Query(filter): Query<Filter>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    data_file(&state, &cache, &filter, "csv", &headers).await
}

/// The same rows as the JSON, one per line, with a header row.
fn csv_text(data: &Dataset) -> String {
    let mut out = String::from("month,service_group,service_code,service,measure,key,value\r\n");
    for r in &data.rows {
        let fields = [&r.month, &r.service_group, &r.service_code, &r.service, r.measure, &r.key];
        for f in fields {
            out.push_str(&csv_field(f));
            out.push(',');
        }
        out.push_str(&r.value.to_string());
        out.push_str("\r\n");
    }
    let month = data.months.last().cloned().unwrap_or_default();
    out.push_str(&format!("{month},,,,open_past_date_now,,{}\r\n", data.open_past_date_now));
    out
}

#[derive(Template)]
#[template(path = "pages/data_dictionary.html")]
struct DictionaryPage {
    chrome: Chrome,
    /// The measures' codes, and the one count that is not a rollup.
    metrics: Vec<&'static str>,
    standards: Vec<(String, String, String)>,
    licence: &'static str,
}

pub async fn dictionary(State(state): State<AppState>) -> Result<Html<String>, AppError> {
    let rules = state.rules.get();
    render(&DictionaryPage {
        chrome: Chrome::translated(&state),
        metrics: Metric::ALL.iter().filter(|m| m.public()).map(|m| m.as_str()).chain(["open_past_date_now"]).collect(),
        standards: rules
            .current
            .iter()
            .filter(|v| v.standard.published)
            .map(|v| (v.standard.id.clone(), v.standard.title.clone(), v.standard.target.to_string()))
            .collect(),
        licence: LICENCE,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("Bins"), "Bins");
        assert_eq!(csv_field("Roads, paths"), "\"Roads, paths\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
    }
}
