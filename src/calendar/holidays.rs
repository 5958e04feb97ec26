//! Bank holidays in the shape of GOV.UK's `bank-holidays.json`: the built-in set for
//! 2015 to 2030, and reading a newer file an administrator imports.
//!
//! The built-in file was generated from the rules (fixed dates with substitute days,
//! Easter, first and last Mondays) plus the one-off holidays of 2020, 2022 and 2023, then
//! checked date by date against GOV.UK's published file for 2019 to 2027. Years after
//! that are not yet published by GOV.UK; they follow the rules, and a council imports
//! the official file when it appears.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

const BUNDLED: &str = include_str!("bank-holidays.json");

/// The parts of the UK with their own bank holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Division {
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

impl Division {
    pub const ALL: [Division; 3] = [Division::EnglandAndWales, Division::Scotland, Division::NorthernIreland];

    /// The key used in the GOV.UK file and in policy files.
    pub fn as_str(self) -> &'static str {
        match self {
            Division::EnglandAndWales => "england-and-wales",
            Division::Scotland => "scotland",
            Division::NorthernIreland => "northern-ireland",
        }
    }

    pub fn parse(code: &str) -> Option<Division> {
        Division::ALL.into_iter().find(|d| d.as_str() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Division::EnglandAndWales => "England and Wales",
            Division::Scotland => "Scotland",
            Division::NorthernIreland => "Northern Ireland",
        }
    }
}

/// One bank holiday in one division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub division: Division,
    pub date: Date,
    pub title: String,
    pub notes: String,
    pub bunting: bool,
}

impl Holiday {
    /// The name shown when a deadline skips this day.
    pub fn name(&self) -> String {
        if self.notes.is_empty() {
            self.title.clone()
        } else {
            format!("{} ({})", self.title, self.notes.to_lowercase())
        }
    }
}

/// A whole holidays file, read and checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolidayFile {
    pub holidays: Vec<Holiday>,
}

#[derive(Debug, thiserror::Error)]
pub enum HolidayFileError {
    #[error("line {line}, column {column}: {path}{message}")]
    Syntax { line: usize, column: usize, path: String, message: String },
    #[error("{path}: {message}")]
    Field { path: String, message: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(rename = "england-and-wales")]
    england_and_wales: Option<RawDivision>,
    scotland: Option<RawDivision>,
    #[serde(rename = "northern-ireland")]
    northern_ireland: Option<RawDivision>,
}

#[derive(Deserialize)]
struct RawDivision {
    division: String,
    events: Vec<RawEvent>,
}

#[derive(Deserialize)]
struct RawEvent {
    title: String,
    date: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    bunting: bool,
}

impl HolidayFile {
    /// The built-in holidays, 2015 to 2030.
    pub fn bundled() -> HolidayFile {
        HolidayFile::parse(BUNDLED).expect("the built-in bank holidays file is valid")
    }

    /// Reads a file in the GOV.UK shape. Every problem names its line or its field.
    pub fn parse(json: &str) -> Result<HolidayFile, HolidayFileError> {
        let mut de = serde_json::Deserializer::from_str(json);
        let raw: RawFile = serde_path_to_error::deserialize(&mut de).map_err(|err| {
            let path = err.path().to_string();
            let inner = err.into_inner();
            HolidayFileError::Syntax {
                line: inner.line(),
                column: inner.column(),
                path: if path == "." { String::new() } else { format!("at {path}: ") },
                message: inner.to_string().split(" at line ").next().unwrap_or_default().to_owned(),
            }
        })?;
        let divisions = [
            (Division::EnglandAndWales, raw.england_and_wales),
            (Division::Scotland, raw.scotland),
            (Division::NorthernIreland, raw.northern_ireland),
        ];
        if divisions.iter().all(|(_, d)| d.is_none()) {
            return Err(HolidayFileError::Field {
                path: "(top level)".into(),
                message: "the file has none of england-and-wales, scotland or northern-ireland".into(),
            });
        }
        let mut holidays = Vec::new();
        for (division, raw) in divisions {
            let Some(raw) = raw else { continue };
            let key = division.as_str();
            if raw.division != key {
                return Err(HolidayFileError::Field {
                    path: format!("{key}.division"),
                    message: format!("says {:?} but sits under {key:?}", raw.division),
                });
            }
            let mut seen = BTreeMap::new();
            for (i, event) in raw.events.into_iter().enumerate() {
                let field = |name: &str, message: String| HolidayFileError::Field {
                    path: format!("{key}.events[{i}].{name}"),
                    message,
                };
                let date: Date = event
                    .date
                    .parse()
                    .ok()
                    .filter(|d: &Date| event.date.len() == 10 && (1900..=2200).contains(&d.year()))
                    .ok_or_else(|| field("date", format!("{:?} is not a date written YYYY-MM-DD", event.date)))?;
                if event.title.trim().is_empty() {
                    return Err(field("title", "is empty".into()));
                }
                if let Some(other) = seen.insert(date, i) {
                    return Err(field("date", format!("{date} is already listed at events[{other}]")));
                }
                holidays.push(Holiday {
                    division,
                    date,
                    title: event.title.trim().to_owned(),
                    notes: event.notes.trim().to_owned(),
                    bunting: event.bunting,
                });
            }
        }
        Ok(HolidayFile { holidays })
    }

    /// The years this file has holidays for, per division.
    pub fn years(&self, division: Division) -> std::collections::BTreeSet<i16> {
        self.holidays.iter().filter(|h| h.division == division).map(|h| h.date.year()).collect()
    }
}

/// The holidays in force for `division`: an imported file's years replace the built-in
/// ones, and built-in years the import does not cover stay.
pub fn effective(bundled: &HolidayFile, imported: &HolidayFile, division: Division) -> BTreeMap<Date, Arc<str>> {
    let replaced = imported.years(division);
    bundled
        .holidays
        .iter()
        .filter(|h| h.division == division && !replaced.contains(&h.date.year()))
        .chain(imported.holidays.iter().filter(|h| h.division == division))
        .map(|h| (h.date, Arc::from(h.name())))
        .collect()
}

/// The union of every division's holidays, for FOI's UK-wide working day. A holiday
/// kept only in Scotland or Northern Ireland says so.
pub fn uk_union(bundled: &HolidayFile, imported: &HolidayFile) -> BTreeMap<Date, Arc<str>> {
    let mut union: BTreeMap<Date, Arc<str>> = effective(bundled, imported, Division::EnglandAndWales);
    for division in [Division::Scotland, Division::NorthernIreland] {
        for (date, name) in effective(bundled, imported, division) {
            union.entry(date).or_insert_with(|| Arc::from(format!("{name}, {}", division.label())));
        }
    }
    union
}
