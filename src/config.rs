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
}

/// The web listener.
#[derive(Debug, Clone, clap::Args)]
pub struct ListenArgs {
    /// Address and port for the web server.
    #[arg(long, env = "FRONTDOOR_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
}

/// Everything pages need to know about the council.
#[derive(Debug, Clone)]
pub struct Council {
    pub name: Arc<str>,
    pub prefix: Prefix,
}

impl From<&CouncilArgs> for Council {
    fn from(args: &CouncilArgs) -> Self {
        Council { name: args.council_name.trim().into(), prefix: args.ref_prefix.clone() }
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
