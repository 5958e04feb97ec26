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
use frontdoor::config::{Council, CouncilArgs, DatabaseArgs, ListenArgs, MailArgs, MapArgs, PolicyArgs, read_policy};
use frontdoor::db::{Db, now_ms};
use frontdoor::standards::{self, Policy, SharedRules};
use frontdoor::{demo, jobs, mail, web};
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
        #[command(flatten)]
        mail: MailArgs,
        #[command(flatten)]
        map: MapArgs,
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
        #[command(flatten)]
        mail: MailArgs,
        #[command(flatten)]
        map: MapArgs,
    },
    /// Write the demo council and synthetic history in bulk, for benchmarks: into an
    /// empty database (SQLite or PostgreSQL), or more history into one seeded before.
    Seed {
        /// How many cases of history to add.
        #[arg(long)]
        cases: usize,
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(flatten)]
        policy: PolicyArgs,
    },
    /// The load benchmark: seeds a database if it has no history, starts the server on it
    /// and drives it over HTTP on loopback, then times the sweep and measures the
    /// database. It writes to the database, so give it one made for benchmarking.
    Bench(frontdoor::bench::Options),
    /// Read email from a .eml file, or every message in a maildir, as if it had been
    /// sent to the SMTP listener.
    ImportEmail {
        path: PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(flatten)]
        council: CouncilArgs,
        #[command(flatten)]
        policy: PolicyArgs,
    },
    /// Mail that could not be understood.
    Mail {
        #[command(subcommand)]
        command: MailCommand,
    },
    /// Bring the database schema up to date, then exit.
    Migrate {
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// The performance figures' running counts.
    Rollups {
        #[command(subcommand)]
        command: RollupsCommand,
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
    /// Staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// API keys for other systems (also made in the staff workspace).
    ApiKey {
        #[command(subcommand)]
        command: ApiKeyCommand,
    },
}

#[derive(Debug, Subcommand)]
enum ApiKeyCommand {
    /// Make a key and print it: it is shown this once, and only its hash is kept.
    Add {
        /// The system's name, like "Street reporting site".
        #[arg(long)]
        name: String,
        /// read, write or partner.
        #[arg(long)]
        scope: String,
        /// The partner organisation's code, for a partner key.
        #[arg(long)]
        partner: Option<String>,
        /// The administrator making it, by email, recorded with the key.
        #[arg(long)]
        by: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[derive(Debug, Subcommand)]
enum RollupsCommand {
    /// Throw the running counts away and count everything again from cases, clocks,
    /// feedback and escalations: after a bulk load, or to check them.
    Rebuild {
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(flatten)]
        policy: PolicyArgs,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add a staff account, such as the first administrator. The password is read from
    /// FRONTDOOR_NEW_PASSWORD, or else from the first line of standard input, so it never
    /// appears in the shell's history or the process list.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// adviser, caseworker, team_lead, partner, insight, auditor or admin.
        #[arg(long)]
        role: String,
        /// The team's code, for caseworkers and team leads.
        #[arg(long)]
        team: Option<String>,
        /// The partner organisation's code, for partner users.
        #[arg(long)]
        partner: Option<String>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Turn two-step sign-in off for someone who has lost their phone. They sign in with
    /// their password alone, and can turn it on again from "Your account".
    SecondStepOff {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[derive(Debug, Subcommand)]
enum MailCommand {
    /// List quarantined mail, newest first, with the reason for each.
    Quarantine {
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Read a quarantined message again, once what stopped it is fixed.
    Retry {
        id: i64,
        #[command(flatten)]
        database: DatabaseArgs,
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
    let cli = Cli::parse();
    // The bulk and benchmark commands report their own progress; a line per case fired
    // or stored would drown it.
    let quiet = matches!(cli.command, Command::Bench(_) | Command::Seed { .. });
    let default = if quiet { "warn" } else { "info,sqlx=warn" };
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_env("FRONTDOOR_LOG").unwrap_or_else(|_| EnvFilter::new(default)))
        .with_writer(std::io::stderr)
        .init();
    match run(cli).await {
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
        Command::Serve { database, listen, council, policy, mail, map } => {
            let policy = policy.load()?;
            let mut council = Council::try_from(&council)?;
            council.map = map.settings()?;
            let council = Arc::new(council);
            let transport = Arc::new(mail.transport()?);
            let db = Db::connect(&database.database_url).await?;
            db.migrate().await?;
            let rules = SharedRules::new(standards::db::load_rules(&db, policy, now_ms()).await?);
            // A database from before the performance figures were kept: count them once.
            if frontdoor::rollups::db::needs_rebuild(&db).await? {
                let rows = frontdoor::rollups::db::rebuild(&db, &rules.get().calendars.council).await?;
                tracing::info!(rows, "counted the performance figures from the existing cases");
            }
            let listener = web::bind(listen.listen).await?;
            let smtp = mail::smtp::bind(mail.smtp_listen).await?;
            println!("frontdoor is listening on http://{}/", listener.local_addr()?);
            println!("Mail in: SMTP on {}. {}", smtp.local_addr()?, mail_out(&transport));
            let state = AppState::new(db, council, rules, transport);
            serve_with_jobs(listener, smtp, &mail, state).await
        }
        Command::Demo { cases, file, listen, mail, map } => run_demo(cases, file, listen, mail, map).await,
        Command::Bench(options) => frontdoor::bench::run(&options).await,
        Command::Seed { cases, database, policy } => {
            let db = Db::connect(&database.database_url).await?;
            db.migrate().await?;
            let rules = standards::db::load_rules(&db, policy.load()?, now_ms()).await?;
            let started = Instant::now();
            let shown = frontdoor::db::redact(&database.database_url);
            // Customers are written before any case (cases refer to them), so say which is going in.
            let progress = |done: &demo::Seeded| {
                if done.cases == 0 {
                    eprint!("\r{} customers written, then {cases} cases", done.customers);
                } else {
                    let rate = done.cases as f64 / started.elapsed().as_secs_f64().max(1e-9);
                    eprint!("\r{} of {cases} cases written ({rate:.0} a second overall)", done.cases);
                }
            };
            let (found, seeded) = demo::seed(&db, rules, cases, &progress).await?;
            let elapsed = started.elapsed().as_secs_f64();
            eprintln!();
            let what = match found {
                demo::Found::Empty => "the demo council and",
                demo::Found::Demo => "to the demo council:",
            };
            println!(
                "Wrote {what} {} cases ({} events, {} clocks, {} customers) into {shown} in {elapsed:.1}s: {:.0} cases a second.",
                seeded.cases,
                seeded.events,
                seeded.clocks,
                seeded.customers,
                seeded.cases as f64 / elapsed.max(1e-9)
            );
            db.close().await;
            Ok(())
        }
        Command::User { command: UserCommand::Add { email, name, role, team, partner, database } } => {
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
            let new = frontdoor::org::NewAccount {
                email: &email,
                name: &name,
                role: &role,
                team: team.as_deref(),
                partner: partner.as_deref(),
                password: &password,
            };
            let id = frontdoor::org::add_account(&db, &new, now_ms()).await?;
            println!(
                "Added {} as {} (staff id {id}). They can sign in at /staff/sign-in.",
                email.trim().to_lowercase(),
                role
            );
            Ok(())
        }
        Command::ApiKey { command: ApiKeyCommand::Add { name, scope, partner, by, database } } => {
            let db = Db::connect(&database.database_url).await?;
            db.migrate().await?;
            let by = by.trim().to_lowercase();
            let staff: Option<i64> =
                sqlx::query_scalar("SELECT id FROM staff_users WHERE email = $1 AND role = 'admin' AND disabled = 0")
                    .bind(&by)
                    .fetch_optional(db.writer())
                    .await?;
            let Some(staff) = staff else { anyhow::bail!("--by: there is no administrator {by:?}") };
            let partner_id: Option<i64> = match &partner {
                Some(code) => {
                    let found = sqlx::query_scalar("SELECT id FROM partners WHERE code = $1")
                        .bind(code.trim())
                        .fetch_optional(db.writer())
                        .await?;
                    Some(found.with_context(|| format!("--partner: there is no partner {code:?}"))?)
                }
                None => None,
            };
            let mut conn = db.writer().acquire().await?;
            let (_, key) = frontdoor::api::create(&mut conn, &name, &scope, partner_id, staff, now_ms()).await?;
            println!("{key}");
            Ok(())
        }
        Command::User { command: UserCommand::SecondStepOff { email, database } } => {
            let db = Db::connect(&database.database_url).await?;
            db.migrate().await?;
            let email = email.trim().to_lowercase();
            if !frontdoor::sessions::db::second_step_off(&db, &email).await? {
                anyhow::bail!("--email: there is no staff account {email:?}");
            }
            println!("Two-step sign-in is off for {email}. They can turn it on again from \"Your account\".");
            Ok(())
        }
        Command::ImportEmail { path, database, council, policy } => {
            let council = Arc::new(Council::try_from(&council)?);
            let files = mail_files(&path)?;
            let db = Db::connect(&database.database_url).await?;
            db.migrate().await?;
            let rules = SharedRules::new(standards::db::load_rules(&db, policy.load()?, now_ms()).await?);
            // Importing only writes the outbox; the server's job runner delivers.
            let transport = Arc::new(frontdoor::outbox::Transport::Folder(PathBuf::from("mail-out")));
            let state = AppState::new(db, council, rules, transport);
            for file in &files {
                let raw = std::fs::read(file).with_context(|| format!("could not read {}", file.display()))?;
                let peer = file.display().to_string();
                let inbound =
                    mail::Inbound { source: "import", peer: &peer, envelope_from: None, envelope_to: None, raw: &raw };
                let id = mail::db::store(&state.db, &inbound, now_ms()).await?;
                match mail::process(&state, id, now_ms()).await? {
                    Some(outcome) => println!("{}: {}", file.display(), outcome.describe(&state.council)),
                    None => println!("{}: stored as message {id}", file.display()),
                }
            }
            println!("Read {} message(s).", files.len());
            Ok(())
        }
        Command::Mail { command: MailCommand::Quarantine { database } } => {
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
        Command::Mail { command: MailCommand::Retry { id, database } } => {
            let db = Db::connect(&database.database_url).await?;
            db.migrate().await?;
            if mail::db::retry(&db, id, now_ms()).await? {
                println!("Message {id} will be read again by the running server.");
                Ok(())
            } else {
                anyhow::bail!("there is no quarantined message {id}")
            }
        }
        Command::Rollups { command: RollupsCommand::Rebuild { database, policy } } => {
            let db = Db::connect(&database.database_url).await?;
            db.migrate().await?;
            let calendars = calendar::db::load(&db, &policy.load()?.calendar).await?;
            let started = std::time::Instant::now();
            let rows = frontdoor::rollups::db::rebuild(&db, &calendars.council).await?;
            println!(
                "Counted the performance figures again: {rows} daily counts in {:.1}s.",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
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

/// Serves the web and SMTP and runs background jobs until ctrl-c or SIGTERM, then
/// stops them all.
async fn serve_with_jobs(
    listener: tokio::net::TcpListener,
    smtp: tokio::net::TcpListener,
    mail: &MailArgs,
    state: AppState,
) -> anyhow::Result<()> {
    let shutdown = CancellationToken::new();
    let runner = tokio::spawn(jobs::run(state.clone(), shutdown.clone()));
    let name = state.council.mail_domain().to_owned();
    let smtp = tokio::spawn(mail::smtp::serve(smtp, state.db.clone(), mail.smtp_max_bytes, name, shutdown.clone()));
    let db = state.db.clone();
    let served = web::serve(listener, state, shutdown.clone()).await;
    shutdown.cancel();
    let _ = runner.await;
    let _ = smtp.await;
    db.close().await;
    served
}

fn mail_out(transport: &frontdoor::outbox::Transport) -> String {
    match transport {
        frontdoor::outbox::Transport::Relay { host, port } => format!("Mail out: through the relay {host}:{port}."),
        frontdoor::outbox::Transport::Folder(dir) => {
            format!("Mail out: written as .eml files to {}/ (set FRONTDOOR_SMTP_RELAY to send it).", dir.display())
        }
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

async fn run_demo(cases: usize, file: PathBuf, listen: ListenArgs, mail: MailArgs, map: MapArgs) -> anyhow::Result<()> {
    let map = map.settings()?;
    // Bind first, so a busy port is reported before a minute of building.
    let listener = web::bind(listen.listen).await?;
    let addr = listener.local_addr()?;
    let smtp = mail::smtp::bind(mail.smtp_listen).await?;
    let transport = Arc::new(mail.transport()?);
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
    let rules = SharedRules::new(standards::db::load_rules(&db, Policy::default_policy(), now_ms()).await?);
    let prefix = frontdoor::cases::Prefix::parse("KMB").map_err(anyhow::Error::msg)?;
    let mut council = Council::new("Kingsmead Borough Council", prefix);
    council.public_url = format!("http://{addr}").into();
    council.map = map;

    println!(
        "\n{} (a demo) is ready: {} cases, {} events and {} customers over 12 months, {} services. Built in {:.1}s.\n",
        council.name,
        built.seeded.cases,
        built.seeded.events,
        built.seeded.customers,
        built.services,
        started.elapsed().as_secs_f64()
    );
    println!("  Open http://{addr}/ to report something as a resident.");
    println!(
        "  Email {} through SMTP on {} to open a case by email. {}\n",
        council.mail_from,
        smtp.local_addr()?,
        mail_out(&transport)
    );
    println!("  Staff accounts (password for each: {}):", demo::DEMO_PASSWORD);
    for (email, role) in &built.staff {
        println!("    {email:<38} {role}");
    }
    println!("  Staff sign in at http://{addr}/staff/sign-in.\n");
    println!("  Stop with Ctrl+C. Running `frontdoor demo` again rebuilds {} from scratch.", file.display());

    let state = AppState::new(db.clone(), Arc::new(council), rules, transport);
    serve_with_jobs(listener, smtp, &mail, state).await
}
