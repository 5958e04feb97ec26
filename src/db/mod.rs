//! The database handle: SQLite (embedded, the default) or PostgreSQL, one SQL text.
//!
//! Queries use sqlx's `Any` driver with `$n` placeholders, which both backends accept.
//! SQLite allows one writer at a time, so it gets a pool of readers and a single
//! writer connection: transactions queue for the writer instead of failing with
//! SQLITE_BUSY. PostgreSQL uses one pool for both.

use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, bail};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub mod claim;
mod group;
pub mod health;
pub mod queue;
pub mod sql;
pub mod vocabulary;

use group::GroupCommit;
pub use group::GroupError;

/// A connection pool, or two for SQLite, and SQLite's group commit.
#[derive(Debug, Clone)]
pub struct Db {
    read: AnyPool,
    write: AnyPool,
    backend: Backend,
    group: Option<GroupCommit>,
    /// The installation's keys (`site_keys`), read once the schema is up to date.
    keys: std::sync::Arc<std::sync::OnceLock<std::collections::HashMap<String, String>>>,
    /// How to open another PostgreSQL connection, for [`Db::bulk_connection`].
    postgres: Option<AnyConnectOptions>,
}

/// Each migration in `migrations/<database>`: version, description and text, listed by
/// `build.rs` and carried in the program.
type Migrations = &'static [(i64, &'static str, &'static str)];
const SQLITE_MIGRATIONS: Migrations = include!(concat!(env!("OUT_DIR"), "/migrations_sqlite.rs"));
const POSTGRES_MIGRATIONS: Migrations = include!(concat!(env!("OUT_DIR"), "/migrations_postgres.rs"));

/// What sqlx's `migrate!` would make of the files, checksums included (SHA-384 of each
/// text), so a database migrated by an earlier build is recognised.
fn migrator(migrations: Migrations) -> sqlx::migrate::Migrator {
    use sqlx::migrate::{Migration, MigrationType, Migrator};
    Migrator::with_migrations(
        migrations
            .iter()
            .map(|&(version, description, sql)| {
                let no_tx = sql.starts_with("-- no-transaction");
                let sql = sqlx::SqlSafeStr::into_sql_str(sql);
                Migration::new(version, description.into(), MigrationType::Simple, sql, no_tx)
            })
            .collect(),
    )
}

static MIGRATE_SQLITE: std::sync::LazyLock<sqlx::migrate::Migrator> =
    std::sync::LazyLock::new(|| migrator(SQLITE_MIGRATIONS));
static MIGRATE_POSTGRES: std::sync::LazyLock<sqlx::migrate::Migrator> =
    std::sync::LazyLock::new(|| migrator(POSTGRES_MIGRATIONS));

/// This build's migrations for a database.
pub fn migrations(backend: Backend) -> &'static sqlx::migrate::Migrator {
    match backend {
        Backend::Sqlite => &MIGRATE_SQLITE,
        Backend::Postgres => &MIGRATE_POSTGRES,
    }
}

// Set on every SQLite connection. FULL: a commit survives power loss, which is what
// lets us give a resident a reference as soon as the commit returns. (`temp_store =
// MEMORY` was tried for savepoints' pages, and dropped once a shared commit stopped
// taking a savepoint a write: it would also keep in memory the sort of a migration's
// index build over every event.)
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";

/// How a write transaction starts on SQLite: with the write lock taken at once. Another
/// process writing to the same file (`frontdoor retention run`, `letters print`, `calls
/// import` beside `serve`) then makes it wait, up to the busy timeout. A deferred
/// transaction that read first would instead fail at its first write with "database is
/// locked" (`SQLITE_BUSY_SNAPSHOT`), which no timeout retries.
pub(crate) const SQLITE_BEGIN: &str = "BEGIN IMMEDIATE";

impl Db {
    /// Connects to `url` (`sqlite:PATH` or `postgres://...`). An SQLite file is created
    /// if missing. Errors are one readable sentence, with any password hidden.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(url)?;
        let shown = redact(url);
        if url.contains(":memory:") || url.contains("mode=memory") {
            // The reader pool and the writer would each get a database of their own.
            bail!(
                "{shown} is an in-memory database, which frontdoor cannot share between its connections; use a file, like sqlite:frontdoor.db"
            );
        }
        let options = AnyConnectOptions::from_str(&with_create_mode(url))
            .with_context(|| format!("{shown} is not a valid database address"))?;
        let db = match backend {
            Backend::Sqlite => {
                let pool = |size: u32| {
                    AnyPoolOptions::new()
                        .max_connections(size)
                        .acquire_timeout(Duration::from_secs(30))
                        // A file's connection cannot be hung up on from the far end, and
                        // each ping is a hop to the connection's worker thread and back:
                        // it would double the cost of every statement run on the pool.
                        .test_before_acquire(false)
                        .after_connect(|conn, _| {
                            Box::pin(async move {
                                conn.execute(sqlx::raw_sql(SQLITE_PRAGMAS)).await?;
                                Ok(())
                            })
                        })
                };
                // The writer's one connection stays open, so that its worker thread is
                // the one the committer started (group.rs says why that matters).
                let writer = pool(1).idle_timeout(None).max_lifetime(None);
                let opened = options.clone();
                let (group, write) =
                    GroupCommit::start(move || Box::pin(async move { writer.connect_with(opened).await }))
                        .await
                        .with_context(|| format!("could not open the database {shown}"))?;
                let read = pool(8)
                    .connect_with(options)
                    .await
                    .with_context(|| format!("could not open the database {shown}"))?;
                Db { read, write, backend, group: Some(group), keys: Default::default(), postgres: None }
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options.clone())
                    .await
                    .with_context(|| format!("could not connect to the database at {shown}"))?;
                // PostgreSQL already shares a flush among concurrent commits, and runs
                // them on many connections at once.
                Db {
                    read: pool.clone(),
                    write: pool,
                    backend,
                    group: None,
                    keys: Default::default(),
                    postgres: Some(options),
                }
            }
        };
        Ok(db)
    }

    /// Applies any migrations not yet applied.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        migrations(self.backend).run(&self.write).await.context("could not bring the database schema up to date")?;
        // Keys made by migrations (made at install time, so every node agrees on them).
        let keys: Vec<(String, String)> = sqlx::query_as("SELECT name, secret FROM site_keys")
            .fetch_all(&self.write)
            .await
            .context("could not read the installation's keys")?;
        let _ = self.keys.set(keys.into_iter().collect());
        Ok(())
    }

    /// A key of this installation made by a migration (`site_keys`), once
    /// [`migrate`](Self::migrate) has run. Never logged.
    pub fn site_key(&self, name: &str) -> Option<&str> {
        self.keys.get()?.get(name).map(String::as_str)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// For queries that only read.
    pub fn reader(&self) -> &AnyPool {
        &self.read
    }

    /// For single statements that write, outside a transaction.
    pub fn writer(&self) -> &AnyPool {
        &self.write
    }

    /// Starts a transaction that may write.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.write.begin_with(SQLITE_BEGIN).await,
            Backend::Postgres => self.write.begin().await,
        }
    }

    /// Runs `work` in a transaction and gives its result once committed: on SQLite,
    /// a transaction shared with whatever else is being written at that moment (group
    /// commit), on PostgreSQL its own. An `Err` from `work` undoes its changes only. On
    /// SQLite `work` may be run a second time, when another write of its group fails
    /// (`group.rs`), so it writes only to the database and copies what it needs each time.
    pub async fn transact<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<GroupError> + From<sqlx::Error> + Send + 'static,
        F: for<'c> Fn(&'c mut sqlx::AnyConnection) -> futures_util::future::BoxFuture<'c, Result<T, E>>
            + Send
            + Sync
            + 'static,
    {
        match &self.group {
            Some(group) => group.write(work).await,
            None => {
                let mut tx = self.write.begin().await?;
                let value = work(&mut tx).await?;
                tx.commit().await?;
                Ok(value)
            }
        }
    }

    /// A PostgreSQL connection of its own, outside the pool, for a bulk load: sqlx offers
    /// `COPY` on a PostgreSQL connection, not through `Any`. `None` on SQLite. Its
    /// statements are not logged: each moves a chunk of thousands of rows and takes
    /// seconds by design, and the slow-statement warning for every one buried the load's
    /// progress.
    pub async fn bulk_connection(&self) -> Result<Option<sqlx::PgConnection>, sqlx::Error> {
        use sqlx::ConnectOptions;
        let Some(options) = &self.postgres else { return Ok(None) };
        let options = sqlx::postgres::PgConnectOptions::try_from(options)?.disable_statement_logging();
        options.connect().await.map(Some)
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.read).await.map(|_| ())
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

fn backend_of(url: &str) -> anyhow::Result<Backend> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        bail!(
            "{} is not a database address frontdoor understands: use sqlite:PATH or postgres://HOST/NAME",
            redact(url)
        )
    }
}

/// SQLite creates the file on first use, as a newcomer expects.
fn with_create_mode(url: &str) -> String {
    if url.starts_with("sqlite:") && !url.contains("mode=") {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}mode=rwc")
    } else {
        url.to_owned()
    }
}

/// Hides the password in a database address, for messages and logs.
pub fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => {
            let user = rest[..at].split(':').next().unwrap_or_default();
            format!("{}{user}:***@{}", &url[..scheme_end + 3], &rest[at + 1..])
        }
        None => url.to_owned(),
    }
}

impl Backend {
    /// Which database a connection is to.
    pub fn of(conn: &sqlx::AnyConnection) -> Backend {
        if conn.backend_name().eq_ignore_ascii_case("PostgreSQL") { Backend::Postgres } else { Backend::Sqlite }
    }

    /// Which database a pool's connections are to: read from its address as
    /// [`Db::connect`] reads it (a pool exists only for an address it understood).
    pub fn of_pool(pool: &AnyPool) -> Backend {
        backend_of(pool.connect_options().database_url.as_str()).unwrap_or(Backend::Sqlite)
    }
}

/// `(?, ?), (?, ?)` on SQLite, `($1, $2), ($3, $4)` on PostgreSQL: the VALUES of a
/// multi-row INSERT of `rows` rows of `width` values. SQLite gets anonymous placeholders
/// because sqlx finds each `$n` by name, which SQLite answers by walking its list of
/// names: binding n of them costs n squared.
pub fn values_list(backend: Backend, rows: usize, width: usize) -> String {
    values_list_after(backend, 0, rows, width)
}

/// [`values_list`] for values bound after `before` others in the same statement: on
/// PostgreSQL the first placeholder is `$(before + 1)`.
pub fn values_list_after(backend: Backend, before: usize, rows: usize, width: usize) -> String {
    let mut sql = String::with_capacity(rows * width * 4);
    for r in 0..rows {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..width {
            if c > 0 {
                sql.push_str(", ");
            }
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => {
                    sql.push('$');
                    sql.push_str(&(before + r * width + c + 1).to_string());
                }
            }
        }
        sql.push(')');
    }
    sql
}

/// The `n`th (from 1) bound value of a statement written for [`then`]: `?` on SQLite,
/// whose anonymous placeholders take the values in turn across the statements of one
/// query, and `$n` on PostgreSQL.
pub fn param(backend: Backend, n: usize) -> String {
    match backend {
        Backend::Sqlite => "?".to_owned(),
        Backend::Postgres => format!("${n}"),
    }
}

/// Two writes that return nothing, `first` then `second`, as one query: one hop to
/// SQLite's thread, one round trip to PostgreSQL. On SQLite it is the two statements,
/// which sqlx runs in turn, binding each one's `?` placeholders from where the last
/// left off (so every placeholder must be `?`: [`param`], [`values_list_after`]). On
/// PostgreSQL `second` is a data-modifying `WITH` that `first` does not read, which
/// PostgreSQL runs to completion after `first`
/// (<https://www.postgresql.org/docs/current/queries-with.html#QUERIES-WITH-MODIFYING>).
/// Either way the values are bound `first`'s then `second`'s, and the two must not
/// change the same row.
pub fn then(backend: Backend, first: &str, second: &str) -> String {
    match backend {
        Backend::Sqlite => format!("{first}; {second}"),
        Backend::Postgres => format!("WITH second AS ({second} RETURNING 1) {first}"),
    }
}

/// Milliseconds since the epoch, UTC: how every time is stored.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// Flags are stored as 0/1 integers on both backends.
pub fn flag(value: bool) -> i64 {
    i64::from(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_appear_in_messages() {
        assert_eq!(redact("postgres://fd:s3cret@db:5432/fd"), "postgres://fd:***@db:5432/fd");
        assert_eq!(redact("postgres://db/fd"), "postgres://db/fd");
        assert_eq!(redact("sqlite:frontdoor.db"), "sqlite:frontdoor.db");
    }

    #[test]
    fn an_unknown_scheme_is_refused_in_one_sentence() {
        let err = backend_of("mysql://x:y@h/d").unwrap_err().to_string();
        assert!(err.contains("mysql://x:***@h/d"), "{err}");
        assert!(err.contains("sqlite:PATH"), "{err}");
    }

    #[tokio::test]
    async fn an_in_memory_database_is_refused_with_a_reason() {
        let err = Db::connect("sqlite::memory:").await.unwrap_err().to_string();
        assert!(err.contains("in-memory database"), "{err}");
    }

    #[test]
    fn a_values_list_has_one_placeholder_a_value_in_each_dialect() {
        assert_eq!(values_list(Backend::Sqlite, 2, 2), "(?, ?), (?, ?)");
        assert_eq!(values_list(Backend::Postgres, 2, 3), "($1, $2, $3), ($4, $5, $6)");
    }

    #[test]
    fn sqlite_files_are_created_on_first_use() {
        assert_eq!(with_create_mode("sqlite:a.db"), "sqlite:a.db?mode=rwc");
        assert_eq!(with_create_mode("sqlite:a.db?x=1"), "sqlite:a.db?x=1&mode=rwc");
        assert_eq!(with_create_mode("sqlite:a.db?mode=ro"), "sqlite:a.db?mode=ro");
    }
}
