//! The export contract of `dossier extract` and `dossier export` (ARCHITECTURE.md).

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::util::*;

const ENTITY_KINDS: &[&str] = &["group", "organization", "person", "place", "nationality", "other"];
const MODALITIES: &[&str] =
    &["asserted", "reported", "believed", "claimed", "expected", "denied", "hypothetical"];
const VERDICTS: &[&str] =
    &["agree", "conflict", "compatible", "changed_over_time", "single_source"];
const PREDICATES: &[&str] = &[
    "founded",
    "first_active",
    "founded_by",
    "leader",
    "strength",
    "based_in",
    "operates_in",
    "part_of",
    "affiliated_with",
    "allied_with",
    "opposes",
    "targets",
    "attack_count",
    "member_origin",
    "claimed_responsibility",
    "role",
    "member_of",
    "status",
    "renamed_from",
    "merged_from",
    "splinter_of",
    "designated",
];

fn is_str_or_null(v: &Value) -> bool {
    v.is_string() || v.is_null()
}

fn check_q(q: &Value, what: &str) {
    assert!(q.is_object(), "{what}: Q must be an object: {q}");
    for k in ["low", "high"] {
        assert!(q[k].is_number() || q[k].is_null(), "{what}: Q.{k} must be a number or null: {q}");
    }
    assert!(q["approximate"].is_boolean(), "{what}: Q.approximate must be a boolean: {q}");
    if let (Some(l), Some(h)) = (q["low"].as_f64(), q["high"].as_f64()) {
        assert!(l <= h, "{what}: low > high: {q}");
    }
}

fn check_t(t: &Value, what: &str) {
    assert!(t.is_object(), "{what}: T must be an object: {t}");
    for k in ["start", "end"] {
        let v = &t[k];
        assert!(is_str_or_null(v), "{what}: T.{k} must be a date string or null: {t}");
        if let Some(s) = v.as_str() {
            assert!(
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
                "{what}: T.{k} is not YYYY-MM-DD: {t}"
            );
        }
    }
    assert!(t["text"].is_string(), "{what}: T.text must be a string: {t}");
}

fn slice<'a>(texts: &'a HashMap<String, String>, doc: &str, span: &Value) -> &'a str {
    let s = span[0].as_u64().expect("span start") as usize;
    let e = span[1].as_u64().expect("span end") as usize;
    let text = texts.get(doc).unwrap_or_else(|| panic!("span names unknown document {doc}"));
    assert!(
        s <= e && e <= text.len(),
        "span {s}..{e} outside document {doc} ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(s) && text.is_char_boundary(e),
        "span {s}..{e} not on char boundaries"
    );
    &text[s..e]
}

/// Checks every record against the contract; returns the number of records per type.
pub fn check_contract(records: &[Value]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut entity_ids: HashSet<String> = HashSet::new();
    let mut claim_ids: HashSet<String> = HashSet::new();
    for r in records {
        *counts
            .entry(r["type"].as_str().expect("every record has a type").to_string())
            .or_default() += 1;
        match r["type"].as_str().unwrap() {
            "document" => {
                for k in ["id", "title", "source", "url", "published", "path"] {
                    assert!(r.get(k).is_some(), "document lacks {k}: {r}");
                }
                assert!(r["id"].is_string());
                for k in ["title", "source", "url", "published", "path"] {
                    assert!(is_str_or_null(&r[k]), "document.{k}: {r}");
                }
                let text = r["text"].as_str().expect("tests run with --with-text");
                texts.insert(r["id"].as_str().unwrap().to_string(), text.to_string());
            }
            "entity" => {
                assert!(r["id"].is_string() && r["name"].is_string(), "entity: {r}");
                assert!(ENTITY_KINDS.contains(&r["kind"].as_str().unwrap()), "entity kind: {r}");
                assert!(
                    r["aliases"].as_array().is_some_and(|a| a.iter().all(Value::is_string)),
                    "entity aliases: {r}"
                );
                assert!(
                    entity_ids.insert(r["id"].as_str().unwrap().to_string()),
                    "duplicate entity id: {r}"
                );
            }
            _ => {}
        }
    }
    for r in records {
        match r["type"].as_str().unwrap() {
            "mention" => {
                let doc = r["doc"].as_str().expect("mention.doc");
                assert_eq!(
                    slice(&texts, doc, &r["span"]),
                    r["text"].as_str().unwrap(),
                    "mention text is its span: {r}"
                );
                assert!(r["kind"].is_string());
                if let Some(e) = r.get("entity") {
                    assert!(
                        entity_ids.contains(e.as_str().unwrap()),
                        "mention names unknown entity: {r}"
                    );
                }
                if r["kind"] == "quantity" {
                    check_q(&r["value"], "mention");
                }
                if r["kind"] == "time" {
                    check_t(&r["value"], "mention");
                }
            }
            "claim" => {
                for k in ["id", "doc", "subject", "predicate", "value", "modality", "span", "text"]
                {
                    assert!(r.get(k).is_some(), "claim lacks {k}: {r}");
                }
                assert!(
                    claim_ids.insert(r["id"].as_str().unwrap().to_string()),
                    "duplicate claim id"
                );
                assert!(
                    entity_ids.contains(r["subject"].as_str().unwrap()),
                    "claim subject is an entity id: {r}"
                );
                assert!(PREDICATES.contains(&r["predicate"].as_str().unwrap()), "predicate: {r}");
                assert!(MODALITIES.contains(&r["modality"].as_str().unwrap()), "modality: {r}");
                let doc = r["doc"].as_str().unwrap();
                assert_eq!(
                    slice(&texts, doc, &r["span"]),
                    r["text"].as_str().unwrap(),
                    "claim text is its span"
                );
                let v = &r["value"];
                let shapes = [
                    v.get("entity").is_some() && v.get("name").is_some(),
                    v.get("quantity").is_some(),
                    v.get("time").is_some(),
                    v.get("text").is_some(),
                ];
                assert_eq!(
                    shapes.iter().filter(|&&b| b).count(),
                    1,
                    "claim value has exactly one shape: {r}"
                );
                if let Some(q) = v.get("quantity") {
                    check_q(q, "claim value");
                    assert!(v.get("unit").is_some(), "quantity value has a unit: {r}");
                }
                if let Some(t) = v.get("time") {
                    check_t(t, "claim value");
                }
                if let Some(e) = v.get("entity") {
                    assert!(entity_ids.contains(e.as_str().unwrap()), "claim value entity: {r}");
                }
                if let Some(w) = r.get("when") {
                    check_t(w, "claim when");
                }
                if let Some(s) = r.get("source") {
                    assert!(s.is_string(), "claim source: {r}");
                }
            }
            "event" => {
                for k in ["id", "kind", "docs", "perpetrators", "claimed", "victims", "spans"] {
                    assert!(r.get(k).is_some(), "event lacks {k}: {r}");
                }
                assert!(r["claimed"].is_boolean());
                assert!(!r["docs"].as_array().unwrap().is_empty());
                for p in r["perpetrators"].as_array().unwrap() {
                    assert!(
                        entity_ids.contains(p.as_str().unwrap()),
                        "perpetrator is an entity id: {r}"
                    );
                }
                if let Some(w) = r.get("when") {
                    check_t(w, "event when");
                }
                if let Some(p) = r.get("place") {
                    assert!(
                        entity_ids.contains(p["entity"].as_str().unwrap()) && p["name"].is_string(),
                        "event place: {r}"
                    );
                }
                for k in ["killed", "wounded", "killed_or_wounded"] {
                    if let Some(q) = r.get(k) {
                        check_q(q, k);
                    }
                }
                for v in r["victims"].as_array().unwrap() {
                    check_q(&v["count"], "victim count");
                    assert!(v["description"].is_string());
                }
                for s in r["spans"].as_array().unwrap() {
                    let doc = s[0].as_str().expect("span doc");
                    let _ = slice(&texts, doc, &Value::from(vec![s[1].clone(), s[2].clone()]));
                }
            }
            "finding" => {
                assert!(
                    entity_ids.contains(r["subject"].as_str().unwrap()),
                    "finding subject: {r}"
                );
                assert!(PREDICATES.contains(&r["predicate"].as_str().unwrap()));
                assert!(VERDICTS.contains(&r["verdict"].as_str().unwrap()), "verdict: {r}");
                assert!(r["summary"].as_str().is_some_and(|s| !s.is_empty()));
                let cs = r["claims"].as_array().unwrap();
                assert!(!cs.is_empty());
                for c in cs {
                    assert!(
                        claim_ids.contains(c.as_str().unwrap()),
                        "finding cites unknown claim: {r}"
                    );
                }
            }
            "document" | "entity" => {}
            other => panic!("unknown record type {other}"),
        }
    }
    counts
}

#[test]
fn extract_follows_the_contract() {
    let out = run(bin().arg("extract").args(example_files()).arg("--with-text"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records = jsonl(&out);
    let counts = check_contract(&records);
    for t in ["document", "entity", "mention", "claim", "event", "finding"] {
        assert!(counts.get(t).copied().unwrap_or(0) > 0, "no {t} records: {counts:?}");
    }
    assert_eq!(counts["document"], 12, "12 example reports (one .jsonl holds two)");
}

#[test]
fn export_follows_the_contract_and_matches_extract() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let out = run(bin().arg("ingest").arg(examples_dir()).arg("--db").arg(&db).arg("--quiet"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(bin().args(["export", "--format", "jsonl", "--with-text", "--db"]).arg(&db));
    assert!(out.status.success());
    let exported = jsonl(&out);
    let counts = check_contract(&exported);
    let out = run(bin().arg("extract").arg(examples_dir()).arg("--with-text"));
    let extracted = jsonl(&out);
    let ids = |rs: &[Value], t: &str| -> HashSet<String> {
        of_type(rs, t).iter().map(|r| r["id"].as_str().unwrap().to_string()).collect()
    };
    // The store round-trips: the same corpus gives the same records either way.
    for t in ["document", "entity", "claim", "event"] {
        assert_eq!(
            ids(&exported, t),
            ids(&extracted, t),
            "{t} ids differ between export and extract"
        );
    }
    assert_eq!(counts["finding"], of_type(&extracted, "finding").len());
}
