//! The server on a PostgreSQL store: it serves the same corpus, follows
//! another process's writes through the data version, and does not rebuild
//! its own writes twice.
//!
//! The server is `DOSSIER_TEST_PG` (default
//! `postgres://postgres@127.0.0.1:5432/test`), in a schema of this test's
//! own, dropped at the end. Where it cannot be reached the test skips with a
//! notice; with `CI=true` (or `DOSSIER_REQUIRE_PG=1`) it fails instead.

use std::io::Write;
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use dossier_core::annotate;
use dossier_ingest::{read_inputs, Overrides};
use dossier_server::AppState;
use dossier_store::pg::PgTarget;
use dossier_store::{Location, Store};

use crate::common::{self, TOKEN};
use crate::util::{call, get};

const POLL: Duration = Duration::from_millis(100);

/// A fresh schema's URL, dropped with the guard; `None` (with a notice)
/// when PostgreSQL cannot be reached outside CI.
pub(crate) struct Schema {
    base: String,
    name: String,
}

impl Schema {
    pub(crate) fn new() -> Option<Schema> {
        let base = std::env::var("DOSSIER_TEST_PG")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string());
        if let Err(e) = PgTarget::parse(&base).and_then(|t| t.connect()) {
            let required = std::env::var("CI").is_ok_and(|v| v == "true")
                || std::env::var("DOSSIER_REQUIRE_PG").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "CI=true (or DOSSIER_REQUIRE_PG=1) but PostgreSQL is unreachable: {e}"
            );
            // Straight to stderr: the test harness captures eprintln!.
            let _ = writeln!(
                std::io::stderr(),
                "NOTICE: the server's PostgreSQL test is skipped: {e} (set DOSSIER_TEST_PG)"
            );
            return None;
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        Some(Schema { base, name: format!("dossier_srv_{}_{nanos}", std::process::id()) })
    }

    pub(crate) fn location(&self) -> Location {
        let sep = if self.base.contains('?') { '&' } else { '?' };
        Location::Postgres(format!("{}{sep}schema={}", self.base, self.name))
    }
}

/// The example corpus (and the hostile fixture) stored in a fresh PostgreSQL
/// schema and served: `check` gets the server's state, the location and the
/// documents. Returns at once, with the notice, where PostgreSQL is absent
/// outside CI.
pub(crate) fn on_postgres_examples(
    check: impl AsyncFnOnce(AppState, Location, Vec<dossier_core::Annotated>),
) {
    let Some(schema) = Schema::new() else { return };
    let rt =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let location = schema.location();
        let docs: Vec<_> = read_inputs(
            &[common::root().join("examples/articles"), common::fixture("hostile.jsonl")],
            &Overrides::default(),
        )
        .map(|d| annotate(d.expect("example inputs read")))
        .collect();
        Store::open_location(&location).unwrap().insert_batch(&docs).unwrap();
        let st = AppState::open(&location, TOKEN).unwrap();
        check(st, location, docs).await;
    });
    drop(rt);
    drop(schema);
}

impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut c) = PgTarget::parse(&self.base).and_then(|t| t.connect()) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

async fn total(st: &AppState) -> Option<u64> {
    get(st, "/api/v1/documents?limit=1").await.json()["total"].as_u64()
}

#[test]
fn serves_and_follows_a_postgres_store() {
    // The schema is made and dropped outside the runtime: a sync client
    // cannot block inside one.
    let Some(schema) = Schema::new() else { return };
    let rt =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(serve_and_follow(schema.location()));
    drop(rt);
    drop(schema);
}

async fn serve_and_follow(location: Location) {
    let docs: Vec<_> =
        read_inputs(&[common::root().join("examples/articles")], &Overrides::default())
            .map(|d| annotate(d.expect("example inputs read")))
            .collect();
    let mut other = Store::open_location(&location).unwrap();
    other.insert_batch(&docs).unwrap();

    let st = AppState::open(&location, TOKEN).unwrap();
    assert_eq!(st.db_location(), &location);
    let _follow = st.follow_database(POLL);
    assert_eq!(total(&st).await, Some(docs.len() as u64));
    let found = get(&st, "/api/v1/search?q=Khorasan").await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    assert!(!found.json()["documents"].as_array().unwrap().is_empty(), "{}", found.body);

    // Another process removes a document: the server notices.
    let gone = docs[0].doc.id.clone();
    assert!(other.remove(&gone).unwrap().is_some());
    let t = Instant::now();
    while total(&st).await != Some(docs.len() as u64 - 1) {
        assert!(t.elapsed() < Duration::from_secs(5), "the removal never showed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let r = get(&st, &format!("/api/v1/documents/{gone}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);

    // The server's own upload shows at once and is rebuilt once.
    let body = std::fs::read(common::fixture("hostile-upload.txt")).unwrap();
    let r = call(&st, Method::POST, "/api/v1/documents?name=up.txt", Some(TOKEN), body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(total(&st).await, Some(docs.len() as u64));
    let generation = st.snapshot().generation;
    tokio::time::sleep(POLL * 5).await;
    assert_eq!(st.snapshot().generation, generation, "the poll rebuilt the server's own write");
}
