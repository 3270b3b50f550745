//! The served data follows the database: another process's `ingest` or
//! `remove` shows within a poll or two, and the server's own writes are not
//! rebuilt twice.

use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use dossier_core::annotate;
use dossier_ingest::{read_inputs, Overrides};
use dossier_server::AppState;
use dossier_store::Store;

use crate::common::{self, TOKEN};
use crate::util::{call, get};

const POLL: Duration = Duration::from_millis(100);

/// Waits (at most 5 s) until the API's document count is `want`; the time
/// it took.
async fn wait_for_total(st: &AppState, want: u64) -> Duration {
    let t = Instant::now();
    loop {
        let total = get(st, "/api/v1/documents?limit=1").await.json()["total"].as_u64();
        if total == Some(want) {
            return t.elapsed();
        }
        assert!(t.elapsed() < Duration::from_secs(5), "total {total:?}, want {want}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_process_s_writes_show_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let _follow = st.follow_database(POLL);
    let before = get(&st, "/api/v1/documents?limit=1").await.json()["total"].as_u64().unwrap();
    let hostile = common::hostile_id(&st);

    // `dossier remove` in another process: its own connection to the file.
    let mut other = Store::open(&dir.path().join("t.db")).unwrap();
    assert!(other.remove(&hostile).unwrap().is_some());
    let removed_in = wait_for_total(&st, before - 1).await;
    let r = get(&st, &format!("/api/v1/documents/{hostile}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);

    // `dossier ingest` in another process.
    let doc = read_inputs(&[common::fixture("hostile-upload.txt")], &Overrides::default())
        .next()
        .unwrap()
        .unwrap();
    let added = annotate(doc);
    other.insert_batch(std::slice::from_ref(&added)).unwrap();
    let added_in = wait_for_total(&st, before).await;
    let r = get(&st, &format!("/api/v1/documents/{}", added.doc.id)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let found = get(&st, "/api/v1/search?q=Zarqa").await.body;
    assert!(found.contains(&added.doc.id), "search finds the new document: {found}");
    println!("another process's remove shown after {removed_in:?}, ingest after {added_in:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_s_own_writes_rebuild_once() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let _follow = st.follow_database(POLL);
    let body = std::fs::read(common::fixture("hostile-upload.txt")).unwrap();
    let r = call(&st, Method::POST, "/api/v1/documents?name=up.txt", Some(TOKEN), body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let generation = st.snapshot().generation;
    tokio::time::sleep(POLL * 5).await;
    assert_eq!(st.snapshot().generation, generation, "the poll rebuilt the server's own write");
}
