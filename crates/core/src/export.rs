//! Exports of the reconciled corpus.
//!
//! The JSON Lines contract ([`records`], see ARCHITECTURE.md) has record
//! types `document`, `entity`, `mention`, `claim`, `event`, `finding`; field
//! names are a public interface: add fields, never rename. Beside it: CSV
//! tables of claims and events ([`tables`]), events in ACLED's layout
//! ([`acled`]), FollowTheMoney entities ([`ftm`]), the entity graph as
//! GraphML ([`graphml`]) and self-contained HTML reports ([`report`]). Every
//! writer takes any `std::io::Write`; the reports return their page. The
//! CSV, FtM and GraphML writers read stored records ([`source::Records`]):
//! a store's, or a reconciliation's in memory.

pub mod acled;
pub mod ftm;
pub mod graphml;
pub mod report;
pub mod source;
pub mod tables;

use serde_json::{json, Map, Value as Json};

use crate::reconcile::{source_of, value_text, CorpusEvent, Reconciled};
use crate::{Annotated, Quantity, TimeInterval, Value, When};

/// Options for the export.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExportOptions {
    /// Include each document's text in its `document` record.
    pub with_text: bool,
    /// Leave out the `mention` records (a reader that takes mentions from
    /// the documents themselves). Everything else is unchanged: the
    /// events' places still read the mentions (`reconcile::geo`).
    pub skip_mentions: bool,
}

/// `Q`: `{"low","high","approximate"}`.
pub fn quantity_json(q: &Quantity) -> Json {
    json!({"low": q.low, "high": q.high, "approximate": q.approximate})
}

/// `T`: `{"start","end","text"}` plus granularity and TIMEX3 value.
pub fn time_json(i: Option<&TimeInterval>, text: &str) -> Json {
    let mut m = Map::new();
    m.insert("start".into(), json!(i.and_then(|i| i.start).map(|d| d.to_string())));
    m.insert("end".into(), json!(i.and_then(|i| i.end).map(|d| d.to_string())));
    m.insert("text".into(), json!(text));
    if let Some(i) = i {
        m.insert("granularity".into(), serde_json::to_value(i.granularity).unwrap_or(Json::Null));
        if let Some(v) = &i.value {
            m.insert("value".into(), json!(v));
        }
    }
    Json::Object(m)
}

fn when_json(w: &When) -> Json {
    time_json(w.interval.as_ref(), &w.text)
}

/// Every record of the corpus, in order: documents, entities, mentions,
/// claims, events, findings.
pub fn records(docs: &[Annotated], rec: &Reconciled, opts: ExportOptions) -> Vec<Json> {
    let mut out = Vec::new();
    for a in docs {
        out.push(document_record(&a.doc, opts.with_text));
    }
    for e in &rec.entities {
        out.push(json!({
            "type": "entity", "id": e.id, "kind": e.kind.as_str(), "name": e.name, "aliases": e.aliases,
            "catalog_id": e.catalog_id, "evidence": e.evidence, "merges": e.merges,
            "docs": e.members.iter().map(|&(d, _)| docs[d].doc.id.clone()).collect::<std::collections::BTreeSet<_>>(),
        }));
    }
    for (di, a) in docs.iter().enumerate().filter(|_| !opts.skip_mentions) {
        for m in &a.mentions {
            let entity = m.entity.map(|e| {
                let ce = &rec.entities[rec.local[di][e]];
                (ce.id.as_str(), ce.kind.as_str())
            });
            out.push(mention_record(a, m, entity));
        }
    }
    for cc in &rec.claims {
        out.push(claim_record(docs, rec, cc));
    }
    for ce in &rec.events {
        out.push(event_record(docs, rec, ce));
    }
    for f in &rec.findings {
        let mut r = json!({
            "type": "finding", "subject": rec.entities[f.subject].id, "subject_name": rec.entities[f.subject].name,
            "predicate": f.predicate.as_str(), "verdict": f.verdict.as_str(),
            "claims": f.claims.iter().map(|&c| rec.claims[c].id.clone()).collect::<Vec<_>>(),
            "summary": f.summary, "sources": f.sources,
            "citations": f.citations.iter().map(|c| json!({
                "source": c.source, "outlet_itself": c.outlet_itself, "outlets": c.outlets,
                "claims": c.claims.iter().map(|&i| rec.claims[i].id.clone()).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "pairs": f.pairs.iter().map(|&(a, b)| [rec.claims[a].id.clone(), rec.claims[b].id.clone()]).collect::<Vec<_>>(),
            "significance": f.significance, "reports": f.reports,
        });
        if let Some(q) = &f.consensus {
            r["consensus"] = quantity_json(q);
        }
        out.push(r);
    }
    out
}

/// The `document` record (with its text when `with_text`).
pub fn document_record(d: &crate::Document, with_text: bool) -> Json {
    let mut m = json!({
        "type": "document", "id": d.id, "title": d.title, "source": d.source, "url": d.url,
        "published": d.published.map(|p| p.to_string()), "path": d.path,
    });
    // Only paged inputs (PDF) have these: other records are unchanged.
    if let Some(author) = &d.author {
        m["author"] = json!(author);
    }
    if !d.pages.is_empty() {
        m["pages"] = json!(d.pages);
    }
    if with_text {
        m["text"] = json!(d.text);
    }
    m
}

/// The `mention` record of one of `a`'s mentions, with the id and kind of
/// the corpus entity it names (if it names one).
pub fn mention_record(a: &Annotated, m: &crate::Mention, entity: Option<(&str, &str)>) -> Json {
    let mut r = json!({
        "type": "mention", "doc": a.doc.id, "span": [m.span.start, m.span.end],
        "text": m.span.slice(&a.doc.text), "kind": match m.kind {
            crate::MentionKind::Entity => "entity",
            crate::MentionKind::Quantity => "quantity",
            crate::MentionKind::Time => "time",
        },
    });
    if let Some((id, kind)) = entity {
        r["entity"] = json!(id);
        r["entity_kind"] = json!(kind);
    }
    match &m.value {
        Some(Value::Quantity { quantity, unit }) => {
            r["value"] = quantity_json(quantity);
            r["unit"] = json!(unit);
        }
        Some(Value::Time { interval, text }) => r["value"] = time_json(interval.as_ref(), text),
        _ => {}
    }
    if let Some(page) = a.doc.page_of(m.span.start()) {
        r["page"] = json!(page);
    }
    r
}

/// The `claim` record of one corpus claim.
pub fn claim_record(
    docs: &[Annotated],
    rec: &Reconciled,
    cc: &crate::reconcile::CorpusClaim,
) -> Json {
    let a = &docs[cc.doc];
    let c = &a.claims[cc.idx];
    let value = match &c.value {
        Value::Entity(_) => {
            let e = cc.value_entity.map(|v| &rec.entities[v]);
            json!({"entity": e.map(|e| e.id.clone()), "name": e.map(|e| e.name.clone())})
        }
        Value::Quantity { quantity, unit } => {
            json!({"quantity": quantity_json(quantity), "unit": unit})
        }
        Value::Time { interval, text } => json!({"time": time_json(interval.as_ref(), text)}),
        Value::Text(t) => json!({"text": t}),
    };
    let mut r = json!({
        "type": "claim", "id": cc.id, "doc": a.doc.id, "subject": rec.entities[cc.subject].id,
        "subject_name": rec.entities[cc.subject].name,
        "predicate": c.predicate.as_str(), "value": value, "modality": c.modality.as_str(),
        "span": [c.span.start, c.span.end], "text": c.span.slice(&a.doc.text),
        "value_text": value_text(docs, &rec.entities, cc),
        "outlet": a.doc.source,
        "attributed_to": source_of(a, c),
    });
    if let Some(w) = &c.when {
        r["when"] = when_json(w);
    }
    if let Some(s) = &c.source {
        r["source"] = json!(s);
    }
    if let Some(s) = &c.status {
        r["status"] = json!(s);
    }
    if let Some(page) = a.doc.page_of(c.span.start()) {
        r["page"] = json!(page);
    }
    r
}

/// The `event` record of one merged event.
pub fn event_record(docs: &[Annotated], rec: &Reconciled, ce: &CorpusEvent) -> Json {
    let (fd, fe) = ce.reports[0];
    let first = &docs[fd].events[fe];
    let mut victims = Vec::new();
    let mut spans = Vec::new();
    let mut reports = Vec::new();
    for &(d, e) in &ce.reports {
        let ev = &docs[d].events[e];
        // Which report a victim and a span are of (`report`, the report's
        // own `spans`): one document may give two reports of one event.
        for v in &ev.victims {
            victims.push(json!({"count": quantity_json(&v.count), "description": v.description, "outcome": v.outcome, "doc": docs[d].doc.id, "report": reports.len()}));
        }
        for s in &ev.spans {
            spans.push(json!([docs[d].doc.id, s.start, s.end]));
        }
        let q = |q: &Option<Quantity>| q.as_ref().map(quantity_json);
        reports.push(json!({
            "doc": docs[d].doc.id, "outlet": docs[d].doc.source, "kind": ev.kind.as_str(),
            "when": ev.when.as_ref().map(when_json), "killed": q(&ev.killed), "wounded": q(&ev.wounded),
            "killed_or_wounded": q(&ev.killed_or_wounded), "claimed": ev.claimed,
            "spans": ev.spans.iter().map(|s| [s.start, s.end]).collect::<Vec<_>>(),
        }));
        if let (Some(pk), Some(last)) = (&ev.perpetrators_killed, reports.last_mut()) {
            last["perpetrators_killed"] = quantity_json(pk);
        }
    }
    let mut r = json!({
        "type": "event", "id": ce.id, "kind": ce.kind.as_str(),
        "docs": ce.reports.iter().fold(Vec::<String>::new(), |mut v, &(d, _)| {
            if !v.contains(&docs[d].doc.id) {
                v.push(docs[d].doc.id.clone());
            }
            v
        }),
        "perpetrators": ce.perpetrators.iter().map(|&p| rec.entities[p].id.clone()).collect::<Vec<_>>(),
        "claimed": ce.claimed, "victims": victims, "spans": spans, "reports": reports,
        "casualties_compatible": ce.casualties_compatible,
        "merge_reasons": ce.merge_reasons,
    });
    // Groups a report says denied involvement (a group may deny what
    // officials suspect it of: it is then in both lists).
    let mut denied: Vec<String> = Vec::new();
    for &(d, e) in &ce.reports {
        for &l in &docs[d].events[e].denied_by {
            let Some(&g) = rec.local.get(d).and_then(|loc| loc.get(l)) else { continue };
            let id = &rec.entities[g].id;
            if !denied.contains(id) {
                denied.push(id.clone());
            }
        }
    }
    r["denied_by"] = json!(denied);
    if let Some(f) = ce.fatalities_lowest {
        r["fatalities_lowest"] = json!(f);
    }
    // Attackers killed, as the first report that counts them says.
    if let Some(pk) = ce.reports.iter().find_map(|&(d, e)| docs[d].events[e].perpetrators_killed) {
        r["perpetrators_killed"] = quantity_json(&pk);
    }
    // Who did it as the first report that describes them says, when no
    // group is named ("unidentified gunmen", "police").
    if let Some((d, a)) = ce.described_actor(docs) {
        r["actor"] = json!({"text": a.text, "class": a.class.as_str(),
            "span": [docs[d].doc.id, a.span.start, a.span.end]});
    }
    if let Some(w) = &ce.when {
        let text = first.when.as_ref().map(|w| w.text.clone()).unwrap_or_default();
        r["when"] = time_json(Some(w), &text);
    }
    if let Some(p) = ce.place {
        r["place"] = json!({"entity": rec.entities[p].id, "name": rec.entities[p].name});
        // The place on each level of the gazetteer: a facility is also in
        // its city, province and country (`reconcile::geo`).
        let geo = crate::reconcile::geo::event_place(docs, rec, ce);
        if let Some(c) = geo.city {
            r["place"]["city"] = json!({"id": c.id, "name": c.name});
        }
        if let Some(code) = &geo.admin1 {
            let name = geo.admin1_entry().map(|x| x.name.as_str()).unwrap_or(code);
            r["place"]["admin1"] = json!({"code": code, "name": name});
        }
        if let Some(code) = &geo.country {
            let name = geo.country_entry().map(|x| x.name.as_str()).unwrap_or(code);
            r["place"]["country"] = json!({"code": code, "name": name});
        }
        if let Some((lat, lon)) = geo.coords {
            r["place"]["coords"] = json!([lat, lon]);
        }
    }
    // Killed / wounded: the interval every report allows (each report's
    // own figure is in `reports`).
    for (k, q) in [
        ("killed", ce.killed),
        ("wounded", ce.wounded),
        ("killed_or_wounded", ce.killed_or_wounded),
    ] {
        if let Some(q) = q {
            r[k] = quantity_json(&q);
        }
    }
    r
}

#[cfg(test)]
mod tests;
