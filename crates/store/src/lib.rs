//! `dossier-store`: the store of annotated documents, in one SQLite file or
//! in a PostgreSQL database.
//!
//! A [`Store`] keeps each [`Annotated`](dossier_core::Annotated) document:
//! the document's text and metadata, its annotations as JSON (rebuilt exactly
//! by [`Store::load`]), and flattened tables for queries (`entities`,
//! `claims`, `events`) plus a full-text index over titles and texts for
//! [`Store::search`]. Manual entity merges and splits
//! ([`Store::add_decision`]) live beside them so they survive re-ingest.
//!
//! Two backends implement one interface, and one conformance suite
//! (`tests/conformance.rs`) runs against both:
//! - **SQLite** ([`Store::open`]), embedded, the default for one analyst:
//!   FTS5 for search, `PRAGMA user_version` for the schema version.
//! - **PostgreSQL** ([`Store::open_url`] with a `postgres://` URL), for
//!   teams and many processes: a connection pool ([`pg`]), a weighted
//!   `tsvector` with a GIN index for search, a `dossier_meta` table for the
//!   schema version and a data version.
//!
//! [`Location`] tells them apart: a path or a `postgres://` URL. The schema
//! is versioned and migrated at open on both; a database written by a newer
//! dossier is refused rather than damaged. Writes go in batches, one
//! transaction each: a batch is stored whole or not at all.
//!
//! No type of either database binding appears in [`Store`]'s API.
//!
//! ```
//! use dossier_core::{Annotated, Document};
//! use dossier_store::Store;
//!
//! let mut store = Store::open_in_memory()?;
//! let doc = Annotated {
//!     doc: Document {
//!         id: "0123456789abcdef".into(),
//!         title: Some("Attack in Kabul".into()),
//!         text: "ISIS-K claimed the attack.".into(),
//!         ..Document::default()
//!     },
//!     ..Annotated::default()
//! };
//! let stats = store.insert_batch(&[doc.clone(), doc])?;
//! assert_eq!((stats.inserted, stats.duplicates), (1, 1));
//! let hits = store.search("ISIS-K", 10)?;
//! assert_eq!(hits[0].doc, "0123456789abcdef");
//! assert_eq!(store.remove("012345")?.as_deref(), Some("0123456789abcdef"));
//! assert_eq!(store.counts()?.documents, 0);
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod backend;
mod encode;
mod error;
mod fts;
mod location;
pub mod pg;
mod recon;
mod recon_read;
mod recon_rows;
mod records;
mod schema;
mod sqlite;
mod sqlite_recon;
mod urls;
mod views;

use std::ops::ControlFlow;
use std::path::Path;
use std::time::Duration;

use dossier_core::Annotated;

use crate::backend::Backend;

pub use error::{ErrorKind, StoreError};
pub use location::Location;
pub use recon::ReconReport;
pub use recon_read::{
    ClaimFilter, DocumentEntry, DocumentFacts, EntityEntry, EventFacets, EventFilter, FindingEntry,
    FindingFilter, Keyed, MonthTotal, Page, ReconCounts,
};
pub use recon_rows::finding_record;
pub use records::{
    BatchStats, Counts, Decision, DecisionKind, DocumentMeta, ReconDoc, ReconPending, ReconState,
    ReconWrite, SearchHit, Undo,
};
pub use schema::SCHEMA_VERSION;

/// The shortest id prefix [`Store::remove`] accepts.
pub const MIN_PREFIX: usize = 6;

/// How many of the most recently stored matches a search ranks.
pub const SEARCH_RANK_WINDOW: i64 = 500;

/// A dossier database: documents with their annotations, in a SQLite file or
/// a PostgreSQL database.
///
/// Writes take `&mut self`; a `Store` is `Send` but not `Sync`, so share it
/// behind a `Mutex` or open one per thread (SQLite's WAL mode lets readers
/// run beside one writer; PostgreSQL serves any number of each).
#[derive(Debug)]
pub struct Store {
    inner: Box<dyn Backend>,
    /// List totals of the stored results by query, with the generation
    /// they were counted at (see `recon_read.rs`).
    totals: std::sync::Mutex<(i64, Totals)>,
}

/// Rows of aggregate queries by query text and arguments.
type Totals = std::collections::HashMap<String, Vec<Vec<String>>>;

impl Store {
    fn with(inner: Box<dyn Backend>) -> Store {
        Store { inner, totals: Default::default() }
    }

    /// Opens the SQLite database at `path`, creating it (and its schema)
    /// when it does not exist, and migrating an older schema.
    ///
    /// Fails when the file is not a SQLite database, when it was written by a
    /// newer dossier, or when it cannot be created.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Ok(Store::with(Box::new(sqlite::SqliteStore::open(path)?)))
    }

    /// Opens a new, empty SQLite database in memory (for tests and one-off
    /// runs).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Ok(Store::with(Box::new(sqlite::SqliteStore::open_in_memory()?)))
    }

    /// Opens the database at `location`: a SQLite file as [`Store::open`]
    /// does, or a PostgreSQL database, creating its schema (and the
    /// PostgreSQL schema named by the URL's `schema=` parameter) when
    /// missing, and migrating an older one.
    ///
    /// Fails when the server cannot be reached, when the database was
    /// written by a newer dossier, or when the schema cannot be created.
    pub fn open_location(location: &Location) -> Result<Store, StoreError> {
        match location {
            Location::Sqlite(path) => Store::open(path),
            Location::Postgres(url) => {
                Ok(Store::with(Box::new(pg::PgStore::open(&pg::PgTarget::parse(url)?)?)))
            }
        }
    }

    /// Opens a `postgres://` (or `postgresql://`) URL, or else a SQLite file
    /// path; see [`Location`] and [`Store::open_location`].
    pub fn open_url(url_or_path: &str) -> Result<Store, StoreError> {
        Store::open_location(&Location::from(url_or_path))
    }

    /// Sets how long a write waits for another process's lock before failing
    /// with [`ErrorKind::Locked`] (default 10 s on SQLite; on PostgreSQL the
    /// server's `lock_timeout`, none by default).
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<(), StoreError> {
        self.inner.set_busy_timeout(timeout)
    }

    /// The database's name as used in messages: its path, `:memory:`, or its
    /// URL without password.
    pub fn name(&self) -> &str {
        self.inner.name()
    }

    /// The connection pool of a PostgreSQL store (`None` on SQLite), for
    /// code that keeps tables of its own beside the store's (a job queue).
    pub fn pg_pool(&self) -> Option<&pg::PgPool> {
        self.inner.pg_pool()
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        self.inner.schema_version()
    }

    /// A number that changes when another connection or process commits a
    /// write, and never for this store's own writes, so that a long-running
    /// reader can poll it to notice that its cache is stale.
    ///
    /// On SQLite it is `PRAGMA data_version` of this connection. On
    /// PostgreSQL it is a counter that every write bumps as it commits, less
    /// the bumps of this store's own writes.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.inner.data_version()
    }

    /// Stores a batch of annotated documents in one transaction.
    ///
    /// A document whose id is already stored (or appeared earlier in the
    /// batch) is skipped and counted in [`BatchStats::duplicates`]. On any
    /// error nothing of the batch is stored; earlier batches stay. Several
    /// processes may insert overlapping batches at once: each document is
    /// stored once.
    pub fn insert_batch(&mut self, docs: &[Annotated]) -> Result<BatchStats, StoreError> {
        self.inner.insert_batch(docs)
    }

    /// True when a document with id `id` is stored (so ingest can skip
    /// annotating it again).
    pub fn contains(&self, id: &str) -> Result<bool, StoreError> {
        self.inner.contains(id)
    }

    /// Every stored document's metadata, ordered by publication date (undated
    /// last), then id (byte order).
    pub fn documents(&self) -> Result<Vec<DocumentMeta>, StoreError> {
        self.inner.documents()
    }

    /// The metadata of the document with exactly this id.
    pub fn document_meta(&self, id: &str) -> Result<Option<DocumentMeta>, StoreError> {
        self.inner.document_meta(id)
    }

    /// The document with id `id` and its annotations, or `None`.
    pub fn load(&self, id: &str) -> Result<Option<Annotated>, StoreError> {
        self.inner.load(id)
    }

    /// Every stored document with its annotations, in the order of
    /// [`documents`](Store::documents). Holds them all in memory: prefer
    /// [`for_each_annotated`](Store::for_each_annotated) for big stores.
    pub fn load_all(&self) -> Result<Vec<Annotated>, StoreError> {
        let mut out = Vec::new();
        self.for_each_annotated(|a| {
            out.push(a);
            Ok::<(), StoreError>(())
        })?;
        Ok(out)
    }

    /// Calls `f` with every stored document, one at a time, in the order of
    /// [`documents`](Store::documents); stops at the first error `f` returns.
    pub fn for_each_annotated<E, F>(&self, mut f: F) -> Result<(), E>
    where
        F: FnMut(Annotated) -> Result<(), E>,
        E: From<StoreError>,
    {
        let mut stopped = None;
        self.inner.for_each_annotated(&mut |a| match f(a) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                stopped = Some(e);
                ControlFlow::Break(())
            }
        })?;
        stopped.map_or(Ok(()), Err)
    }

    /// Resolves an id or a unique id prefix of at least [`MIN_PREFIX`]
    /// characters to a stored id; `None` when nothing matches.
    pub fn resolve_id(&self, id_or_prefix: &str) -> Result<Option<String>, StoreError> {
        // Ids sharing a prefix sort together, starting at the prefix itself:
        // the first two ids >= the prefix tell none, one or several.
        let ids = self.inner.ids_from(id_or_prefix, 2)?;
        let matching: Vec<&String> = ids.iter().filter(|id| id.starts_with(id_or_prefix)).collect();
        match matching.as_slice() {
            [] => Ok(None),
            [one, ..] if one.as_str() == id_or_prefix => Ok(Some(id_or_prefix.to_string())),
            _ if id_or_prefix.chars().count() < MIN_PREFIX => Err(StoreError::new(
                ErrorKind::AmbiguousId,
                format!(
                    "database {}: '{id_or_prefix}' is too short an id prefix: give at \
                     least {MIN_PREFIX} characters of the document id",
                    self.name()
                ),
            )),
            [one] => Ok(Some(one.to_string())),
            [a, b, ..] => Err(StoreError::new(
                ErrorKind::AmbiguousId,
                format!(
                    "database {}: id prefix '{id_or_prefix}' matches several documents \
                     ({a}, {b}, ...): give more characters of the id",
                    self.name()
                ),
            )),
        }
    }

    /// Removes a document and everything derived from it (entities, claims,
    /// events, search index). Accepts the id or a unique prefix of at least
    /// [`MIN_PREFIX`] characters; returns the removed id, or `None` when no
    /// document matches. An ambiguous prefix is an error.
    pub fn remove(&mut self, id_or_prefix: &str) -> Result<Option<String>, StoreError> {
        let Some(id) = self.resolve_id(id_or_prefix)? else {
            return Ok(None);
        };
        Ok(self.inner.delete(&id)?.then_some(id))
    }

    /// How many documents, entities, claims and events are stored.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        self.inner.counts()
    }

    /// Full-text search over titles and texts, best match first.
    ///
    /// The contract, the same on both backends:
    /// - every word of `query` must occur, case and diacritics folded
    ///   (`nangarhar` finds Nangarhār); a word with punctuation inside
    ///   (`ISIS-K`) is a phrase of its parts; a trailing `*` searches a
    ///   prefix (`Khora*`);
    /// - punctuation and operators in `query` are taken literally, so no
    ///   query is a syntax error; a query with no letters or digits finds
    ///   nothing;
    /// - a match in the title weighs four times one in the text; equal
    ///   ranks go in id order;
    /// - ranking covers the [`SEARCH_RANK_WINDOW`] most recently stored
    ///   matches: a query of common words matches most of a large store, and
    ///   ranking every match costs tens of milliseconds; this keeps a search
    ///   at a few milliseconds whatever the words;
    /// - the snippet is a stretch of the text around the match, matched
    ///   words in `[` `]`.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        self.inner.search(query, limit)
    }

    /// Records a manual merge or split of entities `a` and `b`; returns its id.
    pub fn add_decision(
        &mut self,
        kind: DecisionKind,
        a: &str,
        b: &str,
    ) -> Result<i64, StoreError> {
        self.inner.add_decision_by(kind, a, b, None)
    }

    /// Records a manual merge or split of entities `a` and `b` made by
    /// `who` (a name the person gave; `None` when unknown); returns its id.
    pub fn add_decision_by(
        &mut self,
        kind: DecisionKind,
        a: &str,
        b: &str,
        who: Option<&str>,
    ) -> Result<i64, StoreError> {
        self.inner.add_decision_by(kind, a, b, who)
    }

    /// Undoes decision `id` on behalf of `who`: the decision stays in the
    /// audit trail, marked undone (when, by whom), and is no longer in force.
    /// Returns the decision as it now stands, or `None` when no decision
    /// has that id. Undoing a decision already undone keeps its first undo.
    pub fn undo_decision(
        &mut self,
        id: i64,
        who: Option<&str>,
    ) -> Result<Option<Decision>, StoreError> {
        self.inner.undo_decision(id, who)
    }

    /// Every manual decision, oldest first, undone ones included (check
    /// [`Decision::in_force`]).
    pub fn decisions(&self) -> Result<Vec<Decision>, StoreError> {
        self.inner.decisions()
    }
}
