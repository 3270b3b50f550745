//! Extraction cost grows linearly with a document's length (issue 12).
//!
//! A test binary of its own: it installs a counting global allocator, and
//! counts the allocations and bytes that `annotate` asks for on one thread,
//! a deterministic measure (unlike time) that is cheap in the debug profile.
//! The document is the example corpus concatenated to 64, 128, 256 and
//! 512 KB; each doubling may cost at most 2.6 times as much (linear, with
//! 30 % slack for hash tables and vectors that grow in steps).
//!
//! The count sees the stages that allocate as they scan (every recognizer
//! builds strings and vectors per token or per match); a scan that
//! allocates nothing is timed by `dossier bench --scaling`, which runs the
//! same documents from 1 to 16 MB.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use dossier_core::{annotate, Document};

struct Counting;

thread_local! {
    static ALLOCS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn count(bytes: usize) {
    // `try_with`: the thread-local may already be gone while a thread exits.
    let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
    let _ = BYTES.try_with(|c| c.set(c.get() + bytes as u64));
}

// SAFETY: every call forwards to the system allocator unchanged; the
// counters are const-initialized thread-locals, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        System.alloc_zeroed(layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        System.realloc(ptr, layout, new_size)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The bodies of the example articles (`.txt` and `.md`, header lines
/// dropped) and the first one's publication date.
fn corpus() -> (Vec<String>, Option<chrono::NaiveDate>) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    let mut bodies = Vec::new();
    let mut published = None;
    for p in paths {
        if !matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
            continue;
        }
        let raw = std::fs::read_to_string(&p).expect("example article");
        let (head, body) = raw.split_once("\n\n").unwrap_or(("", raw.as_str()));
        published = published.or_else(|| {
            head.lines()
                .find_map(|l| l.strip_prefix("Published: "))
                .and_then(|d| d.get(..10)?.parse().ok())
        });
        bodies.push(body.to_string());
    }
    assert!(!bodies.is_empty(), "no example articles under {dir}");
    (bodies, published)
}

/// The corpus repeated, whole articles, to at least `bytes`.
fn document(bodies: &[String], published: Option<chrono::NaiveDate>, bytes: usize) -> Document {
    let mut text = String::with_capacity(bytes + 16_384);
    while text.len() < bytes {
        for b in bodies {
            if text.len() >= bytes {
                break;
            }
            text.push_str(b);
            text.push_str("\n\n");
        }
    }
    Document { id: format!("{bytes} bytes"), published, text, ..Document::default() }
}

/// (allocations, bytes allocated) while annotating `doc` on this thread.
fn cost(doc: Document) -> (u64, u64) {
    let (a0, b0) = (ALLOCS.with(Cell::get), BYTES.with(Cell::get));
    let annotated = annotate(doc);
    let (a1, b1) = (ALLOCS.with(Cell::get), BYTES.with(Cell::get));
    drop(annotated);
    (a1 - a0, b1 - b0)
}

#[test]
fn issue_12_extraction_cost_is_linear_in_length() {
    let (bodies, published) = corpus();
    // Builds the lexicon and other one-time tables outside the measure.
    let _ = cost(document(&bodies, published, 4_096));
    let sizes = [64 << 10, 128 << 10, 256 << 10, 512 << 10];
    let costs: Vec<(u64, u64)> =
        sizes.iter().map(|&n| cost(document(&bodies, published, n))).collect();
    let mut report = String::new();
    for (n, (allocs, bytes)) in sizes.iter().zip(&costs) {
        report.push_str(&format!("{:>4} KB: {allocs} allocations, {bytes} bytes\n", n >> 10));
    }
    eprint!("{report}");
    for (w, n) in costs.windows(2).zip(&sizes[1..]) {
        let (a, b) = (w[1].0 as f64 / w[0].0 as f64, w[1].1 as f64 / w[0].1 as f64);
        assert!(
            a <= 2.6 && b <= 2.6,
            "doubling to {} KB multiplied allocations by {a:.2} and bytes by {b:.2} \
             (at most 2.6 allowed):\n{report}",
            n >> 10
        );
    }
}
