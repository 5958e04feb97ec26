//! Clocks on real cases, on both databases: started by intake, paused while waiting for
//! the customer, extended with an outbox message, warned and breached by the job
//! runner, and never fired twice by two runners.

use frontdoor::cases::db::events;
use frontdoor::cases::{Actor, EventKind, Status};
use frontdoor::casework::change_status;
use frontdoor::casework::clocks::{ExtendError, extend, fire_due};
use frontdoor::clocks::{self, State};
use frontdoor::db::now_ms;
use frontdoor::intake;
use frontdoor::intake::Submission;
use frontdoor::org::db::NewStaff;
use frontdoor::org::{self, Role};
use sqlx::Row;

use crate::support::{council, count, rules, seed_catalogue, test_db};

fn valid_report() -> Submission {
    Submission {
        service_code: "general".into(),
        name: "Sam Resident".into(),
        email: "sam@example.com".into(),
        description: "When is the library open on bank holidays?".into(),
        ..Submission::default()
    }
}

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

async fn clock_row(db: &frontdoor::db::Db, case_id: i64, standard: &str) -> (String, Option<i64>, Option<i64>) {
    let row = sqlx::query("SELECT state, due_at, next_fire_at FROM clocks WHERE case_id = $1 AND standard_id = $2")
        .bind(case_id)
        .bind(standard)
        .fetch_one(db.reader())
        .await
        .expect("clock row");
    (row.get("state"), row.get("due_at"), row.get("next_fire_at"))
}

async fn kinds(db: &frontdoor::db::Db, case_id: i64, kind: EventKind) -> usize {
    events(db.reader(), case_id).await.expect("events").iter().filter(|e| e.kind == kind).count()
}

#[tokio::test]
async fn a_case_with_two_clocks_is_paused_extended_warned_and_breached_once() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let rules = rules(&t.db).await;
    let mut tx = t.db.begin().await.expect("begin");
    let team: i64 = sqlx::query_scalar("SELECT id FROM teams").fetch_one(&mut *tx).await.expect("team");
    let staff = |email, name, role| NewStaff {
        email,
        name,
        role,
        team_id: Some(team),
        partner_id: None,
        ward: None,
        password_hash: None,
    };
    let lead =
        org::db::insert_staff(&mut tx, &staff("lead@example.gov.uk", "Lee Lead", Role::TeamLead), 0).await.unwrap();
    let worker =
        org::db::insert_staff(&mut tx, &staff("cas@example.gov.uk", "Cas Worker", Role::Caseworker), 0).await.unwrap();
    tx.commit().await.expect("commit");

    // A web report starts two clocks: acknowledge in 24 hours, reply in 3 working days.
    let reference =
        intake::submit(&t.db, council().into(), rules.clone().into(), &valid_report()).await.expect("submitted");
    let case_id = reference.id();
    let (ack_state, ack_due, _) = clock_row(&t.db, case_id, "online-acknowledge").await;
    let (reply_state, reply_due, reply_fire) = clock_row(&t.db, case_id, "online-reply").await;
    assert_eq!((ack_state.as_str(), reply_state.as_str()), ("running", "running"));
    let created = sqlx::query_scalar::<_, i64>("SELECT created_at FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(ack_due, Some(created + DAY), "24 calendar hours");
    assert!(reply_due.unwrap() > created + DAY, "3 working days is more than a day");
    assert!(reply_fire.is_some());

    // Acknowledging meets the first clock; the second keeps running.
    let mut tx = t.db.begin().await.unwrap();
    change_status(&mut tx, case_id, Status::Acknowledged, Actor::staff(worker), None, &rules, now_ms()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(clock_row(&t.db, case_id, "online-acknowledge").await.0, "met");

    // Waiting for the customer pauses the reply clock: no deadline, nothing to fire.
    let mut tx = t.db.begin().await.unwrap();
    change_status(&mut tx, case_id, Status::WaitingForCustomer, Actor::staff(worker), None, &rules, now_ms())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(clock_row(&t.db, case_id, "online-reply").await, ("paused".to_owned(), None, None));
    let mut tx = t.db.begin().await.unwrap();
    let paused =
        extend(&mut tx, case_id, "online-reply", 2, "We need a survey", lead, &rules, &council(), now_ms()).await;
    assert!(matches!(paused, Err(ExtendError::Paused)), "{paused:?}");
    drop(tx);
    let mut tx = t.db.begin().await.unwrap();
    change_status(&mut tx, case_id, Status::InProgress, Actor::customer(None), None, &rules, now_ms()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(clock_row(&t.db, case_id, "online-reply").await.0, "running");

    // Only a team lead may extend, within the cap of 10 working days, with a reason.
    let mut tx = t.db.begin().await.unwrap();
    let by_caseworker =
        extend(&mut tx, case_id, "online-reply", 2, "Survey", worker, &rules, &council(), now_ms()).await;
    assert!(matches!(by_caseworker, Err(ExtendError::NotApprover)), "{by_caseworker:?}");
    let too_long = extend(&mut tx, case_id, "online-reply", 11, "Survey", lead, &rules, &council(), now_ms()).await;
    assert!(matches!(too_long, Err(ExtendError::CapReached { .. })), "{too_long:?}");
    let no_reason = extend(&mut tx, case_id, "online-reply", 2, "  ", lead, &rules, &council(), now_ms()).await;
    assert!(matches!(no_reason, Err(ExtendError::NoReason)), "{no_reason:?}");
    let met = extend(&mut tx, case_id, "online-acknowledge", 1, "Busy", lead, &rules, &council(), now_ms()).await;
    assert!(matches!(met, Err(ExtendError::NotExtendable(_))), "{met:?}");
    drop(tx);
    let before = clock_row(&t.db, case_id, "online-reply").await.1.unwrap();
    let mut tx = t.db.begin().await.unwrap();
    let new_due =
        extend(&mut tx, case_id, "online-reply", 2, "We need a survey of the site", lead, &rules, &council(), now_ms())
            .await
            .expect("extended");
    tx.commit().await.unwrap();
    let after = clock_row(&t.db, case_id, "online-reply").await.1.unwrap();
    assert_eq!(after, new_due.as_millisecond());
    assert!(after >= before + 2 * DAY, "two more working days");

    // The customer is told the new date and why, in an outbox row from the same transaction.
    let row = sqlx::query("SELECT channel, recipient, subject, body, auto_submitted FROM outbox WHERE case_id = $1 AND purpose = 'update'")
        .bind(case_id)
        .fetch_one(t.db.reader())
        .await
        .expect("an outbox message");
    assert_eq!(row.get::<String, _>("channel"), "email");
    assert_eq!(row.get::<String, _>("recipient"), "sam@example.com");
    assert!(row.get::<String, _>("subject").contains(&reference.to_string()));
    let body: String = row.get("body");
    assert!(body.contains("We need a survey of the site"), "{body}");
    assert_eq!(row.get::<Option<String>, _>("auto_submitted").as_deref(), Some("auto-generated"));

    // Replaying the events gives the same deadline as the projection.
    let replayed = clocks::replay(&events(t.db.reader(), case_id).await.unwrap(), &rules);
    let reply = replayed.iter().find(|c| c.standard.id == "online-reply").unwrap();
    assert_eq!(reply.due().unwrap().as_millisecond(), after);
    assert_eq!(reply.extended, 2);

    // Two runners sweep at the warning time and then at the deadline, at once.
    let warn_at = clock_row(&t.db, case_id, "online-reply").await.2.unwrap();
    assert!(warn_at < after);
    let (a, b) = tokio::join!(fire_due(&t.db, &rules, warn_at, 100), fire_due(&t.db, &rules, warn_at, 100));
    assert_eq!(a.unwrap().warned + b.unwrap().warned, 1, "warned exactly once");
    assert_eq!(clock_row(&t.db, case_id, "online-reply").await.2, Some(after), "next: the deadline");
    let late = after + HOUR;
    let (a, b) = tokio::join!(fire_due(&t.db, &rules, late, 100), fire_due(&t.db, &rules, late, 100));
    assert_eq!(a.unwrap().breached + b.unwrap().breached, 1, "breached exactly once");
    assert_eq!(clock_row(&t.db, case_id, "online-reply").await, ("running".to_owned(), Some(after), None));
    assert_eq!(kinds(&t.db, case_id, EventKind::ClockWarned).await, 1);
    assert_eq!(kinds(&t.db, case_id, EventKind::ClockBreached).await, 1);
    assert_eq!(kinds(&t.db, case_id, EventKind::Escalated).await, 1);

    // Escalated to the team lead.
    let escalated =
        events(t.db.reader(), case_id).await.unwrap().into_iter().find(|e| e.kind == EventKind::Escalated).unwrap();
    let fired: clocks::Fired = serde_json::from_str(escalated.body.as_deref().unwrap()).unwrap();
    assert_eq!(fired.team_lead, Some(lead));

    // Resolving stops the clock; nothing more fires.
    let mut tx = t.db.begin().await.unwrap();
    change_status(&mut tx, case_id, Status::Resolved, Actor::staff(worker), None, &rules, now_ms()).await.unwrap();
    tx.commit().await.unwrap();
    // The sweeps above ran at simulated later times; resolving at the real time, days
    // before the deadline, meets the clock.
    assert_eq!(clock_row(&t.db, case_id, "online-reply").await.0, State::Met.as_str());
    assert_eq!(fire_due(&t.db, &rules, late + 30 * DAY, 100).await.unwrap(), Default::default());
}

#[tokio::test]
async fn two_job_runners_never_both_take_the_sweep() {
    let t = test_db().await;
    let mail = tempfile::tempdir().unwrap();
    let state = crate::support::state(&t.db, mail.path()).await;
    let now = now_ms();
    let rules = crate::support::rules(&t.db).await;
    frontdoor::jobs::ensure_recurring(&t.db, &rules, now).await.unwrap();
    frontdoor::jobs::ensure_recurring(&t.db, &rules, now).await.unwrap();
    assert_eq!(count(&t.db, "jobs").await, 3, "the sweep, retention and housekeeping, once however many times asked");
    // The retention run waits for the coming night, 02:00 council time.
    let night: i64 =
        sqlx::query_scalar("SELECT run_at FROM jobs WHERE kind = 'retention'").fetch_one(t.db.reader()).await.unwrap();
    assert_eq!(night, frontdoor::jobs::next_night(&rules, now));
    assert!(night > now && night - now <= 86_400_000);
    let local =
        jiff::Timestamp::from_millisecond(night).unwrap().to_zoned(jiff::tz::TimeZone::get("Europe/London").unwrap());
    assert_eq!((local.hour(), local.minute()), (2, 0));
    let jobs = crate::support::jobs_of(&state);
    let (a, b) = tokio::join!(
        frontdoor::jobs::run_one(&jobs, "runner-a", now),
        frontdoor::jobs::run_one(&jobs, "runner-b", now)
    );
    assert_eq!([a.unwrap(), b.unwrap()].iter().filter(|ran| **ran).count(), 1);
    // It is rescheduled 30 seconds on, with its lease released.
    let row = sqlx::query("SELECT run_at, attempts, lease_owner FROM jobs WHERE kind = 'clock_sweep'")
        .fetch_one(t.db.reader())
        .await
        .unwrap();
    assert_eq!(row.get::<i64, _>("run_at"), now + 30_000);
    assert_eq!(row.get::<i64, _>("attempts"), 0);
    assert_eq!(row.get::<Option<String>, _>("lease_owner"), None);
    assert!(
        !frontdoor::jobs::run_one(&crate::support::jobs_of(&state), "runner-a", now + 1).await.unwrap(),
        "nothing due yet"
    );
}

#[tokio::test]
async fn a_job_whose_worker_died_is_taken_again_when_its_lease_runs_out() {
    let t = test_db().await;
    let now = now_ms();
    frontdoor::jobs::ensure_recurring(&t.db, &crate::support::rules(&t.db).await, now).await.unwrap();
    let lease = frontdoor::jobs::LEASE;
    let first = frontdoor::jobs::claim(&t.db, "died", now, lease).await.unwrap();
    assert!(first.is_some());
    assert!(frontdoor::jobs::claim(&t.db, "other", now + 1_000, lease).await.unwrap().is_none(), "still leased");
    let later = now + lease.as_millis() as i64 + 1;
    let again = frontdoor::jobs::claim(&t.db, "other", later, lease).await.unwrap().expect("lease ran out");
    assert_eq!(again.attempts, 2);
}

#[tokio::test]
async fn a_standard_added_to_the_policy_later_does_not_reach_into_old_cases() {
    let t = test_db().await;
    seed_catalogue(&t.db).await;
    let old_rules = rules(&t.db).await;
    let reference =
        intake::submit(&t.db, council().into(), old_rules.clone().into(), &valid_report()).await.expect("submitted");
    // Change the reply standard to 1 working day: a new version.
    let text =
        frontdoor::standards::DEFAULT_POLICY.replace("target = \"3 working days\"", "target = \"1 working day\"");
    let policy = frontdoor::standards::Policy::parse(&text).unwrap();
    let new_rules = frontdoor::standards::db::load_rules(&t.db, policy, now_ms()).await.unwrap();
    assert_eq!(new_rules.current("online-reply").unwrap().version, 2);
    // The old case keeps version 1 and its 3 working days.
    let replayed = clocks::replay(&events(t.db.reader(), reference.id()).await.unwrap(), &new_rules);
    let reply = replayed.iter().find(|c| c.standard.id == "online-reply").unwrap();
    assert_eq!(reply.version, 1);
    assert_eq!(reply.deadline.as_ref().unwrap().allowed.to_string(), "3 working days");
    let newer =
        intake::submit(&t.db, council().into(), new_rules.clone().into(), &valid_report()).await.expect("submitted");
    let replayed = clocks::replay(&events(t.db.reader(), newer.id()).await.unwrap(), &new_rules);
    let reply = replayed.iter().find(|c| c.standard.id == "online-reply").unwrap();
    assert_eq!((reply.version, reply.deadline.as_ref().unwrap().allowed.to_string()), (2, "1 working day".to_owned()));
}
