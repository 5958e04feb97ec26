//! The public site beyond the forms: contact us, finding a service, a service's page,
//! service notices from publishing to taking down (with views counted), finding a case
//! by reference, and the accessibility, cookies and privacy pages.

use axum::http::StatusCode;

use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{app, get, post_form, reference_in, seed_catalogue, test_db, valid_report};

#[tokio::test]
async fn contact_us_lists_every_channel_with_its_promise_and_an_adviser_on_every_line() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let page = get(&app, "/contact").await;
    assert_eq!(page.status, 200);
    for text in [
        "0300 123 4000",
        "href=\"tel:03001234000\"",
        "Monday to Friday, 9am to 5pm",
        "0, or say &#34;adviser&#34;, for anything else or to speak to a person",
        "Every call is answered by a person",
        "contact@kingsmead.example",
        "Town Hall, 1 Market Square",
        "Phone calls answered",
        "We answer phone calls within 30 seconds",
        "Online forms and emails replied to",
        "Letters replied to",
        "None due yet in",
    ] {
        assert!(page.body.contains(text), "contact us says {text:?}");
    }
    // The test catalogue has no callback service, so the page does not offer one.
    assert!(!page.body.contains("href=\"#callback\""));
}

#[tokio::test]
async fn a_service_is_found_by_its_words_and_its_page_says_what_we_promise() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let found = get(&app, "/services?q=MISSED").await;
    assert!(found.body.contains("1 service matches"), "{}", found.body);
    assert!(found.body.contains("href=\"/services/missed-bin\""));
    let none = get(&app, "/services?q=parking+permit").await;
    assert!(none.body.contains("No services match"));
    assert!(none.body.contains("href=\"/contact\""), "a way to a person when nothing matches");

    let page = get(&app, "/services/missed-bin").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("What this covers") && page.body.contains("A test service."));
    assert!(page.body.contains("href=\"/services/missed-bin/report\""));
    assert!(page.body.contains("Online forms and emails acknowledged"), "the standard that applies");
    let missing = get(&app, "/services/no-such-thing").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("no-such-thing"));
}

#[tokio::test]
async fn a_notice_is_published_shown_where_it_applies_counted_and_taken_down() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    account(&t.db, "worker@council.example", "caseworker", Some("waste"), None).await;
    let (worker, _) = sign_in(&app, "worker@council.example").await;
    assert_eq!(get_with(&app, "/staff/admin/notices", &worker).await.status, StatusCode::FORBIDDEN);
    account(&t.db, "admin@council.example", "admin", None, None).await;
    let (cookie, csrf) = sign_in(&app, "admin@council.example").await;

    // Every problem is named at once.
    let blank = [("csrf", csrf.as_str()), ("action", "add"), ("starts", ""), ("ends", "")];
    let refused = post_with(&app, "/staff/admin/notices", &cookie, &blank).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["title", "body", "starts", "ends"] {
        assert!(refused.body.contains(&format!("href=\"#{field}\"")), "{field} is named");
    }
    let today = jiff::Zoned::now().with_time_zone(jiff::tz::TimeZone::get("Europe/London").unwrap()).date();
    let notice = [
        ("csrf", csrf.as_str()),
        ("action", "add"),
        ("service", "missed-bin"),
        ("area", "Wealdstone"),
        ("title", "Collections a day late"),
        ("body", "Bins in Wealdstone are a day late this week."),
        ("starts", &today.to_string()),
        ("ends", &today.to_string()),
    ];
    let added = post_with(&app, "/staff/admin/notices", &cookie, &notice).await;
    assert_eq!(added.location(), "/staff/admin/notices?done=added", "{}", added.body);

    // It shows on the service's page, its form and contact us, not on another service.
    for page in ["/services/missed-bin", "/services/missed-bin/report", "/contact"] {
        let shown = get(&app, page).await;
        assert!(shown.body.contains("Collections a day late"), "{page} shows the notice");
        assert!(shown.body.contains("Wealdstone"));
    }
    assert!(!get(&app, "/services/general/report").await.body.contains("Collections a day late"));
    // Views are counted after each page has gone, so wait for the three counts.
    let mut views = 0;
    for _ in 0..100 {
        views = sqlx::query_scalar("SELECT views FROM service_notices").fetch_one(t.db.reader()).await.unwrap();
        if views == 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(views, 3);

    // Taken down, it shows nowhere, and the list keeps it with its count.
    let id: i64 = sqlx::query_scalar("SELECT id FROM service_notices").fetch_one(t.db.reader()).await.unwrap();
    let id = id.to_string();
    let end = [("csrf", csrf.as_str()), ("action", "end"), ("id", id.as_str())];
    assert_eq!(
        post_with(&app, "/staff/admin/notices", &cookie, &end).await.location(),
        "/staff/admin/notices?done=ended"
    );
    assert!(!get(&app, "/services/missed-bin").await.body.contains("Collections a day late"));
    let list = get_with(&app, "/staff/admin/notices", &cookie).await;
    assert!(list.body.contains("Ended") && list.body.contains("Collections a day late"));
}

#[tokio::test]
async fn a_reference_typed_on_the_front_page_finds_its_case() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    let reference = reference_in(sent.location()).to_owned();
    let typed = reference.to_lowercase().replace('-', " ");
    let found = get(&app, &format!("/cases?reference={}", crate::support::urlencode(&typed))).await;
    assert_eq!((found.status.as_u16(), found.location()), (303, format!("/cases/{reference}").as_str()));
    assert_eq!(get(&app, "/cases?reference=").await.status, 400);
    let typo = get(&app, "/cases?reference=KMB-000-001").await;
    assert_eq!(typo.status, 404);
    for page in ["/accessibility", "/cookies", "/privacy"] {
        assert_eq!(get(&app, page).await.status, 200, "{page}");
    }
}

#[tokio::test]
async fn the_language_switcher_remembers_a_choice_and_pages_say_what_language_they_are_in() {
    use axum::body::Body;
    use axum::http::{Request, header};
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let with = |uri: &str, cookie: &str| Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).unwrap();

    // Choosing Welsh sets a cookie for the whole site and goes back to the page.
    let switched = get(&app, "/language/cy?next=/contact").await;
    assert_eq!(switched.location(), "/contact");
    let set = switched.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(set.starts_with("fd_lang=cy; Path=/;"), "{set}");
    assert_eq!(get(&app, "/language/cy?next=//elsewhere.example/").await.location(), "/", "only back to this site");

    // A translated page is in Welsh and says so; the switcher marks the choice.
    let home = crate::support::send(&app, with("/", "fd_lang=cy")).await;
    assert!(home.body.contains("<html lang=\"cy\" dir=\"ltr\""));
    assert!(home.body.contains("Dod o hyd i wasanaeth") && home.body.contains("Cysylltu â ni"));
    assert!(
        home.body.contains("<span class=\"app-languages__current\" lang=\"cy\" aria-current=\"true\">Cymraeg</span>")
    );
    assert!(home.body.contains("href=\"/language/en?next=/\""));

    // Contact us is in Welsh; a page not translated yet is English, marked English, and
    // says so in Welsh.
    let contact = crate::support::send(&app, with("/contact", "fd_lang=cy")).await;
    assert!(
        contact.body.contains("<html lang=\"cy\" dir=\"ltr\"")
            && contact.body.contains("Pan fyddwch yn ffonio, pwyswch:")
    );
    assert!(contact.body.contains("Dim un yn ddyledus eto ym mis"), "this month's record, in Welsh");
    let untranslated = crate::support::send(&app, with("/staff/sign-in", "fd_lang=cy")).await;
    assert!(untranslated.body.contains("<html lang=\"en\" dir=\"ltr\""));
    assert!(untranslated.body.contains("lang=\"cy\" dir=\"ltr\">Nid yw&#39;r dudalen hon ar gael yn Gymraeg eto"));

    // Arabic is right to left; a browser's Accept-Language is used when nothing was chosen.
    let arabic = crate::support::send(&app, with("/", "fd_lang=ar")).await;
    assert!(arabic.body.contains("<html lang=\"ar\" dir=\"rtl\""));
    let browser =
        Request::get("/").header(header::ACCEPT_LANGUAGE, "cy-GB,cy;q=0.9,en;q=0.5").body(Body::empty()).unwrap();
    assert!(crate::support::send(&app, browser).await.body.contains("<html lang=\"cy\""));
    assert!(get(&app, "/").await.body.contains("<html lang=\"en\" dir=\"ltr\""));
}

#[tokio::test]
async fn a_form_speaks_welsh_and_names_every_problem_in_welsh() {
    use axum::body::Body;
    use axum::http::{Request, header};
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let form = crate::support::send(
        &app,
        Request::get("/services/missed-bin/report").header(header::COOKIE, "fd_lang=cy").body(Body::empty()).unwrap(),
    )
    .await;
    assert!(form.body.contains("<html lang=\"cy\""));
    assert!(form.body.contains("Dywedwch wrthym beth sydd ei angen arnoch") && form.body.contains("Ble mae e?"));

    // Everything missing or wrong: each error is in Welsh, and names the field.
    let body = "description=&address=&postcode=nowhere&name=&email=not-an-email&phone=";
    let refused = crate::support::send(
        &app,
        Request::post("/services/missed-bin/report")
            .header(header::COOKIE, "fd_lang=cy")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(refused.status, 422);
    for expected in [
        "Mae problem",
        "<a href=\"#description\">Rhowch disgrifiad</a>",
        "<a href=\"#name\">Rhowch eich enw</a>",
        "Rhowch god post go iawn, fel SW1A 1AA",
        "Rhowch gyfeiriad e-bost yn y fformat cywir",
    ] {
        assert!(refused.body.contains(expected), "the Welsh form says {expected:?}");
    }
    assert!(!refused.body.contains("Enter your name"), "no English errors on a Welsh page");

    // An error page is in Welsh, and so is a sentence about this request.
    let missing = crate::support::send(
        &app,
        Request::get("/no-such-page").header(header::COOKIE, "fd_lang=cy").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Heb ddod o hyd i&#39;r dudalen") || missing.body.contains("Heb ddod o hyd i'r dudalen")
    );
    let specific = crate::support::send(
        &app,
        Request::get("/services/nothing-here").header(header::COOKIE, "fd_lang=cy").body(Body::empty()).unwrap(),
    )
    .await;
    assert!(
        specific.body.contains("<p class=\"govuk-body\" lang=\"cy\">Nid oes gwasanaeth o&#39;r enw “nothing-here”"),
        "a sentence about this request, in Welsh: {}",
        specific.body
    );
}

#[test]
fn the_demo_councils_services_are_found_as_residents_type() {
    let all: Vec<frontdoor::services::Service> = frontdoor::demo::SERVICES
        .iter()
        .enumerate()
        .map(|(i, s)| frontdoor::services::Service {
            id: i as i64,
            code: s.code.into(),
            name: s.name.into(),
            group_name: s.group.into(),
            description: s.description.into(),
            keywords: s.keywords.into(),
            case_type: s.case_type,
            team_id: 1,
            partner_id: None,
            asks_location: s.asks_location,
        })
        .collect();
    for (typed, expected) in [
        ("streetlight", "streetlight"),
        ("potholes", "pothole"),
        ("bin not collected", "missed-bin"),
        ("flytipping", "fly-tipping"),
        ("council tax bill", "ctax-bill"),
    ] {
        let found = frontdoor::services::search(all.clone(), typed);
        let codes: Vec<&str> = found.iter().map(|s| s.code.as_str()).take(3).collect();
        assert_eq!(codes.first().copied(), Some(expected), "{typed:?} found {codes:?}");
    }
}
