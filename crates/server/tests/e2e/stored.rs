//! Issue 13: the server answers from the stored reconciliation. It starts
//! without reconciling the corpus in memory, its store-backed answers are
//! those the whole-corpus view gave, a document's highlights come from that
//! document alone, and two servers on one PostgreSQL store see each other's
//! writes.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use dossier_core::annotate;
use dossier_ingest::{read_inputs, Overrides};
use dossier_server::api::{self, ListQuery};
use dossier_server::AppState;
use dossier_store::Store;
use serde_json::Value;

use crate::common::{self, TOKEN};
use crate::postgres::{on_postgres_examples, Schema};
use crate::util::{call, get, seg};

fn ids(v: &Value, key: &str) -> BTreeSet<String> {
    v.as_array().unwrap().iter().map(|x| x[key].as_str().unwrap_or_default().to_string()).collect()
}

#[tokio::test]
async fn entity_search_and_document_answers_come_from_the_stored_results() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    assert!(!st.snapshot_built(), "start must not reconcile the corpus in memory");
    let list = get(&st, "/api/v1/entities?limit=1000").await.json();
    let items = list["items"].as_array().unwrap().clone();
    assert!(items.len() > 20, "{}", items.len());
    let mut answers = Vec::new();
    for e in &items {
        let id = e["id"].as_str().unwrap();
        let r = get(&st, &format!("/api/v1/entities/{}", seg(id))).await;
        assert_eq!(r.status, StatusCode::OK, "{id}: {}", r.body);
        answers.push(r.json());
    }
    let found = get(&st, "/api/v1/search?q=Khorasan").await;
    assert_eq!(found.status, StatusCode::OK);
    let docs = get(&st, "/api/v1/documents?limit=1000").await.json();
    let doc_ids: Vec<String> = ids(&docs["items"], "id").into_iter().collect();
    let mut doc_answers = Vec::new();
    for d in &doc_ids {
        doc_answers.push(get(&st, &format!("/api/v1/documents/{d}")).await.json());
    }
    assert!(!st.snapshot_built(), "the documents list must not build the whole-corpus view");

    // The whole-corpus view, built now, gives the same answers.
    let s = st.snapshot();
    assert_eq!(list["total"].as_u64(), Some(s.rec.entities.len() as u64));
    for (item, a) in items.iter().zip(&answers) {
        let id = item["id"].as_str().unwrap();
        let e = s.entity(id).unwrap();
        let old: Value = serde_json::from_str(&s.json.entities[e]).unwrap();
        assert_eq!(&a["entity"], &old, "{id}: the entity record");
        assert_eq!(item, &old, "{id}: the list's record");
        let claims: BTreeSet<String> =
            s.entity_claims[e].iter().map(|&c| s.rec.claims[c].id.clone()).collect();
        assert_eq!(ids(&a["claims"], "id"), claims, "{id}: claims about it");
        let incoming: BTreeSet<String> =
            s.entity_incoming[e].iter().map(|&c| s.rec.claims[c].id.clone()).collect();
        assert_eq!(ids(&a["incoming_claims"], "id"), incoming, "{id}: claims naming it");
        let events: BTreeSet<String> =
            s.entity_events[e].iter().map(|&v| s.rec.events[v].id.clone()).collect();
        assert_eq!(ids(&a["events"], "id"), events, "{id}: events");
        for c in a["claims"].as_array().unwrap() {
            let i = s.rec.claims.iter().position(|x| Some(x.id.as_str()) == c["id"].as_str());
            let old: Value = serde_json::from_str(&s.json.claims[i.unwrap()]).unwrap();
            assert_eq!(c, &old, "{id}: claim record");
        }
        for v in a["events"].as_array().unwrap() {
            let i = s.event(v["id"].as_str().unwrap()).unwrap();
            let old: Value = serde_json::from_str(&s.json.events[i]).unwrap();
            assert_eq!(v, &old, "{id}: event record");
        }
        // The summary aside: it lists a changed_over_time finding's values
        // in an order the stored reconciliation (documents without their
        // mentions) does not always share with the in-memory one.
        let strip = |mut v: Value| {
            v.as_object_mut().map(|o| o.remove("summary"));
            v
        };
        let findings: Vec<Value> = s.entity_findings[e]
            .iter()
            .map(|&f| strip(serde_json::from_str(&s.json.findings[f]).unwrap()))
            .collect();
        let got: Vec<Value> =
            a["findings"].as_array().unwrap().iter().cloned().map(strip).collect();
        assert_eq!(got, findings, "{id}: findings");
    }
    // Document answers: same record, mentions (with their corpus
    // entities), claims and events as the whole-corpus view's.
    for (d, a) in doc_ids.iter().zip(&doc_answers) {
        let i = s.doc(d).unwrap();
        let old = get(&st, &format!("/api/v1/documents/{d}")).await.json();
        assert_eq!(a, &old, "{d}: the same answer twice");
        assert_eq!(a["mentions"].as_array().unwrap().len(), s.docs[i].mentions.len(), "{d}");
        for (m, sm) in a["mentions"].as_array().unwrap().iter().zip(&s.docs[i].mentions) {
            let want = sm.entity.map(|l| s.rec.entities[s.rec.local[i][l]].id.clone());
            assert_eq!(m["entity"].as_str().map(String::from), want, "{d}: mention entity");
        }
        let claims: BTreeSet<String> =
            s.doc_claims[i].iter().map(|&c| s.rec.claims[c].id.clone()).collect();
        assert_eq!(ids(&a["claims"], "id"), claims, "{d}: claims");
        let events: BTreeSet<String> =
            s.doc_events[i].iter().map(|&v| s.rec.events[v].id.clone()).collect();
        assert_eq!(ids(&a["events"], "id"), events, "{d}: events");
    }
}

#[tokio::test]
async fn a_document_answer_holds_only_its_own_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let store = Store::open(&dir.path().join("t.db")).unwrap();
    let metas = store.documents().unwrap();
    assert!(metas.len() >= 10);
    for m in &metas {
        let a = store.load(&m.id).unwrap().unwrap();
        let r = get(&st, &format!("/api/v1/documents/{}", m.id)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let j = r.json();
        assert_eq!(j["id"], m.id.as_str());
        let spans: Vec<(u64, u64)> = j["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| (x["span"][0].as_u64().unwrap(), x["span"][1].as_u64().unwrap()))
            .collect();
        let own: Vec<(u64, u64)> =
            a.mentions.iter().map(|x| (x.span.start as u64, x.span.end as u64)).collect();
        assert_eq!(spans, own, "{}: exactly its own mentions", m.id);
        for x in j["mentions"].as_array().unwrap() {
            let (s0, s1) = (x["span"][0].as_u64().unwrap(), x["span"][1].as_u64().unwrap());
            assert_eq!(x["text"].as_str(), a.doc.text.get(s0 as usize..s1 as usize), "{}", m.id);
        }
        for c in j["claims"].as_array().unwrap() {
            assert_eq!(c["doc"], m.id.as_str(), "a claim of another document");
        }
        for v in j["events"].as_array().unwrap() {
            assert!(v["docs"].as_array().unwrap().iter().any(|d| d == m.id.as_str()));
        }
    }
    assert!(!st.snapshot_built(), "document answers never load the corpus");
    let missing = get(&st, "/api/v1/documents/0000000000000000").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[test]
fn two_servers_on_one_postgres_store_see_each_others_writes() {
    let Some(schema) = Schema::new() else { return };
    let rt =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(two_servers(schema.location()));
    drop(rt);
    drop(schema);
}

async fn two_servers(location: dossier_store::Location) {
    let docs: Vec<_> =
        read_inputs(&[common::root().join("examples/articles")], &Overrides::default())
            .map(|d| annotate(d.expect("example inputs read")))
            .collect();
    Store::open_location(&location).unwrap().insert_batch(&docs).unwrap();
    let a = AppState::open(&location, TOKEN).unwrap();
    let b = AppState::open(&location, TOKEN).unwrap();
    let _follow = b.follow_database(Duration::from_millis(100));
    assert!(!a.snapshot_built() && !b.snapshot_built());

    // An upload through A: B answers for it at once, from the store.
    let body = std::fs::read(common::fixture("hostile-upload.txt")).unwrap();
    let r = call(&a, Method::POST, "/api/v1/documents?name=up.txt", Some(TOKEN), body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["stored"][0]["id"].as_str().unwrap().to_string();
    let doc = get(&b, &format!("/api/v1/documents/{id}")).await;
    assert_eq!(doc.status, StatusCode::OK, "{}", doc.body);
    let named: Vec<String> = doc.json()["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["entity"].as_str().map(String::from))
        .collect();
    assert!(!named.is_empty(), "the upload's mentions carry their corpus entities");
    let zarqa = get(&b, "/api/v1/entities?q=zarqa").await.json();
    let hit = &zarqa["items"][0];
    assert!(
        hit["docs"].as_array().unwrap().iter().any(|d| d == id.as_str()),
        "B's entity list holds A's upload: {zarqa}"
    );
    let e = get(&b, &format!("/api/v1/entities/{}", seg(hit["id"].as_str().unwrap()))).await;
    assert_eq!(e.status, StatusCode::OK);
    assert!(e.body.contains(&id), "B's entity answer cites the new document");

    // B removes it: A no longer answers for it.
    let r = call(&b, Method::DELETE, &format!("/api/v1/documents/{id}"), Some(TOKEN), vec![]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(get(&a, &format!("/api/v1/documents/{id}")).await.status, StatusCode::NOT_FOUND);
    let e = get(&a, &format!("/api/v1/entities/{}", seg(hit["id"].as_str().unwrap()))).await;
    assert!(!e.body.contains(&id), "A's entity answer forgot the removed document");

    // A's search (cached until A sees a write) follows once A polls.
    let _follow_a = a.follow_database(Duration::from_millis(100));
    let t = Instant::now();
    loop {
        let s = get(&a, "/api/v1/search?q=checkpoint").await.body;
        if !s.contains(&id) {
            break;
        }
        assert!(t.elapsed() < Duration::from_secs(10), "A's search never forgot the removal");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!a.snapshot_built() && !b.snapshot_built());
}

/// The list queries the tests ask, by list.
pub(crate) fn list_queries(s: &dossier_server::state::Snapshot) -> Vec<(&'static str, ListQuery)> {
    let q = ListQuery::default;
    // The entity with most claims, the group with most events, a document
    // with claims and one with events, a country some event happened in.
    let subject = (0..s.rec.entities.len()).max_by_key(|&e| (s.entity_claims[e].len(), e));
    let subject = subject.map(|e| s.rec.entities[e].id.clone());
    let group = (0..s.rec.entities.len())
        .filter(|&e| s.rec.events.iter().any(|v| v.perpetrators.contains(&e)))
        .max_by_key(|&e| (s.entity_events[e].len(), e))
        .map(|e| s.rec.entities[e].id.clone());
    let place = (0..s.rec.entities.len())
        .filter(|&e| s.rec.events.iter().any(|v| v.place == Some(e)))
        .max_by_key(|&e| (s.entity_events[e].len(), e))
        .map(|e| s.rec.entities[e].id.clone());
    let claim_doc = (0..s.docs.len()).find(|&d| !s.doc_claims[d].is_empty());
    let event_doc = (0..s.docs.len()).find(|&d| !s.doc_events[d].is_empty());
    let id = |d: Option<usize>| d.map(|d| s.docs[d].doc.id.clone());
    let country = s.event_geo.iter().find_map(|g| g.country.clone());
    let admin1 = s.event_geo.iter().find_map(|g| g.admin1.clone());
    let kind = s.rec.events.first().map(|v| v.kind.as_str().to_string());
    let all = |l: &'static str| (l, ListQuery { limit: Some(1000), ..q() });
    let mut out = vec![all("claims"), all("findings"), all("events"), all("documents")];
    out.push(("claims", ListQuery { subject: subject.clone(), limit: Some(1000), ..q() }));
    out.push(("claims", ListQuery { doc: id(claim_doc), ..q() }));
    out.push(("claims", ListQuery { predicate: Some("leader".into()), ..q() }));
    out.push(("claims", ListQuery { verdict: Some("conflict".into()), ..q() }));
    out.push(("claims", ListQuery { limit: Some(7), offset: Some(5), ..q() }));
    out.push(("findings", ListQuery { subject, ..q() }));
    out.push(("findings", ListQuery { verdict: Some("single_source".into()), ..q() }));
    out.push(("findings", ListQuery { predicate: Some("leader".into()), limit: Some(3), ..q() }));
    out.push(("events", ListQuery { group: group.clone(), ..q() }));
    out.push(("events", ListQuery { entity: place, ..q() }));
    out.push(("events", ListQuery { country, ..q() }));
    out.push(("events", ListQuery { admin1, ..q() }));
    out.push(("events", ListQuery { kind, ..q() }));
    out.push(("events", ListQuery { min_killed: Some("1".into()), ..q() }));
    out.push(("events", ListQuery { from: Some("2021-08".into()), ..q() }));
    out.push(("events", ListQuery { to: Some("2021".into()), offset: Some(2), ..q() }));
    out.push(("events", ListQuery { doc: id(event_doc), ..q() }));
    out.push(("documents", ListQuery { relevant: Some("1".into()), ..q() }));
    out.push(("documents", ListQuery { limit: Some(4), offset: Some(3), ..q() }));
    out
}

/// The query string of a list query.
pub(crate) fn query_string(f: &ListQuery) -> String {
    let mut parts = Vec::new();
    for (k, v) in [
        ("subject", &f.subject),
        ("predicate", &f.predicate),
        ("verdict", &f.verdict),
        ("doc", &f.doc),
        ("entity", &f.entity),
        ("group", &f.group),
        ("from", &f.from),
        ("to", &f.to),
        ("country", &f.country),
        ("admin1", &f.admin1),
        ("kind", &f.kind),
        ("min_killed", &f.min_killed),
        ("relevant", &f.relevant),
    ] {
        if let Some(v) = v {
            parts.push(format!("{k}={}", seg(v)));
        }
    }
    for (k, v) in [("limit", f.limit), ("offset", f.offset)] {
        if let Some(v) = v {
            parts.push(format!("{k}={v}"));
        }
    }
    parts.join("&")
}

/// The whole-corpus view's answer to a list query, as the server gave it
/// before the lists were read from the store.
fn view_answer(s: &dossier_server::state::Snapshot, list: &str, f: &ListQuery) -> Value {
    let (limit, offset) = f.page();
    let (records, hits): (&[String], Vec<usize>) = match list {
        "claims" => (&s.json.claims, api::filter_claims(s, f).unwrap()),
        "findings" => (&s.json.findings, api::filter_findings(s, f).unwrap()),
        "events" => {
            let mut hits = api::filter_events(s, f).unwrap();
            if let Some(d) = &f.doc {
                let d = s.doc(d).unwrap();
                hits.retain(|v| s.doc_events[d].contains(v));
            }
            (&s.json.events, hits)
        }
        _ if f.relevant.is_some() => (&s.json.documents, api::relevant_documents(s)),
        _ => (&s.json.documents, s.recent.clone()),
    };
    let items: Vec<Value> = hits
        .iter()
        .skip(offset)
        .take(limit)
        .map(|&i| serde_json::from_str(&records[i]).unwrap())
        .collect();
    serde_json::json!({"total": hits.len(), "limit": limit, "offset": offset, "items": items})
}

/// A finding without its summary (see above).
fn without_summaries(mut v: Value) -> Value {
    if let Some(items) = v["items"].as_array_mut() {
        for x in items {
            x.as_object_mut().map(|o| o.remove("summary"));
        }
    }
    v
}

/// Every list query of [`list_queries`] and every event's record, asked of
/// `st` without building the whole-corpus view, then compared with that
/// view's answers.
async fn lists_equal_the_whole_corpus_view(st: &AppState, probe: &dossier_server::state::Snapshot) {
    assert!(!st.snapshot_built(), "start must not reconcile the corpus in memory");
    let queries = list_queries(probe);
    let mut answers = Vec::new();
    for (list, f) in &queries {
        let uri = format!("/api/v1/{list}?{}", query_string(f));
        let r = get(st, &uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        answers.push((uri, r.json()));
    }
    let mut events = Vec::new();
    for v in &probe.rec.events {
        let r = get(st, &format!("/api/v1/events/{}", seg(&v.id))).await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", v.id, r.body);
        events.push(r.json());
    }
    let missing = get(st, "/api/v1/events/event:000000000000").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let unknown = get(st, "/api/v1/claims?subject=group:no-such-group").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let bad = get(st, "/api/v1/events?kind=picnic").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(!st.snapshot_built(), "the lists must not build the whole-corpus view");

    let s = st.snapshot();
    let mut nonempty = 0;
    for ((list, f), (uri, got)) in queries.iter().zip(answers) {
        let want = view_answer(&s, list, f);
        nonempty += usize::from(want["total"].as_u64() > Some(0));
        if *list == "findings" {
            assert_eq!(without_summaries(got), without_summaries(want), "{uri}");
        } else {
            assert_eq!(got, want, "{uri}");
        }
    }
    assert!(nonempty >= queries.len() - 3, "most queries find something: {nonempty}");
    assert!(!events.is_empty());
    for (v, got) in events.iter().enumerate() {
        let mut want: Value = serde_json::from_str(&s.json.events[v]).unwrap();
        want["country"] = serde_json::json!(s.event_geo[v].country);
        want["admin1"] = serde_json::json!(s.event_geo[v].admin1);
        assert_eq!(got, &want, "event {}", s.rec.events[v].id);
    }
}

#[tokio::test]
async fn lists_come_from_the_stored_results() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    // The queries are chosen from a view of a second server on the store.
    let probe = AppState::open(dir.path().join("t.db"), TOKEN).unwrap().snapshot();
    lists_equal_the_whole_corpus_view(&st, &probe).await;
}

#[test]
fn lists_come_from_the_stored_results_on_postgres() {
    let Some(schema) = Schema::new() else { return };
    let rt =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let location = schema.location();
        let mut docs: Vec<_> = read_inputs(
            &[common::root().join("examples/articles"), common::fixture("hostile.jsonl")],
            &Overrides::default(),
        )
        .map(|d| annotate(d.expect("example inputs read")))
        .collect();
        // Two batches: ingest times that differ order the documents list.
        let later = docs.split_off(docs.len() / 2);
        let mut store = Store::open_location(&location).unwrap();
        store.insert_batch(&docs).unwrap();
        std::thread::sleep(Duration::from_millis(1100));
        store.insert_batch(&later).unwrap();
        drop(store);
        let st = AppState::open(&location, TOKEN).unwrap();
        let probe = AppState::open(&location, TOKEN).unwrap().snapshot();
        lists_equal_the_whole_corpus_view(&st, &probe).await;
    });
    drop(rt);
    drop(schema);
}

/// The values of `attr="…"` in `html`, in order.
fn attrs(html: &str, attr: &str) -> Vec<String> {
    let key = format!("{attr}=\"");
    html.split(&key).skip(1).filter_map(|x| x.split('"').next()).map(String::from).collect()
}

/// The moved pages answer without building the whole-corpus view, list
/// what the store-backed API lists (which equals that view's answers, see
/// above), and write the view's finding summaries.
async fn pages_equal_the_whole_corpus_view(st: &AppState) {
    assert!(!st.snapshot_built());
    let pages = [
        "/",
        "/entities",
        "/entities?kind=group&q=state",
        "/documents",
        "/documents?relevant=1",
        "/claims",
        "/claims?verdict=conflict",
        "/findings",
        "/findings?verdict=changed_over_time",
        "/events",
        "/events?country=AF",
        "/events?min_killed=1&from=2021",
        "/search?q=Khorasan",
        "/search?q=attack&claims=1",
    ];
    let mut bodies = Vec::new();
    for p in pages {
        let r = get(st, p).await;
        assert_eq!(r.status, StatusCode::OK, "{p}: {}", r.body);
        bodies.push(r.body);
    }
    assert!(!st.snapshot_built(), "the moved pages must not build the whole-corpus view");
    let api = |uri: &str| {
        let uri = uri.to_string();
        async move { get(st, &uri).await.json() }
    };
    // Claims: the page's quotes are the API's first 50 claims.
    for (i, q) in [(5, ""), (6, "verdict=conflict")] {
        let want: Vec<String> = api(&format!("/api/v1/claims?limit=50&{q}")).await["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
        assert!(!want.is_empty(), "{q}");
        assert_eq!(attrs(&bodies[i], "data-claim"), want, "/claims?{q}");
    }
    // Documents and entities: the same items in the same order.
    for (i, uri, prefix) in [
        (3, "/api/v1/documents?limit=50", "/doc/"),
        (4, "/api/v1/documents?limit=50&relevant=1", "/doc/"),
        (1, "/api/v1/entities?limit=50", "/entity/"),
        (2, "/api/v1/entities?limit=50&kind=group&q=state", "/entity/"),
    ] {
        let want: Vec<String> = api(uri).await["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| format!("{prefix}{}", seg(x["id"].as_str().unwrap())))
            .collect();
        assert!(!want.is_empty(), "{uri}");
        let got: Vec<String> =
            attrs(&bodies[i], "href").into_iter().filter(|h| h.starts_with(prefix)).collect();
        let mut got_first = got.clone();
        got_first.dedup();
        assert_eq!(got_first, want, "{uri}");
    }
    // Events: the API's first 50 in order.
    for (i, q) in [(9, ""), (10, "country=AF"), (11, "min_killed=1&from=2021")] {
        let want: Vec<String> = api(&format!("/api/v1/events?limit=50&{q}")).await["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| format!("/events/{}", seg(v["id"].as_str().unwrap())))
            .collect();
        let got: Vec<String> = attrs(&bodies[i], "href")
            .into_iter()
            .filter(|h| h.starts_with("/events/event"))
            .filter(|h| !h.contains('#'))
            .collect();
        assert_eq!(got, want, "/events?{q}");
        let total = api(&format!("/api/v1/events?limit=1&{q}")).await["total"].as_u64().unwrap();
        assert!(bodies[i].contains(&format!(">{} event", total)), "/events?{q}: count {total}");
    }
    // Findings: the API's, each summarized as the whole-corpus view's page
    // did; the home page's largest conflicts too.
    for (i, q) in [(7, ""), (8, "verdict=changed_over_time")] {
        findings_equal_the_view(st, &bodies[i], &format!("limit=50&{q}")).await;
    }
    findings_equal_the_view(st, &bodies[0], "limit=10&verdict=conflict").await;
    // Document pages: every claim of the document (as the API lists it)
    // in the side panel, every entity the API names linked in the text.
    let docs = api("/api/v1/documents?limit=1000").await;
    let docs = docs["items"].as_array().unwrap();
    assert!(docs.len() >= 10);
    for d in docs {
        let id = d["id"].as_str().unwrap();
        let r = get(st, &format!("/doc/{id}")).await;
        assert_eq!(r.status, StatusCode::OK, "{id}: {}", r.body);
        let a = api(&format!("/api/v1/documents/{id}")).await;
        let want: Vec<String> = a["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let n = c["id"].as_str().unwrap().rsplit_once(":c").unwrap().1.to_string();
                format!("?hl={n}#c{n}")
            })
            .collect();
        let got: Vec<String> =
            attrs(&r.body, "href").into_iter().filter(|h| h.starts_with("?hl=")).collect();
        assert_eq!(got, want, "{id}: claims");
        let linked: BTreeSet<String> = attrs(&r.body, "href")
            .into_iter()
            .filter_map(|h| h.strip_prefix("/entity/").map(String::from))
            .collect();
        for m in a["mentions"].as_array().unwrap() {
            if let Some(e) = m["entity"].as_str() {
                assert!(linked.contains(&seg(e)), "{id}: {e} linked");
            }
        }
        let title = d["title"].as_str().map(dossier_server::words::clean_text);
        if let Some(t) = title.filter(|t| !t.is_empty()) {
            assert!(r.body.contains(&dossier_server::html::esc(&t).to_string()), "{id}: {t}");
        }
    }
    assert_eq!(get(st, "/doc/0000000000000000").await.status, StatusCode::NOT_FOUND);
    assert!(!st.snapshot_built(), "document pages must not build the whole-corpus view");
    // Search: the entities and documents the search API finds.
    for (i, q) in [(12, "Khorasan"), (13, "attack")] {
        let found = api(&format!("/api/v1/search?q={q}&limit=500")).await;
        let want: Vec<String> = found["entities"]
            .as_array()
            .unwrap()
            .iter()
            .take(30)
            .map(|e| format!("/entity/{}", seg(e["id"].as_str().unwrap())))
            .collect();
        let got: Vec<String> =
            attrs(&bodies[i], "href").into_iter().filter(|h| h.starts_with("/entity/")).collect();
        assert_eq!(got, want, "/search?q={q}: entities");
        let docs: Vec<String> = found["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("/doc/{}", d["id"].as_str().unwrap()))
            .collect();
        let shown: Vec<String> =
            attrs(&bodies[i], "href").into_iter().filter(|h| h.starts_with("/doc/")).collect();
        assert!(!shown.is_empty(), "/search?q={q}: documents");
        assert!(shown.iter().all(|d| docs.contains(d)), "/search?q={q}: documents found");
        if i == 12 {
            assert_eq!(shown, docs.iter().take(50).cloned().collect::<Vec<_>>(), "{q}");
        }
    }
    // Home: the counts of the store.
    let stats = api("/api/v1/stats").await;
    for k in ["documents", "entities", "claims", "events"] {
        let n = stats[k].as_u64().unwrap() as usize;
        let shown = format!("<b>{}</b> {k}", dossier_server::html::num(n));
        assert!(bodies[0].contains(&shown), "home: {shown}");
    }
}

/// The findings the API lists for `query` are those `body` links to, in
/// order, each with the summary the whole-corpus view writes (schema v7
/// stores it with the finding).
async fn findings_equal_the_view(st: &AppState, body: &str, query: &str) {
    let items = get(st, &format!("/api/v1/findings?{query}")).await.json()["items"].clone();
    let items = items.as_array().unwrap();
    assert!(!items.is_empty(), "{query}");
    let hrefs: Vec<String> =
        attrs(body, "href").into_iter().filter(|h| h.starts_with("/compare/")).collect();
    let want: Vec<String> = items
        .iter()
        .map(|x| {
            let (sub, p) = (x["subject"].as_str().unwrap(), x["predicate"].as_str().unwrap());
            format!("/compare/{}/{p}", seg(sub))
        })
        .collect();
    assert_eq!(hrefs, want, "findings {query}");
    let s = dossier_server::AppState::open(st.db_location(), TOKEN).unwrap().snapshot();
    for x in items {
        let f = s
            .rec
            .findings
            .iter()
            .position(|f| {
                s.rec.entities[f.subject].id == x["subject"].as_str().unwrap()
                    && f.predicate.as_str() == x["predicate"].as_str().unwrap()
            })
            .unwrap();
        let summary = dossier_server::words::summary(&s, f);
        let shown = dossier_server::html::esc(&summary).to_string();
        assert!(body.contains(&shown), "findings {query}: {summary}");
    }
}

#[tokio::test]
async fn pages_come_from_the_stored_results() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    pages_equal_the_whole_corpus_view(&st).await;
}

/// A write re-reconciles the components it touches: their findings' stored
/// summaries are written again, and still equal the whole-corpus view's.
#[tokio::test]
async fn finding_summaries_follow_a_removal() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let conflicts = get(&st, "/api/v1/findings?verdict=conflict&limit=1").await.json();
    let first = &conflicts["items"][0];
    let claim = first["claims"][0].as_str().unwrap();
    let doc = claim.rsplit_once(":c").unwrap().0;
    let r =
        call(&st, Method::DELETE, &format!("/api/v1/documents/{doc}"), Some(TOKEN), vec![]).await;
    assert!(r.status.is_success(), "{}", r.body);
    for q in ["", "verdict=conflict", "verdict=changed_over_time", "verdict=single_source"] {
        let body = get(&st, &format!("/findings?{q}")).await.body;
        findings_equal_the_view(&st, &body, &format!("limit=50&{q}")).await;
    }
    let home = get(&st, "/").await.body;
    findings_equal_the_view(&st, &home, "limit=10&verdict=conflict").await;
}

#[test]
fn pages_come_from_the_stored_results_on_postgres() {
    on_postgres_examples(async |st, _location, _docs| {
        pages_equal_the_whole_corpus_view(&st).await;
    });
}

/// The part of `html` from the element with `id` to the end of its
/// section (the next `</section>` that closes it, nested ones counted).
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let Some(at) = html.find(&format!("id=\"{id}\"")) else { return "" };
    let rest = &html[at..];
    let mut depth = 0usize;
    let mut i = 0;
    while i < rest.len() {
        if rest[i..].starts_with("<section") {
            depth += 1;
        } else if rest[i..].starts_with("</section>") {
            if depth == 0 {
                return &rest[..i];
            }
            depth -= 1;
        }
        i += rest[i..].chars().next().map_or(1, char::len_utf8);
    }
    rest
}

/// The `<dd>` after `<dt>{term}</dt>` in `html`.
fn fact<'a>(html: &'a str, term: &str) -> &'a str {
    let key = format!("<dt>{term}</dt><dd>");
    html.find(&key)
        .map(|at| {
            let rest = &html[at + key.len()..];
            &rest[..rest.find("</dd>").unwrap_or(rest.len())]
        })
        .unwrap_or("")
}

/// Every entity page, asked without building the whole-corpus view, shows
/// what that view's page showed: the counts, the aliases, the claims of
/// each predicate (leaders by tenure) with their values and quotes, the
/// claims naming it, its findings with their summaries, its events and
/// (for a group) the fact box's leader, strength and events carried out.
async fn entity_pages_equal_the_whole_corpus_view(st: &AppState) {
    use dossier_server::html::esc;
    let list = get(st, "/api/v1/entities?limit=1000").await.json();
    let ids: Vec<String> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.len() > 20, "{}", ids.len());
    let built = st.snapshot_built();
    let mut bodies = Vec::new();
    for id in &ids {
        let r = get(st, &format!("/entity/{}", seg(id))).await;
        assert_eq!(r.status, StatusCode::OK, "{id}: {}", r.body);
        bodies.push(r.body);
    }
    assert_eq!(get(st, "/entity/group:no-such-group").await.status, StatusCode::NOT_FOUND);
    assert_eq!(st.snapshot_built(), built, "entity pages must not build the whole-corpus view");

    let s = AppState::open(st.db_location(), TOKEN).unwrap().snapshot();
    let (mut groups, mut with_claims, mut with_events) = (0, 0, 0);
    for (id, body) in ids.iter().zip(&bodies) {
        let e = s.entity(id).unwrap();
        let en = &s.rec.entities[e];
        let header = format!(
            "{} · {} · {}",
            dossier_server::words::plural(s.entity_docs[e], "document"),
            dossier_server::words::plural(s.entity_claims[e].len(), "claim"),
            dossier_server::words::plural(s.entity_events[e].len(), "event"),
        );
        assert!(body.contains(&header), "{id}: {header}");
        // Aliases.
        // The names before the merge evidence.
        let names = section(body, "names").split("<details>").next().unwrap_or("");
        let shown: Vec<&str> =
            names.split("<li>").skip(1).filter_map(|x| x.split("</li>").next()).collect();
        let want: Vec<String> = en.aliases.iter().map(|a| esc(a).to_string()).collect();
        assert_eq!(shown, want, "{id}: aliases");
        // Claims by predicate, leaders by tenure, 20 of each.
        let mut by_pred: Vec<(dossier_core::Predicate, Vec<usize>)> = Vec::new();
        for &c in &s.entity_claims[e] {
            let cc = &s.rec.claims[c];
            let p = s.docs[cc.doc].claims[cc.idx].predicate;
            match by_pred.iter_mut().find(|(q, _)| *q == p) {
                Some((_, v)) => v.push(c),
                None => by_pred.push((p, vec![c])),
            }
        }
        by_pred.sort_by_key(|(p, _)| *p);
        let mut want: Vec<String> = Vec::new();
        for (p, v) in &mut by_pred {
            if *p == dossier_core::Predicate::Leader {
                v.sort_by_cached_key(|&c| {
                    dossier_core::reconcile::tenure_key(&s.docs, &s.rec.claims, c)
                });
            }
            for &c in v.iter().take(20) {
                want.push(s.rec.claims[c].id.clone());
                let value = esc(&dossier_server::words::value(&s, c)).to_string();
                if s.rec.claims[c].value_entity.is_none() {
                    assert!(section(body, "claims").contains(&value), "{id}: value {value}");
                }
            }
        }
        with_claims += usize::from(!want.is_empty());
        let claims = section(body, "claims");
        assert_eq!(attrs(claims, "data-claim"), want, "{id}: claims");
        let incoming: Vec<String> =
            s.entity_incoming[e].iter().take(20).map(|&c| s.rec.claims[c].id.clone()).collect();
        assert_eq!(attrs(section(body, "named"), "data-claim"), incoming, "{id}: named in");
        // Findings: a compare link per conflict and the view's summaries.
        let conflicts: Vec<String> = s.entity_findings[e]
            .iter()
            .map(|&f| &s.rec.findings[f])
            .filter(|f| f.verdict == dossier_core::Verdict::Conflict)
            .map(|f| format!("/compare/{}/{}", seg(id), f.predicate.as_str()))
            .collect();
        assert_eq!(attrs(section(body, "disagree"), "href"), conflicts, "{id}: conflicts");
        for &f in &s.entity_findings[e] {
            let summary = esc(&dossier_server::words::summary(&s, f)).to_string();
            assert!(body.contains(&summary), "{id}: finding summary {summary}");
        }
        // Events: the same, all of them when there are 50 or fewer.
        let events: BTreeSet<String> = attrs(section(body, "events"), "href")
            .into_iter()
            .filter(|h| h.starts_with("/events/") && !h.contains('#'))
            .collect();
        let want: BTreeSet<String> = s.entity_events[e]
            .iter()
            .map(|&v| format!("/events/{}", seg(&s.rec.events[v].id)))
            .collect();
        with_events += usize::from(!want.is_empty());
        if want.len() <= 50 {
            assert_eq!(events, want, "{id}: events");
        } else {
            assert_eq!(events.len(), 50, "{id}: events");
            assert!(events.is_subset(&want), "{id}: events");
        }
        // The fact box of a group.
        if en.kind != dossier_core::EntityKind::Group {
            continue;
        }
        groups += 1;
        let live = |c: &usize| {
            let cc = &s.rec.claims[*c];
            let cl = &s.docs[cc.doc].claims[cc.idx];
            cl.modality != dossier_core::Modality::Denied
        };
        let of = |p: dossier_core::Predicate| -> Vec<usize> {
            s.entity_claims[e]
                .iter()
                .copied()
                .filter(live)
                .filter(|&c| {
                    let cc = &s.rec.claims[c];
                    s.docs[cc.doc].claims[cc.idx].predicate == p
                })
                .collect()
        };
        let leader = of(dossier_core::Predicate::Leader)
            .into_iter()
            .filter(|&c| {
                let cc = &s.rec.claims[c];
                s.docs[cc.doc].claims[cc.idx].status.as_deref() != Some("former")
            })
            .max_by_key(|&c| (s.docs[s.rec.claims[c].doc].doc.published, c));
        let shown = fact(body, "Leader");
        match leader {
            Some(c) => {
                let who = format!("<b>{}</b>", esc(&dossier_server::words::value(&s, c)));
                assert!(shown.starts_with(&who), "{id}: leader {shown} (want {who})");
            }
            None => assert!(shown.contains("no report names"), "{id}: leader {shown}"),
        }
        let strength = of(dossier_core::Predicate::Strength);
        let shown = fact(body, "Strength");
        assert_eq!(strength.is_empty(), shown.contains("no figure"), "{id}: strength {shown}");
        let done = s.rec.events.iter().filter(|v| v.perpetrators.contains(&e)).count();
        let shown = fact(body, "In this store");
        if done > 0 {
            let n = dossier_server::words::plural(done, "event");
            assert!(shown.contains(&format!(">{n}</a> carried out")), "{id}: {shown}");
        } else {
            assert!(shown.contains("no event names it"), "{id}: {shown}");
        }
    }
    assert!(
        groups >= 5 && with_claims >= 5 && with_events >= 5,
        "{groups} {with_claims} {with_events}"
    );
}

/// Every event page, asked without building the whole-corpus view, shows
/// the view's reports in order, each with its link, label and quote, the
/// denials and the merge reasons.
async fn event_pages_equal_the_whole_corpus_view(st: &AppState) {
    use dossier_server::html::esc;
    let s = AppState::open(st.db_location(), TOKEN).unwrap().snapshot();
    let built = st.snapshot_built();
    assert!(s.rec.events.len() >= 5, "{}", s.rec.events.len());
    let mut bodies = Vec::new();
    for v in &s.rec.events {
        let r = get(st, &format!("/events/{}", seg(&v.id))).await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", v.id, r.body);
        bodies.push(r.body);
    }
    assert_eq!(get(st, "/events/event:000000000000").await.status, StatusCode::NOT_FOUND);
    assert_eq!(st.snapshot_built(), built, "event pages must not build the whole-corpus view");
    let mut quoted = 0;
    for (ev, body) in s.rec.events.iter().zip(&bodies) {
        let id = &ev.id;
        let table = &body[body.find("<h3>By report</h3>").unwrap()..];
        let table = &table[..table.find("</table>").unwrap()];
        let hrefs: Vec<String> =
            attrs(table, "href").into_iter().filter(|h| h.starts_with("/doc/")).collect();
        let mut want = Vec::new();
        for &(d, e) in &ev.reports {
            let a = &s.docs[d];
            let r = &a.events[e];
            let href = match r.spans.first() {
                Some(sp) => format!("/doc/{}?s={}&amp;e={}#hl", seg(&a.doc.id), sp.start, sp.end),
                None => format!("/doc/{}", seg(&a.doc.id)),
            };
            // The link twice: the report's label and its quote.
            want.push(href.clone());
            want.push(href);
            assert!(table.contains(&esc(&s.labels[d]).to_string()), "{id}: label {}", s.labels[d]);
            let quote: Vec<String> = r
                .spans
                .iter()
                .map(|sp| dossier_server::words::clean_text(sp.slice(&a.doc.text)))
                .collect();
            let quote = format!("“{}”", esc(&quote.join(" … ")));
            assert!(table.contains(&quote), "{id}: quote {quote}");
            quoted += 1;
            for &g in &r.denied_by {
                let ge = s.rec.local[d][g];
                let who = format!("/entity/{}", seg(&s.rec.entities[ge].id));
                assert!(fact(body, "Denials").contains(&who), "{id}: denial by {who}");
            }
        }
        assert_eq!(hrefs, want, "{id}: reports");
        for reason in &ev.merge_reasons {
            assert!(body.contains(&esc(reason).to_string()), "{id}: merge reason {reason}");
        }
        let n = dossier_server::words::plural(ev.reports.len(), "report");
        assert!(body.contains(&format!(" · {n} · ")), "{id}: {n}");
        for &p in &ev.perpetrators {
            let who = format!("/entity/{}", seg(&s.rec.entities[p].id));
            assert!(fact(body, "Perpetrators").contains(&who), "{id}: perpetrator {who}");
        }
    }
    assert!(quoted >= s.rec.events.len(), "{quoted}");
}

#[tokio::test]
async fn entity_and_event_pages_come_from_the_stored_results() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    assert!(!st.snapshot_built());
    entity_pages_equal_the_whole_corpus_view(&st).await;
    event_pages_equal_the_whole_corpus_view(&st).await;
    assert!(!st.snapshot_built(), "no page asked here builds the whole-corpus view");
}

/// A removal re-reconciles the components it touches; the entity and event
/// pages still show what the whole-corpus view of the remaining documents
/// shows.
#[tokio::test]
async fn entity_and_event_pages_follow_a_removal() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    // A document about the group with most claims.
    let groups = get(&st, "/api/v1/entities?kind=group&limit=1000").await.json();
    let top = groups["items"]
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|g| g["claims"].as_u64())
        .unwrap()
        .clone();
    let before = get(&st, &format!("/entity/{}", seg(top["id"].as_str().unwrap()))).await.body;
    let cited = attrs(section(&before, "claims"), "href");
    let doc = cited
        .iter()
        .find_map(|h| h.strip_prefix("/doc/")?.split('?').next())
        .expect("the page cites a document")
        .to_string();
    let r =
        call(&st, Method::DELETE, &format!("/api/v1/documents/{doc}"), Some(TOKEN), vec![]).await;
    assert!(r.status.is_success(), "{}", r.body);
    let after = get(&st, &format!("/entity/{}", seg(top["id"].as_str().unwrap()))).await;
    assert_eq!(after.status, StatusCode::OK);
    assert!(!after.body.contains(&format!("/doc/{doc}?")), "the page forgot the removed document");
    entity_pages_equal_the_whole_corpus_view(&st).await;
    event_pages_equal_the_whole_corpus_view(&st).await;
}

#[test]
fn entity_and_event_pages_come_from_the_stored_results_on_postgres() {
    on_postgres_examples(async |st, _location, docs| {
        entity_pages_equal_the_whole_corpus_view(&st).await;
        event_pages_equal_the_whole_corpus_view(&st).await;
        // A removal through the server, then the same comparisons.
        let victim = docs.iter().find(|a| !a.claims.is_empty()).unwrap().doc.id.clone();
        let r =
            call(&st, Method::DELETE, &format!("/api/v1/documents/{victim}"), Some(TOKEN), vec![])
                .await;
        assert!(r.status.is_success(), "{}", r.body);
        entity_pages_equal_the_whole_corpus_view(&st).await;
        event_pages_equal_the_whole_corpus_view(&st).await;
    });
}

/// The decisions page reads what the stored reconciliation did with each
/// decision: applied, or why it changed nothing, as the whole-corpus view
/// says it; an absorbed id is named with the entity that now carries it.
async fn decisions_page_equals_the_view(st: &AppState) {
    let entities = get(st, "/api/v1/entities?kind=group&limit=3").await.json();
    let groups: Vec<String> = entities["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    let (a, b) = (&groups[0], &groups[1]);
    // As `dossier merge` records them: the store takes names no entity has.
    let mut ids = Vec::new();
    for (x, y) in [
        (a.clone(), b.clone()),
        (a.clone(), b.clone()),
        (a.clone(), "Nobody Of That Name".to_string()),
        ("group:no-such-group".to_string(), a.clone()),
    ] {
        let merge = dossier_store::DecisionKind::Merge;
        ids.push(st.write(move |store| Ok(store.add_decision(merge, &x, &y)?)).await.unwrap());
    }
    let page = get(st, "/decisions").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!st.snapshot_built(), "the decisions page must not build the whole-corpus view");
    let row = |id: i64| {
        let key = format!("<tr id=\"d{id}\">");
        let at = page.body.find(&key).unwrap_or_else(|| panic!("{key}"));
        let rest = &page.body[at..];
        rest[..rest.find("</tr>").unwrap()].to_string()
    };
    let s = st.snapshot();
    for &id in &ids {
        let html = row(id);
        match s.rec.unapplied.iter().find(|(d, _)| d.id == id) {
            Some((_, why)) => {
                let shown = dossier_server::html::esc(why).to_string();
                assert!(
                    html.contains(&format!("changed nothing: {shown}")),
                    "decision {id}: the view says {why:?}: {html}"
                );
            }
            None => assert!(html.contains(">applied<"), "decision {id} applies: {html}"),
        }
    }
    assert!(row(ids[0]).contains(">applied<"));
    assert!(row(ids[1]).contains("changed nothing: "), "a second merge of the same two");
    assert!(row(ids[2]).contains("no entity named `Nobody Of That Name`"));
    assert!(row(ids[3]).contains("no entity named `group:no-such-group`"));
    // One of the two merged ids is now part of the other.
    let merged = s.entity(a).is_ok() != s.entity(b).is_ok();
    assert!(merged, "the first merge applies in the view");
    assert!(row(ids[0]).contains("now part of"), "{}", row(ids[0]));
}

#[tokio::test]
async fn the_decisions_page_comes_from_the_stored_results() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    decisions_page_equals_the_view(&st).await;
}

#[test]
fn the_decisions_page_comes_from_the_stored_results_on_postgres() {
    on_postgres_examples(async |st, _location, _docs| {
        decisions_page_equals_the_view(&st).await;
    });
}

/// The JSON Lines exports read the store (a cursor over the lists' order)
/// and give the whole-corpus view's records, in its order.
async fn jsonl_exports_equal_the_view(st: &AppState) {
    let claims = get(st, "/export/claims.jsonl").await;
    assert_eq!(claims.status, StatusCode::OK);
    assert_eq!(claims.headers["content-type"], "application/x-ndjson");
    let events = get(st, "/export/events.jsonl").await;
    let bad = get(st, "/export/claims.jsonl?predicate=nonsense").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "a bad filter is an error status");
    assert!(!st.snapshot_built(), "the JSON Lines exports must not build the whole-corpus view");
    let s = st.snapshot();
    let parse = |body: &str| -> Vec<Value> {
        body.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    };
    let want: Vec<Value> = api::filter_claims(&s, &ListQuery::default())
        .unwrap()
        .into_iter()
        .map(|c| serde_json::from_str(&s.json.claims[c]).unwrap())
        .collect();
    assert!(want.len() > 20);
    assert_eq!(parse(&claims.body), want, "every claim, in corpus order");
    let want: Vec<Value> = api::filter_events(&s, &ListQuery::default())
        .unwrap()
        .into_iter()
        .map(|v| serde_json::from_str(&s.json.events[v]).unwrap())
        .collect();
    assert_eq!(parse(&events.body), want, "every event, latest first");
}

#[tokio::test]
async fn jsonl_exports_come_from_the_stored_results() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    jsonl_exports_equal_the_view(&st).await;
}

#[test]
fn jsonl_exports_come_from_the_stored_results_on_postgres() {
    on_postgres_examples(async |st, _location, _docs| {
        jsonl_exports_equal_the_view(&st).await;
    });
}

/// The CSV exports read the store a step at a time too, and give the rows
/// the CLI's writers give for the whole corpus (each event once; the
/// store's in the events list's order, latest first), filters included.
async fn csv_exports_equal_the_writers(st: &AppState) {
    let rows = |body: &str| -> Vec<Vec<String>> {
        csv::Reader::from_reader(body.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    };
    let mut got = Vec::new();
    for name in ["events.csv", "events-acled.csv"] {
        let r = get(st, &format!("/export/{name}")).await;
        assert_eq!(r.status, StatusCode::OK, "{name}");
        assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
        got.push(r.body);
    }
    let country = {
        let j = get(st, "/export/events.jsonl").await;
        j.body
            .lines()
            .find_map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                v["place"]["country"]["code"].as_str().map(str::to_string)
            })
            .unwrap()
    };
    let some = get(st, &format!("/export/events.csv?country={country}")).await;
    assert_eq!(get(st, "/export/events-acled.csv?from=soon").await.status, StatusCode::BAD_REQUEST);
    assert!(!st.snapshot_built(), "the CSV exports must not build the whole-corpus view");
    let s = st.snapshot();
    let mut table = Vec::new();
    dossier_core::export::tables::write_events(
        &dossier_core::export::source::InMemory::new(&s.docs, &s.rec),
        &mut table,
    )
    .unwrap();
    let mut acled = Vec::new();
    dossier_core::export::acled::write_acled(&s.docs, &s.rec, &mut acled).unwrap();
    let want: Vec<Vec<String>> = rows(std::str::from_utf8(&table).unwrap());
    assert!(want.len() > 10);
    let order: Vec<&str> = api::filter_events(&s, &ListQuery::default())
        .unwrap()
        .into_iter()
        .map(|v| s.rec.events[v].id.as_str())
        .collect();
    let table_got = rows(&got[0]);
    assert_eq!(
        table_got.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(),
        order,
        "every event once, latest first"
    );
    let sorted = |mut v: Vec<Vec<String>>| {
        v.sort();
        v
    };
    assert_eq!(sorted(table_got), sorted(want.clone()), "events.csv rows as the CLI writes them");
    let acled_want = rows(std::str::from_utf8(&acled).unwrap());
    let acled_got = rows(&got[1]);
    assert!(acled_got.iter().any(|r| r[15].contains('“')), "notes quote the reports");
    assert_eq!(sorted(acled_got), sorted(acled_want), "ACLED rows as the CLI writes them");
    let kept: BTreeSet<String> = api::filter_events(
        &s,
        &ListQuery { country: Some(country.clone()), ..ListQuery::default() },
    )
    .unwrap()
    .into_iter()
    .map(|v| s.rec.events[v].id.clone())
    .collect();
    let some_ids: BTreeSet<String> = rows(&some.body).into_iter().map(|r| r[0].clone()).collect();
    assert!(!kept.is_empty() && kept.len() < want.len());
    assert_eq!(some_ids, kept, "the filter in force");
}

#[tokio::test]
async fn csv_exports_come_from_the_stored_results() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    csv_exports_equal_the_writers(&st).await;
}

#[test]
fn csv_exports_come_from_the_stored_results_on_postgres() {
    on_postgres_examples(async |st, _location, _docs| {
        csv_exports_equal_the_writers(&st).await;
    });
}

/// The HTML reports from the store are those the CLI writes from its
/// reconciliation: the entity dossier of the group with most claims, the
/// events report (all, and of one country) and the claims report of that
/// group, byte for byte.
async fn html_exports_equal_the_writers(st: &AppState) {
    use dossier_core::export::report::{self, Cited, EntityDossier};
    let claims = get(st, "/export/claims.jsonl").await;
    let mut per_subject = std::collections::HashMap::<String, usize>::new();
    let mut country = None;
    for l in claims.body.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        if v["subject"].as_str().unwrap().starts_with("group:") {
            *per_subject.entry(v["subject"].as_str().unwrap().to_string()).or_default() += 1;
        }
    }
    for l in get(st, "/export/events.jsonl").await.body.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        country = country.or(v["place"]["country"]["code"].as_str().map(str::to_string));
    }
    let country = country.unwrap();
    let (group, _) =
        per_subject.iter().max_by_key(|(id, n)| (**n, std::cmp::Reverse(*id))).unwrap();
    let html = |r: &crate::util::Got| {
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.headers["content-type"], "text/html; charset=utf-8");
        r.body.clone()
    };
    let dossier = html(&get(st, &format!("/export/report.html?entity={}", seg(group))).await);
    let all_events = html(&get(st, "/export/events.html").await);
    let some_events = html(&get(st, &format!("/export/events.html?country={country}")).await);
    let its_claims = html(&get(st, &format!("/export/claims.html?subject={}", seg(group))).await);
    assert_eq!(get(st, "/export/events.html?from=soon").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(get(st, "/export/report.html?entity=nope").await.status, StatusCode::NOT_FOUND);
    assert!(!st.snapshot_built(), "the HTML exports must not build the whole-corpus view");

    let s = st.snapshot();
    let e = s.entity(group).unwrap();
    assert_eq!(dossier, report::entity(&EntityDossier::of_view(&s.docs, &s.rec, e)));
    assert!(dossier.contains("<blockquote>") && dossier.contains("<svg"));
    let stored = dossier_core::reconcile::stored::results(&s.docs, &s.rec);
    let events = |f: &ListQuery| -> Vec<dossier_core::reconcile::StoredEvent> {
        api::filter_events(&s, f)
            .unwrap()
            .into_iter()
            .map(|v| stored.events.iter().find(|x| x.id == s.rec.events[v].id).unwrap().clone())
            .collect()
    };
    let every = events(&ListQuery::default());
    let cited = Cited::of_view(&s.docs, &s.rec, &every);
    assert_eq!(all_events, report::events(&every, every.len(), &cited, "Events", "no filter"));
    let some = events(&ListQuery { country: Some(country.clone()), ..ListQuery::default() });
    assert!(!some.is_empty() && some.len() < every.len());
    let scope = format!("filtered by country: {country}");
    assert_eq!(some_events, report::events(&some, some.len(), &cited, "Events", &scope));
    let f = ListQuery { subject: Some(group.clone()), ..ListQuery::default() };
    let want: Vec<_> = api::filter_claims(&s, &f)
        .unwrap()
        .into_iter()
        .map(|c| stored.claims.iter().find(|x| x.id == s.rec.claims[c].id).unwrap().clone())
        .collect();
    let scope = format!("filtered by subject: {}", group.replace('_', " "));
    assert_eq!(its_claims, report::claims(&want, want.len(), "Claims", &scope));
}

#[tokio::test]
async fn html_exports_come_from_the_stored_results() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    html_exports_equal_the_writers(&st).await;
}

#[test]
fn html_exports_come_from_the_stored_results_on_postgres() {
    on_postgres_examples(async |st, _location, _docs| {
        html_exports_equal_the_writers(&st).await;
    });
}
