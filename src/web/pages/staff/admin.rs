//! Administration: reply templates (add, change, withdraw).

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::db::now_ms;
use crate::forms::FieldError;
use crate::org::Action;
use crate::plain::templates::{self, SaveError};
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "staff/templates.html")]
struct TemplatesPage {
    chrome: Chrome,
    templates: Vec<templates::Template>,
    /// The form: a new template, or the one being changed.
    editing: Option<i64>,
    form: TemplateForm,
    errors: Vec<FieldError>,
    saved: bool,
}

impl TemplatesPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TemplateForm {
    csrf: String,
    name: String,
    body: String,
    /// "yes" when it is offered to officers.
    active: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Saved {
    saved: String,
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    editing: Option<i64>,
    form: TemplateForm,
    errors: Vec<FieldError>,
    saved: bool,
) -> Result<TemplatesPage, AppError> {
    Ok(TemplatesPage {
        chrome: Chrome::staff(state, &signed_in.0, "admin"),
        templates: templates::list(state.db.reader(), false).await?,
        editing,
        form,
        errors,
        saved,
    })
}

pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(saved): Query<Saved>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::ManageTemplates)?;
    let form = TemplateForm { active: "yes".to_owned(), ..TemplateForm::default() };
    render(&page(&state, &signed_in, None, form, Vec::new(), !saved.saved.is_empty()).await?)
}

pub async fn edit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::ManageTemplates)?;
    let template = templates::get(state.db.reader(), id).await?.ok_or(AppError::NotFound)?;
    let form = TemplateForm {
        name: template.name,
        body: template.body,
        active: if template.active { "yes".to_owned() } else { String::new() },
        ..TemplateForm::default()
    };
    render(&page(&state, &signed_in, Some(id), form, Vec::new(), false).await?)
}

pub async fn create(
    state: State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<TemplateForm>, FormRejection>,
) -> Result<Response, AppError> {
    save(state, signed_in, None, form).await
}

pub async fn update(
    state: State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    form: Result<Form<TemplateForm>, FormRejection>,
) -> Result<Response, AppError> {
    templates::get(state.db.reader(), id).await?.ok_or(AppError::NotFound)?;
    save(state, signed_in, Some(id), form).await
}

async fn save(
    State(state): State<AppState>,
    signed_in: SignedIn,
    id: Option<i64>,
    form: Result<Form<TemplateForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageTemplates)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let mut tx = state.db.begin().await?;
    let saved =
        templates::save(&mut tx, id, &form.name, &form.body, form.active == "yes", signed_in.0.staff.id, now_ms())
            .await;
    match saved {
        Ok(_) => {
            tx.commit().await?;
            Ok(Redirect::to("/staff/admin/templates?saved=1").into_response())
        }
        Err(SaveError::Invalid(errors)) => {
            drop(tx);
            let page = page(&state, &signed_in, id, form, errors, false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(SaveError::Db(err)) => Err(err.into()),
    }
}
