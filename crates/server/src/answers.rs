//! Answers kept until the stored results move.
//!
//! One cache per server holds the text of every answer read from the
//! stored results that is worth keeping: the entity and event pages
//! (`/entity/{id}`, `/events/{id}`), the entity API answers and the
//! store-backed searches. An answer is kept by key (the page's path, or the
//! API's arguments) for one stored generation
//! ([`dossier_store::Store::recon_generation`]), which every
//! reconciliation that writes results moves: this server's writes (upload,
//! remove, merge, split, undo), another process's (`dossier remove`,
//! `ingest`, another server) and a re-reconciliation. Each request reads the
//! generation (one primary-key read of `recon_state`), so another process's
//! write is seen at once; a newer generation empties the cache.
//!
//! Bounded by bytes, not by the corpus: at most [`MAX_BYTES`] in total
//! (texts and keys counted), the least recently used answers dropped first;
//! an answer over [`MAX_ANSWER`] is never kept. Concurrent misses of one key
//! render once: the others wait for that render and take its answer
//! (single flight), so that 50 clients asking for a page nobody asked for
//! since the last write cost one render, not 50.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;

/// The most bytes of answers kept.
pub const MAX_BYTES: usize = 32 << 20;
/// The largest answer kept.
pub const MAX_ANSWER: usize = 2 << 20;
/// What a kept answer costs besides its key and text (map and order entries).
const OVERHEAD: usize = 96;

/// Answers by key for one stored generation, least recently used dropped
/// first; see the module's documentation.
pub struct Answers {
    max_bytes: usize,
    max_answer: usize,
    kept: Mutex<Kept>,
    /// How many answers were rendered for it (kept or not).
    rendered: AtomicU64,
    /// A lock per key being rendered: concurrent misses wait on it.
    flights: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

#[derive(Default)]
struct Kept {
    generation: i64,
    /// Key -> (answer, its last use).
    map: HashMap<String, (Bytes, u64)>,
    /// Last use -> key: the least recently used first.
    order: BTreeMap<u64, String>,
    bytes: usize,
    clock: u64,
}

impl Kept {
    /// Moves to `generation` if it is newer (dropping everything); whether
    /// answers of `generation` may be read or kept.
    fn at(&mut self, generation: i64) -> bool {
        if generation > self.generation {
            *self = Kept { generation, ..Kept::default() };
        }
        generation == self.generation
    }
}

fn cost(key: &str, text: &Bytes) -> usize {
    key.len() + text.len() + OVERHEAD
}

impl Default for Answers {
    fn default() -> Answers {
        Answers::new(MAX_BYTES, MAX_ANSWER)
    }
}

impl Answers {
    /// A cache of at most `max_bytes`, keeping answers of at most
    /// `max_answer` bytes.
    pub fn new(max_bytes: usize, max_answer: usize) -> Answers {
        Answers {
            max_bytes,
            max_answer: max_answer.min(max_bytes),
            kept: Mutex::new(Kept::default()),
            rendered: AtomicU64::new(0),
            flights: Mutex::new(HashMap::new()),
        }
    }

    fn kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The answer kept for `key` at `generation`, now the most recently used.
    pub fn get(&self, generation: i64, key: &str) -> Option<Bytes> {
        let mut guard = self.kept();
        let k = &mut *guard;
        if !k.at(generation) {
            return None;
        }
        k.clock += 1;
        let now = k.clock;
        let (text, used) = k.map.get_mut(key)?;
        let (text, before) = (text.clone(), std::mem::replace(used, now));
        k.order.remove(&before);
        k.order.insert(now, key.to_string());
        Some(text)
    }

    /// Keeps `text` for `key` at `generation` (unless too large, or the
    /// generation is older than the kept answers'), dropping the least
    /// recently used answers to stay within the bound.
    pub fn put(&self, generation: i64, key: &str, text: Bytes) {
        let c = cost(key, &text);
        if text.len() > self.max_answer || c > self.max_bytes {
            return;
        }
        let mut guard = self.kept();
        let k = &mut *guard;
        if !k.at(generation) {
            return;
        }
        if let Some((old, used)) = k.map.remove(key) {
            k.order.remove(&used);
            k.bytes -= cost(key, &old);
        }
        while k.bytes + c > self.max_bytes {
            let Some((_, oldest)) = k.order.pop_first() else { break };
            if let Some((old, _)) = k.map.remove(&oldest) {
                k.bytes -= cost(&oldest, &old);
            }
        }
        k.clock += 1;
        let now = k.clock;
        k.order.insert(now, key.to_string());
        k.map.insert(key.to_string(), (text, now));
        k.bytes += c;
    }

    /// How many answers are kept, and their cost in bytes.
    pub fn size(&self) -> (usize, usize) {
        let k = self.kept();
        (k.map.len(), k.bytes)
    }

    /// How many answers were rendered for the cache so far (misses).
    pub fn rendered(&self) -> u64 {
        self.rendered.load(Ordering::Relaxed)
    }

    pub(crate) fn count_render(&self) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
    }

    /// The lock that concurrent renders of `key` take turns on.
    pub(crate) fn flight(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut f = self.flights.lock().unwrap_or_else(|p| p.into_inner());
        f.entry(key.to_string()).or_default().clone()
    }

    /// Forgets `key`'s lock once its render is over (those waiting on it
    /// hold their own reference).
    pub(crate) fn landed(&self, key: &str, flight: &Arc<tokio::sync::Mutex<()>>) {
        let mut f = self.flights.lock().unwrap_or_else(|p| p.into_inner());
        if f.get(key).is_some_and(|x| Arc::ptr_eq(x, flight)) {
            f.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: usize) -> Bytes {
        Bytes::from(vec![b'x'; n])
    }

    #[test]
    fn keeps_within_the_bound_dropping_the_least_recently_used() {
        let one = cost("a", &text(100));
        let a = Answers::new(3 * one, 1000);
        a.put(1, "a", text(100));
        a.put(1, "b", text(100));
        a.put(1, "c", text(100));
        assert_eq!(a.size(), (3, 3 * one));
        assert!(a.get(1, "a").is_some()); // "b" is now the least recently used
        a.put(1, "d", text(100));
        assert_eq!(a.size(), (3, 3 * one));
        assert!(a.get(1, "b").is_none(), "the least recently used went first");
        for k in ["a", "c", "d"] {
            assert_eq!(a.get(1, k).unwrap().len(), 100, "{k}");
        }
        // Replacing an answer counts it once.
        a.put(1, "d", text(50));
        assert_eq!(a.size(), (3, 2 * one + cost("d", &text(50))));
    }

    #[test]
    fn never_keeps_an_answer_over_the_limit() {
        let a = Answers::new(10_000, 1_000);
        a.put(1, "big", text(1_001));
        assert!(a.get(1, "big").is_none());
        a.put(1, "fits", text(1_000));
        assert!(a.get(1, "fits").is_some());
        assert_eq!(a.size().0, 1);
    }

    #[test]
    fn a_newer_generation_empties_it_and_an_older_one_is_not_kept() {
        let a = Answers::new(10_000, 1_000);
        a.put(3, "a", text(10));
        assert!(a.get(3, "a").is_some());
        assert!(a.get(4, "a").is_none(), "an answer of generation 3 at generation 4");
        assert_eq!(a.size(), (0, 0));
        a.put(3, "a", text(10)); // rendered from an older read: not kept
        assert!(a.get(4, "a").is_none());
        assert!(a.get(3, "a").is_none());
        a.put(4, "a", text(10));
        assert_eq!(a.get(4, "a").unwrap(), text(10));
    }
}
