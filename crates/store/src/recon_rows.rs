//! The stored reconciliation's rows as both backends write and read them:
//! one JSON text per entity, finding and event.

use std::collections::{BTreeSet, HashMap};

use dossier_core::reconcile::{
    StoredClaimRecord, StoredEntity, StoredEvent, StoredFinding, StoredResults,
};
use dossier_core::EntityKind;
use serde::de::DeserializeOwned;

use crate::error::{ErrorKind, StoreError};

/// Stored documents no reconciliation covers yet (both backends).
pub(crate) const ADDED_SQL: &str = "SELECT id FROM documents d WHERE NOT EXISTS \
     (SELECT 1 FROM recon_docs r WHERE r.doc = d.id) ORDER BY id";

/// Covered documents no longer stored (both backends).
pub(crate) const REMOVED_SQL: &str = "SELECT doc FROM recon_docs r WHERE NOT EXISTS \
     (SELECT 1 FROM documents d WHERE d.id = r.doc) ORDER BY doc";

/// The tables whose rows belong to a component, replaced when it is
/// reconciled again.
pub(crate) const COMPONENT_TABLES: [&str; 8] = [
    "recon_entities",
    "recon_findings",
    "recon_finding_list",
    "recon_events",
    "recon_claims",
    "recon_event_links",
    "recon_locals",
    "recon_unapplied",
];

/// An entity row: id, kind, name, JSON.
pub(crate) type EntityRow = (String, String, String, String);
/// A finding row: its keys, its JSON, then what its list shows (schema
/// v7), so that a list of findings decodes none of their claims.
pub(crate) struct FindingRow {
    pub subject: String,
    pub predicate: String,
    pub verdict: String,
    pub json: String,
    pub subject_name: String,
    /// The API's `finding` record ([`finding_record`]) as JSON text.
    pub record: String,
    /// The pages' one-sentence summary ([`dossier_core::words::stored_summary`]).
    pub line: String,
}
/// An event row: id, kind, JSON, then the v6 columns.
pub(crate) struct EventRow {
    pub id: String,
    pub kind: String,
    pub json: String,
    /// `YYYY-MM-DD`, `''` when undated.
    pub day: String,
    /// `YYYY-MM-DD`, `''` when undated.
    pub last_day: String,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub killed: f64,
    /// `YYYY-MM` when dated within one month, else `''`.
    pub month: String,
}

/// A finding's v6 columns: the rank of its verdict, distinct sources,
/// claims.
pub(crate) type FindingOrder = [i64; 3];

fn to_json<T: serde::Serialize>(db: &str, v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| {
        StoreError::new(ErrorKind::Database, format!("database {db}: encoding a result: {e}"))
    })
}

/// The unapplied decisions of a part as rows: the decision's id (text)
/// and its JSON.
pub(crate) fn unapplied_rows(
    db: &str,
    part: &StoredResults,
) -> Result<Vec<(String, String)>, StoreError> {
    part.unapplied.iter().map(|u| Ok((u.decision.to_string(), to_json(db, u)?))).collect()
}

pub(crate) fn from_json<T: DeserializeOwned>(db: &str, s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| {
        StoreError::new(
            ErrorKind::Corrupt,
            format!(
                "database {db}: a stored reconciliation result cannot be read ({e}): run \
                 `dossier reconcile --full` to rebuild them"
            ),
        )
    })
}

pub(crate) fn entity_row(db: &str, e: &StoredEntity) -> Result<EntityRow, StoreError> {
    Ok((e.id.clone(), e.kind.as_str().to_string(), e.name.clone(), to_json(db, e)?))
}

/// A finding's row; `claims` holds the claim records of its component
/// (those its summary quotes).
pub(crate) fn finding_row(
    db: &str,
    f: &StoredFinding,
    claims: &HashMap<&str, &StoredClaimRecord>,
) -> Result<FindingRow, StoreError> {
    Ok(FindingRow {
        subject: f.subject.clone(),
        predicate: f.predicate.as_str().to_string(),
        verdict: f.verdict.as_str().to_string(),
        json: to_json(db, f)?,
        subject_name: f.subject_name.clone(),
        record: to_json(db, &finding_record(f))?,
        line: dossier_core::words::stored_summary(f, |id| claims.get(id).copied()),
    })
}

/// The `finding` record of the export contract, as the API lists it
/// (`dossier_core::export` writes the same fields): the claims by id,
/// without their quotes.
pub fn finding_record(f: &StoredFinding) -> serde_json::Value {
    use serde_json::json;
    let mut r = json!({
        "type": "finding", "subject": f.subject, "subject_name": f.subject_name,
        "predicate": f.predicate.as_str(), "verdict": f.verdict.as_str(),
        "claims": f.claims.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
        "summary": f.summary, "sources": f.sources,
        "citations": f.citations.iter().map(|c| json!({
            "source": c.source, "outlet_itself": c.outlet_itself, "outlets": c.outlets,
            "claims": c.claims,
        })).collect::<Vec<_>>(),
        "pairs": f.pairs.iter().map(|(a, b)| [a.clone(), b.clone()]).collect::<Vec<_>>(),
        "significance": f.significance, "reports": f.reports,
    });
    if let Some(q) = &f.consensus {
        r["consensus"] = dossier_core::export::quantity_json(q);
    }
    r
}

/// The claim records of a component's results by id.
pub(crate) fn claims_by_id(part: &StoredResults) -> HashMap<&str, &StoredClaimRecord> {
    part.claims.iter().map(|c| (c.id.as_str(), c)).collect()
}

pub(crate) fn event_row(db: &str, e: &StoredEvent) -> Result<EventRow, StoreError> {
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    Ok(EventRow {
        id: e.id.clone(),
        kind: e.kind.as_str().to_string(),
        json: to_json(db, e)?,
        day: day(e.date),
        last_day: day(e.last_date),
        country: e.geo.country.clone(),
        admin1: e.geo.admin1.clone(),
        killed: if e.fatalities.is_finite() { e.fatalities } else { 0.0 },
        month: month_of(&e.record),
    })
}

/// `YYYY-MM` of an event record dated from and to days of one month, else
/// empty.
fn month_of(record: &serde_json::Value) -> String {
    let day =
        |k: &str| record["when"][k].as_str().filter(|d| d.len() >= 7 && d.is_char_boundary(7));
    match (day("start"), day("end")) {
        (Some(a), Some(z)) if a[..7] == z[..7] => a[..7].to_string(),
        _ => String::new(),
    }
}

/// The rank of a verdict in the findings list: conflicts first.
pub fn verdict_rank(v: dossier_core::Verdict) -> i64 {
    use dossier_core::Verdict as V;
    [V::Conflict, V::ChangedOverTime, V::Compatible, V::Agree, V::SingleSource]
        .iter()
        .position(|x| *x == v)
        .unwrap_or(5) as i64
}

/// The rank of a verdict named as the API names it (`conflict`, ...).
pub(crate) fn verdict_rank_of(v: &str) -> Option<i64> {
    ["conflict", "changed_over_time", "compatible", "agree", "single_source"]
        .iter()
        .position(|x| *x == v)
        .map(|i| i as i64)
}

pub(crate) fn finding_order(f: &StoredFinding) -> FindingOrder {
    [verdict_rank(f.verdict), f.sources.len() as i64, f.claims.len() as i64]
}

/// Results from the lists of JSON texts, each already in key order.
pub(crate) fn results(
    db: &str,
    entities: &[String],
    findings: &[String],
    events: &[String],
    claims: &[String],
    locals: &[String],
    unapplied: &[String],
) -> Result<StoredResults, StoreError> {
    Ok(StoredResults {
        entities: entities.iter().map(|s| from_json(db, s)).collect::<Result<_, _>>()?,
        findings: findings.iter().map(|s| from_json(db, s)).collect::<Result<_, _>>()?,
        events: events.iter().map(|s| from_json(db, s)).collect::<Result<_, _>>()?,
        claims: claims.iter().map(|s| from_json(db, s)).collect::<Result<_, _>>()?,
        locals: locals.iter().map(|s| from_json(db, s)).collect::<Result<_, _>>()?,
        unapplied: unapplied.iter().map(|s| from_json(db, s)).collect::<Result<_, _>>()?,
    })
}

/// The columns v4 added to an entity row: `grp`, `doc_count`, `claims`,
/// `events` (as text, which both backends convert) and `names`, then v9's
/// `degree` (claims about it, claims naming it as their value, events).
pub(crate) type EntityExtra = [String; 6];
/// A claim row: id, doc, subject, value entity, JSON, then the v6 columns.
pub(crate) struct ClaimRow {
    pub id: String,
    pub doc: String,
    pub subject: String,
    pub value: Option<String>,
    pub json: String,
    pub predicate: String,
    pub verdict: Option<String>,
    /// The corpus order (see [`claim_ord`]).
    pub ord: String,
}

/// The link of an entity's events in `recon_event_links`.
pub fn entity_link(id: &str) -> String {
    format!("e:{id}")
}

/// The link of a group's events (those it carried out) in
/// `recon_event_links` (schema v6).
pub fn group_link(id: &str) -> String {
    format!("g:{id}")
}

/// The link of a document's events in `recon_event_links`.
pub fn doc_link(id: &str) -> String {
    format!("d:{id}")
}

/// What one component's results add to the read tables (schema v4).
pub(crate) struct ReadRows {
    /// The v4 columns of each entity, same order as the part's entities.
    pub extra: Vec<EntityExtra>,
    /// Claim rows.
    pub claims: Vec<ClaimRow>,
    /// Event links: (link, event id).
    pub links: Vec<(String, String)>,
    /// Local entity rows: (doc, JSON, relevance).
    pub locals: Vec<(String, String, i64)>,
}

pub(crate) fn read_rows(db: &str, part: &StoredResults) -> Result<ReadRows, StoreError> {
    let mut claims: HashMap<&str, usize> = HashMap::new();
    // Claims naming an entity as their value (not itself): its incoming links.
    let mut incoming: HashMap<&str, usize> = HashMap::new();
    for c in &part.claims {
        *claims.entry(c.subject.as_str()).or_default() += 1;
        if let Some(v) = c.value_entity.as_deref().filter(|v| *v != c.subject) {
            *incoming.entry(v).or_default() += 1;
        }
    }
    let group: BTreeSet<&str> = part
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Group)
        .map(|e| e.id.as_str())
        .collect();
    // Each document's relevance: its claims and events, twice those about
    // armed groups.
    let mut relevance: HashMap<&str, i64> = HashMap::new();
    for c in &part.claims {
        *relevance.entry(c.doc.as_str()).or_default() +=
            if group.contains(c.subject.as_str()) { 3 } else { 1 };
    }
    let mut links: BTreeSet<(String, String)> = BTreeSet::new();
    let mut events: HashMap<&str, usize> = HashMap::new();
    for ev in &part.events {
        let mut who: BTreeSet<&str> = ev.perpetrators.iter().map(String::as_str).collect();
        who.extend(ev.place.as_deref());
        for w in who {
            *events.entry(w).or_default() += 1;
            links.insert((entity_link(w), ev.id.clone()));
        }
        for p in &ev.perpetrators {
            links.insert((group_link(p), ev.id.clone()));
        }
        let by_group = ev.perpetrators.iter().any(|p| group.contains(p.as_str()));
        for d in ev.docs.iter().collect::<BTreeSet<_>>() {
            links.insert((doc_link(d), ev.id.clone()));
            *relevance.entry(d.as_str()).or_default() += if by_group { 3 } else { 1 };
        }
    }
    let extra = part
        .entities
        .iter()
        .map(|e| {
            let count = |m: &HashMap<&str, usize>| m.get(e.id.as_str()).copied().unwrap_or(0);
            [
                u8::from(e.kind != EntityKind::Group).to_string(),
                e.docs.len().to_string(),
                count(&claims).to_string(),
                count(&events).to_string(),
                names_of(e),
                (count(&claims) + count(&incoming) + count(&events)).to_string(),
            ]
        })
        .collect();
    let claim_rows = part.claims.iter().map(|c| claim_row(db, c)).collect::<Result<Vec<_>, _>>()?;
    let locals = part
        .locals
        .iter()
        .map(|l| {
            let r = relevance.get(l.doc.as_str()).copied().unwrap_or(0);
            Ok((l.doc.clone(), to_json(db, l)?, r))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(ReadRows { extra, claims: claim_rows, links: links.into_iter().collect(), locals })
}

fn claim_row(db: &str, c: &StoredClaimRecord) -> Result<ClaimRow, StoreError> {
    Ok(ClaimRow {
        id: c.id.clone(),
        doc: c.doc.clone(),
        subject: c.subject.clone(),
        value: c.value_entity.clone(),
        json: to_json(db, c)?,
        predicate: c.record.get("predicate").and_then(|p| p.as_str()).unwrap_or("").to_string(),
        verdict: c.verdict.map(|v| v.as_str().to_string()),
        ord: claim_ord(c),
    })
}

/// A claim's place in the corpus order, as text that sorts in it: the
/// store's document order (dated documents by date, then undated ones,
/// `~`; then by id) and the claim's number in its document.
pub fn claim_ord(c: &StoredClaimRecord) -> String {
    let n = c.id.rsplit_once(":c").and_then(|(_, n)| n.parse::<u64>().ok()).unwrap_or(0);
    let date = c.published.map(|d| d.to_string()).unwrap_or_else(|| "~".to_string());
    format!("{date}\t{}\t{n:010}", c.doc)
}

/// An entity's `names` column: each lower-cased name and alias and each
/// spelling key, every one between newlines, so that `LIKE '%q%'` finds a
/// name containing `q` and `LIKE '%\nq\n%'` one equal to it.
pub fn names_of(e: &StoredEntity) -> String {
    let lex = &dossier_core::lexicon::LEXICON;
    let mut out = String::from("\n");
    for n in std::iter::once(&e.name).chain(&e.aliases) {
        out.push_str(&n.to_lowercase());
        out.push('\n');
    }
    for n in std::iter::once(&e.name).chain(&e.aliases) {
        let k = lex.key(n);
        if !k.is_empty() {
            out.push_str(&k);
            out.push('\n');
        }
    }
    out
}

/// The error for a write whose generation moved.
pub(crate) fn conflict(db: &str) -> StoreError {
    StoreError::new(
        ErrorKind::Conflict,
        format!(
            "database {db}: another process wrote reconciliation results meanwhile; \
             reconcile again"
        ),
    )
}
