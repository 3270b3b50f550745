//! Segmentation: paragraphs, sentences and tokens, as byte spans into the text.
//!
//! Tokens are words (letters and digits, with inner apostrophes, inner
//! hyphens as in "al-Muhajir" or "Pul-e-Charki", inner dots as in "U.S."),
//! numbers (with inner `,` and `.` as in "1,500" or "1.5") and single
//! punctuation characters. Sentences end at `.`, `!`, `?` or `…` followed by
//! space and an upper-case letter, a digit or an opening quote, except after
//! titles ("Dr.", "Gen."), month abbreviations before a number ("Jan. 5"),
//! "No." before a number, Latin abbreviations ("e.g.", "i.e.") and initials
//! ("John W. Smith"). After a dotted acronym ("U.S.") a sentence ends only
//! when the next word is a typical sentence opener ("The", "It", ...).

use crate::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits, inner hyphens, apostrophes, dots).
    Word,
    /// Digits, possibly with inner `,` or `.`.
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// One token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where.
    pub span: Span,
    /// What.
    pub kind: TokenKind,
}

/// Paragraphs: split on blank lines; when the text has no blank line, on
/// single newlines. Leading and trailing white space is excluded.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let has_blank = text.contains("\n\n") || text.contains("\n\r\n") || has_blank_ws_line(text);
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            let mut blank = false;
            // Look ahead over whitespace-only lines.
            let mut k = j;
            while k < bytes.len() && (bytes[k] == b' ' || bytes[k] == b'\t' || bytes[k] == b'\r') {
                k += 1;
            }
            if k < bytes.len() && bytes[k] == b'\n' {
                blank = true;
                j = k + 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
            }
            if blank || !has_blank || block_break(bytes, i) {
                push_trimmed(text, start, i, &mut out);
                start = if blank { j } else { i + 1 };
                i = start;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, bytes.len(), &mut out);
    out
}

/// Whether the newline at `nl` ends a block even without a blank line: a
/// table row ("| a | b |") before or after it, or a heading or list item
/// after it. A table is rows, not one long sentence.
fn block_break(bytes: &[u8], nl: usize) -> bool {
    let line_start = bytes[..nl].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let this = trim_start(&bytes[line_start..nl]);
    let next = trim_start(&bytes[nl + 1..]);
    this.first() == Some(&b'|')
        || matches!(next, [b'|', ..] | [b'#', ..] | [b'-' | b'*' | b'+', b' ', ..])
        || BULLETS.iter().any(|b| next.starts_with(b.as_bytes()))
}

/// Bullet characters that open a list item on a line of its own ("• 70
/// people reported dead"), as pages copied from the web write them.
const BULLETS: [&str; 4] = ["•", "◦", "▪", "‣"];

fn trim_start(b: &[u8]) -> &[u8] {
    let k = b.iter().position(|&c| c != b' ' && c != b'\t' && c != b'\r').unwrap_or(b.len());
    &b[k..]
}

fn has_blank_ws_line(text: &str) -> bool {
    text.split('\n').skip(1).any(|l| l.trim().is_empty()) && text.trim_end().split('\n').count() > 1
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

/// Tokens of `text[span]`, appended to `out` with absolute offsets.
pub fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let base = span.start();
    let s = span.slice(text);
    let b = s.as_bytes();
    let mut i = 0usize;
    while i < b.len() {
        let c = match s[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        if c.is_ascii_digit() {
            let end = scan_number(s, i);
            // "2bn", "3rd", "1990s": letters glued to digits make one word token.
            let mut e = end;
            while let Some(n) = s[e..].chars().next() {
                if n.is_alphabetic() {
                    e += n.len_utf8();
                } else {
                    break;
                }
            }
            let kind = if e > end { TokenKind::Word } else { TokenKind::Number };
            out.push(Token { span: Span::new(base + i, base + e), kind });
            i = e;
            continue;
        }
        if c.is_alphanumeric() {
            let end = scan_word(s, i);
            out.push(Token { span: Span::new(base + i, base + end), kind: TokenKind::Word });
            i = end;
            continue;
        }
        out.push(Token { span: Span::new(base + i, base + i + clen), kind: TokenKind::Punct });
        i += clen;
    }
}

fn scan_number(s: &str, start: usize) -> usize {
    let b = s.as_bytes();
    let mut i = start;
    while i < b.len() {
        let inner_sep = (b[i] == b',' || b[i] == b'.')
            && i + 1 < b.len()
            && b[i + 1].is_ascii_digit()
            && i > start;
        if b[i].is_ascii_digit() || inner_sep {
            i += 1;
        } else {
            break;
        }
    }
    i
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn scan_word(s: &str, start: usize) -> usize {
    let mut i = start;
    for (off, c) in s[start..].char_indices() {
        let pos = start + off;
        if c.is_alphanumeric() {
            i = pos + c.len_utf8();
            continue;
        }
        // Inner connector: hyphen, apostrophe, or a dot in a dotted acronym.
        let next = s[pos + c.len_utf8()..].chars().next();
        let next_alnum = next.is_some_and(|n| n.is_alphanumeric());
        if (c == '-' || is_apostrophe(c)) && next_alnum {
            continue;
        }
        if c == '.' {
            // "U.S." / "e.g." : single letters separated by dots.
            let seg_len = s[..pos].chars().rev().take_while(|ch| ch.is_alphabetic()).count();
            if seg_len == 1 && next.is_some_and(|n| n.is_alphabetic()) {
                let after = s[pos + 1..].chars().nth(1);
                if after.is_none_or(|a| a == '.' || !a.is_alphanumeric()) {
                    continue;
                }
            }
            if seg_len == 1 && i == pos && dotted_so_far(&s[start..pos]) {
                // Trailing dot of "U.S." belongs to the word.
                return pos + 1;
            }
        }
        break;
    }
    i
}

fn dotted_so_far(w: &str) -> bool {
    w.contains('.') && w.split('.').all(|p| p.chars().count() == 1)
}

const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "gov", "sen",
    "rep", "pres", "prof", "st", "jr", "sr", "rev", "hon", "brig", "cmdr", "cdr", "mt", "ft",
    "messrs", "gens", "sens", "reps", "insp", "supt", "amb", "fr",
];
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "art", "vol", "p", "pp", "fig", "ch", "sec",
];
const ALWAYS: &[&str] =
    &["e.g", "i.e", "vs", "cf", "approx", "a.m", "p.m", "inc", "ltd", "co", "corp"];
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "In",
    "On",
    "At",
    "However",
    "Its",
    "Their",
    "His",
    "Her",
    "There",
    "Some",
    "Many",
    "According",
    "After",
    "Before",
    "When",
    "While",
    "Meanwhile",
    "Officials",
    "Since",
];

/// Sentence spans inside one paragraph span.
pub fn sentences_in(text: &str, para: Span, out: &mut Vec<Span>) {
    let s = para.slice(text);
    let base = para.start();
    let b = s.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < b.len() {
        let c = b[i];
        let is_term = c == b'.' || c == b'!' || c == b'?';
        let ellipsis = b[i..].starts_with("…".as_bytes());
        if !is_term && !ellipsis {
            i += 1;
            continue;
        }
        let mut j = i + if ellipsis { '…'.len_utf8() } else { 1 };
        // Runs of terminators, then closing quotes and brackets.
        while j < b.len() && matches!(b[j], b'.' | b'!' | b'?') {
            j += 1;
        }
        loop {
            let rest = &s[j..];
            let ch = rest.chars().next();
            match ch {
                Some(q @ ('"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}' | '»')) => {
                    j += q.len_utf8()
                }
                _ => break,
            }
        }
        // Must be followed by white space and a plausible sentence start.
        let ws_end = j + s[j..].len() - s[j..].trim_start().len();
        if ws_end == j || ws_end >= s.len() {
            i = j.max(i + 1);
            continue;
        }
        let next = s[ws_end..].chars().next().unwrap_or(' ');
        let starts_ok = next.is_uppercase()
            || next.is_ascii_digit()
            || matches!(next, '"' | '\u{201C}' | '\'' | '\u{2018}' | '(' | '[' | '«' | '—' | '–');
        if !starts_ok || (c == b'.' && !ellipsis && !period_ends(s, i, ws_end)) {
            i = j.max(i + 1);
            continue;
        }
        push_trimmed_abs(text, base + start, base + j, out);
        start = ws_end;
        i = ws_end;
    }
    push_trimmed_abs(text, base + start, base + b.len(), out);
}

fn push_trimmed_abs(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    push_trimmed(text, start, end, out)
}

/// Decides whether the period at `dot` ends a sentence, given the next word starts at `next`.
fn period_ends(s: &str, dot: usize, next: usize) -> bool {
    // The word before the dot, including inner dots ("U.S", "e.g").
    let before = &s[..dot];
    let wstart = before
        .char_indices()
        .rev()
        .find(|&(_, ch)| !(ch.is_alphanumeric() || ch == '.'))
        .map(|(k, ch)| k + ch.len_utf8())
        .unwrap_or(0);
    let word = &before[wstart..];
    if word.is_empty() {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    let next_word: &str = {
        let rest = &s[next..];
        let e = rest.find(|ch: char| !ch.is_alphanumeric()).unwrap_or(rest.len());
        &rest[..e]
    };
    let next_is_digit = next_word.bytes().next().is_some_and(|b| b.is_ascii_digit());
    if TITLES.contains(&lower.as_str()) || ALWAYS.contains(&lower.as_str()) {
        return false;
    }
    if BEFORE_NUMBER.contains(&lower.as_str()) && next_is_digit {
        return false;
    }
    let chars: Vec<char> = word.chars().collect();
    // An initial: one upper-case letter ("John W. Smith").
    if chars.len() == 1 && chars[0].is_uppercase() {
        return false;
    }
    // A dotted acronym ("U.S", "U.N"): a boundary only before a typical opener.
    if word.contains('.') && word.split('.').all(|p| p.chars().count() == 1) {
        return OPENERS.contains(&next_word);
    }
    true
}

/// Every sentence span of the text, paragraph by paragraph.
pub fn sentences(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for &p in paragraphs {
        sentences_in(text, p, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        let p = paragraphs(text);
        sentences(text, &p).into_iter().map(|s| s.slice(text)).collect()
    }

    fn toks(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize_into(text, Span::new(0, text.len()), &mut v);
        v.into_iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn table_rows_headings_and_list_items_are_blocks_of_their_own() {
        let t = "Intro line one\nstill the intro.\n\n| group | founded |\n|---|---|\n| Lion Front | not 2014 |\n| Tiger Band | 2016 |\n## Notes\n- first point\n- second point\n\nEnd.";
        let p: Vec<&str> = paragraphs(t).iter().map(|s| s.slice(t)).collect();
        assert_eq!(
            p,
            vec![
                "Intro line one\nstill the intro.",
                "| group | founded |",
                "|---|---|",
                "| Lion Front | not 2014 |",
                "| Tiger Band | 2016 |",
                "## Notes",
                "- first point",
                "- second point",
                "End."
            ]
        );
    }

    #[test]
    fn bulleted_lines_are_blocks_of_their_own() {
        let t = "• Attack started around dawn on Thursday\n• 70 people reported dead\n◦ Militants say it was retaliation";
        let p: Vec<&str> = paragraphs(t).iter().map(|s| s.slice(t)).collect();
        assert_eq!(
            p,
            vec![
                "• Attack started around dawn on Thursday",
                "• 70 people reported dead",
                "◦ Militants say it was retaliation"
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let t = "The U.S. military said Dr. Smith met Gen. Ali on Jan. 5 at No. 3 gate, e.g. the north one. John W. Booth left. It rained.";
        assert_eq!(
            sents(t),
            vec![
                "The U.S. military said Dr. Smith met Gen. Ali on Jan. 5 at No. 3 gate, e.g. the north one.",
                "John W. Booth left.",
                "It rained."
            ]
        );
    }

    #[test]
    fn acronym_at_sentence_end_before_opener() {
        let t = "Troops left the U.S. The group grew.";
        assert_eq!(sents(t), vec!["Troops left the U.S.", "The group grew."]);
    }

    #[test]
    fn quotes_and_paragraphs() {
        let t = "He said “it is over.” Then he left.\n\nA new paragraph? Yes!";
        let p = paragraphs(t);
        assert_eq!(p.len(), 2);
        assert_eq!(
            sents(t),
            vec!["He said “it is over.”", "Then he left.", "A new paragraph?", "Yes!"]
        );
        let single = "Line one.\nLine two.";
        assert_eq!(paragraphs(single).len(), 2);
    }

    #[test]
    fn tokens_keep_names_and_numbers() {
        assert_eq!(
            toks("Shehab al-Muhajir fled Pul-e-Charki; 1,500 to 2,000 U.S. troops — ISIS-K’s men."),
            vec![
                "Shehab",
                "al-Muhajir",
                "fled",
                "Pul-e-Charki",
                ";",
                "1,500",
                "to",
                "2,000",
                "U.S.",
                "troops",
                "—",
                "ISIS-K’s",
                "men",
                "."
            ]
        );
        assert_eq!(toks("ISIS- Khorasan in 2bn"), vec!["ISIS", "-", "Khorasan", "in", "2bn"]);
        assert_eq!(toks("e.g. this"), vec!["e.g.", "this"]);
    }

    #[test]
    fn spans_slice_back() {
        let t = "Nangarhār – “Khorasan” 3–4 people…";
        let mut v = Vec::new();
        tokenize_into(t, Span::new(0, t.len()), &mut v);
        for tok in v {
            assert!(t.is_char_boundary(tok.span.start()) && t.is_char_boundary(tok.span.end()));
            assert!(!tok.span.slice(t).trim().is_empty());
        }
    }
}
