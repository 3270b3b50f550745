//! `dossier eval events` on the project's own ACLED-layout fixtures.

use crate::util::bin as dossier;

fn share(out: &str, label: &str) -> f64 {
    let line = out.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("{out}"));
    let pct = line[label.len()..].split('%').next().unwrap().trim();
    pct.parse::<f64>().unwrap() / 100.0
}

#[test]
fn acled_layout_rows_are_scored() {
    for file in ["acled_style.csv", "heldout.csv", "heldout2.csv"] {
        let path = format!("{}/../core/testdata/events/{file}", env!("CARGO_MANIFEST_DIR"));
        let out = dossier().args(["eval", "events", &path]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("rows"), "{text}");
        assert!(share(&text, "killed total = fatalities") >= 0.9, "{file}: {text}");
        // heldout2.csv keeps two rows whose event_date differs from the date the
        // note itself gives, as ACLED rows sometimes do.
        assert!(share(&text, "event date = event_date") >= 0.85, "{file}: {text}");
        assert!(share(&text, "perpetrator/target matches actor1/actor2") >= 0.8, "{file}: {text}");
    }
}

#[test]
fn a_file_without_the_columns_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(&path, "a,b\n1,2\n").unwrap();
    let out = dossier().args(["eval", "events", path.to_str().unwrap()]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv") && err.contains("event_date"), "{err}");
}
