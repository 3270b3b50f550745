//! `dossier-ingest`: reads articles (text, Markdown, HTML, JSON Lines, stdin)
//! into [`Document`]s: clean UTF-8 text plus title, outlet, URL and
//! publication date.
//!
//! [`read_inputs`] takes files, directories (walked recursively in sorted
//! order, hidden entries and unknown extensions skipped) and `-` for stdin,
//! and yields one `Result<Document, IngestError>` at a time, reading one file
//! at a time (JSON Lines one line at a time, WARC archives one record at a
//! time; [`Inputs::skipped_records`] counts the archive records that hold no
//! article). Bad input never stops the
//! walk: it yields an [`IngestError`] naming the file (and line) and the
//! reason, and reading goes on.
//! [`read_bytes`] does the same for bytes already in memory (an upload).
//!
//! | format | extensions | metadata from |
//! | --- | --- | --- |
//! | [`Format::Text`] | `.txt` | `Title:`/`Published:`/`Source:`/`URL:` header lines, else a title line |
//! | [`Format::Markdown`] | `.md` `.markdown` | the same, `---` front matter, a `# ` title |
//! | [`Format::Html`] | `.html` `.htm` | `og:*`, `<title>`, `article:published_time`, JSON-LD, `<time>`, `<meta name=date>` |
//! | [`Format::Jsonl`] | `.jsonl` `.ndjson` | the fields `title`, `source`, `url`, `published` beside `text` or `body` |
//! | [`Format::Pdf`] | `.pdf` | the Info dictionary or XMP (title, author, date), else the largest line on page 1 |
//! | [`Format::Warc`] | `.warc` `.warc.gz` | each HTML response record's page as HTML, its `WARC-Target-URI` as URL, its `WARC-Date` when the page states no date |
//!
//! A PDF's text comes out in reading order (columns, hyphenation, running
//! headers and footers, page numbers and footnote markers handled: see the
//! `pdf` module), and its document lists where each page begins
//! ([`Document::pages`](dossier_core::Document::pages)).
//!
//! Input must be UTF-8, except HTML that declares another charset.
//! Stored text is normalized by [`normalize_text`] only (BOM, NUL and line
//! endings; trailing whitespace), so it stays as the source wrote it; the
//! [`document_id`] hashes a further-normalized copy, so the same article gets
//! the same id however it is wrapped. [`Overrides`] (`--date`, `--source`)
//! replace what the input says.
//!
//! ```
//! use dossier_ingest::{read_bytes, Format, Overrides};
//!
//! let page = b"Title: Convoy attacked\nPublished: 26 August 2021\n\nGunmen fired on a convoy.";
//! let docs = read_bytes("note.txt", Format::Text, page, &Overrides::default());
//! let doc = docs.into_iter().next().unwrap()?;
//! assert_eq!(doc.title.as_deref(), Some("Convoy attacked"));
//! assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2021, 8, 26));
//! assert_eq!(doc.text, "Gunmen fired on a convoy.");
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod dates;
mod document;
mod html;
mod jsonl;
mod normalize;
mod pdf;
mod text;
mod walk;
mod warc;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dossier_core::Document;

pub use dates::parse_date;
pub use normalize::{document_id, normalize_text};
pub use walk::Inputs;
pub use warc::{SkippedRecords, WarcWriter, MAX_RECORD_BYTES};

/// The largest file read whole (50 MiB); JSON Lines are streamed, so for them
/// it bounds each line instead, and WARC archives, also streamed, have
/// [`MAX_RECORD_BYTES`] per record.
pub const MAX_FILE_BYTES: u64 = 50 << 20;

/// The file extensions read, lowercase, without the dot.
pub const KNOWN_EXTENSIONS: &[&str] =
    &["txt", "md", "markdown", "html", "htm", "jsonl", "ndjson", "pdf", "warc", "warc.gz"];

/// Metadata given on the command line; overrides what the files say.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--date`: the publication date.
    pub date: Option<NaiveDate>,
    /// `--source`: the outlet.
    pub source: Option<String>,
}

/// An input that could not be read: names the file (and line) and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IngestError {
    /// The file (`-` for stdin).
    pub path: String,
    /// The 1-based line, for JSON Lines.
    pub line: Option<usize>,
    /// Why it was skipped.
    pub reason: String,
}

impl std::fmt::Display for IngestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.path, l, self.reason),
            None => write!(f, "{}: {}", self.path, self.reason),
        }
    }
}

impl std::error::Error for IngestError {}

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text (`.txt`), with optional header lines.
    Text,
    /// Markdown (`.md`, `.markdown`): text with `# ` titles and front matter.
    Markdown,
    /// An HTML page (`.html`, `.htm`).
    Html,
    /// JSON Lines (`.jsonl`, `.ndjson`): one article object per line.
    Jsonl,
    /// A PDF report (`.pdf`) with a text layer.
    Pdf,
    /// A WARC web archive (`.warc`, or `.warc.gz` of gzip members): one
    /// article per HTML response record.
    Warc,
}

impl Format {
    /// The format of a file extension (without the dot, any case;
    /// `warc.gz` for compressed archives).
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "pdf" => Some(Format::Pdf),
            "warc" | "warc.gz" => Some(Format::Warc),
            _ => None,
        }
    }

    /// The format of a path, by its extension (`.warc.gz` counts as one).
    ///
    /// ```
    /// use dossier_ingest::Format;
    /// use std::path::Path;
    /// assert_eq!(Format::from_path(Path::new("CC-NEWS-1.warc.gz")), Some(Format::Warc));
    /// assert_eq!(Format::from_path(Path::new("notes.gz")), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?;
        if name.len() > 8 && name.to_ascii_lowercase().ends_with(".warc.gz") {
            return Some(Format::Warc);
        }
        path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension)
    }

    /// Guesses the format of unnamed input (stdin) from its first bytes:
    /// PDF when it starts with `%PDF-`, WARC when it is gzip data or opens
    /// with `WARC/`, JSON Lines when the first line is a `{...}` object, HTML
    /// when it opens with a doctype or a common tag, text otherwise.
    ///
    /// ```
    /// use dossier_ingest::Format;
    /// assert_eq!(Format::sniff(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"), Format::Warc);
    /// assert_eq!(Format::sniff(b"{\"text\":\"a\"}\n"), Format::Jsonl);
    /// assert_eq!(Format::sniff(b"  <!DOCTYPE html><p>a"), Format::Html);
    /// assert_eq!(Format::sniff(b"<3 plain text"), Format::Text);
    /// assert_eq!(Format::sniff(b"%PDF-1.7\n"), Format::Pdf);
    /// ```
    pub fn sniff(head: &[u8]) -> Format {
        if head.starts_with(b"%PDF-") {
            return Format::Pdf;
        }
        if warc::is_gzip(head) || head.starts_with(b"WARC/") {
            return Format::Warc;
        }
        let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
        let head = &head[start..];
        if head.starts_with(b"{") {
            let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
            if line.trim_ascii_end().ends_with(b"}") {
                return Format::Jsonl;
            }
        }
        if head.starts_with(b"<") {
            let lower = head[..head.len().min(1024)].to_ascii_lowercase();
            let tags: [&[u8]; 8] = [
                b"<!doctype html",
                b"<html",
                b"<head",
                b"<body",
                b"<article",
                b"<p>",
                b"<div",
                b"<!--",
            ];
            if tags.iter().any(|t| lower.starts_with(t)) {
                return Format::Html;
            }
        }
        Format::Text
    }
}

/// Reads every input path (files, directories recursively, `-` for stdin),
/// lazily, one document or error at a time.
///
/// Directories are walked depth first in sorted order, skipping hidden
/// entries (names starting with `.`) and files of unknown extensions; a file
/// of unknown extension named explicitly is reported as skipped. Standard
/// input is read as plain text unless it looks like JSON Lines or HTML (see
/// [`Format::sniff`]).
pub fn read_inputs(paths: &[PathBuf], overrides: &Overrides) -> Inputs {
    walk::Inputs::new(paths, overrides)
}

/// Reads one input already in memory, such as an upload; `path_label` names
/// it in the documents and errors. Text, Markdown and HTML give one result;
/// JSON Lines one per non-blank line; a WARC archive one per HTML response
/// and per bad record (the others are passed over).
///
/// ```
/// use dossier_ingest::{read_bytes, Format, Overrides};
/// let out = read_bytes("up.jsonl", Format::Jsonl, b"{\"text\":\"A.\"}\noops\n", &Overrides::default());
/// assert_eq!(out[0].as_ref().unwrap().text, "A.");
/// assert_eq!(out[1].as_ref().unwrap_err().to_string(),
///            "up.jsonl:2: invalid JSON (expected value at column 1)");
/// ```
pub fn read_bytes(
    path_label: &str,
    format: Format,
    bytes: &[u8],
    overrides: &Overrides,
) -> Vec<Result<Document, IngestError>> {
    let err =
        |reason: String| vec![Err(IngestError { path: path_label.into(), line: None, reason })];
    if format == Format::Jsonl {
        if bytes.is_empty() {
            return err("empty file, nothing to ingest".into());
        }
        if normalize::is_binary(bytes) {
            return err(normalize::binary_reason());
        }
        return jsonl::JsonlReader::new(bytes, path_label.into(), overrides.clone()).collect();
    }
    if format == Format::Warc {
        let gzip = warc::is_gzip(bytes);
        let skips = warc::SkipCounter::default();
        return warc::WarcReader::new(bytes, gzip, path_label.into(), overrides.clone(), skips)
            .collect();
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return err(walk::too_big(bytes.len() as u64));
    }
    if format == Format::Pdf {
        return vec![read_pdf(path_label, bytes, overrides)];
    }
    let decoded =
        if format == Format::Html { html::decode(bytes) } else { normalize::decode(bytes) };
    let text = match decoded {
        Ok(t) => t,
        Err(reason) => return err(reason),
    };
    let parsed = match format {
        Format::Text | Format::Markdown => {
            let (meta, body) = text::parse(&text, format == Format::Markdown);
            Ok((meta, body.to_string()))
        }
        Format::Html => html::extract(&text),
        Format::Jsonl | Format::Pdf | Format::Warc => unreachable!("handled above"),
    };
    let result = parsed.and_then(|(meta, body)| {
        document::build_document(
            path_label,
            meta,
            &body,
            overrides,
            "no text after the title and header lines, nothing to ingest",
        )
    });
    vec![result.map_err(|reason| IngestError { path: path_label.into(), line: None, reason })]
}

/// A PDF: its text in reading order, its metadata and where its pages begin.
fn read_pdf(
    path_label: &str,
    bytes: &[u8],
    overrides: &Overrides,
) -> Result<Document, IngestError> {
    let err = |reason: String| IngestError { path: path_label.into(), line: None, reason };
    let mut pdf = pdf::read(bytes).map_err(err)?;
    // A report's author (a desk, a monitoring team, a think tank) is who
    // publishes it: without an outlet it stands as the source, so that two
    // reports by different authors count as two sources.
    if pdf.meta.source.is_none() {
        pdf.meta.source = pdf.meta.author.clone();
    }
    let mut doc = document::build_document(
        path_label,
        pdf.meta,
        &pdf.text,
        overrides,
        "no text layer: OCR it first (no text on its pages), skipped",
    )
    .map_err(err)?;
    // The reader's text is already normalized, so its offsets hold; clamp
    // them in case normalization ever trims more.
    let len = doc.text.len();
    doc.pages = pdf.pages.into_iter().map(|p| p.min(len)).collect();
    while let Some(i) = doc.pages.iter().position(|&p| !doc.text.is_char_boundary(p)) {
        doc.pages[i] -= 1;
    }
    Ok(doc)
}

/// A web page fetched from `url` (a feed item's link) to a document, read
/// by the HTML reader: the URL is the document's `url` and `path`, `charset`
/// is the one the HTTP `Content-Type` declares, and `fallback_date` is used
/// when the page states no publication date.
pub fn read_web_page(
    url: &str,
    bytes: &[u8],
    charset: Option<&str>,
    fallback_date: Option<NaiveDate>,
    overrides: &Overrides,
) -> Result<Document, IngestError> {
    web_document(url, bytes, charset, Some(url.to_string()), fallback_date, overrides)
        .map_err(|reason| IngestError { path: url.into(), line: None, reason })
}

/// An HTML page to a document named `label`, with its URL given.
pub(crate) fn web_document(
    label: &str,
    bytes: &[u8],
    charset: Option<&str>,
    url: Option<String>,
    fallback_date: Option<NaiveDate>,
    overrides: &Overrides,
) -> Result<Document, String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(walk::too_big(bytes.len() as u64));
    }
    let declared = charset
        .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
        .filter(|&e| e != encoding_rs::UTF_8);
    let text = match declared {
        Some(encoding) if std::str::from_utf8(bytes).is_err() => {
            let (text, _, _) = encoding.decode(bytes);
            normalize::decode(text.as_bytes())?
        }
        _ => html::decode(bytes)?,
    };
    let (mut meta, body) = html::extract(&text)?;
    if url.is_some() {
        meta.url = url;
    }
    if meta.published.is_none() && fallback_date.is_some() {
        // A crawl's or a feed's date beats an unreadable one on the page.
        meta.published = fallback_date;
        meta.bad_date = None;
    }
    document::build_document(label, meta, &body, overrides, "no article text in the page")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces that exercise every reader's edge cases when shuffled.
    const PIECES: &[&str] = &[
        "Title: ",
        "Published: ",
        "2021-08-26",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        " ",
        "\u{feff}",
        "\0",
        "# ",
        "---\n",
        "<p>",
        "</p>",
        "<article>",
        "<nav>",
        "</div>",
        "<!--",
        "&amp;",
        "<script>",
        "{",
        "}",
        "\"text\"",
        ":",
        "\"",
        "[",
        "]",
        ",",
        "null",
        "é",
        "\u{2014}",
        "x.",
        "<time datetime=\"",
        "Aug 26, 2021",
        "<br>",
        "\u{a0}",
        "=====",
    ];

    #[test]
    fn no_input_makes_a_reader_panic() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let formats = [Format::Text, Format::Markdown, Format::Html, Format::Jsonl, Format::Warc];
        for round in 0..2000 {
            let mut bytes = Vec::new();
            for _ in 0..next() % 24 {
                bytes.extend_from_slice(PIECES[(next() % PIECES.len() as u64) as usize].as_bytes());
                if next() % 16 == 0 {
                    // A stray byte, often invalid UTF-8.
                    bytes.push(next() as u8);
                }
            }
            let format = formats[round % formats.len()];
            for result in read_bytes("fuzz", format, &bytes, &Overrides::default()) {
                match result {
                    Ok(doc) => {
                        assert!(!doc.text.trim().is_empty(), "{format:?} {bytes:?}");
                        assert!(!doc.text.contains(['\0', '\r']), "{format:?} {bytes:?}");
                        assert_eq!(doc.id, document_id(&doc.text));
                    }
                    Err(e) => assert!(!e.reason.is_empty() && !e.reason.contains('\n')),
                }
            }
        }
    }
}
