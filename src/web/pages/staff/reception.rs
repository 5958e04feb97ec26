//! The reception desk (`/staff/reception?site=`): book a visitor in (with a ticket, what
//! they came about and any help they need; an appointment reference checks them in), call
//! them, see them, record who left unseen, and record what a long-waiting visitor was told.
//! Today's figures for the site are worked out from its visits as the page is drawn.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::appointments::{self, AppointmentState};
use crate::cases::CaseRef;
use crate::customers::CustomerDetails;
use crate::db::now_ms;
use crate::forms::{Checker, FieldError, NAME_MAX};
use crate::org::Action;
use crate::reception::{self, Need, NewVisitor, ReceptionError, VisitState};
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

struct Row {
    id: i64,
    ticket: String,
    name: String,
    service: String,
    needs: String,
    state: VisitState,
    waited: i64,
    late: bool,
    told: String,
    appointment: bool,
    customer_id: Option<i64>,
}

#[derive(Template)]
#[template(path = "staff/reception.html")]
struct ReceptionPage {
    chrome: Chrome,
    site: String,
    sites: Vec<(String, String)>,
    services: Vec<(String, String)>,
    rows: Vec<Row>,
    today: reception::Today,
    target_minutes: i64,
    form: ReceptionForm,
    errors: Vec<FieldError>,
    done: String,
}

impl ReceptionPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReceptionForm {
    csrf: String,
    site: String,
    action: String,
    id: String,
    desk: String,
    why: String,
    minutes: String,
    name: String,
    email: String,
    phone: String,
    service: String,
    reference: String,
    #[serde(rename = "need-interpreter")]
    interpreter: String,
    #[serde(rename = "need-private_room")]
    private_room: String,
    #[serde(rename = "need-step_free")]
    step_free: String,
    done: String,
}

fn site_of(state: &AppState, asked: &str) -> Result<String, AppError> {
    let rules = state.rules.get();
    let contact = &rules.policy.contact;
    if asked.is_empty() {
        return contact.visit.first().map(crate::standards::contact::VisitPoint::id).ok_or(AppError::NotFound);
    }
    contact.site(asked).map(crate::standards::contact::VisitPoint::id).ok_or(AppError::NotFound)
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    site: String,
    form: ReceptionForm,
    errors: Vec<FieldError>,
    done: String,
) -> Result<ReceptionPage, AppError> {
    let rules = state.rules.get();
    let now = now_ms();
    let calendar = &rules.calendars.council;
    let day = crate::rollups::day_number(calendar.local_date(crate::rollups::ts(now)));
    let visits = reception::db::of_day(state.db.reader(), &site, day).await?;
    let target_minutes = reception::standard(&rules).map_or(15, |(_, t)| t / 60_000);
    let today = reception::today(&visits, now);
    let rows = visits
        .iter()
        .filter(|v| v.state.is_open())
        .map(|v| {
            let waited = (v.called_at.unwrap_or(now) - v.arrived_at).max(0) / 60_000;
            Row {
                id: v.id,
                ticket: v.ticket.clone(),
                name: v.name.clone(),
                service: v.service.clone(),
                needs: v.needs.iter().map(|n| n.label()).collect::<Vec<_>>().join(", "),
                state: v.state,
                waited,
                late: v.state == VisitState::Waiting && waited >= target_minutes && v.told_at.is_none(),
                told: v.told.clone().unwrap_or_default(),
                appointment: v.appointment_id.is_some(),
                customer_id: v.customer_id,
            }
        })
        .collect();
    let services =
        crate::services::db::list_active(state.db.reader()).await?.into_iter().map(|s| (s.code, s.name)).collect();
    Ok(ReceptionPage {
        chrome: Chrome::staff(state, &signed_in.0, "reception"),
        sites: rules.policy.contact.visit.iter().map(|p| (p.id(), p.name.clone())).collect(),
        site,
        services,
        rows,
        today,
        target_minutes,
        form,
        errors,
        done,
    })
}

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(q): Query<ReceptionForm>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::LogContact)?;
    let site = site_of(&state, &q.site)?;
    let done = match q.done.as_str() {
        "booked-in" => "The visitor is booked in",
        "moved" => "Done",
        "told" => "What the visitor was told is recorded",
        _ => "",
    };
    render(&page(&state, &signed_in, site, ReceptionForm::default(), Vec::new(), done.to_owned()).await?)
}

pub async fn book_in_or_move(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<ReceptionForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::LogContact)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let site = site_of(&state, &form.site)?;
    let rules = state.rules.get();
    let now = now_ms();
    let staff_id = signed_in.0.staff.id;
    let back = |done: &str| Redirect::to(&format!("/staff/reception?site={site}&done={done}")).into_response();
    if form.action != "book-in" {
        let id = form.id.parse::<i64>().map_err(|_| AppError::BadRequest("Choose a visitor from the list.".into()))?;
        let mut tx = state.db.begin().await?;
        let result = match form.action.as_str() {
            "tell" => {
                let why = form.why.trim();
                let minutes = form.minutes.trim().parse::<i64>().ok().filter(|m| (1..=240).contains(m));
                match (why.is_empty() || why.chars().count() > 500, minutes) {
                    (false, Some(minutes)) => reception::tell(&mut tx, id, staff_id, why, minutes, now).await,
                    _ => {
                        return Err(AppError::BadRequest(
                            "Say why the visitor is waiting (500 characters at most) and for about how many minutes (1 to 240).".into(),
                        ));
                    }
                }
            }
            other => {
                let to = match other {
                    "call" => VisitState::Called,
                    "start" => VisitState::BeingSeen,
                    "seen" => VisitState::Seen,
                    "left" => VisitState::Left,
                    _ => return Err(AppError::BadRequest("Choose what to do.".into())),
                };
                let desk = Some(form.desk.trim()).filter(|d| !d.is_empty() && d.chars().count() <= 40);
                reception::step(&mut tx, &rules, id, to, staff_id, desk, now).await
            }
        };
        return match result {
            Ok(()) => {
                tx.commit().await?;
                Ok(back(if form.action == "tell" { "told" } else { "moved" }))
            }
            Err(ReceptionError::Db(err)) => Err(err.into()),
            Err(err) => Err(AppError::BadRequest(err.to_string())),
        };
    }
    let mut c = Checker::default();
    let name = c.text("name", "the visitor's name", &form.name, NAME_MAX, true);
    let email = c.email("email", &form.email);
    let phone = c.phone("phone", &form.phone);
    let service = crate::services::db::by_code(state.db.reader(), &form.service).await?;
    if service.is_none() {
        c.fail("service", "Choose what they came about");
    }
    let reference = form.reference.trim();
    let mut appointment = None;
    if !reference.is_empty() {
        match CaseRef::parse(&state.council.prefix, reference) {
            Ok(r) => {
                let today = appointments::db::of_case(state.db.reader(), r.id())
                    .await?
                    .into_iter()
                    .find(|a| a.state == AppointmentState::Booked && (a.starts_at - now).abs() < 12 * 3_600_000);
                if today.is_none() {
                    c.fail("reference", format!("There is no appointment booked today on {r}"));
                }
                appointment = today;
            }
            Err(_) => c.fail("reference", "Enter the appointment's reference as it is written, or leave it empty"),
        }
    }
    let needs: Vec<Need> = [
        (Need::Interpreter, &form.interpreter),
        (Need::PrivateRoom, &form.private_room),
        (Need::StepFree, &form.step_free),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(n, _)| n)
    .collect();
    if let (Some(name), Some(service), true) = (name, service, c.errors.is_empty()) {
        let visitor = NewVisitor {
            site: site.clone(),
            service_id: appointment.as_ref().map_or(service.id, |a| a.service_id),
            customer: CustomerDetails { name, email, phone, ..CustomerDetails::default() },
            needs,
            appointment_id: appointment.as_ref().map(|a| a.id),
            case_id: appointment.as_ref().map(|a| a.case_id),
        };
        let mut tx = state.db.begin().await?;
        reception::book_in(&mut tx, &rules, &visitor, staff_id, now).await.map_err(|e| match e {
            ReceptionError::Db(err) => AppError::from(err),
            other @ ReceptionError::NotNow(_) => AppError::BadRequest(other.to_string()),
        })?;
        if let Some(a) = &appointment {
            appointments::step(&mut tx, &rules, a.id, AppointmentState::Arrived, staff_id, now)
                .await
                .map_err(|e| AppError::BadRequest(e.to_string()))?;
        }
        tx.commit().await?;
        return Ok(back("booked-in"));
    }
    let page = page(&state, &signed_in, site, form, c.errors, String::new()).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}
