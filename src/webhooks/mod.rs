//! Webhooks: an administrator subscribes a URL to kinds of case event, for every case
//! or for one partner's, and each such event is sent to it as a signed POST.
//!
//! - **From the outbox.** [`db::enqueue`] runs inside [`crate::casework::append_event`],
//!   so a delivery row is written in the transaction that records the event: an event is
//!   never committed without its deliveries, nor a delivery without its event.
//! - **At least once, ordered per case.** The `webhooks` job sends the oldest pending
//!   delivery of each case and subscription; the next waits until it is delivered or
//!   given up. A failure waits with exponential backoff (the job runner's: 10 s doubling
//!   to an hour); after [`MAX_ATTEMPTS`] the delivery is dead, listed for administrators,
//!   who can send it again. A receiver may see a message twice (if we die after sending
//!   and before recording it): `webhook-id` is the same each time, so it can tell.
//! - **Standard Webhooks.** Headers `webhook-id`, `webhook-timestamp` (Unix seconds) and
//!   `webhook-signature` (`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under
//!   the secret's bytes). The secret is `whsec_` and base64, shown once when made; it
//!   has to be kept as it is, to sign with.
//! - **Safe to send.** Redirects are never followed (a 3xx is a failed attempt). The
//!   host is resolved at each attempt and every address checked: loopback, private,
//!   link-local and other non-public ranges are refused unless the council's
//!   configuration allows them (`--webhook-allow-private`), and the connection goes to
//!   the address that was checked, so a second lookup cannot change it.
//! - **Plain HTTP or HTTPS** (rustls, with the Mozilla roots built in).
//! - **What is sent.** The event as the JSON API's feed shows it, the words of internal
//!   notes included: a subscription is for a system the council trusts with them, as it
//!   trusts a key that reads the feed.

pub mod db;

use std::net::IpAddr;

use hyper::Uri;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A URL we may post to: http or https, a host, and a path.
#[derive(Debug, Clone)]
pub struct Target {
    uri: Uri,
    pub(crate) tls: bool,
    pub(crate) host: String,
    pub(crate) port: u16,
}

impl Target {
    pub fn parse(text: &str) -> Result<Target, String> {
        let text = text.trim();
        let uri: Uri =
            text.parse().map_err(|_| "Give a web address, like https://jobs.example.org/frontdoor".to_owned())?;
        let tls = match uri.scheme_str() {
            Some("https") => true,
            Some("http") => false,
            _ => return Err("The address must start with https:// or http://".to_owned()),
        };
        let Some(host) = uri.host().filter(|h| !h.is_empty()) else {
            return Err("The address has no host name".to_owned());
        };
        if uri.authority().is_some_and(|a| a.as_str().contains('@')) {
            return Err("The address must not carry a user name or password".to_owned());
        }
        let host = host.trim_start_matches('[').trim_end_matches(']').to_owned();
        let port = uri.port_u16().unwrap_or(if tls { 443 } else { 80 });
        Ok(Target { uri, tls, host, port })
    }

    pub fn as_str(&self) -> String {
        self.uri.to_string()
    }

    /// The address, when the URL names one instead of a host.
    pub fn literal_ip(&self) -> Option<IpAddr> {
        self.host.parse().ok()
    }

    pub(crate) fn path(&self) -> &str {
        self.uri.path_and_query().map_or("/", |p| p.as_str())
    }

    pub(crate) fn authority(&self) -> &str {
        self.uri.authority().map_or(self.host.as_str(), |a| a.as_str())
    }
}

/// Attempts before a delivery is dead: with the backoff, about four and a half hours.
pub const MAX_ATTEMPTS: i64 = 12;

/// The event kinds a subscription may choose.
pub fn kinds() -> &'static [crate::cases::EventKind] {
    crate::cases::EventKind::ALL
}

/// A new secret: `whsec_` and 24 random bytes in base64.
pub fn new_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    format!("whsec_{}", STANDARD.encode(bytes))
}

/// The `webhook-signature` header for a message, by the Standard Webhooks scheme.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> String {
    let key = STANDARD.decode(secret.trim_start_matches("whsec_")).unwrap_or_else(|_| secret.as_bytes().to_vec());
    // HMAC takes a key of any length.
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap_or_else(|_| unreachable!("HMAC accepts any key"));
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
}

/// Whether an address is outside the public internet: loopback, private, link-local,
/// shared (carrier-grade NAT), documentation, multicast or unspecified.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0)
                || a >= 240
        }
        IpAddr::V6(v6) => {
            // Forms that carry an IPv4 address inside: judged by that address, so that
            // `[::127.0.0.1]` or `[64:ff9b::7f00:1]` cannot reach loopback.
            if let Some(v4) = embedded_ipv4(v6) {
                return is_private(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8
        }
    }
}

/// The IPv4 address an IPv6 address carries, in each form that routes to one:
/// IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`, deprecated but still
/// routed by some stacks), NAT64 (`64:ff9b::/96` and the local-use `64:ff9b:1::/48`),
/// 6to4 (`2002:AABB:CCDD::/16`) and Teredo (`2001:0::/32`, the client's address
/// inverted in the last 32 bits).
fn embedded_ipv4(v6: std::net::Ipv6Addr) -> Option<std::net::Ipv4Addr> {
    use std::net::Ipv4Addr;
    let s = v6.segments();
    let last = |hi: u16, lo: u16| Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8);
    if let Some(v4) = v6.to_ipv4_mapped() {
        return Some(v4);
    }
    // IPv4-compatible; `::` and `::1` are themselves (unspecified and loopback).
    if s[..6] == [0; 6] && (s[6] != 0 || s[7] > 1) {
        return Some(last(s[6], s[7]));
    }
    if s[0] == 0x0064 && s[1] == 0xff9b && (s[2..6] == [0; 4] || s[2] == 1) {
        return Some(last(s[6], s[7]));
    }
    if s[0] == 0x2002 {
        return Some(last(s[1], s[2]));
    }
    if s[0] == 0x2001 && s[1] == 0 {
        return Some(last(!s[6], !s[7]));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ipv6_form_that_embeds_a_private_ipv4_address_is_private() {
        for (address, why) in [
            ("::ffff:127.0.0.1", "IPv4-mapped loopback"),
            ("::ffff:10.0.0.5", "IPv4-mapped private"),
            ("::127.0.0.1", "IPv4-compatible loopback"),
            ("::7f00:1", "IPv4-compatible loopback, in hex"),
            ("::192.168.1.1", "IPv4-compatible private"),
            ("::169.254.169.254", "IPv4-compatible cloud metadata"),
            ("64:ff9b::7f00:1", "NAT64 loopback"),
            ("64:ff9b::10.1.2.3", "NAT64 private"),
            ("64:ff9b:1::a9fe:a9fe", "local-use NAT64 link-local"),
            ("2002:7f00:1::", "6to4 of loopback"),
            ("2002:c0a8:101::1", "6to4 of 192.168.1.1"),
            ("2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo of 127.0.0.1"),
            ("2001:0:4136:e378:8000:63bf:f5ff:fffa", "Teredo of 10.0.0.5"),
        ] {
            let ip: IpAddr = address.parse().unwrap();
            assert!(is_private(ip), "{address} ({why}) must be refused");
        }
        // The same forms around a public address are public.
        for address in ["::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2001:0:4136:e378:8000:63bf:f7f7:f7f7"]
        {
            assert!(!is_private(address.parse().unwrap()), "{address} is public");
        }
    }

    #[test]
    fn the_signature_is_the_standard_webhooks_example() {
        // The example in the Standard Webhooks specification's reference libraries.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = br#"{"test": 2432232314}"#;
        assert_eq!(
            sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
        assert!(new_secret().starts_with("whsec_") && new_secret() != new_secret());
    }

    #[test]
    fn private_and_loopback_addresses_are_refused_and_public_ones_are_not() {
        for private in
            ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0"]
        {
            assert!(is_private(private.parse().unwrap()), "{private}");
        }
        for private in ["::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::"] {
            assert!(is_private(private.parse().unwrap()), "{private}");
        }
        for public in ["81.2.69.142", "151.101.0.1", "2a00:1450:4009:81f::200e"] {
            assert!(!is_private(public.parse().unwrap()), "{public}");
        }
    }
}
