//! `frontdoor letters print --out DIR`: the day's post from the command line.

use std::path::PathBuf;

use anyhow::Context;

use super::args::{CouncilArgs, DatabaseArgs, PolicyArgs};
use crate::cases::CaseRef;
use crate::db::{Db, now_ms};

/// Prints every letter waiting, one PDF each, named by the letter's number and case
/// reference. The letters are marked printed first, in one transaction, so two runs at
/// once never print one letter twice; a file that then cannot be written is reported,
/// and that letter can be printed again from `/staff/post`, with the reason.
pub async fn print(
    out: PathBuf,
    database: DatabaseArgs,
    council: CouncilArgs,
    policy: PolicyArgs,
) -> anyhow::Result<()> {
    let council = crate::config::Council::try_from(&council)?;
    let policy = policy.load()?;
    std::fs::create_dir_all(&out).with_context(|| format!("--out: could not make the folder {}", out.display()))?;
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let council = council.keyed_for(&db);
    let now = now_ms();
    let rules = crate::standards::db::load_rules(&db, policy, now).await?;
    let printed = crate::letters::print(&db, &rules, None, None, now).await?;
    let mut failed = 0;
    for row in &printed {
        let reference = row.case_id.map(|id| CaseRef::from_id(&council.prefix, id).to_string());
        let name = format!("letter-{}{}.pdf", row.id, reference.map(|r| format!("-{r}")).unwrap_or_default());
        let pdf = crate::letters::batch_pdf(&council, &rules, std::slice::from_ref(row), now);
        let path = out.join(&name);
        if let Err(err) = std::fs::write(&path, pdf) {
            failed += 1;
            eprintln!("Letter {} was marked printed but {} could not be written: {err}", row.id, path.display());
        }
    }
    println!("Printed {} letter(s) to {}.", printed.len() - failed, out.display());
    if failed > 0 {
        anyhow::bail!("{failed} letter(s) could not be written: print them again from /staff/post, giving the reason");
    }
    Ok(())
}
