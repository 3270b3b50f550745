//! What each subcommand does.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use dossier_core::{annotate, export, reconcile, Annotated, Document};
use dossier_ingest::{read_inputs, IngestError, Overrides};
use dossier_store::Store;
use rayon::prelude::*;

use crate::args::{Cli, Command, ExportFormat, MetaArgs};
use crate::render;

/// The example corpus, bundled into the binary for `dossier demo` and `bench`.
pub static EXAMPLES: include_dir::Dir =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/../../examples/articles");

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract { paths, meta, with_text } => extract(&paths, &meta, with_text),
        Command::Ingest { paths, meta, db, quiet } => {
            let mut store = open_store(&db.db)?;
            let report = ingest(&mut store, &paths, &overrides(&meta), quiet)?;
            report.print();
            Ok(if report.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Entities { db, kind, format } => {
            let (docs, rec) = load(&db.db)?;
            let out = render::entities(&docs, &rec, kind.as_deref(), format)?;
            write_out(&out)
        }
        Command::Profile { name, db, format } => {
            let (docs, rec) = load(&db.db)?;
            profile(&docs, &rec, &name, format)
        }
        Command::Export { format: ExportFormat::Jsonl, db, output, with_text } => {
            let (docs, rec) = load(&db.db)?;
            let records = export::records(&docs, &rec, export::ExportOptions { with_text });
            match output {
                Some(p) => {
                    let f = std::fs::File::create(&p)
                        .with_context(|| format!("cannot create {}", p.display()))?;
                    write_jsonl(BufWriter::new(f), &records)?;
                    eprintln!("wrote {} records to {}", records.len(), p.display());
                }
                None => write_jsonl(BufWriter::new(std::io::stdout().lock()), &records)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { name } => demo(name.as_deref()),
        Command::Bench { paths, mb } => crate::bench::run(&paths, mb),
        Command::Eval(cmd) => crate::eval::run(cmd),
    }
}

fn overrides(meta: &MetaArgs) -> Overrides {
    Overrides { date: meta.date, source: meta.source.clone() }
}

fn open_store(path: &Path) -> Result<Store> {
    Store::open(path).map_err(anyhow::Error::from)
}

fn load(db: &Path) -> Result<(Vec<Annotated>, dossier_core::Reconciled)> {
    if !db.exists() {
        anyhow::bail!(
            "no database at {}: run `dossier ingest PATH... --db {}` first (or pass --db)",
            db.display(),
            db.display()
        );
    }
    let store = open_store(db)?;
    let docs = store.load_all()?;
    let rec = reconcile(&docs);
    Ok((docs, rec))
}

fn write_out(s: &str) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_jsonl<W: Write>(mut w: W, records: &[serde_json::Value]) -> Result<()> {
    for r in records {
        serde_json::to_writer(&mut w, r)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(())
}

fn extract(paths: &[PathBuf], meta: &MetaArgs, with_text: bool) -> Result<ExitCode> {
    let mut docs: Vec<Document> = Vec::new();
    let mut failed = 0usize;
    let mut seen = std::collections::HashSet::new();
    for item in read_inputs(paths, &overrides(meta)) {
        match item {
            Ok(d) => {
                if seen.insert(d.id.clone()) {
                    docs.push(d);
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("dossier: skipped {e}");
            }
        }
    }
    let mut annotated: Vec<Annotated> = docs.into_par_iter().map(annotate).collect();
    // The store's order, so that `extract` and `export` agree on ids.
    annotated.sort_by(|a, b| {
        (a.doc.published.is_none(), a.doc.published, &a.doc.id).cmp(&(
            b.doc.published.is_none(),
            b.doc.published,
            &b.doc.id,
        ))
    });
    let rec = reconcile(&annotated);
    let records = export::records(&annotated, &rec, export::ExportOptions { with_text });
    write_jsonl(BufWriter::new(std::io::stdout().lock()), &records)?;
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// What an ingest run did.
#[derive(Default)]
pub struct IngestReport {
    pub read: usize,
    pub stored: usize,
    pub duplicates: usize,
    pub claims: usize,
    pub events: usize,
    pub failed: Vec<IngestError>,
}

impl IngestReport {
    pub fn print(&self) {
        eprintln!(
            "read {} document{}: {} stored, {} already in the database; {} claims, {} events",
            self.read,
            if self.read == 1 { "" } else { "s" },
            self.stored,
            self.duplicates,
            self.claims,
            self.events
        );
        if !self.failed.is_empty() {
            eprintln!(
                "skipped {} input{}:",
                self.failed.len(),
                if self.failed.len() == 1 { "" } else { "s" }
            );
            for e in &self.failed {
                eprintln!("  {e}");
            }
        }
    }
}

const BATCH: usize = 64;

pub fn ingest(
    store: &mut Store,
    paths: &[PathBuf],
    overrides: &Overrides,
    quiet: bool,
) -> Result<IngestReport> {
    let mut report = IngestReport::default();
    let bar = if quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} documents read, {msg} [{elapsed}]",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b
    };
    let mut pending: Vec<Document> = Vec::with_capacity(BATCH);
    fn flush(
        store: &mut Store,
        pending: &mut Vec<Document>,
        report: &mut IngestReport,
        bar: &indicatif::ProgressBar,
    ) -> Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let batch: Vec<Document> = std::mem::take(pending);
        let annotated: Vec<Annotated> = batch.into_par_iter().map(annotate).collect();
        let stats = store.insert_batch(&annotated)?;
        report.stored += stats.inserted;
        report.duplicates += stats.duplicates;
        report.claims += stats.claims;
        report.events += stats.events;
        bar.set_message(format!("{} stored", report.stored));
        Ok(())
    }
    for item in read_inputs(paths, overrides) {
        match item {
            Ok(doc) => {
                report.read += 1;
                bar.inc(1);
                if store.contains(&doc.id)? || pending.iter().any(|d| d.id == doc.id) {
                    report.duplicates += 1;
                    continue;
                }
                pending.push(doc);
                if pending.len() >= BATCH {
                    flush(store, &mut pending, &mut report, &bar)?;
                }
            }
            Err(e) => {
                bar.suspend(|| eprintln!("dossier: skipped {e}"));
                report.failed.push(e);
            }
        }
    }
    flush(store, &mut pending, &mut report, &bar)?;
    bar.finish_and_clear();
    Ok(report)
}

fn profile(
    docs: &[Annotated],
    rec: &dossier_core::Reconciled,
    name: &str,
    format: crate::args::ViewFormat,
) -> Result<ExitCode> {
    let Some(e) = rec.find(name) else {
        let mut msg = format!("no entity named `{name}` in the database");
        let groups: Vec<&str> = rec
            .entities
            .iter()
            .filter(|e| e.kind == dossier_core::EntityKind::Group)
            .map(|e| e.name.as_str())
            .take(8)
            .collect();
        if !groups.is_empty() {
            msg.push_str(&format!("; groups include: {}", groups.join(", ")));
        }
        msg.push_str(" (see `dossier entities`)");
        anyhow::bail!(msg);
    };
    let out = render::profile(docs, rec, e, format, std::io::stdout().is_terminal())?;
    write_out(&out)
}

fn demo(name: Option<&str>) -> Result<ExitCode> {
    let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).context("cannot create a temporary directory")?;
    EXAMPLES.extract(&articles).context("cannot write the example corpus")?;
    let db = dir.path().join("demo.db");
    let mut store = open_store(&db)?;
    eprintln!(
        "ingesting the bundled example corpus ({} files) into a temporary database",
        EXAMPLES.files().count()
    );
    let report = ingest(&mut store, &[articles], &Overrides::default(), true)?;
    report.print();
    let docs = store.load_all()?;
    let rec = reconcile(&docs);
    let target = match name {
        Some(n) => {
            rec.find(n).with_context(|| format!("no entity named `{n}` in the example corpus"))?
        }
        None => {
            // The group the most reports cover.
            (0..rec.entities.len())
                .filter(|&i| rec.entities[i].kind == dossier_core::EntityKind::Group)
                .max_by_key(|&i| {
                    let e = &rec.entities[i];
                    let n_docs = e
                        .members
                        .iter()
                        .map(|m| m.0)
                        .collect::<std::collections::BTreeSet<_>>()
                        .len();
                    (rec.claims.iter().filter(|c| c.subject == i).count(), n_docs)
                })
                .context("the example corpus has no group")?
        }
    };
    let out = render::profile(
        &docs,
        &rec,
        target,
        crate::args::ViewFormat::Table,
        std::io::stdout().is_terminal(),
    )?;
    let groups: Vec<String> = rec
        .entities
        .iter()
        .filter(|e| e.kind == dossier_core::EntityKind::Group && e.members.len() > 1)
        .map(|e| e.name.clone())
        .collect();
    let mut s = out;
    s.push_str(&format!(
        "\nOther groups in the corpus: {}\nTry: dossier demo \"<name>\"\n",
        groups.join(", ")
    ));
    write_out(&s)
}
