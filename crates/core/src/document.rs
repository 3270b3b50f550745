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
    /// The author, where the input names one (a PDF's Info or XMP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Where each page begins, for paged inputs (PDF): one byte offset into
    /// `text` per page, in page order; empty for other formats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<usize>,
    /// The clean text every span indexes.
    pub text: String,
}

impl Document {
    /// The 1-based page that the byte `offset` of the text is on, for paged
    /// inputs; `None` when the document has no pages.
    ///
    /// ```
    /// let doc = dossier_core::Document { pages: vec![0, 10, 10, 25], ..Default::default() };
    /// assert_eq!(doc.page_of(0), Some(1));
    /// assert_eq!(doc.page_of(9), Some(1));
    /// assert_eq!(doc.page_of(10), Some(3)); // page 2 is empty
    /// assert_eq!(doc.page_of(30), Some(4));
    /// assert_eq!(dossier_core::Document::default().page_of(3), None);
    /// ```
    pub fn page_of(&self, offset: usize) -> Option<usize> {
        if self.pages.is_empty() {
            return None;
        }
        Some(self.pages.partition_point(|&start| start <= offset).max(1))
    }
}
