//! The OpenAPI document, generated from the handlers, and the page that reads it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, Response};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::web::AppState;

use super::*;

pub(super) struct KeyScheme;

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
    paths(
        super::services::services,
        super::cases::list_cases,
        super::cases::create_case,
        super::cases::get_case,
        super::updates::set_status,
        super::updates::add_update,
        super::customers::find_customers,
        super::customers::get_customer,
        super::events::events,
        super::calls::add_calls,
        super::calls::line_wait
    ),
    modifiers(&KeyScheme),
    tags(
        (name = "services", description = "What a case can be about"),
        (name = "cases", description = "Cases: made, read, listed and changed"),
        (name = "customers", description = "The people and organisations cases are for"),
        (name = "events", description = "Everything that happens to cases, in order"),
        (name = "phone", description = "Call records from the telephone system, and the wait it announces"),
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

pub(super) fn type_of(schema: &serde_json::Value) -> String {
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
pub(super) struct DocsPage {
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
