//! Callbacks due, earliest window first, for advisers: ring, then record what happened;
//! and booking a callback on a case at a time the customer chose.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::callbacks::{self, CallbackError, TryOutcome, When};
use crate::cases::CaseRef;
use crate::db::now_ms;
use crate::forms::{Checker, FieldError};
use crate::org::Action;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

/// The most callbacks the list shows.
const SHOWN: i64 = 200;

struct Row {
    id: i64,
    reference: String,
    name: String,
    phone: String,
    window: String,
    tries: i64,
    /// Past the end of its window.
    late: bool,
}

#[derive(Template)]
#[template(path = "staff/callbacks.html")]
struct CallbacksPage {
    chrome: Chrome,
    rows: Vec<Row>,
    choices: Vec<(String, &'static str)>,
    form: BookForm,
    errors: Vec<FieldError>,
    done: String,
}

impl CallbacksPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BookForm {
    csrf: String,
    action: String,
    id: String,
    outcome: String,
    reference: String,
    phone: String,
    when: String,
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    form: BookForm,
    errors: Vec<FieldError>,
    done: String,
) -> Result<CallbacksPage, AppError> {
    let now = now_ms();
    let rules = state.rules.get();
    let calendar = &rules.calendars.council;
    let staff = &signed_in.0.staff;
    let rows = callbacks::db::due(state.db.reader(), SHOWN)
        .await?
        .into_iter()
        .filter(|d| staff.sees_case(d.callback.team_id, d.callback.partner_id))
        .map(|d| Row {
            id: d.callback.id,
            reference: CaseRef::from_id(&state.council.prefix, d.callback.case_id).to_string(),
            name: d.name.unwrap_or_default(),
            phone: d.callback.phone.clone(),
            window: callbacks::describe(&d.callback.window, calendar),
            tries: d.callback.tries,
            late: d.callback.window.to < now,
        })
        .collect();
    Ok(CallbacksPage {
        chrome: Chrome::staff(state, &signed_in.0, "callbacks"),
        rows,
        choices: callbacks::choices(calendar, now).into_iter().map(|w| (w.as_str().to_owned(), w.label())).collect(),
        form,
        errors,
        done,
    })
}

pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(done): Query<crate::web::pages::Done>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::LogContact)?;
    let done = match done.done.as_str() {
        "booked" => "The callback is booked",
        "made" => "The callback is recorded as made",
        "again" => "The try is recorded: the callback stays on the list",
        "gave-up" => "That was the last try: the customer has been written to, or a letter is asked for on the case",
        _ => "",
    };
    render(&page(&state, &signed_in, BookForm::default(), Vec::new(), done.to_owned()).await?)
}

/// Records a try at a callback, or books a new one.
pub async fn try_or_book(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<BookForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::LogContact)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let rules = state.rules.get();
    let now = now_ms();
    let staff_id = signed_in.0.staff.id;
    if form.action == "try" {
        let id = form.id.parse::<i64>().map_err(|_| AppError::BadRequest("Choose a callback from the list.".into()))?;
        let outcome = TryOutcome::parse(&form.outcome)
            .ok_or_else(|| AppError::BadRequest("Say whether the call was answered.".into()))?;
        let mut tx = state.db.begin().await?;
        let seen = callbacks::db::get(&mut tx, id).await?;
        if !seen.is_some_and(|c| signed_in.0.staff.sees_case(c.team_id, c.partner_id)) {
            return Err(AppError::NotFound);
        }
        let settled = match callbacks::record_try(&mut tx, &state.council, &rules, id, staff_id, outcome, now).await {
            Ok(settled) => settled,
            Err(CallbackError::Db(err)) => return Err(err.into()),
            Err(err) => return Err(AppError::BadRequest(err.to_string())),
        };
        tx.commit().await?;
        let done = match settled {
            callbacks::Settled::Made => "made",
            callbacks::Settled::TryAgain { .. } => "again",
            callbacks::Settled::GaveUp { .. } => "gave-up",
        };
        return Ok(Redirect::to(&format!("/staff/callbacks?done={done}")).into_response());
    }
    let mut c = Checker::default();
    let case = match CaseRef::parse(&state.council.prefix, form.reference.trim()) {
        Ok(r) => crate::cases::db::get(state.db.reader(), r.id()).await?,
        Err(_) => None,
    };
    if case.is_none() {
        c.fail("reference", format!("Enter the case's reference, like {}-4K7-9QX", state.council.prefix.as_str()));
    }
    let when = When::parse(&form.when);
    if when.is_none() {
        c.fail("when", "Choose when to call");
    }
    let typed = c.phone("phone", &form.phone);
    let phone = match (&case, typed) {
        (_, Some(phone)) => Some(phone),
        (Some(case), None) if form.phone.trim().is_empty() => {
            let on_record = match case.customer_id {
                Some(id) => crate::customers::db::get(state.db.reader(), id).await?.and_then(|c| c.phone),
                None => None,
            };
            if on_record.is_none() {
                c.fail("phone", "The customer gave no phone number: enter the number to call");
            }
            on_record
        }
        _ => None,
    };
    if let (true, Some(case), Some(when), Some(phone)) = (c.errors.is_empty(), &case, when, phone) {
        if signed_in.0.staff.sees_case(case.team_id, case.partner_id) {
            let mut tx = state.db.begin().await?;
            match callbacks::book(&mut tx, &rules, case.id, &phone, when, Some(staff_id), now).await {
                Ok(_) => {
                    tx.commit().await?;
                    return Ok(Redirect::to("/staff/callbacks?done=booked").into_response());
                }
                Err(CallbackError::Field { field, message }) => {
                    c.fail(if field == "callback-when" { "when" } else { field }, message);
                }
                Err(CallbackError::Db(err)) => return Err(err.into()),
                Err(err) => c.fail("when", err.to_string()),
            }
        } else {
            c.fail("reference", "That case is not one you can see");
        }
    }
    let page = page(&state, &signed_in, form, c.errors, String::new()).await?;
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}
