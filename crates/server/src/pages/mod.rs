//! The HTML pages. Every value from the data is escaped (see [`crate::html`]).

mod curate;
mod doc;
mod entity;
mod events;
pub(crate) mod stored;
mod viz;
pub mod words;

use std::collections::HashMap;
use std::fmt::Write;

use crate::error::{P, Q};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

pub use curate::decisions;
pub use doc::document;
pub use entity::{compare, entity};
pub use events::{event, events, export, filter_events, map, parse_date, KINDS as EVENT_KINDS};

pub use stored::{claims, documents, entities, findings, home};
pub use viz::{entity_graph, graph, timeline};
pub(crate) use words::doc_label;

use crate::api::ListQuery;
use crate::error::{AppError, AppResult, ErrorInfo};
use crate::html::{esc, num, page, q, seg, Nav};
use crate::state::{AppState, Snapshot};

/// Rows per page of the list pages.
const PAGE: usize = 50;
/// Documents (and entities) a search page reads: its first page, whose
/// facets count them, unless a facet narrows the search, which then reads
/// the best [`SEARCH_DOCS`] to narrow.
const SEARCH_PAGE: usize = PAGE;
/// Documents a narrowed search reads (the best of them).
const SEARCH_DOCS: usize = 500;

/// Turns error responses of the page routes into HTML pages.
pub async fn error_pages(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let Some(info) = res.extensions().get::<ErrorInfo>().cloned() else {
        return res;
    };
    let title = info.status.canonical_reason().unwrap_or("Error");
    let body = format!(
        "<h1>{} {}</h1><p class=\"error\">{}</p><p><a href=\"/\">Home</a></p>",
        info.status.as_u16(),
        esc(title),
        esc(&info.message)
    );
    (info.status, Html(page(title, Nav::None, &body))).into_response()
}

/// Unknown page paths.
pub async fn not_found() -> AppError {
    AppError::not_found("no such page")
}

/// `GET /assets/{name}`: embedded files only, by exact name.
pub async fn asset(P(name): P<String>) -> AppResult<Response> {
    let (body, ty) = crate::assets::get(&name)
        .ok_or_else(|| AppError::not_found(format!("no asset named `{name}`")))?;
    let mut res = body.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(ty));
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(res)
}

/// `GET /favicon.ico`: browsers ask for it whatever the page says; the
/// same SVG icon the pages link.
pub async fn favicon() -> AppResult<Response> {
    asset(P("favicon.svg".to_string())).await
}

/// A claim's own time: its words, and the interval they mean when that
/// says more ("at one point" says nothing; "late 2014" means September to
/// December 2014).
pub fn when_cell(out: &mut String, w: &dossier_core::When) {
    if w.text == "publication date" {
        out.push_str("<span class=\"muted\">as of publication</span>");
        return;
    }
    let text = words::clean_text(&w.text);
    let _ = write!(out, "{}", esc(&text));
    if let Some(i) = &w.interval {
        let meant = words::interval(i);
        if !meant.eq_ignore_ascii_case(&text) {
            let _ = write!(out, " <span class=\"muted\">({})</span>", esc(&meant));
        }
    }
}

/// Previous / next links for a list of `total` items.
fn pager(out: &mut String, base: &str, offset: usize, total: usize) {
    if total <= PAGE {
        return;
    }
    out.push_str("<nav class=\"pager\" aria-label=\"Pages\">");
    if offset > 0 {
        let _ =
            write!(out, "<a href=\"{base}offset={}\">← previous</a> ", offset.saturating_sub(PAGE));
    }
    let _ = write!(
        out,
        "<span>{}–{} of {}</span>",
        num(offset + 1),
        num((offset + PAGE).min(total)),
        num(total)
    );
    if offset + PAGE < total {
        let _ = write!(out, " <a href=\"{base}offset={}\">next →</a>", offset + PAGE);
    }
    out.push_str("</nav>");
}

/// `GET /search?q=`
pub async fn search(State(st): State<AppState>, Q(f): Q<ListQuery>) -> AppResult<Html<String>> {
    let query = f.q.clone().unwrap_or_default();
    let mut b = String::new();
    let _ = write!(
        b,
        "<h1>Search</h1><form action=\"/search\" method=\"get\" role=\"search\" class=\"bigsearch\">\
         <label for=\"q\">Search</label><div><input id=\"q\" name=\"q\" type=\"search\" value=\"{}\">\
         <button type=\"submit\">Search</button></div></form>",
        esc(&query)
    );
    if query.trim().is_empty() {
        return Ok(Html(page("Search", Nav::None, &b)));
    }
    let kind =
        f.kind.as_deref().filter(|k| !k.is_empty()).map(crate::api::parse_kind).transpose()?;
    let outlet = f.outlet.as_deref().filter(|o| !o.is_empty());
    let year = f.year.as_deref().filter(|y| !y.is_empty());
    let with_claims = f.claims.as_deref().is_some_and(|c| !c.is_empty() && c != "0");
    // The unnarrowed page (most searches) reads its first page alone: a
    // snippet and the facts of 50 documents rather than 500.
    let narrowed = kind.is_some() || outlet.is_some() || year.is_some() || with_claims;
    let limit = if narrowed { SEARCH_DOCS } else { SEARCH_PAGE };
    let qq = query.clone();
    let (found, facts) = st
        .read(move |store| {
            let found = crate::read::search(store, &qq, limit)?;
            let ids: Vec<String> = found.documents.iter().map(|h| h.doc.clone()).collect();
            let facts: HashMap<String, dossier_store::DocumentFacts> =
                store.document_facts(&ids)?.into_iter().map(|f| (f.id.clone(), f)).collect();
            Ok((found, facts))
        })
        .await?;
    // Facets: each value links to the search narrowed by it, the other
    // facets kept.
    let link = |key: &str, value: Option<&str>| {
        let mut u = format!("/search?q={}", q(&query));
        for (k, v) in [
            ("kind", kind),
            ("outlet", outlet),
            ("year", year),
            ("claims", with_claims.then_some("1")),
        ] {
            let v = if k == key { value } else { v };
            if let Some(v) = v {
                let _ = write!(u, "&amp;{k}={}", q(v));
            }
        }
        u
    };
    let docs: Vec<(&dossier_store::DocumentFacts, &dossier_store::SearchHit)> =
        found.documents.iter().filter_map(|h| Some((facts.get(&h.doc)?, h))).collect();
    let year_of = |d: &dossier_store::DocumentFacts| {
        d.published.map(|p| chrono::Datelike::year(&p).to_string())
    };
    let keep = |d: &dossier_store::DocumentFacts| {
        outlet.is_none_or(|o| d.label == o)
            && year.is_none_or(|y| year_of(d).as_deref() == Some(y))
            && (!with_claims || d.relevant)
    };
    let entities: Vec<dossier_core::reconcile::StoredEntity> =
        found.entities.iter().map(|e| e.entity()).collect::<Result<_, _>>()?;
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for e in &entities {
        let k = e.kind.as_str();
        match kinds.iter_mut().find(|x| x.0 == k) {
            Some(x) => x.1 += 1,
            None => kinds.push((k, 1)),
        }
    }
    let mut outlets: Vec<(String, usize)> = Vec::new();
    let mut years: Vec<(String, usize)> = Vec::new();
    let mut claimed = 0;
    for &(d, _) in &docs {
        match outlets.iter_mut().find(|x| x.0 == d.label) {
            Some(x) => x.1 += 1,
            None => outlets.push((d.label.clone(), 1)),
        }
        if let Some(y) = year_of(d) {
            match years.iter_mut().find(|x| x.0 == y) {
                Some(x) => x.1 += 1,
                None => years.push((y, 1)),
            }
        }
        claimed += usize::from(d.relevant);
    }
    outlets.sort_by(|a, c| c.1.cmp(&a.1).then(a.0.cmp(&c.0)));
    outlets.truncate(12);
    years.sort_by(|a, c| c.0.cmp(&a.0));
    b.push_str("<nav class=\"facets\" aria-label=\"Narrow the results\">");
    if found.documents.len() >= limit || found.entities.len() >= limit {
        let _ = write!(
            b,
            "<p class=\"muted\">Counted over the best {} documents and entities.</p>",
            num(limit)
        );
    }
    let facet =
        |b: &mut String, name: &str, key: &str, cur: Option<&str>, items: &[(String, usize)]| {
            if items.is_empty() {
                return;
            }
            let _ = write!(b, "<div><b>{name}</b> ");
            let any = if cur.is_none() { " aria-current=\"true\"" } else { "" };
            let _ = write!(b, "<a href=\"{}\"{any}>any</a>", link(key, None));
            for (v, n) in items {
                let on = if cur == Some(v.as_str()) { " aria-current=\"true\"" } else { "" };
                let _ = write!(
                    b,
                    " <a href=\"{}\"{on}>{} <span class=\"muted\">({n})</span></a>",
                    link(key, Some(v)),
                    esc(v)
                );
            }
            b.push_str("</div>");
        };
    let kinds: Vec<(String, usize)> = kinds.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    facet(&mut b, "Entity kind", "kind", kind, &kinds);
    facet(&mut b, "Outlet", "outlet", outlet, &outlets);
    facet(&mut b, "Year", "year", year, &years);
    let on = if with_claims { " aria-current=\"true\"" } else { "" };
    let _ = write!(
        b,
        "<div><b>Documents</b> <a href=\"{}\"{}>all</a> <a href=\"{}\"{on}>with claims or events <span class=\"muted\">({claimed})</span></a></div></nav>",
        link("claims", None),
        if with_claims { "" } else { " aria-current=\"true\"" },
        link("claims", Some("1")),
    );
    let ents: Vec<(&dossier_store::EntityEntry, &dossier_core::reconcile::StoredEntity)> = found
        .entities
        .iter()
        .zip(&entities)
        .filter(|(_, e)| kind.is_none_or(|k| e.kind.as_str() == k))
        .collect();
    let _ = write!(
        b,
        "<section><h2>Entities <span class=\"muted\">({})</span></h2><ul class=\"entities\">",
        ents.len()
    );
    for &(entry, en) in ents.iter().take(30) {
        b.push_str("<li>");
        let ns =
            stored::Names::from([(en.id.clone(), (en.kind.as_str().to_string(), en.name.clone()))]);
        stored::entity_link(&mut b, &ns, &en.id, &en.name);
        let _ = write!(
            b,
            " <span class=\"kind\">{}</span> <span class=\"muted\">{} · {}</span></li>",
            en.kind.as_str(),
            words::plural(entry.claims, "claim"),
            words::plural(entry.doc_count, "document")
        );
    }
    if ents.is_empty() {
        b.push_str("<li class=\"muted\">No entity by that name.</li>");
    }
    b.push_str("</ul></section>");
    let hits: Vec<(&dossier_store::DocumentFacts, &dossier_store::SearchHit)> =
        docs.iter().copied().filter(|&(d, _)| keep(d)).collect();
    let _ = write!(
        b,
        "<section><h2>Documents <span class=\"muted\">({}{})</span></h2><ul class=\"hits\">",
        hits.len(),
        if found.documents.len() >= limit { "+" } else { "" }
    );
    for &(d, h) in hits.iter().take(PAGE) {
        let title = d
            .title
            .as_deref()
            .map(words::clean_text)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| d.label.clone());
        let shown = match d.published {
            Some(p) => format!("{}, {}", d.label, words::day(p)),
            None => d.label.clone(),
        };
        let _ = write!(
            b,
            "<li><a href=\"/doc/{}\">{}</a> <span class=\"muted\">{}</span><div class=\"snippet\">",
            seg(&h.doc),
            esc(&title),
            esc(&shown)
        );
        snippet(&mut b, &h.snippet);
        b.push_str("</div></li>");
    }
    if hits.is_empty() {
        b.push_str("<li class=\"muted\">No document contains those words.</li>");
    }
    b.push_str("</ul></section>");
    Ok(Html(page(&format!("Search: {query}"), Nav::None, &b)))
}

/// An FTS snippet with its `[`…`]` match markers as `<mark>`, all else
/// escaped, and Markdown heading marks dropped.
fn snippet(out: &mut String, s: &str) {
    let cleaned: String = {
        let mut t = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(i) = rest.find('#') {
            let run = rest[i..].len() - rest[i..].trim_start_matches('#').len();
            let after = &rest[i + run..];
            let at_word =
                rest[..i].chars().next_back().is_none_or(|c| c.is_whitespace() || c == '[');
            t.push_str(&rest[..i]);
            if at_word && (after.starts_with(' ') || after.is_empty()) {
                rest = after.trim_start_matches(' ');
            } else {
                t.push_str(&rest[i..i + run]);
                rest = after;
            }
        }
        t.push_str(rest);
        t
    };
    let s = cleaned.as_str();
    let mut open = false;
    let mut last = 0;
    for (i, ch) in s.char_indices() {
        let tag = match (ch, open) {
            ('[', false) => "<mark>",
            (']', true) => "</mark>",
            _ => continue,
        };
        let _ = write!(out, "{}", esc(&s[last..i]));
        out.push_str(tag);
        open = !open;
        last = i + 1;
    }
    let _ = write!(out, "{}", esc(&s[last..]));
    if open {
        out.push_str("</mark>");
    }
}

fn has_findings(s: &Snapshot, d: usize) -> bool {
    !s.doc_claims[d].is_empty() || !s.doc_events[d].is_empty()
}

/// The documents with claims or events, those saying most about armed
/// groups first: claims about groups, events with a group as perpetrator,
/// then any claim or event; ties latest first.
pub fn relevant_documents(s: &Snapshot) -> Vec<usize> {
    let group = |e: usize| s.rec.entities[e].kind == dossier_core::EntityKind::Group;
    let score = |d: usize| {
        let claims = s.doc_claims[d].iter().filter(|&&c| group(s.rec.claims[c].subject)).count();
        let events = s.doc_events[d]
            .iter()
            .filter(|&&v| s.rec.events[v].perpetrators.iter().any(|&p| group(p)))
            .count();
        2 * (claims + events) + s.doc_claims[d].len() + s.doc_events[d].len()
    };
    let rank: std::collections::HashMap<usize, usize> =
        s.recent.iter().enumerate().map(|(i, &d)| (d, i)).collect();
    let mut out: Vec<usize> = (0..s.docs.len()).filter(|&d| has_findings(s, d)).collect();
    out.sort_by_cached_key(|&d| (std::cmp::Reverse(score(d)), rank[&d]));
    out
}

/// `GET /ingest`: upload files (needs the token).
pub async fn ingest() -> Html<String> {
    let body = format!(
        "<h1>Ingest</h1><p>Upload articles: .{}. Each file is read, annotated and stored; \
         articles already stored are skipped. Uploads need the token that <code>dossier serve</code> \
         printed (opening the link it printed fills it in).</p>\
         <form id=\"ingest\" class=\"ingest\">\
         <p><label for=\"token\">Token</label> <input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" size=\"40\"></p>\
         <p><label for=\"date\">Publication date (optional, YYYY-MM-DD)</label> <input id=\"date\" name=\"date\" pattern=\"\\d{{4}}-\\d{{2}}-\\d{{2}}\" size=\"12\"> \
         <label for=\"source\">Outlet (optional)</label> <input id=\"source\" name=\"source\" size=\"24\"></p>\
         <p class=\"muted\">These two fill in the date and outlet of the files picked next; each file then \
         waits in the table below, where its own date and outlet can be changed before pressing Upload.</p>\
         <p><label for=\"files\">Files</label> <input id=\"files\" name=\"files\" type=\"file\" multiple></p>\
         <p class=\"drop\" id=\"drop\">…or drop files here</p>\
         <p><button type=\"submit\">Upload</button></p></form>\
         <table class=\"uploads\" id=\"uploads\" aria-live=\"polite\"><thead><tr><th scope=\"col\">File, date and outlet</th><th scope=\"col\">Progress</th><th scope=\"col\">Result</th></tr></thead><tbody></tbody></table>",
        dossier_ingest::KNOWN_EXTENSIONS.join(", .")
    );
    Html(page("Ingest", Nav::Ingest, &body))
}
