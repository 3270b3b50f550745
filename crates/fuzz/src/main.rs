//! `dossier-fuzz`: a mutation fuzzer for dossier's readers (`txt`, `md`,
//! `html`, `jsonl`, `pdf`) and for `annotate`, on stable Rust.
//!
//! `cargo fuzz` needs a nightly compiler; this needs none. Each execution
//! takes a file of the seed corpus (the example articles, the ingest
//! fixtures, `testdata/bad` and `testdata/pdf`) or random bytes, applies stacked random
//! mutations (bit flips, bad UTF-8, HTML, JSON and header tokens, repeated
//! runs, splices; at most `--max-len` bytes), and runs the target inside
//! `catch_unwind`. A panic, or a broken invariant (a span off a char
//! boundary, an error that does not name its input), is a crash: its input
//! is shrunk and saved under `--crashes`, and the run exits 1.
//!
//! ```text
//! cargo run --release -p dossier-fuzz -- --runs 1000000 txt md html jsonl warc annotate
//! cargo run --release -p dossier-fuzz -- --replay target/fuzz-crashes/html-1.bin html
//! ```

mod mutate;
mod targets;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use mutate::Rng;
use targets::Target;

const USAGE: &str = "\
usage: dossier-fuzz [--runs N] [--seed N] [--max-len BYTES] [--corpus DIR]... [--crashes DIR] [TARGET...]
       dossier-fuzz --replay FILE TARGET
targets: txt md html jsonl pdf annotate (default: all)";

struct Settings {
    targets: Vec<Target>,
    runs: u64,
    seed: u64,
    max_len: usize,
    corpus: Vec<PathBuf>,
    crashes: PathBuf,
    replay: Option<PathBuf>,
}

fn workspace() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

fn parse_args() -> Result<Settings, String> {
    let mut s = Settings {
        targets: Vec::new(),
        runs: 1_000_000,
        seed: 1,
        max_len: 1024,
        corpus: Vec::new(),
        crashes: workspace().join("target/fuzz-crashes"),
        replay: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let number = |v: String, name: &str| {
            v.replace('_', "").parse::<u64>().map_err(|_| format!("{name}: not a number: {v}"))
        };
        match a.as_str() {
            "--runs" => s.runs = number(value("--runs")?, "--runs")?,
            "--seed" => s.seed = number(value("--seed")?, "--seed")?,
            "--max-len" => s.max_len = number(value("--max-len")?, "--max-len")?.max(1) as usize,
            "--corpus" => s.corpus.push(value("--corpus")?.into()),
            "--crashes" => s.crashes = value("--crashes")?.into(),
            "--replay" => s.replay = Some(value("--replay")?.into()),
            "-h" | "--help" => return Err(String::new()),
            t => s.targets.push(Target::parse(t).ok_or(format!("unknown target {t:?}"))?),
        }
    }
    if s.targets.is_empty() {
        s.targets = Target::ALL.to_vec();
    }
    if s.corpus.is_empty() {
        let w = workspace();
        s.corpus = vec![
            w.join("examples/articles"),
            w.join("crates/ingest/tests/fixtures"),
            w.join("testdata/bad"),
            w.join("testdata/pdf"),
        ];
    }
    Ok(s)
}

/// Every file under the corpus directories, in sorted order.
fn load_seeds(dirs: &[PathBuf]) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                walk(&p, out);
            } else if let Ok(bytes) = std::fs::read(&p) {
                out.push((p, bytes));
            }
        }
    }
    let mut out = Vec::new();
    for d in dirs {
        walk(d, &mut out);
    }
    out
}

thread_local! {
    /// The last panic's message and place, set by the panic hook.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs one input: whether the target accepted it, or the panic's message.
fn execute(target: Target, input: &[u8]) -> Result<bool, String> {
    panic::catch_unwind(AssertUnwindSafe(|| target.run(input)))
        .map_err(|_| PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default())
}

/// Where a panic happened: crashes at one place are one bug.
fn place(message: &str) -> &str {
    message.split_once(": ").map_or(message, |(at, _)| at)
}

/// A smaller input that still crashes at the same place: drop chunks, large
/// ones first, while the crash remains.
fn shrink(target: Target, input: &[u8], at: &str) -> Vec<u8> {
    let mut best = input.to_vec();
    let mut chunk = best.len() / 2;
    while chunk > 0 {
        let mut i = 0;
        while i + chunk <= best.len() {
            let mut candidate = best.clone();
            candidate.drain(i..i + chunk);
            if execute(target, &candidate).is_err_and(|m| place(&m) == at) {
                best = candidate;
            } else {
                i += chunk;
            }
        }
        chunk /= 2;
    }
    best
}

/// An execution slower than this has its input saved, for a look.
const SLOW: Duration = Duration::from_millis(100);

struct Report {
    execs: u64,
    /// Executions the target accepted (see [`Target::run`]).
    accepted: u64,
    elapsed: Duration,
    crashes: u64,
    /// The slowest execution and its input.
    slowest: (Duration, Vec<u8>),
    /// First input and message per crash place.
    unique: BTreeMap<String, (Vec<u8>, String)>,
}

/// The seeds for one target: every file, those of its own format four
/// times over.
fn seeds_for(target: Target, files: &[(PathBuf, Vec<u8>)]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for (path, bytes) in files {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        let copies = if target.extensions().contains(&ext) { 4 } else { 1 };
        out.extend(std::iter::repeat_n(bytes, copies).cloned());
    }
    if target == Target::Warc {
        let bytes: Vec<Vec<u8>> = files.iter().map(|(_, b)| b.clone()).collect();
        let archives = targets::warc_seeds(&bytes);
        out.extend(archives.iter().flat_map(|a| std::iter::repeat_n(a.clone(), 4)));
    }
    out
}

fn fuzz(target: Target, s: &Settings, files: &[(PathBuf, Vec<u8>)]) -> Report {
    let seeds = seeds_for(target, files);
    let mut rng = Rng::new(s.seed ^ ((target as u64) << 32));
    let mut r = Report {
        execs: 0,
        accepted: 0,
        elapsed: Duration::ZERO,
        crashes: 0,
        slowest: (Duration::ZERO, Vec::new()),
        unique: BTreeMap::new(),
    };
    // The bundled tables and models load on first use: not an input's cost.
    let _ = execute(target, b"Gunmen killed 3 people in Kabul on Monday, police said.");
    let start = Instant::now();
    let mut last_note = start;
    while r.execs < s.runs {
        let mut input = mutate::input(&mut rng, &seeds, s.max_len);
        if target == Target::Jsonl && rng.chance(2) {
            input = mutate::json_lines(&mut rng, &input);
            input.truncate(s.max_len);
        }
        let t = Instant::now();
        let outcome = execute(target, &input);
        if t.elapsed() > r.slowest.0 {
            r.slowest = (t.elapsed(), input.clone());
        }
        r.execs += 1;
        match outcome {
            Ok(accepted) => r.accepted += u64::from(accepted),
            Err(message) => {
                r.crashes += 1;
                r.unique.entry(place(&message).to_string()).or_insert((input, message));
            }
        }
        if last_note.elapsed() > Duration::from_secs(30) {
            last_note = Instant::now();
            eprintln!("{}: {} execs, {} crashes", target.name(), r.execs, r.crashes);
        }
    }
    r.elapsed = start.elapsed();
    r
}

fn main() -> ExitCode {
    let s = match parse_args() {
        Ok(s) => s,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("dossier-fuzz: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        PANIC.with(|p| *p.borrow_mut() = Some(format!("{at}: {what}")));
    }));

    if let Some(file) = &s.replay {
        let input = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("dossier-fuzz: cannot read {}: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        let mut failed = false;
        for &t in &s.targets {
            // Warm up, so that the time shown is the input's own.
            let outcome = execute(t, &input);
            let started = Instant::now();
            let _ = execute(t, &input);
            let ms = started.elapsed().as_secs_f64() * 1e3;
            match outcome {
                Err(m) => {
                    failed = true;
                    println!("{}: crash: {m}", t.name());
                }
                Ok(_) => println!("{}: ok in {ms:.2} ms", t.name()),
            }
        }
        return if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS };
    }

    let seeds = load_seeds(&s.corpus);
    println!(
        "{} seed files, inputs up to {} bytes, seed {}, {} runs per target",
        seeds.len(),
        s.max_len,
        s.seed,
        s.runs
    );
    println!(
        "{:<9} {:>10} {:>9} {:>8} {:>9} {:>8} {:>11}",
        "target", "execs", "accepted", "seconds", "execs/s", "crashes", "slowest ms"
    );
    let mut failed = false;
    for &t in &s.targets {
        let r = fuzz(t, &s, &seeds);
        let secs = r.elapsed.as_secs_f64();
        println!(
            "{:<9} {:>10} {:>8.0}% {:>8.1} {:>9.0} {:>8} {:>11.2}",
            t.name(),
            r.execs,
            100.0 * r.accepted as f64 / r.execs.max(1) as f64,
            secs,
            r.execs as f64 / secs.max(1e-9),
            r.crashes,
            r.slowest.0.as_secs_f64() * 1e3
        );
        if r.slowest.0 > SLOW {
            let path = s.crashes.join(format!("{}-slowest.bin", t.name()));
            let saved = std::fs::create_dir_all(&s.crashes)
                .and_then(|()| std::fs::write(&path, &r.slowest.1));
            if saved.is_ok() {
                println!("  slowest input ({} bytes): {}", r.slowest.1.len(), path.display());
            }
        }
        for (n, (at, (input, message))) in r.unique.iter().enumerate() {
            failed = true;
            let small = shrink(t, input, at);
            let path = s.crashes.join(format!("{}-{}.bin", t.name(), n + 1));
            let saved =
                std::fs::create_dir_all(&s.crashes).and_then(|()| std::fs::write(&path, &small));
            match saved {
                Ok(()) => println!(
                    "  crash at {message}\n  input ({} bytes): {}",
                    small.len(),
                    path.display()
                ),
                Err(e) => println!("  crash at {message}\n  cannot save {}: {e}", path.display()),
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
