//! Property tests of reconciliation (issue 12 §2): a few documents made of
//! generated news sentences, annotated and reconciled, never panic; every
//! index in the result points at something; the same corpus reconciles to
//! the same view; and which document-local entities become one corpus
//! entity does not depend on the order of the documents.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use dossier_core::{annotate, reconcile, Annotated, Document, Reconciled};
use proptest::prelude::*;

use crate::news;

fn corpus() -> impl Strategy<Value = Vec<Annotated>> {
    let doc = (news::article(), 0..3usize, prop::option::of(0u32..700));
    prop::collection::vec(doc, 1..5).prop_map(|docs| {
        docs.into_iter()
            .enumerate()
            .map(|(i, (text, outlet, day))| {
                let published = day.map(|d| {
                    NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + chrono::Days::new(d.into())
                });
                annotate(Document {
                    id: format!("doc{i}"),
                    source: Some(["North Wire", "Coast Bulletin", "Desert Post"][outlet].into()),
                    published,
                    text,
                    ..Document::default()
                })
            })
            .collect()
    })
}

/// The whole view as text, for comparing two runs.
fn view(rec: &Reconciled) -> String {
    format!(
        "{}\n{:?}\n{:?}\n{}\n{:?}\n{:?}",
        serde_json::to_string(&rec.entities).unwrap(),
        rec.local,
        rec.claims,
        serde_json::to_string(&rec.findings).unwrap(),
        rec.events,
        rec.unapplied
    )
}

fn check_indices(docs: &[Annotated], rec: &Reconciled) {
    let n = rec.entities.len();
    assert_eq!(rec.local.len(), docs.len());
    for (d, local) in rec.local.iter().enumerate() {
        assert_eq!(local.len(), docs[d].entities.len(), "doc {d}: a local entity unmapped");
        for (le, &e) in local.iter().enumerate() {
            assert!(e < n && rec.entities[e].members.contains(&(d, le)), "doc {d} entity {le}");
        }
    }
    for e in &rec.entities {
        assert!(!e.members.is_empty() && !e.id.is_empty(), "{e:?}");
    }
    let ids: BTreeSet<&str> = rec.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), n, "two corpus entities share an id");
    for c in &rec.claims {
        assert!(c.doc < docs.len() && c.idx < docs[c.doc].claims.len(), "{c:?}");
        assert!(c.subject < n && c.value_entity.is_none_or(|v| v < n), "{c:?}");
    }
    for f in &rec.findings {
        assert!(f.subject < n && !f.claims.is_empty(), "{f:?}");
        assert!(f.claims.iter().all(|&c| c < rec.claims.len()), "{f:?}");
        assert!(f.pairs.iter().all(|&(a, b)| a < rec.claims.len() && b < rec.claims.len()));
    }
    for ev in &rec.events {
        assert!(!ev.reports.is_empty(), "{ev:?}");
        for &(d, i) in &ev.reports {
            assert!(d < docs.len() && i < docs[d].events.len(), "{ev:?}");
        }
        assert!(ev.place.is_none_or(|p| p < n) && ev.perpetrators.iter().all(|&p| p < n));
    }
}

/// The corpus entities as sets of (document id, local entity name).
fn partition(docs: &[Annotated], rec: &Reconciled) -> BTreeSet<BTreeSet<(String, String)>> {
    rec.entities
        .iter()
        .map(|e| {
            e.members
                .iter()
                .map(|&(d, le)| (docs[d].doc.id.clone(), docs[d].entities[le].name.clone()))
                .collect()
        })
        .collect()
}

proptest! {
    // Each case annotates up to four articles.
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn reconciliation_is_deterministic_and_its_indices_hold(docs in corpus()) {
        let rec = reconcile(&docs);
        check_indices(&docs, &rec);
        prop_assert_eq!(view(&rec), view(&reconcile(&docs)));
    }

    #[test]
    fn entity_merges_do_not_depend_on_document_order(docs in corpus(), turn in 0..4usize) {
        let rec = reconcile(&docs);
        let mut moved = docs.clone();
        moved.rotate_left(turn % docs.len());
        moved.reverse();
        let rec_moved = reconcile(&moved);
        check_indices(&moved, &rec_moved);
        prop_assert_eq!(partition(&docs, &rec), partition(&moved, &rec_moved));
        let ids = |r: &Reconciled| r.entities.iter().map(|e| e.id.clone()).collect::<BTreeSet<_>>();
        prop_assert_eq!(ids(&rec), ids(&rec_moved));
        let verdicts = |r: &Reconciled| {
            r.findings
                .iter()
                .map(|f| (r.entities[f.subject].id.clone(), f.predicate, f.verdict))
                .collect::<BTreeSet<_>>()
        };
        prop_assert_eq!(verdicts(&rec), verdicts(&rec_moved));
    }
}
