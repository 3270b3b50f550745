//! WARC archives (`.warc`, `.warc.gz`), read record by record.
//!
//! A `.warc.gz` is a series of gzip members, one per record in CC-NEWS and
//! most crawls (one member for the whole archive is read too). Each
//! `response` record whose HTTP response is a 2xx HTML page
//! (`text/html`, `application/xhtml+xml`) becomes a document through the
//! HTML reader, with the record's `WARC-Target-URI` as its URL and, when the
//! page states no publication date, the `WARC-Date` (the crawl's day).
//! Other records (`request`, `metadata`, `warcinfo`, ...) and other
//! responses (images, redirects, errors) are counted in [`SkippedRecords`],
//! not reported one by one. A record that cannot be read (a bad header, one
//! over [`MAX_RECORD_BYTES`], a page with no article) is one error naming its
//! number and byte offset; a garbled or truncated archive ends the file with
//! such an error, after the records before it.
//!
//! Memory stays bounded by one record, however large the archive.

use std::io::{self, BufRead, BufReader, Read, Write as _};
use std::sync::{Arc, Mutex};

use dossier_core::Document;
use flate2::bufread::GzDecoder;

use crate::{parse_date, IngestError, Overrides};

/// The largest record read (16 MiB of content); a larger one is skipped
/// with an error. CC-NEWS cuts pages at 1 MiB.
pub const MAX_RECORD_BYTES: u64 = 16 << 20;

/// The largest block of WARC or HTTP header lines.
const MAX_HEADER_BYTES: usize = 64 << 10;

/// Records of WARC archives passed over because they hold no article: they
/// are normal in a crawl, so they are counted rather than reported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SkippedRecords {
    /// Records that are not responses: `request`, `metadata`, `warcinfo`, ...
    pub not_response: usize,
    /// Responses that are not a 2xx HTML page: images, scripts, redirects,
    /// errors.
    pub not_html: usize,
}

impl SkippedRecords {
    /// All the records passed over.
    pub fn total(&self) -> usize {
        self.not_response + self.not_html
    }

    fn add(&mut self, other: SkippedRecords) {
        self.not_response += other.not_response;
        self.not_html += other.not_html;
    }
}

/// Counts shared between an archive's reader and whoever walks the inputs.
pub(crate) type SkipCounter = Arc<Mutex<SkippedRecords>>;

/// True when the bytes open a gzip stream.
pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

/// Reads one archive: yields a document per HTML response and an error per
/// bad record; counts the rest into `skips`.
pub(crate) struct WarcReader<R: BufRead> {
    src: BufReader<Decoded<R>>,
    path: String,
    overrides: Overrides,
    skips: SkipCounter,
    /// This archive's own counts, for the "nothing to ingest" message.
    own: SkippedRecords,
    /// Uncompressed bytes consumed so far: where the next record starts.
    pos: u64,
    /// Records read so far.
    records: usize,
    yielded: bool,
    done: bool,
}

impl<R: BufRead> WarcReader<R> {
    /// `gzip` says whether `reader` holds gzip members (see [`is_gzip`]).
    pub(crate) fn new(
        reader: R,
        gzip: bool,
        path: String,
        overrides: Overrides,
        skips: SkipCounter,
    ) -> Self {
        let decoded = if gzip {
            Decoded::Gzip(Box::new(GzMembers::new(Counting { inner: reader, count: 0 })))
        } else {
            Decoded::Plain(reader)
        };
        WarcReader {
            src: BufReader::with_capacity(64 << 10, decoded),
            path,
            overrides,
            skips,
            own: SkippedRecords::default(),
            pos: 0,
            records: 0,
            yielded: false,
            done: false,
        }
    }

    fn error(&self, at: &Location, reason: impl std::fmt::Display) -> IngestError {
        IngestError {
            path: self.path.clone(),
            line: None,
            reason: format!("record {} at byte {}: {reason}", at.number, at.offset),
        }
    }

    fn skip(&mut self, what: SkippedRecords) {
        self.own.add(what);
        if let Ok(mut s) = self.skips.lock() {
            s.add(what);
        }
    }

    /// Reads one line (ending in LF) of at most `limit` bytes into `line`,
    /// without the line ending. `Ok(false)` at the end of the input.
    fn read_line(&mut self, line: &mut Vec<u8>, limit: usize) -> Result<bool, String> {
        line.clear();
        let n = (&mut self.src)
            .take(limit as u64 + 1)
            .read_until(b'\n', line)
            .map_err(|e| read_reason(&e))?;
        self.pos += n as u64;
        if n == 0 {
            return Ok(false);
        }
        if line.last() != Some(&b'\n') {
            if line.len() > limit {
                return Err(format!("a header line is over {} KiB", limit >> 10));
            }
            return Err("the archive ends inside the record's header".into());
        }
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        Ok(true)
    }

    /// Discards `n` bytes of content.
    fn discard(&mut self, n: u64) -> Result<(), String> {
        let got =
            io::copy(&mut (&mut self.src).take(n), &mut io::sink()).map_err(|e| read_reason(&e))?;
        self.pos += got;
        if got < n {
            return Err(truncated(got, n));
        }
        Ok(())
    }

    /// The next record's result, `None` at the end of the archive.
    fn next_record(&mut self) -> Option<Result<Document, IngestError>> {
        let mut line = Vec::new();
        loop {
            if self.done {
                return None;
            }
            // Blank lines between records (the record's own trailing CRLF CRLF).
            let start = self.pos;
            let mut at = Location { number: self.records + 1, offset: start };
            match self.read_line(&mut line, MAX_HEADER_BYTES) {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) if line.is_empty() => continue,
                Ok(true) => {}
                Err(reason) => {
                    self.done = true;
                    at.offset = self.file_offset(start);
                    return Some(Err(self.error(&at, reason)));
                }
            }
            self.records += 1;
            at.offset = self.file_offset(start);
            if !line.starts_with(b"WARC/") {
                self.done = true;
                let what = String::from_utf8_lossy(&line[..line.len().min(40)]).into_owned();
                let reason = if self.records == 1 {
                    format!("not a WARC archive (it starts with {what:?}, not WARC/1.0)")
                } else {
                    format!(
                        "expected a record starting with WARC/1.0, found {what:?}: the archive \
                         is garbled here, the rest of it is skipped"
                    )
                };
                return Some(Err(self.error(&at, reason)));
            }
            match self.record(&mut line) {
                Ok(Some(doc)) => return Some(Ok(doc)),
                Ok(None) => continue,
                Err(Fault::Record(reason)) => return Some(Err(self.error(&at, reason))),
                Err(Fault::Archive(reason)) => {
                    self.done = true;
                    return Some(Err(self.error(&at, reason)));
                }
            }
        }
    }

    /// One record, after its version line: a document, `None` when it is
    /// passed over, or why it is bad.
    fn record(&mut self, line: &mut Vec<u8>) -> Result<Option<Document>, Fault> {
        let mut kind = None;
        let mut length = None;
        let mut uri = None;
        let mut date = None;
        let mut header = 0;
        loop {
            if !self.read_line(line, MAX_HEADER_BYTES).map_err(Fault::Archive)? {
                return Err(Fault::Archive("the archive ends inside the record's header".into()));
            }
            if line.is_empty() {
                break;
            }
            header += line.len();
            if header > MAX_HEADER_BYTES {
                return Err(Fault::Archive(format!(
                    "the record's header is over {} KiB",
                    MAX_HEADER_BYTES >> 10
                )));
            }
            let Some((name, value)) = split_header(line) else { continue };
            match name.to_ascii_lowercase().as_str() {
                "warc-type" => kind = Some(value.to_ascii_lowercase()),
                "content-length" => {
                    length = Some(value.parse::<u64>().map_err(|_| {
                        Fault::Archive(format!("unreadable Content-Length {value:?}"))
                    })?)
                }
                "warc-target-uri" => {
                    // A URI has no spaces or control characters: a damaged
                    // header's value is left out rather than stored.
                    let v = value.trim_matches(['<', '>']);
                    uri = (!v.contains(|c: char| c.is_whitespace() || c.is_control()))
                        .then(|| v.to_string());
                }
                "warc-date" => date = Some(value),
                _ => {}
            }
        }
        let Some(length) = length else {
            return Err(Fault::Archive("no Content-Length in the record's header".into()));
        };
        if kind.as_deref() != Some("response") {
            self.discard(length).map_err(Fault::Archive)?;
            self.skip(SkippedRecords { not_response: 1, not_html: 0 });
            return Ok(None);
        }
        if length > MAX_RECORD_BYTES {
            self.discard(length).map_err(Fault::Archive)?;
            return Err(Fault::Record(format!(
                "{} MiB of content, over the {} MiB limit for one record, skipped",
                length.div_ceil(1 << 20),
                MAX_RECORD_BYTES >> 20
            )));
        }
        let mut block = Vec::with_capacity(length as usize);
        let got = (&mut self.src)
            .take(length)
            .read_to_end(&mut block)
            .map_err(|e| Fault::Archive(read_reason(&e)))?;
        self.pos += got as u64;
        if (got as u64) < length {
            return Err(Fault::Archive(truncated(got as u64, length)));
        }
        let Some(page) = http_page(&block).map_err(Fault::Record)? else {
            self.skip(SkippedRecords { not_response: 0, not_html: 1 });
            return Ok(None);
        };
        let label = self.path.clone();
        let fallback = date.as_deref().and_then(parse_date);
        crate::web_document(
            &label,
            &page.body,
            page.charset.as_deref(),
            uri,
            fallback,
            &self.overrides,
        )
        .map(Some)
        .map_err(Fault::Record)
    }

    /// Where the record starting at uncompressed byte `pos` starts in the
    /// file: the same byte for a plain archive, the start of its gzip member
    /// for a compressed one.
    fn file_offset(&mut self, pos: u64) -> u64 {
        match self.src.get_mut() {
            Decoded::Plain(_) => pos,
            Decoded::Gzip(g) => g.member_start(pos),
        }
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.next_record();
        if item.is_some() {
            self.yielded = true;
        } else if !self.yielded {
            self.yielded = true;
            let reason = if self.records == 0 {
                "empty archive, no WARC records: nothing to ingest".to_string()
            } else {
                format!(
                    "no HTML responses among its {} WARC records ({} not responses, {} other \
                     responses): nothing to ingest",
                    self.records, self.own.not_response, self.own.not_html
                )
            };
            return Some(Err(IngestError { path: self.path.clone(), line: None, reason }));
        }
        item
    }
}

/// Which record, for error messages.
struct Location {
    /// 1-based.
    number: usize,
    /// Byte offset in the file (of its gzip member for `.warc.gz`).
    offset: u64,
}

/// Why a record could not be read.
enum Fault {
    /// This record is bad; the next one can still be read.
    Record(String),
    /// The archive cannot be read past here.
    Archive(String),
}

fn truncated(got: u64, want: u64) -> String {
    format!(
        "truncated: the archive ends {got} bytes into the record's {want}-byte content; \
         the records before it were read"
    )
}

fn read_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => {
            "truncated: the gzip data ends inside the record; the records before it were read"
                .into()
        }
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
            format!("garbled gzip data ({e}); the records before it were read")
        }
        _ => format!("read error: {e}"),
    }
}

/// `Name: value` with the value trimmed; `None` for a line without a colon.
fn split_header(line: &[u8]) -> Option<(String, String)> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = String::from_utf8_lossy(&line[..colon]).trim().to_string();
    let value = String::from_utf8_lossy(&line[colon + 1..]).trim().to_string();
    Some((name, value))
}

/// The HTML page of an HTTP response.
struct Page {
    body: Vec<u8>,
    /// The `charset` of its Content-Type, lowercase.
    charset: Option<String>,
}

/// The page an HTTP response block carries: `Ok(None)` when it is not a 2xx
/// HTML response, an error when its HTTP head cannot be read.
fn http_page(block: &[u8]) -> Result<Option<Page>, String> {
    let head_end = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)));
    let Some((end, body_start)) = head_end else {
        return Err("the HTTP response has no end of header".into());
    };
    if end > MAX_HEADER_BYTES {
        return Err(format!("the HTTP header is over {} KiB", MAX_HEADER_BYTES >> 10));
    }
    let head = String::from_utf8_lossy(&block[..end]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default();
    let mut parts = status.split_whitespace();
    let code = match (parts.next(), parts.next()) {
        (Some(v), Some(c)) if v.starts_with("HTTP/") => c.parse::<u16>().ok(),
        _ => None,
    };
    let Some(code) = code else {
        let shown: String = status.chars().take(40).collect();
        return Err(format!("not an HTTP response (status line {shown:?})"));
    };
    if !(200..300).contains(&code) {
        return Ok(None);
    }
    // Without a Content-Type, the page's first bytes tell (see below).
    let (mut html, mut charset, mut chunked, mut encoding) = (None, None, false, None);
    for line in lines {
        let Some((name, value)) = split_header(line.as_bytes()) else { continue };
        let value = value.to_ascii_lowercase();
        match name.to_ascii_lowercase().as_str() {
            "content-type" => {
                let mime = value.split(';').next().unwrap_or_default().trim();
                html = Some(matches!(
                    mime,
                    "text/html" | "application/xhtml+xml" | "application/xhtml"
                ));
                charset = value.split(';').find_map(|p| {
                    p.trim().strip_prefix("charset=").map(|c| c.trim_matches(['"', '\'']).into())
                });
            }
            "transfer-encoding" => chunked = value.contains("chunked"),
            "content-encoding" => encoding = Some(value),
            _ => {}
        }
    }
    let untyped_html = || {
        let body = &block[body_start..];
        !chunked && encoding.is_none() && crate::Format::sniff(body) == crate::Format::Html
    };
    if !html.unwrap_or_else(untyped_html) {
        return Ok(None);
    }
    let mut body = block[body_start..].to_vec();
    if chunked {
        // Some crawlers keep the chunk framing; a body that is not framed
        // (the crawler removed it but kept the header) is taken as it is.
        if let Some(unchunked) = dechunk(&body) {
            body = unchunked;
        }
    }
    match encoding.as_deref() {
        None | Some("identity") | Some("") => {}
        Some("gzip") | Some("x-gzip") => {
            if is_gzip(&body) {
                body = inflate(flate2::read::GzDecoder::new(&body[..]))?;
            }
        }
        Some("deflate") => {
            if let Ok(b) = inflate(flate2::read::ZlibDecoder::new(&body[..])) {
                body = b;
            }
        }
        Some(other) => return Err(format!("HTML compressed as {other:?}, which is not read")),
    }
    Ok(Some(Page { body, charset }))
}

/// Decompresses a page body, at most [`MAX_RECORD_BYTES`].
fn inflate(decoder: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .take(MAX_RECORD_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("the page's compressed body cannot be read ({e})"))?;
    if out.len() as u64 > MAX_RECORD_BYTES {
        return Err(format!(
            "the page is over {} MiB uncompressed, skipped",
            MAX_RECORD_BYTES >> 20
        ));
    }
    Ok(out)
}

/// Removes HTTP/1.1 chunk framing; `None` when the body is not framed.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = find(body, b"\r\n")?;
        let size = std::str::from_utf8(&body[..eol]).ok()?;
        let size = size.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        body = &body[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Writes WARC 1.1 records, each its own gzip member when `gzip` is set
/// (as CC-NEWS does): for the benchmark, tests and fuzz seeds, so that no
/// archive of someone else's pages needs to be shipped.
///
/// ```
/// use dossier_ingest::{read_bytes, Format, Overrides, WarcWriter};
/// let mut w = WarcWriter::new(Vec::new(), true);
/// w.request("https://example.org/a", "2024-03-05T10:00:00Z")?;
/// w.html_response("https://example.org/a", "2024-03-05T10:00:00Z",
///     "<html><body><article><p>Gunmen attacked a convoy.</p></article></body></html>")?;
/// let archive = w.finish()?;
/// let docs = read_bytes("a.warc.gz", Format::Warc, &archive, &Overrides::default());
/// let doc = docs.into_iter().next().unwrap()?;
/// assert_eq!(doc.url.as_deref(), Some("https://example.org/a"));
/// assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2024, 3, 5));
/// Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct WarcWriter<W: io::Write> {
    out: W,
    gzip: bool,
    records: u64,
    /// Bytes of records written, before compression.
    raw: u64,
}

impl<W: io::Write> WarcWriter<W> {
    /// A writer of plain (`gzip: false`) or per-record gzip records.
    pub fn new(out: W, gzip: bool) -> Self {
        WarcWriter { out, gzip, records: 0, raw: 0 }
    }

    /// Writes one record of type `kind` with `block` as its content.
    pub fn record(&mut self, kind: &str, uri: &str, date: &str, block: &[u8]) -> io::Result<()> {
        self.records += 1;
        let mut rec = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:dossier:record:{}>\r\n\
             WARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\n",
            self.records
        );
        if kind == "response" {
            rec.push_str("Content-Type: application/http; msgtype=response\r\n");
        }
        rec.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
        let mut bytes = rec.into_bytes();
        bytes.extend_from_slice(block);
        bytes.extend_from_slice(b"\r\n\r\n");
        self.raw += bytes.len() as u64;
        if self.gzip {
            let mut gz = flate2::write::GzEncoder::new(&mut self.out, flate2::Compression::fast());
            gz.write_all(&bytes)?;
            gz.finish()?;
            Ok(())
        } else {
            self.out.write_all(&bytes)
        }
    }

    /// Writes a `response` record: `200 OK` with the given content type.
    pub fn response(
        &mut self,
        uri: &str,
        date: &str,
        content_type: &str,
        body: &[u8],
    ) -> io::Result<()> {
        let mut block = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        block.extend_from_slice(body);
        self.record("response", uri, date, &block)
    }

    /// Writes a `response` record of an HTML page.
    pub fn html_response(&mut self, uri: &str, date: &str, html: &str) -> io::Result<()> {
        self.response(uri, date, "text/html; charset=utf-8", html.as_bytes())
    }

    /// Writes the `request` record a crawler writes before a response.
    pub fn request(&mut self, uri: &str, date: &str) -> io::Result<()> {
        let host = uri.split('/').nth(2).unwrap_or_default();
        let path = uri.splitn(4, '/').nth(3).unwrap_or_default();
        let block =
            format!("GET /{path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: dossier-test\r\n\r\n");
        self.record("request", uri, date, block.as_bytes())
    }

    /// The bytes of records written so far, before compression.
    pub fn uncompressed_bytes(&self) -> u64 {
        self.raw
    }

    /// The output written so far.
    pub fn get_ref(&self) -> &W {
        &self.out
    }

    /// Flushes and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A plain or gzip-compressed archive, as a stream of WARC bytes.
enum Decoded<R: BufRead> {
    Plain(R),
    // Boxed: the decoder's state is large, and there is one per archive.
    Gzip(Box<GzMembers<R>>),
}

impl<R: BufRead> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Decoded::Plain(r) => r.read(buf),
            Decoded::Gzip(g) => g.read(buf),
        }
    }
}

/// A reader that counts the bytes consumed from it.
struct Counting<R> {
    inner: R,
    count: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.count += amt as u64;
        self.inner.consume(amt);
    }
}

/// Gzip members one after another (like `MultiGzDecoder`), remembering
/// where each began in the file and in the decompressed stream.
struct GzMembers<R: BufRead> {
    /// The member being decompressed.
    decoder: Option<GzDecoder<Counting<R>>>,
    /// The file between members.
    idle: Option<Counting<R>>,
    /// Decompressed bytes produced so far.
    out: u64,
    /// (decompressed start, file start) of the members not yet passed.
    starts: Vec<(u64, u64)>,
}

impl<R: BufRead> GzMembers<R> {
    fn new(inner: Counting<R>) -> Self {
        GzMembers { decoder: None, idle: Some(inner), out: 0, starts: Vec::new() }
    }

    /// The file offset of the member holding decompressed byte `pos`;
    /// forgets the members before it.
    fn member_start(&mut self, pos: u64) -> u64 {
        let i = self.starts.iter().rposition(|&(u, _)| u <= pos).unwrap_or(0);
        self.starts.drain(..i);
        match self.starts.first() {
            Some(&(_, c)) => c,
            // Past the last member: where the file ended.
            None => self.idle.as_ref().map_or(0, |r| r.count),
        }
    }
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if let Some(decoder) = &mut self.decoder {
                let n = decoder.read(buf)?;
                if n > 0 {
                    self.out += n as u64;
                    return Ok(n);
                }
                self.idle = self.decoder.take().map(GzDecoder::into_inner);
            }
            let Some(mut idle) = self.idle.take() else { return Ok(0) };
            if idle.fill_buf()?.is_empty() {
                self.idle = Some(idle);
                return Ok(0);
            }
            self.starts.push((self.out, idle.count));
            self.decoder = Some(GzDecoder::new(idle));
        }
    }
}
