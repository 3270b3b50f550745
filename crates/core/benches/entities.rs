//! Throughput of entity recognition and in-document linking
//! ([`find_entities`]: paragraphs, sentences, tokens, recognition, linking),
//! and the time to load every gazetteer ([`Lexicon::bundled`]).
//!
//! The text is every file under `examples/articles/` (or, when there are
//! none, a news-like paragraph written for this bench), repeated to about
//! 1 MB and cut into documents the size of the originals, so that linking
//! works per document as in the product. Reports MB/s through criterion's
//! `Throughput::Bytes`.
//!
//! Time is the benchmark thread's CPU time (Linux `/proc/thread-self/schedstat`,
//! wall time elsewhere), so the figure is throughput on one core even while
//! other processes share the machine.

use std::hint::black_box;

use std::time::{Duration, Instant};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier_core::find_entities;
use dossier_core::lexicon::{Lexicon, LEXICON};

const FALLBACK: &str =
    "KABUL - Militants of the Islamic State Khorasan Province (ISKP) attacked a checkpoint near \
Jalalabad on Thursday, officials said. Jennifer Cafarella, a fellow at the Institute for the Study \
of War, said the group had about 2,000 fighters in Nangarhar and Kunar. Zabihullah Mujahid, a \
spokesman for the Taliban, denied that the movement had lost ground. Cafarella added that ISW \
expects more attacks on Kabul airport and on Hazara neighborhoods in western Kabul.\n\n";

/// CPU time of the calling thread, in nanoseconds, when the OS tells it.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Criterion measurement: the thread's CPU time.
struct ThreadCpu;

/// Start of a measurement: CPU nanoseconds, or a wall clock fallback.
enum Mark {
    Cpu(u64),
    Wall(Instant),
}

static WALL: WallTime = WallTime;

impl Measurement for ThreadCpu {
    type Intermediate = Mark;
    type Value = Duration;

    fn start(&self) -> Mark {
        thread_cpu_ns().map(Mark::Cpu).unwrap_or_else(|| Mark::Wall(Instant::now()))
    }

    fn end(&self, mark: Mark) -> Duration {
        match mark {
            Mark::Cpu(t0) => Duration::from_nanos(thread_cpu_ns().unwrap_or(t0).saturating_sub(t0)),
            Mark::Wall(t0) => t0.elapsed(),
        }
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, v: &Duration) -> f64 {
        v.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}

fn documents() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles");
    let mut docs = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if let Ok(s) = std::fs::read_to_string(&p) {
                docs.push(s);
            }
        }
    }
    if docs.is_empty() {
        docs.push(FALLBACK.repeat(4));
    }
    let base = docs.clone();
    while docs.iter().map(String::len).sum::<usize>() < 1 << 20 {
        docs.extend(base.iter().cloned());
    }
    docs
}

fn entities(c: &mut Criterion<ThreadCpu>) {
    let docs = documents();
    let bytes: usize = docs.iter().map(String::len).sum();
    let _ = &*LEXICON;
    let found: usize = docs.iter().map(|d| find_entities(d, None).mentions.len()).sum();
    assert!(found > 1000, "too few mentions: {found}");
    let mut g = c.benchmark_group("entities");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("recognize+link", |b| {
        b.iter(|| {
            let n: usize =
                docs.iter().map(|d| find_entities(black_box(d), None).mentions.len()).sum();
            assert_eq!(n, found);
            n
        })
    });
    g.finish();
    let mut g = c.benchmark_group("lexicon");
    g.sample_size(10);
    g.bench_function("load every gazetteer", |b| {
        b.iter(|| {
            let lex = Lexicon::bundled();
            assert!(lex.key_count() > 50_000, "{} keys", lex.key_count());
            lex.key_count()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = entities
}
criterion_main!(benches);
