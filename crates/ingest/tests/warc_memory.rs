//! A WARC archive is read in memory bounded by one record, whatever its
//! size: the peak heap while reading an archive four times larger is about
//! the same. (Its own test binary: it counts every allocation.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use dossier_ingest::{read_inputs, Overrides, WarcWriter};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Peak heap above the start while reading an archive of `pages` pages;
/// also the number of documents read.
fn peak_reading(dir: &std::path::Path, pages: usize) -> (usize, usize) {
    let path = dir.join(format!("{pages}.warc.gz"));
    let mut w = WarcWriter::new(std::fs::File::create(&path).unwrap(), true);
    let para = "The council met on Tuesday to discuss the repair of the old river bridge, \
                which has been closed to lorries since the spring floods. ";
    for i in 0..pages {
        let uri = format!("https://town.example/news/{i}");
        let html = format!(
            "<html><head><title>Council notes {i}</title></head><body><article><p>{}</p>\
             <p>Item {i}.</p></article></body></html>",
            para.repeat(20)
        );
        w.request(&uri, "2023-02-01T09:00:00Z").unwrap();
        w.html_response(&uri, "2023-02-01T09:00:00Z", &html).unwrap();
    }
    w.finish().unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > pages as u64 * 200, "{size}");
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let mut docs = 0;
    for d in read_inputs(&[path], &Overrides::default()) {
        assert!(d.unwrap().text.ends_with('.'));
        docs += 1;
    }
    (PEAK.load(Ordering::Relaxed) - base, docs)
}

#[test]
fn memory_does_not_grow_with_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let (small, n_small) = peak_reading(dir.path(), 200);
    let (large, n_large) = peak_reading(dir.path(), 800);
    assert_eq!((n_small, n_large), (200, 800));
    // 800 pages are about 2.6 MB of WARC; one record is 3 KB.
    assert!(large < 1 << 20, "peak {large} bytes");
    assert!(large < small * 3 / 2 + (64 << 10), "peak {large} bytes for 4x the pages vs {small}");
}
