//! What the command-line views read: the stored reconciliation, brought
//! up to date first (as `dossier serve` does), never the whole corpus
//! reconciled in memory. A view of one entity reads that entity's rows;
//! the entity table and the conflicts of the whole store read the lists'
//! rows.

use anyhow::{Context, Result};
use dossier_core::export::report::EntityDossier;
use dossier_core::lexicon::LEXICON;
use dossier_core::reconcile::{StoredClaimRecord, StoredEntity, StoredEvent, StoredFinding};
use dossier_core::{EntityKind, Predicate, Verdict};
use dossier_store::{EventFilter, FindingFilter, Location, Store};
use serde_json::Value as Json;

use crate::render::{Dispute, Disputes, EntityRow};

/// Rows read per query of a list.
const PAGE: usize = 500;

/// Entities read for a name: those carrying it come first in the list.
const NAMED: usize = 100;

/// The store at `db`, its reconciliation brought up to date: the
/// documents added or removed since it was last written are reconciled
/// (only the components they touch; the first time, all of them).
pub fn open(db: &Location) -> Result<Store> {
    let mut store = crate::commands::open_existing(db)?;
    store
        .reconcile_stored(false)
        .with_context(|| format!("bringing the stored reconciliation of {db} up to date failed"))?;
    Ok(store)
}

/// The stored entity `name` names: its id, else the one entity that
/// carries it as its name or an alias, else the best match (a name the
/// entity carries, then its catalog entry; groups first, then the most
/// documents). Two entities carrying the name itself are ambiguous: the
/// error lists their ids.
pub fn find(store: &Store, name: &str) -> Result<StoredEntity> {
    if let Some(e) = store.recon_entity(name)? {
        return Ok(e.entity()?);
    }
    let lex = &LEXICON;
    let k = lex.key(name);
    let mut found: Vec<(StoredEntity, usize)> = Vec::new();
    if !k.is_empty() {
        // The list puts names equal to it (or with its spelling key) first:
        // its first page holds every entity that carries it, without
        // decoding each entity whose name merely contains the word.
        let (_, named) = store.recon_entities(name, None, NAMED, 0)?;
        for e in named {
            let n = e.doc_count;
            found.push((e.entity()?, n));
        }
        // A catalog entry's entity, by its id, whatever name it goes by.
        for entry in lex.lookup_key(&k) {
            if !found.iter().any(|(e, _)| e.id == entry.id) {
                if let Some(e) = store.recon_entity(&entry.id)? {
                    let n = e.doc_count;
                    found.push((e.entity()?, n));
                }
            }
        }
    }
    let carries =
        |e: &StoredEntity| lex.key(&e.name) == k || e.aliases.iter().any(|a| lex.key(a) == k);
    let candidates: Vec<&(StoredEntity, usize)> =
        found.iter().filter(|(e, _)| carries(e)).collect();
    if candidates.len() > 1 {
        let list: Vec<String> = candidates
            .iter()
            .map(|(e, n)| format!("  {}  {} ({}, {n} documents)", e.id, e.name, e.kind.as_str()))
            .collect();
        anyhow::bail!(
            "`{name}` names {} entities; pass one of these ids instead:\n{}",
            candidates.len(),
            list.join("\n")
        );
    }
    let cat: Vec<&str> = lex.lookup_key(&k).iter().map(|x| x.id.as_str()).collect();
    let best = found
        .into_iter()
        .filter(|(e, _)| carries(e) || e.catalog_id.as_deref().is_some_and(|c| cat.contains(&c)))
        .max_by_key(|(e, n)| {
            let exact = u8::from(lex.key(&e.name) == k) + u8::from(carries(e));
            (exact, u8::from(e.kind == EntityKind::Group), *n, std::cmp::Reverse(e.id.clone()))
        });
    if let Some((e, _)) = best {
        return Ok(e);
    }
    let mut msg = format!("no entity named `{name}` in the database");
    let groups: Vec<String> = store
        .recon_entities_page("", Some("group"), 8, 0)?
        .into_iter()
        .filter_map(|e| e.entity().ok().map(|e| e.name))
        .collect();
    if !groups.is_empty() {
        msg.push_str(&format!("; groups include: {}", groups.join(", ")));
    }
    msg.push_str(" (see `dossier entities`)");
    anyhow::bail!(msg)
}

/// Every stored entity (of `kind`, when given) with its counts.
pub fn entity_rows(store: &Store, kind: Option<&str>) -> Result<Vec<EntityRow>> {
    if let Some(k) = kind {
        if !["group", "organization", "person", "place", "nationality", "other"].contains(&k) {
            anyhow::bail!(
                "unknown kind `{k}`: use group, organization, person, place, nationality or other"
            );
        }
    }
    let mut rows = Vec::new();
    loop {
        let page = store.recon_entities_page("", kind, PAGE, rows.len())?;
        let n = page.len();
        for e in page {
            rows.push(EntityRow { docs: e.doc_count, claims: e.claims, entity: e.entity()? });
        }
        if n < PAGE {
            return Ok(rows);
        }
    }
}

/// The whole dossier of entity `id`: every event and document.
pub fn dossier(store: &Store, id: &str) -> Result<EntityDossier> {
    store.entity_dossier(id, usize::MAX)?.with_context(|| format!("no entity with id `{id}`"))
}

fn dispute(f: &StoredFinding) -> Dispute {
    Dispute {
        subject: f.subject.clone(),
        subject_name: f.subject_name.clone(),
        predicate: f.predicate,
        verdict: f.verdict,
        summary: f.summary.clone(),
        sources: f.sources.clone(),
        citations: f.citations.len(),
        claims: f.claims.len(),
        pairs: f.pairs.clone(),
        significance: f.significance,
    }
}

/// A finding from its list record (`dossier_store::finding_record`).
fn dispute_of_record(r: &Json) -> Option<Dispute> {
    let s = |k: &str| r.get(k).and_then(Json::as_str);
    let list = |k: &str| r.get(k).and_then(Json::as_array).map(Vec::as_slice).unwrap_or_default();
    Some(Dispute {
        subject: s("subject")?.to_string(),
        subject_name: s("subject_name")?.to_string(),
        predicate: Predicate::parse(s("predicate")?)?,
        verdict: serde_json::from_value::<Verdict>(r.get("verdict")?.clone()).ok()?,
        summary: s("summary").unwrap_or_default().to_string(),
        sources: list("sources").iter().filter_map(Json::as_str).map(str::to_string).collect(),
        citations: list("citations").len(),
        claims: list("claims").len(),
        pairs: list("pairs")
            .iter()
            .filter_map(|p| {
                Some((p.get(0)?.as_str()?.to_string(), p.get(1)?.as_str()?.to_string()))
            })
            .collect(),
        significance: r.get("significance").and_then(Json::as_f64).unwrap_or(0.0),
    })
}

/// Every finding of `verdict`, from the list's rows.
fn findings_of_verdict(store: &Store, verdict: Verdict) -> Result<Vec<Dispute>> {
    let filter =
        FindingFilter { verdict: Some(verdict.as_str().to_string()), ..Default::default() };
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.recon_findings_list(&filter, PAGE, offset)?;
        offset += page.items.len();
        for f in &page.items {
            let r: Json = serde_json::from_str(&f.record)
                .with_context(|| format!("a stored finding about {} is not JSON", f.subject))?;
            out.extend(dispute_of_record(&r));
        }
        if page.items.len() < PAGE {
            return Ok(out);
        }
    }
}

/// Whether an event's reports give casualty figures that disagree.
fn casualties_conflict(ev: &StoredEvent) -> bool {
    ev.record.get("casualties_compatible").and_then(Json::as_bool) == Some(false)
}

/// What `dossier conflicts` shows: about `entity`, or the whole store.
pub fn disputes(store: &Store, entity: Option<&StoredEntity>, changes: bool) -> Result<Disputes> {
    let shown = |f: &Dispute| {
        f.verdict == Verdict::Conflict || (changes && f.verdict == Verdict::ChangedOverTime)
    };
    let consistent =
        |f: &Dispute| matches!(f.verdict, Verdict::Compatible | Verdict::Agree) && f.citations > 1;
    let mut d = Disputes { scope: entity.map(|e| e.name.clone()), ..Default::default() };
    let mut events: Vec<StoredEvent> = Vec::new();
    match entity {
        Some(e) => {
            let all: Vec<Dispute> = store.recon_findings_of(&e.id)?.iter().map(dispute).collect();
            d.checked = all.len();
            for f in all {
                if shown(&f) {
                    d.disputed.push(f);
                } else if consistent(&f) {
                    d.consistent.push(f);
                }
            }
            let filter = EventFilter { entity: Some(e.id.clone()), ..Default::default() };
            events = store.recon_events_list(&filter, usize::MAX, 0)?.0.items;
            events.retain(casualties_conflict);
        }
        None => {
            d.checked = store.recon_counts()?.findings;
            let mut verdicts = vec![Verdict::Conflict];
            if changes {
                verdicts.push(Verdict::ChangedOverTime);
            }
            for v in verdicts {
                d.disputed.extend(findings_of_verdict(store, v)?.into_iter().filter(shown));
            }
            for v in [Verdict::Compatible, Verdict::Agree] {
                d.consistent.extend(findings_of_verdict(store, v)?.into_iter().filter(consistent));
            }
            // Every event, a page at a time, for those whose figures disagree.
            let mut after = None;
            loop {
                let page =
                    store.recon_events_after(&EventFilter::default(), after.as_ref(), PAGE)?;
                let n = page.len();
                for (key, ev) in page {
                    after = Some(key);
                    if casualties_conflict(&ev) {
                        events.push(ev);
                    }
                }
                if n < PAGE {
                    break;
                }
            }
        }
    }
    d.disputed.sort_by(Dispute::disputed_order);
    d.consistent.sort_by(Dispute::consistent_order);
    d.consistent_total = d.consistent.len();
    d.consistent.truncate(crate::render::CONSISTENT_SHOWN);
    let ids: Vec<String> = d
        .disputed
        .iter()
        .flat_map(|f| f.pairs.iter().flat_map(|(a, b)| [a.clone(), b.clone()]))
        .collect();
    d.claims = store.recon_claims_by_id(&ids)?;
    d.cited = store.cited(&events)?;
    d.events = events;
    Ok(d)
}

/// Calls `f` on every record a cursor of the stored lists gives, [`PAGE`]
/// at a time: `page` reads the records after a key.
fn each_after<T>(
    mut page: impl FnMut(Option<&(String, String)>) -> Result<Vec<dossier_store::Keyed<T>>>,
    mut f: impl FnMut(&T) -> Result<()>,
) -> Result<()> {
    let mut after = None;
    loop {
        let rows = page(after.as_ref())?;
        for (key, r) in &rows {
            f(r)?;
            after = Some(key.clone());
        }
        if rows.len() < PAGE {
            return Ok(());
        }
    }
}

/// Calls `f` on every stored entity's row, by id, [`PAGE`] at a time
/// (the entity table's key cursor).
fn each_entity_entry(
    store: &Store,
    mut f: impl FnMut(&dossier_store::EntityEntry) -> Result<()>,
) -> Result<()> {
    let mut after: Option<String> = None;
    loop {
        let page = store.recon_entities_after(after.as_deref(), PAGE)?;
        for e in &page {
            f(e)?;
        }
        match page.last() {
            Some(e) if page.len() == PAGE => after = Some(e.id.clone()),
            _ => return Ok(()),
        }
    }
}

/// Writes every stored event as an ACLED row (`dossier export --format
/// acled`), latest first, a page at a time: each page reads its events'
/// perpetrators' names and its reports' texts (the notes quote them).
pub fn write_acled(store: &Store, w: &mut dyn std::io::Write) -> Result<usize> {
    use dossier_core::export::acled::ACLED_COLUMNS;
    let mut out = csv::Writer::from_writer(w);
    out.write_record(ACLED_COLUMNS)?;
    let mut after = None;
    let mut n = 0;
    loop {
        let page = store.recon_events_after(&EventFilter::default(), after.as_ref(), PAGE)?;
        let events: Vec<StoredEvent> = page
            .into_iter()
            .map(|(key, ev)| {
                after = Some(key);
                ev
            })
            .collect();
        for row in store.acled_rows(&events)? {
            out.write_record(row)?;
        }
        n += events.len();
        if events.len() < PAGE {
            out.flush()?;
            return Ok(n);
        }
    }
}

/// The stored reconciliation as the exports' records
/// (`dossier_core::export::source::Records`), each list read by its cursor
/// a page at a time.
pub struct StoredRecords<'a>(pub &'a Store);

/// An error of the store or of a writer as an I/O error; a writer's I/O
/// error keeps its kind (a closed pipe must stay a closed pipe, which
/// `main` ends quietly).
fn io_err(e: impl Into<anyhow::Error>) -> std::io::Error {
    match e.into().downcast::<std::io::Error>() {
        Ok(io) => io,
        Err(e) => std::io::Error::other(e.to_string()),
    }
}

impl dossier_core::export::source::Records for StoredRecords<'_> {
    fn each_entity(
        &self,
        f: &mut dyn FnMut(&StoredEntity) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        each_entity_entry(self.0, |e| Ok(f(&e.entity()?)?)).map_err(io_err)
    }

    fn each_claim(
        &self,
        f: &mut dyn FnMut(&StoredClaimRecord) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        each_after(
            |after| Ok(self.0.recon_claims_after(&Default::default(), after, PAGE)?),
            |c| Ok(f(c)?),
        )
        .map_err(io_err)
    }

    fn each_event(
        &self,
        f: &mut dyn FnMut(&StoredEvent) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        each_after(
            |after| Ok(self.0.recon_events_after(&EventFilter::default(), after, PAGE)?),
            |ev| Ok(f(ev)?),
        )
        .map_err(io_err)
    }

    fn url(&self, doc: &str) -> std::io::Result<Option<String>> {
        Ok(self.0.document_meta(doc).map_err(io_err)?.and_then(|m| m.url))
    }
}

/// Writes the whole store as JSON Lines (`dossier export --format jsonl`,
/// the export contract) from the stored reconciliation: documents, entities,
/// mentions, claims, events, findings, each kind a page at a time, so that
/// memory grows with neither the corpus nor the export (but for one
/// id -> kind entry per entity, which mentions carry). The records are the
/// in-memory export's; only their order within a kind may differ:
/// documents in the store's order, entities by id, claims in corpus order,
/// events latest first, findings by subject and predicate. Every list is
/// read by a cursor (a key range per page, never an `OFFSET`).
pub fn write_jsonl(store: &Store, with_text: bool, w: &mut dyn std::io::Write) -> Result<usize> {
    use dossier_core::export::{document_record, mention_record};
    let mut n = 0usize;
    let mut line = |w: &mut dyn std::io::Write, r: &Json| -> Result<()> {
        serde_json::to_writer(&mut *w, r)?;
        w.write_all(b"\n")?;
        n += 1;
        Ok(())
    };
    store.for_each_annotated(|a| line(w, &document_record(&a.doc, with_text)))?;
    let mut kinds: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    each_entity_entry(store, |e| {
        let mut r: Json = serde_json::from_str(&e.json)
            .with_context(|| format!("the stored entity {} is not JSON", e.id))?;
        let kind = r.get("kind").and_then(Json::as_str).unwrap_or_default();
        kinds.insert(e.id.clone(), kind.to_string());
        r["type"] = Json::from("entity");
        line(w, &r)
    })?;
    store.for_each_annotated(|a| {
        let locals = store.recon_locals(&a.doc.id)?;
        for m in &a.mentions {
            let id = m.entity.and_then(|l| locals.as_ref()?.entities.get(l));
            let entity = id.map(|id| (id.as_str(), kinds.get(id).map_or("", String::as_str)));
            line(w, &mention_record(&a, m, entity))?;
        }
        Ok::<(), anyhow::Error>(())
    })?;
    each_after(
        |after| Ok(store.recon_claims_after(&Default::default(), after, PAGE)?),
        |c| line(w, &c.record),
    )?;
    each_after(
        |after| Ok(store.recon_events_after(&EventFilter::default(), after, PAGE)?),
        |ev| line(w, &ev.record),
    )?;
    each_after(|after| Ok(store.recon_findings_after(after, PAGE)?), |f| line(w, f))?;
    w.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::ViewFormat;
    use crate::render;
    use dossier_core::reconcile::{stored, Reconciled};
    use dossier_core::{Annotated, Budget};

    const FORMATS: [ViewFormat; 3] = [ViewFormat::Table, ViewFormat::Markdown, ViewFormat::Json];

    /// The example corpus stored and reconciled in the store, and the same
    /// documents reconciled in memory (the whole-corpus view).
    fn example() -> (tempfile::TempDir, Store, Vec<Annotated>, Reconciled) {
        let dir = tempfile::tempdir().unwrap();
        let articles = dir.path().join("articles");
        std::fs::create_dir_all(&articles).unwrap();
        crate::commands::EXAMPLES.extract(&articles).unwrap();
        let mut store = Store::open(&dir.path().join("views.db")).unwrap();
        let overrides = dossier_ingest::Overrides::default();
        crate::commands::ingest(&mut store, &[articles], &overrides, &Budget::UNLIMITED, true)
            .unwrap();
        store.reconcile_stored(false).unwrap();
        let docs = store.load_all().unwrap();
        let rec = dossier_core::reconcile(&docs);
        (dir, store, docs, rec)
    }

    /// What `conflicts` shows, from the whole-corpus view's results.
    fn disputes_of_view(
        docs: &[Annotated],
        rec: &Reconciled,
        entity: Option<usize>,
        changes: bool,
    ) -> Disputes {
        let results = stored::results(docs, rec);
        let id = entity.map(|e| rec.entities[e].id.clone());
        let mut d =
            Disputes { scope: entity.map(|e| rec.entities[e].name.clone()), ..Default::default() };
        for f in results.findings.iter().filter(|f| id.as_ref().is_none_or(|id| &f.subject == id)) {
            d.checked += 1;
            let f = dispute(f);
            if f.verdict == Verdict::Conflict || (changes && f.verdict == Verdict::ChangedOverTime)
            {
                d.disputed.push(f);
            } else if matches!(f.verdict, Verdict::Compatible | Verdict::Agree) && f.citations > 1 {
                d.consistent.push(f);
            }
        }
        d.disputed.sort_by(Dispute::disputed_order);
        d.consistent.sort_by(Dispute::consistent_order);
        d.consistent_total = d.consistent.len();
        d.consistent.truncate(crate::render::CONSISTENT_SHOWN);
        d.claims = results.claims;
        let mut events: Vec<StoredEvent> = results
            .events
            .into_iter()
            .filter(|e| {
                casualties_conflict(e)
                    && id.as_ref().is_none_or(|id| {
                        e.perpetrators.contains(id) || e.place.as_ref() == Some(id)
                    })
            })
            .collect();
        events.sort_by(|a, b| {
            b.date.is_some().cmp(&a.date.is_some()).then(b.date.cmp(&a.date)).then(a.id.cmp(&b.id))
        });
        d.cited = dossier_core::export::report::Cited::of_view(docs, rec, &events);
        d.events = events;
        d
    }

    #[test]
    fn the_views_read_from_the_store_equal_the_whole_corpus_views() {
        let (_dir, store, docs, rec) = example();
        assert!(rec.entities.len() > 100, "the example corpus has its entities");
        let mut events_shown = 0;
        for (e, ent) in rec.entities.iter().enumerate() {
            let from_store = dossier(&store, &ent.id).unwrap();
            let from_view = EntityDossier::of_view(&docs, &rec, e);
            events_shown += from_store.events.len();
            for f in FORMATS {
                assert_eq!(
                    render::profile(&from_store, f, false).unwrap(),
                    render::profile(&from_view, f, false).unwrap(),
                    "the profile of {}",
                    ent.id
                );
                assert_eq!(
                    render::timeline(&from_store, f, false).unwrap(),
                    render::timeline(&from_view, f, false).unwrap(),
                    "the timeline of {}",
                    ent.id
                );
            }
            // Sources: every claim about it, in corpus order.
            let results = stored::results(&docs, &rec);
            let about: Vec<_> =
                results.claims.iter().filter(|c| c.subject == ent.id).cloned().collect();
            let findings: Vec<_> =
                results.findings.iter().filter(|f| f.subject == ent.id).cloned().collect();
            let stored_entity = find(&store, &ent.id).unwrap();
            assert_eq!(stored_entity.id, ent.id);
            assert_eq!(
                render::sources(
                    &stored_entity,
                    &store.recon_claims_about_in_order(&ent.id).unwrap(),
                    &store.recon_findings_of(&ent.id).unwrap(),
                    ViewFormat::Json,
                    false
                )
                .unwrap(),
                render::sources(&stored_entity, &about, &findings, ViewFormat::Json, false)
                    .unwrap(),
                "the sources of {}",
                ent.id
            );
            if ent.kind == EntityKind::Group {
                for changes in [false, true] {
                    let a = disputes(&store, Some(&stored_entity), changes).unwrap();
                    let b = disputes_of_view(&docs, &rec, Some(e), changes);
                    for f in FORMATS {
                        assert_eq!(
                            render::conflicts(&a, changes, f, false).unwrap(),
                            render::conflicts(&b, changes, f, false).unwrap(),
                            "the conflicts about {}",
                            ent.id
                        );
                    }
                }
            }
        }
        assert!(events_shown > 20, "the profiles show events ({events_shown})");
        for changes in [false, true] {
            let a = disputes(&store, None, changes).unwrap();
            let b = disputes_of_view(&docs, &rec, None, changes);
            assert!(!a.disputed.is_empty() && !a.consistent.is_empty());
            for f in FORMATS {
                assert_eq!(
                    render::conflicts(&a, changes, f, false).unwrap(),
                    render::conflicts(&b, changes, f, false).unwrap()
                );
            }
        }
        let rows = entity_rows(&store, None).unwrap();
        assert_eq!(rows.len(), rec.entities.len());
        assert_eq!(
            entity_rows(&store, Some("group")).unwrap().len(),
            rows.iter().filter(|r| r.entity.kind == EntityKind::Group).count()
        );
        assert!(entity_rows(&store, Some("gang")).is_err());
    }

    #[test]
    fn the_acled_rows_from_the_store_are_the_whole_corpus_rows_latest_first() {
        let (_dir, store, docs, rec) = example();
        let rows = |bytes: &[u8]| -> Vec<Vec<String>> {
            csv::Reader::from_reader(bytes)
                .records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect())
                .collect()
        };
        let mut from_store = Vec::new();
        let n = write_acled(&store, &mut from_store).unwrap();
        let mut from_view = Vec::new();
        dossier_core::export::acled::write_acled(&docs, &rec, &mut from_view).unwrap();
        let (a, mut b) = (rows(&from_store), rows(&from_view));
        assert_eq!(n, rec.events.len());
        assert_eq!(a.len(), n);
        // Latest first by the day an event started (a row's `event_date` is
        // the middle of its span: a year's is in July).
        let stored = store.recon_events_after(&EventFilter::default(), None, n + 1).unwrap();
        let dates: Vec<_> = stored.iter().filter_map(|(_, e)| e.date).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "latest first: {dates:?}");
        let middle: Vec<&str> = a.iter().map(|r| r[0].as_str()).filter(|d| !d.is_empty()).collect();
        assert_eq!(middle.len(), dates.len());
        let mut a = a;
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }

    #[test]
    fn a_name_finds_the_entity_the_whole_corpus_view_finds() {
        let (_dir, store, _docs, rec) = example();
        let mut names = 0;
        for ent in &rec.entities {
            for n in std::iter::once(&ent.name).chain(&ent.aliases) {
                names += 1;
                let found = find(&store, n);
                if rec.candidates(n).len() > 1 {
                    let err = found.unwrap_err().to_string();
                    assert!(err.contains("entities; pass one of these ids"), "{n}: {err}");
                } else {
                    let want = &rec.entities[rec.find(n).unwrap()].id;
                    assert_eq!(&found.unwrap().id, want, "the entity named {n}");
                }
            }
        }
        assert!(names > 200);
        let err = find(&store, "No Such Group At All").unwrap_err().to_string();
        assert!(err.starts_with("no entity named `No Such Group At All`"), "{err}");
        assert!(err.contains("groups include: "), "{err}");
    }

    #[test]
    fn the_jsonl_export_from_the_store_has_the_whole_corpus_views_records() {
        let (_dir, store, docs, rec) = example();
        for with_text in [false, true] {
            let mut out = Vec::new();
            let n = write_jsonl(&store, with_text, &mut out).unwrap();
            let mut stored: Vec<String> = String::from_utf8(out)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str::<Json>(l).unwrap().to_string())
                .collect();
            let opts = dossier_core::export::ExportOptions { with_text, skip_mentions: false };
            let mut view: Vec<String> = dossier_core::export::records(&docs, &rec, opts)
                .iter()
                .map(Json::to_string)
                .collect();
            assert_eq!(n, stored.len());
            // Every kind is there, in the contract's order of kinds.
            let kinds: Vec<String> = stored
                .iter()
                .map(|l| serde_json::from_str::<Json>(l).unwrap()["type"].to_string())
                .collect();
            let mut order = kinds.clone();
            order.dedup();
            let want = ["document", "entity", "mention", "claim", "event", "finding"];
            assert_eq!(order, want.map(|k| format!("\"{k}\"")));
            stored.sort();
            view.sort();
            assert_eq!(stored, view);
        }
    }

    /// The lines of an export, sorted: the writers read the lists in their
    /// stored order, the whole-corpus view in its own.
    fn sorted_lines(out: Vec<u8>) -> Vec<String> {
        let mut lines: Vec<String> =
            String::from_utf8(out).unwrap().lines().map(str::to_string).collect();
        lines.sort();
        lines
    }

    #[test]
    fn the_csv_ftm_and_graphml_exports_from_the_store_are_the_whole_corpus_views() {
        use dossier_core::export::{ftm, graphml, source::InMemory, source::Records, tables};
        use std::io::Write;
        let (_dir, store, docs, rec) = example();
        let memory = InMemory::new(&docs, &rec);
        let stored = StoredRecords(&store);
        type Writer = fn(&dyn Records, &mut Vec<u8>) -> std::io::Result<()>;
        let writers: [(&str, Writer); 4] = [
            ("claims.csv", |s, w| tables::write_claims(s, w)),
            ("events.csv", |s, w| tables::write_events(s, w)),
            ("ftm", |s, w| {
                ftm::write_ftm(s, &mut |r| {
                    serde_json::to_writer(&mut *w, &r)?;
                    w.write_all(b"\n")
                })
            }),
            ("graphml", |s, w| graphml::write_graphml_of(s, w)),
        ];
        for (name, write) in writers {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            write(&stored, &mut a).unwrap();
            write(&memory, &mut b).unwrap();
            let (a, b) = (sorted_lines(a), sorted_lines(b));
            assert!(a.len() > 20, "{name} has its rows ({})", a.len());
            assert_eq!(a, b, "{name}");
        }
        // One row per claim and per event, under the header.
        let mut claims = Vec::new();
        tables::write_claims(&stored, &mut claims).unwrap();
        let n = csv::Reader::from_reader(claims.as_slice()).records().count();
        assert_eq!(n, rec.claims.len());
        let mut events = Vec::new();
        tables::write_events(&stored, &mut events).unwrap();
        let n = csv::Reader::from_reader(events.as_slice()).records().count();
        assert_eq!(n, rec.events.len());
    }
}
