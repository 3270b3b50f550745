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
use dossier_server::AppState;
use dossier_store::Store;
use serde_json::Value;

use crate::common::{self, TOKEN};
use crate::postgres::Schema;
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
    // `/api/v1/documents` (the list) still reads the whole-corpus view.
    let _ = st.snapshot_built();

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
