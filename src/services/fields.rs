//! A service's own questions, beyond what every form asks (what, where, who): "Which
//! bin?", "When was it due?". They are data, so an administrator can change them, and the
//! Open311 service definition is built from them. [`check`] reads and checks the answers
//! a form sent, naming each field that is wrong.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::db::vocabulary::vocabulary;
use crate::forms::{Checker, FieldError};

/// The longest text answer.
pub const ANSWER_MAX: usize = 500;

vocabulary! {
    /// What kind of answer a question takes.
    FieldKind {
        Text = "text", "Text";
        Number = "number", "Number";
        Date = "date", "Date";
        Single = "single", "One choice";
        Multiple = "multiple", "Any number of choices";
    }
}

/// One choice in a single or multiple choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub key: String,
    pub name: String,
}

/// One question.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub code: String,
    pub label: String,
    pub hint: String,
    pub kind: FieldKind,
    pub required: bool,
    pub choices: Vec<Choice>,
}

impl Field {
    /// The form field's name: `answer-CODE` (a date adds `-day`, `-month`, `-year`).
    pub fn name(&self) -> String {
        format!("answer-{}", self.code)
    }

    /// A date question's answer as the form's three fields, for a system that sends the
    /// date whole.
    pub fn date_answers(&self, date: jiff::civil::Date) -> [(String, String); 3] {
        let name = self.name();
        [
            (format!("{name}-day"), date.day().to_string()),
            (format!("{name}-month"), date.month().to_string()),
            (format!("{name}-year"), date.year().to_string()),
        ]
    }
}

/// A checked answer, ready to store with the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub code: String,
    pub label: String,
    /// Text, a number, a date as YYYY-MM-DD, or choice keys joined by commas.
    pub value: String,
    /// In words, for people.
    pub shown: String,
}

impl Answer {
    /// The id of the question on the form (a date's group, a choice's first box).
    pub fn field_name(&self) -> String {
        format!("answer-{}", self.code)
    }
}

/// Every value the form sent under `name`, trimmed, blanks left out.
fn values<'a>(raw: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    raw.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
}

fn first(raw: &[(String, String)], name: &str) -> Option<String> {
    values(raw, name).next().map(str::to_owned)
}

/// Reads and checks the answers to `fields` from a form's name-value pairs. Unanswered
/// optional questions are left out. Every problem is reported, by field, in order.
pub fn check(fields: &[Field], raw: &[(String, String)]) -> Result<Vec<Answer>, Vec<FieldError>> {
    let mut c = Checker::default();
    let mut answers = Vec::new();
    for field in fields {
        let name = field.name();
        let answer = match field.kind {
            FieldKind::Text => {
                let value = first(raw, &name).unwrap_or_default();
                if value.is_empty() {
                    missing(&mut c, field, name);
                    None
                } else {
                    c.text(name, &format!("the answer to \"{}\"", field.label), &value, ANSWER_MAX, false)
                        .map(|v| (v.clone(), v))
                }
            }
            FieldKind::Number => match first(raw, &name) {
                None => {
                    missing(&mut c, field, name);
                    None
                }
                Some(value) => match number(&value) {
                    Some(n) => Some((n.clone(), n)),
                    None => {
                        c.fail_t(
                            name,
                            format!("Enter a number for \"{}\", like 3 or 2.5", field.label),
                            "error-field-number",
                            vec![("label", field.label.clone())],
                        );
                        None
                    }
                },
            },
            FieldKind::Date => date(&mut c, field, raw),
            FieldKind::Single | FieldKind::Multiple => {
                let picked: Vec<String> = values(raw, &name).map(str::to_owned).collect();
                let chosen: Vec<&Choice> = field.choices.iter().filter(|choice| picked.contains(&choice.key)).collect();
                let unknown = picked.iter().any(|p| !field.choices.iter().any(|choice| choice.key == *p));
                if unknown || (field.kind == FieldKind::Single && picked.len() > 1) {
                    c.fail_t(
                        name,
                        format!("Choose from the answers listed for \"{}\"", field.label),
                        "error-field-listed",
                        vec![("label", field.label.clone())],
                    );
                    None
                } else if chosen.is_empty() {
                    missing(&mut c, field, name);
                    None
                } else {
                    let value = chosen.iter().map(|choice| choice.key.as_str()).collect::<Vec<_>>().join(",");
                    let shown = chosen.iter().map(|choice| choice.name.as_str()).collect::<Vec<_>>().join(", ");
                    Some((value, shown))
                }
            }
        };
        if let Some((value, shown)) = answer {
            answers.push(Answer { code: field.code.clone(), label: field.label.clone(), value, shown });
        }
    }
    if c.errors.is_empty() { Ok(answers) } else { Err(c.errors) }
}

fn missing(c: &mut Checker, field: &Field, name: impl Into<Cow<'static, str>>) {
    if field.required {
        let choose = matches!(field.kind, FieldKind::Single | FieldKind::Multiple);
        let (verb, id) = if choose { ("Choose", "error-field-choose") } else { ("Enter", "error-field-enter") };
        c.fail_t(name, format!("{verb} an answer to \"{}\"", field.label), id, vec![("label", field.label.clone())]);
    }
}

/// "1,250" or "2.5" as written without the commas; `None` if it is not a number.
fn number(value: &str) -> Option<String> {
    let plain: String = value.chars().filter(|ch| *ch != ',').collect();
    let ok = plain.parse::<f64>().is_ok_and(f64::is_finite)
        && plain.chars().all(|ch| ch.is_ascii_digit() || ch == '.' || ch == '-')
        && plain.len() <= 20;
    ok.then_some(plain)
}

/// The GOV.UK date pattern: three boxes, day, month and year.
fn date(c: &mut Checker, field: &Field, raw: &[(String, String)]) -> Option<(String, String)> {
    let name = field.name();
    let part = |p: &str| values(raw, &format!("{name}-{p}")).next().map(str::to_owned);
    let (day, month, year) = (part("day"), part("month"), part("year"));
    if day.is_none() && month.is_none() && year.is_none() {
        missing(c, field, format!("{name}-day"));
        return None;
    }
    let gaps: Vec<&str> = [("day", &day), ("month", &month), ("year", &year)]
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(p, _)| *p)
        .collect();
    if let Some(first) = gaps.first() {
        c.fail_t(
            format!("{name}-{first}"),
            format!("\"{}\" must include a {}", field.label, gaps.join(" and a ")),
            "error-field-date-missing",
            vec![("label", field.label.clone())],
        );
        return None;
    }
    let read = |v: &Option<String>| v.as_deref().and_then(|v| v.parse::<i16>().ok());
    let real = match (read(&day), read(&month), read(&year)) {
        (Some(d), Some(m), Some(y)) if (1000..=9999).contains(&y) => {
            i8::try_from(d).ok().zip(i8::try_from(m).ok()).and_then(|(d, m)| jiff::civil::Date::new(y, m, d).ok())
        }
        _ => None,
    };
    match real {
        Some(date) => Some((date.to_string(), date.strftime("%-d %B %Y").to_string())),
        None => {
            c.fail_t(
                format!("{name}-day"),
                format!("\"{}\" must be a real date, like 27 3 2026", field.label),
                "error-field-date-real",
                vec![("label", field.label.clone())],
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn field(code: &str, kind: FieldKind, required: bool) -> Field {
        let choices = vec![
            Choice { key: "green".into(), name: "Green bin".into() },
            Choice { key: "black".into(), name: "Black bin".into() },
        ];
        Field { code: code.into(), label: format!("Question {code}"), hint: String::new(), kind, required, choices }
    }

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn each_kind_of_answer_is_read_and_shown_in_words() {
        let fields = [
            field("a", FieldKind::Text, true),
            field("b", FieldKind::Number, true),
            field("c", FieldKind::Date, true),
            field("d", FieldKind::Single, true),
            field("e", FieldKind::Multiple, true),
            field("f", FieldKind::Text, false),
        ];
        let raw = form(&[
            ("answer-a", " by the gate "),
            ("answer-b", "1,250"),
            ("answer-c-day", "29"),
            ("answer-c-month", "2"),
            ("answer-c-year", "2028"),
            ("answer-d", "black"),
            ("answer-e", "green"),
            ("answer-e", "black"),
        ]);
        let answers = check(&fields, &raw).expect("valid");
        let got: Vec<(&str, &str)> = answers.iter().map(|a| (a.value.as_str(), a.shown.as_str())).collect();
        assert_eq!(
            got,
            [
                ("by the gate", "by the gate"),
                ("1250", "1250"),
                ("2028-02-29", "29 February 2028"),
                ("black", "Black bin"),
                ("green,black", "Green bin, Black bin"),
            ]
        );
    }

    #[test]
    fn wrong_answers_name_their_field() {
        let fields = [
            field("a", FieldKind::Text, true),
            field("b", FieldKind::Number, false),
            field("c", FieldKind::Date, false),
            field("d", FieldKind::Single, false),
            field("e", FieldKind::Date, false),
        ];
        let raw = form(&[
            ("answer-b", "three"),
            ("answer-c-day", "31"),
            ("answer-c-month", "2"),
            ("answer-c-year", "2026"),
            ("answer-d", "purple"),
            ("answer-e-day", "3"),
        ]);
        let errors = check(&fields, &raw).expect_err("invalid");
        let got: Vec<(&str, &str)> = errors.iter().map(|e| (&*e.field, e.message.as_str())).collect();
        assert_eq!(
            got,
            [
                ("answer-a", "Enter an answer to \"Question a\""),
                ("answer-b", "Enter a number for \"Question b\", like 3 or 2.5"),
                ("answer-c-day", "\"Question c\" must be a real date, like 27 3 2026"),
                ("answer-d", "Choose from the answers listed for \"Question d\""),
                ("answer-e-month", "\"Question e\" must include a month and a year"),
            ]
        );
    }

    proptest! {
        #[test]
        fn any_form_is_answered_or_refused_by_field_never_a_panic(
            pairs in proptest::collection::vec(("answer-[a-e](-day|-month|-year)?", any::<String>()), 0..12),
        ) {
            let fields = [
                field("a", FieldKind::Text, true),
                field("b", FieldKind::Number, false),
                field("c", FieldKind::Date, true),
                field("d", FieldKind::Single, false),
                field("e", FieldKind::Multiple, true),
            ];
            match check(&fields, &pairs) {
                Ok(answers) => prop_assert!(answers.len() >= 3),
                Err(errors) => {
                    for e in errors {
                        prop_assert!(e.field.starts_with("answer-"), "{}", e.field);
                        prop_assert!(!e.message.is_empty());
                    }
                }
            }
        }
    }
}

/// A new question as an administrator typed it, checked. Choices are one a line, as
/// `key: name` or just the name (the key is then made from it). Errors name the field.
pub fn new_field(
    code: &str,
    label: &str,
    hint: &str,
    kind: &str,
    required: bool,
    choices: &str,
) -> Result<Field, Vec<FieldError>> {
    let mut c = Checker::default();
    let code = code.trim().to_lowercase();
    let code_ok = !code.is_empty()
        && code.len() <= 40
        && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && code.as_bytes()[0].is_ascii_lowercase();
    if !code_ok {
        c.fail("field-code", "Enter a short name for the answer, in small letters, digits and _, like bin_type");
    }
    let label = c.text("field-label", "the question", label, 200, true);
    let hint = c.text("field-hint", "the hint", hint, 500, false).unwrap_or_default();
    let kind = FieldKind::parse(kind);
    if kind.is_none() {
        c.fail("field-kind", "Choose the kind of answer");
    }
    let choices: Vec<Choice> = choices
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| match line.split_once(':') {
            Some((key, name)) => Choice { key: slug(key), name: name.trim().to_owned() },
            None => Choice { key: slug(line), name: line.to_owned() },
        })
        .collect();
    let wants_choices = matches!(kind, Some(FieldKind::Single | FieldKind::Multiple));
    if wants_choices && choices.len() < 2 {
        c.fail("field-choices", "Give at least two choices, one a line");
    }
    let mut keys: Vec<&str> = choices.iter().map(|ch| ch.key.as_str()).collect();
    keys.sort_unstable();
    if keys.windows(2).any(|w| w[0] == w[1]) || keys.iter().any(|k| k.is_empty()) {
        c.fail("field-choices", "Give each choice a different name");
    }
    match (c.errors.is_empty(), label, kind) {
        (true, Some(label), Some(kind)) => {
            Ok(Field { code, label, hint, kind, required, choices: if wants_choices { choices } else { Vec::new() } })
        }
        _ => Err(c.errors),
    }
}

/// "Green bin (garden waste)" → "green_bin_garden_waste".
fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.trim().to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('_') && !slug.is_empty() {
            slug.push('_');
        }
    }
    slug.trim_end_matches('_').chars().take(40).collect()
}

#[cfg(test)]
mod new_field_tests {
    use super::*;

    #[test]
    fn a_question_is_made_from_what_an_administrator_typed() {
        let field =
            new_field("bin_type", "Which bin?", "", "single", true, "black: Black bin\nGreen bin (garden)\n").unwrap();
        assert_eq!(field.kind, FieldKind::Single);
        assert_eq!(field.choices[0], Choice { key: "black".into(), name: "Black bin".into() });
        assert_eq!(field.choices[1], Choice { key: "green_bin_garden".into(), name: "Green bin (garden)".into() });
        let text = new_field("notes", "Anything else?", "", "text", false, "ignored").unwrap();
        assert!(text.choices.is_empty());
    }

    #[test]
    fn each_problem_names_its_field() {
        let errors = new_field("Bin Type", "", "", "colour", false, "").unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| &*e.field).collect();
        assert_eq!(fields, vec!["field-code", "field-label", "field-kind"]);
        let errors = new_field("bin", "Which?", "", "multiple", false, "One\none").unwrap_err();
        assert_eq!(errors[0].message, "Give each choice a different name");
        let errors = new_field("bin", "Which?", "", "single", false, "Only one").unwrap_err();
        assert_eq!(errors[0].message, "Give at least two choices, one a line");
    }
}
