//! Intake: the one path by which anything becomes a case.
//!
//! A web form, an email, an Open311 request and a logged phone call all end in
//! [`submit`]. It validates, finds or creates the customer, opens the case with its
//! event, records the contact and starts the clocks of the standards that apply, all in
//! one transaction. The reference is returned
//! only after that transaction has committed, so a resident is never given a
//! reference for a case that could be lost.

mod acknowledge;
pub mod calls;
mod logged;

pub use acknowledge::{ACK_GAP_MS, ACKS_PER_DAY};
use acknowledge::{Acknowledgement, acknowledge};

pub use logged::{LOGGED_CHANNELS, Logged, log};

use std::sync::Arc;

use sqlx::AnyConnection;

use crate::cases::db::NewCase;
use crate::cases::{Actor, CaseRef, CaseType, Channel, Location, Priority};
use crate::config::Council;
use crate::contacts::db::NewContact;
use crate::contacts::{Demand, Direction};
use crate::customers::CustomerDetails;
use crate::db::{Db, now_ms};
use crate::forms::{ADDRESS_MAX, Checker, DESCRIPTION_MAX, FieldError, NAME_MAX};
use crate::outbox;
use crate::services::Service;
use crate::standards::Rules;
use crate::{attachments, cases, customers, services};

/// What someone sent, as typed, before validation.
#[derive(Debug, Clone, Default)]
pub struct Submission {
    pub channel: Option<Channel>,
    pub service_code: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    /// The customer's property, as its Unique Property Reference Number, when staff have
    /// looked it up: it finds the customer when no email or phone is given.
    pub uprn: String,
    /// Where the problem is.
    pub address: String,
    pub postcode: String,
    /// Where to post letters to the customer: the address's lines, and its postcode.
    pub postal_address: String,
    pub postal_postcode: String,
    /// The customer asked for letters, even with an email address given.
    pub prefers_post: bool,
    /// The customer asked for letters in large print.
    pub large_print: bool,
    /// When a contact logged after it arrived (a letter opened today) was received, in
    /// milliseconds: its clocks count from then. `None` is now.
    pub received_at: Option<i64>,
    /// A pin dropped on the map, in degrees: both or neither.
    pub lat: String,
    pub lng: String,
    pub description: String,
    /// The form's name-value pairs for the service's own questions (`answer-CODE`).
    pub answers: Vec<(String, String)>,
    /// Tokens of files added on the form, stored as pending attachments.
    pub uploads: Vec<String>,
    /// The other system that sent it, through its API key: recorded with the case.
    pub sent_by: Option<SentBy>,
    /// The language the resident used: the case keeps it, and every message to them is in it.
    pub language: crate::language::Language,
}

/// Which system sent a submission, and the token it is given to look the case up by.
#[derive(Debug, Clone)]
pub struct SentBy {
    pub key_id: i64,
    pub name: String,
    pub token: String,
    /// The JSON API's `Idempotency-Key`, settled with this case in its transaction.
    pub idempotency: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error("there is no service {0:?}")]
    UnknownService(String),
    #[error("the submission has {} problem(s)", .0.len())]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Status(#[from] crate::cases::db::ChangeStatusError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    NotStored(#[from] crate::db::GroupError),
}

/// The furthest back a contact may be logged as received: a year. Anything older is past
/// every standard already, and is most likely a mistyped year.
pub const RECEIVED_MAX_AGE_MS: i64 = 366 * 86_400_000;

/// Which contact details a channel needs before a case can be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactNeeded {
    /// An email address or a phone number, so we can say what happens.
    EmailOrPhone,
    /// An email address, a phone number or a postal address: a contact staff log, or
    /// one from another system, which may be a letter from someone with only an address.
    AnyWay,
    /// A phone number: a callback request.
    Phone,
    /// Nothing: a contact resolved there and then needs no reply.
    Nothing,
}

/// What a form asks for, beyond a description and a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asks {
    /// Where the problem is (an address or a postcode).
    pub location: bool,
    pub contact: ContactNeeded,
}

/// Checks a submission. Every problem is reported at once, field by field.
pub fn validate(s: &Submission, asks: Asks) -> Result<(CustomerDetails, Location, String), Vec<FieldError>> {
    let mut c = Checker::default();
    let description = c.text("description", "a description", &s.description, DESCRIPTION_MAX, true);
    let address = c.text("address", "the address or place", &s.address, ADDRESS_MAX, false);
    let postcode = c.postcode("postcode", &s.postcode);
    let pin = match (s.lat.trim(), s.lng.trim()) {
        ("", "") => None,
        (lat, lng) => match (lat.parse::<f64>(), lng.parse::<f64>()) {
            (Ok(lat), Ok(lng)) if lat.abs() <= 90.0 && lng.abs() <= 180.0 => Some((lat, lng)),
            // Only a changed page sends this: the map writes both, as numbers.
            _ => {
                c.fail_t(
                    "address",
                    "The pin on the map could not be used. Drop it again, or leave it out",
                    "error-pin",
                    vec![],
                );
                None
            }
        },
    };
    let location_refused = c.errors.iter().any(|e| e.field == "address" || e.field == "postcode");
    if asks.location && address.is_none() && postcode.is_none() && pin.is_none() && !location_refused {
        c.fail_t("address", "Enter the address or place, or a postcode, so we can find it", "error-where", vec![]);
    }
    let name = c.text("name", "your name", &s.name, NAME_MAX, true);
    let email = c.email("email", &s.email);
    let phone = c.phone("phone", &s.phone);
    let uprn = match s.uprn.trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(uprn) if uprn > 0 && text.len() <= 12 && text.bytes().all(|b| b.is_ascii_digit()) => Some(uprn),
            _ => {
                c.fail("uprn", "Enter the UPRN as up to 12 digits, like 100023336956");
                None
            }
        },
    };
    let post = c.postal(&s.postal_address, &s.postal_postcode, s.prefers_post || s.large_print);
    // A minute's grace for clocks that differ: a contact arrives before it is logged.
    let now = crate::db::now_ms();
    if s.received_at.is_some_and(|at| at > now + 60_000) {
        c.fail("received", "The date it was received cannot be in the future");
    } else if s.received_at.is_some_and(|at| at < now - RECEIVED_MAX_AGE_MS) {
        c.fail("received", "The date it was received must be within the last year");
    }
    match asks.contact {
        ContactNeeded::AnyWay
            if s.email.trim().is_empty() && s.phone.trim().is_empty() && s.postal_address.trim().is_empty() =>
        {
            c.fail(
                "email",
                "Give an email address, a phone number or a postal address: without one we cannot promise a reply. \
                 Ask the resident for one",
            );
        }
        ContactNeeded::EmailOrPhone if s.email.trim().is_empty() && s.phone.trim().is_empty() => {
            c.fail_t(
                "email",
                "Enter an email address or a phone number, so we can tell you what happens",
                "error-contact",
                vec![],
            );
        }
        ContactNeeded::Phone if s.phone.trim().is_empty() => {
            c.fail_t("phone", "Enter a phone number, so we can call you back", "error-callback-phone", vec![]);
        }
        _ => {}
    }
    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    let name = name.unwrap_or_default();
    let description = description.unwrap_or_default();
    let (postal_address, postal_postcode) = post.unzip();
    let customer = CustomerDetails {
        name,
        email,
        phone,
        uprn,
        address: postal_address,
        postcode: postal_postcode,
        prefers_post: s.prefers_post,
        large_print: s.large_print,
    };
    let location = Location { address, postcode, lat: pin.map(|p| p.0), lng: pin.map(|p| p.1), ..Location::default() };
    Ok((customer, location, description))
}

/// A submission that passed every check, ready to become a case: what the resident is
/// shown to check before sending.
#[derive(Debug)]
pub struct Checked {
    pub service: Service,
    pub customer: CustomerDetails,
    pub location: Location,
    pub description: String,
    pub answers: Vec<services::Answer>,
    /// The files added, as tokens of pending attachments.
    pub uploads: Vec<String>,
    /// For a callback request, when to call (`None`: as soon as possible).
    pub callback: Option<crate::callbacks::When>,
    /// The equality monitoring answers given, (question, answer): counted, never kept.
    pub equality: Vec<(&'static str, &'static str)>,
}

/// The form field for when to call, and the one that says the form asked it (a radio
/// left unchosen sends nothing).
pub const CALLBACK_WHEN: &str = "callback-when";
pub const CALLBACK_ASKED: &str = "callback-asked";

/// When a callback request asked to be called: `Ok(None)` when nothing asked (the API,
/// Open311, email), an error when a form asked and nothing known was chosen.
fn callback_when(s: &Submission) -> Result<Option<crate::callbacks::When>, FieldError> {
    let value = |name: &str| s.answers.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.trim());
    match (value(CALLBACK_WHEN), value(CALLBACK_ASKED)) {
        (Some(code), _) if !code.is_empty() => crate::callbacks::When::parse(code).map(Some).ok_or_else(|| {
            FieldError::new(CALLBACK_WHEN, "Choose when we should call you").with_text("error-callback-when", vec![])
        }),
        (_, Some(_)) => {
            Err(FieldError::new(CALLBACK_WHEN, "Choose when we should call you")
                .with_text("error-callback-when", vec![]))
        }
        _ => Ok(None),
    }
}

/// Checks a submission against its service without storing anything. Every problem is
/// reported at once, in the form's order.
pub async fn check(db: &Db, s: &Submission) -> Result<Checked, IntakeError> {
    let service = services::db::by_code(db.reader(), &s.service_code)
        .await?
        .ok_or_else(|| IntakeError::UnknownService(s.service_code.clone()))?;
    // The public's forms ask for an email address or a phone number; another system may
    // send a contact (a letter) with only a postal address.
    let contact = match (service.case_type, s.channel) {
        (CaseType::Callback, _) => ContactNeeded::Phone,
        (_, Some(Channel::Letter | Channel::Phone | Channel::Visit | Channel::Social)) => ContactNeeded::AnyWay,
        _ if !s.postal_address.trim().is_empty() => ContactNeeded::AnyWay,
        _ => ContactNeeded::EmailOrPhone,
    };
    let asks = Asks { location: service.asks_location, contact };
    let fields = services::db::fields(db.reader(), service.id).await?;
    let mut uploads: Vec<String> = Vec::new();
    for token in &s.uploads {
        if !uploads.contains(token) {
            uploads.push(token.clone());
        }
    }
    let too_many = (uploads.len() > attachments::MAX_FILES).then(|| {
        FieldError::new("attachments", format!("Add no more than {} files", attachments::MAX_FILES))
            .with_text("error-too-many-files", vec![("max", attachments::MAX_FILES.to_string())])
    });
    let callback = if service.case_type == CaseType::Callback { callback_when(s) } else { Ok(None) };
    let equality = crate::insight::equality::read(&s.answers);
    match (validate(s, asks), services::fields::check(&fields, &s.answers), too_many, callback, equality) {
        (Ok((customer, location, description)), Ok(answers), None, Ok(callback), Ok(equality)) => {
            Ok(Checked { service, customer, location, description, answers, uploads, callback, equality })
        }
        (core, answers, too_many, callback, equality) => {
            // In the form's order: what it is about, the service's questions, the files,
            // then the rest, and when to call last.
            let mut core = core.err().unwrap_or_default();
            let rest = core.split_off(core.iter().take_while(|e| e.field == "description").count());
            core.extend(answers.err().unwrap_or_default());
            core.extend(too_many);
            core.extend(rest);
            core.extend(callback.err());
            core.extend(equality.err().unwrap_or_default());
            Err(IntakeError::Invalid(core))
        }
    }
}

/// Validates and stores a submission; returns the new case's reference once committed.
/// A customer who gave an email address is sent an acknowledgement through the outbox.
/// Files added on the form become the case's, in the same transaction. On SQLite the
/// transaction is shared with other submissions arriving at the same moment (group
/// commit), and the reference is still given only after it is on disk.
pub async fn submit(db: &Db, council: Arc<Council>, rules: Arc<Rules>, s: &Submission) -> Result<CaseRef, IntakeError> {
    let checked = check(db, s).await?;
    if let Some(when) = checked.callback
        && let Err(why) = crate::callbacks::window(when, &rules.calendars.council, now_ms())
    {
        return Err(IntakeError::Invalid(vec![FieldError::new(CALLBACK_WHEN, why)]));
    }
    let channel = s.channel.unwrap_or(Channel::Web);
    let received_at = s.received_at;
    let language = s.language;
    let service_code = checked.service.code.clone();
    let sent_by = Arc::new(s.sent_by.clone());
    let checked = Arc::new(checked);
    let opened = db
        .transact(move |conn| {
            // A run's own copies: the write may be run again (`Db::transact`).
            let (checked, council, rules, sent_by) = (checked.clone(), council.clone(), rules.clone(), sent_by.clone());
            Box::pin(async move {
                let request = Request {
                    service: &checked.service,
                    channel,
                    customer: &checked.customer,
                    location: checked.location.clone(),
                    description: checked.description.clone(),
                    subject: &checked.service.name,
                    in_reply_to: None,
                    acknowledge: true,
                    logged_by: None,
                    resolved_at_first_contact: false,
                    answers: &checked.answers,
                    callback: checked.callback,
                    received_at,
                    demand: None,
                    reason: None,
                    language,
                };
                let now = now_ms();
                let opened = open(&mut *conn, &council, &rules, request, now).await?;
                if let Some(by) = sent_by.as_ref() {
                    crate::api::db::open311::record_token(&mut *conn, &by.token, opened.case_id, by.key_id, now)
                        .await?;
                    if let Some(key) = &by.idempotency {
                        crate::api::idempotency::settle(&mut *conn, by.key_id, key, opened.case_id).await?;
                    }
                    let note = format!("Sent by {} through its API key.", by.name);
                    let event = cases::db::NewEvent {
                        actor: cases::Actor::SYSTEM,
                        kind: cases::EventKind::Note,
                        public: false,
                        body: Some(&note),
                        from_status: None,
                        to_status: None,
                    };
                    crate::casework::append_event(&mut *conn, opened.case_id, &event, &rules, now).await?;
                }
                // Counted only, never kept with the case.
                crate::insight::equality::count(&mut *conn, &rules, checked.service.id, &checked.equality, now).await?;
                for token in &checked.uploads {
                    if !attachments::db::claim(&mut *conn, token, opened.case_id, now).await? {
                        // An error rolls the case back: nothing is half-made.
                        return Err(IntakeError::Invalid(vec![
                            FieldError::new(
                                "attachments",
                                "A file you added was not sent within a day, so it was deleted. Add it again",
                            )
                            .with_text("error-file-gone", vec![]),
                        ]));
                    }
                }
                Ok(opened)
            })
        })
        .await?;
    tracing::info!(case = %opened.reference, service = %service_code, %channel, "case created");
    Ok(opened.reference)
}

/// A validated request for a new case, from any channel.
#[derive(Debug)]
pub struct Request<'a> {
    pub service: &'a Service,
    pub channel: Channel,
    pub customer: &'a CustomerDetails,
    pub location: Location,
    pub description: String,
    /// The contact's subject: an email's, or the service's name for a form.
    pub subject: &'a str,
    /// The customer's Message-ID (with angle brackets), so our reply threads under it.
    pub in_reply_to: Option<&'a str>,
    /// Whether an acknowledgement may be sent (never to automatic mail).
    pub acknowledge: bool,
    /// The member of staff who logged it on the customer's behalf.
    pub logged_by: Option<i64>,
    /// Dealt with during the contact itself; the caller resolves the case.
    pub resolved_at_first_contact: bool,
    /// Checked answers to the service's own questions.
    pub answers: &'a [services::Answer],
    /// For a callback request, when to call; `None` is as soon as possible.
    pub callback: Option<crate::callbacks::When>,
    /// When it arrived, if before now (a letter opened days after it came): the case
    /// is received then, so its clocks count from then. Never later than now.
    pub received_at: Option<i64>,
    /// What the contact was, as the adviser logging it said; `None` is found (a repeat
    /// of a recent case about the same service, or value demand). An adviser's choice
    /// that differs from what was found is recorded as a correction.
    pub demand: Option<Demand>,
    /// Why the customer got in touch, in their own words.
    pub reason: Option<&'a str>,
    /// The language they used, kept on the case for every message to them.
    pub language: crate::language::Language,
}

/// What [`open`] made.
#[derive(Debug, Clone)]
pub struct Opened {
    pub case_id: i64,
    pub customer_id: i64,
    pub reference: CaseRef,
    pub acknowledged: bool,
}

/// Opens a case in the caller's transaction: finds or creates the customer, writes the
/// case and its event, the contact, the clocks, and the acknowledgement.
pub async fn open(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    request: Request<'_>,
    now: i64,
) -> Result<Opened, sqlx::Error> {
    let service = request.service;
    let received = request.received_at.map_or(now, |at| at.min(now));
    let (customer_id, new_customer) = customers::db::find_or_add(&mut *conn, request.customer, now).await?;
    // Asked before the case is written, so it does not find itself. A record made just
    // now has no other case.
    let repeat =
        !new_customer && crate::casework::is_repeat(&mut *conn, rules, customer_id, service.id, received).await?;
    let new = NewCase {
        case_type: service.case_type,
        channel: request.channel,
        service_id: service.id,
        customer_id: Some(customer_id),
        priority: Priority::Normal,
        description: request.description,
        location: request.location,
        team_id: service.team_id,
        partner_id: service.partner_id,
        language: request.language,
    };
    let actor = request.logged_by.map_or(Actor::customer(Some(customer_id)), Actor::staff);
    let contact = NewContact {
        case_id: None,
        customer_id: Some(customer_id),
        channel: request.channel,
        direction: Direction::Inbound,
        subject: Some(request.subject),
        body: &new.description,
        logged_by: request.logged_by,
        resolved_at_first_contact: request.resolved_at_first_contact,
        demand: Some(if repeat { Demand::Repeat } else { Demand::Value }),
        reason: request.reason,
    };
    let opened = crate::casework::open_case(&mut *conn, &new, &service.code, actor, &contact, rules, received).await?;
    let (case_id, clocks) = (opened.case_id, &opened.clocks);
    services::db::insert_answers(&mut *conn, case_id, request.answers).await?;
    if let (Some(chosen), Some(staff_id)) = (request.demand, request.logged_by)
        && opened.demand != chosen
    {
        crate::casework::correct_demand(&mut *conn, rules, opened.contact_id, chosen, staff_id, now).await?;
    }
    if service.case_type == CaseType::Callback
        && !request.resolved_at_first_contact
        && let Some(phone) = request.customer.phone.as_deref()
    {
        book_callback(&mut *conn, rules, case_id, phone, request.callback, request.logged_by, now).await?;
    }
    let reference = CaseRef::from_id(&council.prefix, case_id);
    let mut acknowledged = false;
    let route = acknowledge::route(&mut *conn, customer_id, new_customer.then_some(request.customer)).await?;
    if let Some(route) = route.filter(|r| request.acknowledge && r.channel != outbox::OutChannel::Phone) {
        let ack = Acknowledgement {
            case_id,
            customer_id,
            reference: &reference,
            route: &route,
            subject: request.subject,
            body: &new.description,
            channel: request.channel,
            in_reply_to: request.in_reply_to,
            service,
            language: request.language,
        };
        acknowledged = acknowledge(&mut *conn, council, rules, &ack, clocks, now).await?;
    }
    // Last, so that on PostgreSQL the shared count rows are locked only for the commit.
    crate::rollups::db::add(&mut *conn, &opened.counts).await?;
    // Counted as it is written: a transaction that then fails (rare, and logged) counts too.
    crate::measure::case_created(request.channel.as_str());
    Ok(Opened { case_id, customer_id, reference, acknowledged })
}

/// Books a new callback request's call. A window that passed between the check and the
/// commit (a form sent at 12:30 for "this morning") falls back to as soon as possible.
async fn book_callback(
    conn: &mut AnyConnection,
    rules: &Rules,
    case_id: i64,
    phone: &str,
    when: Option<crate::callbacks::When>,
    logged_by: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    use crate::callbacks::{CallbackError, When, book};
    let when = when.unwrap_or(When::Asap);
    match book(&mut *conn, rules, case_id, phone, when, logged_by, now).await {
        Ok(_) => Ok(()),
        Err(CallbackError::Db(err)) => Err(err),
        Err(_) => match book(conn, rules, case_id, phone, When::Asap, logged_by, now).await {
            Err(CallbackError::Db(err)) => Err(err),
            _ => Ok(()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::normalise_postcode;
    use proptest::prelude::*;

    const FIELDS: [&str; 10] = [
        "description",
        "address",
        "postcode",
        "name",
        "email",
        "phone",
        "uprn",
        "postal-address",
        "postal-postcode",
        "received",
    ];

    proptest! {
        #[test]
        fn any_input_is_either_accepted_or_refused_by_field_never_a_panic(
            name in any::<String>(),
            email in any::<String>(),
            phone in any::<String>(),
            address in any::<String>(),
            postcode in any::<String>(),
            uprn in prop::option::of(any::<String>()),
            description in any::<String>(),
            location in any::<bool>(),
            contact in prop::sample::select(vec![ContactNeeded::EmailOrPhone, ContactNeeded::AnyWay, ContactNeeded::Phone, ContactNeeded::Nothing]),
        ) {
            let uprn = uprn.unwrap_or_default();
            let s = Submission { name, email, phone, uprn, address, postcode, description, ..Submission::default() };
            match validate(&s, Asks { location, contact }) {
                Ok((customer, _, description)) => {
                    prop_assert!(!customer.name.is_empty());
                    prop_assert!(!description.is_empty());
                    match contact {
                        ContactNeeded::EmailOrPhone => prop_assert!(customer.email.is_some() || customer.phone.is_some()),
                        ContactNeeded::AnyWay => prop_assert!(
                            customer.email.is_some() || customer.phone.is_some() || customer.address.is_some()
                        ),
                        ContactNeeded::Phone => prop_assert!(customer.phone.is_some()),
                        ContactNeeded::Nothing => {}
                    }
                }
                Err(errors) => {
                    prop_assert!(!errors.is_empty());
                    for e in errors {
                        prop_assert!(FIELDS.contains(&&*e.field), "unknown field {}", e.field);
                        prop_assert!(!e.message.is_empty());
                    }
                }
            }
        }

        #[test]
        fn a_normalised_postcode_normalises_to_itself(raw in "[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}") {
            let once = normalise_postcode(&raw).expect("valid shape");
            prop_assert_eq!(normalise_postcode(&once), Some(once.clone()));
        }
    }
}
