//! The text of a Word document (Office Open XML, `.docx`): body paragraphs in order with
//! Word's automatic numbering written out, tracked changes accepted, and the footnotes.
//!
//! The text is laid out like a PDF text layer, which the parser knows: one line per
//! paragraph and a blank line between paragraphs; a footnote reference becomes its number
//! in superscript digits (`¹²`), and the footnotes follow the body after a rule of
//! underscores, each line opening with its number.

use std::collections::BTreeMap;
use std::io::Read;

/// Largest part resdiff inflates: far above the document part of any resolution (a few
/// hundred KB), and a bound on what a crafted archive (a "zip bomb") can cost.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// What to do with the changes tracked in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrackedChanges {
    /// Read the text as if every change were accepted: the current draft.
    Accept,
    /// Read the text as if every change were rejected: the draft before the changes.
    Reject,
}

/// The text of the `.docx` in `bytes`, or the one-line reason it cannot be read. `None`
/// when the ZIP archive is not a Word document (an `.odt`, an `.xlsx`, any other archive).
pub(crate) fn text(bytes: &[u8], changes: TrackedChanges) -> Option<Result<String, String>> {
    let archive = match Archive::open(bytes) {
        Ok(archive) => archive,
        Err(problem) => return Some(Err(problem)),
    };
    archive.find("word/document.xml")?;
    Some(read(&archive, changes))
}

fn read(archive: &Archive<'_>, changes: TrackedChanges) -> Result<String, String> {
    let document = archive.part("word/document.xml")?;
    let numbering = match archive.find("word/numbering.xml") {
        Some(_) => Numbering::parse(&archive.part("word/numbering.xml")?)?,
        None => Numbering::default(),
    };
    let mut references = Vec::new();
    let body = paragraphs(&document, changes, Some(&numbering), &mut references)?;
    let mut text = body.join("\n\n");
    if !references.is_empty() && archive.find("word/footnotes.xml").is_some() {
        let notes = footnotes(&archive.part("word/footnotes.xml")?, changes)?;
        text.push_str("\n\n__________________\n");
        for (number, id) in references.iter().enumerate() {
            if let Some(note) = notes.get(id) {
                text.push_str(&format!("\n{}  {}\n", number + 1, note.trim()));
            }
        }
    }
    Ok(text)
}

/// The footnotes of `footnotes.xml` by id, each as one paragraph of text.
fn footnotes(xml: &str, changes: TrackedChanges) -> Result<BTreeMap<String, String>, String> {
    let mut notes = BTreeMap::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:footnote ") {
        let after = &rest[start..];
        let end = after
            .find("</w:footnote>")
            .ok_or("corrupt .docx (a footnote is not closed)")?;
        let element = &after[..end];
        let head_end = element.find('>').unwrap_or(element.len());
        if let Some(id) = attribute(&element[..head_end], "w:id") {
            let text = paragraphs(element, changes, None, &mut Vec::new())?.join(" ");
            notes.insert(id, text);
        }
        rest = &after[end..];
    }
    Ok(notes)
}

/// The text of every `w:p` of `xml`, in order. Footnote references are written as
/// superscript numbers in order of appearance and their ids pushed onto `references`.
fn paragraphs(
    xml: &str,
    changes: TrackedChanges,
    numbering: Option<&Numbering>,
    references: &mut Vec<String>,
) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_paragraph = false;
    // Depth of the w:ins and w:del around the current position.
    let (mut inserted, mut deleted) = (0usize, 0usize);
    let mut in_text = false;
    let mut in_properties = false;
    let mut mark: Option<&str> = None;
    // Whether the last paragraph's mark is gone on this side, so this one continues it.
    let mut join_next = false;
    let (mut num_id, mut level): (Option<String>, usize) = (None, 0);
    let mut counters = Counters::default();
    for token in Tokens::new(xml) {
        let token = token?;
        let visible = match changes {
            TrackedChanges::Accept => deleted == 0,
            TrackedChanges::Reject => inserted == 0,
        };
        match token {
            Token::Text(text) if in_text && visible => unescape(text, &mut current)?,
            Token::Text(_) => {}
            Token::Open {
                name,
                attributes,
                empty,
            } => match name {
                "w:p" if !empty => {
                    in_paragraph = true;
                    current.clear();
                    mark = None;
                    num_id = None;
                    level = 0;
                }
                "w:pPr" if !empty => in_properties = true,
                // A paragraph mark inserted or deleted, or moved (Word tracks a moved
                // paragraph's mark as moved to or from, and LibreOffice writes that mark as
                // an element with an end tag, which must not count as moved text).
                "w:ins" | "w:del" | "w:moveTo" | "w:moveFrom" if in_properties => {
                    let kept = matches!(name, "w:ins" | "w:moveTo");
                    mark = Some(if kept { "ins" } else { "del" });
                }
                "w:ins" | "w:moveTo" if !empty => inserted += 1,
                "w:del" | "w:moveFrom" if !empty => deleted += 1,
                "w:t" | "w:delText" if !empty => in_text = true,
                "w:tab" if visible && in_paragraph && !in_properties => current.push('\t'),
                "w:br" | "w:cr" if visible && in_paragraph => current.push(' '),
                "w:noBreakHyphen" if visible => current.push('-'),
                "w:ilvl" if in_properties => {
                    level = attribute(attributes, "w:val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                }
                "w:numId" if in_properties => num_id = attribute(attributes, "w:val"),
                "w:footnoteReference" if visible => {
                    if let Some(id) = attribute(attributes, "w:id") {
                        references.push(id);
                        current.push_str(&superscript(references.len()));
                    }
                }
                _ => {}
            },
            Token::Close(name) => match name {
                "w:pPr" => in_properties = false,
                "w:ins" | "w:moveTo" if !in_properties => inserted = inserted.saturating_sub(1),
                "w:del" | "w:moveFrom" if !in_properties => deleted = deleted.saturating_sub(1),
                "w:t" | "w:delText" => in_text = false,
                "w:p" => {
                    in_paragraph = false;
                    let label = match (numbering, &num_id) {
                        (Some(numbering), Some(id)) if id != "0" => {
                            numbering.label(id, level, &mut counters)
                        }
                        _ => String::new(),
                    };
                    let text = format!("{label}{current}");
                    // A paragraph whose mark is gone on this side runs into the next one.
                    let joins = matches!(
                        (changes, mark),
                        (TrackedChanges::Accept, Some("del"))
                            | (TrackedChanges::Reject, Some("ins"))
                    );
                    match out.last_mut() {
                        Some(last) if join_next => last.push_str(&text),
                        _ => out.push(text),
                    }
                    join_next = joins;
                }
                _ => {}
            },
        }
    }
    // Spaces at the edges of a paragraph are layout; inside a joined one they are words'.
    Ok(out
        .into_iter()
        .map(|paragraph| paragraph.trim().to_owned())
        .collect())
}

fn superscript(number: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    number
        .to_string()
        .bytes()
        .map(|b| DIGITS[usize::from(b - b'0')])
        .collect()
}

/// The value of `name="..."` in the attributes of a start tag.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let mut rest = attributes;
    while let Some(at) = rest.find(name) {
        let after = &rest[at + name.len()..];
        let before_ok = at == 0 || rest.as_bytes()[at - 1].is_ascii_whitespace();
        if before_ok {
            if let Some(value) = after.strip_prefix("=\"") {
                let end = value.find('"')?;
                let mut out = String::new();
                unescape(&value[..end], &mut out).ok()?;
                return Some(out);
            }
        }
        rest = after;
    }
    None
}

/// Appends XML character data with its references resolved.
fn unescape(text: &str, out: &mut String) -> Result<(), String> {
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after
            .find(';')
            .ok_or("corrupt .docx (an unterminated character reference)")?;
        let entity = &after[..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        out.push(c.ok_or_else(|| format!("corrupt .docx (unknown reference &{entity};)"))?);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(())
}

/// A piece of XML: a start (or empty-element) tag, an end tag, or character data.
enum Token<'x> {
    Open {
        name: &'x str,
        attributes: &'x str,
        empty: bool,
    },
    Close(&'x str),
    Text(&'x str),
}

/// The tokens of an XML document; declarations, comments and processing instructions are
/// skipped. Enough for the WordprocessingML parts, which hold no DTD and no CDATA.
struct Tokens<'x> {
    rest: &'x str,
}

impl<'x> Tokens<'x> {
    fn new(xml: &'x str) -> Tokens<'x> {
        Tokens { rest: xml }
    }
}

impl<'x> Iterator for Tokens<'x> {
    type Item = Result<Token<'x>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            if !self.rest.starts_with('<') {
                let end = self.rest.find('<').unwrap_or(self.rest.len());
                let (text, rest) = self.rest.split_at(end);
                self.rest = rest;
                return Some(Ok(Token::Text(text)));
            }
            let (terminator, skip) = if self.rest.starts_with("<!--") {
                ("-->", true)
            } else if self.rest.starts_with("<?") || self.rest.starts_with("<!") {
                (">", true)
            } else {
                (">", false)
            };
            let Some(end) = self.rest.find(terminator) else {
                return Some(Err("corrupt .docx (an unclosed XML tag)".to_owned()));
            };
            let tag = &self.rest[1..end];
            self.rest = &self.rest[end + terminator.len()..];
            if skip {
                continue;
            }
            if let Some(name) = tag.strip_prefix('/') {
                return Some(Ok(Token::Close(name.trim())));
            }
            let empty = tag.ends_with('/');
            let tag = tag.strip_suffix('/').unwrap_or(tag);
            let name_end = tag
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(tag.len());
            return Some(Ok(Token::Open {
                name: &tag[..name_end],
                attributes: &tag[name_end..],
                empty,
            }));
        }
    }
}

/// Word's list definitions: for each list (`w:num`) and level, the number format, the
/// label pattern (`%1.`, `(%2)`) and the first number.
#[derive(Default)]
struct Numbering {
    /// `w:numId` → `w:abstractNumId`.
    lists: BTreeMap<String, String>,
    /// (`w:abstractNumId`, level) → the level's definition.
    levels: BTreeMap<(String, usize), Level>,
}

struct Level {
    format: String,
    pattern: String,
    start: usize,
}

/// The running numbers of each list and level.
#[derive(Default)]
struct Counters {
    numbers: BTreeMap<(String, usize), usize>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, String> {
        let mut numbering = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut num_id: Option<String> = None;
        for token in Tokens::new(xml) {
            match token? {
                Token::Open {
                    name, attributes, ..
                } => match name {
                    "w:abstractNum" => abstract_id = attribute(attributes, "w:abstractNumId"),
                    "w:lvl" => {
                        let index = attribute(attributes, "w:ilvl")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0);
                        level = Some((
                            index,
                            Level {
                                format: "decimal".to_owned(),
                                pattern: format!("%{}.", index + 1),
                                start: 1,
                            },
                        ));
                    }
                    "w:numFmt" | "w:lvlText" | "w:start" => {
                        if let (Some((_, level)), Some(value)) =
                            (level.as_mut(), attribute(attributes, "w:val"))
                        {
                            match name {
                                "w:numFmt" => level.format = value,
                                "w:lvlText" => level.pattern = value,
                                _ => level.start = value.parse().unwrap_or(1),
                            }
                        }
                    }
                    "w:num" => num_id = attribute(attributes, "w:numId"),
                    "w:abstractNumId" => {
                        if let (Some(id), Some(value)) =
                            (num_id.clone(), attribute(attributes, "w:val"))
                        {
                            numbering.lists.insert(id, value);
                        }
                    }
                    _ => {}
                },
                Token::Close("w:lvl") => {
                    if let (Some(id), Some((index, definition))) = (&abstract_id, level.take()) {
                        numbering.levels.insert((id.clone(), index), definition);
                    }
                }
                _ => {}
            }
        }
        Ok(numbering)
    }

    /// The label of the next paragraph of list `num_id` at `level` ("12. ", "(a) "),
    /// counting it; deeper levels start again.
    fn label(&self, num_id: &str, level: usize, counters: &mut Counters) -> String {
        let Some(abstract_id) = self.lists.get(num_id) else {
            return String::new();
        };
        let start = |l: usize| {
            self.levels
                .get(&(abstract_id.clone(), l))
                .map_or(1, |d| d.start)
        };
        let key = (abstract_id.clone(), level);
        let number = counters.numbers.get(&key).map_or(start(level), |n| n + 1);
        counters.numbers.insert(key, number);
        counters
            .numbers
            .retain(|(id, l), _| id != abstract_id || *l <= level);
        let Some(definition) = self.levels.get(&(abstract_id.clone(), level)) else {
            return String::new();
        };
        if definition.format == "none" || definition.format == "bullet" {
            return String::new();
        }
        let mut label = definition.pattern.clone();
        for l in 0..=level {
            let value = counters
                .numbers
                .get(&(abstract_id.clone(), l))
                .copied()
                .unwrap_or(start(l));
            let format = self
                .levels
                .get(&(abstract_id.clone(), l))
                .map_or("decimal", |d| d.format.as_str());
            label = label.replace(&format!("%{}", l + 1), &format_number(value, format));
        }
        format!("{label} ")
    }
}

fn format_number(value: usize, format: &str) -> String {
    match format {
        "lowerLetter" | "upperLetter" => {
            let mut letters = String::new();
            let mut n = value;
            while n > 0 {
                n -= 1;
                letters.insert(0, char::from(b'a' + (n % 26) as u8));
                n /= 26;
            }
            if format == "upperLetter" {
                letters.to_uppercase()
            } else {
                letters
            }
        }
        "lowerRoman" | "upperRoman" => {
            const NUMERALS: [(usize, &str); 13] = [
                (1000, "m"),
                (900, "cm"),
                (500, "d"),
                (400, "cd"),
                (100, "c"),
                (90, "xc"),
                (50, "l"),
                (40, "xl"),
                (10, "x"),
                (9, "ix"),
                (5, "v"),
                (4, "iv"),
                (1, "i"),
            ];
            let mut roman = String::new();
            let mut n = value;
            for (size, numeral) in NUMERALS {
                while n >= size {
                    roman.push_str(numeral);
                    n -= size;
                }
            }
            if format == "upperRoman" {
                roman.to_uppercase()
            } else {
                roman
            }
        }
        _ => value.to_string(),
    }
}

/// A ZIP archive's table of contents, read from its central directory.
struct Archive<'b> {
    bytes: &'b [u8],
    /// Name → (method, compressed size, size, offset of the local header).
    entries: BTreeMap<String, (u16, u64, u64, usize)>,
}

impl<'b> Archive<'b> {
    fn open(bytes: &'b [u8]) -> Result<Archive<'b>, String> {
        const CORRUPT: &str = "corrupt .docx (its ZIP directory cannot be read)";
        let u16_at = |at: usize| -> Result<u16, String> {
            Ok(u16::from_le_bytes(
                bytes
                    .get(at..at + 2)
                    .ok_or(CORRUPT)?
                    .try_into()
                    .expect("two bytes"),
            ))
        };
        let u32_at = |at: usize| -> Result<u32, String> {
            Ok(u32::from_le_bytes(
                bytes
                    .get(at..at + 4)
                    .ok_or(CORRUPT)?
                    .try_into()
                    .expect("four bytes"),
            ))
        };
        // The end-of-directory record is in the last 22 bytes plus a comment of up to 64 KiB.
        let search_from = bytes.len().saturating_sub(22 + 0xFFFF);
        let end = (search_from..bytes.len().saturating_sub(21))
            .rev()
            .find(|&at| bytes[at..].starts_with(&0x0605_4b50u32.to_le_bytes()))
            .ok_or(CORRUPT)?;
        let count = u16_at(end + 10)?;
        let mut at = u32_at(end + 16)? as usize;
        let mut entries = BTreeMap::new();
        for _ in 0..count {
            if u32_at(at)? != 0x0201_4b50 {
                return Err(CORRUPT.to_owned());
            }
            let method = u16_at(at + 10)?;
            let compressed = u64::from(u32_at(at + 20)?);
            let size = u64::from(u32_at(at + 24)?);
            let name_len = usize::from(u16_at(at + 28)?);
            let extra_len = usize::from(u16_at(at + 30)?);
            let comment_len = usize::from(u16_at(at + 32)?);
            let offset = u32_at(at + 42)? as usize;
            let name = bytes.get(at + 46..at + 46 + name_len).ok_or(CORRUPT)?;
            entries.insert(
                String::from_utf8_lossy(name).into_owned(),
                (method, compressed, size, offset),
            );
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive { bytes, entries })
    }

    fn find(&self, name: &str) -> Option<&(u16, u64, u64, usize)> {
        self.entries.get(name)
    }

    /// The part `name`, inflated, as UTF-8 text.
    fn part(&self, name: &str) -> Result<String, String> {
        let corrupt = || format!("corrupt .docx (its part {name} cannot be read)");
        let &(method, compressed, size, offset) = self.find(name).ok_or_else(corrupt)?;
        if size > MAX_PART_BYTES {
            return Err(format!(
                "corrupt .docx (its part {name} claims {size} bytes)"
            ));
        }
        let header = self.bytes.get(offset..offset + 30).ok_or_else(corrupt)?;
        let name_len = usize::from(u16::from_le_bytes([header[26], header[27]]));
        let extra_len = usize::from(u16::from_le_bytes([header[28], header[29]]));
        let start = offset + 30 + name_len + extra_len;
        let data = usize::try_from(compressed)
            .ok()
            .and_then(|len| self.bytes.get(start..start.checked_add(len)?))
            .ok_or_else(corrupt)?;
        let mut out = Vec::new();
        match method {
            0 => out.extend_from_slice(data),
            8 => {
                flate2::read::DeflateDecoder::new(data)
                    .take(MAX_PART_BYTES + 1)
                    .read_to_end(&mut out)
                    .map_err(|_| corrupt())?;
                if out.len() as u64 > MAX_PART_BYTES {
                    return Err(corrupt());
                }
            }
            _ => return Err(format!("{} (compression method {method})", corrupt())),
        }
        String::from_utf8(out).map_err(|_| corrupt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph moved as Word writes it (text and mark moved) and as LibreOffice writes
    /// the mark back (`<w:moveTo ...></w:moveTo>`, with an end tag), between "One" and "Two".
    const MOVED: &str = "<w:body>\
        <w:p><w:r><w:t>One</w:t></w:r></w:p>\
        <w:moveFromRangeStart w:id=\"1\" w:name=\"move1\"/>\
        <w:p><w:pPr><w:rPr><w:moveFrom w:id=\"2\"/></w:rPr></w:pPr>\
        <w:moveFrom w:id=\"3\"><w:r><w:t>Moved</w:t></w:r></w:moveFrom></w:p>\
        <w:moveFromRangeEnd w:id=\"1\"/>\
        <w:p><w:r><w:t>Two</w:t></w:r></w:p>\
        <w:moveToRangeStart w:id=\"4\" w:name=\"move1\"/>\
        <w:p><w:pPr><w:rPr><w:moveTo w:id=\"5\"></w:moveTo></w:rPr></w:pPr>\
        <w:moveTo w:id=\"6\"><w:r><w:t>Moved</w:t></w:r></w:moveTo></w:p>\
        <w:moveToRangeEnd w:id=\"4\"/>\
        <w:p><w:r><w:t>Three</w:t></w:r></w:p></w:body>";

    #[test]
    fn a_moved_paragraph_goes_with_its_mark() {
        let read = |changes| paragraphs(MOVED, changes, None, &mut Vec::new()).unwrap();
        assert_eq!(
            read(TrackedChanges::Accept),
            ["One", "Two", "Moved", "Three"]
        );
        assert_eq!(
            read(TrackedChanges::Reject),
            ["One", "Moved", "Two", "Three"]
        );
    }
}
