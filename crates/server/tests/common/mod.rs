//! Shared set-up: a database of the example corpus plus the hostile fixture.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use dossier_core::annotate;
use dossier_ingest::{read_inputs, Overrides};
use dossier_server::AppState;
use dossier_store::Store;

/// The token the tests' servers require.
pub const TOKEN: &str = "test-token-0123456789";

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fixture file of this crate.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Ingests the example corpus and the hostile article into `dir/t.db` and
/// opens the server state on it.
pub fn state(dir: &Path) -> AppState {
    let db = dir.join("t.db");
    let mut store = Store::open(&db).expect("open store");
    let paths = vec![root().join("examples/articles"), fixture("hostile.jsonl")];
    let mut docs = Vec::new();
    for d in read_inputs(&paths, &Overrides::default()) {
        docs.push(annotate(d.expect("example inputs read")));
    }
    assert!(docs.len() >= 10, "example corpus found: {}", docs.len());
    store.insert_batch(&docs).expect("insert");
    drop(store);
    AppState::open(&db, TOKEN).expect("state")
}

/// The id of the hostile article.
pub fn hostile_id(state: &AppState) -> String {
    let s = state.snapshot();
    s.docs
        .iter()
        .find(|a| a.doc.title.as_deref().is_some_and(|t| t.contains("<script>")))
        .map(|a| a.doc.id.clone())
        .expect("hostile article stored")
}
