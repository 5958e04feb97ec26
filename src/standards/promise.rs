//! What a case is promised next after it is acknowledged, in words to tell the resident:
//! the acknowledgement's due date, and the date an adviser reads out to a caller.

use std::sync::Arc;

use jiff::Timestamp;

use super::{Measure, Milestone, Rules, Standard, deadline};
use crate::cases::{CaseType, Channel};

/// The next promise: "reply by Tuesday 3 March 2026" and the standard's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promise {
    pub what: String,
    pub wording: String,
    /// The day promised, in the standard's calendar, for saying it in another language.
    pub by: jiff::civil::Date,
    /// Whether the promise is to deal with it (a resolution) rather than to reply.
    pub resolves: bool,
    /// The standard's id, whose words may be translated.
    pub standard: String,
}

/// The earliest of `running` (each running clock's due time and standard) that is not an
/// acknowledgement. With none, and the case being acknowledged at `acknowledging`, a
/// standard that starts on acknowledgement (a complaint's answer) is promised from then.
pub fn next_promise(
    rules: &Rules,
    running: impl IntoIterator<Item = (Timestamp, Arc<Standard>)>,
    channel: Channel,
    case_type: CaseType,
    service_code: &str,
    acknowledging: Option<Timestamp>,
) -> Option<Promise> {
    let mut next: Vec<(Timestamp, Arc<Standard>)> =
        running.into_iter().filter(|(_, s)| s.measures != Measure::Acknowledgement).collect();
    if let (true, Some(now)) = (next.is_empty(), acknowledging) {
        next = rules
            .current
            .iter()
            .map(|v| v.standard.clone())
            .filter(|s| s.starts == Milestone::Acknowledged && s.applies_to(channel, case_type, service_code))
            .map(|s| (deadline(&s, &rules.calendars, now, &[], 0).due, s))
            .collect();
    }
    next.sort_by_key(|(due, standard)| (*due, standard.id.clone()));
    let (due, standard) = next.into_iter().next()?;
    let by = rules.calendar(standard.calendar).local_date(due);
    let date = by.strftime("%A %-d %B %Y");
    let resolves = standard.measures == Measure::Resolution;
    let verb = if resolves { "deal with it" } else { "reply" };
    Some(Promise {
        what: format!("{verb} by {date}"),
        wording: standard.wording.clone(),
        by,
        resolves,
        standard: standard.id.to_string(),
    })
}
