//! Administration: keys for other systems (Open311 clients, partners' systems). A new
//! key is shown once, on the page that made it; after that only its first characters.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::when;
use crate::api::{self, KeyError, Scope};
use crate::db::now_ms;
use crate::forms::FieldError;
use crate::org::Action;
use crate::org::db::OrgTable;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

struct KeyLine {
    id: i64,
    name: String,
    shown: String,
    scope: &'static str,
    partner: Option<String>,
    made: String,
    used: String,
    revoked: Option<String>,
}

#[derive(Template)]
#[template(path = "staff/api_keys.html")]
struct KeysPage {
    chrome: Chrome,
    keys: Vec<KeyLine>,
    scopes: Vec<(String, String)>,
    partners: Vec<(String, String)>,
    form: KeyForm,
    errors: Vec<FieldError>,
    /// A key just made, shown this once.
    made: Option<String>,
}

impl KeysPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct KeyForm {
    csrf: String,
    action: String,
    id: String,
    #[serde(rename = "key-name")]
    name: String,
    scope: String,
    partner: String,
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    form: KeyForm,
    errors: Vec<FieldError>,
    made: Option<String>,
) -> Result<KeysPage, AppError> {
    let partners = crate::org::db::listing(state.db.reader(), OrgTable::Partner).await?;
    let partner_name = |id: Option<i64>| id.and_then(|id| partners.iter().find(|p| p.0 == id).map(|p| p.2.clone()));
    let keys = api::list(state.db.reader())
        .await?
        .into_iter()
        .map(|k| KeyLine {
            id: k.id,
            scope: k.scope().label(),
            partner: partner_name(k.partner_id),
            made: when(state, k.created_at),
            used: k.last_used_at.map_or_else(|| "Never".to_owned(), |at| when(state, at)),
            revoked: k.revoked_at.map(|at| when(state, at)),
            shown: k.shown,
            name: k.name,
        })
        .collect();
    Ok(KeysPage {
        chrome: Chrome::staff(state, &signed_in.0, "admin"),
        keys,
        scopes: Scope::ALL.iter().map(|s| (s.as_str().to_owned(), s.label().to_owned())).collect(),
        partners: partners.iter().map(|(_, code, name)| (code.clone(), name.clone())).collect(),
        form,
        errors,
        made,
    })
}

pub async fn list(State(state): State<AppState>, signed_in: SignedIn) -> Result<Html<String>, AppError> {
    signed_in.require(Action::ManageApiKeys)?;
    render(&page(&state, &signed_in, KeyForm::default(), Vec::new(), None).await?)
}

pub async fn make_or_revoke(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<KeyForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageApiKeys)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let staff_id = signed_in.0.staff.id;
    let now = now_ms();
    if form.action == "revoke" {
        let id = form.id.parse::<i64>().map_err(|_| AppError::BadRequest("Choose a key to revoke.".into()))?;
        if api::revoke(state.db.writer(), id, staff_id, now).await? {
            tracing::info!(key = id, "API key revoked");
        }
        return Ok(Redirect::to("/staff/admin/api-keys").into_response());
    }
    let mut tx = state.db.begin().await?;
    let partner_id = match form.partner.as_str() {
        "" => None,
        code => crate::org::db::id_by_code(&mut tx, OrgTable::Partner, code).await?,
    };
    match api::create(&mut tx, &form.name, &form.scope, partner_id, staff_id, now).await {
        Ok((id, key)) => {
            tx.commit().await?;
            tracing::info!(key = id, "API key made");
            let page = page(&state, &signed_in, KeyForm::default(), Vec::new(), Some(key)).await?;
            Ok(render(&page)?.into_response())
        }
        Err(KeyError::Field { field, message }) => {
            drop(tx);
            let errors = vec![FieldError::new(field, message)];
            let page = page(&state, &signed_in, form, errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(KeyError::Db(err)) => Err(err.into()),
    }
}
