//! The reconciled view in a self-contained form that a store can keep, and
//! the links that cut a corpus into independent parts.
//!
//! [`StoredResults`] names everything by id (entity ids, document ids,
//! claim ids with their document, byte span and quote), so it is read back
//! without the documents. [`results`] turns a [`Reconciled`] into it.
//!
//! **Components.** Reconciliation never joins two documents that share no
//! *link key* ([`link_keys`]), directly or through other documents: entity
//! merges need a shared catalog id, name key or acronym; entity ids that
//! could collide (and get `-2`) share a slug; events merge only at places
//! that share a name key, a country or (for "one name extends the other")
//! a first letter, or through a shared perpetrator, which is an entity; a
//! finding is about one entity; a manual decision links every document
//! that carries a name or id it gives ([`decision_keys`]). So the
//! reconciliation of a corpus is the union of the reconciliations of its
//! connected components ([`components`]), each run on its documents in
//! store order, and a change re-reconciles only the components it touches.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::{slug, value_text, ManualDecision, MergeEvidence, Reconciled, Verdict};
use crate::lexicon::{Lexicon, LEXICON};
use crate::{Annotated, EntityKind, EventKind, Predicate, Quantity};

/// An entity across the corpus, by id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredEntity {
    /// Stable id.
    pub id: String,
    /// Kind.
    pub kind: EntityKind,
    /// Canonical name (the label).
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Catalog or gazetteer id.
    pub catalog_id: Option<String>,
    /// Why its names were merged, one line each.
    pub evidence: Vec<String>,
    /// The same, with counts and examples.
    pub merges: Vec<MergeEvidence>,
    /// Ids of the documents it appears in, sorted.
    pub docs: Vec<String>,
}

/// A claim cited by a finding: where it is and what it says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredClaim {
    /// `docid:cN`.
    pub id: String,
    /// Document id.
    pub doc: String,
    /// Byte span in the document's text.
    pub span: (u32, u32),
    /// The claim's sentence text at that span.
    pub quote: String,
    /// The document's outlet.
    pub outlet: Option<String>,
    /// Who stands behind it: the attributed source, else the outlet.
    pub attributed_to: String,
    /// The value as shown.
    pub value_text: String,
    /// Its own predicate (a `founded` finding holds `first_active` claims).
    pub predicate: Predicate,
}

/// One independent source behind a finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredCitation {
    /// The source as first written, or the outlet.
    pub source: String,
    /// True when the outlet speaks for itself.
    pub outlet_itself: bool,
    /// The outlets that carry it.
    pub outlets: Vec<String>,
    /// Claim ids it stands behind.
    pub claims: Vec<String>,
}

/// The verdict on one (entity, predicate) group, by id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredFinding {
    /// Subject entity id.
    pub subject: String,
    /// Subject's name.
    pub subject_name: String,
    /// Predicate.
    pub predicate: Predicate,
    /// Verdict.
    pub verdict: Verdict,
    /// One sentence citing the sources.
    pub summary: String,
    /// The interval every same-time figure allows.
    pub consensus: Option<Quantity>,
    /// Distinct sources.
    pub sources: Vec<String>,
    /// The claims, with their documents, spans and quotes.
    pub claims: Vec<StoredClaim>,
    /// The independent sources.
    pub citations: Vec<StoredCitation>,
    /// Disagreeing claim pairs, by claim id.
    pub pairs: Vec<(String, String)>,
    /// Significance, for ordering.
    pub significance: f64,
    /// Number of distinct documents.
    pub reports: usize,
}

/// An event merged across reports, by id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    /// `event:<hash>`.
    pub id: String,
    /// Kind.
    pub kind: EventKind,
    /// Document ids, in report order.
    pub docs: Vec<String>,
    /// Place entity id.
    pub place: Option<String>,
    /// Perpetrator entity ids.
    pub perpetrators: Vec<String>,
    /// The export's `event` record (ARCHITECTURE.md, the export contract).
    pub record: serde_json::Value,
    /// The label (`crate::label::doc_label`) of each of `docs`, same order:
    /// the views name reports by it without loading the documents.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Where it happened, in gazetteer codes, and a point on the map
    /// ([`event_geo`]).
    #[serde(default)]
    pub geo: EventGeo,
    /// The date it happened: the start of the interval all reports allow,
    /// else its end (the list's order and its `to` filter).
    #[serde(default)]
    pub date: Option<chrono::NaiveDate>,
    /// The last day it may have happened: the interval's end, else its
    /// start (the `from` filter).
    #[serde(default)]
    pub last_date: Option<chrono::NaiveDate>,
    /// The lowest credible death toll (ACLED's rule), 0 when none is
    /// reported.
    #[serde(default)]
    pub fatalities: f64,
}

/// Where an event happened: the country and first-level subdivision codes
/// of the first of its places (its own, then each report's, then the
/// gazetteer places its reports' sentences name) that the gazetteer places
/// in a country, and the first of them it locates in that country (else
/// the centre of the subdivision, else of the country).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventGeo {
    /// ISO 3166-1 code ("AF").
    pub country: Option<String>,
    /// ISO 3166-2 code of the first-level subdivision ("AF-KAB").
    pub admin1: Option<String>,
    /// Latitude and longitude.
    pub coords: Option<(f64, f64)>,
    /// The city or town's name: the place itself, or the city a facility
    /// is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// True when the event's place is not itself in the gazetteer and
    /// `city` was found through it (a facility, "Kabul airport"): ACLED's
    /// location is then the city.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub city_of_facility: bool,
}

impl EventGeo {
    /// ACLED's geo-precision: 1 for a city or a facility in one, 2 for a
    /// province, 3 for a country or an unknown place.
    pub fn precision(&self) -> u8 {
        if self.city.is_some() {
            1
        } else if self.admin1.is_some() {
            2
        } else {
            3
        }
    }
}

/// One corpus claim with its export record, so that the views answer
/// "claims about X" and "claims in document D" without the documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredClaimRecord {
    /// `docid:cN`.
    pub id: String,
    /// Document id.
    pub doc: String,
    /// The document's label (`crate::label::doc_label`).
    pub label: String,
    /// Subject entity id.
    pub subject: String,
    /// The value's entity id, when the value is an entity.
    pub value_entity: Option<String>,
    /// The verdict of the finding that holds it.
    pub verdict: Option<Verdict>,
    /// The export's `claim` record (ARCHITECTURE.md, the export contract).
    pub record: serde_json::Value,
    /// The document's publication date: with the document and the claim's
    /// number, the corpus order lists follow.
    #[serde(default)]
    pub published: Option<chrono::NaiveDate>,
    /// For a leader claim, the tenure its words give (`super::tenure`),
    /// which orders leaders in summaries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenure: Option<StoredTenure>,
}

/// A leader claim's tenure (see `super::Tenure`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredTenure {
    /// Whether the claim says the leader is a former one.
    pub former: bool,
    /// The date the text gives, if any.
    pub date: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// The corpus entity of each of a document's local entities, so that a
/// view marks its mentions without reconciling.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredLocals {
    /// Document id.
    pub doc: String,
    /// For each local entity (by index), its corpus entity id.
    pub entities: Vec<String>,
}

/// The reconciled view (or a part of it), self-contained.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredResults {
    /// Entities.
    pub entities: Vec<StoredEntity>,
    /// Findings.
    pub findings: Vec<StoredFinding>,
    /// Events.
    pub events: Vec<StoredEvent>,
    /// Claims, with their export records.
    #[serde(default)]
    pub claims: Vec<StoredClaimRecord>,
    /// Each document's local entities' corpus ids.
    #[serde(default)]
    pub locals: Vec<StoredLocals>,
    /// The manual decisions in force that changed nothing here, with why
    /// (each in the component its names reach; one that reaches no
    /// document is in none).
    #[serde(default)]
    pub unapplied: Vec<StoredUnapplied>,
}

/// A manual decision in force that changed nothing, and why (as
/// [`Reconciled::unapplied`] says it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredUnapplied {
    /// The decision's id.
    pub decision: i64,
    /// Why it changed nothing ("already one entity", "no entity named …").
    pub why: String,
}

impl StoredResults {
    /// Sorts every list by its key (entity id; subject and predicate; event
    /// id), so that two results compare regardless of order.
    pub fn normalize(&mut self) {
        self.entities.sort_by(|a, b| a.id.cmp(&b.id));
        self.findings.sort_by(|a, b| {
            a.subject.cmp(&b.subject).then(a.predicate.as_str().cmp(b.predicate.as_str()))
        });
        self.events.sort_by(|a, b| a.id.cmp(&b.id));
        self.claims.sort_by(|a, b| a.id.cmp(&b.id));
        self.locals.sort_by(|a, b| a.doc.cmp(&b.doc));
        self.unapplied.sort_by_key(|u| u.decision);
    }

    /// Appends another part.
    pub fn extend(&mut self, other: StoredResults) {
        self.entities.extend(other.entities);
        self.findings.extend(other.findings);
        self.events.extend(other.events);
        self.claims.extend(other.claims);
        self.locals.extend(other.locals);
        self.unapplied.extend(other.unapplied);
    }
}

/// The self-contained form of a reconciliation of `docs`.
pub fn results(docs: &[Annotated], rec: &Reconciled) -> StoredResults {
    let entities = rec.entities.iter().map(|e| stored_entity(docs, e)).collect();
    let findings = rec.findings.iter().filter_map(|f| stored_finding(docs, rec, f)).collect();
    let events = rec
        .events
        .iter()
        .filter(|ce| !ce.reports.is_empty())
        .map(|ce| stored_event(docs, rec, ce))
        .collect();
    let verdict = claim_verdicts(rec);
    let claims = (0..rec.claims.len())
        .filter_map(|i| stored_claim(docs, rec, i, verdict.get(i).copied().flatten()))
        .collect();
    let entity_id = |i: usize| rec.entities.get(i).map(|e| e.id.clone()).unwrap_or_default();
    let locals = docs
        .iter()
        .zip(&rec.local)
        .map(|(a, l)| StoredLocals {
            doc: a.doc.id.clone(),
            entities: l.iter().map(|&e| entity_id(e)).collect(),
        })
        .collect();
    // A decision whose names reach no document is in no component: a
    // part never lists it, and neither does the whole.
    let unapplied = if rec.unapplied.is_empty() {
        Vec::new()
    } else {
        let keys: Vec<Vec<String>> = docs.iter().map(link_keys).collect();
        rec.unapplied
            .iter()
            .filter(|(d, _)| {
                let reach = decision_keys(d);
                keys.iter().any(|k| reach.iter().any(|r| k.binary_search(r).is_ok()))
            })
            .map(|(d, why)| StoredUnapplied { decision: d.id, why: why.clone() })
            .collect()
    };
    StoredResults { entities, findings, events, claims, locals, unapplied }
}

/// One corpus entity as the store keeps it.
pub fn stored_entity(docs: &[Annotated], e: &super::CorpusEntity) -> StoredEntity {
    StoredEntity {
        id: e.id.clone(),
        kind: e.kind,
        name: e.name.clone(),
        aliases: e.aliases.clone(),
        catalog_id: e.catalog_id.clone(),
        evidence: e.evidence.clone(),
        merges: e.merges.clone(),
        docs: e
            .members
            .iter()
            .filter_map(|&(d, _)| docs.get(d).map(|a| a.doc.id.clone()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
    }
}

/// One finding as the store keeps it, with its claims' quotes; `None` when
/// its subject is not in the reconciliation.
pub fn stored_finding(
    docs: &[Annotated],
    rec: &Reconciled,
    f: &super::Finding,
) -> Option<StoredFinding> {
    let claim_id = |i: usize| rec.claims.get(i).map(|c| c.id.clone()).unwrap_or_default();
    let subject = rec.entities.get(f.subject)?;
    let claims = f
        .claims
        .iter()
        .filter_map(|&i| {
            let cc = rec.claims.get(i)?;
            let a = docs.get(cc.doc)?;
            let c = a.claims.get(cc.idx)?;
            Some(StoredClaim {
                id: cc.id.clone(),
                doc: a.doc.id.clone(),
                span: (c.span.start, c.span.end),
                quote: a.doc.text.get(c.span.start()..c.span.end()).unwrap_or("").into(),
                outlet: a.doc.source.clone(),
                attributed_to: super::source_of(a, c),
                value_text: value_text(docs, &rec.entities, cc),
                predicate: c.predicate,
            })
        })
        .collect();
    Some(StoredFinding {
        subject: subject.id.clone(),
        subject_name: subject.name.clone(),
        predicate: f.predicate,
        verdict: f.verdict,
        summary: f.summary.clone(),
        consensus: f.consensus,
        sources: f.sources.clone(),
        claims,
        citations: f
            .citations
            .iter()
            .map(|c| StoredCitation {
                source: c.source.clone(),
                outlet_itself: c.outlet_itself,
                outlets: c.outlets.clone(),
                claims: c.claims.iter().map(|&i| claim_id(i)).collect(),
            })
            .collect(),
        pairs: f.pairs.iter().map(|&(a, b)| (claim_id(a), claim_id(b))).collect(),
        significance: f.significance,
        reports: f.reports,
    })
}

/// The verdict of the finding that holds each corpus claim.
pub fn claim_verdicts(rec: &Reconciled) -> Vec<Option<Verdict>> {
    let mut verdict: Vec<Option<Verdict>> = vec![None; rec.claims.len()];
    for f in &rec.findings {
        for &c in &f.claims {
            if let Some(v) = verdict.get_mut(c) {
                *v = Some(f.verdict);
            }
        }
    }
    verdict
}

/// Corpus claim `i` with its export record, as the store keeps it;
/// `verdict` is its finding's ([`claim_verdicts`]).
pub fn stored_claim(
    docs: &[Annotated],
    rec: &Reconciled,
    i: usize,
    verdict: Option<Verdict>,
) -> Option<StoredClaimRecord> {
    let entity_id = |i: usize| rec.entities.get(i).map(|e| e.id.clone()).unwrap_or_default();
    let cc = rec.claims.get(i)?;
    let a = docs.get(cc.doc)?;
    let c = a.claims.get(cc.idx)?;
    Some(StoredClaimRecord {
        id: cc.id.clone(),
        doc: a.doc.id.clone(),
        label: crate::label::doc_label(&a.doc),
        subject: entity_id(cc.subject),
        value_entity: cc.value_entity.map(entity_id),
        verdict,
        record: crate::export::claim_record(docs, rec, cc),
        published: a.doc.published,
        tenure: (c.predicate == Predicate::Leader).then(|| {
            let t = super::tenure(docs, &rec.claims, i);
            StoredTenure { former: t.former, date: t.date }
        }),
    })
}

/// One merged event as the store keeps it: its export record, the labels
/// of its documents, where and when it happened.
pub fn stored_event(docs: &[Annotated], rec: &Reconciled, ce: &super::CorpusEvent) -> StoredEvent {
    let entity_id = |i: usize| rec.entities.get(i).map(|e| e.id.clone()).unwrap_or_default();
    let mut ds: Vec<String> = Vec::new();
    for &(d, _) in &ce.reports {
        if let Some(a) = docs.get(d) {
            if !ds.contains(&a.doc.id) {
                ds.push(a.doc.id.clone());
            }
        }
    }
    let labels = ds
        .iter()
        .map(|id| {
            ce.reports
                .iter()
                .filter_map(|&(d, _)| docs.get(d))
                .find(|a| &a.doc.id == id)
                .map(|a| crate::label::doc_label(&a.doc))
                .unwrap_or_default()
        })
        .collect();
    StoredEvent {
        id: ce.id.clone(),
        kind: ce.kind,
        labels,
        docs: ds,
        place: ce.place.map(entity_id),
        perpetrators: ce.perpetrators.iter().map(|&p| entity_id(p)).collect(),
        record: crate::export::event_record(docs, rec, ce),
        geo: event_geo(docs, rec, ce),
        date: ce.when.as_ref().and_then(|w| w.start.or(w.end)),
        last_date: ce.when.as_ref().and_then(|w| w.end.or(w.start)),
        fatalities: ce.fatalities_lowest.unwrap_or(0.0),
    }
}

/// The country, subdivision and point of an event (see [`EventGeo`] and
/// [`super::geo`]). Reads the mentions of place entities inside the
/// reports' spans: a document loaded without its other mentions gives the
/// same answer.
pub fn event_geo(docs: &[Annotated], rec: &Reconciled, ev: &super::CorpusEvent) -> EventGeo {
    let p = super::geo::event_place(docs, rec, ev);
    EventGeo {
        country: p.country,
        admin1: p.admin1,
        coords: p.coords,
        city: p.city.map(|c| c.name.clone()),
        city_of_facility: p.city_of_facility,
    }
}

/// Whether reconciliation reads a mention: a place entity's inside one of
/// its document's event spans ([`event_geo`]), or any inside a leader
/// claim (its tenure, `super::tenure`, which orders leader summaries). A
/// store loading documents without their mentions keeps these, so that
/// its results equal those of the whole documents.
pub fn read_mention(a: &Annotated, m: &crate::Mention) -> bool {
    let place = m.entity.and_then(|l| a.entities.get(l)).map(|x| x.kind) == Some(EntityKind::Place);
    let in_event = || a.events.iter().any(|e| e.spans.iter().any(|sp| sp.contains(m.span)));
    let in_leader = || {
        a.claims.iter().any(|c| {
            c.predicate == Predicate::Leader
                && m.span.start >= c.span.start
                && m.span.end <= c.span.end
        })
    };
    (place && in_event()) || in_leader()
}

/// A document without what reconciliation does not read: of its mentions
/// only those [`read_mention`] keeps, and no sentences or paragraphs. The
/// store's reconciliation and the CLI's views load documents this way.
pub fn lean(mut a: Annotated) -> Annotated {
    let mentions = std::mem::take(&mut a.mentions);
    a.mentions = mentions.into_iter().filter(|m| read_mention(&a, m)).collect();
    a.sentences = Vec::new();
    a.paragraphs = Vec::new();
    a
}

/// The slug link key: trailing `-<digits>` groups cut off, so that the
/// bases `x`, `x-2` and `x-2-3` (which numbering could make collide) link.
fn slug_key(s: &str) -> Option<String> {
    let mut t = s;
    while let Some((head, tail)) = t.rsplit_once('-') {
        if tail.is_empty() || !tail.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        t = head;
    }
    (!t.is_empty()).then(|| format!("s:{t}"))
}

/// The first character of a key, as a link key for places: "one place name
/// extends the other" compares keys by prefix.
fn first_char(k: &str) -> Option<String> {
    k.chars().next().map(|c| format!("p:{c}"))
}

/// The link keys of one document (see the module documentation): two
/// documents that share none, directly or through others, reconcile
/// independently.
pub fn link_keys(a: &Annotated) -> Vec<String> {
    let lex: &Lexicon = &LEXICON;
    let mut out: BTreeSet<String> = BTreeSet::new();
    let mut places = vec![false; a.entities.len()];
    for ev in &a.events {
        if let Some(x) = ev.place.and_then(|p| places.get_mut(p)) {
            *x = true;
        }
    }
    for (i, le) in a.entities.iter().enumerate() {
        let place = le.kind == EntityKind::Place || places[i];
        let mut names: Vec<&str> = std::iter::once(le.name.as_str())
            .chain(le.aliases.iter().map(String::as_str))
            .collect();
        let mut countries: Vec<String> = Vec::new();
        let mut catalogs: Vec<String> = le.catalog_id.iter().cloned().collect();
        for n in &names {
            catalogs.extend(lex.lookup_key(&lex.key(n)).iter().map(|x| x.id.clone()));
        }
        let mut extra: Vec<&str> = Vec::new();
        for c in &catalogs {
            if let Some(en) = lex.by_id(c) {
                extra.push(en.name.as_str());
                countries.extend(en.country.iter().cloned());
            }
            out.insert(format!("c:{c}"));
            out.extend(slug_key(c.split_once(':').map(|(_, t)| t).unwrap_or(c)));
        }
        names.extend(extra);
        for n in names {
            let k = lex.key(n);
            if !k.is_empty() {
                if place {
                    out.extend(first_char(&k));
                }
                out.insert(format!("n:{k}"));
            }
            if let Some(acr) = super::entities::acronym_key(n) {
                out.insert(format!("a:{acr}"));
            }
            out.extend(slug_key(&slug(n)));
        }
        if place {
            for c in countries {
                out.insert(format!("co:{c}"));
            }
        }
    }
    out.into_iter().collect()
}

/// The link keys a decision reaches: every document that carries one of
/// them is linked to the others by the key `d:<id>`.
pub fn decision_keys(d: &ManualDecision) -> Vec<String> {
    let lex: &Lexicon = &LEXICON;
    let mut out: BTreeSet<String> = BTreeSet::new();
    for x in [&d.a, &d.b] {
        let k = lex.key(x);
        if !k.is_empty() {
            out.insert(format!("n:{k}"));
            for en in lex.lookup_key(&k) {
                out.insert(format!("c:{}", en.id));
            }
        }
        out.insert(format!("c:{x}"));
        // An entity id, `kind:slug` or `kind:slug-2`.
        let tail = x.split_once(':').map(|(_, t)| t).unwrap_or(x);
        for t in [tail, tail.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end_matches('-')] {
            let s = slug(t);
            if !s.is_empty() {
                out.insert(format!("s:{s}"));
            }
        }
        let s = slug(x);
        if !s.is_empty() {
            out.insert(format!("s:{s}"));
        }
    }
    out.into_iter().collect()
}

/// A document's link keys with the decisions that reach it (`d:<id>`).
pub fn keys_with_decisions(a: &Annotated, decisions: &[ManualDecision]) -> Vec<String> {
    let mut keys = link_keys(a);
    add_decision_keys(&mut keys, decisions);
    keys
}

/// Adds `d:<id>` for every decision that reaches one of `keys` (sorted).
pub fn add_decision_keys(keys: &mut Vec<String>, decisions: &[ManualDecision]) {
    let mut add = Vec::new();
    for d in decisions {
        if decision_keys(d).iter().any(|k| keys.binary_search(k).is_ok()) {
            add.push(format!("d:{}", d.id));
        }
    }
    keys.extend(add);
    keys.sort();
    keys.dedup();
}

/// The connected components of documents linked by shared keys: for each
/// document (in the order given), the index of its component's first
/// document.
pub fn components(keys: &[Vec<String>]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, ks) in keys.iter().enumerate() {
        for k in ks {
            match first.get(k.as_str()) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        // The smaller index stays the root.
                        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                        parent[hi] = lo;
                    }
                }
                None => {
                    first.insert(k, i);
                }
            }
        }
    }
    (0..keys.len()).map(|i| find(&mut parent, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(list: &[&[&str]]) -> Vec<Vec<String>> {
        list.iter().map(|ks| ks.iter().map(|k| k.to_string()).collect()).collect()
    }

    #[test]
    fn components_join_documents_through_shared_keys() {
        // 0-2 share "x" and "y" through 1; 3 stands alone; 4 joins 3.
        let ks = keys(&[&["x"], &["x", "y"], &["y"], &["z"], &["w", "z"], &[]]);
        assert_eq!(components(&ks), vec![0, 0, 0, 3, 3, 5]);
    }

    #[test]
    fn a_decision_links_the_documents_that_carry_its_names() {
        let d = ManualDecision {
            id: 7,
            kind: super::super::ManualKind::Merge,
            a: "Alpha Front".into(),
            b: "group:beta-brigade".into(),
        };
        let dk = decision_keys(&d);
        assert!(dk.iter().any(|k| k == "s:beta-brigade"), "{dk:?}");
        assert_eq!(slug_key("x-2-13"), Some("s:x".to_string()));
        assert_eq!(slug_key("x-v2"), Some("s:x-v2".to_string()));
        let mut ks = vec![dk[0].clone()];
        add_decision_keys(&mut ks, std::slice::from_ref(&d));
        assert!(ks.contains(&"d:7".to_string()), "{ks:?}");
        let mut none = vec!["n:gamma".to_string()];
        add_decision_keys(&mut none, &[d]);
        assert_eq!(none, vec!["n:gamma".to_string()]);
    }

    #[test]
    fn stored_results_are_self_contained_and_match_the_reconciliation() {
        let a = crate::annotate(crate::Document {
            id: "00000000000000a1".into(),
            source: Some("Alpha".into()),
            published: chrono::NaiveDate::from_ymd_opt(2021, 8, 28),
            text: "ISKP was founded in January 2015, a UN report said. ISKP was founded in \
                   2014, officials said."
                .into(),
            ..crate::Document::default()
        });
        let docs = vec![a];
        let rec = super::super::reconcile(&docs);
        let r = results(&docs, &rec);
        assert_eq!(r.entities.len(), rec.entities.len());
        assert_eq!(r.findings.len(), rec.findings.len());
        let json = serde_json::to_string(&r).unwrap();
        let back: StoredResults = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        for f in &r.findings {
            for c in &f.claims {
                assert_eq!(
                    docs[0].doc.text.get(c.span.0 as usize..c.span.1 as usize),
                    Some(c.quote.as_str())
                );
            }
        }
        assert!(link_keys(&docs[0]).iter().any(|k| k.starts_with("n:")));
    }

    #[test]
    fn numbered_ids_never_collide_with_a_name_that_ends_in_a_number() {
        let doc = |id: &str, name: &str| crate::Annotated {
            doc: crate::Document {
                id: id.into(),
                text: format!("{name} spoke."),
                ..crate::Document::default()
            },
            entities: vec![crate::LocalEntity {
                kind: EntityKind::Person,
                name: name.into(),
                aliases: Vec::new(),
                catalog_id: None,
                evidence: Vec::new(),
            }],
            ..crate::Annotated::default()
        };
        // One-word person names do not merge across documents.
        let docs = vec![doc("a1", "Khan"), doc("b2", "Khan"), doc("c3", "Khan 2")];
        let rec = super::super::reconcile(&docs);
        let mut ids: Vec<&str> = rec.entities.iter().map(|e| e.id.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(ids, vec!["person:khan", "person:khan-2", "person:khan-3"]);
        // And they are one component, so that the numbering is the same
        // whatever else is reconciled.
        let keys: Vec<Vec<String>> = docs.iter().map(link_keys).collect();
        assert_eq!(components(&keys), vec![0, 0, 0]);
    }
}
