//! Time expressions read into intervals resolved against the publication date.
//!
//! [`find_times`] scans text once and returns every time expression with its
//! TIMEX3 type, its interval and a TIMEX3-compatible value. Spans follow the
//! TimeML annotation conventions (TempEval-3): a mention covers the temporal
//! expression itself ("September 2014"), not a preceding signal word. Signal
//! words that turn a time into an open interval ("since", "until", "till",
//! "by", "before", "after", "as early as", "as late as", "no later than") are
//! returned as [`TimeMention::signal`] and folded into the interval, while the
//! value stays the expression's own TIMEX3 value:
//!
//! | text | interval | value |
//! |---|---|---|
//! | as early as September 2014 | ..2014-09-30 | 2014-09 |
//! | by 2020, until 2020, no later than 2020 | ..2020-12-31 | 2020 |
//! | since 2019 | 2019-01-01..DCT (open end without a DCT) | 2019 |
//! | before 2019 / after 2019 | ..2018-12-31 / 2020-01-01.. | 2019 |
//! | as late as 2019 | 2019-01-01.. | 2019 |
//!
//! # Absolute dates
//!
//! "26 August 2021", "26th of August, 2021", "Aug. 26, 2021", "August 26",
//! "Thursday, August 26, 2021", "2021-08-26", "26/08/2021", "26.08.2021".
//! Numeric day/month order: when one field is above 12 it is the day; when
//! both are 12 or less, the day comes first (the international order most
//! wire copy uses) unless the publication date is known and the month-first
//! reading lies nearer before it (US-order dates in US copy);
//! `YYYY/MM/DD` is read as such. Months ("January 2015",
//! "Jan. 2015"), years ("in 2019", "the 2019 offensive"), decades ("the
//! 1990s" → value `199`), seasons ("summer 2020" → `2020-SU`; northern
//! hemisphere: spring Mar–May, summer Jun–Aug, autumn/fall Sep–Nov, winter
//! Dec–Feb, the winter of YEAR starting in December of YEAR).
//!
//! # Parts of periods
//!
//! "early/mid/late" split a year into thirds of four months (early = Jan–Apr,
//! mid = May–Aug, late = Sep–Dec: "late 2014" is 2014-09-01..2014-12-31), a
//! month into days 1–10, 11–20 and 21–end, a decade into years 0–3, 4–6, 7–9.
//! "the beginning/start of" a year is Jan–Feb, "the middle of" Jun–Jul, "the
//! end of" Nov–Dec; of a month, the first seven days, days 11–20, the last
//! seven days. Such mentions have [`Granularity::PartOf`] and the TIMEX3 value
//! of the whole period with a [`TimexMod`] (`2014` + `End` for "late 2014"),
//! as TimeML annotates them. "the first/second half of 2021" is `2021-H1`,
//! "the third quarter of 2020" is `2020-Q3`, and "the first four months of
//! 2021" is a duration `P4M` with the interval 2021-01-01..2021-04-30. "the
//! same period in/of YEAR" and "the same period last year" take the months
//! and days of the last period mentioned before and move them to that year.
//!
//! # Relative to the publication date (DCT)
//!
//! A bare weekday ("Thursday") is the most recent such day on or before the
//! DCT, unless the sentence around it speaks of the future ("will", "next",
//! "coming", "upcoming", "scheduled", "due", "expected", "plans", "to be
//! held"), then the first such day on or after the DCT (the DCT's own weekday
//! is that day: "expected on Wednesday" in a Wednesday paper; "next
//! Wednesday" is a week on). A bare month ("in June") and
//! a day without a year ("August 26") resolve the same way at their
//! granularity. "last June" is the most recent June before the DCT's month;
//! "next June" the first after it. "yesterday", "today", "tomorrow", "last
//! week" (ISO week value `2021-W33`), "this month", "next year", "two years
//! ago", "a few days ago" (2–5 days before the DCT, value `PAST_REF`),
//! "recently" (`PAST_REF`), "currently"/"now"/"at present"/"nowadays"
//! (`PRESENT_REF`, the DCT), "the past year" / "the last three months" /
//! "the next few weeks" (durations ending or starting at the DCT).
//!
//! Without a DCT every relative expression keeps its span and type with
//! `interval: None`: it is never guessed. Durations without an anchor ("four
//! months") always carry their value (`P4M`) in an interval open on both
//! sides.
//!
//! # TimeML conventions (TimeBank / TempEval-3)
//!
//! Extents include determiners, "earlier/later" before a deictic and hedges
//! before a duration, never a preposition: "the past three years" (`P3Y`),
//! "earlier this year" (`2021`), "about 40 minutes" (`PT40M`, mod `APPROX`;
//! "nearly" is `LESS_THAN`, "more than" `MORE_THAN`, "at least"
//! `EQUAL_OR_MORE`, "up to" `EQUAL_OR_LESS`). Values:
//!
//! | text | type | value |
//! |---|---|---|
//! | last week / this week | DATE | `2021-W33` (ISO week) |
//! | the weekend | DATE | `2003-W24-WE` (the last one; the coming one on a Friday or with a future cue) |
//! | now, currently | DATE | `PRESENT_REF` |
//! | recently, recent years, the past | DATE | `PAST_REF` |
//! | the future, the near future | DATE | `FUTURE_REF` |
//! | the 1990s / the 19th century | DATE | `199` / `18` |
//! | fiscal 1998 | DATE | `FY1998` (interval 1997-02-01..1998-12-31: every fiscal year ending in 1998) |
//! | the third quarter, third-quarter | DATE | `1998-Q3` (the nearest such quarter to the DCT, back unless ahead is nearer and no past tense) |
//! | the quarter | DATE | the quarter last mentioned, else the DCT's (the one before in a quarter's first month) |
//! | a year ago / two years ago / a decade ago | DATE | `1997-03` (month) / `1996` / `1988` |
//! | a year earlier, two days later, the next day, the following year | DATE | shifted from the last date mentioned (DCT if none), at its precision (`1988-Q3` after a quarter) |
//! | two weeks, a decade, the 12 months | DURATION | `P2W`, `P10Y`, `P12M` |
//! | weeks of talks, for years, hours after | DURATION | `PXW`, `PXY`, `PTXH` |
//! | half an hour | DURATION | `PT30M` |
//! | 3 p.m., 4 a.m. Monday, midnight Saturday, noon | TIME | `2021-08-28T15:00`, on the day beside it, else on a day-precise date within a few words in its sentence, else on the DCT; `T24:00` for midnight |
//! | Thursday night, this afternoon | TIME | `2021-08-26TNI`, `2021-08-28TAF` |
//! | daily, weekly, quarterly, annually | SET | `P1D`, `P1W`, `P3M`, `P1Y` |
//! | $40 million a year, twice a week, each year, every Monday | SET | `P1Y`, `P1W`, `P1Y`, `XXXX-WXX-1` |
//!
//! The analyst-facing intervals keep the meanings above ("late 2014" is
//! still 2014-09-01..2014-12-31 with value `2014` and mod `END`); "the first
//! four months of 2021" stays one mention (`P4M`, 2021-01-01..2021-04-30).
//! A day and month without a year ("April 2") and a bare month resolve to
//! the coming one when it is near (a day within 45 days, or 100 days when
//! no past-tense verb is around it; the next calendar month) or when a
//! future cue ("will", "would", "is to", "set for", "scheduled") is near;
//! otherwise to the most recent. A weekday right after "said" is past; one
//! after "for" ("a strike for Monday") is future, unless it is possessive
//! ("responsibility for Sunday's attack", "for Thursday night's attack").
//!
//! "may", "march", "sat", "sun", "we" (and other lower-case or abbreviated
//! words that are also common English) never become dates: months must be
//! capitalized, "May" and "March" need a day, a year or a temporal
//! preposition beside them, and weekday abbreviations are not read at all.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::scan::{lex, tokenize, Kind, Lex, NumClass, TUnit, Toks, NO_LEX, W};
use crate::Span;

/// How precise a time interval is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// One day.
    Day,
    /// A week.
    Week,
    /// A month.
    Month,
    /// A part of a month or year ("late 2014", "mid-June").
    PartOf,
    /// A season.
    Season,
    /// A quarter.
    Quarter,
    /// A half year.
    Half,
    /// A year.
    Year,
    /// A decade.
    Decade,
    /// A century.
    Century,
    /// An open or vague interval ("since 2019", "at one point").
    Vague,
}

/// An inclusive date interval; either side may be open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeInterval {
    /// First day, inclusive; `None` when open.
    pub start: Option<NaiveDate>,
    /// Last day, inclusive; `None` when open.
    pub end: Option<NaiveDate>,
    /// Precision.
    pub granularity: Granularity,
    /// A TIMEX3-compatible value ("2021-08-26", "2014-Q4", "PRESENT_REF").
    pub value: Option<String>,
}

impl TimeInterval {
    /// True when the two intervals share at least one day.
    pub fn overlaps(&self, other: &TimeInterval) -> bool {
        let lo = match (self.start, other.start) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, None) => a,
            (None, b) => b,
        };
        let hi = match (self.end, other.end) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, None) => a,
            (None, b) => b,
        };
        match (lo, hi) {
            (Some(l), Some(h)) => l <= h,
            _ => true,
        }
    }

    /// A short reading: "2021-08-26", "2014-09-01..2014-12-31", "..2014-09-30".
    pub fn display(&self) -> String {
        let d = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
        if self.start.is_some() && self.start == self.end {
            d(self.start)
        } else {
            format!("{}..{}", d(self.start), d(self.end))
        }
    }
}

/// TIMEX3 types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexType {
    /// A calendar date or period.
    Date,
    /// A time of day.
    Time,
    /// A duration ("four months").
    Duration,
    /// A recurring time ("every week").
    Set,
}

/// A TIMEX3 `mod` attribute: which part of the period the text means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexMod {
    /// "early 2015", "the beginning of June".
    Start,
    /// "mid-2015", "the middle of June".
    Mid,
    /// "late 2014", "the end of June".
    End,
    /// "about three weeks".
    Approx,
    /// "more than a decade", "over two years".
    MoreThan,
    /// "less than a year", "nearly five hours".
    LessThan,
    /// "at least six months".
    EqualOrMore,
    /// "up to two weeks", "at most a year".
    EqualOrLess,
}

impl TimexMod {
    /// The TIMEX3 spelling ("START", "MID", "END").
    pub fn as_str(self) -> &'static str {
        match self {
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::Approx => "APPROX",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
        }
    }
}

/// One time expression found in text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeMention {
    /// The expression ("late 2014", "Thursday"), following TimeML extents.
    pub span: Span,
    /// Its TIMEX3 type.
    pub timex_type: TimexType,
    /// Its resolved interval; `None` when it cannot be resolved (no
    /// publication date for a relative expression). Never guessed.
    pub interval: Option<TimeInterval>,
    /// A signal before the expression whose meaning is folded into
    /// `interval` ("since", "by", "as early as"); not part of `span`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signal: Option<Span>,
    /// The TIMEX3 `mod` for parts of periods ("late 2014" → `End`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timex_mod: Option<TimexMod>,
}

impl TimeMention {
    /// The span including the signal, when there is one ("as early as
    /// September 2014").
    pub fn full_span(&self) -> Span {
        match self.signal {
            Some(s) => s.cover(self.span),
            None => self.span,
        }
    }
}

/// English month names in lower case, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Finds every time expression in `text`, resolving relative ones against
/// `dct` (the document creation time, i.e. the publication date).
///
/// See the module documentation for the conventions.
pub fn find_times(text: &str, dct: Option<NaiveDate>) -> Vec<TimeMention> {
    if !has_trigger(text) {
        return Vec::new();
    }
    find_times_in(text, &tokenize(text), dct)
}

/// [`find_times`] over tokens already made by `scan::tokenize`.
pub(crate) fn find_times_in(
    text: &str,
    toks: &[crate::scan::Tok],
    dct: Option<NaiveDate>,
) -> Vec<TimeMention> {
    let mut cx = Tm {
        t: Toks { text, toks },
        dct,
        last_period: None,
        last_year: None,
        last_anchor: None,
        last_quarter: None,
    };
    let mut out: Vec<TimeMention> = Vec::new();
    // Clock times waiting for a day in their sentence: (index in `out`, hh:mm).
    let mut clocks: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let relevant = match t.kind {
            Kind::Num => true,
            Kind::Word => t.lex != NO_LEX,
            Kind::Punct => t.p == b'\'',
        };
        if relevant {
            if let Some((m, next, clock)) = cx.mention_at(i) {
                if let Some(iv) = &m.interval {
                    // "a year earlier" is read from what came before; it does
                    // not become what later expressions refer to.
                    let shifted = cx.w(next.saturating_sub(1)) == W::Earlier
                        || cx.w(next.saturating_sub(1)) == W::Later;
                    if !shifted {
                        cx.remember(iv, m.signal.is_some());
                    }
                }
                if let Some(hm) = clock {
                    clocks.push((out.len(), hm));
                }
                out.push(m);
                i = next.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
    for (k, hm) in clocks {
        anchor_clock(text, &mut out, k, &hm, dct);
    }
    out
}

/// Gives the clock time at `out[k]` the day of the nearest day-precise date
/// in its sentence, or the DCT ("3 p.m." in an article of 2021-08-28 is
/// `2021-08-28T15:00`, as TimeML anchors it).
fn anchor_clock(text: &str, out: &mut [TimeMention], k: usize, hm: &str, dct: Option<NaiveDate>) {
    let at = out[k].span;
    let same_sentence = |a: Span, b: Span| {
        let (lo, hi) =
            if a.end() <= b.start() { (a.end(), b.start()) } else { (b.end(), a.start()) };
        if lo > hi {
            return false;
        }
        let gap = &text[lo..hi];
        gap.len() < 64 && !gap.contains('\n') && !gap.contains(". ") && !gap.contains("; ")
    };
    let day = out
        .iter()
        .enumerate()
        .filter(|(j, m)| {
            *j != k
                && m.timex_type == TimexType::Date
                && m.interval.as_ref().is_some_and(|iv| {
                    iv.granularity == Granularity::Day && iv.start.is_some() && iv.start == iv.end
                })
                && same_sentence(at, m.span)
        })
        .min_by_key(|(_, m)| (m.span.start() as i64 - at.start() as i64).abs())
        .and_then(|(_, m)| m.interval.as_ref().and_then(|iv| iv.start));
    let Some(d) = day.or(dct) else { return };
    let mut iv = day_iv(d);
    iv.value = Some(format!("{}T{hm}", d.format("%Y-%m-%d")));
    out[k].interval = Some(iv);
}

fn has_trigger(text: &str) -> bool {
    static AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
        let words = [
            "0",
            "1",
            "2",
            "3",
            "4",
            "5",
            "6",
            "7",
            "8",
            "9",
            "jan",
            "feb",
            "mar",
            "apr",
            "may",
            "jun",
            "jul",
            "aug",
            "sep",
            "oct",
            "nov",
            "dec",
            "day",
            "week",
            "month",
            "year",
            "decade",
            "centur",
            "now",
            "current",
            "present",
            "recent",
            "ago",
            "spring",
            "summer",
            "autumn",
            "fall",
            "winter",
            "tonight",
            "hour",
            "minute",
            "past",
            "future",
            "point",
            "period",
            "tomorrow",
            "morning",
            "night",
            "quarter",
            "half",
            "noon",
            "midday",
            "midnight",
            "daily",
            "hourly",
            "annual",
            "fiscal",
            "christmas",
            "'",
        ];
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(words)
            .expect("static patterns")
    });
    text.len() > 256 || AC.is_match(text)
}

/// A time expression read at a token position.
struct Hit {
    /// One past its last token.
    e: usize,
    ttype: TimexType,
    iv: Option<TimeInterval>,
    tmod: Option<TimexMod>,
    /// A clock time ("15:00") still to be given its day.
    clock: Option<String>,
}

impl Hit {
    fn date(e: usize, iv: Option<TimeInterval>) -> Hit {
        Hit { e, ttype: TimexType::Date, iv, tmod: None, clock: None }
    }

    fn new(e: usize, ttype: TimexType, iv: Option<TimeInterval>, tmod: Option<TimexMod>) -> Hit {
        Hit { e, ttype, iv, tmod, clock: None }
    }
}

/// Signals that open an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sig {
    Since,
    Until,
    Before,
    After,
    AsLateAs,
}

struct Tm<'a> {
    t: Toks<'a>,
    dct: Option<NaiveDate>,
    /// The last month-scale period mentioned, for "the same period".
    last_period: Option<(NaiveDate, NaiveDate)>,
    /// The last year mentioned, for "the year before".
    last_year: Option<i32>,
    /// The last date or period mentioned, for "a year earlier".
    last_anchor: Option<TimeInterval>,
    /// The last quarter mentioned, for "the quarter".
    last_quarter: Option<TimeInterval>,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1)?.pred_opt()
}

fn iv(start: NaiveDate, end: NaiveDate, g: Granularity, value: String) -> TimeInterval {
    TimeInterval { start: Some(start), end: Some(end), granularity: g, value: Some(value) }
}

fn day_iv(d: NaiveDate) -> TimeInterval {
    iv(d, d, Granularity::Day, d.format("%Y-%m-%d").to_string())
}

fn month_iv(y: i32, m: u32) -> Option<TimeInterval> {
    Some(iv(ymd(y, m, 1)?, month_end(y, m)?, Granularity::Month, format!("{y:04}-{m:02}")))
}

fn year_iv(y: i32) -> Option<TimeInterval> {
    Some(iv(ymd(y, 1, 1)?, ymd(y, 12, 31)?, Granularity::Year, format!("{y:04}")))
}

fn week_iv(d: NaiveDate) -> Option<TimeInterval> {
    let w = d.iso_week();
    let mon = add_days(d, -(d.weekday().num_days_from_monday() as i64))?;
    Some(iv(mon, add_days(mon, 6)?, Granularity::Week, format!("{:04}-W{:02}", w.year(), w.week())))
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::days(n))
}

fn decade_iv(y0: i32) -> Option<TimeInterval> {
    Some(iv(ymd(y0, 1, 1)?, ymd(y0 + 9, 12, 31)?, Granularity::Decade, format!("{:03}", y0 / 10)))
}

fn season_iv(y: i32, s: u8) -> Option<TimeInterval> {
    let (sm, sy, code) = match s {
        1 => (3, y, "SP"),
        2 => (6, y, "SU"),
        3 => (9, y, "FA"),
        _ => (12, y, "WI"),
    };
    let start = ymd(sy, sm, 1)?;
    let end = start.checked_add_months(Months::new(3))?.pred_opt()?;
    Some(iv(start, end, Granularity::Season, format!("{y:04}-{code}")))
}

fn quarter_iv(y: i32, q: u32) -> Option<TimeInterval> {
    let sm = 3 * (q - 1) + 1;
    Some(iv(ymd(y, sm, 1)?, month_end(y, sm + 2)?, Granularity::Quarter, format!("{y:04}-Q{q}")))
}

fn half_iv(y: i32, h: u32) -> Option<TimeInterval> {
    let sm = if h == 1 { 1 } else { 7 };
    Some(iv(ymd(y, sm, 1)?, month_end(y, sm + 5)?, Granularity::Half, format!("{y:04}-H{h}")))
}

fn ref_iv(dct: NaiveDate, value: &str) -> TimeInterval {
    match value {
        "PAST_REF" => TimeInterval {
            start: None,
            end: Some(dct),
            granularity: Granularity::Vague,
            value: Some(value.into()),
        },
        "FUTURE_REF" => TimeInterval {
            start: Some(dct),
            end: None,
            granularity: Granularity::Vague,
            value: Some(value.into()),
        },
        _ => iv(dct, dct, Granularity::Day, value.into()),
    }
}

/// A count in a duration: exact, or vague with a band.
#[derive(Clone, Copy, Debug)]
enum Count {
    Exact(u32),
    Vague(u32, u32),
}

impl Count {
    fn hi(self) -> u32 {
        match self {
            Count::Exact(n) => n,
            Count::Vague(_, h) => h,
        }
    }
}

fn unit_code(u: TUnit) -> (&'static str, &'static str) {
    match u {
        TUnit::Minute => ("PT", "M"),
        TUnit::Hour => ("PT", "H"),
        TUnit::Day => ("P", "D"),
        TUnit::Week => ("P", "W"),
        TUnit::Month => ("P", "M"),
        TUnit::Year => ("P", "Y"),
        TUnit::Decade => ("P", "DE"),
        TUnit::Century => ("P", "CE"),
    }
}

fn duration_value(c: Count, u: TUnit) -> String {
    let (p, code) = unit_code(u);
    match (c, u) {
        // TimeBank writes decades and centuries in years ("P10Y").
        (Count::Exact(n), TUnit::Decade) => format!("P{}Y", 10 * n),
        (Count::Exact(n), TUnit::Century) => format!("P{}Y", 100 * n),
        (Count::Exact(n), _) => format!("{p}{n}{code}"),
        (Count::Vague(..), _) => format!("{p}X{code}"),
    }
}

fn unit_gran(u: TUnit) -> Granularity {
    match u {
        TUnit::Minute | TUnit::Hour | TUnit::Day => Granularity::Day,
        TUnit::Week => Granularity::Week,
        TUnit::Month => Granularity::Month,
        TUnit::Year => Granularity::Year,
        TUnit::Decade => Granularity::Decade,
        TUnit::Century => Granularity::Century,
    }
}

/// `d` moved by `n` units (negative: back).
fn shift(d: NaiveDate, u: TUnit, n: i64) -> Option<NaiveDate> {
    let months = |m: i64| -> Option<NaiveDate> {
        if m >= 0 {
            d.checked_add_months(Months::new(m as u32))
        } else {
            d.checked_sub_months(Months::new((-m) as u32))
        }
    };
    match u {
        TUnit::Minute | TUnit::Hour => Some(d),
        TUnit::Day => d.checked_add_signed(Duration::days(n)),
        TUnit::Week => d.checked_add_signed(Duration::days(7 * n)),
        TUnit::Month => months(n),
        TUnit::Year => months(12 * n),
        TUnit::Decade => months(120 * n),
        TUnit::Century => months(1200 * n),
    }
}

/// The period of granularity `u` that contains `d`.
fn period_of(d: NaiveDate, u: TUnit) -> Option<TimeInterval> {
    match u {
        TUnit::Minute | TUnit::Hour | TUnit::Day => Some(day_iv(d)),
        TUnit::Week => week_iv(d),
        TUnit::Month => month_iv(d.year(), d.month()),
        TUnit::Year => year_iv(d.year()),
        TUnit::Decade => decade_iv(d.year() - d.year().rem_euclid(10)),
        TUnit::Century => {
            let c = d.year() - d.year().rem_euclid(100);
            Some(iv(
                ymd(c, 1, 1)?,
                ymd(c + 99, 12, 31)?,
                Granularity::Century,
                format!("{:02}", c / 100),
            ))
        }
    }
}

/// The part of `whole` that "early/mid/late" or "the beginning/middle/end
/// of" picks (see the module documentation for the bands).
fn part_of(whole: &TimeInterval, m: TimexMod, strict: bool) -> Option<TimeInterval> {
    let (s, e) = (whole.start?, whole.end?);
    if !matches!(m, TimexMod::Start | TimexMod::Mid | TimexMod::End) {
        return Some(whole.clone());
    }
    let (a, b) = match whole.granularity {
        Granularity::Year => {
            let y = s.year();
            match (m, strict) {
                (TimexMod::Start, false) => (ymd(y, 1, 1)?, ymd(y, 4, 30)?),
                (TimexMod::Mid, false) => (ymd(y, 5, 1)?, ymd(y, 8, 31)?),
                (TimexMod::End, false) => (ymd(y, 9, 1)?, ymd(y, 12, 31)?),
                (TimexMod::Start, true) => (ymd(y, 1, 1)?, ymd(y, 2, 28)?.max(month_end(y, 2)?)),
                (TimexMod::Mid, true) => (ymd(y, 6, 1)?, ymd(y, 7, 31)?),
                (TimexMod::End, true) => (ymd(y, 11, 1)?, ymd(y, 12, 31)?),
                _ => (s, e),
            }
        }
        Granularity::Month => {
            let (y, mo) = (s.year(), s.month());
            match (m, strict) {
                (TimexMod::Start, false) => (s, ymd(y, mo, 10)?),
                (TimexMod::Mid, _) => (ymd(y, mo, 11)?, ymd(y, mo, 20)?),
                (TimexMod::End, false) => (ymd(y, mo, 21)?, e),
                (TimexMod::Start, true) => (s, ymd(y, mo, 7)?),
                (TimexMod::End, true) => (add_days(e, -6)?, e),
                _ => (s, e),
            }
        }
        Granularity::Decade => {
            let y = s.year();
            match m {
                TimexMod::Start => (s, ymd(y + 3, 12, 31)?),
                TimexMod::Mid => (ymd(y + 4, 1, 1)?, ymd(y + 6, 12, 31)?),
                TimexMod::End => (ymd(y + 7, 1, 1)?, e),
                _ => (s, e),
            }
        }
        Granularity::Season => {
            let m1 = s.checked_add_months(Months::new(1))?;
            let m2 = s.checked_add_months(Months::new(2))?;
            match m {
                TimexMod::Start => (s, m1.pred_opt()?),
                TimexMod::Mid => (m1, m2.pred_opt()?),
                TimexMod::End => (m2, e),
                _ => (s, e),
            }
        }
        _ => return None,
    };
    Some(TimeInterval {
        start: Some(a),
        end: Some(b),
        granularity: Granularity::PartOf,
        value: whole.value.clone(),
    })
}

fn apply_signal(sig: Sig, x: TimeInterval, dct: Option<NaiveDate>) -> TimeInterval {
    let (s, e) = (x.start, x.end);
    let (start, end) = match sig {
        Sig::Since => (s, dct.filter(|d| s.is_none_or(|s| *d >= s))),
        Sig::Until => (None, e),
        Sig::Before => (None, s.and_then(|d| d.pred_opt())),
        Sig::After => (e.and_then(|d| d.succ_opt()), None),
        Sig::AsLateAs => (s, None),
    };
    TimeInterval { start, end, granularity: Granularity::Vague, value: x.value }
}

const SENTENCE_END: &[u8] = b".!?;";

/// Plural nouns without a final "s": after a number they count ("2017
/// people"), so the number is no year.
const IRREGULAR_PLURALS: [&str; 12] = [
    "people",
    "men",
    "women",
    "children",
    "police",
    "personnel",
    "staff",
    "cattle",
    "sheep",
    "militia",
    "youth",
    "folk",
];

impl<'a> std::ops::Deref for Tm<'a> {
    type Target = Toks<'a>;
    fn deref(&self) -> &Toks<'a> {
        &self.t
    }
}

impl Tm<'_> {
    fn is_num(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Num)
    }

    fn word_is(&self, i: usize, words: &[&str]) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word) && {
            let s = self.tstr(i);
            words.iter().any(|w| w.eq_ignore_ascii_case(s))
        }
    }

    fn span(&self, s: usize, e: usize) -> Span {
        Span::new(self.toks[s].s as usize, self.toks[e - 1].e as usize)
    }

    /// A plain integer token (no separators).
    fn int(&self, i: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Num || t.len() > 4 {
            return None;
        }
        self.tstr(i).parse().ok()
    }

    fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Num || t.len() != 4 {
            return None;
        }
        let y: i32 = self.tstr(i).parse().ok()?;
        (1000..=2199).contains(&y).then_some(y)
    }

    fn mention_at(&mut self, i: usize) -> Option<(TimeMention, usize, Option<String>)> {
        if let Some((sig, j)) = self.signal(i) {
            if let Some(h) = self.hit(j) {
                let signalled = h.ttype == TimexType::Date;
                let interval =
                    if signalled { h.iv.map(|x| apply_signal(sig, x, self.dct)) } else { h.iv };
                let m = TimeMention {
                    span: self.span(j, h.e),
                    timex_type: h.ttype,
                    interval,
                    signal: signalled.then(|| self.span(i, j)),
                    timex_mod: h.tmod,
                };
                return Some((m, h.e, h.clock));
            }
        }
        if let Some((md, j)) = self.modifier(i) {
            if let Some(h) = self.hit(j).filter(|h| h.ttype == TimexType::Duration) {
                let m = TimeMention {
                    span: self.span(i, h.e),
                    timex_type: h.ttype,
                    interval: h.iv,
                    signal: None,
                    timex_mod: Some(md),
                };
                return Some((m, h.e, None));
            }
        }
        let h = self.hit(i)?;
        let m = TimeMention {
            span: self.span(i, h.e),
            timex_type: h.ttype,
            interval: h.iv,
            signal: None,
            timex_mod: h.tmod,
        };
        Some((m, h.e, h.clock))
    }

    /// Records what later expressions may refer back to.
    fn remember(&mut self, iv: &TimeInterval, signalled: bool) {
        let g = iv.granularity;
        if g == Granularity::Year {
            self.last_year = iv.start.map(|d| d.year());
        }
        if !signalled
            && matches!(
                g,
                Granularity::Month
                    | Granularity::PartOf
                    | Granularity::Season
                    | Granularity::Quarter
                    | Granularity::Half
            )
        {
            if let (Some(s), Some(e)) = (iv.start, iv.end) {
                self.last_period = Some((s, e));
            }
        }
        if g == Granularity::Quarter {
            self.last_quarter = Some(iv.clone());
        }
        let is_ref = iv.value.as_deref().is_some_and(|v| v.ends_with("_REF"));
        if !signalled
            && !is_ref
            && iv.start.is_some()
            && matches!(
                g,
                Granularity::Day
                    | Granularity::Week
                    | Granularity::Month
                    | Granularity::Quarter
                    | Granularity::Half
                    | Granularity::Season
                    | Granularity::Year
            )
        {
            self.last_anchor = Some(iv.clone());
        }
    }

    /// A hedge before a duration, inside its TimeML extent ("about three
    /// weeks", "more than a decade", "at least six months").
    fn modifier(&self, i: usize) -> Option<(TimexMod, usize)> {
        let (m, j) = match self.w(i) {
            W::About | W::Around | W::Approximately | W::Roughly | W::Some => {
                (TimexMod::Approx, i + 1)
            }
            W::Nearly | W::Almost => (TimexMod::LessThan, i + 1),
            W::More if self.w(i + 1) == W::Than => (TimexMod::MoreThan, i + 2),
            W::Less | W::Fewer if self.w(i + 1) == W::Than => (TimexMod::LessThan, i + 2),
            W::At if self.w(i + 1) == W::Least => (TimexMod::EqualOrMore, i + 2),
            W::At if self.w(i + 1) == W::Most => (TimexMod::EqualOrLess, i + 2),
            W::Up if self.w(i + 1) == W::To => (TimexMod::EqualOrLess, i + 2),
            _ => return None,
        };
        // "about the past year" is not a hedged duration.
        if self.w(j) == W::The {
            return None;
        }
        Some((m, j))
    }

    fn signal(&self, i: usize) -> Option<(Sig, usize)> {
        let (sig, j) = self.signal_word(i)?;
        // "until at least 2023", "by the end of 2020"
        if self.w(j) == W::At && self.w(j + 1) == W::Least {
            return Some((sig, j + 2));
        }
        Some((sig, j))
    }

    fn signal_word(&self, i: usize) -> Option<(Sig, usize)> {
        match self.w(i) {
            W::Since => Some((Sig::Since, i + 1)),
            W::Until | W::By => Some((Sig::Until, i + 1)),
            W::Before => Some((Sig::Before, i + 1)),
            W::After => Some((Sig::After, i + 1)),
            W::As if self.w(i + 2) == W::As && matches!(self.w(i + 1), W::Early | W::Late) => {
                Some((if self.w(i + 1) == W::Early { Sig::Until } else { Sig::AsLateAs }, i + 3))
            }
            W::No if self.word_is(i + 1, &["later"]) && self.w(i + 2) == W::Than => {
                Some((Sig::Until, i + 3))
            }
            _ => None,
        }
    }

    /// Tries every reading at token `i`, most specific first.
    fn hit(&self, i: usize) -> Option<Hit> {
        let t = *self.toks.get(i)?;
        match t.kind {
            Kind::Num => self
                .numeric_date(i)
                .or_else(|| self.day_led(i))
                .or_else(|| self.decade(i))
                .or_else(|| self.year(i))
                .or_else(|| self.duration(i))
                .or_else(|| self.clock(i)),
            Kind::Punct => self.decade(i),
            Kind::Word if lex(&t).ordinal > 0 => {
                self.ordinal_period(i).or_else(|| self.duration(i))
            }
            Kind::Word => {
                let l = lex(&t);
                if l.weekday > 0 {
                    return self.weekday(i);
                }
                if l.month > 0 {
                    if let Some(h) = self.month_led(i) {
                        return Some(h);
                    }
                }
                if l.season > 0 {
                    if let Some(h) = self.season(i) {
                        return Some(h);
                    }
                }
                match l.w {
                    W::The => self.the_led(i),
                    W::Early | W::Mid | W::Late => self.part(i),
                    W::Last | W::Next | W::This | W::Past | W::Coming => self.deictic_unit(i),
                    W::Yesterday | W::Today | W::Tomorrow | W::Tonight => self.day_word(i),
                    W::Now | W::Currently | W::Presently | W::Nowadays => {
                        Some(self.refv(i + 1, "PRESENT_REF"))
                    }
                    W::At if self.w(i + 1) == W::Present => Some(self.refv(i + 2, "PRESENT_REF")),
                    W::At if self.word_is(i + 1, &["one"]) && self.w(i + 2) == W::Point => {
                        Some(self.refv(i + 3, "PAST_REF"))
                    }
                    W::Recently => Some(self.refv(i + 1, "PAST_REF")),
                    W::Every | W::Each => self.set(i),
                    W::Recent if self.lx(i + 1).unit.is_some_and(|(_, pl)| pl) => {
                        // "recent years", "recent months"
                        Some(self.refv(i + 2, "PAST_REF"))
                    }
                    // "earlier this year", "later this month": TimeML keeps
                    // the adverb in the extent.
                    W::Earlier | W::Later
                        if matches!(self.w(i + 1), W::This | W::Last | W::Next) =>
                    {
                        let mut hit = self.deictic_unit(i + 1)?;
                        // "earlier this month" ended before the reference day,
                        // "later this year" starts after it (the value stays
                        // the period's).
                        if let (W::This, Some(d), Some(iv)) = (self.w(i + 1), self.dct, &mut hit.iv)
                        {
                            let inside = |x: NaiveDate| {
                                iv.start.is_none_or(|a| a <= x) && iv.end.is_none_or(|b| x <= b)
                            };
                            if l.w == W::Earlier {
                                if let Some(x) = d.pred_opt().filter(|&x| inside(x)) {
                                    iv.end = Some(x);
                                }
                            } else if let Some(x) = d.succ_opt().filter(|&x| inside(x)) {
                                iv.start = Some(x);
                            }
                        }
                        Some(hit)
                    }
                    W::Noon | W::Midnight => self.clock(i),
                    W::Fiscal => self.fiscal(i),
                    W::Christmas if t.cap => self.christmas(i),
                    W::Half if matches!(self.w(i + 1), W::A | W::An) => self.half_unit(i),
                    W::Periodic => self.periodic(i),
                    W::Per => self.set_rate(i, i + 1),
                    _ => self.duration(i),
                }
            }
        }
    }

    fn refv(&self, e: usize, value: &str) -> Hit {
        Hit::date(e, self.dct.map(|d| ref_iv(d, value)))
    }

    /// The sentence around token `i` speaks of the future.
    fn future(&self, i: usize) -> bool {
        let cue = |k: usize| {
            let l = self.lx(k);
            matches!(l.w, W::Will | W::Next | W::Coming | W::Upcoming)
                || self.word_is(
                    k,
                    &[
                        "shall",
                        "scheduled",
                        "due",
                        "expected",
                        "expects",
                        "plans",
                        "planned",
                        "planning",
                        "going",
                        "slated",
                    ],
                )
                || (self.word_is(k, &["set"])
                    && (self.w(k + 1) == W::To || self.word_is(k + 1, &["for"])))
                // "is to vote", "are to meet"
                || (self.word_is(k, &["is", "are"]) && self.w(k + 1) == W::To)
        };
        // "a strike for Monday", "a vote set for Sunday"; not "claimed
        // responsibility for Sunday's attack", a weekday made possessive.
        // "Thursday night's attack" too: the part of day is possessive.
        let possessive_at = |j: usize| {
            self.toks.get(j).is_some_and(|t| {
                let rest = self.text.get(t.e as usize..).unwrap_or("");
                rest.starts_with("'s") || rest.starts_with("\u{2019}s")
            })
        };
        let part_of_day =
            matches!(self.w(i + 1), W::Morning | W::Afternoon | W::Evening | W::Night);
        let possessive = possessive_at(i) || (part_of_day && possessive_at(i + 1));
        if i > 0 && self.word_is(i - 1, &["for"]) && self.lx(i).weekday > 0 && !possessive {
            return true;
        }
        // "since Thursday" is always past.
        if i > 0 && self.w(i - 1) == W::Since {
            return false;
        }
        // "said Wednesday that ... will": the report is past.
        let p = if i > 0 && self.w(i - 1) == W::On { i - 1 } else { i };
        if p > 0 && self.w(p - 1) == W::Said {
            return false;
        }
        let mut k = i;
        for _ in 0..12 {
            if k == 0 {
                break;
            }
            k -= 1;
            let t = self.toks[k];
            if t.kind == Kind::Punct
                && SENTENCE_END.contains(&t.p)
                && !(t.p == b'.' && k > 0 && self.toks[k - 1].len() <= 4 && self.toks[k - 1].cap)
            {
                break;
            }
            if cue(k) {
                return true;
            }
        }
        for k in i + 1..(i + 7).min(self.toks.len()) {
            let t = self.toks[k];
            if (t.kind == Kind::Punct && SENTENCE_END.contains(&t.p)) || self.word_is(k, &["that"])
            {
                break;
            }
            if cue(k) {
                return true;
            }
        }
        false
    }

    // ---- absolute dates ----

    fn numeric_date(&self, i: usize) -> Option<Hit> {
        let t = self.toks[i];
        let s = self.tstr(i);
        // 26.08.2021 is one token.
        if s.bytes().filter(|&b| b == b'.').count() == 2 {
            let mut it = s.split('.');
            let (a, b, c) = (it.next()?, it.next()?, it.next()?);
            if a.len() <= 2 && b.len() <= 2 && c.len() == 4 {
                let d = self.dmy(a.parse().ok()?, b.parse().ok()?, c.parse().ok()?)?;
                return Some(Hit::date(i + 1, Some(day_iv(d))));
            }
            return None;
        }
        if t.len() > 4 || s.contains(',') || s.contains('.') {
            return None;
        }
        let sep = self.toks.get(i + 1)?;
        if sep.kind != Kind::Punct || sep.gap || !matches!(sep.p, b'-' | b'/') {
            return None;
        }
        let p = sep.p;
        if !(self.is_num(i + 2)
            && self.tight(i + 2)
            && self.is_punct(i + 3, p)
            && self.tight(i + 3)
            && self.is_num(i + 4)
            && self.tight(i + 4))
        {
            return None;
        }
        let (a, b, c) = (self.int(i)?, self.int(i + 2)?, self.int(i + 4)?);
        let (la, lc) = (t.len(), self.toks[i + 4].len());
        let d = if la == 4 {
            ymd(a as i32, b, c)?
        } else if lc == 4 || (lc == 2 && p == b'/') {
            let y = if lc == 2 { 2000 + c as i32 } else { c as i32 };
            self.dmy(a, b, y)?
        } else {
            return None;
        };
        // Not followed by more digits (phone numbers).
        if self.is_punct(i + 5, p) && self.tight(i + 5) {
            return None;
        }
        Some(Hit::date(i + 5, Some(day_iv(d))))
    }

    /// Day-first unless the first field cannot be a day... or the second
    /// cannot be a month. When both orders are possible and the publication
    /// date is known, the reading on or nearest before it wins: a report
    /// dated 2019-03-01 that writes "03/01/2019" (US order) means March 1.
    fn dmy(&self, a: u32, b: u32, y: i32) -> Option<NaiveDate> {
        if b > 12 && a <= 12 {
            return ymd(y, a, b);
        }
        let day_first = ymd(y, b, a);
        if a <= 12 && b <= 12 && a != b {
            if let (Some(dct), Some(df), Some(mf)) = (self.dct, day_first, ymd(y, a, b)) {
                let score = |d: NaiveDate| {
                    let days = (dct - d).num_days();
                    // After the publication date is unlikely in a report.
                    if days < 0 {
                        10_000 - days
                    } else {
                        days
                    }
                };
                if score(mf) < score(df) {
                    return Some(mf);
                }
            }
        }
        day_first
    }

    /// The month word at `i` reads as a month here.
    fn month_ok(&self, i: usize) -> Option<(u32, usize)> {
        let t = *self.toks.get(i)?;
        let l = lex(&t);
        if l.month == 0 || !t.cap {
            return None;
        }
        let mut e = i + 1;
        if l.month_abbr {
            if self.is_punct(e, b'.') && self.tight(e) {
                e += 1;
            }
            if !self.is_num(e) {
                return None;
            }
        }
        if l.month_ambiguous {
            let next_num = self.is_num(e) || (self.is_punct(e, b',') && self.is_num(e + 1));
            let prev = if i > 0 { self.lx(i - 1) } else { Lex::default() };
            let prev_ok =
                matches!(
                    prev.w,
                    W::In
                        | W::On
                        | W::Since
                        | W::Until
                        | W::By
                        | W::Early
                        | W::Mid
                        | W::Late
                        | W::Last
                        | W::Next
                        | W::This
                        | W::During
                        | W::From
                        | W::Of
                        | W::Before
                        | W::After
                        | W::To
                        | W::And
                        | W::Between
                        | W::Or
                        | W::Past
                        | W::Coming
                ) || (i > 0 && self.is_punct(i - 1, b'-') && self.w(i.saturating_sub(2)) == W::Mid)
                    || self.word_is(
                        i.wrapping_sub(1),
                        &[
                            "through",
                            "throughout",
                            "till",
                            "late",
                            "end",
                            "beginning",
                            "start",
                            "month",
                        ],
                    );
            // "5 March", "the 5th of March"
            let after_day = i > 0 && (self.is_num(i - 1) || self.w(i - 1) == W::Of);
            if !next_num && !prev_ok && !after_day {
                return None;
            }
        }
        Some((l.month as u32, e))
    }

    fn month_led(&self, i: usize) -> Option<Hit> {
        let (m, mut e) = self.month_ok(i)?;
        // Month Day[, Year]
        if let Some(d) = self.int(e).filter(|&d| (1..=31).contains(&d) && self.toks[e].len() <= 2) {
            let mut k = e + 1;
            if self.word_is(k, &["st", "nd", "rd", "th"]) && self.tight(k) {
                k += 1;
            }
            // Skip "June 26-28" second day.
            if self.is_punct(k, b'-') && self.tight(k) && self.int(k + 1).is_some_and(|x| x <= 31) {
                k += 2;
            }
            let mut k2 = k;
            if self.is_punct(k2, b',') {
                k2 += 1;
            }
            if let Some(y) = self.year_at(k2) {
                return Some(Hit::date(k2 + 1, ymd(y, m, d).map(day_iv)));
            }
            return Some(Hit::date(k, self.yearless(m, d, i)));
        }
        // Month [,|of] Year
        let mut k = e;
        if self.is_punct(k, b',') || self.w(k) == W::Of {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            return Some(Hit::date(k + 1, month_iv(y, m)));
        }
        e = i + 1;
        if lex(&self.toks[i]).month_abbr {
            return None;
        }
        Some(Hit::date(e, self.bare_month(m, i, 0)))
    }

    /// A day and month without a year, resolved against the DCT.
    fn yearless(&self, m: u32, d: u32, at: usize) -> Option<TimeInterval> {
        let dct = self.dct?;
        let y = dct.year();
        let this = ymd(y, m, d);
        let past = match this {
            Some(x) if x <= dct => Some(x),
            _ => ymd(y - 1, m, d),
        };
        let next = match this {
            Some(x) if x >= dct => Some(x),
            _ => ymd(y + 1, m, d),
        };
        // A date within six weeks ahead is the coming one unless a verb
        // before it is in the past ("the vote on April 2" in March).
        let ahead = next.map(|x| (x - dct).num_days()).unwrap_or(i64::MAX);
        let soon = (ahead <= 45 && !self.past_cue(at, false))
            || (ahead <= 100 && !self.past_cue(at, true));
        let fut = self.future(at) || self.would_before(at) || soon;
        let date = if fut { next.or(past)? } else { past.or(next)? };
        Some(day_iv(date))
    }

    /// A past-tense verb or auxiliary before token `at` in its sentence
    /// (and after it when `after`): "attacked on May 5", "was held in June".
    fn past_cue(&self, at: usize, after: bool) -> bool {
        let is_cue = |k: usize| {
            let t = self.toks[k];
            if t.kind != Kind::Word {
                return false;
            }
            let w = self.tstr(k);
            if self.word_is(k, &["was", "were", "had", "did", "ago", "last"]) {
                return true;
            }
            w.len() >= 4
                && w.ends_with("ed")
                && !t.cap
                && !self.word_is(
                    k,
                    &[
                        "scheduled",
                        "expected",
                        "planned",
                        "slated",
                        "proposed",
                        "needed",
                        "based",
                        "called",
                        "named",
                    ],
                )
        };
        let mut k = at;
        for _ in 0..8 {
            if k == 0 {
                break;
            }
            k -= 1;
            let t = self.toks[k];
            if t.kind == Kind::Punct && SENTENCE_END.contains(&t.p) {
                break;
            }
            if is_cue(k) {
                return true;
            }
        }
        if after {
            for k in at + 1..(at + 7).min(self.toks.len()) {
                let t = self.toks[k];
                if t.kind == Kind::Punct && SENTENCE_END.contains(&t.p) {
                    break;
                }
                if is_cue(k) {
                    return true;
                }
            }
        }
        false
    }

    /// "would" shortly before token `at` in its sentence: a future in
    /// reported speech ("said it would publish the figures on April 2").
    fn would_before(&self, at: usize) -> bool {
        let mut k = at;
        for _ in 0..14 {
            if k == 0 {
                break;
            }
            k -= 1;
            let t = self.toks[k];
            if t.kind == Kind::Punct && SENTENCE_END.contains(&t.p) {
                break;
            }
            if self.w(k) == W::Would {
                return true;
            }
            if self.word_is(k, &["that"]) {
                break;
            }
        }
        false
    }

    /// A month without a year: `rel` -1 last, +1 next, 0 by tense, 2 this.
    fn bare_month(&self, m: u32, at: usize, rel: i8) -> Option<TimeInterval> {
        let dct = self.dct?;
        let (y, cm) = (dct.year(), dct.month());
        let y = match rel {
            -1 => {
                if m < cm {
                    y
                } else {
                    y - 1
                }
            }
            1 => {
                if m > cm {
                    y
                } else {
                    y + 1
                }
            }
            2 => y,
            _ => {
                let next_month = m == cm % 12 + 1;
                let fut = self.future(at)
                    || self.would_before(at)
                    || (next_month && !self.past_cue(at, true));
                if fut {
                    if m >= cm {
                        y
                    } else {
                        y + 1
                    }
                } else if m <= cm {
                    y
                } else {
                    y - 1
                }
            }
        };
        month_iv(y, m)
    }

    fn day_led(&self, i: usize) -> Option<Hit> {
        let d = self.int(i).filter(|&d| (1..=31).contains(&d) && self.toks[i].len() <= 2)?;
        let mut k = i + 1;
        if self.word_is(k, &["st", "nd", "rd", "th"]) && self.tight(k) {
            k += 1;
        }
        if self.w(k) == W::Of {
            k += 1;
        }
        let (m, e) = self.month_ok(k)?;
        let mut k2 = e;
        if lex(&self.toks[k]).month_abbr {
            // month_ok wants a number after abbreviations; handled there.
        }
        if self.is_punct(k2, b',') {
            k2 += 1;
        }
        if let Some(y) = self.year_at(k2) {
            return Some(Hit::date(k2 + 1, ymd(y, m, d).map(day_iv)));
        }
        Some(Hit::date(e, self.yearless(m, d, i)))
    }

    fn year(&self, i: usize) -> Option<Hit> {
        let y = self.year_at(i)?;
        let prev = if i > 0 { self.lx(i - 1) } else { Lex::default() };
        let prep = matches!(
            prev.w,
            W::In
                | W::Since
                | W::Until
                | W::By
                | W::Of
                | W::From
                | W::During
                | W::Before
                | W::After
                | W::To
                | W::And
                | W::Between
                | W::Early
                | W::Mid
                | W::Late
        );
        if !(1900..=2099).contains(&y) && !prep {
            return None;
        }
        if i > 0 {
            let p = self.toks[i - 1];
            if p.kind == Kind::Punct && !p.gap && matches!(p.p, b'$' | b'#' | b'/' | b':') {
                return None;
            }
            let signalled_least = prev.w == W::Least
                && i >= 3
                && self.w(i - 2) == W::At
                && matches!(
                    self.w(i - 3),
                    W::Until | W::By | W::Since | W::Before | W::After | W::In
                );
            // "founded around 2007.", "in about 2010, it ...": a hedged year
            // after a word of time, with nothing counted after it, is a
            // year ("around 2,000 fighters" is a count).
            let hedged_year =
                matches!(prev.w, W::Around | W::About | W::Approximately | W::Roughly)
                    && i >= 2
                    && self.word_is(
                        i - 2,
                        &[
                            "in",
                            "since",
                            "from",
                            "until",
                            "founded",
                            "formed",
                            "established",
                            "created",
                            "launched",
                            "emerged",
                            "appeared",
                            "began",
                            "started",
                        ],
                    )
                    && self.toks.get(i + 1).is_none_or(|n| {
                        n.kind == Kind::Punct
                            || self.word_is(
                                i + 1,
                                &["and", "by", "when", "as", "with", "in", "after", "under", "but"],
                            )
                    });
            if !signalled_least
                && !hedged_year
                && matches!(
                    prev.w,
                    W::Than
                        | W::Over
                        | W::Nearly
                        | W::Almost
                        | W::Least
                        | W::Some
                        | W::Approximately
                        | W::Roughly
                        | W::Estimated
                        | W::Around
                        | W::About
                )
            {
                return None;
            }
            if p.kind == Kind::Punct && p.p == b'$' {
                return None;
            }
        }
        if let Some(n) = self.toks.get(i + 1) {
            let nl = lex(n);
            // "a 2017 bombing", "the 2014 offensive": a year that modifies a
            // singular noun after a determiner dates it; a count takes a
            // plural ("2017 bombings", "1999 people").
            let dated_noun = i > 0
                && self.word_is(
                    i - 1,
                    &["a", "an", "the", "this", "that", "its", "their", "his", "her"],
                )
                && n.kind == Kind::Word
                && !self.tstr(i + 1).ends_with(['s', 'S'])
                && !self.word_is(i + 1, &IRREGULAR_PLURALS);
            if nl.count_noun && nl.unit.is_none() && !dated_noun {
                return None;
            }
            if n.kind == Kind::Punct && n.p == b'%' || nl.w == W::Percent {
                return None;
            }
            if n.kind == Kind::Word && !n.gap && !self.word_is(i + 1, &["s"]) {
                return None;
            }
        }
        Some(Hit::date(i + 1, year_iv(y)))
    }

    /// "1990s", "the '90s" (start token `i`, the digits at `d`).
    fn decade(&self, mut d: usize) -> Option<Hit> {
        let apostrophe = self.is_punct(d, b'\'');
        if apostrophe {
            d += 1;
            if !self.tight(d) {
                return None;
            }
        }
        let t = self.toks.get(d)?;
        if t.kind != Kind::Num || !self.word_is(d + 1, &["s"]) || !self.tight(d + 1) {
            return None;
        }
        let v: i32 = self.tstr(d).parse().ok()?;
        let y0 = match (apostrophe, t.len()) {
            (true, 2) => {
                if v >= 30 {
                    1900 + v
                } else {
                    2000 + v
                }
            }
            (false, 4) => v,
            _ => return None,
        };
        if y0 % 10 != 0 {
            return None;
        }
        Some(Hit::date(d + 2, decade_iv(y0)))
    }

    fn season(&self, i: usize) -> Option<Hit> {
        let l = self.lx(i);
        let s = l.season;
        let mut k = i + 1;
        if self.w(k) == W::Of {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            return Some(Hit::date(k + 1, season_iv(y, s)));
        }
        if l.w == W::Fall {
            return None;
        }
        // "in the summer", "during the winter": needs a DCT.
        let prev_the = i > 0 && self.w(i - 1) == W::The;
        if !prev_the
            || i < 2
            || !matches!(
                self.w(i - 2),
                W::In | W::During | W::Over | W::Since | W::Until | W::By | W::Before | W::After
            )
        {
            return None;
        }
        Some(Hit::date(i + 1, self.season_rel(s, 0, i)))
    }

    fn season_rel(&self, s: u8, rel: i8, at: usize) -> Option<TimeInterval> {
        let dct = self.dct?;
        let y = dct.year();
        let cur = season_iv(y, s)?;
        let prev = season_iv(y - 1, s)?;
        let next = season_iv(y + 1, s)?;
        let contains =
            |x: &TimeInterval| x.start.is_some_and(|a| a <= dct) && x.end.is_some_and(|b| dct <= b);
        let before = |x: &TimeInterval| x.end.is_some_and(|b| b < dct);
        let r = match rel {
            -1 => {
                if before(&cur) {
                    cur
                } else {
                    prev
                }
            }
            1 => {
                if cur.start.is_some_and(|a| a > dct) {
                    cur
                } else {
                    next
                }
            }
            _ => {
                let ahead = (rel == 2 || self.future(at)) && cur.start.is_some_and(|a| a > dct);
                if contains(&cur) || ahead || before(&cur) {
                    cur
                } else {
                    prev
                }
            }
        };
        Some(r)
    }

    fn weekday(&self, i: usize) -> Option<Hit> {
        let t = self.toks[i];
        if !t.cap {
            return None;
        }
        let wd = lex(&t).weekday;
        // "Thursday, August 26, 2021" is one date.
        let mut k = i + 1;
        if self.is_punct(k, b',') {
            k += 1;
        }
        if self.lx(k).month > 0 {
            if let Some(h) = self.month_led(k) {
                if h.iv.is_some() || self.dct.is_none() {
                    return Some(h_with_e(h, i));
                }
            }
        }
        if self.is_num(k) {
            if let Some(h) = self.day_led(k) {
                return Some(h_with_e(h, i));
            }
        }
        let rel = if i > 0 {
            match self.w(i - 1) {
                W::Last | W::Past => -1,
                W::Next | W::Coming => 1,
                W::This => 2,
                _ => 0,
            }
        } else {
            0
        };
        let iv = self.weekday_date(wd, rel, i).map(day_iv);
        self.with_part_of_day(i + 1, iv)
    }

    fn weekday_date(&self, wd: u8, rel: i8, at: usize) -> Option<NaiveDate> {
        let dct = self.dct?;
        let cur = dct.weekday().number_from_monday() as i64;
        let target = wd as i64;
        let back = (cur - target).rem_euclid(7);
        let fwd = (target - cur).rem_euclid(7);
        let fut = match rel {
            -1 => false,
            1 => true,
            _ => self.future(at),
        };
        if fut {
            // "Funerals were expected on Wednesday" in a Wednesday paper is
            // that day; "next Wednesday" is a week on.
            add_days(dct, if fwd == 0 && rel == 1 { 7 } else { fwd })
        } else if rel == -1 {
            add_days(dct, -(if back == 0 { 7 } else { back }))
        } else {
            add_days(dct, -back)
        }
    }

    /// "Thursday night", "yesterday morning": a TIME on that day.
    fn with_part_of_day(&self, k: usize, iv: Option<TimeInterval>) -> Option<Hit> {
        let code = match self.w(k) {
            W::Morning => "MO",
            W::Afternoon => "AF",
            W::Evening => "EV",
            W::Night => "NI",
            _ => return Some(Hit::date(k, iv)),
        };
        let iv = iv.map(|mut x| {
            x.value = x.value.map(|v| format!("{v}T{code}"));
            x
        });
        Some(Hit { e: k + 1, ttype: TimexType::Time, iv, tmod: None, clock: None })
    }

    fn day_word(&self, i: usize) -> Option<Hit> {
        let off = match self.w(i) {
            W::Yesterday => -1,
            W::Tomorrow => 1,
            _ => 0,
        };
        let iv = self.dct.and_then(|d| add_days(d, off)).map(day_iv);
        if self.w(i) == W::Tonight {
            let iv = iv.map(|mut x| {
                x.value = x.value.map(|v| format!("{v}TNI"));
                x
            });
            return Some(Hit { e: i + 1, ttype: TimexType::Time, iv, tmod: None, clock: None });
        }
        self.with_part_of_day(i + 1, iv)
    }

    /// "last week", "this month", "next year", "last June", "last summer",
    /// "last Thursday", "past decade", "last night".
    fn deictic_unit(&self, i: usize) -> Option<Hit> {
        let rel: i64 = match self.w(i) {
            W::Last | W::Past => -1,
            W::Next | W::Coming => 1,
            _ => 0,
        };
        let k = i + 1;
        let l = self.lx(k);
        if l.weekday > 0 {
            return self.weekday(k).map(|h| Hit { e: h.e, ..h });
        }
        if l.month > 0 && self.toks[k].cap && !l.month_abbr {
            let m = l.month as u32;
            return Some(Hit::date(
                k + 1,
                self.bare_month(m, k, if rel == 0 { 2 } else { rel as i8 }),
            ));
        }
        if l.season > 0 {
            return Some(Hit::date(
                k + 1,
                self.season_rel(l.season, if rel == 0 { 2 } else { rel as i8 }, k),
            ));
        }
        if l.w == W::Night && rel == -1 {
            let iv = self.dct.and_then(|d| add_days(d, -1)).map(day_iv);
            return self.with_part_of_day(k, iv);
        }
        if l.w == W::Morning || l.w == W::Afternoon || l.w == W::Evening {
            if rel == 0 {
                return self.with_part_of_day(k, self.dct.map(day_iv));
            }
            return None;
        }
        if l.w == W::Weekend {
            let iv = self.dct.and_then(|d| {
                let sat = self.weekday_date(6, if rel == 0 { 0 } else { rel as i8 }, k)?;
                let sat = if rel == 0 && d.weekday().number_from_monday() < 6 {
                    add_days(sat, 7)?
                } else {
                    sat
                };
                let w = sat.iso_week();
                Some(iv(
                    sat,
                    add_days(sat, 1)?,
                    Granularity::Week,
                    format!("{:04}-W{:02}-WE", w.year(), w.week()),
                ))
            });
            return Some(Hit::date(k + 1, iv));
        }
        if l.w == W::Quarter {
            let iv = self.dct.and_then(|d| {
                let q = (d.month() - 1) / 3 + 1;
                let idx = d.year() as i64 * 4 + (q as i64 - 1) + rel;
                quarter_iv(idx.div_euclid(4) as i32, (idx.rem_euclid(4) + 1) as u32)
            });
            return Some(Hit::date(k + 1, iv));
        }
        let (u, plural) = l.unit?;
        if plural || matches!(u, TUnit::Minute | TUnit::Hour) {
            return None;
        }
        if self.w(i) == W::Past && i > 0 && self.w(i - 1) == W::The {
            return None;
        }
        // "past year" without "the" after "over the" is handled by the_led;
        // here "past week" reads as "last week".
        let iv = self.dct.and_then(|d| period_of(shift(d, u, rel)?, u));
        Some(Hit::date(k + 1, iv))
    }

    /// Constructions that start with "the".
    fn the_led(&self, i: usize) -> Option<Hit> {
        let k = i + 1;
        let l = self.lx(k);
        // "the 1990s", "the '90s", "the 19th century", "the 12 months"
        if self.is_punct(k, b'\'') || self.is_num(k) {
            return self
                .decade(k)
                .or_else(|| self.century(k))
                .or_else(|| self.the_count_duration(k));
        }
        if l.num.is_some() {
            return self.the_count_duration(k);
        }
        if l.season > 0 {
            return self.season(k);
        }
        // "the year before", "the previous year", "the following year"
        if let Some(y) = self.last_year {
            let year_at = |j: usize| self.lx(j).unit == Some((TUnit::Year, false));
            let d = if year_at(k) && matches!(self.w(k + 1), W::Before | W::Earlier) {
                Some((-1, k + 2))
            } else if year_at(k) && matches!(self.w(k + 1), W::After | W::Later) {
                Some((1, k + 2))
            } else if matches!(l.w, W::Previous | W::Following) && year_at(k + 1) {
                Some((if l.w == W::Previous { -1 } else { 1 }, k + 2))
            } else {
                None
            };
            if let Some((d, e)) = d {
                return Some(Hit::date(e, year_iv(y + d)));
            }
        }
        // "the year 2000"
        if l.unit == Some((TUnit::Year, false)) {
            if let Some(y) = self.year_at(k + 1) {
                return Some(Hit::date(k + 2, year_iv(y)));
            }
        }
        // "the day before", "the next day", "the following week": from the
        // last date mentioned (or the DCT).
        let unit_at = |j: usize| self.lx(j).unit.filter(|&(u, pl)| !pl && u != TUnit::Minute);
        let rel = if let (Some((u, _)), W::Before | W::After | W::Earlier | W::Later) =
            (unit_at(k), self.w(k + 1))
        {
            // "the day before." or "the day before on a coastal town", not
            // "the day before the election" (a date of its own).
            // Nor before the verb of the clause it ends: "an ambush the day
            // before left three dead", "the day before killed" (a past
            // form; "the day before polls opened" is before the polls).
            let clause = self.toks.get(k + 2).is_some_and(|t| t.kind == Kind::Word && !t.cap)
                && (self.tstr(k + 2).ends_with("ed")
                    || self.word_is(k + 2, &["left", "hit", "struck", "shot", "saw", "took"]));
            let closing = self.toks.get(k + 2).is_none_or(|t| t.kind == Kind::Punct)
                || self.word_is(k + 2, &["on", "in", "at", "near", "that", "which"])
                || clause;
            let back = matches!(self.w(k + 1), W::Before | W::Earlier);
            (closing && u != TUnit::Hour).then_some((if back { -1 } else { 1 }, u, k + 2))
        } else if let (W::Previous | W::Following, Some((u, _))) = (l.w, unit_at(k + 1)) {
            Some((if l.w == W::Previous { -1 } else { 1 }, u, k + 2))
        } else if let (W::Next, Some((TUnit::Day, _))) = (l.w, unit_at(k + 1)) {
            Some((1, TUnit::Day, k + 2))
        } else {
            None
        };
        if let Some((n, u, e)) = rel {
            if u != TUnit::Hour {
                return Some(Hit::date(e, self.relative_shift(n, u)));
            }
        }
        match l.w {
            W::Early | W::Mid | W::Late => return self.part(k),
            // "the near future", "the distant past"
            W::None if self.word_is(k, &["near", "distant", "foreseeable", "recent"]) => {
                return match self.w(k + 1) {
                    W::Future => Some(self.refv(k + 2, "FUTURE_REF")),
                    W::Past => Some(self.refv(k + 2, "PAST_REF")),
                    _ => None,
                };
            }
            W::Past | W::Last | W::Next | W::Coming | W::Previous | W::Following => {
                if let Some(h) = self.anchored_duration(i) {
                    return Some(h);
                }
                if l.w == W::Past && self.lx(k + 1).unit.is_none() && self.lx(k + 1).num.is_none() {
                    return Some(self.refv(k + 1, "PAST_REF"));
                }
                if l.w == W::Last {
                    return self.fraction_of_year(i);
                }
                return None;
            }
            W::Future => return Some(self.refv(k + 1, "FUTURE_REF")),
            W::Present
                if self.lx(k + 1).unit.is_none()
                    && self.toks.get(k + 1).is_none_or(|t| t.kind != Kind::Word || lex(t).stop) =>
            {
                return Some(self.refv(k + 1, "PRESENT_REF"));
            }
            W::End | W::Beginning | W::Start | W::Middle if self.w(k + 1) == W::Of => {
                let m = match l.w {
                    W::End => TimexMod::End,
                    W::Middle => TimexMod::Mid,
                    _ => TimexMod::Start,
                };
                let (whole, e) = self.period_ref(k + 2)?;
                let iv = match whole {
                    Some(w) => Some(part_of(&w, m, true)?),
                    None => None,
                };
                return Some(Hit { e, ttype: TimexType::Date, iv, tmod: Some(m), clock: None });
            }
            W::Same if self.w(k + 1) == W::Period => return self.same_period(i, k + 2),
            _ => {}
        }
        if l.ordinal > 0 {
            return self.fraction_of_year(i).or_else(|| self.ordinal_period(k));
        }
        if l.w == W::Last {
            return self.fraction_of_year(i);
        }
        if l.w == W::Quarter && self.word_is(k, &["quarter"]) && self.w(k + 1) != W::Of {
            return Some(self.the_quarter(k + 1));
        }
        if l.w == W::Weekend {
            return Some(Hit::date(k + 1, self.weekend(k, 0)));
        }
        let after = self.w(k + 1);
        if l.unit == Some((TUnit::Year, false))
            && i > 0
            && self.word_is(i - 1, &["for", "during", "through", "throughout", "in"])
            && !matches!(after, W::Before | W::After | W::Earlier | W::Later | W::Ago | W::Of)
            && !self.is_punct(k + 1, b'-')
            && !self.is_punct(k + 1, b'\'')
        {
            return Some(Hit::date(k + 1, self.dct.and_then(|d| year_iv(d.year()))));
        }
        None
    }

    /// "the 19th century" (value `18`), "the 21st century".
    fn century(&self, k: usize) -> Option<Hit> {
        let n = self.int(k).filter(|&n| (1..=30).contains(&n) && self.toks[k].len() <= 2)?;
        if !(self.word_is(k + 1, &["st", "nd", "rd", "th"]) && self.tight(k + 1)) {
            return None;
        }
        if self.lx(k + 2).unit != Some((TUnit::Century, false)) {
            return None;
        }
        let c = (n as i32 - 1) * 100;
        let iv =
            iv(ymd(c, 1, 1)?, ymd(c + 99, 12, 31)?, Granularity::Century, format!("{:02}", n - 1));
        Some(Hit::date(k + 3, Some(iv)))
    }

    /// "the 12 months", "the nine months", "the two years": a duration.
    fn the_count_duration(&self, k: usize) -> Option<Hit> {
        let (c, j) = self.count(k)?;
        let Count::Exact(n) = c else { return None };
        let (u, _) = self.lx(j).unit?;
        if n < 2 || self.w(j + 1) == W::Of || self.is_punct(j + 1, b'-') {
            return None;
        }
        Some(Hit::new(j + 1, TimexType::Duration, Some(open_iv(c, u)), None))
    }

    /// The weekend before the DCT (`rel` 0: the coming one when the
    /// sentence speaks of the future; -1 last; 1 next).
    fn weekend(&self, k: usize, rel: i8) -> Option<TimeInterval> {
        let d = self.dct?;
        let wd = d.weekday().number_from_monday();
        let coming = rel == 0 && wd == 5 && !self.past_cue(k, true);
        let sat = if coming {
            add_days(d, 1)?
        } else if rel == 0 && wd >= 6 {
            add_days(d, -((wd - 6) as i64))?
        } else {
            self.weekday_date(6, rel, k)?
        };
        let w = sat.iso_week();
        Some(iv(
            sat,
            add_days(sat, 1)?,
            Granularity::Week,
            format!("{:04}-W{:02}-WE", w.year(), w.week()),
        ))
    }

    /// A period a part-of construction applies to: a year, "Month [Year]",
    /// "the year", "last year", "this month", a decade.
    fn period_ref(&self, k: usize) -> Option<(Option<TimeInterval>, usize)> {
        if let Some(y) = self.year_at(k) {
            if self.word_is(k + 1, &["s"]) && self.tight(k + 1) {
                return Some((decade_iv(y), k + 2));
            }
            return Some((year_iv(y), k + 1));
        }
        if self.w(k) == W::The && self.is_num(k + 1) {
            let h = self.decade(k + 1)?;
            return Some((h.iv, h.e));
        }
        if self.lx(k).month > 0 {
            let h = self.month_led(k)?;
            return Some((h.iv, h.e));
        }
        if self.lx(k).season > 0 {
            let h = self.season(k)?;
            return Some((h.iv, h.e));
        }
        // "late Tuesday", "early today"
        if self.lx(k).weekday > 0 {
            let h = self.weekday(k)?;
            return (h.ttype == TimexType::Date).then_some((h.iv, h.e));
        }
        if matches!(self.w(k), W::Yesterday | W::Today | W::Tomorrow) {
            let h = self.day_word(k)?;
            return (h.ttype == TimexType::Date).then_some((h.iv, h.e));
        }
        let rel: i64 = match self.w(k) {
            W::The => 0,
            W::This => 0,
            W::Last => -1,
            W::Next => 1,
            _ => return None,
        };
        let (u, pl) = self.lx(k + 1).unit?;
        if pl || !matches!(u, TUnit::Year | TUnit::Month | TUnit::Decade | TUnit::Week) {
            return None;
        }
        let iv = self.dct.and_then(|d| period_of(shift(d, u, rel)?, u));
        Some((iv, k + 2))
    }

    /// "the first half of 2021", "the third quarter of 2020", "the first four
    /// months of 2021", "the last three months of the year".
    fn fraction_of_year(&self, i: usize) -> Option<Hit> {
        let k = i + 1;
        let l = self.lx(k);
        let last = l.w == W::Last;
        let ord = l.ordinal as u32;
        match self.w(k + 1) {
            W::Half | W::Quarter if self.w(k + 2) == W::Of => {
                let (whole, e) = self.period_ref(k + 3)?;
                let is_half = self.w(k + 1) == W::Half;
                let n = if last {
                    if is_half {
                        2
                    } else {
                        4
                    }
                } else {
                    ord
                };
                let iv = match whole {
                    Some(w) if w.granularity == Granularity::Year => {
                        let y = w.start?.year();
                        if is_half {
                            half_iv(y, n.clamp(1, 2))
                        } else {
                            quarter_iv(y, n.clamp(1, 4))
                        }
                    }
                    Some(_) => return None,
                    None => None,
                };
                if (is_half && n > 2) || n > 4 || n == 0 {
                    return None;
                }
                return Some(Hit::date(e, iv));
            }
            _ => {}
        }
        // "the first four months of 2021"
        if ord != 1 && !last {
            return None;
        }
        // "the last day of 2019", "the first week of June": one unit.
        let single =
            matches!(self.lx(k + 1).unit, Some((TUnit::Day | TUnit::Week | TUnit::Month, false)))
                && self.w(k + 2) == W::Of;
        let (n, j) = if single { (Count::Exact(1), k + 1) } else { self.count(k + 1)? };
        let Count::Exact(n) = n else { return None };
        let (u, _) = self.lx(j).unit?;
        if self.w(j + 1) != W::Of || !matches!(u, TUnit::Month | TUnit::Week | TUnit::Day) {
            return None;
        }
        let (whole, e) = self.period_ref(j + 2)?;
        let iv = match whole {
            Some(w) => {
                let (s, en) = (w.start?, w.end?);
                let (a, b) = if last {
                    (shift(en, u, -(n as i64))?.succ_opt()?, en)
                } else {
                    (s, shift(s, u, n as i64)?.pred_opt()?)
                };
                if a < s || b > en {
                    return None;
                }
                if single && u == TUnit::Day {
                    return Some(Hit::date(e, Some(day_iv(a))));
                }
                Some(TimeInterval {
                    start: Some(a),
                    end: Some(b),
                    granularity: Granularity::PartOf,
                    value: Some(duration_value(Count::Exact(n), u)),
                })
            }
            None => None,
        };
        Some(Hit { e, ttype: TimexType::Duration, iv, tmod: None, clock: None })
    }

    fn same_period(&self, _i: usize, k: usize) -> Option<Hit> {
        let (ps, pe) = self.last_period?;
        let (y, e) = if matches!(self.w(k), W::In | W::Of) {
            (self.year_at(k + 1)?, k + 2)
        } else if self.w(k) == W::Last && self.lx(k + 1).unit == Some((TUnit::Year, false)) {
            (ps.year() - 1, k + 2)
        } else {
            return None;
        };
        let dy = y - ps.year();
        let sh = |d: NaiveDate| {
            let m = Months::new((dy.unsigned_abs()) * 12);
            if dy >= 0 {
                d.checked_add_months(m)
            } else {
                d.checked_sub_months(m)
            }
        };
        let (a, b) = (sh(ps)?, sh(pe)?);
        let b = if pe.month() == 2 && pe.day() >= 28 { month_end(b.year(), 2)? } else { b };
        Some(Hit::date(
            e,
            Some(TimeInterval {
                start: Some(a),
                end: Some(b),
                granularity: Granularity::PartOf,
                value: Some(format!("{y:04}")),
            }),
        ))
    }

    /// "the past year", "the last three months", "the next few weeks",
    /// "the coming months" (starts at "the").
    fn anchored_duration(&self, i: usize) -> Option<Hit> {
        let k = i + 1;
        let dir: i64 = match self.w(k) {
            W::Past | W::Last | W::Previous => -1,
            _ => 1,
        };
        let (c, j) = match self.count(k + 1) {
            Some((c, j)) if self.lx(j).unit.is_some() => (c, j),
            _ => (Count::Exact(1), k + 1),
        };
        let (u, pl) = self.lx(j).unit?;
        let c = match (c, pl, j == k + 1) {
            (_, true, true) => Count::Vague(2, 5),
            (c, _, _) => c,
        };
        if self.w(j + 1) == W::Of {
            return None;
        }
        let iv = self.dct.and_then(|d| {
            let n = c.hi() as i64;
            let (a, b) = if matches!(u, TUnit::Minute | TUnit::Hour) {
                (d, d)
            } else if dir < 0 {
                (shift(d, u, -n)?.succ_opt()?, d)
            } else {
                (d, shift(d, u, n)?.pred_opt()?)
            };
            Some(TimeInterval {
                start: Some(a),
                end: Some(b),
                granularity: unit_gran(u),
                value: Some(duration_value(c, u)),
            })
        });
        Some(Hit { e: j + 1, ttype: TimexType::Duration, iv, tmod: None, clock: None })
    }

    /// "early 2015", "mid-June", "late 2014", "the early 1990s", "late last
    /// year" (starts at early/mid/late).
    fn part(&self, i: usize) -> Option<Hit> {
        let m = match self.w(i) {
            W::Early => TimexMod::Start,
            W::Mid => TimexMod::Mid,
            _ => TimexMod::End,
        };
        let mut k = i + 1;
        if self.is_punct(k, b'-') && self.tight(k) {
            k += 1;
        }
        let (whole, e) = self.period_ref(k)?;
        let iv = match whole {
            // A part of a day is still that day.
            Some(w) if w.granularity == Granularity::Day => Some(w),
            Some(w) => Some(part_of(&w, m, false)?),
            None => None,
        };
        Some(Hit { e, ttype: TimexType::Date, iv, tmod: Some(m), clock: None })
    }

    /// A count before a unit: digits, number words, "a", "several", "a few".
    fn count(&self, i: usize) -> Option<(Count, usize)> {
        let t = *self.toks.get(i)?;
        match t.kind {
            Kind::Num => {
                let v = self.int(i)?;
                if t.len() == 4 && (1900..=2099).contains(&v) {
                    return None;
                }
                let mut j = i + 1;
                if self.is_punct(j, b'-') && self.tight(j) && self.tight(j + 1) {
                    // "13-year" in "a 13-year war"
                    j += 1;
                }
                Some((Count::Exact(v), j))
            }
            Kind::Word => {
                let l = lex(&t);
                match l.w {
                    W::A | W::An => match self.w(i + 1) {
                        W::Few => Some((Count::Vague(2, 5), i + 2)),
                        W::Couple if self.w(i + 2) == W::Of => Some((Count::Vague(2, 3), i + 3)),
                        W::Couple => Some((Count::Vague(2, 3), i + 2)),
                        _ if self.lx(i + 1).num.is_some_and(|(_, c)| {
                            matches!(c, NumClass::Hundred | NumClass::Dozen)
                        }) =>
                        {
                            let (v, j) = self.words_number(i + 1)?;
                            Some((Count::Exact(v), j))
                        }
                        _ => Some((Count::Exact(1), i + 1)),
                    },
                    W::Several => Some((Count::Vague(3, 9), i + 1)),
                    W::Few => Some((Count::Vague(2, 5), i + 1)),
                    W::Many => Some((Count::Vague(5, 20), i + 1)),
                    W::Some => Some((Count::Vague(2, 9), i + 1)),
                    _ => {
                        let (v, j) = self.words_number(i)?;
                        Some((Count::Exact(v), j))
                    }
                }
            }
            Kind::Punct => None,
        }
    }

    fn words_number(&self, i: usize) -> Option<(u32, usize)> {
        let (mut v, mut j) = match self.lx(i).num? {
            (_, NumClass::Hundred | NumClass::Dozen | NumClass::Scale)
                if self.w(i.wrapping_sub(1)) == W::A =>
            {
                let (x, _) = self.lx(i).num?;
                (x, i + 1)
            }
            (x, NumClass::Unit | NumClass::Teen | NumClass::Tens) => (x, i + 1),
            _ => return None,
        };
        if self.lx(i).num.is_some_and(|(_, c)| c == NumClass::Tens)
            && self.is_punct(j, b'-')
            && self.tight(j)
        {
            if let Some((u, NumClass::Unit)) = self.lx(j + 1).num {
                v += u;
                j += 2;
            }
        }
        if let Some((_, NumClass::Hundred)) = self.lx(j).num {
            v *= 100;
            j += 1;
        }
        if self.is_punct(j, b'-') && self.tight(j) && self.lx(j + 1).unit.is_some() {
            j += 1;
        }
        Some((v, j))
    }

    /// "four months", "13 years", "three days ago", "several weeks", "a
    /// decade", "decades" after "for".
    fn duration(&self, i: usize) -> Option<Hit> {
        let bare = self.lx(i).unit;
        if let Some((u, true)) = bare {
            // "for years", "weeks of talks", "hours after the attack"; "in
            // recent years" is handled elsewhere.
            let after = self.w(i + 1);
            let before_ok = i > 0
                && self.word_is(
                    i - 1,
                    &[
                        "for", "over", "within", "after", "in", "lasted", "last", "lasts", "took",
                        "take", "takes", "spent", "ending", "taking",
                    ],
                );
            let after_ok = matches!(after, W::Of | W::After | W::Later | W::Earlier | W::Before)
                && (i == 0
                    || !(self.lx(i - 1).stop
                        || self.lx(i - 1).adj
                        || matches!(
                            self.w(i - 1),
                            W::Recent | W::Early | W::Late | W::Coming | W::Past
                        ))
                    || self.word_is(i - 1, &["after", "for", "within", "in", "over"]));
            if before_ok || after_ok {
                let iv = open_iv(Count::Vague(2, 9), u);
                return Some(Hit::new(i + 1, TimexType::Duration, Some(iv), None));
            }
            return None;
        }
        let (c, j) = self.count(i)?;
        let (u, plural) = self.lx(j).unit?;
        // "a months-long truce"
        if plural && matches!(self.w(i), W::A | W::An) && j == i + 1 {
            return None;
        }
        if self.is_punct(j + 1, b'-') && self.tight(j + 1) && self.word_is(j + 2, &["long"]) {
            return None;
        }
        // "$40 million a year", "twice a week"
        if matches!(self.w(i), W::A | W::An) && j == i + 1 {
            if let Some(h) = self.set_rate(i, j) {
                return Some(h);
            }
        }
        if self.w(j + 1) == W::Ago {
            let iv = self.dct.and_then(|d| match c {
                Count::Exact(n) => {
                    let p = shift(d, u, -(n as i64))?;
                    match u {
                        // "a decade ago" is a year ("2001"), not a decade.
                        TUnit::Decade | TUnit::Century => year_iv(p.year()),
                        // "a year ago" is the same month a year back.
                        TUnit::Year if n == 1 => month_iv(p.year(), p.month()),
                        _ => period_of(p, u),
                    }
                }
                Count::Vague(lo, hi) => Some(TimeInterval {
                    start: shift(d, u, -(hi as i64)),
                    end: shift(d, u, -(lo as i64)),
                    granularity: Granularity::Vague,
                    value: Some("PAST_REF".into()),
                }),
            });
            return Some(Hit::date(j + 2, iv));
        }
        // "a year earlier", "two days later", "a year before." ("six hours
        // later" stays a duration: no day to shift).
        if let (Count::Exact(n), false) = (c, matches!(u, TUnit::Hour | TUnit::Minute)) {
            let next = self.w(j + 1);
            let closing = self
                .toks
                .get(j + 2)
                .is_none_or(|t| t.kind == Kind::Punct && !matches!(t.p, b'$' | b'\'' | b'"'));
            let dir = match next {
                W::Earlier => -1,
                W::Later => 1,
                W::Before if closing => -1,
                W::After if closing => 1,
                _ => 0,
            };
            if dir != 0 {
                return Some(Hit::date(j + 2, self.relative_shift(dir * n as i64, u)));
            }
        }
        // Durations need a real count: "a year" alone is fine, "one day"
        // ("one day he left") is not.
        if matches!(c, Count::Exact(1)) && self.word_is(i, &["one"]) && u == TUnit::Day {
            return None;
        }
        if matches!(c, Count::Vague(..)) && matches!(self.w(i), W::Some | W::Many) {
            return None;
        }
        let v = duration_value(c, u);
        let iv = Some(TimeInterval {
            start: None,
            end: None,
            granularity: unit_gran(u),
            value: Some(v),
        });
        Some(Hit { e: j + 1, ttype: TimexType::Duration, iv, tmod: None, clock: None })
    }

    /// "every week", "each year", "every two months": a SET.
    fn set(&self, i: usize) -> Option<Hit> {
        let wd = self.lx(i + 1).weekday;
        if wd > 0 && self.toks[i + 1].cap {
            let iv = TimeInterval {
                start: None,
                end: None,
                granularity: Granularity::Week,
                value: Some(format!("XXXX-WXX-{wd}")),
            };
            return Some(Hit::new(i + 2, TimexType::Set, Some(iv), None));
        }
        let (c, j) = match self.lx(i + 1).unit {
            Some((_, false)) => (Count::Exact(1), i + 1),
            _ => {
                let (c, j) = self.count(i + 1)?;
                (c, j)
            }
        };
        let (u, _) = self.lx(j).unit?;
        Some(Hit::new(j + 1, TimexType::Set, Some(open_iv(c, u)), None))
    }

    /// "3 p.m.", "10:30", "10am", "1400 GMT", "noon", "midnight": a TIME.
    /// A day right after it joins it ("4 a.m. Monday", "midnight
    /// Saturday"); otherwise `find_times` gives it the day of a date in its
    /// sentence or the DCT.
    fn clock(&self, i: usize) -> Option<Hit> {
        let (hh, mm, mut e) = match self.w(i) {
            W::Noon => (12, 0, i + 1),
            W::Midnight => (24, 0, i + 1),
            _ => self.clock_digits(i)?,
        };
        if self.word_is(e, &["GMT", "UTC", "EST", "EDT", "PST", "PDT", "CET", "BST"])
            && self.toks[e].cap
        {
            e += 1;
        }
        let hm = format!("{hh:02}:{mm:02}");
        // "4 a.m. Monday", "noon today", "3 p.m. Aug. 26"
        let day = {
            let l = self.lx(e);
            if l.weekday > 0 && self.toks[e].cap {
                self.weekday(e)
            } else if matches!(l.w, W::Yesterday | W::Today | W::Tomorrow) {
                self.day_word(e)
            } else if l.month > 0 {
                self.month_led(e)
            } else {
                None
            }
        };
        if let Some(d) = day.filter(|d| d.ttype == TimexType::Date) {
            let iv = d.iv.and_then(|x| {
                let s = x.start?;
                (x.granularity == Granularity::Day).then(|| {
                    let mut y = day_iv(s);
                    y.value = Some(format!("{}T{hm}", s.format("%Y-%m-%d")));
                    y
                })
            });
            return Some(Hit::new(d.e, TimexType::Time, iv, None));
        }
        Some(Hit { e, ttype: TimexType::Time, iv: None, tmod: None, clock: Some(hm) })
    }

    /// Hours, minutes and the end of a numeric clock time.
    fn clock_digits(&self, i: usize) -> Option<(u32, u32, usize)> {
        let h = self.int(i)?;
        let mut e = i + 1;
        let mut mm = 0;
        if self.is_punct(e, b':') && self.tight(e) && self.is_num(e + 1) && self.tight(e + 1) {
            mm = self.int(e + 1).filter(|&m| m < 60 && self.toks[e + 1].len() == 2)?;
            e += 2;
        } else if self.toks[i].len() == 4
            && self.word_is(e, &["GMT", "UTC", "hrs", "hours"])
            && self.toks[e].cap
        {
            let (a, b) = (h / 100, h % 100);
            if a > 24 || b > 59 {
                return None;
            }
            return Some((a, b, e + 1));
        }
        let ampm = if self.word_is(e, &["a", "p"])
            && self.is_punct(e + 1, b'.')
            && self.tight(e + 1)
            && self.word_is(e + 2, &["m"])
            && self.tight(e + 2)
        {
            let pm = self.word_is(e, &["p"]);
            e += if self.is_punct(e + 3, b'.') && self.tight(e + 3) { 4 } else { 3 };
            Some(pm)
        } else if self.word_is(e, &["am", "pm"]) && !self.toks[e].cap {
            let pm = self.word_is(e, &["pm"]);
            e += 1;
            Some(pm)
        } else {
            None
        };
        if ampm.is_none() && e == i + 1 {
            return None;
        }
        let hh = match ampm {
            Some(_) if !(1..=12).contains(&h) => return None,
            Some(true) if h < 12 => h + 12,
            Some(false) if h == 12 => 0,
            _ if h > 24 => return None,
            _ => h,
        };
        Some((hh, mm, e))
    }
}

impl Tm<'_> {
    /// "the third quarter", "third-quarter", "the first half" without a
    /// year (starts at the ordinal): the most recent such period on or
    /// before the DCT, the coming one when the sentence speaks of the future.
    fn ordinal_period(&self, k: usize) -> Option<Hit> {
        let n = self.lx(k).ordinal as u32;
        let mut j = k + 1;
        let hyphen = self.is_punct(j, b'-') && self.tight(j) && self.tight(j + 1);
        if hyphen {
            j += 1;
        } else if k == 0 || self.w(k - 1) != W::The {
            return None;
        }
        let half = match self.w(j) {
            W::Half => true,
            W::Quarter if self.word_is(j, &["quarter"]) => false,
            _ => return None,
        };
        if self.w(j + 1) == W::Of || (half && n > 2) || n > 4 || n == 0 {
            return None;
        }
        // "the third quarter 2020", "third-quarter 1989"
        if let Some(y) = self.year_at(j + 1) {
            let iv = if half { half_iv(y, n) } else { quarter_iv(y, n) };
            return Some(Hit::date(j + 2, iv));
        }
        let iv = self.dct.and_then(|d| {
            let per = if half { 6 } else { 3 };
            let cur = (d.month() - 1) / per + 1;
            let per_year = 12 / per;
            let (ahead, back) = (n as i64 - cur as i64, cur as i64 + per_year as i64 - n as i64);
            let this_year =
                n <= cur || self.future(k) || (ahead <= back && !self.past_cue(k, true));
            let y = if this_year { d.year() } else { d.year() - 1 };
            if half {
                half_iv(y, n)
            } else {
                quarter_iv(y, n)
            }
        });
        Some(Hit::date(j + 1, iv))
    }

    /// "the quarter": the quarter last mentioned, else the one the DCT is
    /// in (the one before it in a quarter's first month, when results for
    /// the quarter just ended are reported).
    fn the_quarter(&self, e: usize) -> Hit {
        let iv = self.last_quarter.clone().or_else(|| {
            let d = self.dct?;
            let q = (d.month() - 1) / 3 + 1;
            let first_month = (d.month() - 1) % 3 == 0;
            match (first_month, q) {
                (true, 1) => quarter_iv(d.year() - 1, 4),
                (true, q) => quarter_iv(d.year(), q - 1),
                (false, q) => quarter_iv(d.year(), q),
            }
        });
        Hit::date(e, iv)
    }

    /// "fiscal 1990", "fiscal year 1990": value `FY1990`; the interval
    /// covers every fiscal year that ends in 1990 (from 1989-02-01, a year
    /// ending on 31 January, to 1990-12-31).
    fn fiscal(&self, i: usize) -> Option<Hit> {
        let mut k = i + 1;
        if self.lx(k).unit == Some((TUnit::Year, false)) {
            k += 1;
        }
        let y = self.year_at(k)?;
        let iv = TimeInterval {
            start: ymd(y - 1, 2, 1),
            end: ymd(y, 12, 31),
            granularity: Granularity::Vague,
            value: Some(format!("FY{y:04}")),
        };
        Some(Hit::date(k + 1, Some(iv)))
    }

    /// "Christmas" (25 December), "Christmas Eve", "Christmas 2015".
    fn christmas(&self, i: usize) -> Option<Hit> {
        let (d, mut e) = if self.word_is(i + 1, &["Eve"]) { (24, i + 2) } else { (25, i + 1) };
        let mut k = e;
        if self.is_punct(k, b',') {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            return Some(Hit::date(k + 1, ymd(y, 12, d).map(day_iv)));
        }
        if self.word_is(e, &["Day"]) {
            e += 1;
        }
        Some(Hit::date(e, self.yearless(12, d, i)))
    }

    /// "half an hour" (`PT30M`), "half a year" (`P6M`), "half a century".
    fn half_unit(&self, i: usize) -> Option<Hit> {
        let (u, plural) = self.lx(i + 2).unit?;
        if plural {
            return None;
        }
        let v = match u {
            TUnit::Hour => "PT30M",
            TUnit::Day => "PT12H",
            TUnit::Year => "P6M",
            TUnit::Decade => "P5Y",
            TUnit::Century => "P50Y",
            _ => return None,
        };
        let iv = TimeInterval {
            start: None,
            end: None,
            granularity: unit_gran(u),
            value: Some(v.into()),
        };
        Some(Hit::new(i + 3, TimexType::Duration, Some(iv), None))
    }

    /// "daily", "weekly", "quarterly", "annually": a SET.
    fn periodic(&self, i: usize) -> Option<Hit> {
        let w = self.tstr(i).to_ascii_lowercase();
        let (n, u) = match w.as_str() {
            "hourly" => (1, TUnit::Hour),
            "daily" | "nightly" => (1, TUnit::Day),
            "weekly" => (1, TUnit::Week),
            "biweekly" => (2, TUnit::Week),
            "monthly" => (1, TUnit::Month),
            "quarterly" => (3, TUnit::Month),
            _ => (1, TUnit::Year),
        };
        Some(Hit::new(i + 1, TimexType::Set, Some(open_iv(Count::Exact(n), u)), None))
    }

    /// "$40 million a year", "twice a week", "5 percent per year": a SET
    /// (`i` at "a"/"per", `j` at the unit).
    fn set_rate(&self, i: usize, j: usize) -> Option<Hit> {
        let (u, plural) = self.lx(j).unit?;
        if plural || i == 0 {
            return None;
        }
        let p = self.toks[i - 1];
        let rate = p.kind == Kind::Num
            || matches!(self.w(i - 1), W::Once | W::Twice | W::Percent)
            || self.lx(i - 1).num.is_some_and(|(_, c)| c == NumClass::Scale)
            || self.word_is(i - 1, &["times", "dollars", "cents"])
            || (p.kind == Kind::Punct && p.p == b'%');
        let next = self.w(j + 1);
        if !rate || matches!(next, W::Ago | W::Earlier | W::Later | W::Before | W::After | W::Of) {
            return None;
        }
        Some(Hit::new(j + 1, TimexType::Set, Some(open_iv(Count::Exact(1), u)), None))
    }

    /// "a year earlier", "two days later", "a year before.": shifted from
    /// the last date mentioned (or the DCT), at that date's precision.
    fn relative_shift(&self, n: i64, u: TUnit) -> Option<TimeInterval> {
        let base = self.last_anchor.clone().or_else(|| self.dct.map(day_iv))?;
        let s = base.start?;
        let d = shift(s, u, n)?;
        let g = base.granularity;
        match (g, u) {
            (Granularity::Quarter, TUnit::Year) => quarter_iv(d.year(), (d.month() - 1) / 3 + 1),
            (Granularity::Quarter, TUnit::Month) if n % 3 == 0 => {
                quarter_iv(d.year(), (d.month() - 1) / 3 + 1)
            }
            (Granularity::Half, TUnit::Year) => half_iv(d.year(), (d.month() - 1) / 6 + 1),
            (Granularity::Season, TUnit::Year) => {
                let mut x = base.clone();
                x.start = Some(d);
                x.end = base.end.and_then(|e| shift(e, u, n));
                x.value =
                    base.value.as_ref().map(|v| format!("{:04}{}", d.year(), &v[4.min(v.len())..]));
                Some(x)
            }
            (Granularity::Day, TUnit::Day | TUnit::Week) => Some(day_iv(d)),
            (Granularity::Week, TUnit::Week) => week_iv(d),
            (Granularity::Day | Granularity::Week | Granularity::Month, TUnit::Month) => {
                month_iv(d.year(), d.month())
            }
            (Granularity::Month, TUnit::Year) => month_iv(d.year(), d.month()),
            _ => period_of(d, u),
        }
    }
}

/// A duration's open interval carrying its value.
fn open_iv(c: Count, u: TUnit) -> TimeInterval {
    TimeInterval {
        start: None,
        end: None,
        granularity: unit_gran(u),
        value: Some(duration_value(c, u)),
    }
}

fn h_with_e(h: Hit, _start: usize) -> Hit {
    h
}
