//! Escaping of document text for HTML and Markdown: a document can hold anything, and none
//! of it may turn into markup, links or script.

/// Appends `text` escaped for HTML text and for quoted attribute values (either quote):
/// `& < > " '` become character references.
pub(crate) fn html(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// A control character of a document as something a terminal only displays: C0 controls
/// and DEL become their Unicode control pictures ("␛" for ESC, "␍" for a carriage return),
/// C1 controls the replacement character. Line feed and tab are left to the caller. Without
/// this a hostile text could move the cursor, rewrite lines, retitle the window or clear
/// the screen of whoever reads the plain-text or terminal output.
pub(super) fn printable(c: char) -> char {
    match c {
        '\n' | '\t' => c,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' => '\u{fffd}',
        c => c,
    }
}

/// `text` with every control character but line feed and tab made [`printable`].
pub(super) fn printable_text(text: &str) -> String {
    text.chars().map(printable).collect()
}

/// Characters that are markup anywhere in a CommonMark/GFM line: emphasis, code, links,
/// tables, strike-through, and the backslash itself.
const MARKDOWN_INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '|', '~'];

/// Characters that are markup at the start of a line: headings, lists, quotes, thematic
/// breaks, setext underlines.
const MARKDOWN_LINE_START: &[char] = &['#', '-', '+', '>', '='];

/// Appends `text` escaped for Markdown (GitHub and GitLab flavours), as inline content that
/// may begin a line. `& < >` become character references so that no HTML or autolink can
/// form; inline markup characters are backslash-escaped; a line-start marker ("#", "-",
/// "1.") is escaped where the text begins a line. Line breaks become spaces: a paragraph's
/// lines are separated by the caller.
pub(super) fn markdown(out: &mut String, text: &str, at_line_start: bool) {
    let mut line_start = at_line_start;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if line_start {
            if MARKDOWN_LINE_START.contains(&c) {
                out.push('\\');
            } else if c.is_ascii_digit() {
                // "1. " or "1) " opens an ordered list: escape the punctuation after the digits.
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
            c if MARKDOWN_INLINE.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
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
