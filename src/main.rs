//! The `frontdoor` command: serve, demo, migrate.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use frontdoor::app::AppState;
use frontdoor::config::{Council, CouncilArgs, DatabaseArgs, ListenArgs};
use frontdoor::db::Db;
use frontdoor::{demo, web};

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
        Command::Serve { database, listen, council } => {
            let db = Db::connect(&database.database_url).await?;
            db.migrate().await?;
            let listener = web::bind(listen.listen).await?;
            let addr = listener.local_addr()?;
            println!("frontdoor is listening on http://{addr}/");
            let state = AppState { db: db.clone(), council: Arc::new(Council::from(&council)) };
            web::serve(listener, state).await?;
            db.close().await;
            Ok(())
        }
        Command::Demo { cases, file, listen } => run_demo(cases, file, listen).await,
        Command::Migrate { database } => {
            let db = Db::connect(&database.database_url).await?;
            db.migrate().await?;
            println!("The database schema is up to date.");
            Ok(())
        }
    }
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

    let state = AppState { db: db.clone(), council: Arc::new(Council::from(&council)) };
    web::serve(listener, state).await?;
    db.close().await;
    Ok(())
}
