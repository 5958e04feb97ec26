//! The acknowledgement a new case gets: by email (with the loop guard) or by letter,
//! with the reference, the date of the first promise after it, and how to add anything.

use sqlx::AnyConnection;

use crate::cases::{CaseRef, Channel};
use crate::casework::tell::Route;
use crate::clocks;
use crate::config::Council;
use crate::outbox::{self, NewMessage, OutChannel, Purpose};
use crate::services::Service;
use crate::standards::Rules;
use crate::{contacts, customers, language, translations};

/// No more than this many acknowledgements go to one address in 24 hours: a mail loop
/// with an autoresponder that hides what it is stops there...
pub const ACKS_PER_DAY: i64 = 5;
/// ...and sooner: within this time of our last acknowledgement, an email that answers it
/// (its subject quotes ours) or repeats word for word what the sender sent since (an
/// autoresponder that threads nothing, whatever its subject) gets no second one, so such
/// a loop stops after one exchange. New matters from one sender, even minutes apart, are
/// each acknowledged.
pub const ACK_GAP_MS: i64 = 10 * 60 * 1000;

/// Our acknowledgement's subject, before the reference, in each language (Fluent's
/// `ack-subject`): an email quoting any of them answers ours.
fn ack_subjects() -> impl Iterator<Item = String> {
    language::LANGUAGES.iter().map(|l| language::text(*l, "ack-subject").to_lowercase())
}

/// How to reach the customer a new case is from. `made` is the details their record was
/// made from, when the case made it just now: a new record holds what was typed and no
/// adjustment yet, so it is not read back.
pub(super) async fn route(
    conn: &mut AnyConnection,
    customer_id: i64,
    made: Option<&customers::CustomerDetails>,
) -> Result<Option<Route>, sqlx::Error> {
    let Some(c) = made else { return crate::casework::tell::route_to(conn, customer_id).await };
    Ok(crate::casework::tell::route(&crate::casework::tell::Reachable {
        name: c.name.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
        address: c.address.clone(),
        postcode: c.postcode.clone(),
        prefers_post: c.prefers_post,
        large_print: c.large_print,
        prefers_phone: false,
    }))
}

pub(super) struct Acknowledgement<'a> {
    pub(super) case_id: i64,
    pub(super) customer_id: i64,
    pub(super) reference: &'a CaseRef,
    pub(super) route: &'a Route,
    pub(super) subject: &'a str,
    /// What they said: an autoresponder says the same thing each time.
    pub(super) body: &'a str,
    pub(super) channel: Channel,
    pub(super) in_reply_to: Option<&'a str>,
    pub(super) service: &'a Service,
    /// The customer's language, as the case keeps it.
    pub(super) language: language::Language,
}

/// Writes the acknowledgement to the outbox: an email (unless the rate limit says no)
/// or a letter. It carries the reference, what happens next, the date the standard
/// promises and how to follow the case. An email says plainly that replying adds to
/// the case; a letter says how to write back.
pub(super) async fn acknowledge(
    conn: &mut AnyConnection,
    council: &Council,
    rules: &Rules,
    ack: &Acknowledgement<'_>,
    clocks: &[clocks::Clock],
    now: i64,
) -> Result<bool, sqlx::Error> {
    let by_email = ack.route.channel == OutChannel::Email;
    if by_email {
        let (sent, last) =
            outbox::db::acknowledgements_since(&mut *conn, &ack.route.recipient, now - 24 * 3_600_000).await?;
        // A loop: within the gap after our last acknowledgement, an email that quotes
        // our subject, or says word for word what the sender's last email said.
        let recent = ack.channel == Channel::Email && last.is_some_and(|last| now - last < ACK_GAP_MS);
        let looping = recent && {
            let subject = ack.subject.to_lowercase();
            let answers_ours = ack_subjects().any(|ours| subject.contains(&ours));
            let since = now - ACK_GAP_MS;
            let said =
                contacts::db::recent_inbound_bodies(&mut *conn, ack.customer_id, Channel::Email, since, ack.case_id)
                    .await?;
            // An email's text is its subject, a blank line, then what it says: the
            // words after the subject are compared, as a robot numbers its subjects.
            let words = |t: &str| {
                let text = t.split_once("\n\n").map_or(t, |(_, said)| said);
                text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
            };
            answers_ours || said.iter().any(|b| !words(b).is_empty() && words(b) == words(ack.body))
        };
        if sent >= ACKS_PER_DAY || looping {
            tracing::info!(case = %ack.reference, "acknowledgement held back by the rate limit");
            return Ok(false);
        }
    }
    let reference = ack.reference;
    let lang = if by_email { ack.language } else { ack.language.in_print() };
    let promise = promise(&mut *conn, rules, clocks, ack, lang, now).await?;
    let subject = format!("{}: {reference}", language::text(lang, "ack-subject"));
    // Tell us once: whoever reads this can report something else without typing their
    // details again.
    let link = customers::db::new_link(&mut *conn, ack.customer_id, now).await?;
    // The signed link opens the whole case (timeline, reply, escalate) without asking
    // for the email address or postcode again.
    let key = crate::actions::by_customer::link_key(council, &mut *conn).await?;
    let signature = crate::actions::by_customer::sign(key.bytes(), reference);
    let how_to_add = language::text(lang, if by_email { "ack-add-email" } else { "ack-add-letter" });
    let url = &council.public_url;
    let t = |id: &str, args: &[(&'static str, &str)]| language::text_with(lang, id, args);
    let body = format!(
        "{dear}\n\n{thanks}\n\n{your_reference}\n\n{next_heading}\n{next}{promise}\n\n{how_to_add}\n\n{follow}\n\n\
         {tell_us_once}\n\n{council}\n",
        dear = t("mail-dear", &[("name", &ack.route.name)]),
        thanks = t("ack-thanks", &[("council", &council.name), ("subject", ack.subject)]),
        your_reference = t("ack-reference", &[("reference", &reference.to_string())]),
        next_heading = t("ack-next-heading", &[]),
        next = t("ack-next", &[]),
        follow = t("ack-follow", &[("link", &format!("{url}/cases/{reference}/open/{signature}"))]),
        tell_us_once = t("ack-tell-us-once", &[("link", &format!("{url}/you/{link}"))]),
        council = council.name,
    );
    let message = NewMessage {
        case_id: ack.case_id,
        customer_id: ack.customer_id,
        channel: ack.route.channel,
        purpose: Purpose::Acknowledgement,
        recipient: &ack.route.recipient,
        subject: &subject,
        body: &body,
        auto_submitted: by_email.then_some("auto-replied"),
        in_reply_to: ack.in_reply_to.filter(|_| by_email),
        calendar: None,
        large_print: ack.route.large_print,
    };
    outbox::db::insert(conn, &message, council.mail_domain(), now).await?;
    Ok(true)
}

/// " We will reply by Tuesday 3 March 2026.\n(the standard's words)": the case's next
/// promise (`standards::next_promise`), from its running clocks, in the customer's
/// language (the standard's words as translated, where they are).
async fn promise(
    conn: &mut AnyConnection,
    rules: &Rules,
    clocks: &[clocks::Clock],
    ack: &Acknowledgement<'_>,
    lang: language::Language,
    now: i64,
) -> Result<String, sqlx::Error> {
    let running = clocks.iter().filter(|c| c.state == clocks::State::Running);
    let running = running.filter_map(|c| Some((c.due()?, c.standard.clone())));
    let now = jiff::Timestamp::from_millisecond(now).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let (channel, service) = (ack.channel, ack.service);
    let Some(p) = crate::standards::next_promise(rules, running, channel, service.case_type, &service.code, Some(now))
    else {
        return Ok(String::new());
    };
    let by = language::date(lang, p.by);
    let what = language::text_with(
        lang,
        if p.resolves { "ack-promise-resolve" } else { "ack-promise-reply" },
        &[("date", &by)],
    );
    let wording =
        translations::db::one(&mut *conn, lang, &translations::Item::StandardWording(p.standard.clone()), &p.wording)
            .await?;
    Ok(format!(" {what}\n{wording}"))
}
