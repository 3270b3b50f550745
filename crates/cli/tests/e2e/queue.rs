//! The job queue end to end: `ingest --queue`, real `dossier worker`
//! processes (killed, cut off from PostgreSQL, stopped by SIGTERM), `status`.
//!
//! Each test gets its own PostgreSQL schema (`dossier_t_<pid>_<nanos>_<name>`,
//! dropped at the end) in `$DOSSIER_TEST_PG` (default
//! `postgres://postgres@127.0.0.1:5432/test`). Where PostgreSQL is
//! unreachable the tests say SKIPPED and pass, except with `CI=true`, where
//! they fail.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dossier_ingest::{read_inputs, Overrides};
use dossier_store::Store;
use postgres::{Client, NoTls};

use super::util::{bin, examples_dir, run, workspace};

struct Pg {
    /// The URL workers use: the test's schema, and its name as the
    /// connections' `application_name` so that the test can find them.
    url: String,
    schema: String,
    client: Client,
}

impl Drop for Pg {
    fn drop(&mut self) {
        let _ =
            self.client.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
    }
}

fn pg(name: &str) -> Option<Pg> {
    let base = std::env::var("DOSSIER_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut client = match Client::connect(&base, NoTls) {
        Ok(c) => c,
        Err(e) if std::env::var("CI").as_deref() != Ok("true") => {
            eprintln!("SKIPPED queue::{name}: no PostgreSQL at {base} ({e}); set DOSSIER_TEST_PG");
            return None;
        }
        Err(e) => panic!("CI=true needs PostgreSQL at {base} (DOSSIER_TEST_PG): {e}"),
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let schema = format!("dossier_t_{}_{nanos}_{name}", std::process::id());
    client.batch_execute(&format!("CREATE SCHEMA {schema}")).expect("create the test schema");
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}schema={schema}&application_name={schema}");
    Some(Pg { url, schema, client })
}

impl Pg {
    /// Jobs by state.
    fn states(&mut self) -> Vec<(String, i64)> {
        let sql = format!(
            "SELECT state, count(*) FROM {}.dossier_jobs GROUP BY state ORDER BY state",
            self.schema
        );
        self.client.query(&sql, &[]).unwrap().iter().map(|r| (r.get(0), r.get(1))).collect()
    }

    fn count(&mut self, state: &str) -> i64 {
        self.states().into_iter().find(|(s, _)| s == state).map_or(0, |(_, n)| n)
    }
}

fn enqueue(pg: &Pg, inputs: &[&Path]) {
    let out = run(bin().arg("ingest").arg("--queue").args(inputs).arg("--db").arg(&pg.url));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A worker storing into `db`; the queue is `--db` itself when `db` is
/// the test's PostgreSQL URL, else `--queue-db`.
fn worker(pg: &Pg, db: &Path, extra: &[&str]) -> Child {
    let mut cmd = bin();
    cmd.arg("worker").arg("--db").arg(db);
    if db != Path::new(&pg.url) {
        cmd.arg("--queue-db").arg(&pg.url);
    }
    cmd.args(["--poll", "0.1"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start a worker")
}

/// Waits for a worker to exit on its own; its stderr.
fn finish(child: Child, within: Duration) -> String {
    let pid = child.id();
    let deadline = Instant::now() + within;
    let waiter = std::thread::spawn(move || child.wait_with_output().expect("wait for the worker"));
    while !waiter.is_finished() {
        if Instant::now() > deadline {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            let out = waiter.join().unwrap();
            panic!(
                "worker still running after {within:?}:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = waiter.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "worker failed: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

fn wait_until(what: &str, within: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Opens (creates) the store a test's workers write to: a file or a URL.
fn open(db: &Path) -> Store {
    Store::open_location(&dossier_store::Location::from(db.as_os_str())).expect("open the store")
}

fn stored_ids(store: &Store) -> BTreeSet<String> {
    store.documents().expect("list documents").into_iter().map(|m| m.id).collect()
}

fn expected_ids(inputs: &[PathBuf]) -> BTreeSet<String> {
    read_inputs(inputs, &Overrides::default()).filter_map(Result::ok).map(|d| d.id).collect()
}

/// A JSON Lines file of `n` short, distinct reports: cut into jobs of
/// 1,000 lines, each stored in batches.
fn reports(dir: &Path, n: usize) -> PathBuf {
    reports_of(dir, n, 1)
}

/// Like [`reports`], each text `paragraphs` paragraphs long (the same
/// report, so its facts are the same), to make a job slower.
fn reports_of(dir: &Path, n: usize, paragraphs: usize) -> PathBuf {
    let p = dir.join("reports.jsonl");
    let mut s = String::new();
    for i in 0..n {
        let para = format!("Gunmen attacked a checkpoint in Kabul on Monday, killing {} people, police said in report {i}.", i % 50 + 2);
        let line = serde_json::json!({
            "title": format!("Report {i}"),
            "published": "2021-08-30",
            "text": vec![para; paragraphs].join("\n\n"),
        });
        s.push_str(&line.to_string());
        s.push('\n');
    }
    std::fs::write(&p, s).unwrap();
    p
}

/// Where the workers of a test store documents.
#[derive(Clone, Copy, PartialEq)]
enum Backend {
    /// A SQLite file; the queue with `--queue-db`.
    Sqlite,
    /// The test's PostgreSQL schema: one `--db` for both.
    Postgres,
}

fn store_path(pg: &Pg, dir: &Path, backend: Backend) -> PathBuf {
    match backend {
        Backend::Sqlite => dir.join("store.db"),
        Backend::Postgres => PathBuf::from(&pg.url),
    }
}

#[test]
fn queued_inputs_are_stored_once_and_bad_ones_fail_with_their_reason() {
    let Some(mut pg) = pg("bad_inputs") else { return };
    let dir = tempfile::tempdir().unwrap();
    let bad = workspace().join("testdata/bad");
    let out = run(bin().arg("status").arg("--db").arg(&pg.url));
    assert_eq!(out.status.code(), Some(2), "no queue yet");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no job queue at postgres://"));
    enqueue(&pg, &[&examples_dir(), &bad]);
    // Queueing reads nothing: every job waits.
    assert_eq!(pg.states(), [("queued".to_string(), 29)]);
    let db = store_path(&pg, dir.path(), Backend::Postgres);
    let workers: Vec<Child> = (0..2).map(|_| worker(&pg, &db, &["--exit-when-empty"])).collect();
    let logs: Vec<String> =
        workers.into_iter().map(|w| finish(w, Duration::from_secs(120))).collect();
    // Every document of the good inputs is stored once, as a direct ingest stores them.
    assert_eq!(stored_ids(&open(&db)), expected_ids(&[examples_dir(), bad.clone()]));
    let states = pg.states();
    assert_eq!(states, [("done".to_string(), 17), ("failed".to_string(), 12)], "{logs:?}");
    let out = run(bin().arg("status").arg("--db").arg(&pg.url));
    assert!(out.status.success());
    let status = String::from_utf8_lossy(&out.stdout);
    assert!(
        status.contains(": 0 queued, 0 running, 17 done, 12 failed; 20 documents stored"),
        "{status}"
    );
    let binary = bad.canonicalize().unwrap().join("binary.txt");
    let line = format!("{}: binary file (NUL bytes in the first 8 KiB), skipped", binary.display());
    assert!(status.lines().any(|l| l.trim_start().ends_with(&line)), "{status}");
    // A JSON Lines file's bad lines are each named with their line.
    assert!(status.contains("broken.jsonl:3: expected a JSON object, found an array"), "{status}");
}

/// Kills a worker (SIGKILL) while its job is half stored, lets another
/// retry the job after the lease, and checks that every input is stored
/// exactly once.
fn kill_mid_job(name: &str, backend: Backend) {
    let Some(mut pg) = pg(name) else { return };
    let dir = tempfile::tempdir().unwrap();
    let jsonl = reports(dir.path(), 2500);
    enqueue(&pg, &[&jsonl, &examples_dir()]);
    assert_eq!(pg.count("queued"), 3 + 11, "2,500 lines are three jobs");
    let db = store_path(&pg, dir.path(), backend);
    let store = open(&db);
    let mut first = worker(&pg, &db, &["--lease", "1"]);
    wait_until("a batch is stored", Duration::from_secs(120), || !stored_ids(&store).is_empty());
    first.kill().unwrap(); // SIGKILL
    first.wait().unwrap();
    let partial = stored_ids(&store).len();
    assert!(partial < 1000, "killed mid-job, after {partial} documents");
    assert_eq!(pg.count("done"), 0);
    assert_eq!(pg.count("running"), 1, "the dead worker's job stays leased");
    std::thread::sleep(Duration::from_millis(1100));
    let out = run(bin().arg("status").arg("--db").arg(&pg.url));
    let status = String::from_utf8_lossy(&out.stdout);
    let dead = format!(":{}:", first.id());
    let line = status.lines().find(|l| l.contains("job 1 ")).unwrap_or_else(|| panic!("{status}"));
    assert!(
        line.contains(&dead) && line.contains("attempt 1, lease ran out: a worker will retry it"),
        "{status}"
    );
    let second = worker(&pg, &db, &["--lease", "1", "--exit-when-empty"]);
    let log = finish(second, Duration::from_secs(300));
    assert_eq!(pg.states(), [("done".to_string(), 14)], "{log}");
    let ids = stored_ids(&store);
    assert_eq!(ids, expected_ids(&[jsonl.clone(), examples_dir()]), "every input stored");
    assert_eq!(ids.len(), 2500 + 12);
    assert_eq!(store.counts().unwrap().documents, ids.len(), "none twice");
    // The retried job found what the dead worker had stored.
    let sql = format!("SELECT attempts, duplicates FROM {}.dossier_jobs WHERE id = 1", pg.schema);
    let row = pg.client.query_one(&sql, &[]).unwrap();
    let (attempts, duplicates): (i32, i32) = (row.get(0), row.get(1));
    assert_eq!(attempts, 2);
    assert_eq!(duplicates as usize, partial);
}

#[test]
fn a_worker_killed_mid_job_loses_and_duplicates_nothing_in_sqlite() {
    kill_mid_job("kill_sqlite", Backend::Sqlite);
}

#[test]
fn a_worker_killed_mid_job_loses_and_duplicates_nothing_in_postgresql() {
    kill_mid_job("kill_pg", Backend::Postgres);
}

#[test]
fn workers_reconnect_when_postgresql_drops_their_connections() {
    let Some(mut pg) = pg("reconnect") else { return };
    let dir = tempfile::tempdir().unwrap();
    let jsonl = reports(dir.path(), 3000);
    enqueue(&pg, &[&jsonl]);
    // Queue and store in PostgreSQL: every connection of the worker is cut.
    let db = store_path(&pg, dir.path(), Backend::Postgres);
    let store = open(&db);
    let child = worker(&pg, &db, &["--exit-when-empty"]);
    let mut cuts = 0;
    for round in 1..=2 {
        wait_until("more documents are stored", Duration::from_secs(120), || {
            stored_ids(&store).len() >= round * 300
        });
        let row = pg
            .client
            .query_one(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                 WHERE application_name = $1 AND pid <> pg_backend_pid()",
                &[&pg.schema],
            )
            .unwrap();
        cuts += row.get::<_, i64>(0);
    }
    assert!(cuts >= 2, "the worker's connections were cut twice");
    let log = finish(child, Duration::from_secs(300));
    assert!(log.contains("reconnected"), "{log}");
    assert_eq!(pg.states(), [("done".to_string(), 3)], "{log}");
    assert_eq!(stored_ids(&store), expected_ids(&[jsonl]));
}

#[test]
fn a_job_longer_than_its_lease_stays_with_its_worker() {
    let Some(mut pg) = pg("heartbeat") else { return };
    let dir = tempfile::tempdir().unwrap();
    // Long enough texts that a job of 1,000 takes well over the 1 s lease
    // on a fast machine too (12 paragraphs took 0.5 s a job once extraction
    // got faster; 80 take about 2 s in a release build).
    let jsonl = reports_of(dir.path(), 3000, 80);
    enqueue(&pg, &[&jsonl]);
    let db = store_path(&pg, dir.path(), Backend::Sqlite);
    let args = ["--lease", "1", "--exit-when-empty"];
    let workers: Vec<Child> = (0..2).map(|_| worker(&pg, &db, &args)).collect();
    let logs: Vec<String> =
        workers.into_iter().map(|w| finish(w, Duration::from_secs(300))).collect();
    // "job 1 done: …: 1000 stored, 0 already in the database (2.3 s)"
    let longest = logs
        .iter()
        .flat_map(|l| l.lines())
        .filter_map(|l| l.strip_suffix(" s)")?.rsplit_once('(')?.1.parse::<f64>().ok())
        .fold(0.0, f64::max);
    assert!(longest > 1.0, "a job outlasts its lease: {logs:?}");
    assert_eq!(pg.states(), [("done".to_string(), 3)], "{logs:?}");
    let sql = format!("SELECT max(attempts) FROM {}.dossier_jobs", pg.schema);
    let attempts: i32 = pg.client.query_one(&sql, &[]).unwrap().get(0);
    assert_eq!(attempts, 1, "no job was taken over: {logs:?}");
    assert_eq!(stored_ids(&open(&db)), expected_ids(&[jsonl]));
}

#[test]
fn sigterm_lets_the_current_job_finish_then_stops() {
    let Some(mut pg) = pg("sigterm") else { return };
    let dir = tempfile::tempdir().unwrap();
    let jsonl = reports(dir.path(), 3000);
    enqueue(&pg, &[&jsonl]);
    let db = store_path(&pg, dir.path(), Backend::Sqlite);
    let store = open(&db);
    let child = worker(&pg, &db, &[]);
    wait_until("a batch is stored", Duration::from_secs(120), || !stored_ids(&store).is_empty());
    let term = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status().unwrap();
    assert!(term.success());
    let log = finish(child, Duration::from_secs(120));
    assert!(log.contains("asked to stop; 1 job done"), "{log}");
    assert_eq!(pg.states(), [("done".to_string(), 1), ("queued".to_string(), 2)], "{log}");
    assert_eq!(stored_ids(&store).len(), 1000, "the first job, whole");
}

/// Serves `pages` (path, content type, body) on a loopback port, 404 for
/// any other path, until the test ends; its base URL.
fn web(pages: Vec<(&'static str, &'static str, String)>) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut conn in listener.incoming().flatten() {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && conn.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&head);
            let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
            let (status, ctype, body) = match pages.iter().find(|(p, ..)| *p == path) {
                Some((_, t, b)) => ("200 OK", *t, b.clone()),
                None => ("404 Not Found", "text/plain", "no such page".to_string()),
            };
            let _ = write!(
                conn,
                "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    base
}

#[test]
fn urls_and_url_lists_are_downloaded_by_workers() {
    let Some(mut pg) = pg("urls") else { return };
    let dir = tempfile::tempdir().unwrap();
    let story = "<html><head><title>Convoy ambushed</title></head><body><article><p>Gunmen \
                 ambushed a convoy near Kabul on Monday, killing four soldiers, officials said.\
                 </p></article></body></html>";
    let note =
        "Title: Market attack\n\nA bomb exploded in a market in Mogadishu, killing 12 people.";
    let base = web(vec![
        ("/story", "text/html; charset=utf-8", story.to_string()),
        ("/note.txt", "text/plain", note.to_string()),
    ]);
    let list = dir.path().join("feeds.urls");
    std::fs::write(&list, format!("# two pages\n{base}/note.txt\n{base}/gone\n")).unwrap();
    let url = format!("{base}/story");
    let out = run(bin()
        .args(["ingest", "--queue", "--source", "Wire"])
        .arg(&url)
        .arg(&list)
        .arg("--db")
        .arg(&pg.url));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("queued 3 jobs (3 URLs)"));
    let db = store_path(&pg, dir.path(), Backend::Postgres);
    let log = finish(worker(&pg, &db, &["--exit-when-empty"]), Duration::from_secs(120));
    assert_eq!(pg.states(), [("done".to_string(), 2), ("failed".to_string(), 1)], "{log}");
    let docs = open(&db).documents().unwrap();
    let mut titles: Vec<&str> = docs.iter().filter_map(|d| d.title.as_deref()).collect();
    titles.sort();
    assert_eq!(titles, ["Convoy ambushed", "Market attack"]);
    assert!(
        docs.iter().all(|d| d.source.as_deref() == Some("Wire")),
        "--source travels with the job"
    );
    let out = run(bin().arg("status").arg("--db").arg(&pg.url));
    let status = String::from_utf8_lossy(&out.stdout);
    let want = format!("{base}/gone: cannot download: the server answered 404 Not Found");
    assert!(status.contains(&want), "{status}");
}

#[test]
fn the_queue_needs_postgresql_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = run(bin().arg("ingest").arg("--queue").arg(examples_dir()).arg("--db").arg(&db));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the job queue lives in PostgreSQL") && err.contains("--queue-db"),
        "{err}"
    );
    let out = run(bin().arg("status").arg("--db").arg("postgres://postgres@127.0.0.1:1/test"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot reach PostgreSQL at postgres://postgres@127.0.0.1:1/test"),
        "{err}"
    );
    assert!(!db.exists(), "no database is made for a refused command");
}

#[test]
fn an_ingest_off_a_terminal_prints_plain_progress_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = run(bin()
        .arg("ingest")
        .arg(examples_dir())
        .arg("--db")
        .arg(&db)
        .env("DOSSIER_PROGRESS_SECS", "0"));
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err.lines().find(|l| l.starts_with("ingest: ")).unwrap_or_else(|| panic!("{err}"));
    assert!(line.contains("12 documents read, 12 stored;") && line.contains("(100%)"), "{line}");
    assert!(line.contains(" kB/s"), "{line}");
    // Not with --quiet.
    let out = run(bin()
        .arg("ingest")
        .arg(examples_dir())
        .arg("--db")
        .arg(&db)
        .arg("-q")
        .env("DOSSIER_PROGRESS_SECS", "0"));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("ingest: "));
}
