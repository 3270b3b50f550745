//! Stored forms written as words: predicates, counts, time intervals, the
//! label of a document, and the one-sentence summaries of findings.
//!
//! The store keeps machine forms (`first_active`, `..2004-12-31`); a reader
//! should never see them. Everything shown on a page goes through here.

use dossier_core::reconcile::{tenure, tenure_key};
use dossier_core::{Predicate, Value, Verdict};

use crate::state::Snapshot;
pub use dossier_core::label::{clean_text, doc_label, shorten};
pub use dossier_core::words::{
    count, day, event_kind, interval, interval_days, month, plural, predicate, predicate_lower,
    predicate_noun, quantity, span, stored_summary,
};

/// A claim's value as words (time values without interval notation).
pub fn value(s: &Snapshot, c: usize) -> String {
    let cc = &s.rec.claims[c];
    match &s.docs[cc.doc].claims[cc.idx].value {
        Value::Time { interval: Some(i), text } => {
            let w = interval(i);
            let t = clean_text(text);
            if w.to_lowercase().starts_with(&t.to_lowercase()) {
                w
            } else {
                format!("{t} ({w})")
            }
        }
        Value::Quantity { quantity: q, unit } => match unit {
            Some(u) => format!("{} {u}", quantity(q)),
            None => quantity(q),
        },
        _ => dossier_core::reconcile::value_text(&s.docs, &s.rec.entities, cc),
    }
}

/// The one-sentence summary of a finding, written from its claims: leaders
/// in order of tenure, other changes in order of time, every document
/// named by its label.
pub fn summary(s: &Snapshot, f: usize) -> String {
    let x = &s.rec.findings[f];
    let name = &s.rec.entities[x.subject].name;
    let what = predicate_noun(x.predicate);
    if x.predicate == Predicate::Leader {
        return leader_summary(s, f);
    }
    // One claim per distinct value, in time order for changes.
    let mut order: Vec<usize> = x.claims.clone();
    let when_key = |c: usize| {
        let cc = &s.rec.claims[c];
        let cl = &s.docs[cc.doc].claims[cc.idx];
        let w = cl.when.as_ref().and_then(|w| w.interval.as_ref()).and_then(|i| i.start.or(i.end));
        let v = match &cl.value {
            Value::Time { interval: Some(i), .. } => i.start.or(i.end),
            _ => None,
        };
        (v.or(w).or(s.docs[cc.doc].doc.published), c)
    };
    if x.verdict != Verdict::Conflict {
        order.sort_by_key(|&c| when_key(c));
    } else if let Some(&(a, b)) = x.pairs.first() {
        order.retain(|&c| c != a && c != b);
        order.insert(0, b);
        order.insert(0, a);
    }
    let mut seen: Vec<String> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    for &c in &order {
        let cc = &s.rec.claims[c];
        let v = match s.docs[cc.doc].claims[cc.idx].modality {
            dossier_core::Modality::Denied => format!("not {}", value(s, c)),
            _ => value(s, c),
        };
        if seen.contains(&v) {
            continue;
        }
        seen.push(v.clone());
        if parts.len() < 5 {
            parts.push(format!("{v}{} ({})", when_words(s, c), attribution(s, c)));
        }
    }
    dossier_core::words::value_sentence(name, &what, x.verdict, x.sources.len(), &parts, seen.len())
}

/// ", in 2016" for a claim's own time, nothing for the publication date.
fn when_words(s: &Snapshot, c: usize) -> String {
    let cc = &s.rec.claims[c];
    let cl = &s.docs[cc.doc].claims[cc.idx];
    match &cl.when {
        Some(w) if w.text != "publication date" => format!(", {}", clean_text(&w.text)),
        _ => String::new(),
    }
}

/// "Kabul Ledger" or "a UN report, via Kabul Ledger".
pub fn attribution(s: &Snapshot, c: usize) -> String {
    let cc = &s.rec.claims[c];
    let label = &s.labels[cc.doc];
    match &s.docs[cc.doc].claims[cc.idx].source {
        Some(src) => format!("{src}, via {label}"),
        None => label.clone(),
    }
}

fn leader_summary(s: &Snapshot, f: usize) -> String {
    let x = &s.rec.findings[f];
    let name = &s.rec.entities[x.subject].name;
    // Enough claims to name every leader; a group reported thousands of
    // times need not have each report read for a one-line summary.
    let reports = x.claims.iter().take(400).map(|&c| {
        let t = tenure(&s.docs, &s.rec.claims, c);
        dossier_core::words::LeaderReport {
            name: value(s, c),
            former: t.former,
            date: t.date,
            key: tenure_key(&s.docs, &s.rec.claims, c),
            label: attribution(s, c),
        }
    });
    dossier_core::words::leader_sentence(name, x.verdict, x.sources.len(), reports)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use dossier_core::{Granularity, TimeInterval};

    fn iv(a: Option<(i32, u32, u32)>, b: Option<(i32, u32, u32)>, g: Granularity) -> TimeInterval {
        let d =
            |x: Option<(i32, u32, u32)>| x.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
        TimeInterval { start: d(a), end: d(b), granularity: g, value: None }
    }

    #[test]
    fn intervals_read_as_words() {
        assert_eq!(interval(&iv(None, Some((2004, 12, 31)), Granularity::Year)), "2004 or earlier");
        assert_eq!(interval(&iv(None, Some((2004, 12, 31)), Granularity::Day)), "2004 or earlier");
        assert_eq!(
            interval(&iv(Some((2014, 1, 1)), Some((2014, 12, 31)), Granularity::Year)),
            "2014"
        );
        assert_eq!(
            interval(&iv(Some((2020, 11, 1)), Some((2020, 11, 30)), Granularity::Month)),
            "November 2020"
        );
        assert_eq!(
            interval(&iv(Some((2014, 9, 1)), Some((2014, 12, 31)), Granularity::PartOf)),
            "September to December 2014"
        );
        assert_eq!(
            interval(&iv(Some((2021, 8, 26)), Some((2021, 8, 26)), Granularity::Day)),
            "26 August 2021"
        );
        assert_eq!(
            interval(&iv(Some((2015, 3, 1)), None, Granularity::Month)),
            "March 2015 or later"
        );
        assert_eq!(
            interval(&iv(None, Some((2021, 8, 25)), Granularity::Day)),
            "25 August 2021 or earlier"
        );
        for i in [
            iv(None, Some((2004, 12, 31)), Granularity::Day),
            iv(Some((2015, 3, 1)), None, Granularity::Month),
        ] {
            assert!(!interval(&i).contains(".."), "{}", interval(&i));
        }
    }

    #[test]
    fn figures_read_as_words() {
        let q = |low, high, approximate| dossier_core::Quantity { low, high, approximate };
        assert_eq!(quantity(&q(Some(150.0), None, false)), "at least 150");
        assert_eq!(quantity(&q(Some(24.0), None, true)), "about 24 or more");
        assert_eq!(quantity(&q(Some(1500.0), Some(2200.0), false)), "1,500 to 2,200");
        assert_eq!(quantity(&q(Some(3.0), Some(3.0), false)), "3");
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(plural(1, "claim"), "1 claim");
        assert_eq!(plural(2, "claim"), "2 claims");
        assert_eq!(plural(1200, "claim"), "1,200 claims");
    }

    #[test]
    fn labels_never_fall_back_to_a_placeholder() {
        let mut d = dossier_core::Document {
            id: "ae77c387deadbeef".into(),
            text: "## Heading\n\nGunmen attacked a market in the north on Monday, officials said."
                .into(),
            ..Default::default()
        };
        let l = doc_label(&d);
        assert!(l.starts_with("“Heading Gunmen attacked"), "{l}");
        assert!(!l.contains("##"));
        d.title = Some("  ## A title  ".into());
        assert_eq!(doc_label(&d), "A title");
        d.source = Some("Wire".into());
        assert_eq!(doc_label(&d), "Wire");
        assert_eq!(predicate(Predicate::FirstActive), "First active");
        assert!(!predicate(Predicate::ClaimedResponsibility).contains('_'));
    }
}
