//! A customer's record: their details, their cases, records that may be the same person,
//! and merging two records into one ("tell us once").

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::case::{CaseLine, case_lines};
use super::needs::NeedFields;
use crate::cases::Actor;
use crate::customers::needs::{self, NeedForm};
use crate::customers::{self, Customer, MergeError};
use crate::db::now_ms;
use crate::org::{Action, Role};
use crate::sessions::Staff;
use crate::web::AppState;
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
pub(super) struct CustomerPage {
    chrome: Chrome,
    customer: Customer,
    cases: Vec<CaseLine>,
    suggestions: Vec<SuggestionLine>,
    merged: Option<String>,
    may_log: bool,
    /// Arrangements for contact judged unreasonably persistent, in force.
    arrangements: Vec<crate::complaints::db::Arrangement>,
    may_arrange: bool,
    form: ArrangementForm,
    errors: Vec<crate::forms::FieldError>,
    done: Option<&'static str>,
    /// How we write to them, as the form shows it: the record's, or what was typed.
    post: PostForm,
    /// Their needs and adjustments in force, for those who may see them.
    needs: Vec<crate::customers::needs::Recorded>,
    may_see_needs: bool,
    /// The form that records one, as typed.
    pub(super) need: super::needs::NeedFields,
    what_options: Vec<(String, String)>,
    basis_options: Vec<(String, String)>,
    /// When its personal data was removed, in words.
    erased: Option<String>,
}

impl CustomerPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }
}

/// The form that records an arrangement.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ArrangementForm {
    csrf: String,
    arrangement: String,
    #[serde(rename = "arrangement-reason")]
    reason: String,
    #[serde(rename = "review-on")]
    review_on: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Shown {
    merged: Option<i64>,
    moved: Option<usize>,
    done: String,
}

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Query(shown): Query<Shown>,
) -> Result<Html<String>, AppError> {
    signed_in.require(Action::ManageCustomers)?;
    let done = match shown.done.as_str() {
        "arranged" => Some("The arrangement is recorded, with its review date."),
        "ended" => Some("The arrangement has ended. Its record is kept."),
        "post" => Some("How we write to them is saved. Letters from now on use it."),
        "need" => Some("It is recorded. Everyone who works their cases sees it, and it acts on how we contact them."),
        "need-ended" => Some("It has ended. Its record is kept."),
        _ => None,
    };
    render(&page(&state, &signed_in, id, &shown, ArrangementForm::default(), Vec::new(), done).await?)
}

/// Why this member of staff may see the customer's record, or `None`: the record is then
/// a 404, the same as one that does not exist. Advisers log contacts for anyone and
/// administrators run the system; caseworkers and team leads see the customers who have
/// a case with their team. Partners never see records (`Action::ManageCustomers`).
pub async fn may_see(state: &AppState, staff: &Staff, customer_id: i64) -> Result<Option<&'static str>, AppError> {
    Ok(match staff.role {
        Role::Admin => Some("administrator"),
        Role::Adviser => Some("contact centre adviser"),
        Role::Caseworker | Role::TeamLead => match staff.team_id {
            Some(team) if customers::db::has_case_with_team(state.db.reader(), customer_id, team).await? => {
                Some("a case of theirs is with this person's team")
            }
            _ => None,
        },
        _ => None,
    })
}

/// The reason this member of staff may see the record, or a 404.
pub async fn visible(state: &AppState, staff: &Staff, customer_id: i64) -> Result<&'static str, AppError> {
    may_see(state, staff, customer_id).await?.ok_or(AppError::NotFound)
}

pub(super) async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    id: i64,
    shown: &Shown,
    form: ArrangementForm,
    errors: Vec<crate::forms::FieldError>,
    done: Option<&'static str>,
) -> Result<CustomerPage, AppError> {
    let reader = state.db.reader();
    let customer = customers::db::get(reader, id).await?.ok_or(AppError::NotFound)?;
    let why = visible(state, &signed_in.0.staff, id).await?;
    let viewer = customers::db::Viewer::Staff(signed_in.0.staff.id);
    customers::db::record_view(state.db.writer(), id, viewer, "record", why, now_ms()).await?;
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
    let post = PostForm {
        csrf: String::new(),
        postal_address: customer.address.clone().unwrap_or_default(),
        postal_postcode: customer.postcode.clone().unwrap_or_default(),
        prefers_post: if customer.prefers_post { "yes".into() } else { String::new() },
        large_print: if customer.large_print { "yes".into() } else { String::new() },
    };
    let needs = super::needs::flagged(state, &signed_in.0.staff, customer.id, "customer record").await?;
    Ok(CustomerPage {
        post,
        needs,
        may_see_needs: signed_in.0.staff.role.may(Action::SeeNeeds),
        need: super::needs::NeedFields::default(),
        what_options: super::needs::what_options(),
        erased: customer.erased_at.map(|at| super::when(state, at)),
        basis_options: super::needs::basis_options(),
        chrome: Chrome::staff(state, &signed_in.0, "customers"),
        cases: case_lines(state, signed_in, cases),
        arrangements: crate::complaints::db::arrangements(reader, customer.id).await?,
        may_arrange: signed_in.0.staff.role.may(Action::ManageArrangements),
        form,
        errors,
        done,
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
    })
}

/// The form that sets how a customer is written to.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PostForm {
    csrf: String,
    #[serde(rename = "postal-address")]
    postal_address: String,
    #[serde(rename = "postal-postcode")]
    postal_postcode: String,
    #[serde(rename = "prefers-post")]
    prefers_post: String,
    #[serde(rename = "large-print")]
    large_print: String,
}

/// Sets a customer's postal address, and whether they asked for post and for large
/// print. Someone with no email address or phone number keeps an address, so the council
/// can still reply.
pub async fn set_post(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    form: Result<Form<PostForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageCustomers)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let customer = customers::db::get(state.db.reader(), id).await?.ok_or(AppError::NotFound)?;
    visible(&state, &signed_in.0.staff, id).await?;
    let (prefers_post, large_print) = (form.prefers_post == "yes", form.large_print == "yes");
    let mut c = crate::forms::Checker::default();
    let post = c.postal(&form.postal_address, &form.postal_postcode, prefers_post || large_print);
    let empty = form.postal_address.trim().is_empty() && form.postal_postcode.trim().is_empty();
    if empty && !(prefers_post || large_print) && customer.email.is_none() && customer.phone.is_none() {
        c.fail("postal-address", "They have no email address or phone number: keep an address, so we can reply");
    }
    if !c.errors.is_empty() {
        let mut page =
            page(&state, &signed_in, id, &Shown::default(), ArrangementForm::default(), c.errors, None).await?;
        page.post = form;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let mut tx = state.db.begin().await?;
    let post = post.as_ref().map(|(a, p)| (a.as_str(), p.as_str()));
    customers::db::set_post(&mut tx, id, post, prefers_post, large_print, now_ms()).await?;
    tx.commit().await?;
    tracing::info!(customer = id, prefers_post, large_print, "how we write to a customer changed");
    Ok(Redirect::to(&format!("/staff/customers/{id}?done=post#post")).into_response())
}

/// Records an arrangement for contact judged unreasonably persistent, with a date to
/// review it (team leads and administrators).
pub async fn arrange(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    form: Result<Form<ArrangementForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageArrangements)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    customers::db::get(state.db.reader(), id).await?.ok_or(AppError::NotFound)?;
    visible(&state, &signed_in.0.staff, id).await?;
    let now = now_ms();
    let today = state.rules.get().calendars.council.local_date(crate::rollups::ts(now));
    let new = crate::complaints::db::NewArrangement {
        arrangement: form.arrangement.clone(),
        reason: form.reason.clone(),
        review_on: form.review_on.clone(),
    };
    let mut tx = state.db.begin().await?;
    match crate::complaints::db::record_arrangement(&mut tx, id, &new, signed_in.0.staff.id, today, now).await {
        Ok(_) => {
            tx.commit().await?;
            tracing::info!(customer = id, "contact arrangement recorded");
            Ok(Redirect::to(&format!("/staff/customers/{id}?done=arranged")).into_response())
        }
        Err(crate::complaints::db::ArrangementError::Invalid(errors)) => {
            drop(tx);
            let page = page(&state, &signed_in, id, &Shown::default(), form, errors, None).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(crate::complaints::db::ArrangementError::Db(err)) => Err(err.into()),
    }
}

/// A form that only ends something: its CSRF token.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EndForm {
    pub(super) csrf: String,
}

/// Ends an arrangement; its record stays.
pub async fn end_arrangement(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((id, arrangement)): Path<(i64, i64)>,
    form: Result<Form<EndForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageArrangements)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    visible(&state, &signed_in.0.staff, id).await?;
    let mut tx = state.db.begin().await?;
    if !crate::complaints::db::end_arrangement(&mut tx, id, arrangement, signed_in.0.staff.id, now_ms()).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/staff/customers/{id}?done=ended")).into_response())
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
    // A merge needs sight of both records.
    visible(&state, &signed_in.0.staff, id).await?;
    visible(&state, &signed_in.0.staff, form.other).await?;
    let mut tx = state.db.begin().await?;
    let actor = Actor::staff(signed_in.0.staff.id);
    match customers::db::merge(&mut tx, &state.rules.get(), id, form.other, actor, now_ms()).await {
        Ok(moved) => {
            tx.commit().await?;
            tracing::info!(kept = id, merged = form.other, moved, "customer records merged");
            Ok(Redirect::to(&format!("/staff/customers/{id}?merged={}&moved={moved}", form.other)).into_response())
        }
        Err(MergeError::Db(err)) => Err(err.into()),
        Err(err) => Err(AppError::BadRequest(format!("{}.", crate::forms::upper_first(&err.to_string())))),
    }
}

/// Records a need or adjustment on the customer's record.
pub async fn record_need(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    form: Result<Form<NeedFields>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageCustomers)?;
    signed_in.require(Action::SeeNeeds)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let customer = customers::db::get(state.db.reader(), id).await?.ok_or(AppError::NotFound)?;
    visible(&state, &signed_in.0.staff, id).await?;
    let now = now_ms();
    let today = state.rules.get().calendars.council.local_date(crate::rollups::ts(now));
    let typed = NeedForm {
        what: &form.what,
        detail: &form.detail,
        basis: &form.basis,
        given_by: &form.given_by,
        review_on: &form.review_on,
    };
    let checked = needs::check(&typed, today, customer.phone.is_some(), customer.address.is_some());
    let need = match checked {
        Ok(need) => need,
        Err(errors) => {
            let mut page =
                page(&state, &signed_in, id, &Shown::default(), ArrangementForm::default(), errors, None).await?;
            page.need = form;
            return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    customers::db::add_need(&mut tx, id, &need, signed_in.0.staff.id, now).await?;
    tx.commit().await?;
    tracing::info!(customer = id, code = need.what.code(), "need or adjustment recorded");
    Ok(Redirect::to(&format!("/staff/customers/{id}?done=need#needs")).into_response())
}

/// Ends a need or adjustment; its record stays.
pub async fn end_need(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((id, need)): Path<(i64, i64)>,
    form: Result<Form<EndForm>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ManageCustomers)?;
    signed_in.require(Action::SeeNeeds)?;
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    visible(&state, &signed_in.0.staff, id).await?;
    let mut tx = state.db.begin().await?;
    if !customers::db::end_need(&mut tx, id, need, signed_in.0.staff.id, now_ms()).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/staff/customers/{id}?done=need-ended#needs")).into_response())
}
