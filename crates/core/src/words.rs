//! Stored forms written as words: predicates, counts, figures, time
//! intervals, and the one-sentence summary of a stored finding.
//!
//! The store keeps machine forms (`first_active`, `..2004-12-31`); a reader
//! should never see them. The server's pages write everything through
//! here, and the store writes each finding's summary with
//! [`stored_summary`] when it stores the finding (schema v7), so that a
//! list of findings reads no claim.

use chrono::{Datelike, NaiveDate};
use serde_json::Value as Json;

use crate::label::clean_text;
use crate::reconcile::{StoredClaimRecord, StoredFinding, StoredTenure};
use crate::{Granularity, Predicate, Quantity, TimeInterval, Verdict, When};

/// "1,024": thousands separated by commas.
pub fn num(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

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
        "designated" => "Listed as terrorist by",
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
        "designated" => "designations",
        other => return other.replace('_', " "),
    };
    s.to_string()
}

/// An event kind as words: "suicide bombing", "rocket or mortar fire".
pub fn event_kind(k: crate::EventKind) -> String {
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
    format!("{} {}", num(n), if n == 1 { one } else { many })
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
pub fn span(a: NaiveDate, b: NaiveDate) -> String {
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
pub fn quantity(q: &Quantity) -> String {
    let f = |x: f64| {
        if x.fract() == 0.0 && x.abs() < 1e15 && x >= 0.0 {
            num(x as usize)
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

/// A time (`T` of the export contract) read back: its words and interval.
pub fn when_of(j: &Json) -> Option<When> {
    let text = j.get("text")?.as_str()?.to_string();
    let interval = j
        .get("granularity")
        .is_some()
        .then(|| serde_json::from_value::<TimeInterval>(j.clone()).ok())
        .flatten();
    Some(When { interval, text })
}

/// A claim's value in words, from its export record.
pub fn value_words(r: &Json) -> String {
    let v = &r["value"];
    if let Some(t) = v.get("time") {
        if let Some(When { interval: Some(i), text }) = when_of(t) {
            let w = interval(&i);
            let t = clean_text(&text);
            return if w.to_lowercase().starts_with(&t.to_lowercase()) {
                w
            } else {
                format!("{t} ({w})")
            };
        }
    }
    if let Some(qj) = v.get("quantity") {
        if let Ok(qv) = serde_json::from_value::<Quantity>(qj.clone()) {
            return match v.get("unit").and_then(Json::as_str) {
                Some(u) => format!("{} {u}", quantity(&qv)),
                None => quantity(&qv),
            };
        }
    }
    r["value_text"].as_str().unwrap_or("").to_string()
}

/// A claim's own time ("in 2016"), its value's and its document's date,
/// from its record: what orders a finding's values.
fn record_day(r: &serde_json::Value, at: &str) -> Option<NaiveDate> {
    let t = &r[at];
    let day = |k: &str| t[k].as_str().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    day("start").or_else(|| day("end"))
}

/// One report of a leader, for [`leader_sentence`].
pub struct LeaderReport {
    /// The leader's name as the claim gives it.
    pub name: String,
    /// Whether the report makes them a former leader.
    pub former: bool,
    /// The days the report's tenure dates, if any.
    pub date: Option<(NaiveDate, NaiveDate)>,
    /// The order of tenure: former and dated first, then former, then current.
    pub key: (u8, Option<NaiveDate>, Option<NaiveDate>, usize),
    /// The report's attribution ("UN report, via Reuters").
    pub label: String,
}

/// The leaders of `name` in order of tenure, one line per leader placed by
/// the earliest report that dates them: the summary of a leader finding,
/// from the stored records and from the whole-corpus view alike.
pub fn leader_sentence(
    name: &str,
    verdict: Verdict,
    sources: usize,
    reports: impl Iterator<Item = LeaderReport>,
) -> String {
    struct Leader {
        key: (u8, Option<NaiveDate>, Option<NaiveDate>, usize),
        name: String,
        former: bool,
        date: Option<(NaiveDate, NaiveDate)>,
        labels: Vec<String>,
    }
    let mut leaders: Vec<Leader> = Vec::new();
    for r in reports {
        match leaders.iter_mut().find(|l| l.name == r.name) {
            Some(l) => {
                if !l.labels.contains(&r.label) {
                    l.labels.push(r.label);
                }
                // A dated claim places the leader better than an undated one;
                // "former" in any report outranks "current" in an older one.
                let better = (r.former && !l.former)
                    || (r.former == l.former && l.date.is_none() && r.date.is_some());
                if better {
                    l.key = r.key;
                    l.date = r.date.or(l.date);
                    l.former = r.former;
                }
            }
            None => leaders.push(Leader {
                key: r.key,
                name: r.name,
                former: r.former,
                date: r.date,
                labels: vec![r.label],
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
    let sources = plural(sources.max(1), "source");
    match verdict {
        Verdict::ChangedOverTime | Verdict::Conflict if parts.len() > 1 => format!(
            "The leaders of {name} in order of tenure, as far as the reports date it ({sources}): {}.",
            parts.join(", then ")
        ),
        _ => format!("The leader of {name} ({sources}): {}.", parts.join("; ")),
    }
}

/// The one-sentence summary of a finding, written from its claims'
/// records (those of `claims` it holds; a leader finding's first 400 are
/// enough): leaders in order of tenure, other changes in order of time,
/// every document named by its label. The same sentence as the server's
/// summary from the whole-corpus view.
pub fn stored_summary<'a>(
    x: &StoredFinding,
    of: impl Fn(&str) -> Option<&'a StoredClaimRecord>,
) -> String {
    let name = &x.subject_name;
    let what = predicate_noun(x.predicate);
    let attribution = |c: &StoredClaimRecord| match c.record["source"].as_str() {
        Some(src) => format!("{src}, via {}", c.label),
        None => c.label.clone(),
    };
    if x.predicate == Predicate::Leader {
        let reports = x.claims.iter().take(400).enumerate().filter_map(|(i, sc)| {
            let c = of(&sc.id)?;
            let t = c.tenure.unwrap_or(StoredTenure {
                former: c.record["status"].as_str() == Some("former"),
                date: None,
            });
            let key = match (t.former, t.date) {
                (true, Some((_, end))) => (0, Some(end), None, i),
                (true, None) => (1, None, None, i),
                (false, d) => (2, d.map(|d| d.0).or(c.published), c.published, i),
            };
            Some(LeaderReport {
                name: value_words(&c.record),
                former: t.former,
                date: t.date,
                key,
                label: attribution(c),
            })
        });
        return leader_sentence(name, x.verdict, x.sources.len(), reports);
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
        let value = value_words(&c.record);
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
    value_sentence(name, &what, x.verdict, x.sources.len(), &parts, seen.len())
}

/// The summary of a finding other than a leader's: its first distinct
/// values (`parts`, of `distinct` in all) as the verdict puts them. Shared
/// by the stored records and the whole-corpus view.
pub fn value_sentence(
    name: &str,
    what: &str,
    verdict: Verdict,
    sources: usize,
    parts: &[String],
    distinct: usize,
) -> String {
    let more = distinct.saturating_sub(parts.len());
    let tail =
        if more > 0 { format!(", and {} more", plural(more, "value")) } else { String::new() };
    let sources = plural(sources.max(1), "source");
    match verdict {
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
