//! The SMTP listener the council's mail server relays into.
//!
//! `mailin` runs the protocol; this file does the I/O. A message is stored with its job
//! before the listener answers 250, so once the sender hears 250 the mail survives a
//! crash and is read when the server is back. A store that fails gets 451 (try again
//! later), and mail over the size cap gets 552. The listener takes no login and offers
//! no TLS: it is for the council's own mail server on its own network, like any relay
//! hop, and should be firewalled so (`FRONTDOOR_SMTP_LISTEN` defaults to loopback).
//!
//! Bounces come from the null reverse-path (`MAIL FROM:<>`), which RFC 5321 (4.5.5)
//! requires a server to accept; `mailin` cannot parse it, so the line is handed to it
//! with a placeholder address and the envelope keeps the empty path.
//!
//! Nobody can hold the listener: each client address may have [`Limits::per_client`]
//! connections, each connection ends after [`Limits::session`] whatever it does (an idle
//! timer alone is reset by every line), and the bytes of messages being received, all
//! connections together, stay under [`Limits::held_bytes`] (past it, 452: try later).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use mailin::{Action, Handler, Response, SessionBuilder, response};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use crate::db::{Db, now_ms};
use crate::mail::Inbound;

/// RFC 5321 asks servers to wait 5 minutes for a command and 10 for data; one limit
/// for both keeps it simple.
const IDLE: Duration = Duration::from_secs(300);
const MAX_LINE: u64 = 64 * 1024;
const MAX_RECIPIENTS: usize = 100;
const MAX_CONNECTIONS: usize = 256;
/// What `mailin` is given for the null reverse-path; never stored.
const NULL_SENDER: &str = "null-sender@frontdoor.invalid";

/// What one listener allows, so that no client can hold it.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest message, in bytes; larger mail is refused with 552.
    pub max_bytes: usize,
    /// Connections at once from one client address.
    pub per_client: usize,
    /// How long one connection may last, whatever it sends.
    pub session: Duration,
    /// Bytes of messages being received, all connections together.
    pub held_bytes: usize,
}

impl Limits {
    /// The defaults for a message cap: 20 connections a client, 30 minutes a connection
    /// (RFC 5321 allows 10 for the data alone), and four messages' worth of bytes held,
    /// at least 256 MiB.
    pub fn new(max_bytes: usize) -> Self {
        Limits {
            max_bytes,
            per_client: 20,
            session: Duration::from_secs(30 * 60),
            held_bytes: (max_bytes.saturating_mul(4)).max(256 * 1024 * 1024),
        }
    }
}

/// Connections open per client address, and bytes held by all.
#[derive(Debug, Default)]
struct Counts {
    per_client: Mutex<HashMap<IpAddr, usize>>,
    held: AtomicUsize,
}

/// One client address's place, given back when the connection ends.
struct Place {
    counts: Arc<Counts>,
    ip: IpAddr,
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut open = self.counts.per_client.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(n) = open.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

impl Counts {
    fn take_place(self: &Arc<Self>, ip: IpAddr, limit: usize) -> Option<Place> {
        let mut open = self.per_client.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let n = open.entry(ip).or_insert(0);
        if *n >= limit {
            return None;
        }
        *n += 1;
        Some(Place { counts: self.clone(), ip })
    }
}

/// Binds the listener, with a clear message if the address is taken.
pub async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr).await.with_context(|| format!("could not listen for mail on {addr}"))
}

/// Accepts connections until `shutdown`, with the default [`Limits`] for `max_bytes`.
pub async fn serve(listener: TcpListener, db: Db, max_bytes: usize, name: String, shutdown: CancellationToken) {
    serve_with(listener, db, Limits::new(max_bytes), name, shutdown).await;
}

/// Accepts connections until `shutdown`. Each session runs on its own task.
pub async fn serve_with(listener: TcpListener, db: Db, limits: Limits, name: String, shutdown: CancellationToken) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let counts = Arc::new(Counts::default());
    let name: Arc<str> = name.into();
    loop {
        let accepted = tokio::select! {
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => accepted,
        };
        let (stream, peer) = match accepted {
            Ok(pair) => pair,
            Err(err) => {
                tracing::warn!(error = %err, "could not accept an SMTP connection");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let place = counts.take_place(peer.ip(), limits.per_client);
        let (Ok(permit), Some(place)) = (slots.clone().try_acquire_owned(), place) else {
            tokio::spawn(async move {
                let mut stream = stream;
                let _ = stream.write_all(b"421 4.3.2 Too many connections; try again later\r\n").await;
            });
            continue;
        };
        let (db, name, counts) = (db.clone(), name.clone(), counts.clone());
        tokio::spawn(async move {
            let ended = tokio::time::timeout(limits.session, session(stream, peer, &db, limits, counts, &name)).await;
            match ended {
                Ok(Err(err)) => tracing::debug!(error = %err, "SMTP session ended"),
                Err(_) => tracing::debug!("SMTP session ended: it lasted too long"),
                Ok(Ok(())) => {}
            }
            drop((permit, place));
        });
    }
    tracing::info!("SMTP listener stopped");
}

/// The envelope and data of the message in progress, shared with the handler.
#[derive(Debug, Default)]
struct Envelope {
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
    oversize: bool,
    /// The listener holds more than it may: this message is refused with 452.
    busy: bool,
    /// Bytes counted in the listener's total for this message.
    held: usize,
    /// Set by `data_end`: what the end of the data must be answered with.
    finished: Option<Finished>,
}

#[derive(Debug)]
enum Finished {
    Message {
        from: String,
        to: Vec<String>,
        raw: Vec<u8>,
    },
    TooBig,
    /// The listener holds as many bytes as it may: try again later.
    Busy,
}

/// Gives back, when the connection ends, the bytes its unfinished message held.
struct Release {
    counts: Arc<Counts>,
    envelope: Arc<Mutex<Envelope>>,
}

impl Release {
    /// Gives back the bytes held so far (the message is done).
    fn now(&self) {
        let held = std::mem::take(&mut self.envelope.lock().unwrap_or_else(std::sync::PoisonError::into_inner).held);
        self.counts.held.fetch_sub(held, Ordering::AcqRel);
    }
}

impl Drop for Release {
    fn drop(&mut self) {
        self.now();
    }
}

struct Collector {
    envelope: Arc<Mutex<Envelope>>,
    limits: Limits,
    counts: Arc<Counts>,
}

impl Collector {
    fn envelope(&self) -> std::sync::MutexGuard<'_, Envelope> {
        self.envelope.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Handler for Collector {
    fn mail(&mut self, _ip: std::net::IpAddr, _domain: &str, from: &str) -> Response {
        let from = if from == NULL_SENDER { "" } else { from };
        let mut e = self.envelope();
        let held = e.held;
        *e = Envelope { from: from.to_owned(), held, ..Envelope::default() };
        response::OK
    }

    fn rcpt(&mut self, to: &str) -> Response {
        let mut e = self.envelope();
        if e.to.len() >= MAX_RECIPIENTS {
            return Response::custom(452, "4.5.3 Too many recipients".into());
        }
        e.to.push(to.to_owned());
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        let (max, limit) = (self.limits.max_bytes, self.limits.held_bytes);
        let mut e = self.envelope.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let keep = !e.busy && !e.oversize && e.data.len() + buf.len() <= max;
        let taken = keep
            && self
                .counts
                .held
                .fetch_update(Ordering::AcqRel, Ordering::Acquire, |held| {
                    (held + buf.len() <= limit).then_some(held + buf.len())
                })
                .is_ok();
        if taken {
            e.held += buf.len();
        } else if keep {
            e.busy = true;
        }
        if e.busy {
            e.data = Vec::new();
        } else if e.oversize || e.data.len() + buf.len() > max {
            // Keep reading to the end so the client hears the 552, but keep nothing.
            e.oversize = true;
            e.data = Vec::new();
        } else {
            e.data.extend_from_slice(buf);
        }
        Ok(())
    }

    // Always OK to mailin, which otherwise stays in its data state after an error; the
    // session answers from `finished` instead (250 once stored, or 552).
    fn data_end(&mut self) -> Response {
        let mut e = self.envelope.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let finished = if std::mem::take(&mut e.busy) {
            e.oversize = false;
            e.data = Vec::new();
            Finished::Busy
        } else if std::mem::take(&mut e.oversize) {
            Finished::TooBig
        } else {
            let (from, to, raw) = (std::mem::take(&mut e.from), std::mem::take(&mut e.to), std::mem::take(&mut e.data));
            Finished::Message { from, to, raw }
        };
        e.finished = Some(finished);
        response::OK
    }
}

async fn session(
    stream: TcpStream,
    peer: SocketAddr,
    db: &Db,
    limits: Limits,
    counts: Arc<Counts>,
    name: &str,
) -> anyhow::Result<()> {
    let max_bytes = limits.max_bytes;
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    let envelope = Arc::new(Mutex::new(Envelope::default()));
    let release = Release { counts: counts.clone(), envelope: envelope.clone() };
    let handler = Collector { envelope: envelope.clone(), limits, counts };
    let mut smtp = SessionBuilder::new(name).build(peer.ip(), handler);
    write.write_all(&smtp.greeting().buffer()?).await?;
    let peer_text = peer.to_string();
    let mut line = Vec::with_capacity(1024);
    loop {
        line.clear();
        let read = tokio::time::timeout(IDLE, read_line(&mut reader, &mut line)).await;
        match read {
            Err(_) => {
                write.write_all(b"421 4.4.2 Idle for too long; closing\r\n").await?;
                return Ok(());
            }
            Ok(Err(err)) => return Err(err.into()),
            Ok(Ok(0)) => return Ok(()),
            Ok(Ok(_)) => {}
        }
        let reply = match null_sender(&line) {
            Some(placeholder) => smtp.process(&placeholder),
            None => smtp.process(&line),
        };
        let finished = envelope.lock().unwrap_or_else(std::sync::PoisonError::into_inner).finished.take();
        if let Some(Finished::Busy) = finished {
            write.write_all(b"452 4.3.1 We are receiving too much mail at once; try again later\r\n").await?;
            release.now();
            continue;
        }
        if let Some(Finished::TooBig) = finished {
            let answer = format!("552 5.3.4 The message is larger than the {max_bytes} bytes we accept\r\n");
            write.write_all(answer.as_bytes()).await?;
            release.now();
            continue;
        }
        if let Some(Finished::Message { from, to, raw }) = finished {
            let to = to.join(", ");
            let inbound = Inbound {
                source: "smtp",
                peer: &peer_text,
                envelope_from: Some(&from),
                envelope_to: Some(&to),
                raw: &raw,
            };
            let answer = match crate::mail::db::store(db, &inbound, now_ms()).await {
                Ok(id) => format!("250 2.0.0 Stored as message {id}\r\n"),
                Err(err) => {
                    tracing::error!(error = %err, "could not store a message; the sender will try again");
                    "451 4.3.0 We could not store the message; try again later\r\n".to_owned()
                }
            };
            write.write_all(answer.as_bytes()).await?;
            release.now();
            continue;
        }
        match reply.action {
            Action::Reply => write.write_all(&reply.buffer()?).await?,
            Action::Close => {
                write.write_all(&reply.buffer()?).await?;
                return Ok(());
            }
            Action::UpgradeTls => write.write_all(b"454 4.7.0 TLS is not available here\r\n").await?,
            Action::NoReply => {}
        }
    }
}

/// A `MAIL FROM:<>` line (any case, with or without parameters) rewritten with the
/// placeholder `mailin` can parse; `None` for any other line.
fn null_sender(line: &[u8]) -> Option<Vec<u8>> {
    const COMMAND: &[u8] = b"MAIL FROM:<>";
    if line.len() < COMMAND.len() || !line[..COMMAND.len()].eq_ignore_ascii_case(COMMAND) {
        return None;
    }
    let mut rewritten = format!("MAIL FROM:<{NULL_SENDER}>").into_bytes();
    rewritten.extend_from_slice(&line[COMMAND.len()..]);
    Some(rewritten)
}

/// One line, or at most `MAX_LINE` bytes of one: a longer line comes in pieces rather
/// than in unbounded memory.
async fn read_line<R: AsyncRead + Unpin>(reader: &mut BufReader<R>, line: &mut Vec<u8>) -> std::io::Result<usize> {
    reader.take(MAX_LINE).read_until(b'\n', line).await
}
