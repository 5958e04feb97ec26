//! One synthetic case's story, as the events live use would have stored: what the
//! resident and staff did, the clocks intake and each change started, the warnings and
//! breaches the sweep would have fired, a resident's escalation of a late case, and what
//! they said afterwards. Pure: the same random numbers give the same story.

use rand::Rng;
use rand::rngs::StdRng;

use super::SeedService;
use crate::cases::{Actor, ActorKind, CaseType, Channel, Event, EventKind, Status};
use crate::clocks::{Clock, Fired, State};
use crate::standards::Rules;

pub const MINUTE: i64 = 60_000;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = 24 * HOUR;

/// "Did this solve it?", as a resident answered it.
pub struct Said {
    pub at: i64,
    pub solved: bool,
    pub rating: i64,
}

/// A case's whole story.
pub struct Story {
    pub events: Vec<Event>,
    pub status: Status,
    pub officer: Option<i64>,
    pub clocks: Vec<Clock>,
    pub feedback: Vec<Said>,
    /// When it was passed on from the team it went to first, and why.
    pub passed_on: Option<(i64, &'static str)>,
}

/// Who a case is for and who works on it.
pub struct Cast<'a> {
    pub service: &'a SeedService,
    pub channel: Channel,
    pub case_id: i64,
    pub customer_id: i64,
    pub officers: &'a [i64],
    pub team_lead: Option<i64>,
    /// The team it went to first, by mistake, before it was passed on to its own.
    pub passed_from: Option<i64>,
}

/// The story of a case received at `t0`, as it stands at `now`.
pub fn story(rng: &mut StdRng, rules: &Rules, cast: &Cast<'_>, t0: i64, now: i64) -> Story {
    let mut story = Story {
        events: Vec::new(),
        status: Status::Received,
        officer: None,
        clocks: Vec::new(),
        feedback: Vec::new(),
        passed_on: None,
    };
    let plan = plan(rng, cast, t0, now);
    let officer = plan.officer;
    for step in plan.steps.into_iter().take_while(|s| s.at <= now) {
        if step.kind == EventKind::Assigned {
            story.officer = officer;
        }
        if step.said_no {
            story.feedback.push(Said { at: step.at, solved: false, rating: rng.random_range(1..=2) });
        }
        push(&mut story, cast.case_id, step);
    }
    start_clocks(rules, cast, &mut story.events);
    story.clocks = crate::clocks::replay(&story.events, rules);
    fire_as_the_sweep_would(rules, cast, &mut story, now);
    escalate_some_late(rng, cast, &mut story, now);
    say_whether_it_solved_it(rng, cast, &mut story, now);
    pass_on_if_misdirected(cast, &mut story, t0, now);
    story
}

/// A case that went to the wrong team first is passed on within the hour, with the
/// reason on its timeline, as "Pass to another team" on the case page writes it.
fn pass_on_if_misdirected(cast: &Cast<'_>, story: &mut Story, t0: i64, now: i64) {
    const REASON: &str = "It came to us by mistake: it is this team's to deal with.";
    let at = t0 + 40 * MINUTE;
    if cast.passed_from.is_none() || at > now {
        return;
    }
    let mut event = internal(cast.case_id, at, EventKind::PassedOn, format!("Passed on to the right team: {REASON}"));
    event.actor = Actor { kind: ActorKind::Staff, id: cast.team_lead };
    insert_in_time(&mut story.events, event);
    renumber(&mut story.events);
    story.passed_on = Some((at, REASON));
}

fn push(story: &mut Story, case_id: i64, step: Step) {
    let Step { at, actor, kind, public, body, to, .. } = step;
    let from = if kind == EventKind::Created { None } else { to.map(|_| story.status) };
    if let Some(to) = to {
        story.status = to;
    }
    let id = story.events.len() as i64;
    story.events.push(Event { id, case_id, at, actor, kind, public, body, from_status: from, to_status: to });
}

struct Step {
    at: i64,
    actor: Actor,
    kind: EventKind,
    public: bool,
    body: Option<String>,
    to: Option<Status>,
    /// This reopening is the resident saying the resolution did not solve it.
    said_no: bool,
}

struct Plan {
    steps: Vec<Step>,
    officer: Option<i64>,
}

fn step(at: i64, actor: Actor, kind: EventKind, public: bool, body: Option<&str>, to: Option<Status>) -> Step {
    Step { at, actor, kind, public, body: body.map(str::to_owned), to, said_no: false }
}

/// Everything that will happen to the case, some of it after `now`.
fn plan(rng: &mut StdRng, cast: &Cast<'_>, t0: i64, now: i64) -> Plan {
    let service = cast.service;
    let channel = cast.channel;
    let customer = Actor { kind: ActorKind::Customer, id: Some(cast.customer_id) };
    let system = Actor::SYSTEM;
    let officer = (!cast.officers.is_empty()).then(|| cast.officers[rng.random_range(0..cast.officers.len())]);
    let staff = Actor { kind: ActorKind::Staff, id: officer };
    let mut steps = vec![step(t0, customer, EventKind::Created, true, None, Some(Status::Received))];

    let face_to_face = matches!(channel, Channel::Phone | Channel::Visit);
    let ack_at = match channel {
        Channel::Phone | Channel::Visit => t0 + rng.random_range(0..5 * MINUTE),
        Channel::Letter => t0 + rng.random_range(DAY..6 * DAY),
        _ if rng.random_bool(0.96) => t0 + rng.random_range(MINUTE..15 * MINUTE),
        _ => t0 + rng.random_range(24 * HOUR..72 * HOUR),
    };
    let ack_actor = if ack_at - t0 < 15 * MINUTE && !face_to_face { system } else { staff };
    steps.push(step(ack_at, ack_actor, EventKind::StatusChanged, true, None, Some(Status::Acknowledged)));

    // Some phone and visit enquiries are resolved while the resident is there.
    if face_to_face && service.case_type == CaseType::Enquiry && rng.random_bool(0.35) {
        let done = ack_at + rng.random_range(MINUTE..10 * MINUTE);
        let note = Some("Resolved at first contact.");
        steps.push(step(done, staff, EventKind::StatusChanged, true, note, Some(Status::Resolved)));
        steps.push(step(done + 5 * DAY, system, EventKind::StatusChanged, false, None, Some(Status::Closed)));
        return Plan { steps, officer };
    }
    let start = ack_at + rng.random_range(10 * MINUTE..DAY);
    if service.case_type != CaseType::Compliment {
        if officer.is_some() {
            steps.push(step(start, system, EventKind::Assigned, false, Some("Assigned to an officer"), None));
        }
        steps.push(step(start + MINUTE, staff, EventKind::StatusChanged, true, None, Some(Status::InProgress)));
    }
    let mut at = start + MINUTE;
    if rng.random_bool(0.12) && service.case_type != CaseType::Compliment {
        at += lognormal(rng, DAY as f64, 0.6);
        let ask = Some("We need a little more information from you.");
        steps.push(step(at, staff, EventKind::StatusChanged, true, ask, Some(Status::WaitingForCustomer)));
        at += rng.random_range(HOUR..6 * DAY);
        let answer = Some("The resident replied.");
        steps.push(step(at, customer, EventKind::StatusChanged, true, answer, Some(Status::InProgress)));
    }
    // A tenth of the last month's cases are stuck: worked on, never answered. They are
    // the late cases every queue and the performance page must show.
    // And the repairs contractor has a backlog: half its cases of the last ten weeks
    // wait with nothing done, the blockage the insight report finds.
    let stuck = (now - t0 < 30 * DAY && rng.random_bool(0.1))
        || (service.partner_id.is_some() && now - t0 < 70 * DAY && rng.random_bool(0.5));
    let median = match service.case_type {
        CaseType::Enquiry => 1.6 * DAY as f64,
        CaseType::ServiceRequest => 3.5 * DAY as f64,
        CaseType::Complaint => 9.0 * DAY as f64,
        CaseType::Foi | CaseType::Eir => 14.0 * DAY as f64,
        CaseType::SubjectAccess => 21.0 * DAY as f64,
        CaseType::Erasure | CaseType::Rectification | CaseType::Restriction => 12.0 * DAY as f64,
        CaseType::Callback => 4.0 * HOUR as f64,
        CaseType::CouncillorEnquiry => 5.0 * DAY as f64,
        CaseType::Compliment => DAY as f64,
    };
    at += lognormal(rng, median, 0.75);
    if stuck {
        // Nothing more happens.
    } else if service.case_type == CaseType::Compliment {
        let thanks = Some("Thank you. We have passed your compliment on.");
        steps.push(step(at, staff, EventKind::StatusChanged, true, thanks, Some(Status::Closed)));
    } else {
        let reply = format!("We have dealt with your request about: {}.", service.name.to_lowercase());
        steps.push(step(at, staff, EventKind::Message, true, Some(&reply), None));
        steps.push(step(at + MINUTE, staff, EventKind::StatusChanged, true, None, Some(Status::Resolved)));
        let closed = at + 5 * DAY;
        steps.push(step(closed, system, EventKind::StatusChanged, false, None, Some(Status::Closed)));
        if rng.random_bool(0.02) {
            // The resident says it did not solve it, which reopens the case (as the
            // feedback form does), and the team deals with it again.
            let back = closed + rng.random_range(DAY..10 * DAY);
            let note = Some("The customer said this did not solve it.");
            let mut reopened = step(back, customer, EventKind::StatusChanged, true, note, Some(Status::Reopened));
            reopened.said_no = true;
            steps.push(reopened);
            steps.push(step(back + HOUR, staff, EventKind::StatusChanged, true, None, Some(Status::InProgress)));
            steps.push(step(back + 2 * DAY, staff, EventKind::StatusChanged, true, None, Some(Status::Resolved)));
        }
    }
    Plan { steps, officer }
}

/// Puts a `clock_started` event after each event that starts a standard for this case,
/// as `casework::append_event` does in live use.
fn start_clocks(rules: &Rules, cast: &Cast<'_>, events: &mut Vec<Event>) {
    let mut started = Vec::new();
    let mut stored = Vec::with_capacity(events.len() + 3);
    for event in events.drain(..) {
        let starts = crate::clocks::starting(
            rules,
            &event,
            cast.channel,
            cast.service.case_type,
            cast.service.code,
            &mut started,
        );
        let event_at = event.at;
        stored.push(event);
        for s in starts {
            let at = s.from_or(event_at);
            stored.push(internal(cast.case_id, at, EventKind::ClockStarted, s.body(at)));
        }
    }
    *events = stored;
    renumber(events);
}

fn internal(case_id: i64, at: i64, kind: EventKind, body: String) -> Event {
    Event {
        id: 0,
        case_id,
        at,
        actor: Actor::SYSTEM,
        kind,
        public: false,
        body: Some(body),
        from_status: None,
        to_status: None,
    }
}

fn renumber(events: &mut [Event]) {
    for (i, e) in events.iter_mut().enumerate() {
        e.id = i as i64;
    }
}

/// Inserts `event` after every event that happened at or before it.
fn insert_in_time(events: &mut Vec<Event>, event: Event) {
    let at = events.partition_point(|e| e.at <= event.at);
    events.insert(at, event);
}

/// The warnings, breaches and escalations to the team lead that the sweep would have
/// written while each clock ran, so a seeded database has no timer left over to fire.
fn fire_as_the_sweep_would(rules: &Rules, cast: &Cast<'_>, story: &mut Story, now: i64) {
    let mut fired = false;
    for clock in &story.clocks {
        let Some(deadline) = clock.deadline.as_ref() else { continue };
        if clock.state == State::Paused {
            continue;
        }
        let until = clock.stopped_at.map_or(now, |t| t.as_millisecond().min(now));
        let (warn, due) = (deadline.warn_at.as_millisecond(), deadline.due.as_millisecond());
        let body = |team_lead| {
            serde_json::to_string(&Fired { standard: clock.standard.id.clone(), due, team_lead }).expect("plain struct")
        };
        if warn < due && warn < until {
            insert_in_time(&mut story.events, internal(cast.case_id, warn, EventKind::ClockWarned, body(None)));
            fired = true;
        }
        if due < until {
            insert_in_time(&mut story.events, internal(cast.case_id, due, EventKind::ClockBreached, body(None)));
            let escalated = internal(cast.case_id, due, EventKind::Escalated, body(cast.team_lead));
            insert_in_time(&mut story.events, escalated);
            fired = true;
        }
    }
    if fired {
        renumber(&mut story.events);
        story.clocks = crate::clocks::replay(&story.events, rules);
    }
}

/// A quarter of the residents whose open case is past its date press "escalate" on the
/// case page (failure demand), once.
fn escalate_some_late(rng: &mut StdRng, cast: &Cast<'_>, story: &mut Story, now: i64) {
    if !story.status.is_open() || !rng.random_bool(0.25) {
        return;
    }
    let late = story
        .clocks
        .iter()
        .filter(|c| c.state == State::Running && c.stopped_at.is_none())
        .filter_map(|c| Some((c.standard.id.clone(), c.due()?.as_millisecond())))
        .filter(|(_, due)| *due < now)
        .min_by_key(|(_, due)| *due);
    let Some((standard, due)) = late else { return };
    let at = due + rng.random_range(0..(now - due).clamp(1, 5 * DAY));
    let body = serde_json::to_string(&Fired { standard, due, team_lead: cast.team_lead }).expect("plain struct");
    let mut event = internal(cast.case_id, at, EventKind::Escalated, body);
    event.actor = Actor { kind: ActorKind::Customer, id: Some(cast.customer_id) };
    event.public = true;
    insert_in_time(&mut story.events, event);
    renumber(&mut story.events);
}

/// A fifth of residents whose case was resolved say it solved it, with a rating.
fn say_whether_it_solved_it(rng: &mut StdRng, cast: &Cast<'_>, story: &mut Story, now: i64) {
    if story.status.is_open() || cast.service.case_type == CaseType::Compliment || !rng.random_bool(0.2) {
        return;
    }
    let Some(resolved) = crate::cases::resolved_at(story.status, &story.events) else { return };
    let at = resolved + rng.random_range(HOUR..4 * DAY);
    if at > now {
        return;
    }
    let rating = match rng.random_range(0..100) {
        0..40 => 5,
        40..70 => 4,
        70..85 => 3,
        85..95 => 2,
        _ => 1,
    };
    story.feedback.push(Said { at, solved: true, rating });
}

/// A log-normal duration in milliseconds with the given median.
pub fn lognormal(rng: &mut StdRng, median: f64, sigma: f64) -> i64 {
    // Box-Muller for a standard normal.
    let u1: f64 = rng.random_range(f64::EPSILON..1.0);
    let u2: f64 = rng.random();
    let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
    (median * (sigma * z).exp()) as i64
}
