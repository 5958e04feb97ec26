//! The services catalogue: what a resident can ask for, and which team owns it.

pub mod db;
pub mod fields;

pub use fields::{Answer, Choice, Field, FieldKind};

use crate::cases::CaseType;

#[derive(Debug, Clone)]
pub struct Service {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub group_name: String,
    pub description: String,
    pub keywords: String,
    pub case_type: CaseType,
    pub team_id: i64,
    pub partner_id: Option<i64>,
    /// Whether the form asks where the problem is.
    pub asks_location: bool,
}

/// Services under one heading, for the public list.
#[derive(Debug, Clone)]
pub struct ServiceGroup {
    pub name: String,
    pub services: Vec<Service>,
}

/// Groups services, keeping the order they came in (by group, then name).
/// The services whose name, description, keywords or group hold every word typed
/// (any case, any order), best first: those with a word in the name before the rest.
pub fn search(services: Vec<Service>, typed: &str) -> Vec<Service> {
    let words: Vec<String> =
        typed.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(bool, Service)> = services
        .into_iter()
        .filter_map(|s| {
            let text = format!("{} {} {} {}", s.name, s.description, s.keywords, s.group_name).to_lowercase();
            let name = s.name.to_lowercase();
            words
                .iter()
                .all(|w| text.contains(w.as_str()))
                .then(|| (words.iter().any(|w| name.contains(w.as_str())), s))
        })
        .collect();
    found.sort_by_key(|(in_name, _)| !in_name);
    found.into_iter().map(|(_, s)| s).collect()
}

pub fn group(services: Vec<Service>) -> Vec<ServiceGroup> {
    let mut groups: Vec<ServiceGroup> = Vec::new();
    for service in services {
        match groups.last_mut() {
            Some(last) if last.name == service.group_name => last.services.push(service),
            _ => groups.push(ServiceGroup { name: service.group_name.clone(), services: vec![service] }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(code: &str, name: &str, keywords: &str) -> Service {
        Service {
            id: 1,
            code: code.into(),
            name: name.into(),
            group_name: "Bins, waste and recycling".into(),
            description: "Tell us and we will come back.".into(),
            keywords: keywords.into(),
            case_type: CaseType::ServiceRequest,
            team_id: 1,
            partner_id: None,
            asks_location: true,
        }
    }

    #[test]
    fn search_needs_every_word_and_puts_names_first() {
        let all = vec![
            service("bulky", "Book a bulky waste collection", "sofa fridge"),
            service("missed-bin", "Report a missed bin", "rubbish recycling"),
        ];
        let codes = |found: Vec<Service>| found.into_iter().map(|s| s.code).collect::<Vec<_>>();
        assert_eq!(codes(search(all.clone(), "FRIDGE")), ["bulky"]);
        assert_eq!(codes(search(all.clone(), "missed recycling")), ["missed-bin"]);
        assert_eq!(codes(search(all.clone(), "bin")), ["missed-bin", "bulky"], "in one name, and in the other's group");
        assert!(search(all.clone(), "parking").is_empty());
        assert!(search(all, "  ,. ").is_empty());
    }
}
