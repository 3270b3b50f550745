//! The `dossier` command line.

mod args;
mod bench;
mod bench_reconcile;
mod commands;
mod eval;
mod fetch;
mod progress;
mod render;
mod syntax_cmd;
mod views;
mod watch;
mod worker;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`dossier export | head`) is not an error.
            if closed_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("dossier: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// True when the error is a write to a pipe whose reader went away, however
/// it is wrapped (JSON writers wrap the I/O error in their own).
fn closed_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == BrokenPipe)
            || e.downcast_ref::<serde_json::Error>().and_then(|j| j.io_error_kind())
                == Some(BrokenPipe)
            || e.downcast_ref::<csv::Error>().is_some_and(
                |c| matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
    })
}
