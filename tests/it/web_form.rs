//! The public form through the router: field errors, escaping, and the reference.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use frontdoor::cases::CaseRef;
use frontdoor::cases::db::get;

use crate::support::{
    app, count, get as get_page, post_form, reference_in, seed_catalogue, send, test_db, valid_report,
    valid_report_with,
};

const FORM: &str = "/services/missed-bin/report";
/// Where the check-your-answers page sends a report: the form posted here is stored at once.
const SEND: &str = "/services/missed-bin/report/send";

/// The error summary's messages, in order.
fn summary(body: &str) -> Vec<String> {
    let Some(start) = body.find("govuk-error-summary__list") else {
        return Vec::new();
    };
    let list = &body[start..body[start..].find("</ul>").map_or(body.len(), |e| start + e)];
    list.split("<li><a href=\"#")
        .skip(1)
        .map(|item| {
            let (field, rest) = item.split_once("\">").expect("link");
            format!("{field}: {}", rest.split("</a>").next().expect("text"))
        })
        .collect()
}

#[tokio::test]
async fn an_empty_form_names_every_missing_field_in_the_error_summary() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;

    let reply = post_form(&app, SEND, &[]).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        summary(&reply.body),
        [
            "description: Enter a description",
            "address: Enter the address or place, or a postcode, so we can find it",
            "name: Enter your name",
            "email: Enter an email address or a phone number, so we can tell you what happens",
        ]
    );
    // Each field shows its own message, and the page title says there is an error.
    assert!(reply.body.contains("<title>Error: Report a missed bin"));
    assert!(reply.body.contains(r#"id="name-error""#));
    assert!(reply.body.contains(r#"id="description-error""#));
    assert_eq!(count(&t.db, "cases").await, 0);
}

#[tokio::test]
async fn text_over_ten_thousand_characters_is_refused_and_nothing_is_stored() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let long = "a".repeat(10_001);
    let long_name = "n".repeat(201);
    let fields = valid_report_with(&[("description", &long), ("name", &long_name)]);

    let reply = post_form(&app, SEND, &fields).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        summary(&reply.body),
        [
            "description: The description must be 10,000 characters or fewer (you entered 10,001)",
            "name: Your name must be 200 characters or fewer (you entered 201)",
        ]
    );
    assert_eq!(count(&t.db, "cases").await, 0);
}

#[tokio::test]
async fn exactly_ten_thousand_characters_is_accepted() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let long = "a".repeat(10_000);
    let fields = valid_report_with(&[("description", &long)]);
    let reply = post_form(&app, SEND, &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
}

#[tokio::test]
async fn script_in_a_field_is_shown_escaped_and_stored_only_as_text() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let script = "<script>alert('x')</script> \"quoted\" & more";

    // With an error elsewhere, the form comes back with the text escaped.
    let reply = post_form(&app, SEND, &[("description", script), ("address", script)]).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!reply.body.contains("<script>alert"), "unescaped script in the page");
    assert!(
        reply.body.contains("&#60;script&#62;alert") || reply.body.contains("&lt;script&gt;alert"),
        "escaped text missing"
    );

    // Accepted, it is stored exactly as typed: it is only ever text.
    let fields = valid_report_with(&[("description", script)]);
    let reply = post_form(&app, SEND, &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let reference = reference_in(reply.location()).to_owned();
    let id = CaseRef::parse(&crate::support::prefix_for(&t.db), &reference).expect("reference").id();
    let case = get(t.db.reader(), id).await.expect("read").expect("case");
    assert_eq!(case.description, script);
}

#[tokio::test]
async fn invisible_control_characters_and_bad_formats_get_field_errors() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let fields = [
        ("description", "missed\u{0}bin"),
        ("address", "1 High St"),
        ("postcode", "NOT A POSTCODE"),
        ("name", "Jo"),
        ("email", "jo-at-example.com"),
        ("phone", "call me maybe"),
    ];
    let reply = post_form(&app, SEND, &fields).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        summary(&reply.body),
        [
            "description: The description contains characters we cannot accept; retype it without them",
            "postcode: Enter a real postcode, like SW1A 1AA",
            "email: Enter an email address in the correct format, like name@example.com",
            "phone: Enter a phone number, like 01632 960 001 or +44 7700 900 982",
        ]
    );
    assert_eq!(count(&t.db, "cases").await, 0);
}

#[tokio::test]
async fn a_valid_report_is_stored_then_shows_its_reference() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;

    let form = get_page(&app, FORM).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(r#"<form method="post" action="/services/missed-bin/report""#));

    let reply = post_form(&app, SEND, &valid_report()).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let location = reply.location().to_owned();
    assert!(location.starts_with("/cases/KMB-") && location.ends_with("/submitted"), "{location}");

    // The redirect came after the commit: the case is already readable.
    assert_eq!(count(&t.db, "cases").await, 1);
    // Created, and the three clocks of a service request reported online: acknowledged,
    // replied to and dealt with.
    assert_eq!(count(&t.db, "case_events").await, 4);
    assert_eq!(count(&t.db, "clocks").await, 3);
    assert_eq!(count(&t.db, "contacts").await, 1);
    let reference = reference_in(&location);
    let case = get(t.db.reader(), CaseRef::parse(&crate::support::prefix_for(&t.db), reference).expect("ref").id())
        .await
        .expect("read")
        .expect("case");
    assert_eq!(case.location.postcode.as_deref(), Some("KM1 2AB"));

    let confirmation = get_page(&app, &location).await;
    assert_eq!(confirmation.status, StatusCode::OK);
    assert!(confirmation.body.contains("govuk-panel--confirmation"));
    assert!(confirmation.body.contains(reference));
}

#[tokio::test]
async fn a_mistyped_reference_is_caught_by_its_check_character() {
    let t = test_db().await;
    let app = app(&t.db).await;
    let reply = get_page(&app, "/cases/KMB-000-001/submitted").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(
        reply.body.contains("That reference is not one of ours; check it for a mistyped letter or number."),
        "{}",
        reply.body
    );
    // A well-formed reference for a case that does not exist is plainly not found.
    let unknown = CaseRef::from_id(&crate::support::prefix_for(&t.db), 42);
    let reply = get_page(&app, &format!("/cases/{unknown}/submitted")).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_unknown_service_and_an_unknown_page_are_not_found() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    assert_eq!(get_page(&app, "/services/no-such-thing/report").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        post_form(&app, "/services/no-such-thing/report/send", &valid_report()).await.status,
        StatusCode::NOT_FOUND
    );
    let page = get_page(&app, "/nowhere").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Page not found"));
    assert!(page.body.contains("Testshire Council"));
}

#[tokio::test]
async fn a_body_that_is_not_a_form_gets_a_clear_400() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let request = Request::post(FORM)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"description":"x"}"#))
        .expect("request");
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("We could not read the form that was sent"), "{}", reply.body);
}

#[tokio::test]
async fn the_services_page_lists_services_under_their_groups() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let page = get_page(&app, "/services").await;
    assert_eq!(page.status, StatusCode::OK);
    let bins = page.body.find(">Bins</h2>").expect("Bins group");
    let contact = page.body.find(">Contact the council</h2>").expect("contact group");
    assert!(page.body.find("Report a missed bin").expect("service") > bins);
    assert!(bins < contact, "groups are in alphabetical order");
}

#[tokio::test]
async fn health_and_readiness_answer_and_pages_carry_security_headers() {
    let t = test_db().await;
    let app = app(&t.db).await;
    let live = get_page(&app, "/healthz").await;
    assert_eq!((live.status, live.body.as_str()), (StatusCode::OK, "ok"));
    let ready = get_page(&app, "/readyz").await;
    assert_eq!((ready.status, ready.body.as_str()), (StatusCode::OK, "ready"));

    let home = get_page(&app, "/").await;
    assert_eq!(home.status, StatusCode::OK);
    let csp = home.headers.get(header::CONTENT_SECURITY_POLICY).expect("csp").to_str().expect("ascii");
    assert!(csp.contains("script-src 'self'"));
    assert_eq!(home.headers.get(header::X_CONTENT_TYPE_OPTIONS).expect("nosniff"), "nosniff");

    let css = get_page(&app, "/assets/frontdoor.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(!css.body.contains("GDS Transport"), "the government typeface must not be used");
    t.db.close().await;
    let down = get_page(&app, "/readyz").await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn bytes_that_are_not_utf8_are_refused_by_field_not_stored_mangled() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let request = Request::post(FORM)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("description=%FF%FE&name=Jo&email=jo%40example.com&address=1+High+St"))
        .expect("request");
    let reply = send(&app, request).await;
    // The form decoder turns them into U+FFFD; the rules refuse that, naming the field.
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    assert_eq!(
        summary(&reply.body),
        ["description: The description contains characters we cannot accept; retype it without them"]
    );
    assert_eq!(count(&t.db, "cases").await, 0);
}

#[tokio::test]
async fn unusual_but_real_text_is_accepted_as_typed() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    // Welsh, Arabic (right to left), an emoji and an apostrophe: all real residents' text.
    let description = "Mae'r bin heb ei gasglu. الحاوية لم تُفرغ 🗑️ O'Brien's bin";
    let fields = valid_report_with(&[("description", description)]);
    let reply = post_form(&app, SEND, &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let reference = reference_in(reply.location()).to_owned();
    let case = get(t.db.reader(), CaseRef::parse(&crate::support::prefix_for(&t.db), &reference).expect("ref").id())
        .await
        .expect("read")
        .expect("case");
    assert_eq!(case.description, description);
}

#[tokio::test]
async fn a_case_can_be_followed_by_its_reference_without_showing_anything_personal() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let reply = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    let reference = reference_in(reply.location()).to_owned();

    let page = get_page(&app, &format!("/cases/{reference}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("Case {reference}")));
    assert!(page.body.contains("Report a missed bin"), "the service");
    assert!(page.body.contains("Received"), "the status");
    assert!(page.body.contains("Online forms and emails replied to"), "the promise");
    assert!(page.body.contains("We will do this by "), "the promised date, as a sentence");
    assert!(page.body.contains(r#"<strong class="govuk-tag govuk-tag--blue">Due</strong>"#), "and its tag");
    for personal in ["Jo Resident", "jo.resident@example.com", "12 High Street", "not emptied on Tuesday"] {
        assert!(!page.body.to_lowercase().contains(&personal.to_lowercase()), "{personal} is shown");
    }
    let other = if reference.ends_with('X') { 'Y' } else { 'X' };
    let typo = get_page(&app, &format!("/cases/{}{other}", &reference[..reference.len() - 1])).await;
    assert_eq!(typo.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_callback_request_needs_a_phone_number_and_is_timed_by_its_own_standard() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    crate::support::callback_service(&t.db).await;
    let app = app(&t.db).await;
    let form = get_page(&app, "/services/callback/report").await;
    assert!(form.body.contains("Phone number to call"));
    assert!(!form.body.contains("Where is it?"));

    let fields = [("description", "Council tax, after 3pm"), ("name", "Ash Caller"), ("email", "ash@example.com")];
    let refused = post_form(&app, "/services/callback/report/send", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(summary(&refused.body), ["phone: Enter a phone number, so we can call you back"]);

    // The form asks when to call, and says so when nothing is chosen.
    assert!(
        form.body.contains("When should we call you?") && form.body.contains("The next working day, in the morning")
    );
    let fields = [
        ("description", "Council tax, after 3pm"),
        ("name", "Ash Caller"),
        ("phone", "01632 960 001"),
        ("callback-asked", "1"),
    ];
    let refused = post_form(&app, "/services/callback/report/send", &fields).await;
    assert_eq!(summary(&refused.body), ["callback-when: Choose when we should call you"]);

    let fields = [
        ("description", "Council tax, after 3pm"),
        ("name", "Ash Caller"),
        ("phone", "01632 960 001"),
        ("callback-asked", "1"),
        ("callback-when", "next-pm"),
    ];
    let reply = post_form(&app, "/services/callback/report/send", &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    // The callback standard is measured by the callback itself, not a clock.
    let standards: Vec<String> = sqlx::query_scalar("SELECT standard_id FROM clocks ORDER BY standard_id")
        .fetch_all(t.db.reader())
        .await
        .unwrap();
    assert_eq!(standards, ["online-acknowledge"]);
    let (phone, asap, from, to): (String, i64, i64, i64) =
        sqlx::query_as("SELECT phone, asap, window_from, window_to FROM callbacks")
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    assert_eq!((phone.as_str(), asap), ("01632960001", 0));
    // An afternoon: from 12:30 to closing at 17:00, four and a half hours.
    assert_eq!(to - from, 16_200_000);
}

#[tokio::test]
async fn a_services_own_questions_are_asked_checked_by_field_and_stored_with_the_case() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    crate::support::missed_bin_questions(&t.db).await;
    let app = app(&t.db).await;
    let form = get_page(&app, FORM).await;
    for expected in [
        r#"<legend class="govuk-fieldset__legend govuk-fieldset__legend--s"><span lang="en">Which bin was missed?</span></legend>"#,
        r#"id="answer-bin" name="answer-bin" type="radio" value="black""#,
        r#"id="answer-due-day" name="answer-due-day""#,
        r#"<span lang="en">How many extra bags?</span> (optional)"#,
    ] {
        assert!(form.body.contains(expected), "the form lacks {expected}");
    }

    let mut fields = valid_report();
    fields.extend([
        ("answer-due-day", "30"),
        ("answer-due-month", "2"),
        ("answer-due-year", "2026"),
        ("answer-bags", "two"),
    ]);
    let refused = post_form(&app, SEND, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        summary(&refused.body),
        [
            "answer-bin: Choose an answer to &#34;Which bin was missed?&#34;",
            "answer-due-day: &#34;When was it due?&#34; must be a real date, like 27 3 2026",
            "answer-bags: Enter a number for &#34;How many extra bags?&#34;, like 3 or 2.5",
        ]
    );
    // What was typed is kept for the resident to correct.
    assert!(refused.body.contains(r#"name="answer-due-day" type="text" inputmode="numeric" value="30""#));
    assert_eq!(count(&t.db, "cases").await, 0);

    let mut fields = valid_report();
    fields.extend([
        ("answer-bin", "green"),
        ("answer-due-day", "3"),
        ("answer-due-month", "3"),
        ("answer-due-year", "2026"),
        ("answer-bags", ""),
    ]);
    let reply = post_form(&app, SEND, &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let answers: Vec<(String, String, String)> =
        sqlx::query_as("SELECT code, value, shown FROM case_answers ORDER BY code")
            .fetch_all(t.db.reader())
            .await
            .unwrap();
    let answers: Vec<(&str, &str, &str)> =
        answers.iter().map(|(c, v, s)| (c.as_str(), v.as_str(), s.as_str())).collect();
    assert_eq!(answers, [("bin", "green", "Green bin"), ("due", "2026-03-03", "3 March 2026")]);
}

#[tokio::test]
async fn a_pin_on_the_map_is_enough_to_say_where_and_a_changed_one_is_refused() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let pinned = valid_report_with(&[("address", ""), ("postcode", "")]);
    let mut fields = pinned.clone();
    fields.extend([("lat", "52.630912"), ("lng", "-1.132701")]);
    let check = post_form(&app, FORM, &fields).await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.body);
    assert!(check.body.contains("A pin on the map at 52.63091, -1.13270"));
    let reply = post_form(&app, SEND, &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let id = CaseRef::parse(&crate::support::prefix_for(&t.db), reference_in(reply.location())).expect("ref").id();
    let case = get(t.db.reader(), id).await.expect("read").expect("case");
    assert_eq!((case.location.lat, case.location.lng), (Some(52.630912), Some(-1.132701)));

    for (lat, lng) in [("91", "0"), ("52.6", ""), ("NaN", "1"), ("52.6", "<script>")] {
        let mut fields = pinned.clone();
        fields.extend([("lat", lat), ("lng", lng)]);
        let refused = post_form(&app, SEND, &fields).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{lat},{lng}");
        assert!(refused.body.contains("The pin on the map could not be used. Drop it again, or leave it out"));
    }
    assert_eq!(count(&t.db, "cases").await, 1);
}

#[tokio::test]
async fn the_map_shows_only_when_the_council_has_tiles_and_their_host_is_allowed_to_load() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let without = get_page(&app(&t.db).await, FORM).await;
    assert!(!without.body.contains("location-map") && !without.body.contains("leaflet.js"));
    assert!(
        without.headers[header::CONTENT_SECURITY_POLICY].to_str().expect("ascii").contains("img-src 'self' data:;")
    );

    let mut state = crate::support::state(&t.db, &std::env::temp_dir()).await;
    let mut council = crate::support::council();
    council.map = Some(
        frontdoor::config::MapSettings::parse("https://tiles.example.org/{z}/{x}/{y}.png", "52.6,-1.1", "© Tiles")
            .expect("map"),
    );
    state.council = std::sync::Arc::new(council);
    let with = get_page(&frontdoor::web::router(state), FORM).await;
    assert!(with.body.contains(r#"data-tiles="https://tiles.example.org/{z}/{x}/{y}.png""#));
    assert!(with.body.contains(r#"<script src="/assets/leaflet.js" defer></script>"#));
    let csp = with.headers[header::CONTENT_SECURITY_POLICY].to_str().expect("ascii").to_owned();
    assert!(csp.contains("img-src 'self' data: https://tiles.example.org;"), "{csp}");

    for bad in ["tiles.example.org/{z}.png", "https://{s}.tiles.example.org/{z}.png", "https:///x.png"] {
        assert!(frontdoor::config::MapSettings::parse(bad, "52.6,-1.1", "").is_err(), "{bad}");
    }
    assert!(frontdoor::config::MapSettings::parse("/tiles/{z}/{x}/{y}.png", "north", "").is_err());
}
