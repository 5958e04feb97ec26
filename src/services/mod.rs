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

/// Words that say nothing about which service is meant: every service is a "report" of a
/// "problem" to the "council", and the little words join the others.
const STOP_WORDS: &[&str] = &[
    "a", "about", "an", "and", "any", "at", "be", "been", "can", "council", "do", "for", "from", "get", "has", "have",
    "how", "i", "in", "is", "it", "its", "me", "my", "need", "no", "not", "of", "on", "or", "our", "please", "problem",
    "report", "the", "there", "this", "to", "want", "was", "we", "with", "you", "your",
];

/// How much a word found in each part of a service counts: its name and the keywords
/// administrators add for it most, its group and description least.
const WEIGHTS: [(Part, u32); 4] = [(Part::Name, 4), (Part::Keywords, 4), (Part::Group, 1), (Part::Description, 1)];

#[derive(Debug, Clone, Copy)]
enum Part {
    Name,
    Keywords,
    Group,
    Description,
}

/// A text's words in lower case, as they were typed (`fly-tipping` is `fly` and `tipping`).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// What a text is searched by: the stem of each word that is not a stop word
/// ("potholes" and "pothole" are both `pothol`), and each two words side by side joined
/// (so "street light" is also `streetlight`, and "fly-tipping" `flytip`).
fn terms(stemmer: &rust_stemmers::Stemmer, text: &str) -> Vec<String> {
    let words = words(text);
    let mut terms: Vec<String> =
        words.iter().filter(|w| !STOP_WORDS.contains(&w.as_str())).map(|w| stemmer.stem(w).into_owned()).collect();
    for pair in words.windows(2) {
        if !STOP_WORDS.contains(&pair[0].as_str()) && !STOP_WORDS.contains(&pair[1].as_str()) {
            terms.push(stemmer.stem(&format!("{}{}", pair[0], pair[1])).into_owned());
        }
    }
    terms
}

/// How well one typed term matches one of a service's: 4 the same stem, 3 the start of
/// a longer word (typing still going on), 2 one letter out (two in a long word), else 0.
fn closeness(typed: &str, known: &str) -> u32 {
    if typed == known {
        return 4;
    }
    let (t, k) = (typed.chars().count(), known.chars().count());
    if t >= 4 && k > t && known.starts_with(typed) {
        return 3;
    }
    let allowed = if t >= 8 { 2 } else { 1 };
    if t >= 5 && k >= 5 && strsim::damerau_levenshtein(typed, known) <= allowed { 2 } else { 0 }
}

/// The services that match what a resident typed, best first. Forgiving, as people type:
/// any word may match (not every one), words match by stem ("potholes" finds "pothole"),
/// joined or split words match ("streetlight", "street light"), a letter wrong or
/// swapped in a word of five letters or more still matches, and a word being typed
/// matches the start of one. A service ranks by the typed words it matches (more first),
/// then by how well and where: in its name or keywords above its group or description.
pub fn search(services: Vec<Service>, typed: &str) -> Vec<Service> {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let wanted = terms(&stemmer, typed);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(usize, u32, usize, Service)> = services
        .into_iter()
        .enumerate()
        .filter_map(|(order, s)| {
            let parts: Vec<(u32, Vec<String>)> = WEIGHTS
                .iter()
                .map(|(part, weight)| {
                    let text = match part {
                        Part::Name => &s.name,
                        Part::Keywords => &s.keywords,
                        Part::Group => &s.group_name,
                        Part::Description => &s.description,
                    };
                    (*weight, terms(&stemmer, text))
                })
                .collect();
            let mut matched = 0;
            let mut score = 0;
            for want in &wanted {
                let best = parts
                    .iter()
                    .flat_map(|(weight, known)| known.iter().map(move |k| weight * closeness(want, k)))
                    .max()
                    .unwrap_or(0);
                if best > 0 {
                    matched += 1;
                    score += best;
                }
            }
            (matched > 0).then_some((matched, score, order, s))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    found.into_iter().map(|(_, _, _, s)| s).collect()
}

/// Groups services, keeping the order they came in (by group, then name).
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
    fn search_puts_names_first_and_finds_nothing_for_nothing() {
        let all = vec![
            service("bulky", "Book a bulky waste collection", "sofa fridge"),
            service("missed-bin", "Report a missed bin", "rubbish recycling"),
        ];
        let codes = |found: Vec<Service>| found.into_iter().map(|s| s.code).collect::<Vec<_>>();
        assert_eq!(codes(search(all.clone(), "FRIDGE")), ["bulky"]);
        // Any word may match; the one matching both comes first.
        assert_eq!(codes(search(all.clone(), "missed recycling")), ["missed-bin", "bulky"]);
        assert_eq!(codes(search(all.clone(), "bin")), ["missed-bin", "bulky"], "in one name, and in the other's group");
        assert!(search(all.clone(), "parking").is_empty());
        assert!(search(all.clone(), "report a problem").is_empty(), "stop words alone find nothing");
        assert!(search(all, "  ,. ").is_empty());
    }

    #[test]
    fn search_forgives_plurals_joined_words_misspellings_and_extra_words() {
        let mut all = vec![
            service("missed-bin", "Report a missed bin collection", "rubbish recycling not emptied"),
            service("new-bin", "Order a new or replacement bin", "wheelie bin"),
            service("bulky", "Book a bulky waste collection", "sofa fridge"),
            service("fly-tipping", "Report fly-tipping", "dumped rubbish"),
            service("streetlight", "Report a faulty street light", "lamp post"),
            service("pothole", "Report a pothole", "road surface"),
            service("council-tax", "Pay your council tax", "bill"),
        ];
        for s in &mut all {
            s.description = "Tell us about it.".into();
            s.group_name = "Services".into();
        }
        let first = |typed: &str| search(all.clone(), typed).first().map(|s| s.code.clone());
        for (typed, expected) in [
            ("streetlight", "streetlight"),
            ("street lights", "streetlight"),
            ("potholes", "pothole"),
            ("pot hole", "pothole"),
            ("bin not collected", "missed-bin"),
            ("my bin was not collected", "missed-bin"),
            ("flytipping", "fly-tipping"),
            ("fly tipping", "fly-tipping"),
            ("fly-tipped", "fly-tipping"),
            ("pothloe", "pothole"),
            ("strret light", "streetlight"),
            ("counci tax", "council-tax"),
            ("pothol", "pothole"),
        ] {
            assert_eq!(first(typed).as_deref(), Some(expected), "{typed:?}");
        }
        assert!(search(all, "zzzz").is_empty());
    }
}
