//! Reconciliation across sources and the views and exports built on it:
//! `conflicts`, `timeline`, `sources`, `report`, `merge`, `split`, `remove`
//! and `export --format csv|acled|ftm|graphml`, on the example corpus (and
//! on the seed articles when `../shared` is present).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::*;

fn ingest(db: &Path, files: &[PathBuf]) {
    let out = run(bin().arg("ingest").args(files).arg("--db").arg(db).arg("--quiet"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn example_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ex.db");
    ingest(&db, &example_files());
    (dir, db)
}

fn stdout(args: &[&str], db: &Path) -> String {
    let out = run(bin().args(args).arg("--db").arg(db));
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(args: &[&str], db: &Path) -> Value {
    serde_json::from_str(&stdout(args, db)).unwrap()
}

fn export(db: &Path) -> Vec<Value> {
    jsonl(&run(bin().args(["export", "--format", "jsonl", "--db"]).arg(db)))
}

fn file(name: &str) -> PathBuf {
    example_files()
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap()
}

/// (subject, predicate) -> (verdict, claim ids).
fn findings(records: &[Value]) -> BTreeMap<(String, String), (String, BTreeSet<String>)> {
    of_type(records, "finding")
        .into_iter()
        .map(|f| {
            let claims =
                f["claims"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string());
            (
                (
                    f["subject"].as_str().unwrap().to_string(),
                    f["predicate"].as_str().unwrap().to_string(),
                ),
                (f["verdict"].as_str().unwrap().to_string(), claims.collect()),
            )
        })
        .collect()
}

#[test]
fn conflicts_list_disagreements_with_both_quotes() {
    let (_dir, db) = example_db();
    let v = json(&["conflicts", "--format", "json"], &db);
    let list = v["findings"].as_array().unwrap();
    assert!(!list.is_empty());
    let shabaab = list
        .iter()
        .find(|f| f["subject_name"] == "Al-Shabaab" && f["predicate"] == "strength")
        .expect("the al-Shabaab strength conflict");
    assert_eq!(shabaab["verdict"], "conflict");
    let pair = &shabaab["pairs"][0];
    assert_ne!(pair[0]["doc"], pair[1]["doc"]);
    for side in pair.as_array().unwrap() {
        let q = side["quote"].as_str().unwrap();
        assert!(q.contains("fighters"), "{q}");
    }
    // Most significant first.
    let sig: Vec<f64> = list
        .iter()
        .filter(|f| f["verdict"] == "conflict")
        .map(|f| f["significance"].as_f64().unwrap())
        .collect();
    assert!(sig.windows(2).all(|w| w[0] >= w[1]), "{sig:?}");
    // One entity only; piped output has no colors.
    let text = stdout(&["conflicts", "al-Shabab"], &db);
    assert!(text.contains("Al-Shabaab — strength") && text.matches('“').count() >= 2, "{text}");
    assert!(!text.contains('\u{1b}'));
    assert!(!text.contains("Boko Haram —"), "{text}");
    // The ISKP founding dates are checked and found compatible.
    let text = stdout(&["conflicts", "ISKP"], &db);
    assert!(text.contains("founding date") && text.contains("COMPATIBLE"), "{text}");
}

#[test]
fn every_group_reconciles_as_the_expectations_say() {
    let (_dir, db) = example_db();
    let exp: Value = serde_json::from_str(
        &std::fs::read_to_string(workspace().join("examples/EXPECTATIONS.json")).unwrap(),
    )
    .unwrap();
    let records = export(&db);
    let fs = findings(&records);
    let mut right = 0;
    let mut total = 0;
    for g in exp["groups"].as_array().unwrap() {
        let name = g["canonical"].as_str().unwrap();
        let p = json(&["profile", name, "--format", "json"], &db);
        let id = p["id"].as_str().unwrap().to_string();
        if let Some(v) = g["strength_verdict"].as_str() {
            total += 1;
            let got = fs.get(&(id.clone(), "strength".into())).map(|f| f.0.clone());
            if got.as_deref() == Some(v) {
                right += 1;
            } else {
                eprintln!("  {name}: strength verdict {got:?}, expected {v}");
            }
        }
    }
    eprintln!("strength verdicts as expected: {right}/{total}");
    assert!(right * 5 >= total * 4, "{right}/{total}");
    // Events the expectations list under several reports are one event each.
    let events = of_type(&records, "event");
    let docs = of_type(&records, "document");
    let doc_of = |file: &str| -> Vec<String> {
        docs.iter()
            .filter(|d| d["path"].as_str().unwrap().contains(file))
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect()
    };
    let mut merged = 0;
    let mut several = 0;
    for e in exp["events"].as_array().unwrap() {
        let files: BTreeSet<&str> =
            e["reports"].as_array().unwrap().iter().map(|r| r["file"].as_str().unwrap()).collect();
        if files.len() < 2 {
            continue;
        }
        several += 1;
        let ids: Vec<Vec<String>> = files.iter().map(|f| doc_of(f)).collect();
        let one = events.iter().any(|ev| {
            let d: Vec<&str> =
                ev["docs"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
            ids.iter().all(|alts| alts.iter().any(|a| d.contains(&a.as_str())))
        });
        if one {
            merged += 1;
        } else {
            eprintln!("  not merged: {}", e["name"]);
        }
    }
    eprintln!("multi-report events merged: {merged}/{several}");
    assert!(merged * 5 >= several * 4, "{merged}/{several}");
}

#[test]
fn removing_a_document_changes_every_verdict_that_depended_on_it() {
    let (_dir, db) = example_db();
    let before = export(&db);
    let target = file("05_");
    let doc = of_type(&before, "document")
        .into_iter()
        .find(|d| d["path"].as_str().unwrap().contains("05_"))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let fb = findings(&before);
    let dependent: Vec<&(String, String)> = fb
        .iter()
        .filter(|(_, (_, claims))| claims.iter().any(|c| c.starts_with(&doc)))
        .map(|(k, _)| k)
        .collect();
    assert!(!dependent.is_empty());
    let out = run(bin().args(["remove", &doc[..10], "--db"]).arg(&db));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let after = export(&db);
    assert!(
        !after.iter().any(|r| serde_json::to_string(r).unwrap().contains(&doc)),
        "nothing refers to {doc}"
    );
    let fa = findings(&after);
    for k in &dependent {
        match fa.get(*k) {
            None => {}
            Some((verdict, claims)) => {
                assert!(claims != &fb[*k].1, "{k:?} was recomputed");
                let _ = verdict;
            }
        }
    }
    // The decisive one: al-Shabaab's strength conflict had two sources; now one.
    let shabaab = fb.keys().find(|(s, p)| s.contains("shabaab") && p == "strength").unwrap();
    assert_eq!(fb[shabaab].0, "conflict");
    assert_eq!(fa[shabaab].0, "single_source");
    // Findings that did not depend on it are untouched.
    for (k, v) in &fb {
        if !dependent.contains(&k) {
            assert_eq!(fa.get(k), Some(v), "{k:?}");
        }
    }
    // Ingesting it again restores the same reconciliation (idempotent).
    ingest(&db, &[target]);
    ingest(&db, &example_files());
    let again = export(&db);
    assert_eq!(findings(&again), fb);
    assert_eq!(of_type(&again, "event").len(), of_type(&before, "event").len());
}

#[test]
fn manual_merges_and_splits_survive_reingest() {
    let (_dir, db) = example_db();
    let out = run(bin().args(["merge", "Boko Haram", "ISWAP", "--db"]).arg(&db));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(bin().args(["split", "al-Shabaab", "the Shabab", "--db"]).arg(&db));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let check = |db: &Path| {
        let p = json(&["profile", "Boko Haram", "--format", "json"], db);
        let names: Vec<&str> =
            p["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
        assert!(names.iter().any(|n| n.contains("ISWAP")), "{names:?}");
        assert!(
            p["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e.as_str().unwrap().contains("by hand")),
            "{p}"
        );
        let a = json(&["profile", "al-Shabaab", "--format", "json"], db);
        let b = json(&["profile", "the Shabab", "--format", "json"], db);
        assert_ne!(a["id"], b["id"], "the split holds");
    };
    check(&db);
    let doc = of_type(&export(&db), "document")
        .into_iter()
        .find(|d| d["path"].as_str().unwrap().contains("07_"))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(run(bin().args(["remove", &doc, "--db"]).arg(&db)).status.success());
    ingest(&db, &example_files());
    check(&db);
    // A merge of unknown names is refused before anything is stored.
    let out = run(bin().args(["merge", "No Such Group", "ISWAP", "--db"]).arg(&db));
    assert_eq!(out.status.code(), Some(2));
    // So is a split on a name the entity is never called, with the names it has.
    let before = run(bin().args(["export", "--db"]).arg(&db)).stdout;
    let out = run(bin().args(["split", "ISIS-K", "Boko Haram", "--db"]).arg(&db));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("never called") && err.contains("ISKP"), "{err}");
    let after = run(bin().args(["export", "--db"]).arg(&db)).stdout;
    assert!(before == after, "nothing was stored");
}

#[test]
fn a_split_takes_only_the_split_name_and_leaves_no_shared_alias() {
    let (_dir, db) = example_db();
    let out = run(bin().args(["split", "ISIS-K", "Wilayat Khurasan", "--db"]).arg(&db));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let kept = json(&["profile", "ISIS-K", "--format", "json"], &db);
    let off = json(&["profile", "Wilayat Khurasan", "--format", "json"], &db);
    assert_ne!(kept["id"], off["id"]);
    let names = |p: &serde_json::Value| -> Vec<String> {
        let mut v = vec![p["name"].as_str().unwrap().to_string()];
        v.extend(p["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()));
        v
    };
    let (k, o) = (names(&kept), names(&off));
    assert!(!o.iter().any(|n| n == "ISIS-K" || n == "ISKP"), "split side took other names: {o:?}");
    assert!(k.iter().any(|n| n == "ISKP") && !k.iter().any(|n| n == "Wilayat Khurasan"), "{k:?}");
    // The claims stay with the entity the reports are about.
    let claims = |p: &serde_json::Value| p["findings"].as_array().map_or(0, Vec::len);
    assert!(claims(&kept) > 0 && claims(&off) == 0, "{} vs {}", claims(&kept), claims(&off));
}

#[test]
fn timeline_sources_and_report() {
    let (dir, db) = example_db();
    let t = json(&["timeline", "ISIS-K", "--format", "json"], &db);
    let rows = t["rows"].as_array().unwrap();
    let starts: Vec<&str> = rows.iter().filter_map(|r| r["start"].as_str()).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    assert!(rows.iter().any(|r| r["type"] == "event" && r["start"] == "2021-08-26"), "{t}");
    assert!(rows.iter().any(|r| r["label"] == "founded" && r["granularity"] == "month"), "{t}");
    let md = stdout(&["timeline", "ISIS-K", "--format", "markdown"], &db);
    assert!(md.contains("| start | end | granularity |"));

    let s = json(&["sources", "ISIS-K", "--format", "json"], &db);
    let outlets: Vec<&str> =
        s["outlets"].as_array().unwrap().iter().map(|o| o["outlet"].as_str().unwrap()).collect();
    assert!(outlets.iter().any(|o| o.starts_with("Kabul Ledger")), "{outlets:?}");
    assert!(outlets.iter().any(|o| o.starts_with("Global Security Brief")), "{outlets:?}");

    let html_path = dir.path().join("r.html");
    let out = run(bin().args(["report", "ISIS-K", "-o"]).arg(&html_path).arg("--db").arg(&db));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<svg") && html.contains("</html>")
    );
    assert!(
        !html.contains("<script") && !html.contains("<link") && !html.contains(" src="),
        "self-contained"
    );
    assert!(html.contains("Where sources disagree") && html.contains("<blockquote>"));
    // Article text is escaped: an apostrophe from the reports appears only escaped.
    assert!(html.contains("&#39;") && !html.contains("group's"));
}

#[test]
fn exports_write_every_format() {
    let (dir, db) = example_db();
    let records = export(&db);
    let out_dir = dir.path().join("csv");
    let out =
        run(bin().args(["export", "--format", "csv", "-o"]).arg(&out_dir).arg("--db").arg(&db));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let claims = std::fs::read_to_string(out_dir.join("claims.csv")).unwrap();
    assert!(claims.starts_with("id,doc,outlet,published,subject,"));
    let events = std::fs::read_to_string(out_dir.join("events.csv")).unwrap();
    assert!(events.starts_with("id,kind,date_start,"));
    // Rows: one per claim and per event (quoted newlines aside, ids start rows).
    let ids = |csv: &str| csv.lines().skip(1).filter(|l| l.contains(':')).count();
    assert!(ids(&claims) >= of_type(&records, "claim").len());
    assert_eq!(
        events.lines().skip(1).filter(|l| l.starts_with("event:")).count(),
        of_type(&records, "event").len()
    );
    let out = run(bin().args(["export", "--format", "csv", "--db"]).arg(&db));
    assert_eq!(out.status.code(), Some(2), "csv needs -o DIR");

    let acled = stdout(&["export", "--format", "acled"], &db);
    assert!(acled.starts_with(
        "event_date,year,time_precision,event_type,sub_event_type,actor1,actor2,country,admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities"
    ));
    assert!(acled.contains("Suicide bomb"));

    let ftm = stdout(&["export", "--format", "ftm"], &db);
    let lines: Vec<Value> = ftm.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines
        .iter()
        .all(|l| l["id"].is_string() && l["schema"].is_string() && l["properties"].is_object()));
    for schema in ["Organization", "Person", "Address", "Event", "Membership"] {
        assert!(lines.iter().any(|l| l["schema"] == schema), "{schema}");
    }

    let g = stdout(&["export", "--format", "graphml"], &db);
    assert!(g.starts_with("<?xml") && g.contains("<graphml") && g.contains("<edge "));
}

#[test]
fn seed_conflicts_and_founding_dates() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared not present");
        return;
    };
    let seed = |prefix: &str| {
        std::fs::read_dir(shared.join("seeds"))
            .ok()?
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
    };
    let (Some(a), Some(b)) = (seed("000_"), seed("002_")) else {
        eprintln!("skipped: ../shared/seeds not present");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    for (f, d) in [(&a, "2021-08-30"), (&b, "2021-08-28")] {
        let out = run(bin().arg("ingest").arg(f).args(["--date", d, "--quiet", "--db"]).arg(&db));
        assert!(out.status.success());
    }
    let check = |db: &Path| {
        let v = json(&["conflicts", "--format", "json"], db);
        let f = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| {
                f["predicate"] == "strength" && f["subject"] == "group:islamic-state-khorasan"
            })
            .expect("the ISIS-K strength conflict")
            .clone();
        let quotes: Vec<&str> = f["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p.as_array().unwrap().iter().map(|s| s["quote"].as_str().unwrap()))
            .collect();
        assert!(quotes.iter().any(|q| q.contains("UN report")), "{quotes:?}");
        assert!(quotes.iter().any(|q| q.contains("about 1,000")), "{quotes:?}");
        let text = stdout(&["conflicts", "ISIS-K"], db);
        assert!(text.contains("founding date") && text.contains("COMPATIBLE"), "{text}");
        let records = export(db);
        let seeds: Vec<Value> = of_type(&records, "document")
            .into_iter()
            .filter(|d| {
                let p = d["path"].as_str().unwrap_or("");
                p.contains("000_") || p.contains("002_")
            })
            .map(|d| d["id"].clone())
            .collect();
        assert_eq!(seeds.len(), 2);
        let kabul: Vec<&Value> = of_type(&records, "event")
            .into_iter()
            .filter(|e| seeds.iter().all(|s| e["docs"].as_array().unwrap().contains(s)))
            .collect();
        assert_eq!(kabul.len(), 1, "the Kabul airport attack is one event with both reports");
    };
    check(&db);
    // Then the example corpus, and both together.
    ingest(&db, &example_files());
    check(&db);
}

#[test]
fn demo_lists_the_other_groups_not_the_one_it_profiled() {
    let out = run(bin().args(["demo", "al-Shabaab"]));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let profiled = text.lines().next().unwrap().split(" (").next().unwrap().to_string();
    let others = text
        .lines()
        .find_map(|l| l.strip_prefix("Other groups in the corpus: "))
        .expect("the demo lists other groups");
    assert!(!others.is_empty());
    assert!(
        !others.split(", ").any(|g| g == profiled),
        "{profiled} is listed among the others: {others}"
    );
}

/// Issue 14: `dossier profile` summarizes a group's leaders in order of
/// tenure where the texts date it, as the web page lists them.
#[test]
fn profile_leader_summary_follows_tenure() {
    let (_dir, db) = example_db();
    let p = json(&["profile", "ISIS-K", "--format", "json"], &db);
    let f = p["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["predicate"] == "leader")
        .expect("a leader finding");
    let summary = f["summary"].as_str().unwrap();
    let order = ["Hafiz Saeed Khan", "Abdul Hasib Logari", "Aslam Farooqi", "Sanaullah Ghafari"];
    let at: Vec<usize> = order.iter().filter_map(|n| summary.find(n)).collect();
    assert!(at.len() >= 3, "most leaders named: {summary}");
    assert!(at.windows(2).all(|w| w[0] < w[1]), "in order of tenure: {summary}");
}

/// Issue 14: `dossier undo N` takes back a merge; the decision stays
/// recorded and the entities are apart again.
#[test]
fn a_merge_is_undone_from_the_command_line() {
    let (_dir, db) = example_db();
    let groups = |db: &Path| json(&["entities", "--kind", "group", "--format", "json"], db);
    let before = groups(&db).as_array().unwrap().len();
    let out = run(bin().args(["merge", "Boko Haram", "ISWAP", "--db"]).arg(&db));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(groups(&db).as_array().unwrap().len(), before - 1);
    let out = run(bin().args(["undo", "1", "--who", "Bo", "--db"]).arg(&db));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("undid decision 1"));
    assert_eq!(groups(&db).as_array().unwrap().len(), before, "apart again");
    let again = run(bin().args(["undo", "1", "--db"]).arg(&db));
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("undone already"));
    let none = run(bin().args(["undo", "7", "--db"]).arg(&db));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no decision 7"));
}
