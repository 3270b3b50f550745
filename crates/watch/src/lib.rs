//! `dossier-watch`: follows RSS and Atom feeds and stores each new article.
//!
//! A [`Watcher`] holds the feeds and polls each on an interval. A poll is a
//! conditional GET (`If-None-Match` / `If-Modified-Since` from the last
//! answer, so an unchanged feed costs a `304` and nothing else); a feed
//! that fails (unreachable, an HTTP error, malformed XML) is retried after
//! an exponentially growing pause, and the other feeds go on. Each item
//! whose URL is not yet in the store ([`Store::has_url`]) has its page
//! fetched and read by the HTML reader of `dossier-ingest`
//! ([`read_web_page`](dossier_ingest::read_web_page)), is annotated, and
//! stored unless a document with the same text (the same content id) is
//! already there. Every new document and every problem is one [`Log`] line.
//!
//! The [`Client`] is polite: a User-Agent naming dossier, robots.txt read
//! and honoured per host, one request at a time with a pause between two
//! requests to one host, a timeout, a cap on every body, and redirects
//! followed by hand (each hop checked against robots.txt, a loop named).
//!
//! This is the only crate that touches the network.
//!
//! ```no_run
//! use dossier_store::Store;
//! use dossier_watch::{WatchOptions, Watcher};
//!
//! let mut store = Store::open(std::path::Path::new("news.db"))?;
//! let mut watcher = Watcher::new(vec!["https://news.example/feed.xml".into()], WatchOptions::default());
//! let stats = watcher.poll_all(&mut store, &mut |line| eprintln!("{line}"))?;
//! println!("{} new documents", stats.stored);
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod feed;
mod http;
mod robots;

use std::collections::HashSet;
use std::fmt;
use std::time::{Duration, Instant};

use dossier_core::{annotate_within, Budget};
use dossier_ingest::{read_web_page, Overrides};
use dossier_store::{Store, StoreError};

pub use feed::{parse_feed, FeedItem};
pub use http::{join_url, Client, ClientOptions, Fetched, Validators};
pub use robots::Robots;

/// How the watcher behaves.
#[derive(Clone, Debug)]
pub struct WatchOptions {
    /// Time between two polls of a feed that answered.
    pub interval: Duration,
    /// The longest pause after repeated failures (the pause doubles from
    /// `interval` with each failure in a row).
    pub max_backoff: Duration,
    /// The largest feed read.
    pub max_feed_bytes: u64,
    /// The largest page read.
    pub max_page_bytes: u64,
    /// The HTTP client's manners.
    pub client: ClientOptions,
    /// Metadata overrides for every page (`--source`).
    pub overrides: Overrides,
    /// How much one page may cost to extract.
    pub budget: Budget,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            interval: Duration::from_secs(15 * 60),
            max_backoff: Duration::from_secs(6 * 3600),
            max_feed_bytes: 10 << 20,
            max_page_bytes: 5 << 20,
            client: ClientOptions::default(),
            overrides: Overrides::default(),
            budget: Budget { max_bytes: Some(16 << 20), max_time: Some(Duration::from_secs(60)) },
        }
    }
}

/// One line of the watcher's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Log {
    /// A new document was stored.
    Stored {
        /// Its id.
        id: String,
        /// Its title, if it has one.
        title: Option<String>,
        /// The item's URL.
        url: String,
        /// Claims and events extracted from it.
        claims: usize,
        /// Events extracted from it.
        events: usize,
    },
    /// A feed or an item could not be read; names it and says why.
    Problem(String),
}

impl fmt::Display for Log {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Log::Stored { id, title, url, claims, events } => {
                let short = id.get(..12).unwrap_or(id);
                let title = title.as_deref().unwrap_or("(untitled)");
                write!(f, "stored {short} {title:?} {url} ({claims} claims, {events} events)")
            }
            Log::Problem(p) => write!(f, "{p}"),
        }
    }
}

/// What one poll did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PollStats {
    /// Feeds fetched (a `304` counts).
    pub feeds: usize,
    /// Feeds that answered `304 Not Modified`.
    pub not_modified: usize,
    /// Pages fetched.
    pub pages: usize,
    /// New documents stored.
    pub stored: usize,
    /// Pages whose text was already stored under another URL.
    pub duplicates: usize,
    /// Feeds and items that failed.
    pub problems: usize,
}

struct Feed {
    url: String,
    validators: Validators,
    failures: u32,
    next_poll: Instant,
}

/// Polls feeds and stores their new articles (see the crate docs).
pub struct Watcher {
    feeds: Vec<Feed>,
    client: Client,
    options: WatchOptions,
    /// Item URLs dealt with for good in this run: stored, duplicates, or
    /// failed in a way a retry would not change (a 404, robots.txt).
    done: HashSet<String>,
}

impl Watcher {
    /// A watcher of these feed URLs; every feed is due at once.
    pub fn new(feeds: Vec<String>, options: WatchOptions) -> Watcher {
        let now = Instant::now();
        let feeds = feeds
            .into_iter()
            .map(|url| Feed { url, validators: Validators::default(), failures: 0, next_poll: now })
            .collect();
        Watcher {
            feeds,
            client: Client::new(options.client.clone()),
            options,
            done: HashSet::new(),
        }
    }

    /// When the next feed is due.
    pub fn next_due(&self) -> Option<Instant> {
        self.feeds.iter().map(|f| f.next_poll).min()
    }

    /// Polls every feed now, due or not.
    pub fn poll_all(
        &mut self,
        store: &mut Store,
        log: &mut dyn FnMut(&Log),
    ) -> Result<PollStats, StoreError> {
        self.poll(store, log, true)
    }

    /// Polls the feeds that are due.
    pub fn poll_due(
        &mut self,
        store: &mut Store,
        log: &mut dyn FnMut(&Log),
    ) -> Result<PollStats, StoreError> {
        self.poll(store, log, false)
    }

    /// Polls the due feeds, sleeps until the next is due, and so on; only a
    /// store error ends it (or the process being stopped: every document is
    /// stored in its own transaction).
    pub fn run(&mut self, store: &mut Store, log: &mut dyn FnMut(&Log)) -> Result<(), StoreError> {
        loop {
            self.poll_due(store, log)?;
            let Some(due) = self.next_due() else { return Ok(()) };
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
            }
        }
    }

    fn poll(
        &mut self,
        store: &mut Store,
        log: &mut dyn FnMut(&Log),
        all: bool,
    ) -> Result<PollStats, StoreError> {
        let mut stats = PollStats::default();
        for i in 0..self.feeds.len() {
            if all || self.feeds[i].next_poll <= Instant::now() {
                self.poll_feed(i, store, log, &mut stats)?;
            }
        }
        Ok(stats)
    }

    fn poll_feed(
        &mut self,
        i: usize,
        store: &mut Store,
        log: &mut dyn FnMut(&Log),
        stats: &mut PollStats,
    ) -> Result<(), StoreError> {
        let url = self.feeds[i].url.clone();
        stats.feeds += 1;
        let validators = self.feeds[i].validators.clone();
        let fetched = self.client.get(&url, &validators, self.options.max_feed_bytes);
        let outcome = match fetched {
            Ok(f) if f.status == 304 => {
                stats.not_modified += 1;
                self.succeeded(i);
                return Ok(());
            }
            Ok(f) if (200..300).contains(&f.status) => {
                parse_feed(&f.body, &f.url).map(|items| (items, f.etag, f.last_modified))
            }
            Ok(f) => Err(status_reason(f.status)),
            Err(reason) => Err(reason),
        };
        let items = match outcome {
            Ok((items, etag, last_modified)) => {
                self.feeds[i].validators = Validators { etag, last_modified };
                self.succeeded(i);
                items
            }
            Err(reason) => {
                self.failed(i, &reason, log, stats);
                return Ok(());
            }
        };
        // Feeds list the newest first: store in the order of publication.
        for item in items.iter().rev() {
            self.item(item, store, log, stats)?;
        }
        Ok(())
    }

    fn succeeded(&mut self, i: usize) {
        let feed = &mut self.feeds[i];
        feed.failures = 0;
        feed.next_poll = Instant::now() + self.options.interval;
    }

    /// Logs a feed's failure and puts its next poll off: the interval
    /// doubled for each failure in a row, up to the maximum.
    fn failed(&mut self, i: usize, reason: &str, log: &mut dyn FnMut(&Log), stats: &mut PollStats) {
        let feed = &mut self.feeds[i];
        feed.failures = feed.failures.saturating_add(1);
        let pause = backoff(self.options.interval, feed.failures, self.options.max_backoff);
        feed.next_poll = Instant::now() + pause;
        stats.problems += 1;
        log(&Log::Problem(format!("feed {}: {reason}; next try in {}", feed.url, human(pause))));
    }

    fn item(
        &mut self,
        item: &FeedItem,
        store: &mut Store,
        log: &mut dyn FnMut(&Log),
        stats: &mut PollStats,
    ) -> Result<(), StoreError> {
        let url = item.url.as_str();
        if self.done.contains(url) {
            return Ok(());
        }
        if store.has_url(url)? {
            self.done.insert(url.to_string());
            return Ok(());
        }
        let mut problem = |done: &mut HashSet<String>, reason: String, for_good: bool| {
            stats.problems += 1;
            if for_good {
                done.insert(url.to_string());
            }
            log(&Log::Problem(format!("item {url}: {reason}")));
        };
        stats.pages += 1;
        let page = match self.client.get(url, &Validators::default(), self.options.max_page_bytes) {
            Ok(p) => p,
            Err(reason) => {
                // Network trouble may pass; robots.txt, a loop or a cap will not.
                let for_good = !(reason.contains("timed out")
                    || reason.contains("network")
                    || reason.contains("refused")
                    || reason.contains("host not found"));
                problem(&mut self.done, format!("{reason}, skipped"), for_good);
                return Ok(());
            }
        };
        if !(200..300).contains(&page.status) {
            let for_good = (400..500).contains(&page.status) && page.status != 429;
            problem(&mut self.done, format!("{}, skipped", status_reason(page.status)), for_good);
            return Ok(());
        }
        if let Some(ct) = page.content_type.as_deref() {
            let mime = ct.split(';').next().unwrap_or_default().trim();
            if !matches!(mime, "text/html" | "application/xhtml+xml" | "") {
                problem(&mut self.done, format!("not an HTML page ({mime}), skipped"), true);
                return Ok(());
            }
        }
        let doc = match read_web_page(
            url,
            &page.body,
            page.charset(),
            item.published,
            &self.options.overrides,
        ) {
            Ok(d) => d,
            Err(e) => {
                problem(&mut self.done, e.reason, true);
                return Ok(());
            }
        };
        if store.contains(&doc.id)? {
            stats.duplicates += 1;
            self.done.insert(url.to_string());
            return Ok(());
        }
        let annotated = match annotate_within(doc, &self.options.budget) {
            Ok(a) => a,
            Err(e) => {
                problem(&mut self.done, e.reason(), true);
                return Ok(());
            }
        };
        let batch = store.insert_batch(std::slice::from_ref(&annotated))?;
        self.done.insert(url.to_string());
        if batch.inserted == 1 {
            stats.stored += 1;
            log(&Log::Stored {
                id: annotated.doc.id.clone(),
                title: annotated.doc.title.clone(),
                url: url.to_string(),
                claims: annotated.claims.len(),
                events: annotated.events.len(),
            });
        } else {
            stats.duplicates += 1;
        }
        Ok(())
    }
}

/// `interval * 2^failures`, at most `max`.
fn backoff(interval: Duration, failures: u32, max: Duration) -> Duration {
    let factor = 2u32.saturating_pow(failures.min(20));
    interval.saturating_mul(factor).min(max)
}

/// `HTTP 404 Not Found`.
fn status_reason(status: u16) -> String {
    let text = match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    };
    format!("HTTP {status} {text}").trim_end().to_string()
}

/// `90 s`, `15 min`, `2 h`.
fn human(d: Duration) -> String {
    let s = d.as_secs();
    if s < 120 {
        format!("{s} s")
    } else if s < 7200 {
        format!("{} min", s / 60)
    } else {
        format!("{} h", s / 3600)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let m = Duration::from_secs(60);
        let cap = Duration::from_secs(3600);
        assert_eq!(backoff(m, 1, cap), Duration::from_secs(120));
        assert_eq!(backoff(m, 3, cap), Duration::from_secs(480));
        assert_eq!(backoff(m, 10, cap), cap);
        assert_eq!(backoff(m, u32::MAX, cap), cap);
    }

    #[test]
    fn statuses_and_pauses_read_well() {
        assert_eq!(status_reason(404), "HTTP 404 Not Found");
        assert_eq!(status_reason(418), "HTTP 418");
        assert_eq!(human(Duration::from_secs(90)), "90 s");
        assert_eq!(human(Duration::from_secs(900)), "15 min");
        assert_eq!(human(Duration::from_secs(7200)), "2 h");
    }
}
