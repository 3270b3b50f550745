//! Pages read from the store per request (schema v6), as the API is: the
//! home page, the entities, documents, claims and findings lists. Each
//! asks a page of records and renders it with the same markup as the
//! pages that still work from the whole-corpus view.

use std::collections::HashMap;
use std::fmt::Write;

use axum::extract::State;
use axum::response::Html;
use dossier_core::reconcile::StoredClaimRecord;
use dossier_core::{Predicate, Verdict};
use dossier_store::{DocumentEntry, FindingEntry, FindingFilter, Store};
use serde_json::Value as Json;

use super::{pager, when_cell, words, PAGE};
use crate::api::ListQuery;
use crate::error::{AppResult, Q};
use crate::html::{badge, esc, num, page, q, seg, Nav};
use crate::state::AppState;
pub(crate) use dossier_core::words::{value_words, when_of};

/// An entity's kind and name, for its links.
pub(crate) type Names = HashMap<String, (String, String)>;

/// The kinds and names of the entities `ids` (one query, nothing decoded;
/// ids not stored are left out).
pub(crate) fn names(store: &Store, ids: impl IntoIterator<Item = String>) -> AppResult<Names> {
    let mut ids: Vec<String> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    Ok(store
        .recon_entity_names(&ids)?
        .into_iter()
        .map(|(id, kind, name)| (id, (kind, name)))
        .collect())
}

/// A link to an entity by id (kind and name from `names`, else the id).
pub(crate) fn entity_link(out: &mut String, names: &Names, id: &str, name: &str) {
    let (kind, shown) = match names.get(id) {
        Some((k, n)) => (k.as_str(), n.as_str()),
        None => ("other", name),
    };
    let _ = write!(
        out,
        "<a class=\"ent k-{kind}\" href=\"/entity/{}\">{}</a>",
        seg(id),
        esc(if shown.is_empty() { id } else { shown })
    );
}

/// A document's label and date, short.
pub(crate) fn outlet(label: &str, published: Option<chrono::NaiveDate>) -> String {
    match published {
        Some(p) => format!("{label}, {}", words::day(p)),
        None => label.to_string(),
    }
}

/// One item of a documents list (as `super::doc_item`).
pub(crate) fn doc_item(out: &mut String, d: &DocumentEntry) {
    let m = &d.meta;
    let title = m
        .title
        .as_deref()
        .map(words::clean_text)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| d.label.clone());
    let _ = write!(
        out,
        "<li><a href=\"/doc/{}\">{}</a> <span class=\"muted\">{} · {}</span></li>",
        seg(&m.id),
        esc(&title),
        esc(&outlet(&d.label, m.published)),
        words::plural(m.claims, "claim")
    );
}

/// One item of a findings list (as `super::finding_item`), with the
/// summary stored with the finding ([`words::stored_summary`]).
pub(crate) fn finding_item(out: &mut String, names: &Names, f: &FindingEntry) {
    out.push_str("<li>");
    if let Some(v) = Verdict::parse(&f.verdict) {
        out.push_str(&badge(v));
    }
    out.push(' ');
    entity_link(out, names, &f.subject, &f.subject_name);
    let predicate = Predicate::parse(&f.predicate)
        .map(words::predicate_lower)
        .unwrap_or_else(|| f.predicate.replace('_', " "));
    let _ = write!(
        out,
        " · <a href=\"/compare/{}/{}\">{}</a> <span class=\"muted\">({}, {})</span>\
         <div class=\"summary\">{}</div></li>",
        seg(&f.subject),
        f.predicate,
        esc(&predicate),
        words::plural(f.claims, "claim"),
        words::plural(f.sources, "source"),
        esc(&f.summary)
    );
}

/// A table of claims (as `super::claim_table`) from their records.
pub(crate) fn claim_table(
    out: &mut String,
    names: &Names,
    claims: &[StoredClaimRecord],
    subject: bool,
    verdict: bool,
) {
    out.push_str("<div class=\"tablewrap\"><table class=\"claims\"><thead><tr>");
    if subject {
        out.push_str("<th scope=\"col\">Subject</th><th scope=\"col\">Predicate</th>");
    }
    out.push_str(
        "<th scope=\"col\">Value</th><th scope=\"col\">When</th><th scope=\"col\">Source</th>\
         <th scope=\"col\">Modality</th><th scope=\"col\">Outlet</th><th scope=\"col\">Quote</th>",
    );
    if verdict {
        out.push_str("<th scope=\"col\">Verdict</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for c in claims {
        let r = &c.record;
        let text = |k: &str| r.get(k).and_then(Json::as_str).unwrap_or("");
        out.push_str("<tr>");
        if subject {
            out.push_str("<td>");
            entity_link(out, names, &c.subject, text("subject_name"));
            let p = Predicate::parse(text("predicate"));
            let shown = p.map(words::predicate).unwrap_or_else(|| text("predicate").to_string());
            let _ = write!(out, "</td><td>{}</td>", esc(&shown));
        }
        out.push_str("<td class=\"val\">");
        match &c.value_entity {
            Some(v) => {
                let name = r["value"]["name"].as_str().unwrap_or("");
                entity_link(out, names, v, name);
            }
            None => {
                let _ = write!(out, "{}", esc(&value_words(r)));
            }
        }
        if let Some(st) = r.get("status").and_then(Json::as_str) {
            let _ = write!(out, " <span class=\"status\">({})</span>", esc(st));
        }
        out.push_str("</td><td>");
        match r.get("when").and_then(when_of) {
            Some(w) => when_cell(out, &w),
            None => out.push_str("<span class=\"muted\">—</span>"),
        }
        let modality = text("modality");
        let _ = write!(
            out,
            "</td><td>{}</td><td><span class=\"mod m-{modality}\">{modality}</span></td><td>{}</td>",
            esc(text("attributed_to")),
            esc(&outlet(&c.label, c.published)),
        );
        let idx = c.id.rsplit_once(":c").map_or("0", |(_, n)| n);
        let _ = write!(
            out,
            "<td class=\"q\"><a class=\"quote\" href=\"/doc/{}?hl={idx}#c{idx}\" data-claim=\"{}\">“{}”</a></td>",
            seg(&c.doc),
            esc(&c.id),
            esc(&words::clean_text(text("text")))
        );
        if verdict {
            out.push_str("<td>");
            if let Some(v) = c.verdict {
                out.push_str(&badge(v));
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
}

/// The entities the claims name, for their links.
fn claim_names(store: &Store, claims: &[StoredClaimRecord]) -> AppResult<Names> {
    let ids = claims
        .iter()
        .flat_map(|c| std::iter::once(c.subject.clone()).chain(c.value_entity.clone()));
    names(store, ids)
}

/// `GET /`
pub async fn home(State(st): State<AppState>) -> AppResult<Html<String>> {
    let b = st.read(home_body).await?;
    Ok(Html(page("Home", Nav::Home, &b)))
}

fn home_body(store: &Store) -> AppResult<String> {
    let mut b = String::new();
    b.push_str(
        "<section class=\"hero\"><h1>dossier</h1><p>News reports about armed groups, \
         reconciled: every fact links to the words it came from.</p>\
         <form action=\"/search\" method=\"get\" role=\"search\" class=\"bigsearch\">\
         <label for=\"q\">Search groups, people, places and article text</label>\
         <div><input id=\"q\" name=\"q\" type=\"search\" autofocus placeholder=\"e.g. ISIS-K, al-Shabaab, Kabul\">\
         <button type=\"submit\">Search</button></div></form></section>",
    );
    let documents = store.documents_total(false)?;
    let c = store.recon_counts()?;
    let conflicts = c.verdicts.get(Verdict::Conflict.as_str()).copied().unwrap_or(0);
    let _ = write!(
        b,
        "<section class=\"counts\" aria-label=\"Counts\">\
         <a href=\"/documents\"><b>{}</b> documents</a><a href=\"/entities\"><b>{}</b> entities</a>\
         <a href=\"/claims\"><b>{}</b> claims</a><a href=\"/events\"><b>{}</b> events</a>\
         <a href=\"/findings?verdict=conflict\"><b>{}</b> conflicts</a></section>",
        num(documents),
        num(c.entities),
        num(c.claims),
        num(c.events),
        num(conflicts)
    );
    if documents == 0 {
        b.push_str(
            "<p class=\"empty\">The database is empty. <a href=\"/ingest\">Ingest articles</a> \
             or run <code>dossier ingest PATH --db FILE</code>.</p>",
        );
    }
    b.push_str("<div class=\"cols\"><section><h2>Largest conflicts</h2><ul class=\"findings\">");
    let f = FindingFilter { verdict: Some("conflict".into()), ..FindingFilter::default() };
    let found = store.recon_findings_list(&f, 10, 0)?;
    let ns = names(store, found.items.iter().map(|x| x.subject.clone()))?;
    for x in &found.items {
        finding_item(&mut b, &ns, x);
    }
    if found.items.is_empty() {
        b.push_str("<li class=\"muted\">No conflicting claims.</li>");
    }
    b.push_str("</ul></section><section><h2>Recent documents</h2><ul class=\"docs\">");
    for d in &store.documents_page(false, 10, 0)?.items {
        doc_item(&mut b, d);
    }
    b.push_str("</ul><h2>Groups</h2><ul class=\"inline\">");
    for (id, kind, name) in store.recon_entity_names_of_kind("group", 20)? {
        b.push_str("<li>");
        let ns = Names::from([(id.clone(), (kind, name.clone()))]);
        entity_link(&mut b, &ns, &id, &name);
        b.push_str("</li>");
    }
    b.push_str("</ul></section></div>");
    Ok(b)
}

/// `GET /entities?kind=&q=`
pub async fn entities(State(st): State<AppState>, Q(f): Q<ListQuery>) -> AppResult<Html<String>> {
    let kind =
        f.kind.as_deref().filter(|k| !k.is_empty()).map(crate::api::parse_kind).transpose()?;
    let kind = kind.map(String::from);
    let query = f.q.clone().unwrap_or_default();
    let offset = f.offset.unwrap_or(0);
    let (k, qq) = (kind.clone(), query.clone());
    let (total, hits) =
        st.read(move |store| Ok(store.recon_entities(&qq, k.as_deref(), PAGE, offset)?)).await?;
    let kind = kind.as_deref();
    let mut b = String::from("<h1>Entities</h1><nav class=\"tabs\" aria-label=\"Kinds\">");
    for k in ["", "group", "organization", "person", "place", "nationality", "other"] {
        let cur = if kind.unwrap_or("") == k { " aria-current=\"page\"" } else { "" };
        let label = if k.is_empty() { "all" } else { k };
        let _ = write!(b, "<a href=\"/entities?kind={k}\"{cur}>{label}</a>");
    }
    let _ = write!(
        b,
        "</nav><form class=\"filter\" action=\"/entities\" method=\"get\"><input type=\"hidden\" name=\"kind\" value=\"{}\">\
         <label for=\"eq\">Name contains</label> <input id=\"eq\" name=\"q\" value=\"{}\"> <button>Filter</button></form>",
        esc(kind.unwrap_or("")),
        esc(&query)
    );
    b.push_str("<div class=\"tablewrap\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Kind</th><th scope=\"col\">Aliases</th><th scope=\"col\">Claims</th><th scope=\"col\">Documents</th></tr></thead><tbody>");
    for e in &hits {
        let x = e.entity()?;
        b.push_str("<tr><td>");
        let ns = Names::from([(x.id.clone(), (x.kind.as_str().to_string(), x.name.clone()))]);
        entity_link(&mut b, &ns, &x.id, &x.name);
        let aliases: Vec<&str> = x.aliases.iter().take(6).map(String::as_str).collect();
        let _ = write!(
            b,
            "</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            x.kind.as_str(),
            esc(&aliases.join(", ")),
            e.claims,
            e.doc_count
        );
    }
    b.push_str("</tbody></table></div>");
    pager(
        &mut b,
        &format!("/entities?kind={}&q={}&", q(kind.unwrap_or("")), q(&query)),
        offset,
        total,
    );
    Ok(Html(page("Entities", Nav::Entities, &b)))
}

/// `GET /documents`
pub async fn documents(State(st): State<AppState>, Q(f): Q<ListQuery>) -> AppResult<Html<String>> {
    let offset = f.offset.unwrap_or(0);
    let relevant = f.relevant.as_deref().is_some_and(|r| !r.is_empty() && r != "0");
    let (all_n, rel_n, list) = st
        .read(move |store| {
            let all = store.documents_total(false)?;
            // The other tab's count alone (kept per stored generation).
            let (rel, list) = if relevant {
                let page = store.documents_page(true, PAGE, offset)?;
                (page.total, page.items)
            } else {
                (store.documents_total(true)?, store.documents_page(false, PAGE, offset)?.items)
            };
            Ok((all, rel, list))
        })
        .await?;
    let mut b =
        String::from("<h1>Documents</h1><nav class=\"tabs\" aria-label=\"Which documents\">");
    let (all, rel) =
        if relevant { ("", " aria-current=\"page\"") } else { (" aria-current=\"page\"", "") };
    let _ = write!(
        b,
        "<a href=\"/documents\"{all}>all, latest first ({})</a>\
         <a href=\"/documents?relevant=1\"{rel}>with claims or events, most about armed groups first ({})</a></nav>",
        num(all_n),
        num(rel_n)
    );
    b.push_str("<ul class=\"docs\">");
    for d in &list {
        doc_item(&mut b, d);
    }
    b.push_str("</ul>");
    let base = if relevant { "/documents?relevant=1&amp;" } else { "/documents?" };
    pager(&mut b, base, offset, if relevant { rel_n } else { all_n });
    Ok(Html(page("Documents", Nav::Documents, &b)))
}

/// `GET /findings?verdict=&subject=&predicate=`
pub async fn findings(State(st): State<AppState>, Q(f): Q<ListQuery>) -> AppResult<Html<String>> {
    let offset = f.offset.unwrap_or(0);
    let v = f.verdict.clone().unwrap_or_default();
    let (found, ns) = st
        .read(move |store| {
            let filter = crate::read::finding_filter(store, &f)?;
            let found = store.recon_findings_list(&filter, PAGE, offset)?;
            let ns = names(store, found.items.iter().map(|x| x.subject.clone()))?;
            Ok((found, ns))
        })
        .await?;
    let mut b = String::from("<h1>Findings</h1><nav class=\"tabs\" aria-label=\"Verdicts\">");
    for k in ["", "conflict", "changed_over_time", "compatible", "agree", "single_source"] {
        let cur = if v == k { " aria-current=\"page\"" } else { "" };
        let label = if k.is_empty() { "all" } else { k };
        let _ = write!(b, "<a href=\"/findings?verdict={k}\"{cur}>{}</a>", label.replace('_', " "));
    }
    b.push_str("</nav><ul class=\"findings\">");
    for x in &found.items {
        finding_item(&mut b, &ns, x);
    }
    b.push_str("</ul>");
    pager(&mut b, &format!("/findings?verdict={}&", q(&v)), offset, found.total);
    Ok(Html(page("Findings", Nav::Conflicts, &b)))
}

/// `GET /claims?subject=&predicate=&verdict=&doc=`
pub async fn claims(State(st): State<AppState>, Q(f): Q<ListQuery>) -> AppResult<Html<String>> {
    let offset = f.offset.unwrap_or(0);
    let given: Vec<(&str, Option<String>)> = vec![
        ("subject", f.subject.clone()),
        ("predicate", f.predicate.clone()),
        ("verdict", f.verdict.clone()),
        ("doc", f.doc.clone()),
    ];
    let (found, ns) = st
        .read(move |store| {
            let filter = crate::read::claim_filter(store, &f)?;
            let found = store.recon_claims_list(&filter, PAGE, offset)?;
            let ns = claim_names(store, &found.items)?;
            Ok((found, ns))
        })
        .await?;
    let mut b = String::from("<h1>Claims</h1><p class=\"muted\">");
    let mut base = String::from("/claims?");
    for (k, v) in &given {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            let shown = match (*k, Predicate::parse(v)) {
                ("predicate", Some(p)) => words::predicate(p),
                _ => v.replace('_', " "),
            };
            let _ = write!(b, "{k}: <b>{}</b> · ", esc(&shown));
            let _ = write!(base, "{k}={}&", q(v));
        }
    }
    let _ = write!(
        b,
        "{} · export as <a href=\"/export/claims.jsonl?{query}\" download>JSON Lines</a> · \
         <a href=\"/export/claims.html?{query}\" download>HTML report</a></p>",
        words::plural(found.total, "claim"),
        query = base.trim_start_matches("/claims?").trim_end_matches('&').replace('&', "&amp;")
    );
    claim_table(&mut b, &ns, &found.items, true, true);
    pager(&mut b, &base, offset, found.total);
    Ok(Html(page("Claims", Nav::None, &b)))
}
