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
             .jsonl .ndjson .pdf .warc .warc.gz)"
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
    fn warc_gz_on_stdin_is_streamed() {
        let mut w = dossier_ingest::WarcWriter::new(Vec::new(), true);
        w.request("https://p.example/a", "2023-01-05T00:00:00Z").unwrap();
        w.html_response(
            "https://p.example/a",
            "2023-01-05T00:00:00Z",
            "<html><head><title>Piped</title></head><body><p>Archived article.</p></body></html>",
        )
        .unwrap();
        let lines = run(&w.finish().unwrap());
        assert_eq!(lines, ["DOC \"-\" Some(\"Piped\") \"Archived article.\""]);
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

mod warc {
    use super::*;
    use dossier_ingest::{SkippedRecords, WarcWriter};

    const DATE: &str = "2023-05-14T08:12:40Z";

    fn page(title: &str, published: Option<&str>, paragraphs: &[&str]) -> String {
        let meta = published
            .map(|d| format!("<meta property=\"article:published_time\" content=\"{d}\">"))
            .unwrap_or_default();
        let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
        format!(
            "<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>\
             <nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>{body}</article></body></html>"
        )
    }

    fn first_page() -> String {
        page(
            "Ferry service resumes on the lake",
            Some("2023-05-12"),
            &[
                "The regional ferry between the two island towns ran again on Friday after a \
                 pause of six weeks.",
                "Port officials said the crossings would run twice a day while the new pier \
                 is finished.",
            ],
        )
    }

    fn second_page() -> String {
        page(
            "Market fire contained overnight",
            None,
            &["Firefighters contained a blaze at the central market before dawn, the city's \
               emergency service said. No one was hurt."],
        )
    }

    /// warcinfo, request, HTML response, image, 404, request, HTML response.
    fn archive(gzip: bool) -> Vec<u8> {
        let mut w = WarcWriter::new(Vec::new(), gzip);
        w.record("warcinfo", "", DATE, b"software: dossier-test\r\n").unwrap();
        w.request("https://news.example/ferry", DATE).unwrap();
        w.html_response("https://news.example/ferry", DATE, &first_page()).unwrap();
        w.response("https://news.example/logo.png", DATE, "image/png", b"\x89PNG\r\n\x1a\n")
            .unwrap();
        let not_found = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>";
        w.record("response", "https://news.example/old", DATE, not_found).unwrap();
        w.request("https://news.example/fire", DATE).unwrap();
        w.response(
            "https://news.example/fire",
            DATE,
            "application/xhtml+xml",
            second_page().as_bytes(),
        )
        .unwrap();
        w.finish().unwrap()
    }

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn html_responses_become_documents_and_the_rest_is_counted() {
        let dir = tempfile::tempdir().unwrap();
        for (name, gzip) in [("crawl.warc.gz", true), ("crawl.warc", false)] {
            let path = write(dir.path(), name, &archive(gzip));
            let mut inputs = read_inputs(std::slice::from_ref(&path), &Overrides::default());
            let docs: Vec<Document> = inputs.by_ref().map(Result::unwrap).collect();
            assert_eq!(docs.len(), 2, "{name}");
            assert_eq!(docs[0].url.as_deref(), Some("https://news.example/ferry"));
            assert_eq!(docs[0].title.as_deref(), Some("Ferry service resumes on the lake"));
            // The page's own date wins over the crawl's.
            assert_eq!(docs[0].published, ymd(2023, 5, 12));
            assert!(docs[0].text.starts_with("The regional ferry"), "{}", docs[0].text);
            assert!(!docs[0].text.contains("Home"));
            assert_eq!(docs[0].path.as_deref(), Some(path.to_str().unwrap()));
            assert_eq!(docs[1].url.as_deref(), Some("https://news.example/fire"));
            // No date on the page: the crawl's day.
            assert_eq!(docs[1].published, ymd(2023, 5, 14));
            assert_eq!(
                inputs.skipped_records(),
                SkippedRecords { not_response: 3, not_html: 2 },
                "{name}"
            );
        }
    }

    #[test]
    fn plain_and_gzip_archives_give_the_same_documents_as_read_bytes() {
        let plain = read_bytes("a.warc", Format::Warc, &archive(false), &Overrides::default());
        let gzip = read_bytes("a.warc", Format::Warc, &archive(true), &Overrides::default());
        assert_eq!(plain, gzip);
        assert_eq!(plain.len(), 2);
    }

    #[test]
    fn a_truncated_gzip_archive_keeps_the_records_before_and_names_the_offset() {
        let full = archive(true);
        // The offset of the last record's gzip member: the archive without it.
        let mut w = WarcWriter::new(Vec::new(), true);
        w.record("warcinfo", "", DATE, b"software: dossier-test\r\n").unwrap();
        w.request("https://news.example/ferry", DATE).unwrap();
        w.html_response("https://news.example/ferry", DATE, &first_page()).unwrap();
        w.response("https://news.example/logo.png", DATE, "image/png", b"\x89PNG\r\n\x1a\n")
            .unwrap();
        let not_found = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>";
        w.record("response", "https://news.example/old", DATE, not_found).unwrap();
        w.request("https://news.example/fire", DATE).unwrap();
        let last_start = w.finish().unwrap().len();
        let cut = &full[..last_start + (full.len() - last_start) / 2];
        let out = read_bytes("cut.warc.gz", Format::Warc, cut, &Overrides::default());
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0].as_ref().unwrap().url.as_deref(), Some("https://news.example/ferry"));
        let err = out[1].as_ref().unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("cut.warc.gz: record 7 at byte {last_start}: truncated")),
            "{err}"
        );
        assert!(err.contains("the records before it were read"), "{err}");
    }

    #[test]
    fn a_truncated_plain_archive_says_how_far_the_content_got() {
        let full = archive(false);
        let cut = &full[..full.len() - 40];
        let out = read_bytes("cut.warc", Format::Warc, cut, &Overrides::default());
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out[0].is_ok());
        let err = out[1].as_ref().unwrap_err();
        assert_eq!(err.path, "cut.warc");
        assert!(err.reason.starts_with("record 7 at byte "), "{err}");
        assert!(err.reason.contains("truncated: the archive ends"), "{err}");
    }

    #[test]
    fn garbage_after_the_records_ends_the_archive_with_an_error() {
        let mut bytes = archive(false);
        let end = bytes.len();
        bytes.extend_from_slice(b"this is not a record\r\n");
        let out = read_bytes("g.warc", Format::Warc, &bytes, &Overrides::default());
        assert_eq!(out.len(), 3);
        assert_eq!(
            out[2].as_ref().unwrap_err().to_string(),
            format!(
                "g.warc: record 8 at byte {end}: expected a record starting with WARC/1.0, \
                 found \"this is not a record\": the archive is garbled here, the rest of it \
                 is skipped"
            )
        );
        let mut gz = archive(true);
        gz.extend_from_slice(b"this is not gzip data but plain text");
        let out = read_bytes("g.warc.gz", Format::Warc, &gz, &Overrides::default());
        assert_eq!(out.len(), 3);
        assert!(out[2].as_ref().unwrap_err().reason.contains("garbled gzip data"), "{out:?}");
    }

    #[test]
    fn a_bad_record_is_one_error_and_reading_goes_on() {
        let mut w = WarcWriter::new(Vec::new(), true);
        w.html_response(
            "https://news.example/empty",
            DATE,
            "<html><body><nav>Menu</nav></body></html>",
        )
        .unwrap();
        w.record("response", "https://news.example/x", DATE, b"garbage without a head").unwrap();
        w.html_response("https://news.example/fire", DATE, &second_page()).unwrap();
        let out =
            read_bytes("b.warc.gz", Format::Warc, &w.finish().unwrap(), &Overrides::default());
        let shown: Vec<String> = out
            .iter()
            .map(|r| match r {
                Ok(d) => format!("doc {}", d.url.as_deref().unwrap_or_default()),
                Err(e) => e.reason.clone(),
            })
            .collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(shown[0].starts_with("record 1 at byte 0: no article text"), "{shown:?}");
        assert!(shown[1].starts_with("record 2 at byte "), "{shown:?}");
        assert!(shown[1].ends_with("the HTTP response has no end of header"), "{shown:?}");
        assert_eq!(shown[2], "doc https://news.example/fire");
    }

    #[test]
    fn a_response_without_content_type_is_read_when_it_looks_like_html() {
        let mut w = WarcWriter::new(Vec::new(), false);
        let untyped = |body: &str| format!("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{body}");
        w.record("response", "https://news.example/fire", DATE, untyped(&second_page()).as_bytes())
            .unwrap();
        w.record("response", "https://news.example/a.js", DATE, untyped("var x = 1;").as_bytes())
            .unwrap();
        let out = read_bytes("u.warc", Format::Warc, &w.finish().unwrap(), &Overrides::default());
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].as_ref().unwrap().url.as_deref(), Some("https://news.example/fire"));
    }

    #[test]
    fn an_oversize_record_is_skipped_with_an_error() {
        let big = vec![b'a'; dossier_ingest::MAX_RECORD_BYTES as usize + 1];
        let mut w = WarcWriter::new(Vec::new(), false);
        w.response("https://news.example/huge", DATE, "text/html", &big).unwrap();
        w.html_response("https://news.example/fire", DATE, &second_page()).unwrap();
        let out = read_bytes("big.warc", Format::Warc, &w.finish().unwrap(), &Overrides::default());
        assert_eq!(out.len(), 2);
        assert_eq!(
            out[0].as_ref().unwrap_err().reason,
            "record 1 at byte 0: 17 MiB of content, over the 16 MiB limit for one record, skipped"
        );
        assert!(out[1].is_ok());
    }

    #[test]
    fn chunked_gzip_encoded_and_latin1_pages_are_read() {
        let html =
            page("Bridge reopened", None, &["The old bridge reopened to traffic on Monday."]);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, html.as_bytes()).unwrap();
        let body = gz.finish().unwrap();
        let (a, b) = body.split_at(body.len() / 2);
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\
                          Content-Encoding: gzip\r\n\r\n"
                .to_vec();
        for chunk in [a, b] {
            block.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            block.extend_from_slice(chunk);
            block.extend_from_slice(b"\r\n");
        }
        block.extend_from_slice(b"0\r\n\r\n");
        let latin =
            page("Caf\u{e9} closes", None, &["The caf\u{e9} on the square closed for good."]);
        let latin: Vec<u8> = latin.chars().map(|c| c as u32 as u8).collect();
        let mut w = WarcWriter::new(Vec::new(), false);
        w.record("response", "https://news.example/bridge", DATE, &block).unwrap();
        w.response("https://news.example/cafe", DATE, "text/html; charset=ISO-8859-1", &latin)
            .unwrap();
        let out = read_bytes("c.warc", Format::Warc, &w.finish().unwrap(), &Overrides::default());
        let docs: Vec<&Document> = out.iter().map(|r| r.as_ref().unwrap()).collect();
        assert_eq!(docs[0].text, "The old bridge reopened to traffic on Monday.");
        assert_eq!(docs[1].text, "The caf\u{e9} on the square closed for good.");
    }

    #[test]
    fn not_an_archive_an_empty_one_and_one_without_pages() {
        let dir = tempfile::tempdir().unwrap();
        let e = one_error(&write(dir.path(), "notes.warc", b"Dear editor,\nhello\n"));
        assert_eq!(
            e.to_string(),
            format!(
                "{}: record 1 at byte 0: not a WARC archive (it starts with \"Dear editor,\", \
                 not WARC/1.0)",
                dir.path().join("notes.warc").display()
            )
        );
        let e = one_error(&write(dir.path(), "empty.warc.gz", b""));
        assert!(e.reason.starts_with("empty archive"), "{e}");
        let mut w = WarcWriter::new(Vec::new(), true);
        w.request("https://news.example/a", DATE).unwrap();
        let e = one_error(&write(dir.path(), "requests.warc.gz", &w.finish().unwrap()));
        assert_eq!(
            e.reason,
            "no HTML responses among its 1 WARC records (1 not responses, 0 other responses): \
             nothing to ingest"
        );
    }

    #[test]
    fn directories_pick_up_warc_gz_but_not_other_gz() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.warc.gz", &archive(true));
        write(dir.path(), "b.gz", b"\x1f\x8bnot read");
        let out = read_all(&[dir.path().to_path_buf()], &Overrides::default());
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(Result::is_ok));
    }
}
