//! Precision cases, read from `testdata/precision.tsv`: sentences from which
//! nothing of a given kind may be extracted. Each line is `kind<TAB>text`,
//! where the kind says what must not come out:
//!
//! - `event`: no event;
//! - `killed`: no event with a killed figure (killed, attackers killed, or
//!   killed or wounded);
//! - `group`: no entity of kind group;
//! - `claim`: no claim;
//! - `organization`: no entity of kind organization (a person's name read
//!   as a town's organization);
//! - `any`: none of these.
//!
//! Every case runs with the same publication date, so that relative dates
//! ("on Monday") resolve and an event may be specific.

use dossier_core::{annotate, Annotated, Document, EntityKind};

const CASES: &str = include_str!("../../testdata/precision.tsv");

fn what_came_out(kind: &str, a: &Annotated) -> Vec<String> {
    let events = || a.events.iter().map(|e| format!("event {e:?}"));
    let killed = || {
        a.events
            .iter()
            .filter(|e| {
                e.killed.is_some()
                    || e.perpetrators_killed.is_some()
                    || e.killed_or_wounded.is_some()
            })
            .map(|e| format!("killed {:?} in {e:?}", e.killed))
    };
    let groups = || {
        a.entities
            .iter()
            .filter(|e| e.kind == EntityKind::Group)
            .map(|e| format!("group {:?}", e.name))
    };
    let claims = || a.claims.iter().map(|c| format!("claim {c:?}"));
    let organizations = || {
        a.entities
            .iter()
            .filter(|e| e.kind == EntityKind::Organization)
            .map(|e| format!("organization {:?}", e.name))
    };
    match kind {
        "event" => events().collect(),
        "killed" => killed().collect(),
        "group" => groups().collect(),
        "claim" => claims().collect(),
        "organization" => organizations().collect(),
        "any" => events().chain(groups()).chain(claims()).collect(),
        "actor" => a
            .events
            .iter()
            .filter_map(|e| e.actor.as_ref())
            .map(|x| format!("actor {:?} ({})", x.text, x.class.as_str()))
            .collect(),
        other => panic!("unknown precision kind {other:?}"),
    }
}

#[test]
fn precision_cases_extract_nothing_of_their_kind() {
    let mut failures = Vec::new();
    let mut n = 0;
    for (line, l) in CASES.lines().enumerate() {
        if l.starts_with('#') || l.trim().is_empty() {
            continue;
        }
        let (kind, text) =
            l.split_once('\t').unwrap_or_else(|| panic!("line {}: no tab", line + 1));
        n += 1;
        let a = annotate(Document {
            id: "precision".into(),
            published: "2015-06-10".parse().ok(),
            text: text.into(),
            ..Document::default()
        });
        let got = what_came_out(kind, &a);
        if !got.is_empty() {
            failures.push(format!(
                "line {} ({kind}): {text}\n    {}",
                line + 1,
                got.join("\n    ")
            ));
        }
    }
    assert!(n >= 150, "only {n} precision cases");
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
