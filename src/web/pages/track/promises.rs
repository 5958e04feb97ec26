//! Each promise on a case with its date, in the visitor's language.

use super::*;
use crate::translations::Item;

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
/// public, every one for staff. Each standard's words are in `texts`' language where
/// translated (staff pass English's, which is empty).
pub async fn promises(
    state: &AppState,
    case_id: i64,
    published_only: bool,
    language: Language,
    texts: &crate::translations::Texts,
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
        // Every way a promise can stand reads as a sentence, beside a word for its tag.
        let (outcome, status, tag) = match (clock.state, clock.due_at, clock.stopped_at) {
            (ClockState::Withdrawn, _, _) => (say("promise-withdrawn", &[]), "withdrawn", "govuk-tag--grey"),
            (ClockState::Met, _, Some(at)) => (say("promise-done", &[("date", &date(at))]), "done", "govuk-tag--green"),
            (ClockState::Missed, Some(due), Some(at)) => {
                (say("promise-late-done", &[("due", &date(due)), ("date", &date(at))]), "late", "govuk-tag--red")
            }
            (ClockState::Missed, Some(due), None) => {
                (say("promise-late", &[("due", &date(due))]), "late", "govuk-tag--red")
            }
            (ClockState::Running, Some(due), None) if due < now => {
                (say("promise-late", &[("due", &date(due))]), "late", "govuk-tag--red")
            }
            (ClockState::Paused, _, _) => (say("promise-paused", &[]), "paused", "govuk-tag--yellow"),
            (_, Some(due), _) => (say("promise-by", &[("date", &date(due))]), "due", "govuk-tag--blue"),
            _ => (say("promise-no-date", &[]), "no-date", "govuk-tag--grey"),
        };
        let status = say(&format!("promise-tag-{status}"), &[]);
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
        let title = texts.or_english(&Item::StandardTitle(standard.id.clone()), &standard.title);
        let wording = texts.or_english(&Item::StandardWording(standard.id.clone()), &standard.wording);
        promises.push(Promise {
            title_lang: texts.lang(&title),
            wording_lang: texts.lang(&wording),
            title,
            wording,
            outcome,
            status,
            tag,
            explained,
        });
    }
    Ok(promises)
}
