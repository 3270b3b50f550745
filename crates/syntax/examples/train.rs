//! Trains a model from the command line without the dossier binary:
//! `cargo run --release -p dossier-syntax --example train -- TRAIN DEV OUT [SEED]`.

use std::path::Path;
use std::time::Instant;

use dossier_syntax::{conllu, train, Model, TrainConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        return Err("usage: train TRAIN.conllu DEV.conllu OUT [SEED]".into());
    }
    let cfg = TrainConfig {
        seed: args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(1),
        ..TrainConfig::default()
    };
    let start = Instant::now();
    let tr = conllu::read_file(Path::new(&args[0]))?;
    let dev = conllu::read_file(Path::new(&args[1]))?;
    let model = train(&tr, Some(&dev), &cfg, &mut |line| {
        eprintln!("[{:6.1}s] {line}", start.elapsed().as_secs_f64())
    })?;
    model.save(Path::new(&args[2]))?;
    let back = Model::load(Path::new(&args[2]))?;
    let t = Instant::now();
    let s = back.evaluate(&dev);
    eprintln!("{:.0} tokens/s", s.words as f64 / t.elapsed().as_secs_f64());
    eprintln!(
        "dev after reload: UPOS {:.2} UAS {:.2} LAS {:.2} (full {:.2}); {} bytes; {:.1}s",
        100.0 * s.upos,
        100.0 * s.uas,
        100.0 * s.las,
        100.0 * s.las_full,
        std::fs::metadata(&args[2])?.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
