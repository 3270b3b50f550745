//! HTML pages: the article's main text and its metadata.
//!
//! The main text is taken from the first of these that holds at least half as
//! much paragraph text as the densest block of paragraphs on the page:
//! `[itemprop=articleBody]`, `<article>`, `<main>`/`[role=main]`; otherwise
//! that densest block (the parent of the most `<p>` text), otherwise `<body>`.
//! Inside it, navigation, headers, footers, asides, scripts, styles, forms,
//! figures, hidden elements and elements whose class or id names navigation,
//! menus, ads, sharing, related links, comments, cookie banners, newsletter
//! boxes or bylines are dropped. Block elements (paragraphs, headings, list items, ...)
//! become paragraphs separated by a blank line, whitespace collapsed.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::document::Meta;
use crate::normalize::{self, collapse_whitespace, is_binary};
use crate::parse_date;

/// HTML bytes to normalized text. A page that is not UTF-8 but declares
/// another charset in its first 1024 bytes (`<meta charset=...>` or the
/// `http-equiv` form), say `windows-1252`, is decoded from that charset;
/// anything else must be UTF-8, like every other input.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, String> {
    if std::str::from_utf8(bytes).is_err() && !is_binary(bytes) {
        if let Some(encoding) = declared_charset(bytes) {
            if encoding != encoding_rs::UTF_8 {
                let (text, _, _) = encoding.decode(bytes);
                return normalize::decode(text.as_bytes());
            }
        }
    }
    normalize::decode(bytes)
}

/// The `charset=` label declared near the top of the page, if any. A byte
/// scan like the HTML standard's prescan: the page cannot be parsed before
/// its encoding is known.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes[..bytes.len().min(1024)].to_ascii_lowercase();
    let at = head.windows(8).position(|w| w == b"charset=")? + 8;
    let label: Vec<u8> = head[at..]
        .iter()
        .copied()
        .skip_while(|&b| b == b'"' || b == b'\'')
        .take_while(|&b| {
            !matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') && !b.is_ascii_whitespace()
        })
        .collect();
    encoding_rs::Encoding::for_label(&label)
}

/// Extracts metadata and main text (paragraphs joined by `"\n\n"`).
pub(crate) fn extract(html: &str) -> Result<(Meta, String), String> {
    let doc = Html::parse_document(&cap_depth(html));
    let ld = linked_data(&doc);
    let meta = metadata(&doc, &ld);
    let mut paragraphs = main_text(&doc);
    // The headline often opens the article body too: it is already the title.
    if let (Some(title), Some(first)) = (&meta.title, paragraphs.first()) {
        if collapse_whitespace(title) == *first {
            paragraphs.remove(0);
        }
    }
    let text =
        if paragraphs.is_empty() { ld.body.unwrap_or_default() } else { paragraphs.join("\n\n") };
    if text.trim().is_empty() {
        return Err("no article text found in the HTML, skipped".into());
    }
    Ok((meta, text))
}

/// Elements nested deeper than this lose their tags (their text stays):
/// the parser's cost grows with the square of the nesting depth, and
/// 100,000 nested `<div>`s took 92 s (issue 12).
const MAX_DEPTH: usize = 512;

/// The page with every start and end tag deeper than [`MAX_DEPTH`] left
/// out, found by a byte scan before parsing. The depth counted is that of
/// elements the parser keeps open: void elements (`<br>`), self-closed ones
/// inside SVG or MathML, and those an equal sibling closes (`<p>`, `<li>`,
/// `<td>`, ...) do not count; comments and the text of `<script>`,
/// `<style>` and the like are skipped. A page within the limit is returned
/// as it is.
fn cap_depth(html: &str) -> Cow<'_, str> {
    const VOID: &[&str] = &[
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
        "keygen", "link", "meta", "param", "source", "track", "wbr",
    ];
    const SIBLING_CLOSED: &[&str] = &[
        "body", "caption", "colgroup", "dd", "dt", "head", "html", "li", "optgroup", "option", "p",
        "rb", "rp", "rt", "rtc", "tbody", "td", "tfoot", "th", "thead", "tr",
    ];
    const RAW_TEXT: &[&str] =
        &["iframe", "noembed", "noframes", "script", "style", "textarea", "title", "xmp"];
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut depth = 0usize;
    // The depth at which an <svg> or <math> element opened: inside, `<x/>` closes itself.
    let mut foreign: Option<usize> = None;
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let at = i + off;
        let rest = &b[at..];
        if rest.starts_with(b"<!--") {
            i = find(b, at + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = find(b, at, b">").map_or(b.len(), |e| e + 1);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = at + 1 + usize::from(closing);
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i = at + 1;
            continue;
        }
        let name_end = name_at
            + b[name_at..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count();
        let name = &html[name_at..name_end];
        let is = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(name));
        let end = tag_end(b, name_end);
        let self_closed = b[..end].ends_with(b"/>");
        let counted =
            !(is(VOID) || is(SIBLING_CLOSED) || (self_closed && !closing && foreign.is_some()));
        let keep = if !counted {
            true
        } else if closing {
            if depth == 0 {
                true
            } else {
                depth -= 1;
                if foreign.is_some_and(|f| depth <= f) {
                    foreign = None;
                }
                depth < MAX_DEPTH
            }
        } else {
            if foreign.is_none() && is(&["svg", "math"]) {
                foreign = Some(depth);
            }
            depth += 1;
            depth <= MAX_DEPTH
        };
        if !keep {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..at]);
            copied = end;
        }
        i = end;
        if !closing && is(RAW_TEXT) {
            // Its text is no markup: go on at its end tag.
            let close = format!("</{name}");
            i = (i..b.len())
                .find(|&k| {
                    b[k..].len() >= close.len()
                        && b[k..k + close.len()].eq_ignore_ascii_case(close.as_bytes())
                })
                .unwrap_or(b.len());
        } else if !closing && name.eq_ignore_ascii_case("plaintext") {
            break;
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(html),
    }
}

/// The first `needle` in `b` at or after `from`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

/// One past the `>` that ends a tag whose name ends at `from`; quoted
/// attribute values may hold a `>`. The page's end when there is none.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut k = from;
    let mut after_eq = false;
    while k < b.len() {
        match b[k] {
            b'>' => return k + 1,
            q @ (b'"' | b'\'') if after_eq => {
                k = b[k + 1..].iter().position(|&c| c == q).map_or(b.len(), |p| k + 1 + p);
                after_eq = false;
            }
            b'=' => after_eq = true,
            c if c.is_ascii_whitespace() => {}
            _ => after_eq = false,
        }
        k += 1;
    }
    b.len()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a valid built-in selector")
}

// ---------------------------------------------------------------- metadata

/// What JSON-LD says about the article.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<NaiveDate>,
    publisher: Option<String>,
    url: Option<String>,
    body: Option<String>,
}

fn linked_data(doc: &Html) -> LinkedData {
    let mut ld = LinkedData::default();
    for script in doc.select(&sel(r#"script[type*="ld+json" i]"#)) {
        let raw: String = script.text().collect();
        if let Ok(value) = serde_json::from_str::<Value>(raw.trim()) {
            if visit_linked_data(&value, &mut ld, 0) {
                break;
            }
        }
    }
    ld
}

/// Looks for the first article object (also inside arrays and `@graph`);
/// true once found.
fn visit_linked_data(value: &Value, ld: &mut LinkedData, depth: usize) -> bool {
    if depth > 8 {
        return false;
    }
    match value {
        Value::Array(items) => items.iter().any(|v| visit_linked_data(v, ld, depth + 1)),
        Value::Object(obj) => {
            if obj.get("@type").is_some_and(is_article_type) {
                let string = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
                ld.headline = string("headline").or_else(|| string("name"));
                ld.published =
                    obj.get("datePublished").and_then(Value::as_str).and_then(parse_date);
                ld.publisher = obj.get("publisher").and_then(name_of);
                ld.url = string("url").or_else(|| obj.get("mainEntityOfPage").and_then(id_of));
                ld.body = string("articleBody");
                return true;
            }
            obj.get("@graph").is_some_and(|g| visit_linked_data(g, ld, depth + 1))
        }
        _ => false,
    }
}

fn is_article_type(t: &Value) -> bool {
    let is = |s: &str| {
        s.ends_with("Article")
            || matches!(s, "ReportageNews" | "BlogPosting" | "LiveBlogPosting" | "Report")
    };
    match t {
        Value::String(s) => is(s),
        Value::Array(a) => a.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        Value::Array(a) => a.iter().find_map(name_of),
        _ => None,
    }
}

fn id_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("@id").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

/// `<meta>` names whose content is the publication date, after
/// `article:published_time` and JSON-LD.
const DATE_META: &[&str] = &[
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "datepublished",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
];

fn metadata(doc: &Html, ld: &LinkedData) -> Meta {
    let mut metas: HashMap<String, String> = HashMap::new();
    for m in doc.select(&sel("meta[content]")) {
        let content = m.attr("content").unwrap_or("").trim();
        if content.is_empty() {
            continue;
        }
        for attr in ["property", "name", "itemprop"] {
            if let Some(key) = m.attr(attr) {
                metas.entry(key.trim().to_ascii_lowercase()).or_insert_with(|| content.into());
            }
        }
    }
    let get = |k: &str| metas.get(k).cloned();
    let first_text = |s: &str| {
        doc.select(&sel(s))
            .map(|e| collapse_whitespace(&e.text().collect::<String>()))
            .find(|t| !t.is_empty())
    };

    let source = get("og:site_name").or_else(|| ld.publisher.clone());
    let title = get("og:title")
        .or_else(|| ld.headline.clone())
        .or_else(|| get("twitter:title"))
        .or_else(|| first_text("title").map(|t| strip_site_suffix(t, source.as_deref())))
        .or_else(|| first_text("h1"));
    let url = get("og:url")
        .or_else(|| {
            doc.select(&sel(r#"link[rel~="canonical" i][href]"#))
                .find_map(|l| l.attr("href").map(str::to_string))
        })
        .or_else(|| ld.url.clone());
    let published = get("article:published_time")
        .and_then(|d| parse_date(&d))
        .or(ld.published)
        .or_else(|| DATE_META.iter().find_map(|k| get(k).and_then(|d| parse_date(&d))))
        .or_else(|| {
            doc.select(&sel("article time[datetime], time[datetime]"))
                .find_map(|t| t.attr("datetime").and_then(parse_date))
        });
    Meta { title, source, url, published, bad_date: None, author: None }
}

/// `Headline | Outlet` -> `Headline`, when the outlet is known.
fn strip_site_suffix(title: String, site: Option<&str>) -> String {
    let Some(site) = site else { return title };
    for sep in [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: "] {
        if let Some(head) = title.strip_suffix(site).and_then(|t| t.strip_suffix(sep)) {
            if !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title
}

// --------------------------------------------------------------- main text

const NOISE_TAGS: &[&str] = &[
    "nav", "header", "footer", "aside", "script", "style", "noscript", "form", "iframe",
    "template", "svg", "button", "select", "textarea", "input", "figure", "object", "embed",
    "canvas", "dialog", "menu", "head",
];

/// Class or id words that mark an element as not article text.
const NOISE_WORDS: &[&str] = &[
    "nav",
    "navigation",
    "menu",
    "footer",
    "ad",
    "ads",
    "comment",
    "comments",
    "popup",
    "modal",
    "outbrain",
    "taboola",
];

/// Class or id word prefixes that mark an element as not article text.
const NOISE_PREFIXES: &[&str] = &[
    "navbar",
    "advert",
    "adsbygoogle",
    "promo",
    "share",
    "sharing",
    "social",
    "related",
    "cookie",
    "consent",
    "newsletter",
    "subscri",
    "sponsor",
    "breadcrumb",
    "sidebar",
];

/// Class or id words that keep an element even when it has a noise word too
/// (`article-share-wrapper` around the body, say).
const KEEP_WORDS: &[&str] = &["article", "body", "content", "main", "story", "column"];

/// Class or id words that mark an element as not article text even beside a
/// keep word (`article-byline`): the byline repeats the metadata.
const STRONG_NOISE_WORDS: &[&str] = &["byline", "bylines", "author", "authors", "timestamp"];

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "caption",
    "figcaption",
    "address",
    "details",
    "summary",
    "center",
    "body",
];

fn is_noise(e: &Element) -> bool {
    let name = e.name();
    if NOISE_TAGS.contains(&name) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    if e.attr("style")
        .is_some_and(|s| s.replace(' ', "").to_ascii_lowercase().contains("display:none"))
    {
        return true;
    }
    if let Some(role) = e.attr("role") {
        let role = role.trim().to_ascii_lowercase();
        if matches!(
            role.as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "menu"
                | "menubar"
                | "dialog"
        ) {
            return true;
        }
    }
    if matches!(name, "html" | "body" | "main") {
        return false;
    }
    let names = format!("{} {}", e.attr("class").unwrap_or(""), e.attr("id").unwrap_or(""));
    noisy_names(&names)
}

fn noisy_names(names: &str) -> bool {
    let lower = names.to_ascii_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.iter().any(|w| STRONG_NOISE_WORDS.contains(w)) {
        return true;
    }
    if words.iter().any(|w| KEEP_WORDS.contains(w)) {
        return false;
    }
    words.iter().any(|w| NOISE_WORDS.contains(w) || NOISE_PREFIXES.iter().any(|p| w.starts_with(p)))
}

fn inside_noise(e: ElementRef) -> bool {
    e.ancestors().any(|n| n.value().as_element().is_some_and(is_noise))
}

fn main_text(doc: &Html) -> Vec<String> {
    let densest = densest_block(doc).map(paragraphs).unwrap_or_default();
    let densest_len = text_len(&densest);
    for selector in [r#"[itemprop~="articleBody"]"#, "article", r#"main, [role="main"]"#] {
        let best = doc
            .select(&sel(selector))
            .filter(|e| !is_noise(e.value()) && !inside_noise(*e))
            .map(paragraphs)
            .max_by_key(|p| text_len(p));
        if let Some(p) = best {
            let len = text_len(&p);
            if len > 0 && len * 2 >= densest_len {
                return p;
            }
        }
    }
    if densest_len > 0 {
        return densest;
    }
    doc.select(&sel("body")).next().map(paragraphs).unwrap_or_default()
}

fn text_len(paragraphs: &[String]) -> usize {
    paragraphs.iter().map(String::len).sum()
}

/// The element whose child paragraphs hold the most text.
fn densest_block(doc: &Html) -> Option<ElementRef<'_>> {
    let mut scores: HashMap<NodeId, (usize, ElementRef)> = HashMap::new();
    for p in doc.select(&sel("p")) {
        if inside_noise(p) {
            continue;
        }
        let Some(parent) = p.parent().and_then(ElementRef::wrap) else { continue };
        let len = collapse_whitespace(&p.text().collect::<String>()).len();
        scores.entry(parent.id()).or_insert((0, parent)).0 += len;
    }
    scores
        .into_values()
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, e)| (*n, std::cmp::Reverse(e.id())))
        .map(|(_, e)| e)
}

/// The paragraphs under `root`, noise dropped.
fn paragraphs(root: ElementRef) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut skipping: Option<NodeId> = None;
    // Iterative traversal: deeply nested pages cannot overflow the stack.
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => current.push_str(t),
                    Node::Element(e) => {
                        if node.id() != root.id() && is_noise(e) {
                            skipping = Some(node.id());
                            continue;
                        }
                        let name = e.name();
                        if matches!(name, "br" | "hr") || BLOCK_TAGS.contains(&name) {
                            flush(&mut current, &mut out);
                        } else if matches!(name, "td" | "th") {
                            current.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if node.value().as_element().is_some_and(|e| BLOCK_TAGS.contains(&e.name())) {
                    flush(&mut current, &mut out);
                }
            }
        }
    }
    flush(&mut current, &mut out);
    out
}

/// Ends the paragraph being collected.
fn flush(current: &mut String, out: &mut Vec<String>) {
    let p = collapse_whitespace(current);
    if !p.is_empty() {
        out.push(p);
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> String {
        extract(html).map(|(_, t)| t).unwrap_or_else(|e| format!("ERR {e}"))
    }

    #[test]
    fn paragraphs_headings_and_entities() {
        let html = "<html><body><article><h1>Head</h1><p>One &amp;\n  two</p>\
                    <h2>Sub</h2><p>Three <b>bold</b> four.</p><ul><li>a</li><li>b</li></ul>\
                    </article></body></html>";
        // Without other metadata the first heading is the title, so not repeated.
        assert_eq!(extract(html).unwrap().0.title.as_deref(), Some("Head"));
        assert_eq!(body(html), "One & two\n\nSub\n\nThree bold four.\n\na\n\nb");
    }

    #[test]
    fn drops_noise_by_tag_class_id_role_and_hidden() {
        let html = r#"<body><main>
            <nav>Home</nav><div class="share-buttons">Tweet</div><div id="ad-slot-1">Buy</div>
            <p>Kept.</p><script>var x = 1;</script><style>p{}</style>
            <div class="related-links"><p>Other story</p></div><div hidden>Secret</div>
            <div role="navigation">Menu</div><div style="display: none">Gone</div>
            <form><p>Sign up</p></form><p>Also kept.</p><footer>(c)</footer></main></body>"#;
        assert_eq!(body(html), "Kept.\n\nAlso kept.");
    }

    #[test]
    fn keep_words_override_noise_words() {
        assert!(noisy_names("share-bar"));
        assert!(noisy_names("adsbygoogle"));
        assert!(noisy_names("nav"));
        assert!(!noisy_names("article-body share-enabled"));
        assert!(!noisy_names("header lead shadow"));
        assert!(!noisy_names("reading"));
        assert!(noisy_names("article-byline"));
    }

    #[test]
    fn falls_back_to_the_densest_block_of_paragraphs() {
        let html = "<body><div class=top><p>Short.</p></div>\
                    <div class=x><p>A long paragraph of article text.</p><p>And more text here.</p></div>\
                    </body>";
        assert_eq!(body(html), "A long paragraph of article text.\n\nAnd more text here.");
    }

    #[test]
    fn a_teaser_article_loses_to_denser_text() {
        let html = "<body><article><p>Teaser.</p></article>\
                    <div><p>The real story is long enough to beat a teaser.</p><p>Yes.</p></div></body>";
        assert!(body(html).starts_with("The real story"));
    }

    #[test]
    fn metadata_from_meta_tags() {
        let html = r#"<html><head><title>Blast in city | The Ledger</title>
            <meta property="og:site_name" content="The Ledger">
            <meta name="date" content="2021-08-26">
            <link rel="canonical" href="https://ledger.example/a"></head>
            <body><p>Text.</p></body></html>"#;
        let (m, _) = extract(html).unwrap();
        assert_eq!(m.title.as_deref(), Some("Blast in city"));
        assert_eq!(m.source.as_deref(), Some("The Ledger"));
        assert_eq!(m.url.as_deref(), Some("https://ledger.example/a"));
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2021, 8, 26));
    }

    #[test]
    fn json_ld_in_graph_and_arrays() {
        let html = r#"<head><script type="application/ld+json">
            [{"@type":"Organization","name":"X"},
             {"@graph":[{"@type":"WebPage","datePublished":"2000-01-01"},
                        {"@type":["NewsArticle"],"headline":"H","datePublished":"2021-08-27T10:00:00Z",
                         "publisher":{"@type":"Organization","name":"Wire"}}]}]
            </script></head><body><p>Text.</p><time datetime="2019-01-01">old</time></body>"#;
        let (m, _) = extract(html).unwrap();
        assert_eq!(m.title.as_deref(), Some("H"));
        assert_eq!(m.source.as_deref(), Some("Wire"));
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2021, 8, 27));
    }

    #[test]
    fn time_element_is_the_last_resort_date() {
        let html = r#"<body><article><time datetime="2019-03-04T08:00">4 March</time><p>Text.</p></article></body>"#;
        assert_eq!(extract(html).unwrap().0.published, NaiveDate::from_ymd_opt(2019, 3, 4));
    }

    #[test]
    fn no_text_is_an_error_and_json_ld_body_is_a_fallback() {
        assert_eq!(
            body("<html><body><nav>Menu</nav><script>x()</script></body></html>"),
            "ERR no article text found in the HTML, skipped"
        );
        let html = r#"<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"Body from LD."}</script>"#;
        assert_eq!(body(html), "Body from LD.");
    }

    #[test]
    fn headline_repeated_in_body_is_dropped() {
        let html = r#"<head><meta property="og:title" content="Big news"></head>
            <body><article><h1>Big  news</h1><p>Text.</p></article></body>"#;
        assert_eq!(body(html), "Text.");
    }

    #[test]
    fn declared_legacy_charset_is_decoded() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; \
                     charset=windows-1252\"></head><body><p>Caf\xe9 \x93quoted\x94</p></body></html>";
        let text = decode(page).unwrap();
        assert!(text.contains("Caf\u{e9} \u{201c}quoted\u{201d}"), "{text}");
        let undeclared = b"<html><body><p>Caf\xe9</p></body></html>";
        assert!(decode(undeclared).unwrap_err().starts_with("not valid UTF-8 at byte 18"));
        let lying = b"<meta charset=\"utf-8\"><p>Caf\xe9</p>";
        assert!(decode(lying).is_err());
    }

    #[test]
    fn issue_12_deep_nesting_is_capped_before_parsing() {
        let depth = 100_000;
        let html = format!("{}<p>deep</p>{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let t = std::time::Instant::now();
        assert!(body(&html).contains("deep"));
        // Well under a second in a release build; a debug build of the
        // parser is some ten times slower.
        let limit = std::time::Duration::from_secs(if cfg!(debug_assertions) { 10 } else { 1 });
        assert!(t.elapsed() < limit, "took {:?}", t.elapsed());
        let capped = cap_depth(&html);
        assert_eq!(capped.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(capped.matches("</div>").count(), MAX_DEPTH);
        // Unclosed <b>s nest too; so does <div/>, which HTML does not close.
        let bold = format!("<p>{}x</p>", "<b>".repeat(2_000));
        assert_eq!(cap_depth(&bold).matches("<b>").count(), MAX_DEPTH);
        assert_eq!(cap_depth(&"<div/>".repeat(2_000)).matches("<div/>").count(), MAX_DEPTH);
    }

    #[test]
    fn shallow_pages_pass_the_depth_cap_untouched() {
        let page = format!(
            "<html><body><!-- <div><div> --><script>if (a<b) {{ x = '<div>'; }}</script>\
             {}{}<svg>{}</svg><a title=\"a > b\">link</a></body></html>",
            "<p>unclosed paragraph".repeat(2_000),
            "<br><img src=x>".repeat(2_000),
            "<path d=\"M0\"/>".repeat(2_000)
        );
        assert!(matches!(cap_depth(&page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}<p>deep</p>", "<div>".repeat(5_000));
        assert!(body(&html).contains("deep"));
    }
}
