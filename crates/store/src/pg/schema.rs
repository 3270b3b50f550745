//! The PostgreSQL schema and its migrations.
//!
//! `dossier_meta` holds the number of migrations applied
//! (`schema_version`) and a counter every write bumps (`data_version`).
//! Migrations are only ever appended, in step with the SQLite ones (the same
//! version number means the same logical schema on both backends). They run
//! in one transaction under an advisory lock, so two processes opening a new
//! database at once cannot both migrate it.

use postgres::Client;

use crate::error::{ErrorKind, StoreError};
use crate::schema::{too_new, SCHEMA_VERSION};

/// The ordered migrations; migration `i` takes version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11];

// Both backends' migrations move together.
const _: () = assert!(MIGRATIONS.len() as u32 == SCHEMA_VERSION);

/// The advisory lock that serializes migrations ("dossier" in ASCII).
const MIGRATION_LOCK: i64 = 0x0064_6f73_7369_6572;

/// Version 1.
///
/// Ids sort in byte order (`COLLATE "C"`), as on SQLite: prefix lookup
/// relies on it. `search` holds the folded title (weight A) and text
/// (weight B), computed by dossier at insert (see `search.rs`).
const V1: &str = r#"
CREATE TABLE dossier_meta (
    key   TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO dossier_meta (key, value) VALUES ('schema_version', 0), ('data_version', 0);

CREATE TABLE documents (
    rid         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          TEXT COLLATE "C" NOT NULL UNIQUE,
    title       TEXT,
    source      TEXT,
    url         TEXT,
    published   DATE,
    path        TEXT,
    text        TEXT NOT NULL,
    ingested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- JSON of the Annotated without its document
    annotations TEXT NOT NULL,
    search      TSVECTOR NOT NULL
);
CREATE INDEX documents_published ON documents (published, id);
CREATE INDEX documents_search ON documents USING GIN (search);

CREATE TABLE entities (
    doc        TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx        BIGINT NOT NULL,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    aliases    TEXT NOT NULL,  -- JSON array of strings
    catalog_id TEXT,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX entities_name ON entities (name);
CREATE INDEX entities_catalog ON entities (catalog_id) WHERE catalog_id IS NOT NULL;

CREATE TABLE claims (
    doc          TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx          BIGINT NOT NULL,
    subject_idx  BIGINT NOT NULL,
    subject_name TEXT NOT NULL,
    predicate    TEXT NOT NULL,
    value        TEXT NOT NULL,  -- JSON of dossier_core::Value
    when_json    TEXT,           -- JSON of dossier_core::When
    source       TEXT,
    modality     TEXT NOT NULL,
    status       TEXT,
    span_start   BIGINT NOT NULL,
    span_end     BIGINT NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX claims_predicate ON claims (predicate);

CREATE TABLE events (
    doc  TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx  BIGINT NOT NULL,
    kind TEXT NOT NULL,
    json TEXT NOT NULL,  -- JSON of dossier_core::Event
    PRIMARY KEY (doc, idx)
);
CREATE INDEX events_kind ON events (kind);

CREATE TABLE decisions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    a          TEXT NOT NULL,
    b          TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
"#;

/// Version 2: who made each decision, and its undo (as on SQLite).
const V2: &str = r#"
ALTER TABLE decisions ADD COLUMN who TEXT;
ALTER TABLE decisions ADD COLUMN undone_at TIMESTAMPTZ;
ALTER TABLE decisions ADD COLUMN undone_by TEXT;
"#;

/// Version 3: the stored reconciliation (as on SQLite, see `schema.rs`).
const V3: &str = r#"
CREATE TABLE recon_docs (
    doc       TEXT COLLATE "C" PRIMARY KEY,
    component TEXT COLLATE "C" NOT NULL
);
CREATE INDEX recon_docs_component ON recon_docs (component);

CREATE TABLE recon_keys (
    key TEXT COLLATE "C" NOT NULL,
    doc TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (key, doc)
);
CREATE INDEX recon_keys_doc ON recon_keys (doc);

CREATE TABLE recon_entities (
    id        TEXT COLLATE "C" PRIMARY KEY,
    component TEXT COLLATE "C" NOT NULL,
    kind      TEXT NOT NULL,
    name      TEXT NOT NULL,
    json      TEXT NOT NULL
);
CREATE INDEX recon_entities_component ON recon_entities (component);

CREATE TABLE recon_findings (
    subject   TEXT COLLATE "C" NOT NULL,
    predicate TEXT COLLATE "C" NOT NULL,
    component TEXT COLLATE "C" NOT NULL,
    verdict   TEXT NOT NULL,
    json      TEXT NOT NULL,
    PRIMARY KEY (subject, predicate)
);
CREATE INDEX recon_findings_component ON recon_findings (component);

CREATE TABLE recon_events (
    id        TEXT COLLATE "C" PRIMARY KEY,
    component TEXT COLLATE "C" NOT NULL,
    kind      TEXT NOT NULL,
    json      TEXT NOT NULL
);
CREATE INDEX recon_events_component ON recon_events (component);

CREATE TABLE recon_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO recon_state (key, value) VALUES ('generation', '0'), ('decisions', '');
"#;

/// Version 4: what `dossier serve` reads per request (as on SQLite, see
/// `schema.rs`).
const V4: &str = r#"
ALTER TABLE recon_entities ADD COLUMN grp INTEGER NOT NULL DEFAULT 1;
ALTER TABLE recon_entities ADD COLUMN doc_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE recon_entities ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
ALTER TABLE recon_entities ADD COLUMN events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE recon_entities ADD COLUMN names TEXT NOT NULL DEFAULT '';
CREATE INDEX recon_entities_order ON recon_entities (grp, doc_count DESC, id);
CREATE INDEX recon_entities_kind ON recon_entities (kind, doc_count DESC, id);

CREATE TABLE recon_claims (
    id           TEXT COLLATE "C" PRIMARY KEY,
    component    TEXT COLLATE "C" NOT NULL,
    doc          TEXT COLLATE "C" NOT NULL,
    subject      TEXT COLLATE "C" NOT NULL,
    value_entity TEXT COLLATE "C",
    json         TEXT NOT NULL
);
CREATE INDEX recon_claims_component ON recon_claims (component);
CREATE INDEX recon_claims_doc ON recon_claims (doc);
CREATE INDEX recon_claims_subject ON recon_claims (subject);
CREATE INDEX recon_claims_value ON recon_claims (value_entity) WHERE value_entity IS NOT NULL;

CREATE TABLE recon_event_links (
    link      TEXT COLLATE "C" NOT NULL,
    event     TEXT COLLATE "C" NOT NULL,
    component TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (link, event)
);
CREATE INDEX recon_event_links_component ON recon_event_links (component);

CREATE TABLE recon_locals (
    doc       TEXT COLLATE "C" PRIMARY KEY,
    component TEXT COLLATE "C" NOT NULL,
    json      TEXT NOT NULL
);
CREATE INDEX recon_locals_component ON recon_locals (component);

UPDATE recon_state SET value = 'v4' WHERE key = 'decisions';
"#;

/// Version 5: search stems English words, as on SQLite (see `schema.rs`).
/// `dossier_english` is the `simple` configuration (same parser, no stop
/// words) with the Snowball English stemmer in place of the `simple`
/// dictionary. Every lexeme of the stored vectors is stemmed in place,
/// keeping its positions and weights (the vectors hold folded words, which
/// only dossier computes).
const V5: &str = r#"
CREATE TEXT SEARCH DICTIONARY dossier_english_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION dossier_english (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION dossier_english
    ALTER MAPPING REPLACE pg_catalog.simple WITH dossier_english_stem;
UPDATE documents SET search = coalesce((
    SELECT string_agg(
        '''' || replace(replace(
            coalesce((ts_lexize('dossier_english_stem', u.lexeme))[1], u.lexeme),
            '\', '\\'), '''', '''''') || ''''
        || coalesce(':' || (
            SELECT string_agg(p::text || w, ',')
            FROM unnest(u.positions, u.weights) AS pw(p, w)), ''),
        ' ')
    FROM unnest(documents.search) AS u), '')::tsvector;
"#;

/// Version 6: the list columns, as on SQLite (see `schema.rs`). Name
/// search uses a trigram index (`pg_trgm`, a GIN index over `names`, which
/// `LIKE '%q%'` uses) where the extension can be created; it is created in
/// `public`, shared by every dossier schema of the database (and never
/// dropped with one). Where it cannot be (not installed, no right), the
/// migration goes on without the index and name search scans, as before.
/// Every statement may run twice (a test rewinds the version).
const V6: &str = r#"
ALTER TABLE recon_events ADD COLUMN IF NOT EXISTS day TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE recon_events ADD COLUMN IF NOT EXISTS last_day TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE recon_events ADD COLUMN IF NOT EXISTS country TEXT COLLATE "C";
ALTER TABLE recon_events ADD COLUMN IF NOT EXISTS admin1 TEXT COLLATE "C";
ALTER TABLE recon_events ADD COLUMN IF NOT EXISTS killed DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE recon_events ADD COLUMN IF NOT EXISTS month TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS recon_events_day ON recon_events (day DESC, id) INCLUDE (killed, month);
CREATE INDEX IF NOT EXISTS recon_events_country ON recon_events (country, day DESC, id)
    INCLUDE (killed, month);

ALTER TABLE recon_claims ADD COLUMN IF NOT EXISTS predicate TEXT NOT NULL DEFAULT '';
ALTER TABLE recon_claims ADD COLUMN IF NOT EXISTS verdict TEXT;
ALTER TABLE recon_claims ADD COLUMN IF NOT EXISTS ord TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS recon_claims_ord ON recon_claims (ord);
CREATE INDEX IF NOT EXISTS recon_claims_subject_ord ON recon_claims (subject, ord);
CREATE INDEX IF NOT EXISTS recon_claims_doc_ord ON recon_claims (doc, ord);
CREATE INDEX IF NOT EXISTS recon_claims_verdict_ord ON recon_claims (verdict, ord);
CREATE INDEX IF NOT EXISTS recon_claims_predicate_ord ON recon_claims (predicate, ord);

ALTER TABLE recon_findings ADD COLUMN IF NOT EXISTS vrank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE recon_findings ADD COLUMN IF NOT EXISTS sources INTEGER NOT NULL DEFAULT 0;
ALTER TABLE recon_findings ADD COLUMN IF NOT EXISTS nclaims INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS recon_findings_order
    ON recon_findings (vrank, sources DESC, nclaims DESC, subject, predicate);

ALTER TABLE recon_locals ADD COLUMN IF NOT EXISTS relevance INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS recon_locals_relevance ON recon_locals (relevance DESC, doc)
    WHERE relevance > 0;

CREATE INDEX IF NOT EXISTS documents_recent ON documents (ingested_at DESC, published DESC NULLS LAST, id);
CREATE INDEX IF NOT EXISTS documents_id_recent ON documents (id, ingested_at, published);

DO $$
DECLARE
    s TEXT;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'dossier: pg_trgm unavailable (%), name search scans', SQLERRM;
    END;
    SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'pg_trgm';
    IF s IS NOT NULL THEN
        EXECUTE format(
            'CREATE INDEX IF NOT EXISTS recon_entities_trgm ON recon_entities USING gin (names %I.gin_trgm_ops)',
            s);
    END IF;
END $$;

UPDATE recon_state SET value = 'v6' WHERE key = 'decisions';
"#;

/// Version 7: the findings and documents lists' narrow rows (see the
/// SQLite migration).
const V7: &str = r#"
CREATE TABLE IF NOT EXISTS document_list (
    doc      TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    text_len BIGINT NOT NULL,
    entities BIGINT NOT NULL,
    claims   BIGINT NOT NULL,
    events   BIGINT NOT NULL,
    paged    BOOLEAN NOT NULL,
    head     TEXT NOT NULL
);
INSERT INTO document_list (doc, text_len, entities, claims, events, paged, head)
SELECT d.id, octet_length(d.text),
       (SELECT count(*) FROM entities e WHERE e.doc = d.id),
       (SELECT count(*) FROM claims c WHERE c.doc = d.id),
       (SELECT count(*) FROM events v WHERE v.doc = d.id),
       left(d.annotations, 9) = '{"author"' OR left(d.annotations, 8) = '{"pages"',
       CASE WHEN trim(coalesce(d.source, '')) = '' THEN substr(d.text, 1, 2000) ELSE '' END
FROM documents d
ON CONFLICT (doc) DO NOTHING;

CREATE TABLE IF NOT EXISTS recon_finding_list (
    subject      TEXT COLLATE "C" NOT NULL,
    predicate    TEXT COLLATE "C" NOT NULL,
    component    TEXT COLLATE "C" NOT NULL,
    verdict      TEXT NOT NULL,
    vrank        INTEGER NOT NULL,
    sources      INTEGER NOT NULL,
    nclaims      INTEGER NOT NULL,
    subject_name TEXT NOT NULL,
    record       TEXT NOT NULL,
    line         TEXT NOT NULL,
    PRIMARY KEY (subject, predicate)
);
CREATE INDEX IF NOT EXISTS recon_finding_list_component ON recon_finding_list (component);
CREATE INDEX IF NOT EXISTS recon_finding_list_order
    ON recon_finding_list (vrank, sources DESC, nclaims DESC, subject, predicate);

UPDATE recon_state SET value = 'v7' WHERE key = 'decisions';
"#;

/// Version 8: the entity page's claim indexes (see the SQLite migration).
const V8: &str = r#"
CREATE INDEX IF NOT EXISTS recon_claims_subject_predicate
    ON recon_claims (subject, predicate, ord, id);
CREATE INDEX IF NOT EXISTS recon_claims_value_ord
    ON recon_claims (value_entity, ord, subject) WHERE value_entity IS NOT NULL;
"#;

/// Version 9: the corpus graph from the store. Each entity's `degree`
/// (claims about it, claims naming it as their value, its events: what the
/// whole-corpus view counted for `/graph`), indexed in the graph's order
/// (most linked first, then by id; nationalities and unlinked entities
/// left out), so that the graph reads its 40 nodes from an index range
/// instead of building the view. Filled from the rows already stored: no
/// reconciliation needed.
const V9: &str = r#"
ALTER TABLE recon_entities ADD COLUMN IF NOT EXISTS degree INTEGER NOT NULL DEFAULT 0;
UPDATE recon_entities SET degree = claims + events + (
    SELECT count(*) FROM recon_claims c
    WHERE c.value_entity = recon_entities.id AND c.subject <> recon_entities.id);
CREATE INDEX IF NOT EXISTS recon_entities_degree ON recon_entities (degree DESC, id)
    WHERE degree > 0 AND kind <> 'nationality';
"#;

/// Version 10: the decisions that changed nothing, with why (see the
/// SQLite migration).
const V10: &str = r#"
CREATE TABLE IF NOT EXISTS recon_unapplied (
    decision  TEXT PRIMARY KEY,
    component TEXT NOT NULL,
    json      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS recon_unapplied_component ON recon_unapplied (component);

UPDATE recon_state SET value = 'v10' WHERE key = 'decisions';
"#;

/// Version 11: stored events' places name their city (see the SQLite
/// migration); the next reconciliation rebuilds the results.
const V11: &str = r#"
UPDATE recon_state SET value = 'v11' WHERE key = 'decisions';
"#;

/// The list rows of the documents `$1` (ids), from their stored rows (as
/// the v7 migration fills them all): run after inserting them.
pub(crate) const DOCUMENT_LIST_FILL: &str = r#"
INSERT INTO document_list (doc, text_len, entities, claims, events, paged, head)
SELECT d.id, octet_length(d.text),
       (SELECT count(*) FROM entities e WHERE e.doc = d.id),
       (SELECT count(*) FROM claims c WHERE c.doc = d.id),
       (SELECT count(*) FROM events v WHERE v.doc = d.id),
       left(d.annotations, 9) = '{"author"' OR left(d.annotations, 8) = '{"pages"',
       CASE WHEN trim(coalesce(d.source, '')) = '' THEN substr(d.text, 1, 2000) ELSE '' END
FROM documents d WHERE d.id = ANY($1)
"#;

/// The schema version of the database `conn` sees (0 when it has no
/// dossier tables).
pub(crate) fn version(
    conn: &mut impl postgres::GenericClient,
    db: &str,
) -> Result<u32, StoreError> {
    let what = "reading the schema version";
    let row = conn
        .query_one("SELECT to_regclass('dossier_meta') IS NOT NULL", &[])
        .map_err(|e| StoreError::pg(db, what, e))?;
    if !row.get::<_, bool>(0) {
        return Ok(0);
    }
    let row = conn
        .query_opt("SELECT value FROM dossier_meta WHERE key = 'schema_version'", &[])
        .map_err(|e| StoreError::pg(db, what, e))?;
    let v: i64 = row.map(|r| r.get(0)).unwrap_or(0);
    Ok(v.clamp(0, u32::MAX as i64) as u32)
}

/// Creates the schema named by the URL when missing, checks the version and
/// applies the missing migrations. A newer database is refused before
/// anything is written.
pub(crate) fn migrate(
    conn: &mut Client,
    db: &str,
    pg_schema: Option<&str>,
) -> Result<(), StoreError> {
    let found = version(conn, db)?;
    if found > SCHEMA_VERSION {
        return Err(too_new(db, found));
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let err = |what: &str| {
        let what = what.to_string();
        move |e| StoreError::pg(db, &what, e)
    };
    let mut tx = conn.transaction().map_err(err("starting the schema migration"))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(err("waiting for another process's migration"))?;
    if let Some(s) = pg_schema {
        // The name was checked to be a plain identifier.
        tx.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {s}"))
            .map_err(err(&format!("creating schema {s}")))?;
    }
    // Another process may have migrated between the check and the lock.
    let found = version(&mut tx, db)?;
    if found > SCHEMA_VERSION {
        return Err(too_new(db, found));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let to = i + 1;
        tx.batch_execute(sql).map_err(|e| {
            let e = StoreError::pg(db, &format!("migrating the schema to v{to}"), e);
            StoreError::new(
                ErrorKind::Database,
                format!(
                    "{e}: dossier needs a database (or a schema=) of its own; \
                     the database was left as it was"
                ),
            )
        })?;
        tx.execute(
            "UPDATE dossier_meta SET value = $1 WHERE key = 'schema_version'",
            &[&(to as i64)],
        )
        .map_err(err("recording the schema version"))?;
    }
    tx.commit().map_err(err("committing the schema migration"))
}
