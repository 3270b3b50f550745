//! Self-contained HTML reports: one file with inline CSS and SVG, no
//! scripts, nothing fetched, printable. [`entity`] is the whole dossier of
//! one entity (`dossier report`, the web UI's group page); [`events`] and
//! [`claims`] are the events or claims a filtered list shows (the web UI's
//! "HTML report" exports). All article text is escaped.
//!
//! The reports are written from the stored forms of the results
//! ([`StoredFinding`], [`StoredClaimRecord`], [`StoredEvent`]) and the
//! documents their events quote ([`Cited`]), never from the whole-corpus
//! view: the server reads those from the store, a page at a time, and the
//! CLI turns its reconciliation into them ([`EntityDossier::of_view`]).
//! One writer for both, so the two cannot drift.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use serde_json::Value as Json;

use super::tables::{record_outlets, record_quantity, record_str};
use crate::reconcile::stored::{
    claim_verdicts, stored_claim, stored_entity, stored_event, stored_finding, StoredClaimRecord,
    StoredEntity, StoredEvent, StoredFinding,
};
use crate::reconcile::{Reconciled, Verdict};
use crate::words::when_of;
use crate::{Annotated, Document, TimeInterval};

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Shortens a quote to about `max` characters, on a char boundary.
pub fn short_quote(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(p) if p > max / 2 => cut[..p].to_string(),
        _ => cut,
    };
    format!("{cut} …")
}

/// One row of a timeline.
pub struct TimelineRow {
    /// First day (None when open).
    pub start: Option<chrono::NaiveDate>,
    /// Last day (None when open).
    pub end: Option<chrono::NaiveDate>,
    /// Granularity name.
    pub granularity: String,
    /// "claim" or "event".
    pub kind: &'static str,
    /// The predicate or event kind.
    pub label: String,
    /// What happened or was said.
    pub what: String,
    /// Who said it.
    pub source: String,
    /// The evidence.
    pub quote: String,
}

/// The documents a report quotes (an event's spans are read from their
/// texts) and the names of the entities it lists by id.
#[derive(Clone, Debug, Default)]
pub struct Cited {
    /// Documents by id: their text, label and date.
    pub docs: HashMap<String, Document>,
    /// Entity names by id.
    pub names: HashMap<String, String>,
}

impl Cited {
    /// What `events` cite of a reconciliation: their documents (of
    /// `docs`) and their perpetrators' and places' names.
    pub fn of_view(docs: &[Annotated], rec: &Reconciled, events: &[StoredEvent]) -> Cited {
        let wanted: std::collections::HashSet<&str> =
            events.iter().flat_map(|e| e.docs.iter().map(String::as_str)).collect();
        let named: std::collections::HashSet<&str> = events
            .iter()
            .flat_map(|e| e.perpetrators.iter().chain(&e.place).map(String::as_str))
            .collect();
        Cited {
            docs: docs
                .iter()
                .filter(|a| wanted.contains(a.doc.id.as_str()))
                .map(|a| (a.doc.id.clone(), a.doc.clone()))
                .collect(),
            names: rec
                .entities
                .iter()
                .filter(|e| named.contains(e.id.as_str()))
                .map(|e| (e.id.clone(), e.name.clone()))
                .collect(),
        }
    }

    fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map_or(id, String::as_str)
    }

    /// The text at a span of document `doc`, when it is there.
    fn quote(&self, doc: &str, s: u64, e: u64) -> Option<&str> {
        self.docs.get(doc)?.text.get(usize::try_from(s).ok()?..usize::try_from(e).ok()?)
    }
}

/// A document a report lists.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportDoc {
    /// Its id.
    pub id: String,
    /// Its label (`crate::label::doc_label`).
    pub label: String,
    /// Its title.
    pub title: Option<String>,
    /// Its publication date.
    pub published: Option<NaiveDate>,
}

/// What the dossier of one entity shows.
#[derive(Clone, Debug)]
pub struct EntityDossier {
    /// The entity.
    pub entity: StoredEntity,
    /// Its findings, in predicate order.
    pub findings: Vec<StoredFinding>,
    /// The claims its findings hold, in corpus order.
    pub claims: Vec<StoredClaimRecord>,
    /// Events it carried out or that happened there (perhaps only the
    /// first of them: see `events_total`).
    pub events: Vec<StoredEvent>,
    /// How many events there are in all.
    pub events_total: usize,
    /// Documents that mention it (perhaps only some: see `documents_total`).
    pub documents: Vec<ReportDoc>,
    /// How many documents mention it in all.
    pub documents_total: usize,
    /// What the events quote, and the names of the entities they list.
    pub cited: Cited,
}

impl EntityDossier {
    /// The dossier of entity `e` of a reconciliation, whole.
    pub fn of_view(docs: &[Annotated], rec: &Reconciled, e: usize) -> EntityDossier {
        // Only this entity's findings, claims and events are converted.
        let entity = stored_entity(docs, &rec.entities[e]);
        let mine = rec.findings_of(e);
        let mut findings: Vec<StoredFinding> =
            mine.iter().filter_map(|&i| stored_finding(docs, rec, &rec.findings[i])).collect();
        findings.sort_by_key(|f| f.predicate);
        let verdict = claim_verdicts(rec);
        let mut held: Vec<usize> =
            mine.iter().flat_map(|&i| rec.findings[i].claims.iter().copied()).collect();
        held.sort_unstable();
        held.dedup();
        let claims = held
            .into_iter()
            .filter_map(|i| stored_claim(docs, rec, i, verdict.get(i).copied().flatten()))
            .collect();
        let events: Vec<StoredEvent> = rec
            .events_of(e)
            .into_iter()
            .map(|i| &rec.events[i])
            .filter(|ce| !ce.reports.is_empty())
            .map(|ce| stored_event(docs, rec, ce))
            .collect();
        let by_id: HashMap<&str, &Annotated> =
            docs.iter().map(|a| (a.doc.id.as_str(), a)).collect();
        let documents: Vec<ReportDoc> = entity
            .docs
            .iter()
            .filter_map(|d| by_id.get(d.as_str()))
            .map(|a| ReportDoc {
                id: a.doc.id.clone(),
                label: crate::label::doc_label(&a.doc),
                title: a.doc.title.clone(),
                published: a.doc.published,
            })
            .collect();
        let mut d = EntityDossier {
            events_total: events.len(),
            documents_total: documents.len(),
            cited: Cited::of_view(docs, rec, &events),
            entity,
            findings,
            claims,
            events,
            documents,
        };
        d.sort();
        d
    }

    /// Puts the lists in the report's order, whatever order they were read
    /// in: claims by date, document and number; events latest first
    /// (undated last, as the events list), then by id; documents by date,
    /// then id.
    pub fn sort(&mut self) {
        let number = |id: &str| -> u64 {
            id.rsplit_once(":c").and_then(|(_, n)| n.parse().ok()).unwrap_or(0)
        };
        self.claims.sort_by(|a, b| {
            (a.published, &a.doc, number(&a.id)).cmp(&(b.published, &b.doc, number(&b.id)))
        });
        self.events.sort_by(|a, b| {
            b.date.is_some().cmp(&a.date.is_some()).then(b.date.cmp(&a.date)).then(a.id.cmp(&b.id))
        });
        self.documents.sort_by(|a, b| (a.published, &a.id).cmp(&(b.published, &b.id)));
    }
}

/// The granularity of a time as its name ("day").
fn granularity(i: &TimeInterval) -> String {
    serde_json::to_value(i.granularity)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A claim's value as shown, from its record: "not" before a denied one.
fn claim_value(r: &Json) -> String {
    let v = match r["value"]["name"].as_str() {
        Some(n) => n.to_string(),
        None => crate::words::value_words(r),
    };
    if record_str(r, "modality") == "denied" {
        format!("not {v}")
    } else {
        v
    }
}

/// The dated claims and events of an entity, in time order.
pub fn timeline_rows(d: &EntityDossier) -> Vec<TimelineRow> {
    let mut rows = Vec::new();
    for c in &d.claims {
        let r = &c.record;
        // A time value (founded) dates the claim; else a stated `when`.
        let (when, about) = match r["value"].get("time").and_then(when_of) {
            Some(w) => (Some(w), ""),
            None => match r.get("when").and_then(when_of) {
                Some(w) if w.text == "publication date" => (Some(w), " (as of publication)"),
                w => (w, ""),
            },
        };
        let Some(i) = when.and_then(|w| w.interval) else { continue };
        if i.start.is_none() && i.end.is_none() {
            continue;
        }
        rows.push(TimelineRow {
            start: i.start,
            end: i.end,
            granularity: granularity(&i),
            kind: "claim",
            label: record_str(r, "predicate").to_string(),
            what: format!("{}{about}", claim_value(r)),
            source: format!("{} ({})", record_str(r, "attributed_to"), c.label),
            quote: short_quote(record_str(r, "text"), 220),
        });
    }
    for ev in &d.events {
        let r = &ev.record;
        let Some(w) = r.get("when").and_then(when_of).and_then(|w| w.interval) else {
            continue;
        };
        let place = r["place"]["name"].as_str().map(|p| format!(" at {p}")).unwrap_or_default();
        let killed = record_quantity(r, "killed")
            .map(|k| format!(", killed {}", k.display()))
            .unwrap_or_default();
        let quote = event_spans(r)
            .next()
            .and_then(|(doc, s, e)| d.cited.quote(doc, s, e))
            .map(|q| short_quote(q, 200))
            .unwrap_or_default();
        rows.push(TimelineRow {
            start: w.start,
            end: w.end,
            granularity: granularity(&w),
            kind: "event",
            label: ev.kind.as_str().to_string(),
            what: format!("{}{place}{killed}", crate::words::event_kind(ev.kind)),
            source: record_outlets(r).join(", "),
            quote,
        });
    }
    rows.sort_by(|a, b| {
        let key = |r: &TimelineRow| (r.start.or(r.end), r.end.or(r.start));
        key(a).cmp(&key(b)).then(a.label.cmp(&b.label))
    });
    rows
}

/// The spans of an event record: `[doc, start, end]` each.
fn event_spans(r: &Json) -> impl Iterator<Item = (&str, u64, u64)> {
    r.get("spans")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| Some((s.get(0)?.as_str()?, s.get(1)?.as_u64()?, s.get(2)?.as_u64()?)))
}

const CSS: &str = r#"
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px 32px 64px;background:#fff;min-height:100vh}
h1{margin:0 0 4px;font-size:28px}h2{margin:32px 0 8px;border-bottom:2px solid #e3e6ea;padding-bottom:4px;font-size:20px}
h3{margin:20px 0 6px;font-size:16px}.meta{color:#5b6570}.small{font-size:13px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;vertical-align:middle;color:#fff}
.conflict{background:#c62828}.changed_over_time{background:#b26a00}.compatible{background:#00838f}.agree{background:#2e7d32}.single_source{background:#78828c}
.disagree{background:#fff4f2;border-left:4px solid #c62828;padding:8px 14px;margin:8px 0}
blockquote{margin:4px 0 10px 0;padding:4px 12px;border-left:3px solid #cfd5dc;color:#3c4650;background:#fafbfc}
table{border-collapse:collapse;width:100%;margin:6px 0}td,th{border-bottom:1px solid #e8ebee;padding:4px 6px;text-align:left;vertical-align:top;font-size:14px}
th{background:#f1f3f5}.aliases span{display:inline-block;background:#eef1f4;border-radius:4px;padding:0 6px;margin:2px}
svg text{font:11px system-ui,sans-serif;fill:#333}
"#;

fn badge(v: Verdict) -> String {
    format!(r#"<span class="badge {}">{}</span>"#, v.as_str(), esc(&v.as_str().replace('_', " ")))
}

fn days(d: NaiveDate) -> i64 {
    d.num_days_from_ce() as i64
}

/// The timeline chart: one row per dated claim or event, a bar over its interval.
fn chart(rows: &[TimelineRow]) -> String {
    let dated: Vec<_> = rows.iter().filter(|r| r.start.is_some() || r.end.is_some()).collect();
    if dated.is_empty() {
        return "<p class=\"meta\">No dated claims or events.</p>".into();
    }
    let lo = dated.iter().filter_map(|r| r.start.or(r.end)).map(days).min().unwrap_or(0);
    let hi = dated.iter().filter_map(|r| r.end.or(r.start)).map(days).max().unwrap_or(lo);
    // Whole years around the data.
    let y0 = NaiveDate::from_num_days_from_ce_opt(lo as i32).map(|d| d.year()).unwrap_or(2000);
    let y1 = NaiveDate::from_num_days_from_ce_opt(hi as i32).map(|d| d.year()).unwrap_or(y0) + 1;
    let start = NaiveDate::from_ymd_opt(y0, 1, 1).map(days).unwrap_or(lo);
    let end = NaiveDate::from_ymd_opt(y1, 1, 1).map(days).unwrap_or(hi + 1);
    let (left, width, row_h, top) = (330.0, 700.0, 22.0, 28.0);
    let x = |d: i64| left + (d - start) as f64 / ((end - start).max(1) as f64) * width;
    let h = top + row_h * dated.len() as f64 + 10.0;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{h}" viewBox="0 0 {} {h}" role="img" aria-label="timeline">"#,
        left + width + 20.0,
        left + width + 20.0
    );
    let step = ((y1 - y0) / 12).max(1);
    let mut y = y0;
    while y <= y1 {
        if let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
            let xx = x(days(d));
            let _ = write!(
                s,
                r##"<line x1="{xx:.1}" y1="{}" x2="{xx:.1}" y2="{h}" stroke="#e3e6ea"/><text x="{xx:.1}" y="14" text-anchor="middle">{y}</text>"##,
                top - 8.0
            );
        }
        y += step;
    }
    for (i, r) in dated.iter().enumerate() {
        let yy = top + row_h * i as f64;
        let (a, b) =
            (r.start.or(r.end).map(days).unwrap_or(lo), r.end.or(r.start).map(days).unwrap_or(hi));
        let (xa, xb) = (x(a), x(b + 1));
        let open = r.start.is_none() || r.end.is_none();
        let color = if r.kind == "event" { "#c62828" } else { "#1565c0" };
        let label: String = format!("{} {}", r.label, r.what).chars().take(52).collect();
        let _ = write!(
            s,
            r#"<text x="{}" y="{:.1}" text-anchor="end">{}</text><rect x="{xa:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="2" fill="{color}" fill-opacity="{}"><title>{}</title></rect>"#,
            left - 8.0,
            yy + 14.0,
            esc(&label),
            yy + 4.0,
            (xb - xa).max(4.0),
            row_h - 8.0,
            if open { "0.35" } else { "0.85" },
            esc(&format!(
                "{} – {} ({}): {} — {}",
                r.start.map(|d| d.to_string()).unwrap_or_else(|| "open".into()),
                r.end.map(|d| d.to_string()).unwrap_or_else(|| "open".into()),
                r.granularity,
                r.what,
                r.source
            ))
        );
    }
    s.push_str("</svg>");
    s.push_str(
        r#"<p class="meta small"><span style="color:#1565c0">■</span> claim (its date or the time it is about) <span style="color:#c62828">■</span> event; pale bars are open-ended.</p>"#,
    );
    s
}

/// The page's head and title, up to the start of its content.
fn open(title: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>{} — dossier</title><style>{CSS}</style></head><body><main>"#,
        esc(title)
    )
}

/// The page's end.
fn close(s: &mut String) {
    s.push_str("<p class=\"meta small\">Generated by dossier. Every claim is quoted from the report it came from.</p></main></body></html>\n");
}

/// A predicate or kind as words ("first active").
fn words(s: &str) -> String {
    s.replace('_', " ")
}

/// One claim as a table row, from its record; with `subject`, its subject
/// and predicate lead.
fn claim_row(s: &mut String, c: &StoredClaimRecord, subject: bool) {
    let r = &c.record;
    let when = r.get("when").map(|w| record_str(w, "text")).unwrap_or("");
    s.push_str("<tr>");
    if subject {
        let _ = write!(
            s,
            "<td>{}</td><td>{}</td>",
            esc(record_str(r, "subject_name")),
            esc(&words(record_str(r, "predicate")))
        );
    }
    let source = r.get("source").and_then(Json::as_str).unwrap_or("the outlet");
    let _ = write!(
        s,
        "<td><b>{}</b>{}</td><td>{}</td><td>{}</td><td>{}<br><span class=\"meta small\">{}</span></td><td><blockquote>{}</blockquote></td></tr>",
        esc(&claim_value(r)),
        r.get("status")
            .and_then(Json::as_str)
            .map(|x| format!(" <span class=\"meta\">({})</span>", esc(x)))
            .unwrap_or_default(),
        esc(if when == "publication date" { "as of publication" } else { when }),
        esc(source),
        esc(&c.label),
        esc(&c.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into())),
        esc(record_str(r, "text"))
    );
}

/// The header row of a claims table.
fn claims_head(s: &mut String, subject: bool) {
    s.push_str("<table><tr>");
    if subject {
        s.push_str("<th>subject</th><th>claim</th>");
    }
    s.push_str("<th>value</th><th>when</th><th>source</th><th>outlet</th><th>quote</th></tr>");
}

/// One event: what, where, when, its reconciled figures, and each report's
/// quotes.
fn event_section(s: &mut String, ev: &StoredEvent, cited: &Cited) {
    let r = &ev.record;
    let place = r["place"]["name"].as_str().unwrap_or("place not stated");
    let when = r
        .get("when")
        .and_then(when_of)
        .and_then(|w| w.interval)
        .map(|w| w.display())
        .unwrap_or_else(|| "date not stated".into());
    let mut figures = String::new();
    for (label, key) in
        [("killed", "killed"), ("wounded", "wounded"), ("killed or wounded", "killed_or_wounded")]
    {
        if let Some(q) = record_quantity(r, key) {
            let _ = write!(figures, "; {label} {}", esc(&q.display()));
        }
    }
    let mut by: Vec<String> = ev.perpetrators.iter().map(|p| esc(cited.name(p))).collect();
    let actor = r["actor"]["text"].as_str().unwrap_or("");
    if !actor.is_empty() {
        by.push(esc(actor));
    }
    let reports = r.get("reports").and_then(Json::as_array).map_or(0, Vec::len);
    let compatible = r.get("casualties_compatible").and_then(Json::as_bool).unwrap_or(true);
    let _ = write!(
        s,
        "<h3>{} at {} on {}</h3><p class=\"small\">{}{} report{}; casualty figures {}{figures}</p>",
        esc(&words(ev.kind.as_str())),
        esc(place),
        esc(&when),
        if by.is_empty() { String::new() } else { format!("by {}; ", by.join(", ")) },
        reports,
        if reports == 1 { "" } else { "s" },
        if compatible { "compatible" } else { "<b>disagree</b>" },
    );
    for (i, doc) in ev.docs.iter().enumerate() {
        let cited_doc = cited.docs.get(doc);
        let label = ev
            .labels
            .get(i)
            .cloned()
            .or_else(|| cited_doc.map(crate::label::doc_label))
            .unwrap_or_else(|| doc.clone());
        let published = cited_doc.and_then(|d| d.published).map(|p| p.to_string());
        let _ = write!(
            s,
            "<p class=\"small\"><b>{}</b> <span class=\"meta\">{}</span></p>",
            esc(&label),
            esc(&published.unwrap_or_default())
        );
        for (_, a, b) in event_spans(r).filter(|(d, _, _)| d == doc) {
            if let Some(q) = cited.quote(doc, a, b) {
                let _ = write!(s, "<blockquote>{}</blockquote>", esc(q));
            }
        }
    }
}

/// "Showing the first N of M" when a list was cut.
fn cut_note(s: &mut String, shown: usize, total: usize, what: &str) {
    if shown < total {
        let _ = write!(
            s,
            r#"<p class="meta">{shown} of the {total} {what} are shown here; the web UI's lists page through them all.</p>"#
        );
    }
}

/// The whole dossier of an entity: names, disagreements, a timeline chart,
/// claims by predicate with their quotes, events, documents.
pub fn entity(d: &EntityDossier) -> String {
    let ent = &d.entity;
    let mut s = open(&ent.name);
    let n_docs = d.documents_total;
    let _ = write!(
        s,
        r#"<h1>{}</h1><p class="meta">{} · <code>{}</code> · reported in {n_docs} document{}</p>"#,
        esc(&ent.name),
        esc(ent.kind.as_str()),
        esc(&ent.id),
        if n_docs == 1 { "" } else { "s" }
    );
    if !ent.aliases.is_empty() {
        s.push_str(r#"<p class="aliases">Also known as: "#);
        for a in &ent.aliases {
            let _ = write!(s, "<span>{}</span>", esc(a));
        }
        s.push_str("</p>");
    }
    if !ent.evidence.is_empty() {
        s.push_str(
            r#"<details><summary>Why these names are one entity</summary><ul class="small">"#,
        );
        for ev in &ent.evidence {
            let _ = write!(s, "<li>{}</li>", esc(ev));
        }
        s.push_str("</ul></details>");
    }
    s.push_str("<h2>Where sources disagree</h2>");
    let mut disputed: Vec<&StoredFinding> = d
        .findings
        .iter()
        .filter(|f| matches!(f.verdict, Verdict::Conflict | Verdict::ChangedOverTime))
        .collect();
    disputed.sort_by(|a, b| {
        a.verdict
            .cmp(&b.verdict)
            .then(b.significance.total_cmp(&a.significance))
            .then(b.citations.len().cmp(&a.citations.len()))
            .then(a.predicate.cmp(&b.predicate))
    });
    if disputed.is_empty() {
        s.push_str(r#"<p class="meta">No conflicts or changes over time.</p>"#);
    }
    for f in disputed {
        let _ = write!(
            s,
            r#"<div class="disagree"><b>{}</b> {}<br>{}</div>"#,
            esc(&words(f.predicate.as_str())),
            badge(f.verdict),
            esc(&f.summary)
        );
    }
    s.push_str("<h2>Timeline</h2>");
    s.push_str(&chart(&timeline_rows(d)));
    s.push_str("<h2>Claims</h2>");
    if d.findings.is_empty() {
        s.push_str(r#"<p class="meta">No claims extracted about this entity.</p>"#);
    }
    let claims: HashMap<&str, &StoredClaimRecord> =
        d.claims.iter().map(|c| (c.id.as_str(), c)).collect();
    for f in &d.findings {
        let _ = write!(
            s,
            r#"<h3>{} {}</h3><p class="small">{}</p>"#,
            esc(&words(f.predicate.as_str())),
            badge(f.verdict),
            esc(&f.summary)
        );
        claims_head(&mut s, false);
        for c in f.claims.iter().filter_map(|c| claims.get(c.id.as_str())) {
            claim_row(&mut s, c, false);
        }
        s.push_str("</table>");
    }
    s.push_str("<h2>Events</h2>");
    if d.events.is_empty() {
        s.push_str(r#"<p class="meta">No events linked to this entity.</p>"#);
    }
    cut_note(&mut s, d.events.len(), d.events_total, "events");
    for ev in &d.events {
        event_section(&mut s, ev, &d.cited);
    }
    s.push_str("<h2>Documents</h2>");
    cut_note(&mut s, d.documents.len(), d.documents_total, "documents");
    s.push_str("<ul class=\"small\">");
    for doc in &d.documents {
        let _ = write!(
            s,
            "<li>{} — {} ({}) <code>{}</code></li>",
            esc(&doc.label),
            esc(doc.title.as_deref().unwrap_or("untitled")),
            esc(&doc.published.map(|p| p.to_string()).unwrap_or_else(|| "undated".into())),
            esc(&doc.id)
        );
    }
    s.push_str("</ul>");
    close(&mut s);
    s
}

/// A report of the events `events` (in the order given; `total` of them
/// chosen in all) under `title`; `scope` says which filters chose them.
pub fn events(
    events: &[StoredEvent],
    total: usize,
    cited: &Cited,
    title: &str,
    scope: &str,
) -> String {
    let mut s = open(title);
    let killed: f64 = events
        .iter()
        .filter_map(|v| record_quantity(&v.record, "killed"))
        .filter_map(|q| q.low)
        .sum();
    let _ = write!(
        s,
        r#"<h1>{}</h1><p class="meta">{} · {} event{} · at least {} killed</p>"#,
        esc(title),
        esc(scope),
        total,
        if total == 1 { "" } else { "s" },
        killed
    );
    if events.is_empty() {
        s.push_str(r#"<p class="meta">No events match.</p>"#);
    }
    cut_note(&mut s, events.len(), total, "events");
    for ev in events {
        event_section(&mut s, ev, cited);
    }
    close(&mut s);
    s
}

/// A report of the claims `claims` (in the order given; `total` of them
/// chosen in all) under `title`; `scope` says which filters chose them.
pub fn claims(claims: &[StoredClaimRecord], total: usize, title: &str, scope: &str) -> String {
    let mut s = open(title);
    let _ = write!(
        s,
        r#"<h1>{}</h1><p class="meta">{} · {} claim{}</p>"#,
        esc(title),
        esc(scope),
        total,
        if total == 1 { "" } else { "s" }
    );
    if claims.is_empty() {
        s.push_str(r#"<p class="meta">No claims match.</p>"#);
    } else {
        cut_note(&mut s, claims.len(), total, "claims");
        claims_head(&mut s, true);
        for c in claims {
            claim_row(&mut s, c, true);
        }
        s.push_str("</table>");
    }
    close(&mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esc_escapes_markup_and_quotes() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn short_quote_cuts_on_a_word_and_a_char_boundary() {
        assert_eq!(short_quote("a  b\nc", 10), "a b c");
        let q = short_quote("Nangarhār province was hit again and again", 20);
        assert!(q.ends_with(" …") && q.chars().count() <= 22, "{q}");
    }

    #[test]
    fn an_empty_selection_is_a_whole_page_that_says_so() {
        let html = events(&[], 0, &Cited::default(), "Events", "all events");
        assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
        assert!(html.contains("No events match.") && !html.contains("<script"));
        let html = claims(&[], 0, "Claims <x>", "all");
        assert!(html.contains("Claims &lt;x&gt;") && html.contains("No claims match."));
    }

    #[test]
    fn a_cut_list_says_how_many_it_shows_and_quotes_each_report() {
        let doc = Document {
            id: "d1".into(),
            source: Some("Ledger".into()),
            text: "Gunmen attacked a <market> on Monday.".into(),
            ..Default::default()
        };
        let ev = StoredEvent {
            id: "event:1".into(),
            kind: crate::EventKind::Attack,
            docs: vec!["d1".into()],
            place: None,
            perpetrators: vec!["group:x".into()],
            record: serde_json::json!({"spans": [["d1", 0, 37]], "reports": [{"doc": "d1"}],
                "killed": {"low": 3.0, "high": 3.0, "approximate": false}}),
            labels: vec!["Ledger".into()],
            geo: Default::default(),
            date: None,
            last_date: None,
            fatalities: 3.0,
        };
        let mut cited = Cited::default();
        cited.docs.insert("d1".into(), doc);
        cited.names.insert("group:x".into(), "Group X".into());
        let html = events(std::slice::from_ref(&ev), 3, &cited, "Events", "no filter");
        assert!(html.contains("3 events"), "the total chosen");
        assert!(html.contains("1 of the 3 events are shown here"), "{html}");
        assert!(
            html.contains("<blockquote>Gunmen attacked a &lt;market&gt; on Monday.</blockquote>")
        );
        assert!(html.contains("by Group X;") && html.contains("killed 3"));
        let whole = events(std::slice::from_ref(&ev), 1, &cited, "Events", "no filter");
        assert!(!whole.contains("are shown here"), "nothing cut, nothing said");
    }
}
