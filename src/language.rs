//! The languages frontdoor speaks to residents, and its own words in each. Words live in
//! Fluent files (`locales/LANG/main.ftl`), compiled into the binary by `fluent-templates`;
//! a message a language lacks falls back to English. The web's pages and the messages
//! written to a customer (acknowledgements, updates, letters) both read them here, so a
//! resident who wrote in Welsh is answered in Welsh.

use std::borrow::Cow;
use std::collections::HashMap;

pub use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: they show as stray characters in
        // some screen readers, and our arguments are names and numbers.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language the site speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    pub code: &'static str,
    /// Its own name for itself, as the switcher shows it.
    pub name: &'static str,
    /// Its name in English, as staff pages show it.
    pub english: &'static str,
    pub rtl: bool,
}

/// English first; then Welsh, which councils in Wales must offer; then Arabic, written
/// right to left.
pub const LANGUAGES: [Language; 3] = [
    Language { code: "en", name: "English", english: "English", rtl: false },
    Language { code: "cy", name: "Cymraeg", english: "Welsh", rtl: false },
    Language { code: "ar", name: "العربية", english: "Arabic", rtl: true },
];

pub const ENGLISH: Language = LANGUAGES[0];

/// English, unless the resident chose another.
impl Default for Language {
    fn default() -> Self {
        ENGLISH
    }
}

pub fn by_code(code: &str) -> Option<Language> {
    LANGUAGES.iter().copied().find(|l| l.code.eq_ignore_ascii_case(code))
}

/// A message in a language.
pub fn text(language: Language, id: &str) -> String {
    let lang: LanguageIdentifier = language.code.parse().unwrap_or_default();
    LOCALES.lookup(&lang, id)
}

/// A message with arguments of any kind: numbers choose plural forms.
pub fn text_args(language: Language, id: &str, args: Vec<(&'static str, FluentValue<'_>)>) -> String {
    let lang: LanguageIdentifier = language.code.parse().unwrap_or_default();
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> =
        args.into_iter().map(|(k, v)| (Cow::Borrowed(k), v)).collect();
    LOCALES.lookup_with_args(&lang, id, &args)
}

/// "November 2026" (202611) in a language.
pub fn month(language: Language, month: i64) -> String {
    let year = (month / 100).to_string();
    text_args(language, "month", vec![("month", FluentValue::from(month % 100)), ("year", FluentValue::from(year))])
}

/// "Tuesday 3 March 2026" in a language.
pub fn date(language: Language, day: jiff::civil::Date) -> String {
    let weekday =
        text_args(language, "weekday", vec![("weekday", FluentValue::from(day.weekday().to_monday_one_offset()))]);
    let month = text_args(language, "month-name", vec![("month", FluentValue::from(day.month()))]);
    text_args(
        language,
        "date",
        vec![
            ("weekday", FluentValue::from(weekday)),
            ("day", FluentValue::from(day.day().to_string())),
            ("month", FluentValue::from(month)),
            ("year", FluentValue::from(day.year().to_string())),
        ],
    )
}

/// "5 January 2027" (no weekday) in a language.
pub fn day_month_year(language: Language, day: jiff::civil::Date) -> String {
    let month = text_args(language, "month-name", vec![("month", FluentValue::from(day.month()))]);
    text_args(
        language,
        "date-short",
        vec![
            ("day", FluentValue::from(day.day().to_string())),
            ("month", FluentValue::from(month)),
            ("year", FluentValue::from(day.year().to_string())),
        ],
    )
}

/// "Tuesday 3 March 2026 at 2:05pm" in a language.
pub fn date_time(language: Language, at: &jiff::Zoned) -> String {
    let hour = at.hour() % 12;
    let hour = if hour == 0 { 12 } else { hour };
    text_args(
        language,
        "date-time",
        vec![
            ("date", FluentValue::from(date(language, at.date()))),
            ("hour", FluentValue::from(hour.to_string())),
            ("minute", FluentValue::from(format!("{:02}", at.minute()))),
            ("ampm", FluentValue::from(if at.hour() < 12 { "am" } else { "pm" })),
        ],
    )
}

/// A message with its arguments filled in.
pub fn text_with(language: Language, id: &str, args: &[(&'static str, &str)]) -> String {
    text_args(language, id, args.iter().map(|(k, v)| (*k, FluentValue::from(*v))).collect())
}

impl Language {
    /// The language a printed letter to this reader is written in: their own where the
    /// letters' fonts can write it, else English. Letters are PDF in the standard
    /// Helvetica (`letters::pdf`), which writes Latin scripts, Welsh included, but not
    /// Arabic: an Arabic reader's letters are in English until the letters embed a font
    /// that writes Arabic.
    pub fn in_print(self) -> Language {
        if self.rtl { ENGLISH } else { self }
    }
}

/// The language stored for a case or a translation: its code, English for an unknown one.
pub fn of_code(code: &str) -> Language {
    by_code(code).unwrap_or(ENGLISH)
}
