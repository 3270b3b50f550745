//! Escaping, limits, path traversal, hosts and headers.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};

use crate::common::{self, TOKEN};
use crate::util::{call, get, seg, send};

/// Every page that shows something of the hostile article.
pub fn hostile_pages(st: &dossier_server::AppState) -> Vec<String> {
    let s = st.snapshot();
    let id = common::hostile_id(st);
    let d = s.doc(&id).unwrap();
    let mut pages = vec![
        "/".to_string(),
        "/documents".into(),
        format!("/doc/{id}"),
        format!("/doc/{id}?hl=0#c0"),
        format!("/doc/{id}?s=0&e=40#hl"),
        "/search?q=Zarqa".into(),
        "/search?q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E".into(),
        "/search?q=onerror".into(),
        format!("/claims?doc={id}"),
        "/findings".into(),
        "/events".into(),
        "/map".into(),
        "/decisions".into(),
        "/documents?relevant=1".into(),
        "/search?q=Zarqa&claims=1".into(),
        "/graph".into(),
        "/entities".into(),
        "/ingest".into(),
    ];
    for &v in &s.doc_events[d] {
        pages.push(format!("/events/{}", seg(&s.rec.events[v].id)));
    }
    let mut ents: Vec<usize> = s.rec.local[d].clone();
    ents.sort_unstable();
    ents.dedup();
    for e in ents {
        let eid = seg(&s.rec.entities[e].id);
        pages.push(format!("/entity/{eid}"));
        pages.push(format!("/entity/{eid}/timeline"));
        pages.push(format!("/entity/{eid}/graph"));
        for &f in &s.entity_findings[e] {
            pages.push(format!("/compare/{eid}/{}", s.rec.findings[f].predicate.as_str()));
        }
    }
    pages
}

#[tokio::test]
async fn hostile_article_is_escaped_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let id = common::hostile_id(&st);
    // The fixture's text is stored as written (the reader keeps it).
    let doc = get(&st, &format!("/api/v1/documents/{id}")).await.json();
    assert!(doc["text"].as_str().unwrap().contains("<script>window.__pwned=5"));
    assert!(doc["claims"].as_array().unwrap().len() >= 2, "the hostile article has claims: {doc}");
    let pages = hostile_pages(&st);
    assert!(pages.len() > 15);
    for p in &pages {
        let r = get(&st, p).await;
        assert_eq!(r.status, StatusCode::OK, "{p}");
        let b = r.body.to_ascii_lowercase();
        // The only script is our own, and no markup from the article survives.
        assert_eq!(b.matches("<script").count(), 1, "{p}");
        assert!(b.contains("<script src=\"/assets/app.js\" defer></script>"), "{p}");
        for bad in ["<img", "<svg onload", "<iframe", "href=\"javascript:", "<b>raid"] {
            assert!(!b.contains(bad), "{p} contains {bad}");
        }
        check_tags(p, &b);
        if p.starts_with("/doc/") {
            let at = b.find("__pwned=").map(|i| &b[i.saturating_sub(200)..i + 20]);
            assert!(
                b.contains("&lt;script&gt;window.__pwned="),
                "{p} shows the text, escaped: {at:?}"
            );
        }
    }
}

/// Every tag in the page is one the pages write, with no event-handler
/// attribute: what the article wrote never became markup.
fn check_tags(page: &str, html: &str) {
    const TAGS: &[&str] = &[
        "!doctype",
        "html",
        "head",
        "meta",
        "title",
        "link",
        "script",
        "body",
        "a",
        "header",
        "nav",
        "form",
        "label",
        "input",
        "main",
        "footer",
        "h1",
        "h2",
        "h3",
        "p",
        "section",
        "ul",
        "ol",
        "li",
        "b",
        "span",
        "div",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "code",
        "details",
        "summary",
        "article",
        "aside",
        "mark",
        "button",
        "select",
        "option",
        "datalist",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "figure",
        "figcaption",
        "svg",
        "defs",
        "lineargradient",
        "stop",
        "line",
        "text",
        "rect",
        "circle",
        "path",
        "g",
    ];
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let tag = &rest[i + 1..];
        let end = tag.find('>').unwrap_or(tag.len());
        let inner = tag[..end].trim_start_matches('/');
        let name: String = inner.chars().take_while(|c| !c.is_whitespace() && *c != '/').collect();
        assert!(TAGS.contains(&name.as_str()), "{page}: unexpected tag <{}>", &tag[..end.min(80)]);
        // Attribute names: words followed by '=' outside quotes.
        let mut quoted = None;
        let mut word = String::new();
        for c in inner[name.len()..].chars() {
            match (quoted, c) {
                (Some(q), c) if c == q => quoted = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quoted = Some(c),
                (None, '=') => {
                    assert!(
                        !word.starts_with("on"),
                        "{page}: event handler {word} in <{}>",
                        &tag[..end.min(80)]
                    );
                    word.clear();
                }
                (None, c) if c.is_whitespace() => word.clear(),
                (None, c) => word.push(c),
            }
        }
        rest = &tag[end..];
    }
}

#[tokio::test]
async fn security_headers_are_set() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    for p in ["/", "/api/v1/stats", "/assets/app.js", "/nope", "/api/v1/nope"] {
        let r = get(&st, p).await;
        let csp = r.headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{p}: {csp}");
        assert_eq!(r.headers["x-content-type-options"], "nosniff", "{p}");
    }
}

#[tokio::test]
async fn no_path_traversal() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    assert_eq!(get(&st, "/assets/style.css").await.status, StatusCode::OK);
    for p in [
        "/assets/../Cargo.toml",
        "/assets/..%2FCargo.toml",
        "/assets/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/assets/..%5c..%5cCargo.toml",
        "/assets/%2Fetc%2Fpasswd",
        "/assets/",
        "/doc/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/v1/documents/..%2F..%2Fetc%2Fpasswd",
        "/entity/..%2F..%2FCargo.toml",
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
    ] {
        let r = get(&st, p).await;
        assert!(
            r.status == StatusCode::NOT_FOUND || r.status == StatusCode::BAD_REQUEST,
            "{p}: {}",
            r.status
        );
        assert!(!r.body.contains("[package]") && !r.body.contains("root:"), "{p} leaked a file");
    }
}

#[tokio::test]
async fn bodies_over_the_limit_get_a_clear_413() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    // Declared too large: refused before reading.
    let req = Request::post("/api/v1/documents?name=big.txt")
        .header("authorization", format!("Bearer {TOKEN}"))
        .header("content-length", (dossier_server::api::MAX_UPLOAD + 1).to_string())
        .body(Body::from("x"))
        .unwrap();
    let r = send(&st, req).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("too large"), "{}", r.body);
    // Really too large, undeclared: cut off at the limit.
    let big = vec![b'a'; dossier_server::api::MAX_UPLOAD + 10];
    let r = call(&st, Method::POST, "/api/v1/documents?name=big.txt", Some(TOKEN), big).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let r = call(&st, Method::POST, "/api/v1/decisions", Some(TOKEN), vec![b' '; 100_000]).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(st.snapshot().docs.len(), st.snapshot().metas.len());
}

#[tokio::test]
async fn foreign_host_headers_are_refused_when_bound_to_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path()).with_allowed_hosts(vec!["127.0.0.1:8080".into()]);
    let ok = Request::get("/").header("host", "127.0.0.1:8080").body(Body::empty()).unwrap();
    assert_eq!(send(&st, ok).await.status, StatusCode::OK);
    let evil = Request::get("/api/v1/stats")
        .header("host", "evil.example:8080")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&st, evil).await.status, StatusCode::FORBIDDEN);
}

#[test]
fn serve_refuses_a_public_address_without_token() {
    let dir = tempfile::tempdir().unwrap();
    let err = dossier_server::serve(dossier_server::ServeOptions {
        db: dir.path().join("x.db").into(),
        addr: "0.0.0.0:0".into(),
        token: None,
        ..Default::default()
    })
    .unwrap_err();
    assert!(err.to_string().contains("--token"), "{err}");
    let err = dossier_server::serve(dossier_server::ServeOptions {
        db: dir.path().join("x.db").into(),
        addr: "localhost".into(),
        token: None,
        ..Default::default()
    })
    .unwrap_err();
    assert!(err.to_string().contains("IP:PORT"), "{err}");
}

#[test]
fn serve_accepts_host_names() {
    let a = dossier_server::resolve("localhost:8080").expect("localhost resolves");
    assert!(a.ip().is_loopback() && a.port() == 8080, "{a}");
    assert_eq!(dossier_server::resolve("[::1]:80").unwrap().to_string(), "[::1]:80");
    for bad in ["localhost", "localhost:http", ":80", "no-such-host.invalid:80"] {
        let err = dossier_server::resolve(bad).unwrap_err().to_string();
        assert!(err.contains(bad) && err.contains("HOST:PORT"), "{bad}: {err}");
    }
}
