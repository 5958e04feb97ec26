//! Information requests: Freedom of Information (FOI) and environmental information
//! (EIR) requests answered with a recorded outcome and the exemptions cited, the
//! internal review with its own clock and its own officer, and the public disclosure
//! log of the responses staff choose to publish; and, for subject access requests, the
//! export of everything held about the customer ([`export`]).
//!
//! The clocks are the policy's (`foi-respond`, `eir-respond`, `foi-review`,
//! `eir-review`, `sar-respond`): clarification restarts an FOI or EIR clock and pauses a
//! subject access one, through the ordinary "waiting for the customer" status, and
//! extensions go through `casework::clocks::extend`, which refuses the statutory ones once
//! the first deadline has passed. This module owns the rest of the rules; who may act
//! is `Role::may` at the edge.

pub mod db;

pub use db::export;

use sqlx::AnyConnection;

use crate::cases::db::NewEvent;
use crate::cases::{Actor, Case, CaseRef, CaseType, Event, EventKind, Status};
use crate::casework::{append_event, change_status};
use crate::config::Council;
use crate::db::vocabulary::vocabulary;
use crate::forms::{Checker, FieldError};
use crate::outbox::Purpose;
use crate::standards::{Milestone, Rules};

vocabulary! {
    /// What the answer to a request gave.
    Outcome {
        Provided = "provided", "Information provided in full";
        PartProvided = "part_provided", "Information provided in part";
        Refused = "refused", "Refused";
        NotHeld = "not_held", "Information not held";
    }
}

vocabulary! {
    /// What an internal review decided about the first answer.
    ReviewOutcome {
        Upheld = "upheld", "First decision upheld";
        PartlyOverturned = "partly_overturned", "First decision partly overturned";
        Overturned = "overturned", "First decision overturned";
    }
}

vocabulary! {
    /// The reasons the law gives for withholding information: the FOI Act's sections and
    /// the EIR's exceptions. Each belongs to one law ([`Exemption::law`]).
    Exemption {
        S12 = "s12", "Section 12: finding it would cost more than the appropriate limit";
        S14 = "s14", "Section 14: vexatious or repeated request";
        S21 = "s21", "Section 21: reasonably available by other means";
        S22 = "s22", "Section 22: intended for future publication";
        S30 = "s30", "Section 30: investigations";
        S31 = "s31", "Section 31: law enforcement";
        S36 = "s36", "Section 36: prejudice to the effective conduct of public affairs";
        S38 = "s38", "Section 38: health and safety";
        S40 = "s40", "Section 40: personal information";
        S41 = "s41", "Section 41: given to us in confidence";
        S42 = "s42", "Section 42: legal professional privilege";
        S43 = "s43", "Section 43: commercial interests";
        R12_4B = "r12-4-b", "Regulation 12(4)(b): manifestly unreasonable";
        R12_4C = "r12-4-c", "Regulation 12(4)(c): too general, after we offered help";
        R12_4D = "r12-4-d", "Regulation 12(4)(d): unfinished documents";
        R12_4E = "r12-4-e", "Regulation 12(4)(e): internal communications";
        R12_5A = "r12-5-a", "Regulation 12(5)(a): international relations, defence, national security or public safety";
        R12_5B = "r12-5-b", "Regulation 12(5)(b): the course of justice";
        R12_5E = "r12-5-e", "Regulation 12(5)(e): commercial confidentiality";
        R12_5F = "r12-5-f", "Regulation 12(5)(f): the interests of whoever gave it to us";
        R13 = "r13", "Regulation 13: personal data";
    }
}

impl Exemption {
    /// The law the exemption is in: FOI sections start with "s", EIR regulations "r".
    pub fn law(self) -> CaseType {
        if self.as_str().starts_with('s') { CaseType::Foi } else { CaseType::Eir }
    }

    /// The exemptions of the law a request of `case_type` is made under.
    pub fn for_law(case_type: CaseType) -> impl Iterator<Item = Exemption> {
        Exemption::ALL.iter().copied().filter(move |e| e.law() == case_type)
    }
}

/// Exemption codes as stored: separated by commas.
pub fn join(exemptions: &[Exemption]) -> String {
    exemptions.iter().map(|e| e.as_str()).collect::<Vec<_>>().join(",")
}

/// The stored codes read back; an unknown code is left out.
pub fn split(stored: &str) -> Vec<Exemption> {
    stored.split(',').filter_map(|c| Exemption::parse(c.trim())).collect()
}

/// The longest title or text of a disclosure log entry, in characters.
pub const TEXT_MAX: usize = 20_000;

/// An answer, as the officer gives it: the outcome's code, the exemptions' codes and
/// the letter.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub outcome: String,
    pub exemptions: Vec<String>,
    pub text: String,
}

/// A disclosure log entry, as staff word it for the public.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub title: String,
    pub request: String,
    pub response: String,
}

/// Why a step of an information request was not taken: the shared shape of a case's
/// workflow steps.
pub type InformationError = crate::casework::StepError;

fn invalid(field: &'static str, message: impl Into<String>) -> InformationError {
    InformationError::Invalid(vec![FieldError::new(field, message)])
}

/// Where an FOI or EIR request stands, from its events alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Waiting for our answer.
    Open,
    /// Answered; the customer may ask for a review.
    Answered,
    /// A review was asked for; whether it is answered.
    Review { answered: bool },
}

/// Reads the stage from the timeline: a resolution answers whichever stage it is at,
/// and a review request moves it on.
pub fn stage(events: &[Event]) -> Stage {
    let mut stage = Stage::Open;
    for e in events {
        let review = e.kind == EventKind::Milestone && e.body.as_deref() == Some(Milestone::ReviewRequested.as_str());
        let resolved = e.kind == EventKind::StatusChanged && e.to_status == Some(Status::Resolved);
        stage = match stage {
            Stage::Open if resolved => Stage::Answered,
            Stage::Answered if review => Stage::Review { answered: false },
            Stage::Review { .. } if resolved => Stage::Review { answered: true },
            s => s,
        };
    }
    stage
}

fn is_information_request(case: &Case) -> Result<(), InformationError> {
    match case.case_type {
        CaseType::Foi | CaseType::Eir => Ok(()),
        _ => Err(InformationError::NotNow("Only a Freedom of Information or environmental information request")),
    }
}

/// An answer's last steps, the same for the first answer and the review's: the letter
/// on the timeline and to the customer (having no way to reach them is a refusal), then
/// the case resolved with `note`, which stops the clock.
#[expect(clippy::too_many_arguments, reason = "each is a distinct part of one step, taken in the caller's transaction")]
async fn send_and_resolve(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    case_id: i64,
    staff_id: i64,
    letter: &str,
    note: &str,
    now: i64,
) -> Result<(), InformationError> {
    let actor = Actor::staff(staff_id);
    use crate::casework::tell::{TellError, write_to};
    match write_to(&mut *conn, council, rules, case_id, actor, Purpose::Reply, letter, now).await {
        Ok(_) => {}
        Err(TellError::Db(err)) => return Err(err.into()),
        Err(_) => return Err(InformationError::NotNow("The requester gave no way to reach them")),
    }
    change_status(&mut *conn, case_id, Status::Resolved, actor, Some(note), rules, now).await?;
    Ok(())
}

fn event(kind: EventKind, actor: Actor, public: bool, body: &str) -> NewEvent<'_> {
    NewEvent { actor, kind, public, body: Some(body), from_status: None, to_status: None }
}

/// The exemptions named in `codes`, each checked to be one of the request's law.
fn exemptions(c: &mut Checker, law: CaseType, codes: &[String]) -> Vec<Exemption> {
    let mut out = Vec::new();
    for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        match Exemption::parse(code) {
            Some(e) if e.law() == law => {
                if !out.contains(&e) {
                    out.push(e);
                }
            }
            Some(e) => c.fail(
                "exemptions",
                format!("{} is not in the law this request is made under", e.label().split(':').next().unwrap_or("")),
            ),
            None => c.fail("exemptions", format!("{code:?} is not an exemption we know")),
        }
    }
    out
}

/// Answers an FOI or EIR request: records the outcome with the exemptions cited,
/// writes to the customer (the answer ends with how to ask for a review), and resolves
/// the case, which stops its clock. A refusal, or information withheld in part, must
/// cite at least one exemption; information given in full or not held cites none.
pub async fn answer(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    case: &Case,
    staff_id: i64,
    answer: &Answer,
    now: i64,
) -> Result<(), InformationError> {
    is_information_request(case)?;
    let events = crate::cases::db::events(&mut *conn, case.id).await?;
    if stage(&events) != Stage::Open || !case.status.is_open() {
        return Err(InformationError::NotNow("This request has already been answered"));
    }
    let mut c = Checker::default();
    let outcome = Outcome::parse(answer.outcome.trim());
    let cited = exemptions(&mut c, case.case_type, &answer.exemptions);
    match outcome {
        None => c.fail("info-outcome", "Choose what the answer gives: all of it, part of it, a refusal, or not held"),
        Some(Outcome::Refused | Outcome::PartProvided) if cited.is_empty() && c.errors.is_empty() => {
            c.fail("exemptions", "Choose the exemptions that allow us to withhold the information");
        }
        Some(Outcome::Provided | Outcome::NotHeld) if !cited.is_empty() => {
            c.fail("exemptions", "Cite no exemption when nothing is withheld");
        }
        Some(_) => {}
    }
    let text = c.text("info-text", "the answer to the requester", &answer.text, crate::casework::tell::TEXT_MAX, true);
    let (Some(outcome), Some(text)) = (outcome, text) else { return Err(InformationError::Invalid(c.errors)) };
    if !c.errors.is_empty() {
        return Err(InformationError::Invalid(c.errors));
    }
    let case_url = format!("{}/cases/{}", council.public_url, CaseRef::from_id(&council.prefix, case.id));
    let language = crate::casework::tell::language_for(&mut *conn, case.id).await?;
    let closing = match case.case_type {
        CaseType::Eir => "info-closing-eir",
        _ => "info-closing-foi",
    };
    let closing = crate::language::text_with(language, closing, &[("link", &case_url)]);
    let decision = Decision { stage: 1, code: outcome.as_str(), cited, text, closing, language };
    give(conn, council, rules, case.id, staff_id, decision, now).await
}

/// A checked decision on a request: the first answer (stage 1) or the review's (stage 2).
struct Decision {
    stage: i64,
    code: &'static str,
    /// The exemptions relied on.
    cited: Vec<Exemption>,
    /// The officer's words to the customer.
    text: String,
    /// What the letter ends with: where to go next.
    closing: String,
    /// The language the letter's own words are in (the customer's); the exemptions are
    /// cited as the Acts name them, in English.
    language: crate::language::Language,
}

/// Records a decision, writes to the customer (the officer's words, the decision, the
/// exemptions relied on, where to go next) and resolves the case, which stops its clock.
async fn give(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    case_id: i64,
    staff_id: i64,
    decision: Decision,
    now: i64,
) -> Result<(), InformationError> {
    let Decision { stage, code, cited, text, closing, language } = decision;
    db::insert_response(&mut *conn, case_id, stage, code, &join(&cited), staff_id, now).await?;
    let t = |id: &str, args: &[(&'static str, &str)]| crate::language::text_with(language, id, args);
    let whose = if stage == 1 { "info-decision-first" } else { "info-decision-review" };
    let decided = t(&format!("info-outcome-{code}"), &[]);
    let mut letter = text;
    letter.push_str(&format!("\n\n{}", t(whose, &[("decision", &decided)])));
    if !cited.is_empty() {
        letter.push_str(&format!("\n{}", t("info-withheld", &[])));
        for e in &cited {
            letter.push_str(&format!("\n- {}", e.label()));
        }
    }
    letter.push_str("\n\n");
    letter.push_str(&closing);
    let english = crate::language::text(crate::language::ENGLISH, &format!("info-outcome-{code}"));
    let note = format!("{}: {english}.", if stage == 1 { "Answered" } else { "Review answered" });
    send_and_resolve(conn, council, rules, case_id, staff_id, &letter, &note, now).await
}

/// Why an FOI or EIR request may not simply be marked resolved: its answer, or its
/// review's, must go through [`answer`] or [`answer_review`], which record the outcome.
/// `None` for any other case, or once the outcome is recorded.
pub async fn unrecorded_outcome(conn: &mut AnyConnection, case: &Case) -> Result<Option<&'static str>, sqlx::Error> {
    if !matches!(case.case_type, CaseType::Foi | CaseType::Eir) {
        return Ok(None);
    }
    let events = crate::cases::db::events(&mut *conn, case.id).await?;
    let (stage_number, why) = match stage(&events) {
        Stage::Open => (1, "Answer the request with its outcome: choose \"Answer the request\""),
        Stage::Review { answered: false } => (2, "Answer the review with its decision: choose \"Answer the review\""),
        _ => return Ok(None),
    };
    Ok(db::answered_by(&mut *conn, case.id, stage_number).await?.is_none().then_some(why))
}

/// The customer (or an officer on their behalf) asks for an internal review of the
/// answer, once. It starts the review's clock and reopens the case.
pub async fn request_review(
    conn: &mut AnyConnection,
    rules: &Rules,
    case: &Case,
    actor: Actor,
    now: i64,
) -> Result<(), InformationError> {
    is_information_request(case)?;
    let events = crate::cases::db::events(&mut *conn, case.id).await?;
    match stage(&events) {
        Stage::Answered => {}
        Stage::Open => return Err(InformationError::NotNow("A review can be asked for once we have answered")),
        Stage::Review { .. } => return Err(InformationError::NotNow("A review has already been asked for")),
    }
    let body = Milestone::ReviewRequested.as_str();
    append_event(&mut *conn, case.id, &event(EventKind::Milestone, actor, true, body), rules, now).await?;
    if !case.status.is_open() {
        let note = "An internal review was asked for.";
        change_status(&mut *conn, case.id, Status::Reopened, actor, Some(note), rules, now).await?;
    }
    Ok(())
}

/// Gives the review's answer: by someone other than the officer who gave the first,
/// with what it decided and any exemptions still relied on, ending with how to go to the
/// Information Commissioner. Resolves the case, which stops the review's clock.
pub async fn answer_review(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    case: &Case,
    staff_id: i64,
    answer: &Answer,
    now: i64,
) -> Result<(), InformationError> {
    is_information_request(case)?;
    let events = crate::cases::db::events(&mut *conn, case.id).await?;
    if stage(&events) != (Stage::Review { answered: false }) {
        return Err(InformationError::NotNow("There is no review waiting for its answer"));
    }
    if db::answered_by(&mut *conn, case.id, 1).await? == Some(staff_id) {
        return Err(invalid("info-text", "You made the first decision, so someone else must do the review"));
    }
    let mut c = Checker::default();
    let outcome = ReviewOutcome::parse(answer.outcome.trim());
    let cited = exemptions(&mut c, case.case_type, &answer.exemptions);
    match outcome {
        None => c.fail("info-outcome", "Choose whether the first decision is upheld, partly overturned or overturned"),
        Some(ReviewOutcome::Overturned) if !cited.is_empty() => {
            c.fail("exemptions", "Cite no exemption when the first decision is overturned");
        }
        Some(_) => {}
    }
    let text = c.text("info-text", "the review's answer", &answer.text, crate::casework::tell::TEXT_MAX, true);
    let (Some(outcome), Some(text)) = (outcome, text) else { return Err(InformationError::Invalid(c.errors)) };
    if !c.errors.is_empty() {
        return Err(InformationError::Invalid(c.errors));
    }
    let language = crate::casework::tell::language_for(&mut *conn, case.id).await?;
    let regulator = &rules.policy.information.regulator;
    let closing = crate::language::text_with(language, "info-closing-final", &[("regulator", regulator)]);
    let decision = Decision { stage: 2, code: outcome.as_str(), cited, text, closing, language };
    give(conn, council, rules, case.id, staff_id, decision, now).await
}

/// Publishes the answer in the disclosure log, in the words staff give (the log never
/// shows who asked), or replaces what was published. Only an answered FOI or EIR
/// request can be published.
pub async fn publish(
    conn: &mut AnyConnection,
    rules: &Rules,
    case: &Case,
    staff_id: i64,
    entry: &Entry,
    now: i64,
) -> Result<(), InformationError> {
    is_information_request(case)?;
    let Some(first) = db::response(&mut *conn, case.id, 1).await? else {
        return Err(InformationError::NotNow("Answer the request before publishing it"));
    };
    let mut c = Checker::default();
    let title = c.text("log-title", "a title", &entry.title, 200, true);
    let request = c.text("log-request", "the request", &entry.request, TEXT_MAX, true);
    let response = c.text("log-response", "the response", &entry.response, TEXT_MAX, true);
    let (Some(title), Some(request), Some(response)) = (title, request, response) else {
        return Err(InformationError::Invalid(c.errors));
    };
    let published = db::Published {
        case_type: case.case_type,
        title: &title,
        request: &request,
        response: &response,
        outcome: &first.outcome,
        exemptions: &first.exemptions,
        received_at: case.created_at,
        answered_at: first.at,
    };
    db::publish(&mut *conn, case.id, &published, staff_id, now).await?;
    let note = format!("Published in the disclosure log as \"{title}\".");
    append_event(&mut *conn, case.id, &event(EventKind::Note, Actor::staff(staff_id), false, &note), rules, now)
        .await?;
    Ok(())
}

/// Takes an entry out of the public log, with the reason, kept for the record.
pub async fn withdraw(
    conn: &mut AnyConnection,
    rules: &Rules,
    case: &Case,
    staff_id: i64,
    reason: &str,
    now: i64,
) -> Result<(), InformationError> {
    let mut c = Checker::default();
    let Some(reason) = c.text("withdraw-reason", "why it is taken down", reason, crate::forms::OUTCOME_MAX, true)
    else {
        return Err(InformationError::Invalid(c.errors));
    };
    if !db::withdraw(&mut *conn, case.id, staff_id, &reason, now).await? {
        return Err(InformationError::NotNow("This request is not in the disclosure log"));
    }
    let note = format!("Taken out of the disclosure log: {reason}");
    append_event(&mut *conn, case.id, &event(EventKind::Note, Actor::staff(staff_id), false, &note), rules, now)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventKind, body: Option<&str>, to: Option<Status>) -> Event {
        Event {
            id: 0,
            case_id: 1,
            at: 0,
            actor: Actor::SYSTEM,
            kind,
            public: true,
            body: body.map(str::to_owned),
            from_status: None,
            to_status: to,
        }
    }

    #[test]
    fn a_request_moves_through_answer_and_review_by_its_events() {
        let mut events = vec![event(EventKind::Created, None, Some(Status::Received))];
        assert_eq!(stage(&events), Stage::Open);
        // A review asked for before the answer means nothing.
        events.push(event(EventKind::Milestone, Some("review_requested"), None));
        assert_eq!(stage(&events), Stage::Open);
        events.push(event(EventKind::StatusChanged, None, Some(Status::Resolved)));
        assert_eq!(stage(&events), Stage::Answered);
        events.push(event(EventKind::Milestone, Some("review_requested"), None));
        events.push(event(EventKind::StatusChanged, None, Some(Status::Reopened)));
        assert_eq!(stage(&events), Stage::Review { answered: false });
        events.push(event(EventKind::StatusChanged, None, Some(Status::Resolved)));
        assert_eq!(stage(&events), Stage::Review { answered: true });
    }

    #[test]
    fn each_exemption_belongs_to_one_law_and_codes_read_back() {
        assert_eq!(Exemption::S40.law(), CaseType::Foi);
        assert_eq!(Exemption::R13.law(), CaseType::Eir);
        assert!(Exemption::for_law(CaseType::Eir).all(|e| e.as_str().starts_with('r')));
        assert_eq!(split(&join(&[Exemption::S40, Exemption::S43])), vec![Exemption::S40, Exemption::S43]);
        assert_eq!(split(""), Vec::<Exemption>::new());
        let mut c = Checker::default();
        let cited = exemptions(&mut c, CaseType::Foi, &["s40".into(), "r13".into(), "s99".into(), "s40".into()]);
        assert_eq!(cited, vec![Exemption::S40]);
        assert_eq!(c.errors.len(), 2, "{:?}", c.errors);
    }
}
