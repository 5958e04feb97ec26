//! Open311 GeoReport v2, every endpoint in both formats, on both databases, against the
//! specification's shapes: discovery, services, a service definition, creating a request
//! (with its errors: a missing field, a bad key, an unknown service, an attribute of the
//! wrong type), a token, a list, one request, and the updates extension.

use axum::Router;
use axum::http::{StatusCode, header};
use serde_json::Value;

use frontdoor::db::{Db, now_ms};

use crate::staff::account;
use crate::support::{Reply, app, count, get, post_form, seed_catalogue, test_db};

/// Adds a number question to the missed bin service, as an administrator would.
async fn add_question(db: &Db) {
    let service = frontdoor::services::db::by_code(db.reader(), "missed-bin").await.unwrap().unwrap();
    let field = frontdoor::services::fields::new_field("bins", "How many bins", "", "number", true, "").unwrap();
    let mut tx = db.begin().await.unwrap();
    frontdoor::services::db::insert_field(&mut tx, service.id, &field).await.unwrap();
    tx.commit().await.unwrap();
}

/// A key of `scope` made by an administrator.
async fn key(db: &Db, scope: &str, partner: Option<i64>) -> String {
    let admin = account(db, &format!("admin-{scope}@council.example"), "admin", None, None).await;
    let mut tx = db.begin().await.unwrap();
    let (_, key) = frontdoor::api::create(&mut tx, "FixMyStreet", scope, partner, admin, now_ms()).await.unwrap();
    tx.commit().await.unwrap();
    key
}

fn json(reply: &Reply) -> Value {
    assert_eq!(reply.headers[header::CONTENT_TYPE], "application/json", "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

fn xml(reply: &Reply) -> &str {
    assert_eq!(reply.headers[header::CONTENT_TYPE], "text/xml; charset=utf-8", "{}", reply.body);
    assert!(reply.body.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"), "{}", reply.body);
    &reply.body
}

async fn setup() -> (crate::support::TestDb, Router) {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    add_question(&t.db).await;
    let app = app(&t.db).await;
    (t, app)
}

fn report(key: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("api_key", key),
        ("service_code", "missed-bin"),
        ("address_string", "12 High Street"),
        ("lat", "51.5072"),
        ("long", "-0.1276"),
        ("first_name", "Jo"),
        ("last_name", "Resident"),
        ("email", "jo@example.com"),
        ("description", "The recycling was not collected on Tuesday."),
        ("attribute[bins]", "2"),
        ("media_url", "https://photos.example/1.jpg"),
    ]
}

#[tokio::test]
async fn discovery_services_and_a_service_definition_in_both_formats() {
    let (_t, app) = setup().await;
    let found = json(&get(&app, "/open311/v2/discovery.json").await);
    assert_eq!(found["endpoints"][0]["specification"], "http://wiki.open311.org/GeoReport_v2");
    assert_eq!(found["endpoints"][0]["formats"], serde_json::json!(["text/xml", "application/json"]));
    let found = get(&app, "/open311/v2/discovery.xml").await;
    assert!(xml(&found).contains("<formats><format>text/xml</format><format>application/json</format></formats>"));

    // Only the service request: "Ask us something else" is an enquiry.
    let services = json(&get(&app, "/open311/v2/services.json?jurisdiction_id=kingsmead").await);
    assert_eq!(services.as_array().unwrap().len(), 1, "{services}");
    let bin = &services[0];
    assert_eq!(
        (&bin["service_code"], &bin["service_name"], &bin["metadata"], &bin["type"], &bin["group"]),
        (
            &Value::from("missed-bin"),
            &Value::from("Report a missed bin"),
            &Value::from(true),
            &Value::from("realtime"),
            &Value::from("Bins")
        )
    );
    let services = get(&app, "/open311/v2/services.xml").await;
    assert!(xml(&services).contains("<services><service><service_code>missed-bin</service_code>"), "{}", services.body);

    let definition = json(&get(&app, "/open311/v2/services/missed-bin.json").await);
    assert_eq!(definition["service_code"], "missed-bin");
    let attribute = &definition["attributes"][0];
    assert_eq!(
        (
            &attribute["code"],
            &attribute["datatype"],
            &attribute["required"],
            &attribute["order"],
            &attribute["variable"]
        ),
        (&Value::from("bins"), &Value::from("number"), &Value::from(true), &Value::from(1), &Value::from(true))
    );
    assert_eq!(attribute["description"], "How many bins");
    let definition = get(&app, "/open311/v2/services/missed-bin.xml").await;
    assert!(xml(&definition).contains("<service_definition><service_code>missed-bin</service_code><attributes><attribute><variable>true</variable><code>bins</code><datatype>number</datatype>"), "{}", definition.body);

    let unknown = get(&app, "/open311/v2/services/general.json").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(json(&unknown)[0]["code"], 404);
    assert_eq!(get(&app, "/open311/v2/services.yaml").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn creating_a_request_makes_a_case_through_intake_and_refuses_bad_ones_clearly() {
    let (t, app) = setup().await;
    let writer = key(&t.db, "write", None).await;
    let reader = key(&t.db, "read", None).await;

    // The errors, each in the specification's shape.
    let no_key = post_form(&app, "/open311/v2/requests.xml", &report("")).await;
    assert_eq!(no_key.status, StatusCode::FORBIDDEN);
    assert!(xml(&no_key).contains("<errors><error><code>403</code><description>api_key:"), "{}", no_key.body);
    let bad_key = post_form(&app, "/open311/v2/requests.json", &report("fd_0000")).await;
    assert_eq!((bad_key.status, &json(&bad_key)[0]["code"]), (StatusCode::FORBIDDEN, &Value::from(403)));
    let read_only = post_form(&app, "/open311/v2/requests.json", &report(&reader)).await;
    assert_eq!(read_only.status, StatusCode::FORBIDDEN);
    let mut unknown = report(&writer);
    unknown[1] = ("service_code", "no-such-service");
    assert_eq!(post_form(&app, "/open311/v2/requests.json", &unknown).await.status, StatusCode::NOT_FOUND);
    let missing: Vec<_> = report(&writer)
        .into_iter()
        .filter(|(k, _)| !matches!(*k, "description" | "first_name" | "last_name"))
        .collect();
    let missing = post_form(&app, "/open311/v2/requests.json", &missing).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    let said: Vec<String> =
        json(&missing).as_array().unwrap().iter().map(|e| e["description"].as_str().unwrap().to_owned()).collect();
    assert!(said.iter().any(|d| d.starts_with("description:")), "{said:?}");
    assert!(said.iter().any(|d| d.starts_with("first_name:")), "{said:?}");
    let mut wrong_type = report(&writer);
    wrong_type[9] = ("attribute[bins]", "two");
    let wrong_type = post_form(&app, "/open311/v2/requests.json", &wrong_type).await;
    assert_eq!(wrong_type.status, StatusCode::BAD_REQUEST);
    assert!(json(&wrong_type)[0]["description"].as_str().unwrap().starts_with("attribute[bins]: Enter a number"));
    assert_eq!(count(&t.db, "cases").await, 0, "nothing refused was stored");

    // A good one: a case, from the API channel, with who sent it on the record.
    let made = post_form(&app, "/open311/v2/requests.json", &report(&writer)).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let made = json(&made);
    let reference = made[0]["service_request_id"].as_str().unwrap().to_owned();
    let token = made[0]["token"].as_str().unwrap().to_owned();
    assert!(made[0]["service_notice"].as_str().unwrap().starts_with("We aim to deal with it by"), "{made}");
    let id = frontdoor::cases::CaseRef::parse(&crate::support::prefix_for(&t.db), &reference).unwrap().id();
    let case = frontdoor::cases::db::get(t.db.reader(), id).await.unwrap().unwrap();
    assert_eq!(case.channel, frontdoor::cases::Channel::Api);
    assert!(case.description.contains("Photo: https://photos.example/1.jpg"));
    assert_eq!(count(&t.db, "case_events WHERE body = 'Sent by FixMyStreet through its API key.'").await, 1);
    assert_eq!(count(&t.db, "case_answers WHERE code = 'bins' AND value = '2'").await, 1);

    // The token finds it; the case reads back in both formats.
    let found = json(&get(&app, &format!("/open311/v2/tokens/{token}.json?api_key={reader}")).await);
    assert_eq!(found[0]["service_request_id"], reference.as_str());
    assert_eq!(
        get(&app, &format!("/open311/v2/tokens/nope.json?api_key={reader}")).await.status,
        StatusCode::NOT_FOUND
    );
    let one = json(&get(&app, &format!("/open311/v2/requests/{reference}.json?api_key={reader}")).await);
    let r = &one[0];
    assert_eq!(
        (&r["status"], &r["service_code"], &r["agency_responsible"]),
        (&Value::from("open"), &Value::from("missed-bin"), &Value::from("Waste"))
    );
    assert_eq!(r["address"], "12 High Street");
    assert!((r["lat"].as_f64().unwrap() - 51.5072).abs() < 1e-6, "{r}");
    assert!(r["expected_datetime"].as_str().is_some_and(|d| d.len() == 25), "from the clock: {r}");
    // The date promised is the resolution's, not the acknowledgement's (due within a day).
    let rules = crate::support::rules(&t.db).await;
    let clocks: Vec<(String, i64)> =
        sqlx::query_as("SELECT standard_id, due_at FROM clocks WHERE case_id = $1 AND due_at IS NOT NULL")
            .bind(id)
            .fetch_all(t.db.reader())
            .await
            .unwrap();
    let measures = |s: &str| rules.current(s).unwrap().standard.measures;
    let acknowledgement = frontdoor::standards::Measure::Acknowledgement;
    assert!(clocks.iter().any(|(s, _)| measures(s) == acknowledgement), "an acknowledgement clock runs: {clocks:?}");
    let promised = clocks.iter().filter(|(s, _)| measures(s) != acknowledgement).map(|(_, due)| *due).min().unwrap();
    let expected: jiff::Timestamp = r["expected_datetime"].as_str().unwrap().parse().unwrap();
    assert_eq!(expected.as_millisecond() / 1000, promised / 1000, "{r}");
    let day = rules.calendars.council.local_date(jiff::Timestamp::from_millisecond(promised).unwrap());
    let notice = made[0]["service_notice"].as_str().unwrap();
    assert!(notice.contains(&day.strftime("%-d %B %Y").to_string()), "{notice} names {day}");
    let one = get(&app, &format!("/open311/v2/requests/{reference}.xml?api_key={reader}")).await;
    assert!(
        xml(&one).contains(&format!(
            "<service_requests><request><service_request_id>{reference}</service_request_id><status>open</status>"
        )),
        "{}",
        one.body
    );
    // A missed bin is at a home: with no key it is not found, as an unknown request is.
    assert_eq!(get(&app, &format!("/open311/v2/requests/{reference}.json")).await.status, StatusCode::NOT_FOUND);
    // Each read of one request, with its description and address, is in the access log.
    let logged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_views WHERE what LIKE 'case, by Open311%'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(logged, 2);
}

#[tokio::test]
async fn requests_are_listed_by_the_specifications_filters_and_a_partner_key_sees_only_its_own() {
    let (t, app) = setup().await;
    let writer = key(&t.db, "write", None).await;
    for _ in 0..3 {
        assert_eq!(post_form(&app, "/open311/v2/requests.json", &report(&writer)).await.status, StatusCode::OK);
    }
    let all = json(&get(&app, &format!("/open311/v2/requests.json?api_key={writer}")).await);
    assert_eq!(all.as_array().unwrap().len(), 3);
    let first = all[2]["service_request_id"].as_str().unwrap().to_owned();
    let paged = json(&get(&app, &format!("/open311/v2/requests.json?api_key={writer}&page=2&page_size=2")).await);
    assert_eq!(paged.as_array().unwrap().len(), 1, "the third of three, newest first");
    assert_eq!(paged[0]["service_request_id"], first.as_str());
    let by_id = json(
        &get(&app, &format!("/open311/v2/requests.json?api_key={writer}&service_request_id={first},KMB-000-000")).await,
    );
    assert_eq!(by_id.as_array().unwrap().len(), 1);
    let closed = json(&get(&app, &format!("/open311/v2/requests.json?api_key={writer}&status=closed")).await);
    assert_eq!(closed.as_array().unwrap().len(), 0);
    let old =
        json(&get(&app, &format!("/open311/v2/requests.json?api_key={writer}&end_date=2020-01-01T00:00:00Z")).await);
    assert_eq!(old.as_array().unwrap().len(), 0, "the window ends before any of them");
    let bad = get(&app, &format!("/open311/v2/requests.xml?api_key={writer}&start_date=yesterday")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(xml(&bad).contains("<description>start_date:"), "{}", bad.body);
    let list = get(&app, &format!("/open311/v2/requests.xml?api_key={writer}")).await;
    assert_eq!(xml(&list).matches("<request>").count(), 3);

    // A partner's key sees none of these: none is the partner's.
    let mut tx = t.db.begin().await.unwrap();
    let partner =
        frontdoor::org::db::insert_partner(&mut tx, "homes", "Kingsmead Homes", "h@example.com").await.unwrap();
    tx.commit().await.unwrap();
    let theirs = key(&t.db, "partner", Some(partner)).await;
    let seen = json(&get(&app, &format!("/open311/v2/requests.json?api_key={theirs}")).await);
    assert_eq!(seen.as_array().unwrap().len(), 0);
    let one = get(&app, &format!("/open311/v2/requests/{first}.json?api_key={theirs}")).await;
    assert_eq!(one.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_updates_extension_lists_what_changed_and_takes_a_residents_update() {
    let (t, app) = setup().await;
    let writer = key(&t.db, "write", None).await;
    let made = json(&post_form(&app, "/open311/v2/requests.json", &report(&writer)).await);
    let reference = made[0]["service_request_id"].as_str().unwrap().to_owned();
    let id = frontdoor::cases::CaseRef::parse(&crate::support::prefix_for(&t.db), &reference).unwrap().id();
    let rules = crate::support::rules(&t.db).await;
    let mut tx = t.db.begin().await.unwrap();
    frontdoor::casework::change_status(
        &mut tx,
        id,
        frontdoor::cases::Status::Resolved,
        frontdoor::cases::Actor::SYSTEM,
        Some("Collected on Wednesday."),
        &rules,
        now_ms(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let updates = json(&get(&app, &format!("/open311/v2/servicerequestupdates.json?api_key={writer}")).await);
    let fixed =
        updates.as_array().unwrap().iter().find(|u| u["status"] == "FIXED").unwrap_or_else(|| panic!("{updates}"));
    assert_eq!(fixed["service_request_id"], reference.as_str());
    assert_eq!(fixed["description"], "Collected on Wednesday.");
    let updates = get(&app, &format!("/open311/v2/servicerequestupdates.xml?api_key={writer}")).await;
    assert!(xml(&updates).contains("<service_request_updates><request_update><update_id>"), "{}", updates.body);

    // The resident says it is not fixed, through the reporting site: the case reopens.
    let said = [
        ("api_key", writer.as_str()),
        ("service_request_id", reference.as_str()),
        ("description", "Still not collected."),
        ("status", "OPEN"),
    ];
    let added = post_form(&app, "/open311/v2/servicerequestupdates.json", &said).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert!(json(&added)[0]["update_id"].as_str().is_some_and(|u| !u.is_empty()));
    let case = frontdoor::cases::db::get(t.db.reader(), id).await.unwrap().unwrap();
    assert_eq!(case.status, frontdoor::cases::Status::Reopened);
    let empty = [("api_key", writer.as_str()), ("service_request_id", reference.as_str()), ("description", "")];
    assert_eq!(post_form(&app, "/open311/v2/servicerequestupdates.json", &empty).await.status, StatusCode::BAD_REQUEST);
    let nowhere = [("api_key", writer.as_str()), ("service_request_id", "KMB-000-000"), ("description", "x")];
    assert_eq!(post_form(&app, "/open311/v2/servicerequestupdates.json", &nowhere).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_administrator_makes_a_key_sees_it_once_and_revokes_it() {
    let (t, app) = setup().await;
    account(&t.db, "admin@council.example", "admin", None, None).await;
    account(&t.db, "lead@council.example", "team_lead", Some("waste"), None).await;
    let (lead, _) = crate::staff::sign_in(&app, "lead@council.example").await;
    assert_eq!(crate::staff::get_with(&app, "/staff/admin/api-keys", &lead).await.status, StatusCode::FORBIDDEN);
    let (admin, csrf) = crate::staff::sign_in(&app, "admin@council.example").await;
    let refused = crate::staff::post_with(
        &app,
        "/staff/admin/api-keys",
        &admin,
        &[("csrf", &csrf), ("action", "make"), ("key-name", ""), ("scope", "write")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains(r##"<a href="#key-name">"##), "{}", refused.body);
    let made = crate::staff::post_with(
        &app,
        "/staff/admin/api-keys",
        &admin,
        &[("csrf", &csrf), ("action", "make"), ("key-name", "FixMyStreet"), ("scope", "write")],
    )
    .await;
    assert_eq!(made.status, StatusCode::OK);
    let at = made.body.find("<code class=\"app-key\">").unwrap() + "<code class=\"app-key\">".len();
    let key = made.body[at..].split('<').next().unwrap().to_owned();
    assert!(key.starts_with("fd_") && key.len() == 51, "{key}");
    let listed = crate::staff::get_with(&app, "/staff/admin/api-keys", &admin).await;
    assert!(!listed.body.contains(&key), "never shown again");
    assert_eq!(post_form(&app, "/open311/v2/requests.json", &report(&key)).await.status, StatusCode::OK);
    let stored: String = sqlx::query_scalar("SELECT key_hash FROM api_keys").fetch_one(t.db.reader()).await.unwrap();
    assert_ne!(stored, key, "only its hash is kept");

    let id: i64 = sqlx::query_scalar("SELECT id FROM api_keys").fetch_one(t.db.reader()).await.unwrap();
    let id = id.to_string();
    let revoked = crate::staff::post_with(
        &app,
        "/staff/admin/api-keys",
        &admin,
        &[("csrf", &csrf), ("action", "revoke"), ("id", &id)],
    )
    .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert_eq!(post_form(&app, "/open311/v2/requests.json", &report(&key)).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn anyone_reads_street_problems_without_a_key_and_nothing_that_identifies_a_home() {
    let (t, app) = setup().await;
    // A street problem, marked public by an administrator.
    let team: i64 = sqlx::query_scalar("SELECT id FROM teams").fetch_one(t.db.reader()).await.unwrap();
    let mut tx = t.db.begin().await.unwrap();
    let pothole = frontdoor::services::db::NewService {
        code: "pothole",
        name: "Report a pothole",
        group_name: "Roads and streets",
        description: "A hole in the road.",
        keywords: "",
        case_type: frontdoor::cases::CaseType::ServiceRequest,
        team_id: team,
        partner_id: None,
        asks_location: true,
    };
    frontdoor::services::db::insert(&mut tx, &pothole).await.unwrap();
    frontdoor::services::db::set_public_requests(&mut tx, &["pothole"]).await.unwrap();
    tx.commit().await.unwrap();
    let writer = key(&t.db, "write", None).await;
    let mut street = report(&writer);
    street.retain(|(k, _)| *k != "attribute[bins]");
    street[1] = ("service_code", "pothole");
    let street = json(&post_form(&app, "/open311/v2/requests.json", &street).await)[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let home = json(&post_form(&app, "/open311/v2/requests.json", &report(&writer)).await)[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Logged by phone at a house on the street, say: the case has the property's number.
    let id = frontdoor::cases::CaseRef::parse(&crate::support::prefix_for(&t.db), &street).unwrap().id();
    sqlx::query("UPDATE cases SET uprn = 100023336956 WHERE id = $1").bind(id).execute(t.db.writer()).await.unwrap();

    // The list with no key: the street problem alone, with where it is and how it stands.
    let listed = json(&get(&app, "/open311/v2/requests.json").await);
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    let r = &listed[0];
    assert_eq!(
        (r["service_request_id"].as_str(), r["service_code"].as_str()),
        (Some(street.as_str()), Some("pothole"))
    );
    assert_eq!(r["address"], "12 High Street");
    assert!(r["address_id"].is_null(), "no property number without a key: {r}");
    for personal in ["Jo", "Resident", "jo@example.com"] {
        assert!(!r.to_string().contains(personal), "{personal} in {r}");
    }
    let xml_list = get(&app, "/open311/v2/requests.xml?status=open").await;
    assert!(xml(&xml_list).contains(&street) && !xml_list.body.contains(&home));
    // One by one: the street problem is there; the home's and an unknown one are not found.
    assert_eq!(get(&app, &format!("/open311/v2/requests/{street}.json")).await.status, StatusCode::OK);
    assert_eq!(get(&app, &format!("/open311/v2/requests/{home}.json")).await.status, StatusCode::NOT_FOUND);
    let unknown = frontdoor::cases::CaseRef::from_id(&crate::support::prefix_for(&t.db), 999_999).to_string();
    assert_eq!(get(&app, &format!("/open311/v2/requests/{unknown}.json")).await.status, StatusCode::NOT_FOUND);
    let reader = key(&t.db, "read", None).await;
    let with_key = get(&app, &format!("/open311/v2/requests/{unknown}.json?api_key={reader}")).await;
    assert_eq!(with_key.status, StatusCode::NOT_FOUND);
    // With a key, every request, and the property number.
    let all = json(&get(&app, &format!("/open311/v2/requests.json?api_key={reader}")).await);
    assert_eq!(all.as_array().unwrap().len(), 2, "{all}");
    let one = json(&get(&app, &format!("/open311/v2/requests/{street}.json?api_key={reader}")).await);
    assert_eq!(one[0]["address_id"], "100023336956");
    // A key given and wrong is still refused, not read as no key.
    assert_eq!(get(&app, "/open311/v2/requests.json?api_key=nope").await.status, StatusCode::FORBIDDEN);
}
