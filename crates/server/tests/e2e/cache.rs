//! The answers the server keeps until the stored results move (entity and
//! event pages, entity API answers, searches; `dossier_server::answers`):
//! a kept answer is the one a fresh server gives, a write through the
//! server or another process's removal changes it at once, and concurrent
//! misses render once.

use std::path::Path;

use axum::http::{Method, StatusCode};
use dossier_server::AppState;
use dossier_store::{Location, Store};
use serde_json::Value;

use crate::common::{self, TOKEN};
use crate::postgres::on_postgres_examples;
use crate::util::{call, get, seg};

/// Every entity's and event's page and entity API answer: asked twice
/// (the second kept), and from a second server with nothing kept.
async fn kept_answers_equal_fresh_ones(st: &AppState, location: &Location) {
    let fresh = AppState::open(location, TOKEN).unwrap();
    let mut paths = Vec::new();
    let entities = get(st, "/api/v1/entities?limit=1000").await.json();
    for e in entities["items"].as_array().unwrap() {
        let id = seg(e["id"].as_str().unwrap());
        paths.push(format!("/entity/{id}"));
        paths.push(format!("/api/v1/entities/{id}"));
    }
    let events = get(st, "/api/v1/events?limit=1000").await.json();
    for v in events["items"].as_array().unwrap() {
        paths.push(format!("/events/{}", seg(v["id"].as_str().unwrap())));
    }
    paths.push("/api/v1/search?q=attack".to_string());
    assert!(paths.len() > 40, "{}", paths.len());
    for p in &paths {
        let first = get(st, p).await;
        assert_eq!(first.status, StatusCode::OK, "{p}: {}", first.body);
        let rendered = st.answers().rendered();
        let kept = get(st, p).await;
        assert_eq!(st.answers().rendered(), rendered, "{p}: the second answer was kept");
        assert_eq!(kept.body, first.body, "{p}");
        assert_eq!(kept.headers.get("content-type"), first.headers.get("content-type"), "{p}");
        let other = get(&fresh, p).await;
        assert_eq!(other.body, kept.body, "{p}: kept and fresh differ");
    }
    let (n, bytes) = st.answers().size();
    assert!(n >= paths.len(), "{n} answers kept of {}", paths.len());
    assert!(bytes <= dossier_server::answers::MAX_BYTES, "{bytes}");
    // Unknown ids are not found, and not kept.
    let missing = get(st, "/entity/no-such-entity").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(get(st, "/events/no-such-event").await.status, StatusCode::NOT_FOUND);
}

fn sqlite_state(dir: &Path) -> (AppState, Location) {
    let st = common::state(dir);
    let location = Location::Sqlite(dir.join("t.db"));
    (st, location)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kept_pages_equal_fresh_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (st, location) = sqlite_state(dir.path());
    kept_answers_equal_fresh_ones(&st, &location).await;
}

/// The group with the most claims, and a document its page cites.
async fn top_group_and_cited_doc(st: &AppState) -> (String, String) {
    let groups = get(st, "/api/v1/entities?kind=group&limit=1000").await.json();
    let top =
        groups["items"].as_array().unwrap().iter().max_by_key(|g| g["claims"].as_u64()).unwrap()
            ["id"]
            .as_str()
            .unwrap()
            .to_string();
    let page = get(st, &format!("/entity/{}", seg(&top))).await.body;
    let doc = page
        .split("href=\"/doc/")
        .skip(1)
        .find_map(|h| h.split(['?', '"', '#']).next())
        .expect("the page cites a document")
        .to_string();
    (top, doc)
}

/// Another process removes a document and reconciles (`dossier remove`,
/// `dossier reconcile`): the server's kept pages, which it never heard
/// of the write, change at the next request.
async fn another_process_removal(st: &AppState, location: &Location) {
    let (top, doc) = top_group_and_cited_doc(st).await;
    let path = format!("/entity/{}", seg(&top));
    let before = get(st, &path).await.body;
    assert!(before.contains(&format!("/doc/{doc}")));
    let events: Value =
        get(st, &format!("/api/v1/events?doc={doc}&limit=1000")).await.json()["items"].clone();
    let event_pages: Vec<String> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|v| format!("/events/{}", seg(v["id"].as_str().unwrap())))
        .collect();
    for p in &event_pages {
        assert!(get(st, p).await.body.contains(&format!("/doc/{doc}")), "{p} cites {doc}");
    }
    let api = format!("/api/v1/entities/{}", seg(&top));
    assert!(get(st, &api).await.body.contains(&doc));
    let kept = st.answers().size().0;
    assert!(kept > 0);

    let mut other = Store::open_location(location).unwrap();
    assert!(other.remove(&doc).unwrap().is_some());
    other.reconcile_stored(false).unwrap();
    drop(other);

    let after = get(st, &path).await;
    assert_eq!(after.status, StatusCode::OK);
    assert!(!after.body.contains(&format!("/doc/{doc}")), "the kept entity page forgot {doc}");
    assert!(!get(st, &api).await.body.contains(&doc), "the kept entity answer forgot {doc}");
    for p in &event_pages {
        let r = get(st, p).await;
        assert!(!r.body.contains(&format!("/doc/{doc}")), "{p} forgot {doc}");
    }
    let fresh = AppState::open(location, TOKEN).unwrap();
    assert_eq!(get(&fresh, &path).await.body, after.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_process_removal_changes_kept_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (st, location) = sqlite_state(dir.path());
    another_process_removal(&st, &location).await;
}

/// A manual merge through the API: the kept page of the entity that
/// remains shows the merge, and equals a fresh server's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manual_merge_changes_the_kept_entity_page() {
    let dir = tempfile::tempdir().unwrap();
    let (st, location) = sqlite_state(dir.path());
    let groups = get(&st, "/api/v1/entities?kind=group&limit=2").await.json();
    let ids: Vec<String> = groups["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 2);
    let before: Vec<String> =
        pages_of(&st, &ids.iter().map(|i| format!("/entity/{}", seg(i))).collect::<Vec<_>>()).await;
    let dec = serde_json::json!({"kind": "merge", "a": ids[0], "b": ids[1]}).to_string();
    let r = call(&st, Method::POST, "/api/v1/decisions", Some(TOKEN), dec.into_bytes()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let dec_id = r.json()["id"].as_i64().unwrap();
    let fresh = AppState::open(&location, TOKEN).unwrap();
    let mut merged = 0;
    for (i, id) in ids.iter().enumerate() {
        let path = format!("/entity/{}", seg(id));
        let after = get(&st, &path).await;
        assert_ne!(after.body, before[i], "{path} unchanged by the merge");
        let other = get(&fresh, &path).await;
        assert_eq!((after.status, &after.body), (other.status, &other.body), "{path}");
        if after.status == StatusCode::OK && after.body.contains(&format!("decision {dec_id}")) {
            merged += 1;
        }
    }
    assert!(merged >= 1, "the merged entity's page shows the merge decision");
}

async fn pages_of(st: &AppState, paths: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for p in paths {
        let r = get(st, p).await;
        assert_eq!(r.status, StatusCode::OK, "{p}");
        out.push(r.body);
    }
    out
}

/// Concurrent requests for a page nobody asked for since the last write
/// render it once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_misses_render_once() {
    let dir = tempfile::tempdir().unwrap();
    let (st, _) = sqlite_state(dir.path());
    let (top, _) = top_group_and_cited_doc(&st).await;
    // Asking for it above kept it; a new generation empties the cache.
    let docs = get(&st, "/api/v1/documents?limit=1").await.json();
    let victim = docs["items"][0]["id"].as_str().unwrap().to_string();
    let r = call(&st, Method::DELETE, &format!("/api/v1/documents/{victim}"), Some(TOKEN), vec![])
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let path = format!("/entity/{}", seg(&top));
    let rendered = st.answers().rendered();
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (st, path) = (st.clone(), path.clone());
            tokio::spawn(async move { get(&st, &path).await.body })
        })
        .collect();
    let mut bodies = Vec::new();
    for t in tasks {
        bodies.push(t.await.unwrap());
    }
    assert_eq!(st.answers().rendered() - rendered, 1, "16 concurrent misses, one render");
    assert!(bodies.iter().all(|b| b == &bodies[0] && b.contains("<h1")));
}

#[test]
fn kept_pages_follow_writes_on_postgres() {
    on_postgres_examples(async |st, location, _docs| {
        kept_answers_equal_fresh_ones(&st, &location).await;
        another_process_removal(&st, &location).await;
    });
}
