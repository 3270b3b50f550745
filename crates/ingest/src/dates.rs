//! Publication dates as written in headers and metadata.

use chrono::NaiveDate;

/// Reads a publication date: `2021-08-26`, an RFC 3339 / ISO 8601 datetime
/// (`2021-08-26T09:30:00+04:30`, whose date part is taken as written), an
/// RFC 2822 date (`Thu, 26 Aug 2021 09:30:00 +0000`), `26 August 2021` or
/// `August 26, 2021` (month names may be abbreviated, a weekday may lead and
/// the day may carry `st`/`nd`/`rd`/`th`). Anything else is `None`.
///
/// ```
/// use dossier_ingest::parse_date;
/// let d = chrono::NaiveDate::from_ymd_opt(2021, 8, 26);
/// assert_eq!(parse_date("2021-08-26T09:30:00Z"), d);
/// assert_eq!(parse_date("August 26, 2021"), d);
/// assert_eq!(parse_date("Thursday, 26th Aug 2021"), d);
/// assert_eq!(parse_date("last week"), None);
/// ```
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(d) = iso_date(s) {
        return Some(d);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    written_date(s)
}

/// `YYYY-MM-DD`, optionally followed by a time (`T` or a space).
fn iso_date(s: &str) -> Option<NaiveDate> {
    let head = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    let b = head.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| head[r].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// `26 August 2021` or `August 26, 2021`, with an optional leading weekday.
fn written_date(s: &str) -> Option<NaiveDate> {
    let mut words: Vec<&str> =
        s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if words.first().is_some_and(|w| is_weekday(w)) {
        words.remove(0);
    }
    let [a, b, c] = words.as_slice() else {
        return None;
    };
    let (day, month) = match (day_number(a), month_number(b)) {
        (Some(d), Some(m)) => (d, m),
        _ => (day_number(b)?, month_number(a)?),
    };
    if c.len() != 4 {
        return None;
    }
    let year: i32 = c.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    dossier_core::time::MONTH_NAMES.iter().position(|m| m.starts_with(&w)).map(|i| i as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] =
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    w.len() >= 3 && DAYS.iter().any(|d| d.starts_with(&w))
}

fn day_number(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    let w = ["st", "nd", "rd", "th"].iter().find_map(|s| w.strip_suffix(s)).unwrap_or(&w);
    if w.is_empty() || w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn iso_forms() {
        assert_eq!(parse_date("2021-08-26"), ymd(2021, 8, 26));
        assert_eq!(parse_date(" 2021-08-26T23:59:00+04:30 "), ymd(2021, 8, 26));
        assert_eq!(parse_date("2021-08-26 10:00"), ymd(2021, 8, 26));
        assert_eq!(parse_date("2021-02-30"), None);
        assert_eq!(parse_date("2021-08-2612"), None);
        assert_eq!(parse_date("2021-8-26"), None);
    }

    #[test]
    fn written_forms() {
        assert_eq!(parse_date("26 August 2021"), ymd(2021, 8, 26));
        assert_eq!(parse_date("August 26, 2021"), ymd(2021, 8, 26));
        assert_eq!(parse_date("Sept. 3, 2014"), ymd(2014, 9, 3));
        assert_eq!(parse_date("Mon, 1st March 2021"), ymd(2021, 3, 1));
        assert_eq!(parse_date("Thu, 26 Aug 2021 09:30:00 +0000"), ymd(2021, 8, 26));
    }

    #[test]
    fn rejects_vague_or_broken_dates() {
        for s in ["", "late 2014", "August 2021", "32 August 2021", "26 Agust 2021", "26 ma 2021"] {
            assert_eq!(parse_date(s), None, "{s:?}");
        }
    }
}
