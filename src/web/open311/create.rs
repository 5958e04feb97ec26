//! Creating a request: the specification's fields mapped to a submission through intake.

use super::*;

pub(super) async fn create(state: &AppState, format: Format, pairs: &Pairs) -> Result<Response, sqlx::Error> {
    let key = match key(state, format, field(pairs, "api_key")).await {
        Ok(key) => key,
        Err(refused) => return Ok(refused),
    };
    if !key.may_create() {
        return Ok(error(format, StatusCode::FORBIDDEN, "api_key: this key may not send requests"));
    }
    let Some(code) = field(pairs, "service_code").map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(error(format, StatusCode::BAD_REQUEST, "service_code: give the service's code"));
    };
    let Some(service) = offered(state).await?.into_iter().find(|s| s.code == code) else {
        return Ok(error(format, StatusCode::NOT_FOUND, format!("service_code: there is no service {code:?}")));
    };
    let fields = crate::services::db::fields(state.db.reader(), service.id).await?;
    let mut answers = Vec::new();
    let mut problems = Vec::new();
    for (name, value) in pairs {
        let Some(code) = name.strip_prefix("attribute[").map(|rest| rest.trim_end_matches("[]").trim_end_matches(']'))
        else {
            continue;
        };
        match fields.iter().find(|f| f.code == code) {
            Some(f) if f.kind == FieldKind::Date && !value.trim().is_empty() => {
                match parse_w3c(state, value).map(|ms| {
                    crate::rollups::ts(ms).to_zoned(state.rules.get().calendars.council.time_zone().clone()).date()
                }) {
                    Some(date) => answers.extend(f.date_answers(date)),
                    None => problems.push(format!("attribute[{code}]: give a date, like 2026-12-01")),
                }
            }
            Some(_) => answers.push((format!("answer-{code}"), value.clone())),
            None => problems.push(format!("attribute[{code}]: the service {:?} asks no such question", service.code)),
        }
    }
    let name =
        [field(pairs, "first_name"), field(pairs, "last_name")].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let mut description = field(pairs, "description").unwrap_or_default().to_owned();
    if let Some(url) = field(pairs, "media_url").map(str::trim).filter(|u| !u.is_empty())
        && !description.trim().is_empty()
    {
        // Recorded as a link for staff to open; never fetched from here.
        description.push_str(&format!("\n\nPhoto: {url}"));
    }
    let address_id = field(pairs, "address_id").unwrap_or_default().trim();
    let token = crate::api::request_token();
    let submission = Submission {
        channel: Some(crate::cases::Channel::Api),
        service_code: service.code.clone(),
        name,
        email: field(pairs, "email").unwrap_or_default().to_owned(),
        phone: field(pairs, "phone").unwrap_or_default().to_owned(),
        // A UK address_id is the property's UPRN when it is all digits.
        uprn: if address_id.bytes().all(|b| b.is_ascii_digit()) { address_id.to_owned() } else { String::new() },
        address: field(pairs, "address_string").unwrap_or_default().to_owned(),
        postcode: String::new(),
        lat: field(pairs, "lat").unwrap_or_default().to_owned(),
        lng: field(pairs, "long").unwrap_or_default().to_owned(),
        description,
        answers,
        uploads: Vec::new(),
        sent_by: Some(SentBy { key_id: key.id, name: key.name.clone(), token: token.clone(), idempotency: None }),
        ..Submission::default()
    };
    if !problems.is_empty() {
        return Ok(errors(format, StatusCode::BAD_REQUEST, problems));
    }
    let rules = state.rules.get();
    match crate::intake::submit(&state.db, state.council.clone(), rules, &submission).await {
        Ok(reference) => {
            tracing::info!(case = %reference, key = key.id, "open311 request created");
            let notice = match promised(state, &[reference.id()]).await?.get(&reference.id()) {
                Some(due) => format!("We aim to deal with it by {}.", crate::web::pages::track::date(state, *due)),
                None => String::new(),
            };
            let value = V::L(
                "request",
                vec![V::O(vec![
                    ("service_request_id", s(reference.to_string())),
                    ("token", s(token)),
                    ("service_notice", s(notice)),
                    ("account_id", V::S(None)),
                ])],
            );
            Ok(ok(format, "service_requests", value))
        }
        Err(IntakeError::Invalid(found)) => {
            let described = found.iter().map(|e| format!("{}: {}", parameter(&e.field), e.message)).collect();
            Ok(errors(format, StatusCode::BAD_REQUEST, described))
        }
        Err(IntakeError::UnknownService(code)) => {
            Ok(error(format, StatusCode::NOT_FOUND, format!("service_code: there is no service {code:?}")))
        }
        Err(IntakeError::Db(err)) => Err(err),
        Err(other) => {
            tracing::error!(error = %other, "open311: the request was not stored");
            Ok(error(format, StatusCode::SERVICE_UNAVAILABLE, "The request was not stored. Send it again"))
        }
    }
}

/// The date each case is promised by, for those with one: the earliest due of its running
/// clocks that is not the acknowledgement (which goes within minutes), judged by the
/// standard version each clock runs under.
pub(super) async fn promised(
    state: &AppState,
    case_ids: &[i64],
) -> Result<std::collections::HashMap<i64, i64>, sqlx::Error> {
    let rules = state.rules.get();
    let mut promised = std::collections::HashMap::new();
    for (case_id, standard, version, due) in rows::running_due(state.db.reader(), case_ids).await? {
        let measures = rules.version(&standard, version).map(|s| s.measures);
        if measures != Some(crate::standards::Measure::Acknowledgement) {
            promised.entry(case_id).and_modify(|d: &mut i64| *d = (*d).min(due)).or_insert(due);
        }
    }
    Ok(promised)
}
