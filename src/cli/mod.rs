//! The `frontdoor` command line: clap's commands, one file per group, each a function
//! that reads its flags, connects, and calls the layers below. Entry layer: it may import
//! anything; nothing imports it but `main.rs`.

mod admin;
pub mod args;
mod calls;
mod data;
mod health;
mod insight;
mod letters;
mod mail;
mod policy;
mod retention;
mod serve;
mod translations;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use args::{CouncilArgs, DatabaseArgs, JobArgs, ListenArgs, MailArgs, MapArgs, PolicyArgs};

#[derive(Debug, Parser)]
#[command(
    name = "frontdoor",
    version,
    about = "A council's single front door: every contact becomes one tracked case."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// How log lines are written to standard error: `text` for people, `json` (one object
    /// a line) for log collectors.
    #[arg(long, global = true, env = "FRONTDOOR_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"])]
    log_format: String,
}

#[derive(Debug, Subcommand)]
pub enum Command {
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
        #[command(flatten)]
        jobs: JobArgs,
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
        #[command(flatten)]
        jobs: JobArgs,
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
    Bench(crate::bench::Options),
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
    /// Phone call records from the telephone system, and the phone standard's figures.
    Calls {
        #[command(subcommand)]
        command: CallsCommand,
    },
    /// Letters to customers who are written to by post.
    Letters {
        #[command(subcommand)]
        command: LettersCommand,
    },
    /// Keeping personal data no longer than the policy's `[retention]` section says.
    Retention {
        #[command(subcommand)]
        command: RetentionCommand,
    },
    /// Mail that could not be understood.
    Mail {
        #[command(subcommand)]
        command: MailCommand,
    },
    /// Reports for the council's own staff.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// Wards: each postcode's ward, from the ONS Postcode Directory.
    Wards {
        #[command(subcommand)]
        command: WardsCommand,
    },
    /// Translations of the council's own content (services, questions, notices,
    /// standards) as PO files, for translators.
    Translations {
        #[command(subcommand)]
        command: TranslationsCommand,
    },
    /// Copy a SQLite database, consistent as of one moment, while it serves (PostgreSQL:
    /// use pg_dump, as docs/operations.md says). The copy passes `frontdoor check`.
    Backup {
        /// The file to write; it must not exist.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Check a database without changing it: the schema is this build's, SQLite finds the
    /// file sound, and every case's status and clocks are what its events say. Exits 1,
    /// naming what is wrong, if anything is. Run it after a restore or an upgrade.
    Check {
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(flatten)]
        policy: PolicyArgs,
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
pub enum ApiKeyCommand {
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
#[expect(clippy::large_enum_variant, reason = "parsed once at start-up; the council's settings are the large part")]
pub enum CallsCommand {
    /// Import a file of call records. A record sent again (the same call id) updates the
    /// one held. A file with any bad line is refused, naming the line, and changes nothing.
    Import {
        file: PathBuf,
        /// csv, queue-log (Asterisk's queue_log) or connect (Amazon Connect contact
        /// records, JSON lines); guessed from the file when left out.
        #[arg(long)]
        format: Option<String>,
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(flatten)]
        council: CouncilArgs,
        #[command(flatten)]
        policy: PolicyArgs,
    },
    /// The phone standard's figures for calls that joined a queue between two dates.
    Report {
        /// The first day, in the council's time zone: 2026-11-01.
        #[arg(long)]
        from: jiff::civil::Date,
        /// The last day, included.
        #[arg(long)]
        to: jiff::civil::Date,
        /// One queue only, by the name the telephone system gives it.
        #[arg(long)]
        queue: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(flatten)]
        policy: PolicyArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum LettersCommand {
    /// Print every letter waiting, as `/staff/post` does: one PDF per letter in the
    /// folder, each letter marked printed (which is sent). A letter printed before is
    /// not printed again.
    Print {
        /// The folder to write the PDFs to; made if missing.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(flatten)]
        council: CouncilArgs,
        #[command(flatten)]
        policy: PolicyArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Failure demand, contacts per resolved case, blockages, trends and wards for a
    /// period (docs/insight.md): the same figures as /staff/insight.
    Insight {
        /// The first day of the period (YYYY-MM-DD); the default is 12 weeks before --to.
        #[arg(long)]
        from: Option<jiff::civil::Date>,
        /// The last day (YYYY-MM-DD); the default is today.
        #[arg(long)]
        to: Option<jiff::civil::Date>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(flatten)]
        policy: PolicyArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum WardsCommand {
    /// Load a postcode-to-ward lookup in the ONS Postcode Directory's CSV shape (pcds,
    /// doterm, oslaua, osward, lsoa21 ...), keeping the live postcodes of one local
    /// authority, and set every case's ward from its postcode. A bad file changes nothing
    /// and names the line.
    Import {
        /// The directory's CSV file.
        file: PathBuf,
        /// The council's local authority code (oslaua), such as E07000240.
        #[arg(long)]
        area: String,
        /// The wards' names and populations: a CSV with a code column (WD24CD or code), a
        /// name column (WD24NM or name) and population.
        #[arg(long)]
        names: Option<PathBuf>,
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(flatten)]
        policy: PolicyArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum TranslationsCommand {
    /// Write one language's strings as a PO file: today's English, the translation so
    /// far, and translations of older English marked fuzzy.
    Export {
        /// The language: cy (Welsh) or ar (Arabic).
        #[arg(long)]
        language: String,
        /// Where to write it; standard output if not given.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(flatten)]
        policy: PolicyArgs,
    },
    /// Read a translated PO file. A file with any problem changes nothing and names the
    /// line; fuzzy and empty entries are left alone.
    Import {
        /// The PO file.
        file: PathBuf,
        /// The language, if the file's Language header does not say.
        #[arg(long)]
        language: Option<String>,
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(flatten)]
        policy: PolicyArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Anonymise the closed cases past their period (the job runner does this every
    /// night), in batches; safe to stop at any point. Prints what it did.
    Run {
        /// Count periods back from this date (midnight at its end, council time) instead of
        /// now: to see what a schedule would do in future with --dry-run.
        #[arg(long)]
        as_of: Option<jiff::civil::Date>,
        /// Count what would go, per case type, and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the counts as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(flatten)]
        policy: PolicyArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum RollupsCommand {
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
pub enum UserCommand {
    /// Add a staff account, such as the first administrator. The password is read from
    /// FRONTDOOR_NEW_PASSWORD, or else from the first line of standard input, so it never
    /// appears in the shell's history or the process list.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// adviser, caseworker, team_lead, partner, insight, auditor, admin or councillor.
        #[arg(long)]
        role: String,
        /// The team's code, for caseworkers and team leads.
        #[arg(long)]
        team: Option<String>,
        /// The partner organisation's code, for partner users.
        #[arg(long)]
        partner: Option<String>,
        /// The ward's code (as `frontdoor wards import` loaded it), for a councillor.
        #[arg(long)]
        ward: Option<String>,
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
pub enum MailCommand {
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
pub enum PolicyCommand {
    /// Check FILE and list every problem, or say it is valid.
    Check { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
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

/// Parses the command line, runs the command and turns an error into one readable line.
#[tokio::main]
pub async fn main() -> ExitCode {
    let cli = Cli::parse();
    // The bulk and benchmark commands report their own progress; a line per case fired
    // or stored would drown it. Nor do they warn of slow statements: a load's statement
    // writes thousands of rows and may take a second by design, and sqlx's warning printed
    // the whole statement (120 KB of placeholders, six times in a ten-million-case load).
    let quiet = matches!(cli.command, Command::Bench(_) | Command::Seed { .. });
    let default = if quiet { "warn,sqlx::query=error" } else { "info,sqlx=warn" };
    let filter = EnvFilter::try_from_env("FRONTDOOR_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if cli.log_format == "json" {
        logs.json().flatten_event(true).with_current_span(true).with_span_list(false).init();
    } else {
        logs.init();
    }
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
        Command::Serve { database, listen, council, policy, mail, map, jobs } => {
            serve::serve(database, listen, council, policy, mail, map, jobs).await
        }
        Command::Demo { cases, file, listen, mail, map, jobs } => {
            serve::demo(cases, file, listen, mail, map, jobs).await
        }
        Command::Bench(options) => crate::bench::run(&options).await,
        Command::Seed { cases, database, policy } => data::seed(cases, database, policy).await,
        Command::Migrate { database } => data::migrate(database).await,
        Command::Backup { out, database } => health::backup(&out, database).await,
        Command::Check { database, policy } => health::check(database, policy).await,
        Command::Calls { command: CallsCommand::Import { file, format, database, council, policy } } => {
            calls::import(file, format, database, council, policy).await
        }
        Command::Calls { command: CallsCommand::Report { from, to, queue, json, database, policy } } => {
            calls::report(from, to, queue, json, database, policy).await
        }
        Command::Letters { command: LettersCommand::Print { out, database, council, policy } } => {
            letters::print(out, database, council, policy).await
        }
        Command::Report { command: ReportCommand::Insight { from, to, json, database, policy } } => {
            insight::report(from, to, json, database, policy).await
        }
        Command::Wards { command: WardsCommand::Import { file, area, names, database, policy } } => {
            insight::import_wards(&file, &area, names.as_deref(), database, policy).await
        }
        Command::Translations { command: TranslationsCommand::Export { language, out, database, policy } } => {
            translations::export(&language, out, database, policy).await
        }
        Command::Translations { command: TranslationsCommand::Import { file, language, database, policy } } => {
            translations::import(&file, language.as_deref(), database, policy).await
        }
        Command::Retention { command: RetentionCommand::Run { as_of, dry_run, json, database, policy } } => {
            retention::run(as_of, dry_run, json, database, policy).await
        }
        Command::Rollups { command: RollupsCommand::Rebuild { database, policy } } => {
            data::rebuild_rollups(database, policy).await
        }
        Command::Calendar { command: CalendarCommand::Import { file, database } } => {
            data::import_holidays(file, database).await
        }
        Command::Calendar { command: CalendarCommand::Close { date, reason, database } } => {
            data::close_day(date, reason, database).await
        }
        Command::ImportEmail { path, database, council, policy } => {
            mail::import_email(path, database, council, policy).await
        }
        Command::Mail { command: MailCommand::Quarantine { database } } => mail::list_quarantine(database).await,
        Command::Mail { command: MailCommand::Retry { id, database } } => mail::retry(id, database).await,
        Command::User { command: UserCommand::Add { email, name, role, team, partner, ward, database } } => {
            admin::add_user(email, name, role, team, partner, ward, database).await
        }
        Command::User { command: UserCommand::SecondStepOff { email, database } } => {
            admin::second_step_off(email, database).await
        }
        Command::ApiKey { command: ApiKeyCommand::Add { name, scope, partner, by, database } } => {
            admin::add_api_key(name, scope, partner, by, database).await
        }
        Command::Deadline { standard, received, paused_days, json, database_url, policy } => {
            policy::deadline(standard, received, paused_days, json, database_url, policy).await
        }
        Command::Policy { command: PolicyCommand::Check { file } } => policy::check_policy(file),
    }
}
