//! `dossier report NAME -o FILE.html`: one self-contained HTML page (inline
//! CSS and SVG, no scripts, nothing fetched) with the profile, a timeline
//! chart and the quotes. All article text is escaped.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use dossier_core::reconcile::{value_text, Reconciled, Verdict};
use dossier_core::{Annotated, Modality};

use crate::render::timeline_rows;

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

/// The page.
pub fn html(docs: &[Annotated], rec: &Reconciled, e: usize) -> String {
    let ent = &rec.entities[e];
    let mut s = String::new();
    let n_docs = ent.members.iter().map(|m| m.0).collect::<std::collections::BTreeSet<_>>().len();
    let _ = write!(
        s,
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>{} — dossier</title><style>{CSS}</style></head><body><main>"#,
        esc(&ent.name)
    );
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
            esc(&f.predicate.as_str().replace('_', " ")),
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
            r#"<h3>{} {}</h3><p class="small">{}</p><table><tr><th>value</th><th>when</th><th>source</th><th>outlet</th><th>quote</th></tr>"#,
            esc(&f.predicate.as_str().replace('_', " ")),
            badge(f.verdict),
            esc(&f.summary)
        );
        for &c in &f.claims {
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
            let _ = write!(
                s,
                "<tr><td><b>{}</b>{}</td><td>{}</td><td>{}</td><td>{}<br><span class=\"meta small\">{}</span></td><td><blockquote>{}</blockquote></td></tr>",
                esc(&value),
                cl.status.as_ref().map(|x| format!(" <span class=\"meta\">({})</span>", esc(x))).unwrap_or_default(),
                esc(if when == "publication date" { "as of publication" } else { &when }),
                esc(&cl.source.clone().unwrap_or_else(|| "the outlet".into())),
                esc(&dossier_core::reconcile::outlet_of(a)),
                esc(&a.doc.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into())),
                esc(&quote)
            );
        }
        s.push_str("</table>");
    }
    s.push_str("<h2>Events</h2>");
    let events = rec.events_of(e);
    if events.is_empty() {
        s.push_str(r#"<p class="meta">No events linked to this entity.</p>"#);
    }
    for i in events {
        let ev = &rec.events[i];
        let place = ev
            .place
            .map(|p| rec.entities[p].name.clone())
            .unwrap_or_else(|| "place not stated".into());
        let when =
            ev.when.as_ref().map(|w| w.display()).unwrap_or_else(|| "date not stated".into());
        let _ = write!(
            s,
            "<h3>{} at {} on {}</h3><p class=\"small\">{} report{}; casualty figures {}{}</p>",
            esc(&ev.kind.as_str().replace('_', " ")),
            esc(&place),
            esc(&when),
            ev.reports.len(),
            if ev.reports.len() == 1 { "" } else { "s" },
            if ev.casualties_compatible { "compatible" } else { "<b>disagree</b>" },
            ev.killed.map(|k| format!("; killed {}", esc(&k.display()))).unwrap_or_default()
        );
        for &(d, x) in &ev.reports {
            let a = &docs[d];
            let _ = write!(
                s,
                "<p class=\"small\"><b>{}</b> <span class=\"meta\">{}</span></p>",
                esc(&dossier_core::reconcile::outlet_of(a)),
                esc(&a.doc.published.map(|p| p.to_string()).unwrap_or_default())
            );
            for sp in &a.events[x].spans {
                if (sp.end as usize) <= a.doc.text.len() {
                    let _ = write!(s, "<blockquote>{}</blockquote>", esc(sp.slice(&a.doc.text)));
                }
            }
        }
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
            esc(&dossier_core::reconcile::outlet_of(a)),
            esc(a.doc.title.as_deref().unwrap_or("untitled")),
            esc(&a.doc.published.map(|p| p.to_string()).unwrap_or_else(|| "undated".into())),
            esc(&a.doc.id)
        );
    }
    s.push_str("</ul><p class=\"meta small\">Generated by dossier. Every claim is quoted from the report it came from.</p></main></body></html>\n");
    s
}
