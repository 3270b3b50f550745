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

use std::collections::HashMap;

use serde_json::Value as Json;

use super::tables::{num, record_outlet, record_outlets, record_quantity, record_str, EntityNames};
use crate::reconcile::geo::{admin1_entry, country_entry};
use crate::reconcile::stored::StoredEvent;
use crate::reconcile::Reconciled;
use crate::{ActorClass, Annotated, Document, EventKind};

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
    let names = EntityNames::of(rec);
    let by_id: HashMap<&str, &Document> =
        docs.iter().map(|a| (a.doc.id.as_str(), &a.doc)).collect();
    for ce in &rec.events {
        let ev = crate::reconcile::stored::stored_event(docs, rec, ce);
        let row = acled_row(&ev, &|id| names.name(id), &|id| by_id.get(id).copied());
        out.write_record(&row).map_err(std::io::Error::other)?;
    }
    out.flush()
}

/// The ACLED row of one stored event (`crate::reconcile::stored::StoredEvent`),
/// from its export record and place; `name` gives an entity's name by id,
/// `doc` a document by id (its date and the text of the quotes; a document
/// it does not give is quoted by nothing). The CLI's writer and the
/// server's export from the store both write their rows with it.
pub fn acled_row<'a>(
    ev: &StoredEvent,
    name: &dyn Fn(&str) -> String,
    doc: &dyn Fn(&str) -> Option<&'a Document>,
) -> Vec<String> {
    let r = &ev.record;
    let when = r.get("when").unwrap_or(&Json::Null);
    let day = |k: &str| chrono::NaiveDate::parse_from_str(record_str(when, k), "%Y-%m-%d").ok();
    let (date, precision) = match (day("start"), day("end")) {
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
    let g = &ev.geo;
    let country = match &g.country {
        Some(code) => country_entry(code).map_or_else(|| code.clone(), |c| c.name.clone()),
        None => String::new(),
    };
    let admin1 =
        g.admin1.as_deref().and_then(admin1_entry).map(|x| x.name.clone()).unwrap_or_default();
    let place = r.get("place").unwrap_or(&Json::Null);
    let location = match &g.city {
        // A facility: located at its city.
        Some(c) if g.city_of_facility => c.clone(),
        _ => record_str(place, "name").to_string(),
    };
    // A mob's killing stays violence against civilians, with "Rioters"
    // as its actor, as ACLED codes it.
    let (etype, sub) = acled_type(ev.kind);
    // The first perpetrator, else the actor the first report describes
    // ("Police Forces of Pakistan", "Rioters (India)").
    let actor1 = match ev.perpetrators.first() {
        Some(p) => name(p),
        None => r
            .get("actor")
            .and_then(|a| a.get("class"))
            .and_then(|c| serde_json::from_value::<ActorClass>(c.clone()).ok())
            .unwrap_or(ActorClass::ArmedGroup)
            .acled_name(&country),
    };
    let actor2 = r
        .get("victims")
        .and_then(Json::as_array)
        .and_then(|v| v.first())
        .map(|v| record_str(v, "description").to_string())
        .unwrap_or_default();
    let claimed = r.get("claimed").and_then(Json::as_bool).unwrap_or(false);
    let mut notes = format!(
        "{} at {} on {}{}.",
        crate::words::event_kind(ev.kind),
        if location.is_empty() { "an unstated place" } else { &location },
        date.map(|d| d.to_string()).unwrap_or_else(|| "an unstated date".into()),
        if claimed { "; responsibility claimed" } else { "" },
    );
    let spans = r.get("spans").and_then(Json::as_array);
    for rep in r.get("reports").and_then(Json::as_array).into_iter().flatten() {
        let id = record_str(rep, "doc");
        let d = doc(id);
        let mut figs = Vec::new();
        for (k, what) in [
            ("killed", "killed"),
            ("wounded", "wounded"),
            ("killed_or_wounded", "killed or wounded"),
        ] {
            if let Some(q) = record_quantity(rep, k) {
                figs.push(format!("{what} {}", q.display()));
            }
        }
        // The first span in its document.
        let quote = spans
            .into_iter()
            .flatten()
            .filter_map(Json::as_array)
            .find(|sp| sp.first().and_then(Json::as_str) == Some(id))
            .and_then(|sp| {
                let at = |i: usize| sp.get(i).and_then(Json::as_u64).map(|x| x as usize);
                d?.text.get(at(1)?..at(2)?)
            })
            .map(|q| short(q, 200))
            .unwrap_or_default();
        notes.push_str(&format!(
            " {} ({}): {}{}",
            record_outlet(rep),
            d.and_then(|d| d.published).map(|p| p.to_string()).unwrap_or_else(|| "undated".into()),
            if figs.is_empty() { String::new() } else { format!("{}. ", figs.join(", ")) },
            if quote.is_empty() { String::new() } else { format!("“{quote}”") }
        ));
    }
    if !r.get("casualties_compatible").and_then(Json::as_bool).unwrap_or(true) {
        notes.push_str(" Reported casualty figures disagree.");
    }
    let year = date.map(|d| chrono::Datelike::year(&d).to_string()).unwrap_or_default();
    vec![
        date.map(|d| d.to_string()).unwrap_or_default(),
        year,
        precision.to_string(),
        etype.into(),
        sub.into(),
        actor1,
        actor2,
        country,
        admin1,
        String::new(),
        location,
        num(g.coords.map(|c| c.0)),
        num(g.coords.map(|c| c.1)),
        g.precision().to_string(),
        record_outlets(r).join("; "),
        notes,
        num(Some(ev.fatalities.floor())),
    ]
}
