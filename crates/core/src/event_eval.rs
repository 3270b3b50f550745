//! Scoring event extraction against rows in ACLED's layout.
//!
//! Each row gives a report text (`notes`), the day it happened
//! (`event_date`), the toll (`fatalities`), the first-level subdivision
//! (`admin1`) and the two sides (`actor1`, `actor2`). [`EventScorer`] runs the
//! full extraction on the notes with `event_date` as the publication date and
//! counts four shares:
//!
//! - **killed**: the extracted toll equals `fatalities`. The toll is the sum,
//!   over the events found, of the lowest credible figure (see [`toll`]) of
//!   `killed` plus `perpetrators_killed` (ACLED counts every death, attackers
//!   included, and codes the lowest estimate). ACLED codes 0 when a note reports no deaths
//!   or gives none ("no fatalities", "[size=no report]"), so a note from which
//!   no death toll is extracted scores as 0. A `killed_or_wounded` figure alone
//!   is not a death toll and counts as 0, as ACLED would code it.
//! - **date**: the first event's day equals `event_date`. An event without a
//!   time of its own, or a note without an event, takes the publication date
//!   (ACLED notes are dated), as every claim without a time cue does.
//! - **place**: the first event's place (else the first place named in the
//!   note) lies in `admin1`: it is that subdivision or a city inside it, or its
//!   name has the same key.
//! - **actor**: a perpetrator, or a named group, matches `actor1` or `actor2`
//!   by any of its names (ACLED's actor names carry suffixes such as
//!   "(2017-)" or "Military Forces of ..."; names are compared by the
//!   lexicon's key and containment). ACLED's "Unidentified Armed Group (...)"
//!   matches an event with no named perpetrator, and "Civilians (...)" an
//!   event whose victims are civilians (`civilian_head` in
//!   `data/cues/words.tsv`); "Police Forces of ...", "Military Forces of
//!   ...", "Rioters (...)" and "Protesters (...)" an event whose actor the
//!   text describes as such ([`crate::Actor`]).
//!
//! - **type**: the note's ACLED event type (see [`acled_type`]) equals
//!   `event_type`, compared by family: ACLED's older exports code
//!   "Riots/Protests" as one type, "Battle-No change of territory" for
//!   battles and "Remote violence" for explosions.
//!
//! Rows with an empty `admin1`, or with both actors empty, do not count toward
//! those two shares; rows without `event_type` do not count toward the type.
//!
//! The killed share is also given on the notes that report deaths
//! (`fatalities` > 0), where a scorer that finds nothing cannot score. Notes
//! whose deaths ACLED split across several rows ("fatalities split between
//! the two events") are skipped: their row holds a share of a total that the
//! note gives whole. [`is_split_note`] tells them apart.

use std::fmt;

use chrono::NaiveDate;

use crate::lexicon::{EntryClass, LEXICON};
use crate::{annotate, ActorClass, Annotated, Document, EntityKind};

/// One row of an ACLED-layout file.
#[derive(Clone, Debug, Default)]
pub struct AcledRow {
    /// The event's day.
    pub event_date: Option<NaiveDate>,
    /// The report text.
    pub notes: String,
    /// Coded deaths.
    pub fatalities: Option<f64>,
    /// First-level subdivision.
    pub admin1: String,
    /// First actor.
    pub actor1: String,
    /// Second actor.
    pub actor2: String,
    /// ACLED's event type ("Battles", "Riots/Protests", ...); may be empty.
    pub event_type: String,
}

/// Does the note say its deaths were split across several rows? ACLED then
/// codes a share of the total the note reports ("Fatalities split across
/// three events").
pub fn is_split_note(notes: &str) -> bool {
    let n = notes.to_lowercase();
    ["fatalities split", "fatalities were split", "split across", "split between", "split among"]
        .iter()
        .any(|c| n.contains(c))
}

/// A share: hits out of rows counted.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Share {
    /// Rows that matched.
    pub hits: usize,
    /// Rows counted.
    pub total: usize,
}

impl Share {
    fn bump(&mut self, hit: bool) {
        self.total += 1;
        self.hits += usize::from(hit);
    }

    /// The share as a fraction (0 when nothing was counted).
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.hits as f64 / self.total as f64
        }
    }
}

/// What was extracted from one row, for error listings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowResult {
    /// Deaths extracted.
    pub killed: f64,
    /// The day extracted.
    pub date: Option<NaiveDate>,
    /// The place extracted.
    pub place: Option<String>,
    /// Perpetrators extracted.
    pub perpetrators: Vec<String>,
    /// The ACLED type of the note's first event.
    pub event_type: Option<&'static str>,
    /// Whether each share was hit: killed, date, place, actor, type (None
    /// when the row does not count toward that share).
    pub hits: [Option<bool>; 5],
}

/// The four shares over every row scored.
#[derive(Clone, Debug, Default)]
pub struct EventReport {
    /// Rows scored.
    pub rows: usize,
    /// Rows skipped because their deaths are split across events.
    pub skipped_split: usize,
    /// Exact killed totals.
    pub killed: Share,
    /// Exact killed totals on the rows with `fatalities` > 0.
    pub killed_deaths: Share,
    /// Right dates.
    pub date: Share,
    /// Place inside `admin1`.
    pub place: Share,
    /// Perpetrator or target matches an actor.
    pub actor: Share,
    /// ACLED event type matches `event_type`.
    pub event_type: Share,
    /// Up to 50 rows whose killed total was wrong: (row number, expected, extracted).
    pub killed_errors: Vec<(usize, f64, f64)>,
}

impl fmt::Display for EventReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Event evaluation: {} rows", self.rows)?;
        if self.skipped_split > 0 {
            writeln!(f, "skipped (fatalities split across events): {}", self.skipped_split)?;
        }
        for (name, s) in [
            ("killed total = fatalities, all notes", self.killed),
            ("killed exact on notes that report deaths", self.killed_deaths),
            ("event date = event_date", self.date),
            ("place in admin1", self.place),
            ("perpetrator/target matches actor1/actor2", self.actor),
            ("event type = event_type", self.event_type),
        ] {
            writeln!(f, "{name:<42} {:>6.1}%  ({}/{})", 100.0 * s.ratio(), s.hits, s.total)?;
        }
        Ok(())
    }
}

/// Accumulates the shares row by row.
#[derive(Clone, Debug, Default)]
pub struct EventScorer {
    report: EventReport,
}

impl EventScorer {
    /// Extracts from one row and counts it; a row whose deaths are split
    /// across events is only counted as skipped (None).
    pub fn add(&mut self, row: &AcledRow) -> Option<RowResult> {
        if is_split_note(&row.notes) {
            self.report.skipped_split += 1;
            return None;
        }
        let doc = Document {
            id: format!("row-{}", self.report.rows + 1),
            published: row.event_date,
            text: row.notes.clone(),
            ..Document::default()
        };
        let a = annotate(doc);
        let mut res = row_result(&a);
        let r = &mut self.report;
        r.rows += 1;
        let expected = row.fatalities.unwrap_or(0.0);
        let ok = (res.killed - expected).abs() < 0.5;
        if !ok && r.killed_errors.len() < 50 {
            r.killed_errors.push((r.rows, expected, res.killed));
        }
        res.hits[0] = Some(ok);
        if expected > 0.0 {
            r.killed_deaths.bump(ok);
        }
        if let Some(d) = row.event_date {
            res.hits[1] = Some(res.date == Some(d));
        }
        if !row.admin1.trim().is_empty() {
            res.hits[2] = Some(in_admin1(&a, &row.admin1));
        }
        if !(row.actor1.trim().is_empty() && row.actor2.trim().is_empty()) {
            res.hits[3] = Some(actor_matches(&a, &row.actor1) || actor_matches(&a, &row.actor2));
        }
        if !row.event_type.trim().is_empty() {
            res.hits[4] = Some(res.event_type.is_some_and(|t| same_type(t, &row.event_type)));
        }
        for (share, hit) in
            [&mut r.killed, &mut r.date, &mut r.place, &mut r.actor, &mut r.event_type]
                .into_iter()
                .zip(res.hits)
        {
            if let Some(h) = hit {
                share.bump(h);
            }
        }
        Some(res)
    }

    /// The shares so far.
    pub fn report(&self) -> EventReport {
        self.report.clone()
    }
}

fn row_result(a: &Annotated) -> RowResult {
    let killed = a.events.iter().fold(0.0, |sum, e| {
        sum + e.killed.as_ref().map_or(0.0, toll) + e.perpetrators_killed.as_ref().map_or(0.0, toll)
    });
    let first = a.events.first();
    let date = first
        .and_then(|e| e.when.as_ref())
        .and_then(|w| w.interval.as_ref())
        .and_then(|i| if i.start == i.end { i.start } else { None })
        .or_else(|| {
            // An event dated only by a wider period, or none (an undated lead
            // event is anchored on the days up to publication; "police said
            // on Wednesday" bounds it by the days up to that one): the
            // note's own date, when the event's interval allows it.
            let own_time = |e: &crate::Event| {
                e.when.as_ref().is_some_and(|w| {
                    let vague = w.interval.as_ref().is_some_and(|i| {
                        i.granularity == crate::Granularity::Vague
                            && a.doc.published.is_some_and(|p| {
                                i.start.is_none_or(|s| s <= p) && i.end.is_none_or(|e| p <= e)
                            })
                    });
                    w.text != "publication date" && !vague
                })
            };
            first.is_none_or(|e| !own_time(e)).then_some(a.doc.published).flatten()
        });
    RowResult {
        killed,
        date,
        place: first.and_then(|e| e.place).map(|p| a.entities[p].name.clone()),
        perpetrators: first
            .map(|e| e.perpetrators.iter().map(|&p| a.entities[p].name.clone()).collect())
            .unwrap_or_default(),
        event_type: acled_type(a),
        hits: [None; 5],
    }
}

/// The ACLED event type of a note: its first event's type (by kind, see
/// [`EventKind::acled_type`]), else "Protests" or "Riots" when the note
/// speaks of a demonstration (`protest_cue` in `data/cues/words.tsv`) or of
/// mob violence (`riot_cue`).
pub fn acled_type(a: &Annotated) -> Option<&'static str> {
    let lex = &*LEXICON;
    let text = a.doc.text.to_lowercase();
    let words: Vec<&str> =
        text.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let has = |cat: &str| words.iter().any(|w| lex.is(cat, w));
    if let Some(e) = a.events.first() {
        // A clash between party supporters or villagers is a riot; one with
        // an armed side is a battle.
        if e.kind == crate::EventKind::Clash && has("riot_cue") && !has("armed_side") {
            return Some("Riots");
        }
        return Some(e.kind.acled_type());
    }
    if has("riot_cue") {
        Some("Riots")
    } else if has("protest_cue") {
        Some("Protests")
    } else {
        None
    }
}

/// Does a type from [`acled_type`] match ACLED's `event_type`, in its
/// current or its older names?
fn same_type(ours: &str, theirs: &str) -> bool {
    let t = theirs.trim().to_lowercase();
    let family = |t: &str| -> &'static str {
        if t.starts_with("battle") {
            "battles"
        } else if t.contains("remote violence") || t.starts_with("explosion") {
            "explosions"
        } else if t.starts_with("violence against civilians") {
            "civilians"
        } else if t == "riots/protests" {
            "riots/protests"
        } else if t.starts_with("riot") {
            "riots"
        } else if t.starts_with("protest") {
            "protests"
        } else {
            "other"
        }
    };
    let (o, g) = (family(&ours.to_lowercase()), family(&t));
    o == g || (g == "riots/protests" && matches!(o, "riots" | "protests"))
}

/// The figure ACLED would code for a count: its lowest credible estimate.
/// "at least 43" is 43 and "several" 3 (the low end of the band); "about 30",
/// a narrow band around one number, is that number.
pub fn toll(q: &crate::Quantity) -> f64 {
    match (q.low, q.high) {
        (Some(lo), Some(hi)) if q.approximate && hi <= lo * 1.25 + 1.0 => ((lo + hi) / 2.0).round(),
        (Some(lo), _) => lo,
        (None, Some(_)) | (None, None) => 0.0,
    }
}

/// Is the event's place inside `admin1`? The place is the finest one the
/// event names that the gazetteer can put in a subdivision: a facility
/// ("Camp Simba airfield") is placed by the city or province named with it.
fn in_admin1(a: &Annotated, admin1: &str) -> bool {
    let lex = &*LEXICON;
    let want = lex.key(admin1);
    let want_ids: Vec<&str> = lex
        .lookup(admin1)
        .into_iter()
        .filter(|e| e.class == EntryClass::Subdivision)
        .map(|e| e.id.as_str())
        .collect();
    // Candidates: the event's place, then every place named in its evidence,
    // then (with no event) every place in the note.
    let mut cands: Vec<usize> = Vec::new();
    if let Some(ev) = a.events.first() {
        cands.extend(ev.place);
        for m in &a.mentions {
            if m.entity.is_some_and(|e| a.entities[e].kind == EntityKind::Place)
                && ev.spans.iter().any(|s| s.contains(m.span))
            {
                cands.extend(m.entity);
            }
        }
    } else {
        cands.extend(
            a.mentions
                .iter()
                .filter_map(|m| m.entity)
                .filter(|&e| a.entities[e].kind == EntityKind::Place),
        );
    }
    for p in cands {
        let ent = &a.entities[p];
        if std::iter::once(&ent.name).chain(&ent.aliases).any(|n| lex.key(n) == want) {
            return true;
        }
        let Some(entry) = ent.catalog_id.as_deref().and_then(|id| lex.by_id(id)) else {
            continue;
        };
        let adm = match entry.class {
            EntryClass::Subdivision => Some(entry.id.clone()),
            EntryClass::City => entry.admin1.as_ref().map(|c| format!("adm1:{c}")),
            _ => None,
        };
        if let Some(id) = adm {
            return want_ids.contains(&id.as_str())
                || lex.by_id(&id).is_some_and(|e| lex.key(&e.name) == want);
        }
    }
    false
}

/// Does a perpetrator (or any group or organization named) match the actor?
fn actor_matches(a: &Annotated, actor: &str) -> bool {
    let lex = &*LEXICON;
    // "Military Forces of Somalia (2017-)" -> "Military Forces of Somalia".
    let bare = actor.split('(').next().unwrap_or(actor).trim();
    let want = lex.key(bare);
    if want.len() < 2 {
        return false;
    }
    let first_word = bare.split_whitespace().next().unwrap_or("").to_lowercase();
    // "Unidentified Armed Group (Nigeria)": right when no perpetrator is named.
    if lex.is("unknown_actor", &first_word) {
        return a.events.first().is_some_and(|e| e.perpetrators.is_empty());
    }
    // "Civilians (Somalia)": right when the victims are civilians.
    if first_word == "civilians" {
        return a.events.iter().flat_map(|e| &e.victims).any(|v| {
            v.description.split_whitespace().any(|w| lex.is("civilian_head", &w.to_lowercase()))
        });
    }
    // "Police Forces of Pakistan", "Rioters (India)": an actor the text
    // describes without a name, by its class.
    for class in
        [ActorClass::Police, ActorClass::Military, ActorClass::Rioters, ActorClass::Protesters]
    {
        if bare.starts_with(&class.acled_name(""))
            && a.events.iter().any(|e| e.actor.as_ref().is_some_and(|x| x.class == class))
        {
            return true;
        }
    }
    let actor_ids: Vec<String> = lex.lookup(bare).into_iter().map(|e| e.id.clone()).collect();
    let mut candidates: Vec<usize> = a.events.iter().flat_map(|e| e.perpetrators.clone()).collect();
    candidates.extend(
        a.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.kind, EntityKind::Group | EntityKind::Organization))
            .map(|(i, _)| i),
    );
    candidates.into_iter().any(|i| {
        let e = &a.entities[i];
        if e.catalog_id.as_ref().is_some_and(|c| actor_ids.contains(c)) {
            return true;
        }
        std::iter::once(&e.name).chain(&e.aliases).any(|n| {
            let k = lex.key(n);
            k.len() >= 2 && (k == want || want.contains(&k) || k.contains(&want))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_count_hits() {
        let mut s = Share::default();
        s.bump(true);
        s.bump(false);
        assert_eq!(s.ratio(), 0.5);
        assert_eq!(Share::default().ratio(), 0.0);
    }
}
