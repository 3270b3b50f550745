//! What each subcommand does.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use dossier_core::export::source::Records;
use dossier_core::reconcile::ManualDecision;
use dossier_core::{
    annotate, annotate_within, export, reconcile, Annotated, Budget, Document, OverBudget,
};
use dossier_ingest::{read_inputs, IngestError, Overrides, SkippedRecords};
use dossier_store::{DecisionKind, Location, Store};
use rayon::prelude::*;

use crate::args::{Cli, Command, ExportFormat, MetaArgs};
use crate::progress::Progress;
use crate::render;

/// The example corpus, bundled into the binary for `dossier demo` and `bench`.
pub static EXAMPLES: include_dir::Dir =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/../../examples/articles");

/// The bundled example corpus read into documents (for the benchmarks).
pub fn example_documents() -> Vec<Document> {
    let mut docs = Vec::new();
    for f in EXAMPLES.files() {
        let name = f.path().to_string_lossy().to_string();
        let Some(format) = dossier_ingest::Format::from_path(f.path()) else { continue };
        docs.extend(
            dossier_ingest::read_bytes(&name, format, f.contents(), &Overrides::default())
                .into_iter()
                .filter_map(Result::ok),
        );
    }
    docs
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract { paths, meta, with_text } => extract(&paths, &meta, with_text),
        Command::Ingest { paths, meta, db, queue: true, queue_db, .. } => {
            let url = crate::worker::queue_url(&db.db, queue_db.queue_db.as_deref())?;
            crate::worker::enqueue(&url, &paths, &meta)
        }
        Command::Ingest { paths, meta, db, quiet, budget, queue: false, reconcile, .. } => {
            // Nothing to read: say so, and leave no empty database behind.
            let missing: Vec<&PathBuf> =
                paths.iter().filter(|p| p.as_os_str() != "-" && !p.exists()).collect();
            if missing.len() == paths.len() {
                for p in &missing {
                    eprintln!("dossier: skipped {}: no such file or directory", p.display());
                }
                eprintln!("nothing to read; {} was left as it was", db.db);
                return Ok(ExitCode::from(1));
            }
            let mut store = open_store(&db.db)?;
            let report = ingest(&mut store, &paths, &overrides(&meta), &budget.budget(), quiet)?;
            report.print();
            if reconcile {
                store.reconcile_stored(false).with_context(|| {
                    format!(
                        "the documents are stored, but bringing the reconciliation up to date \
                         failed: run `dossier reconcile --db {}`",
                        db.db
                    )
                })?;
            }
            Ok(if report.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Worker {
            db,
            queue_db,
            lease,
            poll,
            max_attempts,
            exit_when_empty,
            reconcile,
            budget,
        } => {
            let secs = |s: f64, flag: &str| {
                Duration::try_from_secs_f64(s)
                    .ok()
                    .filter(|d| !d.is_zero())
                    .with_context(|| format!("{flag} takes a positive number of seconds, not {s}"))
            };
            crate::worker::run(&crate::worker::WorkerOptions {
                queue_url: crate::worker::queue_url(&db.db, queue_db.queue_db.as_deref())?,
                db: db.db,
                lease: secs(lease, "--lease")?,
                poll: secs(poll, "--poll")?,
                max_attempts: max_attempts.max(1),
                exit_when_empty,
                budget: budget.budget(),
                reconcile,
            })
        }
        Command::Status { db, queue_db, limit } => crate::worker::status(
            &crate::worker::queue_url(&db.db, queue_db.queue_db.as_deref())?,
            limit,
        ),
        Command::Entities { db, kind, format } => {
            let store = crate::views::open(&db.db)?;
            let rows = crate::views::entity_rows(&store, kind.as_deref())?;
            write_out(&render::entities(rows, format)?)
        }
        Command::Profile { name, db, format } => {
            let store = crate::views::open(&db.db)?;
            let e = crate::views::find(&store, &name)?;
            let d = crate::views::dossier(&store, &e.id)?;
            write_out(&render::profile(&d, format, color())?)
        }
        Command::Conflicts { name, db, changes, format } => {
            let store = crate::views::open(&db.db)?;
            let e = match &name {
                Some(n) => Some(crate::views::find(&store, n)?),
                None => None,
            };
            let d = crate::views::disputes(&store, e.as_ref(), changes)?;
            write_out(&render::conflicts(&d, changes, format, color())?)
        }
        Command::Timeline { name, db, format } => {
            let store = crate::views::open(&db.db)?;
            let e = crate::views::find(&store, &name)?;
            let d = crate::views::dossier(&store, &e.id)?;
            write_out(&render::timeline(&d, format, color())?)
        }
        Command::Sources { name, db, format } => {
            let store = crate::views::open(&db.db)?;
            let e = crate::views::find(&store, &name)?;
            let about = store.recon_claims_about_in_order(&e.id)?;
            let findings = store.recon_findings_of(&e.id)?;
            write_out(&render::sources(&e, &about, &findings, format, color())?)
        }
        Command::Report { name, db, output } => {
            let store = crate::views::open(&db.db)?;
            let e = crate::views::find(&store, &name)?;
            let d = crate::views::dossier(&store, &e.id)?;
            let html = dossier_core::export::report::entity(&d);
            std::fs::write(&output, html)
                .with_context(|| format!("cannot write {}", output.display()))?;
            eprintln!("wrote the report on {} to {}", e.name, output.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Merge { a, b, db } => decide(&db.db, DecisionKind::Merge, &a, &b),
        Command::Split { id, name, db } => decide(&db.db, DecisionKind::Split, &id, &name),
        Command::Undo { id, who, db } => undo(&db.db, id, who.as_deref()),
        Command::Remove { docs, db } => remove(&db.db, &docs),
        Command::Reconcile { full, db } => reconcile_command(&db.db, full),
        Command::Export { format: ExportFormat::Acled, db, output, .. } => {
            let store = crate::views::open(&db.db)?;
            match &output {
                Some(p) => {
                    let n = crate::views::write_acled(&store, &mut create(p)?)
                        .with_context(|| format!("cannot write {}", p.display()))?;
                    eprintln!("wrote {n} events to {}", p.display());
                }
                None => {
                    crate::views::write_acled(
                        &store,
                        &mut BufWriter::new(std::io::stdout().lock()),
                    )?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { format: ExportFormat::Jsonl, db, output, with_text } => {
            let store = crate::views::open(&db.db)?;
            match &output {
                Some(p) => {
                    let n = crate::views::write_jsonl(&store, with_text, &mut create(p)?)
                        .with_context(|| format!("cannot write {}", p.display()))?;
                    eprintln!("wrote {n} records to {}", p.display());
                }
                None => {
                    let mut out = BufWriter::new(std::io::stdout().lock());
                    crate::views::write_jsonl(&store, with_text, &mut out)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { format, db, output, .. } => {
            let store = crate::views::open(&db.db)?;
            export_to(&crate::views::StoredRecords(&store), format, output.as_deref())
        }
        Command::Demo { name } => demo(name.as_deref()),
        Command::Bench { paths, mb, reconcile: Some(n), bench_db, bench_vary_places, .. } => {
            let _ = (paths, mb);
            crate::bench_reconcile::run(n, bench_db.as_deref(), bench_vary_places)
        }
        Command::Bench { paths, scaling: Some(sizes), .. } => crate::bench::scaling(&paths, &sizes),
        Command::Bench { mb, readers: true, .. } => crate::bench::readers(mb),
        Command::Bench { paths, mb, reconcile: None, .. } => crate::bench::run(&paths, mb),
        Command::Eval(cmd) => crate::eval::run(cmd),
        Command::Train(cmd) => crate::syntax_cmd::train(cmd),
        Command::Parse { conllu } => crate::syntax_cmd::parse(&conllu),
        Command::Watch {
            urls,
            feeds,
            db,
            interval,
            once,
            delay,
            max_page_bytes,
            source,
            budget,
        } => crate::watch::run(crate::watch::WatchArgs {
            urls,
            feeds,
            db: db.db,
            interval,
            once,
            delay,
            max_page_bytes,
            source,
            budget: budget.budget(),
        }),
        Command::Serve { db, addr, token, limits } => {
            dossier_server::serve(dossier_server::ServeOptions {
                db: db.db,
                addr,
                token,
                limits: limits.limits(),
                ..Default::default()
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn overrides(meta: &MetaArgs) -> Overrides {
    Overrides { date: meta.date, source: meta.source.clone() }
}

fn open_store(db: &Location) -> Result<Store> {
    Store::open_location(db).map_err(anyhow::Error::from)
}

pub fn open_existing(db: &Location) -> Result<Store> {
    let there = match db {
        Location::Sqlite(p) => p.exists(),
        // A mistyped schema= must not become a new, empty store.
        Location::Postgres(url) => dossier_store::pg::PgTarget::parse(url)?.has_store()?,
    };
    if !there {
        anyhow::bail!(
            "no database at {db}: run `dossier ingest PATH... --db {db}` first (or pass --db)"
        );
    }
    open_store(db)
}

/// `dossier reconcile [--full]`.
fn reconcile_command(db: &Location, full: bool) -> Result<ExitCode> {
    let mut store = open_existing(db)?;
    let t = std::time::Instant::now();
    let r = store.reconcile_stored(full)?;
    eprintln!("{}", recon_line(&r, t.elapsed()));
    Ok(ExitCode::SUCCESS)
}

/// What a reconciliation did, on one line.
fn recon_line(r: &dossier_store::ReconReport, took: Duration) -> String {
    let what = if r.full { "full rebuild" } else { "incremental" };
    let decisions = match r.decisions {
        1 => "1 decision".to_string(),
        n => format!("{n} decisions"),
    };
    format!(
        "reconciled ({what}): {} documents added, {} removed, {decisions} made or undone; {} \
         reloaded; wrote {} components: {} entities, {} findings, {} events in {:.2} s",
        r.added,
        r.removed,
        r.reloaded,
        r.components,
        r.entities,
        r.findings,
        r.events,
        took.as_secs_f64()
    )
}

/// The manual merges and splits stored in the database, for reconciliation.
pub fn manual_decisions(store: &Store) -> Result<Vec<ManualDecision>> {
    Ok(store.manual_decisions()?)
}

/// Every stored document without its sentences, paragraphs and the
/// mentions reconciliation does not read (`stored::read_mention`: an
/// event's place is read from the place mentions in its sentences).
pub fn lean_documents(store: &Store) -> Result<Vec<Annotated>> {
    let mut docs = Vec::new();
    store.for_each_annotated(|a| {
        docs.push(dossier_core::reconcile::stored::lean(a));
        Ok::<(), anyhow::Error>(())
    })?;
    Ok(docs)
}

fn color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `dossier merge` and `dossier split`: checks the names against the stored
/// reconciliation (brought up to date first), records the decision, and
/// reconciles again the components its names reach (not the corpus), then
/// says what it did from the stored results.
fn decide(db: &Location, kind: DecisionKind, a: &str, b: &str) -> Result<ExitCode> {
    let mut store = crate::views::open(db)?;
    // Check the names before storing the decision.
    let first = crate::views::find(&store, a)?;
    match kind {
        DecisionKind::Merge => {
            crate::views::find(&store, b)?;
        }
        DecisionKind::Split => {
            let lex = &dossier_core::lexicon::LEXICON;
            let k = lex.key(b);
            let carries = !k.is_empty()
                && std::iter::once(&first.name).chain(&first.aliases).any(|n| lex.key(n) == k);
            if !carries {
                anyhow::bail!(
                    "{} ({}) is never called “{b}”, so there is nothing to split off; its names are: {}",
                    first.name,
                    first.id,
                    std::iter::once(&first.name)
                        .chain(&first.aliases)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        }
    }
    let id = store.add_decision(kind, a, b)?;
    reconcile_decision(&mut store, db, &format!("recorded decision {id}"))?;
    let unapplied = store.recon_unapplied(&store.decisions()?)?;
    if let Some(why) = unapplied.get(&id) {
        eprintln!("recorded decision {id}, but it changes nothing now: {why}");
        return Ok(ExitCode::SUCCESS);
    }
    // An id the merge absorbed names nothing now: the entity that carries
    // the name it had does.
    let now = |names: &[&str]| names.iter().find_map(|n| crate::views::find(&store, n).ok());
    match kind {
        DecisionKind::Merge => match now(&[a, &first.name, b]) {
            Some(ent) => eprintln!(
                "recorded decision {id}: {} ({}) now also goes by {}",
                ent.name,
                ent.id,
                ent.aliases.join(", ")
            ),
            None => eprintln!("recorded decision {id}: {} merged with {b}", first.name),
        },
        DecisionKind::Split => {
            let kept = now(&[&first.id, &first.name]).map(|e| e.id).unwrap_or_default();
            let off = now(&[b]).map(|e| e.id).unwrap_or_default();
            eprintln!(
                "recorded decision {id}: “{b}” split off {} (now {kept} and {off})",
                first.name
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn undo(db: &Location, id: i64, who: Option<&str>) -> Result<ExitCode> {
    let mut store = open_existing(db)?;
    let Some(d) = store.decisions()?.into_iter().find(|d| d.id == id) else {
        anyhow::bail!(
            "no decision {id} in {}: `dossier serve` lists every decision at /decisions",
            db
        );
    };
    if let Some(u) = &d.undone {
        anyhow::bail!("decision {id} was undone already, at {}: nothing to do", u.at);
    }
    store.undo_decision(id, who)?;
    let what = match d.kind {
        DecisionKind::Merge => format!("the merge of {} with {}", d.a, d.b),
        DecisionKind::Split => format!("the split of “{}” off {}", d.b, d.a),
    };
    eprintln!("undid decision {id}, {what}; it stays recorded, marked undone");
    // The components the decision reached are reconciled without it.
    reconcile_decision(&mut store, db, &format!("decision {id} is undone"))?;
    Ok(ExitCode::SUCCESS)
}

/// Reconciles the components a decision just made or undone reaches (the
/// stored results' incremental update) and says what it did; `done` names
/// what is already stored, for the error.
fn reconcile_decision(store: &mut Store, db: &Location, done: &str) -> Result<()> {
    let t = std::time::Instant::now();
    let r = store.reconcile_stored(false).with_context(|| {
        format!("{done}, but reconciling failed: run `dossier reconcile --db {db}`")
    })?;
    eprintln!("{}", recon_line(&r, t.elapsed()));
    Ok(())
}

fn remove(db: &Location, ids: &[String]) -> Result<ExitCode> {
    let mut store = open_existing(db)?;
    let mut missing = 0;
    for id in ids {
        match store.remove(id)? {
            Some(full) => eprintln!("removed document {full} and everything derived from it"),
            None => {
                missing += 1;
                eprintln!("dossier: no document with id {id} in {db}");
            }
        }
    }
    Ok(if missing == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn create(p: &Path) -> Result<BufWriter<std::fs::File>> {
    let f = std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?;
    Ok(BufWriter::new(f))
}

/// Writes the CSV, FtM or GraphML export of the stored records (the JSON
/// Lines and ACLED exports are written by `views`).
fn export_to(src: &dyn Records, format: ExportFormat, output: Option<&Path>) -> Result<ExitCode> {
    let stdout = || BufWriter::new(std::io::stdout().lock());
    match format {
        ExportFormat::Ftm => {
            let mut n = 0usize;
            let mut write = |w: &mut dyn Write| -> Result<()> {
                export::ftm::write_ftm(src, &mut |r| {
                    serde_json::to_writer(&mut *w, &r)?;
                    n += 1;
                    w.write_all(b"\n")
                })?;
                Ok(w.flush()?)
            };
            match output {
                Some(p) => {
                    write(&mut create(p)?)
                        .with_context(|| format!("cannot write {}", p.display()))?;
                    eprintln!("wrote {n} records to {}", p.display());
                }
                None => write(&mut stdout())?,
            }
        }
        ExportFormat::Csv => {
            let dir = output.context(
                "csv writes two files (claims.csv, events.csv): give their directory with -o DIR",
            )?;
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create directory {}", dir.display()))?;
            let (c, e) = (dir.join("claims.csv"), dir.join("events.csv"));
            export::tables::write_claims(src, create(&c)?)
                .with_context(|| format!("cannot write {}", c.display()))?;
            export::tables::write_events(src, create(&e)?)
                .with_context(|| format!("cannot write {}", e.display()))?;
            eprintln!("wrote {} and {}", c.display(), e.display());
        }
        ExportFormat::Jsonl | ExportFormat::Acled => {
            anyhow::bail!("the JSON Lines and ACLED exports are written by views::write_jsonl and views::write_acled")
        }
        ExportFormat::Graphml => match output {
            Some(p) => {
                export::graphml::write_graphml_of(src, &mut create(p)?)
                    .with_context(|| format!("cannot write {}", p.display()))?;
                eprintln!("wrote {}", p.display());
            }
            None => export::graphml::write_graphml_of(src, &mut stdout())?,
        },
    }
    Ok(ExitCode::SUCCESS)
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
    let mut inputs = read_inputs(paths, &overrides(meta));
    for item in inputs.by_ref() {
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
    if let Some(line) = skipped_line(inputs.skipped_records()) {
        eprintln!("{line}");
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
    let records = export::records(
        &annotated,
        &rec,
        export::ExportOptions { with_text, skip_mentions: false },
    );
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
    /// Archive records that hold no article.
    pub skipped: SkippedRecords,
}

/// `passed over 5 WARC records without an article: 3 not responses (requests,
/// metadata), 2 responses that are not HTML pages`; `None` when there were none.
pub fn skipped_line(s: SkippedRecords) -> Option<String> {
    (s.total() > 0).then(|| {
        format!(
            "passed over {} WARC record{} without an article: {} not responses (requests, \
             metadata, ...), {} responses that are not HTML pages (images, redirects, errors, ...)",
            s.total(),
            if s.total() == 1 { "" } else { "s" },
            s.not_response,
            s.not_html
        )
    })
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
        if let Some(line) = skipped_line(self.skipped) {
            eprintln!("{line}");
        }
        if !self.failed.is_empty() {
            // Each was named as it happened ("dossier: skipped FILE: reason").
            eprintln!(
                "{} input{} could not be read (listed above)",
                self.failed.len(),
                if self.failed.len() == 1 { "" } else { "s" }
            );
        }
    }
}

const BATCH: usize = 64;

/// Reads, annotates and stores the articles under `paths`, with a progress
/// bar unless `quiet`. A file that cannot be read, or a document over
/// `budget`, is reported (and named) in the report's `failed`; the others
/// are stored.
pub fn ingest(
    store: &mut Store,
    paths: &[PathBuf],
    overrides: &Overrides,
    budget: &Budget,
    quiet: bool,
) -> Result<IngestReport> {
    let mut progress = Progress::new(paths, quiet);
    let mut inputs = read_inputs(paths, overrides);
    let report = ingest_items(store, inputs.by_ref(), budget, &mut progress, &mut || Ok(()));
    progress.finish();
    let mut report = report?;
    report.skipped = inputs.skipped_records();
    Ok(report)
}

/// Annotates and stores documents as `items` yields them, in batches;
/// `after_batch` runs after each stored batch (a worker renews its lease
/// there) and stops the ingest when it fails.
pub fn ingest_items(
    store: &mut Store,
    items: impl Iterator<Item = Result<Document, IngestError>>,
    budget: &Budget,
    progress: &mut Progress,
    after_batch: &mut dyn FnMut() -> Result<()>,
) -> Result<IngestReport> {
    let mut report = IngestReport::default();
    let mut pending: Vec<Document> = Vec::with_capacity(BATCH);
    fn flush(
        store: &mut Store,
        pending: &mut Vec<Document>,
        report: &mut IngestReport,
        budget: &Budget,
        progress: &mut Progress,
    ) -> Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let batch: Vec<Document> = std::mem::take(pending);
        let results: Vec<Result<Annotated, OverBudget>> =
            batch.into_par_iter().map(|d| annotate_within(d, budget)).collect();
        let mut annotated = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(a) => annotated.push(a),
                Err(e) => {
                    let flag = match e {
                        OverBudget::TooLarge { .. } => "--max-doc-bytes",
                        OverBudget::TooSlow { .. } => "--max-doc-seconds",
                    };
                    let e = IngestError {
                        path: e.document().to_string(),
                        line: None,
                        reason: format!("{}; raise {flag} to read it", e.reason()),
                    };
                    progress.println(&format!("dossier: skipped {e}"));
                    report.failed.push(e);
                }
            }
        }
        let stats = store.insert_batch(&annotated)?;
        report.stored += stats.inserted;
        report.duplicates += stats.duplicates;
        report.claims += stats.claims;
        report.events += stats.events;
        progress.stored(report.stored);
        Ok(())
    }
    for item in items {
        match item {
            Ok(doc) => {
                report.read += 1;
                progress.read(doc.path.as_deref().unwrap_or("-"), doc.text.len(), true);
                if store.contains(&doc.id)? || pending.iter().any(|d| d.id == doc.id) {
                    report.duplicates += 1;
                    continue;
                }
                pending.push(doc);
                if pending.len() >= BATCH {
                    flush(store, &mut pending, &mut report, budget, progress)?;
                    after_batch()?;
                }
            }
            Err(e) => {
                progress.read(&e.path, 0, false);
                progress.println(&format!("dossier: skipped {e}"));
                report.failed.push(e);
            }
        }
    }
    progress.end_of_input();
    flush(store, &mut pending, &mut report, budget, progress)?;
    Ok(report)
}

fn demo(name: Option<&str>) -> Result<ExitCode> {
    let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).context("cannot create a temporary directory")?;
    EXAMPLES.extract(&articles).context("cannot write the example corpus")?;
    let mut store = Store::open(&dir.path().join("demo.db"))?;
    eprintln!(
        "ingesting the bundled example corpus ({} files) into a temporary database",
        EXAMPLES.files().count()
    );
    let report = ingest(&mut store, &[articles], &Overrides::default(), &Budget::UNLIMITED, true)?;
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
        &dossier_core::export::report::EntityDossier::of_view(&docs, &rec, target),
        crate::args::ViewFormat::Table,
        std::io::stdout().is_terminal(),
    )?;
    let groups: Vec<String> = rec
        .entities
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            *i != target && e.kind == dossier_core::EntityKind::Group && e.members.len() > 1
        })
        .map(|(_, e)| e.name.clone())
        .collect();
    let mut s = out;
    s.push_str(&format!(
        "\nOther groups in the corpus: {}\nTry: dossier demo \"<name>\"\n",
        groups.join(", ")
    ));
    write_out(&s)
}
