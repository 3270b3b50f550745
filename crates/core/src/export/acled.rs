//! Events in ACLED's column layout (a CSV file), so that they can sit beside
//! ACLED data in the same tools.
//!
//! Columns: `event_date, year, time_precision, event_type, sub_event_type,
//! actor1, actor2, country, admin1, admin2, location, latitude, longitude,
//! geo_precision, source, notes, fatalities`. How each is filled:
//! - `event_date` (YYYY-MM-DD): the day when the reports give one; for a
//!   longer span, its middle day. `time_precision`: 1 for a day, 2 for a
//!   span of up to a week, 3 for longer.
//! - `event_type` / `sub_event_type`: from the event kind (see [`acled_type`]).
//! - `actor1`: the first perpetrator, else the actor the text describes by
//!   ACLED's name for its class ("Police Forces of Country", "Rioters
//!   (Country)"), else "Unidentified Armed Group (Country)"; `actor2`: the victims as the first report describes them.
//! - `country`, `admin1`, `location`, `latitude`, `longitude` from the
//!   gazetteer: a city gives its coordinates; a facility named after a city
//!   ("Kabul airport") takes the city's; `admin1` is the place itself when it
//!   is a province, the province the gazetteer puts a city in, else a
//!   province of the same country the reports name in their evidence. `admin2` stays empty (the gazetteer has no districts).
//!   `geo_precision`: 1 for a city or a facility in one, 2 for a province,
//!   3 for a country or an unknown place.
//! - `source`: the outlets, `; `-joined. `notes`: built from the evidence:
//!   what, where, when, then each report's figures and first quote.
//! - `fatalities`: ACLED's lowest credible estimate, the smallest lower
//!   bound any report gives for the killed (attackers excluded); 0 when no
//!   report gives a death toll.

use std::io::Write;

use super::tables::num;
use crate::lexicon::{Entry, EntryClass, Lexicon, LEXICON};
use crate::reconcile::{outlet_of, CorpusEvent, Reconciled};
use crate::{Annotated, EventKind};

/// The ACLED columns, in order.
pub const ACLED_COLUMNS: &[&str] = &[
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
];

/// ACLED's event type and sub-event type for an event kind. Without a
/// target, a plain attack or shooting is coded as violence against
/// civilians; ambushes, raids, clashes and prison breaks as battles.
pub fn acled_type(k: EventKind) -> (&'static str, &'static str) {
    match k {
        EventKind::SuicideBombing => ("Explosions/Remote violence", "Suicide bomb"),
        EventKind::Bombing => ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        EventKind::Shelling => ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        EventKind::Kidnapping => ("Violence against civilians", "Abduction/forced disappearance"),
        EventKind::Ambush | EventKind::Raid | EventKind::Clash | EventKind::PrisonBreak => {
            ("Battles", "Armed clash")
        }
        EventKind::Attack
        | EventKind::Shooting
        | EventKind::Assassination
        | EventKind::Execution => ("Violence against civilians", "Attack"),
    }
}

/// Where an event is, as ACLED columns want it.
struct Geo {
    country: String,
    admin1: String,
    location: String,
    lat: Option<f64>,
    lon: Option<f64>,
    precision: u8,
}

fn entry_of<'a>(
    lex: &'a Lexicon,
    rec: &Reconciled,
    e: usize,
    countries: &std::collections::HashSet<&str>,
) -> Option<&'a Entry> {
    let ent = &rec.entities[e];
    if let Some(x) = ent.catalog_id.as_deref().and_then(|c| lex.by_id(c)) {
        return Some(x);
    }
    // A facility named after a place: the longest leading words that are
    // one, in a country the reports name ("Medina Hospital" in a report on
    // Somalia is not in Saudi Arabia's Medina; "Police Lines" is not in the
    // Polish town of Police).
    let words: Vec<&str> = ent.name.split_whitespace().collect();
    (1..words.len()).rev().find_map(|n| {
        lex.lookup(&words[..n].join(" ")).into_iter().find(|x| {
            matches!(x.class, EntryClass::City | EntryClass::Subdivision | EntryClass::Country)
                && x.country.as_deref().is_some_and(|c| countries.contains(c))
        })
    })
}

/// The text of the evidence spans of one report.
fn evidence_text(a: &Annotated, e: usize) -> String {
    a.events[e]
        .spans
        .iter()
        .filter(|s| s.end as usize <= a.doc.text.len())
        .map(|s| s.slice(&a.doc.text))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Countries of the catalog places the reports' documents name.
fn report_countries<'a>(
    lex: &'a Lexicon,
    docs: &[Annotated],
    ev: &CorpusEvent,
) -> std::collections::HashSet<&'a str> {
    ev.reports
        .iter()
        .flat_map(|&(d, _)| docs[d].entities.iter())
        .filter_map(|le| le.catalog_id.as_deref().and_then(|c| lex.by_id(c)))
        .filter(|x| {
            matches!(x.class, EntryClass::City | EntryClass::Subdivision | EntryClass::Country)
        })
        .filter_map(|x| x.country.as_deref())
        .collect()
}

/// The city the evidence names right after the facility `name` ("the Police
/// Lines compound in Peshawar").
fn city_beside<'a>(
    lex: &'a Lexicon,
    docs: &[Annotated],
    ev: &CorpusEvent,
    name: &str,
) -> Option<&'a Entry> {
    ev.reports.iter().find_map(|&(d, e)| {
        let a = &docs[d];
        let text = evidence_text(a, e);
        text.match_indices(name).find_map(|(i, _)| {
            let rest = &text[i + name.len()..];
            let rest = rest.strip_prefix(" in ").or_else(|| rest.strip_prefix(" near "))?;
            a.entities.iter().find_map(|le| {
                let x = le.catalog_id.as_deref().and_then(|c| lex.by_id(c))?;
                (x.class == EntryClass::City && rest.starts_with(le.name.as_str())).then_some(x)
            })
        })
    })
}

fn country_name(lex: &Lexicon, code: &str) -> String {
    lex.by_id(&format!("country:{code}")).map(|c| c.name.clone()).unwrap_or_else(|| code.into())
}

fn geo(docs: &[Annotated], rec: &Reconciled, ev: &CorpusEvent) -> Geo {
    let lex: &Lexicon = &LEXICON;
    let mut g = Geo {
        country: String::new(),
        admin1: String::new(),
        location: String::new(),
        lat: None,
        lon: None,
        precision: 3,
    };
    let Some(p) = ev.place else { return g };
    let name = rec.entities[p].name.clone();
    g.location = name.clone();
    let countries = report_countries(lex, docs, ev);
    let Some(entry) = entry_of(lex, rec, p, &countries).or_else(|| {
        rec.entities[p].catalog_id.is_none().then(|| city_beside(lex, docs, ev, &name)).flatten()
    }) else {
        return g;
    };
    let code = entry.country.clone().unwrap_or_default();
    g.country = country_name(lex, &code);
    match entry.class {
        EntryClass::City => {
            g.lat = entry.coords.map(|c| c.0);
            g.lon = entry.coords.map(|c| c.1);
            g.precision = 1;
            // The province the gazetteer puts the city in (data/places/admin1.tsv).
            if let Some(adm) = entry.admin1.as_deref().and_then(|c| lex.by_id(&format!("adm1:{c}")))
            {
                g.admin1 = adm.name.clone();
            }
            if rec.entities[p].catalog_id.is_none() {
                // A facility: located at its city.
                g.location = entry.name.clone();
            }
        }
        EntryClass::Subdivision => {
            g.admin1 = entry.name.clone();
            g.precision = 2;
        }
        _ => {}
    }
    if g.admin1.is_empty() && !code.is_empty() {
        // A province of the same country named in the evidence.
        'reports: for &(d, e) in &ev.reports {
            let a = &docs[d];
            let text = evidence_text(a, e);
            for le in &a.entities {
                let Some(x) = le.catalog_id.as_deref().and_then(|c| lex.by_id(c)) else {
                    continue;
                };
                if x.class == EntryClass::Subdivision
                    && x.country.as_deref() == Some(code.as_str())
                    && text.contains(le.name.as_str())
                {
                    g.admin1 = x.name.clone();
                    break 'reports;
                }
            }
        }
    }
    g
}

fn short(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// Writes the events as ACLED-style CSV.
pub fn write_acled<W: Write>(docs: &[Annotated], rec: &Reconciled, w: W) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(ACLED_COLUMNS).map_err(std::io::Error::other)?;
    for ev in &rec.events {
        let (start, end) = match &ev.when {
            Some(t) => (t.start, t.end),
            None => (None, None),
        };
        let (date, precision) = match (start, end) {
            (Some(s), Some(e)) => {
                let span = (e - s).num_days();
                let mid = s + chrono::Duration::days(span / 2);
                (
                    Some(mid),
                    if span == 0 {
                        1
                    } else if span <= 6 {
                        2
                    } else {
                        3
                    },
                )
            }
            (Some(s), None) | (None, Some(s)) => (Some(s), 3),
            (None, None) => (None, 3),
        };
        let g = geo(docs, rec, ev);
        // A mob's killing stays violence against civilians, with "Rioters"
        // as its actor, as ACLED codes it.
        let (etype, sub) = acled_type(ev.kind);
        // The first perpetrator, else the actor the first report describes
        // ("Police Forces of Pakistan", "Rioters (India)").
        let actor1 = match ev.perpetrators.first() {
            Some(&p) => rec.entities[p].name.clone(),
            None => ev
                .described_actor(docs)
                .map_or(crate::ActorClass::ArmedGroup, |(_, a)| a.class)
                .acled_name(&g.country),
        };
        let actor2 = ev
            .reports
            .iter()
            .find_map(|&(d, e)| docs[d].events[e].victims.first().map(|v| v.description.clone()))
            .unwrap_or_default();
        let mut outlets: Vec<String> = Vec::new();
        for &(d, _) in &ev.reports {
            let o = outlet_of(&docs[d]);
            if !outlets.contains(&o) {
                outlets.push(o);
            }
        }
        let mut notes = format!(
            "{} at {} on {}{}.",
            ev.kind.as_str().replace('_', " "),
            if g.location.is_empty() { "an unstated place".into() } else { g.location.clone() },
            date.map(|d| d.to_string()).unwrap_or_else(|| "an unstated date".into()),
            if ev.claimed { "; responsibility claimed" } else { "" },
        );
        for &(d, e) in &ev.reports {
            let a = &docs[d];
            let r = &a.events[e];
            let mut figs = Vec::new();
            if let Some(k) = r.killed {
                figs.push(format!("killed {}", k.display()));
            }
            if let Some(w) = r.wounded {
                figs.push(format!("wounded {}", w.display()));
            }
            if let Some(b) = r.killed_or_wounded {
                figs.push(format!("killed or wounded {}", b.display()));
            }
            let quote = r
                .spans
                .first()
                .filter(|s| s.end as usize <= a.doc.text.len())
                .map(|s| short(s.slice(&a.doc.text), 200))
                .unwrap_or_default();
            notes.push_str(&format!(
                " {} ({}): {}{}",
                outlet_of(a),
                a.doc.published.map(|p| p.to_string()).unwrap_or_else(|| "undated".into()),
                if figs.is_empty() { String::new() } else { format!("{}. ", figs.join(", ")) },
                if quote.is_empty() { String::new() } else { format!("“{quote}”") }
            ));
        }
        if !ev.casualties_compatible {
            notes.push_str(" Reported casualty figures disagree.");
        }
        let year = date.map(|d| chrono::Datelike::year(&d).to_string()).unwrap_or_default();
        let row: Vec<String> = vec![
            date.map(|d| d.to_string()).unwrap_or_default(),
            year,
            precision.to_string(),
            etype.into(),
            sub.into(),
            actor1,
            actor2,
            g.country,
            g.admin1,
            String::new(),
            g.location,
            num(g.lat),
            num(g.lon),
            g.precision.to_string(),
            outlets.join("; "),
            notes,
            num(Some(ev.fatalities_lowest.unwrap_or(0.0).floor())),
        ];
        out.write_record(&row).map_err(std::io::Error::other)?;
    }
    out.flush()
}
