//! Issue 14: what the pages showed wrong (casualty figures, leader order,
//! local paths, unnamed outlets, raw stored forms) and events as pages of
//! their own.

use axum::http::{Method, StatusCode};
use dossier_core::{annotate, Predicate};
use dossier_ingest::{read_inputs, Overrides};
use dossier_server::words;
use dossier_server::AppState;
use dossier_store::Store;

use crate::common::{self, TOKEN};
use crate::util::{call, get, seg};

/// The text a reader sees: tags dropped, entities of the escaper undone.
fn visible(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The part of `html` from `start` to the next `end` after it.
fn section<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html.find(start).unwrap_or_else(|| panic!("no {start} in the page"));
    let rest = &html[i..];
    &rest[..rest.find(end).map(|j| j + end.len()).unwrap_or(rest.len())]
}

/// The row of an events table that links to event `id`.
fn row_of<'a>(table: &'a str, id: &str) -> &'a str {
    let href = format!("href=\"/events/{}\"", seg(id));
    table
        .split("<tr")
        .find(|r| r.contains(&href) && !r.contains("persource"))
        .unwrap_or_else(|| panic!("no row for {id}"))
}

/// The cells of a table row, as visible text.
fn cells(row: &str) -> Vec<String> {
    row.split("<td").skip(1).map(|c| visible(&format!("<td{c}")).trim().to_string()).collect()
}

/// Uploads a fixture with the token and returns the stored document's id.
async fn upload(st: &AppState, name: &str) -> String {
    let body = std::fs::read(common::fixture(name)).unwrap();
    let r =
        call(st, Method::POST, &format!("/api/v1/documents?name={name}"), Some(TOKEN), body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.json()["stored"][0]["id"].as_str().unwrap().to_string()
}

/// Every page and API answer that names documents.
fn pages_naming_documents(st: &AppState) -> Vec<String> {
    let s = st.snapshot();
    let mut pages: Vec<String> = vec![
        "/".into(),
        "/documents".into(),
        "/events".into(),
        "/claims".into(),
        "/findings".into(),
        "/search?q=killed".into(),
        "/api/v1/documents?limit=1000".into(),
        "/api/v1/claims?limit=1000".into(),
        "/api/v1/events?limit=1000".into(),
        "/api/v1/findings?limit=1000".into(),
        "/api/v1/search?q=killed".into(),
    ];
    for a in &s.docs {
        pages.push(format!("/doc/{}", a.doc.id));
        pages.push(format!("/api/v1/documents/{}", a.doc.id));
    }
    for ev in &s.rec.events {
        pages.push(format!("/events/{}", seg(&ev.id)));
        pages.push(format!("/api/v1/events/{}", seg(&ev.id)));
    }
    for (e, en) in s.rec.entities.iter().enumerate() {
        if !s.entity_claims[e].is_empty() || !s.entity_events[e].is_empty() {
            pages.push(format!("/entity/{}", seg(&en.id)));
            pages.push(format!("/entity/{}/timeline", seg(&en.id)));
            pages.push(format!("/api/v1/entities/{}", seg(&en.id)));
            for &f in &s.entity_findings[e] {
                let p = s.rec.findings[f].predicate.as_str();
                pages.push(format!("/compare/{}/{p}", seg(&en.id)));
            }
        }
    }
    pages
}

#[tokio::test]
async fn no_page_or_api_answer_shows_where_a_file_was_read_from() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let paths: Vec<String> = {
        let s = st.snapshot();
        s.docs.iter().filter_map(|a| a.doc.path.clone()).collect()
    };
    assert!(paths.len() >= 10, "the examples were read from files");
    for p in pages_naming_documents(&st) {
        let r = get(&st, &p).await;
        assert_eq!(r.status, StatusCode::OK, "{p}");
        for path in &paths {
            let file = path.rsplit('/').next().unwrap();
            assert!(!r.body.contains(file), "{p} shows the file {path}");
        }
    }
    // The document view names the outlet and links the URL instead.
    let s = st.snapshot();
    let a = s.docs.iter().find(|a| a.doc.url.is_some() && a.doc.source.is_some()).unwrap();
    let r = get(&st, &format!("/doc/{}", a.doc.id)).await;
    let meta = section(&r.body, "<p class=\"meta\">", "</p>");
    assert!(
        meta.contains(&*dossier_server::html::esc(a.doc.source.as_deref().unwrap()).to_string())
    );
    assert!(meta.contains(&format!("href=\"{}\"", a.doc.url.as_deref().unwrap())), "{meta}");
    let j = get(&st, &format!("/api/v1/documents/{}", a.doc.id)).await.json();
    assert!(j["path"].is_null(), "{}", j["path"]);
    assert_eq!(j["url"], a.doc.url.as_deref().unwrap());
}

#[tokio::test]
async fn event_tables_show_the_reconciled_killed_wounded_and_killed_or_wounded() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    // An event whose reports give different figures, one of them a
    // killed-or-wounded total.
    let v = (0..s.rec.events.len())
        .find(|&v| {
            let ev = &s.rec.events[v];
            ev.reports.len() > 1 && ev.killed.is_some() && ev.killed_or_wounded.is_some()
        })
        .expect("an event with several reports and a killed-or-wounded figure");
    let ev = &s.rec.events[v];
    let first = &s.docs[ev.reports[0].0].events[ev.reports[0].1];
    assert_ne!(ev.killed, first.killed, "the reconciled toll is not the first report's");
    let want =
        |q: &Option<dossier_core::Quantity>| q.as_ref().map(words::quantity).unwrap_or_default();

    let page = get(&st, "/events").await;
    let table = section(&page.body, "<table class=\"events list\">", "</table>");
    let head: Vec<String> = table[..table.find("</thead>").unwrap()]
        .split("<th scope")
        .skip(1)
        .map(|h| visible(&format!("<th scope{h}")).trim().to_string())
        .collect();
    let col = |name: &str| {
        head.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} in {head:?}"))
    };
    let row = cells(row_of(table, &ev.id));
    assert_eq!(row[col("Killed")], want(&ev.killed), "{row:?}");
    assert_eq!(row[col("Wounded")], want(&ev.wounded), "{row:?}");
    assert_eq!(row[col("Killed or wounded")], want(&ev.killed_or_wounded), "{row:?}");

    // The group page's table too, with the per-source figures under it.
    let g = ev.perpetrators[0];
    let r = get(&st, &format!("/entity/{}", seg(&s.rec.entities[g].id))).await;
    let table = section(&r.body, "<h2>Events", "</section>");
    let row = cells(row_of(table, &ev.id));
    assert_eq!(row[4], want(&ev.killed), "{row:?}");
    assert_eq!(row[5], want(&ev.wounded), "{row:?}");
    assert_eq!(row[6], want(&ev.killed_or_wounded), "{row:?}");
    // (The figures under this event's row: other events of the group may
    // have several reports too.)
    let href = format!("href=\"/events/{}\"", seg(&ev.id));
    let after_row = &table[table.find(&href).expect("the event's row")..];
    let per_source = section(after_row, "<tr class=\"persource\">", "</details>");
    for &(d, e) in &ev.reports {
        assert!(per_source.contains(&format!("/doc/{}", s.docs[d].doc.id)), "report {d} listed");
        assert!(per_source.contains(&want(&s.docs[d].events[e].killed)), "its own figure");
    }

    // A document's sidebar gives that document's figures, never the
    // reconciled ones it does not contain.
    for &(d, e) in &ev.reports {
        let own = &s.docs[d].events[e];
        let r = get(&st, &format!("/doc/{}", s.docs[d].doc.id)).await;
        let side = visible(section(&r.body, "<ul class=\"doc-events\">", "</ul>"));
        if let Some(k) = &own.killed {
            assert!(side.contains(&format!("killed {}", words::quantity(k))), "{side}");
        }
        if ev.killed != own.killed {
            assert!(!side.contains(&format!("killed {}", want(&ev.killed))), "{side}");
        }
    }
}

#[tokio::test]
async fn casualty_figures_do_not_depend_on_ingest_order() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    // The same documents stored in the opposite order.
    let db = dir.path().join("reversed.db");
    let mut store = Store::open(&db).unwrap();
    let paths = vec![common::root().join("examples/articles"), common::fixture("hostile.jsonl")];
    let mut docs: Vec<_> =
        read_inputs(&paths, &Overrides::default()).map(|d| annotate(d.unwrap())).collect();
    docs.reverse();
    for d in &docs {
        store.insert_batch(std::slice::from_ref(d)).unwrap();
    }
    drop(store);
    let rev = AppState::open(&db, TOKEN).unwrap();
    let a = get(&st, "/events").await;
    let b = get(&rev, "/events").await;
    let table = |body: &str| section(body, "<table class=\"events list\">", "</table>").to_string();
    assert_eq!(table(&a.body), table(&b.body));
    assert!(table(&a.body).matches("<tr").count() > 10);
}

#[tokio::test]
async fn disagreeing_figures_get_a_badge_that_links_to_the_event_page() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let first = upload(&st, "toll-first.txt").await;
    let revised = upload(&st, "toll-revised.txt").await;
    let s = st.snapshot();
    let v = (0..s.rec.events.len())
        .find(|&v| {
            let docs: Vec<&str> =
                s.rec.events[v].reports.iter().map(|r| s.docs[r.0].doc.id.as_str()).collect();
            docs.contains(&first.as_str()) && docs.contains(&revised.as_str())
        })
        .expect("the two reports are one event");
    let ev = &s.rec.events[v];
    assert!(!ev.casualties_compatible, "40 killed, then 12: the figures disagree");
    let href = format!("/events/{}#figures", seg(&ev.id));
    let list = get(&st, "/events").await;
    let row = row_of(&list.body, &ev.id);
    assert!(row.contains(&format!("href=\"{href}\"")) && row.contains("casualty figures disagree"));
    // The killed cell spans every report's figure, lowest to highest.
    let lows: Vec<f64> =
        ev.reports.iter().filter_map(|&(d, e)| s.docs[d].events[e].killed?.low).collect();
    let (lo, hi) = lows.iter().fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    assert!(visible(row).contains(&format!("{} to {}", lo as i64, hi as i64)), "{}", visible(row));

    let page = get(&st, &href).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("id=\"figures\"") && body.contains("casualty figures disagree"));
    for &(d, e) in &ev.reports {
        let sp = s.docs[d].events[e].spans[0];
        let quote = words::clean_text(sp.slice(&s.docs[d].doc.text));
        let words40: String = quote.chars().take(40).collect();
        assert!(
            body.contains(&dossier_server::html::esc(&words40).to_string()),
            "the quote of report {d}"
        );
    }

    // The revised report has no outlet: one label names it everywhere.
    let d = s.doc(&revised).unwrap();
    let label = &s.labels[d];
    assert!(s.docs[d].doc.source.is_none());
    assert!(!label.is_empty() && !label.contains(&revised[..8]), "{label}");
    let mut seen = 0;
    for p in pages_naming_documents(&st) {
        let r = get(&st, &p).await;
        for bad in ["unknown outlet", "unnamed outlet", &format!("document {}", &revised[..8])] {
            assert!(!r.body.contains(bad), "{p} names a document as {bad:?}");
        }
        if r.body.contains(&*dossier_server::html::esc(label).to_string())
            || r.body.contains(label.as_str())
        {
            seen += 1;
        }
    }
    assert!(seen >= 3, "the label is used on the document, event and list pages ({seen})");
}

#[tokio::test]
async fn event_page_shows_kind_date_place_perpetrators_figures_reports_and_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    let v = (0..s.rec.events.len())
        .find(|&v| {
            let ev = &s.rec.events[v];
            ev.reports.len() > 1 && !ev.perpetrators.is_empty() && s.event_geo[v].country.is_some()
        })
        .expect("a merged event with a perpetrator and a country");
    let ev = &s.rec.events[v];
    let r = get(&st, &format!("/events/{}", seg(&ev.id))).await;
    assert_eq!(r.status, StatusCode::OK);
    let text = visible(&r.body);
    assert!(text.contains(&words::event_kind(ev.kind)), "kind");
    assert!(text.contains(&words::interval(ev.when.as_ref().unwrap())), "date in words");
    let country = s.event_geo[v].country.as_deref().unwrap();
    assert!(r.body.contains(&format!("href=\"/events?country={country}\"")), "place hierarchy");
    for &p in &ev.perpetrators {
        assert!(r.body.contains(&format!("href=\"/entity/{}\"", seg(&s.rec.entities[p].id))));
    }
    for (name, q) in [("Killed", &ev.killed), ("Wounded", &ev.wounded)] {
        if let Some(q) = q {
            assert!(text.contains(&format!("{name} {}", words::quantity(q))), "{name}");
        }
    }
    for &(d, _) in &ev.reports {
        assert!(r.body.contains(&format!("/doc/{}?s=", s.docs[d].doc.id)), "report {d}");
    }
    assert!(text.contains("Why these reports are one event"));
    assert!(!ev.merge_reasons.is_empty());
    let j = get(&st, &format!("/api/v1/events/{}", seg(&ev.id))).await.json();
    assert_eq!(j["id"], ev.id.as_str());
    assert_eq!(j["country"], country);
    assert_eq!(get(&st, "/events/event:nope").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&st, "/api/v1/events/event:nope").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn events_list_filters_by_get_parameters_and_links_to_its_filters() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    let ids_in = |body: &str| -> Vec<usize> {
        let table = section(body, "<table class=\"events list\">", "</table>");
        (0..s.rec.events.len())
            .filter(|&v| table.contains(&format!("href=\"/events/{}\"", seg(&s.rec.events[v].id))))
            .collect()
    };
    let all = get(&st, "/events").await;
    assert_eq!(ids_in(&all.body).len(), s.rec.events.len().min(50));
    assert!(all.body.contains("Totals per month"));

    // By country: exactly the events placed there.
    let country = s.event_geo.iter().find_map(|g| g.country.clone()).unwrap();
    assert!(all.body.contains(&format!("href=\"/events?country={country}\"")), "countries link");
    let r = get(&st, &format!("/events?country={country}")).await;
    let want: Vec<usize> = (0..s.rec.events.len())
        .filter(|&v| s.event_geo[v].country.as_deref() == Some(country.as_str()))
        .collect();
    let mut got = ids_in(&r.body);
    got.sort_unstable();
    assert_eq!(got, want);

    // By group, kind, date range and toll.
    let g = s.rec.events.iter().find_map(|e| e.perpetrators.first().copied()).unwrap();
    let gid = &s.rec.entities[g].id;
    assert!(all.body.contains(&format!("href=\"/events?group={}\"", dossier_server::html::q(gid))));
    let r = get(&st, &format!("/events?group={}", dossier_server::html::q(gid))).await;
    let got = ids_in(&r.body);
    assert!(!got.is_empty());
    assert!(got.iter().all(|&v| s.rec.events[v].perpetrators.contains(&g)));
    let kind = s.rec.events[got[0]].kind.as_str();
    assert!(all.body.contains(&format!("href=\"/events?kind={kind}\"")), "kinds link");
    let r = get(&st, &format!("/events?kind={kind}&group={}", dossier_server::html::q(gid))).await;
    assert!(ids_in(&r.body).iter().all(|&v| s.rec.events[v].kind.as_str() == kind));
    let r = get(&st, "/events?from=2022-01-01&to=2022-12-31").await;
    let got = ids_in(&r.body);
    assert!(!got.is_empty());
    for &v in &got {
        let w = s.rec.events[v].when.as_ref().unwrap();
        assert!(w.start.unwrap().format("%Y").to_string() == "2022", "{:?}", w);
    }
    let r = get(&st, "/events?min_killed=100").await;
    let got = ids_in(&r.body);
    assert!(!got.is_empty());
    assert!(got.iter().all(|&v| s.rec.events[v].fatalities_lowest.unwrap_or(0.0) >= 100.0));
    // Latest first.
    let dates: Vec<_> = ids_in(&all.body);
    let table = section(&all.body, "<table class=\"events list\">", "</table>");
    let mut at: Vec<(usize, chrono::NaiveDate)> = dates
        .iter()
        .filter_map(|&v| {
            let d = s.rec.events[v].when.as_ref()?.start?;
            Some((table.find(&format!("/events/{}\"", seg(&s.rec.events[v].id)))?, d))
        })
        .collect();
    at.sort();
    assert!(at.windows(2).all(|w| w[0].1 >= w[1].1), "sorted by date, latest first");
    // The filters in force show in the form and the API honours them.
    assert!(r.body.contains(
        "name=\"min_killed\" type=\"number\" min=\"0\" step=\"1\" size=\"5\" value=\"100\""
    ));
    let j = get(&st, "/api/v1/events?min_killed=100&limit=1000").await.json();
    assert_eq!(j["total"].as_u64().unwrap() as usize, got.len());
    assert_eq!(get(&st, "/events?from=yesterday").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(get(&st, "/api/v1/events?min_killed=many").await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn pages_write_stored_forms_as_words() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let raw: Vec<&str> =
        Predicate::ALL.iter().map(|p| p.as_str()).filter(|p| p.contains('_')).collect();
    assert!(raw.contains(&"first_active") && raw.contains(&"claimed_responsibility"));
    let interval = regex_lite(r"\d{4}-\d{2}-\d{2}\.\.|\.\.\d{4}-\d{2}-\d{2}");
    let mut pages: Vec<String> =
        pages_naming_documents(&st).into_iter().filter(|p| !p.starts_with("/api/")).collect();
    {
        let s = st.snapshot();
        pages.push("/graph".into());
        pages.push("/map".into());
        pages.push("/ingest".into());
        for (e, en) in s.rec.entities.iter().enumerate() {
            if !s.entity_claims[e].is_empty() {
                pages.push(format!("/entity/{}/graph", seg(&en.id)));
            }
        }
    }
    for p in pages {
        let r = get(&st, &p).await;
        let text = visible(&r.body);
        for w in &raw {
            assert!(!text.contains(w), "{p} shows the predicate name {w}");
        }
        assert!(!text.contains(" 1 claims") && !text.contains("(1 claims"), "{p}: 1 claims");
        assert!(!interval(&text), "{p} shows interval notation");
        assert!(!text.contains("##"), "{p} shows Markdown heading marks");
    }
}

/// A matcher for the two interval forms (no regex crate in this workspace's
/// server tests): "2014-01-01..2014-12-31" and "..2004-12-31".
fn regex_lite(_: &str) -> impl Fn(&str) -> bool {
    |t: &str| {
        t.match_indices("..").any(|(i, _)| {
            let date = |s: &str| {
                s.len() >= 10
                    && s.as_bytes()[4] == b'-'
                    && s.as_bytes()[7] == b'-'
                    && s[..4].bytes().all(|b| b.is_ascii_digit())
            };
            date(&t[i + 2..]) || (i >= 10 && date(&t[i - 10..i]))
        })
    }
}

#[tokio::test]
async fn leaders_are_ordered_by_tenure_and_plotted_at_it() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    let e = s.entity("group:islamic-state-khorasan").unwrap();
    let r = get(&st, "/entity/group:islamic-state-khorasan").await;
    let leader = visible(section(&r.body, "id=\"p-leader\"", "</p>"));
    // The texts date these tenures: killed in 2016, killed in 2017,
    // captured in April 2020, took over in 2020.
    let order = ["Hafiz Saeed Khan", "Abdul Hasib Logari", "Aslam Farooqi", "Sanaullah Ghafari"];
    let at: Vec<usize> =
        order.iter().map(|n| leader.find(n).unwrap_or_else(|| panic!("{n} in {leader}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "in order of tenure: {leader}");
    let f = get(&st, "/findings?verdict=changed_over_time").await;
    let line = visible(&f.body);
    let i = line.find("leaders of Islamic State Khorasan Province").expect("leader summary");
    let line = &line[i..];
    let at: Vec<usize> = order.iter().map(|n| line.find(n).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{line}");

    // The timeline puts a former leader at the end of the tenure, not at
    // the article's date, and draws no bar across the axis for an open end.
    let t = get(&st, "/entity/group:islamic-state-khorasan/timeline").await;
    let hafiz = t
        .body
        .split("<title>")
        .find(|x| x.starts_with("Leader: Hafiz Saeed Khan"))
        .expect("Hafiz Saeed Khan on the timeline");
    assert!(hafiz.contains("until July 2016"), "{}", &hafiz[..hafiz.len().min(200)]);
    for tip in t.body.split("<title>").skip(1) {
        let tip = &tip[..tip.find("</title>").unwrap()];
        if tip.starts_with("Leader:") && tip.contains("as of publication") {
            let name = tip.trim_start_matches("Leader: ").split(" (").next().unwrap();
            let former = s.entity_claims[e].iter().any(|&c| {
                let cc = &s.rec.claims[c];
                let cl = &s.docs[cc.doc].claims[cc.idx];
                cl.status.as_deref() == Some("former") && words::value(&s, c) == name
            });
            assert!(!former, "former leader {name} placed at an article's date");
        }
    }
    let svg = section(&t.body, "<svg", "</svg>");
    let mut open = 0;
    for item in svg.split("<a class=\"tl").skip(1) {
        let tip = &item[item.find("<title>").unwrap() + 7..item.find("</title>").unwrap()];
        if tip.contains("(until ") {
            open += 1;
            assert!(item.contains("class=\"stub\""), "{tip}: an open start is a stub");
            for w in item.split("width=\"").skip(1) {
                let w: f64 = w.split('"').next().unwrap().parse().unwrap();
                assert!(w <= 40.0, "{tip}: a bar of {w} px for a time known on one side");
            }
        }
    }
    assert!(open >= 3, "former leaders dated by the end of their tenure ({open})");
    assert!(svg.contains("class=\"stub\""), "open ends drawn as stubs");
}

/// The API's finding summaries (core's, also `dossier profile`'s) list
/// leaders in the order of tenure the web page uses.
#[tokio::test]
async fn api_leader_summaries_follow_tenure() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let r =
        get(&st, "/api/v1/findings?subject=group%3Aislamic-state-khorasan&predicate=leader").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let j = r.json();
    let summary = j["items"][0]["summary"].as_str().unwrap().to_string();
    let order = ["Hafiz Saeed Khan", "Abdul Hasib Logari", "Aslam Farooqi", "Sanaullah Ghafari"];
    let at: Vec<usize> = order.iter().filter_map(|n| summary.find(n)).collect();
    assert!(at.len() >= 3, "most leaders named: {summary}");
    assert!(at.windows(2).all(|w| w[0] < w[1]), "in order of tenure: {summary}");
}

#[tokio::test]
async fn group_page_has_a_table_of_contents_whose_anchors_exist() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    let e = (0..s.rec.entities.len())
        .filter(|&e| s.rec.entities[e].kind == dossier_core::EntityKind::Group)
        .max_by_key(|&e| s.entity_claims[e].len())
        .unwrap();
    let r = get(&st, &format!("/entity/{}", seg(&s.rec.entities[e].id))).await;
    let toc = section(&r.body, "<nav class=\"toc onpage\"", "</nav>");
    let anchors: Vec<&str> =
        toc.split("href=\"#").skip(1).map(|x| &x[..x.find('"').unwrap()]).collect();
    assert!(anchors.contains(&"events") && anchors.contains(&"claims"), "{anchors:?}");
    for a in anchors {
        assert!(r.body.contains(&format!("id=\"{a}\"")), "#{a} has a target");
    }
    let events = visible(section(toc, "href=\"#events\"", "</a>"));
    assert!(events.contains(&format!("({})", s.entity_events[e].len())), "{events}");
}

#[tokio::test]
async fn pages_have_an_icon_a_dark_scheme_and_a_print_style() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let home = get(&st, "/").await;
    assert!(home.body.contains("<link rel=\"icon\" href=\"/assets/favicon.svg\""));
    for p in ["/assets/favicon.svg", "/favicon.ico"] {
        let r = get(&st, p).await;
        assert_eq!(r.status, StatusCode::OK, "{p}");
        assert_eq!(r.headers["content-type"], "image/svg+xml", "{p}");
        assert!(r.body.starts_with("<svg") && r.body.trim_end().ends_with("</svg>"));
    }
    let css = get(&st, "/assets/style.css").await.body;
    let dark = section(&css, "@media (prefers-color-scheme: dark)", "\n}\n");
    for var in ["--fg", "--bg", "--panel", "--claim"] {
        assert!(dark.contains(&format!("{var}:")), "dark mode sets {var}");
    }
    let print = section(&css, "@media print", "\n}\n");
    assert!(print.contains("header.top") && print.contains("display: none"), "{print}");
}

#[tokio::test]
async fn group_page_opens_with_its_key_facts_and_their_sources() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    let e = s.entity("group:islamic-state-khorasan").unwrap();
    let r = get(&st, "/entity/group:islamic-state-khorasan").await;
    let facts = section(&r.body, "<section class=\"factbox\"", "</section>");
    let text = visible(facts);
    // The current leader by the latest report that names one.
    let latest = s.entity_claims[e]
        .iter()
        .copied()
        .filter(|&c| {
            let cc = &s.rec.claims[c];
            let cl = &s.docs[cc.doc].claims[cc.idx];
            cl.predicate == Predicate::Leader && cl.status.as_deref() == Some("current")
        })
        .max_by_key(|&c| s.docs[s.rec.claims[c].doc].doc.published)
        .unwrap();
    assert!(text.contains(&format!("Leader {}", words::value(&s, latest))), "{text}");
    assert!(facts.contains(&format!("?hl={}#c", s.rec.claims[latest].idx)), "cited");
    let strengths: Vec<String> = s.entity_claims[e]
        .iter()
        .filter(|&&c| {
            let cc = &s.rec.claims[c];
            s.docs[cc.doc].claims[cc.idx].predicate == Predicate::Strength
        })
        .map(|&c| words::value(&s, c))
        .collect();
    assert!(strengths.iter().any(|v| text.contains(&format!("Strength {v}"))), "{text}");
    let done = s.rec.events.iter().filter(|ev| ev.perpetrators.contains(&e)).count();
    assert!(facts.contains("href=\"/events?group=group%3Aislamic-state-khorasan\""), "{facts}");
    assert!(text.contains(&words::plural(done, "event")), "{text}");
    assert!(text.contains("Founded") && text.contains("Based in"));
}

#[tokio::test]
async fn documents_can_be_narrowed_to_those_with_claims_or_events() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let unrelated = upload(&st, "unrelated.txt").await;
    let s = st.snapshot();
    let d = s.doc(&unrelated).unwrap();
    assert!(s.doc_claims[d].is_empty() && s.doc_events[d].is_empty(), "nothing to extract");
    let all = get(&st, "/documents").await;
    assert!(all.body.contains(&format!("/doc/{unrelated}\"")));
    let r = get(&st, "/documents?relevant=1").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains(&format!("/doc/{unrelated}\"")), "left out");
    let listed: Vec<usize> = (0..s.docs.len())
        .filter(|&x| r.body.contains(&format!("href=\"/doc/{}\"", s.docs[x].doc.id)))
        .collect();
    let with: Vec<usize> = (0..s.docs.len())
        .filter(|&x| !s.doc_claims[x].is_empty() || !s.doc_events[x].is_empty())
        .collect();
    assert_eq!(listed, with);
    let j = get(&st, "/api/v1/documents?relevant=1&limit=1000").await.json();
    assert_eq!(j["total"].as_u64().unwrap() as usize, with.len());
    assert!(j["items"].as_array().unwrap().iter().all(|x| x["id"] != unrelated.as_str()));
}

#[tokio::test]
async fn exports_honour_the_filters_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    let country = s.event_geo.iter().find_map(|g| g.country.clone()).unwrap();
    let want: Vec<&str> = (0..s.rec.events.len())
        .filter(|&v| s.event_geo[v].country.as_deref() == Some(country.as_str()))
        .map(|v| s.rec.events[v].id.as_str())
        .collect();
    assert!(!want.is_empty() && want.len() < s.rec.events.len());
    let page = get(&st, &format!("/events?country={country}")).await;
    for name in ["events.csv", "events-acled.csv", "events.jsonl"] {
        let href = format!("href=\"/export/{name}?country={country}\"");
        assert!(page.body.contains(&href), "{href} on the filtered list");
    }
    let j = get(&st, &format!("/export/events.jsonl?country={country}")).await;
    assert_eq!(j.status, StatusCode::OK);
    assert_eq!(j.headers["content-type"], "application/x-ndjson");
    assert!(j.headers["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let mut ids: Vec<String> = j
        .body
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    ids.sort();
    let mut w: Vec<String> = want.iter().map(|x| x.to_string()).collect();
    w.sort();
    assert_eq!(ids, w);
    for name in ["events.csv", "events-acled.csv"] {
        let all = get(&st, &format!("/export/{name}")).await;
        assert_eq!(all.status, StatusCode::OK, "{name}");
        assert!(all.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
        let some = get(&st, &format!("/export/{name}?country={country}")).await;
        let header = all.body.lines().next().unwrap();
        assert!(some.body.starts_with(header), "{name} keeps its header");
        // Data rows: quoted line breaks aside, one record per event.
        let records = |t: &str| {
            let mut n = 0;
            let mut quoted = false;
            for c in t.chars() {
                match c {
                    '"' => quoted = !quoted,
                    '\n' if !quoted => n += 1,
                    _ => {}
                }
            }
            n - 1
        };
        assert_eq!(records(&all.body), s.rec.events.len(), "{name}");
        assert_eq!(records(&some.body), want.len(), "{name}");
        if name == "events.csv" {
            for id in &want {
                assert!(some.body.contains(id), "{id} in {name}");
            }
        }
    }
    assert_eq!(get(&st, "/export/events.xlsx").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&st, "/export/events.csv?from=soon").await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn search_finds_a_group_by_any_of_its_names_and_words_by_their_forms() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    let e = s.entity("group:al-shabaab").unwrap();
    let about: Vec<&str> = (0..s.docs.len())
        .filter(|&d| {
            s.docs[d]
                .mentions
                .iter()
                .any(|m| m.entity.and_then(|l| s.rec.local[d].get(l)) == Some(&e))
        })
        .map(|d| s.docs[d].doc.id.as_str())
        .collect();
    assert!(about.len() >= 3, "the examples hold several al-Shabaab reports");
    // A spelling no document uses for the group's canonical name.
    let j = get(&st, "/api/v1/search?q=Shabab").await.json();
    let found: Vec<&str> =
        j["documents"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap()).collect();
    for id in &about {
        assert!(found.contains(id), "{id} is about al-Shabaab: {found:?}");
    }
    let page = get(&st, "/search?q=Shabab").await;
    for id in &about {
        assert!(page.body.contains(&format!("/doc/{id}\"")), "{id} on the search page");
    }
    // Word forms: "attack" and "attacked" find the same documents.
    let ids = |q: &'static str| {
        let st = st.clone();
        async move {
            let j = get(&st, &format!("/api/v1/search?q={q}&limit=1000")).await.json();
            let mut v: Vec<String> = j["documents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["id"].as_str().unwrap().to_string())
                .collect();
            v.sort();
            v
        }
    };
    let (a, b, c) = (ids("attack").await, ids("attacks").await, ids("attacked").await);
    assert!(!a.is_empty());
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[tokio::test]
async fn search_results_narrow_by_facets() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    upload(&st, "unrelated.txt").await;
    let s = st.snapshot();
    let r = get(&st, "/search?q=said").await;
    let facets = section(&r.body, "<nav class=\"facets\"", "</nav>");
    let listed = |body: &str| -> Vec<usize> {
        let hits = section(body, "<ul class=\"hits\">", "</ul>");
        (0..s.docs.len())
            .filter(|&d| hits.contains(&format!("href=\"/doc/{}\"", s.docs[d].doc.id)))
            .collect()
    };
    let all = listed(&r.body);
    assert!(all.len() >= 5, "{all:?}");
    // One outlet.
    let d0 = all[0];
    let label = &s.labels[d0];
    let href = format!("/search?q=said&amp;outlet={}", dossier_server::html::q(label));
    assert!(facets.contains(&format!("href=\"{href}\"")), "{facets}");
    let one = get(&st, &href.replace("&amp;", "&")).await;
    let got = listed(&one.body);
    assert!(got.contains(&d0));
    assert!(got.iter().all(|&d| &s.labels[d] == label), "{got:?}");
    // One year.
    let y = chrono::Datelike::year(&s.docs[d0].doc.published.unwrap()).to_string();
    let got = listed(&get(&st, &format!("/search?q=said&year={y}")).await.body);
    assert!(!got.is_empty());
    assert!(got.iter().all(|&d| s.docs[d]
        .doc
        .published
        .map(|p| chrono::Datelike::year(&p).to_string())
        == Some(y.clone())));
    // Only documents with claims or events.
    let got = listed(&get(&st, "/search?q=said&claims=1").await.body);
    assert!(got.iter().all(|&d| !s.doc_claims[d].is_empty() || !s.doc_events[d].is_empty()));
    let unrelated = (0..s.docs.len()).find(|&d| s.labels[d] == "Business Desk").unwrap();
    let plain = listed(&get(&st, "/search?q=workers").await.body);
    assert!(plain.contains(&unrelated), "{plain:?}");
    assert!(!listed(&get(&st, "/search?q=workers&claims=1").await.body).contains(&unrelated));
    // Entity kinds.
    let r = get(&st, "/search?q=islamic&kind=group").await;
    let ents = section(&r.body, "<ul class=\"entities\">", "</ul>");
    assert!(ents.contains("k-group") && !ents.contains("k-person") && !ents.contains("k-place"));
}

#[tokio::test]
async fn merges_splits_and_removals_have_forms_and_a_decisions_page() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let (a, b, doc) = {
        let s = st.snapshot();
        let groups: Vec<usize> = (0..s.rec.entities.len())
            .filter(|&e| s.rec.entities[e].kind == dossier_core::EntityKind::Group)
            .collect();
        (
            s.rec.entities[groups[0]].id.clone(),
            s.rec.entities[groups[1]].id.clone(),
            s.docs[0].doc.id.clone(),
        )
    };
    let page = get(&st, &format!("/entity/{}", seg(&a))).await;
    for needle in ["id=\"merge\"", "data-url=\"/api/v1/decisions\"", "name=\"token\""] {
        assert!(page.body.contains(needle), "{needle} on the entity page");
    }
    let d = get(&st, &format!("/doc/{doc}")).await;
    assert!(d
        .body
        .contains(&format!("data-method=\"DELETE\" data-url=\"/api/v1/documents/{doc}\"")));
    let empty = get(&st, "/decisions").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(visible(&empty.body).contains("No decision yet"));
    let body = serde_json::json!({"kind": "merge", "a": a, "b": b}).to_string().into_bytes();
    let r = call(&st, Method::POST, "/api/v1/decisions", Some(TOKEN), body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let list = get(&st, "/decisions").await;
    let row = section(&list.body, &format!("<tr id=\"d{id}\">"), "</tr>");
    let text = visible(row);
    assert!(text.contains("merge"), "{text}");
    assert!(row.contains("/entity/") && text.contains("applied"), "{text}");
}

/// The "HTML report" exports: a self-contained printable page of the events
/// or claims a filtered list shows, and a group's whole dossier.
#[tokio::test]
async fn html_reports_honour_the_filters_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    let country = s.event_geo.iter().find_map(|g| g.country.clone()).unwrap();
    let want = (0..s.rec.events.len())
        .filter(|&v| s.event_geo[v].country.as_deref() == Some(country.as_str()))
        .count();
    assert!(want > 0 && want < s.rec.events.len());
    let self_contained = |html: &str| {
        assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
        assert!(html.contains("<style>"), "styles inline");
        for bad in ["<script", "<link", " src=", "<iframe"] {
            assert!(!html.contains(bad), "self-contained: {bad}");
        }
    };
    let page = get(&st, &format!("/events?country={country}")).await;
    let href = format!("href=\"/export/events.html?country={country}\"");
    assert!(page.body.contains(&href), "{href} on the filtered list");
    let r = get(&st, &format!("/export/events.html?country={country}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "text/html; charset=utf-8");
    assert!(r.headers["content-disposition"].to_str().unwrap().contains("dossier-events.html"));
    self_contained(&r.body);
    assert_eq!(r.body.matches("<h3>").count(), want, "one section per event shown");
    assert!(r.body.contains(&format!("filtered by country: {country}")));
    assert!(r.body.contains("<blockquote>"), "each report quoted");
    let all = get(&st, "/export/events.html").await;
    assert_eq!(all.body.matches("<h3>").count(), s.rec.events.len());
    assert!(all.body.contains("no filter"));

    // Claims: the claims list's filters.
    let (subject, n_claims) = {
        let e = (0..s.rec.entities.len()).max_by_key(|&e| s.entity_claims[e].len()).unwrap();
        (s.rec.entities[e].id.clone(), s.entity_claims[e].len())
    };
    let list = get(&st, &format!("/claims?subject={}", seg(&subject))).await;
    assert!(list.body.contains("/export/claims.html?subject="), "the claims list offers it");
    let r = get(&st, &format!("/export/claims.html?subject={}", seg(&subject))).await;
    assert_eq!(r.status, StatusCode::OK);
    self_contained(&r.body);
    let rows = r.body.matches("<tr><td>").count();
    assert_eq!(rows, n_claims, "one row per claim of the subject");

    // The group page's whole report.
    let group = s
        .rec
        .entities
        .iter()
        .filter(|e| e.kind == dossier_core::EntityKind::Group)
        .max_by_key(|e| s.entity_claims[s.entity(&e.id).unwrap()].len())
        .unwrap();
    let q = seg(&group.id);
    let entity = get(&st, &format!("/entity/{q}")).await;
    assert!(entity.body.contains("href=\"/export/report.html?entity=group%3A"), "a link to it");
    assert!(entity.body.contains("/export/events.html?entity="), "its events' report");
    let r = get(&st, &format!("/export/report.html?entity={q}")).await;
    assert_eq!(r.status, StatusCode::OK);
    self_contained(&r.body);
    assert!(r.body.contains("Where sources disagree") && r.body.contains("<svg"));
    assert!(visible(&r.body).contains(&group.name));
    assert_eq!(get(&st, "/export/report.html").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(get(&st, "/export/report.html?entity=nope").await.status, StatusCode::NOT_FOUND);
}

/// A merge made by a named person, then undone by another: the decisions
/// page keeps both (who, when), the merge stops applying, a second undo is
/// refused, and undoing needs the token.
#[tokio::test]
async fn a_merge_is_undone_with_who_and_when_and_stops_applying() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let (a, b, before) = {
        let s = st.snapshot();
        let groups: Vec<usize> = (0..s.rec.entities.len())
            .filter(|&e| s.rec.entities[e].kind == dossier_core::EntityKind::Group)
            .collect();
        (
            s.rec.entities[groups[0]].id.clone(),
            s.rec.entities[groups[1]].id.clone(),
            s.rec.entities.len(),
        )
    };
    let body =
        serde_json::json!({"kind": "merge", "a": a, "b": b, "who": "Ana Analyst"}).to_string();
    let r = call(&st, Method::POST, "/api/v1/decisions", Some(TOKEN), body.into_bytes()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    {
        let s = st.snapshot();
        assert_eq!(s.rec.entities.len(), before - 1, "the merge applies");
        assert!(s.entity(&b).is_err() || s.entity(&a).is_err(), "one id is gone");
    }
    // The absorbed id is named, with the entity that now carries it.
    let page = get(&st, "/decisions").await;
    let row = visible(section(&page.body, &format!("<tr id=\"d{id}\">"), "</tr>"));
    assert!(row.contains("now part of"), "{row}");
    let undo = format!("/api/v1/decisions/{id}/undo");
    // No token, no undo.
    let r = call(&st, Method::POST, &undo, None, Vec::new()).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = call(&st, Method::POST, "/api/v1/decisions/x/undo", Some(TOKEN), Vec::new()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r = call(&st, Method::POST, "/api/v1/decisions/999/undo", Some(TOKEN), Vec::new()).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let by = serde_json::json!({"who": "Bo Reviewer"}).to_string().into_bytes();
    let r = call(&st, Method::POST, &undo, Some(TOKEN), by).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let j = r.json();
    assert_eq!(j["in_force"], false);
    assert_eq!(j["who"], "Ana Analyst");
    assert_eq!(j["undone_by"], "Bo Reviewer");
    assert!(j["undone_at"].as_str().is_some_and(|t| t.ends_with('Z')), "{j}");
    {
        let s = st.snapshot();
        assert_eq!(s.rec.entities.len(), before, "the undone merge no longer applies");
        assert!(s.entity(&a).is_ok() && s.entity(&b).is_ok());
    }
    // Twice is a conflict.
    let r = call(&st, Method::POST, &undo, Some(TOKEN), Vec::new()).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    // The audit trail: the API and the page list it with both names.
    let list = get(&st, "/api/v1/decisions").await.json();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["undone_by"], "Bo Reviewer");
    let page = get(&st, "/decisions").await;
    let row = section(&page.body, &format!("<tr id=\"d{id}\" class=\"undone\">"), "</tr>");
    let text = visible(row);
    assert!(text.contains("Ana Analyst") && text.contains("Bo Reviewer"), "{text}");
    assert!(text.contains("none: undone") && text.contains("undone 20"), "{text}");
    assert!(!row.contains("<form"), "no second undo form: {row}");
}

/// A decision still in force has an undo form behind the token and a
/// confirmation; the entity forms ask for a name to record.
#[tokio::test]
async fn decisions_in_force_offer_a_confirmed_undo_form() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let (a, b) = {
        let s = st.snapshot();
        let g: Vec<&str> = s
            .rec
            .entities
            .iter()
            .filter(|e| e.kind == dossier_core::EntityKind::Group)
            .map(|e| e.id.as_str())
            .take(2)
            .collect();
        (g[0].to_string(), g[1].to_string())
    };
    let entity = get(&st, &format!("/entity/{}", seg(&a))).await;
    assert!(entity.body.contains("name=\"who\""), "the merge form asks who decides");
    let body = serde_json::json!({"kind": "merge", "a": a, "b": b}).to_string().into_bytes();
    let r = call(&st, Method::POST, "/api/v1/decisions", Some(TOKEN), body).await;
    let id = r.json()["id"].as_i64().unwrap();
    let page = get(&st, "/decisions").await;
    let row = section(&page.body, &format!("<tr id=\"d{id}\">"), "</tr>");
    for needle in [
        format!("data-url=\"/api/v1/decisions/{id}/undo\""),
        "data-method=\"POST\"".to_string(),
        "data-confirm=\"Undo decision".to_string(),
        "name=\"token\"".to_string(),
        "name=\"who\"".to_string(),
    ] {
        assert!(row.contains(&needle), "{needle} in {row}");
    }
    assert!(visible(row).contains("not recorded"), "no name given: {row}");
}

/// An event known only to its province or country is on the map too, at
/// the gazetteer's point for that province or country.
#[tokio::test]
async fn events_placed_at_a_province_or_country_have_map_points() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    let lex = &*dossier_core::lexicon::LEXICON;
    let mut coarse = 0;
    for (v, ev) in s.rec.events.iter().enumerate() {
        let Some(p) = ev.place else { continue };
        let Some(entry) = s.rec.entities[p].catalog_id.as_deref().and_then(|c| lex.by_id(c)) else {
            continue;
        };
        if entry.id.starts_with("adm1:") || entry.id.starts_with("country:") {
            coarse += 1;
            assert_eq!(s.event_coords[v], entry.coords, "{} at {}", ev.id, entry.id);
            assert!(s.event_coords[v].is_some(), "{} at {} is on the map", ev.id, entry.id);
        }
    }
    assert!(coarse >= 1, "the examples place some event only at a province or country");
    // An event in a place the gazetteer does not locate stands at the
    // centre of its province, else of its country.
    for v in 0..s.rec.events.len() {
        let g = &s.event_geo[v];
        if g.country.is_some() && s.event_coords[v].is_none() {
            panic!(
                "{} is in {:?}/{:?} but not on the map",
                s.rec.events[v].id, g.country, g.admin1
            );
        }
        if let (Some(a), Some(at)) = (g.admin1.as_ref(), s.event_coords[v]) {
            let (la, lo) = lex.by_id(&format!("adm1:{a}")).and_then(|e| e.coords).unwrap_or(at);
            assert!((la - at.0).abs() < 3.0 && (lo - at.1).abs() < 3.0, "{a}: {at:?}");
        }
    }
}

#[tokio::test]
async fn map_draws_located_events_sized_by_deaths_and_links_them() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    let located: Vec<usize> =
        (0..s.rec.events.len()).filter(|&v| s.event_coords[v].is_some()).collect();
    assert!(located.len() >= 3, "the gazetteer locates several example events");
    let r = get(&st, "/map").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("class=\"land\""), "country outlines drawn");
    let marks: Vec<(&str, f64)> = r
        .body
        .split("<a class=\"mk\" href=\"")
        .skip(1)
        .map(|m| {
            let href = &m[..m.find('"').unwrap()];
            let rr = m.split(" r=\"").nth(1).unwrap();
            (href, rr[..rr.find('"').unwrap()].parse().unwrap())
        })
        .collect();
    assert_eq!(marks.len(), located.len());
    for &v in &located {
        let href = format!("/events/{}", seg(&s.rec.events[v].id));
        assert!(marks.iter().any(|m| m.0 == href), "{href} on the map");
    }
    // More deaths, a larger circle.
    let radius = |v: usize| {
        let href = format!("/events/{}", seg(&s.rec.events[v].id));
        marks.iter().find(|m| m.0 == href).unwrap().1
    };
    let most = *located
        .iter()
        .max_by(|&&a, &&b| {
            s.rec.events[a]
                .fatalities_lowest
                .unwrap_or(0.0)
                .total_cmp(&s.rec.events[b].fatalities_lowest.unwrap_or(0.0))
        })
        .unwrap();
    let least = *located
        .iter()
        .min_by(|&&a, &&b| {
            s.rec.events[a]
                .fatalities_lowest
                .unwrap_or(0.0)
                .total_cmp(&s.rec.events[b].fatalities_lowest.unwrap_or(0.0))
        })
        .unwrap();
    assert!(radius(most) > radius(least));
    // The list's filters apply.
    let country = s.event_geo[located[0]].country.clone().unwrap();
    let r = get(&st, &format!("/map?country={country}")).await;
    let n = r.body.matches("<a class=\"mk\"").count();
    let want = located
        .iter()
        .filter(|&&v| s.event_geo[v].country.as_deref() == Some(country.as_str()))
        .count();
    assert_eq!(n, want);
    let list = get(&st, &format!("/events?country={country}")).await;
    assert!(
        list.body.contains(&format!("href=\"/map?country={country}\"")),
        "the list links its map"
    );
}

#[tokio::test]
async fn claims_export_honours_the_claims_filters() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let s = st.snapshot();
    let id = "group:islamic-state-khorasan";
    let e = s.entity(id).unwrap();
    let want: Vec<&str> = s.entity_claims[e]
        .iter()
        .filter(|&&c| {
            let cc = &s.rec.claims[c];
            s.docs[cc.doc].claims[cc.idx].predicate == Predicate::Leader
        })
        .map(|&c| s.rec.claims[c].id.as_str())
        .collect();
    assert!(want.len() >= 2);
    let q = dossier_server::html::q(id).to_string();
    let list = get(&st, &format!("/claims?subject={q}&predicate=leader")).await;
    let href = format!("href=\"/export/claims.jsonl?subject={q}&amp;predicate=leader\"");
    assert!(list.body.contains(&href), "the claims list links its export");
    let r = get(&st, &format!("/export/claims.jsonl?subject={q}&predicate=leader")).await;
    assert_eq!(r.status, StatusCode::OK);
    let got: Vec<String> = r
        .body
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(got, want);
    let page = get(&st, &format!("/entity/{}", seg(id))).await;
    assert!(page.body.contains(&format!("href=\"/export/claims.jsonl?subject={q}\"")));
}
