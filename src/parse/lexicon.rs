//! Opening phrases of UN drafting, as data.
//!
//! A paragraph's lead is built as `[ADVERB] BASE [MODIFIER]`: "Also requests", "Strongly
//! encourages", "Recalling also", "Takes note with appreciation". Listing the parts instead
//! of every combination keeps the lexicon short and still finds the longest printed phrase.
//! The lists follow the UN Editorial Manual's usual preambular and operative openers.

use std::sync::LazyLock;

/// Adverbs that may precede an opener: "*Also* requests", "*Deeply* concerned".
const ADVERBS: &[&str] = &[
    "Also",
    // The one pair of adverbs the corpus prints: "Also strongly condemns".
    "Also strongly",
    "Further",
    "Furthermore",
    "Strongly",
    "Once again",
    "Again",
    "Deeply",
    "Gravely",
    "Seriously",
    "Fully",
    "Firmly",
    "Warmly",
    "Urgently",
    "Likewise",
    "Finally",
    "Particularly",
    "Unequivocally",
    "Ever",
];

/// Preambular openers: participles and adjectives. Multi-word bases come with the single
/// words they start with; the longest match wins.
const PREAMBULAR: &[&str] = &[
    "Acknowledging",
    "Affirming",
    "Alarmed",
    "Appreciating",
    "Aware",
    "Bearing in mind",
    "Believing",
    "Calling attention",
    "Calling for",
    "Calling on",
    "Calling upon",
    "Cognizant",
    "Commending",
    "Concerned",
    "Condemning",
    "Condemning in the strongest terms",
    "Conscious",
    "Considering",
    "Convinced",
    "Deploring",
    "Disturbed",
    "Desiring",
    "Determined",
    "Emphasizing",
    "Encouraged",
    "Encouraging",
    "Expressing",
    "Guided also by",
    "Guided by",
    "Having also considered",
    "Having also examined",
    "Having considered",
    "Having examined",
    "Having heard",
    "Having in mind",
    "Having listened",
    "Having noted",
    "Having received",
    "Having studied",
    "Highlighting",
    "Keeping in mind",
    "Looking forward",
    "Mindful",
    "Noting",
    "Observing",
    "Reaffirming",
    "Realizing",
    "Recalling",
    "Recognizing",
    "Re-emphasizing",
    "Regretting",
    "Reiterating",
    "Reiterating its call upon",
    "Remaining concerned",
    "Remaining deeply concerned",
    "Seeking",
    "Stressing",
    "Taking into account",
    "Taking into consideration",
    "Taking note",
    "Underlining",
    "Underscoring",
    "Welcoming",
];

/// Operative openers: verbs in the third person, listed as [`PREAMBULAR`] is.
const OPERATIVE: &[&str] = &[
    "Accepts",
    "Acknowledges",
    "Adopts",
    "Affirms",
    "Agrees",
    "Appeals",
    "Appreciates",
    "Approves",
    "Asks",
    "Authorizes",
    "Calls attention",
    "Calls for",
    "Calls on",
    "Calls once again for",
    "Calls once again upon",
    "Calls upon",
    "Commends",
    "Concurs",
    "Condemns",
    "Condemns in the strongest terms",
    "Confirms",
    "Congratulates",
    "Considers",
    "Decides",
    "Declares",
    "Demands",
    "Deplores",
    "Designates",
    "Determines",
    "Directs",
    "Draws attention",
    "Emphasizes",
    "Encourages",
    "Endorses",
    "Expresses",
    "Extends",
    "Highlights",
    "Insists",
    "Invites",
    "Looks forward",
    "Notes",
    "Objects",
    "Pays tribute",
    "Proclaims",
    "Reaffirms",
    "Recalls",
    "Recognizes",
    "Recommends",
    "Recommits",
    "Re-emphasizes",
    "Regrets",
    "Reiterates",
    "Reiterates its call for",
    "Reiterates its call upon",
    "Remains concerned",
    "Remains deeply concerned",
    "Reminds",
    "Renews",
    "Requests",
    "Resolves",
    "Stresses",
    "Supports",
    "Takes into account",
    "Takes into consideration",
    "Takes note",
    "Underlines",
    "Underscores",
    "Urges",
    "Welcomes",
];

/// Phrases that may follow an opener: "Recalling *also*", "Notes *with appreciation*".
const MODIFIERS: &[&str] = &[
    "also",
    "further",
    "furthermore",
    "again",
    "once again",
    "once more",
    "in particular",
    "in this regard",
    "in this respect",
    "with alarm",
    "with appreciation",
    "with concern",
    "with deep concern",
    "with deep regret",
    "with grave concern",
    "with great concern",
    "with increasing concern",
    "with particular interest",
    "with profound concern",
    "with regret",
    "with satisfaction",
    "with serious concern",
    "with interest",
];

/// Openers whose lead takes in what they express: "Expresses *its deep concern*",
/// "Reiterates *its request*", "Expressing *grave alarm*", as the official texts print
/// them in italics. The lead is `OPENER [its] [DEGREE] FEELING`.
const EXPRESSING: &[&str] = &["Expresses", "Expressing", "Reiterates", "Reiterating"];

/// Degrees of what is expressed: "its *grave* concern".
const DEGREES: &[&str] = &[
    "continued",
    "deep",
    "deepest",
    "firm",
    "full",
    "grave",
    "gravest",
    "great",
    "particular",
    "profound",
    "serious",
    "sincere",
    "strong",
    "unequivocal",
];

/// What is expressed: "concern", "appreciation", or, after "Reiterates", a call or request.
const FEELINGS: &[&str] = &[
    "alarm",
    "appreciation",
    "concern",
    "concerns",
    "condemnation",
    "condolences",
    "conviction",
    "gratitude",
    "invitation",
    "regret",
    "request",
    "satisfaction",
    "solidarity",
    "support",
];

/// Chapeaus in the other official languages, which cannot be told by their English shape.
pub(crate) const FOREIGN_CHAPEAUS: &[&str] = &[
    "L'Assemblée générale",
    "L’Assemblée générale",
    "Le Conseil de sécurité",
    "Le Conseil économique et social",
    "La Asamblea General",
    "El Consejo de Seguridad",
    "El Consejo Económico y Social",
    "Генеральная Ассамблея",
    "Совет Безопасности",
    "Экономический и Социальный Совет",
    "大会",
    "安全理事会",
    "经济及社会理事会",
    "إن الجمعية العامة",
    "الجمعية العامة",
    "إن مجلس الأمن",
];

/// The longest lexicon phrase `text` opens with, as printed in `text`.
pub fn lexicon_lead(text: &str) -> Option<&str> {
    let (adverb_len, mut base, _) = opener(text)?;
    let after_adverb = &text[adverb_len..];
    if longest_prefix(after_adverb, EXPRESSING, adverb_len > 0) == Some(base) {
        base += expressed(&after_adverb[base..]).unwrap_or(0);
    }
    let mut end = adverb_len + base;
    // "Noting with appreciation also": a second modifier may follow the first.
    for _ in 0..2 {
        let Some(stripped) = text[end..].strip_prefix(' ') else {
            break;
        };
        let Some(len) = MODIFIER_PHRASES.longest_prefix(stripped, false) else {
            break;
        };
        end += 1 + len;
    }
    Some(&text[..end])
}

/// Whether `text` opens with an operative lead ("Decides", "Also requests"), a verb in the
/// third person, rather than a preambular one.
pub(crate) fn opens_operative(text: &str) -> bool {
    opener(text).is_some_and(|(_, _, operative)| operative)
}

/// The opener of `text`: the byte length of its adverb with the space after it, the byte
/// length of its base, and whether the base is operative. An adverb alone is not an opener
/// ("Further, ..."): a base must follow it.
fn opener(text: &str) -> Option<(usize, usize, bool)> {
    let (after_adverb, adverb_len) = match ADVERB_PHRASES.longest_prefix(text, false) {
        Some(len) => {
            let rest = &text[len..];
            let spaces = rest.len() - rest.trim_start().len();
            (&text[len + spaces..], len + spaces)
        }
        None => (text, 0),
    };
    let fold = adverb_len > 0;
    let preambular = PREAMBULAR_PHRASES.longest_prefix(after_adverb, fold);
    let operative = OPERATIVE_PHRASES.longest_prefix(after_adverb, fold);
    let base = preambular.max(operative)?;
    Some((adverb_len, base, operative == Some(base)))
}

/// Byte length of what an [`EXPRESSING`] opener expresses, with its leading space: " its
/// deep concern", " grave alarm", " its request".
fn expressed(rest: &str) -> Option<usize> {
    let mut at = rest.strip_prefix(' ')?;
    let mut len = 1;
    for part in [&["its"][..], DEGREES] {
        if let Some(n) = longest_prefix(at, part, false) {
            if let Some(after) = at[n..].strip_prefix(' ') {
                len += n + 1;
                at = after;
            }
        }
    }
    Some(len + longest_prefix(at, FEELINGS, false)?)
}

/// Byte length of the longest phrase of `phrases` that `text` starts with, followed by a word
/// boundary. With `fold_first`, the phrase's first letter may be in either case ("Also
/// *requests*").
fn longest_prefix(text: &str, phrases: &[&str], fold_first: bool) -> Option<usize> {
    let first = *text.as_bytes().first()?;
    phrases
        .iter()
        .filter(|phrase| may_open(phrase, first))
        .filter(|phrase| starts_with_phrase(text, phrase, fold_first))
        .map(|phrase| phrase.len())
        .max()
}

/// A cheap first-letter test before the full one: a phrase opening with an ASCII letter
/// cannot match a text opening with anything but that letter, in either case.
fn may_open(phrase: &str, first: u8) -> bool {
    let p = phrase.as_bytes().first().copied().unwrap_or(first);
    !p.is_ascii() || p.eq_ignore_ascii_case(&first)
}

/// A long list of phrases, grouped by what [`may_open`] tests: every paragraph goes through
/// the lists of openers, and only a few of their phrases share its first letter.
struct Phrases {
    /// The phrases opening with each ASCII byte, letters lower-cased.
    by_first: Vec<Vec<Phrase>>,
    /// The phrases opening with anything else, candidates for any text.
    other: Vec<&'static str>,
}

/// A phrase and its first eight bytes read as one number ([`Head`]). Most phrases of a
/// letter ("Recalling", "Recognizing", "Reaffirming", ...) differ in their first eight bytes:
/// the phrases a text may open with are told by one comparison each, and only those are
/// compared whole.
struct Phrase {
    text: &'static str,
    head: Head,
}

/// The first eight bytes of a text as a number, its first letter lower-cased and zeros past
/// its end, with a mask of the bytes it has.
#[derive(Clone, Copy)]
struct Head {
    bytes: u64,
    mask: u64,
}

impl Head {
    const LEN: usize = 8;

    fn of(text: &str) -> Head {
        let len = text.len().min(Head::LEN);
        let mut mask = [0; Head::LEN];
        mask[..len].fill(u8::MAX);
        Head {
            bytes: Head::bytes_of(text),
            mask: u64::from_le_bytes(mask),
        }
    }

    /// The first eight bytes of `text`, its first letter lower-cased, zeros past its end.
    fn bytes_of(text: &str) -> u64 {
        let text = text.as_bytes();
        let mut bytes = [0; Head::LEN];
        match text.get(..Head::LEN) {
            Some(head) => bytes.copy_from_slice(head),
            None => bytes[..text.len()].copy_from_slice(text),
        }
        bytes[0] = bytes[0].to_ascii_lowercase();
        u64::from_le_bytes(bytes)
    }

    /// Whether a text whose [`Head::bytes_of`] are `text` may open with this phrase: their
    /// first eight bytes are the same, first letters in either case, as far as the phrase
    /// goes.
    fn may_open(self, text: u64) -> bool {
        text & self.mask == self.bytes
    }
}

impl Phrases {
    fn new(list: &[&'static str]) -> Phrases {
        let mut phrases = Phrases {
            by_first: (0..128).map(|_| Vec::new()).collect(),
            other: Vec::new(),
        };
        for &phrase in list {
            match phrase.as_bytes().first() {
                Some(&p) if p.is_ascii() => {
                    phrases.by_first[usize::from(p.to_ascii_lowercase())].push(Phrase {
                        text: phrase,
                        head: Head::of(phrase),
                    });
                }
                _ => phrases.other.push(phrase),
            }
        }
        phrases
    }

    /// [`longest_prefix`] over the phrases.
    fn longest_prefix(&self, text: &str, fold_first: bool) -> Option<usize> {
        let first = *text.as_bytes().first()?;
        let same_letter: &[Phrase] = if first.is_ascii() {
            &self.by_first[usize::from(first.to_ascii_lowercase())]
        } else {
            &[]
        };
        let head = Head::bytes_of(text);
        let mut longest = None;
        let candidates = same_letter
            .iter()
            .filter(|phrase| phrase.head.may_open(head))
            .map(|phrase| phrase.text);
        for phrase in candidates.chain(self.other.iter().copied()) {
            if starts_with_phrase(text, phrase, fold_first) {
                longest = longest.max(Some(phrase.len()));
            }
        }
        longest
    }
}

static ADVERB_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(ADVERBS));
static PREAMBULAR_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(PREAMBULAR));
static OPERATIVE_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(OPERATIVE));
static MODIFIER_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(MODIFIERS));

/// Whether `text` starts with `phrase` and the phrase ends at a word boundary.
fn starts_with_phrase(text: &str, phrase: &str, fold_first: bool) -> bool {
    let Some(head) = text.get(..phrase.len()) else {
        return false;
    };
    let matches = if fold_first {
        let mut a = head.chars();
        let mut b = phrase.chars();
        match (a.next(), b.next()) {
            (Some(x), Some(y)) => x.to_lowercase().eq(y.to_lowercase()) && a.as_str() == b.as_str(),
            _ => false,
        }
    } else {
        head == phrase
    };
    matches
        && !text[phrase.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_wins() {
        assert_eq!(
            lexicon_lead("Recalling also its resolution"),
            Some("Recalling also")
        );
        assert_eq!(
            lexicon_lead("Also requests the Office"),
            Some("Also requests")
        );
        assert_eq!(
            lexicon_lead("Deeply concerned about"),
            Some("Deeply concerned")
        );
        assert_eq!(
            lexicon_lead("Takes note with appreciation of"),
            Some("Takes note with appreciation")
        );
        assert_eq!(lexicon_lead("Calls upon Member States"), Some("Calls upon"));
        assert_eq!(
            lexicon_lead("Strongly encourages States"),
            Some("Strongly encourages")
        );
        assert_eq!(
            lexicon_lead("Also strongly condemns all violations"),
            Some("Also strongly condemns")
        );
    }

    /// Openers found cut short in the real corpus (issue 2): "Having studied" came out as
    /// "Having", "Re-emphasizes" as "Re".
    #[test]
    fn standard_openers_of_the_real_corpus() {
        for (text, lead) in [
            ("Having studied the report of", "Having studied"),
            ("Having also considered the", "Having also considered"),
            ("Re-emphasizes that protection", "Re-emphasizes"),
            ("Also re-emphasizes that", "Also re-emphasizes"),
            (
                "Noting with great concern that",
                "Noting with great concern",
            ),
            (
                "Noting with appreciation also the",
                "Noting with appreciation also",
            ),
            ("Welcoming in this regard the", "Welcoming in this regard"),
            ("Expressing grave concern at", "Expressing grave concern"),
            (
                "Expresses its deep concern at",
                "Expresses its deep concern",
            ),
            ("Expressing concern also that", "Expressing concern also"),
            ("Expresses its intention to", "Expresses"),
            ("Reiterates its request to", "Reiterates its request"),
            (
                "Reiterates its call upon States",
                "Reiterates its call upon",
            ),
            ("Reiterates the need for", "Reiterates"),
            ("Calls once again upon", "Calls once again upon"),
            (
                "Condemns in the strongest terms",
                "Condemns in the strongest terms",
            ),
            ("Extends once more the period", "Extends once more"),
            ("Looks forward to the", "Looks forward"),
            ("Takes into account the", "Takes into account"),
            (
                "Remaining deeply concerned that",
                "Remaining deeply concerned",
            ),
        ] {
            assert_eq!(lexicon_lead(text), Some(lead), "{text}");
        }
    }

    #[test]
    fn operative_openers_are_told_from_preambular_ones() {
        for text in [
            "Decides:",
            "Also requests the",
            "Calls upon States",
            "Takes note of",
        ] {
            assert!(opens_operative(text), "{text}");
        }
        for text in [
            "Deciding to",
            "Recalling also",
            "Conscious of",
            "Taking note of",
            "Decided",
        ] {
            assert!(!opens_operative(text), "{text}");
        }
    }

    proptest::proptest! {
        /// The phrases grouped by letter and told by their first eight bytes find what going
        /// through the whole list finds: texts made of a phrase cut anywhere, a letter's case
        /// changed and anything after it.
        #[test]
        fn grouped_phrases_find_what_the_list_finds(
            pick in 0..ADVERBS.len() + PREAMBULAR.len() + OPERATIVE.len() + MODIFIERS.len(),
            cut in 0..40usize,
            tail in "[ a-zA-Z,.é]{0,6}",
            lower_first: bool,
            fold_first: bool,
        ) {
            let all: Vec<&str> = [ADVERBS, PREAMBULAR, OPERATIVE, MODIFIERS].concat();
            let phrase = all[pick];
            let mut text = format!("{}{tail}", &phrase[..cut.min(phrase.len())]);
            if lower_first {
                text = text.to_lowercase();
            }
            for (list, phrases) in [
                (ADVERBS, &*ADVERB_PHRASES),
                (PREAMBULAR, &*PREAMBULAR_PHRASES),
                (OPERATIVE, &*OPERATIVE_PHRASES),
                (MODIFIERS, &*MODIFIER_PHRASES),
            ] {
                proptest::prop_assert_eq!(
                    phrases.longest_prefix(&text, fold_first),
                    longest_prefix(&text, list, fold_first),
                    "{:?}",
                    text
                );
            }
        }
    }

    #[test]
    fn needs_a_whole_word() {
        assert_eq!(lexicon_lead("Notesworthy"), None);
        assert_eq!(lexicon_lead("Also, the"), None);
        assert_eq!(lexicon_lead("决议"), None);
    }
}
