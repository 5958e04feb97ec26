//! The SMTP listener the council's mail server relays into.
//!
//! `mailin` runs the protocol; this file does the I/O. A message is stored with its job
//! before the listener answers 250, so once the sender hears 250 the mail survives a
//! crash and is read when the server is back. A store that fails gets 451 (try again
//! later), and mail over the size cap gets 552. The listener takes no login and offers
//! no TLS: it is for the council's own mail server on its own network, like any relay
//! hop, and should be firewalled so (`FRONTDOOR_SMTP_LISTEN` defaults to loopback).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use mailin::{Action, Handler, Response, SessionBuilder, response};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use super::Inbound;
use crate::db::{Db, now_ms};

/// RFC 5321 asks servers to wait 5 minutes for a command and 10 for data; one limit
/// for both keeps it simple.
const IDLE: Duration = Duration::from_secs(300);
const MAX_LINE: u64 = 64 * 1024;
const MAX_RECIPIENTS: usize = 100;
const MAX_CONNECTIONS: usize = 256;

/// Binds the listener, with a clear message if the address is taken.
pub async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr).await.with_context(|| format!("could not listen for mail on {addr}"))
}

/// Accepts connections until `shutdown`. Each session runs on its own task.
pub async fn serve(listener: TcpListener, db: Db, max_bytes: usize, name: String, shutdown: CancellationToken) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
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
        let Ok(permit) = slots.clone().try_acquire_owned() else {
            tokio::spawn(async move {
                let mut stream = stream;
                let _ = stream.write_all(b"421 4.3.2 Too many connections; try again later\r\n").await;
            });
            continue;
        };
        let (db, name) = (db.clone(), name.clone());
        tokio::spawn(async move {
            if let Err(err) = session(stream, peer, &db, max_bytes, &name).await {
                tracing::debug!(%peer, error = %err, "SMTP session ended");
            }
            drop(permit);
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
    /// Set by `data_end`: what the end of the data must be answered with.
    finished: Option<Finished>,
}

#[derive(Debug)]
enum Finished {
    Message { from: String, to: Vec<String>, raw: Vec<u8> },
    TooBig,
}

struct Collector {
    envelope: Arc<Mutex<Envelope>>,
    max_bytes: usize,
}

impl Collector {
    fn envelope(&self) -> std::sync::MutexGuard<'_, Envelope> {
        self.envelope.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Handler for Collector {
    fn mail(&mut self, _ip: std::net::IpAddr, _domain: &str, from: &str) -> Response {
        let mut e = self.envelope();
        *e = Envelope { from: from.to_owned(), ..Envelope::default() };
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
        let max = self.max_bytes;
        let mut e = self.envelope();
        if e.oversize || e.data.len() + buf.len() > max {
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
        let mut e = self.envelope();
        let finished = if std::mem::take(&mut e.oversize) {
            Finished::TooBig
        } else {
            let (from, to, raw) = (std::mem::take(&mut e.from), std::mem::take(&mut e.to), std::mem::take(&mut e.data));
            Finished::Message { from, to, raw }
        };
        e.finished = Some(finished);
        response::OK
    }
}

async fn session(stream: TcpStream, peer: SocketAddr, db: &Db, max_bytes: usize, name: &str) -> anyhow::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    let envelope = Arc::new(Mutex::new(Envelope::default()));
    let handler = Collector { envelope: envelope.clone(), max_bytes };
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
        let reply = smtp.process(&line);
        let finished = envelope.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).finished.take();
        if let Some(Finished::TooBig) = finished {
            let answer = format!("552 5.3.4 The message is larger than the {max_bytes} bytes we accept\r\n");
            write.write_all(answer.as_bytes()).await?;
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
            let answer = match super::db::store(db, &inbound, now_ms()).await {
                Ok(id) => format!("250 2.0.0 Stored as message {id}\r\n"),
                Err(err) => {
                    tracing::error!(error = %err, "could not store a message; the sender will try again");
                    "451 4.3.0 We could not store the message; try again later\r\n".to_owned()
                }
            };
            write.write_all(answer.as_bytes()).await?;
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

/// One line, or at most `MAX_LINE` bytes of one: a longer line comes in pieces rather
/// than in unbounded memory.
async fn read_line<R: AsyncRead + Unpin>(reader: &mut BufReader<R>, line: &mut Vec<u8>) -> std::io::Result<usize> {
    reader.take(MAX_LINE).read_until(b'\n', line).await
}
