//! The shapes the parser recognises wherever it meets them: document symbols, month names,
//! superscript digits, the chapeau and the acting body's name, the lines that close a
//! resolution. The line layout ([`super::lines`]) and the instrument finder
//! ([`super::instruments`]) both ask these questions; kept here, each asks this module and
//! neither asks the other.

use super::lexicon::FOREIGN_CHAPEAUS;

/// Month names: "8 September 2006" is a date, not a footnote reference.
pub(crate) const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The value of a superscript digit (⁰..⁹).
pub(crate) fn superscript_digit(c: char) -> Option<u8> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(4 + (c as u32 - '⁴' as u32) as u8),
        _ => None,
    }
}

/// A document symbol standing alone: "A/RES/79/102", "A/C.3/80/L.10", "S/RES/2334 (2016)".
pub(crate) fn is_symbol(line: &str) -> bool {
    // Asked of every line of a text: the two bytes a symbol opens with ("A/", "S/", "E/",
    // its first part alone before a slash) are told first, which nearly every line fails
    // at once; then the length, and the parts of the symbol are counted, not collected.
    // A line opening with visible ASCII, as nearly every line does, has no white space to
    // trim.
    let line = if line.as_bytes().first().is_some_and(u8::is_ascii_graphic) {
        line
    } else {
        line.trim_start()
    };
    if !matches!(line.as_bytes(), [b'A' | b'S' | b'E', b'/', ..]) {
        return false;
    }
    let line = line.trim_end();
    if line.len() > MAX_SYMBOL_LINE {
        return false;
    }
    let first = line.split(' ').next().unwrap_or("");
    let mut parts = first.split('/');
    matches!(parts.next(), Some("A" | "S" | "E")) && parts.count() >= 2 && !line.contains(", ")
}

/// A symbol line is short: "S/RES/2334 (2016)".
const MAX_SYMBOL_LINE: usize = 40;

/// "Adopted unanimously at the 1102nd meeting.", "Adopted at the 1774th meeting by 13 votes
/// to none. 12", "Adopted at the 2232nd meeting by 12 votes to none, with 2 abstentions
/// (German Democratic Republic, Union of Soviet Socialist Republics). 46": the line that
/// records a Security Council adoption, with its vote. A vote with its abstentions named
/// runs over three lines (S/RES/474 (1980)), so the bound is on a short paragraph, not a line.
pub(crate) fn is_adoption_record(text: &str) -> bool {
    const MAX_RECORD: usize = 300;
    text.len() <= MAX_RECORD && text.starts_with("Adopted ") && text.contains(" meeting")
}

/// Words that may stand between the capitalised words of a body's name: "Economic *and*
/// Social Council", "Commission *on* Crime Prevention".
const NAME_JOINERS: &[&str] = &["and", "on", "of", "for", "to", "the", "in"];

/// Longest chapeau line; a longer "The ..." line is a sentence.
const MAX_CHAPEAU: usize = 120;

/// "The General Assembly,", "The Commission on Crime Prevention and Criminal Justice,",
/// "L'Assemblée générale,".
pub(crate) fn is_chapeau(text: &str) -> bool {
    if text.len() > MAX_CHAPEAU {
        return false;
    }
    let core = text.trim_end_matches([',', '，', '،', ' ']);
    if text[core.len()..].trim().chars().count() > 1 || core.ends_with(':') {
        return false;
    }
    is_body_name(core) || FOREIGN_CHAPEAUS.contains(&core)
}

/// "The General Assembly": "The" and capitalised words, with joiners between.
pub(crate) fn is_body_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("The ") else {
        return false;
    };
    let words: Vec<&str> = rest.split(' ').collect();
    words
        .last()
        .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || NAME_JOINERS.contains(w))
}

/// What follows the acting body's name at the start of a decision: "decides to ..." in "The
/// General Assembly decides to ...".
pub(crate) fn body_name_prefix(text: &str) -> Option<&str> {
    if !text.starts_with("The ") {
        return None;
    }
    let cut = text
        .find(':')
        .into_iter()
        .chain(text.find(" decides"))
        .min()?;
    is_body_name(&text[..cut]).then(|| text[cut..].trim_start_matches([':', ' ']))
}

/// "73rd plenary meeting", "50th (resumed) plenary meeting", "73rd plenary meeting 18
/// December 2014": the meeting at which the General Assembly adopted a resolution. Only the
/// whole line: a preambular paragraph that speaks of "the high-level plenary meeting" must
/// not read as the end of the resolution, which would lose every paragraph after it.
pub(crate) fn is_meeting_line(text: &str) -> bool {
    // Asked of every block: one that opens with no digit has no ordinal.
    if !text.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let Some((ordinal, rest)) = text.split_once(' ') else {
        return false;
    };
    let digits = ordinal.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &ordinal[digits.len()..];
    let numbered = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th");
    let rest = rest.strip_prefix("(resumed) ").unwrap_or(rest);
    let Some(after) = rest.strip_prefix("plenary meeting") else {
        return false;
    };
    // Nothing after it but a full stop or the date of the meeting.
    let dated = after
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| w.bytes().all(|b| b.is_ascii_digit()) || MONTHS.contains(&w));
    numbered && (after.is_empty() || after == "." || dated)
}
