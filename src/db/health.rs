//! The database's own health, for `frontdoor check` and `frontdoor backup`: whether the
//! schema is the one this build knows, whether SQLite finds its file sound, and a
//! consistent copy of a SQLite database taken while it serves. And for the metrics
//! endpoint: the queues' backlogs and the pools' use.

use std::path::Path;

use sqlx::Row;

use super::{Backend, Db};

/// How the database's schema stands against the migrations built into this binary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schema {
    /// The newest migration applied, and the newest this build knows.
    pub applied: Option<i64>,
    pub known: i64,
    /// Known migrations not applied: the database is behind (`frontdoor migrate`).
    pub missing: Vec<i64>,
    /// Applied migrations this build does not know: the database is from a newer build.
    pub unknown: Vec<i64>,
    /// Applied migrations whose text differs from this build's, or that failed part way.
    pub changed: Vec<i64>,
}

impl Schema {
    pub fn is_current(&self) -> bool {
        self.missing.is_empty() && self.unknown.is_empty() && self.changed.is_empty()
    }
}

/// What is waiting, across the whole database: each figure one count on a partial or
/// leading index, so its cost follows the backlog, not the history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backlog {
    /// Messages not yet sent, by channel (`email`, `letter`, `phone`).
    pub outbox_pending: Vec<(String, i64)>,
    /// Jobs due and not leased, and when the oldest of them fell due (ms).
    pub jobs_due: i64,
    pub oldest_due_at: Option<i64>,
    /// Incoming mail held for staff.
    pub mail_quarantined: i64,
}

/// One connection pool's use in this process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolUse {
    /// `read` and `write` on SQLite; `shared` on PostgreSQL, where they are one pool.
    pub name: &'static str,
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

impl Db {
    /// The queues' backlogs at `now`.
    pub async fn backlog(&self, now: i64) -> Result<Backlog, sqlx::Error> {
        let pool = self.reader();
        let outbox_pending = sqlx::query_as(
            "SELECT channel, COUNT(*) FROM outbox WHERE sent_at IS NULL GROUP BY channel ORDER BY channel",
        )
        .fetch_all(pool)
        .await?;
        let due = sqlx::query(
            "SELECT COUNT(*) AS due, MIN(run_at) AS oldest FROM jobs \
             WHERE run_at <= $1 AND (lease_until IS NULL OR lease_until < $1)",
        )
        .bind(now)
        .fetch_one(pool)
        .await?;
        let mail_quarantined =
            sqlx::query_scalar("SELECT COUNT(*) FROM inbound_mail WHERE state = 'quarantined'").fetch_one(pool).await?;
        Ok(Backlog {
            outbox_pending,
            jobs_due: due.try_get("due")?,
            oldest_due_at: due.try_get("oldest")?,
            mail_quarantined,
        })
    }

    /// SQLite's hourly tidying: the write-ahead log checkpointed into the file and cut back
    /// to nothing, and `PRAGMA optimize` (which re-analyses the tables whose statistics
    /// have drifted). PostgreSQL's autovacuum does the same for itself: nothing to do.
    pub async fn tidy(&self) -> Result<(), sqlx::Error> {
        if self.backend == Backend::Sqlite {
            sqlx::raw_sql("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA optimize;").execute(&self.write).await?;
        }
        Ok(())
    }

    /// Each pool's connections: open, idle, and the most it may open.
    pub fn pools(&self) -> Vec<PoolUse> {
        let of = |name, pool: &sqlx::AnyPool| PoolUse {
            name,
            open: pool.size(),
            idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
            max: pool.options().get_max_connections(),
        };
        match self.backend {
            Backend::Sqlite => vec![of("read", &self.read), of("write", &self.write)],
            Backend::Postgres => vec![of("shared", &self.read)],
        }
    }

    /// The schema's version against this build's migrations. Reads only: it never migrates.
    pub async fn schema(&self) -> Result<Schema, sqlx::Error> {
        let migrator = super::migrations(self.backend);
        let exists: i64 = match self.backend {
            Backend::Sqlite => {
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
                )
                .fetch_one(&self.read)
                .await?
            }
            Backend::Postgres => {
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '_sqlx_migrations'",
                )
                .fetch_one(&self.read)
                .await?
            }
        };
        let rows = if exists == 0 {
            Vec::new()
        } else {
            sqlx::query(
                "SELECT version, checksum, CASE WHEN success THEN 1 ELSE 0 END AS success FROM _sqlx_migrations ORDER BY version",
            )
            .fetch_all(&self.read)
            .await?
        };
        let mut applied = Vec::with_capacity(rows.len());
        for row in &rows {
            let version: i64 = row.try_get("version")?;
            let checksum: Vec<u8> = row.try_get("checksum")?;
            let success = row.try_get::<i64, _>("success")? != 0;
            applied.push((version, checksum, success));
        }
        let known: Vec<_> = migrator.iter().filter(|m| !m.migration_type.is_down_migration()).collect();
        let mut schema = Schema {
            applied: applied.iter().map(|(v, ..)| *v).max(),
            known: known.iter().map(|m| m.version).max().unwrap_or(0),
            ..Schema::default()
        };
        for m in &known {
            match applied.iter().find(|(v, ..)| *v == m.version) {
                None => schema.missing.push(m.version),
                Some((_, checksum, success)) if !success || checksum.as_slice() != &*m.checksum => {
                    schema.changed.push(m.version);
                }
                Some(_) => {}
            }
        }
        schema.unknown = applied.iter().map(|(v, ..)| *v).filter(|v| !known.iter().any(|m| m.version == *v)).collect();
        Ok(schema)
    }

    /// What SQLite's own checks find wrong with the file (`integrity_check`, and rows
    /// whose foreign key points at nothing); empty when sound. PostgreSQL keeps its own
    /// pages sound and has no such check built in: empty.
    pub async fn integrity(&self) -> Result<Vec<String>, sqlx::Error> {
        if self.backend != Backend::Sqlite {
            return Ok(Vec::new());
        }
        let said: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&self.read).await?;
        let mut problems: Vec<String> = said.into_iter().filter(|s| s != "ok").collect();
        let dangling = sqlx::query("PRAGMA foreign_key_check").fetch_all(&self.read).await?;
        for row in dangling.iter().take(20) {
            let table: String = row.try_get(0)?;
            let parent: String = row.try_get(2)?;
            problems.push(format!("a row of {table} points at a missing row of {parent}"));
        }
        Ok(problems)
    }

    /// Copies a SQLite database, consistent as of one moment, to `out` while it serves
    /// (`VACUUM INTO`: one read transaction, so writers carry on). The copy is compact and
    /// has no WAL of its own. `out` must not exist. PostgreSQL is backed up with its own
    /// tools (`pg_dump`): refused here, saying so.
    pub async fn backup_to(&self, out: &Path) -> anyhow::Result<()> {
        if self.backend != Backend::Sqlite {
            anyhow::bail!(
                "frontdoor backup copies SQLite databases; back up PostgreSQL with pg_dump (docs/operations.md)"
            );
        }
        if out.exists() {
            anyhow::bail!("{} already exists: give a new file name, so no backup is overwritten", out.display());
        }
        let Some(path) = out.to_str() else {
            anyhow::bail!("{} is not a path SQLite can be given (it is not UTF-8)", out.display());
        };
        sqlx::query("VACUUM INTO $1").bind(path).execute(&self.read).await?;
        Ok(())
    }
}
