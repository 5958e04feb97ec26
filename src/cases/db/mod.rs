//! Case queries. Every change writes its event in the caller's transaction, so a case
//! row and its timeline can never disagree.

pub mod queue;

use sqlx::any::AnyRow;

use crate::db::sql::{Bound, Sql};
use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, Row};

use super::{
    Actor, ActorKind, Case, CaseType, Channel, Event, EventKind, IllegalTransition, Location, Priority, Status,
};
use crate::db::flag;
use crate::db::vocabulary::{bad_code, by_number, code};

/// What is needed to open a case.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub case_type: CaseType,
    pub channel: Channel,
    pub service_id: i64,
    pub customer_id: Option<i64>,
    pub priority: Priority,
    pub description: String,
    pub location: Location,
    pub team_id: i64,
    pub partner_id: Option<i64>,
    /// The language the customer wrote in, used for every message to them.
    pub language: crate::language::Language,
}

/// An event to append to a case's timeline.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub actor: Actor,
    pub kind: EventKind,
    pub public: bool,
    pub body: Option<&'a str>,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
}

impl<'a> NewEvent<'a> {
    /// A note on the timeline: public ones the customer sees on their case page.
    pub fn note(actor: Actor, text: &'a str, public: bool) -> NewEvent<'a> {
        NewEvent { actor, kind: EventKind::Note, public, body: Some(text), from_status: None, to_status: None }
    }

    /// The event as stored with `id`: what reading it back would give.
    pub fn stored(&self, id: i64, case_id: i64, at: i64) -> Event {
        Event {
            id,
            case_id,
            at,
            actor: self.actor,
            kind: self.kind,
            public: self.public,
            body: self.body.map(str::to_owned),
            from_status: self.from_status,
            to_status: self.to_status,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ChangeStatusError {
    #[error("no such case")]
    NotFound,
    #[error(transparent)]
    Illegal(#[from] IllegalTransition),
    #[error("the case changed while this was being done; try again")]
    Conflict,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Inserts a case, status "received", and its "created" event's row. Returns both as
/// stored. `casework::open_case` is what callers use: it fans the event out too.
pub async fn insert(
    conn: &mut AnyConnection,
    new: &NewCase,
    actor: Actor,
    now: i64,
) -> Result<(Case, Event), sqlx::Error> {
    let loc = &new.location;
    // The ward as stored comes back too: the postcode's, when none was given.
    let (id, ward): (i64, Option<String>) = sqlx::query_as(
        "INSERT INTO cases (case_type, channel, service_id, customer_id, status, priority, \
         description, address, postcode, uprn, ward, lat_e7, lng_e7, team_id, partner_id, \
         created_at, updated_at, last_event_at, language) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
         COALESCE($11, (SELECT w.ward FROM ward_postcodes w WHERE w.postcode = $9)), $12, $13, $14, $15, $16, $16, $16, $17) \
         RETURNING id, ward",
    )
    .bind(new.case_type.as_str())
    .bind(new.channel.as_str())
    .bind(new.service_id)
    .bind(new.customer_id)
    .bind(Status::Received.as_str())
    .bind(new.priority.as_str())
    .bind(&new.description)
    .bind(loc.address.as_deref())
    .bind(loc.postcode.as_deref())
    .bind(loc.uprn)
    .bind(loc.ward.as_deref())
    .bind(loc.lat.map(to_e7))
    .bind(loc.lng.map(to_e7))
    .bind(new.team_id)
    .bind(new.partner_id)
    .bind(now)
    .bind(new.language.code)
    .fetch_one(&mut *conn)
    .await?;
    let event = NewEvent {
        actor,
        kind: EventKind::Created,
        public: true,
        body: None,
        from_status: None,
        to_status: Some(Status::Received),
    };
    let event_id = insert_event(conn, id, &event, now).await?;
    // Coordinates as a read back would give them: to the stored precision.
    let location =
        Location { lat: loc.lat.map(to_e7).map(from_e7), lng: loc.lng.map(to_e7).map(from_e7), ward, ..loc.clone() };
    let case = Case {
        id,
        case_type: new.case_type,
        channel: new.channel,
        service_id: new.service_id,
        customer_id: new.customer_id,
        status: Status::Received,
        priority: new.priority,
        description: new.description.clone(),
        location,
        team_id: new.team_id,
        officer_id: None,
        partner_id: new.partner_id,
        created_at: now,
        updated_at: now,
        language: new.language,
    };
    Ok((case, event.stored(event_id, id, now)))
}

/// Moves a case from status `from` to `to`, only if it is still at `from`: false if it
/// was not (someone else changed it first).
pub async fn set_status(
    conn: &mut AnyConnection,
    case_id: i64,
    from: Status,
    to: Status,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query("UPDATE cases SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4")
        .bind(to.as_str())
        .bind(now)
        .bind(case_id)
        .bind(from.as_str())
        .execute(conn)
        .await?;
    Ok(updated.rows_affected() == 1)
}

/// Changes a case's type (a complaint, say, that came in as an enquiry).
pub async fn set_type(conn: &mut AnyConnection, case_id: i64, to: CaseType, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE cases SET case_type = $1, updated_at = $2 WHERE id = $3")
        .bind(to.as_str())
        .bind(now)
        .bind(case_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A case's customer, if it has one.
pub async fn customer_of(conn: &mut AnyConnection, case_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT customer_id FROM cases WHERE id = $1").bind(case_id).fetch_one(conn).await
}

/// The id of a case's latest event.
pub async fn last_event_id(conn: &mut AnyConnection, case_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT MAX(id) FROM case_events WHERE case_id = $1").bind(case_id).fetch_one(conn).await
}

/// Writes one event's row, and nothing else: `casework::append_event` is the one place an
/// event is written with all that follows from it.
pub async fn insert_event(
    conn: &mut AnyConnection,
    case_id: i64,
    event: &NewEvent<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    insert_events(conn, case_id, std::slice::from_ref(event), now).await?.pop().ok_or(sqlx::Error::RowNotFound)
}

/// Writes several events of one case with one statement, in the order given, and
/// returns their ids in that order. Ids are given in the order rows are inserted (SQLite's
/// next rowid, PostgreSQL's sequence, both taken row by row as the `VALUES` list is read),
/// so the ids read back, sorted, are the events' in turn.
pub async fn insert_events(
    conn: &mut AnyConnection,
    case_id: i64,
    events: &[NewEvent<'_>],
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "INSERT INTO case_events (case_id, at, actor_kind, actor_id, kind, public, body, from_status, to_status) \
         VALUES {} RETURNING id",
        crate::db::values_list(crate::db::Backend::of(conn), events.len(), 9)
    );
    // Built from constants only; values are bound.
    let mut query = sqlx::query_scalar(AssertSqlSafe(sql));
    for event in events {
        query = query
            .bind(case_id)
            .bind(now)
            .bind(event.actor.kind.number())
            .bind(event.actor.id)
            .bind(event.kind.number())
            .bind(flag(event.public))
            .bind(event.body)
            .bind(event.from_status.map(Status::number))
            .bind(event.to_status.map(Status::number));
    }
    let mut ids: Vec<i64> = query.fetch_all(&mut *conn).await?;
    ids.sort_unstable();
    Ok(ids)
}

const CASE_COLUMNS: &str = "id, case_type, channel, service_id, customer_id, status, priority, \
     description, address, postcode, uprn, ward, lat_e7, lng_e7, team_id, officer_id, partner_id, \
     created_at, updated_at, language";

pub async fn get<'c, E>(conn: E, id: i64) -> Result<Option<Case>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    // Built from constants only; values are bound.
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1");
    let row = sqlx::query(AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?;
    row.map(|row| case_from_row(&row)).transpose()
}

/// The whole timeline of a case, oldest first.
pub async fn events<'c, E>(conn: E, case_id: i64) -> Result<Vec<Event>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let rows = sqlx::query(
        "SELECT id, case_id, at, actor_kind, actor_id, kind, public, body, from_status, \
         to_status FROM case_events WHERE case_id = $1 ORDER BY id",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(event_from_row).collect()
}

/// Up to `limit` cases after id `after`, in id order: (id, status), for checks that walk
/// every case in batches.
pub async fn statuses_after(pool: &AnyPool, after: i64, limit: i64) -> Result<Vec<(i64, Status)>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, status FROM cases WHERE id > $1 ORDER BY id LIMIT $2")
        .bind(after)
        .bind(limit)
        .fetch_all(pool)
        .await?;
    rows.iter().map(|row| Ok((row.try_get("id")?, code(row, "status", Status::parse)?))).collect()
}

/// Every event of the cases with ids from `first` to `last`, by case then in order.
pub async fn events_between(pool: &AnyPool, first: i64, last: i64) -> Result<Vec<Event>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, case_id, at, actor_kind, actor_id, kind, public, body, from_status, \
         to_status FROM case_events WHERE case_id >= $1 AND case_id <= $2 ORDER BY case_id, id",
    )
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    rows.iter().map(event_from_row).collect()
}

fn case_from_row(row: &AnyRow) -> Result<Case, sqlx::Error> {
    Ok(Case {
        id: row.try_get("id")?,
        case_type: code(row, "case_type", CaseType::parse)?,
        channel: code(row, "channel", Channel::parse)?,
        service_id: row.try_get("service_id")?,
        customer_id: row.try_get("customer_id")?,
        status: code(row, "status", Status::parse)?,
        priority: code(row, "priority", Priority::parse)?,
        description: row.try_get("description")?,
        location: Location {
            address: row.try_get("address")?,
            postcode: row.try_get("postcode")?,
            uprn: row.try_get("uprn")?,
            ward: row.try_get("ward")?,
            lat: row.try_get::<Option<i64>, _>("lat_e7")?.map(from_e7),
            lng: row.try_get::<Option<i64>, _>("lng_e7")?.map(from_e7),
        },
        team_id: row.try_get("team_id")?,
        officer_id: row.try_get("officer_id")?,
        partner_id: row.try_get("partner_id")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        language: crate::language::of_code(&row.try_get::<String, _>("language")?),
    })
}

fn event_from_row(row: &AnyRow) -> Result<Event, sqlx::Error> {
    let status = |col: &str| -> Result<Option<Status>, sqlx::Error> {
        let number: Option<i64> = row.try_get(col)?;
        number.map(|n| Status::from_number(n).ok_or_else(|| bad_code(col, &n.to_string()))).transpose()
    };
    Ok(Event {
        id: row.try_get("id")?,
        case_id: row.try_get("case_id")?,
        at: row.try_get("at")?,
        actor: Actor { kind: by_number(row, "actor_kind", ActorKind::from_number)?, id: row.try_get("actor_id")? },
        kind: by_number(row, "kind", EventKind::from_number)?,
        public: row.try_get::<i64, _>("public")? != 0,
        body: row.try_get("body")?,
        from_status: status("from_status")?,
        to_status: status("to_status")?,
    })
}

// Coordinates are stored as integer ten-millionths of a degree (about 1 cm). Integers
// are exact on both backends, and sqlx 0.9's `Any` driver binds a NULL f64 as a NULL
// f32 on PostgreSQL, which breaks a prepared statement's next non-NULL float.
pub(crate) fn to_e7(degrees: f64) -> i64 {
    (degrees * 1e7).round() as i64
}

pub(crate) fn from_e7(e7: i64) -> f64 {
    e7 as f64 / 1e7
}

/// Writes one line of the access log: who looked at which case, and at what.
/// When the case's personal data was removed (retention or erasure), if it was.
pub async fn anonymised_at(pool: &AnyPool, case_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT anonymised_at FROM cases WHERE id = $1").bind(case_id).fetch_one(pool).await
}

pub async fn record_view(pool: &AnyPool, case_id: i64, staff_id: i64, what: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO case_views (case_id, staff_id, at, what) VALUES ($1, $2, $3, $4)")
        .bind(case_id)
        .bind(staff_id)
        .bind(now)
        .bind(what)
        .execute(pool)
        .await?;
    Ok(())
}

/// A timeline entry with the name of the member of staff who caused it, if one did.
#[derive(Debug, Clone)]
pub struct TimelineEntry {
    pub event: Event,
    pub staff_name: Option<String>,
}

/// The whole timeline of a case, newest first, with staff names.
pub async fn timeline(pool: &AnyPool, case_id: i64) -> Result<Vec<TimelineEntry>, sqlx::Error> {
    // Staff (3) are named: see `cases::numbered!`.
    let rows = sqlx::query(
        "SELECT e.id, e.case_id, e.at, e.actor_kind, e.actor_id, e.kind, e.public, e.body, e.from_status, \
         e.to_status, s.name AS staff_name FROM case_events e \
         LEFT JOIN staff_users s ON e.actor_kind = 3 AND s.id = e.actor_id \
         WHERE e.case_id = $1 ORDER BY e.id DESC",
    )
    .bind(case_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| Ok(TimelineEntry { event: event_from_row(row)?, staff_name: row.try_get("staff_name")? }))
        .collect()
}

/// One line of a list of cases.
#[derive(Debug, Clone)]
pub struct Listed {
    pub id: i64,
    pub service: String,
    pub status: Status,
    pub created_at: i64,
    pub team_id: i64,
    pub partner_id: Option<i64>,
}

fn listed_from_row(row: &AnyRow) -> Result<Listed, sqlx::Error> {
    Ok(Listed {
        id: row.try_get("id")?,
        service: row.try_get("service")?,
        status: code(row, "status", Status::parse)?,
        created_at: row.try_get("created_at")?,
        team_id: row.try_get("team_id")?,
        partner_id: row.try_get("partner_id")?,
    })
}

/// A customer's cases, newest first, at most `limit`.
pub async fn for_customer(pool: &AnyPool, customer_id: i64, limit: i64) -> Result<Vec<Listed>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.id, s.name AS service, c.status, c.created_at, c.team_id, c.partner_id FROM cases c \
         JOIN services s ON s.id = c.service_id WHERE c.customer_id = $1 ORDER BY c.id DESC LIMIT $2",
    )
    .bind(customer_id)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter().map(listed_from_row).collect()
}

/// One line of the access log.
#[derive(Debug, Clone)]
pub struct AccessEntry {
    pub id: i64,
    pub at: i64,
    pub case_id: i64,
    pub staff_name: String,
    pub staff_email: String,
    pub staff_role: String,
    pub what: String,
}

/// The access log, newest first: everyone's, one case's, or one person's; a page of
/// `limit` before the entry `before`.
pub async fn access_log(
    pool: &AnyPool,
    case_id: Option<i64>,
    staff_id: Option<i64>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AccessEntry>, sqlx::Error> {
    let mut q = Sql::new(
        "SELECT v.id, v.at, v.case_id, v.what, s.name, s.email, s.role FROM case_views v \
         JOIN staff_users s ON s.id = v.staff_id",
    );
    q.where_given(&[("v.case_id = ", case_id), ("v.staff_id = ", staff_id), ("v.id < ", before)]);
    q.push(&format!(" ORDER BY v.id DESC LIMIT {limit}"));
    let rows = q.fetch_rows(pool).await?;
    rows.iter()
        .map(|row| {
            Ok(AccessEntry {
                id: row.try_get("id")?,
                at: row.try_get("at")?,
                case_id: row.try_get("case_id")?,
                staff_name: row.try_get("name")?,
                staff_email: row.try_get("email")?,
                staff_role: row.try_get("role")?,
                what: row.try_get("what")?,
            })
        })
        .collect()
}

/// The cases with these ids, as list lines, in the order given.
pub async fn listed(pool: &AnyPool, ids: &[i64]) -> Result<Vec<Listed>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new(
        "SELECT c.id, s.name AS service, c.status, c.created_at, c.team_id, c.partner_id FROM cases c \
         JOIN services s ON s.id = c.service_id WHERE c.id IN (",
    );
    for (i, id) in ids.iter().enumerate() {
        q.push_bind(if i == 0 { "" } else { ", " }, Bound::Int(*id));
    }
    q.push(")");
    let rows = q.fetch_rows(pool).await?;
    let mut found: Vec<Listed> = rows.iter().map(listed_from_row).collect::<Result<_, sqlx::Error>>()?;
    found.sort_by_key(|l| ids.iter().position(|id| *id == l.id));
    Ok(found)
}
