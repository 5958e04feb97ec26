//! The server under test: `frontdoor serve` as a child process, so its memory is its
//! own and the load comes from another process over loopback.

use std::net::SocketAddr;
use std::path::Path;
use std::process::Stdio;

use anyhow::{Context, bail};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
}

impl Server {
    /// Starts this binary's `serve` on `database_url`, on free loopback ports, writing
    /// mail into `dir`. Resolves once it is listening.
    pub async fn start(database_url: &str, dir: &Path) -> anyhow::Result<Server> {
        let exe = std::env::current_exe().context("could not find this program to start the server")?;
        let mut child = Command::new(exe)
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--smtp-listen",
                "127.0.0.1:0",
                "--api-rate-limit",
                "0",
                // Every client is on loopback, one address: the per-address limit on form
                // posts would answer most of them 429.
                "--form-posts-per-minute",
                "0",
                "--mail-dir",
            ])
            .arg(dir.join("mail-out"))
            .env("FRONTDOOR_DATABASE_URL", database_url)
            .env("FRONTDOOR_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .context("could not start frontdoor serve")?;
        let stdout = child.stdout.take().context("no output from frontdoor serve")?;
        let mut lines = BufReader::new(stdout).lines();
        while let Some(line) = lines.next_line().await? {
            if let Some(rest) = line.strip_prefix("frontdoor is listening on http://") {
                let addr = rest.trim_end_matches('/').parse().context("the server printed an odd address")?;
                // Keep reading what it prints, so it never blocks on a full pipe.
                tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
                return Ok(Server { child, addr });
            }
        }
        bail!("frontdoor serve stopped before it listened")
    }

    /// Resident memory now and at its highest, in MiB, from /proc.
    pub fn memory_mib(&self) -> Option<(f64, f64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()?)).ok()?;
        let field = |name: &str| {
            let line = status.lines().find(|l| l.starts_with(name))?;
            let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kib / 1024.0)
        };
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }

    /// Asks the server to stop as ctrl-c would, and waits for it.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(pid) = self.child.id() {
            // SIGTERM: the server finishes what it is doing and closes the database.
            let _ = Command::new("kill").arg("-TERM").arg(pid.to_string()).status().await;
        }
        let waited = tokio::time::timeout(std::time::Duration::from_secs(30), self.child.wait()).await;
        if waited.is_err() {
            self.child.kill().await?;
        }
        Ok(())
    }
}
