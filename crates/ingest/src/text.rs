//! Plain text and Markdown: optional header lines, a title line, the body.

use crate::document::Meta;
use crate::normalize::collapse_whitespace;

/// The longest first line taken as a title.
const MAX_TITLE_CHARS: usize = 200;

/// Splits normalized text (LF line endings) into metadata and body.
///
/// Header lines (`Title:`, `Published:` or `Date:`, `Source:`, `URL:`, keys
/// case-insensitive) count as a block at the very top followed by a blank
/// line (two or more also without one); Markdown may instead open with `---` front matter using the
/// same keys. Without a title there, a first short line (at most 200
/// characters, not ending in a full stop, followed by more text) is the
/// title; in Markdown a leading `# ` heading is, with the `# ` dropped. A
/// first line repeating the header's title is dropped too.
pub(crate) fn parse(text: &str, markdown: bool) -> (Meta, &str) {
    let mut meta = Meta::default();
    let mut body = text;
    if markdown {
        if let Some(rest) = front_matter(text, &mut meta) {
            body = rest;
        }
    }
    if body.len() == text.len() {
        if let Some(rest) = header_block(text, &mut meta) {
            body = rest;
        }
    }
    body = skip_blank_lines(body);
    if let Some(title) = &meta.title {
        body = skip_repeated_title(body, title, markdown);
    }
    if meta.title.is_none() {
        if let Some((title, rest)) = title_line(body, markdown) {
            meta.title = Some(title);
            body = skip_blank_lines(rest);
        }
    }
    (meta, body)
}

/// Applies one `key: value` pair; false when the key is not a known one.
fn apply_header(meta: &mut Meta, key: &str, value: &str, front_matter: bool) -> bool {
    let value = value.trim();
    let value = if front_matter { unquote(value) } else { value };
    let key = key.trim().to_ascii_lowercase();
    let place = |k: &str| {
        if front_matter {
            format!("the \"{k}:\" front matter field")
        } else {
            format!("the \"{k}:\" header")
        }
    };
    match key.as_str() {
        "title" => meta.title = Some(value.to_string()),
        "source" => meta.source = Some(value.to_string()),
        "url" => meta.url = Some(value.to_string()),
        "published" | "date" => {
            let k = if key == "date" { "Date" } else { "Published" };
            meta.set_date(value, &place(k));
        }
        _ => return false,
    }
    true
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// `Key: value` lines at the top, ended by a blank line; returns the rest.
/// The block needs at least one known key (others, such as `Author:`, are
/// dropped with it). Two or more known keys count even when the body follows
/// at once; otherwise a blank line must follow, so that a body opening with
/// "Source: the ministry said ..." stays body.
fn header_block<'a>(text: &'a str, meta: &mut Meta) -> Option<&'a str> {
    let mut found = Meta::default();
    let mut offset = 0;
    let mut known = 0;
    for line in text.split_inclusive('\n') {
        let Some((key, value)) = line.trim_end().split_once(':') else { break };
        let key = key.trim();
        let key_like = !key.is_empty()
            && key.len() <= 30
            && key.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if !key_like {
            break;
        }
        if apply_header(&mut found, key, value, false) {
            known += 1;
        }
        offset += line.len();
    }
    let rest = &text[offset..];
    let blank_follows = rest.split('\n').next().is_some_and(|l| l.trim().is_empty());
    (known >= 2 || (known == 1 && blank_follows)).then(|| {
        *meta = found;
        rest
    })
}

/// Markdown `---` front matter; returns the rest.
fn front_matter<'a>(text: &'a str, meta: &mut Meta) -> Option<&'a str> {
    let rest = text.strip_prefix("---\n")?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let content = line.trim_end();
        if content == "---" || content == "..." {
            return Some(&rest[offset..]);
        }
        if let Some((key, value)) = content.split_once(':') {
            apply_header(meta, key, value, true);
        }
    }
    // No closing fence: not front matter after all.
    *meta = Meta::default();
    None
}

/// Drops a first line that repeats the header's title (`# Title` in
/// Markdown), since title lines are not body text.
fn skip_repeated_title<'a>(body: &'a str, title: &str, markdown: bool) -> &'a str {
    let (first, rest) = body.split_once('\n').unwrap_or((body, ""));
    let mut line = first.trim();
    if markdown {
        line = line.strip_prefix("# ").map_or(line, |h| h.trim().trim_end_matches('#').trim());
    }
    if !line.is_empty() && collapse_whitespace(line) == collapse_whitespace(title) {
        skip_blank_lines(rest)
    } else {
        body
    }
}

fn skip_blank_lines(mut text: &str) -> &str {
    while let Some(end) = text.find('\n') {
        if !text[..end].trim().is_empty() {
            break;
        }
        text = &text[end + 1..];
    }
    if text.trim().is_empty() {
        ""
    } else {
        text
    }
}

/// The title line, if the text opens with one; returns it and the rest.
fn title_line(text: &str, markdown: bool) -> Option<(String, &str)> {
    let (first, rest) = text.split_once('\n')?;
    if rest.trim().is_empty() {
        return None;
    }
    let line = first.trim();
    if markdown {
        if let Some(h) = line.strip_prefix("# ") {
            return Some((h.trim().trim_end_matches('#').trim().to_string(), rest));
        }
        // A setext heading: the title underlined with `=`.
        let (under, after) = rest.split_once('\n').unwrap_or((rest, ""));
        let under = under.trim();
        if !line.is_empty() && under.len() >= 2 && under.bytes().all(|b| b == b'=') {
            return Some((line.to_string(), after));
        }
        if line.starts_with('#') {
            return None;
        }
    }
    if line.is_empty()
        || line.chars().count() > MAX_TITLE_CHARS
        || line.ends_with(['.', ',', ';', ':', '-', '\u{2013}', '\u{2014}'])
    {
        return None;
    }
    // A line running on into the next one is a wrapped sentence, not a title.
    let next = rest.lines().next().unwrap_or("").trim_start();
    if next.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    Some((line.to_string(), rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn header_block_is_read_and_removed() {
        let t = "Title: Convoy hit\nPUBLISHED: 26 August 2021\nsource: Ledger\nUrl: http://x/y\n\nBody.";
        let (m, body) = parse(t, false);
        assert_eq!(m.title.as_deref(), Some("Convoy hit"));
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2021, 8, 26));
        assert_eq!(m.source.as_deref(), Some("Ledger"));
        assert_eq!(m.url.as_deref(), Some("http://x/y"));
        assert_eq!(body, "Body.");
    }

    #[test]
    fn header_block_without_blank_line_needs_two_lines_and_stops_at_other_lines() {
        let (m, body) = parse("Title: Convoy hit\nSource: Ledger\nGunmen attacked.", false);
        assert_eq!(m.title.as_deref(), Some("Convoy hit"));
        assert_eq!(body, "Gunmen attacked.");
        let t = "Source: the ministry said the convoy\nwas hit.";
        assert_eq!(parse(t, false), (Meta::default(), t));
        let (m, body) = parse("Title: X\nAuthor: Y\n\nBody.", false);
        assert_eq!(m.title.as_deref(), Some("X"));
        assert_eq!(body, "Body.");
        // No known key: not a header block (the title rule still applies).
        let t = "Note: unverified\nWarning: graphic\n\nBody.";
        assert_eq!(parse(t, false).1, "Warning: graphic\n\nBody.");
        let t = "KABUL: Gunmen attacked.\n\nMore.";
        assert_eq!(parse(t, false), (Meta::default(), t));
    }

    #[test]
    fn header_without_title_falls_back_to_title_line() {
        let (m, body) = parse("Source: Ledger\n\nConvoy hit\n\nBody text.", false);
        assert_eq!(m.source.as_deref(), Some("Ledger"));
        assert_eq!(m.title.as_deref(), Some("Convoy hit"));
        assert_eq!(body, "Body text.");
    }

    #[test]
    fn title_line_rules() {
        assert_eq!(parse("Short title\n\nBody.", false).0.title.as_deref(), Some("Short title"));
        assert_eq!(parse("Short title\nBody.", false).0.title.as_deref(), Some("Short title"));
        // Ends a sentence, runs on, or is alone: not a title.
        assert_eq!(parse("A sentence.\n\nBody.", false).0.title, None);
        assert_eq!(parse("The attack killed\nthree people.", false).0.title, None);
        assert_eq!(parse("Only line", false).0.title, None);
        let long = "x".repeat(201);
        assert_eq!(parse(&format!("{long}\n\nBody."), false).0.title, None);
    }

    #[test]
    fn markdown_headings_and_front_matter() {
        let (m, body) = parse("# The title #\n\nBody *text*.", true);
        assert_eq!(m.title.as_deref(), Some("The title"));
        assert_eq!(body, "Body *text*.");
        let (m, body) = parse("The title\n=====\nBody.", true);
        assert_eq!(m.title.as_deref(), Some("The title"));
        assert_eq!(body, "Body.");
        let (m, body) =
            parse("---\ntitle: \"Quoted\"\ndate: 2021-08-26\n---\n\n## Sub\nBody.", true);
        assert_eq!(m.title.as_deref(), Some("Quoted"));
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2021, 8, 26));
        assert_eq!(body, "## Sub\nBody.");
    }

    #[test]
    fn a_first_line_repeating_the_header_title_is_dropped() {
        let (_, body) = parse("Title: Big  news\n\n# Big news\n\nBody.", true);
        assert_eq!(body, "Body.");
        let (_, body) = parse("Title: Big news\n\nBig news\nBody.", false);
        assert_eq!(body, "Body.");
        let (_, body) = parse("Title: Big news\n\nBig news today.\nBody.", false);
        assert_eq!(body, "Big news today.\nBody.");
    }

    #[test]
    fn unreadable_header_date_is_remembered() {
        let (m, _) = parse("Published: soon\n\nBody.", false);
        assert_eq!(m.published, None);
        assert_eq!(m.bad_date.unwrap().0, "soon");
    }
}
