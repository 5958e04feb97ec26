//! The services a case can be made for, with their questions.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::web::AppState;

use super::*;

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
