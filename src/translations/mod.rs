//! Translations of service content: what the council itself wrote (service names,
//! descriptions and headings, form questions, hints and choices, notices, the words of
//! its published standards), in the languages the public site speaks. The site's own
//! words are in the Fluent files (`language`); these are data, edited by administrators
//! beside the English, and exported and imported as PO files for translators (`po`).
//!
//! Each string is an [`Item`] with a stable key ("service/pothole/name"). A translation
//! remembers the English it was made from: when the English changes, the translation
//! "needs translation" again, and residents see the English until a translator looks at
//! it, never a translation of words the council no longer says. A string with no
//! translation falls back to English on its own, so a page may mix the two.

pub mod db;
pub mod po;

use std::collections::{HashMap, HashSet};

use crate::language::Language;
use crate::notices::Notice;
use crate::services::{Field, Service};
use crate::standards::Rules;

/// The longest translation, in characters: longer than anything the council writes
/// (a notice is at most 1,000), short enough that a slip of the paste is caught.
pub const TEXT_MAX: usize = 4_000;

/// A translation's problem, if it has one: too long.
pub fn too_long(text: &str) -> Option<String> {
    let n = text.chars().count();
    (n > TEXT_MAX).then(|| format!("the translation is {n} characters long; the most is {TEXT_MAX}"))
}

/// One translatable string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    ServiceName(String),
    ServiceDescription(String),
    /// A heading services are listed under, by its English.
    Group(String),
    /// A service's question: (service code, question code).
    QuestionLabel(String, String),
    QuestionHint(String, String),
    /// One choice: (service code, question code, choice key).
    Choice(String, String, String),
    NoticeTitle(i64),
    NoticeBody(i64),
    /// A published standard's title and words, by its id.
    StandardTitle(String),
    StandardWording(String),
}

impl Item {
    /// Its stable key, as stored and as a PO file's `msgctxt`.
    pub fn key(&self) -> String {
        match self {
            Item::ServiceName(s) => format!("service/{s}/name"),
            Item::ServiceDescription(s) => format!("service/{s}/description"),
            Item::Group(g) => format!("group/{g}"),
            Item::QuestionLabel(s, q) => format!("question/{s}/{q}/label"),
            Item::QuestionHint(s, q) => format!("question/{s}/{q}/hint"),
            Item::Choice(s, q, c) => format!("choice/{s}/{q}/{c}"),
            Item::NoticeTitle(id) => format!("notice/{id}/title"),
            Item::NoticeBody(id) => format!("notice/{id}/body"),
            Item::StandardTitle(id) => format!("standard/{id}/title"),
            Item::StandardWording(id) => format!("standard/{id}/wording"),
        }
    }

    /// What it is, for a translator: "The name of the service pothole".
    pub fn describe(&self) -> String {
        match self {
            Item::ServiceName(s) => format!("Service {s}: its name"),
            Item::ServiceDescription(s) => format!("Service {s}: what it is for"),
            Item::Group(_) => "A heading services are listed under".to_owned(),
            Item::QuestionLabel(s, q) => format!("Service {s}, question {q}: the question"),
            Item::QuestionHint(s, q) => format!("Service {s}, question {q}: its hint"),
            Item::Choice(s, q, c) => format!("Service {s}, question {q}: the choice {c}"),
            Item::NoticeTitle(id) => format!("Notice {id}: its title"),
            Item::NoticeBody(id) => format!("Notice {id}: what it says"),
            Item::StandardTitle(id) => format!("Standard {id}: its title"),
            Item::StandardWording(id) => format!("Standard {id}: the promise in words"),
        }
    }
}

/// One language's stored translations, by key: (the English each was made from, the
/// translation).
#[derive(Debug, Clone, Default)]
pub struct Texts {
    language: Language,
    by_key: HashMap<String, (String, String)>,
    /// Every translation, to say which language a string shown is in.
    translated: HashSet<String>,
}

impl Texts {
    pub fn new(language: Language, rows: impl IntoIterator<Item = (String, String, String)>) -> Texts {
        let by_key: HashMap<String, (String, String)> =
            rows.into_iter().map(|(key, english, text)| (key, (english, text))).collect();
        let translated = by_key.values().map(|(_, text)| text.clone()).collect();
        Texts { language, by_key, translated }
    }

    /// The `lang` of a string shown: this language's code if it is one of its
    /// translations, else English (a string that fell back), so a screen reader
    /// reads each part in the right voice.
    pub fn lang(&self, shown: &str) -> &'static str {
        if self.translated.contains(shown) { self.language.code } else { crate::language::ENGLISH.code }
    }

    /// The translation of `english`, if there is one made from these very words.
    pub fn get(&self, item: &Item, english: &str) -> Option<&str> {
        self.by_key.get(&item.key()).filter(|(from, _)| from == english).map(|(_, text)| text.as_str())
    }

    /// `english` in this language where there is a translation, else as it is.
    pub fn or_english(&self, item: &Item, english: &str) -> String {
        self.get(item, english).unwrap_or(english).to_owned()
    }

    /// A service's name, description and heading, translated where they are.
    pub fn service(&self, service: &mut Service) {
        let code = service.code.clone();
        service.name = self.or_english(&Item::ServiceName(code.clone()), &service.name);
        service.description = self.or_english(&Item::ServiceDescription(code), &service.description);
        service.group_name = self.or_english(&Item::Group(service.group_name.clone()), &service.group_name);
    }

    /// A service's questions: each label, hint and choice translated where it is.
    pub fn fields(&self, service_code: &str, fields: &mut [Field]) {
        for field in fields {
            let (s, q) = (service_code.to_owned(), field.code.clone());
            field.label = self.or_english(&Item::QuestionLabel(s.clone(), q.clone()), &field.label);
            field.hint = self.or_english(&Item::QuestionHint(s.clone(), q.clone()), &field.hint);
            for choice in &mut field.choices {
                let item = Item::Choice(s.clone(), q.clone(), choice.key.clone());
                choice.name = self.or_english(&item, &choice.name);
            }
        }
    }

    /// Notices' titles and words, translated where they are.
    pub fn notices(&self, notices: &mut [Notice]) {
        for notice in notices {
            notice.title = self.or_english(&Item::NoticeTitle(notice.id), &notice.title);
            notice.body = self.or_english(&Item::NoticeBody(notice.id), &notice.body);
        }
    }
}

/// One string of the catalogue, as an administrator or translator sees it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub item: Item,
    pub english: String,
    /// The stored translation, if any (of this English or of older English).
    pub text: Option<String>,
    /// The English the stored translation was made from, where it differs from today's.
    pub older_english: Option<String>,
}

impl Entry {
    /// It has no translation of today's English.
    pub fn needs_translation(&self) -> bool {
        self.text.is_none() || self.older_english.is_some()
    }
}

/// Everything there is to translate, today's English of each, in the order a translator
/// would read it: headings, then each service with its questions, then the notices still
/// to show, then the published standards.
pub fn items(
    services: &[Service],
    fields: &[(String, Vec<Field>)],
    notices: &[Notice],
    rules: &Rules,
) -> Vec<(Item, String)> {
    let mut items = Vec::new();
    let mut groups: Vec<&str> = services.iter().map(|s| s.group_name.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    items.extend(groups.into_iter().map(|g| (Item::Group(g.to_owned()), g.to_owned())));
    for service in services {
        let code = &service.code;
        items.push((Item::ServiceName(code.clone()), service.name.clone()));
        items.push((Item::ServiceDescription(code.clone()), service.description.clone()));
        let questions = fields.iter().filter(|(s, _)| s == code).flat_map(|(_, f)| f);
        for field in questions {
            let q = &field.code;
            items.push((Item::QuestionLabel(code.clone(), q.clone()), field.label.clone()));
            if !field.hint.trim().is_empty() {
                items.push((Item::QuestionHint(code.clone(), q.clone()), field.hint.clone()));
            }
            for choice in &field.choices {
                items.push((Item::Choice(code.clone(), q.clone(), choice.key.clone()), choice.name.clone()));
            }
        }
    }
    for notice in notices {
        items.push((Item::NoticeTitle(notice.id), notice.title.clone()));
        items.push((Item::NoticeBody(notice.id), notice.body.clone()));
    }
    for standard in rules.current.iter().map(|v| &v.standard).filter(|s| s.published) {
        items.push((Item::StandardTitle(standard.id.clone()), standard.title.clone()));
        items.push((Item::StandardWording(standard.id.clone()), standard.wording.clone()));
    }
    items
}

/// The catalogue for one language: each item with its stored translation.
pub fn entries(items: Vec<(Item, String)>, stored: &Texts) -> Vec<Entry> {
    items
        .into_iter()
        .map(|(item, english)| {
            let found = stored.by_key.get(&item.key());
            let text = found.map(|(_, t)| t.clone());
            let older_english = found.map(|(from, _)| from.clone()).filter(|from| *from != english);
            Entry { item, english, text, older_english }
        })
        .collect()
}

/// What reading a PO file would store, and what it leaves alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Import {
    /// (key, the English translated, the translation) to store.
    pub rows: Vec<(String, String, String)>,
    /// Of those, how many translate English that has changed since (they still need translation).
    pub older: usize,
    /// Entries not used: empty, or marked fuzzy.
    pub skipped: usize,
}

/// Checks a PO file read for `language` against what there is to translate. Every
/// problem is named by its line, and a file with any is refused whole: a translator's
/// file is stored all or nothing.
pub fn import(file: &po::File, language: Language, items: &[(Item, String)]) -> Result<Import, Vec<po::PoError>> {
    let mut errors = Vec::new();
    if let Some(code) = &file.language
        && crate::language::by_code(code) != Some(language)
    {
        let message = format!("the file says it is in {code}, but it is being read as {}", language.code);
        errors.push(po::PoError { line: 1, message });
    }
    let known: HashMap<String, &str> = items.iter().map(|(item, english)| (item.key(), english.as_str())).collect();
    let mut import = Import::default();
    for entry in &file.entries {
        let Some(key) = &entry.context else {
            let message = "this entry has no msgctxt naming what it translates".to_owned();
            errors.push(po::PoError { line: entry.line, message });
            continue;
        };
        let Some(today) = known.get(key) else {
            let message = format!("there is nothing called {key} to translate (was it removed?)");
            errors.push(po::PoError { line: entry.line, message });
            continue;
        };
        if entry.fuzzy || entry.msgstr.trim().is_empty() {
            import.skipped += 1;
            continue;
        }
        if let Some(message) = too_long(&entry.msgstr) {
            errors.push(po::PoError { line: entry.line, message });
            continue;
        }
        if entry.msgid != *today {
            import.older += 1;
        }
        import.rows.push((key.clone(), entry.msgid.clone(), entry.msgstr.clone()));
    }
    if errors.is_empty() { Ok(import) } else { Err(errors) }
}

/// The languages content is translated into: every language the site speaks but English.
pub fn languages() -> impl Iterator<Item = Language> {
    crate::language::LANGUAGES.into_iter().filter(|l| *l != crate::language::ENGLISH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_of_older_english_is_not_shown() {
        let welsh = crate::language::by_code("cy").unwrap();
        let texts = Texts::new(
            welsh,
            [
                ("service/pothole/name".to_owned(), "Report a pothole".to_owned(), "Rhoi gwybod am dwll".to_owned()),
                ("group/Roads".to_owned(), "Roads and paths".to_owned(), "Ffyrdd".to_owned()),
            ],
        );
        let name = Item::ServiceName("pothole".to_owned());
        assert_eq!(texts.or_english(&name, "Report a pothole"), "Rhoi gwybod am dwll");
        assert_eq!(texts.or_english(&name, "Report a pothole or sunken road"), "Report a pothole or sunken road");
        assert_eq!(texts.or_english(&Item::Group("Roads".to_owned()), "Roads"), "Roads");
        assert_eq!(texts.lang("Rhoi gwybod am dwll"), "cy");
        assert_eq!(texts.lang("Report a pothole"), "en");
        let entries = entries(vec![(name.clone(), "Report a pothole or sunken road".to_owned())], &texts);
        assert!(entries[0].needs_translation());
        assert_eq!(entries[0].older_english.as_deref(), Some("Report a pothole"));
    }

    #[test]
    fn an_import_names_each_problem_by_line_and_counts_what_it_leaves() {
        let welsh = crate::language::by_code("cy").unwrap();
        let items = vec![
            (Item::ServiceName("pothole".into()), "Report a pothole".to_owned()),
            (Item::ServiceDescription("pothole".into()), "Holes in roads.".to_owned()),
        ];
        let long = "a".repeat(TEXT_MAX + 1);
        let text = "msgctxt \"service/pothole/name\"\nmsgid \"Report a pothole\"\nmsgstr \"Twll\"\n\n\
             #, fuzzy\nmsgctxt \"service/pothole/description\"\nmsgid \"Holes\"\nmsgstr \"Tyllau\"\n";
        let file = po::read(text).unwrap();
        let read = import(&file, welsh, &items).unwrap();
        assert_eq!((read.rows.len(), read.skipped, read.older), (1, 1, 0));
        let bad = format!(
            "msgctxt \"service/pothole/name\"\nmsgid \"Old words\"\nmsgstr \"{long}\"\n\n\
             msgid \"no context\"\nmsgstr \"x\"\n"
        );
        let errors = import(&po::read(&bad).unwrap(), welsh, &items).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 5]);
        assert!(errors[0].message.contains("4001 characters"));
        let arabic = crate::language::by_code("ar").unwrap();
        let header = "msgid \"\"\nmsgstr \"Language: cy\\n\"\n";
        let errors = import(&po::read(header).unwrap(), arabic, &items).unwrap_err();
        assert!(errors[0].message.contains("the file says it is in cy"), "{errors:?}");
    }
}
