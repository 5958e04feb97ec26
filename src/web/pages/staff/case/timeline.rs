//! The case page's timeline in words. Events the clocks write carry their figures as JSON
//! (the standard, its dates, who approved an extension) so the clocks can be replayed from
//! them; staff read a sentence instead, never the JSON.

use crate::cases::db::TimelineEntry;
use crate::cases::{ActorKind, Event, EventKind};
use crate::clocks::{Extended, Fired, Reclassified, Started};
use crate::standards::{Milestone, Rules};
use crate::web::AppState;
use crate::web::pages::staff::when;

pub struct TimelineLine {
    pub when: String,
    pub what: &'static str,
    pub who: String,
    pub body: Option<String>,
    pub public: bool,
}

pub fn line(state: &AppState, entry: TimelineEntry) -> TimelineLine {
    let event = entry.event;
    let who = match (event.actor.kind, entry.staff_name) {
        (ActorKind::Staff, Some(name)) => name,
        (kind, _) => kind.label().to_owned(),
    };
    let rules = state.rules.get();
    let body = words(&event, &rules, |at| when(state, at));
    TimelineLine { when: when(state, event.at), what: event.kind.label(), who, body, public: event.public }
}

/// What an event says, in words: a note's or message's own words; for what the clocks
/// write, a sentence naming the promise and its date. A body that cannot be read (written
/// by an older version) is shown as it is rather than hidden.
pub fn words(event: &Event, rules: &Rules, date: impl Fn(i64) -> String) -> Option<String> {
    let title = |id: &str| rules.current(id).map_or_else(|| id.to_owned(), |v| v.standard.title.clone());
    let Some(body) = event.body.clone() else {
        return match (event.from_status, event.to_status) {
            (Some(from), Some(to)) => Some(format!("From {} to {}", from.label(), to.label())),
            _ => None,
        };
    };
    let said = match event.kind {
        EventKind::Milestone => Milestone::parse(&body).map(|m| m.label().to_owned()),
        EventKind::Reclassified => serde_json::from_str::<Reclassified>(&body)
            .ok()
            .map(|r| format!("From {} to {}: {}", r.from.label(), r.to.label().to_lowercase(), r.reason)),
        EventKind::ClockStarted => serde_json::from_str::<Started>(&body).ok().map(|s| {
            format!(
                "The promise \u{201c}{}\u{201d} started counting from {}.",
                title(&s.standard),
                date(s.from_or(event.at))
            )
        }),
        EventKind::ClockExtended => serde_json::from_str::<Extended>(&body).ok().map(|x| {
            format!(
                "The promise \u{201c}{}\u{201d} now falls due {}. Why: {}",
                title(&x.standard),
                date(x.due),
                x.reason
            )
        }),
        EventKind::ClockWarned => serde_json::from_str::<Fired>(&body)
            .ok()
            .map(|f| format!("The promise \u{201c}{}\u{201d} falls due {}.", title(&f.standard), date(f.due))),
        EventKind::ClockBreached => serde_json::from_str::<Fired>(&body).ok().map(|f| {
            format!("The promise \u{201c}{}\u{201d} was missed: it fell due {}.", title(&f.standard), date(f.due))
        }),
        EventKind::Escalated => serde_json::from_str::<Fired>(&body).ok().map(|f| {
            let promise = format!("\u{201c}{}\u{201d}, due {}", title(&f.standard), date(f.due));
            if event.actor.kind == ActorKind::Customer {
                format!("The customer asked us to chase it: {promise}, is late.")
            } else if f.team_lead.is_some() {
                format!("Passed to the team lead: {promise}, is late.")
            } else {
                format!("Late: {promise}. The team has no team lead to pass it to.")
            }
        }),
        _ => None,
    };
    Some(said.unwrap_or(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{Actor, Status};

    fn event(kind: EventKind, body: Option<&str>) -> Event {
        Event {
            id: 1,
            case_id: 1,
            at: 0,
            actor: Actor::SYSTEM,
            kind,
            public: false,
            body: body.map(str::to_owned),
            from_status: None,
            to_status: None,
        }
    }

    #[test]
    fn what_the_clocks_write_reads_as_a_sentence_and_never_as_json() {
        let policy = crate::standards::Policy::default_policy();
        let calendars = crate::calendar::Calendars::build(
            &policy.calendar,
            &crate::calendar::HolidayFile::default(),
            std::collections::BTreeMap::new(),
        );
        let versions = policy.standards.iter().map(|s| (1, s.clone())).collect();
        let rules = Rules::new(std::sync::Arc::new(policy), versions, calendars);
        let id = rules.current.first().expect("a standard").standard.id.clone();
        let title = rules.current(&id).expect("it").standard.title.clone();
        let date = |at: i64| format!("day {at}");
        let fired = format!(r#"{{"standard":"{id}","due":5}}"#);
        for (kind, body, says) in [
            (
                EventKind::ClockStarted,
                format!(r#"{{"standard":"{id}","version":1,"from":3}}"#),
                "started counting from day 3",
            ),
            (EventKind::ClockWarned, fired.clone(), "falls due day 5"),
            (EventKind::ClockBreached, fired.clone(), "was missed: it fell due day 5"),
            (EventKind::Escalated, fired.clone(), "no team lead"),
            (
                EventKind::ClockExtended,
                format!(r#"{{"standard":"{id}","by":5,"reason":"Waiting for the contractor","approver":2,"due":9}}"#),
                "now falls due day 9. Why: Waiting for the contractor",
            ),
        ] {
            let got = words(&event(kind, Some(&body)), &rules, date).expect("words");
            assert!(got.contains(says) && got.contains(&title), "{kind:?}: {got}");
            assert!(!got.contains('{'), "{kind:?}: {got}");
        }
        let mut chased = event(EventKind::Escalated, Some(&fired));
        chased.actor = Actor { kind: ActorKind::Customer, id: Some(4) };
        assert!(words(&chased, &rules, date).expect("words").starts_with("The customer asked us to chase it"));
        let note = event(EventKind::Note, Some("Rang them back."));
        assert_eq!(words(&note, &rules, date).as_deref(), Some("Rang them back."));
        let mut moved = event(EventKind::StatusChanged, None);
        (moved.from_status, moved.to_status) = (Some(Status::Received), Some(Status::InProgress));
        assert_eq!(words(&moved, &rules, date).as_deref(), Some("From Received to In progress"));
    }
}
