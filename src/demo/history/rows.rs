//! The rows one chunk of synthetic cases writes: each case, its events, contacts,
//! clocks, feedback and search document, and its share of the running counts, made the
//! way live use makes them.

use std::collections::HashMap;

use rand::Rng;
use rand::rngs::StdRng;

use super::bulk::{Staging, Table, Val};
use super::timeline::{Cast, Story};
use super::{Chunk, Seeded, customer, place};
use crate::cases::db::to_e7;
use crate::cases::{Channel, EventKind};
use crate::contacts::Demand;
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
    answers: Table,
    handoffs: Table,
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
                    "last_event_at",
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
                &["case_id", "customer_id", "channel", "direction", "at", "subject", "body", "demand", "reason"],
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
            handoffs: Table::new("case_handoffs", &["case_id", "from_team", "to_team", "staff_id", "reason", "at"]),
            answers: Table::new(
                "complaint_responses",
                &["case_id", "stage", "outcome", "cause", "remedy", "answered_by", "at"],
            ),
            search: match backend {
                // The case id is the rowid of SQLite's FTS5 table.
                Backend::Sqlite => Table::new("case_search", &["rowid", "body"]),
                // PostgreSQL keeps the words alone (migration 0043): the text goes to a
                // table of the session's own, and its words are made as it is moved.
                Backend::Postgres => Table::new("case_search", &["case_id", "body"]).staged(Staging {
                    create: crate::search::db::POSTGRES_TEXT_TABLE,
                    table: crate::search::db::POSTGRES_TEXT_NAME,
                    then: crate::search::db::POSTGRES_WORDS_FROM_TEXT,
                }),
            },
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
        // The first contact's subject; its words are the description's, kept once
        // (contacts::db::insert).
        words.push(service.name);

        let contact = |channel: Channel, at: i64, subject: String, body: String, demand: Option<Demand>| {
            vec![
                Val::OptInt(Some(case_id)),
                Val::OptInt(Some(cast.customer_id)),
                Val::Text(channel.as_str().to_owned()),
                Val::Text(if demand.is_some() { "in" } else { "out" }.to_owned()),
                Val::Int(at),
                Val::OptText(Some(subject)),
                Val::OptText((body != description).then_some(body)),
                Val::OptText(demand.map(|d| d.as_str().to_owned())),
                Val::OptText(demand.and_then(|d| reason(d, service.name))),
            ]
        };
        // What came in: the first contact, then any chasing while the case was open and
        // any "it was not done" after it was resolved. See `demand` below.
        let ward = location.as_ref().map(|l| l.2);
        let end = resolved_at.unwrap_or(now);
        // What the later contacts said, for the search document.
        let mut said: Vec<String> = Vec::new();
        for (at, channel, demand) in inbound(rng, service.code, channel, t0, end, resolved_at, &story, now) {
            let subject =
                if at == t0 { service.name.to_owned() } else { format!("About my {}", service.name.to_lowercase()) };
            let body = if at == t0 { description.clone() } else { chaser_words(demand).to_owned() };
            if at != t0 {
                said.extend([subject.clone(), body.clone()]);
            }
            said.extend(reason(demand, service.name));
            self.contacts.push(contact(channel, at, subject, body, Some(demand)));
            self.count(rules, at, service.id, Metric::Contacts, crate::rollups::contact_key(channel, demand));
            if let Some(ward) = ward {
                self.count(rules, at, service.id, Metric::WardContacts, crate::rollups::ward_key(ward, channel));
            }
        }
        let reply_subject = format!("Re: {}", service.name);
        let mut replies = Vec::new();
        for e in &story.events {
            if e.kind == EventKind::Message {
                let reply = e.body.clone().unwrap_or_default();
                self.contacts.push(contact(Channel::Email, e.at, reply_subject.clone(), reply.clone(), None));
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
        words.extend(said.iter().map(String::as_str));
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
        if service.case_type == crate::cases::CaseType::Complaint
            && let Some(answer) = stage_one_answer(case_id, &story, cast.team_lead)
        {
            self.answers.push(answer);
        }
        if let (Some(from), Some((at, reason))) = (cast.passed_from, story.passed_on) {
            let to = service.team_id;
            self.handoffs.push(vec![
                Val::Int(case_id),
                Val::Int(from),
                Val::Int(to),
                Val::OptInt(cast.team_lead),
                Val::Text(reason.to_owned()),
                Val::Int(at),
            ]);
            self.count(rules, at, service.id, Metric::Handoff, format!("{from}:{to}"));
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
            tables: vec![
                self.cases,
                self.events,
                self.contacts,
                self.clocks,
                self.feedback,
                self.answers,
                self.handoffs,
                self.search,
            ],
            counts: self.counts,
            seeded: self.seeded,
        }
    }
}

/// Each contact from the customer on a case: (when, how, what it was). The first is the
/// one that opened it: mostly value demand, but for some services often a bill or letter
/// that was not clear, a bin missed again, or a question for someone else. While open,
/// customers chase, more often the longer it takes and always after a missed promise;
/// after a "no, it was not sorted", they come back. About a third in all is failure
/// demand, more in council tax and bins, as councils measuring it find.
#[expect(clippy::too_many_arguments, reason = "the case as the generator holds it")]
fn inbound(
    rng: &mut StdRng,
    code: &str,
    channel: Channel,
    t0: i64,
    end: i64,
    resolved_at: Option<i64>,
    story: &Story,
    now: i64,
) -> Vec<(i64, Channel, Demand)> {
    let first = match code {
        c if c.starts_with("ctax") || c.contains("benefit") => {
            if rng.random_bool(0.3) {
                Demand::Clarification
            } else {
                Demand::Value
            }
        }
        c if c.contains("bin") => {
            if rng.random_bool(0.2) {
                Demand::Repeat
            } else if rng.random_bool(0.1) {
                Demand::NotDone
            } else {
                Demand::Value
            }
        }
        "general" if rng.random_bool(0.15) => Demand::Misdirected,
        _ if rng.random_bool(0.05) => Demand::Repeat,
        _ => Demand::Value,
    };
    let mut out = vec![(t0, channel, first)];
    let open_days = (end - t0) / super::timeline::DAY;
    let breached = story.clocks.iter().any(|c| c.breached);
    let chasers = match (breached, open_days) {
        (true, _) => u32::from(rng.random_bool(0.5)) + u32::from(rng.random_bool(0.25)),
        (false, d) if d > 10 => u32::from(rng.random_bool(0.3)),
        _ => u32::from(rng.random_bool(0.06)),
    };
    for _ in 0..chasers {
        if end - t0 < 2 * super::timeline::HOUR {
            break;
        }
        let at = rng.random_range(t0 + super::timeline::HOUR..end);
        let how = if rng.random_bool(0.6) { Channel::Phone } else { Channel::Email };
        out.push((at, how, Demand::ProgressChasing));
    }
    if let Some(resolved) = resolved_at
        && story.feedback.iter().any(|f| !f.solved)
        && resolved + super::timeline::DAY < now
    {
        out.push((rng.random_range(resolved..(resolved + super::timeline::DAY)), Channel::Phone, Demand::NotDone));
    }
    out.sort_by_key(|c| c.0);
    out
}

/// What a customer says when they chase or come back.
fn chaser_words(demand: Demand) -> &'static str {
    match demand {
        Demand::NotDone => "You said this was sorted but it has not been done.",
        _ => "I reported this and have not heard anything. When will it be done?",
    }
}

/// The reason in the customer's words, as an adviser writes it down for a call.
fn reason(demand: Demand, service: &str) -> Option<String> {
    match demand {
        Demand::Value => None,
        Demand::ProgressChasing => Some("Nobody has got back to me".into()),
        Demand::NotDone => Some("It still has not been done".into()),
        Demand::Clarification => Some(format!("I don't understand the letter about {}", service.to_lowercase())),
        Demand::Misdirected => Some("I was told to ring you by another office".into()),
        Demand::Repeat => Some("This has happened again".into()),
    }
}

/// A resolved complaint's stage 1 answer, as `complaints::answer` records it: what was
/// decided and why it happened, so the annual report's decisions and causes agree with
/// its timeliness. Chosen from the case id, not the random numbers, so the rest of the
/// history is the same with or without it: about a third upheld, a quarter partly and
/// the rest not; delay and poor communication the commonest causes.
fn stage_one_answer(case_id: i64, story: &Story, team_lead: Option<i64>) -> Option<Vec<Val>> {
    use crate::complaints::{Cause, Outcome};
    let resolved = story.events.iter().find(|e| e.to_status == Some(crate::cases::Status::Resolved))?;
    let by = resolved.actor.id.filter(|_| resolved.actor.kind == crate::cases::ActorKind::Staff).or(team_lead)?;
    let outcome = match case_id % 20 {
        0..7 => Outcome::Upheld,
        7..12 => Outcome::PartlyUpheld,
        _ => Outcome::NotUpheld,
    };
    const CAUSES: [Cause; 10] = [
        Cause::Delay,
        Cause::Communication,
        Cause::Delay,
        Cause::Quality,
        Cause::Mistake,
        Cause::Communication,
        Cause::Delay,
        Cause::StaffConduct,
        Cause::Policy,
        Cause::Other,
    ];
    let cause = CAUSES[usize::try_from(case_id / 20 % 10).unwrap_or(0)];
    let remedy = match outcome {
        Outcome::NotUpheld => "None needed: we explained our decision.",
        _ => "We apologised and put it right.",
    };
    Some(vec![
        Val::Int(case_id),
        Val::Int(1),
        Val::Text(outcome.as_str().to_owned()),
        Val::Text(cause.as_str().to_owned()),
        Val::Text(remedy.to_owned()),
        Val::Int(by),
        Val::Int(resolved.at),
    ])
}
