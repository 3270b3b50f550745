//! Turning what a user types into a safe FTS5 query.
//!
//! FTS5 has its own query language (`AND`, `OR`, `NOT`, `NEAR`, `"`, `*`,
//! `:`, `^`, parentheses); raw user text such as `ISIS-K` or an unbalanced
//! quote is a syntax error there. Every whitespace-separated word becomes a
//! quoted phrase, so the query means "all these words" whatever they contain;
//! a trailing `*` is kept as a prefix search (`Khora*`).

/// The FTS5 query for `input`, or `None` when it holds nothing searchable.
pub(crate) fn fts_query(input: &str) -> Option<String> {
    let mut out = String::new();
    for word in input.split_whitespace() {
        let body = word.trim_end_matches('*');
        let prefix = body.len() != word.len();
        // A word of punctuation alone tokenizes to nothing: an empty phrase.
        if !body.chars().any(char::is_alphanumeric) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('"');
        out.push_str(&body.replace('"', "\"\""));
        out.push('"');
        if prefix {
            out.push('*');
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_every_word() {
        assert_eq!(fts_query("ISIS-K").as_deref(), Some(r#""ISIS-K""#));
        assert_eq!(fts_query("a AND b").as_deref(), Some(r#""a" "AND" "b""#));
        assert_eq!(fts_query(r#"say "hi"#).as_deref(), Some(r#""say" """hi""#));
        assert_eq!(fts_query("Khora*").as_deref(), Some(r#""Khora"*"#));
    }

    #[test]
    fn punctuation_alone_is_nothing() {
        assert_eq!(fts_query(""), None);
        assert_eq!(fts_query(r#" " * ( ) - "#), None);
    }
}
