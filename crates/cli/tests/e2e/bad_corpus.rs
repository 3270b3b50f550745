//! Issue 12 §2: the bad-input corpus in `testdata/bad/`, plus the inputs too
//! big to check in (generated here), ingested in one batch. Each bad file
//! gets one error line naming it (and the line, for JSON Lines) and the
//! reason; every good file and line beside them is stored, cleanly
//! normalized; a second ingest stores nothing new.

use std::collections::BTreeSet;
use std::path::Path;

use crate::util::*;

/// What becomes of one input: stored, or skipped with a reason containing
/// the given words.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Outcome {
    Stored,
    Error(&'static str),
}
use Outcome::*;

/// The checked-in files and JSON Lines lines, and what ingest makes of each.
const CHECKED_IN: &[(&str, Outcome)] = &[
    ("binary.txt", Error("binary file (NUL bytes in the first 8 KiB), skipped")),
    ("nul.txt", Error("binary file (NUL bytes in the first 8 KiB), skipped")),
    ("latin1.txt", Error("not valid UTF-8 at byte 10, skipped: convert it to UTF-8")),
    ("utf16.txt", Error("UTF-16 text, skipped: convert it to UTF-8")),
    ("empty.txt", Error("empty file, nothing to ingest")),
    ("whitespace.md", Error("empty file (only whitespace), nothing to ingest")),
    ("blank.jsonl", Error("no articles, only blank lines: nothing to ingest")),
    // An HTML page cut off mid-tag still has its first paragraph.
    ("truncated.html", Stored),
    ("broken.html", Error("no article text found in the HTML, skipped")),
    // A BOM before the header lines and CRLF line ends hide nothing.
    ("bom.txt", Stored),
    ("crlf.txt", Stored),
    ("good.txt", Stored),
    ("good.md", Stored),
    ("good.html", Stored),
    ("broken.jsonl:1", Stored),
    ("broken.jsonl:2", Error("invalid JSON (EOF while parsing a string")),
    ("broken.jsonl:3", Error("expected a JSON object, found an array")),
    ("broken.jsonl:4", Error("no \"text\" or \"body\" field")),
    ("broken.jsonl:5", Error("\"text\" should be a string, found a number")),
    // Line 6 is blank: not an article, not an error.
    ("broken.jsonl:7", Error("empty \"text\", nothing to ingest")),
    ("broken.jsonl:8", Error("not valid UTF-8 at byte 13 of the line, skipped")),
    ("broken.jsonl:9", Stored),
    // Issue 15: PDFs that have no text to give.
    ("encrypted.pdf", Error("encrypted PDF: it needs a password, skipped")),
    ("scanned.pdf", Error("no text layer: OCR it first (2 pages without any text), skipped")),
    // A form that draws itself would recurse until the stack ran out.
    ("form_loop.pdf", Error("broken PDF: its form XObjects draw each other in a loop")),
];

/// The limit passed to `--max-doc-bytes`.
const MAX_DOC_BYTES: usize = 100_000;

/// A sentence of news text, repeated to size.
const FILLER: &str =
    "Officials in Baidoa said the road to the airport was open again on Thursday. ";

/// The inputs generated into `dir`, and what ingest makes of each.
fn generate(dir: &Path) -> Vec<(&'static str, Outcome)> {
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    // 100,000 nested elements: the reader drops the tags past depth 512 and
    // keeps the text, in linear time.
    let depth = 100_000;
    write(
        "nested.html",
        format!(
            "<html><body>{}<p>Deep inside the page, a patrol found the missing radio mast near Jowhar.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        )
        .as_bytes(),
    );
    // Text over the extraction budget.
    let mut big = String::from("Title: Too long to read\n\n");
    while big.len() <= MAX_DOC_BYTES {
        big.push_str(FILLER);
    }
    write("over_budget.txt", big.as_bytes());
    // A file over the readers' hard 50 MiB limit is refused before it is read.
    let huge = vec![b'a'; (50 << 20) + 1];
    write("over_50_mib.txt", &huge);
    // A NUL past the first 8 KiB is not binary: it is dropped from the text.
    let mut late = String::from("Title: Late NUL\n\n");
    while late.len() < 9 * 1024 {
        late.push_str("Traders in Baidoa said prices at the cattle market fell again this week. ");
    }
    late.push_str("\0The last line follows a NUL byte.");
    write("nul_after_8_kib.txt", late.as_bytes());
    // A PDF whose catalog names no pages and whose table is missing.
    write("broken.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
    vec![
        ("nested.html", Stored),
        ("broken.pdf", Error("broken PDF: ")),
        (
            "over_budget.txt",
            Error("bytes, over the limit of 100000 bytes per document; raise --max-doc-bytes"),
        ),
        ("over_50_mib.txt", Error("MiB, over the 50 MiB limit, skipped")),
        ("nul_after_8_kib.txt", Stored),
    ]
}

#[test]
fn issue_12_the_bad_input_corpus_is_reported_file_by_file_and_the_rest_stored() {
    let corpus = workspace().join("testdata/bad");
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        if !name.starts_with('.') {
            std::fs::copy(&path, inputs.join(name)).unwrap();
        }
    }
    let mut expected = CHECKED_IN.to_vec();
    expected.extend(generate(&inputs));
    // Every checked-in file has its row, and every row its file.
    let files: BTreeSet<String> = std::fs::read_dir(&inputs)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let named: BTreeSet<String> =
        expected.iter().map(|(n, _)| n.split(':').next().unwrap().to_string()).collect();
    assert_eq!(files, named, "testdata/bad and the table disagree");

    let db = dir.path().join("bad.db");
    let ingest = || {
        run(bin().arg("ingest").arg(&inputs).arg("--db").arg(&db).args([
            "--quiet",
            "--max-doc-bytes",
            &MAX_DOC_BYTES.to_string(),
        ]))
    };
    let out = ingest();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "some inputs failed: {stderr}");
    let skipped: Vec<&str> =
        stderr.lines().filter(|l| l.starts_with("dossier: skipped ")).collect();

    for &(name, outcome) in &expected {
        // "…/in/broken.jsonl:2: reason", "…/in/binary.txt: reason".
        let named = format!("{}{name}: ", std::path::MAIN_SEPARATOR);
        let lines: Vec<&&str> = skipped.iter().filter(|l| l.contains(&named)).collect();
        match outcome {
            Error(reason) => {
                assert_eq!(lines.len(), 1, "{name}: one error line expected: {stderr}");
                let line = lines[0];
                assert!(line.contains(reason), "{name}: wrong reason, want {reason:?}: {line}");
                assert!(line.len() < 300 && !line.contains('\r'), "{name}: one short line: {line}");
            }
            Stored => assert!(lines.is_empty(), "{name} was stored, not skipped: {stderr}"),
        }
    }
    let errors = expected.iter().filter(|(_, o)| *o != Stored).count();
    assert_eq!(skipped.len(), errors, "one line per bad input, no more: {stderr}");
    let stored = expected.len() - errors;
    assert!(stderr.contains(&format!("{stored} stored, 0 already")), "{stderr}");

    // The stored documents: the good ones, normalized.
    let out = run(bin().args(["export", "--format", "jsonl", "--with-text", "--db"]).arg(&db));
    assert!(out.status.success());
    let records = jsonl(&out);
    let docs = of_type(&records, "document");
    assert_eq!(docs.len(), stored);
    let doc = |file: &str| {
        *docs
            .iter()
            .find(|d| d["path"].as_str().is_some_and(|p| p.ends_with(file)))
            .unwrap_or_else(|| panic!("{file} is not stored"))
    };
    for d in &docs {
        let text = d["text"].as_str().unwrap();
        assert!(!text.trim().is_empty(), "{d}");
        assert!(!text.contains(['\r', '\0']) && !text.starts_with('\u{feff}'), "{d}");
    }
    for (file, title, published) in [
        ("bom.txt", "Checkpoint attack", "2023-04-11"),
        ("crlf.txt", "Market reopens", "2023-05-02"),
        ("truncated.html", "Convoy hit near Dori", "2023-06-14"),
    ] {
        let d = doc(file);
        assert_eq!(d["title"], title, "{file}: the header was read: {d}");
        assert_eq!(d["published"], published, "{file}: {d}");
    }
    assert!(doc("crlf.txt")["text"].as_str().unwrap().contains("closed it.\n\nSoldiers"));
    assert!(doc("truncated.html")["text"].as_str().unwrap().contains("wounding five drivers"));
    assert!(doc("nested.html")["text"].as_str().unwrap().contains("the missing radio mast"));
    let late = doc("nul_after_8_kib.txt")["text"].as_str().unwrap();
    assert!(late.ends_with("The last line follows a NUL byte."), "{late}");

    // Ingest is idempotent: the same batch again stores nothing and names
    // the same failures.
    let again = ingest();
    let stderr2 = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(1), "{stderr2}");
    assert!(stderr2.contains(&format!("0 stored, {stored} already")), "{stderr2}");
    let skipped2: Vec<&str> =
        stderr2.lines().filter(|l| l.starts_with("dossier: skipped ")).collect();
    assert_eq!(skipped, skipped2);
}
