//! Tagging and parsing throughput (tokens/s) of the bundled model on the EWT dev file,
//! or on the test fixture when ../shared/data is absent.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier_syntax::{conllu, Model};

fn sentences() -> Vec<conllu::Sentence> {
    let dev = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu"
    );
    if Path::new(dev).exists() {
        conllu::read_file(Path::new(dev)).expect("a readable treebank")
    } else {
        eprintln!("{dev} is absent: measuring on the test fixture");
        let fixture = include_str!("../tests/data/fixture.conllu");
        conllu::parse_str(fixture, "fixture").expect("a valid fixture")
    }
}

fn bench(c: &mut Criterion) {
    let sents = sentences();
    let forms: Vec<Vec<&str>> = sents.iter().map(|s| s.forms()).collect();
    let tokens: usize = forms.iter().map(Vec::len).sum();
    let model = Model::bundled();
    let mut g = c.benchmark_group("syntax");
    g.throughput(Throughput::Elements(tokens as u64));
    g.sample_size(10);
    g.bench_function("tag+parse", |b| {
        b.iter(|| {
            let mut roots = 0;
            for f in &forms {
                roots += model.parse(f).heads.iter().filter(|&&h| h == 0).count();
            }
            assert_eq!(roots, forms.iter().filter(|f| !f.is_empty()).count());
        })
    });
    g.bench_function("tag", |b| b.iter(|| forms.iter().map(|f| model.tag(f).len()).sum::<usize>()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
