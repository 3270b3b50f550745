//! Issue 13: the entity's timeline and graph and the compare page are read
//! from the stored results. Every such page of the example corpus, asked
//! without building the whole-corpus view, shows that view's facts: the
//! timeline every claim and event with its words and tenure, the compare
//! page a finding's claims in the view's order with their values, the
//! graph the view's neighbours and links, the corpus graph its most linked
//! entities and their links. On SQLite and PostgreSQL, also
//! after a removal.

use std::collections::{BTreeSet, HashMap};

use axum::http::{Method, StatusCode};
use dossier_core::reconcile::{source_of, tenure, tenure_key};
use dossier_core::{Predicate, Value};
use dossier_server::html::esc;
use dossier_server::state::Snapshot;
use dossier_server::words;
use dossier_server::AppState;
use dossier_store::Store;

use crate::common::{self, TOKEN};
use crate::postgres::on_postgres_examples;
use crate::util::{call, get, seg};

/// The `<li>` items of `html` after `marker`, up to the list's end.
fn items<'a>(html: &'a str, marker: &str) -> Vec<&'a str> {
    let Some(at) = html.find(marker) else { return Vec::new() };
    let rest = &html[at..];
    let rest = &rest[..rest.find("</ul>").unwrap_or(rest.len())];
    rest.split("<li>").skip(1).map(|x| x.split("</li>").next().unwrap_or("")).collect()
}

fn href(item: &str) -> &str {
    item.split("href=\"").nth(1).and_then(|x| x.split('"').next()).unwrap_or("")
}

fn outlet(s: &Snapshot, d: usize) -> String {
    match s.docs[d].doc.published {
        Some(p) => format!("{}, {}", s.labels[d], words::day(p)),
        None => s.labels[d].clone(),
    }
}

fn evidence(s: &Snapshot, c: usize) -> String {
    let cc = &s.rec.claims[c];
    format!("/doc/{}?hl={}#c{}", seg(&s.docs[cc.doc].doc.id), cc.idx, cc.idx)
}

/// The entity ids of the example corpus, from the store-backed list.
async fn entity_ids(st: &AppState) -> Vec<String> {
    let list = get(st, "/api/v1/entities?limit=1000").await.json();
    list["items"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().into()).collect()
}

/// Asks `pages` without building the whole-corpus view.
async fn ask(st: &AppState, pages: &[String]) -> Vec<String> {
    let built = st.snapshot_built();
    let mut bodies = Vec::new();
    for p in pages {
        let r = get(st, p).await;
        assert_eq!(r.status, StatusCode::OK, "{p}: {}", r.body);
        bodies.push(r.body);
    }
    assert_eq!(st.snapshot_built(), built, "these pages must not build the whole-corpus view");
    bodies
}

/// Every timeline lists every claim about the entity and every event of
/// it once, each with the view's words: the predicate and value, the
/// tenure of a leader, who says it and where, an event's kind, place and
/// reports; and counts them as the view did.
async fn timelines_equal_the_view(st: &AppState) {
    let ids = entity_ids(st).await;
    let pages: Vec<String> = ids.iter().map(|id| format!("/entity/{}/timeline", seg(id))).collect();
    let bodies = ask(st, &pages).await;
    assert_eq!(get(st, "/entity/group:nope/timeline").await.status, StatusCode::NOT_FOUND);
    let s = AppState::open(st.db_location(), TOKEN).unwrap().snapshot();
    let (mut leaders, mut undated, mut events) = (0, 0, 0);
    for (id, body) in ids.iter().zip(&bodies) {
        let e = s.entity(id).unwrap();
        let listed = items(body, "<ul class=\"tl-list\">");
        let unknown = items(body, "<ul class=\"tl-list undated\">");
        let all: Vec<&str> = listed.iter().chain(&unknown).copied().collect();
        let by_href: HashMap<&str, &str> = all.iter().map(|i| (href(i), *i)).collect();
        assert_eq!(
            all.len(),
            s.entity_claims[e].len() + s.entity_events[e].len(),
            "{id}: every claim and event once"
        );
        let head = words::plural(listed.len(), "item");
        assert!(body.contains(&format!("claim's group. {head}")), "{id}: {head}");
        undated += unknown.len();
        for &c in &s.entity_claims[e] {
            let cc = &s.rec.claims[c];
            let a = &s.docs[cc.doc];
            let cl = &a.claims[cc.idx];
            let h = evidence(&s, c);
            let item = by_href.get(h.as_str()).unwrap_or_else(|| panic!("{id}: claim {h}"));
            let value = match &cl.value {
                Value::Time { text, .. } => words::clean_text(text),
                _ => words::value(&s, c),
            };
            let said = esc(&format!("{}: {value}", words::predicate(cl.predicate))).to_string();
            assert!(item.contains(&said), "{id}: {said} in {item}");
            let by = esc(&format!(" — {} ({})", source_of(a, cl), outlet(&s, cc.doc))).to_string();
            assert!(item.ends_with(&format!("{by}</a>")) || item.ends_with(&by), "{id}: {by}");
            let timed = matches!(&cl.value, Value::Time { interval: Some(i), .. }
                if i.start.is_some() || i.end.is_some());
            if cl.predicate == Predicate::Leader && !timed {
                leaders += 1;
                let t = tenure(&s.docs, &s.rec.claims, c);
                let tenure = match (t.former, t.date) {
                    (true, Some((x, y))) => format!(" (until {})", words::interval_days(x, y)),
                    (true, None) => " (former; no dates given)".into(),
                    (false, Some((x, y))) => format!(" (since {})", words::interval_days(x, y)),
                    (false, None) => " (as of publication)".into(),
                };
                assert!(item.contains(&esc(&tenure).to_string()), "{id}: {tenure} in {item}");
            }
        }
        for &v in &s.entity_events[e] {
            let ev = &s.rec.events[v];
            let h = format!("/events/{}", seg(&ev.id));
            let item = by_href.get(h.as_str()).unwrap_or_else(|| panic!("{id}: event {h}"));
            let place =
                ev.place.map(|p| format!(" in {}", s.rec.entities[p].name)).unwrap_or_default();
            let what = esc(&format!("{}{place}", words::event_kind(ev.kind))).to_string();
            assert!(item.contains(&what), "{id}: {what} in {item}");
            match ev.when.as_ref().filter(|w| w.start.is_some() || w.end.is_some()) {
                Some(w) => {
                    let when = format!("{}, {}", what, esc(&words::interval(w)));
                    assert!(item.contains(&when), "{id}: {when} in {item}");
                    let n = words::plural(ev.reports.len(), "report");
                    assert!(item.contains(&format!("({n})")), "{id}: {n} in {item}");
                }
                None => assert!(item.contains("date unknown"), "{id}: {item}"),
            }
            events += 1;
        }
    }
    assert!(leaders >= 3 && events >= 5, "{leaders} {undated} {events}");
}

/// Every compare page lists its finding's claims in the view's order (by
/// tenure for leaders, else by value), each with the view's value, source
/// and quote link, under the view's summary and verdict.
async fn compare_pages_equal_the_view(st: &AppState) {
    let s = AppState::open(st.db_location(), TOKEN).unwrap().snapshot();
    let pages: Vec<String> = s
        .rec
        .findings
        .iter()
        .map(|f| {
            let id = &s.rec.entities[f.subject].id;
            format!("/compare/{}/{}", seg(id), f.predicate.as_str())
        })
        .collect();
    assert!(pages.len() >= 10, "{}", pages.len());
    let bodies = ask(st, &pages).await;
    let mut leaders = 0;
    for ((f, x), (page, body)) in s.rec.findings.iter().enumerate().zip(pages.iter().zip(&bodies)) {
        let summary = esc(&words::summary(&s, f)).to_string();
        assert!(body.contains(&format!("<p class=\"summary\">{summary}</p>")), "{page}: summary");
        assert!(body.contains(&dossier_server::html::badge(x.verdict)), "{page}: verdict");
        let mut claims = x.claims.clone();
        if x.predicate == Predicate::Leader {
            leaders += 1;
            claims.sort_by_cached_key(|&c| tenure_key(&s.docs, &s.rec.claims, c));
        } else {
            claims.sort_by(|&a, &c| {
                let key = |i: usize| {
                    let cc = &s.rec.claims[i];
                    match &s.docs[cc.doc].claims[cc.idx].value {
                        Value::Quantity { quantity, .. } => {
                            quantity.low.or(quantity.high).unwrap_or(f64::MAX)
                        }
                        Value::Time { interval: Some(t), .. } => t
                            .start
                            .or(t.end)
                            .map(|d| d.to_string().replace('-', "").parse::<f64>().unwrap_or(0.0))
                            .unwrap_or(f64::MAX),
                        _ => f64::MAX,
                    }
                };
                key(a).total_cmp(&key(c)).then(a.cmp(&c))
            });
        }
        claims.truncate(60);
        let cards: Vec<&str> = body.split("<article class=\"card\">").skip(1).collect();
        assert_eq!(cards.len(), claims.len(), "{page}: cards");
        for (card, &c) in cards.iter().zip(&claims) {
            let cc = &s.rec.claims[c];
            let a = &s.docs[cc.doc];
            let cl = &a.claims[cc.idx];
            let value = format!("<div class=\"big\">{}</div>", esc(&words::value(&s, c)));
            assert!(card.starts_with(&value), "{page}: {value} in {card}");
            let quote = format!("class=\"quote\" href=\"{}\"", evidence(&s, c));
            assert!(card.contains(&quote), "{page}: {quote}");
            let source = format!("<dt>Source</dt><dd>{}</dd>", esc(&source_of(a, cl)));
            assert!(card.contains(&source), "{page}: {source}");
            let at = format!("<dt>Outlet</dt><dd>{}</dd>", esc(&outlet(&s, cc.doc)));
            assert!(card.contains(&at), "{page}: {at}");
            assert!(card.contains(&format!("m-{}", cl.modality.as_str())), "{page}: modality");
            if x.predicate == Predicate::Leader {
                let t = tenure(&s.docs, &s.rec.claims, c);
                let said = match (t.former, t.date) {
                    (true, Some((a, z))) => format!("former; until {}", words::interval_days(a, z)),
                    (true, None) => "former; no date given".into(),
                    (false, Some((a, z))) => {
                        format!("current; since {}", words::interval_days(a, z))
                    }
                    (false, None) => "current".into(),
                };
                let said = format!("<dt>Tenure</dt><dd>{}</dd>", esc(&said));
                assert!(card.contains(&said), "{page}: {said}");
            }
        }
    }
    assert!(leaders >= 1, "{leaders}");
    let id = &s.rec.entities[s.rec.findings[0].subject].id;
    assert_eq!(get(st, "/compare/group:nope/strength").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get(st, &format!("/compare/{}/size", seg(id))).await.status,
        StatusCode::BAD_REQUEST
    );
}

type Links = BTreeSet<(String, String, BTreeSet<String>)>;

/// An entity's graph in the view: its nodes (by id) and links (ids in
/// order, labels as a set). `None` when neighbours tie at the cut of 30,
/// where the view chose by its entity indexes.
fn view_graph(s: &Snapshot, e: usize) -> Option<(BTreeSet<String>, Links)> {
    let mut weight: HashMap<usize, usize> = HashMap::new();
    let links = s.links_of(e);
    for (a, b, _) in &links {
        for n in [a, b] {
            if *n != e {
                *weight.entry(*n).or_default() += 1;
            }
        }
    }
    let mut neigh: Vec<(usize, usize)> = weight.into_iter().collect();
    neigh.sort_by_key(|&(n, w)| (std::cmp::Reverse(w), n));
    if neigh.len() > 30 && neigh[29].1 == neigh[30].1 {
        return None;
    }
    neigh.truncate(30);
    let mut nodes = vec![e];
    nodes.extend(neigh.iter().map(|n| n.0));
    let mut edges: HashMap<(String, String), BTreeSet<String>> = HashMap::new();
    let mut add = |a: usize, b: usize, l: &str| {
        if a == b || !nodes.contains(&a) || !nodes.contains(&b) {
            return;
        }
        let (x, y) = (s.rec.entities[a].id.clone(), s.rec.entities[b].id.clone());
        let key = if x < y { (x, y) } else { (y, x) };
        edges.entry(key).or_default().insert(l.replace('_', " "));
    };
    for (a, b, l) in &links {
        add(*a, *b, l);
    }
    for &(n, _) in &neigh {
        for (a, b, l) in s.links_of(n) {
            if a != e && b != e {
                add(a, b, &l);
            }
        }
    }
    let ids = nodes.iter().map(|&n| s.rec.entities[n].id.clone()).collect();
    Some((ids, edges.into_iter().map(|((a, b), l)| (a, b, l)).collect()))
}

/// A graph page's nodes (by id) and its links list.
fn page_graph(body: &str) -> (BTreeSet<String>, Links) {
    let nodes = body
        .split("<a class=\"node ")
        .skip(1)
        .filter_map(|x| x.split("data-n=\"").nth(1)?.split('"').next())
        .map(|x| x.replace("&amp;", "&"))
        .collect();
    let mut links = Links::new();
    for item in items(body, "<ul class=\"links\">") {
        let ends: Vec<String> = item
            .split("href=\"/entity/")
            .skip(1)
            .filter_map(|x| x.split('"').next())
            .map(percent_decode)
            .collect();
        let label = item.split(" — ").nth(1).unwrap_or("");
        let labels = label.split(", ").map(|l| l.replace("&amp;", "&")).collect();
        let (a, b) = (ends[0].clone(), ends[1].clone());
        let key = if a < b { (a, b) } else { (b, a) };
        links.insert((key.0, key.1, labels));
    }
    (nodes, links)
}

/// Undoes `seg`'s percent-encoding of an id.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every entity graph shows the view's nodes and links (the picture's
/// layout aside: neighbours of equal weight are ordered by id).
async fn entity_graphs_equal_the_view(st: &AppState) {
    let ids = entity_ids(st).await;
    let pages: Vec<String> = ids.iter().map(|id| format!("/entity/{}/graph", seg(id))).collect();
    let bodies = ask(st, &pages).await;
    assert_eq!(get(st, "/entity/group:nope/graph").await.status, StatusCode::NOT_FOUND);
    let s = AppState::open(st.db_location(), TOKEN).unwrap().snapshot();
    let (mut compared, mut linked) = (0, 0);
    for (id, body) in ids.iter().zip(&bodies) {
        let e = s.entity(id).unwrap();
        let Some((nodes, links)) = view_graph(&s, e) else { continue };
        let (got_nodes, got_links) = page_graph(body);
        assert_eq!(got_nodes, nodes, "{id}: nodes");
        assert_eq!(got_links, links, "{id}: links");
        compared += 1;
        linked += usize::from(!links.is_empty());
    }
    assert!(compared * 10 >= ids.len() * 9 && linked >= 10, "{compared} of {} {linked}", ids.len());
}

/// The corpus graph shows the view's 40 most linked entities (claims
/// about them, naming them, their events; nationalities left out) and the
/// links among them.
async fn corpus_graph_equals_the_view(st: &AppState) {
    let body = ask(st, &["/graph".to_string()]).await.pop().unwrap();
    let s = AppState::open(st.db_location(), TOKEN).unwrap().snapshot();
    let mut degree: Vec<(usize, String)> = (0..s.rec.entities.len())
        .filter(|&e| s.rec.entities[e].kind != dossier_core::EntityKind::Nationality)
        .map(|e| {
            let d =
                s.entity_claims[e].len() + s.entity_incoming[e].len() + s.entity_events[e].len();
            (d, s.rec.entities[e].id.clone())
        })
        .filter(|x| x.0 > 0)
        .collect();
    degree.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
    degree.truncate(40);
    let index: Vec<usize> = degree.iter().map(|(_, id)| s.entity(id).unwrap()).collect();
    let mut edges: HashMap<(String, String), BTreeSet<String>> = HashMap::new();
    for &n in &index {
        for (a, b, l) in s.links_of(n) {
            if a == b || !index.contains(&a) || !index.contains(&b) {
                continue;
            }
            let (x, y) = (s.rec.entities[a].id.clone(), s.rec.entities[b].id.clone());
            let key = if x < y { (x, y) } else { (y, x) };
            edges.entry(key).or_default().insert(l.replace('_', " "));
        }
    }
    let links: Links = edges.into_iter().map(|((a, b), l)| (a, b, l)).collect();
    let (got_nodes, got_links) = page_graph(&body);
    let want: BTreeSet<String> = degree.into_iter().map(|x| x.1).collect();
    assert_eq!(got_nodes, want, "the 40 most linked entities");
    assert_eq!(got_links, links, "the links among them");
    assert!(want.len() == 40 && links.len() >= 20, "{} nodes, {} links", want.len(), links.len());
}

/// Every map of the events lists' filters draws the view's located
/// events (the example corpus has fewer than the map's cap), each at its
/// place with the view's words, and counts those placed nowhere.
async fn maps_equal_the_view(st: &AppState) {
    let s = AppState::open(st.db_location(), TOKEN).unwrap().snapshot();
    let queries: Vec<_> = crate::stored::list_queries(&s)
        .into_iter()
        .filter(|(l, _)| *l == "events")
        .map(|(_, f)| f)
        .collect();
    let pages: Vec<String> =
        queries.iter().map(|f| format!("/map?{}", crate::stored::query_string(f))).collect();
    let bodies = ask(st, &pages).await;
    let mut drawn = 0;
    for ((f, page), body) in queries.iter().zip(&pages).zip(&bodies) {
        let mut hits = dossier_server::api::filter_events(&s, f).unwrap();
        // The view's map ignored `doc=`; the stored one filters by it as
        // the events list does.
        if let Some(d) = &f.doc {
            let d = s.doc(d).unwrap();
            hits.retain(|v| s.doc_events[d].contains(v));
        }
        let located: Vec<usize> =
            hits.iter().copied().filter(|&v| s.event_coords[v].is_some()).collect();
        let count = format!(
            "{} on the map, {} placed nowhere",
            words::plural(located.len(), "event"),
            words::plural(hits.len() - located.len(), "event")
        );
        assert!(body.contains(&count), "{page}: {count}");
        let mut want: Vec<String> = located
            .iter()
            .map(|&v| {
                let ev = &s.rec.events[v];
                let (lat, lon) = s.event_coords[v].unwrap();
                let kind = words::event_kind(ev.kind);
                let mut kind_cap = kind.chars();
                let kind: String = kind_cap
                    .next()
                    .map(|c| c.to_uppercase().chain(kind_cap).collect())
                    .unwrap_or_default();
                let place =
                    ev.place.map(|p| format!(" at {}", s.rec.entities[p].name)).unwrap_or_default();
                let when =
                    ev.when.as_ref().map(words::interval).unwrap_or_else(|| "date unknown".into());
                let k = ev.fatalities_lowest.unwrap_or(0.0);
                let toll = if k > 0.0 {
                    format!("at least {} killed", dossier_server::html::num(k as usize))
                } else {
                    "no deaths reported".into()
                };
                format!(
                    "href=\"/events/{}\"><circle cx=\"{:.2}\" cy=\"{:.2}\" {}",
                    seg(&ev.id),
                    lon + 180.0,
                    90.0 - lat,
                    esc(&format!("{kind}{place}, {when}: {toll}"))
                )
            })
            .collect();
        let mut got: Vec<String> = body
            .split("<a class=\"mk\" ")
            .skip(1)
            .map(|m| {
                let m = &m[..m.find("</a>").unwrap()];
                let circle = &m[..m.find(" r=\"").unwrap()];
                let title = m.split("<title>").nth(1).unwrap().trim_end_matches("</title>");
                format!("{circle} {title}")
            })
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{page}: markers");
        drawn += got.len();
    }
    assert!(drawn >= 10, "{drawn}");
    // Capped: the located events with the highest tolls, ties by id.
    let store = Store::open_location(st.db_location()).unwrap();
    let filter = dossier_store::EventFilter::default();
    let (top, read) = store.recon_events_located(&filter, 3).unwrap();
    let mut want: Vec<(f64, &str)> = (0..s.rec.events.len())
        .filter(|&v| s.event_coords[v].is_some())
        .map(|v| (s.rec.events[v].fatalities_lowest.unwrap_or(0.0), s.rec.events[v].id.as_str()))
        .collect();
    want.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let got: Vec<&str> = top.iter().map(|e| e.id.as_str()).collect();
    let want: Vec<&str> = want.iter().take(3).map(|x| x.1).collect();
    assert_eq!(got, want, "the three located events with the highest tolls");
    assert!(read >= 3 && read < s.rec.events.len(), "{read}");
}

async fn all_equal_the_view(st: &AppState) {
    timelines_equal_the_view(st).await;
    compare_pages_equal_the_view(st).await;
    entity_graphs_equal_the_view(st).await;
    corpus_graph_equals_the_view(st).await;
    maps_equal_the_view(st).await;
}

#[tokio::test]
async fn timelines_compare_pages_and_graphs_come_from_the_stored_results() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    assert!(!st.snapshot_built());
    all_equal_the_view(&st).await;
    assert!(!st.snapshot_built(), "no page asked here builds the whole-corpus view");
    // A removal re-reconciles what it touches; the pages follow.
    let store = Store::open(&dir.path().join("t.db")).unwrap();
    let victim = store.documents().unwrap().into_iter().max_by_key(|m| m.claims).unwrap().id;
    let r = call(&st, Method::DELETE, &format!("/api/v1/documents/{victim}"), Some(TOKEN), vec![])
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    all_equal_the_view(&st).await;
}

#[test]
fn timelines_compare_pages_and_graphs_come_from_the_stored_results_on_postgres() {
    on_postgres_examples(async |st, _location, docs| {
        all_equal_the_view(&st).await;
        let victim = docs.iter().find(|a| !a.claims.is_empty()).unwrap().doc.id.clone();
        let r =
            call(&st, Method::DELETE, &format!("/api/v1/documents/{victim}"), Some(TOKEN), vec![])
                .await;
        assert!(r.status.is_success(), "{}", r.body);
        all_equal_the_view(&st).await;
    });
}
