//! Who sent a request, as far as limits are concerned: the client's address.
//!
//! The connection's own peer address, or, behind a reverse proxy configured with
//! `--client-ip-header`, the last address in that header (the one the proxy added; the
//! ones before it are whatever the client claimed). The address is only ever used as a
//! key for limits, hashed before anything is stored, and never logged.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::web::AppState;

/// The client's address as text, or `"unknown"` where none is known (a request made
/// in-process, as tests do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client(pub String);

impl Client {
    /// The address of a request's parts under these limits.
    pub fn of(parts: &Parts, header: Option<&str>) -> Client {
        Client::from(&parts.headers, &parts.extensions, header)
    }

    /// The address of a whole request under these limits.
    pub fn of_request(request: &axum::extract::Request, header: Option<&str>) -> Client {
        Client::from(request.headers(), request.extensions(), header)
    }

    fn from(headers: &axum::http::HeaderMap, extensions: &axum::http::Extensions, header: Option<&str>) -> Client {
        if let Some(name) = header {
            let forwarded = headers
                .get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|a| a.trim().parse::<IpAddr>().ok())
                .next_back();
            if let Some(ip) = forwarded {
                return Client(normalise(ip).to_string());
            }
        }
        match extensions.get::<ConnectInfo<SocketAddr>>() {
            Some(ConnectInfo(peer)) => Client(normalise(peer.ip()).to_string()),
            None => Client("unknown".to_owned()),
        }
    }
}

/// An IPv6 client counts by its /64, as one home or phone is given a whole /64; an
/// IPv4-mapped address counts as the IPv4 address it is.
fn normalise(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        IpAddr::V4(v4) => IpAddr::V4(v4),
    }
}

impl FromRequestParts<AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Client::of(parts, state.council.limits.client_ip_header.as_deref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(peer: Option<&str>, forwarded: Option<&str>) -> Parts {
        let mut request = axum::http::Request::builder();
        if let Some(f) = forwarded {
            request = request.header("x-forwarded-for", f);
        }
        let (mut parts, ()) = request.body(()).unwrap().into_parts();
        if let Some(p) = peer {
            parts.extensions.insert(ConnectInfo(p.parse::<SocketAddr>().unwrap()));
        }
        parts
    }

    #[test]
    fn the_peer_counts_unless_a_proxy_header_is_configured() {
        let p = parts(Some("203.0.113.9:5000"), Some("198.51.100.1, 192.0.2.7"));
        assert_eq!(Client::of(&p, None).0, "203.0.113.9");
        // The last address is the one our proxy added; the first is the client's claim.
        assert_eq!(Client::of(&p, Some("x-forwarded-for")).0, "192.0.2.7");
        assert_eq!(Client::of(&parts(None, None), None).0, "unknown");
    }

    #[test]
    fn an_ipv6_client_counts_by_its_64_and_a_mapped_address_as_ipv4() {
        let a = parts(Some("[2001:db8:1:2:aaaa::1]:80"), None);
        let b = parts(Some("[2001:db8:1:2:bbbb::9]:80"), None);
        assert_eq!(Client::of(&a, None), Client::of(&b, None));
        assert_eq!(Client::of(&parts(Some("[::ffff:192.0.2.1]:80"), None), None).0, "192.0.2.1");
    }
}
