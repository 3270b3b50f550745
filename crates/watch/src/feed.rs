//! RSS 2.0, RSS 1.0 and Atom feeds to their items' links.

use chrono::NaiveDate;
use dossier_ingest::parse_date;
use roxmltree::{Document, Node, ParsingOptions};

use crate::http::join_url;

/// One entry of a feed: the page it links to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedItem {
    /// The article's URL, absolute.
    pub url: String,
    /// The item's title, if any.
    pub title: Option<String>,
    /// `pubDate`, `published`, `updated` or `dc:date`.
    pub published: Option<NaiveDate>,
}

/// The items of a feed, in the feed's order, or why it is not one. Links
/// are made absolute against `base` (the feed's URL); items without a link
/// are left out.
///
/// ```
/// let rss = br#"<rss version="2.0"><channel><title>Wire</title>
///   <item><title>Bridge reopens</title><link>/news/bridge</link>
///   <pubDate>Mon, 06 Mar 2023 09:00:00 GMT</pubDate></item></channel></rss>"#;
/// let items = dossier_watch::parse_feed(rss, "http://news.example/feed.xml")?;
/// assert_eq!(items[0].url, "http://news.example/news/bridge");
/// assert_eq!(items[0].published, chrono::NaiveDate::from_ymd_opt(2023, 3, 6));
/// Ok::<(), String>(())
/// ```
pub fn parse_feed(bytes: &[u8], base: &str) -> Result<Vec<FeedItem>, String> {
    let text = decode(bytes)?;
    let text = html_entities(&text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let options = ParsingOptions { allow_dtd: true, nodes_limit: 1_000_000 };
    let doc = Document::parse_with_options(text, options)
        .map_err(|e| format!("malformed feed: not well-formed XML ({e})"))?;
    let root = doc.root_element();
    let items: Vec<Node> = match root.tag_name().name() {
        "rss" => root
            .children()
            .filter(|n| n.has_tag_name("channel"))
            .flat_map(|c| c.children().filter(|n| n.has_tag_name("item")))
            .collect(),
        // RSS 1.0: items beside the channel.
        "RDF" => root.children().filter(|n| n.has_tag_name("item")).collect(),
        "feed" => root.children().filter(|n| n.has_tag_name("entry")).collect(),
        other => {
            return Err(format!(
                "malformed feed: the root element is <{other}>, not <rss>, <rdf:RDF> or <feed>"
            ))
        }
    };
    Ok(items.into_iter().filter_map(|n| item(n, base)).collect())
}

/// UTF-8, or the encoding the XML declaration names (`ISO-8859-1`,
/// `windows-1251`, ...).
fn decode(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, String> {
    let invalid = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.into()),
        Err(e) => e,
    };
    let head = &bytes[..bytes.len().min(200)];
    let declared = head
        .strip_prefix(b"<?xml")
        .and_then(|rest| {
            let end = rest.windows(2).position(|w| w == b"?>")?;
            let decl = std::str::from_utf8(&rest[..end]).ok()?;
            let at = decl.find("encoding=")? + "encoding=".len();
            let value = decl[at..].trim_start_matches(['"', '\'']);
            let value = &value[..value.find(['"', '\'']).unwrap_or(value.len())];
            encoding_rs::Encoding::for_label(value.as_bytes())
        })
        .filter(|&e| e != encoding_rs::UTF_8);
    match declared {
        Some(encoding) => Ok(encoding.decode_without_bom_handling(bytes).0.into_owned().into()),
        None => Err(format!(
            "not UTF-8 at byte {} and no other encoding declared: feeds are read as UTF-8",
            invalid.valid_up_to()
        )),
    }
}

/// Many feeds carry HTML's named entities (`&nbsp;`, `&rsquo;`), which XML
/// does not define: the common ones become character references, and any
/// other `&name;` keeps its text (its `&` escaped), so the feed still parses.
fn html_entities(text: &str) -> std::borrow::Cow<'_, str> {
    const NAMED: &[(&str, u32)] = &[
        ("nbsp", 0xa0),
        ("ndash", 0x2013),
        ("mdash", 0x2014),
        ("lsquo", 0x2018),
        ("rsquo", 0x2019),
        ("ldquo", 0x201c),
        ("rdquo", 0x201d),
        ("hellip", 0x2026),
        ("copy", 0xa9),
        ("reg", 0xae),
        ("eacute", 0xe9),
        ("laquo", 0xab),
        ("raquo", 0xbb),
    ];
    const XML: &[&str] = &["amp", "lt", "gt", "quot", "apos"];
    let entity = |rest: &str| -> Option<usize> {
        let end = rest[1..].find(';')? + 1;
        let name = &rest[1..end];
        (end <= 12 && !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric()))
            .then_some(end)
    };
    let needs = text
        .match_indices('&')
        .any(|(i, _)| entity(&text[i..]).is_some_and(|end| !XML.contains(&&text[i + 1..i + end])));
    if !needs {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match entity(rest) {
            Some(end) if !XML.contains(&&rest[1..end]) => {
                let name = &rest[1..end];
                match NAMED.iter().find(|(n, _)| *n == name) {
                    Some((_, code)) => out.push_str(&format!("&#{code};")),
                    None => out.push_str(&format!("&amp;{name};")),
                }
                rest = &rest[end + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

fn item(node: Node, base: &str) -> Option<FeedItem> {
    let child = |name: &str| node.children().find(|n| n.has_tag_name(name));
    let text =
        |name: &str| child(name).and_then(|n| n.text()).map(str::trim).filter(|t| !t.is_empty());
    let link = if node.has_tag_name("entry") {
        // Atom: the alternate link (a link without `rel` is one).
        node.children()
            .filter(|n| n.has_tag_name("link"))
            .find(|n| n.attribute("rel").is_none_or(|r| r == "alternate"))
            .and_then(|n| n.attribute("href"))
            .map(str::trim)
            .filter(|t| !t.is_empty())
    } else {
        text("link").or_else(|| {
            // A guid is a link unless it says it is not.
            child("guid")
                .filter(|g| g.attribute("isPermaLink") != Some("false"))
                .and_then(|g| g.text())
                .map(str::trim)
                .filter(|t| t.starts_with("http"))
        })
    }?;
    let url = join_url(base, link)?;
    let published = ["pubDate", "published", "updated", "date"]
        .iter()
        .find_map(|name| text(name).and_then(parse_date));
    let title = text("title").map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    Some(FeedItem { url, title, published })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atom_entries_take_their_alternate_link_and_date() {
        let atom = br#"<?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
              <entry><title>  Dam   inspected </title>
                <link rel="edit" href="/edit/1"/><link href="https://a.example/dam"/>
                <updated>2023-04-02T10:00:00Z</updated></entry>
              <entry><title>No link</title></entry>
            </feed>"#;
        let items = parse_feed(atom, "https://a.example/atom").unwrap();
        assert_eq!(
            items,
            [FeedItem {
                url: "https://a.example/dam".into(),
                title: Some("Dam inspected".into()),
                published: NaiveDate::from_ymd_opt(2023, 4, 2),
            }]
        );
    }

    #[test]
    fn rss_guid_stands_in_for_a_missing_link() {
        let rss = br#"<rss><channel>
            <item><guid>https://b.example/1</guid></item>
            <item><guid isPermaLink="false">https://b.example/2</guid></item>
            <item><link>https://b.example/3</link><guid>https://b.example/x</guid></item>
            </channel></rss>"#;
        let urls: Vec<String> =
            parse_feed(rss, "https://b.example/").unwrap().into_iter().map(|i| i.url).collect();
        assert_eq!(urls, ["https://b.example/1", "https://b.example/3"]);
    }

    #[test]
    fn bad_feeds_say_why() {
        let e = parse_feed(b"<rss><channel><item>", "http://x/").unwrap_err();
        assert!(e.starts_with("malformed feed: not well-formed XML"), "{e}");
        let e = parse_feed(b"<html><body>hi</body></html>", "http://x/").unwrap_err();
        assert_eq!(e, "malformed feed: the root element is <html>, not <rss>, <rdf:RDF> or <feed>");
        let e = parse_feed(b"<rss>\xff</rss>", "http://x/").unwrap_err();
        assert_eq!(
            e,
            "not UTF-8 at byte 5 and no other encoding declared: feeds are read as UTF-8"
        );
    }

    #[test]
    fn html_entities_do_not_break_a_feed() {
        let rss = b"<rss><channel><item><title>Talks&nbsp;resume &mdash; &amp; end&hearts;</title>\
                    <link>http://d.example/a?x=1&amp;y=2</link></item></channel></rss>";
        let items = parse_feed(rss, "http://d.example/").unwrap();
        assert_eq!(items[0].title.as_deref(), Some("Talks resume \u{2014} & end&hearts;"));
        assert_eq!(items[0].url, "http://d.example/a?x=1&y=2");
    }

    #[test]
    fn a_declared_legacy_encoding_is_decoded() {
        let rss = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item>\
                    <title>Caf\xe9 reopens</title><link>http://c.example/cafe</link></item>\
                    </channel></rss>";
        let items = parse_feed(rss, "http://c.example/").unwrap();
        assert_eq!(items[0].title.as_deref(), Some("Caf\u{e9} reopens"));
    }
}
