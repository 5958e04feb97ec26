//! GNU gettext PO files of service content, for translators' tools (Poedit, Weblate,
//! Crowdin, Lokalise all read them). Each entry's `msgctxt` is the item's key, `msgid`
//! today's English and `msgstr` the translation. A translation of older English is
//! written `fuzzy`, with the older English as its previous `msgid` (`#|`), as gettext's
//! own tools do; a fuzzy entry read back is not used.
//!
//! Written here rather than with the `polib` crate: polib 0.3 panics on some malformed
//! lines (a lone `"`, a continuation before any keyword), and a file an administrator
//! uploads must be refused with the line named, never crash the request.

use super::Entry;
use crate::language::Language;

/// A PO file of one language's entries.
pub fn write(council: &str, language: Language, entries: &[Entry]) -> String {
    let mut out = format!(
        "# {council}: service content in {name} ({code}).\n\
         # msgctxt names the string, msgid is today's English, msgstr the translation.\n\
         # A fuzzy entry's translation was made from older English (the #| line): check it, then\n\
         # remove the fuzzy flag. Fuzzy and empty entries are not used when the file is read back.\n\
         msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: {code}\\n\"\n",
        name = language.name,
        code = language.code,
    );
    for entry in entries {
        out.push('\n');
        out.push_str(&format!("#. {}\n", entry.item.describe()));
        if let Some(older) = &entry.older_english {
            out.push_str("#, fuzzy\n");
            out.push_str(&format!("#| msgid {}\n", quote(older)));
        }
        out.push_str(&format!("msgctxt {}\n", quote(&entry.item.key())));
        out.push_str(&format!("msgid {}\n", quote(&entry.english)));
        out.push_str(&format!("msgstr {}\n", quote(entry.text.as_deref().unwrap_or_default())));
    }
    out
}

fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One entry read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// The line its `msgid` is on.
    pub line: usize,
    pub context: Option<String>,
    pub msgid: String,
    pub msgstr: String,
    pub fuzzy: bool,
}

/// A file read: its `Language:` header, if it has one, and its entries (not the header).
#[derive(Debug, Clone, Default)]
pub struct File {
    pub language: Option<String>,
    pub entries: Vec<Read>,
}

/// A line that is not PO, named.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Line {line}: {message}")]
pub struct PoError {
    pub line: usize,
    pub message: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    None,
    Context,
    Id,
    Str,
}

#[derive(Default)]
struct Building {
    line: usize,
    context: Option<String>,
    msgid: Option<String>,
    msgstr: Option<String>,
    fuzzy: bool,
}

/// Reads a PO file, refusing the first line that is not PO (naming it).
pub fn read(text: &str) -> Result<File, PoError> {
    let mut file = File::default();
    let mut entry = Building::default();
    let mut part = Part::None;
    let fail = |line: usize, message: &str| PoError { line, message: message.to_owned() };
    let lines = text.strip_prefix('\u{feff}').unwrap_or(text).lines().chain(std::iter::once(""));
    for (n, raw) in lines.enumerate() {
        let n = n + 1;
        let line = raw.trim();
        if line.is_empty() {
            finish(&mut file, std::mem::take(&mut entry), n)?;
            part = Part::None;
            continue;
        }
        if let Some(flags) = line.strip_prefix("#,") {
            entry.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let (keyword, rest) = match line.split_once(char::is_whitespace) {
            Some((k, r)) if !k.starts_with('"') => (k, r.trim()),
            _ => ("", line),
        };
        let value = unquote(rest).map_err(|why| fail(n, &why))?;
        let previous = |e: &Building| e.msgstr.is_some();
        match keyword {
            "msgctxt" | "msgid" if previous(&entry) => {
                // A new entry with no blank line between.
                finish(&mut file, std::mem::take(&mut entry), n)?;
                start(&mut entry, &mut part, keyword, value, n);
            }
            "msgctxt" if entry.context.is_none() && entry.msgid.is_none() => {
                start(&mut entry, &mut part, keyword, value, n);
            }
            "msgid" if entry.msgid.is_none() => start(&mut entry, &mut part, keyword, value, n),
            "msgstr" if entry.msgid.is_some() && entry.msgstr.is_none() => {
                entry.msgstr = Some(value);
                part = Part::Str;
            }
            "msgid_plural" => return Err(fail(n, "plural forms (msgid_plural) are not used in these files")),
            k if k.starts_with("msgstr[") => {
                return Err(fail(n, "plural forms (msgstr[n]) are not used in these files"));
            }
            "" => {
                let field = match part {
                    Part::Context => entry.context.as_mut(),
                    Part::Id => entry.msgid.as_mut(),
                    Part::Str => entry.msgstr.as_mut(),
                    Part::None => None,
                };
                let Some(field) = field else {
                    return Err(fail(n, "a quoted line must follow msgctxt, msgid or msgstr"));
                };
                field.push_str(&value);
            }
            "msgctxt" | "msgid" | "msgstr" => {
                return Err(fail(n, &format!("{keyword} is out of place: each entry is msgctxt, msgid, msgstr")));
            }
            other => {
                let shown: String = other.chars().take(30).collect();
                return Err(fail(n, &format!("\u{201c}{shown}\u{201d} is not a PO keyword (msgctxt, msgid, msgstr)")));
            }
        }
    }
    Ok(file)
}

fn start(entry: &mut Building, part: &mut Part, keyword: &str, value: String, n: usize) {
    if keyword == "msgctxt" {
        entry.context = Some(value);
        *part = Part::Context;
    } else {
        entry.msgid = Some(value);
        entry.line = n;
        *part = Part::Id;
    }
}

/// Ends an entry at line `n`: the header gives the language; an entry needs a msgstr.
fn finish(file: &mut File, entry: Building, n: usize) -> Result<(), PoError> {
    let Some(msgid) = entry.msgid else {
        if entry.context.is_some() {
            return Err(PoError { line: n, message: "an entry with msgctxt has no msgid".to_owned() });
        }
        return Ok(());
    };
    let Some(msgstr) = entry.msgstr else {
        return Err(PoError { line: entry.line, message: "this msgid has no msgstr".to_owned() });
    };
    if msgid.is_empty() && entry.context.is_none() {
        file.language = msgstr
            .lines()
            .find_map(|l| l.strip_prefix("Language:"))
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty());
        return Ok(());
    }
    file.entries.push(Read { line: entry.line, context: entry.context, msgid, msgstr, fuzzy: entry.fuzzy });
    Ok(())
}

/// A PO string's text: `"..."` with C escapes.
fn unquote(quoted: &str) -> Result<String, String> {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .filter(|_| quoted.len() >= 2)
        .ok_or_else(|| "a string must be in double quotes, like \"text\"".to_owned())?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some(other) => return Err(format!("\\{other} is not an escape PO knows (\\n, \\t, \\\", \\\\)")),
                None => return Err("the string ends in a lone \\".to_owned()),
            },
            '"' => return Err("a \" inside a string must be written \\\"".to_owned()),
            c => out.push(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::translations::Item;

    fn entry(item: Item, english: &str, text: Option<&str>, older: Option<&str>) -> Entry {
        Entry {
            item,
            english: english.to_owned(),
            text: text.map(str::to_owned),
            older_english: older.map(str::to_owned),
        }
    }

    #[test]
    fn what_is_written_reads_back() {
        let welsh = crate::language::by_code("cy").unwrap();
        let entries = vec![
            entry(Item::ServiceName("pothole".into()), "Report a \"pothole\"", Some("Rhoi gwybod am dwll"), None),
            entry(Item::ServiceDescription("pothole".into()), "Two\nlines\\", None, None),
            entry(Item::NoticeTitle(7), "Bins late", Some("Biniau'n hwyr"), Some("Bins are late")),
        ];
        let text = write("Kingsmead", welsh, &entries);
        assert!(text.contains("#, fuzzy\n#| msgid \"Bins are late\"\nmsgctxt \"notice/7/title\""));
        let file = read(&text).unwrap();
        assert_eq!(file.language.as_deref(), Some("cy"));
        assert_eq!(file.entries.len(), 3);
        assert_eq!(file.entries[0].context.as_deref(), Some("service/pothole/name"));
        assert_eq!(file.entries[0].msgid, "Report a \"pothole\"");
        assert_eq!(file.entries[0].msgstr, "Rhoi gwybod am dwll");
        assert_eq!(file.entries[1].msgid, "Two\nlines\\");
        assert_eq!(file.entries[1].msgstr, "");
        assert!(file.entries[2].fuzzy && !file.entries[0].fuzzy);
    }

    #[test]
    fn continuation_lines_and_no_blank_line_between_entries() {
        let text = "msgctxt \"a\"\nmsgid \"\"\n\"Hello \"\n\"there\"\nmsgstr \"Helo \"\n\"yna\"\nmsgctxt \"b\"\nmsgid \"x\"\nmsgstr \"y\"\n";
        let file = read(text).unwrap();
        assert_eq!(file.entries.len(), 2);
        assert_eq!(file.entries[0].msgid, "Hello there");
        assert_eq!(file.entries[0].msgstr, "Helo yna");
        assert_eq!(file.entries[1].line, 8);
    }

    #[test]
    fn a_bad_line_is_named_never_a_panic() {
        let cases = [
            ("\"\n", 1, "double quotes"),
            ("msgid \"a\"\n\"", 2, "double quotes"),
            ("\"orphan\"\n", 1, "must follow"),
            ("msgid \"a\nmsgstr \"b\"\n", 1, "double quotes"),
            ("msgid \"a\"\nmsgstr \"b\\q\"\n", 2, "escape"),
            ("msgid \"a\"\n\nmsgstr \"b\"\n", 1, "no msgstr"),
            ("msgid \"a\"\nmsgid_plural \"as\"\n", 2, "plural"),
            ("msgid \"a\"\nmsgstr[0] \"b\"\n", 2, "plural"),
            ("hello \"a\"\n", 1, "not a PO keyword"),
            ("msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"\n", 3, "out of place"),
            ("msgid \"é\"\nmsgstr \"ŵ\n", 2, "double quotes"),
        ];
        for (text, line, says) in cases {
            let err = read(text).unwrap_err();
            assert_eq!(err.line, line, "{text:?}: {err}");
            assert!(err.message.contains(says), "{text:?}: {err}");
        }
    }
}
