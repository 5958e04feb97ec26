//! Letters in and out, on both databases: a letter's clock counts from the day it was
//! received (a worked bank-holiday date); a customer with only a postal address is
//! logged, acknowledged by letter, and printed from `/staff/post` as a PDF whose address
//! sits in the envelope's window; a reply by letter stops its clock only when printed;
//! reprints are deliberate and recorded; large print is 16 pt; the JSON API takes a
//! letter's channel, received time and postal address; bad input is refused by field.

use axum::http::{StatusCode, header};
use serde_json::json;

use frontdoor::cases::{Channel, EventKind, Status};
use frontdoor::customers::CustomerDetails;
use frontdoor::db::now_ms;
use frontdoor::letters::pdf::{self, LARGE_PT, WINDOW};

use crate::api::{call, key, parsed};
use crate::attachments::multipart_request;
use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{app, council_for, count, rules, seed_catalogue, send, test_db};

/// One piece of text as the PDF draws it: its size, left edge and baseline in points.
#[derive(Debug)]
struct Drawn {
    text: String,
    size: f32,
    x: f32,
    y: f32,
}

fn number(o: &lopdf::Object) -> f32 {
    match o {
        lopdf::Object::Integer(i) => *i as f32,
        lopdf::Object::Real(r) => *r,
        other => panic!("not a number: {other:?}"),
    }
}

/// Every page's text, read back by another PDF library: it must parse.
fn pages(bytes: &[u8]) -> Vec<Vec<Drawn>> {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
    let mut out = Vec::new();
    for (_, id) in doc.get_pages() {
        let content = doc.get_and_decode_page_content(id).expect("page content");
        let (mut size, mut x, mut y) = (0.0, 0.0, 0.0);
        let mut page = Vec::new();
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => size = number(&op.operands[1]),
                "Tm" => (x, y) = (number(&op.operands[4]), number(&op.operands[5])),
                "Tj" => {
                    let lopdf::Object::String(bytes, _) = &op.operands[0] else { panic!("Tj without a string") };
                    let text = bytes.iter().map(|b| char::from(*b)).collect();
                    page.push(Drawn { text, size, x, y });
                }
                _ => {}
            }
        }
        out.push(page);
    }
    out
}

/// Asserts every line of `address` is drawn on `page` inside the DL window.
fn in_window(page: &[Drawn], address: &[&str]) {
    let mm = 72.0 / 25.4;
    let (left, top, width, height) = WINDOW;
    let page_h = 297.0 * mm;
    for line in address {
        let d = page.iter().find(|d| d.text == *line).unwrap_or_else(|| panic!("{line:?} is not on the page"));
        // Generous on width: no Helvetica character is wider than its size.
        let right = d.x + d.text.chars().count() as f32 * d.size;
        assert!(d.x >= left * mm && right.min(d.x + width * mm) <= (left + width) * mm, "{line:?} at x {}", d.x);
        let (cap_top, descent) = (d.y + d.size, d.y - d.size * 0.25);
        assert!(cap_top <= page_h - top * mm, "{line:?} is above the window");
        assert!(descent >= page_h - (top + height) * mm, "{line:?} is below the window");
    }
}

/// All the text, lines joined by spaces, as a reader would read it out.
fn all_text(pages: &[Vec<Drawn>]) -> String {
    pages.iter().flatten().map(|d| d.text.as_str()).collect::<Vec<_>>().join(" ")
}

#[test]
fn a_large_print_letter_is_16_point_and_its_address_sits_in_the_window() {
    let letter = pdf::Letter {
        recipient: vec![
            "Mrs Ada Jones".into(),
            "Flat 2".into(),
            "14 Mill Lane".into(),
            "Kingsmead".into(),
            "KM1 4AB".into(),
        ],
        reference: "KMB-4K7-9QX".into(),
        date: "7 December 2026".into(),
        subject: "About your case KMB-4K7-9QX".into(),
        body: "Dear Mrs Jones,\n\n".to_owned() + &"We have emptied the bin in Mill Lane. ".repeat(120),
        large_print: true,
        language: frontdoor::language::ENGLISH,
    };
    let from = pdf::Sender { name: "Kingsmead Council".into(), address: vec!["Town Hall".into(), "KM1 1AA".into()] };
    let normal = pdf::Letter { large_print: false, ..letter.clone() };
    let bytes = pdf::render(&[letter, normal], &from, "test");
    let pages = pages(&bytes);
    assert!(pages.len() >= 3, "a long large-print letter runs over pages, then the normal one starts a page");
    let large: Vec<&Drawn> = pages.iter().take_while(|p| !p.is_empty()).flatten().collect();
    // Every piece of text of the large-print letter, on every page it takes.
    let first_normal = pages.iter().position(|p| p.iter().any(|d| d.size < LARGE_PT)).expect("the normal letter");
    for d in pages[..first_normal].iter().flatten() {
        assert!(d.size >= 16.0, "{:?} is {} pt", d.text, d.size);
    }
    assert!(!large.is_empty());
    in_window(&pages[0], &["Mrs Ada Jones", "Flat 2", "14 Mill Lane", "Kingsmead", "KM1 4AB"]);
    in_window(&pages[first_normal], &["Mrs Ada Jones", "14 Mill Lane", "KM1 4AB"]);
    let text = all_text(&pages);
    assert!(text.contains("Our reference: KMB-4K7-9QX"));
    assert!(text.contains("(page 2)"), "a continuation page names the reference and its number");
}

#[test]
fn a_welsh_letters_headings_are_in_welsh_and_its_accents_print() {
    let welsh = frontdoor::language::by_code("cy").unwrap();
    let letter = pdf::Letter {
        recipient: vec!["Mr Dafydd Jones".into(), "1 Heol y Dŵr".into(), "KM1 4AB".into()],
        reference: "KMB-4K7-9QX".into(),
        date: "Dydd Llun 7 Rhagfyr 2026".into(),
        subject: "Ynghylch eich achos KMB-4K7-9QX".into(),
        body: "Annwyl Mr Jones,\n\nMae'r dŵr wedi'i glirio.".into(),
        large_print: false,
        language: welsh,
    };
    let from = pdf::Sender { name: "Kingsmead Council".into(), address: vec!["Town Hall".into()] };
    let text = all_text(&pages(&pdf::render(&[letter], &from, "test")));
    assert!(text.contains("Ein cyfeirnod: KMB-4K7-9QX"), "{text}");
    assert!(text.contains("Dyddiad: Dydd Llun 7 Rhagfyr 2026"), "{text}");
    assert!(text.contains("Mae'r dwr wedi'i glirio."), "a w with a circumflex prints as w, not ?: {text}");
    // Arabic cannot be printed in the letters' font: an Arabic reader's letters are in English.
    assert_eq!(frontdoor::language::by_code("ar").unwrap().in_print(), frontdoor::language::ENGLISH);
    assert_eq!(welsh.in_print(), welsh);
}

/// A letter from `customer` about `service`, received at `received_at` (or now).
fn letter_from<'a>(
    service: &'a frontdoor::services::Service,
    customer: &'a CustomerDetails,
    description: &str,
    received_at: Option<i64>,
) -> frontdoor::intake::Request<'a> {
    frontdoor::intake::Request {
        language: frontdoor::language::ENGLISH,
        service,
        channel: Channel::Letter,
        customer,
        location: Default::default(),
        description: description.into(),
        subject: &service.name,
        in_reply_to: None,
        acknowledge: true,
        logged_by: None,
        resolved_at_first_contact: false,
        answers: &[],
        callback: None,
        received_at,
        demand: None,
        reason: None,
    }
}

/// Tuesday 1 September 2026 10:00 in London; the letter came on Thursday 27 August,
/// before the late summer bank holiday on Monday 31 August.
const TUESDAY: &str = "2026-09-01T09:00:00Z";
const THURSDAY_NOON: &str = "2026-08-27T11:00:00Z";

#[tokio::test]
async fn a_letter_received_before_a_bank_holiday_and_logged_later_counts_from_the_day_it_came() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let council = council_for(&t.db);
    let service = frontdoor::services::db::by_code(t.db.reader(), "general").await.unwrap().unwrap();
    let customer = CustomerDetails {
        name: "Ada Jones".into(),
        address: Some("14 Mill Lane\nKingsmead".into()),
        postcode: Some("KM1 4AB".into()),
        ..CustomerDetails::default()
    };
    let ms = |s: &str| s.parse::<jiff::Timestamp>().unwrap().as_millisecond();
    let open = |received_at: Option<i64>| {
        letter_from(&service, &customer, "When is the library open at Christmas?", received_at)
    };
    let due_of = |case_id: i64| {
        let db = t.db.clone();
        async move {
            let due: i64 =
                sqlx::query_scalar("SELECT due_at FROM clocks WHERE case_id = $1 AND standard_id = 'letter-reply'")
                    .bind(case_id)
                    .fetch_one(db.reader())
                    .await
                    .unwrap();
            jiff::Timestamp::from_millisecond(due).unwrap().to_zoned(jiff::tz::TimeZone::get("Europe/London").unwrap())
        }
    };
    let mut tx = t.db.begin().await.unwrap();
    let came_thursday =
        frontdoor::intake::open(&mut tx, &council, &rules, open(Some(ms(THURSDAY_NOON))), ms(TUESDAY)).await.unwrap();
    let came_tuesday = frontdoor::intake::open(&mut tx, &council, &rules, open(None), ms(TUESDAY)).await.unwrap();
    tx.commit().await.unwrap();
    // Five working days from Thursday 27 August: Friday 28, (Monday 31 is a bank
    // holiday), Tuesday 1, Wednesday 2, Thursday 3, Friday 4 September.
    assert_eq!(due_of(came_thursday.case_id).await.date(), jiff::civil::date(2026, 9, 4));
    // Counted from the Tuesday it was logged, it would have been Tuesday 8 September.
    assert_eq!(due_of(came_tuesday.case_id).await.date(), jiff::civil::date(2026, 9, 8));
    let created: i64 = sqlx::query_scalar("SELECT created_at FROM cases WHERE id = $1")
        .bind(came_thursday.case_id)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(created, ms(THURSDAY_NOON), "the case was received when the letter came");
    // No email, so the acknowledgement is a letter to the address, waiting to be printed.
    let (channel, recipient): (String, String) =
        sqlx::query_as("SELECT channel, recipient FROM outbox WHERE case_id = $1 AND purpose = 'acknowledgement'")
            .bind(came_thursday.case_id)
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    assert_eq!((channel.as_str(), recipient.as_str()), ("letter", "Ada Jones\n14 Mill Lane\nKingsmead\nKM1 4AB"));
}

#[tokio::test]
async fn a_letter_writer_with_only_an_address_is_logged_acknowledged_and_printed_once() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let (cookie, csrf) = sign_in(&app, "adviser@council.example").await;
    let today = jiff::Zoned::now().with_time_zone(jiff::tz::TimeZone::get("Europe/London").unwrap()).date();
    let good = |changes: &[(&'static str, String)]| {
        let mut fields: Vec<(&'static str, String)> = vec![
            ("csrf", csrf.clone()),
            ("channel", "letter".into()),
            ("received", today.to_string()),
            ("service", "general".into()),
            ("description", "Please tell me when the library is open at Christmas.".into()),
            ("name", "Ada Jones".into()),
            ("postal-address", "14 Mill Lane\nKingsmead".into()),
            ("postal-postcode", "km1 4ab".into()),
        ];
        for (k, v) in changes {
            fields.retain(|(f, _)| f != k);
            fields.push((k, v.clone()));
        }
        fields
    };
    let post = |fields: Vec<(&'static str, String)>| {
        let (app, cookie) = (app.clone(), cookie.clone());
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post_with(&app, "/staff/log", &cookie, &pairs).await
        }
    };

    // Bad input, each named by its field; nothing is stored.
    let tomorrow = today.tomorrow().unwrap().to_string();
    let refusals = [
        (good(&[("received", tomorrow)]), "received", "cannot be in the future"),
        (good(&[("received", "32/13/2026".into())]), "received", "day/month/year"),
        (good(&[("received", String::new())]), "received", "Enter the date the letter was received"),
        (good(&[("postal-address", "Mill".into())]), "postal-address", "house number or name and the street"),
        (good(&[("name", String::new())]), "name", "name"),
        (good(&[("postal-address", String::new()), ("postal-postcode", String::new())]), "email", "postal address"),
    ];
    for (fields, field, words) in refusals {
        let reply = post(fields).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {}", reply.body);
        assert!(reply.body.contains(&format!("href=\"#{field}\"")), "{field} is named: {}", reply.body);
        assert!(reply.body.contains(words), "{field}: {words}");
    }
    // Over 10 working days back is asked about once, then taken when confirmed.
    let old = today.checked_sub(jiff::Span::new().days(30)).unwrap().to_string();
    let reply = post(good(&[("received", old.clone())])).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("more than 10 working days ago"), "{}", reply.body);
    assert!(reply.body.contains("name=\"received-confirmed\""));
    assert_eq!(count(&t.db, "cases").await, 0);

    // Logged with a scan of the letter.
    let mut fields = good(&[]);
    fields.push(("large-print", "yes".into()));
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let scan = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
    let mut request = multipart_request("/staff/log", &pairs, &[("letter.pdf", scan)]);
    // The helper names its file part for the public form; the staff form's is "scan".
    let body = std::mem::take(request.body_mut());
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let bytes = String::from_utf8_lossy(&bytes).replace("name=\"attachments\"", "name=\"scan\"");
    *request.body_mut() = axum::body::Body::from(bytes.into_bytes());
    request.headers_mut().insert(header::COOKIE, cookie.parse().unwrap());
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let reference = reply.location().trim_start_matches("/staff/log/").to_owned();
    // The adviser is given the date to tell the resident: the letter standard's.
    let logged = get_with(&app, reply.location(), &cookie).await;
    assert!(logged.body.contains("we will reply by "), "{}", logged.body);
    assert!(logged.body.contains("We reply to letters within 5 working days"));
    let case_id = frontdoor::cases::CaseRef::parse(&council_for(&t.db).prefix, &reference).unwrap().id();
    assert_eq!(count(&t.db, "attachments").await, 1, "the scan is kept with the case");
    let (email, phone, large): (Option<String>, Option<String>, i64) =
        sqlx::query_as("SELECT email, phone, large_print FROM customers").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!((email, phone, large), (None, None, 1));

    // The day's post lists the acknowledgement; printing gives one PDF and marks it sent.
    let post_page = get_with(&app, "/staff/post", &cookie).await;
    assert_eq!(post_page.status, StatusCode::OK);
    assert!(post_page.body.contains("Waiting to be printed (1)"), "{}", post_page.body);
    assert!(post_page.body.contains("Ada Jones, 14 Mill Lane, KM1 4AB"));
    let printed = post_with(&app, "/staff/post", &cookie, &[("csrf", &csrf), ("action", "batch")]).await;
    assert_eq!(printed.status, StatusCode::OK);
    assert_eq!(printed.headers[header::CONTENT_TYPE], "application/pdf");
    let drawn = pages(&printed.raw);
    let text = all_text(&drawn);
    assert!(text.contains(&reference), "the reference is printed");
    assert!(text.contains("We have your message"));
    assert!(text.contains("write to us at the address at the top of this letter"), "{text}");
    assert!(!text.contains("reply to this email"), "a letter does not ask for an email reply");
    assert!(text.contains("We will reply by"), "the acknowledgement gives the due date: {text}");
    in_window(&drawn[0], &["Ada Jones", "14 Mill Lane", "Kingsmead", "KM1 4AB"]);
    assert!(drawn[0].iter().all(|d| d.size >= 16.0), "large print, as asked");
    let case = frontdoor::cases::db::get(t.db.reader(), case_id).await.unwrap().unwrap();
    assert_eq!(case.status, Status::Acknowledged, "a printed acknowledgement acknowledges the case");

    // Printed once: a second batch finds nothing.
    let again = post_with(&app, "/staff/post", &cookie, &[("csrf", &csrf), ("action", "batch")]).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(again.body.contains("There were no letters waiting to print"));
    // A reprint must say why; then it is recorded, on the letter and the case.
    let letter_id: i64 =
        sqlx::query_scalar("SELECT id FROM outbox WHERE channel = 'letter'").fetch_one(t.db.reader()).await.unwrap();
    let id = letter_id.to_string();
    let no_reason = post_with(
        &app,
        "/staff/post",
        &cookie,
        &[("csrf", &csrf), ("action", "reprint"), ("id", &id), ("reason", " ")],
    )
    .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains(&format!("href=\"#reason-{id}\"")));
    let reprint = post_with(
        &app,
        "/staff/post",
        &cookie,
        &[("csrf", &csrf), ("action", "reprint"), ("id", &id), ("reason", "the printer jammed")],
    )
    .await;
    assert_eq!(reprint.status, StatusCode::OK);
    assert!(all_text(&pages(&reprint.raw)).contains(&reference));
    let prints: Vec<(i64, Option<String>)> =
        sqlx::query_as("SELECT reprint, reason FROM letter_prints WHERE outbox_id = $1 ORDER BY id")
            .bind(letter_id)
            .fetch_all(t.db.reader())
            .await
            .unwrap();
    assert_eq!(prints, [(0, None), (1, Some("the printer jammed".to_owned()))]);
    let events = frontdoor::cases::db::events(t.db.reader(), case_id).await.unwrap();
    assert!(events.iter().any(|e| e.body.as_deref().is_some_and(|b| b.contains("printed again: the printer jammed"))));

    // A reply by letter: the reply clock runs until the letter is printed.
    let staff_case = format!("/staff/cases/{reference}");
    let replied = post_with(
        &app,
        &staff_case,
        &cookie,
        &[
            ("csrf", &csrf),
            ("action", "reply"),
            ("checked", "yes"),
            ("reply", "The library is open on 27 and 28 December."),
        ],
    )
    .await;
    assert_eq!(replied.status, StatusCode::SEE_OTHER, "{}", replied.body);
    let clock = |db: frontdoor::db::Db| async move {
        sqlx::query_as::<_, (String, Option<i64>)>(
            "SELECT state, stopped_at FROM clocks WHERE case_id = $1 AND standard_id = 'letter-reply'",
        )
        .bind(case_id)
        .fetch_one(db.reader())
        .await
        .unwrap()
    };
    assert_eq!(clock(t.db.clone()).await, ("running".to_owned(), None), "written is not yet sent");
    let events = frontdoor::cases::db::events(t.db.reader(), case_id).await.unwrap();
    assert!(events.iter().any(|e| e.kind == EventKind::Letter && e.public));
    let before = now_ms();
    let rules = rules(&t.db).await;
    let printed = frontdoor::letters::print(&t.db, &rules, None, None, now_ms()).await.unwrap();
    assert_eq!(printed.len(), 1);
    let (state, stopped) = clock(t.db.clone()).await;
    assert_eq!(state, "met");
    assert!(stopped.unwrap() >= before, "the clock stopped when the letter was printed");
}

#[tokio::test]
async fn the_api_takes_a_letters_channel_received_time_and_postal_address() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let write = key(&t.db, "write", None).await;
    let received = jiff::Timestamp::now().checked_sub(jiff::SignedDuration::from_hours(50)).unwrap();
    let body = json!({
        "service": "general",
        "description": "A letter about the library.",
        "name": "Ada Jones",
        "channel": "letter",
        "received_at": received.to_string(),
        "postal_address": "14 Mill Lane\nKingsmead",
        "postal_postcode": "KM1 4AB",
    });
    let reply = call(&app, "POST", "/api/v1/cases", &write, Some(&body), None).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let case = parsed(&reply);
    assert_eq!(case["channel"], "letter");
    let due: i64 = sqlx::query_scalar("SELECT MIN(due_at) FROM clocks WHERE state = 'running'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    let due = jiff::Timestamp::from_millisecond(due).unwrap();
    let answered: jiff::Timestamp = case["due_at"].as_str().expect("due_at").parse().unwrap();
    assert_eq!(answered, due, "due_at is the case's first deadline");
    let created: i64 = sqlx::query_scalar("SELECT created_at FROM cases").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(created, received.as_millisecond());

    let future = jiff::Timestamp::now().checked_add(jiff::SignedDuration::from_hours(5)).unwrap();
    for (change, field) in [
        (json!({"received_at": future.to_string()}), "received_at"),
        (json!({"received_at": "last Tuesday"}), "received_at"),
        (json!({"received_at": "0001-01-01T00:00:00Z"}), "received_at"),
        (json!({"channel": "pigeon"}), "channel"),
        (json!({"postal_address": "Mill"}), "postal_address"),
        (json!({"postal_postcode": ""}), "postal_postcode"),
    ] {
        let mut bad = body.clone();
        for (k, v) in change.as_object().unwrap() {
            bad[k] = v.clone();
        }
        let reply = call(&app, "POST", "/api/v1/cases", &write, Some(&bad), None).await;
        let fields = crate::api::problem(&reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(fields, [field], "{}", reply.body);
    }
    assert_eq!(count(&t.db, "cases").await, 1);
}

#[tokio::test]
async fn a_resolution_asks_with_one_link_and_a_no_reopens_the_case_on_a_new_clock() {
    use frontdoor::actions::CaseAction;
    use frontdoor::actions::by_customer::{Feedback, give_feedback};
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let council = council_for(&t.db);
    let opened = crate::support::open_at(&t.db, &rules, "general", "pat@example.org", now_ms()).await;
    let mut tx = t.db.begin().await.unwrap();
    let resolve = CaseAction::Status { to: Status::Resolved, note: "We have sent you the library's hours.".into() };
    let officer = frontdoor::cases::Actor::staff(1);
    frontdoor::actions::perform(&mut tx, &council, &rules, opened.case_id, officer, &resolve, now_ms()).await.unwrap();
    tx.commit().await.unwrap();
    let body: String = sqlx::query_scalar("SELECT body FROM outbox WHERE purpose = 'resolution'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(body.matches("http").count(), 1, "one link: {body}");
    assert!(body.contains(&format!("/cases/{}/open/", opened.reference)) && body.contains("#feedback"), "{body}");
    assert!(body.contains("Did this sort it out?"), "{body}");

    let case = frontdoor::cases::db::get(t.db.reader(), opened.case_id).await.unwrap().unwrap();
    let mut tx = t.db.begin().await.unwrap();
    let no = Feedback { solved: false, rating: 2, comment: "The hours are wrong.".into() };
    give_feedback(&mut tx, &rules, &case, &no, now_ms()).await.unwrap();
    tx.commit().await.unwrap();
    let clocks: Vec<(String, String)> =
        sqlx::query_as("SELECT standard_id, state FROM clocks WHERE case_id = $1 ORDER BY standard_id")
            .bind(opened.case_id)
            .fetch_all(t.db.reader())
            .await
            .unwrap();
    assert!(clocks.contains(&("request-resolved".to_owned(), "met".to_owned())), "{clocks:?}");
    assert!(clocks.contains(&("reopened-resolved".to_owned(), "running".to_owned())), "a new clock: {clocks:?}");
}

#[tokio::test]
async fn the_command_line_prints_one_pdf_per_letter_and_never_one_twice() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let council = council_for(&t.db);
    let service = frontdoor::services::db::by_code(t.db.reader(), "general").await.unwrap().unwrap();
    let mut references = Vec::new();
    for (name, street) in [("Ada Jones", "14 Mill Lane"), ("Ben Okafor", "3 Station Road")] {
        let customer = CustomerDetails {
            name: name.into(),
            address: Some(street.into()),
            postcode: Some("KM1 4AB".into()),
            ..CustomerDetails::default()
        };
        let request = letter_from(&service, &customer, "About the library.", None);
        let mut tx = t.db.begin().await.unwrap();
        let opened = frontdoor::intake::open(&mut tx, &council, &rules, request, now_ms()).await.unwrap();
        tx.commit().await.unwrap();
        references.push((opened.reference.to_string(), street));
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("post");
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_frontdoor"))
            .args(["letters", "print", "--out", out.to_str().unwrap()])
            .env("FRONTDOOR_DATABASE_URL", &t.url)
            .env_remove("FRONTDOOR_POLICY")
            .output()
            .expect("runs")
    };
    let first = run();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stdout).starts_with("Printed 2 letter(s)"));
    let mut files: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert_eq!(files.len(), 2);
    for (reference, street) in &references {
        let file = files.iter().find(|f| f.to_string_lossy().ends_with(&format!("-{reference}.pdf"))).expect("named");
        let drawn = pages(&std::fs::read(file).unwrap());
        assert!(all_text(&drawn).contains(reference.as_str()));
        in_window(&drawn[0], &[street, "KM1 4AB"]);
    }
    let again = run();
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("Printed 0 letter(s)"));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2, "nothing is printed twice");
    let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE channel = 'letter' AND sent_at IS NOT NULL")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(sent, 2);
}

#[tokio::test]
async fn staff_change_how_a_customer_is_written_to_on_their_record() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let (cookie, csrf) = sign_in(&app, "adviser@council.example").await;
    let mut tx = t.db.begin().await.unwrap();
    let only_post = CustomerDetails {
        name: "Ada Jones".into(),
        address: Some("14 Mill Lane".into()),
        postcode: Some("KM1 4AB".into()),
        ..CustomerDetails::default()
    };
    let id = frontdoor::customers::db::find_or_create(&mut tx, &only_post, now_ms()).await.unwrap();
    tx.commit().await.unwrap();
    let uri = format!("/staff/customers/{id}/post");
    let refusals = [
        (vec![("postal-address", ""), ("postal-postcode", "")], "keep an address, so we can reply"),
        (
            vec![("postal-address", ""), ("postal-postcode", ""), ("large-print", "yes")],
            "or untick post and large print",
        ),
        (vec![("postal-address", "Mill"), ("postal-postcode", "KM1 4AB")], "house number or name and the street"),
        (vec![("postal-address", "14 Mill Lane"), ("postal-postcode", "nowhere")], "Enter a real postcode"),
    ];
    for (fields, words) in refusals {
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend(fields);
        let reply = post_with(&app, &uri, &cookie, &all).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{words}");
        assert!(reply.body.contains(words), "{words}: {}", reply.body);
    }
    let saved = post_with(
        &app,
        &uri,
        &cookie,
        &[
            ("csrf", &csrf),
            ("postal-address", "Flat 2, 14 Mill Lane, Kingsmead"),
            ("postal-postcode", "km1 4ab"),
            ("large-print", "yes"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let record = frontdoor::customers::db::get(t.db.reader(), id).await.unwrap().unwrap();
    assert_eq!(record.address.as_deref(), Some("Flat 2\n14 Mill Lane\nKingsmead"));
    assert_eq!(record.postcode.as_deref(), Some("KM1 4AB"));
    assert!(record.large_print && !record.prefers_post);
    let page = get_with(&app, &format!("/staff/customers/{id}"), &cookie).await;
    assert!(page.body.contains("By post: no email address, in large print"), "{}", page.body);
}

#[tokio::test]
async fn a_complaints_acknowledgement_gives_the_date_of_its_answer() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let council = council_for(&t.db);
    let mut tx = t.db.begin().await.unwrap();
    let team: i64 = sqlx::query_scalar("SELECT id FROM teams").fetch_one(&mut *tx).await.unwrap();
    let new = frontdoor::services::db::NewService {
        code: "complaint",
        name: "Make a complaint",
        group_name: "Contact the council",
        description: "A test service.",
        keywords: "",
        case_type: frontdoor::cases::CaseType::Complaint,
        team_id: team,
        partner_id: None,
        asks_location: false,
    };
    frontdoor::services::db::insert(&mut tx, &new).await.unwrap();
    tx.commit().await.unwrap();
    let service = frontdoor::services::db::by_code(t.db.reader(), "complaint").await.unwrap().unwrap();
    let customer = CustomerDetails {
        name: "Ada Jones".into(),
        address: Some("14 Mill Lane".into()),
        postcode: Some("KM1 4AB".into()),
        ..CustomerDetails::default()
    };
    let request = letter_from(&service, &customer, "Nobody answered my letters about the bins.", None);
    let now = "2026-11-30T10:00:00Z".parse::<jiff::Timestamp>().unwrap().as_millisecond();
    let mut tx = t.db.begin().await.unwrap();
    frontdoor::intake::open(&mut tx, &council, &rules, request, now).await.unwrap();
    tx.commit().await.unwrap();
    let body: String = sqlx::query_scalar("SELECT body FROM outbox WHERE purpose = 'acknowledgement'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    // The answer's clock starts when the complaint is acknowledged: 10 working days from
    // Monday 30 November is Monday 14 December.
    assert!(body.contains("We will deal with it by Monday 14 December 2026."), "{body}");
    assert!(body.contains("We answer a complaint within 10 working days"), "{body}");
    // What we send is in plain English: nothing the check would flag.
    assert_eq!(frontdoor::plain::check(&body), [], "{body}");
}
