//! Synthetic history with realistic timings, written in bulk: for the demo, and for
//! `frontdoor seed` at any size.
//!
//! The shape, not the exact numbers, is what matters: most web and email contact is
//! acknowledged within minutes and a few late; enquiries are answered in a couple of
//! days, repairs take longer, complaints and FOI requests longer still, with the long
//! tail real services have. Recent cases are still open. Generation is seeded, so the
//! same `--cases` on the same day gives the same council.
//!
//! Cases are made in chunks on a blocking thread (each chunk from its own seed) while
//! the previous chunk is written, one transaction a chunk, so a load of millions keeps
//! its write-ahead log small and everything written so far is committed. Each case
//! arrives with what live use would have written with it: its events and clocks (the
//! sweep's warnings and breaches included), contacts, feedback, search document and its
//! share of the performance figures' running counts.

mod bulk;
mod rows;
mod timeline;

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Context;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::catalogue::{FIRST_NAMES, LAST_NAMES, STREETS, WARDS};
use crate::cases::{CaseType, Channel};
use crate::db::{Backend, Db};
use crate::rollups::{Delta, Metric};
use crate::standards::Rules;
use bulk::{Table, Val};
use rows::CaseRows;
use timeline::{Cast, DAY};

/// A service as the generator needs it.
pub struct SeedService {
    pub id: i64,
    pub team_id: i64,
    pub partner_id: Option<i64>,
    pub case_type: CaseType,
    pub weight: u32,
    pub asks_location: bool,
    pub example: &'static str,
    pub name: &'static str,
    pub code: &'static str,
}

pub struct SeedOrg {
    pub services: Vec<SeedService>,
    /// Caseworkers and team leads by team id, to assign cases to.
    pub officers: Vec<(i64, Vec<i64>)>,
    /// Each team's lead, whom the sweep escalates late cases to.
    pub leads: Vec<(i64, i64)>,
}

/// What a load wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Seeded {
    pub cases: usize,
    pub clocks: usize,
    pub customers: usize,
    pub events: usize,
}

impl std::ops::AddAssign for Seeded {
    fn add_assign(&mut self, other: Seeded) {
        self.cases += other.cases;
        self.clocks += other.clocks;
        self.customers += other.customers;
        self.events += other.events;
    }
}

/// Cases a transaction. Big enough that the commit's flush is a small share of the
/// work; small enough that a chunk's rows and pages fit easily in memory.
const CHUNK: usize = 20_000;

/// A chunk of rows, ready to write in one transaction.
pub(super) struct Chunk {
    tables: Vec<Table>,
    counts: HashMap<(jiff::civil::Date, i64, Metric, String), i64>,
    seeded: Seeded,
}

/// Where a load starts: the first free ids, so history can be added to a database
/// seeded before.
struct Start {
    customer: i64,
    case: i64,
}

/// Writes `count` cases of the year before `now`, with their customers (six for every
/// ten cases), into `db`, whose organisation and services `org` describes. `progress` is
/// told what has been written so far after each commit: the customers come first.
pub async fn seed(
    db: &Db,
    org: Arc<SeedOrg>,
    rules: Arc<Rules>,
    count: usize,
    now: i64,
    progress: &(dyn Fn(&Seeded) + Sync),
) -> anyhow::Result<Seeded> {
    let backend = db.backend();
    let start = Start {
        customer: sqlx::query_scalar::<_, i64>("SELECT COALESCE(MAX(id), 0) + 1 FROM customers")
            .fetch_one(db.reader())
            .await?,
        case: sqlx::query_scalar::<_, i64>("SELECT COALESCE(MAX(id), 0) + 1 FROM cases").fetch_one(db.reader()).await?,
    };
    let (sender, chunks) = tokio::sync::mpsc::channel::<Chunk>(2);
    let generator = tokio::task::spawn_blocking(move || generate(&org, &rules, count, now, &start, backend, &sender));

    let mut conn = db.writer().acquire().await?;
    if backend == Backend::Sqlite {
        // A page cache of 2 GB: the indexes of a few million cases stay in memory, so inserts in
        // the order of an email or a postcode do not wait for pages read back. For this load only.
        sqlx::query("PRAGMA cache_size = -2097152").execute(&mut *conn).await?;
    }
    // PostgreSQL: the rows go by COPY, on connections of their own (bulk.rs).
    let mut copiers = Vec::new();
    let mut without_triggers = false;
    if let Some(mut first) = db.bulk_connection().await.context("opening a connection for COPY")? {
        // Where the database lets this session (a superuser's), the rows go without their
        // per-row triggers: each row's foreign key checks and `case_events_last_event` were
        // three fifths of the server's work in a load (perf, docs/benchmarks.md). The
        // generator writes whole cases, `last_event_at` included, and the same rows are
        // checked on SQLite, which keeps its foreign keys on. The counts' triggers still run:
        // they keep the council's totals. Anyone else's session keeps every trigger.
        without_triggers = sqlx::query("SET session_replication_role = replica").execute(&mut first).await.is_ok();
        if without_triggers {
            sqlx::query("SET session_replication_role = origin").execute(&mut first).await?;
        }
        copiers.push(first);
        // A PostgreSQL connection is one server process on one core. Without foreign key
        // checks no chunk waits for another's rows to be committed, so a second connection
        // writes a chunk while the first writes the one before. Each chunk is still one
        // transaction; an interrupted load may have the later of two chunks without the
        // earlier.
        if without_triggers {
            copiers.extend(db.bulk_connection().await.context("opening a connection for COPY")?);
        }
    }
    let seeded = std::sync::Mutex::new(Seeded::default());
    let chunks = tokio::sync::Mutex::new(chunks);
    let written: anyhow::Result<()> = if copiers.is_empty() {
        async {
            while let Some(chunk) = next(&chunks).await {
                let deltas = chunk_deltas(chunk.counts);
                let mut tx = sqlx::Connection::begin(&mut *conn).await?;
                for table in chunk.tables {
                    let name = table.name;
                    table.write(&mut tx, backend).await.with_context(|| format!("writing {name}"))?;
                }
                crate::rollups::db::add(&mut tx, &deltas).await.context("counting the performance figures")?;
                tx.commit().await?;
                progress(&added(&seeded, chunk.seeded));
            }
            Ok(())
        }
        .await
    } else {
        let copying = copiers.iter_mut().map(|pg| async {
            while let Some(chunk) = next(&chunks).await {
                let deltas = chunk_deltas(chunk.counts);
                let mut tx = sqlx::Connection::begin(&mut *pg).await?;
                if without_triggers {
                    sqlx::query("SET LOCAL session_replication_role = replica").execute(&mut *tx).await?;
                }
                for table in chunk.tables {
                    let name = table.name;
                    table.copy(&mut tx).await.with_context(|| format!("writing {name}"))?;
                }
                if without_triggers {
                    sqlx::query("SET LOCAL session_replication_role = origin").execute(&mut *tx).await?;
                }
                crate::rollups::db::add_postgres(&mut tx, &deltas).await.context("counting the performance figures")?;
                tx.commit().await?;
                progress(&added(&seeded, chunk.seeded));
            }
            anyhow::Ok(())
        });
        futures_util::future::try_join_all(copying).await.map(drop)
    };
    for pg in copiers {
        let _ = sqlx::Connection::close(pg).await;
    }
    if backend == Backend::Sqlite {
        sqlx::query("PRAGMA cache_size = -2000").execute(&mut *conn).await?;
    }
    drop(chunks);
    generator.await.context("the history generator stopped")?;
    written?;
    let seeded = seeded.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    crate::search::db::merge_all(&mut conn).await.context("merging the search index")?;
    if backend == Backend::Postgres {
        // The running counts are a few thousand rows, each updated by the counts' triggers
        // thousands of times in each chunk's transaction, whose old versions are kept until it
        // commits. At ten million cases the council's months were 82 MB for 5,064 rows, and the
        // performance page read 982 pages for them (docs/benchmarks.md, 7 December evening).
        // Written again, they are a few hundred kilobytes, as a council's live updates (one
        // case a transaction, pruned as they go) would leave them. Under a second. The load
        // writes its counts to part 0 (migration 0048); parts that cases made before it left
        // are folded into it first.
        crate::rollups::db::fold(db).await.context("folding the running counts' parts")?;
        use crate::rollups::db::Counted;
        let compacted = [Counted::CouncilMonths, Counted::CouncilDays, Counted::Months].map(|t| t.stored(backend));
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("VACUUM FULL {}", compacted.join(", "))))
            .execute(&mut *conn)
            .await
            .context("compacting the running counts")?;
    }
    // Fresh statistics, so the planners choose as they would for a database that grew
    // by itself (PostgreSQL's autovacuum gets there later; SQLite never does unasked).
    let analyse = match backend {
        // A sample of each index is enough, and keeps this quick at ten million cases.
        Backend::Sqlite => "PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;",
        Backend::Postgres => "ANALYZE",
    };
    sqlx::raw_sql(sqlx::AssertSqlSafe(analyse))
        .execute(&mut *conn)
        .await
        .context("refreshing the planner's statistics")?;
    if backend == Backend::Postgres {
        // History is written with explicit ids; move the identity sequences past them.
        for sql in [
            "SELECT setval(pg_get_serial_sequence('customers', 'id'), (SELECT MAX(id) FROM customers))",
            "SELECT setval(pg_get_serial_sequence('cases', 'id'), (SELECT MAX(id) FROM cases))",
        ] {
            sqlx::query(sql).execute(db.writer()).await?;
        }
    }
    Ok(seeded)
}

/// The next chunk made, with the receiver locked only while waiting for it (a lock taken
/// in a `while let`'s condition would be held for the whole loop body).
async fn next(chunks: &tokio::sync::Mutex<tokio::sync::mpsc::Receiver<Chunk>>) -> Option<Chunk> {
    chunks.lock().await.recv().await
}

/// A chunk's counts as the rollups take them.
fn chunk_deltas(counts: HashMap<(jiff::civil::Date, i64, Metric, String), i64>) -> Vec<Delta> {
    counts
        .into_iter()
        .map(|((day, service_id, metric, key), value)| Delta { day, service_id, metric, key, value })
        .collect()
}

/// Adds a chunk's rows to the load's total, and gives the new total.
fn added(total: &std::sync::Mutex<Seeded>, chunk: Seeded) -> Seeded {
    let mut total = total.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    *total += chunk;
    *total
}

/// Makes every chunk, customers first (cases refer to them), and hands each to the
/// writer. Stops early if the writer has gone.
fn generate(
    org: &SeedOrg,
    rules: &Rules,
    count: usize,
    now: i64,
    start: &Start,
    backend: Backend,
    out: &tokio::sync::mpsc::Sender<Chunk>,
) {
    let customers = if count == 0 { 0 } else { (count * 6 / 10).max(1) as i64 };
    let mut first = 0;
    while first < customers {
        let last = (first + CHUNK as i64).min(customers);
        let mut table = customer_table();
        for id in (start.customer + first)..(start.customer + last) {
            let c = customer(id, now);
            table.push(vec![
                Val::Int(id),
                Val::Text(c.name),
                Val::OptText(c.email),
                Val::OptText(c.phone),
                Val::OptText(Some(c.address)),
                Val::OptText(Some(c.postcode)),
                Val::Int(c.since),
                Val::Int(c.since),
            ]);
        }
        let seeded = Seeded { customers: (last - first) as usize, ..Seeded::default() };
        if out.blocking_send(Chunk { tables: vec![table], counts: HashMap::new(), seeded }).is_err() {
            return;
        }
        first = last;
    }

    // Contact arrives in time order, so case ids follow creation time as in live use.
    let mut rng = StdRng::seed_from_u64(2026);
    let mut arrivals: Vec<(i64, Channel)> = (0..count)
        .map(|_| {
            let channel = pick_channel(&mut rng);
            (arrival_time(&mut rng, channel, now), channel)
        })
        .collect();
    arrivals.sort_by_key(|(at, _)| *at);
    let total_weight: u32 = org.services.iter().map(|s| s.weight).sum();
    for (index, arrivals) in arrivals.chunks(CHUNK).enumerate() {
        let mut rng = StdRng::seed_from_u64(2026 ^ (index as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let first_case = start.case + (index * CHUNK) as i64;
        let mut rows = CaseRows::new(backend);
        for (offset, &(t0, channel)) in arrivals.iter().enumerate() {
            let service = pick_service(&mut rng, &org.services, total_weight);
            let customer_id = start.customer + rng.random_range(0..customers.max(1));
            let cast = Cast {
                service,
                channel,
                case_id: first_case + offset as i64,
                customer_id,
                officers: org.officers.iter().find(|(t, _)| *t == service.team_id).map_or(&[], |(_, o)| o),
                team_lead: org.leads.iter().find(|(t, _)| *t == service.team_id).map(|(_, l)| *l),
                passed_from: passed_from(&org.services, service, first_case + offset as i64),
            };
            let story = timeline::story(&mut rng, rules, &cast, t0, now);
            rows.add(&mut rng, rules, &cast, t0, story, now);
        }
        if out.blocking_send(rows.into_chunk()).is_err() {
            return;
        }
    }
}

fn customer_table() -> Table {
    Table::new("customers", &["id", "name", "email", "phone", "address", "postcode", "created_at", "updated_at"])
}

/// A synthetic customer. Made from their id alone, so a case's search document can name
/// them without keeping every customer in memory.
pub(super) struct SeedCustomer {
    name: String,
    email: Option<String>,
    phone: Option<String>,
    address: String,
    postcode: String,
    since: i64,
}

pub(super) fn customer(id: i64, now: i64) -> SeedCustomer {
    let mut rng = StdRng::seed_from_u64((id as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
    let first = FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())];
    let last = LAST_NAMES[rng.random_range(0..LAST_NAMES.len())];
    let has_email = rng.random_bool(0.8);
    let email = has_email
        .then(|| format!("{}.{}{}@example.com", first.to_lowercase(), last.to_lowercase().replace('\'', ""), id));
    let phone = (!has_email || rng.random_bool(0.5)).then(|| format!("07700{:06}", id % 1_000_000));
    let (address, postcode, _, _, _) = place(&mut rng);
    SeedCustomer { name: format!("{first} {last}"), email, phone, address, postcode, since: now - 400 * DAY }
}

fn pick_channel(rng: &mut StdRng) -> Channel {
    match rng.random_range(0..100) {
        0..38 => Channel::Web,
        38..62 => Channel::Email,
        62..88 => Channel::Phone,
        88..92 => Channel::Letter,
        92..97 => Channel::Visit,
        _ => Channel::Social,
    }
}

fn pick_service<'a>(rng: &mut StdRng, services: &'a [SeedService], total: u32) -> &'a SeedService {
    let mut roll = rng.random_range(0..total);
    for service in services {
        if roll < service.weight {
            return service;
        }
        roll -= service.weight;
    }
    &services[services.len() - 1]
}

/// When a contact arrives: phone and visits in opening hours on weekdays; online at
/// any time, mostly by day, fewer at weekends.
fn arrival_time(rng: &mut StdRng, channel: Channel, now: i64) -> i64 {
    let today = now - now.rem_euclid(DAY);
    loop {
        let day = today - rng.random_range(0..365) * DAY;
        // 1 January 1970 was a Thursday: Monday is 0 here.
        let weekday = (day / DAY + 3).rem_euclid(7);
        let weekend = weekday >= 5;
        let at = match channel {
            Channel::Phone | Channel::Visit | Channel::Letter => {
                if weekend {
                    continue;
                }
                day + 9 * timeline::HOUR + rng.random_range(0..8 * timeline::HOUR)
            }
            _ => {
                if weekend && rng.random_bool(0.5) {
                    continue;
                }
                day + 7 * timeline::HOUR + rng.random_range(0..16 * timeline::HOUR)
            }
        };
        if at < now {
            return at;
        }
    }
}

pub(super) fn place(rng: &mut StdRng) -> (String, String, &'static str, f64, f64) {
    // Drawn by population times reach: some wards are heard from less.
    let total: f64 = WARDS.iter().map(|w| w.population as f64 * w.reach).sum();
    let mut pick = rng.random_range(0.0..total);
    let ward = WARDS
        .iter()
        .find(|w| {
            pick -= w.population as f64 * w.reach;
            pick < 0.0
        })
        .unwrap_or(&WARDS[0]);
    let street = STREETS[rng.random_range(0..STREETS.len())];
    let letters = super::catalogue::UNIT_LETTERS;
    let postcode = format!(
        "{} {}{}{}",
        ward.district,
        ward.sector,
        letters[rng.random_range(0..letters.len())] as char,
        letters[rng.random_range(0..letters.len())] as char
    );
    let address = format!("{} {street}", rng.random_range(1..180));
    let jitter = |rng: &mut StdRng| rng.random_range(-0.006..0.006);
    (address, postcode, ward.code, ward.lat + jitter(rng), ward.lng + jitter(rng))
}

/// One case in forty went to the wrong team first and was passed on (a hand-off, which the
/// insight report counts): the team of another service. Chosen from the case id, not the
/// random numbers, so the rest of the history is the same with or without it.
fn passed_from(services: &[SeedService], service: &SeedService, case_id: i64) -> Option<i64> {
    if case_id % 40 != 3 || services.len() < 2 {
        return None;
    }
    let at = usize::try_from(case_id / 40).unwrap_or(0) % services.len();
    let other = services.iter().cycle().skip(at).take(services.len()).find(|s| s.team_id != service.team_id)?;
    Some(other.team_id)
}
