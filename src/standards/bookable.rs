//! Services residents can book an appointment with, from the policy file's
//! `[[appointments]]` entries: where (a visiting point's id), when (each weekday's
//! sessions, cut into slots of a length), how many people at once, and how far ahead.
//! Bank holidays and closures come from the council's calendar, so a slot never falls
//! on one. The slots themselves are worked out in `crate::appointments`.

use jiff::civil::Time;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bookable {
    /// The service's code, as in the catalogue.
    pub service: String,
    /// Where: the id of a `[[contact.visit]]` point.
    pub site: String,
    /// How long each appointment is.
    pub slot_minutes: i64,
    /// How many people can be seen at the same time (desks or advisers).
    #[serde(default = "one")]
    pub places: i64,
    /// How many days ahead residents may book, counting today.
    #[serde(default = "default_days_ahead")]
    pub days_ahead: i64,
    /// The shortest notice a booking needs, in minutes: no slot starting sooner is offered.
    #[serde(default = "default_notice")]
    pub notice_minutes: i64,
    /// Each weekday's sessions, as "09:00-12:00".
    #[serde(default)]
    pub monday: Vec<String>,
    #[serde(default)]
    pub tuesday: Vec<String>,
    #[serde(default)]
    pub wednesday: Vec<String>,
    #[serde(default)]
    pub thursday: Vec<String>,
    #[serde(default)]
    pub friday: Vec<String>,
    #[serde(default)]
    pub saturday: Vec<String>,
    #[serde(default)]
    pub sunday: Vec<String>,
}

fn one() -> i64 {
    1
}

fn default_days_ahead() -> i64 {
    28
}

fn default_notice() -> i64 {
    60
}

/// One session of a day: from and to, local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    pub from: Time,
    pub to: Time,
}

fn session(text: &str) -> Option<Session> {
    let (a, b) = text.trim().split_once('-')?;
    let from: Time = format!("{}:00", a.trim()).parse().ok()?;
    let to: Time = format!("{}:00", b.trim()).parse().ok()?;
    (from < to).then_some(Session { from, to })
}

impl Bookable {
    /// The sessions of a weekday (Monday is 1), in order.
    pub fn sessions(&self, weekday: jiff::civil::Weekday) -> Vec<Session> {
        use jiff::civil::Weekday::{Friday, Monday, Saturday, Sunday, Thursday, Tuesday, Wednesday};
        let texts = match weekday {
            Monday => &self.monday,
            Tuesday => &self.tuesday,
            Wednesday => &self.wednesday,
            Thursday => &self.thursday,
            Friday => &self.friday,
            Saturday => &self.saturday,
            Sunday => &self.sunday,
        };
        let mut out: Vec<Session> = texts.iter().filter_map(|t| session(t)).collect();
        out.sort_by_key(|s| s.from);
        out
    }

    /// What is wrong with it, one line per problem; `sites` are the visiting points' ids.
    pub fn problems(&self, index: usize, sites: &[String]) -> Vec<String> {
        let label = format!("appointments {} ({:?})", index + 1, self.service);
        let mut problems = Vec::new();
        if self.service.trim().is_empty() {
            problems.push(format!("{label}: give the service's code"));
        }
        if !sites.contains(&self.site) {
            problems.push(format!(
                "{label}: there is no visiting point with the id {:?}; use one of {}",
                self.site,
                sites.join(", ")
            ));
        }
        if !(5..=480).contains(&self.slot_minutes) {
            problems.push(format!("{label}: slot_minutes must be from 5 to 480"));
        }
        if !(1..=50).contains(&self.places) {
            problems.push(format!("{label}: places must be from 1 to 50"));
        }
        if !(1..=366).contains(&self.days_ahead) {
            problems.push(format!("{label}: days_ahead must be from 1 to 366"));
        }
        if !(0..=10_080).contains(&self.notice_minutes) {
            problems.push(format!("{label}: notice_minutes must be from 0 to 10080 (a week)"));
        }
        let days = [
            ("monday", &self.monday),
            ("tuesday", &self.tuesday),
            ("wednesday", &self.wednesday),
            ("thursday", &self.thursday),
            ("friday", &self.friday),
            ("saturday", &self.saturday),
            ("sunday", &self.sunday),
        ];
        for (day, texts) in days {
            for text in texts {
                if session(text).is_none() {
                    problems.push(format!("{label}: {day} {text:?} is not a session like \"09:00-12:30\""));
                }
            }
        }
        if days.iter().all(|(_, t)| t.is_empty()) {
            problems.push(format!("{label}: give at least one weekday's sessions, like monday = [\"09:00-12:00\"]"));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use crate::standards::Policy;

    #[test]
    fn sessions_are_read_and_bad_ones_named() {
        let policy = Policy::default_policy();
        let advice = policy.bookable("ctax-advice").expect("the default policy has council tax advice");
        let monday = advice.sessions(jiff::civil::Weekday::Monday);
        assert_eq!(monday[0].from, jiff::civil::time(9, 30, 0, 0));
        let text = crate::standards::DEFAULT_POLICY.replacen("\"09:30-12:30\"", "\"9.30 to noon\"", 1).replacen(
            "site = \"town-hall\"",
            "site = \"nowhere\"",
            1,
        );
        let err = Policy::parse(&text).unwrap_err().to_string();
        assert!(err.contains("monday \"9.30 to noon\" is not a session like \"09:00-12:30\""), "{err}");
        assert!(err.contains("there is no visiting point with the id \"nowhere\""), "{err}");
    }
}
