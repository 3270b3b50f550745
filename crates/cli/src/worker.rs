//! The job queue from the command line: `dossier ingest --queue` adds jobs,
//! `dossier worker` does them, `dossier status` shows them.
//!
//! A worker takes one job at a time (see `dossier_queue` for leases and
//! retries), reads it with the same readers as `dossier ingest`, stores its
//! documents in the store `--db` opens while a heartbeat thread renews its
//! lease, and records the job as done or failed. A lost connection to the
//! queue is reopened and the work goes on; SIGTERM (or Ctrl-C) lets the
//! current job finish, then the worker exits (a second signal stops it at
//! once).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use dossier_core::{Budget, Document};
use dossier_ingest::{read_bytes, read_inputs, Format, IngestError, Overrides};
use dossier_queue::{is_postgres_url, Job, JobKind, Lease, LineRange, NewJob, Outcome, Queue};
use dossier_store::{Location, Store};

use crate::args::MetaArgs;
use crate::commands::{ingest_items, IngestReport};
use crate::progress::Progress;

/// JSON Lines files longer than this many lines are cut into jobs of this
/// many lines, so that several workers share one large file.
pub const JSONL_LINES_PER_JOB: u64 = 1000;

/// The most reasons kept in a failed job's error.
const MAX_ERRORS: usize = 20;

/// Where the queue lives: `--queue-db`, else `--db` when it is a
/// PostgreSQL URL.
pub fn queue_url(db: &Location, queue_db: Option<&str>) -> Result<String> {
    if let Some(url) = queue_db {
        if !is_postgres_url(url) {
            bail!("--queue-db takes a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE), not `{url}`");
        }
        return Ok(url.to_string());
    }
    if let Location::Postgres(url) = db {
        return Ok(url.clone());
    }
    bail!(
        "the job queue lives in PostgreSQL, and {db} is a SQLite file: pass --db \
         postgres://USER@HOST:PORT/DATABASE (or --queue-db URL to keep the documents in {db})"
    )
}

/// `dossier ingest --queue`: one job per input file (a JSON Lines file of
/// more than [`JSONL_LINES_PER_JOB`] lines: one per that many lines), URL,
/// or line of a `.urls` file; directories are walked as `ingest` walks
/// them. Inputs that cannot be queued are named and left out.
pub fn enqueue(url: &str, paths: &[PathBuf], meta: &MetaArgs) -> Result<ExitCode> {
    let mut jobs = Vec::new();
    let mut failed = 0;
    for p in paths {
        if let Err(e) = jobs_for(p, true, &mut jobs) {
            failed += 1;
            eprintln!("dossier: not queued {e}");
        }
    }
    for j in &mut jobs {
        j.date = meta.date.map(|d| d.format("%Y-%m-%d").to_string());
        j.source = meta.source.clone();
    }
    if jobs.is_empty() {
        eprintln!("nothing to queue");
        return Ok(ExitCode::from(1));
    }
    let mut queue = Queue::connect(url)?;
    let n = queue.enqueue(&jobs)?;
    let urls = jobs.iter().filter(|j| j.kind == JobKind::Url).count();
    let parts = jobs.iter().filter(|j| j.range.is_some()).count();
    let files = n - urls - parts;
    let what: Vec<String> = [
        (files, "file", "files"),
        (parts, "part of a JSON Lines file", "parts of JSON Lines files"),
        (urls, "URL", "URLs"),
    ]
    .iter()
    .filter(|(k, ..)| *k > 0)
    .map(|&(k, one, many)| format!("{k} {}", if k == 1 { one } else { many }))
    .collect();
    eprintln!(
        "queued {n} job{} ({}) in {}; `dossier worker` does them, `dossier status` follows them",
        plural(n),
        what.join(", "),
        queue.target()
    );
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// The jobs for one input, appended to `jobs`; an error names the input.
fn jobs_for(path: &Path, explicit: bool, jobs: &mut Vec<NewJob>) -> Result<(), IngestError> {
    let label = path.display().to_string();
    let err = |reason: String| IngestError { path: label.clone(), line: None, reason };
    if explicit && is_url(&label) {
        jobs.push(NewJob::url(label.clone()));
        return Ok(());
    }
    if explicit && label == "-" {
        return Err(err("standard input cannot be queued: save it to a file first".into()));
    }
    let meta = std::fs::metadata(path).map_err(|e| err(io_reason(&e)))?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| err(format!("cannot read directory: {}", io_reason(&e))))?
            .filter_map(|e| e.ok())
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            let is_dir = std::fs::metadata(&p).map(|m| m.is_dir()).unwrap_or(false);
            if is_dir || Format::from_path(&p).is_some() || is_url_list(&p) {
                if let Err(e) = jobs_for(&p, false, jobs) {
                    eprintln!("dossier: not queued {e}");
                }
            }
        }
        return Ok(());
    }
    // Workers may run anywhere: they get the absolute path.
    let abs = std::fs::canonicalize(path).map_err(|e| err(io_reason(&e)))?;
    let abs_label = abs.display().to_string();
    if is_url_list(path) {
        let text = std::fs::read_to_string(path).map_err(|e| err(io_reason(&e)))?;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if !is_url(line) {
                return Err(IngestError {
                    path: label.clone(),
                    line: Some(i + 1),
                    reason: format!("`{line}` is not an http:// or https:// URL"),
                });
            }
            jobs.push(NewJob::url(line));
        }
        return Ok(());
    }
    match Format::from_path(path) {
        None => Err(err(format!(
            "unsupported file type, skipped (known: {} and .urls for a list of URLs)",
            dossier_ingest::KNOWN_EXTENSIONS
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(" ")
        ))),
        Some(Format::Jsonl) => {
            let ranges = line_ranges(&abs, JSONL_LINES_PER_JOB).map_err(|e| err(io_reason(&e)))?;
            if ranges.len() <= 1 {
                jobs.push(NewJob::file(abs_label));
            } else {
                for r in ranges {
                    let mut j = NewJob::file(abs_label.clone());
                    j.range = Some(r);
                    jobs.push(j);
                }
            }
            Ok(())
        }
        Some(_) => {
            jobs.push(NewJob::file(abs_label));
            Ok(())
        }
    }
}

fn is_url_list(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("urls"))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Cuts a file into ranges of `lines` whole lines each.
fn line_ranges(path: &Path, lines: u64) -> std::io::Result<Vec<LineRange>> {
    let mut f = File::open(path)?;
    let mut buf = vec![0u8; 1 << 16];
    let (mut ranges, mut offset, mut start, mut line, mut first_line) =
        (Vec::new(), 0u64, 0u64, 1u64, 1u64);
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        for (i, b) in buf[..n].iter().enumerate() {
            if *b == b'\n' {
                line += 1;
                if line - first_line == lines {
                    let end = offset + i as u64 + 1;
                    ranges.push(LineRange { start, end, first_line });
                    (start, first_line) = (end, line);
                }
            }
        }
        offset += n as u64;
    }
    if offset > start {
        ranges.push(LineRange { start, end: offset, first_line });
    }
    Ok(ranges)
}

/// How a worker runs.
pub struct WorkerOptions {
    /// The store documents go to.
    pub db: Location,
    /// The queue.
    pub queue_url: String,
    /// How long a job stays this worker's between renewals.
    pub lease: Duration,
    /// How long to wait before asking again when no job is open.
    pub poll: Duration,
    /// After this many attempts whose workers died, a job fails.
    pub max_attempts: u32,
    /// Exit when no job is queued or running (batch use and tests).
    pub exit_when_empty: bool,
    /// Per-document limits.
    pub budget: Budget,
    /// Bring the stored reconciliation up to date after each job that
    /// stored documents.
    pub reconcile: bool,
}

/// The lease was lost mid-job: another worker has the job now.
#[derive(Debug)]
struct LeaseLost;

impl std::fmt::Display for LeaseLost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the job's lease ran out and another worker took it")
    }
}

impl std::error::Error for LeaseLost {}

/// Renews the lease of the job being done, every third of the lease, on a
/// connection of its own, so that however long one batch of a job takes,
/// the job stays this worker's while the worker lives.
struct Heartbeat {
    /// The job to keep; locked while its lease is renewed, so that a job
    /// is never renewed after the worker let it go.
    current: Arc<Mutex<Option<i64>>>,
    lost: Arc<AtomicBool>,
    quit: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Heartbeat {
    fn start(url: String, lease: Lease) -> Heartbeat {
        let current = Arc::new(Mutex::new(None::<i64>));
        let lost = Arc::new(AtomicBool::new(false));
        let quit = Arc::new(AtomicBool::new(false));
        let (c, l, q) = (Arc::clone(&current), Arc::clone(&lost), Arc::clone(&quit));
        let thread = std::thread::spawn(move || {
            let mut queue: Option<Queue> = None;
            loop {
                sleep_unless(&q, lease.duration / 3);
                if q.load(Ordering::Relaxed) {
                    return;
                }
                if c.lock().map(|g| g.is_none()).unwrap_or(true) {
                    continue;
                }
                if queue.is_none() {
                    // Unreachable: try again at the next beat.
                    queue = Queue::connect(&url).ok();
                }
                let Some(conn) = queue.as_mut() else { continue };
                let Ok(guard) = c.lock() else { return };
                let Some(id) = *guard else { continue };
                match conn.renew(id, &lease) {
                    Ok(true) => {}
                    Ok(false) => l.store(true, Ordering::Relaxed),
                    Err(_) => queue = None,
                }
            }
        });
        Heartbeat { current, lost, quit, thread: Some(thread) }
    }

    /// Keeps the lease of job `id` from now on (`None`: of no job).
    fn watch(&self, id: Option<i64>) {
        if let Ok(mut g) = self.current.lock() {
            *g = id;
        }
        self.lost.store(false, Ordering::Relaxed);
    }

    /// True when the job's lease was found taken by another worker.
    fn lost(&self) -> bool {
        self.lost.load(Ordering::Relaxed)
    }
}

impl Drop for Heartbeat {
    fn drop(&mut self) {
        self.quit.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A name unique across machines: host, process id and a nonce.
fn worker_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into());
    let nonce = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{host}:{}:{:05x}", std::process::id(), nonce & 0xfffff)
}

/// Runs `op` on the queue, reconnecting as long as the connection is what
/// fails; `None` when asked to stop while reconnecting.
fn with_queue<T>(
    queue: &mut Queue,
    stop: &AtomicBool,
    name: &str,
    mut op: impl FnMut(&mut Queue) -> Result<T, dossier_queue::QueueError>,
) -> Result<Option<T>> {
    loop {
        match op(queue) {
            Ok(v) => return Ok(Some(v)),
            Err(e) if e.is_connection() => {
                eprintln!("worker {name}: lost the connection ({e}); reconnecting");
                let mut wait = Duration::from_millis(100);
                loop {
                    if stop.load(Ordering::Relaxed) {
                        return Ok(None);
                    }
                    std::thread::sleep(wait);
                    match queue.reconnect() {
                        Ok(()) => {
                            eprintln!("worker {name}: reconnected to {}", queue.target());
                            break;
                        }
                        Err(e) if e.is_connection() => {
                            wait = (wait * 2).min(Duration::from_secs(5));
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Opens the store documents go to (a SQLite file or a PostgreSQL URL),
/// after `wait`, waiting out a server that cannot be reached and a SQLite
/// file that another worker holds (several workers starting together on a
/// new file); `None` when asked to stop meanwhile.
fn open_store(
    db: &Location,
    mut wait: Duration,
    stop: &AtomicBool,
    name: &str,
) -> Result<Option<Store>> {
    use dossier_store::ErrorKind;
    loop {
        sleep_unless(stop, wait);
        if stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        match Store::open_location(db) {
            Ok(s) => return Ok(Some(s)),
            Err(e) if matches!(e.kind(), ErrorKind::Unreachable | ErrorKind::Locked) => {
                eprintln!("worker {name}: {e}; trying again");
                wait = (wait * 2).clamp(Duration::from_millis(200), Duration::from_secs(5));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// `dossier worker`: takes jobs until the queue is empty (with
/// `exit_when_empty`) or a signal asks it to stop.
pub fn run(opts: &WorkerOptions) -> Result<ExitCode> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        // The second signal ends the process at once; the first lets the
        // current job finish.
        signal_hook::flag::register_conditional_shutdown(sig, 1, Arc::clone(&stop))
            .context("cannot install the signal handler")?;
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .context("cannot install the signal handler")?;
    }
    let name = worker_name();
    let lease =
        Lease { worker: name.clone(), duration: opts.lease, max_attempts: opts.max_attempts };
    let Some(mut store) = open_store(&opts.db, Duration::ZERO, &stop, &name)? else {
        return Ok(ExitCode::SUCCESS);
    };
    let mut queue = Queue::connect(&opts.queue_url)?;
    let heartbeat = Heartbeat::start(opts.queue_url.clone(), lease.clone());
    eprintln!("worker {name}: taking jobs from {}, storing into {}", queue.target(), store.name());
    let (mut done, mut failed) = (0usize, 0usize);
    let why = loop {
        if stop.load(Ordering::Relaxed) {
            break "asked to stop";
        }
        let Some(job) = with_queue(&mut queue, &stop, &name, |q| q.claim(&lease))? else {
            break "asked to stop";
        };
        let Some(job) = job else {
            if opts.exit_when_empty {
                match with_queue(&mut queue, &stop, &name, |q| q.open_jobs())? {
                    Some(0) => break "no job left",
                    Some(_) => {}
                    None => break "asked to stop",
                }
            }
            sleep_unless(&stop, opts.poll);
            continue;
        };
        let started = Instant::now();
        let result = {
            heartbeat.watch(Some(job.id));
            let mut check = || -> Result<()> {
                if heartbeat.lost() {
                    return Err(LeaseLost.into());
                }
                Ok(())
            };
            let items = job_items(&job);
            let r =
                ingest_items(&mut store, items, &opts.budget, &mut Progress::silent(), &mut check);
            heartbeat.watch(None);
            r
        };
        match result {
            Ok(report) => {
                let outcome = outcome(&report);
                let recorded =
                    with_queue(&mut queue, &stop, &name, |q| q.finish(job.id, &name, &outcome))?;
                let secs = started.elapsed().as_secs_f64();
                match (recorded, &outcome) {
                    // Stopped while reconnecting: the lease runs out and
                    // another worker records the job.
                    (None, _) => break "asked to stop",
                    (Some(false), _) => eprintln!(
                        "job {}: {} was taken over by another worker (this one's lease ran out); \
                         its documents are stored once all the same",
                        job.id,
                        job.label()
                    ),
                    (_, Outcome::Done { stored, duplicates }) => {
                        done += 1;
                        eprintln!(
                            "job {} done: {}: {stored} stored, {duplicates} already in the database ({secs:.1} s)",
                            job.id,
                            job.label()
                        );
                    }
                    (_, Outcome::Failed { error, .. }) => {
                        failed += 1;
                        eprintln!("job {} failed: {}", job.id, error.replace('\n', "\n  "));
                    }
                }
                // Bring the stored reconciliation up to date with what this
                // job stored; a failure leaves it to the next one (what is
                // pending is read from the store, not remembered here).
                if opts.reconcile && report.stored > 0 {
                    if let Err(e) = store.reconcile_stored(false) {
                        eprintln!(
                            "job {}: reconciling after it failed: {e}; left to the next",
                            job.id
                        );
                    }
                }
            }
            Err(e) if e.downcast_ref::<LeaseLost>().is_some() => {
                eprintln!("job {}: {}: {e}; left to it", job.id, job.label());
            }
            Err(e) => {
                // The store failed (busy, or its connection dropped): put
                // the job back for a retry and reopen the store.
                let reason = format!("{}: {e:#}", job.label());
                eprintln!("job {}: {reason}; putting it back in the queue", job.id);
                with_queue(&mut queue, &stop, &name, |q| q.release(job.id, &name, &reason))?;
                match open_store(&opts.db, Duration::from_millis(200), &stop, &name)? {
                    Some(s) => store = s,
                    None => break "asked to stop",
                }
            }
        }
    };
    eprintln!("worker {name}: {why}; {done} job{} done, {failed} failed", plural(done));
    Ok(ExitCode::SUCCESS)
}

fn sleep_unless(stop: &AtomicBool, d: Duration) {
    let until = Instant::now() + d;
    while !stop.load(Ordering::Relaxed) {
        let now = Instant::now();
        if now >= until {
            return;
        }
        std::thread::sleep((until - now).min(Duration::from_millis(50)));
    }
}

/// A job's result as the queue records it: failed when any input or
/// document could not be read, with every reason (the first
/// [`MAX_ERRORS`]), each naming its file.
fn outcome(report: &IngestReport) -> Outcome {
    let (stored, duplicates) = (report.stored, report.duplicates);
    if report.failed.is_empty() {
        return Outcome::Done { stored, duplicates };
    }
    let mut lines: Vec<String> =
        report.failed.iter().take(MAX_ERRORS).map(|e| e.to_string()).collect();
    if report.failed.len() > MAX_ERRORS {
        lines.push(format!("… and {} more", report.failed.len() - MAX_ERRORS));
    }
    Outcome::Failed { error: lines.join("\n"), stored, duplicates }
}

type Items = Box<dyn Iterator<Item = Result<Document, IngestError>> + Send>;

/// The documents of a job, read as `dossier ingest` reads them.
fn job_items(job: &Job) -> Items {
    let overrides = Overrides {
        date: job
            .date
            .as_deref()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        source: job.source.clone(),
    };
    let err = |reason: String| -> Items {
        Box::new(std::iter::once(Err(IngestError { path: job.input.clone(), line: None, reason })))
    };
    match (job.kind, job.range) {
        (JobKind::File, None) => Box::new(read_inputs(&[PathBuf::from(&job.input)], &overrides)),
        (JobKind::File, Some(r)) => match read_range(Path::new(&job.input), r) {
            Ok(bytes) => {
                let shift = r.first_line.saturating_sub(1) as usize;
                Box::new(read_bytes(&job.input, Format::Jsonl, &bytes, &overrides).into_iter().map(
                    move |item| {
                        item.map_err(|mut e| {
                            e.line = e.line.map(|l| l + shift);
                            e
                        })
                    },
                ))
            }
            Err(e) => err(io_reason(&e)),
        },
        (JobKind::Url, _) => match crate::fetch::fetch(&job.input) {
            Ok((bytes, format)) => {
                Box::new(read_bytes(&job.input, format, &bytes, &overrides).into_iter())
            }
            Err(reason) => err(reason),
        },
    }
}

fn read_range(path: &Path, r: LineRange) -> std::io::Result<Vec<u8>> {
    let mut f = File::open(path)?;
    f.seek(SeekFrom::Start(r.start))?;
    let mut bytes = Vec::with_capacity(r.end.saturating_sub(r.start) as usize);
    f.take(r.end.saturating_sub(r.start)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `dossier status`: counts by state, then the running and failed jobs.
pub fn status(url: &str, limit: usize) -> Result<ExitCode> {
    let mut queue = Queue::connect_existing(url)?;
    let s = queue.status(limit)?;
    let mut out = format!(
        "jobs in {}: {} queued, {} running, {} done, {} failed; {} documents stored, {} already stored\n",
        queue.target(),
        s.queued,
        s.running,
        s.done,
        s.failed,
        s.stored,
        s.duplicates
    );
    if !s.running_jobs.is_empty() {
        out.push_str("running:\n");
        for j in &s.running_jobs {
            let lease = match j.lease_left {
                Some(l) if l >= 0.0 => format!("lease {l:.0} s left"),
                _ => "lease ran out: a worker will retry it".into(),
            };
            out.push_str(&format!(
                "  job {}  {}  worker {}, attempt {}, {lease}\n",
                j.id,
                j.label,
                j.worker.as_deref().unwrap_or("?"),
                j.attempts
            ));
        }
        more(&mut out, s.running, s.running_jobs.len());
    }
    if !s.failed_jobs.is_empty() {
        out.push_str("failed:\n");
        for j in &s.failed_jobs {
            let error = j.error.as_deref().unwrap_or("no reason recorded");
            out.push_str(&format!("  job {}  {}\n", j.id, error.replace('\n', "\n      ")));
        }
        more(&mut out, s.failed, s.failed_jobs.len());
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn more(out: &mut String, total: u64, shown: usize) {
    if total > shown as u64 {
        out.push_str(&format!("  … and {} more (raise --limit)\n", total - shown as u64));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jsonl_file_is_cut_at_line_ends() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        std::fs::write(&p, "a\nbb\nccc\ndddd\ne").unwrap();
        let r = line_ranges(&p, 2).unwrap();
        let whole = std::fs::read(&p).unwrap();
        let parts: Vec<&[u8]> =
            r.iter().map(|r| &whole[r.start as usize..r.end as usize]).collect();
        assert_eq!(parts, [&b"a\nbb\n"[..], b"ccc\ndddd\n", b"e"]);
        assert_eq!(r.iter().map(|r| r.first_line).collect::<Vec<_>>(), [1, 3, 5]);
        assert_eq!(line_ranges(&p, 1000).unwrap().len(), 1);
    }

    #[test]
    fn inputs_that_cannot_be_queued_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let mut jobs = Vec::new();
        let missing = dir.path().join("missing.txt");
        let e = jobs_for(&missing, true, &mut jobs).unwrap_err();
        assert_eq!(e.to_string(), format!("{}: no such file or directory", missing.display()));
        let pdf = dir.path().join("a.xlsx");
        std::fs::write(&pdf, "x").unwrap();
        assert!(jobs_for(&pdf, true, &mut jobs).unwrap_err().to_string().contains("unsupported"));
        let list = dir.path().join("feeds.urls");
        std::fs::write(&list, "# mine\nhttps://example.org/a\n\nftp://x\n").unwrap();
        let e = jobs_for(&list, true, &mut jobs).unwrap_err();
        assert_eq!(e.line, Some(4));
        assert!(jobs_for(Path::new("-"), true, &mut jobs).is_err());
        assert!(queue_url(&Location::from("x.db"), None)
            .unwrap_err()
            .to_string()
            .contains("--queue-db"));
    }

    #[test]
    fn a_directory_gives_one_job_per_known_file_with_absolute_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b.md"), "x").unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "x").unwrap();
        std::fs::write(dir.path().join("notes.xlsx"), "x").unwrap();
        std::fs::write(dir.path().join("list.urls"), "http://example.org/1\n").unwrap();
        let mut jobs = Vec::new();
        jobs_for(dir.path(), true, &mut jobs).unwrap();
        let inputs: Vec<&str> = jobs.iter().map(|j| j.input.as_str()).collect();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        assert_eq!(
            inputs,
            [
                root.join("a.txt").to_str().unwrap(),
                "http://example.org/1",
                root.join("sub/b.md").to_str().unwrap()
            ]
        );
    }
}
