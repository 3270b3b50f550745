//! Property tests of the readers of `dossier-ingest` (issue 12 §2, PDF issue 15),
//! beside the fuzzer that shares their aim: on any input they
//! return documents or one-line errors naming the input, never panic; a
//! document's text is normalized and its id is the text's; reading is
//! deterministic, reading a file is reading its bytes, and ingesting a
//! stored document's text again gives the same document.

use dossier_ingest::{
    document_id, normalize_text, read_bytes, read_inputs, Format, Overrides, WarcWriter,
};
use proptest::prelude::*;

const FORMATS: [Format; 4] = [Format::Text, Format::Markdown, Format::Html, Format::Jsonl];

fn label(format: Format) -> &'static str {
    match format {
        Format::Text => "prop.txt",
        Format::Markdown => "prop.md",
        Format::Html => "prop.html",
        Format::Jsonl => "prop.jsonl",
        Format::Pdf => "prop.pdf",
        Format::Warc => "prop.warc",
    }
}

/// Reads `bytes` and checks what every reader promises of every result.
fn read_checked(format: Format, bytes: &[u8]) -> Vec<Result<dossier_core::Document, String>> {
    let name = label(format);
    let out = read_bytes(name, format, bytes, &Overrides::default());
    assert!(!out.is_empty(), "{format:?}: no document and no error for {bytes:?}");
    out.into_iter()
        .map(|r| match r {
            Ok(doc) => {
                assert!(!doc.text.trim().is_empty(), "{format:?}: empty text from {bytes:?}");
                assert!(!doc.text.contains(['\0', '\r']), "{format:?}: {:?}", doc.text);
                assert_eq!(doc.text, doc.text.trim_end(), "{format:?}: trailing space");
                assert_eq!(doc.id, document_id(&doc.text));
                assert_eq!(doc.path.as_deref(), Some(name));
                for field in [&doc.title, &doc.source, &doc.url].into_iter().flatten() {
                    assert!(!field.is_empty() && !field.contains(['\n', '\r']), "{field:?}");
                }
                Ok(doc)
            }
            Err(e) => {
                assert_eq!(e.path, name);
                assert!(!e.reason.trim().is_empty() && !e.reason.contains('\n'), "{e}");
                assert!(e.line.is_none() || format == Format::Jsonl, "{e}");
                Err(e.to_string())
            }
        })
        .collect()
}

/// Pieces of every format, so that random mixes reach the readers' header,
/// tag, field and line-ending paths.
const PIECES: &[&str] = &[
    "Title: ",
    "Published: ",
    "Source: ",
    "URL: ",
    "Date: ",
    "2022-03-01",
    "1 March 2022",
    "not a date",
    "---\n",
    "# ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " ",
    "\t",
    "\u{feff}",
    "\0",
    "\u{a0}",
    "<html>",
    "<body>",
    "<article>",
    "</article>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<nav>",
    "<title>",
    "</title>",
    "<script>",
    "<!--",
    "-->",
    "<meta property=\"og:title\" content=\"",
    "\">",
    "&amp;",
    "&lt;",
    "{\"text\":\"",
    "{\"body\":\"",
    "\"title\":\"",
    "\",",
    "\"}",
    "}",
    "[1]",
    "null",
    "Gunmen attacked a convoy near Bannu.",
    "The group said it was behind the raid.",
    "é",
    "\u{2014}",
    "日本",
];

fn pieces() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec((0..PIECES.len(), any::<u8>(), 0u8..16), 0..32).prop_map(|parts| {
        let mut bytes = Vec::new();
        for (k, stray, odds) in parts {
            bytes.extend_from_slice(PIECES[k].as_bytes());
            if odds == 0 {
                // A stray byte, often invalid UTF-8.
                bytes.push(stray);
            }
        }
        bytes
    })
}

/// A plain-text article with header lines, line ends and a BOM of any kind.
fn text_article() -> impl Strategy<Value = (Vec<u8>, String)> {
    let eol = prop_oneof![Just("\n"), Just("\r\n"), Just("\r")];
    (
        any::<bool>(),
        "[A-Z][a-z]{2,12}( [a-z]{2,10}){0,4}",
        prop::option::of((2000i32..2030, 1u32..=12, 1u32..=28)),
        prop::collection::vec("[A-Z][a-z]{1,9}( [a-z]{1,9}){2,12}\\.", 1..6),
        eol,
    )
        .prop_map(|(bom, title, date, sentences, eol)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            s.push_str(&format!("Title: {title}{eol}"));
            if let Some((y, m, d)) = date {
                s.push_str(&format!("Published: {y:04}-{m:02}-{d:02}{eol}"));
            }
            s.push_str(eol);
            s.push_str(&sentences.join(eol));
            s.push_str(eol);
            (s.into_bytes(), title)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn no_bytes_make_a_reader_panic(bytes in prop::collection::vec(any::<u8>(), 0..300), f in 0..4usize) {
        read_checked(FORMATS[f], &bytes);
    }

    #[test]
    fn no_mix_of_format_pieces_makes_a_reader_panic(bytes in pieces(), f in 0..4usize) {
        read_checked(FORMATS[f], &bytes);
    }

    #[test]
    fn reading_is_deterministic(bytes in pieces(), f in 0..4usize) {
        prop_assert_eq!(read_checked(FORMATS[f], &bytes), read_checked(FORMATS[f], &bytes));
    }

    #[test]
    fn header_lines_are_read_whatever_the_line_ends_and_bom((bytes, title) in text_article()) {
        for format in [Format::Text, Format::Markdown] {
            let out = read_checked(format, &bytes);
            prop_assert_eq!(out.len(), 1);
            let doc = out[0].as_ref().unwrap();
            prop_assert_eq!(doc.title.as_deref(), Some(title.as_str()));
            prop_assert!(!doc.text.contains("Title:"), "{:?}", doc.text);
        }
    }

    /// Idempotent ingest: a stored document's text, ingested again (as a
    /// JSON Lines article, the export format), is the same document.
    #[test]
    fn ingesting_stored_text_again_gives_the_same_document(bytes in pieces(), f in 0..3usize) {
        for doc in read_checked(FORMATS[f], &bytes).into_iter().flatten() {
            let line = serde_json::json!({"text": doc.text, "title": doc.title}).to_string();
            let again = read_checked(Format::Jsonl, line.as_bytes());
            prop_assert_eq!(again.len(), 1);
            let again = again[0].as_ref().unwrap();
            prop_assert_eq!(&again.id, &doc.id);
            prop_assert_eq!(&again.title, &doc.title);
            // A second BOM behind the first survives one normalization.
            prop_assert_eq!(again.text.as_str(), doc.text.trim_start_matches('\u{feff}'));
            prop_assert_eq!(normalize_text(&again.text), again.text.clone());
        }
    }

    /// Each JSON Lines line is one result, in order: the article, or an
    /// error naming the line.
    #[test]
    fn each_json_lines_line_is_one_result(
        lines in prop::collection::vec(
            prop_oneof![
                "\\PC{0,40}".prop_map(|t| (serde_json::json!({"text": t}).to_string(), Some(t))),
                "\\PC{0,20}".prop_map(|junk| (junk, None)),
            ],
            1..8,
        )
    ) {
        let mut bytes = Vec::new();
        for (line, _) in &lines {
            bytes.extend_from_slice(line.replace(['\n', '\r'], " ").as_bytes());
            bytes.push(b'\n');
        }
        let out = read_checked(Format::Jsonl, &bytes);
        let articles: Vec<_> = lines
            .iter()
            .enumerate()
            .filter(|(_, (l, _))| !l.bytes().all(|b| b.is_ascii_whitespace()))
            .collect();
        if articles.is_empty() {
            prop_assert_eq!(out.len(), 1);
            prop_assert!(out[0].as_ref().unwrap_err().contains("only blank lines"));
        } else {
            prop_assert_eq!(out.len(), articles.len());
            for (result, (i, (_, text))) in out.iter().zip(articles) {
                match (result, text) {
                    (Ok(doc), Some(t)) => prop_assert_eq!(&doc.text, &normalize_text(t)),
                    (Err(e), Some(t)) => {
                        prop_assert!(normalize_text(t).trim().is_empty() || t.contains('\0'), "{e}");
                        prop_assert!(e.starts_with(&format!("prop.jsonl:{}: ", i + 1)), "{e}");
                    }
                    (Err(e), None) => {
                        prop_assert!(e.starts_with(&format!("prop.jsonl:{}: ", i + 1)), "{e}");
                    }
                    // Junk that happens to be a JSON article.
                    (Ok(_), None) => {}
                }
            }
        }
    }
}

proptest! {
    // Each case writes a file.
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn reading_a_file_is_reading_its_bytes(bytes in pieces(), f in 0..4usize) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(label(FORMATS[f]));
        std::fs::write(&path, &bytes).unwrap();
        let name = path.to_str().unwrap();
        let from_file: Vec<_> = read_inputs(std::slice::from_ref(&path), &Overrides::default()).collect();
        let from_bytes = read_bytes(name, FORMATS[f], &bytes, &Overrides::default());
        prop_assert_eq!(from_file, from_bytes);
    }
}

/// The generated PDFs (`scripts/make_pdf_fixtures.py`), good and bad.
fn pdf_seeds() -> Vec<Vec<u8>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
    let mut out = Vec::new();
    for dir in ["pdf", "bad"] {
        let mut paths: Vec<_> =
            std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")) {
            out.push(std::fs::read(p).unwrap());
        }
    }
    assert!(out.len() >= 6, "PDF fixtures missing: run scripts/make_pdf_fixtures.py");
    out
}

/// A fixture PDF with bytes overwritten, runs cut out and a tail cut off.
fn mutated_pdf() -> impl Strategy<Value = Vec<u8>> {
    let seeds = pdf_seeds();
    (
        0..seeds.len(),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..12),
        prop::collection::vec((any::<prop::sample::Index>(), 1usize..64), 0..3),
        any::<prop::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(move |(k, flips, cuts, end, truncate)| {
            let mut bytes = seeds[k].clone();
            for (at, b) in flips {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            for (at, len) in cuts {
                let i = at.index(bytes.len());
                bytes.drain(i..(i + len).min(bytes.len()));
            }
            if truncate {
                bytes.truncate(end.index(bytes.len() + 1));
            }
            bytes
        })
}

/// A PDF's pages: ascending offsets on char boundaries inside its text.
fn check_pages(out: &[Result<dossier_core::Document, String>]) {
    for doc in out.iter().flatten() {
        assert!(!doc.pages.is_empty(), "a PDF document without pages");
        assert!(doc.pages.windows(2).all(|w| w[0] <= w[1]), "{:?}", doc.pages);
        for &p in &doc.pages {
            assert!(p <= doc.text.len() && doc.text.is_char_boundary(p), "{p} in {:?}", doc.text);
        }
    }
}

proptest! {
    // Each case parses a whole PDF.
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn no_bytes_after_a_pdf_header_make_the_pdf_reader_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..400)
    ) {
        let mut pdf = b"%PDF-1.4\n".to_vec();
        pdf.extend_from_slice(&bytes);
        check_pages(&read_checked(Format::Pdf, &pdf));
        check_pages(&read_checked(Format::Pdf, &bytes));
    }

    #[test]
    fn no_mutation_of_a_fixture_makes_the_pdf_reader_panic(bytes in mutated_pdf()) {
        let out = read_checked(Format::Pdf, &bytes);
        check_pages(&out);
        prop_assert_eq!(out, read_checked(Format::Pdf, &bytes));
    }
}

/// A small archive: a request, an HTML page, an image and another page.
fn archive(gzip: bool) -> Vec<u8> {
    let page = |t: &str| {
        format!(
            "<html><head><title>{t}</title></head><body><article><p>{t} reopened on \
                 Monday after repairs, the council said.</p></article></body></html>"
        )
    };
    let mut w = WarcWriter::new(Vec::new(), gzip);
    let date = "2022-03-01T10:00:00Z";
    w.request("https://news.example/a", date).unwrap();
    w.html_response("https://news.example/a", date, &page("The library")).unwrap();
    w.response("https://news.example/i.png", date, "image/png", b"\x89PNG").unwrap();
    w.html_response("https://news.example/b", date, &page("The pool")).unwrap();
    w.finish().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn no_bytes_make_the_warc_reader_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), gz in any::<bool>()) {
        // Random bytes, and random bytes behind a gzip or WARC opening.
        let mut input = if gz { vec![0x1f, 0x8b, 8, 0] } else { b"WARC/1.0\r\n".to_vec() };
        input.extend_from_slice(&bytes);
        read_checked(Format::Warc, &bytes);
        read_checked(Format::Warc, &input);
    }

    #[test]
    fn a_damaged_archive_gives_results_not_panics(
        gzip in any::<bool>(),
        cut in 0.0f64..1.0,
        flips in prop::collection::vec((0.0f64..1.0, any::<u8>()), 0..4),
    ) {
        let mut bytes = archive(gzip);
        for (at, b) in flips {
            let i = (at * bytes.len() as f64) as usize % bytes.len();
            bytes[i] = b;
        }
        bytes.truncate((cut * bytes.len() as f64) as usize);
        let out = read_checked(Format::Warc, &bytes);
        // At most the two pages, plus errors.
        prop_assert!(out.iter().filter(|r| r.is_ok()).count() <= 2);
    }

    #[test]
    fn an_undamaged_archive_gives_its_two_pages(gzip in any::<bool>()) {
        let out = read_checked(Format::Warc, &archive(gzip));
        prop_assert_eq!(out.len(), 2);
        prop_assert!(out.iter().all(Result::is_ok));
    }
}

/// Found by `a_damaged_archive_gives_results_not_panics`: a flipped bit in
/// gzip data left a lone CR inside the target URI, which became the URL.
#[test]
fn a_control_character_in_the_target_uri_leaves_the_url_out() {
    let mut w = WarcWriter::new(Vec::new(), false);
    let html = "<html><body><p>The market reopened on Friday.</p></body></html>";
    w.html_response("https://news.exampl \r0p0", "2022-03-01T10:00:00Z", html).unwrap();
    let out = read_checked(Format::Warc, &w.finish().unwrap());
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].as_ref().unwrap().url, None);
}
