//! Case references: short, readable over the phone, and self-checking.
//!
//! A reference is the council's prefix and the case id, scrambled and written in
//! Crockford base32 (no I, L, O or U), with a check character: `KMB-4K7-9QX`.
//!
//! Decisions:
//! - The reference is derived from the case id by a bijection, so two cases can never
//!   share one and no retry loop is needed. The scramble only keeps neighbouring cases
//!   from having neighbouring references; it is not a secret, and a reference is never
//!   proof of identity on its own.
//! - Five data characters cover the first 33.5 million cases (`KMB-4K7-9QX`); after that
//!   references grow to eight (`KMB-4K7-9QX-A2B`). Old references stay valid.
//! - The check character is Luhn mod 32, which catches every single-character mistake,
//!   so a mistyped reference is refused before anything is looked up.
//! - Parsing follows Crockford: case and hyphens do not matter, `I`/`L` read as `1` and
//!   `O` as `0`. The prefix may be left off.

use std::fmt;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const SHORT_BITS: u32 = 25;
const LONG_BITS: u32 = 40;
// Odd, so invertible modulo any power of two.
const MULTIPLIER: u64 = 0x9E37_79B9;

/// A council's reference prefix: two to five capital letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefix(String);

impl Prefix {
    pub fn parse(input: &str) -> Result<Self, String> {
        let upper = input.trim().to_ascii_uppercase();
        if (2..=5).contains(&upper.len()) && upper.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(upper))
        } else {
            Err(format!("the reference prefix must be 2 to 5 letters, like KMB (got {input:?})"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a typed reference was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RefError {
    #[error("enter a reference")]
    Empty,
    #[error("a reference has 6 or 9 letters and numbers after the prefix")]
    WrongLength,
    #[error("a reference cannot contain {0:?}")]
    BadCharacter(char),
    #[error("that reference is not one of ours; check it for a mistyped letter or number")]
    CheckFailed,
}

/// A valid case reference, and the case id it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRef {
    id: i64,
    text: String,
}

impl CaseRef {
    /// The reference for a case id. Ids start at 1.
    pub fn from_id(prefix: &Prefix, id: i64) -> Self {
        let id = u64::try_from(id).expect("case ids are positive");
        let bits = if id < (1 << SHORT_BITS) { SHORT_BITS } else { LONG_BITS };
        assert!(id < (1 << LONG_BITS), "case id beyond the reference space");
        let mut digits = to_digits(scramble(id, bits), (bits / 5) as usize);
        digits.push(check_digit(&digits));
        let mut text = String::with_capacity(prefix.0.len() + digits.len() + 4);
        text.push_str(&prefix.0);
        for group in digits.chunks(3) {
            text.push('-');
            text.extend(group.iter().map(|&d| ALPHABET[d as usize] as char));
        }
        Self { id: id as i64, text }
    }

    /// Reads a reference as a resident might type it. The prefix is optional.
    pub fn parse(prefix: &Prefix, input: &str) -> Result<Self, RefError> {
        let compact: String =
            input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_ascii_uppercase();
        if compact.is_empty() {
            return Err(RefError::Empty);
        }
        let body = compact.strip_prefix(prefix.as_str()).unwrap_or(&compact);
        let digits = body.chars().map(digit_of).collect::<Result<Vec<u8>, _>>()?;
        let bits = match digits.len() {
            6 => SHORT_BITS,
            9 => LONG_BITS,
            _ => return Err(RefError::WrongLength),
        };
        let (data, check) = digits.split_at(digits.len() - 1);
        if check_digit(data) != check[0] {
            return Err(RefError::CheckFailed);
        }
        let id = unscramble(from_digits(data), bits);
        // A long reference for a small id would be a second spelling of a short one.
        if id == 0 || (bits == LONG_BITS && id < (1 << SHORT_BITS)) {
            return Err(RefError::CheckFailed);
        }
        Ok(Self::from_id(prefix, id as i64))
    }

    pub fn id(&self) -> i64 {
        self.id
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for CaseRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn digit_of(c: char) -> Result<u8, RefError> {
    let c = match c {
        'I' | 'L' => '1',
        'O' => '0',
        other => other,
    };
    ALPHABET.iter().position(|&a| a as char == c).map(|p| p as u8).ok_or(RefError::BadCharacter(c))
}

fn to_digits(mut value: u64, count: usize) -> Vec<u8> {
    let mut digits = vec![0u8; count];
    for slot in digits.iter_mut().rev() {
        *slot = (value & 31) as u8;
        value >>= 5;
    }
    digits
}

fn from_digits(digits: &[u8]) -> u64 {
    digits.iter().fold(0, |acc, &d| (acc << 5) | u64::from(d))
}

/// Luhn mod 32: doubling every second digit from the right is a permutation of the
/// digits, so any single changed character changes the sum.
fn check_digit(digits: &[u8]) -> u8 {
    let mut sum = 0u32;
    for (i, &d) in digits.iter().rev().enumerate() {
        let mut addend = u32::from(d);
        if i % 2 == 0 {
            addend *= 2;
            addend = addend / 32 + addend % 32;
        }
        sum += addend;
    }
    ((32 - sum % 32) % 32) as u8
}

fn mask(bits: u32) -> u64 {
    (1u64 << bits) - 1
}

fn scramble(mut x: u64, bits: u32) -> u64 {
    let shift = bits.div_ceil(2);
    for _ in 0..3 {
        x = x.wrapping_mul(MULTIPLIER) & mask(bits);
        x ^= x >> shift;
    }
    x
}

fn unscramble(mut x: u64, bits: u32) -> u64 {
    let shift = bits.div_ceil(2);
    let inverse = inverse_mod_pow2(MULTIPLIER);
    for _ in 0..3 {
        // A right xor-shift by at least half the width is its own inverse.
        x ^= x >> shift;
        x = x.wrapping_mul(inverse) & mask(bits);
    }
    x
}

/// Newton's iteration for the inverse of an odd number modulo 2^64.
fn inverse_mod_pow2(a: u64) -> u64 {
    let mut x = a;
    for _ in 0..6 {
        x = x.wrapping_mul(2u64.wrapping_sub(a.wrapping_mul(x)));
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kmb() -> Prefix {
        Prefix::parse("KMB").expect("valid prefix")
    }

    #[test]
    fn a_reference_reads_as_prefix_and_two_groups_of_three() {
        let r = CaseRef::from_id(&kmb(), 1);
        let text = r.as_str();
        assert_eq!(text.len(), "KMB-XXX-XXX".len());
        assert!(text.starts_with("KMB-"));
        assert_eq!(text.as_bytes()[7], b'-');
        assert!(!text[4..].contains(['I', 'L', 'O', 'U']));
    }

    #[test]
    fn neighbouring_cases_do_not_get_neighbouring_references() {
        let a = CaseRef::from_id(&kmb(), 1000);
        let b = CaseRef::from_id(&kmb(), 1001);
        let shared = a.as_str().chars().zip(b.as_str().chars()).filter(|(x, y)| x == y).count();
        assert!(shared < a.as_str().len() - 2, "{a} and {b} look alike");
    }

    #[test]
    fn references_grow_past_the_short_range_and_stay_unique() {
        let last_short = CaseRef::from_id(&kmb(), (1 << 25) - 1);
        let first_long = CaseRef::from_id(&kmb(), 1 << 25);
        assert_eq!(last_short.as_str().len(), 11);
        assert_eq!(first_long.as_str().len(), 15);
        assert_eq!(CaseRef::parse(&kmb(), first_long.as_str()).map(|r| r.id()), Ok(1 << 25));
    }

    #[test]
    fn a_reference_is_read_however_it_is_typed() {
        let r = CaseRef::from_id(&kmb(), 424_242);
        let sloppy = r.as_str().to_lowercase().replace('-', " ");
        assert_eq!(CaseRef::parse(&kmb(), &sloppy), Ok(r.clone()));
        let without_prefix = &r.as_str()[4..];
        assert_eq!(CaseRef::parse(&kmb(), without_prefix), Ok(r.clone()));
    }

    #[test]
    fn bad_input_is_refused_with_a_reason() {
        assert_eq!(CaseRef::parse(&kmb(), "  "), Err(RefError::Empty));
        assert_eq!(CaseRef::parse(&kmb(), "KMB-123"), Err(RefError::WrongLength));
        assert_eq!(CaseRef::parse(&kmb(), "KMB-12U-456"), Err(RefError::BadCharacter('U')));
        assert_eq!(CaseRef::parse(&kmb(), "KMB-12#-456"), Err(RefError::BadCharacter('#')));
    }

    #[test]
    fn prefixes_are_two_to_five_letters() {
        assert!(Prefix::parse("hrw").is_ok());
        assert!(Prefix::parse("H").is_err());
        assert!(Prefix::parse("HRW1").is_err());
        assert!(Prefix::parse("ABCDEF").is_err());
    }

    proptest! {
        #[test]
        fn every_reference_round_trips(id in 1i64..(1 << 40)) {
            let r = CaseRef::from_id(&kmb(), id);
            prop_assert_eq!(CaseRef::parse(&kmb(), r.as_str()).map(|p| p.id()), Ok(id));
        }

        #[test]
        fn every_single_character_typo_is_detected(
            id in prop_oneof![1i64..(1 << 25), (1i64 << 25)..(1 << 40)],
            position in 0usize..9,
            replacement in 0usize..32,
        ) {
            let r = CaseRef::from_id(&kmb(), id);
            let mut chars: Vec<char> = r.as_str()[4..].chars().filter(|c| *c != '-').collect();
            let position = position % chars.len();
            let typo = ALPHABET[replacement] as char;
            prop_assume!(chars[position] != typo);
            chars[position] = typo;
            let typed: String = chars.into_iter().collect();
            prop_assert_eq!(CaseRef::parse(&kmb(), &typed), Err(RefError::CheckFailed));
        }
    }
}
