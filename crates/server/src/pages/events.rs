//! Events as pages of their own: the event table other pages embed, the
//! event page (`/events/{id}`) and the filtered events list (`/events`).
//!
//! Casualty figures are always the reconciled ones: the interval every
//! report allows when the reports fit together, else the span from the
//! lowest to the highest figure any report gives (so that the figure never
//! depends on which report was read first), with a "casualty figures
//! disagree" badge linking to the event page, where each report's own
//! figures stand with its quote.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::error::{P, Q};
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Html;
use chrono::NaiveDate;
use dossier_core::reconcile::{CorpusEvent, StoredEvent};
use dossier_core::Quantity;
use dossier_store::{EventFacets, MonthTotal};

use super::words::{self, event_kind, plural};
use super::{pager, PAGE};
use crate::api::ListQuery;
use crate::error::{AppError, AppResult};
use crate::html::{esc, num, page, q, seg, Nav};
use crate::state::{AppState, Geo, Snapshot};

/// The reconciled casualty figures of an event.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// Killed.
    pub killed: Option<Quantity>,
    /// Wounded.
    pub wounded: Option<Quantity>,
    /// Killed or wounded, counted together.
    pub killed_or_wounded: Option<Quantity>,
    /// Whether the reports' figures cannot all be true at once.
    pub disagree: bool,
}

/// From the lowest low to the highest high of the figures (open when any
/// is): the reports' spread, whatever their order.
fn hull<'a>(qs: impl Iterator<Item = &'a Quantity>) -> Option<Quantity> {
    let mut out: Option<Quantity> = None;
    for q in qs {
        out = Some(match out {
            None => *q,
            Some(o) => Quantity {
                low: match (o.low, q.low) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    _ => None,
                },
                high: match (o.high, q.high) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                },
                approximate: o.approximate || q.approximate,
            },
        });
    }
    out
}

/// A figure as words ([`words::quantity`]), empty when not reported.
pub fn figure(q: &Option<Quantity>) -> String {
    q.as_ref().map(words::quantity).unwrap_or_default()
}

/// The date of an event for sorting and filtering: its first possible day.
fn date_of(ev: &CorpusEvent) -> Option<NaiveDate> {
    ev.when.as_ref().and_then(|w| w.start.or(w.end))
}

/// The lowest credible death toll (ACLED's rule), 0 when none is reported.
pub fn fatalities(ev: &CorpusEvent) -> f64 {
    ev.fatalities_lowest.unwrap_or(0.0)
}

/// The publication dates of the documents reporting some events, by id
/// (the tables name each report by its label and date).
pub type DocDates = std::collections::HashMap<String, Option<NaiveDate>>;

/// The dates of the documents of `events` (one query per 500).
pub fn doc_dates(store: &dossier_store::Store, events: &[StoredEvent]) -> AppResult<DocDates> {
    let ids = doc_ids(events);
    Ok(store.document_facts(&ids)?.into_iter().map(|f| (f.id, f.published)).collect())
}

/// The ids of the documents of `events`, each once, sorted.
fn doc_ids(events: &[StoredEvent]) -> Vec<String> {
    let mut ids: Vec<String> = events.iter().flat_map(|v| v.docs.iter().cloned()).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The label of document `doc` among an event's reports.
fn stored_label<'a>(ev: &'a StoredEvent, doc: &'a str) -> &'a str {
    ev.docs.iter().position(|d| d == doc).and_then(|i| ev.labels.get(i)).map_or(doc, String::as_str)
}

/// Where a stored event's report in `doc` is: the first span in it.
fn stored_report_href(ev: &StoredEvent, doc: &str) -> String {
    let span = ev.record["spans"].as_array().and_then(|sp| sp.iter().find(|x| x[0] == doc));
    match span.and_then(|x| Some((x[1].as_u64()?, x[2].as_u64()?))) {
        Some((s0, s1)) => format!("/doc/{}?s={s0}&amp;e={s1}#hl", seg(doc)),
        None => format!("/doc/{}", seg(doc)),
    }
}

/// The event table ([`event_table`]) from stored events.
pub fn stored_event_table(
    b: &mut String,
    names: &super::stored::Names,
    dates: &DocDates,
    events: &[StoredEvent],
) {
    b.push_str(
        "<div class=\"tablewrap\"><table class=\"events\"><thead><tr><th scope=\"col\">Event</th>\
         <th scope=\"col\">When</th><th scope=\"col\">Where</th><th scope=\"col\">Perpetrators</th>\
         <th scope=\"col\" class=\"num\">Killed</th><th scope=\"col\" class=\"num\">Wounded</th>\
         <th scope=\"col\" class=\"num\">Killed or wounded</th><th scope=\"col\">Reports</th></tr></thead><tbody>",
    );
    for ev in events {
        let r = &ev.record;
        let fg = stored_figures(ev);
        let href = format!("/events/{}", seg(&ev.id));
        let _ = write!(b, "<tr><td><a href=\"{href}\">{}</a>", esc(&event_kind(ev.kind)));
        if r["claimed"].as_bool().unwrap_or(false) {
            b.push_str(" <span class=\"tag\">claimed</span>");
        }
        let _ = write!(b, "</td><td>{}</td><td>", esc(&stored_when(r)));
        if let Some(p) = &ev.place {
            super::stored::entity_link(b, names, p, r["place"]["name"].as_str().unwrap_or(""));
        }
        b.push_str("</td><td>");
        for (i, p) in ev.perpetrators.iter().enumerate() {
            if i > 0 {
                b.push_str(", ");
            }
            super::stored::entity_link(b, names, p, "");
        }
        if let Some(a) = r["actor"]["text"].as_str() {
            let _ = write!(b, "<span class=\"muted\">{}</span>", esc(a));
        }
        let reports = r["reports"].as_array().map(Vec::as_slice).unwrap_or_default();
        let _ = write!(
            b,
            "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}",
            esc(&figure(&fg.killed)),
            esc(&figure(&fg.wounded)),
            esc(&figure(&fg.killed_or_wounded)),
            plural(reports.len(), "report")
        );
        if fg.disagree {
            let _ = write!(
                b,
                " <a class=\"badge v-conflict\" href=\"{href}#figures\">casualty figures disagree</a>"
            );
        }
        b.push_str("</td></tr>");
        if reports.len() > 1 {
            b.push_str(
                "<tr class=\"persource\"><td></td><td colspan=\"7\"><details><summary>Figures by report</summary>",
            );
            b.push_str(
                "<div class=\"tablewrap\"><table class=\"sources\"><thead><tr><th scope=\"col\">Report</th>\
                 <th scope=\"col\">Says when</th><th scope=\"col\" class=\"num\">Killed</th><th scope=\"col\" class=\"num\">Wounded</th>\
                 <th scope=\"col\" class=\"num\">Killed or wounded</th></tr></thead><tbody>",
            );
            for x in reports {
                let doc = x["doc"].as_str().unwrap_or("");
                stored_report_cells(b, ev, dates, x, &stored_report_href(ev, doc));
                b.push_str("</tr>");
            }
            b.push_str("</tbody></table></div>");
            b.push_str("</details></td></tr>");
        }
    }
    b.push_str("</tbody></table></div>");
}

/// The first cells of a report's row (as [`source_table`]'s): the report
/// with its date, what it says of when, its own figures; the row is left
/// open.
fn stored_report_cells(
    b: &mut String,
    ev: &StoredEvent,
    dates: &DocDates,
    x: &serde_json::Value,
    href: &str,
) {
    let quantity = |j: &serde_json::Value| serde_json::from_value::<Quantity>(j.clone()).ok();
    let doc = x["doc"].as_str().unwrap_or("");
    let _ = write!(b, "<tr><td><a href=\"{href}\">{}</a>", esc(stored_label(ev, doc)));
    if let Some(Some(p)) = dates.get(doc) {
        let _ = write!(b, " <span class=\"muted\">{}</span>", esc(&words::day(*p)));
    }
    b.push_str("</td><td data-label=\"Says when\">");
    if let Some(t) = x["when"]["text"].as_str() {
        let _ = write!(b, "{}", esc(&words::clean_text(t)));
    }
    let _ = write!(
        b,
        "</td><td class=\"num\" data-label=\"Killed\">{}</td><td class=\"num\" data-label=\"Wounded\">{}</td>\
         <td class=\"num\" data-label=\"Killed or wounded\">{}</td>",
        esc(&figure(&quantity(&x["killed"]))),
        esc(&figure(&quantity(&x["wounded"]))),
        esc(&figure(&quantity(&x["killed_or_wounded"])))
    );
}

/// An event record's date as words.
fn stored_when(r: &serde_json::Value) -> String {
    r.get("when")
        .and_then(|w| serde_json::from_value::<dossier_core::TimeInterval>(w.clone()).ok())
        .map(|i| words::interval(&i))
        .unwrap_or_else(|| "date unknown".into())
}

/// The events a document reports, each with that document's own figures
/// (never another report's), linking to the event page.
pub fn doc_events(b: &mut String, names: &super::stored::Names, doc: &str, events: &[StoredEvent]) {
    b.push_str("<ul class=\"doc-events\">");
    for ev in events {
        let r = &ev.record;
        let href = format!("/events/{}", seg(&ev.id));
        let Some(report) =
            r["reports"].as_array().and_then(|rs| rs.iter().find(|x| x["doc"] == doc))
        else {
            continue;
        };
        let when = r
            .get("when")
            .and_then(|w| serde_json::from_value::<dossier_core::TimeInterval>(w.clone()).ok())
            .map(|i| words::interval(&i))
            .unwrap_or_else(|| "date unknown".into());
        let _ =
            write!(b, "<li><a href=\"{href}\">{}, {}</a>", esc(&event_kind(ev.kind)), esc(&when));
        if let Some(p) = &ev.place {
            b.push_str(" · ");
            super::stored::entity_link(b, names, p, r["place"]["name"].as_str().unwrap_or(""));
        }
        let quantity = |j: &serde_json::Value| serde_json::from_value::<Quantity>(j.clone()).ok();
        let mut figs = Vec::new();
        for (name, key) in [
            ("killed", "killed"),
            ("wounded", "wounded"),
            ("killed or wounded", "killed_or_wounded"),
        ] {
            let q = quantity(&report[key]);
            if q.is_some() {
                figs.push(format!("{name} {}", figure(&q)));
            }
        }
        if !figs.is_empty() {
            let span = r["spans"].as_array().and_then(|sp| sp.iter().find(|x| x[0] == doc));
            let report_href = match span.and_then(|x| Some((x[1].as_u64()?, x[2].as_u64()?))) {
                Some((s0, s1)) => format!("/doc/{}?s={s0}&amp;e={s1}#hl", seg(doc)),
                None => format!("/doc/{}", seg(doc)),
            };
            let _ = write!(
                b,
                "<div class=\"small\">This report: <a href=\"{report_href}\">{}</a></div>",
                esc(&figs.join(", "))
            );
        }
        let reports = r["reports"].as_array().map_or(0, Vec::len);
        if reports > 1 {
            let _ = write!(
                b,
                "<div class=\"small muted\">{} in all; <a href=\"{href}#figures\">figures reconciled across them</a></div>",
                plural(reports, "report"),
            );
        }
        b.push_str("</li>");
    }
    b.push_str("</ul>");
}

/// Reports of an event whose documents the event page loads for their
/// quotes and denials; a larger event lists the rest without them.
const QUOTED_REPORTS: usize = 200;

/// A report of a stored event as its page shows it: the record's entry,
/// and where its document was loaded, the document's own event.
struct Report<'a> {
    record: &'a serde_json::Value,
    doc: &'a str,
    /// The document and the index of the report among its events.
    own: Option<(&'a dossier_core::Annotated, usize)>,
}

/// What the event page shows, read from the stored results and the
/// reports' documents.
struct EventPage {
    ev: StoredEvent,
    /// The documents of the first [`QUOTED_REPORTS`] reports.
    docs: std::collections::HashMap<String, dossier_core::Annotated>,
    /// Each loaded document's local entities' corpus ids.
    locals: std::collections::HashMap<String, Vec<String>>,
    dates: DocDates,
    names: super::stored::Names,
}

/// `GET /events/{id}`: one event with everything behind it, from the
/// stored event and its reports' documents (no whole-corpus view), kept
/// until the stored results move (see [`crate::answers`]).
pub async fn event(State(st): State<AppState>, P(id): P<String>) -> AppResult<Html<Bytes>> {
    let key = format!("/events/{id}");
    let html = st
        .answer(key, move |store| {
            let p = event_page(store, &id)?;
            let title =
                format!("{} · {}", capital(&event_kind(p.ev.kind)), stored_when(&p.ev.record));
            Ok(page(&title, Nav::Events, &render_event(&p)))
        })
        .await?;
    Ok(Html(html))
}

fn event_page(store: &dossier_store::Store, id: &str) -> AppResult<EventPage> {
    let ev = store
        .recon_event(id)?
        .ok_or_else(|| AppError::not_found(format!("no event with id `{id}`")))?;
    let mut docs = std::collections::HashMap::new();
    let mut locals = std::collections::HashMap::new();
    let reports = ev.record["reports"].as_array().map(Vec::as_slice).unwrap_or_default();
    for r in reports.iter().take(QUOTED_REPORTS) {
        let Some(d) = r["doc"].as_str() else { continue };
        if docs.contains_key(d) {
            continue;
        }
        if let Some(a) = store.load(d)? {
            docs.insert(d.to_string(), a);
        }
        if let Some(l) = store.recon_locals(d)? {
            locals.insert(d.to_string(), l.entities);
        }
    }
    let dates = doc_dates(store, std::slice::from_ref(&ev))?;
    let mut ids: Vec<String> = ev.perpetrators.clone();
    ids.extend(ev.place.clone());
    for a in docs.values() {
        for e in &a.events {
            for &g in &e.denied_by {
                ids.extend(locals.get(&a.doc.id).and_then(|l| l.get(g)).cloned());
            }
        }
    }
    let names = super::stored::names(store, ids)?;
    Ok(EventPage { ev, docs, locals, dates, names })
}

/// The reports of a stored event, each matched to its document's own event
/// where the document was loaded: the k-th report from a document is the
/// k-th of its events whose first span the record lists.
fn reports_of(p: &EventPage) -> Vec<Report<'_>> {
    let r = &p.ev.record;
    let spans: Vec<(&str, u64)> = r["spans"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|x| Some((x[0].as_str()?, x[1].as_u64()?)))
        .collect();
    let mut taken: Vec<(&str, usize)> = Vec::new();
    let mut out = Vec::new();
    for x in r["reports"].as_array().map(Vec::as_slice).unwrap_or_default() {
        let doc = x["doc"].as_str().unwrap_or("");
        let own = p.docs.get(doc).and_then(|a| {
            let k = taken.iter().filter(|(d, _)| *d == doc).count();
            let (i, _) = a
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    e.spans.first().is_some_and(|sp| spans.contains(&(doc, sp.start as u64)))
                })
                .nth(k)?;
            Some((a, i))
        });
        if let Some((_, i)) = own {
            taken.push((doc, i));
        }
        out.push(Report { record: x, doc, own });
    }
    out
}

/// Where a report is in its document: its own first span, else the
/// event's first span in that document.
fn report_link(p: &EventPage, r: &Report) -> String {
    match r.own.and_then(|(a, i)| Some((a, a.events[i].spans.first()?))) {
        Some((a, sp)) => {
            format!("/doc/{}?s={}&amp;e={}#hl", seg(&a.doc.id), sp.start, sp.end)
        }
        None => stored_report_href(&p.ev, r.doc),
    }
}

fn render_event(p: &EventPage) -> String {
    let ev = &p.ev;
    let r = &ev.record;
    let names = &p.names;
    let fg = stored_figures(ev);
    let reports = reports_of(p);
    let mut b = String::new();
    let _ = write!(b, "<h1>{}", esc(&capital(&event_kind(ev.kind))));
    if let Some(name) = r["place"]["name"].as_str() {
        let _ = write!(b, " at {}", esc(name));
    }
    let _ = write!(
        b,
        "</h1><p class=\"muted\">Event <code>{}</code> · {} · <a href=\"/api/v1/events/{}\">JSON</a></p>",
        esc(&ev.id),
        plural(reports.len(), "report"),
        seg(&ev.id)
    );
    b.push_str("<dl class=\"facts\"><dt>Kind</dt><dd>");
    let _ = write!(
        b,
        "<a href=\"/events?kind={}\">{}</a> <span class=\"muted\">({})</span>",
        q(ev.kind.as_str()),
        esc(&event_kind(ev.kind)),
        esc(ev.kind.acled_type())
    );
    b.push_str("</dd><dt>When</dt><dd>");
    let when = r
        .get("when")
        .and_then(|w| serde_json::from_value::<dossier_core::TimeInterval>(w.clone()).ok());
    match &when {
        Some(w) => {
            let _ = write!(
                b,
                "{} <span class=\"muted\">(known to the {})</span>",
                esc(&words::interval(w)),
                precision(w)
            );
        }
        None => b.push_str("<span class=\"muted\">the reports give no date</span>"),
    }
    b.push_str("</dd><dt>Where</dt><dd>");
    let own = r["place"]["name"].as_str().unwrap_or("");
    match &ev.place {
        Some(pl) => super::stored::entity_link(&mut b, names, pl, own),
        None => b.push_str("<span class=\"muted\">no place named</span>"),
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(a) = &ev.geo.admin1 {
        let n = Geo::admin1_name(a);
        if n != own {
            parts.push(format!("<a href=\"/events?admin1={}\">{}</a>", q(a), esc(&n)));
        }
    }
    if let Some(c) = &ev.geo.country {
        let n = Geo::country_name(c);
        if n != own {
            parts.push(format!("<a href=\"/events?country={}\">{}</a>", q(c), esc(&n)));
        }
    }
    if !parts.is_empty() {
        let _ = write!(b, ", in {}", parts.join(", "));
    }
    b.push_str("</dd><dt>Perpetrators</dt><dd>");
    if ev.perpetrators.is_empty() {
        match r["actor"]["text"].as_str() {
            Some(a) => {
                let class = r["actor"]["class"].as_str().unwrap_or("").replace('_', " ");
                let _ = write!(
                    b,
                    "{} <span class=\"muted\">(described, no group named; {})</span>",
                    esc(a),
                    esc(&class)
                );
            }
            None => b.push_str("<span class=\"muted\">not named</span>"),
        }
    }
    for (i, pe) in ev.perpetrators.iter().enumerate() {
        if i > 0 {
            b.push_str(", ");
        }
        super::stored::entity_link(&mut b, names, pe, "");
    }
    b.push_str("</dd><dt>Claims</dt><dd>");
    let mut claimed_in: Vec<&str> = Vec::new();
    for x in reports.iter().filter(|x| x.record["claimed"].as_bool().unwrap_or(false)) {
        if !claimed_in.contains(&x.doc) {
            claimed_in.push(x.doc);
        }
    }
    if claimed_in.is_empty() {
        b.push_str("<span class=\"muted\">no report says anyone claimed it</span>");
    } else {
        b.push_str("responsibility claimed, according to ");
        for (i, d) in claimed_in.iter().enumerate() {
            if i > 0 {
                b.push_str(", ");
            }
            let _ = write!(b, "<a href=\"/doc/{}\">{}</a>", seg(d), esc(stored_label(ev, d)));
        }
    }
    b.push_str("</dd><dt>Denials</dt><dd>");
    let mut denials = 0;
    for x in &reports {
        let Some((a, i)) = x.own else { continue };
        for &g in &a.events[i].denied_by {
            let Some(ge) = p.locals.get(x.doc).and_then(|l| l.get(g)) else { continue };
            if denials > 0 {
                b.push_str("; ");
            }
            super::stored::entity_link(&mut b, names, ge, "");
            let _ = write!(
                b,
                " denied involvement, according to <a href=\"{}\">{}</a>",
                report_link(p, x),
                esc(stored_label(ev, x.doc))
            );
            denials += 1;
        }
    }
    if denials == 0 {
        b.push_str("<span class=\"muted\">none reported</span>");
    }
    b.push_str("</dd></dl>");

    b.push_str("<section id=\"figures\"><h2>Casualties</h2>");
    if fg.disagree {
        b.push_str(
            "<p><span class=\"badge v-conflict\">casualty figures disagree</span> The reports' \
             figures cannot all be true at once; each figure below spans the lowest to the highest \
             any report gives.</p>",
        );
    } else if reports.len() > 1 {
        b.push_str(
            "<p class=\"muted\">Each figure is what every report allows; a toll published \
             earlier counts as a floor for a later one, since tolls rise.</p>",
        );
    }
    let _ = write!(
        b,
        "<dl class=\"figures\"><div><dt>Killed</dt><dd>{}</dd></div><div><dt>Wounded</dt><dd>{}</dd></div>\
         <div><dt>Killed or wounded</dt><dd>{}</dd></div>",
        dash(&figure(&fg.killed)),
        dash(&figure(&fg.wounded)),
        dash(&figure(&fg.killed_or_wounded)),
    );
    if let Some(f) = r["fatalities_lowest"].as_f64() {
        let _ = write!(
            b,
            "<div><dt>Lowest credible death toll</dt><dd>{}</dd></div>",
            esc(&figure(&Some(Quantity::exact(f))))
        );
    }
    b.push_str("</dl><h3>By report</h3>");
    b.push_str(
        "<div class=\"tablewrap\"><table class=\"sources\"><thead><tr><th scope=\"col\">Report</th>\
         <th scope=\"col\">Says when</th><th scope=\"col\" class=\"num\">Killed</th><th scope=\"col\" class=\"num\">Wounded</th>\
         <th scope=\"col\" class=\"num\">Killed or wounded</th><th scope=\"col\">Kind</th><th scope=\"col\">Quote</th></tr></thead><tbody>",
    );
    for x in &reports {
        let href = report_link(p, x);
        stored_report_cells(&mut b, ev, &p.dates, x.record, &href);
        let quote: Vec<String> = match x.own {
            Some((a, i)) => {
                let text = &a.doc.text;
                a.events[i]
                    .spans
                    .iter()
                    .filter(|sp| {
                        sp.end() <= text.len()
                            && text.is_char_boundary(sp.start())
                            && text.is_char_boundary(sp.end())
                    })
                    .map(|sp| words::clean_text(sp.slice(text)))
                    .collect()
            }
            None => Vec::new(),
        };
        let kind = x.record["kind"].as_str().unwrap_or("").replace('_', " ");
        let _ = write!(b, "<td data-label=\"Kind\">{}</td><td class=\"q\">", esc(&kind));
        if x.own.is_some() {
            let _ =
                write!(b, "<a class=\"quote\" href=\"{href}\">“{}”</a>", esc(&quote.join(" … ")));
        } else {
            let _ = write!(b, "<a class=\"quote\" href=\"{href}\">in the report</a>");
        }
        b.push_str("</td></tr>");
    }
    b.push_str("</tbody></table></div>");
    b.push_str("</section><section><h2>Why these reports are one event</h2>");
    let reasons = r["merge_reasons"].as_array().map(Vec::as_slice).unwrap_or_default();
    if reasons.is_empty() {
        b.push_str("<p class=\"muted\">Only one report describes it.</p>");
    } else {
        b.push_str("<ul>");
        for x in reasons.iter().filter_map(|x| x.as_str()) {
            let _ = write!(b, "<li>{}</li>", esc(x));
        }
        b.push_str("</ul>");
    }
    b.push_str("</section>");
    b
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn dash(s: &str) -> String {
    if s.is_empty() {
        "<span class=\"muted\">not reported</span>".into()
    } else {
        esc(s).to_string()
    }
}

fn precision(w: &dossier_core::TimeInterval) -> &'static str {
    use dossier_core::Granularity as G;
    match w.granularity {
        G::Day => "day",
        G::Week => "week",
        G::Month => "month",
        G::PartOf => "part of a month or year",
        G::Season => "season",
        G::Quarter => "quarter",
        G::Half => "half year",
        G::Year => "year",
        G::Decade => "decade",
        G::Century => "century",
        #[allow(unreachable_patterns)]
        _ => "given precision",
    }
}

/// The filters of the events list, checked.
struct Filter {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    country: Option<String>,
    admin1: Option<String>,
    group: Option<usize>,
    entity: Option<usize>,
    kind: Option<String>,
    min_killed: Option<f64>,
}

fn nonempty(x: &Option<String>) -> Option<&str> {
    x.as_deref().map(str::trim).filter(|x| !x.is_empty())
}

pub fn parse_date(name: &str, x: &Option<String>, end: bool) -> AppResult<Option<NaiveDate>> {
    let Some(t) = nonempty(x) else { return Ok(None) };
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(Some(d));
    }
    // A year or a month stands for its first (or, for `to`, last) day.
    let (y, m) = match t.split_once('-') {
        Some((y, m)) => (y.parse::<i32>().ok(), m.parse::<u32>().ok()),
        None => (t.parse::<i32>().ok(), None),
    };
    let d = match (y, m) {
        (Some(y), Some(m)) if end => NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .and_then(|d| d.pred_opt()),
        (Some(y), Some(m)) => NaiveDate::from_ymd_opt(y, m, 1),
        (Some(y), None) if end => NaiveDate::from_ymd_opt(y, 12, 31),
        (Some(y), None) => NaiveDate::from_ymd_opt(y, 1, 1),
        _ => None,
    };
    d.map(Some).ok_or_else(|| {
        AppError::bad_request(format!(
            "`{name}={t}` is not a date: use YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2021-08-26"
        ))
    })
}

impl Filter {
    fn parse(s: &Snapshot, f: &ListQuery) -> AppResult<Filter> {
        let kind = nonempty(&f.kind).map(String::from);
        if let Some(k) = &kind {
            if !s.rec.events.iter().any(|e| e.kind.as_str() == k) && !KINDS.contains(&k.as_str()) {
                return Err(AppError::bad_request(format!(
                    "unknown event kind `{k}`: use one of {}",
                    KINDS.join(", ")
                )));
            }
        }
        let min_killed = match nonempty(&f.min_killed) {
            Some(t) => Some(t.parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(|| {
                AppError::bad_request(format!("`min_killed={t}` is not a number: use e.g. 10"))
            })?),
            None => None,
        };
        Ok(Filter {
            from: parse_date("from", &f.from, false)?,
            to: parse_date("to", &f.to, true)?,
            country: nonempty(&f.country).map(|c| c.to_ascii_uppercase()),
            admin1: nonempty(&f.admin1).map(|c| c.to_ascii_uppercase()),
            group: nonempty(&f.group).map(|g| s.entity(g)).transpose()?,
            entity: nonempty(&f.entity).map(|g| s.entity(g)).transpose()?,
            kind,
            min_killed,
        })
    }

    fn keeps(&self, s: &Snapshot, v: usize) -> bool {
        let ev = &s.rec.events[v];
        let geo = &s.event_geo[v];
        let date = date_of(ev);
        let last = ev.when.as_ref().and_then(|w| w.end.or(w.start));
        self.from.is_none_or(|f| last.is_some_and(|d| d >= f))
            && self.to.is_none_or(|t| date.is_some_and(|d| d <= t))
            && self.country.as_ref().is_none_or(|c| geo.country.as_ref() == Some(c))
            && self.admin1.as_ref().is_none_or(|a| geo.admin1.as_ref() == Some(a))
            && self.group.is_none_or(|g| ev.perpetrators.contains(&g))
            && self.entity.is_none_or(|e| ev.perpetrators.contains(&e) || ev.place == Some(e))
            && self.kind.as_ref().is_none_or(|k| ev.kind.as_str() == k)
            && self.min_killed.is_none_or(|m| fatalities(ev) >= m)
    }
}

/// Event kinds as the export names them.
pub const KINDS: [&str; 12] = [
    "attack",
    "bombing",
    "suicide_bombing",
    "shooting",
    "ambush",
    "raid",
    "assassination",
    "execution",
    "kidnapping",
    "rocket_or_mortar_fire",
    "clash",
    "prison_break",
];

/// The events matching the list filters, latest first (undated last).
pub fn filter_events(s: &Snapshot, f: &ListQuery) -> AppResult<Vec<usize>> {
    let filter = Filter::parse(s, f)?;
    let mut hits: Vec<usize> = (0..s.rec.events.len()).filter(|&v| filter.keeps(s, v)).collect();
    hits.sort_by(|&a, &b| {
        let (da, db) = (date_of(&s.rec.events[a]), date_of(&s.rec.events[b]));
        match (da, db) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then(s.rec.events[a].id.cmp(&s.rec.events[b].id))
    });
    Ok(hits)
}

/// `GET /events`: every event, filtered by GET parameters (`from`, `to`,
/// `country`, `admin1`, `group`, `kind`, `min_killed`), latest first, with
/// totals per month; read from the stored results (one page of events,
/// their count and tolls, the months by aggregate, the filter's choices by
/// `DISTINCT`).
pub async fn events(State(st): State<AppState>, Q(f): Q<ListQuery>) -> AppResult<Html<String>> {
    let offset = f.offset.unwrap_or(0);
    let (page_events, total, total_killed, months_found, facets, names) = st
        .read(move |store| {
            let filter = crate::read::event_filter(store, &f)?;
            let (page_events, killed) = store.recon_events_list(&filter, PAGE, offset)?;
            let months = store.recon_event_months(&filter)?;
            let facets = store.recon_event_facets()?;
            let ids = page_events
                .items
                .iter()
                .flat_map(|ev| ev.place.iter().chain(&ev.perpetrators).cloned())
                .collect::<Vec<_>>();
            let names = super::stored::names(store, ids)?;
            Ok((page_events.items, page_events.total, killed, months, facets, (names, f)))
        })
        .await?;
    let (names, f) = names;
    let mut b = String::from("<h1>Events</h1>");
    filter_form(&mut b, &facets, &f);
    // The query string of the filters in force, for links that keep them.
    let mut base = String::from("/events?");
    for (k, v) in params(&f) {
        let _ = write!(base, "{k}={}&amp;", q(v));
    }
    let _ = write!(
        b,
        "<p class=\"muted\" id=\"count\">{} · at least {} killed (lowest credible tolls)</p>",
        plural(total, "event"),
        num(total_killed as usize)
    );
    let mut query = String::new();
    for (i, (k, v)) in params(&f).into_iter().enumerate() {
        let _ = write!(query, "{}{k}={}", if i == 0 { "?" } else { "&amp;" }, q(v));
    }
    export_links(&mut b, &query);
    let _ = write!(b, "<p><a href=\"/map{query}\">These events on a map</a></p>");
    list_table(&mut b, &names, &page_events);
    pager(&mut b, &base, offset, total);
    months(&mut b, &months_found.0, months_found.1);
    Ok(Html(page("Events", Nav::Events, &b)))
}

fn params(f: &ListQuery) -> Vec<(&'static str, &str)> {
    let mut out = Vec::new();
    for (k, v) in [
        ("from", &f.from),
        ("to", &f.to),
        ("country", &f.country),
        ("admin1", &f.admin1),
        ("group", &f.group),
        ("entity", &f.entity),
        ("kind", &f.kind),
        ("min_killed", &f.min_killed),
    ] {
        if let Some(v) = nonempty(v) {
            out.push((k, v));
        }
    }
    out
}

/// The filter's choices in the whole-corpus view (the map's).
fn filter_form(b: &mut String, facets: &EventFacets, f: &ListQuery) {
    let val = |x: &Option<String>| esc(nonempty(x).unwrap_or("")).to_string();
    let _ = write!(
        b,
        "<form class=\"filters\" action=\"/events\" method=\"get\" aria-label=\"Filter events\">\
         <label>From <input name=\"from\" type=\"date\" value=\"{}\"></label>\
         <label>To <input name=\"to\" type=\"date\" value=\"{}\"></label>",
        val(&f.from),
        val(&f.to)
    );
    select(
        b,
        "country",
        "Country",
        nonempty(&f.country),
        facets.countries.iter().map(|c| (c.clone(), Geo::country_name(c))),
    );
    select(
        b,
        "admin1",
        "Province",
        nonempty(&f.admin1),
        facets.admin1.iter().map(|a| (a.clone(), Geo::admin1_name(a))),
    );
    select(b, "group", "Group", nonempty(&f.group), facets.groups.iter().cloned());
    select(
        b,
        "kind",
        "Kind",
        nonempty(&f.kind),
        KINDS.iter().map(|k| (k.to_string(), k.replace('_', " "))),
    );
    let _ = write!(
        b,
        "<label>Killed at least <input name=\"min_killed\" type=\"number\" min=\"0\" step=\"1\" size=\"5\" value=\"{}\"></label>",
        val(&f.min_killed)
    );
    if let Some(e) = nonempty(&f.entity) {
        let _ = write!(b, "<input type=\"hidden\" name=\"entity\" value=\"{}\">", esc(e));
    }
    b.push_str("<button type=\"submit\">Filter</button> <a href=\"/events\">clear</a></form>");
}

fn select(
    b: &mut String,
    name: &str,
    label: &str,
    current: Option<&str>,
    options: impl Iterator<Item = (String, String)>,
) {
    let _ = write!(b, "<label>{label} <select name=\"{name}\"><option value=\"\">any</option>");
    for (v, text) in options {
        let sel =
            if current.is_some_and(|c| c.eq_ignore_ascii_case(&v)) { " selected" } else { "" };
        let _ = write!(b, "<option value=\"{}\"{sel}>{}</option>", esc(&v), esc(&text));
    }
    b.push_str("</select></label>");
}

/// The figures of a stored event (as [`figures`]): its own when its
/// reports fit together, else the hull of theirs.
fn stored_figures(ev: &StoredEvent) -> Figures {
    let r = &ev.record;
    let quantity = |j: &serde_json::Value| serde_json::from_value::<Quantity>(j.clone()).ok();
    if r["casualties_compatible"].as_bool().unwrap_or(true) {
        return Figures {
            killed: quantity(&r["killed"]),
            wounded: quantity(&r["wounded"]),
            killed_or_wounded: quantity(&r["killed_or_wounded"]),
            disagree: false,
        };
    }
    let reports = r["reports"].as_array().cloned().unwrap_or_default();
    let of =
        |k: &str| -> Vec<Quantity> { reports.iter().filter_map(|x| quantity(&x[k])).collect() };
    Figures {
        killed: hull(of("killed").iter()),
        wounded: hull(of("wounded").iter()),
        killed_or_wounded: hull(of("killed_or_wounded").iter()),
        disagree: true,
    }
}

/// The list's rows: every country, group and kind links to the list
/// filtered by it.
fn list_table(b: &mut String, names: &super::stored::Names, events: &[StoredEvent]) {
    b.push_str(
        "<div class=\"tablewrap\"><table class=\"events list\"><thead><tr><th scope=\"col\">When</th>\
         <th scope=\"col\">Kind</th><th scope=\"col\">Where</th><th scope=\"col\">Country</th>\
         <th scope=\"col\">Groups</th><th scope=\"col\" class=\"num\">Killed</th><th scope=\"col\" class=\"num\">Wounded</th>\
         <th scope=\"col\" class=\"num\">Killed or wounded</th><th scope=\"col\">Reports</th></tr></thead><tbody>",
    );
    if events.is_empty() {
        b.push_str(
            "<tr><td colspan=\"9\" class=\"muted\">No event matches these filters.</td></tr>",
        );
    }
    for ev in events {
        let r = &ev.record;
        let geo = &ev.geo;
        let fg = stored_figures(ev);
        let when = r
            .get("when")
            .and_then(|w| serde_json::from_value::<dossier_core::TimeInterval>(w.clone()).ok())
            .map(|i| words::interval(&i))
            .unwrap_or_else(|| "date unknown".into());
        let href = format!("/events/{}", seg(&ev.id));
        let _ = write!(
            b,
            "<tr><td><a href=\"{href}\">{}</a></td><td><a href=\"/events?kind={}\">{}</a>",
            esc(&when),
            q(ev.kind.as_str()),
            esc(&event_kind(ev.kind))
        );
        if r["claimed"].as_bool().unwrap_or(false) {
            b.push_str(" <span class=\"tag\">claimed</span>");
        }
        b.push_str("</td><td>");
        if let Some(p) = &ev.place {
            let name = r["place"]["name"].as_str().unwrap_or("");
            super::stored::entity_link(b, names, p, name);
        }
        if let Some(a) = &geo.admin1 {
            let _ = write!(
                b,
                " <a class=\"small\" href=\"/events?admin1={}\">{}</a>",
                q(a),
                esc(&Geo::admin1_name(a))
            );
        }
        b.push_str("</td><td>");
        if let Some(c) = &geo.country {
            let _ = write!(
                b,
                "<a href=\"/events?country={}\">{}</a>",
                q(c),
                esc(&Geo::country_name(c))
            );
        }
        b.push_str("</td><td>");
        for (i, p) in ev.perpetrators.iter().enumerate() {
            if i > 0 {
                b.push_str(", ");
            }
            let name = names.get(p).map_or(p.as_str(), |(_, n)| n.as_str());
            let _ = write!(b, "<a href=\"/events?group={}\">{}</a>", q(p), esc(name));
        }
        if let (true, Some(a)) = (ev.perpetrators.is_empty(), r["actor"]["text"].as_str()) {
            let _ = write!(b, "<span class=\"muted\">{}</span>", esc(a));
        }
        let _ = write!(
            b,
            "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}",
            esc(&figure(&fg.killed)),
            esc(&figure(&fg.wounded)),
            esc(&figure(&fg.killed_or_wounded)),
            r["reports"].as_array().map_or(0, Vec::len)
        );
        if fg.disagree {
            let _ = write!(
                b,
                " <a class=\"badge v-conflict\" href=\"{href}#figures\">casualty figures disagree</a>"
            );
        }
        b.push_str("</td></tr>");
    }
    b.push_str("</tbody></table></div>");
}

/// Totals per month of the events dated to a day or a month, with a bar
/// chart of the deaths.
fn months(b: &mut String, found: &[MonthTotal], vague: usize) {
    let mut by: BTreeMap<(i32, u32), (usize, f64)> = BTreeMap::new();
    for m in found {
        let ym =
            m.month.split_once('-').and_then(|(y, mm)| Some((y.parse().ok()?, mm.parse().ok()?)));
        if let Some(ym) = ym {
            let e = by.entry(ym).or_default();
            e.0 += m.events;
            e.1 += m.killed;
        }
    }
    b.push_str("<section id=\"months\"><h2>Totals per month</h2>");
    if by.is_empty() {
        b.push_str("<p class=\"muted\">No event here is dated to a month.</p></section>");
        return;
    }
    let most = by.values().map(|x| x.1).fold(0.0_f64, f64::max).max(1.0);
    b.push_str(
        "<div class=\"tablewrap\"><table class=\"months\"><thead><tr><th scope=\"col\">Month</th>\
         <th scope=\"col\" class=\"num\">Events</th><th scope=\"col\" class=\"num\">Killed (at least)</th>\
         <th scope=\"col\">Deaths</th></tr></thead><tbody>",
    );
    for (&(y, m), &(n, k)) in by.iter().rev() {
        let from = format!("{y:04}-{m:02}");
        let name =
            NaiveDate::from_ymd_opt(y, m, 1).map(words::month).unwrap_or_else(|| from.clone());
        let w = (k / most * 100.0).round();
        let _ = write!(
            b,
            "<tr><td><a href=\"/events?from={from}&amp;to={from}\">{}</a></td><td class=\"num\">{n}</td>\
             <td class=\"num\">{}</td><td class=\"barcell\"><svg class=\"bar\" viewBox=\"0 0 100 10\" \
             preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{} killed\"><rect width=\"{w}\" height=\"10\"/></svg></td></tr>",
            esc(&name),
            num(k as usize),
            num(k as usize)
        );
    }
    b.push_str("</tbody></table></div>");
    if vague > 0 {
        let _ = write!(
            b,
            "<p class=\"muted\">{} dated only to a longer span (or not at all) are left out of these totals.</p>",
            plural(vague, "event")
        );
    }
    b.push_str("</section>");
}

/// `GET /export/{name}`: the events of the list's filters as
/// `events.csv` (dossier's table), `events-acled.csv` (ACLED's columns) or
/// `events.jsonl` (the export contract's event records); or the claims of
/// the claims list's filters as `claims.jsonl`.
pub async fn export(
    State(st): State<AppState>,
    P(name): P<String>,
    Q(f): Q<ListQuery>,
) -> AppResult<axum::response::Response> {
    if let Some(format) = Format::of(&name) {
        return stored_export(st, format, name, f).await;
    }
    let html = match name.as_str() {
        "claims.html" | "events.html" | "report.html" => {
            let name = name.clone();
            st.read(move |store| html_export(store, &name, &f)).await?
        }
        _ => {
            return Err(AppError::not_found(format!(
                "no export named `{name}`: use events.csv, events-acled.csv, events.jsonl, \
                 events.html, claims.jsonl, claims.html or report.html"
            )))
        }
    };
    Ok(download(html, "text/html; charset=utf-8", &name))
}

/// Records an HTML report shows at most: it is one page to read or print,
/// and the lists page through the rest.
const REPORT_MAX: usize = 2_000;

/// The HTML reports (`core::export::report`) of the lists' filters, or of
/// one entity, from the stored results: at most [`REPORT_MAX`] events,
/// claims or documents each, with the documents their events quote.
fn html_export(store: &dossier_store::Store, name: &str, f: &ListQuery) -> AppResult<String> {
    use dossier_core::export::report;
    match name {
        "claims.html" => {
            let filter = crate::read::claim_filter(store, f)?;
            let page = store.recon_claims_list(&filter, REPORT_MAX, 0)?;
            let scope = scope(
                &[
                    ("subject", &f.subject),
                    ("predicate", &f.predicate),
                    ("verdict", &f.verdict),
                    ("doc", &f.doc),
                ]
                .map(|(k, v)| (k, nonempty(v).unwrap_or(""))),
            );
            Ok(report::claims(&page.items, page.total, "Claims", &scope))
        }
        "events.html" => {
            let filter = crate::read::event_filter(store, f)?;
            let (page, _) = store.recon_events_list(&filter, REPORT_MAX, 0)?;
            let cited = store.cited(&page.items)?;
            Ok(report::events(&page.items, page.total, &cited, "Events", &scope(&params(f))))
        }
        _ => {
            let Some(id) = nonempty(&f.entity) else {
                return Err(AppError::bad_request(
                    "report.html needs the entity: /export/report.html?entity=ID",
                ));
            };
            let d = store
                .entity_dossier(id, REPORT_MAX)?
                .ok_or_else(|| AppError::not_found(format!("no entity with id `{id}`")))?;
            Ok(report::entity(&d))
        }
    }
}

/// Records per read of an export from the store.
const EXPORT_PAGE: usize = 500;

/// The exports read from the stored results, a step at a time.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    /// `claims.jsonl`: the export contract's claim records.
    ClaimsJsonl,
    /// `events.jsonl`: the export contract's event records.
    EventsJsonl,
    /// `events.csv`: dossier's table of events.
    EventsCsv,
    /// `events-acled.csv`: ACLED's columns.
    EventsAcled,
}

impl Format {
    fn of(name: &str) -> Option<Format> {
        Some(match name {
            "claims.jsonl" => Format::ClaimsJsonl,
            "events.jsonl" => Format::EventsJsonl,
            "events.csv" => Format::EventsCsv,
            "events-acled.csv" => Format::EventsAcled,
            _ => return None,
        })
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::ClaimsJsonl | Format::EventsJsonl => "application/x-ndjson",
            Format::EventsCsv | Format::EventsAcled => "text/csv; charset=utf-8",
        }
    }

    /// The header line of a CSV export.
    fn header(self) -> Option<&'static [&'static str]> {
        match self {
            Format::EventsCsv => Some(dossier_core::export::tables::EVENT_COLUMNS),
            Format::EventsAcled => Some(dossier_core::export::acled::ACLED_COLUMNS),
            Format::ClaimsJsonl | Format::EventsJsonl => None,
        }
    }
}

/// CSV lines of `rows` (RFC 4180 quoting, as the CLI's writers).
fn csv_lines<R: AsRef<[String]>>(rows: impl IntoIterator<Item = R>) -> AppResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r.as_ref()).map_err(|e| AppError::internal("writing the CSV export", e))?;
    }
    let buf = w.into_inner().map_err(|e| AppError::internal("writing the CSV export", e))?;
    String::from_utf8(buf).map_err(|e| AppError::internal("writing the CSV export", e))
}

/// The rows of one step of a CSV export of stored events: the names of
/// their perpetrators and, for ACLED's notes, their documents are read
/// for the step's events only.
fn csv_step(
    store: &dossier_store::Store,
    format: Format,
    events: &[StoredEvent],
) -> AppResult<String> {
    use dossier_core::export::tables;
    if format == Format::EventsAcled {
        return csv_lines(store.acled_rows(events)?);
    }
    let names = super::stored::names(store, events.iter().flat_map(|e| e.perpetrators.clone()))?;
    let name = |id: &str| names.get(id).map_or_else(|| id.to_string(), |(_, n)| n.clone());
    csv_lines(events.iter().map(|e| tables::event_row(e, &name)))
}

/// One step of an export from the store: its text, and the key of its
/// last record when there may be more.
async fn export_step(
    st: &AppState,
    format: Format,
    f: &ListQuery,
    after: Option<(String, String)>,
) -> AppResult<(String, Option<(String, String)>)> {
    let f = f.clone();
    st.read(move |store| {
        // Each record as a line, the key of the last one.
        fn lines<T>(
            rows: Vec<dossier_store::Keyed<T>>,
            record: impl Fn(&T) -> serde_json::Value,
        ) -> (String, Option<(String, String)>, usize) {
            let n = rows.len();
            let mut out = String::new();
            let mut last = None;
            for (key, r) in rows {
                out.push_str(&record(&r).to_string());
                out.push('\n');
                last = Some(key);
            }
            (out, last, n)
        }
        let (mut out, last, n) = if format == Format::ClaimsJsonl {
            let filter = crate::read::claim_filter(store, &f)?;
            let rows = store.recon_claims_after(&filter, after.as_ref(), EXPORT_PAGE)?;
            lines(rows, crate::read::claim_record)
        } else {
            let filter = crate::read::event_filter(store, &f)?;
            let rows = store.recon_events_after(&filter, after.as_ref(), EXPORT_PAGE)?;
            if format == Format::EventsJsonl {
                lines(rows, crate::read::event_record)
            } else {
                let n = rows.len();
                let last = rows.last().map(|(k, _)| k.clone());
                let events: Vec<StoredEvent> = rows.into_iter().map(|(_, e)| e).collect();
                (csv_step(store, format, &events)?, last, n)
            }
        };
        if let (None, Some(header)) = (&after, format.header()) {
            out.insert_str(
                0,
                &csv_lines([header.iter().map(|h| h.to_string()).collect::<Vec<_>>()])?,
            );
        }
        Ok((out, last.filter(|_| n == EXPORT_PAGE)))
    })
    .await
}

/// `claims.jsonl` (the claims list's filters: subject, predicate, verdict,
/// doc; corpus order), and `events.jsonl`, `events.csv` and
/// `events-acled.csv` (the events list's filters; latest first) from the
/// stored results, streamed a few hundred records at a time by a cursor
/// over the lists' order: memory does not grow with the corpus nor with
/// the export. The filters are checked before the first byte, so that a
/// bad one is an error status; a store error later ends the stream early
/// (and is logged).
async fn stored_export(
    st: AppState,
    format: Format,
    name: String,
    f: ListQuery,
) -> AppResult<axum::response::Response> {
    let first = export_step(&st, format, &f, None).await?;
    type Next = Option<(String, Option<(String, String)>)>;
    let stream = futures_util::stream::unfold(Some(first) as Next, move |state: Next| {
        let (st, f) = (st.clone(), f.clone());
        async move {
            let (text, after) = state?;
            let next = match after {
                Some(key) => match export_step(&st, format, &f, Some(key)).await {
                    Ok(step) => Some(step),
                    Err(e) => {
                        eprintln!("dossier serve: an export ended early: {e}");
                        None
                    }
                },
                None => None,
            };
            Some((Ok::<_, std::convert::Infallible>(Bytes::from(text)), next))
        }
    });
    Ok(download_body(axum::body::Body::from_stream(stream), format.content_type(), &name))
}

/// A file to save: its type and the name to save it under.
fn download(body: String, ty: &'static str, name: &str) -> axum::response::Response {
    download_body(axum::body::Body::from(body), ty, name)
}

/// [`download`] for any body (a stream too).
fn download_body(body: axum::body::Body, ty: &'static str, name: &str) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    use axum::response::IntoResponse;
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ty));
    let disposition = format!("attachment; filename=\"dossier-{name}\"");
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// The filters that chose a report's rows, in words ("country: AF ·
/// kind: bombing"), or that none did.
fn scope<S: AsRef<str>>(filters: &[(&str, S)]) -> String {
    let said: Vec<String> = filters
        .iter()
        .filter(|(_, v)| !v.as_ref().is_empty())
        .map(|(k, v)| format!("{k}: {}", v.as_ref().replace('_', " ")))
        .collect();
    if said.is_empty() {
        "no filter".to_string()
    } else {
        format!("filtered by {}", said.join(" · "))
    }
}

/// Links to the exports of the events a page lists, with its filters.
pub fn export_links(b: &mut String, query: &str) {
    b.push_str("<p class=\"exports\">Export these events: ");
    for (i, (name, label)) in [
        ("events.csv", "CSV"),
        ("events-acled.csv", "ACLED CSV"),
        ("events.jsonl", "JSON Lines"),
        ("events.html", "HTML report"),
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            b.push_str(" · ");
        }
        let _ = write!(b, "<a href=\"/export/{name}{query}\" download>{label}</a>");
    }
    b.push_str("</p>");
}

/// Country outlines (Natural Earth 1:110m, equirectangular in degrees:
/// x = longitude + 180, y = 90 - latitude; see `assets/make_world.py`).
const WORLD: &str = include_str!("../../assets/world.svg");

/// The most events the map draws: those with the highest tolls.
pub const MAP_EVENTS: usize = 2_000;

/// `GET /map`: the events of the list's filters on a map, each a circle
/// sized by its deaths that opens the event; drawn on the server from
/// embedded outlines, no tiles, no network. Read from the stored results:
/// the [`MAP_EVENTS`] located events with the highest tolls, the count of
/// all that match and the filter's choices.
pub async fn map(State(st): State<AppState>, Q(f): Q<ListQuery>) -> AppResult<Html<String>> {
    let (located, read, total, facets, f) = st
        .read(move |store| {
            let filter = crate::read::event_filter(store, &f)?;
            let (located, read) = store.recon_events_located(&filter, MAP_EVENTS)?;
            let total = store.recon_events_list(&filter, 0, 0)?.0.total;
            Ok((located, read, total, store.recon_event_facets()?, f))
        })
        .await?;
    let mut query = String::new();
    for (i, (k, v)) in params(&f).into_iter().enumerate() {
        let _ = write!(query, "{}{k}={}", if i == 0 { "?" } else { "&amp;" }, q(v));
    }
    // Highest tolls first, so that small circles stay on top and clickable.
    let placed: Vec<(&StoredEvent, f64, f64)> = located
        .iter()
        .filter_map(|ev| ev.geo.coords.map(|(lat, lon)| (ev, lon + 180.0, 90.0 - lat)))
        .collect();
    let mut b = String::from("<h1>Map of events</h1>");
    filter_form(&mut b, &facets, &f);
    let shown = if read >= total {
        format!(
            "{} on the map, {} placed nowhere the gazetteer locates",
            plural(placed.len(), "event"),
            plural(total - placed.len(), "event")
        )
    } else {
        format!(
            "The {} events with the highest tolls of {} on the map",
            num(placed.len()),
            plural(total, "event")
        )
    };
    let _ = write!(
        b,
        "<p class=\"muted\">{shown} \
         (<a href=\"/events{query}\">the list</a> has them all). A circle's area grows with the \
         lowest credible death toll; select one to open the event. An event whose town the \
         gazetteer does not know stands at the centre of its province or country.</p>",
    );
    // The view: the events' extent with a margin, at least a region's size.
    let (mut x0, mut y0, mut x1, mut y1) = (360.0_f64, 180.0_f64, 0.0_f64, 0.0_f64);
    for &(_, x, y) in &placed {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    if placed.is_empty() {
        (x0, y0, x1, y1) = (0.0, 0.0, 360.0, 180.0);
    }
    let (mut w, mut h) = ((x1 - x0 + 16.0).max(48.0), (y1 - y0 + 12.0).max(28.0));
    // Keep the shape of a wide screen.
    if w < h * 1.8 {
        w = h * 1.8;
    } else {
        h = w / 1.8;
    }
    let (w, h) = (w.min(360.0), h.min(180.0));
    let vx = ((x0 + x1) / 2.0 - w / 2.0).clamp(0.0, 360.0 - w);
    let vy = ((y0 + y1) / 2.0 - h / 2.0).clamp(0.0, 180.0 - h);
    let unit = w / 100.0;
    let outlines = WORLD.split_once("-->").map(|x| x.1).unwrap_or(WORLD);
    let _ = write!(
        b,
        "<figure class=\"map\"><svg viewBox=\"{vx:.1} {vy:.1} {w:.1} {h:.1}\" role=\"img\" \
         aria-label=\"Map of {}\" preserveAspectRatio=\"xMidYMid meet\"><rect class=\"sea\" x=\"0\" y=\"0\" \
         width=\"360\" height=\"180\"/>{}",
        plural(placed.len(), "event"),
        outlines.trim()
    );
    for &(ev, x, y) in &placed {
        let k = ev.fatalities;
        let r = unit * (0.45 + 0.22 * k.sqrt()).min(6.0);
        let place =
            ev.record["place"]["name"].as_str().map(|p| format!(" at {p}")).unwrap_or_default();
        let when = ev
            .record
            .get("when")
            .and_then(super::stored::when_of)
            .and_then(|w| w.interval)
            .map(|i| words::interval(&i))
            .unwrap_or_else(|| "date unknown".into());
        let _ = write!(
            b,
            "<a class=\"mk\" href=\"/events/{}\"><circle cx=\"{x:.2}\" cy=\"{y:.2}\" r=\"{r:.2}\"/><title>{}{}, {}: {}</title></a>",
            seg(&ev.id),
            esc(&capital(&event_kind(ev.kind))),
            esc(&place),
            esc(&when),
            esc(&if k > 0.0 { format!("at least {} killed", num(k as usize)) } else { "no deaths reported".into() })
        );
    }
    b.push_str(
        "</svg><figcaption class=\"muted\">Country outlines: Natural Earth (public domain).</figcaption></figure>",
    );
    Ok(Html(page("Map of events", Nav::Events, &b)))
}
