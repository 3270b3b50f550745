//! Indexed reads of the stored reconciliation, one query per question, for
//! views that answer a request without the whole corpus in memory
//! (`dossier serve`). The SQL is written once for both backends.

use dossier_core::reconcile::{
    StoredClaimRecord, StoredEntity, StoredEvent, StoredFinding, StoredLocals, StoredUnapplied,
};

use crate::error::StoreError;
use crate::recon_rows::{doc_link, entity_link, from_json};
use crate::records::ReadArg;
use crate::Store;

/// How many results are stored, and findings per verdict.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReconCounts {
    /// Entities.
    pub entities: usize,
    /// Claims.
    pub claims: usize,
    /// Merged events.
    pub events: usize,
    /// Findings.
    pub findings: usize,
    /// Findings per verdict (`conflict`, `agree`, ...).
    pub verdicts: std::collections::BTreeMap<String, usize>,
}

/// An entity with the counts its list and page show.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityEntry {
    /// Its id.
    pub id: String,
    /// The JSON of its [`StoredEntity`], as stored: answers splice it into
    /// their records rather than decode and encode a list of every document
    /// it appears in.
    pub json: String,
    /// Documents that mention it.
    pub doc_count: usize,
    /// Claims about it.
    pub claims: usize,
    /// Events it carried out or that happened there.
    pub events: usize,
}

const ENTITY_COLS: &str = "json, CAST(doc_count AS TEXT), CAST(claims AS TEXT), \
     CAST(events AS TEXT), id";

impl EntityEntry {
    /// The stored entity, decoded.
    pub fn entity(&self) -> Result<StoredEntity, StoreError> {
        from_json("the store", &self.json)
    }
}

/// `LIKE` patterns match `%` and `_` literally once escaped with `\`.
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A record of a cursor with its key in the list's order (two columns).
pub type Keyed<T> = ((String, String), T);

/// Rows of (key, key, JSON) decoded as keyed records.
fn keyed<T: serde::de::DeserializeOwned>(
    db: &str,
    rows: Vec<Vec<String>>,
) -> Result<Vec<Keyed<T>>, StoreError> {
    rows.into_iter()
        .map(|r| {
            let [a, b, json] = <[String; 3]>::try_from(r).map_err(|_| {
                StoreError::new(
                    crate::ErrorKind::Database,
                    format!("database {db}: a cursor's row has other than 3 columns"),
                )
            })?;
            Ok(((a, b), from_json(db, &json)?))
        })
        .collect()
}

fn text(s: &str) -> ReadArg {
    ReadArg::Text(s.to_string())
}

fn int(n: usize) -> ReadArg {
    ReadArg::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

impl Store {
    /// The generation of the stored results: it moves with every write of
    /// results, by any process.
    pub fn recon_generation(&self) -> Result<i64, StoreError> {
        Ok(self.inner.recon_state()?.generation)
    }

    fn entries(&self, rows: Vec<Vec<String>>) -> Result<Vec<EntityEntry>, StoreError> {
        let n = |s: Option<&String>| s.and_then(|s| s.parse().ok()).unwrap_or(0);
        Ok(rows
            .into_iter()
            .map(|r| EntityEntry {
                json: r.first().cloned().unwrap_or_default(),
                doc_count: n(r.get(1)),
                claims: n(r.get(2)),
                events: n(r.get(3)),
                id: r.get(4).cloned().unwrap_or_default(),
            })
            .collect())
    }

    /// The entities with these ids, in this order.
    fn entities_by_id(&self, ids: &[String]) -> Result<Vec<EntityEntry>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let args: Vec<ReadArg> = ids.iter().map(|i| text(i)).collect();
        let rows = self.inner.recon_read(
            &format!("SELECT {ENTITY_COLS} FROM recon_entities WHERE id IN ({})", marks.join(",")),
            &args,
        )?;
        let mut found = self.entries(rows)?;
        let at = |id: &str| ids.iter().position(|x| x == id).unwrap_or(usize::MAX);
        found.sort_by_key(|e| at(&e.id));
        Ok(found)
    }

    fn json_rows<T: serde::de::DeserializeOwned>(
        &self,
        sql: &str,
        args: &[ReadArg],
    ) -> Result<Vec<T>, StoreError> {
        self.inner
            .recon_read(sql, args)?
            .iter()
            .map(|r| from_json(self.name(), r.first().map_or("", String::as_str)))
            .collect()
    }

    /// The rows `sql` reads for the keys `ids`, one query per 500 keys:
    /// `{ids}` in `sql` stands for their placeholders.
    fn rows_by_ids(&self, sql: &str, ids: &[String]) -> Result<Vec<Vec<String>>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let args: Vec<ReadArg> = chunk.iter().map(|i| text(i)).collect();
            out.extend(self.inner.recon_read(&sql.replace("{ids}", &marks.join(",")), &args)?);
        }
        Ok(out)
    }

    /// What the stored reconciliation did with each of `decisions`
    /// (those in force; an undone one is left out): for each that changed
    /// nothing, why, as a reconciliation of the whole corpus says it. A
    /// decision whose names reach no document is in no component: it
    /// changed nothing as no entity has its first name (`a`).
    pub fn recon_unapplied(
        &self,
        decisions: &[crate::Decision],
    ) -> Result<std::collections::HashMap<i64, String>, StoreError> {
        let mut out = std::collections::HashMap::new();
        let live: Vec<&crate::Decision> = decisions.iter().filter(|d| d.in_force()).collect();
        if live.is_empty() {
            return Ok(out);
        }
        let stored: Vec<StoredUnapplied> =
            self.json_rows("SELECT json FROM recon_unapplied", &[])?;
        let keys: Vec<String> = live.iter().map(|d| format!("d:{}", d.id)).collect();
        let reached: std::collections::HashSet<String> = self
            .rows_by_ids("SELECT DISTINCT key FROM recon_keys WHERE key IN ({ids})", &keys)?
            .into_iter()
            .filter_map(|r| r.into_iter().next())
            .collect();
        for d in live {
            if let Some(u) = stored.iter().find(|u| u.decision == d.id) {
                out.insert(d.id, u.why.clone());
            } else if !reached.contains(&format!("d:{}", d.id)) {
                out.insert(d.id, format!("no entity named `{}`", d.a));
            }
        }
        Ok(out)
    }

    /// The kind and name of each stored entity of `ids` (those stored), in
    /// no particular order: one query per 500, nothing decoded.
    pub fn recon_entity_names(
        &self,
        ids: &[String],
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        let rows =
            self.rows_by_ids("SELECT id, kind, name FROM recon_entities WHERE id IN ({ids})", ids)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                <[String; 3]>::try_from(r).ok().map(|[id, kind, name]| (id, kind, name))
            })
            .collect())
    }

    /// The kind, name and number of claims about each stored entity of
    /// `ids` (those stored), in no particular order: one query per 500,
    /// nothing decoded.
    pub fn recon_entity_heads(
        &self,
        ids: &[String],
    ) -> Result<Vec<(String, String, String, usize)>, StoreError> {
        let rows = self.rows_by_ids(
            "SELECT id, kind, name, CAST(claims AS TEXT) FROM recon_entities WHERE id IN ({ids})",
            ids,
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                <[String; 4]>::try_from(r)
                    .ok()
                    .map(|[id, kind, name, n]| (id, kind, name, n.parse().unwrap_or(0)))
            })
            .collect())
    }

    /// The ids of the `limit` most linked entities (claims about them,
    /// naming them, their events; the corpus graph's nodes), most first,
    /// then by id; nationalities and unlinked entities left out. An index
    /// range (schema v9), nothing decoded.
    pub fn recon_most_linked(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        let rows = self.inner.recon_read(
            "SELECT id FROM recon_entities WHERE degree > 0 AND kind <> 'nationality' \
             ORDER BY degree DESC, id LIMIT $1",
            &[int(limit)],
        )?;
        Ok(rows.into_iter().filter_map(|r| r.into_iter().next()).collect())
    }

    /// The id, kind and name of the first `limit` entities of `kind` in
    /// list order (most documents first, then by id), nothing decoded.
    pub fn recon_entity_names_of_kind(
        &self,
        kind: &str,
        limit: usize,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        let rows = self.inner.recon_read(
            "SELECT id, kind, name FROM recon_entities WHERE kind = $1 \
             ORDER BY doc_count DESC, id LIMIT $2",
            &[text(kind), int(limit)],
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|r| <[String; 3]>::try_from(r).ok().map(|[id, k, name]| (id, k, name)))
            .collect())
    }

    /// The stored entity with this id.
    pub fn recon_entity(&self, id: &str) -> Result<Option<EntityEntry>, StoreError> {
        let rows = self.inner.recon_read(
            &format!("SELECT {ENTITY_COLS} FROM recon_entities WHERE id = $1"),
            &[text(id)],
        )?;
        Ok(self.entries(rows)?.pop())
    }

    /// Entities of `kind` (any with `None`) whose name or an alias contains
    /// `q` (case-insensitive) or has its spelling key (`"Khurasan"` finds
    /// "Khorasan"); with an empty `q`, all. Names equal to `q` first, then
    /// groups, then by how many documents mention them, then by id. The
    /// total count and the page at `offset`.
    pub fn recon_entities(
        &self,
        q: &str,
        kind: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<(usize, Vec<EntityEntry>), StoreError> {
        self.entity_page(q, kind, limit, offset, true)
    }

    /// The same page without counting the total.
    pub fn recon_entities_page(
        &self,
        q: &str,
        kind: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<EntityEntry>, StoreError> {
        Ok(self.entity_page(q, kind, limit, offset, false)?.1)
    }

    fn entity_page(
        &self,
        q: &str,
        kind: Option<&str>,
        limit: usize,
        offset: usize,
        with_total: bool,
    ) -> Result<(usize, Vec<EntityEntry>), StoreError> {
        let q = q.trim().to_lowercase();
        let page = [int(limit), int(offset)];
        if q.is_empty() {
            let (filter, order, mut args) = match kind {
                Some(k) => ("WHERE kind = $1", "doc_count DESC, id", vec![text(k)]),
                None => ("", "grp, doc_count DESC, id", vec![]),
            };
            let total =
                self.count(&format!("SELECT count(*) FROM recon_entities {filter}"), &args)?;
            let at = args.len();
            args.extend(page);
            let rows = self.inner.recon_read(
                &format!(
                    "SELECT {ENTITY_COLS} FROM recon_entities {filter} ORDER BY {order} \
                     LIMIT ${} OFFSET ${}",
                    at + 1,
                    at + 2
                ),
                &args,
            )?;
            return Ok((total, self.entries(rows)?));
        }
        let (total, ids) = self.name_search(&q, kind, limit, offset, with_total, true)?;
        Ok((total, self.entities_by_id(&ids)?))
    }

    /// The ids of at most `limit` entities of `kind` (any with `None`)
    /// named `q` or with a name containing it, in no particular order: no
    /// entity is read and the matches are not sorted (a tenth of the cost
    /// of [`Store::recon_entities`] for a common word), for a caller that
    /// needs a few of them by name ([`Store::recon_entity_names`]).
    pub fn recon_entity_ids_named(
        &self,
        q: &str,
        kind: Option<&str>,
        limit: usize,
    ) -> Result<Vec<String>, StoreError> {
        let q = q.trim().to_lowercase();
        if q.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self.name_search(&q, kind, limit, 0, false, false)?.1)
    }

    /// A name search (`q` trimmed and lower-cased, not empty): the total
    /// when asked, and the ids of one page, in list order when `ordered`.
    fn name_search(
        &self,
        q: &str,
        kind: Option<&str>,
        limit: usize,
        offset: usize,
        with_total: bool,
        ordered: bool,
    ) -> Result<(usize, Vec<String>), StoreError> {
        let page = [int(limit), int(offset)];
        let norm = dossier_core::lexicon::LEXICON.key(q);
        let contains = format!("%{}%", like_escape(q));
        let equal = format!("%\n{}\n%", like_escape(q));
        // A key shorter than two characters matches too much to count.
        let same_key = if norm.chars().count() >= 2 {
            format!("%\n{}\n%", like_escape(&norm))
        } else {
            equal.clone()
        };
        let like = |col: &str, n: usize| format!("{col} LIKE ${n} ESCAPE '\\'");
        let mut args = vec![text(&contains), text(&equal), text(&same_key)];
        // On SQLite, the candidates come from the trigram index (every
        // entity with `q` or its key in its names), when both are long
        // enough for trigrams (a key under two characters is not searched),
        // and are filtered and ordered on the narrow rows beside it
        // (`recon_name_ids`: kind, group, documents) rather than on the
        // entities' rows with their JSON.
        let (nq, nk) = (q.chars().count(), norm.chars().count());
        let trigram = self.inner.trigram_names() && nq >= 3 && nk != 2;
        let (from, names, cols) = if trigram {
            (
                "recon_names JOIN recon_name_ids n ON n.rid = recon_names.rowid",
                "recon_names.names",
                "n.",
            )
        } else {
            ("recon_entities", "names", "")
        };
        let mut filter =
            format!("({} OR {} OR {})", like(names, 1), like(names, 2), like(names, 3));
        if let Some(k) = kind {
            args.push(text(k));
            let _ = std::fmt::Write::write_fmt(
                &mut filter,
                format_args!(" AND {cols}kind = ${}", args.len()),
            );
        }
        if trigram {
            let phrase = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
            let mut m = phrase(q);
            if nk >= 3 && norm != q {
                m = format!("{m} OR {}", phrase(&norm));
            }
            args.push(text(&m));
            let _ = std::fmt::Write::write_fmt(
                &mut filter,
                format_args!(" AND recon_names MATCH ${}", args.len()),
            );
        }
        // On SQLite without trigrams both queries read only the columns of
        // `recon_entities_names`, so they scan that narrow index, not the
        // rows with their JSON.
        let total = if with_total {
            self.count(&format!("SELECT count(*) FROM {from} WHERE {filter}"), &args)?
        } else {
            0
        };
        let at = args.len();
        args.extend(page);
        let ids: Vec<String> = self
            .inner
            .recon_read(
                &format!(
                    "SELECT {cols}id FROM {from} WHERE {filter} {} LIMIT ${} OFFSET ${}",
                    if ordered {
                        format!(
                            "ORDER BY CASE WHEN {} OR {} THEN 0 ELSE 1 END, {cols}grp, \
                             {cols}doc_count DESC, {cols}id",
                            like(names, 2),
                            like(names, 3)
                        )
                    } else {
                        String::new()
                    },
                    at + 1,
                    at + 2
                ),
                &args,
            )?
            .into_iter()
            .filter_map(|r| r.into_iter().next())
            .collect();
        Ok((total, ids))
    }

    /// The rows of an aggregate query, kept per query until the stored
    /// results move: a list's total (every claim, every event) costs a scan
    /// of an index, its page a few rows. One small query checks the
    /// generation.
    fn cached_rows(&self, sql: &str, args: &[ReadArg]) -> Result<Vec<Vec<String>>, StoreError> {
        let generation = self.recon_generation()?;
        let key = format!("{sql}\u{1}{args:?}");
        {
            let t = self.totals.lock().unwrap_or_else(|p| p.into_inner());
            if t.0 == generation {
                if let Some(rows) = t.1.get(&key) {
                    return Ok(rows.clone());
                }
            }
        }
        let rows = self.inner.recon_read(sql, args)?;
        let mut t = self.totals.lock().unwrap_or_else(|p| p.into_inner());
        if t.0 != generation || t.1.len() >= 4096 {
            t.1.clear();
            t.0 = generation;
        }
        t.1.insert(key, rows.clone());
        Ok(rows)
    }

    fn count(&self, sql: &str, args: &[ReadArg]) -> Result<usize, StoreError> {
        let sql = sql.replacen("count(*)", "CAST(count(*) AS TEXT)", 1);
        let rows = self.cached_rows(&sql, args)?;
        Ok(rows.first().and_then(|r| r.first()).and_then(|n| n.parse().ok()).unwrap_or(0))
    }

    /// Counts of the stored results (aggregate queries, no rows loaded).
    pub fn recon_counts(&self) -> Result<ReconCounts, StoreError> {
        let mut out = ReconCounts {
            entities: self.count("SELECT count(*) FROM recon_entities", &[])?,
            claims: self.count("SELECT count(*) FROM recon_claims", &[])?,
            events: self.count("SELECT count(*) FROM recon_events", &[])?,
            findings: self.count("SELECT count(*) FROM recon_findings", &[])?,
            ..ReconCounts::default()
        };
        let rows = self.cached_rows(
            "SELECT verdict, CAST(count(*) AS TEXT) FROM recon_findings GROUP BY verdict",
            &[],
        )?;
        for r in rows {
            if let [v, n] = r.as_slice() {
                out.verdicts.insert(v.clone(), n.parse().unwrap_or(0));
            }
        }
        Ok(out)
    }

    /// The findings about an entity, in predicate order.
    pub fn recon_findings_of(&self, subject: &str) -> Result<Vec<StoredFinding>, StoreError> {
        let mut out: Vec<StoredFinding> =
            self.json_rows("SELECT json FROM recon_findings WHERE subject = $1", &[text(subject)])?;
        out.sort_by_key(|f| f.predicate);
        Ok(out)
    }

    /// At most `limit` claims about an entity, in claim order.
    pub fn recon_claims_about(
        &self,
        subject: &str,
        limit: usize,
    ) -> Result<Vec<StoredClaimRecord>, StoreError> {
        self.claims_where("subject = $1", subject, limit)
    }

    /// At most `limit` claims whose value is the entity, about another.
    pub fn recon_claims_valued(
        &self,
        entity: &str,
        limit: usize,
    ) -> Result<Vec<StoredClaimRecord>, StoreError> {
        self.claims_where("value_entity = $1 AND subject <> $1", entity, limit)
    }

    /// The claims about an entity by predicate (in predicate order), each
    /// with its count and, in corpus order (as the claims list), its first
    /// `first` claims, or all of them for the predicates in `full`. The
    /// counts are one scan of the `(subject, predicate, ord)` index (schema
    /// v8), which reads no claim's row; then one index range per
    /// predicate reads and decodes only the claims returned.
    pub fn recon_claims_by_predicate(
        &self,
        subject: &str,
        first: usize,
        full: &[&str],
    ) -> Result<Vec<(String, usize, Vec<StoredClaimRecord>)>, StoreError> {
        let counts = self.inner.recon_read(
            "SELECT predicate, CAST(count(*) AS TEXT) FROM recon_claims WHERE subject = $1 \
             GROUP BY predicate",
            &[text(subject)],
        )?;
        let mut out: Vec<(String, usize, Vec<StoredClaimRecord>)> = Vec::new();
        for r in counts {
            let Ok([p, n]) = <[String; 2]>::try_from(r) else { continue };
            let limit = if full.contains(&p.as_str()) { usize::MAX } else { first };
            let claims = self.json_rows(
                "SELECT json FROM recon_claims WHERE subject = $1 AND predicate = $2 \
                 ORDER BY ord, id LIMIT $3",
                &[text(subject), text(&p), int(limit)],
            )?;
            out.push((p, n.parse().unwrap_or(0), claims));
        }
        out.sort_by_key(|(p, _, _)| (dossier_core::Predicate::parse(p), p.clone()));
        Ok(out)
    }

    /// Every claim about an entity, in corpus order (`ord`, as the claims
    /// list): the entity's timeline places each. One range of the
    /// `(subject, predicate, ord)` index (schema v8), then the rows.
    pub fn recon_claims_about_in_order(
        &self,
        subject: &str,
    ) -> Result<Vec<StoredClaimRecord>, StoreError> {
        self.json_rows(
            "SELECT json FROM recon_claims WHERE subject = $1 ORDER BY ord, id",
            &[text(subject)],
        )
    }

    /// The links claims make between an entity and others: `(subject,
    /// value entity, predicate)` of each claim about it whose value is an
    /// entity, in corpus order, then of each claim about another entity
    /// naming it, in corpus order. Read from the columns, no JSON decoded.
    pub fn recon_claim_links(
        &self,
        entity: &str,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        let mut out = Vec::new();
        for filter in
            ["subject = $1 AND value_entity IS NOT NULL", "value_entity = $1 AND subject <> $1"]
        {
            let rows = self.inner.recon_read(
                &format!(
                    "SELECT subject, value_entity, predicate FROM recon_claims WHERE {filter} \
                     ORDER BY ord, id"
                ),
                &[text(entity)],
            )?;
            out.extend(
                rows.into_iter()
                    .filter_map(|r| <[String; 3]>::try_from(r).ok().map(|[s, v, p]| (s, v, p))),
            );
        }
        Ok(out)
    }

    /// How many claims about other entities name this one as their value,
    /// and the first `limit` of them in corpus order.
    pub fn recon_claims_naming(
        &self,
        entity: &str,
        limit: usize,
    ) -> Result<Page<StoredClaimRecord>, StoreError> {
        let filter = "WHERE value_entity = $1 AND subject <> $1";
        let total =
            self.count(&format!("SELECT count(*) FROM recon_claims {filter}"), &[text(entity)])?;
        let items = self.json_rows(
            &format!("SELECT json FROM recon_claims {filter} ORDER BY ord, id LIMIT $2"),
            &[text(entity), int(limit)],
        )?;
        Ok(Page { total, items })
    }

    /// The claims of one document, in its order.
    pub fn recon_claims_in(&self, doc: &str) -> Result<Vec<StoredClaimRecord>, StoreError> {
        self.claims_where("doc = $1", doc, usize::MAX)
    }

    fn claims_where(
        &self,
        filter: &str,
        key: &str,
        limit: usize,
    ) -> Result<Vec<StoredClaimRecord>, StoreError> {
        let mut out: Vec<StoredClaimRecord> = self.json_rows(
            &format!("SELECT json FROM recon_claims WHERE {filter} ORDER BY id LIMIT $2"),
            &[text(key), int(limit)],
        )?;
        // `docid:c10` after `docid:c9`.
        out.sort_by(|a, b| claim_order(&a.id).cmp(&claim_order(&b.id)));
        Ok(out)
    }

    /// At most `limit` events an entity carried out or that happened there.
    pub fn recon_events_of(
        &self,
        entity: &str,
        limit: usize,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        self.events_linked(&entity_link(entity), limit)
    }

    /// The events a document reports.
    pub fn recon_events_in(&self, doc: &str) -> Result<Vec<StoredEvent>, StoreError> {
        self.events_linked(&doc_link(doc), usize::MAX)
    }

    fn events_linked(&self, link: &str, limit: usize) -> Result<Vec<StoredEvent>, StoreError> {
        self.json_rows(
            "SELECT e.json FROM recon_event_links l JOIN recon_events e ON e.id = l.event \
             WHERE l.link = $1 ORDER BY l.event LIMIT $2",
            &[text(link), int(limit)],
        )
    }

    /// The corpus entity of each of a document's local entities.
    pub fn recon_locals(&self, doc: &str) -> Result<Option<StoredLocals>, StoreError> {
        Ok(self.json_rows("SELECT json FROM recon_locals WHERE doc = $1", &[text(doc)])?.pop())
    }

    /// The stored event with this id.
    pub fn recon_event(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        Ok(self.json_rows("SELECT json FROM recon_events WHERE id = $1", &[text(id)])?.pop())
    }
}

fn claim_order(id: &str) -> (&str, u64) {
    match id.rsplit_once(":c") {
        Some((doc, n)) => (doc, n.parse().unwrap_or(u64::MAX)),
        None => (id, 0),
    }
}

/// The ids of a page of documents (see [`Store::documents_page`]), in
/// order: read from indexes alone (`documents_recent`,
/// `documents_id_recent`, `recon_locals_relevance`), before any row.
const DOCUMENTS_RECENT: &str = "SELECT d.id FROM documents d \
     ORDER BY d.ingested_at DESC, d.published DESC NULLS LAST, d.id LIMIT $1 OFFSET $2";
const DOCUMENTS_RELEVANT: &str = "SELECT d.id FROM recon_locals l \
     JOIN documents d ON d.id = l.doc WHERE l.relevance > 0 \
     ORDER BY l.relevance DESC, d.ingested_at DESC, d.published DESC NULLS LAST, d.id \
     LIMIT $1 OFFSET $2";

/// The filters of the claims list; each one given narrows it.
#[derive(Clone, Debug, Default)]
pub struct ClaimFilter {
    /// Subject entity id.
    pub subject: Option<String>,
    /// Predicate (`leader`, ...).
    pub predicate: Option<String>,
    /// The verdict of the claim's finding.
    pub verdict: Option<String>,
    /// Document id.
    pub doc: Option<String>,
}

/// The filters of the findings list.
#[derive(Clone, Debug, Default)]
pub struct FindingFilter {
    /// Subject entity id.
    pub subject: Option<String>,
    /// Predicate.
    pub predicate: Option<String>,
    /// Verdict.
    pub verdict: Option<String>,
}

/// The filters of the events list (dates as `YYYY-MM-DD`).
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// Events that may have happened on this day or later.
    pub from: Option<String>,
    /// Dated events that happened on this day or earlier.
    pub to: Option<String>,
    /// ISO 3166-1 code.
    pub country: Option<String>,
    /// ISO 3166-2 code.
    pub admin1: Option<String>,
    /// Carried out by this entity.
    pub group: Option<String>,
    /// Carried out by this entity or happened there.
    pub entity: Option<String>,
    /// Reported by this document.
    pub doc: Option<String>,
    /// Event kind (`bombing`, ...).
    pub kind: Option<String>,
    /// At least this many killed (lowest credible toll).
    pub min_killed: Option<f64>,
}

/// A document as the documents list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentEntry {
    /// Its metadata.
    pub meta: crate::DocumentMeta,
    /// A PDF's author.
    pub author: Option<String>,
    /// A PDF's page offsets.
    pub pages: Vec<usize>,
    /// The label every page names it by (`dossier_core::label::doc_label`).
    pub label: String,
}

/// A finding as a list shows it (schema v7): what its line on a page
/// needs and its API record, without its claims.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingEntry {
    /// Subject entity id.
    pub subject: String,
    /// Subject's name.
    pub subject_name: String,
    /// Predicate (`leader`, ...).
    pub predicate: String,
    /// Verdict (`conflict`, ...).
    pub verdict: String,
    /// How many claims it groups.
    pub claims: usize,
    /// How many distinct sources they cite.
    pub sources: usize,
    /// Its `finding` record ([`crate::finding_record`]) as JSON text.
    pub record: String,
    /// The one-sentence summary the pages show
    /// ([`dossier_core::words::stored_summary`]).
    pub summary: String,
}

/// A page of a list with the size of the whole list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page<T> {
    /// How many match the filters.
    pub total: usize,
    /// The page.
    pub items: Vec<T>,
}

/// A `WHERE` clause built with its arguments, `$n` numbered in order.
#[derive(Default)]
struct Where {
    terms: Vec<String>,
    args: Vec<ReadArg>,
}

impl Where {
    /// Adds `term`, whose `$` is the next parameter, bound to `arg`.
    fn add(&mut self, term: &str, arg: ReadArg) {
        self.args.push(arg);
        self.terms.push(term.replace('$', &format!("${}", self.args.len())));
    }

    fn text(&mut self, term: &str, value: &Option<String>) {
        if let Some(v) = value {
            self.add(term, text(v));
        }
    }

    /// Adds `term`, whose `$A` and `$B` are the next two parameters, bound
    /// to `a` and `b`.
    fn add2(&mut self, term: &str, a: ReadArg, b: ReadArg) {
        self.args.push(a);
        let ia = self.args.len();
        self.args.push(b);
        let ib = self.args.len();
        self.terms.push(term.replace("$A", &format!("${ia}")).replace("$B", &format!("${ib}")));
    }

    /// The clause and arguments with `LIMIT` appended.
    fn limited(&self, limit: usize) -> (String, Vec<ReadArg>) {
        let mut args = self.args.clone();
        args.push(int(limit));
        (format!("LIMIT ${}", args.len()), args)
    }

    fn sql(&self) -> String {
        if self.terms.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.terms.join(" AND "))
        }
    }

    /// The clause and arguments with `LIMIT` and `OFFSET` appended.
    fn paged(&self, limit: usize, offset: usize) -> (String, Vec<ReadArg>) {
        let n = self.args.len();
        let mut args = self.args.clone();
        args.extend([int(limit), int(offset)]);
        (format!("LIMIT ${} OFFSET ${}", n + 1, n + 2), args)
    }
}

impl Store {
    /// One page of documents, most recently ingested first (then latest
    /// published, then by id); with `relevant`, only those with claims or
    /// events, those saying most about armed groups first (claims about
    /// groups and events a group carried out count twice more), ties in
    /// the same order. With the number of documents listed.
    pub fn documents_page(
        &self,
        relevant: bool,
        limit: usize,
        offset: usize,
    ) -> Result<Page<DocumentEntry>, StoreError> {
        let total = self.documents_total(relevant)?;
        let sql = if relevant { DOCUMENTS_RELEVANT } else { DOCUMENTS_RECENT };
        let ids: Vec<String> = self
            .inner
            .recon_read(sql, &[int(limit), int(offset)])?
            .into_iter()
            .filter_map(|r| r.into_iter().next())
            .collect();
        // The page's list rows in one query (schema v7).
        let mut listed: std::collections::HashMap<String, crate::records::ListedDocument> = self
            .inner
            .listed_documents(&ids)?
            .into_iter()
            .map(|l| (l.meta.id.clone(), l))
            .collect();
        let mut items = Vec::with_capacity(ids.len());
        for id in ids {
            match listed.remove(&id) {
                Some(l) => items.push(self.listed_entry(l)?),
                // A document stored without its list row (none should be):
                // its metadata and label read as before v7.
                None => {
                    if let Some(meta) = self.inner.document_meta(&id)? {
                        items.push(self.document_entry(meta)?);
                    }
                }
            }
        }
        Ok(Page { total, items })
    }

    /// How many documents the documents list holds; with `relevant`, those
    /// with claims or events (counted once per stored generation).
    pub fn documents_total(&self, relevant: bool) -> Result<usize, StoreError> {
        if relevant {
            self.count("SELECT count(*) FROM recon_locals WHERE relevance > 0", &[])
        } else {
            self.count("SELECT count(*) FROM documents", &[])
        }
    }

    /// A document's entry from its list row: its label from the row, and
    /// for a PDF its author and pages from the whole document.
    fn listed_entry(&self, l: crate::records::ListedDocument) -> Result<DocumentEntry, StoreError> {
        let mut doc = dossier_core::Document {
            id: l.meta.id.clone(),
            title: l.meta.title.clone(),
            source: l.meta.source.clone(),
            text: l.head,
            ..Default::default()
        };
        if l.paged {
            if let Some(a) = self.load(&l.meta.id)? {
                doc.author = a.doc.author;
                doc.pages = a.doc.pages;
            }
        }
        let label = dossier_core::label::doc_label(&doc);
        Ok(DocumentEntry { meta: l.meta, author: doc.author, pages: doc.pages, label })
    }

    /// A document's metadata with its label and, for a PDF, its author and
    /// pages: one small query, and the whole document only for a PDF.
    fn document_entry(&self, meta: crate::DocumentMeta) -> Result<DocumentEntry, StoreError> {
        // The annotations begin with the author and pages when there are
        // any; the first words name a document without outlet.
        let rows = self.inner.recon_read(
            "SELECT substr(annotations, 1, 12), CASE WHEN trim(coalesce(source, '')) = '' \
             THEN substr(text, 1, 2000) ELSE '' END FROM documents WHERE id = $1",
            &[text(&meta.id)],
        )?;
        let cell = |i: usize| rows.first().and_then(|r| r.get(i)).cloned().unwrap_or_default();
        let head = cell(0);
        let mut doc = dossier_core::Document {
            id: meta.id.clone(),
            title: meta.title.clone(),
            source: meta.source.clone(),
            url: meta.url.clone(),
            published: meta.published,
            path: meta.path.clone(),
            text: cell(1),
            ..Default::default()
        };
        if head.starts_with("{\"author\"") || head.starts_with("{\"pages\"") {
            if let Some(a) = self.load(&meta.id)? {
                doc.author = a.doc.author;
                doc.pages = a.doc.pages;
            }
        }
        let label = dossier_core::label::doc_label(&doc);
        Ok(DocumentEntry { meta, author: doc.author, pages: doc.pages, label })
    }

    /// One page of the corpus claims matching `f`, in corpus order (the
    /// store's document order, then each document's order).
    pub fn recon_claims_list(
        &self,
        f: &ClaimFilter,
        limit: usize,
        offset: usize,
    ) -> Result<Page<StoredClaimRecord>, StoreError> {
        let mut w = Where::default();
        w.text("subject = $", &f.subject);
        w.text("predicate = $", &f.predicate);
        w.text("verdict = $", &f.verdict);
        w.text("doc = $", &f.doc);
        let total =
            self.count(&format!("SELECT count(*) FROM recon_claims {}", w.sql()), &w.args)?;
        let (page, args) = w.paged(limit, offset);
        let items = self.json_rows(
            &format!("SELECT json FROM recon_claims {} ORDER BY ord, id {page}", w.sql()),
            &args,
        )?;
        Ok(Page { total, items })
    }

    /// At most `limit` claims matching `f` in corpus order after the one
    /// whose key (`ord`, `id`) is `after`, each with its key: a cursor that
    /// reads every claim once, each step an index range however far in it
    /// is (an export of all of them), where an `OFFSET` would read and skip
    /// every claim before it.
    pub fn recon_claims_after(
        &self,
        f: &ClaimFilter,
        after: Option<&(String, String)>,
        limit: usize,
    ) -> Result<Vec<Keyed<StoredClaimRecord>>, StoreError> {
        let mut w = Where::default();
        w.text("subject = $", &f.subject);
        w.text("predicate = $", &f.predicate);
        w.text("verdict = $", &f.verdict);
        w.text("doc = $", &f.doc);
        if let Some((ord, id)) = after {
            w.add2("(ord > $A OR (ord = $A AND id > $B))", text(ord), text(id));
        }
        let (lim, args) = w.limited(limit);
        let rows = self.inner.recon_read(
            &format!("SELECT ord, id, json FROM recon_claims {} ORDER BY ord, id {lim}", w.sql()),
            &args,
        )?;
        keyed(self.name(), rows)
    }

    /// At most `limit` events matching `f`, latest first (undated last),
    /// then by id, after the one whose key (`day`, `id`) is `after`, each
    /// with its key: the events list's cursor (see
    /// [`Store::recon_claims_after`]).
    pub fn recon_events_after(
        &self,
        f: &EventFilter,
        after: Option<&(String, String)>,
        limit: usize,
    ) -> Result<Vec<Keyed<StoredEvent>>, StoreError> {
        let mut w = Self::event_where(f);
        if let Some((day, id)) = after {
            w.add2("(day < $A OR (day = $A AND id > $B))", text(day), text(id));
        }
        let (lim, args) = w.limited(limit);
        let rows = self.inner.recon_read(
            &format!(
                "SELECT day, id, json FROM recon_events {} ORDER BY day DESC, id {lim}",
                w.sql()
            ),
            &args,
        )?;
        keyed(self.name(), rows)
    }

    /// At most `limit` entities after the one whose id is `after`, by id,
    /// with their counts: the entity table's cursor (see
    /// [`Store::recon_claims_after`]), for a reader of every entity.
    pub fn recon_entities_after(
        &self,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<EntityEntry>, StoreError> {
        let rows = match after {
            Some(id) => self.inner.recon_read(
                &format!(
                    "SELECT {ENTITY_COLS} FROM recon_entities WHERE id > $1 ORDER BY id LIMIT $2"
                ),
                &[text(id), int(limit)],
            )?,
            None => self.inner.recon_read(
                &format!("SELECT {ENTITY_COLS} FROM recon_entities ORDER BY id LIMIT $1"),
                &[int(limit)],
            )?,
        };
        self.entries(rows)
    }

    /// At most `limit` findings' list records (`finding` records of the
    /// export contract) by subject and predicate, after the one whose key
    /// is `after`, each with its key: the findings' cursor (see
    /// [`Store::recon_claims_after`]).
    pub fn recon_findings_after(
        &self,
        after: Option<&(String, String)>,
        limit: usize,
    ) -> Result<Vec<Keyed<serde_json::Value>>, StoreError> {
        let mut w = Where::default();
        if let Some((subject, predicate)) = after {
            w.add2(
                "(subject > $A OR (subject = $A AND predicate > $B))",
                text(subject),
                text(predicate),
            );
        }
        let (lim, args) = w.limited(limit);
        let rows = self.inner.recon_read(
            &format!(
                "SELECT subject, predicate, record FROM recon_finding_list {} \
                 ORDER BY subject, predicate {lim}",
                w.sql()
            ),
            &args,
        )?;
        keyed(self.name(), rows)
    }

    /// One page of the findings matching `f`, most disagreement first:
    /// by verdict (conflicts first), then more distinct sources, then more
    /// claims, then by subject id and predicate. Read from the list's
    /// narrow rows (schema v7): no finding or claim is decoded.
    pub fn recon_findings_list(
        &self,
        f: &FindingFilter,
        limit: usize,
        offset: usize,
    ) -> Result<Page<FindingEntry>, StoreError> {
        let mut w = Where::default();
        w.text("subject = $", &f.subject);
        w.text("predicate = $", &f.predicate);
        if let Some(v) = &f.verdict {
            // By its rank, the first column of the list's index.
            match crate::recon_rows::verdict_rank_of(v) {
                // A BIGINT parameter (the bound type), compared as an INTEGER.
                Some(r) => w.add("vrank = CAST(CAST($ AS BIGINT) AS INTEGER)", ReadArg::Int(r)),
                None => w.add("verdict = $", text(v)),
            }
        }
        let total =
            self.count(&format!("SELECT count(*) FROM recon_finding_list {}", w.sql()), &w.args)?;
        let (page, args) = w.paged(limit, offset);
        let rows = self.inner.recon_read(
            &format!(
                "SELECT subject, subject_name, predicate, verdict, CAST(nclaims AS TEXT), \
                 CAST(sources AS TEXT), record, line FROM recon_finding_list {} \
                 ORDER BY vrank, sources DESC, nclaims DESC, subject, predicate {page}",
                w.sql()
            ),
            &args,
        )?;
        let items = rows
            .into_iter()
            .filter_map(|r| {
                let [subject, subject_name, predicate, verdict, claims, sources, record, summary] =
                    <[String; 8]>::try_from(r).ok()?;
                Some(FindingEntry {
                    subject,
                    subject_name,
                    predicate,
                    verdict,
                    claims: claims.parse().unwrap_or(0),
                    sources: sources.parse().unwrap_or(0),
                    record,
                    summary,
                })
            })
            .collect();
        Ok(Page { total, items })
    }

    fn event_where(f: &EventFilter) -> Where {
        let mut w = Where::default();
        w.text("last_day >= $", &f.from);
        if let Some(t) = &f.to {
            w.add("day <> '' AND day <= $", text(t));
        }
        w.text("country = $", &f.country);
        w.text("admin1 = $", &f.admin1);
        w.text("kind = $", &f.kind);
        if let Some(m) = f.min_killed {
            w.add("killed >= $", ReadArg::Real(m));
        }
        let linked = "id IN (SELECT event FROM recon_event_links WHERE link = $)";
        if let Some(g) = &f.group {
            w.add(linked, text(&crate::recon_rows::group_link(g)));
        }
        if let Some(e) = &f.entity {
            w.add(linked, text(&entity_link(e)));
        }
        if let Some(d) = &f.doc {
            w.add(linked, text(&doc_link(d)));
        }
        w
    }

    /// One page of the events matching `f`, latest first (undated last),
    /// then by id; with how many match and their lowest credible tolls
    /// added up.
    pub fn recon_events_list(
        &self,
        f: &EventFilter,
        limit: usize,
        offset: usize,
    ) -> Result<(Page<StoredEvent>, f64), StoreError> {
        let w = Self::event_where(f);
        let rows = self.cached_rows(
            &format!(
                "SELECT CAST(count(*) AS TEXT), CAST(coalesce(sum(killed), 0) AS TEXT) \
                 FROM recon_events {}",
                w.sql()
            ),
            &w.args,
        )?;
        let cell = |i: usize| rows.first().and_then(|r| r.get(i)).cloned().unwrap_or_default();
        let total = cell(0).parse().unwrap_or(0);
        let killed = cell(1).parse().unwrap_or(0.0);
        let (page, args) = w.paged(limit, offset);
        let items = self.json_rows(
            &format!("SELECT json FROM recon_events {} ORDER BY day DESC, id {page}", w.sql()),
            &args,
        )?;
        Ok((Page { total, items }, killed))
    }

    /// The `limit` events matching `f` with the highest lowest credible
    /// tolls that the gazetteer locates (`StoredEvent::geo`'s coordinates),
    /// then by id; and how many matching events were read to find them
    /// (all of them when fewer are located). Read 500 at a time, highest
    /// tolls first, until `limit` are found.
    pub fn recon_events_located(
        &self,
        f: &EventFilter,
        limit: usize,
    ) -> Result<(Vec<StoredEvent>, usize), StoreError> {
        const CHUNK: usize = 500;
        let w = Self::event_where(f);
        let (mut located, mut read) = (Vec::new(), 0);
        while located.len() < limit {
            // The ids first, in toll order: a sort of index entries
            // (`recon_events_day` and `_country` cover `killed`), not of
            // the rows with their JSON; then those rows by key.
            let (page, args) = w.paged(CHUNK, read);
            let sql =
                format!("SELECT id FROM recon_events {} ORDER BY killed DESC, id {page}", w.sql());
            let ids: Vec<String> = self
                .inner
                .recon_read(&sql, &args)?
                .into_iter()
                .filter_map(|r| r.into_iter().next())
                .collect();
            let n = ids.len();
            let rows: Vec<StoredEvent> = if n == 0 {
                Vec::new()
            } else {
                let marks: Vec<String> = (1..=n).map(|i| format!("${i}")).collect();
                let args: Vec<ReadArg> = ids.iter().map(|i| text(i)).collect();
                let mut rows: Vec<StoredEvent> = self.json_rows(
                    &format!("SELECT json FROM recon_events WHERE id IN ({})", marks.join(",")),
                    &args,
                )?;
                let at: std::collections::HashMap<&str, usize> =
                    ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
                rows.sort_by_key(|ev| at.get(ev.id.as_str()).copied().unwrap_or(usize::MAX));
                rows
            };
            for ev in rows {
                read += 1;
                if ev.geo.coords.is_some() {
                    located.push(ev);
                    if located.len() == limit {
                        break;
                    }
                }
            }
            if n < CHUNK {
                break;
            }
        }
        Ok((located, read))
    }

    /// Whether some stored event is of this kind.
    pub fn recon_event_kind_exists(&self, kind: &str) -> Result<bool, StoreError> {
        Ok(!self
            .inner
            .recon_read("SELECT kind FROM recon_events WHERE kind = $1 LIMIT 1", &[text(kind)])?
            .is_empty())
    }
}

/// The events of one month (see [`Store::recon_event_months`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MonthTotal {
    /// `YYYY-MM`.
    pub month: String,
    /// Events dated within it.
    pub events: usize,
    /// Their lowest credible tolls added up.
    pub killed: f64,
}

/// What the events list can be filtered by: the countries, subdivisions
/// and perpetrators (id and name) of the stored events.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventFacets {
    /// ISO 3166-1 codes, sorted.
    pub countries: Vec<String>,
    /// ISO 3166-2 codes, sorted.
    pub admin1: Vec<String>,
    /// Entity id and name of every perpetrator, by name.
    pub groups: Vec<(String, String)>,
}

impl Store {
    /// The events matching `f` that are dated within one month, counted
    /// and tolled per month (latest first), and how many others match.
    pub fn recon_event_months(
        &self,
        f: &EventFilter,
    ) -> Result<(Vec<MonthTotal>, usize), StoreError> {
        let w = Self::event_where(f);
        let rows = self.cached_rows(
            &format!(
                "SELECT month, CAST(count(*) AS TEXT), CAST(coalesce(sum(killed), 0) AS TEXT) \
                 FROM recon_events {} GROUP BY month ORDER BY month DESC",
                w.sql()
            ),
            &w.args,
        )?;
        let mut out = Vec::new();
        let mut vague = 0;
        for r in rows {
            let [month, n, k] = r.as_slice() else { continue };
            let n: usize = n.parse().unwrap_or(0);
            if month.is_empty() {
                vague += n;
            } else {
                out.push(MonthTotal {
                    month: month.clone(),
                    events: n,
                    killed: k.parse().unwrap_or(0.0),
                });
            }
        }
        Ok((out, vague))
    }

    /// The countries, subdivisions and perpetrators of the stored events
    /// (three `DISTINCT` queries over indexes and links).
    pub fn recon_event_facets(&self) -> Result<EventFacets, StoreError> {
        let column = |sql: &str| -> Result<Vec<String>, StoreError> {
            Ok(self
                .cached_rows(sql, &[])?
                .into_iter()
                .filter_map(|r| r.into_iter().next())
                .collect())
        };
        let groups = self
            .cached_rows(
                "SELECT id, name FROM recon_entities WHERE id IN (SELECT substr(link, 3) \
                 FROM recon_event_links WHERE link >= 'g:' AND link < 'g;') ORDER BY name, id",
                &[],
            )?
            .into_iter()
            .filter_map(|r| match r.as_slice() {
                [id, name] => Some((id.clone(), name.clone())),
                _ => None,
            })
            .collect();
        Ok(EventFacets {
            countries: column(
                "SELECT DISTINCT country FROM recon_events WHERE country IS NOT NULL ORDER BY country",
            )?,
            admin1: column(
                "SELECT DISTINCT admin1 FROM recon_events WHERE admin1 IS NOT NULL ORDER BY admin1",
            )?,
            groups,
        })
    }
}

impl Store {
    /// The claims with these ids (those stored), in no particular order.
    pub fn recon_claims_by_id(&self, ids: &[String]) -> Result<Vec<StoredClaimRecord>, StoreError> {
        self.rows_by_ids("SELECT json FROM recon_claims WHERE id IN ({ids})", ids)?
            .iter()
            .map(|r| from_json(self.name(), r.first().map_or("", String::as_str)))
            .collect()
    }
}

/// What a search page shows of a document it found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentFacts {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its label (`dossier_core::label::doc_label`).
    pub label: String,
    /// Its publication date.
    pub published: Option<chrono::NaiveDate>,
    /// Whether it has claims or events.
    pub relevant: bool,
}

impl Store {
    /// The documents `ids` (those stored) without their annotations: id,
    /// title, outlet, date and text (and a PDF's author and pages), in no
    /// particular order; one query per 500. The exports quote their spans
    /// from them.
    pub fn document_texts(
        &self,
        ids: &[String],
    ) -> Result<Vec<dossier_core::Document>, StoreError> {
        let rows = self.rows_by_ids(
            "SELECT id, coalesce(title, ''), CASE WHEN title IS NULL THEN '0' ELSE '1' END, \
             coalesce(source, ''), CASE WHEN source IS NULL THEN '0' ELSE '1' END, \
             coalesce(CAST(published AS TEXT), ''), text, substr(annotations, 1, 12) \
             FROM documents WHERE id IN ({ids})",
            ids,
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let Ok([id, title, has_title, source, has_source, published, text, head]) =
                <[String; 8]>::try_from(r)
            else {
                continue;
            };
            let mut doc = dossier_core::Document {
                id,
                title: (has_title == "1").then_some(title),
                source: (has_source == "1").then_some(source),
                published: chrono::NaiveDate::parse_from_str(&published, "%Y-%m-%d").ok(),
                text,
                ..Default::default()
            };
            // A PDF's pages, so that a quote names its page (the
            // annotations begin with them when there are any).
            if head.starts_with("{\"author\"") || head.starts_with("{\"pages\"") {
                if let Some(a) = self.load(&doc.id)? {
                    doc.author = a.doc.author;
                    doc.pages = a.doc.pages;
                }
            }
            out.push(doc);
        }
        Ok(out)
    }

    /// The label, title, date and relevance of the documents `ids` (those
    /// stored), in no particular order: one query per 500.
    pub fn document_facts(&self, ids: &[String]) -> Result<Vec<DocumentFacts>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        let rows = self.rows_by_ids(
            "SELECT d.id, coalesce(d.title, ''), CASE WHEN d.title IS NULL THEN '0' \
             ELSE '1' END, coalesce(d.source, ''), coalesce(CAST(d.published AS TEXT), ''), \
             coalesce(h.head, CASE WHEN trim(coalesce(d.source, '')) = '' \
             THEN substr(d.text, 1, 2000) ELSE '' END), \
             CAST(coalesce(l.relevance, 0) AS TEXT) \
             FROM documents d LEFT JOIN recon_locals l ON l.doc = d.id \
             LEFT JOIN document_list h ON h.doc = d.id \
             WHERE d.id IN ({ids})",
            ids,
        )?;
        for r in rows {
            let [id, title, has_title, source, published, text, relevance] = r.as_slice() else {
                continue;
            };
            let doc = dossier_core::Document {
                id: id.clone(),
                title: (has_title == "1").then(|| title.clone()),
                source: (!source.is_empty()).then(|| source.clone()),
                text: text.clone(),
                ..Default::default()
            };
            out.push(DocumentFacts {
                label: dossier_core::label::doc_label(&doc),
                id: doc.id,
                title: doc.title,
                published: chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
                relevant: relevance.parse::<i64>().unwrap_or(0) > 0,
            });
        }
        Ok(out)
    }
}
