//! The plain-English check a reply gets before it is sent: long sentences, the passive
//! voice, and words from a jargon list, each with a suggestion. It advises; the officer
//! decides. Pure and property-tested.
//!
//! The list follows the GOV.UK style guide's "words to avoid" and the Plain English
//! Campaign's A to Z of alternative words.

mod db;
pub mod templates;

/// A sentence longer than this many words is flagged (GOV.UK: aim for 25 or fewer).
pub const LONG_SENTENCE_WORDS: usize = 25;

/// Phrases to avoid, lower case, and what to write instead.
pub const JARGON: &[(&str, &str)] = &[
    ("in receipt of", "have or got"),
    ("in order to", "to"),
    ("with regard to", "about"),
    ("with reference to", "about"),
    ("in relation to", "about"),
    ("in the event of", "if"),
    ("at this moment in time", "now"),
    ("at the present time", "now"),
    ("prior to", "before"),
    ("subsequent to", "after"),
    ("please be advised", "leave it out"),
    ("going forward", "from now on, or leave it out"),
    ("utilise", "use"),
    ("utilize", "use"),
    ("commence", "start"),
    ("facilitate", "help or make possible"),
    ("endeavour", "try"),
    ("forthwith", "now"),
    ("notwithstanding", "despite"),
    ("aforementioned", "this or that"),
    ("ascertain", "find out"),
    ("expedite", "speed up"),
    ("liaise", "work with or talk to"),
    ("deem", "think or decide"),
    ("obtain", "get"),
    ("require", "need"),
    ("sufficient", "enough"),
    ("additional", "more or extra"),
    ("assistance", "help"),
    ("whilst", "while"),
    ("thereafter", "then"),
    ("herewith", "with this, or leave it out"),
    ("hereby", "leave it out"),
    ("remit", "area or job"),
    ("leverage", "use"),
    ("dialogue", "talk or discussion"),
];

/// Helpers of the passive voice: "was" in "was collected".
const BE: &[&str] = &["am", "is", "are", "was", "were", "be", "been", "being"];
/// Past participles that do not end in -ed.
const IRREGULAR: &[&str] = &[
    "done", "seen", "taken", "given", "made", "sent", "told", "found", "known", "shown", "written", "paid", "held",
    "kept", "left", "brought", "put", "set", "sold", "built", "chosen", "spoken", "broken",
];

/// One thing the check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    /// What was found, quoted from the text.
    pub found: String,
    pub suggestion: String,
}

/// Everything the check finds in `text`, in order: long sentences, then the passive voice,
/// then jargon.
pub fn check(text: &str) -> Vec<Advice> {
    let mut advice = Vec::new();
    for sentence in sentences(text) {
        let words = sentence.split_whitespace().count();
        if words > LONG_SENTENCE_WORDS {
            advice.push(Advice {
                found: shorten(sentence),
                suggestion: format!(
                    "This sentence has {words} words. Split it: aim for {LONG_SENTENCE_WORDS} or fewer."
                ),
            });
        }
    }
    for sentence in sentences(text) {
        let words: Vec<String> = sentence.split_whitespace().map(bare).collect();
        for pair in words.windows(2) {
            if BE.contains(&pair[0].as_str()) && is_participle(&pair[1]) {
                advice.push(Advice {
                    found: format!("{} {}", pair[0], pair[1]),
                    suggestion: "Say who does it: \"we collected\", not \"it was collected\".".to_owned(),
                });
            }
        }
    }
    let lower = text.to_lowercase();
    for (phrase, instead) in JARGON {
        if contains_words(&lower, phrase) {
            advice.push(Advice { found: (*phrase).to_owned(), suggestion: format!("Try \"{instead}\".") });
        }
    }
    advice
}

/// Sentences: split after . ! or ? and at blank lines.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '!', '?', '\n']).map(str::trim).filter(|s| !s.is_empty())
}

/// A word without punctuation around it, lower case.
fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

fn is_participle(word: &str) -> bool {
    (word.len() > 4 && word.ends_with("ed") && !matches!(word, "need" | "indeed" | "seed" | "speed" | "bed"))
        || IRREGULAR.contains(&word)
}

/// Whether `phrase` appears as whole words in `text` (both lower case).
fn contains_words(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The first words of a long sentence, to point at it.
fn shorten(sentence: &str) -> String {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= 8 { words.join(" ") } else { format!("{}...", words[..8].join(" ")) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_short_active_text_passes() {
        assert_eq!(check("We will empty your bin on Thursday. Thank you for telling us."), vec![]);
    }

    #[test]
    fn jargon_is_found_as_whole_words_with_its_plain_alternative() {
        let found = check("We are in receipt of your email and will utilise it.");
        let phrases: Vec<&str> = found.iter().map(|a| a.found.as_str()).collect();
        assert_eq!(phrases, vec!["in receipt of", "utilise"]);
        assert_eq!(found[1].suggestion, "Try \"use\".");
        // "required" is not "require"; "remittance" is not "remit".
        assert_eq!(check("Your remittance arrived."), vec![]);
    }

    #[test]
    fn the_passive_voice_and_long_sentences_are_flagged() {
        let found = check("Your bin was collected.");
        assert_eq!(found[0].found, "was collected");
        let long = "We ".to_owned() + &"really ".repeat(30) + "care.";
        let found = check(&long);
        assert!(found[0].suggestion.starts_with("This sentence has 32 words."), "{found:?}");
        assert!(found[0].found.ends_with("..."));
    }

    proptest! {
        #[test]
        fn any_text_is_checked_without_a_panic(text in any::<String>()) {
            for advice in check(&text) {
                prop_assert!(!advice.suggestion.is_empty());
            }
        }
    }
}
