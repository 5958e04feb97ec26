//! Letters as PDF, with `pdf-writer`.
//!
//! Why `pdf-writer`: it is the PDF layer the typst project keeps, small (four
//! dependencies, seconds to build on two cores) and exact about what it writes. `typst`
//! as a library would typeset better but adds hundreds of crates and minutes to a clean
//! build; `printpdf` 0.8 brings font shaping and image crates a plain letter does not
//! need; `genpdf` is unmaintained since 2021. A council letter is text on A4, so this
//! module lays it out itself: Helvetica, one of the PDF standard fonts every printer
//! and reader has (nothing to embed, text that copies and searches), measured with
//! Adobe's published widths below and encoded as WinAnsi. A character outside WinAnsi
//! (Welsh ŵ and ŷ, Arabic) prints as "?"; letters are written in English today.
//!
//! The page: A4, 25 mm margins. The customer's name and address sit in [`WINDOW`], where a
//! DL window envelope shows them when the page is folded in three. The council's own
//! address is at the top right, then the reference and the date, a bold subject and
//! the text. Large print sets everything at [`LARGE_PT`] (16 pt) or more.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

/// Points in a millimetre.
const MM: f32 = 72.0 / 25.4;
const PAGE_W: f32 = 210.0 * MM;
const PAGE_H: f32 = 297.0 * MM;
const MARGIN: f32 = 25.0 * MM;

/// The text size of a letter, and of a large-print one.
pub const NORMAL_PT: f32 = 11.0;
pub const LARGE_PT: f32 = 16.0;

/// Where a DL window envelope's window falls on an A4 page folded in three, in
/// millimetres from the page's top left corner: (left, top, width, height). The
/// address is set inside it with room to spare, so a slightly crooked fold still shows
/// every line.
pub const WINDOW: (f32, f32, f32, f32) = (20.0, 45.0, 100.0, 40.0);
/// Room kept between the window's edge and the address.
const WINDOW_PAD_MM: f32 = 4.0;
/// An address has at most this many lines; more are joined with commas.
const ADDRESS_LINES: usize = 6;

/// One letter to print.
#[derive(Debug, Clone)]
pub struct Letter {
    /// The name and the address's lines, the postcode last.
    pub recipient: Vec<String>,
    pub reference: String,
    /// The date it is printed, in words: "5 December 2026".
    pub date: String,
    pub subject: String,
    /// The text, paragraphs separated by blank lines.
    pub body: String,
    pub large_print: bool,
    /// The language of its headings ("Our reference", "Date").
    pub language: crate::language::Language,
}

/// Who the letters come from: the council's name and where to write back.
#[derive(Debug, Clone)]
pub struct Sender {
    pub name: String,
    /// The address's lines.
    pub address: Vec<String>,
}

/// Widths of the characters 32 to 126 in Helvetica, in thousandths of the size
/// (Adobe's Helvetica.afm).
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
    556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
    260, 334, 584,
];

/// The same for Helvetica-Bold (Helvetica-Bold.afm).
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
    556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
    280, 389, 584,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
}

impl Face {
    fn name(self) -> Name<'static> {
        match self {
            Face::Regular => Name(b"F1"),
            Face::Bold => Name(b"F2"),
        }
    }
}

/// A character as a WinAnsi byte: ASCII and Latin-1 as they are, the usual typographic
/// quotes and dashes at their WinAnsi places, anything else "?".
fn win_ansi(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '\u{a0}'..='\u{ff}' => c as u32 as u8,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201c}' => 0x93,
        '\u{201d}' => 0x94,
        '\u{2022}' => 0x95,
        '\u{2013}' => 0x96,
        '\u{2014}' => 0x97,
        '\u{2026}' => 0x85,
        '\u{20ac}' => 0x80,
        '\t' => b' ',
        // Welsh's w and y with a circumflex are not in WinAnsi: the letter without the
        // accent reads better than a question mark.
        '\u{175}' => b'w',
        '\u{177}' => b'y',
        '\u{174}' => b'W',
        '\u{176}' => b'Y',
        _ => b'?',
    }
}

/// How wide `text` is at `size`, in points.
fn width(text: &str, face: Face, size: f32) -> f32 {
    let table = match face {
        Face::Regular => &HELVETICA,
        Face::Bold => &HELVETICA_BOLD,
    };
    let units: u32 = text
        .chars()
        .map(|c| match win_ansi(c) {
            b @ 32..=126 => u32::from(table[usize::from(b - 32)]),
            _ => 556,
        })
        .sum();
    units as f32 * size / 1000.0
}

/// Breaks a paragraph into lines no wider than `max` points, at spaces; a word longer
/// than a line is broken where it must be.
fn wrap(paragraph: &str, face: Face, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in paragraph.split_whitespace() {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if width(&candidate, face, size) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word.to_owned();
        while width(&rest, face, size) > max {
            let mut cut = rest.len();
            while cut > 1 && width(&rest[..cut], face, size) > max {
                cut = rest[..cut].char_indices().last().map_or(1, |(i, _)| i.max(1));
            }
            lines.push(rest[..cut].to_owned());
            rest = rest[cut..].to_owned();
        }
        line = rest;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The text of one page as it is drawn: each line's face, size, left edge and baseline
/// (from the page's bottom, as PDF counts).
#[derive(Default)]
struct PageText {
    lines: Vec<(Face, f32, f32, f32, String)>,
}

impl PageText {
    fn put(&mut self, face: Face, size: f32, x: f32, baseline: f32, text: &str) {
        self.lines.push((face, size, x, baseline, text.to_owned()));
    }

    fn content(&self) -> Vec<u8> {
        let mut content = Content::new();
        content.begin_text();
        for (face, size, x, y, text) in &self.lines {
            let bytes: Vec<u8> = text.chars().map(win_ansi).collect();
            content.set_font(face.name(), *size);
            content.set_text_matrix([1.0, 0.0, 0.0, 1.0, *x, *y]);
            content.show(Str(&bytes));
        }
        content.end_text();
        content.finish().to_vec()
    }
}

/// Lays out one letter on as many pages as it needs.
fn lay_out(letter: &Letter, from: &Sender) -> Vec<PageText> {
    let size = if letter.large_print { LARGE_PT } else { NORMAL_PT };
    let leading = size * 1.25;
    let text_width = PAGE_W - 2.0 * MARGIN;
    let mut pages = vec![PageText::default()];
    let page = pages.last_mut().expect("one page");

    // The council's address, top right.
    let right_edge = PAGE_W - MARGIN;
    let mut y = PAGE_H - 15.0 * MM - size;
    let mut sender = vec![(Face::Bold, from.name.clone())];
    sender.extend(from.address.iter().map(|l| (Face::Regular, l.clone())));
    for (face, line) in &sender {
        let w = width(line, *face, size);
        page.put(*face, size, right_edge - w, y, line);
        y -= leading;
    }

    // The customer's address, inside the envelope's window.
    let (left, top, window_w, _) = WINDOW;
    let mut recipient: Vec<String> = letter.recipient.iter().map(|l| l.trim().to_owned()).collect();
    if recipient.len() > ADDRESS_LINES {
        let tail = recipient.split_off(ADDRESS_LINES - 2);
        let (postcode, middle) = tail.split_last().map(|(p, m)| (p.clone(), m.join(", "))).unwrap_or_default();
        recipient.push(middle);
        recipient.push(postcode);
    }
    let x = (left + WINDOW_PAD_MM) * MM;
    let max = (window_w - 2.0 * WINDOW_PAD_MM) * MM;
    let mut y = PAGE_H - (top + WINDOW_PAD_MM) * MM - size * 0.8;
    for line in recipient.iter().flat_map(|l| wrap(l, Face::Regular, size, max)) {
        page.put(Face::Regular, size, x, y, &line);
        y -= leading;
    }

    // The reference and the date, below the window.
    let mut y = PAGE_H - 95.0 * MM;
    let say = |id: &str, args: &[(&'static str, &str)]| crate::language::text_with(letter.language, id, args);
    page.put(Face::Regular, size, MARGIN, y, &say("letter-reference", &[("reference", &letter.reference)]));
    y -= leading;
    page.put(Face::Regular, size, MARGIN, y, &say("letter-date", &[("date", &letter.date)]));
    y -= 2.0 * leading;
    for line in wrap(&letter.subject, Face::Bold, size, text_width) {
        page.put(Face::Bold, size, MARGIN, y, &line);
        y -= leading;
    }
    y -= leading;

    // The text, over as many pages as it takes.
    let bottom = MARGIN;
    let mut page_number = 1;
    for paragraph in letter.body.split("\n\n") {
        for source_line in paragraph.lines() {
            let wrapped = wrap(source_line, Face::Regular, size, text_width);
            for line in if wrapped.is_empty() { vec![String::new()] } else { wrapped } {
                if y < bottom {
                    page_number += 1;
                    pages.push(PageText::default());
                    let page = pages.last_mut().expect("a page just added");
                    y = PAGE_H - MARGIN;
                    let number = page_number.to_string();
                    let head = say("letter-page", &[("reference", &letter.reference), ("page", &number)]);
                    page.put(Face::Regular, size, MARGIN, y, &head);
                    y -= 2.0 * leading;
                }
                let page = pages.last_mut().expect("a page");
                page.put(Face::Regular, size, MARGIN, y, &line);
                y -= leading;
            }
        }
        y -= leading * 0.6;
    }
    pages
}

/// One PDF holding every letter, each starting on a new page, in order.
pub fn render(letters: &[Letter], from: &Sender, title: &str) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let mut next = 6;
    let mut fresh = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let pages: Vec<PageText> = letters.iter().flat_map(|l| lay_out(l, from)).collect();
    let ids: Vec<(Ref, Ref)> = pages.iter().map(|_| (fresh(), fresh())).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(ids.iter().map(|(page, _)| *page)).count(i32::try_from(ids.len()).unwrap_or(i32::MAX));
    for (text, (page_id, content_id)) in pages.iter().zip(&ids) {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        page.parent(tree);
        page.contents(*content_id);
        page.resources().fonts().pair(Face::Regular.name(), regular).pair(Face::Bold.name(), bold);
        page.finish();
        pdf.stream(*content_id, &text.content());
    }
    pdf.type1_font(regular).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold")).encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info).title(pdf_writer::TextStr(title)).producer(pdf_writer::TextStr("frontdoor"));
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_adobes() {
        // "Hello" in Helvetica: H 722, e 556, l 222, l 222, o 556 = 2278 thousandths.
        assert!((width("Hello", Face::Regular, 10.0) - 22.78).abs() < 0.001);
        assert!(width("W", Face::Bold, 10.0) > width("i", Face::Bold, 10.0));
    }

    #[test]
    fn a_paragraph_wraps_at_spaces_within_the_width() {
        let text = "We have looked at your letter about the bins in Mill Lane and we will empty them on Friday.";
        let lines = wrap(text, Face::Regular, 11.0, 150.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| width(l, Face::Regular, 11.0) <= 150.0));
        assert_eq!(lines.join(" "), text);
        // A word too long for a line is broken, not lost.
        let long = "x".repeat(200);
        assert_eq!(wrap(&long, Face::Regular, 11.0, 100.0).concat(), long);
    }

    #[test]
    fn text_outside_win_ansi_prints_as_a_question_mark() {
        assert_eq!(win_ansi('£'), 0xA3);
        assert_eq!(win_ansi('’'), 0x92);
        assert_eq!(win_ansi('ŵ'), b'w');
        assert_eq!(win_ansi('ب'), b'?');
    }
}
