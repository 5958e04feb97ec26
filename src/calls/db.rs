//! Calls as rows: storing a batch of records (an upsert by call id), each touched day's
//! counts recomputed from the rows, the phone standard's met and missed moved in the
//! performance counts, and the reads behind the report and the expected wait.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, Row};

use super::{CallRecord, Counts, Measure, Outcome, Waited};
use crate::calendar::Calendar;
use crate::db::{Backend, values_list};
use crate::rollups::{self, Delta, Metric, day_number, ts};

/// The phone standard a batch is measured against.
#[derive(Debug, Clone)]
pub struct Against<'a> {
    pub standard: &'a str,
    pub measure: Measure,
    pub calendar: &'a Calendar,
}

/// What storing a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stored {
    /// Records for calls not seen before.
    pub added: usize,
    /// Records for calls already stored: each replaced the stored one, unless it was an
    /// older version.
    pub updated: usize,
    /// Queue-days whose counts were worked out again.
    pub days: usize,
    /// The places in the batch of calls not held before that ended with the caller taking
    /// a callback and that give the caller's number: each is a callback to make.
    pub new_callbacks: Vec<usize>,
}

/// Rows in one statement: 9 values each, well inside both databases' limits.
const CHUNK: usize = 500;

/// Stores the records in the caller's transaction. A record for a call already stored
/// replaces it unless it is an older version. The counts of every queue-day a record
/// was in, before or after, are worked out again from the rows, and the phone
/// standard's met and missed move in the performance counts by the difference.
pub async fn store(
    conn: &mut AnyConnection,
    records: &[CallRecord],
    against: &Against<'_>,
) -> Result<Stored, sqlx::Error> {
    let backend = Backend::of(conn);
    let calendar = against.calendar;
    let mut touched: BTreeSet<(String, Date)> = BTreeSet::new();
    let mut stored = Stored::default();
    for (n, chunk) in records.chunks(CHUNK).enumerate() {
        let sql = format!(
            "SELECT call_id, queue, enqueued_at FROM calls WHERE call_id IN ({})",
            placeholders(backend, chunk.len())
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for r in chunk {
            query = query.bind(r.call_id.as_str());
        }
        let before = query.fetch_all(&mut *conn).await?;
        stored.updated += before.len();
        stored.added += chunk.len() - before.len();
        let mut held = BTreeSet::new();
        for row in before {
            let at: i64 = row.try_get("enqueued_at")?;
            touched.insert((row.try_get("queue")?, calendar.local_date(ts(at))));
            held.insert(row.try_get::<String, _>("call_id")?);
        }
        for (i, r) in chunk.iter().enumerate() {
            if r.outcome == Outcome::Callback && r.caller.is_some() && !held.contains(&r.call_id) {
                stored.new_callbacks.push(n * CHUNK + i);
            }
        }
        for r in chunk {
            touched.insert((r.queue.clone(), calendar.local_date(ts(r.enqueued_at))));
        }
        let sql = format!(
            "INSERT INTO calls (call_id, queue, enqueued_at, answered_at, ended_at, outcome, wait_ms, version) VALUES {} \
             ON CONFLICT (call_id) DO UPDATE SET queue = excluded.queue, enqueued_at = excluded.enqueued_at, \
             answered_at = excluded.answered_at, ended_at = excluded.ended_at, outcome = excluded.outcome, \
             wait_ms = excluded.wait_ms, version = excluded.version WHERE excluded.version >= calls.version",
            values_list(backend, chunk.len(), 8)
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for r in chunk {
            query = query
                .bind(r.call_id.as_str())
                .bind(r.queue.as_str())
                .bind(r.enqueued_at)
                .bind(r.answered_at)
                .bind(r.ended_at)
                .bind(r.outcome.as_str())
                .bind(r.wait_ms())
                .bind(r.version);
        }
        query.execute(&mut *conn).await?;
    }
    let mut deltas = Vec::new();
    for (queue, day) in &touched {
        let (from, to) = day_span(calendar, *day)?;
        let rows = sqlx::query(
            "SELECT outcome, wait_ms FROM calls WHERE queue = $1 AND enqueued_at >= $2 AND enqueued_at < $3",
        )
        .bind(queue.as_str())
        .bind(from)
        .bind(to)
        .fetch_all(&mut *conn)
        .await?;
        let mut counts = Counts::default();
        for row in rows {
            counts.add(waited(&row)?, against.measure);
        }
        let number = day_number(*day);
        let old = sqlx::query(
            "SELECT standard, answered, abandoned, short_abandoned, answered_within_target FROM call_days \
             WHERE day = $1 AND queue = $2",
        )
        .bind(number)
        .bind(queue.as_str())
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(old) = old {
            let (met, missed) = met_missed(&old)?;
            let standard: String = old.try_get("standard")?;
            deltas.push(delta(*day, Metric::Met, &standard, -met));
            deltas.push(delta(*day, Metric::Missed, &standard, -missed));
        }
        let (met, missed) = counts.met_missed();
        deltas.push(delta(*day, Metric::Met, against.standard, met));
        deltas.push(delta(*day, Metric::Missed, against.standard, missed));
        sqlx::query(
            "INSERT INTO call_days (day, queue, standard, offered, answered, abandoned, short_abandoned, callbacks, \
             overflowed, answered_within_target, answer_wait_ms, longest_wait_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
             ON CONFLICT (day, queue) DO UPDATE SET standard = excluded.standard, offered = excluded.offered, \
             answered = excluded.answered, abandoned = excluded.abandoned, short_abandoned = excluded.short_abandoned, \
             callbacks = excluded.callbacks, overflowed = excluded.overflowed, \
             answered_within_target = excluded.answered_within_target, answer_wait_ms = excluded.answer_wait_ms, \
             longest_wait_ms = excluded.longest_wait_ms",
        )
        .bind(number)
        .bind(queue.as_str())
        .bind(against.standard)
        .bind(counts.offered)
        .bind(counts.answered)
        .bind(counts.abandoned)
        .bind(counts.short_abandoned)
        .bind(counts.callbacks)
        .bind(counts.overflowed)
        .bind(counts.answered_within_target)
        .bind(counts.answer_wait_ms)
        .bind(counts.longest_wait_ms)
        .execute(&mut *conn)
        .await?;
    }
    stored.days = touched.len();
    rollups::db::add(conn, &deltas).await?;
    Ok(stored)
}

fn delta(day: Date, metric: Metric, standard: &str, value: i64) -> Delta {
    // A call has no service: the phone standard's counts are the council's, service 0.
    Delta { day, service_id: 0, metric, key: standard.to_owned(), value }
}

fn placeholders(backend: Backend, n: usize) -> String {
    let list = values_list(backend, n, 1);
    list.replace(['(', ')'], "")
}

/// The first and last-plus-one millisecond of a council-local day.
fn day_span(calendar: &Calendar, day: Date) -> Result<(i64, i64), sqlx::Error> {
    let next = day.tomorrow().map_err(|e| sqlx::Error::Protocol(format!("no day after {day}: {e}")))?;
    Ok((calendar.start_of(day).as_millisecond(), calendar.start_of(next).as_millisecond()))
}

/// The phone standard's met and missed on a `call_days` row read with its answered,
/// abandoned, short_abandoned and answered_within_target.
fn met_missed(row: &sqlx::any::AnyRow) -> Result<(i64, i64), sqlx::Error> {
    let counts = Counts {
        answered: row.try_get("answered")?,
        abandoned: row.try_get("abandoned")?,
        short_abandoned: row.try_get("short_abandoned")?,
        answered_within_target: row.try_get("answered_within_target")?,
        ..Counts::default()
    };
    Ok(counts.met_missed())
}

fn waited(row: &sqlx::any::AnyRow) -> Result<Waited, sqlx::Error> {
    let outcome: String = row.try_get("outcome")?;
    let outcome =
        Outcome::parse(&outcome).ok_or_else(|| sqlx::Error::Decode(format!("unknown outcome {outcome:?}").into()))?;
    Ok(Waited { outcome, wait_ms: row.try_get("wait_ms")? })
}

/// One call as a report reads it.
#[derive(Debug, Clone, Copy)]
pub struct Read {
    pub enqueued_at: i64,
    pub waited: Waited,
}

/// The calls that joined any of `queues` (every queue when `None`) in `[from, to)`.
/// It reads one range of an index a queue, so it costs what the period holds, not the
/// whole history.
pub async fn between(pool: &AnyPool, queues: Option<&[String]>, from: i64, to: i64) -> Result<Vec<Read>, sqlx::Error> {
    let names: Vec<String> = match queues {
        Some(q) => q.to_vec(),
        None => sqlx::query_scalar("SELECT DISTINCT queue FROM call_days ORDER BY queue").fetch_all(pool).await?,
    };
    let mut out = Vec::new();
    for queue in names {
        let rows = sqlx::query(
            "SELECT enqueued_at, outcome, wait_ms FROM calls WHERE queue = $1 AND enqueued_at >= $2 AND enqueued_at < $3",
        )
        .bind(queue)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?;
        for row in rows {
            out.push(Read { enqueued_at: row.try_get("enqueued_at")?, waited: waited(&row)? });
        }
    }
    Ok(out)
}

/// Each queue's counts by month (202611), from the daily counts of `[from_day, to_day]`
/// (day numbers like 20261102).
pub async fn months(
    pool: &AnyPool,
    from_day: i64,
    to_day: i64,
) -> Result<BTreeMap<(i64, String), Counts>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT day, queue, offered, answered, abandoned, short_abandoned, callbacks, overflowed, \
         answered_within_target, answer_wait_ms, longest_wait_ms FROM call_days WHERE day >= $1 AND day <= $2",
    )
    .bind(from_day)
    .bind(to_day)
    .fetch_all(pool)
    .await?;
    let mut out: BTreeMap<(i64, String), Counts> = BTreeMap::new();
    for row in rows {
        let day: i64 = row.try_get("day")?;
        let counts = Counts {
            offered: row.try_get("offered")?,
            answered: row.try_get("answered")?,
            abandoned: row.try_get("abandoned")?,
            short_abandoned: row.try_get("short_abandoned")?,
            callbacks: row.try_get("callbacks")?,
            overflowed: row.try_get("overflowed")?,
            answered_within_target: row.try_get("answered_within_target")?,
            answer_wait_ms: row.try_get("answer_wait_ms")?,
            longest_wait_ms: row.try_get("longest_wait_ms")?,
        };
        out.entry((day / 100, row.try_get("queue")?)).or_default().merge(&counts);
    }
    Ok(out)
}

/// The waits of the latest answered calls in `queues` since `since`, oldest first, at
/// most `limit`: one short range of an index a queue.
pub async fn recent_waits(
    pool: &AnyPool,
    queues: &[String],
    since: i64,
    limit: usize,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut latest: Vec<(i64, i64)> = Vec::new();
    for queue in queues {
        let rows = sqlx::query(
            "SELECT answered_at, wait_ms FROM calls WHERE queue = $1 AND answered_at IS NOT NULL AND answered_at >= $2 \
             ORDER BY answered_at DESC LIMIT $3",
        )
        .bind(queue.as_str())
        .bind(since)
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await?;
        for row in rows {
            latest.push((row.try_get("answered_at")?, row.try_get("wait_ms")?));
        }
    }
    latest.sort_unstable();
    let skip = latest.len().saturating_sub(limit);
    Ok(latest.into_iter().skip(skip).map(|(_, wait)| wait).collect())
}

/// The phone standard's met and missed for each day, as performance counts, for a
/// rebuild of them (`rollups::db::rebuild`'s `more`).
pub async fn performance_counts(pool: &AnyPool) -> Result<Vec<Delta>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT day, standard, answered, abandoned, short_abandoned, answered_within_target FROM call_days",
    )
    .fetch_all(pool)
    .await?;
    let mut out = Vec::new();
    for row in rows {
        let day: i64 = row.try_get("day")?;
        let Ok(day) = Date::new((day / 10_000) as i16, ((day / 100) % 100) as i8, (day % 100) as i8) else {
            continue;
        };
        let standard: String = row.try_get("standard")?;
        let (met, missed) = met_missed(&row)?;
        out.push(delta(day, Metric::Met, &standard, met));
        out.push(delta(day, Metric::Missed, &standard, missed));
    }
    Ok(out)
}
