//! Reading and checking a policy file. Unknown fields, impossible targets and names
//! that do not exist are refused, each problem with the standard and field at fault.

use std::collections::HashSet;

use jiff::civil::Time;
use jiff::tz::TimeZone;
use serde::Deserialize;

use super::{CalendarChoice, Measure, Milestone, Standard, Target, TargetFamily, WhileWaiting};
use crate::calendar::{Division, Hours, Receipt, Settings};
use crate::cases::{CaseType, Channel};

/// A checked policy: the calendar settings and the standards.
#[derive(Debug, Clone)]
pub struct Policy {
    pub calendar: Settings,
    pub standards: Vec<Standard>,
    /// How to reach the council, for the contact us page.
    pub contact: super::contact::Contact,
    /// What a final complaint answer tells the resident about the ombudsman.
    pub complaints: ComplaintSettings,
    /// What an information request's answers tell the customer about the regulator.
    pub information: InformationSettings,
    /// The services residents can book an appointment with.
    pub appointments: Vec<super::bookable::Bookable>,
    /// How long personal data is kept after a case closes.
    pub retention: super::retention::Retention,
    /// What counts as a repeat contact, and when an open case counts as stuck.
    pub insight: InsightSettings,
}

/// The policy file's `[insight]` section.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InsightSettings {
    /// A new contact from the same customer about the same service within this many days
    /// of their last case is a repeat (failure demand).
    #[serde(default = "default_repeat_days")]
    pub repeat_within_days: i64,
    /// An open case with no event for this many working days is stuck (a blockage).
    #[serde(default = "default_quiet_days")]
    pub quiet_working_days: i64,
}

impl Default for InsightSettings {
    fn default() -> Self {
        InsightSettings { repeat_within_days: default_repeat_days(), quiet_working_days: default_quiet_days() }
    }
}

fn default_repeat_days() -> i64 {
    28
}

fn default_quiet_days() -> i64 {
    10
}

/// The policy file's `[information]` section.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InformationSettings {
    /// How to reach the Information Commissioner, quoted in every internal review's
    /// answer and every subject access answer.
    #[serde(default = "default_regulator")]
    pub regulator: String,
}

impl Default for InformationSettings {
    fn default() -> Self {
        InformationSettings { regulator: default_regulator() }
    }
}

fn default_regulator() -> String {
    "The Information Commissioner's Office: ico.org.uk/make-a-complaint, 0303 123 1113.".to_owned()
}

/// The policy file's `[complaints]` section.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplaintSettings {
    /// How to reach the ombudsman, quoted in every final (stage 2) answer.
    #[serde(default = "default_ombudsman")]
    pub ombudsman: String,
}

impl Default for ComplaintSettings {
    fn default() -> Self {
        ComplaintSettings { ombudsman: default_ombudsman() }
    }
}

fn default_ombudsman() -> String {
    "The Local Government and Social Care Ombudsman: www.lgo.org.uk, 0300 061 0614. For a council home, the \
     Housing Ombudsman: www.housing-ombudsman.org.uk, 0300 111 3000."
        .to_owned()
}

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// The file is not TOML of the right shape; the message names the line.
    #[error("{0}")]
    Syntax(String),
    /// The file parses but says something impossible; one line per problem.
    #[error("{}", .0.join("\n"))]
    Invalid(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    calendar: RawCalendar,
    #[serde(default, rename = "standard")]
    standards: Vec<RawStandard>,
    #[serde(default)]
    contact: super::contact::Contact,
    #[serde(default)]
    complaints: ComplaintSettings,
    #[serde(default)]
    information: InformationSettings,
    #[serde(default)]
    appointments: Vec<super::bookable::Bookable>,
    #[serde(default)]
    retention: super::retention::RawRetention,
    #[serde(default)]
    insight: InsightSettings,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    time_zone: String,
    division: String,
    opening_hours: RawHours,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHours {
    monday: Option<String>,
    tuesday: Option<String>,
    wednesday: Option<String>,
    thursday: Option<String>,
    friday: Option<String>,
    saturday: Option<String>,
    sunday: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStandard {
    id: String,
    title: String,
    wording: String,
    measures: String,
    #[serde(default)]
    channels: Vec<String>,
    #[serde(default)]
    case_types: Vec<String>,
    #[serde(default)]
    services: Vec<String>,
    target: String,
    starts: String,
    stops: Vec<String>,
    calendar: Option<String>,
    receipt: Option<String>,
    #[serde(default)]
    working_hours: bool,
    while_waiting: Option<String>,
    extension_cap: Option<String>,
    #[serde(default)]
    extend_before_due: bool,
    warn_before: Option<String>,
    source: String,
    #[serde(default = "yes")]
    published: bool,
}

fn yes() -> bool {
    true
}

impl Policy {
    /// The built-in default policy.
    pub fn default_policy() -> Policy {
        Policy::parse(super::DEFAULT_POLICY).expect("the built-in policy is valid")
    }

    /// The standard measuring `measure` against a time target (minutes, hours): its id
    /// and the target in milliseconds. The face-to-face standards are measured by their
    /// own rows, each against the one standard of its measure.
    pub fn timed(&self, measure: Measure) -> Option<(&str, i64)> {
        self.standards
            .iter()
            .find(|s| s.measures == measure)
            .and_then(|s| Some((s.id.as_str(), s.target.seconds()? * 1000)))
    }

    /// The appointments a service takes, if it is bookable.
    pub fn bookable(&self, service_code: &str) -> Option<&super::bookable::Bookable> {
        self.appointments.iter().find(|b| b.service == service_code)
    }

    pub fn parse(text: &str) -> Result<Policy, PolicyError> {
        let raw: RawPolicy = toml::from_str(text).map_err(|e| PolicyError::Syntax(e.to_string().trim().to_owned()))?;
        let mut problems = Vec::new();
        let calendar = check_calendar(&raw.calendar, &mut problems);
        let mut seen = HashSet::new();
        let standards: Vec<Standard> = raw
            .standards
            .into_iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let label =
                    if s.id.is_empty() { format!("standard {}", i + 1) } else { format!("standard {:?}", s.id) };
                if !s.id.is_empty() && !seen.insert(s.id.clone()) {
                    problems.push(format!("{label}: the id is used twice"));
                }
                check_standard(s, &label, &mut problems)
            })
            .collect();
        problems.extend(raw.contact.problems());
        let sites: Vec<String> = raw.contact.visit.iter().map(super::contact::VisitPoint::id).collect();
        let mut bookable_seen = HashSet::new();
        for (i, b) in raw.appointments.iter().enumerate() {
            problems.extend(b.problems(i, &sites));
            if !bookable_seen.insert(b.service.clone()) {
                problems.push(format!("appointments {} ({:?}): the service is bookable twice", i + 1, b.service));
            }
        }
        let retention = super::retention::check(&raw.retention, &mut problems);
        if !(1..=366).contains(&raw.insight.repeat_within_days) {
            problems.push("insight.repeat_within_days: give a number of days from 1 to 366".into());
        }
        if !(1..=250).contains(&raw.insight.quiet_working_days) {
            problems.push("insight.quiet_working_days: give a number of working days from 1 to 250".into());
        }
        if standards.is_empty() && problems.is_empty() {
            problems.push("the policy has no [[standard]] entries".into());
        }
        match (calendar, problems.is_empty()) {
            (Some(calendar), true) => Ok(Policy {
                calendar,
                standards,
                contact: raw.contact,
                complaints: raw.complaints,
                information: raw.information,
                appointments: raw.appointments,
                retention,
                insight: raw.insight,
            }),
            _ => Err(PolicyError::Invalid(problems)),
        }
    }
}

fn check_calendar(raw: &RawCalendar, problems: &mut Vec<String>) -> Option<Settings> {
    let time_zone = TimeZone::get(&raw.time_zone)
        .map_err(|_| problems.push(format!("calendar.time_zone: there is no time zone {:?}", raw.time_zone)))
        .ok();
    let division = Division::parse(&raw.division);
    if division.is_none() {
        problems.push(format!(
            "calendar.division: {:?} is not one of england-and-wales, scotland, northern-ireland",
            raw.division
        ));
    }
    let h = &raw.opening_hours;
    let days = [
        ("monday", &h.monday),
        ("tuesday", &h.tuesday),
        ("wednesday", &h.wednesday),
        ("thursday", &h.thursday),
        ("friday", &h.friday),
        ("saturday", &h.saturday),
        ("sunday", &h.sunday),
    ];
    let mut hours = [None; 7];
    for (i, (day, text)) in days.into_iter().enumerate() {
        match text.as_deref().map(str::trim) {
            None | Some("closed") => {}
            Some(text) => match parse_hours(text) {
                Some(parsed) => hours[i] = Some(parsed),
                None => problems.push(format!(
                    "calendar.opening_hours.{day}: {text:?} is not opening hours like \"09:00-17:00\" or \"closed\""
                )),
            },
        }
    }
    if hours.iter().all(Option::is_none) {
        problems.push("calendar.opening_hours: the council must open on at least one day".into());
    }
    Some(Settings { time_zone: time_zone?, division: division?, hours })
}

fn parse_hours(text: &str) -> Option<Hours> {
    let (opens, closes) = text.split_once('-')?;
    let time = |t: &str| -> Option<Time> {
        let (h, m) = t.trim().split_once(':')?;
        Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
    };
    let hours = Hours { opens: time(opens)?, closes: time(closes)? };
    (hours.opens < hours.closes).then_some(hours)
}

fn word<T>(
    problems: &mut Vec<String>,
    label: &str,
    field: &str,
    text: &str,
    parse: fn(&str) -> Option<T>,
    known: String,
) -> Option<T> {
    let parsed = parse(text);
    if parsed.is_none() {
        problems.push(format!("{label}, {field}: there is no {field} {text:?}; use one of {known}"));
    }
    parsed
}

fn codes<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> String {
    all.iter().map(|c| as_str(*c)).collect::<Vec<_>>().join(", ")
}

fn check_standard(s: RawStandard, label: &str, problems: &mut Vec<String>) -> Option<Standard> {
    let before = problems.len();
    let fail = |problems: &mut Vec<String>, field: &str, message: String| {
        problems.push(format!("{label}, {field}: {message}"));
    };
    if s.id.is_empty() || !s.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        fail(problems, "id", format!("{:?} must be lowercase letters, digits and hyphens", s.id));
    }
    for (field, text) in [("title", &s.title), ("wording", &s.wording), ("source", &s.source)] {
        if text.trim().is_empty() {
            fail(problems, field, "is empty".into());
        }
    }
    let measures = word(problems, label, "measures", &s.measures, Measure::parse, codes(Measure::ALL, Measure::as_str));
    let channels: Vec<Channel> = s
        .channels
        .iter()
        .filter_map(|c| {
            let known = codes(Channel::ALL, Channel::as_str);
            let parsed = Channel::parse(c);
            if parsed.is_none() {
                fail(problems, "channels", format!("there is no channel {c:?}; use one of {known}"));
            }
            parsed
        })
        .collect();
    let case_types: Vec<CaseType> = s
        .case_types
        .iter()
        .filter_map(|c| {
            let known = codes(CaseType::ALL, CaseType::as_str);
            let parsed = CaseType::parse(c);
            if parsed.is_none() {
                fail(problems, "case_types", format!("there is no case type {c:?}; use one of {known}"));
            }
            parsed
        })
        .collect();
    let target = Target::parse(&s.target).map_err(|m| fail(problems, "target", m)).ok();
    let starts = word(problems, label, "starts", &s.starts, Milestone::parse, codes(Milestone::ALL, Milestone::as_str));
    let stops: Vec<Milestone> = s
        .stops
        .iter()
        .filter_map(|m| word(problems, label, "stops", m, Milestone::parse, codes(Milestone::ALL, Milestone::as_str)))
        .collect();
    if s.stops.is_empty() {
        fail(problems, "stops", "name at least one moment that meets the standard".into());
    }
    if let Some(start) = starts
        && stops.contains(&start)
    {
        fail(problems, "stops", format!("{start} starts the clock, so it cannot also stop it"));
    }
    let calendar = match s.calendar.as_deref() {
        None => Some(CalendarChoice::Council),
        Some(c) => word(
            problems,
            label,
            "calendar",
            c,
            CalendarChoice::parse,
            codes(CalendarChoice::ALL, CalendarChoice::as_str),
        ),
    };
    let receipt = match s.receipt.as_deref() {
        None | Some("as received") => Some(Receipt::AsReceived),
        Some("next working day") => Some(Receipt::NextWorkingDay),
        Some(other) => {
            fail(problems, "receipt", format!("{other:?} must be \"as received\" or \"next working day\""));
            None
        }
    };
    let while_waiting = match s.while_waiting.as_deref() {
        None => Some(WhileWaiting::Runs),
        Some(w) => word(
            problems,
            label,
            "while_waiting",
            w,
            WhileWaiting::parse,
            codes(WhileWaiting::ALL, WhileWaiting::as_str),
        ),
    };
    let mut later = |field: &str, text: &Option<String>| -> Option<Target> {
        let t = Target::parse(text.as_deref()?).map_err(|m| fail(problems, field, m)).ok()?;
        if let Some(target) = target
            && t.family() != target.family()
        {
            fail(problems, field, format!("{t} cannot be added to a target of {target}; use the same kind of unit"));
        }
        Some(t)
    };
    let extension_cap = later("extension_cap", &s.extension_cap);
    let warn_before = later("warn_before", &s.warn_before);
    if let (Some(w), Some(t)) = (warn_before, target)
        && w.family() == t.family()
        && (w.seconds().unwrap_or(w.count()) >= t.seconds().unwrap_or(t.count()))
    {
        fail(problems, "warn_before", format!("{w} is not shorter than the target of {t}"));
    }
    if s.extend_before_due && extension_cap.is_none() {
        fail(problems, "extend_before_due", "needs an extension_cap: there is no extension to decide".into());
    }
    if s.working_hours && target.is_some_and(|t| t.family() != TargetFamily::Time) {
        fail(problems, "working_hours", "only applies to targets in seconds, minutes or hours".into());
    }
    if problems.len() > before {
        return None;
    }
    Some(Standard {
        id: s.id,
        title: s.title.trim().to_owned(),
        wording: s.wording.trim().to_owned(),
        measures: measures?,
        channels,
        case_types,
        services: s.services,
        target: target?,
        starts: starts?,
        stops,
        calendar: calendar?,
        receipt: receipt?,
        working_hours: s.working_hours,
        while_waiting: while_waiting?,
        extension_cap,
        extend_before_due: s.extend_before_due,
        warn_before,
        source: s.source.trim().to_owned(),
        published: s.published,
    })
}
