//! Sending what is due: the `webhooks` job.

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::json;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

use crate::config::Council;
use crate::db::Db;
use crate::db::now_ms;
use crate::webhooks::Target;
use crate::webhooks::db::{self, Due};

/// How long one attempt may take, from looking the host up to the status line, unless a
/// quarter of the job's lease is shorter.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
/// How many deliveries are attempted at once.
const BATCH: i64 = 16;
/// How long one run of the job goes on before it lets other jobs have a turn, unless a
/// quarter of the job's lease is shorter.
const RUN_FOR: Duration = Duration::from_secs(60);
/// The longest a run waits before looking again, whatever is pending.
const LOOK_AGAIN_MS: i64 = 60_000;

/// The addresses to connect to: every one the host resolves to, each checked.
async fn resolve(target: &Target, allow_private: bool) -> Result<Vec<SocketAddr>, String> {
    let found: Vec<SocketAddr> = match target.literal_ip() {
        Some(ip) => vec![SocketAddr::new(ip, target.port)],
        None => tokio::net::lookup_host((target.host.as_str(), target.port))
            .await
            .map_err(|err| format!("could not look up {}: {err}", target.host))?
            .collect(),
    };
    if found.is_empty() {
        return Err(format!("{} has no address", target.host));
    }
    if !allow_private && let Some(private) = found.iter().find(|a| crate::webhooks::is_private(a.ip())) {
        return Err(format!("{} is a private address, which webhooks are not sent to", private.ip()));
    }
    Ok(found)
}

fn tls_config() -> Arc<tokio_rustls::rustls::ClientConfig> {
    static CONFIG: OnceLock<Arc<tokio_rustls::rustls::ClientConfig>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let roots = tokio_rustls::rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
            let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
            let config = tokio_rustls::rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map(|b| b.with_root_certificates(roots).with_no_client_auth());
            Arc::new(config.unwrap_or_else(|_| unreachable!("ring supports the default protocol versions")))
        })
        .clone()
}

async fn send<S>(
    stream: S,
    request: hyper::Request<Full<Bytes>>,
) -> Result<hyper::Response<hyper::body::Incoming>, String>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.map_err(|err| err.to_string())?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    sender.send_request(request).await.map_err(|err| err.to_string())
}

/// Posts a body to the target: `Ok` for a 2xx answer, and anything else is an error to
/// record (a redirect included, which is never followed).
pub async fn post(
    target: &Target,
    headers: &[(&str, String)],
    body: Vec<u8>,
    allow_private: bool,
) -> Result<u16, String> {
    let addresses = resolve(target, allow_private).await?;
    let body = Bytes::from(body);
    let build = || {
        let mut request = hyper::Request::post(target.path())
            .header("host", target.authority())
            .header("content-type", "application/json")
            .header("user-agent", concat!("frontdoor/", env!("CARGO_PKG_VERSION")));
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        request.body(Full::new(body.clone())).map_err(|err| err.to_string())
    };
    let mut last = String::new();
    for address in addresses {
        let request = build()?;
        let stream = match TcpStream::connect(address).await {
            Ok(stream) => stream,
            Err(err) => {
                last = format!("could not connect to {address}: {err}");
                continue;
            }
        };
        let response = if target.tls {
            let name = tokio_rustls::rustls::pki_types::ServerName::try_from(target.host.clone())
                .map_err(|_| format!("{} is not a name a certificate can have", target.host))?;
            let connector = tokio_rustls::TlsConnector::from(tls_config());
            let stream = connector.connect(name, stream).await.map_err(|err| format!("TLS: {err}"))?;
            send(stream, request).await?
        } else {
            send(stream, request).await?
        };
        let status = response.status();
        // Read a little of the answer, so the connection closes cleanly; never all of it.
        let _ = tokio::time::timeout(Duration::from_secs(1), response.into_body().frame()).await;
        if status.is_success() {
            return Ok(status.as_u16());
        }
        if status.is_redirection() {
            return Err(format!("answered {status}: redirects are never followed"));
        }
        return Err(format!("answered {status}"));
    }
    Err(last)
}

/// The body of one delivery: Standard Webhooks' `type`, `timestamp` and `data`.
async fn body(db: &Db, council: &Council, due: &Due) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let Some(event) = crate::api::feed::one(db.reader(), &council.prefix, due.event_id).await? else {
        return Ok(None);
    };
    let payload = json!({
        "type": format!("case.{}", event.kind),
        "timestamp": event.at,
        "data": event,
    });
    Ok(Some(payload.to_string().into_bytes()))
}

async fn attempt(db: &Db, council: &Council, due: &Due, timeout: Duration) -> Result<Result<u16, String>, sqlx::Error> {
    let Some(body) = body(db, council, due).await? else {
        return Ok(Err("the event is no longer there".to_owned()));
    };
    let target = match Target::parse(&due.url) {
        Ok(target) => target,
        Err(why) => return Ok(Err(why)),
    };
    let id = format!("msg_{}", due.id);
    let timestamp = now_ms() / 1000;
    let signature = crate::webhooks::sign(&due.secret, &id, timestamp, &body);
    let headers = [("webhook-id", id), ("webhook-timestamp", timestamp.to_string()), ("webhook-signature", signature)];
    let allow = council.api.webhook_allow_private;
    Ok(match tokio::time::timeout(timeout, post(&target, &headers, body, allow)).await {
        Ok(result) => result,
        Err(_) => Err(format!("no answer within {:.1} seconds", timeout.as_secs_f64())),
    })
}

/// Sends what is due at `now`, a batch at a time, heads of each case's line first.
/// Returns when the job should look again.
///
/// A run ends well inside `lease`, the time this node holds the job: it starts no batch
/// after a quarter of it, and no attempt lasts longer than a quarter, so the last batch
/// ends by about half. Another node takes the job only when the lease runs out, so two
/// nodes never send the same deliveries at once, whatever lease a council sets.
pub async fn run(db: &Db, council: &Council, lease: Duration, now: i64) -> anyhow::Result<Option<i64>> {
    let started = Instant::now();
    let run_for = RUN_FOR.min(lease / 4);
    let timeout = ATTEMPT_TIMEOUT.min(lease / 4);
    let pool = db.writer();
    loop {
        let batch = db::due(pool, now, BATCH).await?;
        if batch.is_empty() {
            break;
        }
        let results = futures_util::future::join_all(batch.iter().map(|due| attempt(db, council, due, timeout))).await;
        for (due, result) in batch.iter().zip(results) {
            match result? {
                Ok(_) => db::delivered(pool, due.id, now_ms()).await?,
                Err(why) => {
                    tracing::warn!(delivery = due.id, attempts = due.attempts + 1, error = %why, "webhook not delivered");
                    db::failed(pool, due, &why, now).await?;
                    crate::measure::webhook_failed();
                }
            }
        }
        if started.elapsed() > run_for {
            return Ok(Some(now));
        }
    }
    let next = db::next_due(pool).await?.unwrap_or(now + LOOK_AGAIN_MS);
    Ok(Some(next.clamp(now, now + LOOK_AGAIN_MS)))
}
