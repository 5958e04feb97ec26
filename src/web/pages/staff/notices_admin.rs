//! Administration: service notices (publish, take down), with how often each was shown.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::db::now_ms;
use crate::forms::FieldError;
use crate::notices::{self, Draft, Notice};
use crate::org::Action;
use crate::rollups::ts;
use crate::services::{self, Service};
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "staff/notices.html")]
struct NoticesPage {
    chrome: Chrome,
    upcoming: Vec<Shown>,
    ended: Vec<Shown>,
    services: Vec<Service>,
    form: NoticeForm,
    errors: Vec<FieldError>,
    done: &'static str,
}

impl NoticesPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

/// A notice as the list shows it.
pub struct Shown {
    pub notice: Notice,
    pub from: String,
    pub until: String,
    pub live: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NoticeForm {
    csrf: String,
    action: String,
    id: String,
    service: String,
    area: String,
    title: String,
    body: String,
    starts: String,
    ends: String,
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    form: NoticeForm,
    errors: Vec<FieldError>,
    done: &'static str,
) -> Result<NoticesPage, AppError> {
    let now = now_ms();
    let calendar = &state.rules.get().calendars.council;
    let day = |at: i64| calendar.local_date(ts(at)).strftime("%-d %B %Y").to_string();
    let shown =
        |n: Notice| Shown { from: day(n.starts_at), until: day(n.ends_at), live: n.starts_at <= now, notice: n };
    let (current, ended) = notices::for_admin(state.db.reader(), now).await?;
    Ok(NoticesPage {
        chrome: Chrome::staff(state, &signed_in.0, "admin"),
        upcoming: current.into_iter().map(shown).collect(),
        ended: ended.into_iter().map(shown).collect(),
        services: services::db::list_active(state.db.reader()).await?,
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
    signed_in.require(Action::ManageServices)?;
    let today = state.rules.get().calendars.council.local_date(ts(now_ms())).to_string();
    let form = NoticeForm { starts: today.clone(), ends: today, ..NoticeForm::default() };
    let done = match done.done.as_str() {
        "added" => "The notice is published",
        "ended" => "The notice has been taken down",
        _ => "",
    };
    render(&page(&state, &signed_in, form, Vec::new(), done).await?)
}

pub async fn publish_or_end(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<NoticeForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageServices)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let now = now_ms();
    if form.action == "end" {
        let id = form.id.parse::<i64>().map_err(|_| AppError::BadRequest("Choose a notice to take down.".into()))?;
        let mut tx = state.db.begin().await?;
        notices::end(&mut tx, id, now).await?;
        tx.commit().await?;
        return Ok(Redirect::to("/staff/admin/notices?done=ended").into_response());
    }
    let rules = state.rules.get();
    let mut errors = Vec::new();
    let service_id = match form.service.as_str() {
        "" => None,
        code => match services::db::by_code(state.db.reader(), code).await? {
            Some(s) => Some(s.id),
            None => {
                errors.push(FieldError::new("service", "Choose a service from the list"));
                None
            }
        },
    };
    let draft = Draft {
        service_id,
        area: form.area.clone(),
        title: form.title.clone(),
        body: form.body.clone(),
        starts: form.starts.clone(),
        ends: form.ends.clone(),
    };
    let today = rules.calendars.council.local_date(ts(now));
    match notices::check(&draft, &rules.calendars.council, today) {
        Ok(checked) if errors.is_empty() => {
            let mut tx = state.db.begin().await?;
            let id = notices::insert(&mut tx, &checked, signed_in.0.staff.id, now).await?;
            tx.commit().await?;
            tracing::info!(notice = id, "service notice published");
            Ok(Redirect::to("/staff/admin/notices?done=added").into_response())
        }
        result => {
            if let Err(problems) = result {
                errors.extend(problems.into_iter().map(|p| FieldError::new(p.field, p.message)));
            }
            let page = page(&state, &signed_in, form, errors, "").await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}
