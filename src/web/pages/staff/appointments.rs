//! The day's appointments (`/staff/appointments?day=`), and booking one for a resident
//! on the phone or at the desk. Staff start, finish and mark no-shows; a council change
//! or cancellation asks for the reason the resident is told, and is measured against the
//! 24-hour rule.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use jiff::civil::Date;
use serde::Deserialize;

use crate::appointments::{self, AppointmentError, AppointmentState, Booking, ChangedBy};
use crate::cases::{CaseRef, Channel, Location};
use crate::customers::CustomerDetails;
use crate::db::now_ms;
use crate::forms::{Checker, FieldError, NAME_MAX};
use crate::org::Action;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

struct Row {
    id: i64,
    time: String,
    reference: String,
    service: String,
    state: AppointmentState,
    /// Other free times of its service, for moving it.
    moves: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "staff/appointments.html")]
struct AppointmentsPage {
    chrome: Chrome,
    day: String,
    day_words: String,
    rows: Vec<Row>,
    bookable: Vec<(String, String)>,
    slots: Vec<(String, String)>,
    channels: Vec<(String, String)>,
    form: StaffForm,
    errors: Vec<FieldError>,
    done: String,
}

impl AppointmentsPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(default)]
pub struct StaffForm {
    csrf: String,
    day: String,
    action: String,
    id: String,
    slot: String,
    reason: String,
    service: String,
    name: String,
    email: String,
    phone: String,
    /// Where to post the confirmation for someone with no email address.
    #[serde(rename = "postal-address")]
    postal_address: String,
    #[serde(rename = "postal-postcode")]
    postal_postcode: String,
    channel: String,
    done: String,
}

/// The next free times of a service, at most `most`, as (value, words).
async fn free_times(state: &AppState, code: &str, most: usize) -> Result<Vec<(String, String)>, AppError> {
    let rules = state.rules.get();
    let (Some(b), Some(service)) =
        (rules.policy.bookable(code), crate::services::db::by_code(state.db.reader(), code).await?)
    else {
        return Ok(Vec::new());
    };
    let calendar = &rules.calendars.council;
    let free = appointments::free_slots(state.db.reader(), b, service.id, calendar, now_ms()).await?;
    Ok(free
        .iter()
        .flat_map(|(_, slots)| slots.iter())
        .take(most)
        .map(|s| (s.starts_at.to_string(), appointments::describe(calendar, s.starts_at)))
        .collect())
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    form: StaffForm,
    errors: Vec<FieldError>,
    done: String,
) -> Result<AppointmentsPage, AppError> {
    let rules = state.rules.get();
    let calendar = &rules.calendars.council;
    let now = now_ms();
    let day = form.day.parse::<Date>().unwrap_or_else(|_| calendar.local_date(crate::rollups::ts(now)));
    let from = calendar.start_of(day).as_millisecond();
    let to = day.tomorrow().map_or(from + 86_400_000, |d| calendar.start_of(d).as_millisecond());
    let mut rows = Vec::new();
    let mut moves_of: std::collections::HashMap<i64, Vec<(String, String)>> = std::collections::HashMap::new();
    for (a, service) in appointments::db::between(state.db.reader(), from, to).await? {
        let moves = if a.state == AppointmentState::Booked {
            if let std::collections::hash_map::Entry::Vacant(entry) = moves_of.entry(a.service_id) {
                let code = crate::services::db::get(state.db.reader(), a.service_id).await?.map(|s| s.code);
                entry.insert(match code {
                    Some(code) => free_times(state, &code, 30).await?,
                    None => Vec::new(),
                });
            }
            moves_of.get(&a.service_id).cloned().unwrap_or_default()
        } else {
            Vec::new()
        };
        rows.push(Row {
            id: a.id,
            time: appointments::time_of(calendar, a.starts_at),
            reference: CaseRef::from_id(&state.council.prefix, a.case_id).to_string(),
            service,
            state: a.state,
            moves,
        });
    }
    let mut bookable = Vec::new();
    for b in &rules.policy.appointments {
        if let Some(s) = crate::services::db::by_code(state.db.reader(), &b.service).await? {
            bookable.push((s.code, s.name));
        }
    }
    let code = if form.service.is_empty() {
        bookable.first().map(|(c, _)| c.clone()).unwrap_or_default()
    } else {
        form.service.clone()
    };
    let slots = free_times(state, &code, 60).await?;
    let mut form = form;
    form.service = code;
    Ok(AppointmentsPage {
        chrome: Chrome::staff(state, &signed_in.0, "appointments"),
        day: day.to_string(),
        day_words: day.strftime("%A %-d %B %Y").to_string(),
        rows,
        bookable,
        slots,
        channels: vec![("phone".into(), "On the phone".into()), ("visit".into(), "At the desk".into())],
        form,
        errors,
        done,
    })
}

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(q): Query<StaffForm>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::LogContact)?;
    let done = match q.done.as_str() {
        "booked" => "The appointment is booked and the resident told",
        "moved" => "The appointment is moved and the resident told",
        "cancelled" => "The appointment is cancelled and the resident told",
        "recorded" => "Recorded",
        _ => "",
    };
    let form = StaffForm { day: q.day, service: q.service, ..StaffForm::default() };
    render(&page(&state, &signed_in, form, Vec::new(), done.to_owned()).await?)
}

pub async fn act_on(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<StaffForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::LogContact)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let rules = state.rules.get();
    let now = now_ms();
    let staff_id = signed_in.0.staff.id;
    let by = ChangedBy::Council { staff_id };
    let back = |done: &str| Redirect::to(&format!("/staff/appointments?day={}&done={done}", form.day)).into_response();
    if form.action == "book" {
        return book(&state, &signed_in, form).await;
    }
    let id = form.id.parse::<i64>().map_err(|_| AppError::BadRequest("Choose an appointment from the list.".into()))?;
    let reason = form.reason.trim();
    if matches!(form.action.as_str(), "move" | "cancel") && (reason.is_empty() || reason.chars().count() > 500) {
        return Err(AppError::BadRequest("Give the reason the resident will be told (500 characters at most).".into()));
    }
    let mut tx = state.db.begin().await?;
    let (result, done) = match form.action.as_str() {
        "move" => {
            let slot = form.slot.parse::<i64>().map_err(|_| AppError::BadRequest("Choose the new time.".into()))?;
            (appointments::change(&mut tx, &state.council, &rules, id, slot, by, reason, now).await, "moved")
        }
        "cancel" => (appointments::cancel(&mut tx, &state.council, &rules, id, by, reason, now).await, "cancelled"),
        step => {
            let to = match step {
                "start" => AppointmentState::Started,
                "finish" => AppointmentState::Finished,
                "no-show" => AppointmentState::NoShow,
                _ => return Err(AppError::BadRequest("Choose what to do.".into())),
            };
            (appointments::step(&mut tx, &rules, id, to, staff_id, now).await, "recorded")
        }
    };
    match result {
        Ok(()) => {
            tx.commit().await?;
            Ok(back(done))
        }
        Err(AppointmentError::Db(err)) => Err(err.into()),
        Err(err) => Err(AppError::BadRequest(err.to_string())),
    }
}

async fn book(state: &AppState, signed_in: &SignedIn, form: StaffForm) -> Result<Response, AppError> {
    let rules = state.rules.get();
    let now = now_ms();
    let mut c = Checker::default();
    let service = crate::services::db::by_code(state.db.reader(), &form.service).await?;
    let b = rules.policy.bookable(&form.service).cloned();
    if service.is_none() || b.is_none() {
        c.fail("service", "Choose a service that takes appointments");
    }
    let slot = form.slot.parse::<i64>().ok();
    if slot.is_none() {
        c.fail("slot", "Choose a time");
    }
    let name = c.text("name", "the resident's name", &form.name, NAME_MAX, true);
    let email = c.email("email", &form.email);
    let phone = c.phone("phone", &form.phone);
    let post = c.postal(&form.postal_address, &form.postal_postcode, false);
    let empty_post = form.postal_address.trim().is_empty() && form.postal_postcode.trim().is_empty();
    if form.email.trim().is_empty() && form.phone.trim().is_empty() && empty_post {
        c.fail(
            "email",
            "Give an email address, a phone number or a postal address, so we can confirm the appointment: ask the resident for one",
        );
    }
    let channel = match form.channel.as_str() {
        "visit" => Channel::Visit,
        _ => Channel::Phone,
    };
    if let (Some(service), Some(b), Some(slot), Some(name), true) = (service, b, slot, name, c.errors.is_empty()) {
        let (address, postcode) = post.unzip();
        let customer = CustomerDetails { name, email, phone, address, postcode, ..CustomerDetails::default() };
        let mut tx = state.db.begin().await?;
        let request = crate::intake::Request {
            language: crate::language::ENGLISH,
            service: &service,
            channel,
            customer: &customer,
            location: Location::default(),
            description: format!("An appointment: {}", service.name),
            subject: &service.name,
            in_reply_to: None,
            acknowledge: false,
            logged_by: Some(signed_in.0.staff.id),
            resolved_at_first_contact: false,
            answers: &[],
            callback: None,
            received_at: None,
            demand: None,
            reason: None,
        };
        let opened = crate::intake::open(&mut tx, &state.council, &rules, request, now).await?;
        let booking = Booking {
            bookable: &b,
            service_id: service.id,
            service_name: &service.name,
            case_id: opened.case_id,
            starts_at: slot,
            booked_by: Some(signed_in.0.staff.id),
        };
        match appointments::book(&mut tx, &state.council, &rules, &booking, now).await {
            Ok(_) => {
                tx.commit().await?;
                let day = rules.calendars.council.local_date(crate::rollups::ts(slot));
                return Ok(Redirect::to(&format!("/staff/appointments?day={day}&done=booked")).into_response());
            }
            Err(AppointmentError::Db(err)) => return Err(err.into()),
            Err(err) => c.fail("slot", err.to_string()),
        }
    }
    let page = page(state, signed_in, form, c.errors, String::new()).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}
