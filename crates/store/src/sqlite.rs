//! The SQLite store.

use std::path::Path;
use std::time::Duration;

use dossier_core::{Annotated, Claim, Document, Event, LocalEntity, Mention, Span, Value};
use rusqlite::{params, Connection, OpenFlags, Row, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::error::{ErrorKind, StoreError};
use crate::fts::fts_query;
use crate::records::{BatchStats, Counts, Decision, DecisionKind, DocumentMeta, SearchHit, Undo};
use crate::schema::{self, SCHEMA_VERSION};

/// How long a write waits for another process's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The shortest id prefix [`Store::remove`] accepts.
pub const MIN_PREFIX: usize = 6;

/// How many of the most recently stored matches a search ranks.
pub const SEARCH_RANK_WINDOW: i64 = 500;

/// A dossier database: documents with their annotations, in one SQLite file.
///
/// Writes take `&mut self`; a `Store` is `Send` but not `Sync`, so share it
/// behind a `Mutex` or open one per thread (SQLite's WAL mode lets readers
/// run beside one writer).
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    /// The database's name in messages: its path, or `:memory:`.
    name: String,
}

/// `Annotated` minus its document, as stored in `documents.annotations`.
#[derive(Serialize)]
struct AnnotationsRef<'a> {
    paragraphs: &'a [Span],
    sentences: &'a [Span],
    mentions: &'a [Mention],
    entities: &'a [LocalEntity],
    claims: &'a [Claim],
    events: &'a [Event],
}

/// The owned twin of [`AnnotationsRef`]; missing fields read as empty so a
/// later schema may add fields.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Annotations {
    paragraphs: Vec<Span>,
    sentences: Vec<Span>,
    mentions: Vec<Mention>,
    entities: Vec<LocalEntity>,
    claims: Vec<Claim>,
    events: Vec<Event>,
}

/// The columns [`Store::row_to_annotated`] reads, in order.
const ANNOTATED_COLUMNS: &str = "id, title, source, url, published, path, text, annotations";

impl Store {
    /// Opens the database at `path`, creating it (and its schema) when it
    /// does not exist, and migrating an older schema.
    ///
    /// Fails when the file is not a SQLite database, when it was written by a
    /// newer dossier, or when it cannot be created.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
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
        Store::init(conn, name, true)
    }

    /// Opens a new, empty database in memory (for tests and one-off runs).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let name = ":memory:".to_string();
        let conn =
            Connection::open_in_memory().map_err(|e| StoreError::sqlite(&name, "opening", e))?;
        Store::init(conn, name, false)
    }

    fn init(mut conn: Connection, name: String, file: bool) -> Result<Store, StoreError> {
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
            let mode: String = conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
                .map_err(|e| StoreError::sqlite(db, "switching to WAL mode", e))?;
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
        Ok(Store { conn, name })
    }

    /// Sets how long a write waits for another process's lock before failing
    /// with [`ErrorKind::Locked`] (default 10 s).
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<(), StoreError> {
        self.conn.busy_timeout(timeout).map_err(self.sql_err("setting the busy timeout"))
    }

    /// The database's name as used in messages: its path, or `:memory:`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::user_version(&self.conn, &self.name)
    }

    /// SQLite's `PRAGMA data_version` of this connection: it changes when
    /// another connection (another process, or another `Store` on the same
    /// file) commits, and never for this connection's own writes, so a
    /// long-running reader can poll it to notice that its cache is stale.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "data_version", |r| r.get(0))
            .map_err(self.sql_err("reading the data version"))
    }

    fn sql_err<'a>(&'a self, what: &'a str) -> impl Fn(rusqlite::Error) -> StoreError + 'a {
        move |e| StoreError::sqlite(&self.name, what, e)
    }

    /// Stores a batch of annotated documents in one transaction.
    ///
    /// A document whose id is already stored (or appeared earlier in the
    /// batch) is skipped and counted in [`BatchStats::duplicates`]. On any
    /// error nothing of the batch is stored; earlier batches stay.
    pub fn insert_batch(&mut self, docs: &[Annotated]) -> Result<BatchStats, StoreError> {
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

    /// True when a document with id `id` is stored (so ingest can skip
    /// annotating it again).
    pub fn contains(&self, id: &str) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")
            .and_then(|mut st| st.exists([id]))
            .map_err(self.sql_err("looking up a document"))
    }

    /// Every stored document's metadata, ordered by publication date (undated
    /// last), then id.
    pub fn documents(&self) -> Result<Vec<DocumentMeta>, StoreError> {
        let what = "listing documents";
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.title, d.source, d.url, d.published, d.path, d.ingested_at,
                        length(CAST(d.text AS BLOB)),
                        (SELECT count(*) FROM entities e WHERE e.doc = d.id),
                        (SELECT count(*) FROM claims c WHERE c.doc = d.id),
                        (SELECT count(*) FROM events v WHERE v.doc = d.id)
                 FROM documents d
                 ORDER BY d.published IS NULL, d.published, d.id",
            )
            .map_err(self.sql_err(what))?;
        let rows = st
            .query_map([], |r| {
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

    /// The document with id `id` and its annotations, or `None`.
    pub fn load(&self, id: &str) -> Result<Option<Annotated>, StoreError> {
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

    /// Every stored document with its annotations, in the order of
    /// [`documents`](Store::documents). Holds them all in memory: prefer
    /// [`for_each_annotated`](Store::for_each_annotated) for big stores.
    pub fn load_all(&self) -> Result<Vec<Annotated>, StoreError> {
        let mut out = Vec::new();
        self.for_each_annotated(|a| {
            out.push(a);
            Ok::<(), StoreError>(())
        })?;
        Ok(out)
    }

    /// Calls `f` with every stored document, one at a time, in the order of
    /// [`documents`](Store::documents); stops at the first error `f` returns.
    pub fn for_each_annotated<E, F>(&self, mut f: F) -> Result<(), E>
    where
        F: FnMut(Annotated) -> Result<(), E>,
        E: From<StoreError>,
    {
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
            f(self.row_to_annotated(row)?)?;
        }
        Ok(())
    }

    fn row_to_annotated(&self, row: &Row<'_>) -> Result<Annotated, StoreError> {
        let what = "reading a document";
        let get_err = self.sql_err(what);
        let id: String = row.get(0).map_err(&get_err)?;
        let published: Option<String> = row.get(4).map_err(&get_err)?;
        let json: String = row.get(7).map_err(&get_err)?;
        let ann: Annotations = serde_json::from_str(&json).map_err(|e| {
            StoreError::corrupt(&self.name, &format!("annotations of document {id}"), e)
        })?;
        let doc = Document {
            published: parse_date(&self.name, &id, published.as_deref())?,
            title: row.get(1).map_err(&get_err)?,
            source: row.get(2).map_err(&get_err)?,
            url: row.get(3).map_err(&get_err)?,
            path: row.get(5).map_err(&get_err)?,
            text: row.get(6).map_err(&get_err)?,
            id,
        };
        Ok(Annotated {
            doc,
            paragraphs: ann.paragraphs,
            sentences: ann.sentences,
            mentions: ann.mentions,
            entities: ann.entities,
            claims: ann.claims,
            events: ann.events,
        })
    }

    /// Resolves an id or a unique id prefix of at least [`MIN_PREFIX`]
    /// characters to a stored id; `None` when nothing matches.
    pub fn resolve_id(&self, id_or_prefix: &str) -> Result<Option<String>, StoreError> {
        let what = "looking up a document id";
        // Ids sharing a prefix sort together, starting at the prefix itself:
        // the first two ids >= the prefix tell none, one or several.
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE id >= ?1 ORDER BY id LIMIT 2")
            .map_err(self.sql_err(what))?;
        let ids: Vec<String> = st
            .query_map([id_or_prefix], |r| r.get(0))
            .map_err(self.sql_err(what))?
            .collect::<Result<_, _>>()
            .map_err(self.sql_err(what))?;
        let matching: Vec<&String> = ids.iter().filter(|id| id.starts_with(id_or_prefix)).collect();
        match matching.as_slice() {
            [] => Ok(None),
            [one, ..] if one.as_str() == id_or_prefix => Ok(Some(id_or_prefix.to_string())),
            _ if id_or_prefix.chars().count() < MIN_PREFIX => Err(StoreError::new(
                ErrorKind::AmbiguousId,
                format!(
                    "database {}: '{id_or_prefix}' is too short an id prefix: give at \
                     least {MIN_PREFIX} characters of the document id",
                    self.name
                ),
            )),
            [one] => Ok(Some(one.to_string())),
            [a, b, ..] => Err(StoreError::new(
                ErrorKind::AmbiguousId,
                format!(
                    "database {}: id prefix '{id_or_prefix}' matches several documents \
                     ({a}, {b}, ...): give more characters of the id",
                    self.name
                ),
            )),
        }
    }

    /// Removes a document and everything derived from it (entities, claims,
    /// events, search index). Accepts the id or a unique prefix of at least
    /// [`MIN_PREFIX`] characters; returns the removed id, or `None` when no
    /// document matches. An ambiguous prefix is an error.
    pub fn remove(&mut self, id_or_prefix: &str) -> Result<Option<String>, StoreError> {
        let Some(id) = self.resolve_id(id_or_prefix)? else {
            return Ok(None);
        };
        let n = self
            .conn
            .prepare_cached("DELETE FROM documents WHERE id = ?1")
            .and_then(|mut st| st.execute([&id]))
            .map_err(self.sql_err("removing a document"))?;
        Ok((n > 0).then_some(id))
    }

    /// How many documents, entities, claims and events are stored.
    pub fn counts(&self) -> Result<Counts, StoreError> {
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

    /// Full-text search over titles and texts, best match first.
    ///
    /// Every word of `query` must occur (a trailing `*` searches a prefix);
    /// punctuation and FTS5 operators in it are taken literally, so no query
    /// is a syntax error. A query with no letters or digits finds nothing.
    ///
    /// Ranking (BM25, titles weighted 4:1) covers the [`SEARCH_RANK_WINDOW`]
    /// most recently stored matches (a rowid range, which FTS5 applies before
    /// ranking): a query of common words matches most of a large store, and
    /// ranking every match costs tens of milliseconds; this keeps a search
    /// at a few milliseconds whatever the words.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
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

    /// Records a manual merge or split of entities `a` and `b`; returns its id.
    pub fn add_decision(
        &mut self,
        kind: DecisionKind,
        a: &str,
        b: &str,
    ) -> Result<i64, StoreError> {
        self.conn
            .prepare_cached("INSERT INTO decisions (kind, a, b) VALUES (?1, ?2, ?3)")
            .and_then(|mut st| st.insert(params![kind.as_str(), a, b]))
            .map_err(self.sql_err("recording a decision"))
    }

    /// Records a manual merge or split of entities `a` and `b` made by
    /// `who` (a name the person gave; `None` when unknown); returns its id.
    pub fn add_decision_by(
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

    /// Undoes decision `id` on behalf of `who`: the decision stays in the
    /// audit trail, marked undone (when, by whom), and is no longer in force.
    /// Returns the decision as it now stands, or `None` when no decision
    /// has that id. Undoing a decision already undone keeps its first undo.
    pub fn undo_decision(
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

    /// Every manual decision, oldest first, undone ones included (check
    /// [`Decision::in_force`]).
    pub fn decisions(&self) -> Result<Vec<Decision>, StoreError> {
        self.read_decisions(None)
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

fn parse_date(
    db: &str,
    id: &str,
    s: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, StoreError> {
    s.map(|s| {
        s.parse()
            .map_err(|e| StoreError::corrupt(db, &format!("publication date of document {id}"), e))
    })
    .transpose()
}

/// Checks that every entity index and span of `a` points somewhere, so the
/// flattened tables never hold a dangling reference.
fn validate(db: &str, a: &Annotated) -> Result<(), StoreError> {
    let id = &a.doc.id;
    let n = a.entities.len();
    let len = a.doc.text.len();
    let bad = |what: String| {
        Err(StoreError::new(
            ErrorKind::InvalidDocument,
            format!(
                "database {db}: document {id} not stored: {what}; nothing of this batch \
                 was stored (this is a bug in extraction: report it with the document)"
            ),
        ))
    };
    if id.is_empty() {
        return bad("its id is empty".into());
    }
    let span_ok = |s: Span| s.end() <= len;
    for (i, m) in a.mentions.iter().enumerate() {
        if m.entity.is_some_and(|e| e >= n) || matches!(m.value, Some(Value::Entity(e)) if e >= n) {
            return bad(format!("mention {i} names entity beyond the {n} entities"));
        }
        if !span_ok(m.span) {
            return bad(format!("mention {i} span {:?} lies outside the text", m.span));
        }
    }
    for (i, c) in a.claims.iter().enumerate() {
        if c.subject >= n || matches!(c.value, Value::Entity(e) if e >= n) {
            return bad(format!("claim {i} names an entity beyond the {n} entities"));
        }
        if !span_ok(c.span) {
            return bad(format!("claim {i} span {:?} lies outside the text", c.span));
        }
    }
    for (i, e) in a.events.iter().enumerate() {
        if e.place.is_some_and(|p| p >= n) || e.perpetrators.iter().any(|&p| p >= n) {
            return bad(format!("event {i} names an entity beyond the {n} entities"));
        }
        if let Some(s) = e.spans.iter().find(|s| !span_ok(**s)) {
            return bad(format!("event {i} span {s:?} lies outside the text"));
        }
    }
    if let Some(s) = a.sentences.iter().chain(&a.paragraphs).find(|s| !span_ok(**s)) {
        return bad(format!("sentence or paragraph span {s:?} lies outside the text"));
    }
    Ok(())
}

fn json<T: Serialize + ?Sized>(db: &str, id: &str, v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| {
        StoreError::new(
            ErrorKind::InvalidDocument,
            format!("database {db}: document {id} not stored: cannot encode it: {e}"),
        )
    })
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
    let annotations = json(
        db,
        id,
        &AnnotationsRef {
            paragraphs: &a.paragraphs,
            sentences: &a.sentences,
            mentions: &a.mentions,
            entities: &a.entities,
            claims: &a.claims,
            events: &a.events,
        },
    )?;
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
                d.published.map(|p| p.format("%Y-%m-%d").to_string()),
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
    Ok(())
}

/// Reads a column that may be absent, for tests.
#[cfg(test)]
fn one<T: rusqlite::types::FromSql>(store: &Store, sql: &str) -> Option<T> {
    use rusqlite::OptionalExtension;
    store.conn.query_row(sql, [], |r| r.get(0)).optional().unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str) -> Annotated {
        Annotated {
            doc: Document { id: id.into(), text: text.into(), ..Document::default() },
            ..Annotated::default()
        }
    }

    #[test]
    fn pragmas_are_set_on_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("d.db")).unwrap();
        assert_eq!(one::<String>(&store, "PRAGMA journal_mode").as_deref(), Some("wal"));
        assert_eq!(one::<i64>(&store, "PRAGMA foreign_keys"), Some(1));
        assert!(one::<i64>(&store, "PRAGMA busy_timeout").unwrap() >= 1000);
    }

    #[test]
    fn fts_rows_follow_inserts_and_removes() {
        let mut store = Store::open_in_memory().unwrap();
        store.insert_batch(&[doc("aaaaaa1", "Khorasan fighters"), doc("bbbbbb1", "x")]).unwrap();
        let fts = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'khorasan'";
        assert_eq!(one::<i64>(&store, fts), Some(1));
        store.remove("aaaaaa").unwrap();
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
    fn short_prefix_is_refused_only_when_it_matches() {
        let mut store = Store::open_in_memory().unwrap();
        store.insert_batch(&[doc("abcdef01", "x")]).unwrap();
        assert_eq!(store.resolve_id("zz").unwrap(), None);
        let e = store.resolve_id("abc").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::AmbiguousId);
        assert_eq!(store.resolve_id("abcdef").unwrap().as_deref(), Some("abcdef01"));
    }

    #[test]
    fn invalid_documents_are_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let mut a = doc("cccccc", "short");
        a.sentences.push(Span::new(0, 99));
        let e = store.insert_batch(&[a]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidDocument);
        assert!(e.to_string().contains("cccccc"), "{e}");
        assert_eq!(store.counts().unwrap().documents, 0);
    }
}
