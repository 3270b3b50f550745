//! Integration tests of what is particular to the SQLite store (files that
//! are not databases, paths, scale), one module per area; what both backends
//! share is in `conformance.rs`.

mod common;

use common::rich;
use dossier_core::Annotated;
use dossier_store::{ErrorKind, Store, StoreError};

fn assert_err_kind<T: std::fmt::Debug>(r: Result<T, StoreError>, kind: ErrorKind) -> StoreError {
    let e = r.unwrap_err();
    assert_eq!(e.kind(), kind, "{e}");
    e
}

mod schema {
    use super::*;
    use dossier_store::SCHEMA_VERSION;

    #[test]
    fn an_empty_file_is_migrated_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.db");
        std::fs::write(&path, b"").unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(store.counts().unwrap(), Default::default());
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(store.name(), path.display().to_string());
    }

    #[test]
    fn a_missing_directory_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/x.db");
        let e = assert_err_kind(Store::open(&path), ErrorKind::Database);
        assert!(e.to_string().contains("no/such/dir"), "{e}");
    }

    #[test]
    fn a_file_that_is_not_sqlite_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        let content = "These are my notes, not a database.\n".repeat(100);
        std::fs::write(&path, &content).unwrap();
        let e = assert_err_kind(Store::open(&path), ErrorKind::NotADatabase);
        assert!(e.to_string().contains("notes.txt"), "{e}");
        // Untouched.
        assert_eq!(std::fs::read_to_string(&path).unwrap(), content);
    }

    #[test]
    fn a_tiny_non_sqlite_file_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tiny.json");
        std::fs::write(&path, "{}\n").unwrap();
        let e = assert_err_kind(Store::open(&path), ErrorKind::NotADatabase);
        assert!(e.to_string().contains("tiny.json"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}\n");
    }

    #[test]
    fn a_directory_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let e = Store::open(dir.path()).unwrap_err();
        assert!(e.to_string().contains("directory"), "{e}");
        assert!(e.to_string().contains(&dir.path().display().to_string()), "{e}");
    }
}

mod scale {
    use super::*;

    /// 100,000 annotated documents in batches of 1,000, then a listing, a
    /// streaming pass and a search. Slow in debug builds: run with
    /// `cargo test -p dossier-store -- --ignored`.
    #[test]
    #[ignore]
    fn hundred_thousand_documents() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("big.db")).unwrap();
        let template = rich("template");
        let t = std::time::Instant::now();
        let mut total = dossier_store::BatchStats::default();
        for batch in 0..100 {
            let docs: Vec<Annotated> = (0..1000)
                .map(|i| {
                    let mut a = template.clone();
                    a.doc.id = format!("{:016x}", batch * 1000 + i);
                    a
                })
                .collect();
            total += store.insert_batch(&docs).unwrap();
        }
        let insert = t.elapsed();
        assert_eq!(total.inserted, 100_000);
        assert_eq!(total.claims, 800_000);
        let t = std::time::Instant::now();
        assert_eq!(store.documents().unwrap().len(), 100_000);
        let list = t.elapsed();
        let t = std::time::Instant::now();
        let mut n = 0;
        store
            .for_each_annotated(|a| {
                n += a.claims.len();
                Ok::<(), StoreError>(())
            })
            .unwrap();
        assert_eq!(n, 800_000);
        let stream = t.elapsed();
        let t = std::time::Instant::now();
        assert_eq!(store.search("Khorasan", 20).unwrap().len(), 20);
        let search = t.elapsed();
        eprintln!("insert {insert:?}, list {list:?}, stream {stream:?}, search {search:?}");
    }
}
