//! `dossier watch`: follow feeds and store their new articles.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use dossier_core::Budget;
use dossier_ingest::Overrides;
use dossier_store::Store;
use dossier_watch::{ClientOptions, Log, WatchOptions, Watcher};

/// The validated flags of `dossier watch`.
pub struct WatchArgs {
    pub urls: Vec<String>,
    pub feeds: Option<PathBuf>,
    pub db: dossier_store::Location,
    pub interval: Duration,
    pub once: bool,
    pub delay: Duration,
    pub max_page_bytes: u64,
    pub source: Option<String>,
    pub budget: Budget,
}

pub fn run(args: WatchArgs) -> Result<ExitCode> {
    let mut urls = args.urls;
    if let Some(file) = &args.feeds {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the feed list {}", file.display()))?;
        urls.extend(
            text.lines()
                .map(|l| l.split('#').next().unwrap_or_default().trim())
                .filter(|l| !l.is_empty())
                .map(str::to_string),
        );
    }
    if urls.is_empty() {
        anyhow::bail!("no feeds to watch: give feed URLs, or --feeds FILE with one URL a line");
    }
    let bad: Vec<&String> =
        urls.iter().filter(|u| !(u.starts_with("http://") || u.starts_with("https://"))).collect();
    if let Some(u) = bad.first() {
        anyhow::bail!("{u} is not a feed URL: feeds are http:// or https:// URLs");
    }
    let mut store = Store::open_location(&args.db)?;
    let options = WatchOptions {
        interval: args.interval.max(Duration::from_secs(1)),
        max_page_bytes: args.max_page_bytes,
        client: ClientOptions { host_delay: args.delay, ..ClientOptions::default() },
        overrides: Overrides { date: None, source: args.source },
        budget: args.budget,
        ..WatchOptions::default()
    };
    let feeds = urls.len();
    let mut watcher = Watcher::new(urls, options);
    let mut log = |line: &Log| match line {
        Log::Stored { .. } => {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
        Log::Problem(_) => eprintln!("dossier: watch: {line}"),
    };
    if args.once {
        let stats = watcher.poll_all(&mut store, &mut log)?;
        eprintln!(
            "polled {feeds} feed{} ({} unchanged): {} new document{}, {} already stored under \
             another URL, {} problem{}",
            if feeds == 1 { "" } else { "s" },
            stats.not_modified,
            stats.stored,
            if stats.stored == 1 { "" } else { "s" },
            stats.duplicates,
            stats.problems,
            if stats.problems == 1 { "" } else { "s" }
        );
        return Ok(if stats.problems == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) });
    }
    eprintln!(
        "watching {feeds} feed{} into {}, every {} s; Ctrl-C stops",
        if feeds == 1 { "" } else { "s" },
        args.db,
        args.interval.as_secs()
    );
    watcher.run(&mut store, &mut log)?;
    Ok(ExitCode::SUCCESS)
}
