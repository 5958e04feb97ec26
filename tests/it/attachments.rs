//! Check your answers, and files sent with a report: sniffed by content, kept through the
//! check, claimed by the case in its transaction, and served to staff only as downloads,
//! each download written to the access log.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use frontdoor::db::now_ms;
use frontdoor::org;

use crate::staff::{account, get_with, sign_in};
use crate::support::{Reply, app, count, post_form, reference_in, seed_catalogue, send, test_db, valid_report};

const FORM: &str = "/services/missed-bin/report";

/// The first bytes of a real JPEG (JFIF), enough for any sniffer.
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00];

/// Posts a multipart form, as a browser does for a form with a file input.
pub async fn post_multipart(app: &Router, uri: &str, fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> Reply {
    send(app, multipart_request(uri, fields, files)).await
}

/// A multipart form as a browser sends it.
pub fn multipart_request(uri: &str, fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> Request<Body> {
    const BOUNDARY: &str = "frontdoor-test-boundary-7MA4YWxkTrZu0gW";
    let mut body: Vec<u8> = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").bytes(),
        );
    }
    for (filename, bytes) in files {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"{filename}\"\r\n\
                 Content-Type: image/jpeg\r\n\r\n"
            )
            .bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").bytes());
    Request::post(uri)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(body))
        .expect("request")
}

/// The hidden fields of a page's form, unescaped.
pub fn hidden_fields(body: &str) -> Vec<(String, String)> {
    let unescape = |s: &str| {
        s.replace("&#34;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    };
    body.split("<input type=\"hidden\" name=\"")
        .skip(1)
        .filter_map(|rest| {
            let (name, rest) = rest.split_once("\" value=\"")?;
            let (value, _) = rest.split_once('"')?;
            Some((unescape(name), unescape(value)))
        })
        .collect()
}

fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// A JPEG of `len` bytes.
pub fn jpeg(len: usize) -> Vec<u8> {
    let mut bytes = JPEG.to_vec();
    bytes.resize(len, 0);
    bytes
}

#[tokio::test]
async fn a_report_is_checked_before_it_is_sent_and_change_brings_every_answer_back() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;

    let check = post_form(&app, FORM, &valid_report()).await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.body);
    assert!(check.body.contains("Check your answers before sending"));
    assert!(check.body.contains("The bin on our street was not emptied on Tuesday."));
    assert!(check.body.contains("KM1 2AB"), "the postcode is shown as it will be stored");
    assert_eq!(count(&t.db, "cases").await, 0, "nothing is stored until the resident sends it");

    let carried = hidden_fields(&check.body);
    assert!(carried.contains(&("name".to_owned(), "Jo Resident".to_owned())));
    let change = post_form(&app, &format!("{FORM}/change"), &pairs(&carried)).await;
    assert_eq!(change.status, StatusCode::OK);
    assert!(change.body.contains(r#"value="Jo Resident""#));
    assert!(change.body.contains("The bin on our street was not emptied on Tuesday.</textarea>"));

    let sent = post_form(&app, &format!("{FORM}/send"), &pairs(&carried)).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(count(&t.db, "cases").await, 1);
}

#[tokio::test]
async fn a_photo_is_known_by_its_content_kept_through_the_check_and_only_downloaded_by_staff() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let photo = jpeg(50_000);

    // A JPEG whose name says PNG: stored as the JPEG it is.
    let check = post_multipart(&app, FORM, &valid_report(), &[("C:\\Photos\\bin.png", &photo)]).await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.body);
    assert!(check.body.contains("bin.jpg (49 KB)"), "{}", check.body);
    assert_eq!(count(&t.db, "attachments").await, 1, "stored on arrival, waiting for the form");

    let sent = post_form(&app, &format!("{FORM}/send"), &pairs(&hidden_fields(&check.body))).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let reference = reference_in(sent.location()).to_owned();
    let (case_id, kind): (Option<i64>, String) =
        sqlx::query_as("SELECT case_id, content_type FROM attachments").fetch_one(t.db.reader()).await.expect("file");
    assert!(case_id.is_some(), "the case claimed its file");
    assert_eq!(kind, "image/jpeg");

    // Not on any public page...
    let public = crate::support::get(&app, &format!("/cases/{reference}")).await;
    assert!(!public.body.contains("bin.jpg"));

    // ...but on the case page, as a download.
    account(&t.db, "adviser@kingsmead.example", "adviser", None, None).await;
    let (cookie, _) = sign_in(&app, "adviser@kingsmead.example").await;
    let page = get_with(&app, &format!("/staff/cases/{reference}"), &cookie).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Download bin.jpg"));
    // Staff see how each date was worked out; the public page never shows it.
    assert!(page.body.contains("How the date was worked out"));
    assert!(!public.body.contains("How the date was worked out"));
    let link = page.body.split("href=\"").find(|s| s.contains("/files/")).expect("file link");
    let link = link.split('"').next().expect("href");
    let request = Request::get(link).header(header::COOKIE, &cookie).body(Body::empty()).expect("request");
    let response = app.clone().oneshot(request).await.expect("answer");
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers[header::CONTENT_TYPE], "image/jpeg");
    let disposition = headers[header::CONTENT_DISPOSITION].to_str().expect("ascii");
    assert!(disposition.starts_with("attachment; filename=\"bin.jpg\""), "{disposition}");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(response.into_body().collect().await.expect("body").to_bytes().as_ref(), &photo[..]);

    // Both looks are in the access log.
    let views: Vec<String> =
        sqlx::query_scalar("SELECT what FROM case_views ORDER BY id").fetch_all(t.db.reader()).await.expect("views");
    assert_eq!(views.len(), 2);
    assert_eq!(views[0], "case");
    assert!(views[1].starts_with("file "));
}

#[tokio::test]
async fn a_disguised_empty_or_oversized_file_is_refused_by_name_and_everything_else_is_kept() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let script: &[u8] = b"<html><script>alert(1)</script></html>";
    let program: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00";
    let big = jpeg(10 * 1024 * 1024 + 1);
    let good = jpeg(2_000);
    let files: [(&str, &[u8]); 5] =
        [("photo.jpg", script), ("bin.jpg", program), ("empty.jpg", b""), ("big.jpg", &big), ("good.jpg", &good)];
    let reply = post_multipart(&app, FORM, &valid_report(), &files).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    for message in [
        "The file photo.jpg must be a JPG, PNG, HEIC or WebP photo, or a PDF",
        "The file bin.jpg must be a JPG, PNG, HEIC or WebP photo, or a PDF",
        "The file empty.jpg is empty",
        "The file big.jpg must be smaller than 10 MB",
    ] {
        assert!(reply.body.contains(&format!("<a href=\"#attachments\">{message}</a>")), "{message}");
    }
    // The good file is kept, and so is everything typed.
    assert!(reply.body.contains("Take off good.jpg (2 KB)"));
    assert!(reply.body.contains(r#"value="Jo Resident""#));
    assert_eq!(count(&t.db, "attachments").await, 1);
    assert_eq!(count(&t.db, "cases").await, 0);
}

#[tokio::test]
async fn no_more_than_five_files_and_a_file_taken_off_is_not_sent() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let photo = jpeg(1_000);
    let names = ["1.jpg", "2.jpg", "3.jpg", "4.jpg", "5.jpg", "6.jpg"];
    let files: Vec<(&str, &[u8])> = names.iter().map(|n| (*n, &photo[..])).collect();
    let reply = post_multipart(&app, FORM, &valid_report(), &files).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("Add no more than 5 files: 6.jpg was not added"));
    assert_eq!(count(&t.db, "attachments").await, 5);

    // Take the first off, and go on: four files reach the check, and the case.
    let mut fields = hidden_fields(&reply.body);
    let first = fields.iter().find(|(k, _)| k == "upload").expect("upload").1.clone();
    fields.retain(|(k, _)| k == "upload");
    fields.push(("remove".to_owned(), first));
    let mut posted = pairs(&fields);
    posted.extend(valid_report());
    let check = post_form(&app, FORM, &posted).await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.body);
    assert!(!check.body.contains("1.jpg") && check.body.contains("5.jpg"));
    let sent = post_form(&app, &format!("{FORM}/send"), &pairs(&hidden_fields(&check.body))).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let claimed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachments WHERE case_id IS NOT NULL")
        .fetch_one(t.db.reader())
        .await
        .expect("count");
    assert_eq!(claimed, 4);
}

#[tokio::test]
async fn a_file_that_has_gone_stops_the_report_and_nothing_is_half_stored() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let mut fields = valid_report();
    fields.push(("upload", "no-such-file"));
    let reply = post_form(&app, &format!("{FORM}/send"), &fields).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("A file you added was not sent within a day, so it was deleted. Add it again"));
    for table in ["cases", "case_events", "contacts", "clocks", "outbox", "customers"] {
        assert_eq!(count(&t.db, table).await, 0, "{table}");
    }
}

#[tokio::test]
async fn files_left_on_a_form_never_sent_are_deleted_after_an_hour() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let photo = jpeg(1_000);
    post_multipart(&app, FORM, &valid_report(), &[("a.jpg", &photo)]).await;
    let deleted = frontdoor::attachments::db::delete_abandoned(t.db.writer(), now_ms()).await.expect("sweep");
    assert_eq!(deleted, 0, "a file is kept for an hour");
    assert_eq!(frontdoor::attachments::PENDING_MS, 3_600_000);
    let later = now_ms() + frontdoor::attachments::PENDING_MS + 1;
    let deleted = frontdoor::attachments::db::delete_abandoned(t.db.writer(), later).await.expect("sweep");
    assert_eq!(deleted, 1);
}

#[tokio::test]
async fn a_partner_or_another_teams_caseworker_gets_not_found_and_insight_is_refused() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, &format!("{FORM}/send"), &valid_report()).await;
    let reference = reference_in(sent.location()).to_owned();
    {
        let mut tx = t.db.begin().await.expect("begin");
        org::db::insert_partner(&mut tx, "repairs", "Repairs Ltd", "repairs@example.com").await.expect("partner");
        org::db::insert_team(&mut tx, "parks", "Parks", "parks@example.com").await.expect("team");
        tx.commit().await.expect("commit");
    }
    account(&t.db, "partner@repairs.example", "partner", None, Some("repairs")).await;
    account(&t.db, "parks@kingsmead.example", "caseworker", Some("parks"), None).await;
    account(&t.db, "waste@kingsmead.example", "caseworker", Some("waste"), None).await;
    account(&t.db, "insight@kingsmead.example", "insight", None, None).await;
    let case = format!("/staff/cases/{reference}");
    for who in ["partner@repairs.example", "parks@kingsmead.example"] {
        let (cookie, _) = sign_in(&app, who).await;
        assert_eq!(get_with(&app, &case, &cookie).await.status, StatusCode::NOT_FOUND, "{who}");
        assert_eq!(get_with(&app, &format!("{case}/files/1"), &cookie).await.status, StatusCode::NOT_FOUND);
        let found = get_with(&app, &format!("/staff/cases?reference={reference}"), &cookie).await;
        assert_eq!(found.status, StatusCode::NOT_FOUND, "{who}: finding by reference gives nothing away");
        assert!(found.body.contains("that you can see"));
    }
    let (cookie, _) = sign_in(&app, "insight@kingsmead.example").await;
    assert_eq!(get_with(&app, &case, &cookie).await.status, StatusCode::FORBIDDEN);
    let (cookie, _) = sign_in(&app, "waste@kingsmead.example").await;
    let found = get_with(&app, &format!("/staff/cases?reference={}", reference.to_lowercase()), &cookie).await;
    assert_eq!(found.status, StatusCode::SEE_OTHER, "{}", found.body);
    assert_eq!(found.location(), case);
    assert_eq!(get_with(&app, &case, &cookie).await.status, StatusCode::OK);
    assert_eq!(count(&t.db, "case_views").await, 1, "only the view that was allowed is logged");
}
