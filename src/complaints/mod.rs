//! Complaints, to the Complaint Handling Code (Local Government and Social Care
//! Ombudsman and Housing Ombudsman): two stages, each acknowledged and answered against
//! its own clock (`policy/standards.toml`), the second asked for by the resident with no
//! reason needed and answered by someone other than the first stage's officer; each
//! answer recording what was decided, why it happened and the remedy; the promises made
//! in an answer tracked until kept; service requests told apart from complaints.
//!
//! This module owns those rules. It never decides who may act (that is `Role::may` at the
//! edge) and does not render pages.

pub mod db;
pub mod report;
mod stage;

pub use stage::{Stage, stage};

use sqlx::AnyConnection;

use crate::cases::db::NewEvent;
use crate::cases::{Actor, Case, CaseType, EventKind, Status};
use crate::casework::{append_event, change_status};
use crate::config::Council;
use crate::db::vocabulary::vocabulary;
use crate::forms::{Checker, FieldError, OUTCOME_MAX};
use crate::language;
use crate::outbox::Purpose;
use crate::standards::{Milestone, Rules};

vocabulary! {
    /// What a complaint's answer decided.
    Outcome {
        Upheld = "upheld", "Upheld";
        PartlyUpheld = "partly_upheld", "Partly upheld";
        NotUpheld = "not_upheld", "Not upheld";
    }
}

vocabulary! {
    /// Why it happened: the categories the annual report counts, so causes get fixed.
    Cause {
        Delay = "delay", "Delay";
        Communication = "communication", "Poor communication";
        Quality = "quality", "Quality of the work or service";
        Mistake = "mistake", "A mistake or wrong information";
        StaffConduct = "staff_conduct", "Staff conduct";
        Policy = "policy", "Policy or process";
        Other = "other", "Another cause";
    }
}

/// The longest remedy, promise or reason, in characters.
pub const TEXT_MAX: usize = 4_000;

/// An answer to a complaint at its current stage.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub outcome: String,
    pub cause: String,
    /// What we have done or will do to put it right.
    pub remedy: String,
    /// The letter to the resident.
    pub text: String,
    /// What we promise to do, each by a date (YYYY-MM-DD).
    pub promises: Vec<(String, String)>,
}

/// Why a step of a complaint was not taken: the shared shape of a case's workflow steps.
pub type ComplaintError = crate::casework::StepError;

fn invalid(field: &'static str, message: impl Into<String>) -> ComplaintError {
    ComplaintError::Invalid(vec![FieldError::new(field, message)])
}

/// Writes to the resident, as a reply from the case page does. Having no way to reach
/// them is a refusal; a database error stays one.
async fn tell(
    conn: &mut AnyConnection,
    council: &Council,
    case_id: i64,
    purpose: Purpose,
    text: &str,
    now: i64,
) -> Result<(), ComplaintError> {
    if crate::casework::tell::tell_if_reachable(conn, council, case_id, purpose, text, now).await? {
        Ok(())
    } else {
        Err(ComplaintError::NotNow("The customer gave no way to reach them"))
    }
}

/// Writes to the resident from a member of staff, on the timeline and by their channel
/// (`casework::tell::write_to`). Having no way to reach them is a refusal.
#[expect(clippy::too_many_arguments, reason = "each is a distinct part of one step, taken in the caller's transaction")]
async fn write(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    case_id: i64,
    actor: Actor,
    purpose: Purpose,
    text: &str,
    now: i64,
) -> Result<(), ComplaintError> {
    use crate::casework::tell::{TellError, write_to};
    match write_to(conn, council, rules, case_id, actor, purpose, text, now).await {
        Ok(_) => Ok(()),
        Err(TellError::Db(err)) => Err(err.into()),
        Err(_) => Err(ComplaintError::NotNow("The customer gave no way to reach them")),
    }
}

fn internal(kind: EventKind, actor: Actor, public: bool, body: &str) -> NewEvent<'_> {
    NewEvent { actor, kind, public, body: Some(body), from_status: None, to_status: None }
}

/// Turns an enquiry or service request into a complaint, or a complaint back into an
/// enquiry, with the reason. The new type's clocks start from the case's receipt (the
/// stricter reading: the complaint was made when the resident made it), and clocks of
/// standards that no longer apply are withdrawn, so they count neither way.
pub async fn reclassify(
    conn: &mut AnyConnection,
    rules: &Rules,
    case: &Case,
    to: CaseType,
    reason: &str,
    staff_id: i64,
    now: i64,
) -> Result<(), ComplaintError> {
    let allowed = matches!(
        (case.case_type, to),
        (CaseType::Enquiry | CaseType::ServiceRequest, CaseType::Complaint) | (CaseType::Complaint, CaseType::Enquiry)
    );
    if !allowed {
        return Err(invalid(
            "type-reason",
            "Only an enquiry or a service request can become a complaint, and a complaint an enquiry",
        ));
    }
    if !case.status.is_open() {
        return Err(ComplaintError::NotNow("A resolved or closed case cannot change type; reopen it first"));
    }
    let mut c = Checker::default();
    let Some(reason) = c.text("type-reason", "the reason", reason, OUTCOME_MAX, true) else {
        return Err(ComplaintError::Invalid(c.errors));
    };
    let body = serde_json::to_string(&crate::clocks::Reclassified { from: case.case_type, to, reason: reason.clone() })
        .expect("plain struct");
    // The type changes first, so the event's fan-out replays the clocks for the new
    // type, counting every milestone so far, not only this event.
    crate::cases::db::set_type(&mut *conn, case.id, to, now).await?;
    let event = internal(EventKind::Reclassified, Actor::staff(staff_id), false, &body);
    append_event(&mut *conn, case.id, &event, rules, now).await?;
    Ok(())
}

/// The resident (or an officer on their behalf) asks for stage 2, once stage 1 has been
/// answered. No reason is needed. A resolved or closed complaint is reopened.
pub async fn request_stage2(
    conn: &mut AnyConnection,
    rules: &Rules,
    case: &Case,
    actor: Actor,
    now: i64,
) -> Result<(), ComplaintError> {
    if case.case_type != CaseType::Complaint {
        return Err(ComplaintError::NotNow("Only a complaint has a stage 2"));
    }
    let events = crate::cases::db::events(&mut *conn, case.id).await?;
    match stage(&events) {
        Stage::One { answered: true } => {}
        Stage::One { answered: false } => {
            return Err(ComplaintError::NotNow("Stage 2 can be asked for once we have given our stage 1 answer"));
        }
        Stage::Two { .. } => return Err(ComplaintError::NotNow("Stage 2 has already been asked for")),
    }
    let milestone = internal(EventKind::Milestone, actor, true, Milestone::Stage2Requested.as_str());
    append_event(&mut *conn, case.id, &milestone, rules, now).await?;
    if !case.status.is_open() {
        let note = "Stage 2 of the complaint was asked for.";
        change_status(&mut *conn, case.id, Status::Reopened, actor, Some(note), rules, now).await?;
    }
    Ok(())
}

/// An officer acknowledges the request for stage 2, which starts its answer's clock.
/// The resident is told, with the date.
pub async fn acknowledge_stage2(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    case: &Case,
    staff_id: i64,
    now: i64,
) -> Result<(), ComplaintError> {
    let events = crate::cases::db::events(&mut *conn, case.id).await?;
    if stage(&events) != (Stage::Two { acknowledged: false, answered: false }) {
        return Err(ComplaintError::NotNow("There is no request for stage 2 waiting to be acknowledged"));
    }
    let milestone =
        internal(EventKind::Milestone, Actor::staff(staff_id), true, Milestone::Stage2Acknowledged.as_str());
    append_event(&mut *conn, case.id, &milestone, rules, now).await?;
    let events = crate::cases::db::events(&mut *conn, case.id).await?;
    let due = super::clocks::replay(&events, rules)
        .iter()
        .find(|c| c.standard.id == "complaint-stage2-respond")
        .and_then(super::clocks::Clock::due);
    let language = crate::casework::tell::language_for(&mut *conn, case.id).await?;
    let t = |id: &str, args: &[(&'static str, &str)]| language::text_with(language, id, args);
    let due = due
        .map(|due| {
            let date = language::date(language, rules.calendars.council.local_date(due));
            format!(" {}", t("complaint-stage2-by", &[("date", &date)]))
        })
        .unwrap_or_default();
    let text = format!("{}{due}", t("complaint-stage2-received", &[]));
    tell(&mut *conn, council, case.id, Purpose::Update, &text, now).await?;
    Ok(())
}

/// Who gave the stage 1 answer: stage 2 must be answered by someone else.
pub async fn stage1_officer(conn: &mut AnyConnection, case_id: i64) -> Result<Option<i64>, sqlx::Error> {
    db::stage1_officer(conn, case_id).await
}

/// Gives the answer at the complaint's current stage: records the outcome, the cause
/// and the remedy, and the promises made; writes to the resident (the stage 1 answer
/// says how to ask for stage 2, the final answer how to go to the ombudsman); and
/// resolves the case. Stage 2 is refused to the officer who answered stage 1.
#[expect(clippy::too_many_arguments, reason = "each is a distinct part of one step, taken in the caller's transaction")]
pub async fn answer(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    case: &Case,
    staff_id: i64,
    answer: &Answer,
    today: jiff::civil::Date,
    now: i64,
) -> Result<(), ComplaintError> {
    if case.case_type != CaseType::Complaint {
        return Err(ComplaintError::NotNow("Only a complaint is answered this way"));
    }
    let events = crate::cases::db::events(&mut *conn, case.id).await?;
    let number = match stage(&events) {
        Stage::One { answered: false } => 1,
        Stage::Two { acknowledged: true, answered: false } => 2,
        Stage::Two { acknowledged: false, .. } => {
            return Err(ComplaintError::NotNow("Acknowledge the request for stage 2 before answering it"));
        }
        _ => return Err(ComplaintError::NotNow("This stage of the complaint has already been answered")),
    };
    if number == 2 && stage1_officer(&mut *conn, case.id).await? == Some(staff_id) {
        return Err(invalid(
            "answer-text",
            "You gave the stage 1 answer, so someone else must give the stage 2 answer",
        ));
    }
    let checked = check(answer, today)?;
    db::record_answer(&mut *conn, case.id, number, &checked, staff_id, now).await?;
    // The officer's own words, then ours in the customer's language.
    let language = crate::casework::tell::language_for(&mut *conn, case.id).await?;
    let t = |id: &str, args: &[(&'static str, &str)]| language::text_with(language, id, args);
    let mut letter = checked.text.clone();
    let outcome = t(&format!("complaint-outcome-{}", checked.outcome.as_str()), &[]);
    letter.push_str(&format!("\n\n{}", t("complaint-decision", &[("outcome", &outcome)])));
    for (promise, due) in &checked.promises {
        let date = language::day_month_year(language, *due);
        letter.push_str(&format!("\n{}", t("complaint-will-do", &[("date", &date), ("promise", promise)])));
    }
    letter.push_str("\n\n");
    let case_url = format!("{}/cases/{}", council.public_url, crate::cases::CaseRef::from_id(&council.prefix, case.id));
    letter.push_str(&signpost(language, number, &case_url, &rules.policy.complaints.ombudsman));
    let actor = Actor::staff(staff_id);
    write(&mut *conn, council, rules, case.id, actor, Purpose::Reply, &letter, now).await?;
    let note = format!("Stage {number} answer given: {}.", checked.outcome.label().to_lowercase());
    change_status(&mut *conn, case.id, Status::Resolved, actor, Some(&note), rules, now).await?;
    Ok(())
}

/// What every answer ends with: at stage 1, how to ask for stage 2; at stage 2, the
/// ombudsman, as the Code requires of a final answer.
pub fn signpost(language: language::Language, stage: i64, case_url: &str, ombudsman: &str) -> String {
    if stage == 1 {
        language::text_with(language, "complaint-signpost-stage1", &[("link", case_url)])
    } else {
        language::text_with(language, "complaint-signpost-final", &[("ombudsman", ombudsman)])
    }
}

/// An answer whose every field passed the checks.
pub struct CheckedAnswer {
    pub outcome: Outcome,
    pub cause: Cause,
    pub remedy: String,
    pub text: String,
    pub promises: Vec<(String, jiff::civil::Date)>,
}

/// Every field at once, named.
fn check(answer: &Answer, today: jiff::civil::Date) -> Result<CheckedAnswer, ComplaintError> {
    let mut c = Checker::default();
    let outcome = Outcome::parse(answer.outcome.trim());
    if outcome.is_none() {
        c.fail("outcome", "Choose whether the complaint is upheld, partly upheld or not upheld");
    }
    let cause = Cause::parse(answer.cause.trim());
    if cause.is_none() {
        c.fail("cause", "Choose what caused the complaint");
    }
    let remedy = c.text("remedy", "what we have done to put it right", &answer.remedy, TEXT_MAX, true);
    let text = c.text("answer-text", "the answer to the resident", &answer.text, crate::casework::tell::TEXT_MAX, true);
    let mut promises = Vec::new();
    for (i, (promise, due)) in answer.promises.iter().enumerate() {
        if promise.trim().is_empty() && due.trim().is_empty() {
            continue;
        }
        let field = if i == 0 { "promise-1" } else { "promise-2" };
        let Some(promise) = c.text(field, "what we will do", promise, TEXT_MAX, true) else { continue };
        match due.trim().parse::<jiff::civil::Date>() {
            Ok(date) if date >= today => promises.push((promise, date)),
            Ok(_) => c.fail(field, "The date for a promise must be today or later"),
            Err(_) => c.fail(field, "Give the date we will do it by, like 2027-01-31"),
        }
    }
    match (outcome, cause, remedy, text) {
        (Some(outcome), Some(cause), Some(remedy), Some(text)) if c.errors.is_empty() => {
            Ok(CheckedAnswer { outcome, cause, remedy, text, promises })
        }
        _ => Err(ComplaintError::Invalid(c.errors)),
    }
}

/// Marks a promise kept, and tells the resident what was done.
#[expect(clippy::too_many_arguments, reason = "each is a distinct part of one step, taken in the caller's transaction")]
pub async fn keep_promise(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    case: &Case,
    action_id: i64,
    note: &str,
    staff_id: i64,
    now: i64,
) -> Result<(), ComplaintError> {
    let mut c = Checker::default();
    let Some(note) = c.text("done-note", "what was done", note, TEXT_MAX, true) else {
        return Err(ComplaintError::Invalid(c.errors));
    };
    let promise = db::open_promise(&mut *conn, action_id, case.id).await?;
    let Some(promise) = promise else {
        return Err(ComplaintError::NotNow("That promise has already been kept, or is not this case's"));
    };
    db::keep_promise(&mut *conn, action_id, staff_id, &note, now).await?;
    let language = crate::casework::tell::language_for(&mut *conn, case.id).await?;
    let text = format!(
        "{}\n{}",
        language::text_with(language, "complaint-promised", &[("promise", &promise)]),
        language::text_with(language, "complaint-promise-done", &[("note", &note)])
    );
    write(&mut *conn, council, rules, case.id, Actor::staff(staff_id), Purpose::Update, &text, now).await?;
    Ok(())
}
