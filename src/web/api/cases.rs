//! Cases: listed by keyset, made (with `Idempotency-Key`) and read.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

use crate::api::cases::{CaseOut, Filter};
use crate::api::idempotency::{self, Begun};
use crate::cases::{CaseRef, CaseType, Status};
use crate::db::now_ms;
use crate::intake::{IntakeError, SentBy, Submission};
use crate::services::FieldKind;
use crate::web::AppState;

use super::*;

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
    /// How the resident reached the council: web, email, phone, letter, visit, social
    /// or partner (the default: this system took it).
    #[schema(example = "letter")]
    pub channel: Option<String>,
    /// When the contact arrived, for one logged after it arrived (a letter opened
    /// today): RFC 3339, not in the future. The case's clocks count from then.
    #[schema(example = "2026-12-03T12:00:00Z")]
    pub received_at: Option<String>,
    /// Where to post letters to the resident: the lines of the address, one a line. With
    /// `postal_postcode`, enough to open a case for someone with no email or phone.
    pub postal_address: Option<String>,
    pub postal_postcode: Option<String>,
    /// The resident asked for letters in large print.
    pub large_print: Option<bool>,
}

/// The channels a case made through the API may say it came by.
fn api_channel(text: &str) -> Option<crate::cases::Channel> {
    use crate::cases::Channel;
    match text.trim() {
        "partner" | "api" => Some(Channel::Api),
        other => Channel::parse(other),
    }
}

/// The API's name for a field intake found at fault.
pub(super) fn api_field(field: &str) -> String {
    match field.strip_prefix("answer-") {
        Some(code) => {
            let code = code.trim_end_matches("-day").trim_end_matches("-month").trim_end_matches("-year");
            format!("answers.{code}")
        }
        None if field == "service_code" => "service".to_owned(),
        None if field == "received" => "received_at".to_owned(),
        None => field.replace('-', "_"),
    }
}

pub(super) fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
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

pub(super) fn created(state: &AppState, case: &CaseOut, replayed: bool) -> Response {
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

pub(super) async fn create(
    state: &AppState,
    caller: &Caller,
    new: NewCase,
    idem: Option<String>,
) -> Result<i64, ApiError> {
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
    let channel = match new.channel.as_deref() {
        None => Some(crate::cases::Channel::Api),
        Some(text) => api_channel(text),
    };
    if channel.is_none() {
        problems.push(FieldProblem {
            field: "channel".to_owned(),
            message: "Give one of web, email, phone, letter, visit, social or partner".to_owned(),
        });
    }
    let received_at = match new.received_at.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => match text.parse::<jiff::Timestamp>() {
            Ok(at) => Some(at.as_millisecond()),
            Err(_) => {
                problems.push(FieldProblem {
                    field: "received_at".to_owned(),
                    message: "Give a date and time with its offset, like 2026-12-03T12:00:00Z".to_owned(),
                });
                None
            }
        },
    };
    if !problems.is_empty() {
        return Err(ApiError::fields(StatusCode::UNPROCESSABLE_ENTITY, problems));
    }
    let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let token = crate::api::request_token();
    let submission = Submission {
        channel,
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
        postal_address: new.postal_address.unwrap_or_default(),
        postal_postcode: new.postal_postcode.unwrap_or_default(),
        large_print: new.large_print.unwrap_or(false),
        received_at,
        ..Submission::default()
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
