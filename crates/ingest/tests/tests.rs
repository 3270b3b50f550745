//! Integration tests: the public API over the fixtures in `tests/fixtures`
//! and over bad input generated into temporary directories.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dossier_core::Document;
use dossier_ingest::{read_bytes, read_inputs, Format, IngestError, Overrides};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn read_all(paths: &[PathBuf], overrides: &Overrides) -> Vec<Result<Document, IngestError>> {
    read_inputs(paths, overrides).collect()
}

/// The single document read from one fixture.
fn one(name: &str) -> Document {
    let mut out = read_all(&[fixture(name)], &Overrides::default());
    assert_eq!(out.len(), 1, "{out:?}");
    out.remove(0).unwrap()
}

/// The single error read from one path.
fn one_error(path: &Path) -> IngestError {
    let mut out = read_all(&[path.to_path_buf()], &Overrides::default());
    assert_eq!(out.len(), 1, "{out:?}");
    out.remove(0).unwrap_err()
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

mod text {
    use super::*;

    #[test]
    fn header_lines_become_metadata_and_leave_the_body() {
        let doc = one("headers.txt");
        assert_eq!(doc.title.as_deref(), Some("Militants strike fuel depot in Port Alder"));
        assert_eq!(doc.published, ymd(2021, 8, 26));
        assert_eq!(doc.source.as_deref(), Some("The Harbour Ledger"));
        assert_eq!(doc.url.as_deref(), Some("https://ledger.example/2021/08/depot"));
        assert!(doc.text.starts_with("Gunmen belonging to the Grey Reed Brigade"));
        assert!(doc.text.ends_with("claimed the attack in a statement."));
        assert!(!doc.text.contains("Title:") && !doc.text.contains("Published:"));
        assert_eq!(doc.path.as_deref(), Some(fixture("headers.txt").to_str().unwrap()));
    }

    #[test]
    fn first_short_line_is_the_title() {
        let doc = one("title_line.txt");
        assert_eq!(doc.title.as_deref(), Some("Ceasefire talks stall over prisoner lists"));
        assert!(doc.text.starts_with("The two sides met for a third day"));
        assert_eq!(doc.published, None);
        assert_eq!(doc.source, None);
    }

    #[test]
    fn markdown_title_loses_its_hash_and_body_keeps_markup() {
        let doc = one("report.md");
        assert_eq!(doc.title.as_deref(), Some("Brigade splinter group emerges in the hills"));
        assert!(doc.text.starts_with("Published accounts differ on when the *Ash Hill Faction*"));
        assert!(doc.text.contains("\n\n## Origins\n\n"));
        // "Published accounts ..." is body text, not a header line.
        assert_eq!(doc.published, None);
    }

    #[test]
    fn bom_crlf_and_trailing_space_are_normalized() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("win.txt");
        std::fs::write(
            &path,
            "\u{feff}Curfew lifted\r\n\r\nThe \u{201c}curfew\u{201d} ended.\r\n  \r\n",
        )
        .unwrap();
        let doc = read_all(&[path], &Overrides::default()).remove(0).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Curfew lifted"));
        assert_eq!(doc.text, "The \u{201c}curfew\u{201d} ended.");
    }
}

mod html {
    use super::*;

    #[test]
    fn metadata_from_open_graph_and_json_ld() {
        let doc = one("article.html");
        assert_eq!(doc.title.as_deref(), Some("Drone strike hits training camp near Elm Ridge"));
        assert_eq!(doc.source.as_deref(), Some("Lakeside Courier"));
        assert_eq!(doc.url.as_deref(), Some("https://courier.example/news/elm-ridge-strike"));
        assert_eq!(doc.published, ymd(2023, 5, 9));
    }

    #[test]
    fn article_paragraphs_in_order_without_the_noise() {
        let doc = one("article.html");
        let paragraphs: Vec<&str> = doc.text.split("\n\n").collect();
        assert_eq!(
            paragraphs,
            [
                "A drone strike hit a training camp used by the Copper Gate Battalion near Elm \
                 Ridge on Tuesday, local officials said.",
                "At least seven fighters were killed, according to a provincial spokesman, while \
                 the group said only two of its members died.",
                "Years of fighting",
                "The battalion, founded in 2016, has fought government forces around Elm Ridge \
                 for years & has claimed several attacks.",
                "\u{201c}We will continue,\u{201d} a commander told reporters \u{2013} without \
                 giving his name.",
            ]
        );
        for noise in [
            "World desk",
            "cookies",
            "Advertisement",
            "UA-TRACKING-SCRIPT",
            "INLINE-AD-SCRIPT",
            "font-family",
            "Share on social",
            "Subscribe now",
            "Satellite picture",
            "Related coverage",
            "morning briefing",
            "Most read",
            "Reader comment",
            "footer text",
            "enable JavaScript",
        ] {
            assert!(!doc.text.contains(noise), "{noise:?} leaked into the text");
        }
    }

    #[test]
    fn page_without_article_text_is_an_error() {
        let out = read_bytes(
            "menu.html",
            Format::Html,
            b"<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>",
            &Overrides::default(),
        );
        assert_eq!(
            out[0].as_ref().unwrap_err().to_string(),
            "menu.html: no article text found in the HTML, skipped"
        );
    }
}

mod jsonl {
    use super::*;

    #[test]
    fn good_lines_come_through_around_bad_ones() {
        let out = read_all(&[fixture("feed.jsonl")], &Overrides::default());
        assert_eq!(out.len(), 4, "three articles and a blank line: {out:?}");

        let first = out[0].as_ref().unwrap();
        assert_eq!(first.title.as_deref(), Some("Checkpoint attack near river crossing"));
        assert_eq!(first.source.as_deref(), Some("Valley Wire"));
        assert_eq!(first.url.as_deref(), Some("https://wire.example/1"));
        assert_eq!(first.published, ymd(2022, 3, 14));

        let label = fixture("feed.jsonl").display().to_string();
        let broken = out[1].as_ref().unwrap_err();
        assert_eq!((broken.path.as_str(), broken.line), (label.as_str(), Some(3)));
        assert!(broken.reason.starts_with("invalid JSON (EOF while parsing"), "{broken}");

        let body = out[2].as_ref().unwrap();
        assert_eq!(body.text, "Aid convoy reached the eastern villages on Monday.");
        assert_eq!(body.published, ymd(2022, 3, 16));

        assert_eq!(
            out[3].as_ref().unwrap_err().to_string(),
            format!("{label}:5: no \"text\" or \"body\" field")
        );
    }
}

mod errors {
    use super::*;

    #[test]
    fn binary_file_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.txt");
        let mut bytes = b"GIF89a".to_vec();
        bytes.extend([0u8, 1, 2, 0, 255, 254]);
        std::fs::write(&path, bytes).unwrap();
        let e = one_error(&path);
        assert_eq!(e.path, path.display().to_string());
        assert_eq!(e.reason, "binary file (NUL bytes in the first 8 KiB), skipped");
        assert_eq!(e.to_string(), format!("{}: {}", path.display(), e.reason));
    }

    #[test]
    fn binary_jsonl_is_one_error_not_one_per_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.jsonl");
        std::fs::write(&path, b"\x00\x01\n\x00\n\x00\n").unwrap();
        assert!(one_error(&path).reason.starts_with("binary file"));
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        let mut bytes = "Title: Caf\u{e9}\n\nBody ".as_bytes().to_vec();
        let at = bytes.len();
        bytes.extend(b"\xe9t\xe9 latin-1 text");
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(
            one_error(&path).reason,
            format!("not valid UTF-8 at byte {at}, skipped: convert it to UTF-8")
        );
    }

    #[test]
    fn empty_and_header_only_files() {
        assert_eq!(one_error(&fixture("empty.txt")).reason, "empty file, nothing to ingest");
        let out = read_bytes("h.txt", Format::Text, b"Title: Only\n\n", &Overrides::default());
        assert_eq!(
            out[0].as_ref().unwrap_err().reason,
            "no text after the title and header lines, nothing to ingest"
        );
    }

    #[test]
    fn missing_file_and_unknown_extension() {
        let missing = fixture("no-such-file.txt");
        assert_eq!(one_error(&missing).reason, "no such file or directory");
        let dir = tempfile::tempdir().unwrap();
        let sheet = dir.path().join("report.XLSX");
        std::fs::write(&sheet, "PK").unwrap();
        assert_eq!(
            one_error(&sheet).reason,
            "unsupported file type \".XLSX\", skipped (known: .txt .md .markdown .html .htm \
             .jsonl .ndjson .pdf)"
        );
    }

    #[test]
    fn file_over_the_size_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.txt");
        // Sparse: takes no disk space.
        std::fs::File::create(&path).unwrap().set_len(73 << 20).unwrap();
        assert_eq!(one_error(&path).reason, "file is 73 MiB, over the 50 MiB limit, skipped");
    }

    #[test]
    fn an_error_does_not_stop_the_rest() {
        let out = read_all(
            &[fixture("missing.txt"), fixture("empty.txt"), fixture("title_line.txt")],
            &Overrides::default(),
        );
        assert_eq!(out.len(), 3);
        assert!(out[0].is_err() && out[1].is_err());
        assert!(out[2].as_ref().unwrap().text.starts_with("The two sides"));
    }
}

mod walk {
    use super::*;

    fn label(r: &Result<Document, IngestError>) -> String {
        let path = match r {
            Ok(d) => d.path.clone().unwrap(),
            Err(e) => e.path.clone(),
        };
        let root = fixture("").display().to_string();
        path.strip_prefix(&root).unwrap_or(&path).trim_start_matches('/').to_string()
    }

    #[test]
    fn directories_recurse_in_sorted_order_skipping_hidden_and_unknown_files() {
        let out = read_all(&[fixture("")], &Overrides::default());
        let labels: Vec<String> = out.iter().map(label).collect();
        assert_eq!(
            labels,
            [
                "article.html",
                "empty.txt",
                "feed.jsonl",
                "feed.jsonl",
                "feed.jsonl",
                "feed.jsonl",
                "headers.txt",
                "nested/deeper/curfew.txt",
                "nested/second.md",
                "report.md",
                "title_line.txt",
            ]
        );
        assert_eq!(out.iter().filter(|r| r.is_err()).count(), 3);
        assert!(!labels.iter().any(|l| l.contains("hidden") || l.contains(".csv")));
    }

    #[test]
    fn directories_are_listed_only_when_reached() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "First.").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let mut docs = read_inputs(&[dir.path().to_path_buf()], &Overrides::default());
        assert_eq!(docs.next().unwrap().unwrap().text, "First.");
        std::fs::write(dir.path().join("sub/b.txt"), "Written later.").unwrap();
        assert_eq!(docs.next().unwrap().unwrap().text, "Written later.");
        assert!(docs.next().is_none());
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Only once.").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let out = read_all(&[dir.path().to_path_buf()], &Overrides::default());
        assert_eq!(out.len(), 1, "{out:?}");
    }

    #[test]
    fn explicit_hidden_file_is_read() {
        let doc = one("nested/.hidden.txt");
        assert_eq!(doc.text, "Hidden notes, never read.");
    }
}

mod overrides {
    use super::*;

    #[test]
    fn date_and_source_override_the_files() {
        let ov = Overrides { date: ymd(2024, 1, 2), source: Some("Field notes".into()) };
        let docs: Vec<Document> = read_all(&[fixture("headers.txt"), fixture("feed.jsonl")], &ov)
            .into_iter()
            .filter_map(Result::ok)
            .collect();
        assert_eq!(docs.len(), 3);
        for doc in &docs {
            assert_eq!(doc.published, ymd(2024, 1, 2));
            assert_eq!(doc.source.as_deref(), Some("Field notes"));
        }
        // Titles still come from the files.
        assert_eq!(docs[0].title.as_deref(), Some("Militants strike fuel depot in Port Alder"));
    }

    #[test]
    fn date_override_rescues_an_unreadable_date() {
        let bytes = b"Published: the other day\n\nText.";
        let plain = read_bytes("d.txt", Format::Text, bytes, &Overrides::default());
        assert!(plain[0].as_ref().unwrap_err().reason.starts_with("unrecognized date"));
        let ov = Overrides { date: ymd(2020, 5, 1), source: None };
        let fixed = read_bytes("d.txt", Format::Text, bytes, &ov);
        assert_eq!(fixed[0].as_ref().unwrap().published, ymd(2020, 5, 1));
    }
}

mod ids {
    use super::*;

    #[test]
    fn same_article_twice_gets_the_same_id() {
        let a = one("headers.txt");
        let b = one("headers.txt");
        assert_eq!(a.id, b.id);
        assert_eq!(a.id, dossier_ingest::document_id(&a.text));
        assert_eq!(a.id.len(), 16);
    }

    #[test]
    fn id_ignores_wrapping_line_endings_and_case_but_not_content() {
        let ov = Overrides::default();
        let id =
            |bytes: &[u8]| read_bytes("x.txt", Format::Text, bytes, &ov)[0].clone().unwrap().id;
        let base = id(b"Gunmen attacked the convoy.\n\nThree died.");
        assert_eq!(base, id(b"\xef\xbb\xbfGunmen attacked\r\nthe convoy.\r\n\r\nThree  died.\r\n"));
        assert_eq!(base, id(b"GUNMEN ATTACKED THE CONVOY. THREE DIED."));
        assert_ne!(base, id(b"Gunmen attacked the convoy.\n\nFour died."));
    }

    #[test]
    fn ids_differ_across_the_fixture_corpus() {
        let mut ids: Vec<String> = read_all(&[fixture("")], &Overrides::default())
            .into_iter()
            .filter_map(Result::ok)
            .map(|d| d.id)
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}

mod stdin_sniffing {
    use super::*;

    #[test]
    fn sniffed_formats_read_as_such() {
        let ov = Overrides::default();
        let jsonl = b"{\"text\":\"From a pipe.\"}\n{\"text\":\"Second.\"}\n";
        let format = Format::sniff(jsonl);
        assert_eq!(format, Format::Jsonl);
        assert_eq!(read_bytes("-", format, jsonl, &ov).len(), 2);

        let html = b"<!doctype html><title>T</title><p>Piped page.</p>";
        let format = Format::sniff(html);
        assert_eq!(format, Format::Html);
        assert_eq!(read_bytes("-", format, html, &ov)[0].as_ref().unwrap().text, "Piped page.");

        assert_eq!(Format::sniff(b"{braces} in prose\nmore"), Format::Text);
    }
}

mod stdin {
    use super::*;
    use std::io::Write;
    use std::process::{Command, Stdio};

    /// Runs `child_reads_stdin` in a child process of this test binary with
    /// `input` on its standard input; returns the lines it printed.
    fn run(input: &[u8]) -> Vec<String> {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", "stdin::child_reads_stdin", "--nocapture"])
            .args(["--test-threads", "1"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            // libtest may print its own text before ours on the same line.
            .filter_map(|l| l.split_once("@@").map(|(_, ours)| ours.to_string()))
            .collect()
    }

    #[test]
    #[ignore = "run in a child process by the other stdin tests"]
    fn child_reads_stdin() {
        for r in read_inputs(&[PathBuf::from("-")], &Overrides::default()) {
            match r {
                Ok(d) => println!("@@DOC {:?} {:?} {:?}", d.path.unwrap(), d.title, d.text),
                Err(e) => println!("@@ERR {e}"),
            }
        }
    }

    #[test]
    fn plain_text_on_stdin() {
        assert_eq!(
            run(b"Piped headline\n\nPiped body.\n"),
            ["DOC \"-\" Some(\"Piped headline\") \"Piped body.\""]
        );
    }

    #[test]
    fn jsonl_on_stdin_is_streamed_with_line_numbers() {
        assert_eq!(
            run(b"{\"text\":\"One.\"}\n{oops}\n{\"text\":\"Three.\"}\n"),
            [
                "DOC \"-\" None \"One.\"",
                "ERR -:2: invalid JSON (key must be a string at column 2)",
                "DOC \"-\" None \"Three.\"",
            ]
        );
    }

    #[test]
    fn html_on_stdin() {
        let lines = run(b"<!DOCTYPE html><html><head><title>Page</title></head>\
                          <body><nav>Menu</nav><p>Piped article.</p></body></html>");
        assert_eq!(lines, ["DOC \"-\" Some(\"Page\") \"Piped article.\""]);
    }

    #[test]
    fn empty_stdin_is_an_error() {
        assert_eq!(run(b""), ["ERR -: empty file, nothing to ingest"]);
    }
}

/// Issue 15: PDF reports, from the fixtures `scripts/make_pdf_fixtures.py`
/// writes into `testdata/pdf` (good) and `testdata/bad` (errors).
mod pdf {
    use super::*;

    fn testdata(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata").join(path)
    }

    fn read_pdf(path: &str) -> Result<Document, IngestError> {
        let mut out = read_all(&[testdata(path)], &Overrides::default());
        assert_eq!(out.len(), 1, "{out:?}");
        out.remove(0)
    }

    /// The page a phrase of the text is on.
    fn page_of(doc: &Document, phrase: &str) -> Option<usize> {
        doc.page_of(doc.text.find(phrase).unwrap_or_else(|| panic!("{phrase:?} not in the text")))
    }

    #[test]
    fn a_report_reads_in_order_without_running_heads() {
        let doc = read_pdf("pdf/report.pdf").unwrap();
        assert_eq!(doc.title.as_deref(), Some("Lake Chad Monitoring Digest: ISWAP strength"));
        assert_eq!(doc.author.as_deref(), Some("Sahel Research Desk"));
        // Without an outlet, the author stands as the source; --source wins.
        assert_eq!(doc.source.as_deref(), Some("Sahel Research Desk"));
        let ov = Overrides { source: Some("Wire".into()), ..Overrides::default() };
        let wire = read_all(&[testdata("pdf/report.pdf")], &ov).remove(0).unwrap();
        assert_eq!(wire.source.as_deref(), Some("Wire"));
        assert_eq!(doc.published, ymd(2024, 3, 14));
        assert_eq!(doc.id, dossier_ingest::document_id(&doc.text));
        // Running header, footer and page numbers are gone from every page.
        for furniture in ["Monitoring Digest", "Issue 7", "Sahel Research Desk"] {
            assert!(!doc.text.contains(furniture), "{furniture:?} in {:?}", doc.text);
        }
        assert!(!doc.text.lines().any(|l| l.trim().parse::<u32>().is_ok()), "{}", doc.text);
        // A hyphenated line end is one word again; a real hyphen stays.
        assert!(doc.text.contains("a slow reconciliation between rival commanders"));
        assert!(doc.text.contains("Province, or ISIS-K, which a UN report"));
        // The footnote marker after "fighters" is dropped, its note kept.
        assert!(doc.text.contains("5,000 fighters on the islands of Lake Chad"), "{}", doc.text);
        assert!(doc.text.contains("1 The estimate leaves out auxiliaries"));
        // Page 2 has two columns: the left one is read whole, then the right.
        let left = doc.text.find("Local officials in Monguno said the group now collects").unwrap();
        let left_end = doc.text.find("before their families paid.").unwrap();
        let right =
            doc.text.find("Military sources said the army pushed the fighters back").unwrap();
        assert!(left < left_end && left_end < right, "{}", doc.text);
        assert!(doc.text.starts_with("ISWAP holds its ground around Lake Chad\n\nMAIDUGURI"));
    }

    #[test]
    fn pages_are_byte_offsets_where_each_page_begins() {
        let doc = read_pdf("pdf/report.pdf").unwrap();
        assert_eq!(doc.pages.len(), 3);
        assert_eq!(doc.pages[0], 0);
        assert!(doc.text[doc.pages[1]..].starts_with("Levies, losses and the road to Baga"));
        assert!(doc.text[doc.pages[2]..].starts_with("Analysts in Abuja"));
        assert_eq!(page_of(&doc, "5,000 fighters"), Some(1));
        assert_eq!(page_of(&doc, "about 200 fighters"), Some(2));
        assert_eq!(page_of(&doc, "ISIS-K operates"), Some(3));
        // Other formats have no pages.
        assert!(one("headers.txt").pages.is_empty());
    }

    #[test]
    fn without_metadata_the_title_is_the_largest_line_on_page_one() {
        let doc = read_pdf("pdf/heading.pdf").unwrap();
        assert_eq!(doc.title.as_deref(), Some("Curfew lifted in Baidoa after a quiet week"));
        assert_eq!((doc.author, doc.published, doc.source), (None, None, None));
        assert!(doc.text.ends_with("seven days without an attack on the town."));
    }

    #[test]
    fn xmp_metadata_fills_in_for_a_missing_info_dictionary() {
        let doc = read_pdf("pdf/xmp.pdf").unwrap();
        assert_eq!(doc.title.as_deref(), Some("Border crossings reopen near Mandera"));
        assert_eq!(doc.author.as_deref(), Some("Horn Field Team"));
        assert_eq!(doc.published, ymd(2023, 11, 2));
    }

    #[test]
    fn a_broken_xref_table_is_rebuilt() {
        let doc = read_pdf("pdf/broken_xref.pdf").unwrap();
        assert_eq!(doc.title.as_deref(), Some("Market reopens in Gao"));
        assert!(doc.text.starts_with("Residents of Gao said the market reopened on Monday"));
        // A table found where it should be, but with wrong offsets.
        let doc = read_pdf("pdf/wrong_offsets.pdf").unwrap();
        assert_eq!(doc.title.as_deref(), Some("Quiet week on the lake road"));
        assert!(doc.text.ends_with("checkpoints had moved closer to the shore."));
    }

    #[test]
    fn an_encrypted_pdf_is_an_error_naming_it() {
        let e = read_pdf("bad/encrypted.pdf").unwrap_err();
        assert!(e.path.ends_with("encrypted.pdf"), "{e}");
        assert!(e.reason.starts_with("encrypted PDF: it needs a password"), "{e}");
    }

    #[test]
    fn an_encrypted_pdf_with_an_empty_user_password_is_read() {
        // Its streams are RC4-encrypted: the text is not in the file as such.
        let bytes = std::fs::read(testdata("pdf/permissions_only.pdf")).unwrap();
        assert!(!bytes.windows(5).any(|w| w == b"Diffa"));
        let doc = read_pdf("pdf/permissions_only.pdf").unwrap();
        assert_eq!(doc.title.as_deref(), Some("Checkpoint reopens outside Diffa"));
        assert!(doc.text.contains("Police in Diffa said the checkpoint"), "{}", doc.text);
    }

    #[test]
    fn a_scanned_pdf_has_no_text_layer() {
        let e = read_pdf("bad/scanned.pdf").unwrap_err();
        assert!(e.path.ends_with("scanned.pdf"), "{e}");
        assert_eq!(e.reason, "no text layer: OCR it first (2 pages without any text), skipped");
    }

    #[test]
    fn a_form_that_draws_itself_is_an_error_not_a_stack_overflow() {
        let e = read_pdf("bad/form_loop.pdf").unwrap_err();
        assert_eq!(
            e.reason,
            "broken PDF: its form XObjects draw each other in a loop or nest over 12 deep, skipped"
        );
        // The parser runs any XObject it is told to draw, whatever its
        // subtype: a loop through a mistyped one is refused too (the fuzzer
        // found this one).
        let mut bytes = std::fs::read(testdata("bad/form_loop.pdf")).unwrap();
        let at = bytes.windows(14).position(|w| w == b"/Subtype /Form").unwrap();
        bytes[at + 10..at + 14].copy_from_slice(b"Fxrm");
        let out = read_bytes("x.pdf", Format::Pdf, &bytes, &Overrides::default());
        assert!(out[0].as_ref().unwrap_err().reason.contains("in a loop"), "{out:?}");
    }

    #[test]
    fn unreadable_bytes_are_errors() {
        let read = |bytes: &[u8]| {
            let mut out = read_bytes("x.pdf", Format::Pdf, bytes, &Overrides::default());
            out.remove(0).unwrap_err().to_string()
        };
        assert_eq!(read(b""), "x.pdf: empty file, nothing to ingest");
        assert_eq!(read(b"hello"), "x.pdf: not a PDF (no %PDF- header), skipped");
        assert!(read(b"%PDF-1.4\ngarbage").starts_with("x.pdf: broken PDF: "));
        // The whole report cut short: the table at the end is gone.
        let report = std::fs::read(testdata("pdf/report.pdf")).unwrap();
        for cut in [200, 1000, 2000, 3000] {
            let out = read_bytes("x.pdf", Format::Pdf, &report[..cut], &Overrides::default());
            match &out[0] {
                Ok(doc) => assert!(!doc.text.is_empty()),
                Err(e) => assert!(!e.reason.contains('\n') && !e.reason.is_empty(), "{e}"),
            }
        }
    }

    #[test]
    fn stdin_and_directories_know_pdfs() {
        assert_eq!(Format::sniff(b"%PDF-1.4\n%\xe2"), Format::Pdf);
        assert_eq!(Format::from_extension("PDF"), Some(Format::Pdf));
        let docs: Vec<_> = read_all(&[testdata("pdf")], &Overrides::default());
        assert_eq!(docs.len(), 6);
        assert!(docs.iter().all(Result::is_ok), "{docs:?}");
    }
}
