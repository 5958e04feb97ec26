//! The updates extension: public changes to requests in a window, and adding one.

use super::*;

/// Our status in the updates extension's words.
pub(super) fn extended(status: Status) -> &'static str {
    match status {
        Status::Received => "OPEN",
        Status::Acknowledged | Status::WaitingForCustomer => "INVESTIGATING",
        Status::InProgress => "IN_PROGRESS",
        Status::Resolved => "FIXED",
        Status::Closed => "CLOSED",
        Status::Reopened => "REOPEN",
    }
}

pub(super) async fn updates(state: &AppState, format: Format, pairs: &Pairs) -> Result<Response, sqlx::Error> {
    let key = match key(state, format, field(pairs, "api_key")).await {
        Ok(key) => key,
        Err(refused) => return Ok(refused),
    };
    let (from, until, offset, limit) = match window(state, pairs) {
        Ok(w) => w,
        Err(problems) => return Ok(errors(format, StatusCode::BAD_REQUEST, problems)),
    };
    let rows = rows::updates(state.db.reader(), from, until, partner_of(&key), limit, offset).await?;
    let items = rows
        .into_iter()
        .filter(|r| key.sees(r.partner_id))
        .map(|r| {
            let status = match r.to_status {
                Some(number) => Status::from_number(number),
                None => Status::parse(&r.status),
            };
            let description = match r.body {
                Some(body) => body,
                None => status.map(|s| format!("Status: {}", s.label())).unwrap_or_default(),
            };
            V::O(vec![
                ("update_id", s(r.id.to_string())),
                ("service_request_id", s(CaseRef::from_id(&state.council.prefix, r.case_id).to_string())),
                ("status", s(status.map_or("OPEN", extended))),
                ("description", s(description)),
                ("updated_datetime", s(w3c(state, r.at))),
                ("media_url", V::S(None)),
            ])
        })
        .collect();
    Ok(ok(format, "service_request_updates", V::L("request_update", items)))
}

/// A citizen's update sent through the reporting site (a write key), or a partner's
/// system's note of its work (a partner key): a public message on the case.
pub(super) async fn add_update(state: &AppState, format: Format, pairs: &Pairs) -> Result<Response, sqlx::Error> {
    let key = match key(state, format, field(pairs, "api_key")).await {
        Ok(key) => key,
        Err(refused) => return Ok(refused),
    };
    if !key.may_update() {
        return Ok(error(format, StatusCode::FORBIDDEN, "api_key: this key may not send updates"));
    }
    let id = field(pairs, "service_request_id").unwrap_or_default().trim();
    let case = match CaseRef::parse(&state.council.prefix, id) {
        Ok(reference) => crate::cases::db::get(state.db.reader(), reference.id()).await?,
        Err(_) => None,
    };
    let Some(case) = case.filter(|c| c.case_type == CaseType::ServiceRequest && key.sees(c.partner_id)) else {
        return Ok(error(format, StatusCode::NOT_FOUND, format!("service_request_id: there is no request {id:?}")));
    };
    let text = field(pairs, "description").unwrap_or_default().trim();
    if text.is_empty() || text.chars().count() > crate::forms::DESCRIPTION_MAX {
        let why = format!("description: give the update, up to {} characters", crate::forms::DESCRIPTION_MAX);
        return Ok(error(format, StatusCode::BAD_REQUEST, why));
    }
    let rules = state.rules.get();
    let now = now_ms();
    let mut tx = state.db.begin().await?;
    let event_id = if key.scope() == crate::api::Scope::Partner {
        let event = crate::cases::db::NewEvent {
            actor: crate::cases::Actor { kind: crate::cases::ActorKind::Partner, id: None },
            kind: crate::cases::EventKind::Message,
            public: true,
            body: Some(text),
            from_status: None,
            to_status: None,
        };
        Some(crate::casework::append_event(&mut tx, case.id, &event, &rules, now).await?)
    } else {
        let subject = format!("Update from {}", key.name);
        match crate::actions::by_customer::reply(
            &mut tx,
            &rules,
            &case,
            crate::cases::Channel::Api,
            &subject,
            text,
            now,
        )
        .await
        {
            Ok(()) => Some(crate::cases::db::last_event_id(&mut tx, case.id).await?),
            Err(crate::actions::by_customer::ActError::Db(err)) => return Err(err),
            Err(other) => {
                let why = crate::forms::upper_first(&other.to_string());
                return Ok(error(format, StatusCode::BAD_REQUEST, format!("service_request_id: {why}")));
            }
        }
    };
    tx.commit().await?;
    let value = V::L("request_update", vec![V::O(vec![("update_id", s(event_id.unwrap_or_default().to_string()))])]);
    Ok(ok(format, "service_request_updates", value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_writes_as_the_specifications_xml_and_json() {
        let v = V::L("error", vec![V::O(vec![("code", V::N(403)), ("description", s("a <bad> & key"))])]);
        let mut out = String::new();
        write_xml(&mut out, "errors", &v);
        assert_eq!(
            out,
            "<errors><error><code>403</code><description>a &lt;bad&gt; &amp; key</description></error></errors>"
        );
        assert_eq!(json(&v).to_string(), r#"[{"code":403,"description":"a <bad> & key"}]"#);
        assert_eq!(split("services.xml"), Some(("services", Format::Xml)));
        assert_eq!(split("services.yaml"), None);
        assert_eq!(parameter("answer-when-day"), "attribute[when]");
        assert_eq!(parameter("name"), "first_name");
    }
}
