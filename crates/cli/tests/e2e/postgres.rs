//! `dossier` on PostgreSQL: the bundled examples ingested with `--db
//! postgres://…?schema=NAME` into a fresh schema give the same views and
//! exports as a SQLite file, and every command takes the URL (also through
//! `DOSSIER_DB`).
//!
//! The server is `DOSSIER_TEST_PG` (default
//! `postgres://postgres@127.0.0.1:5432/test`). Where it cannot be reached the
//! test skips with a notice; with `CI=true` (or `DOSSIER_REQUIRE_PG=1`) it
//! fails instead.

use std::io::Write;
use std::process::Output;

use dossier_store::pg::PgTarget;

use crate::util::*;

pub fn pg_base() -> Option<String> {
    let url = std::env::var("DOSSIER_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string());
    match PgTarget::parse(&url).and_then(|t| t.connect()) {
        Ok(_) => Some(url),
        Err(e) => {
            let required = std::env::var("CI").is_ok_and(|v| v == "true")
                || std::env::var("DOSSIER_REQUIRE_PG").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "CI=true (or DOSSIER_REQUIRE_PG=1) but PostgreSQL is unreachable: {e}"
            );
            // Straight to stderr: the test harness captures eprintln!.
            let _ = writeln!(
                std::io::stderr(),
                "NOTICE: the PostgreSQL end-to-end test is skipped: {e} (set DOSSIER_TEST_PG)"
            );
            None
        }
    }
}

/// A schema of this test's own, dropped at the end.
pub struct Schema {
    base: String,
    name: String,
}

impl Schema {
    pub fn new(base: &str) -> Schema {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        Schema {
            base: base.to_string(),
            name: format!("dossier_e2e_{}_{nanos}", std::process::id()),
        }
    }

    pub fn url(&self) -> String {
        let sep = if self.base.contains('?') { '&' } else { '?' };
        format!("{}{sep}schema={}", self.base, self.name)
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut c) = PgTarget::parse(&self.base).and_then(|t| t.connect()) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

fn dossier(args: &[&str], db: &str) -> Output {
    let out = run(bin().args(args).arg("--db").arg(db).env_remove("DOSSIER_DB"));
    assert!(
        out.status.success(),
        "dossier {args:?} --db {db}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn ingest_views_and_exports_on_postgres_equal_sqlite() {
    let Some(base) = pg_base() else { return };
    let schema = Schema::new(&base);
    let pg = schema.url();
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("same.db").display().to_string();
    let examples = examples_dir().display().to_string();

    let ingested_pg = dossier(&["ingest", &examples], &pg);
    let ingested_sqlite = dossier(&["ingest", &examples], &sqlite);
    assert_eq!(stdout(&ingested_pg), stdout(&ingested_sqlite));
    let said = String::from_utf8_lossy(&ingested_pg.stderr).into_owned();
    assert!(said.contains("12 stored, 0 already in the database"), "{said}");

    let views: &[&[&str]] = &[
        &["export"],
        &["export", "--with-text"],
        &["export", "--format", "ftm"],
        &["profile", "ISIS-K"],
        &["profile", "ISIS-K", "--format", "json"],
        &["entities"],
        &["conflicts"],
        &["timeline", "ISIS-K"],
        &["sources", "ISIS-K"],
    ];
    for args in views {
        let (a, b) = (dossier(args, &pg), dossier(args, &sqlite));
        assert!(!a.stdout.is_empty(), "{args:?} printed nothing");
        assert_eq!(
            stdout(&a),
            stdout(&b),
            "dossier {args:?} differs between PostgreSQL and SQLite"
        );
    }

    // DOSSIER_DB takes the URL too.
    let by_env = run(bin().arg("entities").env("DOSSIER_DB", &pg));
    assert!(by_env.status.success(), "{}", String::from_utf8_lossy(&by_env.stderr));
    assert_eq!(stdout(&by_env), stdout(&dossier(&["entities"], &sqlite)));

    // Ingest again: nothing new; then remove a document by prefix on both.
    let again = dossier(&["ingest", &examples], &pg);
    let said = String::from_utf8_lossy(&again.stderr).into_owned();
    assert!(said.contains("0 stored, 12 already in the database"), "{said}");
    let export = jsonl(&dossier(&["export"], &pg));
    let first = of_type(&export, "document")[0]["id"].as_str().unwrap().to_string();
    for db in [&pg, &sqlite] {
        let out = dossier(&["remove", &first[..8]], db);
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(said.contains(&format!("removed document {first}")), "{said}");
    }
    assert_eq!(stdout(&dossier(&["export"], &pg)), stdout(&dossier(&["export"], &sqlite)));
    let docs = of_type(&jsonl(&dossier(&["export"], &pg)), "document").len();
    assert_eq!(docs, 11);
}

#[test]
fn reading_a_missing_store_creates_nothing() {
    let Some(base) = pg_base() else { return };
    let schema = Schema::new(&base);
    let out = run(bin().args(["entities", "--db", &schema.url()]).env_remove("DOSSIER_DB"));
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("no database at") && said.contains("dossier ingest"), "{said}");
    let mut c = PgTarget::parse(&base).unwrap().connect().unwrap();
    let made: i64 = c
        .query_one("SELECT count(*) FROM pg_namespace WHERE nspname = $1", &[&schema.name])
        .unwrap()
        .get(0);
    assert_eq!(made, 0, "a read created schema {}", schema.name);
}

#[test]
fn an_unreachable_server_is_named() {
    // A port nobody listens on: the error names the URL (without password)
    // and says what to check, and nothing panics.
    let out = run(bin().args(["entities", "--db", "postgres://me:secret@127.0.0.1:1/none"]));
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("postgres://me:***@127.0.0.1:1/none"), "{said}");
    assert!(!said.contains("secret"), "{said}");
    assert!(said.contains("cannot reach PostgreSQL"), "{said}");
    // A malformed URL, too.
    let out = run(bin().args(["entities", "--db", "postgres://h/d?schema=Bad-Name"]));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("schema=dossier"));
}
