//! Queues: open cases in the order their deadlines fall, a page at a time.
//!
//! Every case still waiting for the council carries `queue_due_at` (its next deadline,
//! kept by `casework::clocks::sync`), and partial indexes cover only such cases, so reading a
//! page costs the same with ten closed cases or ten million. Pages continue from the last
//! row shown (keyset), never by offset.

use sqlx::any::AnyRow;
use sqlx::{AnyPool, AssertSqlSafe, Row};

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

/// Values bound to a query built a clause at a time.
enum Bind {
    Int(i64),
    Text(String),
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
    let mut clauses: Vec<String> = vec!["c.queue_due_at IS NOT NULL".to_owned()];
    let mut binds: Vec<Bind> = Vec::new();
    let mut bind = |clause: &str, value: Bind, clauses: &mut Vec<String>| {
        binds.push(value);
        clauses.push(clause.replace('?', &format!("${}", binds.len())));
    };
    match scope {
        Scope::All => {}
        Scope::Team(team) => bind("c.team_id = ?", Bind::Int(team), &mut clauses),
        Scope::Unassigned(team) => {
            bind("c.team_id = ?", Bind::Int(team), &mut clauses);
            clauses.push("c.officer_id IS NULL".to_owned());
        }
        Scope::Officer(officer) => bind("c.officer_id = ?", Bind::Int(officer), &mut clauses),
        Scope::Partner(partner) => bind("c.partner_id = ?", Bind::Int(partner), &mut clauses),
    }
    if let Some(service) = filter.service_id {
        bind("c.service_id = ?", Bind::Int(service), &mut clauses);
    }
    if let Some(status) = filter.status {
        bind("c.status = ?", Bind::Text(status.as_str().to_owned()), &mut clauses);
    }
    if let Some(channel) = filter.channel {
        bind("c.channel = ?", Bind::Text(channel.as_str().to_owned()), &mut clauses);
    }
    if let Some(ward) = &filter.ward {
        bind("c.ward = ?", Bind::Text(ward.clone()), &mut clauses);
    }
    match filter.deadline {
        None => {}
        Some(DeadlineFilter::Late) => bind("c.queue_due_at < ?", Bind::Int(now), &mut clauses),
        Some(DeadlineFilter::DueSoon(until)) => {
            bind("c.queue_due_at >= ?", Bind::Int(now), &mut clauses);
            bind("c.queue_due_at <= ?", Bind::Int(until), &mut clauses);
        }
        Some(DeadlineFilter::Later(from)) => {
            bind("c.queue_due_at > ?", Bind::Int(from), &mut clauses);
            bind("c.queue_due_at < ?", Bind::Int(NO_DEADLINE), &mut clauses);
        }
        Some(DeadlineFilter::None) => bind("c.queue_due_at = ?", Bind::Int(NO_DEADLINE), &mut clauses),
    }
    let order = match (sort, after) {
        (Sort::Deadline, Some(after)) => {
            // Row values compare on both backends: (due, id) strictly after the last shown.
            binds.push(Bind::Int(after.due));
            binds.push(Bind::Int(after.id));
            clauses.push(format!("(c.queue_due_at, c.id) > (${}, ${})", binds.len() - 1, binds.len()));
            "c.queue_due_at, c.id"
        }
        (Sort::Deadline, None) => "c.queue_due_at, c.id",
        (Sort::Received, Some(after)) => {
            bind("c.id > ?", Bind::Int(after.id), &mut clauses);
            "c.id"
        }
        (Sort::Received, None) => "c.id",
    };
    let sql = format!(
        "SELECT c.id, s.name AS service, c.status, c.channel, c.created_at, c.queue_due_at, c.ward, c.team_id, \
         c.partner_id, o.name AS officer FROM cases c JOIN services s ON s.id = c.service_id \
         LEFT JOIN staff_users o ON o.id = c.officer_id WHERE {} ORDER BY {order} LIMIT {}",
        clauses.join(" AND "),
        limit + 1
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for value in binds {
        query = match value {
            Bind::Int(n) => query.bind(n),
            Bind::Text(t) => query.bind(t),
        };
    }
    let rows = query.fetch_all(pool).await?;
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
