//! Service content in the resident's language: translations as data with their English,
//! the public pages per string with English to fall back on, the case keeping the
//! language and every message in it, and a translator's PO file down and up.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use frontdoor::db::{Db, now_ms};
use frontdoor::language::by_code;
use frontdoor::translations;

use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{app, reference_in, seed_catalogue, send, test_db, valid_report_with};

const WELSH: &str = "fd_lang=cy";

async fn welsh_content(db: &Db) {
    crate::support::missed_bin_questions(db).await;
    let mut tx = db.begin().await.unwrap();
    let cy = by_code("cy").unwrap();
    for (key, english, text) in [
        ("service/missed-bin/name", "Report a missed bin", "Rhoi gwybod am fin heb ei gasglu"),
        ("group/Bins", "Bins", "Biniau"),
        ("question/missed-bin/bin/label", "Which bin was missed?", "Pa fin a gafodd ei fethu?"),
        ("choice/missed-bin/bin/black", "Black bin", "Bin du"),
    ] {
        translations::db::save(&mut tx, cy, key, english, text, now_ms()).await.unwrap();
    }
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn a_welsh_reader_sees_the_councils_words_in_welsh_where_translated_and_english_where_not() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    welsh_content(&t.db).await;
    let app = app(&t.db).await;

    let list = get_with(&app, "/services", WELSH).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(r#"lang="cy">Rhoi gwybod am fin heb ei gasglu</a>"#), "{}", list.body);
    assert!(list.body.contains(r#"lang="cy">Biniau</h2>"#));
    // Untranslated: the English, marked as English.
    assert!(list.body.contains(r#"lang="en">Ask us something else</a>"#));
    // Search finds it by the Welsh words and by the English.
    let found = get_with(&app, "/services?q=fin+heb+ei+gasglu", WELSH).await;
    assert!(found.body.contains("/services/missed-bin\""), "{}", found.body);
    let found = get_with(&app, "/services?q=missed+bin", WELSH).await;
    assert!(found.body.contains("/services/missed-bin\""));

    let form = get_with(&app, "/services/missed-bin/report", WELSH).await;
    assert!(form.body.contains(r#"<span lang="cy">Pa fin a gafodd ei fethu?</span>"#), "{}", form.body);
    assert!(form.body.contains(r#"lang="cy">Bin du</label>"#));
    assert!(form.body.contains(r#"lang="en">Green bin</label>"#));
    // An error names the question as the form asks it.
    let refused = post_with(&app, "/services/missed-bin/report", WELSH, &valid_report_with(&[])).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Pa fin a gafodd ei fethu?"));

    // English readers see the English.
    let english = crate::support::get(&app, "/services/missed-bin/report").await;
    assert!(english.body.contains(r#"<span lang="en">Which bin was missed?</span>"#));

    // When the English changes, the old translation is not shown.
    let mut tx = t.db.begin().await.unwrap();
    sqlx::query("UPDATE services SET name = 'Report a bin we missed' WHERE code = 'missed-bin'")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let list = get_with(&app, "/services", WELSH).await;
    assert!(list.body.contains(r#"lang="en">Report a bin we missed</a>"#));
    assert!(!list.body.contains("Rhoi gwybod am fin heb ei gasglu"));
}

#[tokio::test]
async fn a_case_reported_in_welsh_keeps_the_language_and_every_message_is_in_it() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    welsh_content(&t.db).await;
    account(&t.db, "caseworker@council.example", "caseworker", Some("waste"), None).await;
    let app = app(&t.db).await;

    let check = post_with(&app, "/services/missed-bin/report", WELSH, &valid_report_with(&[])).await;
    assert_eq!(check.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = valid_report_with(&[]);
    fields.push(("answer-bin", "black"));
    let check = post_with(&app, "/services/missed-bin/report", WELSH, &fields).await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.body);
    assert!(check.body.contains(r#"lang="cy">Pa fin a gafodd ei fethu?</dt>"#), "{}", check.body);
    assert!(check.body.contains(r#"lang="cy">Bin du</span>"#));
    let sent = post_with(&app, "/services/missed-bin/report/send", WELSH, &fields).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let reference = reference_in(sent.location()).to_owned();

    let language: String = sqlx::query_scalar("SELECT language FROM cases").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(language, "cy");
    // Staff keep the English answer.
    let stored: (String, String) =
        sqlx::query_as("SELECT label, shown FROM case_answers").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(stored, ("Which bin was missed?".to_owned(), "Black bin".to_owned()));

    let (subject, body): (String, String) =
        sqlx::query_as("SELECT subject, body FROM outbox WHERE purpose = 'acknowledgement'")
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    assert_eq!(subject, format!("Mae eich neges gennym: {reference}"));
    for welsh in ["Annwyl Jo Resident,", "Diolch am gysylltu â", "Eich cyfeirnod yw", "Dilynwch eich achos ar-lein"] {
        assert!(body.contains(welsh), "{welsh} in {body}");
    }

    // The resident's case page gives each promise in Welsh, as a sentence, where translated.
    let mut tx = t.db.begin().await.unwrap();
    translations::db::save(
        &mut tx,
        by_code("cy").unwrap(),
        "standard/online-reply/title",
        "Online forms and emails replied to",
        "Ateb ffurflenni ar-lein a negeseuon e-bost",
        now_ms(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let link = body.split_whitespace().find(|w| w.contains("/open/")).unwrap().to_owned();
    let path = link.trim_start_matches(|c| c != '/').trim_start_matches("//").to_owned();
    let path = &path[path.find('/').unwrap()..];
    let opened = get_with(&app, path, WELSH).await;
    let followed = if opened.status == StatusCode::SEE_OTHER {
        get_with(&app, opened.location(), &format!("{WELSH}; {}", set_cookies(&opened))).await
    } else {
        opened
    };
    assert!(
        followed.body.contains(r#"lang="cy">Ateb ffurflenni ar-lein a negeseuon e-bost</dt>"#),
        "{}",
        followed.body
    );
    assert!(followed.body.contains("Byddwn yn gwneud hyn erbyn Dydd"), "{}", followed.body);
    assert!(followed.body.contains(r#"lang="cy">Rhoi gwybod am fin heb ei gasglu</span>"#), "the service, in Welsh");

    // Staff see the language, and an update goes out framed in Welsh.
    let (cookie, csrf) = sign_in(&app, "caseworker@council.example").await;
    let page = format!("/staff/cases/{reference}");
    let case = get_with(&app, &page, &cookie).await;
    assert!(case.body.contains(r#"id="case-language">Welsh (<span lang="cy">Cymraeg</span>)"#), "{}", case.body);
    let wait = [
        ("csrf", csrf.as_str()),
        ("action", "status"),
        ("status", "waiting_for_customer"),
        ("status-note", "Pa ddiwrnod oedd hi?"),
    ];
    let waited = post_with(&app, &page, &cookie, &wait).await;
    assert_eq!(waited.status, StatusCode::SEE_OTHER, "{}", waited.body);
    let (subject, body): (String, String) =
        sqlx::query_as("SELECT subject, body FROM outbox WHERE purpose = 'update' ORDER BY id DESC LIMIT 1")
            .fetch_one(t.db.reader())
            .await
            .unwrap();
    assert_eq!(subject, format!("Ynghylch eich achos {reference}"));
    assert!(body.starts_with("Annwyl Jo Resident,\n\nPa ddiwrnod oedd hi?"), "{body}");
    assert!(body.contains("I ateb, atebwch yr e-bost hwn"), "{body}");
}

/// The cookies a response sets, as a Cookie header's value.
fn set_cookies(reply: &crate::support::Reply) -> String {
    let all = reply.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok());
    all.map(|v| v.split(';').next().unwrap_or_default().to_owned()).collect::<Vec<_>>().join("; ")
}

fn multipart(uri: &str, cookie: &str, csrf: &str, file: &str) -> Request<Body> {
    let boundary = "XfrontdoorX";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cy.po\"\r\n\
         Content-Type: text/x-gettext-translation\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
    Request::post(uri)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn an_administrator_translates_beside_the_english_and_by_po_file_all_or_nothing() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    welsh_content(&t.db).await;
    account(&t.db, "admin@council.example", "admin", None, None).await;
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let app = app(&t.db).await;
    let (adviser, _) = sign_in(&app, "adviser@council.example").await;
    assert_eq!(get_with(&app, "/staff/admin/translations/cy", &adviser).await.status, StatusCode::FORBIDDEN);
    let (cookie, csrf) = sign_in(&app, "admin@council.example").await;

    let page = get_with(&app, "/staff/admin/translations/cy?show=needed", &cookie).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Service general: its name"));
    assert!(page.body.contains("Needs translation"));
    assert!(!page.body.contains("Rhoi gwybod am fin heb ei gasglu"), "translated strings are not listed as needed");

    // Saved beside the English.
    let saved = post_with(
        &app,
        "/staff/admin/translations/cy",
        &cookie,
        &[("csrf", &csrf), ("item", "service/general/name"), ("text", "Gofyn rhywbeth arall i ni")],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let list = get_with(&app, "/services", &format!("{WELSH}; {cookie}")).await;
    assert!(list.body.contains(r#"lang="cy">Gofyn rhywbeth arall i ni</a>"#));
    // A pasting slip is refused, naming the string, and nothing on the page is saved.
    let long = "a".repeat(4_001);
    let refused = post_with(
        &app,
        "/staff/admin/translations/cy",
        &cookie,
        &[("csrf", &csrf), ("item", "service/general/description"), ("text", &long)],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Service general: what it is for: the translation is 4001 characters long"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains(r##"<a href="#strings">"##));

    // The PO file has every string; the English changing marks its translation fuzzy.
    sqlx::query("UPDATE services SET description = 'Anything else.' WHERE code = 'general'")
        .execute(t.db.reader())
        .await
        .unwrap();
    let cy = by_code("cy").unwrap();
    let mut tx = t.db.begin().await.unwrap();
    translations::db::save(
        &mut tx,
        cy,
        "service/general/description",
        "A test service.",
        "Gwasanaeth prawf.",
        now_ms(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let po = get_with(&app, "/staff/admin/translations/cy/po", &cookie).await;
    assert_eq!(po.status, StatusCode::OK);
    assert!(po.headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains("content-cy.po"));
    assert!(po.body.contains(
        "msgctxt \"service/general/name\"\nmsgid \"Ask us something else\"\nmsgstr \"Gofyn rhywbeth arall i ni\""
    ));
    assert!(
        po.body.contains("#, fuzzy\n#| msgid \"A test service.\"\nmsgctxt \"service/general/description\""),
        "{}",
        po.body
    );

    // A translator's file with a bad line is refused whole, naming the line.
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM translations").fetch_one(t.db.reader()).await.unwrap();
    let bad = "msgctxt \"service/general/description\"\nmsgid \"Anything else.\"\nmsgstr \"Unrhyw beth arall.\"\n\nmsgctxt \"service/nothing/name\"\nmsgid \"x\"\nmsgstr \"y\"\n";
    let refused = send(&app, multipart("/staff/admin/translations/cy/po", &cookie, &csrf, bad)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Line 6: there is nothing called service/nothing/name to translate"),
        "{}",
        refused.body
    );
    let unquoted = "msgctxt \"service/general/description\"\nmsgid \"Anything else.\nmsgstr \"x\"\n";
    let refused = send(&app, multipart("/staff/admin/translations/cy/po", &cookie, &csrf, unquoted)).await;
    assert!(refused.body.contains("Line 2: a string must be in double quotes"), "{}", refused.body);
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM translations").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(before, after);

    // A good file is stored; residents see it.
    let good = &bad[..bad.find("\n\n").unwrap() + 1];
    let read = send(&app, multipart("/staff/admin/translations/cy/po", &cookie, &csrf, good)).await;
    assert_eq!(read.status, StatusCode::SEE_OTHER, "{}", read.body);
    assert_eq!(read.location(), "/staff/admin/translations/cy?done=imported-1");
    let told = get_with(&app, read.location(), &cookie).await;
    assert!(told.body.contains("The file is read: 1 translation stored"), "{}", told.body);
    let odd = get_with(&app, "/staff/admin/translations/cy?done=imported-%3Cb%3E", &cookie).await;
    assert!(!odd.body.contains("The file is read"), "only a number is ever said");
    let list = get_with(&app, "/services", WELSH).await;
    assert!(list.body.contains(r#"lang="cy">Unrhyw beth arall.</p>"#), "{}", list.body);
}

#[tokio::test]
async fn an_adviser_logs_a_call_from_a_welsh_speaker_who_is_answered_in_welsh() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let app = app(&t.db).await;
    let (cookie, csrf) = sign_in(&app, "adviser@council.example").await;
    let form = get_with(&app, "/staff/log", &cookie).await;
    assert!(form.body.contains(r#"<option value="cy">Welsh</option>"#), "{}", form.body);
    let fields = [
        ("csrf", csrf.as_str()),
        ("channel", "phone"),
        ("service", "missed-bin"),
        ("description", "Caller says the green bin was missed on Monday."),
        ("address", "3 Mill Lane"),
        ("name", "Gwen Caller"),
        ("email", "gwen@example.com"),
        ("language", "cy"),
    ];
    let reply = post_with(&app, "/staff/log", &cookie, &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let language: String = sqlx::query_scalar("SELECT language FROM cases").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(language, "cy");
    let body: String = sqlx::query_scalar("SELECT body FROM outbox WHERE purpose = 'acknowledgement'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert!(body.starts_with("Annwyl Gwen Caller,"), "{body}");
}

#[tokio::test]
async fn the_councils_own_messages_to_a_welsh_resident_are_in_welsh_and_an_english_one_keeps_the_english() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let lead = account(&t.db, "lead@council.example", "team_lead", Some("waste"), None).await;
    let app = app(&t.db).await;
    let rules = crate::support::rules(&t.db).await;
    let council = crate::support::council_for(&t.db);
    let mut sent = Vec::new();
    for (cookie, email) in [(WELSH, "gwen@example.com"), ("fd_lang=en", "jo@example.com")] {
        let fields = valid_report_with(&[("email", email)]);
        let reply = post_with(&app, "/services/missed-bin/report/send", cookie, &fields).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        sent.push(frontdoor::cases::CaseRef::parse(&council.prefix, reference_in(reply.location())).unwrap().id());
    }
    for case_id in &sent {
        let mut tx = t.db.begin().await.unwrap();
        frontdoor::casework::clocks::extend(
            &mut tx,
            *case_id,
            "request-resolved",
            5,
            "The crew is off sick.",
            lead,
            &rules,
            &council,
            now_ms(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    let told: Vec<(String, String)> =
        sqlx::query_as("SELECT subject, body FROM outbox WHERE purpose = 'update' ORDER BY case_id")
            .fetch_all(t.db.reader())
            .await
            .unwrap();
    assert_eq!(told.len(), 2);
    assert!(told[0].0.ends_with(": mae angen mwy o amser arnom"), "{:?}", told[0]);
    assert!(told[0].1.starts_with("Mae'n ddrwg gennym, ond mae angen mwy o amser arnom i ddelio â "), "{}", told[0].1);
    assert!(told[0].1.contains("Byddwn nawr yn ateb erbyn Dydd"), "{}", told[0].1);
    assert!(told[0].1.contains("Y rheswm: The crew is off sick."), "the officer's words as written");
    assert!(told[1].0.ends_with(": we need more time"), "{:?}", told[1]);
    assert!(told[1].1.starts_with("We are sorry, but we need more time to deal with "), "{}", told[1].1);
    assert!(told[1].1.ends_with("If this causes you a problem, reply to this message and tell us."), "{}", told[1].1);
}
