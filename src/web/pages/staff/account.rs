//! Your account: two-step sign-in, on or off. Turning it on shows a new secret for an
//! authenticator app and asks for its code, so nobody is locked out by a typo.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::db::now_ms;
use crate::forms::FieldError;
use crate::sessions::{self, totp};
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "staff/account.html")]
struct AccountPage {
    chrome: Chrome,
    email: String,
    enabled: bool,
    /// While turning it on: the new secret, and the address an app can take instead.
    secret: Option<String>,
    url: Option<String>,
    errors: Vec<FieldError>,
    done: Option<&'static str>,
}

impl AccountPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.errors, field)
    }

    /// The secret in groups of four, as apps show it.
    fn grouped(&self) -> String {
        let secret = self.secret.as_deref().unwrap_or_default();
        secret.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Shown {
    done: String,
}

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    axum::extract::Query(shown): axum::extract::Query<Shown>,
) -> Result<Html<String>, AppError> {
    let done = match shown.done.as_str() {
        "on" => Some("Two-step sign-in is on. Next time you sign in, you will be asked for a code."),
        "off" => Some("Two-step sign-in is off."),
        "needed" => Some("Administrators must use two-step sign-in. Turn it on here before anything else."),
        _ => None,
    };
    render(&page(&state, &signed_in, None, Vec::new(), done).await?)
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    secret: Option<String>,
    errors: Vec<FieldError>,
    done: Option<&'static str>,
) -> Result<AccountPage, AppError> {
    let staff = &signed_in.0.staff;
    let enabled = sessions::db::second_step_secret(&state.db, staff.id).await?.is_some();
    let url = secret.as_deref().and_then(|s| totp::url(s, &state.council.name, &staff.email));
    Ok(AccountPage {
        chrome: Chrome::staff(state, &signed_in.0, "account"),
        email: staff.email.clone(),
        enabled,
        secret,
        url,
        errors,
        done,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AccountForm {
    csrf: String,
    action: String,
    secret: String,
    code: String,
    password: String,
}

pub async fn change_second_step(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<AccountForm>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form?;
    signed_in.check_csrf(&form.csrf)?;
    let staff_id = signed_in.0.staff.id;
    let now_secs = (now_ms() / 1000) as u64;
    let wrong = || vec![FieldError::new("code", "The code is not right. Enter the 6 digits your app shows now")];
    match form.action.as_str() {
        // A new secret to add to an app: nothing changes until its code is typed.
        "start" => {
            Ok(render(&page(&state, &signed_in, Some(totp::new_secret()), Vec::new(), None).await?)?.into_response())
        }
        // A session alone cannot change how its account signs in: the password too.
        "confirm" => match totp::matching_step(&form.secret, &form.code, now_secs) {
            Some(step) => {
                let refused = match sessions::db::password_matches(&state.db, staff_id, &form.password, now_ms()).await
                {
                    Ok(true) => None,
                    Ok(false) => Some("Your password is not right. Enter the password you sign in with"),
                    Err(sessions::SignInError::Throttled) => Some(
                        "There have been too many wrong passwords for this account. Wait 15 minutes, then try again",
                    ),
                    Err(sessions::SignInError::Db(err)) => return Err(err.into()),
                    Err(_) => Some("Enter the password you sign in with"),
                };
                if let Some(message) = refused {
                    let errors = vec![FieldError::new("password", message)];
                    let page = page(&state, &signed_in, Some(form.secret.clone()), errors, None).await?;
                    return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
                }
                sessions::db::set_second_step(&state.db, staff_id, Some((&form.secret, step as i64))).await?;
                tracing::info!(staff = staff_id, "two-step sign-in turned on");
                Ok(Redirect::to("/staff/account?done=on").into_response())
            }
            None => {
                let page = page(&state, &signed_in, Some(form.secret.clone()), wrong(), None).await?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
            }
        },
        "off" => {
            let secret = sessions::db::second_step_secret(&state.db, staff_id).await?.unwrap_or_default();
            if totp::matching_step(&secret, &form.code, now_secs).is_none() {
                let page = page(&state, &signed_in, None, wrong(), None).await?;
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
            }
            sessions::db::set_second_step(&state.db, staff_id, None).await?;
            tracing::info!(staff = staff_id, "two-step sign-in turned off");
            Ok(Redirect::to("/staff/account?done=off").into_response())
        }
        _ => Err(AppError::BadRequest("That is not something this page does. Go back and try again.".to_owned())),
    }
}
