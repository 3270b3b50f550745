//! The `dossier` command line.

mod args;
mod bench;
mod bench_reconcile;
mod commands;
mod eval;
mod render;
mod report;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`dossier export | head`) is not an error.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("dossier: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
