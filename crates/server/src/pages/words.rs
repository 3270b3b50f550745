//! Stored forms written as words: predicates, counts, time intervals, the
//! label of a document, and the one-sentence summaries of findings.
//!
//! The store keeps machine forms (`first_active`, `..2004-12-31`); a reader
//! should never see them. Everything shown on a page goes through here.

use chrono::{Datelike, NaiveDate};
use dossier_core::reconcile::{tenure, tenure_key};
use dossier_core::{Granularity, Predicate, TimeInterval, Value, Verdict};

use crate::state::Snapshot;
pub use dossier_core::label::{clean_text, doc_label, shorten};

/// A predicate as a heading: "First active", "Claimed responsibility".
pub fn predicate(p: Predicate) -> String {
    let s = match p.as_str() {
        "founded" => "Founded",
        "first_active" => "First active",
        "founded_by" => "Founded by",
        "leader" => "Leader",
        "strength" => "Strength",
        "based_in" => "Based in",
        "operates_in" => "Operates in",
        "part_of" => "Part of",
        "affiliated_with" => "Affiliated with",
        "allied_with" => "Allied with",
        "opposes" => "Opposes",
        "targets" => "Targets",
        "attack_count" => "Number of attacks",
        "member_origin" => "Members from",
        "claimed_responsibility" => "Claimed responsibility for",
        "member_of" => "Member of",
        "renamed_from" => "Formerly called",
        "merged_from" => "Merged from",
        "splinter_of" => "Split from",
        other => return capitalize(&other.replace('_', " ")),
    };
    s.to_string()
}

/// A predicate inside a sentence: "first active", "number of attacks".
pub fn predicate_lower(p: Predicate) -> String {
    let s = predicate(p);
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => s,
    }
}

/// A predicate as the noun a summary needs: "the founding date of X",
/// "the area of operations of X".
pub fn predicate_noun(p: Predicate) -> String {
    let s = match p.as_str() {
        "founded" => "founding date",
        "first_active" => "first activity",
        "founded_by" => "founders",
        "leader" => "leader",
        "strength" => "strength",
        "based_in" => "base",
        "operates_in" => "area of operations",
        "part_of" => "parent organization",
        "affiliated_with" => "affiliations",
        "allied_with" => "allies",
        "opposes" => "enemies",
        "targets" => "targets",
        "attack_count" => "number of attacks",
        "member_origin" => "members' origins",
        "claimed_responsibility" => "claimed attacks",
        "role" => "role",
        "member_of" => "group",
        "status" => "status",
        "renamed_from" => "former names",
        "merged_from" => "merged groups",
        "splinter_of" => "parent group before a split",
        other => return other.replace('_', " "),
    };
    s.to_string()
}

/// An event kind as words: "suicide bombing", "rocket or mortar fire".
pub fn event_kind(k: dossier_core::EventKind) -> String {
    k.as_str().replace('_', " ")
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "1 claim", "2 claims", "1,024 documents".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", crate::html::num(n), if n == 1 { one } else { many })
}

/// "1 claim", "3 claims": `noun` plus "s".
pub fn plural(n: usize, noun: &str) -> String {
    count(n, noun, &format!("{noun}s"))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "26 August 2021".
pub fn day(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// "August 2021".
pub fn month(d: NaiveDate) -> String {
    format!("{} {}", MONTHS[d.month0() as usize], d.year())
}

fn last_of_month(d: NaiveDate) -> bool {
    d.succ_opt().is_none_or(|n| n.month() != d.month())
}

/// A closed span of days as words, as coarse as it is: "2014",
/// "November 2020", "26 August 2021", "March to May 2015".
fn span(a: NaiveDate, b: NaiveDate) -> String {
    if a == b {
        return day(a);
    }
    let whole_months = a.day() == 1 && last_of_month(b);
    if whole_months && a.month() == 1 && b.month() == 12 {
        return if a.year() == b.year() {
            a.year().to_string()
        } else {
            format!("{} to {}", a.year(), b.year())
        };
    }
    if whole_months {
        if a.year() == b.year() && a.month() == b.month() {
            return month(a);
        }
        if a.year() == b.year() {
            return format!("{} to {}", MONTHS[a.month0() as usize], month(b));
        }
        return format!("{} to {}", month(a), month(b));
    }
    format!("{} to {}", day(a), day(b))
}

/// A closed span of days as words (see [`interval`]).
pub fn interval_days(a: NaiveDate, b: NaiveDate) -> String {
    span(a, b)
}

/// A time interval as words: "2014", "November 2020", "2004 or earlier",
/// "March 2015 or later", "date unknown".
pub fn interval(i: &TimeInterval) -> String {
    let coarse = |d: NaiveDate, start: bool| match i.granularity {
        Granularity::Year | Granularity::Decade | Granularity::Century => d.year().to_string(),
        Granularity::Month
        | Granularity::Quarter
        | Granularity::Half
        | Granularity::Season
        | Granularity::PartOf => {
            if (start && d.day() == 1) || (!start && last_of_month(d)) {
                month(d)
            } else {
                day(d)
            }
        }
        _ => day(d),
    };
    match (i.start, i.end) {
        (Some(a), Some(b)) => span(a, b),
        (None, Some(b)) if b.month() == 12 && b.day() == 31 => format!("{} or earlier", b.year()),
        (None, Some(b)) => format!("{} or earlier", coarse(b, false)),
        (Some(a), None) if a.month() == 1 && a.day() == 1 => format!("{} or later", a.year()),
        (Some(a), None) => format!("{} or later", coarse(a, true)),
        (None, None) => "date unknown".into(),
    }
}

/// A figure as words: "at least 170", "43 to 110", "about 24", "about
/// 24 or more".
pub fn quantity(q: &dossier_core::Quantity) -> String {
    let f = |x: f64| {
        if x.fract() == 0.0 && x.abs() < 1e15 && x >= 0.0 {
            crate::html::num(x as usize)
        } else {
            format!("{x}")
        }
    };
    match (q.low, q.high, q.approximate) {
        (Some(l), Some(h), false) if l == h => f(l),
        (Some(l), Some(h), true) if l == h => format!("about {}", f(l)),
        (Some(l), Some(h), false) => format!("{} to {}", f(l), f(h)),
        (Some(l), Some(h), true) => format!("about {} to {}", f(l), f(h)),
        (Some(l), None, false) => format!("at least {}", f(l)),
        (Some(l), None, true) => format!("about {} or more", f(l)),
        (None, Some(h), false) => format!("at most {}", f(h)),
        (None, Some(h), true) => format!("up to about {}", f(h)),
        (None, None, _) => "unknown".into(),
    }
}

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
    let more = seen.len().saturating_sub(parts.len());
    let tail =
        if more > 0 { format!(", and {} more", plural(more, "value")) } else { String::new() };
    let sources = plural(x.sources.len().max(1), "source");
    match x.verdict {
        Verdict::Conflict => {
            format!("Sources disagree on the {what} of {name}: {}{tail}.", parts.join(" versus "))
        }
        Verdict::ChangedOverTime => {
            format!(
                "The {what} of {name} changed over time ({sources}): {}{tail}.",
                parts.join(", then ")
            )
        }
        Verdict::Agree => format!("{sources} agree on the {what} of {name}: {}.", parts.join("; ")),
        Verdict::Compatible => format!(
            "The figures for the {what} of {name} fit together ({sources}): {}{tail}.",
            parts.join("; ")
        ),
        Verdict::SingleSource => {
            format!("One source gives the {what} of {name}: {}{tail}.", parts.join("; "))
        }
    }
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
    // One line per leader, placed by the earliest claim that dates them.
    struct Leader {
        key: (u8, Option<NaiveDate>, Option<NaiveDate>, usize),
        name: String,
        former: bool,
        date: Option<(NaiveDate, NaiveDate)>,
        labels: Vec<String>,
    }
    let mut leaders: Vec<Leader> = Vec::new();
    // Enough claims to name every leader; a group reported thousands of
    // times need not have each report read for a one-line summary.
    for &c in x.claims.iter().take(400) {
        let who = value(s, c);
        let t = tenure(&s.docs, &s.rec.claims, c);
        let key = tenure_key(&s.docs, &s.rec.claims, c);
        let label = attribution(s, c);
        match leaders.iter_mut().find(|l| l.name == who) {
            Some(l) => {
                if !l.labels.contains(&label) {
                    l.labels.push(label);
                }
                // A dated claim places the leader better than an undated one;
                // "former" in any report outranks "current" in an older one.
                let better = (t.former && !l.former)
                    || (t.former == l.former && l.date.is_none() && t.date.is_some());
                if better {
                    l.key = key;
                    l.date = t.date.or(l.date);
                    l.former = t.former;
                }
            }
            None => leaders.push(Leader {
                key,
                name: who,
                former: t.former,
                date: t.date,
                labels: vec![label],
            }),
        }
    }
    leaders.sort_by_key(|l| l.key);
    let parts: Vec<String> = leaders
        .iter()
        .map(|l| {
            let mut labels = l.labels.clone();
            labels.truncate(3);
            let when = match (l.former, l.date) {
                (true, Some((a, b))) => format!("until {}", span(a, b)),
                (true, None) => "former; the reports give no dates".into(),
                (false, Some((a, b))) => format!("current, since {}", span(a, b)),
                (false, None) => "current".into(),
            };
            format!("{} ({when}; {})", l.name, labels.join(", "))
        })
        .collect();
    let sources = plural(x.sources.len().max(1), "source");
    match x.verdict {
        Verdict::ChangedOverTime | Verdict::Conflict if parts.len() > 1 => format!(
            "The leaders of {name} in order of tenure, as far as the reports date it ({sources}): {}.",
            parts.join(", then ")
        ),
        _ => format!("The leader of {name} ({sources}): {}.", parts.join("; ")),
    }
}

/// A claim's own time ("in 2016"), its value's and its document's date,
/// from its record: what orders a finding's values.
fn record_day(r: &serde_json::Value, at: &str) -> Option<NaiveDate> {
    let t = &r[at];
    let day = |k: &str| t[k].as_str().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    day("start").or_else(|| day("end"))
}

/// [`summary`] from the stored finding and its claims' records (those of
/// `claims` it holds; a leader finding's first 400 are enough), every
/// document named by its label, so that the pages read from the store
/// write the same sentence.
pub fn stored_summary(
    x: &dossier_core::reconcile::StoredFinding,
    claims: &std::collections::HashMap<String, dossier_core::reconcile::StoredClaimRecord>,
) -> String {
    let name = &x.subject_name;
    let what = predicate_noun(x.predicate);
    let attribution =
        |c: &dossier_core::reconcile::StoredClaimRecord| match c.record["source"].as_str() {
            Some(src) => format!("{src}, via {}", c.label),
            None => c.label.clone(),
        };
    let of = |id: &str| claims.get(id);
    if x.predicate == Predicate::Leader {
        struct Leader {
            key: (u8, Option<NaiveDate>, Option<NaiveDate>, usize),
            name: String,
            former: bool,
            date: Option<(NaiveDate, NaiveDate)>,
            labels: Vec<String>,
        }
        let mut leaders: Vec<Leader> = Vec::new();
        for (i, sc) in x.claims.iter().take(400).enumerate() {
            let Some(c) = of(&sc.id) else { continue };
            let who = crate::pages::stored::value_words(&c.record);
            let t = c.tenure.unwrap_or(dossier_core::reconcile::StoredTenure {
                former: c.record["status"].as_str() == Some("former"),
                date: None,
            });
            let key = match (t.former, t.date) {
                (true, Some((_, end))) => (0, Some(end), None, i),
                (true, None) => (1, None, None, i),
                (false, d) => (2, d.map(|d| d.0).or(c.published), c.published, i),
            };
            let label = attribution(c);
            match leaders.iter_mut().find(|l| l.name == who) {
                Some(l) => {
                    if !l.labels.contains(&label) {
                        l.labels.push(label);
                    }
                    let better = (t.former && !l.former)
                        || (t.former == l.former && l.date.is_none() && t.date.is_some());
                    if better {
                        l.key = key;
                        l.date = t.date.or(l.date);
                        l.former = t.former;
                    }
                }
                None => leaders.push(Leader {
                    key,
                    name: who,
                    former: t.former,
                    date: t.date,
                    labels: vec![label],
                }),
            }
        }
        leaders.sort_by_key(|l| l.key);
        let parts: Vec<String> = leaders
            .iter()
            .map(|l| {
                let mut labels = l.labels.clone();
                labels.truncate(3);
                let when = match (l.former, l.date) {
                    (true, Some((a, b))) => format!("until {}", span(a, b)),
                    (true, None) => "former; the reports give no dates".into(),
                    (false, Some((a, b))) => format!("current, since {}", span(a, b)),
                    (false, None) => "current".into(),
                };
                format!("{} ({when}; {})", l.name, labels.join(", "))
            })
            .collect();
        let sources = plural(x.sources.len().max(1), "source");
        return match x.verdict {
            Verdict::ChangedOverTime | Verdict::Conflict if parts.len() > 1 => format!(
                "The leaders of {name} in order of tenure, as far as the reports date it ({sources}): {}.",
                parts.join(", then ")
            ),
            _ => format!("The leader of {name} ({sources}): {}.", parts.join("; ")),
        };
    }
    // One claim per distinct value, in time order for changes.
    let mut order: Vec<usize> = (0..x.claims.len()).collect();
    let when_key = |i: usize| {
        let c = of(&x.claims[i].id);
        let v = c.and_then(|c| record_day(&c.record["value"], "time"));
        let w = c.and_then(|c| record_day(&c.record, "when"));
        (v.or(w).or(c.and_then(|c| c.published)), i)
    };
    if x.verdict != Verdict::Conflict {
        order.sort_by_key(|&i| when_key(i));
    } else if let Some((a, b)) = x.pairs.first() {
        let at = |id: &str| x.claims.iter().position(|c| c.id == id);
        if let (Some(a), Some(b)) = (at(a), at(b)) {
            order.retain(|&c| c != a && c != b);
            order.insert(0, b);
            order.insert(0, a);
        }
    }
    let mut seen: Vec<String> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    for &i in &order {
        let Some(c) = of(&x.claims[i].id) else { continue };
        let value = crate::pages::stored::value_words(&c.record);
        let v = match c.record["modality"].as_str() {
            Some("denied") => format!("not {value}"),
            _ => value,
        };
        if seen.contains(&v) {
            continue;
        }
        seen.push(v.clone());
        if parts.len() < 5 {
            let when = match c.record["when"]["text"].as_str() {
                Some(t) if t != "publication date" => format!(", {}", clean_text(t)),
                _ => String::new(),
            };
            parts.push(format!("{v}{when} ({})", attribution(c)));
        }
    }
    let more = seen.len().saturating_sub(parts.len());
    let tail =
        if more > 0 { format!(", and {} more", plural(more, "value")) } else { String::new() };
    let sources = plural(x.sources.len().max(1), "source");
    match x.verdict {
        Verdict::Conflict => {
            format!("Sources disagree on the {what} of {name}: {}{tail}.", parts.join(" versus "))
        }
        Verdict::ChangedOverTime => {
            format!(
                "The {what} of {name} changed over time ({sources}): {}{tail}.",
                parts.join(", then ")
            )
        }
        Verdict::Agree => format!("{sources} agree on the {what} of {name}: {}.", parts.join("; ")),
        Verdict::Compatible => format!(
            "The figures for the {what} of {name} fit together ({sources}): {}{tail}.",
            parts.join("; ")
        ),
        Verdict::SingleSource => {
            format!("One source gives the {what} of {name}: {}{tail}.", parts.join("; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
