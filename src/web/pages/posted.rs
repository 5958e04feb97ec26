//! Reading a posted form, URL-encoded or multipart, as the report form and the staff
//! log form both send it: each file checked by its content and, if it passes, stored as
//! pending at once, so a form shown again with errors keeps it.

use axum::Form;
use axum::extract::multipart::MultipartError;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{StatusCode, header};

use crate::attachments::{self, MAX_FILE_BYTES, MAX_FILE_MB, MAX_FILES};
use crate::crypto::new_token;
use crate::db::now_ms;
use crate::forms::FieldError;
use crate::web::AppState;
use crate::web::error::AppError;

/// A posted form's name-value pairs, URL-encoded or multipart; each file checked and
/// stored as pending, its token under the name `upload`. A file's problem is an error
/// on `files` (the form's name for its file input), naming the file.
pub async fn read_pairs(
    state: &AppState,
    request: Request,
    files: &'static str,
) -> Result<(Vec<(String, String)>, Vec<FieldError>), AppError> {
    let client = crate::web::client::Client::of_request(&request, state.council.limits.client_ip_header.as_deref());
    let client_key = crate::throttle::Keyer::of(&state.db).key("uploads", &client.0);
    let limits = &state.council.limits;
    let caps = attachments::Caps::from_mb(limits.pending_per_client_mb, limits.pending_total_mb);
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let Form(pairs) = Form::<Vec<(String, String)>>::from_request(request, &()).await?;
        return Ok((pairs, Vec::new()));
    }
    let mut multipart =
        Multipart::from_request(request, &()).await.map_err(|err| AppError::unreadable_form(&err.to_string()))?;
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut errors: Vec<FieldError> = Vec::new();
    let file_error = |errors: &mut Vec<FieldError>, refused: attachments::Refused| {
        let (id, args) = refused.text();
        errors.push(FieldError::new(files, refused.message()).with_text(id, args));
    };
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => {
                unreadable(err, files, &mut errors)?;
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        let Some(filename) = field.file_name().map(str::to_owned) else {
            match field.text().await {
                Ok(text) => pairs.push((name, text)),
                Err(err) => {
                    unreadable(err, files, &mut errors)?;
                    break;
                }
            }
            continue;
        };
        // Read at most one byte past the limit: enough to know it is too big.
        let mut bytes: Vec<u8> = Vec::new();
        let mut too_big = false;
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) if bytes.len() + chunk.len() > MAX_FILE_BYTES => {
                    too_big = true;
                    break;
                }
                Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(_) => {
                    too_big = true;
                    break;
                }
            }
        }
        // A file input left empty still sends a part, with no name and no bytes.
        if filename.is_empty() && bytes.is_empty() && !too_big {
            continue;
        }
        let shown = attachments::clean_filename(&filename);
        if too_big {
            file_error(&mut errors, attachments::Refused::TooBig(shown));
            continue;
        }
        let added = pairs.iter().filter(|(k, _)| k == "upload").count();
        if added >= MAX_FILES {
            errors.push(
                FieldError::new(files, format!("Add no more than {MAX_FILES} files: {shown} was not added"))
                    .with_text("error-file-not-added", vec![("max", MAX_FILES.to_string()), ("file", shown)]),
            );
            continue;
        }
        match attachments::check(&filename, &bytes) {
            Ok(checked) => {
                let token = new_token();
                match attachments::db::store_pending(&state.db, caps, &client_key, &token, &checked, &bytes, now_ms())
                    .await
                {
                    Ok(_) => pairs.push(("upload".to_owned(), token)),
                    // Once over a cap, one error says so; the form's other files are kept.
                    Err(attachments::db::StoreError::Full(refused)) => {
                        if !errors.iter().any(|e| e.text.as_ref().is_some_and(|t| t.id.starts_with("error-uploads-"))) {
                            file_error(&mut errors, refused);
                        }
                    }
                    Err(attachments::db::StoreError::Db(err)) => return Err(err.into()),
                }
            }
            Err(refused) => file_error(&mut errors, refused),
        }
    }
    Ok((pairs, errors))
}

/// A multipart error: past the size limit, a field error on the files (and reading stops);
/// anything else, a form that cannot be read.
fn unreadable(err: MultipartError, files: &'static str, errors: &mut Vec<FieldError>) -> Result<(), AppError> {
    if err.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return Err(AppError::unreadable_form(&err.body_text()));
    }
    if !errors.iter().any(|e| e.field == files) {
        errors.push(
            FieldError::new(files, format!("Each file must be smaller than {MAX_FILE_MB} MB"))
                .with_text("error-file-too-big", vec![("max", MAX_FILE_MB.to_string())]),
        );
    }
    Ok(())
}
