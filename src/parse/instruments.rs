//! Finding the instruments of a text: labels ("Draft resolution IV"), section headings,
//! titles, chapeaus ("The General Assembly,"), and where each body starts and ends.

use std::borrow::Cow;

use super::clean::{Cleaned, collapsed, same_tail, split_number};
use super::lexicon::lexicon_lead;
use super::lines::Block;
use super::recognise::{is_adoption_record, is_body_name, is_chapeau, is_meeting_line, is_symbol};

/// The head of one instrument and the blocks of its body.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// "Draft resolution IV", "Resolution 28/1".
    pub label: Option<String>,
    /// The report section it stands in.
    pub section: Option<String>,
    /// "A/RES/69/197".
    pub symbol: Option<String>,
    /// The title as printed, its number ("69/197.") still in.
    pub title: Option<String>,
    /// "The General Assembly,".
    pub chapeau: Option<String>,
    /// Indexes of the body blocks.
    pub body: Vec<usize>,
    /// The body has no preamble and no numbered paragraphs: it is one decision ("The General
    /// Assembly decides ...").
    pub decision: bool,
    /// Index of the first block of the head.
    pub first_block: usize,
    /// The sponsors line printed over the title of a draft: "Iraq: draft resolution".
    pub sponsors: Option<String>,
    /// Indexes of the blocks the head was read from: label, sponsors, title, chapeau.
    pub head: Vec<usize>,
    /// Index of the block that records the adoption: "50th plenary meeting", "Adopted at the
    /// 2232nd meeting by 12 votes to none".
    pub adoption: Option<usize>,
    /// An annex ("Annex", "Annex II"): its body is paragraphs and headings, never one
    /// decision.
    pub annex: bool,
}

impl Found {
    /// Head seen, body not started.
    fn in_head(&self) -> bool {
        self.chapeau.is_none() && self.body.is_empty()
    }

    /// Whether it holds anything an instrument needs.
    fn is_real(&self) -> bool {
        !self.body.is_empty()
    }
}

/// Longest title accepted, in bytes; longer blocks are paragraphs.
const MAX_TITLE: usize = 600;

/// Finds the instruments among the cleaned blocks. Every block is recognised by its
/// [`collapsed`] view; the title, chapeau and sponsors are kept as printed.
pub(crate) fn find(blocks: &[(Block, Cleaned)]) -> Vec<Found> {
    // Each view is read several times (a block, then the block before it): made once.
    let views: Vec<Cow<'_, str>> = blocks.iter().map(|(_, c)| c.view()).collect();
    let mut found = Vec::new();
    let mut current: Option<Found> = None;
    let mut section: Option<String> = None;
    let mut previous: Option<usize> = None;
    let mut symbol: Option<String> = None;
    for (i, (_, cleaned)) in blocks.iter().enumerate() {
        let printed = cleaned.text.as_str();
        let text = &*views[i];
        // "I. Prevention", "A. Follow-up to ..." inside a body is a heading of it, as long
        // as paragraphs follow it: a report's section is followed by a label or a chapeau.
        let in_body = current.as_ref().is_some_and(|c| !c.body.is_empty());
        let in_annex = current.as_ref().is_some_and(|c| c.annex);
        // Only a block shaped as a section is asked, the question searching the lexicon.
        let body_heading = || (in_body || in_annex) && heads_paragraphs(&views, i, in_annex);
        if is_section(text) && !body_heading() {
            close(&mut current, &mut found);
            section = Some(text.to_owned());
            previous = None;
            continue;
        }
        if let Some((label, rest)) = label(text) {
            close(&mut current, &mut found);
            current = Some(Found {
                label: Some(label.to_owned()),
                section: section.clone(),
                symbol: symbol.take(),
                title: (!rest.is_empty()).then(|| same_tail(printed, rest).to_owned()),
                first_block: i,
                head: vec![i],
                ..Found::default()
            });
            previous = None;
            continue;
        }
        // The block under a section mark ("V") is the section's heading, even one that reads
        // like a chapeau ("The Area", A/RES/78/69).
        let under_section_mark = i.checked_sub(1).is_some_and(|before| {
            super::paragraphs::section_mark(&blocks[before].1.text).is_some()
        });
        if is_chapeau(text) && !under_section_mark {
            if let Some(open) = current.as_mut().filter(|c| c.in_head()) {
                open.chapeau = Some(printed.to_owned());
                open.head.push(i);
            } else {
                let title = take_title(&mut current, previous, blocks, &views);
                let sponsors = title
                    .as_ref()
                    .and_then(|(_, at)| sponsors_over(*at, current.as_ref(), blocks));
                close(&mut current, &mut found);
                let mut head: Vec<usize> = sponsors.iter().map(|(_, at)| *at).collect();
                head.extend(title.as_ref().map(|(_, at)| *at));
                head.push(i);
                current = Some(Found {
                    section: section.clone(),
                    symbol: symbol.take(),
                    first_block: head[0],
                    title: title.map(|(t, _)| t),
                    chapeau: Some(printed.to_owned()),
                    sponsors: sponsors.map(|(s, _)| s),
                    head,
                    ..Found::default()
                });
            }
            previous = None;
            continue;
        }
        if is_decision_body(text) {
            if let Some(open) = current.as_mut().filter(|c| c.in_head()) {
                open.decision = true;
                open.body.push(i);
            } else {
                let announced = previous
                    .and_then(|p| blocks.get(p.checked_sub(1)?))
                    .is_some_and(|(_, c)| announces_decision(&c.text));
                let title = take_title(&mut current, previous, blocks, &views);
                let head = title.iter().map(|(_, at)| *at).collect();
                let announced =
                    announced || previous.is_some_and(|p| announces_decision(&blocks[p].1.text));
                close(&mut current, &mut found);
                current = Some(Found {
                    label: announced.then(|| "Draft decision".to_owned()),
                    section: section.clone(),
                    first_block: title.as_ref().map_or(i, |(_, at)| *at),
                    title: title.map(|(t, _)| t),
                    decision: true,
                    body: vec![i],
                    head,
                    ..Found::default()
                });
            }
            previous = None;
            continue;
        }
        if is_annex(text) {
            // An annex is parsed like a body, as an instrument of its own labelled as
            // printed, right after the resolution it belongs to.
            close(&mut current, &mut found);
            current = Some(Found {
                label: Some(text.to_owned()),
                section: section.clone(),
                first_block: i,
                head: vec![i],
                annex: true,
                ..Found::default()
            });
            previous = None;
            continue;
        }
        if is_closing(text) {
            if let Some(open) = current.as_mut() {
                open.adoption = Some(i);
            }
            close(&mut current, &mut found);
            previous = None;
            continue;
        }
        if let Some(open) = current.as_mut() {
            if open.in_head() {
                if open.title.is_none() && is_title(text) {
                    open.title = Some(printed.to_owned());
                    open.head.push(i);
                } else if open.annex {
                    open.body.push(i);
                } else if open.label.is_some() {
                    // A labelled decision without chapeau: "Decision 28/1", title, then its
                    // text.
                    open.decision = true;
                    open.body.push(i);
                }
                continue;
            }
            open.body.push(i);
        } else if symbol.is_none() {
            symbol = printed_symbol(text);
        }
        previous = Some(i);
    }
    close(&mut current, &mut found);
    if found.is_empty() {
        found.extend(without_chapeau(&views));
    }
    let mut head_start = 0;
    for f in &mut found {
        let body_start = f.body.first().copied().unwrap_or(f.first_block);
        if f.symbol.is_none() {
            f.symbol = numbered_symbol(&views[head_start..body_start], f.chapeau.as_deref());
        }
        head_start = f.body.last().map_or(body_start, |last| last + 1);
    }
    // An annex is printed under the symbol of the resolution it belongs to.
    for k in 1..found.len() {
        if found[k].annex {
            found[k].symbol = found[k - 1].symbol.clone();
        }
    }
    found
}

/// The symbol of an adopted resolution that prints only its number: "78/229. Strengthening
/// ..." under "Resolution adopted by the General Assembly" is A/RES/78/229; "Resolution 244
/// (1967)" of the Security Council is S/RES/244 (1967).
fn numbered_symbol(views: &[Cow<'_, str>], chapeau: Option<&str>) -> Option<String> {
    let texts = || views.iter().map(|t| &**t);
    let by_assembly = texts().any(|t| t.starts_with("Resolution adopted by the General Assembly"));
    if by_assembly {
        return texts().find_map(|t| {
            let (number, _) = t.split_once(". ")?;
            let (session, index) = number.split_once('/')?;
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            (digits(session) && digits(index)).then(|| format!("A/RES/{number}"))
        });
    }
    if chapeau.is_some_and(|c| collapsed(c).trim_end_matches([',', ' ']) != "The Security Council")
    {
        return None;
    }
    texts().find_map(security_council_number)
}

/// "Resolution 244 (1967) of 22 December 1967", "RESOLUTION 768 (1992)", "186 (1964).
/// Resolution of 4 March 1964": "S/RES/244 (1967)".
fn security_council_number(text: &str) -> Option<String> {
    const YEAR: usize = 4;
    let lower = text.to_lowercase();
    let rest = lower.strip_prefix("resolution ").unwrap_or(&lower);
    let (number, after) = rest.split_once(" (")?;
    let (year, tail) = after.split_once(')')?;
    let numbered = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    let dated = year.len() == YEAR && year.bytes().all(|b| b.is_ascii_digit());
    let labelled = rest.len() < lower.len() || tail.starts_with(". resolution");
    (numbered && dated && labelled).then(|| format!("S/RES/{number} ({year})"))
}

/// A text printed without any chapeau (S/RES/768 (1992): the adoption line, then
/// "Recalling its resolutions ..."): the body starts at the first paragraph that opens with
/// a drafting phrase and ends where the text records its adoption.
fn without_chapeau(views: &[Cow<'_, str>]) -> Option<Found> {
    let opens = |text: &str| {
        let body = split_number(text).map_or(text, |(_, rest)| rest);
        body.starts_with(char::is_uppercase) && lexicon_lead(body).is_some()
    };
    let first = views.iter().position(|view| opens(view))?;
    let body = (first..views.len())
        .take_while(|&i| !is_closing(&views[i]))
        .collect();
    let symbol = views[..first].iter().find_map(|view| printed_symbol(view));
    Some(Found {
        symbol,
        body,
        first_block: first,
        ..Found::default()
    })
}

/// Whether the block after the one at `at` is a paragraph of a body, opening with a drafting
/// phrase ("12. Requests ...", "Recalling ..."), rather than what opens an instrument or a
/// report's section, or a report's own paragraph ("21. The Third Committee ...").
/// In an annex, whose paragraphs need not open with drafting phrases, any numbered
/// paragraph will do ("I. General principles ..." over "1. All products offered ...").
fn heads_paragraphs(views: &[Cow<'_, str>], at: usize, annex: bool) -> bool {
    views.get(at + 1).is_some_and(|view| {
        let numbered = split_number(view);
        let text = numbered.map_or(&**view, |(_, rest)| rest);
        (annex && numbered.is_some())
            || text.starts_with(char::is_uppercase) && lexicon_lead(text).is_some()
    })
}

/// Keeps the open instrument if it is one.
fn close(current: &mut Option<Found>, found: &mut Vec<Found>) {
    if let Some(done) = current.take().filter(Found::is_real) {
        found.push(done);
    }
}

/// The block before a chapeau, when it reads as a title; taken back from the body of the
/// instrument before, where it was put while its role was unknown.
fn take_title(
    current: &mut Option<Found>,
    previous: Option<usize>,
    blocks: &[(Block, Cleaned)],
    views: &[Cow<'_, str>],
) -> Option<(String, usize)> {
    let at = previous?;
    let text = &blocks[at].1.text;
    if !is_title(&views[at]) {
        return None;
    }
    if let Some(open) = current.as_mut() {
        if open.body.last() == Some(&at) {
            open.body.pop();
        }
    }
    Some((text.clone(), at))
}

/// Whether a block names a draft decision ("Draft decision", "...: draft decision").
fn announces_decision(text: &str) -> bool {
    collapsed(text).to_lowercase().contains("draft decision")
}

/// The sponsors line right over the title at `title` ("Iraq:* draft resolution", "Argentina,
/// Brazil, ...: draft resolution"), and its index; never a block of the body before.
fn sponsors_over(
    title: usize,
    current: Option<&Found>,
    blocks: &[(Block, Cleaned)],
) -> Option<(String, usize)> {
    let at = title.checked_sub(1)?;
    if current.is_some_and(|c| c.body.contains(&at) || c.head.contains(&at)) {
        return None;
    }
    let text = &blocks[at].1.text;
    let lower = collapsed(text).to_lowercase();
    let announces = lower.ends_with(": draft resolution") || lower.ends_with(": draft decision");
    (announces && text.len() <= MAX_TITLE).then(|| (text.clone(), at))
}

/// Whether a block can be a title: a heading, not a sentence, a bracketed note, a sponsor
/// line or a numbered paragraph.
fn is_title(text: &str) -> bool {
    let lower = text.to_lowercase();
    !text.is_empty()
        && text.len() <= MAX_TITLE
        && !text.starts_with('[')
        && !text.ends_with([',', ';', ':'])
        && !lower.ends_with("draft resolution")
        && !lower.ends_with("draft decision")
        && !lower.starts_with("resolution adopted")
        && !lower.contains("resolution of ")
        && !is_symbol(text)
        && split_number(text).is_none()
}

/// The number printed before a title and the title: "69/197. Strengthening ..." gives
/// ("69/197", "Strengthening ...").
pub(crate) fn split_title(text: &str) -> (Option<&str>, &str) {
    // The number's full stop is followed by white space of any kind, as printed.
    let number_end = text
        .char_indices()
        .zip(text.chars().skip(1))
        .find(|&((_, c), next)| c == '.' && next.is_whitespace())
        .map(|((at, _), _)| at)
        .filter(|&end| {
            let head = &text[..end];
            head.contains('/')
                && head
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '-')
        });
    match number_end {
        Some(end) => (Some(&text[..end]), text[end + 1..].trim()),
        None => (None, text.trim()),
    }
}

/// "A. Draft resolutions ...", "III. Recommendations of the Third Committee".
fn is_section(text: &str) -> bool {
    const MAX_SECTION: usize = 200;
    // Before the search for ". ": most blocks are paragraphs far longer than any heading.
    if text.len() > MAX_SECTION {
        return false;
    }
    let Some((head, rest)) = text.split_once(". ") else {
        return false;
    };
    let letter = head.len() == 1 && head.chars().all(|c| c.is_ascii_uppercase());
    let roman = !head.is_empty() && head.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    (letter || roman)
        && rest.starts_with(char::is_uppercase)
        && !text.ends_with([',', ';', '.', ':'])
}

/// "Draft resolution IV", "Draft decision", "Resolution 28/1", "Decision 28/1", and what
/// follows it on the same line (a title).
fn label(text: &str) -> Option<(&str, &str)> {
    for (word, needs_number) in [
        ("Draft resolution", false),
        ("Draft decision", false),
        ("Resolution", true),
        ("Decision", true),
    ] {
        let Some(rest) = text.strip_prefix(word) else {
            continue;
        };
        if rest.is_empty() {
            return (!needs_number).then_some((text, ""));
        }
        let rest = rest.strip_prefix(' ')?;
        let designator = rest.split(' ').next().unwrap_or("");
        let roman = !designator.is_empty()
            && designator
                .chars()
                .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
        let number = designator.split_once('/').is_some_and(|(a, b)| {
            !a.is_empty() && !b.is_empty() && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
        });
        if roman || number {
            let end = word.len() + 1 + designator.len();
            let title = text[end..].trim();
            if title.ends_with([',', ';']) || title.len() > MAX_TITLE {
                return None;
            }
            return Some((&text[..end], title));
        }
        return None;
    }
    None
}

/// "The General Assembly decides to ...", "The Economic and Social Council:": a decision
/// whose whole text is its operative part.
fn is_decision_body(text: &str) -> bool {
    // Every name opens with "The ", and the searches below cost a scan of the whole text.
    if !text.starts_with("The ") {
        return false;
    }
    let cut = text
        .find(':')
        .into_iter()
        .chain(text.find(" decides"))
        .min();
    // "The General Assembly, recalling its resolution 78/28 ..., decides to include ...".
    let recalling = text
        .split_once(", ")
        .is_some_and(|(name, rest)| is_body_name(name) && rest.contains(" decides "));
    recalling || cut.is_some_and(|at| is_body_name(&text[..at]))
}

/// The line that closes a resolution: "73rd plenary meeting", "Adopted unanimously at the
/// 1102nd meeting.", or the start of an annex.
fn is_closing(text: &str) -> bool {
    is_meeting_line(text) || is_adoption_record(text) || is_annex(text)
}

/// "Annex", "Annex I", "Annex II": the heading that opens an annex; a short line, not a
/// sentence that opens with the word.
fn is_annex(text: &str) -> bool {
    const MAX_ANNEX_HEADING: usize = 40;
    (text == "Annex" || text.starts_with("Annex "))
        && text.len() <= MAX_ANNEX_HEADING
        && !text.ends_with(['.', ',', ';', ':'])
}

/// A resolution or draft symbol printed on its own ("A/RES/69/197", "United Nations
/// A/C.3/73/L.7/Rev.1").
fn printed_symbol(text: &str) -> Option<String> {
    let candidate = text.strip_prefix("United Nations").unwrap_or(text).trim();
    (is_symbol(candidate) && (candidate.contains("/RES/") || candidate.contains("/L.")))
        .then(|| candidate.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(
            label("Draft resolution IV"),
            Some(("Draft resolution IV", ""))
        );
        assert_eq!(label("Resolution 28/1"), Some(("Resolution 28/1", "")));
        assert_eq!(
            label("Draft resolution III Preventing and combating"),
            Some(("Draft resolution III", "Preventing and combating"))
        );
        assert_eq!(label("Resolution adopted by the General Assembly"), None);
        assert_eq!(label("Draft decision"), Some(("Draft decision", "")));
    }

    #[test]
    fn chapeaus_and_decisions() {
        assert!(is_chapeau("The General Assembly,"));
        assert!(is_chapeau(
            "The Commission on Crime Prevention and Criminal Justice,"
        ));
        assert!(is_chapeau("L'Assemblée générale,"));
        assert!(!is_chapeau("The General Assembly decides to take note,"));
        assert!(is_decision_body(
            "The General Assembly decides to take note of the following:"
        ));
        assert!(is_decision_body("The Economic and Social Council:"));
        assert!(!is_decision_body(
            "The Third Committee recommends the following:"
        ));
    }

    #[test]
    fn security_council_numbers() {
        for text in [
            "Resolution 244 (1967) of 22 December 1967",
            "RESOLUTION 244 (1967)",
            "244 (1967). Resolution of 22 December 1967",
        ] {
            assert_eq!(
                security_council_number(text).as_deref(),
                Some("S/RES/244 (1967)"),
                "{text}"
            );
        }
        assert_eq!(security_council_number("425 (1978) and 426 (1978)"), None);
    }

    #[test]
    fn titles_lose_their_number() {
        assert_eq!(
            split_title("69/197. Strengthening the programme"),
            (Some("69/197"), "Strengthening the programme")
        );
        assert!(!is_title("Peru: draft resolution"));
        assert!(!is_title(
            "[on the report of the Third Committee (A/69/489)]"
        ));
    }
}
