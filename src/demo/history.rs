//! Twelve months of synthetic cases with realistic timings, written in bulk.
//!
//! The shape, not the exact numbers, is what matters: most web and email contact is
//! acknowledged within minutes and a few late; enquiries are answered in a couple of
//! days, repairs take longer, complaints and FOI requests longer still, with the long
//! tail real services have. Recent cases are still open. Generation is seeded, so the
//! same `--cases` gives the same council every time.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::{AnyConnection, AssertSqlSafe};

use super::catalogue::{FIRST_NAMES, LAST_NAMES, STREETS, WARDS};
use crate::cases::db::to_e7;
use crate::cases::{Actor, ActorKind, CaseType, Channel, Event, EventKind, Status};
use crate::standards::Rules;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

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
    /// Officers by team id, to assign cases to.
    pub officers: Vec<(i64, Vec<i64>)>,
}

#[derive(Debug, Default)]
pub struct Seeded {
    pub cases: usize,
    pub clocks: usize,
    pub customers: usize,
    pub events: usize,
}

enum Val {
    Int(i64),
    OptInt(Option<i64>),
    Text(String),
    OptText(Option<String>),
}

/// Accumulates rows and writes them many to a statement.
struct Batch {
    table: &'static str,
    columns: &'static [&'static str],
    values: Vec<Val>,
    written: usize,
}

// SQLite allows 32,766 bound values per statement; one case adds at most a few
// hundred. Small statements are faster: binding cost grows faster than linearly
// with the number of placeholders in a statement (measured: 2,230 rows took 1.7 s).
const MAX_VALUES: usize = 1_000;

impl Batch {
    fn new(table: &'static str, columns: &'static [&'static str]) -> Self {
        Batch { table, columns, values: Vec::new(), written: 0 }
    }

    fn push(&mut self, row: Vec<Val>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.values.extend(row);
    }

    /// Whether to flush before adding another case's rows.
    fn is_full(&self) -> bool {
        self.values.len() >= MAX_VALUES
    }

    async fn flush(&mut self, conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
        if self.values.is_empty() {
            return Ok(());
        }
        let width = self.columns.len();
        let rows = self.values.len() / width;
        let mut sql = format!("INSERT INTO {} ({}) VALUES ", self.table, self.columns.join(", "));
        for r in 0..rows {
            sql.push_str(if r == 0 { "(" } else { ", (" });
            for c in 0..width {
                if c > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!("${}", r * width + c + 1));
            }
            sql.push(')');
        }
        // Table and column names are constants; every value is bound.
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for value in self.values.drain(..) {
            query = match value {
                Val::Int(v) => query.bind(v),
                Val::OptInt(v) => query.bind(v),
                Val::Text(v) => query.bind(v),
                Val::OptText(v) => query.bind(v),
            };
        }
        query.execute(&mut *conn).await?;
        self.written += rows;
        Ok(())
    }
}

struct SeedEvent {
    at: i64,
    actor_kind: ActorKind,
    actor_id: Option<i64>,
    kind: EventKind,
    public: bool,
    body: Option<String>,
    from: Option<Status>,
    to: Option<Status>,
}

struct Timeline {
    events: Vec<SeedEvent>,
    status: Status,
    officer: Option<i64>,
}

impl Timeline {
    fn push(
        &mut self,
        at: i64,
        actor: (ActorKind, Option<i64>),
        kind: EventKind,
        public: bool,
        body: Option<String>,
        to: Option<Status>,
    ) {
        let from = if kind == EventKind::Created { None } else { to.map(|_| self.status) };
        if let Some(to) = to {
            self.status = to;
        }
        self.events.push(SeedEvent { at, actor_kind: actor.0, actor_id: actor.1, kind, public, body, from, to });
    }
}

/// Writes `count` cases, their customers, events and contacts into a fresh database.
/// Each case's clocks are started as intake would have started them (a `clock_started`
/// event after the event that started it) and replayed under `rules`, so the history has
/// the clocks, queue order and resolution times live use would have given it.
pub async fn seed(
    conn: &mut AnyConnection,
    org: &SeedOrg,
    rules: &Rules,
    count: usize,
    now: i64,
) -> Result<Seeded, sqlx::Error> {
    let mut rng = StdRng::seed_from_u64(2026);
    let customer_count = (count * 6 / 10).max(1);

    let mut customers =
        Batch::new("customers", &["id", "name", "email", "phone", "address", "postcode", "created_at", "updated_at"]);
    for id in 1..=customer_count as i64 {
        let first = FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())];
        let last = LAST_NAMES[rng.random_range(0..LAST_NAMES.len())];
        let has_email = rng.random_bool(0.8);
        let email = has_email
            .then(|| format!("{}.{}{}@example.com", first.to_lowercase(), last.to_lowercase().replace('\'', ""), id));
        let phone = (!has_email || rng.random_bool(0.5)).then(|| format!("07700{:06}", id % 1_000_000));
        let (address, postcode, _, _, _) = place(&mut rng);
        let since = now - 400 * DAY;
        let row = vec![
            Val::Int(id),
            Val::Text(format!("{first} {last}")),
            Val::OptText(email),
            Val::OptText(phone),
            Val::OptText(Some(address)),
            Val::OptText(Some(postcode)),
            Val::Int(since),
            Val::Int(since),
        ];
        customers.push(row);
        if customers.is_full() {
            customers.flush(conn).await?;
        }
    }
    customers.flush(conn).await?;

    // Contact arrives in time order, so case ids follow creation time as in live use.
    let mut arrivals: Vec<(i64, Channel)> = (0..count)
        .map(|_| {
            let channel = pick_channel(&mut rng);
            (arrival_time(&mut rng, channel, now), channel)
        })
        .collect();
    arrivals.sort_by_key(|(at, _)| *at);

    let total_weight: u32 = org.services.iter().map(|s| s.weight).sum();
    let mut cases = Batch::new(
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
    );
    let mut clocks = Batch::new(
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
    );
    let mut events = Batch::new(
        "case_events",
        &["case_id", "at", "actor_kind", "actor_id", "kind", "public", "body", "from_status", "to_status"],
    );
    let mut contacts =
        Batch::new("contacts", &["case_id", "customer_id", "channel", "direction", "at", "subject", "body"]);

    for (index, (t0, channel)) in arrivals.into_iter().enumerate() {
        let case_id = index as i64 + 1;
        let service = pick_service(&mut rng, &org.services, total_weight);
        let customer_id = rng.random_range(1..=customer_count as i64);
        let officers =
            org.officers.iter().find(|(team, _)| *team == service.team_id).map(|(_, o)| o.as_slice()).unwrap_or(&[]);
        let mut timeline = timeline(&mut rng, service, channel, officers, customer_id, t0, now);
        let (replayed, events_as_stored) = start_clocks(rules, service, channel, case_id, &mut timeline);
        for c in &replayed {
            let ms = |t: Option<jiff::Timestamp>| t.map(|t| t.as_millisecond());
            clocks.push(vec![
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
        let description = match channel {
            Channel::Phone => format!("Caller said: {}", service.example),
            Channel::Letter => format!("Letter received: {}", service.example),
            Channel::Visit => format!("Visitor at reception said: {}", service.example),
            _ => service.example.to_owned(),
        };
        let location = service.asks_location.then(|| place(&mut rng));
        let updated_at = timeline.events.last().map(|e| e.at).unwrap_or(t0);

        let row = vec![
            Val::Int(case_id),
            Val::Text(service.case_type.as_str().to_owned()),
            Val::Text(channel.as_str().to_owned()),
            Val::Int(service.id),
            Val::OptInt(Some(customer_id)),
            Val::Text(timeline.status.as_str().to_owned()),
            Val::Text("normal".to_owned()),
            Val::Text(description.clone()),
            Val::OptText(location.as_ref().map(|l| l.0.clone())),
            Val::OptText(location.as_ref().map(|l| l.1.clone())),
            Val::OptText(location.as_ref().map(|l| l.2.to_owned())),
            Val::OptInt(location.as_ref().map(|l| to_e7(l.3))),
            Val::OptInt(location.as_ref().map(|l| to_e7(l.4))),
            Val::Int(service.team_id),
            Val::OptInt(timeline.officer),
            Val::OptInt(service.partner_id),
            Val::Int(t0),
            Val::Int(updated_at),
            Val::OptInt(crate::clocks::queue_due_at(timeline.status, &replayed)),
            Val::OptInt(crate::cases::resolved_at(timeline.status, &events_as_stored)),
        ];
        cases.push(row);
        contacts.push(vec![
            Val::OptInt(Some(case_id)),
            Val::OptInt(Some(customer_id)),
            Val::Text(channel.as_str().to_owned()),
            Val::Text("in".to_owned()),
            Val::Int(t0),
            Val::OptText(Some(service.name.to_owned())),
            Val::Text(description),
        ]);
        for SeedEvent { at, actor_kind, actor_id, kind, public, body, from, to } in timeline.events {
            if kind == EventKind::Message {
                let reply = body.clone().unwrap_or_default();
                contacts.push(vec![
                    Val::OptInt(Some(case_id)),
                    Val::OptInt(Some(customer_id)),
                    Val::Text(Channel::Email.as_str().to_owned()),
                    Val::Text("out".to_owned()),
                    Val::Int(at),
                    Val::OptText(Some(format!("Re: {}", service.name))),
                    Val::Text(reply),
                ]);
            }
            events.push(vec![
                Val::Int(case_id),
                Val::Int(at),
                Val::Text(actor_kind.as_str().to_owned()),
                Val::OptInt(actor_id),
                Val::Text(kind.as_str().to_owned()),
                Val::Int(i64::from(public)),
                Val::OptText(body),
                Val::OptText(from.map(|s| s.as_str().to_owned())),
                Val::OptText(to.map(|s| s.as_str().to_owned())),
            ]);
        }
        if cases.is_full() || events.is_full() || contacts.is_full() || clocks.is_full() {
            flush_in_order(conn, &mut cases, &mut [&mut events, &mut contacts, &mut clocks]).await?;
        }
    }
    flush_in_order(conn, &mut cases, &mut [&mut events, &mut contacts, &mut clocks]).await?;
    Ok(Seeded { cases: cases.written, clocks: clocks.written, customers: customers.written, events: events.written })
}

/// Cases first: events, contacts and clocks refer to them.
async fn flush_in_order(
    conn: &mut AnyConnection,
    cases: &mut Batch,
    others: &mut [&mut Batch],
) -> Result<(), sqlx::Error> {
    cases.flush(conn).await?;
    for batch in others.iter_mut() {
        batch.flush(conn).await?;
    }
    Ok(())
}

/// Puts a `clock_started` event after each event that starts a standard for this case,
/// as `clocks::db::sync` does in live use, and replays the clocks. Returns the clocks and
/// the events as they will be stored.
fn start_clocks(
    rules: &Rules,
    service: &SeedService,
    channel: Channel,
    case_id: i64,
    timeline: &mut Timeline,
) -> (Vec<crate::clocks::Clock>, Vec<Event>) {
    let mut started = Vec::new();
    let mut stored = Vec::with_capacity(timeline.events.len() + 2);
    for seed in std::mem::take(&mut timeline.events) {
        let event = Event {
            id: stored.len() as i64,
            case_id,
            at: seed.at,
            actor: Actor { kind: seed.actor_kind, id: seed.actor_id },
            kind: seed.kind,
            public: seed.public,
            body: seed.body.clone(),
            from_status: seed.from,
            to_status: seed.to,
        };
        let starts = crate::clocks::starting(rules, &event, channel, service.case_type, service.code, &mut started);
        stored.push(event);
        timeline.events.push(seed);
        for s in starts {
            let body = serde_json::to_string(&s).expect("plain struct");
            stored.push(Event {
                id: stored.len() as i64,
                case_id,
                at: s.from,
                actor: Actor::SYSTEM,
                kind: EventKind::ClockStarted,
                public: false,
                body: Some(body.clone()),
                from_status: None,
                to_status: None,
            });
            timeline.events.push(SeedEvent {
                at: s.from,
                actor_kind: ActorKind::System,
                actor_id: None,
                kind: EventKind::ClockStarted,
                public: false,
                body: Some(body),
                from: None,
                to: None,
            });
        }
    }
    (crate::clocks::replay(&stored, rules), stored)
}

fn timeline(
    rng: &mut StdRng,
    service: &SeedService,
    channel: Channel,
    officers: &[i64],
    customer_id: i64,
    t0: i64,
    now: i64,
) -> Timeline {
    let customer = (ActorKind::Customer, Some(customer_id));
    let system = (ActorKind::System, None);
    let officer = (!officers.is_empty()).then(|| officers[rng.random_range(0..officers.len())]);
    let staff = (ActorKind::Staff, officer);
    let mut t = Timeline { events: Vec::new(), status: Status::Received, officer: None };
    t.push(t0, customer, EventKind::Created, true, None, Some(Status::Received));

    let face_to_face = matches!(channel, Channel::Phone | Channel::Visit);
    let ack_at = match channel {
        Channel::Phone | Channel::Visit => t0 + rng.random_range(0..5 * MINUTE),
        Channel::Letter => t0 + rng.random_range(DAY..6 * DAY),
        _ if rng.random_bool(0.96) => t0 + rng.random_range(MINUTE..15 * MINUTE),
        _ => t0 + rng.random_range(24 * HOUR..72 * HOUR),
    };
    let plan = {
        let mut plan = Vec::new();
        let ack_actor = if ack_at - t0 < 15 * MINUTE && !face_to_face { system } else { staff };
        plan.push((ack_at, ack_actor, EventKind::StatusChanged, true, None, Some(Status::Acknowledged)));

        // Some phone and visit enquiries are resolved while the resident is there.
        if face_to_face && service.case_type == CaseType::Enquiry && rng.random_bool(0.35) {
            let done = ack_at + rng.random_range(MINUTE..10 * MINUTE);
            plan.push((
                done,
                staff,
                EventKind::StatusChanged,
                true,
                Some("Resolved at first contact.".to_owned()),
                Some(Status::Resolved),
            ));
            plan.push((done + 5 * DAY, system, EventKind::StatusChanged, false, None, Some(Status::Closed)));
        } else {
            let start = ack_at + rng.random_range(10 * MINUTE..DAY);
            if service.case_type != CaseType::Compliment {
                if officer.is_some() {
                    plan.push((
                        start,
                        system,
                        EventKind::Assigned,
                        false,
                        Some("Assigned to an officer".to_owned()),
                        None,
                    ));
                }
                plan.push((start + MINUTE, staff, EventKind::StatusChanged, true, None, Some(Status::InProgress)));
            }
            let mut at = start + MINUTE;
            if rng.random_bool(0.12) && service.case_type != CaseType::Compliment {
                at += lognormal(rng, DAY as f64, 0.6);
                plan.push((
                    at,
                    staff,
                    EventKind::StatusChanged,
                    true,
                    Some("We need a little more information from you.".to_owned()),
                    Some(Status::WaitingForCustomer),
                ));
                at += rng.random_range(HOUR..6 * DAY);
                plan.push((
                    at,
                    customer,
                    EventKind::StatusChanged,
                    true,
                    Some("The resident replied.".to_owned()),
                    Some(Status::InProgress),
                ));
            }
            // A tenth of the last month's cases are stuck: worked on, never answered.
            // They are the late cases every queue and the performance page must show.
            let stuck = now - t0 < 30 * DAY && rng.random_bool(0.1);
            let median = match service.case_type {
                CaseType::Enquiry => 1.6 * DAY as f64,
                CaseType::ServiceRequest => 3.5 * DAY as f64,
                CaseType::Complaint => 9.0 * DAY as f64,
                CaseType::Foi | CaseType::Eir => 14.0 * DAY as f64,
                CaseType::SubjectAccess => 21.0 * DAY as f64,
                CaseType::Callback => 4.0 * HOUR as f64,
                CaseType::Compliment => DAY as f64,
            };
            at += lognormal(rng, median, 0.75);
            if stuck {
                // Nothing more happens.
            } else if service.case_type == CaseType::Compliment {
                plan.push((
                    at,
                    staff,
                    EventKind::StatusChanged,
                    true,
                    Some("Thank you. We have passed your compliment on.".to_owned()),
                    Some(Status::Closed),
                ));
            } else {
                plan.push((
                    at,
                    staff,
                    EventKind::Message,
                    true,
                    Some(format!("We have dealt with your request about: {}.", service.name.to_lowercase())),
                    None,
                ));
                plan.push((at + MINUTE, staff, EventKind::StatusChanged, true, None, Some(Status::Resolved)));
                let closed = at + 5 * DAY;
                plan.push((closed, system, EventKind::StatusChanged, false, None, Some(Status::Closed)));
                if rng.random_bool(0.02) {
                    let back = closed + rng.random_range(DAY..10 * DAY);
                    plan.push((
                        back,
                        customer,
                        EventKind::StatusChanged,
                        true,
                        Some("The resident says the problem is back.".to_owned()),
                        Some(Status::Reopened),
                    ));
                    plan.push((back + HOUR, staff, EventKind::StatusChanged, true, None, Some(Status::InProgress)));
                    plan.push((back + 2 * DAY, staff, EventKind::StatusChanged, true, None, Some(Status::Resolved)));
                }
            }
        }
        plan
    };
    for (at, actor, kind, public, body, to) in plan {
        if at > now {
            break;
        }
        if kind == EventKind::Assigned {
            t.officer = officer;
        }
        t.push(at, actor, kind, public, body, to);
    }
    t
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
                day + 9 * HOUR + rng.random_range(0..8 * HOUR)
            }
            _ => {
                if weekend && rng.random_bool(0.5) {
                    continue;
                }
                day + 7 * HOUR + rng.random_range(0..16 * HOUR)
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

/// A log-normal duration in milliseconds with the given median.
fn lognormal(rng: &mut StdRng, median: f64, sigma: f64) -> i64 {
    // Box-Muller for a standard normal.
    let u1: f64 = rng.random_range(f64::EPSILON..1.0);
    let u2: f64 = rng.random();
    let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
    (median * (sigma * z).exp()) as i64
}
