//! The stored reconciliation: a full rebuild, and the incremental update
//! that re-reconciles only the components the added and removed documents
//! touch (see `dossier_core::reconcile::stored` for why that is exact).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use dossier_core::reconcile::stored::{self, StoredResults};
use dossier_core::reconcile::{ManualDecision, ManualKind};
use dossier_core::{reconcile_splitting, Annotated};

use crate::error::{ErrorKind, StoreError};
use crate::records::{DecisionKind, ReconDoc, ReconWrite};
use crate::Store;

/// How many times a reconciliation starts again when another process wrote
/// results meanwhile.
const ATTEMPTS: usize = 8;

/// What one reconciliation did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReconReport {
    /// A full rebuild (asked for, the first one, or stored results whose
    /// decisions cannot be read back, as after a migration).
    pub full: bool,
    /// Manual decisions made or undone since the last reconciliation.
    pub decisions: usize,
    /// Documents added since the last reconciliation.
    pub added: usize,
    /// Documents removed since the last reconciliation.
    pub removed: usize,
    /// Documents loaded and reconciled.
    pub reloaded: usize,
    /// Components written.
    pub components: usize,
    /// Entities written.
    pub entities: usize,
    /// Findings written.
    pub findings: usize,
    /// Events written.
    pub events: usize,
}

impl Store {
    /// The manual decisions in force, for reconciliation.
    pub fn manual_decisions(&self) -> Result<Vec<ManualDecision>, StoreError> {
        Ok(self
            .decisions()?
            .into_iter()
            .filter(|d| d.in_force())
            .map(|d| ManualDecision {
                id: d.id,
                kind: match d.kind {
                    DecisionKind::Merge => ManualKind::Merge,
                    DecisionKind::Split => ManualKind::Split,
                },
                a: d.a,
                b: d.b,
            })
            .collect())
    }

    /// Brings the stored reconciliation results up to date: with `full`, or
    /// when there are none yet (or a migration cleared the decisions they
    /// were written with), from every document; otherwise only the
    /// components that the documents added or removed since touch, and those
    /// of the documents that a decision made or undone since reaches. The
    /// result equals a full rebuild's. Another process writing results
    /// meanwhile makes this one start again (a few times, then a `Conflict`
    /// error).
    pub fn reconcile_stored(&mut self, full: bool) -> Result<ReconReport, StoreError> {
        let mut last = None;
        for _ in 0..ATTEMPTS {
            match self.try_reconcile(full) {
                Err(e) if e.kind() == ErrorKind::Conflict => last = Some(e),
                other => return other,
            }
        }
        Err(last.unwrap_or_else(|| crate::recon_rows::conflict(self.name())))
    }

    /// Every stored reconciliation result, ordered by key.
    pub fn reconciled_results(&self) -> Result<StoredResults, StoreError> {
        self.inner.recon_results()
    }

    fn try_reconcile(&mut self, full: bool) -> Result<ReconReport, StoreError> {
        let decisions = self.manual_decisions()?;
        let fingerprint = fingerprint(&decisions);
        let state = self.inner.recon_state()?;
        let changed = match changed_decisions(&state.decisions, &decisions) {
            Some(changed) if !full && state.generation != 0 => changed,
            _ => return self.rebuild(&decisions, fingerprint, state.generation),
        };
        let pending = self.inner.recon_pending()?;
        let mut report = ReconReport {
            added: pending.added.len(),
            removed: pending.removed.len(),
            decisions: changed.len(),
            ..ReconReport::default()
        };
        if pending.added.is_empty() && pending.removed.is_empty() && changed.is_empty() {
            return Ok(report);
        }
        let added = self.load_lean(&pending.added)?;
        let mut keys: BTreeSet<String> = BTreeSet::new();
        for a in &added {
            keys.extend(stored::keys_with_decisions(a, &decisions));
        }
        // A decision made reaches the documents carrying one of its keys; one
        // undone, those that were linked by it (`d:<id>`, the same ones).
        for d in &changed {
            keys.extend(stored::decision_keys(d));
            keys.insert(format!("d:{}", d.id));
        }
        let keys: Vec<String> = keys.into_iter().collect();
        let touched = self.inner.recon_touched(&pending.removed, &keys)?;
        let removed: HashSet<&str> = pending.removed.iter().map(String::as_str).collect();
        let mut ids: Vec<String> = touched
            .iter()
            .map(|d| d.doc.clone())
            .filter(|d| !removed.contains(d.as_str()))
            .collect();
        let old: Vec<String> = ids.clone();
        ids.extend(pending.added.iter().cloned());
        let mut docs = self.load_lean(&old)?;
        docs.extend(added);
        sort_store_order(&mut docs);
        let (write_docs, parts) = reconcile_parts(&mut docs, &decisions);
        report.reloaded = docs.len();
        let forget_components: BTreeSet<String> =
            touched.iter().map(|d| d.component.clone()).collect();
        let mut forget_docs: Vec<String> = touched.into_iter().map(|d| d.doc).collect();
        forget_docs.extend(pending.removed.iter().cloned());
        forget_docs.sort();
        forget_docs.dedup();
        count(&mut report, &parts);
        self.inner.recon_write(&ReconWrite {
            expect_generation: state.generation,
            full: false,
            forget_docs,
            forget_components: forget_components.into_iter().collect(),
            docs: write_docs,
            parts,
            decisions: fingerprint,
        })?;
        Ok(report)
    }

    fn rebuild(
        &mut self,
        decisions: &[ManualDecision],
        fingerprint: String,
        generation: i64,
    ) -> Result<ReconReport, StoreError> {
        let mut docs = Vec::new();
        self.for_each_annotated(|a| {
            docs.push(stored::lean(a));
            Ok::<(), StoreError>(())
        })?;
        let (write_docs, parts) = reconcile_parts(&mut docs, decisions);
        let mut report = ReconReport {
            full: true,
            added: docs.len(),
            reloaded: docs.len(),
            ..ReconReport::default()
        };
        count(&mut report, &parts);
        drop(docs);
        self.inner.recon_write(&ReconWrite {
            expect_generation: generation,
            full: true,
            forget_docs: Vec::new(),
            forget_components: Vec::new(),
            docs: write_docs,
            parts,
            decisions: fingerprint,
        })?;
        Ok(report)
    }

    /// The documents `ids` without what reconciliation does not read, in
    /// no particular order; ids no longer stored are left out.
    fn load_lean(&self, ids: &[String]) -> Result<Vec<Annotated>, StoreError> {
        let total = self.counts()?.documents;
        let mut out = Vec::with_capacity(ids.len());
        if ids.len() * 4 > total {
            // Most of the store: one streamed pass beats one query each.
            let want: HashSet<&str> = ids.iter().map(String::as_str).collect();
            self.for_each_annotated(|a| {
                if want.contains(a.doc.id.as_str()) {
                    out.push(stored::lean(a));
                }
                Ok::<(), StoreError>(())
            })?;
        } else {
            for id in ids {
                if let Some(a) = self.load(id)? {
                    out.push(stored::lean(a));
                }
            }
        }
        Ok(out)
    }
}

/// The store's document order: dated first by date, then by id.
fn sort_store_order(docs: &mut [Annotated]) {
    docs.sort_by(|a, b| {
        (a.doc.published.is_none(), a.doc.published, &a.doc.id).cmp(&(
            b.doc.published.is_none(),
            b.doc.published,
            &b.doc.id,
        ))
    });
}

/// The decisions in force, in a form that changes when they do and that
/// `changed_decisions` reads back.
fn fingerprint(decisions: &[ManualDecision]) -> String {
    serde_json::to_string(decisions).unwrap_or_default()
}

/// The decisions made or undone since the results with the fingerprint
/// `stored` were written: those in one list and not the other. `None` when
/// the fingerprint cannot be read (a migration clears it to ask for a full
/// rebuild).
fn changed_decisions(stored: &str, now: &[ManualDecision]) -> Option<Vec<ManualDecision>> {
    let before: Vec<ManualDecision> = serde_json::from_str(stored).ok()?;
    let mut changed: Vec<ManualDecision> =
        before.iter().filter(|d| !now.contains(d)).cloned().collect();
    changed.extend(now.iter().filter(|d| !before.contains(d)).cloned());
    Some(changed)
}

fn count(report: &mut ReconReport, parts: &[(String, StoredResults)]) {
    report.components = parts.len();
    for (_, p) in parts {
        report.entities += p.entities.len();
        report.findings += p.findings.len();
        report.events += p.events.len();
    }
}

/// Reconciles `docs` (whole components, in store order) and cuts the
/// results into their components: the index rows of every document and
/// the results of every component.
fn reconcile_parts(
    docs: &mut [Annotated],
    decisions: &[ManualDecision],
) -> (Vec<ReconDoc>, Vec<(String, StoredResults)>) {
    let keys: Vec<Vec<String>> =
        docs.iter().map(|a| stored::keys_with_decisions(a, decisions)).collect();
    let roots = stored::components(&keys);
    // A component is named by its smallest document id.
    let mut name: HashMap<usize, String> = HashMap::new();
    for (i, &r) in roots.iter().enumerate() {
        let id = &docs[i].doc.id;
        let e = name.entry(r).or_insert_with(|| id.clone());
        if id < e {
            *e = id.clone();
        }
    }
    let comp_of_doc: HashMap<String, String> =
        docs.iter().zip(&roots).map(|(a, r)| (a.doc.id.clone(), name[r].clone())).collect();
    let rec = reconcile_splitting(docs, decisions);
    let results = stored::results(docs, &rec);
    drop(rec);
    let mut parts: BTreeMap<String, StoredResults> =
        name.values().map(|c| (c.clone(), StoredResults::default())).collect();
    let comp = |doc: Option<&String>| -> String {
        doc.and_then(|d| comp_of_doc.get(d)).cloned().unwrap_or_default()
    };
    let mut entity_comp: HashMap<String, String> = HashMap::new();
    for e in results.entities {
        let c = comp(e.docs.first());
        entity_comp.insert(e.id.clone(), c.clone());
        parts.entry(c).or_default().entities.push(e);
    }
    for f in results.findings {
        let c = entity_comp.get(&f.subject).cloned().unwrap_or_default();
        parts.entry(c).or_default().findings.push(f);
    }
    for ev in results.events {
        let c = comp(ev.docs.first());
        parts.entry(c).or_default().events.push(ev);
    }
    for cl in results.claims {
        let c = comp(Some(&cl.doc));
        parts.entry(c).or_default().claims.push(cl);
    }
    for l in results.locals {
        let c = comp(Some(&l.doc));
        parts.entry(c).or_default().locals.push(l);
    }
    for u in results.unapplied {
        // The component of the documents the decision reaches (`d:<id>`).
        let key = format!("d:{}", u.decision);
        let at = keys.iter().position(|k| k.binary_search(&key).is_ok());
        if let Some(i) = at {
            parts.entry(comp(Some(&docs[i].doc.id))).or_default().unapplied.push(u);
        }
    }
    let write_docs = docs
        .iter()
        .zip(keys)
        .map(|(a, keys)| ReconDoc {
            doc: a.doc.id.clone(),
            component: comp_of_doc[&a.doc.id].clone(),
            keys,
        })
        .collect();
    (write_docs, parts.into_iter().collect())
}
