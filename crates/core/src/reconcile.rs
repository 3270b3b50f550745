//! Reconciliation: many annotated documents -> one corpus view.
//!
//! Reconciliation is a pure function of the stored annotations and the
//! manual decisions: [`reconcile_with`] recomputes the whole view, in three
//! stages, each in its own module and each close to linear in the corpus
//! size (a store of 100,000 documents reconciles in seconds; see
//! `dossier bench --reconcile`).
//!
//! - **Entities** (`entities`) merge across documents on alias evidence: the
//!   same catalog entry, or a shared name key (exact alias after spelling
//!   normalization, which covers transliteration variants such as
//!   Khorasan/Khurasan and al-Muhajir/al Muhajir) with a compatible kind. Two
//!   different catalog entries never merge. Each merge records its evidence
//!   ([`MergeEvidence`]). Manual decisions ([`ManualDecision`]: `dossier
//!   merge A B`, `dossier split ID NAME`) are applied after the automatic
//!   merges, in the order they were made.
//! - **Claims** (`findings`) group by (entity, predicate); each group gets a
//!   [`Verdict`], the claim pairs behind it, a consensus interval where one
//!   exists and a one-sentence summary citing its sources. Sources count
//!   once: outlets quoting the same report are one [`SourceCitation`].
//! - **Events** (`events`) merge when kind, place and date window fit (see
//!   [`EVENT_WINDOW_DAYS`]); casualty figures are compared as intervals.

mod entities;
pub(crate) mod events;
mod findings;
pub mod geo;
pub mod stored;
mod tenure;

use serde::{Deserialize, Serialize};

use crate::lexicon::{Lexicon, LEXICON};
use crate::{
    Actor, Annotated, Claim, EntityKind, EventKind, Predicate, Quantity, TimeInterval, Value,
};

pub use events::{kind_family, EVENT_WINDOW_DAYS, MAX_EVENT_SPAN_DAYS};
pub use findings::SAME_TIME_DAYS;
pub use stored::{
    StoredClaimRecord, StoredEntity, StoredEvent, StoredFinding, StoredLocals, StoredResults,
    StoredTenure, StoredUnapplied,
};
pub use tenure::{tenure, tenure_key, Tenure};

/// An entity across the corpus.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CorpusEntity {
    /// Stable id: the catalog id, else `kind:slug-of-name`.
    pub id: String,
    /// Kind.
    pub kind: EntityKind,
    /// Canonical name.
    pub name: String,
    /// Every other name the documents use.
    pub aliases: Vec<String>,
    /// Catalog or gazetteer id.
    pub catalog_id: Option<String>,
    /// Why its names were merged, one line per reason (the readable form
    /// of [`CorpusEntity::merges`]).
    pub evidence: Vec<String>,
    /// Documents (by index) and local entity indices it was built from.
    pub members: Vec<(usize, usize)>,
    /// Why its names were merged, with the documents that show it.
    #[serde(default)]
    pub merges: Vec<MergeEvidence>,
}

/// One reason two or more document-local entities were made one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MergeEvidence {
    /// The reason: "same catalog entry group:x", "shared name “ISIS-K”",
    /// "alias definition in text: “X” = “Y”", "merged by hand (decision 3)".
    pub reason: String,
    /// How many documents show it.
    pub documents: usize,
    /// Up to three of their outlets (or titles), each once, most reports
    /// first, with "(N reports)" after an outlet that published several.
    pub examples: Vec<String>,
    /// How many different outlets published those documents.
    #[serde(default)]
    pub outlets: usize,
    /// True when a person decided it (`dossier merge` / `dossier split`).
    pub manual: bool,
}

impl MergeEvidence {
    /// One line: the reason and where it was seen.
    pub fn line(&self) -> String {
        if self.manual || self.examples.is_empty() {
            return self.reason.clone();
        }
        let more = match self.outlets.saturating_sub(self.examples.len()) {
            0 => String::new(),
            1 => " and 1 more outlet".to_string(),
            n => format!(" and {n} more outlets"),
        };
        format!("{} in {}{more}", self.reason, self.examples.join(", "))
    }
}

/// What a manual decision does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ManualKind {
    /// `a` and `b` (names or entity ids) are one entity.
    Merge,
    /// Split the name `b` off the entity `a` (a name or an id).
    Split,
}

/// A person's decision about entities; stored, so it survives re-ingest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualDecision {
    /// Its number, for the evidence line.
    pub id: i64,
    /// Merge or split.
    pub kind: ManualKind,
    /// For a merge, one entity; for a split, the entity to split.
    pub a: String,
    /// For a merge, the other entity; for a split, the name to split off.
    pub b: String,
}

/// How the claims of one (entity, predicate) group relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Disjoint values for the same time.
    Conflict,
    /// Disjoint values for different times.
    ChangedOverTime,
    /// Different but reconcilable values (one refines the other, or they add up).
    Compatible,
    /// Overlapping values.
    Agree,
    /// Only one independent source says it.
    SingleSource,
}

impl Verdict {
    /// Every verdict, most notable first.
    pub const ALL: [Verdict; 5] = [
        Verdict::Conflict,
        Verdict::ChangedOverTime,
        Verdict::Compatible,
        Verdict::Agree,
        Verdict::SingleSource,
    ];

    /// The name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Agree => "agree",
            Verdict::Conflict => "conflict",
            Verdict::Compatible => "compatible",
            Verdict::ChangedOverTime => "changed_over_time",
            Verdict::SingleSource => "single_source",
        }
    }

    /// Parses an export name.
    pub fn parse(s: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A claim placed in the corpus.
#[derive(Clone, Debug)]
pub struct CorpusClaim {
    /// `docid:cN`.
    pub id: String,
    /// Document index.
    pub doc: usize,
    /// Claim index inside the document.
    pub idx: usize,
    /// Subject corpus entity.
    pub subject: usize,
    /// Value entity, when the value is one.
    pub value_entity: Option<usize>,
}

/// One independent source behind a finding, with every outlet that cites it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SourceCitation {
    /// The source as first written ("a UN report issued last June"), or the outlet.
    pub source: String,
    /// True when the outlet speaks for itself (no attributed source).
    pub outlet_itself: bool,
    /// The outlets that carry it, in order of first use.
    pub outlets: Vec<String>,
    /// Corpus claim indices it stands behind.
    pub claims: Vec<usize>,
}

/// The verdict on one (entity, predicate) group.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Finding {
    /// Subject corpus entity index.
    pub subject: usize,
    /// Predicate.
    pub predicate: Predicate,
    /// Verdict.
    pub verdict: Verdict,
    /// Corpus claim indices behind it.
    pub claims: Vec<usize>,
    /// One sentence citing the sources.
    pub summary: String,
    /// The interval every same-time figure allows, when there is one.
    pub consensus: Option<Quantity>,
    /// Distinct sources behind the claims.
    pub sources: Vec<String>,
    /// The independent sources, each with the outlets citing it.
    #[serde(default)]
    pub citations: Vec<SourceCitation>,
    /// For a conflict or a change over time: the pairs of corpus claims
    /// that disagree, the widest gap first (at most a few).
    #[serde(default)]
    pub pairs: Vec<(usize, usize)>,
    /// How much the disagreement matters, for ordering: relative gap of the
    /// widest disagreeing pair times the log of the number of sources (0 for
    /// findings without disagreement).
    #[serde(default)]
    pub significance: f64,
    /// Number of distinct documents behind the claims.
    #[serde(default)]
    pub reports: usize,
}

/// An event across reports.
#[derive(Clone, Debug)]
pub struct CorpusEvent {
    /// `event:<hash>`.
    pub id: String,
    /// Most specific kind reported.
    pub kind: EventKind,
    /// (document index, event index) of every report.
    pub reports: Vec<(usize, usize)>,
    /// Place (corpus entity).
    pub place: Option<usize>,
    /// Perpetrators (corpus entities).
    pub perpetrators: Vec<usize>,
    /// Whether any report says responsibility was claimed.
    pub claimed: bool,
    /// The date interval all reports allow.
    pub when: Option<TimeInterval>,
    /// Whether the reports' casualty figures can all be true at once.
    pub casualties_compatible: bool,
    /// Killed: the interval every report allows (when compatible), else the
    /// hull of the reports' figures (each report keeps its own in
    /// `reports`); never a low above its high.
    pub killed: Option<Quantity>,
    /// Wounded, likewise.
    pub wounded: Option<Quantity>,
    /// Killed or wounded together, likewise; at least the killed and wounded
    /// figures added when the reports split them.
    pub killed_or_wounded: Option<Quantity>,
    /// The lowest credible death toll (ACLED's rule): the smallest lower
    /// bound any report gives for the killed.
    pub fatalities_lowest: Option<f64>,
    /// Why the reports were merged ("same day at Kabul airport and Kabul").
    pub merge_reasons: Vec<String>,
}

impl CorpusEvent {
    /// Who did it as the first report that describes them says ("unidentified
    /// gunmen", "police"), when no report names a group; with that report's
    /// document index.
    pub fn described_actor<'a>(&self, docs: &'a [Annotated]) -> Option<(usize, &'a Actor)> {
        if !self.perpetrators.is_empty() {
            return None;
        }
        self.reports
            .iter()
            .find_map(|&(d, e)| Some((d, docs.get(d)?.events.get(e)?.actor.as_ref()?)))
    }
}

/// The reconciled corpus.
pub struct Reconciled {
    /// Corpus entities.
    pub entities: Vec<CorpusEntity>,
    /// For each document, local entity index -> corpus entity index.
    pub local: Vec<Vec<usize>>,
    /// Claims.
    pub claims: Vec<CorpusClaim>,
    /// Findings, one per (entity, predicate) with claims.
    pub findings: Vec<Finding>,
    /// Events.
    pub events: Vec<CorpusEvent>,
    /// Manual decisions that named nothing in the corpus (or changed
    /// nothing), with the reason.
    pub unapplied: Vec<(ManualDecision, String)>,
}

impl Reconciled {
    /// Finds an entity by id, name or alias (case-insensitive, spelling-normalized);
    /// groups first, then the entity with most members.
    pub fn find(&self, query: &str) -> Option<usize> {
        find_entity(&self.entities, query)
    }

    /// Every entity that carries the name `query` itself (as its name or
    /// an alias), or has it as its id: more than one means the name is
    /// ambiguous and the user should pick an id.
    pub fn candidates(&self, query: &str) -> Vec<usize> {
        if let Some(i) = self.entities.iter().position(|e| e.id == query) {
            return vec![i];
        }
        let lex: &Lexicon = &LEXICON;
        let k = lex.key(query);
        if k.is_empty() {
            return Vec::new();
        }
        (0..self.entities.len())
            .filter(|&i| {
                let e = &self.entities[i];
                lex.key(&e.name) == k || e.aliases.iter().any(|a| lex.key(a) == k)
            })
            .collect()
    }

    /// The claim a corpus claim points to.
    pub fn claim<'a>(&self, docs: &'a [Annotated], c: usize) -> &'a Claim {
        let cc = &self.claims[c];
        &docs[cc.doc].claims[cc.idx]
    }

    /// Findings about entity `e`, in predicate order.
    pub fn findings_of(&self, e: usize) -> Vec<usize> {
        let mut v: Vec<usize> =
            (0..self.findings.len()).filter(|&i| self.findings[i].subject == e).collect();
        v.sort_by_key(|&i| Predicate::ALL.iter().position(|p| *p == self.findings[i].predicate));
        v
    }

    /// Every conflict (and, with `changes`, every change over time), most
    /// significant first; only about entity `e` when given.
    pub fn disagreements(&self, e: Option<usize>, changes: bool) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.findings.len())
            .filter(|&i| {
                let f = &self.findings[i];
                e.is_none_or(|e| f.subject == e)
                    && (f.verdict == Verdict::Conflict
                        || (changes && f.verdict == Verdict::ChangedOverTime))
            })
            .collect();
        v.sort_by(|&a, &b| {
            let (fa, fb) = (&self.findings[a], &self.findings[b]);
            fa.verdict
                .cmp(&fb.verdict)
                .then(fb.significance.total_cmp(&fa.significance))
                .then(fb.citations.len().cmp(&fa.citations.len()))
                .then(self.entities[fa.subject].name.cmp(&self.entities[fb.subject].name))
                .then(fa.predicate.cmp(&fb.predicate))
        });
        v
    }

    /// Events whose perpetrators or place include entity `e`.
    pub fn events_of(&self, e: usize) -> Vec<usize> {
        (0..self.events.len())
            .filter(|&i| {
                self.events[i].perpetrators.contains(&e) || self.events[i].place == Some(e)
            })
            .collect()
    }
}

/// Finds an entity by id, name or alias; groups first, then the entity with
/// most members.
pub(crate) fn find_entity(entities: &[CorpusEntity], query: &str) -> Option<usize> {
    let lex: &Lexicon = &LEXICON;
    if let Some(i) = entities.iter().position(|e| e.id == query) {
        return Some(i);
    }
    let k = lex.key(query);
    if k.is_empty() {
        return None;
    }
    let cat: Vec<&str> = lex.lookup_key(&k).iter().map(|x| x.id.as_str()).collect();
    // A name the entity itself carries beats a catalog match (after a split,
    // the split-off name is no longer the catalog entry's).
    let mut best: Option<(usize, (u8, u8, usize))> = None;
    for (i, e) in entities.iter().enumerate() {
        let named = lex.key(&e.name) == k || e.aliases.iter().any(|a| lex.key(a) == k);
        let hit = named || e.catalog_id.as_deref().is_some_and(|c| cat.contains(&c));
        if hit {
            let exact = u8::from(lex.key(&e.name) == k) + u8::from(named);
            let score = (exact, u8::from(e.kind == EntityKind::Group), e.members.len());
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((i, score));
            }
        }
    }
    best.map(|(i, _)| i)
}

/// A slug for ids: lower-case ASCII letters and digits joined by hyphens.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A short stable hash (FNV-1a, hex).
pub fn short_hash(s: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")[..12].to_string()
}

/// Reconciles a corpus with no manual decisions.
pub fn reconcile(docs: &[Annotated]) -> Reconciled {
    reconcile_with(docs, &[])
}

/// Reconciles a corpus, applying manual merges and splits in order, where
/// a split moves only the mentions of the split name.
///
/// A document that calls the entity by the split name and by other names
/// has one document-local entity for all of them; [`reconcile_with`] can
/// only move that whole local entity. Here such a local entity is divided
/// first: the split name becomes a local entity of its own, with the
/// mentions that use it, and the claims and the other names stay. Then the
/// corpus is linked again. Documents are changed only where a split names
/// them, so this costs a second pass only when a split divides something.
pub fn reconcile_splitting(docs: &mut [Annotated], decisions: &[ManualDecision]) -> Reconciled {
    let mut rec = reconcile_with(docs, decisions);
    let (changed, divided) = separate_split_names(docs, &rec, decisions);
    if changed {
        rec = reconcile_with(docs, decisions);
    }
    // A split that divided documents did its work there, even where the
    // second pass finds nothing left to move.
    rec.unapplied.retain(|(d, _)| !divided.contains(&d.id));
    rec
}

/// Divides the local entities that use a split name beside other names
/// (see [`reconcile_splitting`]): whether any was divided now, and the
/// decisions that divided documents, now or on an earlier call.
fn separate_split_names(
    docs: &mut [Annotated],
    rec: &Reconciled,
    decisions: &[ManualDecision],
) -> (bool, Vec<i64>) {
    let lex: &Lexicon = &LEXICON;
    let mut divided = Vec::new();
    for dec in decisions.iter().filter(|d| d.kind == ManualKind::Split) {
        let k = lex.key(&dec.b);
        if k.is_empty() {
            continue;
        }
        // Before the split applies the name is on entity `a`; after, the
        // local entities that use it sit on the side split off.
        let mut members: Vec<(usize, usize)> = [rec.find(&dec.a), rec.find(&dec.b)]
            .into_iter()
            .flatten()
            .flat_map(|e| rec.entities[e].members.iter().copied())
            .collect();
        members.sort_unstable();
        members.dedup();
        for (d, e) in members {
            let doc = &mut docs[d];
            let le = &doc.entities[e];
            let (on, rest): (Vec<String>, Vec<String>) = std::iter::once(&le.name)
                .chain(&le.aliases)
                .cloned()
                .partition(|n| lex.key(n) == k);
            if on.is_empty() || rest.is_empty() {
                continue;
            }
            let new = doc.entities.len();
            doc.entities.push(crate::LocalEntity {
                kind: le.kind,
                name: on[0].clone(),
                aliases: on[1..].to_vec(),
                catalog_id: None,
                evidence: vec![split_evidence(dec.id)],
            });
            let le = &mut doc.entities[e];
            le.name = rest[0].clone();
            le.aliases = rest[1..].to_vec();
            let text = &doc.doc.text;
            for m in &mut doc.mentions {
                if m.entity == Some(e)
                    && text.get(m.span.start()..m.span.end()).is_some_and(|s| lex.key(s) == k)
                {
                    m.entity = Some(new);
                }
            }
            divided.push(dec.id);
        }
    }
    let changed = !divided.is_empty();
    // Documents divided on an earlier call carry the decision's evidence.
    for dec in decisions.iter().filter(|d| d.kind == ManualKind::Split) {
        let ev = split_evidence(dec.id);
        if docs.iter().any(|a| a.entities.iter().any(|le| le.evidence.contains(&ev))) {
            divided.push(dec.id);
        }
    }
    divided.sort_unstable();
    divided.dedup();
    (changed, divided)
}

fn split_evidence(id: i64) -> String {
    format!("split off by hand (decision {id})")
}

/// Reconciles a corpus, applying manual merges and splits in order.
pub fn reconcile_with(docs: &[Annotated], decisions: &[ManualDecision]) -> Reconciled {
    let (entities, local, unapplied) = entities::merge(docs, decisions);
    let mut claims = Vec::new();
    for (d, a) in docs.iter().enumerate() {
        for (ci, c) in a.claims.iter().enumerate() {
            let Some(&subject) = local[d].get(c.subject) else { continue };
            let value_entity = match c.value {
                Value::Entity(e) => local[d].get(e).copied(),
                _ => None,
            };
            claims.push(CorpusClaim {
                id: format!("{}:c{ci}", a.doc.id),
                doc: d,
                idx: ci,
                subject,
                value_entity,
            });
        }
    }
    let findings = findings::judge_all(docs, &entities, &claims);
    let events = events::merge(docs, &local, &entities);
    Reconciled { entities, local, claims, findings, events, unapplied }
}

/// A short name for a document: its outlet, else its title, else its
/// first words ([`crate::label::doc_label`]).
pub fn short_doc(a: &Annotated) -> String {
    crate::label::doc_label(&a.doc)
}

/// The outlet of a document, or a stand-in naming the document.
pub fn outlet_of(a: &Annotated) -> String {
    outlet_name(a.doc.source.as_deref(), &a.doc.id)
}

/// A document's outlet: its source, else "document " and the first
/// characters of its id.
pub fn outlet_name(source: Option<&str>, id: &str) -> String {
    match source {
        Some(s) => s.to_string(),
        None => format!("document {}", id.get(..8).unwrap_or(id)),
    }
}

/// Who stands behind a claim: the attributed source, else the document's
/// label (its outlet, else its title or first words).
pub fn source_of(a: &Annotated, c: &Claim) -> String {
    match &c.source {
        Some(s) => s.clone(),
        None => short_doc(a),
    }
}

/// A claim's value in words.
pub fn value_text(docs: &[Annotated], entities: &[CorpusEntity], cc: &CorpusClaim) -> String {
    let c = &docs[cc.doc].claims[cc.idx];
    match &c.value {
        Value::Entity(_) => cc
            .value_entity
            .and_then(|e| entities.get(e))
            .map(|e| e.name.clone())
            .unwrap_or_default(),
        Value::Quantity { quantity, unit } => match unit {
            Some(u) => format!("{} {u}", quantity.display()),
            None => quantity.display(),
        },
        Value::Time { interval, text } => match interval {
            Some(i) => format!("{text} ({})", i.display()),
            None => text.clone(),
        },
        Value::Text(t) => t.clone(),
    }
}

#[cfg(test)]
mod tests;
