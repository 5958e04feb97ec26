//! The demo's letter writers: residents with only a postal address, whose letters came in
//! over the last few working days. Their acknowledgements are letters; the older ones
//! are printed already, the newer ones wait on `/staff/post`.

use crate::cases::{Channel, Prefix};
use crate::config::Council;
use crate::customers::CustomerDetails;
use crate::db::Db;
use crate::standards::Rules;

/// Who wrote, where from, about what, and how many working days ago the letter came.
const LETTERS: &[(&str, &str, &str, &str, &str, i64)] = &[
    (
        "Mr Arthur Penrose",
        "7 Chapel Row\nKingsmead",
        "KM2 3BT",
        "ctax-move",
        "I have moved into a care home. Who pays the council tax on my old house now?",
        4,
    ),
    (
        "Mrs Edith Calloway",
        "Flat 3, Mill House\nRiverside Walk\nKingsmead",
        "KM1 6DL",
        "general",
        "Please send me the opening times of the Northgate library by post. I do not use the internet.",
        3,
    ),
    (
        "Miss Nora Adeyemi",
        "22 Orchard Close\nKingsmead",
        "KM3 8QP",
        "housing-repair",
        "The back door of my council flat does not lock properly.",
        2,
    ),
    (
        "Mr Walter Finch",
        "The Old Forge\nLower Street\nKingsmead",
        "KM4 1AZ",
        "trees",
        "A branch from the tree on the green is hanging over the footpath.",
        1,
    ),
    (
        "Mrs Joan Whitlock",
        "41 Station Road\nKingsmead",
        "KM1 2HX",
        "general",
        "I would like a paper copy of the bin collection calendar.",
        0,
    ),
    (
        "Mr Idris Pryce",
        "5 Beacon Terrace\nKingsmead",
        "KM2 9RU",
        "parks",
        "The bench by the pond in Victoria Park is broken.",
        0,
    ),
];

/// Writes the letters' cases; prints the acknowledgements of those over a working day
/// old, as the post room would have. Returns how many letters came in.
pub async fn write(db: &Db, rules: &Rules, now: i64) -> anyhow::Result<usize> {
    let prefix = Prefix::parse("KMB").map_err(anyhow::Error::msg)?;
    let council = Council::new("Kingsmead Borough Council", prefix).keyed_for(db);
    let calendar = &rules.calendars.council;
    let today = calendar.local_date(jiff::Timestamp::from_millisecond(now)?);
    let mut written = 0;
    let mut old_enough = Vec::new();
    for (i, (name, address, postcode, code, said, days_ago)) in LETTERS.iter().enumerate() {
        let service = crate::services::db::by_code(db.reader(), code)
            .await?
            .or(crate::services::db::by_code(db.reader(), "general").await?)
            .ok_or_else(|| anyhow::anyhow!("the demo has no general enquiry service"))?;
        let customer = CustomerDetails {
            name: (*name).to_owned(),
            address: Some((*address).to_owned()),
            postcode: Some((*postcode).to_owned()),
            // One reader asked for large print.
            large_print: i == 1,
            ..CustomerDetails::default()
        };
        let day = calendar.sub_working_days(today, *days_ago);
        let received = calendar.at(day, jiff::civil::Time::constant(10, 30, 0, 0)).as_millisecond().min(now);
        let request = crate::intake::Request {
            language: crate::language::ENGLISH,
            service: &service,
            channel: Channel::Letter,
            customer: &customer,
            location: Default::default(),
            description: (*said).to_owned(),
            subject: &service.name,
            in_reply_to: None,
            acknowledge: true,
            logged_by: None,
            resolved_at_first_contact: false,
            answers: &[],
            callback: None,
            received_at: Some(received),
            demand: None,
            reason: None,
        };
        let mut tx = db.begin().await?;
        let opened = crate::intake::open(&mut tx, &council, rules, request, received).await?;
        tx.commit().await?;
        if *days_ago >= 2 {
            old_enough.push(opened.case_id);
        }
        written += 1;
    }
    let waiting = crate::letters::db::waiting(db.reader(), crate::letters::BATCH_MAX).await?;
    let printed: Vec<i64> =
        waiting.iter().filter(|l| l.case_id.is_some_and(|c| old_enough.contains(&c))).map(|l| l.id).collect();
    crate::letters::print(db, rules, None, Some(&printed), now).await?;
    Ok(written)
}
