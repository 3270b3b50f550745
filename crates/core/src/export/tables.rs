//! CSV exports: one table of claims and one of events.
//!
//! Both are written with the `csv` crate (RFC 4180 quoting), one header
//! row, one row per claim or per merged event. Lists inside a cell are
//! joined with `; `. Intervals are split into `_low`/`_high` (quantities) and
//! `_start`/`_end` (dates) columns; an empty cell is an open bound.

use std::collections::HashMap;
use std::io::Write;

use super::source::Records;
use crate::reconcile::{Reconciled, StoredClaimRecord};
use crate::Quantity;

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

/// Writes `claims.csv`, in corpus order.
pub fn write_claims<W: Write>(src: &dyn Records, w: W) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(CLAIM_COLUMNS).map_err(csv_err)?;
    src.each_claim(&mut |c| out.write_record(claim_row(c)).map_err(csv_err))?;
    out.flush()
}

/// The `claims.csv` row of one stored claim, from its export record; its
/// verdict is that of the finding that holds it.
pub fn claim_row(c: &StoredClaimRecord) -> Vec<String> {
    let r = &c.record;
    let null = serde_json::Value::Null;
    let value = r.get("value").unwrap_or(&null);
    let q = record_quantity(value, "quantity");
    let time = value.get("time").unwrap_or(&null);
    let when = r.get("when").unwrap_or(&null);
    let span = |i: usize| {
        r.get("span").and_then(|s| s.get(i)).and_then(serde_json::Value::as_u64).unwrap_or(0)
    };
    let [low, high] = bounds(q.as_ref());
    vec![
        c.id.clone(),
        c.doc.clone(),
        crate::reconcile::outlet_name(r.get("outlet").and_then(serde_json::Value::as_str), &c.doc),
        c.published.map(|d| d.to_string()).unwrap_or_default(),
        c.subject.clone(),
        record_str(r, "subject_name").into(),
        record_str(r, "predicate").into(),
        record_str(r, "value_text").into(),
        low,
        high,
        q.map(|q| q.approximate.to_string()).unwrap_or_default(),
        record_str(value, "unit").into(),
        c.value_entity.clone().unwrap_or_default(),
        record_str(time, "start").into(),
        record_str(time, "end").into(),
        record_str(when, "text").into(),
        record_str(when, "start").into(),
        record_str(when, "end").into(),
        record_str(r, "source").into(),
        record_str(r, "attributed_to").into(),
        record_str(r, "modality").into(),
        record_str(r, "status").into(),
        c.verdict.map(|v| v.as_str().to_string()).unwrap_or_default(),
        span(0).to_string(),
        span(1).to_string(),
        record_str(r, "text").into(),
    ]
}

/// Writes `events.csv`.
pub fn write_events<W: Write>(src: &dyn Records, w: W) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(EVENT_COLUMNS).map_err(csv_err)?;
    let names = super::source::kinds_and_names(src)?;
    let name = |id: &str| names.get(id).map_or_else(|| id.to_string(), |(_, n)| n.clone());
    src.each_event(&mut |ev| out.write_record(event_row(ev, &name)).map_err(csv_err))?;
    out.flush()
}

/// The names of a reconciliation's entities by id, for the writers that
/// work from stored records.
pub(crate) struct EntityNames<'a>(HashMap<&'a str, &'a str>);

impl<'a> EntityNames<'a> {
    pub(crate) fn of(rec: &'a Reconciled) -> Self {
        EntityNames(rec.entities.iter().map(|e| (e.id.as_str(), e.name.as_str())).collect())
    }

    pub(crate) fn name(&self, id: &str) -> String {
        self.0.get(id).map_or_else(|| id.to_string(), |n| n.to_string())
    }
}

/// A quantity of an export record (`{"low","high","approximate"}`).
pub(crate) fn record_quantity(r: &serde_json::Value, key: &str) -> Option<Quantity> {
    r.get(key).filter(|q| !q.is_null()).and_then(|q| serde_json::from_value(q.clone()).ok())
}

/// The string at `key` of a record, empty when absent.
pub(crate) fn record_str<'a>(r: &'a serde_json::Value, key: &str) -> &'a str {
    r.get(key).and_then(serde_json::Value::as_str).unwrap_or("")
}

/// The outlet of one report of an event record, as `outlet_of` names it.
pub(crate) fn record_outlet(rep: &serde_json::Value) -> String {
    crate::reconcile::outlet_name(
        rep.get("outlet").and_then(serde_json::Value::as_str),
        record_str(rep, "doc"),
    )
}

/// The outlet of each report of an event record, once each, in report
/// order ([`record_outlet`]).
pub(crate) fn record_outlets(r: &serde_json::Value) -> Vec<String> {
    let mut outlets: Vec<String> = Vec::new();
    for rep in r.get("reports").and_then(serde_json::Value::as_array).into_iter().flatten() {
        let o = record_outlet(rep);
        if !outlets.contains(&o) {
            outlets.push(o);
        }
    }
    outlets
}

/// The `events.csv` row of one stored event
/// (`crate::reconcile::stored::StoredEvent`), from its export record;
/// `name` gives an entity's name by id. The CLI's writer and the server's
/// export from the store both write their rows with it.
pub fn event_row(
    ev: &crate::reconcile::stored::StoredEvent,
    name: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let r = &ev.record;
    let when = r.get("when").unwrap_or(&serde_json::Value::Null);
    let place = r.get("place").unwrap_or(&serde_json::Value::Null);
    let actor = r.get("actor").unwrap_or(&serde_json::Value::Null);
    let [kl, kh] = bounds(record_quantity(r, "killed").as_ref());
    let [wl, wh] = bounds(record_quantity(r, "wounded").as_ref());
    let [bl, bh] = bounds(record_quantity(r, "killed_or_wounded").as_ref());
    let reports = r.get("reports").and_then(serde_json::Value::as_array).map_or(0, Vec::len);
    vec![
        ev.id.clone(),
        ev.kind.as_str().into(),
        record_str(when, "start").into(),
        record_str(when, "end").into(),
        record_str(when, "granularity").into(),
        record_str(place, "entity").into(),
        record_str(place, "name").into(),
        ev.perpetrators.join("; "),
        ev.perpetrators.iter().map(|p| name(p)).collect::<Vec<_>>().join("; "),
        r.get("claimed").and_then(serde_json::Value::as_bool).unwrap_or(false).to_string(),
        kl,
        kh,
        wl,
        wh,
        bl,
        bh,
        num(r.get("fatalities_lowest").and_then(serde_json::Value::as_f64)),
        r.get("casualties_compatible")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(true)
            .to_string(),
        reports.to_string(),
        ev.docs.join("; "),
        record_outlets(r).join("; "),
        record_str(actor, "text").into(),
        record_str(actor, "class").into(),
    ]
}
