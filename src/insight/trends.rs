//! The trends: contacts week by week and month by month, against the same weeks a year
//! before, with unusual weeks flagged by a simple, documented rule.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::channel_and_demand;
use super::db::{Names, Sum};

/// An unusual week is judged against this many weeks before it.
pub const TRAILING_WEEKS: i64 = 8;
/// And needs at least this many of them with counts.
pub const TRAILING_WEEKS_NEEDED: usize = 4;

/// A week's contacts (weeks start on Monday).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Week {
    /// Its Monday, as YYYY-MM-DD.
    pub week: String,
    pub contacts: i64,
    pub failure: i64,
    /// The same week a year before (the week 52 weeks earlier).
    pub last_year: i64,
    pub by_channel: BTreeMap<String, i64>,
    /// More than three standard deviations above the mean of the weeks before it.
    pub unusual: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MonthLine {
    /// YYYY-MM.
    pub month: String,
    pub contacts: i64,
    pub failure: i64,
    pub last_year: i64,
    pub by_channel: BTreeMap<String, i64>,
}

/// A service's contacts week by week, in the order of `Trends::weeks`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ServiceWeeks {
    pub code: String,
    pub name: String,
    pub weeks: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Trends {
    /// How an unusual week is found, in words.
    pub rule: String,
    pub weeks: Vec<Week>,
    pub months: Vec<MonthLine>,
    /// The ten services with the most contacts, week by week.
    pub services: Vec<ServiceWeeks>,
}

fn date_of(day: i64) -> Option<Date> {
    Date::new(i16::try_from(day / 10_000).ok()?, i8::try_from(day / 100 % 100).ok()?, i8::try_from(day % 100).ok()?)
        .ok()
}

fn monday(date: Date) -> Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(jiff::Span::new().days(back)).unwrap_or(date)
}

fn month_of(date: Date) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// Whether `count` is unusual against the weeks before it: more than three standard
/// deviations above their mean, with at least four weeks to judge by. With no spread at
/// all (the same count every week), more than half as many again is unusual.
pub fn unusual(count: i64, before: &[i64]) -> bool {
    if before.len() < TRAILING_WEEKS_NEEDED {
        return false;
    }
    let n = before.len() as f64;
    let mean = before.iter().sum::<i64>() as f64 / n;
    let sd = (before.iter().map(|v| (*v as f64 - mean).powi(2)).sum::<f64>() / n).sqrt();
    if sd == 0.0 { count as f64 > mean * 1.5 && count > 0 } else { count as f64 > mean + 3.0 * sd }
}

/// The trends from the period's contacts by day and key (with the trailing weeks before
/// it), by day and service, and the same period a year before by day.
pub fn trends(daily: &[Sum], by_service: &[Sum], last_year: &[Sum], from: Date, to: Date) -> Trends {
    let first_week = monday(from);
    // Every week from the trailing weeks before the period to its end, even empty ones.
    let mut weeks: BTreeMap<Date, (i64, i64, BTreeMap<String, i64>)> = BTreeMap::new();
    let mut w = first_week.checked_sub(jiff::Span::new().weeks(TRAILING_WEEKS)).unwrap_or(first_week);
    while w <= to {
        weeks.insert(w, Default::default());
        let Ok(next) = w.checked_add(jiff::Span::new().weeks(1)) else { break };
        w = next;
    }
    let mut months: BTreeMap<String, (i64, i64, i64, BTreeMap<String, i64>)> = BTreeMap::new();
    let mut m = Date::new(from.year(), from.month(), 1).unwrap_or(from);
    while m <= to {
        months.insert(month_of(m), Default::default());
        let Ok(next) = m.checked_add(jiff::Span::new().months(1)) else { break };
        m = next;
    }
    let mut services: BTreeMap<i64, BTreeMap<Date, i64>> = BTreeMap::new();
    for s in daily {
        let (Some(date), Some((channel, demand))) =
            (s.day.and_then(date_of), s.key.as_deref().and_then(channel_and_demand))
        else {
            continue;
        };
        let failed = if demand.is_failure() { s.value } else { 0 };
        if let Some(week) = weeks.get_mut(&monday(date)) {
            week.0 += s.value;
            week.1 += failed;
            *week.2.entry(channel.to_owned()).or_default() += s.value;
        }
        if date >= from
            && let Some(month) = months.get_mut(&month_of(date))
        {
            month.0 += s.value;
            month.1 += failed;
            *month.3.entry(channel.to_owned()).or_default() += s.value;
        }
    }
    for s in by_service {
        if let Some(date) = s.day.and_then(date_of).filter(|d| *d >= from) {
            *services.entry(s.service_id.unwrap_or(0)).or_default().entry(monday(date)).or_default() += s.value;
        }
    }
    // A year before: each day moved on a year, to its week (52 weeks on) and its month.
    let mut last_weeks: BTreeMap<Date, i64> = BTreeMap::new();
    for s in last_year {
        let Some(date) = s.day.and_then(date_of) else { continue };
        let week_on = monday(date).checked_add(jiff::Span::new().weeks(52)).unwrap_or(date);
        *last_weeks.entry(week_on).or_default() += s.value;
        let month_on = date.checked_add(jiff::Span::new().years(1)).unwrap_or(date);
        if let Some(month) = months.get_mut(&month_of(month_on)) {
            month.2 += s.value;
        }
    }
    let counts: Vec<(Date, i64)> = weeks.iter().map(|(d, w)| (*d, w.0)).collect();
    let mut out_weeks = Vec::new();
    for (i, (date, (contacts, failure, by_channel))) in weeks.into_iter().enumerate() {
        if date < first_week {
            continue;
        }
        let before: Vec<i64> = counts[i.saturating_sub(TRAILING_WEEKS as usize)..i].iter().map(|(_, c)| *c).collect();
        out_weeks.push(Week {
            week: date.to_string(),
            contacts,
            failure,
            last_year: last_weeks.get(&date).copied().unwrap_or(0),
            unusual: unusual(contacts, &before),
            by_channel,
        });
    }
    let mut busiest: Vec<(i64, i64)> = services.iter().map(|(id, w)| (*id, w.values().sum())).collect();
    busiest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let week_dates: Vec<Date> = out_weeks.iter().filter_map(|w| w.week.parse().ok()).collect();
    let services = busiest
        .into_iter()
        .take(10)
        .map(|(id, _)| {
            let counts = &services[&id];
            ServiceWeeks {
                code: id.to_string(),
                name: String::new(),
                weeks: week_dates.iter().map(|d| counts.get(d).copied().unwrap_or(0)).collect(),
            }
        })
        .collect();
    Trends {
        rule: format!(
            "A week is unusual when its contacts are more than three standard deviations above the mean of the \
             {TRAILING_WEEKS} weeks before it (with at least {TRAILING_WEEKS_NEEDED} of them to judge by)."
        ),
        weeks: out_weeks,
        months: months
            .into_iter()
            .map(|(month, (contacts, failure, last_year, by_channel))| MonthLine {
                month,
                contacts,
                failure,
                last_year,
                by_channel,
            })
            .collect(),
        services,
    }
}

/// Names the services of the weekly trend (kept apart so `trends` needs no names).
pub fn name_services(trends: &mut Trends, names: &Names) {
    for s in &mut trends.services {
        let id = s.code.parse().unwrap_or(0);
        (s.code, s.name) = names.service(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusual_weeks() {
        assert!(!unusual(100, &[10, 12]));
        assert!(unusual(40, &[10, 12, 11, 9, 10, 12, 11, 10]));
        assert!(!unusual(13, &[10, 12, 11, 9, 10, 12, 11, 10]));
        assert!(unusual(16, &[10, 10, 10, 10]) && !unusual(15, &[10, 10, 10, 10]));
    }

    #[test]
    fn weeks_compare_with_a_year_before() {
        let day =
            |d: i64, key: &str, v: i64| Sum { day: Some(d), service_id: Some(1), key: Some(key.into()), value: v };
        let daily =
            [day(20261201, "web:value", 3), day(20261202, "phone:progress_chasing", 2), day(20261208, "web:value", 1)];
        let last_year = [Sum { day: Some(20251202), service_id: None, key: Some("web:value".into()), value: 4 }];
        let by_service: Vec<Sum> = daily.iter().map(|s| Sum { key: None, ..s.clone() }).collect();
        let t =
            trends(&daily, &by_service, &last_year, jiff::civil::date(2026, 12, 1), jiff::civil::date(2026, 12, 13));
        assert_eq!(t.weeks.len(), 2);
        assert_eq!((t.weeks[0].week.as_str(), t.weeks[0].contacts, t.weeks[0].failure), ("2026-11-30", 5, 2));
        assert_eq!(t.weeks[0].last_year, 4);
        assert_eq!((t.months.len(), t.months[0].contacts, t.months[0].last_year), (1, 6, 4));
        assert_eq!(t.services[0].weeks, vec![5, 1]);
    }
}
