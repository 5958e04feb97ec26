//! Booking an appointment without JavaScript: the first day with free times is offered
//! first, other days are links; then the resident's details; a page to check them; and
//! on sending, the case and the booking in one transaction, then the booking's own page
//! (`/appointments/{token}`), from which it can be changed or cancelled.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use jiff::civil::Date;
use serde::Deserialize;

use super::{Chrome, render};
use crate::appointments::{self, AppointmentError, AppointmentState, Booking, ChangedBy, Slot};
use crate::cases::{CaseRef, Channel, Location};
use crate::customers::CustomerDetails;
use crate::db::now_ms;
use crate::forms::{Checker, DESCRIPTION_MAX, FieldError, NAME_MAX};
use crate::services::Service;
use crate::standards::bookable::Bookable;
use crate::web::AppState;
use crate::web::error::AppError;

/// A day offered, as a link: its date, words and how many times are free.
pub struct DayLink {
    pub iso: String,
    pub words: String,
    pub free: usize,
}

/// The slots of the day shown and the links to other days.
pub struct Offer {
    pub day_words: String,
    pub day_iso: String,
    pub slots: Vec<(String, String)>,
    pub days: Vec<DayLink>,
}

fn offer(calendar: &crate::calendar::Calendar, free: &[(Date, Vec<Slot>)], day: Option<Date>) -> Offer {
    let shown = day.and_then(|d| free.iter().find(|(date, _)| *date == d)).or(free.first());
    let words = |d: Date| d.strftime("%A %-d %B").to_string();
    Offer {
        day_words: shown.map(|(d, _)| words(*d)).unwrap_or_default(),
        day_iso: shown.map(|(d, _)| d.to_string()).unwrap_or_default(),
        slots: shown
            .map(|(_, slots)| {
                slots.iter().map(|s| (s.starts_at.to_string(), appointments::time_of(calendar, s.starts_at))).collect()
            })
            .unwrap_or_default(),
        days: free
            .iter()
            .map(|(d, slots)| DayLink { iso: d.to_string(), words: words(*d), free: slots.len() })
            .collect(),
    }
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(default)]
pub struct BookForm {
    pub day: String,
    pub slot: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub description: String,
    /// "check" from the form, "confirm" from the check page, "change" to go back.
    pub step: String,
}

#[derive(Template)]
#[template(path = "pages/book.html")]
struct BookPage {
    chrome: Chrome,
    service: Service,
    place: String,
    offer: Offer,
    form: BookForm,
    errors: Vec<FieldError>,
}

impl BookPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

#[derive(Template)]
#[template(path = "pages/book_check.html")]
struct CheckPage {
    chrome: Chrome,
    service: Service,
    place: String,
    when: String,
    form: BookForm,
}

async fn bookable(state: &AppState, code: &str) -> Result<(Service, Bookable), AppError> {
    let rules = state.rules.get();
    let b = rules.policy.bookable(code).cloned().ok_or(AppError::NotFound)?;
    let service = crate::services::db::by_code(state.db.reader(), code).await?.ok_or(AppError::NotFound)?;
    Ok((service, b))
}

fn place(state: &AppState, b: &Bookable) -> String {
    state.rules.get().policy.contact.place(&b.site)
}

async fn page(
    state: &AppState,
    service: Service,
    b: &Bookable,
    form: BookForm,
    errors: Vec<FieldError>,
) -> Result<BookPage, AppError> {
    let rules = state.rules.get();
    let calendar = &rules.calendars.council;
    let free = appointments::free_slots(state.db.reader(), b, service.id, calendar, now_ms()).await?;
    let day = form.day.parse::<Date>().ok();
    Ok(BookPage {
        chrome: Chrome::new(state),
        place: place(state, b),
        offer: offer(calendar, &free, day),
        service,
        form,
        errors,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DayQuery {
    day: String,
}

pub async fn form(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<DayQuery>,
) -> Result<Html<String>, AppError> {
    let (service, b) = bookable(&state, &code).await?;
    render(&page(&state, service, &b, BookForm { day: q.day, ..BookForm::default() }, Vec::new()).await?)
}

/// What the form says, checked: the slot's start and the customer.
fn check(form: &BookForm) -> Result<(i64, CustomerDetails, String), Vec<FieldError>> {
    let mut c = Checker::default();
    let slot = form.slot.trim().parse::<i64>().ok();
    if slot.is_none() {
        c.fail("slot", "Choose a time");
    }
    let name = c.text("name", "your name", &form.name, NAME_MAX, true);
    let email = c.email("email", &form.email);
    let phone = c.phone("phone", &form.phone);
    if email.is_none() && phone.is_none() && !c.errors.iter().any(|e| e.field == "email" || e.field == "phone") {
        c.fail(
            "email",
            "Enter an email address or a phone number, so we can confirm the booking and tell you of any change",
        );
    }
    let description =
        c.text("description", "what you would like to talk about", &form.description, DESCRIPTION_MAX, false);
    match (slot, name, c.errors.is_empty()) {
        (Some(slot), Some(name), true) => Ok((
            slot,
            CustomerDetails { name, email, phone, ..CustomerDetails::default() },
            description.unwrap_or_default(),
        )),
        _ => Err(c.errors),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    Path(code): Path<String>,
    form: Result<Form<BookForm>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form?;
    let (service, b) = bookable(&state, &code).await?;
    let rules = state.rules.get();
    let now = now_ms();
    let invalid = |errors| async {
        let page = page(&state, service.clone(), &b, form.clone(), errors).await?;
        Ok::<Response, AppError>((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
    };
    if form.step == "change" {
        return invalid(Vec::new()).await;
    }
    let (slot, customer, description) = match check(&form) {
        Ok(checked) => checked,
        Err(errors) => return invalid(errors).await,
    };
    if let Some(why) = appointments::slot_problem(&b, &rules.calendars.council, slot, now) {
        return invalid(vec![FieldError::new("slot", why)]).await;
    }
    if form.step != "confirm" {
        let page = CheckPage {
            chrome: Chrome::new(&state),
            place: place(&state, &b),
            when: appointments::describe(&rules.calendars.council, slot),
            service,
            form,
        };
        return Ok(render(&page)?.into_response());
    }
    let mut tx = state.db.begin().await?;
    let what = if description.is_empty() { format!("An appointment: {}", service.name) } else { description };
    let request = crate::intake::Request {
        language: crate::web::i18n::current().language,
        service: &service,
        channel: Channel::Web,
        customer: &customer,
        location: Location::default(),
        description: what,
        subject: &service.name,
        in_reply_to: None,
        acknowledge: false,
        logged_by: None,
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
        booked_by: None,
    };
    match appointments::book(&mut tx, &state.council, &rules, &booking, now).await {
        Ok((_, token)) => {
            tx.commit().await?;
            tracing::info!(case = %opened.reference, service = %service.code, "appointment booked");
            Ok(Redirect::to(&format!("/appointments/{token}?done=booked")).into_response())
        }
        Err(AppointmentError::Db(err)) => Err(err.into()),
        Err(err) => {
            drop(tx);
            let mut form = form;
            form.slot = String::new();
            let page = page(&state, service, &b, form, vec![FieldError::new("slot", err.to_string())]).await?;
            Ok((StatusCode::CONFLICT, render(&page)?).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "pages/appointment.html")]
struct AppointmentPage {
    chrome: Chrome,
    reference: String,
    service: String,
    when: String,
    place: String,
    state: AppointmentState,
    offer: Option<Offer>,
    token: String,
    done: &'static str,
    errors: Vec<FieldError>,
}

impl AppointmentPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ShowQuery {
    done: String,
    day: String,
}

async fn appointment_page(
    state: &AppState,
    token: &str,
    day: Option<Date>,
    done: &'static str,
    errors: Vec<FieldError>,
) -> Result<AppointmentPage, AppError> {
    let a = appointments::db::by_token(state.db.reader(), token).await?.ok_or(AppError::NotFound)?;
    let rules = state.rules.get();
    let calendar = &rules.calendars.council;
    let service = crate::services::db::get(state.db.reader(), a.service_id).await?.ok_or(AppError::NotFound)?;
    let b = rules.policy.bookable(&service.code);
    let offer = match (a.state, b) {
        (AppointmentState::Booked, Some(b)) => {
            let free = appointments::free_slots(state.db.reader(), b, service.id, calendar, now_ms()).await?;
            Some(offer(calendar, &free, day))
        }
        _ => None,
    };
    Ok(AppointmentPage {
        chrome: Chrome::new(state),
        reference: CaseRef::from_id(&state.council.prefix, a.case_id).to_string(),
        service: service.name,
        when: appointments::describe(calendar, a.starts_at),
        place: rules.policy.contact.place(&a.site),
        state: a.state,
        offer,
        token: token.to_owned(),
        done,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Html<String>, AppError> {
    let done = match q.done.as_str() {
        "booked" => "Your appointment is booked. We have sent you a confirmation with a calendar file.",
        "changed" => "Your appointment has moved. We have sent you the new time with a calendar file.",
        "cancelled" => "Your appointment is cancelled.",
        _ => "",
    };
    render(&appointment_page(&state, &token, q.day.parse().ok(), done, Vec::new()).await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChangeForm {
    action: String,
    slot: String,
}

pub async fn change(
    State(state): State<AppState>,
    Path(token): Path<String>,
    form: Result<Form<ChangeForm>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form?;
    let a = appointments::db::by_token(state.db.reader(), &token).await?.ok_or(AppError::NotFound)?;
    let rules = state.rules.get();
    let now = now_ms();
    let mut tx = state.db.begin().await?;
    let (result, done) = if form.action == "cancel" {
        (appointments::cancel(&mut tx, &state.council, &rules, a.id, ChangedBy::Customer, "", now).await, "cancelled")
    } else {
        let Ok(slot) = form.slot.trim().parse::<i64>() else {
            drop(tx);
            let page =
                appointment_page(&state, &token, None, "", vec![FieldError::new("slot", "Choose a new time")]).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        };
        (
            appointments::change(&mut tx, &state.council, &rules, a.id, slot, ChangedBy::Customer, "", now).await,
            "changed",
        )
    };
    match result {
        Ok(()) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!("/appointments/{token}?done={done}")).into_response())
        }
        Err(AppointmentError::Db(err)) => Err(err.into()),
        Err(err) => {
            drop(tx);
            let page =
                appointment_page(&state, &token, None, "", vec![FieldError::new("slot", err.to_string())]).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}
