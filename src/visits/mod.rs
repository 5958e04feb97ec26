//! Officers' visits to residents' homes, each on a case: arranged for a time (or a
//! window) with an officer, told to the resident with a calendar file, changed or
//! cancelled under the 24-hour rule, and the officer's arrival and the outcome recorded
//! from a phone-sized page. The officer-arrived standard is met when the recorded
//! arrival is within the target (15 minutes) of the arranged time: for a window, of
//! its start or end, whichever is nearer; inside the window is always on time.
//!
//! Every officer carries an identity card whose number a resident can check at
//! `/check-officer` (`check`): whether it is a current officer's, their name and team,
//! and whether they have a visit arranged today at the resident's postcode. Nothing else.

pub mod db;

use sqlx::AnyConnection;

use crate::appointments::{self, ChangedBy, describe};
use crate::cases::db::NewEvent;
use crate::cases::{Actor, CaseRef};
use crate::casework::append_event;
use crate::config::Council;
use crate::db::vocabulary::vocabulary;
use crate::language::Language;
use crate::outbox::Purpose;
use crate::rollups::{self, Delta};
use crate::standards::{Measure, Rules};

vocabulary! {
    /// Where a visit is.
    VisitState {
        Arranged = "arranged", "Arranged";
        Arrived = "arrived", "Officer arrived";
        Done = "done", "Done";
        Cancelled = "cancelled", "Cancelled";
    }
}

/// The longest window a visit may be arranged for.
pub const WINDOW_MAX_MS: i64 = 4 * 3_600_000;

/// Whether an arrival at `arrived` keeps the arrangement.
pub fn on_time(due: i64, window_end: Option<i64>, arrived: i64, target_ms: i64) -> bool {
    let end = window_end.unwrap_or(due).max(due);
    arrived >= due - target_ms && arrived <= end + target_ms
}

/// How late the officer was, for the figures: 0 inside the window or early.
pub fn lateness(due: i64, window_end: Option<i64>, arrived: i64) -> i64 {
    (arrived - window_end.unwrap_or(due).max(due)).max(0)
}

#[derive(Debug, thiserror::Error)]
pub enum VisitError {
    #[error("{0}")]
    Field(&'static str, String),
    #[error("{0}")]
    NotNow(&'static str),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// "Monday 7 December 2026 at 9:30am" or "... between 9am and 11am".
pub fn when(rules: &Rules, due: i64, window_end: Option<i64>) -> String {
    let calendar = &rules.calendars.council;
    match window_end {
        Some(end) if end > due => {
            let to = describe(calendar, end);
            let to = to.rsplit_once(" at ").map_or(to.clone(), |(_, t)| t.to_owned());
            format!("{}, up to {to}", describe(calendar, due))
        }
        _ => describe(calendar, due),
    }
}

/// [`when`] in a language: English as it always was, another by its own words.
pub fn when_in(rules: &Rules, due: i64, window_end: Option<i64>, language: Language) -> String {
    if language == crate::language::ENGLISH {
        return when(rules, due, window_end);
    }
    let calendar = &rules.calendars.council;
    let from = appointments::describe_in(calendar, due, language);
    match window_end {
        Some(end) if end > due => {
            let to = appointments::describe_in(calendar, end, language);
            crate::language::text_with(language, "visit-window", &[("from", &from), ("to", &to)])
        }
        _ => from,
    }
}

fn file(council: &Council, v: &db::Visit, cancelled: bool, now: i64) -> String {
    let reference = CaseRef::from_id(&council.prefix, v.case_id).to_string();
    appointments::ics::calendar(&appointments::ics::Meeting {
        uid: &v.uid,
        sequence: v.sequence,
        starts_at: v.due_at,
        ends_at: v.window_end.unwrap_or(v.due_at + 3_600_000),
        summary: &format!("A visit from {} ({})", council.name, v.officer_name),
        location: "Your home",
        description: &format!(
            "Your reference is {reference}. The officer will show an identity card numbered {}: check it at {}/check-officer",
            v.id_card.as_deref().unwrap_or("(ask to see it)"),
            council.public_url
        ),
        cancelled,
        organizer: &council.mail_from,
        now,
    })
}

/// A visit to arrange.
#[derive(Debug, Clone, Copy)]
pub struct Arrange {
    pub case_id: i64,
    pub officer_id: i64,
    pub due_at: i64,
    pub window_end: Option<i64>,
    pub staff_id: i64,
}

fn check_time(due: i64, window_end: Option<i64>, now: i64) -> Result<(), VisitError> {
    if due <= now {
        return Err(VisitError::Field("when", "Choose a time that has not passed".into()));
    }
    if let Some(end) = window_end
        && (end <= due || end - due > WINDOW_MAX_MS)
    {
        return Err(VisitError::Field(
            "until",
            "The end of the window must be after its start, and within 4 hours".into(),
        ));
    }
    Ok(())
}

/// Arranges a visit in the caller's transaction and tells the resident.
pub async fn arrange(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    a: Arrange,
    now: i64,
) -> Result<i64, VisitError> {
    check_time(a.due_at, a.window_end, now)?;
    let uid = format!("visit-{}@{}", crate::crypto::new_token(), council.mail_domain());
    let id = db::insert(&mut *conn, &a, &uid, now).await?;
    let v = db::get(&mut *conn, id).await?.ok_or(VisitError::NotNow("The visit was not kept"))?;
    if v.officer_disabled {
        return Err(VisitError::Field("officer", "That officer's account is disabled: choose another".into()));
    }
    let when = when(rules, v.due_at, v.window_end);
    let text = format!("Home visit arranged: {} will visit {when}.", v.officer_name);
    append_event(&mut *conn, a.case_id, &NewEvent::note(Actor::staff(a.staff_id), &text, true), rules, now).await?;
    let language = crate::casework::tell::language_for(&mut *conn, a.case_id).await?;
    let t = |id: &str, args: &[(&'static str, &str)]| crate::language::text_with(language, id, args);
    let card = v.id_card.clone().unwrap_or_else(|| t("visit-card-unknown", &[]));
    let check = format!("{}/check-officer", council.public_url);
    let visiting = when_in(rules, v.due_at, v.window_end, language);
    let body = format!(
        "{}\n\n{}",
        t("visit-arranged", &[("officer", &v.officer_name), ("team", &v.team_name), ("when", &visiting)]),
        t("visit-card", &[("card", &card), ("link", &check)])
    );
    let ics = file(council, &v, false, now);
    tell(conn, council, a.case_id, &body, &ics, now).await?;
    Ok(id)
}

async fn tell(
    conn: &mut AnyConnection,
    council: &Council,
    case_id: i64,
    body: &str,
    ics: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    match crate::casework::tell::tell_with_calendar(conn, council, case_id, Purpose::Update, body, Some(ics), now).await
    {
        Err(crate::casework::tell::TellError::Db(err)) => Err(err),
        _ => Ok(()),
    }
}

/// Moves an arranged visit (`Some(new time)`) or cancels it (`None`), measures the
/// notice against the change standard, and tells the resident.
#[expect(clippy::too_many_arguments, reason = "each is a distinct part of one step, taken in the caller's transaction")]
pub async fn change(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    id: i64,
    to: Option<(i64, Option<i64>)>,
    by: ChangedBy,
    reason: &str,
    now: i64,
) -> Result<(), VisitError> {
    let before = db::get(&mut *conn, id).await?.ok_or(VisitError::NotNow("There is no such visit"))?;
    if before.state != VisitState::Arranged {
        return Err(VisitError::NotNow("Only a visit still to come can be changed"));
    }
    if let Some((due, end)) = to {
        check_time(due, end, now)?;
    }
    if !db::change(&mut *conn, id, to, now).await? {
        return Err(VisitError::NotNow("Someone else changed this visit just now; look again"));
    }
    let after = db::get(&mut *conn, id).await?.ok_or(VisitError::NotNow("There is no such visit"))?;
    let staff_id = by.staff_id();
    let service_id = db::service_of(&mut *conn, before.case_id).await?;
    let change = appointments::db::Change {
        appointment_id: None,
        visit_id: Some(id),
        service_id,
        kind: if to.is_none() { "cancelled" } else { "moved" },
        by_council: staff_id.is_some(),
        old_start: before.due_at,
        new_start: to.map(|(due, _)| due),
        reason: (!reason.is_empty()).then_some(reason),
        staff_id,
        met: None,
    };
    appointments::record_notice(&mut *conn, rules, change, now).await?;
    let why = if reason.is_empty() { String::new() } else { format!(" {reason}") };
    let was = when(rules, before.due_at, before.window_end);
    // The timeline's note in English, for staff; the customer's words in their language.
    let language = crate::casework::tell::language_for(&mut *conn, before.case_id).await?;
    let t = |id: &str, args: &[(&'static str, &str)]| crate::language::text_with(language, id, args);
    let was_for_them = when_in(rules, before.due_at, before.window_end, language);
    let (event, body) = match to {
        None => (
            format!("Home visit {was} cancelled.{why}"),
            format!("{}{why}", t("visit-cancelled", &[("when", &was_for_them)])),
        ),
        Some(_) => {
            let now_when = when(rules, after.due_at, after.window_end);
            let for_them = when_in(rules, after.due_at, after.window_end, language);
            let card = after.id_card.clone().unwrap_or_else(|| t("visit-card-unknown", &[]));
            let check = format!("{}/check-officer", council.public_url);
            (
                format!("Home visit moved from {was} to {now_when}.{why}"),
                format!(
                    "{}{why}\n\n{}",
                    t("visit-moved", &[("when", &for_them)]),
                    t("visit-moved-card", &[("officer", &after.officer_name), ("card", &card), ("link", &check)])
                ),
            )
        }
    };
    let actor = staff_id.map_or(Actor::customer(None), Actor::staff);
    append_event(&mut *conn, before.case_id, &NewEvent::note(actor, &event, true), rules, now).await?;
    let ics = file(council, &after, to.is_none(), now);
    tell(conn, council, before.case_id, &body, &ics, now).await?;
    Ok(())
}

/// The officer records their arrival: measured against the standard.
pub async fn arrive(
    conn: &mut AnyConnection,
    rules: &Rules,
    id: i64,
    staff_id: i64,
    now: i64,
) -> Result<bool, VisitError> {
    let v = db::get(&mut *conn, id).await?.ok_or(VisitError::NotNow("There is no such visit"))?;
    if v.state != VisitState::Arranged {
        return Err(VisitError::NotNow("This visit's arrival is already recorded, or it was cancelled"));
    }
    if !db::arrive(&mut *conn, id, now).await? {
        return Err(VisitError::NotNow("Someone else recorded this visit just now; look again"));
    }
    let (standard_id, target) =
        rules.policy.timed(Measure::OfficerArrived).map_or((None, 15 * 60_000), |(s, t)| (Some(s), t));
    let met = on_time(v.due_at, v.window_end, now, target);
    db::set_measured(&mut *conn, id, met).await?;
    let service_id = db::service_of(&mut *conn, v.case_id).await?;
    if let Some(standard) = standard_id {
        let day = rules.calendars.council.local_date(rollups::ts(now));
        let deltas = [
            rollups::kept(day, service_id, standard, met),
            rollups::waited(day, service_id, standard, "home", lateness(v.due_at, v.window_end, now)),
        ];
        rollups::db::add(&mut *conn, &deltas).await?;
    }
    let text = format!("Officer arrived{}.", if met { "" } else { ", outside the arranged time" });
    append_event(&mut *conn, v.case_id, &NewEvent::note(Actor::staff(staff_id), &text, false), rules, now).await?;
    Ok(met)
}

/// The officer records what came of the visit.
pub async fn finish(
    conn: &mut AnyConnection,
    rules: &Rules,
    id: i64,
    staff_id: i64,
    outcome: &str,
    now: i64,
) -> Result<(), VisitError> {
    let outcome = outcome.trim();
    if outcome.is_empty() {
        return Err(VisitError::Field("outcome", "Enter what came of the visit".into()));
    }
    if outcome.chars().count() > crate::forms::OUTCOME_MAX {
        return Err(VisitError::Field("outcome", format!("Enter {} characters or fewer", crate::forms::OUTCOME_MAX)));
    }
    let v = db::get(&mut *conn, id).await?.ok_or(VisitError::NotNow("There is no such visit"))?;
    if !db::finish(&mut *conn, id, outcome, now).await? {
        return Err(VisitError::NotNow("Record the officer's arrival first"));
    }
    let text = format!("Home visit: {outcome}");
    append_event(&mut *conn, v.case_id, &NewEvent::note(Actor::staff(staff_id), &text, false), rules, now).await?;
    Ok(())
}

/// The officer-arrived standard's counts for a rebuild of the performance counts.
pub async fn performance_counts(pool: &sqlx::AnyPool, rules: &Rules) -> Result<Vec<Delta>, sqlx::Error> {
    let Some((standard, _)) = rules.policy.timed(Measure::OfficerArrived) else { return Ok(Vec::new()) };
    let calendar = &rules.calendars.council;
    let mut out = Vec::new();
    for (service_id, due, end, arrived, met) in db::arrivals(pool).await? {
        let day = calendar.local_date(rollups::ts(arrived));
        out.push(rollups::kept(day, service_id, standard, met));
        out.push(rollups::waited(day, service_id, standard, "home", lateness(due, end, arrived)));
    }
    Ok(out)
}

/// What `/check-officer` may say about a card number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// No current officer has that card.
    Unknown,
    /// A current officer: their name and team, and whether they have a visit arranged
    /// today at the postcode given (`None` when no postcode was given).
    Officer { name: String, team: String, visiting: Option<bool> },
}

/// Checks a card number, and a postcode if given, for `/check-officer`.
pub async fn check(
    pool: &sqlx::AnyPool,
    rules: &Rules,
    card: &str,
    postcode: Option<&str>,
    now: i64,
) -> Result<Checked, sqlx::Error> {
    let Some((officer_id, name, team)) = db::officer_by_card(pool, card.trim()).await? else {
        return Ok(Checked::Unknown);
    };
    let visiting = match postcode {
        None => None,
        Some(postcode) => {
            let calendar = &rules.calendars.council;
            let today = calendar.local_date(rollups::ts(now));
            let from = calendar.start_of(today).as_millisecond();
            let to = today.tomorrow().map_or(from + 86_400_000, |d| calendar.start_of(d).as_millisecond());
            Some(db::visiting(pool, officer_id, postcode, from, to).await?)
        }
    };
    Ok(Checked::Officer { name, team, visiting })
}
