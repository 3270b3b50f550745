//! Tags and parses a CoNLL-U file's sentences (gold tokens) a few times and prints
//! tokens per second of process CPU time: `cargo run --release -p dossier-syntax
//! --example throughput -- FILE.conllu [ROUNDS]`.

use std::path::Path;
use std::time::Instant;

use dossier_syntax::{conllu, Model};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: throughput FILE.conllu [ROUNDS]");
    let rounds: usize = args.next().map_or(3, |r| r.parse().expect("a number of rounds"));
    let sents = conllu::read_file(Path::new(&path)).expect("a readable CoNLL-U file");
    let forms: Vec<Vec<&str>> = sents.iter().map(|s| s.forms()).collect();
    let tokens: usize = forms.iter().map(Vec::len).sum();
    let model = Model::bundled();
    let mut best = f64::MAX;
    for _ in 0..rounds {
        let t = Instant::now();
        let mut roots = 0;
        for f in &forms {
            roots += model.parse(f).heads.iter().filter(|&&h| h == 0).count();
        }
        assert!(roots >= forms.iter().filter(|f| !f.is_empty()).count());
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("{tokens} tokens, best of {rounds}: {:.0} tokens/s", tokens as f64 / best);
}
