//! `serve` and `demo`: the web, SMTP and the job runner, until ctrl-c or SIGTERM.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use tokio_util::sync::CancellationToken;

use super::args::{CouncilArgs, DatabaseArgs, JobArgs, ListenArgs, MailArgs, MapArgs, PolicyArgs};
use crate::config::Council;
use crate::db::{Db, now_ms};
use crate::standards::{self, Policy, SharedRules};
use crate::web::AppState;
use crate::{demo, jobs, smtp, web};

/// Runs the service against the configured database.
pub async fn serve(
    database: DatabaseArgs,
    listen: ListenArgs,
    council: CouncilArgs,
    policy: PolicyArgs,
    mail: MailArgs,
    map: MapArgs,
    jobs: JobArgs,
) -> anyhow::Result<()> {
    let policy = policy.load()?;
    let mut council = Council::try_from(&council)?;
    council.map = map.settings()?;
    let council = Arc::new(council);
    let transport = Arc::new(mail.transport()?);
    let db = Db::connect(&database.database_url).await?;
    db.migrate().await?;
    let rules = SharedRules::new(standards::db::load_rules(&db, policy, now_ms()).await?);
    // A database from before the performance figures were kept: count them once.
    if crate::rollups::db::needs_rebuild(&db).await? {
        let rules = rules.get();
        let more = super::data::counted_by_channels(&db, &rules).await?;
        let rows = crate::rollups::db::rebuild(&db, &rules.calendars.council, more).await?;
        tracing::info!(rows, "counted the performance figures from the existing cases");
    }
    let listener = web::bind(listen.listen).await?;
    let smtp = smtp::bind(mail.smtp_listen).await?;
    let metrics = bind_metrics(&listen).await?;
    println!("frontdoor is listening on http://{}/", listener.local_addr()?);
    println!("Mail in: SMTP on {}. {}", smtp.local_addr()?, mail_out(&transport));
    if let Some(metrics) = &metrics {
        println!("Metrics: http://{}/metrics", metrics.local_addr()?);
    }
    let state = AppState::new(db, council, rules, transport);
    serve_with_jobs(Listeners { web: listener, smtp, metrics }, &mail, &jobs, state).await
}

/// The metrics listener, when `--metrics-listen` is given. Its recorder is installed
/// when serving starts, so the demo's own building is not counted.
async fn bind_metrics(listen: &ListenArgs) -> anyhow::Result<Option<tokio::net::TcpListener>> {
    let Some(addr) = listen.metrics_listen else { return Ok(None) };
    if addr == listen.listen && addr.port() != 0 {
        anyhow::bail!("--metrics-listen {addr} is the public port: give metrics a port of their own");
    }
    Ok(Some(web::bind(addr).await.context("--metrics-listen")?))
}

/// Every listener a node serves on.
struct Listeners {
    web: tokio::net::TcpListener,
    smtp: tokio::net::TcpListener,
    metrics: Option<tokio::net::TcpListener>,
}

/// Serves the web and SMTP and runs background jobs until ctrl-c or SIGTERM, then
/// stops them all.
async fn serve_with_jobs(listeners: Listeners, mail: &MailArgs, jobs: &JobArgs, state: AppState) -> anyhow::Result<()> {
    let shutdown = CancellationToken::new();
    let metrics = match listeners.metrics {
        Some(listener) => {
            let handle = web::metrics::install()?;
            Some(tokio::spawn(web::metrics::serve(listener, handle, state.db.clone(), shutdown.clone())))
        }
        None => None,
    };
    let runner = tokio::spawn(jobs::run(jobs_of(&state, jobs), shutdown.clone()));
    let name = state.council.mail_domain().to_owned();
    let smtp = tokio::spawn(smtp::serve(listeners.smtp, state.db.clone(), mail.smtp_max_bytes, name, shutdown.clone()));
    let db = state.db.clone();
    let served = web::serve(listeners.web, state, shutdown.clone()).await;
    shutdown.cancel();
    let _ = runner.await;
    let _ = smtp.await;
    if let Some(metrics) = metrics {
        let _ = metrics.await;
    }
    db.close().await;
    served
}

pub fn mail_out(transport: &crate::outbox::Transport) -> String {
    match transport {
        crate::outbox::Transport::Relay { host, port } => format!("Mail out: through the relay {host}:{port}."),
        crate::outbox::Transport::Folder(dir) => {
            format!("Mail out: written as .eml files to {}/ (set FRONTDOOR_SMTP_RELAY to send it).", dir.display())
        }
    }
}

/// Builds a populated demo council on a fresh SQLite file and serves it.
pub async fn demo(
    cases: usize,
    file: PathBuf,
    listen: ListenArgs,
    mail: MailArgs,
    map: MapArgs,
    jobs: JobArgs,
) -> anyhow::Result<()> {
    let map = map.settings()?;
    // Bind first, so a busy port is reported before a minute of building.
    let listener = web::bind(listen.listen).await?;
    let addr = listener.local_addr()?;
    let smtp = smtp::bind(mail.smtp_listen).await?;
    let metrics = bind_metrics(&listen).await?;
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
    let prefix = crate::cases::Prefix::parse("KMB").map_err(anyhow::Error::msg)?;
    let mut council = Council::new("Kingsmead Borough Council", prefix);
    council.public_url = format!("http://{addr}").into();
    council.map = map;

    println!(
        "\n{} (a demo) is ready: {} cases, {} events, {} customers, {} phone calls, {} visitors at reception, {} \
         appointments and {} home visits over 12 months, {} letters this week, {} customers with needs or \
         adjustments, {} services, {} wards. Built in {:.1}s.\n",
        council.name,
        built.seeded.cases,
        built.seeded.events,
        built.seeded.customers,
        built.calls,
        built.meetings.visitors,
        built.meetings.appointments,
        built.meetings.home_visits,
        built.letters,
        built.needs,
        built.services,
        built.wards,
        started.elapsed().as_secs_f64()
    );
    let sample = demo::sample_reference(&db, &council.prefix).await?;
    println!("  Open http://{addr}/ in a browser. Three things to try:");
    println!("    1. Report something as a resident: choose a service at http://{addr}/services. Every public page");
    println!(
        "       is also in Welsh and Arabic (the links at the top), with {} strings of the council's content translated.",
        built.translated
    );
    match sample {
        Some((reference, email)) => println!(
            "    2. Follow a case: http://{addr}/cases/{reference} with the email address {email};\n       \
             or follow the link in the acknowledgement email of the case you reported."
        ),
        None => println!("    2. Follow a case: the link in the acknowledgement email of the case you just reported."),
    }
    println!("    3. Sign in as staff: http://{addr}/staff/sign-in with an account below.\n");
    println!("  Staff accounts (password for each: {}):", demo::DEMO_PASSWORD);
    for (email, role) in &built.staff {
        println!("    {email:<38} {role}");
    }
    println!(
        "\n  Mail: email {} through SMTP on {} to open a case by email. {}",
        council.mail_from,
        smtp.local_addr()?,
        mail_out(&transport)
    );
    println!("  The day's post to print is at /staff/post.");
    if let Some(metrics) = &metrics {
        println!("  Metrics for Prometheus: http://{}/metrics", metrics.local_addr()?);
    }
    println!();
    println!("  Stop with Ctrl+C. Running `frontdoor demo` again rebuilds {} from scratch.", file.display());

    let state = AppState::new(db.clone(), Arc::new(council), rules, transport);
    serve_with_jobs(Listeners { web: listener, smtp, metrics }, &mail, &jobs, state).await
}

/// What the job runner needs, from the web's state.
fn jobs_of(state: &AppState, settings: &JobArgs) -> jobs::Context {
    jobs::Context {
        db: state.db.clone(),
        council: state.council.clone(),
        rules: state.rules.clone(),
        transport: state.transport.clone(),
        lease: std::time::Duration::from_secs(settings.job_lease_seconds),
        keep_finished: std::time::Duration::from_secs(settings.keep_finished_days * 86_400),
        keep_sent_emails: (settings.keep_sent_emails_days > 0)
            .then(|| std::time::Duration::from_secs(settings.keep_sent_emails_days * 86_400)),
    }
}
