//! Tags and parses a CoNLL-U file's sentences (gold tokens) a few times and prints
//! tokens per second, of wall time (best round) and of this thread's CPU time (best
//! round; on a busy machine the wall clock also counts time spent waiting for a core):
//! `cargo run --release -p dossier-syntax --example throughput -- FILE.conllu [ROUNDS]`.
//! `scripts/callgrind.sh syntax` counts its instructions instead.

use std::path::Path;
use std::time::Instant;

use dossier_syntax::{conllu, Model};

/// CPU time this thread has run, in nanoseconds (Linux: the first field of
/// `/proc/thread-self/schedstat`); `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: throughput FILE.conllu [ROUNDS]");
    let rounds: usize = args.next().map_or(3, |r| r.parse().expect("a number of rounds"));
    let sents = conllu::read_file(Path::new(&path)).expect("a readable CoNLL-U file");
    let forms: Vec<Vec<&str>> = sents.iter().map(|s| s.forms()).collect();
    let tokens: usize = forms.iter().map(Vec::len).sum();
    let model = Model::bundled();
    let (mut best, mut best_cpu) = (f64::MAX, f64::MAX);
    for _ in 0..rounds {
        let t = Instant::now();
        let cpu0 = thread_cpu_ns();
        let mut roots = 0;
        for f in &forms {
            roots += model.parse(f).heads.iter().filter(|&&h| h == 0).count();
        }
        assert!(roots >= forms.iter().filter(|f| !f.is_empty()).count());
        best = best.min(t.elapsed().as_secs_f64());
        if let Some(cpu) = thread_cpu_ns().zip(cpu0).map(|(b, a)| (b - a) as f64 / 1e9) {
            best_cpu = best_cpu.min(cpu);
        }
    }
    print!("{tokens} tokens, best of {rounds}: {:.0} tokens/s", tokens as f64 / best);
    if best_cpu < f64::MAX {
        print!(", {:.0} tokens per CPU-second", tokens as f64 / best_cpu);
    }
    println!();
}
