//! Files residents send with a report: photos of the problem, letters, documents.
//!
//! What a file is comes from its first bytes (the `infer` crate), never from its name or
//! the type the browser claimed, so `invoice.pdf.exe` renamed `photo.jpg` is refused,
//! and a real JPEG called `photo.png` is stored as the JPEG it is. Files are kept in the
//! database (see migration 0006) and only ever served to staff, as downloads.

pub mod db;

use crate::crypto::sha256_hex;

/// The largest file accepted: a phone photo is 2–6 MB.
pub const MAX_FILE_MB: usize = 10;
pub const MAX_FILE_BYTES: usize = MAX_FILE_MB * 1024 * 1024;
/// The most files one report can carry.
pub const MAX_FILES: usize = 5;
/// How long a file waits for its form to be sent before it is deleted. An hour is long
/// enough to finish a form, and short enough that files nobody sends do not pile up.
pub const PENDING_MS: i64 = 60 * 60 * 1000;
/// The longest file name kept, in characters.
const NAME_MAX: usize = 80;

/// A kind of file residents may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub mime: &'static str,
    pub extension: &'static str,
}

/// Photos (including iPhones' HEIC) and PDFs: what a report needs, and nothing that runs.
pub const ALLOWED: &[Kind] = &[
    Kind { mime: "image/jpeg", extension: "jpg" },
    Kind { mime: "image/png", extension: "png" },
    Kind { mime: "image/heif", extension: "heic" },
    Kind { mime: "image/webp", extension: "webp" },
    Kind { mime: "application/pdf", extension: "pdf" },
];

/// The allowed kinds, in words for error messages and hints.
pub const ALLOWED_WORDS: &str = "a JPG, PNG, HEIC or WebP photo, or a PDF";

/// What the bytes are, if they are one of the [`ALLOWED`] kinds.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    let found = infer::get(bytes)?;
    ALLOWED.iter().copied().find(|kind| kind.mime == found.mime_type())
}

/// A file that passed the checks, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub filename: String,
    pub kind: Kind,
    pub sha256: String,
}

/// Why a file was refused, and the file's name as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    Empty(String),
    TooBig(String),
    NotAllowed(String),
    /// This client already has as many bytes waiting in forms not sent as it may.
    ClientFull(String),
    /// All clients together have as many bytes waiting as the server keeps.
    AllFull(String),
}

impl Refused {
    /// The sentence, in English, naming the file.
    pub fn message(&self) -> String {
        match self {
            Refused::Empty(shown) => format!("The file {shown} is empty"),
            Refused::TooBig(shown) => format!("The file {shown} must be smaller than {MAX_FILE_MB} MB"),
            Refused::NotAllowed(shown) => format!("The file {shown} must be {ALLOWED_WORDS}"),
            Refused::ClientFull(_) => "You have added as many files as we can keep for you for now. Send your report \
                                       without more files, or try again in an hour"
                .to_owned(),
            Refused::AllFull(_) => {
                "We cannot take more files just now. Send your report without files, or try again later".to_owned()
            }
        }
    }

    /// Its Fluent message and arguments, for the public form in any language.
    pub fn text(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            Refused::Empty(shown) => ("error-file-empty", vec![("file", shown.clone())]),
            Refused::TooBig(shown) => {
                ("error-file-size", vec![("file", shown.clone()), ("max", MAX_FILE_MB.to_string())])
            }
            Refused::NotAllowed(shown) => ("error-file-type", vec![("file", shown.clone())]),
            Refused::ClientFull(_) => ("error-uploads-full", vec![]),
            Refused::AllFull(_) => ("error-uploads-busy", vec![]),
        }
    }
}

/// Checks one file as uploaded.
pub fn check(filename: &str, bytes: &[u8]) -> Result<Checked, Refused> {
    let shown = clean_filename(filename);
    if bytes.is_empty() {
        return Err(Refused::Empty(shown));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Refused::TooBig(shown));
    }
    let Some(kind) = sniff(bytes) else {
        return Err(Refused::NotAllowed(shown));
    };
    Ok(Checked { filename: with_extension(&shown, kind.extension), kind, sha256: sha256_hex(bytes) })
}

/// The last part of a path, without control characters or characters that mean something
/// in a header or a file system, and not too long. Never empty.
pub fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*' | ';'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    let mut kept: String = cleaned.chars().take(NAME_MAX).collect();
    if kept.is_empty() {
        kept = "file".to_owned();
    }
    kept
}

/// The name with its extension replaced by the one for what the file really is.
fn with_extension(name: &str, extension: &str) -> String {
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    format!("{stem}.{extension}")
}

/// How many bytes may wait in forms not yet sent: for one client, and for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    pub per_client: i64,
    pub total: i64,
}

impl Caps {
    pub fn from_mb(per_client_mb: u64, total_mb: u64) -> Self {
        let bytes = |mb: u64| i64::try_from(mb.saturating_mul(1024 * 1024)).unwrap_or(i64::MAX);
        Caps { per_client: bytes(per_client_mb), total: bytes(total_mb) }
    }

    /// Whether a file of `size` bytes may be kept, given what waits already.
    pub fn allow(&self, size: i64, waiting: Waiting, shown: &str) -> Result<(), Refused> {
        if waiting.client + size > self.per_client {
            return Err(Refused::ClientFull(shown.to_owned()));
        }
        if waiting.total + size > self.total {
            return Err(Refused::AllFull(shown.to_owned()));
        }
        Ok(())
    }
}

/// Bytes waiting in forms not yet sent: one client's, and everyone's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Waiting {
    pub client: i64,
    pub total: i64,
}

/// A size in words: "640 KB", "2.4 MB".
pub fn size_in_words(bytes: i64) -> String {
    const MB: i64 = 1024 * 1024;
    if bytes >= MB { format!("{:.1} MB", bytes as f64 / MB as f64) } else { format!("{} KB", (bytes + 1023) / 1024) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1];
    const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n";

    #[test]
    fn content_decides_the_kind_not_the_name() {
        let checked = check("photo.png", JPEG).unwrap();
        assert_eq!(checked.kind.mime, "image/jpeg");
        assert_eq!(checked.filename, "photo.jpg");
        assert_eq!(check("letter", PDF).unwrap().filename, "letter.pdf");
    }

    #[test]
    fn a_program_or_a_web_page_named_as_a_photo_is_refused_by_name() {
        let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff";
        assert_eq!(
            check("photo.jpg", exe).unwrap_err().message(),
            "The file photo.jpg must be a JPG, PNG, HEIC or WebP photo, or a PDF"
        );
        assert!(check("bin.jpg", b"<html><script>alert(1)</script>").is_err());
        assert_eq!(check("a.jpg", b"").unwrap_err().message(), "The file a.jpg is empty");
    }

    #[test]
    fn too_big_is_refused_before_sniffing() {
        let mut big = JPEG.to_vec();
        big.resize(MAX_FILE_BYTES + 1, 0);
        assert_eq!(check("big.jpg", &big).unwrap_err().message(), "The file big.jpg must be smaller than 10 MB");
        big.truncate(MAX_FILE_BYTES);
        assert!(check("big.jpg", &big).is_ok());
    }

    #[test]
    fn file_names_lose_paths_controls_and_header_characters() {
        assert_eq!(clean_filename(r"C:\Users\me\Pictures\bin.jpg"), "bin.jpg");
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("a\"b;\r\nc.jpg"), "abc.jpg");
        assert_eq!(clean_filename(".hidden"), "hidden");
        assert_eq!(clean_filename(""), "file");
        assert_eq!(clean_filename(&"x".repeat(300)).chars().count(), 80);
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_in_words(1), "1 KB");
        assert_eq!(size_in_words(640 * 1024), "640 KB");
        assert_eq!(size_in_words(2_516_582), "2.4 MB");
    }
}
