//! How far a long ingest has got: a progress bar (documents, MB/s, ETA) on
//! a terminal, a plain line every few seconds otherwise (a log, a pipe, CI).

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// How often a plain line is written when standard error is not a
/// terminal; `DOSSIER_PROGRESS_SECS` changes it (0: after every batch).
const PLAIN_EVERY: Duration = Duration::from_secs(10);

enum Show {
    /// Errors only.
    Nothing,
    /// Not even errors: the caller reports them (a worker, in its job).
    Silent,
    Bar(ProgressBar),
    Lines {
        every: Duration,
        last: Instant,
    },
}

/// Progress of one ingest over a known set of inputs.
pub struct Progress {
    show: Show,
    /// Input sizes by the label documents and errors carry (`path.display()`).
    sizes: HashMap<String, u64>,
    total: u64,
    start: Instant,
    /// Bytes of the inputs already passed.
    done: u64,
    current: Option<(String, u64)>,
    documents: usize,
    stored: usize,
}

impl Progress {
    /// Progress over `paths` (their sizes are summed first, for the ETA);
    /// nothing is shown when `quiet`.
    pub fn new(paths: &[PathBuf], quiet: bool) -> Progress {
        let show = if quiet {
            Show::Nothing
        } else if std::io::stderr().is_terminal() {
            Show::Bar(ProgressBar::hidden())
        } else {
            let every = std::env::var("DOSSIER_PROGRESS_SECS")
                .ok()
                .and_then(|s| s.parse::<f64>().ok())
                .and_then(|s| Duration::try_from_secs_f64(s).ok())
                .unwrap_or(PLAIN_EVERY);
            Show::Lines { every, last: Instant::now() }
        };
        let mut sizes = HashMap::new();
        if !matches!(show, Show::Nothing) {
            for p in paths {
                sizes_under(p, true, &mut sizes);
            }
        }
        let total = sizes.values().sum();
        let show = match show {
            // Standard input has no size to measure against: a spinner.
            Show::Bar(_) if total == 0 => {
                let bar = ProgressBar::new_spinner();
                bar.set_style(
                    ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                Show::Bar(bar)
            }
            Show::Bar(_) => {
                let bar = ProgressBar::new(total);
                bar.set_style(
                    ProgressStyle::with_template(
                        "{bar:30} {percent:>3}% {msg} · {binary_bytes_per_sec} · ETA {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                Show::Bar(bar)
            }
            other => other,
        };
        Progress {
            show,
            sizes,
            total,
            start: Instant::now(),
            done: 0,
            current: None,
            documents: 0,
            stored: 0,
        }
    }

    /// Shows nothing, errors included.
    pub fn silent() -> Progress {
        let mut p = Progress::new(&[], true);
        p.show = Show::Silent;
        p
    }

    /// A document (`bytes` of text) or an error was read from the input `path`.
    pub fn read(&mut self, path: &str, bytes: usize, document: bool) {
        if matches!(self.show, Show::Nothing | Show::Silent) {
            return;
        }
        if self.current.as_ref().is_none_or(|(p, _)| p != path) {
            if let Some((p, _)) = self.current.take() {
                self.done += self.sizes.get(&p).copied().unwrap_or(0);
            }
            self.current = Some((path.to_string(), 0));
        }
        if let Some((_, n)) = &mut self.current {
            *n += bytes as u64;
        }
        self.documents += usize::from(document);
        if let Show::Bar(bar) = &self.show {
            bar.set_position(self.position());
            bar.set_message(self.counts());
        }
    }

    /// A batch was stored: `stored` documents so far.
    pub fn stored(&mut self, stored: usize) {
        self.stored = stored;
        let (counts, line) = (self.counts(), self.line());
        match &mut self.show {
            Show::Nothing | Show::Silent => {}
            Show::Bar(bar) => bar.set_message(counts),
            Show::Lines { every, last } => {
                if last.elapsed() >= *every {
                    *last = Instant::now();
                    eprintln!("{line}");
                }
            }
        }
    }

    /// Prints a message without breaking the bar.
    pub fn println(&self, msg: &str) {
        match &self.show {
            Show::Bar(bar) => bar.suspend(|| eprintln!("{msg}")),
            Show::Silent => {}
            _ => eprintln!("{msg}"),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Show::Bar(bar) = &self.show {
            bar.finish_and_clear();
        }
    }

    fn position(&self) -> u64 {
        let within = self
            .current
            .as_ref()
            .map_or(0, |(p, n)| (*n).min(self.sizes.get(p).copied().unwrap_or(u64::MAX)));
        (self.done + within).min(self.total)
    }

    fn counts(&self) -> String {
        format!("{} documents read, {} stored", self.documents, self.stored)
    }

    /// `ingest: 1200 documents read, 1100 stored; 35.2 MB of 120.0 MB (29%), 2.1 MB/s, ETA 40 s`
    fn line(&self) -> String {
        let pos = self.position() as f64;
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        let rate = pos / secs;
        let total = self.total as f64;
        let mut s = format!(
            "ingest: {}; {} of {} ({:.0}%), {}/s",
            self.counts(),
            bytes(pos),
            bytes(total),
            if self.total == 0 { 100.0 } else { 100.0 * pos / total },
            bytes(rate)
        );
        if rate > 0.0 && total > pos {
            s.push_str(&format!(", ETA {:.0} s", (total - pos) / rate));
        }
        s
    }

    /// Every input was read: the position is the total.
    pub fn end_of_input(&mut self) {
        if let Some((p, _)) = self.current.take() {
            self.done += self.sizes.get(&p).copied().unwrap_or(0);
        }
        if let Show::Bar(bar) = &self.show {
            bar.set_position(self.position());
        }
    }
}

/// `812 B`, `35.2 kB`, `1.5 MB`, `2.0 GB`.
fn bytes(n: f64) -> String {
    match n {
        n if n < 1e3 => format!("{n:.0} B"),
        n if n < 1e6 => format!("{:.1} kB", n / 1e3),
        n if n < 1e9 => format!("{:.1} MB", n / 1e6),
        n => format!("{:.1} GB", n / 1e9),
    }
}

/// Records the size of every file `read_inputs` would read under `path`
/// (same walk: hidden entries and unknown extensions skipped below the top).
fn sizes_under(path: &Path, explicit: bool, sizes: &mut HashMap<String, u64>) {
    let Ok(meta) = std::fs::metadata(path) else { return };
    if meta.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else { return };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            sizes_under(&entry.path(), false, sizes);
        }
    } else if explicit || dossier_ingest::Format::from_path(path).is_some() {
        sizes.insert(path.display().to_string(), meta.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_position_follows_the_files_read_and_never_passes_the_total() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "x".repeat(100)).unwrap();
        std::fs::write(dir.path().join("b.txt"), "y".repeat(300)).unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "z".repeat(1000)).unwrap();
        std::fs::write(dir.path().join("notes.xlsx"), "z".repeat(1000)).unwrap();
        let mut p = Progress::new(&[dir.path().to_path_buf()], false);
        p.show = Show::Lines { every: Duration::ZERO, last: Instant::now() };
        assert_eq!(p.total, 400);
        let a = dir.path().join("a.txt").display().to_string();
        let b = dir.path().join("b.txt").display().to_string();
        p.read(&a, 90, true);
        assert_eq!(p.position(), 90);
        p.read(&b, 1000, true);
        assert_eq!(p.position(), 400, "a file counts at most its size");
        let line = p.line();
        let want = "ingest: 2 documents read, 0 stored; 400 B of 400 B (100%), ";
        assert!(line.starts_with(want), "{line}");
        assert_eq!(bytes(35_210_000.0), "35.2 MB");
    }
}
