//! Search: a reference goes straight to its case; an email address, phone number or
//! postcode finds cases by their index; anything else searches the words of every case,
//! customer and message. A partner finds only their cases, a caseworker only their team's.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::case::{CaseLine, case_lines};
use crate::org::{Action, Role};
use crate::search::db::{CustomerColumn, CustomerMatch, Within};
use crate::search::{self, Query as Search};
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

const LIMIT: i64 = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    q: String,
}

struct CustomerLine {
    id: i64,
    name: String,
    contact: String,
}

#[derive(Template)]
#[template(path = "staff/search.html")]
struct SearchPage {
    chrome: Chrome,
    q: String,
    searched: bool,
    what: &'static str,
    cases: Vec<CaseLine>,
    customers: Vec<CustomerLine>,
}

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(query): Query<SearchQuery>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ViewCase)?;
    let staff = &signed_in.0.staff;
    let within = match staff.role {
        Role::Partner => Within::Partner(staff.partner_id.unwrap_or(-1)),
        Role::Caseworker => Within::Team(staff.team_id.unwrap_or(-1)),
        _ => Within::All,
    };
    let reader = state.db.reader();
    let may_see_customers = staff.role.may(Action::ManageCustomers);
    let parsed = search::read(&state.council.prefix, &query.q);
    let (what, ids, customers) = match &parsed {
        Search::Nothing => ("", Vec::new(), Vec::new()),
        Search::Reference(reference) => {
            let case = crate::cases::db::get(reader, reference.id()).await?;
            if case.is_some_and(|c| staff.sees_case(c.team_id, c.partner_id)) {
                return Ok(Redirect::to(&format!("/staff/cases/{reference}")).into_response());
            }
            ("that reference", Vec::new(), Vec::new())
        }
        Search::Email(email) => (
            "that email address",
            search::db::of_customers(reader, CustomerColumn::Email, email, within, LIMIT).await?,
            search::db::customers(reader, CustomerMatch::Email(email), 10).await?,
        ),
        Search::Phone(phone) => (
            "that phone number",
            search::db::of_customers(reader, CustomerColumn::Phone, phone, within, LIMIT).await?,
            search::db::customers(reader, CustomerMatch::Phone(phone), 10).await?,
        ),
        Search::Postcode(postcode) => {
            ("that postcode", search::db::at_postcode(reader, postcode, within, LIMIT).await?, Vec::new())
        }
        Search::Words(words) => (
            "those words",
            search::db::words(reader, words, within, LIMIT).await?,
            search::db::customers(reader, CustomerMatch::Name(query.q.trim()), 10).await?,
        ),
    };
    let listed = crate::cases::db::listed(reader, &ids).await?;
    // The customers found that this person may see, by the record's own rule.
    let mut shown = Vec::new();
    if may_see_customers {
        for found in customers {
            if super::customer::may_see(&state, staff, found.0).await?.is_some() {
                shown.push(found);
            }
        }
    }
    let page = SearchPage {
        chrome: Chrome::staff(&state, &signed_in.0, "search"),
        searched: parsed != Search::Nothing,
        q: query.q.trim().to_owned(),
        what,
        cases: case_lines(&state, &signed_in, listed),
        // A customer's record spans every service: not for partners.
        customers: if may_see_customers {
            shown
                .into_iter()
                .map(|(id, name, email, phone)| CustomerLine {
                    id,
                    name,
                    contact: [email, phone].into_iter().flatten().collect::<Vec<_>>().join(", "),
                })
                .collect()
        } else {
            Vec::new()
        },
    };
    Ok(render(&page)?.into_response())
}
