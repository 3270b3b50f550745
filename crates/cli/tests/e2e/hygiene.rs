//! Issue 16 on the bundled corpus (and the seeds, when `../shared` is
//! present): no alias is a generic word, and `conflicts` lists conflicts only.

use std::path::PathBuf;

use dossier_core::lexicon::LEXICON;
use serde_json::Value;

use crate::util::*;

fn corpus() -> Vec<PathBuf> {
    let mut files = example_files();
    if let Some(seeds) = shared().map(|s| s.join("seeds")).filter(|p| p.is_dir()) {
        files.push(seeds);
    }
    files
}

#[test]
fn the_catalog_has_no_generic_alias() {
    let catalog = std::fs::read_to_string(workspace().join("data/groups.tsv")).unwrap();
    let mut rows = 0;
    for row in catalog.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = row.split('\t').collect();
        rows += 1;
        for alias in cols.get(2).unwrap_or(&"").split('|').filter(|a| !a.is_empty()) {
            assert!(!LEXICON.is_generic_alias(alias), "{}: generic alias {alias:?}", cols[0]);
        }
    }
    assert!(rows > 100, "the catalog was read");
}

#[test]
fn no_reconciled_entity_of_the_corpus_has_a_generic_alias() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("aliases.db");
    assert!(run(bin().arg("ingest").args(corpus()).args(["--quiet", "--db"]).arg(&db))
        .status
        .success());
    let records = jsonl(&run(bin().args(["export", "--format", "jsonl", "--db"]).arg(&db)));
    let entities = of_type(&records, "entity");
    assert!(entities.len() > 20, "the corpus was read");
    for e in entities {
        for a in e["aliases"].as_array().unwrap() {
            let a = a.as_str().unwrap();
            assert!(!LEXICON.is_generic_alias(a), "{} has the generic alias {a:?}", e["name"]);
        }
    }
}

#[test]
fn conflicts_lists_only_conflicts_whose_pairs_disagree() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h16.db");
    assert!(run(bin().arg("ingest").args(corpus()).args(["--quiet", "--db"]).arg(&db))
        .status
        .success());
    let out = run(bin().args(["conflicts", "--format", "json", "--db"]).arg(&db));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let list = v["findings"].as_array().expect("a list of conflicts");
    assert!(!list.is_empty(), "the corpus has real disagreements: {text}");
    for f in list {
        assert_eq!(f["verdict"], "conflict", "{f}");
        let pair = f["pairs"][0].as_array().expect("a disagreeing pair");
        assert_ne!(pair[0]["claim"], pair[1]["claim"], "{f}");
    }
    // Every conflict's summary names the sources it sets against each other.
    let records = jsonl(&run(bin().args(["export", "--format", "jsonl", "--db"]).arg(&db)));
    for f in of_type(&records, "finding").into_iter().filter(|f| f["verdict"] == "conflict") {
        let summary = f["summary"].as_str().unwrap();
        assert!(summary.contains(" vs "), "{summary}");
    }
}
