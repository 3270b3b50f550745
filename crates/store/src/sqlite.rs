//! The SQLite backend: one file, FTS5 for search, `PRAGMA user_version` for
//! the schema version.

use std::ops::ControlFlow;
use std::path::Path;
use std::time::Duration;

use dossier_core::{Annotated, Document};
use rusqlite::{params, Connection, OpenFlags, Row, TransactionBehavior};

use crate::backend::Backend;
use crate::encode::{annotations_json, assemble, format_date, json, parse_date, validate};
use crate::error::{ErrorKind, StoreError};
use crate::fts::fts_query;
use crate::records::{
    BatchStats, Counts, Decision, DecisionKind, DocumentMeta, ListedDocument, ReconDoc,
    ReconPending, ReconState, ReconWrite, SearchHit, Undo,
};
use crate::schema::{self, SCHEMA_VERSION};
use crate::SEARCH_RANK_WINDOW;
use dossier_core::reconcile::StoredResults;

/// How long a write waits for another process's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A dossier database in one SQLite file.
///
/// A `SqliteStore` is `Send` but not `Sync`; SQLite's WAL mode lets readers
/// in other connections run beside one writer.
#[derive(Debug)]
pub(crate) struct SqliteStore {
    conn: Connection,
    /// The database's name in messages: its path, or `:memory:`.
    pub(crate) name: String,
}

/// The columns [`SqliteStore::row_to_annotated`] reads, in order.
const ANNOTATED_COLUMNS: &str = "id, title, source, url, published, path, text, annotations";

impl SqliteStore {
    /// See [`Store::open`](crate::Store::open).
    pub(crate) fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let name = path.display().to_string();
        if path.is_dir() {
            return Err(StoreError::new(
                ErrorKind::Database,
                format!("cannot open database {name}: it is a directory: give a file path"),
            ));
        }
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() && !dir.is_dir() {
                return Err(StoreError::new(
                    ErrorKind::Database,
                    format!(
                        "cannot create database {name}: directory {} does not exist: \
                         create it first",
                        dir.display()
                    ),
                ));
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| StoreError::sqlite(&name, "opening", e))?;
        SqliteStore::init(conn, name, true)
    }

    /// A new, empty database in memory.
    pub(crate) fn open_in_memory() -> Result<SqliteStore, StoreError> {
        let name = ":memory:".to_string();
        let conn =
            Connection::open_in_memory().map_err(|e| StoreError::sqlite(&name, "opening", e))?;
        SqliteStore::init(conn, name, false)
    }

    fn init(mut conn: Connection, name: String, file: bool) -> Result<SqliteStore, StoreError> {
        let db = name.as_str();
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| StoreError::sqlite(db, "setting the busy timeout", e))?;
        // The first read: a file that is not a database fails here, before
        // anything is written to it.
        let found = schema::user_version(&conn, db)?;
        if found > SCHEMA_VERSION {
            // `migrate` words the error.
            schema::migrate(&mut conn, db)?;
        }
        if file {
            // Switching the journal mode does not wait on the busy handler:
            // processes opening a new database together retry it here,
            // for as long as the busy timeout.
            let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
            let mode: String = loop {
                match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0)) {
                    Ok(mode) => break mode,
                    Err(rusqlite::Error::SqliteFailure(f, _))
                        if matches!(
                            f.code,
                            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                        ) && std::time::Instant::now() < deadline =>
                    {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    Err(e) => return Err(StoreError::sqlite(db, "switching to WAL mode", e)),
                }
            };
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::new(
                    ErrorKind::Database,
                    format!(
                        "database {db}: SQLite refused WAL mode (journal mode is {mode}): \
                         put the database on a local file system"
                    ),
                ));
            }
            // Safe with WAL: a crash loses at most the last transactions,
            // never consistency.
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(|e| StoreError::sqlite(db, "setting synchronous mode", e))?;
        }
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(|e| StoreError::sqlite(db, "enabling foreign keys", e))?;
        schema::migrate(&mut conn, db)?;
        conn.set_prepared_statement_cache_capacity(32);
        Ok(SqliteStore { conn, name })
    }

    fn sql_err<'a>(&'a self, what: &'a str) -> impl Fn(rusqlite::Error) -> StoreError + 'a {
        move |e| StoreError::sqlite(&self.name, what, e)
    }

    fn row_to_annotated(&self, row: &Row<'_>) -> Result<Annotated, StoreError> {
        let what = "reading a document";
        let get_err = self.sql_err(what);
        let id: String = row.get(0).map_err(&get_err)?;
        let published: Option<String> = row.get(4).map_err(&get_err)?;
        let json: String = row.get(7).map_err(&get_err)?;
        let doc = Document {
            published: parse_date(&self.name, &id, published.as_deref())?,
            title: row.get(1).map_err(&get_err)?,
            source: row.get(2).map_err(&get_err)?,
            url: row.get(3).map_err(&get_err)?,
            path: row.get(5).map_err(&get_err)?,
            text: row.get(6).map_err(&get_err)?,
            id,
            ..Document::default()
        };
        assemble(&self.name, doc, &json)
    }
}

impl Backend for SqliteStore {
    fn name(&self) -> &str {
        &self.name
    }

    fn recon_state(&self) -> Result<ReconState, StoreError> {
        crate::sqlite_recon::state(&self.conn, &self.name)
    }

    fn recon_pending(&self) -> Result<ReconPending, StoreError> {
        crate::sqlite_recon::pending(&self.conn, &self.name)
    }

    fn recon_touched(&self, docs: &[String], keys: &[String]) -> Result<Vec<ReconDoc>, StoreError> {
        crate::sqlite_recon::touched(&self.conn, &self.name, docs, keys)
    }

    fn recon_write(&mut self, w: &ReconWrite) -> Result<(), StoreError> {
        crate::sqlite_recon::write(&mut self.conn, &self.name, w)
    }

    fn recon_results(&self) -> Result<StoredResults, StoreError> {
        crate::sqlite_recon::results(&self.conn, &self.name)
    }

    fn recon_read(
        &self,
        sql: &str,
        args: &[crate::records::ReadArg],
    ) -> Result<Vec<Vec<String>>, StoreError> {
        crate::sqlite_recon::read(&self.conn, &self.name, sql, args)
    }

    fn schema_version(&self) -> Result<u32, StoreError> {
        schema::user_version(&self.conn, &self.name)
    }

    /// SQLite's `PRAGMA data_version`: it moves when another connection
    /// commits, never for this connection's own writes.
    fn data_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "data_version", |r| r.get(0))
            .map_err(self.sql_err("reading the data version"))
    }

    fn set_busy_timeout(&mut self, timeout: Duration) -> Result<(), StoreError> {
        self.conn.busy_timeout(timeout).map_err(self.sql_err("setting the busy timeout"))
    }

    fn insert_batch(&mut self, docs: &[Annotated]) -> Result<BatchStats, StoreError> {
        let db = self.name.as_str();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::sqlite(db, "starting a batch", e))?;
        let mut stats = BatchStats::default();
        for a in docs {
            insert_one(&tx, db, a, &mut stats)?;
        }
        tx.commit().map_err(|e| StoreError::sqlite(db, "committing a batch", e))?;
        Ok(stats)
    }

    fn has_url(&self, url: &str) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached("SELECT 1 FROM documents WHERE url = ?1 LIMIT 1")
            .and_then(|mut st| st.exists([url]))
            .map_err(self.sql_err("looking up a document by URL"))
    }

    fn contains(&self, id: &str) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")
            .and_then(|mut st| st.exists([id]))
            .map_err(self.sql_err("looking up a document"))
    }

    fn documents(&self) -> Result<Vec<DocumentMeta>, StoreError> {
        self.metas("", &[])
    }

    fn document_meta(&self, id: &str) -> Result<Option<DocumentMeta>, StoreError> {
        Ok(self.metas("WHERE d.id = ?1", &[id])?.pop())
    }

    fn listed_documents(&self, ids: &[String]) -> Result<Vec<ListedDocument>, StoreError> {
        let what = "listing documents";
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("?{i}")).collect();
            let mut st = self
                .conn
                .prepare_cached(&format!(
                    "SELECT d.id, d.title, d.source, d.url, d.published, d.path, d.ingested_at,
                            l.text_len, l.entities, l.claims, l.events, l.paged, l.head
                     FROM document_list l JOIN documents d ON d.id = l.doc
                     WHERE l.doc IN ({})",
                    marks.join(",")
                ))
                .map_err(self.sql_err(what))?;
            let rows = st
                .query_map(rusqlite::params_from_iter(chunk), |r| {
                    let n = |i: usize| r.get::<_, i64>(i).map(|n| n.max(0) as usize);
                    Ok((
                        ListedDocument {
                            meta: DocumentMeta {
                                id: r.get(0)?,
                                title: r.get(1)?,
                                source: r.get(2)?,
                                url: r.get(3)?,
                                published: None,
                                path: r.get(5)?,
                                ingested_at: r.get(6)?,
                                text_len: n(7)?,
                                entities: n(8)?,
                                claims: n(9)?,
                                events: n(10)?,
                            },
                            paged: r.get::<_, i64>(11)? != 0,
                            head: r.get(12)?,
                        },
                        r.get::<_, Option<String>>(4)?,
                    ))
                })
                .map_err(self.sql_err(what))?;
            for row in rows {
                let (mut l, published) = row.map_err(self.sql_err(what))?;
                l.meta.published = parse_date(&self.name, &l.meta.id, published.as_deref())?;
                out.push(l);
            }
        }
        Ok(out)
    }

    fn trigram_names(&self) -> bool {
        true
    }

    fn load(&self, id: &str) -> Result<Option<Annotated>, StoreError> {
        let what = "loading a document";
        let mut st = self
            .conn
            .prepare_cached(&format!("SELECT {ANNOTATED_COLUMNS} FROM documents WHERE id = ?1"))
            .map_err(self.sql_err(what))?;
        let mut rows = st.query([id]).map_err(self.sql_err(what))?;
        match rows.next().map_err(self.sql_err(what))? {
            Some(row) => self.row_to_annotated(row).map(Some),
            None => Ok(None),
        }
    }

    fn for_each_annotated(
        &self,
        f: &mut dyn FnMut(Annotated) -> ControlFlow<()>,
    ) -> Result<(), StoreError> {
        let what = "reading documents";
        let mut st = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ANNOTATED_COLUMNS} FROM documents
                 ORDER BY published IS NULL, published, id"
            ))
            .map_err(self.sql_err(what))?;
        let mut rows = st.query([]).map_err(self.sql_err(what))?;
        while let Some(row) = rows.next().map_err(self.sql_err(what))? {
            if f(self.row_to_annotated(row)?).is_break() {
                break;
            }
        }
        Ok(())
    }

    fn ids_from(&self, from: &str, n: usize) -> Result<Vec<String>, StoreError> {
        let what = "looking up a document id";
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE id >= ?1 ORDER BY id LIMIT ?2")
            .map_err(self.sql_err(what))?;
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        let ids = st
            .query_map(params![from, n], |r| r.get(0))
            .map_err(self.sql_err(what))?
            .collect::<Result<_, _>>()
            .map_err(self.sql_err(what))?;
        Ok(ids)
    }

    fn delete(&mut self, id: &str) -> Result<bool, StoreError> {
        let n = self
            .conn
            .prepare_cached("DELETE FROM documents WHERE id = ?1")
            .and_then(|mut st| st.execute([id]))
            .map_err(self.sql_err("removing a document"))?;
        Ok(n > 0)
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM entities),
                        (SELECT count(*) FROM claims), (SELECT count(*) FROM events)",
                [],
                |r| {
                    Ok(Counts {
                        documents: r.get::<_, i64>(0)? as usize,
                        entities: r.get::<_, i64>(1)? as usize,
                        claims: r.get::<_, i64>(2)? as usize,
                        events: r.get::<_, i64>(3)? as usize,
                    })
                },
            )
            .map_err(self.sql_err("counting"))
    }

    /// FTS5 with BM25, titles weighted 4:1, over the [`SEARCH_RANK_WINDOW`]
    /// most recently stored matches (a rowid range, which FTS5 applies
    /// before ranking).
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let Some(q) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let what = "searching";
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.title,
                        snippet(documents_fts, 1, '[', ']', '…', 16)
                 FROM documents_fts JOIN documents d ON d.rid = documents_fts.rowid
                 WHERE documents_fts MATCH ?1
                   AND documents_fts.rowid >= coalesce((
                       SELECT min(r) FROM (
                           SELECT rowid AS r FROM documents_fts WHERE documents_fts MATCH ?1
                           ORDER BY rowid DESC LIMIT ?3)), 0)
                 ORDER BY bm25(documents_fts, 4.0, 1.0), d.id
                 LIMIT ?2",
            )
            .map_err(self.sql_err(what))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let hits = st
            .query_map(params![q, limit, SEARCH_RANK_WINDOW], |r| {
                Ok(SearchHit { doc: r.get(0)?, title: r.get(1)?, snippet: r.get(2)? })
            })
            .map_err(self.sql_err(what))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.sql_err(what))?;
        Ok(hits)
    }

    fn add_decision_by(
        &mut self,
        kind: DecisionKind,
        a: &str,
        b: &str,
        who: Option<&str>,
    ) -> Result<i64, StoreError> {
        self.conn
            .prepare_cached("INSERT INTO decisions (kind, a, b, who) VALUES (?1, ?2, ?3, ?4)")
            .and_then(|mut st| st.insert(params![kind.as_str(), a, b, who]))
            .map_err(self.sql_err("recording a decision"))
    }

    fn undo_decision(
        &mut self,
        id: i64,
        who: Option<&str>,
    ) -> Result<Option<Decision>, StoreError> {
        let what = "undoing a decision";
        self.conn
            .prepare_cached(
                "UPDATE decisions SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), \
                 undone_by = ?2 WHERE id = ?1 AND undone_at IS NULL",
            )
            .and_then(|mut st| st.execute(params![id, who]))
            .map_err(self.sql_err(what))?;
        Ok(self.read_decisions(Some(id))?.pop())
    }

    fn decisions(&self) -> Result<Vec<Decision>, StoreError> {
        self.read_decisions(None)
    }
}

impl SqliteStore {
    /// Document metadata in the store's order, of the rows `filter` (a
    /// `WHERE` clause on `d`, or empty) keeps.
    fn metas(&self, filter: &str, args: &[&str]) -> Result<Vec<DocumentMeta>, StoreError> {
        self.metas_in(filter, "d.published IS NULL, d.published, d.id", args)
    }

    /// Document metadata of the rows `from` (joins and a `WHERE` clause on
    /// `d`, or empty) keeps, in `order` (with its `LIMIT`, if any).
    fn metas_in(
        &self,
        from: &str,
        order: &str,
        args: &[&str],
    ) -> Result<Vec<DocumentMeta>, StoreError> {
        let what = "listing documents";
        let filter = from;

        let mut st = self
            .conn
            .prepare_cached(&format!(
                "SELECT d.id, d.title, d.source, d.url, d.published, d.path, d.ingested_at,
                        length(CAST(d.text AS BLOB)),
                        (SELECT count(*) FROM entities e WHERE e.doc = d.id),
                        (SELECT count(*) FROM claims c WHERE c.doc = d.id),
                        (SELECT count(*) FROM events v WHERE v.doc = d.id)
                 FROM documents d {filter}
                 ORDER BY {order}"
            ))
            .map_err(self.sql_err(what))?;
        let rows = st
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok((
                    DocumentMeta {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        source: r.get(2)?,
                        url: r.get(3)?,
                        published: None,
                        path: r.get(5)?,
                        ingested_at: r.get(6)?,
                        text_len: r.get::<_, i64>(7)? as usize,
                        entities: r.get::<_, i64>(8)? as usize,
                        claims: r.get::<_, i64>(9)? as usize,
                        events: r.get::<_, i64>(10)? as usize,
                    },
                    r.get::<_, Option<String>>(4)?,
                ))
            })
            .map_err(self.sql_err(what))?;
        let mut out = Vec::new();
        for row in rows {
            let (mut meta, published) = row.map_err(self.sql_err(what))?;
            meta.published = parse_date(&self.name, &meta.id, published.as_deref())?;
            out.push(meta);
        }
        Ok(out)
    }

    /// Decision `only`, or all of them.
    fn read_decisions(&self, only: Option<i64>) -> Result<Vec<Decision>, StoreError> {
        let what = "reading decisions";
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, kind, a, b, created_at, who, undone_at, undone_by FROM decisions \
                 WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
            )
            .map_err(self.sql_err(what))?;
        let rows = st
            .query_map([only], |r| {
                Ok((
                    (r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?),
                    (r.get(4)?, r.get(5)?, r.get::<_, Option<String>>(6)?, r.get(7)?),
                ))
            })
            .map_err(self.sql_err(what))?;
        let mut out = Vec::new();
        for row in rows {
            let ((id, kind, a, b), (created_at, who, undone_at, undone_by)) =
                row.map_err(self.sql_err(what))?;
            let kind = DecisionKind::parse(&kind).ok_or_else(|| {
                StoreError::corrupt(&self.name, &format!("decision {id}"), format!("kind '{kind}'"))
            })?;
            let undone = undone_at.map(|at| Undo { at, by: undone_by });
            out.push(Decision { id, kind, a, b, created_at, who, undone });
        }
        Ok(out)
    }
}

fn insert_one(
    tx: &Connection,
    db: &str,
    a: &Annotated,
    stats: &mut BatchStats,
) -> Result<(), StoreError> {
    validate(db, a)?;
    let d = &a.doc;
    let id = d.id.as_str();
    let err = |what: &'static str| move |e| StoreError::sqlite(db, &format!("{what} of {id}"), e);
    let annotations = annotations_json(db, a)?;
    let n = tx
        .prepare_cached(
            "INSERT INTO documents (id, title, source, url, published, path, text, annotations)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO NOTHING",
        )
        .and_then(|mut st| {
            st.execute(params![
                id,
                d.title,
                d.source,
                d.url,
                format_date(d.published),
                d.path,
                d.text,
                annotations,
            ])
        })
        .map_err(err("inserting the document"))?;
    if n == 0 {
        stats.duplicates += 1;
        return Ok(());
    }
    stats.inserted += 1;

    let mut st = tx
        .prepare_cached(
            "INSERT INTO entities (doc, idx, kind, name, aliases, catalog_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(err("inserting the entities"))?;
    for (i, e) in a.entities.iter().enumerate() {
        st.execute(params![
            id,
            i as i64,
            e.kind.as_str(),
            e.name,
            json(db, id, &e.aliases)?,
            e.catalog_id
        ])
        .map_err(err("inserting the entities"))?;
    }
    stats.entities += a.entities.len();

    let mut st = tx
        .prepare_cached(
            "INSERT INTO claims (doc, idx, subject_idx, subject_name, predicate, value,
                                 when_json, source, modality, status, span_start, span_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )
        .map_err(err("inserting the claims"))?;
    for (i, c) in a.claims.iter().enumerate() {
        let when = c.when.as_ref().map(|w| json(db, id, w)).transpose()?;
        st.execute(params![
            id,
            i as i64,
            c.subject as i64,
            a.entities[c.subject].name,
            c.predicate.as_str(),
            json(db, id, &c.value)?,
            when,
            c.source,
            c.modality.as_str(),
            c.status,
            c.span.start,
            c.span.end,
        ])
        .map_err(err("inserting the claims"))?;
    }
    stats.claims += a.claims.len();

    let mut st = tx
        .prepare_cached("INSERT INTO events (doc, idx, kind, json) VALUES (?1, ?2, ?3, ?4)")
        .map_err(err("inserting the events"))?;
    for (i, e) in a.events.iter().enumerate() {
        st.execute(params![id, i as i64, e.kind.as_str(), json(db, id, e)?])
            .map_err(err("inserting the events"))?;
    }
    stats.events += a.events.len();
    tx.prepare_cached(schema::DOCUMENT_LIST_FILL)
        .and_then(|mut st| st.execute([id]))
        .map_err(err("inserting the list row"))?;
    Ok(())
}

/// Reads a column that may be absent, for tests.
#[cfg(test)]
fn one<T: rusqlite::types::FromSql>(store: &SqliteStore, sql: &str) -> Option<T> {
    use rusqlite::OptionalExtension;
    store.conn.query_row(sql, [], |r| r.get(0)).optional().unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_core::Span;

    fn doc(id: &str, text: &str) -> Annotated {
        Annotated {
            doc: Document { id: id.into(), text: text.into(), ..Document::default() },
            ..Annotated::default()
        }
    }

    #[test]
    fn pragmas_are_set_on_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("d.db")).unwrap();
        assert_eq!(one::<String>(&store, "PRAGMA journal_mode").as_deref(), Some("wal"));
        assert_eq!(one::<i64>(&store, "PRAGMA foreign_keys"), Some(1));
        assert!(one::<i64>(&store, "PRAGMA busy_timeout").unwrap() >= 1000);
    }

    #[test]
    fn fts_rows_follow_inserts_and_removes() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        store.insert_batch(&[doc("aaaaaa1", "Khorasan fighters"), doc("bbbbbb1", "x")]).unwrap();
        let fts = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'khorasan'";
        assert_eq!(one::<i64>(&store, fts), Some(1));
        assert!(store.delete("aaaaaa1").unwrap());
        assert_eq!(one::<i64>(&store, fts), Some(0));
        // The index agrees with its content table.
        store
            .conn
            .execute(
                "INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .unwrap();
    }

    #[test]
    fn invalid_documents_are_refused() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut a = doc("cccccc", "short");
        a.sentences.push(Span::new(0, 99));
        let e = store.insert_batch(&[a]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidDocument);
        assert!(e.to_string().contains("cccccc"), "{e}");
        assert_eq!(store.counts().unwrap().documents, 0);
    }
}
