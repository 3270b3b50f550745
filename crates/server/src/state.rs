//! The shared state: the store, read per request, and (for the tests) a
//! whole-corpus view to check the stored answers against.
//!
//! Requests are answered from the stored reconciliation (`recon_*` tables,
//! written by `dossier reconcile` or by [`AppState::open`] and after every
//! write through [`dossier_store::Store::reconcile_stored`], incrementally):
//! the API and most pages (home, search, entities, documents, claims,
//! findings, events, a document) ask the store with indexed queries (see
//! `crate::read`, schema v6), so start-up and memory do not grow with the
//! corpus and several servers can share one PostgreSQL database.
//!
//! The entity and event pages, the entity's timeline and graph, the
//! compare page, the entity API answers and searches are kept, as
//! answered, until the stored generation moves (at most 32 MiB, least
//! recently used dropped first: see [`crate::answers`]).
//!
//! Every page, answer and export reads the store. The [`Snapshot`] of the
//! whole corpus reconciled in memory is only built on demand by
//! [`AppState::snapshot`], which no handler calls: the tests compare the
//! stored answers with it.
//!
//! Other processes write to the same store (`dossier ingest`, `remove`,
//! `merge`, another server): [`AppState::follow_database`] polls the store's
//! `data_version`, brings the stored results up to date and drops the
//! snapshot when one of them committed.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use dossier_core::reconcile::Verdict;
use dossier_core::reconcile::{reconcile_splitting, ManualDecision};
use dossier_core::{export, Annotated, Reconciled};
use dossier_store::{DocumentMeta, Location, SearchHit, Store};
use serde_json::Value as Json;

use crate::answers::Answers;
use crate::error::{AppError, AppResult};
use axum::body::Bytes;

/// Ends each entity's keys in [`Snapshot::entity_keys_all`].
const KEY_SEP: char = '\u{1}';

/// How many read connections search uses (SQLite readers run in parallel
/// under WAL; one connection serves one query at a time).
const READERS: usize = 4;

/// The reconciled corpus with the indexes the views need.
pub struct Snapshot {
    /// The write generation this snapshot reflects.
    pub generation: u64,
    /// Every stored document, in the store's order.
    pub docs: Vec<Annotated>,
    /// Their metadata (ingest time, counts), same order.
    pub metas: Vec<DocumentMeta>,
    /// The reconciled view.
    pub rec: Reconciled,
    /// Document id -> index.
    pub doc_index: HashMap<String, usize>,
    /// Entity id -> index.
    pub entity_index: HashMap<String, usize>,
    /// For each entity, the corpus claims about it.
    pub entity_claims: Vec<Vec<usize>>,
    /// For each entity, the corpus claims whose value it is.
    pub entity_incoming: Vec<Vec<usize>>,
    /// For each entity, its findings in predicate order.
    pub entity_findings: Vec<Vec<usize>>,
    /// For each entity, the events it did or that happened there.
    pub entity_events: Vec<Vec<usize>>,
    /// For each entity, the documents that mention it.
    pub entity_docs: Vec<usize>,
    /// For each corpus claim, its finding.
    pub claim_finding: Vec<Option<usize>>,
    /// For each document, its corpus claims in order.
    pub doc_claims: Vec<Vec<usize>>,
    /// For each document, the corpus events it reports.
    pub doc_events: Vec<Vec<usize>>,
    /// For each document, the one label every page names it by (its
    /// outlet, else its title, else its first words).
    pub labels: Vec<String>,
    /// Event id -> index.
    pub event_index: HashMap<String, usize>,
    /// For each event, the country and first-level subdivision it happened
    /// in, from the gazetteer entry of its place (or of a report's place).
    pub event_geo: Vec<Geo>,
    /// For each event, its latitude and longitude when the gazetteer
    /// locates its place (or a report's place in the same country).
    pub event_coords: Vec<Option<(f64, f64)>>,
    /// Lower-cased name and aliases of each entity, for search.
    pub entity_keys: Vec<String>,
    /// Spelling-normalized name and aliases (the lexicon's keys), so that
    /// "Islamic State Khurasan" finds "Islamic State Khorasan".
    pub entity_norm: Vec<Vec<String>>,
    /// Every `entity_keys` entry, each followed by [`KEY_SEP`], so that one
    /// substring scan finds all entities whose names contain a query.
    pub entity_keys_all: String,
    /// Where each entity's keys start in `entity_keys_all`.
    pub entity_key_at: Vec<usize>,
    /// Entities by each of their `entity_norm` keys.
    pub entity_by_norm: HashMap<String, Vec<usize>>,
    /// Export records (the JSONL contract) per document, entity, claim,
    /// event and finding, in the order of `docs` and of `rec`'s vectors.
    pub json: Records,
    /// Documents, most recently ingested first (then latest published).
    pub recent: Vec<usize>,
    /// Entities of each kind's list order: groups first, then by documents.
    pub by_docs: Vec<usize>,
    /// How long the rebuild took, in milliseconds.
    pub build_ms: u128,
}

/// Where an event happened, in gazetteer codes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Geo {
    /// ISO 3166-1 code ("AF").
    pub country: Option<String>,
    /// ISO 3166-2 code of the first-level subdivision ("AF-KAB").
    pub admin1: Option<String>,
}

impl Geo {
    /// The name of a country code ("Afghanistan"), else the code.
    pub fn country_name(code: &str) -> String {
        dossier_core::lexicon::LEXICON
            .by_id(&format!("country:{code}"))
            .map(|e| e.name.clone())
            .unwrap_or_else(|| code.to_string())
    }

    /// The name of a subdivision code ("Kabul"), else the code.
    pub fn admin1_name(code: &str) -> String {
        dossier_core::lexicon::LEXICON
            .by_id(&format!("adm1:{code}"))
            .map(|e| e.name.clone())
            .unwrap_or_else(|| code.to_string())
    }
}

/// Export records (the JSONL contract), serialized once per snapshot so that
/// answers are assembled from strings instead of re-encoding values.
#[derive(Default)]
pub struct Records {
    /// `document` records (without text).
    pub documents: Vec<String>,
    /// `entity` records plus `claims`, `doc_count` and `events` counts.
    pub entities: Vec<String>,
    /// `claim` records plus the `verdict` of their group.
    pub claims: Vec<String>,
    /// `event` records.
    pub events: Vec<String>,
    /// `finding` records.
    pub findings: Vec<String>,
}

impl Records {
    /// A JSON array of the records `items` of `list`.
    pub fn array(list: &[String], items: impl IntoIterator<Item = usize>) -> String {
        let mut out = String::from("[");
        for (n, i) in items.into_iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push_str(list.get(i).map(String::as_str).unwrap_or("null"));
        }
        out.push(']');
        out
    }
}

impl Snapshot {
    /// Every (a, b, label) link of the corpus an entity takes part in: the
    /// claims about or naming it whose value is an entity, and its events'
    /// perpetrators with their place and with each other.
    pub fn links_of(&self, e: usize) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        for &c in self.entity_claims[e].iter().chain(&self.entity_incoming[e]) {
            let cc = &self.rec.claims[c];
            if let Some(v) = cc.value_entity {
                let p = self.docs[cc.doc].claims[cc.idx].predicate;
                out.push((cc.subject, v, crate::words::predicate_lower(p)));
            }
        }
        for &v in &self.entity_events[e] {
            let ev = &self.rec.events[v];
            for &p in &ev.perpetrators {
                if let Some(pl) = ev.place {
                    out.push((p, pl, format!("{} in", ev.kind.as_str().replace('_', " "))));
                }
                for &q in &ev.perpetrators {
                    if p < q {
                        out.push((p, q, "acted with".into()));
                    }
                }
            }
        }
        out
    }

    /// Builds the snapshot of `docs`, applying the manual merges and splits.
    pub fn build(
        generation: u64,
        mut docs: Vec<Annotated>,
        metas: Vec<DocumentMeta>,
        decisions: &[ManualDecision],
    ) -> Snapshot {
        let t = Instant::now();
        let rec = reconcile_splitting(&mut docs, decisions);
        // The export records, minus mentions: they are the bulk of an export
        // and the document view reads them from `docs` directly.
        let opts = export::ExportOptions { with_text: false, skip_mentions: true };
        let records = export::records(&docs, &rec, opts);
        let mut raw: [Vec<Json>; 5] = Default::default();
        for r in records {
            let slot = match r.get("type").and_then(Json::as_str) {
                Some("document") => 0,
                Some("entity") => 1,
                Some("claim") => 2,
                Some("event") => 3,
                Some("finding") => 4,
                _ => continue,
            };
            raw[slot].push(r);
        }
        let n = rec.entities.len();
        let mut entity_claims = vec![Vec::new(); n];
        let mut entity_incoming = vec![Vec::new(); n];
        let mut doc_claims = vec![Vec::new(); docs.len()];
        for (i, c) in rec.claims.iter().enumerate() {
            entity_claims[c.subject].push(i);
            if let Some(v) = c.value_entity {
                if v != c.subject {
                    entity_incoming[v].push(i);
                }
            }
            doc_claims[c.doc].push(i);
        }
        let mut entity_findings = vec![Vec::new(); n];
        let mut claim_finding = vec![None; rec.claims.len()];
        for (fi, f) in rec.findings.iter().enumerate() {
            entity_findings[f.subject].push(fi);
            for &c in &f.claims {
                if let Some(slot) = claim_finding.get_mut(c) {
                    *slot = Some(fi);
                }
            }
        }
        for fs in &mut entity_findings {
            fs.sort_by_key(|&f| rec.findings[f].predicate);
        }
        let mut entity_events = vec![Vec::new(); n];
        let mut doc_events = vec![Vec::new(); docs.len()];
        for (i, e) in rec.events.iter().enumerate() {
            let mut who: Vec<usize> = e.perpetrators.clone();
            who.extend(e.place);
            who.sort_unstable();
            who.dedup();
            for w in who {
                entity_events[w].push(i);
            }
            for &(d, _) in &e.reports {
                if doc_events[d].last() != Some(&i) {
                    doc_events[d].push(i);
                }
            }
        }
        let entity_docs: Vec<usize> = rec
            .entities
            .iter()
            .map(|e| {
                let mut d: Vec<usize> = e.members.iter().map(|m| m.0).collect();
                d.sort_unstable();
                d.dedup();
                d.len()
            })
            .collect();
        let entity_keys: Vec<String> = rec
            .entities
            .iter()
            .map(|e| {
                let mut k = e.name.to_lowercase();
                for a in &e.aliases {
                    k.push('\n');
                    k.push_str(&a.to_lowercase());
                }
                k
            })
            .collect();
        let [raw_docs, raw_entities, raw_claims, raw_events, raw_findings] = raw;
        let labels: Vec<String> = docs.iter().map(|a| crate::pages::doc_label(&a.doc)).collect();
        let label_of: HashMap<&str, &str> =
            docs.iter().zip(&labels).map(|(a, l)| (a.doc.id.as_str(), l.as_str())).collect();
        // Documents are named by their label; where a file was read from is
        // the operator's business, never shown.
        let relabel = |r: &mut Json, doc_key: &str| {
            let label =
                r.get(doc_key).and_then(Json::as_str).and_then(|d| label_of.get(d).copied());
            if let (Some(l), Some(o)) = (label, r.get_mut("outlet")) {
                *o = Json::from(l);
            }
        };
        let text = |v: &Json| v.to_string();
        let json = Records {
            documents: raw_docs
                .into_iter()
                .zip(&metas)
                .zip(&labels)
                .map(|((mut r, m), label)| {
                    if r.get("path").is_some() {
                        r["path"] = Json::Null;
                    }
                    r["label"] = Json::from(label.as_str());
                    r["ingested_at"] = Json::from(m.ingested_at.clone());
                    r["claims"] = Json::from(m.claims);
                    r["events"] = Json::from(m.events);
                    r["text_len"] = Json::from(m.text_len);
                    text(&r)
                })
                .collect(),
            entities: raw_entities
                .into_iter()
                .enumerate()
                .map(|(e, mut r)| {
                    r["claims"] = Json::from(entity_claims.get(e).map_or(0, Vec::len));
                    r["doc_count"] = Json::from(entity_docs.get(e).copied().unwrap_or(0));
                    r["events"] = Json::from(entity_events.get(e).map_or(0, Vec::len));
                    text(&r)
                })
                .collect(),
            claims: raw_claims
                .into_iter()
                .enumerate()
                .map(|(c, mut r)| {
                    relabel(&mut r, "doc");
                    if let Some(f) = claim_finding.get(c).copied().flatten() {
                        r["verdict"] = Json::from(rec.findings[f].verdict.as_str());
                    }
                    text(&r)
                })
                .collect(),
            events: raw_events
                .into_iter()
                .map(|mut r| {
                    if let Some(Json::Array(reports)) = r.get_mut("reports") {
                        for rep in reports {
                            relabel(rep, "doc");
                        }
                    }
                    text(&r)
                })
                .collect(),
            findings: raw_findings.iter().map(text).collect(),
        };
        let lex = &dossier_core::lexicon::LEXICON;
        let entity_norm: Vec<Vec<String>> = rec
            .entities
            .iter()
            .map(|e| std::iter::once(&e.name).chain(&e.aliases).map(|n| lex.key(n)).collect())
            .collect();
        let mut entity_keys_all = String::new();
        let mut entity_key_at = Vec::with_capacity(entity_keys.len());
        for k in &entity_keys {
            entity_key_at.push(entity_keys_all.len());
            entity_keys_all.push_str(k);
            entity_keys_all.push(KEY_SEP);
        }
        let mut entity_by_norm: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, keys) in entity_norm.iter().enumerate() {
            for k in keys {
                let list = entity_by_norm.entry(k.clone()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        let event_index = rec.events.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
        // The same places the stored results hold (`stored::event_geo`).
        let (event_geo, event_coords): (Vec<Geo>, Vec<Option<(f64, f64)>>) = rec
            .events
            .iter()
            .map(|ev| {
                let g = dossier_core::reconcile::stored::event_geo(&docs, &rec, ev);
                (Geo { country: g.country, admin1: g.admin1 }, g.coords)
            })
            .unzip();
        let doc_index = docs.iter().enumerate().map(|(i, a)| (a.doc.id.clone(), i)).collect();
        let entity_index =
            rec.entities.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
        let mut recent: Vec<usize> = (0..docs.len()).collect();
        recent.sort_by(|&a, &b| {
            (&metas[b].ingested_at, docs[b].doc.published, &docs[a].doc.id).cmp(&(
                &metas[a].ingested_at,
                docs[a].doc.published,
                &docs[b].doc.id,
            ))
        });
        let mut by_docs: Vec<usize> = (0..rec.entities.len()).collect();
        by_docs.sort_by_key(|&e| {
            (
                rec.entities[e].kind != dossier_core::EntityKind::Group,
                usize::MAX - entity_docs_n(&rec, e),
                e,
            )
        });
        Snapshot {
            recent,
            by_docs,
            generation,
            metas,
            doc_index,
            entity_index,
            entity_claims,
            entity_incoming,
            entity_findings,
            entity_events,
            entity_docs,
            claim_finding,
            doc_claims,
            doc_events,
            labels,
            event_index,
            event_geo,
            event_coords,
            entity_keys,
            entity_norm,
            entity_keys_all,
            entity_key_at,
            entity_by_norm,
            json,
            build_ms: t.elapsed().as_millis(),
            docs,
            rec,
        }
    }

    /// The entity with this id, or a 404.
    pub fn entity(&self, id: &str) -> AppResult<usize> {
        self.entity_index.get(id).copied().ok_or_else(|| {
            AppError::not_found(format!(
                "no entity with id `{id}`: ids look like `group:islamic-state`; \
                 search or list entities to find one"
            ))
        })
    }

    /// The event with this id (`event:…`, or without the prefix), or a 404.
    pub fn event(&self, id: &str) -> AppResult<usize> {
        let full = if id.starts_with("event:") { id.to_string() } else { format!("event:{id}") };
        self.event_index.get(&full).copied().ok_or_else(|| {
            AppError::not_found(format!(
                "no event with id `{id}`: ids look like `event:7d62909a0bcd`; the events list \
                 (/events) links to every event"
            ))
        })
    }

    /// The document with this id, or a 404.
    pub fn doc(&self, id: &str) -> AppResult<usize> {
        self.doc_index.get(id).copied().ok_or_else(|| {
            AppError::not_found(format!("no document with id `{id}` in the database"))
        })
    }

    /// The verdict on a corpus claim's group.
    pub fn verdict_of(&self, claim: usize) -> Option<Verdict> {
        self.claim_finding[claim].map(|f| self.rec.findings[f].verdict)
    }

    /// Adds to `hits` (up to `limit`) the documents that mention an entity
    /// the query names (by any of its names: "Shabab" finds every document
    /// about al-Shabaab, whatever it calls the group), latest first, each
    /// with the sentence of its first mention as the snippet.
    pub fn add_alias_documents(
        &self,
        q: &str,
        entities: &[usize],
        hits: &mut Vec<SearchHit>,
        limit: usize,
    ) {
        let lower = q.trim().to_lowercase();
        let norm = dossier_core::lexicon::LEXICON.key(&lower);
        let named: Vec<usize> = entities
            .iter()
            .copied()
            .take(3)
            .filter(|&e| {
                self.entity_keys[e].split('\n').any(|n| n == lower)
                    || (norm.len() >= 2 && self.entity_norm[e].contains(&norm))
            })
            .collect();
        if named.is_empty() {
            return;
        }
        let mut seen: std::collections::HashSet<String> =
            hits.iter().map(|h| h.doc.clone()).collect();
        for &d in &self.recent {
            if hits.len() >= limit {
                break;
            }
            let a = &self.docs[d];
            if seen.contains(&a.doc.id) {
                continue;
            }
            let local = &self.rec.local[d];
            let first = a
                .mentions
                .iter()
                .find(|m| m.entity.and_then(|l| local.get(l)).is_some_and(|g| named.contains(g)));
            let Some(m) = first else { continue };
            let text = &a.doc.text;
            let sentence =
                a.sentences.iter().find(|sp| sp.contains(m.span)).copied().unwrap_or(m.span);
            let (s0, s1, m0, m1) = (sentence.start(), sentence.end(), m.span.start(), m.span.end());
            let ok = [s0, s1, m0, m1].iter().all(|&i| i <= text.len() && text.is_char_boundary(i));
            let snippet = if ok {
                format!("{}[{}]{}", &text[s0..m0], &text[m0..m1], &text[m1..s1])
            } else {
                String::new()
            };
            seen.insert(a.doc.id.clone());
            hits.push(SearchHit { doc: a.doc.id.clone(), title: a.doc.title.clone(), snippet });
        }
    }

    /// Entities whose name or alias contains `q` (case-insensitive): exact
    /// names first, then groups, then by how many documents mention them.
    pub fn search_entities(&self, q: &str, kind: Option<&str>) -> Vec<usize> {
        let q = q.trim().to_lowercase();
        if q.is_empty() {
            return self
                .by_docs
                .iter()
                .copied()
                .filter(|&e| kind.is_none_or(|k| self.rec.entities[e].kind.as_str() == k))
                .collect();
        }
        let norm = dossier_core::lexicon::LEXICON.key(&q);
        // The candidates: names containing `q` (one scan of all names) and
        // names with the same normalized spelling.
        let candidates: Vec<usize> = if q.contains(KEY_SEP) {
            (0..self.rec.entities.len()).collect()
        } else {
            let mut c: Vec<usize> = self
                .entity_keys_all
                .match_indices(q.as_str())
                .map(|(at, _)| self.entity_key_at.partition_point(|&s| s <= at).saturating_sub(1))
                .collect();
            if norm.len() >= 2 {
                c.extend(self.entity_by_norm.get(&norm).into_iter().flatten().copied());
            }
            c.sort_unstable();
            c.dedup();
            c
        };
        let mut hits: Vec<(u8, usize, usize)> = Vec::new();
        for i in candidates {
            let e = &self.rec.entities[i];
            if kind.is_some_and(|k| e.kind.as_str() != k) {
                continue;
            }
            let key = &self.entity_keys[i];
            let same = !q.is_empty()
                && (key.split('\n').any(|n| n == q)
                    || (norm.len() >= 2 && self.entity_norm[i].contains(&norm)));
            if !q.is_empty() && !same && !key.contains(&q) {
                continue;
            }
            let rank = match (same, e.kind == dossier_core::EntityKind::Group) {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (false, false) => 3,
            };
            hits.push((rank, usize::MAX - self.entity_docs[i], i));
        }
        hits.sort_unstable();
        hits.into_iter().map(|h| h.2).collect()
    }
}

/// Where the store is and how to reach it.
struct Db {
    location: Location,
    readers: Vec<Mutex<Store>>,
    next: AtomicUsize,
    writer: Mutex<Store>,
}

/// What a write changed, for the cache.
struct Cache {
    /// The whole-corpus view, once a page asked for it.
    snapshot: RwLock<Option<Arc<Snapshot>>>,
    /// Bumped by every write; a snapshot older than it is stale.
    writes: AtomicU64,
    /// Held while refreshing the stored results, so concurrent writes
    /// reconcile once.
    rebuild: tokio::sync::Mutex<()>,
    /// The write connection's `data_version` when the snapshot was loaded:
    /// it moves when another connection commits (never for the server's own
    /// writes, which rebuild the snapshot themselves).
    loaded_version: AtomicI64,
    /// How long this server's last reconciliation of the stored results
    /// took, in milliseconds.
    reconciled_ms: AtomicU64,
    /// Answers kept until the stored results move (pages, entity API,
    /// searches), bounded by bytes: see [`crate::answers`].
    answers: Arc<Answers>,
}

/// The state every handler shares; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    db: Arc<Db>,
    cache: Arc<Cache>,
    /// The token writes must carry.
    pub(crate) token: Arc<str>,
    /// Host headers accepted (empty: any); guards a loopback server against
    /// DNS rebinding.
    pub(crate) allowed_hosts: Arc<Vec<String>>,
}

impl AppState {
    /// Opens (or creates) the database at `db` (a SQLite path or a
    /// PostgreSQL URL), builds the reconciled view, and requires `token` on
    /// writes.
    pub fn open(db: impl Into<Location>, token: &str) -> anyhow::Result<AppState> {
        if token.is_empty() {
            anyhow::bail!("the write token must not be empty");
        }
        let location: Location = db.into();
        let open = || {
            Store::open_location(&location).map_err(|e| anyhow::anyhow!("{e}")).map(|mut s| {
                // Readers wait briefly; writers may wait for ingest batches.
                let _ = s.set_busy_timeout(std::time::Duration::from_secs(30));
                s
            })
        };
        let mut writer = open()?;
        let readers = (0..READERS).map(|_| open().map(Mutex::new)).collect::<Result<_, _>>()?;
        let version = writer.data_version()?;
        // Results missing (a store never reconciled) or stale (documents
        // stored since): brought up to date incrementally; with stored
        // results in place this only lists what is pending.
        let t = Instant::now();
        writer.reconcile_stored(false).map_err(|e| anyhow::anyhow!("{e}"))?;
        let reconciled_ms = t.elapsed().as_millis() as u64;
        Ok(AppState {
            db: Arc::new(Db {
                location: location.clone(),
                readers,
                next: AtomicUsize::new(0),
                writer: Mutex::new(writer),
            }),
            cache: Arc::new(Cache {
                snapshot: RwLock::new(None),
                writes: AtomicU64::new(0),
                rebuild: tokio::sync::Mutex::new(()),
                loaded_version: AtomicI64::new(version),
                reconciled_ms: AtomicU64::new(reconciled_ms),
                answers: Arc::new(Answers::default()),
            }),
            token: Arc::from(token),
            allowed_hosts: Arc::new(Vec::new()),
        })
    }

    /// Accept only these `Host` headers (host or host:port), besides requests
    /// with none.
    pub fn with_allowed_hosts(mut self, hosts: Vec<String>) -> AppState {
        self.allowed_hosts = Arc::new(hosts);
        self
    }

    /// Where the database is.
    pub fn db_location(&self) -> &Location {
        &self.db.location
    }

    /// How long this server's last reconciliation of the stored results
    /// took, in milliseconds.
    pub fn reconciled_in_ms(&self) -> u64 {
        self.cache.reconciled_ms.load(Ordering::SeqCst)
    }

    /// The whole-corpus view if one was built since the last write.
    fn built(&self) -> Option<Arc<Snapshot>> {
        let g = match self.cache.snapshot.read() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        g.as_ref().filter(|s| s.generation >= self.cache.writes.load(Ordering::SeqCst)).cloned()
    }

    /// Whether the whole-corpus view has been built (and not dropped by a
    /// write since): the store-backed answers never build it.
    pub fn snapshot_built(&self) -> bool {
        self.built().is_some()
    }

    /// The whole-corpus view, built now (blocking the caller) if it was not
    /// built since the last write. No handler builds it (they all read the
    /// stored results); the tests check the stored answers against it. A
    /// failed build gives an empty view (logged); the next call tries again.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        if let Some(s) = self.built() {
            return s;
        }
        let generation = self.cache.writes.load(Ordering::SeqCst);
        let s = self.db.writer.lock().unwrap_or_else(|p| p.into_inner());
        match load_snapshot(&s, generation) {
            Ok(snap) => {
                let snap = Arc::new(snap);
                self.store_snapshot(snap.clone());
                snap
            }
            Err(e) => {
                eprintln!("dossier serve: rebuilding the reconciled view: {e:#}");
                Arc::new(Snapshot::build(generation, Vec::new(), Vec::new(), &[]))
            }
        }
    }

    fn store_snapshot(&self, snap: Arc<Snapshot>) {
        match self.cache.snapshot.write() {
            Ok(mut g) => *g = Some(snap),
            Err(p) => *p.into_inner() = Some(snap),
        }
    }

    /// Runs `f` on a read connection, off the async threads.
    pub async fn read<T, F>(&self, f: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> AppResult<T> + Send + 'static,
    {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || {
            let n = db.readers.len();
            let start = db.next.fetch_add(1, Ordering::Relaxed);
            // A free connection if there is one, else wait for ours.
            for k in 0..n {
                if let Ok(s) = db.readers[(start + k) % n].try_lock() {
                    return f(&s);
                }
            }
            let s = db.readers[start % n].lock().unwrap_or_else(|p| p.into_inner());
            f(&s)
        })
        .await?
    }

    /// A search answered from the store (see `crate::read::search`),
    /// kept until the stored results move (by any process's write).
    pub async fn search_store(&self, q: &str, limit: usize) -> AppResult<Bytes> {
        let q = q.trim().to_string();
        let key = format!("search {limit} {q}");
        self.answer(key, move |store| crate::read::search_answer(store, &q, limit)).await
    }

    /// An entity's API answer (see `crate::read::entity`), kept until the
    /// stored results move (by any process's write).
    pub async fn entity_answer(&self, id: String) -> AppResult<Bytes> {
        self.answer(format!("api entity {id}"), move |store| crate::read::entity(store, &id)).await
    }

    /// The answer `render` gives on a read connection, kept by `key` until
    /// the stored results move: one primary-key read of the stored
    /// generation per request, and one render for concurrent misses of one
    /// key (see [`crate::answers`]). Errors are not kept.
    pub async fn answer<F>(&self, key: String, render: F) -> AppResult<Bytes>
    where
        F: FnOnce(&Store) -> AppResult<String> + Send + 'static,
    {
        let answers = self.cache.answers.clone();
        let k = key.clone();
        let (generation, hit) = self
            .read(move |store| {
                let generation = store.recon_generation()?;
                Ok((generation, answers.get(generation, &k)))
            })
            .await?;
        if let Some(hit) = hit {
            return Ok(hit);
        }
        let answers = self.cache.answers.clone();
        let flight = answers.flight(&key);
        let turn = flight.lock().await;
        // Another request rendered it while this one waited.
        let kept = answers.get(generation, &key);
        let out = match kept {
            Some(hit) => Ok(hit),
            None => {
                let (a, k) = (answers.clone(), key.clone());
                self.read(move |store| {
                    // Read before rendering: an answer is never kept under a
                    // newer generation than the results it was made from.
                    let generation = store.recon_generation()?;
                    a.count_render();
                    let text = Bytes::from(render(store)?);
                    a.put(generation, &k, text.clone());
                    Ok(text)
                })
                .await
            }
        };
        drop(turn);
        answers.landed(&key, &flight);
        out
    }

    /// The answers this server keeps (for tests and measurements).
    pub fn answers(&self) -> &Answers {
        &self.cache.answers
    }

    /// Runs `f` on the write connection, then brings the stored results up
    /// to date (incrementally) and drops the whole-corpus view, so that the
    /// next request, in this process or any other on the same store, sees
    /// the change.
    ///
    /// Both run in a task of their own: a request that times out or whose
    /// client goes away must not leave a write without its reconciliation
    /// (the database poll does not see the server's own writes).
    pub async fn write<T, F>(&self, f: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> AppResult<T> + Send + 'static,
    {
        let st = self.clone();
        tokio::spawn(async move {
            let db = st.db.clone();
            let cache = st.cache.clone();
            let out = tokio::task::spawn_blocking(move || {
                let mut s = db.writer.lock().unwrap_or_else(|p| p.into_inner());
                let r = f(&mut s);
                cache.writes.fetch_add(1, Ordering::SeqCst);
                r
            })
            .await??;
            st.refresh().await?;
            Ok(out)
        })
        .await?
    }

    /// Follows other processes' writes to the store, checking every `every`
    /// on a background task; the task ends when the last clone of this
    /// state is dropped. A change brings the stored results up to date
    /// (nothing to do when the writer reconciled itself) and drops this
    /// server's caches.
    pub fn follow_database(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let db = Arc::downgrade(&self.db);
        let cache = Arc::downgrade(&self.cache);
        let (token, hosts) = (self.token.clone(), self.allowed_hosts.clone());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every.max(Duration::from_millis(10)));
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let (Some(db), Some(cache)) = (db.upgrade(), cache.upgrade()) else { return };
                let st = AppState { db, cache, token: token.clone(), allowed_hosts: hosts.clone() };
                if st.changed_elsewhere().await {
                    st.cache.writes.fetch_add(1, Ordering::SeqCst);
                    // A failed reconciliation is logged and retried at the
                    // next poll.
                    if let Err(e) = st.refresh().await {
                        eprintln!("dossier serve: following the store: {e}");
                    }
                }
            }
        })
    }

    /// Whether another connection committed since the last refresh.
    /// `false` while the write connection is busy: the next poll asks again.
    async fn changed_elsewhere(&self) -> bool {
        let db = self.db.clone();
        let loaded = self.cache.loaded_version.load(Ordering::SeqCst);
        tokio::task::spawn_blocking(move || {
            let Ok(s) = db.writer.try_lock() else { return false };
            s.data_version().is_ok_and(|v| v != loaded)
        })
        .await
        .unwrap_or(false)
    }

    /// Brings the stored results up to date with the documents and
    /// decisions (incremental: only the components the changes touch are
    /// reconciled again; another process doing the same meanwhile makes
    /// one of them start again).
    pub async fn refresh(&self) -> AppResult<()> {
        let _guard = self.cache.rebuild.lock().await;
        let db = self.db.clone();
        let cache = self.cache.clone();
        tokio::task::spawn_blocking(move || {
            let mut s = db.writer.lock().unwrap_or_else(|p| p.into_inner());
            // Read first: a commit in between is followed once more. Kept
            // only once reconciled, so that a failure is retried.
            let version = s.data_version()?;
            let t = Instant::now();
            s.reconcile_stored(false)?;
            cache.reconciled_ms.store(t.elapsed().as_millis() as u64, Ordering::SeqCst);
            cache.loaded_version.store(version, Ordering::SeqCst);
            anyhow::Ok(())
        })
        .await?
        .map_err(|e| AppError::internal("reconciling the stored results", e))?;
        Ok(())
    }
}

fn entity_docs_n(rec: &Reconciled, e: usize) -> usize {
    let mut d: Vec<usize> = rec.entities[e].members.iter().map(|m| m.0).collect();
    d.sort_unstable();
    d.dedup();
    d.len()
}

fn load_snapshot(store: &Store, generation: u64) -> anyhow::Result<Snapshot> {
    let docs = store.load_all()?;
    let mut metas = store.documents()?;
    // Same order as `load_all` (both sort by date, then id); align by id anyway.
    if metas.len() != docs.len() || metas.iter().zip(&docs).any(|(m, d)| m.id != d.doc.id) {
        let mut by_id: HashMap<String, DocumentMeta> =
            metas.into_iter().map(|m| (m.id.clone(), m)).collect();
        metas = docs
            .iter()
            .map(|d| {
                by_id.remove(&d.doc.id).unwrap_or_else(|| DocumentMeta {
                    id: d.doc.id.clone(),
                    title: d.doc.title.clone(),
                    source: d.doc.source.clone(),
                    url: d.doc.url.clone(),
                    published: d.doc.published,
                    path: d.doc.path.clone(),
                    ingested_at: String::new(),
                    text_len: d.doc.text.len(),
                    entities: d.entities.len(),
                    claims: d.claims.len(),
                    events: d.events.len(),
                })
            })
            .collect();
    }
    let decisions = store.manual_decisions()?;
    Ok(Snapshot::build(generation, docs, metas, &decisions))
}
