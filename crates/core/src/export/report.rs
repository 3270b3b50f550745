//! Self-contained HTML reports: one file with inline CSS and SVG, no
//! scripts, nothing fetched, printable. [`entity`] is the whole dossier of
//! one entity (`dossier report`, the web UI's group page); [`events`] and
//! [`claims`] are the events or claims a filtered list shows (the web UI's
//! "HTML report" exports). All article text is escaped.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::reconcile::{short_doc, source_of, value_text, Reconciled, Verdict};
use crate::{Annotated, Modality};

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

/// The dated claims and events of an entity, in time order.
pub fn timeline_rows(docs: &[Annotated], rec: &Reconciled, e: usize) -> Vec<TimelineRow> {
    let gran = |g: crate::Granularity| {
        serde_json::to_value(g)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    for cc in &rec.claims {
        if cc.subject != e {
            continue;
        }
        let a = &docs[cc.doc];
        let c = &a.claims[cc.idx];
        // A time value (founded) dates the claim; else a stated `when`.
        let (interval, about) = match &c.value {
            crate::Value::Time { interval: Some(i), .. } => (Some(i), ""),
            _ => match &c.when {
                Some(w) if w.text != "publication date" => (w.interval.as_ref(), ""),
                Some(w) => (w.interval.as_ref(), " (as of publication)"),
                None => (None, ""),
            },
        };
        let Some(i) = interval else { continue };
        if i.start.is_none() && i.end.is_none() {
            continue;
        }
        let outlet = short_doc(a);
        rows.push(TimelineRow {
            start: i.start,
            end: i.end,
            granularity: gran(i.granularity),
            kind: "claim",
            label: c.predicate.as_str().to_string(),
            what: format!(
                "{}{}{}",
                if c.modality == crate::Modality::Denied { "not " } else { "" },
                value_text(docs, &rec.entities, cc),
                about
            ),
            source: format!("{} ({outlet})", source_of(a, c)),
            quote: short_quote(c.span.slice(&a.doc.text), 220),
        });
    }
    for i in rec.events_of(e) {
        let ev = &rec.events[i];
        let Some(w) = &ev.when else { continue };
        let place = ev.place.map(|p| format!(" at {}", rec.entities[p].name)).unwrap_or_default();
        let killed = ev.killed.map(|k| format!(", killed {}", k.display())).unwrap_or_default();
        let mut outlets: Vec<String> = Vec::new();
        for &(d, _) in &ev.reports {
            let o = short_doc(&docs[d]);
            if !outlets.contains(&o) {
                outlets.push(o);
            }
        }
        let (d0, e0) = ev.reports[0];
        let quote = docs[d0].events[e0]
            .spans
            .first()
            .map(|s| short_quote(s.slice(&docs[d0].doc.text), 200))
            .unwrap_or_default();
        rows.push(TimelineRow {
            start: w.start,
            end: w.end,
            granularity: gran(w.granularity),
            kind: "event",
            label: ev.kind.as_str().to_string(),
            what: format!("{}{place}{killed}", ev.kind.as_str().replace('_', " ")),
            source: outlets.join(", "),
            quote,
        });
    }
    rows.sort_by(|a, b| {
        let key = |r: &TimelineRow| (r.start.or(r.end), r.end.or(r.start));
        key(a).cmp(&key(b)).then(a.label.cmp(&b.label))
    });
    rows
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
fn chart(docs: &[Annotated], rec: &Reconciled, e: usize) -> String {
    let rows = timeline_rows(docs, rec, e);
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

/// One claim as a table row; with `subject`, its subject and predicate lead.
fn claim_row(s: &mut String, docs: &[Annotated], rec: &Reconciled, c: usize, subject: bool) {
    let cc = &rec.claims[c];
    let a = &docs[cc.doc];
    let cl = &a.claims[cc.idx];
    let mut value = value_text(docs, &rec.entities, cc);
    if cl.modality == Modality::Denied {
        value = format!("not {value}");
    }
    let when = cl.when.as_ref().map(|w| w.text.clone()).unwrap_or_default();
    let quote = if (cl.span.end as usize) <= a.doc.text.len() {
        cl.span.slice(&a.doc.text).to_string()
    } else {
        String::new()
    };
    s.push_str("<tr>");
    if subject {
        let _ = write!(
            s,
            "<td>{}</td><td>{}</td>",
            esc(&rec.entities[cc.subject].name),
            esc(&words(cl.predicate.as_str()))
        );
    }
    let _ = write!(
        s,
        "<td><b>{}</b>{}</td><td>{}</td><td>{}</td><td>{}<br><span class=\"meta small\">{}</span></td><td><blockquote>{}</blockquote></td></tr>",
        esc(&value),
        cl.status.as_ref().map(|x| format!(" <span class=\"meta\">({})</span>", esc(x))).unwrap_or_default(),
        esc(if when == "publication date" { "as of publication" } else { &when }),
        esc(&cl.source.clone().unwrap_or_else(|| "the outlet".into())),
        esc(&short_doc(a)),
        esc(&a.doc.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into())),
        esc(&quote)
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
fn event_section(s: &mut String, docs: &[Annotated], rec: &Reconciled, i: usize) {
    let ev = &rec.events[i];
    let place =
        ev.place.map(|p| rec.entities[p].name.clone()).unwrap_or_else(|| "place not stated".into());
    let when = ev.when.as_ref().map(|w| w.display()).unwrap_or_else(|| "date not stated".into());
    let mut figures = String::new();
    for (label, q) in [
        ("killed", ev.killed),
        ("wounded", ev.wounded),
        ("killed or wounded", ev.killed_or_wounded),
    ] {
        if let Some(q) = q {
            let _ = write!(figures, "; {label} {}", esc(&q.display()));
        }
    }
    let mut by: Vec<String> = ev.perpetrators.iter().map(|&p| esc(&rec.entities[p].name)).collect();
    if let Some((_, a)) = ev.described_actor(docs) {
        by.push(esc(&a.text));
    }
    let _ = write!(
        s,
        "<h3>{} at {} on {}</h3><p class=\"small\">{}{} report{}; casualty figures {}{figures}</p>",
        esc(&words(ev.kind.as_str())),
        esc(&place),
        esc(&when),
        if by.is_empty() { String::new() } else { format!("by {}; ", by.join(", ")) },
        ev.reports.len(),
        if ev.reports.len() == 1 { "" } else { "s" },
        if ev.casualties_compatible { "compatible" } else { "<b>disagree</b>" },
    );
    for &(d, x) in &ev.reports {
        let a = &docs[d];
        let _ = write!(
            s,
            "<p class=\"small\"><b>{}</b> <span class=\"meta\">{}</span></p>",
            esc(&short_doc(a)),
            esc(&a.doc.published.map(|p| p.to_string()).unwrap_or_default())
        );
        for sp in &a.events[x].spans {
            if (sp.end as usize) <= a.doc.text.len() {
                let _ = write!(s, "<blockquote>{}</blockquote>", esc(sp.slice(&a.doc.text)));
            }
        }
    }
}

/// The whole dossier of entity `e`: names, disagreements, a timeline chart,
/// claims by predicate with their quotes, events, documents.
pub fn entity(docs: &[Annotated], rec: &Reconciled, e: usize) -> String {
    let ent = &rec.entities[e];
    let mut s = open(&ent.name);
    let n_docs = ent.members.iter().map(|m| m.0).collect::<std::collections::BTreeSet<_>>().len();
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
    let findings = rec.findings_of(e);
    let disputed: Vec<usize> = rec.disagreements(Some(e), true);
    s.push_str("<h2>Where sources disagree</h2>");
    if disputed.is_empty() {
        s.push_str(r#"<p class="meta">No conflicts or changes over time.</p>"#);
    }
    for &i in &disputed {
        let f = &rec.findings[i];
        let _ = write!(
            s,
            r#"<div class="disagree"><b>{}</b> {}<br>{}</div>"#,
            esc(&words(f.predicate.as_str())),
            badge(f.verdict),
            esc(&f.summary)
        );
    }
    s.push_str("<h2>Timeline</h2>");
    s.push_str(&chart(docs, rec, e));
    s.push_str("<h2>Claims</h2>");
    if findings.is_empty() {
        s.push_str(r#"<p class="meta">No claims extracted about this entity.</p>"#);
    }
    for &i in &findings {
        let f = &rec.findings[i];
        let _ = write!(
            s,
            r#"<h3>{} {}</h3><p class="small">{}</p>"#,
            esc(&words(f.predicate.as_str())),
            badge(f.verdict),
            esc(&f.summary)
        );
        claims_head(&mut s, false);
        for &c in &f.claims {
            claim_row(&mut s, docs, rec, c, false);
        }
        s.push_str("</table>");
    }
    s.push_str("<h2>Events</h2>");
    let events = rec.events_of(e);
    if events.is_empty() {
        s.push_str(r#"<p class="meta">No events linked to this entity.</p>"#);
    }
    for i in events {
        event_section(&mut s, docs, rec, i);
    }
    s.push_str("<h2>Documents</h2><ul class=\"small\">");
    let mut seen = std::collections::BTreeSet::new();
    for &(d, _) in &ent.members {
        if !seen.insert(d) {
            continue;
        }
        let a = &docs[d];
        let _ = write!(
            s,
            "<li>{} — {} ({}) <code>{}</code></li>",
            esc(&short_doc(a)),
            esc(a.doc.title.as_deref().unwrap_or("untitled")),
            esc(&a.doc.published.map(|p| p.to_string()).unwrap_or_else(|| "undated".into())),
            esc(&a.doc.id)
        );
    }
    s.push_str("</ul>");
    close(&mut s);
    s
}

/// A report of the events `events` (indexes into `rec.events`, in the
/// order given) under `title`; `scope` says which filters chose them.
pub fn events(
    docs: &[Annotated],
    rec: &Reconciled,
    events: &[usize],
    title: &str,
    scope: &str,
) -> String {
    let mut s = open(title);
    let killed: f64 =
        events.iter().filter_map(|&i| rec.events[i].killed).filter_map(|q| q.low).sum();
    let _ = write!(
        s,
        r#"<h1>{}</h1><p class="meta">{} · {} event{} · at least {} killed</p>"#,
        esc(title),
        esc(scope),
        events.len(),
        if events.len() == 1 { "" } else { "s" },
        killed
    );
    if events.is_empty() {
        s.push_str(r#"<p class="meta">No events match.</p>"#);
    }
    for &i in events {
        event_section(&mut s, docs, rec, i);
    }
    close(&mut s);
    s
}

/// A report of the claims `claims` (indexes into `rec.claims`, in the order
/// given) under `title`; `scope` says which filters chose them.
pub fn claims(
    docs: &[Annotated],
    rec: &Reconciled,
    claims: &[usize],
    title: &str,
    scope: &str,
) -> String {
    let mut s = open(title);
    let _ = write!(
        s,
        r#"<h1>{}</h1><p class="meta">{} · {} claim{}</p>"#,
        esc(title),
        esc(scope),
        claims.len(),
        if claims.len() == 1 { "" } else { "s" }
    );
    if claims.is_empty() {
        s.push_str(r#"<p class="meta">No claims match.</p>"#);
    } else {
        claims_head(&mut s, true);
        for &c in claims {
            claim_row(&mut s, docs, rec, c, true);
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
        let rec = crate::reconcile::reconcile(&[]);
        let html = events(&[], &rec, &[], "Events", "all events");
        assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
        assert!(html.contains("No events match.") && !html.contains("<script"));
        let html = claims(&[], &rec, &[], "Claims <x>", "all");
        assert!(html.contains("Claims &lt;x&gt;") && html.contains("No claims match."));
    }
}
