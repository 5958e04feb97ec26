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

/// The placeholders a template may use.
pub const PLACEHOLDERS: [&str; 3] = ["{name}", "{reference}", "{service}"];

/// Greetings a message already starts with: every message to a customer begins "Dear"
/// and their name, so a template that greets them too would greet them twice.
const GREETINGS: [&str; 5] = ["dear", "hello", "hi", "good morning", "good afternoon"];

/// What is wrong with a template's text, each as a sentence for the form: a greeting of
/// its own, and any placeholder that is not one of [`PLACEHOLDERS`] or is not closed.
/// Checked when the template is saved, so a broken one never reaches a customer.
pub fn problems(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let start = body.trim_start().to_lowercase();
    if let Some(greeting) = GREETINGS
        .iter()
        .find(|g| start.strip_prefix(**g).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',', '\n'])))
    {
        out.push(format!(
            "Take out the greeting (\"{}\"): every message already starts with \"Dear\" and the customer's name",
            upper_first(greeting)
        ));
    }
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        let after = &rest[open..];
        match after.find('}') {
            Some(close) if !after[1..close].contains('{') => {
                let placeholder = &after[..=close];
                if !PLACEHOLDERS.contains(&placeholder) {
                    out.push(format!(
                        "{placeholder} is not a placeholder we can fill in: use {{name}}, {{reference}} or {{service}}"
                    ));
                }
                rest = &after[close + 1..];
            }
            _ => {
                let shown: String = after.chars().take(20).collect();
                out.push(format!("A placeholder is not closed with }} at \"{shown}\""));
                rest = &after[1..];
            }
        }
    }
    if body.contains('}') && body.matches('}').count() > body.matches('{').count() {
        out.push("There is a } with no { before it: placeholders look like {name}".to_owned());
    }
    out
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

pub use super::db::{SaveError, get, list, save};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_greeting_of_its_own_and_a_broken_placeholder_are_refused() {
        assert!(problems("About {reference}: your {service} request is done.").is_empty());
        assert!(problems("Dear {name}, done.")[0].contains("Take out the greeting (\"Dear\")"));
        assert!(problems("hello, done.")[0].contains("(\"Hello\")"));
        assert!(problems("Hiring is done.").is_empty(), "a word that starts like a greeting is not one");
        assert_eq!(
            problems("About {refrence}."),
            ["{refrence} is not a placeholder we can fill in: use {name}, {reference} or {service}"]
        );
        assert!(problems("About {reference.")[0].contains("not closed"));
        assert!(problems("About reference}.")[0].contains("no {"));
    }

    #[test]
    fn a_template_is_filled_for_its_case() {
        let body = "Dear {name}, about {reference} ({service}): done.";
        assert_eq!(fill(body, "Jo", "KMB-4K7-9QX", "Bins"), "Dear Jo, about KMB-4K7-9QX (Bins): done.");
    }
}
