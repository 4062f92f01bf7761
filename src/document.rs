//! The parsed document: instruments, their paragraphs and footnotes.
//!
//! These types are the contract between `parse` and every later stage, and their `Serialize`
//! form is the JSON that `resdiff parse --format json` prints (documented in the README).

use std::fmt;

use serde::{Serialize, Serializer};

use crate::error::{Error, Result};

/// Everything found in one input file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The name of the input, as given by the user.
    pub file: String,
    /// The instruments in the order they appear; never empty for a parsed document.
    pub instruments: Vec<Instrument>,
    /// Text of the input that belongs to no instrument, kept as printed: the masthead's
    /// session and agenda item, "Resolution adopted by the General Assembly on ...", "[on the
    /// report of ...]", notes that are not about sponsors, text between instruments.
    pub outside: Vec<Passage>,
    /// What the parser set aside as no part of the text: page numbers, symbols, job numbers,
    /// running titles, footnote marks, hyphens that broke a word across lines. Together with
    /// the instruments and `outside`, it accounts for every word of a plain text input (the
    /// markup of a markdown export is not listed).
    pub dropped: Vec<Dropped>,
}

impl Document {
    /// A document of these instruments, with nothing outside them and nothing dropped: for
    /// documents that come from elsewhere than the parser, and for tests.
    pub fn new(file: impl Into<String>, instruments: Vec<Instrument>) -> Document {
        Document {
            file: file.into(),
            instruments,
            outside: Vec::new(),
            dropped: Vec::new(),
        }
    }
}

/// A piece of text kept as printed, with the lines it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// Its clean text.
    pub text: String,
    /// The lines of the input it was read from.
    pub lines: LineSpan,
}

/// A piece of the input the parser set aside, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dropped {
    /// What kind of furniture it is.
    pub kind: DroppedKind,
    /// The lines it stood on.
    pub lines: LineSpan,
    /// The text set aside, as printed.
    pub text: String,
}

/// The kinds of text the parser sets aside: page furniture, and the marks that only point
/// elsewhere. None of them is prose: each has the shape of its kind, and a line of running
/// title is short and never ends a clause (`tests/accounting.rs` checks it on every real
/// text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DroppedKind {
    /// "2/23": the page number.
    PageNumber,
    /// "A/RES/78/223" standing alone: the document symbol of the masthead or a page head.
    DocumentSymbol,
    /// "23-25990 (E)    100124": the job number of a page.
    JobNumber,
    /// "*2325990*": the barcode line of the first page.
    Barcode,
    /// The short title repeated at the head of each page.
    RunningTitle,
    /// "Distr.: General", "Original: English": the distribution lines of the masthead.
    Distribution,
    /// "__________", "---", a form feed: the rule over a footnote block or a page break.
    FootnoteSeparator,
    /// "thereto,1", "²³", `<sup>3</sup>`: the number pointing to a footnote, kept apart as the
    /// paragraph's footnote reference.
    FootnoteMark,
    /// The hyphen of a word broken across two lines ("Presi-" + "dent").
    LineBreakHyphen,
}

/// One resolution, draft resolution or decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instrument {
    /// The label as printed: "Draft resolution IV", "Resolution 28/1", "Draft decision"; none
    /// for a single resolution printed on its own.
    pub label: Option<String>,
    /// The report section the instrument stands in ("B. Draft resolutions for adoption by the
    /// Economic and Social Council"), so that a label repeated in two sections stays
    /// addressable.
    pub section: Option<String>,
    /// The document symbol when the text gives one ("A/RES/69/197", "A/C.3/73/L.7/Rev.1").
    pub symbol: Option<String>,
    /// The title, without its resolution number prefix ("69/197.").
    pub title: Option<String>,
    /// The chapeau naming the acting body: "The General Assembly,".
    pub chapeau: Option<String>,
    /// The sponsors as printed before the title of a draft ("Argentina, Brazil, ...: draft
    /// resolution"), or the note on whose behalf it is submitted ("* On behalf of the States
    /// Members of the United Nations that are members of the Group of 77 and China.").
    pub sponsors: Option<String>,
    /// The number printed before the title ("78/223" of "78/223. Follow-up to ...").
    pub number: Option<String>,
    /// Preambular paragraphs first (PP1..), then operative ones (OP1..), in text order, with
    /// the section headings (H1..) where they stand among them.
    pub paragraphs: Vec<Paragraph>,
    /// The record of the adoption closing the text: "50th plenary meeting 19 December 2023",
    /// "Adopted at the 2232nd meeting by 12 votes to none, with 2 abstentions (...)".
    pub adoption: Option<String>,
    /// Footnotes that belong to this instrument, keyed by their printed number.
    pub footnotes: Vec<Footnote>,
    /// The lines of the input the instrument was read from.
    pub lines: LineSpan,
}

impl Instrument {
    /// An instrument holding `paragraphs` and nothing else (no label, title, chapeau or
    /// footnotes): for texts that come from elsewhere than the parser, and for tests.
    pub fn new(paragraphs: Vec<Paragraph>) -> Instrument {
        Instrument {
            label: None,
            section: None,
            symbol: None,
            title: None,
            chapeau: None,
            sponsors: None,
            number: None,
            paragraphs,
            adoption: None,
            footnotes: Vec::new(),
            lines: LineSpan::default(),
        }
    }

    /// Whether it is an annex ("Annex", "Annex II") printed after a resolution.
    pub fn is_annex(&self) -> bool {
        self.label
            .as_deref()
            .is_some_and(|l| l == "Annex" || l.starts_with("Annex "))
    }

    /// The paragraph with this id.
    pub fn paragraph(&self, id: ParagraphId) -> Option<&Paragraph> {
        self.paragraphs.iter().find(|p| p.id == id)
    }

    /// Every text of the instrument with its id: `NUMBER`, `TITLE`, `SPONSORS`, `CHAPEAU`,
    /// `ADOPTION` (those present and not empty), the paragraphs, then the footnotes
    /// (`FN<n>`). This is what a comparison accounts for: each of these texts is in exactly
    /// one change.
    pub fn texts(&self) -> impl Iterator<Item = (ParagraphId, &str)> {
        let single = |kind: Kind| {
            self.single_text(kind)
                .map(|text| (ParagraphId::new(kind, 0), text))
        };
        single(Kind::Number)
            .into_iter()
            .chain(single(Kind::Title))
            .chain(single(Kind::Sponsors))
            .chain(single(Kind::Chapeau))
            .chain(single(Kind::Adoption))
            .chain(self.paragraphs.iter().map(|p| (p.id, p.text.as_str())))
            .chain(self.footnotes.iter().map(|footnote| {
                (
                    ParagraphId::new(Kind::Footnote, footnote.number),
                    footnote.text.as_str(),
                )
            }))
    }

    /// The text with this id among [`texts`](Self::texts): a paragraph's, a footnote's, the
    /// title, sponsors or chapeau.
    pub fn text(&self, id: ParagraphId) -> Option<&str> {
        match id.kind {
            Kind::Number | Kind::Title | Kind::Sponsors | Kind::Chapeau | Kind::Adoption => {
                self.single_text(id.kind)
            }
            Kind::Footnote => self
                .footnotes
                .iter()
                .find(|footnote| footnote.number == id.number)
                .map(|footnote| footnote.text.as_str()),
            Kind::Preambular | Kind::Operative | Kind::Heading | Kind::Outside => {
                self.paragraph(id).map(|p| p.text.as_str())
            }
        }
    }

    /// The title, sponsors or chapeau, when present and not empty (an empty one is no text
    /// to compare).
    fn single_text(&self, kind: Kind) -> Option<&str> {
        let text = match kind {
            Kind::Number => &self.number,
            Kind::Title => &self.title,
            Kind::Sponsors => &self.sponsors,
            Kind::Chapeau => &self.chapeau,
            Kind::Adoption => &self.adoption,
            _ => return None,
        };
        text.as_deref().filter(|text| !text.is_empty())
    }

    /// A short human name: the label, else the title, else "instrument".
    pub fn display_name(&self) -> String {
        match (&self.label, &self.title) {
            (Some(label), _) => label.clone(),
            (None, Some(title)) => title.clone(),
            (None, None) => "instrument".to_owned(),
        }
    }

    /// How an error names this instrument: its [`Instrument::qualified_label`], else its
    /// [`Instrument::display_name`].
    pub(crate) fn address(&self) -> String {
        self.qualified_label()
            .unwrap_or_else(|| self.display_name())
    }

    /// The title compared when instruments are paired by title, as an error names it: the
    /// title, else the [`Instrument::display_name`].
    pub(crate) fn title_or_name(&self) -> String {
        self.title.clone().unwrap_or_else(|| self.display_name())
    }

    /// The address that picks this instrument among others with the same label:
    /// `SECTION/LABEL` where SECTION is the section's letter ("B/Draft resolution I").
    pub fn qualified_label(&self) -> Option<String> {
        let label = self.label.as_ref()?;
        let letter = self.section.as_deref().and_then(section_letter)?;
        Some(format!("{letter}/{label}"))
    }
}

/// The "A" of "A. Draft resolutions ..." or the "II" of "II. Matters ...".
fn section_letter(section: &str) -> Option<&str> {
    let (head, _) = section.split_once('.')?;
    let head = head.trim();
    (!head.is_empty() && head.len() <= 4 && head.chars().all(|c| c.is_ascii_alphanumeric()))
        .then_some(head)
}

impl Document {
    /// Picks one instrument by 1-based position ("2"), by label ("Draft resolution IV", any
    /// case) or by `SECTION/LABEL` ("B/Draft resolution I") when a label repeats.
    pub fn select(&self, pick: &str) -> Result<&Instrument> {
        let pick_trimmed = pick.trim();
        if let Ok(position) = pick_trimmed.parse::<usize>() {
            if let Some(instrument) = position
                .checked_sub(1)
                .and_then(|i| self.instruments.get(i))
            {
                return Ok(instrument);
            }
        }
        let wanted = pick_trimmed.to_lowercase();
        let matches: Vec<&Instrument> = self
            .instruments
            .iter()
            .filter(|inst| {
                inst.label.as_deref().map(str::to_lowercase).as_deref() == Some(&wanted)
                    || inst.qualified_label().map(|q| q.to_lowercase()).as_deref() == Some(&wanted)
            })
            .collect();
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(Error::NoSuchInstrument {
                path: self.file.clone(),
                pick: pick.to_owned(),
                available: self.instruments.iter().map(Instrument::address).collect(),
            }),
            several => Err(Error::AmbiguousInstrument {
                path: self.file.clone(),
                pick: pick.to_owned(),
                candidates: several.iter().map(|inst| inst.address()).collect(),
            }),
        }
    }
}

/// What part of an instrument a piece of text is.
///
/// Paragraphs of the body are preambular, operative or headings; the other kinds name the
/// texts around them (title, sponsors, chapeau, footnotes), so that a comparison can give
/// every text of an instrument an id of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The number printed before the title ("78/223"): `NUMBER`.
    Number,
    /// The title: `TITLE`.
    Title,
    /// The sponsors of a draft: `SPONSORS`.
    Sponsors,
    /// The chapeau naming the acting body: `CHAPEAU`.
    Chapeau,
    /// A preambular paragraph: "Recalling ...,". Numbered PP1.. by position.
    Preambular,
    /// An operative paragraph: "1. Requests ...;". Numbered OPn by its printed number.
    Operative,
    /// A heading inside the body ("I. Prevention", "Follow-up"): H1.. by position.
    Heading,
    /// The record of the adoption closing the text ("50th plenary meeting ..."): `ADOPTION`.
    Adoption,
    /// A footnote: FNn by its printed number.
    Footnote,
    /// A passage of a document outside every instrument (masthead, notes, text between
    /// instruments, an unrecognised line): OUTn by position.
    Outside,
}

impl Kind {
    /// The id prefix: "PP", "OP", "H", "FN", or the whole id of a kind that occurs once
    /// ("TITLE", "SPONSORS", "CHAPEAU").
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Number => "NUMBER",
            Kind::Title => "TITLE",
            Kind::Sponsors => "SPONSORS",
            Kind::Chapeau => "CHAPEAU",
            Kind::Preambular => "PP",
            Kind::Operative => "OP",
            Kind::Heading => "H",
            Kind::Adoption => "ADOPTION",
            Kind::Footnote => "FN",
            Kind::Outside => "OUT",
        }
    }

    /// Whether an instrument has at most one text of this kind, whose id carries no number.
    pub fn is_single(self) -> bool {
        matches!(
            self,
            Kind::Number | Kind::Title | Kind::Sponsors | Kind::Chapeau | Kind::Adoption
        )
    }

    /// Every kind, in the order its texts come in an instrument (headings stand among the
    /// paragraphs).
    pub const ALL: [Kind; 10] = [
        Kind::Number,
        Kind::Title,
        Kind::Sponsors,
        Kind::Chapeau,
        Kind::Preambular,
        Kind::Operative,
        Kind::Heading,
        Kind::Adoption,
        Kind::Footnote,
        Kind::Outside,
    ];
}

/// The name delegates use for a paragraph: PP3, OP12; also H2, FN4, TITLE, SPONSORS, CHAPEAU
/// for the other texts of an instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParagraphId {
    /// Preambular or operative.
    pub kind: Kind,
    /// PP and H: position from 1; OP and FN: the printed number; 0 for the single kinds.
    pub number: u32,
}

impl ParagraphId {
    /// A preambular id.
    pub fn pp(number: u32) -> ParagraphId {
        ParagraphId {
            kind: Kind::Preambular,
            number,
        }
    }

    /// An operative id.
    pub fn op(number: u32) -> ParagraphId {
        ParagraphId {
            kind: Kind::Operative,
            number,
        }
    }

    /// The id of a text of a single kind (`TITLE`, `SPONSORS`, `CHAPEAU`), or of a numbered
    /// one: `ParagraphId::new(Kind::Footnote, 4)` is FN4.
    pub fn new(kind: Kind, number: u32) -> ParagraphId {
        let number = if kind.is_single() { 0 } else { number };
        ParagraphId { kind, number }
    }
}

impl fmt::Display for ParagraphId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kind.is_single() {
            f.write_str(self.kind.prefix())
        } else {
            write!(f, "{}{}", self.kind.prefix(), self.number)
        }
    }
}

impl std::str::FromStr for ParagraphId {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<ParagraphId, String> {
        let not_an_id = || format!("{s:?} is not a paragraph id (PP3, OP12, H2, FN4, TITLE)");
        // Longest prefix first: "H" must not take what is not a heading id.
        let kind = Kind::ALL
            .into_iter()
            .filter(|kind| s.starts_with(kind.prefix()))
            .max_by_key(|kind| kind.prefix().len())
            .ok_or_else(not_an_id)?;
        let rest = &s[kind.prefix().len()..];
        if kind.is_single() {
            return if rest.is_empty() {
                Ok(ParagraphId::new(kind, 0))
            } else {
                Err(not_an_id())
            };
        }
        if !rest.bytes().all(|b| b.is_ascii_digit()) {
            return Err(not_an_id());
        }
        let number = rest.parse().map_err(|_| not_an_id())?;
        Ok(ParagraphId { kind, number })
    }
}

impl Serialize for ParagraphId {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One paragraph of an instrument.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// PP3, OP12.
    pub id: ParagraphId,
    /// The opening phrase: "Reaffirming also", "Deeply concerned", "Also requests".
    pub lead: String,
    /// The clean text of the whole paragraph, sub-items included: no footnote marks, no
    /// markdown, links unwrapped, white space collapsed to single spaces, every word kept.
    /// The OP number ("12.") is not part of it.
    pub text: String,
    /// Sub-items "(a)", "(b)" of an operative paragraph, each also inside `text`.
    pub items: Vec<Item>,
    /// Numbers of the footnotes referenced from this paragraph, in order of first reference.
    pub footnotes: Vec<u32>,
    /// The lines of the input the paragraph was read from.
    pub lines: LineSpan,
}

impl Paragraph {
    /// A paragraph of this id and text, with no lead, items, footnotes or lines.
    pub fn new(id: ParagraphId, text: impl Into<String>) -> Paragraph {
        Paragraph {
            id,
            lead: String::new(),
            text: text.into(),
            items: Vec::new(),
            footnotes: Vec::new(),
            lines: LineSpan::default(),
        }
    }

    /// Preambular or operative.
    pub fn kind(&self) -> Kind {
        self.id.kind
    }
}

impl Serialize for Paragraph {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            id: ParagraphId,
            kind: Kind,
            number: u32,
            lead: &'a str,
            text: &'a str,
            items: &'a [Item],
            footnotes: &'a [u32],
            lines: LineSpan,
        }
        Wire {
            id: self.id,
            kind: self.id.kind,
            number: self.id.number,
            lead: &self.lead,
            text: &self.text,
            items: &self.items,
            footnotes: &self.footnotes,
            lines: self.lines,
        }
        .serialize(serializer)
    }
}

/// A sub-item of an operative paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// As printed: "(a)", "(iv)".
    pub label: String,
    /// Its clean text, without the label.
    pub text: String,
}

/// A footnote, set aside from the paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Footnote {
    /// The printed number.
    pub number: u32,
    /// Its clean text.
    pub text: String,
}

/// First and last line (1-based, inclusive) of the input a piece came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineSpan {
    /// First line, 1-based.
    pub first: usize,
    /// Last line, 1-based, inclusive.
    pub last: usize,
}

impl Serialize for LineSpan {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        [self.first, self.last].serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for text in [
            "PP1", "OP12", "H3", "FN14", "OUT2", "NUMBER", "TITLE", "SPONSORS", "CHAPEAU",
            "ADOPTION",
        ] {
            assert_eq!(text.parse::<ParagraphId>().unwrap().to_string(), text);
        }
        for bad in ["P3", "OPx", "OP+1", "TITLE2", "H", "FN", "X1", ""] {
            assert!(bad.parse::<ParagraphId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn texts_come_in_reading_order_and_by_id() {
        let instrument = Instrument {
            title: Some("Strengthening the programme".to_owned()),
            sponsors: Some(String::new()),
            chapeau: Some("The General Assembly,".to_owned()),
            footnotes: vec![Footnote {
                number: 4,
                text: "Resolution 70/1.".to_owned(),
            }],
            ..Instrument::new(vec![Paragraph::new(ParagraphId::op(1), "Decides;")])
        };
        let ids: Vec<String> = instrument.texts().map(|(id, _)| id.to_string()).collect();
        // An empty text (the sponsors here) is no text.
        assert_eq!(ids, ["TITLE", "CHAPEAU", "OP1", "FN4"]);
        for (id, text) in instrument.texts() {
            assert_eq!(instrument.text(id), Some(text), "{id}");
        }
        for absent in ["SPONSORS", "FN3", "OP2", "PP1"] {
            assert_eq!(instrument.text(absent.parse().unwrap()), None, "{absent}");
        }
    }

    fn instrument(label: &str, section: &str) -> Instrument {
        Instrument {
            label: Some(label.to_owned()),
            section: Some(section.to_owned()),
            ..Instrument::new(Vec::new())
        }
    }

    #[test]
    fn select_by_position_label_and_section() {
        let doc = Document::new(
            "report.txt",
            vec![
                instrument(
                    "Draft resolution I",
                    "A. Draft resolutions for the General Assembly",
                ),
                instrument("Draft resolution I", "B. Draft resolutions for the Council"),
                instrument("Draft decision I", "C. Draft decisions"),
            ],
        );
        assert_eq!(
            doc.select("3").unwrap().label.as_deref(),
            Some("Draft decision I")
        );
        assert_eq!(
            doc.select("draft decision i").unwrap().label.as_deref(),
            Some("Draft decision I")
        );
        let b = doc.select("B/Draft resolution I").unwrap();
        assert_eq!(
            b.section.as_deref(),
            Some("B. Draft resolutions for the Council")
        );
        let err = doc.select("Draft resolution I").unwrap_err().to_string();
        assert!(
            err.contains("A/Draft resolution I, B/Draft resolution I"),
            "{err}"
        );
        let err = doc.select("Draft resolution IX").unwrap_err();
        assert!(
            err.to_string().starts_with("report.txt: no instrument"),
            "{err}"
        );
        // The instruments to choose from as data, for the caller to present.
        let Error::NoSuchInstrument { available, .. } = err else {
            panic!("{err}")
        };
        assert_eq!(
            available,
            [
                "A/Draft resolution I",
                "B/Draft resolution I",
                "C/Draft decision I"
            ]
        );
        assert!(doc.select("0").is_err());
    }
}
