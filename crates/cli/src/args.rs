//! Command-line flags.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

/// dossier turns news reports about armed groups into a source-grounded
/// knowledge base: who the groups are and go by, how strong they are, when
/// they started, who leads them, what attacks they carried out, and where
/// reports agree or disagree. Every fact is traced to the words it came from.
///
/// Quick start:
///   dossier demo                          ingest the bundled examples and show a profile
///   dossier ingest articles/ --db my.db   read .txt .md .html .jsonl files into a database
///   dossier profile ISIS-K --db my.db     one group's dossier, claims grouped and checked
///   dossier extract report.txt            print what one file says as JSON Lines (no database)
#[derive(Parser, Debug)]
#[command(name = "dossier", version, about, long_about, verbatim_doc_comment)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the database lives.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArgs {
    /// The SQLite database file (created when missing).
    #[arg(long, default_value = "dossier.db", env = "DOSSIER_DB")]
    pub db: PathBuf,
}

/// Metadata overrides for input files.
#[derive(clap::Args, Debug, Clone)]
pub struct MetaArgs {
    /// Publication date (YYYY-MM-DD) for every input, overriding what files say.
    /// Relative dates ("Thursday", "last June") are resolved against it.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Outlet name for every input, overriding what files say.
    #[arg(long)]
    pub source: Option<String>,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date: use YYYY-MM-DD, e.g. 2021-08-30"))
}

/// Output formats of the views.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewFormat {
    /// Aligned text for the terminal.
    Table,
    /// Markdown.
    Markdown,
    /// JSON.
    Json,
}

/// Export formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// JSON Lines: documents, entities, mentions, claims, events, findings.
    Jsonl,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print what files say as JSON Lines (no database): documents, entities,
    /// mentions, claims, events and findings across the given files.
    Extract {
        /// Files or directories; `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        meta: MetaArgs,
        /// Include each document's text in its `document` record.
        #[arg(long)]
        with_text: bool,
    },
    /// Read articles into the database (.txt .md .html .jsonl; directories
    /// recursively; `-` for standard input). Articles already stored are skipped.
    Ingest {
        /// Files or directories; `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        meta: MetaArgs,
        #[command(flatten)]
        db: DbArgs,
        /// Do not show a progress bar.
        #[arg(long, short)]
        quiet: bool,
    },
    /// List the entities in the database.
    Entities {
        #[command(flatten)]
        db: DbArgs,
        /// Only this kind (group, organization, person, place, nationality, other).
        #[arg(long)]
        kind: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ViewFormat,
    },
    /// One entity's dossier: aliases, where sources disagree, claims by
    /// predicate with verdicts, sources and quotes, and events.
    Profile {
        /// A name or alias (any spelling the reports use), or an entity id.
        name: String,
        #[command(flatten)]
        db: DbArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ViewFormat,
    },
    /// Write the whole database, reconciled.
    Export {
        /// Export format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExportFormat,
        #[command(flatten)]
        db: DbArgs,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Include each document's text in its `document` record.
        #[arg(long)]
        with_text: bool,
    },
    /// Ingest the bundled example corpus into a temporary database and
    /// print a profile.
    Demo {
        /// The entity to profile (default: the group the most reports cover).
        name: Option<String>,
    },
    /// Score the recognizers against annotated corpora.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Measure extraction throughput (MB/s) on the example corpus or given files.
    Bench {
        /// Files or directories (default: the bundled example corpus).
        paths: Vec<PathBuf>,
        /// Repeat the corpus until at least this many MB were processed.
        #[arg(long, default_value_t = 20.0)]
        mb: f64,
    },
}

/// Evaluations against annotated corpora.
#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Score the time recognizer on TimeML files (TempEval-3 style): strict
    /// and relaxed span precision, recall and F1, and value F1.
    Timeml {
        /// `.tml` files or directories holding them (searched recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also print each document's scores.
        #[arg(long, short)]
        verbose: bool,
    },
}
