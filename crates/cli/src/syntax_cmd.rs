//! The syntax commands: `train parser`, `eval ud` and `parse --conllu`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use dossier_syntax::{conllu, Model, TrainConfig};

use crate::args::TrainCommand;

pub fn train(cmd: TrainCommand) -> Result<ExitCode> {
    let TrainCommand::Parser { train, dev, seed, out } = cmd;
    let start = Instant::now();
    let tr = conllu::read_file(&train).context("reading the training treebank (--train)")?;
    let dv = conllu::read_file(&dev).context("reading the development treebank (--dev)")?;
    eprintln!(
        "training on {} ({} sentences), scoring on {} ({} sentences), seed {seed}",
        train.display(),
        tr.len(),
        dev.display(),
        dv.len()
    );
    let cfg = TrainConfig { seed, ..TrainConfig::default() };
    let model = dossier_syntax::train(&tr, Some(&dv), &cfg, &mut |line| {
        eprintln!("[{:6.1}s] {line}", start.elapsed().as_secs_f64())
    })?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    model.save(&out)?;
    let s = model.evaluate(&dv);
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!(
        "wrote {} ({:.2} MB) in {:.0}s; dev: {}",
        out.display(),
        size as f64 / 1e6,
        start.elapsed().as_secs_f64(),
        line(&s)
    );
    Ok(ExitCode::SUCCESS)
}

fn line(s: &dossier_syntax::Scores) -> String {
    format!(
        "UPOS {:.2}%  UAS {:.2}%  LAS {:.2}%  (LAS with subtypes {:.2}%, {} words)",
        100.0 * s.upos,
        100.0 * s.uas,
        100.0 * s.las,
        100.0 * s.las_full,
        s.words
    )
}

pub fn eval_ud(file: &Path) -> Result<ExitCode> {
    let sents = conllu::read_file(file)?;
    let start = Instant::now();
    let s = Model::bundled().evaluate(&sents);
    println!("{}: {}", file.display(), line(&s));
    eprintln!("{} words in {:.2}s (model load included)", s.words, start.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}

pub fn parse(file: &Path) -> Result<ExitCode> {
    let sents = conllu::read_file(file)?;
    let model = Model::bundled();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut buf = String::new();
    for s in &sents {
        buf.clear();
        let p = model.parse(&s.forms());
        let upos: Vec<&str> = p.upos.iter().map(|u| u.as_str()).collect();
        let cols = conllu::Columns { upos: &upos, heads: &p.heads, deprels: &p.deprels };
        conllu::write_sentence(&mut buf, s, Some(cols));
        out.write_all(buf.as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
