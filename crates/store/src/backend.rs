//! The interface both backends implement; [`Store`](crate::Store) forwards
//! to one of them and adds what is the same on both (id prefixes, the
//! caller's errors in streaming).

use std::ops::ControlFlow;
use std::time::Duration;

use dossier_core::Annotated;

use crate::error::StoreError;
use crate::records::{
    BatchStats, Counts, Decision, DecisionKind, DocumentMeta, ListedDocument, ReconDoc,
    ReconPending, ReconState, ReconWrite, SearchHit,
};
use dossier_core::reconcile::StoredResults;

/// One storage backend. Each method's contract is the one documented on the
/// [`Store`](crate::Store) method of the same name; the conformance suite
/// (`tests/conformance.rs`) checks both backends against it.
pub(crate) trait Backend: Send + std::fmt::Debug {
    fn name(&self) -> &str;
    fn schema_version(&self) -> Result<u32, StoreError>;
    fn data_version(&self) -> Result<i64, StoreError>;
    fn set_busy_timeout(&mut self, timeout: Duration) -> Result<(), StoreError>;
    fn insert_batch(&mut self, docs: &[Annotated]) -> Result<BatchStats, StoreError>;
    fn contains(&self, id: &str) -> Result<bool, StoreError>;
    /// Whether a document read from `url` is stored.
    fn has_url(&self, url: &str) -> Result<bool, StoreError>;
    fn documents(&self) -> Result<Vec<DocumentMeta>, StoreError>;
    /// The metadata of one document (exact id).
    fn document_meta(&self, id: &str) -> Result<Option<DocumentMeta>, StoreError>;
    /// The list rows of the documents `ids` (those that have one), in no
    /// particular order: one query.
    fn listed_documents(&self, ids: &[String]) -> Result<Vec<ListedDocument>, StoreError>;
    fn load(&self, id: &str) -> Result<Option<Annotated>, StoreError>;
    /// Calls `f` with every document in the order of `documents` until it
    /// breaks.
    fn for_each_annotated(
        &self,
        f: &mut dyn FnMut(Annotated) -> ControlFlow<()>,
    ) -> Result<(), StoreError>;
    /// The first `n` stored ids that sort at or after `from` (byte order).
    fn ids_from(&self, from: &str, n: usize) -> Result<Vec<String>, StoreError>;
    /// Removes the document with exactly this id; false when there is none.
    fn delete(&mut self, id: &str) -> Result<bool, StoreError>;
    fn counts(&self) -> Result<Counts, StoreError>;
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError>;
    fn add_decision_by(
        &mut self,
        kind: DecisionKind,
        a: &str,
        b: &str,
        who: Option<&str>,
    ) -> Result<i64, StoreError>;
    fn undo_decision(&mut self, id: i64, who: Option<&str>)
        -> Result<Option<Decision>, StoreError>;
    fn decisions(&self) -> Result<Vec<Decision>, StoreError>;
    /// The generation and decisions fingerprint of the stored results.
    fn recon_state(&self) -> Result<ReconState, StoreError>;
    /// Documents added or removed since the results were written.
    fn recon_pending(&self) -> Result<ReconPending, StoreError>;
    /// Every indexed document (with its component, keys left empty) of the
    /// components that hold one of `docs` or a document carrying one of
    /// `keys`.
    fn recon_touched(&self, docs: &[String], keys: &[String]) -> Result<Vec<ReconDoc>, StoreError>;
    /// Writes results in one transaction; a `Conflict` error when the
    /// generation moved since `w.expect_generation`.
    fn recon_write(&mut self, w: &ReconWrite) -> Result<(), StoreError>;
    /// Every stored result.
    fn recon_results(&self) -> Result<StoredResults, StoreError>;
    /// The rows of a read query on the stored results, each column as text
    /// (NULL as empty). `sql` is written once for both backends: `$1`,
    /// `$2`... parameters, each first used in that order.
    fn recon_read(
        &self,
        sql: &str,
        args: &[crate::records::ReadArg],
    ) -> Result<Vec<Vec<String>>, StoreError>;
    /// Whether the entities' names have the trigram table `recon_names`
    /// (SQLite; PostgreSQL's trigram index serves `LIKE` itself).
    fn trigram_names(&self) -> bool {
        false
    }
    /// The PostgreSQL pool behind this store, if it has one.
    fn pg_pool(&self) -> Option<&crate::pg::PgPool> {
        None
    }
}
