//! Callbacks that keep their time: a customer asks to be phoned in a window (this
//! morning or afternoon, the next working day's, or as soon as possible), an adviser
//! tries, each try is recorded, and after three tries with no answer the customer is
//! written to instead and offered another callback.
//!
//! Decisions:
//! - A morning runs from opening to 12:30, an afternoon from 12:30 to closing, by the
//!   council's opening hours. "As soon as possible" is the published promise: by the close
//!   of the working day after the request's day of receipt (`callback-made`, 1 working day;
//!   a request after closing or on a closed day counts from the next working day).
//! - The callback standard is measured here, not by a clock: the standard whose start is
//!   `callback_booked`. The first try decides it, counted on the day of the try: inside the
//!   window is met, outside it missed, whether or not the customer answered (the council
//!   rang when it said it would). A callback not tried at all counts once it is tried; the
//!   list of callbacks due shows one past its window as late.
//! - A callback is made when a try is answered. Three tries with no answer (no answer, or a
//!   voicemail left) give up: the customer gets an email saying so, with a link to ask for
//!   another; one with no email address is noted on the case for a letter (letters are a
//!   channel still to come).
//! - Booking and every try are on the case's timeline as notes, and a try is an outbound
//!   phone contact.

pub mod db;

use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::AnyConnection;

use crate::calendar::{Calendar, Receipt};
use crate::cases::db::NewEvent;
use crate::cases::{Actor, Channel};
use crate::casework::append_event;
use crate::config::Council;
use crate::contacts::Direction;
use crate::contacts::db::NewContact;
use crate::db::vocabulary::vocabulary;
use crate::outbox::Purpose;
use crate::rollups::{self, Delta};
use crate::standards::{Milestone, Rules};

vocabulary! {
    /// When a customer asked to be called.
    When {
        Asap = "asap", "As soon as possible";
        TodayMorning = "today-am", "This morning";
        TodayAfternoon = "today-pm", "This afternoon";
        NextMorning = "next-am", "The next working day, in the morning";
        NextAfternoon = "next-pm", "The next working day, in the afternoon";
    }
}

vocabulary! {
    /// What happened when an adviser rang.
    TryOutcome {
        Answered = "answered", "Answered";
        NoAnswer = "no_answer", "No answer";
        Voicemail = "voicemail", "Voicemail left";
    }
}

/// Tries with no answer before the customer is written to instead.
pub const TRIES: i64 = 3;
/// Where a morning ends and an afternoon begins.
pub const MIDDAY: (i8, i8) = (12, 30);

/// When to call, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: i64,
    pub to: i64,
    pub asap: bool,
}

/// Why a callback could not be booked or tried.
#[derive(Debug, thiserror::Error)]
pub enum CallbackError {
    /// A field at fault, named, with the sentence to show beside it.
    #[error("{field}: {message}")]
    Field { field: &'static str, message: String },
    #[error("{0}")]
    NotNow(&'static str),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

fn field(field: &'static str, message: &str) -> CallbackError {
    CallbackError::Field { field, message: message.to_owned() }
}

fn ms(t: Timestamp) -> i64 {
    t.as_millisecond()
}

fn midday(calendar: &Calendar, date: Date) -> i64 {
    date.at(MIDDAY.0, MIDDAY.1, 0, 0).to_zoned(calendar.time_zone().clone()).map_or(i64::MAX, |z| ms(z.timestamp()))
}

/// The next working day after `date`.
fn next_working(calendar: &Calendar, date: Date) -> Date {
    let after = date.tomorrow().unwrap_or(date);
    calendar.next_working_day_from(after, &mut Vec::new())
}

/// The window `when` means at `now`, or why it cannot be had.
pub fn window(when: When, calendar: &Calendar, now: i64) -> Result<Window, &'static str> {
    let at = Timestamp::from_millisecond(now).unwrap_or(Timestamp::UNIX_EPOCH);
    let today = calendar.local_date(at);
    let half = |date: Date, morning: bool| {
        let (from, to) = if morning {
            (ms(calendar.open_of(date)), midday(calendar, date))
        } else {
            (midday(calendar, date), ms(calendar.close_of(date)))
        };
        Window { from, to, asap: false }
    };
    match when {
        When::Asap => {
            let day0 = calendar.receipt_day(at, Receipt::NextWorkingDay, &mut Vec::new());
            Ok(Window { from: now, to: ms(calendar.close_of(next_working(calendar, day0))), asap: true })
        }
        When::TodayMorning | When::TodayAfternoon => {
            if !calendar.is_working_day(today) {
                return Err("We are closed today. Choose the next working day, or as soon as possible");
            }
            let w = half(today, when == When::TodayMorning);
            if w.to <= now {
                return Err("That time today has passed. Choose another");
            }
            Ok(Window { from: w.from.max(now), ..w })
        }
        When::NextMorning => Ok(half(next_working(calendar, today), true)),
        When::NextAfternoon => Ok(half(next_working(calendar, today), false)),
    }
}

/// The windows that can be chosen at `now`, in the order a form offers them.
pub fn choices(calendar: &Calendar, now: i64) -> Vec<When> {
    When::ALL.iter().copied().filter(|&w| window(w, calendar, now).is_ok()).collect()
}

/// A window in words: "Monday 7 December, between 9:00am and 12:30pm".
pub fn describe(w: &Window, calendar: &Calendar) -> String {
    let tz = calendar.time_zone().clone();
    let zoned = |t: i64| Timestamp::from_millisecond(t).unwrap_or(Timestamp::UNIX_EPOCH).to_zoned(tz.clone());
    let (from, to) = (zoned(w.from), zoned(w.to));
    let time = |z: &jiff::Zoned| z.strftime("%-I:%M%P").to_string();
    if w.asap {
        format!("as soon as we can, and by {} on {}", time(&to), to.strftime("%A %-d %B"))
    } else {
        format!("{}, between {} and {}", from.strftime("%A %-d %B"), time(&from), time(&to))
    }
}

/// The standard callbacks are measured against: the one that starts when one is booked.
pub fn standard(rules: &Rules) -> Option<&str> {
    rules.policy.standards.iter().find(|s| s.starts == Milestone::CallbackBooked).map(|s| s.id.as_str())
}

/// Books a callback on a case in the caller's transaction, and notes it on the timeline.
/// `booked_by` is the adviser who booked it, `None` for the customer's own request.
pub async fn book(
    conn: &mut AnyConnection,
    rules: &Rules,
    case_id: i64,
    phone: &str,
    when: When,
    booked_by: Option<i64>,
    now: i64,
) -> Result<(i64, Window), CallbackError> {
    let phone = phone.trim();
    if phone.is_empty() {
        return Err(field("phone", "Enter the phone number to call"));
    }
    let calendar = &rules.calendars.council;
    let w = window(when, calendar, now).map_err(|why| field("callback-when", why))?;
    let id = db::insert(&mut *conn, case_id, phone, &w, booked_by, now).await?;
    let text = format!("Callback booked: we will phone {phone} {}.", describe(&w, calendar));
    let actor = booked_by.map_or(Actor::SYSTEM, Actor::staff);
    append_event(&mut *conn, case_id, &NewEvent::note(actor, &text, false), rules, now).await?;
    Ok((id, w))
}

/// What a try came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// Answered: the callback is made.
    Made,
    /// Not answered; tries are left.
    TryAgain { tries: i64 },
    /// The last try went unanswered: the customer was written to (or, with no email
    /// address, a note asks for a letter).
    GaveUp { emailed: bool },
}

/// The callback standard's counts for a rebuild of the performance counts, from every
/// callback tried; nothing when the policy has no callback standard.
pub async fn performance_counts(pool: &sqlx::AnyPool, rules: &Rules) -> Result<Vec<Delta>, sqlx::Error> {
    match standard(rules) {
        Some(standard) => db::performance_counts(pool, &rules.calendars.council, standard).await,
        None => Ok(Vec::new()),
    }
}

/// Records a try at a callback due, in the caller's transaction.
pub async fn record_try(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    callback_id: i64,
    staff_id: i64,
    outcome: TryOutcome,
    now: i64,
) -> Result<Settled, CallbackError> {
    let Some(due) = db::get(&mut *conn, callback_id).await? else {
        return Err(CallbackError::NotNow("There is no such callback"));
    };
    if due.state != "due" {
        return Err(CallbackError::NotNow("This callback has already been made or given up"));
    }
    let tries = due.tries + 1;
    let kept = (due.tries == 0).then_some(due.window.from <= now && now <= due.window.to);
    let settled = match outcome {
        TryOutcome::Answered => Settled::Made,
        _ if tries >= TRIES => Settled::GaveUp { emailed: false },
        _ => Settled::TryAgain { tries },
    };
    let state = match settled {
        Settled::Made => "made",
        Settled::GaveUp { .. } => "gave_up",
        Settled::TryAgain { .. } => "due",
    };
    if !db::record_try(&mut *conn, callback_id, due.tries, staff_id, outcome, state, kept, now).await? {
        return Err(CallbackError::NotNow("Someone else recorded a try at this callback just now; look again"));
    }
    if let (Some(kept), Some(standard)) = (kept, standard(rules)) {
        let delta = rollups::kept(rules.calendars.council.local_date(rollups::ts(now)), due.service_id, standard, kept);
        rollups::db::add(&mut *conn, &[delta]).await?;
    }
    let contact = NewContact {
        case_id: Some(due.case_id),
        customer_id: due.customer_id,
        channel: Channel::Phone,
        direction: Direction::Outbound,
        subject: Some("Callback"),
        body: outcome.label(),
        logged_by: Some(staff_id),
        resolved_at_first_contact: false,
        demand: None,
        reason: None,
    };
    crate::contacts::db::insert(&mut *conn, &contact, None, now).await?;
    let timing = match kept {
        Some(true) => " (in the window)",
        Some(false) => " (outside the window)",
        None => "",
    };
    let text = format!("Callback try {tries} of {TRIES} to {}: {}{timing}.", due.phone, outcome.label().to_lowercase());
    append_event(&mut *conn, due.case_id, &NewEvent::note(Actor::staff(staff_id), &text, false), rules, now).await?;
    if let Settled::GaveUp { .. } = settled {
        let emailed = match due.customer_id {
            Some(id) => crate::customers::db::get(&mut *conn, id)
                .await?
                .and_then(|c| c.email)
                .is_some_and(|e| !e.trim().is_empty()),
            None => false,
        };
        if emailed {
            let language = crate::casework::tell::language_for(&mut *conn, due.case_id).await?;
            let t = |id: &str, args: &[(&'static str, &str)]| crate::language::text_with(language, id, args);
            let link = format!("{}/services/callback/report", council.public_url);
            let letter = format!(
                "{}\n\n{}\n{}",
                t("callback-gave-up", &[("tries", &TRIES.to_string()), ("phone", &due.phone)]),
                t("callback-ask-again", &[("link", &link)]),
                t("callback-or-reply", &[])
            );
            crate::casework::tell::tell_if_reachable(&mut *conn, council, due.case_id, Purpose::Update, &letter, now)
                .await?;
        } else {
            let text = format!(
                "{TRIES} tries with no answer, and the customer gave no email address: write to them, offering another callback."
            );
            append_event(&mut *conn, due.case_id, &NewEvent::note(Actor::SYSTEM, &text, false), rules, now).await?;
        }
        return Ok(Settled::GaveUp { emailed });
    }
    Ok(settled)
}

#[cfg(test)]
mod tests;
