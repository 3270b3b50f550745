//! Property tests: no input makes a recognizer panic, and every span lies on
//! UTF-8 char boundaries inside the text.

use chrono::NaiveDate;
use dossier_core::{find_quantities, find_times, Span};
use proptest::prelude::*;

/// A span lies in order, inside the text, on char boundaries.
pub(crate) fn check_span(text: &str, s: Span) {
    assert!(s.start <= s.end, "reversed span {s:?}");
    assert!(s.end() <= text.len(), "span {s:?} past the end of {} bytes", text.len());
    assert!(
        text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()),
        "span {s:?} splits a char in {text:?}"
    );
}

fn check(text: &str, dct: Option<NaiveDate>) {
    for m in find_quantities(text) {
        check_span(text, m.span);
        if let Some(u) = m.unit {
            check_span(text, u);
        }
    }
    for m in find_times(text, dct) {
        check_span(text, m.span);
        if let Some(s) = m.signal {
            check_span(text, s);
        }
    }
}

/// Fragments news text is made of, so random mixes hit the recognizers'
/// deeper paths and not only their quick rejects.
const FRAGMENTS: &[&str] = &[
    "about",
    "1,500",
    "between",
    "to",
    "and",
    "–",
    "-",
    "—",
    "2,000",
    "fighters",
    "late",
    "2014",
    "the",
    "first",
    "four",
    "months",
    "of",
    "2021",
    "as early as",
    "September",
    "Thursday",
    "last",
    "June",
    "currently",
    "a few",
    "days",
    "ago",
    "more than",
    "150",
    "dozens",
    "U.S.",
    "troops",
    "13",
    "seventy-five",
    "percent",
    "%",
    "a third",
    "since",
    "by",
    "mid-",
    "the end",
    "26/08/2021",
    "2021-08-26",
    "Aug.",
    "26",
    ",",
    ".",
    "'90s",
    "1990s",
    "summer",
    "same period",
    "in",
    "next",
    "week",
    "yesterday",
    "3 p.m.",
    "10:30",
    "one",
    "or",
    "$",
    "2bn",
    "1.5",
    "million",
    "Nangarhār",
    "“",
    "”",
    "’",
    "\u{a0}",
    "é",
    "日本",
    "🙂",
    "0",
    "00",
    "9999999",
    "May",
    "may",
    "March",
    "half",
    "quarter",
    "+",
    "plus",
    "nearly",
    "up to",
    "at least",
    "s",
];

fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec((0..FRAGMENTS.len(), prop::bool::ANY), 0..40).prop_map(|parts| {
        let mut s = String::new();
        for (k, space) in parts {
            s.push_str(FRAGMENTS[k]);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

fn dates() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        Just(None),
        (1i32..9999, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        Just(NaiveDate::from_ymd_opt(262_000, 12, 31)),
        Just(NaiveDate::from_ymd_opt(-262_000, 1, 1)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}", dct in dates()) {
        check(&text, dct);
    }

    #[test]
    fn arbitrary_bytes_as_text_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200), dct in dates()) {
        let text = String::from_utf8_lossy(&bytes);
        check(&text, dct);
    }

    #[test]
    fn news_fragments_never_panic(text in news_like(), dct in dates()) {
        check(&text, dct);
    }
}

#[test]
fn extreme_dates_do_not_panic() {
    let text = "Thursday last week, next month, the past 300 years, the next 9999 days, 3000 years ago, late last year, this winter";
    for dct in [NaiveDate::MIN, NaiveDate::MAX] {
        check(text, Some(dct));
    }
}
