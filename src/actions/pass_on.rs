//! Passing a case to another team (a hand-off): the case goes to the team with no
//! officer (and no longer to a partner), the hand-off is recorded with who and why, the
//! case's timeline says so, and the count of hand-offs between the two teams moves
//! (`Metric::Handoff`), so insight can show where cases bounce.

use sqlx::AnyConnection;

use super::{ActionError, db, event, invalid};
use crate::cases::db::ChangeStatusError;
use crate::cases::{Actor, EventKind};
use crate::casework::append_event;
use crate::forms::{Checker, OUTCOME_MAX};
use crate::rollups::{self, Delta, Metric};
use crate::standards::Rules;

pub(super) async fn pass_on(
    conn: &mut AnyConnection,
    rules: &Rules,
    case_id: i64,
    team_id: Option<i64>,
    reason: &str,
    actor: Actor,
    now: i64,
) -> Result<(), ActionError> {
    let case = crate::cases::db::get(&mut *conn, case_id).await?.ok_or(ChangeStatusError::NotFound)?;
    let mut c = Checker::default();
    let to = match team_id {
        Some(id) if id == case.team_id => {
            c.fail("team", "The case is with that team already: choose another");
            None
        }
        Some(id) => match db::team_name(&mut *conn, id).await? {
            Some(name) => Some((id, name)),
            None => {
                c.fail("team", "Choose the team to pass it to");
                None
            }
        },
        None => {
            c.fail("team", "Choose the team to pass it to");
            None
        }
    };
    let reason = c.text("pass-reason", "why it goes to that team", reason, OUTCOME_MAX, true);
    let (Some((to, to_name)), Some(reason), true) = (to, reason, c.errors.is_empty()) else {
        return Err(ActionError::Invalid(c.errors));
    };
    if !db::pass_on(&mut *conn, case_id, case.team_id, to, now).await? {
        return Err(invalid("team", "Someone passed the case on just now: look again before passing it"));
    }
    db::record_handoff(&mut *conn, case_id, case.team_id, to, actor.id, &reason, now).await?;
    let from_name = db::team_name(&mut *conn, case.team_id).await?.unwrap_or_default();
    let body = format!("Passed from {from_name} to {to_name}: {reason}");
    append_event(&mut *conn, case_id, &event(actor, EventKind::PassedOn, false, &body), rules, now).await?;
    let delta = Delta {
        day: rules.calendars.council.local_date(rollups::ts(now)),
        service_id: case.service_id,
        metric: Metric::Handoff,
        key: format!("{}:{to}", case.team_id),
        value: 1,
    };
    rollups::db::add(conn, &[delta]).await?;
    Ok(())
}
