//! `dossier bench --reconcile N`: builds (or reuses) a store of N documents
//! generated from the example corpus and measures loading and reconciling it.
//!
//! Each generated document is an annotated example report with: a new id;
//! its publication date, event dates and claim dates shifted by the same
//! offset (up to five years either way); its outlet numbered (40 outlets per
//! real one); every figure scaled by one of five factors; and the names of
//! its groups, organizations and people suffixed with one of 300 variant
//! numbers (catalog ids likewise), so the store holds many distinct entities
//! whose reports overlap and disagree the way the examples do. The text
//! itself is kept, so spans stay valid.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use dossier_core::{
    annotate, reconcile_with, Annotated, EntityKind, Quantity, TimeInterval, Value,
};
use dossier_store::Store;
use rayon::prelude::*;

use crate::commands::{example_documents, lean_documents, manual_decisions};

const VARIANTS: usize = 300;
const OUTLETS: usize = 40;
const FACTORS: [f64; 5] = [0.7, 0.85, 1.0, 1.2, 1.5];

fn templates() -> Vec<Annotated> {
    let mut docs = example_documents();
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    docs.into_par_iter().map(annotate).collect()
}

fn shift(i: &mut TimeInterval, days: i64) {
    let d = chrono::Duration::days(days);
    i.start = i.start.map(|x| x + d);
    i.end = i.end.map(|x| x + d);
    i.value = None;
}

fn scale(q: &mut Quantity, f: f64) {
    q.low = q.low.map(|x| (x * f).round());
    q.high = q.high.map(|x| (x * f).round());
}

/// The k-th generated document; with `vary_places`, its places are
/// renamed per variant too (prefixed with the variant number, out of the
/// gazetteer), so that the store falls into many independent components.
pub fn generate(templates: &[Annotated], k: usize, vary_places: bool) -> Annotated {
    let t = &templates[k % templates.len()];
    let copy = k / templates.len();
    let mut a = t.clone();
    a.doc.id = format!("{:016x}", (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5eed);
    let days = ((copy * 7919) % 3650) as i64 - 1825;
    a.doc.published = a.doc.published.map(|p| p + chrono::Duration::days(days));
    a.doc.source = a.doc.source.as_ref().map(|s| format!("{s} {}", copy % OUTLETS));
    let variant = copy % VARIANTS;
    if variant > 0 || vary_places {
        // With `vary_places`, every name of a variant also carries a tag
        // word of one of 20 classes (a different first letter), the same on
        // its places, so that variants of different classes share no name,
        // acronym or place initial.
        let tag = vary_places.then(|| format!("{}v", (b'A' + (variant % 20) as u8) as char));
        let rename = |n: &str| match &tag {
            Some(t) => format!("{t} {n} {variant}"),
            None => format!("{n} {variant}"),
        };
        for e in &mut a.entities {
            if matches!(e.kind, EntityKind::Group | EntityKind::Organization | EntityKind::Person) {
                e.name = rename(&e.name);
                for al in &mut e.aliases {
                    *al = rename(al);
                }
                e.catalog_id = e.catalog_id.as_ref().map(|c| format!("{c}-v{variant}"));
            } else if vary_places {
                e.name = rename(&e.name);
                for al in &mut e.aliases {
                    *al = rename(al);
                }
                e.catalog_id = None;
            }
        }
    }
    let f = FACTORS[copy % FACTORS.len()];
    for c in &mut a.claims {
        if let Value::Quantity { quantity, .. } = &mut c.value {
            scale(quantity, f);
        }
        if let Some(w) = &mut c.when {
            if let Some(i) = &mut w.interval {
                shift(i, days);
            }
        }
    }
    for ev in &mut a.events {
        if let Some(w) = &mut ev.when {
            if let Some(i) = &mut w.interval {
                shift(i, days);
            }
        }
        for q in [&mut ev.killed, &mut ev.wounded, &mut ev.killed_or_wounded].into_iter().flatten()
        {
            scale(q, f);
        }
    }
    a
}

fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(n: usize, db: Option<&Path>, vary_places: bool) -> Result<ExitCode> {
    let tmp;
    let path = match db {
        Some(p) => p.to_path_buf(),
        None => {
            tmp = tempfile::tempdir().context("cannot create a temporary directory")?;
            tmp.path().join("bench.db")
        }
    };
    {
        let mut store = Store::open_url(&path.to_string_lossy())?;
        let have = store.counts()?.documents;
        if have < n {
            let t = Instant::now();
            let templates = templates();
            anyhow::ensure!(!templates.is_empty(), "the example corpus is empty");
            for start in (have..n).step_by(1000) {
                let end = (start + 1000).min(n);
                let batch: Vec<Annotated> = (start..end)
                    .into_par_iter()
                    .map(|k| generate(&templates, k, vary_places))
                    .collect();
                store.insert_batch(&batch)?;
            }
            eprintln!(
                "generated {} documents into {} in {:.1} s",
                n - have,
                path.display(),
                t.elapsed().as_secs_f64()
            );
        } else if have > n {
            eprintln!("note: {} holds {have} documents; measuring all of them", path.display());
        }
    }
    let t = Instant::now();
    let store = Store::open_url(&path.to_string_lossy())?;
    // What `dossier conflicts` and the other views load.
    let docs = lean_documents(&store)?;
    let decisions = manual_decisions(&store)?;
    let load = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let rec = reconcile_with(&docs, &decisions);
    let reconcile = t.elapsed().as_secs_f64();
    let conflicts = rec.disagreements(None, false).len();
    let merged = rec.events.iter().filter(|e| e.reports.len() > 1).count();
    let claims: usize = docs.iter().map(|a| a.claims.len()).sum();
    let reports: usize = docs.iter().map(|a| a.events.len()).sum();
    println!(
        "store: {} ({} documents, {claims} claims, {reports} event reports)",
        path.display(),
        docs.len()
    );
    println!("load (streamed, without mentions): {load:.2} s");
    println!(
        "reconcile: {reconcile:.2} s -> {} entities, {} findings ({conflicts} conflicts), {} events ({merged} merged from several reports)",
        rec.entities.len(),
        rec.findings.len(),
        rec.events.len()
    );
    println!("load + reconcile: {:.2} s", load + reconcile);
    if let Some(mb) = peak_rss_mb() {
        println!("peak resident memory: {mb:.0} MB");
    }
    Ok(ExitCode::SUCCESS)
}
