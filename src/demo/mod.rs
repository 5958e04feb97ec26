//! `frontdoor demo`: a complete, convincing council on a fresh SQLite file.
//!
//! It builds the organisation and services catalogue, a year of synthetic history,
//! and staff accounts, then the caller serves it. The file is rebuilt on every run so
//! the demo always starts from the same known state.

mod catalogue;
mod history;
mod questions;

use anyhow::Context;

pub use catalogue::SERVICES;
use catalogue::{PARTNER, STAFF, TEAMS};
pub use history::Seeded;
use history::{SeedOrg, SeedService};

use crate::db::{Backend, Db, now_ms};
use crate::org::Role;
use crate::org::db::NewStaff;
use crate::services::db::NewService;
use crate::{org, services};
use sqlx::AssertSqlSafe;

/// The password every demo staff account shares. It is printed; it is a demo.
/// Replies officers can start from; an administrator changes them at /staff/admin/templates.
const REPLY_TEMPLATES: &[(&str, &str)] = &[
    (
        "Done",
        "Dear {name},\n\nWe have dealt with this. Thank you for telling us.\n\nIf it happens again, reply to this email and we will look at it again.",
    ),
    (
        "We need more information",
        "Dear {name},\n\nTo deal with your {service} request we need to know a little more.\n\nPlease reply to this email and tell us:\n\n",
    ),
    (
        "Passed to our contractor",
        "Dear {name},\n\nWe have asked our contractor to do this. They work to the same standards as we do, and we will tell you when it is done.",
    ),
];

pub const DEMO_PASSWORD: &str = "demo-password-2026";

/// What the demo built, for the start-up message.
pub struct Built {
    pub seeded: Seeded,
    pub services: usize,
    pub staff: Vec<(&'static str, &'static str)>,
}

/// Writes the demo council into an empty, migrated database.
pub async fn build(db: &Db, cases: usize) -> anyhow::Result<Built> {
    let now = now_ms();
    let hash = crate::sessions::hash_password(DEMO_PASSWORD)?;
    // The standards in force start each history case's clocks, as intake would have.
    let rules = crate::standards::db::load_rules(db, crate::standards::Policy::default_policy(), now).await?;
    let mut tx = db.begin().await?;

    let mut team_ids = Vec::new();
    for team in TEAMS {
        let email = format!("{}@kingsmead.example", team.code);
        team_ids.push((team.code, org::db::insert_team(&mut tx, team.code, team.name, &email).await?));
    }
    let team_id =
        |code: &str| team_ids.iter().find(|(c, _)| *c == code).map(|(_, id)| *id).context("demo team missing");
    let partner_id = org::db::insert_partner(&mut tx, PARTNER.0, PARTNER.1, "repairs@kingsmead-homes.example").await?;

    let mut seed_services = Vec::new();
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
        let id = services::db::insert(&mut tx, &new).await?;
        seed_services.push(SeedService {
            id,
            team_id: new.team_id,
            partner_id: new.partner_id,
            case_type: spec.case_type,
            weight: spec.weight,
            asks_location: spec.asks_location,
            example: spec.example,
            name: spec.name,
            code: spec.code,
        });
    }

    for (code, field) in questions::all() {
        let service = seed_services.iter().zip(SERVICES).find(|(_, spec)| spec.code == code).map(|(s, _)| s.id);
        let service = service.with_context(|| format!("demo question for unknown service {code}"))?;
        services::db::insert_field(&mut tx, service, &field).await?;
    }

    let mut officers: Vec<(i64, Vec<i64>)> = Vec::new();
    let mut staff = Vec::new();
    let mut admin = None;
    for spec in STAFF {
        let team = spec.team.map(team_id).transpose()?;
        let new = NewStaff {
            email: spec.email,
            name: spec.name,
            role: spec.role,
            team_id: team,
            partner_id: spec.partner.then_some(partner_id),
            password_hash: Some(&hash),
        };
        let id = org::db::insert_staff(&mut tx, &new, now).await?;
        if spec.role == Role::Admin {
            admin = admin.or(Some(id));
        }
        if let (Some(team), Role::Caseworker | Role::TeamLead) = (team, spec.role) {
            match officers.iter_mut().find(|(t, _)| *t == team) {
                Some((_, ids)) => ids.push(id),
                None => officers.push((team, vec![id])),
            }
        }
        staff.push((spec.email, spec.role.label()));
    }

    if let Some(admin) = admin {
        // A notice, as an administrator would publish one, for this week.
        let calendar = &rules.calendars.council;
        let today = calendar.local_date(crate::rollups::ts(now));
        let missed_bin = services::db::by_code(&mut *tx, "missed-bin").await?.map(|s| s.id);
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

    let org = SeedOrg { services: seed_services, officers };
    let seeded = history::seed(&mut tx, &org, &rules, cases, now).await.context("writing the demo history")?;
    crate::search::db::reindex_all(&mut tx).await.context("indexing the demo history for search")?;
    if db.backend() == Backend::Postgres {
        // History is written with explicit ids; move the identity sequences past them.
        for table in ["customers", "cases"] {
            let sql = format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))");
            sqlx::query(AssertSqlSafe(sql)).execute(&mut *tx).await?;
        }
    }
    tx.commit().await?;
    crate::rollups::db::rebuild(db, &rules.calendars.council).await.context("counting the performance figures")?;
    Ok(Built { seeded, services: SERVICES.len(), staff })
}
