//! Insight for the people who fix the causes of contact (docs/insight.md): failure
//! demand (contacts caused by not doing something, or not doing it right, for the
//! customer) as a share of all contacts, by kind, service, channel and month; contacts
//! per resolved case (the former national indicator of avoidable contact); blockages
//! (where open cases wait longest, cases nothing has happened to, breaches by team,
//! hand-offs); trends by week and month against the same weeks a year before, with
//! unusual weeks flagged; and contacts by ward per 1,000 residents.
//!
//! Everything but the blockages is read from the running counts (`rollups`), summed over
//! the report's period; the blockages read the open cases as they stand. The figures are
//! worked out here by pure functions, so the page, its CSV files and
//! `frontdoor report insight --json` say the same.

mod communities;
pub mod db;
pub mod equality;
mod figures;
mod trends;

pub use communities::*;
pub use figures::*;
pub use trends::*;

use jiff::civil::Date;

use crate::calendar::Calendar;
use crate::contacts::Demand;
use crate::rollups::{Metric, day_number};
use db::{By, Sum};

/// A period asked about is refused when it is back to front or longer than this.
pub const MAX_DAYS: i64 = 732;

/// Why a report cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0}")]
    Period(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The period a report covers, both days included, and the weeks of trailing history an
/// unusual week is judged against.
pub fn check_period(from: Date, to: Date) -> Result<(), ReportError> {
    if to < from {
        return Err(ReportError::Period("The end of the period is before its start".into()));
    }
    let days = (to - from).get_days();
    if i64::from(days) >= MAX_DAYS {
        return Err(ReportError::Period(format!("Choose a period of at most {MAX_DAYS} days")));
    }
    Ok(())
}

/// Makes the report for `from` to `to`, with the open cases as they stand at `now`.
pub async fn report(
    pool: &sqlx::AnyPool,
    calendar: &Calendar,
    quiet_working_days: i64,
    from: Date,
    to: Date,
    now: i64,
) -> Result<Report, ReportError> {
    check_period(from, to)?;
    let span = (to - from).get_days() + 1;
    let before_from = from.checked_sub(jiff::Span::new().days(span)).unwrap_or(from);
    let year_ago = |d: Date| d.checked_sub(jiff::Span::new().years(1)).unwrap_or(d);
    // Eight weeks before the period, for judging its first weeks.
    let trail_from = from.checked_sub(jiff::Span::new().days(TRAILING_WEEKS * 7)).unwrap_or(from);
    let (first, last) = (day_number(from), day_number(to));
    let all = [By::Service, By::Key];
    let day_before = from.yesterday().unwrap_or(from);
    let quiet_since = quiet_cutoff(calendar, now, quiet_working_days);
    // The parts read side by side, each on a connection of the reader pool: a report is
    // for a few officers, and its dozen reads, one after another, were most of its time.
    let (contacts, before, daily, last_year, resolved, met, missed, handoffs, wards, equality, names, open) = tokio::try_join!(
        db::period_sums(pool, Metric::Contacts, from, to, &all),
        db::period_sums(pool, Metric::Contacts, before_from, day_before, &all),
        db::council_days(pool, day_number(trail_from), last),
        db::council_days(pool, day_number(year_ago(from)), day_number(year_ago(to))),
        db::period_sums(pool, Metric::Resolved, from, to, &[By::Service]),
        db::period_sums(pool, Metric::Met, from, to, &[By::Service]),
        db::period_sums(pool, Metric::Missed, from, to, &[By::Service]),
        db::period_sums(pool, Metric::Handoff, from, to, &[By::Key]),
        db::period_sums(pool, Metric::WardContacts, from, to, &[By::Service, By::Key]),
        db::period_sums(pool, Metric::Equality, from, to, &[By::Key]),
        db::names(pool),
        db::open_groups(pool, quiet_since),
    )?;
    // The weekly trend shows the busiest services: only theirs are read day by day.
    let busiest = busiest_services(&contacts, BUSIEST);
    let by_service = db::sums_of(pool, Metric::Contacts, first, last, &[By::Day, By::Service], &busiest).await?;
    let mut trends = trends(&daily, &by_service, &last_year, from, to);
    name_services(&mut trends, &names);
    let mut failure_demand = failure_demand(&contacts, &before, &names);
    failure_demand.by_month = trends
        .months
        .iter()
        .map(|m| Split {
            code: m.month.clone(),
            name: m.month.clone(),
            contacts: m.contacts,
            failure: m.failure,
            share: share(m.failure, m.contacts),
        })
        .collect();
    Ok(Report {
        from: from.to_string(),
        to: to.to_string(),
        failure_demand,
        contacts_per_resolved_case: per_resolved(&contacts, &resolved, &names),
        blockages: blockages(&open, &met, &missed, &handoffs, &names, now, quiet_working_days),
        trends,
        wards: ward_lines(&wards, &names),
        equality: equality_lines(&equality),
    })
}

/// The moment before which a case with no event counts as quiet: `days` working days
/// before today, at the same time of day.
fn quiet_cutoff(calendar: &Calendar, now: i64, days: i64) -> i64 {
    let at = crate::rollups::ts(now);
    let today = calendar.local_date(at);
    let back = calendar.sub_working_days(today, days);
    now - (today - back).get_days().max(0) as i64 * 86_400_000
}

/// A contact count's key, `channel:demand`, split.
fn channel_and_demand(key: &str) -> Option<(&str, Demand)> {
    let (channel, demand) = key.split_once(':')?;
    Some((channel, Demand::parse(demand)?))
}

/// How many services the weekly trend shows.
const BUSIEST: usize = 10;

/// The `n` services with the most contacts, most first (the lower id first on a tie).
fn busiest_services(contacts: &[Sum], n: usize) -> Vec<i64> {
    let mut totals: std::collections::BTreeMap<i64, i64> = std::collections::BTreeMap::new();
    for s in contacts {
        *totals.entry(s.service_id.unwrap_or(0)).or_default() += s.value;
    }
    let mut ranked: Vec<(i64, i64)> = totals.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(n).map(|(id, _)| id).collect()
}

/// The total of a list of sums.
fn total(sums: &[Sum]) -> i64 {
    sums.iter().map(|s| s.value).sum()
}
