//! A customer's record: their details, their cases, records that may be the same person,
//! and merging two records into one ("tell us once").

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::case::{CaseLine, case_lines};
use crate::app::AppState;
use crate::cases::Actor;
use crate::customers::{self, Customer, MergeError};
use crate::db::now_ms;
use crate::org::Action;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

/// How many of a customer's cases the record lists, newest first.
const CASES_SHOWN: i64 = 20;

struct SuggestionLine {
    customer: Customer,
    reasons: String,
}

#[derive(Template)]
#[template(path = "staff/customer.html")]
struct CustomerPage {
    chrome: Chrome,
    customer: Customer,
    cases: Vec<CaseLine>,
    suggestions: Vec<SuggestionLine>,
    merged: Option<String>,
    may_log: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Shown {
    merged: Option<i64>,
    moved: Option<usize>,
}

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Query(shown): Query<Shown>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::ManageCustomers)?;
    let reader = state.db.reader();
    let customer = customers::db::get(reader, id).await?.ok_or(AppError::NotFound)?;
    let cases = crate::cases::db::for_customer(reader, customer.id, CASES_SHOWN).await?;
    let suggestions = if customer.merged_into.is_none() {
        customers::db::likely_duplicates(reader, &customer).await?
    } else {
        Vec::new()
    };
    let merged = shown.merged.map(|other| {
        let moved = shown.moved.unwrap_or(0);
        let cases = if moved == 1 { "1 case".to_owned() } else { format!("{moved} cases") };
        format!("Record {other} was merged into this one. {cases} and every contact moved here.")
    });
    let page = CustomerPage {
        chrome: Chrome::staff(&state, &signed_in.0, "customers"),
        cases: case_lines(&state, &signed_in, cases),
        suggestions: suggestions
            .into_iter()
            .map(|s| SuggestionLine {
                reasons: s.reasons.iter().map(|r| r.label()).collect::<Vec<_>>().join(", "),
                customer: s.customer,
            })
            .collect(),
        customer,
        merged,
        may_log: signed_in.0.staff.role.may(Action::LogContact),
    };
    render(&page)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MergeForm {
    csrf: String,
    other: i64,
}

/// Merges the record `other` into this one.
pub async fn merge(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    form: Result<Form<MergeForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageCustomers)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let mut tx = state.db.begin().await?;
    let actor = Actor::staff(signed_in.0.staff.id);
    match customers::db::merge(&mut tx, id, form.other, actor, now_ms()).await {
        Ok(moved) => {
            tx.commit().await?;
            tracing::info!(kept = id, merged = form.other, moved, "customer records merged");
            Ok(Redirect::to(&format!("/staff/customers/{id}?merged={}&moved={moved}", form.other)).into_response())
        }
        Err(MergeError::Db(err)) => Err(err.into()),
        Err(err) => Err(AppError::BadRequest(format!("{}.", crate::intake::upper_first(&err.to_string())))),
    }
}
