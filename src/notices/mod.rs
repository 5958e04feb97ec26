//! Service notices: short public messages about a known problem or change, so people
//! need not contact us to find out ("bin collections in Wealdstone are a day late").
//! A notice is for one service or every service, optionally names an area, and shows
//! from its first day to its last, inclusive, in the council's time zone. Each time one
//! is shown on a public page its count of views goes up, so staff can see whether
//! notices are read.

pub mod db;

use jiff::civil::Date;

use crate::calendar::Calendar;

pub const TITLE_MAX: usize = 120;
pub const BODY_MAX: usize = 1_000;
pub const AREA_MAX: usize = 80;

/// A notice as stored.
#[derive(Debug, Clone)]
pub struct Notice {
    pub id: i64,
    pub service_id: Option<i64>,
    pub service_name: Option<String>,
    pub area: Option<String>,
    pub title: String,
    pub body: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub views: i64,
}

/// A notice to publish, as an administrator typed it.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub service_id: Option<i64>,
    pub area: String,
    pub title: String,
    pub body: String,
    /// The first and last days it shows, as typed: "2026-11-25".
    pub starts: String,
    pub ends: String,
}

/// A problem with a draft, naming its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub message: String,
}

/// A checked draft: trimmed text, and the days as times (opening of the first, end of
/// the last).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub service_id: Option<i64>,
    pub area: Option<String>,
    pub title: String,
    pub body: String,
    pub starts_at: i64,
    pub ends_at: i64,
}

/// Checks a draft, every field at once.
pub fn check(draft: &Draft, calendar: &Calendar, today: Date) -> Result<Checked, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut text = |field: &'static str, value: &str, what: &str, max: usize, required: bool| {
        let value = value.trim();
        if required && value.is_empty() {
            problems.push(Problem { field, message: format!("Enter the {what}") });
        } else if value.chars().count() > max {
            problems.push(Problem { field, message: format!("The {what} must be {max} characters or fewer") });
        }
        value.to_owned()
    };
    let title = text("title", &draft.title, "title", TITLE_MAX, true);
    let body = text("body", &draft.body, "notice", BODY_MAX, true);
    let area = text("area", &draft.area, "area", AREA_MAX, false);
    let mut day = |field: &'static str, value: &str, what: &str| match value.trim().parse::<Date>() {
        Ok(d) => Some(d),
        Err(_) if value.trim().is_empty() => {
            problems.push(Problem { field, message: format!("Enter the {what}") });
            None
        }
        Err(_) => {
            problems.push(Problem { field, message: format!("The {what} must be a real date, like 2026-11-25") });
            None
        }
    };
    let starts = day("starts", &draft.starts, "first day");
    let ends = day("ends", &draft.ends, "last day");
    if let (Some(s), Some(e)) = (starts, ends) {
        if e < s {
            problems.push(Problem {
                field: "ends",
                message: "The last day must be the same as or after the first day".into(),
            });
        } else if e < today {
            problems.push(Problem { field: "ends", message: "The last day must be today or later".into() });
        }
    }
    match (starts, ends) {
        (Some(s), Some(e)) if problems.is_empty() => Ok(Checked {
            service_id: draft.service_id,
            area: Some(area).filter(|a| !a.is_empty()),
            title,
            body,
            starts_at: local_midnight(calendar, s),
            ends_at: e.tomorrow().map_or(i64::MAX, |t| local_midnight(calendar, t)) - 1,
        }),
        _ => Err(problems),
    }
}

fn local_midnight(calendar: &Calendar, day: Date) -> i64 {
    day.to_zoned(calendar.time_zone().clone()).map_or(0, |z| z.timestamp().as_millisecond())
}

pub use db::{count_views, end, for_admin, insert, live};

/// Counts one showing of each notice shown on a public page, in the background: the
/// visitor never waits for the write, and a count that fails is only logged.
pub fn count_shown(db: &crate::db::Db, shown: &[Notice]) {
    if shown.is_empty() {
        return;
    }
    let ids: Vec<i64> = shown.iter().map(|n| n.id).collect();
    let db = db.clone();
    tokio::spawn(async move {
        let counted = async {
            let mut tx = db.begin().await?;
            count_views(&mut tx, &ids).await?;
            tx.commit().await
        };
        if let Err(err) = counted.await {
            tracing::warn!(error = %err, "could not count notice views");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn calendar() -> Calendar {
        let settings = crate::standards::Policy::default_policy().calendar;
        crate::calendar::Calendars::build(&settings, &Default::default(), Default::default()).council
    }

    fn draft(starts: &str, ends: &str) -> Draft {
        Draft {
            title: " Bin collections a day late ".into(),
            body: "Collections in Wealdstone are a day late this week.".into(),
            starts: starts.into(),
            ends: ends.into(),
            ..Draft::default()
        }
    }

    #[test]
    fn a_notice_shows_from_the_start_of_its_first_day_to_the_end_of_its_last() {
        let c = check(&draft("2026-11-25", "2026-11-27"), &calendar(), date(2026, 11, 25)).unwrap();
        assert_eq!(c.title, "Bin collections a day late");
        // Winter: UK time is UTC.
        assert_eq!(c.starts_at, jiff::Timestamp::from_second(1_795_564_800).unwrap().as_millisecond());
        assert_eq!(c.ends_at, jiff::Timestamp::from_second(1_795_824_000).unwrap().as_millisecond() - 1);
        assert_eq!(c.area, None);
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let blank = check(&Draft::default(), &calendar(), date(2026, 11, 25)).unwrap_err();
        let fields: Vec<_> = blank.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["title", "body", "starts", "ends"]);
        let backwards = check(&draft("2026-11-27", "2026-11-25"), &calendar(), date(2026, 11, 25)).unwrap_err();
        assert_eq!(backwards[0].message, "The last day must be the same as or after the first day");
        let past = check(&draft("2026-11-01", "2026-11-02"), &calendar(), date(2026, 11, 25)).unwrap_err();
        assert_eq!(past[0].field, "ends");
        let nonsense = check(&draft("31/11/2026", "2026-11-30"), &calendar(), date(2026, 11, 25)).unwrap_err();
        assert_eq!(nonsense[0].message, "The first day must be a real date, like 2026-11-25");
    }
}
