//! The opening phrases of operative paragraphs, with a strength rank within each scale.
//!
//! An operative paragraph opens with a verb phrase that says what the body does: note,
//! welcome, invite, urge, condemn, decide. Negotiators trade those openers for one another
//! to harden or soften a paragraph without touching the rest ("Invites States to ..." becomes
//! "Encourages States to ..." and then "Urges States to ..."), so a change of opener along a
//! lineage is one of the clearest signals of language drift.
//!
//! # Scales
//!
//! Openers only compare within one [`Scale`], the kind of act they perform; a change across
//! scales ("Notes" → "Requests") is a change of act, not of strength, and is not reported.
//! Within a scale a higher [`Opener::rank`] is stronger. Openers of equal rank are
//! interchangeable drafting variants ("Stresses" / "Emphasizes"; "Urges" / "Calls upon").
//!
//! Adverbs of sequence are not strength: "Also", "Further", "Again", "Once again",
//! "Moreover", "Furthermore", "Additionally", "Lastly" and "Finally" before the opener are
//! skipped when matching, so "Requests" ↔ "Also requests" is never a strength change.
//! "Strongly", "Urgently" and "Deeply" are part of the opener and do change its rank.
//!
//! # Sources and rationale
//!
//! There is no official UN ranking of openers. The lists of openers come from the phrase
//! lists of the *United Nations Editorial Manual* (operative and preambular phrases), from
//! UNITAR's guidance to delegates on resolution language, and from the openers actually used
//! in the "Strengthening the United Nations crime prevention and criminal justice programme"
//! series (A/RES/69/197 to A/RES/78/229) in `tests/fixtures/history/real/`. The ranks follow
//! the usual reading of those guides and of negotiation practice:
//!
//! - **Acknowledge**: noting something is weaker than noting it with appreciation, which is
//!   weaker than welcoming it, which is weaker than welcoming it with appreciation or
//!   commending it.
//! - **Exhort** (addressed to States or bodies the author cannot bind): inviting is the
//!   softest, then encouraging, strongly encouraging, urging or calling upon (the standard
//!   firm exhortation of General Assembly texts; the guides disagree on which of the two is
//!   stronger, so they share a rank), strongly urging or strongly calling upon, and demanding
//!   (Security Council language).
//! - **Concern**: concern < deep concern < grave or serious concern.
//! - **Condemn**: regrets < deplores < condemns < strongly condemns < condemns in the
//!   strongest terms.
//! - **Affirm**, **Request** and **Decide** have a single rank: their variants ("Stresses",
//!   "Underlines"; "Requests", "Asks"; "Decides", "Approves") differ in meaning, not in
//!   strength.

use crate::tokens;

/// The kind of act an opener performs; strengths compare only within one scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// Taking note, welcoming, commending.
    Acknowledge,
    /// Inviting, encouraging, urging, calling upon, demanding.
    Exhort,
    /// Expressing concern.
    Concern,
    /// Regretting, deploring, condemning.
    Condemn,
    /// Affirming, stressing, recognizing: one rank.
    Affirm,
    /// Requesting (mostly of the Secretariat): one rank.
    Request,
    /// Deciding, approving, endorsing: one rank.
    Decide,
}

/// One opener of the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opener {
    /// Lower-case words, as matched at the start of a paragraph: "strongly urges".
    pub phrase: &'static str,
    /// Its scale.
    pub scale: Scale,
    /// Its strength within the scale, from 1 (weakest).
    pub rank: u8,
}

const fn op(phrase: &'static str, scale: Scale, rank: u8) -> Opener {
    Opener {
        phrase,
        scale,
        rank,
    }
}

use Scale::{Acknowledge, Affirm, Concern, Condemn, Decide, Exhort, Request};

/// The operative openers, grouped by scale, weakest first. Matching takes the longest phrase
/// that starts the paragraph, so "takes note with appreciation" wins over "takes note".
pub const OPENERS: &[Opener] = &[
    op("notes", Acknowledge, 1),
    op("takes note", Acknowledge, 1),
    op("acknowledges", Acknowledge, 1),
    op("notes with appreciation", Acknowledge, 2),
    op("takes note with appreciation", Acknowledge, 2),
    op("notes with satisfaction", Acknowledge, 2),
    op("takes note with satisfaction", Acknowledge, 2),
    op("welcomes", Acknowledge, 3),
    op("appreciates", Acknowledge, 3),
    op("expresses appreciation", Acknowledge, 3),
    op("expresses its appreciation", Acknowledge, 3),
    op("welcomes with appreciation", Acknowledge, 4),
    op("welcomes with satisfaction", Acknowledge, 4),
    op("strongly welcomes", Acknowledge, 4),
    op("commends", Acknowledge, 4),
    op("expresses its deep appreciation", Acknowledge, 4),
    op("expresses deep appreciation", Acknowledge, 4),
    op("invites", Exhort, 1),
    op("encourages", Exhort, 2),
    op("strongly encourages", Exhort, 3),
    op("urges", Exhort, 4),
    op("calls upon", Exhort, 4),
    op("calls on", Exhort, 4),
    op("strongly urges", Exhort, 5),
    op("urgently calls upon", Exhort, 5),
    op("strongly calls upon", Exhort, 5),
    op("demands", Exhort, 6),
    op("notes with concern", Concern, 1),
    op("expresses concern", Concern, 1),
    op("expresses its concern", Concern, 1),
    op("notes with deep concern", Concern, 2),
    op("expresses deep concern", Concern, 2),
    op("expresses its deep concern", Concern, 2),
    op("is deeply concerned", Concern, 2),
    op("expresses grave concern", Concern, 3),
    op("expresses its grave concern", Concern, 3),
    op("expresses serious concern", Concern, 3),
    op("expresses its serious concern", Concern, 3),
    op("regrets", Condemn, 1),
    op("deplores", Condemn, 2),
    op("condemns", Condemn, 3),
    op("strongly condemns", Condemn, 4),
    op("condemns in the strongest terms", Condemn, 5),
    op("affirms", Affirm, 1),
    op("reaffirms", Affirm, 1),
    op("reiterates", Affirm, 1),
    op("emphasizes", Affirm, 1),
    op("stresses", Affirm, 1),
    op("underlines", Affirm, 1),
    op("underscores", Affirm, 1),
    op("recognizes", Affirm, 1),
    op("recalls", Affirm, 1),
    op("requests", Request, 1),
    op("asks", Request, 1),
    op("decides", Decide, 1),
    op("approves", Decide, 1),
    op("endorses", Decide, 1),
    op("adopts", Decide, 1),
    op("authorizes", Decide, 1),
];

/// Adverbs of sequence skipped before an opener: they add a paragraph, not strength.
pub const SEQUENCE_ADVERBS: &[&str] = &[
    "also",
    "further",
    "again",
    "once",
    "moreover",
    "furthermore",
    "additionally",
    "lastly",
    "finally",
];

/// The opener that starts `text`, with the opener as printed ("Also strongly urges"), if the
/// lexicon knows it.
pub fn opener(text: &str) -> Option<(Opener, String)> {
    // Twelve words cover the longest phrase plus any run of sequence adverbs.
    let words: Vec<&str> = tokens::words(text).take(12).collect();
    let keys: Vec<String> = words.iter().map(|w| tokens::word_key(w)).collect();
    let skip = keys
        .iter()
        .take_while(|k| SEQUENCE_ADVERBS.contains(&k.as_str()))
        .count();
    let rest = &keys[skip..];
    let found = OPENERS
        .iter()
        .filter(|o| {
            o.phrase.split(' ').zip(rest).all(|(p, k)| p == k)
                && o.phrase.split(' ').count() <= rest.len()
        })
        .max_by_key(|o| o.phrase.split(' ').count())?;
    let length = skip + found.phrase.split(' ').count();
    Some((*found, words[..length].join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank(text: &str) -> Option<(Scale, u8, String)> {
        opener(text).map(|(o, printed)| (o.scale, o.rank, printed))
    }

    #[test]
    fn longest_phrase_wins_and_sequence_adverbs_are_skipped() {
        assert_eq!(
            rank("Takes note with appreciation of the report"),
            Some((Acknowledge, 2, "Takes note with appreciation".into()))
        );
        assert_eq!(
            rank("Also requests the Secretary-General"),
            Some((Request, 1, "Also requests".into()))
        );
        assert_eq!(rank("Requests the Secretary-General").unwrap().1, 1);
        assert_eq!(
            rank("Once again strongly urges States"),
            Some((Exhort, 5, "Once again strongly urges".into()))
        );
        assert_eq!(
            rank("Notes with concern the"),
            Some((Concern, 1, "Notes with concern".into()))
        );
        assert_eq!(rank("Something else entirely"), None);
    }

    #[test]
    fn every_phrase_is_lower_case_single_spaced_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for o in OPENERS {
            assert_eq!(o.phrase, o.phrase.to_lowercase());
            assert!(!o.phrase.contains("  ") && o.phrase.trim() == o.phrase);
            assert!(seen.insert(o.phrase), "{} twice", o.phrase);
            assert!(o.rank >= 1);
        }
    }

    #[test]
    fn the_exhortation_ladder_climbs() {
        let ladder = [
            "Invites",
            "Encourages",
            "Strongly encourages",
            "Urges",
            "Strongly urges",
        ];
        let ranks: Vec<u8> = ladder.iter().map(|t| rank(t).unwrap().1).collect();
        assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{ranks:?}");
    }
}
