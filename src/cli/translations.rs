//! `frontdoor translations export --language cy [--out FILE]` and
//! `frontdoor translations import FILE [--language cy]`.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::args::{DatabaseArgs, PolicyArgs};
use crate::db::{Db, now_ms};
use crate::language::Language;
use crate::translations::{self, po};

fn language(code: &str) -> anyhow::Result<Language> {
    translations::languages().find(|l| l.code.eq_ignore_ascii_case(code.trim())).with_context(|| {
        let known: Vec<&str> = translations::languages().map(|l| l.code).collect();
        format!("--language {code}: content is translated into {}", known.join(" and "))
    })
}

/// The database, and everything there is to translate in it today.
async fn open(database: DatabaseArgs, policy: PolicyArgs) -> anyhow::Result<(Db, Vec<(translations::Item, String)>)> {
    let policy = policy.load()?;
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let now = now_ms();
    let rules = crate::standards::db::load_rules(&db, policy, now).await?;
    let items = translations::db::items(db.reader(), &rules, now).await?;
    Ok((db, items))
}

/// Writes one language's strings as a PO file.
pub async fn export(
    code: &str,
    out: Option<PathBuf>,
    database: DatabaseArgs,
    policy: PolicyArgs,
) -> anyhow::Result<()> {
    let language = language(code)?;
    let (db, items) = open(database, policy).await?;
    let stored = translations::db::texts(db.reader(), language).await?;
    let entries = translations::entries(items, &stored);
    let needed = entries.iter().filter(|e| e.needs_translation()).count();
    let council = std::env::var("FRONTDOOR_COUNCIL_NAME").unwrap_or_else(|_| "The council".to_owned());
    let file = po::write(&council, language, &entries);
    match out {
        Some(path) => {
            std::fs::write(&path, file).with_context(|| format!("could not write {}", path.display()))?;
            eprintln!("Wrote {} strings ({needed} needing translation) to {}.", entries.len(), path.display());
        }
        None => print!("{file}"),
    }
    db.close().await;
    Ok(())
}

/// Reads a translated PO file: every string stored, or nothing and the problems named.
pub async fn import(file: &Path, code: Option<&str>, database: DatabaseArgs, policy: PolicyArgs) -> anyhow::Result<()> {
    let text = std::fs::read(file).with_context(|| format!("could not read {}", file.display()))?;
    let Ok(text) = String::from_utf8(text) else {
        bail!("{} is not UTF-8 text: save it from the translation tool as UTF-8", file.display());
    };
    let read = po::read(&text).map_err(|err| anyhow::anyhow!("{}: {err}", file.display()))?;
    let language = match (code, read.language.as_deref()) {
        (Some(code), _) | (None, Some(code)) => language(code)?,
        (None, None) => bail!("{} has no Language header: say which with --language", file.display()),
    };
    let (db, items) = open(database, policy).await?;
    let import = match translations::import(&read, language, &items) {
        Ok(import) => import,
        Err(errors) => {
            let lines: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
            bail!("{} was not read, and nothing was stored:\n{}", file.display(), lines.join("\n"));
        }
    };
    let mut tx = db.begin().await?;
    translations::db::save_all(&mut tx, language, &import.rows, now_ms()).await?;
    tx.commit().await?;
    println!(
        "Stored {} {} translations ({} of older English, still needing translation); left {} empty or fuzzy.",
        import.rows.len(),
        language.english,
        import.older,
        import.skipped
    );
    db.close().await;
    Ok(())
}
