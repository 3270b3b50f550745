//! Throughput of the whole extraction of a document (every stage), and of the
//! claim and event stages alone, on the example corpus.
//!
//! The corpus is the `.txt` and `.md` files under `examples/articles/` (their
//! header lines dropped), each with its publication date. Criterion reports
//! MB/s through `Throughput::Bytes`; the claim and event group runs on
//! documents whose earlier stages (segmentation, entities, quantities, times)
//! were computed once outside the timed loop.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier_core::{annotate, Document, Prepared};

fn corpus() -> Vec<Document> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    let mut docs = Vec::new();
    for p in paths {
        if !matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
            continue;
        }
        let Ok(raw) = std::fs::read_to_string(&p) else { continue };
        let (head, body) = raw.split_once("\n\n").unwrap_or(("", raw.as_str()));
        let published = head
            .lines()
            .find_map(|l| l.strip_prefix("Published: "))
            .and_then(|d| d.get(..10)?.parse().ok());
        docs.push(Document {
            id: p.display().to_string(),
            published,
            text: body.to_string(),
            ..Document::default()
        });
    }
    assert!(!docs.is_empty(), "no example articles under {dir}");
    docs
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let expected: usize = docs.iter().map(|d| annotate(d.clone()).claims.len()).sum();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("annotate (all stages)", |b| {
        b.iter(|| {
            let n: usize = docs.iter().map(|d| annotate(black_box(d.clone())).claims.len()).sum();
            assert_eq!(n, expected);
        })
    });
    let prepared: Vec<Prepared> = docs.iter().cloned().map(Prepared::new).collect();
    let found: usize = prepared.iter().map(Prepared::claims_and_events).sum();
    g.bench_function("claims and events", |b| {
        b.iter(|| {
            let n: usize = prepared.iter().map(|p| black_box(p).claims_and_events()).sum();
            assert_eq!(n, found);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
