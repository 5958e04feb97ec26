//! Prometheus metrics (`--metrics-listen`): the recorder, the time of every request, and
//! the endpoint on a listener of its own. The public port never serves `/metrics`: the
//! figures describe the council's backlog, which is for its operators.
//!
//! What is counted, and why each label is safe, is in `measure.rs`.

use std::sync::OnceLock;
use std::time::Instant;

use anyhow::Context;
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::db::{Db, now_ms};
use crate::measure;

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the process's recorder, once; later calls get the same handle.
pub fn install() -> anyhow::Result<PrometheusHandle> {
    if let Some(handle) = HANDLE.get() {
        return Ok(handle.clone());
    }
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(measure::HTTP_DURATION.to_owned()), measure::HTTP_BUCKETS)
        .context("the request histogram's buckets")?
        .install_recorder()
        .context("could not start the metrics recorder")?;
    measure::describe();
    Ok(HANDLE.get_or_init(|| handle).clone())
}

/// Times a request under its route's template (`/cases/{reference}`, never the path as
/// sent), its method and its status class.
pub async fn record(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = measure::method_label(request.method().as_str());
    let route = request.extensions().get::<MatchedPath>().map_or("(no route)", MatchedPath::as_str).to_owned();
    let response = next.run(request).await;
    let status = measure::status_class(response.status().as_u16());
    metrics::histogram!(measure::HTTP_DURATION, "method" => method, "route" => route, "status" => status)
        .record(started.elapsed().as_secs_f64());
    response
}

#[derive(Clone)]
struct Metrics {
    handle: PrometheusHandle,
    db: Db,
}

/// Serves `GET /metrics` on its own listener until `shutdown`.
pub async fn serve(
    listener: TcpListener,
    handle: PrometheusHandle,
    db: Db,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    let app = Router::new().route("/metrics", get(scrape)).with_state(Metrics { handle, db });
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await
        .context("the metrics listener stopped")
}

/// The figures as Prometheus reads them. The database's backlogs are read now, so every
/// scrape is current; if the database cannot be read they are left out, the scrape still
/// answers, and the pools' figures show why.
async fn scrape(State(metrics): State<Metrics>) -> Response {
    let now = now_ms();
    match metrics.db.backlog(now).await {
        Ok(backlog) => {
            // Every channel, so one that has emptied reads 0 rather than its last count.
            use crate::outbox::OutChannel;
            for channel in [OutChannel::Email, OutChannel::Letter, OutChannel::Phone] {
                let count = backlog.outbox_pending.iter().find(|(c, _)| c == channel.as_str()).map_or(0, |(_, n)| *n);
                metrics::gauge!(measure::OUTBOX_PENDING, "channel" => channel.as_str()).set(count as f64);
            }
            metrics::gauge!(measure::JOBS_DUE).set(backlog.jobs_due as f64);
            let waited = backlog.oldest_due_at.map_or(0, |at| (now - at).max(0));
            metrics::gauge!(measure::JOBS_OLDEST_DUE).set(waited as f64 / 1000.0);
            metrics::gauge!(measure::MAIL_QUARANTINED).set(backlog.mail_quarantined as f64);
        }
        Err(err) => tracing::warn!(error = %err, "the metrics could not read the queues"),
    }
    for pool in metrics.db.pools() {
        let busy = pool.open.saturating_sub(pool.idle);
        metrics::gauge!(measure::POOL_CONNECTIONS, "pool" => pool.name, "state" => "busy").set(f64::from(busy));
        metrics::gauge!(measure::POOL_CONNECTIONS, "pool" => pool.name, "state" => "idle").set(f64::from(pool.idle));
        metrics::gauge!(measure::POOL_MAX, "pool" => pool.name).set(f64::from(pool.max));
    }
    metrics.handle.run_upkeep();
    let body = metrics.handle.render();
    ([(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"))], body)
        .into_response()
}
