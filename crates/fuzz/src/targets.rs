//! What each target runs on one input, and the invariants it asserts: a
//! broken invariant panics, so the fuzzer counts it like any other crash.

use chrono::NaiveDate;
use dossier_core::{annotate, Document, Span};
use dossier_ingest::{document_id, read_bytes, Format, Overrides, WarcWriter};

/// A fuzz target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Txt,
    Md,
    Html,
    Jsonl,
    Pdf,
    Warc,
    Annotate,
}

impl Target {
    pub const ALL: [Target; 7] = [
        Target::Txt,
        Target::Md,
        Target::Html,
        Target::Jsonl,
        Target::Pdf,
        Target::Warc,
        Target::Annotate,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Target::Txt => "txt",
            Target::Md => "md",
            Target::Html => "html",
            Target::Jsonl => "jsonl",
            Target::Pdf => "pdf",
            Target::Warc => "warc",
            Target::Annotate => "annotate",
        }
    }

    pub fn parse(s: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == s)
    }

    /// The seed files it prefers, by extension.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Target::Txt => &["txt"],
            Target::Md => &["md", "markdown"],
            Target::Html => &["html", "htm"],
            Target::Jsonl => &["jsonl", "ndjson"],
            Target::Pdf => &["pdf"],
            Target::Warc => &["warc", "gz"],
            Target::Annotate => &["txt", "md"],
        }
    }

    /// Runs the target on one input; panics when it breaks an invariant.
    /// True when the input got past the quick rejects: a reader made a
    /// document of it, or `annotate` found a mention in it.
    pub fn run(self, bytes: &[u8]) -> bool {
        match self {
            Target::Txt => read(Format::Text, "fuzz.txt", bytes),
            Target::Md => read(Format::Markdown, "fuzz.md", bytes),
            Target::Html => read(Format::Html, "fuzz.html", bytes),
            Target::Jsonl => read(Format::Jsonl, "fuzz.jsonl", bytes),
            Target::Pdf => read(Format::Pdf, "fuzz.pdf", bytes),
            Target::Warc => read(Format::Warc, "fuzz.warc", bytes),
            Target::Annotate => extract(bytes),
        }
    }
}

/// Seeds for the `warc` target: the start of each file wrapped as an HTML
/// response record after a request record, in a plain and a gzip archive,
/// so that mutations reach the record, HTTP and page paths (no WARC files
/// are shipped to start from).
pub fn warc_seeds(files: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for bytes in files {
        let body = &bytes[..bytes.len().min(400)];
        for gzip in [false, true] {
            let mut w = WarcWriter::new(Vec::new(), gzip);
            let uri = "https://news.example/a";
            let date = "2022-03-01T10:00:00Z";
            let written = w
                .request(uri, date)
                .and_then(|()| w.response(uri, date, "text/html", body))
                .and_then(|()| w.finish());
            out.extend(written.ok());
        }
    }
    out
}

/// A reader: every result is a document with clean, non-empty text and the
/// id of that text, or a one-line error that names the input.
fn read(format: Format, label: &str, bytes: &[u8]) -> bool {
    Format::sniff(bytes);
    let results = read_bytes(label, format, bytes, &Overrides::default());
    assert!(!results.is_empty(), "no result and no error");
    let mut any = false;
    for result in results {
        match result {
            Ok(doc) => {
                assert!(!doc.text.trim().is_empty(), "a document with no text");
                assert!(!doc.text.contains(['\0', '\r']), "unnormalized text");
                assert_eq!(doc.id, document_id(&doc.text), "id is not the text's");
                if let Some(title) = &doc.title {
                    assert!(!title.contains('\n'), "multi-line title {title:?}");
                }
                assert!(doc.pages.windows(2).all(|w| w[0] <= w[1]), "pages out of order");
                for &p in &doc.pages {
                    assert!(doc.text.is_char_boundary(p), "page offset {p} off the text");
                }
                any = true;
            }
            Err(e) => {
                assert_eq!(e.path, label, "error names another input");
                assert!(!e.reason.trim().is_empty(), "error without a reason");
                assert!(!e.reason.contains('\n'), "multi-line reason {:?}", e.reason);
            }
        }
    }
    any
}

/// `annotate` on the input as text: every span lies on char boundaries
/// inside the text, every index points at an entity that exists.
fn extract(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes).into_owned();
    // The first byte picks whether relative dates have an anchor.
    let published = match bytes.first() {
        Some(b) if b % 4 == 0 => None,
        _ => NaiveDate::from_ymd_opt(2021, 8, 26),
    };
    let doc = Document { id: "fuzz".into(), published, text, ..Document::default() };
    let a = annotate(doc);
    let text = &a.doc.text;
    let check = |what: &str, s: Span| {
        assert!(
            s.start <= s.end
                && s.end() <= text.len()
                && text.is_char_boundary(s.start())
                && text.is_char_boundary(s.end()),
            "{what} span {s:?} is not a char range of the {}-byte text",
            text.len()
        );
    };
    a.paragraphs.iter().for_each(|&s| check("paragraph", s));
    a.sentences.iter().for_each(|&s| check("sentence", s));
    let entities = a.entities.len();
    for m in &a.mentions {
        check("mention", m.span);
        assert!(m.entity.is_none_or(|e| e < entities), "mention of a missing entity");
    }
    for c in &a.claims {
        check("claim", c.span);
        assert!(c.subject < entities, "claim about a missing entity");
    }
    for e in &a.events {
        e.spans.iter().for_each(|&s| check("event", s));
        assert!(e.place.is_none_or(|p| p < entities), "event at a missing place");
        assert!(e.perpetrators.iter().all(|&p| p < entities), "missing perpetrator");
    }
    !a.mentions.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fuzzer mutates these: each target must get past its quick
    /// rejects on them, or it would fuzz only its error paths. PDFs come
    /// from the generated fixtures.
    #[test]
    fn every_target_accepts_the_example_articles_of_its_format() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for t in Target::ALL {
            let dir =
                root.join(if t == Target::Pdf { "testdata/pdf" } else { "examples/articles" });
            let mut tried = 0;
            if t == Target::Warc {
                // No archives are shipped: the seeds wrap the text articles.
                let mut texts = Vec::new();
                for entry in std::fs::read_dir(&dir).unwrap() {
                    let path = entry.unwrap().path();
                    if path.extension().is_some_and(|e| e == "txt") {
                        texts.push(std::fs::read(&path).unwrap());
                    }
                }
                let seeds = warc_seeds(&texts);
                assert_eq!(seeds.len(), 2 * texts.len());
                for seed in &seeds {
                    assert!(t.run(seed), "{:?}", String::from_utf8_lossy(seed));
                    tried += 1;
                }
            }
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
                if t.extensions().contains(&ext) {
                    assert!(t.run(&std::fs::read(&path).unwrap()), "{t:?} {}", path.display());
                    tried += 1;
                }
            }
            assert!(tried > 0, "no example article for {t:?}");
            assert_eq!(Target::parse(t.name()), Some(t));
        }
    }
}
