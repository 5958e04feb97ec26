//! Administration: staff accounts. Add one with a first password to pass on; disable one
//! (its sessions end at once) or enable it again; turn off the second step for someone who
//! has lost their phone; give a councillor their ward.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::db::now_ms;
use crate::forms::FieldError;
use crate::org::db::{OrgTable, StaffLine};
use crate::org::{AccountError, Action, NewAccount, Role};
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UserForm {
    csrf: String,
    email: String,
    name: String,
    role: String,
    team: String,
    partner: String,
    ward: String,
    password: String,
}

#[derive(Template)]
#[template(path = "staff/users.html")]
struct UsersPage {
    chrome: Chrome,
    users: Vec<StaffLine>,
    roles: Vec<(String, String)>,
    teams: Vec<(String, String)>,
    partners: Vec<(String, String)>,
    wards: Vec<(String, String)>,
    form: UserForm,
    errors: Vec<FieldError>,
    done: Option<String>,
    me: i64,
}

impl UsersPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    form: UserForm,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Result<UsersPage, AppError> {
    let reader = state.db.reader();
    Ok(UsersPage {
        chrome: Chrome::staff(state, &signed_in.0, "admin"),
        users: crate::org::db::staff_list(reader).await?,
        roles: Role::ALL.iter().map(|r| (r.as_str().to_owned(), r.label().to_owned())).collect(),
        teams: crate::org::db::codes(reader, OrgTable::Team).await?,
        partners: crate::org::db::codes(reader, OrgTable::Partner).await?,
        wards: ward_choices(reader).await?,
        form,
        errors,
        done,
        me: signed_in.0.staff.id,
    })
}

pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(done): Query<crate::web::pages::Done>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::ManageUsers)?;
    let done = match done.done.as_str() {
        "added" => Some("The account was added. Give them their first password another way than by email.".to_owned()),
        "disabled" => Some("The account was disabled, and its sessions ended.".to_owned()),
        "enabled" => Some("The account can sign in again.".to_owned()),
        "second-step-off" => Some("Two-step sign-in is off for that account.".to_owned()),
        "changed" => Some("The account was changed. It applies from their next page.".to_owned()),
        _ => None,
    };
    render(&page(&state, &signed_in, UserForm::default(), Vec::new(), done).await?)
}

pub async fn add(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<UserForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageUsers)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let blank = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned);
    let (team, partner, ward) = (blank(&form.team), blank(&form.partner), blank(&form.ward));
    let new = NewAccount {
        email: &form.email,
        name: &form.name,
        role: &form.role,
        team: team.as_deref(),
        partner: partner.as_deref(),
        ward: ward.as_deref(),
        password: &form.password,
    };
    match crate::org::add_account(&state.db, &new, now_ms()).await {
        Ok(id) => {
            tracing::info!(staff = id, by = signed_in.0.staff.id, "staff account added");
            Ok(Redirect::to("/staff/admin/users?done=added").into_response())
        }
        Err(AccountError::Field { field, message }) => {
            let message = crate::forms::upper_first(&message);
            let errors = vec![FieldError::new(field, message)];
            // The password is never sent back to the browser.
            let form = UserForm { password: String::new(), ..form };
            let page = page(&state, &signed_in, form, errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(AccountError::Db(err)) => Err(err.into()),
        Err(AccountError::Hash(err)) => Err(AppError::Internal(err)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChangeForm {
    csrf: String,
    action: String,
    name: String,
    role: String,
    team: String,
    partner: String,
    ward: String,
}

pub async fn change(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    form: Result<Form<ChangeForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageUsers)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    if id == signed_in.0.staff.id && form.action == "disable" {
        return Err(AppError::BadRequest("You cannot disable your own account. Ask another administrator.".into()));
    }
    if form.action == "update" {
        let user = UserForm {
            name: form.name,
            role: form.role,
            team: form.team,
            partner: form.partner,
            ward: form.ward,
            ..UserForm::default()
        };
        return update(&state, &signed_in, id, user).await;
    }
    if form.action == "second-step-off" {
        if !crate::sessions::db::set_second_step(&state.db, id, None).await? {
            return Err(AppError::NotFound);
        }
        return Ok(Redirect::to("/staff/admin/users?done=second-step-off").into_response());
    }
    let mut tx = state.db.begin().await?;
    let found = match form.action.as_str() {
        "disable" => crate::org::db::set_disabled(&mut tx, id, true, now_ms()).await?,
        "enable" => crate::org::db::set_disabled(&mut tx, id, false, now_ms()).await?,
        _ => return Err(AppError::BadRequest("That is not something this page does. Go back and try again.".into())),
    };
    if !found {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    tracing::info!(staff = id, by = signed_in.0.staff.id, action = %form.action, "staff account changed");
    let done = if form.action == "disable" { "disabled" } else { "enabled" };
    Ok(Redirect::to(&format!("/staff/admin/users?done={done}")).into_response())
}

#[derive(Template)]
#[template(path = "staff/user_edit.html")]
struct EditPage {
    chrome: Chrome,
    id: i64,
    email: String,
    form: UserForm,
    roles: Vec<(String, String)>,
    teams: Vec<(String, String)>,
    partners: Vec<(String, String)>,
    wards: Vec<(String, String)>,
    errors: Vec<FieldError>,
}

impl EditPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

async fn edit_page(
    state: &AppState,
    signed_in: &SignedIn,
    id: i64,
    form: Option<UserForm>,
    errors: Vec<FieldError>,
) -> Result<EditPage, AppError> {
    let reader = state.db.reader();
    let account = crate::org::db::account(reader, id).await?.ok_or(AppError::NotFound)?;
    let email = account.email;
    let form = form.unwrap_or(UserForm {
        name: account.name,
        role: account.role,
        team: account.team.unwrap_or_default(),
        partner: account.partner.unwrap_or_default(),
        ward: account.ward.unwrap_or_default(),
        ..UserForm::default()
    });
    Ok(EditPage {
        chrome: Chrome::staff(state, &signed_in.0, "admin"),
        id,
        email,
        form,
        roles: Role::ALL.iter().map(|r| (r.as_str().to_owned(), r.label().to_owned())).collect(),
        teams: crate::org::db::codes(reader, OrgTable::Team).await?,
        partners: crate::org::db::codes(reader, OrgTable::Partner).await?,
        wards: ward_choices(reader).await?,
        errors,
    })
}

/// The wards a councillor can be given: (code, name), by name.
async fn ward_choices(pool: &sqlx::AnyPool) -> Result<Vec<(String, String)>, AppError> {
    Ok(crate::wards::db::list(pool).await?.into_iter().map(|w| (w.code, w.name)).collect())
}

pub async fn edit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::ManageUsers)?;
    render(&edit_page(&state, &signed_in, id, None, Vec::new()).await?)
}

/// Saves someone's name, role, team, partner organisation and ward.
async fn update(state: &AppState, signed_in: &SignedIn, id: i64, form: UserForm) -> Result<Response, AppError> {
    let blank = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned);
    let (team, partner, ward) = (blank(&form.team), blank(&form.partner), blank(&form.ward));
    let changed = crate::org::update_account(
        &state.db,
        id,
        &form.name,
        &form.role,
        team.as_deref(),
        partner.as_deref(),
        ward.as_deref(),
    );
    match changed.await {
        Ok(true) => {
            tracing::info!(staff = id, by = signed_in.0.staff.id, "staff account changed");
            Ok(Redirect::to("/staff/admin/users?done=changed").into_response())
        }
        Ok(false) => Err(AppError::NotFound),
        Err(AccountError::Field { field, message }) => {
            let errors = vec![FieldError::new(field, crate::forms::upper_first(&message))];
            let page = edit_page(state, signed_in, id, Some(form), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(AccountError::Db(err)) => Err(err.into()),
        Err(AccountError::Hash(err)) => Err(AppError::Internal(err)),
    }
}
