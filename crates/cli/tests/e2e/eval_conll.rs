//! `dossier eval conll` on the project's own CoNLL fixture, on bad input, and
//! on the Wikigold development set when `../shared` has it.

use crate::util::{bin as dossier, shared, workspace};

/// The F1 column of the line starting with `label`.
fn f1(out: &str, label: &str) -> f64 {
    let line = out
        .lines()
        .find(|l| l.split_whitespace().next() == Some(label))
        .unwrap_or_else(|| panic!("no {label} line in {out}"));
    line.split_whitespace().last().unwrap().parse().unwrap()
}

#[test]
fn own_fixture_is_scored_per_type() {
    let path = workspace().join("crates/core/testdata/conll/news_sample.conll");
    let out = dossier().args(["eval", "conll", path.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("documents 3 tokens 151"), "{text}");
    for label in ["PER", "ORG", "LOC", "MISC"] {
        assert!(f1(&text, label) > 0.5, "{label}: {text}");
    }
    assert!(f1(&text, "overall") >= 0.8, "{text}");
}

#[test]
fn verbose_lists_misses_and_a_bad_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("one.conll");
    std::fs::write(&good, "-DOCSTART- O\n\nOmar B-PER\nvisited O\nQandahar-e-Kohna B-LOC\n. O\n")
        .unwrap();
    let out = dossier().args(["eval", "conll", "-v", good.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("missed") || text.contains("overall"), "{text}");
    assert!(text.contains("overall"), "{text}");

    let bad = dir.path().join("bad.conll");
    std::fs::write(&bad, "Kabul B-LOC\nairport\n").unwrap();
    let out = dossier().args(["eval", "conll", bad.to_str().unwrap()]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.conll") && err.contains("line 2"), "{err}");
}

#[test]
fn wikigold_scores_above_the_floor() {
    let Some(path) = shared().map(|s| s.join("eval/wikigold.conll")).filter(|p| p.is_file()) else {
        eprintln!("skipped: ../shared/eval/wikigold.conll not present");
        return;
    };
    let out = dossier().args(["eval", "conll", path.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    eprintln!("{text}");
    // A regression floor below the measured figure (0.66 when written).
    assert!(f1(&text, "overall") >= 0.62, "{text}");
    for label in ["PER", "ORG", "LOC"] {
        assert!(f1(&text, label) >= 0.4, "{label}: {text}");
    }
}
