//! The HTML pages, read as text.

use axum::http::StatusCode;

use crate::common;
use crate::util::{get, seg};

#[tokio::test]
async fn home_has_search_counts_recent_documents_and_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let r = get(&st, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    let s = st.snapshot();
    assert!(r.body.contains("<form action=\"/search\""));
    assert!(r.body.contains(&format!("<b>{}</b> documents", s.docs.len())), "counts shown");
    assert!(r.body.contains("Largest conflicts"));
    assert!(r.body.contains("class=\"badge v-conflict\""), "a conflict is listed");
    assert!(r.body.contains("Recent documents"));
    assert!(
        r.body.matches("<a href=\"/doc/").count() >= 10,
        "ten recent documents link to their view"
    );
}

#[tokio::test]
async fn entity_page_shows_aliases_claims_verdicts_and_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    let e = (0..s.rec.entities.len())
        .filter(|&e| !s.rec.entities[e].aliases.is_empty() && !s.entity_claims[e].is_empty())
        .max_by_key(|&e| s.entity_claims[e].len())
        .expect("an entity with aliases and claims");
    let en = &s.rec.entities[e];
    let r = get(&st, &format!("/entity/{}", seg(&en.id))).await;
    assert_eq!(r.status, StatusCode::OK);
    for a in &en.aliases {
        assert!(r.body.contains(&dossier_server::html::esc(a).to_string()), "alias {a} shown");
    }
    if !en.evidence.is_empty() {
        assert!(r.body.contains("Merge evidence"));
    }
    // Every predicate of its claims has a section with a verdict badge.
    for &f in &s.entity_findings[e] {
        let p = s.rec.findings[f].predicate.as_str();
        assert!(r.body.contains(&format!("id=\"p-{p}\"")), "section for {p}");
    }
    assert!(r.body.contains("class=\"badge v-"));
    // The first claim's quote links to its evidence in the document.
    let c = s.entity_claims[e][0];
    let cc = &s.rec.claims[c];
    let href = format!("/doc/{}?hl={}#c{}", s.docs[cc.doc].doc.id, cc.idx, cc.idx);
    assert!(r.body.contains(&href), "link {href}");

    let not = get(&st, "/entity/group:does-not-exist").await;
    assert_eq!(not.status, StatusCode::NOT_FOUND);
    assert!(not.body.contains("<h1>404"), "HTML error page: {}", not.body);
}

#[tokio::test]
async fn document_view_highlights_the_claim_it_was_opened_for() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    let c = s.rec.claims.iter().position(|_| true).expect("a claim");
    let cc = &s.rec.claims[c];
    let a = &s.docs[cc.doc];
    let quote = a.claims[cc.idx].span.slice(&a.doc.text);
    let r = get(&st, &format!("/doc/{}?hl={}", a.doc.id, cc.idx)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(&format!("id=\"c{}\"", cc.idx)), "anchor for the claim");
    // The focused pieces, put together, are the quote.
    let mut focused = String::new();
    for piece in r.body.split("focus").skip(1) {
        let Some(start) = piece.find('>') else { continue };
        let rest = &piece[start + 1..];
        let end = rest.find('<').unwrap_or(rest.len());
        focused.push_str(&rest[..end]);
    }
    let esc = dossier_server::html::esc(quote).to_string();
    assert!(
        focused.contains(&esc) || esc.contains(&focused) && !focused.is_empty(),
        "focused {focused:?} vs {esc:?}"
    );
    assert!(r.body.contains("class=\"m m-entity"), "entities highlighted");
    assert!(r.body.contains("m-quantity") || r.body.contains("m-time"), "values highlighted");
}

#[tokio::test]
async fn every_page_renders() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    let f = s
        .rec
        .findings
        .iter()
        .find(|f| f.verdict == dossier_core::Verdict::Conflict)
        .expect("a conflict in the examples");
    let id = s.rec.entities[f.subject].id.clone();
    let compare = format!("/compare/{}/{}", seg(&id), f.predicate.as_str());
    let pages = [
        "/".to_string(),
        "/search?q=attack".into(),
        "/entities".into(),
        "/entities?kind=group".into(),
        format!("/entity/{}", seg(&id)),
        format!("/entity/{}/timeline", seg(&id)),
        format!("/entity/{}/graph", seg(&id)),
        compare.clone(),
        "/documents".into(),
        format!("/doc/{}", s.docs[0].doc.id),
        "/claims?verdict=conflict".into(),
        "/events".into(),
        "/findings?verdict=conflict".into(),
        "/graph".into(),
        "/ingest".into(),
    ];
    for p in &pages {
        let r = get(&st, p).await;
        assert_eq!(r.status, StatusCode::OK, "{p}: {}", &r.body[..r.body.len().min(400)]);
        assert!(r.body.starts_with("<!doctype html>"), "{p}");
        assert!(r.body.ends_with("</html>\n"), "{p}");
    }
    let r = get(&st, &compare).await;
    for &c in &f.claims {
        let cc = &s.rec.claims[c];
        assert!(
            r.body.contains(&format!("?hl={}#c{}", cc.idx, cc.idx)),
            "claim {} side by side",
            cc.id
        );
    }
    let t = get(&st, &format!("/entity/{}/timeline", seg(&id))).await;
    assert!(t.body.contains("<svg") && t.body.contains("<rect x="), "bars drawn");
    let g = get(&st, "/graph").await;
    assert!(g.body.contains("class=\"node"), "nodes drawn");
    assert!(g.body.contains("/graph\" data-n="), "nodes link to their graph");
    assert_eq!(get(&st, "/compare/group:nope/strength").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&st, &format!("/compare/{}/size", seg(&id))).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(get(&st, "/entities?offset=x").await.status, StatusCode::BAD_REQUEST);
}
