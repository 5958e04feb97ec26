//! How to reach the council, published with the standards in the policy file's
//! `[contact]` section: phone lines with their hours and menu, the email address,
//! visiting points, where to write, and which service a callback request is. The
//! contact us page lists all of it. Every phone line must say how to reach an adviser
//! for anything its menu does not list: "impossible to contact the council" often
//! starts with a phone menu that has no "other" option.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The address residents can email; new email becomes a case.
    #[serde(default)]
    pub email: String,
    /// Where letters go.
    #[serde(default)]
    pub post: String,
    /// The service code of a callback request.
    #[serde(default)]
    pub callback_service: String,
    #[serde(default)]
    pub phone: Vec<PhoneLine>,
    #[serde(default)]
    pub visit: Vec<VisitPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneLine {
    pub name: String,
    pub number: String,
    pub hours: String,
    /// What the line is for.
    #[serde(default)]
    pub covers: String,
    /// The menu, in order: "1 for council tax".
    #[serde(default)]
    pub options: Vec<String>,
    /// How to reach a person for anything else: "0 for anything else".
    pub adviser: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisitPoint {
    pub name: String,
    pub address: String,
    pub hours: String,
    #[serde(default)]
    pub notes: String,
}

impl Contact {
    /// What is wrong with it, one line per problem.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (i, line) in self.phone.iter().enumerate() {
            let label = format!("contact.phone {} ({:?})", i + 1, line.name);
            for (field, value) in [("name", &line.name), ("number", &line.number), ("hours", &line.hours)] {
                if value.trim().is_empty() {
                    problems.push(format!("{label}: give the {field}"));
                }
            }
            if line.adviser.trim().is_empty() {
                problems.push(format!(
                    "{label}: every line needs a way to speak to an adviser about anything else (adviser = \"0 for anything else\")"
                ));
            }
        }
        for (i, point) in self.visit.iter().enumerate() {
            let label = format!("contact.visit {} ({:?})", i + 1, point.name);
            for (field, value) in [("name", &point.name), ("address", &point.address), ("hours", &point.hours)] {
                if value.trim().is_empty() {
                    problems.push(format!("{label}: give the {field}"));
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use crate::standards::Policy;

    #[test]
    fn a_phone_line_without_a_way_to_an_adviser_is_refused() {
        let text = crate::standards::DEFAULT_POLICY.replacen(
            "adviser = \"Every call is answered by a person\"",
            "adviser = \" \"",
            1,
        );
        let err = Policy::parse(&text).unwrap_err().to_string();
        assert!(
            err.contains(
                "contact.phone 2 (\"Emergencies out of hours\"): every line needs a way to speak to an adviser"
            ),
            "{err}"
        );
        let default = Policy::default_policy();
        assert_eq!(default.contact.phone.len(), 2);
        assert!(default.contact.phone.iter().all(|line| !line.adviser.trim().is_empty()));
    }
}
