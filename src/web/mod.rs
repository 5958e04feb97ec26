//! The HTTP edge. Handlers parse input, call the domain and render; no SQL lives here.

pub mod api;
pub mod assets;
pub mod auth;
pub mod client;
pub mod compress;
pub mod cookies;
pub mod error;
pub mod health;
pub mod i18n;
pub mod limits;
pub mod metrics;
pub mod open311;
pub mod pages;
mod router;
mod state;

pub use router::router;
pub use state::AppState;

use std::net::SocketAddr;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// Binds the listener, with a clear message if the address is taken or not ours.
pub async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr).await.with_context(|| format!("could not listen on {addr}"))
}

/// Serves until ctrl-c, SIGTERM or `shutdown`, then finishes requests in flight.
/// A signal cancels `shutdown`, so the job runner stops too.
pub async fn serve(listener: TcpListener, state: AppState, shutdown: CancellationToken) -> anyhow::Result<()> {
    let token = shutdown.clone();
    tokio::spawn(async move {
        tokio::select! {
            () = shutdown_signal() => token.cancel(),
            () = token.cancelled() => {}
        }
    });
    // The peer address goes with each request, for the limits per client (`client.rs`).
    axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await
        .context("the web server stopped")
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}

/// Percent-encodes text for a query string value.
pub fn query_escape(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
