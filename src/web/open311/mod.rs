//! Open311 GeoReport v2 under `/open311/v2/`, in XML and JSON (the file's extension
//! chooses): discovery, services and their definitions, creating a request, token
//! lookup, listing and reading requests, and the updates extension UK council reporting
//! sites use. A created request becomes a case through `intake::submit`, the web form's
//! path, with channel `api` and the sending key recorded.
//!
//! Decisions where the specification is silent:
//! - Only services of the service request type are offered: Open311 is for reports of
//!   problems in a place, and enquiries, complaints and information requests have their
//!   own routes.
//! - Discovery and services need no key. Nor, as the specification says, does reading
//!   requests (`requests`, `requests/{id}`): without a key a reader gets the requests of
//!   services an administrator marked public (problems in the street), with no name, email,
//!   phone or property number (which the answers never hold anyway, bar the UPRN). A
//!   request of any other service, with no key, is "not found", as an unknown one is.
//!   With a key, every request the key reaches; a partner's key reaches only that
//!   partner's cases. Updates and tokens still need a key.
//! - `expected_datetime`, and `service_notice` on a new request, are the date the request is
//!   promised by: the earliest of its running clocks that is not the acknowledgement (which
//!   goes within minutes), as the acknowledgement tells the resident.
//! - `media_url` is recorded with the case as a link and never fetched.

mod create;
mod format;
mod requests;
mod services;
mod updates;

pub use requests::{one, token};
pub use services::{definition, get_file, post_file};

use create::*;
use format::*;
use requests::*;
use services::*;
use updates::*;

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::api::ApiKey;
use crate::api::db::open311 as rows;
use crate::cases::{CaseRef, CaseType, Status};
use crate::db::now_ms;
use crate::intake::{IntakeError, SentBy, Submission};
use crate::services::FieldKind;
use crate::web::AppState;

const SPEC: &str = "http://wiki.open311.org/GeoReport_v2";
const DAY: i64 = 86_400_000;
/// How far back a list goes when no `start_date` is given.
const WINDOW_DAYS: i64 = 90;
/// The most results a list gives, however it is paged.
const CAP: i64 = 1_000;

/// The query or form's fields, in order (a multiple choice attribute repeats).
type Pairs = Vec<(String, String)>;

fn field<'a>(pairs: &'a Pairs, name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}
