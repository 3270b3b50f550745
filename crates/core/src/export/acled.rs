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
//! - `country`, `admin1`, `location`, `latitude`, `longitude`,
//!   `geo_precision`: the event's place on each level of the gazetteer
//!   (`crate::reconcile::geo`): a facility is located at its city ("Kabul
//!   airport", "the Hayat Hotel in Mogadishu"); the point is the city's,
//!   else the centre of the province, else of the country; `geo_precision`
//!   is 1 for a city or a facility in one, 2 for a province, 3 for a
//!   country or an unknown place. `admin2` stays empty (the gazetteer has
//!   no districts).
//! - `source`: the outlets, `; `-joined. `notes`: built from the evidence:
//!   what, where, when, then each report's figures and first quote.
//! - `fatalities`: ACLED's lowest credible estimate, the smallest lower
//!   bound any report gives for the killed (attackers excluded); 0 when no
//!   report gives a death toll.

use std::io::Write;

use super::tables::num;
use crate::lexicon::Entry;
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

fn geo(docs: &[Annotated], rec: &Reconciled, ev: &CorpusEvent) -> Geo {
    let place = crate::reconcile::geo::event_place(docs, rec, ev);
    let name = |x: Option<&Entry>| x.map(|x| x.name.clone()).unwrap_or_default();
    let location = match (place.city, ev.place) {
        // A facility: located at its city.
        (Some(c), _) if place.city_of_facility => c.name.clone(),
        (_, Some(p)) => rec.entities[p].name.clone(),
        (_, None) => String::new(),
    };
    Geo {
        country: match (place.country_entry(), &place.country) {
            (Some(c), _) => c.name.clone(),
            (None, Some(code)) => code.clone(),
            (None, None) => String::new(),
        },
        admin1: name(place.admin1_entry()),
        location,
        lat: place.coords.map(|c| c.0),
        lon: place.coords.map(|c| c.1),
        precision: place.precision(),
    }
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
