//! One test binary for dossier-core: golden cases, TimeML scoring and properties.

#[path = "suite/event_places.rs"]
mod event_places;
#[path = "suite/golden_claims.rs"]
mod golden_claims;
#[path = "suite/invariants.rs"]
mod invariants;
#[path = "suite/news.rs"]
mod news;
#[path = "suite/precision.rs"]
mod precision;
#[path = "suite/properties.rs"]
mod properties;
#[path = "suite/quantities.rs"]
mod quantities;
#[path = "suite/recognizers.rs"]
mod recognizers;
#[path = "suite/reconciliation.rs"]
mod reconciliation;
#[path = "suite/salience.rs"]
mod salience;
#[path = "suite/timeml.rs"]
mod timeml;
#[path = "suite/times.rs"]
mod times;
