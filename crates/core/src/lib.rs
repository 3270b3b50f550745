//! `dossier-core`: the text model and every extraction and reconciliation
//! stage of dossier, as pure functions with no I/O.
//!
//! The life of a record: an `Article` read by `dossier-ingest` becomes a
//! [`Document`] (clean text plus metadata); [`annotate`] turns it into an
//! [`Annotated`] document (sentences, mentions, entities, claims, events, each
//! with a [`Span`] into the text); [`reconcile`] merges many of them into a
//! corpus-level view with verdicts.
#![deny(missing_docs)]

/// The [`annotate::Cat`] of a cue category named by a literal, looked up once
/// per call site (a name lookup per call costs more than most cue tests).
macro_rules! cue {
    ($name:literal) => {{
        static CAT: std::sync::OnceLock<crate::annotate::Cat> = std::sync::OnceLock::new();
        *CAT.get_or_init(|| crate::annotate::Cat::from($name))
    }};
}

mod annotate;
mod budget;
mod claims;
pub mod conll;
mod document;
mod entities;
pub mod event_eval;
mod events;
pub mod export;
pub mod label;
pub mod lexicon;
pub mod model;
pub mod quantity;
pub mod reconcile;
mod scan;
pub mod segment;
mod span;
mod syntax;
pub mod time;
pub mod timeml;
pub mod words;

#[doc(hidden)]
pub use annotate::Prepared;
pub use annotate::{annotate, annotate_within};
pub use budget::{Budget, OverBudget};
pub use document::Document;
pub use entities::{find_entities, EntityMention, FoundEntities};
pub use model::*;
pub use quantity::{find_quantities, Quantity, QuantityKind, QuantityMention};
pub use reconcile::{reconcile, reconcile_splitting, reconcile_with, Reconciled, Verdict};
pub use span::Span;
pub use time::{find_times, Granularity, TimeInterval, TimeMention, TimexMod, TimexType};
