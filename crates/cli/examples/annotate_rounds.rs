//! Annotates the example corpus (or the given files) a number of times on this thread and
//! prints the bytes of text annotated: the workload `scripts/callgrind.sh` counts
//! instructions of. `cargo run --release -p dossier-cli --example annotate_rounds --
//! ROUNDS [PATHS...]`.

use std::path::PathBuf;

use dossier_core::annotate;
use dossier_ingest::{read_inputs, Overrides};

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize =
        args.next().map_or(1, |r| r.parse().expect("usage: annotate_rounds ROUNDS [PATHS...]"));
    let mut paths: Vec<PathBuf> = args.map(PathBuf::from).collect();
    if paths.is_empty() {
        paths.push(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles").into());
    }
    let docs: Vec<_> = read_inputs(&paths, &Overrides::default()).filter_map(Result::ok).collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut claims = 0;
    for _ in 0..rounds {
        for d in &docs {
            claims += annotate(d.clone()).claims.len();
        }
    }
    println!("{} documents, {bytes} bytes, {rounds} rounds, {claims} claims", docs.len());
}
