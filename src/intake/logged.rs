//! Contacts that staff log on a resident's behalf (assisted digital): a phone call, a
//! letter, a visit or a social media message. Each opens a case through [`super::open`],
//! as a web form does, or adds to the case the resident already has. One that was dealt
//! with there and then is recorded as resolved at first contact.

use super::{Asks, ContactNeeded, IntakeError, Request, Submission, validate};
use crate::cases::db::{ChangeStatusError, NewEvent};
use crate::cases::{self, Actor, CaseRef, Channel, EventKind, Status};
use crate::casework::{append_event, change_status, correct_demand, record_contact};
use crate::config::Council;
use crate::contacts::db::NewContact;
use crate::contacts::{Demand, Direction};
use crate::db::{Db, now_ms};
use crate::forms::{Checker, OUTCOME_MAX};
use crate::services;
use crate::standards::Rules;

/// The channels staff log by hand. Web forms, email and partner systems arrive by themselves.
pub const LOGGED_CHANNELS: [Channel; 4] = [Channel::Phone, Channel::Letter, Channel::Visit, Channel::Social];

/// A contact as an adviser typed it.
#[derive(Debug, Clone, Default)]
pub struct Logged {
    pub staff_id: i64,
    pub channel: String,
    /// A case reference, to add this contact to that case; empty for a new case.
    pub reference: String,
    /// The service, the resident's details and what they said, for a new case.
    pub submission: Submission,
    /// Dealt with during the contact itself.
    pub resolved: bool,
    /// What was done, when resolved.
    pub outcome: String,
    /// The date it was received, as typed (`2026-12-03` or `3/12/2026`): needed for a
    /// letter, optional otherwise (empty is now).
    pub received: String,
    /// The adviser confirmed a received date more than 10 working days ago.
    pub received_confirmed: bool,
    /// What the contact was (a `Demand` code), when the adviser chose; empty is found
    /// automatically.
    pub demand: String,
    /// Why the customer got in touch, in their own words.
    pub reason: String,
}

/// The longest reason an adviser can write down.
pub const REASON_MAX: usize = 500;

/// The adviser's choice of class, if any; an unknown code is refused, naming the field.
fn chosen_demand(c: &mut Checker, typed: &str) -> Option<Demand> {
    let typed = typed.trim();
    if typed.is_empty() || typed == "found" {
        return None;
    }
    let chosen = Demand::parse(typed);
    if chosen.is_none() {
        c.fail("demand", "Select what the contact was, or leave it to be worked out");
    }
    chosen
}

/// A received date further back than this many working days is asked about once: a
/// mistyped year would otherwise put a new letter's clocks in the past.
pub const RECEIVED_WARN_DAYS: i64 = 10;

/// When a contact typed as received on `typed` arrived: midday that day in the council's
/// time zone (within opening hours, so the day counts as the day of receipt), or now if
/// that is later. Errors name the field.
fn received_at(c: &mut Checker, rules: &Rules, logged: &Logged, channel: Option<Channel>, now: i64) -> Option<i64> {
    let typed = logged.received.trim();
    if typed.is_empty() {
        if channel == Some(Channel::Letter) {
            c.fail("received", "Enter the date the letter was received, like 3/12/2026");
        }
        return None;
    }
    let Some(date) = parse_date(typed) else {
        c.fail("received", "Enter the date it was received as day/month/year, like 3/12/2026");
        return None;
    };
    let calendar = &rules.calendars.council;
    let today = calendar.local_date(jiff::Timestamp::from_millisecond(now).unwrap_or(jiff::Timestamp::UNIX_EPOCH));
    if date > today {
        c.fail("received", "The date it was received cannot be in the future");
        return None;
    }
    let noon = calendar.at(date, jiff::civil::Time::constant(12, 0, 0, 0)).as_millisecond();
    if noon < now - super::RECEIVED_MAX_AGE_MS {
        c.fail("received", "The date it was received must be within the last year");
        return None;
    }
    if date < calendar.sub_working_days(today, RECEIVED_WARN_DAYS) && !logged.received_confirmed {
        c.fail(
            "received",
            format!(
                "{} is more than {RECEIVED_WARN_DAYS} working days ago. Check the date; if it is right, tick \
                 \"The date is right\" and log it again",
                date.strftime("%-d %B %Y")
            ),
        );
        return None;
    }
    Some(noon.min(now))
}

/// A date as typed: `2026-12-03` (a date input) or `3/12/2026`, `3.12.2026`, `3 12 2026`.
fn parse_date(typed: &str) -> Option<jiff::civil::Date> {
    if let Ok(date) = typed.parse::<jiff::civil::Date>() {
        return Some(date);
    }
    let parts: Vec<&str> = typed.split(['/', '.', ' ', '-']).filter(|p| !p.is_empty()).collect();
    let [day, month, year] = parts.as_slice() else { return None };
    let (day, month, year) = (day.parse::<i8>().ok()?, month.parse::<i8>().ok()?, year.parse::<i16>().ok()?);
    let year = if year < 100 { 2000 + year } else { year };
    jiff::civil::Date::new(year, month, day).ok()
}

/// Logs the contact; returns the reference of the case it opened or joined, once committed.
pub async fn log(db: &Db, council: &Council, rules: &Rules, logged: &Logged) -> Result<CaseRef, IntakeError> {
    let mut c = Checker::default();
    let channel = Channel::parse(&logged.channel).filter(|ch| LOGGED_CHANNELS.contains(ch));
    if channel.is_none() {
        c.fail("channel", "Select how the resident contacted us");
    }
    let outcome = if logged.resolved {
        c.text("outcome", "what you did to resolve it", &logged.outcome, OUTCOME_MAX, true)
    } else {
        None
    };
    let reference = logged.reference.trim();
    let existing = if reference.is_empty() {
        None
    } else {
        match CaseRef::parse(&council.prefix, reference) {
            Ok(r) => match cases::db::get(db.reader(), r.id()).await? {
                Some(case) => Some((r, case)),
                None => {
                    c.fail("reference", format!("There is no case {r}; check the reference, or leave it empty"));
                    None
                }
            },
            Err(err) => {
                c.fail("reference", format!("Enter a reference like {}-4K7-9QX ({err})", council.prefix.as_str()));
                None
            }
        }
    };
    let now = now_ms();
    let received = received_at(&mut c, rules, logged, channel, now);
    let demand = chosen_demand(&mut c, &logged.demand);
    let reason = c.text("reason", "the reason in their words", &logged.reason, REASON_MAX, false);
    let actor = Actor::staff(logged.staff_id);
    if let Some((reference, case)) = existing {
        let description =
            c.text("description", "a description", &logged.submission.description, super::DESCRIPTION_MAX, true);
        let (Some(channel), Some(description), true) = (channel, description, c.errors.is_empty()) else {
            return Err(IntakeError::Invalid(c.errors));
        };
        let mut tx = db.begin().await?;
        let contact = NewContact {
            case_id: Some(case.id),
            customer_id: case.customer_id,
            channel,
            direction: Direction::Inbound,
            subject: None,
            body: &description,
            logged_by: Some(logged.staff_id),
            resolved_at_first_contact: logged.resolved,
            demand: None,
            reason: reason.as_deref(),
        };
        let (contact_id, found) = record_contact(&mut tx, rules, &contact, received.unwrap_or(now)).await?;
        if let Some(chosen) = demand.filter(|d| found != Some(*d)) {
            correct_demand(&mut tx, rules, contact_id, chosen, logged.staff_id, now).await?;
        }
        for token in &logged.submission.uploads {
            if !crate::attachments::db::claim(&mut tx, token, case.id, now).await? {
                return Err(IntakeError::Invalid(vec![super::FieldError::new("scan", SCAN_GONE)]));
            }
        }
        let said = format!("{} from the customer, logged by staff:\n{description}", channel.label());
        let event = NewEvent {
            actor,
            kind: EventKind::Note,
            public: false,
            body: Some(&said),
            from_status: None,
            to_status: None,
        };
        append_event(&mut tx, case.id, &event, rules, now).await?;
        let to = match (&outcome, case.status) {
            (Some(_), _) => Some(Status::Resolved),
            (None, Status::WaitingForCustomer) => Some(Status::InProgress),
            _ => None,
        };
        if let Some(to) = to {
            let note = outcome.as_deref().or(Some("The customer got in touch."));
            match change_status(&mut tx, case.id, to, actor, note, rules, now).await {
                Ok(()) => {}
                Err(ChangeStatusError::Illegal(err)) => {
                    let message =
                        format!("This case cannot be resolved now ({err}); untick resolved, or reopen it first");
                    return Err(IntakeError::Invalid(vec![super::FieldError::new("resolved", message)]));
                }
                Err(err) => return Err(err.into()),
            }
        }
        tx.commit().await?;
        tracing::info!(case = %reference, channel = %channel, resolved = logged.resolved, "contact logged on a case");
        return Ok(reference);
    }

    let s = &logged.submission;
    let service =
        if s.service_code.is_empty() { None } else { services::db::by_code(db.reader(), &s.service_code).await? };
    if service.is_none() {
        c.fail("service", "Select the service it is about");
    }
    let contact = if logged.resolved { ContactNeeded::Nothing } else { ContactNeeded::AnyWay };
    let asks = Asks { location: service.as_ref().is_some_and(|s| s.asks_location && !logged.resolved), contact };
    let checked = validate(s, asks);
    let (Some(channel), Some(service), Ok((customer, location, description)), true) =
        (channel, service.as_ref(), &checked, c.errors.is_empty())
    else {
        let mut errors = c.errors;
        errors.extend(checked.err().unwrap_or_default());
        return Err(IntakeError::Invalid(order(errors)));
    };
    let request = Request {
        language: s.language,
        service,
        channel,
        customer,
        location: location.clone(),
        description: description.clone(),
        subject: &service.name,
        in_reply_to: None,
        // Nothing to wait for when it was sorted on the spot.
        acknowledge: !logged.resolved,
        logged_by: Some(logged.staff_id),
        resolved_at_first_contact: logged.resolved,
        answers: &[],
        // An adviser books a particular time on the callbacks page; logged, it is as
        // soon as possible.
        callback: None,
        received_at: received,
        demand,
        reason: reason.as_deref(),
    };
    let mut tx = db.begin().await?;
    let opened = super::open(&mut tx, council, rules, request, now).await?;
    for token in &s.uploads {
        if !crate::attachments::db::claim(&mut tx, token, opened.case_id, now).await? {
            return Err(IntakeError::Invalid(vec![super::FieldError::new("scan", SCAN_GONE)]));
        }
    }
    if let Some(outcome) = &outcome {
        change_status(&mut tx, opened.case_id, Status::Resolved, actor, Some(outcome), rules, now).await?;
    }
    tx.commit().await?;
    tracing::info!(case = %opened.reference, service = %service.code, channel = %channel, resolved = logged.resolved, "contact logged");
    Ok(opened.reference)
}

const SCAN_GONE: &str = "The scan was added more than an hour ago, so it was deleted. Add it again";

/// Errors in the order the form shows its fields.
fn order(mut errors: Vec<super::FieldError>) -> Vec<super::FieldError> {
    const FORM: [&str; 15] = [
        "channel",
        "received",
        "scan",
        "reference",
        "service",
        "description",
        "address",
        "postcode",
        "name",
        "email",
        "phone",
        "postal-address",
        "postal-postcode",
        "resolved",
        "outcome",
    ];
    errors.sort_by_key(|e| FORM.iter().position(|f| *f == e.field).unwrap_or(FORM.len()));
    errors
}
