//! The `frontdoor` command: serve, demo, migrate, deadline, policy, calendar.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use frontdoor::app::AppState;
use frontdoor::calendar::{self, Calendars, HolidayFile};
use frontdoor::config::{Council, CouncilArgs, DatabaseArgs, ListenArgs, PolicyArgs, read_policy};
use frontdoor::db::{Db, now_ms};
use frontdoor::standards::{self, Policy, SharedRules};
use frontdoor::{demo, jobs, web};
use tokio_util::sync::CancellationToken;

#[derive(Debug, Parser)]
#[command(
    name = "frontdoor",
    version,
    about = "A council's single front door: every contact becomes one tracked case."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the service against the configured database.
    Serve {
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(flatten)]
        listen: ListenArgs,
        #[command(flatten)]
        council: CouncilArgs,
        #[command(flatten)]
        policy: PolicyArgs,
    },
    /// Build a populated demo council on a fresh SQLite file and serve it.
    Demo {
        /// How many cases of history to generate.
        #[arg(long, default_value_t = 50_000)]
        cases: usize,
        /// The SQLite file to (re)build. Anything in it is deleted.
        #[arg(long, default_value = "frontdoor-demo.db")]
        file: PathBuf,
        #[command(flatten)]
        listen: ListenArgs,
    },
    /// Bring the database schema up to date, then exit.
    Migrate {
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Work out a standard's deadline and explain every day it skipped.
    Deadline {
        /// The standard's id, e.g. online-reply or foi-respond.
        #[arg(long)]
        standard: String,
        /// When it was received: an RFC 3339 time, e.g. 2026-12-24T16:30:00Z.
        #[arg(long)]
        received: jiff::Timestamp,
        /// Days the clock was paused at the start (working days for working-day targets).
        #[arg(long, default_value_t = 0)]
        paused_days: i64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Also use the holidays imported into, and closures recorded in, this database.
        #[arg(long, env = "FRONTDOOR_DATABASE_URL")]
        database_url: Option<String>,
        #[command(flatten)]
        policy: PolicyArgs,
    },
    /// Check a service standards policy file.
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
    /// Bank holidays and council closure days.
    Calendar {
        #[command(subcommand)]
        command: CalendarCommand,
    },
}

#[derive(Debug, Subcommand)]
enum PolicyCommand {
    /// Check FILE and list every problem, or say it is valid.
    Check { file: PathBuf },
}

#[derive(Debug, Subcommand)]
enum CalendarCommand {
    /// Load a newer bank holidays file in GOV.UK's bank-holidays.json shape.
    Import {
        file: PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Record a day the council is closed, e.g. 2026-12-29 "Christmas closure".
    Close {
        date: jiff::civil::Date,
        reason: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_env("FRONTDOOR_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .with_writer(std::io::stderr)
        .init();
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One readable line: what failed and why, without a backtrace.
            eprintln!("frontdoor: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve { database, listen, council, policy } => {
            let policy = policy.load()?;
            let db = Db::connect(&database.database_url).await?;
            db.migrate().await?;
            let rules = SharedRules::new(standards::db::load_rules(&db, policy, now_ms()).await?);
            let listener = web::bind(listen.listen).await?;
            let addr = listener.local_addr()?;
            println!("frontdoor is listening on http://{addr}/");
            let state = AppState { db: db.clone(), council: Arc::new(Council::from(&council)), rules };
            serve_with_jobs(listener, state).await
        }
        Command::Demo { cases, file, listen } => run_demo(cases, file, listen).await,
        Command::Migrate { database } => {
            let db = Db::connect(&database.database_url).await?;
            db.migrate().await?;
            println!("The database schema is up to date.");
            Ok(())
        }
        Command::Deadline { standard, received, paused_days, json, database_url, policy } => {
            let policy = policy.load()?;
            let calendars = match database_url {
                Some(url) => {
                    let db = Db::connect(&url).await?;
                    db.migrate().await?;
                    calendar::db::load(&db, &policy.calendar).await?
                }
                None => Calendars::build(&policy.calendar, &HolidayFile::default(), Default::default()),
            };
            let Some(found) = policy.standards.iter().find(|s| s.id == standard) else {
                let ids: Vec<_> = policy.standards.iter().map(|s| s.id.as_str()).collect();
                anyhow::bail!("there is no standard {standard:?}; the policy has {}", ids.join(", "));
            };
            if paused_days < 0 {
                anyhow::bail!("--paused-days must be zero or more");
            }
            let explanation = standards::explain(found, &calendars, received, paused_days);
            if json {
                println!("{}", serde_json::to_string_pretty(&explanation)?);
            } else {
                print!("{explanation}");
            }
            Ok(())
        }
        Command::Policy { command: PolicyCommand::Check { file } } => {
            let policy = read_policy(&file)?;
            let published = policy.standards.iter().filter(|s| s.published).count();
            println!("{} is valid: {} standards, {published} published.", file.display(), policy.standards.len());
            Ok(())
        }
        Command::Calendar { command: CalendarCommand::Import { file, database } } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("could not read {}", file.display()))?;
            // Checked in full before anything is written: a bad file changes nothing.
            let holidays = HolidayFile::parse(&text)
                .with_context(|| format!("{} is not a valid bank holidays file", file.display()))?;
            let db = Db::connect(&database.database_url).await?;
            db.migrate().await?;
            let mut tx = db.begin().await?;
            let stored = calendar::db::import(&mut tx, &holidays, now_ms()).await?;
            tx.commit().await?;
            println!(
                "Imported {stored} bank holidays from {}. Running servers use them within a minute.",
                file.display()
            );
            Ok(())
        }
        Command::Calendar { command: CalendarCommand::Close { date, reason, database } } => {
            if reason.trim().is_empty() {
                anyhow::bail!("give the reason for the closure, which residents are told");
            }
            let db = Db::connect(&database.database_url).await?;
            db.migrate().await?;
            let mut tx = db.begin().await?;
            calendar::db::close(&mut tx, date, reason.trim(), now_ms()).await?;
            tx.commit().await?;
            println!("The council is closed on {}: {}.", date.strftime("%A %-d %B %Y"), reason.trim());
            Ok(())
        }
    }
}

/// Serves the web and runs background jobs until ctrl-c or SIGTERM, then stops both.
async fn serve_with_jobs(listener: tokio::net::TcpListener, state: AppState) -> anyhow::Result<()> {
    let shutdown = CancellationToken::new();
    let runner = tokio::spawn(jobs::run(state.db.clone(), state.rules.clone(), shutdown.clone()));
    let db = state.db.clone();
    let served = web::serve(listener, state, shutdown.clone()).await;
    shutdown.cancel();
    let _ = runner.await;
    db.close().await;
    served
}

async fn run_demo(cases: usize, file: PathBuf, listen: ListenArgs) -> anyhow::Result<()> {
    // Bind first, so a busy port is reported before a minute of building.
    let listener = web::bind(listen.listen).await?;
    let addr = listener.local_addr()?;
    for suffix in ["", "-wal", "-shm"] {
        let mut path = file.clone().into_os_string();
        path.push(suffix);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => {
                return Err(err).with_context(|| format!("could not remove the old demo file {}", file.display()));
            }
        }
    }
    let started = Instant::now();
    println!("Building the demo council in {} ({cases} cases)...", file.display());
    let db = Db::connect(&format!("sqlite:{}", file.display())).await?;
    db.migrate().await?;
    let built = demo::build(&db, cases).await?;
    let council = CouncilArgs {
        council_name: "Kingsmead Borough Council".into(),
        ref_prefix: frontdoor::cases::Prefix::parse("KMB").map_err(anyhow::Error::msg)?,
    };

    println!(
        "\n{} (a demo) is ready: {} cases, {} events and {} customers over 12 months, {} services. Built in {:.1}s.\n",
        council.council_name,
        built.seeded.cases,
        built.seeded.events,
        built.seeded.customers,
        built.services,
        started.elapsed().as_secs_f64()
    );
    println!("  Open http://{addr}/ to report something as a resident.\n");
    println!("  Staff accounts (password for each: {}):", demo::DEMO_PASSWORD);
    for (email, role) in &built.staff {
        println!("    {email:<38} {role}");
    }
    println!("  The staff workspace where these sign in is not built yet; the accounts are ready for it.\n");
    println!("  Stop with Ctrl+C. Running `frontdoor demo` again rebuilds {} from scratch.", file.display());

    let rules = SharedRules::new(standards::db::load_rules(&db, Policy::default_policy(), now_ms()).await?);
    let state = AppState { db: db.clone(), council: Arc::new(Council::from(&council)), rules };
    serve_with_jobs(listener, state).await
}
