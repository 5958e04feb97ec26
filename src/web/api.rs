//! The JSON API, `/api/v1/`: services, cases (create, read, list, change status, add an
//! update), customers and the event feed, for back-office and partner systems. Its
//! OpenAPI 3.1 document is generated from these handlers (utoipa) and served at
//! `/api/openapi.json`, and read as a page at `/api/docs`.
//!
//! Decisions:
//! - A key goes in `Authorization: Bearer fd_...`. Every answer that is not a success
//!   is RFC 9457 problem JSON, naming the field at fault in `errors`.
//! - A read key reads; a write key also creates cases and changes them; a partner key
//!   reads and changes only that partner's cases, and cannot read customer records
//!   (those hold the customer's other cases too).
//! - A public update is a message to the customer: it is emailed to them (or becomes a
//!   phone task) as an officer's reply is. An internal update is a note for staff.
//! - Every change is recorded on the case as done by the system with the key's name.
//! - `Idempotency-Key` is honoured on `POST /api/v1/cases` (see `api::idempotency`).
//! - Reading a case through the API is written to the access log, as an officer's
//!   view is, under the administrator who made the key and naming the key. Lists, the
//!   event feed and customer records are not logged line by line.

use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::actions::{self, ActionError, CaseAction};
use crate::api::cases::{CaseOut, CustomerOut, Filter};
use crate::api::feed::Event;
use crate::api::idempotency::{self, Begun};
use crate::api::{ApiKey, Scope};
use crate::cases::db::ChangeStatusError;
use crate::cases::{Actor, ActorKind, CaseRef, CaseType, Status};
use crate::db::now_ms;
use crate::intake::{IntakeError, SentBy, Submission};
use crate::services::FieldKind;
use crate::web::AppState;

/// The most a page of cases or events holds.
const PAGE_MAX: i64 = 200;
const PAGE_DEFAULT: i64 = 50;
/// The largest request body, in bytes.
pub const BODY_MAX: usize = 64 * 1024;

// ---- Problems -------------------------------------------------------------------

/// One field at fault.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field, parameter or header, like `description`, `answers.bin-type` or
    /// `Idempotency-Key`.
    pub field: String,
    pub message: String,
}

/// An answer that is not a success (RFC 9457).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub errors: Vec<FieldProblem>,
}

#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    detail: String,
    errors: Vec<FieldProblem>,
    retry_after: Option<u64>,
}

impl ApiError {
    fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        ApiError { status, detail: detail.into(), errors: Vec::new(), retry_after: None }
    }

    fn field(status: StatusCode, field: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        let field = field.into();
        ApiError {
            status,
            detail: format!("{field}: {message}"),
            errors: vec![FieldProblem { field, message }],
            retry_after: None,
        }
    }

    fn fields(status: StatusCode, errors: Vec<FieldProblem>) -> Self {
        let detail = errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ");
        ApiError { status, detail, errors, retry_after: None }
    }

    fn not_found(what: &str) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, format!("There is no {what}, or this key cannot see it"))
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        tracing::error!(error = %err, "api: database error");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side. Try again later")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let problem = Problem {
            kind: "about:blank".to_owned(),
            title: self.status.canonical_reason().unwrap_or("Error").to_owned(),
            status: self.status.as_u16(),
            detail: self.detail,
            errors: self.errors,
        };
        let mut response = json_response(self.status, &problem);
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

fn json_response<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => {
            let mut response = (status, body).into_response();
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

type ApiResult = Result<Response, ApiError>;

// ---- The caller -----------------------------------------------------------------

/// The key a request carries, checked and counted against its rate limit.
pub struct Caller(pub ApiKey);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let given = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|v| !v.is_empty());
        let Some(given) = given else {
            return Err(ApiError::field(
                StatusCode::UNAUTHORIZED,
                "Authorization",
                "Send the API key as Authorization: Bearer fd_...",
            ));
        };
        let now = now_ms();
        let Some(key) = crate::api::verify(state.db.writer(), given, now).await? else {
            return Err(ApiError::field(
                StatusCode::UNAUTHORIZED,
                "Authorization",
                "This key is not valid, or has been revoked",
            ));
        };
        if let Err(seconds) = state.limiter.take(key.id, now) {
            let mut refused = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "This key has made more than {} requests a minute. Try again in {seconds} second{}",
                    state.limiter.per_minute(),
                    if seconds == 1 { "" } else { "s" }
                ),
            );
            refused.retry_after = Some(seconds);
            return Err(refused);
        }
        Ok(Caller(key))
    }
}

impl Caller {
    fn actor(&self) -> Actor {
        match self.0.scope() {
            Scope::Partner => Actor { kind: ActorKind::Partner, id: self.0.partner_id },
            _ => Actor::SYSTEM,
        }
    }

    fn partner(&self) -> Option<i64> {
        match self.0.scope() {
            Scope::Partner => Some(self.0.partner_id.unwrap_or(-1)),
            _ => None,
        }
    }
}

fn forbidden(what: &str) -> ApiError {
    ApiError::field(StatusCode::FORBIDDEN, "Authorization", format!("This key may not {what}"))
}

/// The query's parameters, in order.
type Pairs = Vec<(String, String)>;

fn param<'a>(pairs: &'a Pairs, name: &str) -> Option<&'a str> {
    pairs.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
}

fn limit(pairs: &Pairs) -> Result<i64, ApiError> {
    match param(pairs, "limit") {
        None => Ok(PAGE_DEFAULT),
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (1..=PAGE_MAX).contains(&n) => Ok(n),
            _ => Err(ApiError::field(
                StatusCode::BAD_REQUEST,
                "limit",
                format!("Give a whole number from 1 to {PAGE_MAX}"),
            )),
        },
    }
}

/// Reads a JSON body, naming the field at fault when it does not fit.
fn body<T: serde::de::DeserializeOwned>(headers: &HeaderMap, bytes: &[u8]) -> Result<T, ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json")));
    if !is_json {
        return Err(ApiError::field(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type",
            "Send the body as application/json",
        ));
    }
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    let parsed = serde_path_to_error::deserialize::<_, T>(&mut reader);
    if parsed.is_ok() && reader.end().is_err() {
        return Err(ApiError::field(StatusCode::BAD_REQUEST, "body", "Send one JSON value, with nothing after it"));
    }
    match parsed {
        Ok(value) => Ok(value),
        Err(err) => {
            let path = err.path().to_string();
            let field = if path == "." || path.is_empty() { "body".to_owned() } else { path };
            let message = err.inner().to_string();
            let message = message.split(" at line").next().unwrap_or(&message).to_owned();
            Err(ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, field, crate::forms::upper_first(&message)))
        }
    }
}

async fn case_for(state: &AppState, caller: &Caller, reference: &str) -> Result<(i64, CaseOut), ApiError> {
    let Ok(parsed) = CaseRef::parse(&state.council.prefix, reference) else {
        return Err(ApiError::not_found("such case"));
    };
    match crate::api::cases::one(state.db.reader(), &state.council.prefix, parsed.id()).await? {
        Some((case, partner)) if caller.0.sees(partner) => Ok((parsed.id(), case)),
        _ => Err(ApiError::not_found("such case")),
    }
}

/// The case a key may change, by its reference.
async fn changeable(state: &AppState, caller: &Caller, reference: &str) -> Result<i64, ApiError> {
    if !caller.0.may_update() {
        return Err(forbidden("change cases"));
    }
    Ok(case_for(state, caller, reference).await?.0)
}

// ---- Services -------------------------------------------------------------------

#[derive(Debug, Serialize, ToSchema)]
pub struct Choice {
    pub key: String,
    pub name: String,
}

/// One of a service's own questions; its answer goes in `answers` under `code`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Question {
    pub code: String,
    pub label: String,
    pub hint: String,
    /// `text`, `number`, `date` (YYYY-MM-DD), `single` (one choice's key) or `multiple`
    /// (a list of keys).
    pub kind: String,
    pub required: bool,
    pub choices: Vec<Choice>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceOut {
    pub code: String,
    pub name: String,
    pub group: String,
    pub description: String,
    pub case_type: String,
    /// Whether a case needs a place (an address, postcode, UPRN or pin).
    pub asks_location: bool,
    pub questions: Vec<Question>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceList {
    pub services: Vec<ServiceOut>,
}

/// The services a case can be made for, with their questions.
#[utoipa::path(get, path = "/api/v1/services", tag = "services",
    responses(
        (status = 200, description = "Every active service", body = ServiceList),
        (status = 401, description = "No key, or not a valid one", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the key's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("key" = [])))]
pub async fn services(State(state): State<AppState>, _caller: Caller) -> ApiResult {
    let mut services = Vec::new();
    for service in crate::services::db::list_active(state.db.reader()).await? {
        let fields = crate::services::db::fields(state.db.reader(), service.id).await?;
        services.push(ServiceOut {
            code: service.code,
            name: service.name,
            group: service.group_name,
            description: service.description,
            case_type: service.case_type.as_str().to_owned(),
            asks_location: service.asks_location,
            questions: fields
                .into_iter()
                .map(|f| Question {
                    code: f.code,
                    label: f.label,
                    hint: f.hint,
                    kind: f.kind.as_str().to_owned(),
                    required: f.required,
                    choices: f.choices.into_iter().map(|c| Choice { key: c.key, name: c.name }).collect(),
                })
                .collect(),
        });
    }
    Ok(json_response(StatusCode::OK, &ServiceList { services }))
}

// ---- Cases ----------------------------------------------------------------------

#[derive(Debug, Serialize, ToSchema)]
pub struct CasePage {
    pub cases: Vec<CaseOut>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// Cases, newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases",
    params(
        ("status" = Option<String>, Query, description = "Only cases with this status, like `in_progress`"),
        ("type" = Option<String>, Query, description = "Only cases of this type, like `service_request`"),
        ("service" = Option<String>, Query, description = "Only cases of this service (its code)"),
        ("open" = Option<bool>, Query, description = "Only open (`true`) or only resolved and closed (`false`) cases"),
        ("after" = Option<String>, Query, description = "The `next` of the page before"),
        ("limit" = Option<i64>, Query, description = "Cases a page, 1 to 200 (50 if not given)", minimum = 1, maximum = 200),
    ),
    responses(
        (status = 200, description = "A page of cases", body = CasePage),
        (status = 400, description = "A parameter is not one we know", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No key, or not a valid one", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the key's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("key" = [])))]
pub async fn list_cases(State(state): State<AppState>, caller: Caller, Query(pairs): Query<Pairs>) -> ApiResult {
    let bad = |field: &str, message: String| ApiError::field(StatusCode::BAD_REQUEST, field, message);
    let mut filter = Filter { partner: caller.partner(), ..Filter::default() };
    if let Some(text) = param(&pairs, "status") {
        filter.status = Some(Status::parse(text).ok_or_else(|| {
            let known: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
            bad("status", format!("Give one of {}", known.join(", ")))
        })?);
    }
    if let Some(text) = param(&pairs, "type") {
        filter.case_type = Some(CaseType::parse(text).ok_or_else(|| {
            let known: Vec<&str> = CaseType::ALL.iter().map(|s| s.as_str()).collect();
            bad("type", format!("Give one of {}", known.join(", ")))
        })?);
    }
    filter.service = param(&pairs, "service").map(str::to_owned);
    if let Some(text) = param(&pairs, "open") {
        filter.open = Some(match text {
            "true" => true,
            "false" => false,
            _ => return Err(bad("open", "Give true or false".to_owned())),
        });
    }
    if let Some(text) = param(&pairs, "after") {
        let parsed = CaseRef::parse(&state.council.prefix, text)
            .map_err(|_| bad("after", "Give the next value of the page before".to_owned()))?;
        filter.after = Some(parsed.id());
    }
    let limit = limit(&pairs)?;
    let (cases, more) = crate::api::cases::list(state.db.reader(), &state.council.prefix, &filter, limit).await?;
    let next = if more { cases.last().map(|c| c.reference.clone()) } else { None };
    Ok(json_response(StatusCode::OK, &CasePage { cases, next }))
}

/// An answer to one of a service's questions: text, or a list of choices' keys.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum Answer {
    One(String),
    Many(Vec<String>),
}

/// A new case, as a resident would have sent it on the web form.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCase {
    /// The service's code.
    pub service: String,
    /// What the resident told us, in their words.
    #[schema(min_length = 1)]
    pub description: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    /// The property's Unique Property Reference Number.
    pub uprn: Option<String>,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    /// Answers to the service's questions, by their codes.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
}

/// The API's name for a field intake found at fault.
fn api_field(field: &str) -> String {
    match field.strip_prefix("answer-") {
        Some(code) => {
            let code = code.trim_end_matches("-day").trim_end_matches("-month").trim_end_matches("-year");
            format!("answers.{code}")
        }
        None if field == "service_code" => "service".to_owned(),
        None => field.to_owned(),
    }
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else { return Ok(None) };
    let text = value.to_str().unwrap_or_default().trim().trim_matches('"');
    if !idempotency::valid(text) {
        return Err(ApiError::field(
            StatusCode::BAD_REQUEST,
            "Idempotency-Key",
            "Give 1 to 255 visible characters, like a UUID",
        ));
    }
    Ok(Some(text.to_owned()))
}

fn created(state: &AppState, case: &CaseOut, replayed: bool) -> Response {
    let mut response = json_response(StatusCode::CREATED, case);
    let location = format!("{}/api/v1/cases/{}", state.council.public_url, case.reference);
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    if replayed {
        response.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}

/// Makes a case, through the same checks and steps as the web form. With an
/// `Idempotency-Key`, sending the same body again gives the same case.
#[utoipa::path(post, path = "/api/v1/cases", tag = "cases",
    request_body = NewCase,
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique text, like a UUID: the same key and body give the same case")),
    responses(
        (status = 201, description = "The case, committed", body = CaseOut),
        (status = 400, description = "A bad Idempotency-Key", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No key, or not a valid one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key may not create cases", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A request with this Idempotency-Key is still being handled", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing or wrong, or the Idempotency-Key was used with another body", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the key's rate limit", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The case was not stored: send it again", body = Problem, content_type = "application/problem+json"),
    ),
    security(("key" = [])))]
pub async fn create_case(State(state): State<AppState>, caller: Caller, headers: HeaderMap, bytes: Bytes) -> ApiResult {
    if !caller.0.may_create() {
        return Err(forbidden("create cases"));
    }
    let new: NewCase = body(&headers, &bytes)?;
    let idem = idempotency_key(&headers)?;
    let key_id = caller.0.id;
    if let Some(idem) = &idem {
        match idempotency::begin(state.db.writer(), key_id, idem, &idempotency::body_hash(&bytes), now_ms()).await? {
            Begun::Fresh => {}
            Begun::Replay(case_id) => {
                let case = crate::api::cases::one(state.db.reader(), &state.council.prefix, case_id).await?;
                let (case, _) = case.ok_or_else(|| ApiError::not_found("such case"))?;
                return Ok(created(&state, &case, true));
            }
            Begun::InFlight(seconds) => {
                // After a crash the key is held until its lock runs out: say when to retry.
                let mut refused = ApiError::field(
                    StatusCode::CONFLICT,
                    "Idempotency-Key",
                    "A request with this key is still being handled. Wait, then send it again",
                );
                refused.retry_after = Some(seconds);
                return Err(refused);
            }
            Begun::Mismatch => {
                return Err(ApiError::field(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "Idempotency-Key",
                    "This key was used with a different body. Use a new key for a new case",
                ));
            }
        }
    }
    let outcome = create(&state, &caller, new, idem.clone()).await;
    if outcome.is_err()
        && let Some(idem) = &idem
    {
        // Nothing was made: the key is free for a corrected body.
        idempotency::release(state.db.writer(), key_id, idem).await?;
    }
    let case_id = outcome?;
    let case = crate::api::cases::one(state.db.reader(), &state.council.prefix, case_id).await?;
    let (case, _) = case.ok_or_else(|| ApiError::not_found("such case"))?;
    Ok(created(&state, &case, false))
}

async fn create(state: &AppState, caller: &Caller, new: NewCase, idem: Option<String>) -> Result<i64, ApiError> {
    let code = new.service.trim();
    let Some(service) = crate::services::db::by_code(state.db.reader(), code).await? else {
        return Err(ApiError::field(StatusCode::NOT_FOUND, "service", format!("There is no service {code:?}")));
    };
    let fields = crate::services::db::fields(state.db.reader(), service.id).await?;
    let mut answers = Vec::new();
    let mut problems = Vec::new();
    for (code, answer) in &new.answers {
        let Some(f) = fields.iter().find(|f| &f.code == code) else {
            problems.push(FieldProblem {
                field: format!("answers.{code}"),
                message: format!("The service {:?} asks no such question", service.code),
            });
            continue;
        };
        let values = match answer {
            Answer::One(v) => vec![v.clone()],
            Answer::Many(vs) => vs.clone(),
        };
        if f.kind == FieldKind::Date {
            let date = match values.as_slice() {
                [one] => one.trim().parse::<jiff::civil::Date>().ok(),
                _ => None,
            };
            match date {
                Some(date) => answers.extend(f.date_answers(date)),
                None => problems.push(FieldProblem {
                    field: format!("answers.{code}"),
                    message: "Give a date, like 2026-12-01".to_owned(),
                }),
            }
        } else {
            answers.extend(values.into_iter().map(|v| (format!("answer-{code}"), v)));
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::fields(StatusCode::UNPROCESSABLE_ENTITY, problems));
    }
    let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let token = crate::api::request_token();
    let submission = Submission {
        channel: Some(crate::cases::Channel::Api),
        service_code: service.code.clone(),
        name: new.name.unwrap_or_default(),
        email: new.email.unwrap_or_default(),
        phone: new.phone.unwrap_or_default(),
        uprn: new.uprn.unwrap_or_default(),
        address: new.address.unwrap_or_default(),
        postcode: new.postcode.unwrap_or_default(),
        lat: number(new.lat),
        lng: number(new.lng),
        description: new.description,
        answers,
        uploads: Vec::new(),
        sent_by: Some(SentBy { key_id: caller.0.id, name: caller.0.name.clone(), token, idempotency: idem }),
    };
    match crate::intake::submit(&state.db, state.council.clone(), state.rules.get(), &submission).await {
        Ok(reference) => {
            tracing::info!(case = %reference, key = caller.0.id, "api case created");
            Ok(reference.id())
        }
        Err(IntakeError::Invalid(found)) => {
            let problems =
                found.into_iter().map(|e| FieldProblem { field: api_field(&e.field), message: e.message }).collect();
            Err(ApiError::fields(StatusCode::UNPROCESSABLE_ENTITY, problems))
        }
        Err(IntakeError::UnknownService(code)) => {
            Err(ApiError::field(StatusCode::NOT_FOUND, "service", format!("There is no service {code:?}")))
        }
        Err(IntakeError::Db(err)) => Err(err.into()),
        Err(other) => {
            tracing::error!(error = %other, "api: the case was not stored");
            Err(ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "The case was not stored. Send it again"))
        }
    }
}

/// A case, with everything that happened to it.
#[utoipa::path(get, path = "/api/v1/cases/{reference}", tag = "cases",
    params(("reference" = String, Path, description = "The case's reference, like KMB-4K7-9QX")),
    responses(
        (status = 200, description = "The case", body = CaseOut),
        (status = 401, description = "No key, or not a valid one", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case, or not one this key can see", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the key's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("key" = [])))]
pub async fn get_case(State(state): State<AppState>, caller: Caller, Path(reference): Path<String>) -> ApiResult {
    let (case_id, case) = case_for(&state, &caller, &reference).await?;
    // In the access log, as an officer's view is: under the administrator who made the
    // key, since the log's lines are people's.
    let what = format!("case, by the API key {:?} ({}…)", caller.0.name, caller.0.shown);
    crate::cases::db::record_view(state.db.writer(), case_id, caller.0.created_by, &what, now_ms()).await?;
    Ok(json_response(StatusCode::OK, &case))
}

/// A change of status.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// `acknowledged`, `in_progress`, `waiting_for_customer`, `resolved`, `closed` or
    /// `reopened`, as the case's type allows.
    pub status: String,
    /// What the customer is told: needed to resolve, to wait for them, or to reopen.
    pub note: Option<String>,
}

/// The case's field names, in the API's words.
fn action_problem(err: ActionError, text_field: &str) -> ApiError {
    match err {
        ActionError::Invalid(found) => {
            let problems = found
                .into_iter()
                .map(|e| {
                    let field = match e.field.as_ref() {
                        "status-note" => "note".to_owned(),
                        "reply" | "note" => text_field.to_owned(),
                        other => other.to_owned(),
                    };
                    FieldProblem { field, message: e.message }
                })
                .collect();
            ApiError::fields(StatusCode::UNPROCESSABLE_ENTITY, problems)
        }
        ActionError::Status(ChangeStatusError::NotFound) => ApiError::not_found("such case"),
        ActionError::Status(ChangeStatusError::Db(err)) => err.into(),
        ActionError::Status(other) => {
            ApiError::field(StatusCode::CONFLICT, "status", crate::forms::upper_first(&other.to_string()))
        }
        ActionError::Extend(other) => {
            ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "standard", crate::forms::upper_first(&other.to_string()))
        }
        ActionError::Db(err) => err.into(),
    }
}

/// Does an action to a case as the key's system, with a note of which system did it.
/// Returns the id of the action's own last event.
async fn act(
    state: &AppState,
    caller: &Caller,
    case_id: i64,
    action: &CaseAction,
    text_field: &str,
) -> Result<i64, ApiError> {
    let rules = state.rules.get();
    let now = now_ms();
    let mut tx = state.db.begin().await?;
    if let Err(err) = actions::act(&mut tx, &state.council, &rules, case_id, caller.actor(), action, now).await {
        return Err(action_problem(err, text_field));
    }
    let last = crate::cases::db::last_event_id(&mut tx, case_id).await?;
    let note = format!("Done by {} through its API key.", caller.0.name);
    let event = crate::cases::db::NewEvent {
        actor: caller.actor(),
        kind: crate::cases::EventKind::Note,
        public: false,
        body: Some(&note),
        from_status: None,
        to_status: None,
    };
    crate::casework::append_event(&mut tx, case_id, &event, now).await?;
    tx.commit().await?;
    Ok(last)
}

/// Moves a case to a new status, as an officer would, telling the customer the note
/// when it resolves the case or waits for them.
#[utoipa::path(post, path = "/api/v1/cases/{reference}/status", tag = "cases",
    params(("reference" = String, Path, description = "The case's reference")),
    request_body = StatusChange,
    responses(
        (status = 200, description = "The case, changed", body = CaseOut),
        (status = 401, description = "No key, or not a valid one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key may not change cases", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case, or not one this key can see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The case cannot go to that status from its own", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing or wrong", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the key's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("key" = [])))]
pub async fn set_status(
    State(state): State<AppState>,
    caller: Caller,
    Path(reference): Path<String>,
    headers: HeaderMap,
    bytes: Bytes,
) -> ApiResult {
    let case_id = changeable(&state, &caller, &reference).await?;
    let change: StatusChange = body(&headers, &bytes)?;
    let Some(to) = Status::parse(change.status.trim()) else {
        let known: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "status",
            format!("Give one of {}", known.join(", ")),
        ));
    };
    let action = CaseAction::Status { to, note: change.note.unwrap_or_default() };
    act(&state, &caller, case_id, &action, "note").await?;
    let (_, case) = case_for(&state, &caller, &reference).await?;
    Ok(json_response(StatusCode::OK, &case))
}

/// An update on a case.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUpdate {
    #[schema(min_length = 1, max_length = 10000)]
    pub text: String,
    /// A public update is sent to the customer and shown on their case page; otherwise
    /// it is a note for staff.
    pub public: bool,
}

/// Adds an update: a message to the customer, or an internal note.
#[utoipa::path(post, path = "/api/v1/cases/{reference}/updates", tag = "cases",
    params(("reference" = String, Path, description = "The case's reference")),
    request_body = NewUpdate,
    responses(
        (status = 201, description = "The update, as an event on the case", body = Event),
        (status = 401, description = "No key, or not a valid one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key may not change cases", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case, or not one this key can see", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing or wrong", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the key's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("key" = [])))]
pub async fn add_update(
    State(state): State<AppState>,
    caller: Caller,
    Path(reference): Path<String>,
    headers: HeaderMap,
    bytes: Bytes,
) -> ApiResult {
    let case_id = changeable(&state, &caller, &reference).await?;
    let update: NewUpdate = body(&headers, &bytes)?;
    let action =
        if update.public { CaseAction::Reply { text: update.text } } else { CaseAction::Note { text: update.text } };
    let id = act(&state, &caller, case_id, &action, "text").await?;
    let event = crate::api::feed::one(state.db.writer(), &state.council.prefix, id).await?;
    let event = event.ok_or_else(|| ApiError::not_found("such update"))?;
    Ok(json_response(StatusCode::CREATED, &event))
}

// ---- Customers and events -------------------------------------------------------

/// A customer, with their latest cases.
#[utoipa::path(get, path = "/api/v1/customers/{id}", tag = "customers",
    params(("id" = i64, Path, description = "The customer's id, as a case's customer_id gives it")),
    responses(
        (status = 200, description = "The customer", body = CustomerOut),
        (status = 401, description = "No key, or not a valid one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A partner's key may not read customer records", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such customer", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the key's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("key" = [])))]
pub async fn get_customer(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult {
    if caller.0.scope() == Scope::Partner {
        return Err(forbidden("read customer records"));
    }
    let Ok(id) = id.trim().parse::<i64>() else { return Err(ApiError::not_found("such customer")) };
    let found = crate::api::cases::customer(state.db.reader(), &state.council.prefix, id).await?;
    let customer = found.ok_or_else(|| ApiError::not_found("such customer"))?;
    record_customer_reads(&state, &caller, &[id], "record").await?;
    Ok(json_response(StatusCode::OK, &customer))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerList {
    pub customers: Vec<CustomerOut>,
}

/// The customers with an email address or a phone number, to find a record before
/// making a case (tell us once).
#[utoipa::path(get, path = "/api/v1/customers", tag = "customers",
    params(
        ("email" = Option<String>, Query, description = "An email address, matched in any case"),
        ("phone" = Option<String>, Query, description = "A phone number, like 01632 960 001 or +44 7700 900 982"),
    ),
    responses(
        (status = 200, description = "The customers found, at most 20", body = CustomerList),
        (status = 400, description = "Neither given, or not an email address or phone number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No key, or not a valid one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A partner's key may not read customer records", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the key's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("key" = [])))]
pub async fn find_customers(State(state): State<AppState>, caller: Caller, Query(pairs): Query<Pairs>) -> ApiResult {
    if caller.0.scope() == Scope::Partner {
        return Err(forbidden("read customer records"));
    }
    let bad = |field: &str, message: &str| ApiError::field(StatusCode::BAD_REQUEST, field, message);
    let email = match param(&pairs, "email") {
        Some(text) if crate::forms::is_email(&text.to_lowercase()) => Some(text.to_lowercase()),
        Some(_) => return Err(bad("email", "Give an email address, like name@example.com")),
        None => None,
    };
    let phone = match param(&pairs, "phone") {
        Some(text) => {
            let mut checker = crate::forms::Checker::default();
            match checker.phone("phone", text) {
                Some(phone) => Some(phone),
                None => return Err(bad("phone", "Give a phone number, like 01632 960 001 or +44 7700 900 982")),
            }
        }
        None => None,
    };
    if email.is_none() && phone.is_none() {
        return Err(bad("email", "Give an email address or a phone number to look for"));
    }
    let customers =
        crate::api::cases::find_customers(state.db.reader(), &state.council.prefix, email.as_deref(), phone.as_deref())
            .await?;
    let ids: Vec<i64> = customers.iter().map(|c| c.id).collect();
    record_customer_reads(&state, &caller, &ids, "found by email or phone").await?;
    Ok(json_response(StatusCode::OK, &CustomerList { customers }))
}

/// A line in the customer access log for each record a key read, with the key's scope
/// as the reason it could.
async fn record_customer_reads(state: &AppState, caller: &Caller, ids: &[i64], what: &str) -> Result<(), ApiError> {
    let what = format!("{what}, by the API key {:?} ({}…)", caller.0.name, caller.0.shown);
    let why = format!("an API key with the {} scope", caller.0.scope().as_str());
    let now = now_ms();
    for id in ids {
        let viewer = crate::customers::db::Viewer::ApiKey(caller.0.id);
        crate::customers::db::record_view(state.db.writer(), *id, viewer, &what, &why, now).await?;
    }
    Ok(())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventPage {
    pub events: Vec<Event>,
    /// Pass as `after` to read on: the last event's id, or `after` again when there
    /// were none.
    pub next: i64,
}

/// Everything that happened to cases since a cursor, oldest first: poll it to keep
/// another system in step. A partner's key reads only its partner's cases.
#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    params(
        ("after" = Option<i64>, Query, description = "The `next` of the page before (0, or none, for the start)", minimum = 0),
        ("limit" = Option<i64>, Query, description = "Events a page, 1 to 200 (50 if not given)", minimum = 1, maximum = 200),
    ),
    responses(
        (status = 200, description = "A page of events", body = EventPage),
        (status = 400, description = "A parameter is not one we know", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No key, or not a valid one", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the key's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("key" = [])))]
pub async fn events(State(state): State<AppState>, caller: Caller, Query(pairs): Query<Pairs>) -> ApiResult {
    let after = match param(&pairs, "after") {
        None => 0,
        Some(text) => match text.parse::<i64>() {
            Ok(n) if n >= 0 => n,
            _ => {
                return Err(ApiError::field(
                    StatusCode::BAD_REQUEST,
                    "after",
                    "Give the next value of the page before",
                ));
            }
        },
    };
    let limit = limit(&pairs)?;
    let events = crate::api::feed::since(
        state.db.reader(),
        state.db.backend(),
        &state.council.prefix,
        after,
        caller.partner(),
        limit,
        now_ms(),
    )
    .await?;
    let next = events.last().map_or(after, |e| e.id);
    Ok(json_response(StatusCode::OK, &EventPage { events, next }))
}

// ---- The document -----------------------------------------------------------------

struct KeyScheme;

impl Modify for KeyScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("fd_ and 48 hexadecimal digits")
                    .description(Some("An API key, made by an administrator in the staff workspace"))
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "frontdoor API", description = "Cases, customers, services and events of a council's front door, for back-office and partner systems."),
    paths(services, list_cases, create_case, get_case, set_status, add_update, find_customers, get_customer, events),
    modifiers(&KeyScheme),
    tags(
        (name = "services", description = "What a case can be about"),
        (name = "cases", description = "Cases: made, read, listed and changed"),
        (name = "customers", description = "The people and organisations cases are for"),
        (name = "events", description = "Everything that happens to cases, in order"),
    )
)]
pub struct ApiDoc;

/// The OpenAPI document, made once.
pub fn document() -> &'static serde_json::Value {
    static DOC: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    DOC.get_or_init(|| serde_json::to_value(ApiDoc::openapi()).unwrap_or_default())
}

pub async fn openapi(State(state): State<AppState>) -> Response {
    let mut doc = document().clone();
    doc["servers"] = serde_json::json!([{ "url": state.council.public_url.as_ref() }]);
    json_response(StatusCode::OK, &doc)
}

// ---- The documentation page ---------------------------------------------------------

/// One operation, as the page lists it.
pub struct Operation {
    pub method: String,
    pub path: String,
    pub summary: String,
    pub description: String,
    pub parameters: Vec<(String, String, String)>,
    pub body: Option<String>,
    pub responses: Vec<(String, String)>,
}

/// One schema: its name and its properties (name, type, description).
pub struct SchemaDoc {
    pub name: String,
    pub properties: Vec<(String, String, String)>,
}

fn type_of(schema: &serde_json::Value) -> String {
    if let Some(reference) = schema.get("$ref").and_then(|r| r.as_str()) {
        return reference.rsplit('/').next().unwrap_or(reference).to_owned();
    }
    if let Some(options) = schema.get("oneOf").or_else(|| schema.get("anyOf")).and_then(|o| o.as_array()) {
        let names: Vec<String> = options.iter().map(type_of).filter(|t| t != "null").collect();
        let nullable = options.iter().any(|o| o.get("type").and_then(|t| t.as_str()) == Some("null"));
        return format!("{}{}", names.join(" or "), if nullable { ", or null" } else { "" });
    }
    let kind = match schema.get("type") {
        Some(serde_json::Value::String(t)) => t.clone(),
        Some(serde_json::Value::Array(ts)) => {
            let names: Vec<&str> = ts.iter().filter_map(|t| t.as_str()).filter(|t| *t != "null").collect();
            let nullable = ts.iter().any(|t| t.as_str() == Some("null"));
            format!("{}{}", names.join(" or "), if nullable { ", or null" } else { "" })
        }
        _ => "any".to_owned(),
    };
    match schema.get("items") {
        Some(items) => format!("list of {}", type_of(items)),
        None => kind,
    }
}

pub fn operations(doc: &serde_json::Value) -> (Vec<Operation>, Vec<SchemaDoc>) {
    let mut operations = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let parameters = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| {
                    let name = p["name"].as_str().unwrap_or_default().to_owned();
                    let place = format!("{} ({})", p["in"].as_str().unwrap_or_default(), type_of(&p["schema"]));
                    (name, place, p["description"].as_str().unwrap_or_default().to_owned())
                })
                .collect();
            let body = op["requestBody"]["content"]["application/json"]["schema"]
                .as_object()
                .map(|s| type_of(&serde_json::Value::Object(s.clone())));
            let responses = op["responses"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(code, r)| (code.clone(), r["description"].as_str().unwrap_or_default().to_owned()))
                .collect();
            operations.push(Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                summary: op["summary"].as_str().unwrap_or_default().to_owned(),
                description: op["description"].as_str().unwrap_or_default().to_owned(),
                parameters,
                body,
                responses,
            });
        }
    }
    let schemas = doc["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, schema)| {
            let required: Vec<&str> =
                schema["required"].as_array().into_iter().flatten().filter_map(|r| r.as_str()).collect();
            let properties = schema["properties"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(field, s)| {
                    let mut kind = type_of(s);
                    if required.contains(&field.as_str()) {
                        kind.push_str(", required");
                    }
                    (field.clone(), kind, s["description"].as_str().unwrap_or_default().to_owned())
                })
                .collect();
            SchemaDoc { name: name.clone(), properties }
        })
        .collect();
    (operations, schemas)
}

#[derive(askama::Template)]
#[template(path = "pages/api_docs.html")]
struct DocsPage {
    chrome: crate::web::pages::Chrome,
    operations: Vec<Operation>,
    schemas: Vec<SchemaDoc>,
}

/// The API's documentation, written from the OpenAPI document on this server: no
/// script, nothing from elsewhere.
pub async fn docs(State(state): State<AppState>) -> Result<Html<String>, crate::web::error::AppError> {
    let (operations, schemas) = operations(document());
    crate::web::pages::render(&DocsPage { chrome: crate::web::pages::Chrome::translated(&state), operations, schemas })
}
