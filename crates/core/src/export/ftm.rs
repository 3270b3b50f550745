//! FollowTheMoney entities (JSON Lines), for Aleph and other FtM tools.
//!
//! Each line is `{"id", "schema", "properties": {name: [values]}}`:
//! - groups and organizations as `Organization` (groups carry the topic
//!   `crime.terror`), people as `Person`, places as `Address` (with
//!   `country`, and `latitude`/`longitude` for cities);
//! - merged events as `Event` (`organizer`: perpetrators, `addressEntity`:
//!   the place, `startDate`/`endDate`, `summary`, `publisher`);
//! - leader and membership claims as `Membership` (`member`,
//!   `organization`, `role`, `status`), other entity-to-entity claims
//!   (`part_of`, `affiliated_with`, `allied_with`, `opposes`, and the
//!   lineage relations `renamed_from`, `merged_from`, `splinter_of`) as
//!   `UnknownLink` (`subject`, `object`, `role`: the predicate);
//! - terrorist listings and bans (`designated`) as `Sanction` (`entity`,
//!   `authority`: the listing country's or organization's name, and
//!   `listingDate` where the text dates the listing).
//!
//! Nationalities and other entities are left out. Ids are `dossier-` and a
//! slug of the dossier id, so repeated exports give the same ids.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::{json, Value as Json};

use crate::lexicon::{Lexicon, LEXICON};
use crate::reconcile::{outlet_of, slug, Reconciled};
use crate::{Annotated, EntityKind, Granularity, Predicate};

/// An FtM id for a dossier id.
pub fn ftm_id(id: &str) -> String {
    format!("dossier-{}", slug(id))
}

fn entity_schema(k: EntityKind) -> Option<&'static str> {
    match k {
        EntityKind::Group | EntityKind::Organization => Some("Organization"),
        EntityKind::Person => Some("Person"),
        EntityKind::Place => Some("Address"),
        EntityKind::Nationality | EntityKind::Other => None,
    }
}

fn record(id: String, schema: &str, props: BTreeMap<&str, Vec<String>>) -> Json {
    let props: serde_json::Map<String, Json> = props
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    json!({"id": id, "schema": schema, "properties": props})
}

/// Every FtM entity of the corpus, one JSON object each.
pub fn ftm_records(docs: &[Annotated], rec: &Reconciled) -> Vec<Json> {
    let lex: &Lexicon = &LEXICON;
    let mut out = Vec::new();
    let mut exported: HashSet<usize> = HashSet::new();
    for (i, e) in rec.entities.iter().enumerate() {
        let Some(schema) = entity_schema(e.kind) else { continue };
        exported.insert(i);
        let mut p: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let entry = e.catalog_id.as_deref().and_then(|c| lex.by_id(c));
        let country = entry.and_then(|x| x.country.clone()).map(|c| c.to_lowercase());
        if schema == "Address" {
            p.insert("full", vec![e.name.clone()]);
            if let Some((lat, lon)) = entry.and_then(|x| x.coords) {
                p.insert("latitude", vec![lat.to_string()]);
                p.insert("longitude", vec![lon.to_string()]);
                p.insert("city", vec![e.name.clone()]);
            }
        } else {
            p.insert("name", vec![e.name.clone()]);
            p.insert("alias", e.aliases.clone());
        }
        if let Some(c) = country {
            p.insert("country", vec![c]);
        }
        if e.kind == EntityKind::Group {
            p.insert("topics", vec!["crime.terror".into()]);
        }
        if !e.evidence.is_empty() {
            p.insert("notes", vec![format!("Names merged by dossier: {}", e.evidence.join("; "))]);
        }
        out.push(record(ftm_id(&e.id), schema, p));
    }
    for ev in &rec.events {
        let mut p: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let place = ev.place.map(|x| rec.entities[x].name.clone());
        p.insert(
            "name",
            vec![format!(
                "{}{}",
                crate::words::event_kind(ev.kind),
                place.as_ref().map(|x| format!(" at {x}")).unwrap_or_default()
            )],
        );
        if let Some(t) = &ev.when {
            if let Some(s) = t.start {
                p.insert("startDate", vec![s.to_string()]);
            }
            if let Some(e) = t.end {
                p.insert("endDate", vec![e.to_string()]);
            }
            if t.start.is_some() && t.start == t.end {
                p.insert("date", vec![t.start.map(|d| d.to_string()).unwrap_or_default()]);
            }
        }
        if let Some(x) = ev.place.filter(|x| exported.contains(x)) {
            p.insert("addressEntity", vec![ftm_id(&rec.entities[x].id)]);
            p.insert("location", vec![rec.entities[x].name.clone()]);
        }
        p.insert(
            "organizer",
            ev.perpetrators
                .iter()
                .filter(|x| exported.contains(x))
                .map(|&x| ftm_id(&rec.entities[x].id))
                .collect(),
        );
        let mut outlets: Vec<String> = Vec::new();
        let mut urls: Vec<String> = Vec::new();
        for &(d, _) in &ev.reports {
            let o = outlet_of(&docs[d]);
            if !outlets.contains(&o) {
                outlets.push(o);
            }
            if let Some(u) = &docs[d].doc.url {
                if !urls.contains(u) {
                    urls.push(u.clone());
                }
            }
        }
        let killed = ev.killed.map(|q| format!(" Killed: {}.", q.display())).unwrap_or_default();
        p.insert(
            "summary",
            vec![format!(
                "{} report{} merged by dossier.{killed}",
                ev.reports.len(),
                if ev.reports.len() == 1 { "" } else { "s" }
            )],
        );
        p.insert("publisher", outlets);
        p.insert("sourceUrl", urls);
        out.push(record(ftm_id(&ev.id), "Event", p));
    }
    // Links from entity-valued claims, one per (subject, predicate, value).
    // (subject, predicate, value) -> (claim ids, outlets)
    type Links = BTreeMap<(usize, Predicate, usize), (Vec<String>, Vec<String>)>;
    let mut links: Links = BTreeMap::new();
    let mut status: HashMap<(usize, Predicate, usize), String> = HashMap::new();
    let mut listed: HashMap<(usize, Predicate, usize), BTreeSet<String>> = HashMap::new();
    for cc in &rec.claims {
        let c = &docs[cc.doc].claims[cc.idx];
        let Some(v) = cc.value_entity else { continue };
        if !matches!(
            c.predicate,
            Predicate::Leader
                | Predicate::MemberOf
                | Predicate::PartOf
                | Predicate::AffiliatedWith
                | Predicate::AlliedWith
                | Predicate::Opposes
                | Predicate::RenamedFrom
                | Predicate::MergedFrom
                | Predicate::SplinterOf
                | Predicate::Designated
        ) || !exported.contains(&cc.subject)
            || !exported.contains(&v)
        {
            continue;
        }
        let e = links.entry((cc.subject, c.predicate, v)).or_default();
        e.0.push(cc.id.clone());
        let o = outlet_of(&docs[cc.doc]);
        if !e.1.contains(&o) {
            e.1.push(o);
        }
        if let Some(s) = &c.status {
            status.insert((cc.subject, c.predicate, v), s.clone());
        }
        // A listing's own date ("designated ... in 2010"), not the report's.
        if let Some(w) = c.when.as_ref().filter(|w| w.text != "publication date") {
            // FtM dates may be partial: "2010", "2010-03".
            let date = w.interval.as_ref().and_then(|t| {
                let fmt = match t.granularity {
                    Granularity::Day => "%Y-%m-%d",
                    Granularity::Month => "%Y-%m",
                    Granularity::Year => "%Y",
                    _ => return None,
                };
                t.start.map(|d| d.format(fmt).to_string())
            });
            if let Some(date) = date {
                listed.entry((cc.subject, c.predicate, v)).or_default().insert(date);
            }
        }
    }
    for ((s, pred, v), (claims, outlets)) in links {
        let (se, ve) = (&rec.entities[s], &rec.entities[v]);
        let mut p: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let id = ftm_id(&format!("{}-{}-{}", se.id, pred.as_str(), ve.id));
        let schema = match pred {
            Predicate::Leader | Predicate::MemberOf => {
                // The leader claim sits on the group; the member is the person.
                let (member, org) = if pred == Predicate::Leader { (ve, se) } else { (se, ve) };
                if org.kind == EntityKind::Person || member.kind == EntityKind::Place {
                    continue;
                }
                p.insert("member", vec![ftm_id(&member.id)]);
                p.insert("organization", vec![ftm_id(&org.id)]);
                p.insert(
                    "role",
                    vec![if pred == Predicate::Leader { "leader" } else { "member" }.into()],
                );
                if let Some(st) = status.get(&(s, pred, v)) {
                    p.insert("status", vec![st.clone()]);
                }
                "Membership"
            }
            // A terrorist listing or ban is FtM's Sanction: the group and
            // the authority that listed it (a country or an organization, by
            // name, as the schema's `authority` is text).
            Predicate::Designated => {
                p.insert("entity", vec![ftm_id(&se.id)]);
                p.insert("authority", vec![ve.name.clone()]);
                if let Some(dates) = listed.get(&(s, pred, v)) {
                    p.insert("listingDate", dates.iter().cloned().collect());
                }
                "Sanction"
            }
            _ => {
                p.insert("subject", vec![ftm_id(&se.id)]);
                p.insert("object", vec![ftm_id(&ve.id)]);
                p.insert("role", vec![pred.as_str().to_string()]);
                "UnknownLink"
            }
        };
        p.insert("publisher", outlets);
        p.insert("recordId", claims);
        out.push(record(id, schema, p));
    }
    out
}
