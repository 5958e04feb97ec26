//! Calendar files (RFC 5545, with RFC 5546's METHOD) for appointments and officers'
//! visits, made with the `icalendar` crate. One UID per meeting for its whole life; each
//! change raises SEQUENCE, so a calendar moves the event it already has; a cancellation
//! is `METHOD:CANCEL` with `STATUS:CANCELLED`.

use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

/// What the file says.
#[derive(Debug, Clone)]
pub struct Meeting<'a> {
    pub uid: &'a str,
    pub sequence: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    pub cancelled: bool,
    /// The council's address, as ORGANIZER (RFC 5546 asks for one).
    pub organizer: &'a str,
    /// When the file was made (DTSTAMP).
    pub now: i64,
}

/// "20261207T093000Z".
fn utc(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map(|t| t.strftime("%Y%m%dT%H%M%SZ").to_string()).unwrap_or_default()
}

/// The file's text, lines ended with CRLF and folded as the RFC asks.
pub fn calendar(m: &Meeting<'_>) -> String {
    let mut event = Event::new();
    event
        .uid(m.uid)
        .sequence(u32::try_from(m.sequence.max(0)).unwrap_or(u32::MAX))
        .add_property("DTSTAMP", utc(m.now))
        .add_property("DTSTART", utc(m.starts_at))
        .add_property("DTEND", utc(m.ends_at))
        .summary(m.summary)
        .location(m.location)
        .description(m.description)
        .add_property("ORGANIZER", format!("mailto:{}", m.organizer));
    event.status(if m.cancelled { EventStatus::Cancelled } else { EventStatus::Confirmed });
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//frontdoor//appointments//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", if m.cancelled { "CANCEL" } else { "REQUEST" }));
    cal.push(event.done());
    cal.done().to_string()
}
