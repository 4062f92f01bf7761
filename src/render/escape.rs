//! Escaping of document text for HTML and Markdown: a document can hold anything, and none
//! of it may turn into markup, links or script.

/// Appends `text` escaped for HTML text and for quoted attribute values (either quote):
/// `& < > " '` become character references, and control characters are shown as
/// [`push_visible`] shows them (a page printed to a terminal, or read as source, must not
/// drive the terminal or reorder the text).
pub(crate) fn html(out: &mut String, text: &str) {
    replace_chars(out, text, html_special, |out, c| {
        let reference = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            c => return push_visible(out, c),
        };
        out.push_str(reference);
        true
    });
}

/// Whether [`html`] may replace the character starting with byte `b`. Written with `|`,
/// not `matches!` (which branches), so that [`find`] tests 16 bytes in a few vector
/// instructions; the same for the other tests given to [`find`].
#[inline(always)]
fn html_special(b: u8) -> bool {
    (b == b'&') | (b == b'<') | (b == b'>') | (b == b'"') | (b == b'\'') | control_start(b)
}

/// Appends `text`, each character that starts with a `special` byte given to `replace`,
/// which appends its replacement and says so, or returns false to keep the character.
/// Special bytes must start characters (ASCII, or the first byte of a multi-byte
/// character): the text between them, most of it, is copied whole. `special` is the test
/// of every byte, written apart so that it compiles to a few comparisons.
fn replace_chars(
    out: &mut String,
    text: &str,
    special: impl Fn(u8) -> bool,
    replace: impl Fn(&mut String, char) -> bool,
) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = find(bytes, 0, &special);
    while i < bytes.len() {
        let c = text[i..]
            .chars()
            .next()
            .expect("a special byte starts a character");
        out.push_str(&text[start..i]);
        if !replace(out, c) {
            out.push(c);
        }
        start = i + c.len_utf8();
        i = find(bytes, start, &special);
    }
    out.push_str(&text[start..]);
}

/// The position of the first byte from `from` on for which `special` holds, else the
/// length. Such bytes are rare: the bytes are tested 16 at a time without a branch, which
/// the compiler turns into vector instructions once `special` is inlined.
#[inline(always)]
pub(super) fn find(bytes: &[u8], from: usize, special: &impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    while let Some(chunk) = bytes
        .get(i..i + 16)
        .and_then(|c| <&[u8; 16]>::try_from(c).ok())
    {
        if chunk.iter().fold(false, |any, &b| any | special(b)) {
            break;
        }
        i += 16;
    }
    while i < bytes.len() && !special(bytes[i]) {
        i += 1;
    }
    i
}

/// A control character of a document as something a terminal only displays: C0 controls
/// and DEL become their Unicode control pictures ("␛" for ESC, "␍" for a carriage return),
/// C1 controls the replacement character. Line feed and tab are left to the caller. Without
/// this a hostile text could move the cursor, rewrite lines, retitle the window or clear
/// the screen of whoever reads the plain-text or terminal output. The bidirectional
/// controls, which need more than one character to show, are [`bidi_visible`]'s.
pub(super) fn printable(c: char) -> char {
    match c {
        '\n' | '\t' => c,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' => '\u{fffd}',
        c => c,
    }
}

/// How an explicit bidirectional embedding, override or isolate control (U+202A to
/// U+202E, U+2066 to U+2069) shows: its code point, "⟨U+202E⟩". These reorder the text
/// that follows them, so that a redline could show one thing and mean another
/// ("Trojan Source"). Right-to-left text needs none of them (its direction is its
/// letters'), and the marks it may use (U+200E, U+200F, U+061C) only nudge neutral
/// characters and pass unchanged.
pub(crate) fn bidi_visible(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202a}' => "⟨U+202A⟩",
        '\u{202b}' => "⟨U+202B⟩",
        '\u{202c}' => "⟨U+202C⟩",
        '\u{202d}' => "⟨U+202D⟩",
        '\u{202e}' => "⟨U+202E⟩",
        '\u{2066}' => "⟨U+2066⟩",
        '\u{2067}' => "⟨U+2067⟩",
        '\u{2068}' => "⟨U+2068⟩",
        '\u{2069}' => "⟨U+2069⟩",
        _ => return None,
    })
}

/// Appends how `c` shows if it is a control character other than line feed and tab
/// ([`printable`], [`bidi_visible`]) and says so; appends nothing for any other character.
pub(crate) fn push_visible(out: &mut String, c: char) -> bool {
    if let Some(code) = bidi_visible(c) {
        out.push_str(code);
        return true;
    }
    let shown = printable(c);
    if shown == c {
        return false;
    }
    out.push(shown);
    true
}

/// `text` with every control character but line feed and tab made visible
/// ([`push_visible`]).
pub(crate) fn printable_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_printable(&mut out, text);
    out
}

/// Appends `text` with every control character but line feed and tab made visible
/// ([`push_visible`]).
pub(super) fn push_printable(out: &mut String, text: &str) {
    replace_chars(out, text, control_start, push_visible);
}

/// Whether byte `b` may start a control character: the C0 controls, DEL, and the first
/// byte of the C1 controls (0xc2) and of the bidirectional controls (0xe2), which also
/// start other characters.
#[inline(always)]
pub(super) fn control_start(b: u8) -> bool {
    (b < 0x20) | (b == 0x7f) | (b == 0xc2) | (b == 0xe2)
}

/// Characters that are markup at the start of a line: headings, lists, quotes, thematic
/// breaks, setext underlines.
const MARKDOWN_LINE_START: &[char] = &['#', '-', '+', '>', '='];

/// Appends `text` escaped for Markdown (GitHub and GitLab flavours), as inline content that
/// may begin a line. `& < >` become character references so that no HTML or autolink can
/// form; inline markup characters are backslash-escaped; a line-start marker ("#", "-",
/// "1.") is escaped where the text begins a line. Line breaks become spaces: a paragraph's
/// lines are separated by the caller.
pub(crate) fn markdown(out: &mut String, text: &str, at_line_start: bool) {
    let mut rest = text;
    // Line breaks become spaces, so only the text's first character can begin a line.
    if at_line_start {
        if let Some(c) = rest
            .chars()
            .next()
            .filter(|c| MARKDOWN_LINE_START.contains(c))
        {
            out.push('\\');
            markdown_inline(out, &rest[..c.len_utf8()]);
            rest = &rest[c.len_utf8()..];
        } else if rest.starts_with(|c: char| c.is_ascii_digit()) {
            // "1. " or "1) " opens an ordered list: escape the punctuation after the digits.
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            out.push_str(&rest[..digits]);
            rest = &rest[digits..];
            if let Some(p) = rest.strip_prefix(['.', ')']) {
                out.push('\\');
                out.push_str(&rest[..1]);
                rest = p;
            }
        }
    }
    markdown_inline(out, rest);
}

/// Appends `text` escaped as [`markdown`] does after a line's start: the characters that
/// are markup anywhere in a CommonMark/GFM line (emphasis, code, links, tables,
/// strike-through, and the backslash itself) are backslash-escaped.
fn markdown_inline(out: &mut String, text: &str) {
    replace_chars(out, text, markdown_special, |out, c| {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '\n' | '\r' => " ",
            '\\' => "\\\\",
            '`' => "\\`",
            '*' => "\\*",
            '_' => "\\_",
            '[' => "\\[",
            ']' => "\\]",
            '|' => "\\|",
            '~' => "\\~",
            c => return push_visible(out, c),
        };
        out.push_str(replacement);
        true
    });
}

/// Whether [`markdown_inline`] may replace the character starting with byte `b`.
#[inline(always)]
fn markdown_special(b: u8) -> bool {
    let special = [
        b'&', b'<', b'>', b'\\', b'`', b'*', b'_', b'[', b']', b'|', b'~',
    ];
    special
        .iter()
        .fold(control_start(b), |any, &s| any | (b == s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(text: &str) -> String {
        let mut out = String::new();
        html(&mut out, text);
        out
    }

    fn md(text: &str) -> String {
        let mut out = String::new();
        markdown(&mut out, text, true);
        out
    }

    /// The escapes as first written, a character at a time: what the faster ones must give.
    fn html_by_char(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c => {
                    if !push_visible(&mut out, c) {
                        out.push(c);
                    }
                }
            }
        }
        out
    }

    fn markdown_by_char(text: &str, at_line_start: bool) -> String {
        const INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '|', '~'];
        let mut out = String::new();
        let mut line_start = at_line_start;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if line_start {
                if MARKDOWN_LINE_START.contains(&c) {
                    out.push('\\');
                } else if c.is_ascii_digit() {
                    out.push(c);
                    while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                        out.push(d);
                        chars.next();
                    }
                    if let Some(&p) = chars.peek().filter(|p| **p == '.' || **p == ')') {
                        out.push('\\');
                        out.push(p);
                        chars.next();
                    }
                    line_start = false;
                    continue;
                }
            }
            line_start = false;
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\n' | '\r' => out.push(' '),
                c if INLINE.contains(&c) => {
                    out.push('\\');
                    out.push(c);
                }
                c => {
                    if !push_visible(&mut out, c) {
                        out.push(c);
                    }
                }
            }
        }
        out
    }

    /// Text made of everything the escapes treat apart, and of other characters.
    const TRICKY: &str = "[a-z0-9 &<>\"'\\\\`*_\\[\\]|~#+=.)\\-\n\r\t\x00\x1b\x7f\u{80}\u{85}\u{9f}\u{a0}\u{c2}\u{100}é重’—\u{2029}\u{202a}\u{202e}\u{202f}\u{2066}\u{2069}\u{206a}\u{200f}ا]{0,24}";

    proptest::proptest! {
        #[test]
        fn html_matches_the_escape_by_character(text in TRICKY) {
            proptest::prop_assert_eq!(h(&text), html_by_char(&text));
        }

        #[test]
        fn markdown_matches_the_escape_by_character(text in TRICKY, start: bool) {
            let mut out = String::new();
            markdown(&mut out, &text, start);
            proptest::prop_assert_eq!(out, markdown_by_char(&text, start));
        }

        #[test]
        fn printable_text_matches_the_map_by_character(text in TRICKY) {
            let expected: String = text
                .chars()
                .map(|c| bidi_visible(c).map_or_else(|| printable(c).to_string(), str::to_owned))
                .collect();
            proptest::prop_assert_eq!(printable_text(&text), expected);
        }
    }

    #[test]
    fn html_escapes_text_and_attribute_contexts() {
        assert_eq!(
            h(r#"<script>alert('x')</script> & "q""#),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(h("résolution 重申"), "résolution 重申");
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(
            printable_text("a\x1b]0;x\x07b\r\u{9b}2J\x7f\n\tc"),
            "a␛]0;x␇b␍\u{fffd}2J␡\n\tc"
        );
    }

    /// Trojan Source: explicit bidirectional controls reorder what a reader sees. They
    /// show as their code points in every escape; right-to-left letters and marks stay.
    #[test]
    fn bidirectional_controls_become_visible_and_rtl_text_stays() {
        let hostile = "access\u{202e}\u{2066}level\u{2069}\u{202c} ok";
        let shown = "access⟨U+202E⟩⟨U+2066⟩level⟨U+2069⟩⟨U+202C⟩ ok";
        assert_eq!(printable_text(hostile), shown);
        assert_eq!(h(hostile), shown);
        assert_eq!(md(hostile), shown);
        let arabic = "يطلب إلى الأمين العام\u{200f} – “تقرير”";
        assert_eq!(printable_text(arabic), arabic);
        assert_eq!(h(arabic), arabic);
        assert_eq!(md(arabic), arabic);
        assert_eq!(h("a\x1b]0;x\x07"), "a␛]0;x␇");
        assert_eq!(md("a\x1b[2J\u{9b}"), "a␛\\[2J\u{fffd}");
    }

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(md("# Title"), r"\# Title");
        assert_eq!(md("1. Requests"), r"1\. Requests");
        assert_eq!(md("- item"), r"\- item");
        assert_eq!(
            md("a *b* _c_ [d](e) `f` | g ~h~"),
            r"a \*b\* \_c\_ \[d\](e) \`f\` \| g \~h\~"
        );
        assert_eq!(md("<img src=x> & co"), "&lt;img src=x&gt; &amp; co");
        assert_eq!(md("Secretary-General"), "Secretary-General");
    }
}
