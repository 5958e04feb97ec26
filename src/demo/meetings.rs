//! A year of meeting people for the demo council: visitors at the town hall's reception
//! desk, appointments with the three bookable services (with changes, cancellations and
//! no-shows), and housing officers' visits to homes on repair cases, so every
//! face-to-face standard has real figures. Rows are written as live use writes them
//! (the domain's own row functions, with the times they would have had), then counted
//! into the performance figures the way a rebuild counts them. Seeded: the same day
//! gives the same history.

use anyhow::Context;
use jiff::civil::{Date, Time};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::appointments::{self, AppointmentState};
use crate::customers::CustomerDetails;
use crate::db::Db;
use crate::reception::{self, Need, NewVisitor, VisitState};
use crate::standards::Rules;
use crate::visits::{self, Arrange};

const MIN: i64 = 60_000;

/// How many visitors, appointments and home visits were written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub visitors: usize,
    pub appointments: usize,
    pub home_visits: usize,
}

fn days_back(calendar: &crate::calendar::Calendar, now: i64, n: i64) -> Vec<Date> {
    let today = calendar.local_date(crate::rollups::ts(now));
    (1..=n)
        .rev()
        .filter_map(|d| today.checked_sub(jiff::Span::new().days(d)).ok())
        .filter(|d| calendar.is_working_day(*d))
        .collect()
}

/// Writes it all in one transaction, then its performance counts.
pub async fn write(db: &Db, rules: &Rules, now: i64) -> anyhow::Result<Written> {
    let calendar = &rules.calendars.council;
    let mut rng = StdRng::seed_from_u64(calendar.local_date(crate::rollups::ts(now)).day_of_year() as u64);
    let mut written = Written::default();
    let pool = db.reader();
    let staff: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, email FROM staff_users ORDER BY id").fetch_all(pool).await?;
    let adviser = staff.iter().find(|(_, e)| e.starts_with("adviser")).map_or(1, |(id, _)| *id);
    let customers: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM customers ORDER BY id LIMIT 400").fetch_all(pool).await?;
    let services: Vec<(String, i64)> = sqlx::query_as("SELECT code, id FROM services").fetch_all(pool).await?;
    let service = |code: &str| services.iter().find(|(c, _)| c == code).map(|(_, id)| *id);
    let site = rules
        .policy
        .contact
        .visit
        .first()
        .map(crate::standards::contact::VisitPoint::id)
        .context("the policy has no visiting point")?;
    let mut tx = db.begin().await?;

    // Identity cards for every member of staff: KM-1001 onwards.
    for (i, (id, _)) in staff.iter().enumerate() {
        visits::db::set_card(&mut tx, *id, Some(&format!("KM-{}", 1001 + i))).await?;
    }

    // Reception: about 18 visitors a working day; the desk is short-staffed in August and
    // over Christmas, when waits grow and more are told why, or leave.
    let reception_services: Vec<i64> =
        ["ctax-bill", "housing-benefit", "homeless", "housing-register", "parking-permit", "general"]
            .iter()
            .filter_map(|c| service(c))
            .collect();
    for day in days_back(calendar, now, 365) {
        let busy = matches!(day.month(), 8 | 12) || day.weekday() == jiff::civil::Weekday::Monday;
        for _ in 0..rng.random_range(12..24) {
            let Some(&(customer_id, ref name)) = customers.get(rng.random_range(0..customers.len().max(1))) else {
                break;
            };
            let arrived = calendar.at(day, Time::new(9, 0, 0, 0)?).as_millisecond()
                + rng.random_range(0..(7 * 60)) * MIN
                + rng.random_range(0..60_000);
            let visitor = NewVisitor {
                site: site.clone(),
                service_id: reception_services[rng.random_range(0..reception_services.len())],
                customer: CustomerDetails { name: name.clone(), ..CustomerDetails::default() },
                needs: if rng.random_bool(0.1) { vec![Need::Interpreter] } else { Vec::new() },
                appointment_id: None,
                case_id: None,
            };
            let dn = crate::rollups::day_number(day);
            let Some((id, _)) = reception::db::insert(&mut tx, &visitor, customer_id, dn, "", arrived).await? else {
                continue;
            };
            reception::db::step(&mut tx, id, Some(adviser), VisitState::Waiting, None, arrived).await?;
            let wait = if busy { rng.random_range(2..35) } else { rng.random_range(1..20) } * MIN;
            if wait > 12 * MIN && rng.random_bool(0.5) {
                let told = "The advisers are all with people. About 10 more minutes.";
                reception::db::told(&mut tx, id, told, arrived + 10 * MIN).await?;
            }
            let v = reception::db::get(&mut tx, id).await?.context("the demo visit")?;
            let target = reception::standard(rules).map_or(15 * MIN, |(_, t)| t);
            if wait > 25 * MIN && rng.random_bool(0.3) {
                reception::db::move_state(&mut tx, id, VisitState::Waiting, VisitState::Left, None, arrived + wait)
                    .await?;
                if let Some(met) = reception::decide(arrived, None, v.told_at, target, arrived + wait) {
                    reception::db::set_measured(&mut tx, id, met).await?;
                }
            } else {
                let called = arrived + wait;
                let desk = format!("Desk {}", rng.random_range(1..5));
                reception::db::move_state(&mut tx, id, VisitState::Waiting, VisitState::Called, Some(&desk), called)
                    .await?;
                let met = reception::decide(arrived, Some(called), v.told_at, target, called).unwrap_or(true);
                reception::db::set_measured(&mut tx, id, met).await?;
                reception::db::move_state(&mut tx, id, VisitState::Called, VisitState::BeingSeen, None, called + MIN)
                    .await?;
                let done = called + rng.random_range(5..25) * MIN;
                reception::db::move_state(&mut tx, id, VisitState::BeingSeen, VisitState::Seen, None, done).await?;
            }
            written.visitors += 1;
        }
    }

    // Appointments on the bookable services' cases: one each, at the first slot two
    // working days after the case came in; a few booked ahead for the coming weeks.
    for b in &rules.policy.appointments {
        let Some(service_id) = service(&b.service) else { continue };
        let cases: Vec<(i64, i64)> =
            sqlx::query_as("SELECT id, created_at FROM cases WHERE service_id = $1 ORDER BY id DESC LIMIT 300")
                .bind(service_id)
                .fetch_all(pool)
                .await?;
        for (case_id, created) in cases {
            let mut date = calendar.local_date(crate::rollups::ts(created));
            let mut slots = Vec::new();
            for _ in 0..14 {
                date = date.tomorrow()?;
                slots = appointments::day_slots(b, calendar, date);
                if !slots.is_empty() && rng.random_bool(0.6) {
                    break;
                }
            }
            let Some(&(starts, ends)) = slots.get(rng.random_range(0..slots.len().max(1))) else { continue };
            let new = appointments::db::NewAppointment {
                case_id,
                service_id,
                site: &b.site,
                starts_at: starts,
                ends_at: ends,
                uid: &format!("appointment-demo-{case_id}@kingsmead.example"),
                token_hash: &crate::crypto::token_hash(&crate::crypto::new_token()),
                booked_by: None,
            };
            let Some(id) = appointments::db::insert(&mut tx, &new, b.places, created).await? else { continue };
            written.appointments += 1;
            if starts > now {
                continue;
            }
            let roll: f64 = rng.random();
            if roll < 0.06 {
                appointments::db::set_state(
                    &mut tx,
                    id,
                    AppointmentState::Booked,
                    AppointmentState::NoShow,
                    starts + 20 * MIN,
                )
                .await?;
            } else if roll < 0.12 {
                // Cancelled by the council: most with a day's notice or more, some not.
                let notice = if rng.random_bool(0.75) { rng.random_range(26..96) } else { rng.random_range(2..20) };
                let notified = starts - notice * 3_600_000;
                appointments::db::set_state(
                    &mut tx,
                    id,
                    AppointmentState::Booked,
                    AppointmentState::Cancelled,
                    notified,
                )
                .await?;
                let change = appointments::db::Change {
                    appointment_id: Some(id),
                    visit_id: None,
                    service_id,
                    kind: "cancelled",
                    by_council: true,
                    old_start: starts,
                    new_start: None,
                    reason: Some("The adviser is unwell."),
                    staff_id: Some(adviser),
                    met: Some(appointments::told_in_time(starts, notified, 24 * 3_600_000)),
                };
                appointments::db::insert_change(&mut tx, &change, notified).await?;
            } else {
                let arrived = starts - rng.random_range(-5..15) * MIN;
                // Most start on time; some run late, more so in August and December.
                let busy = matches!(date.month(), 8 | 12);
                let late = if rng.random_bool(if busy { 0.6 } else { 0.85 }) {
                    rng.random_range(0..5)
                } else {
                    rng.random_range(5..16)
                };
                let started = starts.max(arrived) + late * MIN + rng.random_range(0..60_000);
                appointments::db::set_state(&mut tx, id, AppointmentState::Booked, AppointmentState::Arrived, arrived)
                    .await?;
                appointments::db::set_state(&mut tx, id, AppointmentState::Arrived, AppointmentState::Started, started)
                    .await?;
                let met = appointments::started_in_time(starts, Some(arrived), started, 5 * MIN);
                appointments::db::set_measured(&mut tx, id, met).await?;
                appointments::db::set_state(
                    &mut tx,
                    id,
                    AppointmentState::Started,
                    AppointmentState::Finished,
                    started + 25 * MIN,
                )
                .await?;
            }
        }
    }

    // Housing officers' visits to homes on repair and damp cases.
    let officers: Vec<i64> = staff.iter().filter(|(_, e)| e.starts_with("housing")).map(|(id, _)| *id).collect();
    let repairs: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT c.id, c.created_at FROM cases c JOIN services s ON s.id = c.service_id \
         WHERE s.code IN ('housing-repair', 'damp-mould') ORDER BY c.id DESC LIMIT 400",
    )
    .fetch_all(pool)
    .await?;
    for (case_id, created) in repairs {
        let Some(&officer_id) = officers.get(rng.random_range(0..officers.len().max(1))) else { break };
        let mut date = calendar.local_date(crate::rollups::ts(created));
        for _ in 0..3 {
            date = calendar.next_working_day_from(date.tomorrow()?, &mut Vec::new());
        }
        let hour = rng.random_range(9..16);
        let due = calendar.at(date, Time::new(hour, 0, 0, 0)?).as_millisecond();
        let mut window_end = rng.random_bool(0.4).then_some(due + 2 * 3_600_000);
        let arrange = Arrange { case_id, officer_id, due_at: due, window_end, staff_id: officer_id };
        let id =
            visits::db::insert(&mut tx, &arrange, &format!("visit-demo-{case_id}@kingsmead.example"), created).await?;
        written.home_visits += 1;
        if due > now {
            continue;
        }
        // One in ten is moved to the next working day by the council: mostly with a day's
        // notice or more, sometimes the morning of the visit.
        let mut due = due;
        if rng.random_bool(0.1) {
            let notice = if rng.random_bool(0.7) { rng.random_range(25..72) } else { rng.random_range(1..12) };
            let notified = due - notice * 3_600_000;
            let next = calendar.next_working_day_from(date.tomorrow()?, &mut Vec::new());
            let moved = calendar.at(next, Time::new(hour, 0, 0, 0)?).as_millisecond();
            let moved_end = window_end.map(|_| moved + 2 * 3_600_000);
            if moved < now && visits::db::change(&mut tx, id, Some((moved, moved_end)), notified).await? {
                let service_id = visits::db::service_of(&mut tx, case_id).await?;
                let change = appointments::db::Change {
                    appointment_id: None,
                    visit_id: Some(id),
                    service_id,
                    kind: "moved",
                    by_council: true,
                    old_start: due,
                    new_start: Some(moved),
                    reason: Some("The officer was needed at an emergency."),
                    staff_id: Some(officer_id),
                    met: Some(appointments::told_in_time(due, notified, 24 * 3_600_000)),
                };
                appointments::db::insert_change(&mut tx, &change, notified).await?;
                due = moved;
                window_end = moved_end;
            }
        }
        let offset = rng.random_range(-10..(if matches!(date.month(), 1 | 2) { 45 } else { 25 })) * MIN;
        let arrived =
            window_end.map_or(due, |end| if rng.random_bool(0.8) { due + (end - due) / 2 } else { end }) + offset;
        visits::db::arrive(&mut tx, id, arrived).await?;
        visits::db::set_measured(&mut tx, id, visits::on_time(due, window_end, arrived, 15 * MIN)).await?;
        visits::db::finish(&mut tx, id, "Inspected; repair ordered.", arrived + 40 * MIN).await?;
    }
    tx.commit().await?;

    let mut counts = reception::performance_counts(pool, rules).await?;
    counts.extend(appointments::performance_counts(pool, rules).await?);
    counts.extend(visits::performance_counts(pool, rules).await?);
    let mut tx = db.begin().await?;
    crate::rollups::db::add(&mut tx, &counts).await?;
    tx.commit().await?;
    Ok(written)
}
