//! What an appointment's messages say: its time in words, in English as always or in
//! the customer's language, the service's name as translated, and the letter that goes
//! with a booking or a move.

use sqlx::AnyConnection;

use crate::calendar::Calendar;
use crate::config::Council;
use crate::language::Language;
use crate::standards::Rules;

/// "Monday 7 December at 9:30am".
pub fn describe(calendar: &Calendar, ms: i64) -> String {
    let Ok(t) = jiff::Timestamp::from_millisecond(ms) else { return String::new() };
    let z = t.to_zoned(calendar.time_zone().clone());
    let hour = z.hour() % 12;
    let hour = if hour == 0 { 12 } else { hour };
    let suffix = if z.hour() < 12 { "am" } else { "pm" };
    let time = if z.minute() == 0 { format!("{hour}{suffix}") } else { format!("{hour}:{:02}{suffix}", z.minute()) };
    format!("{} at {time}", z.strftime("%A %-d %B %Y"))
}

/// [`describe`] in a language: English as it always was, another language by its own
/// words for dates and times ("Dydd Mawrth 3 Mawrth 2026 am 2:00pm").
pub fn describe_in(calendar: &Calendar, ms: i64, language: Language) -> String {
    if language == crate::language::ENGLISH {
        return describe(calendar, ms);
    }
    let Ok(t) = jiff::Timestamp::from_millisecond(ms) else { return String::new() };
    crate::language::date_time(language, &t.to_zoned(calendar.time_zone().clone()))
}

/// A service's name in a language, where it is translated.
pub(super) async fn service_in(
    conn: &mut AnyConnection,
    service_id: i64,
    english: &str,
    language: Language,
) -> Result<String, sqlx::Error> {
    let Some(service) = crate::services::db::get(&mut *conn, service_id).await? else { return Ok(english.to_owned()) };
    let item = crate::translations::Item::ServiceName(service.code);
    crate::translations::db::one(conn, language, &item, english).await
}

/// What the customer is sent about an appointment, in their language: where, when,
/// and how to change it.
pub(super) struct Letter<'a> {
    pub(super) language: Language,
    pub(super) what: &'a str,
    pub(super) service: &'a str,
    pub(super) site: &'a str,
    pub(super) starts_at: i64,
    pub(super) link: &'a str,
}

pub(super) fn letter(council: &Council, rules: &Rules, l: &Letter<'_>) -> String {
    let calendar = &rules.calendars.council;
    let place = rules.policy.contact.place(l.site);
    let t = |id: &str, args: &[(&'static str, &str)]| crate::language::text_with(l.language, id, args);
    let when = describe_in(calendar, l.starts_at, l.language);
    let link = format!("{}/appointments/{}", council.public_url, l.link);
    format!(
        "{}\n\n{}\n{}\n{}\n\n{}\n\n{}",
        l.what,
        t("appointment-what", &[("service", l.service)]),
        t("appointment-when", &[("when", &when)]),
        t("appointment-where", &[("place", &place)]),
        t("appointment-come-early", &[]),
        t("appointment-change", &[("link", &link)]),
    )
}

/// "9:30am".
pub fn time_of(calendar: &Calendar, ms: i64) -> String {
    describe(calendar, ms).rsplit_once(" at ").map(|(_, t)| t.to_owned()).unwrap_or_default()
}
