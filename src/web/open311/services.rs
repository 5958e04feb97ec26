//! Discovery, the services offered and their definitions, and the entry points that
//! route a file name (`services.json`, `requests.xml`) to its handler.

use super::*;

/// The services Open311 offers: those of the service request type.
pub(super) async fn offered(state: &AppState) -> Result<Vec<crate::services::Service>, sqlx::Error> {
    let all = crate::services::db::list_active(state.db.reader()).await?;
    Ok(all.into_iter().filter(|s| s.case_type == CaseType::ServiceRequest).collect())
}

pub async fn get_file(State(state): State<AppState>, Path(file): Path<String>, Query(pairs): Query<Pairs>) -> Response {
    let Some((stem, format)) = split(&file) else { return not_found() };
    let result = match stem {
        "discovery" => Ok(discovery(&state, format)),
        "services" => services(&state, format).await,
        "requests" => list(&state, format, &pairs).await,
        "servicerequestupdates" => updates(&state, format, &pairs).await,
        _ => return not_found(),
    };
    result.unwrap_or_else(|err| server_error(format, err))
}

pub async fn post_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    let Some((stem, format)) = split(&file) else { return not_found() };
    let Ok(Form(pairs)) = form else {
        return error(format, StatusCode::BAD_REQUEST, "Send the fields as application/x-www-form-urlencoded");
    };
    let result = match stem {
        "requests" => create(&state, format, &pairs).await,
        "servicerequestupdates" => add_update(&state, format, &pairs).await,
        _ => return not_found(),
    };
    result.unwrap_or_else(|err| server_error(format, err))
}

pub(super) fn discovery(state: &AppState, format: Format) -> Response {
    let endpoint = V::O(vec![
        ("specification", s(SPEC)),
        ("url", s(format!("{}/open311/v2", state.council.public_url))),
        ("changeset", s("2026-12-01T00:00:00Z")),
        ("type", s("production")),
        ("formats", V::L("format", vec![s("text/xml"), s("application/json")])),
    ]);
    let value = V::O(vec![
        ("changeset", s("2026-12-01T00:00:00Z")),
        ("contact", s(format!("{} ({})", state.council.name, state.rules.get().policy.contact.email))),
        ("key_service", s("Ask the council for an API key: administrators make them in the staff workspace")),
        ("endpoints", V::L("endpoint", vec![endpoint])),
    ]);
    ok(format, "discovery", value)
}

pub(super) async fn services(state: &AppState, format: Format) -> Result<Response, sqlx::Error> {
    let mut items = Vec::new();
    for service in offered(state).await? {
        let has_fields = !crate::services::db::fields(state.db.reader(), service.id).await?.is_empty();
        items.push(V::O(vec![
            ("service_code", s(&service.code)),
            ("service_name", s(&service.name)),
            ("description", s(&service.description)),
            ("metadata", V::B(has_fields)),
            ("type", s("realtime")),
            ("keywords", s(service.keywords.split_whitespace().collect::<Vec<_>>().join(","))),
            ("group", s(&service.group_name)),
        ]));
    }
    Ok(ok(format, "services", V::L("service", items)))
}

pub async fn definition(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((code, format)) = split(&file) else { return not_found() };
    let found = async {
        let Some(service) = offered(&state).await?.into_iter().find(|s| s.code == code) else { return Ok(None) };
        crate::services::db::fields(state.db.reader(), service.id).await.map(|fields| Some((service, fields)))
    };
    let (service, fields) = match found.await {
        Ok(Some(found)) => found,
        Ok(None) => return error(format, StatusCode::NOT_FOUND, format!("service_code: there is no service {code:?}")),
        Err(err) => return server_error(format, err),
    };
    let attributes = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let datatype = match f.kind {
                FieldKind::Text => "string",
                FieldKind::Number => "number",
                FieldKind::Date => "datetime",
                FieldKind::Single => "singlevaluelist",
                FieldKind::Multiple => "multivaluelist",
            };
            let values = f.choices.iter().map(|c| V::O(vec![("key", s(&c.key)), ("name", s(&c.name))])).collect();
            V::O(vec![
                ("variable", V::B(true)),
                ("code", s(&f.code)),
                ("datatype", s(datatype)),
                ("required", V::B(f.required)),
                ("datatype_description", s(&f.hint)),
                ("order", V::N(i as i64 + 1)),
                ("description", s(&f.label)),
                ("values", V::L("value", values)),
            ])
        })
        .collect();
    let value = V::O(vec![("service_code", s(&service.code)), ("attributes", V::L("attribute", attributes))]);
    ok(format, "service_definition", value)
}

/// The Open311 parameter a field error of intake's belongs to.
pub(super) fn parameter(field: &str) -> String {
    match field {
        "name" => "first_name".to_owned(),
        "address" | "postcode" => "address_string".to_owned(),
        "uprn" => "address_id".to_owned(),
        f => match f.strip_prefix("answer-") {
            Some(code) => {
                let code = code.trim_end_matches("-day").trim_end_matches("-month").trim_end_matches("-year");
                format!("attribute[{code}]")
            }
            None => f.to_owned(),
        },
    }
}
