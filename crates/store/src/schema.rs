//! The schema and its migrations.
//!
//! `PRAGMA user_version` holds the number of migrations applied. Migrations
//! are only ever appended: migration `i` (0-based) takes a database from
//! version `i` to `i + 1`. They run in one `IMMEDIATE` transaction at open,
//! so two processes opening a new file at once cannot both migrate it.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{ErrorKind, StoreError};

/// The ordered migrations; the schema version is their count.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Version 1.
///
/// `documents` carries an explicit `INTEGER PRIMARY KEY` (`rid`) beside the
/// text `id`: the FTS5 index refers to documents by rowid, and `VACUUM` may
/// renumber implicit rowids, which would silently detach the index.
const V1: &str = r#"
CREATE TABLE documents (
    rid         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    title       TEXT,
    source      TEXT,
    url         TEXT,
    published   TEXT,
    path        TEXT,
    text        TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    -- JSON of the Annotated without its document:
    -- {paragraphs, sentences, mentions, entities, claims, events}
    annotations TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published, id);

CREATE TABLE entities (
    doc        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    aliases    TEXT NOT NULL,  -- JSON array of strings
    catalog_id TEXT,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX entities_name ON entities(name);
CREATE INDEX entities_catalog ON entities(catalog_id) WHERE catalog_id IS NOT NULL;

CREATE TABLE claims (
    doc          TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    subject_idx  INTEGER NOT NULL,
    subject_name TEXT NOT NULL,
    predicate    TEXT NOT NULL,
    value        TEXT NOT NULL,  -- JSON of dossier_core::Value
    when_json    TEXT,           -- JSON of dossier_core::When
    source       TEXT,
    modality     TEXT NOT NULL,
    status       TEXT,
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX claims_predicate ON claims(predicate);

CREATE TABLE events (
    doc  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx  INTEGER NOT NULL,
    kind TEXT NOT NULL,
    json TEXT NOT NULL,  -- JSON of dossier_core::Event
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX events_kind ON events(kind);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text,
    content = 'documents', content_rowid = 'rid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rid, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;

CREATE TABLE decisions (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    a          TEXT NOT NULL,
    b          TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
"#;

/// Version 2: who made each decision, and its undo. An undo keeps the
/// decision's row (the decisions page is an audit trail) and marks it with
/// when and by whom; reconciliation skips undone decisions.
const V2: &str = r#"
ALTER TABLE decisions ADD COLUMN who TEXT;
ALTER TABLE decisions ADD COLUMN undone_at TEXT;
ALTER TABLE decisions ADD COLUMN undone_by TEXT;
"#;

/// Version 3: the stored reconciliation (issue 13). `recon_docs` lists the
/// documents the stored results cover, each with its component (the
/// smallest document id of its connected component, see
/// `dossier_core::reconcile::stored`); `recon_keys` is the index from a
/// link key to the documents that carry it; the results are one row per
/// entity, finding and merged event, each the JSON of its
/// `dossier_core::reconcile::stored` form, tagged with its component so that
/// re-reconciling a component replaces exactly its rows. `recon_state`
/// holds the generation (bumped by every write of results) and the
/// fingerprint of the decisions in force when they were written. No foreign
/// key to `documents`: a removed document stays listed until the next
/// reconciliation takes it out.
const V3: &str = r#"
CREATE TABLE recon_docs (
    doc       TEXT PRIMARY KEY,
    component TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX recon_docs_component ON recon_docs(component);

CREATE TABLE recon_keys (
    key TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (key, doc)
) WITHOUT ROWID;
CREATE INDEX recon_keys_doc ON recon_keys(doc);

CREATE TABLE recon_entities (
    id        TEXT PRIMARY KEY,
    component TEXT NOT NULL,
    kind      TEXT NOT NULL,
    name      TEXT NOT NULL,
    json      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX recon_entities_component ON recon_entities(component);

CREATE TABLE recon_findings (
    subject   TEXT NOT NULL,
    predicate TEXT NOT NULL,
    component TEXT NOT NULL,
    verdict   TEXT NOT NULL,
    json      TEXT NOT NULL,
    PRIMARY KEY (subject, predicate)
) WITHOUT ROWID;
CREATE INDEX recon_findings_component ON recon_findings(component);

CREATE TABLE recon_events (
    id        TEXT PRIMARY KEY,
    component TEXT NOT NULL,
    kind      TEXT NOT NULL,
    json      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX recon_events_component ON recon_events(component);

CREATE TABLE recon_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO recon_state (key, value) VALUES ('generation', '0'), ('decisions', '');
"#;

/// Version 4: what `dossier serve` reads per request (issue 13). Entities
/// gain their list order (`grp` 0 for groups, which list first; documents,
/// claims and events counted) and `names` (each lower-cased name and alias
/// and each spelling key, between newlines) for name search, with a narrow
/// index a name search scans instead of the rows (not on PostgreSQL, whose
/// B-tree entries are limited to about 2.7 kB); `recon_claims`
/// holds every corpus claim's export record by subject, value entity and
/// document; `recon_event_links` the events of each entity (place or
/// perpetrator, `e:<id>`) and of each document (`d:<id>`); `recon_locals`
/// the corpus entity of each document's local entities (its highlights). The results of
/// v3 lack them: the decisions fingerprint is cleared so that the next
/// reconciliation rebuilds them all.
const V4: &str = r#"
ALTER TABLE recon_entities ADD COLUMN grp INTEGER NOT NULL DEFAULT 1;
ALTER TABLE recon_entities ADD COLUMN doc_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE recon_entities ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
ALTER TABLE recon_entities ADD COLUMN events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE recon_entities ADD COLUMN names TEXT NOT NULL DEFAULT '';
CREATE INDEX recon_entities_order ON recon_entities(grp, doc_count DESC, id);
CREATE INDEX recon_entities_kind ON recon_entities(kind, doc_count DESC, id);
CREATE INDEX recon_entities_names ON recon_entities(names, kind, grp, doc_count, id);

CREATE TABLE recon_claims (
    id           TEXT PRIMARY KEY,
    component    TEXT NOT NULL,
    doc          TEXT NOT NULL,
    subject      TEXT NOT NULL,
    value_entity TEXT,
    json         TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX recon_claims_component ON recon_claims(component);
CREATE INDEX recon_claims_doc ON recon_claims(doc);
CREATE INDEX recon_claims_subject ON recon_claims(subject);
CREATE INDEX recon_claims_value ON recon_claims(value_entity) WHERE value_entity IS NOT NULL;

CREATE TABLE recon_event_links (
    link      TEXT NOT NULL,
    event     TEXT NOT NULL,
    component TEXT NOT NULL,
    PRIMARY KEY (link, event)
) WITHOUT ROWID;
CREATE INDEX recon_event_links_component ON recon_event_links(component);

CREATE TABLE recon_locals (
    doc       TEXT PRIMARY KEY,
    component TEXT NOT NULL,
    json      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX recon_locals_component ON recon_locals(component);

UPDATE recon_state SET value = 'v4' WHERE key = 'decisions';
"#;

/// Version 5: the full-text index stems English words (the Porter
/// stemmer over `unicode61`), so that "attack" finds "attacked" and
/// "attacks" with one index lookup rather than a prefix expanded at query
/// time. The index is created again with the new tokenizer and rebuilt
/// from the documents.
const V5: &str = r#"
DROP TRIGGER documents_fts_insert;
DROP TRIGGER documents_fts_delete;
DROP TRIGGER documents_fts_update;
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text,
    content = 'documents', content_rowid = 'rid',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rid, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
"#;

/// Version 6: every list and page of `dossier serve` from the stored
/// results (issue 13). Events gain the columns their list filters and
/// orders by: `day` (the date it happened, `''` when undated, so that it
/// sorts last in descending order on both backends), `last_day` (the last
/// day it may have happened), `country` and `admin1` (gazetteer codes),
/// `killed` (the lowest credible toll) and `month` (`YYYY-MM` when it is
/// dated within one month, for the totals per month); perpetrators get links of their own
/// (`g:<id>`, rows only). Claims gain `predicate`, `verdict` and `ord` (the
/// corpus order: the document's date, `~` when undated, its id and the
/// claim's number); findings the list's order (`vrank`, the verdict's rank,
/// then distinct sources and claims, more first); each document's row in
/// `recon_locals` its `relevance` (claims and events, twice those about
/// armed groups); documents an index in list order (latest ingested first).
/// `recon_names` is a trigram index (FTS5 `trigram`) over the entities'
/// `names`, its rowid that of the entity's row in `recon_name_ids` (which
/// carries the component, so that a component's rows go by index), so that a name search looks up the entities holding the
/// query's trigrams instead of scanning every name. The v5 results lack
/// them: the decisions fingerprint is cleared so that the next
/// reconciliation rebuilds them all.
const V6: &str = r#"
ALTER TABLE recon_events ADD COLUMN day TEXT NOT NULL DEFAULT '';
ALTER TABLE recon_events ADD COLUMN last_day TEXT NOT NULL DEFAULT '';
ALTER TABLE recon_events ADD COLUMN country TEXT;
ALTER TABLE recon_events ADD COLUMN admin1 TEXT;
ALTER TABLE recon_events ADD COLUMN killed REAL NOT NULL DEFAULT 0;
ALTER TABLE recon_events ADD COLUMN month TEXT NOT NULL DEFAULT '';
CREATE INDEX recon_events_day ON recon_events(day DESC, id, killed, month);
CREATE INDEX recon_events_country ON recon_events(country, day DESC, id, killed, month);

ALTER TABLE recon_claims ADD COLUMN predicate TEXT NOT NULL DEFAULT '';
ALTER TABLE recon_claims ADD COLUMN verdict TEXT;
ALTER TABLE recon_claims ADD COLUMN ord TEXT NOT NULL DEFAULT '';
CREATE INDEX recon_claims_ord ON recon_claims(ord);
CREATE INDEX recon_claims_subject_ord ON recon_claims(subject, ord);
CREATE INDEX recon_claims_doc_ord ON recon_claims(doc, ord);
CREATE INDEX recon_claims_verdict_ord ON recon_claims(verdict, ord);
CREATE INDEX recon_claims_predicate_ord ON recon_claims(predicate, ord);

ALTER TABLE recon_findings ADD COLUMN vrank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE recon_findings ADD COLUMN sources INTEGER NOT NULL DEFAULT 0;
ALTER TABLE recon_findings ADD COLUMN nclaims INTEGER NOT NULL DEFAULT 0;
CREATE INDEX recon_findings_order
    ON recon_findings(vrank, sources DESC, nclaims DESC, subject, predicate);

ALTER TABLE recon_locals ADD COLUMN relevance INTEGER NOT NULL DEFAULT 0;
CREATE INDEX recon_locals_relevance ON recon_locals(relevance DESC, doc) WHERE relevance > 0;

CREATE INDEX documents_recent ON documents(ingested_at DESC, published DESC, id);
CREATE INDEX documents_id_recent ON documents(id, ingested_at, published);

CREATE TABLE recon_name_ids (
    rid       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL,
    component TEXT NOT NULL,
    kind      TEXT NOT NULL,
    grp       INTEGER NOT NULL,
    doc_count INTEGER NOT NULL
);
CREATE INDEX recon_name_ids_component ON recon_name_ids(component);
CREATE VIRTUAL TABLE recon_names USING fts5(names, tokenize = 'trigram');

UPDATE recon_state SET value = 'v6' WHERE key = 'decisions';
"#;

/// Version 7: what the lists of findings and documents show, apart from
/// the findings and documents (issue 13). `recon_finding_list` holds one narrow row per finding: its
/// list order (as `recon_findings`), its subject's name, its `finding`
/// record as the API lists it (the claims by id, no quotes) and the
/// one-sentence summary the pages show, written from its claims when it
/// is stored; so that the findings list and the pages' summaries read no
/// claim and decode no finding. A table of its own rather than columns of
/// `recon_findings`: a list reads only narrow rows, never past a large
/// JSON text. The v6 results lack it: the decisions fingerprint is cleared
/// so that the next reconciliation rebuilds them all. `document_list`
/// holds one narrow row per document, written with it (see
/// [`DOCUMENT_LIST_FILL`]) and filled here for those already stored: the
/// text's length, its entities, claims and events counted, whether its
/// annotations carry a PDF's author or pages, and the first 2,000
/// characters of a text without outlet (which its label quotes); so that a
/// page of the documents list is one query, reading neither texts nor
/// annotations.
const V7: &str = r#"
CREATE TABLE document_list (
    doc      TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    text_len INTEGER NOT NULL,
    entities INTEGER NOT NULL,
    claims   INTEGER NOT NULL,
    events   INTEGER NOT NULL,
    paged    INTEGER NOT NULL,
    head     TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO document_list (doc, text_len, entities, claims, events, paged, head)
SELECT d.id, length(CAST(d.text AS BLOB)),
       (SELECT count(*) FROM entities e WHERE e.doc = d.id),
       (SELECT count(*) FROM claims c WHERE c.doc = d.id),
       (SELECT count(*) FROM events v WHERE v.doc = d.id),
       substr(d.annotations, 1, 9) = '{"author"' OR substr(d.annotations, 1, 8) = '{"pages"',
       CASE WHEN trim(coalesce(d.source, '')) = '' THEN substr(d.text, 1, 2000) ELSE '' END
FROM documents d;

CREATE TABLE recon_finding_list (
    subject      TEXT NOT NULL,
    predicate    TEXT NOT NULL,
    component    TEXT NOT NULL,
    verdict      TEXT NOT NULL,
    vrank        INTEGER NOT NULL,
    sources      INTEGER NOT NULL,
    nclaims      INTEGER NOT NULL,
    subject_name TEXT NOT NULL,
    record       TEXT NOT NULL,
    line         TEXT NOT NULL,
    PRIMARY KEY (subject, predicate)
) WITHOUT ROWID;
CREATE INDEX recon_finding_list_component ON recon_finding_list(component);
CREATE INDEX recon_finding_list_order
    ON recon_finding_list(vrank, sources DESC, nclaims DESC, subject, predicate);

UPDATE recon_state SET value = 'v7' WHERE key = 'decisions';
"#;

/// Version 8: the entity page's claims, by indexes that hold what it
/// filters, counts and orders by. `predicate` and `ord` are stored after the
/// JSON, so without them the page read every row of an entity's claims,
/// JSON and all: to count its claims per predicate, and to count and order
/// the claims naming it as their value (Kabul, named by 3,334 claims at
/// 20,000 documents: 119 ms to count them, 34 ms for the first 20, against
/// 0.1 ms and 1 ms with the index). The counts now scan index entries only
/// and each list is an index range (the table is `WITHOUT ROWID`: its key,
/// `id`, ends every entry). Filled from the rows already stored: no
/// reconciliation needed.
const V8: &str = r#"
CREATE INDEX recon_claims_subject_predicate ON recon_claims(subject, predicate, ord);
CREATE INDEX recon_claims_value_ord ON recon_claims(value_entity, ord, subject)
    WHERE value_entity IS NOT NULL;
"#;

/// Version 9: the corpus graph from the store. Each entity's `degree`
/// (claims about it, claims naming it as their value, its events: what the
/// whole-corpus view counted for `/graph`), indexed in the graph's order
/// (most linked first, then by id; nationalities and unlinked entities
/// left out), so that the graph reads its 40 nodes from an index range
/// instead of building the view. Filled from the rows already stored: no
/// reconciliation needed.
const V9: &str = r#"
ALTER TABLE recon_entities ADD COLUMN degree INTEGER NOT NULL DEFAULT 0;
UPDATE recon_entities SET degree = claims + events + (
    SELECT count(*) FROM recon_claims c
    WHERE c.value_entity = recon_entities.id AND c.subject <> recon_entities.id);
CREATE INDEX recon_entities_degree ON recon_entities(degree DESC, id)
    WHERE degree > 0 AND kind <> 'nationality';
"#;

/// Version 10: the manual decisions that changed nothing, with why, so
/// that the decisions page reads them instead of reconciling (issue 13).
/// One row per decision in force that a reconciliation found nothing to do
/// for, in the component its names reach (a decision that reaches no
/// document has none). The v9 results lack them: the decisions fingerprint
/// is cleared so that the next reconciliation rebuilds them all.
const V10: &str = r#"
CREATE TABLE recon_unapplied (
    decision  TEXT PRIMARY KEY,
    component TEXT NOT NULL,
    json      TEXT NOT NULL
);
CREATE INDEX recon_unapplied_component ON recon_unapplied(component);

UPDATE recon_state SET value = 'v10' WHERE key = 'decisions';
"#;

/// Version 11: a stored event's place also names its city and whether it
/// was found through a facility, which ACLED's columns read (its location
/// and geo-precision), so that the CSV exports read the store. The v10
/// results lack them: the decisions fingerprint is cleared so that the
/// next reconciliation rebuilds them all.
const V11: &str = r#"
UPDATE recon_state SET value = 'v11' WHERE key = 'decisions';
"#;

/// The list row of the document `?1`, from its stored rows (as the v7
/// migration fills them all): run after inserting it.
pub(crate) const DOCUMENT_LIST_FILL: &str = r#"
INSERT INTO document_list (doc, text_len, entities, claims, events, paged, head)
SELECT d.id, length(CAST(d.text AS BLOB)),
       (SELECT count(*) FROM entities e WHERE e.doc = d.id),
       (SELECT count(*) FROM claims c WHERE c.doc = d.id),
       (SELECT count(*) FROM events v WHERE v.doc = d.id),
       substr(d.annotations, 1, 9) = '{"author"' OR substr(d.annotations, 1, 8) = '{"pages"',
       CASE WHEN trim(coalesce(d.source, '')) = '' THEN substr(d.text, 1, 2000) ELSE '' END
FROM documents d WHERE d.id = ?1
"#;

/// Reads `PRAGMA user_version`.
pub(crate) fn user_version(conn: &Connection, db: &str) -> Result<u32, StoreError> {
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| StoreError::sqlite(db, "reading the schema version", e))?;
    Ok(v.clamp(0, u32::MAX as i64) as u32)
}

/// The error for a database newer than this build.
pub(crate) fn too_new(db: &str, found: u32) -> StoreError {
    StoreError::new(
        ErrorKind::NewerSchema,
        format!(
            "database {db} was written by a newer dossier (schema v{found}; this build \
             knows v{SCHEMA_VERSION}): upgrade dossier"
        ),
    )
}

/// Checks the version and applies the missing migrations.
pub(crate) fn migrate(conn: &mut Connection, db: &str) -> Result<(), StoreError> {
    let found = user_version(conn, db)?;
    if found > SCHEMA_VERSION {
        return Err(too_new(db, found));
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| StoreError::sqlite(db, "starting the schema migration", e))?;
    // Another process may have migrated between the check and the lock.
    let found = user_version(&tx, db)?;
    if found > SCHEMA_VERSION {
        return Err(too_new(db, found));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let to = i + 1;
        tx.execute_batch(sql)
            .map_err(|e| StoreError::sqlite(db, &format!("migrating the schema to v{to}"), e))?;
        tx.pragma_update(None, "user_version", to as i64)
            .map_err(|e| StoreError::sqlite(db, "recording the schema version", e))?;
    }
    tx.commit().map_err(|e| StoreError::sqlite(db, "committing the schema migration", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_an_empty_database_to_the_current_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, ":memory:").unwrap();
        assert_eq!(user_version(&conn, ":memory:").unwrap(), SCHEMA_VERSION);
        // A second run is a no-op.
        migrate(&mut conn, ":memory:").unwrap();
        assert_eq!(user_version(&conn, ":memory:").unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn version_one_decisions_gain_who_and_undo_columns() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(V1).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute("INSERT INTO decisions (kind, a, b) VALUES ('merge', 'A', 'B')", []).unwrap();
        migrate(&mut conn, ":memory:").unwrap();
        let row: (String, Option<String>, Option<String>) = conn
            .query_row("SELECT a, who, undone_at FROM decisions", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(row, ("A".to_string(), None, None));
    }

    #[test]
    fn version_two_gains_the_stored_reconciliation_tables() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(V1).unwrap();
        conn.execute_batch(V2).unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        migrate(&mut conn, ":memory:").unwrap();
        assert_eq!(user_version(&conn, ":memory:").unwrap(), SCHEMA_VERSION);
        let generation: String = conn
            .query_row("SELECT value FROM recon_state WHERE key = 'generation'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(generation, "0");
        for table in
            ["recon_docs", "recon_keys", "recon_entities", "recon_findings", "recon_events"]
        {
            let n: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
            assert_eq!(n, 0, "{table}");
        }
    }

    #[test]
    fn version_four_search_index_is_rebuilt_with_stems() {
        let mut conn = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..4] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
        conn.execute(
            "INSERT INTO documents (id, title, text, annotations)
             VALUES ('d1', 'Attacks', 'Fighters attacked the town.', '{}')",
            [],
        )
        .unwrap();
        let hits = |conn: &Connection, q: &str| -> i64 {
            conn.query_row(
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1",
                [q],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(hits(&conn, "attack"), 0);
        migrate(&mut conn, ":memory:").unwrap();
        assert_eq!(user_version(&conn, ":memory:").unwrap(), SCHEMA_VERSION);
        for q in ["attack", "attacking", "fighter", "town", "title:attack"] {
            assert_eq!(hits(&conn, q), 1, "{q}");
        }
        // The triggers follow the new index.
        conn.execute("DELETE FROM documents", []).unwrap();
        assert_eq!(hits(&conn, "attack"), 0);
        conn.execute(
            "INSERT INTO documents (id, text, annotations) VALUES ('d2', 'raids', '{}')",
            [],
        )
        .unwrap();
        assert_eq!(hits(&conn, "raid"), 1);
    }

    #[test]
    fn version_five_gains_the_list_columns_and_the_trigram_index() {
        let mut conn = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..5] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 5).unwrap();
        conn.execute(
            "INSERT INTO recon_events (id, component, kind, json) VALUES ('event:1', 'd', 'attack', '{}')",
            [],
        )
        .unwrap();
        migrate(&mut conn, ":memory:").unwrap();
        assert_eq!(user_version(&conn, ":memory:").unwrap(), SCHEMA_VERSION);
        // Old rows get the defaults: undated, untolled, no place.
        let row: (String, f64, Option<String>) = conn
            .query_row("SELECT day, killed, country FROM recon_events", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(row, (String::new(), 0.0, None));
        // The next reconciliation is a full rebuild.
        let fp: String = conn
            .query_row("SELECT value FROM recon_state WHERE key = 'decisions'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fp, "v11", "cleared by the last migration that needs a rebuild");
        // The trigram index finds a name by any three letters of it.
        conn.execute(
            "INSERT INTO recon_names (rowid, names) VALUES (1, '\nislamic state khorasan\n')",
            [],
        )
        .unwrap();
        let hits = |q: &str| -> i64 {
            conn.query_row("SELECT count(*) FROM recon_names WHERE names MATCH ?1", [q], |r| {
                r.get(0)
            })
            .unwrap()
        };
        assert_eq!(hits("\"orasa\""), 1);
        assert_eq!(hits("\"KHOR\""), 1);
        assert_eq!(hits("\"kabul\""), 0);
    }

    #[test]
    fn version_seven_gains_the_entity_page_claim_indexes() {
        let mut conn = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..7] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 7).unwrap();
        conn.execute(
            "INSERT INTO recon_claims (id, component, doc, subject, json, predicate, ord) \
             VALUES ('c1', 'd', 'd1', 'group:a', '{}', 'leader', '1')",
            [],
        )
        .unwrap();
        migrate(&mut conn, ":memory:").unwrap();
        assert_eq!(user_version(&conn, ":memory:").unwrap(), SCHEMA_VERSION);
        let plan = |sql: &str| -> String {
            let mut st = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let rows = st.query_map([], |r| r.get::<_, String>(3)).unwrap();
            rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
        };
        // The counts read the index alone; a predicate's claims come in
        // order without a sort.
        let counts = plan(
            "SELECT predicate, count(*) FROM recon_claims WHERE subject = 'group:a' \
             GROUP BY predicate",
        );
        assert!(counts.contains("COVERING INDEX recon_claims_subject_predicate"), "{counts}");
        let first = plan(
            "SELECT json FROM recon_claims WHERE subject = 'group:a' AND predicate = 'leader' \
             ORDER BY ord, id LIMIT 20",
        );
        assert!(first.contains("INDEX recon_claims_subject_predicate"), "{first}");
        assert!(!first.contains("TEMP B-TREE"), "{first}");
        let naming = plan(
            "SELECT count(*) FROM recon_claims WHERE value_entity = 'place:x' \
             AND subject <> 'place:x'",
        );
        assert!(naming.contains("COVERING INDEX recon_claims_value_ord"), "{naming}");
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM recon_claims INDEXED BY recon_claims_subject_predicate \
                 WHERE subject = 'group:a' AND predicate = 'leader'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "the rows stored before are in the index");
    }

    #[test]
    fn version_eight_gains_the_entities_degrees() {
        let mut conn = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..8] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 8).unwrap();
        conn.execute_batch(
            "INSERT INTO recon_entities (id, component, kind, name, json, claims, events) VALUES \
                 ('group:a', 'd', 'group', 'A', '{}', 2, 1), \
                 ('place:x', 'd', 'place', 'X', '{}', 0, 3), \
                 ('nationality:y', 'd', 'nationality', 'Y', '{}', 0, 0), \
                 ('person:z', 'd', 'person', 'Z', '{}', 0, 0); \
             INSERT INTO recon_claims (id, component, doc, subject, value_entity, json, \
                 predicate, ord) VALUES \
                 ('c1', 'd', 'd1', 'group:a', 'place:x', '{}', 'based_in', '1'), \
                 ('c2', 'd', 'd1', 'group:a', 'nationality:y', '{}', 'member_origin', '2'), \
                 ('c3', 'd', 'd1', 'place:x', 'place:x', '{}', 'part_of', '3');",
        )
        .unwrap();
        migrate(&mut conn, ":memory:").unwrap();
        assert_eq!(user_version(&conn, ":memory:").unwrap(), SCHEMA_VERSION);
        let sql = "SELECT id, degree FROM recon_entities WHERE degree > 0 \
                   AND kind <> 'nationality' ORDER BY degree DESC, id LIMIT 40";
        let rows: Vec<(String, i64)> = conn
            .prepare(sql)
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        // Claims about it, naming it (not itself), events; the nationality
        // and the unlinked person are left out.
        assert_eq!(rows, [("place:x".to_string(), 4), ("group:a".to_string(), 3)]);
        let plan: String =
            conn.query_row(&format!("EXPLAIN QUERY PLAN {sql}"), [], |r| r.get(3)).unwrap();
        assert!(plan.contains("recon_entities_degree"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }

    #[test]
    fn version_six_gains_the_findings_and_documents_lists() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        for sql in &MIGRATIONS[..6] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 6).unwrap();
        conn.execute(
            "INSERT INTO recon_findings (subject, predicate, component, verdict, json) \
             VALUES ('group:a', 'leader', 'd', 'conflict', '{}')",
            [],
        )
        .unwrap();
        conn.execute_batch(
            "INSERT INTO documents (id, title, text, annotations) \
                 VALUES ('d1', 'T', 'Gunmen attacked.', '{\"pages\":[0],\"paragraphs\":[]}');
             INSERT INTO documents (id, source, text, annotations) \
                 VALUES ('d2', 'Wire', 'Ça va.', '{\"paragraphs\":[]}');
             INSERT INTO claims (doc, idx, subject_idx, subject_name, predicate, value, \
                 modality, span_start, span_end) \
                 VALUES ('d1', 0, 0, 'A', 'leader', '{}', 'asserted', 0, 6);",
        )
        .unwrap();
        migrate(&mut conn, ":memory:").unwrap();
        // Documents stored before get their list rows.
        let rows: Vec<(String, i64, i64, i64, String)> = conn
            .prepare("SELECT doc, text_len, claims, paged, head FROM document_list ORDER BY doc")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                ("d1".to_string(), 16, 1, 1, "Gunmen attacked.".to_string()),
                ("d2".to_string(), 7, 0, 0, String::new())
            ]
        );
        // They go with their documents.
        conn.execute("DELETE FROM documents WHERE id = 'd1'", []).unwrap();
        let n: i64 =
            conn.query_row("SELECT count(*) FROM document_list", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
        assert_eq!(user_version(&conn, ":memory:").unwrap(), SCHEMA_VERSION);
        // The list is empty until the next reconciliation, a full rebuild,
        // fills it.
        let n: i64 =
            conn.query_row("SELECT count(*) FROM recon_finding_list", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
        let fp: String = conn
            .query_row("SELECT value FROM recon_state WHERE key = 'decisions'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fp, "v11", "cleared by the last migration that needs a rebuild");
        // The list's order is read from its index.
        let plan: String = conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT record FROM recon_finding_list \
                 ORDER BY vrank, sources DESC, nclaims DESC, subject, predicate LIMIT 50",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("recon_finding_list_order"), "{plan}");
    }

    #[test]
    fn rejects_a_newer_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION as i64 + 2).unwrap();
        let e = migrate(&mut conn, "x.db").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NewerSchema);
        assert!(e.to_string().contains("upgrade dossier"), "{e}");
    }
}
