//! Tests of reconciliation on hand-built annotated documents.

use chrono::NaiveDate;

use super::*;
use crate::{
    Claim, Document, Event, Granularity, LocalEntity, Mention, Modality, Span, TimeInterval, Value,
    Victims, When,
};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn day(s: &str) -> TimeInterval {
    TimeInterval {
        start: Some(date(s)),
        end: Some(date(s)),
        granularity: Granularity::Day,
        value: None,
    }
}

fn span(a: &str, b: &str, g: Granularity) -> TimeInterval {
    TimeInterval { start: Some(date(a)), end: Some(date(b)), granularity: g, value: None }
}

fn group(name: &str, aliases: &[&str]) -> LocalEntity {
    LocalEntity {
        kind: EntityKind::Group,
        name: name.into(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        catalog_id: None,
        evidence: Vec::new(),
    }
}

fn place(name: &str) -> LocalEntity {
    LocalEntity { kind: EntityKind::Place, ..group(name, &[]) }
}

/// A document whose text is one sentence per claim, so spans are valid.
fn doc(id: &str, outlet: &str, published: &str, entities: Vec<LocalEntity>) -> Annotated {
    Annotated {
        doc: Document {
            id: id.into(),
            source: Some(outlet.into()),
            published: Some(date(published)),
            text: "The Northern Front is said to have fighters. ".repeat(4),
            ..Document::default()
        },
        entities,
        ..Annotated::default()
    }
}

fn strength(
    low: f64,
    high: Option<f64>,
    when: Option<(&str, TimeInterval)>,
    source: Option<&str>,
) -> Claim {
    Claim {
        subject: 0,
        predicate: Predicate::Strength,
        value: Value::Quantity {
            quantity: Quantity { low: Some(low), high, approximate: false },
            unit: Some("fighters".into()),
        },
        when: when.map(|(t, i)| When { interval: Some(i), text: t.into() }),
        source: source.map(str::to_string),
        modality: if source.is_some() { Modality::Reported } else { Modality::Asserted },
        status: None,
        span: Span::new(0, 45),
    }
}

fn founded(pred: Predicate, i: TimeInterval) -> Claim {
    Claim {
        predicate: pred,
        value: Value::Time { interval: Some(i), text: "then".into() },
        when: None,
        modality: Modality::Asserted,
        ..strength(0.0, None, None, None)
    }
}

fn finding<'a>(rec: &'a Reconciled, name: &str, p: Predicate) -> &'a Finding {
    let e = rec.find(name).expect("entity");
    rec.findings.iter().find(|f| f.subject == e && f.predicate == p).expect("finding")
}

#[test]
fn same_time_disjoint_figures_conflict_and_cite_both_claims() {
    let mut a = doc("aaaa0001", "Alpha Post", "2021-08-30", vec![group("Northern Front", &[])]);
    a.claims.push(strength(900.0, Some(1100.0), Some(("currently", day("2021-08-30"))), None));
    let mut b = doc("bbbb0001", "Beta Times", "2021-08-28", vec![group("Northern Front", &[])]);
    b.claims.push(strength(
        1500.0,
        Some(2000.0),
        Some(("last June", span("2021-06-01", "2021-06-30", Granularity::Month))),
        Some("a UN report issued last June"),
    ));
    let rec = reconcile(&[a, b]);
    let f = finding(&rec, "Northern Front", Predicate::Strength);
    assert_eq!(f.verdict, Verdict::Conflict, "{}", f.summary);
    assert_eq!(f.pairs.len(), 1);
    let (x, y) = f.pairs[0];
    assert_ne!(rec.claims[x].doc, rec.claims[y].doc);
    assert!(f.summary.contains("a UN report issued last June") && f.summary.contains("Alpha Post"));
    assert!(f.significance > 0.0);
}

#[test]
fn figures_for_different_times_changed_over_time_with_latest_consensus() {
    let mut a = doc("aaaa0002", "Alpha Post", "2021-08-30", vec![group("Northern Front", &[])]);
    a.claims.push(strength(900.0, Some(1100.0), Some(("currently", day("2021-08-30"))), None));
    let at_one_point = TimeInterval {
        start: None,
        end: Some(date("2021-08-30")),
        granularity: Granularity::Vague,
        value: None,
    };
    a.claims.push(strength(3000.0, None, Some(("at one point", at_one_point)), None));
    let mut b = doc("bbbb0002", "Beta Times", "2021-09-03", vec![group("Northern Front", &[])]);
    b.claims.push(strength(
        1000.0,
        Some(1000.0),
        Some(("now", day("2021-09-03"))),
        Some("officials"),
    ));
    // "At one point" is no date: a change over time needs two dated figures.
    let rec = reconcile(&[a.clone(), b.clone()]);
    let f = finding(&rec, "Northern Front", Predicate::Strength);
    assert_eq!(f.verdict, Verdict::Compatible, "{}", f.summary);
    assert!(f.summary.contains("different or unknown times"), "{}", f.summary);
    b.claims.push(strength(
        3000.0,
        None,
        Some(("in 2016", span("2016-01-01", "2016-12-31", Granularity::Year))),
        None,
    ));
    let rec = reconcile(&[a, b]);
    let f = finding(&rec, "Northern Front", Predicate::Strength);
    assert_eq!(f.verdict, Verdict::ChangedOverTime, "{}", f.summary);
    assert_eq!(f.consensus.map(|q| (q.low, q.high)), Some((Some(1000.0), Some(1000.0))));
    assert!(f.summary.contains("changed over time"), "{}", f.summary);
}

#[test]
fn overlapping_figures_agree_on_their_intersection() {
    let mut a = doc("aaaa0003", "Alpha Post", "2023-08-10", vec![group("Northern Front", &[])]);
    a.claims.push(strength(4000.0, Some(6500.0), None, Some("a UN report")));
    let mut b = doc("bbbb0003", "Beta Times", "2023-01-31", vec![group("Northern Front", &[])]);
    b.claims.push(strength(5000.0, Some(6000.0), None, Some("security officials")));
    let rec = reconcile(&[a, b]);
    let f = finding(&rec, "Northern Front", Predicate::Strength);
    assert_eq!(f.verdict, Verdict::Agree);
    assert_eq!(f.consensus.map(|q| (q.low, q.high)), Some((Some(5000.0), Some(6000.0))));
}

#[test]
fn one_report_cited_by_two_outlets_is_one_source() {
    let mut a = doc("aaaa0004", "Alpha Post", "2022-10-31", vec![group("Northern Front", &[])]);
    a.claims.push(strength(5000.0, Some(7000.0), None, Some("a UN report released in June")));
    let mut b = doc("bbbb0004", "Beta Times", "2022-11-07", vec![group("Northern Front", &[])]);
    b.claims.push(strength(5000.0, Some(7000.0), None, Some("the UN report")));
    let rec = reconcile(&[a, b]);
    let f = finding(&rec, "Northern Front", Predicate::Strength);
    assert_eq!(f.citations.len(), 1);
    assert_eq!(f.citations[0].outlets, vec!["Alpha Post", "Beta Times"]);
    assert_eq!(f.verdict, Verdict::SingleSource);
    assert!(f.summary.contains("counted once"), "{}", f.summary);
    // Generic sources in two outlets are two sources.
    let mut c = doc("cccc0004", "Gamma Wire", "2022-11-08", vec![group("Northern Front", &[])]);
    c.claims.push(strength(5500.0, Some(6000.0), None, Some("officials")));
    let mut d = doc("dddd0004", "Delta News", "2022-11-09", vec![group("Northern Front", &[])]);
    d.claims.push(strength(5500.0, Some(6000.0), None, Some("officials")));
    let rec = reconcile(&[c, d]);
    assert_eq!(finding(&rec, "Northern Front", Predicate::Strength).citations.len(), 2);
}

#[test]
fn founding_and_first_activity_are_compatible_unless_disjoint() {
    let mut a = doc("aaaa0005", "Alpha Post", "2021-08-30", vec![group("Northern Front", &[])]);
    a.claims
        .push(founded(Predicate::Founded, span("2015-01-01", "2015-01-31", Granularity::Month)));
    let mut b = doc("bbbb0005", "Beta Times", "2021-08-28", vec![group("Northern Front", &[])]);
    b.claims.push(founded(
        Predicate::FirstActive,
        span("2014-09-01", "2014-12-31", Granularity::PartOf),
    ));
    let rec = reconcile(&[a.clone(), b]);
    assert_eq!(finding(&rec, "Northern Front", Predicate::Founded).verdict, Verdict::Compatible);
    let mut c = doc("cccc0005", "Gamma Wire", "2021-09-01", vec![group("Northern Front", &[])]);
    c.claims.push(founded(Predicate::Founded, span("2017-01-01", "2017-12-31", Granularity::Year)));
    let rec = reconcile(&[a, c]);
    assert_eq!(finding(&rec, "Northern Front", Predicate::Founded).verdict, Verdict::Conflict);
}

fn leader(person: usize, status: &str, when: TimeInterval) -> Claim {
    Claim {
        predicate: Predicate::Leader,
        value: Value::Entity(person),
        when: Some(When { interval: Some(when), text: "publication date".into() }),
        status: Some(status.into()),
        modality: Modality::Asserted,
        ..strength(0.0, None, None, None)
    }
}

#[test]
fn two_current_leaders_conflict_only_at_the_same_time() {
    let person = |n: &str| LocalEntity { kind: EntityKind::Person, ..group(n, &[]) };
    let mk = |id: &str, outlet: &str, pubd: &str, who: &str| {
        let mut a = doc(id, outlet, pubd, vec![group("Northern Front", &[]), person(who)]);
        a.claims.push(leader(1, "current", day(pubd)));
        a
    };
    let rec = reconcile(&[
        mk("aaaa0006", "Alpha Post", "2020-11-30", "Karim Osman Bey"),
        mk("bbbb0006", "Beta Times", "2020-12-15", "Rashid Omar Khan"),
    ]);
    assert_eq!(finding(&rec, "Northern Front", Predicate::Leader).verdict, Verdict::Conflict);
    let rec = reconcile(&[
        mk("aaaa0006", "Alpha Post", "2020-11-30", "Karim Osman Bey"),
        mk("bbbb0006", "Beta Times", "2022-07-07", "Rashid Omar Khan"),
    ]);
    assert_eq!(
        finding(&rec, "Northern Front", Predicate::Leader).verdict,
        Verdict::ChangedOverTime
    );
}

fn attack(
    when: TimeInterval,
    place: usize,
    killed: Option<Quantity>,
    kw: Option<Quantity>,
) -> Event {
    Event {
        kind: EventKind::SuicideBombing,
        when: Some(When { interval: Some(when), text: "Thursday".into() }),
        place: Some(place),
        perpetrators: vec![0],
        claimed: true,
        killed,
        wounded: None,
        killed_or_wounded: kw,
        perpetrators_killed: None,
        actor: None,
        denied_by: Vec::new(),
        victims: Vec::new(),
        spans: vec![Span::new(0, 45)],
    }
}

#[test]
fn reports_of_one_attack_merge_within_the_window_and_reconcile_casualties() {
    let at_least = |n: f64| Some(Quantity { low: Some(n), high: None, approximate: false });
    let mut a = doc(
        "aaaa0007",
        "Alpha Post",
        "2021-08-28",
        vec![group("Northern Front", &[]), place("Kabul")],
    );
    a.events.push(attack(day("2021-08-26"), 1, None, at_least(150.0)));
    let mut b = doc(
        "bbbb0007",
        "Beta Times",
        "2021-08-30",
        vec![group("Northern Front", &[]), place("Kabul airport")],
    );
    // "13 U.S. troops and 75 Afghan civilians killed".
    b.events.push(attack(day("2021-08-27"), 1, Some(Quantity::exact(88.0)), None));
    let mut c = doc(
        "cccc0007",
        "Gamma Wire",
        "2021-09-20",
        vec![group("Northern Front", &[]), place("Kabul")],
    );
    c.events.push(attack(day("2021-09-15"), 1, Some(Quantity::exact(3.0)), None));
    let rec = reconcile(&[a, b, c]);
    assert_eq!(rec.events.len(), 2, "the attack 20 days later is another event");
    let ev = rec.events.iter().find(|e| e.reports.len() == 2).expect("merged");
    assert!(ev.casualties_compatible);
    assert_eq!(ev.fatalities_lowest, Some(88.0));
    // Dates a day apart: no common day, so the first report's date stands.
    assert_eq!(ev.when.as_ref().and_then(|w| w.start), Some(date("2021-08-26")));
    assert_eq!(rec.entities[ev.place.unwrap()].name, "Kabul airport");
    assert_eq!(ev.merge_reasons.len(), 1);
}

#[test]
fn a_rising_toll_is_compatible_but_a_falling_one_is_not() {
    let mk = |id: &str, pubd: &str, k: f64| {
        let mut a =
            doc(id, "Alpha Post", pubd, vec![group("Northern Front", &[]), place("Mogadishu")]);
        a.events.push(attack(day("2022-10-29"), 1, Some(Quantity::exact(k)), None));
        a
    };
    let rec =
        reconcile(&[mk("aaaa0008", "2022-10-30", 100.0), mk("bbbb0008", "2022-11-07", 121.0)]);
    assert_eq!(rec.events.len(), 1);
    assert!(rec.events[0].casualties_compatible);
    assert_eq!(rec.events[0].fatalities_lowest, Some(100.0));
    let rec = reconcile(&[mk("aaaa0008", "2022-10-30", 170.0), mk("bbbb0008", "2022-11-07", 13.0)]);
    assert!(!rec.events[0].casualties_compatible);
}

#[test]
fn a_figure_another_report_calls_an_earlier_count_is_not_a_conflict() {
    // Same day: one outlet says 20 dead; another says the toll surged to at
    // least 137 from an initial estimate of 20. The 20 is the first count.
    let exact = |k: f64| Some(Quantity::exact(k));
    let mut a = doc(
        "aaaa0009",
        "Alpha Post",
        "2017-10-16",
        vec![group("Northern Front", &[]), place("Mogadishu")],
    );
    a.events.push(attack(day("2017-10-14"), 1, exact(20.0), None));
    let mut b = doc(
        "bbbb0009",
        "Beta Wire",
        "2017-10-16",
        vec![group("Northern Front", &[]), place("Mogadishu")],
    );
    let mut later = attack(
        day("2017-10-14"),
        1,
        Some(Quantity { low: Some(137.0), high: None, approximate: false }),
        None,
    );
    later.victims.push(Victims {
        count: Quantity::exact(20.0),
        description: "people".into(),
        outcome: "killed".into(),
    });
    b.events.push(later);
    let rec = reconcile(&[a.clone(), b.clone()]);
    assert_eq!(rec.events.len(), 1);
    assert!(rec.events[0].casualties_compatible, "{:?}", rec.events[0]);
    assert_eq!(rec.events[0].killed.and_then(|q| q.low), Some(137.0));
    // Without that mention, 20 and at least 137 on the same day disagree.
    b.events[0].victims.clear();
    let rec = reconcile(&[a, b]);
    assert!(!rec.events[0].casualties_compatible);
}

#[test]
fn manual_merge_and_split_apply_in_order_and_leave_evidence() {
    let a = doc("aaaa0009", "Alpha Post", "2021-01-01", vec![group("Northern Front", &["NF"])]);
    let b = doc("bbbb0009", "Beta Times", "2021-01-02", vec![group("Northern Front", &[])]);
    let c = doc("cccc0009", "Gamma Wire", "2021-01-03", vec![group("Eastern Shield", &[])]);
    let docs = [a, b, c];
    let rec = reconcile(&docs);
    assert_ne!(rec.find("Northern Front"), rec.find("Eastern Shield"));
    let merge = ManualDecision {
        id: 1,
        kind: ManualKind::Merge,
        a: "Northern Front".into(),
        b: "Eastern Shield".into(),
    };
    let rec = reconcile_with(&docs, std::slice::from_ref(&merge));
    let e = rec.find("Northern Front").unwrap();
    assert_eq!(rec.find("Eastern Shield"), Some(e));
    assert!(rec.entities[e].evidence.iter().any(|x| x.contains("by hand (decision 1)")));
    // Split the name "NF" off again: the document that uses it becomes its own entity.
    let split = ManualDecision {
        id: 2,
        kind: ManualKind::Split,
        a: "Northern Front".into(),
        b: "NF".into(),
    };
    let rec = reconcile_with(&docs, &[merge.clone(), split]);
    let nf = rec.find("NF").unwrap();
    let rest = rec.find("Eastern Shield").unwrap();
    assert_ne!(nf, rest);
    assert_eq!(rec.entities[nf].members, vec![(0, 0)]);
    assert_eq!(rec.entities[rest].members.len(), 2);
    // A decision naming nothing is reported, not applied.
    let odd = ManualDecision { id: 3, kind: ManualKind::Merge, a: "Nobody".into(), b: "NF".into() };
    let rec = reconcile_with(&docs, &[odd]);
    assert_eq!(rec.unapplied.len(), 1);
}

#[test]
fn a_split_moves_only_the_mentions_of_the_split_name() {
    let mut a = doc("aaaa0019", "Alpha Post", "2021-01-01", vec![group("Northern Front", &["NF"])]);
    a.claims.push(strength(900.0, Some(1100.0), None, None));
    // "The Northern Front ... fighters." : the first sentence names it, the
    // mention of "NF" sits in the second.
    a.doc.text = "The Northern Front has fighters. NF fighters are here.".into();
    a.mentions = vec![
        Mention {
            span: Span::new(4, 18),
            kind: crate::MentionKind::Entity,
            entity: Some(0),
            value: None,
        },
        Mention {
            span: Span::new(33, 35),
            kind: crate::MentionKind::Entity,
            entity: Some(0),
            value: None,
        },
    ];
    let b = doc("bbbb0019", "Beta Times", "2021-01-02", vec![group("Northern Front", &["NF"])]);
    let mut docs = vec![a, b];
    let split = ManualDecision {
        id: 1,
        kind: ManualKind::Split,
        a: "Northern Front".into(),
        b: "NF".into(),
    };
    // Every report uses both names: moving whole reports would move everything.
    let whole = reconcile_with(&docs, std::slice::from_ref(&split));
    assert_eq!(whole.unapplied.len(), 1, "{:?}", whole.unapplied);
    let rec = reconcile_splitting(&mut docs, std::slice::from_ref(&split));
    assert!(rec.unapplied.is_empty(), "{:?}", rec.unapplied);
    let nf = rec.find("NF").unwrap();
    let front = rec.find("Northern Front").unwrap();
    assert_ne!(nf, front);
    // Each name now belongs to one entity, and the claim stayed with the rest.
    assert_eq!(rec.candidates("NF"), vec![nf]);
    assert_eq!(rec.candidates("Northern Front"), vec![front]);
    assert!(!rec.entities[front].aliases.iter().any(|n| n == "NF"));
    assert_eq!(rec.entities[front].members, vec![(0, 0), (1, 0)]);
    assert_eq!(rec.claims.len(), 1);
    assert_eq!(rec.claims[0].subject, front);
    // Only the mention that reads "NF" moved.
    assert_eq!(docs[0].mentions[0].entity, Some(0));
    assert_eq!(docs[0].mentions[1].entity, Some(1));
    // Applying the decisions again changes nothing more.
    let again = reconcile_splitting(&mut docs, std::slice::from_ref(&split));
    assert_eq!(again.entities.len(), rec.entities.len());
    assert_eq!(docs[0].entities.len(), 2);
}

#[test]
fn merge_evidence_names_each_outlet_once_with_a_count() {
    let mut docs = Vec::new();
    for (i, outlet) in ["Alpha Post", "Alpha Post", "Alpha Post", "Beta Times"].iter().enumerate() {
        docs.push(doc(
            &format!("aaaa00{i}1"),
            outlet,
            "2021-01-01",
            vec![group("Northern Front", &[])],
        ));
    }
    for (i, outlet) in ["Gamma Wire", "Delta News", "Epsilon Daily"].iter().enumerate() {
        docs.push(doc(
            &format!("bbbb00{i}1"),
            outlet,
            "2021-01-02",
            vec![group("Northern Front", &[])],
        ));
    }
    let rec = reconcile(&docs);
    let e = &rec.entities[rec.find("Northern Front").unwrap()];
    let m = &e.merges[0];
    assert_eq!(m.outlets, 5, "{m:?}");
    assert_eq!(m.examples[0], "Alpha Post (3 reports)");
    assert_eq!(m.examples.iter().filter(|x| x.starts_with("Alpha Post")).count(), 1);
    let line = m.line();
    assert!(line.ends_with("and 2 more outlets"), "{line}");
}

fn org(name: &str, aliases: &[&str]) -> LocalEntity {
    LocalEntity { kind: EntityKind::Organization, ..group(name, aliases) }
}

#[test]
fn an_acronym_joins_across_documents_only_where_the_full_names_agree() {
    let a = doc(
        "aaaa0021",
        "Alpha Post",
        "2021-01-01",
        vec![org("Armed Forces of the Philippines", &["AFP"])],
    );
    let b =
        doc("bbbb0021", "Beta Times", "2021-01-02", vec![org("Agence France-Presse", &["AFP"])]);
    let c = doc("cccc0021", "Gamma Wire", "2021-01-03", vec![org("AFP", &[])]);
    let rec = reconcile(&[a.clone(), b, c.clone()]);
    let army = rec.find("Armed Forces of the Philippines").unwrap();
    let agency = rec.find("Agence France-Presse").unwrap();
    assert_ne!(army, agency, "two definitions of one acronym stay apart");
    assert!(!rec.entities[army].aliases.iter().any(|n| n == "Agence France-Presse"));
    assert_eq!(rec.entities[army].members.len(), 1, "the bare acronym picks no side");
    // One definition only: the bare acronym joins it, and so does its
    // initials key ("Institute for the Study of War" -> ISW).
    let d = doc(
        "dddd0021",
        "Delta News",
        "2021-01-04",
        vec![org("Institute for the Study of War", &[])],
    );
    let e = doc("eeee0021", "Epsilon Daily", "2021-01-05", vec![org("ISW", &[])]);
    let rec = reconcile(&[a, c, d, e]);
    let isw = rec.find("ISW").unwrap();
    assert_eq!(rec.find("Institute for the Study of War"), Some(isw));
    assert_eq!(rec.find("AFP"), rec.find("Armed Forces of the Philippines"));
}

#[test]
fn candidates_lists_every_entity_that_carries_a_name() {
    let a = doc("aaaa0020", "Alpha Post", "2021-01-01", vec![group("Northern Front", &[])]);
    let b = doc("bbbb0020", "Beta Times", "2021-01-02", vec![place("Northern Front")]);
    let rec = reconcile(&[a, b]);
    assert_eq!(rec.candidates("northern front").len(), 2);
    let id = rec.entities[rec.candidates("Northern Front")[0]].id.clone();
    assert_eq!(rec.candidates(&id).len(), 1);
    assert!(rec.candidates("Southern Front").is_empty());
}

#[test]
fn removing_a_document_changes_the_verdicts_that_depended_on_it() {
    let mut a = doc("aaaa0010", "Alpha Post", "2021-08-30", vec![group("Northern Front", &[])]);
    a.claims.push(strength(900.0, Some(1100.0), None, None));
    let mut b = doc("bbbb0010", "Beta Times", "2021-08-28", vec![group("Northern Front", &[])]);
    b.claims.push(strength(1500.0, Some(2000.0), None, Some("a UN report")));
    let mut c = doc("cccc0010", "Gamma Wire", "2021-08-29", vec![group("Northern Front", &[])]);
    c.claims.push(strength(950.0, Some(1050.0), None, Some("officials")));
    let all = [a.clone(), b, c.clone()];
    let rec = reconcile(&all);
    assert_eq!(finding(&rec, "Northern Front", Predicate::Strength).verdict, Verdict::Conflict);
    let rec = reconcile(&[a.clone(), c]);
    let f = finding(&rec, "Northern Front", Predicate::Strength);
    assert_eq!(f.verdict, Verdict::Agree);
    assert!(f
        .claims
        .iter()
        .all(|&i| rec.claims[i].id.starts_with("aaaa") || rec.claims[i].id.starts_with("cccc")));
    let rec = reconcile(&[a]);
    assert_eq!(finding(&rec, "Northern Front", Predicate::Strength).verdict, Verdict::SingleSource);
}

#[test]
fn reconciling_is_deterministic() {
    let mut a = doc("aaaa0011", "Alpha Post", "2021-08-30", vec![group("Northern Front", &["NF"])]);
    a.claims.push(strength(900.0, Some(1100.0), None, None));
    let mut b = doc("bbbb0011", "Beta Times", "2021-08-28", vec![group("NF", &[]), place("Kabul")]);
    b.claims.push(strength(1500.0, Some(2000.0), None, Some("a UN report")));
    b.events.push(attack(day("2021-08-26"), 1, None, None));
    let docs = [a, b];
    let (x, y) = (reconcile(&docs), reconcile(&docs));
    let ids = |r: &Reconciled| r.entities.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&x), ids(&y));
    assert_eq!(
        x.findings.iter().map(|f| f.summary.clone()).collect::<Vec<_>>(),
        y.findings.iter().map(|f| f.summary.clone()).collect::<Vec<_>>()
    );
    assert_eq!(x.events[0].id, y.events[0].id);
}

#[test]
fn acronyms_join_full_names_across_documents() {
    let org = |n: &str| LocalEntity { kind: EntityKind::Organization, ..group(n, &[]) };
    let docs = vec![
        doc("a", "Outlet A", "2022-01-01", vec![org("Institute for the Study of War")]),
        doc("b", "Outlet B", "2022-01-02", vec![org("ISW")]),
        doc("c", "Outlet C", "2022-01-03", vec![org("Institute of Strategic Warfare Studies")]),
    ];
    let rec = reconcile(&docs);
    let isw: Vec<&CorpusEntity> = rec
        .entities
        .iter()
        .filter(|e| e.aliases.iter().chain(std::iter::once(&e.name)).any(|n| n == "ISW"))
        .collect();
    assert_eq!(isw.len(), 1);
    let names: Vec<&str> = std::iter::once(isw[0].name.as_str())
        .chain(isw[0].aliases.iter().map(|s| s.as_str()))
        .collect();
    assert!(names.contains(&"Institute for the Study of War"), "{names:?}");
    // Initials of four words ("iosws") are not "isw".
    assert!(!names.contains(&"Institute of Strategic Warfare Studies"), "{names:?}");
    assert!(isw[0].evidence.iter().any(|e| e.contains("acronym")), "{:?}", isw[0].evidence);
}

fn annotated(id: &str, outlet: &str, published: &str, text: &str) -> Annotated {
    crate::annotate(Document {
        id: id.into(),
        source: Some(outlet.into()),
        published: Some(date(published)),
        text: text.into(),
        ..Document::default()
    })
}

#[test]
fn a_renamed_groups_old_founding_year_does_not_conflict_with_its_new_one() {
    let docs = vec![
        annotated(
            "lin1",
            "Alpha Post",
            "2022-03-01",
            "The Lion Front, formerly known as the Northern Front, was founded in 2009. \
             It attacked a police post in Kunar on Monday.",
        ),
        annotated("lin2", "Beta Times", "2022-03-02", "The Lion Front was founded in 2016."),
        annotated("lin3", "Gamma Wire", "2022-03-03", "The Northern Front was founded in 2009."),
    ];
    let rec = reconcile(&docs);
    let lion = rec.find("Lion Front").expect("Lion Front");
    let northern = rec.find("Northern Front").expect("Northern Front");
    assert_ne!(lion, northern, "a former name is not an alias");
    for f in rec.findings.iter().filter(|f| f.predicate == Predicate::Founded) {
        assert_ne!(f.verdict, Verdict::Conflict, "{}", f.summary);
    }
    // The old name's founding year stays with the old name, where it agrees.
    assert_eq!(finding(&rec, "Northern Front", Predicate::Founded).verdict, Verdict::Agree);
    assert!(rec
        .findings
        .iter()
        .any(|f| f.subject == lion && f.predicate == Predicate::RenamedFrom));
}

#[test]
fn a_catalog_groups_founding_before_its_renaming_is_its_predecessors() {
    // The catalog: Hayat Tahrir al-Sham took its name in 2017 (renamed_from
    // jabhat-fatah-al-sham@2017); "founded in 2012" under the new name is
    // the lineage's start, not a rival date for 2017.
    let hts = || LocalEntity {
        catalog_id: Some("group:hayat-tahrir-al-sham".into()),
        ..group("Hayat Tahrir al-Sham", &[])
    };
    let mut a = doc("hts1", "Alpha Post", "2022-03-01", vec![hts()]);
    a.claims.push(founded(Predicate::Founded, span("2012-01-01", "2012-12-31", Granularity::Year)));
    let mut b = doc("hts2", "Beta Times", "2022-03-02", vec![hts()]);
    b.claims
        .push(founded(Predicate::Founded, span("2017-01-01", "2017-01-31", Granularity::Month)));
    let mut c = doc("hts3", "Gamma Wire", "2022-03-03", vec![hts()]);
    c.claims.push(founded(Predicate::Founded, span("2017-01-01", "2017-12-31", Granularity::Year)));
    let rec = reconcile(&[a.clone(), b.clone(), c]);
    let f = finding(&rec, "Hayat Tahrir al-Sham", Predicate::Founded);
    assert_ne!(f.verdict, Verdict::Conflict, "{}", f.summary);
    assert_eq!(f.claims.len(), 3, "the predecessor's date is listed");
    // Without the group's own dates, the lineage's are judged as usual.
    let mut d = doc("hts4", "Delta News", "2022-03-04", vec![hts()]);
    d.claims.push(founded(Predicate::Founded, span("2011-01-01", "2011-12-31", Granularity::Year)));
    let rec = reconcile(&[a, d]);
    assert_eq!(
        finding(&rec, "Hayat Tahrir al-Sham", Predicate::Founded).verdict,
        Verdict::Conflict
    );
}

#[test]
fn a_founding_date_before_a_reported_renaming_is_the_predecessors() {
    let docs = vec![
        annotated(
            "ren1",
            "Alpha Post",
            "2022-03-01",
            "The Northern Front was renamed the Lion Front in 2016.",
        ),
        annotated("ren2", "Beta Times", "2022-03-02", "The Lion Front was founded in 2009."),
        annotated("ren3", "Gamma Wire", "2022-03-03", "The Lion Front was formed in 2016."),
    ];
    let rec = reconcile(&docs);
    let f = finding(&rec, "Lion Front", Predicate::Founded);
    assert_ne!(f.verdict, Verdict::Conflict, "{}", f.summary);
    assert_eq!(f.claims.len(), 2, "both dates are listed");
}

fn person(name: &str) -> LocalEntity {
    LocalEntity { kind: EntityKind::Person, ..group(name, &[]) }
}

fn entity_of<'a>(rec: &'a Reconciled, name: &str) -> Vec<&'a CorpusEntity> {
    rec.entities.iter().filter(|e| e.name == name || e.aliases.iter().any(|a| a == name)).collect()
}

#[test]
fn a_name_without_its_middle_name_joins_the_full_name_only_with_a_group_in_common() {
    let rec = reconcile(&[
        doc("a", "Ledger", "2026-03-02", vec![person("Jose Maria Sison"), group("Red Front", &[])]),
        doc("b", "Courier", "2026-03-05", vec![person("Jose Sison"), group("Red Front", &[])]),
    ]);
    let found = entity_of(&rec, "Jose Sison");
    assert_eq!(found.len(), 1, "{:?}", rec.entities);
    assert_eq!(found[0].name, "Jose Maria Sison");
    assert!(found[0].evidence.iter().any(|e| e.contains("Red Front")), "{:?}", found[0].evidence);

    // No group in common: two people, as far as the reports show.
    let rec = reconcile(&[
        doc("a", "Ledger", "2026-03-02", vec![person("Jose Maria Sison"), group("Red Front", &[])]),
        doc("b", "Courier", "2026-03-05", vec![person("Jose Sison"), group("Blue Army", &[])]),
    ]);
    assert_eq!(rec.entities.iter().filter(|e| e.kind == EntityKind::Person).count(), 2);

    // Two full names behind one short form: it joins neither.
    let rec = reconcile(&[
        doc(
            "a",
            "Ledger",
            "2026-03-02",
            vec![person("Mohammad Ali Khan"), group("Red Front", &[])],
        ),
        doc(
            "b",
            "Ledger",
            "2026-03-03",
            vec![person("Mohammad Reza Khan"), group("Red Front", &[])],
        ),
        doc("c", "Courier", "2026-03-05", vec![person("Mohammad Khan"), group("Red Front", &[])]),
    ]);
    assert_eq!(entity_of(&rec, "Mohammad Khan").len(), 1);
    assert_eq!(entity_of(&rec, "Mohammad Khan")[0].name, "Mohammad Khan");
    assert_eq!(rec.entities.iter().filter(|e| e.kind == EntityKind::Person).count(), 3);
}

#[test]
fn a_name_joins_the_same_name_with_a_rank_or_honorific_only_with_a_group_in_common() {
    let rec = reconcile(&[
        doc("a", "Ledger", "2026-03-02", vec![person("Mullah Haidari"), group("Red Front", &[])]),
        doc("b", "Courier", "2026-03-05", vec![person("Haidari"), group("Red Front", &[])]),
        doc("c", "Post", "2026-03-06", vec![person("Gen. Omar Sadat"), group("Red Front", &[])]),
        doc("d", "Wire", "2026-03-07", vec![person("Omar Sadat"), group("Red Front", &[])]),
    ]);
    let found = entity_of(&rec, "Haidari");
    assert_eq!(found.len(), 1, "{:?}", rec.entities);
    assert_eq!(found[0].name, "Mullah Haidari");
    let found = entity_of(&rec, "Omar Sadat");
    assert_eq!(found.len(), 1, "{:?}", rec.entities);
    assert_eq!(rec.entities.iter().filter(|e| e.kind == EntityKind::Person).count(), 2);

    // No group in common: two people.
    let rec = reconcile(&[
        doc("a", "Ledger", "2026-03-02", vec![person("Mullah Haidari"), group("Red Front", &[])]),
        doc("b", "Courier", "2026-03-05", vec![person("Haidari"), group("Blue Army", &[])]),
    ]);
    assert_eq!(rec.entities.iter().filter(|e| e.kind == EntityKind::Person).count(), 2);
}

#[test]
fn an_unclassified_name_that_is_a_persons_alias_elsewhere_is_that_person() {
    let mut rehman = person("Abdul Rehman");
    rehman.aliases.push("Waqas Commando".into());
    let other = LocalEntity { kind: EntityKind::Other, ..group("Waqas Commando", &[]) };
    let rec = reconcile(&[
        doc("a", "Ledger", "2026-04-01", vec![rehman.clone(), group("Lashkar-e-Jhangvi", &[])]),
        doc("b", "Courier", "2026-04-02", vec![other.clone(), group("Lashkar-e-Jhangvi", &[])]),
    ]);
    let found = entity_of(&rec, "Waqas Commando");
    assert_eq!(found.len(), 1, "{:?}", rec.entities);
    assert_eq!(found[0].kind, EntityKind::Person);
    assert!(
        found[0].aliases.iter().any(|a| a == "Abdul Rehman") || found[0].name == "Abdul Rehman"
    );

    // Without a group in common the unclassified name stays apart.
    let rec = reconcile(&[
        doc("a", "Ledger", "2026-04-01", vec![rehman, group("Lashkar-e-Jhangvi", &[])]),
        doc("b", "Courier", "2026-04-02", vec![other, group("Sipah-e-Sahaba", &[])]),
    ]);
    assert_eq!(entity_of(&rec, "Waqas Commando").len(), 2);
}

#[test]
fn a_report_without_a_place_merges_on_the_same_day_when_it_names_the_place() {
    let q = |n: f64| Some(Quantity { low: Some(n), high: Some(n), approximate: false });
    // No perpetrator named; the first report names Kamba elsewhere in its
    // text but not as the event's place.
    let mut a = doc("aaaa0041", "Alpha Post", "2019-03-16", vec![place("Kamba"), place("Zuwa")]);
    let mut b = doc("bbbb0041", "Beta Times", "2019-03-16", vec![place("Kamba")]);
    let mut c = doc("cccc0041", "Gamma Daily", "2019-03-16", vec![place("Kamba")]);
    let placeless = |killed| Event {
        place: None,
        perpetrators: Vec::new(),
        kind: EventKind::Shooting,
        ..attack(day("2019-03-15"), 0, killed, None)
    };
    a.events.push(placeless(q(49.0)));
    b.events.push(Event {
        perpetrators: Vec::new(),
        kind: EventKind::Shooting,
        ..attack(day("2019-03-15"), 0, q(49.0), None)
    });
    // Another figure the same day cannot be one toll with it: apart.
    c.events.push(placeless(q(3.0)));
    let rec = reconcile(&[a, b, c]);
    assert_eq!(rec.events.len(), 2, "{:?}", rec.events);
    let merged = rec.events.iter().find(|e| e.reports.len() == 2).expect("two reports, one event");
    assert_eq!(merged.place.map(|p| rec.entities[p].name.as_str()), Some("Kamba"));
    assert!(merged.merge_reasons.iter().any(|r| r.contains("same day, and")), "{merged:?}");
    // A day apart: apart.
    let mut d = doc("dddd0041", "Delta", "2019-03-17", vec![place("Kamba")]);
    d.events.push(Event {
        place: None,
        perpetrators: Vec::new(),
        kind: EventKind::Shooting,
        ..attack(day("2019-03-16"), 0, q(49.0), None)
    });
    let mut b2 = doc("bbbb0042", "Beta Times", "2019-03-16", vec![place("Kamba")]);
    b2.events.push(Event {
        perpetrators: Vec::new(),
        kind: EventKind::Shooting,
        ..attack(day("2019-03-15"), 0, q(49.0), None)
    });
    assert_eq!(reconcile(&[d, b2]).events.len(), 2);
}

#[test]
fn a_report_without_a_place_merges_with_a_later_one_at_a_place_through_the_perpetrator() {
    let forty = Some(Quantity { low: Some(40.0), high: Some(40.0), approximate: false });
    let mut a = doc("aaaa0031", "Alpha Post", "2019-02-15", vec![group("Jaish-e-Mohammed", &[])]);
    let mut b = doc(
        "bbbb0031",
        "Beta Times",
        "2019-02-16",
        vec![group("Jaish-e-Mohammed", &[]), place("Pulwama")],
    );
    // The first report says where the convoy was bound, not where it was hit.
    a.events.push(Event { place: None, ..attack(day("2019-02-14"), 0, forty, None) });
    b.events.push(Event { kind: EventKind::Bombing, ..attack(day("2019-02-14"), 1, forty, None) });
    let rec = reconcile(&[a, b]);
    assert_eq!(rec.events.len(), 1, "{:?}", rec.events);
    assert_eq!(rec.events[0].reports.len(), 2);
    assert_eq!(rec.events[0].place.map(|p| rec.entities[p].name.as_str()), Some("Pulwama"));
}

#[test]
fn a_designation_by_a_state_organ_agrees_with_one_by_its_country() {
    let docs = vec![
        annotated(
            "des1",
            "Alpha Post",
            "2025-02-20",
            "The State Department designated the Lion Front as a foreign terrorist \
             organization on Wednesday.",
        ),
        annotated(
            "des2",
            "Beta Wire",
            "2025-02-21",
            "The United States designated the Lion Front as a terrorist organization this week.",
        ),
        annotated(
            "des3",
            "Gamma News",
            "2025-02-21",
            "Canada designated the Lion Front as a terrorist entity on Thursday.",
        ),
    ];
    let rec = reconcile(&docs);
    let f = finding(&rec, "Lion Front", Predicate::Designated);
    assert_eq!(f.claims.len(), 3, "{f:?}");
    // Two authorities, so compatible; the State Department's and the United
    // States' are one (agreeing), Canada's another.
    assert_eq!(f.verdict, Verdict::Compatible, "{}", f.summary);
    let only_us: Vec<Annotated> = docs[..2].to_vec();
    let rec = reconcile(&only_us);
    let f = finding(&rec, "Lion Front", Predicate::Designated);
    assert_eq!(f.verdict, Verdict::Agree, "{}", f.summary);
}

#[test]
fn a_branch_and_its_parent_named_as_perpetrators_make_one_event() {
    // Outlets name a province of the Islamic State or the whole group for
    // one attack; the catalog says which is a branch of which.
    let docs = vec![
        annotated(
            "brn1",
            "Alpha Post",
            "2025-03-04",
            "Islamic State West Africa Province claimed a suicide bombing in Maiduguri on \
             Monday that killed six people.",
        ),
        annotated(
            "brn2",
            "Beta Wire",
            "2025-03-04",
            "The Islamic State said it carried out a suicide bombing in Maiduguri on Monday \
             that killed six people.",
        ),
    ];
    let rec = reconcile(&docs);
    let bombings: Vec<_> =
        rec.events.iter().filter(|e| e.kind == EventKind::SuicideBombing).collect();
    assert_eq!(bombings.len(), 1, "{:?}", rec.events);
    assert_eq!(bombings[0].reports.len(), 2);
}

#[test]
fn a_raid_and_a_bombing_by_one_group_on_one_day_at_one_place_are_one_complex_attack() {
    let q = |n: f64| Some(Quantity { low: Some(n), high: Some(n), approximate: false });
    let mut a =
        doc("aaaa0051", "Alpha Post", "2018-11-24", vec![group("Lion Front", &[]), place("Kunar")]);
    let mut b =
        doc("bbbb0051", "Beta Times", "2018-11-24", vec![group("Lion Front", &[]), place("Kunar")]);
    a.events.push(Event { kind: EventKind::Raid, ..attack(day("2018-11-23"), 1, q(4.0), None) });
    b.events.push(Event {
        kind: EventKind::SuicideBombing,
        ..attack(day("2018-11-23"), 1, q(4.0), None)
    });
    let rec = reconcile(&[a.clone(), b]);
    assert_eq!(rec.events.len(), 1, "{:?}", rec.events);
    // A day apart, kinds of different families stay apart.
    let mut c = doc(
        "cccc0051",
        "Gamma Daily",
        "2018-11-25",
        vec![group("Lion Front", &[]), place("Kunar")],
    );
    c.events.push(Event {
        kind: EventKind::SuicideBombing,
        ..attack(day("2018-11-24"), 1, q(4.0), None)
    });
    assert_eq!(reconcile(&[a, c]).events.len(), 2);
}

#[test]
fn a_countrys_capital_named_by_description_meets_the_city() {
    let docs = vec![
        annotated(
            "cap1",
            "Alpha Post",
            "2019-01-16",
            "Gunmen attacked a hotel compound in the Westlands district of Kenya's capital on \
             Tuesday, killing at least 14 people.",
        ),
        annotated(
            "cap2",
            "Beta Wire",
            "2019-01-16",
            "Gunmen stormed a hotel compound in Nairobi on Tuesday, killing 14 people.",
        ),
    ];
    let nairobi = docs[0].entities.iter().find(|e| e.name == "Nairobi").expect("the capital");
    assert_eq!(nairobi.aliases, vec!["Kenya's capital".to_string()]);
    let rec = reconcile(&docs);
    assert_eq!(rec.events.len(), 1, "{:?}", rec.events);
    assert_eq!(rec.events[0].reports.len(), 2);
}

#[test]
fn unknown_places_in_a_town_both_reports_name_meet() {
    let docs = vec![
        annotated(
            "twn1",
            "Alpha Post",
            "2018-11-24",
            "Three gunmen of the Lion Front attacked a consulate in the Sea View neighbourhood \
             of Karachi on Friday, killing two police officers.",
        ),
        annotated(
            "twn2",
            "Beta Wire",
            "2018-11-24",
            "Gunmen of the Lion Front stormed the Chinese Consulate in Karachi on Friday, \
             killing two policemen.",
        ),
    ];
    let name =
        |a: &Annotated| a.events.first().and_then(|e| e.place).map(|p| a.entities[p].name.clone());
    // Neither place is the other's, nor known to the gazetteer.
    assert_eq!(name(&docs[0]).as_deref(), Some("Sea View"));
    assert_eq!(name(&docs[1]).as_deref(), Some("Chinese Consulate"));
    let rec = reconcile(&docs);
    assert_eq!(rec.events.len(), 1, "{:?}", rec.events);
    assert!(
        rec.events[0].merge_reasons.iter().any(|r| r.contains("both reports name")),
        "{:?}",
        rec.events[0]
    );
}

#[test]
fn unknown_villages_of_one_province_stay_apart() {
    // Both reports name Kunar province; it is no town, so the villages in
    // it are two places.
    let docs = vec![
        annotated(
            "vil1",
            "Alpha Post",
            "2024-05-07",
            "Gunmen killed four people in Darwazgai village of Kunar province on Monday.",
        ),
        annotated(
            "vil2",
            "Beta Wire",
            "2024-05-07",
            "Gunmen killed four people in Sarkano village of Kunar province on Monday.",
        ),
    ];
    let name =
        |a: &Annotated| a.events.first().and_then(|e| e.place).map(|p| a.entities[p].name.clone());
    assert_eq!(name(&docs[0]).as_deref(), Some("Darwazgai"));
    assert_eq!(name(&docs[1]).as_deref(), Some("Sarkano"));
    assert_eq!(reconcile(&docs).events.len(), 2);
}
