//! `dossier eval`: scores against annotated corpora.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use dossier_core::timeml::TimemlScorer;

use crate::args::EvalCommand;

/// Runs one evaluation.
pub fn run(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Timeml { paths, verbose } => timeml(&paths, verbose),
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
