//! The rows one chunk of synthetic cases writes: each case, its events, contacts,
//! clocks, feedback and search document, and its share of the running counts, made the
//! way live use makes them.

use std::collections::HashMap;

use rand::rngs::StdRng;

use super::bulk::{Table, Val};
use super::timeline::{Cast, Story};
use super::{Chunk, Seeded, customer, place};
use crate::cases::db::to_e7;
use crate::cases::{Channel, EventKind};
use crate::db::Backend;
use crate::rollups::Metric;
use crate::standards::Rules;

/// The rows of a chunk of cases, as they are made.
pub(super) struct CaseRows {
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
    pub(super) fn new(backend: Backend) -> Self {
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

    pub(super) fn add(&mut self, rng: &mut StdRng, rules: &Rules, cast: &Cast<'_>, t0: i64, story: Story, now: i64) {
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
                Val::Int(e.actor.kind.number()),
                Val::OptInt(e.actor.id),
                Val::Int(e.kind.number()),
                Val::Int(i64::from(e.public)),
                Val::OptText(e.body.clone()),
                Val::OptInt(e.from_status.map(crate::cases::Status::number)),
                Val::OptInt(e.to_status.map(crate::cases::Status::number)),
            ]);
        }
        for reply in &replies {
            words.extend([reply_subject.as_str(), reply.as_str()]);
        }
        self.search.push(vec![Val::Int(case_id), Val::Text(words.join(" "))]);

        for c in &story.clocks {
            let ms = |t: Option<jiff::Timestamp>| t.map(jiff::Timestamp::as_millisecond);
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

    pub(super) fn into_chunk(self) -> Chunk {
        Chunk {
            // Cases first: the others refer to them.
            tables: vec![self.cases, self.events, self.contacts, self.clocks, self.feedback, self.search],
            counts: self.counts,
            seeded: self.seeded,
        }
    }
}
