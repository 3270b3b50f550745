//! JSON Lines: one article per line, read line by line.

use std::io::BufRead;

use dossier_core::Document;
use serde_json::{Map, Value};

use crate::document::{build_document, Meta};
use crate::{IngestError, Overrides, MAX_FILE_BYTES};

/// Reads articles from JSON Lines, one object per line with `text` (or
/// `body`) and optional `title`, `url`, `source` and `published` (or `date`).
///
/// Blank lines are skipped; a bad line yields one error naming its line and
/// reading goes on. A line longer than [`MAX_FILE_BYTES`] is an error too.
pub(crate) struct JsonlReader<R> {
    reader: R,
    path: String,
    overrides: Overrides,
    line: usize,
    done: bool,
    /// Whether any document or error came out, so that a file of blank
    /// lines is reported rather than silently giving nothing.
    yielded: bool,
    buf: Vec<u8>,
}

impl<R: BufRead> JsonlReader<R> {
    pub(crate) fn new(reader: R, path: String, overrides: Overrides) -> Self {
        JsonlReader {
            reader,
            path,
            overrides,
            line: 0,
            done: false,
            yielded: false,
            buf: Vec::new(),
        }
    }

    fn error(&self, reason: impl Into<String>) -> IngestError {
        IngestError { path: self.path.clone(), line: Some(self.line), reason: reason.into() }
    }

    /// Reads one line into `buf`, without its line ending; `Ok(false)` at
    /// the end, `Ok(true)` with `too_long` set when the line was cut off.
    fn read_line(&mut self, too_long: &mut bool) -> std::io::Result<bool> {
        self.buf.clear();
        *too_long = false;
        let limit = MAX_FILE_BYTES as usize;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(!self.buf.is_empty() || *too_long);
            }
            let (chunk, found) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (&available[..i], Some(i + 1)),
                None => (available, None),
            };
            if !*too_long {
                if self.buf.len() + chunk.len() > limit {
                    *too_long = true;
                    self.buf.clear();
                } else {
                    self.buf.extend_from_slice(chunk);
                }
            }
            let used = found.unwrap_or(available.len());
            self.reader.consume(used);
            if found.is_some() {
                if self.buf.last() == Some(&b'\r') {
                    self.buf.pop();
                }
                return Ok(true);
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.next_line();
        if item.is_some() {
            self.yielded = true;
        } else if !self.yielded {
            self.yielded = true;
            let reason = "no articles, only blank lines: nothing to ingest".to_string();
            return Some(Err(IngestError { path: self.path.clone(), line: None, reason }));
        }
        item
    }
}

impl<R: BufRead> JsonlReader<R> {
    fn next_line(&mut self) -> Option<Result<Document, IngestError>> {
        while !self.done {
            let mut too_long = false;
            match self.read_line(&mut too_long) {
                Ok(false) => self.done = true,
                Err(e) => {
                    self.done = true;
                    self.line += 1;
                    return Some(Err(self.error(format!("read error: {e}"))));
                }
                Ok(true) => {
                    self.line += 1;
                    if too_long {
                        let mib = MAX_FILE_BYTES >> 20;
                        return Some(Err(
                            self.error(format!("line is over the {mib} MiB limit, skipped"))
                        ));
                    }
                    let mut bytes = self.buf.as_slice();
                    if self.line == 1 {
                        bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
                    }
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let result = parse_line(bytes, &self.path, &self.overrides);
                    return Some(result.map_err(|reason| self.error(reason)));
                }
            }
        }
        None
    }
}

/// One line to a document, or the reason it is not one.
fn parse_line(bytes: &[u8], path: &str, overrides: &Overrides) -> Result<Document, String> {
    let line = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 at byte {} of the line, skipped: convert it to UTF-8",
            e.valid_up_to()
        )
    })?;
    let value: Value = serde_json::from_str(line).map_err(json_reason)?;
    let Value::Object(obj) = value else {
        return Err(format!("expected a JSON object, found {}", kind(&value)));
    };
    let text = match (field(&obj, "text")?, field(&obj, "body")?) {
        (Some(t), _) | (None, Some(t)) => t,
        (None, None) => return Err("no \"text\" or \"body\" field".into()),
    };
    let mut meta = Meta {
        title: field(&obj, "title")?,
        source: field(&obj, "source")?,
        url: field(&obj, "url")?,
        ..Meta::default()
    };
    for key in ["published", "date"] {
        if let Some(d) = field(&obj, key)? {
            meta.set_date(&d, &format!("the \"{key}\" field"));
            break;
        }
    }
    build_document(path, meta, &text, overrides, "empty \"text\", nothing to ingest")
}

/// A string field; `null` counts as absent, any other type is an error.
fn field(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(v) => Err(format!("\"{key}\" should be a string, found {}", kind(v))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `invalid JSON (expected `:` at column 9)`: the line is already named.
fn json_reason(e: serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => &msg,
    };
    format!("invalid JSON ({msg} at column {})", e.column())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Vec<Result<Document, IngestError>> {
        JsonlReader::new(input.as_bytes(), "f.jsonl".into(), Overrides::default()).collect()
    }

    #[test]
    fn good_lines_blank_lines_and_crlf() {
        let docs = read(
            "{\"title\":\"A\",\"text\":\"One.\",\"published\":\"2021-08-26\",\"source\":\"S\",\"url\":\"u\"}\r\n\
             \n   \n{\"body\":\"Two.\",\"title\":null}",
        );
        assert_eq!(docs.len(), 2);
        let a = docs[0].as_ref().unwrap();
        assert_eq!((a.title.as_deref(), a.text.as_str()), (Some("A"), "One."));
        assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2021, 8, 26));
        assert_eq!(a.source.as_deref(), Some("S"));
        assert_eq!(a.url.as_deref(), Some("u"));
        assert_eq!(docs[1].as_ref().unwrap().text, "Two.");
    }

    #[test]
    fn each_bad_line_is_one_error_with_its_line_number() {
        let out = read(
            "{\"text\":\"ok\"}\n{\"text\": }\n[1]\n{\"title\":\"x\"}\n{\"text\":5}\n{\"text\":\"  \"}\n\
             {\"text\":\"x\",\"published\":\"someday\"}\n{\"text\":\"last\"}",
        );
        let errs: Vec<String> =
            out.iter().filter_map(|r| r.as_ref().err()).map(ToString::to_string).collect();
        assert_eq!(
            errs,
            [
                "f.jsonl:2: invalid JSON (expected value at column 10)",
                "f.jsonl:3: expected a JSON object, found an array",
                "f.jsonl:4: no \"text\" or \"body\" field",
                "f.jsonl:5: \"text\" should be a string, found a number",
                "f.jsonl:6: empty \"text\", nothing to ingest",
                "f.jsonl:7: unrecognized date \"someday\" in the \"published\" field, skipped: \
                 write it as YYYY-MM-DD or pass --date",
            ]
        );
        assert_eq!(out.last().unwrap().as_ref().unwrap().text, "last");
    }

    #[test]
    fn only_blank_lines_is_one_error() {
        let out = read("\n  \n\r\n");
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].as_ref().unwrap_err().to_string(),
            "f.jsonl: no articles, only blank lines: nothing to ingest"
        );
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_and_reading_goes_on() {
        let mut input = vec![b'x'; MAX_FILE_BYTES as usize + 10];
        input.extend(b"\n{\"text\":\"after\"}\n");
        let out: Vec<_> =
            JsonlReader::new(&input[..], "big".into(), Overrides::default()).collect();
        assert_eq!(out.len(), 2);
        assert_eq!(
            out[0].as_ref().unwrap_err().to_string(),
            "big:1: line is over the 50 MiB limit, skipped"
        );
        assert_eq!(out[1].as_ref().unwrap().text, "after");
    }

    #[test]
    fn invalid_utf8_line_is_reported_and_reading_goes_on() {
        let bytes = b"{\"text\":\"caf\xe9\"}\n{\"text\":\"ok\"}\n";
        let out: Vec<_> = JsonlReader::new(&bytes[..], "f".into(), Overrides::default()).collect();
        assert_eq!(out[0].as_ref().unwrap_err().line, Some(1));
        assert!(out[0].as_ref().unwrap_err().reason.contains("not valid UTF-8 at byte 12"));
        assert_eq!(out[1].as_ref().unwrap().text, "ok");
    }
}
