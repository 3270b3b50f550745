//! The JSON API.

use axum::http::{Method, StatusCode};

use crate::common::{self, TOKEN};
use crate::util::{call, get, seg};

fn group_id(state: &dossier_server::AppState) -> String {
    let s = state.snapshot();
    // The group with the most claims in the example corpus.
    (0..s.rec.entities.len())
        .filter(|&e| s.rec.entities[e].kind == dossier_core::EntityKind::Group)
        .max_by_key(|&e| s.entity_claims[e].len())
        .map(|e| s.rec.entities[e].id.clone())
        .expect("a group")
}

#[tokio::test]
async fn entities_list_search_and_detail() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let id = group_id(&st);
    let all = get(&st, "/api/v1/entities?kind=group&limit=500").await;
    assert_eq!(all.status, StatusCode::OK);
    let j = all.json();
    let items = j["items"].as_array().unwrap();
    assert!(items.iter().all(|e| e["kind"] == "group"), "{j}");
    assert!(items.iter().any(|e| e["id"] == id.as_str()));
    assert_eq!(j["total"].as_u64().unwrap() as usize, items.len());

    let name = st.snapshot().rec.entities[st.snapshot().entity(&id).unwrap()].name.clone();
    let hit = get(&st, &format!("/api/v1/entities?q={}", seg(&name.to_lowercase()))).await.json();
    assert_eq!(hit["items"][0]["id"], id.as_str(), "{hit}");

    let one = get(&st, &format!("/api/v1/entities/{}", seg(&id))).await;
    assert_eq!(one.status, StatusCode::OK);
    let j = one.json();
    assert_eq!(j["entity"]["id"], id.as_str());
    let claims = j["claims"].as_array().unwrap();
    assert!(!claims.is_empty());
    for c in claims {
        assert_eq!(c["type"], "claim");
        assert_eq!(c["subject"], id.as_str());
        assert!(c["verdict"].is_string(), "claim without verdict: {c}");
        assert!(c["text"].as_str().is_some_and(|t| !t.is_empty()));
    }
    let findings = j["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    // Every finding's claims are among the entity's claims.
    let ids: Vec<&str> = claims.iter().filter_map(|c| c["id"].as_str()).collect();
    for f in findings {
        for c in f["claims"].as_array().unwrap() {
            assert!(ids.contains(&c.as_str().unwrap()), "{c} not listed");
        }
    }
    assert!(j["events"].is_array());

    let missing = get(&st, "/api/v1/entities/group:no-such-thing").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let msg = missing.json()["error"]["message"].as_str().unwrap().to_string();
    assert!(msg.contains("group:no-such-thing"), "{msg}");
}

#[tokio::test]
async fn claims_filter_and_bad_parameters() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let id = group_id(&st);
    let j = get(&st, &format!("/api/v1/claims?subject={}&predicate=strength&limit=1000", seg(&id)))
        .await
        .json();
    for c in j["items"].as_array().unwrap() {
        assert_eq!(c["predicate"], "strength");
        assert_eq!(c["subject"], id.as_str());
    }
    let conflicts = get(&st, "/api/v1/claims?verdict=conflict&limit=1000").await.json();
    let items = conflicts["items"].as_array().unwrap();
    assert!(!items.is_empty(), "the example corpus has conflicting claims");
    assert!(items.iter().all(|c| c["verdict"] == "conflict"));

    let paged = get(&st, "/api/v1/claims?limit=2&offset=1").await.json();
    assert_eq!(paged["items"].as_array().unwrap().len(), 2);
    let first3 = get(&st, "/api/v1/claims?limit=3").await.json();
    assert_eq!(paged["items"][0]["id"], first3["items"][1]["id"]);

    let bad = get(&st, "/api/v1/claims?predicate=size").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.json()["error"]["message"].as_str().unwrap().contains("strength"));
    let bad = get(&st, "/api/v1/findings?verdict=maybe").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let bad = get(&st, "/api/v1/claims?limit=lots").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let bad = get(&st, "/api/v1/entities?kind=army").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(get(&st, "/api/v1/search?q=").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(get(&st, "/api/v1/nothing-here").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn documents_carry_text_and_spans_that_slice_it() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let list = get(&st, "/api/v1/documents?limit=100").await.json();
    let docs = list["items"].as_array().unwrap();
    assert_eq!(docs.len(), st.snapshot().docs.len());
    let mut checked = 0;
    for d in docs {
        let id = d["id"].as_str().unwrap();
        let j = get(&st, &format!("/api/v1/documents/{}", seg(id))).await.json();
        let text = j["text"].as_str().unwrap();
        for m in j["mentions"].as_array().unwrap() {
            let (a, b) =
                (m["span"][0].as_u64().unwrap() as usize, m["span"][1].as_u64().unwrap() as usize);
            assert_eq!(&text[a..b], m["text"].as_str().unwrap());
            checked += 1;
        }
        for c in j["claims"].as_array().unwrap() {
            let (a, b) =
                (c["span"][0].as_u64().unwrap() as usize, c["span"][1].as_u64().unwrap() as usize);
            assert_eq!(&text[a..b], c["text"].as_str().unwrap());
            assert_eq!(c["doc"], id);
        }
    }
    assert!(checked > 50, "mentions checked: {checked}");
    assert_eq!(get(&st, "/api/v1/documents/ffffffffffff").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn search_finds_entities_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let j = get(&st, "/api/v1/search?q=Zarqa").await.json();
    assert!(
        j["documents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["snippet"].as_str().unwrap().contains("[Zarqa]")),
        "{j}"
    );
    assert!(
        j["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"].as_str().unwrap().contains("Zarqa")),
        "{j}"
    );
    let none = get(&st, "/api/v1/search?q=%22%29%28*%3A").await;
    assert_eq!(none.status, StatusCode::OK, "odd punctuation is no syntax error: {}", none.body);
}

#[tokio::test]
async fn openapi_describes_every_endpoint() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let doc = get(&st, "/api/v1/openapi.json").await;
    assert_eq!(doc.status, StatusCode::OK);
    let j = doc.json();
    assert_eq!(j["openapi"], "3.0.3");
    let paths = j["paths"].as_object().unwrap();
    let id = group_id(&st);
    let doc_id = st.snapshot().docs[0].doc.id.clone();
    let event_id = st.snapshot().rec.events[0].id.clone();
    for (path, ops) in paths {
        let uri = format!("/api/v1{path}")
            .replace("/entities/{id}", &format!("/entities/{}", seg(&id)))
            .replace("/events/{id}", &format!("/events/{}", seg(&event_id)))
            .replace("{id}", &doc_id);
        let uri = if path == "/search" { format!("{uri}?q=attack") } else { uri };
        for method in ops.as_object().unwrap().keys() {
            if method == "get" {
                let r = get(&st, &uri).await;
                assert_eq!(r.status, StatusCode::OK, "GET {uri}: {}", r.body);
                r.json();
            }
        }
    }
    // And every endpoint of the router is described: the ones the tests use.
    for p in [
        "/entities",
        "/entities/{id}",
        "/claims",
        "/events",
        "/events/{id}",
        "/findings",
        "/documents",
        "/documents/{id}",
        "/search",
        "/decisions",
        "/stats",
    ] {
        assert!(paths.contains_key(p), "{p} missing from openapi.json");
    }
}

#[tokio::test]
async fn writes_need_the_token_and_refresh_the_view() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let before = st.snapshot().docs.len();
    let body = std::fs::read(common::fixture("hostile-upload.txt")).unwrap();
    let uri = "/api/v1/documents?name=..%2F..%2Fup.txt";
    let r = call(&st, Method::POST, uri, None, body.clone()).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("token"));
    let r = call(&st, Method::POST, uri, Some("wrong"), body.clone()).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(st.snapshot().docs.len(), before);

    let r = call(&st, Method::POST, uri, Some(TOKEN), body.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let j = r.json();
    assert_eq!(j["stored"].as_array().unwrap().len(), 1, "{j}");
    let new_id = j["stored"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(st.snapshot().docs.len(), before + 1, "snapshot refreshed");
    let doc = crate::util::get(&st, &format!("/api/v1/documents/{new_id}")).await.json();
    assert!(doc["path"].is_null(), "where a file was read from is never shown: {}", doc["path"]);
    assert!(!doc.to_string().contains("up.txt"), "the upload's file name is not shown");
    assert_eq!(doc["label"], doc["source"], "an upload with an outlet is labelled by it");

    let again = call(&st, Method::POST, uri, Some(TOKEN), body).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["duplicates"].as_array().unwrap().len(), 1);

    let bad =
        call(&st, Method::POST, "/api/v1/documents?name=x.exe", Some(TOKEN), b"MZ".to_vec()).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.json()["error"]["message"].as_str().unwrap().contains(".txt"));
    let empty =
        call(&st, Method::POST, "/api/v1/documents?name=e.txt", Some(TOKEN), Vec::new()).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert_eq!(empty.json()["failed"].as_array().unwrap().len(), 1);

    let del = format!("/api/v1/documents/{new_id}");
    assert_eq!(
        call(&st, Method::DELETE, &del, None, Vec::new()).await.status,
        StatusCode::UNAUTHORIZED
    );
    let r = call(&st, Method::DELETE, &del, Some(TOKEN), Vec::new()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(st.snapshot().docs.len(), before);
    assert_eq!(
        call(&st, Method::DELETE, &del, Some(TOKEN), Vec::new()).await.status,
        StatusCode::NOT_FOUND
    );

    // Decisions.
    let s = st.snapshot();
    let groups: Vec<String> = s
        .rec
        .entities
        .iter()
        .filter(|e| e.kind == dossier_core::EntityKind::Group)
        .map(|e| e.id.clone())
        .collect();
    let (a, b) = (groups[0].clone(), groups[1].clone());
    drop(s);
    let dec = serde_json::json!({"kind": "merge", "a": a, "b": b}).to_string().into_bytes();
    assert_eq!(
        call(&st, Method::POST, "/api/v1/decisions", None, dec.clone()).await.status,
        StatusCode::UNAUTHORIZED
    );
    let r = call(&st, Method::POST, "/api/v1/decisions", Some(TOKEN), dec).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let list = get(&st, "/api/v1/decisions").await.json();
    assert_eq!(list["items"][0]["kind"], "merge");
    let dec_id = r.json()["id"].as_i64().unwrap();
    let snap = st.snapshot();
    let merged = snap
        .rec
        .entities
        .iter()
        .find(|e| e.evidence.iter().any(|ev| ev.contains(&format!("decision {dec_id}"))));
    assert!(merged.is_some(), "the merge is applied to the view: {:?}", snap.rec.unapplied);
    drop(snap);
    let r =
        call(&st, Method::POST, "/api/v1/decisions", Some(TOKEN), b"{\"kind\":1}".to_vec()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let unknown =
        serde_json::json!({"kind": "merge", "a": a, "b": "group:nope"}).to_string().into_bytes();
    let r = call(&st, Method::POST, "/api/v1/decisions", Some(TOKEN), unknown).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn text_index_finds_what_the_store_finds() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let store = dossier_store::Store::open(&dir.path().join("t.db")).unwrap();
    let s = st.snapshot();
    // The in-memory index (no longer held by the view: search reads the
    // store), built here over the view's documents.
    let ix = dossier_server::textindex::TextIndex::build(&s.docs, &s.recent);
    let ix = ix.as_ref().expect("text index built");
    // Queries from the corpus itself: title words alone, in pairs, as
    // prefixes, plus hyphenated and accented words and odd punctuation.
    let mut queries: Vec<String> = vec![
        "ISIS-K".into(),
        "Khora*".into(),
        "al-Shabaab".into(),
        "attack killed".into(),
        "\"(*:".into(),
        "Zarqa".into(),
    ];
    for a in s.docs.iter().take(8) {
        let words: Vec<&str> = a.doc.title.as_deref().unwrap_or("").split_whitespace().collect();
        if let [x, .., y] = words.as_slice() {
            queries.push(format!("{x} {y}"));
            queries.push(x.to_string());
            let stem: String = y.chars().take(4).collect();
            queries.push(format!("{stem}*"));
        }
    }
    let mut nonempty = 0;
    for q in &queries {
        let mut ours: Vec<String> =
            ix.search(&s.docs, q, 1000).into_iter().map(|h| h.doc).collect();
        let mut theirs: Vec<String> =
            store.search(q, 1000).unwrap().into_iter().map(|h| h.doc).collect();
        ours.sort_unstable();
        theirs.sort_unstable();
        // The same documents, plus those holding another form of a
        // one-token word ("killed" for "kill"), which the store's index
        // does not find.
        for d in &theirs {
            assert!(ours.contains(d), "query {q:?}: {d} found by the store only");
        }
        let forms: Vec<String> = q
            .split_whitespace()
            .filter(|w| !w.ends_with('*'))
            .filter_map(|w| {
                let mut toks = Vec::new();
                dossier_server::textindex::tokens(w, |_, _, t| toks.push(t.to_string()));
                (toks.len() == 1).then(|| dossier_server::textindex::stem(&toks[0])).flatten()
            })
            .collect();
        for d in ours.iter().filter(|d| !theirs.contains(d)) {
            let a = &s.docs[s.doc(d).unwrap()].doc;
            let mut has = false;
            let text = format!("{} {}", a.title.as_deref().unwrap_or(""), a.text);
            dossier_server::textindex::tokens(&text, |_, _, t| {
                has |= dossier_server::textindex::stem(t).is_some_and(|x| forms.contains(&x));
            });
            assert!(has, "query {q:?}: {d} holds no form of its words");
        }
        nonempty += usize::from(!ours.is_empty());
    }
    assert!(nonempty >= 5, "most queries find something: {nonempty} of {}", queries.len());
}

#[tokio::test]
async fn a_warc_gz_upload_stores_its_html_pages() {
    let dir = tempfile::tempdir().unwrap();
    let st = common::state(dir.path());
    let before = st.snapshot().docs.len();
    let mut w = dossier_ingest::WarcWriter::new(Vec::new(), true);
    let date = "2023-07-09T12:00:00Z";
    w.request("https://wire.example/dam", date).unwrap();
    w.html_response(
        "https://wire.example/dam",
        date,
        "<html><head><title>Dam inspection finds cracks</title></head><body><article><p>\
         Inspectors found cracks in the spillway of the river dam on Saturday, the water \
         authority said.</p></article></body></html>",
    )
    .unwrap();
    let body = w.finish().unwrap();
    let uri = "/api/v1/documents?name=crawl.warc.gz";
    let r = call(&st, Method::POST, uri, Some(TOKEN), body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let j = r.json();
    assert_eq!(j["stored"].as_array().unwrap().len(), 1, "{j}");
    assert_eq!(j["stored"][0]["title"], "Dam inspection finds cracks", "{j}");
    assert_eq!(st.snapshot().docs.len(), before + 1);
}
