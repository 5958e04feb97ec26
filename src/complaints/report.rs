//! The annual complaints performance and service-improvement report the Complaint
//! Handling Code asks for, and the information requests' compliance: volumes and
//! timeliness from the running counts (a year of months, never the case history),
//! outcomes, causes and promises from the complaint tables, which hold complaints only.

use std::collections::BTreeMap;

use sqlx::AnyPool;

use super::{Cause, Outcome};
use crate::rollups::{self, Metric};

/// The standards the report counts, in its order, with their words.
pub const TIMED: &[(&str, &str)] = &[
    ("complaint-stage1-acknowledge", "Stage 1 acknowledged within 5 working days"),
    ("complaint-stage1-respond", "Stage 1 answered within 10 working days of acknowledgement"),
    ("complaint-stage2-acknowledge", "Stage 2 acknowledged within 5 working days"),
    ("complaint-stage2-respond", "Stage 2 answered within 20 working days of acknowledgement"),
    ("foi-respond", "Freedom of Information requests answered within 20 working days"),
    ("eir-respond", "Environmental information requests answered in time"),
    ("foi-review", "Freedom of Information internal reviews answered in time"),
    ("eir-review", "Environmental information reviews answered within 40 working days"),
    ("sar-respond", "Subject access requests answered in time"),
];

/// One standard's year: kept and missed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kept {
    pub met: i64,
    pub missed: i64,
}

impl Kept {
    /// The share kept, in whole per cent, when anything fell due.
    pub fn percent(&self) -> Option<i64> {
        rollups::percent(self.met, self.met + self.missed)
    }
}

/// A year of complaints.
#[derive(Debug, Clone, Default)]
pub struct Annual {
    pub year: i16,
    /// By standard id, as in [`TIMED`].
    pub timeliness: BTreeMap<String, Kept>,
    /// (stage, outcome) → answers.
    pub outcomes: BTreeMap<(i64, Outcome), i64>,
    pub causes: BTreeMap<Cause, i64>,
    /// Promises made in the year's answers, and how many are kept.
    pub promised: i64,
    pub kept: i64,
    /// Of those not kept, how many are past their date (`today`).
    pub overdue: i64,
}

/// The report for `year`.
pub async fn annual(
    pool: &AnyPool,
    year: i16,
    today: jiff::civil::Date,
    tz: &jiff::tz::TimeZone,
) -> Result<Annual, sqlx::Error> {
    let mut report = Annual { year, ..Annual::default() };
    let first = i64::from(year) * 100 + 1;
    let counts = rollups::db::months(pool, first, None).await?;
    for c in counts.iter().filter(|c| c.month / 100 == i64::from(year)) {
        if !TIMED.iter().any(|(id, _)| *id == c.key) {
            continue;
        }
        let kept = report.timeliness.entry(c.key.clone()).or_default();
        match c.metric {
            Metric::Met => kept.met += c.value,
            Metric::Missed => kept.missed += c.value,
            _ => {}
        }
    }
    let start = |y: i16| {
        jiff::civil::date(y, 1, 1).to_zoned(tz.clone()).map(|z| z.timestamp().as_millisecond()).unwrap_or_default()
    };
    let (from, until) = (start(year), start(year + 1));
    for (stage, outcome, cause) in super::db::answers_between(pool, from, until).await? {
        if let Some(outcome) = Outcome::parse(&outcome) {
            *report.outcomes.entry((stage, outcome)).or_default() += 1;
        }
        if let Some(cause) = Cause::parse(&cause) {
            *report.causes.entry(cause).or_default() += 1;
        }
    }
    let today = today.to_string();
    for (due_on, done_at) in super::db::promises_between(pool, from, until).await? {
        report.promised += 1;
        if done_at.is_some() {
            report.kept += 1;
        } else if due_on < today {
            report.overdue += 1;
        }
    }
    Ok(report)
}

/// The report as CSV: one row a figure, `section,item,value`.
pub fn csv(report: &Annual) -> String {
    let mut out = String::from("year,section,item,value\r\n");
    let mut row = |section: &str, item: &str, value: String| {
        let item =
            if item.contains([',', '"']) { format!("\"{}\"", item.replace('"', "\"\"")) } else { item.to_owned() };
        out.push_str(&format!("{},{section},{item},{value}\r\n", report.year));
    };
    for (id, words) in TIMED {
        let kept = report.timeliness.get(*id).cloned().unwrap_or_default();
        row("kept", words, kept.met.to_string());
        row("missed", words, kept.missed.to_string());
    }
    for ((stage, outcome), n) in &report.outcomes {
        row("outcome", &format!("Stage {stage}: {}", outcome.label()), n.to_string());
    }
    for (cause, n) in &report.causes {
        row("cause", cause.label(), n.to_string());
    }
    row("promises", "Made", report.promised.to_string());
    row("promises", "Kept", report.kept.to_string());
    row("promises", "Past their date", report.overdue.to_string());
    out
}
