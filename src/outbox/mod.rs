//! The outbox: every message to a customer is a row written in the same transaction as
//! the change that caused it, so a change is never made without its message or the
//! reverse. Each email row gets a `deliver` job in that transaction too.
//!
//! Delivery (`jobs::deliver`) is at least once: a job that dies after sending and before
//! recording it sends again. The row's Message-ID was fixed when it was written, so the
//! second copy is the same message, which mail clients show once. With no relay (the
//! demo), mail is written to a folder as `<id>.eml`, and a retry overwrites the file.

pub mod db;

use std::path::PathBuf;

/// How a message reaches the customer: by email; by a letter, printed from
/// `/staff/post`, for a customer with no email address or who asked for post; and
/// otherwise by phone, a task for staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutChannel {
    Email,
    Letter,
    Phone,
}

impl OutChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            OutChannel::Email => "email",
            OutChannel::Letter => "letter",
            OutChannel::Phone => "phone",
        }
    }
}

/// Why a message is sent. Acknowledgements are rate-limited per recipient, and a
/// delivered acknowledgement is what acknowledges the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Acknowledgement,
    Update,
    Reply,
    /// The case is resolved: what was done, and one link to say whether it sorted it.
    Resolution,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Acknowledgement => "acknowledgement",
            Purpose::Update => "update",
            Purpose::Reply => "reply",
            Purpose::Resolution => "resolution",
        }
    }
}

/// A message to write.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub case_id: i64,
    pub customer_id: i64,
    pub channel: OutChannel,
    pub purpose: Purpose,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// RFC 3834: `auto-generated` for notifications, `auto-replied` for acknowledgements.
    pub auto_submitted: Option<&'a str>,
    /// The customer's message this answers, with angle brackets, for threading.
    pub in_reply_to: Option<&'a str>,
    /// A calendar file (RFC 5545) sent with it: an appointment's or a visit's.
    pub calendar: Option<&'a str>,
    /// A letter in large print (at least 16 pt), as the customer asked.
    pub large_print: bool,
}

/// Where delivered mail goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// The council's SMTP relay, on its internal network (no TLS, no login).
    Relay { host: String, port: u16 },
    /// A folder of `.eml` files, for the demo and for councils trying it out.
    Folder(PathBuf),
}

impl Transport {
    /// Reads `HOST:PORT` (or `smtp://HOST:PORT`); the port defaults to 25.
    pub fn relay(text: &str) -> anyhow::Result<Transport> {
        let bare = text.trim().trim_start_matches("smtp://").trim_end_matches('/');
        let (host, port) = match bare.rsplit_once(':') {
            Some((host, port)) => {
                let port = port.parse::<u16>().map_err(|_| {
                    anyhow::anyhow!("the SMTP relay {text:?} has a port that is not a number from 1 to 65535")
                })?;
                (host, port)
            }
            None => (bare, 25),
        };
        if host.is_empty() || port == 0 {
            anyhow::bail!("the SMTP relay {text:?} is not HOST:PORT, like mail.council.internal:25");
        }
        Ok(Transport::Relay { host: host.to_owned(), port })
    }
}

/// Private links in a message, and what to show instead. Each gives whoever holds it the
/// customer's case, their details or their appointment without signing in.
const PRIVATE_LINKS: [(&str, &str); 3] = [
    ("/open/", "[private link to follow the case]"),
    ("/you/", "[private link to report again without typing their details]"),
    ("/appointments/", "[private link to change the appointment]"),
];

/// A message as staff see it in the outbox: the same words, with every private link sent
/// to the customer replaced by what it was for, so that a link can be seen to have gone
/// without anyone copying it. `/you/forget` (the page that forgets a device) is no secret.
pub fn hide_private_links(body: &str) -> String {
    body.split_inclusive(char::is_whitespace)
        .map(|piece| {
            let word = piece.trim_end_matches(char::is_whitespace);
            let space = &piece[word.len()..];
            let url = word.trim_end_matches(['.', ',', ')', ';']);
            let after = &word[url.len()..];
            let private = (url.contains("://") && !url.ends_with("/you/forget"))
                .then(|| {
                    PRIVATE_LINKS
                        .iter()
                        .find(|(marker, _)| url.split_once(marker).is_some_and(|(_, rest)| !rest.is_empty()))
                })
                .flatten();
            match private {
                Some((_, shown)) => format!("{shown}{after}{space}"),
                None => piece.to_owned(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relay_is_host_and_port() {
        assert_eq!(
            Transport::relay("127.0.0.1:2526").unwrap(),
            Transport::Relay { host: "127.0.0.1".into(), port: 2526 }
        );
        assert_eq!(
            Transport::relay("smtp://mail.internal").unwrap(),
            Transport::Relay { host: "mail.internal".into(), port: 25 }
        );
        assert!(Transport::relay("mail:x").unwrap_err().to_string().contains("port"));
        assert!(Transport::relay(":25").is_err());
    }

    #[test]
    fn private_links_are_shown_as_what_they_were_for() {
        let body = "Your reference is KM-AB12.\n\nFollow your case online: https://council.example/cases/KM-AB12/open/9f8e7d6c5b\n\n\
                    To report again: https://council.example/you/Zx_81-kq.\n\
                    Change it: https://council.example/appointments/p0q9r8 or forget this device at https://council.example/you/forget\n\
                    Tell us how we did: https://council.example/cases/KM-AB12/open/abc#feedback";
        let shown = hide_private_links(body);
        for secret in ["9f8e7d6c5b", "Zx_81-kq", "p0q9r8", "open/abc"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("online: [private link to follow the case]\n\n"), "{shown}");
        assert!(shown.contains("[private link to report again without typing their details]."), "{shown}");
        assert!(shown.contains("https://council.example/you/forget"), "{shown}");
        assert!(shown.starts_with("Your reference is KM-AB12."), "{shown}");
        assert_eq!(
            hide_private_links("See https://council.example/services."),
            "See https://council.example/services."
        );
    }
}
