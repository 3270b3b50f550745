//! Invariants an analyst signs off on (issue 16): people held or missing are
//! never casualties, and no merged figure is an impossible interval.

use dossier_core::{annotate, Annotated, Document, Quantity};
use proptest::prelude::*;

fn run(text: &str) -> Annotated {
    annotate(Document {
        id: "invariants".into(),
        source: Some("Test Wire".into()),
        published: "2024-05-02".parse().ok(),
        text: text.into(),
        ..Document::default()
    })
}

fn is(q: Option<Quantity>, n: f64) -> bool {
    q.is_some_and(|q| q.low == Some(n) || q.high == Some(n))
}

/// Sentences that hold, take or miss `n` people, with `m` others killed in
/// some of them: `{n}` and `{m}` are filled in.
const CAPTIVE_SENTENCES: &[&str] = &[
    "Gunmen who held {n} passengers hostage aboard a train in Balochistan have been killed, officials said on Wednesday.",
    "Militants abducted {n} villagers in Borno on Monday and {m} guards were killed.",
    "Gunmen kidnapped {n} students from a school in Kaduna on Tuesday, killing {m} teachers.",
    "Police said {n} people are missing after gunmen attacked a bus in Zamfara on Sunday.",
    "The {n} hostages were freed on Friday after soldiers killed the kidnappers in Sulu.",
    "Insurgents took {n} workers hostage at a mine in Cabo Delgado on Saturday, and {m} soldiers were wounded in the rescue.",
    "At least {n} people were abducted when gunmen stormed a church in Kaduna on Sunday.",
    "Armed men seized {n} fishermen off the coast of Sulu on Monday; {m} of their boats were burned.",
    "Pirates held {n} sailors captive for a week before navy commandos killed the pirates near Socotra.",
    "Some {n} civilians remain missing after the attack on the market in Maiduguri on Thursday, in which {m} people were killed.",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// "N hostages / abducted / kidnapped / missing / held hostage" never
    /// yields N killed or wounded.
    #[test]
    fn people_held_or_missing_are_never_casualties(
        n in 2u32..400,
        m in 2u32..40,
        pick in 0..CAPTIVE_SENTENCES.len(),
    ) {
        prop_assume!(n != m);
        let text = CAPTIVE_SENTENCES[pick].replace("{n}", &n.to_string()).replace("{m}", &m.to_string());
        let a = run(&text);
        let n = n as f64;
        for ev in &a.events {
            for (what, q) in [("killed", ev.killed), ("wounded", ev.wounded), ("killed or wounded", ev.killed_or_wounded)] {
                prop_assert!(!is(q, n), "{text}: {n} read as {what}: {ev:?}");
            }
            for v in &ev.victims {
                prop_assert!(v.count.low != Some(n), "{text}: {n} is a victim count: {v:?}");
            }
        }
    }
}

#[test]
fn the_killed_next_to_hostages_are_still_counted() {
    let a = run("Gunmen killed 5 hostages at a hotel in Mogadishu on Sunday.");
    assert!(a.events.iter().any(|e| is(e.killed, 5.0)), "{:?}", a.events);
    let a = run("Militants abducted 14 villagers in Borno on Monday and 3 guards were killed.");
    assert!(a.events.iter().any(|e| is(e.killed, 3.0)), "{:?}", a.events);
}
