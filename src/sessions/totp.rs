//! Time-based one-time codes (RFC 6238: HMAC-SHA1, 6 digits, 30 seconds), the optional
//! second step at sign-in, as authenticator apps make them.

use totp_rs::{Algorithm, Secret, TOTP};

/// Seconds each code lasts.
pub const STEP: u64 = 30;

/// A new secret: 20 random bytes (160 bits, as RFC 4226 recommends), in base32.
pub fn new_secret() -> String {
    let bytes: [u8; 20] = rand::random();
    match Secret::Raw(bytes.to_vec()).to_encoded() {
        Secret::Encoded(text) => text,
        Secret::Raw(_) => unreachable!("to_encoded always encodes"),
    }
}

fn totp(secret: &str, issuer: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, 6, 1, STEP, bytes, Some(issuer.to_owned()), account.to_owned()).ok()
}

/// The `otpauth://` address an app can be given instead of typing the secret.
pub fn url(secret: &str, issuer: &str, account: &str) -> Option<String> {
    Some(totp(secret, issuer, account)?.get_url())
}

/// The code for a time step: for tests, and for nothing else.
pub fn code_at(secret: &str, step: u64) -> Option<String> {
    Some(totp(secret, "frontdoor", "code")?.generate(step * STEP))
}

/// The time step a typed code belongs to, if it is right now or one step either side
/// (clocks drift, people type slowly). Spaces and dashes in what was typed are ignored.
pub fn matching_step(secret: &str, typed: &str, now_secs: u64) -> Option<u64> {
    let code: String = typed.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let totp = totp(secret, "frontdoor", "code")?;
    let now = now_secs / STEP;
    [now.saturating_sub(1), now, now + 1].into_iter().find(|step| {
        let expected = totp.generate(step * STEP);
        crate::crypto::tokens_match(&expected, &code)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32.
    const RFC_KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn codes_match_the_rfc_test_vectors() {
        // At 59 s the 8-digit code is 94287082; apps show the last 6 digits.
        assert_eq!(matching_step(RFC_KEY, "287082", 59), Some(1));
        // At 1111111109 s: 07081804.
        assert_eq!(matching_step(RFC_KEY, "081 804", 1_111_111_109), Some(1_111_111_109 / 30));
    }

    #[test]
    fn a_code_is_good_for_one_step_either_side_and_no_more() {
        let secret = new_secret();
        let now = 1_780_000_000;
        let step = now / STEP;
        let code = code_at(&secret, step).expect("code");
        assert_eq!(matching_step(&secret, &code, now), Some(step));
        assert_eq!(matching_step(&secret, &code, now + STEP), Some(step));
        assert_eq!(matching_step(&secret, &code, now + 2 * STEP), None);
        assert_eq!(matching_step(&secret, "12345", now), None);
        assert_eq!(matching_step(&secret, "abcdef", now), None);
    }

    #[test]
    fn a_new_secret_is_160_bits_of_base32() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        assert_ne!(secret, new_secret());
        assert!(
            url(&secret, "Kingsmead Borough Council", "alex@council.example")
                .expect("url")
                .starts_with("otpauth://totp/")
        );
    }
}
