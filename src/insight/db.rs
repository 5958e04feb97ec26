//! What the insight report reads: sums of the daily counts over a period (through the
//! index on metric and day, so a report reads its period's counts, never the history),
//! the open cases as they stand (bounded by the open workload, through the partial index
//! of open cases that holds every column read), and the names of services, teams, partners and wards.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use sqlx::{AnyPool, AssertSqlSafe, Row};

use crate::rollups::db::Counted;
use crate::rollups::{Metric, day_number, month_number};

/// A sum of one metric's daily counts, with what it was grouped by (`None` where not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sum {
    pub day: Option<i64>,
    pub service_id: Option<i64>,
    pub key: Option<String>,
    pub value: i64,
}

/// What to group a sum by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Day,
    Service,
    Key,
}

/// Sums `metric`'s daily counts from `first_day` to `last_day` (day numbers, 20261125),
/// grouped by `by`.
pub async fn sums(
    pool: &AnyPool,
    metric: Metric,
    first_day: i64,
    last_day: i64,
    by: &[By],
) -> Result<Vec<Sum>, sqlx::Error> {
    summed(pool, Counted::Days, metric, (first_day, last_day), by, &[]).await
}

/// The same, for some services only: the busiest, whose weeks the trends show.
pub async fn sums_of(
    pool: &AnyPool,
    metric: Metric,
    first_day: i64,
    last_day: i64,
    by: &[By],
    service_ids: &[i64],
) -> Result<Vec<Sum>, sqlx::Error> {
    if service_ids.is_empty() {
        return Ok(Vec::new());
    }
    summed(pool, Counted::Days, metric, (first_day, last_day), by, service_ids).await
}

/// The whole council's contacts by day and key (`channel:demand`), every service's summed,
/// from `rollup_council_days`, which triggers keep beside the daily counts: a day reads a
/// row a key, not a row a service and key.
pub async fn council_days(pool: &AnyPool, first_day: i64, last_day: i64) -> Result<Vec<Sum>, sqlx::Error> {
    // One row a metric, day and key already (on PostgreSQL, a row a part): the grouping
    // follows its key and sums little.
    summed(pool, Counted::CouncilDays, Metric::Contacts, (first_day, last_day), &[By::Day, By::Key], &[]).await
}

/// Sums of one metric in `table` (daily or monthly counts) over a range of its period
/// (days or months), grouped by `by` (`By::Day` groups by the period), of the services in
/// `only` (every service when it is empty).
async fn summed(
    pool: &AnyPool,
    table: Counted,
    metric: Metric,
    (first, last): (i64, i64),
    by: &[By],
    only: &[i64],
) -> Result<Vec<Sum>, sqlx::Error> {
    let period = table.period();
    // The stored counts, not the view: on PostgreSQL a count's parts are summed here with the
    // rest, where the view would sum them first (migration 0048).
    let table = table.stored(crate::db::Backend::of_pool(pool));
    let columns: Vec<&str> = by
        .iter()
        .map(|b| match b {
            By::Day => period,
            By::Service => "service_id",
            By::Key => "key",
        })
        .collect();
    let (select, group) = if columns.is_empty() {
        (String::new(), String::new())
    } else {
        (format!("{}, ", columns.join(", ")), format!(" GROUP BY {}", columns.join(", ")))
    };
    // Service ids are numbers from the counts themselves, written into the text.
    let services = if only.is_empty() {
        String::new()
    } else {
        format!(" AND service_id IN ({})", only.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))
    };
    let sql = format!(
        "SELECT {select}CAST(SUM(value) AS BIGINT) AS value FROM {table} \
         WHERE metric = $1 AND {period} >= $2 AND {period} <= $3{services}{group}"
    );
    let rows = sqlx::query(AssertSqlSafe(sql)).bind(metric.as_str()).bind(first).bind(last).fetch_all(pool).await?;
    rows.iter()
        .map(|r| {
            Ok(Sum {
                day: if by.contains(&By::Day) { Some(r.try_get(period)?) } else { None },
                service_id: if by.contains(&By::Service) { Some(r.try_get("service_id")?) } else { None },
                key: if by.contains(&By::Key) { Some(r.try_get("key")?) } else { None },
                value: r.try_get::<Option<i64>, _>("value")?.unwrap_or(0),
            })
        })
        .filter(|s: &Result<Sum, sqlx::Error>| s.as_ref().map_or(true, |s| s.value != 0))
        .collect()
}

/// Sums `metric`'s counts from `first` to `last` (both included), grouped by `by`, which
/// holds no `By::Day`: the whole months between from the monthly counts, and only the
/// days at either end from the daily ones, so a year reads about a twentieth of the rows
/// its days would.
pub async fn period_sums(
    pool: &AnyPool,
    metric: Metric,
    first: Date,
    last: Date,
    by: &[By],
) -> Result<Vec<Sum>, sqlx::Error> {
    debug_assert!(!by.contains(&By::Day), "a sum by day reads the daily counts: use sums");
    let whole_from = if first.day() == 1 { first } else { first.last_of_month().tomorrow().unwrap_or(last) };
    let whole_to = if last == last.last_of_month() { last } else { last.first_of_month().yesterday().unwrap_or(first) };
    let mut parts = Vec::new();
    if whole_from > whole_to {
        parts.extend(sums(pool, metric, day_number(first), day_number(last), by).await?);
    } else {
        if first < whole_from {
            parts.extend(sums(pool, metric, day_number(first), day_number(whole_from) - 1, by).await?);
        }
        let months = (month_number(whole_from), month_number(whole_to));
        parts.extend(summed(pool, Counted::Months, metric, months, by, &[]).await?);
        if whole_to < last {
            let after = whole_to.tomorrow().unwrap_or(last);
            parts.extend(sums(pool, metric, day_number(after), day_number(last), by).await?);
        }
    }
    let mut merged: BTreeMap<(Option<i64>, Option<String>), i64> = BTreeMap::new();
    for s in parts {
        *merged.entry((s.service_id, s.key)).or_default() += s.value;
    }
    Ok(merged
        .into_iter()
        .filter(|(_, value)| *value != 0)
        .map(|((service_id, key), value)| Sum { day: None, service_id, key, value })
        .collect())
}

/// Open cases of one team, partner, status and type, as the blockage figures need them:
/// no person, no words, and one row a group rather than a row a case.
#[derive(Debug, Clone)]
pub struct OpenGroup {
    pub team_id: i64,
    pub partner_id: Option<i64>,
    pub status: String,
    pub case_type: String,
    pub open: i64,
    /// The sum and the least of their times received, for the mean and longest wait.
    pub created_sum: i64,
    pub created_min: i64,
    /// Those with no event since `quiet_since`.
    pub quiet: i64,
}

/// Every open case, grouped in the database, from the index of open cases that holds all
/// it reads (`cases_open_groups_idx`): their number is the open workload, however long the
/// history, and no event is looked at. A case's `last_event_at` is its newest event's
/// time, kept to the hour by a trigger on `case_events` (migration 0034).
pub async fn open_groups(pool: &AnyPool, quiet_since: i64) -> Result<Vec<OpenGroup>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT team_id, partner_id, status, case_type, COUNT(*) AS open, \
         CAST(SUM(created_at) AS BIGINT) AS created_sum, MIN(created_at) AS created_min, \
         CAST(SUM(CASE WHEN last_event_at < $1 THEN 1 ELSE 0 END) AS BIGINT) AS quiet \
         FROM cases WHERE status NOT IN ('resolved', 'closed') \
         GROUP BY team_id, partner_id, status, case_type",
    )
    .bind(quiet_since)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(OpenGroup {
                team_id: r.try_get("team_id")?,
                partner_id: r.try_get("partner_id")?,
                status: r.try_get("status")?,
                case_type: r.try_get("case_type")?,
                open: r.try_get("open")?,
                created_sum: r.try_get("created_sum")?,
                created_min: r.try_get("created_min")?,
                quiet: r.try_get("quiet")?,
            })
        })
        .collect()
}

/// Names by id, for the report's lines.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Service id → (code, name, team id).
    pub services: HashMap<i64, (String, String, i64)>,
    pub teams: HashMap<i64, String>,
    pub partners: HashMap<i64, String>,
    /// Ward code → (name, population).
    pub wards: HashMap<String, (String, Option<i64>)>,
}

impl Names {
    /// A service's (code, name); service 0 is contacts with no case.
    pub fn service(&self, id: i64) -> (String, String) {
        match self.services.get(&id) {
            Some((code, name, _)) => (code.clone(), name.clone()),
            None if id == 0 => (String::new(), "No case (general contacts)".into()),
            None => (format!("service-{id}"), format!("Service {id}")),
        }
    }
}

pub async fn names(pool: &AnyPool) -> Result<Names, sqlx::Error> {
    let mut out = Names::default();
    for r in sqlx::query("SELECT id, code, name, team_id FROM services").fetch_all(pool).await? {
        out.services.insert(r.try_get("id")?, (r.try_get("code")?, r.try_get("name")?, r.try_get("team_id")?));
    }
    for r in sqlx::query("SELECT id, name FROM teams").fetch_all(pool).await? {
        out.teams.insert(r.try_get("id")?, r.try_get("name")?);
    }
    for r in sqlx::query("SELECT id, name FROM partners").fetch_all(pool).await? {
        out.partners.insert(r.try_get("id")?, r.try_get("name")?);
    }
    for r in sqlx::query("SELECT code, name, population FROM wards").fetch_all(pool).await? {
        out.wards.insert(r.try_get("code")?, (r.try_get("name")?, r.try_get("population")?));
    }
    Ok(out)
}
