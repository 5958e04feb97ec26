//! Delivering one outbox message, as a job.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, Message, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sqlx::AnyConnection;

use crate::cases::db::NewEvent;
use crate::cases::{Actor, EventKind};
use crate::casework::append_event;
use crate::config::Council;
use crate::db::Db;
use crate::outbox::Transport;
use crate::outbox::db::{self, Outgoing};
use crate::standards::Rules;
use crate::standards::SharedRules;

/// Attempts before a temporary failure is treated as final: with the job runner's
/// backoff (10 s doubling to an hour) that is about a day of trying.
pub const MAX_ATTEMPTS: i64 = 30;
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// RFC 3834's header, which lettre does not define.
#[derive(Debug, Clone)]
struct AutoSubmitted(String);

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// The message as it goes on the wire. Everything in it comes from the row, including
/// the Date, so every attempt sends byte-for-byte the same message.
pub fn render(row: &Outgoing, council: &Council) -> Result<Message, String> {
    let from = Mailbox::new(
        Some(council.name.to_string()),
        council.mail_from.parse().map_err(|e| format!("our own address is not valid: {e}"))?,
    );
    let to: Mailbox =
        row.recipient.parse().map_err(|e| format!("the address {:?} is not valid: {e}", row.recipient))?;
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(&row.subject)
        .message_id(Some(row.message_id.clone()))
        .date(SystemTime::UNIX_EPOCH + Duration::from_millis(row.created_at.max(0) as u64));
    if let Some(in_reply_to) = &row.in_reply_to {
        builder = builder.in_reply_to(in_reply_to.clone());
    }
    if let Some(refs) = &row.refs {
        builder = builder.references(refs.clone());
    }
    if let Some(auto) = &row.auto_submitted {
        builder = builder.header(AutoSubmitted(auto.clone()));
    }
    match &row.calendar {
        None => builder.header(ContentType::TEXT_PLAIN).body(row.body.clone()).map_err(|e| e.to_string()),
        // The text, and the calendar file as an attachment with its METHOD (REQUEST or
        // CANCEL, RFC 6047), so a mail client offers to add, move or remove the event.
        Some(calendar) => {
            let method = if calendar.contains("METHOD:CANCEL") { "CANCEL" } else { "REQUEST" };
            let kind = ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                .map_err(|e| e.to_string())?;
            let parts = MultiPart::mixed()
                .singlepart(SinglePart::plain(row.body.clone()))
                .singlepart(Attachment::new("appointment.ics".to_owned()).body(calendar.clone(), kind));
            builder.multipart(parts).map_err(|e| e.to_string())
        }
    }
}

/// Why an attempt did not deliver.
enum Failure {
    /// Worth trying again later.
    Temporary(String),
    /// Trying again will not help (a refused address, say).
    Permanent(String),
}

/// Delivers outbox message `id`. `attempts` counts this one. A temporary failure is an
/// error, so the job runner retries with backoff; a permanent one, or the last attempt,
/// is recorded on the row and on the case's timeline for staff.
pub async fn deliver(
    db: &Db,
    council: &Council,
    transport: &Transport,
    rules: &SharedRules,
    id: i64,
    attempts: i64,
    now: i64,
) -> anyhow::Result<()> {
    let Some(attempt) = send_one(db, council, transport, id, attempts).await? else { return Ok(()) };
    let rules = rules.get();
    let attempt = Arc::new(attempt);
    let retry: Option<String> = db
        .transact(move |conn| {
            let (attempt, rules) = (attempt.clone(), rules.clone());
            Box::pin(async move { attempt.record(conn, &rules, now).await })
        })
        .await?;
    retry.map_or(Ok(()), |why| Err(anyhow::anyhow!(why)))
}

/// One attempt at sending a message, not yet recorded. Not `Debug`: it holds the
/// message, and the resident's address, which stay out of logs.
pub struct Attempt {
    id: i64,
    attempts: i64,
    row: Outgoing,
    result: Result<(), Failure>,
}

/// Sends outbox message `id`, unless it was sent or given up on already (`None`). What
/// happened is recorded by [`Attempt::record`], so the job runner can record a batch of
/// attempts in one commit.
pub async fn send_one(
    db: &Db,
    council: &Council,
    transport: &Transport,
    id: i64,
    attempts: i64,
) -> anyhow::Result<Option<Attempt>> {
    let row = {
        let mut conn = db.reader().acquire().await?;
        db::get(&mut conn, id).await?
    };
    let Some(row) = row else { return Ok(None) };
    if row.sent_at.is_some() || row.failed_at.is_some() || row.channel != "email" {
        return Ok(None);
    }
    let result = match render(&row, council) {
        Ok(message) => send(transport, &row, message).await,
        Err(err) => Err(Failure::Permanent(err)),
    };
    Ok(Some(Attempt { id, attempts, row, result }))
}

impl Attempt {
    /// Records the attempt in the caller's transaction. A temporary failure with tries
    /// left is recorded on the row, and gives why, for the job to back off and retry.
    pub async fn record(&self, conn: &mut AnyConnection, rules: &Rules, now: i64) -> anyhow::Result<Option<String>> {
        let Attempt { id, attempts, row, result } = self;
        let (id, attempts) = (*id, *attempts);
        match result {
            Ok(()) => {
                if db::mark_sent(&mut *conn, id, attempts, now).await? {
                    acknowledged(&mut *conn, rules, row, now).await?;
                }
                tracing::info!(outbox = id, purpose = %row.purpose, "mail delivered");
            }
            Err(Failure::Temporary(err)) if attempts < MAX_ATTEMPTS => {
                // The mail server's words go on the row, not in the log: they often quote
                // the resident's address.
                db::record_attempt(&mut *conn, id, attempts, err).await?;
                return Ok(Some(format!(
                    "mail {id} not delivered yet (attempt {attempts} of {MAX_ATTEMPTS}); the outbox row says why"
                )));
            }
            Err(Failure::Temporary(err) | Failure::Permanent(err)) => {
                if db::mark_failed(&mut *conn, id, attempts, err, now).await?
                    && let Some(case_id) = row.case_id
                {
                    let note = format!("We could not email the customer ({}): {err}", row.subject);
                    let event = NewEvent {
                        actor: Actor::SYSTEM,
                        kind: EventKind::Note,
                        public: false,
                        body: Some(&note),
                        from_status: None,
                        to_status: None,
                    };
                    append_event(&mut *conn, case_id, &event, rules, now).await?;
                }
                tracing::warn!(outbox = id, attempts, "mail could not be delivered");
            }
        }
        Ok(None)
    }
}

/// A delivered acknowledgement acknowledges its case (`casework::acknowledged`).
async fn acknowledged(tx: &mut AnyConnection, rules: &Rules, row: &Outgoing, now: i64) -> anyhow::Result<()> {
    let Some(case_id) = row.case_id else { return Ok(()) };
    if row.purpose != crate::outbox::Purpose::Acknowledgement.as_str() {
        return Ok(());
    }
    let note = "We emailed the customer an acknowledgement with the reference.";
    crate::casework::acknowledged(tx, rules, case_id, note, now).await?;
    Ok(())
}

async fn send(transport: &Transport, row: &Outgoing, message: Message) -> Result<(), Failure> {
    match transport {
        Transport::Relay { host, port } => {
            let smtp = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.as_str())
                .port(*port)
                .timeout(Some(SMTP_TIMEOUT))
                .build();
            match smtp.send(message).await {
                Ok(_) => Ok(()),
                Err(err) if err.is_permanent() => Err(Failure::Permanent(format!("the mail server refused it: {err}"))),
                Err(err) => Err(Failure::Temporary(format!("the mail server at {host}:{port} did not take it: {err}"))),
            }
        }
        Transport::Folder(dir) => {
            let write = async {
                tokio::fs::create_dir_all(dir).await?;
                // Written whole then renamed: a reader never sees half a message, and a
                // retry replaces the file rather than adding a second one.
                let partial = dir.join(format!(".{}.eml.partial", row.id));
                tokio::fs::write(&partial, message.formatted()).await?;
                tokio::fs::rename(&partial, dir.join(format!("{}.eml", row.id))).await
            };
            write.await.map_err(|e| Failure::Temporary(format!("could not write to {}: {e}", dir.display())))
        }
    }
}
