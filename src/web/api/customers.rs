//! Customers: read one, or find them by email address or phone number; each read logged.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::Scope;
use crate::api::cases::CustomerOut;
use crate::db::now_ms;
use crate::web::AppState;

use super::*;

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
pub(super) async fn record_customer_reads(
    state: &AppState,
    caller: &Caller,
    ids: &[i64],
    what: &str,
) -> Result<(), ApiError> {
    let what = format!("{what}, by the API key {:?} ({}…)", caller.0.name, caller.0.shown);
    let why = format!("an API key with the {} scope", caller.0.scope().as_str());
    let now = now_ms();
    for id in ids {
        let viewer = crate::customers::db::Viewer::ApiKey(caller.0.id);
        crate::customers::db::record_view(state.db.writer(), *id, viewer, &what, &why, now).await?;
    }
    Ok(())
}
