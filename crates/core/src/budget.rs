//! How much one document may cost: a size and a time limit on extraction.
//!
//! Extraction is linear in a document's length, but a batch must not wait
//! on one huge or pathological document. [`annotate_within`] refuses a
//! document over the size limit before it starts, and the stages look at
//! the clock as they go (per sentence, and between stages): once the time
//! is up they stop and the document fails with an [`OverBudget`] error that
//! names it, while the other documents of the batch go on.
//!
//! [`annotate_within`]: crate::annotate_within

use std::cell::Cell;
use std::fmt;
use std::time::{Duration, Instant};

use crate::Document;

/// The limits on one document's extraction. `None` is no limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Budget {
    /// The longest text, in bytes.
    pub max_bytes: Option<usize>,
    /// The longest extraction may take.
    pub max_time: Option<Duration>,
}

impl Budget {
    /// No limit: what [`annotate`](crate::annotate) uses.
    pub const UNLIMITED: Budget = Budget { max_bytes: None, max_time: None };

    /// Checks the size and starts the clock.
    pub(crate) fn start(&self, doc: &Document) -> Result<Clock, OverBudget> {
        if let Some(max) = self.max_bytes.filter(|&m| doc.text.len() > m) {
            return Err(OverBudget::TooLarge { document: name(doc), bytes: doc.text.len(), max });
        }
        Ok(Clock {
            deadline: self.max_time.map(|t| Instant::now() + t),
            limit: self.max_time.unwrap_or_default(),
            checks: Cell::new(0),
            over: Cell::new(false),
        })
    }
}

/// The running clock of one extraction.
pub(crate) struct Clock {
    deadline: Option<Instant>,
    limit: Duration,
    checks: Cell<u32>,
    over: Cell<bool>,
}

impl Clock {
    /// A clock that never runs out.
    pub fn unlimited() -> Clock {
        Clock {
            deadline: None,
            limit: Duration::ZERO,
            checks: Cell::new(0),
            over: Cell::new(false),
        }
    }

    /// Is the time up? Stages call this once per sentence; it reads the
    /// system clock only every 64th call, and stays true once it was.
    pub fn over(&self) -> bool {
        let Some(deadline) = self.deadline else { return false };
        if self.over.get() {
            return true;
        }
        let n = self.checks.get().wrapping_add(1);
        self.checks.set(n);
        if n % 64 == 1 && Instant::now() >= deadline {
            self.over.set(true);
        }
        self.over.get()
    }

    /// The error for a document whose time ran out, else `Ok`.
    pub fn verdict(&self, doc: &Document) -> Result<(), OverBudget> {
        // One last look, so that a slow last stage counts too.
        let late = self.deadline.is_some_and(|d| Instant::now() >= d);
        if self.over.get() || late {
            return Err(OverBudget::TooSlow { document: name(doc), limit: self.limit });
        }
        Ok(())
    }
}

/// The document's file when known, else its id.
fn name(doc: &Document) -> String {
    doc.path.clone().unwrap_or_else(|| doc.id.clone())
}

/// A document over its [`Budget`]: names the document and the limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OverBudget {
    /// The text is longer than `max` bytes.
    TooLarge {
        /// The document's file, or its id.
        document: String,
        /// The text's length.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// Extraction ran past the time limit and was stopped.
    TooSlow {
        /// The document's file, or its id.
        document: String,
        /// The limit.
        limit: Duration,
    },
}

impl OverBudget {
    /// The document's file, or its id.
    pub fn document(&self) -> &str {
        match self {
            OverBudget::TooLarge { document, .. } | OverBudget::TooSlow { document, .. } => {
                document
            }
        }
    }

    /// Why, without the document's name.
    pub fn reason(&self) -> String {
        match self {
            OverBudget::TooLarge { bytes, max, .. } => {
                format!("its text is {bytes} bytes, over the limit of {max} bytes per document")
            }
            OverBudget::TooSlow { limit, .. } => format!(
                "extraction took longer than the limit of {} s per document and was stopped",
                limit.as_secs_f64()
            ),
        }
    }
}

impl fmt::Display for OverBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.document(), self.reason())
    }
}

impl std::error::Error for OverBudget {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{annotate, annotate_within};

    fn doc() -> Document {
        Document {
            id: "0123456789abcdef".into(),
            path: Some("articles/big.txt".into()),
            text: "Islamic State Khorasan Province has about 2,000 fighters, officials said. \
                   The group claimed the bombing in Kabul on Monday."
                .repeat(50),
            ..Document::default()
        }
    }

    #[test]
    fn a_document_over_the_size_limit_is_refused_by_name() {
        let budget = Budget { max_bytes: Some(1_000), ..Budget::UNLIMITED };
        let e = annotate_within(doc(), &budget).unwrap_err();
        assert!(matches!(e, OverBudget::TooLarge { max: 1_000, .. }), "{e:?}");
        assert!(e.to_string().starts_with("articles/big.txt: its text is "), "{e}");
    }

    #[test]
    fn a_document_out_of_time_stops_with_an_error_naming_it() {
        let budget = Budget { max_time: Some(Duration::ZERO), ..Budget::UNLIMITED };
        let e = annotate_within(doc(), &budget).unwrap_err();
        assert!(matches!(e, OverBudget::TooSlow { .. }), "{e:?}");
        assert!(e.to_string().starts_with("articles/big.txt: extraction took longer"), "{e}");
    }

    #[test]
    fn within_the_budget_the_result_is_the_same() {
        let budget = Budget { max_bytes: Some(1 << 20), max_time: Some(Duration::from_secs(600)) };
        assert_eq!(annotate_within(doc(), &budget), Ok(annotate(doc())));
    }
}
