//! `dossier eval events` on the project's own ACLED-layout fixtures.

use crate::util::bin as dossier;

fn share(out: &str, label: &str) -> f64 {
    let line = out.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("{out}"));
    let pct = line.split('%').next().unwrap().split_whitespace().last().unwrap();
    pct.parse::<f64>().unwrap() / 100.0
}

#[test]
fn acled_layout_rows_are_scored() {
    for file in ["acled_style.csv", "heldout.csv", "heldout2.csv"] {
        let path = format!("{}/../core/testdata/events/{file}", env!("CARGO_MANIFEST_DIR"));
        let out = dossier().args(["eval", "events", &path]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("rows"), "{text}");
        assert!(share(&text, "killed total = fatalities") >= 0.9, "{file}: {text}");
        // heldout2.csv keeps two rows whose event_date differs from the date the
        // note itself gives, as ACLED rows sometimes do.
        assert!(share(&text, "event date = event_date") >= 0.85, "{file}: {text}");
        assert!(share(&text, "perpetrator/target matches actor1/actor2") >= 0.8, "{file}: {text}");
    }
}

#[test]
fn a_file_without_the_columns_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(&path, "a,b\n1,2\n").unwrap();
    let out = dossier().args(["eval", "events", path.to_str().unwrap()]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv") && err.contains("event_date"), "{err}");
}

/// ACLED's own exports: upper-case columns, "01-January-2015" dates, and
/// notes whose deaths are split across rows, which are skipped and counted.
/// The notes are written for this test.
#[test]
fn upper_case_columns_long_dates_and_split_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acled_upper.csv");
    std::fs::write(
        &path,
        "EVENT_DATE,EVENT_TYPE,ACTOR1,ACTOR2,ADMIN1,NOTES,FATALITIES\n\
         03-March-2015,Violence against civilians,Unidentified Armed Group (India),Civilians (India),\
         Bihar,\"A trader was shot dead by unidentified gunmen in the market on Tuesday.\",1\n\
         04-March-2015,Riots/Protests,Protesters (India),,Bihar,\"Traders protested in the town \
         on Wednesday against the killing of a shopkeeper.\",0\n\
         05-March-2015,Battles,Military Forces of India,Rebels (India),Bihar,\"Six rebels were \
         killed in clashes with troops over three days. Fatalities split across three events.\",2\n",
    )
    .unwrap();
    let out = dossier().args(["eval", "events", path.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Event evaluation: 2 rows"), "{text}");
    assert!(text.contains("skipped (fatalities split across events): 1"), "{text}");
    assert_eq!(share(&text, "killed total = fatalities"), 1.0, "{text}");
    assert_eq!(share(&text, "killed exact on notes that report deaths"), 1.0, "{text}");
    assert_eq!(share(&text, "event date = event_date"), 1.0, "{text}");
    assert_eq!(share(&text, "event type = event_type"), 1.0, "{text}");
}
