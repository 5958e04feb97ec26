//! The command line's settings: flags and `FRONTDOOR_*` environment variables, each
//! group a clap `Args` struct, turned into the plain settings of `config` once, with every
//! problem named by its flag.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

use crate::config::{ApiSettings, Council, Limits, MapSettings};
use crate::db::redact;
use crate::reference::Prefix;

/// Where the data lives.
#[derive(Clone, clap::Args)]
pub struct DatabaseArgs {
    /// `sqlite:PATH` (the default, created if missing) or `postgres://USER@HOST/NAME`.
    #[arg(long, env = "FRONTDOOR_DATABASE_URL", default_value = "sqlite:frontdoor.db")]
    pub database_url: String,
}

impl fmt::Debug for DatabaseArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseArgs").field("database_url", &redact(&self.database_url)).finish()
    }
}

/// Who the council is, as residents see it.
#[derive(Debug, Clone, clap::Args)]
pub struct CouncilArgs {
    /// The council's name, shown on every page.
    #[arg(long, env = "FRONTDOOR_COUNCIL_NAME", default_value = "Kingsmead Borough Council")]
    pub council_name: String,

    /// Two to five letters that start every case reference, like KMB in KMB-4K7-9QX.
    #[arg(long, env = "FRONTDOOR_REF_PREFIX", default_value = "KMB", value_parser = Prefix::parse)]
    pub ref_prefix: Prefix,

    /// The address residents reach this site at, for links in emails.
    #[arg(long, env = "FRONTDOOR_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
    pub public_url: String,

    /// The council's contact address: mail to residents comes from it, and they reply to it.
    #[arg(long, env = "FRONTDOOR_MAIL_FROM", default_value = "contact@kingsmead.example")]
    pub mail_from: String,

    /// The service a new email becomes a case of, unless it was sent to an address
    /// named after a service (like missed-bin@...).
    #[arg(long, env = "FRONTDOOR_MAIL_SERVICE", default_value = "general")]
    pub mail_service: String,

    /// Requests a minute each API key may make, on each server (0 for no limit).
    #[arg(long, env = "FRONTDOOR_API_RATE_LIMIT", default_value_t = ApiSettings::default().rate_per_minute)]
    pub api_rate_limit: u32,

    /// Let webhooks go to loopback and private network addresses. Off by default, so a
    /// subscription cannot reach the council's internal systems.
    #[arg(long, env = "FRONTDOOR_WEBHOOK_ALLOW_PRIVATE")]
    pub webhook_allow_private: bool,

    /// The council's other mail domains, comma-separated (the domain of --mail-from is
    /// always one). Mail from any address of them, or of their subdomains, is never
    /// acknowledged, so two of the council's own systems cannot answer each other forever.
    #[arg(long, env = "FRONTDOOR_OWN_DOMAINS", value_delimiter = ',')]
    pub own_domains: Vec<String>,

    /// Let administrators work without two-step sign-in. Off by default: in `serve` an
    /// administrator who has not turned it on is sent to "Your account" to do so before
    /// anything else. (`frontdoor demo` never asks, so its accounts can be tried at once.)
    #[arg(long, env = "FRONTDOOR_ADMIN_SECOND_STEP_OPTIONAL")]
    pub admin_second_step_optional: bool,

    #[command(flatten)]
    pub limits: LimitsArgs,
}

/// Limits on what anonymous visitors can make the server keep or do.
#[derive(Debug, Clone, clap::Args)]
pub struct LimitsArgs {
    /// Megabytes of files one client address may have waiting in forms not yet sent.
    #[arg(long, env = "FRONTDOOR_UPLOAD_PENDING_PER_CLIENT_MB", default_value_t = Limits::default().pending_per_client_mb)]
    pub upload_pending_per_client_mb: u64,

    /// Megabytes of files all clients together may have waiting in forms not yet sent.
    #[arg(long, env = "FRONTDOOR_UPLOAD_PENDING_TOTAL_MB", default_value_t = Limits::default().pending_total_mb)]
    pub upload_pending_total_mb: u64,

    /// Forms a minute one client address may post to the public site (0 for no limit).
    /// A resident needs two or three for a report; past the limit, 429 with Retry-After.
    #[arg(long, env = "FRONTDOOR_FORM_POSTS_PER_MINUTE", default_value_t = Limits::default().form_posts_per_minute)]
    pub form_posts_per_minute: u32,

    /// Behind a reverse proxy: the header it writes the client's address in (usually
    /// X-Forwarded-For). The last address in it is used, the one the proxy itself added.
    /// Without it, the connection's own address is the client's.
    #[arg(long, env = "FRONTDOOR_CLIENT_IP_HEADER")]
    pub client_ip_header: Option<String>,

    /// Behind a reverse proxy that sets X-Forwarded-For (Caddy and nginx as in
    /// docs/operations.md): the client's address is the last one in it. The same as
    /// `--client-ip-header X-Forwarded-For`. Only with a proxy in front: without one, a
    /// client could name any address it liked and slip the limits.
    #[arg(long, env = "FRONTDOOR_TRUST_PROXY")]
    pub trust_proxy: bool,
}

impl From<&LimitsArgs> for Limits {
    fn from(args: &LimitsArgs) -> Self {
        Limits {
            pending_per_client_mb: args.upload_pending_per_client_mb,
            pending_total_mb: args.upload_pending_total_mb,
            form_posts_per_minute: args.form_posts_per_minute,
            client_ip_header: args
                .client_ip_header
                .as_deref()
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .or(args.trust_proxy.then_some("x-forwarded-for"))
                .map(|h| h.to_ascii_lowercase().into()),
        }
    }
}

/// The map on report forms.
#[derive(Debug, Clone, clap::Args)]
pub struct MapArgs {
    /// Map tiles for dropping a pin on report forms, as a URL template like
    /// `https://tile.openstreetmap.org/{z}/{x}/{y}.png`, or a path on this site. Without
    /// it, forms show no map (the address and postcode fields always work). Each tile
    /// request tells the tile server the visitor's IP address: choose one the council
    /// has an agreement with.
    #[arg(long, env = "FRONTDOOR_MAP_TILES")]
    pub map_tiles: Option<String>,

    /// Where the map starts, as "LATITUDE,LONGITUDE": the middle of the council's area.
    #[arg(long, env = "FRONTDOOR_MAP_CENTRE", default_value = "52.6309,-1.1327")]
    pub map_centre: String,

    /// Who the map tiles are from, shown on the map as their licence asks.
    #[arg(long, env = "FRONTDOOR_MAP_ATTRIBUTION", default_value = "© OpenStreetMap contributors")]
    pub map_attribution: String,
}

impl MapArgs {
    /// The map's settings, or `None` when there are no tiles.
    pub fn settings(&self) -> anyhow::Result<Option<MapSettings>> {
        match self.map_tiles.as_deref().filter(|t| !t.trim().is_empty()) {
            Some(tiles) => Ok(Some(MapSettings::parse(tiles, &self.map_centre, &self.map_attribution)?)),
            None => Ok(None),
        }
    }
}

/// The web listener.
#[derive(Debug, Clone, clap::Args)]
pub struct ListenArgs {
    /// Address and port for the web server.
    #[arg(long, env = "FRONTDOOR_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Address and port for Prometheus metrics (`GET /metrics`), apart from the public
    /// port. Off unless given; keep it on a private network (docs/operations.md).
    #[arg(long, env = "FRONTDOOR_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,
}

/// The background job runner, and the housekeeping it does.
#[derive(Debug, Clone, clap::Args)]
pub struct JobArgs {
    /// Seconds a node holds a job it has taken. A node that dies holding jobs has them
    /// taken over by the other nodes this long after. Long jobs stop at a quarter of it and
    /// carry on a second later; a batch past half of it gives back the jobs not started.
    /// Keep the default in production: a batch's mail is recorded when the batch ends, so
    /// with a much shorter lease a second node could send a message again while the first
    /// is still recording it.
    #[arg(long, env = "FRONTDOOR_JOB_LEASE_SECONDS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(2..=3600))]
    pub job_lease_seconds: u64,

    /// Days to keep finished bookkeeping: webhook deliveries made, and jobs still failing
    /// after this long. Housekeeping removes older rows every hour, in batches.
    #[arg(long, env = "FRONTDOOR_KEEP_FINISHED_DAYS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3650))]
    pub keep_finished_days: u64,

    /// Days to keep emails sent to residents, or 0 (the default) to keep them until the
    /// retention schedule anonymises them with their case. Set it only if the council keeps
    /// its correspondence elsewhere: a removed email is no longer in the case's record, in a
    /// subject access request, or matched to a reply by its Message-ID. At least 30.
    #[arg(long, env = "FRONTDOOR_KEEP_SENT_EMAILS_DAYS", default_value_t = 0, value_parser = keep_sent_days)]
    pub keep_sent_emails_days: u64,
}

fn keep_sent_days(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(0) => Ok(0),
        Ok(days @ 30..=36_500) => Ok(days),
        _ => Err("0 (keep them) or a number of days from 30 to 36500".to_owned()),
    }
}

impl TryFrom<&CouncilArgs> for Council {
    type Error = anyhow::Error;

    fn try_from(args: &CouncilArgs) -> anyhow::Result<Self> {
        let mail_from = args.mail_from.trim().to_lowercase();
        if !crate::forms::is_email(&mail_from) {
            anyhow::bail!("--mail-from {mail_from:?} is not an email address");
        }
        let public_url = args.public_url.trim().trim_end_matches('/');
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            anyhow::bail!("--public-url {public_url:?} must start with http:// or https://");
        }
        let mut own_domains: Vec<Arc<str>> = vec![mail_from.rsplit_once('@').map_or("", |(_, d)| d).into()];
        for domain in &args.own_domains {
            let domain = domain.trim().trim_start_matches('@').to_ascii_lowercase();
            if domain.is_empty() {
                continue;
            }
            if !domain.contains('.') || domain.contains(['@', ' ', '/']) {
                anyhow::bail!("--own-domains: {domain:?} is not a mail domain, like kingsmead.gov.uk");
            }
            own_domains.push(domain.into());
        }
        Ok(Council {
            own_domains,
            limits: Limits::from(&args.limits),
            admin_second_step: !args.admin_second_step_optional,
            // Read from the database once it is migrated (`Council::keyed_for`).
            case_links: None,
            name: args.council_name.trim().into(),
            prefix: args.ref_prefix.clone(),
            public_url: public_url.into(),
            mail_from: mail_from.into(),
            mail_service: args.mail_service.trim().into(),
            map: None,
            api: ApiSettings {
                rate_per_minute: args.api_rate_limit,
                webhook_allow_private: args.webhook_allow_private,
            },
        })
    }
}

/// Email: the SMTP listener for mail in, and where mail out goes.
#[derive(Debug, Clone, clap::Args)]
pub struct MailArgs {
    /// Address and port of the SMTP listener the council's mail server relays into.
    #[arg(long, env = "FRONTDOOR_SMTP_LISTEN", default_value = "127.0.0.1:2525")]
    pub smtp_listen: SocketAddr,

    /// The largest message the listener accepts, in bytes; larger mail is refused with 552.
    #[arg(long, env = "FRONTDOOR_SMTP_MAX_BYTES", default_value_t = 25 * 1024 * 1024)]
    pub smtp_max_bytes: usize,

    /// The SMTP relay that delivers our mail, as HOST:PORT. Without it, mail is written
    /// as .eml files to --mail-dir instead of being sent.
    #[arg(long, env = "FRONTDOOR_SMTP_RELAY")]
    pub smtp_relay: Option<String>,

    /// Where mail is written when there is no relay.
    #[arg(long, env = "FRONTDOOR_MAIL_DIR", default_value = "mail-out")]
    pub mail_dir: std::path::PathBuf,
}

impl MailArgs {
    /// How the outbox delivers.
    pub fn transport(&self) -> anyhow::Result<crate::outbox::Transport> {
        match &self.smtp_relay {
            Some(relay) => crate::outbox::Transport::relay(relay),
            None => Ok(crate::outbox::Transport::Folder(self.mail_dir.clone())),
        }
    }
}

/// The service standards policy.
#[derive(Debug, Clone, clap::Args)]
pub struct PolicyArgs {
    /// A policy file (TOML). Without it, the built-in default in policy/standards.toml.
    #[arg(long, env = "FRONTDOOR_POLICY")]
    pub policy: Option<std::path::PathBuf>,
}

impl PolicyArgs {
    /// Reads and checks the policy; every problem is in the error.
    pub fn load(&self) -> anyhow::Result<crate::standards::Policy> {
        match &self.policy {
            None => Ok(crate::standards::Policy::default_policy()),
            Some(path) => read_policy(path),
        }
    }
}

/// Reads a policy file, with its problems listed under the file's name.
pub fn read_policy(path: &std::path::Path) -> anyhow::Result<crate::standards::Policy> {
    use anyhow::Context;
    let text =
        std::fs::read_to_string(path).with_context(|| format!("could not read the policy file {}", path.display()))?;
    crate::standards::Policy::parse(&text).with_context(|| format!("the policy file {} is not valid", path.display()))
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Only {
        #[command(flatten)]
        limits: LimitsArgs,
    }

    fn header(args: &[&str]) -> Option<String> {
        let only = Only::try_parse_from(std::iter::once("frontdoor").chain(args.iter().copied())).unwrap();
        Limits::from(&only.limits).client_ip_header.map(|h| h.to_string())
    }

    #[test]
    fn trust_proxy_reads_x_forwarded_for_and_a_named_header_wins() {
        assert_eq!(header(&[]), None);
        assert_eq!(header(&["--trust-proxy"]).as_deref(), Some("x-forwarded-for"));
        assert_eq!(header(&["--trust-proxy", "--client-ip-header", "X-Real-IP"]).as_deref(), Some("x-real-ip"));
    }

    #[test]
    fn sent_emails_are_kept_for_good_or_for_at_least_30_days() {
        assert_eq!(keep_sent_days("0"), Ok(0));
        assert_eq!(keep_sent_days("30"), Ok(30));
        assert!(keep_sent_days("7").is_err());
        assert!(keep_sent_days("a year").is_err());
    }
}
