//! The JSON API under `/api/v1`, described by `assets/openapi.json`.
//!
//! Records have the shapes of the JSONL export contract (`type`, `id`, ...).
//! Every answer is read from the store per request (`crate::read`): the
//! stored reconciliation's tables, indexed for each list's filters and
//! order (schema v6), and the documents. Lists are paged with `limit` and
//! `offset` and answer `{"total", "limit", "offset", "items"}`.

use crate::error::{P, Q};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dossier_core::{annotate_within, Annotated, Budget, Predicate, Verdict};
use dossier_ingest::{read_bytes, Format, Overrides};
use dossier_store::DecisionKind;
use serde::Deserialize;
use serde_json::{json, Value as JsonValue};

use crate::error::{AppError, AppResult};

/// The time one uploaded document's extraction may take (its size is bound
/// by the upload limit): a slower one is reported among the failures, the
/// others are stored.
const UPLOAD_BUDGET: Budget =
    Budget { max_bytes: None, max_time: Some(std::time::Duration::from_secs(60)) };
use crate::state::{AppState, Snapshot};

/// The largest upload (one file), in bytes.
pub const MAX_UPLOAD: usize = dossier_ingest::MAX_FILE_BYTES as usize;
/// The largest JSON body, in bytes.
pub const MAX_JSON: usize = 64 << 10;
/// The most items one list answer holds.
pub const MAX_LIMIT: usize = 1000;

/// Paging and filters shared by the list endpoints.
#[derive(Deserialize, Default, Debug, Clone)]
pub struct ListQuery {
    /// Text to match (names and aliases; document text for search).
    pub q: Option<String>,
    /// Entity kind.
    pub kind: Option<String>,
    /// Subject entity id.
    pub subject: Option<String>,
    /// Predicate.
    pub predicate: Option<String>,
    /// Verdict.
    pub verdict: Option<String>,
    /// Document id.
    pub doc: Option<String>,
    /// Entity id (events).
    pub entity: Option<String>,
    /// Events from this date on (YYYY-MM-DD, YYYY-MM or YYYY).
    pub from: Option<String>,
    /// Events up to this date.
    pub to: Option<String>,
    /// Events in this country (ISO 3166-1 code, e.g. `AF`).
    pub country: Option<String>,
    /// Events in this first-level subdivision (ISO 3166-2 code, e.g. `AF-KAB`).
    pub admin1: Option<String>,
    /// Events this group (entity id) carried out.
    pub group: Option<String>,
    /// Events with at least this many killed (lowest credible toll).
    pub min_killed: Option<String>,
    /// Documents: only those with claims or events, most about armed
    /// groups first (`relevant=1`).
    pub relevant: Option<String>,
    /// Search page: documents of this outlet (its label).
    pub outlet: Option<String>,
    /// Search page: documents published this year.
    pub year: Option<String>,
    /// Search page: only documents with claims or events (`claims=1`).
    pub claims: Option<String>,
    /// Page size (default 50, at most 1000).
    pub limit: Option<usize>,
    /// Items to skip.
    pub offset: Option<usize>,
}

impl ListQuery {
    /// The page size and offset asked for.
    pub fn page(&self) -> (usize, usize) {
        (self.limit.unwrap_or(50).min(MAX_LIMIT), self.offset.unwrap_or(0))
    }
}

/// A predicate from a query string, or a 400 naming the valid ones.
pub fn parse_predicate(s: &str) -> AppResult<Predicate> {
    Predicate::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Predicate::ALL.iter().map(|p| p.as_str()).collect();
        AppError::bad_request(format!("unknown predicate `{s}`: use one of {}", all.join(", ")))
    })
}

/// A verdict from a query string, or a 400 naming the valid ones.
pub fn parse_verdict(s: &str) -> AppResult<Verdict> {
    const ALL: [Verdict; 5] = [
        Verdict::Conflict,
        Verdict::ChangedOverTime,
        Verdict::Compatible,
        Verdict::Agree,
        Verdict::SingleSource,
    ];
    ALL.into_iter().find(|v| v.as_str() == s).ok_or_else(|| {
        AppError::bad_request(format!(
            "unknown verdict `{s}`: use one of conflict, changed_over_time, compatible, agree, single_source"
        ))
    })
}

/// An entity kind from a query string, or a 400.
pub fn parse_kind(s: &str) -> AppResult<&str> {
    const KINDS: [&str; 6] = ["group", "organization", "person", "place", "nationality", "other"];
    KINDS.into_iter().find(|k| *k == s).ok_or_else(|| {
        AppError::bad_request(format!("unknown entity kind `{s}`: use one of {}", KINDS.join(", ")))
    })
}

/// A JSON answer assembled from serialized records.
pub struct RawJson(pub Bytes);

impl IntoResponse for RawJson {
    fn into_response(self) -> Response {
        ([(header::CONTENT_TYPE, "application/json")], self.0).into_response()
    }
}

/// The events matching the list filters in the whole-corpus view, latest
/// first (the events page's; the API's answer from the store is the same).
pub use crate::pages::{filter_events, relevant_documents};

/// The claims matching the filters, in corpus order.
pub fn filter_claims(s: &Snapshot, f: &ListQuery) -> AppResult<Vec<usize>> {
    let subject =
        f.subject.as_deref().filter(|x| !x.is_empty()).map(|x| s.entity(x)).transpose()?;
    let predicate =
        f.predicate.as_deref().filter(|x| !x.is_empty()).map(parse_predicate).transpose()?;
    let verdict = f.verdict.as_deref().filter(|x| !x.is_empty()).map(parse_verdict).transpose()?;
    let doc = f.doc.as_deref().filter(|x| !x.is_empty()).map(|x| s.doc(x)).transpose()?;
    let pool: Box<dyn Iterator<Item = usize>> = match (subject, doc) {
        (Some(e), _) => Box::new(s.entity_claims[e].iter().copied()),
        (None, Some(d)) => Box::new(s.doc_claims[d].iter().copied()),
        (None, None) => Box::new(0..s.rec.claims.len()),
    };
    Ok(pool
        .filter(|&c| {
            let cc = &s.rec.claims[c];
            doc.is_none_or(|d| cc.doc == d)
                && predicate.is_none_or(|p| s.docs[cc.doc].claims[cc.idx].predicate == p)
                && verdict.is_none_or(|v| s.verdict_of(c) == Some(v))
        })
        .collect())
}

/// `GET /entities`: read from the stored results.
pub async fn entities(State(st): State<AppState>, Q(f): Q<ListQuery>) -> AppResult<RawJson> {
    let kind =
        f.kind.as_deref().filter(|k| !k.is_empty()).map(parse_kind).transpose()?.map(String::from);
    let q = f.q.clone().unwrap_or_default();
    let (limit, offset) = f.page();
    let body = st
        .read(move |store| crate::read::entities(store, &q, kind.as_deref(), limit, offset))
        .await?;
    Ok(RawJson(body.into()))
}

/// `GET /entities/{id}`: read from the stored results.
pub async fn entity(State(st): State<AppState>, P(id): P<String>) -> AppResult<RawJson> {
    Ok(RawJson(st.entity_answer(id).await?))
}

/// `GET /claims`: read from the stored results.
pub async fn claims(State(st): State<AppState>, Q(f): Q<ListQuery>) -> AppResult<RawJson> {
    let (limit, offset) = f.page();
    Ok(RawJson(st.read(move |store| crate::read::claims(store, &f, limit, offset)).await?.into()))
}

/// `GET /events`: read from the stored results.
pub async fn events(State(st): State<AppState>, Q(f): Q<ListQuery>) -> AppResult<RawJson> {
    let (limit, offset) = f.page();
    Ok(RawJson(st.read(move |store| crate::read::events(store, &f, limit, offset)).await?.into()))
}

/// `GET /events/{id}`: one event record, with the country and subdivision
/// codes of where it happened; read from the stored results.
pub async fn event(State(st): State<AppState>, P(id): P<String>) -> AppResult<Json<JsonValue>> {
    Ok(Json(st.read(move |store| crate::read::event(store, &id)).await?))
}

/// `GET /findings`: read from the stored results.
pub async fn findings(State(st): State<AppState>, Q(f): Q<ListQuery>) -> AppResult<RawJson> {
    let (limit, offset) = f.page();
    Ok(RawJson(st.read(move |store| crate::read::findings(store, &f, limit, offset)).await?.into()))
}

/// The findings matching the filters; conflicts sorted largest first.
pub fn filter_findings(s: &Snapshot, f: &ListQuery) -> AppResult<Vec<usize>> {
    let subject =
        f.subject.as_deref().filter(|x| !x.is_empty()).map(|x| s.entity(x)).transpose()?;
    let predicate =
        f.predicate.as_deref().filter(|x| !x.is_empty()).map(parse_predicate).transpose()?;
    let verdict = f.verdict.as_deref().filter(|x| !x.is_empty()).map(parse_verdict).transpose()?;
    let pool: Vec<usize> = match subject {
        Some(e) => s.entity_findings[e].clone(),
        None => (0..s.rec.findings.len()).collect(),
    };
    let mut hits: Vec<usize> = pool
        .into_iter()
        .filter(|&i| {
            let x = &s.rec.findings[i];
            predicate.is_none_or(|p| x.predicate == p) && verdict.is_none_or(|v| x.verdict == v)
        })
        .collect();
    // Most disagreement first: verdict order, then distinct sources, then claims.
    hits.sort_by_key(|&i| {
        let x = &s.rec.findings[i];
        (
            x.verdict,
            std::cmp::Reverse(x.sources.len()),
            std::cmp::Reverse(x.claims.len()),
            &s.rec.entities[x.subject].id,
            x.predicate.as_str(),
            i,
        )
    });
    Ok(hits)
}

/// `GET /documents`: most recently ingested first; read from the store.
pub async fn documents(State(st): State<AppState>, Q(f): Q<ListQuery>) -> AppResult<RawJson> {
    let (limit, offset) = f.page();
    let relevant = f.relevant.as_deref().is_some_and(|r| !r.is_empty() && r != "0");
    Ok(RawJson(
        st.read(move |store| crate::read::documents(store, relevant, limit, offset)).await?.into(),
    ))
}

/// `GET /documents/{id}`: this document alone, read from the store.
pub async fn document(State(st): State<AppState>, P(id): P<String>) -> AppResult<Json<JsonValue>> {
    Ok(Json(st.read(move |store| crate::read::document(store, &id)).await?))
}

/// `GET /search?q=`: entities by name and documents by text.
pub async fn search(State(st): State<AppState>, Q(f): Q<ListQuery>) -> AppResult<RawJson> {
    let q = f.q.clone().unwrap_or_default();
    if q.trim().is_empty() {
        return Err(AppError::bad_request("the query `q` is empty: give words to search for"));
    }
    let (limit, _) = f.page();
    Ok(RawJson(st.search_store(&q, limit).await?))
}

/// `GET /stats`: counts of the stored results (aggregate queries).
pub async fn stats(State(st): State<AppState>) -> AppResult<Json<JsonValue>> {
    let ms = st.reconciled_in_ms();
    let c = st.read(|store| Ok((store.counts()?.documents, store.recon_counts()?))).await?;
    let (documents, r) = c;
    Ok(Json(json!({
        "documents": documents, "entities": r.entities, "claims": r.claims,
        "events": r.events, "findings": r.findings, "verdicts": r.verdicts,
        "reconciled_in_ms": ms,
    })))
}

/// Refuses a write without the server's token (`Authorization: Bearer` or
/// `X-Dossier-Token`).
pub fn require_token(st: &AppState, headers: &HeaderMap) -> AppResult<()> {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .or_else(|| headers.get("x-dossier-token").and_then(|v| v.to_str().ok()));
    let Some(given) = given else {
        return Err(AppError::unauthorized(
            "this endpoint changes the database and needs the server's token: send \
             `Authorization: Bearer TOKEN` (`dossier serve` prints it at start-up)",
        ));
    };
    // Constant time in the token's length.
    let want = st.token.as_bytes();
    let got = given.trim().as_bytes();
    let mut diff = want.len() ^ got.len();
    for (i, &b) in want.iter().enumerate() {
        diff |= (b ^ got.get(i).copied().unwrap_or(0)) as usize;
    }
    if diff != 0 {
        return Err(AppError::unauthorized("wrong token: use the one `dossier serve` printed"));
    }
    Ok(())
}

/// Reads a body of at most `limit` bytes, or answers 413.
pub async fn read_body(
    headers: &HeaderMap,
    body: Body,
    what: &str,
    limit: usize,
) -> AppResult<Bytes> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(AppError::too_large(what, limit));
    }
    axum::body::to_bytes(body, limit).await.map_err(|_| AppError::too_large(what, limit))
}

/// Query of `POST /documents`.
#[derive(Deserialize)]
pub struct UploadQuery {
    /// The file name; its extension picks the reader.
    pub name: Option<String>,
    /// Publication date override (YYYY-MM-DD).
    pub date: Option<String>,
    /// Outlet override.
    pub source: Option<String>,
}

/// `POST /documents?name=FILE`: ingests one uploaded file (the raw body).
pub async fn upload(
    State(st): State<AppState>,
    Q(uq): Q<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<Response> {
    require_token(&st, &headers)?;
    let name = uq.name.unwrap_or_default();
    // Only the last path component names it: "../x.txt" is "x.txt".
    let label = name.rsplit(['/', '\\']).next().unwrap_or("").trim().to_string();
    if label.is_empty() {
        return Err(AppError::bad_request(
            "give the file name as `?name=FILE.txt` (its extension picks the reader)",
        ));
    }
    // By the whole name, so that `x.warc.gz` is a WARC archive.
    let format = Format::from_path(std::path::Path::new(&label)).ok_or_else(|| {
        AppError::bad_request(format!(
            "{label}: unknown file type: upload .{} files",
            dossier_ingest::KNOWN_EXTENSIONS.join(", .")
        ))
    })?;
    let date = match uq.date.as_deref().filter(|d| !d.is_empty()) {
        Some(d) => Some(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            AppError::bad_request(format!("`{d}` is not a date: use YYYY-MM-DD, e.g. 2021-08-30"))
        })?),
        None => None,
    };
    let overrides = Overrides { date, source: uq.source.filter(|s| !s.is_empty()) };
    let bytes = read_body(&headers, body, &format!("upload {label}"), MAX_UPLOAD).await?;
    let (docs, failed) = tokio::task::spawn_blocking(move || {
        let mut docs: Vec<Annotated> = Vec::new();
        let mut failed = Vec::new();
        for r in read_bytes(&label, format, &bytes, &overrides) {
            match r {
                Ok(d) => match annotate_within(d, &UPLOAD_BUDGET) {
                    Ok(a) => docs.push(a),
                    Err(e) => failed.push(
                        json!({"line": null, "reason": e.reason(), "message": e.to_string()}),
                    ),
                },
                Err(e) => failed
                    .push(json!({"line": e.line, "reason": e.reason, "message": e.to_string()})),
            }
        }
        (docs, failed)
    })
    .await?;
    let summary: Vec<JsonValue> = docs
        .iter()
        .map(|a| json!({"id": a.doc.id, "title": a.doc.title, "claims": a.claims.len(), "events": a.events.len()}))
        .collect();
    let ids: Vec<String> = docs.iter().map(|a| a.doc.id.clone()).collect();
    let (stats, existed) = if docs.is_empty() {
        (dossier_store::BatchStats::default(), Vec::new())
    } else {
        st.write(move |store| {
            let existed: Vec<bool> =
                ids.iter().map(|id| store.contains(id)).collect::<Result<_, _>>()?;
            Ok((store.insert_batch(&docs)?, existed))
        })
        .await?
    };
    let mut stored = Vec::new();
    let mut duplicates = Vec::new();
    for (i, d) in summary.into_iter().enumerate() {
        if existed.get(i).copied().unwrap_or(false) {
            duplicates.push(d);
        } else {
            stored.push(d);
        }
    }
    let status = if stats.inserted > 0 { StatusCode::CREATED } else { StatusCode::OK };
    Ok((
        status,
        Json(json!({
            "stored": stored, "duplicates": duplicates, "failed": failed,
            "inserted": stats.inserted, "claims": stats.claims, "events": stats.events,
        })),
    )
        .into_response())
}

/// `DELETE /documents/{id}`
pub async fn remove(
    State(st): State<AppState>,
    P(id): P<String>,
    headers: HeaderMap,
) -> AppResult<Json<JsonValue>> {
    require_token(&st, &headers)?;
    let idc = id.clone();
    match st.write(move |store| Ok(store.remove(&idc)?)).await? {
        Some(removed) => Ok(Json(json!({"removed": removed}))),
        None => Err(AppError::not_found(format!("no document with id `{id}` in the database"))),
    }
}

/// Body of `POST /decisions`.
#[derive(Deserialize)]
struct DecisionBody {
    kind: String,
    a: String,
    b: String,
    /// Who decides (see [`who`]).
    #[serde(default)]
    who: Option<String>,
}

/// The longest name a decision records for who made it, in characters.
const MAX_WHO: usize = 100;

/// Who makes a decision or undoes one: the `who` field of the body, else
/// the `X-Dossier-Who` header, trimmed and cut to [`MAX_WHO`] characters.
/// The write token is shared and names no one, so the name is what the
/// person gives (the forms remember it for the tab); none is recorded as
/// unknown.
fn who(field: Option<String>, headers: &HeaderMap) -> Option<String> {
    let given = field.or_else(|| {
        headers.get("x-dossier-who").and_then(|v| v.to_str().ok()).map(str::to_string)
    })?;
    let name: String = given.trim().chars().filter(|c| !c.is_control()).take(MAX_WHO).collect();
    (!name.is_empty()).then_some(name)
}

/// One decision as the API lists it.
fn decision_json(d: &dossier_store::Decision) -> JsonValue {
    json!({
        "id": d.id, "kind": d.kind.as_str(), "a": d.a, "b": d.b, "created_at": d.created_at,
        "who": d.who, "in_force": d.in_force(),
        "undone_at": d.undone.as_ref().map(|u| &u.at),
        "undone_by": d.undone.as_ref().and_then(|u| u.by.as_ref()),
    })
}

/// `POST /decisions`: records a manual merge or split of two entities.
pub async fn decide(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<Response> {
    require_token(&st, &headers)?;
    let bytes = read_body(&headers, body, "request body", MAX_JSON).await?;
    let d: DecisionBody = serde_json::from_slice(&bytes).map_err(|e| {
        AppError::bad_request(format!(
            "body is not a decision ({e}): send {{\"kind\": \"merge\", \"a\": ENTITY_ID, \"b\": ENTITY_ID}} or {{\"kind\": \"split\", \"a\": ENTITY_ID, \"b\": NAME}}"
        ))
    })?;
    let kind = DecisionKind::parse(&d.kind).ok_or_else(|| {
        AppError::bad_request(format!("unknown decision kind `{}`: use merge or split", d.kind))
    })?;
    {
        // A merge names two entities; a split names an entity and the name
        // to split off it.
        let (a, b) = (d.a.clone(), d.b.clone());
        let (ea, eb) =
            st.read(move |store| Ok((store.recon_entity(&a)?, store.recon_entity(&b)?))).await?;
        let missing = |id: &str| {
            AppError::not_found(format!(
                "no entity with id `{id}`: ids look like `group:islamic-state`; \
                 search or list entities to find one"
            ))
        };
        let ea = ea.ok_or_else(|| missing(&d.a))?;
        match kind {
            DecisionKind::Merge => {
                eb.ok_or_else(|| missing(&d.b))?;
                if d.a == d.b {
                    return Err(AppError::bad_request("`a` and `b` are the same entity"));
                }
            }
            DecisionKind::Split => {
                if d.b.trim().is_empty() {
                    return Err(AppError::bad_request("`b` must be the name to split off `a`"));
                }
                let lex = &dossier_core::lexicon::LEXICON;
                let key = lex.key(&d.b);
                let e = ea.entity()?;
                if !std::iter::once(&e.name).chain(&e.aliases).any(|n| lex.key(n) == key) {
                    return Err(AppError::bad_request(format!(
                        "`{}` is never called “{}”: a split takes one of the entity's own names",
                        d.a, d.b
                    )));
                }
            }
        }
    }
    let by = who(d.who, &headers);
    let id =
        st.write(move |store| Ok(store.add_decision_by(kind, &d.a, &d.b, by.as_deref())?)).await?;
    Ok((StatusCode::CREATED, Json(json!({"id": id}))).into_response())
}

/// Body of `POST /decisions/{id}/undo` (optional).
#[derive(Deserialize, Default)]
struct UndoBody {
    #[serde(default)]
    who: Option<String>,
}

/// `POST /decisions/{id}/undo`: undoes a merge or split. The decision stays
/// listed, marked undone (when, by whom), and reconciliation stops applying
/// it; undoing it twice is a conflict.
pub async fn undo(
    State(st): State<AppState>,
    P(id): P<String>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<Json<JsonValue>> {
    require_token(&st, &headers)?;
    let id: i64 = id.parse().map_err(|_| {
        AppError::bad_request(format!("`{id}` is no decision number: see GET /api/v1/decisions"))
    })?;
    let bytes = read_body(&headers, body, "request body", MAX_JSON).await?;
    let u: UndoBody = if bytes.iter().all(u8::is_ascii_whitespace) {
        UndoBody::default()
    } else {
        serde_json::from_slice(&bytes).map_err(|e| {
            AppError::bad_request(format!(
                "body is not an undo ({e}): send nothing, or {{\"who\": YOUR_NAME}}"
            ))
        })?
    };
    let by = who(u.who, &headers);
    let before = st.read(move |store| Ok(store.decisions()?)).await?;
    match before.iter().find(|d| d.id == id) {
        None => {
            return Err(AppError::not_found(format!(
                "no decision {id} in the database: see GET /api/v1/decisions"
            )))
        }
        Some(d) if !d.in_force() => {
            return Err(AppError::conflict(format!("decision {id} was undone already")))
        }
        Some(_) => {}
    }
    let after = st.write(move |store| Ok(store.undo_decision(id, by.as_deref())?)).await?;
    let d =
        after.ok_or_else(|| AppError::not_found(format!("no decision {id} in the database")))?;
    Ok(Json(decision_json(&d)))
}

/// `GET /decisions`: every decision, oldest first, undone ones included.
pub async fn decisions(State(st): State<AppState>) -> AppResult<Json<JsonValue>> {
    let list = st.read(|store| Ok(store.decisions()?)).await?;
    let items: Vec<JsonValue> = list.iter().map(decision_json).collect();
    Ok(Json(json!({"total": items.len(), "items": items})))
}

/// `GET /openapi.json`
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::assets::OPENAPI).into_response()
}

/// Unknown API paths.
pub async fn not_found() -> AppError {
    AppError::not_found("no such API endpoint: see /api/v1/openapi.json")
}
