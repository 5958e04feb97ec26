//! Mail from files, and the quarantine.

use std::path::PathBuf;

use anyhow::Context;

use super::args::{CouncilArgs, DatabaseArgs, PolicyArgs};
use crate::config::Council;
use crate::db::{Db, now_ms};
use crate::mail;
use crate::standards::{self};

/// Reads .eml files or a maildir as if sent to the listener.
pub async fn import_email(
    path: PathBuf,
    database: DatabaseArgs,
    council: CouncilArgs,
    policy: PolicyArgs,
) -> anyhow::Result<()> {
    let council = Council::try_from(&council)?;
    let files = mail_files(&path)?;
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let rules = standards::db::load_rules(&db, policy.load()?, now_ms()).await?;
    // References are derived under the database's key, as the server derives them.
    // Importing only writes the outbox; the server's job runner delivers.
    let council = council.keyed_for(&db);
    for file in &files {
        let raw = std::fs::read(file).with_context(|| format!("could not read {}", file.display()))?;
        let peer = file.display().to_string();
        let inbound =
            mail::Inbound { source: "import", peer: &peer, envelope_from: None, envelope_to: None, raw: &raw };
        let id = mail::db::store(&db, &inbound, now_ms()).await?;
        match mail::process(&db, &council, &rules, id, now_ms()).await? {
            Some(outcome) => println!("{}: {}", file.display(), outcome.describe(&council)),
            None => println!("{}: stored as message {id}", file.display()),
        }
    }
    println!("Read {} message(s).", files.len());
    Ok(())
}

/// Lists quarantined mail.
pub async fn list_quarantine(database: DatabaseArgs) -> anyhow::Result<()> {
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let held = mail::db::summaries(&db, "quarantined", None, 100).await?;
    if held.is_empty() {
        println!("No mail is in quarantine.");
    }
    for m in held {
        let when = jiff::Timestamp::from_millisecond(m.received_at)?;
        println!(
            "{:>6}  {}  from {}  via {} {}\n        {}",
            m.id,
            when.strftime("%Y-%m-%d %H:%M"),
            m.from_address.as_deref().or(m.envelope_from.as_deref()).unwrap_or("(unknown)"),
            m.source,
            m.peer,
            m.reason.as_deref().unwrap_or_default()
        );
    }
    Ok(())
}

/// Reads a quarantined message again.
pub async fn retry(id: i64, database: DatabaseArgs) -> anyhow::Result<()> {
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    if mail::db::retry(&db, id, now_ms()).await? {
        println!("Message {id} will be read again by the running server.");
        Ok(())
    } else {
        anyhow::bail!("there is no quarantined message {id}")
    }
}

/// A .eml file, or a maildir's messages (in its new/ and cur/ folders), or the files in
/// a plain folder, in name order.
fn mail_files(path: &std::path::Path) -> anyhow::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        if !path.exists() {
            anyhow::bail!("{} does not exist", path.display());
        }
        return Ok(vec![path.to_owned()]);
    }
    let maildir = path.join("new").is_dir() || path.join("cur").is_dir();
    let folders = if maildir { vec![path.join("new"), path.join("cur")] } else { vec![path.to_owned()] };
    let mut files = Vec::new();
    for folder in folders.into_iter().filter(|f| f.is_dir()) {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&folder)
            .with_context(|| format!("could not read the folder {}", folder.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
            .collect();
        found.sort();
        files.extend(found);
    }
    Ok(files)
}
