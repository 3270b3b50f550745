//! What the CSV, FollowTheMoney and GraphML exports read: the stored
//! reconciliation's records (entities, claims, events), one at a time, from
//! a store ([`Records`] is implemented by the command line over its store)
//! or from a reconciliation in memory ([`InMemory`]). One writer for both,
//! so that an export of a store equals the export of its documents
//! reconciled in memory.

use std::collections::HashMap;
use std::io;

use crate::reconcile::{stored, Reconciled, StoredClaimRecord, StoredEntity, StoredEvent};
use crate::{Annotated, EntityKind};

/// A reader of every stored entity, claim and event.
pub trait Records {
    /// Calls `f` on every entity, in any order.
    fn each_entity(&self, f: &mut dyn FnMut(&StoredEntity) -> io::Result<()>) -> io::Result<()>;
    /// Calls `f` on every claim, in corpus order.
    fn each_claim(&self, f: &mut dyn FnMut(&StoredClaimRecord) -> io::Result<()>)
        -> io::Result<()>;
    /// Calls `f` on every merged event, in any order.
    fn each_event(&self, f: &mut dyn FnMut(&StoredEvent) -> io::Result<()>) -> io::Result<()>;
    /// The address document `doc` was published at, if it gives one.
    fn url(&self, doc: &str) -> io::Result<Option<String>>;
}

/// A reconciliation in memory as [`Records`].
pub struct InMemory {
    results: stored::StoredResults,
    urls: HashMap<String, String>,
}

impl InMemory {
    /// The records of `rec`, a reconciliation of `docs`.
    pub fn new(docs: &[Annotated], rec: &Reconciled) -> Self {
        let urls =
            docs.iter().filter_map(|a| Some((a.doc.id.clone(), a.doc.url.clone()?))).collect();
        InMemory { results: stored::results(docs, rec), urls }
    }
}

impl Records for InMemory {
    fn each_entity(&self, f: &mut dyn FnMut(&StoredEntity) -> io::Result<()>) -> io::Result<()> {
        self.results.entities.iter().try_for_each(f)
    }

    fn each_claim(
        &self,
        f: &mut dyn FnMut(&StoredClaimRecord) -> io::Result<()>,
    ) -> io::Result<()> {
        self.results.claims.iter().try_for_each(f)
    }

    fn each_event(&self, f: &mut dyn FnMut(&StoredEvent) -> io::Result<()>) -> io::Result<()> {
        self.results.events.iter().try_for_each(f)
    }

    fn url(&self, doc: &str) -> io::Result<Option<String>> {
        Ok(self.urls.get(doc).cloned())
    }
}

/// Each entity's kind and name by id: one entry per entity, what the
/// writers that name an event's perpetrators or a link's ends keep.
pub(crate) fn kinds_and_names(
    src: &dyn Records,
) -> io::Result<HashMap<String, (EntityKind, String)>> {
    let mut out = HashMap::new();
    src.each_entity(&mut |e| {
        out.insert(e.id.clone(), (e.kind, e.name.clone()));
        Ok(())
    })?;
    Ok(out)
}
