//! Throughput of the quantity and time recognizers on news text.
//!
//! The text is every file under `examples/articles/` (or, when there are
//! none, a news-like paragraph written for this bench), repeated to about
//! 1 MB. Reports MB/s through criterion's `Throughput::Bytes`.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier_core::{find_quantities, find_times};

const FALLBACK: &str =
    "KABUL - Militants attacked a checkpoint on Thursday, killing 13 soldiers and \
wounding about 40 others, officials said. The group, which has between 1,500 and 2,000 fighters \
according to a UN report issued last June, has carried out more than 150 attacks since late 2014. \
In the first four months of 2021 it claimed dozens of bombings, up from 21 in the same period in \
2020. Security forces currently hold the district centre, but residents said a few days ago that \
several hundred fighters had gathered in the hills.\n\n";

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles");
    let mut base = String::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if let Ok(s) = std::fs::read_to_string(&p) {
                base.push_str(&s);
                base.push_str("\n\n");
            }
        }
    }
    if base.is_empty() {
        base.push_str(FALLBACK);
    }
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(&base);
    }
    text
}

fn recognizers(c: &mut Criterion) {
    let text = corpus();
    let dct = NaiveDate::from_ymd_opt(2021, 8, 28);
    let q = find_quantities(&text).len();
    let t = find_times(&text, dct).len();
    assert!(q > 100 && t > 100, "too few mentions: {q} quantities, {t} times");
    let mut g = c.benchmark_group("recognizers");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("quantities+times", |b| {
        b.iter(|| {
            let q = find_quantities(black_box(&text));
            let t = find_times(black_box(&text), dct);
            assert!(!q.is_empty() && !t.is_empty());
            (q.len(), t.len())
        })
    });
    g.bench_function("quantities", |b| b.iter(|| find_quantities(black_box(&text)).len()));
    g.bench_function("times", |b| b.iter(|| find_times(black_box(&text), dct).len()));
    g.finish();
}

criterion_group!(benches, recognizers);
criterion_main!(benches);
