//! `dossier eval`: scores against annotated corpora.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use dossier_core::event_eval::{AcledRow, EventScorer};
use dossier_core::timeml::TimemlScorer;

use crate::args::EvalCommand;

/// Runs one evaluation.
pub fn run(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Timeml { paths, verbose } => timeml(&paths, verbose),
        EvalCommand::Events { file, verbose } => events(&file, verbose),
        EvalCommand::Conll { paths, verbose } => conll(&paths, verbose),
        EvalCommand::Ud { file } => crate::syntax_cmd::eval_ud(&file),
    }
}

/// Every file under `paths` whose extension is `ext`, sorted; plain files are
/// taken whatever their extension.
pub fn files_with_extension(paths: &[PathBuf], ext: &str) -> Result<Vec<PathBuf>> {
    fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> Result<()> {
        let entries =
            std::fs::read_dir(dir).with_context(|| format!("{}: cannot read", dir.display()))?;
        for entry in entries {
            let path = entry.with_context(|| format!("{}: cannot read", dir.display()))?.path();
            if path.is_dir() {
                walk(&path, ext, out)?;
            } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, ext, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    Ok(out)
}

fn timeml(paths: &[PathBuf], verbose: bool) -> Result<ExitCode> {
    let files = files_with_extension(paths, "tml")?;
    if files.is_empty() {
        anyhow::bail!("no .tml files found");
    }
    let mut total = TimemlScorer::default();
    let mut failed = 0usize;
    for f in &files {
        let text = match std::fs::read(f) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                eprintln!("dossier: {}: {e}", f.display());
                failed += 1;
                continue;
            }
        };
        if let Err(e) = total.add_document(&text) {
            eprintln!("dossier: {}: {e}", f.display());
            failed += 1;
            continue;
        }
        if verbose {
            let mut one = TimemlScorer::default();
            if one.add_document(&text).is_ok() {
                let r = one.report();
                println!(
                    "{}: gold {} system {} relaxed F1 {:.3} value F1 {:.3}",
                    f.display(),
                    r.gold,
                    r.system,
                    r.relaxed.f1,
                    r.value.f1
                );
            }
        }
    }
    let report = total.report();
    print!("{report}");
    if verbose && !report.errors.is_empty() {
        println!("\nmissed or wrong value (gold text, gold value, system text, system value):");
        for (gt, gv, st, sv) in &report.errors {
            println!("  {gt:?} {gv} | {st:?} {sv}");
        }
    }
    if failed > 0 {
        eprintln!("dossier: {failed} of {} files could not be scored", files.len());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn conll(paths: &[PathBuf], verbose: bool) -> Result<ExitCode> {
    use dossier_core::conll::{parse_conll, predict, Chunk, ConllDoc, ConllScorer};
    let files = files_with_extension(paths, "conll")?;
    if files.is_empty() {
        anyhow::bail!("no .conll files found");
    }
    let show = |doc: &ConllDoc, c: &Chunk| -> String {
        let (s, e) = (doc.tokens[c.first].start(), doc.tokens[c.last - 1].end());
        format!("{} {:?}", c.label, &doc.text[s..e])
    };
    let mut total = ConllScorer::default();
    let mut failed = 0usize;
    for f in &files {
        let docs = std::fs::read(f)
            .map_err(|e| e.to_string())
            .and_then(|bytes| parse_conll(&String::from_utf8_lossy(&bytes)));
        let docs = match docs {
            Ok(d) if !d.is_empty() => d,
            Ok(_) => {
                eprintln!("dossier: {}: no tokens: is this a CoNLL file?", f.display());
                failed += 1;
                continue;
            }
            Err(e) => {
                eprintln!("dossier: {}: {e}", f.display());
                failed += 1;
                continue;
            }
        };
        for (n, doc) in docs.iter().enumerate() {
            let predicted = predict(doc);
            total.add_predicted(doc, &predicted);
            if verbose {
                let missed: Vec<String> = doc
                    .gold
                    .iter()
                    .filter(|g| !predicted.contains(g))
                    .map(|g| show(doc, g))
                    .collect();
                let spurious: Vec<String> = predicted
                    .iter()
                    .filter(|p| !doc.gold.contains(p))
                    .map(|p| show(doc, p))
                    .collect();
                for g in &missed {
                    println!("{}#{}: missed {g}", f.display(), n + 1);
                }
                for s in &spurious {
                    println!("{}#{}: spurious {s}", f.display(), n + 1);
                }
            }
        }
    }
    println!("{}", total.report());
    if failed > 0 {
        eprintln!("dossier: {failed} of {} files could not be scored", files.len());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads ACLED's `event_date` in the layouts its exports use.
fn acled_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    ["%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%y", "%m/%d/%Y", "%Y/%m/%d"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(s, f).ok())
}

fn events(file: &Path, verbose: bool) -> Result<ExitCode> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(file)
        .with_context(|| format!("{}: cannot open", file.display()))?;
    let headers = rdr.headers().with_context(|| format!("{}: no header row", file.display()))?;
    let col = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let (Some(date_c), Some(notes_c)) = (col("event_date"), col("notes")) else {
        anyhow::bail!(
            "{}: needs the columns event_date and notes (ACLED's layout; also read: \
             fatalities, admin1, actor1, actor2)",
            file.display()
        );
    };
    let (fat_c, adm_c, a1_c, a2_c, type_c) =
        (col("fatalities"), col("admin1"), col("actor1"), col("actor2"), col("event_type"));
    let mut scorer = EventScorer::default();
    let mut failed = 0usize;
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                eprintln!("dossier: {}: row {line}: {e}", file.display());
                failed += 1;
                continue;
            }
        };
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").to_string();
        let date_text = get(Some(date_c));
        let event_date = acled_date(&date_text);
        if event_date.is_none() {
            eprintln!(
                "dossier: {}: row {line}: event_date {date_text:?} is not a date; scored without one",
                file.display()
            );
        }
        let row = AcledRow {
            event_date,
            notes: get(Some(notes_c)),
            fatalities: get(fat_c).trim().parse().ok(),
            admin1: get(adm_c),
            actor1: get(a1_c),
            actor2: get(a2_c),
            event_type: get(type_c),
        };
        let Some(res) = scorer.add(&row) else { continue };
        if verbose && res.hits.contains(&Some(false)) {
            let mark = |h: Option<bool>| match h {
                Some(false) => "✗",
                _ => "✓",
            };
            println!(
                "row {line}: killed {}{} (want {}) · date {}{:?} · place {}{:?} (want {}) · actor {}{:?} (want {} / {}) · type {}{:?} (want {})\n    {}",
                mark(res.hits[0]),
                res.killed,
                row.fatalities.unwrap_or(0.0),
                mark(res.hits[1]),
                res.date,
                mark(res.hits[2]),
                res.place,
                row.admin1,
                mark(res.hits[3]),
                res.perpetrators,
                row.actor1,
                row.actor2,
                mark(res.hits[4]),
                res.event_type,
                row.event_type,
                row.notes.chars().take(200).collect::<String>()
            );
        }
    }
    print!("{}", scorer.report());
    if failed > 0 {
        eprintln!("dossier: {failed} rows could not be read");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
