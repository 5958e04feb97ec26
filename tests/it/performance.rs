//! The performance figures against a small data set worked out by hand: three web
//! enquiries with known times, one of them reopened, on both databases. The running
//! counts written with each change must equal a rebuild from the record, and the page
//! and data files must show the same figures.

use std::collections::BTreeMap;
use std::io::Read;

use axum::http::header;

use frontdoor::cases::{Actor, Status};
use frontdoor::casework::change_status;
use frontdoor::rollups::{self, db as rollups_db};

use crate::support::{app, get, open_at, post_form, reference_in, rules, seed_catalogue, test_db, valid_report};

/// A time on the council's clock.
fn at(y: i16, m: i8, d: i8, h: i8, min: i8) -> i64 {
    jiff::civil::date(y, m, d).at(h, min, 0, 0).in_tz("Europe/London").expect("zone").timestamp().as_millisecond()
}

async fn open(db: &frontdoor::db::Db, rules: &frontdoor::standards::Rules, when: i64) -> i64 {
    open_at(db, rules, "general", "pat@example.com", when).await.case_id
}

async fn move_to(db: &frontdoor::db::Db, rules: &frontdoor::standards::Rules, case: i64, to: Status, when: i64) {
    let mut tx = db.begin().await.unwrap();
    change_status(&mut tx, case, to, Actor::SYSTEM, None, rules, when).await.unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn shares_medians_and_counts_match_the_hand_worked_figures() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;

    // A: Monday 2 March 10:00, acknowledged in 30 minutes, resolved Wednesday 4 March.
    let a = open(&t.db, &rules, at(2026, 3, 2, 10, 0)).await;
    move_to(&t.db, &rules, a, Status::Acknowledged, at(2026, 3, 2, 10, 30)).await;
    move_to(&t.db, &rules, a, Status::Resolved, at(2026, 3, 4, 12, 0)).await;
    // B: Monday 2 March 11:00, acknowledged 25 hours later (late), resolved Monday 9
    // March, after the reply was due on Thursday 5 March at 17:00 (late).
    let b = open(&t.db, &rules, at(2026, 3, 2, 11, 0)).await;
    move_to(&t.db, &rules, b, Status::Acknowledged, at(2026, 3, 3, 12, 0)).await;
    move_to(&t.db, &rules, b, Status::Resolved, at(2026, 3, 9, 12, 0)).await;
    // C: Thursday 2 April, before Easter; resolved Tuesday 7 April. Good Friday and
    // Easter Monday are not working days, so it took 1 working day.
    let c = open(&t.db, &rules, at(2026, 4, 2, 10, 0)).await;
    move_to(&t.db, &rules, c, Status::Acknowledged, at(2026, 4, 2, 10, 5)).await;
    move_to(&t.db, &rules, c, Status::Resolved, at(2026, 4, 7, 10, 0)).await;
    // A is reopened on 10 March and resolved again on Thursday 12 March: its first
    // resolution is taken back and it now took 8 working days.
    move_to(&t.db, &rules, a, Status::Reopened, at(2026, 3, 10, 9, 0)).await;
    move_to(&t.db, &rules, a, Status::Resolved, at(2026, 3, 12, 16, 0)).await;

    let counts = rollups_db::months(t.db.reader(), 202603, None).await.unwrap();
    let months = rollups::months(&counts, 202603, 202604);
    let march = &months[&202603];
    let april = &months[&202604];

    assert_eq!(march.received, BTreeMap::from([("web".to_owned(), 2)]));
    assert_eq!(april.received, BTreeMap::from([("web".to_owned(), 1)]));
    // Acknowledged within 24 hours: A kept, B missed (due 3 March 11:00); C kept.
    assert_eq!(march.standard("online-acknowledge"), (1, 1));
    assert_eq!(april.standard("online-acknowledge"), (1, 0));
    // Replied to within 3 working days: A kept (resolved the first time on 4 March),
    // B missed; C kept (due 9 April, after the Easter holidays).
    assert_eq!(march.standard("online-reply"), (1, 1));
    assert_eq!(april.standard("online-reply"), (1, 0));
    // Resolution times: B took 5 working days (3, 4, 5, 6 and 9 March), A 8.
    assert_eq!(march.resolved, BTreeMap::from([(5, 1), (8, 1)]));
    assert_eq!((march.median_days(), march.p90_days()), (Some(5), Some(8)));
    assert_eq!(april.resolved, BTreeMap::from([(1, 1)]));
    assert_eq!(rollups::percent(march.standard("online-reply").0, 2), Some(50));

    // The council's months (read above) are its services' summed, after A's first
    // resolution was taken back.
    crate::support::assert_council_months_are_the_services_sum(&t.db).await;

    // The running counts are exactly what a rebuild from the record gives.
    let running = rollups_db::all_days(t.db.reader()).await.unwrap();
    let rebuilt_rows = rollups_db::rebuild(&t.db, &rules.calendars.council, Vec::new()).await.unwrap();
    assert_eq!(rollups_db::all_days(t.db.reader()).await.unwrap(), running);
    let non_zero =
        |counts: Vec<frontdoor::rollups::MonthCount>| counts.into_iter().filter(|c| c.value != 0).collect::<Vec<_>>();
    let after = rollups_db::months(t.db.reader(), 202603, None).await.unwrap();
    assert_eq!(non_zero(after.clone()), non_zero(counts), "the council's months too");
    // A group's months are its services' summed: every service's together are the council's.
    let every: Vec<i64> = sqlx::query_scalar("SELECT id FROM services").fetch_all(t.db.reader()).await.unwrap();
    let summed = rollups_db::months(t.db.reader(), 202603, Some(&every)).await.unwrap();
    assert_eq!(non_zero(summed), non_zero(after), "summed over the services");
    crate::support::assert_council_months_are_the_services_sum(&t.db).await;
    assert_eq!(rebuilt_rows, running.len());
    assert!(running.iter().any(|r| r.0 == 20260312 && r.2 == "resolved_in_working_days" && r.3 == "8" && r.4 == 1));
    assert!(
        !running.iter().any(|r| r.0 == 20260304 && r.2 == "resolved_in_working_days"),
        "A's first resolution was taken back"
    );
}

#[tokio::test]
async fn the_page_and_data_files_show_a_case_received_today() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let app = app(&t.db).await;
    let sent = post_form(&app, "/services/general/report/send", &valid_report()).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let page = get(&app, "/performance").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Online forms and emails acknowledged"), "the published promises are listed");
    assert!(!page.body.contains("app-chart"), "nothing has been due yet, so there is nothing to chart");
    assert!(page.body.contains("We have no figures for this promise yet."));

    // Acknowledged at once: the promise is kept, and this month shows it.
    let reference =
        frontdoor::cases::CaseRef::parse(&crate::support::prefix_for(&t.db), reference_in(sent.location())).unwrap();
    let rules = rules(&t.db).await;
    move_to(&t.db, &rules, reference.id(), Status::Acknowledged, frontdoor::db::now_ms()).await;
    // The page is made at most once a minute for each group and language: this server still
    // shows it as made, in English, and in Welsh makes it anew.
    let kept = get(&app, "/performance").await;
    assert!(!kept.body.contains("<svg class=\"app-chart\""), "kept for the minute, as it was made before");
    let welsh = crate::support::send(
        &app,
        axum::http::Request::get("/performance")
            .header(axum::http::header::ACCEPT_LANGUAGE, "cy")
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    assert!(welsh.body.contains("<html lang=\"cy\""), "each language has its own page");
    assert!(welsh.body.contains("<svg class=\"app-chart\""), "made now, with the figures");
    // A server whose minute has passed (a new one) shows the figures in English too.
    let app = crate::support::app(&t.db).await;
    let page = get(&app, "/performance").await;
    assert!(page.body.contains("<svg class=\"app-chart\""), "a promise with figures has a chart");
    assert!(page.body.contains("100% kept (1 of 1 due)"), "{}", page.body);

    let csv = get(&app, "/performance/data.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.starts_with("month,service_group,service_code,service,measure,key,value\r\n"));
    let row = csv.body.lines().find(|l| l.contains(",received,web,")).expect("a received row");
    assert!(row.contains(",Contact the council,general,Ask us something else,received,web,1"), "{row}");

    let plain = get(&app, "/performance/data.json").await;
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none(), "asked for nothing else, sent plain");
    assert_eq!(plain.headers[header::VARY], "accept-encoding");
    let json: serde_json::Value = serde_json::from_str(&plain.body).unwrap();
    assert!(json["licence"].as_str().unwrap().contains("open-government-licence"));
    let rows = json["rows"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["measure"] == "received" && r["key"] == "web" && r["value"] == 1));
    assert_eq!(json["months"].as_array().unwrap().len(), 13);

    // The file is kept compressed too: a client that accepts gzip (every browser) gets the
    // same bytes packed, and one that refuses it gets them plain.
    let asking = |accept: &'static str| {
        axum::http::Request::get("/performance/data.json")
            .header(header::ACCEPT_ENCODING, accept)
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let packed = crate::support::send(&app, asking("gzip, deflate, br, zstd")).await;
    assert_eq!(packed.status, 200);
    assert_eq!(packed.headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(packed.headers[header::VARY], "accept-encoding");
    let mut unpacked = String::new();
    flate2::read::GzDecoder::new(&packed.raw[..]).read_to_string(&mut unpacked).expect("a gzip stream");
    assert_eq!(unpacked, plain.body, "the same file as the plain one");
    assert!(packed.raw.len() < plain.raw.len() / 4, "{} bytes packed, {} plain", packed.raw.len(), plain.raw.len());
    let refused = crate::support::send(&app, asking("gzip;q=0, identity")).await;
    assert!(refused.headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(refused.body, plain.body);

    // A group filter narrows everything; an unknown group is refused by name.
    let bins: serde_json::Value =
        serde_json::from_str(&get(&app, "/performance/data.json?group=Bins").await.body).unwrap();
    assert!(bins["rows"].as_array().unwrap().is_empty(), "{bins}");
    let unknown = get(&app, "/performance?group=Parks").await;
    assert_eq!(unknown.status, 404);
    assert!(unknown.body.contains("Parks"));
    assert_eq!(get(&app, "/performance/data-dictionary").await.status, 200);
}

/// On PostgreSQL each running count is kept as parts, a connection adding to its own, and
/// read as their sum; housekeeping's fold adds the parts into part 0. Cases opened on many
/// connections at once, and counts spread over parts by hand, read the same as a rebuild
/// from the record, before and after the fold. On SQLite the fold has nothing to do.
#[tokio::test]
async fn counts_kept_in_parts_read_as_one_before_and_after_the_fold() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = std::sync::Arc::new(rules(&t.db).await);
    let opened = (0..12).map(|i| {
        let (db, rules) = (t.db.clone(), rules.clone());
        tokio::spawn(async move {
            crate::support::open_at(&db, &rules, "general", &format!("p{i}@example.com"), at(2026, 3, 2, 10, i)).await
        })
    });
    for case in futures_util::future::join_all(opened).await {
        case.expect("opened");
    }
    let b = open(&t.db, &rules, at(2026, 3, 3, 9, 0)).await;
    move_to(&t.db, &rules, b, Status::Acknowledged, at(2026, 3, 3, 12, 0)).await;

    let days = rollups_db::all_days(t.db.reader()).await.unwrap();
    let months = rollups_db::all_months(t.db.reader()).await.unwrap();
    let page = rollups_db::months(t.db.reader(), 202603, None).await.unwrap();
    assert!(days.iter().any(|d| d.2 == "received" && d.4 == 12), "{days:?}");

    let postgres = t.db.backend() == frontdoor::db::Backend::Postgres;
    if postgres {
        // One part a count first, so that the moves below meet no part already there.
        rollups_db::fold(&t.db).await.unwrap();
        assert_eq!(rollups_db::all_days(t.db.reader()).await.unwrap(), days, "folded, the same");
        // As if other connections had written some of the counts: the services' by
        // moving them (which the council's follow, by trigger), and a council count by hand.
        for sql in [
            "UPDATE rollup_day_parts SET part = 3 WHERE metric = 'received'",
            "UPDATE rollup_month_parts SET part = 5 WHERE metric = 'received'",
            "UPDATE rollup_month_parts SET part = 6 WHERE metric = 'standard_met'",
            "INSERT INTO rollup_council_month_parts (month, metric, key, part, value) VALUES (202603, 'received', 'web', 7, 2)",
            "INSERT INTO rollup_council_month_parts (month, metric, key, part, value) VALUES (202603, 'received', 'web', 1, -2)",
        ] {
            sqlx::query(sql).execute(t.db.writer()).await.unwrap();
        }
        let parts: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT part) FROM rollup_council_month_parts")
            .fetch_one(t.db.reader())
            .await
            .unwrap();
        assert!(parts >= 3, "the council's counts are in {parts} parts");
        assert_eq!(rollups_db::all_days(t.db.reader()).await.unwrap(), days, "read as the sum of their parts");
        assert_eq!(rollups_db::all_months(t.db.reader()).await.unwrap(), months);
        crate::support::assert_council_months_are_the_services_sum(&t.db).await;
    }

    let folded = rollups_db::fold(&t.db).await.unwrap();
    if postgres {
        assert!(folded > 0, "{folded} counts took in other parts");
        for table in rollups_db::Counted::ALL {
            let sql = format!("SELECT COUNT(*) FROM {} WHERE part <> 0", table.stored(t.db.backend()));
            let left: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(t.db.reader()).await.unwrap();
            assert_eq!(left, 0, "{table:?}: every part folded into part 0");
        }
    } else {
        assert_eq!(folded, 0, "SQLite keeps no parts");
    }
    assert_eq!(rollups_db::all_days(t.db.reader()).await.unwrap(), days);
    assert_eq!(rollups_db::all_months(t.db.reader()).await.unwrap(), months);
    assert_eq!(rollups_db::months(t.db.reader(), 202603, None).await.unwrap(), page);
    crate::support::assert_council_months_are_the_services_sum(&t.db).await;
    // And all of it is what the record gives.
    rollups_db::rebuild(&t.db, &rules.calendars.council, Vec::new()).await.unwrap();
    assert_eq!(rollups_db::all_days(t.db.reader()).await.unwrap(), days, "the running counts are the record's");
}

/// PostgreSQL: the fold never makes a new case wait long. When a count it would add to is
/// held by another transaction, it gives up on that table after a short wait (leaving its
/// parts as they were, still read as one), goes on with the rest, and folds it next time.
#[tokio::test]
async fn the_fold_gives_up_on_a_count_in_use_and_folds_it_next_time() {
    let t = test_db().await;
    if t.db.backend() != frontdoor::db::Backend::Postgres {
        return;
    }
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    open(&t.db, &rules, at(2026, 3, 2, 10, 0)).await;
    rollups_db::fold(&t.db).await.unwrap();
    let months = rollups_db::all_months(t.db.reader()).await.unwrap();
    sqlx::query("UPDATE rollup_month_parts SET part = 3 WHERE metric = 'received'")
        .execute(t.db.writer())
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO rollup_month_parts (month, service_id, metric, key, part, value) \
         SELECT month, service_id, metric, key, 0, 0 FROM rollup_month_parts WHERE metric = 'received'",
    )
    .execute(t.db.writer())
    .await
    .unwrap();

    // Another transaction holds the part 0 the fold would add to, as a new case would.
    let mut holder = t.db.begin().await.unwrap();
    sqlx::query("UPDATE rollup_month_parts SET value = value WHERE part = 0 AND metric = 'received'")
        .execute(&mut *holder)
        .await
        .unwrap();
    let started = std::time::Instant::now();
    rollups_db::fold(&t.db).await.expect("the fold gives up without an error");
    assert!(started.elapsed() < std::time::Duration::from_secs(1), "it waited {:?}", started.elapsed());
    let left = "SELECT COUNT(*) FROM rollup_month_parts WHERE part <> 0";
    let waiting: i64 = sqlx::query_scalar(left).fetch_one(t.db.reader()).await.unwrap();
    assert!(waiting > 0, "the month's parts were left as they were");
    assert_eq!(rollups_db::all_months(t.db.reader()).await.unwrap(), months, "and still read as one");
    holder.commit().await.unwrap();

    assert!(rollups_db::fold(&t.db).await.unwrap() > 0);
    let waiting: i64 = sqlx::query_scalar(left).fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(waiting, 0, "folded next time");
    assert_eq!(rollups_db::all_months(t.db.reader()).await.unwrap(), months);
    crate::support::assert_council_months_are_the_services_sum(&t.db).await;
}
