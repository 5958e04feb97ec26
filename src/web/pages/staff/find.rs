//! "Find a case": from a reference to its page. A reference that is mistyped, or for a
//! case this person may not see, gets an error beside the field.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::case::visible_case;
use crate::org::Action;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "staff/find.html")]
struct FindPage {
    chrome: Chrome,
    reference: String,
    errors: Vec<crate::forms::FieldError>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FindQuery {
    reference: Option<String>,
}

/// "Find a case": from a reference to its page. A reference that is mistyped, or for a
/// case this person may not see, gets an error beside the field.
pub async fn find(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(query): Query<FindQuery>,
) -> Result<Response, AppError> {
    signed_in.require(Action::ViewCase)?;
    let mut errors = Vec::new();
    let typed = query.reference.unwrap_or_default();
    match typed.trim() {
        "" if typed.is_empty() => {}
        "" => errors.push("Enter a case reference, like KMB-4K7-9QX".to_owned()),
        given => match visible_case(&state, &signed_in, given).await {
            Ok((reference, _)) => return Ok(Redirect::to(&format!("/staff/cases/{reference}")).into_response()),
            Err(AppError::NotFoundBecause(why)) => errors.push(why),
            Err(AppError::NotFound) => errors.push(format!("There is no case {given} that you can see")),
            Err(err) => return Err(err),
        },
    }
    let page = FindPage {
        chrome: Chrome::staff(&state, &signed_in.0, "cases"),
        reference: typed,
        errors: errors.into_iter().map(|message| crate::forms::FieldError::new("reference", message)).collect(),
    };
    let status = if page.errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::NOT_FOUND };
    Ok((status, render(&page)?).into_response())
}
