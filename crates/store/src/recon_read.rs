//! Indexed reads of the stored reconciliation, one query per question, for
//! views that answer a request without the whole corpus in memory
//! (`dossier serve`). The SQL is written once for both backends.

use dossier_core::reconcile::{
    StoredClaimRecord, StoredEntity, StoredEvent, StoredFinding, StoredLocals,
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
        let norm = dossier_core::lexicon::LEXICON.key(&q);
        let contains = format!("%{}%", like_escape(&q));
        let equal = format!("%\n{}\n%", like_escape(&q));
        // A key shorter than two characters matches too much to count.
        let same_key = if norm.chars().count() >= 2 {
            format!("%\n{}\n%", like_escape(&norm))
        } else {
            equal.clone()
        };
        let matches = "(names LIKE $1 ESCAPE '\\' OR names LIKE $2 ESCAPE '\\' \
                       OR names LIKE $3 ESCAPE '\\')";
        let mut args = vec![text(&contains), text(&equal), text(&same_key)];
        let filter = match kind {
            Some(k) => {
                args.push(text(k));
                format!("{matches} AND kind = $4")
            }
            None => matches.to_string(),
        };
        // Both queries read only the columns of `recon_entities_names`, so
        // they scan that narrow index, not the rows with their JSON.
        let total = if with_total {
            self.count(&format!("SELECT count(*) FROM recon_entities WHERE {filter}"), &args)?
        } else {
            0
        };
        let at = args.len();
        args.extend(page);
        let ids: Vec<String> = self
            .inner
            .recon_read(
                &format!(
                    "SELECT id FROM recon_entities WHERE {filter} ORDER BY \
                     CASE WHEN names LIKE $2 ESCAPE '\\' OR names LIKE $3 ESCAPE '\\' \
                     THEN 0 ELSE 1 END, grp, doc_count DESC, id LIMIT ${} OFFSET ${}",
                    at + 1,
                    at + 2
                ),
                &args,
            )?
            .into_iter()
            .filter_map(|r| r.into_iter().next())
            .collect();
        Ok((total, self.entities_by_id(&ids)?))
    }

    fn count(&self, sql: &str, args: &[ReadArg]) -> Result<usize, StoreError> {
        let sql = sql.replacen("count(*)", "CAST(count(*) AS TEXT)", 1);
        let rows = self.inner.recon_read(&sql, args)?;
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
        let rows = self.inner.recon_read(
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
