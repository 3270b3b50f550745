//! The PostgreSQL store.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::time::Duration;

use dossier_core::{Annotated, Document};
use postgres::error::SqlState;
use postgres::{Row, Transaction};

use super::search::{fold, pg_query, snippet, words};
use super::{schema, PgConnection, PgPool, PgTarget};
use crate::backend::Backend;
use crate::encode::{annotations_json, assemble, format_date, invalid, json, parse_date, validate};
use crate::error::{ErrorKind, StoreError};
use crate::recon_rows::{self, conflict};
use crate::records::ReadArg;
use crate::records::{
    BatchStats, Counts, Decision, DecisionKind, DocumentMeta, ListedDocument, ReconDoc,
    ReconPending, ReconState, ReconWrite, SearchHit, Undo,
};
use crate::SEARCH_RANK_WINDOW;
use dossier_core::reconcile::StoredResults;

/// Connections a store opens at most.
const POOL_SIZE: u32 = 8;

/// How many times a batch is tried again after a deadlock or a
/// serialization failure with another writer.
const RETRIES: usize = 4;

/// How many rows a streaming read fetches at a time.
const FETCH: i32 = 64;

/// How much of a text the full-text index reads: a `tsvector` holds at most
/// 1 MiB, and news reports are far shorter.
const INDEXED_TEXT: usize = 1 << 20;

/// The columns [`PgStore::row_to_annotated`] reads, in order.
const ANNOTATED_COLUMNS: &str = "id, title, source, url, to_char(published, 'YYYY-MM-DD'), \
                                 path, text, annotations";

/// The order of `documents` and `for_each_annotated`: dated first by date,
/// then by id (byte order, as on SQLite).
const DOCUMENT_ORDER: &str = "published ASC NULLS LAST, id";

/// A dossier database in PostgreSQL, reached through a pool.
///
/// The sync client runs a small runtime of its own, which cannot start
/// inside an async runtime (a server's request handlers): there, each call
/// runs on a thread of its own (see [`blocking`]), and so does the closing
/// of the pool's connections.
pub(crate) struct PgStore {
    core: PgCore,
}

/// What a [`PgStore`] holds; its methods block.
struct PgCore {
    /// Always `Some` but while a [`PgStore`] is dropped.
    pool: Option<PgPool>,
    name: String,
    /// `lock_timeout` of write transactions, when set.
    lock_timeout: Option<Duration>,
    /// How many times this store's own writes bumped the data version:
    /// subtracted, so that the data version moves only for other
    /// connections' writes, as SQLite's does.
    own_writes: i64,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("name", &self.core.name).finish()
    }
}

/// Runs `f` where the sync client may block: on this thread, or, inside an
/// async runtime, where the client's own runtime cannot start, on a thread
/// of its own.
fn blocking<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    if tokio::runtime::Handle::try_current().is_err() {
        return f();
    }
    std::thread::scope(|s| match s.spawn(f).join() {
        Ok(v) => v,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}

impl Drop for PgStore {
    fn drop(&mut self) {
        // Closing a connection blocks on the client's runtime.
        let pool = self.core.pool.take();
        blocking(move || drop(pool));
    }
}

impl PgStore {
    /// Connects, creates or migrates the schema, and opens the pool.
    pub(crate) fn open(target: &PgTarget) -> Result<PgStore, StoreError> {
        blocking(|| PgCore::open(target)).map(|core| PgStore { core })
    }
}

impl PgCore {
    fn open(target: &PgTarget) -> Result<PgCore, StoreError> {
        let mut conn = target.connect()?;
        // Texts are stored as they are, and lengths counted in UTF-8 bytes.
        let encoding: String = conn
            .query_one("SELECT current_setting('server_encoding')", &[])
            .map_err(|e| StoreError::pg(target.name(), "reading the server encoding", e))?
            .get(0);
        if encoding != "UTF8" {
            return Err(StoreError::new(
                ErrorKind::Database,
                format!(
                    "database {} uses the {encoding} encoding, which cannot hold every text: \
                     create one with ENCODING 'UTF8' and use it",
                    target.name()
                ),
            ));
        }
        schema::migrate(&mut conn, target.name(), target.schema())?;
        drop(conn);
        Ok(PgCore {
            pool: Some(target.pool(POOL_SIZE)?),
            name: target.name().to_string(),
            lock_timeout: None,
            own_writes: 0,
        })
    }

    fn conn(&self, what: &str) -> Result<PgConnection, StoreError> {
        let pool = self.pool.as_ref().ok_or_else(|| {
            StoreError::new(ErrorKind::Database, format!("database {}: {what}: closed", self.name))
        })?;
        pool.get().map_err(|e| StoreError::pool(&self.name, what, e))
    }

    fn err<'a>(&'a self, what: &'a str) -> impl Fn(postgres::Error) -> StoreError + 'a {
        move |e| StoreError::pg(&self.name, what, e)
    }

    fn row_to_annotated(&self, row: &Row) -> Result<Annotated, StoreError> {
        let get_err = |e| StoreError::corrupt(&self.name, "reading a document", e);
        let id: String = row.try_get(0).map_err(get_err)?;
        let published: Option<String> = row.try_get(4).map_err(get_err)?;
        let json: String = row.try_get(7).map_err(get_err)?;
        let doc = Document {
            published: parse_date(&self.name, &id, published.as_deref())?,
            title: row.try_get(1).map_err(get_err)?,
            source: row.try_get(2).map_err(get_err)?,
            url: row.try_get(3).map_err(get_err)?,
            path: row.try_get(5).map_err(get_err)?,
            text: row.try_get(6).map_err(get_err)?,
            id,
            ..Document::default()
        };
        assemble(&self.name, doc, &json)
    }

    /// One try at storing `docs` (unique ids, sorted by id).
    fn try_insert(
        &self,
        conn: &mut PgConnection,
        docs: &[&Annotated],
        rows: &Prepared,
    ) -> Result<BatchStats, postgres::Error> {
        let mut tx = conn.transaction()?;
        if let Some(t) = self.lock_timeout {
            tx.batch_execute(&format!("SET LOCAL lock_timeout = {}", t.as_millis().max(1)))?;
        }
        // Sorted ids: two writers with overlapping batches take the row
        // locks in the same order, so neither waits for the other in a cycle.
        let inserted: HashSet<String> = tx
            .query(
                "INSERT INTO documents
                     (id, title, source, url, published, path, text, annotations, search)
                 SELECT d.id, d.title, d.source, d.url, d.published::date, d.path, d.text,
                        d.annotations,
                        setweight(to_tsvector('dossier_english', d.ft), 'A')
                            || setweight(to_tsvector('dossier_english', d.fx), 'B')
                 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                             $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
                      WITH ORDINALITY
                      AS d(id, title, source, url, published, path, text, annotations, ft, fx, n)
                 ORDER BY d.n
                 ON CONFLICT (id) DO NOTHING
                 RETURNING id",
                &[
                    &rows.doc_id,
                    &rows.title,
                    &rows.source,
                    &rows.url,
                    &rows.published,
                    &rows.path,
                    &rows.text,
                    &rows.annotations,
                    &rows.fold_title,
                    &rows.fold_text,
                ],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        let mut stats = BatchStats {
            inserted: inserted.len(),
            duplicates: docs.len() - inserted.len(),
            ..BatchStats::default()
        };
        if inserted.is_empty() {
            return tx.commit().map(|()| stats);
        }
        let keep = |doc: &String| inserted.contains(doc);

        let e = rows.entities.only(keep);
        stats.entities = e.doc.len();
        tx.execute(
            "INSERT INTO entities (doc, idx, kind, name, aliases, catalog_id)
             SELECT * FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[], $5::text[],
                                  $6::text[])",
            &[&e.doc, &e.idx, &e.kind, &e.name, &e.aliases, &e.catalog_id],
        )?;
        let c = rows.claims.only(keep);
        stats.claims = c.doc.len();
        tx.execute(
            "INSERT INTO claims (doc, idx, subject_idx, subject_name, predicate, value,
                                 when_json, source, modality, status, span_start, span_end)
             SELECT * FROM unnest($1::text[], $2::int8[], $3::int8[], $4::text[], $5::text[],
                                  $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                                  $11::int8[], $12::int8[])",
            &[
                &c.doc,
                &c.idx,
                &c.subject_idx,
                &c.subject_name,
                &c.predicate,
                &c.value,
                &c.when_json,
                &c.source,
                &c.modality,
                &c.status,
                &c.span_start,
                &c.span_end,
            ],
        )?;
        let v = rows.events.only(keep);
        stats.events = v.doc.len();
        tx.execute(
            "INSERT INTO events (doc, idx, kind, json)
             SELECT * FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[])",
            &[&v.doc, &v.idx, &v.kind, &v.json],
        )?;
        let inserted: Vec<String> = inserted.into_iter().collect();
        tx.execute(schema::DOCUMENT_LIST_FILL, &[&inserted])?;
        bump(&mut tx)?;
        tx.commit()?;
        Ok(stats)
    }
}

/// Bumps the data version; the last statement of a write transaction, so
/// that the row lock it takes is held only until the commit, and a reader
/// sees the new number only once the write is visible.
fn bump(tx: &mut Transaction<'_>) -> Result<(), postgres::Error> {
    tx.execute("UPDATE dossier_meta SET value = value + 1 WHERE key = 'data_version'", &[])
        .map(drop)
}

/// A batch as columns, ready for `unnest`.
#[derive(Default)]
struct Prepared {
    doc_id: Vec<String>,
    title: Vec<Option<String>>,
    source: Vec<Option<String>>,
    url: Vec<Option<String>>,
    published: Vec<Option<String>>,
    path: Vec<Option<String>>,
    text: Vec<String>,
    annotations: Vec<String>,
    fold_title: Vec<String>,
    fold_text: Vec<String>,
    entities: EntityRows,
    claims: ClaimRows,
    events: EventRows,
}

#[derive(Default, Clone)]
struct EntityRows {
    doc: Vec<String>,
    idx: Vec<i64>,
    kind: Vec<String>,
    name: Vec<String>,
    aliases: Vec<String>,
    catalog_id: Vec<Option<String>>,
}

#[derive(Default, Clone)]
struct ClaimRows {
    doc: Vec<String>,
    idx: Vec<i64>,
    subject_idx: Vec<i64>,
    subject_name: Vec<String>,
    predicate: Vec<String>,
    value: Vec<String>,
    when_json: Vec<Option<String>>,
    source: Vec<Option<String>>,
    modality: Vec<String>,
    status: Vec<Option<String>>,
    span_start: Vec<i64>,
    span_end: Vec<i64>,
}

#[derive(Default, Clone)]
struct EventRows {
    doc: Vec<String>,
    idx: Vec<i64>,
    kind: Vec<String>,
    json: Vec<String>,
}

/// Keeps the rows of `doc` (a column) for which `keep` holds, across every
/// column of a rows struct.
macro_rules! filter_rows {
    ($ty:ident { $($col:ident),* }) => {
        impl $ty {
            fn only(&self, keep: impl Fn(&String) -> bool) -> $ty {
                let mask: Vec<bool> = self.doc.iter().map(|d| keep(d)).collect();
                if mask.iter().all(|&k| k) {
                    return self.clone();
                }
                $ty { doc: pick(&self.doc, &mask), $($col: pick(&self.$col, &mask)),* }
            }
        }
    };
}
/// The items of `v` whose `mask` entry is true.
fn pick<T: Clone>(v: &[T], mask: &[bool]) -> Vec<T> {
    v.iter().zip(mask).filter(|(_, &k)| k).map(|(x, _)| x.clone()).collect()
}

filter_rows!(EntityRows { idx, kind, name, aliases, catalog_id });
filter_rows!(ClaimRows {
    idx,
    subject_idx,
    subject_name,
    predicate,
    value,
    when_json,
    source,
    modality,
    status,
    span_start,
    span_end
});
filter_rows!(EventRows { idx, kind, json });

/// PostgreSQL text cannot hold NUL characters (SQLite's can); ingest strips
/// them, so one here is a caller's bug, refused by name.
fn check_nul(db: &str, a: &Annotated) -> Result<(), StoreError> {
    let d = &a.doc;
    let fields = [
        ("id", Some(&d.id)),
        ("title", d.title.as_ref()),
        ("source", d.source.as_ref()),
        ("url", d.url.as_ref()),
        ("path", d.path.as_ref()),
        ("text", Some(&d.text)),
    ];
    for (field, v) in fields {
        if v.is_some_and(|v| v.contains('\0')) {
            return Err(invalid(db, &d.id, &format!("its {field} holds a NUL character")));
        }
    }
    let names =
        a.entities.iter().map(|e| &e.name).chain(a.claims.iter().filter_map(|c| c.source.as_ref()));
    if names.into_iter().any(|n| n.contains('\0')) {
        return Err(invalid(db, &d.id, "an entity name or claim source holds a NUL character"));
    }
    Ok(())
}

/// The prefix of `s` of at most `max` bytes, cut at a character boundary.
fn head(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn prepare(db: &str, docs: &[&Annotated]) -> Result<Prepared, StoreError> {
    let mut p = Prepared::default();
    for a in docs {
        let d = &a.doc;
        let id = d.id.as_str();
        p.doc_id.push(d.id.clone());
        p.title.push(d.title.clone());
        p.source.push(d.source.clone());
        p.url.push(d.url.clone());
        p.published.push(format_date(d.published));
        p.path.push(d.path.clone());
        p.text.push(d.text.clone());
        p.annotations.push(annotations_json(db, a)?);
        p.fold_title.push(fold(d.title.as_deref().unwrap_or("")));
        p.fold_text.push(fold(head(&d.text, INDEXED_TEXT)));
        for (i, e) in a.entities.iter().enumerate() {
            let r = &mut p.entities;
            r.doc.push(d.id.clone());
            r.idx.push(i as i64);
            r.kind.push(e.kind.as_str().to_string());
            r.name.push(e.name.clone());
            r.aliases.push(json(db, id, &e.aliases)?);
            r.catalog_id.push(e.catalog_id.clone());
        }
        for (i, c) in a.claims.iter().enumerate() {
            let r = &mut p.claims;
            r.doc.push(d.id.clone());
            r.idx.push(i as i64);
            r.subject_idx.push(c.subject as i64);
            r.subject_name.push(a.entities[c.subject].name.clone());
            r.predicate.push(c.predicate.as_str().to_string());
            r.value.push(json(db, id, &c.value)?);
            r.when_json.push(c.when.as_ref().map(|w| json(db, id, w)).transpose()?);
            r.source.push(c.source.clone());
            r.modality.push(c.modality.as_str().to_string());
            r.status.push(c.status.clone());
            r.span_start.push(i64::from(c.span.start));
            r.span_end.push(i64::from(c.span.end));
        }
        for (i, e) in a.events.iter().enumerate() {
            let r = &mut p.events;
            r.doc.push(d.id.clone());
            r.idx.push(i as i64);
            r.kind.push(e.kind.as_str().to_string());
            r.json.push(json(db, id, e)?);
        }
    }
    Ok(p)
}

impl PgCore {
    fn schema_version(&self) -> Result<u32, StoreError> {
        schema::version(&mut *self.conn("reading the schema version")?, &self.name)
    }

    fn data_version(&self) -> Result<i64, StoreError> {
        let what = "reading the data version";
        self.conn(what)?
            .query_one("SELECT value FROM dossier_meta WHERE key = 'data_version'", &[])
            .map(|r| r.get::<_, i64>(0).wrapping_sub(self.own_writes))
            .map_err(self.err(what))
    }

    fn set_busy_timeout(&mut self, timeout: Duration) -> Result<(), StoreError> {
        self.lock_timeout = Some(timeout);
        Ok(())
    }

    fn insert_batch(&mut self, docs: &[Annotated]) -> Result<BatchStats, StoreError> {
        let mut seen = HashSet::new();
        let mut unique: Vec<&Annotated> = Vec::with_capacity(docs.len());
        for a in docs {
            validate(&self.name, a)?;
            check_nul(&self.name, a)?;
            if seen.insert(a.doc.id.as_str()) {
                unique.push(a);
            }
        }
        let repeated = docs.len() - unique.len();
        unique.sort_by(|a, b| a.doc.id.as_bytes().cmp(b.doc.id.as_bytes()));
        let rows = prepare(&self.name, &unique)?;
        let what = "storing a batch";
        let mut conn = self.conn(what)?;
        let mut tries = 0;
        loop {
            match self.try_insert(&mut conn, &unique, &rows) {
                Ok(mut stats) => {
                    if stats.inserted > 0 {
                        self.own_writes += 1;
                    }
                    stats.duplicates += repeated;
                    return Ok(stats);
                }
                Err(e)
                    if tries < RETRIES
                        && e.code().is_some_and(|c| {
                            *c == SqlState::T_R_DEADLOCK_DETECTED
                                || *c == SqlState::T_R_SERIALIZATION_FAILURE
                        }) =>
                {
                    tries += 1;
                }
                Err(e) => return Err(StoreError::pg(&self.name, what, e)),
            }
        }
    }

    fn has_url(&self, url: &str) -> Result<bool, StoreError> {
        let what = "looking up a document by URL";
        self.conn(what)?
            .query_opt("SELECT 1 FROM documents WHERE url = $1 LIMIT 1", &[&url])
            .map(|r| r.is_some())
            .map_err(self.err(what))
    }

    fn contains(&self, id: &str) -> Result<bool, StoreError> {
        let what = "looking up a document";
        self.conn(what)?
            .query_opt("SELECT 1 FROM documents WHERE id = $1", &[&id])
            .map(|r| r.is_some())
            .map_err(self.err(what))
    }

    fn documents(&self) -> Result<Vec<DocumentMeta>, StoreError> {
        self.metas("", &[])
    }

    fn document_meta(&self, id: &str) -> Result<Option<DocumentMeta>, StoreError> {
        Ok(self.metas("WHERE d.id = $1", &[&id])?.pop())
    }

    fn listed_documents(&self, ids: &[String]) -> Result<Vec<ListedDocument>, StoreError> {
        let what = "listing documents";
        let rows = self
            .conn(what)?
            .query(
                "SELECT d.id, d.title, d.source, d.url, to_char(d.published, 'YYYY-MM-DD'),
                        d.path,
                        to_char(d.ingested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
                        l.text_len, l.entities, l.claims, l.events, l.paged, l.head
                 FROM document_list l JOIN documents d ON d.id = l.doc
                 WHERE l.doc = ANY($1)",
                &[&ids],
            )
            .map_err(self.err(what))?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let count = |i: usize| r.get::<_, i64>(i).max(0) as usize;
            let id: String = r.get(0);
            let published: Option<String> = r.get(4);
            out.push(ListedDocument {
                meta: DocumentMeta {
                    published: parse_date(&self.name, &id, published.as_deref())?,
                    id,
                    title: r.get(1),
                    source: r.get(2),
                    url: r.get(3),
                    path: r.get(5),
                    ingested_at: r.get(6),
                    text_len: count(7),
                    entities: count(8),
                    claims: count(9),
                    events: count(10),
                },
                paged: r.get(11),
                head: r.get(12),
            });
        }
        Ok(out)
    }

    /// Document metadata in the store's order, of the rows `filter` (a
    /// `WHERE` clause on `d`, or empty) keeps.
    fn metas(
        &self,
        filter: &str,
        args: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Vec<DocumentMeta>, StoreError> {
        self.metas_in(filter, DOCUMENT_ORDER, args)
    }

    /// Document metadata of the rows `filter` (joins and a `WHERE` clause
    /// on `d`, or empty) keeps, in `order` (with its `LIMIT`, if any).
    fn metas_in(
        &self,
        filter: &str,
        order: &str,
        args: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Vec<DocumentMeta>, StoreError> {
        let what = "listing documents";
        let rows = self
            .conn(what)?
            .query(
                &format!(
                    "SELECT d.id, d.title, d.source, d.url, to_char(d.published, 'YYYY-MM-DD'),
                            d.path,
                            to_char(d.ingested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
                            octet_length(d.text)::int8,
                            (SELECT count(*) FROM entities e WHERE e.doc = d.id),
                            (SELECT count(*) FROM claims c WHERE c.doc = d.id),
                            (SELECT count(*) FROM events v WHERE v.doc = d.id)
                     FROM documents d {filter}
                     ORDER BY {order}"
                ),
                args,
            )
            .map_err(self.err(what))?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let count = |i: usize| r.get::<_, i64>(i).max(0) as usize;
            let id: String = r.get(0);
            let published: Option<String> = r.get(4);
            out.push(DocumentMeta {
                published: parse_date(&self.name, &id, published.as_deref())?,
                id,
                title: r.get(1),
                source: r.get(2),
                url: r.get(3),
                path: r.get(5),
                ingested_at: r.get(6),
                text_len: count(7),
                entities: count(8),
                claims: count(9),
                events: count(10),
            });
        }
        Ok(out)
    }

    fn load(&self, id: &str) -> Result<Option<Annotated>, StoreError> {
        let what = "loading a document";
        let row = self
            .conn(what)?
            .query_opt(&format!("SELECT {ANNOTATED_COLUMNS} FROM documents WHERE id = $1"), &[&id])
            .map_err(self.err(what))?;
        row.map(|r| self.row_to_annotated(&r)).transpose()
    }

    fn for_each_annotated(
        &self,
        f: &mut dyn FnMut(Annotated) -> ControlFlow<()>,
    ) -> Result<(), StoreError> {
        let what = "reading documents";
        let mut conn = self.conn(what)?;
        // A cursor in a read-only snapshot: memory stays bounded, and the
        // documents are those of one moment.
        let mut tx = conn
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(self.err(what))?;
        let portal = tx
            .bind(
                &format!("SELECT {ANNOTATED_COLUMNS} FROM documents ORDER BY {DOCUMENT_ORDER}"),
                &[],
            )
            .map_err(self.err(what))?;
        loop {
            let rows = tx.query_portal(&portal, FETCH).map_err(self.err(what))?;
            if rows.is_empty() {
                return Ok(());
            }
            for r in &rows {
                if f(self.row_to_annotated(r)?).is_break() {
                    return Ok(());
                }
            }
        }
    }

    fn ids_from(&self, from: &str, n: usize) -> Result<Vec<String>, StoreError> {
        let what = "looking up a document id";
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        let rows = self
            .conn(what)?
            .query("SELECT id FROM documents WHERE id >= $1 ORDER BY id LIMIT $2", &[&from, &n])
            .map_err(self.err(what))?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn delete(&mut self, id: &str) -> Result<bool, StoreError> {
        let what = "removing a document";
        let mut conn = self.conn(what)?;
        let mut tx = conn.transaction().map_err(self.err(what))?;
        if let Some(t) = self.lock_timeout {
            tx.batch_execute(&format!("SET LOCAL lock_timeout = {}", t.as_millis().max(1)))
                .map_err(self.err(what))?;
        }
        let n =
            tx.execute("DELETE FROM documents WHERE id = $1", &[&id]).map_err(self.err(what))?;
        if n > 0 {
            bump(&mut tx).map_err(self.err(what))?;
        }
        tx.commit().map_err(self.err(what))?;
        if n > 0 {
            self.own_writes += 1;
        }
        Ok(n > 0)
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let what = "counting";
        let r = self
            .conn(what)?
            .query_one(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM entities),
                        (SELECT count(*) FROM claims), (SELECT count(*) FROM events)",
                &[],
            )
            .map_err(self.err(what))?;
        let count = |i: usize| r.get::<_, i64>(i).max(0) as usize;
        Ok(Counts { documents: count(0), entities: count(1), claims: count(2), events: count(3) })
    }

    /// `ts_rank` over the weighted `tsvector` (title A at 1.0, text B at
    /// 0.25: the 4:1 of the SQLite store), normalized by document length as
    /// BM25 is, over the [`SEARCH_RANK_WINDOW`] most recently stored matches.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let words = words(query);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let (whole, prefix) = pg_query(&words);
        // The query is spelled out where it is used (not in a CTE), so that
        // the planner sees it: a common word then walks the newest rows
        // backwards and stops at the window, a rare one uses the GIN index.
        let (query, mut params): (&str, Vec<&(dyn postgres::types::ToSql + Sync)>) =
            match (whole.is_empty(), prefix.is_empty()) {
                (false, true) => ("websearch_to_tsquery('dossier_english', $1)", vec![&whole]),
                (true, false) => ("to_tsquery('dossier_english', $1)", vec![&prefix]),
                _ => (
                    "(websearch_to_tsquery('dossier_english', $1) && to_tsquery('dossier_english', $2))",
                    vec![&whole, &prefix],
                ),
            };
        let what = "searching";
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let (window, top) = (params.len() + 1, params.len() + 2);
        params.push(&SEARCH_RANK_WINDOW);
        params.push(&limit);
        let rows = self
            .conn(what)?
            .query(
                &format!(
                    "WITH recent AS (
                         SELECT rid FROM documents
                         WHERE search @@ {query}
                         ORDER BY rid DESC
                         LIMIT ${window}
                     ),
                     ranked AS (
                         SELECT d.rid, d.id,
                                ts_rank('{{0.1, 0.2, 0.25, 1.0}}', d.search, {query}, 1) AS rank
                         FROM recent JOIN documents d ON d.rid = recent.rid
                         ORDER BY rank DESC, d.id
                         LIMIT ${top}
                     )
                     SELECT d.id, d.title, d.text
                     FROM ranked JOIN documents d ON d.rid = ranked.rid
                     ORDER BY ranked.rank DESC, d.id"
                ),
                &params,
            )
            .map_err(self.err(what))?;
        Ok(rows
            .iter()
            .map(|r| {
                let text: String = r.get(2);
                SearchHit { doc: r.get(0), title: r.get(1), snippet: snippet(&text, &words) }
            })
            .collect())
    }

    fn add_decision_by(
        &mut self,
        kind: DecisionKind,
        a: &str,
        b: &str,
        who: Option<&str>,
    ) -> Result<i64, StoreError> {
        let what = "recording a decision";
        let mut conn = self.conn(what)?;
        let mut tx = conn.transaction().map_err(self.err(what))?;
        let id: i64 = tx
            .query_one(
                "INSERT INTO decisions (kind, a, b, who) VALUES ($1, $2, $3, $4) RETURNING id",
                &[&kind.as_str(), &a, &b, &who],
            )
            .map_err(self.err(what))?
            .get(0);
        bump(&mut tx).map_err(self.err(what))?;
        tx.commit().map_err(self.err(what))?;
        self.own_writes += 1;
        Ok(id)
    }

    fn undo_decision(
        &mut self,
        id: i64,
        who: Option<&str>,
    ) -> Result<Option<Decision>, StoreError> {
        let what = "undoing a decision";
        let mut conn = self.conn(what)?;
        let mut tx = conn.transaction().map_err(self.err(what))?;
        let n = tx
            .execute(
                "UPDATE decisions SET undone_at = now(), undone_by = $2 \
                 WHERE id = $1 AND undone_at IS NULL",
                &[&id, &who],
            )
            .map_err(self.err(what))?;
        if n > 0 {
            bump(&mut tx).map_err(self.err(what))?;
        }
        tx.commit().map_err(self.err(what))?;
        if n > 0 {
            self.own_writes += 1;
        }
        Ok(self.read_decisions(Some(id))?.pop())
    }

    fn decisions(&self) -> Result<Vec<Decision>, StoreError> {
        self.read_decisions(None)
    }

    /// Decision `only`, or all of them.
    fn read_decisions(&self, only: Option<i64>) -> Result<Vec<Decision>, StoreError> {
        let what = "reading decisions";
        let rows = self
            .conn(what)?
            .query(
                "SELECT id, kind, a, b,
                        to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
                        who,
                        to_char(undone_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
                        undone_by
                 FROM decisions WHERE $1::BIGINT IS NULL OR id = $1 ORDER BY id",
                &[&only],
            )
            .map_err(self.err(what))?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.get(0);
                let kind: String = r.get(1);
                let kind = DecisionKind::parse(&kind).ok_or_else(|| {
                    StoreError::corrupt(
                        &self.name,
                        &format!("decision {id}"),
                        format!("kind '{kind}'"),
                    )
                })?;
                let undone = r.get::<_, Option<String>>(6).map(|at| Undo { at, by: r.get(7) });
                Ok(Decision {
                    id,
                    kind,
                    a: r.get(2),
                    b: r.get(3),
                    created_at: r.get(4),
                    who: r.get(5),
                    undone,
                })
            })
            .collect()
    }
}

/// The advisory lock a write of reconciliation results holds ("recon").
const RECON_LOCK: i64 = 0x0072_6563_6f6e;

fn recon_state_of(
    conn: &mut impl postgres::GenericClient,
    lock: bool,
) -> Result<ReconState, postgres::Error> {
    let sql = if lock {
        "SELECT key, value FROM recon_state ORDER BY key FOR UPDATE"
    } else {
        "SELECT key, value FROM recon_state ORDER BY key"
    };
    let mut st = ReconState::default();
    for r in conn.query(sql, &[])? {
        let (k, v): (String, String) = (r.get(0), r.get(1));
        match k.as_str() {
            "generation" => st.generation = v.parse().unwrap_or(0),
            "decisions" => st.decisions = v,
            _ => {}
        }
    }
    Ok(st)
}

impl PgCore {
    fn recon_state(&self) -> Result<ReconState, StoreError> {
        let what = "reading the reconciliation state";
        recon_state_of(&mut *self.conn(what)?, false).map_err(self.err(what))
    }

    fn recon_pending(&self) -> Result<ReconPending, StoreError> {
        let what = "listing the documents to reconcile";
        let mut conn = self.conn(what)?;
        let mut list = |sql: &str| -> Result<Vec<String>, StoreError> {
            Ok(conn.query(sql, &[]).map_err(self.err(what))?.iter().map(|r| r.get(0)).collect())
        };
        Ok(ReconPending {
            added: list(recon_rows::ADDED_SQL)?,
            removed: list(recon_rows::REMOVED_SQL)?,
        })
    }

    fn recon_touched(&self, docs: &[String], keys: &[String]) -> Result<Vec<ReconDoc>, StoreError> {
        let what = "finding the components to reconcile";
        let rows = self
            .conn(what)?
            .query(
                "SELECT doc, component FROM recon_docs WHERE component IN ( \
                   SELECT component FROM recon_docs WHERE doc = ANY($1) \
                   UNION SELECT r.component FROM recon_keys k JOIN recon_docs r ON r.doc = k.doc \
                   WHERE k.key = ANY($2)) ORDER BY doc",
                &[&docs, &keys],
            )
            .map_err(self.err(what))?;
        Ok(rows
            .iter()
            .map(|r| ReconDoc { doc: r.get(0), component: r.get(1), keys: Vec::new() })
            .collect())
    }

    fn recon_write(&mut self, w: &ReconWrite) -> Result<(), StoreError> {
        let what = "writing reconciliation results";
        let db = self.name.clone();
        let mut conn = self.conn(what)?;
        let mut tx = conn.transaction().map_err(self.err(what))?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&RECON_LOCK]).map_err(self.err(what))?;
        if recon_state_of(&mut tx, true).map_err(self.err(what))?.generation != w.expect_generation
        {
            return Err(conflict(&db));
        }
        if w.full {
            tx.batch_execute(
                "DELETE FROM recon_docs; DELETE FROM recon_keys; DELETE FROM recon_entities;
                 DELETE FROM recon_findings; DELETE FROM recon_events; DELETE FROM recon_claims;
                 DELETE FROM recon_event_links; DELETE FROM recon_locals;
                 DELETE FROM recon_finding_list; DELETE FROM recon_unapplied;",
            )
            .map_err(self.err(what))?;
        } else {
            tx.execute("DELETE FROM recon_docs WHERE doc = ANY($1)", &[&w.forget_docs])
                .map_err(self.err(what))?;
            tx.execute("DELETE FROM recon_keys WHERE doc = ANY($1)", &[&w.forget_docs])
                .map_err(self.err(what))?;
            for table in recon_rows::COMPONENT_TABLES {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE component = ANY($1)"),
                    &[&w.forget_components],
                )
                .map_err(self.err(what))?;
            }
        }
        let (mut docs, mut comps, mut kdocs, mut keys) = (vec![], vec![], vec![], vec![]);
        for d in &w.docs {
            docs.push(d.doc.clone());
            comps.push(d.component.clone());
            for k in &d.keys {
                kdocs.push(d.doc.clone());
                keys.push(k.clone());
            }
        }
        tx.execute(
            "INSERT INTO recon_docs (doc, component) SELECT * FROM unnest($1::text[], $2::text[])",
            &[&docs, &comps],
        )
        .map_err(self.err(what))?;
        tx.execute(
            "INSERT INTO recon_keys (key, doc) SELECT * FROM unnest($1::text[], $2::text[]) \
             ON CONFLICT DO NOTHING",
            &[&keys, &kdocs],
        )
        .map_err(self.err(what))?;
        let mut ent: [Vec<String>; 11] = Default::default();
        let mut fin: [Vec<String>; 8] = Default::default();
        let mut fin_order: [Vec<i64>; 3] = Default::default();
        let mut evs: [Vec<String>; 7] = Default::default();
        let mut ev_geo: [Vec<Option<String>>; 2] = Default::default();
        let mut ev_killed: Vec<f64> = Vec::new();
        let mut cls: [Vec<String>; 7] = Default::default();
        let mut cl_values: [Vec<Option<String>>; 2] = Default::default();
        let mut lns: [Vec<String>; 3] = Default::default();
        let mut locs: [Vec<String>; 3] = Default::default();
        let mut loc_relevance: Vec<i64> = Vec::new();
        for (c, part) in &w.parts {
            let rows = recon_rows::read_rows(&db, part)?;
            for (doc, json, relevance) in rows.locals {
                for (v, s) in locs.iter_mut().zip([doc, c.clone(), json]) {
                    v.push(s);
                }
                loc_relevance.push(relevance);
            }
            let (extra, claims, links) = (rows.extra, rows.claims, rows.links);
            for (x, [grp, docs, claims, events, names, degree]) in part.entities.iter().zip(extra) {
                let (id, kind, name, json) = recon_rows::entity_row(&db, x)?;
                for (v, s) in ent.iter_mut().zip([
                    id,
                    c.clone(),
                    kind,
                    name,
                    json,
                    grp,
                    docs,
                    claims,
                    events,
                    names,
                    degree,
                ]) {
                    v.push(s);
                }
            }
            for r in claims {
                for (v, s) in cls.iter_mut().zip([
                    r.id,
                    c.clone(),
                    r.doc,
                    r.subject,
                    r.json,
                    r.predicate,
                    r.ord,
                ]) {
                    v.push(s);
                }
                cl_values[0].push(r.value);
                cl_values[1].push(r.verdict);
            }
            for (link, event) in links {
                for (v, s) in lns.iter_mut().zip([link, event, c.clone()]) {
                    v.push(s);
                }
            }
            let by_id = recon_rows::claims_by_id(part);
            for x in &part.findings {
                let r = recon_rows::finding_row(&db, x, &by_id)?;
                for (v, s) in fin.iter_mut().zip([
                    r.subject,
                    r.predicate,
                    c.clone(),
                    r.verdict,
                    r.json,
                    r.subject_name,
                    r.record,
                    r.line,
                ]) {
                    v.push(s);
                }
                for (v, n) in fin_order.iter_mut().zip(recon_rows::finding_order(x)) {
                    v.push(n);
                }
            }
            for x in &part.events {
                let r = recon_rows::event_row(&db, x)?;
                for (v, s) in evs.iter_mut().zip([
                    r.id,
                    c.clone(),
                    r.kind,
                    r.json,
                    r.day,
                    r.last_day,
                    r.month,
                ]) {
                    v.push(s);
                }
                ev_geo[0].push(r.country);
                ev_geo[1].push(r.admin1);
                ev_killed.push(r.killed);
            }
        }
        tx.execute(
            "INSERT INTO recon_entities (id, component, kind, name, json, grp, doc_count, claims, \
             events, names, degree) SELECT a, b, c, d, e, f::int, g::int, h::int, i::int, j, \
             k::int FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], \
             $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[]) \
             AS t(a, b, c, d, e, f, g, h, i, j, k)",
            &[
                &ent[0], &ent[1], &ent[2], &ent[3], &ent[4], &ent[5], &ent[6], &ent[7], &ent[8],
                &ent[9], &ent[10],
            ],
        )
        .map_err(self.err(what))?;
        tx.execute(
            "INSERT INTO recon_claims (id, component, doc, subject, value_entity, json, \
             predicate, verdict, ord) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], \
             $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])",
            &[
                &cls[0],
                &cls[1],
                &cls[2],
                &cls[3],
                &cl_values[0],
                &cls[4],
                &cls[5],
                &cl_values[1],
                &cls[6],
            ],
        )
        .map_err(self.err(what))?;
        tx.execute(
            "INSERT INTO recon_event_links (link, event, component) \
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[])",
            &[&lns[0], &lns[1], &lns[2]],
        )
        .map_err(self.err(what))?;
        tx.execute(
            "INSERT INTO recon_locals (doc, component, json, relevance) \
             SELECT a, b, c, d::int FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[]) \
             AS t(a, b, c, d)",
            &[&locs[0], &locs[1], &locs[2], &loc_relevance],
        )
        .map_err(self.err(what))?;
        tx.execute(
            "INSERT INTO recon_findings (subject, predicate, component, verdict, json, vrank, \
             sources, nclaims) SELECT a, b, c, d, e, f::int, g::int, h::int FROM \
             unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int8[], \
             $7::int8[], $8::int8[]) AS t(a, b, c, d, e, f, g, h)",
            &[
                &fin[0],
                &fin[1],
                &fin[2],
                &fin[3],
                &fin[4],
                &fin_order[0],
                &fin_order[1],
                &fin_order[2],
            ],
        )
        .map_err(self.err(what))?;
        tx.execute(
            "INSERT INTO recon_finding_list (subject, predicate, component, verdict, vrank, \
             sources, nclaims, subject_name, record, line) SELECT a, b, c, d, f::int, g::int, \
             h::int, i, j, k FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], \
             $5::int8[], $6::int8[], $7::int8[], $8::text[], $9::text[], $10::text[]) \
             AS t(a, b, c, d, f, g, h, i, j, k)",
            &[
                &fin[0],
                &fin[1],
                &fin[2],
                &fin[3],
                &fin_order[0],
                &fin_order[1],
                &fin_order[2],
                &fin[5],
                &fin[6],
                &fin[7],
            ],
        )
        .map_err(self.err(what))?;
        tx.execute(
            "INSERT INTO recon_events (id, component, kind, json, day, last_day, country, admin1, \
             killed, month) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], \
             $5::text[], $6::text[], $7::text[], $8::text[], $9::float8[], $10::text[])",
            &[
                &evs[0], &evs[1], &evs[2], &evs[3], &evs[4], &evs[5], &ev_geo[0], &ev_geo[1],
                &ev_killed, &evs[6],
            ],
        )
        .map_err(self.err(what))?;
        let mut unapplied: [Vec<String>; 3] = Default::default();
        for (c, part) in &w.parts {
            for (decision, json) in recon_rows::unapplied_rows(&db, part)? {
                unapplied[0].push(decision);
                unapplied[1].push(c.clone());
                unapplied[2].push(json);
            }
        }
        tx.execute(
            "INSERT INTO recon_unapplied (decision, component, json) \
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[])",
            &[&unapplied[0], &unapplied[1], &unapplied[2]],
        )
        .map_err(self.err(what))?;
        tx.execute(
            "UPDATE recon_state SET value = $1 WHERE key = 'generation'",
            &[&(w.expect_generation + 1).to_string()],
        )
        .map_err(self.err(what))?;
        tx.execute("UPDATE recon_state SET value = $1 WHERE key = 'decisions'", &[&w.decisions])
            .map_err(self.err(what))?;
        bump(&mut tx).map_err(self.err(what))?;
        tx.commit().map_err(self.err(what))?;
        self.own_writes += 1;
        Ok(())
    }

    fn recon_results(&self) -> Result<StoredResults, StoreError> {
        let what = "reading reconciliation results";
        let mut conn = self.conn(what)?;
        let mut list = |sql: &str| -> Result<Vec<String>, StoreError> {
            Ok(conn.query(sql, &[]).map_err(self.err(what))?.iter().map(|r| r.get(0)).collect())
        };
        let e = list("SELECT json FROM recon_entities ORDER BY id")?;
        let f = list("SELECT json FROM recon_findings ORDER BY subject, predicate")?;
        let v = list("SELECT json FROM recon_events ORDER BY id")?;
        let c = list("SELECT json FROM recon_claims ORDER BY id")?;
        let l = list("SELECT json FROM recon_locals ORDER BY doc")?;
        let u = list("SELECT json FROM recon_unapplied ORDER BY decision")?;
        recon_rows::results(&self.name, &e, &f, &v, &c, &l, &u)
    }

    fn recon_read(&self, sql: &str, args: &[ReadArg]) -> Result<Vec<Vec<String>>, StoreError> {
        let what = "reading reconciliation results";
        let mut conn = self.conn(what)?;
        let params: Vec<Box<dyn postgres::types::ToSql + Sync>> = args
            .iter()
            .map(|a| -> Box<dyn postgres::types::ToSql + Sync> {
                match a {
                    ReadArg::Text(t) => Box::new(t.clone()),
                    ReadArg::Int(i) => Box::new(*i),
                    ReadArg::Real(x) => Box::new(*x),
                }
            })
            .collect();
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
            params.iter().map(|p| p.as_ref()).collect();
        let rows = conn.query(sql, &refs).map_err(self.err(what))?;
        Ok(rows
            .iter()
            .map(|r| {
                (0..r.len())
                    .map(|i| r.try_get::<_, Option<String>>(i).ok().flatten().unwrap_or_default())
                    .collect()
            })
            .collect())
    }
}

impl Backend for PgStore {
    fn name(&self) -> &str {
        &self.core.name
    }

    fn pg_pool(&self) -> Option<&PgPool> {
        self.core.pool.as_ref()
    }

    fn recon_state(&self) -> Result<ReconState, StoreError> {
        blocking(|| self.core.recon_state())
    }

    fn recon_pending(&self) -> Result<ReconPending, StoreError> {
        blocking(|| self.core.recon_pending())
    }

    fn recon_touched(&self, docs: &[String], keys: &[String]) -> Result<Vec<ReconDoc>, StoreError> {
        blocking(|| self.core.recon_touched(docs, keys))
    }

    fn recon_write(&mut self, w: &ReconWrite) -> Result<(), StoreError> {
        let core = &mut self.core;
        blocking(move || core.recon_write(w))
    }

    fn recon_results(&self) -> Result<StoredResults, StoreError> {
        blocking(|| self.core.recon_results())
    }

    fn recon_read(&self, sql: &str, args: &[ReadArg]) -> Result<Vec<Vec<String>>, StoreError> {
        blocking(|| self.core.recon_read(sql, args))
    }

    fn schema_version(&self) -> Result<u32, StoreError> {
        blocking(|| self.core.schema_version())
    }

    fn data_version(&self) -> Result<i64, StoreError> {
        blocking(|| self.core.data_version())
    }

    fn set_busy_timeout(&mut self, timeout: Duration) -> Result<(), StoreError> {
        self.core.set_busy_timeout(timeout)
    }

    fn insert_batch(&mut self, docs: &[Annotated]) -> Result<BatchStats, StoreError> {
        let core = &mut self.core;
        blocking(move || core.insert_batch(docs))
    }

    fn contains(&self, id: &str) -> Result<bool, StoreError> {
        blocking(|| self.core.contains(id))
    }

    fn has_url(&self, url: &str) -> Result<bool, StoreError> {
        blocking(|| self.core.has_url(url))
    }

    fn documents(&self) -> Result<Vec<DocumentMeta>, StoreError> {
        blocking(|| self.core.documents())
    }

    fn document_meta(&self, id: &str) -> Result<Option<DocumentMeta>, StoreError> {
        blocking(|| self.core.document_meta(id))
    }

    fn listed_documents(&self, ids: &[String]) -> Result<Vec<ListedDocument>, StoreError> {
        blocking(|| self.core.listed_documents(ids))
    }

    fn load(&self, id: &str) -> Result<Option<Annotated>, StoreError> {
        blocking(|| self.core.load(id))
    }

    /// Inside an async runtime the rows are read on a thread of their own
    /// and handed over one by one, so `f` still runs on the caller's thread.
    fn for_each_annotated(
        &self,
        f: &mut dyn FnMut(Annotated) -> ControlFlow<()>,
    ) -> Result<(), StoreError> {
        if tokio::runtime::Handle::try_current().is_err() {
            return self.core.for_each_annotated(f);
        }
        let core = &self.core;
        std::thread::scope(|s| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Annotated>(FETCH as usize);
            let reader = s.spawn(move || {
                core.for_each_annotated(&mut |a| match tx.send(a) {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(_) => ControlFlow::Break(()),
                })
            });
            while let Ok(a) = rx.recv() {
                if f(a).is_break() {
                    break;
                }
            }
            // The reader stops at its next send.
            drop(rx);
            match reader.join() {
                Ok(r) => r,
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }

    fn ids_from(&self, from: &str, n: usize) -> Result<Vec<String>, StoreError> {
        blocking(|| self.core.ids_from(from, n))
    }

    fn delete(&mut self, id: &str) -> Result<bool, StoreError> {
        let core = &mut self.core;
        blocking(move || core.delete(id))
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        blocking(|| self.core.counts())
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        blocking(|| self.core.search(query, limit))
    }

    fn add_decision_by(
        &mut self,
        kind: DecisionKind,
        a: &str,
        b: &str,
        who: Option<&str>,
    ) -> Result<i64, StoreError> {
        let core = &mut self.core;
        blocking(move || core.add_decision_by(kind, a, b, who))
    }

    fn undo_decision(
        &mut self,
        id: i64,
        who: Option<&str>,
    ) -> Result<Option<Decision>, StoreError> {
        let core = &mut self.core;
        blocking(move || core.undo_decision(id, who))
    }

    fn decisions(&self) -> Result<Vec<Decision>, StoreError> {
        blocking(|| self.core.decisions())
    }
}
