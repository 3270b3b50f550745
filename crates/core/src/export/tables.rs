//! CSV exports: one table of claims and one of events.
//!
//! Both are written with the `csv` crate (RFC 4180 quoting), one header
//! row, one row per claim or per merged event. Lists inside a cell are
//! joined with `; `. Intervals are split into `_low`/`_high` (quantities) and
//! `_start`/`_end` (dates) columns; an empty cell is an open bound.

use std::collections::HashMap;
use std::io::Write;

use crate::reconcile::{outlet_of, source_of, value_text, Reconciled};
use crate::{Annotated, Predicate, Quantity, Value};

/// The columns of `claims.csv`.
pub const CLAIM_COLUMNS: &[&str] = &[
    "id",
    "doc",
    "outlet",
    "published",
    "subject",
    "subject_name",
    "predicate",
    "value",
    "value_low",
    "value_high",
    "value_approximate",
    "unit",
    "value_entity",
    "value_start",
    "value_end",
    "when_text",
    "when_start",
    "when_end",
    "source",
    "attributed_to",
    "modality",
    "status",
    "verdict",
    "span_start",
    "span_end",
    "quote",
];

/// The columns of `events.csv`.
pub const EVENT_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "date_start",
    "date_end",
    "granularity",
    "place",
    "place_name",
    "perpetrators",
    "perpetrator_names",
    "claimed",
    "killed_low",
    "killed_high",
    "wounded_low",
    "wounded_high",
    "killed_or_wounded_low",
    "killed_or_wounded_high",
    "fatalities_lowest",
    "casualties_compatible",
    "reports",
    "docs",
    "outlets",
    "actor",
    "actor_class",
];

pub(crate) fn num(x: Option<f64>) -> String {
    match x {
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", v as i64),
        Some(v) => format!("{v}"),
        None => String::new(),
    }
}

fn bounds(q: Option<&Quantity>) -> [String; 2] {
    [num(q.and_then(|q| q.low)), num(q.and_then(|q| q.high))]
}

fn csv_err(e: csv::Error) -> std::io::Error {
    std::io::Error::other(e)
}

/// Writes `claims.csv`.
pub fn write_claims<W: Write>(docs: &[Annotated], rec: &Reconciled, w: W) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(CLAIM_COLUMNS).map_err(csv_err)?;
    let mut verdicts: HashMap<(usize, Predicate), &str> = HashMap::new();
    for f in &rec.findings {
        verdicts.insert((f.subject, f.predicate), f.verdict.as_str());
    }
    for cc in &rec.claims {
        let a = &docs[cc.doc];
        let c = &a.claims[cc.idx];
        let (q, unit) = match &c.value {
            Value::Quantity { quantity, unit } => (Some(quantity), unit.clone()),
            _ => (None, None),
        };
        let t = match &c.value {
            Value::Time { interval, .. } => interval.as_ref(),
            _ => None,
        };
        let w_int = c.when.as_ref().and_then(|w| w.interval.as_ref());
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let [low, high] = bounds(q);
        let row: Vec<String> = vec![
            cc.id.clone(),
            a.doc.id.clone(),
            outlet_of(a),
            date(a.doc.published),
            rec.entities[cc.subject].id.clone(),
            rec.entities[cc.subject].name.clone(),
            c.predicate.as_str().into(),
            value_text(docs, &rec.entities, cc),
            low,
            high,
            q.map(|q| q.approximate.to_string()).unwrap_or_default(),
            unit.unwrap_or_default(),
            cc.value_entity.map(|e| rec.entities[e].id.clone()).unwrap_or_default(),
            date(t.and_then(|t| t.start)),
            date(t.and_then(|t| t.end)),
            c.when.as_ref().map(|w| w.text.clone()).unwrap_or_default(),
            date(w_int.and_then(|t| t.start)),
            date(w_int.and_then(|t| t.end)),
            c.source.clone().unwrap_or_default(),
            source_of(a, c),
            c.modality.as_str().into(),
            c.status.clone().unwrap_or_default(),
            verdicts.get(&(cc.subject, c.predicate)).copied().unwrap_or_default().into(),
            c.span.start.to_string(),
            c.span.end.to_string(),
            c.span.slice(&a.doc.text).to_string(),
        ];
        out.write_record(&row).map_err(csv_err)?;
    }
    out.flush()
}

/// Writes `events.csv`.
pub fn write_events<W: Write>(docs: &[Annotated], rec: &Reconciled, w: W) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(EVENT_COLUMNS).map_err(csv_err)?;
    for ev in &rec.events {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let mut docs_of: Vec<String> = Vec::new();
        let mut outlets: Vec<String> = Vec::new();
        for &(d, _) in &ev.reports {
            if !docs_of.contains(&docs[d].doc.id) {
                docs_of.push(docs[d].doc.id.clone());
            }
            let o = outlet_of(&docs[d]);
            if !outlets.contains(&o) {
                outlets.push(o);
            }
        }
        let [kl, kh] = bounds(ev.killed.as_ref());
        let [wl, wh] = bounds(ev.wounded.as_ref());
        let [bl, bh] = bounds(ev.killed_or_wounded.as_ref());
        let actor = ev.described_actor(docs).map(|(_, a)| a);
        let row: Vec<String> = vec![
            ev.id.clone(),
            ev.kind.as_str().into(),
            date(ev.when.as_ref().and_then(|w| w.start)),
            date(ev.when.as_ref().and_then(|w| w.end)),
            ev.when
                .as_ref()
                .and_then(|w| serde_json::to_value(w.granularity).ok())
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            ev.place.map(|p| rec.entities[p].id.clone()).unwrap_or_default(),
            ev.place.map(|p| rec.entities[p].name.clone()).unwrap_or_default(),
            ev.perpetrators
                .iter()
                .map(|&p| rec.entities[p].id.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            ev.perpetrators
                .iter()
                .map(|&p| rec.entities[p].name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            ev.claimed.to_string(),
            kl,
            kh,
            wl,
            wh,
            bl,
            bh,
            num(ev.fatalities_lowest),
            ev.casualties_compatible.to_string(),
            ev.reports.len().to_string(),
            docs_of.join("; "),
            outlets.join("; "),
            actor.map(|a| a.text.clone()).unwrap_or_default(),
            actor.map(|a| a.class.as_str().to_string()).unwrap_or_default(),
        ];
        out.write_record(&row).map_err(csv_err)?;
    }
    out.flush()
}
