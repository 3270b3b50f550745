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

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{json, Value as Json};

use super::source::Records;
use super::tables::{record_outlets, record_quantity, record_str};
use crate::lexicon::{Lexicon, LEXICON};
use crate::reconcile::{slug, Reconciled};
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
    let mut out = Vec::new();
    // Writing to a vector fails never.
    let _ = write_ftm(&super::source::InMemory::new(docs, rec), &mut |r| {
        out.push(r);
        Ok(())
    });
    out
}

/// The entities linked by entity-valued claims of these predicates, one
/// link per (subject, predicate, value).
const LINKED: [Predicate; 10] = [
    Predicate::Leader,
    Predicate::MemberOf,
    Predicate::PartOf,
    Predicate::AffiliatedWith,
    Predicate::AlliedWith,
    Predicate::Opposes,
    Predicate::RenamedFrom,
    Predicate::MergedFrom,
    Predicate::SplinterOf,
    Predicate::Designated,
];

/// One link's claims, outlets, status and listing dates.
#[derive(Default)]
struct Link {
    claims: Vec<String>,
    outlets: Vec<String>,
    status: Option<String>,
    listed: BTreeSet<String>,
}

/// Writes every FtM entity of the records to `out`, one JSON object each:
/// entities, then events, then links. Memory holds each entity's kind and
/// name, and the links, never the claims or events.
pub fn write_ftm(
    src: &dyn Records,
    out: &mut dyn FnMut(Json) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let lex: &Lexicon = &LEXICON;
    // id -> (kind, name) of every exported entity.
    let mut exported: HashMap<String, (EntityKind, String)> = HashMap::new();
    src.each_entity(&mut |e| {
        let Some(schema) = entity_schema(e.kind) else { return Ok(()) };
        exported.insert(e.id.clone(), (e.kind, e.name.clone()));
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
        out(record(ftm_id(&e.id), schema, p))
    })?;
    src.each_event(&mut |ev| {
        let r = &ev.record;
        let mut p: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let place = r.get("place").map(|x| record_str(x, "name")).filter(|x| !x.is_empty());
        p.insert(
            "name",
            vec![format!(
                "{}{}",
                crate::words::event_kind(ev.kind),
                place.map(|x| format!(" at {x}")).unwrap_or_default()
            )],
        );
        if let Some(t) = r.get("when") {
            let (start, end) = (record_str(t, "start"), record_str(t, "end"));
            if !start.is_empty() {
                p.insert("startDate", vec![start.to_string()]);
            }
            if !end.is_empty() {
                p.insert("endDate", vec![end.to_string()]);
            }
            if !start.is_empty() && start == end {
                p.insert("date", vec![start.to_string()]);
            }
        }
        if let Some((x, (_, name))) = ev.place.as_ref().and_then(|x| Some((x, exported.get(x)?))) {
            p.insert("addressEntity", vec![ftm_id(x)]);
            p.insert("location", vec![name.clone()]);
        }
        p.insert(
            "organizer",
            ev.perpetrators
                .iter()
                .filter(|x| exported.contains_key(*x))
                .map(|x| ftm_id(x))
                .collect(),
        );
        let mut urls: Vec<String> = Vec::new();
        for d in &ev.docs {
            if let Some(u) = src.url(d)? {
                if !urls.contains(&u) {
                    urls.push(u);
                }
            }
        }
        let killed = record_quantity(r, "killed")
            .map(|q| format!(" Killed: {}.", q.display()))
            .unwrap_or_default();
        let reports = r.get("reports").and_then(Json::as_array).map_or(0, Vec::len);
        p.insert(
            "summary",
            vec![format!(
                "{reports} report{} merged by dossier.{killed}",
                if reports == 1 { "" } else { "s" }
            )],
        );
        p.insert("publisher", record_outlets(r));
        p.insert("sourceUrl", urls);
        out(record(ftm_id(&ev.id), "Event", p))
    })?;
    // Links from entity-valued claims, one per (subject, predicate, value).
    let mut links: BTreeMap<(String, Predicate, String), Link> = BTreeMap::new();
    src.each_claim(&mut |c| {
        let Some(v) = &c.value_entity else { return Ok(()) };
        let Some(pred) = Predicate::parse(record_str(&c.record, "predicate")) else {
            return Ok(());
        };
        if !LINKED.contains(&pred)
            || !exported.contains_key(&c.subject)
            || !exported.contains_key(v)
        {
            return Ok(());
        }
        let l = links.entry((c.subject.clone(), pred, v.clone())).or_default();
        l.claims.push(c.id.clone());
        let o =
            crate::reconcile::outlet_name(c.record.get("outlet").and_then(Json::as_str), &c.doc);
        if !l.outlets.contains(&o) {
            l.outlets.push(o);
        }
        if let Some(s) = c.record.get("status").and_then(Json::as_str) {
            l.status = Some(s.to_string());
        }
        // A listing's own date ("designated ... in 2010"), not the report's.
        if let Some(date) = c.record.get("when").and_then(listing_date) {
            l.listed.insert(date);
        }
        Ok(())
    })?;
    for ((s, pred, v), l) in links {
        let (Some(se), Some(ve)) = (exported.get(&s), exported.get(&v)) else { continue };
        let mut p: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let id = ftm_id(&format!("{s}-{}-{v}", pred.as_str()));
        let schema = match pred {
            Predicate::Leader | Predicate::MemberOf => {
                // The leader claim sits on the group; the member is the person.
                let ((member, mk), (org, ok)) = if pred == Predicate::Leader {
                    ((&v, ve.0), (&s, se.0))
                } else {
                    ((&s, se.0), (&v, ve.0))
                };
                if ok == EntityKind::Person || mk == EntityKind::Place {
                    continue;
                }
                p.insert("member", vec![ftm_id(member)]);
                p.insert("organization", vec![ftm_id(org)]);
                p.insert(
                    "role",
                    vec![if pred == Predicate::Leader { "leader" } else { "member" }.into()],
                );
                if let Some(st) = l.status {
                    p.insert("status", vec![st]);
                }
                "Membership"
            }
            // A terrorist listing or ban is FtM's Sanction: the group and
            // the authority that listed it (a country or an organization, by
            // name, as the schema's `authority` is text).
            Predicate::Designated => {
                p.insert("entity", vec![ftm_id(&s)]);
                p.insert("authority", vec![ve.1.clone()]);
                if !l.listed.is_empty() {
                    p.insert("listingDate", l.listed.into_iter().collect());
                }
                "Sanction"
            }
            _ => {
                p.insert("subject", vec![ftm_id(&s)]);
                p.insert("object", vec![ftm_id(&v)]);
                p.insert("role", vec![pred.as_str().to_string()]);
                "UnknownLink"
            }
        };
        p.insert("publisher", l.outlets);
        p.insert("recordId", l.claims);
        out(record(id, schema, p))?;
    }
    Ok(())
}

/// The date a claim's own time gives, as precise as it is (FtM dates may be
/// partial: "2010", "2010-03"); none for the publication date.
fn listing_date(when: &Json) -> Option<String> {
    if record_str(when, "text") == "publication date" {
        return None;
    }
    let g: Granularity = serde_json::from_value(when.get("granularity")?.clone()).ok()?;
    let fmt = match g {
        Granularity::Day => "%Y-%m-%d",
        Granularity::Month => "%Y-%m",
        Granularity::Year => "%Y",
        _ => return None,
    };
    let start = chrono::NaiveDate::parse_from_str(record_str(when, "start"), "%Y-%m-%d").ok()?;
    Some(start.format(fmt).to_string())
}
