//! The public site's languages. Words live in Fluent files (`locales/LANG/main.ftl`),
//! compiled into the binary by `fluent-templates`; a message a language lacks falls back
//! to English.
//!
//! The visitor's language is the `fd_lang` cookie the switcher sets (`/language/CODE`),
//! else the first of their browser's `Accept-Language` we have, else English. A middleware
//! holds it, and the request's path, in a task-local for the length of the request, so a
//! page's `Chrome` can read them without every handler passing them along.
//!
//! A page whose words are all in the Fluent files says so (`Chrome::translated`) and is
//! shown in the visitor's language, with `lang` and `dir` set on `<html>`. Any other page
//! is shown in English, marked `lang="en"`, with a line in the visitor's language saying
//! it is not translated yet: a page is never labelled as a language it is not written in.

pub use crate::language::{
    ENGLISH, FluentValue, LANGUAGES, Language, by_code, date, date_time, month, text, text_args, text_with,
};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::web::AppState;
use crate::web::cookies::{cookie, set_cookie};

/// The cookie holding the chosen language.
pub const LANG_COOKIE: &str = "fd_lang";

/// What the request is in: its language and the path, for the switcher's links back.
#[derive(Debug, Clone)]
pub struct Current {
    pub language: Language,
    pub path: String,
}

tokio::task_local! {
    static CURRENT: Current;
}

/// The language and path of the request being handled (English and "/" outside one).
pub fn current() -> Current {
    CURRENT.try_with(Clone::clone).unwrap_or(Current { language: ENGLISH, path: "/".to_owned() })
}

/// The language a request asks for: the cookie, then `Accept-Language`, then English.
pub fn chosen(headers: &HeaderMap) -> Language {
    if let Some(language) = cookie(headers, LANG_COOKIE).and_then(|c| by_code(&c)) {
        return language;
    }
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    accept
        .split(',')
        .filter_map(|part| part.split(';').next())
        .find_map(|tag| by_code(tag.trim().split('-').next().unwrap_or_default()))
        .unwrap_or(ENGLISH)
}

/// The middleware: every request runs with its language and path known.
pub async fn scope(request: Request, next: Next) -> Response {
    let current = Current { language: chosen(request.headers()), path: request.uri().path().to_owned() };
    CURRENT.scope(current, next.run(request)).await
}

/// Puts each error that has a Fluent message into `language`; English keeps the
/// domain's own words. A `label` argument that names a Fluent message ("label-name") is
/// itself put into the language; any other argument (a file's name, a question the
/// council wrote) is shown as it is.
pub fn localise(errors: &mut [crate::forms::FieldError], language: Language) {
    if language == ENGLISH {
        return;
    }
    for error in errors.iter_mut() {
        let Some(found) = &error.text else { continue };
        let args = found
            .args
            .iter()
            .map(|(name, value)| {
                let value =
                    if *name == "label" && value.starts_with("label-") { text(language, value) } else { value.clone() };
                (*name, FluentValue::from(value))
            })
            .collect();
        error.message = text_args(language, found.id, args);
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Back {
    next: String,
}

/// The switcher: remember the language for a year, and go back to the page.
pub async fn switch(State(state): State<AppState>, Path(code): Path<String>, Query(next): Query<Back>) -> Response {
    let Some(language) = by_code(&code) else {
        return Redirect::to("/").into_response();
    };
    // Only back to a page on this site, never an address another site chose.
    let next = next.next.as_str();
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    let next = if local { next } else { "/" };
    let cookie = set_cookie(&state, LANG_COOKIE, language.code, "/", Some(365 * 24 * 3600));
    ([(header::SET_COOKIE, cookie)], Redirect::to(next)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_english_message() {
        let english = include_str!("../../locales/en/main.ftl");
        let ids: Vec<&str> = english
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with(' ') && l.contains(" = "))
            .map(|l| l.split(" = ").next().unwrap_or_default())
            .collect();
        assert!(ids.len() > 20);
        for (code, file) in
            [("cy", include_str!("../../locales/cy/main.ftl")), ("ar", include_str!("../../locales/ar/main.ftl"))]
        {
            for id in &ids {
                assert!(file.lines().any(|l| l.starts_with(&format!("{id} = "))), "{code} lacks {id}");
            }
        }
    }

    #[test]
    fn messages_come_in_the_chosen_language_with_their_arguments() {
        let welsh = by_code("CY").unwrap();
        assert_eq!(text(welsh, "footer-contact"), "Cysylltu â ni");
        assert_eq!(text_with(welsh, "home-heading", &[("council", "Cyngor Sir")]), "Cysylltu â Cyngor Sir");
        assert_eq!(text(ENGLISH, "footer-contact"), "Contact us");
        assert_eq!(month(ENGLISH, 202611), "November 2026");
        assert_eq!(month(welsh, 202601), "Ionawr 2026");
        let day = jiff::civil::date(2026, 3, 3);
        assert_eq!(date(ENGLISH, day), "Tuesday 3 March 2026");
        assert_eq!(date(welsh, day), "Dydd Mawrth 3 Mawrth 2026");
        let at = day.at(14, 5, 0, 0).in_tz("Europe/London").unwrap();
        assert_eq!(date_time(ENGLISH, &at), "Tuesday 3 March 2026 at 2:05pm");
    }

    #[test]
    fn every_way_a_promise_stands_reads_as_a_sentence_in_every_language() {
        for language in LANGUAGES {
            for id in [
                "promise-done",
                "promise-late-done",
                "promise-late",
                "promise-paused",
                "promise-by",
                "promise-no-date",
                "promise-withdrawn",
            ] {
                let said = text_with(language, id, &[("date", "3 March 2026"), ("due", "2 March 2026")]);
                assert!(said.ends_with('.'), "{} {id}: {said}", language.code);
                assert!(!said.contains('{'), "{} {id}: {said}", language.code);
                let first = said.chars().next().unwrap();
                assert!(!first.is_lowercase(), "{} {id} starts a sentence: {said}", language.code);
            }
        }
    }

    #[test]
    fn the_cookie_wins_then_the_browser_then_english() {
        let mut headers = HeaderMap::new();
        assert_eq!(chosen(&headers).code, "en");
        headers.insert(header::ACCEPT_LANGUAGE, "fr-FR, cy-GB;q=0.8, en;q=0.5".parse().unwrap());
        assert_eq!(chosen(&headers).code, "cy");
        headers.insert(header::COOKIE, "fd_lang=ar".parse().unwrap());
        assert_eq!(chosen(&headers).code, "ar");
        headers.insert(header::COOKIE, "fd_lang=xx".parse().unwrap());
        assert_eq!(chosen(&headers).code, "cy");
    }
}
