//! Issue 15: a PDF uploaded through the ingest API, and its document view
//! with page marks.

use axum::http::{Method, StatusCode};

use crate::common::{self, TOKEN};
use crate::util::{call, get};

#[tokio::test]
async fn issue_15_an_uploaded_pdf_shows_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let ingest = get(&st, "/ingest").await;
    assert!(ingest.body.contains(".ndjson, .pdf"), "the upload page names .pdf");

    let body = std::fs::read(common::root().join("testdata/pdf/report.pdf")).unwrap();
    let r = call(&st, Method::POST, "/api/v1/documents?name=report.pdf", Some(TOKEN), body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["stored"][0]["id"].as_str().unwrap().to_string();

    let page = get(&st, &format!("/doc/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.body;
    assert!(html.contains("Sahel Research Desk · 3 pages"), "author and page count");
    // Each page's first words follow its mark.
    for (n, words) in [(1, "ISWAP"), (2, "Levies, losses"), (3, "Analysts in Abuja")] {
        let mark = format!("<span class=\"muted pageno\" id=\"p{n}\">p. {n}</span> ");
        let at = html.find(&mark).unwrap_or_else(|| panic!("no mark of page {n}"));
        let after = visible(&html[at + mark.len()..]);
        assert!(after.starts_with(words), "page {n} starts {:?}", &after[..40]);
    }
    // Claims in the side panel name their page.
    assert!(html.contains("<a class=\"muted page\" href=\"#p1\">p. 1</a>"));
    assert!(html.contains("<a class=\"muted page\" href=\"#p3\">p. 3</a>"));

    // The API's document record carries the same page offsets as the export.
    let api = get(&st, &format!("/api/v1/documents/{id}")).await.json();
    assert_eq!(api["pages"].as_array().map(Vec::len), Some(3), "{api}");
    assert_eq!(api["author"], "Sahel Research Desk");

    // A text article has no page marks.
    let hostile = common::hostile_id(&st);
    let plain = get(&st, &format!("/doc/{hostile}")).await.body;
    assert!(!plain.contains("pageno") && !plain.contains("class=\"muted page\""));
}

/// The text of HTML without its tags.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
