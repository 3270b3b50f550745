//! `dossier watch --once` against a feed server on loopback inside the test.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use super::util::{bin, run};

/// Serves fixed answers (status, content type, body) by path; 404 otherwise.
fn serve(routes: HashMap<String, (u16, &'static str, String)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            let mut h = String::new();
            while reader.read_line(&mut h).unwrap_or(0) > 0 && h.trim() != "" {
                h.clear();
            }
            let (status, ctype, body) =
                routes.get(&path).cloned().unwrap_or((404, "text/plain", "none".into()));
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    base
}

#[test]
fn watch_once_stores_new_items_logs_them_and_names_failures() {
    let page = "<html><head><title>Harbour crane toppled in storm</title>\
                <meta property=\"article:published_time\" content=\"2023-02-20\"></head><body>\
                <article><p>A container crane at the east harbour toppled during Sunday's \
                storm, port workers said. Nobody was on the crane when it fell.</p></article>\
                </body></html>";
    let mut routes = HashMap::new();
    routes.insert("/news/crane".to_string(), (200, "text/html", page.to_string()));
    // Items may be relative: they resolve against the feed's URL.
    let feed = "<rss version=\"2.0\"><channel><title>Coast Desk</title>\
                <item><title>Missing</title><link>/news/missing</link></item>\
                <item><title>Crane</title><link>/news/crane</link></item></channel></rss>";
    routes.insert("/feed.xml".to_string(), (200, "application/rss+xml", feed.to_string()));
    let base = serve(routes);
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("feeds.txt");
    std::fs::write(&list, format!("# coast\n{base}/feed.xml\n\n")).unwrap();
    let db = dir.path().join("w.db");
    let watch = || {
        run(bin()
            .args(["watch", "--once", "--delay", "0", "--feeds"])
            .arg(&list)
            .arg("--db")
            .arg(&db))
    };
    let out = watch();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(lines[0].starts_with("stored "), "{stdout}");
    assert!(
        lines[0].contains(&format!("\"Harbour crane toppled in storm\" {base}/news/crane")),
        "{stdout}"
    );
    assert!(
        stderr.contains(&format!(
            "dossier: watch: item {base}/news/missing: HTTP 404 Not Found, skipped"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("polled 1 feed (0 unchanged): 1 new document"), "{stderr}");

    // A second run finds the item stored: nothing new.
    let out = watch();
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    let shown = run(bin().args(["export", "--db"]).arg(&db));
    let export = String::from_utf8_lossy(&shown.stdout);
    assert!(export.contains(&format!("\"url\":\"{base}/news/crane\"")), "{export}");
}

#[test]
fn watch_refuses_what_is_not_a_feed_url() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(bin()
        .args(["watch", "--once", "ftp://news.example/feed"])
        .arg("--db")
        .arg(dir.path().join("x.db")));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "ftp://news.example/feed is not a feed URL: feeds are http:// or https:// URLs"
        ),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(bin().args(["watch", "--once"]).arg("--db").arg(dir.path().join("x.db")));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no feeds to watch"));
}
