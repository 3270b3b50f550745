//! The bundled example corpus read against `examples/EXPECTATIONS.json`:
//! the same behaviours as the seed case (aliases merged, strength figures
//! compared, founding dates, leaders, events merged across reports), on the
//! project's own reports. Prints a scoreboard; asserts floors.

use std::collections::HashMap;

use serde_json::Value;

use crate::util::*;

struct Corpus {
    records: Vec<Value>,
    /// (file name, line) -> document id
    docs: HashMap<(String, usize), String>,
}

fn corpus() -> Corpus {
    let out = run(bin().arg("extract").args(example_files()));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records = jsonl(&out);
    let mut docs = HashMap::new();
    let mut per_file: HashMap<String, usize> = HashMap::new();
    for d in of_type(&records, "document") {
        let path = d["path"].as_str().unwrap();
        let file = std::path::Path::new(path.split(':').next().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let n = per_file.entry(file.clone()).or_default();
        *n += 1;
        docs.insert((file, *n), d["id"].as_str().unwrap().to_string());
    }
    Corpus { records, docs }
}

fn expectations() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(workspace().join("examples/EXPECTATIONS.json")).unwrap(),
    )
    .unwrap()
}

fn entity_for<'a>(c: &'a Corpus, name: &str) -> Option<&'a Value> {
    let key =
        |s: &str| s.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    let k = key(name);
    of_type(&c.records, "entity").into_iter().find(|e| {
        e["kind"] == "group"
            && (key(e["name"].as_str().unwrap()) == k
                || e["aliases"].as_array().unwrap().iter().any(|a| key(a.as_str().unwrap()) == k))
    })
}

/// The name and aliases of the entity with this id.
fn names_of(c: &Corpus, id: &Value) -> Vec<String> {
    of_type(&c.records, "entity")
        .into_iter()
        .filter(|e| &e["id"] == id)
        .flat_map(|e| {
            let mut v = vec![e["name"].as_str().unwrap().to_string()];
            v.extend(
                e["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()),
            );
            v
        })
        .collect()
}

fn doc_of(c: &Corpus, item: &Value) -> Option<String> {
    let file = item["file"].as_str()?.to_string();
    let line = item["line"].as_u64().unwrap_or(1) as usize;
    c.docs.get(&(file, line)).cloned()
}

#[test]
fn example_corpus_reads_as_expected() {
    let c = corpus();
    let exp = expectations();
    let claims = of_type(&c.records, "claim");
    let findings = of_type(&c.records, "finding");
    let mut score: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut bump = |k: &'static str, ok: bool| {
        let e = score.entry(k).or_default();
        e.1 += 1;
        if ok {
            e.0 += 1;
        }
    };
    for g in exp["groups"].as_array().unwrap() {
        let name = g["canonical"].as_str().unwrap();
        let ent = entity_for(&c, name).unwrap_or_else(|| panic!("no group entity for {name}"));
        let id = ent["id"].as_str().unwrap();
        // Splinters and rivals stay apart.
        for other in g["distinct_from"].as_array().into_iter().flatten() {
            if let Some(o) = entity_for(&c, other.as_str().unwrap()) {
                assert_ne!(o["id"], ent["id"], "{name} must stay apart from {other}");
            }
        }
        // Aliases the corpus uses end up on the one entity.
        for a in g["aliases_in_corpus"].as_array().into_iter().flatten() {
            let a = a.as_str().unwrap();
            let on = entity_for(&c, a).is_some_and(|e| e["id"] == ent["id"]);
            bump("aliases", on);
        }
        let of = |pred: &str| {
            claims
                .iter()
                .filter(|cl| cl["subject"] == id && cl["predicate"] == pred)
                .collect::<Vec<_>>()
        };
        for s in g["strength"].as_array().into_iter().flatten() {
            let doc = doc_of(&c, s);
            let found = of("strength").iter().any(|cl| {
                Some(cl["doc"].as_str().unwrap().to_string()) == doc
                    && cl["value"]["quantity"]["low"]
                        .as_f64()
                        .zip(s["low"].as_f64())
                        .is_some_and(|(a, b)| (a - b).abs() <= b * 0.11)
            });
            if !found {
                eprintln!("  missed strength {} in {}", s["quote"], s["file"]);
            }
            bump("strength", found);
        }
        if let Some(v) = g["strength_verdict"].as_str() {
            let got = findings
                .iter()
                .find(|f| f["subject"] == id && f["predicate"] == "strength")
                .map(|f| f["verdict"].as_str().unwrap().to_string());
            bump("strength_verdict", got.as_deref() == Some(v));
        }
        for f in g["founded"].as_array().into_iter().flatten() {
            let doc = doc_of(&c, f);
            let start = f["start"].as_str();
            let end = f["end"].as_str();
            let found = of("founded").iter().chain(of("first_active").iter()).any(|cl| {
                let t = &cl["value"]["time"];
                Some(cl["doc"].as_str().unwrap().to_string()) == doc
                    && (t["end"].as_str() == end
                        || (t["start"].as_str() == start && start.is_some()))
            });
            if !found {
                eprintln!("  missed founding {} in {}", f["quote"], f["file"]);
            }
            bump("founded", found);
        }
        for l in g["leaders"].as_array().into_iter().flatten() {
            let doc = doc_of(&c, l);
            let want = l["name"].as_str().unwrap();
            let found = of("leader").iter().any(|cl| {
                Some(cl["doc"].as_str().unwrap().to_string()) == doc
                    && names_of(&c, &cl["value"]["entity"])
                        .iter()
                        .any(|n| n.contains(want) || want.contains(n.as_str()))
                    && l["status"].as_str().is_none_or(|s| cl["status"] == s)
            });
            if !found {
                eprintln!("  missed leader {want} ({}) in {}", l["status"], l["file"]);
            }
            bump("leaders", found);
        }
        for d in g["designated"].as_array().into_iter().flatten() {
            let doc = doc_of(&c, d);
            let want = d["authority"].as_str().unwrap();
            let found = of("designated").iter().any(|cl| {
                Some(cl["doc"].as_str().unwrap().to_string()) == doc
                    && names_of(&c, &cl["value"]["entity"]).iter().any(|n| n == want)
                    && d["year"].as_i64().is_none_or(|y| {
                        cl["when"]["start"].as_str().is_some_and(|s| s.starts_with(&y.to_string()))
                    })
            });
            if !found {
                eprintln!("  missed designation by {want} in {}", d["file"]);
            }
            bump("designated", found);
        }
    }
    let events = of_type(&c.records, "event");
    for e in exp["events"].as_array().unwrap() {
        let docs: Vec<String> =
            e["reports"].as_array().unwrap().iter().filter_map(|r| doc_of(&c, r)).collect();
        let merged = events.iter().any(|ev| {
            let ed: Vec<&str> =
                ev["docs"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
            docs.iter().all(|d| ed.contains(&d.as_str()))
        });
        if !merged && docs.len() >= 2 {
            eprintln!("  events not merged: {}", e["name"]);
        }
        bump("events_merged", merged || docs.len() < 2);
        for r in e["reports"].as_array().unwrap() {
            let Some(doc) = doc_of(&c, r) else { continue };
            let hit = events.iter().any(|ev| {
                ev["reports"].as_array().unwrap().iter().any(|rep| {
                    rep["doc"] == doc.as_str()
                        && r["killed_low"]
                            .as_f64()
                            .is_none_or(|k| rep["killed"]["low"].as_f64() == Some(k))
                })
            });
            if !hit {
                eprintln!("  missed killed {} for {} in {}", r["killed_low"], e["name"], r["file"]);
            }
            bump("event_killed", hit);
            let dated = events.iter().any(|ev| {
                ev["reports"].as_array().unwrap().iter().any(|rep| {
                    rep["doc"] == doc.as_str()
                        && rep["when"]["start"].as_str() == r["date"].as_str()
                        && rep["when"]["end"].as_str() == r["date"].as_str()
                })
            });
            bump("event_date", dated);
        }
    }
    let mut keys: Vec<_> = score.keys().copied().collect();
    keys.sort();
    eprintln!("example corpus scoreboard:");
    for k in &keys {
        let (ok, n) = score[k];
        eprintln!("  {k:<18} {ok:>3}/{n:<3} {:.0}%", 100.0 * ok as f64 / n.max(1) as f64);
    }
    // Floors: raise them as extraction improves, never lower them to pass.
    let floor = |k: &str, min: f64| {
        let (ok, n) = score.get(k).copied().unwrap_or((0, 0));
        let r = ok as f64 / n.max(1) as f64;
        assert!(r >= min, "{k}: {ok}/{n} below the floor {min}");
    };
    floor("aliases", 0.8);
    floor("strength", 0.9);
    floor("founded", 0.75);
    floor("leaders", 0.8);
    floor("designated", 0.99);
    floor("events_merged", 0.8);
    floor("event_date", 0.9);
    floor("event_killed", 0.9);
    floor("strength_verdict", 0.8);
}
