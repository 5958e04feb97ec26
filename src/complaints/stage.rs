//! Which stage a complaint is at, from its events alone.

use crate::cases::{Event, EventKind, Status};
use crate::standards::Milestone;

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Stage 1, and whether it has been answered (resolved).
    One { answered: bool },
    /// Stage 2 has been asked for; whether it is acknowledged, and answered.
    Two { acknowledged: bool, answered: bool },
}

/// Reads the stage from the timeline: a stage 2 request moves it on, and a resolution
/// answers whichever stage it is at.
pub fn stage(events: &[Event]) -> Stage {
    let mut stage = Stage::One { answered: false };
    for e in events {
        let milestone =
            (e.kind == EventKind::Milestone).then(|| e.body.as_deref().and_then(Milestone::parse)).flatten();
        stage = match (stage, milestone) {
            (Stage::One { .. }, Some(Milestone::Stage2Requested)) => {
                Stage::Two { acknowledged: false, answered: false }
            }
            (Stage::Two { answered, .. }, Some(Milestone::Stage2Acknowledged)) => {
                Stage::Two { acknowledged: true, answered }
            }
            (s, _) if e.kind == EventKind::StatusChanged && e.to_status == Some(Status::Resolved) => match s {
                Stage::One { .. } => Stage::One { answered: true },
                Stage::Two { acknowledged, .. } => Stage::Two { acknowledged, answered: true },
            },
            (s, _) => s,
        };
    }
    stage
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::Actor;

    fn event(kind: EventKind, body: Option<&str>, to: Option<Status>) -> Event {
        Event {
            id: 0,
            case_id: 1,
            at: 0,
            actor: Actor::SYSTEM,
            kind,
            public: true,
            body: body.map(str::to_owned),
            from_status: None,
            to_status: to,
        }
    }

    #[test]
    fn a_complaint_moves_through_its_stages_by_its_events() {
        let mut events = vec![event(EventKind::Created, None, Some(Status::Received))];
        assert_eq!(stage(&events), Stage::One { answered: false });
        events.push(event(EventKind::StatusChanged, None, Some(Status::Resolved)));
        assert_eq!(stage(&events), Stage::One { answered: true });
        events.push(event(EventKind::Milestone, Some("stage2_requested"), None));
        assert_eq!(stage(&events), Stage::Two { acknowledged: false, answered: false });
        events.push(event(EventKind::StatusChanged, None, Some(Status::Reopened)));
        events.push(event(EventKind::Milestone, Some("stage2_acknowledged"), None));
        assert_eq!(stage(&events), Stage::Two { acknowledged: true, answered: false });
        events.push(event(EventKind::StatusChanged, None, Some(Status::Resolved)));
        assert_eq!(stage(&events), Stage::Two { acknowledged: true, answered: true });
    }
}
