//! Field errors and the checks every form, API body and command-line value meets,
//! whatever channel it came by: lengths, email addresses, phone numbers, postcodes. Each
//! failure names its field, in the words the GOV.UK error summary uses. Foundation: it
//! imports nothing of ours, so any module may check a field without importing intake.

/// One field's problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The form field's name and id: fixed for the standard fields, `answer-CODE` for a
    /// service's own questions.
    pub field: std::borrow::Cow<'static, str>,
    /// In English, as staff pages, logs and tests read it.
    pub message: String,
    /// The same in any language: a Fluent message id and its arguments, where the public
    /// site shows it (`None` for errors only staff see).
    pub text: Option<Text>,
}

/// A message to put in the reader's language: its Fluent id and arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(field: impl Into<std::borrow::Cow<'static, str>>, message: impl Into<String>) -> FieldError {
        FieldError { field: field.into(), message: message.into(), text: None }
    }

    /// With the Fluent message that says the same in other languages.
    pub fn with_text(mut self, id: &'static str, args: Vec<(&'static str, String)>) -> FieldError {
        self.text = Some(Text { id, args });
        self
    }
}

/// The message for `field`, if it has one: what a form shows beside the field.
pub fn error_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a str> {
    errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
}

pub const DESCRIPTION_MAX: usize = 10_000;
pub const NAME_MAX: usize = 200;
pub const EMAIL_MAX: usize = 254;
pub const ADDRESS_MAX: usize = 500;
pub const OUTCOME_MAX: usize = 2_000;

/// Collects field errors in the order the fields appear.
#[derive(Debug, Default)]
pub struct Checker {
    pub errors: Vec<FieldError>,
}

impl Checker {
    pub fn fail(&mut self, field: impl Into<std::borrow::Cow<'static, str>>, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    /// A failure the public site shows in the reader's language: `id` is its Fluent message.
    pub fn fail_t(
        &mut self,
        field: impl Into<std::borrow::Cow<'static, str>>,
        message: impl Into<String>,
        id: &'static str,
        args: Vec<(&'static str, String)>,
    ) {
        self.errors.push(FieldError::new(field, message).with_text(id, args));
    }

    /// Trims a text answer; `None` if blank. Refuses text over `max` characters and
    /// invisible control characters (PostgreSQL cannot store NUL, and nobody types them).
    pub fn text(
        &mut self,
        field: impl Into<std::borrow::Cow<'static, str>>,
        label: &str,
        value: &str,
        max: usize,
        required: bool,
    ) -> Option<String> {
        let value = value.trim();
        let label_id = label_id(label);
        if value.is_empty() {
            if required {
                match label_id {
                    Some(id) => {
                        self.fail_t(field, format!("Enter {label}"), "error-enter", vec![("label", id.to_owned())]);
                    }
                    None => self.fail(field, format!("Enter {label}")),
                }
            }
            return None;
        }
        let len = value.chars().count();
        if len > max {
            let (max, len) = (thousands(max), thousands(len));
            let message = format!("{} must be {max} characters or fewer (you entered {len})", capitalise(label));
            match label_id {
                Some(id) => self.fail_t(
                    field,
                    message,
                    "error-too-long",
                    vec![("label", id.to_owned()), ("max", max), ("len", len)],
                ),
                None => self.fail(field, message),
            }
            return None;
        }
        // U+FFFD is what a decoder leaves where bytes were not valid UTF-8: storing it
        // would keep text the resident never wrote.
        let unreadable = |c: char| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || c == '\u{FFFD}';
        if value.chars().any(unreadable) {
            let message = format!("{} contains characters we cannot accept; retype it without them", capitalise(label));
            match label_id {
                Some(id) => self.fail_t(field, message, "error-unreadable", vec![("label", id.to_owned())]),
                None => self.fail(field, message),
            }
            return None;
        }
        Some(value.replace("\r\n", "\n"))
    }

    pub fn email(&mut self, field: &'static str, value: &str) -> Option<String> {
        let value = self.text(field, "your email address", value, EMAIL_MAX, false)?;
        if is_email(&value) {
            Some(value.to_lowercase())
        } else {
            self.fail_t(
                field,
                "Enter an email address in the correct format, like name@example.com",
                "error-email-format",
                vec![],
            );
            None
        }
    }

    pub fn phone(&mut self, field: &'static str, value: &str) -> Option<String> {
        let value = self.text(field, "your phone number", value, 30, false)?;
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        let allowed = value.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c));
        if allowed && (10..=15).contains(&digits.len()) {
            Some(if value.starts_with('+') { format!("+{digits}") } else { digits })
        } else {
            self.fail_t(
                field,
                "Enter a phone number, like 01632 960 001 or +44 7700 900 982",
                "error-phone-format",
                vec![],
            );
            None
        }
    }

    /// A postal address to write to (`postal-address`, lines separated by new lines or
    /// commas) and its postcode (`postal-postcode`): at least a house number or name and
    /// a street, and a real postcode. Both empty is `None`, and an error only when the
    /// customer `wants_post` (they asked for post or large print); one without the other,
    /// or too little to post to, is a field error and `None`.
    pub fn postal(&mut self, address: &str, postcode: &str, wants_post: bool) -> Option<(String, String)> {
        let lines: Vec<&str> = address.split(['\n', ',']).map(str::trim).filter(|l| !l.is_empty()).collect();
        let text = lines.join("\n");
        let typed_postcode = postcode.trim();
        if text.is_empty() && typed_postcode.is_empty() {
            if wants_post {
                self.fail("postal-address", "Enter the address to post letters to, or untick post and large print");
            }
            return None;
        }
        let address = self.text("postal-address", "the address to post to", &text, ADDRESS_MAX, true);
        // A street line needs a house number or name and a street: two words at least.
        let postable = lines.iter().map(|l| l.split_whitespace().count()).sum::<usize>() >= 2 && text.len() >= 6;
        if address.is_some() && !postable {
            self.fail(
                "postal-address",
                "Enter the address to post to: at least the house number or name and the street, like 12 High Street",
            );
        }
        let postcode = match self.postcode("postal-postcode", typed_postcode) {
            Some(p) => Some(p),
            None if typed_postcode.is_empty() => {
                self.fail("postal-postcode", "Enter the postcode to post to, like KM1 2AB");
                None
            }
            None => None,
        };
        match (address, postcode, postable) {
            (Some(a), Some(p), true) => Some((a, p)),
            _ => None,
        }
    }

    pub fn postcode(&mut self, field: &'static str, value: &str) -> Option<String> {
        // Generous: anything that is not a postcode gets the postcode message, not a length one.
        let value = self.text(field, "a postcode", value, 20, false)?;
        match normalise_postcode(&value) {
            Some(p) => Some(p),
            None => {
                self.fail_t(field, "Enter a real postcode, like SW1A 1AA", "error-postcode-format", vec![]);
                None
            }
        }
    }
}

/// The Fluent id of a field's name, as the public form's errors use it ("your name" is
/// `label-name`): the id itself is passed, and the page puts it in the reader's language.
fn label_id(label: &str) -> Option<&'static str> {
    Some(match label {
        "a description" => "label-description",
        "the address or place" => "label-address",
        "your name" => "label-name",
        "your email address" => "label-email",
        "your phone number" => "label-phone",
        "a postcode" => "label-postcode",
        _ => return None,
    })
}

/// 10000 as "10,000", as GOV.UK style writes numbers.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn capitalise(label: &str) -> String {
    // "your name" reads "Your name"; "a description" reads "The description".
    let label = label.strip_prefix("a ").map_or_else(|| label.to_owned(), |rest| format!("the {rest}"));
    upper_first(&label)
}

/// The text with its first letter a capital: an error's words made a sentence's start.
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && !value.chars().any(|c| c.is_whitespace() || c.is_control() || "<>,;\"".contains(c))
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// A UK postcode in its usual form ("SW1A 1AA"), or `None`.
pub fn normalise_postcode(value: &str) -> Option<String> {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
        return None;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_ok = {
        let b = inward.as_bytes();
        b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()
    };
    let o = outward.as_bytes();
    let letters = o.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let rest = &o[letters..];
    let outward_ok = (1..=2).contains(&letters)
        && !rest.is_empty()
        && rest[0].is_ascii_digit()
        && rest.len() <= 2
        && rest.iter().all(u8::is_ascii_alphanumeric);
    (inward_ok && outward_ok).then(|| format!("{outward} {inward}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_are_read_in_any_case_and_spacing() {
        assert_eq!(normalise_postcode("sw1a1aa").as_deref(), Some("SW1A 1AA"));
        assert_eq!(normalise_postcode(" HA1  2XY ").as_deref(), Some("HA1 2XY"));
        assert_eq!(normalise_postcode("M1 1AE").as_deref(), Some("M1 1AE"));
        assert_eq!(normalise_postcode("EC1A 1BB").as_deref(), Some("EC1A 1BB"));
        assert_eq!(normalise_postcode("12345"), None);
        assert_eq!(normalise_postcode("HA1"), None);
        assert_eq!(normalise_postcode("<script>"), None);
    }

    #[test]
    fn numbers_are_written_with_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn emails_must_look_like_emails() {
        assert!(is_email("a.resident@example.com"));
        assert!(!is_email("a.resident@example"));
        assert!(!is_email("no at sign.com"));
        assert!(!is_email("<x>@example.com"));
    }

    #[test]
    fn text_over_the_limit_names_the_field_and_the_limit() {
        let mut c = Checker::default();
        assert_eq!(c.text("name", "your name", &"x".repeat(201), NAME_MAX, true), None);
        assert_eq!(c.errors[0].field, "name");
        assert_eq!(c.errors[0].message, "Your name must be 200 characters or fewer (you entered 201)");
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_are_kept() {
        let mut c = Checker::default();
        assert_eq!(c.text("d", "a description", "a\r\nb", 100, true).as_deref(), Some("a\nb"));
        assert_eq!(c.text("d", "a description", "a\0b", 100, true), None);
        assert_eq!(c.text("d", "a description", "bad \u{FFFD} bytes", 100, true), None);
        assert_eq!(c.errors.len(), 2);
    }

    #[test]
    fn phone_numbers_keep_only_their_digits() {
        let mut c = Checker::default();
        assert_eq!(c.phone("phone", "01632 960 001").as_deref(), Some("01632960001"));
        assert_eq!(c.phone("phone", "+44 (0)7700 900982").as_deref(), Some("+4407700900982"));
        assert_eq!(c.phone("phone", "call me"), None);
    }
}
