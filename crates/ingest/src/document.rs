//! Turning extracted text and metadata into a [`Document`].

use chrono::NaiveDate;
use dossier_core::Document;

use crate::normalize::{collapse_whitespace, document_id, is_blank, normalize_text};
use crate::{parse_date, Overrides};

/// Metadata a reader found in the input.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    /// The author, where the format records one (PDF).
    pub author: Option<String>,
    /// A date the input states explicitly but that could not be read, with
    /// where it was stated (`the "Published:" header`): an error unless
    /// `--date` overrides it, since a wrong anchor date misplaces every
    /// relative date in the text.
    pub bad_date: Option<(String, String)>,
}

impl Meta {
    /// Sets `published` from an explicitly stated date, remembering it when it
    /// cannot be read.
    pub fn set_date(&mut self, value: &str, place: &str) {
        match parse_date(value) {
            Some(d) => self.published = Some(d),
            None => self.bad_date = Some((value.trim().to_string(), place.to_string())),
        }
    }
}

/// Builds the document: normalizes the text, applies the overrides and
/// computes the id. `empty` is the reason given when no text is left.
pub(crate) fn build_document(
    path: &str,
    meta: Meta,
    text: &str,
    overrides: &Overrides,
    empty: &str,
) -> Result<Document, String> {
    let text = normalize_text(text);
    if is_blank(&text) {
        return Err(empty.to_string());
    }
    let published = match (overrides.date, meta.published, meta.bad_date) {
        (Some(d), _, _) => Some(d),
        (None, _, Some((value, place))) => {
            return Err(format!(
                "unrecognized date {value:?} in {place}, skipped: write it as YYYY-MM-DD \
                 or pass --date"
            ))
        }
        (None, d, None) => d,
    };
    let clean = |s: Option<String>| s.map(|s| collapse_whitespace(&s)).filter(|s| !s.is_empty());
    Ok(Document {
        id: document_id(&text),
        title: clean(meta.title),
        source: clean(overrides.source.clone()).or_else(|| clean(meta.source)),
        url: meta.url.map(|u| u.trim().to_string()).filter(|u| !u.is_empty()),
        published,
        path: Some(path.to_string()),
        author: clean(meta.author),
        pages: Vec::new(),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_win_and_bad_dates_are_errors_unless_overridden() {
        let mut meta = Meta { source: Some("Outlet".into()), ..Meta::default() };
        meta.set_date("sometime", "the \"Published:\" header");
        let err = build_document("a.txt", meta.clone(), "Text.", &Overrides::default(), "empty")
            .unwrap_err();
        assert!(err.contains("unrecognized date \"sometime\" in the \"Published:\" header"));

        let date = NaiveDate::from_ymd_opt(2020, 1, 2);
        let ov = Overrides { date, source: Some("Wire".into()) };
        let doc = build_document("a.txt", meta, "Text.\r\n", &ov, "empty").unwrap();
        assert_eq!(doc.published, date);
        assert_eq!(doc.source.as_deref(), Some("Wire"));
        assert_eq!(doc.text, "Text.");
        assert_eq!(doc.path.as_deref(), Some("a.txt"));
    }

    #[test]
    fn empty_text_gives_the_callers_reason() {
        let r = build_document("a", Meta::default(), " \n ", &Overrides::default(), "nothing");
        assert_eq!(r.unwrap_err(), "nothing");
    }

    #[test]
    fn metadata_whitespace_is_collapsed() {
        let meta = Meta { title: Some("  A\n  title ".into()), ..Meta::default() };
        let doc = build_document("a", meta, "x", &Overrides::default(), "").unwrap();
        assert_eq!(doc.title.as_deref(), Some("A title"));
    }
}
