//! Words and tokens of a paragraph, for any script.
//!
//! Tokens come from unicode-segmentation's word bounds: words, numbers, punctuation and
//! white-space runs, so that concatenating the tokens of a text gives the text back exactly.
//! That is what lets a redline account for every character of both versions.

use unicode_segmentation::UnicodeSegmentation;

/// Every token of `text`, white space and punctuation included; their concatenation is
/// `text`.
pub fn tokens(text: &str) -> Vec<&str> {
    text.split_word_bounds().collect()
}

/// The words of `text`: tokens holding at least one letter or digit ("resolution",
/// "70/1" gives "70", "1"). Script-independent: Chinese ideographs come one per word.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_word_bounds().filter(|t| is_word(t))
}

/// Whether a token is a word (holds a letter or a digit) rather than space or punctuation.
pub fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

/// The comparison key of a word: lower-cased, so that "Requests" and "requests" meet.
pub fn word_key(word: &str) -> String {
    word.to_lowercase()
}

/// The key under which the aligner compares a word: lower-cased, footnote digits stuck to
/// the end of a word dropped ("Convention¹", "Crime2" give "convention", "crime"), and
/// every number folded into the one key `"#"`, so that an updated date or resolution number
/// ("2014" -> "2016", "69/197" -> "71/209") reads as the same kind of word rather than as a
/// word swapped for another.
pub fn similarity_key(word: &str) -> String {
    if !word.chars().any(char::is_numeric) {
        return word.to_lowercase();
    }
    let stem = word.trim_end_matches(char::is_numeric);
    if stem.chars().any(char::is_alphabetic) {
        stem.to_lowercase()
    } else {
        "#".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_rebuild_the_text() {
        for text in [
            "Requests the Secretary-General, within existing resources, to report;",
            "Réaffirmant sa résolution 70/1 du 25 septembre 2015,",
            "重申其关于加强国际合作的决议，",
            "يعيد تأكيد قراره ٧٠/١،",
        ] {
            assert_eq!(tokens(text).concat(), text);
        }
    }

    #[test]
    fn words_skip_space_and_punctuation() {
        let got: Vec<&str> = words("Calls upon Member States, (a) to act;").collect();
        assert_eq!(got, ["Calls", "upon", "Member", "States", "a", "to", "act"]);
        assert_eq!(words("决议，").count(), 2);
    }

    #[test]
    fn similarity_keys_fold_numbers_and_footnote_marks() {
        assert_eq!(similarity_key("Requests"), "requests");
        assert_eq!(similarity_key("2014"), "#");
        assert_eq!(similarity_key("٧٠"), "#");
        assert_eq!(similarity_key("Crime2"), "crime");
        assert_eq!(similarity_key("Convention¹"), "convention");
        assert_eq!(similarity_key("决"), "决");
    }
}
