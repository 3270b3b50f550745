//! Golden cases for `find_times`, read from `testdata/times.tsv`.
//!
//! Columns: text, DCT (`YYYY-MM-DD` or `-`), expected span (the substring it
//! covers; `-` for "no time at all", `!X` for "no time overlaps X"), TIMEX3
//! type, value (`~` when the interval must be `None`), start, end (`*` when
//! open), then optional `mod=END` and `signal=since`.

use chrono::NaiveDate;
use dossier_core::{find_times, TimeMention, TimexType};

const CASES: &str = include_str!("../../testdata/times.tsv");

fn show(text: &str, ms: &[TimeMention]) -> String {
    ms.iter()
        .map(|m| {
            let iv = m.interval.as_ref();
            format!(
                "[{}] {:?} {} {}..{} mod={:?} signal={:?}",
                m.span.slice(text),
                m.timex_type,
                iv.and_then(|i| i.value.clone()).unwrap_or("~".into()),
                iv.and_then(|i| i.start).map(|d| d.to_string()).unwrap_or("*".into()),
                iv.and_then(|i| i.end).map(|d| d.to_string()).unwrap_or("*".into()),
                m.timex_mod.map(|x| x.as_str()),
                m.signal.map(|s| s.slice(text)),
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn date(s: &str) -> Option<NaiveDate> {
    if s == "*" || s == "-" {
        None
    } else {
        Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date {s:?}")))
    }
}

#[test]
fn golden_times() {
    let mut failures = Vec::new();
    let mut n = 0;
    for (lineno, line) in CASES.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        n += 1;
        let cols: Vec<&str> = line.split('\t').collect();
        let (text, dct, expect) = (cols[0], date(cols[1]), cols.get(2).copied().unwrap_or("-"));
        let found = find_times(text, dct);
        let fail = |why: String| {
            format!("line {}: {text:?}: {why}\n    found: {}", lineno + 1, show(text, &found))
        };
        if expect == "-" {
            if !found.is_empty() {
                failures.push(fail("expected no time".into()));
            }
            continue;
        }
        if let Some(x) = expect.strip_prefix('!') {
            let at = text.find(x).expect("negative substring in text");
            if found.iter().any(|m| m.span.start() < at + x.len() && at < m.span.end()) {
                failures.push(fail(format!("expected nothing over {x:?}")));
            }
            continue;
        }
        let Some(m) = found.iter().find(|m| m.span.slice(text) == expect) else {
            failures.push(fail(format!("expected span {expect:?}")));
            continue;
        };
        let ttype = match cols[3] {
            "DURATION" => TimexType::Duration,
            "TIME" => TimexType::Time,
            "SET" => TimexType::Set,
            _ => TimexType::Date,
        };
        let mut ok = m.timex_type == ttype;
        if cols[4] == "~" {
            ok &= m.interval.is_none();
        } else {
            match &m.interval {
                None => ok = false,
                Some(iv) => {
                    ok &= iv.value.as_deref() == Some(cols[4]);
                    ok &= iv.start == date(cols[5]) && iv.end == date(cols[6]);
                }
            }
        }
        for extra in &cols[7.min(cols.len())..] {
            if let Some(md) = extra.strip_prefix("mod=") {
                ok &= m.timex_mod.map(|x| x.as_str()) == Some(md);
            } else if let Some(sig) = extra.strip_prefix("signal=") {
                ok &= m.signal.map(|s| s.slice(text)) == Some(sig);
            }
        }
        if !ok {
            failures.push(fail(format!(
                "expected {} {} {}..{} {:?}",
                cols[3],
                cols[4],
                cols.get(5).unwrap_or(&""),
                cols.get(6).unwrap_or(&""),
                &cols[7.min(cols.len())..]
            )));
        }
    }
    assert!(n >= 400, "only {n} time cases");
    assert!(
        failures.is_empty(),
        "{} of {n} time cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
