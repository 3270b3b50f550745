//! `dossier-store`: the embedded SQLite store.
#![deny(missing_docs)]
