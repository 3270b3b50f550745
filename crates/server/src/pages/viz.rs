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
//!
//! The timeline and an entity's graph read the stored results per request
//! (and are kept as answered); the corpus graph, an aggregate over every
//! entity, still reads the whole-corpus view.

use std::collections::HashMap;
use std::fmt::Write;

use crate::error::P;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Html;
use chrono::{Datelike, NaiveDate};
use dossier_core::reconcile::{StoredClaimRecord, StoredEntity, StoredTenure};
use dossier_core::Predicate;
use dossier_store::Store;

use super::stored::{self, value_words, when_of, Names};
use super::words;
use crate::error::{AppError, AppResult};
use crate::html::{esc, page, seg, Nav};
use crate::state::AppState;

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

/// `GET /entity/{id}/timeline`: read from the stored results (the
/// entity's claims in corpus order and its events), kept until they move
/// (see [`crate::answers`]).
pub async fn timeline(State(st): State<AppState>, P(id): P<String>) -> AppResult<Html<Bytes>> {
    let key = format!("/entity/{id}/timeline");
    Ok(Html(st.answer(key, move |store| timeline_page(store, &id)).await?))
}

/// The stored entity with this id, or a 404 that says how ids look.
pub(crate) fn stored_entity(store: &Store, id: &str) -> AppResult<StoredEntity> {
    let entry = store.recon_entity(id)?.ok_or_else(|| {
        AppError::not_found(format!(
            "no entity with id `{id}`: ids look like `group:islamic-state`; \
             search or list entities to find one"
        ))
    })?;
    Ok(entry.entity()?)
}

/// A link to a claim's evidence in its document.
pub(crate) fn claim_href(c: &StoredClaimRecord) -> String {
    let idx = c.id.rsplit_once(":c").map_or("0", |(_, n)| n);
    format!("/doc/{}?hl={idx}#c{idx}", seg(&c.doc))
}

fn timeline_page(store: &Store, id: &str) -> AppResult<String> {
    let en = stored_entity(store, id)?;
    let claims = store.recon_claims_about_in_order(&en.id)?;
    let events = store.recon_events_of(&en.id, usize::MAX)?;
    let open = |i: &dossier_core::TimeInterval| i.start.is_some() || i.end.is_some();
    let mut items: Vec<Item> = Vec::new();
    // Claims with no known time: (tip, link), listed under the chart.
    let mut undated: Vec<(String, String)> = Vec::new();
    for c in &claims {
        let r = &c.record;
        let Some(pr) = r["predicate"].as_str().and_then(Predicate::parse) else { continue };
        let time = r["value"].get("time");
        let value = match time {
            Some(t) => words::clean_text(t["text"].as_str().unwrap_or("")),
            None => value_words(r),
        };
        let published = c.published;
        let value_interval = time.and_then(when_of).and_then(|w| w.interval).filter(open);
        let when = r.get("when").and_then(when_of);
        let (start, end, said) = match (value_interval, when) {
            (Some(i), _) => (i.start, i.end, format!(" ({})", words::interval(&i))),
            _ if pr == Predicate::Leader => {
                // A leader's tenure as the text dates it; a former leader
                // is never placed at the article's date.
                let t = c.tenure.unwrap_or(StoredTenure {
                    former: r["status"].as_str() == Some("former"),
                    date: None,
                });
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
            "{}: {value}{said} — {} ({})",
            words::predicate(pr),
            r["attributed_to"].as_str().unwrap_or(""),
            stored::outlet(&c.label, c.published)
        );
        if start.is_none() && end.is_none() {
            undated.push((tip, claim_href(c)));
            continue;
        }
        items.push(Item {
            lane: words::predicate(pr),
            start,
            end,
            label: truncate(&value, 32),
            tip,
            href: claim_href(c),
            class: c.verdict.map(|v| v.as_str()).unwrap_or("single_source"),
        });
    }
    for ev in &events {
        let place =
            ev.record["place"]["name"].as_str().map(|p| format!(" in {p}")).unwrap_or_default();
        let href = format!("/events/{}", seg(&ev.id));
        let kind = words::event_kind(ev.kind);
        let interval = ev.record.get("when").and_then(when_of).and_then(|w| w.interval);
        let Some(w) = interval.filter(open) else {
            undated.push((format!("{kind}{place}, date unknown"), href));
            continue;
        };
        let reports = ev.record["reports"].as_array().map_or(0, Vec::len);
        items.push(Item {
            lane: "Events".into(),
            start: w.start,
            end: w.end,
            label: truncate(&format!("{kind}{place}"), 32),
            tip: format!(
                "{kind}{place}, {} ({})",
                words::interval(&w),
                words::plural(reports, "report")
            ),
            href,
            class: "event",
        });
    }
    let mut b = String::new();
    b.push_str("<h1>");
    let names = Names::from([(en.id.clone(), (en.kind.as_str().to_string(), en.name.clone()))]);
    stored::entity_link(&mut b, &names, &en.id, &en.name);
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
    Ok(page(&format!("{} · timeline", en.name), Nav::Entities, &b))
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

/// Nodes (by entity index or id) and the labelled links between them,
/// each kept once whichever way it was given, and read the way it was
/// first given (a claim's subject to its value, a perpetrator to the
/// place).
struct Graph<K> {
    nodes: Vec<K>,
    /// By the ends in order: whether the link reads from the second end to
    /// the first, and its labels.
    edges: HashMap<(K, K), (bool, Vec<String>)>,
}

impl<K: Ord + std::hash::Hash + Clone> Graph<K> {
    fn add(&mut self, a: &K, b: &K, label: &str) {
        if a == b {
            return;
        }
        let key = if a < b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
        let (_, v) = self.edges.entry(key).or_insert_with(|| (a > b, Vec::new()));
        if !v.iter().any(|l| l == label) {
            v.push(label.to_string());
        }
    }

    /// The nodes as drawn, and the links by node position in key order.
    fn drawn(&self, node: impl Fn(&K) -> Node) -> Drawn {
        let at: HashMap<&K, usize> = self.nodes.iter().enumerate().map(|(i, n)| (n, i)).collect();
        let mut edges: Vec<_> = self.edges.iter().collect();
        edges.sort_by(|x, y| x.0.cmp(y.0));
        Drawn {
            nodes: self.nodes.iter().map(node).collect(),
            edges: edges
                .into_iter()
                .filter_map(|((a, b), (back, l))| {
                    let (i, j) = (*at.get(a)?, *at.get(b)?);
                    Some(if *back { (j, i, l.clone()) } else { (i, j, l.clone()) })
                })
                .collect(),
        }
    }
}

/// An entity as a graph draws it.
struct Node {
    id: String,
    kind: String,
    name: String,
    /// Claims about it (the circle grows with them).
    claims: usize,
}

/// A graph ready to draw: its nodes and links by node position.
struct Drawn {
    nodes: Vec<Node>,
    edges: Vec<(usize, usize, Vec<String>)>,
}

/// The same links read from the store: the claims about or naming the
/// entity whose value is an entity (columns only), then its events.
fn stored_links(store: &Store, id: &str) -> AppResult<Vec<(String, String, String)>> {
    let mut out = Vec::new();
    for (subject, value, p) in store.recon_claim_links(id)? {
        let label =
            Predicate::parse(&p).map(words::predicate_lower).unwrap_or_else(|| p.replace('_', " "));
        out.push((subject, value, label));
    }
    for ev in store.recon_events_of(id, usize::MAX)? {
        for p in &ev.perpetrators {
            if let Some(pl) = &ev.place {
                out.push((
                    p.clone(),
                    pl.clone(),
                    format!("{} in", ev.kind.as_str().replace('_', " ")),
                ));
            }
            for q in &ev.perpetrators {
                if p < q {
                    out.push((p.clone(), q.clone(), "acted with".into()));
                }
            }
        }
    }
    Ok(out)
}

/// `GET /entity/{id}/graph`: the entity and what claims and events link
/// it to, read from the stored results, kept until they move.
pub async fn entity_graph(State(st): State<AppState>, P(id): P<String>) -> AppResult<Html<Bytes>> {
    let key = format!("/entity/{id}/graph");
    Ok(Html(st.answer(key, move |store| entity_graph_page(store, &id)).await?))
}

fn entity_graph_page(store: &Store, id: &str) -> AppResult<String> {
    let en = stored_entity(store, id)?;
    let e = en.id.clone();
    let mut weight: HashMap<String, usize> = HashMap::new();
    let links = stored_links(store, &e)?;
    for (a, b, _) in &links {
        for n in [a, b] {
            if *n != e {
                *weight.entry(n.clone()).or_default() += 1;
            }
        }
    }
    // The most linked neighbours; ties by id.
    let mut neigh: Vec<(String, usize)> = weight.into_iter().collect();
    neigh.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    neigh.truncate(30);
    let mut g = Graph { nodes: vec![e.clone()], edges: HashMap::new() };
    g.nodes.extend(neigh.iter().map(|n| n.0.clone()));
    let inside = |n: &String, g: &Graph<String>| g.nodes.contains(n);
    for (a, b, l) in &links {
        if inside(a, &g) && inside(b, &g) {
            g.add(a, b, l);
        }
    }
    // Links among the neighbours too, so the picture shows structure.
    for (n, _) in &neigh {
        for (a, b, l) in stored_links(store, n)? {
            if inside(&a, &g) && inside(&b, &g) && a != e && b != e {
                g.add(&a, &b, &l);
            }
        }
    }
    let heads: HashMap<String, (String, String, usize)> = store
        .recon_entity_heads(&g.nodes)?
        .into_iter()
        .map(|(id, kind, name, claims)| (id, (kind, name, claims)))
        .collect();
    let drawn = g.drawn(|id| stored_node(&heads, id));
    let mut b = String::new();
    b.push_str("<h1>");
    let names = Names::from([(en.id.clone(), (en.kind.as_str().to_string(), en.name.clone()))]);
    stored::entity_link(&mut b, &names, &en.id, &en.name);
    b.push_str(": graph</h1><p class=\"muted\">Entities linked to it by claims and events. Select a node to open its graph; the list below names every link.</p>");
    draw_graph(&mut b, &drawn, Some(0));
    let _ = write!(
        b,
        "<p><a href=\"/entity/{}\">← back to {}</a> · <a href=\"/graph\">whole corpus</a></p>",
        seg(&en.id),
        esc(&en.name)
    );
    Ok(page(&format!("{} · graph", en.name), Nav::Graph, &b))
}

/// `GET /graph`: the most connected entities of the corpus (claims about
/// them, claims naming them, their events), read from the stored results
/// (an index range, then each node's links as the entity graph reads them),
/// kept until they move.
pub async fn graph(State(st): State<AppState>) -> AppResult<Html<Bytes>> {
    Ok(Html(st.answer("/graph".into(), corpus_graph_page).await?))
}

fn corpus_graph_page(store: &Store) -> AppResult<String> {
    let nodes = store.recon_most_linked(40)?;
    let mut g = Graph { nodes: nodes.clone(), edges: HashMap::new() };
    for n in &nodes {
        for (a, b, l) in stored_links(store, n)? {
            if g.nodes.contains(&a) && g.nodes.contains(&b) {
                g.add(&a, &b, &l);
            }
        }
    }
    let mut b = String::from("<h1>Graph</h1><p class=\"muted\">The most connected entities and the claims and events that link them. Select a node to open its own graph.</p>");
    if g.nodes.is_empty() {
        b.push_str("<p class=\"empty\">Nothing to draw yet.</p>");
    } else {
        let heads: HashMap<String, (String, String, usize)> = store
            .recon_entity_heads(&g.nodes)?
            .into_iter()
            .map(|(id, kind, name, claims)| (id, (kind, name, claims)))
            .collect();
        draw_graph(&mut b, &g.drawn(|id| stored_node(&heads, id)), None);
    }
    Ok(page("Graph", Nav::Graph, &b))
}

/// A stored entity as a graph draws it, from its head row.
fn stored_node(heads: &HashMap<String, (String, String, usize)>, id: &String) -> Node {
    let (kind, name, claims) =
        heads.get(id).cloned().unwrap_or_else(|| ("other".into(), id.clone(), 0));
    Node { id: id.clone(), kind, name, claims }
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

/// Draws `g` (`center`: the position of the node that stays put) and
/// lists its links; nodes and links carry the entities' ids for the
/// script that highlights a node's links.
fn draw_graph(b: &mut String, g: &Drawn, center: Option<usize>) {
    let pairs: Vec<(usize, usize)> = g.edges.iter().map(|(a, bb, _)| (*a, *bb)).collect();
    let pos = layout(g.nodes.len(), &pairs, center);
    let link = |b: &mut String, n: &Node| {
        let names = Names::from([(n.id.clone(), (n.kind.clone(), n.name.clone()))]);
        stored::entity_link(b, &names, &n.id, &n.name);
    };
    b.push_str("<figure class=\"graph\"><svg viewBox=\"0 0 1000 640\" role=\"img\" aria-label=\"Graph of entities\" id=\"graph\">");
    for (i, j, labels) in &g.edges {
        let (p, q) = (pos[*i], pos[*j]);
        let (a, bb) = (&g.nodes[*i], &g.nodes[*j]);
        let _ = write!(
            b,
            "<g class=\"edge\" data-a=\"{}\" data-b=\"{}\"><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><title>{} — {}: {}</title></g>",
            esc(&a.id),
            esc(&bb.id),
            p.0,
            p.1,
            q.0,
            q.1,
            (p.0 + q.0) / 2.0,
            (p.1 + q.1) / 2.0 - 3.0,
            esc(&truncate(&labels.join(", ").replace('_', " "), 28)),
            esc(&a.name),
            esc(&bb.name),
            esc(&labels.join(", "))
        );
    }
    for (i, n) in g.nodes.iter().enumerate() {
        let r = if Some(i) == center { 14.0 } else { 6.0 + (n.claims as f64).sqrt().min(8.0) };
        let _ = write!(
            b,
            "<a class=\"node k-{}{}\" href=\"/entity/{}/graph\" data-n=\"{}\"><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><title>{} ({}): {}</title></a>",
            esc(&n.kind),
            if Some(i) == center { " center" } else { "" },
            seg(&n.id),
            esc(&n.id),
            pos[i].0,
            pos[i].1,
            pos[i].0,
            pos[i].1 - r - 4.0,
            esc(&truncate(&n.name, 30)),
            esc(&n.name),
            esc(&n.kind),
            words::plural(n.claims, "claim")
        );
    }
    b.push_str("</svg><figcaption><span class=\"k k-group\">group</span> <span class=\"k k-organization\">organization</span> <span class=\"k k-person\">person</span> <span class=\"k k-place\">place</span> <span class=\"k k-other\">other</span></figcaption></figure>");
    b.push_str("<h2>Links</h2><ul class=\"links\">");
    for (i, j, labels) in &g.edges {
        b.push_str("<li>");
        link(b, &g.nodes[*i]);
        let _ = write!(b, " — {} — ", esc(&labels.join(", ").replace('_', " ")));
        link(b, &g.nodes[*j]);
        b.push_str("</li>");
    }
    b.push_str("</ul>");
}
