//! Configuration from flags and `FRONTDOOR_*` environment variables, validated once.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

use crate::cases::Prefix;
use crate::db::redact;

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
}

/// Limits on what anonymous visitors can make the server keep or do.
#[derive(Debug, Clone)]
pub struct Limits {
    pub pending_per_client_mb: u64,
    pub pending_total_mb: u64,
    pub form_posts_per_minute: u32,
    /// Lower case.
    pub client_ip_header: Option<Arc<str>>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { pending_per_client_mb: 50, pending_total_mb: 1024, form_posts_per_minute: 30, client_ip_header: None }
    }
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
                .map(|h| h.to_ascii_lowercase().into()),
        }
    }
}

/// What the JSON API and webhooks allow.
#[derive(Debug, Clone, Copy)]
pub struct ApiSettings {
    pub rate_per_minute: u32,
    pub webhook_allow_private: bool,
}

impl Default for ApiSettings {
    fn default() -> Self {
        ApiSettings { rate_per_minute: 600, webhook_allow_private: false }
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

/// The map on report forms, when the council has tiles.
#[derive(Debug, Clone)]
pub struct MapSettings {
    pub tiles: Arc<str>,
    /// The scheme and host the tiles come from, for the Content-Security-Policy; `None`
    /// when they are served by this site.
    pub origin: Option<Arc<str>>,
    pub centre: (f64, f64),
    pub attribution: Arc<str>,
}

impl MapSettings {
    pub fn parse(tiles: &str, centre: &str, attribution: &str) -> anyhow::Result<MapSettings> {
        let tiles = tiles.trim();
        let origin = if tiles.starts_with('/') {
            None
        } else if let Some(rest) = tiles.strip_prefix("https://").or_else(|| tiles.strip_prefix("http://")) {
            let host = rest.split('/').next().unwrap_or_default();
            if host.is_empty() || host.contains(['{', '}', ' ', ';', '\'', '"']) {
                anyhow::bail!(
                    "--map-tiles {tiles:?} must name a fixed host, like https://tiles.example.org/{{z}}/{{x}}/{{y}}.png"
                );
            }
            let scheme = if tiles.starts_with("https://") { "https" } else { "http" };
            Some(format!("{scheme}://{host}").into())
        } else {
            anyhow::bail!("--map-tiles {tiles:?} must start with https://, http:// or /");
        };
        let parsed = centre
            .split_once(',')
            .and_then(|(lat, lng)| Some((lat.trim().parse::<f64>().ok()?, lng.trim().parse::<f64>().ok()?)));
        let Some((lat, lng)) = parsed.filter(|(lat, lng)| lat.abs() <= 90.0 && lng.abs() <= 180.0) else {
            anyhow::bail!("--map-centre {centre:?} must be LATITUDE,LONGITUDE, like 52.6309,-1.1327");
        };
        Ok(MapSettings { tiles: tiles.into(), origin, centre: (lat, lng), attribution: attribution.trim().into() })
    }
}

/// The web listener.
#[derive(Debug, Clone, clap::Args)]
pub struct ListenArgs {
    /// Address and port for the web server.
    #[arg(long, env = "FRONTDOOR_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
}

/// Who the council is and how residents reach it: for pages, and for the mail it sends.
#[derive(Debug, Clone)]
pub struct Council {
    pub name: Arc<str>,
    pub prefix: Prefix,
    /// Without a trailing slash.
    pub public_url: Arc<str>,
    /// Lower case.
    pub mail_from: Arc<str>,
    pub mail_service: Arc<str>,
    pub map: Option<MapSettings>,
    pub api: ApiSettings,
    /// The council's own mail domains, lower case, the domain of `mail_from` first.
    pub own_domains: Vec<Arc<str>>,
    pub limits: Limits,
    /// Whether administrators must sign in with a second step (true in `serve`).
    pub admin_second_step: bool,
}

impl Council {
    /// A council with the default addresses, for tests and the demo.
    pub fn new(name: &str, prefix: Prefix) -> Self {
        Council {
            name: name.into(),
            prefix,
            public_url: "http://127.0.0.1:8080".into(),
            mail_from: "contact@kingsmead.example".into(),
            mail_service: "general".into(),
            map: None,
            api: ApiSettings::default(),
            own_domains: vec!["kingsmead.example".into()],
            limits: Limits::default(),
            // The demo's and tests' shortcut; `serve` asks for it unless told not to.
            admin_second_step: false,
        }
    }

    /// Whether an address is one of the council's own: of its mail domains or their
    /// subdomains.
    pub fn is_own_address(&self, address: &str) -> bool {
        let Some((_, domain)) = address.trim().rsplit_once('@') else { return false };
        let domain = domain.trim_end_matches('>').trim_end_matches('.').to_ascii_lowercase();
        self.own_domains
            .iter()
            .any(|own| domain == **own || domain.strip_suffix(&**own).is_some_and(|rest| rest.ends_with('.')))
    }

    /// Whether pages are served over https, so every response carries HSTS.
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The domain of our own mail, used in every Message-ID we make.
    pub fn mail_domain(&self) -> &str {
        self.mail_from.rsplit_once('@').map_or("frontdoor.invalid", |(_, domain)| domain)
    }
}

impl TryFrom<&CouncilArgs> for Council {
    type Error = anyhow::Error;

    fn try_from(args: &CouncilArgs) -> anyhow::Result<Self> {
        let mail_from = args.mail_from.trim().to_lowercase();
        if !crate::intake::is_email(&mail_from) {
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
