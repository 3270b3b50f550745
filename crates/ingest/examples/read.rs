//! Reads the given paths (files, directories, `-`) and prints one line per
//! document or error: `cargo run -p dossier-ingest --example read -- DIR`.

use std::path::PathBuf;

use dossier_ingest::{read_inputs, Overrides};

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    for result in read_inputs(&paths, &Overrides::default()) {
        match result {
            Ok(doc) => {
                let start: String = doc.text.chars().take(80).collect();
                println!(
                    "{} {} | {:?} | {:?} | {:?} | {:?} | {} bytes | {start:?}",
                    doc.id,
                    doc.path.unwrap_or_default(),
                    doc.title.unwrap_or_default(),
                    doc.source.unwrap_or_default(),
                    doc.published.map(|d| d.to_string()).unwrap_or_default(),
                    doc.url.unwrap_or_default(),
                    doc.text.len(),
                );
            }
            Err(e) => eprintln!("error: {e}"),
        }
    }
}
