//! The averaged perceptron: a sparse weight table for training and a frozen, quantized
//! table for prediction.
//!
//! Each feature key holds a short list of (class, weight) cells: a feature only carries
//! weights for the classes it was ever updated towards or away from, which keeps a
//! 103-class parser table small.

use rustc_hash::FxHashMap;

use crate::io::{Reader, Writer};
use crate::Error;

#[derive(Clone, Copy, Debug)]
struct Cell {
    class: u16,
    w: f32,
    /// The sum of `time * delta` over the updates (Daumé's averaging trick:
    /// average = w - acc / time).
    acc: f64,
}

/// Training-time weights with lazy averaging.
#[derive(Debug)]
pub(crate) struct Trainer {
    n_classes: usize,
    index: FxHashMap<u64, u32>,
    rows: Vec<Vec<Cell>>,
    time: u64,
}

impl Trainer {
    pub(crate) fn new(n_classes: usize) -> Trainer {
        Trainer { n_classes, index: FxHashMap::default(), rows: Vec::new(), time: 1 }
    }

    /// Adds the raw (not averaged) weights of `feats` to `scores`.
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for c in &self.rows[r as usize] {
                    scores[c.class as usize] += c.w;
                }
            }
        }
    }

    /// One instance seen: advances the averaging clock.
    pub(crate) fn tick(&mut self) {
        self.time += 1;
    }

    /// Moves `feats` towards `truth` and away from `guess`.
    pub(crate) fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let next = self.rows.len() as u32;
            let r = *self.index.entry(f).or_insert(next);
            if r == next {
                self.rows.push(Vec::new());
            }
            let row = &mut self.rows[r as usize];
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let t = self.time as f64;
                match row.iter_mut().find(|c| c.class as usize == class) {
                    Some(c) => {
                        c.w += delta;
                        c.acc += t * delta as f64;
                    }
                    None => row.push(Cell { class: class as u16, w: delta, acc: t * delta as f64 }),
                }
            }
        }
    }

    /// The averaged weights, cells with |w| < `prune` dropped, quantized to i16.
    pub(crate) fn freeze(&self, prune: f32) -> Linear {
        let t = self.time as f64;
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut avg: Vec<(u64, Vec<(u16, f32)>)> = Vec::with_capacity(keys.len());
        let mut max = 0f32;
        for (k, r) in keys {
            let mut cells: Vec<(u16, f32)> = self.rows[r as usize]
                .iter()
                .map(|c| (c.class, (c.w as f64 - c.acc / t) as f32))
                .filter(|&(_, w)| w.abs() >= prune && w != 0.0)
                .collect();
            if cells.is_empty() {
                continue;
            }
            cells.sort_unstable_by_key(|c| c.0);
            for c in &cells {
                max = max.max(c.1.abs());
            }
            avg.push((k, cells));
        }
        let scale = if max > 0.0 { max / i16::MAX as f32 } else { 1.0 };
        let mut lin = Linear::empty(self.n_classes, scale);
        for (k, cells) in avg {
            let q: Vec<(u8, i16)> = cells
                .iter()
                .map(|&(c, w)| (c as u8, (w / scale).round() as i16))
                .filter(|&(_, w)| w != 0)
                .collect();
            lin.push(k, &q);
        }
        lin.index();
        lin
    }
}

/// Frozen weights: feature key -> a run of (class, quantized weight) cells, found through
/// an open-addressed table.
///
/// Scoring is bound by memory latency (a parser table does not fit the cache), so
/// [`Linear::add_to`] first touches every feature's slot, then every run of cells, with
/// independent loads the processor can overlap, and only then adds.
#[derive(Clone, Debug)]
pub(crate) struct Linear {
    pub(crate) n_classes: usize,
    scale: f32,
    /// Keys in ascending order with their runs, for writing and pruning.
    keys: Vec<u64>,
    runs: Vec<(u32, u32)>,
    /// (class, weight) packed as `weight << 16 | class` (see [`cell`]).
    cells: Vec<u32>,
    /// Long runs again as dense rows of `n_classes` weights: adding a dense row
    /// vectorizes, walking 100 cells does not.
    dense: Vec<i16>,
    /// The length of a dense row: `n_classes` rounded up to a multiple of 8 (the padding
    /// holds zeros).
    stride: usize,
    slots: Vec<Slot>,
    shift: u32,
}

/// Hints the CPU to bring `x`'s cache line in; a no-op where there is no such hint.
#[inline(always)]
fn prefetch<T>(x: *const T) {
    // SAFETY: a prefetch never dereferences its address (any address is allowed and
    // none faults), and SSE, which it needs, is part of the x86_64 baseline.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(x.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// Weights in a cache line of 64 bytes.
const LINE: usize = 32;

/// Scratch space for [`Linear::add_to`]: the dense rows and the runs of cells of the
/// features found (kept between calls, so that nothing is allocated or zeroed per call).
#[derive(Debug, Default)]
pub(crate) struct Found {
    rows: Vec<u32>,
    runs: Vec<(u32, u32)>,
}

impl Found {
    pub(crate) const fn new() -> Found {
        Found { rows: Vec::new(), runs: Vec::new() }
    }
}

/// Prefetches the cache lines of the dense row at `start` (`stride` weights long).
#[inline(always)]
fn prefetch_row(dense: &[i16], start: usize, stride: usize) {
    let row = dense.as_ptr().wrapping_add(start);
    // A row need not start on a line: its last weights may be on one more. Rows of up to
    // four lines (the parser's 104 weights are 3.25) are prefetched without a loop.
    prefetch(row.wrapping_add(stride - 1));
    prefetch(row);
    if stride <= 4 * LINE {
        prefetch(row.wrapping_add(LINE));
        prefetch(row.wrapping_add(2 * LINE));
        prefetch(row.wrapping_add(3 * LINE));
    } else {
        let mut at = LINE;
        while at < stride {
            prefetch(row.wrapping_add(at));
            at += LINE;
        }
    }
}

/// Dense rows are added a block of this many classes at a time: 64 sums are eight AVX2
/// registers, which leaves enough registers free for the loads. A row is `stride`
/// weights, `n_classes` rounded up to a multiple of 8: the parser's 103 classes are a
/// block of 64 and one of 40, with no padding block of zeros to add.
const BLOCK: usize = 64;

/// Adds the dense rows starting at `rows[..]` (each `scores.len()` weights long) to
/// `scores`.
///
/// Block by block of classes, each block's sums stay in registers while every row is
/// added to them, instead of loading and storing all the scores once per row. Integer
/// sums do not depend on the order of the additions, so every path gives the same scores.
#[inline]
fn add_rows(dense: &[i16], rows: &[u32], scores: &mut [i32]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: `add_rows_avx2` only needs AVX2, which the processor was just found
        // to have.
        unsafe { add_rows_avx2(dense, rows, scores) };
        return;
    }
    add_rows_blocked(dense, rows, scores);
}

/// [`add_rows_blocked`] compiled for AVX2: a block of 64 classes is eight 256-bit sums, and
/// each row's block is eight sign-extending loads and eight additions.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn add_rows_avx2(dense: &[i16], rows: &[u32], scores: &mut [i32]) {
    add_rows_blocked(dense, rows, scores)
}

#[inline(always)]
fn add_block<const W: usize>(dense: &[i16], rows: &[u32], out: &mut [i32; W], off: usize) {
    let mut acc = [0i32; W];
    for &r in rows {
        let at = r as usize + off;
        let row: &[i16; W] = dense[at..at + W].try_into().expect("a whole block");
        for (a, &w) in acc.iter_mut().zip(row) {
            *a += w as i32;
        }
    }
    for (o, a) in out.iter_mut().zip(acc) {
        *o += a;
    }
}

#[inline(always)]
fn add_rows_blocked(dense: &[i16], rows: &[u32], scores: &mut [i32]) {
    let stride = scores.len();
    let mut off = 0;
    while off + BLOCK <= stride {
        let out: &mut [i32; BLOCK] = (&mut scores[off..off + BLOCK]).try_into().expect("a block");
        add_block(dense, rows, out, off);
        off += BLOCK;
    }
    macro_rules! tail {
        ($($w:literal)*) => {
            match stride - off {
                0 => {}
                $($w => add_block::<$w>(
                    dense,
                    rows,
                    (&mut scores[off..]).try_into().expect("the last block"),
                    off,
                ),)*
                _ => unreachable!("a stride is a multiple of 8"),
            }
        };
    }
    tail!(8 16 24 32 40 48 56);
}

/// Adds `vecs` (each `acc.len()` long) to `acc`.
#[inline]
pub(crate) fn add_vecs(acc: &mut [i32], vecs: &[&[i32]]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: `add_vecs_avx2` only needs AVX2, which the processor was just found
        // to have.
        unsafe { add_vecs_avx2(acc, vecs) };
        return;
    }
    add_vecs_plain(acc, vecs);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn add_vecs_avx2(acc: &mut [i32], vecs: &[&[i32]]) {
    add_vecs_plain(acc, vecs)
}

#[inline(always)]
fn add_vecs_plain(acc: &mut [i32], vecs: &[&[i32]]) {
    for (k, a) in acc.chunks_exact_mut(8).enumerate() {
        let a: &mut [i32; 8] = a.try_into().expect("8 sums");
        for v in vecs {
            let v: &[i32; 8] = v[k * 8..k * 8 + 8].try_into().expect("8 weights");
            for (a, &v) in a.iter_mut().zip(v) {
                *a += v;
            }
        }
    }
}

/// Runs at least this long are scored from dense rows.
const DENSE_MIN: u32 = 12;
/// Marks a slot whose `start` is a dense row.
const DENSE: u32 = 1 << 31;

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    /// 0 marks an empty slot (a real key of 0 is stored as 1).
    key: u64,
    start: u32,
    len: u32,
}

#[inline]
fn cell(class: u8, w: i16) -> u32 {
    ((w as u16 as u32) << 16) | class as u32
}

/// The weight of a cell: one arithmetic shift.
#[inline]
fn weight(c: u32) -> i16 {
    ((c as i32) >> 16) as i16
}

#[inline]
fn nonzero(key: u64) -> u64 {
    key.max(1)
}

impl Linear {
    fn empty(n_classes: usize, scale: f32) -> Linear {
        assert!(n_classes <= 256, "at most 256 classes fit a cell");
        Linear {
            n_classes,
            scale,
            keys: Vec::new(),
            runs: Vec::new(),
            cells: Vec::new(),
            dense: Vec::new(),
            stride: n_classes.next_multiple_of(8),
            slots: Vec::new(),
            shift: 64,
        }
    }

    /// Appends a feature; keys must come in ascending order. Call [`Linear::index`] after
    /// the last one.
    fn push(&mut self, key: u64, cells: &[(u8, i16)]) {
        if cells.is_empty() {
            return;
        }
        let start = self.cells.len() as u32;
        self.cells.extend(cells.iter().map(|&(c, w)| cell(c, w)));
        self.keys.push(key);
        self.runs.push((start, cells.len() as u32));
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (nonzero(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Builds the open-addressed table (load factor at most 1/2).
    fn index(&mut self) {
        let cap = (self.keys.len() * 2).next_power_of_two().max(16);
        self.shift = 64 - cap.trailing_zeros();
        self.slots = vec![Slot::default(); cap];
        self.dense.clear();
        let mask = cap - 1;
        for (&k, &(start, len)) in self.keys.iter().zip(&self.runs) {
            let key = nonzero(k);
            let (start, len) = if len >= DENSE_MIN {
                let row = self.dense.len();
                self.dense.resize(row + self.stride, 0);
                for &c in &self.cells[start as usize..(start + len) as usize] {
                    self.dense[row + (c & 0xFF) as usize] = weight(c);
                }
                (row as u32, DENSE)
            } else {
                (start, len)
            };
            let mut i = self.home(key);
            while self.slots[i].key != 0 && self.slots[i].key != key {
                i = (i + 1) & mask;
            }
            self.slots[i] = Slot { key, start, len };
        }
    }

    #[inline]
    fn find(&self, key: u64) -> Option<Slot> {
        let key = nonzero(key);
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let s = self.slots[i];
            if s.key == key {
                return Some(s);
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// A copy without the weights below `min` in magnitude (in perceptron units).
    pub(crate) fn pruned(&self, min: f32) -> Linear {
        let mut out = Linear::empty(self.n_classes, self.scale);
        let floor = (min / self.scale).ceil() as i32;
        let mut cells = Vec::new();
        for (&k, &(s, l)) in self.keys.iter().zip(&self.runs) {
            cells.clear();
            for &c in &self.cells[s as usize..(s + l) as usize] {
                let w = weight(c);
                if (w as i32).abs() >= floor {
                    cells.push((c as u8, w));
                }
            }
            out.push(k, &cells);
        }
        out.index();
        out
    }

    /// The number of features kept.
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// The length of the sums [`Linear::add_to`] adds to: `n_classes` rounded up to a
    /// multiple of 8.
    pub(crate) fn stride(&self) -> usize {
        self.stride
    }

    /// Sums the weights of `feats` into `scores[..stride]` (in units of the table's
    /// scale; the classes past `n_classes` get 0).
    #[inline]
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [i32], found: &mut Found) {
        let scores = &mut scores[..self.stride];
        scores.fill(0);
        self.add_to(feats, scores, found);
    }

    /// Adds the weights of `feats` to `acc` (`stride` sums; the classes past `n_classes`
    /// stay as they are). `found` is scratch space.
    #[inline]
    pub(crate) fn add_to(&self, feats: &[u64], acc: &mut [i32], found: &mut Found) {
        if self.slots.is_empty() {
            return;
        }
        let acc = &mut acc[..self.stride];
        // Ask for every home slot first, then for every feature's weights: the cache
        // misses of independent features overlap instead of coming one after another.
        for &f in feats {
            prefetch(self.slots.as_ptr().wrapping_add(self.home(f)));
        }
        let Found { rows, runs } = found;
        rows.clear();
        runs.clear();
        for &f in feats {
            if let Some(s) = self.find(f) {
                if s.len == DENSE {
                    prefetch_row(&self.dense, s.start as usize, self.stride);
                    rows.push(s.start);
                } else {
                    prefetch(self.cells.as_ptr().wrapping_add(s.start as usize));
                    runs.push((s.start, s.len));
                }
            }
        }
        add_rows(&self.dense, rows, acc);
        for &(start, len) in runs.iter() {
            for &c in &self.cells[start as usize..(start + len) as usize] {
                acc[(c & 0xFF) as usize] += weight(c) as i32;
            }
        }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.u32(self.n_classes as u32);
        w.f32(self.scale);
        w.u32(self.keys.len() as u32);
        // Columns, each in key order, compress better than interleaved records.
        let mut prev = 0u64;
        for &k in &self.keys {
            w.u64(k.wrapping_sub(prev));
            prev = k;
        }
        for &(_, l) in &self.runs {
            w.u8(l as u8);
        }
        for &c in &self.cells {
            w.u8(c as u8);
        }
        for &c in &self.cells {
            w.i16(weight(c));
        }
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Linear, Error> {
        let n_classes = r.u32()? as usize;
        if n_classes == 0 || n_classes > 256 {
            return Err(Error::model(format!("bad class count {n_classes}")));
        }
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        let mut lin = Linear::empty(n_classes, scale);
        let mut prev = 0u64;
        for _ in 0..n {
            prev = prev.wrapping_add(r.u64()?);
            lin.keys.push(prev);
        }
        let mut start = 0u32;
        for _ in 0..n {
            let l = r.u8()? as u32;
            if l == 0 {
                return Err(Error::model("a feature without weights".into()));
            }
            lin.runs.push((start, l));
            start += l;
        }
        let classes = r.take(start as usize)?;
        if let Some(&c) = classes.iter().find(|&&c| c as usize >= n_classes) {
            return Err(Error::model(format!("class {c} out of range")));
        }
        lin.cells.reserve(start as usize);
        for &c in classes {
            lin.cells.push(cell(c, r.i16()?));
        }
        lin.index();
        Ok(lin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_survives_a_round_trip() {
        let mut t = Trainer::new(3);
        let data = [(vec![1u64, 10], 0usize), (vec![2, 10], 1), (vec![3, 10], 2)];
        let mut scores = vec![0f32; 3];
        for _ in 0..5 {
            for (f, y) in &data {
                t.score(f, &mut scores);
                let guess = (0..3)
                    .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                    .unwrap();
                t.update(f, *y, guess);
                t.tick();
            }
        }
        let lin = t.freeze(0.0);
        let mut w = Writer::default();
        lin.write(&mut w);
        let bytes = w.into_inner();
        let back = Linear::read(&mut Reader::new(&bytes)).unwrap();
        let mut s = vec![0i32; back.stride()];
        let mut found = Found::default();
        for (f, y) in &data {
            back.score(f, &mut s, &mut found);
            let best = (0..3).max_by_key(|&c| s[c]).unwrap();
            assert_eq!(best, *y);
        }
    }
}
