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

// ---------------------------------------------------------------------------
// Merged figures: the hull of the reports' intervals, or a conflict that
// keeps each report's figure; never a low above its high.

use chrono::NaiveDate;
use dossier_core::{
    reconcile, Claim, EntityKind, Event, EventKind, Granularity, LocalEntity, Modality, Predicate,
    Span, TimeInterval, Value, Verdict, When,
};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn local(kind: EntityKind, name: &str) -> LocalEntity {
    LocalEntity {
        kind,
        name: name.into(),
        aliases: Vec::new(),
        catalog_id: None,
        evidence: Vec::new(),
    }
}

/// A document of `outlet` published `day` days after 2023-03-01, about the
/// Lion Front (entity 0) in Kunar (entity 1).
fn report(n: usize, outlet: &str, day: i64) -> Annotated {
    let published = date("2023-03-01") + chrono::Duration::days(day);
    Annotated {
        doc: Document {
            id: format!("{n:04}{}", "0".repeat(12)),
            source: Some(outlet.into()),
            published: Some(published),
            text: "The Lion Front attacked a post in Kunar. ".repeat(4),
            ..Document::default()
        },
        entities: vec![local(EntityKind::Group, "Lion Front"), local(EntityKind::Place, "Kunar")],
        ..Annotated::default()
    }
}

fn interval() -> impl Strategy<Value = Option<Quantity>> {
    prop_oneof![
        Just(None),
        (0u32..300, proptest::option::of(0u32..300), any::<bool>()).prop_map(
            |(a, b, approximate)| {
                let (low, high) = match b {
                    Some(b) => (a.min(b) as f64, Some(a.max(b) as f64)),
                    None => (a as f64, None),
                };
                Some(Quantity { low: Some(low), high, approximate })
            }
        ),
    ]
}

fn valid(q: Option<Quantity>) -> bool {
    q.is_none_or(|q| match (q.low, q.high) {
        (Some(l), Some(h)) => l <= h,
        _ => true,
    })
}

/// The hull of some figures: (lowest low, highest high), open ends as None.
fn hull(qs: &[Quantity]) -> (Option<f64>, Option<f64>) {
    let low = qs.iter().map(|q| q.low).try_fold(f64::INFINITY, |m, l| l.map(|l| m.min(l)));
    let high = qs.iter().map(|q| q.high).try_fold(f64::NEG_INFINITY, |m, h| h.map(|h| m.max(h)));
    (low, high)
}

fn inside(q: Quantity, (low, high): (Option<f64>, Option<f64>)) -> bool {
    let lo_ok = low.is_none_or(|l| q.low.is_some_and(|x| x >= l));
    let hi_ok = high.is_none_or(|h| q.high.is_some_and(|x| x <= h));
    lo_ok && hi_ok
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Reports of one attack, with any casualty figures: every merged figure
    /// is a proper interval inside the hull of the reports' figures; when the
    /// reports cannot all be true the event says so, the figure is that hull,
    /// and every report keeps its own figure.
    #[test]
    fn merged_casualty_figures_are_the_hull_or_a_conflict(
        figures in proptest::collection::vec((interval(), interval(), interval(), 0i64..3), 2..6),
    ) {
        let docs: Vec<Annotated> = figures
            .iter()
            .enumerate()
            .map(|(n, (killed, wounded, kw, day))| {
                let mut a = report(n, &format!("Outlet {n}"), *day);
                a.events.push(Event {
                    kind: EventKind::Attack,
                    when: Some(When {
                        interval: Some(TimeInterval {
                            start: Some(date("2023-03-01")),
                            end: Some(date("2023-03-01")),
                            granularity: Granularity::Day,
                            value: None,
                        }),
                        text: "on Wednesday".into(),
                    }),
                    place: Some(1),
                    perpetrators: vec![0],
                    claimed: false,
                    killed: *killed,
                    wounded: *wounded,
                    killed_or_wounded: *kw,
                    perpetrators_killed: None,
                    actor: None,
                    denied_by: Vec::new(),
                    victims: Vec::new(),
                    spans: vec![Span::new(0, 40)],
                });
                a
            })
            .collect();
        let rec = reconcile(&docs);
        prop_assert_eq!(rec.events.len(), 1, "one attack");
        let ev = &rec.events[0];
        prop_assert_eq!(ev.reports.len(), docs.len(), "every report is kept");
        for (what, merged, pick) in [
            ("killed", ev.killed, 0usize),
            ("wounded", ev.wounded, 1),
            ("killed or wounded", ev.killed_or_wounded, 2),
        ] {
            prop_assert!(valid(merged), "{what}: {merged:?} from {figures:?}");
            let given: Vec<Quantity> = figures
                .iter()
                .filter_map(|f| [f.0, f.1, f.2][pick])
                .collect();
            if pick < 2 {
                prop_assert_eq!(merged.is_some(), !given.is_empty(), "{}", what);
                if let Some(m) = merged {
                    prop_assert!(inside(m, hull(&given)), "{what}: {m:?} outside the hull of {given:?}");
                    // Disjoint figures: a conflict showing the hull.
                    let max_low = given.iter().filter_map(|q| q.low).fold(f64::NEG_INFINITY, f64::max);
                    let min_high = given.iter().filter_map(|q| q.high).fold(f64::INFINITY, f64::min);
                    let same_day = figures.iter().all(|f| f.3 == figures[0].3);
                    let approximate = given.iter().any(|q| q.approximate);
                    if same_day && max_low > min_high * 1.1 {
                        prop_assert!(!ev.casualties_compatible, "{what}: {given:?} cannot all be true");
                        let h = hull(&given);
                        prop_assert_eq!((m.low, m.high), h, "{}: a conflict shows the hull", what);
                    } else if same_day && max_low <= min_high && !approximate {
                        // Overlapping figures: the interval they all allow.
                        prop_assert_eq!(m.low, Some(max_low));
                        prop_assert_eq!(m.high, (min_high < f64::INFINITY).then_some(min_high));
                    }
                }
            }
            // Each report's own figure stays as written.
            for (k, &(d, e)) in ev.reports.iter().enumerate() {
                let _ = k;
                let own = [docs[d].events[e].killed, docs[d].events[e].wounded, docs[d].events[e].killed_or_wounded][pick];
                prop_assert_eq!(own, [figures[d].0, figures[d].1, figures[d].2][pick]);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Claim groups: every pair of sources forms a finding; verdicts hold their
// intervals; each summary names both sides.

fn figure(
    predicate: Predicate,
    low: u32,
    high: Option<u32>,
    when: Option<(i32, bool)>,
    source: Option<&str>,
) -> Claim {
    Claim {
        subject: 0,
        predicate,
        value: Value::Quantity {
            quantity: Quantity {
                low: Some(low as f64),
                high: high.map(|h| (low.max(h)) as f64),
                approximate: false,
            },
            unit: Some("fighters".into()),
        },
        when: when.map(|(year, vague)| {
            if vague {
                When { interval: None, text: "at one point".into() }
            } else {
                When {
                    interval: Some(TimeInterval {
                        start: NaiveDate::from_ymd_opt(year, 1, 1),
                        end: NaiveDate::from_ymd_opt(year, 12, 31),
                        granularity: Granularity::Year,
                        value: None,
                    }),
                    text: format!("in {year}"),
                }
            }
        }),
        source: source.map(str::to_string),
        modality: Modality::Reported,
        status: None,
        span: Span::new(0, 40),
    }
}

fn quantity_of(c: &Claim) -> Quantity {
    match &c.value {
        Value::Quantity { quantity, .. } => *quantity,
        _ => unreachable!(),
    }
}

fn disjoint(a: Quantity, b: Quantity) -> bool {
    let (al, ah) = (a.low.unwrap_or(f64::NEG_INFINITY), a.high.unwrap_or(f64::INFINITY));
    let (bl, bh) = (b.low.unwrap_or(f64::NEG_INFINITY), b.high.unwrap_or(f64::INFINITY));
    al > bh || bl > ah
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Strength (or attack count) claims of two or more outlets about one group: one finding
    /// with every claim; a consensus is a proper interval that every claim
    /// allows; a conflict's and a change's pairs are disjoint figures, a
    /// change's at two different dated times; the summary names the pair.
    #[test]
    fn claims_of_two_sources_form_one_finding_with_sound_verdicts(
        predicate in prop_oneof![Just(Predicate::Strength), Just(Predicate::AttackCount)],
        claims in proptest::collection::vec(
            (0u32..5000, proptest::option::of(0u32..5000), proptest::option::of((2010i32..2024, any::<bool>()))),
            2..7,
        ),
    ) {
        let docs: Vec<Annotated> = claims
            .iter()
            .enumerate()
            .map(|(n, &(low, high, when))| {
                let mut a = report(n, &format!("Outlet {n}"), 0);
                a.claims.push(figure(predicate, low, high, when, None));
                a
            })
            .collect();
        let rec = reconcile(&docs);
        let found: Vec<_> =
            rec.findings.iter().filter(|f| f.predicate == predicate).collect();
        prop_assert_eq!(found.len(), 1, "one finding for one group and predicate");
        let f = found[0];
        prop_assert_eq!(f.claims.len(), claims.len(), "every claim joins it");
        prop_assert_ne!(f.verdict, Verdict::SingleSource);
        let q = |c: usize| quantity_of(rec.claim(&docs, c));
        if let Some(c) = f.consensus {
            prop_assert!(valid(Some(c)), "{c:?}");
        }
        if f.verdict == Verdict::Agree {
            let c = f.consensus.expect("agreement has a consensus");
            for &i in &f.claims {
                prop_assert!(inside(c, (q(i).low, q(i).high)), "{c:?} outside {:?}", q(i));
            }
        }
        if matches!(f.verdict, Verdict::Conflict | Verdict::ChangedOverTime) {
            prop_assert!(!f.pairs.is_empty(), "{}", f.summary);
            for &(a, b) in &f.pairs {
                prop_assert!(disjoint(q(a), q(b)), "{}", f.summary);
            }
            let (a, b) = f.pairs[0];
            for c in [a, b] {
                let outlet = docs[rec.claims[c].doc].doc.source.clone().unwrap();
                prop_assert!(f.summary.contains(&outlet), "{} does not name {outlet}", f.summary);
            }
        }
        if f.verdict == Verdict::ChangedOverTime {
            // A claim that says no time is about its publication date.
            let dated = |c: usize| match &rec.claim(&docs, c).when {
                Some(w) => w.interval.as_ref().and_then(|i| i.start),
                None => docs[rec.claims[c].doc].doc.published,
            };
            let (a, b) = f.pairs[0];
            prop_assert!(dated(a).is_some() && dated(b).is_some() && dated(a) != dated(b), "{}", f.summary);
        }
        if f.verdict == Verdict::Conflict {
            let (a, b) = f.pairs[0];
            // Both vague, or dated (a claim without a time by its
            // publication, 2023-03-01) within half a year.
            let when = |c: usize| match &rec.claim(&docs, c).when {
                Some(w) => w.interval.as_ref().map(|i| (i.start.unwrap(), i.end.unwrap())),
                None => Some((date("2023-03-01"), date("2023-03-01"))),
            };
            let mid = |(s, e): (NaiveDate, NaiveDate)| s + (e - s) / 2;
            let same_time = match (when(a), when(b)) {
                (None, None) => true,
                (Some(x), Some(y)) => (mid(x) - mid(y)).num_days().abs() <= 183,
                _ => false,
            };
            prop_assert!(same_time, "a conflict is about one time: {}", f.summary);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Founding dates of two or more outlets: one finding with every claim,
    /// and a conflict only between disjoint years.
    #[test]
    fn founding_dates_conflict_only_when_disjoint(years in proptest::collection::vec(1990i32..2020, 2..6)) {
        let docs: Vec<Annotated> = years
            .iter()
            .enumerate()
            .map(|(n, &y)| {
                let mut a = report(n, &format!("Outlet {n}"), 0);
                a.claims.push(Claim {
                    subject: 0,
                    predicate: Predicate::Founded,
                    value: Value::Time {
                        interval: Some(TimeInterval {
                            start: NaiveDate::from_ymd_opt(y, 1, 1),
                            end: NaiveDate::from_ymd_opt(y, 12, 31),
                            granularity: Granularity::Year,
                            value: None,
                        }),
                        text: y.to_string(),
                    },
                    when: None,
                    source: None,
                    modality: Modality::Asserted,
                    status: None,
                    span: Span::new(0, 40),
                });
                a
            })
            .collect();
        let rec = reconcile(&docs);
        let f = rec.findings.iter().find(|f| f.predicate == Predicate::Founded).expect("a finding");
        prop_assert_eq!(f.claims.len(), years.len());
        let all_same = years.iter().all(|&y| y == years[0]);
        let expected = if all_same { Verdict::Agree } else { Verdict::Conflict };
        prop_assert_eq!(f.verdict, expected, "{}", f.summary);
        for &(a, b) in &f.pairs {
            prop_assert_ne!(&rec.claim(&docs, a).value, &rec.claim(&docs, b).value);
        }
    }
}

// ---------------------------------------------------------------------------
// Entity hygiene: generic words, acronyms, transliterations, person names.

use dossier_core::lexicon::LEXICON;

fn article(id: &str, outlet: &str, published: &str, text: &str) -> Annotated {
    annotate(Document {
        id: format!("{id:0<16}"),
        source: Some(outlet.into()),
        published: published.parse().ok(),
        text: text.into(),
        ..Document::default()
    })
}

/// The corpus entity that carries `name` (its name or an alias).
fn entity_named<'a>(
    rec: &'a dossier_core::Reconciled,
    name: &str,
) -> Vec<&'a dossier_core::reconcile::CorpusEntity> {
    rec.entities.iter().filter(|e| e.name == name || e.aliases.iter().any(|a| a == name)).collect()
}

#[test]
fn a_generic_word_is_never_an_alias() {
    let docs = vec![
        article(
            "gen1",
            "Manila Ledger",
            "2024-03-12",
            "Soldiers clashed with about 30 rebels of the New People's Army near Catubig on Monday. \
             The Army said two soldiers were wounded.",
        ),
        article(
            "gen2",
            "Anatolia Review",
            "2023-10-05",
            "The Kurdistan Workers' Party (PKK) claimed the bombing in Ankara on Sunday. \
             The Party has fought the Turkish state since 1984.",
        ),
    ];
    for a in &docs {
        for e in &a.entities {
            for alias in &e.aliases {
                assert!(!LEXICON.is_generic_alias(alias), "{} has alias {alias:?}", e.name);
            }
        }
    }
    let rec = reconcile(&docs);
    for e in &rec.entities {
        for alias in &e.aliases {
            assert!(!LEXICON.is_generic_alias(alias), "{} has alias {alias:?}", e.name);
        }
    }
    // The names stay whole.
    let npa = entity_named(&rec, "New People's Army");
    assert_eq!(npa.len(), 1, "{:?}", rec.entities.iter().map(|e| &e.name).collect::<Vec<_>>());
    assert_eq!(npa[0].catalog_id.as_deref(), Some("group:new-peoples-army"));
    let pkk = entity_named(&rec, "PKK");
    assert_eq!(pkk.len(), 1);
    assert_eq!(pkk[0].name, "Kurdistan Workers' Party");
    assert!(
        entity_named(&rec, "New People").is_empty() && entity_named(&rec, "Workers").is_empty()
    );
}

#[test]
fn an_acronym_a_document_defines_means_that_definition_there() {
    let forces = article(
        "afp1",
        "Manila Ledger",
        "2024-03-12",
        "The Armed Forces of the Philippines (AFP) said its soldiers clashed with rebels in Samar \
         on Monday. The AFP said two soldiers were wounded.",
    );
    let agency = article(
        "afp2",
        "Coast Bulletin",
        "2024-03-14",
        "Agence France-Presse (AFP) opened a bureau in Nairobi on Tuesday. AFP reporters will \
         cover East Africa.",
    );
    let bare =
        article("afp3", "Horn Dispatch", "2024-03-15", "The agency AFP reported the attack.");
    // In its own document the acronym is the definition, not the catalog's agency.
    let own =
        forces.entities.iter().find(|e| e.aliases.iter().any(|a| a == "AFP") || e.name == "AFP");
    let own = own.expect("AFP is linked to its definition");
    assert_eq!(own.name, "Armed Forces of the Philippines");
    assert_eq!(own.catalog_id, None);
    let rec = reconcile(&[forces, agency, bare]);
    let carriers = entity_named(&rec, "AFP");
    assert_eq!(carriers.len(), 2, "two different things behind AFP");
    let names: Vec<&str> = carriers.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"Armed Forces of the Philippines"), "{names:?}");
    assert!(names.contains(&"Agence France-Presse"), "{names:?}");
    let military = carriers.iter().find(|e| e.name == "Armed Forces of the Philippines").unwrap();
    assert_eq!(military.members.len(), 1, "the other reports' AFP is the agency");
}

#[test]
fn spellings_of_one_transliterated_name_are_one_entity() {
    let docs = vec![
        article(
            "jem1",
            "Valley Times",
            "2019-02-16",
            "Jaish-e-Mohammed claimed the suicide bombing in Pulwama on Thursday.",
        ),
        article(
            "jem2",
            "Frontier Weekly",
            "2019-02-17",
            "Jaish-e Mohammad has carried out attacks in Kashmir since 2000, officials said.",
        ),
        article(
            "jem3",
            "Indus Courier",
            "2019-02-18",
            "Officials said Jaish-e-Muhammad had planned the attack for months.",
        ),
    ];
    for a in &docs {
        assert!(
            a.entities.iter().all(|e| e.kind != EntityKind::Person),
            "no person in {:?}",
            a.entities
        );
    }
    let rec = reconcile(&docs);
    let jem: Vec<_> = rec.entities.iter().filter(|e| e.kind == EntityKind::Group).collect();
    assert_eq!(jem.len(), 1, "{jem:?}");
    assert_eq!(jem[0].members.len(), 3);
    assert_eq!(jem[0].catalog_id.as_deref(), Some("group:jaish-e-mohammed"));
}

#[test]
fn a_shorter_form_of_a_persons_name_links_only_when_one_fuller_name_fits() {
    let a = article(
        "sis1",
        "Manila Ledger",
        "2022-12-17",
        "Jose Maria Sison, the founder of the Communist Party of the Philippines, died in the \
         Netherlands on Friday. Jose Sison founded the party in 1968. Sison had lived in exile \
         since 1987.",
    );
    let people: Vec<_> = a.entities.iter().filter(|e| e.kind == EntityKind::Person).collect();
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].name, "Jose Maria Sison");
    assert!(people[0].aliases.contains(&"Jose Sison".to_string()), "{people:?}");
    // Two fuller names fit: which one the text means it does not say.
    let b = article(
        "sis2",
        "Manila Ledger",
        "2022-12-18",
        "Jose Maria Sison and his cousin Jose Luis Sison met in Utrecht on Friday. \
         Jose Sison said the talks went well.",
    );
    let short = b
        .entities
        .iter()
        .find(|e| e.name == "Jose Sison" || e.aliases.iter().any(|x| x == "Jose Sison"));
    assert!(short.is_some_and(|e| e.name == "Jose Sison"), "{:?}", b.entities);
}

#[test]
fn alias_names_the_same_person() {
    let a = article(
        "ali1",
        "Valley Times",
        "2019-02-20",
        "Police named the planner as Mudasir Ahmad Khan alias Waqas Commando. Waqas Commando \
         was later killed in Pulwama.",
    );
    let e = a
        .entities
        .iter()
        .find(|e| e.name == "Waqas Commando" || e.aliases.iter().any(|x| x == "Waqas Commando"))
        .expect("the alias is found");
    assert_eq!(e.kind, EntityKind::Person);
    assert!(std::iter::once(&e.name).chain(&e.aliases).any(|n| n == "Mudasir Ahmad Khan"), "{e:?}");
}

#[test]
fn a_groups_own_figure_beside_an_estimate_is_no_conflict() {
    let mut boast = report(0, "Alpha Post", 0);
    boast.claims.push(figure(Predicate::Strength, 10_000, Some(10_000), None, Some("its leader")));
    let mut estimate = report(1, "Beta Times", 0);
    estimate.claims.push(figure(Predicate::Strength, 3000, Some(4000), None, Some("analysts")));
    let docs = vec![boast, estimate];
    let rec = reconcile(&docs);
    let f = rec.findings.iter().find(|f| f.predicate == Predicate::Strength).unwrap();
    assert_eq!(f.verdict, Verdict::Compatible, "{}", f.summary);
    assert!(f.summary.contains("the group's own word (its leader)"), "{}", f.summary);
    assert!(f.summary.contains("analysts"), "{}", f.summary);
    // Two independent estimates that far apart do conflict.
    let mut other = report(2, "Gamma Wire", 0);
    other.claims.push(figure(Predicate::Strength, 10_000, Some(10_000), None, Some("officials")));
    let rec = reconcile(&[docs[1].clone(), other]);
    let f = rec.findings.iter().find(|f| f.predicate == Predicate::Strength).unwrap();
    assert_eq!(f.verdict, Verdict::Conflict, "{}", f.summary);
}

#[test]
fn attack_counts_change_over_time_only_between_periods_apart() {
    let count = |n: usize, low: u32, high: u32, start: &str, end: &str| {
        let mut a = report(n, &format!("Outlet {n}"), 0);
        let mut c = figure(Predicate::AttackCount, low, Some(high), None, None);
        c.when = Some(When {
            interval: Some(TimeInterval {
                start: Some(date(start)),
                end: Some(date(end)),
                granularity: Granularity::Month,
                value: None,
            }),
            text: format!("{start} to {end}"),
        });
        a.claims.push(c);
        a
    };
    let verdict = |docs: &[Annotated]| {
        let rec = reconcile(docs);
        let f = rec.findings.iter().find(|f| f.predicate == Predicate::AttackCount).unwrap();
        (f.verdict, f.summary.clone())
    };
    // The first four months of 2021 against the same months of 2020.
    let (v, s) = verdict(&[
        count(0, 77, 77, "2021-01-01", "2021-04-30"),
        count(1, 21, 21, "2020-01-01", "2020-04-30"),
    ]);
    assert_eq!(v, Verdict::ChangedOverTime, "{s}");
    // A year and its first half overlap: no change, and no conflict.
    let (v, s) = verdict(&[
        count(0, 100, 5000, "2022-01-01", "2022-06-30"),
        count(1, 2, 6, "2022-01-01", "2022-12-31"),
    ]);
    assert_eq!(v, Verdict::Compatible, "{s}");
    // The very same period, disjoint counts: a conflict.
    let (v, s) = verdict(&[
        count(0, 100, 5000, "2022-01-01", "2022-06-30"),
        count(1, 2, 6, "2022-01-01", "2022-06-30"),
    ]);
    assert_eq!(v, Verdict::Conflict, "{s}");
}
