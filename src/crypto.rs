//! Tokens, hashes and passwords: random tokens and what the database keeps of them,
//! SHA-256 in hex, constant-time comparison, and argon2id passwords. Foundation: it
//! imports nothing of ours, so API keys, files and customers need not import sessions.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use password_hash::SaltString;
use password_hash::rand_core::OsRng;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// 32 random bytes as hex: a session token, or a CSRF token.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    hex(&bytes)
}

/// What the database keeps of a session token.
pub fn token_hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

/// The SHA-256 of some bytes, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub fn tokens_match(expected: &str, given: &str) -> bool {
    !expected.is_empty() && bool::from(expected.as_bytes().ct_eq(given.as_bytes()))
}

/// Bytes as lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes written as hex (either case), as `hex` writes them; `None` if it is not hex or
/// has an odd number of digits.
pub fn from_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len() / 2).map(|i| u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()).collect()
}

/// A secret key held in memory (the key that signs links to cases, say). Its `Debug`
/// says only that it is there, so a struct holding one can be logged.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(std::sync::Arc<[u8]>);

impl SecretKey {
    /// The key written as hex, as `site_keys` keeps it; `None` if it is not hex.
    pub fn from_hex(hex: &str) -> Option<Self> {
        if hex.is_empty() {
            return None;
        }
        from_hex(hex).map(|b| SecretKey(b.into()))
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

/// An argon2id hash in PHC form.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| anyhow::anyhow!("could not hash a password: {err}"))
}

/// Whether `password` matches the stored hash. With no account (`None`) a throwaway hash
/// is checked instead, so a wrong address takes as long as a wrong password and the
/// timing does not tell anyone which addresses have accounts.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("no account has this password").unwrap_or_default());
    let (hash, real) = match stored {
        Some(hash) => (hash, true),
        None => (dummy.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else { return false };
    Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && real
}

/// The shortest password `frontdoor user add` accepts (NCSC: length beats complexity).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Why a new password is refused, or `None`.
pub fn password_problem(password: &str) -> Option<String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Some(format!("the password must be at least {MIN_PASSWORD_CHARS} characters (it has {chars})"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passwords_are_refused_with_the_count() {
        assert_eq!(
            password_problem("short").as_deref(),
            Some("the password must be at least 12 characters (it has 5)")
        );
        assert_eq!(password_problem("twelve chars"), None);
    }

    #[test]
    fn a_password_verifies_only_against_its_own_hash() {
        let hash = hash_password("correct horse battery").expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", Some(&hash)));
        assert!(!verify_password("correct horse batterY", Some(&hash)));
        assert!(!verify_password("correct horse battery", None));
        assert!(!verify_password("anything", Some("not a hash")));
    }

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert!(tokens_match(&a, &a.clone()));
        assert!(!tokens_match(&a, &b));
        assert!(!tokens_match("", ""));
    }

    #[test]
    fn a_secret_key_reads_hex_and_never_prints_itself() {
        let key = SecretKey::from_hex(&hex(&[0, 1, 254, 255])).expect("hex");
        assert_eq!(key.bytes(), &[0, 1, 254, 255]);
        assert_eq!(SecretKey::from_hex("0A0b").map(|k| k.bytes().to_vec()), Some(vec![10, 11]));
        for bad in ["", "abc", "zz", "0é"] {
            assert_eq!(SecretKey::from_hex(bad), None, "{bad:?}");
        }
        assert_eq!(format!("{key:?}"), "SecretKey(..)");
    }
}
