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
    let (adverb_len, base) = opener(text)?;
    let after_adverb = &text[adverb_len..];
    let mut end = base.text.len();
    if EXPRESSING.contains(&base.text) {
        end += expressed(&after_adverb[end..]).unwrap_or(0);
    }
    end += adverb_len;
    // "Noting with appreciation also": a second modifier may follow the first.
    for _ in 0..2 {
        let Some(stripped) = text[end..].strip_prefix(' ') else {
            break;
        };
        let Some(modifier) = MODIFIER_PHRASES.longest_prefix(stripped, false) else {
            break;
        };
        end += 1 + modifier.text.len();
    }
    Some(&text[..end])
}

/// Whether `text` opens with an operative lead ("Decides", "Also requests"), a verb in the
/// third person, rather than a preambular one.
pub(crate) fn opens_operative(text: &str) -> bool {
    opener(text).is_some_and(|(_, base)| base.operative)
}

/// The opener of `text`: the byte length of its adverb with the space after it, and the
/// longest base phrase of [`PREAMBULAR`] and [`OPERATIVE`] that follows it. An adverb alone
/// is not an opener ("Further, ..."): a base must follow it.
fn opener(text: &str) -> Option<(usize, &'static Phrase)> {
    let adverb_len = match ADVERB_PHRASES.longest_prefix(text, false) {
        Some(adverb) => {
            let rest = &text[adverb.text.len()..];
            adverb.text.len() + rest.len() - rest.trim_start().len()
        }
        None => 0,
    };
    let base = BASE_PHRASES.longest_prefix(&text[adverb_len..], adverb_len > 0)?;
    Some((adverb_len, base))
}

/// Byte length of what an [`EXPRESSING`] opener expresses, with its leading space: " its
/// deep concern", " grave alarm", " its request".
fn expressed(rest: &str) -> Option<usize> {
    let mut at = rest.strip_prefix(' ')?;
    let mut len = 1;
    for part in [&*ITS_PHRASES, &*DEGREE_PHRASES] {
        if let Some(n) = part.longest_prefix(at, false).map(|p| p.text.len()) {
            if let Some(after) = at[n..].strip_prefix(' ') {
                len += n + 1;
                at = after;
            }
        }
    }
    Some(len + FEELING_PHRASES.longest_prefix(at, false)?.text.len())
}

/// Byte length of the longest phrase of `phrases` that `text` starts with, followed by a word
/// boundary. With `fold_first`, the phrase's first letter may be in either case ("Also
/// *requests*"). What [`Phrases::longest_prefix`] finds, one phrase after another.
#[cfg(test)]
fn longest_prefix(text: &str, phrases: &[&str], fold_first: bool) -> Option<usize> {
    phrases
        .iter()
        .filter(|phrase| starts_with_phrase(text, phrase, fold_first))
        .map(|phrase| phrase.len())
        .max()
}

/// Lists of phrases, grouped by their first letter (a phrase opening with an ASCII letter
/// cannot match a text opening with anything but that letter, in either case): every
/// paragraph goes through the lists of openers, and only a few of their phrases share its
/// first letter.
struct Phrases {
    /// The phrases opening with each ASCII byte, letters lower-cased.
    by_first: Vec<Vec<Phrase>>,
    /// The phrases opening with anything else, candidates for any text.
    other: Vec<Phrase>,
}

/// A phrase, its first eight bytes read as one number ([`Head`]), and whether it is an
/// operative opener. Most phrases of a letter ("Recalling", "Recognizing", "Reaffirming",
/// ...) differ in their first eight bytes: the phrases a text may open with are told by one
/// comparison each, and only those are compared whole.
struct Phrase {
    text: &'static str,
    head: Head,
    operative: bool,
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
    /// The phrases of `lists`, each list's marked operative or not.
    fn new(lists: &[(&[&'static str], bool)]) -> Phrases {
        let mut phrases = Phrases {
            by_first: (0..128).map(|_| Vec::new()).collect(),
            other: Vec::new(),
        };
        for &(list, operative) in lists {
            for &text in list {
                let phrase = Phrase {
                    text,
                    head: Head::of(text),
                    operative,
                };
                match text.as_bytes().first() {
                    Some(&p) if p.is_ascii() => {
                        phrases.by_first[usize::from(p.to_ascii_lowercase())].push(phrase);
                    }
                    _ => phrases.other.push(phrase),
                }
            }
        }
        phrases
    }

    /// The longest phrase that `text` starts with, followed by a word boundary. With
    /// `fold_first`, the phrase's first letter may be in either case ("Also *requests*").
    fn longest_prefix(&self, text: &str, fold_first: bool) -> Option<&Phrase> {
        let first = *text.as_bytes().first()?;
        let same_letter: &[Phrase] = if first.is_ascii() {
            &self.by_first[usize::from(first.to_ascii_lowercase())]
        } else {
            &[]
        };
        let head = Head::bytes_of(text);
        let mut longest: Option<&Phrase> = None;
        let candidates = same_letter
            .iter()
            .filter(|phrase| phrase.head.may_open(head));
        for phrase in candidates.chain(&self.other) {
            if longest.is_none_or(|l| phrase.text.len() > l.text.len())
                && starts_with_phrase(text, phrase.text, fold_first)
            {
                longest = Some(phrase);
            }
        }
        longest
    }
}

static ADVERB_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[(ADVERBS, false)]));
/// The bases of both kinds in one list, looked up once: the longest wins, of either kind,
/// and no phrase is of both.
static BASE_PHRASES: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(&[(PREAMBULAR, false), (OPERATIVE, true)]));
static MODIFIER_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[(MODIFIERS, false)]));
/// The parts of what an [`EXPRESSING`] opener expresses, grouped as the openers are: "its",
/// then [`DEGREES`], then [`FEELINGS`], where many share their first letter.
static ITS_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[(&["its"], false)]));
static DEGREE_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[(DEGREES, false)]));
static FEELING_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[(FEELINGS, false)]));

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
            pick in 0..[ADVERBS, PREAMBULAR, OPERATIVE, MODIFIERS, DEGREES, FEELINGS].concat().len(),
            cut in 0..40usize,
            tail in "[ a-zA-Z,.é]{0,6}",
            lower_first: bool,
            fold_first: bool,
        ) {
            let all: Vec<&str> = [ADVERBS, PREAMBULAR, OPERATIVE, MODIFIERS, DEGREES, FEELINGS].concat();
            let phrase = all[pick];
            let mut text = format!("{}{tail}", &phrase[..cut.min(phrase.len())]);
            if lower_first {
                text = text.to_lowercase();
            }
            let bases = [PREAMBULAR, OPERATIVE].concat();
            for (list, phrases) in [
                (ADVERBS, &*ADVERB_PHRASES),
                (&bases[..], &*BASE_PHRASES),
                (MODIFIERS, &*MODIFIER_PHRASES),
                (DEGREES, &*DEGREE_PHRASES),
                (FEELINGS, &*FEELING_PHRASES),
            ] {
                proptest::prop_assert_eq!(
                    phrases.longest_prefix(&text, fold_first).map(|p| p.text.len()),
                    longest_prefix(&text, list, fold_first),
                    "{:?}",
                    text
                );
            }
        }
    }

    /// No base is both preambular and operative, so that the longest base tells the kind; and
    /// every [`EXPRESSING`] opener is a base, so that the base found tells whether it
    /// expresses something.
    #[test]
    fn no_base_is_of_both_kinds() {
        assert!(PREAMBULAR.iter().all(|p| !OPERATIVE.contains(p)));
        assert!(
            EXPRESSING
                .iter()
                .all(|e| [PREAMBULAR, OPERATIVE].concat().contains(e))
        );
    }

    #[test]
    fn needs_a_whole_word() {
        assert_eq!(lexicon_lead("Notesworthy"), None);
        assert_eq!(lexicon_lead("Also, the"), None);
        assert_eq!(lexicon_lead("决议"), None);
    }
}
