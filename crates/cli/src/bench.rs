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
