//! Issue 14, mixed corpora: a store that holds business news beside
//! conflict reports lists the same armed groups as one without it. The
//! business reports (`testdata/business/`) name companies, an alliance and
//! indexes ("the Tata group", "the G20 group"); none of them is a group.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::util::{bin, examples_dir, run, shared, workspace};

fn groups(db: &Path, inputs: &[PathBuf]) -> BTreeSet<(String, String)> {
    let out = run(bin().arg("ingest").args(inputs).arg("--db").arg(db).arg("--quiet"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(bin().args(["entities", "--kind", "group", "--format", "json", "--db"]).arg(db));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap().to_string(), e["name"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn business_news_adds_no_armed_group() {
    let dir = tempfile::tempdir().unwrap();
    let mut conflict = vec![examples_dir()];
    // The seed articles too, when `../shared` is there.
    if let Some(seeds) = shared().map(|s| s.join("seeds")).filter(|p| p.is_dir()) {
        conflict.push(seeds);
    }
    let alone = groups(&dir.path().join("a.db"), &conflict);
    let mut mixed_inputs = conflict.clone();
    mixed_inputs.push(workspace().join("testdata/business"));
    let mixed = groups(&dir.path().join("b.db"), &mixed_inputs);
    let names: Vec<&str> = mixed.iter().map(|(_, n)| n.as_str()).collect();
    for company in ["Menatep", "Tata", "Chrysler", "G20", "Lagardère", "FTSE", "Nikkei"] {
        assert!(
            !names.iter().any(|n| n.contains(company)),
            "{company} listed as a group: {names:?}"
        );
    }
    assert_eq!(mixed, alone, "the same armed groups with and without the business news");
    for real in ["Islamic State Khorasan Province", "Al-Shabaab", "Boko Haram", "Taliban"] {
        assert!(names.contains(&real), "{real} still listed: {names:?}");
    }
}
