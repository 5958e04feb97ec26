//! The communities reached: contacts by ward per 1,000 residents, and the equality
//! monitoring answers with small counts suppressed.

use std::collections::BTreeMap;

use serde::Serialize;

use super::db::{Names, Sum};
use crate::wards::{per_thousand_tenths, suppress};

/// A ward's contacts in the period.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WardLine {
    pub code: String,
    pub name: String,
    pub population: Option<i64>,
    pub contacts: i64,
    /// Contacts per 1,000 residents, to one decimal place.
    pub per_thousand: Option<f64>,
    pub by_channel: BTreeMap<String, i64>,
    /// The three services it contacts about most: (service name, contacts).
    pub top_services: Vec<(String, i64)>,
}

pub fn ward_lines(sums: &[Sum], names: &Names) -> Vec<WardLine> {
    // Per ward: contacts, by channel, by service.
    type Tally = (i64, BTreeMap<String, i64>, BTreeMap<i64, i64>);
    let mut wards: BTreeMap<String, Tally> =
        names.wards.keys().map(|code| (code.clone(), Default::default())).collect();
    for s in sums {
        let Some((ward, channel)) = s.key.as_deref().and_then(|k| k.split_once(':')) else { continue };
        let w = wards.entry(ward.to_owned()).or_default();
        w.0 += s.value;
        *w.1.entry(channel.to_owned()).or_default() += s.value;
        *w.2.entry(s.service_id.unwrap_or(0)).or_default() += s.value;
    }
    let mut out: Vec<WardLine> = wards
        .into_iter()
        .map(|(code, (contacts, by_channel, by_service))| {
            let (name, population) = names.wards.get(&code).cloned().unwrap_or((code.clone(), None));
            let mut top: Vec<(i64, i64)> = by_service.into_iter().collect();
            top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            WardLine {
                per_thousand: per_thousand_tenths(contacts, population).map(|t| t as f64 / 10.0),
                code,
                name,
                population,
                contacts,
                by_channel,
                top_services: top.into_iter().take(3).map(|(id, n)| (names.service(id).1, n)).collect(),
            }
        })
        .collect();
    // The wards the council hears from least, per head, first.
    out.sort_by(|a, b| {
        a.per_thousand.unwrap_or(f64::MAX).total_cmp(&b.per_thousand.unwrap_or(f64::MAX)).then(a.name.cmp(&b.name))
    });
    out
}

/// The equality answers, each count under 5 suppressed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EqualityLine {
    pub question: String,
    pub answer: String,
    /// `null` where suppressed (fewer than 5).
    pub count: Option<i64>,
}

pub fn equality_lines(sums: &[Sum]) -> Vec<EqualityLine> {
    let mut out: Vec<EqualityLine> = sums
        .iter()
        .filter_map(|s| {
            let (question, answer) = s.key.as_deref()?.split_once(':')?;
            Some(EqualityLine { question: question.to_owned(), answer: answer.to_owned(), count: suppress(s.value) })
        })
        .collect();
    out.sort_by(|a, b| a.question.cmp(&b.question).then(a.answer.cmp(&b.answer)));
    out
}
