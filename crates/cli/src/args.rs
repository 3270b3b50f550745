//! Command-line flags.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use dossier_server::ServerLimits;
use dossier_store::Location;

/// dossier turns news reports about armed groups into a source-grounded
/// knowledge base: who the groups are and go by, how strong they are, when
/// they started, who leads them, what attacks they carried out, and where
/// reports agree or disagree. Every fact is traced to the words it came from.
///
/// Quick start:
///   dossier demo                          ingest the bundled examples and show a profile
///   dossier ingest articles/ --db my.db   read .txt .md .html .jsonl .pdf .warc files into a database
///   dossier profile ISIS-K --db my.db     one group's dossier, claims grouped and checked
///   dossier extract report.txt            print what one file says as JSON Lines (no database)
///   dossier watch --db my.db FEED_URL     store each new article of a news feed as it appears
#[derive(Parser, Debug)]
#[command(name = "dossier", version, about, long_about, verbatim_doc_comment)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the database lives.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArgs {
    /// The database: a SQLite file (created when missing), or a PostgreSQL
    /// URL such as postgres://user@host:5432/dbname?schema=dossier (the
    /// schema is created when missing).
    #[arg(long, value_name = "PATH|URL", default_value = "dossier.db", env = "DOSSIER_DB")]
    pub db: Location,
}

/// Where the job queue lives, when not at `--db`.
#[derive(clap::Args, Debug, Clone)]
pub struct QueueArgs {
    /// The job queue's PostgreSQL URL (default: --db, when it is one).
    #[arg(long, value_name = "URL", env = "DOSSIER_QUEUE")]
    pub queue_db: Option<String>,
}

/// How much one document may cost to extract: a document over either
/// limit is skipped with an error naming it, and the rest are stored.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct BudgetArgs {
    /// Skip a document whose text is longer than this many bytes (0: no limit).
    #[arg(long, value_name = "BYTES", default_value_t = 16 << 20)]
    pub max_doc_bytes: usize,
    /// Stop a document's extraction after this many seconds and skip it
    /// (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub max_doc_seconds: f64,
}

impl BudgetArgs {
    /// The limits, as extraction takes them.
    pub fn budget(&self) -> dossier_core::Budget {
        dossier_core::Budget {
            max_bytes: Some(self.max_doc_bytes).filter(|&b| b > 0),
            max_time: Some(self.max_doc_seconds)
                .filter(|&s| s > 0.0)
                .map(|s| Duration::try_from_secs_f64(s).unwrap_or(Duration::MAX)),
        }
    }
}

/// What `dossier serve` grants its clients (defaults from
/// `dossier_server::ServerLimits`).
#[derive(clap::Args, Debug, Clone)]
pub struct ServeLimitArgs {
    /// Connections served at once; beyond, a new one gets 503.
    #[arg(long, value_name = "N", default_value_t = ServerLimits::default().max_connections)]
    pub max_connections: usize,
    /// Connections served at once from one client address (raise it behind
    /// a reverse proxy, where every client has the proxy's address).
    #[arg(long, value_name = "N",
          default_value_t = ServerLimits::default().max_connections_per_ip)]
    pub max_connections_per_ip: usize,
    /// Seconds a client may take to send a request's head; also how long an
    /// idle kept-alive connection stays open.
    #[arg(long, value_name = "SECS",
          default_value_t = ServerLimits::default().header_read_timeout.as_secs())]
    pub header_timeout: u64,
    /// Seconds a request may take to be answered; beyond, 503.
    #[arg(long, value_name = "SECS",
          default_value_t = ServerLimits::default().request_timeout.as_secs())]
    pub request_timeout: u64,
}

impl ServeLimitArgs {
    /// The server's limits.
    pub fn limits(&self) -> ServerLimits {
        ServerLimits {
            max_connections: self.max_connections.max(1),
            max_connections_per_ip: self.max_connections_per_ip.max(1),
            header_read_timeout: Duration::from_secs(self.header_timeout.max(1)),
            request_timeout: Duration::from_secs(self.request_timeout.max(1)),
            ..ServerLimits::default()
        }
    }
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

/// `90`, `90s`, `15m`, `2h`.
fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (number, unit) = match s.find(|c: char| !c.is_ascii_digit() && c != '.') {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, "s"),
    };
    let n: f64 =
        number.parse().map_err(|_| format!("`{s}` is not a duration: write 90s, 15m or 2h"))?;
    let secs = match unit {
        "s" | "sec" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        _ => return Err(format!("`{s}` is not a duration: write 90s, 15m or 2h")),
    };
    Duration::try_from_secs_f64(secs).map_err(|_| format!("`{s}` is not a duration"))
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
    /// CSV: claims.csv and events.csv in the directory given with -o.
    Csv,
    /// CSV of merged events in ACLED's column layout.
    Acled,
    /// FollowTheMoney entities as JSON Lines (for Aleph).
    Ftm,
    /// The entity graph as GraphML (for Gephi).
    Graphml,
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
    /// Read articles into the database (.txt .md .html .jsonl .pdf .warc .warc.gz;
    /// directories recursively; `-` for standard input). Articles already
    /// stored are skipped.
    Ingest {
        /// Files or directories; `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        meta: MetaArgs,
        #[command(flatten)]
        db: DbArgs,
        /// Do not show progress (a bar on a terminal, a line every 10 s
        /// otherwise).
        #[arg(long, short)]
        quiet: bool,
        #[command(flatten)]
        budget: BudgetArgs,
        /// Do not read the inputs here: add one job per input file (or
        /// URL, or line of a `.urls` file) to the PostgreSQL job queue and
        /// return at once; `dossier worker` does the jobs.
        #[arg(long)]
        queue: bool,
        #[command(flatten)]
        queue_db: QueueArgs,
        /// Then bring the stored reconciliation up to date with what was
        /// stored (as `dossier reconcile` does). Off by default: the views
        /// and exports reconcile from the documents, and on a corpus that
        /// is one connected whole an update reloads all of it.
        #[arg(long)]
        reconcile: bool,
    },
    /// Do the jobs `dossier ingest --queue` added: take one at a time from
    /// the PostgreSQL queue (leased, so that a job whose worker died is
    /// retried), read it and store its documents in --db. Run as many as
    /// you like, anywhere. SIGTERM finishes the current job, then exits.
    Worker {
        #[command(flatten)]
        db: DbArgs,
        #[command(flatten)]
        queue_db: QueueArgs,
        /// Seconds a job stays this worker's without news; a job whose
        /// worker is silent longer is given to another.
        #[arg(long, value_name = "SECONDS", default_value_t = 300.0)]
        lease: f64,
        /// Seconds to wait before asking again when no job is queued.
        #[arg(long, value_name = "SECONDS", default_value_t = 2.0)]
        poll: f64,
        /// Attempts at a job (each ended by its worker's death or a store
        /// error) before it fails.
        #[arg(long, value_name = "N", default_value_t = 3)]
        max_attempts: u32,
        /// Exit once no job is queued or running, instead of waiting for more.
        #[arg(long)]
        exit_when_empty: bool,
        /// After each job that stored documents, bring the stored
        /// reconciliation up to date (as `dossier reconcile` does).
        #[arg(long)]
        reconcile: bool,
        #[command(flatten)]
        budget: BudgetArgs,
    },
    /// The job queue: how many jobs are queued, running, done and failed,
    /// which worker runs which, and why the failed ones failed.
    Status {
        #[command(flatten)]
        db: DbArgs,
        #[command(flatten)]
        queue_db: QueueArgs,
        /// List at most this many running and failed jobs.
        #[arg(long, value_name = "N", default_value_t = 50)]
        limit: usize,
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
    /// Every disagreement in the database (or about one entity), most
    /// significant first, with the quotes on each side.
    Conflicts {
        /// Only this entity (a name, alias or id).
        name: Option<String>,
        #[command(flatten)]
        db: DbArgs,
        /// Also list changes over time.
        #[arg(long)]
        changes: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ViewFormat,
    },
    /// An entity's dated claims and events in time order, with their
    /// intervals and granularity.
    Timeline {
        /// A name or alias (any spelling the reports use), or an entity id.
        name: String,
        #[command(flatten)]
        db: DbArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ViewFormat,
    },
    /// Which outlet and which attributed source said what about an entity.
    Sources {
        /// A name or alias (any spelling the reports use), or an entity id.
        name: String,
        #[command(flatten)]
        db: DbArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ViewFormat,
    },
    /// Write one self-contained HTML report on an entity: profile, timeline
    /// chart and quotes (no network needed to view it).
    Report {
        /// A name or alias (any spelling the reports use), or an entity id.
        name: String,
        #[command(flatten)]
        db: DbArgs,
        /// The HTML file to write.
        #[arg(long, short, required = true)]
        output: PathBuf,
    },
    /// Record that two entities are one (names or ids); kept across re-ingest.
    Merge {
        /// One entity.
        a: String,
        /// The other.
        b: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Record that the name NAME is a different entity from ID; the reports
    /// that use NAME become their own entity. Kept across re-ingest.
    Split {
        /// The entity to split (an id, name or alias).
        id: String,
        /// The name to split off.
        name: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Undo a merge or split by its number (as `merge` and `split` print it);
    /// the decision stays recorded, marked undone, and is no longer applied.
    Undo {
        /// The decision's number.
        id: i64,
        /// Who undoes it, recorded with the undo.
        #[arg(long)]
        who: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Bring the stored reconciliation (entities, findings with verdicts,
    /// merged events) up to date with the documents: only the parts that
    /// documents added or removed since touch, or everything with --full.
    Reconcile {
        /// Rebuild every stored result from every document.
        #[arg(long)]
        full: bool,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Delete a document (id or unique id prefix) and everything derived from it.
    Remove {
        /// Document ids or unique prefixes (at least 6 characters).
        #[arg(required = true)]
        docs: Vec<String>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Write the whole database, reconciled.
    Export {
        /// Export format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExportFormat,
        #[command(flatten)]
        db: DbArgs,
        /// Write to this file instead of standard output (for csv: the
        /// directory that receives claims.csv and events.csv).
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
    /// Train a model from annotated data.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Tag and parse tokenized sentences with the bundled syntax model: read
    /// CoNLL-U, write it back with UPOS, HEAD and DEPREL predicted (every other
    /// line and column as read).
    Parse {
        /// The CoNLL-U file (its word lines give the tokens).
        #[arg(long, required = true)]
        conllu: PathBuf,
    },
    /// Measure extraction throughput (MB/s) on the example corpus or given files.
    Bench {
        /// Files or directories (default: the bundled example corpus).
        paths: Vec<PathBuf>,
        /// Repeat the corpus until at least this many MB were processed.
        #[arg(long, default_value_t = 20.0)]
        mb: f64,
        /// Instead, measure reconciliation of a store of this many documents
        /// generated from the example corpus (varied names, figures, dates).
        #[arg(long, value_name = "N")]
        reconcile: Option<usize>,
        /// With --reconcile: the store to build or reuse (default: a
        /// temporary file).
        #[arg(long, requires = "reconcile")]
        bench_db: Option<PathBuf>,
        /// With --reconcile: vary the names of places too (by default only
        /// groups, organizations and people vary), so that the store falls
        /// into many independent components.
        #[arg(long, requires = "reconcile")]
        bench_vary_places: bool,
        /// Instead, time one document made of the corpus repeated to each of
        /// these sizes in MB (default 1,2,4,8,16): extraction should cost
        /// twice as much per doubling.
        #[arg(
            long,
            value_name = "MB,...",
            num_args = 0..=1,
            value_delimiter = ',',
            default_missing_value = "1,2,4,8,16",
            conflicts_with = "reconcile"
        )]
        scaling: Option<Vec<f64>>,
        /// Instead, measure how fast the readers turn files into documents
        /// (MB/s on one thread): a JSON Lines file and a .warc.gz archive of
        /// HTML pages generated from the example corpus, each of --mb MB
        /// (use --mb 200 for the README's figures).
        #[arg(long, conflicts_with_all = ["reconcile", "scaling"])]
        readers: bool,
    },
    /// Follow RSS 2.0 and Atom feeds: poll them on an interval (conditional
    /// GET, backing off on errors), fetch each new item's page, extract the
    /// article, and store it (one line per new document). Polite: robots.txt,
    /// a User-Agent naming dossier, one request at a time, a pause between
    /// requests to one host.
    Watch {
        /// Feed URLs.
        urls: Vec<String>,
        /// A file of feed URLs, one a line (blank lines and `#` comments
        /// ignored).
        #[arg(long, value_name = "FILE")]
        feeds: Option<PathBuf>,
        #[command(flatten)]
        db: DbArgs,
        /// Time between two polls of a feed: seconds, or with a unit
        /// (90s, 15m, 2h).
        #[arg(long, default_value = "15m", value_parser = parse_duration)]
        interval: Duration,
        /// Poll every feed once, then exit (1 when a feed or item failed).
        #[arg(long)]
        once: bool,
        /// The least time between two requests to one host.
        #[arg(long, default_value = "1s", value_parser = parse_duration)]
        delay: Duration,
        /// Skip a page larger than this many bytes.
        #[arg(long, value_name = "BYTES", default_value_t = 5 << 20)]
        max_page_bytes: u64,
        /// Outlet name for every page, overriding what the pages say.
        #[arg(long)]
        source: Option<String>,
        #[command(flatten)]
        budget: BudgetArgs,
    },
    /// Serve the web UI and the JSON API (/api/v1) for a database.
    Serve {
        #[command(flatten)]
        db: DbArgs,
        /// Address to listen on. Anything but loopback needs --token.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Token for uploads, removals and merges (default: a random one,
        /// printed at start-up).
        #[arg(long, env = "DOSSIER_TOKEN")]
        token: Option<String>,
        #[command(flatten)]
        limits: ServeLimitArgs,
    },
}

/// Models to train.
#[derive(Subcommand, Debug)]
pub enum TrainCommand {
    /// Train the part-of-speech tagger and dependency parser on a UD treebank,
    /// printing dev scores after each epoch (the best epoch on dev is kept).
    Parser {
        /// Training treebank (CoNLL-U).
        #[arg(long, default_value = "../shared/data/ud-english-ewt/en_ewt-ud-train.conllu")]
        train: PathBuf,
        /// Development treebank (CoNLL-U), for per-epoch scores and model choice.
        #[arg(long, default_value = "../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu")]
        dev: PathBuf,
        /// Seed for shuffling and exploration (same seed, same model file).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The model file to write.
        #[arg(long, default_value = "data/models/en-ewt-syntax.bin.zst")]
        out: PathBuf,
    },
}

/// Evaluations against annotated corpora.
#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Score the bundled syntax model on a CoNLL-U treebank with gold tokens:
    /// UPOS accuracy, UAS and LAS over every word (punctuation included; LAS
    /// on the universal part of relations, as the CoNLL 2018 scorer).
    Ud {
        /// The CoNLL-U file.
        file: PathBuf,
    },
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
    /// Score the entity recognizer on CoNLL NER data (token first, tag last;
    /// IOB1, IOB2 or IOBES; documents split by `-DOCSTART-`): precision,
    /// recall and F1 per type and over PER/ORG/LOC, exact span match as
    /// conlleval. Kinds map to types as group/organization -> ORG, person ->
    /// PER, place -> LOC, nationality/other -> MISC.
    Conll {
        /// CoNLL files, or directories holding `.conll` files (searched recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also print every missed and every spurious name (gold | system).
        #[arg(long, short)]
        verbose: bool,
    },
    /// Score event extraction on a CSV in ACLED's layout (columns
    /// event_date, notes, fatalities, admin1, actor1, actor2): killed totals,
    /// dates, places and actors.
    Events {
        /// The CSV file.
        file: PathBuf,
        /// Also list the rows whose killed total was wrong.
        #[arg(long, short)]
        verbose: bool,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_take_seconds_or_a_unit() {
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_duration("1.5h"), Ok(Duration::from_secs(5400)));
        assert!(parse_duration("soon").unwrap_err().contains("write 90s, 15m or 2h"));
        assert!(parse_duration("5d").is_err());
    }
}
