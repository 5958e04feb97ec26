//! A customer's needs and the reasonable adjustments made for them (Equality Act 2010
//! s.20, anticipatory for services), following the Accessible Information Standard's
//! five steps: ask, record, flag, share, act.
//!
//! Each is recorded on a basis (usually the customer's consent) with who gave it, and a
//! date to check it is still right. Three adjustments act by themselves: large print sets
//! letters in large print; "letter, not email" and "phone, not email" send every message
//! by post or as a call for staff to make (`casework::tell::route`). An interpreter is
//! offered when an appointment is booked. The rest are flagged on every staff view of the
//! customer's cases. Needs are health data (special category): only the roles that work
//! with customers see them (`org::Action::SeeNeeds`), every view is recorded, and they
//! leave the system only in the customer's own subject access export.

use jiff::civil::Date;

use crate::db::vocabulary::vocabulary;
use crate::forms::{Checker, FieldError};

vocabulary! {
    /// Why someone needs more help.
    Need {
        Sight = "sight", "Blind or partially sighted";
        Hearing = "hearing", "Deaf or hard of hearing";
        Speech = "speech", "Speech impairment";
        Learning = "learning_disability", "Learning disability";
        Memory = "memory", "Dementia or memory loss";
        MentalHealth = "mental_health", "Mental health condition";
        English = "limited_english", "Limited English";
        Door = "slow_to_door", "Cannot answer the door quickly";
        Crisis = "crisis", "Going through a crisis for now (for example a bereavement)";
    }
}

vocabulary! {
    /// What the council does differently for them.
    Adjustment {
        LargePrint = "large_print", "Large print letters";
        Braille = "braille", "Braille";
        EasyRead = "easy_read", "Easy read";
        Bsl = "bsl", "British Sign Language interpreter";
        Language = "language", "Interpreter or translation";
        PhoneNotEmail = "phone_not_email", "Phone, not email";
        LetterNotEmail = "letter_not_email", "Letter, not email";
        TextRelay = "text_relay", "Text Relay (Relay UK)";
        ExtraTime = "extra_time", "Extra time";
        HomeVisit = "home_visit", "A home visit";
        NamedContact = "named_contact", "A named contact";
    }
}

vocabulary! {
    /// Why the council may record it (UK GDPR Article 9 for health data).
    Basis {
        Consent = "consent", "They agreed to us recording it";
        SomeoneForThem = "someone_for_them", "Someone acting for them agreed";
        VitalInterests = "vital_interests", "To protect them when they cannot agree";
        Safeguarding = "safeguarding", "Safeguarding";
    }
}

impl Adjustment {
    /// Whether an appointment needs an interpreter booked.
    pub fn needs_interpreter(self) -> bool {
        matches!(self, Adjustment::Bsl | Adjustment::Language)
    }

    /// What the detail field must say, when it must say something.
    fn detail_needed(self) -> Option<&'static str> {
        match self {
            Adjustment::Language => Some("Say which language"),
            Adjustment::NamedContact => Some("Say who the named contact is"),
            _ => None,
        }
    }
}

/// A need or an adjustment: one code from either list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Need(Need),
    Adjustment(Adjustment),
}

impl What {
    pub fn parse(code: &str) -> Option<What> {
        Need::parse(code).map(What::Need).or_else(|| Adjustment::parse(code).map(What::Adjustment))
    }

    /// `need` or `adjustment`, as stored.
    pub fn kind(self) -> &'static str {
        match self {
            What::Need(_) => "need",
            What::Adjustment(_) => "adjustment",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            What::Need(n) => n.as_str(),
            What::Adjustment(a) => a.as_str(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            What::Need(n) => n.label(),
            What::Adjustment(a) => a.label(),
        }
    }
}

/// A need or adjustment as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub id: i64,
    pub what: What,
    pub detail: String,
    pub basis: Basis,
    pub given_by: String,
    pub review_on: Date,
    pub recorded_by: String,
    pub recorded_at: i64,
}

impl Recorded {
    /// The label with its detail: "Interpreter or translation: Polish".
    pub fn summary(&self) -> String {
        if self.detail.is_empty() {
            self.what.label().to_owned()
        } else {
            format!("{}: {}", self.what.label(), self.detail)
        }
    }
}

/// A need or adjustment checked and ready to record.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNeed {
    pub what: What,
    pub detail: String,
    pub basis: Basis,
    pub given_by: String,
    pub review_on: Date,
}

/// What staff typed on the customer's record.
#[derive(Debug, Clone, Default)]
pub struct NeedForm<'a> {
    pub what: &'a str,
    pub detail: &'a str,
    pub basis: &'a str,
    pub given_by: &'a str,
    pub review_on: &'a str,
}

/// Checks the form against today's date and what the record holds (a phone number for
/// "phone, not email", an address for "letter, not email"). Each problem names its field.
pub fn check(form: &NeedForm<'_>, today: Date, has_phone: bool, has_address: bool) -> Result<NewNeed, Vec<FieldError>> {
    let mut errors = Checker::default();
    let what = What::parse(form.what.trim());
    if what.is_none() {
        errors.fail("need-what", "Choose a need or an adjustment from the list");
    }
    let detail = errors.text("need-detail", "the detail", form.detail, 200, false).unwrap_or_default();
    if let Some(What::Adjustment(a)) = what {
        if let Some(ask) = a.detail_needed()
            && detail.is_empty()
        {
            errors.fail("need-detail", ask);
        }
        if a == Adjustment::PhoneNotEmail && !has_phone {
            errors.fail("need-what", "Add their phone number to the record first: we will phone instead of emailing");
        }
        if a == Adjustment::LetterNotEmail && !has_address {
            errors.fail("need-what", "Add their postal address to the record first: we will write instead of emailing");
        }
    }
    let basis = Basis::parse(form.basis.trim());
    if basis.is_none() {
        errors.fail("need-basis", "Say why we may record this: usually that they agreed");
    }
    let given_by = errors.text("need-given-by", "who agreed or decided", form.given_by, 200, false).unwrap_or_default();
    let given_by = match basis {
        Some(Basis::Consent) if given_by.is_empty() => "The customer".to_owned(),
        Some(_) if given_by.chars().count() < 3 => {
            errors.fail("need-given-by", "Say who agreed or decided, and their role");
            given_by
        }
        _ => given_by,
    };
    let review_on = match form.review_on.trim() {
        "" => today.checked_add(jiff::Span::new().years(1)).ok(),
        text => match text.parse::<Date>() {
            Ok(d) if d <= today => {
                errors.fail("need-review-on", "The review date must be in the future");
                None
            }
            Ok(d) if d > today.checked_add(jiff::Span::new().years(3)).unwrap_or(d) => {
                errors.fail("need-review-on", "Review it within 3 years");
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                errors.fail("need-review-on", "Enter the review date as YYYY-MM-DD, like 2027-12-31");
                None
            }
        },
    };
    match (what, basis, review_on, errors.errors.is_empty()) {
        (Some(what), Some(basis), Some(review_on), true) => Ok(NewNeed { what, detail, basis, given_by, review_on }),
        _ => Err(errors.errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_ref()).collect()
    }

    fn today() -> Date {
        "2026-12-06".parse().unwrap()
    }

    #[test]
    fn consent_defaults_to_the_customer_and_a_review_a_year_on() {
        let form = NeedForm { what: "large_print", basis: "consent", ..Default::default() };
        let need = check(&form, today(), false, true).unwrap();
        assert_eq!(need.what, What::Adjustment(Adjustment::LargePrint));
        assert_eq!(need.given_by, "The customer");
        assert_eq!(need.review_on.to_string(), "2027-12-06");
    }

    #[test]
    fn each_problem_names_its_field() {
        let form = NeedForm { what: "language", basis: "safeguarding", review_on: "2020-01-01", ..Default::default() };
        let errors = check(&form, today(), false, false).unwrap_err();
        assert_eq!(fields(&errors), vec!["need-detail", "need-given-by", "need-review-on"]);
        let phone = NeedForm { what: "phone_not_email", basis: "consent", ..Default::default() };
        let errors = check(&phone, today(), false, true).unwrap_err();
        assert_eq!(fields(&errors), vec!["need-what"]);
        let unknown = NeedForm { what: "telepathy", basis: "", ..Default::default() };
        assert_eq!(fields(&check(&unknown, today(), true, true).unwrap_err()), vec!["need-what", "need-basis"]);
    }
}
