//! The stored reconciliation's rows as both backends write and read them:
//! one JSON text per entity, finding and event.

use dossier_core::reconcile::{StoredEntity, StoredEvent, StoredFinding, StoredResults};
use serde::de::DeserializeOwned;

use crate::error::{ErrorKind, StoreError};

/// Stored documents no reconciliation covers yet (both backends).
pub(crate) const ADDED_SQL: &str = "SELECT id FROM documents d WHERE NOT EXISTS \
     (SELECT 1 FROM recon_docs r WHERE r.doc = d.id) ORDER BY id";

/// Covered documents no longer stored (both backends).
pub(crate) const REMOVED_SQL: &str = "SELECT doc FROM recon_docs r WHERE NOT EXISTS \
     (SELECT 1 FROM documents d WHERE d.id = r.doc) ORDER BY doc";

/// An entity row: id, kind, name, JSON.
pub(crate) type EntityRow = (String, String, String, String);
/// A finding row: subject, predicate, verdict, JSON.
pub(crate) type FindingRow = (String, String, String, String);
/// An event row: id, kind, JSON.
pub(crate) type EventRow = (String, String, String);

fn to_json<T: serde::Serialize>(db: &str, v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| {
        StoreError::new(ErrorKind::Database, format!("database {db}: encoding a result: {e}"))
    })
}

pub(crate) fn from_json<T: DeserializeOwned>(db: &str, s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| {
        StoreError::new(
            ErrorKind::Corrupt,
            format!(
                "database {db}: a stored reconciliation result cannot be read ({e}): run \
                 `dossier reconcile --full` to rebuild them"
            ),
        )
    })
}

pub(crate) fn entity_row(db: &str, e: &StoredEntity) -> Result<EntityRow, StoreError> {
    Ok((e.id.clone(), e.kind.as_str().to_string(), e.name.clone(), to_json(db, e)?))
}

pub(crate) fn finding_row(db: &str, f: &StoredFinding) -> Result<FindingRow, StoreError> {
    Ok((
        f.subject.clone(),
        f.predicate.as_str().to_string(),
        f.verdict.as_str().to_string(),
        to_json(db, f)?,
    ))
}

pub(crate) fn event_row(db: &str, e: &StoredEvent) -> Result<EventRow, StoreError> {
    Ok((e.id.clone(), e.kind.as_str().to_string(), to_json(db, e)?))
}

/// Results from the three lists of JSON texts, each already in key order.
pub(crate) fn results(
    db: &str,
    entities: &[String],
    findings: &[String],
    events: &[String],
) -> Result<StoredResults, StoreError> {
    Ok(StoredResults {
        entities: entities.iter().map(|s| from_json(db, s)).collect::<Result<_, _>>()?,
        findings: findings.iter().map(|s| from_json(db, s)).collect::<Result<_, _>>()?,
        events: events.iter().map(|s| from_json(db, s)).collect::<Result<_, _>>()?,
    })
}

/// The error for a write whose generation moved.
pub(crate) fn conflict(db: &str) -> StoreError {
    StoreError::new(
        ErrorKind::Conflict,
        format!(
            "database {db}: another process wrote reconciliation results meanwhile; \
             reconcile again"
        ),
    )
}
