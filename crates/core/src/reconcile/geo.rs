//! Where a merged event happened, on each level of the gazetteer: its city
//! (a facility takes the city it is in), its first-level subdivision and
//! its country, with a point for the map. One reading serves the export's
//! `place` record, the stored events' country and province filters and
//! map, and the ACLED export, so that they never disagree.
//!
//! How the levels are found, first match wins:
//! 1. The event's own place, when the gazetteer knows it (a city, a
//!    province, a country). A province named like the city it holds is
//!    that city ("a market in Kabul"), unless a mention in the event's
//!    sentences is followed by an administrative noun ("Ghazni
//!    province"; `admin_head` in `data/cues/words.tsv`).
//! 2. A facility or an unknown place named after a gazetteer place, in a
//!    country the reports name ("Kabul airport"; "Medina Hospital" in a
//!    report on Somalia is not in Saudi Arabia's Medina).
//! 3. The city the evidence names right after it ("the Hayat Hotel in
//!    Mogadishu", "a church near Owo").
//! 4. For a facility (its last word is a facility cue, `data/places/
//!    facility_cues.tsv`): the first city the event's own sentences name
//!    in a country the reports name.
//!
//! These give the city. When none of them places the event, the other
//! reports' places and then the gazetteer places the event's sentences
//! name give its country and province only: a village the gazetteer does
//! not know is not put in whatever city its sentences mention. A province
//! missing from a city's gazetteer row is taken from the provinces of the
//! same country the evidence names.

use std::collections::HashSet;

use crate::lexicon::{Entry, EntryClass, Lexicon, LEXICON};
use crate::{Annotated, EntityKind};

use super::{CorpusEvent, Reconciled};

/// Where an event happened, on each level of the gazetteer.
#[derive(Clone, Debug, Default)]
pub struct EventPlace<'a> {
    /// The city or town (the place itself, or the city a facility is in).
    pub city: Option<&'a Entry>,
    /// ISO 3166-2 code of the first-level subdivision ("AF-KAB").
    pub admin1: Option<String>,
    /// ISO 3166-1 code of the country ("AF").
    pub country: Option<String>,
    /// A point: the city's, else the centre of the subdivision, else of
    /// the country (`data/places/centroids.tsv`).
    pub coords: Option<(f64, f64)>,
    /// True when the event's place is not itself in the gazetteer and the
    /// city was found through it (a facility or a place named after one).
    pub city_of_facility: bool,
}

impl EventPlace<'_> {
    /// The subdivision's gazetteer entry.
    pub fn admin1_entry(&self) -> Option<&'static Entry> {
        admin1_entry(self.admin1.as_deref()?)
    }

    /// The country's gazetteer entry.
    pub fn country_entry(&self) -> Option<&'static Entry> {
        country_entry(self.country.as_deref()?)
    }
}

/// The gazetteer entry of a first-level subdivision by its ISO 3166-2 code.
pub fn admin1_entry(code: &str) -> Option<&'static Entry> {
    LEXICON.by_id(&format!("adm1:{code}"))
}

/// The gazetteer entry of a country by its ISO 3166-1 code.
pub fn country_entry(code: &str) -> Option<&'static Entry> {
    LEXICON.by_id(&format!("country:{code}"))
}

fn is_area(x: &Entry) -> bool {
    matches!(x.class, EntryClass::City | EntryClass::Subdivision | EntryClass::Country)
}

/// Countries of the gazetteer places the reports' documents name.
fn report_countries<'a>(
    lex: &'a Lexicon,
    docs: &[Annotated],
    ev: &CorpusEvent,
) -> HashSet<&'a str> {
    ev.reports
        .iter()
        .filter_map(|&(d, _)| docs.get(d))
        .flat_map(|a| a.entities.iter())
        .filter_map(|le| le.catalog_id.as_deref().and_then(|c| lex.by_id(c)))
        .filter(|x| is_area(x))
        .filter_map(|x| x.country.as_deref())
        .collect()
}

/// The gazetteer places the event's own sentences name, in text order.
fn named_in_evidence<'a>(lex: &'a Lexicon, docs: &[Annotated], ev: &CorpusEvent) -> Vec<&'a Entry> {
    let mut out = Vec::new();
    for &(d, e) in &ev.reports {
        let Some(a) = docs.get(d) else { continue };
        let Some(spans) = a.events.get(e).map(|x| &x.spans) else { continue };
        for m in &a.mentions {
            let Some(le) = m.entity.and_then(|l| a.entities.get(l)) else { continue };
            if le.kind != EntityKind::Place || !spans.iter().any(|sp| sp.contains(m.span)) {
                continue;
            }
            if let Some(x) = le.catalog_id.as_deref().and_then(|c| lex.by_id(c)) {
                out.push(x);
            }
        }
    }
    out
}

/// A city large enough to place a facility named after it when the
/// reports name no country.
const LARGE_CITY: u64 = 500_000;

/// A facility or unknown place named after a gazetteer place: the longest
/// leading words that are one, in a country the reports name.
fn named_after<'a>(lex: &'a Lexicon, name: &str, countries: &HashSet<&str>) -> Option<&'a Entry> {
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..words.len()).rev().find_map(|n| {
        let found: Vec<&Entry> = lex
            .lookup(&words[..n].join(" "))
            .into_iter()
            .filter(|x| is_area(x) && x.country.is_some())
            .collect();
        let cities = || found.iter().copied().filter(|x| x.class == EntryClass::City);
        if !countries.is_empty() {
            // A city first: "Kabul airport" is at the city, not anywhere
            // in the province of that name.
            let ok = |x: &&Entry| x.country.as_deref().is_some_and(|c| countries.contains(c));
            return cities().find(ok).or_else(|| found.iter().copied().find(ok));
        }
        // The reports name no country: a large city ten times as large as
        // any other of its name ("Kabul", not the Galilee village; "Police
        // Lines" is not at the Polish town of Police), else a name in one
        // country only.
        let mut pops: Vec<u64> = cities().map(|x| x.population).collect();
        pops.sort_unstable_by(|a, b| b.cmp(a));
        let dominant = pops.first().is_some_and(|&p| p >= LARGE_CITY)
            && pops.get(1).is_none_or(|&q| pops[0] >= q.saturating_mul(10));
        let one_country = found.windows(2).all(|w| w[0].country == w[1].country);
        if dominant {
            cities().max_by_key(|x| x.population)
        } else if one_country {
            found.first().copied()
        } else {
            None
        }
    })
}

/// The city the evidence names right after the place `name` ("the Police
/// Lines compound in Peshawar").
fn city_beside<'a>(
    lex: &'a Lexicon,
    docs: &[Annotated],
    ev: &CorpusEvent,
    name: &str,
) -> Option<&'a Entry> {
    in_evidence(docs, ev, name, |a, ev_text, i| {
        // "Kabul's Intercontinental Hotel": the city's possessive
        // right before the name.
        let before = ev_text[..i].trim_end_matches("the ");
        let before = before.strip_suffix("'s ").or_else(|| before.strip_suffix("\u{2019}s "));
        let possessor = before.and_then(|b| {
            a.entities.iter().filter(|le| b.ends_with(le.name.as_str())).find_map(|le| {
                let x = le.catalog_id.as_deref().and_then(|c| lex.by_id(c))?;
                match x.class {
                    EntryClass::City => Some(x),
                    EntryClass::Subdivision => capital_named_like(lex, x, &le.name),
                    _ => None,
                }
            })
        });
        if possessor.is_some() {
            return possessor;
        }
        let rest = &ev_text[i + name.len()..];
        let rest = rest.trim_start_matches([',', ' ']);
        let rest = ["in ", "near ", "on the outskirts of ", "outside "]
            .iter()
            .find_map(|p| rest.strip_prefix(p))?;
        let rest = rest.strip_prefix("the ").unwrap_or(rest);
        a.entities.iter().find_map(|le| {
            let x = le.catalog_id.as_deref().and_then(|c| lex.by_id(c))?;
            (x.class == EntryClass::City && rest.starts_with(le.name.as_str())).then_some(x)
        })
    })
}

/// The gazetteer area the evidence says the place `name` lies in, named
/// within a few words after it ("the Rawdha neighborhood in the central
/// city of Marib"): its country and province are the place's, before any
/// other place the evidence names ("the Iran-backed militia").
fn area_after<'a>(
    lex: &'a Lexicon,
    docs: &[Annotated],
    ev: &CorpusEvent,
    name: &str,
) -> Option<&'a Entry> {
    in_evidence(docs, ev, name, |a, ev_text, i| {
        let rest = &ev_text[i + name.len()..];
        let end = rest.char_indices().nth(48).map_or(rest.len(), |(k, _)| k);
        let rest = &rest[..end];
        let at = rest.find(" in ").or_else(|| rest.find(" of "))?;
        a.entities
            .iter()
            .filter_map(|le| {
                let x = le.catalog_id.as_deref().and_then(|c| lex.by_id(c))?;
                let k = rest[at..].find(le.name.as_str())?;
                (is_area(x) && x.country.is_some()).then_some((k, x))
            })
            .min_by_key(|&(k, _)| k)
            .map(|(_, x)| x)
    })
}

/// The first answer `f` gives for an occurrence of `name` in the text of
/// the event's evidence, called with the report's document, the evidence
/// sentence's text and the name's byte offset in it.
fn in_evidence<'d, T>(
    docs: &'d [Annotated],
    ev: &CorpusEvent,
    name: &str,
    mut f: impl FnMut(&'d Annotated, &'d str, usize) -> Option<T>,
) -> Option<T> {
    ev.reports.iter().find_map(|&(d, e)| {
        let a = docs.get(d)?;
        let text = a.doc.text.as_str();
        a.events.get(e)?.spans.iter().find_map(|s| {
            let ev_text = text.get(s.start as usize..s.end as usize)?;
            ev_text.match_indices(name).find_map(|(i, _)| f(a, ev_text, i))
        })
    })
}

/// The city of the same name in the subdivision `sub` ("Kabul" in Kabul
/// province), the largest when there are several.
fn capital_named_like<'a>(lex: &'a Lexicon, sub: &Entry, name: &str) -> Option<&'a Entry> {
    let code = sub.id.strip_prefix("adm1:")?;
    // "Baghdad Governorate": also the name without its administrative noun.
    let bare = |n: &str| {
        let (head, last) = n.rsplit_once(' ')?;
        lex.is("admin_head", &last.to_lowercase()).then(|| head.to_string())
    };
    let names: Vec<String> = [name, sub.name.as_str()]
        .iter()
        .flat_map(|n| std::iter::once(n.to_string()).chain(bare(n)))
        .collect();
    names
        .iter()
        .flat_map(|n| lex.lookup(n))
        .filter(|x| x.class == EntryClass::City && x.admin1.as_deref() == Some(code))
        .max_by_key(|x| x.population)
}

/// True when a mention of the corpus entity `p` in the event's sentences
/// is followed by an administrative noun ("Ghazni province", "Borno
/// State"; `admin_head` in `data/cues/words.tsv`), or names one itself, and
/// no report says it is the city ("the city of Kerman", "Kerman city"):
/// reports of one event may name the province and the city it holds.
fn said_as_subdivision(
    lex: &Lexicon,
    docs: &[Annotated],
    rec: &Reconciled,
    ev: &CorpusEvent,
    p: usize,
) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split_whitespace()
            .take(3)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .collect()
    };
    let head = |t: &str| {
        let w = words(t);
        (1..=w.len()).any(|n| lex.is("admin_head", &w[..n].join(" ")))
    };
    let (mut sub, mut city) = (false, false);
    for &(d, e) in &ev.reports {
        let (Some(a), Some(local)) = (docs.get(d), rec.local.get(d)) else { continue };
        let Some(spans) = a.events.get(e).map(|x| &x.spans) else { continue };
        for m in &a.mentions {
            if m.entity.and_then(|l| local.get(l)) != Some(&p)
                || !spans.iter().any(|sp| sp.contains(m.span))
            {
                continue;
            }
            let text = &a.doc.text;
            let own = text.get(m.span.start as usize..m.span.end as usize).unwrap_or("");
            let after = text.get(m.span.end as usize..).unwrap_or("");
            let before = text.get(..m.span.start as usize).unwrap_or("");
            sub |= own.split_whitespace().skip(1).any(&head) || head(after);
            // The last two words before the mention, read from the end.
            let mut back = before.split_whitespace().rev();
            city |= (back.next().is_some_and(|w| w.eq_ignore_ascii_case("of"))
                && back.next().is_some_and(|w| w.eq_ignore_ascii_case("city")))
                || words(after).first().is_some_and(|w| w == "city");
        }
    }
    sub && !city
}

/// True when the name ends in a facility word ("Hayat Hotel", "Kabul
/// airport", "Police Lines compound").
fn is_facility(lex: &Lexicon, name: &str) -> bool {
    name.split_whitespace()
        .last()
        .is_some_and(|w| lex.facility_cues.contains_key(&w.to_lowercase()))
}

/// Where the merged event `ev` happened (see the module documentation).
pub fn event_place<'a>(docs: &[Annotated], rec: &Reconciled, ev: &CorpusEvent) -> EventPlace<'a> {
    let lex: &'static Lexicon = &LEXICON;
    let Some(p) = ev.place else { return EventPlace::default() };
    let Some(ent) = rec.entities.get(p) else { return EventPlace::default() };
    let catalog = |e: usize| lex.by_id(rec.entities.get(e)?.catalog_id.as_deref()?);
    let countries = report_countries(lex, docs, ev);
    let named = named_in_evidence(lex, docs, ev);
    let in_countries = |x: &&Entry| x.country.as_deref().is_some_and(|c| countries.contains(c));
    let own = catalog(p).filter(|x| is_area(x));
    // "A market in Kabul": a province named like its capital city is the
    // city, unless the reports say "province" ("in Kabul province").
    let capital = own
        .filter(|x| x.class == EntryClass::Subdivision)
        .filter(|_| !said_as_subdivision(lex, docs, rec, ev, p))
        .and_then(|x| capital_named_like(lex, x, &ent.name));
    let through = own.is_none().then(|| {
        named_after(lex, &ent.name, &countries)
            .or_else(|| city_beside(lex, docs, ev, &ent.name))
            .or_else(|| {
                is_facility(lex, &ent.name)
                    .then(|| {
                        named
                            .iter()
                            .copied()
                            .filter(in_countries)
                            .find(|x| x.class == EntryClass::City)
                    })
                    .flatten()
            })
    });
    let through = through.flatten();
    let placed = capital.or(own).or(through);
    // Country and province only: the other reports' places, then the
    // gazetteer places the evidence names.
    let report_places = ev.reports.iter().filter_map(|&(d, e)| {
        let l = docs.get(d)?.events.get(e)?.place?;
        catalog(*rec.local.get(d)?.get(l)?)
    });
    let base = placed
        .or_else(|| report_places.filter(|x| is_area(x)).find(|x| x.country.is_some()))
        .or_else(|| area_after(lex, docs, ev, &ent.name))
        .or_else(|| named.iter().copied().find(|x| x.country.is_some()));
    let Some(base) = base else { return EventPlace::default() };
    let country = base.country.clone();
    let city = placed.filter(|x| x.class == EntryClass::City);
    let mut admin1 = match base.class {
        EntryClass::Subdivision => base.id.strip_prefix("adm1:").map(String::from),
        EntryClass::City => base.admin1.clone(),
        _ => None,
    };
    if admin1.is_none() {
        // A province of the same country the evidence names.
        admin1 = named
            .iter()
            .find(|x| x.class == EntryClass::Subdivision && x.country == country)
            .and_then(|x| x.id.strip_prefix("adm1:").map(String::from));
    }
    let mut out = EventPlace {
        city,
        admin1,
        country,
        coords: None,
        city_of_facility: city.is_some() && own.is_none(),
    };
    out.coords = city
        .and_then(|c| c.coords)
        .or_else(|| out.admin1_entry()?.coords)
        .or_else(|| out.country_entry()?.coords);
    out
}
