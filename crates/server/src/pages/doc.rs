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

use crate::error::{AppError, AppResult};
use crate::html::{badge, esc, ext_link, page, seg, Nav};
use crate::state::AppState;
use dossier_core::Annotated;
use dossier_store::Store;

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

/// `GET /doc/{id}`: this document alone (`Store::load`), its corpus
/// entities (`recon_locals`), claims and events, read from the store.
pub async fn document(
    State(st): State<AppState>,
    P(id): P<String>,
    Q(dq): Q<DocQuery>,
) -> AppResult<Html<String>> {
    let (title, b) = st.read(move |store| document_body(store, &id, &dq)).await?;
    Ok(Html(page(&title, Nav::Documents, &b)))
}

fn document_body(store: &Store, id: &str, dq: &DocQuery) -> AppResult<(String, String)> {
    let not_found = || AppError::not_found(format!("no document with id `{id}` in the database"));
    let a = store.load(id)?.ok_or_else(not_found)?;
    let locals = store.recon_locals(id)?.map(|l| l.entities).unwrap_or_default();
    let claims = store.recon_claims_in(id)?;
    let events = store.recon_events_in(id)?;
    let mut ids: Vec<String> = locals.clone();
    ids.extend(claims.iter().map(|c| c.subject.clone()));
    ids.extend(events.iter().filter_map(|e| e.place.clone()));
    let names = super::stored::names(store, ids)?;
    let doc = &a.doc;
    let label = super::doc_label(doc);
    let title = doc
        .title
        .as_deref()
        .map(super::words::clean_text)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| label.clone());
    let outlet = match doc.published {
        Some(p) => format!("{label}, {}", super::words::day(p)),
        None => label.clone(),
    };
    let mut b = String::new();
    let _ =
        write!(b, "<h1 class=\"doctitle\">{}</h1><p class=\"meta\">{}", esc(&title), esc(&outlet));
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
    let entity_of = |l: usize| -> Option<(String, String, String)> {
        let id = locals.get(l)?;
        let (kind, name) = names.get(id)?;
        Some((id.clone(), name.clone(), kind.clone()))
    };
    highlight(&mut b, &a, &entity_of, dq.hl, focus_span);
    b.push_str("</article><aside class=\"side-panel\">");
    let _ = write!(
        b,
        "<h2>Claims <span class=\"muted\">({})</span></h2><ol class=\"doc-claims\">",
        claims.len()
    );
    for c in &claims {
        let idx: usize = c.id.rsplit_once(":c").and_then(|(_, n)| n.parse().ok()).unwrap_or(0);
        let r = &c.record;
        let cur = if dq.hl == Some(idx) { " class=\"current\"" } else { "" };
        let _ = write!(b, "<li{cur}><a href=\"?hl={idx}#c{idx}\">");
        let predicate = r["predicate"].as_str().and_then(dossier_core::Predicate::parse);
        let _ = write!(
            b,
            "{} · {}: {}</a>",
            esc(r["subject_name"].as_str().unwrap_or("")),
            esc(&predicate.map(super::words::predicate_lower).unwrap_or_default()),
            esc(&super::stored::value_words(r))
        );
        if let Some(page) = r["page"].as_u64() {
            let _ = write!(b, " <a class=\"muted page\" href=\"#p{page}\">p. {page}</a>");
        }
        if let Some(v) = c.verdict {
            let _ = write!(b, " {}", badge(v));
        }
        let modality = r["modality"].as_str().unwrap_or("");
        let _ = write!(b, " <span class=\"mod m-{modality}\">{modality}</span></li>");
    }
    b.push_str("</ol><h2>Entities</h2><ul class=\"inline\">");
    let mut seen: Vec<&String> = locals.iter().collect();
    seen.sort_unstable();
    seen.dedup();
    for e in seen {
        if let Some((_, name)) = names.get(e) {
            b.push_str("<li>");
            super::stored::entity_link(&mut b, &names, e, name);
            b.push_str("</li>");
        }
    }
    b.push_str("</ul>");
    if !events.is_empty() {
        b.push_str("<h2>Events</h2>");
        super::events::doc_events(&mut b, &names, &doc.id, &events);
    }
    super::curate::document_form(&mut b, &doc.id, &label);
    b.push_str("</aside></div>");
    Ok((title, b))
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
/// `entity_of` names a local entity's corpus entity (id, name, kind).
#[allow(clippy::type_complexity)]
fn highlight(
    b: &mut String,
    a: &Annotated,
    entity_of: &dyn Fn(usize) -> Option<(String, String, String)>,
    hl: Option<usize>,
    focus: Option<Span>,
) {
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
                let entity = m.entity.and_then(entity_of);
                let title = match (&m.value, &entity) {
                    (_, Some((_, name, kind))) => format!("{name} ({kind})"),
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
                    Some((id, _, _)) => {
                        let _ = write!(
                            b,
                            "<a class=\"{}\" href=\"/entity/{}\" title=\"{}\"{data}>{body}</a>",
                            cls.trim(),
                            seg(&id),
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
