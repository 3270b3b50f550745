fn cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
    let f: Vec<&str> = s.rsplit(')').next().unwrap().split_whitespace().collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0
}
fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles");
    let mut docs = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        docs.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    let t0 = cpu();
    let _ = &*dossier_core::lexicon::LEXICON;
    let t1 = cpu();
    let w = std::time::Instant::now();
    let mut n = 0;
    let mut total = 0usize;
    while cpu() - t1 < 10.0 {
        for d in &docs {
            n += dossier_core::find_entities(d, None).mentions.len();
        }
        total += bytes;
    }
    let t2 = cpu();
    println!(
        "lexicon init cpu {:.3}s; {} MB in {:.2}s cpu ({:.2}s wall): {:.1} MB/s cpu; mentions {n}",
        t1 - t0,
        total as f64 / 1e6,
        t2 - t1,
        w.elapsed().as_secs_f64(),
        total as f64 / 1e6 / (t2 - t1)
    );
}
