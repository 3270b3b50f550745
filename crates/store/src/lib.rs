//! `dossier-store`: the embedded SQLite store of annotated documents.
//!
//! A [`Store`] keeps each [`Annotated`](dossier_core::Annotated) document in
//! one SQLite file: the document's text and metadata, its annotations as JSON
//! (rebuilt exactly by [`Store::load`]), and flattened tables for queries
//! (`entities`, `claims`, `events`) plus an FTS5 index over titles and texts
//! for [`Store::search`]. Manual entity merges and splits
//! ([`Store::add_decision`]) live beside them so they survive re-ingest.
//!
//! The schema is versioned (`PRAGMA user_version`) and migrated at open; a
//! database written by a newer dossier is refused rather than damaged. Writes
//! go in batches, one transaction each: a batch is stored whole or not at all.
//!
//! No type of the SQLite binding appears in the public API, so a second
//! backend can offer the same one.
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

mod error;
mod fts;
mod records;
mod schema;
mod sqlite;

pub use error::{ErrorKind, StoreError};
pub use records::{BatchStats, Counts, Decision, DecisionKind, DocumentMeta, SearchHit, Undo};
pub use schema::SCHEMA_VERSION;
pub use sqlite::{Store, MIN_PREFIX, SEARCH_RANK_WINDOW};
