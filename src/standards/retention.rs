//! How long personal data is kept: the policy file's `[retention]` section.
//!
//! Each case type has a period after the case closes (a case is closed when it is
//! resolved or closed and has not changed status since); a service may have its own.
//! Reception visits that never became a case have theirs. A period is whole months or
//! years, counted in the council's time zone. `[[retention.minimum]]` entries name the
//! shortest period a law or regulator allows, with the reason: a period below one is
//! refused, by `frontdoor policy check` for case types and by the retention run, which
//! knows each service's type, for services. See docs/privacy.md.

use jiff::{Span, Timestamp, ToSpan, tz::TimeZone};
use serde::{Deserialize, Serialize};

use crate::cases::CaseType;

/// A period of whole months or years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub months: i64,
}

impl Period {
    /// Reads "2 years", "1 year", "6 months" or "18 months".
    pub fn parse(text: &str) -> Result<Period, String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let problem = || format!("{text:?} is not a period like \"2 years\" or \"6 months\"");
        let [n, unit] = words.as_slice() else { return Err(problem()) };
        let n: i64 = n.parse().map_err(|_| problem())?;
        let months = match *unit {
            "year" | "years" => n.checked_mul(12).ok_or_else(problem)?,
            "month" | "months" => n,
            _ => return Err(problem()),
        };
        if !(1..=1200).contains(&months) {
            return Err(format!("{text:?} must be at least a month and at most 100 years"));
        }
        Ok(Period { months })
    }

    /// The moment `as_of` minus this period, in `tz`: data closed before it has been kept
    /// long enough.
    pub fn cutoff(self, as_of: Timestamp, tz: &TimeZone) -> Timestamp {
        let span: Span = self.months.months();
        as_of.to_zoned(tz.clone()).checked_sub(span).map_or(Timestamp::MIN, |z| z.timestamp())
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.months % 12, self.months / 12) {
            (0, 1) => write!(f, "1 year"),
            (0, y) => write!(f, "{y} years"),
            (1, 0) => write!(f, "1 month"),
            (m, 0) => write!(f, "{m} months"),
            _ => write!(f, "{} months", self.months),
        }
    }
}

/// What the section says, as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRetention {
    #[serde(default = "two_years")]
    pub enquiry: String,
    #[serde(default = "two_years")]
    pub service_request: String,
    #[serde(default = "six_years")]
    pub complaint: String,
    #[serde(default = "two_years")]
    pub compliment: String,
    #[serde(default = "three_years")]
    pub foi: String,
    #[serde(default = "three_years")]
    pub eir: String,
    #[serde(default = "two_years")]
    pub subject_access: String,
    #[serde(default = "two_years")]
    pub erasure: String,
    #[serde(default = "two_years")]
    pub rectification: String,
    #[serde(default = "two_years")]
    pub restriction: String,
    /// Callback requests: the council's call records.
    #[serde(default = "one_year")]
    pub callback: String,
    /// Enquiries councillors made for residents.
    #[serde(default = "two_years")]
    pub councillor_enquiry: String,
    /// Reception visits that never became a case (a case's visits go with the case).
    #[serde(default = "one_year")]
    pub reception_visit: String,
    #[serde(default, rename = "service")]
    pub services: Vec<RawServicePeriod>,
    #[serde(default, rename = "minimum")]
    pub minimums: Vec<RawMinimum>,
}

impl Default for RawRetention {
    fn default() -> Self {
        toml::from_str("").expect("every field has a default")
    }
}

fn one_year() -> String {
    "1 year".into()
}
fn two_years() -> String {
    "2 years".into()
}
fn three_years() -> String {
    "3 years".into()
}
fn six_years() -> String {
    "6 years".into()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawServicePeriod {
    pub service: String,
    pub keep: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMinimum {
    /// A case type's code, or `reception_visit`.
    pub applies_to: String,
    pub keep: String,
    /// The law or rule that sets it, quoted when a shorter period is refused.
    pub because: String,
}

/// What the retention run keeps apart: each case type, and reception visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kept {
    Cases(CaseType),
    ReceptionVisits,
}

impl Kept {
    pub fn code(self) -> &'static str {
        match self {
            Kept::Cases(t) => t.as_str(),
            Kept::ReceptionVisits => "reception_visit",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kept::Cases(t) => t.label(),
            Kept::ReceptionVisits => "Reception visit (with no case)",
        }
    }

    fn parse(code: &str) -> Option<Kept> {
        if code == "reception_visit" { Some(Kept::ReceptionVisits) } else { CaseType::parse(code).map(Kept::Cases) }
    }
}

/// A checked `[retention]` section.
#[derive(Debug, Clone, PartialEq)]
pub struct Retention {
    /// Every case type and reception visits, in the order of `CaseType::ALL`.
    pub periods: Vec<(Kept, Period)>,
    /// Services with their own period: (service code, period).
    pub services: Vec<(String, Period)>,
    pub minimums: Vec<Minimum>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    pub applies_to: Kept,
    pub keep: Period,
    pub because: String,
}

impl Retention {
    /// The period of a case type or of reception visits.
    pub fn period(&self, kept: Kept) -> Period {
        self.periods.iter().find(|(k, _)| *k == kept).map(|(_, p)| *p).expect("every kind has a period")
    }

    /// The longest minimum naming `kept`, if any.
    pub fn minimum(&self, kept: Kept) -> Option<&Minimum> {
        self.minimums.iter().filter(|m| m.applies_to == kept).max_by_key(|m| m.keep)
    }

    /// A service's own period broken against its case type's minimum, as a sentence.
    pub fn service_problem(&self, service: &str, case_type: CaseType, keep: Period) -> Option<String> {
        let min = self.minimum(Kept::Cases(case_type))?;
        (keep < min.keep).then(|| {
            format!(
                "retention.service {service:?}: {keep} is shorter than the {} kept for {} ({})",
                min.keep,
                case_type.label().to_lowercase(),
                min.because
            )
        })
    }
}

/// Checks the section; each problem names its field.
pub fn check(raw: &RawRetention, problems: &mut Vec<String>) -> Retention {
    let fields: Vec<(Kept, &String)> = vec![
        (Kept::Cases(CaseType::Enquiry), &raw.enquiry),
        (Kept::Cases(CaseType::ServiceRequest), &raw.service_request),
        (Kept::Cases(CaseType::Complaint), &raw.complaint),
        (Kept::Cases(CaseType::Compliment), &raw.compliment),
        (Kept::Cases(CaseType::Foi), &raw.foi),
        (Kept::Cases(CaseType::Eir), &raw.eir),
        (Kept::Cases(CaseType::SubjectAccess), &raw.subject_access),
        (Kept::Cases(CaseType::Erasure), &raw.erasure),
        (Kept::Cases(CaseType::Rectification), &raw.rectification),
        (Kept::Cases(CaseType::Restriction), &raw.restriction),
        (Kept::Cases(CaseType::Callback), &raw.callback),
        (Kept::Cases(CaseType::CouncillorEnquiry), &raw.councillor_enquiry),
        (Kept::ReceptionVisits, &raw.reception_visit),
    ];
    debug_assert_eq!(fields.len(), CaseType::ALL.len() + 1, "a new case type needs a retention period");
    let mut minimums = Vec::new();
    for (i, m) in raw.minimums.iter().enumerate() {
        let label = format!("retention.minimum {}", i + 1);
        let applies_to = Kept::parse(&m.applies_to);
        if applies_to.is_none() {
            let known: Vec<&str> =
                CaseType::ALL.iter().map(|t| t.as_str()).chain(std::iter::once("reception_visit")).collect();
            problems.push(format!(
                "{label}, applies_to: there is no {:?}; use one of {}",
                m.applies_to,
                known.join(", ")
            ));
        }
        let keep = Period::parse(&m.keep).map_err(|e| problems.push(format!("{label}, keep: {e}"))).ok();
        if m.because.trim().len() < 10 {
            problems.push(format!("{label}, because: say which law or rule sets this minimum"));
        }
        if let (Some(applies_to), Some(keep)) = (applies_to, keep) {
            minimums.push(Minimum { applies_to, keep, because: m.because.trim().to_owned() });
        }
    }
    let mut retention = Retention { periods: Vec::new(), services: Vec::new(), minimums };
    for (kept, text) in fields {
        match Period::parse(text) {
            Ok(period) => {
                if let Some(min) = retention.minimum(kept)
                    && period < min.keep
                {
                    problems.push(format!(
                        "retention.{}: {period} is shorter than the minimum of {} ({})",
                        kept.code(),
                        min.keep,
                        min.because
                    ));
                }
                retention.periods.push((kept, period));
            }
            Err(e) => {
                problems.push(format!("retention.{}: {e}", kept.code()));
                retention.periods.push((kept, Period { months: 1200 }));
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    for s in &raw.services {
        if !seen.insert(s.service.as_str()) {
            problems.push(format!("retention.service {:?}: the service has two periods", s.service));
        }
        match Period::parse(&s.keep) {
            Ok(p) => retention.services.push((s.service.clone(), p)),
            Err(e) => problems.push(format!("retention.service {:?}, keep: {e}", s.service)),
        }
    }
    retention
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(text: &str) -> (Retention, Vec<String>) {
        let raw: RawRetention = toml::from_str(text).expect("toml");
        let mut problems = Vec::new();
        (check(&raw, &mut problems), problems)
    }

    #[test]
    fn defaults_are_the_common_schedule() {
        let (r, problems) = checked("");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(r.period(Kept::Cases(CaseType::Enquiry)), Period { months: 24 });
        assert_eq!(r.period(Kept::Cases(CaseType::Complaint)), Period { months: 72 });
        assert_eq!(r.period(Kept::Cases(CaseType::Foi)), Period { months: 36 });
        assert_eq!(r.period(Kept::Cases(CaseType::Callback)), Period { months: 12 });
        assert_eq!(r.period(Kept::ReceptionVisits), Period { months: 12 });
    }

    #[test]
    fn periods_read_and_print() {
        assert_eq!(Period::parse("18 months").map(|p| p.to_string()), Ok("18 months".into()));
        assert_eq!(Period::parse("1 year").map(|p| p.to_string()), Ok("1 year".into()));
        assert!(Period::parse("2 weeks").is_err());
        assert!(Period::parse("0 months").is_err());
        assert!(Period::parse("two years").is_err());
    }

    #[test]
    fn a_period_under_its_minimum_is_refused_with_the_reason() {
        let (_, problems) = checked(
            "complaint = \"6 months\"\n[[minimum]]\napplies_to = \"complaint\"\nkeep = \"1 year\"\n\
             because = \"The ombudsman looks at complaints within 12 months\"\n",
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("retention.complaint: 6 months is shorter than the minimum of 1 year"));
        let (_, problems) = checked("[[minimum]]\napplies_to = \"complaints\"\nkeep = \"1 year\"\nbecause = \"\"\n");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn the_cutoff_counts_calendar_months_in_the_council_zone() {
        let tz = TimeZone::get("Europe/London").expect("zone");
        let as_of: Timestamp = "2030-06-15T12:00:00Z".parse().expect("time");
        let cut = Period { months: 24 }.cutoff(as_of, &tz);
        assert_eq!(cut, "2028-06-15T12:00:00Z".parse::<Timestamp>().expect("time"));
    }
}
