//! How a document is named wherever a finding, an event or a page cites
//! it: one stable label per document.

/// The stable label of a document: its outlet, else its title, else its
/// first words. Every page names a document by this one label.
pub fn doc_label(doc: &crate::Document) -> String {
    if let Some(s) = doc.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        return s.to_string();
    }
    if let Some(t) = doc.title.as_deref().map(clean_text).filter(|t| !t.is_empty()) {
        return shorten(&t, 60);
    }
    // The first words only: a label never reads a whole long text.
    let mut end = doc.text.len().min(2000);
    while !doc.text.is_char_boundary(end) {
        end -= 1;
    }
    let text = clean_text(&doc.text[..end]);
    let first: Vec<&str> = text.split_whitespace().take(8).collect();
    if first.is_empty() {
        return format!("Untitled document {}", doc.id.chars().take(8).collect::<String>());
    }
    format!("“{}…”", first.join(" "))
}

/// Text with Markdown heading marks ("## ") and emphasis stars removed,
/// whitespace collapsed: for titles, quotes and snippets.
pub fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let t = line.trim_start();
        let t = match t.find(|c: char| c != '#') {
            Some(n) if n > 0 && n <= 6 && t[n..].starts_with(' ') => &t[n + 1..],
            _ => t,
        };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t);
    }
    let out = out.replace("**", "");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `n` characters, with an ellipsis when cut.
pub fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
