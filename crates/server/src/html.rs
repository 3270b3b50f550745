//! Escaped HTML building.
//!
//! Pages are written with `write!` into a `String`; every value that comes
//! from data (article text, titles, URLs, names, ids) goes through [`esc`]
//! (text and attribute values), [`seg`] (a URL path segment) or [`q`] (a
//! URL query value). Only string literals of this crate are written raw.

use std::fmt::{self, Display, Write};

/// Text escaped for HTML content and quoted attribute values.
pub struct Esc<'a>(&'a str);

/// Escapes `s` for HTML (content or a double- or single-quoted attribute).
pub fn esc(s: &str) -> Esc<'_> {
    Esc(s)
}

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut last = 0;
        for (i, b) in self.0.bytes().enumerate() {
            let rep = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&self.0[last..i])?;
            f.write_str(rep)?;
            last = i + 1;
        }
        f.write_str(&self.0[last..])
    }
}

/// A value percent-encoded for a URL path segment (`:` kept, as in entity ids).
pub struct Seg<'a>(&'a str, bool);

/// Encodes `s` as one URL path segment: every byte but unreserved ones and
/// `:` is percent-encoded, so `/`, `?`, `#`, quotes and `<` cannot escape it.
pub fn seg(s: &str) -> Seg<'_> {
    Seg(s, true)
}

/// Encodes `s` as a URL query value (`:` encoded too).
pub fn q(s: &str) -> Seg<'_> {
    Seg(s, false)
}

impl Display for Seg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0.bytes() {
            if b.is_ascii_alphanumeric()
                || matches!(b, b'-' | b'_' | b'.' | b'~')
                || (self.1 && b == b':')
            {
                f.write_char(b as char)?;
            } else {
                write!(f, "%{b:02X}")?;
            }
        }
        Ok(())
    }
}

/// An external link when `url` is http(s), else the URL as plain text: a
/// `javascript:` or `data:` URL from an article never becomes a link.
pub fn ext_link(out: &mut String, url: &str) {
    let lower = url.trim_start().to_ascii_lowercase();
    let safe = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace());
    if safe {
        let _ = write!(
            out,
            "<a class=\"ext\" href=\"{}\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">{}</a>",
            esc(url),
            esc(url)
        );
    } else {
        let _ = write!(out, "<span class=\"url\">{}</span>", esc(url));
    }
}

/// Which item of the top navigation is current.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// Home.
    Home,
    /// Entities.
    Entities,
    /// Conflicts.
    Conflicts,
    /// Documents.
    Documents,
    /// Events.
    Events,
    /// Graph.
    Graph,
    /// Ingest.
    Ingest,
    /// None of them.
    None,
}

/// A whole page: `title` (escaped) around `body` (already built HTML).
pub fn page(title: &str, nav: Nav, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 2048);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · dossier</title>\
         <link rel=\"stylesheet\" href=\"/assets/style.css\">\
         <link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">\
         <script src=\"/assets/app.js\" defer></script></head><body>\
         <a class=\"skip\" href=\"#main\">Skip to content</a>\
         <header class=\"top\"><a class=\"brand\" href=\"/\">dossier</a><nav aria-label=\"Main\">",
        esc(title)
    );
    for (n, href, label) in [
        (Nav::Home, "/", "Home"),
        (Nav::Entities, "/entities", "Entities"),
        (Nav::Conflicts, "/findings?verdict=conflict", "Conflicts"),
        (Nav::Documents, "/documents", "Documents"),
        (Nav::Events, "/events", "Events"),
        (Nav::Graph, "/graph", "Graph"),
        (Nav::Ingest, "/ingest", "Ingest"),
    ] {
        let cur = if n == nav { " aria-current=\"page\"" } else { "" };
        let _ = write!(out, "<a href=\"{href}\"{cur}>{label}</a>");
    }
    out.push_str(
        "</nav><form class=\"topsearch\" action=\"/search\" method=\"get\" role=\"search\">\
         <label class=\"sr\" for=\"topq\">Search</label>\
         <input id=\"topq\" name=\"q\" type=\"search\" placeholder=\"Search groups, people, text  ( / )\">\
         </form></header><main id=\"main\" tabindex=\"-1\">",
    );
    out.push_str(body);
    out.push_str("</main><footer>dossier · every fact links to the words it came from</footer></body></html>\n");
    out
}

/// A verdict badge.
pub fn badge(v: dossier_core::Verdict) -> String {
    let label = match v {
        dossier_core::Verdict::Agree => "agree",
        dossier_core::Verdict::Conflict => "conflict",
        dossier_core::Verdict::Compatible => "compatible",
        dossier_core::Verdict::ChangedOverTime => "changed over time",
        dossier_core::Verdict::SingleSource => "single source",
    };
    format!("<span class=\"badge v-{}\">{label}</span>", v.as_str())
}

/// Formats a byte count or any count with thousands separators.
pub use dossier_core::words::num;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<img src=x onerror='a(\"b\")'>&").to_string(),
            "&lt;img src=x onerror=&#39;a(&quot;b&quot;)&#39;&gt;&amp;"
        );
        assert_eq!(seg("group:a b/../c?#\"<").to_string(), "group:a%20b%2F..%2Fc%3F%23%22%3C");
        assert_eq!(q("a:b&c").to_string(), "a%3Ab%26c");
    }

    #[test]
    fn only_http_urls_become_links() {
        let mut s = String::new();
        ext_link(&mut s, "javascript:alert(1)");
        assert!(!s.contains("href"), "{s}");
        let mut s = String::new();
        ext_link(&mut s, " JaVaScRiPt:alert(1)");
        assert!(!s.contains("href"), "{s}");
        let mut s = String::new();
        ext_link(&mut s, "https://example.org/a?b=\"c\"");
        assert!(s.contains("href=\"https://example.org/a?b=&quot;c&quot;\""), "{s}");
        assert_eq!(num(1234567), "1,234,567");
    }
}
