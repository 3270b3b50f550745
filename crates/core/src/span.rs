//! Byte spans into a document's stored text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into `Document::text`.
///
/// Spans always point into the original stored text, never into a rewritten
/// copy: normalization produces values, not new text. Serialized as `[s, e]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

impl Span {
    /// Creates a span; panics in debug builds when `start > end`.
    #[inline]
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} > end {end}");
        Span { start: start as u32, end: end as u32 }
    }

    /// The start as a `usize` index.
    #[inline]
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// The end as a `usize` index.
    #[inline]
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// Length in bytes.
    #[inline]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no bytes.
    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The slice of `text` this span covers; empty when it is out of range.
    #[inline]
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start()..self.end()).unwrap_or("")
    }

    /// True when `other` lies inside `self`.
    #[inline]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    #[inline]
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    #[inline]
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// This span moved right by `offset` bytes.
    #[inline]
    pub fn shift(self, offset: usize) -> Span {
        Span { start: self.start + offset as u32, end: self.end + offset as u32 }
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Span, D::Error> {
        let [start, end] = <[u32; 2]>::deserialize(d)?;
        if start > end {
            return Err(serde::de::Error::custom("span start after end"));
        }
        Ok(Span { start, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_and_serializes() {
        let text = "ISIS-K claimed it";
        let s = Span::new(0, 6);
        assert_eq!(s.slice(text), "ISIS-K");
        assert_eq!(serde_json::to_string(&s).unwrap(), "[0,6]");
        let back: Span = serde_json::from_str("[0,6]").unwrap();
        assert_eq!(back, s);
        assert!(serde_json::from_str::<Span>("[6,0]").is_err());
        assert_eq!(Span::new(90, 95).slice(text), "");
    }
}
