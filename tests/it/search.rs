//! Search: by reference, email, phone, postcode and words (cases, customers and messages),
//! on both databases, and never beyond what the person may see.

use axum::http::StatusCode;

use crate::staff::{account, get_with, post_with, sign_in};
use crate::support::{app, post_form, reference_in, seed_catalogue, test_db, valid_report, valid_report_with};

fn references(body: &str) -> Vec<String> {
    body.split("href=\"/staff/cases/").skip(1).filter_map(|r| r.split('"').next()).map(str::to_owned).collect()
}

#[tokio::test]
async fn staff_find_cases_by_each_thing_a_resident_might_give() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let send = "/services/missed-bin/report/send";
    let bin = post_form(&app, send, &valid_report()).await;
    let bin = reference_in(bin.location()).to_owned();
    let recycling = valid_report_with(&[
        ("description", "The recycling box was left in the road."),
        ("postcode", "km9 9zz"),
        ("name", "Pat Neighbour"),
        ("email", ""),
        ("phone", "07700 900777"),
    ]);
    let recycling = post_form(&app, send, &recycling).await;
    let recycling = reference_in(recycling.location()).to_owned();

    account(&t.db, "adviser@council.example", "adviser", None, None).await;
    let (cookie, csrf) = sign_in(&app, "adviser@council.example").await;
    let search = |q: &str| format!("/staff/search?q={}", crate::support::urlencode(q));

    let by_reference = get_with(&app, &search(&bin.to_lowercase()), &cookie).await;
    assert_eq!(by_reference.status, StatusCode::SEE_OTHER);
    assert_eq!(by_reference.location(), format!("/staff/cases/{bin}"));
    assert_eq!(references(&get_with(&app, &search("recycling road"), &cookie).await.body), vec![recycling.clone()]);
    assert_eq!(references(&get_with(&app, &search("KM9 9ZZ"), &cookie).await.body), vec![recycling.clone()]);
    assert_eq!(references(&get_with(&app, &search("07700 900 777"), &cookie).await.body), vec![recycling.clone()]);
    let by_email = get_with(&app, &search("JO.RESIDENT@example.com"), &cookie).await;
    assert_eq!(references(&by_email.body), vec![bin.clone()]);
    assert!(by_email.body.contains("Jo Resident</a>: jo.resident@example.com"), "the customer record is offered");
    let by_name = get_with(&app, &search("Pat Neighbour"), &cookie).await;
    assert_eq!(references(&by_name.body), vec![recycling.clone()]);
    assert!(by_name.body.contains("Pat Neighbour</a>"));

    // A staff reply's words are found too: messages are searched.
    let reply =
        [("csrf", csrf.as_str()), ("action", "reply"), ("reply", "A crew visits on Thursday."), ("checked", "yes")];
    assert_eq!(post_with(&app, &format!("/staff/cases/{bin}"), &cookie, &reply).await.status, StatusCode::SEE_OTHER);
    assert_eq!(references(&get_with(&app, &search("thursday crew"), &cookie).await.body), vec![bin.clone()]);

    // Search syntax typed into the box is only words.
    for odd in ["\"bin\" OR *", "NEAR(bin road)", "bin:*", "' OR 1=1 --"] {
        let reply = get_with(&app, &search(odd), &cookie).await;
        assert_eq!(reply.status, StatusCode::OK, "{odd}");
    }
    let nothing = get_with(&app, &search("zebra"), &cookie).await;
    assert!(nothing.body.contains("No case you can see matches those words."));
}

#[tokio::test]
async fn a_partner_finds_only_its_own_cases_by_words_postcode_or_reference() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    let reference = reference_in(sent.location()).to_owned();
    {
        let mut tx = t.db.begin().await.expect("begin");
        frontdoor::org::db::insert_partner(&mut tx, "repairs", "Repairs Ltd", "r@example.com").await.expect("partner");
        tx.commit().await.expect("commit");
    }
    account(&t.db, "partner@repairs.example", "partner", None, Some("repairs")).await;
    let (cookie, _) = sign_in(&app, "partner@repairs.example").await;
    for q in ["bin emptied", "KM1 2AB", "jo.resident@example.com", reference.as_str()] {
        let found = get_with(&app, &format!("/staff/search?q={}", crate::support::urlencode(q)), &cookie).await;
        assert_eq!(found.status, StatusCode::OK, "{q}");
        assert!(references(&found.body).is_empty(), "{q}");
        assert!(!found.body.contains("Jo Resident"), "{q}: no customer records for partners");
    }
}

#[tokio::test]
async fn a_rewritten_document_drops_the_words_it_no_longer_has() {
    use frontdoor::search::db::{Within, reindex, words};
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/missed-bin/report/send", &valid_report()).await;
    let reference = reference_in(sent.location()).to_owned();
    let id = frontdoor::cases::CaseRef::parse(&crate::support::prefix_for(&t.db), &reference).unwrap().id();
    let find = async |word: &str| words(t.db.reader(), &[word.to_owned()], Within::All, 10).await;
    assert_eq!(find("tuesday").await.unwrap(), vec![id]);

    // The document is written again, as every change to the case does: the old words go
    // (SQLite's contentless index replaces the row by its id), the new ones come.
    let mut conn = t.db.writer().acquire().await.unwrap();
    sqlx::query("UPDATE cases SET description = 'A fox tore the sack open' WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .unwrap();
    sqlx::query("UPDATE contacts SET body = 'A fox tore the sack open' WHERE case_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .unwrap();
    reindex(&mut conn, id).await.unwrap();
    drop(conn);
    assert_eq!(find("fox").await.unwrap(), vec![id]);
    assert!(find("tuesday").await.unwrap().is_empty(), "an old word is still found");
}
