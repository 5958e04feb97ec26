//! Appointments with bookable services (the policy's `[[appointments]]`), each on a case
//! whose reference is the booking's. A slot is one of a weekday's sessions cut to the
//! service's length, on a day the council is open (bank holidays and closures are never
//! offered), from the shortest notice to the furthest day ahead. A slot holds `places`
//! people; the database's unique key on (service, start, place) makes double booking
//! impossible on either database, however many requests arrive at once.
//!
//! States follow FHIR's appointment vocabulary: booked, arrived (checked in at
//! reception), started, finished, cancelled, no-show. Standards measured here:
//! - appointment-started: met when it starts within the target (5 minutes) of the booked
//!   time, or of the customer's arrival when they came late (their lateness is not ours);
//! - change-notified: a change or cancellation by the council is met when its notice
//!   goes out at least the target (24 hours) before the start it changes. The notice is
//!   written to the outbox in the change's transaction, so "goes out" is that moment;
//!   delivery follows within seconds. Changes the customer makes are recorded, not measured.
//!
//! Every booking, change and cancellation is told to the customer by their channel, with
//! a calendar file (`ics.rs`): the same UID throughout, SEQUENCE raised by each change.

pub mod db;
pub mod ics;
#[cfg(test)]
mod tests;
mod words;

use jiff::civil::Date;
use sqlx::AnyConnection;

use crate::calendar::Calendar;
use crate::cases::Actor;
use crate::cases::db::NewEvent;
use crate::casework::append_event;
use crate::config::Council;
use crate::db::vocabulary::vocabulary;
use crate::outbox::Purpose;
use crate::rollups::{self, Delta};
use crate::standards::bookable::Bookable;
use crate::standards::{Measure, Rules};

use words::{Letter, letter, service_in};
pub use words::{describe, describe_in, time_of};

vocabulary! {
    /// Where an appointment is in its life.
    AppointmentState {
        Booked = "booked", "Booked";
        Arrived = "arrived", "Arrived";
        Started = "started", "Started";
        Finished = "finished", "Finished";
        Cancelled = "cancelled", "Cancelled";
        NoShow = "no_show", "Did not come";
    }
}

/// How long before an appointment a change must be told, by default (the policy's
/// change standard sets it).
const DAY_MS: i64 = 24 * 3_600_000;

/// One slot a service offers: its start and end, and how many places are left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub starts_at: i64,
    pub ends_at: i64,
    pub free: i64,
}

/// The slots of one day, before counting who has booked them: none on a day the council
/// is closed.
pub fn day_slots(b: &Bookable, calendar: &Calendar, date: Date) -> Vec<(i64, i64)> {
    if calendar.not_working(date).is_some() {
        return Vec::new();
    }
    let step = jiff::SignedDuration::from_mins(b.slot_minutes);
    let mut out = Vec::new();
    for session in b.sessions(date.weekday()) {
        let mut from = session.from;
        while let Ok(to) = from.checked_add(step) {
            if to > session.to || to <= from {
                break;
            }
            out.push((calendar.at(date, from).as_millisecond(), calendar.at(date, to).as_millisecond()));
            from = to;
        }
    }
    out
}

/// The days a resident may book on: from today to the furthest day ahead.
pub fn bookable_days(b: &Bookable, calendar: &Calendar, now: i64) -> Vec<Date> {
    let today = calendar.local_date(rollups::ts(now));
    (0..b.days_ahead).filter_map(|n| today.checked_add(jiff::Span::new().days(n)).ok()).collect()
}

/// Why a time cannot be booked.
pub fn slot_problem(b: &Bookable, calendar: &Calendar, starts_at: i64, now: i64) -> Option<String> {
    if starts_at < now + b.notice_minutes * 60_000 {
        return Some(if starts_at <= now {
            "That time has passed: choose a later one".to_owned()
        } else {
            format!("Appointments need booking at least {} minutes ahead: choose a later time", b.notice_minutes)
        });
    }
    let date = calendar.local_date(rollups::ts(starts_at));
    let days = bookable_days(b, calendar, now);
    if !days.contains(&date) {
        return Some(format!("You can book up to {} days ahead: choose an earlier day", b.days_ahead));
    }
    if let Some(reason) = calendar.not_working(date) {
        return Some(format!("We are closed on {} ({}): choose another day", date.strftime("%A %-d %B"), reason));
    }
    if !day_slots(b, calendar, date).iter().any(|(s, _)| *s == starts_at) {
        return Some("Choose one of the times offered".to_owned());
    }
    None
}

#[derive(Debug, thiserror::Error)]
pub enum AppointmentError {
    /// The time asked for cannot be booked; the message says why.
    #[error("{0}")]
    Slot(String),
    /// Someone else took the last place at that time first.
    #[error("That time was booked by someone else a moment ago: choose another")]
    Taken,
    #[error("{0}")]
    NotNow(&'static str),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Whether an appointment that started at `started` met its standard.
pub fn started_in_time(booked: i64, arrived: Option<i64>, started: i64, target_ms: i64) -> bool {
    let from = arrived.map_or(booked, |a| a.max(booked));
    started - from <= target_ms
}

/// Whether a change told at `notified` was told in time for the start it changed.
pub fn told_in_time(old_start: i64, notified: i64, target_ms: i64) -> bool {
    old_start - notified >= target_ms
}

/// What a booking was made for.
#[derive(Debug, Clone)]
pub struct Booking<'a> {
    pub bookable: &'a Bookable,
    pub service_id: i64,
    pub service_name: &'a str,
    pub case_id: i64,
    pub starts_at: i64,
    /// The member of staff who booked it for the customer; `None` for the customer.
    pub booked_by: Option<i64>,
}

fn meeting_file(
    council: &Council,
    rules: &Rules,
    a: &db::Appointment,
    service: &str,
    cancelled: bool,
    now: i64,
) -> String {
    let place = rules.policy.contact.place(&a.site);
    let reference = crate::cases::CaseRef::from_id(&council.prefix, a.case_id).to_string();
    ics::calendar(&ics::Meeting {
        uid: &a.uid,
        sequence: a.sequence,
        starts_at: a.starts_at,
        ends_at: a.ends_at,
        summary: &format!("{service} ({})", council.name),
        location: &place,
        description: &format!("Your reference is {reference}."),
        cancelled,
        organizer: &council.mail_from,
        now,
    })
}

/// Books an appointment on a case in the caller's transaction and tells the customer,
/// with a calendar file. Returns the appointment's id and the token of the customer's
/// link to change or cancel it.
pub async fn book(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    booking: &Booking<'_>,
    now: i64,
) -> Result<(i64, String), AppointmentError> {
    let b = booking.bookable;
    let calendar = &rules.calendars.council;
    if let Some(why) = slot_problem(b, calendar, booking.starts_at, now) {
        return Err(AppointmentError::Slot(why));
    }
    let ends_at = booking.starts_at + b.slot_minutes * 60_000;
    let token = crate::crypto::new_token();
    let uid = format!("appointment-{}@{}", crate::crypto::new_token(), council.mail_domain());
    let new = db::NewAppointment {
        case_id: booking.case_id,
        service_id: booking.service_id,
        site: &b.site,
        starts_at: booking.starts_at,
        ends_at,
        uid: &uid,
        token_hash: &crate::crypto::token_hash(&token),
        booked_by: booking.booked_by,
    };
    let id = db::insert(&mut *conn, &new, b.places, now).await?.ok_or(AppointmentError::Taken)?;
    let text = format!(
        "Appointment booked for {} ({}).",
        describe(calendar, booking.starts_at),
        rules.policy.contact.site(&b.site).map_or(b.site.as_str(), |p| p.name.as_str())
    );
    let actor = booking.booked_by.map_or(Actor::SYSTEM, Actor::staff);
    append_event(&mut *conn, booking.case_id, &NewEvent::note(actor, &text, true), rules, now).await?;
    // An interpreter the customer's adjustments ask for is arranged with the booking:
    // staff are told on the case, and the customer that one will be there.
    let customer = crate::cases::db::get(&mut *conn, booking.case_id).await?.and_then(|c| c.customer_id);
    let interpreters = match customer {
        Some(id) => crate::customers::db::interpreters(&mut *conn, id).await?,
        None => Vec::new(),
    };
    if !interpreters.is_empty() {
        let arrange = format!("Arrange for this appointment: {}.", interpreters.join("; "));
        append_event(&mut *conn, booking.case_id, &NewEvent::note(Actor::SYSTEM, &arrange, false), rules, now).await?;
    }
    let appointment = db::get(&mut *conn, id).await?.ok_or(AppointmentError::NotNow("The booking was not kept"))?;
    let file = meeting_file(council, rules, &appointment, booking.service_name, false, now);
    let language = crate::casework::tell::language_for(&mut *conn, booking.case_id).await?;
    let service = service_in(&mut *conn, booking.service_id, booking.service_name, language).await?;
    let booked = crate::language::text(language, "appointment-booked");
    let what = Letter {
        language,
        what: &booked,
        service: &service,
        site: &b.site,
        starts_at: booking.starts_at,
        link: &token,
    };
    let mut body = letter(council, rules, &what);
    if !interpreters.is_empty() {
        let arranged = interpreters.join("; ");
        let arranged = crate::language::text_with(language, "appointment-interpreter", &[("what", &arranged)]);
        body.push_str(&format!("\n\n{arranged}"));
    }
    crate::casework::tell::tell_with_calendar(
        &mut *conn,
        council,
        booking.case_id,
        Purpose::Acknowledgement,
        &body,
        Some(&file),
        now,
    )
    .await
    .or_else(|e| match e {
        crate::casework::tell::TellError::Db(err) => Err(err),
        _ => Ok(()),
    })?;
    Ok((id, token))
}

/// Who changes an appointment: the customer (through their link) or the council.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangedBy {
    Customer,
    Council { staff_id: i64 },
}

impl ChangedBy {
    /// The member of staff who made it, for a council change.
    pub fn staff_id(self) -> Option<i64> {
        match self {
            ChangedBy::Council { staff_id } => Some(staff_id),
            ChangedBy::Customer => None,
        }
    }
}

/// Records a change to an appointment or a visit, told at `now`. One the council made
/// (`by_council`) is measured against the change standard: its `met` is set here, and
/// the performance counts move with it. The caller leaves `met` empty.
pub async fn record_notice(
    conn: &mut AnyConnection,
    rules: &Rules,
    mut change: db::Change<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let standard = rules.policy.timed(Measure::ChangeNotified);
    change.met =
        change.by_council.then(|| told_in_time(change.old_start, now, standard.map_or(DAY_MS, |(_, target)| target)));
    db::insert_change(&mut *conn, &change, now).await?;
    if let (Some(met), Some((id, _))) = (change.met, standard) {
        let delta = rollups::kept(rules.calendars.council.local_date(rollups::ts(now)), change.service_id, id, met);
        rollups::db::add(&mut *conn, &[delta]).await?;
    }
    Ok(())
}

/// Records a change or cancellation, measures it against the change standard when the
/// council made it, and tells the customer with the updated calendar file.
#[expect(clippy::too_many_arguments, reason = "each is a distinct part of one step, taken in the caller's transaction")]
async fn record_change(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    before: &db::Appointment,
    service: &str,
    by: ChangedBy,
    reason: &str,
    now: i64,
) -> Result<(), AppointmentError> {
    let after =
        db::get(&mut *conn, before.id).await?.ok_or(AppointmentError::NotNow("There is no such appointment"))?;
    let cancelled = after.state == AppointmentState::Cancelled;
    let staff_id = by.staff_id();
    let change = db::Change {
        appointment_id: Some(before.id),
        visit_id: None,
        service_id: before.service_id,
        kind: if cancelled { "cancelled" } else { "moved" },
        by_council: staff_id.is_some(),
        old_start: before.starts_at,
        new_start: (!cancelled).then_some(after.starts_at),
        reason: (!reason.is_empty()).then_some(reason),
        staff_id,
        met: None,
    };
    record_notice(&mut *conn, rules, change, now).await?;
    let calendar = &rules.calendars.council;
    let why = if reason.is_empty() { String::new() } else { format!(" {reason}") };
    // The timeline's note in English, for staff; the customer's words in their language.
    let language = crate::casework::tell::language_for(&mut *conn, before.case_id).await?;
    let (event, what) = if cancelled {
        let was = describe_in(calendar, before.starts_at, language);
        (
            format!("Appointment on {} cancelled.{why}", describe(calendar, before.starts_at)),
            format!("{}{why}", crate::language::text_with(language, "appointment-cancelled", &[("when", &was)])),
        )
    } else {
        (
            format!(
                "Appointment moved from {} to {}.{why}",
                describe(calendar, before.starts_at),
                describe(calendar, after.starts_at)
            ),
            format!("{}{why}", crate::language::text(language, "appointment-moved")),
        )
    };
    let actor = staff_id.map_or(Actor::customer(None), Actor::staff);
    append_event(&mut *conn, before.case_id, &NewEvent::note(actor, &event, true), rules, now).await?;
    let file = meeting_file(council, rules, &after, service, cancelled, now);
    let body = if cancelled {
        let link = format!("{}/services", council.public_url);
        format!("{what}\n\n{}", crate::language::text_with(language, "appointment-book-another", &[("link", &link)]))
    } else {
        let token = match by {
            // The customer's own link still works; staff never see it, so a new one is sent.
            ChangedBy::Customer => None,
            ChangedBy::Council { .. } => Some(db::new_token(&mut *conn, before.id).await?),
        };
        let link = token.unwrap_or_else(|| crate::language::text(language, "appointment-earlier-link"));
        let service = service_in(&mut *conn, before.service_id, service, language).await?;
        let what = Letter {
            language,
            what: &what,
            service: &service,
            site: &after.site,
            starts_at: after.starts_at,
            link: &link,
        };
        letter(council, rules, &what)
    };
    crate::casework::tell::tell_with_calendar(
        &mut *conn,
        council,
        before.case_id,
        Purpose::Update,
        &body,
        Some(&file),
        now,
    )
    .await
    .or_else(|e| match e {
        crate::casework::tell::TellError::Db(err) => Err(err),
        _ => Ok(()),
    })?;
    Ok(())
}

/// An appointment still booked, with its service; `not_booked` says why not otherwise.
async fn still_booked(
    conn: &mut AnyConnection,
    id: i64,
    not_booked: &'static str,
) -> Result<(db::Appointment, crate::services::Service), AppointmentError> {
    let a = db::get(&mut *conn, id).await?.ok_or(AppointmentError::NotNow("There is no such appointment"))?;
    if a.state != AppointmentState::Booked {
        return Err(AppointmentError::NotNow(not_booked));
    }
    let service = crate::services::db::get(&mut *conn, a.service_id)
        .await?
        .ok_or(AppointmentError::NotNow("The appointment's service no longer exists"))?;
    Ok((a, service))
}

/// Moves a booked appointment to another slot of its service.
#[expect(clippy::too_many_arguments, reason = "each is a distinct part of one step, taken in the caller's transaction")]
pub async fn change(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    id: i64,
    new_start: i64,
    by: ChangedBy,
    reason: &str,
    now: i64,
) -> Result<(), AppointmentError> {
    let (before, service) = still_booked(&mut *conn, id, "Only an appointment still to come can be changed").await?;
    let b = rules
        .policy
        .bookable(&service.code)
        .ok_or(AppointmentError::NotNow("The service no longer takes appointments: cancel this one instead"))?;
    if new_start == before.starts_at {
        return Err(AppointmentError::Slot("That is the time already booked: choose another".into()));
    }
    if let Some(why) = slot_problem(b, &rules.calendars.council, new_start, now) {
        return Err(AppointmentError::Slot(why));
    }
    if !db::move_to(&mut *conn, &before, new_start, new_start + b.slot_minutes * 60_000, b.places).await? {
        return Err(AppointmentError::Taken);
    }
    record_change(conn, council, rules, &before, &service.name, by, reason, now).await
}

/// Cancels a booked appointment, freeing its place.
pub async fn cancel(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    id: i64,
    by: ChangedBy,
    reason: &str,
    now: i64,
) -> Result<(), AppointmentError> {
    let (before, service) = still_booked(&mut *conn, id, "Only an appointment still to come can be cancelled").await?;
    if !db::set_state(&mut *conn, id, AppointmentState::Booked, AppointmentState::Cancelled, now).await? {
        return Err(AppointmentError::NotNow("Someone else changed this appointment just now; look again"));
    }
    record_change(conn, council, rules, &before, &service.name, by, reason, now).await
}

/// Moves an appointment on as the day goes: arrived (checked in at reception), started
/// (measured against the standard), finished, or a no-show.
pub async fn step(
    conn: &mut AnyConnection,
    rules: &Rules,
    id: i64,
    to: AppointmentState,
    staff_id: i64,
    now: i64,
) -> Result<(), AppointmentError> {
    use AppointmentState::{Arrived, Booked, Finished, NoShow, Started};
    let a = db::get(&mut *conn, id).await?.ok_or(AppointmentError::NotNow("There is no such appointment"))?;
    let allowed =
        matches!((a.state, to), (Booked, Arrived | Started | NoShow) | (Arrived, Started) | (Started, Finished));
    if !allowed {
        return Err(AppointmentError::NotNow(match to {
            Arrived => "This appointment has already been checked in, or has ended",
            Started => "This appointment has already started, or has ended",
            Finished => "Only an appointment that has started can finish",
            NoShow => "Only a booked appointment nobody has come to can be marked as a no-show",
            _ => "That cannot be done to this appointment",
        }));
    }
    if to == NoShow && now < a.starts_at {
        return Err(AppointmentError::NotNow("An appointment can be marked as a no-show only after its time"));
    }
    if !db::set_state(&mut *conn, id, a.state, to, now).await? {
        return Err(AppointmentError::NotNow("Someone else changed this appointment just now; look again"));
    }
    if to == Started
        && let Some((standard, target)) = rules.policy.timed(Measure::AppointmentStarted)
    {
        let met = started_in_time(a.starts_at, a.arrived_at, now, target);
        db::set_measured(&mut *conn, id, met).await?;
        let day = rules.calendars.council.local_date(rollups::ts(now));
        let from = a.arrived_at.map_or(a.starts_at, |x| x.max(a.starts_at));
        let deltas = [
            rollups::kept(day, a.service_id, standard, met),
            rollups::waited(day, a.service_id, standard, &a.site, now - from),
        ];
        rollups::db::add(&mut *conn, &deltas).await?;
    }
    let text = format!("Appointment: {}.", to.label().to_lowercase());
    append_event(&mut *conn, a.case_id, &NewEvent::note(Actor::staff(staff_id), &text, false), rules, now).await?;
    Ok(())
}

/// Sends the reminders due: on a working day, from the council's opening time (not in
/// the night), for every appointment still booked up to the end of the next working day.
/// Each is sent once (`reminded_at`).
pub async fn remind(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let calendar = &rules.calendars.council;
    let today = calendar.local_date(rollups::ts(now));
    if !calendar.is_working_day(today) || now < calendar.open_of(today).as_millisecond() {
        return Ok(0);
    }
    let Ok(tomorrow) = today.tomorrow() else { return Ok(0) };
    let next = calendar.next_working_day_from(tomorrow, &mut Vec::new());
    let Ok(after) = next.tomorrow() else { return Ok(0) };
    let until = calendar.start_of(after).as_millisecond();
    let from = calendar.start_of(tomorrow).as_millisecond();
    let due = db::to_remind(&mut *conn, from, until).await?;
    for a in &due {
        if !db::mark_reminded(&mut *conn, a.id, now).await? {
            continue;
        }
        let english = crate::services::db::get(&mut *conn, a.service_id).await?.map(|s| s.name).unwrap_or_default();
        let language = crate::casework::tell::language_for(&mut *conn, a.case_id).await?;
        let service = service_in(&mut *conn, a.service_id, &english, language).await?;
        let place = rules.policy.contact.place(&a.site);
        let t = |id: &str, args: &[(&'static str, &str)]| crate::language::text_with(language, id, args);
        let when = describe_in(calendar, a.starts_at, language);
        let body = format!(
            "{}\n\n{}\n{}\n{}\n\n{}",
            t("appointment-reminder", &[]),
            t("appointment-what", &[("service", &service)]),
            t("appointment-when", &[("when", &when)]),
            t("appointment-where", &[("place", &place)]),
            t("appointment-reminder-change", &[]),
        );
        crate::casework::tell::tell_if_reachable(&mut *conn, council, a.case_id, Purpose::Update, &body, now).await?;
    }
    Ok(due.len())
}

/// The appointment and change standards' counts for a rebuild of the performance counts.
pub async fn performance_counts(pool: &sqlx::AnyPool, rules: &Rules) -> Result<Vec<Delta>, sqlx::Error> {
    let calendar = &rules.calendars.council;
    let mut out = Vec::new();
    if let Some((standard, _)) = rules.policy.timed(Measure::AppointmentStarted) {
        for (service_id, site, booked, arrived, started, met) in db::started(pool).await? {
            let day = calendar.local_date(rollups::ts(started));
            out.push(rollups::kept(day, service_id, standard, met));
            let from = arrived.map_or(booked, |x| x.max(booked));
            out.push(rollups::waited(day, service_id, standard, &site, started - from));
        }
    }
    if let Some((standard, _)) = rules.policy.timed(Measure::ChangeNotified) {
        for (service_id, at, met) in db::measured_changes(pool).await? {
            let day = calendar.local_date(rollups::ts(at));
            out.push(rollups::kept(day, service_id, standard, met));
        }
    }
    Ok(out)
}

/// The free slots of a bookable service, day by day from today to the furthest day
/// ahead, leaving out days with none. One query for the whole window.
pub async fn free_slots(
    pool: &sqlx::AnyPool,
    b: &Bookable,
    service_id: i64,
    calendar: &Calendar,
    now: i64,
) -> Result<Vec<(Date, Vec<Slot>)>, sqlx::Error> {
    let days = bookable_days(b, calendar, now);
    let (Some(first), Some(last)) = (days.first(), days.last()) else { return Ok(Vec::new()) };
    let from = calendar.start_of(*first).as_millisecond();
    let to = last.tomorrow().map_or(i64::MAX, |d| calendar.start_of(d).as_millisecond());
    let taken: std::collections::HashMap<i64, i64> = db::taken(pool, service_id, from, to).await?.into_iter().collect();
    let earliest = now + b.notice_minutes * 60_000;
    Ok(days
        .into_iter()
        .map(|date| {
            let slots = day_slots(b, calendar, date)
                .into_iter()
                .filter(|(s, _)| *s >= earliest)
                .map(|(starts_at, ends_at)| Slot {
                    starts_at,
                    ends_at,
                    free: b.places - taken.get(&starts_at).copied().unwrap_or(0),
                })
                .filter(|s| s.free > 0)
                .collect::<Vec<_>>();
            (date, slots)
        })
        .filter(|(_, slots)| !slots.is_empty())
        .collect())
}
