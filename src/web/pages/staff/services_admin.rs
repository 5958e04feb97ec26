//! Administration: services (who owns them, what their form asks, whether they are
//! offered), and the teams and partner organisations that own them.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::cases::CaseType;
use crate::forms::{Checker, FieldError, is_email};
use crate::org::Action;
use crate::org::db::OrgTable;
use crate::services::db::ServiceEdit;
use crate::services::{self, Field, Service};
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

struct ServiceLine {
    service: Service,
    active: bool,
    team: String,
    partner: Option<String>,
}

#[derive(Template)]
#[template(path = "staff/services_admin.html")]
struct ServicesPage {
    chrome: Chrome,
    services: Vec<ServiceLine>,
    teams: Vec<(i64, String, String)>,
    partners: Vec<(i64, String, String)>,
    form: OrgForm,
    new: NewServiceForm,
    case_types: Vec<(String, String)>,
    errors: Vec<FieldError>,
    done: bool,
}

impl ServicesPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OrgForm {
    csrf: String,
    /// "team" or "partner".
    kind: String,
    code: String,
    #[serde(rename = "org-name")]
    name: String,
    #[serde(rename = "org-email")]
    email: String,
}

async fn org_rows(state: &AppState, table: OrgTable) -> Result<Vec<(i64, String, String)>, AppError> {
    Ok(crate::org::db::listing(state.db.reader(), table).await?)
}

/// A new service, as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewServiceForm {
    csrf: String,
    #[serde(rename = "new-code")]
    code: String,
    #[serde(rename = "new-name")]
    name: String,
    #[serde(rename = "new-group")]
    group: String,
    #[serde(rename = "new-description")]
    description: String,
    #[serde(rename = "new-type")]
    case_type: String,
    #[serde(rename = "new-team")]
    team: String,
    #[serde(rename = "new-partner")]
    partner: String,
    #[serde(rename = "new-asks-location")]
    asks_location: String,
}

async fn list_page(
    state: &AppState,
    signed_in: &SignedIn,
    form: OrgForm,
    errors: Vec<FieldError>,
    done: bool,
) -> Result<ServicesPage, AppError> {
    list_page_with(state, signed_in, form, NewServiceForm::default(), errors, done).await
}

async fn list_page_with(
    state: &AppState,
    signed_in: &SignedIn,
    form: OrgForm,
    new: NewServiceForm,
    errors: Vec<FieldError>,
    done: bool,
) -> Result<ServicesPage, AppError> {
    let teams = org_rows(state, OrgTable::Team).await?;
    let partners = org_rows(state, OrgTable::Partner).await?;
    let name = |list: &[(i64, String, String)], id: i64| list.iter().find(|t| t.0 == id).map(|t| t.2.clone());
    let services = services::db::list_all(state.db.reader())
        .await?
        .into_iter()
        .map(|(service, active)| ServiceLine {
            team: name(&teams, service.team_id).unwrap_or_default(),
            partner: service.partner_id.and_then(|p| name(&partners, p)),
            service,
            active,
        })
        .collect();
    Ok(ServicesPage {
        chrome: Chrome::staff(state, &signed_in.0, "admin"),
        services,
        teams,
        partners,
        form,
        new,
        case_types: CaseType::ALL.iter().map(|t| (t.as_str().to_owned(), t.label().to_owned())).collect(),
        errors,
        done,
    })
}

/// Adds a service to the catalogue, offered at once. Its questions are added on its page.
pub async fn add_service(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<NewServiceForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageServices)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let mut c = Checker::default();
    let code = form.code.trim().to_lowercase();
    if !is_code(&code, 2, 40) {
        c.fail(
            "new-code",
            "Enter a short code in small letters, digits and -, like bulky-waste. It appears in the form's address",
        );
    }
    let name = c.text("new-name", "the service's name", &form.name, 200, true);
    let group = c.text("new-group", "the heading it is listed under", &form.group, 100, true);
    let description = c.text("new-description", "what the service is for", &form.description, 1_000, true);
    let case_type = CaseType::parse(&form.case_type);
    if case_type.is_none() {
        c.fail("new-type", "Choose the kind of case it makes");
    }
    let team = form.team.parse::<i64>().ok();
    if team.is_none() {
        c.fail("new-team", "Choose the team that owns it");
    }
    if c.errors.is_empty() && services::db::list_all(state.db.reader()).await?.iter().any(|(s, _)| s.code == code) {
        c.fail("new-code", format!("There is already a service {code}: choose another code"));
    }
    if let (true, Some(name), Some(group), Some(description), Some(case_type), Some(team_id)) =
        (c.errors.is_empty(), &name, &group, &description, case_type, team)
    {
        let new = services::db::NewService {
            code: &code,
            name,
            group_name: group,
            description,
            keywords: "",
            case_type,
            team_id,
            partner_id: form.partner.parse::<i64>().ok(),
            asks_location: form.asks_location == "yes",
        };
        let mut tx = state.db.begin().await?;
        services::db::insert(&mut tx, &new).await?;
        tx.commit().await?;
        tracing::info!(service = %code, by = signed_in.0.staff.id, "service added");
        return Ok(Redirect::to(&format!("/staff/admin/services/{code}?done=1")).into_response());
    }
    let page = list_page_with(&state, &signed_in, OrgForm::default(), form, c.errors, false).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(done): Query<crate::web::pages::Done>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::ManageServices)?;
    render(&list_page(&state, &signed_in, OrgForm::default(), Vec::new(), !done.done.is_empty()).await?)
}

/// Adds a team or a partner organisation.
pub async fn add_org(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<OrgForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageServices)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let mut c = Checker::default();
    let table = match form.kind.as_str() {
        "team" => Some(OrgTable::Team),
        "partner" => Some(OrgTable::Partner),
        _ => {
            c.fail("kind", "Choose a team or a partner organisation");
            None
        }
    };
    let code = form.code.trim().to_lowercase();
    if !is_code(&code, 1, 30) {
        c.fail("code", "Enter a short code in small letters, digits and -, like waste or city-repairs");
    }
    let name = c.text("org-name", "the name", &form.name, 200, true);
    let email = form.email.trim().to_lowercase();
    if !is_email(&email) {
        c.fail("org-email", "Enter the email address work for them goes to, like waste@council.gov.uk");
    }
    if c.errors.is_empty() {
        let (table, name) = (table.expect("checked"), name.expect("checked"));
        let mut tx = state.db.begin().await?;
        if crate::org::db::id_by_code(&mut tx, table, &code).await?.is_some() {
            c.fail("code", format!("The code {code} is taken: choose another"));
        } else {
            match table {
                OrgTable::Team => crate::org::db::insert_team(&mut tx, &code, &name, &email).await?,
                OrgTable::Partner => crate::org::db::insert_partner(&mut tx, &code, &name, &email).await?,
            };
            tx.commit().await?;
            return Ok(Redirect::to("/staff/admin/services?done=1").into_response());
        }
    }
    let page = list_page(&state, &signed_in, form, c.errors, false).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Template)]
#[template(path = "staff/service_edit.html")]
struct EditPage {
    chrome: Chrome,
    service: Service,
    fields: Vec<Field>,
    teams: Vec<(i64, String, String)>,
    partners: Vec<(i64, String, String)>,
    form: EditForm,
    errors: Vec<FieldError>,
    done: bool,
}

impl EditPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

/// Both forms on a service's page: its details, or a new question.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EditForm {
    csrf: String,
    action: String,
    name: String,
    description: String,
    team: String,
    partner: String,
    asks_location: String,
    active: String,
    #[serde(rename = "public-requests")]
    public_requests: String,
    #[serde(rename = "field-code")]
    field_code: String,
    #[serde(rename = "field-label")]
    field_label: String,
    #[serde(rename = "field-hint")]
    field_hint: String,
    #[serde(rename = "field-kind")]
    field_kind: String,
    #[serde(rename = "field-required")]
    field_required: String,
    #[serde(rename = "field-choices")]
    field_choices: String,
    /// The question to take off.
    remove: String,
}

async fn service_by_code(state: &AppState, code: &str) -> Result<(Service, bool), AppError> {
    services::db::list_all(state.db.reader()).await?.into_iter().find(|(s, _)| s.code == code).ok_or(AppError::NotFound)
}

async fn edit_page(
    state: &AppState,
    signed_in: &SignedIn,
    code: &str,
    form: Option<EditForm>,
    errors: Vec<FieldError>,
    done: bool,
) -> Result<EditPage, AppError> {
    let (service, active) = service_by_code(state, code).await?;
    let public = services::db::public_requests(state.db.reader(), service.id).await?;
    let form = form.unwrap_or_else(|| EditForm {
        name: service.name.clone(),
        description: service.description.clone(),
        team: service.team_id.to_string(),
        partner: service.partner_id.map(|p| p.to_string()).unwrap_or_default(),
        asks_location: if service.asks_location { "yes".into() } else { String::new() },
        active: if active { "yes".into() } else { String::new() },
        public_requests: if public { "yes".into() } else { String::new() },
        ..EditForm::default()
    });
    Ok(EditPage {
        chrome: Chrome::staff(state, &signed_in.0, "admin"),
        fields: services::db::fields(state.db.reader(), service.id).await?,
        teams: org_rows(state, OrgTable::Team).await?,
        partners: org_rows(state, OrgTable::Partner).await?,
        service,
        form,
        errors,
        done,
    })
}

pub async fn edit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(code): Path<String>,
    Query(done): Query<crate::web::pages::Done>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::ManageServices)?;
    render(&edit_page(&state, &signed_in, &code, None, Vec::new(), !done.done.is_empty()).await?)
}

pub async fn save(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(code): Path<String>,
    form: Result<Form<EditForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageServices)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let (service, _) = service_by_code(&state, &code).await?;
    let mut tx = state.db.begin().await?;
    let errors = match form.action.as_str() {
        "details" => {
            let mut c = Checker::default();
            let name = c.text("name", "the service's name", &form.name, 200, true);
            let description = c.text("description", "what the service is for", &form.description, 1_000, true);
            let team = form.team.parse::<i64>().ok();
            if team.is_none() {
                c.fail("team", "Choose the team that owns it");
            }
            if let (true, Some(name), Some(description), Some(team_id)) = (c.errors.is_empty(), name, description, team)
            {
                let edit = ServiceEdit {
                    name: &name,
                    description: &description,
                    team_id,
                    partner_id: form.partner.parse::<i64>().ok(),
                    asks_location: form.asks_location == "yes",
                    active: form.active == "yes",
                    public_requests: form.public_requests == "yes",
                };
                services::db::update(&mut tx, service.id, &edit).await?;
            }
            c.errors
        }
        "add-field" => {
            match services::fields::new_field(
                &form.field_code,
                &form.field_label,
                &form.field_hint,
                &form.field_kind,
                form.field_required == "yes",
                &form.field_choices,
            ) {
                Ok(field) => {
                    let taken = services::db::fields(&mut *tx, service.id).await?.iter().any(|f| f.code == field.code);
                    if taken {
                        vec![FieldError::new(
                            "field-code",
                            format!("This form already has an answer called {}", field.code),
                        )]
                    } else {
                        services::db::insert_field(&mut tx, service.id, &field).await?;
                        Vec::new()
                    }
                }
                Err(errors) => errors,
            }
        }
        "remove-field" => {
            if !services::db::delete_field(&mut tx, service.id, &form.remove).await? {
                return Err(AppError::NotFound);
            }
            Vec::new()
        }
        _ => return Err(AppError::BadRequest("That is not something this page does. Go back and try again.".into())),
    };
    if errors.is_empty() {
        tx.commit().await?;
        tracing::info!(service = %service.code, action = %form.action, by = signed_in.0.staff.id, "service changed");
        return Ok(Redirect::to(&format!("/staff/admin/services/{code}?done=1")).into_response());
    }
    drop(tx);
    let page = edit_page(&state, &signed_in, &code, Some(form), errors, false).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// A code for an address or a record: small letters, digits and -, `min` to `max` long.
fn is_code(code: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
