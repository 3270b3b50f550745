//! `dossier ingest` and `extract` on WARC archives written by the test.

use dossier_ingest::WarcWriter;

use super::util::{bin, jsonl, of_type, run};

const DATE: &str = "2023-06-02T05:10:00Z";

fn page(title: &str, text: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><nav>Menu</nav>\
         <article><h1>{title}</h1><p>{text}</p></article></body></html>"
    )
}

/// warcinfo, then per page a request and a response; an image between.
fn archive(gzip: bool) -> Vec<u8> {
    let mut w = WarcWriter::new(Vec::new(), gzip);
    w.record("warcinfo", "", DATE, b"software: test\r\n").unwrap();
    for (path, title, text) in [
        (
            "/storm",
            "Storm cuts power to coastal towns",
            "A storm cut power to four coastal towns on Thursday night, the grid operator said.",
        ),
        (
            "/school",
            "School year to start a week late",
            "The new school year will start a week late because of repairs, the education \
             office announced.",
        ),
    ] {
        let uri = format!("https://wire.example{path}");
        w.request(&uri, DATE).unwrap();
        w.html_response(&uri, DATE, &page(title, text)).unwrap();
        w.response("https://wire.example/pic.jpg", DATE, "image/jpeg", b"\xff\xd8\xff").unwrap();
    }
    w.finish().unwrap()
}

#[test]
fn ingest_reads_warc_gz_and_counts_the_records_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, archive(true)).unwrap();
    let db = dir.path().join("w.db");
    let out = run(bin().arg("ingest").arg(&path).arg("--db").arg(&db));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("read 2 documents: 2 stored"), "{stderr}");
    assert!(
        stderr.contains(
            "passed over 5 WARC records without an article: 3 not responses (requests, \
             metadata, ...), 2 responses that are not HTML pages"
        ),
        "{stderr}"
    );
    let out = run(bin().arg("extract").arg(dir.path().join("crawl.warc.gz")));
    let records = jsonl(&out);
    let docs = of_type(&records, "document");
    assert_eq!(docs.len(), 2);
    let urls: Vec<&str> = docs.iter().map(|d| d["url"].as_str().unwrap()).collect();
    assert!(urls.contains(&"https://wire.example/storm"), "{urls:?}");
    assert!(docs.iter().all(|d| d["published"] == "2023-06-02"), "{docs:?}");
}

#[test]
fn a_truncated_archive_keeps_the_records_before_and_names_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let full = archive(false);
    let path = dir.path().join("cut.warc");
    std::fs::write(&path, &full[..full.len() - 30]).unwrap();
    let db = dir.path().join("w.db");
    let out = run(bin().arg("ingest").arg(&path).arg("--db").arg(&db));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("read 2 documents: 2 stored"), "{stderr}");
    let named = format!("dossier: skipped {}: record 7 at byte ", path.display());
    assert!(stderr.contains(&named), "{stderr}");
    assert!(stderr.contains("truncated: the archive ends"), "{stderr}");
}
