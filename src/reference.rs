//! Case references: short, readable over the phone, and self-checking.
//!
//! A reference is the council's prefix and the case id, scrambled and written in
//! Crockford base32 (no I, L, O or U), with a check character: `KMB-4K7-9QX`.
//!
//! Decisions:
//! - The reference is derived from the case id by a bijection, so two cases can never
//!   share one and no retry loop is needed.
//! - The bijection is keyed ([`RefKey`]): an 8-round Feistel network over the id, its
//!   round function SipHash-1-3 under a key made at random when the database is
//!   installed (migration 0026). Without the key nobody can tell one case's reference
//!   from another's, so knowing one reference tells nothing about the rest, and two
//!   installations give the same case id different references. A reference is still
//!   never proof of identity on its own.
//! - An installation that had cases before the key was made keeps their references:
//!   ids before [`RefKey`]'s `from` keep the public scramble, and later ids are walked
//!   (cycle-walking) past every reference those older ids hold, so none is given twice.
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
/// Feistel rounds: four make a strong pseudo-random permutation (Luby and Rackoff);
/// eight leave a margin at these small widths.
const ROUNDS: u64 = 8;

/// A council's reference prefix: two to five capital letters, and the installation's
/// key that references are derived under, once it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefix {
    text: String,
    key: Option<std::sync::Arc<RefKey>>,
}

impl Prefix {
    pub fn parse(input: &str) -> Result<Self, String> {
        let upper = input.trim().to_ascii_uppercase();
        if (2..=5).contains(&upper.len()) && upper.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self { text: upper, key: None })
        } else {
            Err(format!("the reference prefix must be 2 to 5 letters, like KMB (got {input:?})"))
        }
    }

    /// The same prefix, deriving references under `key`.
    pub fn keyed(&self, key: Option<RefKey>) -> Self {
        Self { text: self.text.clone(), key: key.map(std::sync::Arc::new) }
    }

    /// The same prefix, deriving references under the key of a migrated database.
    pub fn keyed_for(&self, db: &crate::db::Db) -> Self {
        let key = db.site_key("references").and_then(|secret| {
            let from = db.site_key("references_from")?.parse::<i64>().ok()?;
            RefKey::new(secret, from)
        });
        self.keyed(key)
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// The key of one installation that references are derived under, and the first case id
/// it applies to (earlier cases keep the references they were given).
#[derive(Clone, PartialEq, Eq)]
pub struct RefKey {
    key: [u8; 16],
    from: u64,
}

impl fmt::Debug for RefKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefKey").field("key", &"(secret)").field("from", &self.from).finish()
    }
}

impl RefKey {
    /// From the stored hex secret (at least 32 hex digits) and the first id it covers.
    pub fn new(secret_hex: &str, from: i64) -> Option<Self> {
        let key = crate::crypto::from_hex(secret_hex.get(..32)?)?.try_into().ok()?;
        Some(Self { key, from: u64::try_from(from.max(1)).ok()? })
    }

    /// The lowest id that is valid at this width: 1, or the first long id.
    fn lowest(bits: u32) -> u64 {
        if bits == SHORT_BITS { 1 } else { 1 << SHORT_BITS }
    }

    /// Whether a scrambled value at this width is the reference of a case made before
    /// the key, and so may not be given to another.
    fn taken(&self, value: u64, bits: u32) -> bool {
        let id = unscramble(value, bits);
        (Self::lowest(bits)..self.from).contains(&id)
    }

    /// Whether `value` is in the set the keyed permutation walks within.
    fn walkable(&self, value: u64, bits: u32) -> bool {
        value < (1 << bits) && !self.taken(value, bits)
    }

    fn round(&self, round: u64, half: u64, half_bits: u32) -> u64 {
        use std::hash::Hasher;
        let mut hasher = siphasher::sip::SipHasher13::new_with_key(&self.key);
        hasher.write_u64((round << 8) | u64::from(half_bits));
        hasher.write_u64(half);
        hasher.finish() & mask(half_bits)
    }

    /// One pass of the balanced Feistel network over `2 * half_bits` bits.
    fn feistel(&self, value: u64, half_bits: u32) -> u64 {
        let (mut left, mut right) = (value >> half_bits, value & mask(half_bits));
        for round in 0..ROUNDS {
            (left, right) = (right, left ^ self.round(round, right, half_bits));
        }
        (left << half_bits) | right
    }

    fn feistel_inverse(&self, value: u64, half_bits: u32) -> u64 {
        let (mut left, mut right) = (value >> half_bits, value & mask(half_bits));
        for round in (0..ROUNDS).rev() {
            (left, right) = (right ^ self.round(round, left, half_bits), left);
        }
        (left << half_bits) | right
    }

    /// The keyed permutation of the walkable set, by cycle-walking: apply the Feistel
    /// network until the value lands in the set again. A permutation of a larger set
    /// restricted this way is a permutation of the smaller one.
    fn encrypt(&self, value: u64, bits: u32) -> u64 {
        let half_bits = bits.div_ceil(2);
        let mut x = self.feistel(value, half_bits);
        while !self.walkable(x, bits) {
            x = self.feistel(x, half_bits);
        }
        x
    }

    fn decrypt(&self, value: u64, bits: u32) -> u64 {
        let half_bits = bits.div_ceil(2);
        let mut x = self.feistel_inverse(value, half_bits);
        while !self.walkable(x, bits) {
            x = self.feistel_inverse(x, half_bits);
        }
        x
    }

    /// The value written for `id` at this width.
    fn hide(&self, id: u64, bits: u32) -> u64 {
        let public = scramble(id, bits);
        if id < self.from { public } else { self.encrypt(public, bits) }
    }

    /// The id a written value stands for (not yet checked for range).
    fn reveal(&self, value: u64, bits: u32) -> u64 {
        if self.taken(value, bits) {
            return unscramble(value, bits);
        }
        if value >= (1 << bits) {
            return 0;
        }
        unscramble(self.decrypt(value, bits), bits)
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
        let value = match &prefix.key {
            Some(key) => key.hide(id, bits),
            None => scramble(id, bits),
        };
        let mut digits = to_digits(value, (bits / 5) as usize);
        digits.push(check_digit(&digits));
        let mut text = String::with_capacity(prefix.text.len() + digits.len() + 4);
        text.push_str(&prefix.text);
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
        let first = match Self::parse_body(prefix, body) {
            Ok(found) => return Ok(found),
            Err(first) => first,
        };
        // "KMB-..." is the prefix, and what follows it is the reference.
        let typed = input.trim_start();
        let marked = typed.get(..prefix.as_str().len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_str()))
            && typed[prefix.as_str().len()..].starts_with(|c: char| c == '-' || c.is_whitespace());
        if marked || body.len() == compact.len() {
            return Err(first);
        }
        // Otherwise the prefix's letters may begin a reference typed without it (one in
        // 32,768 of them): read the whole as the reference before giving up. When neither
        // reading is one, the error of the one with the right length says more.
        match Self::parse_body(prefix, &compact) {
            Ok(found) => Ok(found),
            Err(second) if first == RefError::WrongLength => Err(second),
            Err(_) => Err(first),
        }
    }

    /// Reads the letters and numbers after the prefix.
    fn parse_body(prefix: &Prefix, body: &str) -> Result<Self, RefError> {
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
        let id = match &prefix.key {
            Some(key) => key.reveal(from_digits(data), bits),
            None => unscramble(from_digits(data), bits),
        };
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

    fn keyed(secret: &str, from: i64) -> Prefix {
        kmb().keyed(RefKey::new(secret, from))
    }

    const KEY_A: &str = "000102030405060708090a0b0c0d0e0f";
    const KEY_B: &str = "f0e1d2c3b4a5968778695a4b3c2d1e0f";

    #[test]
    fn two_installations_give_the_same_case_different_references() {
        let (a, b) = (keyed(KEY_A, 1), keyed(KEY_B, 1));
        let differ = (1..=100).filter(|id| CaseRef::from_id(&a, *id) != CaseRef::from_id(&b, *id)).count();
        assert!(differ >= 98, "only {differ} of 100 differ");
        // And neither is the public scramble anyone could compute.
        let public = (1..=100).filter(|id| CaseRef::from_id(&a, *id) == CaseRef::from_id(&kmb(), *id)).count();
        assert!(public <= 2, "{public} of 100 are the unkeyed reference");
    }

    #[test]
    fn references_given_before_the_key_stay_valid_and_are_never_given_again() {
        // Every short reference of the first 20,000 cases, made before the key.
        let from = 20_001;
        let prefix = keyed(KEY_A, from);
        let mut seen = std::collections::HashSet::new();
        for id in 1..from {
            let old = CaseRef::from_id(&kmb(), id);
            assert_eq!(CaseRef::from_id(&prefix, id), old, "case {id} keeps its reference");
            assert_eq!(CaseRef::parse(&prefix, old.as_str()).map(|r| r.id()), Ok(id));
            seen.insert(old.as_str().to_owned());
        }
        for id in from..from + 50_000 {
            let new = CaseRef::from_id(&prefix, id);
            assert!(seen.insert(new.as_str().to_owned()), "{new} for case {id} was given before");
            assert_eq!(CaseRef::parse(&prefix, new.as_str()).map(|r| r.id()), Ok(id));
        }
    }

    #[test]
    fn a_reference_whose_letters_begin_with_the_prefix_is_read_without_it() {
        // Found by proptest: case 20544477's letters begin with KMB.
        let r = CaseRef::from_id(&kmb(), 20_544_477);
        let bare: String = r.as_str()[4..].chars().filter(|c| *c != '-').collect();
        assert!(bare.starts_with("KMB"), "{bare}");
        assert_eq!(CaseRef::parse(&kmb(), &bare).map(|p| p.id()), Ok(20_544_477));
        assert_eq!(CaseRef::parse(&kmb(), r.as_str()).map(|p| p.id()), Ok(20_544_477));
        let mut typo: Vec<char> = bare.chars().collect();
        typo[4] = if typo[4] == '2' { '3' } else { '2' };
        let typo: String = typo.into_iter().collect();
        assert_eq!(CaseRef::parse(&kmb(), &typo), Err(RefError::CheckFailed));
    }

    proptest! {
        #[test]
        fn every_keyed_reference_round_trips(id in prop_oneof![1i64..(1 << 25), (1i64 << 25)..(1 << 40)], from in 1i64..100_000) {
            let prefix = keyed(KEY_B, from);
            let r = CaseRef::from_id(&prefix, id);
            prop_assert_eq!(CaseRef::parse(&prefix, r.as_str()).map(|p| p.id()), Ok(id));
        }

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
