//! Migrations that make a table again keep its rows and everything that hangs on it.

use sqlx::{AnyPool, Row};

use frontdoor::actions::by_customer::link_key;
use frontdoor::crypto::SecretKey;
use frontdoor::db::{Backend, Db, migrations};

use crate::support::{council, council_for, fresh_url, on_postgres, test_db};

/// The migrations the program carries (listed by `build.rs`, without sqlx's macros) are
/// the files as sqlx itself reads them from the folder: each version, description, text,
/// checksum and transaction setting. A database migrated by a build of either kind is
/// then recognised by the other.
#[tokio::test]
async fn the_migrations_carried_are_the_folders_as_sqlx_reads_them() {
    for (backend, folder) in [(Backend::Sqlite, "migrations/sqlite"), (Backend::Postgres, "migrations/postgres")] {
        let read = sqlx::migrate::Migrator::new(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder))
            .await
            .expect("sqlx reads the folder");
        let carried = migrations(backend);
        assert!(read.iter().count() >= 47, "{folder}: {} migrations", read.iter().count());
        assert_eq!(carried.iter().count(), read.iter().count(), "{folder}");
        for (ours, theirs) in carried.iter().zip(read.iter()) {
            assert_eq!(ours.version, theirs.version, "{folder}");
            assert_eq!(ours.description, theirs.description, "{folder} {}", theirs.version);
            assert_eq!(ours.checksum, theirs.checksum, "{folder} {}", theirs.version);
            assert_eq!(ours.no_tx, theirs.no_tx, "{folder} {}", theirs.version);
            assert_eq!(ours.migration_type, theirs.migration_type, "{folder} {}", theirs.version);
            assert_eq!(ours.sql.as_str(), theirs.sql.as_str(), "{folder} {}", theirs.version);
        }
    }
    // Two of SQLite's run outside a transaction (they turn foreign keys off to make tables again).
    let no_tx: Vec<i64> = migrations(Backend::Sqlite).iter().filter(|m| m.no_tx).map(|m| m.version).collect();
    assert_eq!(no_tx, [25, 40]);
}

async fn case_links_rows(db: &Db) -> Vec<String> {
    sqlx::query_scalar("SELECT secret FROM site_keys WHERE name = 'case_links'").fetch_all(db.reader()).await.unwrap()
}

/// Migration 0046 makes the key that signs links to cases at install time, and the council
/// holds it, so making a case reads nothing for it. An installation whose first signed link
/// made a key before 0046 keeps that key, so the links it sent still open their cases.
#[tokio::test]
async fn the_key_that_signs_links_is_made_at_install_held_and_an_older_one_kept() {
    let t = test_db().await;
    let stored = case_links_rows(&t.db).await;
    assert_eq!(stored.len(), 1, "made by the migration");
    assert_eq!(stored[0].len(), 64, "32 bytes in hex");
    let held = council_for(&t.db).case_links.expect("the council holds the key");
    assert_eq!(Some(&held), SecretKey::from_hex(&stored[0]).as_ref());

    // Held, not read: with the row gone, the council's copy signs, and nothing is made.
    sqlx::query("DELETE FROM site_keys WHERE name = 'case_links'").execute(t.db.writer()).await.unwrap();
    let mut conn = t.db.writer().acquire().await.unwrap();
    assert_eq!(link_key(&council_for(&t.db), &mut conn).await.unwrap(), held);
    drop(conn);
    assert!(case_links_rows(&t.db).await.is_empty(), "the database was not asked");
    // A council without the key (one not made by `keyed_for`) reads it, or makes it.
    let mut conn = t.db.writer().acquire().await.unwrap();
    let made = link_key(&council(), &mut conn).await.unwrap();
    drop(conn);
    assert_ne!(made, held);
    assert_eq!(case_links_rows(&t.db).await.len(), 1);

    // An older installation keeps its key.
    let (url, _dir) = fresh_url().await;
    sqlx::any::install_default_drivers();
    let (raw, migrator) = if on_postgres() {
        (url.clone(), migrations(Backend::Postgres))
    } else {
        (format!("{url}?mode=rwc"), migrations(Backend::Sqlite))
    };
    let pool = AnyPool::connect(&raw).await.expect("the test database answers");
    migrator.run_to(45, &pool).await.expect("migrations up to 0045");
    let older = "ab".repeat(32);
    sqlx::query("INSERT INTO site_keys (name, secret) VALUES ('case_links', $1)")
        .bind(&older)
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let db = Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    assert_eq!(case_links_rows(&db).await, vec![older.clone()]);
    assert_eq!(council_for(&db).case_links, SecretKey::from_hex(&older));
}

/// An event as stored: id, case, at, actor kind, actor, kind, public, body, from, to.
type EventRow = (i64, i64, i64, i64, Option<i64>, i64, i64, Option<String>, Option<i64>, Option<i64>);

/// A clock as stored: case, standard, version, state, started, due, warn, stopped, warned,
/// breached, next firing.
type ClockRow = (i64, String, i64, String, i64, Option<i64>, Option<i64>, Option<i64>, i64, i64, Option<i64>);

/// PostgreSQL's migrations 0043 and 0044 make `case_search`, `case_events` and `clocks`
/// again (words without their text; columns ordered by width). A database written before
/// them keeps every row and value, its search words, the events' numbering, trigger and
/// view, and the webhook deliveries' reference to events.
#[tokio::test]
async fn postgres_tables_made_again_keep_their_rows_and_what_hangs_on_them() {
    if !on_postgres() {
        return;
    }
    let (url, _dir) = fresh_url().await;
    sqlx::any::install_default_drivers();
    let pool = AnyPool::connect(&url).await.expect("the test database answers");
    migrations(Backend::Postgres).run_to(42, &pool).await.expect("migrations up to 0042");
    let events: Vec<EventRow> = vec![
        (1, 7, 1_000, 2, None, 1, 1, None, None, Some(1)),
        (2, 7, 1_000, 1, None, 7, 0, Some(r#"{"standard":"online-reply","version":1}"#.to_owned()), None, None),
        (5, 7, 2_000, 3, Some(4), 5, 1, Some("We will clear it this week".to_owned()), None, None),
    ];
    for sql in [
        "INSERT INTO teams (id, code, name) VALUES (1, 'parks', 'Parks')",
        "INSERT INTO services (id, code, name, group_name, description, case_type, team_id) \
         VALUES (1, 'park', 'Parks', 'Leisure', 'Parks and open spaces', 'service_request', 1)",
        "INSERT INTO cases (id, case_type, channel, service_id, status, priority, description, team_id, created_at, \
         updated_at) VALUES (7, 'service_request', 'web', 1, 'received', 'normal', 'A fallen tree blocks the path', \
         1, 1000, 1000)",
        "INSERT INTO clocks (case_id, standard_id, standard_version, state, started_at, due_at, warn_at, stopped_at, \
         warned, breached, next_fire_at) VALUES (7, 'online-reply', 2, 'running', 1000, 5000, 4000, NULL, 1, 0, 5000)",
        "INSERT INTO case_search (case_id, body) VALUES (7, 'A fallen tree blocks the path')",
    ] {
        sqlx::query(sql).execute(&pool).await.expect(sql);
    }
    for e in &events {
        sqlx::query(
            "INSERT INTO case_events (id, case_id, at, actor_kind, actor_id, kind, public, body, from_status, \
             to_status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(e.0)
        .bind(e.1)
        .bind(e.2)
        .bind(e.3)
        .bind(e.4)
        .bind(e.5)
        .bind(e.6)
        .bind(e.7.clone())
        .bind(e.8)
        .bind(e.9)
        .execute(&pool)
        .await
        .expect("an event before 0044");
    }
    pool.close().await;

    let db = frontdoor::db::Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrations 0043 and 0044 on a database with rows");
    let pool = db.writer();

    let kept: Vec<EventRow> = sqlx::query_as(
        "SELECT id, case_id, at, actor_kind, actor_id, kind, public, body, from_status, to_status \
         FROM case_events ORDER BY id",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(kept, events, "every event and value kept");
    let clock: ClockRow = sqlx::query_as(
        "SELECT case_id, standard_id, standard_version, state, started_at, due_at, warn_at, stopped_at, warned, \
             breached, next_fire_at FROM clocks",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(
        clock,
        (7, "online-reply".to_owned(), 2, "running".to_owned(), 1000, Some(5000), Some(4000), None, 1, 0, Some(5000))
    );

    // The words, without the text, still find the case; and a case's words are written again.
    let text: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'case_search' AND column_name = 'body'",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(text, 0, "the document's text is not kept");
    let words = |w: &[&str]| w.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let all = frontdoor::search::db::Within::All;
    assert_eq!(frontdoor::search::db::words(pool, &words(&["fallen", "tree"]), all, 10).await.unwrap(), vec![7]);
    sqlx::query("UPDATE cases SET description = 'A fallen oak blocks the path' WHERE id = 7")
        .execute(pool)
        .await
        .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    frontdoor::search::db::reindex(&mut conn, 7).await.unwrap();
    drop(conn);
    assert_eq!(frontdoor::search::db::words(pool, &words(&["oak"]), all, 10).await.unwrap(), vec![7]);
    assert!(frontdoor::search::db::words(pool, &words(&["tree"]), all, 10).await.unwrap().is_empty());

    // A new event is numbered after the last, and moves the case's last event on (trigger).
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO case_events (case_id, at, actor_kind, kind, public) VALUES (7, 90000000, 1, 4, 0) RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(id, 6);
    let last: i64 = sqlx::query_scalar("SELECT last_event_at FROM cases WHERE id = 7").fetch_one(pool).await.unwrap();
    assert_eq!(last, 90_000_000);

    // The view of the codes, and the references to and from events.
    let row = sqlx::query("SELECT kind, actor_kind, public FROM case_events_as_text WHERE id = 5")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(
        (row.get::<String, _>("kind"), row.get::<String, _>("actor_kind"), row.get::<i64, _>("public")),
        ("message".to_owned(), "staff".to_owned(), 1)
    );
    let references: Vec<(String, String)> = sqlx::query_as(
        "SELECT conname::text, confrelid::regclass::text FROM pg_constraint \
         WHERE conname IN ('webhook_deliveries_event_id_fkey', 'case_events_case_id_fkey', 'clocks_case_id_fkey') \
         ORDER BY conname",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(
        references,
        [
            ("case_events_case_id_fkey", "cases"),
            ("clocks_case_id_fkey", "cases"),
            ("webhook_deliveries_event_id_fkey", "case_events")
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let orphan = sqlx::query(
        "INSERT INTO clocks (case_id, standard_id, standard_version, state, started_at) \
                              VALUES (99, 'online-reply', 1, 'running', 1)",
    )
    .execute(pool)
    .await;
    assert!(orphan.is_err(), "a clock of no case is refused");
}
