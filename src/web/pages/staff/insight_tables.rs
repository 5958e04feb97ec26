//! The insight report as tables: what the page shows (with a chart drawn from a column)
//! and each CSV file holds.

use crate::insight::{Report, Split, Waiting};

/// One of the report's tables: the page shows it, its CSV downloads it, and a chart may
/// draw its first numeric column.
pub struct Table {
    pub id: &'static str,
    pub caption: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    /// The column a chart draws, if any.
    pub chart: Option<usize>,
}

/// A horizontal bar chart of one column.
pub struct Chart {
    pub height: usize,
    pub bars: Vec<Bar>,
}

pub struct Bar {
    pub y: usize,
    pub label: String,
    pub width: i64,
    pub value: String,
}

impl Table {
    /// Whether a column holds numbers (right-aligned).
    pub fn numeric(&self, column: &usize) -> bool {
        self.headers.get(*column).is_some_and(|h| {
            !matches!(
                *h,
                "Service"
                    | "Team"
                    | "Channel"
                    | "Kind"
                    | "Month"
                    | "Week beginning"
                    | "Status"
                    | "Type of case"
                    | "Partner"
                    | "Ward"
                    | "Question"
                    | "Answer"
                    | "Unusual"
                    | "Busiest services"
                    | "Code"
            )
        })
    }

    pub fn draw(&self) -> Option<Chart> {
        let column = self.chart?;
        let values: Vec<(String, f64, String)> = self
            .rows
            .iter()
            .take(CHART_ROWS)
            .map(|r| {
                let text = r.get(column).cloned().unwrap_or_default();
                let value = text.trim_end_matches('%').replace(',', "").parse::<f64>().unwrap_or(0.0);
                (r.first().cloned().unwrap_or_default(), value, text)
            })
            .collect();
        let max = values.iter().map(|v| v.1).fold(0.0, f64::max);
        let bars = values
            .into_iter()
            .enumerate()
            .map(|(i, (label, value, text))| Bar {
                y: i * 26 + 4,
                label: short(&label),
                width: if max > 0.0 { ((value / max) * 300.0).round() as i64 } else { 0 },
                value: text,
            })
            .collect::<Vec<_>>();
        (!bars.is_empty()).then(|| Chart { height: bars.len() * 26 + 8, bars })
    }
}

/// A chart shows at most this many bars; its table has every row.
const CHART_ROWS: usize = 12;

fn short(label: &str) -> String {
    if label.chars().count() <= 30 {
        label.to_owned()
    } else {
        format!("{}…", label.chars().take(29).collect::<String>())
    }
}

pub fn percent(share: Option<f64>) -> String {
    share.map_or("–".to_owned(), |s| format!("{:.1}%", s * 100.0))
}

pub fn decimal(value: Option<f64>) -> String {
    value.map_or("–".to_owned(), |v| format!("{v:.2}"))
}

fn n(v: i64) -> String {
    let digits = crate::forms::thousands(usize::try_from(v.unsigned_abs()).unwrap_or(usize::MAX));
    if v < 0 { format!("minus {digits}") } else { digits }
}

fn split_rows(lines: &[Split]) -> Vec<Vec<String>> {
    lines.iter().map(|s| vec![s.name.clone(), n(s.contacts), n(s.failure), percent(s.share)]).collect()
}

fn waiting_rows(lines: &[Waiting]) -> Vec<Vec<String>> {
    lines.iter().map(|w| vec![w.name.clone(), n(w.open), n(w.mean_days), n(w.longest_days), n(w.quiet)]).collect()
}

pub fn tables(r: &Report) -> Vec<Table> {
    let f = &r.failure_demand;
    let b = &r.blockages;
    let t = &r.trends;
    let waiting = |id, caption: &str, first, lines: &[Waiting]| Table {
        id,
        caption: caption.to_owned(),
        headers: vec![first, "Open cases", "Mean days since received", "Longest", "Nothing done for a while"],
        rows: waiting_rows(lines),
        chart: Some(2),
    };
    vec![
        Table {
            id: "failure-by-kind",
            caption: "Failure demand by kind".into(),
            headers: vec!["Kind", "Contacts", "Share of all contacts"],
            rows: f
                .by_kind
                .iter()
                .map(|(kind, count)| {
                    let label = crate::contacts::Demand::parse(kind).map_or(*kind, |d| d.label());
                    vec![label.to_owned(), n(*count), percent(crate::insight::share(*count, f.contacts))]
                })
                .collect(),
            chart: Some(1),
        },
        Table {
            id: "failure-by-service",
            caption: "Failure demand by service, most first".into(),
            headers: vec!["Service", "Contacts", "Failure demand", "Share"],
            rows: split_rows(&f.by_service),
            chart: Some(2),
        },
        Table {
            id: "failure-grew-most",
            caption: "Services whose failure demand grew most against the same length of time before".into(),
            headers: vec!["Service", "Before", "Now", "Grew by"],
            rows: f.grew_most.iter().map(|g| vec![g.name.clone(), n(g.before), n(g.now), n(g.change)]).collect(),
            chart: None,
        },
        Table {
            id: "failure-by-channel",
            caption: "Failure demand by channel".into(),
            headers: vec!["Channel", "Contacts", "Failure demand", "Share"],
            rows: split_rows(&f.by_channel),
            chart: None,
        },
        Table {
            id: "failure-by-month",
            caption: "Failure demand by month".into(),
            headers: vec!["Month", "Contacts", "Failure demand", "Share"],
            rows: split_rows(&f.by_month),
            chart: None,
        },
        Table {
            id: "contacts-per-resolved-case",
            caption: "Contacts per resolved case, by service (the avoidable-contact measure), most first".into(),
            headers: vec!["Service", "Contacts", "Cases resolved", "Contacts per resolved case"],
            rows: r
                .contacts_per_resolved_case
                .by_service
                .iter()
                .map(|s| vec![s.name.clone(), n(s.contacts), n(s.resolved), decimal(s.per_case)])
                .collect(),
            chart: None,
        },
        waiting("waiting-by-team", "Where open cases wait longest: by team", "Team", &b.by_team),
        waiting("waiting-by-status", "By status", "Status", &b.by_status),
        waiting("waiting-by-stage", "By type of case", "Type of case", &b.by_stage),
        waiting("waiting-by-partner", "By partner", "Partner", &b.by_partner),
        Table {
            id: "breaches-by-team",
            caption: "Promises missed and hand-offs, by team".into(),
            headers: vec!["Team", "Kept", "Missed", "Share missed", "Passed to another team", "Passed in"],
            rows: b
                .breaches_by_team
                .iter()
                .map(|t| {
                    vec![t.team.clone(), n(t.met), n(t.missed), percent(t.share_missed), n(t.handed_on), n(t.handed_in)]
                })
                .collect(),
            chart: Some(3),
        },
        Table {
            id: "weeks",
            caption: "Contacts week by week, against the same week a year before".into(),
            headers: vec!["Week beginning", "Contacts", "Failure demand", "A year before", "Unusual"],
            rows: t
                .weeks
                .iter()
                .map(|w| {
                    vec![
                        w.week.clone(),
                        n(w.contacts),
                        n(w.failure),
                        n(w.last_year),
                        if w.unusual { "Unusual".into() } else { String::new() },
                    ]
                })
                .collect(),
            chart: Some(1),
        },
        Table {
            id: "months",
            caption: "Contacts month by month, against the same month a year before".into(),
            headers: vec![
                "Month",
                "Contacts",
                "Failure demand",
                "A year before",
                "Web",
                "Email",
                "Phone",
                "Letter",
                "Visit",
            ],
            rows: t
                .months
                .iter()
                .map(|m| {
                    let c = |k: &str| n(m.by_channel.get(k).copied().unwrap_or(0));
                    vec![
                        m.month.clone(),
                        n(m.contacts),
                        n(m.failure),
                        n(m.last_year),
                        c("web"),
                        c("email"),
                        c("phone"),
                        c("letter"),
                        c("visit"),
                    ]
                })
                .collect(),
            chart: None,
        },
        Table {
            id: "busiest-services",
            caption: "The busiest services, contacts week by week (in the order of the weeks above)".into(),
            headers: vec!["Busiest services", "Contacts", "Week by week"],
            rows: t
                .services
                .iter()
                .map(|s| {
                    let weeks: Vec<String> = s.weeks.iter().map(ToString::to_string).collect();
                    vec![s.name.clone(), n(s.weeks.iter().sum()), weeks.join(" ")]
                })
                .collect(),
            chart: None,
        },
        Table {
            id: "wards",
            caption: "Contacts by ward per 1,000 residents, fewest first".into(),
            headers: vec![
                "Ward",
                "Code",
                "Residents",
                "Contacts",
                "Per 1,000 residents",
                "Web",
                "Phone",
                "Email",
                "Most contacted about",
            ],
            rows: r
                .wards
                .iter()
                .map(|w| {
                    let c = |k: &str| n(w.by_channel.get(k).copied().unwrap_or(0));
                    let top: Vec<String> = w.top_services.iter().map(|(s, k)| format!("{s} ({k})")).collect();
                    vec![
                        w.name.clone(),
                        w.code.clone(),
                        w.population.map_or("–".into(), n),
                        n(w.contacts),
                        w.per_thousand.map_or("–".into(), |p| format!("{p:.1}")),
                        c("web"),
                        c("phone"),
                        c("email"),
                        top.join("; "),
                    ]
                })
                .collect(),
            chart: Some(4),
        },
        Table {
            id: "equality",
            caption: "Equality monitoring answers (fewer than 5 are shown as suppressed)".into(),
            headers: vec!["Question", "Answer", "People"],
            rows: r
                .equality
                .iter()
                .map(|e| vec![e.question.clone(), e.answer.clone(), e.count.map_or("Fewer than 5".into(), n)])
                .collect(),
            chart: None,
        },
    ]
}
