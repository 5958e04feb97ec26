//! Public pages: one askama struct per page.

pub mod about;
pub mod board;
pub mod book;
pub mod contact;
pub mod disclosure;
pub mod errors;
pub mod home;
pub mod officer;
pub mod performance;
pub mod posted;
pub mod report;
pub mod services;
pub mod staff;
pub mod track;
pub mod wards;
pub mod you;

use std::sync::Arc;

use askama::Template;
use axum::response::Html;

use super::error::AppError;
use super::i18n::{self, Language};
use crate::web::AppState;

/// What every page's layout needs.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub council_name: Arc<str>,
    /// Set on staff pages: who is signed in, and the navigation their role allows.
    pub staff: Option<StaffBar>,
    /// The language the page is written in: the visitor's, if the page is translated.
    pub language: Language,
    /// The language the visitor chose.
    pub chosen: Language,
    /// This page's path, for the language switcher's links back.
    pub path: String,
}

/// The staff workspace's header: the signed-in name, sign-out, and the sections the role
/// may use.
#[derive(Debug, Clone)]
pub struct StaffBar {
    pub name: String,
    pub role: &'static str,
    pub csrf: String,
    pub may_log: bool,
    pub may_mail: bool,
    pub may_post: bool,
    pub may_view_cases: bool,
    pub may_admin: bool,
    pub may_audit: bool,
    pub may_report: bool,
    pub may_councillor: bool,
    /// Which section the page is in, to mark it in the navigation.
    pub section: &'static str,
}

impl Chrome {
    /// A public page not yet in the Fluent files: shown in English, and says so in the
    /// visitor's language when they chose another.
    pub fn new(state: &AppState) -> Self {
        let current = i18n::current();
        Chrome {
            council_name: state.council.name.clone(),
            staff: None,
            language: i18n::ENGLISH,
            chosen: current.language,
            path: current.path,
        }
    }

    /// A public page whose every word is in the Fluent files: shown in the visitor's language.
    pub fn translated(state: &AppState) -> Self {
        let mut chrome = Chrome::new(state);
        chrome.language = chrome.chosen;
        chrome
    }

    /// A message in the page's language.
    pub fn t(&self, id: &str) -> String {
        i18n::text(self.language, id)
    }

    /// A message in the page's language, with its arguments.
    pub fn t_with(&self, id: &str, args: &[(&'static str, &str)]) -> String {
        i18n::text_with(self.language, id, args)
    }

    /// A message in the page's language, with the council's name as `$council`.
    pub fn t_council(&self, id: &str) -> String {
        self.t_with(id, &[("council", &self.council_name)])
    }

    /// A message in the page's language, with a case reference as `$reference`.
    pub fn t_with_reference(&self, id: &str, reference: &crate::cases::CaseRef) -> String {
        self.t_with(id, &[("reference", &reference.to_string())])
    }

    pub fn dir(&self) -> &'static str {
        if self.language.rtl { "rtl" } else { "ltr" }
    }

    /// The languages to offer: all of them, on public pages.
    pub fn languages(&self) -> &'static [Language] {
        if self.staff.is_some() { &[] } else { &i18n::LANGUAGES }
    }

    /// "This page is not in Welsh yet", in Welsh, when the visitor chose a language this
    /// page is not written in.
    pub fn untranslated(&self) -> Option<String> {
        (self.staff.is_none() && self.chosen != self.language).then(|| i18n::text(self.chosen, "not-translated"))
    }

    pub fn chosen_dir(&self) -> &'static str {
        if self.chosen.rtl { "rtl" } else { "ltr" }
    }

    /// The session's CSRF token, for a staff form's hidden field.
    pub fn csrf(&self) -> &str {
        self.staff.as_ref().map_or("", |s| s.csrf.as_str())
    }

    pub fn staff(state: &AppState, session: &crate::sessions::Session, section: &'static str) -> Self {
        use crate::org::Action;
        let role = session.staff.role;
        let bar = StaffBar {
            name: session.staff.name.clone(),
            role: role.label(),
            csrf: session.csrf_token.clone(),
            may_log: role.may(Action::LogContact),
            may_mail: role.may(Action::HandleMail),
            may_post: role.may(Action::PrintPost),
            may_view_cases: role.may(Action::ViewCase),
            may_admin: role.may(Action::ManageTemplates),
            may_audit: role.may(Action::ReadAccessLog),
            may_report: role.may(Action::ReadReports),
            may_councillor: role.may(Action::CouncillorEnquiries),
            section,
        };
        // The staff workspace is in English.
        Chrome {
            council_name: state.council.name.clone(),
            staff: Some(bar),
            language: i18n::ENGLISH,
            chosen: i18n::ENGLISH,
            path: String::new(),
        }
    }
}

/// `?done=...` on the page a form redirects to: what was just done, for its banner.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Done {
    pub done: String,
}

/// The council's own content (service names, questions, notices, standards) translated
/// into the language the page is read in, where there are translations.
pub async fn content_texts(state: &AppState) -> Result<crate::translations::Texts, AppError> {
    Ok(crate::translations::db::texts(state.db.reader(), crate::web::i18n::current().language).await?)
}

pub fn render<T: Template>(template: &T) -> Result<Html<String>, AppError> {
    template.render().map(Html).map_err(|err| AppError::Internal(err.into()))
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). A field
/// that a spreadsheet would run as a formula is prefixed with an apostrophe.
pub fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}
