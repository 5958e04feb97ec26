//! Closed-loop load over HTTP/1.1 on loopback. Each client keeps one connection and
//! sends its next request when the last answer has been read in full, until the run has
//! sent its number of requests or used its time, whichever comes first. Each request says
//! it accepts gzip, as browsers do: the answers kept compressed (the performance data files)
//! come so, and are timed as sent, not unpacked.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request, StatusCode, header};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// One request to send.
pub struct Call {
    pub method: Method,
    pub path: String,
    pub cookie: Option<String>,
    /// A URL-encoded form, for POSTs.
    pub form: Option<String>,
    /// An API key, sent as `Authorization: Bearer`.
    pub bearer: Option<String>,
}

impl Call {
    pub fn get(path: impl Into<String>, cookie: Option<&str>) -> Call {
        Call { method: Method::GET, path: path.into(), cookie: cookie.map(str::to_owned), form: None, bearer: None }
    }

    /// A GET of the JSON API with a key.
    pub fn api(path: impl Into<String>, key: &str) -> Call {
        Call { bearer: Some(key.to_owned()), ..Call::get(path, None) }
    }
}

/// Makes a run's requests, each from its sequence number.
pub type Calls = Arc<dyn Fn(usize) -> Call + Send + Sync>;

/// How long a run may go on.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub requests: usize,
    pub time: Duration,
}

/// What a run measured.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub clients: usize,
    /// Latencies of the answers that had the expected status, sorted.
    pub latencies: Vec<Duration>,
    pub elapsed: Duration,
    pub failed: usize,
    pub first_failure: Option<String>,
}

impl Outcome {
    /// Answers with the expected status a second.
    pub fn throughput(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// The nearest-rank percentile, in milliseconds.
    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies[rank.clamp(1, self.latencies.len()) - 1].as_secs_f64() * 1000.0
    }
}

/// Runs `clients` clients against `addr`, each request made by `call` from its sequence
/// number, until `limit`. An answer other than `expect` counts as a failure.
pub async fn run(
    addr: SocketAddr,
    clients: usize,
    limit: Limit,
    expect: StatusCode,
    call: Calls,
) -> anyhow::Result<Outcome> {
    let next = Arc::new(AtomicUsize::new(0));
    let began = Instant::now();
    let mut tasks = Vec::with_capacity(clients);
    for _ in 0..clients {
        let (next, call) = (next.clone(), call.clone());
        tasks.push(tokio::spawn(async move { client(addr, limit, began, expect, &next, &*call).await }));
    }
    let mut outcome =
        Outcome { clients, latencies: Vec::new(), elapsed: Duration::ZERO, failed: 0, first_failure: None };
    for task in tasks {
        let (latencies, failed, failure) = task.await.context("a load client stopped")??;
        outcome.latencies.extend(latencies);
        outcome.failed += failed;
        outcome.first_failure = outcome.first_failure.or(failure);
    }
    outcome.elapsed = began.elapsed();
    outcome.latencies.sort();
    Ok(outcome)
}

type ClientResult = anyhow::Result<(Vec<Duration>, usize, Option<String>)>;

async fn client(
    addr: SocketAddr,
    limit: Limit,
    began: Instant,
    expect: StatusCode,
    next: &AtomicUsize,
    call: &(dyn Fn(usize) -> Call + Send + Sync),
) -> ClientResult {
    let mut latencies = Vec::new();
    let (mut failed, mut failure) = (0, None);
    let mut sender = connect(addr).await?;
    loop {
        let seq = next.fetch_add(1, Ordering::Relaxed);
        if seq >= limit.requests || began.elapsed() >= limit.time {
            break;
        }
        let c = call(seq);
        // As every browser does: an answer kept compressed (the data files) comes so.
        let mut request = Request::builder()
            .method(c.method)
            .uri(&c.path)
            .header(header::HOST, addr.to_string())
            .header(header::ACCEPT_ENCODING, "gzip, deflate, br, zstd");
        if let Some(key) = &c.bearer {
            request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
        }
        if let Some(cookie) = &c.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let body = match c.form {
            Some(form) => {
                request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                Bytes::from(form)
            }
            None => Bytes::new(),
        };
        let request = request.body(Full::new(body))?;
        if sender.ready().await.is_err() {
            sender = connect(addr).await?;
        }
        let sent = Instant::now();
        match sender.send_request(request).await {
            Ok(response) => {
                let status = response.status();
                let read = response.into_body().collect().await;
                let took = sent.elapsed();
                match read {
                    Ok(_) if status == expect => latencies.push(took),
                    Ok(_) => {
                        failed += 1;
                        failure.get_or_insert_with(|| format!("{} answered {status}", c.path));
                    }
                    Err(err) => {
                        failed += 1;
                        failure.get_or_insert_with(|| format!("{}: {err}", c.path));
                    }
                }
            }
            Err(err) => {
                failed += 1;
                failure.get_or_insert_with(|| format!("{}: {err}", c.path));
                sender = connect(addr).await?;
            }
        }
    }
    Ok((latencies, failed, failure))
}

async fn connect(addr: SocketAddr) -> anyhow::Result<hyper::client::conn::http1::SendRequest<Full<Bytes>>> {
    let stream = TcpStream::connect(addr).await.with_context(|| format!("could not connect to {addr}"))?;
    stream.set_nodelay(true)?;
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(sender)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let latencies = (1..=100).map(Duration::from_millis).collect();
        let o = Outcome { clients: 1, latencies, elapsed: Duration::from_secs(2), failed: 0, first_failure: None };
        assert_eq!((o.percentile_ms(50.0), o.percentile_ms(90.0), o.percentile_ms(99.0)), (50.0, 90.0, 99.0));
        assert!((o.throughput() - 50.0).abs() < 1e-9, "{}", o.throughput());
    }
}
