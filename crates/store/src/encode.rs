//! What both backends store the same way: a document's annotations as JSON,
//! the checks a document passes before it is stored, and dates as text.

use dossier_core::{Annotated, Claim, Document, Event, LocalEntity, Mention, Span, Value};
use serde::{Deserialize, Serialize};

use crate::error::{ErrorKind, StoreError};

/// `Annotated` minus its document, as stored in `documents.annotations`;
/// the document fields that have no column of their own (a PDF's author and
/// page offsets) ride along, absent when empty, so no migration was needed.
#[derive(Serialize)]
struct AnnotationsRef<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "<[usize]>::is_empty")]
    pages: &'a [usize],
    paragraphs: &'a [Span],
    sentences: &'a [Span],
    mentions: &'a [Mention],
    entities: &'a [LocalEntity],
    claims: &'a [Claim],
    events: &'a [Event],
}

/// The owned twin of [`AnnotationsRef`]; missing fields read as empty so a
/// later schema may add fields.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Annotations {
    author: Option<String>,
    pages: Vec<usize>,
    paragraphs: Vec<Span>,
    sentences: Vec<Span>,
    mentions: Vec<Mention>,
    entities: Vec<LocalEntity>,
    claims: Vec<Claim>,
    events: Vec<Event>,
}

/// The JSON stored in `documents.annotations` for `a`.
pub(crate) fn annotations_json(db: &str, a: &Annotated) -> Result<String, StoreError> {
    json(
        db,
        &a.doc.id,
        &AnnotationsRef {
            author: a.doc.author.as_deref(),
            pages: &a.doc.pages,
            paragraphs: &a.paragraphs,
            sentences: &a.sentences,
            mentions: &a.mentions,
            entities: &a.entities,
            claims: &a.claims,
            events: &a.events,
        },
    )
}

/// Rebuilds a stored document from its row: the document and the JSON of
/// its annotations.
pub(crate) fn assemble(db: &str, doc: Document, json: &str) -> Result<Annotated, StoreError> {
    let ann: Annotations = serde_json::from_str(json)
        .map_err(|e| StoreError::corrupt(db, &format!("annotations of document {}", doc.id), e))?;
    Ok(Annotated {
        doc: Document { author: ann.author, pages: ann.pages, ..doc },
        paragraphs: ann.paragraphs,
        sentences: ann.sentences,
        mentions: ann.mentions,
        entities: ann.entities,
        claims: ann.claims,
        events: ann.events,
    })
}

/// A stored `YYYY-MM-DD` publication date.
pub(crate) fn parse_date(
    db: &str,
    id: &str,
    s: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, StoreError> {
    s.map(|s| {
        s.parse()
            .map_err(|e| StoreError::corrupt(db, &format!("publication date of document {id}"), e))
    })
    .transpose()
}

/// A publication date as stored.
pub(crate) fn format_date(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(|p| p.format("%Y-%m-%d").to_string())
}

/// The error for a document that cannot be stored; nothing of its batch is.
pub(crate) fn invalid(db: &str, id: &str, what: &str) -> StoreError {
    StoreError::new(
        ErrorKind::InvalidDocument,
        format!(
            "database {db}: document {id} not stored: {what}; nothing of this batch \
             was stored (this is a bug in extraction: report it with the document)"
        ),
    )
}

/// Checks that every entity index and span of `a` points somewhere, so the
/// flattened tables never hold a dangling reference.
pub(crate) fn validate(db: &str, a: &Annotated) -> Result<(), StoreError> {
    let id = &a.doc.id;
    let n = a.entities.len();
    let len = a.doc.text.len();
    let bad = |what: String| Err(invalid(db, id, &what));
    if id.is_empty() {
        return bad("its id is empty".into());
    }
    if a.doc.pages.windows(2).any(|w| w[0] > w[1]) || a.doc.pages.last().is_some_and(|&p| p > len) {
        return bad("its page offsets are out of order or beyond the text".into());
    }
    let span_ok = |s: Span| s.end() <= len;
    for (i, m) in a.mentions.iter().enumerate() {
        if m.entity.is_some_and(|e| e >= n) || matches!(m.value, Some(Value::Entity(e)) if e >= n) {
            return bad(format!("mention {i} names entity beyond the {n} entities"));
        }
        if !span_ok(m.span) {
            return bad(format!("mention {i} span {:?} lies outside the text", m.span));
        }
    }
    for (i, c) in a.claims.iter().enumerate() {
        if c.subject >= n || matches!(c.value, Value::Entity(e) if e >= n) {
            return bad(format!("claim {i} names an entity beyond the {n} entities"));
        }
        if !span_ok(c.span) {
            return bad(format!("claim {i} span {:?} lies outside the text", c.span));
        }
    }
    for (i, e) in a.events.iter().enumerate() {
        if e.place.is_some_and(|p| p >= n) || e.perpetrators.iter().any(|&p| p >= n) {
            return bad(format!("event {i} names an entity beyond the {n} entities"));
        }
        if let Some(s) = e.spans.iter().find(|s| !span_ok(**s)) {
            return bad(format!("event {i} span {s:?} lies outside the text"));
        }
    }
    if let Some(s) = a.sentences.iter().chain(&a.paragraphs).find(|s| !span_ok(**s)) {
        return bad(format!("sentence or paragraph span {s:?} lies outside the text"));
    }
    Ok(())
}

/// `v` as JSON; a value that cannot be encoded makes its document invalid.
pub(crate) fn json<T: Serialize + ?Sized>(db: &str, id: &str, v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| invalid(db, id, &format!("cannot encode it: {e}")))
}
