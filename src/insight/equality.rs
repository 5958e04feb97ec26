//! Optional equality monitoring on the web forms: the usual ONS categories, every
//! question optional with "prefer not to say". Answers are never kept with the case or
//! the person: each is only added to a count (`Metric::Equality`, keyed
//! `question:answer`) in the case's transaction, and reported with counts under 5
//! suppressed.

use sqlx::AnyConnection;

use crate::forms::FieldError;
use crate::rollups::{self, Delta, Metric};
use crate::standards::Rules;

/// The questions, each with its field name and its answers' codes. The words are in the
/// translations (`eq-{question}` and `eq-{question}-{answer}`).
pub const QUESTIONS: &[(&str, &[&str])] = &[
    ("age", &["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-plus", "under-16", "prefer-not"]),
    ("sex", &["female", "male", "prefer-not"]),
    ("ethnicity", &["asian", "black", "mixed", "white", "other", "prefer-not"]),
    ("disability", &["yes-a-lot", "yes-a-little", "no", "prefer-not"]),
];

/// The field a question is posted as.
pub fn field(question: &str) -> String {
    format!("eq-{question}")
}

/// The answers given, from everything posted: unanswered questions are left out, and
/// an answer not on the list is refused, naming its field.
pub fn read(pairs: &[(String, String)]) -> Result<Vec<(&'static str, &'static str)>, Vec<FieldError>> {
    let mut answers = Vec::new();
    let mut errors = Vec::new();
    for (question, codes) in QUESTIONS {
        let name = field(question);
        let Some((_, given)) = pairs.iter().find(|(k, v)| *k == name && !v.trim().is_empty()) else { continue };
        match codes.iter().find(|c| **c == given.trim()) {
            Some(code) => answers.push((*question, *code)),
            None => errors.push(
                FieldError::new(name, "Choose one of the answers, or leave the question out")
                    .with_text("error-equality", vec![]),
            ),
        }
    }
    if errors.is_empty() { Ok(answers) } else { Err(errors) }
}

/// Adds the answers to the counts, in the caller's transaction.
pub async fn count(
    conn: &mut AnyConnection,
    rules: &Rules,
    service_id: i64,
    answers: &[(&str, &str)],
    now: i64,
) -> Result<(), sqlx::Error> {
    if answers.is_empty() {
        return Ok(());
    }
    let day = rules.calendars.council.local_date(rollups::ts(now));
    let deltas: Vec<Delta> = answers
        .iter()
        .map(|(q, a)| Delta { day, service_id, metric: Metric::Equality, key: format!("{q}:{a}"), value: 1 })
        .collect();
    rollups::db::add(conn, &deltas).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn every_question_is_optional_and_a_strange_answer_is_refused() {
        assert_eq!(read(&pairs(&[("description", "x")])).unwrap(), vec![]);
        assert_eq!(read(&pairs(&[("eq-age", "25-34"), ("eq-sex", "")])).unwrap(), vec![("age", "25-34")]);
        let refused = read(&pairs(&[("eq-ethnicity", "martian")])).unwrap_err();
        assert_eq!(refused[0].field, "eq-ethnicity");
        assert!(QUESTIONS.iter().all(|(_, answers)| answers.contains(&"prefer-not")));
    }
}
