//! Claim groups and their verdicts.
//!
//! Claims group by (entity, predicate); first-activity claims also join
//! their entity's `founded` group, since they bear on the founding date.
//! Hypothetical and expected claims are listed but not judged.
//!
//! Quantities (strength, attack counts) are intervals. Two claims are about
//! the *same time* when
//! - neither says when (the publication date is then implied for both), or
//!   one does not say;
//! - both give a concrete date and the midpoints are at most
//!   [`SAME_TIME_DAYS`] apart (attack counts: the very same period);
//! - both give a vague time ("at one point", "at its peak").
//!
//! A concrete time and a vague one are different times. The verdict is
//! `conflict` when two same-time intervals are disjoint, else
//! `changed_over_time` when two intervals are disjoint at all, else `agree`
//! with the intersection of all intervals as consensus. Every test is a
//! Helly-type check on interval maxima and minima (a family of intervals
//! pairwise overlaps exactly when its largest lower bound is at most its
//! smallest upper bound), run over a sliding window of dates, so a group of
//! k claims is judged in O(k log k).
//!
//! Founding dates: two `founded` dates (or two `first_active` dates) that
//! are disjoint conflict; a renamed group's dates before its renaming (by
//! the catalog, or a dated `renamed_from` claim) are its predecessor's and
//! are not judged with its own; first activity ending before the founding is
//! expected, first activity starting after the founding ended conflicts.
//! Otherwise the dates are `compatible` (one refines the other), or `agree`
//! when all are the same interval.
//!
//! Entities and text (leaders, places, allies): a value both asserted and
//! denied conflicts; two different current leaders at the same time
//! conflict, different leaders otherwise changed over time; for other
//! predicates different values add up (`compatible`) and one value `agree`s.
//!
//! Fewer than two independent sources make `single_source`. Sources count
//! once: outlets citing the same report or statement share one source, and
//! an outlet speaking for itself is one source however many articles it runs.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use super::{outlet_of, value_text, CorpusClaim, CorpusEntity, Finding, SourceCitation, Verdict};
use crate::lexicon::LEXICON;
use crate::{Annotated, Claim, Granularity, Modality, Predicate, Quantity, TimeInterval, Value};

/// Point-in-time figures (a group's strength) dated up to this many days
/// apart describe the same time.
pub const SAME_TIME_DAYS: i64 = 183;

/// Claims cited by name in a summary, at most.
const CITED: usize = 6;

/// Disagreeing pairs kept per finding.
const PAIRS: usize = 3;

/// Judges every (entity, predicate) group.
pub(super) fn judge_all(
    docs: &[Annotated],
    entities: &[CorpusEntity],
    claims: &[CorpusClaim],
) -> Vec<Finding> {
    let mut keyed: Vec<(usize, Predicate, usize)> = Vec::with_capacity(claims.len());
    for (i, c) in claims.iter().enumerate() {
        let cl = &docs[c.doc].claims[c.idx];
        keyed.push((c.subject, cl.predicate, i));
        if cl.predicate == Predicate::FirstActive {
            keyed.push((c.subject, Predicate::Founded, i));
        }
    }
    keyed.sort_unstable();
    // Dated renamings and splits in the texts ("was renamed the Lion Front
    // in 2016", "broke away from Boko Haram in August 2016"), by the group
    // they made.
    let mut renamings: HashMap<usize, Vec<usize>> = HashMap::new();
    for &(subject, predicate, i) in &keyed {
        if matches!(predicate, Predicate::RenamedFrom | Predicate::SplinterOf) {
            renamings.entry(subject).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    let mut s = 0;
    while s < keyed.len() {
        let (subject, predicate, _) = keyed[s];
        let mut e = s;
        while e < keyed.len() && keyed[e].0 == subject && keyed[e].1 == predicate {
            e += 1;
        }
        let ids: Vec<usize> = keyed[s..e].iter().map(|k| k.2).collect();
        s = e;
        let get = |i: usize| &docs[claims[i].doc].claims[claims[i].idx];
        if predicate == Predicate::Founded
            && ids.iter().all(|&i| get(i).predicate == Predicate::FirstActive)
        {
            continue;
        }
        let renamed = if predicate == Predicate::Founded {
            renamed_on(docs, entities, claims, &renamings, subject)
        } else {
            None
        };
        out.push(judge_group(docs, entities, claims, subject, predicate, ids, renamed));
    }
    out
}

/// The key under which sources count once.
fn source_key(a: &Annotated, c: &Claim) -> (String, bool) {
    let Some(src) = &c.source else {
        return (format!("outlet:{}", outlet_of(a).to_lowercase()), true);
    };
    const STOP: &[&str] = &[
        "a",
        "an",
        "the",
        "issued",
        "released",
        "published",
        "leaked",
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
        "annual",
        "confidential",
        "report",
        "reports",
        "study",
        "assessment",
        "statement",
        "estimate",
        "estimates",
        "data",
        "figures",
        "from",
        "on",
        "and",
        "earlier",
        "month",
        "week",
        "year",
        "yesterday",
        "today",
        "ago",
    ];
    const DOCUMENTS: &[&str] =
        &["report", "reports", "study", "assessment", "statement", "estimate", "estimates", "data"];
    let lower: Vec<String> = src
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let document_like = lower.iter().any(|w| DOCUMENTS.contains(&w.as_str()));
    let mut words: Vec<&str> = lower
        .iter()
        .map(String::as_str)
        .filter(|w| !STOP.contains(w) && !crate::time::MONTH_NAMES.contains(w))
        .collect();
    words.sort_unstable();
    words.dedup();
    let core = words.join(" ");
    if document_like && !core.is_empty() {
        // A report is shared across outlets within a year of publication.
        let year = a.doc.published.map(|d| chrono::Datelike::year(&d)).unwrap_or(0);
        (format!("doc:{core}:{year}"), false)
    } else {
        // "officials", "some experts": the same words from two outlets are two sources.
        (format!("said:{core}:{}", outlet_of(a).to_lowercase()), false)
    }
}

#[derive(Clone, Copy, Debug)]
enum Anchor {
    /// The time is not known: the claim says none (or one that cannot be
    /// resolved, "last June") in a document without a date. Only claims of
    /// the same document (by index) share it.
    Unknown(usize),
    /// A vague past time ("at one point", "at its peak").
    Vague,
    /// A concrete interval: (midpoint, start, end) in days since 1970.
    Concrete(i64, i64, i64),
}

fn days(d: chrono::NaiveDate) -> i64 {
    (d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()).num_days()
}

/// The time a claim is about. A claim that says no time is about its
/// document's publication date; in a document without one its time is
/// unknown, and so is that of an unresolved expression ("last June",
/// "currently" without a date), unless it names a vague past
/// (`when_past` in `data/cues/words.tsv`).
fn anchor(a: &Annotated, doc: usize, c: &Claim) -> Anchor {
    let concrete = |s: chrono::NaiveDate, e: chrono::NaiveDate| {
        let (s, e) = (days(s), days(e));
        Anchor::Concrete((s + e) / 2, s, e)
    };
    let unstated = || a.doc.published.map_or(Anchor::Unknown(doc), |d| concrete(d, d));
    let Some(w) = &c.when else { return unstated() };
    match &w.interval {
        Some(i) if i.granularity != Granularity::Vague => match (i.start, i.end) {
            (Some(s), Some(e)) => concrete(s, e),
            _ => Anchor::Vague,
        },
        Some(_) => Anchor::Vague,
        None if crate::lexicon::LEXICON.is("when_past", &w.text.to_lowercase()) => Anchor::Vague,
        None if w.text == "publication date" => unstated(),
        None => Anchor::Unknown(doc),
    }
}

fn lo(q: &Quantity) -> f64 {
    q.low.unwrap_or(f64::NEG_INFINITY)
}

fn hi(q: &Quantity) -> f64 {
    q.high.unwrap_or(f64::INFINITY)
}

/// The relative gap between two disjoint intervals (0 when they overlap).
fn gap(a: &Quantity, b: &Quantity) -> f64 {
    let rel = |low: f64, high: f64| (low - high) / high.abs().max(1.0);
    if lo(a) > hi(b) {
        rel(lo(a), hi(b))
    } else if lo(b) > hi(a) {
        rel(lo(b), hi(a))
    } else {
        0.0
    }
}

/// Disagreeing pairs, the widest first.
#[derive(Default)]
struct Pairs(Vec<(f64, usize, usize)>);

impl Pairs {
    fn add(&mut self, g: f64, a: usize, b: usize) {
        if a == b || self.0.iter().any(|p| (p.1, p.2) == (a, b) || (p.1, p.2) == (b, a)) {
            return;
        }
        self.0.push((g, a, b));
        self.0.sort_by(|x, y| y.0.total_cmp(&x.0));
        self.0.truncate(PAIRS);
    }
    fn best(&self) -> f64 {
        self.0.first().map(|p| p.0).unwrap_or(0.0)
    }
}

/// Largest lower bound and smallest upper bound of a set, with their members.
#[derive(Clone, Copy)]
struct Helly {
    max_lo: (f64, usize),
    min_hi: (f64, usize),
}

impl Helly {
    fn new() -> Helly {
        Helly { max_lo: (f64::NEG_INFINITY, usize::MAX), min_hi: (f64::INFINITY, usize::MAX) }
    }
    fn add(&mut self, q: &Quantity, i: usize) {
        if lo(q) > self.max_lo.0 || self.max_lo.1 == usize::MAX {
            self.max_lo = (lo(q), i);
        }
        if hi(q) < self.min_hi.0 || self.min_hi.1 == usize::MAX {
            self.min_hi = (hi(q), i);
        }
    }
    /// Checks every pair between `self` and `other`.
    fn cross(&self, other: &Helly, qs: &[Quantity], pairs: &mut Pairs) -> bool {
        let mut found = false;
        for (l, h) in [(self.max_lo, other.min_hi), (other.max_lo, self.min_hi)] {
            if l.1 != usize::MAX && h.1 != usize::MAX && l.0 > h.0 {
                pairs.add(gap(&qs[l.1], &qs[h.1]), h.1, l.1);
                found = true;
            }
        }
        found
    }
}

/// Judges quantities: the verdict, the disagreeing pairs and the
/// consensus. Disjoint figures for the same time conflict; disjoint dated
/// figures for different times changed over time; disjoint figures of which
/// one is undated or vague are for different (or unknown) times and stay
/// `compatible`.
fn judge_quantities(
    qs: &[Quantity],
    anchors: &[Anchor],
    period: bool,
) -> (Verdict, Pairs, Option<Quantity>) {
    let mut same = Pairs::default();
    let n = qs.len();
    let mut all = Helly::new();
    let mut dated = Helly::new();
    let mut unknown: BTreeMap<usize, Helly> = BTreeMap::new();
    let mut vague = Helly::new();
    let mut concrete: Vec<usize> = Vec::new();
    for i in 0..n {
        all.add(&qs[i], i);
        match anchors[i] {
            Anchor::Unknown(d) => unknown.entry(d).or_insert_with(Helly::new).add(&qs[i], i),
            Anchor::Vague => vague.add(&qs[i], i),
            Anchor::Concrete(..) => {
                dated.add(&qs[i], i);
                concrete.push(i);
            }
        }
    }
    let mut conflict = false;
    // An undated document's figures share its unknown time.
    for h in unknown.values() {
        conflict |= h.cross(h, qs, &mut same);
    }
    // Vague times are the same time as one another.
    conflict |= vague.cross(&vague, qs, &mut same);
    let key = |i: usize| match anchors[i] {
        Anchor::Concrete(m, s, e) => (m, s, e),
        _ => (0, 0, 0),
    };
    if period {
        // Counts over a period compare only for the very same period.
        concrete.sort_by_key(|&i| (key(i).1, key(i).2));
        let mut s = 0;
        while s < concrete.len() {
            let mut e = s;
            let mut h = Helly::new();
            while e < concrete.len()
                && (key(concrete[e]).1, key(concrete[e]).2)
                    == (key(concrete[s]).1, key(concrete[s]).2)
            {
                h.add(&qs[concrete[e]], concrete[e]);
                e += 1;
            }
            conflict |= h.cross(&h, qs, &mut same);
            s = e;
        }
    } else {
        // A sliding window over midpoints, with monotone deques for the
        // window's largest lower bound and smallest upper bound.
        concrete.sort_by_key(|&i| key(i).0);
        let mut max_lo: VecDeque<usize> = VecDeque::new();
        let mut min_hi: VecDeque<usize> = VecDeque::new();
        for &i in &concrete {
            let m = key(i).0;
            while max_lo.front().is_some_and(|&j| m - key(j).0 > SAME_TIME_DAYS) {
                max_lo.pop_front();
            }
            while min_hi.front().is_some_and(|&j| m - key(j).0 > SAME_TIME_DAYS) {
                min_hi.pop_front();
            }
            if let Some(&j) = max_lo.front() {
                if lo(&qs[j]) > hi(&qs[i]) {
                    conflict = true;
                    same.add(gap(&qs[i], &qs[j]), j, i);
                }
            }
            if let Some(&j) = min_hi.front() {
                if lo(&qs[i]) > hi(&qs[j]) {
                    conflict = true;
                    same.add(gap(&qs[i], &qs[j]), j, i);
                }
            }
            while max_lo.back().is_some_and(|&j| lo(&qs[j]) <= lo(&qs[i])) {
                max_lo.pop_back();
            }
            max_lo.push_back(i);
            while min_hi.back().is_some_and(|&j| hi(&qs[j]) >= hi(&qs[i])) {
                min_hi.pop_back();
            }
            min_hi.push_back(i);
        }
    }
    if conflict {
        return (Verdict::Conflict, same, None);
    }
    let mut changed = Pairs::default();
    let moved = if period {
        // Counts over overlapping periods ("this year", "the first half of
        // the year") are no change: only counts over periods apart are.
        let span = |i: usize| match anchors[i] {
            Anchor::Concrete(_, s, e) => (s, e),
            _ => (0, 0),
        };
        let mut by_end = concrete.clone();
        by_end.sort_by_key(|&i| span(i).1);
        let mut by_start = concrete.clone();
        by_start.sort_by_key(|&i| span(i).0);
        let (mut before, mut k, mut moved) = (Helly::new(), 0, false);
        for &i in &by_start {
            while k < by_end.len() && span(by_end[k]).1 < span(i).0 {
                before.add(&qs[by_end[k]], by_end[k]);
                k += 1;
            }
            let mut one = Helly::new();
            one.add(&qs[i], i);
            moved |= before.cross(&one, qs, &mut changed);
        }
        moved
    } else {
        dated.cross(&dated, qs, &mut changed)
    };
    if moved {
        return (Verdict::ChangedOverTime, changed, latest_consensus(qs, anchors, &concrete));
    }
    if all.cross(&all, qs, &mut changed) {
        return (Verdict::Compatible, changed, None);
    }
    (Verdict::Agree, changed, intersect(qs.iter()))
}

/// The intersection of intervals (None for none).
fn intersect<'a>(qs: impl Iterator<Item = &'a Quantity>) -> Option<Quantity> {
    let mut out: Option<Quantity> = None;
    for q in qs {
        out = Some(match out {
            None => *q,
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
    out
}

/// For a change over time: the consensus of the most recent dated figures,
/// when they overlap.
fn latest_consensus(qs: &[Quantity], anchors: &[Anchor], concrete: &[usize]) -> Option<Quantity> {
    let mid = |i: usize| match anchors[i] {
        Anchor::Concrete(m, ..) => m,
        _ => i64::MIN,
    };
    let last = concrete.iter().map(|&i| mid(i)).max()?;
    let recent: Vec<&Quantity> =
        concrete.iter().filter(|&&i| last - mid(i) <= SAME_TIME_DAYS).map(|&i| &qs[i]).collect();
    let q = intersect(recent.into_iter())?;
    match (q.low, q.high) {
        (Some(l), Some(h)) if l > h => None,
        _ => Some(q),
    }
}

/// Judges founding and first-activity dates.
fn judge_times(items: &[(Predicate, &TimeInterval)]) -> (Verdict, Pairs) {
    let mut pairs = Pairs::default();
    let start = |t: &TimeInterval| t.start.map(days).unwrap_or(i64::MIN);
    let end = |t: &TimeInterval| t.end.map(days).unwrap_or(i64::MAX);
    let gap_days = |a: i64, b: i64| ((a - b) as f64 / 365.0).max(0.0);
    let mut conflict = false;
    let extreme = |pred: Predicate| -> Option<((i64, usize), (i64, usize))> {
        let idx: Vec<usize> = (0..items.len()).filter(|&i| items[i].0 == pred).collect();
        let max_start = idx.iter().map(|&i| (start(items[i].1), i)).max()?;
        // First activity "as early as 2004" (no start) traces the roots
        // back to then at the latest: a later first activity is where other
        // sources first saw the group, not a rival date.
        let min_end = idx
            .iter()
            .filter(|&&i| pred != Predicate::FirstActive || items[i].1.start.is_some())
            .map(|&i| (end(items[i].1), i))
            .min()
            .unwrap_or((i64::MAX, usize::MAX));
        Some((max_start, min_end))
    };
    let f = extreme(Predicate::Founded);
    let a = extreme(Predicate::FirstActive);
    for (ms, me) in [f, a].into_iter().flatten() {
        if ms.0 > me.0 {
            conflict = true;
            pairs.add(gap_days(ms.0, me.0), me.1, ms.1);
        }
    }
    if let (Some((_, f_end)), Some((a_start, _))) = (f, a) {
        if a_start.0 > f_end.0 {
            conflict = true;
            pairs.add(gap_days(a_start.0, f_end.0), f_end.1, a_start.1);
        }
    }
    if conflict {
        return (Verdict::Conflict, pairs);
    }
    let first = items[0].1;
    let all_same = items.iter().all(|(_, t)| t.start == first.start && t.end == first.end);
    (if all_same { Verdict::Agree } else { Verdict::Compatible }, pairs)
}

/// The identity of a non-numeric value: an entity by its id (not its
/// index, which depends on the rest of the corpus: the order of values, and
/// so the pair cited, must be the same whatever else is reconciled with it).
///
/// A designation by a state organ is its country's ("designated by the
/// State Department" is a designation by the United States), so the two
/// agree.
fn value_id(entities: &[CorpusEntity], claims: &[CorpusClaim], c: usize, cl: &Claim) -> String {
    match (&cl.value, claims[c].value_entity) {
        (_, Some(e)) => match entities.get(e) {
            Some(x) => match x.catalog_id.as_deref().and_then(|id| LEXICON.state_of(id)) {
                Some(country) if cl.predicate == Predicate::Designated => {
                    format!("ecountry:{country}")
                }
                _ => format!("e{}", x.id),
            },
            None => format!("e#{e}"),
        },
        (Value::Text(t), None) => format!("t{}", t.to_lowercase()),
        (v, None) => format!("{v:?}"),
    }
}

/// Judges entity and text values.
fn judge_values(
    docs: &[Annotated],
    entities: &[CorpusEntity],
    claims: &[CorpusClaim],
    predicate: Predicate,
    ids: &[usize],
) -> (Verdict, Pairs) {
    let get = |i: usize| &docs[claims[i].doc].claims[claims[i].idx];
    let mut pairs = Pairs::default();
    let mut conflict = false;
    // Asserted and denied.
    // Ordered maps: which pair is cited must not depend on hashing.
    let mut by_value: BTreeMap<String, (Option<usize>, Option<usize>)> = BTreeMap::new();
    for &i in ids {
        let c = get(i);
        let e = by_value.entry(value_id(entities, claims, i, c)).or_default();
        if c.modality == Modality::Denied {
            e.1.get_or_insert(i);
        } else {
            e.0.get_or_insert(i);
        }
    }
    for (yes, no) in by_value.values() {
        if let (Some(y), Some(n)) = (yes, no) {
            conflict = true;
            pairs.add(1.0, *y, *n);
        }
    }
    let distinct = by_value.len();
    if predicate == Predicate::Leader {
        // Two different current leaders at the same time.
        let mut current: Vec<(i64, String, usize)> = ids
            .iter()
            .filter_map(|&i| {
                let c = get(i);
                if c.status.as_deref() != Some("current") || c.modality == Modality::Denied {
                    return None;
                }
                let m = match anchor(&docs[claims[i].doc], claims[i].doc, c) {
                    Anchor::Concrete(m, ..) => m,
                    _ => docs[claims[i].doc].doc.published.map(days)?,
                };
                Some((m, value_id(entities, claims, i, c), i))
            })
            .collect();
        current.sort();
        let mut window: VecDeque<(i64, usize)> = VecDeque::new();
        let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for (k, (m, v, i)) in current.iter().enumerate() {
            while window.front().is_some_and(|&(m0, _)| m - m0 > SAME_TIME_DAYS) {
                let Some((_, j)) = window.pop_front() else { break };
                let vj = current[j].1.as_str();
                if let Some(e) = counts.get_mut(vj) {
                    e.0 -= 1;
                    if e.0 == 0 {
                        counts.remove(vj);
                    }
                }
            }
            if let Some((_, (_, other))) = counts.iter().find(|(val, _)| **val != v.as_str()) {
                conflict = true;
                pairs.add(1.0, current[*other].2, *i);
            }
            let e = counts.entry(v.as_str()).or_insert((0, k));
            e.0 += 1;
            e.1 = k;
            window.push_back((*m, k));
        }
        if conflict {
            return (Verdict::Conflict, pairs);
        }
        if distinct > 1 {
            let mut it = by_value.values().filter_map(|(y, n)| y.or(*n));
            if let (Some(a), Some(b)) = (it.next(), it.next()) {
                pairs.add(0.5, a, b);
            }
            return (Verdict::ChangedOverTime, pairs);
        }
        return (Verdict::Agree, pairs);
    }
    if conflict {
        (Verdict::Conflict, pairs)
    } else if distinct > 1 {
        (Verdict::Compatible, pairs)
    } else {
        (Verdict::Agree, pairs)
    }
}

/// When a group took its present name or split off on its own: January 1
/// of the year the catalog gives (`renamed_from` in `data/groups.tsv`),
/// else the latest dated renaming or split the texts report ("the Northern
/// Front was renamed the Lion Front in 2016", "ISWAP broke away from Boko
/// Haram in August 2016"; a `renamed_from` or `splinter_of` claim whose time
/// is its own, not the publication date).
fn renamed_on(
    docs: &[Annotated],
    entities: &[CorpusEntity],
    claims: &[CorpusClaim],
    renamings: &HashMap<usize, Vec<usize>>,
    subject: usize,
) -> Option<chrono::NaiveDate> {
    let catalog = entities[subject]
        .catalog_id
        .as_deref()
        .and_then(|id| crate::lexicon::LEXICON.renamed_in(id))
        .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, 1, 1));
    catalog.or_else(|| {
        renamings
            .get(&subject)?
            .iter()
            .filter_map(|&i| docs[claims[i].doc].claims[claims[i].idx].when.as_ref())
            .filter(|w| w.text != "publication date")
            .filter_map(|w| w.interval.as_ref())
            .filter(|t| t.granularity != Granularity::Vague)
            .filter_map(|t| t.start)
            .max()
    })
}

/// For compatible dates: first activity "as early as" a date (no start)
/// before another source's later date traces the roots further back.
fn roots_note(
    docs: &[Annotated],
    claims: &[CorpusClaim],
    ts: &[(usize, Predicate, &TimeInterval)],
) -> Option<String> {
    let early = ts
        .iter()
        .filter(|t| t.1 == Predicate::FirstActive && t.2.start.is_none())
        .min_by_key(|t| t.2.end)?;
    let later = ts.iter().filter(|t| t.2.start > early.2.end).max_by_key(|t| t.2.start)?;
    let said = |i: usize| {
        let c = &docs[claims[i].doc].claims[claims[i].idx];
        (date_text(c), super::source_of(&docs[claims[i].doc], c))
    };
    let ((ev, es), (lv, ls)) = (said(early.0), said(later.0));
    Some(format!(
        "{ev} ({es}) traces its first activity back to then at the latest, earlier than \
         {lv} ({ls}): an earlier trace, not a rival date"
    ))
}

/// A date as written ("late 2014"), for a sentence that already lists it
/// with its interval.
fn date_text(c: &Claim) -> String {
    match &c.value {
        Value::Time { text, .. } => text.clone(),
        _ => String::new(),
    }
}

/// A group renamed on date R (see [`renamed_on`]): a founding date that
/// ends before R is its predecessor's, written under the new name ("HTS was
/// founded in 2012"). When the group's own dates exist, only they are
/// judged; the predecessor's are listed, never compared with them.
/// Returns the claims judged and those set aside as the predecessor's.
fn own_era<'a>(
    renamed: Option<chrono::NaiveDate>,
    ids: Vec<usize>,
    get: impl Fn(usize) -> &'a Claim,
) -> (Vec<usize>, Vec<usize>) {
    let Some(renamed) = renamed else { return (ids, Vec::new()) };
    let before = |i: usize| match &get(i).value {
        Value::Time { interval: Some(t), .. } => t.end.is_some_and(|e| e < renamed),
        _ => false,
    };
    let (own, older): (Vec<usize>, Vec<usize>) = ids.iter().partition(|&&i| !before(i));
    if own.is_empty() {
        (ids, Vec::new())
    } else {
        (own, older)
    }
}

/// The words of a group's names that may show a source speaks for it
/// ("a Taliban spokesman"): common nouns and short words left out.
fn name_words(e: &CorpusEntity) -> HashSet<String> {
    let lex = &crate::lexicon::LEXICON;
    std::iter::once(&e.name)
        .chain(&e.aliases)
        .flat_map(|n| n.split_whitespace())
        .map(|w| w.to_lowercase())
        .filter(|w| w.len() > 2 && !lex.is_generic_alias(w))
        .collect()
}

/// A claim the group makes about itself: its source is one of the group's
/// own people ("its leader", "a Taliban spokesman", `member_noun` in
/// `data/cues/words.tsv`) speaking for it ("its", "their", "the group's" or
/// a word of the group's name, `names`).
fn interested(c: &Claim, names: &HashSet<String>) -> bool {
    let lex = &crate::lexicon::LEXICON;
    let Some(src) = &c.source else { return false };
    let words: Vec<String> = src
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches("'s").to_lowercase())
        .collect();
    words.iter().any(|w| lex.is("member_noun", w))
        && words
            .iter()
            .any(|w| matches!(w.as_str(), "its" | "their" | "group") || names.contains(w))
}

fn judged(c: &Claim) -> bool {
    !matches!(c.modality, Modality::Hypothetical | Modality::Expected)
}

fn judge_group(
    docs: &[Annotated],
    entities: &[CorpusEntity],
    claims: &[CorpusClaim],
    subject: usize,
    predicate: Predicate,
    ids: Vec<usize>,
    renamed: Option<chrono::NaiveDate>,
) -> Finding {
    let get = |i: usize| &docs[claims[i].doc].claims[claims[i].idx];
    // Independent sources.
    let mut citations: Vec<SourceCitation> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut reports: HashSet<usize> = HashSet::new();
    for &i in &ids {
        let a = &docs[claims[i].doc];
        let c = get(i);
        reports.insert(claims[i].doc);
        let (key, itself) = source_key(a, c);
        let ix = *by_key.entry(key).or_insert_with(|| {
            citations.push(SourceCitation {
                source: super::source_of(a, c),
                outlet_itself: itself,
                outlets: Vec::new(),
                claims: Vec::new(),
            });
            citations.len() - 1
        });
        let cit = &mut citations[ix];
        cit.claims.push(i);
        let outlet = outlet_of(a);
        if !cit.outlets.contains(&outlet) {
            cit.outlets.push(outlet);
        }
    }
    let mut judged_ids: Vec<usize> = ids.iter().copied().filter(|&i| judged(get(i))).collect();
    // Why the verdict is what it is, when the listing alone does not say.
    let mut note: Option<String> = None;
    let mut older = Vec::new();
    if predicate == Predicate::Founded {
        (judged_ids, older) = own_era(renamed, judged_ids, get);
    }
    let (verdict, pairs, consensus) = if citations.len() <= 1 || judged_ids.is_empty() {
        (Verdict::SingleSource, Pairs::default(), None)
    } else {
        let qs: Vec<(usize, Quantity)> = judged_ids
            .iter()
            .filter_map(|&i| match &get(i).value {
                Value::Quantity { quantity, .. } => Some((i, *quantity)),
                _ => None,
            })
            .collect();
        // A denied date ("was not founded in 2007") is no rival date: it
        // conflicts only with the same date asserted (see below).
        let ts: Vec<(usize, Predicate, &TimeInterval)> = judged_ids
            .iter()
            .filter(|&&i| get(i).modality != Modality::Denied)
            .filter_map(|&i| match &get(i).value {
                Value::Time { interval: Some(t), .. } => Some((i, get(i).predicate, t)),
                _ => None,
            })
            .collect();
        let denied_times =
            judged_ids.iter().filter(|&&i| get(i).modality == Modality::Denied).count();
        let map = |p: Pairs, back: &dyn Fn(usize) -> usize| {
            Pairs(p.0.into_iter().map(|(g, a, b)| (g, back(a), back(b))).collect())
        };
        if qs.len() >= 2 && qs.len() * 2 >= judged_ids.len() {
            // The group's own figure (its leader's boast) is listed, but
            // judged only beside independent estimates' agreement.
            type Figures = Vec<(usize, Quantity)>;
            let names = name_words(&entities[subject]);
            let (boasts, rest): (Figures, Figures) =
                qs.iter().partition(|x| interested(get(x.0), &names));
            let (boasts, rest) =
                if rest.is_empty() { (Vec::new(), boasts) } else { (boasts, rest) };
            let (mut v, mut p, c) = if rest.len() >= 2 {
                let values: Vec<Quantity> = rest.iter().map(|x| x.1).collect();
                let anchors: Vec<Anchor> = rest
                    .iter()
                    .map(|x| anchor(&docs[claims[x.0].doc], claims[x.0].doc, get(x.0)))
                    .collect();
                let (v, p, c) =
                    judge_quantities(&values, &anchors, predicate == Predicate::AttackCount);
                if v == Verdict::Compatible {
                    note =
                        Some("the figures that differ are for different or unknown times".into());
                }
                (v, map(p, &|k| rest[k].0), c)
            } else {
                (Verdict::Agree, Pairs::default(), rest.first().map(|x| x.1))
            };
            let mut boast_pairs = Pairs::default();
            for b in &boasts {
                for r in &rest {
                    let g = gap(&b.1, &r.1);
                    if g > 0.0 {
                        boast_pairs.add(g, r.0, b.0);
                    }
                }
            }
            if let Some(&(_, r, b)) = boast_pairs.0.first() {
                if v == Verdict::Agree {
                    v = Verdict::Compatible;
                    p = boast_pairs;
                }
                note = Some(format!(
                    "{} is the group's own word ({}), {} an estimate ({})",
                    value_text(docs, entities, &claims[b]),
                    super::source_of(&docs[claims[b].doc], get(b)),
                    value_text(docs, entities, &claims[r]),
                    super::source_of(&docs[claims[r].doc], get(r)),
                ));
            }
            (v, p, c)
        } else if ts.len() >= 2 && (ts.len() + denied_times) * 2 >= judged_ids.len() {
            let items: Vec<(Predicate, &TimeInterval)> = ts.iter().map(|x| (x.1, x.2)).collect();
            let (mut v, p) = judge_times(&items);
            let mut p = map(p, &|k| ts[k].0);
            if v == Verdict::Compatible {
                note = roots_note(docs, claims, &ts);
            }
            for &i in judged_ids.iter().filter(|&&i| get(i).modality == Modality::Denied) {
                let denied = match &get(i).value {
                    Value::Time { interval: Some(t), .. } => t,
                    _ => continue,
                };
                if let Some(&(j, ..)) =
                    ts.iter().find(|t| t.2.start == denied.start && t.2.end == denied.end)
                {
                    v = Verdict::Conflict;
                    p.add(1.0, j, i);
                }
            }
            (v, p, None)
        } else {
            let (v, p) = judge_values(docs, entities, claims, predicate, &judged_ids);
            (v, p, None)
        }
    };
    let (verdict, pairs) = match (verdict, older.first(), judged_ids.first()) {
        (Verdict::Agree | Verdict::Compatible, Some(&o), Some(&own)) => {
            let when = renamed.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
            note = Some(format!(
                "{} ({}) is from before it split off or took its present name on {when}, so it \
                 dates its predecessor and does not contradict {} ({})",
                date_text(get(o)),
                super::source_of(&docs[claims[o].doc], get(o)),
                date_text(get(own)),
                super::source_of(&docs[claims[own].doc], get(own)),
            ));
            let mut p = Pairs::default();
            p.add(0.0, o, own);
            (Verdict::Compatible, p)
        }
        _ => (verdict, pairs),
    };
    // Rounded to nine decimals: the gap's last bits depend on the order the
    // claims were read in, and a store's component and the whole corpus
    // read them in different orders (1.6094379124341005 vs ...003).
    let significance = match verdict {
        Verdict::Conflict | Verdict::ChangedOverTime => {
            let s = pairs.best().max(0.01) * (1.0 + citations.len() as f64).ln();
            (s * 1e9).round() / 1e9
        }
        _ => 0.0,
    };
    let pair_list: Vec<(usize, usize)> = pairs.0.iter().map(|p| (p.1, p.2)).collect();
    let summary = summarize(
        docs,
        entities,
        claims,
        subject,
        predicate,
        verdict,
        &ids,
        &citations,
        &pair_list,
        reports.len(),
        consensus,
        note.as_deref(),
    );
    Finding {
        subject,
        predicate,
        verdict,
        claims: ids,
        summary,
        consensus,
        sources: citations.iter().map(|c| c.source.clone()).collect(),
        citations,
        pairs: pair_list,
        significance,
        reports: reports.len(),
    }
}

/// The predicate as a noun phrase for summaries.
pub fn phrase(p: Predicate) -> &'static str {
    match p {
        Predicate::Founded => "founding date",
        Predicate::FirstActive => "first activity",
        Predicate::FoundedBy => "founders",
        Predicate::Leader => "leader",
        Predicate::Strength => "strength",
        Predicate::BasedIn => "base",
        Predicate::OperatesIn => "area of operations",
        Predicate::PartOf => "parent organization",
        Predicate::AffiliatedWith => "affiliations",
        Predicate::AlliedWith => "allies",
        Predicate::Opposes => "enemies",
        Predicate::Targets => "targets",
        Predicate::AttackCount => "attack count",
        Predicate::MemberOrigin => "members' origins",
        Predicate::ClaimedResponsibility => "claimed attacks",
        Predicate::Role => "role",
        Predicate::MemberOf => "group",
        Predicate::Status => "status",
        Predicate::RenamedFrom => "former names",
        Predicate::MergedFrom => "merged groups",
        Predicate::SplinterOf => "parent group before a split",
        Predicate::Designated => "designations",
    }
}

/// "A and B", "A, B and C".
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
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
    citations: &[SourceCitation],
    pairs: &[(usize, usize)],
    reports: usize,
    consensus: Option<Quantity>,
    note: Option<&str>,
) -> String {
    let name = &entities[subject].name;
    // Cite the disagreeing pair first, then one claim per source.
    let mut cited: Vec<usize> = Vec::new();
    let push = |c: usize, cited: &mut Vec<usize>| {
        if !cited.contains(&c) && cited.len() < CITED {
            cited.push(c);
        }
    };
    if let Some(&(a, b)) = pairs.first() {
        push(a, &mut cited);
        push(b, &mut cited);
    }
    // Then one claim per source and per value, so that repeats do not crowd out others.
    let mut values: HashSet<String> =
        cited.iter().map(|&c| value_text(docs, entities, &claims[c])).collect();
    for cit in citations {
        for &c in &cit.claims {
            if values.insert(value_text(docs, entities, &claims[c])) {
                push(c, &mut cited);
                break;
            }
        }
    }
    for &c in ids {
        if values.insert(value_text(docs, entities, &claims[c])) {
            push(c, &mut cited);
        }
    }
    if predicate == Predicate::Leader && verdict != Verdict::Conflict {
        // Leaders in order of tenure, as far as the texts date it (the web
        // UI lists them the same way).
        cited.sort_by_cached_key(|&c| super::tenure_key(docs, claims, c));
    } else if verdict != Verdict::Conflict {
        // Chronological reads best for changes; keep the input order otherwise.
        cited.sort_by_key(|&c| {
            let cl = &docs[claims[c].doc].claims[claims[c].idx];
            match anchor(&docs[claims[c].doc], claims[c].doc, cl) {
                Anchor::Concrete(m, ..) => (1, m),
                Anchor::Vague | Anchor::Unknown(_) => (0, 0),
            }
        });
    }
    let citation_of = |c: usize| {
        citations.iter().find(|cit| cit.claims.contains(&c)).map(|cit| cit.outlets.clone())
    };
    let parts: Vec<String> = cited
        .iter()
        .map(|&i| {
            let cc = &claims[i];
            let a = &docs[cc.doc];
            let c = &a.claims[cc.idx];
            let mut s = value_text(docs, entities, cc);
            if c.modality == Modality::Denied {
                s = format!("not {s}");
            }
            if let Some(w) = &c.when {
                if w.text != "publication date" {
                    s.push_str(&format!(", {}", w.text));
                }
            }
            let outlet = super::short_doc(a);
            match &c.source {
                Some(src) => {
                    let outlets = citation_of(i).unwrap_or_default();
                    let via = if outlets.len() > 1 { and_list(&outlets) } else { outlet };
                    format!("{s} ({src}, via {via})")
                }
                None => format!("{s} ({outlet})"),
            }
        })
        .collect();
    let more = ids.len().saturating_sub(cited.len());
    let tail = if more > 0 {
        format!(" and {more} more claim{}", if more == 1 { "" } else { "s" })
    } else {
        String::new()
    };
    let pred = phrase(predicate);
    let n = citations.len();
    let counted = if reports > n {
        format!("{n} independent source{} across {reports} reports", if n == 1 { "" } else { "s" })
    } else {
        format!("{n} source{}", if n == 1 { "" } else { "s" })
    };
    let shared: Vec<String> = citations
        .iter()
        .filter(|c| !c.outlet_itself && c.outlets.len() > 1)
        .take(2)
        .map(|c| {
            format!(
                "“{}” is counted once though {} {} cite it",
                c.source,
                and_list(&c.outlets),
                if c.outlets.len() == 2 { "both" } else { "all" }
            )
        })
        .collect();
    let shared = if shared.is_empty() { String::new() } else { format!("; {}", shared.join("; ")) };
    let body = match verdict {
        Verdict::SingleSource => {
            format!("Only one source gives the {pred} of {name}: {}{tail}", parts.join("; "))
        }
        Verdict::Conflict => {
            // The disagreeing pair first, then the other claims.
            let (pair, rest) = parts.split_at(parts.len().min(2));
            let rest =
                if rest.is_empty() { String::new() } else { format!("; also {}", rest.join("; ")) };
            format!(
                "Sources disagree on the {pred} of {name} ({counted}): {}{rest}{tail}",
                pair.join(" vs ")
            )
        }
        Verdict::ChangedOverTime => {
            let latest =
                consensus.map(|q| format!(", most recently {}", q.display())).unwrap_or_default();
            format!(
                "The {pred} of {name} changed over time per {counted}{latest}: {}{tail}",
                parts.join(" then ")
            )
        }
        Verdict::Compatible => format!(
            "Reports of the {pred} of {name} are compatible ({counted}): {}{tail}",
            parts.join("; ")
        ),
        Verdict::Agree => match consensus {
            Some(q) => format!(
                "{counted} agree on the {pred} of {name}, consensus {}: {}{tail}",
                q.display(),
                parts.join("; ")
            ),
            None => format!("{counted} agree on the {pred} of {name}: {}{tail}", parts.join("; ")),
        },
    };
    let mut s = body;
    s.push_str(&shared);
    if let Some(n) = note {
        s.push_str(&format!("; {n}"));
    }
    s.push('.');
    // Capitalize a leading digit-free sentence start.
    let mut ch = s.chars();
    match ch.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(ch).collect(),
        _ => s,
    }
}
