//! Compiled GOV.UK and MOJ Frontend assets, and Leaflet, embedded in the binary so it runs anywhere
//! without Node. Rebuild them with `npm run build:assets` (see README).

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::error::AppError;

const FILES: &[(&str, &str, &[u8])] = &[
    ("frontdoor.css", "text/css; charset=utf-8", include_bytes!("../../assets/frontdoor.css")),
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../../assets/app.js")),
    ("govuk-frontend.min.js", "text/javascript; charset=utf-8", include_bytes!("../../assets/govuk-frontend.min.js")),
    ("moj-frontend.min.js", "text/javascript; charset=utf-8", include_bytes!("../../assets/moj-frontend.min.js")),
    ("favicon.svg", "image/svg+xml", include_bytes!("../../assets/favicon.svg")),
    // Leaflet, for the map on report forms (only when the council has map tiles).
    ("leaflet.js", "text/javascript; charset=utf-8", include_bytes!("../../assets/leaflet.js")),
    ("leaflet.css", "text/css; charset=utf-8", include_bytes!("../../assets/leaflet.css")),
    ("map.js", "text/javascript; charset=utf-8", include_bytes!("../../assets/map.js")),
    ("marker-icon.png", "image/png", include_bytes!("../../assets/marker-icon.png")),
    ("marker-icon-2x.png", "image/png", include_bytes!("../../assets/marker-icon-2x.png")),
    ("marker-shadow.png", "image/png", include_bytes!("../../assets/marker-shadow.png")),
];

/// MOJ Frontend's icons its styles refer to (`/assets/images/...`): the filter tags' cross,
/// the timeline's document, and the like. Not the crown or crest: a council may not use them.
const IMAGES: &[(&str, &[u8])] = &[
    ("icon-tag-remove-cross.svg", include_bytes!("../../assets/images/icon-tag-remove-cross.svg")),
    ("icon-tag-remove-cross-white.svg", include_bytes!("../../assets/images/icon-tag-remove-cross-white.svg")),
    ("icon-document.svg", include_bytes!("../../assets/images/icon-document.svg")),
    ("icon-close-cross-black.svg", include_bytes!("../../assets/images/icon-close-cross-black.svg")),
    ("icon-progress-tick.svg", include_bytes!("../../assets/images/icon-progress-tick.svg")),
    ("icon-toggle-plus-minus.svg", include_bytes!("../../assets/images/icon-toggle-plus-minus.svg")),
];

pub async fn image(Path(file): Path<String>) -> Result<Response, AppError> {
    let (_, body) = IMAGES.iter().find(|(name, _)| *name == file).ok_or(AppError::NotFound)?;
    let headers = [(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=3600")];
    Ok((headers, *body).into_response())
}

pub async fn serve(Path(file): Path<String>) -> Result<Response, AppError> {
    let (_, content_type, body) = FILES.iter().find(|(name, _, _)| *name == file).ok_or(AppError::NotFound)?;
    let headers = [(header::CONTENT_TYPE, *content_type), (header::CACHE_CONTROL, "public, max-age=3600")];
    Ok((headers, *body).into_response())
}
