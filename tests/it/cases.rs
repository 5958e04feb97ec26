//! The case core on a real database: the state machine, events and atomicity.

use frontdoor::cases::db::{ChangeStatusError, events, get};
use frontdoor::cases::{Actor, ActorKind, CaseRef, EventKind, Status};
use frontdoor::casework::change_status;
use frontdoor::db::now_ms;
use frontdoor::intake::{self, IntakeError, Submission};

use crate::support::{council, count, seed_catalogue, test_db};

fn submission() -> Submission {
    Submission {
        service_code: "general".into(),
        name: "Jo Resident".into(),
        email: "jo@example.com".into(),
        description: "When is the library open on bank holidays?".into(),
        ..Submission::default()
    }
}

#[tokio::test]
async fn a_case_moves_through_its_statuses_and_each_move_is_an_event() {
    let t = test_db().await;
    let rules = crate::support::rules(&t.db).await;
    seed_catalogue(&t.db).await;
    let reference =
        intake::submit(&t.db, council().into(), rules.clone().into(), &submission()).await.expect("submitted");
    let id = reference.id();

    for to in [Status::Acknowledged, Status::InProgress, Status::Resolved, Status::Closed, Status::Reopened] {
        let mut tx = t.db.begin().await.expect("begin");
        change_status(&mut tx, id, to, Actor::staff(1), None, &rules, now_ms()).await.expect("legal move");
        tx.commit().await.expect("commit");
    }

    let case = get(t.db.reader(), id).await.expect("read").expect("case exists");
    assert_eq!(case.status, Status::Reopened);
    let timeline = events(t.db.reader(), id).await.expect("events");
    let kinds: Vec<_> = timeline.iter().map(|e| e.kind).collect();
    assert_eq!(kinds[0], EventKind::Created);
    // The enquiry's two clocks (acknowledge, reply) start with it.
    assert_eq!(kinds[1..3], [EventKind::ClockStarted, EventKind::ClockStarted]);
    let moves: Vec<_> =
        timeline.iter().filter(|e| e.kind == EventKind::StatusChanged).map(|e| (e.from_status, e.to_status)).collect();
    assert_eq!(moves.len(), 5);
    assert_eq!(moves[0], (Some(Status::Received), Some(Status::Acknowledged)));
    assert_eq!(moves[4], (Some(Status::Closed), Some(Status::Reopened)));
}

#[tokio::test]
async fn an_illegal_transition_is_a_typed_error_and_changes_nothing() {
    let t = test_db().await;
    let rules = crate::support::rules(&t.db).await;
    seed_catalogue(&t.db).await;
    let id =
        intake::submit(&t.db, council().into(), rules.clone().into(), &submission()).await.expect("submitted").id();

    let mut tx = t.db.begin().await.expect("begin");
    let err = change_status(&mut tx, id, Status::Reopened, Actor::staff(1), None, &rules, now_ms()).await.unwrap_err();
    tx.rollback().await.expect("rollback");
    assert!(matches!(err, ChangeStatusError::Illegal(_)), "{err:?}");
    assert_eq!(err.to_string(), "Enquiry cases cannot go from received to reopened");

    let case = get(t.db.reader(), id).await.expect("read").expect("case");
    assert_eq!(case.status, Status::Received);
    let kinds: Vec<_> = events(t.db.reader(), id).await.expect("events").iter().map(|e| e.kind).collect();
    // Acknowledged, replied to, and dealt with: the three clocks of an enquiry made online.
    assert_eq!(kinds, [EventKind::Created, EventKind::ClockStarted, EventKind::ClockStarted, EventKind::ClockStarted]);
}

#[tokio::test]
async fn a_status_change_on_a_missing_case_is_not_found() {
    let t = test_db().await;
    let rules = crate::support::rules(&t.db).await;
    let mut tx = t.db.begin().await.expect("begin");
    let err = change_status(&mut tx, 999, Status::Closed, Actor::SYSTEM, None, &rules, now_ms()).await.unwrap_err();
    assert!(matches!(err, ChangeStatusError::NotFound), "{err:?}");
}

#[tokio::test]
async fn a_failure_writing_the_event_leaves_no_case_behind() {
    let t = test_db().await;
    let rules = crate::support::rules(&t.db).await;
    seed_catalogue(&t.db).await;
    // Break the event log: the case insert succeeds, the event insert fails.
    sqlx::raw_sql("ALTER TABLE case_events RENAME TO case_events_gone").execute(t.db.reader()).await.expect("rename");

    let err = intake::submit(&t.db, council().into(), rules.clone().into(), &submission()).await.unwrap_err();
    assert!(matches!(err, IntakeError::Db(_)), "{err:?}");
    assert_eq!(count(&t.db, "cases").await, 0, "a case without its event was left behind");
    assert_eq!(count(&t.db, "customers").await, 0);
    assert_eq!(count(&t.db, "contacts").await, 0);
}

#[tokio::test]
async fn a_failure_writing_a_status_event_leaves_the_status_unchanged() {
    let t = test_db().await;
    let rules = crate::support::rules(&t.db).await;
    seed_catalogue(&t.db).await;
    let id =
        intake::submit(&t.db, council().into(), rules.clone().into(), &submission()).await.expect("submitted").id();
    sqlx::raw_sql("ALTER TABLE case_events RENAME TO case_events_gone").execute(t.db.reader()).await.expect("rename");

    let mut tx = t.db.begin().await.expect("begin");
    let result = change_status(&mut tx, id, Status::InProgress, Actor::staff(1), None, &rules, now_ms()).await;
    assert!(matches!(result, Err(ChangeStatusError::Db(_))), "{result:?}");
    drop(tx); // rolled back

    let case = get(t.db.reader(), id).await.expect("read").expect("case");
    assert_eq!(case.status, Status::Received);
}

#[tokio::test]
async fn the_same_email_in_any_case_finds_the_same_customer() {
    let t = test_db().await;
    let rules = crate::support::rules(&t.db).await;
    seed_catalogue(&t.db).await;
    let first = intake::submit(&t.db, council().into(), rules.clone().into(), &submission()).await.expect("first");
    let mut again = submission();
    again.email = "JO@Example.COM".into();
    let second = intake::submit(&t.db, council().into(), rules.clone().into(), &again).await.expect("second");

    let a = get(t.db.reader(), first.id()).await.expect("read").expect("case");
    let b = get(t.db.reader(), second.id()).await.expect("read").expect("case");
    assert_ne!(a.id, b.id);
    assert_eq!(a.customer_id, b.customer_id);
    assert_eq!(count(&t.db, "customers").await, 1);
    assert_eq!(count(&t.db, "contacts").await, 2);
}

#[tokio::test]
async fn a_reference_leads_back_to_its_case_and_a_typo_does_not() {
    let t = test_db().await;
    let rules = crate::support::rules(&t.db).await;
    seed_catalogue(&t.db).await;
    let reference =
        intake::submit(&t.db, crate::support::council_for(&t.db).into(), rules.clone().into(), &submission())
            .await
            .expect("submitted");
    let typed = reference.as_str().to_lowercase();
    let parsed = CaseRef::parse(&crate::support::prefix_for(&t.db), &typed).expect("parses");
    assert!(get(t.db.reader(), parsed.id()).await.expect("read").is_some());

    let mut typo: Vec<char> = reference.as_str().chars().collect();
    let last = typo.len() - 1;
    typo[last] = if typo[last] == '7' { '8' } else { '7' };
    let typo: String = typo.into_iter().collect();
    assert!(CaseRef::parse(&crate::support::prefix_for(&t.db), &typo).is_err(), "{typo} was accepted");
}

#[tokio::test]
async fn coordinates_survive_whether_or_not_the_case_before_had_any() {
    use frontdoor::cases::db::{NewCase, insert};
    use frontdoor::cases::{CaseType, Channel, Location, Priority};

    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let (service_id, team_id): (i64, i64) = sqlx::query_as("SELECT id, team_id FROM services ORDER BY id LIMIT 1")
        .fetch_one(t.db.reader())
        .await
        .expect("service");
    // None first, then Some: the order that once broke a prepared statement on PostgreSQL.
    let places = [None, Some((51.580_123_4, -0.334_567_8)), None, Some((55.953_252, -3.188_267))];
    for place in places {
        let new = NewCase {
            language: frontdoor::language::ENGLISH,
            case_type: CaseType::ServiceRequest,
            channel: Channel::Web,
            service_id,
            customer_id: None,
            priority: Priority::Normal,
            description: "A pothole".into(),
            location: Location { lat: place.map(|p| p.0), lng: place.map(|p| p.1), ..Location::default() },
            team_id,
            partner_id: None,
        };
        let mut tx = t.db.begin().await.expect("begin");
        let (written, created) =
            insert(&mut tx, &new, frontdoor::cases::Actor::SYSTEM, now_ms()).await.expect("insert");
        tx.commit().await.expect("commit");
        let case = get(t.db.reader(), written.id).await.expect("read").expect("case");
        // What insert hands back is what a read gives: intake goes on from it unread.
        assert_eq!(format!("{written:?}"), format!("{case:?}"));
        let events = frontdoor::cases::db::events(t.db.reader(), case.id).await.expect("events");
        assert_eq!(format!("{:?}", [created]), format!("{events:?}"));
        match place {
            None => assert_eq!((case.location.lat, case.location.lng), (None, None)),
            Some((lat, lng)) => {
                assert!((case.location.lat.expect("lat") - lat).abs() < 1e-7);
                assert!((case.location.lng.expect("lng") - lng).abs() < 1e-7);
            }
        }
    }
}

#[tokio::test]
async fn sqlite_is_the_bundled_library_not_the_system_one() {
    if crate::support::on_postgres() {
        return;
    }
    let t = test_db().await;
    let version: String =
        sqlx::query_scalar("SELECT sqlite_version()").fetch_one(t.db.reader()).await.expect("version");
    let parts: Vec<u32> = version.split('.').map(|p| p.parse().expect("number")).collect();
    // The WAL-reset corruption bug affects SQLite 3.7.0 to 3.51.2 and is fixed in
    // 3.51.3. Debian 12's system library is 3.40.1, so frontdoor bundles its own.
    assert!(parts.as_slice() >= [3, 51, 3].as_slice(), "SQLite {version} is not the bundled, fixed library");
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(t.db.reader()).await.expect("mode");
    assert_eq!(mode, "wal");
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(t.db.reader()).await.expect("sync");
    assert_eq!(sync, 2, "synchronous=FULL");
}

#[tokio::test]
async fn a_phone_finds_a_customer_only_when_no_email_is_given() {
    let t = test_db().await;
    let rules = crate::support::rules(&t.db).await;
    seed_catalogue(&t.db).await;
    let by_phone = Submission { email: String::new(), phone: "01632 960 001".into(), ..submission() };
    let first = intake::submit(&t.db, council().into(), rules.clone().into(), &by_phone).await.expect("first");
    let again = intake::submit(&t.db, council().into(), rules.clone().into(), &by_phone).await.expect("again");
    let a = get(t.db.reader(), first.id()).await.expect("read").expect("case");
    let b = get(t.db.reader(), again.id()).await.expect("read").expect("case");
    assert_eq!(a.customer_id, b.customer_id, "the same phone, no email: the same customer");

    // Someone else in the household, with their own email, shares the landline.
    let housemate = Submission { email: "sam@example.com".into(), phone: "01632 960 001".into(), ..submission() };
    let third = intake::submit(&t.db, council().into(), rules.clone().into(), &housemate).await.expect("third");
    let c = get(t.db.reader(), third.id()).await.expect("read").expect("case");
    assert_ne!(a.customer_id, c.customer_id, "a shared phone must not merge two people");
}

/// Submissions arriving together share a transaction on SQLite (group commit). One that
/// is refused inside it (its file has gone) takes nothing of anyone else's with it, and
/// every reference given is a stored case.
#[tokio::test]
async fn submissions_sent_together_are_each_stored_or_refused_on_their_own() {
    let t = test_db().await;
    let rules: std::sync::Arc<_> = crate::support::rules(&t.db).await.into();
    seed_catalogue(&t.db).await;
    let council: std::sync::Arc<_> = council().into();
    let mut sent = Vec::new();
    for i in 0..40 {
        let mut s = submission();
        s.email = format!("resident{i}@example.com");
        if i == 17 {
            s.uploads = vec!["a-file-nobody-kept".into()];
        }
        let (db, council, rules) = (t.db.clone(), council.clone(), rules.clone());
        sent.push(tokio::spawn(async move { intake::submit(&db, council, rules, &s).await }));
    }
    let mut references = Vec::new();
    for (i, task) in sent.into_iter().enumerate() {
        match task.await.expect("the task ran") {
            Ok(reference) => references.push(reference),
            Err(IntakeError::Invalid(errors)) if i == 17 => assert_eq!(errors[0].field, "attachments"),
            Err(other) => panic!("submission {i}: {other}"),
        }
    }
    assert_eq!(references.len(), 39);
    assert_eq!(count(&t.db, "cases").await, 39);
    for reference in &references {
        assert!(get(t.db.reader(), reference.id()).await.expect("read").is_some(), "{reference} is stored");
    }
    let customers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customers WHERE email = 'resident17@example.com'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(customers, 0, "nothing of the refused submission was kept");
}

#[tokio::test]
async fn the_vocabulary_table_holds_the_numbers_events_are_stored_with() {
    let t = test_db().await;
    let stored: Vec<(String, i64, String)> =
        sqlx::query_as("SELECT name, number, code FROM vocabulary ORDER BY name, number")
            .fetch_all(t.db.reader())
            .await
            .expect("vocabulary");
    let mut expected = Vec::new();
    for k in ActorKind::ALL {
        assert_eq!(ActorKind::from_number(k.number()), Some(*k));
        expected.push(("actor_kind".to_owned(), k.number(), k.as_str().to_owned()));
    }
    for k in EventKind::ALL {
        assert_eq!(EventKind::from_number(k.number()), Some(*k));
        expected.push(("event_kind".to_owned(), k.number(), k.as_str().to_owned()));
    }
    for s in Status::ALL {
        assert_eq!(Status::from_number(s.number()), Some(*s));
        expected.push(("status".to_owned(), s.number(), s.as_str().to_owned()));
    }
    expected.sort();
    assert_eq!(stored, expected);

    // The partial index and the queries that pick events by kind write these numbers.
    assert_eq!((EventKind::StatusChanged.number(), EventKind::Message.number()), (2, 5));
    assert_eq!((EventKind::Escalated.number(), ActorKind::Customer.number(), ActorKind::Staff.number()), (11, 2, 3));
}
