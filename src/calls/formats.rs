//! Reading call records from the formats telephone systems write. A file is read whole
//! before anything is stored: one bad line refuses the file, naming the line and why.
//!
//! - `csv`: the header `call_id,queue,enqueued_at,answered_at,ended_at,outcome` (in any
//!   order), times in RFC 3339, `answered_at` empty unless answered; an optional `caller`
//!   column gives the caller's number, for the callback a caller asked for.
//! - `queue-log`: Asterisk's `queue_log` (also written by Wazo), a line per event:
//!   `time|callid|queue|agent|EVENT|data...`. ENTERQUEUE starts a call; CONNECT answers
//!   it; ABANDON, EXITWITHTIMEOUT, EXITEMPTY and EXITWITHKEY end it unanswered (abandoned,
//!   timeout, overflow, and callback: the caller pressed a key to leave the queue, which
//!   is how a queue offers a callback); COMPLETEAGENT, COMPLETECALLER and TRANSFER end an
//!   answered one. Other events (agents logging in, ringing, pauses) are passed over. A
//!   call still waiting at the end of the file is left for the next file. A call that
//!   joins a second queue is a second record, `callid/queue`.
//! - `connect`: Amazon Connect contact records, one JSON object a line. A record with no
//!   `Queue` never waited and is passed over, as is one on another channel than voice.
//!   Records are delivered at least once: the one with the latest `LastUpdateTimestamp`
//!   for a `ContactId` wins. One neither answered nor ended is still waiting, and is left
//!   for a later record. A contact made by a callback (`InitiationMethod` CALLBACK)
//!   is a callback.

use std::collections::HashMap;

use jiff::Timestamp;
use serde_json::Value;

use super::{CallRecord, Outcome};

/// The formats taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    QueueLog,
    Connect,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "csv" => Some(Format::Csv),
            "queue-log" => Some(Format::QueueLog),
            "connect" => Some(Format::Connect),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::QueueLog => "queue-log",
            Format::Connect => "connect",
        }
    }

    /// The format of a file, from its first line that is not empty: a JSON object is
    /// Amazon Connect, a line of `|`-separated fields starting with a number is a
    /// `queue_log`, anything else is read as CSV.
    pub fn guess(text: &str) -> Format {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
        if first.starts_with('{') {
            Format::Connect
        } else if first.split('|').next().is_some_and(|t| !t.is_empty() && t.parse::<f64>().is_ok())
            && first.contains('|')
        {
            Format::QueueLog
        } else {
            Format::Csv
        }
    }
}

/// A line that refuses the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct BadLine {
    pub line: u64,
    pub reason: String,
}

fn bad(line: u64, reason: impl Into<String>) -> BadLine {
    BadLine { line, reason: reason.into() }
}

/// What a file held.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    /// One record per call id, the latest version of each.
    pub records: Vec<CallRecord>,
    /// Lines or calls passed over, with why, counted.
    pub passed_over: Vec<(String, usize)>,
}

impl Parsed {
    fn pass_over(&mut self, why: &str) {
        match self.passed_over.iter_mut().find(|(w, _)| w == why) {
            Some((_, n)) => *n += 1,
            None => self.passed_over.push((why.to_owned(), 1)),
        }
    }
}

/// Reads a whole file. `now` is for refusing times in the future.
pub fn parse(format: Format, text: &str, now: i64) -> Result<Parsed, BadLine> {
    // A byte order mark, as spreadsheets write, is not part of the header.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (lines, mut parsed) = match format {
        Format::Csv => csv(text)?,
        Format::QueueLog => queue_log(text)?,
        Format::Connect => connect(text)?,
    };
    let mut records = Vec::with_capacity(lines.len());
    for (line, record) in lines {
        if let Some(problem) = record.problem(now) {
            return Err(bad(line, problem));
        }
        records.push(record);
    }
    parsed.records = latest_of(records);
    Ok(parsed)
}

/// One record a call: the latest version of each (a later one of the same version
/// wins), in the order calls first appeared.
pub fn latest_of(all: Vec<CallRecord>) -> Vec<CallRecord> {
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut records: Vec<CallRecord> = Vec::with_capacity(all.len());
    for record in all {
        match at.get(&record.call_id) {
            Some(&i) if records[i].version <= record.version => records[i] = record,
            Some(_) => {}
            None => {
                at.insert(record.call_id.clone(), records.len());
                records.push(record);
            }
        }
    }
    records
}

fn rfc3339(line: u64, field: &str, text: &str) -> Result<Option<i64>, BadLine> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<Timestamp>()
        .map(|t| Some(t.as_millisecond()))
        .map_err(|_| bad(line, format!("{field}: {text:?} is not a time like 2026-11-02T09:00:05Z")))
}

const CSV_COLUMNS: [&str; 6] = ["call_id", "queue", "enqueued_at", "answered_at", "ended_at", "outcome"];

fn csv(text: &str) -> Result<(Vec<(u64, CallRecord)>, Parsed), BadLine> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(true).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| bad(1, format!("the header cannot be read: {e}")))?.clone();
    let mut column = [0usize; 6];
    for (i, name) in CSV_COLUMNS.iter().enumerate() {
        column[i] = header.iter().position(|h| h == *name).ok_or_else(|| {
            bad(1, format!("the header needs the columns {}; {name} is missing", CSV_COLUMNS.join(",")))
        })?;
    }
    // An optional column: the caller's number, to make a callback a caller asked for.
    let caller_column = header.iter().position(|h| h == "caller");
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            bad(line, format!("the row cannot be read: {e}"))
        })?;
        let line = row.position().map_or(0, csv::Position::line);
        if row.len() != header.len() {
            return Err(bad(line, format!("expected {} fields, found {}", header.len(), row.len())));
        }
        let field = |i: usize| row.get(column[i]).unwrap_or_default();
        let outcome = Outcome::parse(field(5)).ok_or_else(|| {
            let known: Vec<&str> = Outcome::ALL.iter().map(|o| o.as_str()).collect();
            bad(line, format!("outcome: {:?} is not one of {}", field(5), known.join(", ")))
        })?;
        let enqueued_at = rfc3339(line, "enqueued_at", field(2))?
            .ok_or_else(|| bad(line, "enqueued_at: give the time the call joined the queue"))?;
        out.push((
            line,
            CallRecord {
                call_id: field(0).to_owned(),
                queue: field(1).to_owned(),
                enqueued_at,
                answered_at: rfc3339(line, "answered_at", field(3))?,
                ended_at: rfc3339(line, "ended_at", field(4))?,
                outcome,
                version: 0,
                caller: caller_column
                    .and_then(|i| row.get(i))
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned),
            },
        ));
    }
    Ok((out, Parsed::default()))
}

/// A call being put together from `queue_log` lines.
struct Building {
    record: CallRecord,
    ended: bool,
    line: u64,
}

fn queue_log(text: &str) -> Result<(Vec<(u64, CallRecord)>, Parsed), BadLine> {
    let mut parsed = Parsed::default();
    let mut calls: Vec<Building> = Vec::new();
    let mut open: HashMap<String, usize> = HashMap::new();
    let mut queues_seen: HashMap<String, usize> = HashMap::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n as u64 + 1;
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let fields: Vec<&str> = raw.split('|').collect();
        if fields.len() < 5 {
            return Err(bad(line, "expected at least 5 fields separated by |: time|callid|queue|agent|EVENT"));
        }
        let seconds: f64 = fields[0].parse().map_err(|_| bad(line, format!("{:?} is not a Unix time", fields[0])))?;
        if !seconds.is_finite() || seconds < 0.0 {
            return Err(bad(line, format!("{:?} is not a Unix time", fields[0])));
        }
        let at = (seconds * 1000.0).round() as i64;
        let (callid, queue, event) = (fields[1], fields[2], fields[4]);
        let data = |i: usize| fields.get(5 + i).and_then(|d| d.parse::<i64>().ok());
        if callid.is_empty() || callid == "NONE" {
            continue;
        }
        let key = format!("{callid}\u{0}{queue}");
        match event {
            "ENTERQUEUE" => {
                let seen = queues_seen.entry(callid.to_owned()).or_default();
                let call_id = if *seen == 0 { callid.to_owned() } else { format!("{callid}/{queue}") };
                *seen += 1;
                open.insert(key, calls.len());
                // ENTERQUEUE's data is url|callerid|position.
                let caller = fields.get(6).map(|c| c.trim()).filter(|c| !c.is_empty()).map(str::to_owned);
                calls.push(Building {
                    record: CallRecord {
                        call_id,
                        queue: queue.to_owned(),
                        enqueued_at: at,
                        answered_at: None,
                        ended_at: None,
                        outcome: Outcome::Abandoned,
                        version: 0,
                        caller,
                    },
                    ended: false,
                    line,
                });
            }
            "CONNECT" | "ABANDON" | "EXITWITHTIMEOUT" | "EXITEMPTY" | "EXITWITHKEY" | "COMPLETEAGENT"
            | "COMPLETECALLER" | "TRANSFER" => {
                let Some(&i) = open.get(&key) else {
                    // The call joined the queue before this file began: its wait is in
                    // the line, so it can still be counted.
                    let waited = match event {
                        "CONNECT" => data(0),
                        "ABANDON" | "EXITWITHTIMEOUT" => data(2),
                        _ => None,
                    };
                    let Some(waited) = waited else {
                        parsed.pass_over("an event for a call that joined its queue before the file began");
                        continue;
                    };
                    let seen = queues_seen.entry(callid.to_owned()).or_default();
                    let call_id = if *seen == 0 { callid.to_owned() } else { format!("{callid}/{queue}") };
                    *seen += 1;
                    open.insert(key.clone(), calls.len());
                    calls.push(Building {
                        record: CallRecord {
                            call_id,
                            queue: queue.to_owned(),
                            enqueued_at: at - waited * 1000,
                            answered_at: None,
                            ended_at: None,
                            outcome: Outcome::Abandoned,
                            version: 0,
                            caller: None,
                        },
                        ended: false,
                        line,
                    });
                    apply(&mut calls, open[&key], event, at, line);
                    continue;
                };
                apply(&mut calls, i, event, at, line);
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for call in calls {
        if call.ended || call.record.outcome == Outcome::Answered {
            out.push((call.line, call.record));
        } else {
            parsed.pass_over("a call still waiting at the end of the file (left for the next file)");
        }
    }
    Ok((out, parsed))
}

fn apply(calls: &mut [Building], i: usize, event: &str, at: i64, line: u64) {
    let call = &mut calls[i];
    call.line = line;
    match event {
        "CONNECT" => {
            call.record.outcome = Outcome::Answered;
            call.record.answered_at = Some(at);
        }
        "COMPLETEAGENT" | "COMPLETECALLER" | "TRANSFER" => {
            call.record.ended_at.get_or_insert(at);
            call.ended = true;
        }
        unanswered => {
            call.record.outcome = match unanswered {
                "EXITWITHTIMEOUT" => Outcome::Timeout,
                "EXITEMPTY" => Outcome::Overflow,
                "EXITWITHKEY" => Outcome::Callback,
                _ => Outcome::Abandoned,
            };
            call.record.answered_at = None;
            call.record.ended_at = Some(at);
            call.ended = true;
        }
    }
}

fn connect(text: &str) -> Result<(Vec<(u64, CallRecord)>, Parsed), BadLine> {
    let mut parsed = Parsed::default();
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n as u64 + 1;
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(raw).map_err(|e| bad(line, format!("not a JSON object: {e}")))?;
        let text_at = |path: &[&str]| -> Option<&str> {
            let mut v = &value;
            for key in path {
                v = v.get(key)?;
            }
            v.as_str()
        };
        let time_at = |path: &[&str]| -> Result<Option<i64>, BadLine> {
            match text_at(path) {
                Some(t) => rfc3339(line, &path.join("."), t),
                None => Ok(None),
            }
        };
        let contact_id = text_at(&["ContactId"]).ok_or_else(|| bad(line, "ContactId: every contact record has one"))?;
        let version = time_at(&["LastUpdateTimestamp"])?
            .ok_or_else(|| bad(line, "LastUpdateTimestamp: every contact record has one"))?;
        if text_at(&["Channel"]).is_some_and(|c| c != "VOICE") {
            parsed.pass_over("a contact on another channel than voice");
            continue;
        }
        if value.get("Queue").is_none_or(Value::is_null) {
            parsed.pass_over("a contact that never joined a queue");
            continue;
        }
        let queue =
            text_at(&["Queue", "Name"]).ok_or_else(|| bad(line, "Queue.Name: a queued contact names its queue"))?;
        let enqueued_at = time_at(&["Queue", "EnqueueTimestamp"])?
            .ok_or_else(|| bad(line, "Queue.EnqueueTimestamp: a queued contact has the time it joined"))?;
        let answered_at = time_at(&["Agent", "ConnectedToAgentTimestamp"])?;
        let ended_at = time_at(&["DisconnectTimestamp"])?;
        if answered_at.is_none() && ended_at.is_none() {
            parsed.pass_over("a contact still waiting in its queue (left for a later record)");
            continue;
        }
        let outcome = if answered_at.is_some() {
            Outcome::Answered
        } else if text_at(&["InitiationMethod"]) == Some("CALLBACK") {
            Outcome::Callback
        } else {
            Outcome::Abandoned
        };
        let record = CallRecord {
            call_id: contact_id.to_owned(),
            queue: queue.to_owned(),
            enqueued_at,
            answered_at,
            ended_at,
            outcome,
            version,
            caller: text_at(&["CustomerEndpoint", "Address"]).map(str::to_owned),
        };
        out.push((line, record));
    }
    Ok((out, parsed))
}
