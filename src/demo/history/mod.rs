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
mod timeline;

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Context;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::catalogue::{FIRST_NAMES, LAST_NAMES, STREETS, WARDS};
use crate::cases::db::to_e7;
use crate::cases::{CaseType, Channel, EventKind};
use crate::db::{Backend, Db};
use crate::rollups::{Delta, Metric};
use crate::standards::Rules;
use bulk::{Table, Val};
use timeline::{Cast, DAY, Story};

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
struct Chunk {
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
/// told the cases written so far after each commit.
pub async fn seed(
    db: &Db,
    org: Arc<SeedOrg>,
    rules: Arc<Rules>,
    count: usize,
    now: i64,
    progress: &(dyn Fn(usize) + Sync),
) -> anyhow::Result<Seeded> {
    let backend = db.backend();
    let start = Start {
        customer: sqlx::query_scalar::<_, i64>("SELECT COALESCE(MAX(id), 0) + 1 FROM customers")
            .fetch_one(db.reader())
            .await?,
        case: sqlx::query_scalar::<_, i64>("SELECT COALESCE(MAX(id), 0) + 1 FROM cases").fetch_one(db.reader()).await?,
    };
    let (sender, mut chunks) = tokio::sync::mpsc::channel::<Chunk>(2);
    let generator = tokio::task::spawn_blocking(move || generate(&org, &rules, count, now, &start, backend, &sender));

    let mut seeded = Seeded::default();
    let mut conn = db.writer().acquire().await?;
    if backend == Backend::Sqlite {
        // A page cache big enough for a chunk's index pages, for this load only.
        sqlx::query("PRAGMA cache_size = -262144").execute(&mut *conn).await?;
    }
    let written: anyhow::Result<()> = async {
        while let Some(chunk) = chunks.recv().await {
            let mut tx = sqlx::Connection::begin(&mut *conn).await?;
            for table in chunk.tables {
                let name = table.name;
                table.write(&mut tx, backend).await.with_context(|| format!("writing {name}"))?;
            }
            let deltas: Vec<Delta> = chunk
                .counts
                .into_iter()
                .map(|((day, service_id, metric, key), value)| Delta { day, service_id, metric, key, value })
                .collect();
            crate::rollups::db::add(&mut tx, &deltas).await.context("counting the performance figures")?;
            tx.commit().await?;
            seeded += chunk.seeded;
            progress(seeded.cases);
        }
        Ok(())
    }
    .await;
    if backend == Backend::Sqlite {
        sqlx::query("PRAGMA cache_size = -2000").execute(&mut *conn).await?;
    }
    drop(chunks);
    generator.await.context("the history generator stopped")?;
    written?;
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
struct SeedCustomer {
    name: String,
    email: Option<String>,
    phone: Option<String>,
    address: String,
    postcode: String,
    since: i64,
}

fn customer(id: i64, now: i64) -> SeedCustomer {
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

/// The rows of a chunk of cases, as they are made.
struct CaseRows {
    cases: Table,
    events: Table,
    contacts: Table,
    clocks: Table,
    feedback: Table,
    search: Table,
    counts: HashMap<(jiff::civil::Date, i64, Metric, String), i64>,
    seeded: Seeded,
}

impl CaseRows {
    fn new(backend: Backend) -> Self {
        CaseRows {
            cases: Table::new(
                "cases",
                &[
                    "id",
                    "case_type",
                    "channel",
                    "service_id",
                    "customer_id",
                    "status",
                    "priority",
                    "description",
                    "address",
                    "postcode",
                    "ward",
                    "lat_e7",
                    "lng_e7",
                    "team_id",
                    "officer_id",
                    "partner_id",
                    "created_at",
                    "updated_at",
                    "queue_due_at",
                    "resolved_at",
                ],
            ),
            events: Table::new(
                "case_events",
                &["case_id", "at", "actor_kind", "actor_id", "kind", "public", "body", "from_status", "to_status"],
            ),
            contacts: Table::new(
                "contacts",
                &["case_id", "customer_id", "channel", "direction", "at", "subject", "body"],
            ),
            clocks: Table::new(
                "clocks",
                &[
                    "case_id",
                    "standard_id",
                    "standard_version",
                    "state",
                    "started_at",
                    "due_at",
                    "warn_at",
                    "stopped_at",
                    "warned",
                    "breached",
                    "next_fire_at",
                ],
            ),
            feedback: Table::new("case_feedback", &["case_id", "at", "solved", "rating", "comment"]),
            // The case id is the rowid of SQLite's FTS5 table.
            search: Table::new(
                "case_search",
                match backend {
                    Backend::Sqlite => &["rowid", "body"],
                    Backend::Postgres => &["case_id", "body"],
                },
            ),
            counts: HashMap::new(),
            seeded: Seeded::default(),
        }
    }

    fn count(&mut self, rules: &Rules, at: i64, service: i64, metric: Metric, key: String) {
        let day = rules.calendars.council.local_date(crate::rollups::ts(at));
        *self.counts.entry((day, service, metric, key)).or_default() += 1;
    }

    fn add(&mut self, rng: &mut StdRng, rules: &Rules, cast: &Cast<'_>, t0: i64, story: Story, now: i64) {
        let (service, channel, case_id) = (cast.service, cast.channel, cast.case_id);
        let description = match channel {
            Channel::Phone => format!("Caller said: {}", service.example),
            Channel::Letter => format!("Letter received: {}", service.example),
            Channel::Visit => format!("Visitor at reception said: {}", service.example),
            _ => service.example.to_owned(),
        };
        let location = service.asks_location.then(|| place(rng));
        let updated_at = story.events.last().map_or(t0, |e| e.at);
        let resolved_at = crate::cases::resolved_at(story.status, &story.events);
        self.cases.push(vec![
            Val::Int(case_id),
            Val::Text(service.case_type.as_str().to_owned()),
            Val::Text(channel.as_str().to_owned()),
            Val::Int(service.id),
            Val::OptInt(Some(cast.customer_id)),
            Val::Text(story.status.as_str().to_owned()),
            Val::Text("normal".to_owned()),
            Val::Text(description.clone()),
            Val::OptText(location.as_ref().map(|l| l.0.clone())),
            Val::OptText(location.as_ref().map(|l| l.1.clone())),
            Val::OptText(location.as_ref().map(|l| l.2.to_owned())),
            Val::OptInt(location.as_ref().map(|l| to_e7(l.3))),
            Val::OptInt(location.as_ref().map(|l| to_e7(l.4))),
            Val::Int(service.team_id),
            Val::OptInt(story.officer),
            Val::OptInt(service.partner_id),
            Val::Int(t0),
            Val::Int(updated_at),
            Val::OptInt(crate::clocks::queue_due_at(story.status, &story.clocks)),
            Val::OptInt(resolved_at),
        ]);

        // The search document, as search::db::reindex writes it.
        let who = customer(cast.customer_id, now);
        let mut words: Vec<&str> = vec![&description];
        if let Some((address, postcode, ..)) = &location {
            words.extend([address.as_str(), postcode.as_str()]);
        }
        words.push(&who.name);
        words.extend(who.email.as_deref());
        words.extend(who.phone.as_deref());
        words.extend([service.name, description.as_str()]);

        let contact = |channel: Channel, direction: &str, at: i64, subject: String, body: String| {
            vec![
                Val::OptInt(Some(case_id)),
                Val::OptInt(Some(cast.customer_id)),
                Val::Text(channel.as_str().to_owned()),
                Val::Text(direction.to_owned()),
                Val::Int(at),
                Val::OptText(Some(subject)),
                Val::Text(body),
            ]
        };
        self.contacts.push(contact(channel, "in", t0, service.name.to_owned(), description.clone()));
        let reply_subject = format!("Re: {}", service.name);
        let mut replies = Vec::new();
        for e in &story.events {
            if e.kind == EventKind::Message {
                let reply = e.body.clone().unwrap_or_default();
                self.contacts.push(contact(Channel::Email, "out", e.at, reply_subject.clone(), reply.clone()));
                replies.push(reply);
            }
            if e.kind == EventKind::Escalated && e.actor.kind == crate::cases::ActorKind::Customer {
                self.count(rules, e.at, service.id, Metric::Escalated, String::new());
            }
            self.events.push(vec![
                Val::Int(case_id),
                Val::Int(e.at),
                Val::Text(e.actor.kind.as_str().to_owned()),
                Val::OptInt(e.actor.id),
                Val::Text(e.kind.as_str().to_owned()),
                Val::Int(i64::from(e.public)),
                Val::OptText(e.body.clone()),
                Val::OptText(e.from_status.map(|s| s.as_str().to_owned())),
                Val::OptText(e.to_status.map(|s| s.as_str().to_owned())),
            ]);
        }
        for reply in &replies {
            words.extend([reply_subject.as_str(), reply.as_str()]);
        }
        self.search.push(vec![Val::Int(case_id), Val::Text(words.join(" "))]);

        for c in &story.clocks {
            let ms = |t: Option<jiff::Timestamp>| t.map(|t| t.as_millisecond());
            self.clocks.push(vec![
                Val::Int(case_id),
                Val::Text(c.standard.id.clone()),
                Val::Int(c.version),
                Val::Text(c.state.as_str().to_owned()),
                Val::Int(c.started_at.as_millisecond()),
                Val::OptInt(ms(c.due())),
                Val::OptInt(ms(c.deadline.as_ref().map(|d| d.warn_at))),
                Val::OptInt(ms(c.stopped_at)),
                Val::Int(i64::from(c.warned)),
                Val::Int(i64::from(c.breached)),
                Val::OptInt(ms(c.next_fire_at())),
            ]);
        }
        for said in &story.feedback {
            self.feedback.push(vec![
                Val::Int(case_id),
                Val::Int(said.at),
                Val::Int(i64::from(said.solved)),
                Val::OptInt(Some(said.rating)),
                Val::OptText(None),
            ]);
            let solved = if said.solved { "yes" } else { "no" };
            self.count(rules, said.at, service.id, Metric::Solved, solved.to_owned());
            self.count(rules, said.at, service.id, Metric::Rating, said.rating.to_string());
        }

        // The performance figures, as intake and each clock sync would have counted them.
        self.count(rules, t0, service.id, Metric::Received, channel.as_str().to_owned());
        let after: Vec<_> = story.clocks.iter().map(crate::rollups::db::StoredClock::from).collect();
        let deltas = crate::rollups::db::case_deltas(
            &rules.calendars.council,
            service.id,
            t0,
            (&[], None),
            (&after, resolved_at),
        );
        for d in deltas {
            *self.counts.entry((d.day, d.service_id, d.metric, d.key)).or_default() += d.value;
        }
        self.seeded.cases += 1;
        self.seeded.clocks += story.clocks.len();
        self.seeded.events += story.events.len();
    }

    fn into_chunk(self) -> Chunk {
        Chunk {
            // Cases first: the others refer to them.
            tables: vec![self.cases, self.events, self.contacts, self.clocks, self.feedback, self.search],
            counts: self.counts,
            seeded: self.seeded,
        }
    }
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

fn place(rng: &mut StdRng) -> (String, String, &'static str, f64, f64) {
    let (ward, district, lat, lng) = WARDS[rng.random_range(0..WARDS.len())];
    let street = STREETS[rng.random_range(0..STREETS.len())];
    let letters = b"ABDEFGHJLNPQRSTUWXYZ";
    let postcode = format!(
        "{district} {}{}{}",
        rng.random_range(1..10),
        letters[rng.random_range(0..letters.len())] as char,
        letters[rng.random_range(0..letters.len())] as char
    );
    let address = format!("{} {street}", rng.random_range(1..180));
    let jitter = |rng: &mut StdRng| rng.random_range(-0.006..0.006);
    (address, postcode, ward, lat + jitter(rng), lng + jitter(rng))
}
