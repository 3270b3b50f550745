//! The `Document`: clean UTF-8 text plus metadata, the input of extraction.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One article after ingest: its text is what every span points into.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: a hash of the normalized text (see `dossier_ingest::document_id`).
    pub id: String,
    /// Headline, when known.
    pub title: Option<String>,
    /// The outlet that published it ("Kabul Ledger").
    pub source: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Publication date: the anchor for relative dates ("Thursday", "last June").
    pub published: Option<NaiveDate>,
    /// The file (or `-` for stdin) it was read from.
    pub path: Option<String>,
    /// The clean text every span indexes.
    pub text: String,
}
