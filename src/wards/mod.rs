//! Wards: each postcode's electoral ward, from the ONS Postcode Directory, and each
//! ward's name and population, so cases and contacts can be counted by ward and per
//! 1,000 residents (docs/insight.md).
//!
//! The directory is a CSV with a header row naming its columns (`pcds`, `doterm`,
//! `oslaua`, `osward`, `lsoa21`, ...). Only the council's own area (`oslaua`) is kept, and
//! terminated postcodes (a `doterm`) are skipped. Ward names and populations come from a
//! second CSV: a code column (`WD24CD` or `code`), a name column (`WD24NM` or `name`) and
//! `population`. Reading either stops at the first bad line, naming it, so a bad file
//! changes nothing.

pub mod db;

use std::collections::BTreeMap;

/// A ward of the council's area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ward {
    pub code: String,
    pub name: String,
    pub population: Option<i64>,
}

/// A live postcode of the council's area and its ward.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// As the directory writes it in `pcds`, and as cases keep it: "KM1 4AA".
    pub postcode: String,
    pub ward: String,
    pub lsoa: Option<String>,
}

/// What a directory held for the area.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    pub postcodes: Vec<Placed>,
    /// Rows of other areas, passed over.
    pub other_areas: usize,
    /// Live no longer.
    pub terminated: usize,
}

/// A file that cannot be read, with the line at fault (1 is the header).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct LineError {
    pub line: u64,
    pub message: String,
}

fn at(line: u64, message: impl Into<String>) -> LineError {
    LineError { line, message: message.into() }
}

/// The position of the first column named any of `names` (case does not matter).
fn column(headers: &csv::StringRecord, names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
}

fn reader(text: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text)
}

/// Reads an ONS Postcode Directory CSV, keeping the live postcodes of `area` (a local
/// authority code such as E07000240).
pub fn read_directory(text: &[u8], area: &str) -> Result<Directory, LineError> {
    let mut csv = reader(text);
    let headers = csv.headers().map_err(|e| at(1, format!("the header cannot be read ({e})")))?.clone();
    let need =
        |names: &[&str]| column(&headers, names).ok_or_else(|| at(1, format!("there is no {} column", names[0])));
    let (pcds, doterm, oslaua, osward) = (need(&["pcds"])?, need(&["doterm"])?, need(&["oslaua"])?, need(&["osward"])?);
    let lsoa = column(&headers, &["lsoa21", "lsoa11"]);
    let mut out = Directory::default();
    let mut seen = std::collections::HashSet::new();
    for (i, record) in csv.records().enumerate() {
        let line = i as u64 + 2;
        let record = record.map_err(|e| at(line, format!("the line cannot be read ({e})")))?;
        let field = |n: usize| record.get(n).unwrap_or("").trim();
        if !field(oslaua).eq_ignore_ascii_case(area) {
            out.other_areas += 1;
            continue;
        }
        if !field(doterm).is_empty() {
            out.terminated += 1;
            continue;
        }
        let Some(postcode) = crate::forms::normalise_postcode(field(pcds)) else {
            return Err(at(line, format!("{:?} in pcds is not a postcode", field(pcds))));
        };
        let ward = field(osward);
        if !is_code(ward) {
            return Err(at(line, format!("{ward:?} in osward is not a ward code (like E05012345)")));
        }
        if !seen.insert(postcode.clone()) {
            return Err(at(line, format!("{postcode} is in the file twice")));
        }
        let lsoa = lsoa.map(field).filter(|l| !l.is_empty()).map(str::to_owned);
        out.postcodes.push(Placed { postcode, ward: ward.to_owned(), lsoa });
    }
    if out.postcodes.is_empty() {
        return Err(at(1, format!("no live postcode in the file is in the area {area} (oslaua)")));
    }
    Ok(out)
}

/// Reads the wards' names and populations.
pub fn read_names(text: &[u8]) -> Result<Vec<Ward>, LineError> {
    let mut csv = reader(text);
    let headers = csv.headers().map_err(|e| at(1, format!("the header cannot be read ({e})")))?.clone();
    let find = |suffix: &str, plain: &str| {
        headers
            .iter()
            .position(|h| {
                let h = h.trim().to_ascii_lowercase();
                h == plain || (h.starts_with("wd") && h.ends_with(suffix))
            })
            .ok_or_else(|| at(1, format!("there is no {plain} column (or WD24{})", suffix.to_uppercase())))
    };
    let (code, name) = (find("cd", "code")?, find("nm", "name")?);
    let population = column(&headers, &["population"]);
    let mut wards: BTreeMap<String, Ward> = BTreeMap::new();
    for (i, record) in csv.records().enumerate() {
        let line = i as u64 + 2;
        let record = record.map_err(|e| at(line, format!("the line cannot be read ({e})")))?;
        let field = |n: usize| record.get(n).unwrap_or("").trim();
        if !is_code(field(code)) {
            return Err(at(line, format!("{:?} is not a ward code (like E05012345)", field(code))));
        }
        if field(name).is_empty() || field(name).chars().count() > 100 {
            return Err(at(line, "give the ward's name, up to 100 characters"));
        }
        let population = match population.map(field).filter(|p| !p.is_empty()) {
            None => None,
            Some(p) => match p.replace(',', "").parse::<i64>() {
                Ok(n) if (1..=10_000_000).contains(&n) => Some(n),
                _ => return Err(at(line, format!("{p:?} is not a population (a whole number of people)"))),
            },
        };
        let ward = Ward { code: field(code).to_owned(), name: field(name).to_owned(), population };
        if wards.insert(ward.code.clone(), ward).is_some() {
            return Err(at(line, format!("the ward {} is in the file twice", field(code))));
        }
    }
    Ok(wards.into_values().collect())
}

/// A GSS code: a letter and eight digits (E05012345, W05000001).
fn is_code(code: &str) -> bool {
    code.len() == 9 && code.as_bytes()[0].is_ascii_uppercase() && code[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A count as published: under 5 is suppressed, so nobody can be picked out.
pub const SUPPRESS_UNDER: i64 = 5;

/// `Some(n)` for a count that may be shown, `None` for one suppressed (nought too: the
/// rule is "under 5", and a nought beside a suppressed count would narrow it).
pub fn suppress(n: i64) -> Option<i64> {
    (n >= SUPPRESS_UNDER).then_some(n)
}

/// Contacts per 1,000 residents, to one decimal place, as tenths (12.3 is 123).
pub fn per_thousand_tenths(contacts: i64, population: Option<i64>) -> Option<i64> {
    let population = population.filter(|p| *p > 0)?;
    Some((contacts * 10_000 + population / 2) / population)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIRECTORY: &str = "pcd,pcd2,pcds,dointr,doterm,oslaua,osward,lsoa21\n\
        KM14AA,KM1  4AA,KM1 4AA,199801,,E07000999,E05099901,E01099001\n\
        KM14AB,KM1  4AB,KM1 4AB,199801,202001,E07000999,E05099901,E01099001\n\
        XX14AA,XX1  4AA,XX1 4AA,199801,,E07000111,E05011111,E01011111\n\
        KM25QQ,KM2  5QQ,KM2 5QQ,199801,,E07000999,E05099902,\n";

    #[test]
    fn keeps_the_areas_live_postcodes() {
        let d = read_directory(DIRECTORY.as_bytes(), "E07000999").unwrap();
        assert_eq!(d.postcodes.len(), 2);
        assert_eq!(
            d.postcodes[0],
            Placed { postcode: "KM1 4AA".into(), ward: "E05099901".into(), lsoa: Some("E01099001".into()) }
        );
        assert_eq!((d.postcodes[1].lsoa.as_deref(), d.terminated, d.other_areas), (None, 1, 1));
    }

    #[test]
    fn a_bad_line_is_named() {
        let bad = DIRECTORY.replace("E05099902", "Kingsmead North");
        assert_eq!(read_directory(bad.as_bytes(), "E07000999").unwrap_err().line, 5);
        let missing = "pcds,doterm,oslaua\nKM1 4AA,,E07000999\n";
        let err = read_directory(missing.as_bytes(), "E07000999").unwrap_err();
        assert_eq!((err.line, err.message.as_str()), (1, "there is no osward column"));
        let ragged = "pcds,doterm,oslaua,osward\nKM1 4AA,,E07000999\n";
        assert_eq!(read_directory(ragged.as_bytes(), "E07000999").unwrap_err().line, 2);
        assert_eq!(read_directory(DIRECTORY.as_bytes(), "E07000123").unwrap_err().line, 1);
    }

    #[test]
    fn names_and_populations() {
        let names = "WD24CD,WD24NM,population\nE05099901,Abbey,\"8,120\"\nE05099902,Castle,\n";
        let wards = read_names(names.as_bytes()).unwrap();
        assert_eq!(wards[0], Ward { code: "E05099901".into(), name: "Abbey".into(), population: Some(8120) });
        assert_eq!(wards[1].population, None);
        let bad = "code,name,population\nE05099901,Abbey,lots\n";
        assert_eq!(read_names(bad.as_bytes()).unwrap_err().line, 2);
    }

    #[test]
    fn small_counts_are_suppressed_and_rates_rounded() {
        assert_eq!((suppress(4), suppress(5), suppress(0)), (None, Some(5), None));
        assert_eq!(per_thousand_tenths(37, Some(8_120)), Some(46));
        assert_eq!(per_thousand_tenths(37, None), None);
    }
}
