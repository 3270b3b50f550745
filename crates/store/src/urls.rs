//! Looking documents up by the URL they were read from, for the feed
//! watcher: an item already stored is not fetched again.
//!
//! Kept apart from `sqlite.rs` as its own `impl Store` block.

use crate::{Store, StoreError};

impl Store {
    /// True when a stored document has `url` as its URL (compared exactly,
    /// as the feed or the page gave it).
    ///
    /// ```
    /// use dossier_core::{Annotated, Document};
    /// use dossier_store::Store;
    ///
    /// let mut store = Store::open_in_memory()?;
    /// let doc = Document {
    ///     id: "00112233445566ff".into(),
    ///     url: Some("https://news.example/a".into()),
    ///     text: "Gunmen attacked a convoy.".into(),
    ///     ..Document::default()
    /// };
    /// store.insert_batch(&[Annotated { doc, ..Annotated::default() }])?;
    /// assert!(store.has_url("https://news.example/a")?);
    /// assert!(!store.has_url("https://news.example/b")?);
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn has_url(&self, url: &str) -> Result<bool, StoreError> {
        self.inner.has_url(url)
    }
}
