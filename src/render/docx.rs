//! Word output: the comparison as a `.docx` whose differences are real tracked changes.
//!
//! Opened in Word or LibreOffice, "accept all" leaves the new text and "reject all" the old
//! one. Every change of a comparison is written in new-text order: equal text as plain
//! runs, deleted text in `w:del`, inserted text in `w:ins` (author "resdiff", the date the
//! caller gives), and a paragraph break that only one side has (a split, a merge, an added
//! or removed paragraph) as a tracked paragraph mark, so that accepting or rejecting also
//! joins or splits the paragraphs as the text did. An added or removed paragraph's tracked
//! break is the one before it, as LibreOffice needs (see `Body::comparison`). Each paragraph opens with its ids and a
//! tab: the same ids as plain text, different ones as a deleted old and an inserted new id,
//! so that either result names its paragraphs as its own text does. Above them, untracked,
//! the two files, the title and the summary of each comparison.
//!
//! The package is written here: four small XML parts in a ZIP archive, deflated with
//! `flate2` and checksummed with `crc32fast` (both already built for the PDF reader).

use std::io::Write;

use crate::compare::Comparison;
use crate::document::ParagraphId;
use crate::redline::{PARAGRAPH_SEPARATOR, SegmentOp};

use super::plan;

/// The author of every tracked change.
pub const AUTHOR: &str = "resdiff";

/// The date of the tracked changes when the caller has none to give: the Unix epoch, so
/// that the same inputs always give the same bytes (`SOURCE_DATE_EPOCH` convention).
pub const DEFAULT_DATE: &str = "1970-01-01T00:00:00Z";

/// The `.docx` package of `comparisons`, its tracked changes dated `date` (ISO 8601,
/// `2025-12-01T00:00:00Z`).
pub fn render(comparisons: &[Comparison], date: &str) -> Vec<u8> {
    let mut body = Body::new(date);
    for comparison in comparisons {
        body.comparison(comparison);
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{}<w:sectPr/></w:body></w:document>",
        body.xml
    );
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELATIONSHIPS.as_bytes()),
        (
            "word/_rels/document.xml.rels",
            DOCUMENT_RELATIONSHIPS.as_bytes(),
        ),
        ("word/document.xml", document.as_bytes()),
    ])
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
</Types>";

const PACKAGE_RELATIONSHIPS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" \
Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
Target=\"word/document.xml\"/></Relationships>";

const DOCUMENT_RELATIONSHIPS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>";

/// The body being written, with the running id of the tracked changes (unique in the
/// document, as Word requires).
struct Body<'d> {
    xml: String,
    date: &'d str,
    next_id: usize,
}

/// Which side a piece of text belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Track {
    Both,
    Old,
    New,
}

impl<'d> Body<'d> {
    fn new(date: &'d str) -> Body<'d> {
        Body {
            xml: String::new(),
            date,
            next_id: 1,
        }
    }

    fn comparison(&mut self, comparison: &Comparison) {
        let title = comparison
            .new
            .title
            .as_deref()
            .or(comparison.old.title.as_deref());
        self.plain_paragraph(&format!(
            "{} → {}",
            comparison.old.file, comparison.new.file
        ));
        if let Some(note) = plan::unpaired_note(comparison) {
            self.plain_paragraph(&note);
        }
        if let Some(title) = title {
            self.plain_paragraph(&format!("title: {title}"));
        }
        let counts = plan::summary_counts(&comparison.summary)
            .iter()
            .map(|(name, count)| format!("{count} {name}"))
            .collect::<Vec<_>>()
            .join(", ");
        self.plain_paragraph(&format!("summary: {counts}"));
        for change in &comparison.changes {
            // A paragraph only one side has: its text is tracked, and so is the paragraph
            // break before it, the one that ends the paragraph above. Word gets the same
            // text from tracking its own mark instead, but LibreOffice, joining adjacent
            // changes, then runs the paragraph above into the one below on reject.
            match (change.change.old.is_empty(), change.change.new.is_empty()) {
                (true, false) => self.track_previous_mark(Track::New),
                (false, true) => self.track_previous_mark(Track::Old),
                _ => {}
            }
            self.xml.push_str("<w:p>");
            self.ids(&change.change.old, &change.change.new);
            for segment in &change.segments {
                let track = match segment.op {
                    SegmentOp::Equal => Track::Both,
                    SegmentOp::Delete => Track::Old,
                    SegmentOp::Insert => Track::New,
                };
                let mut pieces = segment.text.split(PARAGRAPH_SEPARATOR);
                if let Some(first) = pieces.next() {
                    self.run(track, first);
                }
                for piece in pieces {
                    self.end_paragraph(track);
                    self.xml.push_str("<w:p>");
                    self.run(track, piece);
                }
            }
            self.end_paragraph(Track::Both);
        }
    }

    /// Reopens the last paragraph written and closes it again with its mark tracked. Its
    /// mark is untracked until then: every change ends with an untracked mark.
    fn track_previous_mark(&mut self, track: Track) {
        let close = self
            .xml
            .rfind("</w:p>")
            .expect("the header paragraphs come first");
        self.xml.truncate(close);
        self.end_paragraph(track);
    }

    /// "PP3" and a tab when both sides have the same ids, else the old ids deleted and
    /// the new ones inserted.
    fn ids(&mut self, old: &[ParagraphId], new: &[ParagraphId]) {
        let join = |ids: &[ParagraphId]| {
            ids.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("+")
        };
        let (old, new) = (join(old), join(new));
        if old == new {
            self.run(Track::Both, &format!("{old}\t"));
            return;
        }
        let one_side = old.is_empty() || new.is_empty();
        if !old.is_empty() {
            self.run(Track::Old, &if one_side { format!("{old}\t") } else { old });
        }
        if !new.is_empty() {
            self.run(Track::New, &if one_side { format!("{new}\t") } else { new });
        }
        if !one_side {
            self.run(Track::Both, "\t");
        }
    }

    fn plain_paragraph(&mut self, text: &str) {
        self.xml.push_str("<w:p>");
        self.run(Track::Both, text);
        self.xml.push_str("</w:p>");
    }

    /// Closes the open paragraph, its mark tracked as `track` says.
    fn end_paragraph(&mut self, track: Track) {
        if track != Track::Both {
            self.xml.push_str("<w:pPr><w:rPr>");
            let attributes = self.attributes();
            let element = if track == Track::New {
                "w:ins"
            } else {
                "w:del"
            };
            self.xml.push_str(&format!("<{element}{attributes}/>"));
            self.xml.push_str("</w:rPr></w:pPr>");
            // Word wants the paragraph properties first: move them before the runs.
            let open = self.xml.rfind("<w:p>").expect("an open paragraph") + "<w:p>".len();
            let properties_at = self.xml.rfind("<w:pPr>").expect("just written");
            let properties = self.xml.split_off(properties_at);
            self.xml.insert_str(open, &properties);
        }
        self.xml.push_str("</w:p>");
    }

    /// ` w:id="7" w:author="resdiff" w:date="..."`, with a fresh id.
    fn attributes(&mut self) -> String {
        let id = self.next_id;
        self.next_id += 1;
        format!(
            " w:id=\"{id}\" w:author=\"{AUTHOR}\" w:date=\"{}\"",
            self.date
        )
    }

    /// One run of `text`, tracked as `track` says; tabs become Word tabs.
    fn run(&mut self, track: Track, text: &str) {
        if text.is_empty() {
            return;
        }
        let text_element = if track == Track::Old {
            "w:delText"
        } else {
            "w:t"
        };
        let wrapper = match track {
            Track::Both => None,
            Track::Old => Some("w:del"),
            Track::New => Some("w:ins"),
        };
        if let Some(wrapper) = wrapper {
            let attributes = self.attributes();
            self.xml.push_str(&format!("<{wrapper}{attributes}>"));
        }
        self.xml.push_str("<w:r>");
        for (i, piece) in text.split('\t').enumerate() {
            if i > 0 {
                self.xml.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                self.xml
                    .push_str(&format!("<{text_element} xml:space=\"preserve\">"));
                escape_xml(&mut self.xml, piece);
                self.xml.push_str(&format!("</{text_element}>"));
            }
        }
        self.xml.push_str("</w:r>");
        if let Some(wrapper) = wrapper {
            self.xml.push_str(&format!("</{wrapper}>"));
        }
    }
}

/// Appends `text` escaped for XML character data. Characters XML 1.0 cannot hold at all
/// (control characters other than tab, line feed and carriage return) become U+FFFD, so
/// that the file still opens and the loss shows where it happened.
fn escape_xml(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// A ZIP archive of `entries`, each deflated, with fixed timestamps (1980-01-01, the
/// format's first date) so that the bytes depend on the contents alone.
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    const DOS_DATE_1980_01_01: u16 = (1 << 5) | 1;
    const VERSION: u16 = 20;
    const DEFLATE: u16 = 8;
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(data).expect("writing to memory");
        let compressed = encoder.finish().expect("writing to memory");
        let crc = crc32fast::hash(data);
        let offset = u32::try_from(out.len()).expect("a docx under 4 GiB");
        let sizes = [
            u32::try_from(compressed.len()).expect("a part under 4 GiB"),
            u32::try_from(data.len()).expect("a part under 4 GiB"),
        ];
        let name_len = u16::try_from(name.len()).expect("a short part name");
        let common = |buf: &mut Vec<u8>| {
            for value in [VERSION, 0, DEFLATE, 0, DOS_DATE_1980_01_01] {
                buf.extend_from_slice(&value.to_le_bytes());
            }
            buf.extend_from_slice(&crc.to_le_bytes());
            for size in sizes {
                buf.extend_from_slice(&size.to_le_bytes());
            }
            buf.extend_from_slice(&name_len.to_le_bytes());
            buf.extend_from_slice(&0u16.to_le_bytes());
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&compressed);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&VERSION.to_le_bytes());
        common(&mut central);
        // Comment length, disk number, internal and external attributes, then the offset.
        central.extend_from_slice(&[0; 2 + 2 + 2 + 4]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = u32::try_from(out.len()).expect("a docx under 4 GiB");
    let central_size = u32::try_from(central.len()).expect("a docx under 4 GiB");
    let count = u16::try_from(entries.len()).expect("a few parts");
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The ISO 8601 date of `seconds` since the Unix epoch (UTC), as `w:date` wants it: for
/// dating the changes from `SOURCE_DATE_EPOCH`.
pub fn iso_date(seconds: u64) -> String {
    let days = seconds / 86_400;
    let in_day = seconds % 86_400;
    // Howard Hinnant's days-to-civil algorithm, for days counted from 1970-01-01.
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        in_day / 3_600,
        in_day % 3_600 / 60,
        in_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(iso_date(0), DEFAULT_DATE);
        assert_eq!(iso_date(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso_date(1_764_547_199), "2025-11-30T23:59:59Z");
    }

    #[test]
    fn xml_escapes_markup_and_replaces_what_xml_cannot_hold() {
        let mut out = String::new();
        escape_xml(&mut out, "a<b>&\"c\"\u{1}\td");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&quot;\u{FFFD}\td");
    }
}
