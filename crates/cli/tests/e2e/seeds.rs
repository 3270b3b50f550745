//! The seed case from `../shared/seeds` (skipped when `../shared` is absent;
//! `examples.rs` covers the same behaviours on the project's own corpus).

use serde_json::Value;

use crate::util::*;

fn seed(prefix: &str) -> Option<std::path::PathBuf> {
    let dir = shared()?.join("seeds");
    std::fs::read_dir(dir)
        .ok()?
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
}

fn q(v: &Value) -> (Option<f64>, Option<f64>) {
    (v["low"].as_f64(), v["high"].as_f64())
}

#[test]
fn seed_articles_make_one_sourced_profile() {
    let (Some(a), Some(b)) = (seed("000_"), seed("002_")) else {
        eprintln!("skipped: ../shared/seeds not present");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    assert!(run(bin()
        .arg("ingest")
        .arg(&a)
        .args(["--date", "2021-08-30", "--quiet", "--db"])
        .arg(&db))
    .status
    .success());
    assert!(run(bin()
        .arg("ingest")
        .arg(&b)
        .args(["--date", "2021-08-28", "--quiet", "--db"])
        .arg(&db))
    .status
    .success());
    let records = jsonl(&run(bin().args(["export", "--format", "jsonl", "--db"]).arg(&db)));

    // One entity carries the aliases of both reports.
    let ents = of_type(&records, "entity");
    let isk: Vec<&&Value> = ents
        .iter()
        .filter(|e| {
            let names: Vec<&str> = e["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap())
                .chain([e["name"].as_str().unwrap()])
                .collect();
            names.contains(&"ISIS-K")
        })
        .collect();
    assert_eq!(isk.len(), 1, "one entity for ISIS-K");
    let isk = isk[0];
    let names: Vec<&str> =
        isk["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    for alias in ["ISIS-K", "Islamic State – Khorasan", "ISIS-Khorasan"] {
        assert!(names.contains(&alias), "alias {alias} missing from {names:?}");
    }
    let id = isk["id"].as_str().unwrap();
    let claims: Vec<&Value> =
        of_type(&records, "claim").into_iter().filter(|c| c["subject"] == id).collect();
    let with = |p: &str| claims.iter().filter(move |c| c["predicate"] == p).collect::<Vec<_>>();

    // Strength: about 1,000 (currently), over 3,000 (at one point), 1,500 to 2,000 (a UN report).
    let strength = with("strength");
    let values: Vec<(Option<f64>, Option<f64>)> =
        strength.iter().map(|c| q(&c["value"]["quantity"])).collect();
    assert!(values.contains(&(Some(900.0), Some(1100.0))), "{values:?}");
    assert!(values.contains(&(Some(3000.0), None)), "{values:?}");
    assert!(values.contains(&(Some(1500.0), Some(2000.0))), "{values:?}");
    let un = strength
        .iter()
        .find(|c| q(&c["value"]["quantity"]) == (Some(1500.0), Some(2000.0)))
        .unwrap();
    assert!(un["source"].as_str().unwrap().contains("UN report"), "{un}");
    let peak =
        strength.iter().find(|c| q(&c["value"]["quantity"]) == (Some(3000.0), None)).unwrap();
    assert_eq!(peak["when"]["text"], "at one point");
    let findings = of_type(&records, "finding");
    let f = findings
        .iter()
        .find(|f| f["subject"] == id && f["predicate"] == "strength")
        .expect("a strength finding");
    assert_eq!(f["verdict"], "conflict", "{f}");

    // Founding dates and leaders.
    let founded: Vec<String> = with("founded")
        .iter()
        .chain(with("first_active").iter())
        .map(|c| c["value"]["time"]["text"].as_str().unwrap().to_string())
        .collect();
    assert!(founded.iter().any(|t| t.contains("January 2015")), "{founded:?}");
    assert!(founded.iter().any(|t| t.contains("late 2014")), "{founded:?}");
    let fnd = findings
        .iter()
        .find(|f| f["subject"] == id && f["predicate"] == "founded")
        .expect("a founding finding");
    assert_eq!(fnd["verdict"], "compatible", "{fnd}");
    let leaders: Vec<&str> =
        with("leader").iter().map(|c| c["value"]["name"].as_str().unwrap()).collect();
    assert!(
        leaders.contains(&"Hafiz Saeed Khan") && leaders.contains(&"Shehab al-Muhajir"),
        "{leaders:?}"
    );

    // The Kabul airport attack: one event with both reports' figures.
    let events = of_type(&records, "event");
    let kabul: Vec<&&Value> = events
        .iter()
        .filter(|e| e["place"]["name"].as_str().is_some_and(|n| n.contains("Kabul")))
        .collect();
    assert_eq!(kabul.len(), 1, "one Kabul airport event: {kabul:?}");
    let ev = kabul[0];
    assert_eq!(ev["docs"].as_array().unwrap().len(), 2);
    assert!(ev["perpetrators"].as_array().unwrap().iter().any(|p| p == id));
    assert_eq!(ev["when"]["start"], "2021-08-26");
    let reports = ev["reports"].as_array().unwrap();
    assert!(reports.iter().any(|r| q(&r["killed"]) == (Some(88.0), Some(88.0))), "{reports:?}");
    assert!(
        reports.iter().any(|r| q(&r["killed_or_wounded"]) == (Some(150.0), None)),
        "{reports:?}"
    );
    assert_eq!(ev["casualties_compatible"], true);

    // Every claim can be traced to its quote.
    let out = run(bin().args(["profile", "ISIS-K", "--db"]).arg(&db));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Where sources disagree".to_uppercase().as_str())
            || text.contains("Where sources disagree")
    );
    assert!(
        text.contains("about 1,000 strong") || text.contains("number about 1,000"),
        "the profile quotes its evidence"
    );
}
