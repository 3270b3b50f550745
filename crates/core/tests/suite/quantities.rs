//! Golden cases for `find_quantities`, read from `testdata/quantities.tsv`.
//!
//! Columns: text, expected span (as the substring it covers; `-` for "no
//! quantity at all", `!X` for "no quantity overlaps X"), low, high (`*` when
//! open), approximate (`y`/`n`), unit (`-` when none), kind (optional:
//! `count`, `percent`, `fraction`).

use dossier_core::{find_quantities, QuantityKind, QuantityMention};

const CASES: &str = include_str!("../../testdata/quantities.tsv");

fn show(text: &str, ms: &[QuantityMention]) -> String {
    ms.iter()
        .map(|m| {
            format!(
                "[{}] {:?}..{:?} approx={} unit={:?} {:?}",
                m.span.slice(text),
                m.quantity.low,
                m.quantity.high,
                m.quantity.approximate,
                m.unit.map(|u| u.slice(text)),
                m.kind
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn num(s: &str) -> Option<f64> {
    if s == "*" {
        None
    } else {
        Some(s.replace(',', "").parse().unwrap_or_else(|_| panic!("bad number {s:?}")))
    }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn golden_quantities() {
    let mut failures = Vec::new();
    let mut n = 0;
    for (lineno, line) in CASES.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        n += 1;
        let cols: Vec<&str> = line.split('\t').collect();
        let text = cols[0];
        let expect = cols.get(1).copied().unwrap_or("-");
        let found = find_quantities(text);
        for m in &found {
            assert!(text.is_char_boundary(m.span.start()) && text.is_char_boundary(m.span.end()));
        }
        let fail = |why: String| {
            format!("line {}: {text:?}: {why}\n    found: {}", lineno + 1, show(text, &found))
        };
        if expect == "-" {
            if !found.is_empty() {
                failures.push(fail("expected no quantity".into()));
            }
            continue;
        }
        if let Some(x) = expect.strip_prefix('!') {
            let at = text.find(x).expect("negative substring in text");
            let bad = found.iter().any(|m| m.span.start() < at + x.len() && at < m.span.end());
            if bad {
                failures.push(fail(format!("expected nothing over {x:?}")));
            }
            continue;
        }
        let Some(m) = found.iter().find(|m| m.span.slice(text) == expect) else {
            failures.push(fail(format!("expected span {expect:?}")));
            continue;
        };
        let (low, high) = (num(cols[2]), num(cols[3]));
        let approx = cols[4] == "y";
        let unit = cols.get(5).copied().unwrap_or("-");
        let kind = match cols.get(6).copied().unwrap_or("count") {
            "percent" => QuantityKind::Percent,
            "fraction" => QuantityKind::Fraction,
            _ => QuantityKind::Count,
        };
        let got_unit = m.unit.map(|u| u.slice(text)).unwrap_or("-");
        if !close(m.quantity.low, low)
            || !close(m.quantity.high, high)
            || m.quantity.approximate != approx
            || got_unit != unit
            || m.kind != kind
        {
            failures.push(fail(format!(
                "expected {low:?}..{high:?} approx={approx} unit={unit} {kind:?}"
            )));
        }
    }
    assert!(n >= 300, "only {n} quantity cases");
    assert!(
        failures.is_empty(),
        "{} of {n} quantity cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
