//! Answers read from the stored reconciliation, one indexed query (or a
//! few) per request, nothing corpus-wide in memory: the entity, entity
//! list, search and document APIs. The records keep the shapes of the
//! export contract plus what the snapshot-based answers added (counts,
//! verdicts, labels), see `api.rs`.

use dossier_core::reconcile::{StoredClaimRecord, StoredEvent};
use dossier_store::{
    ClaimFilter, DocumentEntry, EntityEntry, EventFilter, FindingFilter, SearchHit, Store,
};
use serde_json::{json, Value as Json};

use crate::api::{parse_predicate, parse_verdict, ListQuery};
use crate::error::{AppError, AppResult};

/// The most claims and events an entity answer lists (of each kind); the
/// counts in its record are exact.
pub const ENTITY_ITEMS: usize = 1000;

/// How many documents a search adds because they mention an entity the
/// query names (each one loaded for its snippet).
const ALIAS_DOCS: usize = 20;

/// What a search found.
pub struct Found {
    /// Matching entities, best first.
    pub entities: Vec<EntityEntry>,
    /// Matching documents, best first.
    pub documents: Vec<SearchHit>,
}

/// The `entity` record plus its `claims`, `doc_count` and `events` counts,
/// as JSON text. The stored entity has the record's fields (`id`, `kind`,
/// `name`, `aliases`, `catalog_id`, `evidence`, `merges`, `docs`): its text
/// is spliced in, not decoded and encoded again.
pub fn entity_record(e: &EntityEntry) -> String {
    let counts =
        format!("\"claims\":{},\"doc_count\":{},\"events\":{}", e.claims, e.doc_count, e.events);
    let body = e.json.trim();
    match body.strip_prefix('{').and_then(|b| b.strip_suffix('}')) {
        Some(fields) if !fields.trim().is_empty() => {
            format!("{{\"type\":\"entity\",{fields},{counts}}}")
        }
        _ => format!("{{\"type\":\"entity\",\"id\":{},{counts}}}", Json::from(e.id.as_str())),
    }
}

fn records(entries: &[EntityEntry]) -> String {
    let mut out = String::from("[");
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&entity_record(e));
    }
    out.push(']');
    out
}

/// The `claim` record, named by its document's label, with its verdict.
pub fn claim_record(c: &StoredClaimRecord) -> Json {
    let mut r = c.record.clone();
    if let Some(o) = r.get_mut("outlet") {
        *o = Json::from(c.label.as_str());
    }
    if let Some(v) = c.verdict {
        r["verdict"] = Json::from(v.as_str());
    }
    r
}

/// The `event` record, its reports named by their documents' labels.
pub fn event_record(ev: &StoredEvent) -> Json {
    let mut r = ev.record.clone();
    if let Some(Json::Array(reports)) = r.get_mut("reports") {
        for rep in reports {
            let doc = rep.get("doc").and_then(Json::as_str).unwrap_or("");
            let label = ev.docs.iter().position(|d| d == doc).and_then(|i| ev.labels.get(i));
            if let (Some(l), Some(o)) = (label, rep.get_mut("outlet")) {
                *o = Json::from(l.as_str());
            }
        }
    }
    r
}

pub use dossier_store::finding_record;

fn array<T>(items: &[T], f: impl Fn(&T) -> Json) -> Json {
    Json::Array(items.iter().map(f).collect())
}

fn no_entity(id: &str) -> AppError {
    AppError::not_found(format!(
        "no entity with id `{id}`: ids look like `group:islamic-state`; \
         search or list entities to find one"
    ))
}

/// `GET /api/v1/entities/{id}`: the entity, its findings, the claims about
/// it and whose value it is, and its events.
pub fn entity(store: &Store, id: &str) -> AppResult<String> {
    let e = store.recon_entity(id)?.ok_or_else(|| no_entity(id))?;
    let findings = store.recon_findings_of(id)?;
    let claims = store.recon_claims_about(id, ENTITY_ITEMS)?;
    let incoming = store.recon_claims_valued(id, ENTITY_ITEMS)?;
    let events = store.recon_events_of(id, ENTITY_ITEMS)?;
    Ok(format!(
        "{{\"entity\":{},\"findings\":{},\"claims\":{},\"incoming_claims\":{},\"events\":{}}}",
        entity_record(&e),
        array(&findings, finding_record),
        array(&claims, claim_record),
        array(&incoming, claim_record),
        array(&events, event_record),
    ))
}

/// `GET /api/v1/entities`: a page of entities by name (see
/// [`Store::recon_entities`]).
pub fn entities(
    store: &Store,
    q: &str,
    kind: Option<&str>,
    limit: usize,
    offset: usize,
) -> AppResult<String> {
    let (total, page) = store.recon_entities(q, kind, limit, offset)?;
    Ok(format!(
        "{{\"total\":{total},\"limit\":{limit},\"offset\":{offset},\"items\":{}}}",
        records(&page)
    ))
}

/// `GET /api/v1/search?q=`: the answer's JSON text (see [`search`]).
pub fn search_answer(store: &Store, q: &str, limit: usize) -> AppResult<String> {
    let found = search(store, q, limit)?;
    let documents: Vec<Json> = found
        .documents
        .iter()
        .map(|h| json!({"id": h.doc, "title": h.title, "snippet": h.snippet}))
        .collect();
    Ok(format!(
        "{{\"query\":{},\"entities\":{},\"documents\":{}}}",
        Json::from(q),
        records(&found.entities),
        Json::from(documents)
    ))
}

/// Entities by name and documents by text (the store's full-text index,
/// which stems English words: "attack" finds "attacked" and "attacks"),
/// plus, when the best entities are named exactly by the query, documents
/// that mention them by another name ("Shabab" finds the reports about
/// al-Shabaab), each with the sentence of its first such mention.
pub fn search(store: &Store, q: &str, limit: usize) -> AppResult<Found> {
    let entities = store.recon_entities_page(q, None, limit, 0)?;
    let mut documents = store.search(q, limit)?;
    let lower = q.trim().to_lowercase();
    let norm = dossier_core::lexicon::LEXICON.key(&lower);
    let mut added = 0;
    for e in entities.iter().take(3) {
        let x = e.entity()?;
        let names: Vec<String> =
            std::iter::once(&x.name).chain(&x.aliases).map(|n| n.to_lowercase()).collect();
        let lex = &dossier_core::lexicon::LEXICON;
        let named = names.contains(&lower)
            || (norm.chars().count() >= 2 && names.iter().any(|n| lex.key(n) == norm));
        if !named {
            continue;
        }
        for d in x.docs.iter().rev() {
            if documents.len() >= limit || added >= ALIAS_DOCS {
                return Ok(Found { entities, documents });
            }
            if documents.iter().any(|h| &h.doc == d) {
                continue;
            }
            let (Some(a), Some(locals)) = (store.load(d)?, store.recon_locals(d)?) else {
                continue;
            };
            added += 1;
            let first = a.mentions.iter().find(|m| {
                m.entity.and_then(|l| locals.entities.get(l)).is_some_and(|id| *id == x.id)
            });
            let Some(m) = first else { continue };
            let text = &a.doc.text;
            let sentence =
                a.sentences.iter().find(|sp| sp.contains(m.span)).copied().unwrap_or(m.span);
            let (s0, s1) = (sentence.start(), sentence.end());
            let (m0, m1) = (m.span.start(), m.span.end());
            let ok = [s0, s1, m0, m1].iter().all(|&i| i <= text.len() && text.is_char_boundary(i))
                && s0 <= m0
                && m1 <= s1;
            let snippet = if ok {
                format!("{}[{}]{}", &text[s0..m0], &text[m0..m1], &text[m1..s1])
            } else {
                String::new()
            };
            documents.push(SearchHit {
                doc: a.doc.id.clone(),
                title: a.doc.title.clone(),
                snippet,
            });
        }
    }
    Ok(Found { entities, documents })
}

/// `GET /api/v1/documents/{id}`: the document record with its text, its
/// own mentions (each with its corpus entity), sentences, claims and
/// events; only this document is loaded.
pub fn document(store: &Store, id: &str) -> AppResult<Json> {
    let not_found = || AppError::not_found(format!("no document with id `{id}` in the database"));
    let a = store.load(id)?.ok_or_else(not_found)?;
    let meta = store.document_meta(id)?.ok_or_else(not_found)?;
    let locals = store.recon_locals(id)?;
    let d = &a.doc;
    let mut r = json!({
        "type": "document", "id": d.id, "title": d.title, "source": d.source, "url": d.url,
        "published": d.published.map(|p| p.to_string()), "path": Json::Null,
    });
    if let Some(author) = &d.author {
        r["author"] = json!(author);
    }
    if !d.pages.is_empty() {
        r["pages"] = json!(d.pages);
    }
    r["label"] = json!(crate::pages::doc_label(d));
    r["ingested_at"] = json!(meta.ingested_at);
    r["text_len"] = json!(meta.text_len);
    r["text"] = json!(d.text);
    let mentions: Vec<Json> = a
        .mentions
        .iter()
        .map(|m| {
            let kind = match m.kind {
                dossier_core::MentionKind::Entity => "entity",
                dossier_core::MentionKind::Quantity => "quantity",
                dossier_core::MentionKind::Time => "time",
            };
            let mut j = json!({"span": [m.span.start, m.span.end], "kind": kind, "text": m.span.slice(&d.text)});
            let corpus = m.entity.and_then(|l| locals.as_ref()?.entities.get(l));
            if let Some(e) = corpus {
                j["entity"] = json!(e);
            }
            j
        })
        .collect();
    r["mentions"] = json!(mentions);
    r["sentences"] = json!(a.sentences);
    let claims = store.recon_claims_in(id)?;
    r["claims"] = array(&claims, claim_record);
    let events = store.recon_events_in(id)?;
    r["events"] = array(&events, event_record);
    Ok(r)
}

/// The JSON text of a list answer: `{"total", "limit", "offset", "items"}`.
fn list_answer(total: usize, limit: usize, offset: usize, items: &[Json]) -> String {
    format!(
        "{{\"total\":{total},\"limit\":{limit},\"offset\":{offset},\"items\":{}}}",
        Json::from(items.to_vec())
    )
}

/// A filter value: trimmed, `None` when empty.
fn given(x: &Option<String>) -> Option<String> {
    x.as_deref().map(str::trim).filter(|x| !x.is_empty()).map(String::from)
}

/// The entity id, or the same 404 as the entity API.
fn known_entity(store: &Store, id: Option<String>) -> AppResult<Option<String>> {
    match id {
        Some(id) => match store.recon_entity(&id)? {
            Some(_) => Ok(Some(id)),
            None => Err(no_entity(&id)),
        },
        None => Ok(None),
    }
}

/// The document id, or a 404.
fn known_doc(store: &Store, id: Option<String>) -> AppResult<Option<String>> {
    match id {
        Some(id) if store.contains(&id)? => Ok(Some(id)),
        Some(id) => Err(AppError::not_found(format!("no document with id `{id}` in the database"))),
        None => Ok(None),
    }
}

/// The claims list's filters, checked: unknown entities and documents are
/// 404s, unknown predicates and verdicts 400s.
pub fn claim_filter(store: &Store, f: &ListQuery) -> AppResult<ClaimFilter> {
    let predicate = given(&f.predicate).map(|p| parse_predicate(&p)).transpose()?;
    let verdict = given(&f.verdict).map(|v| parse_verdict(&v)).transpose()?;
    Ok(ClaimFilter {
        subject: known_entity(store, given(&f.subject))?,
        predicate: predicate.map(|p| p.as_str().to_string()),
        verdict: verdict.map(|v| v.as_str().to_string()),
        doc: known_doc(store, given(&f.doc))?,
    })
}

/// `GET /api/v1/claims`: one page of the claims matching the filters, in
/// corpus order.
pub fn claims(store: &Store, f: &ListQuery, limit: usize, offset: usize) -> AppResult<String> {
    let filter = claim_filter(store, f)?;
    let page = store.recon_claims_list(&filter, limit, offset)?;
    let items: Vec<Json> = page.items.iter().map(claim_record).collect();
    Ok(list_answer(page.total, limit, offset, &items))
}

/// The findings list's filters, checked.
pub fn finding_filter(store: &Store, f: &ListQuery) -> AppResult<FindingFilter> {
    let predicate = given(&f.predicate).map(|p| parse_predicate(&p)).transpose()?;
    let verdict = given(&f.verdict).map(|v| parse_verdict(&v)).transpose()?;
    Ok(FindingFilter {
        subject: known_entity(store, given(&f.subject))?,
        predicate: predicate.map(|p| p.as_str().to_string()),
        verdict: verdict.map(|v| v.as_str().to_string()),
    })
}

/// `GET /api/v1/findings`: one page of the findings matching the filters,
/// most disagreement first.
pub fn findings(store: &Store, f: &ListQuery, limit: usize, offset: usize) -> AppResult<String> {
    let filter = finding_filter(store, f)?;
    let page = store.recon_findings_list(&filter, limit, offset)?;
    // The stored records, spliced in as they are.
    let items: Vec<&str> = page.items.iter().map(|f| f.record.as_str()).collect();
    Ok(format!(
        "{{\"total\":{},\"limit\":{limit},\"offset\":{offset},\"items\":[{}]}}",
        page.total,
        items.join(",")
    ))
}

/// The events list's filters, checked (the events page's and the API's):
/// dates as `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a month or year stands for
/// its first day, or for `to` its last), codes upper-cased, a known kind.
pub fn event_filter(store: &Store, f: &ListQuery) -> AppResult<EventFilter> {
    let kind = given(&f.kind);
    if let Some(k) = &kind {
        if !crate::pages::EVENT_KINDS.contains(&k.as_str()) && !store.recon_event_kind_exists(k)? {
            return Err(AppError::bad_request(format!(
                "unknown event kind `{k}`: use one of {}",
                crate::pages::EVENT_KINDS.join(", ")
            )));
        }
    }
    let min_killed = match given(&f.min_killed) {
        Some(t) => Some(t.parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(|| {
            AppError::bad_request(format!("`min_killed={t}` is not a number: use e.g. 10"))
        })?),
        None => None,
    };
    let date = |name: &str, x: &Option<String>, end: bool| -> AppResult<Option<String>> {
        Ok(crate::pages::parse_date(name, x, end)?.map(|d| d.to_string()))
    };
    Ok(EventFilter {
        from: date("from", &f.from, false)?,
        to: date("to", &f.to, true)?,
        country: given(&f.country).map(|c| c.to_ascii_uppercase()),
        admin1: given(&f.admin1).map(|c| c.to_ascii_uppercase()),
        group: known_entity(store, given(&f.group))?,
        entity: known_entity(store, given(&f.entity))?,
        doc: known_doc(store, given(&f.doc))?,
        kind,
        min_killed,
    })
}

/// `GET /api/v1/events`: one page of the events matching the filters,
/// latest first (undated last), then by id.
pub fn events(store: &Store, f: &ListQuery, limit: usize, offset: usize) -> AppResult<String> {
    let filter = event_filter(store, f)?;
    let (page, _) = store.recon_events_list(&filter, limit, offset)?;
    let items: Vec<Json> = page.items.iter().map(event_record).collect();
    Ok(list_answer(page.total, limit, offset, &items))
}

/// The event with this id (`event:…`, or without the prefix), or a 404.
pub fn stored_event(store: &Store, id: &str) -> AppResult<StoredEvent> {
    let full = if id.starts_with("event:") { id.to_string() } else { format!("event:{id}") };
    store.recon_event(&full)?.ok_or_else(|| {
        AppError::not_found(format!(
            "no event with id `{id}`: ids look like `event:7d62909a0bcd`; the events list \
             (/events) links to every event"
        ))
    })
}

/// `GET /api/v1/events/{id}`: the event record with the country and
/// subdivision codes of where it happened.
pub fn event(store: &Store, id: &str) -> AppResult<Json> {
    let ev = stored_event(store, id)?;
    let mut r = event_record(&ev);
    r["country"] = json!(ev.geo.country);
    r["admin1"] = json!(ev.geo.admin1);
    Ok(r)
}

/// A document's list record: the export's `document` record (no path)
/// with its label, ingest time, counts and text length.
pub fn document_record(d: &DocumentEntry) -> Json {
    let m = &d.meta;
    let mut r = json!({
        "type": "document", "id": m.id, "title": m.title, "source": m.source, "url": m.url,
        "published": m.published.map(|p| p.to_string()), "path": Json::Null,
    });
    if let Some(author) = &d.author {
        r["author"] = json!(author);
    }
    if !d.pages.is_empty() {
        r["pages"] = json!(d.pages);
    }
    r["label"] = json!(d.label);
    r["ingested_at"] = json!(m.ingested_at);
    r["claims"] = json!(m.claims);
    r["events"] = json!(m.events);
    r["text_len"] = json!(m.text_len);
    r
}

/// `GET /api/v1/documents`: one page, latest ingested first, or with
/// `relevant` those with claims or events, most about armed groups first.
pub fn documents(store: &Store, relevant: bool, limit: usize, offset: usize) -> AppResult<String> {
    let page = store.documents_page(relevant, limit, offset)?;
    let items: Vec<Json> = page.items.iter().map(document_record).collect();
    Ok(list_answer(page.total, limit, offset, &items))
}
