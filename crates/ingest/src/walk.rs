//! Walking the inputs: files, directories (recursively) and stdin, lazily.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use dossier_core::Document;

use crate::jsonl::JsonlReader;
use crate::normalize::{binary_reason, is_binary};
use crate::warc::{is_gzip, SkipCounter, SkippedRecords, WarcReader};
use crate::{read_bytes, Format, IngestError, Overrides, KNOWN_EXTENSIONS, MAX_FILE_BYTES};

type Items = Box<dyn Iterator<Item = Result<Document, IngestError>> + Send>;

/// How many leading bytes are read to tell binary files and stdin formats.
const HEAD_BYTES: u64 = 8 * 1024;

/// The lazy iterator [`crate::read_inputs`] returns: holds the paths still
/// to visit and the documents of the file being read; a directory is listed
/// only when it is reached.
pub struct Inputs {
    /// Paths still to visit, the next one last; `true` when named explicitly.
    pending: Vec<(PathBuf, bool)>,
    current: Option<Items>,
    overrides: Overrides,
    /// Directories already walked, so symlink loops end.
    seen_dirs: HashSet<PathBuf>,
    /// WARC records passed over so far.
    skips: SkipCounter,
}

impl Inputs {
    pub(crate) fn new(paths: &[PathBuf], overrides: &Overrides) -> Self {
        Inputs {
            pending: paths.iter().rev().map(|p| (p.clone(), true)).collect(),
            current: None,
            overrides: overrides.clone(),
            seen_dirs: HashSet::new(),
            skips: SkipCounter::default(),
        }
    }

    /// The WARC records read so far that hold no article (requests,
    /// metadata, images, redirects, ...): counted, not yielded as errors.
    pub fn skipped_records(&self) -> SkippedRecords {
        self.skips.lock().map(|s| *s).unwrap_or_default()
    }

    /// Opens one path: an error, or documents to yield (possibly none).
    fn open(&mut self, path: &Path, explicit: bool) -> Result<Items, IngestError> {
        let label = path.display().to_string();
        let err = |reason: String| IngestError { path: label.clone(), line: None, reason };
        if explicit && path.as_os_str() == "-" {
            return read_stdin(&self.overrides, &self.skips);
        }
        let meta = fs::metadata(path).map_err(|e| err(io_reason(&e)))?;
        if meta.is_dir() {
            self.list_dir(path)
                .map_err(|e| err(format!("cannot read directory: {}", io_reason(&e))))?;
            return Ok(Box::new(std::iter::empty()));
        }
        let Some(format) = Format::from_path(path) else {
            let ext = match path.extension() {
                Some(e) => format!("\".{}\"", e.to_string_lossy()),
                None => "(no extension)".to_string(),
            };
            return Err(err(format!(
                "unsupported file type {ext}, skipped (known: {})",
                KNOWN_EXTENSIONS.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(" ")
            )));
        };
        if !meta.is_file() {
            return Err(err("not a regular file, skipped".into()));
        }
        let mut file = File::open(path).map_err(|e| err(io_reason(&e)))?;
        if format == Format::Warc {
            // Streamed record by record, so the size limit applies to each record.
            let mut reader = BufReader::with_capacity(64 << 10, file);
            let head = reader.fill_buf().map_err(|e| err(io_reason(&e)))?;
            let gzip = is_gzip(head);
            let (overrides, skips) = (self.overrides.clone(), self.skips.clone());
            return Ok(Box::new(WarcReader::new(reader, gzip, label, overrides, skips)));
        }
        if format == Format::Jsonl {
            // Streamed line by line, so the size limit applies to each line.
            let mut head = Vec::new();
            (&mut file).take(HEAD_BYTES).read_to_end(&mut head).map_err(|e| err(io_reason(&e)))?;
            if head.is_empty() {
                return Err(err("empty file, nothing to ingest".into()));
            }
            if is_binary(&head) {
                return Err(err(binary_reason()));
            }
            let reader = BufReader::new(Cursor::new(head).chain(file));
            return Ok(Box::new(JsonlReader::new(reader, label, self.overrides.clone())));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(err(too_big(meta.len())));
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        // The file may have grown since `metadata`: read one byte past the limit.
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| err(io_reason(&e)))?;
        Ok(Box::new(read_bytes(&label, format, &bytes, &self.overrides).into_iter()))
    }

    /// Queues a directory's visible subdirectories and known files, sorted.
    fn list_dir(&mut self, dir: &Path) -> io::Result<()> {
        let canonical = fs::canonicalize(dir)?;
        if !self.seen_dirs.insert(canonical) {
            return Ok(());
        }
        let mut entries = Vec::new();
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            // Follows symlinks; a broken one is reported when visited.
            let is_dir = fs::metadata(&path).map(|m| m.is_dir()).unwrap_or(false);
            if is_dir || Format::from_path(&path).is_some() {
                entries.push((name, path));
            }
        }
        entries.sort();
        self.pending.extend(entries.into_iter().rev().map(|(_, p)| (p, false)));
        Ok(())
    }
}

impl Iterator for Inputs {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(items) = &mut self.current {
                if let Some(item) = items.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let (path, explicit) = self.pending.pop()?;
            match self.open(&path, explicit) {
                Ok(items) => self.current = Some(items),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Standard input: JSON Lines and WARC are streamed, anything else is read
/// whole.
fn read_stdin(overrides: &Overrides, skips: &SkipCounter) -> Result<Items, IngestError> {
    let err = |reason: String| IngestError { path: "-".into(), line: None, reason };
    let mut stdin = io::stdin();
    let mut head = Vec::new();
    (&mut stdin).take(HEAD_BYTES).read_to_end(&mut head).map_err(|e| err(io_reason(&e)))?;
    let format = Format::sniff(&head);
    if format == Format::Warc {
        let gzip = is_gzip(&head);
        let reader = BufReader::new(Cursor::new(head).chain(stdin));
        let skips = skips.clone();
        return Ok(Box::new(WarcReader::new(reader, gzip, "-".into(), overrides.clone(), skips)));
    }
    if format == Format::Jsonl && !is_binary(&head) {
        let reader = BufReader::new(Cursor::new(head).chain(stdin));
        return Ok(Box::new(JsonlReader::new(reader, "-".into(), overrides.clone())));
    }
    let mut bytes = head;
    let rest = MAX_FILE_BYTES + 1 - bytes.len() as u64;
    stdin.take(rest).read_to_end(&mut bytes).map_err(|e| err(io_reason(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(err(format!(
            "standard input is over the {} MiB limit, skipped",
            MAX_FILE_BYTES >> 20
        )));
    }
    Ok(Box::new(read_bytes("-", format, &bytes, overrides).into_iter()))
}

/// `file is 73 MiB, over the 50 MiB limit, skipped`.
pub(crate) fn too_big(len: u64) -> String {
    let mib = len.div_ceil(1 << 20);
    format!("file is {mib} MiB, over the {} MiB limit, skipped", MAX_FILE_BYTES >> 20)
}

/// An I/O error without the `(os error 2)` noise.
fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_big_rounds_up() {
        assert_eq!(too_big(73 << 20), "file is 73 MiB, over the 50 MiB limit, skipped");
        assert_eq!(too_big((50 << 20) + 1), "file is 51 MiB, over the 50 MiB limit, skipped");
    }

    #[test]
    fn io_reasons_are_short() {
        let e = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(io_reason(&e), "no such file or directory");
        let e = io::Error::from_raw_os_error(21);
        assert!(!io_reason(&e).contains("os error"));
    }
}
