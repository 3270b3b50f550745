//! What the views of one entity read from the stored reconciliation, put
//! together: its dossier (the report, the command line's profile and
//! timeline) and what its events quote. Each is a handful of indexed
//! reads; no document is reconciled.

use std::collections::HashMap;

use dossier_core::export::report::{Cited, EntityDossier, ReportDoc};
use dossier_core::reconcile::StoredEvent;

use crate::error::StoreError;
use crate::recon_read::EventFilter;
use crate::Store;

impl Store {
    /// The dossier of the stored entity `id` (`None` when there is none):
    /// its findings, the claims they hold, its events (the `max` latest)
    /// and its documents (the first `max` of its list), in the report's
    /// order ([`EntityDossier::sort`]).
    pub fn entity_dossier(
        &self,
        id: &str,
        max: usize,
    ) -> Result<Option<EntityDossier>, StoreError> {
        let Some(entry) = self.recon_entity(id)? else { return Ok(None) };
        let entity = entry.entity()?;
        let findings = self.recon_findings_of(&entity.id)?;
        let ids: Vec<String> =
            findings.iter().flat_map(|f| f.claims.iter().map(|c| c.id.clone())).collect();
        let claims = self.recon_claims_by_id(&ids)?;
        let filter = EventFilter { entity: Some(entity.id.clone()), ..Default::default() };
        let (events, _) = self.recon_events_list(&filter, max, 0)?;
        let shown: Vec<String> = entity.docs.iter().take(max).cloned().collect();
        let documents = self
            .document_facts(&shown)?
            .into_iter()
            .map(|d| ReportDoc { id: d.id, label: d.label, title: d.title, published: d.published })
            .collect();
        let cited = self.cited(&events.items)?;
        let mut d = EntityDossier {
            documents_total: entity.docs.len(),
            entity,
            findings,
            claims,
            events_total: events.total,
            events: events.items,
            documents,
            cited,
        };
        d.sort();
        Ok(Some(d))
    }

    /// What `events` cite: their documents (text, outlet, date, a PDF's
    /// pages) and the names of their perpetrators and places.
    pub fn cited(&self, events: &[StoredEvent]) -> Result<Cited, StoreError> {
        let mut docs: Vec<String> = events.iter().flat_map(|v| v.docs.iter().cloned()).collect();
        docs.sort();
        docs.dedup();
        let mut named: Vec<String> =
            events.iter().flat_map(|e| e.perpetrators.iter().chain(&e.place).cloned()).collect();
        named.sort();
        named.dedup();
        Ok(Cited {
            docs: self.document_texts(&docs)?.into_iter().map(|d| (d.id.clone(), d)).collect(),
            names: self
                .recon_entity_names(&named)?
                .into_iter()
                .map(|(id, _, name)| (id, name))
                .collect::<HashMap<_, _>>(),
        })
    }

    /// The ACLED rows of `events` (`dossier_core::export::acled::acled_row`):
    /// their perpetrators' names and their reports' texts, which the notes
    /// quote, read once for them all.
    pub fn acled_rows(&self, events: &[StoredEvent]) -> Result<Vec<Vec<String>>, StoreError> {
        let cited = self.cited(events)?;
        let name = |id: &str| cited.names.get(id).cloned().unwrap_or_else(|| id.to_string());
        Ok(events
            .iter()
            .map(|e| dossier_core::export::acled::acled_row(e, &name, &|id| cited.docs.get(id)))
            .collect())
    }
}
