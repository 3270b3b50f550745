//! The document view: the article with its entities, quantities, times and
//! claims highlighted.
//!
//! `?hl=N#cN` marks claim N as the focus (the link from a claim's quote);
//! `?s=A&e=B#hl` marks the byte span A..B (the link from an event report).
//! A paged document (PDF) marks where each page begins ("p. 12", anchor
//! `#pN`) and gives each claim its page.

use std::fmt::Write;

use crate::error::{P, Q};
use axum::extract::State;
use axum::response::Html;
use dossier_core::{MentionKind, Span, Value};
use serde::Deserialize;

use super::{entity_link, outlet};
use crate::error::AppResult;
use crate::html::{badge, esc, ext_link, page, seg, Nav};
use crate::state::{AppState, Snapshot};

/// Query of the document view.
#[derive(Deserialize, Default)]
pub struct DocQuery {
    /// The claim (index in the document) to focus.
    pub hl: Option<usize>,
    /// Start of a span to focus.
    pub s: Option<u32>,
    /// End of a span to focus.
    pub e: Option<u32>,
}

/// `GET /doc/{id}`
pub async fn document(
    State(st): State<AppState>,
    P(id): P<String>,
    Q(dq): Q<DocQuery>,
) -> AppResult<Html<String>> {
    let s = st.view().await?;
    let d = s.doc(&id)?;
    let a = &s.docs[d];
    let doc = &a.doc;
    let title = super::doc_title(&s, d);
    let mut b = String::new();
    let _ = write!(
        b,
        "<h1 class=\"doctitle\">{}</h1><p class=\"meta\">{}",
        esc(&title),
        esc(&outlet(&s, d))
    );
    if let Some(u) = &doc.url {
        b.push_str(" · ");
        ext_link(&mut b, u);
    }
    if let Some(author) = &doc.author {
        let _ = write!(b, " · {}", esc(author));
    }
    if !doc.pages.is_empty() {
        let _ = write!(b, " · {} pages", doc.pages.len());
    }
    let _ = write!(b, " · <a href=\"/api/v1/documents/{}\">JSON</a></p>", seg(&doc.id));
    b.push_str(
        "<p class=\"legend\" aria-label=\"Legend\"><span class=\"m m-entity\">entity</span> \
         <span class=\"m m-quantity\">quantity</span> <span class=\"m m-time\">time</span> \
         <span class=\"claim\">claim evidence</span> <span class=\"claim focus\">selected evidence</span></p>",
    );
    b.push_str("<div class=\"docview\"><article class=\"text\" id=\"text\">");
    let focus_span = match (dq.s, dq.e) {
        (Some(x), Some(y)) if x < y && (y as usize) <= doc.text.len() => {
            Some(Span { start: x, end: y })
        }
        _ => None,
    };
    highlight(&mut b, &s, d, dq.hl, focus_span);
    b.push_str("</article><aside class=\"side-panel\">");

    let claims = &s.doc_claims[d];
    let _ = write!(
        b,
        "<h2>Claims <span class=\"muted\">({})</span></h2><ol class=\"doc-claims\">",
        claims.len()
    );
    for &c in claims {
        let cc = &s.rec.claims[c];
        let cl = &a.claims[cc.idx];
        let cur = if dq.hl == Some(cc.idx) { " class=\"current\"" } else { "" };
        let _ = write!(b, "<li{cur}><a href=\"?hl={}#c{}\">", cc.idx, cc.idx);
        let _ = write!(
            b,
            "{} · {}: {}</a>",
            esc(&s.rec.entities[cc.subject].name),
            esc(&super::words::predicate_lower(cl.predicate)),
            esc(&super::words::value(&s, c))
        );
        if let Some(page) = doc.page_of(cl.span.start()) {
            let _ = write!(b, " <a class=\"muted page\" href=\"#p{page}\">p. {page}</a>");
        }
        if let Some(v) = s.verdict_of(c) {
            let _ = write!(b, " {}", badge(v));
        }
        let _ = write!(
            b,
            " <span class=\"mod m-{}\">{}</span></li>",
            cl.modality.as_str(),
            cl.modality.as_str()
        );
    }
    b.push_str("</ol><h2>Entities</h2><ul class=\"inline\">");
    let mut seen: Vec<usize> = s.rec.local[d].clone();
    seen.sort_unstable();
    seen.dedup();
    for e in seen {
        if e < s.rec.entities.len() {
            b.push_str("<li>");
            entity_link(&mut b, &s, e);
            b.push_str("</li>");
        }
    }
    b.push_str("</ul>");
    if !s.doc_events[d].is_empty() {
        b.push_str("<h2>Events</h2>");
        super::events::doc_events(&mut b, &s, d);
    }
    super::curate::document_form(&mut b, &s, d);
    b.push_str("</aside></div>");
    Ok(Html(page(&title, Nav::Documents, &b)))
}

/// What covers one stretch of text.
struct Layer {
    span: Span,
    kind: LayerKind,
}

enum LayerKind {
    /// Claim index in the document.
    Claim(usize),
    /// Mention index.
    Mention(usize),
    /// The focus span.
    Focus,
    /// A Markdown heading line ("## What is it?").
    Heading,
    /// Its marks ("## "), not shown.
    HeadingMark,
}

/// The Markdown heading lines of a text: (marks, whole line).
fn headings(text: &str) -> Vec<(Span, Span)> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let hashes = body.len() - body.trim_start_matches('#').len();
        if (1..=6).contains(&hashes) && body[hashes..].starts_with(' ') && body.len() > hashes + 1 {
            out.push((Span::new(at, at + hashes + 1), Span::new(at, at + body.len())));
        }
        at += line.len();
    }
    out
}

/// Writes the text with every layer as spans; the text is cut at every
/// layer boundary and each piece carries the classes of what covers it.
fn highlight(b: &mut String, s: &Snapshot, d: usize, hl: Option<usize>, focus: Option<Span>) {
    let a = &s.docs[d];
    let text = a.doc.text.as_str();
    let ok = |sp: Span| {
        sp.start < sp.end
            && sp.end() <= text.len()
            && text.is_char_boundary(sp.start())
            && text.is_char_boundary(sp.end())
    };
    let mut layers: Vec<Layer> = Vec::new();
    for (i, c) in a.claims.iter().enumerate() {
        if ok(c.span) {
            layers.push(Layer { span: c.span, kind: LayerKind::Claim(i) });
        }
    }
    for (i, m) in a.mentions.iter().enumerate() {
        if ok(m.span) {
            layers.push(Layer { span: m.span, kind: LayerKind::Mention(i) });
        }
    }
    if let Some(f) = focus.filter(|f| ok(*f)) {
        layers.push(Layer { span: f, kind: LayerKind::Focus });
    }
    for (mark, line) in headings(text) {
        layers.push(Layer { span: mark, kind: LayerKind::HeadingMark });
        layers.push(Layer { span: line, kind: LayerKind::Heading });
    }
    let mut cuts: Vec<usize> = vec![0, text.len()];
    // Where pages begin (PDF): a "p. N" mark before the page's first piece.
    let mut pages: Vec<(usize, usize)> = a
        .doc
        .pages
        .iter()
        .enumerate()
        .filter(|&(_, &at)| at < text.len() && text.is_char_boundary(at))
        .map(|(i, &at)| (at, i + 1))
        .collect();
    // Of empty pages sharing an offset, the last one's text follows.
    pages.reverse();
    pages.dedup_by_key(|p| p.0);
    pages.reverse();
    cuts.extend(pages.iter().map(|p| p.0));
    let mut pi = 0;
    for l in &layers {
        cuts.push(l.span.start());
        cuts.push(l.span.end());
    }
    cuts.sort_unstable();
    cuts.dedup();
    // Anchors: the first piece of each claim (and of the focus span).
    let mut starts: Vec<(usize, String)> = Vec::new();
    for l in &layers {
        match l.kind {
            LayerKind::Claim(i) => starts.push((l.span.start(), format!("c{i}"))),
            LayerKind::Focus => starts.push((l.span.start(), "hl".into())),
            LayerKind::Mention(_) | LayerKind::Heading | LayerKind::HeadingMark => {}
        }
    }
    starts.sort();
    let mut si = 0;
    for w in cuts.windows(2) {
        let (x, y) = (w[0], w[1]);
        while pi < pages.len() && pages[pi].0 <= x {
            if pages[pi].0 == x {
                let n = pages[pi].1;
                let _ = write!(b, "<span class=\"muted pageno\" id=\"p{n}\">p. {n}</span> ");
            }
            pi += 1;
        }
        while si < starts.len() && starts[si].0 <= x {
            if starts[si].0 == x {
                let _ = write!(b, "<span class=\"anchor\" id=\"{}\"></span>", starts[si].1);
            }
            si += 1;
        }
        let piece = Span::new(x, y);
        let mut classes: Vec<&str> = Vec::new();
        let mut mention: Option<usize> = None;
        let mut claim_ids: Vec<usize> = Vec::new();
        if layers.iter().any(|l| matches!(l.kind, LayerKind::HeadingMark) && l.span.contains(piece))
        {
            continue;
        }
        for l in layers.iter().filter(|l| l.span.contains(piece)) {
            match l.kind {
                LayerKind::Claim(i) => {
                    claim_ids.push(i);
                    if Some(i) == hl {
                        classes.push("focus");
                    }
                }
                LayerKind::Focus => classes.push("focus"),
                LayerKind::Heading => classes.push("mdh"),
                LayerKind::HeadingMark => {}
                LayerKind::Mention(i) => {
                    if mention.is_none_or(|m| a.mentions[m].span.len() > l.span.len()) {
                        mention = Some(i);
                    }
                }
            }
        }
        if !claim_ids.is_empty() {
            classes.push("claim");
        }
        classes.sort_unstable();
        classes.dedup();
        let body = esc(&text[x..y]).to_string();
        let data = if claim_ids.is_empty() {
            String::new()
        } else {
            let ids: Vec<String> = claim_ids.iter().map(|i| i.to_string()).collect();
            format!(" data-claims=\"{}\"", ids.join(" "))
        };
        match mention.map(|m| &a.mentions[m]) {
            Some(m) => {
                let kind = match m.kind {
                    MentionKind::Entity => "entity",
                    MentionKind::Quantity => "quantity",
                    MentionKind::Time => "time",
                };
                let cls = format!("m m-{kind} {}", classes.join(" "));
                let entity = m
                    .entity
                    .and_then(|e| s.rec.local[d].get(e))
                    .and_then(|&e| s.rec.entities.get(e));
                let title = match (&m.value, entity) {
                    (_, Some(en)) => format!("{} ({})", en.name, en.kind.as_str()),
                    (Some(Value::Quantity { quantity, unit }), _) => {
                        format!(
                            "{}{}",
                            quantity.display(),
                            unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default()
                        )
                    }
                    (Some(Value::Time { interval: Some(i), .. }), _) => i.display(),
                    _ => kind.to_string(),
                };
                match entity {
                    Some(en) => {
                        let _ = write!(
                            b,
                            "<a class=\"{}\" href=\"/entity/{}\" title=\"{}\"{data}>{body}</a>",
                            cls.trim(),
                            seg(&en.id),
                            esc(&title)
                        );
                    }
                    None => {
                        let _ = write!(
                            b,
                            "<span class=\"{}\" title=\"{}\"{data}>{body}</span>",
                            cls.trim(),
                            esc(&title)
                        );
                    }
                }
            }
            None if !classes.is_empty() => {
                let _ = write!(b, "<span class=\"{}\"{data}>{body}</span>", classes.join(" "));
            }
            None => b.push_str(&body),
        }
    }
}
