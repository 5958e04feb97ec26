//! Administration: webhook subscriptions, and the deliveries that were given up on
//! (the dead-letter list), each with a button to send it again. A new subscription's
//! secret is shown once, on the page that made it.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::when;
use crate::cases::{CaseRef, EventKind};
use crate::db::now_ms;
use crate::forms::FieldError;
use crate::org::Action;
use crate::org::db::OrgTable;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};
use crate::webhooks::db::{self, SubscribeError};

/// Dead deliveries a page.
const DEAD_PAGE: i64 = 50;

struct Line {
    id: i64,
    url: String,
    kinds: String,
    partner: Option<String>,
    made: String,
    disabled: Option<String>,
    pending: i64,
    dead: i64,
}

struct DeadLine {
    id: i64,
    url: String,
    case: String,
    kind: String,
    attempts: i64,
    error: String,
    made: String,
}

#[derive(Template)]
#[template(path = "staff/webhooks.html")]
struct WebhooksPage {
    chrome: Chrome,
    subscriptions: Vec<Line>,
    dead: Vec<DeadLine>,
    /// The link to the next page of dead deliveries.
    older: Option<String>,
    kinds: Vec<(String, String, bool)>,
    partners: Vec<(String, String)>,
    url: String,
    partner: String,
    errors: Vec<FieldError>,
    /// A secret just made, shown this once.
    secret: Option<String>,
}

impl WebhooksPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

type Pairs = Vec<(String, String)>;

fn value<'a>(pairs: &'a Pairs, name: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    posted: &Pairs,
    before: Option<i64>,
    errors: Vec<FieldError>,
    secret: Option<String>,
) -> Result<WebhooksPage, AppError> {
    let partners = crate::org::db::listing(state.db.reader(), OrgTable::Partner).await?;
    let subscriptions = db::subscriptions(state.db.reader())
        .await?
        .into_iter()
        .map(|s| Line {
            id: s.id,
            kinds: s.kind_labels(),
            made: when(state, s.created_at),
            disabled: s.disabled_at.map(|at| when(state, at)),
            partner: s.partner_name,
            pending: s.pending,
            dead: s.dead,
            url: s.url,
        })
        .collect();
    let found = db::dead(state.db.reader(), before, DEAD_PAGE).await?;
    let older = (found.len() as i64 == DEAD_PAGE).then(|| found.last().map(|d| d.id)).flatten();
    let dead = found
        .into_iter()
        .map(|d| DeadLine {
            id: d.id,
            url: d.url,
            case: CaseRef::from_id(&state.council.prefix, d.case_id).to_string(),
            kind: EventKind::parse(&d.kind).map_or(d.kind.clone(), |k| k.label().to_owned()),
            attempts: d.attempts,
            error: d.last_error.unwrap_or_default(),
            made: when(state, d.created_at),
        })
        .collect();
    let ticked = |kind: EventKind| value(posted, &format!("kinds-{}", kind.as_str())) == "yes";
    Ok(WebhooksPage {
        chrome: Chrome::staff(state, &signed_in.0, "admin"),
        subscriptions,
        dead,
        older: older.map(|id| format!("/staff/admin/webhooks?before={id}")),
        kinds: crate::webhooks::kinds()
            .iter()
            .map(|k| (k.as_str().to_owned(), k.label().to_owned(), ticked(*k)))
            .collect(),
        partners: partners.iter().map(|(_, code, name)| (code.clone(), name.clone())).collect(),
        url: value(posted, "url").to_owned(),
        partner: value(posted, "partner").to_owned(),
        errors,
        secret,
    })
}

pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(query): Query<Pairs>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::ManageApiKeys)?;
    let before = value(&query, "before").parse::<i64>().ok();
    render(&page(&state, &signed_in, &Vec::new(), before, Vec::new(), None).await?)
}

pub async fn change_subscription(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageApiKeys)?;
    let Form(posted) = form?;
    signed_in.check_csrf(value(&posted, "csrf"))?;
    let now = now_ms();
    let id = || value(&posted, "id").parse::<i64>().map_err(|_| AppError::BadRequest("Choose which one.".into()));
    match value(&posted, "action") {
        "disable" => {
            let id = id()?;
            if db::disable(state.db.writer(), id, now).await? {
                tracing::info!(subscription = id, "webhook subscription stopped");
            }
            Ok(Redirect::to("/staff/admin/webhooks").into_response())
        }
        "replay" => {
            let id = id()?;
            let mut tx = state.db.begin().await?;
            let replayed = db::replay(&mut tx, id, now).await?;
            tx.commit().await?;
            if replayed {
                tracing::info!(delivery = id, "webhook delivery sent again");
            }
            Ok(Redirect::to("/staff/admin/webhooks").into_response())
        }
        _ => subscribe(&state, &signed_in, &posted, now).await,
    }
}

async fn subscribe(state: &AppState, signed_in: &SignedIn, posted: &Pairs, now: i64) -> Result<Response, AppError> {
    let kinds: Vec<String> = posted
        .iter()
        .filter(|(_, v)| v == "yes")
        .filter_map(|(k, _)| k.strip_prefix("kinds-"))
        .map(str::to_owned)
        .collect();
    let mut tx = state.db.begin().await?;
    let partner_id = match value(posted, "partner") {
        "" => None,
        code => crate::org::db::id_by_code(&mut tx, OrgTable::Partner, code).await?,
    };
    let allow = state.council.api.webhook_allow_private;
    let url = value(posted, "url");
    match db::subscribe(&mut tx, url, &kinds, partner_id, allow, signed_in.0.staff.id, now).await {
        Ok((id, secret)) => {
            tx.commit().await?;
            tracing::info!(subscription = id, "webhook subscription made");
            let page = page(state, signed_in, &Vec::new(), None, Vec::new(), Some(secret)).await?;
            Ok(render(&page)?.into_response())
        }
        Err(SubscribeError::Field { field, message }) => {
            drop(tx);
            let errors = vec![FieldError::new(field, message)];
            let page = page(state, signed_in, posted, None, errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(SubscribeError::Db(err)) => Err(err.into()),
    }
}
