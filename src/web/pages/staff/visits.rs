//! Officers' home visits (`/staff/visits`): the signed-in officer's visits today first, in
//! a layout that works on a phone (record arrival, then the outcome); visits arranged for
//! the next fortnight, with moving and cancelling; arranging a visit on a case; and, for
//! those who manage accounts, giving an officer their identity card number.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use jiff::civil::{Date, Time};
use serde::Deserialize;

use crate::appointments::ChangedBy;
use crate::cases::CaseRef;
use crate::db::now_ms;
use crate::forms::{Checker, FieldError};
use crate::org::Action;
use crate::visits::{self, Arrange, VisitError, VisitState};
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

struct Row {
    id: i64,
    reference: String,
    officer: String,
    when: String,
    state: VisitState,
}

#[derive(Template)]
#[template(path = "staff/visits.html")]
struct VisitsPage {
    chrome: Chrome,
    mine: Vec<Row>,
    coming: Vec<Row>,
    officers: Vec<(String, String)>,
    may_set_cards: bool,
    form: VisitForm,
    errors: Vec<FieldError>,
    done: String,
}

impl VisitsPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(default)]
pub struct VisitForm {
    csrf: String,
    action: String,
    id: String,
    reference: String,
    officer: String,
    date: String,
    time: String,
    until: String,
    reason: String,
    outcome: String,
    email: String,
    card: String,
    done: String,
}

fn row(state: &AppState, rules: &crate::standards::Rules, v: &visits::db::Visit) -> Row {
    Row {
        id: v.id,
        reference: CaseRef::from_id(&state.council.prefix, v.case_id).to_string(),
        officer: v.officer_name.clone(),
        when: visits::when(rules, v.due_at, v.window_end),
        state: v.state,
    }
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    form: VisitForm,
    errors: Vec<FieldError>,
    done: String,
) -> Result<VisitsPage, AppError> {
    let rules = state.rules.get();
    let calendar = &rules.calendars.council;
    let now = now_ms();
    let today = calendar.local_date(crate::rollups::ts(now));
    let from = calendar.start_of(today).as_millisecond();
    let tomorrow = today.tomorrow().map_or(from + 86_400_000, |d| calendar.start_of(d).as_millisecond());
    let staff = &signed_in.0.staff;
    let mine = visits::db::of_officer(state.db.reader(), staff.id, from, tomorrow).await?;
    let mut coming = Vec::new();
    for v in visits::db::between(state.db.reader(), from, from + 14 * 86_400_000).await? {
        if v.state == VisitState::Arranged
            && let Some(case) = crate::cases::db::get(state.db.reader(), v.case_id).await?
            && staff.sees_case(case.team_id, case.partner_id)
        {
            coming.push(row(state, &rules, &v));
        }
    }
    Ok(VisitsPage {
        chrome: Chrome::staff(state, &signed_in.0, "visits"),
        mine: mine.iter().map(|v| row(state, &rules, v)).collect(),
        coming,
        officers: visits::db::officers(state.db.reader())
            .await?
            .into_iter()
            .map(|(id, name, card)| (id.to_string(), format!("{name} (card {card})")))
            .collect(),
        may_set_cards: staff.role.may(Action::ManageUsers),
        form,
        errors,
        done,
    })
}

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(q): Query<VisitForm>,
) -> Result<Html<String>, AppError> {
    let done = match q.done.as_str() {
        "arranged" => "The visit is arranged and the resident told",
        "moved" => "The visit is moved and the resident told",
        "cancelled" => "The visit is cancelled and the resident told",
        "arrived" => "Your arrival is recorded",
        "finished" => "The outcome is recorded",
        "card" => "The identity card number is saved",
        _ => "",
    };
    render(&page(&state, &signed_in, VisitForm::default(), Vec::new(), done.to_owned()).await?)
}

/// "2026-12-07" and "09:30" (and an optional "11:30") as times.
fn times(
    c: &mut Checker,
    calendar: &crate::calendar::Calendar,
    date: &str,
    time: &str,
    until: &str,
) -> Option<(i64, Option<i64>)> {
    let day = date.trim().parse::<Date>().ok();
    if day.is_none() {
        c.fail("date", "Enter the date as 2026-12-07");
    }
    let at = format!("{}:00", time.trim()).parse::<Time>().ok();
    if at.is_none() {
        c.fail("time", "Enter the time as 09:30");
    }
    let end = if until.trim().is_empty() {
        Some(None)
    } else {
        match format!("{}:00", until.trim()).parse::<Time>() {
            Ok(t) => Some(Some(t)),
            Err(_) => {
                c.fail("until", "Enter the end of the window as 11:30, or leave it empty");
                None
            }
        }
    };
    let (day, at, end) = (day?, at?, end?);
    let due = calendar.at(day, at).as_millisecond();
    Some((due, end.map(|t| calendar.at(day, t).as_millisecond())))
}

pub async fn arrange_or_change(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<VisitForm>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let rules = state.rules.get();
    let calendar = &rules.calendars.council;
    let now = now_ms();
    let staff = signed_in.0.staff.clone();
    let back = |done: &str| Redirect::to(&format!("/staff/visits?done={done}")).into_response();
    let mut c = Checker::default();
    match form.action.as_str() {
        "card" => {
            signed_in.require(Action::ManageUsers)?;
            let card: String = form.card.trim().to_owned();
            if card.chars().count() > 40 || card.chars().any(|ch| !ch.is_ascii_alphanumeric() && ch != '-') {
                c.fail("card", "Enter the card number as letters, digits and hyphens (40 at most), or leave it empty to take it away");
            }
            let id = visits::db::staff_by_email(state.db.reader(), form.email.trim()).await?;
            if id.is_none() {
                c.fail("email", "There is no member of staff with that email address");
            }
            if let (Some(id), true) = (id, c.errors.is_empty()) {
                let mut tx = state.db.begin().await?;
                if visits::db::set_card(&mut tx, id, Some(card.as_str()).filter(|c| !c.is_empty())).await? {
                    tx.commit().await?;
                    return Ok(back("card"));
                }
                c.fail("card", "Another member of staff has that card number");
            }
        }
        "arrange" => {
            signed_in.require(Action::WorkCase)?;
            let case = match CaseRef::parse(&state.council.prefix, form.reference.trim()) {
                Ok(r) => crate::cases::db::get(state.db.reader(), r.id()).await?,
                Err(_) => None,
            };
            match &case {
                None => c.fail("reference", "Enter the case's reference, like KMB-4K7-9QX"),
                Some(case) if !staff.sees_case(case.team_id, case.partner_id) => {
                    c.fail("reference", "That case is not one you can see");
                }
                _ => {}
            }
            let officer = form.officer.parse::<i64>().ok();
            if officer.is_none() {
                c.fail("officer", "Choose the officer");
            }
            let when = times(&mut c, calendar, &form.date, &form.time, &form.until);
            if let (Some(case), Some(officer_id), Some((due_at, window_end)), true) =
                (case, officer, when, c.errors.is_empty())
            {
                let arrange = Arrange { case_id: case.id, officer_id, due_at, window_end, staff_id: staff.id };
                let mut tx = state.db.begin().await?;
                match visits::arrange(&mut tx, &state.council, &rules, arrange, now).await {
                    Ok(_) => {
                        tx.commit().await?;
                        return Ok(back("arranged"));
                    }
                    Err(VisitError::Field(field, message)) => c.fail(field, message),
                    Err(VisitError::Db(err)) => return Err(err.into()),
                    Err(err) => c.fail("reference", err.to_string()),
                }
            }
        }
        action => {
            let id =
                form.id.parse::<i64>().map_err(|_| AppError::BadRequest("Choose a visit from the list.".into()))?;
            let mut tx = state.db.begin().await?;
            let visit = visits::db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
            let case = crate::cases::db::get(&mut *tx, visit.case_id).await?.ok_or(AppError::NotFound)?;
            let own = visit.officer_id == staff.id;
            if !own && !staff.sees_case(case.team_id, case.partner_id) {
                return Err(AppError::NotFound);
            }
            let reason = form.reason.trim();
            let (result, done) = match action {
                "arrived" if own => (visits::arrive(&mut tx, &rules, id, staff.id, now).await.map(|_| ()), "arrived"),
                "finish" if own => {
                    (visits::finish(&mut tx, &rules, id, staff.id, &form.outcome, now).await, "finished")
                }
                "move" | "cancel" => {
                    signed_in.require(Action::WorkCase)?;
                    if reason.is_empty() || reason.chars().count() > 500 {
                        return Err(AppError::BadRequest(
                            "Give the reason the resident will be told (500 characters at most).".into(),
                        ));
                    }
                    let to = if action == "move" {
                        let mut c = Checker::default();
                        match times(&mut c, calendar, &form.date, &form.time, &form.until) {
                            Some(t) => Some(t),
                            None => {
                                let why = c.errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join(". ");
                                return Err(AppError::BadRequest(format!("{why}.")));
                            }
                        }
                    } else {
                        None
                    };
                    let by = ChangedBy::Council { staff_id: staff.id };
                    let done = if to.is_some() { "moved" } else { "cancelled" };
                    (visits::change(&mut tx, &state.council, &rules, id, to, by, reason, now).await, done)
                }
                _ => return Err(AppError::BadRequest("Only the visiting officer can record their visit.".into())),
            };
            return match result {
                Ok(()) => {
                    tx.commit().await?;
                    Ok(back(done))
                }
                Err(VisitError::Db(err)) => Err(err.into()),
                Err(err) => Err(AppError::BadRequest(err.to_string())),
            };
        }
    }
    let page = page(&state, &signed_in, form, c.errors, String::new()).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}
