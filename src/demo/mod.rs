//! `frontdoor demo` and `frontdoor seed`: a complete, convincing council.
//!
//! The demo builds the organisation and services catalogue, staff accounts and a year of
//! synthetic history on a fresh SQLite file, then the caller serves it. `seed` writes
//! the same catalogue into an empty database (SQLite or PostgreSQL) and adds history in
//! bulk, at any size, for benchmarks; run again, it adds more.

pub mod calls;
mod catalogue;
mod councillors;
mod history;
mod letters;
pub mod meetings;
mod privacy;
mod questions;
pub mod translations;

use std::sync::Arc;

use anyhow::Context;

pub use catalogue::SERVICES;
use catalogue::{PARTNER, STAFF, TEAMS};
pub use history::Seeded;
use history::{SeedOrg, SeedService};

use crate::db::{Db, now_ms};
use crate::org::Role;
use crate::org::db::NewStaff;
use crate::services::db::NewService;
use crate::standards::Rules;
use crate::{org, services};

/// Replies officers can start from; an administrator changes them at /staff/admin/templates.
const REPLY_TEMPLATES: &[(&str, &str)] = &[
    (
        "Done",
        "We have dealt with this. Thank you for telling us.\n\nIf it happens again, tell us and we will look at it again.",
    ),
    (
        "We need more information",
        "To deal with your {service} request we need to know a little more.\n\nPlease reply and tell us:\n\n",
    ),
    (
        "Passed to our contractor",
        "We have asked our contractor to do this. They work to the same standards as we do, and we will tell you when it is done.",
    ),
];

/// The password every demo staff account shares. It is printed; it is a demo.
pub const DEMO_PASSWORD: &str = "demo-password-2026";

/// An account `seed` looks for to know a database holds the demo council.
const DEMO_ADMIN: &str = "admin@kingsmead.example";

/// What the demo built, for the start-up message.
pub struct Built {
    pub seeded: Seeded,
    pub services: usize,
    pub staff: Vec<(&'static str, &'static str)>,
    /// Phone calls, a year of them.
    pub calls: usize,
    /// Visitors at reception, appointments and officers' home visits, a year of each.
    pub meetings: meetings::Written,
    /// Letters from residents with only a postal address, some of their replies waiting
    /// to be printed.
    pub letters: usize,
    /// Customers with needs or reasonable adjustments recorded.
    pub needs: usize,
    /// Wards loaded from the demo's postcode directory.
    pub wards: usize,
    /// Strings of service content translated into Welsh and Arabic.
    pub translated: usize,
}

/// Writes the demo council into an empty, migrated database.
pub async fn build(db: &Db, cases: usize) -> anyhow::Result<Built> {
    let now = now_ms();
    // The standards in force start each history case's clocks, as intake would have.
    let rules = crate::standards::db::load_rules(db, crate::standards::Policy::default_policy(), now).await?;
    write_catalogue(db, &rules, now).await?;
    let wards = write_wards(db, &rules).await?;
    let calls = write_calls(db, &rules, cases, now).await?;
    let seeded = seed_history(db, rules.clone(), cases, now, &|_| {}).await?;
    councillors::write(db, now).await.context("writing the demo's councillors")?;
    book_callbacks(db, &rules, now).await?;
    let meetings =
        meetings::write(db, &rules, now).await.context("writing the demo's visitors, appointments and home visits")?;
    let letters = letters::write(db, &rules, now).await.context("writing the demo's letters")?;
    let needs = privacy::write(db, now).await.context("writing the demo's needs, adjustments and hold")?;
    publish_examples(db, now).await?;
    let translated = translations::store(db, &rules, now).await.context("writing the demo's translations")?;
    let staff = STAFF
        .iter()
        .map(|s| (s.email, s.role.label()))
        .chain(catalogue::COUNCILLORS.iter().map(|(email, ..)| (*email, Role::Councillor.label())))
        .collect();
    Ok(Built { seeded, services: SERVICES.len(), staff, calls, meetings, letters, needs, wards, translated })
}

/// The demo's wards and postcode directory, read as `frontdoor wards import` reads a
/// real one. Returns how many wards.
async fn write_wards(db: &Db, rules: &Rules) -> anyhow::Result<usize> {
    let directory = crate::wards::read_directory(catalogue::postcode_directory().as_bytes(), catalogue::AREA)?;
    let names = crate::wards::read_names(catalogue::ward_names().as_bytes())?;
    let done = crate::wards::db::replace(db, &rules.calendars.council, &directory, Some(&names)).await?;
    Ok(done.wards)
}

/// A year of calls for the measured phone lines, about one and a half for every 250
/// cases on an ordinary working day, stored as an import would. Returns how many.
async fn write_calls(db: &Db, rules: &Rules, cases: usize, now: i64) -> anyhow::Result<usize> {
    let Some((standard, measure)) = crate::calls::phone_standard(&rules.policy) else { return Ok(0) };
    let calendar = &rules.calendars.council;
    let per_day = (cases * 3 / 500).clamp(20, 1_500);
    let records = calls::year(calendar, now, per_day);
    let against = crate::calls::db::Against { standard, measure, calendar };
    crate::calls::import(db, &records, &against).await.context("writing the calls")?;
    Ok(records.len())
}

/// Callbacks due on the newest open callback requests, at the times their customers
/// might have chosen, so the advisers' list has work on it.
async fn book_callbacks(db: &Db, rules: &Rules, now: i64) -> anyhow::Result<()> {
    use crate::callbacks::When;
    let open: Vec<(i64, String)> = sqlx::query_as(
        "SELECT c.id, u.phone FROM cases c JOIN customers u ON u.id = c.customer_id \
         WHERE c.case_type = 'callback' AND c.resolved_at IS NULL AND u.phone IS NOT NULL ORDER BY c.id DESC LIMIT 8",
    )
    .fetch_all(db.reader())
    .await?;
    let whens = [When::Asap, When::NextMorning, When::NextAfternoon, When::TodayAfternoon];
    let mut tx = db.begin().await?;
    for (i, (case_id, phone)) in open.iter().enumerate() {
        let when = whens[i % whens.len()];
        // A time of day already passed is booked as soon as possible instead.
        if crate::callbacks::book(&mut tx, rules, *case_id, phone, when, None, now).await.is_err() {
            crate::callbacks::book(&mut tx, rules, *case_id, phone, When::Asap, None, now)
                .await
                .map_err(|e| anyhow::anyhow!("booking a demo callback: {e}"))?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// What `seed` found in the database before it began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// An empty database: the demo council's catalogue and staff were written first.
    Empty,
    /// The demo council, seeded before: history was added to it.
    Demo,
}

/// `frontdoor seed`: the demo council's catalogue into an empty database, or history
/// added to one seeded before. Refuses a database that holds any other council's
/// services, so synthetic cases never mix with real ones. `progress` is told what has been
/// written so far after each commit: customers first, then cases.
pub async fn seed(
    db: &Db,
    rules: Rules,
    cases: usize,
    progress: &(dyn Fn(&Seeded) + Sync),
) -> anyhow::Result<(Found, Seeded)> {
    let now = now_ms();
    let services: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM services").fetch_one(db.reader()).await?;
    let found = if services == 0 {
        write_catalogue(db, &rules, now).await?;
        write_wards(db, &rules).await?;
        Found::Empty
    } else {
        let demo: Option<i64> = sqlx::query_scalar("SELECT id FROM staff_users WHERE email = $1")
            .bind(DEMO_ADMIN)
            .fetch_optional(db.reader())
            .await?;
        if demo.is_none() {
            anyhow::bail!(
                "this database holds a council's own services; seed writes only into an empty database or one it seeded"
            );
        }
        Found::Demo
    };
    Ok((found, seed_history(db, rules, cases, now, progress).await?))
}

async fn seed_history(
    db: &Db,
    rules: Rules,
    cases: usize,
    now: i64,
    progress: &(dyn Fn(&Seeded) + Sync),
) -> anyhow::Result<Seeded> {
    let org = load_org(db).await?;
    history::seed(db, Arc::new(org), Arc::new(rules), cases, now, progress).await.context("writing the history")
}

/// What the demo's disclosure log publishes: (title, request, answer, outcome, exemptions).
const PUBLISHED: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Potholes repaired in 2025, by ward",
        "Please send me the number of potholes repaired last year, by ward.",
        "Abbey: 341. Castle: 412. Market: 295. Riverside: 380.",
        "provided",
        "",
    ),
    (
        "Spending on agency staff",
        "How much did the council spend on agency staff in each of the last three years, and who were they?",
        "2023 to 2024: £2.1 million. 2024 to 2025: £2.4 million. 2025 to 2026: £1.9 million. We have not given the names of the people employed through agencies.",
        "part_provided",
        "s40",
    ),
    (
        "Rates in the waste collection contract",
        "Please send me the rates the council pays under the current waste collection contract.",
        "We have withheld the rates. The contract is being tendered again this year, and publishing them now would harm the council's and the bidders' commercial interests. We weighed the public interest and found it favours withholding them until the new contract is signed.",
        "refused",
        "s43",
    ),
    (
        "Empty council homes, by street",
        "How many council homes are empty on each street in Kingsmead?",
        "We do not hold a count by street. We hold a count by ward, which we publish each quarter on our website.",
        "not_held",
        "",
    ),
];

/// The demo's disclosure log: the latest answered FOI requests, each given an outcome
/// and published, as an information officer would.
async fn publish_examples(db: &Db, now: i64) -> anyhow::Result<()> {
    let officer: i64 = sqlx::query_scalar("SELECT id FROM staff_users WHERE email = 'foi.officer@kingsmead.example'")
        .fetch_one(db.reader())
        .await?;
    let answered: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, created_at, updated_at FROM cases WHERE case_type = 'foi' AND status IN ('resolved', 'closed') \
         ORDER BY id DESC LIMIT $1",
    )
    .bind(PUBLISHED.len() as i64)
    .fetch_all(db.reader())
    .await?;
    let mut tx = db.begin().await?;
    for ((case_id, received_at, answered_at), (title, request, response, outcome, exemptions)) in
        answered.into_iter().zip(PUBLISHED)
    {
        crate::information::db::insert_response(&mut tx, case_id, 1, outcome, exemptions, officer, answered_at).await?;
        let published = crate::information::db::Published {
            case_type: crate::cases::CaseType::Foi,
            title,
            request,
            response,
            outcome,
            exemptions,
            received_at,
            answered_at,
        };
        crate::information::db::publish(&mut tx, case_id, &published, officer, (answered_at + 86_400_000).min(now))
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Teams, the partner, services with their questions, staff, a notice and reply templates,
/// in one transaction.
async fn write_catalogue(db: &Db, rules: &Rules, now: i64) -> anyhow::Result<()> {
    let hash = crate::crypto::hash_password(DEMO_PASSWORD)?;
    let mut tx = db.begin().await?;
    let mut team_ids = Vec::new();
    for team in TEAMS {
        let email = format!("{}@kingsmead.example", team.code);
        team_ids.push((team.code, org::db::insert_team(&mut tx, team.code, team.name, &email).await?));
    }
    let team_id =
        |code: &str| team_ids.iter().find(|(c, _)| *c == code).map(|(_, id)| *id).context("demo team missing");
    let partner_id = org::db::insert_partner(&mut tx, PARTNER.0, PARTNER.1, "repairs@kingsmead-homes.example").await?;

    let mut service_ids = Vec::new();
    for spec in SERVICES {
        let new = NewService {
            code: spec.code,
            name: spec.name,
            group_name: spec.group,
            description: spec.description,
            keywords: spec.keywords,
            case_type: spec.case_type,
            team_id: team_id(spec.team)?,
            partner_id: spec.partner.then_some(partner_id),
            asks_location: spec.asks_location,
        };
        service_ids.push((spec.code, services::db::insert(&mut tx, &new).await?));
    }
    services::db::set_public_requests(&mut tx, catalogue::PUBLIC_REQUESTS).await?;
    for (code, field) in questions::all() {
        let service = service_ids.iter().find(|(c, _)| *c == code).map(|(_, id)| *id);
        let service = service.with_context(|| format!("demo question for unknown service {code}"))?;
        services::db::insert_field(&mut tx, service, &field).await?;
    }

    let mut admin = None;
    for spec in STAFF {
        let new = NewStaff {
            email: spec.email,
            name: spec.name,
            role: spec.role,
            team_id: spec.team.map(team_id).transpose()?,
            partner_id: spec.partner.then_some(partner_id),
            ward: None,
            password_hash: Some(&hash),
        };
        let id = org::db::insert_staff(&mut tx, &new, now).await?;
        if spec.role == Role::Admin {
            admin = admin.or(Some(id));
        }
    }

    if let Some(admin) = admin {
        // A notice, as an administrator would publish one, for this week.
        let calendar = &rules.calendars.council;
        let today = calendar.local_date(crate::rollups::ts(now));
        let missed_bin = service_ids.iter().find(|(c, _)| *c == "missed-bin").map(|(_, id)| *id);
        let draft = crate::notices::Draft {
            service_id: missed_bin,
            area: "Northgate and Riverside".into(),
            title: "Collections are a day late this week".into(),
            body: "Because of a broken-down lorry, bins in Northgate and Riverside are being emptied a day later than usual this week. Leave your bin out and we will empty it. You do not need to report it as missed unless it is still full two days after your usual day.".into(),
            starts: today.to_string(),
            ends: today.checked_add(jiff::Span::new().days(6)).unwrap_or(today).to_string(),
        };
        if let Ok(checked) = crate::notices::check(&draft, calendar, today) {
            crate::notices::insert(&mut tx, &checked, admin, now).await?;
        }
        for (name, body) in REPLY_TEMPLATES {
            crate::plain::templates::save(&mut tx, None, name, body, true, admin, now)
                .await
                .map_err(|e| anyhow::anyhow!("demo template {name:?}: {e}"))?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The demo council's services, officers and team leads as they stand in the database,
/// for the history generator.
async fn load_org(db: &Db) -> anyhow::Result<SeedOrg> {
    let rows: Vec<(String, i64, i64, Option<i64>, i64)> =
        sqlx::query_as("SELECT code, id, team_id, partner_id, asks_location FROM services ORDER BY id")
            .fetch_all(db.reader())
            .await?;
    let services = SERVICES
        .iter()
        .filter_map(|spec| {
            let (_, id, team_id, partner_id, asks_location) = rows.iter().find(|r| r.0 == spec.code)?;
            Some(SeedService {
                id: *id,
                team_id: *team_id,
                partner_id: *partner_id,
                case_type: spec.case_type,
                weight: spec.weight,
                asks_location: *asks_location == 1,
                example: spec.example,
                name: spec.name,
                code: spec.code,
            })
        })
        .collect::<Vec<_>>();
    if services.is_empty() {
        anyhow::bail!("the database has none of the demo council's services to write history for");
    }
    let staff: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT id, team_id, role FROM staff_users WHERE team_id IS NOT NULL AND disabled = 0 ORDER BY id",
    )
    .fetch_all(db.reader())
    .await?;
    let mut officers: Vec<(i64, Vec<i64>)> = Vec::new();
    let mut leads = Vec::new();
    for (id, team, role) in staff {
        let role = Role::parse(&role);
        if matches!(role, Some(Role::Caseworker | Role::TeamLead)) {
            match officers.iter_mut().find(|(t, _)| *t == team) {
                Some((_, ids)) => ids.push(id),
                None => officers.push((team, vec![id])),
            }
        }
        if role == Some(Role::TeamLead) && !leads.iter().any(|(t, _)| *t == team) {
            leads.push((team, id));
        }
    }
    Ok(SeedOrg { services, officers, leads })
}

/// A recent open case with an email address, for the welcome's "follow a case": its
/// reference and the (made-up) address that opens it.
pub async fn sample_reference(db: &Db, prefix: &crate::cases::Prefix) -> anyhow::Result<Option<(String, String)>> {
    let found: Option<(i64, String)> = sqlx::query_as(
        "SELECT c.id, u.email FROM cases c JOIN customers u ON u.id = c.customer_id \
         WHERE c.status <> 'closed' AND c.status <> 'resolved' AND u.email IS NOT NULL ORDER BY c.id DESC LIMIT 1",
    )
    .fetch_optional(db.reader())
    .await?;
    Ok(found.map(|(id, email)| (crate::cases::CaseRef::from_id(prefix, id).to_string(), email)))
}
