//! Queues: open cases in the order their deadlines fall, a page at a time.
//!
//! Every case still waiting for the council carries `queue_due_at` (its next deadline,
//! kept by `casework::append_event`), and partial indexes cover only such cases, so reading a
//! page costs the same with ten closed cases or ten million. Pages continue from the last
//! row shown (keyset), never by offset.

use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

use crate::db::sql::{Bound, Sql};

use crate::cases::{Channel, Status};
use crate::db::vocabulary::code;

/// `queue_due_at` for an open case with no deadline running: 9999-12-31, so it sorts last.
pub const NO_DEADLINE: i64 = 253_402_300_799_999;

/// The next deadline a case's `queue_due_at` holds, if a clock is running (not the
/// sorting stand-in for none, nor nothing once resolved).
pub fn deadline(queue_due_at: Option<i64>) -> Option<i64> {
    queue_due_at.filter(|d| *d < NO_DEADLINE)
}

/// Whose cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every open case (advisers, administrators).
    All,
    Team(i64),
    /// A team's cases nobody has taken yet.
    Unassigned(i64),
    /// One officer's cases.
    Officer(i64),
    /// What was routed to a partner organisation.
    Partner(i64),
}

/// How a case's deadline stands, for filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineFilter {
    Late,
    /// Due before the given time (the end of the next working day), not yet late.
    DueSoon(i64),
    /// Due after that.
    Later(i64),
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// The nearest deadline first: the work to do next.
    #[default]
    Deadline,
    /// The longest waiting first.
    Received,
}

/// Where a page starts: after this row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct After {
    pub due: i64,
    pub id: i64,
}

impl After {
    /// `DUE.ID`, as in a page link.
    pub fn parse(text: &str) -> Option<After> {
        let (due, id) = text.split_once('.')?;
        Some(After { due: due.parse().ok()?, id: id.parse().ok()? })
    }
}

impl std::fmt::Display for After {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.due, self.id)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub service_id: Option<i64>,
    pub status: Option<Status>,
    pub channel: Option<Channel>,
    pub deadline: Option<DeadlineFilter>,
    pub ward: Option<String>,
}

/// One line of a queue.
#[derive(Debug, Clone)]
pub struct Line {
    pub id: i64,
    pub service: String,
    pub status: Status,
    pub channel: Channel,
    pub created_at: i64,
    pub due_at: i64,
    pub officer: Option<String>,
    pub ward: Option<String>,
    pub team_id: i64,
    pub partner_id: Option<i64>,
}

impl Line {
    pub fn after(&self) -> After {
        After { due: self.due_at, id: self.id }
    }
}

/// A page of a queue: at most `limit` lines after `after`, and whether more follow.
pub async fn page(
    pool: &AnyPool,
    scope: Scope,
    filter: &Filter,
    sort: Sort,
    after: Option<After>,
    now: i64,
    limit: i64,
) -> Result<(Vec<Line>, bool), sqlx::Error> {
    let mut q = Sql::new(
        "SELECT c.id, s.name AS service, c.status, c.channel, c.created_at, c.queue_due_at, c.ward, c.team_id, \
         c.partner_id, o.name AS officer FROM cases c JOIN services s ON s.id = c.service_id \
         LEFT JOIN staff_users o ON o.id = c.officer_id WHERE c.queue_due_at IS NOT NULL",
    );
    match scope {
        Scope::All => {}
        Scope::Team(team) => {
            q.push_bind(" AND c.team_id = ", Bound::Int(team));
        }
        Scope::Unassigned(team) => {
            q.push_bind(" AND c.team_id = ", Bound::Int(team)).push(" AND c.officer_id IS NULL");
        }
        Scope::Officer(officer) => {
            q.push_bind(" AND c.officer_id = ", Bound::Int(officer));
        }
        Scope::Partner(partner) => {
            q.push_bind(" AND c.partner_id = ", Bound::Int(partner));
        }
    }
    if let Some(service) = filter.service_id {
        q.push_bind(" AND c.service_id = ", Bound::Int(service));
    }
    if let Some(status) = filter.status {
        q.push_bind(" AND c.status = ", Bound::Text(status.as_str().to_owned()));
    }
    if let Some(channel) = filter.channel {
        q.push_bind(" AND c.channel = ", Bound::Text(channel.as_str().to_owned()));
    }
    if let Some(ward) = &filter.ward {
        q.push_bind(" AND c.ward = ", Bound::Text(ward.clone()));
    }
    match filter.deadline {
        None => {}
        Some(DeadlineFilter::Late) => {
            q.push_bind(" AND c.queue_due_at < ", Bound::Int(now));
        }
        Some(DeadlineFilter::DueSoon(until)) => {
            q.push_bind(" AND c.queue_due_at >= ", Bound::Int(now))
                .push_bind(" AND c.queue_due_at <= ", Bound::Int(until));
        }
        Some(DeadlineFilter::Later(from)) => {
            q.push_bind(" AND c.queue_due_at > ", Bound::Int(from))
                .push_bind(" AND c.queue_due_at < ", Bound::Int(NO_DEADLINE));
        }
        Some(DeadlineFilter::None) => {
            q.push_bind(" AND c.queue_due_at = ", Bound::Int(NO_DEADLINE));
        }
    }
    let order = match (sort, after) {
        (Sort::Deadline, Some(after)) => {
            // Row values compare on both backends: (due, id) strictly after the last shown.
            q.push_bind(" AND (c.queue_due_at, c.id) > (", Bound::Int(after.due))
                .push_bind(", ", Bound::Int(after.id))
                .push(")");
            "c.queue_due_at, c.id"
        }
        (Sort::Deadline, None) => "c.queue_due_at, c.id",
        (Sort::Received, Some(after)) => {
            q.push_bind(" AND c.id > ", Bound::Int(after.id));
            "c.id"
        }
        (Sort::Received, None) => "c.id",
    };
    q.push(&format!(" ORDER BY {order} LIMIT {}", limit + 1));
    let rows = q.fetch_rows(pool).await?;
    let mut lines = rows.iter().map(line).collect::<Result<Vec<_>, _>>()?;
    let more = lines.len() as i64 > limit;
    lines.truncate(limit as usize);
    Ok((lines, more))
}

fn line(row: &AnyRow) -> Result<Line, sqlx::Error> {
    Ok(Line {
        id: row.try_get("id")?,
        service: row.try_get("service")?,
        status: code(row, "status", Status::parse)?,
        channel: code(row, "channel", Channel::parse)?,
        created_at: row.try_get("created_at")?,
        due_at: row.try_get("queue_due_at")?,
        officer: row.try_get("officer")?,
        ward: row.try_get("ward")?,
        team_id: row.try_get("team_id")?,
        partner_id: row.try_get("partner_id")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_link_reads_back_as_written() {
        let after = After { due: 1_772_000_000_000, id: 42 };
        assert_eq!(After::parse(&after.to_string()), Some(after));
        assert_eq!(After::parse("x.1"), None);
        assert_eq!(After::parse("12"), None);
    }
}
