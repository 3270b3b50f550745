//! Quantities: numbers with their hedges, read into intervals.
//!
//! [`find_quantities`] scans text once and returns every quantity mention with
//! its span, its interval value and the span of the counted thing (the head
//! noun: "fighters", "troops", "attacks").
//!
//! # How text becomes an interval
//!
//! Numerals: digits with thousands commas ("1,500"), a thousands dot when it
//! is unambiguous (one or more groups of exactly three digits and no scale
//! word after: "1.500" = 1500, but "1.500 million" = 1.5 million), decimals
//! with scales ("1.5 million", "2bn", "10k", "$5m"), number words ("thirteen",
//! "seventy-five", "one hundred and twenty", "a dozen", "two dozen").
//!
//! | text | low | high | approximate |
//! |---|---|---|---|
//! | thirteen | 13 | 13 | no |
//! | about / around / approximately / roughly / some / an estimated / X or so | X·0.9 | X·1.1 | yes |
//! | nearly / almost / just under / just shy of X | X·0.9 | X | yes |
//! | just over / just more than X | X | X·1.1 | yes |
//! | over / more than / at least / upwards of / exceeding / no fewer than / well over X, X or more, X-plus, X+ | X | open | no |
//! | up to / at most / fewer than / less than / under / as many as / no more than X | open | X | no |
//! | between X and Y, between X to Y, from X to Y, X to Y, X-Y, X–Y | X | Y | no |
//! | X or Y ("two or three") | X | Y | yes |
//! | dozens (of) | 24 | open | yes |
//! | scores of | 40 | open | yes |
//! | hundreds (of) | 200 | 999 | yes |
//! | thousands (of) | 2,000 | 9,999 | yes |
//! | tens of thousands | 20,000 | 99,999 | yes |
//! | hundreds of thousands | 200,000 | 999,999 | yes |
//! | millions | 2,000,000 | 999,999,999 | yes |
//! | several | 3 | 9 | yes |
//! | several hundred / thousand | 300 / 3,000 | 900 / 9,000 | yes |
//! | a few | 2 | 5 | yes |
//! | a few hundred / thousand | 200 / 2,000 | 500 / 5,000 | yes |
//! | a handful of | 2 | 6 | yes |
//! | a couple of | 2 | 3 | yes |
//!
//! Hedged bands of counts are widened to whole numbers (floor of the low end,
//! ceiling of the high end): "about 5" is 4..6, "about 1,000" is 900..1100.
//! "More than 150" keeps 150 as its low end (not 151), as DESIGN.md says.
//! A range shares a trailing scale: "1.5 to 2 million" is 1,500,000..2,000,000.
//!
//! Percentages ("40 percent", "40 per cent", "40%") have
//! [`QuantityKind::Percent`] and a value in percent; fractions ("a third of",
//! "two-thirds of", "half of", "a quarter of") have [`QuantityKind::Fraction`]
//! and a ratio value (a third is 0.333333).
//!
//! # What is not a quantity
//!
//! Years (four plain digits 1900–2099, unless a counted noun follows as in
//! "2000 fighters" or a bound precedes as in "more than 2000"), days of a month
//! ("26 August", "Aug. 26"), numeric dates, times ("3 p.m.", "10:30"),
//! decades ("1990s"), ordinals ("26th", "the first four months"), phone-like
//! and ID-like digit strings (seven or more plain digits, leading zeros,
//! "555-1234", "A320", "F-16", "Resolution 2254"), a bare "one" that does not
//! count a noun ("at one point", "one of the", "no one"), "some" before a
//! non-number ("some experts"), and numbers that measure time before "ago" or
//! after "first/last/past/next".
//!
//! # The counted thing
//!
//! The unit is the head noun after the number, skipping adjectives from a
//! fixed list, capitalized words (nationalities, "U.S.") and hyphen joins:
//! "13 U.S. troops" → troops, "75 Afghan civilians" → civilians, "1,000
//! strong" and "a 1,000-strong force" → strong. Vague amounts and fractions
//! take their noun after "of (the)": "dozens of fighters" → fighters. When
//! only a capitalized word follows ("200 Taliban were killed") it is the unit.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};

use crate::scan::{lex, tokenize, Kind, Lex, NumClass, Toks, NO_LEX, W};
use crate::Span;

/// A numeric value as an interval, with a flag for hedged figures.
///
/// `low`/`high` are inclusive bounds; `None` means open on that side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Lower bound, inclusive; `None` when open.
    pub low: Option<f64>,
    /// Upper bound, inclusive; `None` when open.
    pub high: Option<f64>,
    /// True when the text hedges the figure ("about", "an estimated", "dozens").
    pub approximate: bool,
}

impl Quantity {
    /// An exact figure `n..n`.
    pub fn exact(n: f64) -> Quantity {
        Quantity { low: Some(n), high: Some(n), approximate: false }
    }

    /// A closed range.
    pub fn range(low: f64, high: f64, approximate: bool) -> Quantity {
        Quantity { low: Some(low), high: Some(high), approximate }
    }

    /// True when the two intervals share at least one value.
    pub fn overlaps(&self, other: &Quantity) -> bool {
        let lo = max_opt(self.low, other.low);
        let hi = min_opt(self.high, other.high);
        match (lo, hi) {
            (Some(l), Some(h)) => l <= h,
            _ => true,
        }
    }

    /// True when `other`'s interval lies inside this one.
    pub fn contains(&self, other: &Quantity) -> bool {
        let low_ok = match (self.low, other.low) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => a <= b,
        };
        let high_ok = match (self.high, other.high) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => b <= a,
        };
        low_ok && high_ok
    }

    /// The sum of two intervals (an open bound stays open).
    pub fn add(&self, other: &Quantity) -> Quantity {
        Quantity {
            low: Some(self.low.unwrap_or(0.0) + other.low.unwrap_or(0.0)),
            high: match (self.high, other.high) {
                (Some(a), Some(b)) => Some(a + b),
                _ => None,
            },
            approximate: self.approximate || other.approximate,
        }
    }

    /// A short human reading: "1000", "900–1100 (approx.)", "≥150".
    pub fn display(&self) -> String {
        let f = |x: f64| {
            if x.fract() == 0.0 && x.abs() < 1e15 {
                format!("{}", x as i64)
            } else {
                format!("{x}")
            }
        };
        let core = match (self.low, self.high) {
            (Some(l), Some(h)) if l == h => f(l),
            (Some(l), Some(h)) => format!("{}–{}", f(l), f(h)),
            (Some(l), None) => format!("≥{}", f(l)),
            (None, Some(h)) => format!("≤{}", f(h)),
            (None, None) => "unknown".to_string(),
        };
        if self.approximate {
            format!("{core} (approx.)")
        } else {
            core
        }
    }
}

fn max_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

fn min_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// What sort of number a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    /// A count of things ("13 troops", "dozens of fighters").
    Count,
    /// A percentage ("40 percent"); the value is in percent.
    Percent,
    /// A fraction ("a third of"); the value is the ratio.
    Fraction,
}

/// One quantity found in text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuantityMention {
    /// The whole expression, hedge included ("between 1,500 to 2,000").
    pub span: Span,
    /// Its value.
    pub quantity: Quantity,
    /// What kind of number it is.
    pub kind: QuantityKind,
    /// The head noun of the counted thing ("fighters"), when there is one.
    pub unit: Option<Span>,
}

/// Finds every quantity in `text`.
///
/// See the module documentation for the bands each hedge maps to.
pub fn find_quantities(text: &str) -> Vec<QuantityMention> {
    if !has_trigger(text) {
        return Vec::new();
    }
    find_quantities_in(text, &tokenize(text))
}

/// [`find_quantities`] over tokens already made by `scan::tokenize`, so that
/// the pipeline tokenizes once for quantities and times.
pub(crate) fn find_quantities_in(text: &str, toks: &[crate::scan::Tok]) -> Vec<QuantityMention> {
    let cx = Cx(Toks { text, toks });
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match cx.mention_at(i) {
            Some((m, next)) => {
                out.push(m);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// A byte prefilter: quantities need a digit or a number word; most short
/// texts (titles, captions) have neither.
fn has_trigger(text: &str) -> bool {
    static AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
        let words = [
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "one", "two", "three", "four",
            "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "teen", "ty",
            "hundred", "thousand", "million", "billion", "dozen", "score", "several", "few",
            "handful", "couple", "half", "third", "quarter", "fifth",
        ];
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(words)
            .expect("static patterns")
    });
    text.len() > 256 || AC.is_match(text)
}

/// A number read at a token position, before hedges.
#[derive(Clone, Copy, Debug)]
struct Core {
    /// First and one-past-last token.
    s: usize,
    e: usize,
    low: f64,
    high: Option<f64>,
    approximate: bool,
    kind: QuantityKind,
    /// The number carries its own scale word ("2 million").
    scaled: bool,
    /// A vague amount or fraction that takes "of" before its noun.
    takes_of: bool,
    /// A bare "one" that needs support (a counted noun, a hedge, a range).
    weak: bool,
    /// Four plain digits that might be a year.
    yearish: bool,
}

struct Cx<'a>(Toks<'a>);

impl<'a> std::ops::Deref for Cx<'a> {
    type Target = Toks<'a>;
    fn deref(&self) -> &Toks<'a> {
        &self.0
    }
}

const MAX_EXACT: f64 = 1e15;

impl Cx<'_> {
    fn word_eq(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
            && self.tstr(i).eq_ignore_ascii_case(w)
    }

    /// Tries to read a whole mention starting at token `i`.
    fn mention_at(&self, i: usize) -> Option<(QuantityMention, usize)> {
        let t = self.toks[i];
        // Quick reject: mentions start with a number, a number word or a
        // trigger word.
        if t.kind == Kind::Punct && t.p != b'$' {
            return None;
        }
        if t.kind == Kind::Word && t.lex == NO_LEX {
            return None;
        }
        // Find the first core at or after `i` reachable through modifiers.
        let (pre, core_at) = self.prefix(i)?;
        let mut core = self.core(core_at)?;
        if core_at > 0 && self.blocked_before(core_at) {
            return None;
        }
        let mut span_s = self.toks[i].s as usize;
        let mut approximate = core.approximate;
        let mut low = Some(core.low);
        let mut high = core.high;
        let mut end = core.e;
        let mut ranged = false;

        // Ranges and choices.
        if let Some((c2, kind)) = self.range_tail(&core, pre) {
            if !core.scaled && c2.scaled && c2.low >= 1000.0 {
                let scale = scale_of(c2.low);
                if core.low < scale {
                    core.low *= scale;
                    if let Some(h) = core.high.as_mut() {
                        *h *= scale;
                    }
                }
            }
            low = Some(core.low.min(c2.low));
            high = Some(c2.high.unwrap_or(c2.low).max(core.high.unwrap_or(core.low)));
            if c2.high.is_none() && c2.approximate {
                high = None;
            }
            approximate |= c2.approximate || kind == RangeKind::Choice;
            end = c2.e;
            ranged = true;
            core.kind = if c2.kind != QuantityKind::Count { c2.kind } else { core.kind };
            core.takes_of |= c2.takes_of;
        } else if matches!(pre, Pre::Between | Pre::From) {
            // "between" without a second number: read the number alone.
            span_s = self.toks[core_at].s as usize;
        }
        if core.weak && !ranged {
            // A bare "one" counts only before a counted noun.
            let (k, _) = self.skip_adjs(end);
            if !self.lx(k).count_noun {
                return None;
            }
        }
        if core.yearish
            && !ranged
            && matches!(pre, Pre::None | Pre::Approx | Pre::Between | Pre::From)
        {
            let (k, _) = self.skip_adjs(end);
            if !(self.lx(k).count_noun && self.plural(k)) {
                return None;
            }
        }
        // "a three-day siege", "a 29-year-old man": a duration or an age.
        if self.is_punct(end, b'-')
            && self.tight(end)
            && self.lx(end + 1).unit.is_some()
            && self.tight(end + 1)
        {
            return None;
        }

        // Percent signs and words.
        let mut kind = core.kind;
        let percent_len = if self.is_punct(end, b'%') || self.w(end) == W::Percent {
            1
        } else if (self.w(end) == W::Per && self.w(end + 1) == W::Cent)
            || (self.word_eq(end, "percentage") && self.word_eq(end + 1, "points"))
        {
            2
        } else {
            0
        };
        if percent_len > 0 {
            kind = QuantityKind::Percent;
            end += percent_len;
        }

        // Right-hand modifiers.
        let mut post_low = false;
        let mut post_approx = false;
        if self.w(end) == W::Or && self.w(end + 1) == W::More {
            post_low = true;
            end += 2;
        } else if self.w(end) == W::Or && self.w(end + 1) == W::So {
            post_approx = true;
            end += 2;
        } else if self.is_punct(end, b'+') && self.tight(end) {
            post_low = true;
            end += 1;
        } else if self.is_punct(end, b'-')
            && self.tight(end)
            && self.w(end + 1) == W::Plus
            && self.tight(end + 1)
        {
            post_low = true;
            end += 2;
        }

        // Apply the prefix.
        let base_lo = low.unwrap_or(0.0);
        let base_hi = high.unwrap_or(base_lo);
        match pre {
            Pre::None | Pre::Between | Pre::From => {}
            Pre::Approx => {
                approximate = true;
                low = Some(band_low(base_lo, 0.9, kind));
                high = if high.is_none() && core.approximate {
                    None
                } else {
                    Some(band_high(base_hi, 1.1, kind))
                };
            }
            Pre::Nearly => {
                approximate = true;
                low = Some(band_low(base_lo, 0.9, kind));
                high = Some(base_hi);
            }
            Pre::JustOver => {
                approximate = true;
                low = Some(base_lo);
                high = Some(band_high(base_hi, 1.1, kind));
            }
            Pre::Lower => {
                low = Some(base_lo);
                high = None;
            }
            Pre::Upper => {
                low = None;
                high = Some(base_hi);
            }
        }
        if post_low {
            high = None;
        }
        if post_approx {
            approximate = true;
            low = Some(band_low(base_lo, 0.9, kind));
            high = Some(band_high(base_hi, 1.1, kind));
        }

        // Numbers in "the first four months", "three days ago" are time.
        let after = self.lx(end);
        if after.unit.is_some() && kind == QuantityKind::Count {
            let before = if core_at > 0 { self.lx(core_at - 1) } else { Lex::default() };
            if before.ordinal > 0
                || matches!(
                    before.w,
                    W::Last | W::Past | W::Next | W::Previous | W::Coming | W::First
                )
                || matches!(self.w(end + 1), W::Ago | W::Later | W::Earlier)
            {
                return None;
            }
        }

        // The counted thing.
        let mut unit_at = end;
        if core.takes_of || kind != QuantityKind::Count {
            if self.w(unit_at) == W::Of {
                unit_at += 1;
                if matches!(self.w(unit_at), W::The)
                    || self.word_eq(unit_at, "them")
                    || self.word_eq(unit_at, "its")
                    || self.word_eq(unit_at, "their")
                {
                    unit_at += 1;
                }
            } else if kind == QuantityKind::Fraction {
                return None;
            }
        } else if self.w(unit_at) == W::Of && self.w(unit_at + 1) == W::The {
            // "two of the attackers"
            unit_at += 2;
        }
        let unit = if kind == QuantityKind::Percent && unit_at == end {
            None
        } else {
            self.unit_at(unit_at)
        };
        let span = Span::new(span_s, self.toks[end - 1].e as usize);
        let quantity = Quantity { low, high, approximate };
        Some((QuantityMention { span, quantity, kind, unit }, end))
    }

    /// Reads hedge and bound words from `i`; returns the kind of prefix and
    /// the token where the number starts.
    fn prefix(&self, i: usize) -> Option<(Pre, usize)> {
        let w = self.w(i);
        let w1 = self.w(i + 1);
        let w2 = self.w(i + 2);
        let r = match w {
            W::About | W::Around | W::Approximately | W::Roughly => (Pre::Approx, i + 1),
            W::Some if self.starts_number(i + 1) => (Pre::Approx, i + 1),
            W::An | W::Estimated if w == W::Estimated || w1 == W::Estimated => {
                let k = if w == W::An { i + 2 } else { i + 1 };
                (Pre::Approx, k)
            }
            W::Nearly | W::Almost => (Pre::Nearly, i + 1),
            W::Up if w1 == W::To => (Pre::Upper, i + 2),
            W::At if w1 == W::Most => (Pre::Upper, i + 2),
            W::At if w1 == W::Least => (Pre::Lower, i + 2),
            W::No if matches!(w1, W::More | W::Fewer | W::Less) && w2 == W::Than => {
                if w1 == W::More {
                    (Pre::Upper, i + 3)
                } else {
                    (Pre::Lower, i + 3)
                }
            }
            W::More if w1 == W::Than => (Pre::Lower, i + 2),
            W::Over | W::Exceeding => (Pre::Lower, i + 1),
            W::Upwards if w1 == W::Of => (Pre::Lower, i + 2),
            W::Fewer | W::Less if w1 == W::Than => (Pre::Upper, i + 2),
            W::Under => (Pre::Upper, i + 1),
            W::As if w1 == W::Many && w2 == W::As => (Pre::Upper, i + 3),
            W::Just | W::Well if matches!(w1, W::Over | W::Under) => match (w, w1) {
                (W::Just, W::Over) => (Pre::JustOver, i + 2),
                (W::Just, W::Under) => (Pre::Nearly, i + 2),
                (_, W::Over) => (Pre::Lower, i + 2),
                _ => (Pre::Upper, i + 2),
            },
            W::Just | W::Well if matches!(w1, W::More | W::Fewer | W::Less) && w2 == W::Than => {
                match (w, w1) {
                    (W::Just, W::More) => (Pre::JustOver, i + 3),
                    (W::Just, _) => (Pre::Nearly, i + 3),
                    (_, W::More) => (Pre::Lower, i + 3),
                    _ => (Pre::Upper, i + 3),
                }
            }
            W::Between => (Pre::Between, i + 1),
            W::From => (Pre::From, i + 1),
            _ => (Pre::None, i),
        };
        // "approximately 1,500" etc. need a number right after; a bare
        // prefix is not a mention.
        if r.0 != Pre::None && !self.starts_number(r.1) {
            return None;
        }
        Some(r)
    }

    fn starts_number(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        match t.kind {
            Kind::Num => true,
            Kind::Punct => t.p == b'$' && self.toks.get(i + 1).is_some_and(|n| n.kind == Kind::Num),
            Kind::Word => {
                let l = lex(t);
                l.num.is_some()
                    || matches!(
                        l.w,
                        W::A | W::Dozens
                            | W::Scores
                            | W::Hundreds
                            | W::Thousands
                            | W::Millions
                            | W::Tens
                            | W::Several
                            | W::Half
                    )
            }
        }
    }

    /// Words that make the number after them something else: an ordinal
    /// ("the first four"), a name ("Resolution 2254", "F-16"), an ID.
    fn blocked_before(&self, k: usize) -> bool {
        let p = self.toks[k - 1];
        let cur = self.toks[k];
        if cur.kind == Kind::Num {
            if !cur.gap
                && (p.kind == Kind::Word
                    || (p.kind == Kind::Punct && matches!(p.p, b'-' | b'#' | b'/' | b':' | b'.')))
            {
                // "A320", "F-16", "#3", "1/2", "10:30", "v2.1"
                if p.kind == Kind::Punct
                    && p.p == b'-'
                    && k >= 2
                    && self.toks[k - 2].kind == Kind::Num
                {
                    return true;
                }
                return true;
            }
            let pw = self.tstr(k - 1);
            if p.kind == Kind::Word && p.cap && ID_WORDS.iter().any(|w| w.eq_ignore_ascii_case(pw))
            {
                return true;
            }
            if p.kind == Kind::Word && lex(&p).month > 0 && p.cap {
                return true;
            }
        }
        false
    }

    /// Reads one number (digits, words or a vague amount) at token `i`.
    fn core(&self, i: usize) -> Option<Core> {
        let t = *self.toks.get(i)?;
        match t.kind {
            Kind::Num => self.digits_core(i),
            Kind::Punct if t.p == b'$' => {
                let mut c = self.digits_core(i + 1)?;
                c.s = i;
                c.yearish = false;
                Some(c)
            }
            Kind::Punct => None,
            Kind::Word => self.word_core(i),
        }
    }

    fn digits_core(&self, i: usize) -> Option<Core> {
        let t = *self.toks.get(i)?;
        if t.kind != Kind::Num {
            return None;
        }
        let s = self.tstr(i);
        let n = self.toks.get(i + 1).copied();
        // Adjacent structures that make digits a date, a time or an ID.
        if let Some(n) = n {
            if !n.gap {
                match n.kind {
                    Kind::Punct
                        if matches!(n.p, b':' | b'/')
                            && self
                                .toks
                                .get(i + 2)
                                .is_some_and(|x| x.kind == Kind::Num && !x.gap) =>
                    {
                        return None
                    }
                    Kind::Punct if n.p == b'-' => {
                        // Dates (2021-08-26), phones (555-1234) and chains.
                        if let Some(x) = self.toks.get(i + 2) {
                            if x.kind == Kind::Num && !x.gap {
                                let a = s.len();
                                let b = x.len();
                                let chain = self.is_punct(i + 3, b'-')
                                    && self.tight(i + 3)
                                    && self
                                        .toks
                                        .get(i + 4)
                                        .is_some_and(|y| y.kind == Kind::Num && !y.gap);
                                if chain
                                    || (a == 3 && b == 4)
                                    || (a == 4 && b == 2 && !s.contains(','))
                                {
                                    return None;
                                }
                            }
                        }
                    }
                    Kind::Word => {
                        let w = self.tstr(i + 1);
                        let lw = lex(&n);
                        if !(is_scale_abbr(w)
                            || lw.num.is_some_and(|(_, c)| {
                                c == NumClass::Scale || c == NumClass::Hundred
                            })
                            || w.eq_ignore_ascii_case("percent")
                            || w.eq_ignore_ascii_case("pc"))
                        {
                            // "1990s", "26th", "3pm", "20mm", "7a"
                            return None;
                        }
                    }
                    _ => {}
                }
            }
        }
        // Times of day: "3 p.m.", "10 am", "1400 GMT".
        if let Some(n) = n {
            if n.kind == Kind::Word {
                let w = self.tstr(i + 1);
                if (matches!(w, "a" | "p" | "A" | "P")
                    && self.is_punct(i + 2, b'.')
                    && self.tight(i + 2)
                    && self.word_eq(i + 3, "m"))
                    || w.eq_ignore_ascii_case("am") && !n.cap
                    || w.eq_ignore_ascii_case("pm")
                    || matches!(w, "GMT" | "UTC" | "GMT+" | "BST" | "EST" | "hrs" | "hours" if w != "hours" || s.len() == 4)
                {
                    return None;
                }
                // Day of a month: "26 August", "26 Aug 2021".
                if n.cap && lex(&n).month > 0 && s.len() <= 2 {
                    return None;
                }
            }
        }
        // "Aug. 26"
        if i > 1
            && self.is_punct(i - 1, b'.')
            && self.toks[i - 2].cap
            && lex(&self.toks[i - 2]).month > 0
            && s.len() <= 2
        {
            return None;
        }
        if i > 0
            && self.toks[i - 1].kind == Kind::Word
            && self.toks[i - 1].cap
            && lex(&self.toks[i - 1]).month > 0
            && s.len() <= 4
            && !s.contains(',')
        {
            return None;
        }
        // "26th of August"
        let plain = !s.contains(',') && !s.contains('.');
        // Digit groups in a row are a phone or account number: "+44 20 7946".
        let num_at = |k: usize| self.toks.get(k).is_some_and(|x| x.kind == Kind::Num);
        if num_at(i + 1)
            || (i > 0 && num_at(i - 1))
            || (i > 0 && self.is_punct(i - 1, b'+') && self.tight(i))
        {
            return None;
        }
        if plain && s.len() >= 7 {
            return None;
        }
        if plain && s.len() > 1 && s.starts_with('0') {
            return None;
        }
        // Scale words after the digits.
        let mut e = i + 1;
        let mut scale = 1.0;
        if let Some(n) = n {
            if n.kind == Kind::Word {
                let w = self.tstr(i + 1);
                let lw = lex(&n);
                if let Some((v, NumClass::Scale | NumClass::Hundred)) = lw.num {
                    scale = v as f64;
                    e = i + 2;
                } else if is_scale_abbr(w) && (!n.gap || w.len() > 1) {
                    scale = scale_abbr(w);
                    e = i + 2;
                }
            }
        }
        let v = parse_digits(s, scale > 1.0)?;
        let value = v * scale;
        if value > MAX_EXACT {
            return None;
        }
        let yearish = plain && s.len() == 4 && (1900..=2099).contains(&(v as u32)) && scale == 1.0;
        Some(Core {
            s: i,
            e,
            low: value,
            high: Some(value),
            approximate: false,
            kind: QuantityKind::Count,
            scaled: scale >= 1000.0,
            takes_of: false,
            weak: false,
            yearish,
        })
    }

    fn word_core(&self, i: usize) -> Option<Core> {
        let t = self.toks[i];
        let l = lex(&t);
        let w1 = self.w(i + 1);
        // Vague amounts.
        let vague = |lo: f64, hi: Option<f64>, e: usize, takes_of: bool| Core {
            s: i,
            e,
            low: lo,
            high: hi,
            approximate: true,
            kind: QuantityKind::Count,
            scaled: false,
            takes_of,
            weak: false,
            yearish: false,
        };
        match l.w {
            W::Dozens => return Some(vague(24.0, None, i + 1, true)),
            W::Scores if w1 == W::Of => return Some(vague(40.0, None, i + 1, true)),
            W::Tens | W::Hundreds if w1 == W::Of => {
                let w2 = self.w(i + 2);
                let (base, e) = match w2 {
                    W::Thousands => (1e3, i + 3),
                    W::Millions => (1e6, i + 3),
                    _ if l.w == W::Hundreds => (1.0, i + 1),
                    _ => return None,
                };
                let lo = if l.w == W::Tens { 20.0 } else { 200.0 };
                let hi = if l.w == W::Tens { 99.0 } else { 999.0 };
                if base == 1.0 {
                    return Some(vague(200.0, Some(999.0), e, true));
                }
                return Some(vague(lo * base, Some((hi + 1.0) * base - 1.0), e, true));
            }
            W::Hundreds => return Some(vague(200.0, Some(999.0), i + 1, true)),
            W::Thousands => return Some(vague(2000.0, Some(9999.0), i + 1, true)),
            W::Millions => return Some(vague(2e6, Some(999_999_999.0), i + 1, true)),
            W::Several => {
                // "several hundred", "several thousand"
                if let Some((v, NumClass::Hundred | NumClass::Scale)) = self.lx(i + 1).num {
                    let v = v as f64;
                    return Some(vague(3.0 * v, Some(9.0 * v), i + 2, false));
                }
                if w1 == W::Of || self.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Word) {
                    return Some(vague(3.0, Some(9.0), i + 1, true));
                }
                return None;
            }
            W::A => {
                return match w1 {
                    W::Few => {
                        if let Some((v, NumClass::Hundred | NumClass::Scale)) = self.lx(i + 2).num {
                            let v = v as f64;
                            return Some(vague(2.0 * v, Some(5.0 * v), i + 3, false));
                        }
                        Some(vague(2.0, Some(5.0), i + 2, true))
                    }
                    W::Handful if self.w(i + 2) == W::Of => {
                        Some(vague(2.0, Some(6.0), i + 2, true))
                    }
                    W::Couple if self.w(i + 2) == W::Of => Some(vague(2.0, Some(3.0), i + 2, true)),
                    W::Third | W::Quarter | W::Fifth | W::Half
                        if !self.tstr(i + 1).ends_with('s') =>
                    {
                        let d = match w1 {
                            W::Third => 3.0,
                            W::Quarter => 4.0,
                            W::Fifth => 5.0,
                            _ => 2.0,
                        };
                        Some(Core {
                            kind: QuantityKind::Fraction,
                            ..vague_exact(i, i + 2, 1.0 / d)
                        })
                    }
                    _ => {
                        // "a dozen", "a hundred", "a thousand", "a million"
                        if let Some((_, NumClass::Dozen | NumClass::Hundred | NumClass::Scale)) =
                            self.lx(i + 1).num
                        {
                            let (v, e) = self.number_words(i + 1)?;
                            return Some(vague_exact(i, e, v));
                        }
                        None
                    }
                };
            }
            W::Half if w1 == W::Of => {
                return Some(Core { kind: QuantityKind::Fraction, ..vague_exact(i, i + 1, 0.5) });
            }
            // "half a dozen", "half a million"
            W::Half if w1 == W::A => {
                if let Some((_, NumClass::Dozen | NumClass::Hundred | NumClass::Scale)) =
                    self.lx(i + 2).num
                {
                    let (v, e) = self.number_words(i + 2)?;
                    return Some(vague_exact(i, e, v / 2.0));
                }
                return None;
            }
            _ => {}
        }
        l.num?;
        let (v, e) = self.number_words(i)?;
        // Fractions in words: "two-thirds", "three quarters".
        if v < 10.0 {
            let (k, hy) =
                if self.is_punct(e, b'-') && self.tight(e) { (e + 1, true) } else { (e, false) };
            let d = match self.w(k) {
                W::Third => 3.0,
                W::Quarter => 4.0,
                W::Fifth => 5.0,
                W::Halves => 2.0,
                _ => 0.0,
            };
            if d > 0.0 && (hy || !self.toks[k].gap || self.tstr(k).ends_with('s') || v == 1.0) {
                return Some(Core { kind: QuantityKind::Fraction, ..vague_exact(i, k + 1, v / d) });
            }
        }
        let weak = v == 1.0 && e == i + 1;
        Some(Core { weak, ..vague_exact(i, e, v) })
    }

    /// Reads a run of number words ("one hundred and twenty", "seventy-five",
    /// "two dozen", "1.5 million" is handled by digits).
    fn number_words(&self, i: usize) -> Option<(f64, usize)> {
        let mut total = 0.0f64;
        let mut cur = 0.0f64;
        let mut k = i;
        let mut last: Option<NumClass> = None;
        let mut any = false;
        while let Some(t) = self.toks.get(k) {
            // "a" only at the start: "a hundred", "a dozen".
            if t.kind == Kind::Word && lex(t).w == W::A && k == i {
                cur = 1.0;
                last = Some(NumClass::Unit);
                k += 1;
                continue;
            }
            let Some((v, c)) = (if t.kind == Kind::Word { lex(t).num } else { None }) else {
                break;
            };
            let v = v as f64;
            let ok = match (last, c) {
                (None, _) => true,
                (Some(NumClass::Tens), NumClass::Unit) => self.is_punct(k - 1, b'-') || t.gap,
                (
                    Some(NumClass::Unit | NumClass::Teen | NumClass::Tens),
                    NumClass::Hundred | NumClass::Scale | NumClass::Dozen,
                ) => true,
                (
                    Some(NumClass::Hundred),
                    NumClass::Unit | NumClass::Teen | NumClass::Tens | NumClass::Scale,
                ) => true,
                (Some(NumClass::Scale), NumClass::Unit | NumClass::Teen | NumClass::Tens) => true,
                (Some(NumClass::Scale), NumClass::Hundred) => true,
                _ => false,
            };
            if !ok {
                break;
            }
            match c {
                NumClass::Unit | NumClass::Teen | NumClass::Tens => cur += v,
                NumClass::Hundred => cur = cur.max(1.0) * 100.0,
                NumClass::Dozen => cur = cur.max(1.0) * 12.0,
                NumClass::Scale => {
                    total += cur.max(1.0) * v;
                    cur = 0.0;
                }
            }
            any = true;
            last = Some(c);
            k += 1;
            // "seventy-five"
            if c == NumClass::Tens
                && self.is_punct(k, b'-')
                && self.tight(k)
                && self.lx(k + 1).num.is_some_and(|(_, c)| c == NumClass::Unit)
            {
                k += 1;
            }
            // "one hundred and twenty"
            if matches!(c, NumClass::Hundred | NumClass::Scale)
                && self.w(k) == W::And
                && self.lx(k + 1).num.is_some_and(|(_, c)| {
                    matches!(c, NumClass::Unit | NumClass::Teen | NumClass::Tens)
                })
            {
                k += 1;
            }
        }
        if !any {
            return None;
        }
        Some((total + cur, k))
    }

    /// After a first number: "to Y", "- Y", "and Y" (after between), "or Y".
    fn range_tail(&self, c: &Core, pre: Pre) -> Option<(Core, RangeKind)> {
        let mut k = c.e;
        // "between 40% and 60%"
        if self.is_punct(k, b'%') || self.w(k) == W::Percent {
            k += 1;
        }
        let t = self.toks.get(k)?;
        let kind = match (t.kind, lex(t).w) {
            (Kind::Punct, _) if t.p == b'-' => {
                if self
                    .toks
                    .get(k + 1)
                    .is_some_and(|n| n.kind == Kind::Word && lex(n).num.is_none())
                {
                    return None;
                }
                RangeKind::Range
            }
            (Kind::Word, W::To) => RangeKind::Range,
            (Kind::Word, W::And) if pre == Pre::Between => RangeKind::Range,
            (Kind::Word, W::Or) => RangeKind::Choice,
            _ => return None,
        };
        if pre == Pre::From && kind != RangeKind::Range {
            return None;
        }
        let c2 = self.core(k + 1)?;
        if c2.yearish != c.yearish && c.yearish {
            return None;
        }
        if c.yearish && c2.yearish {
            return None;
        }
        if c2.kind == QuantityKind::Fraction {
            return None;
        }
        if c2.low < c.low && (c.scaled || !c2.scaled) {
            return None;
        }
        Some((c2, kind))
    }

    /// Skips adjectives, nationalities and abbreviation dots after a number.
    fn skip_adjs(&self, mut k: usize) -> (usize, Option<usize>) {
        let mut last_cap = None;
        for _ in 0..6 {
            let Some(t) = self.toks.get(k) else { break };
            if k > 0
                && self.text.as_bytes()[self.toks[k - 1].e as usize..t.s as usize].contains(&b'\n')
            {
                break;
            }
            match t.kind {
                Kind::Word => {
                    let l = lex(t);
                    if t.cap && !l.count_noun && l.month == 0 {
                        last_cap = Some(k);
                        k += 1;
                        continue;
                    }
                    if l.adj && !l.count_noun {
                        k += 1;
                        continue;
                    }
                    if l.adj
                        && self
                            .toks
                            .get(k + 1)
                            .is_some_and(|n| n.kind == Kind::Word && lex(n).count_noun)
                    {
                        k += 1;
                        continue;
                    }
                    break;
                }
                Kind::Punct
                    if t.p == b'.'
                        && !t.gap
                        && last_cap == Some(k - 1)
                        && (self.toks[k - 1].len() == 1
                            || self
                                .toks
                                .get(k + 1)
                                .is_some_and(|n| !n.gap || n.kind == Kind::Word && !n.cap)) =>
                {
                    k += 1;
                }
                Kind::Punct if t.p == b'-' && !t.gap && k > 0 => {
                    // "pro-government", "1,000-strong"
                    k += 1;
                }
                _ => break,
            }
        }
        (k, last_cap)
    }

    /// A word that looks like a plural noun ("fighters", "people").
    fn plural(&self, k: usize) -> bool {
        let w = self.tstr(k);
        (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us"))
            || [
                "people",
                "police",
                "personnel",
                "men",
                "women",
                "children",
                "strong",
                "dead",
                "militia",
            ]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(w))
    }

    /// The head noun of the counted thing, starting at token `k`.
    fn unit_at(&self, k: usize) -> Option<Span> {
        let (mut k, last_cap) = self.skip_adjs(k);
        let t = self.toks.get(k);
        let good = t.is_some_and(|t| {
            t.kind == Kind::Word && {
                let l = lex(t);
                (l.count_noun || !l.stop) && l.num.is_none() && l.unit.is_none() || l.unit.is_some()
            }
        });
        let verbish = |k: usize| {
            let l = self.lx(k);
            let w = self.tstr(k);
            !l.count_noun
                && (w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly"))
                && w.len() > 4
        };
        if !good || verbish(k) {
            // "200 Taliban were killed": the proper noun is the thing.
            k = last_cap.filter(|&c| self.toks[c].len() >= 3)?;
        } else if self.toks.get(k + 1).is_some_and(|n| n.kind == Kind::Word && !n.cap && n.gap)
            && !self.lx(k + 1).stop
            && !verbish(k + 1)
            && self.lx(k + 1).unit.is_none()
            && (self.lx(k + 1).count_noun || self.plural(k + 1))
            && !self.plural(k)
        {
            // A compound: "service members", "rice farmers".
            k += 1;
        }
        let t = self.toks[k];
        Some(Span::new(t.s as usize, t.e as usize))
    }
}

fn vague_exact(s: usize, e: usize, v: f64) -> Core {
    Core {
        s,
        e,
        low: v,
        high: Some(v),
        approximate: false,
        kind: QuantityKind::Count,
        scaled: v >= 1000.0,
        takes_of: false,
        weak: false,
        yearish: false,
    }
}

/// Capitalized words after which a number is a name or an ID.
const ID_WORDS: &[&str] = &[
    "no",
    "number",
    "resolution",
    "article",
    "chapter",
    "section",
    "flight",
    "route",
    "highway",
    "room",
    "page",
    "law",
    "decree",
    "protocol",
    "camp",
    "unit",
    "brigade",
    "division",
    "regiment",
    "battalion",
    "corps",
    "squadron",
    "gate",
    "block",
    "sector",
    "zone",
    "phase",
    "level",
    "tier",
    "grade",
    "category",
    "class",
    "type",
    "model",
    "version",
    "episode",
    "volume",
    "vol",
    "issue",
    "bus",
    "line",
    "km",
    "kilometre",
    "kilometer",
    "mile",
    "platform",
    "district",
    "ward",
    "precinct",
    "station",
    "street",
    "road",
    "avenue",
    "building",
    "tower",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pre {
    None,
    Approx,
    Nearly,
    JustOver,
    Lower,
    Upper,
    Between,
    From,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RangeKind {
    Range,
    Choice,
}

fn is_scale_abbr(w: &str) -> bool {
    matches!(
        w,
        "bn" | "billion" | "mn" | "mln" | "m" | "k" | "K" | "tn" | "trillion" | "bln" | "B" | "M"
    )
}

fn scale_abbr(w: &str) -> f64 {
    match w {
        "bn" | "billion" | "bln" | "B" => 1e9,
        "mn" | "mln" | "m" | "M" => 1e6,
        "k" | "K" => 1e3,
        "tn" | "trillion" => 1e12,
        _ => 1.0,
    }
}

fn scale_of(v: f64) -> f64 {
    if v >= 1e12 {
        1e12
    } else if v >= 1e9 {
        1e9
    } else if v >= 1e6 {
        1e6
    } else {
        1e3
    }
}

/// The lower end of a hedged band, rounded down to a whole count.
fn band_low(v: f64, f: f64, kind: QuantityKind) -> f64 {
    let x = v * f;
    if kind == QuantityKind::Count && v >= 1.0 {
        (x + 1e-9).floor()
    } else {
        round6(x)
    }
}

/// The upper end of a hedged band, rounded up to a whole count.
fn band_high(v: f64, f: f64, kind: QuantityKind) -> f64 {
    let x = v * f;
    if kind == QuantityKind::Count && v >= 1.0 {
        (x - 1e-9).ceil()
    } else {
        round6(x)
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Reads "1,500", "1.5", "1.500" (a thousands dot: one group of exactly
/// three digits, no scale word after), "1.500.000".
fn parse_digits(s: &str, scaled: bool) -> Option<f64> {
    let commas = s.bytes().filter(|&b| b == b',').count();
    let dots = s.bytes().filter(|&b| b == b'.').count();
    let digits_only = |x: &str| -> Option<f64> { x.parse::<f64>().ok() };
    if commas == 0 && dots == 0 {
        return digits_only(s);
    }
    if commas > 0 {
        let (int, frac) = match s.split_once('.') {
            Some((a, b)) if !b.contains('.') && !b.contains(',') => (a, Some(b)),
            Some(_) => return None,
            None => (s, None),
        };
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 {
            return None;
        }
        let mut clean = String::with_capacity(s.len());
        clean.push_str(first);
        for g in groups {
            if g.len() != 3 {
                return None;
            }
            clean.push_str(g);
        }
        if let Some(f) = frac {
            clean.push('.');
            clean.push_str(f);
        }
        return digits_only(&clean);
    }
    // Dots only.
    let groups: Vec<&str> = s.split('.').collect();
    if groups.len() > 2 {
        if groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3) {
            return digits_only(&groups.concat());
        }
        return None;
    }
    if groups[1].len() == 3 && !scaled && groups[0].len() <= 3 && groups[0] != "0" {
        return digits_only(&groups.concat());
    }
    digits_only(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_relations() {
        let about = Quantity::range(900.0, 1100.0, true);
        let over = Quantity { low: Some(3000.0), high: None, approximate: false };
        let un = Quantity::range(1500.0, 2000.0, false);
        assert!(!about.overlaps(&over));
        assert!(!about.overlaps(&un));
        assert!(un.overlaps(&Quantity::exact(1500.0)));
        assert!(over.contains(&Quantity::exact(5000.0)));
        let sum = Quantity::exact(13.0).add(&Quantity::exact(75.0));
        assert_eq!(sum, Quantity::exact(88.0));
        assert_eq!(over.display(), "≥3000");
    }
}
