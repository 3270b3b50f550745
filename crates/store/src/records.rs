//! The values the store hands back, free of any backend's types so that a
//! second backend (PostgreSQL) can return the same ones.

use chrono::NaiveDate;

/// What one [`insert_batch`](crate::Store::insert_batch) did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchStats {
    /// Documents stored.
    pub inserted: usize,
    /// Documents skipped because their id was already stored (or came earlier
    /// in the same batch).
    pub duplicates: usize,
    /// Entities stored with the inserted documents.
    pub entities: usize,
    /// Claims stored with the inserted documents.
    pub claims: usize,
    /// Events stored with the inserted documents.
    pub events: usize,
}

impl std::ops::AddAssign for BatchStats {
    fn add_assign(&mut self, o: BatchStats) {
        self.inserted += o.inserted;
        self.duplicates += o.duplicates;
        self.entities += o.entities;
        self.claims += o.claims;
        self.events += o.events;
    }
}

/// A stored document's metadata, without its text or annotations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentMeta {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// The file it was read from.
    pub path: Option<String>,
    /// When it was stored, UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub ingested_at: String,
    /// Length of the text in bytes.
    pub text_len: usize,
    /// Number of document-local entities.
    pub entities: usize,
    /// Number of claims.
    pub claims: usize,
    /// Number of events.
    pub events: usize,
}

/// A document as its list row holds it (schema v7, `document_list`): its
/// metadata with the counts stored at insert, whether its annotations
/// carry a PDF's author or pages, and the first words of a text without
/// outlet (for its label).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ListedDocument {
    pub meta: DocumentMeta,
    pub paged: bool,
    pub head: String,
}

/// How much the store holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents.
    pub documents: usize,
    /// Document-local entities.
    pub entities: usize,
    /// Claims.
    pub claims: usize,
    /// Events (as reported per document, before merging across reports).
    pub events: usize,
}

/// One full-text search result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    /// Document id.
    pub doc: String,
    /// Document title.
    pub title: Option<String>,
    /// A stretch of the text around the match, matched words in `[` `]`,
    /// cut ends marked `…`.
    pub snippet: String,
}

/// What a manual decision does to two entities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DecisionKind {
    /// Treat `a` and `b` as the same entity.
    Merge,
    /// Never merge `a` and `b`.
    Split,
}

impl DecisionKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Merge => "merge",
            DecisionKind::Split => "split",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<DecisionKind> {
        match s {
            "merge" => Some(DecisionKind::Merge),
            "split" => Some(DecisionKind::Split),
            _ => None,
        }
    }
}

/// A manual merge or split of two entities; it survives re-ingest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// Its id, in order of creation.
    pub id: i64,
    /// Merge or split.
    pub kind: DecisionKind,
    /// One entity (a name or a corpus entity id; the caller decides).
    pub a: String,
    /// The other entity.
    pub b: String,
    /// When it was made, UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub created_at: String,
    /// Who made it, as they gave their name (none for the command line and
    /// for decisions made before names were recorded).
    pub who: Option<String>,
    /// When and by whom it was undone; an undone decision stays listed but
    /// is no longer applied.
    pub undone: Option<Undo>,
}

impl Decision {
    /// Whether reconciliation applies it (it was not undone).
    pub fn in_force(&self) -> bool {
        self.undone.is_none()
    }
}

/// The undo of a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undo {
    /// When, UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: String,
    /// Who, as they gave their name.
    pub by: Option<String>,
}

/// Where the stored reconciliation stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReconState {
    /// Bumped by every write of results; a write names the generation it
    /// started from and is refused when another came in between.
    pub generation: i64,
    /// The fingerprint of the decisions in force when the results were
    /// written (empty before the first reconciliation).
    pub decisions: String,
}

/// The documents the stored results do not match yet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReconPending {
    /// Stored documents the results do not cover, by id.
    pub added: Vec<String>,
    /// Documents the results cover that are no longer stored.
    pub removed: Vec<String>,
}

/// One document as the stored reconciliation indexes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReconDoc {
    /// Document id.
    pub doc: String,
    /// Its component: the smallest document id of the component.
    pub component: String,
    /// Its link keys.
    pub keys: Vec<String>,
}

/// One write of reconciliation results, in one transaction.
#[derive(Clone, Debug, Default)]
pub struct ReconWrite {
    /// The generation the results were computed from.
    pub expect_generation: i64,
    /// Replace everything (a full rebuild); else only what is named below.
    pub full: bool,
    /// Documents whose index rows go (re-added from `docs` when still stored).
    pub forget_docs: Vec<String>,
    /// Components whose result rows go.
    pub forget_components: Vec<String>,
    /// The documents reconciled, with their components and keys.
    pub docs: Vec<ReconDoc>,
    /// The results, per component.
    pub parts: Vec<(String, dossier_core::reconcile::StoredResults)>,
    /// The fingerprint of the decisions in force.
    pub decisions: String,
}

/// A parameter of a read query on the stored results.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ReadArg {
    /// A text value.
    Text(String),
    /// An integer (limits, offsets).
    Int(i64),
    /// A number (tolls).
    Real(f64),
}
