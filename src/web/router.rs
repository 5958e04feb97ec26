//! The router: every route the web edge serves, its security headers and error pages.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::config::Council;
use crate::web::client::Client;
use crate::web::error::AppError;
use crate::web::{AppState, assets, health, pages};

/// Only this site's own scripts, styles and fonts; images also from the map's tile
/// server when the council has one.
fn content_security_policy(council: &Council) -> HeaderValue {
    let tiles = council.map.as_ref().and_then(|m| m.origin.as_deref()).map(|o| format!(" {o}")).unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{tiles}; \
         font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    );
    // The origin was checked for characters a header cannot carry when configured.
    HeaderValue::from_str(&policy).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
}

pub fn router(state: AppState) -> Router {
    let csp = content_security_policy(&state.council);
    let state_is_https = state.council.is_https();
    let security_headers = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (HeaderName::from_static("permissions-policy"), "geolocation=(self), camera=(), microphone=()"),
    ];
    use pages::staff;
    // Staff pages show personal data: never kept in a browser's or proxy's cache.
    let staff_pages = Router::new()
        .route("/staff", get(staff::home::show))
        .route("/staff/sign-in", get(staff::sign_in::form).post(staff::sign_in::submit))
        .route("/staff/sign-in/code", get(staff::sign_in::code_form).post(staff::sign_in::code_submit))
        .route("/staff/sign-out", post(staff::sign_in::sign_out))
        .route("/staff/account", get(staff::account::show).post(staff::account::change_second_step))
        .route(
            "/staff/log",
            get(staff::log::form).post(staff::log::submit).layer(DefaultBodyLimit::max(pages::report::BODY_MAX)),
        )
        .route("/staff/log/{reference}", get(staff::log::logged))
        .route("/staff/mail", get(staff::mail::quarantine))
        .route("/staff/mail/outbox", get(staff::mail::outbox))
        .route("/staff/post", get(staff::post::list).post(staff::post::print))
        .route("/staff/mail/{id}", get(staff::mail::message).post(staff::mail::retry_or_dismiss))
        .route("/staff/mail/{id}/raw", get(staff::mail::raw))
        .route("/staff/queue", get(staff::queue::show))
        .route("/staff/queue/bulk", post(staff::queue::bulk))
        .route("/staff/audit", get(staff::audit::show))
        .route("/staff/audit/customers", get(staff::audit::customers))
        .route("/staff/standards", get(staff::standards::show))
        .route("/staff/search", get(staff::search::show))
        .route("/staff/admin/templates", get(staff::admin::list).post(staff::admin::create))
        .route("/staff/admin/users", get(staff::users::list).post(staff::users::add))
        .route("/staff/admin/users/{id}", get(staff::users::edit).post(staff::users::change))
        .route("/staff/admin/services", get(staff::services_admin::list).post(staff::services_admin::add_service))
        .route("/staff/admin/services/{code}", get(staff::services_admin::edit).post(staff::services_admin::save))
        .route("/staff/admin/api-keys", get(staff::api_keys::list).post(staff::api_keys::make_or_revoke))
        .route("/staff/admin/webhooks", get(staff::webhooks::list).post(staff::webhooks::change_subscription))
        .route("/staff/admin/translations", get(staff::translations::overview))
        .route("/staff/admin/translations/{code}", get(staff::translations::list).post(staff::translations::save))
        .route(
            "/staff/admin/translations/{code}/po",
            get(staff::translations::download).post(staff::translations::upload),
        )
        .route("/staff/admin/notices", get(staff::notices_admin::list).post(staff::notices_admin::publish_or_end))
        .route("/staff/admin/organisation", post(staff::services_admin::add_org))
        .route("/staff/admin/templates/{id}", get(staff::admin::edit).post(staff::admin::update))
        .route("/staff/cases", get(staff::find::find))
        .route("/staff/cases/{reference}", get(staff::case::show).post(staff::case::work_on_case))
        .route("/staff/cases/{reference}/files/{id}", get(staff::case::file))
        .route("/staff/cases/{reference}/personal-data.zip", get(staff::case::information::export))
        .route("/staff/customers/{id}", get(staff::customer::show))
        .route("/staff/customers/{id}/merge", post(staff::customer::merge))
        .route("/staff/customers/{id}/post", post(staff::customer::set_post))
        .route("/staff/customers/{id}/needs", post(staff::customer::record_need))
        .route("/staff/customers/{id}/needs/{need}/end", post(staff::customer::end_need))
        .route("/staff/insight", get(staff::insight::show))
        .route("/staff/councillor", get(staff::councillor::show).post(staff::councillor::enquire))
        .route("/staff/councillor/cases/{reference}", get(staff::councillor::case))
        .route("/staff/insight/{file}", get(staff::insight::csv))
        .route("/staff/reports/complaints", get(staff::reports::complaints))
        .route("/staff/phones", get(staff::phones::show))
        .route("/staff/callbacks", get(staff::callbacks::list).post(staff::callbacks::try_or_book))
        .route("/staff/reception", get(staff::reception::show).post(staff::reception::book_in_or_move))
        .route("/staff/appointments", get(staff::appointments::show).post(staff::appointments::act_on))
        .route("/staff/visits", get(staff::visits::show).post(staff::visits::arrange_or_change))
        .route("/staff/reports/complaints.csv", get(staff::reports::complaints_csv))
        .route("/staff/customers/{id}/arrangements", post(staff::customer::arrange))
        .route("/staff/customers/{id}/arrangements/{arrangement}/end", post(staff::customer::end_arrangement))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    // A resident's own case, once proved, and what the site remembers of them: personal
    // data, so never kept in a cache either.
    let customer_pages = Router::new()
        .route("/cases/{reference}", get(pages::track::show))
        .route("/cases/{reference}/open/{signature}", get(pages::track::open))
        .route("/cases/{reference}/check", post(pages::track::prove))
        .route("/cases/{reference}/reply", post(pages::track::reply))
        .route("/cases/{reference}/escalate", post(pages::track::escalate))
        .route("/cases/{reference}/stage2", post(pages::track::stage2))
        .route("/cases/{reference}/review", post(pages::track::review))
        .route("/cases/{reference}/feedback", post(pages::track::feedback))
        .route("/you/forget", get(pages::you::forget))
        .route("/you/{token}", get(pages::you::remember))
        .route("/cases/{reference}/submitted", get(pages::report::submitted))
        .route("/services/{code}/book", get(pages::book::form).post(pages::book::submit))
        .route("/appointments/{token}", get(pages::book::show).post(pages::book::change))
        .route("/check-officer", get(pages::officer::form).post(pages::officer::check))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    let mut router = Router::new()
        .merge(staff_pages)
        .merge(customer_pages)
        .route("/", get(pages::home::show))
        .route("/services", get(pages::services::list))
        .route("/contact", get(pages::contact::show))
        .route("/reception/board", get(pages::board::show))
        .route("/accessibility", get(pages::about::accessibility))
        .route("/cookies", get(pages::about::cookies))
        .route("/privacy", get(pages::about::privacy))
        .route("/cases", get(pages::track::find))
        .route("/services/{code}", get(pages::services::show))
        .route("/performance", get(pages::performance::show))
        .route("/performance/data.csv", get(pages::performance::csv))
        .route("/performance/wards.csv", get(pages::wards::csv))
        .route("/performance/data.json", get(pages::performance::json))
        .route("/performance/data-dictionary", get(pages::performance::dictionary))
        .route(
            "/services/{code}/report",
            get(pages::report::form).post(pages::report::submit).layer(DefaultBodyLimit::max(pages::report::BODY_MAX)),
        )
        .route("/services/{code}/report/change", post(pages::report::change))
        .route("/services/{code}/report/send", post(pages::report::send))
        .route("/disclosure-log", get(pages::disclosure::list))
        .route("/disclosure-log/{id}", get(pages::disclosure::show))
        .route("/open311/v2/{file}", get(crate::web::open311::get_file).post(crate::web::open311::post_file))
        .route("/open311/v2/services/{file}", get(crate::web::open311::definition))
        .route("/open311/v2/requests/{file}", get(crate::web::open311::one))
        .route("/open311/v2/tokens/{file}", get(crate::web::open311::token))
        .route("/api/v1/services", get(crate::web::api::services))
        .route(
            "/api/v1/cases",
            get(crate::web::api::list_cases)
                .post(crate::web::api::create_case)
                .layer(DefaultBodyLimit::max(crate::web::api::BODY_MAX)),
        )
        .route("/api/v1/cases/{reference}", get(crate::web::api::get_case))
        .route(
            "/api/v1/cases/{reference}/status",
            post(crate::web::api::set_status).layer(DefaultBodyLimit::max(crate::web::api::BODY_MAX)),
        )
        .route(
            "/api/v1/cases/{reference}/updates",
            post(crate::web::api::add_update).layer(DefaultBodyLimit::max(crate::web::api::BODY_MAX)),
        )
        .route("/api/v1/customers", get(crate::web::api::find_customers))
        .route("/api/v1/customers/{id}", get(crate::web::api::get_customer))
        .route("/api/v1/events", get(crate::web::api::events))
        .route(
            "/api/v1/calls",
            post(crate::web::api::add_calls).layer(DefaultBodyLimit::max(crate::web::api::CALLS_BODY_MAX)),
        )
        .route("/api/v1/lines/{line}/wait", get(crate::web::api::line_wait))
        .route("/api/openapi.json", get(crate::web::api::openapi))
        .route("/api/docs", get(crate::web::api::docs))
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .route("/assets/{file}", get(assets::serve))
        .route("/assets/images/{file}", get(assets::image))
        .fallback(pages::not_found)
        .route("/language/{code}", get(crate::web::i18n::switch))
        .layer(axum::Extension(std::sync::Arc::new(pages::performance::DataCache::default())))
        .layer(middleware::from_fn_with_state(state.clone(), form_posts))
        .layer(middleware::from_fn_with_state(state.clone(), pages::errors::render_errors))
        // Outside the error pages, so they are in the visitor's language too.
        .layer(middleware::from_fn(crate::web::i18n::scope))
        .with_state(state);
    router = router.layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, csp));
    // With an https address, browsers are told to come back only over https (a year).
    if state_is_https {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    for (name, value) in security_headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value)));
    }
    // One line a request, with the route's template, never the path as sent: a path can
    // carry a signed link's signature or a resident's private token, and a query string
    // an Open311 api_key or a name searched for. None of that belongs in a log.
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &axum::http::Request<axum::body::Body>| {
            let route = request.extensions().get::<MatchedPath>().map_or("(no route)", MatchedPath::as_str);
            let id = request.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or_default();
            tracing::info_span!("request", method = %request.method(), route = %route, request_id = %id)
        })
        .on_request(())
        .on_response(|response: &Response, latency: std::time::Duration, _span: &tracing::Span| {
            tracing::info!(status = response.status().as_u16(), ms = latency.as_millis() as u64, "request served");
        });
    // The id is made first (or kept, from a proxy in front), logged with the request, and
    // sent back in the response's headers, so a resident's report of a problem finds its line.
    router
        .layer(middleware::from_fn(crate::web::metrics::record))
        .layer(trace)
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, NewRequestId))
}

/// The header carrying a request's id, in and out.
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A new request's id: 16 random hex digits.
#[derive(Clone, Copy, Default)]
struct NewRequestId;

impl MakeRequestId for NewRequestId {
    fn make_request_id<B>(&mut self, _request: &axum::http::Request<B>) -> Option<RequestId> {
        let token = crate::crypto::new_token();
        HeaderValue::from_str(&token[..16]).ok().map(RequestId::new)
    }
}

/// Whether a request is an anonymous form post: any POST to the public pages, and the
/// staff sign-in forms (the staff workspace's other forms need a session).
fn is_anonymous_post(request: &Request) -> bool {
    if request.method() != Method::POST {
        return false;
    }
    let path = request.uri().path();
    if path.starts_with("/api/") || path.starts_with("/open311/") {
        return false; // Keys and their own limits.
    }
    !path.starts_with("/staff") || path.starts_with("/staff/sign-in")
}

/// Refuses an anonymous post over its address's limit with 429 and `Retry-After`.
async fn form_posts(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if is_anonymous_post(&request) {
        let client = Client::of_request(&request, state.council.limits.client_ip_header.as_deref());
        if let Err(seconds) = state.form_posts.take(&client) {
            return AppError::TooMany(seconds).into_response();
        }
    }
    next.run(request).await
}
