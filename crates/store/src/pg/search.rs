//! Full-text search on PostgreSQL with the SQLite store's contract.
//!
//! FTS5's `unicode61 remove_diacritics 2` tokenizer splits on anything but
//! letters and digits, folds case and strips diacritics. PostgreSQL's text
//! search parser has ideas of its own (`ISIS-K` is one hyphenated word,
//! `4,000` a number, stop words and stems depend on the configuration), so
//! dossier folds the text itself: [`fold`] turns every character that is not
//! a letter or digit into a space, lower-cases and strips combining marks;
//! the `dossier_english` configuration (schema v5: the `simple` parser with
//! the Snowball English stemmer, no stop words) then only splits on the
//! spaces and stems each word, as FTS5's `porter` tokenizer does on SQLite.
//! The query words are folded the same way, so both sides agree on every
//! token. Snippets mark the words as the query spells them: a word found
//! only in another form ("attacked" for "attack") is not marked.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// `s` folded for indexing: letters and digits lower-cased and stripped of
/// diacritics, everything else a space.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out
}

/// One word of a query: its folded tokens (a phrase) and whether its last
/// token is a prefix.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Word {
    pub tokens: Vec<String>,
    pub prefix: bool,
}

/// The words of a query; words with no letters or digits are dropped.
pub(crate) fn words(input: &str) -> Vec<Word> {
    input
        .split_whitespace()
        .filter_map(|w| {
            let body = w.trim_end_matches('*');
            let tokens: Vec<String> = fold(body).split_whitespace().map(str::to_string).collect();
            (!tokens.is_empty()).then_some(Word { tokens, prefix: body.len() != w.len() })
        })
        .collect()
}

/// The two halves of the PostgreSQL query for `words`: the whole words for
/// `websearch_to_tsquery` (each a quoted phrase), and the prefix words for
/// `to_tsquery` (a phrase ending in `:*`); either may be empty. Tokens hold
/// only letters and digits, so neither can be a syntax error.
pub(crate) fn pg_query(words: &[Word]) -> (String, String) {
    let mut whole = Vec::new();
    let mut prefix = Vec::new();
    for w in words {
        if w.prefix {
            prefix.push(format!("({}:*)", w.tokens.join(" <-> ")));
        } else {
            whole.push(format!("\"{}\"", w.tokens.join(" ")));
        }
    }
    (whole.join(" "), prefix.join(" & "))
}

/// How many tokens a snippet shows (as FTS5's `snippet(…, 16)`).
const SNIPPET_TOKENS: usize = 16;

/// A stretch of `text` of at most [`SNIPPET_TOKENS`] tokens around the most
/// query tokens, matched tokens in `[` `]`, cut ends marked `…`.
pub(crate) fn snippet(text: &str, words: &[Word]) -> String {
    // Tokens as byte ranges of the text: runs of letters, digits and marks.
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || is_combining_mark(c);
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push((s, text.len()));
    }
    // Which query term each token matches, if any (a token's folding may
    // split it further: `½` folds to `1 2`; any of its parts counts).
    let terms: Vec<(&str, bool)> = words
        .iter()
        .flat_map(|w| {
            let last = w.tokens.len() - 1;
            w.tokens.iter().enumerate().map(move |(i, t)| (t.as_str(), w.prefix && i == last))
        })
        .collect();
    let matched: Vec<Option<usize>> = tokens
        .iter()
        .map(|&(s, e)| {
            let folded = fold(&text[s..e]);
            folded.split_whitespace().find_map(|part| {
                terms.iter().position(
                    |&(t, prefix)| {
                        if prefix {
                            part.starts_with(t)
                        } else {
                            part == t
                        }
                    },
                )
            })
        })
        .collect();
    if tokens.is_empty() {
        return String::new();
    }
    // The window with the most distinct terms, then the most matches; the
    // first such.
    let n = SNIPPET_TOKENS.min(tokens.len());
    let mut best = (0usize, 0usize, 0usize); // (distinct, matches, start)
    for first in 0..=tokens.len() - n {
        let mut seen = vec![false; terms.len()];
        let mut hits = 0;
        for t in matched[first..first + n].iter().flatten() {
            seen[*t] = true;
            hits += 1;
        }
        let distinct = seen.iter().filter(|&&b| b).count();
        if (distinct, hits) > (best.0, best.1) {
            best = (distinct, hits, first);
        }
    }
    let first = best.2;
    let last = first + n - 1;
    let mut out = String::new();
    if first > 0 {
        out.push('…');
    }
    let mut at = tokens[first].0;
    for (k, &(s, e)) in tokens.iter().enumerate().take(last + 1).skip(first) {
        out.push_str(&text[at..s]);
        if matched[k].is_some() {
            out.push('[');
            out.push_str(&text[s..e]);
            out.push(']');
        } else {
            out.push_str(&text[s..e]);
        }
        at = e;
    }
    if last + 1 < tokens.len() {
        out.push('…');
    } else {
        out.push_str(&text[at..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_unicode61() {
        assert_eq!(fold("ISIS-K, in Nangarhār!"), "isis k in nangarhar ");
        assert_eq!(fold("4,000 fighters"), "4 000 fighters");
        assert_eq!(fold("\"quietly\""), " quietly ");
    }

    #[test]
    fn query_words_are_phrases_and_prefixes() {
        let w = words("ISIS-K Khora* \" * AND");
        assert_eq!(w.len(), 3);
        assert_eq!(pg_query(&w), ("\"isis k\" \"and\"".to_string(), "(khora:*)".to_string()));
        assert!(words(" \" * ( ) - ").is_empty());
    }

    #[test]
    fn snippet_marks_matches_and_cut_ends() {
        let text = "one two three four five six seven eight nine ten eleven twelve \
                    thirteen fourteen fifteen sixteen seventeen Nangarhār eighteen.";
        let s = snippet(text, &words("nangarhar"));
        assert!(s.contains("[Nangarhār]"), "{s}");
        assert!(s.starts_with('…'), "{s}");
        let s = snippet("Short text about Khorasan.", &words("khora*"));
        assert_eq!(s, "Short text about [Khorasan].");
    }
}
