//! A real browser: headless Debian chromium driven through chromedriver.
//!
//! Skipped when chromium or chromedriver is not installed (unless
//! `DOSSIER_REQUIRE_BROWSER=1`, which `.ci/run` sets in CI, turns the skip
//! into a failure). A skipped test still counts as passed, so it says so on
//! the terminal next to its `ok` (see [`notice_skip`]). Screenshots go to
//! `target/screenshots/`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::common::{self, TOKEN};
use crate::webdriver::{which, Driver};

fn screenshots() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::root().join("target"));
    target.join("screenshots")
}

/// Starts the server on a free loopback port in a background thread.
fn spawn_server(state: dossier_server::AppState) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    listener.set_nonblocking(true).expect("nonblocking");
    let port = addr.port();
    let state =
        state.with_allowed_hosts(vec![format!("127.0.0.1:{port}"), format!("localhost:{port}")]);
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let l = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(l, dossier_server::app(state)).await.expect("serve");
        });
    });
    format!("http://{addr}")
}

/// Prints that the test is skipped where `cargo test` shows it. The test
/// harness captures `print!` and `eprint!` of passing tests (they would
/// show only with `--nocapture`), but not writes to the stderr handle
/// itself, so this line appears beside the test's `ok`.
fn notice_skip(reason: &str) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "NOTICE: the browser test did not run (it reports ok): {reason}; \
         DOSSIER_REQUIRE_BROWSER=1 makes this a failure"
    );
}

fn driver() -> Option<Driver> {
    let required = std::env::var("DOSSIER_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let chromedriver = which(&["chromedriver"]);
    let chromium = which(&["chromium", "chromium-browser", "google-chrome"]);
    let Some(cd) = chromedriver.filter(|_| chromium.is_some()) else {
        assert!(!required, "DOSSIER_REQUIRE_BROWSER=1 but chromium or chromedriver is not on PATH");
        notice_skip(
            "chromium and chromedriver not found (apt-get install chromium chromium-driver)",
        );
        return None;
    };
    match Driver::start(&cd, chromium.as_deref()) {
        Ok(d) => Some(d),
        Err(e) => {
            assert!(!required, "cannot start the browser: {e}");
            notice_skip(&format!("cannot start the browser: {e}"));
            None
        }
    }
}

/// Nothing from the article ran: no flag set, no alert, no foreign element.
fn assert_inert(d: &Driver, page: &str) {
    if let Some(t) = d.alert_text() {
        panic!("{page}: an alert opened: {t}");
    }
    let v = d
        .eval(
            "var els = document.querySelectorAll('*'); var on = 0;
             for (var i = 0; i < els.length; i++) { for (var j = 0; j < els[i].attributes.length; j++) {
               if (/^on/i.test(els[i].attributes[j].name)) on++; } }
             var js = 0; document.querySelectorAll('a[href]').forEach(function (a) {
               if (a.protocol === 'javascript:') js++; });
             var ours = Array.prototype.every.call(document.scripts, function (s) {
               return s.getAttribute('src') === '/assets/app.js'; });
             return {pwned: window.__pwned === undefined ? null : window.__pwned,
                     scripts: document.scripts.length, ours: ours, imgs: document.images.length,
                     iframes: document.querySelectorAll('iframe').length, on: on, js: js,
                     title: document.title};",
        )
        .unwrap_or_else(|e| panic!("{page}: script failed: {e}"));
    assert!(v["pwned"].is_null(), "{page}: injected code ran: {v}");
    assert_eq!(v["scripts"], 1, "{page}: {v}");
    assert_eq!(v["ours"], true, "{page}: {v}");
    assert_eq!(v["imgs"], 0, "{page}: {v}");
    assert_eq!(v["iframes"], 0, "{page}: {v}");
    assert_eq!(v["on"], 0, "{page}: event-handler attributes: {v}");
    assert_eq!(v["js"], 0, "{page}: javascript: links: {v}");
}

fn wait_url(d: &Driver, part: &str) -> String {
    let t = Instant::now();
    loop {
        let u = d.url().unwrap_or_default();
        if u.contains(part) || t.elapsed() > Duration::from_secs(10) {
            return u;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn browse_search_open_claim_and_stay_inert() {
    let Some(d) = driver() else { return };
    let dir = tempfile::tempdir().unwrap();
    let state = common::state(dir.path());
    let hostile = common::hostile_id(&state);
    let pages = {
        // Every page showing the hostile article, as the server test lists them.
        crate::security::hostile_pages(&state)
    };
    let group = {
        let s = state.snapshot();
        let e = (0..s.rec.entities.len())
            .filter(|&e| s.rec.entities[e].kind == dossier_core::EntityKind::Group)
            .max_by_key(|&e| s.entity_claims[e].len())
            .expect("a group");
        s.rec.entities[e].name.clone()
    };
    let base = spawn_server(state);
    let shots = screenshots();

    // Home -> search for a group -> its page.
    d.goto(&format!("{base}/")).unwrap();
    d.wait_for("form.bigsearch").unwrap();
    d.screenshot(&shots.join("01-home.png")).unwrap();
    let q = d.find("#q").unwrap();
    d.send_keys(&q, &group).unwrap();
    d.send_keys(&q, "\u{E007}").unwrap(); // Enter
    assert!(wait_url(&d, "/search?q=").contains("/search?q="));
    let first = d.wait_for("ul.entities a.ent").unwrap();
    assert_eq!(d.text(&first).unwrap(), group, "the group is the first entity hit");
    d.screenshot(&shots.join("02-search.png")).unwrap();
    d.click(&first).unwrap();
    assert!(wait_url(&d, "/entity/").contains("/entity/"));
    let h1 = d.wait_for("h1").unwrap();
    assert!(d.text(&h1).unwrap().contains(&group));
    d.screenshot(&shots.join("03-entity.png")).unwrap();

    // Click a claim's quote -> the document, scrolled to the highlighted quote.
    let quote = d.find("a.quote").unwrap();
    let quoted = d.text(&quote).unwrap();
    let quoted = quoted.trim_start_matches('“').trim_end_matches('”').to_string();
    d.click(&quote).unwrap();
    assert!(wait_url(&d, "/doc/").contains("#c"));
    d.wait_for("#text .focus").unwrap();
    let v = d
        .eval(
            "var f = document.querySelectorAll('#text .focus'); var t = '';
             f.forEach(function (e) { t += e.textContent; });
             var r = f[0].getBoundingClientRect();
             return {text: t, top: r.top, bottom: r.bottom, h: window.innerHeight,
                     bg: getComputedStyle(f[0]).backgroundColor};",
        )
        .unwrap();
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(norm(v["text"].as_str().unwrap()), norm(&quoted), "highlight is the quote: {v}");
    let (top, h) = (v["top"].as_f64().unwrap(), v["h"].as_f64().unwrap());
    assert!(top >= 0.0 && top < h, "the quote is scrolled into view: {v}");
    assert_ne!(v["bg"], "rgba(0, 0, 0, 0)", "the quote is highlighted: {v}");
    d.screenshot(&shots.join("04-document.png")).unwrap();

    // Keyboard: Tab from the top reaches the skip link first.
    d.goto(&format!("{base}/")).unwrap();
    d.wait_for("body").unwrap();
    let body = d.find("body").unwrap();
    d.send_keys(&body, "\u{E004}").unwrap(); // Tab
    let focused = d.eval("return document.activeElement.className").unwrap();
    assert!(focused.as_str().is_some(), "{focused}");

    // Views of the group for the record.
    let entity_url = {
        d.goto(&format!("{base}/search?q={}", dossier_server::html::q(&group))).unwrap();
        let a = d.wait_for("ul.entities a.ent").unwrap();
        format!("{base}{}", d.attr(&a, "href").unwrap().trim_start_matches(&base))
    };
    d.goto(&format!("{entity_url}/timeline")).unwrap();
    d.wait_for("figure.timeline svg").unwrap();
    d.screenshot(&shots.join("05-timeline.png")).unwrap();
    d.goto(&format!("{entity_url}/graph")).unwrap();
    let node = d.wait_for("#graph a.node:not(.center)").unwrap();
    d.screenshot(&shots.join("06-graph.png")).unwrap();
    let href = d.attr(&node, "href").unwrap();
    let dot = d.find("#graph a.node:not(.center) circle").unwrap();
    d.click(&dot).unwrap();
    assert!(wait_url(&d, "/graph").ends_with(&href), "a graph node leads to its graph");
    d.goto(&format!("{base}/findings?verdict=conflict")).unwrap();
    let cmp = d.wait_for("ul.findings a[href^='/compare/']").unwrap();
    d.click(&cmp).unwrap();
    d.wait_for(".side .card").unwrap();
    d.screenshot(&shots.join("07-compare.png")).unwrap();

    // Security: every page that shows the hostile article.
    for p in &pages {
        d.goto(&format!("{base}{p}")).unwrap();
        d.wait_for("footer").unwrap();
        assert_inert(&d, p);
    }
    d.goto(&format!("{base}/doc/{hostile}?hl=0#c0")).unwrap();
    d.wait_for("footer").unwrap();
    d.screenshot(&shots.join("08-hostile-document.png")).unwrap();
    let shown = d.eval("return document.getElementById('text').textContent").unwrap();
    assert!(
        shown.as_str().unwrap().contains("<script>window.__pwned=5"),
        "the markup shows as text"
    );

    // Ingest through the page: the token from the printed link, a file, its result.
    d.goto(&format!("{base}/ingest#token={TOKEN}")).unwrap();
    let files = d.wait_for("#files").unwrap();
    let upload = common::fixture("hostile-upload.txt");
    d.send_keys(&files, &upload.display().to_string()).unwrap();
    // The file waits with its own outlet field; the file input is cleared.
    let outlet = d.wait_for("#uploads .perfile input[name=source]").unwrap();
    let cleared = d.eval("return document.getElementById('files').value").unwrap();
    assert_eq!(cleared, "", "the file input is cleared once the file is queued");
    d.send_keys(&outlet, "Per File Desk").unwrap();
    let submit = d.find("#ingest button[type=submit]").unwrap();
    d.click(&submit).unwrap();
    let ok = d.wait_for("#uploads td span.ok").unwrap();
    assert!(d.text(&ok).unwrap().starts_with("1 stored"), "{}", d.text(&ok).unwrap());
    assert_inert(&d, "/ingest after upload");
    d.screenshot(&shots.join("09-ingest.png")).unwrap();
    let link = d.find("#uploads td ul a").unwrap();
    d.click(&link).unwrap();
    d.wait_for("#text").unwrap();
    assert_inert(&d, "uploaded document");
    let meta = d.text(&d.find("p.meta").unwrap()).unwrap();
    assert!(meta.starts_with("Per File Desk"), "the file's own outlet was used: {meta}");

    // A token in a link to the page already open (only the hash changes).
    d.goto(&format!("{base}/ingest")).unwrap();
    d.wait_for("#token").unwrap();
    d.eval("document.getElementById('token').value = ''; location.hash = 'token=from-hash-7'; return 1")
        .unwrap();
    let t = Instant::now();
    let mut got = serde_json::Value::Null;
    while t.elapsed() < Duration::from_secs(5) {
        got = d.eval("return document.getElementById('token').value").unwrap();
        if got == "from-hash-7" {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(got, "from-hash-7", "the token is read when only the hash changes");
    eprintln!("browser test: screenshots in {}", shots.display());
}

/// Issue 14: at 390 px no page is wider than the screen; at 1366 px the
/// document's events fit its sidebar; the event page and a filtered events
/// list work in the browser.
#[test]
fn phones_fit_and_events_have_pages() {
    let Some(d) = driver() else { return };
    let dir = tempfile::tempdir().unwrap();
    let state = common::state(dir.path());
    let (pages, event, doc, country) = {
        let s = state.snapshot();
        let v = (0..s.rec.events.len())
            .filter(|&v| s.event_geo[v].country.is_some())
            .max_by_key(|&v| s.rec.events[v].reports.len())
            .expect("an event with a country");
        let ev = &s.rec.events[v];
        let event = format!("/events/{}", dossier_server::html::seg(&ev.id));
        let doc = format!("/doc/{}", s.docs[ev.reports[0].0].doc.id);
        let country = s.event_geo[v].country.clone().unwrap();
        let group = s
            .rec
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == dossier_core::EntityKind::Group)
            .max_by_key(|&(i, _)| s.entity_claims[i].len())
            .map(|(_, e)| dossier_server::html::seg(&e.id).to_string())
            .unwrap();
        let f = s.rec.findings.iter().find(|f| f.verdict == dossier_core::Verdict::Conflict);
        let mut pages = vec![
            "/".to_string(),
            "/search?q=attack".into(),
            "/entities".into(),
            format!("/entity/{group}"),
            format!("/entity/{group}/timeline"),
            format!("/entity/{group}/graph"),
            "/documents".into(),
            "/claims".into(),
            "/findings?verdict=conflict".into(),
            "/events".into(),
            format!("/events?country={country}"),
            event.clone(),
            "/map".into(),
            "/decisions".into(),
            "/documents?relevant=1".into(),
            "/graph".into(),
            "/ingest".into(),
        ];
        if let Some(f) = f {
            let id = dossier_server::html::seg(&s.rec.entities[f.subject].id).to_string();
            pages.push(format!("/compare/{id}/{}", f.predicate.as_str()));
        }
        for a in &s.docs {
            pages.push(format!("/doc/{}", a.doc.id));
        }
        (pages, event, doc, country)
    };
    let base = spawn_server(state);
    let shots = screenshots();

    // A phone: nothing wider than the screen, on any page.
    d.set_window(390, 1400).unwrap();
    let width = d.eval("return window.innerWidth").unwrap().as_f64().unwrap();
    assert!(width <= 400.0, "the window is phone-sized: {width}");
    for p in &pages {
        d.goto(&format!("{base}{p}")).unwrap();
        d.wait_for("footer").unwrap();
        let v = d
            .eval(
                "var w = document.documentElement.clientWidth; var wide = [];
                 document.querySelectorAll('body *').forEach(function (e) {
                   var r = e.getBoundingClientRect();
                   if (r.right > w + 1 && !e.closest('.tablewrap') && r.width > 0) {
                     wide.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right)); } });
                 return {scroll: document.documentElement.scrollWidth, client: w,
                         wide: wide.slice(0, 5)};",
            )
            .unwrap();
        let (scroll, client) = (v["scroll"].as_f64().unwrap(), v["client"].as_f64().unwrap());
        assert!(scroll <= client + 1.0, "{p} scrolls sideways at 390 px: {v}");
    }
    d.goto(&format!("{base}{doc}")).unwrap();
    d.wait_for("#text").unwrap();
    d.screenshot(&shots.join("10-document-390.png")).unwrap();
    d.goto(&format!("{base}/events")).unwrap();
    d.wait_for("table.events").unwrap();
    d.screenshot(&shots.join("11-events-390.png")).unwrap();

    // A laptop: the document's events fit its sidebar.
    d.set_window(1366, 900).unwrap();
    d.goto(&format!("{base}{doc}")).unwrap();
    d.wait_for("ul.doc-events").unwrap();
    let v = d
        .eval(
            "var p = document.querySelector('.side-panel'); var r = p.getBoundingClientRect();
             var out = 0; p.querySelectorAll('*').forEach(function (e) {
               var q = e.getBoundingClientRect(); if (q.width > 0 && q.right > r.right + 1) out++; });
             return {scroll: p.scrollWidth, client: p.clientWidth, out: out};",
        )
        .unwrap();
    assert!(v["scroll"].as_f64() <= v["client"].as_f64().map(|c| c + 1.0), "{v}");
    assert_eq!(v["out"], 0, "nothing in the sidebar is clipped: {v}");
    d.eval("document.querySelector('ul.doc-events').scrollIntoView()").unwrap();
    d.screenshot(&shots.join("12-document-sidebar-1366.png")).unwrap();

    // The event page, reached from the events list.
    d.goto(&format!("{base}/events")).unwrap();
    let link = d.wait_for(&format!("table.events a[href='{event}']")).unwrap();
    d.click(&link).unwrap();
    assert!(wait_url(&d, "/events/").ends_with(&event));
    d.wait_for("#figures table.sources").unwrap();
    let h1 = d.text(&d.find("h1").unwrap()).unwrap();
    assert!(!h1.is_empty());
    d.screenshot(&shots.join("13-event.png")).unwrap();
    // Its country leads to the list filtered by it, through the form too.
    let c = d.find(&format!("dl.facts a[href='/events?country={country}']")).unwrap();
    d.click(&c).unwrap();
    assert!(wait_url(&d, "country=").contains(&format!("country={country}")));
    d.wait_for("table.events").unwrap();
    let shown = d
        .eval(
            "var c = []; document.querySelectorAll('table.events tbody tr').forEach(function (r) {
               var a = r.querySelector('a[href^=\"/events?country=\"]'); c.push(a ? a.getAttribute('href') : ''); });
             return c;",
        )
        .unwrap();
    let shown = shown.as_array().unwrap();
    assert!(!shown.is_empty());
    assert!(
        shown.iter().all(|h| h.as_str() == Some(&format!("/events?country={country}"))),
        "{shown:?}"
    );
    let sel = d.find("form.filters select[name=country]").unwrap();
    let chosen =
        d.eval("return document.querySelector('form.filters select[name=country]').value").unwrap();
    assert_eq!(chosen.as_str(), Some(country.as_str()), "the form shows the filter in force");
    let _ = sel;
    d.screenshot(&shots.join("14-events-filtered.png")).unwrap();
    // Its JSON Lines export holds the rows the list shows.
    let lines = d
        .eval(
            "var a = document.querySelector('p.exports a[href^=\"/export/events.jsonl\"]');
             var x = new XMLHttpRequest(); x.open('GET', a.getAttribute('href'), false); x.send();
             return x.responseText.trim().split('\\n').map(function (l) { return JSON.parse(l).id; });",
        )
        .unwrap();
    assert_eq!(lines.as_array().map(Vec::len), Some(shown.len()), "export = list: {lines}");
    // So does its HTML report: one section per event, nothing to fetch.
    let report = d
        .eval(
            "var a = document.querySelector('p.exports a[href^=\"/export/events.html\"]');
             var x = new XMLHttpRequest(); x.open('GET', a.getAttribute('href'), false); x.send();
             return {h3: x.responseText.split('<h3>').length - 1,
                     script: x.responseText.indexOf('<script') >= 0,
                     type: x.getResponseHeader('content-type')};",
        )
        .unwrap();
    assert_eq!(report["h3"].as_u64(), Some(shown.len() as u64), "report = list: {report}");
    assert_eq!(report["script"], false, "{report}");
    assert_eq!(report["type"], "text/html; charset=utf-8", "{report}");

    // The map: a circle opens its event.
    d.goto(&format!("{base}/map")).unwrap();
    // The last circle drawn is the smallest, on top of any it overlaps.
    let mk = d.wait_for("figure.map a.mk:last-of-type").unwrap();
    d.screenshot(&shots.join("16-map.png")).unwrap();
    let href = d.attr(&mk, "href").unwrap();
    let dot = d.find("figure.map a.mk:last-of-type circle").unwrap();
    d.click(&dot).unwrap();
    assert!(wait_url(&d, "/events/event").ends_with(href.trim_start_matches(&base)));
    d.wait_for("#figures").unwrap();

    assert_inert(&d, "/events filtered");
}

/// Issue 14: merge two groups through the entity page (confirm, the
/// decisions page lists it with who made it), then undo it there (confirm
/// again): the row stays, marked undone by whom, and both entities have
/// their own pages again.
#[test]
fn merge_then_undo_through_the_ui() {
    let Some(d) = driver() else { return };
    let dir = tempfile::tempdir().unwrap();
    let state = common::state(dir.path());
    let merge_into = {
        let s = state.snapshot();
        let g: Vec<&dossier_core::reconcile::CorpusEntity> = s
            .rec
            .entities
            .iter()
            .filter(|e| e.kind == dossier_core::EntityKind::Group)
            .take(2)
            .collect();
        (g[0].id.clone(), g[1].id.clone())
    };
    let base = spawn_server(state);
    let shots = screenshots();
    d.set_window(1366, 900).unwrap();
    let wait_alert = |d: &Driver| {
        let t = Instant::now();
        while d.alert_text().is_none() && t.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(100));
        }
        d.alert_text()
    };
    let (a, b) = &merge_into;
    d.goto(&format!("{base}/entity/{}", dossier_server::html::seg(a))).unwrap();
    d.wait_for("#curate").unwrap();
    d.eval("document.getElementById('curate').open = true; return 1").unwrap();
    let field = d.find("#merge-b").unwrap();
    d.send_keys(&field, b).unwrap();
    let tok = d.find("#merge-token").unwrap();
    d.send_keys(&tok, TOKEN).unwrap();
    d.send_keys(&d.find("#merge-who").unwrap(), "Ana Analyst").unwrap();
    d.click(&d.find("#merge button[type=submit]").unwrap()).unwrap();
    assert!(wait_alert(&d).is_some_and(|m| m.starts_with("Merge")), "asks first");
    d.accept_alert().unwrap();
    assert!(wait_url(&d, "/decisions").ends_with("/decisions"));
    let row = d.wait_for("table.decisions tbody tr").unwrap();
    let text = d.text(&row).unwrap();
    assert!(text.contains("merge") && text.contains("applied"), "{text}");
    assert!(text.contains("Ana Analyst"), "who merged: {text}");
    // While merged, one of the two ids has no page of its own.
    let gone = [a, b].iter().any(|id| {
        d.goto(&format!("{base}/entity/{}", dossier_server::html::seg(id))).unwrap();
        d.wait_for("footer").unwrap();
        let h1 = d.eval("return document.querySelector('h1').textContent").unwrap();
        h1.as_str().is_some_and(|t| t.starts_with("404"))
    });
    assert!(gone, "the merge applies");
    d.goto(&format!("{base}/decisions")).unwrap();
    d.wait_for("form.undo").unwrap();
    d.screenshot(&shots.join("15-decisions.png")).unwrap();

    // Undo it: the token and name are remembered for the tab.
    let who = d.eval("return document.querySelector('form.undo input.who').value").unwrap();
    assert_eq!(who.as_str(), Some("Ana Analyst"), "the name is remembered");
    d.eval("document.querySelector('form.undo input.who').value = 'Bo Reviewer'; return 1")
        .unwrap();
    d.click(&d.find("form.undo button[type=submit]").unwrap()).unwrap();
    assert!(wait_alert(&d).is_some_and(|m| m.starts_with("Undo decision")), "asks first");
    d.accept_alert().unwrap();
    let t = Instant::now();
    let text = loop {
        let row = d.wait_for("table.decisions tbody tr").unwrap();
        let text = d.text(&row).unwrap_or_default();
        if text.contains("undone") || t.elapsed() > Duration::from_secs(10) {
            break text;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(text.contains("none: undone") && text.contains("Bo Reviewer"), "{text}");
    assert!(text.contains("Ana Analyst"), "the trail keeps who merged: {text}");
    assert!(d.find("form.undo").is_err(), "no second undo");
    d.screenshot(&shots.join("17-decisions-undone.png")).unwrap();
    for id in [a, b] {
        d.goto(&format!("{base}/entity/{}", dossier_server::html::seg(id))).unwrap();
        d.wait_for("footer").unwrap();
        let h1 = d.eval("return document.querySelector('h1').textContent").unwrap();
        assert!(!h1.as_str().unwrap_or("404").starts_with("404"), "{id}: {h1}");
    }
    assert_inert(&d, "/decisions");
}
