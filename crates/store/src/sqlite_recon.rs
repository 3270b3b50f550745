//! The stored reconciliation on SQLite (see `Backend::recon_*`).

use std::collections::BTreeSet;

use dossier_core::reconcile::StoredResults;
use rusqlite::{params_from_iter, Connection, OptionalExtension, TransactionBehavior};

use crate::error::StoreError;
use crate::recon_rows::{self, conflict};
use crate::records::{ReconDoc, ReconPending, ReconState, ReconWrite};

/// Host parameters per statement, well under SQLite's limit.
const CHUNK: usize = 500;

fn err(db: &str, what: &str) -> impl Fn(rusqlite::Error) -> StoreError {
    let (db, what) = (db.to_string(), what.to_string());
    move |e| StoreError::sqlite(&db, &what, e)
}

fn state_of(conn: &Connection, db: &str) -> Result<ReconState, StoreError> {
    let get = |k: &str| -> Result<Option<String>, StoreError> {
        conn.query_row("SELECT value FROM recon_state WHERE key = ?1", [k], |r| r.get(0))
            .optional()
            .map_err(err(db, "reading the reconciliation state"))
    };
    Ok(ReconState {
        generation: get("generation")?.and_then(|v| v.parse().ok()).unwrap_or(0),
        decisions: get("decisions")?.unwrap_or_default(),
    })
}

pub(crate) fn state(conn: &Connection, db: &str) -> Result<ReconState, StoreError> {
    state_of(conn, db)
}

pub(crate) fn pending(conn: &Connection, db: &str) -> Result<ReconPending, StoreError> {
    let what = "listing the documents to reconcile";
    let list = |sql: &str| -> Result<Vec<String>, StoreError> {
        let mut st = conn.prepare(sql).map_err(err(db, what))?;
        let rows = st.query_map([], |r| r.get(0)).map_err(err(db, what))?;
        rows.collect::<Result<_, _>>().map_err(err(db, what))
    };
    Ok(ReconPending {
        added: list(recon_rows::ADDED_SQL)?,
        removed: list(recon_rows::REMOVED_SQL)?,
    })
}

/// The values of `sql` (with one `{}` for a list of placeholders) over
/// `items`, chunk by chunk.
fn chunked(
    conn: &Connection,
    db: &str,
    sql: &str,
    items: &[String],
    out: &mut BTreeSet<String>,
) -> Result<(), StoreError> {
    let what = "finding the components to reconcile";
    for chunk in items.chunks(CHUNK) {
        let marks = vec!["?"; chunk.len()].join(",");
        let mut st = conn.prepare(&sql.replace("{}", &marks)).map_err(err(db, what))?;
        let rows =
            st.query_map(params_from_iter(chunk.iter()), |r| r.get(0)).map_err(err(db, what))?;
        for r in rows {
            out.insert(r.map_err(err(db, what))?);
        }
    }
    Ok(())
}

pub(crate) fn touched(
    conn: &Connection,
    db: &str,
    docs: &[String],
    keys: &[String],
) -> Result<Vec<ReconDoc>, StoreError> {
    let mut comps = BTreeSet::new();
    chunked(conn, db, "SELECT component FROM recon_docs WHERE doc IN ({})", docs, &mut comps)?;
    chunked(
        conn,
        db,
        "SELECT DISTINCT r.component FROM recon_keys k JOIN recon_docs r ON r.doc = k.doc \
         WHERE k.key IN ({})",
        keys,
        &mut comps,
    )?;
    let comps: Vec<String> = comps.into_iter().collect();
    let what = "listing the documents of components";
    let mut out = Vec::new();
    for chunk in comps.chunks(CHUNK) {
        let marks = vec!["?"; chunk.len()].join(",");
        let mut st = conn
            .prepare(&format!(
                "SELECT doc, component FROM recon_docs WHERE component IN ({marks}) ORDER BY doc"
            ))
            .map_err(err(db, what))?;
        let rows = st
            .query_map(params_from_iter(chunk.iter()), |r| {
                Ok(ReconDoc { doc: r.get(0)?, component: r.get(1)?, keys: Vec::new() })
            })
            .map_err(err(db, what))?;
        for r in rows {
            out.push(r.map_err(err(db, what))?);
        }
    }
    Ok(out)
}

pub(crate) fn write(conn: &mut Connection, db: &str, w: &ReconWrite) -> Result<(), StoreError> {
    let what = "writing reconciliation results";
    let e = err(db, what);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(&e)?;
    if state_of(&tx, db)?.generation != w.expect_generation {
        return Err(conflict(db));
    }
    if w.full {
        tx.execute_batch(
            "DELETE FROM recon_docs; DELETE FROM recon_keys; DELETE FROM recon_entities;
             DELETE FROM recon_findings; DELETE FROM recon_events; DELETE FROM recon_claims;
             DELETE FROM recon_event_links; DELETE FROM recon_locals; DELETE FROM recon_names;
             DELETE FROM recon_name_ids; DELETE FROM recon_finding_list;
             DELETE FROM recon_unapplied;",
        )
        .map_err(&e)?;
    } else {
        for d in &w.forget_docs {
            tx.prepare_cached("DELETE FROM recon_docs WHERE doc = ?1")
                .and_then(|mut st| st.execute([d]))
                .map_err(&e)?;
            tx.prepare_cached("DELETE FROM recon_keys WHERE doc = ?1")
                .and_then(|mut st| st.execute([d]))
                .map_err(&e)?;
        }
        for c in &w.forget_components {
            tx.prepare_cached(
                "DELETE FROM recon_names WHERE rowid IN \
                 (SELECT rid FROM recon_name_ids WHERE component = ?1)",
            )
            .and_then(|mut st| st.execute([c]))
            .map_err(&e)?;
            for table in recon_rows::COMPONENT_TABLES.iter().chain(&["recon_name_ids"]) {
                tx.prepare_cached(&format!("DELETE FROM {table} WHERE component = ?1"))
                    .and_then(|mut st| st.execute([c]))
                    .map_err(&e)?;
            }
        }
    }
    {
        let mut doc_st = tx
            .prepare_cached("INSERT INTO recon_docs (doc, component) VALUES (?1, ?2)")
            .map_err(&e)?;
        let mut key_st = tx
            .prepare_cached("INSERT OR IGNORE INTO recon_keys (key, doc) VALUES (?1, ?2)")
            .map_err(&e)?;
        for d in &w.docs {
            doc_st.execute([&d.doc, &d.component]).map_err(&e)?;
            for k in &d.keys {
                key_st.execute([k, &d.doc]).map_err(&e)?;
            }
        }
        let mut ent_st = tx
            .prepare_cached(
                "INSERT INTO recon_entities (id, component, kind, name, json, grp, doc_count, \
                 claims, events, names, degree) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .map_err(&e)?;
        let mut fin_st = tx
            .prepare_cached(
                "INSERT INTO recon_findings (subject, predicate, component, verdict, json, vrank, \
                 sources, nclaims) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .map_err(&e)?;
        let mut fin_list_st = tx
            .prepare_cached(
                "INSERT INTO recon_finding_list (subject, predicate, component, verdict, vrank, \
                 sources, nclaims, subject_name, record, line) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .map_err(&e)?;
        let mut ev_st = tx
            .prepare_cached(
                "INSERT INTO recon_events (id, component, kind, json, day, last_day, country, \
                 admin1, killed, month) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .map_err(&e)?;
        let mut claim_st = tx
            .prepare_cached(
                "INSERT INTO recon_claims (id, component, doc, subject, value_entity, json, \
                 predicate, verdict, ord) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .map_err(&e)?;
        let mut link_st = tx
            .prepare_cached(
                "INSERT INTO recon_event_links (link, event, component) VALUES (?1, ?2, ?3)",
            )
            .map_err(&e)?;
        let mut local_st = tx
            .prepare_cached(
                "INSERT INTO recon_locals (doc, component, json, relevance) VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(&e)?;
        let mut names_st = tx
            .prepare_cached(
                "INSERT INTO recon_name_ids (id, component, kind, grp, doc_count) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(&e)?;
        let mut trigram_st = tx
            .prepare_cached("INSERT INTO recon_names (rowid, names) VALUES (?1, ?2)")
            .map_err(&e)?;
        let mut unapplied_st = tx
            .prepare_cached(
                "INSERT INTO recon_unapplied (decision, component, json) VALUES (?1, ?2, ?3)",
            )
            .map_err(&e)?;
        for (c, part) in &w.parts {
            for (decision, json) in recon_rows::unapplied_rows(db, part)? {
                unapplied_st.execute([&decision, c, &json]).map_err(&e)?;
            }
            let rows = recon_rows::read_rows(db, part)?;
            for (doc, json, relevance) in &rows.locals {
                local_st.execute(rusqlite::params![doc, c, json, relevance]).map_err(&e)?;
            }
            let (extra, claims, links) = (rows.extra, rows.claims, rows.links);
            for (x, [grp, docs, claims, events, names, degree]) in part.entities.iter().zip(&extra)
            {
                let (id, kind, name, json) = recon_rows::entity_row(db, x)?;
                ent_st
                    .execute([
                        &id, c, &kind, &name, &json, grp, docs, claims, events, names, degree,
                    ])
                    .map_err(&e)?;
                let rid = names_st.insert([&id, c, &kind, grp, docs]).map_err(&e)?;
                trigram_st.execute(rusqlite::params![rid, names]).map_err(&e)?;
            }
            for r in &claims {
                claim_st
                    .execute(rusqlite::params![
                        r.id,
                        c,
                        r.doc,
                        r.subject,
                        r.value,
                        r.json,
                        r.predicate,
                        r.verdict,
                        r.ord
                    ])
                    .map_err(&e)?;
            }
            for (link, event) in &links {
                link_st.execute([link, event, c]).map_err(&e)?;
            }
            let by_id = recon_rows::claims_by_id(part);
            for x in &part.findings {
                let r = recon_rows::finding_row(db, x, &by_id)?;
                let [vrank, sources, nclaims] = recon_rows::finding_order(x);
                fin_st
                    .execute(rusqlite::params![
                        r.subject,
                        r.predicate,
                        c,
                        r.verdict,
                        r.json,
                        vrank,
                        sources,
                        nclaims
                    ])
                    .map_err(&e)?;
                fin_list_st
                    .execute(rusqlite::params![
                        r.subject,
                        r.predicate,
                        c,
                        r.verdict,
                        vrank,
                        sources,
                        nclaims,
                        r.subject_name,
                        r.record,
                        r.line
                    ])
                    .map_err(&e)?;
            }
            for x in &part.events {
                let r = recon_rows::event_row(db, x)?;
                ev_st
                    .execute(rusqlite::params![
                        r.id, c, r.kind, r.json, r.day, r.last_day, r.country, r.admin1, r.killed,
                        r.month
                    ])
                    .map_err(&e)?;
            }
        }
    }
    tx.execute(
        "UPDATE recon_state SET value = ?1 WHERE key = 'generation'",
        [(w.expect_generation + 1).to_string()],
    )
    .map_err(&e)?;
    tx.execute("UPDATE recon_state SET value = ?1 WHERE key = 'decisions'", [&w.decisions])
        .map_err(&e)?;
    tx.commit().map_err(&e)
}

pub(crate) fn results(conn: &Connection, db: &str) -> Result<StoredResults, StoreError> {
    let what = "reading reconciliation results";
    let list = |sql: &str| -> Result<Vec<String>, StoreError> {
        let mut st = conn.prepare(sql).map_err(err(db, what))?;
        let rows = st.query_map([], |r| r.get(0)).map_err(err(db, what))?;
        rows.collect::<Result<_, _>>().map_err(err(db, what))
    };
    recon_rows::results(
        db,
        &list("SELECT json FROM recon_entities ORDER BY id")?,
        &list("SELECT json FROM recon_findings ORDER BY subject, predicate")?,
        &list("SELECT json FROM recon_events ORDER BY id")?,
        &list("SELECT json FROM recon_claims ORDER BY id")?,
        &list("SELECT json FROM recon_locals ORDER BY doc")?,
        &list("SELECT json FROM recon_unapplied ORDER BY decision")?,
    )
}

/// Rows of a read query on the stored results (see `Backend::recon_read`).
pub(crate) fn read(
    conn: &Connection,
    db: &str,
    sql: &str,
    args: &[crate::records::ReadArg],
) -> Result<Vec<Vec<String>>, StoreError> {
    use crate::records::ReadArg;
    let what = "reading reconciliation results";
    // `$n` is PostgreSQL's spelling; SQLite's is `?n`.
    let sql = sql.replace('$', "?");
    let mut st = conn.prepare_cached(&sql).map_err(err(db, what))?;
    let values: Vec<rusqlite::types::Value> = args
        .iter()
        .map(|a| match a {
            ReadArg::Text(t) => rusqlite::types::Value::Text(t.clone()),
            ReadArg::Int(i) => rusqlite::types::Value::Integer(*i),
            ReadArg::Real(x) => rusqlite::types::Value::Real(*x),
        })
        .collect();
    let n = st.column_count();
    let rows = st
        .query_map(params_from_iter(values), |r| {
            (0..n).map(|i| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default)).collect()
        })
        .map_err(err(db, what))?;
    rows.collect::<Result<_, _>>().map_err(err(db, what))
}
