//! The settings every part reads: who the council is, its limits and its map. Plain
//! data, validated once by `cli::args` from flags and `FRONTDOOR_*` variables (and made
//! directly by the demo and tests). Foundation: it imports nothing but references, the
//! secret key type and, to read a migrated database's keys, the database handle.

use std::sync::Arc;

use crate::crypto::SecretKey;
use crate::reference::Prefix;

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
    /// The installation's key that signs links to cases (`site_keys`), once read from a
    /// migrated database ([`Council::keyed_for`]). Without it, each signing reads the
    /// key from the database.
    pub case_links: Option<SecretKey>,
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
            case_links: None,
        }
    }

    /// The same council with the keys of a migrated database: references derived under
    /// the installation's key (`reference.rs`), and links to cases signed with its key,
    /// held here so that making a case does not read it.
    pub fn keyed_for(self, db: &crate::db::Db) -> Self {
        let prefix = self.prefix.keyed_for(db);
        let case_links = db.site_key("case_links").and_then(SecretKey::from_hex);
        Council { prefix, case_links, ..self }
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
