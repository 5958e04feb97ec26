//! Follow a case by its reference. The reference alone shows where it is and each
//! promise with its date, and nothing personal: a reference is not proof of who someone
//! is. With the email address or phone number given with the case, or the signed link from
//! the acknowledgement email, the resident sees the whole public timeline and can
//! reply, escalate a case past its date, and say whether the resolution solved it.
//!
//! Proof is kept in a cookie for that case alone (`Path=/cases/REF`, HttpOnly,
//! SameSite=Strict): its value is the link's signature, so nothing is stored per
//! visitor, and another site cannot make the browser post to these forms with it.

mod acts;
mod promises;

pub use acts::{escalate, feedback, reply, review, stage2};
pub use promises::{date, date_in, promises};

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use jiff::Timestamp;
use serde::Deserialize;

use super::{Chrome, render};
use crate::actions::by_customer::{self, ActError, COMMENT_MAX, Feedback, ProveError};
use crate::cases::{self, ActorKind, Case, CaseRef, Event, EventKind};
use crate::clocks::{self, Extended, State as ClockState};
use crate::db::now_ms;
use crate::forms::{DESCRIPTION_MAX, FieldError};
use crate::services;
use crate::web::AppState;
use crate::web::client::Client;
use crate::web::cookies::{cookie, set_cookie};
use crate::web::error::AppError;
use crate::web::i18n::{self, Language};

/// The cookie that proves this browser may see one case: scoped to the case's path.
pub const CASE_COOKIE: &str = "fd_case";
/// How long the proof lasts in a browser: 30 days.
const PROOF_SECONDS: i64 = 30 * 24 * 3600;

/// One promise, in words.
pub struct Promise {
    pub title: String,
    pub wording: String,
    /// The `lang` of the title and of the wording: translated, or English to fall back on.
    pub title_lang: &'static str,
    pub wording_lang: &'static str,
    /// How it stands, as a sentence ("We will do this by Tuesday 3 March 2026.").
    pub outcome: String,
    /// How it stands, in a word or two, for its tag ("Due").
    pub status: String,
    /// A GOV.UK tag colour class, or empty.
    pub tag: &'static str,
    /// For staff: how the date was worked out.
    pub explained: Option<Explained>,
}

/// How a clock's deadline was worked out: what it allows, from when, and the days that
/// did not count, with why.
pub struct Explained {
    pub allowed: String,
    pub started: String,
    pub due: String,
    pub skipped: Vec<String>,
}

/// One entry of the public timeline, in plain words.
pub struct Entry {
    pub what: String,
    pub when: String,
    pub body: Option<String>,
}

/// What only someone who proved the case is theirs sees.
pub struct Full {
    pub description: String,
    pub timeline: Vec<Entry>,
    pub can_reply: bool,
    /// The promise that is past its date, when it can be escalated.
    pub overdue: Option<String>,
    pub escalated: Option<String>,
    pub wants_feedback: bool,
    /// A complaint answered at stage 1, which the resident may take to stage 2.
    pub may_ask_stage2: bool,
    /// An answered FOI or EIR request, not yet reviewed.
    pub may_ask_review: bool,
}

/// What the resident typed, shown again with the errors.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Typed {
    answer: String,
    message: String,
    solved: String,
    rating: String,
    comment: String,
}

#[derive(Template)]
#[template(path = "pages/track.html")]
struct TrackPage {
    chrome: Chrome,
    reference: CaseRef,
    service: String,
    /// The `lang` of the service's name: the page's language where it is translated.
    service_lang: &'static str,
    received: String,
    status: String,
    open: bool,
    promises: Vec<Promise>,
    full: Option<Full>,
    done: Option<String>,
    errors: Vec<FieldError>,
    typed: Typed,
}

impl TrackPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }

    fn title(&self) -> String {
        let id = if self.errors.is_empty() { "track-title" } else { "track-error-title" };
        self.chrome.t_with_reference(id, &self.reference)
    }

    fn late_words(&self, promise: &str) -> String {
        self.chrome.t_with("track-late", &[("promise", promise)])
    }

    fn escalated_words(&self, on: &str) -> String {
        self.chrome.t_with("track-escalated", &[("date", on)])
    }
}

/// The Fluent id of the banner after something was done.
fn done_message(done: &str) -> Option<&'static str> {
    match done {
        "reply" => Some("done-reply"),
        "escalated" => Some("done-escalated"),
        "stage2" => Some("done-stage2"),
        "review" => Some("done-review"),
        "thanks" => Some("done-thanks"),
        "reopened" => Some("done-reopened"),
        _ => None,
    }
}

/// Well-made references for cases that do not exist, allowed from one client address in
/// an hour. Past it, every case page answers 429 for the hour, so nobody can sweep the
/// reference space to learn which cases exist.
const UNKNOWN_PER_HOUR: i64 = 20;

/// The case, if the reference is well made and the case exists. Unknown references are
/// counted per client address and, past [`UNKNOWN_PER_HOUR`], refused with 429.
async fn case_for(state: &AppState, client: &Client, reference: &str) -> Result<(CaseRef, Case), AppError> {
    let key = crate::throttle::Keyer::of(&state.db).key("unknown-reference", &client.0);
    let now = now_ms();
    let count = crate::throttle::db::peek(state.db.reader(), &key, now).await?;
    if count.hits >= UNKNOWN_PER_HOUR {
        return Err(AppError::TooMany(count.retry_after(now)));
    }
    let reference = super::report::parse_reference(state, reference)?;
    match cases::db::get(state.db.reader(), reference.id()).await? {
        Some(case) => Ok((reference, case)),
        None => {
            let mut conn = state.db.writer().acquire().await?;
            crate::throttle::db::hit(&mut conn, &key, by_customer::HOUR, now).await?;
            Err(AppError::NotFound)
        }
    }
}

/// Whether this browser has proved the case is theirs.
async fn proved(state: &AppState, headers: &HeaderMap, reference: &CaseRef) -> Result<bool, AppError> {
    let Some(signature) = cookie(headers, CASE_COOKIE) else { return Ok(false) };
    let Some(key) = by_customer::stored_link_key(&state.council, state.db.reader()).await? else {
        return Ok(false);
    };
    Ok(by_customer::verify(key.bytes(), reference, &signature))
}

/// The signature for a case, making the key if this is the first one.
async fn signature(state: &AppState, reference: &CaseRef) -> Result<String, AppError> {
    let key = match by_customer::stored_link_key(&state.council, state.db.reader()).await? {
        Some(key) => key,
        None => {
            let mut tx = state.db.begin().await?;
            let key = by_customer::link_key(&state.council, &mut tx).await?;
            tx.commit().await?;
            key
        }
    };
    Ok(by_customer::sign(key.bytes(), reference))
}

fn proof_cookie(state: &AppState, reference: &CaseRef, signature: &str) -> header::HeaderValue {
    set_cookie(state, CASE_COOKIE, signature, &format!("/cases/{reference}"), Some(PROOF_SECONDS))
}

async fn page(
    state: &AppState,
    reference: CaseRef,
    case: &Case,
    full: bool,
    done: Option<&'static str>,
    errors: Vec<FieldError>,
    typed: Typed,
) -> Result<TrackPage, AppError> {
    let chrome = Chrome::translated(state);
    let language = chrome.language;
    let texts = crate::translations::db::texts(state.db.reader(), language).await?;
    let service = match services::db::get(state.db.reader(), case.service_id).await? {
        Some(s) => texts.or_english(&crate::translations::Item::ServiceName(s.code), &s.name),
        None => String::new(),
    };
    let service_lang = texts.lang(&service);
    let promises = promises(state, case.id, true, language, &texts).await?;
    let full = if full { Some(full_view(state, case, language).await?) } else { None };
    let done = match done {
        // Reopened: the banner says by when it will be dealt with now.
        Some("done-reopened") => match reopened_due(state, case.id).await? {
            Some(due) => {
                Some(i18n::text_with(language, "done-reopened-by", &[("date", &date_in(state, language, due))]))
            }
            None => Some(i18n::text(language, "done-reopened")),
        },
        other => other.map(|id| i18n::text(language, id)),
    };
    Ok(TrackPage {
        reference,
        service,
        service_lang,
        received: date_in(state, language, case.created_at),
        status: status_words(language, case.status),
        open: case.status.is_open(),
        promises,
        full,
        done,
        errors,
        typed,
        chrome,
    })
}

/// When a reopened case is now due: the running clock of a standard that starts when a
/// case is reopened.
async fn reopened_due(state: &AppState, case_id: i64) -> Result<Option<i64>, AppError> {
    let rules = state.rules.get();
    let clocks = clocks::db::for_case(state.db.reader(), case_id).await?;
    Ok(clocks
        .iter()
        .filter(|c| c.state == ClockState::Running && c.stopped_at.is_none())
        .filter(|c| {
            rules
                .version(&c.standard_id, c.standard_version)
                .is_some_and(|s| s.starts == crate::standards::Milestone::Reopened)
        })
        .filter_map(|c| c.due_at)
        .min())
}

/// A status in the visitor's language.
fn status_words(language: Language, status: cases::Status) -> String {
    i18n::text(language, &format!("status-{}", status.as_str()))
}

async fn full_view(state: &AppState, case: &Case, language: Language) -> Result<Full, AppError> {
    let rules = state.rules.get();
    let events = cases::db::events(state.db.reader(), case.id).await?;
    let timeline = events.iter().rev().filter(|e| e.public).filter_map(|e| entry(state, language, e)).collect();
    let mut conn = state.db.reader().acquire().await?;
    let escalated_at = by_customer::escalated_at(&mut conn, case.id).await?;
    let overdue = match escalated_at {
        Some(_) => None,
        None => by_customer::overdue(&mut conn, &rules, case, now_ms()).await?.map(|(standard, due)| {
            let title = rules.current(&standard).map_or(standard.clone(), |v| v.standard.title.to_lowercase());
            i18n::text_with(
                language,
                "track-late-promise",
                &[("title", &title), ("date", &date_in(state, language, due))],
            )
        }),
    };
    Ok(Full {
        description: case.description.clone(),
        timeline,
        can_reply: case.status != cases::Status::Closed,
        overdue,
        escalated: escalated_at.map(|at| date_in(state, language, at)),
        wants_feedback: by_customer::wants_feedback(&mut conn, case).await?,
        may_ask_stage2: case.case_type == cases::CaseType::Complaint
            && crate::complaints::stage(&events) == (crate::complaints::Stage::One { answered: true }),
        may_ask_review: matches!(case.case_type, cases::CaseType::Foi | cases::CaseType::Eir)
            && crate::information::stage(&events) == crate::information::Stage::Answered,
    })
}

/// A public event in the resident's words; `None` for what they need not see.
fn entry(state: &AppState, language: Language, e: &Event) -> Option<Entry> {
    let from_us = matches!(e.actor.kind, ActorKind::Staff | ActorKind::Partner | ActorKind::System);
    let t = |id: &str| i18n::text(language, id);
    let (what, body) = match e.kind {
        EventKind::Created => (t("event-created"), None),
        EventKind::StatusChanged => {
            let to = status_words(language, e.to_status?);
            (i18n::text_with(language, "event-status", &[("status", &to)]), e.body.clone())
        }
        EventKind::Message if from_us => (t("event-we-wrote"), e.body.clone()),
        EventKind::Letter => (t("event-we-wrote-post"), e.body.clone()),
        EventKind::Message => (t("event-you-wrote"), e.body.clone()),
        EventKind::ClockExtended => {
            let ext: Extended = serde_json::from_str(e.body.as_deref()?).ok()?;
            let rules = state.rules.get();
            let title = rules.current(&ext.standard).map_or(ext.standard.clone(), |v| v.standard.title.to_lowercase());
            let due = date_in(state, language, ext.due);
            let what = i18n::text_with(language, "event-date-moved", &[("title", &title), ("date", &due)]);
            (what, Some(i18n::text_with(language, "event-why", &[("reason", &ext.reason)])))
        }
        EventKind::Escalated if e.actor.kind == ActorKind::Customer => (t("event-escalated"), None),
        EventKind::Milestone => match e.body.as_deref().and_then(crate::standards::Milestone::parse)? {
            crate::standards::Milestone::Stage2Requested => (t("event-stage2-requested"), None),
            crate::standards::Milestone::Stage2Acknowledged => (t("event-stage2-acknowledged"), None),
            crate::standards::Milestone::ReviewRequested => (t("event-review-requested"), None),
            crate::standards::Milestone::Responded => (t("event-letter-posted"), None),
            _ => return None,
        },
        _ => return None,
    };
    let at = Timestamp::from_millisecond(e.at).unwrap_or(Timestamp::UNIX_EPOCH);
    let local = at.to_zoned(state.rules.get().calendars.council.time_zone().clone());
    Some(Entry { what, when: i18n::date_time(language, &local), body })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Find {
    reference: String,
}

/// "Track a case" on the front page: a typed reference goes to its page.
pub async fn find(State(state): State<AppState>, Query(find): Query<Find>) -> Result<Redirect, AppError> {
    if find.reference.trim().is_empty() {
        return Err(AppError::bad_request(
            "Enter your reference, like KMB-4K7-9QX. It is in the email we sent you.",
            "error-ref-missing",
            vec![],
        ));
    }
    let reference = super::report::parse_reference(&state, find.reference.trim())?;
    Ok(Redirect::to(&format!("/cases/{reference}")))
}

pub async fn show(
    State(state): State<AppState>,
    client: Client,
    Path(reference): Path<String>,
    Query(done): Query<crate::web::pages::Done>,
    headers: HeaderMap,
) -> Result<Html<String>, AppError> {
    let (reference, case) = case_for(&state, &client, &reference).await?;
    let full = proved(&state, &headers, &reference).await?;
    let done = if full { done_message(&done.done) } else { None };
    render(&page(&state, reference, &case, full, done, Vec::new(), Typed::default()).await?)
}

/// The link from the acknowledgement email: proves the case in this browser and shows
/// it at once (a redirect after arriving from an email would not carry a Strict cookie).
pub async fn open(
    State(state): State<AppState>,
    client: Client,
    Path((reference, sig)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (reference, case) = case_for(&state, &client, &reference).await?;
    let Some(key) = by_customer::stored_link_key(&state.council, state.db.reader()).await? else {
        return Err(bad_link());
    };
    if !by_customer::verify(key.bytes(), &reference, &sig) {
        return Err(bad_link());
    }
    let page = page(&state, reference.clone(), &case, true, None, Vec::new(), Typed::default()).await?;
    Ok(([(header::SET_COOKIE, proof_cookie(&state, &reference, &sig))], render(&page)?).into_response())
}

fn bad_link() -> AppError {
    AppError::not_found(
        "That link is not complete. Copy the whole link from the email, or enter your reference with the email address or phone number you gave us.",
        "error-link-incomplete",
        vec![],
    )
}

async fn refuse(
    state: &AppState,
    reference: CaseRef,
    case: &Case,
    full: bool,
    errors: Vec<FieldError>,
    typed: Typed,
) -> Result<Response, AppError> {
    let page = page(state, reference, case, full, None, errors, typed).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// One error for a field, in the visitor's language.
fn field(field: &str, id: &str) -> Vec<FieldError> {
    vec![FieldError::new(field.to_owned(), i18n::text(i18n::current().language, id))]
}

/// An error whose words take a maximum length.
fn too_long(field_name: &str, id: &str, max: usize) -> Vec<FieldError> {
    let message = i18n::text_with(i18n::current().language, id, &[("max", &crate::forms::thousands(max))]);
    vec![FieldError::new(field_name.to_owned(), message)]
}

/// "What email address or phone number did you give us?"
pub async fn prove(
    State(state): State<AppState>,
    client: Client,
    Path(reference): Path<String>,
    Form(typed): Form<Typed>,
) -> Result<Response, AppError> {
    let (reference, case) = case_for(&state, &client, &reference).await?;
    match by_customer::prove(&state.db, &case, &typed.answer, &client.0, now_ms()).await {
        Ok(()) => {
            let sig = signature(&state, &reference).await?;
            let cookie = proof_cookie(&state, &reference, &sig);
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&format!("/cases/{reference}"))).into_response())
        }
        Err(ProveError::TooMany(seconds)) => {
            let errors = field("answer", "track-error-answer-too-many");
            let mut refused = refuse(&state, reference, &case, false, errors, typed).await?;
            *refused.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            refused.headers_mut().insert(header::RETRY_AFTER, seconds.into());
            Ok(refused)
        }
        Err(err) => {
            let id = match err {
                ProveError::Empty => "track-error-answer-empty",
                _ => "track-error-answer-wrong",
            };
            refuse(&state, reference, &case, false, field("answer", id), typed).await
        }
    }
}
