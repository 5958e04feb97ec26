//! Keeping personal data no longer than needed (UK GDPR Article 5(1)(e)).
//!
//! A retention run ([`run`]) finds the closed cases past their period in the policy's
//! `[retention]` section and anonymises them in batches: each batch is one transaction
//! that takes the personal data out of its cases, empties the customer records with no
//! case left holding any, drops their search documents and records the run's counts so
//! far. Killed at any moment, a run loses nothing it should keep and the next run carries
//! on where it stopped, because a case's `anonymised_at` is written with its change. The
//! figures stay: rollups are never touched, and a case keeps its service, channel, type,
//! ward, team, events and their times.
//!
//! A legal hold keeps a case however old. An erasure request ([`erase`]) anonymises its
//! customer's closed cases at once and records what it kept and why. See docs/privacy.md.

pub mod db;

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use serde::Serialize;
use sqlx::AnyConnection;

use crate::cases::db::NewEvent;
use crate::cases::{Actor, CaseType, EventKind, Status};
use crate::db::Db;
use crate::standards::Rules;
use crate::standards::retention::{Kept, Period, Retention};

/// What replaces free text when its period has passed.
pub const RETENTION_WORDS: &str = "[Removed under the council's retention policy]";
/// What replaces free text erased at the customer's request.
pub const ERASURE_WORDS: &str = "[Removed at the customer's request]";
/// Cases a batch anonymises: one transaction, tens of milliseconds of the write lock
/// (docs/benchmarks.md).
pub const BATCH: i64 = 100;

#[derive(Debug, thiserror::Error)]
pub enum RetentionError {
    /// The policy cannot be applied to this catalogue; nothing was changed.
    #[error("{}", .0.join("\n"))]
    Policy(Vec<String>),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// How to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The moment periods are counted back from (now, or a date given to try the schedule).
    pub as_of: i64,
    /// Count what would go and change nothing.
    pub dry_run: bool,
    /// Who or what started it, for the record: "nightly", "command".
    pub started_by: String,
    /// Stop after the batch that ends past this moment; the next run carries on.
    pub stop_at: Option<Instant>,
    /// Cases a batch takes: [`BATCH`].
    pub batch: i64,
}

/// What a run did, or would do.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Outcome {
    pub run_id: Option<i64>,
    pub dry_run: bool,
    /// Milliseconds since 1970 (UTC).
    pub as_of: i64,
    /// Cases (by type code) and reception visits (`reception_visit`) anonymised, or that
    /// would be: every kind listed, with zeros.
    pub counts: BTreeMap<&'static str, i64>,
    pub total: i64,
    /// Customer records emptied because none of their cases keeps personal data.
    pub customers_erased: i64,
    /// Closed cases past their type's period that a legal hold keeps.
    pub held: i64,
    /// False when the run stopped early; the next run carries on.
    pub finished: bool,
    /// Batches written, and the longest any held the writer (from its first read to its
    /// commit), in milliseconds.
    pub batches: usize,
    pub longest_batch_ms: u64,
}

impl Outcome {
    /// Counts a batch written, that took the writer at `from`, then leaves the writer to
    /// others for as long again (at least 10 ms): the web's writes, and another process's
    /// (SQLite's busy handler retries at intervals), get in between batches.
    async fn held_writer(&mut self, from: Instant) {
        let held = from.elapsed();
        self.batches += 1;
        self.longest_batch_ms = self.longest_batch_ms.max(held.as_millis() as u64);
        tokio::time::sleep(held.max(std::time::Duration::from_millis(10))).await;
    }

    fn counts_json(&self) -> String {
        serde_json::json!({
            "counts": self.counts,
            "customers_erased": self.customers_erased,
            "held": self.held,
        })
        .to_string()
    }
}

/// Each service's own period, checked against its type's minimum; unknown services refused.
fn service_periods(
    retention: &Retention,
    services: &[(i64, String, String)],
) -> Result<HashMap<i64, Period>, RetentionError> {
    let mut problems = Vec::new();
    let mut periods = HashMap::new();
    for (code, period) in &retention.services {
        match services.iter().find(|(_, c, _)| c == code) {
            None => problems.push(format!(
                "retention.service {code:?}: there is no such service in the catalogue; a typo here would \
                 keep the service to its type's period"
            )),
            Some((id, _, case_type)) => {
                if let Some(t) = CaseType::parse(case_type)
                    && let Some(problem) = retention.service_problem(code, t, *period)
                {
                    problems.push(problem);
                }
                periods.insert(*id, *period);
            }
        }
    }
    if problems.is_empty() { Ok(periods) } else { Err(RetentionError::Policy(problems)) }
}

/// Runs the retention schedule: see the module's documentation.
pub async fn run(db: &Db, rules: &Rules, options: &Options, now: i64) -> Result<Outcome, RetentionError> {
    let retention = &rules.policy.retention;
    let tz = rules.policy.calendar.time_zone.clone();
    let as_of = jiff::Timestamp::from_millisecond(options.as_of).unwrap_or(jiff::Timestamp::MAX);
    let cutoff = |p: Period| p.cutoff(as_of, &tz).as_millisecond();
    let services = db::service_types(&mut *db.reader().acquire().await?).await?;
    let own = service_periods(retention, &services)?;
    let mut outcome = Outcome {
        run_id: None,
        dry_run: options.dry_run,
        as_of: options.as_of,
        counts: CaseType::ALL
            .iter()
            .map(|t| t.as_str())
            .chain(std::iter::once(Kept::ReceptionVisits.code()))
            .map(|c| (c, 0))
            .collect(),
        total: 0,
        customers_erased: 0,
        held: 0,
        finished: false,
        batches: 0,
        longest_batch_ms: 0,
    };
    if !options.dry_run {
        let mut tx = db.begin().await?;
        outcome.run_id = Some(db::start_run(&mut tx, options.as_of, &options.started_by, now).await?);
        tx.commit().await?;
    }
    let out_of_time = || options.stop_at.is_some_and(|at| Instant::now() >= at);
    for &case_type in CaseType::ALL {
        let period = retention.period(Kept::Cases(case_type));
        let type_cutoff = cutoff(period);
        // The services of this type with their own cutoff; the scan goes to the latest.
        let cutoffs: HashMap<i64, i64> = services
            .iter()
            .filter(|(_, _, t)| t == case_type.as_str())
            .filter_map(|(id, _, _)| own.get(id).map(|p| (*id, cutoff(*p))))
            .collect();
        let latest = cutoffs.values().copied().chain(std::iter::once(type_cutoff)).max().unwrap_or(type_cutoff);
        outcome.held += db::held_count(&mut *db.reader().acquire().await?, case_type.as_str(), type_cutoff).await?;
        let mut cursor = db::Cursor { closed_at: i64::MIN, id: 0 };
        loop {
            // A dry run reads from the readers, never holding the writer.
            if options.dry_run {
                let mut conn = db.reader().acquire().await?;
                let batch =
                    db::closed_before(&mut conn, case_type.as_str(), latest, cursor, options.batch.max(1)).await?;
                let Some(last) = batch.last() else { break };
                cursor = db::Cursor { closed_at: last.closed_at, id: last.id };
                let due = past_period(&batch, &cutoffs, type_cutoff).len() as i64;
                *outcome.counts.entry(case_type.as_str()).or_default() += due;
                outcome.total += due;
                continue;
            }
            let mut tx = db.begin().await?;
            let held_from = Instant::now();
            let batch = db::closed_before(&mut tx, case_type.as_str(), latest, cursor, options.batch.max(1)).await?;
            let Some(last) = batch.last() else { break };
            cursor = db::Cursor { closed_at: last.closed_at, id: last.id };
            let due = past_period(&batch, &cutoffs, type_cutoff);
            if due.is_empty() {
                continue;
            }
            let ids: Vec<i64> = due.iter().map(|c| c.id).collect();
            let mut customers: Vec<i64> = due.iter().filter_map(|c| c.customer_id).collect();
            customers.sort_unstable();
            customers.dedup();
            // Counted as changed: a case reopened or held since it was chosen is not.
            let (changed, erased) = anonymise(&mut tx, &ids, &customers, RETENTION_WORDS, now).await?;
            *outcome.counts.entry(case_type.as_str()).or_default() += changed.len() as i64;
            outcome.total += changed.len() as i64;
            outcome.customers_erased += erased;
            db::record_run(&mut tx, outcome.run_id.unwrap_or_default(), &outcome.counts_json(), None).await?;
            tx.commit().await?;
            outcome.held_writer(held_from).await;
            if out_of_time() {
                return Ok(outcome);
            }
        }
    }
    let visit_cutoff = cutoff(retention.period(Kept::ReceptionVisits));
    let mut after = 0;
    loop {
        if options.dry_run {
            let mut conn = db.reader().acquire().await?;
            let ids = db::visits_before(&mut conn, visit_cutoff, after, options.batch.max(1)).await?;
            let Some(&last) = ids.last() else { break };
            after = last;
            *outcome.counts.entry(Kept::ReceptionVisits.code()).or_default() += ids.len() as i64;
            outcome.total += ids.len() as i64;
            continue;
        }
        let mut tx = db.begin().await?;
        let held_from = Instant::now();
        let ids = db::visits_before(&mut tx, visit_cutoff, after, options.batch.max(1)).await?;
        let Some(&last) = ids.last() else { break };
        after = last;
        *outcome.counts.entry(Kept::ReceptionVisits.code()).or_default() += ids.len() as i64;
        outcome.total += ids.len() as i64;
        db::anonymise_visits(&mut tx, &ids, RETENTION_WORDS, now).await?;
        db::record_run(&mut tx, outcome.run_id.unwrap_or_default(), &outcome.counts_json(), None).await?;
        tx.commit().await?;
        outcome.held_writer(held_from).await;
        if out_of_time() {
            return Ok(outcome);
        }
    }
    outcome.finished = true;
    if let Some(id) = outcome.run_id {
        let mut tx = db.begin().await?;
        db::record_run(&mut tx, id, &outcome.counts_json(), Some(now)).await?;
        tx.commit().await?;
    }
    Ok(outcome)
}

/// The cases of a batch past their period: their service's own, or their type's.
fn past_period<'a>(
    batch: &'a [db::Candidate],
    cutoffs: &HashMap<i64, i64>,
    type_cutoff: i64,
) -> Vec<&'a db::Candidate> {
    batch.iter().filter(|c| c.closed_at < cutoffs.get(&c.service_id).copied().unwrap_or(type_cutoff)).collect()
}

/// Anonymises cases, then empties the records of those of `customers` with no case left
/// holding personal data, and drops the cases' search documents. Returns the cases
/// changed and how many customer records were emptied.
async fn anonymise(
    conn: &mut AnyConnection,
    ids: &[i64],
    customers: &[i64],
    words: &str,
    now: i64,
) -> Result<(Vec<i64>, i64), sqlx::Error> {
    let changed = db::anonymise_cases(&mut *conn, ids, words, now).await?;
    let gone = db::customers_with_nothing_kept(&mut *conn, customers).await?;
    db::erase_customers(&mut *conn, &gone, words, now).await?;
    crate::search::db::forget(&mut *conn, &changed).await?;
    Ok((changed, gone.len() as i64))
}

/// What an erasure did with each of the customer's cases.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Erased {
    pub anonymised: Vec<i64>,
    /// Cases kept, each with the reason.
    pub kept: Vec<(i64, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum EraseError {
    #[error("only a request to delete personal data can erase a customer's cases")]
    NotErasure,
    #[error("the request has no customer to erase")]
    NoCustomer,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Carries out an erasure request (UK GDPR Article 17): anonymises the closed cases of the
/// request's customer now, keeps the open ones and the held ones, and writes what it did
/// and why on the request as an internal note. The request itself keeps the customer's
/// details until its own period ends: the council must answer it and show it did.
pub async fn erase(
    conn: &mut AnyConnection,
    rules: &Rules,
    council_prefix: &crate::cases::Prefix,
    request: &crate::cases::Case,
    staff_id: i64,
    now: i64,
) -> Result<Erased, EraseError> {
    if request.case_type != CaseType::Erasure {
        return Err(EraseError::NotErasure);
    }
    let customer_id = request.customer_id.ok_or(EraseError::NoCustomer)?;
    let mut erased = Erased::default();
    for (id, status, anonymised) in db::customer_cases(&mut *conn, customer_id).await? {
        if id == request.id || anonymised {
            continue;
        }
        let closed = matches!(Status::parse(&status), Some(Status::Resolved | Status::Closed));
        let holds = db::holds(&mut *conn, id).await?;
        if let Some(hold) = holds.first() {
            erased.kept.push((id, format!("a legal hold: {}", hold.reason)));
        } else if !closed {
            erased.kept.push((id, "it is still open; it can be erased once it is closed".into()));
        } else {
            erased.anonymised.push(id);
        }
    }
    erased.anonymised = anonymise(&mut *conn, &erased.anonymised, &[], ERASURE_WORDS, now).await?.0;
    // The same person's older records, merged into this one, are not needed to answer.
    let merged = db::merged_into(&mut *conn, customer_id).await?;
    db::erase_customers(&mut *conn, &merged, ERASURE_WORDS, now).await?;
    let reference = |id: i64| crate::cases::CaseRef::from_id(council_prefix, id).to_string();
    let mut note = format!("Erasure carried out: {} case(s) anonymised", erased.anonymised.len());
    if !erased.anonymised.is_empty() {
        note.push_str(&format!(
            " ({})",
            erased.anonymised.iter().map(|id| reference(*id)).collect::<Vec<_>>().join(", ")
        ));
    }
    note.push('.');
    for (id, why) in &erased.kept {
        note.push_str(&format!("\nKept {}: {why}.", reference(*id)));
    }
    let event = NewEvent {
        actor: Actor::staff(staff_id),
        kind: EventKind::Note,
        public: false,
        body: Some(&note),
        from_status: None,
        to_status: None,
    };
    crate::casework::append_event(&mut *conn, request.id, &event, rules, now).await?;
    Ok(erased)
}
