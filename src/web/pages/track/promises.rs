//! Each promise on a case with its date, in the visitor's language.

use super::*;

/// "Tuesday 3 March 2026" in the council's time zone, in a language.
pub fn date_in(state: &AppState, language: Language, at: i64) -> String {
    let at = Timestamp::from_millisecond(at).unwrap_or(Timestamp::UNIX_EPOCH);
    i18n::date(language, state.rules.get().calendars.council.local_date(at))
}

/// "Tuesday 3 March 2026" in the council's time zone, in English (staff pages).
pub fn date(state: &AppState, at: i64) -> String {
    date_in(state, i18n::ENGLISH, at)
}

/// Each promise made about a case, with how it stands: the published ones for the
/// public, every one for staff.
pub async fn promises(
    state: &AppState,
    case_id: i64,
    published_only: bool,
    language: Language,
) -> Result<Vec<Promise>, AppError> {
    let rules = state.rules.get();
    let now = now_ms();
    let date = |at: i64| date_in(state, language, at);
    let say = |id: &str, args: &[(&'static str, &str)]| i18n::text_with(language, id, args);
    // Staff see how each date was worked out, replayed from the case's events.
    let replayed = if published_only {
        Vec::new()
    } else {
        clocks::replay(&cases::db::events(state.db.reader(), case_id).await?, &rules)
    };
    let mut promises = Vec::new();
    for clock in clocks::db::for_case(state.db.reader(), case_id).await? {
        let Some(standard) = rules.version(&clock.standard_id, clock.standard_version) else { continue };
        // A promise withdrawn because the case changed type is no longer made to the public.
        if published_only && (!standard.published || clock.state == ClockState::Withdrawn) {
            continue;
        }
        let (outcome, tag) = match (clock.state, clock.due_at, clock.stopped_at) {
            (ClockState::Withdrawn, _, _) => (say("promise-withdrawn", &[]), "govuk-tag--grey"),
            (ClockState::Met, _, Some(at)) => (say("promise-done", &[("date", &date(at))]), "govuk-tag--green"),
            (ClockState::Missed, Some(due), Some(at)) => {
                (say("promise-late-done", &[("due", &date(due)), ("date", &date(at))]), "govuk-tag--red")
            }
            (ClockState::Missed, Some(due), None) => (say("promise-late", &[("due", &date(due))]), "govuk-tag--red"),
            (ClockState::Running, Some(due), None) if due < now => {
                (say("promise-late", &[("due", &date(due))]), "govuk-tag--red")
            }
            (ClockState::Paused, _, _) => (say("promise-paused", &[]), "govuk-tag--yellow"),
            (_, Some(due), _) => (say("promise-by", &[("date", &date(due))]), "govuk-tag--blue"),
            _ => (say("promise-no-date", &[]), "govuk-tag--grey"),
        };
        let explained = replayed.iter().find(|c| c.standard.id == clock.standard_id).and_then(|c| {
            let d = c.deadline.as_ref()?;
            let calendar = rules.calendar(standard.calendar);
            let when = |t: jiff::Timestamp| {
                t.to_zoned(calendar.time_zone().clone()).strftime("%A %-d %B %Y, %H:%M").to_string()
            };
            Some(Explained {
                allowed: d.allowed.to_string(),
                started: when(d.started),
                due: when(d.due),
                skipped: d
                    .skipped
                    .iter()
                    .map(|s| format!("{}: {}", s.date.strftime("%A %-d %B %Y"), s.reason))
                    .collect(),
            })
        });
        promises.push(Promise {
            title: standard.title.clone(),
            wording: standard.wording.clone(),
            outcome,
            tag,
            explained,
        });
    }
    Ok(promises)
}
