//! A TimeML reader and a TempEval-3 style scorer for [`find_times`].
//!
//! [`parse_timeml`] reads the text of a `.tml` file: the document creation
//! time comes from the `TIMEX3` whose `functionInDocument` is
//! `CREATION_TIME`; the body is the content of `<TEXT>`, with every tag
//! stripped and the five XML entities decoded, and each gold `TIMEX3` inside
//! it kept as a [`Span`] into that plain text. Non-consuming (empty) `TIMEX3`
//! tags are ignored, as TempEval-3 does.
//!
//! [`TimemlScorer`] runs [`find_times`] on each document with its DCT and
//! counts, as the TempEval-3 scorer defines them:
//! - strict match: the system span equals the gold span;
//! - relaxed match: the spans overlap;
//! - value (and type) accuracy over relaxed matches, reported as an F1 where
//!   precision divides the relaxed matches with the right value by the number
//!   of system mentions and recall by the number of gold mentions.
//!
//! Precision counts system mentions that match some gold mention, recall
//! counts gold mentions matched by some system mention. Attribute scores pair
//! each gold mention with the first overlapping system mention not already
//! paired.
//!
//! Pure functions: callers read the files.
//!
//! ```
//! use dossier_core::timeml::TimemlScorer;
//!
//! let tml = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2021-08-28"
//! functionInDocument="CREATION_TIME">August 28, 2021</TIMEX3></DCT>
//! <TEXT>Gunmen struck on <TIMEX3 tid="t1" type="DATE" value="2021-08-26">Thursday</TIMEX3>.</TEXT></TimeML>"#;
//! let mut scorer = TimemlScorer::default();
//! scorer.add_document(tml)?;
//! let report = scorer.report();
//! assert_eq!(report.value.f1, 1.0);
//! println!("{report}");
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use chrono::NaiveDate;

use crate::time::{find_times, TimexType};
use crate::Span;

/// One gold `TIMEX3`.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldTimex {
    /// Its extent in [`TimemlDoc::text`].
    pub span: Span,
    /// Its `type` attribute.
    pub timex_type: Option<TimexType>,
    /// Its `value` attribute.
    pub value: String,
}

/// A TimeML document read into plain text and gold time expressions.
#[derive(Clone, Debug, PartialEq)]
pub struct TimemlDoc {
    /// The content of `<TEXT>` without tags, entities decoded.
    pub text: String,
    /// The creation time, when the document has one.
    pub dct: Option<NaiveDate>,
    /// The gold time expressions inside `<TEXT>`, in order.
    pub timexes: Vec<GoldTimex>,
}

/// Reads a `.tml` document.
///
/// Fails when there is no `<TEXT>` element or a `TIMEX3` is left open.
pub fn parse_timeml(tml: &str) -> Result<TimemlDoc, String> {
    let dct = find_dct(tml);
    let open = tml.find("<TEXT>").ok_or("no <TEXT> element: is this a TimeML file?")?;
    let body_start = open + "<TEXT>".len();
    let body_end = tml[body_start..]
        .find("</TEXT>")
        .map(|k| body_start + k)
        .ok_or("<TEXT> is never closed")?;
    let body = &tml[body_start..body_end];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut stack: Vec<(usize, Option<TimexType>, String)> = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        match rest.find(['<', '&']) {
            None => {
                text.push_str(rest);
                break;
            }
            Some(k) => {
                text.push_str(&rest[..k]);
                rest = &rest[k..];
            }
        }
        if rest.starts_with('&') {
            let (ch, len) = decode_entity(rest);
            text.push_str(ch);
            rest = &rest[len..];
            continue;
        }
        let close = rest.find('>').ok_or("a tag is never closed")?;
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            if name.trim() == "TIMEX3" {
                let (start, timex_type, value) = stack.pop().ok_or("</TIMEX3> without <TIMEX3>")?;
                timexes.push(GoldTimex { span: Span::new(start, text.len()), timex_type, value });
            }
            continue;
        }
        if tag.starts_with("TIMEX3") && !tag.trim_end().ends_with('/') {
            let timex_type = attr(tag, "type").and_then(|t| match t {
                "DATE" => Some(TimexType::Date),
                "TIME" => Some(TimexType::Time),
                "DURATION" => Some(TimexType::Duration),
                "SET" => Some(TimexType::Set),
                _ => None,
            });
            let value = attr(tag, "value").unwrap_or("").to_string();
            stack.push((text.len(), timex_type, value));
        }
    }
    if !stack.is_empty() {
        return Err("a <TIMEX3> inside <TEXT> is never closed".into());
    }
    timexes.sort_by_key(|t| (t.span.start, t.span.end));
    Ok(TimemlDoc { text, dct, timexes })
}

fn find_dct(tml: &str) -> Option<NaiveDate> {
    let mut rest = tml;
    while let Some(k) = rest.find("<TIMEX3") {
        rest = &rest[k..];
        let end = rest.find('>')?;
        let tag = &rest[1..end];
        if attr(tag, "functionInDocument") == Some("CREATION_TIME") {
            let v = attr(tag, "value")?;
            let digits: String = v.chars().filter(char::is_ascii_digit).take(8).collect();
            return NaiveDate::parse_from_str(&digits, "%Y%m%d").ok();
        }
        rest = &rest[end..];
    }
    None
}

/// The value of attribute `name` in a tag's text.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(k) = rest.find(name) {
        let before_ok = k == 0 || rest.as_bytes()[k - 1].is_ascii_whitespace();
        let after = rest[k + name.len()..].trim_start();
        if before_ok {
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                let q = v.chars().next()?;
                if q == '"' || q == '\'' {
                    let body = &v[1..];
                    return body.find(q).map(|e| &body[..e]);
                }
            }
        }
        rest = &rest[k + name.len()..];
    }
    None
}

fn decode_entity(s: &str) -> (&'static str, usize) {
    for (ent, ch) in
        [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'")]
    {
        if s.starts_with(ent) {
            return (ch, ent.len());
        }
    }
    ("&", 1)
}

/// Values that mean the same thing written two ways.
fn same_value(gold: &str, sys: &str) -> bool {
    let norm = |v: &str| -> String {
        let v = v.trim();
        match v {
            "P1DE" => "P10Y".into(),
            "P1CE" => "P100Y".into(),
            _ => v.to_string(),
        }
    };
    norm(gold) == norm(sys)
}

/// Precision, recall and F1 of one measure.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

impl Prf {
    fn new(sys_hits: usize, sys: usize, gold_hits: usize, gold: usize) -> Prf {
        let p = if sys == 0 { 0.0 } else { sys_hits as f64 / sys as f64 };
        let r = if gold == 0 { 0.0 } else { gold_hits as f64 / gold as f64 };
        let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        Prf { precision: p, recall: r, f1 }
    }
}

/// The scores over every document added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimemlReport {
    /// Documents scored.
    pub documents: usize,
    /// Gold time expressions.
    pub gold: usize,
    /// System time expressions.
    pub system: usize,
    /// Exact span match.
    pub strict: Prf,
    /// Overlapping span match.
    pub relaxed: Prf,
    /// Relaxed match with the right value.
    pub value: Prf,
    /// Relaxed match with the right type.
    pub timex_type: Prf,
    /// Up to 50 gold mentions missed or given a wrong value, for debugging:
    /// (gold text, gold value, system text, system value).
    pub errors: Vec<(String, String, String, String)>,
}

impl fmt::Display for TimemlReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "TimeML evaluation: {} documents, {} gold TIMEX3, {} system",
            self.documents, self.gold, self.system
        )?;
        writeln!(f, "{:<10} {:>9} {:>9} {:>9}", "measure", "precision", "recall", "F1")?;
        for (name, s) in [
            ("strict", self.strict),
            ("relaxed", self.relaxed),
            ("value", self.value),
            ("type", self.timex_type),
        ] {
            writeln!(f, "{:<10} {:>9.4} {:>9.4} {:>9.4}", name, s.precision, s.recall, s.f1)?;
        }
        Ok(())
    }
}

/// Accumulates TempEval-3 counts over documents.
#[derive(Clone, Debug, Default)]
pub struct TimemlScorer {
    documents: usize,
    gold: usize,
    system: usize,
    strict_sys: usize,
    strict_gold: usize,
    relaxed_sys: usize,
    relaxed_gold: usize,
    value_ok: usize,
    type_ok: usize,
    errors: Vec<(String, String, String, String)>,
}

impl TimemlScorer {
    /// Scores one `.tml` document's text.
    pub fn add_document(&mut self, tml: &str) -> Result<(), String> {
        let doc = parse_timeml(tml)?;
        let sys = find_times(&doc.text, doc.dct);
        self.documents += 1;
        self.gold += doc.timexes.len();
        self.system += sys.len();
        self.strict_sys +=
            sys.iter().filter(|s| doc.timexes.iter().any(|g| g.span == s.span)).count();
        self.strict_gold +=
            doc.timexes.iter().filter(|g| sys.iter().any(|s| g.span == s.span)).count();
        self.relaxed_sys +=
            sys.iter().filter(|s| doc.timexes.iter().any(|g| g.span.overlaps(s.span))).count();
        self.relaxed_gold +=
            doc.timexes.iter().filter(|g| sys.iter().any(|s| g.span.overlaps(s.span))).count();
        let mut used = vec![false; sys.len()];
        for g in &doc.timexes {
            let pick = sys.iter().enumerate().find(|(k, s)| !used[*k] && g.span.overlaps(s.span));
            let gtext = g.span.slice(&doc.text).to_string();
            match pick {
                Some((k, s)) => {
                    used[k] = true;
                    let v = s.interval.as_ref().and_then(|i| i.value.clone()).unwrap_or_default();
                    if same_value(&g.value, &v) {
                        self.value_ok += 1;
                    } else if self.errors.len() < 50 {
                        self.errors.push((
                            gtext,
                            g.value.clone(),
                            s.span.slice(&doc.text).to_string(),
                            v,
                        ));
                    }
                    if Some(s.timex_type) == g.timex_type {
                        self.type_ok += 1;
                    }
                }
                None => {
                    if self.errors.len() < 50 {
                        self.errors.push((gtext, g.value.clone(), String::new(), String::new()));
                    }
                }
            }
        }
        Ok(())
    }

    /// The scores so far.
    pub fn report(&self) -> TimemlReport {
        TimemlReport {
            documents: self.documents,
            gold: self.gold,
            system: self.system,
            strict: Prf::new(self.strict_sys, self.system, self.strict_gold, self.gold),
            relaxed: Prf::new(self.relaxed_sys, self.system, self.relaxed_gold, self.gold),
            value: Prf::new(self.value_ok, self.system, self.value_ok, self.gold),
            timex_type: Prf::new(self.type_ok, self.system, self.type_ok, self.gold),
            errors: self.errors.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_text_spans_and_dct() {
        let tml = r#"<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-01T08:00" functionInDocument='CREATION_TIME'>March 1</TIMEX3></DCT>
<TEXT>A &amp; B met <TIMEX3 tid="t1" type="DATE" value="1998-02-27">Friday</TIMEX3><TIMEX3 tid="t9" type="DURATION" value="P1D" /> for <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>.</TEXT></TimeML>"#;
        let d = parse_timeml(tml).unwrap();
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(1998, 3, 1));
        assert_eq!(d.text, "A & B met Friday for two days.");
        assert_eq!(d.timexes.len(), 2);
        assert_eq!(d.timexes[0].span.slice(&d.text), "Friday");
        assert_eq!(d.timexes[1].value, "P2D");
        assert_eq!(d.timexes[1].timex_type, Some(TimexType::Duration));
        assert!(parse_timeml("<TimeML></TimeML>").is_err());
    }
}
