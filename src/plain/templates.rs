//! Reply templates: named starting points for replies, managed by administrators.

pub const NAME_MAX: usize = 100;
pub const BODY_MAX: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub id: i64,
    pub name: String,
    pub body: String,
    pub active: bool,
}

/// The template's text for one case: {name}, {reference} and {service} filled in.
pub fn fill(body: &str, name: &str, reference: &str, service: &str) -> String {
    body.replace("{name}", name).replace("{reference}", reference).replace("{service}", service)
}

pub use super::db::{SaveError, get, list, save};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_is_filled_for_its_case() {
        let body = "Dear {name}, about {reference} ({service}): done.";
        assert_eq!(fill(body, "Jo", "KMB-4K7-9QX", "Bins"), "Dear Jo, about KMB-4K7-9QX (Bins): done.");
    }
}
