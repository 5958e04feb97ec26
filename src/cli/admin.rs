//! Staff accounts and API keys.

use anyhow::Context;

use super::args::DatabaseArgs;
use crate::db::{Db, now_ms};

/// Adds a staff account.
pub async fn add_user(
    email: String,
    name: String,
    role: String,
    team: Option<String>,
    partner: Option<String>,
    ward: Option<String>,
    database: DatabaseArgs,
) -> anyhow::Result<()> {
    let password = match std::env::var("FRONTDOOR_NEW_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).context("could not read the password from standard input")?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let new = crate::org::NewAccount {
        email: &email,
        name: &name,
        role: &role,
        team: team.as_deref(),
        partner: partner.as_deref(),
        ward: ward.as_deref(),
        password: &password,
    };
    let id = crate::org::add_account(&db, &new, now_ms()).await?;
    println!("Added {} as {} (staff id {id}). They can sign in at /staff/sign-in.", email.trim().to_lowercase(), role);
    Ok(())
}

/// Turns two-step sign-in off for an account.
pub async fn second_step_off(email: String, database: DatabaseArgs) -> anyhow::Result<()> {
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let email = email.trim().to_lowercase();
    if !crate::sessions::db::second_step_off(&db, &email).await? {
        anyhow::bail!("--email: there is no staff account {email:?}");
    }
    println!("Two-step sign-in is off for {email}. They can turn it on again from \"Your account\".");
    Ok(())
}

/// Makes an API key and prints it.
pub async fn add_api_key(
    name: String,
    scope: String,
    partner: Option<String>,
    by: String,
    database: DatabaseArgs,
) -> anyhow::Result<()> {
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let by = by.trim().to_lowercase();
    let Some(staff) = crate::org::db::administrator_by_email(db.writer(), &by).await? else {
        anyhow::bail!("--by: there is no administrator {by:?}")
    };
    let partner_id: Option<i64> = match &partner {
        Some(code) => {
            let mut conn = db.writer().acquire().await?;
            let found = crate::org::db::id_by_code(&mut conn, crate::org::db::OrgTable::Partner, code.trim()).await?;
            Some(found.with_context(|| format!("--partner: there is no partner {code:?}"))?)
        }
        None => None,
    };
    let mut conn = db.writer().acquire().await?;
    let (_, key) = crate::api::create(&mut conn, &name, &scope, partner_id, staff, now_ms()).await?;
    println!("{key}");
    Ok(())
}
