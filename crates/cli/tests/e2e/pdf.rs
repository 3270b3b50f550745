//! Issue 15: PDF reports through the CLI. The fixtures are written by
//! `scripts/make_pdf_fixtures.py` into `testdata/pdf` (and the encrypted and
//! image-only ones into `testdata/bad`, checked by `bad_corpus.rs`).

use serde_json::Value;

use crate::util::*;

fn report() -> std::path::PathBuf {
    workspace().join("testdata/pdf/report.pdf")
}

/// The page a span of `doc` starts on, from the record's page offsets.
fn page_of(doc: &Value, start: u64) -> usize {
    let pages: Vec<u64> =
        doc["pages"].as_array().unwrap().iter().map(|p| p.as_u64().unwrap()).collect();
    pages.partition_point(|&p| p <= start)
}

#[test]
fn issue_15_extract_reads_a_pdf_report_with_its_pages() {
    let out = run(bin().arg("extract").arg(report()).arg("--with-text"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records = jsonl(&out);
    let docs = of_type(&records, "document");
    assert_eq!(docs.len(), 1);
    let doc = docs[0];
    assert_eq!(doc["title"], "Lake Chad Monitoring Digest: ISWAP strength");
    assert_eq!(doc["author"], "Sahel Research Desk");
    assert_eq!(doc["published"], "2024-03-14");
    let text = doc["text"].as_str().unwrap();
    let pages = doc["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 3, "{doc}");
    assert!(text[pages[1].as_u64().unwrap() as usize..].starts_with("Levies, losses"));

    // Every claim names the page its span starts on.
    let claims = of_type(&records, "claim");
    for c in &claims {
        let page = page_of(doc, c["span"][0].as_u64().unwrap());
        assert_eq!(c["page"], page, "{c}");
    }
    let strength = |low: f64| {
        claims
            .iter()
            .find(|c| c["predicate"] == "strength" && c["value"]["quantity"]["low"] == low)
            .unwrap_or_else(|| panic!("no strength claim of {low}: {claims:?}"))
    };
    let iswap = strength(4000.0);
    assert_eq!(iswap["subject"], "group:islamic-state-west-africa");
    assert_eq!(iswap["page"], 1);
    // "ISIS-" at a line end and "K" on the next line are one name again.
    let iskp = strength(1500.0);
    assert_eq!(iskp["subject"], "group:islamic-state-khorasan");
    assert_eq!(iskp["page"], 3);
}

#[test]
fn issue_15_ingest_stores_pdfs_and_export_keeps_their_pages() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pdf.db");
    let out = run(bin().arg("ingest").arg(workspace().join("testdata/pdf")).arg("--db").arg(&db));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("6 stored"), "{stderr}");
    let out = run(bin().args(["export", "--format", "jsonl", "--db"]).arg(&db));
    let records = jsonl(&out);
    let docs = of_type(&records, "document");
    assert_eq!(docs.len(), 6);
    for d in &docs {
        let pages = d["pages"].as_array().unwrap_or_else(|| panic!("no pages: {d}"));
        assert_eq!(pages[0], 0, "{d}");
    }
    let report = docs.iter().find(|d| d["path"].as_str().unwrap().ends_with("report.pdf")).unwrap();
    assert_eq!(report["pages"].as_array().unwrap().len(), 3);
    assert_eq!(report["author"], "Sahel Research Desk");
    let xmp = docs.iter().find(|d| d["path"].as_str().unwrap().ends_with("xmp.pdf")).unwrap();
    assert_eq!(xmp["title"], "Border crossings reopen near Mandera");
    assert_eq!(xmp["published"], "2023-11-02");
}

#[test]
fn issue_15_a_pdf_on_standard_input_is_sniffed() {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = bin()
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let bytes = std::fs::read(report()).unwrap();
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records = jsonl(&out);
    let doc = of_type(&records, "document")[0];
    assert_eq!(doc["path"], "-");
    assert_eq!(doc["pages"].as_array().map(Vec::len), Some(3), "{doc}");
}
