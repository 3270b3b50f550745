//! Reconciliation: many annotated documents -> one corpus view.
//!
//! - **Entities** merge across documents on alias evidence: the same catalog
//!   entry, or a shared name key (exact alias after spelling normalization,
//!   which covers transliteration variants such as Khorasan/Khurasan and
//!   al-Muhajir/al Muhajir) with a compatible kind. Two different catalog
//!   entries never merge. Each merge records its evidence.
//! - **Claims** group by (entity, predicate); each group gets a [`Verdict`]
//!   and a one-sentence summary citing its sources (see [`Verdict`]).
//! - **Events** merge when kind, place and date window fit (see
//!   [`EVENT_WINDOW_DAYS`]); casualty figures are compared as intervals.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::lexicon::{Lexicon, LEXICON};
use crate::{
    Annotated, Claim, EntityKind, Event, EventKind, Predicate, Quantity, TimeInterval, Value,
};

/// Reports of one event may date it this many days apart (each side's
/// interval is widened by this much before testing overlap): relative dates
/// ("a few days ago") and reports filed a day late stay within it.
pub const EVENT_WINDOW_DAYS: i64 = 3;

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
    /// Why its names were merged.
    pub evidence: Vec<String>,
    /// Documents (by index) and local entity indices it was built from.
    pub members: Vec<(usize, usize)>,
}

/// How the claims of one (entity, predicate) group relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
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
    /// Only one source says it.
    SingleSource,
}

impl Verdict {
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
}

impl Reconciled {
    /// Finds an entity by id, name or alias (case-insensitive, spelling-normalized);
    /// groups first, then the entity with most members.
    pub fn find(&self, query: &str) -> Option<usize> {
        let lex: &Lexicon = &LEXICON;
        if let Some(i) = self.entities.iter().position(|e| e.id == query) {
            return Some(i);
        }
        let k = lex.key(query);
        let mut best: Option<(usize, (u8, usize))> = None;
        for (i, e) in self.entities.iter().enumerate() {
            let hit = lex.key(&e.name) == k
                || e.aliases.iter().any(|a| lex.key(a) == k)
                || e.catalog_id
                    .as_ref()
                    .and_then(|c| lex.by_id(c))
                    .is_some_and(|en| lex.lookup_key(&k).iter().any(|x| x.id == en.id));
            if hit {
                let score = (if e.kind == EntityKind::Group { 1 } else { 0 }, e.members.len());
                if best.is_none_or(|(_, s)| score > s) {
                    best = Some((i, score));
                }
            }
        }
        best.map(|(i, _)| i)
    }

    /// The claim a corpus claim points to.
    pub fn claim<'a>(&self, docs: &'a [Annotated], c: usize) -> &'a Claim {
        let cc = &self.claims[c];
        &docs[cc.doc].claims[cc.idx]
    }
}

struct Dsu(Vec<usize>);
impl Dsu {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let n = self.0[y];
            self.0[y] = r;
            y = n;
        }
        r
    }
}

fn kind_class(k: EntityKind) -> u8 {
    match k {
        EntityKind::Group | EntityKind::Organization | EntityKind::Other => 0,
        EntityKind::Person => 1,
        EntityKind::Place => 2,
        EntityKind::Nationality => 3,
    }
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

/// Reconciles a corpus.
pub fn reconcile(docs: &[Annotated]) -> Reconciled {
    let lex: &Lexicon = &LEXICON;
    // 1. Entities.
    let mut flat: Vec<(usize, usize)> = Vec::new();
    let mut offsets = Vec::with_capacity(docs.len());
    for (d, a) in docs.iter().enumerate() {
        offsets.push(flat.len());
        for e in 0..a.entities.len() {
            flat.push((d, e));
        }
    }
    let mut dsu = Dsu((0..flat.len()).collect());
    let mut cat: Vec<Option<String>> =
        flat.iter().map(|&(d, e)| docs[d].entities[e].catalog_id.clone()).collect();
    let mut evidence: Vec<Vec<String>> = vec![Vec::new(); flat.len()];
    let mut seen: HashMap<(u8, String), usize> = HashMap::new();
    for (i, &(d, e)) in flat.iter().enumerate() {
        let ent = &docs[d].entities[e];
        let class = kind_class(ent.kind);
        let mut keys: Vec<(String, String)> = Vec::new();
        if let Some(c) = &ent.catalog_id {
            keys.push((format!("id:{c}"), format!("same catalog entry {c}")));
        }
        for n in std::iter::once(&ent.name).chain(ent.aliases.iter()) {
            let k = lex.key(n);
            // One-word person names (surnames) are too weak to merge across documents.
            if k.len() < 2 || (ent.kind == EntityKind::Person && !n.contains(' ')) {
                continue;
            }
            keys.push((k, format!("shared name “{n}”")));
        }
        for (k, why) in keys {
            match seen.get(&(class, k.clone())) {
                Some(&j) => {
                    let (ri, rj) = (dsu.find(i), dsu.find(j));
                    if ri == rj {
                        continue;
                    }
                    if let (Some(a), Some(b)) = (&cat[ri], &cat[rj]) {
                        if a != b {
                            continue; // the catalog keeps them apart
                        }
                    }
                    let c = cat[ri].clone().or_else(|| cat[rj].clone());
                    dsu.0[ri] = rj;
                    cat[rj] = c;
                    let moved = std::mem::take(&mut evidence[ri]);
                    evidence[rj].extend(moved);
                    let (d2, _) = flat[j];
                    evidence[rj].push(format!(
                        "{why} in {} and {}",
                        short_doc(&docs[d]),
                        short_doc(&docs[d2])
                    ));
                }
                None => {
                    seen.insert((class, k), i);
                }
            }
        }
    }
    let mut root_index: HashMap<usize, usize> = HashMap::new();
    let mut entities: Vec<CorpusEntity> = Vec::new();
    let mut local: Vec<Vec<usize>> =
        docs.iter().map(|a| vec![usize::MAX; a.entities.len()]).collect();
    let mut mention_count: Vec<usize> = Vec::new();
    for (i, &(d, e)) in flat.iter().enumerate() {
        let r = dsu.find(i);
        let gi = *root_index.entry(r).or_insert_with(|| {
            entities.push(CorpusEntity {
                id: String::new(),
                kind: EntityKind::Other,
                name: String::new(),
                aliases: Vec::new(),
                catalog_id: cat[r].clone(),
                evidence: evidence[r].clone(),
                members: Vec::new(),
            });
            mention_count.push(0);
            entities.len() - 1
        });
        local[d][e] = gi;
        let le = &docs[d].entities[e];
        let ge = &mut entities[gi];
        ge.members.push((d, e));
        for ev in &le.evidence {
            let ev = format!("{ev} ({})", short_doc(&docs[d]));
            if !ge.evidence.contains(&ev) {
                ge.evidence.push(ev);
            }
        }
        for n in std::iter::once(&le.name).chain(le.aliases.iter()) {
            if !ge.aliases.contains(n) {
                ge.aliases.push(n.clone());
            }
        }
        if ge.kind == EntityKind::Other || (le.kind != EntityKind::Other && le.catalog_id.is_some())
        {
            ge.kind = le.kind;
        }
        mention_count[gi] += 1;
    }
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    for ge in &mut entities {
        ge.name = match ge.catalog_id.as_ref().and_then(|c| lex.by_id(c)) {
            Some(en) => en.name.clone(),
            None => ge
                .aliases
                .iter()
                .max_by_key(|a| (a.split_whitespace().count(), a.len()))
                .cloned()
                .unwrap_or_default(),
        };
        let name = ge.name.clone();
        ge.aliases.retain(|a| a != &name);
        let base = match &ge.catalog_id {
            Some(c) if c.contains(':') => c.clone(),
            _ => format!("{}:{}", ge.kind.as_str(), slug(&ge.name)),
        };
        let n = used_ids.entry(base.clone()).or_insert(0);
        *n += 1;
        ge.id = if *n == 1 { base } else { format!("{base}-{n}") };
    }

    // 2. Claims.
    let mut claims = Vec::new();
    for (d, a) in docs.iter().enumerate() {
        for (ci, c) in a.claims.iter().enumerate() {
            let subject = local[d][c.subject];
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
    let findings = findings(docs, &entities, &claims);

    // 3. Events.
    let events = merge_events(docs, &local, &entities);
    Reconciled { entities, local, claims, findings, events }
}

fn short_doc(a: &Annotated) -> String {
    match (&a.doc.source, &a.doc.title) {
        (Some(s), _) => s.clone(),
        (None, Some(t)) => t.chars().take(40).collect(),
        _ => a.doc.id.chars().take(8).collect(),
    }
}

/// Who stands behind a claim: the attributed source, else the outlet.
pub fn source_of(a: &Annotated, c: &Claim) -> String {
    match &c.source {
        Some(s) => s.clone(),
        None => a
            .doc
            .source
            .clone()
            .unwrap_or_else(|| format!("document {}", &a.doc.id[..a.doc.id.len().min(8)])),
    }
}

/// Sources that are the same underlying source ("a UN report issued last
/// June" and "the UN report") count once: compared on their content words.
fn source_key(s: &str) -> String {
    let stop = [
        "a",
        "an",
        "the",
        "report",
        "reports",
        "issued",
        "last",
        "this",
        "by",
        "of",
        "said",
        "says",
        "according",
        "to",
        "in",
        "its",
        "latest",
        "new",
        "recent",
    ];
    let mut words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .filter(|w| !stop.contains(&w.as_str()))
        .filter(|w| !MONTHS.contains(&w.as_str()))
        .collect();
    words.sort();
    words.dedup();
    words.join(" ")
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "week",
    "month",
    "year",
    "yesterday",
    "today",
];

fn value_quantity(c: &Claim) -> Option<Quantity> {
    match &c.value {
        Value::Quantity { quantity, .. } => Some(*quantity),
        _ => None,
    }
}

fn value_time(c: &Claim) -> Option<&TimeInterval> {
    match &c.value {
        Value::Time { interval, .. } => interval.as_ref(),
        _ => None,
    }
}

/// Whether two claims are about the same time: both `when`s concrete and
/// overlapping (or within a year), neither vague ("at one point").
/// Point-in-time figures (a group's strength) reported up to this many days
/// apart describe the same time; counts over a period (attacks in the first
/// four months of 2021) describe the same time only when the periods overlap.
pub const SAME_TIME_DAYS: i64 = 183;

fn same_time(a: &Claim, b: &Claim) -> bool {
    let (Some(wa), Some(wb)) = (&a.when, &b.when) else { return true };
    let (Some(ia), Some(ib)) = (&wa.interval, &wb.interval) else {
        return wa.text == wb.text;
    };
    let vague = |i: &TimeInterval| {
        i.granularity == crate::Granularity::Vague || i.start.is_none() || i.end.is_none()
    };
    if vague(ia) || vague(ib) {
        return vague(ia) && vague(ib);
    }
    if ia.overlaps(ib) {
        return true;
    }
    if a.predicate == Predicate::AttackCount {
        return false;
    }
    let gap = (ia.start.unwrap() - ib.end.unwrap())
        .num_days()
        .max((ib.start.unwrap() - ia.end.unwrap()).num_days());
    gap <= SAME_TIME_DAYS
}

fn findings(docs: &[Annotated], entities: &[CorpusEntity], claims: &[CorpusClaim]) -> Vec<Finding> {
    let mut groups: BTreeMap<(usize, Predicate), Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        let cl = &docs[c.doc].claims[c.idx];
        groups.entry((c.subject, cl.predicate)).or_default().push(i);
        // First activity bears on the founding date: compared with it.
        if cl.predicate == Predicate::FirstActive {
            groups.entry((c.subject, Predicate::Founded)).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for ((subject, predicate), ids) in groups {
        let get = |i: usize| &docs[claims[i].doc].claims[claims[i].idx];
        let mut sources: Vec<String> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        for &i in &ids {
            let s = source_of(&docs[claims[i].doc], get(i));
            let k = source_key(&s);
            if !keys.contains(&k) {
                keys.push(k);
                sources.push(s);
            }
        }
        if predicate == Predicate::Founded
            && ids.iter().all(|&i| get(i).predicate == Predicate::FirstActive)
        {
            continue;
        }
        let (verdict, consensus) = if sources.len() <= 1 {
            (Verdict::SingleSource, None)
        } else {
            judge(predicate, &ids, &get, claims)
        };
        let summary = summarize(
            docs, entities, claims, subject, predicate, verdict, &ids, &sources, consensus,
        );
        out.push(Finding { subject, predicate, verdict, claims: ids, summary, consensus, sources });
    }
    out
}

fn judge<'a>(
    predicate: Predicate,
    ids: &[usize],
    get: &dyn Fn(usize) -> &'a Claim,
    claims: &[CorpusClaim],
) -> (Verdict, Option<Quantity>) {
    let mut conflict = false;
    let mut changed = false;
    let mut refines = false;
    let mut differ = false;
    for (x, &i) in ids.iter().enumerate() {
        for &j in &ids[x + 1..] {
            let (a, b) = (get(i), get(j));
            let denied =
                (a.modality == crate::Modality::Denied) != (b.modality == crate::Modality::Denied);
            if let (Some(qa), Some(qb)) = (value_quantity(a), value_quantity(b)) {
                if qa.overlaps(&qb) {
                    refines |= qa != qb && (qa.contains(&qb) || qb.contains(&qa));
                } else if same_time(a, b) {
                    conflict = true;
                } else {
                    changed = true;
                }
            } else if let (Some(ta), Some(tb)) = (value_time(a), value_time(b)) {
                let mixed = a.predicate != b.predicate;
                if ta.overlaps(tb) {
                    refines |= ta != tb;
                } else if mixed {
                    // First activity before the official founding is what one expects.
                    let (act, fnd) =
                        if a.predicate == Predicate::FirstActive { (ta, tb) } else { (tb, ta) };
                    if act.start.zip(fnd.end).is_some_and(|(s, e)| s <= e) || act.start.is_none() {
                        refines = true;
                    } else {
                        conflict = true;
                    }
                } else {
                    conflict = true;
                }
            } else {
                let same_value = match (claims[i].value_entity, claims[j].value_entity) {
                    (Some(x), Some(y)) => x == y,
                    _ => a.value == b.value,
                };
                if same_value {
                    if denied {
                        conflict = true;
                    }
                } else if predicate == Predicate::Leader {
                    if a.status == b.status
                        && a.status.as_deref() == Some("current")
                        && same_time(a, b)
                    {
                        conflict = true;
                    } else {
                        changed = true;
                    }
                } else {
                    differ = true;
                }
            }
        }
    }
    let verdict = if conflict {
        Verdict::Conflict
    } else if changed {
        Verdict::ChangedOverTime
    } else if refines || differ {
        Verdict::Compatible
    } else {
        Verdict::Agree
    };
    // Consensus: the intersection of all quantity intervals when they overlap.
    let mut consensus: Option<Quantity> = None;
    if matches!(verdict, Verdict::Agree | Verdict::Compatible) {
        for &i in ids {
            if let Some(q) = value_quantity(get(i)) {
                consensus = Some(match consensus {
                    None => q,
                    Some(c) => Quantity {
                        low: match (c.low, q.low) {
                            (Some(x), Some(y)) => Some(x.max(y)),
                            (x, y) => x.or(y),
                        },
                        high: match (c.high, q.high) {
                            (Some(x), Some(y)) => Some(x.min(y)),
                            (x, y) => x.or(y),
                        },
                        approximate: c.approximate || q.approximate,
                    },
                });
            }
        }
    }
    (verdict, consensus)
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

#[allow(clippy::too_many_arguments)]
fn summarize(
    docs: &[Annotated],
    entities: &[CorpusEntity],
    claims: &[CorpusClaim],
    subject: usize,
    predicate: Predicate,
    verdict: Verdict,
    ids: &[usize],
    sources: &[String],
    consensus: Option<Quantity>,
) -> String {
    let name = &entities[subject].name;
    let parts: Vec<String> = ids
        .iter()
        .map(|&i| {
            let cc = &claims[i];
            let a = &docs[cc.doc];
            let c = &a.claims[cc.idx];
            let mut s = value_text(docs, entities, cc);
            if let Some(w) = &c.when {
                if w.text != "publication date" {
                    s.push_str(&format!(", {}", w.text));
                }
            }
            let outlet = a.doc.source.clone().unwrap_or_else(|| "an unnamed outlet".into());
            match &c.source {
                Some(src) => format!("{s} ({src}, via {outlet})"),
                None => format!("{s} ({outlet})"),
            }
        })
        .collect();
    let pred = predicate.as_str().replace('_', " ");
    let n = sources.len();
    let reports =
        ids.iter().map(|&i| claims[i].doc).collect::<std::collections::BTreeSet<_>>().len();
    let counted = if reports > n {
        format!("{n} independent source{} across {reports} reports", if n == 1 { "" } else { "s" })
    } else {
        format!("{n} source{}", if n == 1 { "" } else { "s" })
    };
    match verdict {
        Verdict::SingleSource => {
            format!("Only one source gives the {pred} of {name}: {}.", parts.join("; "))
        }
        Verdict::Conflict => {
            format!("Sources disagree on the {pred} of {name} ({counted}): {}.", parts.join(" vs "))
        }
        Verdict::ChangedOverTime => format!(
            "The {pred} of {name} changed over time per {counted}: {}.",
            parts.join(" then ")
        ),
        Verdict::Compatible => format!(
            "Reports of the {pred} of {name} are compatible ({counted}): {}.",
            parts.join("; ")
        ),
        Verdict::Agree => match consensus {
            Some(q) => format!(
                "{counted} agree on the {pred} of {name}, consensus {}: {}.",
                q.display(),
                parts.join("; ")
            ),
            None => format!("{counted} agree on the {pred} of {name}: {}.", parts.join("; ")),
        },
    }
}

fn widen(i: &TimeInterval, days: i64) -> (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>) {
    (
        i.start.map(|d| d - chrono::Duration::days(days)),
        i.end.map(|d| d + chrono::Duration::days(days)),
    )
}

fn kinds_fit(a: EventKind, b: EventKind) -> bool {
    a == b
        || a == EventKind::Attack
        || b == EventKind::Attack
        || matches!(
            (a, b),
            (EventKind::Bombing, EventKind::SuicideBombing)
                | (EventKind::SuicideBombing, EventKind::Bombing)
        )
}

fn place_fits(entities: &[CorpusEntity], a: Option<usize>, b: Option<usize>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) if x == y => true,
        (Some(x), Some(y)) => {
            // Granularity: "Kabul airport" fits "Kabul"; compare the shorter name as a prefix.
            let lex: &Lexicon = &LEXICON;
            let (nx, ny) = (lex.key(&entities[x].name), lex.key(&entities[y].name));
            !nx.is_empty() && !ny.is_empty() && (nx.starts_with(&ny) || ny.starts_with(&nx))
        }
        _ => true,
    }
}

fn casualties_fit(a: &Event, b: &Event) -> bool {
    let pairs =
        [(a.killed, b.killed), (a.wounded, b.wounded), (a.killed_or_wounded, b.killed_or_wounded)];
    for (x, y) in pairs {
        if let (Some(x), Some(y)) = (x, y) {
            if !x.overlaps(&y) && !x.approximate && !y.approximate {
                return false;
            }
        }
    }
    // Killed alone can never exceed killed-or-wounded.
    for (k, kw) in [(a.killed, b.killed_or_wounded), (b.killed, a.killed_or_wounded)] {
        if let (Some(k), Some(kw)) = (k, kw) {
            if let (Some(lo), Some(hi)) = (k.low, kw.high) {
                if lo > hi {
                    return false;
                }
            }
        }
    }
    true
}

fn merge_events(
    docs: &[Annotated],
    local: &[Vec<usize>],
    entities: &[CorpusEntity],
) -> Vec<CorpusEvent> {
    let mut out: Vec<CorpusEvent> = Vec::new();
    for (d, a) in docs.iter().enumerate() {
        for (ei, ev) in a.events.iter().enumerate() {
            let place = ev.place.map(|p| local[d][p]);
            let perps: Vec<usize> = ev.perpetrators.iter().map(|&p| local[d][p]).collect();
            let when = ev.when.as_ref().and_then(|w| w.interval.clone());
            let mut target = None;
            for (ci, ce) in out.iter().enumerate() {
                let (fd, fe) = ce.reports[0];
                let first = &docs[fd].events[fe];
                if fd == d
                    || !kinds_fit(first.kind, ev.kind)
                    || !place_fits(entities, ce.place, place)
                {
                    continue;
                }
                let dates_fit = match (&ce.when, &when) {
                    (Some(x), Some(y)) => {
                        let (xs, xe) = widen(x, EVENT_WINDOW_DAYS);
                        let wx = TimeInterval { start: xs, end: xe, ..x.clone() };
                        wx.overlaps(y)
                    }
                    _ => ce.place.is_some() && place.is_some(),
                };
                let perps_fit = ce.perpetrators.is_empty()
                    || perps.is_empty()
                    || perps.iter().any(|p| ce.perpetrators.contains(p));
                if dates_fit && perps_fit {
                    target = Some(ci);
                    break;
                }
            }
            match target {
                Some(ci) => {
                    let ce = &mut out[ci];
                    let compatible =
                        ce.reports.iter().all(|&(od, oe)| casualties_fit(&docs[od].events[oe], ev));
                    ce.casualties_compatible &= compatible;
                    ce.reports.push((d, ei));
                    if ce.place.is_none() {
                        ce.place = place;
                    } else if let (Some(p), Some(q)) = (ce.place, place) {
                        // Keep the finer place (the longer name).
                        if entities[q].name.len() > entities[p].name.len() {
                            ce.place = Some(q);
                        }
                    }
                    for p in perps {
                        if !ce.perpetrators.contains(&p) {
                            ce.perpetrators.push(p);
                        }
                    }
                    ce.claimed |= ev.claimed;
                    ce.when = match (ce.when.take(), when) {
                        (Some(x), Some(y)) => {
                            let start = x.start.max(y.start);
                            let end = match (x.end, y.end) {
                                (Some(a), Some(b)) => Some(a.min(b)),
                                (a, b) => a.or(b),
                            };
                            if start.zip(end).is_some_and(|(s, e)| s > e) {
                                Some(x)
                            } else {
                                Some(TimeInterval {
                                    start,
                                    end,
                                    granularity: x.granularity.min(y.granularity),
                                    value: if x == y { x.value } else { None },
                                })
                            }
                        }
                        (x, y) => x.or(y),
                    };
                    if ce.kind == EventKind::Attack {
                        ce.kind = ev.kind;
                    }
                }
                None => out.push(CorpusEvent {
                    id: String::new(),
                    kind: ev.kind,
                    reports: vec![(d, ei)],
                    place,
                    perpetrators: perps,
                    claimed: ev.claimed,
                    when,
                    casualties_compatible: true,
                }),
            }
        }
    }
    for ce in &mut out {
        let (d, e) = ce.reports[0];
        ce.id = format!("event:{}", short_hash(&format!("{}:{e}", docs[d].doc.id)));
    }
    out
}
