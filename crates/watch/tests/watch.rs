//! The watcher against a feed server on loopback, run inside the test:
//! fixture feeds and pages written here, no test touches the internet.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dossier_store::Store;
use dossier_watch::{ClientOptions, Log, PollStats, WatchOptions, Watcher};

/// What the server answers on one path.
#[derive(Clone)]
enum Route {
    /// 200 with this content type and body; `304` when the request's
    /// `If-None-Match` is the ETag.
    Ok {
        content_type: &'static str,
        body: String,
        etag: Option<String>,
    },
    Status(u16),
    Redirect(String),
}

/// One request the server saw.
#[derive(Clone, Debug)]
struct Seen {
    path: String,
    headers: HashMap<String, String>,
}

#[derive(Clone)]
struct Server {
    base: String,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let server = Server {
            base,
            routes: Arc::new(Mutex::new(HashMap::new())),
            seen: Arc::new(Mutex::new(Vec::new())),
        };
        let s = server.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                s.answer(stream);
            }
        });
        server
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.to_string(), route);
    }

    fn page(&self, path: &str, html: String) {
        self.route(
            path,
            Route::Ok { content_type: "text/html; charset=utf-8", body: html, etag: None },
        );
    }

    fn feed(&self, path: &str, xml: String, etag: &str) {
        let route =
            Route::Ok { content_type: "application/rss+xml", body: xml, etag: Some(etag.into()) };
        self.route(path, route);
    }

    /// The paths requested so far, in order, robots.txt left out.
    fn requested(&self) -> Vec<String> {
        let seen = self.seen.lock().unwrap();
        seen.iter().map(|s| s.path.clone()).filter(|p| p != "/robots.txt").collect()
    }

    fn clear(&self) {
        self.seen.lock().unwrap().clear();
    }

    fn answer(&self, stream: TcpStream) {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let mut headers = HashMap::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
            }
        }
        self.seen.lock().unwrap().push(Seen { path: path.clone(), headers: headers.clone() });
        let route = self.routes.lock().unwrap().get(&path).cloned().unwrap_or(Route::Status(404));
        let (status, extra, body) = match route {
            Route::Ok { etag: Some(e), .. } if headers.get("if-none-match") == Some(&e) => {
                (304, format!("ETag: {e}\r\n"), String::new())
            }
            Route::Ok { content_type, body, etag } => {
                let etag = etag.map(|e| format!("ETag: {e}\r\n")).unwrap_or_default();
                (200, format!("Content-Type: {content_type}\r\n{etag}"), body)
            }
            Route::Status(code) => (code, "Content-Type: text/plain\r\n".into(), "no".into()),
            Route::Redirect(to) => (302, format!("Location: {to}\r\n"), String::new()),
        };
        let mut out = stream;
        let head = format!(
            "HTTP/1.1 {status} X\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = out.write_all(head.as_bytes());
        let _ = out.write_all(body.as_bytes());
        let _ = out.flush();
    }
}

fn rss(items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(title, link)| {
            format!(
                "<item><title>{title}</title><link>{link}</link>\
                 <pubDate>Tue, 14 Mar 2023 07:30:00 GMT</pubDate></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Valley Post</title>\
         {items}</channel></rss>"
    )
}

fn article(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title>\
         <meta property=\"og:site_name\" content=\"Valley Post\"></head><body>\
         <nav><a href=\"/\">Front page</a></nav><article><h1>{title}</h1>{body}</article>\
         <footer>Valley Post</footer></body></html>"
    )
}

fn quarry() -> String {
    article(
        "Quarry road closed after rockfall",
        &[
            "The road to the northern quarry was closed on Monday after a rockfall blocked both \
             lanes, the district office said.",
            "Engineers expect to reopen one lane by the end of the week.",
        ],
    )
}

fn clinic() -> String {
    article(
        "New clinic opens in the old post office",
        &["A health clinic opened on Tuesday in the former post office building, offering \
           vaccinations and check-ups three days a week."],
    )
}

fn options() -> WatchOptions {
    WatchOptions {
        interval: Duration::from_secs(60),
        client: ClientOptions {
            host_delay: Duration::ZERO,
            timeout: Duration::from_secs(10),
            ..ClientOptions::default()
        },
        ..WatchOptions::default()
    }
}

/// One poll of every feed: its stats and log lines.
fn poll(w: &mut Watcher, store: &mut Store) -> (PollStats, Vec<String>) {
    let mut lines = Vec::new();
    let stats = w.poll_all(store, &mut |l: &Log| lines.push(l.to_string())).unwrap();
    (stats, lines)
}

#[test]
fn new_items_are_stored_once_and_an_unchanged_feed_costs_a_304() {
    let s = Server::start();
    s.page("/news/quarry", quarry());
    s.page("/news/clinic", clinic());
    s.feed("/feed.xml", rss(&[("Clinic", "/news/clinic"), ("Quarry", "/news/quarry")]), "\"v1\"");
    let mut store = Store::open_in_memory().unwrap();
    let mut w = Watcher::new(vec![s.url("/feed.xml")], options());

    let (stats, lines) = poll(&mut w, &mut store);
    assert_eq!((stats.stored, stats.pages, stats.problems), (2, 2, 0), "{lines:?}");
    assert_eq!(lines.len(), 2, "{lines:?}");
    // Oldest item first: feeds list the newest first.
    assert!(lines[0].starts_with("stored "), "{lines:?}");
    assert!(lines[0].contains("\"Quarry road closed after rockfall\""), "{lines:?}");
    assert!(lines[0].contains(&s.url("/news/quarry")), "{lines:?}");
    assert!(store.has_url(&s.url("/news/clinic")).unwrap());
    let docs = store.documents().unwrap();
    assert_eq!(docs.len(), 2);
    let quarry_doc = docs.iter().find(|d| d.url.as_deref() == Some(&s.url("/news/quarry")));
    let quarry_doc = quarry_doc.expect("stored with the item's URL");
    assert_eq!(quarry_doc.source.as_deref(), Some("Valley Post"));
    // The page has no date: the item's pubDate.
    assert_eq!(quarry_doc.published, chrono::NaiveDate::from_ymd_opt(2023, 3, 14));
    let first = s.seen.lock().unwrap().clone();
    assert!(first.iter().all(|r| r.headers["user-agent"].starts_with("dossier/")), "{first:?}");

    // Second poll: a conditional GET, answered 304, and nothing else fetched.
    s.clear();
    let (stats, lines) = poll(&mut w, &mut store);
    assert_eq!((stats.not_modified, stats.pages, stats.stored), (1, 0, 0), "{lines:?}");
    assert!(lines.is_empty(), "{lines:?}");
    assert_eq!(s.requested(), ["/feed.xml"]);
    let seen = s.seen.lock().unwrap().clone();
    assert_eq!(seen[0].headers.get("if-none-match").map(String::as_str), Some("\"v1\""));

    // The feed changes: only the new item's page is fetched.
    s.clear();
    s.page(
        "/news/ferry",
        article(
            "Ferry timetable extended",
            &["The evening ferry will run until ten o'clock from \
                 April, the harbour authority announced on Wednesday."],
        ),
    );
    s.feed(
        "/feed.xml",
        rss(&[("Ferry", "/news/ferry"), ("Clinic", "/news/clinic"), ("Quarry", "/news/quarry")]),
        "\"v2\"",
    );
    let (stats, lines) = poll(&mut w, &mut store);
    assert_eq!((stats.stored, stats.pages), (1, 1), "{lines:?}");
    assert_eq!(s.requested(), ["/feed.xml", "/news/ferry"]);

    // A new watcher (a new run) finds the stored URLs in the store.
    s.clear();
    let mut again = Watcher::new(vec![s.url("/feed.xml")], options());
    let (stats, _) = poll(&mut again, &mut store);
    assert_eq!((stats.stored, stats.pages), (0, 0));
    assert_eq!(s.requested(), ["/feed.xml"]);
}

#[test]
fn a_malformed_feed_is_an_error_backs_off_and_the_other_feed_goes_on() {
    let s = Server::start();
    s.route(
        "/broken.xml",
        Route::Ok {
            content_type: "application/rss+xml",
            body: "<rss><channel><item><title>Half".into(),
            etag: None,
        },
    );
    s.page("/news/quarry", quarry());
    let atom = format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Desk</title><entry>\
         <title>Quarry</title><link href=\"{}\"/><updated>2023-03-14T08:00:00Z</updated>\
         </entry></feed>",
        s.url("/news/quarry")
    );
    s.route(
        "/atom.xml",
        Route::Ok { content_type: "application/atom+xml", body: atom, etag: None },
    );
    let mut store = Store::open_in_memory().unwrap();
    let feeds = vec![s.url("/broken.xml"), s.url("/atom.xml")];
    let mut w = Watcher::new(feeds, options());
    let (stats, lines) = poll(&mut w, &mut store);
    assert_eq!((stats.stored, stats.problems), (1, 1), "{lines:?}");
    let problem = lines.iter().find(|l| l.starts_with("feed ")).unwrap();
    assert!(
        problem.starts_with(&format!(
            "feed {}: malformed feed: not well-formed XML",
            s.url("/broken.xml")
        )),
        "{problem}"
    );
    assert!(problem.ends_with("; next try in 2 min"), "{problem}");

    // Backing off: the broken feed is not due, the good one not either.
    let mut lines = Vec::new();
    let stats = w.poll_due(&mut store, &mut |l: &Log| lines.push(l.to_string())).unwrap();
    assert_eq!(stats.feeds, 0, "{lines:?}");
    assert!(w.next_due().is_some());
}

#[test]
fn a_404_item_is_logged_and_skipped_and_a_server_error_backs_off() {
    let s = Server::start();
    s.page("/news/clinic", clinic());
    s.feed("/feed.xml", rss(&[("Gone", "/news/gone"), ("Clinic", "/news/clinic")]), "\"a\"");
    s.route("/down.xml", Route::Status(503));
    let mut store = Store::open_in_memory().unwrap();
    let mut w = Watcher::new(vec![s.url("/feed.xml"), s.url("/down.xml")], options());
    let (stats, lines) = poll(&mut w, &mut store);
    assert_eq!((stats.stored, stats.problems), (1, 2), "{lines:?}");
    assert!(
        lines.contains(&format!("item {}: HTTP 404 Not Found, skipped", s.url("/news/gone"))),
        "{lines:?}"
    );
    assert!(
        lines.contains(&format!(
            "feed {}: HTTP 503 Service Unavailable; next try in 2 min",
            s.url("/down.xml")
        )),
        "{lines:?}"
    );
    // The 404 is not fetched again in this run.
    s.clear();
    s.feed("/feed.xml", rss(&[("Gone", "/news/gone"), ("Clinic", "/news/clinic")]), "\"b\"");
    let (stats, lines) = poll(&mut w, &mut store);
    assert_eq!(stats.pages, 0);
    assert!(!s.requested().contains(&"/news/gone".to_string()));
    // The next failure in a row waits twice as long.
    assert!(lines.iter().any(|l| l.ends_with("next try in 4 min")), "{lines:?}");
}

#[test]
fn a_redirect_loop_is_stopped_with_an_error_and_a_redirect_is_followed() {
    let s = Server::start();
    s.route("/loop/a", Route::Redirect("/loop/b".into()));
    s.route("/loop/b", Route::Redirect(s.url("/loop/a")));
    s.route("/moved", Route::Redirect("/news/clinic".into()));
    s.page("/news/clinic", clinic());
    s.feed("/feed.xml", rss(&[("Loop", "/loop/a"), ("Moved", "/moved")]), "\"1\"");
    let mut store = Store::open_in_memory().unwrap();
    let mut w = Watcher::new(vec![s.url("/feed.xml")], options());
    let (stats, lines) = poll(&mut w, &mut store);
    assert_eq!((stats.stored, stats.problems), (1, 1), "{lines:?}");
    let a = s.url("/loop/a");
    let b = s.url("/loop/b");
    assert!(
        lines.contains(&format!("item {a}: redirect loop: {a} -> {b} -> {a}, skipped")),
        "{lines:?}"
    );
    // Stored under the item's URL, not the redirect's target.
    assert!(store.has_url(&s.url("/moved")).unwrap());
}

#[test]
fn robots_txt_disallow_is_honoured() {
    let s = Server::start();
    s.route(
        "/robots.txt",
        Route::Ok {
            content_type: "text/plain",
            body: "User-agent: *\nDisallow: /\n\nUser-agent: dossier\nDisallow: /private/\n".into(),
            etag: None,
        },
    );
    s.page("/private/memo", clinic());
    s.page("/news/quarry", quarry());
    s.feed("/feed.xml", rss(&[("Memo", "/private/memo"), ("Quarry", "/news/quarry")]), "\"r\"");
    let mut store = Store::open_in_memory().unwrap();
    let mut w = Watcher::new(vec![s.url("/feed.xml")], options());
    let (stats, lines) = poll(&mut w, &mut store);
    assert_eq!((stats.stored, stats.problems), (1, 1), "{lines:?}");
    assert!(
        lines.contains(&format!(
            "item {}: disallowed by {}/robots.txt, not fetched, skipped",
            s.url("/private/memo"),
            s.base
        )),
        "{lines:?}"
    );
    assert!(!s.requested().contains(&"/private/memo".to_string()));
    // robots.txt is read once per host.
    let robots = s.seen.lock().unwrap().iter().filter(|r| r.path == "/robots.txt").count();
    assert_eq!(robots, 1);
}

#[test]
fn the_same_text_under_two_urls_is_stored_once_and_caps_hold() {
    let s = Server::start();
    s.page("/a/quarry", quarry());
    s.page("/b/quarry", quarry());
    s.page("/huge", article("Long", &[&"word ".repeat(40_000)]));
    s.route(
        "/logo.png",
        Route::Ok { content_type: "image/png", body: "\u{89}PNG".into(), etag: None },
    );
    let items =
        [("Q1", "/a/quarry"), ("Q2", "/b/quarry"), ("Huge", "/huge"), ("Logo", "/logo.png")];
    s.feed("/feed.xml", rss(&items), "\"d\"");
    let mut store = Store::open_in_memory().unwrap();
    let opts = WatchOptions { max_page_bytes: 100 << 10, ..options() };
    let mut w = Watcher::new(vec![s.url("/feed.xml")], opts);
    let (stats, lines) = poll(&mut w, &mut store);
    assert_eq!((stats.stored, stats.duplicates, stats.problems), (1, 1, 2), "{lines:?}");
    assert!(
        lines.contains(&format!("item {}: over the 100 KiB limit, skipped", s.url("/huge"))),
        "{lines:?}"
    );
    assert!(
        lines.contains(&format!(
            "item {}: not an HTML page (image/png), skipped",
            s.url("/logo.png")
        )),
        "{lines:?}"
    );
}

#[test]
fn an_unreachable_feed_is_an_error_naming_it() {
    // A port nothing listens on: bind, note it, close.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/feed.xml");
    let mut store = Store::open_in_memory().unwrap();
    let mut w = Watcher::new(vec![url.clone()], options());
    let (stats, lines) = poll(&mut w, &mut store);
    assert_eq!(stats.problems, 1);
    assert_eq!(lines, [format!("feed {url}: connection refused; next try in 2 min")]);
}

#[test]
fn robots_txt_redirecting_between_hosts_does_not_recurse() {
    // Two hosts whose robots.txt redirect to each other's pages.
    let a = Server::start();
    let b = Server::start();
    a.route("/robots.txt", Route::Redirect(b.url("/page")));
    b.route("/robots.txt", Route::Redirect(a.url("/page")));
    a.page("/page", quarry());
    b.page("/page", clinic());
    a.feed("/feed.xml", rss(&[("B", &b.url("/page"))]), "\"x\"");
    let mut store = Store::open_in_memory().unwrap();
    let mut w = Watcher::new(vec![a.url("/feed.xml")], options());
    let (stats, lines) = poll(&mut w, &mut store);
    // robots.txt that answers with a page is read as rules (none here).
    assert_eq!((stats.stored, stats.problems), (1, 0), "{lines:?}");
}

#[test]
fn a_silent_server_times_out_and_long_redirect_chains_stop() {
    // Accepts connections and never answers.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/feed.xml", silent.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in silent.incoming().flatten() {
            held.push(s);
        }
    });
    let s = Server::start();
    for i in 0..7 {
        s.route(&format!("/hop/{i}"), Route::Redirect(format!("/hop/{}", i + 1)));
    }
    s.feed("/feed.xml", rss(&[("Far", "/hop/0")]), "\"h\"");
    let mut opts = options();
    opts.client.timeout = Duration::from_millis(500);
    let mut store = Store::open_in_memory().unwrap();
    let mut w = Watcher::new(vec![url.clone(), s.url("/feed.xml")], opts);
    let (stats, lines) = poll(&mut w, &mut store);
    assert_eq!(stats.problems, 2, "{lines:?}");
    assert_eq!(lines[0], format!("feed {url}: timed out; next try in 2 min"));
    assert!(
        lines[1].starts_with(&format!("item {}: more than 5 redirects: ", s.url("/hop/0"))),
        "{lines:?}"
    );
    assert!(lines[1].ends_with(&format!("{}, skipped", s.url("/hop/6"))), "{lines:?}");
}
