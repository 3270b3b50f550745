//! Golden cases for claims and events, read from `testdata/claims.tsv` and
//! `testdata/events.tsv`. Each case runs the whole extraction on its text with
//! its publication date and checks the claims or events listed, or that
//! nothing is extracted when the case says "-".

use chrono::NaiveDate;
use dossier_core::{annotate, Annotated, Document, Quantity, Value};

const CLAIMS: &str = include_str!("../../testdata/claims.tsv");
const EVENTS: &str = include_str!("../../testdata/events.tsv");

fn cases(data: &str) -> impl Iterator<Item = (usize, &str, Option<NaiveDate>, &str)> {
    data.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()).map(
        |(n, l)| {
            let mut cols = l.split('\t');
            let text = cols.next().unwrap();
            let dct = cols.next().and_then(|d| d.parse().ok());
            let want = cols.next().unwrap_or_else(|| panic!("line {}: no expectation", n + 1));
            (n + 1, text, dct, want)
        },
    )
}

fn run(text: &str, dct: Option<NaiveDate>) -> Annotated {
    annotate(Document {
        id: "golden".into(),
        published: dct,
        text: text.into(),
        ..Document::default()
    })
}

/// "1500..2000", "3000..", "none".
fn range_ok(q: Option<&Quantity>, spec: &str) -> bool {
    if spec == "none" {
        return q.is_none();
    }
    let Some(q) = q else { return false };
    let (lo, hi) = spec.split_once("..").expect("a range");
    let want = |s: &str| (!s.is_empty()).then(|| s.parse::<f64>().unwrap());
    q.low == want(lo) && q.high == want(hi)
}

#[test]
fn golden_claims() {
    let mut failures = Vec::new();
    let mut n = 0;
    for (line, text, dct, want) in cases(CLAIMS) {
        n += 1;
        let a = run(text, dct);
        if want == "-" {
            if !a.claims.is_empty() {
                failures.push(format!("line {line}: expected no claim, got {:?}", a.claims));
            }
            continue;
        }
        for spec in want.split(" ; ") {
            // "!founded": no claim of that predicate.
            if let Some(pred) = spec.strip_prefix('!') {
                // "!predicate:value": no claim of the predicate with that value
                // (an entity's name, or a text).
                // "!predicate:value@subject=Name": none of that subject.
                let (pred, subject) = match pred.split_once("@subject=") {
                    Some((p, s)) => (p, Some(s)),
                    None => (pred, None),
                };
                let (pred, value) = match pred.split_once(':') {
                    Some((p, v)) => (p, Some(v)),
                    None => (pred, None),
                };
                let of_subject = |c: &dossier_core::Claim| {
                    subject.is_none_or(|s| {
                        let e = &a.entities[c.subject];
                        std::iter::once(&e.name)
                            .chain(&e.aliases)
                            .any(|n| n.eq_ignore_ascii_case(s))
                    })
                };
                let named = |c: &dossier_core::Claim, v: &str| match &c.value {
                    Value::Entity(e) => std::iter::once(&a.entities[*e].name)
                        .chain(&a.entities[*e].aliases)
                        .any(|n| n.eq_ignore_ascii_case(v)),
                    Value::Text(t) => t.eq_ignore_ascii_case(v),
                    _ => false,
                };
                if a.claims.iter().any(|c| {
                    c.predicate.as_str() == pred
                        && value.is_none_or(|v| named(c, v))
                        && of_subject(c)
                }) {
                    failures
                        .push(format!("line {line}: expected no {pred} claim; got {:?}", a.claims));
                }
                continue;
            }
            let mut parts = spec.split('@');
            let (pred, value) = parts.next().unwrap().split_once(':').unwrap();
            let checks: Vec<(&str, &str)> =
                parts.map(|p| p.split_once('=').expect("key=value")).collect();
            let found = a.claims.iter().any(|c| {
                if c.predicate.as_str() != pred {
                    return false;
                }
                let value_ok = match &c.value {
                    Value::Entity(e) => {
                        let ent = &a.entities[*e];
                        std::iter::once(&ent.name)
                            .chain(&ent.aliases)
                            .any(|n| n.eq_ignore_ascii_case(value))
                    }
                    Value::Quantity { quantity, .. } => range_ok(Some(quantity), value),
                    Value::Time { interval, .. } => interval.as_ref().is_some_and(|i| {
                        let (s, e) = value.split_once("..").unwrap();
                        i.start.map(|d| d.to_string()).unwrap_or_default() == s
                            && i.end.map(|d| d.to_string()).unwrap_or_default() == e
                    }),
                    Value::Text(t) => t.eq_ignore_ascii_case(value),
                };
                value_ok
                    && checks.iter().all(|&(k, v)| match k {
                        "source" => c.source.as_deref() == Some(v),
                        "modality" => format!("{:?}", c.modality).eq_ignore_ascii_case(v),
                        "status" => c.status.as_deref() == Some(v),
                        "when" => c.when.as_ref().is_some_and(|w| w.text == v),
                        "subject" => {
                            let ent = &a.entities[c.subject];
                            std::iter::once(&ent.name)
                                .chain(&ent.aliases)
                                .any(|n| n.eq_ignore_ascii_case(v))
                        }
                        other => panic!("line {line}: unknown check {other}"),
                    })
            });
            if !found {
                failures.push(format!("line {line}: missing {spec}; got {:?}", a.claims));
            }
        }
        // Every claim's evidence span lies in the text.
        for c in &a.claims {
            assert!(text.get(c.span.start()..c.span.end()).is_some());
        }
    }
    assert!(n >= 15, "only {n} claim cases");
    assert!(
        failures.is_empty(),
        "{} of {n} claim cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn golden_events() {
    let mut failures = Vec::new();
    let mut n = 0;
    for (line, text, dct, want) in cases(EVENTS) {
        n += 1;
        let a = run(text, dct);
        if want == "-" {
            if !a.events.is_empty() {
                failures.push(format!("line {line}: expected no event, got {:?}", a.events));
            }
            continue;
        }
        let specs: Vec<&str> = want.split(" ; ").collect();
        if a.events.len() != specs.len() {
            failures.push(format!(
                "line {line}: {} events, expected {}: {:?}",
                a.events.len(),
                specs.len(),
                a.events
            ));
            continue;
        }
        for (ev, spec) in a.events.iter().zip(specs) {
            let mut parts = spec.split(' ');
            let kind = parts.next().unwrap();
            let mut bad: Vec<String> = Vec::new();
            if ev.kind.as_str() != kind {
                bad.push(format!("kind {}", ev.kind.as_str()));
            }
            for p in parts {
                let (k, v) = p.split_once('=').expect("key=value");
                let ok = match k {
                    "killed" => range_ok(ev.killed.as_ref(), v),
                    "wounded" => range_ok(ev.wounded.as_ref(), v),
                    "kw" => range_ok(ev.killed_or_wounded.as_ref(), v),
                    "pk" => range_ok(ev.perpetrators_killed.as_ref(), v),
                    // No day of its own: none, or the publication date's
                    // vague window.
                    "date" if v == "vague" => ev
                        .when
                        .as_ref()
                        .and_then(|w| w.interval.as_ref())
                        .is_none_or(|i| i.granularity == dossier_core::Granularity::Vague),
                    "date" => ev
                        .when
                        .as_ref()
                        .and_then(|w| w.interval.as_ref())
                        .is_some_and(|i| i.start.map(|d| d.to_string()).as_deref() == Some(v)),
                    "claimed" => ev.claimed.to_string() == v,
                    // actor=none, actor=police, actor=armed_group:unidentified_gunmen
                    // (the text, "_" for spaces).
                    "actor" => match (v, &ev.actor) {
                        ("none", None) => true,
                        ("none", Some(_)) | (_, None) => false,
                        (v, Some(act)) => {
                            let (class, text) = v.split_once(':').unwrap_or((v, ""));
                            act.class.as_str() == class
                                && (text.is_empty() || act.text == text.replace('_', " "))
                        }
                    },
                    // perp=none, perp=Al-Shabaab (a perpetrator's name, "_" for spaces).
                    "perp" => match v {
                        "none" => ev.perpetrators.is_empty(),
                        v => ev
                            .perpetrators
                            .iter()
                            .any(|&p| a.entities[p].name == v.replace('_', " ")),
                    },
                    // denied=Al-Shabaab: a group said to deny involvement.
                    "denied" => {
                        ev.denied_by.iter().any(|&p| a.entities[p].name == v.replace('_', " "))
                    }
                    other => panic!("line {line}: unknown check {other}"),
                };
                if !ok {
                    bad.push(p.to_string());
                }
            }
            if !bad.is_empty() {
                failures.push(format!("line {line}: {spec}: wrong {bad:?}; got {ev:?}"));
            }
        }
    }
    assert!(n >= 10, "only {n} event cases");
    assert!(
        failures.is_empty(),
        "{} of {n} event cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
