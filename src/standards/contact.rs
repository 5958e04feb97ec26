//! How to reach the council, published with the standards in the policy file's
//! `[contact]` section: phone lines with their hours and menu, the email address,
//! visiting points, where to write, and which service a callback request is. The
//! contact us page lists all of it. Every phone line must say how to reach an adviser
//! for anything its menu does not list: "impossible to contact the council" often
//! starts with a phone menu that has no "other" option.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// A call that hung up within this many seconds of joining the queue is a short
    /// abandon: it counts in neither side of the phone standard's service level.
    #[serde(default = "default_short_abandon")]
    pub short_abandon_seconds: i64,
}

fn default_short_abandon() -> i64 {
    5
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneLine {
    /// The line's short name in addresses, such as `/api/v1/lines/council-tax/wait`:
    /// lower-case letters, digits and hyphens. Made from the name when not given.
    #[serde(default)]
    pub id: String,
    pub name: String,
    pub number: String,
    pub hours: String,
    /// The telephone system's queues behind the line, as its call records name them.
    /// A line with none is not measured (an out-of-hours line answered elsewhere).
    #[serde(default)]
    pub queues: Vec<String>,
    /// The codes of the services the line deals with, whose online forms are offered
    /// beside its wait as another way to get the same thing done.
    #[serde(default)]
    pub services: Vec<String>,
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
    /// The point's short name, as appointments and the reception queue name it:
    /// lower-case letters, digits and hyphens. Made from the name when not given.
    #[serde(default)]
    pub id: String,
    pub name: String,
    pub address: String,
    pub hours: String,
    #[serde(default)]
    pub notes: String,
}

impl Default for Contact {
    fn default() -> Self {
        Contact {
            email: String::new(),
            post: String::new(),
            callback_service: String::new(),
            phone: Vec::new(),
            visit: Vec::new(),
            short_abandon_seconds: default_short_abandon(),
        }
    }
}

/// An id as given, or made from a name: "Council tax" is `council-tax`.
fn slug(id: &str, name: &str) -> String {
    let source = if id.trim().is_empty() { name } else { id };
    let mut out = String::new();
    for c in source.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

impl PhoneLine {
    /// The line's id as given, or made from its name: "Council tax" is `council-tax`.
    pub fn id(&self) -> String {
        slug(&self.id, &self.name)
    }
}

impl VisitPoint {
    /// The point's id as given, or made from its name.
    pub fn id(&self) -> String {
        slug(&self.id, &self.name)
    }
}

impl Contact {
    /// The line with this id.
    pub fn line(&self, id: &str) -> Option<&PhoneLine> {
        self.phone.iter().find(|l| l.id() == id)
    }

    /// Where a visiting point is, in words for a letter: "Customer service centre, Town
    /// Hall, 1 Market Square..."; empty for an id no point has.
    pub fn place(&self, id: &str) -> String {
        self.site(id).map(|p| format!("{}, {}", p.name, p.address)).unwrap_or_default()
    }

    /// The visiting point with this id.
    pub fn site(&self, id: &str) -> Option<&VisitPoint> {
        self.visit.iter().find(|p| p.id() == id)
    }

    /// The line a queue is behind.
    pub fn line_of_queue(&self, queue: &str) -> Option<&PhoneLine> {
        self.phone.iter().find(|l| l.queues.iter().any(|q| q == queue))
    }

    /// What is wrong with it, one line per problem.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut ids: Vec<String> = Vec::new();
        let mut queues: Vec<&str> = Vec::new();
        if !(0..=120).contains(&self.short_abandon_seconds) {
            problems.push("contact.short_abandon_seconds: give a number of seconds from 0 to 120".into());
        }
        for (i, line) in self.phone.iter().enumerate() {
            let label = format!("contact.phone {} ({:?})", i + 1, line.name);
            let id = line.id();
            if !line.id.trim().is_empty() && line.id != id {
                problems.push(format!("{label}: the id may hold only lower-case letters, digits and hyphens"));
            } else if ids.contains(&id) {
                problems.push(format!("{label}: the id {id:?} is used by another line; give each line its own id"));
            }
            ids.push(id);
            for queue in &line.queues {
                if queue.trim().is_empty() {
                    problems.push(format!("{label}: a queue name is empty"));
                } else if queues.contains(&queue.as_str()) {
                    problems.push(format!("{label}: the queue {queue:?} is behind another line too"));
                }
                queues.push(queue);
            }
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
        let mut sites: Vec<String> = Vec::new();
        for (i, point) in self.visit.iter().enumerate() {
            let label = format!("contact.visit {} ({:?})", i + 1, point.name);
            let id = point.id();
            if !point.id.trim().is_empty() && point.id != id {
                problems.push(format!("{label}: the id may hold only lower-case letters, digits and hyphens"));
            } else if sites.contains(&id) {
                problems.push(format!("{label}: the id {id:?} is used by another visiting point"));
            }
            sites.push(id);
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
                "contact.phone 5 (\"Emergencies out of hours\"): every line needs a way to speak to an adviser"
            ),
            "{err}"
        );
        let default = Policy::default_policy();
        assert_eq!(default.contact.phone.len(), 5);
        assert!(default.contact.phone.iter().all(|line| !line.adviser.trim().is_empty()));
    }

    #[test]
    fn line_ids_and_queues_are_each_lines_own() {
        let text = crate::standards::DEFAULT_POLICY
            .replacen("id = \"benefits\"", "id = \"council-tax\"", 1)
            .replacen("queues = [\"repairs\"]", "queues = [\"general\"]", 1)
            .replacen("id = \"general\"", "id = \"General Enquiries\"", 1);
        let err = Policy::parse(&text).unwrap_err().to_string();
        for problem in [
            "contact.phone 1 (\"General enquiries\"): the id may hold only lower-case letters, digits and hyphens",
            "contact.phone 3 (\"Housing repairs\"): the queue \"general\" is behind another line too",
            "contact.phone 4 (\"Benefits\"): the id \"council-tax\" is used by another line",
        ] {
            assert!(err.contains(problem), "{problem} in {err}");
        }
        // Without an id, a line's id is made from its name.
        let default = Policy::default_policy();
        let mut line = default.contact.phone[0].clone();
        line.id = String::new();
        line.name = "Council Tax & Benefits".into();
        assert_eq!(line.id(), "council-tax-benefits");
        assert_eq!(default.contact.line("housing-repairs").map(|l| l.queues.clone()), Some(vec!["repairs".to_owned()]));
        assert_eq!(default.contact.line_of_queue("benefits").map(super::PhoneLine::id), Some("benefits".to_owned()));
    }
}
