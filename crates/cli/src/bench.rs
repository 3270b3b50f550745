//! `dossier bench`: whole-pipeline extraction throughput, and how the cost
//! of one document grows with its length (`--scaling`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use dossier_core::{annotate, Document};
use dossier_ingest::{read_inputs, Overrides};
use rayon::prelude::*;

use crate::commands::example_documents;

fn corpus(paths: &[PathBuf]) -> Vec<Document> {
    if !paths.is_empty() {
        return read_inputs(paths, &Overrides::default()).filter_map(Result::ok).collect();
    }
    example_documents()
}

pub fn run(paths: &[PathBuf], mb: f64) -> Result<ExitCode> {
    let docs = corpus(paths);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    if bytes == 0 {
        anyhow::bail!("nothing to measure: no readable documents");
    }
    let rounds = ((mb * 1e6) / bytes as f64).ceil().max(1.0) as usize;
    let total = (bytes * rounds) as f64 / 1e6;
    // Warm up: builds the lexicon once.
    let t0 = Instant::now();
    let _ = annotate(docs[0].clone());
    let startup = t0.elapsed();
    let t = Instant::now();
    let cpu0 = thread_cpu_ns();
    let mut claims = 0usize;
    for _ in 0..rounds {
        for d in &docs {
            claims += annotate(d.clone()).claims.len();
        }
    }
    let single = t.elapsed().as_secs_f64();
    let single_cpu = thread_cpu_ns().zip(cpu0).map(|(b, a)| (b - a) as f64 / 1e9);
    let t = Instant::now();
    let par_claims: usize = (0..rounds)
        .into_par_iter()
        .flat_map_iter(|_| docs.iter())
        .map(|d| annotate(d.clone()).claims.len())
        .sum();
    let par = t.elapsed().as_secs_f64();
    assert_eq!(claims, par_claims, "extraction must be deterministic");
    println!(
        "corpus: {} documents, {:.1} KB, repeated {rounds}x = {total:.1} MB",
        docs.len(),
        bytes as f64 / 1e3
    );
    println!("lexicon load and first document: {:.0} ms", startup.as_secs_f64() * 1e3);
    println!("one thread:  {:.2} MB/s wall ({} claims)", total / single, claims);
    if let Some(cpu) = single_cpu.filter(|&c| c > 0.0) {
        // On a busy machine the wall clock includes time spent waiting for
        // a core; CPU time is what one core actually spent.
        println!("one thread:  {:.2} MB/s per CPU-second", total / cpu);
    }
    println!("{} threads: {:.2} MB/s", rayon::current_num_threads(), total / par);
    Ok(ExitCode::SUCCESS)
}

/// `dossier bench --scaling`: one document made of the corpus repeated
/// (whole articles) to each size, annotated on this thread. Prints wall and
/// CPU time per size and the CPU time's growth over the size before:
/// linear extraction costs 2x per doubling (issue 12).
pub fn scaling(paths: &[PathBuf], sizes_mb: &[f64]) -> Result<ExitCode> {
    let docs = corpus(paths);
    if docs.iter().all(|d| d.text.is_empty()) {
        anyhow::bail!("nothing to measure: no readable documents");
    }
    // Warm up: builds the lexicon once.
    let _ = annotate(docs[0].clone());
    println!("{:>8}  {:>9}  {:>9}  {:>7}  {:>8}", "size", "wall", "CPU", "MB/s", "growth");
    let mut before: Option<(f64, f64)> = None;
    for &mb in sizes_mb {
        let bytes = (mb * 1e6) as usize;
        let mut text = String::with_capacity(bytes + 65_536);
        while text.len() < bytes {
            for d in docs.iter().filter(|d| !d.text.is_empty()) {
                if text.len() >= bytes {
                    break;
                }
                text.push_str(&d.text);
                text.push_str("\n\n");
            }
        }
        let size = text.len() as f64 / 1e6;
        let doc = Document { published: docs[0].published, text, ..Document::default() };
        let t = Instant::now();
        let cpu0 = thread_cpu_ns();
        let annotated = annotate(doc);
        let wall = t.elapsed().as_secs_f64();
        let cpu = thread_cpu_ns().zip(cpu0).map_or(wall, |(b, a)| (b - a) as f64 / 1e9);
        drop(annotated);
        // The cost per byte-doubling: CPU time over the size before's, scaled
        // to a doubling of the size.
        let growth = before.map(|(s, c)| {
            let doublings = (size / s).log2();
            let ratio = (cpu / c).powf(1.0 / doublings.max(f64::EPSILON));
            format!("{ratio:.2}x")
        });
        println!(
            "{:>5.1} MB  {:>7.2} s  {:>7.2} s  {:>7.2}  {:>8}",
            size,
            wall,
            cpu,
            size / cpu,
            growth.unwrap_or_default()
        );
        before = Some((size, cpu));
    }
    Ok(ExitCode::SUCCESS)
}

/// CPU time this thread has run, in nanoseconds (Linux: the first field of
/// `/proc/thread-self/schedstat`); `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// `dossier bench --readers`: how fast the streaming readers turn a file
/// into documents, on this thread, for a JSON Lines file and a `.warc.gz`
/// archive (CC-NEWS style: a request and an HTML response record per page,
/// each record its own gzip member), both generated from the example
/// corpus until they reach `mb` MB on disk. Reading includes the HTML
/// reader's extraction of each page, not annotation.
pub fn readers(mb: f64) -> Result<ExitCode> {
    let docs = example_documents();
    if docs.is_empty() {
        anyhow::bail!("nothing to measure: no readable documents");
    }
    let dir = tempfile::tempdir()?;
    let target = (mb * 1e6) as u64;
    let jsonl = dir.path().join("corpus.jsonl");
    let warc = dir.path().join("corpus.warc.gz");
    let t = Instant::now();
    write_jsonl(&jsonl, &docs, target)?;
    let raw = write_warc(&warc, &docs, target)?;
    eprintln!("generated both files in {:.1} s", t.elapsed().as_secs_f64());
    println!(
        "{:<28} {:>9} {:>10} {:>11} {:>11}",
        "format", "MB", "documents", "MB/s wall", "MB/s CPU"
    );
    for (name, path) in [("JSON Lines (.jsonl)", &jsonl), ("WARC (.warc.gz)", &warc)] {
        let size = std::fs::metadata(path)?.len() as f64 / 1e6;
        let t = Instant::now();
        let cpu0 = thread_cpu_ns();
        let mut inputs = read_inputs(std::slice::from_ref(path), &Overrides::default());
        let (mut read, mut failed) = (0usize, 0usize);
        for item in inputs.by_ref() {
            match item {
                Ok(_) => read += 1,
                Err(_) => failed += 1,
            }
        }
        let wall = t.elapsed().as_secs_f64();
        let cpu = thread_cpu_ns().zip(cpu0).map_or(wall, |(b, a)| (b - a) as f64 / 1e9);
        anyhow::ensure!(failed == 0, "{failed} records of the generated {name} failed to read");
        let skipped = inputs.skipped_records().total();
        println!("{name:<28} {size:>9.1} {read:>10} {:>11.1} {:>11.1}", size / wall, size / cpu);
        if path == &warc {
            println!(
                "  ({:.1} MB uncompressed, {:.1} MB/s of it per CPU-second; {skipped} request \
                 records passed over)",
                raw as f64 / 1e6,
                raw as f64 / 1e6 / cpu
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The corpus as JSON Lines, repeated to at least `target` bytes.
fn write_jsonl(path: &std::path::Path, docs: &[Document], target: u64) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut written = 0u64;
    for round in 0.. {
        for (i, d) in docs.iter().enumerate() {
            let line = serde_json::json!({
                "title": d.title,
                "source": d.source,
                "url": format!("https://news.example/{round}/{i}"),
                "published": d.published.map(|p| p.to_string()),
                "text": d.text,
            })
            .to_string();
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
            written += line.len() as u64 + 1;
        }
        if written >= target {
            break;
        }
    }
    out.flush()?;
    Ok(())
}

/// The corpus as HTML pages in a `.warc.gz`, to at least `target` bytes on
/// disk; returns the uncompressed size.
fn write_warc(path: &std::path::Path, docs: &[Document], target: u64) -> Result<u64> {
    let pages: Vec<(String, String)> = docs.iter().map(|d| (page(d), crawl_date(d))).collect();
    let file = Counted { inner: std::io::BufWriter::new(std::fs::File::create(path)?), n: 0 };
    let mut w = dossier_ingest::WarcWriter::new(file, true);
    'rounds: for round in 0.. {
        for (i, (html, date)) in pages.iter().enumerate() {
            let uri = format!("https://news.example/{round}/{i}");
            w.request(&uri, date)?;
            w.html_response(&uri, date, html)?;
            if w.get_ref().n >= target {
                break 'rounds;
            }
        }
    }
    let raw = w.uncompressed_bytes();
    w.finish()?;
    Ok(raw)
}

/// An article page as a news site would serve it: navigation, the article
/// with its headline and date, a footer.
fn page(d: &Document) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let title = esc(d.title.as_deref().unwrap_or("Untitled"));
    let date = d.published.map(|p| p.to_string()).unwrap_or_default();
    let mut html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta property=\"og:title\" content=\"{title}\">\
         <meta property=\"article:published_time\" content=\"{date}\"></head><body>\
         <nav class=\"menu\"><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>{title}</h1>"
    );
    for p in d.text.split("\n\n") {
        html.push_str(&format!("<p>{}</p>", esc(p)));
    }
    html.push_str("</article><footer>© News Example</footer></body></html>");
    html
}

fn crawl_date(d: &Document) -> String {
    d.published.map_or("2024-01-01T00:00:00Z".into(), |p| format!("{p}T06:00:00Z"))
}

/// A writer that counts what went through it.
struct Counted<W> {
    inner: W,
    n: u64,
}

impl<W: std::io::Write> std::io::Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.n += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
