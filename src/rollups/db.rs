//! The rollup tables: moved in the caller's transaction, read by month, and rebuilt from
//! the record when needed.

use std::collections::{BTreeMap, HashMap};

use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, Row};

use super::{Delta, Metric, MonthCount, day_number, month_number, settled, ts, working_days};
use crate::calendar::Calendar;
use crate::clocks::State;
use crate::db::{Backend, Db};

/// Adds each delta to its day and its month: one statement for both tables, whatever the
/// number of deltas (a bulk load brings thousands, and goes a table at a time), with deltas
/// to the same count merged first. Counts are written in the order of (period, metric,
/// key) before service, days before months: the triggers move the council's count for
/// each row, so every transaction takes the council's rows in one order and two can never
/// wait on each other (PostgreSQL).
///
/// One statement ([`crate::db::then`]), as a new case adds its counts twice (when it is
/// made and when it is acknowledged) and each statement is a hop to SQLite's thread.
pub async fn add(conn: &mut AnyConnection, deltas: &[Delta]) -> Result<(), sqlx::Error> {
    for (sql, counts) in statements(Backend::of(conn), deltas, Part::Connection) {
        bind(sqlx::query(AssertSqlSafe(sql)), &counts).execute(&mut *conn).await?;
    }
    Ok(())
}

/// [`add`] on a PostgreSQL connection outside the pool: a bulk load's, which writes its
/// rows with `COPY` and its counts in the same transaction. Its counts go straight to part
/// 0: a load's few connections wait little on each other's counts (each chunk writes them
/// last, just before its commit), and parts from each would take a fold of half the counts
/// at the end (20 s more at a million cases, docs/benchmarks.md).
pub async fn add_postgres(conn: &mut sqlx::PgConnection, deltas: &[Delta]) -> Result<(), sqlx::Error> {
    for (sql, counts) in statements(Backend::Postgres, deltas, Part::Zero) {
        bind(sqlx::query(AssertSqlSafe(sql)), &counts).execute(&mut *conn).await?;
    }
    Ok(())
}

/// The statements that add `deltas`, each with the counts it binds in order: one for both
/// tables when they fit, else a table at a time in chunks.
fn statements(backend: Backend, deltas: &[Delta], part: Part) -> Vec<(String, Vec<Count<'_>>)> {
    let mut days: BTreeMap<(i64, Metric, &str, i64), i64> = BTreeMap::new();
    let mut months: BTreeMap<(i64, Metric, &str, i64), i64> = BTreeMap::new();
    for d in deltas {
        *days.entry((day_number(d.day), d.metric, &d.key, d.service_id)).or_default() += d.value;
        *months.entry((month_number(d.day), d.metric, &d.key, d.service_id)).or_default() += d.value;
    }
    let [days, months] = [(Counted::Days, days), (Counted::Months, months)].map(|(table, counts)| Counts {
        table,
        part,
        rows: counts.into_iter().filter(|(_, v)| *v != 0).collect(),
    });
    if days.rows.is_empty() || months.rows.is_empty() || days.rows.len() + months.rows.len() > ADD_AT_ONCE {
        // Well inside both backends' limits on bound values.
        return [days, months]
            .into_iter()
            .flat_map(|counts| {
                counts
                    .rows
                    .chunks(ADD_AT_ONCE)
                    .map(|chunk| (counts.upsert(backend, 0, chunk.len()), chunk.to_vec()))
                    .collect::<Vec<_>>()
            })
            .collect();
    }
    let (day_sql, month_sql) =
        (days.upsert(backend, 0, days.rows.len()), months.upsert(backend, 5 * days.rows.len(), months.rows.len()));
    let mut rows = days.rows;
    rows.extend(months.rows);
    vec![(crate::db::then(backend, &day_sql, &month_sql), rows)]
}

/// Most counts written by one statement.
const ADD_AT_ONCE: usize = 5_000;

/// Which part of a count a write adds to, on PostgreSQL (migration 0048).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The connection's own: the column's default.
    Connection,
    /// Part 0, where the fold leaves every count.
    Zero,
}

/// A table of running counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Each service's counts by day.
    Days,
    /// Each service's counts by month.
    Months,
    /// The whole council's by month, kept by a trigger on [`Counted::Months`].
    CouncilMonths,
    /// The whole council's contacts by day, kept by a trigger on [`Counted::Days`].
    CouncilDays,
}

impl Counted {
    /// Every table of counts, the services' before the council's (which their triggers keep).
    pub const ALL: [Counted; 4] = [Counted::Days, Counted::Months, Counted::CouncilDays, Counted::CouncilMonths];

    /// The name readers use: a table on SQLite; on PostgreSQL a view that sums the parts.
    pub fn name(self) -> &'static str {
        match self {
            Counted::Days => "rollup_days",
            Counted::Months => "rollup_months",
            Counted::CouncilMonths => "rollup_council_months",
            Counted::CouncilDays => "rollup_council_days",
        }
    }

    /// Where the counts are stored, to write or delete them. On PostgreSQL each count is
    /// kept as up to eight parts, one for each eighth of the server's connections, so new
    /// cases on different connections do not wait on one row (migration 0048).
    pub fn stored(self, backend: Backend) -> &'static str {
        match (backend, self) {
            (Backend::Sqlite, _) => self.name(),
            (Backend::Postgres, Counted::Days) => "rollup_day_parts",
            (Backend::Postgres, Counted::Months) => "rollup_month_parts",
            (Backend::Postgres, Counted::CouncilMonths) => "rollup_council_month_parts",
            (Backend::Postgres, Counted::CouncilDays) => "rollup_council_day_parts",
        }
    }

    /// The column of its period: `day` or `month`.
    pub fn period(self) -> &'static str {
        match self {
            Counted::Days | Counted::CouncilDays => "day",
            Counted::Months | Counted::CouncilMonths => "month",
        }
    }

    /// A count's key, the part aside, in its index's order.
    fn key(self) -> &'static [&'static str] {
        match self {
            Counted::Days => &["metric", "day", "service_id", "key"],
            Counted::Months => &["month", "metric", "service_id", "key"],
            Counted::CouncilMonths => &["month", "metric", "key"],
            Counted::CouncilDays => &["metric", "day", "key"],
        }
    }
}

/// PostgreSQL: adds every count's parts into its part 0 and deletes the rest, so that a
/// count read is one row again, not up to eight. Each table is one short transaction that
/// gives up rather than wait long for a row a new case holds (a new case must never be the
/// one to fail); what it could not fold is folded next time. Housekeeping runs it every
/// hour, and a bulk load at its end. Returns how many counts took in other parts. Nothing
/// to do on SQLite.
pub async fn fold(db: &Db) -> Result<u64, sqlx::Error> {
    if db.backend() != Backend::Postgres {
        return Ok(0);
    }
    let mut folded = 0;
    for table in Counted::ALL {
        let mut tx = db.begin().await?;
        // Well under the second PostgreSQL waits before it looks for a deadlock, so that if
        // this and a new case ever wait on each other, this gives up first.
        sqlx::query("SET LOCAL lock_timeout = '200ms'").execute(&mut *tx).await?;
        match sqlx::query(AssertSqlSafe(fold_sql(table))).execute(&mut *tx).await {
            Ok(done) => {
                tx.commit().await?;
                folded += done.rows_affected();
            }
            // 55P03: lock_not_available.
            Err(sqlx::Error::Database(err)) if err.code().as_deref() == Some("55P03") => {
                tracing::info!(table = table.name(), "left the counts' parts for next time: a row was in use");
            }
            Err(err) => return Err(err),
        }
    }
    Ok(folded)
}

/// One table's fold: its parts other than 0, taken in the key's order and never waited
/// for (`SKIP LOCKED`: a row a new case holds is left for next time), deleted and added
/// to part 0 in the same order.
fn fold_sql(table: Counted) -> String {
    let stored = table.stored(Backend::Postgres);
    let key = table.key().join(", ");
    let matched = table.key().iter().map(|c| format!("p.{c} = l.{c}")).collect::<Vec<_>>().join(" AND ");
    format!(
        "WITH locked AS (SELECT {key}, part FROM {stored} WHERE part <> 0 ORDER BY {key}, part FOR UPDATE SKIP LOCKED), \
         moved AS (DELETE FROM {stored} p USING locked l WHERE {matched} AND p.part = l.part RETURNING p.*) \
         INSERT INTO {stored} ({key}, part, value) \
         SELECT {key}, 0, SUM(value) FROM moved GROUP BY {key} ORDER BY {key} \
         ON CONFLICT ({key}, part) DO UPDATE SET value = {stored}.value + excluded.value"
    )
}

/// A count to add: ((period, metric, key, service), value).
type Count<'a> = ((i64, Metric, &'a str, i64), i64);

/// One table's counts to add, in order.
struct Counts<'a> {
    table: Counted,
    part: Part,
    rows: Vec<Count<'a>>,
}

impl Counts<'_> {
    /// The insert of `rows` counts, with its values bound after `before` others.
    /// On PostgreSQL the part is the column's default, the connection's, unless it is
    /// [`Part::Zero`] (migration 0048).
    fn upsert(&self, backend: Backend, before: usize, rows: usize) -> String {
        let Counts { table, part, .. } = self;
        let (table, column) = (table.stored(backend), table.period());
        let values = crate::db::values_list_after(backend, before, rows, 5);
        let (conflict, named, values) = match (backend, part) {
            (Backend::Sqlite, _) => ("", "", values),
            (Backend::Postgres, Part::Connection) => (", part", "", values),
            // The same placeholders, each row with its part written in.
            (Backend::Postgres, Part::Zero) => (", part", ", part", values.replace(')', ", 0)")),
        };
        format!(
            "INSERT INTO {table} ({column}, service_id, metric, key, value{named}) VALUES {values} \
             ON CONFLICT ({column}, metric, service_id, key{conflict}) DO UPDATE SET value = {table}.value + excluded.value"
        )
    }
}

/// Binds each count's five values, in the order [`Counts::upsert`] names them.
fn bind<'q, DB: sqlx::Database>(
    mut query: sqlx::query::Query<'q, DB, DB::Arguments>,
    rows: &[Count<'_>],
) -> sqlx::query::Query<'q, DB, DB::Arguments>
where
    i64: for<'e> sqlx::Encode<'e, DB> + sqlx::Type<DB>,
    String: for<'e> sqlx::Encode<'e, DB> + sqlx::Type<DB>,
    &'static str: sqlx::Encode<'static, DB> + sqlx::Type<DB>,
{
    for ((period, metric, key, service), value) in rows {
        query = query.bind(*period).bind(*service).bind(metric.as_str()).bind((*key).to_owned()).bind(*value);
    }
    query
}

/// A clock as stored before a sync rewrites it.
#[derive(Debug, Clone)]
pub struct StoredClock {
    pub standard_id: String,
    pub state: State,
    pub breached: bool,
    pub due_at: Option<i64>,
    pub stopped_at: Option<i64>,
}

impl From<&crate::clocks::Clock> for StoredClock {
    fn from(c: &crate::clocks::Clock) -> Self {
        StoredClock {
            standard_id: c.standard.id.clone(),
            state: c.state,
            breached: c.breached,
            due_at: c.due().map(jiff::Timestamp::as_millisecond),
            stopped_at: c.stopped_at.map(jiff::Timestamp::as_millisecond),
        }
    }
}

/// The deltas that take a case's clocks and resolution from `before` to `after`: what
/// no longer counts is taken off, what now counts is added, and what is unchanged
/// cancels out.
pub fn case_deltas(
    calendar: &Calendar,
    service_id: i64,
    received_at: i64,
    before: (&[StoredClock], Option<i64>),
    after: (&[StoredClock], Option<i64>),
) -> Vec<Delta> {
    let mut counts: BTreeMap<(jiff::civil::Date, Metric, String), i64> = BTreeMap::new();
    let mut tally = |clocks: &[StoredClock], resolved_at: Option<i64>, sign: i64| {
        for c in clocks {
            if let Some((metric, at)) = settled(c.state, c.breached, c.due_at, c.stopped_at) {
                *counts.entry((calendar.local_date(ts(at)), metric, c.standard_id.clone())).or_default() += sign;
            }
        }
        if let Some(at) = resolved_at {
            let days = working_days(calendar, received_at, at).to_string();
            *counts.entry((calendar.local_date(ts(at)), Metric::Resolved, days)).or_default() += sign;
        }
    };
    tally(before.0, before.1, -1);
    tally(after.0, after.1, 1);
    counts
        .into_iter()
        .filter(|(_, v)| *v != 0)
        .map(|((day, metric, key), value)| Delta { day, service_id, metric, key, value })
        .collect()
}

/// Monthly counts from `first_month` on, summed over the given services (all when
/// `None`): the counts a [`Month`](super::Month) reads ([`Metric::in_month`]), not the
/// insight report's, which were two thirds of the rows and of the performance page's time
/// at ten million cases (docs/benchmarks.md, 7 December evening).
///
/// A month's counts of one metric come as one row, `key=value` pairs joined by commas
/// (keys are codes, standard ids and numbers: no commas or `=`, see `standards::policy`).
/// A year is about 1,200 counts but fewer than 100 such rows, and on SQLite each row is a
/// hop between the connection's thread and the page's: most of the performance page's time
/// when each count was a row of its own (docs/benchmarks.md).
pub async fn months(
    pool: &AnyPool,
    first_month: i64,
    services: Option<&[i64]>,
) -> Result<Vec<MonthCount>, sqlx::Error> {
    // Codes of our own vocabulary, not input: written into the statement.
    let metrics = Metric::ALL.iter().filter(|m| m.in_month()).map(|m| format!("'{}'", m.as_str()));
    let metrics = format!(" AND metric IN ({})", metrics.collect::<Vec<_>>().join(", "));
    let counts = match services {
        // The whole council's, summed as they are written.
        None => format!("SELECT month, metric, key, value FROM rollup_council_months WHERE month >= $1{metrics}"),
        Some(_) => format!(
            "SELECT month, metric, key, SUM(value) AS value FROM rollup_months WHERE month >= $1{metrics}{} \
             GROUP BY month, metric, key",
            service_filter(services)
        ),
    };
    let sql = format!(
        "SELECT month, metric, string_agg(key || '=' || CAST(value AS TEXT), ',' ORDER BY key) AS pairs \
         FROM ({counts}) counts WHERE value <> 0 GROUP BY month, metric ORDER BY month, metric"
    );
    let rows = sqlx::query(AssertSqlSafe(sql)).bind(first_month).fetch_all(pool).await?;
    let mut out = Vec::new();
    for r in &rows {
        let month: i64 = r.try_get("month")?;
        let Some(metric) = Metric::parse(&r.try_get::<String, _>("metric")?) else { continue };
        let pairs: String = r.try_get("pairs")?;
        for pair in pairs.split(',') {
            let Some((key, value)) = pair.rsplit_once('=') else { continue };
            let Ok(value) = value.parse() else { continue };
            out.push(MonthCount { month, metric, key: key.to_owned(), value });
        }
    }
    Ok(out)
}

/// One row of the open data: a month's count for one service.
#[derive(Debug, Clone)]
pub struct ServiceMonth {
    pub month: i64,
    pub service_id: i64,
    pub metric: Metric,
    pub key: String,
    pub value: i64,
}

/// Every monthly count from `first_month` on, by service, in a stable order.
pub async fn by_service(
    pool: &AnyPool,
    first_month: i64,
    services: Option<&[i64]>,
) -> Result<Vec<ServiceMonth>, sqlx::Error> {
    let filter = service_filter(services);
    let sql = format!(
        "SELECT month, service_id, metric, key, value FROM rollup_months WHERE month >= $1 AND value <> 0{filter} \
         ORDER BY month, service_id, metric, key"
    );
    let rows = sqlx::query(AssertSqlSafe(sql)).bind(first_month).fetch_all(pool).await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            Some(ServiceMonth {
                month: r.try_get("month").ok()?,
                service_id: r.try_get("service_id").ok()?,
                metric: Metric::parse(&r.try_get::<String, _>("metric").ok()?)?,
                key: r.try_get("key").ok()?,
                value: r.try_get("value").ok()?,
            })
        })
        .collect())
}

/// Open cases past the date of a promise right now, for the given services.
pub async fn open_past_date(pool: &AnyPool, now: i64, services: Option<&[i64]>) -> Result<i64, sqlx::Error> {
    let filter = service_filter(services);
    let sql = format!("SELECT COUNT(*) FROM cases WHERE queue_due_at IS NOT NULL AND queue_due_at < $1{filter}");
    sqlx::query_scalar(AssertSqlSafe(sql)).bind(now).fetch_one(pool).await
}

/// " AND service_id IN (...)" for the given services, or nothing for all. Ids are numbers
/// from the database, so they go into the SQL text as numbers.
fn service_filter(services: Option<&[i64]>) -> String {
    match services {
        None => String::new(),
        Some([]) => " AND service_id IN (NULL)".to_owned(),
        Some(ids) => {
            format!(" AND service_id IN ({})", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))
        }
    }
}

/// Throws the rollups away and counts everything again from cases, clocks, feedback and
/// escalations, with `more` counted elsewhere (the phone standard's, from
/// `calls::db::performance_counts`): for a database written before rollups, or history
/// loaded in bulk. Returns how many daily counts it wrote.
pub async fn rebuild(db: &Db, calendar: &Calendar, more: Vec<Delta>) -> Result<usize, sqlx::Error> {
    let mut days: HashMap<(jiff::civil::Date, i64, Metric, String), i64> = HashMap::new();
    let mut count = |at: i64, service: i64, metric: Metric, key: String| {
        *days.entry((calendar.local_date(ts(at)), service, metric, key)).or_default() += 1;
    };
    let pool = db.reader();
    for r in sqlx::query("SELECT service_id, channel, created_at, resolved_at FROM cases").fetch_all(pool).await? {
        let service: i64 = r.try_get("service_id")?;
        let created: i64 = r.try_get("created_at")?;
        count(created, service, Metric::Received, r.try_get("channel")?);
        if let Some(resolved) = r.try_get::<Option<i64>, _>("resolved_at")? {
            count(resolved, service, Metric::Resolved, working_days(calendar, created, resolved).to_string());
        }
    }
    let clocks = "SELECT c.service_id, k.standard_id, k.state, k.breached, k.due_at, k.stopped_at FROM clocks k \
                  JOIN cases c ON c.id = k.case_id";
    for r in sqlx::query(clocks).fetch_all(pool).await? {
        let state = State::parse(&r.try_get::<String, _>("state")?).unwrap_or(State::Running);
        if let Some((metric, at)) =
            settled(state, r.try_get::<i64, _>("breached")? == 1, r.try_get("due_at")?, r.try_get("stopped_at")?)
        {
            count(at, r.try_get("service_id")?, metric, r.try_get("standard_id")?);
        }
    }
    let feedback =
        "SELECT c.service_id, f.at, f.solved, f.rating FROM case_feedback f JOIN cases c ON c.id = f.case_id";
    for r in sqlx::query(feedback).fetch_all(pool).await? {
        let (service, at): (i64, i64) = (r.try_get("service_id")?, r.try_get("at")?);
        let solved = if r.try_get::<i64, _>("solved")? == 1 { "yes" } else { "no" };
        count(at, service, Metric::Solved, solved.to_owned());
        if let Some(rating) = r.try_get::<Option<i64>, _>("rating")? {
            count(at, service, Metric::Rating, rating.to_string());
        }
    }
    // Escalations (11) by the customer (2): see `cases::numbered!`.
    let escalated = "SELECT c.service_id, e.at FROM case_events e JOIN cases c ON c.id = e.case_id \
                     WHERE e.kind = 11 AND e.actor_kind = 2";
    for r in sqlx::query(escalated).fetch_all(pool).await? {
        count(r.try_get("at")?, r.try_get("service_id")?, Metric::Escalated, String::new());
    }
    // Contacts from customers, by class and by ward (see `casework::record_contact`).
    let contacts = "SELECT k.at, k.channel, k.demand, c.service_id, c.ward FROM contacts k \
                    LEFT JOIN cases c ON c.id = k.case_id WHERE k.demand IS NOT NULL";
    for r in sqlx::query(contacts).fetch_all(pool).await? {
        let (at, channel, demand): (i64, String, String) =
            (r.try_get("at")?, r.try_get("channel")?, r.try_get("demand")?);
        let service = r.try_get::<Option<i64>, _>("service_id")?.unwrap_or(0);
        count(at, service, Metric::Contacts, super::contact_key(&channel, &demand));
        if let Some(ward) = r.try_get::<Option<String>, _>("ward")? {
            count(at, service, Metric::WardContacts, super::ward_key(&ward, &channel));
        }
    }
    // Hand-offs between teams (see `actions::pass_on`).
    let handoffs =
        "SELECT c.service_id, h.at, h.from_team, h.to_team FROM case_handoffs h JOIN cases c ON c.id = h.case_id";
    for r in sqlx::query(handoffs).fetch_all(pool).await? {
        let (from, to): (i64, i64) = (r.try_get("from_team")?, r.try_get("to_team")?);
        count(r.try_get("at")?, r.try_get("service_id")?, Metric::Handoff, format!("{from}:{to}"));
    }
    let mut deltas: Vec<Delta> = days
        .into_iter()
        .map(|((day, service_id, metric, key), value)| Delta { day, service_id, metric, key, value })
        .collect();
    deltas.extend(more);
    let mut tx = db.begin().await?;
    // The council's last: left at nought by the deletes' triggers.
    for table in Counted::ALL {
        sqlx::query(AssertSqlSafe(format!("DELETE FROM {}", table.stored(db.backend())))).execute(&mut *tx).await?;
    }
    add(&mut tx, &deltas).await?;
    tx.commit().await?;
    Ok(deltas.len())
}

/// Whether there are cases but no counts: a database written before rollups existed,
/// whose figures must be counted once before any change moves them.
pub async fn needs_rebuild(db: &Db) -> Result<bool, sqlx::Error> {
    // The stored rows: on PostgreSQL the view would sum them all first.
    let sql = format!("SELECT day FROM {} LIMIT 1", Counted::Days.stored(db.backend()));
    let counted: Option<i64> = sqlx::query_scalar(AssertSqlSafe(sql)).fetch_optional(db.reader()).await?;
    let cases: Option<i64> = sqlx::query_scalar("SELECT id FROM cases LIMIT 1").fetch_optional(db.reader()).await?;
    Ok(counted.is_none() && cases.is_some())
}

/// Every daily count, for tests that hold the running counts to a rebuild.
pub async fn all_days(pool: &AnyPool) -> Result<Vec<(i64, i64, String, String, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT day, service_id, metric, key, value FROM rollup_days WHERE value <> 0 \
         ORDER BY day, service_id, metric, key",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("day")?,
                r.try_get("service_id")?,
                r.try_get("metric")?,
                r.try_get("key")?,
                r.try_get("value")?,
            ))
        })
        .collect()
}

/// Every monthly count, the council's summed months after them (service 0), for tests that
/// hold the running counts to a rebuild.
pub async fn all_months(pool: &AnyPool) -> Result<Vec<(i64, i64, String, String, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT month, service_id, metric, key, value FROM rollup_months WHERE value <> 0 \
         UNION ALL SELECT month, 0, metric, key, value FROM rollup_council_months WHERE value <> 0 \
         ORDER BY 2, 1, 3, 4",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("month")?,
                r.try_get("service_id")?,
                r.try_get("metric")?,
                r.try_get("key")?,
                r.try_get("value")?,
            ))
        })
        .collect()
}
