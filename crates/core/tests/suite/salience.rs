//! Which group a text is about, and which catalog group a shared name means
//! there (issue 11, section 2: subjects by salience; names need context).

use dossier_core::{annotate, Annotated, Document, Predicate};

fn run(title: Option<&str>, text: &str) -> Annotated {
    annotate(Document {
        id: "salience".into(),
        title: title.map(str::to_string),
        published: "2024-09-03".parse().ok(),
        text: text.into(),
        ..Document::default()
    })
}

fn catalog_ids(a: &Annotated) -> Vec<String> {
    a.entities.iter().filter_map(|e| e.catalog_id.clone()).collect()
}

#[test]
fn the_headline_group_is_what_the_report_is_about() {
    // The other group is named more often, but the headline names this one:
    // "the militant group" is the headline's.
    let text = "KABUL — The Lion Front claimed responsibility for a bombing in Kabul on Monday, \
        which killed six people, including Taliban members. The Taliban said the dead were \
        civilians. The Taliban deployed more guards after the attack, and Taliban officials \
        promised an inquiry. Despite the Taliban's claims that they had crushed the Lion Front, \
        the militant group has claimed responsibility for several attacks on foreigners.";
    let a = run(Some("Lion Front claims responsibility for Kabul bombing"), text);
    let claimed: Vec<&str> = a
        .claims
        .iter()
        .filter(|c| c.predicate == Predicate::ClaimedResponsibility)
        .map(|c| a.entities[c.subject].name.as_str())
        .collect();
    assert!(!claimed.is_empty(), "{:?}", a.claims);
    assert!(claimed.iter().all(|&s| s == "Lion Front"), "{claimed:?}");
}

#[test]
fn a_name_two_catalog_groups_share_is_the_one_of_the_countries_named() {
    let a = run(
        None,
        "About 200 fighters of Ahl al-Sunnah wal Jamaah (ASWJ) attacked the northern \
         Mozambican town of Palma, killing dozens of people.",
    );
    let ids = catalog_ids(&a);
    assert!(ids.iter().any(|i| i.ends_with("islamic-state-mozambique")), "{ids:?}");
    assert!(!ids.iter().any(|i| i.ends_with("sipah-e-sahaba-pakistan")), "{ids:?}");
    let a = run(
        None,
        "ASWJ militants attacked a Shia procession in Karachi, Pakistan, killing two people.",
    );
    let ids = catalog_ids(&a);
    assert!(ids.iter().any(|i| i.ends_with("sipah-e-sahaba-pakistan")), "{ids:?}");
    // No country of either: the name stays, with no catalog group.
    let a = run(
        None,
        "ASWJ workers clashed with police on the avenue, forcing police to use tear gas.",
    );
    let ids = catalog_ids(&a);
    assert!(
        !ids.iter()
            .any(|i| i.ends_with("sipah-e-sahaba-pakistan")
                || i.ends_with("islamic-state-mozambique")),
        "{ids:?}"
    );
}
