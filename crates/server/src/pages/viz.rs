//! The timeline and the graph, drawn as SVG on the server.
//!
//! The timeline puts each claim on a time axis: a time value ("founded in
//! late 2014") or the claim's own time ("in 2019") as an interval bar, a
//! claim with neither at its publication date as a dot, and the entity's
//! events at their dates. A former leader stands at the end of their tenure
//! when the text dates it, a current one from when they took over. An
//! interval open on one side ("until 2004") is a short dashed stub from
//! its known end, never a bar across the axis; a claim whose time is
//! unknown ("at one point", a former leader without dates) is listed
//! under the chart instead of being placed at the article's date.
//!
//! The graph places entities linked by claims and events with a small
//! force-directed layout (deterministic: same data, same picture); every
//! node is a link to that entity's own graph, so links can be followed.

use std::collections::HashMap;
use std::fmt::Write;

use crate::error::P;
use axum::extract::State;
use axum::response::Html;
use chrono::{Datelike, NaiveDate};
use dossier_core::reconcile::tenure;
use dossier_core::{EntityKind, Predicate, Value};

use super::words;
use super::{entity_link, evidence_href, outlet};
use crate::error::AppResult;
use crate::html::{esc, page, seg, Nav};
use crate::state::{AppState, Snapshot};

const W: f64 = 1100.0;
const LEFT: f64 = 150.0;
const RIGHT: f64 = 20.0;
const ROW: f64 = 20.0;
/// Length of the dashed stub that marks an open end, in pixels.
const STUB: f64 = 36.0;

struct Item {
    lane: String,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    label: String,
    tip: String,
    href: String,
    class: &'static str,
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// `GET /entity/{id}/timeline`
pub async fn timeline(State(st): State<AppState>, P(id): P<String>) -> AppResult<Html<String>> {
    let s = st.view().await?;
    let e = s.entity(&id)?;
    let en = &s.rec.entities[e];
    let mut items: Vec<Item> = Vec::new();
    // Claims with no known time: (tip, link), listed under the chart.
    let mut undated: Vec<(String, String)> = Vec::new();
    for &c in &s.entity_claims[e] {
        let cc = &s.rec.claims[c];
        let a = &s.docs[cc.doc];
        let cl = &a.claims[cc.idx];
        let value = match &cl.value {
            Value::Time { text, .. } => words::clean_text(text),
            _ => words::value(&s, c),
        };
        let open = |i: &dossier_core::TimeInterval| i.start.is_some() || i.end.is_some();
        let published = a.doc.published;
        let (start, end, when) = match (&cl.value, &cl.when) {
            (Value::Time { interval: Some(i), .. }, _) if open(i) => {
                (i.start, i.end, format!(" ({})", words::interval(i)))
            }
            _ if cl.predicate == Predicate::Leader => {
                // A leader's tenure as the text dates it; a former leader
                // is never placed at the article's date.
                let t = tenure(&s.docs, &s.rec.claims, c);
                match (t.former, t.date) {
                    (true, Some((x, y))) => {
                        (None, Some(y), format!(" (until {})", words::interval_days(x, y)))
                    }
                    (true, None) => (None, None, " (former; no dates given)".into()),
                    (false, Some((x, y))) => (
                        Some(x),
                        published.or(Some(y)),
                        format!(" (since {})", words::interval_days(x, y)),
                    ),
                    (false, None) => (published, published, " (as of publication)".into()),
                }
            }
            (_, Some(w))
                if w.text != "publication date" && w.interval.as_ref().is_some_and(open) =>
            {
                let i = w.interval.as_ref().expect("checked above");
                (
                    i.start,
                    i.end,
                    format!(" ({}: {})", words::clean_text(&w.text), words::interval(i)),
                )
            }
            (_, Some(w)) if w.text != "publication date" && w.interval.is_none() => {
                (None, None, format!(" ({}, date unknown)", words::clean_text(&w.text)))
            }
            _ => (published, published, " (as of publication)".into()),
        };
        let tip = format!(
            "{}: {value}{when} — {} ({})",
            words::predicate(cl.predicate),
            dossier_core::reconcile::source_of(a, cl),
            outlet(&s, cc.doc)
        );
        if start.is_none() && end.is_none() {
            undated.push((tip, evidence_href(&s, c)));
            continue;
        }
        items.push(Item {
            lane: words::predicate(cl.predicate),
            start,
            end,
            label: truncate(&value, 32),
            tip,
            href: evidence_href(&s, c),
            class: s.verdict_of(c).map(|v| v.as_str()).unwrap_or("single_source"),
        });
    }
    for &v in &s.entity_events[e] {
        let ev = &s.rec.events[v];
        let place = ev.place.map(|p| format!(" in {}", s.rec.entities[p].name)).unwrap_or_default();
        let href = format!("/events/{}", seg(&ev.id));
        let kind = words::event_kind(ev.kind);
        let Some(w) = ev.when.as_ref().filter(|w| w.start.is_some() || w.end.is_some()) else {
            undated.push((format!("{kind}{place}, date unknown"), href));
            continue;
        };
        items.push(Item {
            lane: "Events".into(),
            start: w.start,
            end: w.end,
            label: truncate(&format!("{kind}{place}"), 32),
            tip: format!(
                "{kind}{place}, {} ({})",
                words::interval(w),
                words::plural(ev.reports.len(), "report")
            ),
            href,
            class: "event",
        });
    }
    let mut b = String::new();
    b.push_str("<h1>");
    entity_link(&mut b, &s, e);
    let _ = write!(
        b,
        ": timeline</h1><p class=\"muted\">Claims and events on a time axis. Bars are intervals \
         (\"late 2014\" is September to December 2014); dots are single days; a dashed stub \
         marks a time known on one side only (\"until July 2016\"). Colour is the verdict of the \
         claim's group. {}{}.</p>",
        words::plural(items.len(), "item"),
        if undated.is_empty() {
            String::new()
        } else {
            format!(", and {} with no known time, listed below the chart", undated.len())
        }
    );
    timeline_svg(&mut b, &items);
    if !undated.is_empty() {
        b.push_str("<h2>Time unknown</h2><ul class=\"tl-list undated\">");
        for (tip, href) in &undated {
            let _ = write!(b, "<li><a href=\"{href}\">{}</a></li>", esc(tip));
        }
        b.push_str("</ul>");
    }
    b.push_str("<details><summary>As a list</summary><ul class=\"tl-list\">");
    let mut sorted: Vec<&Item> = items.iter().collect();
    sorted.sort_by_key(|i| (i.start.or(i.end), i.lane.clone()));
    for it in sorted {
        let range = match (it.start, it.end) {
            (Some(x), Some(y)) => words::interval_days(x, y),
            (None, Some(y)) => format!("until {}", words::day(y)),
            (Some(x), None) => format!("from {} on", words::day(x)),
            (None, None) => "date unknown".into(),
        };
        let _ = write!(b, "<li><a href=\"{}\">{}</a>: {}</li>", it.href, esc(&range), esc(&it.tip));
    }
    b.push_str("</ul></details>");
    let _ = write!(b, "<p><a href=\"/entity/{}\">← back to {}</a></p>", seg(&en.id), esc(&en.name));
    Ok(Html(page(&format!("{} · timeline", en.name), Nav::Entities, &b)))
}

fn days(d: NaiveDate) -> f64 {
    d.num_days_from_ce() as f64
}

fn timeline_svg(b: &mut String, items: &[Item]) {
    let dates: Vec<NaiveDate> = items.iter().flat_map(|i| [i.start, i.end]).flatten().collect();
    let (Some(&min), Some(&max)) = (dates.iter().min(), dates.iter().max()) else {
        b.push_str("<p class=\"empty\">Nothing dated to draw.</p>");
        return;
    };
    let (mut lo, mut hi) = (days(min), days(max));
    if hi - lo < 365.0 {
        lo -= 180.0;
        hi += 180.0;
    }
    let pad = (hi - lo) * 0.04;
    let (lo, hi) = (lo - pad, hi + pad);
    let x = |d: f64| LEFT + (d - lo) / (hi - lo) * (W - LEFT - RIGHT);
    // Lanes in predicate order, events last; rows packed greedily per lane.
    let mut lanes: Vec<String> = items.iter().map(|i| i.lane.clone()).collect();
    lanes.sort_by_key(|l| {
        let p = Predicate::ALL.iter().find(|p| words::predicate(**p) == *l);
        (p.map(|p| *p as usize).unwrap_or(usize::MAX), l.clone())
    });
    lanes.dedup();
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (items[i].start.or(items[i].end), i));
    let mut placed: Vec<(usize, f64, f64, usize)> = Vec::new(); // item, x0, x1, global row
    let mut y_row = 0usize;
    let mut lane_rows: Vec<(String, usize, usize)> = Vec::new();
    for lane in &lanes {
        let mut rows_end: Vec<f64> = Vec::new();
        for &i in order.iter().filter(|&&i| &items[i].lane == lane) {
            let it = &items[i];
            // An open side is a short stub from the known end, not a bar to the edge.
            let (x0, x1) = match (it.start, it.end) {
                (Some(a), Some(z)) => {
                    let x0 = x(days(a));
                    (x0, x(days(z) + 1.0).max(x0 + 3.0))
                }
                (None, Some(z)) => (x(days(z) + 1.0) - STUB, x(days(z) + 1.0)),
                (Some(a), None) => (x(days(a)), x(days(a)) + STUB),
                (None, None) => continue,
            };
            let label_w = it.label.chars().count() as f64 * 6.2;
            // Labels that would run off the right edge go left of the bar.
            let need = if x1 + 6.0 + label_w > W { x1 } else { x1 + 6.0 + label_w };
            let from = if x1 + 6.0 + label_w > W { x0 - 6.0 - label_w } else { x0 };
            let r = match rows_end.iter().position(|&end| end + 4.0 < from) {
                Some(r) => r,
                None => {
                    rows_end.push(0.0);
                    rows_end.len() - 1
                }
            };
            rows_end[r] = need;
            placed.push((i, x0, x1, y_row + r));
        }
        let n = rows_end.len().max(1);
        lane_rows.push((lane.clone(), y_row, n));
        y_row += n;
    }
    let top = 30.0;
    let gap = 8.0;
    let lane_y = |row: usize, lane_idx: usize| top + row as f64 * ROW + lane_idx as f64 * gap;
    let lane_of_row =
        |row: usize| lane_rows.iter().position(|(_, s, n)| row >= *s && row < s + n).unwrap_or(0);
    let height = lane_y(y_row, lane_rows.len()) + 10.0;
    let _ = write!(
        b,
        "<figure class=\"timeline\"><svg viewBox=\"0 0 {W} {height:.0}\" role=\"img\" aria-label=\"Timeline\" \
         preserveAspectRatio=\"xMinYMin meet\">"
    );
    // Year ticks (quarters when the axis spans under four years).
    let (y0, y1) = (
        NaiveDate::from_num_days_from_ce_opt(lo as i32).map(|d| d.year()).unwrap_or(1970),
        NaiveDate::from_num_days_from_ce_opt(hi as i32).map(|d| d.year()).unwrap_or(2030),
    );
    let quarters = y1 - y0 < 4;
    let step = if y1 - y0 > 40 {
        10
    } else if y1 - y0 > 15 {
        5
    } else {
        1
    };
    for year in y0..=y1 + 1 {
        for m in [1u32, 4, 7, 10] {
            if m != 1 && !quarters {
                continue;
            }
            let Some(d) = NaiveDate::from_ymd_opt(year, m, 1) else { continue };
            let dx = days(d);
            if dx < lo || dx > hi {
                continue;
            }
            let px = x(dx);
            let major = m == 1 && year % step == 0;
            if m == 1 && !major {
                continue;
            }
            let _ = write!(
                b,
                "<line class=\"{}\" x1=\"{px:.1}\" x2=\"{px:.1}\" y1=\"18\" y2=\"{:.0}\"/>",
                if major { "tick" } else { "tick minor" },
                height - 6.0
            );
            if major {
                let _ = write!(b, "<text class=\"axis\" x=\"{px:.1}\" y=\"14\" text-anchor=\"middle\">{year}</text>");
            }
        }
    }
    for (li, (lane, start, n)) in lane_rows.iter().enumerate() {
        let y = lane_y(*start, li);
        let _ = write!(
            b,
            "<rect class=\"lane{}\" x=\"0\" y=\"{:.1}\" width=\"{W}\" height=\"{:.1}\"/><text class=\"lanelabel\" x=\"6\" y=\"{:.1}\">{}</text>",
            if li % 2 == 0 { "" } else { " alt" },
            y - 2.0,
            *n as f64 * ROW + 2.0,
            y + 13.0,
            esc(lane)
        );
    }
    for &(i, x0, x1, row) in &placed {
        let it = &items[i];
        let y = lane_y(row, lane_of_row(row));
        let _ = write!(
            b,
            "<a class=\"tl v-{}\" href=\"{}\"><title>{}</title>",
            it.class,
            it.href,
            esc(&it.tip)
        );
        let point = it.start.is_some() && it.start == it.end;
        match (it.start, it.end) {
            _ if point => {
                let _ = write!(b, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"5\"/>", x0 + 1.5, y + 9.0);
            }
            (None, Some(_)) => {
                let _ = write!(
                    b,
                    "<line class=\"stub\" x1=\"{x0:.1}\" x2=\"{x1:.1}\" y1=\"{cy:.1}\" y2=\"{cy:.1}\"/>\
                     <rect class=\"end\" x=\"{:.1}\" y=\"{:.1}\" width=\"4\" height=\"14\"/>",
                    x1 - 4.0,
                    y + 2.0,
                    cy = y + 9.0
                );
            }
            (Some(_), None) => {
                let _ = write!(
                    b,
                    "<rect class=\"end\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"4\" height=\"14\"/>\
                     <line class=\"stub\" x1=\"{x0:.1}\" x2=\"{x1:.1}\" y1=\"{cy:.1}\" y2=\"{cy:.1}\"/>",
                    y + 2.0,
                    cy = y + 9.0
                );
            }
            _ => {
                let _ = write!(
                    b,
                    "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"12\" rx=\"3\"/>",
                    y + 3.0,
                    x1 - x0
                );
            }
        }
        let label_w = it.label.chars().count() as f64 * 6.2;
        if x1 + 6.0 + label_w > W {
            let _ = write!(
                b,
                "<text class=\"left\" x=\"{:.1}\" y=\"{:.1}\">{}</text></a>",
                x0 - 6.0,
                y + 13.0,
                esc(&it.label)
            );
        } else {
            let _ = write!(
                b,
                "<text x=\"{:.1}\" y=\"{:.1}\">{}</text></a>",
                x1 + 6.0,
                y + 13.0,
                esc(&it.label)
            );
        }
    }
    b.push_str("</svg></figure>");
}

struct Graph {
    nodes: Vec<usize>,
    edges: HashMap<(usize, usize), Vec<String>>,
}

impl Graph {
    fn add(&mut self, a: usize, b: usize, label: &str) {
        if a == b {
            return;
        }
        let key = if a < b { (a, b) } else { (b, a) };
        let v = self.edges.entry(key).or_default();
        if !v.iter().any(|l| l == label) {
            v.push(label.to_string());
        }
    }
}

/// Every (a, b, label) link of the corpus an entity takes part in.
fn links_of(s: &Snapshot, e: usize) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for &c in s.entity_claims[e].iter().chain(&s.entity_incoming[e]) {
        let cc = &s.rec.claims[c];
        if let Some(v) = cc.value_entity {
            out.push((
                cc.subject,
                v,
                words::predicate_lower(s.docs[cc.doc].claims[cc.idx].predicate),
            ));
        }
    }
    for &v in &s.entity_events[e] {
        let ev = &s.rec.events[v];
        for &p in &ev.perpetrators {
            if let Some(pl) = ev.place {
                out.push((p, pl, format!("{} in", ev.kind.as_str().replace('_', " "))));
            }
            for &q in &ev.perpetrators {
                if p < q {
                    out.push((p, q, "acted with".into()));
                }
            }
        }
    }
    out
}

/// `GET /entity/{id}/graph`: the entity and what claims and events link it to.
pub async fn entity_graph(State(st): State<AppState>, P(id): P<String>) -> AppResult<Html<String>> {
    let s = st.view().await?;
    let e = s.entity(&id)?;
    let mut weight: HashMap<usize, usize> = HashMap::new();
    let links = links_of(&s, e);
    for (a, b, _) in &links {
        for n in [a, b] {
            if *n != e {
                *weight.entry(*n).or_default() += 1;
            }
        }
    }
    let mut neigh: Vec<(usize, usize)> = weight.into_iter().collect();
    neigh.sort_by_key(|&(n, w)| (std::cmp::Reverse(w), n));
    neigh.truncate(30);
    let mut g = Graph { nodes: vec![e], edges: HashMap::new() };
    g.nodes.extend(neigh.iter().map(|n| n.0));
    let inside = |n: usize, g: &Graph| g.nodes.contains(&n);
    for (a, b, l) in &links {
        if inside(*a, &g) && inside(*b, &g) {
            g.add(*a, *b, l);
        }
    }
    // Links among the neighbours too, so the picture shows structure.
    for &(n, _) in &neigh {
        for (a, b, l) in links_of(&s, n) {
            if inside(a, &g) && inside(b, &g) && a != e && b != e {
                g.add(a, b, &l);
            }
        }
    }
    let en = &s.rec.entities[e];
    let mut b = String::new();
    b.push_str("<h1>");
    entity_link(&mut b, &s, e);
    b.push_str(": graph</h1><p class=\"muted\">Entities linked to it by claims and events. Select a node to open its graph; the list below names every link.</p>");
    draw_graph(&mut b, &s, &g, Some(e));
    let _ = write!(
        b,
        "<p><a href=\"/entity/{}\">← back to {}</a> · <a href=\"/graph\">whole corpus</a></p>",
        seg(&en.id),
        esc(&en.name)
    );
    Ok(Html(page(&format!("{} · graph", en.name), Nav::Graph, &b)))
}

/// `GET /graph`: the most connected entities of the corpus.
pub async fn graph(State(st): State<AppState>) -> AppResult<Html<String>> {
    let s = st.view().await?;
    let mut degree: Vec<(usize, usize)> = (0..s.rec.entities.len())
        .filter(|&e| s.rec.entities[e].kind != EntityKind::Nationality)
        .map(|e| {
            (e, s.entity_claims[e].len() + s.entity_incoming[e].len() + s.entity_events[e].len())
        })
        .filter(|&(_, d)| d > 0)
        .collect();
    degree.sort_by_key(|&(e, d)| (std::cmp::Reverse(d), e));
    degree.truncate(40);
    let mut g = Graph { nodes: degree.iter().map(|d| d.0).collect(), edges: HashMap::new() };
    for &(e, _) in &degree {
        for (a, bb, l) in links_of(&s, e) {
            if g.nodes.contains(&a) && g.nodes.contains(&bb) {
                g.add(a, bb, &l);
            }
        }
    }
    let mut b = String::from("<h1>Graph</h1><p class=\"muted\">The most connected entities and the claims and events that link them. Select a node to open its own graph.</p>");
    if g.nodes.is_empty() {
        b.push_str("<p class=\"empty\">Nothing to draw yet.</p>");
    } else {
        draw_graph(&mut b, &s, &g, None);
    }
    Ok(Html(page("Graph", Nav::Graph, &b)))
}

/// Fruchterman–Reingold on at most a few dozen nodes; `center` stays put.
fn layout(n: usize, edges: &[(usize, usize)], center: Option<usize>) -> Vec<(f64, f64)> {
    let (w, h) = (1000.0_f64, 640.0_f64);
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let t = i as f64 / n.max(1) as f64 * std::f64::consts::TAU;
            let r = if Some(i) == center { 0.0 } else { 240.0 };
            (w / 2.0 + r * t.cos(), h / 2.0 + r * 0.8 * t.sin())
        })
        .collect();
    let k = ((w * h) / n.max(1) as f64).sqrt() * 0.55;
    let mut temp = 80.0;
    for _ in 0..300 {
        let mut disp = vec![(0.0_f64, 0.0_f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(0.01);
                let f = k * k / d;
                disp[i].0 += dx / d * f;
                disp[i].1 += dy / d * f;
                disp[j].0 -= dx / d * f;
                disp[j].1 -= dy / d * f;
            }
        }
        for &(a, b) in edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let f = d * d / k;
            disp[a].0 -= dx / d * f;
            disp[a].1 -= dy / d * f;
            disp[b].0 += dx / d * f;
            disp[b].1 += dy / d * f;
        }
        for i in 0..n {
            if Some(i) == center {
                continue;
            }
            // A weak pull to the middle keeps loose nodes on the canvas.
            disp[i].0 += (w / 2.0 - pos[i].0) * 0.02;
            disp[i].1 += (h / 2.0 - pos[i].1) * 0.02;
            let d = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1).sqrt().max(0.01);
            pos[i].0 = (pos[i].0 + disp[i].0 / d * d.min(temp)).clamp(60.0, w - 60.0);
            pos[i].1 = (pos[i].1 + disp[i].1 / d * d.min(temp)).clamp(30.0, h - 30.0);
        }
        temp = (temp * 0.985).max(2.0);
    }
    pos
}

fn draw_graph(b: &mut String, s: &Snapshot, g: &Graph, center: Option<usize>) {
    let index: HashMap<usize, usize> = g.nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let mut edges: Vec<((usize, usize), &Vec<String>)> =
        g.edges.iter().map(|(k, v)| (*k, v)).collect();
    edges.sort_by_key(|(k, _)| *k);
    let pairs: Vec<(usize, usize)> =
        edges.iter().map(|((a, bb), _)| (index[a], index[bb])).collect();
    let pos = layout(g.nodes.len(), &pairs, center.and_then(|c| index.get(&c).copied()));
    b.push_str("<figure class=\"graph\"><svg viewBox=\"0 0 1000 640\" role=\"img\" aria-label=\"Graph of entities\" id=\"graph\">");
    for (((a, bb), labels), &(i, j)) in edges.iter().zip(&pairs) {
        let (p, q) = (pos[i], pos[j]);
        let _ = write!(
            b,
            "<g class=\"edge\" data-a=\"{a}\" data-b=\"{bb}\"><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><title>{} — {}: {}</title></g>",
            p.0,
            p.1,
            q.0,
            q.1,
            (p.0 + q.0) / 2.0,
            (p.1 + q.1) / 2.0 - 3.0,
            esc(&truncate(&labels.join(", ").replace('_', " "), 28)),
            esc(&s.rec.entities[*a].name),
            esc(&s.rec.entities[*bb].name),
            esc(&labels.join(", "))
        );
    }
    for (i, &n) in g.nodes.iter().enumerate() {
        let en = &s.rec.entities[n];
        let r = if Some(n) == center {
            14.0
        } else {
            6.0 + (s.entity_claims[n].len() as f64).sqrt().min(8.0)
        };
        let _ = write!(
            b,
            "<a class=\"node k-{}{}\" href=\"/entity/{}/graph\" data-n=\"{n}\"><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><title>{} ({}): {}</title></a>",
            en.kind.as_str(),
            if Some(n) == center { " center" } else { "" },
            seg(&en.id),
            pos[i].0,
            pos[i].1,
            pos[i].0,
            pos[i].1 - r - 4.0,
            esc(&truncate(&en.name, 30)),
            esc(&en.name),
            en.kind.as_str(),
            words::plural(s.entity_claims[n].len(), "claim")
        );
    }
    b.push_str("</svg><figcaption><span class=\"k k-group\">group</span> <span class=\"k k-organization\">organization</span> <span class=\"k k-person\">person</span> <span class=\"k k-place\">place</span> <span class=\"k k-other\">other</span></figcaption></figure>");
    b.push_str("<h2>Links</h2><ul class=\"links\">");
    for ((a, bb), labels) in &edges {
        b.push_str("<li>");
        entity_link(b, s, *a);
        let _ = write!(b, " — {} — ", esc(&labels.join(", ").replace('_', " ")));
        entity_link(b, s, *bb);
        b.push_str("</li>");
    }
    b.push_str("</ul>");
}
