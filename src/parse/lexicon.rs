//! Opening phrases of UN drafting, as data.
//!
//! A paragraph's lead is built as `[ADVERB] BASE [MODIFIER]`: "Also requests", "Strongly
//! encourages", "Recalling also", "Takes note with appreciation". Listing the parts instead
//! of every combination keeps the lexicon short and still finds the longest printed phrase.
//! The lists follow the UN Editorial Manual's usual preambular and operative openers.

/// Adverbs that may precede an opener: "*Also* requests", "*Deeply* concerned".
const ADVERBS: &[&str] = &[
    "Also",
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
];

/// Preambular (participles, adjectives) and operative (verbs in the third person) openers.
/// Multi-word bases come with the single words they start with; the longest match wins.
const BASES: &[&str] = &[
    // Preambular.
    "Acknowledging",
    "Affirming",
    "Alarmed",
    "Appreciating",
    "Aware",
    "Bearing in mind",
    "Believing",
    "Cognizant",
    "Commending",
    "Concerned",
    "Condemning",
    "Conscious",
    "Considering",
    "Convinced",
    "Deploring",
    "Desiring",
    "Determined",
    "Emphasizing",
    "Encouraged",
    "Encouraging",
    "Expressing",
    "Expressing concern",
    "Expressing deep concern",
    "Expressing its grave concern",
    "Expressing its appreciation",
    "Expressing its deep concern",
    "Guided by",
    "Having considered",
    "Having examined",
    "Having heard",
    "Having in mind",
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
    "Regretting",
    "Reiterating",
    "Seeking",
    "Stressing",
    "Taking into account",
    "Taking into consideration",
    "Taking note",
    "Underlining",
    "Underscoring",
    "Welcoming",
    // Operative.
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
    "Calls for",
    "Calls on",
    "Calls upon",
    "Commends",
    "Concurs",
    "Condemns",
    "Confirms",
    "Congratulates",
    "Considers",
    "Decides",
    "Declares",
    "Demands",
    "Deplores",
    "Designates",
    "Directs",
    "Draws attention",
    "Emphasizes",
    "Encourages",
    "Endorses",
    "Expresses",
    "Extends",
    "Expresses concern",
    "Expresses deep concern",
    "Expresses its appreciation",
    "Expresses its concern",
    "Expresses its deep concern",
    "Expresses its gratitude",
    "Highlights",
    "Insists",
    "Invites",
    "Notes",
    "Proclaims",
    "Reaffirms",
    "Recalls",
    "Recognizes",
    "Recommends",
    "Regrets",
    "Reiterates",
    "Reminds",
    "Renews",
    "Requests",
    "Resolves",
    "Stresses",
    "Supports",
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
    "with appreciation",
    "with concern",
    "with deep concern",
    "with grave concern",
    "with satisfaction",
    "with interest",
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
    let mut end = 0;
    let (after_adverb, adverb_len) = match longest_prefix(text, ADVERBS, false) {
        Some(len) => {
            let rest = &text[len..];
            let spaces = rest.len() - rest.trim_start().len();
            (&text[len + spaces..], len + spaces)
        }
        None => (text, 0),
    };
    // An adverb alone is not a lead ("Further, ..."): the base must follow it.
    let base = longest_prefix(after_adverb, BASES, adverb_len > 0)?;
    end += adverb_len + base;
    let rest = &text[end..];
    if let Some(stripped) = rest.strip_prefix(' ') {
        if let Some(len) = longest_prefix(stripped, MODIFIERS, false) {
            end += 1 + len;
        }
    }
    Some(&text[..end])
}

/// Byte length of the longest phrase of `phrases` that `text` starts with, followed by a word
/// boundary. With `fold_first`, the phrase's first letter may be in either case ("Also
/// *requests*").
fn longest_prefix(text: &str, phrases: &[&str], fold_first: bool) -> Option<usize> {
    let first = *text.as_bytes().first()?;
    phrases
        .iter()
        // A cheap first-letter test before the full one: every paragraph goes through here.
        // A phrase opening with an ASCII letter cannot match a text opening with anything but
        // that letter, in either case.
        .filter(|phrase| {
            let p = phrase.as_bytes().first().copied().unwrap_or(first);
            !p.is_ascii() || p.eq_ignore_ascii_case(&first)
        })
        .filter(|phrase| starts_with_phrase(text, phrase, fold_first))
        .map(|phrase| phrase.len())
        .max()
}

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
    }

    #[test]
    fn needs_a_whole_word() {
        assert_eq!(lexicon_lead("Notesworthy"), None);
        assert_eq!(lexicon_lead("Also, the"), None);
        assert_eq!(lexicon_lead("决议"), None);
    }
}
