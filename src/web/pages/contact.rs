//! Contact us: every way to reach the council on one page, each with the promise that
//! applies to it and how that promise has been kept this month, and the notices that
//! may answer the question before anyone has to ask it.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use super::{Chrome, render};
use crate::cases::{CaseType, Channel};
use crate::db::now_ms;
use crate::notices::{self, Notice};
use crate::rollups::{self, month_number, percent};
use crate::standards::contact::{Contact, PhoneLine};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::i18n;
use fluent_templates::fluent_bundle::FluentValue;

/// A promise on a channel, with this month's record.
pub struct ChannelPromise {
    pub title: String,
    pub wording: String,
    pub record: String,
}

/// A phone line as the page shows it: the wait now, and the services on it that can be
/// done online instead.
struct LineShown {
    line: PhoneLine,
    /// Whether the line's calls are measured (it has queues).
    measured: bool,
    band: Option<&'static str>,
    /// (code, name) of each active service it deals with.
    online: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "pages/contact.html")]
struct ContactPage {
    chrome: Chrome,
    contact: Contact,
    lines: Vec<LineShown>,
    notices: Vec<Notice>,
    texts: crate::translations::Texts,
    callback: Option<String>,
    web: Vec<ChannelPromise>,
    phone: Vec<ChannelPromise>,
    email: Vec<ChannelPromise>,
    visit: Vec<ChannelPromise>,
    letter: Vec<ChannelPromise>,
    callback_promises: Vec<ChannelPromise>,
}

impl ContactPage {
    /// A phone number as a `tel:` link wants it: digits and a leading +.
    fn tel(&self, number: &str) -> String {
        number.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()
    }
}

pub async fn show(State(state): State<AppState>) -> Result<Html<String>, AppError> {
    let rules = state.rules.get();
    let now = now_ms();
    let this = month_number(rules.calendars.council.local_date(rollups::ts(now)));
    let counts = rollups::db::months(state.db.reader(), this, None).await?;
    let month = rollups::months(&counts, this, this).remove(&this).unwrap_or_default();
    let contact = rules.policy.contact.clone();
    let chrome = Chrome::translated(&state);
    let language = chrome.language;
    let month_words = i18n::month(language, this);
    let promises = |test: &dyn Fn(&crate::standards::Standard) -> bool| -> Vec<ChannelPromise> {
        rules
            .current
            .iter()
            .map(|v| &v.standard)
            .filter(|s| s.published && test(s))
            .map(|s| {
                let (met, missed) = month.standard(&s.id);
                let record = match percent(met, met + missed) {
                    Some(p) => i18n::text_args(
                        language,
                        "contact-kept",
                        vec![
                            ("percent", FluentValue::from(p)),
                            ("month", FluentValue::from(month_words.as_str())),
                            ("met", FluentValue::from(met)),
                            ("due", FluentValue::from(met + missed)),
                        ],
                    ),
                    None => i18n::text_with(language, "contact-none-due", &[("month", &month_words)]),
                };
                ChannelPromise { title: s.title.clone(), wording: s.wording.clone(), record }
            })
            .collect()
    };
    // A channel's promises are those for general contact on it, not the statutory ones.
    let on = |channel: Channel| {
        move |s: &crate::standards::Standard| {
            s.channels.contains(&channel) && (s.case_types.is_empty() || s.case_types.contains(&CaseType::Enquiry))
        }
    };
    let callback = match contact.callback_service.as_str() {
        "" => None,
        code => crate::services::db::by_code(state.db.reader(), code).await?.map(|s| s.code),
    };
    let services = crate::services::db::list_active(state.db.reader()).await?;
    let mut lines = Vec::with_capacity(contact.phone.len());
    for line in &contact.phone {
        let measured = !line.queues.is_empty();
        let band = if measured { state.waits.get(state.db.reader(), line, now).await?.band } else { None };
        let online = line
            .services
            .iter()
            .filter_map(|code| services.iter().find(|s| &s.code == code))
            .map(|s| (s.code.clone(), s.name.clone()))
            .collect();
        lines.push(LineShown { line: line.clone(), measured, band, online });
    }
    let mut notices = notices::live(state.db.reader(), None, now).await?;
    notices::count_shown(&state.db, &notices);
    let texts = super::content_texts(&state).await?;
    texts.notices(&mut notices);
    let page = ContactPage {
        chrome,
        lines,
        callback,
        web: promises(&on(Channel::Web)),
        phone: promises(&on(Channel::Phone)),
        email: promises(&on(Channel::Email)),
        visit: promises(&on(Channel::Visit)),
        letter: promises(&on(Channel::Letter)),
        callback_promises: promises(&|s| s.case_types == [CaseType::Callback]),
        notices,
        texts,
        contact,
    };
    render(&page)
}
