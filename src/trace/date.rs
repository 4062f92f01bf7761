//! The date of a document, read from the document itself.
//!
//! In order of trust: the adoption record closing the instrument ("50th plenary meeting
//! 19 December 2023"), a line of the masthead saying when it was adopted ("Resolution
//! adopted by the General Assembly on 18 December 2014"), the first date of the masthead
//! (a draft's date of issue, "14 October 2025"), a date in the title ("Resolution 679
//! (1990) of 30 November 1990"), then the year alone: of the session the masthead names
//! ("Seventy-first session") or of the symbol (`A/RES/78/229`: session 78, 2023;
//! `S/RES/679 (1990)`).

use std::fmt;

use serde::{Serialize, Serializer};

use crate::document::{Document, Instrument};

/// A day, or only a month or a year when the document says no more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year.
    pub year: u16,
    /// 1 to 12, when known.
    pub month: Option<u8>,
    /// 1 to 31, when known (only with a month).
    pub day: Option<u8>,
}

impl Date {
    /// A full date.
    pub fn day(year: u16, month: u8, day: u8) -> Date {
        Date {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// A year alone.
    pub fn year(year: u16) -> Date {
        Date {
            year,
            month: None,
            day: None,
        }
    }

    /// Whether this date is certainly later than `other`: later at the precision both
    /// have. A year alone is never after a day of the same year, nor before it.
    pub fn is_after(&self, other: &Date) -> bool {
        if self.year != other.year {
            return self.year > other.year;
        }
        match (self.month, other.month) {
            (Some(a), Some(b)) if a != b => a > b,
            (Some(_), Some(_)) => matches!((self.day, other.day), (Some(a), Some(b)) if a > b),
            _ => false,
        }
    }

    /// Reads `text` as an ISO date as [`Display`](fmt::Display) writes it: `2023-12-19`,
    /// `2023-12` or `2023`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next().map(str::parse).transpose().ok()?;
        let day = parts.next().map(str::parse).transpose().ok()?;
        if parts.next().is_some() || (day.is_some() && month.is_none()) {
            return None;
        }
        Some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The most words a passage outside the instruments has when it is a line of the
/// masthead ("General Assembly 14 October 2025 Original: English", "Resolution adopted by
/// the General Assembly on 18 December 2014") rather than the narrative of a report, whose
/// dates are those of meetings.
const MASTHEAD_WORDS: usize = 12;

/// The date of `instrument` of `document`, as the [module](self) docs rank the clues.
pub fn instrument_date(document: &Document, instrument: &Instrument) -> Option<Date> {
    let masthead = || {
        document
            .outside
            .iter()
            .map(|p| p.text.as_str())
            .filter(|text| text.split_whitespace().count() <= MASTHEAD_WORDS)
    };
    instrument
        .adoption
        .as_deref()
        .and_then(first_date)
        .or_else(|| {
            masthead()
                .filter(|text| text.to_lowercase().contains("adopted"))
                .find_map(first_date)
        })
        .or_else(|| masthead().find_map(first_date))
        .or_else(|| instrument.title.as_deref().and_then(first_date))
        .or_else(|| masthead().find_map(session_year).map(Date::year))
        .or_else(|| {
            document_symbol(document, instrument)
                .as_deref()
                .and_then(symbol_year)
        })
}

/// The symbol of the instrument when it prints one, else the symbol of the document's
/// masthead ("United Nations A/C.3/80/L.3") or page heads, never one cited in its text.
pub fn document_symbol(document: &Document, instrument: &Instrument) -> Option<String> {
    if let Some(symbol) = &instrument.symbol {
        return Some(symbol.clone());
    }
    let dropped = document
        .dropped
        .iter()
        .filter(|d| d.kind == crate::document::DroppedKind::DocumentSymbol)
        .map(|d| d.text.trim());
    let masthead = document
        .outside
        .iter()
        .filter_map(|p| p.text.strip_prefix("United Nations "))
        .filter(|rest| rest.split_whitespace().count() == 1)
        .map(str::trim);
    dropped
        .chain(masthead)
        .find(|word| looks_like_symbol(word))
        .map(str::to_owned)
}

/// "A/RES/78/229", "A/C.3/80/L.3", "S/RES/679", "E/CN.15/2019/12".
fn looks_like_symbol(word: &str) -> bool {
    let mut parts = word.split('/');
    matches!(parts.next(), Some("A" | "S" | "E"))
        && parts.clone().count() >= 2
        && parts.all(|p| !p.is_empty())
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The first "19 December 2023" of `text`.
pub fn first_date(text: &str) -> Option<Date> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    words.windows(3).find_map(|w| {
        let day: u8 = w[0].parse().ok().filter(|d| (1..=31).contains(d))?;
        let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(w[1]))? as u8 + 1;
        let year = plausible_year(w[2])?;
        Some(Date::day(year, month, day))
    })
}

/// A year of the United Nations: four digits, 1945 to 2199.
fn plausible_year(word: &str) -> Option<u16> {
    let year: u16 = word.parse().ok().filter(|_| word.len() == 4)?;
    (1945..2200).contains(&year).then_some(year)
}

/// The General Assembly's first session met in 1946; session N opens in September of
/// 1945 + N, when its resolutions start.
const SESSION_ZERO_YEAR: u16 = 1945;

/// The year of "Seventy-first session" in `text`.
fn session_year(text: &str) -> Option<u16> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let at = words.iter().position(|w| w.starts_with("session"))?;
    let ordinal = ordinal_number(words.get(at.checked_sub(1)?)?)?;
    Some(SESSION_ZERO_YEAR + ordinal)
}

/// 1 to 99 from an English ordinal in words: "first", "seventy-first", "eightieth".
fn ordinal_number(word: &str) -> Option<u16> {
    const UNITS: [&str; 19] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [(&str, &str); 8] = [
        ("twenty", "twentieth"),
        ("thirty", "thirtieth"),
        ("forty", "fortieth"),
        ("fifty", "fiftieth"),
        ("sixty", "sixtieth"),
        ("seventy", "seventieth"),
        ("eighty", "eightieth"),
        ("ninety", "ninetieth"),
    ];
    let unit = |w: &str| UNITS.iter().position(|u| *u == w).map(|i| i as u16 + 1);
    if let Some(n) = unit(word) {
        return Some(n);
    }
    for (i, (cardinal, ordinal)) in TENS.iter().enumerate() {
        let tens = 20 + 10 * i as u16;
        if word == *ordinal {
            return Some(tens);
        }
        if let Some(rest) = word
            .strip_prefix(cardinal)
            .and_then(|r| r.strip_prefix('-'))
        {
            return unit(rest).filter(|&n| n < 10).map(|n| tens + n);
        }
    }
    None
}

/// The year a symbol dates its document to: the session of an Assembly symbol
/// (`A/RES/78/229`, `A/C.3/80/L.3`), the year in brackets of a Council resolution
/// (`S/RES/679 (1990)`), a year standing as a part (`E/CN.15/2019/12`).
fn symbol_year(symbol: &str) -> Option<Date> {
    if let Some((_, rest)) = symbol.split_once('(') {
        if let Some(year) = rest.split(')').next().and_then(plausible_year) {
            return Some(Date::year(year));
        }
    }
    let mut parts = symbol.split('/');
    let body = parts.next()?;
    let parts: Vec<&str> = parts.map(str::trim).collect();
    if let Some(year) = parts.iter().find_map(|p| plausible_year(p)) {
        return Some(Date::year(year));
    }
    if body != "A" {
        return None;
    }
    let session: u16 = parts
        .iter()
        .find(|p| p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))?
        .parse()
        .ok()?;
    (session > 0).then(|| Date::year(SESSION_ZERO_YEAR + session))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_words_of_a_resolution() {
        assert_eq!(
            first_date("50th plenary meeting 19 December 2023"),
            Some(Date::day(2023, 12, 19))
        );
        assert_eq!(
            first_date("Resolution adopted by the General Assembly on 4 December 2024"),
            Some(Date::day(2024, 12, 4))
        );
        assert_eq!(first_date("the 2964th meeting."), None);
        assert_eq!(first_date("32 December 2023"), None);
    }

    #[test]
    fn sessions_and_symbols_give_a_year() {
        assert_eq!(
            session_year("Seventy-first session Agenda item 106"),
            Some(2016)
        );
        assert_eq!(
            session_year("Eightieth session Third Committee"),
            Some(2025)
        );
        assert_eq!(session_year("Sixty-ninth session"), Some(2014));
        assert_eq!(session_year("the session"), None);
        assert_eq!(symbol_year("A/RES/78/229"), Some(Date::year(2023)));
        assert_eq!(symbol_year("A/C.3/80/L.3"), Some(Date::year(2025)));
        assert_eq!(symbol_year("S/RES/679 (1990)"), Some(Date::year(1990)));
        assert_eq!(symbol_year("E/CN.15/2019/12"), Some(Date::year(2019)));
    }

    #[test]
    fn after_means_later_at_the_precision_both_have() {
        let draft = Date::day(2025, 10, 14);
        assert!(Date::day(2025, 12, 18).is_after(&draft));
        assert!(!Date::day(2025, 10, 14).is_after(&draft));
        assert!(!Date::year(2025).is_after(&draft));
        assert!(Date::year(2026).is_after(&draft));
        assert!(!Date::day(2023, 12, 19).is_after(&draft));
    }

    #[test]
    fn iso_form_reads_back() {
        for date in [Date::day(2023, 12, 19), Date::year(2016)] {
            assert_eq!(Date::parse_iso(&date.to_string()), Some(date));
        }
        assert_eq!(Date::parse_iso("2023--1"), None);
    }
}
