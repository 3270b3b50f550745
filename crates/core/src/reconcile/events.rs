//! Events across reports.
//!
//! Two reports describe the same event when all of these hold:
//! - **Date**: both give a date (spanning at most [`MAX_EVENT_SPAN_DAYS`]),
//!   and the intervals overlap once the merged event's interval is widened
//!   by [`EVENT_WINDOW_DAYS`] on each side. Undated reports never merge.
//! - **Kind**: the same [`kind_family`] (a plain "attack" fits any kind).
//! - **Place**, at the granularity both reports give: the same place; or
//!   one name extends the other ("Kabul airport" and "Kabul"); or one place
//!   is a country and the other lies in it; or one report's evidence
//!   sentences name the other's place. Places in two different countries
//!   never fit. A report without a place fits only through a shared
//!   perpetrator.
//! - **Perpetrators**: not two disjoint non-empty sets.
//!
//! Reports are taken in store order (publication date, then id), and each
//! joins the first merged event it fits. Candidates come from an index of
//! merged events by (country, 4-day bucket), so merging is close to linear.
//!
//! Casualty figures reconcile as intervals: the killed (and the wounded)
//! figures of all reports must overlap, a figure published earlier than
//! another counting as a floor for it (tolls rise as reports come in), and
//! no report's killed figure may exceed another's killed-or-wounded figure; "13 U.S. troops and 75 Afghan
//! civilians killed" (88) fits "more than 150 killed and wounded".

use std::collections::HashMap;

use super::{short_doc, short_hash, CorpusEntity, CorpusEvent};
use crate::lexicon::{EntryClass, Lexicon, LEXICON};
use crate::{Annotated, Event, EventKind, Quantity, TimeInterval};

/// Reports of one event may date it this many days apart (the merged
/// event's interval is widened by this much on each side before testing
/// overlap): reports filed a day or two late, time zones, and relative
/// dates ("on Thursday night") resolved to the neighbouring day stay within it.
pub const EVENT_WINDOW_DAYS: i64 = 3;

/// Reports dated only to a longer span than this ("in 2019") never merge:
/// the date says too little to tell two events apart.
pub const MAX_EVENT_SPAN_DAYS: i64 = 400;

/// Days per index bucket.
const BUCKET_DAYS: i64 = 4;

/// Merge reasons kept per event.
const REASONS: usize = 6;

/// Event kinds that can describe the same event: 0 fits every family
/// (a plain attack); explosive (1: bombing, suicide bombing), armed
/// assault (2: shooting, raid, ambush, clash, assassination, execution,
/// prison break), kidnapping (3), rocket or mortar fire (4).
pub fn kind_family(k: EventKind) -> u8 {
    match k {
        EventKind::Attack => 0,
        EventKind::Bombing | EventKind::SuicideBombing => 1,
        EventKind::Shooting
        | EventKind::Raid
        | EventKind::Ambush
        | EventKind::Clash
        | EventKind::Assassination
        | EventKind::Execution
        | EventKind::PrisonBreak => 2,
        EventKind::Kidnapping => 3,
        EventKind::Shelling => 4,
    }
}

/// Whether two kinds can describe one event.
pub(crate) fn kinds_fit(a: EventKind, b: EventKind) -> bool {
    let (fa, fb) = (kind_family(a), kind_family(b));
    fa == 0 || fb == 0 || fa == fb
}

/// The more specific of two kinds.
pub(crate) fn finer(a: EventKind, b: EventKind) -> EventKind {
    match (a, b) {
        (EventKind::Attack, x) => x,
        (EventKind::Bombing, EventKind::SuicideBombing) => EventKind::SuicideBombing,
        (x, _) => x,
    }
}

/// What a place is, for fitting.
#[derive(Clone)]
struct Place {
    key: String,
    country: Option<String>,
    is_country: bool,
    /// A gazetteer town or city.
    is_town: bool,
}

fn place_info(e: &CorpusEntity) -> Place {
    let lex: &Lexicon = &LEXICON;
    let entry = e.catalog_id.as_deref().and_then(|c| lex.by_id(c));
    // Only a catalog entry tells the country: a facility's leading words may
    // name a town elsewhere ("Police Lines compound" is not in Police, Poland).
    let country = entry.and_then(|x| x.country.clone());
    let is_country = entry.is_some_and(|x| x.class == EntryClass::Country);
    let is_town = entry.is_some_and(|x| x.class == EntryClass::City);
    Place { key: lex.key(&e.name), country, is_country, is_town }
}

/// The places a report's evidence names: every place's lookup key, and
/// the towns' apart.
#[derive(Clone, Default)]
struct Named {
    keys: Vec<String>,
    towns: Vec<String>,
}

/// The places a report's evidence sentences name: the lookup keys of its
/// document's place entities whose names occur in them (found once per
/// report, so that fitting two places is a lookup).
fn named_places(
    docs: &[Annotated],
    d: usize,
    ev: &Event,
    local: &[Vec<usize>],
    place_of: &mut dyn FnMut(usize) -> Place,
) -> Named {
    let a = &docs[d];
    let text = &a.doc.text;
    let mut lower = String::new();
    for sp in &ev.spans {
        if sp.end as usize <= text.len() {
            lower.push_str(&sp.slice(text).to_lowercase());
            lower.push(' ');
        }
    }
    let mut out = Named::default();
    for (i, le) in a.entities.iter().enumerate() {
        if le.kind != crate::EntityKind::Place {
            continue;
        }
        let named = std::iter::once(&le.name)
            .chain(le.aliases.iter())
            .any(|n| mentions(&lower, &n.to_lowercase()));
        if named {
            if let Some(&g) = local[d].get(i) {
                let p = place_of(g);
                if !out.keys.contains(&p.key) {
                    if p.is_town {
                        out.towns.push(p.key.clone());
                    }
                    out.keys.push(p.key);
                }
            }
        }
    }
    out
}

fn mentions(text: &str, name: &str) -> bool {
    name.len() >= 3
        && text.match_indices(name).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + name.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// Whether two places fit, and how; `named_a`/`named_b` are the places each
/// report's evidence names.
fn places_fit(a: &Place, b: &Place, named_a: &Named, named_b: &Named) -> Option<&'static str> {
    if a.key == b.key {
        return Some("same place");
    }
    if let (Some(x), Some(y)) = (&a.country, &b.country) {
        if x != y {
            return None;
        }
        if a.is_country || b.is_country {
            return Some("one place lies in the other country");
        }
    }
    if !a.key.is_empty()
        && !b.key.is_empty()
        && (a.key.starts_with(&b.key) || b.key.starts_with(&a.key))
    {
        return Some("one place name extends the other");
    }
    if named_a.keys.contains(&b.key) || named_b.keys.contains(&a.key) {
        return Some("a report names the other's place");
    }
    // "the Clifton neighbourhood" and "the Chinese consulate", each report
    // naming Karachi: places the gazetteer does not know, in a town both
    // reports name (a town: two villages in one province or country are
    // two places).
    if (a.country.is_none() || b.country.is_none())
        && named_a.towns.iter().any(|k| named_b.towns.contains(k))
    {
        return Some("both reports name the place around it");
    }
    None
}

/// Whether two lists of perpetrators share an actor: the same entity, or a
/// catalog branch and the group it is a branch of ("Islamic State" and its
/// Khorasan Province, which outlets name either way for one attack).
fn shared_actor(entities: &[CorpusEntity], a: &[usize], b: &[usize]) -> bool {
    let lex: &Lexicon = &LEXICON;
    let parent = |p: usize| {
        let id = entities[p].catalog_id.as_deref()?;
        lex.relations.get(id)?.parent.as_deref()
    };
    let id = |p: usize| entities[p].catalog_id.as_deref();
    a.iter().any(|&p| {
        b.iter().any(|&q| {
            p == q
                || (id(q).is_some() && parent(p) == id(q))
                || (id(p).is_some() && parent(q) == id(p))
        })
    })
}

fn days(d: chrono::NaiveDate) -> i64 {
    (d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()).num_days()
}

/// A report's concrete date span in days, when it has one short enough.
fn span(ev: &Event) -> Option<(i64, i64)> {
    let i = ev.when.as_ref()?.interval.as_ref()?;
    let (s, e) = (days(i.start?), days(i.end?));
    (e >= s && e - s <= MAX_EVENT_SPAN_DAYS).then_some((s, e))
}

fn interval_days(i: &TimeInterval) -> Option<(i64, i64)> {
    Some((days(i.start?), days(i.end?)))
}

/// One casualty figure across reports: the largest lower bound of all
/// reports, and the smallest upper bound among the latest reports. Tolls
/// rise as reports come in, so a figure published before another is a
/// floor for it, not a ceiling. When the reports cannot all be true (a
/// floor above a ceiling), the figure is the hull of every report's
/// interval and the event is marked incompatible; each report keeps its own
/// figure. Either way the figure lies inside the hull and its low is never
/// above its high.
#[derive(Clone, Copy, Default)]
struct Figure {
    low: Option<f64>,
    high: Option<f64>,
    approximate: bool,
    latest: Option<chrono::NaiveDate>,
    seen: bool,
    /// The hull of every report's interval: (lowest low, highest high), an
    /// open end as `None`.
    hull: (Option<f64>, Option<f64>),
}

/// How far hedged figures ("about 100") may miss each other and still
/// describe one toll: a tenth of the ceiling.
const HEDGE_SLACK: f64 = 0.1;

impl Figure {
    /// Adds a report's figure; false when it cannot be true with the others.
    fn add(&mut self, q: Option<Quantity>, published: Option<chrono::NaiveDate>) -> bool {
        let Some(q) = q else { return true };
        self.hull = if self.seen {
            (
                self.hull.0.zip(q.low).map(|(a, b)| a.min(b)),
                self.hull.1.zip(q.high).map(|(a, b)| a.max(b)),
            )
        } else {
            (q.low, q.high)
        };
        if self.seen && published.is_some() && published > self.latest {
            self.high = None; // earlier ceilings were floors
        }
        if published > self.latest || !self.seen {
            self.latest = published.or(self.latest);
        }
        self.seen = true;
        self.low = match (self.low, q.low) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        if published >= self.latest || published.is_none() {
            self.high = match (self.high, q.high) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        self.approximate |= q.approximate;
        match (self.low, self.high) {
            (Some(l), Some(h)) if l > h => {
                // Hedged figures may miss each other a little.
                self.approximate && l <= h * (1.0 + HEDGE_SLACK)
            }
            _ => true,
        }
    }

    fn get(&self) -> Option<Quantity> {
        if !self.seen {
            return None;
        }
        let (low, high) = match (self.low, self.high) {
            (Some(l), Some(h)) if l > h => self.hull,
            _ => (self.low, self.high),
        };
        Some(Quantity { low, high, approximate: self.approximate })
    }
}

/// Casualty figures across reports.
#[derive(Clone, Default)]
struct Tally {
    killed: Figure,
    wounded: Figure,
    kw: Figure,
    /// The largest lower bound of a killed + wounded sum.
    sum_low: Option<f64>,
    lowest_killed: Option<f64>,
    compatible: bool,
}

impl Tally {
    fn new(ev: &Event, published: Option<chrono::NaiveDate>) -> Tally {
        let mut t = Tally { compatible: true, ..Tally::default() };
        t.add(ev, published);
        t
    }

    fn add(&mut self, ev: &Event, published: Option<chrono::NaiveDate>) {
        let ok1 = self.killed.add(ev.killed, published);
        let ok2 = self.wounded.add(ev.wounded, published);
        let ok3 = self.kw.add(ev.killed_or_wounded, published);
        self.compatible &= ok1 && ok2 && ok3;
        if let Some(l) = ev.killed.and_then(|q| q.low) {
            self.lowest_killed = Some(self.lowest_killed.map_or(l, |x| x.min(l)));
        }
        if let (Some(k), Some(w)) = (ev.killed, ev.wounded) {
            let s = k.low.unwrap_or(0.0) + w.low.unwrap_or(0.0);
            self.sum_low = Some(self.sum_low.map_or(s, |x| x.max(s)));
        }
        // Killed alone (or killed plus wounded) never exceeds killed-or-wounded.
        if let Some(high) = self.kw.high {
            let killed_low = self.killed.low.unwrap_or(0.0);
            if killed_low > high || self.sum_low.is_some_and(|s| s > high) {
                self.compatible = false;
            }
        }
    }

    fn killed_or_wounded(&self) -> Option<Quantity> {
        match (self.kw.get(), self.sum_low) {
            // Killed and wounded added up above the ceiling: the reports
            // disagree, and the figure is the hull of both.
            (Some(q), Some(s)) if q.high.is_some_and(|h| s > h) => {
                Some(Quantity { high: None, ..q })
            }
            (Some(q), Some(s)) => Some(Quantity { low: Some(q.low.unwrap_or(0.0).max(s)), ..q }),
            (Some(q), None) => Some(q),
            (None, Some(s)) => Some(Quantity { low: Some(s), high: None, approximate: false }),
            (None, None) => None,
        }
    }
}

struct Work {
    ev: CorpusEvent,
    span: Option<(i64, i64)>,
    tally: Tally,
    place: Option<Place>,
    /// Interned country of the place (see `merge`).
    country: u32,
    /// The places the first report's evidence names.
    named: Named,
    /// Without a place: the places its first report's document names
    /// anywhere (see `merge`).
    doc_places: Vec<String>,
}

/// The one day an interval of days covers, if it is one day.
fn one_day(span: Option<(i64, i64)>) -> Option<i64> {
    span.filter(|(s, e)| s == e).map(|(s, _)| s)
}

pub(super) fn merge(
    docs: &[Annotated],
    local: &[Vec<usize>],
    entities: &[CorpusEntity],
) -> Vec<CorpusEvent> {
    let mut places: HashMap<usize, Place> = HashMap::new();
    let mut place_of =
        |p: usize| -> Place { places.entry(p).or_insert_with(|| place_info(&entities[p])).clone() };
    let mut out: Vec<Work> = Vec::new();
    // (country, bucket) -> merged events; country 0 holds every event, 1
    // those at a place of unknown country, the others are interned codes.
    let mut countries: HashMap<String, u32> = HashMap::new();
    let mut country_id = |c: &Option<String>| -> u32 {
        match c {
            None => 1,
            Some(c) => {
                let n = countries.len() as u32 + 2;
                *countries.entry(c.clone()).or_insert(n)
            }
        }
    };
    let mut index: HashMap<(u32, i64), Vec<u32>> = HashMap::new();
    let register = |index: &mut HashMap<(u32, i64), Vec<u32>>, w: &Work, ix: usize| {
        let Some((s, e)) = w.span else { return };
        let (s, e) = (s - EVENT_WINDOW_DAYS, e + EVENT_WINDOW_DAYS);
        // Every event is under 0; a placed one under its country too, and
        // one without a place under 1, where a placed report looks as well
        // (a placeless report fits through a shared perpetrator).
        let mut keys = vec![0];
        keys.push(if w.place.is_some() { w.country } else { 1 });
        for k in keys {
            for b in s.div_euclid(BUCKET_DAYS)..=e.div_euclid(BUCKET_DAYS) {
                let list = index.entry((k, b)).or_default();
                if list.last() != Some(&(ix as u32)) {
                    list.push(ix as u32);
                }
            }
        }
    };
    for (d, a) in docs.iter().enumerate() {
        // Every place the document names: a report that leaves its event's
        // place unsaid ("49 people were killed in shootings at two mosques")
        // while naming the city elsewhere meets the reports that say it.
        // Only a document with such an event needs them.
        let doc_places: Vec<String> = if a.events.iter().all(|e| e.place.is_some()) {
            Vec::new()
        } else {
            let mut v: Vec<String> = a
                .entities
                .iter()
                .enumerate()
                .filter(|(_, le)| le.kind == crate::EntityKind::Place)
                .filter_map(|(i, _)| local[d].get(i).map(|&g| place_of(g).key))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        // Dated reports first, so that an undated re-mention of the same
        // attack later in the text can join the event its document dated.
        let mut order: Vec<usize> = (0..a.events.len()).collect();
        order.sort_by_key(|&i| span(&a.events[i]).is_none());
        let mut this_doc: Vec<usize> = Vec::new();
        for ei in order {
            let ev = &a.events[ei];
            let place = ev.place.and_then(|p| local[d].get(p).copied());
            let perps: Vec<usize> =
                ev.perpetrators.iter().filter_map(|&p| local[d].get(p).copied()).collect();
            let when = ev.when.as_ref().and_then(|w| w.interval.clone());
            let my_span = span(ev);
            let my_place = place.map(&mut place_of);
            let my_named = named_places(docs, d, ev, local, &mut place_of);
            let my_country = my_place.as_ref().map(|p| country_id(&p.country)).unwrap_or(0);
            let mut target: Option<(usize, String)> = None;
            if let Some((s, e)) = my_span {
                let lookup: Vec<u32> = match &my_place {
                    Some(p) if p.country.is_some() => vec![country_id(&p.country), 1],
                    _ => vec![0],
                };
                let mut cands: Vec<u32> = Vec::new();
                for &k in &lookup {
                    for b in s.div_euclid(BUCKET_DAYS)..=e.div_euclid(BUCKET_DAYS) {
                        if let Some(list) = index.get(&(k, b)) {
                            cands.extend_from_slice(list);
                        }
                    }
                }
                cands.sort_unstable();
                cands.dedup();
                for ci in cands {
                    let w = &out[ci as usize];
                    let ce = &w.ev;
                    if ce.reports.last().is_some_and(|r| r.0 == d) {
                        continue;
                    }
                    let Some((cs, cend)) = ce.when.as_ref().and_then(interval_days) else {
                        continue;
                    };
                    if cs - EVENT_WINDOW_DAYS > e || cend + EVENT_WINDOW_DAYS < s {
                        continue;
                    }
                    let shared_perp = shared_actor(entities, &perps, &ce.perpetrators);
                    if !perps.is_empty() && !ce.perpetrators.is_empty() && !shared_perp {
                        continue;
                    }
                    // One of the two leaves its place unsaid: the same
                    // day, figures that can be one toll, and the placeless
                    // report's document naming the other's place.
                    let same_day =
                        || one_day(my_span).is_some_and(|x| one_day(Some((cs, cend))) == Some(x));
                    // Kinds of different families are one event only as a
                    // complex attack: the same perpetrator on the same day
                    // ("gunmen stormed the consulate" and "a suicide
                    // attack on the consulate").
                    if !(kinds_fit(ce.kind, ev.kind) || (shared_perp && same_day())) {
                        continue;
                    }
                    let tally_fits = || {
                        let mut t = w.tally.clone();
                        t.add(ev, a.doc.published);
                        t.compatible
                    };
                    let why = match (&w.place, &my_place) {
                        (Some(x), Some(y)) => match places_fit(x, y, &w.named, &my_named) {
                            Some(r) => r.to_string(),
                            None => continue,
                        },
                        _ if shared_perp => "same perpetrator, place not stated".to_string(),
                        (Some(x), None)
                            if doc_places.binary_search(&x.key).is_ok()
                                && same_day()
                                && tally_fits() =>
                        {
                            "same day, and the report names the place".to_string()
                        }
                        (None, Some(y))
                            if w.doc_places.binary_search(&y.key).is_ok()
                                && same_day()
                                && tally_fits() =>
                        {
                            "same day, and the other report names this place".to_string()
                        }
                        _ => continue,
                    };
                    target = Some((ci as usize, why));
                    break;
                }
            }
            if my_span.is_none() {
                // Undated: only the same document's own events can take it.
                for &ci in &this_doc {
                    let w = &out[ci];
                    let ce = &w.ev;
                    if !kinds_fit(ce.kind, ev.kind) {
                        continue;
                    }
                    let shared_perp = shared_actor(entities, &perps, &ce.perpetrators);
                    if !perps.is_empty() && !ce.perpetrators.is_empty() && !shared_perp {
                        continue;
                    }
                    // "The Taliban denied involvement in a bombing": the
                    // same group's denial in one report is of one event.
                    let shared_denial = || {
                        ev.denied_by.iter().filter_map(|&l| local[d].get(l)).any(|g| {
                            ce.reports.iter().any(|&(d2, e2)| {
                                docs[d2].events.get(e2).is_some_and(|x| {
                                    x.denied_by.iter().any(|&l2| local[d2].get(l2) == Some(g))
                                })
                            })
                        })
                    };
                    let fits = match (&w.place, &my_place) {
                        (Some(x), Some(y)) => places_fit(x, y, &w.named, &my_named).is_some(),
                        _ => shared_perp || shared_denial(),
                    };
                    if fits {
                        target = Some((ci, "an undated mention in the same report".into()));
                        break;
                    }
                }
            }
            match target {
                Some((ci, why)) => {
                    if !this_doc.contains(&ci) {
                        this_doc.push(ci);
                    }
                    let w = &mut out[ci];
                    w.tally.add(ev, a.doc.published);
                    let ce = &mut w.ev;
                    ce.reports.push((d, ei));
                    if ce.merge_reasons.len() < REASONS {
                        let at = match (ce.place, place) {
                            (Some(p), Some(q)) if p != q => {
                                format!(" ({} / {})", entities[p].name, entities[q].name)
                            }
                            _ => String::new(),
                        };
                        ce.merge_reasons.push(format!(
                            "{}: {} kind, date within {EVENT_WINDOW_DAYS} days, {why}{at}",
                            short_doc(a),
                            if ce.kind == ev.kind { "same" } else { "compatible" },
                        ));
                    }
                    let mut new_country = false;
                    match (ce.place, place) {
                        (None, Some(_)) => {
                            ce.place = place;
                            w.place = my_place.clone();
                            w.country = my_country;
                            new_country = true;
                        }
                        (Some(p), Some(q)) => {
                            // Keep the finer place: not a country, else the longer name.
                            let pc = w.place.as_ref().is_some_and(|x| x.is_country);
                            let qc = my_place.as_ref().is_some_and(|x| x.is_country);
                            if (pc && !qc)
                                || (pc == qc && entities[q].name.len() > entities[p].name.len())
                            {
                                let old_country = w.place.as_ref().and_then(|x| x.country.clone());
                                ce.place = Some(q);
                                w.place = my_place.clone();
                                w.country = my_country;
                                new_country =
                                    w.place.as_ref().and_then(|x| x.country.clone()) != old_country;
                            }
                        }
                        _ => {}
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
                    ce.kind = finer(ce.kind, ev.kind);
                    if new_country {
                        let w = &out[ci];
                        register(&mut index, w, ci);
                    }
                }
                None => {
                    let w = Work {
                        ev: CorpusEvent {
                            id: format!("event:{}", short_hash(&format!("{}:{ei}", a.doc.id))),
                            kind: ev.kind,
                            reports: vec![(d, ei)],
                            place,
                            perpetrators: perps,
                            claimed: ev.claimed,
                            when,
                            casualties_compatible: true,
                            killed: None,
                            wounded: None,
                            killed_or_wounded: None,
                            fatalities_lowest: None,
                            merge_reasons: Vec::new(),
                        },
                        span: my_span,
                        tally: Tally::new(ev, a.doc.published),
                        country: my_country,
                        doc_places: if my_place.is_none() {
                            doc_places.clone()
                        } else {
                            Vec::new()
                        },
                        place: my_place,
                        named: my_named,
                    };
                    register(&mut index, &w, out.len());
                    this_doc.push(out.len());
                    out.push(w);
                }
            }
        }
    }
    out.into_iter()
        .map(|w| {
            let mut ev = w.ev;
            let tally = if w.tally.compatible {
                w.tally
            } else {
                superseded_tally(docs, &ev.reports).filter(|t| t.compatible).unwrap_or(w.tally)
            };
            ev.casualties_compatible = tally.compatible;
            ev.killed = tally.killed.get();
            ev.wounded = tally.wounded.get();
            ev.killed_or_wounded = tally.killed_or_wounded();
            ev.fatalities_lowest = tally.lowest_killed;
            ev
        })
        .collect()
}

/// The casualty figures of an event's reports again, each report that
/// another calls an earlier count taken as published before it. "The death
/// toll surged to at least 137 ... from an initial police estimate of 20
/// dead": a report of the same day that says 20 told the first count, it
/// does not contradict 137. `None` when no report is an earlier count.
fn superseded_tally(docs: &[Annotated], reports: &[(usize, usize)]) -> Option<Tally> {
    let published = |d: usize| docs[d].doc.published;
    let exact_killed = |&(d, e): &(usize, usize)| {
        docs[d].events[e].killed.and_then(|q| q.low.filter(|&l| q.high.is_none_or(|h| h == l)))
    };
    let mut when: Vec<Option<chrono::NaiveDate>> =
        reports.iter().map(|&(d, _)| published(d)).collect();
    let mut moved = false;
    for (i, r) in reports.iter().enumerate() {
        let Some(k) = exact_killed(r) else { continue };
        for (j, &(d, e)) in reports.iter().enumerate() {
            let later = &docs[d].events[e];
            let earlier_count = later.victims.iter().any(|v| {
                v.outcome == "killed" && v.count.low == Some(k) && v.count.high == Some(k)
            });
            let above = later.killed.and_then(|q| q.low).is_some_and(|l| l > k);
            if i == j || !earlier_count || !above {
                continue;
            }
            if let Some(day) = when[j].and_then(|p| p.pred_opt()) {
                if when[i].is_none_or(|w| w > day) {
                    when[i] = Some(day);
                    moved = true;
                }
            }
        }
    }
    if !moved {
        return None;
    }
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by_key(|&i| when[i]);
    let (d, e) = reports[order[0]];
    let mut t = Tally::new(&docs[d].events[e], when[order[0]]);
    for &i in &order[1..] {
        let (d, e) = reports[i];
        t.add(&docs[d].events[e], when[i]);
    }
    Some(t)
}
