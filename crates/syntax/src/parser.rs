//! The dependency parser: greedy arc-hybrid transitions with labelled arcs, an averaged
//! perceptron over Zhang & Nivre (2011) style features, trained with the dynamic oracle
//! of Goldberg & Nivre (2013) and exploration.
//!
//! The stack starts with ROOT (index 0), the buffer holds the words 1..=n.
//! - SHIFT moves the front of the buffer onto the stack.
//! - LEFT(l) pops S0 and makes it an `l` dependent of the buffer front N0.
//! - RIGHT(l) pops S0 and makes it an `l` dependent of S1.
//!
//! RIGHT onto ROOT is allowed only when the buffer is empty and ROOT is S1, so every
//! parse ends with exactly one word attached to ROOT and every word attached once: the
//! output is always a tree. Non-projective gold trees need no preprocessing: the oracle
//! counts the gold arcs each action makes unreachable and follows the cheapest actions.

use std::cell::RefCell;

use crate::hash::{key1, key2, key3, mix, Atoms, SplitMix};
use crate::io::{Reader, Writer};
use crate::linear::{add_vecs, Found, Linear, Trainer};
use crate::{Error, Upos};

const ROOT_TAG: u64 = 1000;
const NONE_TAG: u64 = 1001;
const NONE_LABEL: u8 = 255;
const ROOT_WORD: u64 = 0x0123_4567_89AB_CDEF;
const NONE_WORD: u64 = 0xFEDC_BA98_7654_3210;

/// Parser settings for training.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ParserConfig {
    pub epochs: usize,
    pub seed: u64,
    /// From this epoch (0-based) on, follow the model's own (possibly wrong) choice ...
    pub explore_from: usize,
    /// ... with this probability.
    pub explore_p: f64,
    /// Averaged weights below this magnitude are dropped when freezing (each epoch's
    /// snapshot and the result).
    pub prune: f32,
}

impl Default for ParserConfig {
    fn default() -> Self {
        ParserConfig { epochs: 15, seed: 1, explore_from: 1, explore_p: 0.9, prune: 0.05 }
    }
}

/// A trained parser.
#[derive(Clone, Debug)]
pub(crate) struct Parser {
    pub(crate) labels: Vec<String>,
    root: u8,
    weights: Linear,
}

/// The word and tag atoms of one sentence, ROOT at 0 and a sentinel ("none") at n+1.
pub(crate) struct Input {
    pub words: Vec<u64>,
    /// The last three letters of each word.
    pub suffixes: Vec<u64>,
    pub tags: Vec<u64>,
    /// The UPOS of each joint tag: coarse tags generalize better in long templates.
    pub coarse: Vec<u64>,
    pub wps: Vec<u64>,
    /// Punctuation marks and verbs before each index, for counts between two words.
    punct_before: Vec<u16>,
    verbs_before: Vec<u16>,
}

impl Input {
    /// `words` (as the tagger's vocabulary has them), `atoms` and (joint) `tags` of the
    /// n words.
    pub(crate) fn new(
        words: impl Iterator<Item = u64>,
        atoms: &[Atoms],
        tags: &[u8],
        upos: &[u8],
    ) -> Input {
        let n = tags.len();
        let mut coarse = Vec::with_capacity(n + 2);
        coarse.push(ROOT_TAG);
        coarse.extend(upos.iter().map(|&u| u as u64));
        coarse.push(NONE_TAG);
        let (mut punct_before, mut verbs_before) = (vec![0u16; n + 2], vec![0u16; n + 2]);
        for i in 1..=n {
            let u = Upos::from_index(upos[i - 1] as usize);
            punct_before[i + 1] = punct_before[i] + (u == Upos::Punct) as u16;
            verbs_before[i + 1] = verbs_before[i] + matches!(u, Upos::Verb | Upos::Aux) as u16;
        }
        let mut suffixes = Vec::with_capacity(n + 2);
        suffixes.push(ROOT_WORD);
        suffixes.extend(atoms.iter().map(|a| a.suffix[2]));
        suffixes.push(NONE_WORD);
        let mut w = Vec::with_capacity(n + 2);
        w.push(ROOT_WORD);
        w.extend(words);
        w.push(NONE_WORD);
        let mut t = Vec::with_capacity(n + 2);
        t.push(ROOT_TAG);
        t.extend(tags.iter().map(|&t| t as u64));
        t.push(NONE_TAG);
        let wps = w.iter().zip(&t).map(|(&w, &t)| mix(w, t)).collect();
        Input { words: w, suffixes, tags: t, coarse, wps, punct_before, verbs_before }
    }

    fn n(&self) -> usize {
        self.tags.len() - 2
    }
}

struct State {
    n: u32,
    nil: u32,
    stack: Vec<u32>,
    b: u32,
    heads: Vec<u32>,
    labels: Vec<u8>,
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    fn new(n: usize) -> State {
        let nil = n as u32 + 1;
        let mut stack = Vec::with_capacity(n + 1);
        stack.push(0);
        State {
            n: n as u32,
            nil,
            stack,
            b: 1,
            heads: vec![nil; n + 2],
            labels: vec![NONE_LABEL; n + 2],
            l1: vec![nil; n + 2],
            l2: vec![nil; n + 2],
            r1: vec![nil; n + 2],
            r2: vec![nil; n + 2],
            nl: vec![0; n + 2],
            nr: vec![0; n + 2],
            lset: vec![0; n + 2],
            rset: vec![0; n + 2],
        }
    }

    fn terminal(&self) -> bool {
        self.stack.len() == 1 && self.b > self.n
    }

    fn s(&self, k: usize) -> u32 {
        let len = self.stack.len();
        if k < len {
            self.stack[len - 1 - k]
        } else {
            self.nil
        }
    }

    fn buf(&self, k: u32) -> u32 {
        if self.b + k <= self.n {
            self.b + k
        } else {
            self.nil
        }
    }

    fn can_shift(&self) -> bool {
        self.b <= self.n
    }
    fn can_left(&self) -> bool {
        self.b <= self.n && self.stack.len() >= 2
    }
    /// RIGHT, and whether it attaches to ROOT.
    fn can_right(&self) -> (bool, bool) {
        let len = self.stack.len();
        (len >= 3 || (len == 2 && self.b > self.n), len == 2)
    }

    /// The only valid action, when there is just one: SHIFT onto a stack holding only
    /// ROOT, and at the end the RIGHT arc of the last word onto ROOT. The best valid
    /// action is then that one whatever the scores, so they need not be computed.
    fn forced(&self, n_labels: usize, root: usize) -> Option<usize> {
        let (right, to_root) = self.can_right();
        if self.can_shift() && !self.can_left() && !right {
            Some(0)
        } else if !self.can_shift() && right && to_root {
            Some(1 + n_labels + root)
        } else {
            None
        }
    }

    fn apply(&mut self, action: usize, n_labels: usize) {
        if action == 0 {
            self.stack.push(self.b);
            self.b += 1;
        } else if action <= n_labels {
            let l = (action - 1) as u8;
            let d = self.stack.pop().unwrap();
            let h = self.b as usize;
            self.heads[d as usize] = h as u32;
            self.labels[d as usize] = l;
            self.l2[h] = self.l1[h];
            self.l1[h] = d;
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= 1 << (l & 63);
        } else {
            let l = (action - 1 - n_labels) as u8;
            let d = self.stack.pop().unwrap();
            let h = *self.stack.last().unwrap() as usize;
            self.heads[d as usize] = h as u32;
            self.labels[d as usize] = l;
            self.r2[h] = self.r1[h];
            self.r1[h] = d;
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= 1 << (l & 63);
        }
    }

    /// Structural costs of SHIFT, LEFT and RIGHT against the gold heads: the number of
    /// gold arcs each makes unreachable.
    fn costs(&self, gh: &[u32]) -> [u32; 3] {
        let s0 = self.s(0);
        let b = self.b;
        let n = self.n;
        let mut shift = 0;
        if self.can_shift() {
            let len = self.stack.len();
            for (k, &s) in self.stack.iter().enumerate() {
                if k + 1 < len && gh[b as usize] == s {
                    shift += 1;
                }
                if gh[s as usize] == b {
                    shift += 1;
                }
            }
        }
        let deps_in_buf = if self.stack.len() >= 2 {
            (b..=n).filter(|&d| gh[d as usize] == s0).count() as u32
        } else {
            0
        };
        let mut left = 0;
        if self.can_left() {
            let h = gh[s0 as usize];
            if h != b && (h == self.s(1) || (h > b && h <= n)) {
                left += 1;
            }
            left += deps_in_buf;
        }
        let mut right = 0;
        if self.can_right().0 {
            let h = gh[s0 as usize];
            if h != self.s(1) && h >= b && h <= n {
                right += 1;
            }
            right += deps_in_buf;
        }
        [shift, left, right]
    }
}

fn bucket(d: u32) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

fn features(st: &State, x: &Input, out: &mut Vec<u64>) {
    out.clear();
    let nil = st.nil;
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (n0, n1, n2) = (st.buf(0), st.buf(1), st.buf(2));
    let w = |i: u32| x.words[i as usize];
    let p = |i: u32| x.tags[i as usize];
    let wp = |i: u32| x.wps[i as usize];
    let lab = |i: u32| st.labels[i as usize] as u64;
    let (s0l, s0l2, s0r, s0r2) =
        (st.l1[s0 as usize], st.l2[s0 as usize], st.r1[s0 as usize], st.r2[s0 as usize]);
    let (s1l, s1r, s1r2) = (st.l1[s1 as usize], st.r1[s1 as usize], st.r2[s1 as usize]);
    let (n0l, n0l2) = (st.l1[n0 as usize], st.l2[n0 as usize]);
    let d = if s0 != nil && n0 != nil && s0 != 0 { bucket(n0 - s0) } else { 8 };
    let d1 = if s1 != nil && s0 != nil && s1 != 0 { bucket(s0 - s1) } else { 8 };
    let (s0vl, s0vr) = (st.nl[s0 as usize] as u64, st.nr[s0 as usize] as u64);
    let (s1vl, s1vr) = (st.nl[s1 as usize] as u64, st.nr[s1 as usize] as u64);
    let n0vl = st.nl[n0 as usize] as u64;
    let suf = |i: u32| x.suffixes[i as usize];
    let mut t = 0u64;
    let mut f1 = |out: &mut Vec<u64>, a: u64| {
        t += 1;
        out.push(key1(t, a));
    };
    f1(out, 0);
    f1(out, suf(s0));
    f1(out, suf(n0));
    f1(out, suf(n1));
    f1(out, suf(s1));
    // Unigrams.
    for i in [s0, n0, n1, s1] {
        f1(out, w(i));
        f1(out, p(i));
        f1(out, wp(i));
    }
    f1(out, w(n2));
    f1(out, p(n2));
    f1(out, p(s2));
    f1(out, w(s2));
    // Children.
    for c in [s0l, s0r, n0l, s1l, s1r, s0l2, s0r2, n0l2, s1r2] {
        f1(out, w(c));
        f1(out, p(c));
        f1(out, lab(c));
    }
    let mut t = 100u64;
    let mut f2 = |out: &mut Vec<u64>, a: u64, b: u64| {
        t += 1;
        out.push(key2(t, a, b));
    };
    // Pairs.
    f2(out, wp(s0), wp(n0));
    f2(out, wp(s0), w(n0));
    f2(out, w(s0), wp(n0));
    f2(out, wp(s0), p(n0));
    f2(out, p(s0), wp(n0));
    f2(out, w(s0), w(n0));
    f2(out, p(s0), p(n0));
    f2(out, p(n0), p(n1));
    f2(out, wp(s1), wp(s0));
    f2(out, w(s1), w(s0));
    f2(out, p(s1), p(s0));
    f2(out, wp(s1), p(s0));
    f2(out, p(s1), wp(s0));
    f2(out, w(s1), w(n0));
    f2(out, p(s1), p(n0));
    // Distance.
    f2(out, w(s0), d);
    f2(out, p(s0), d);
    f2(out, w(n0), d);
    f2(out, p(n0), d);
    f2(out, w(s1), d1);
    f2(out, p(s1), d1);
    f2(out, w(s0), d1);
    f2(out, p(s0), d1);
    // Valency.
    f2(out, w(s0), s0vr);
    f2(out, p(s0), s0vr);
    f2(out, w(s0), s0vl);
    f2(out, p(s0), s0vl);
    f2(out, w(n0), n0vl);
    f2(out, p(n0), n0vl);
    f2(out, w(s1), s1vr);
    f2(out, p(s1), s1vr);
    f2(out, p(s1), s1vl);
    // Label sets.
    f2(out, w(s0), st.rset[s0 as usize]);
    f2(out, p(s0), st.rset[s0 as usize]);
    f2(out, w(s0), st.lset[s0 as usize]);
    f2(out, p(s0), st.lset[s0 as usize]);
    f2(out, w(n0), st.lset[n0 as usize]);
    f2(out, p(n0), st.lset[n0 as usize]);
    f2(out, p(s1), st.rset[s1 as usize]);
    let mut t = 200u64;
    let mut f3 = |out: &mut Vec<u64>, a: u64, b: u64, c: u64| {
        t += 1;
        out.push(key3(t, a, b, c));
    };
    f3(out, p(n0), p(n1), p(n2));
    f3(out, p(s0), p(n0), p(n1));
    f3(out, p(s1), p(s0), p(n0));
    f3(out, p(s0), p(s0l), p(n0));
    f3(out, p(s0), p(s0r), p(n0));
    f3(out, p(s0), p(n0), p(n0l));
    f3(out, p(s1), p(s0), p(s0l));
    f3(out, p(s1), p(s1r), p(s0));
    f3(out, p(s1), p(s0), p(s0r));
    f3(out, p(s2), p(s1), p(s0));
    f3(out, p(s0), p(s0l), p(s0l2));
    f3(out, p(s0), p(s0r), p(s0r2));
    f3(out, p(n0), p(n0l), p(n0l2));
    f3(out, p(s1), p(s1r), p(s1r2));
    f3(out, w(s0), p(s0), p(n0));
    f3(out, w(n0), p(s0), p(n0));
    f3(out, w(s1), p(s1), p(s0));
    f3(out, w(s0), p(s1), p(s0));
    f3(out, p(s0), lab(s0l), lab(s0r));
    f3(out, p(s1), lab(s1l), lab(s1r));
    f3(out, p(s0), d, p(n0));
    f3(out, p(s1), d1, p(s0));
    let u = |i: u32| x.coarse[i as usize];
    f3(out, u(s0), u(n0), u(n1));
    f3(out, u(s1), u(s0), u(n0));
    f3(out, u(s0), u(s0l), u(n0));
    f3(out, u(s0), u(s0r), u(n0));
    f3(out, u(s0), u(n0), u(n0l));
    f3(out, u(s1), u(s1r), u(s0));
    f3(out, u(s2), u(s1), u(s0));
    f3(out, u(n0), u(n1), u(n2));
    // What lies between S0 and N0, and between S1 and S0.
    let between = |a: u32, b: u32, v: &[u16]| {
        if a == nil || b == nil || a == 0 {
            9
        } else {
            (v[b as usize] - v[a as usize + 1]).min(3) as u64
        }
    };
    let (pb, vb) = (between(s0, n0, &x.punct_before), between(s0, n0, &x.verbs_before));
    let (pb1, vb1) = (between(s1, s0, &x.punct_before), between(s1, s0, &x.verbs_before));
    f3(out, u(s0), u(n0), pb);
    f3(out, u(s0), u(n0), vb);
    f3(out, u(s1), u(s0), pb1);
    f3(out, u(s1), u(s0), vb1);
    f3(out, pb, vb, d);
    f3(out, pb1, vb1, d1);
}

/// The groups of [`features`] that [`Parser::parse`] keeps the summed weights of, per
/// word, between transitions: each depends on one word in one role and on nothing else
/// that can change while that word keeps its role, so a group's sums are looked up once
/// and added again from the cache.
///
/// - `N0S`: the buffer front's and the next two words' forms and tags (the buffer is a
///   run of words, so these depend on the front alone; they never change);
/// - `S0`, `S1`: S0's (S1's) form, tag, children, valency and label sets;
/// - `PAIR`: S1 and S0 together (their forms and tags, children, distance and what lies
///   between them), kept with S0 and good while S1 is the same word with the same
///   children (a LEFT arc brings S1 back down to S0 with S2 under it, as they were).
///
/// A word's `S0`, `S1` and `PAIR` sums are dropped when it gets a child. The other features
/// (pairs and triples across roles, S2, distances, and the buffer front's children,
/// which change too often to be worth keeping) are looked up on every transition
/// ([`cross_features`]). Together the five give exactly the keys of
/// [`features`] (a test checks it), and integer sums do not depend on the order of their
/// terms, so the scores, and the parses, are the same.
const GROUPS: usize = 4;
const N0S: usize = 0;
const S0: usize = 1;
const S1: usize = 2;
const PAIR: usize = 3;

/// The keys of group `g` for word `i` in its role.
fn group_features(g: usize, i: u32, st: &State, x: &Input, out: &mut Vec<u64>) {
    out.clear();
    let w = |i: u32| x.words[i as usize];
    let p = |i: u32| x.tags[i as usize];
    let wp = |i: u32| x.wps[i as usize];
    let suf = |i: u32| x.suffixes[i as usize];
    let u = |i: u32| x.coarse[i as usize];
    let lab = |i: u32| st.labels[i as usize] as u64;
    let iu = i as usize;
    match g {
        N0S => {
            let nil = st.nil;
            let (n0, n1, n2) = if i == nil {
                (nil, nil, nil)
            } else {
                let next = |k: u32| if i + k <= st.n { i + k } else { nil };
                (i, next(1), next(2))
            };
            out.extend_from_slice(&[
                key1(1, 0),
                key1(3, suf(n0)),
                key1(4, suf(n1)),
                key1(9, w(n0)),
                key1(10, p(n0)),
                key1(11, wp(n0)),
                key1(12, w(n1)),
                key1(13, p(n1)),
                key1(14, wp(n1)),
                key1(18, w(n2)),
                key1(19, p(n2)),
                key2(108, p(n0), p(n1)),
                key3(201, p(n0), p(n1), p(n2)),
                key3(230, u(n0), u(n1), u(n2)),
            ]);
        }
        S0 => {
            let s0 = i;
            let (s0l, s0l2, s0r, s0r2) = (st.l1[iu], st.l2[iu], st.r1[iu], st.r2[iu]);
            let (s0vl, s0vr) = (st.nl[iu] as u64, st.nr[iu] as u64);
            out.extend_from_slice(&[
                key1(2, suf(s0)),
                key1(6, w(s0)),
                key1(7, p(s0)),
                key1(8, wp(s0)),
                key1(22, w(s0l)),
                key1(23, p(s0l)),
                key1(24, lab(s0l)),
                key1(25, w(s0r)),
                key1(26, p(s0r)),
                key1(27, lab(s0r)),
                key1(37, w(s0l2)),
                key1(38, p(s0l2)),
                key1(39, lab(s0l2)),
                key1(40, w(s0r2)),
                key1(41, p(s0r2)),
                key1(42, lab(s0r2)),
                key2(124, w(s0), s0vr),
                key2(125, p(s0), s0vr),
                key2(126, w(s0), s0vl),
                key2(127, p(s0), s0vl),
                key2(133, w(s0), st.rset[iu]),
                key2(134, p(s0), st.rset[iu]),
                key2(135, w(s0), st.lset[iu]),
                key2(136, p(s0), st.lset[iu]),
                key3(211, p(s0), p(s0l), p(s0l2)),
                key3(212, p(s0), p(s0r), p(s0r2)),
                key3(219, p(s0), lab(s0l), lab(s0r)),
            ]);
        }
        S1 => {
            let s1 = i;
            let (s1l, s1r, s1r2) = (st.l1[iu], st.r1[iu], st.r2[iu]);
            let (s1vl, s1vr) = (st.nl[iu] as u64, st.nr[iu] as u64);
            out.extend_from_slice(&[
                key1(5, suf(s1)),
                key1(15, w(s1)),
                key1(16, p(s1)),
                key1(17, wp(s1)),
                key1(31, w(s1l)),
                key1(32, p(s1l)),
                key1(33, lab(s1l)),
                key1(34, w(s1r)),
                key1(35, p(s1r)),
                key1(36, lab(s1r)),
                key1(46, w(s1r2)),
                key1(47, p(s1r2)),
                key1(48, lab(s1r2)),
                key2(130, w(s1), s1vr),
                key2(131, p(s1), s1vr),
                key2(132, p(s1), s1vl),
                key2(139, p(s1), st.rset[iu]),
                key3(214, p(s1), p(s1r), p(s1r2)),
                key3(220, p(s1), lab(s1l), lab(s1r)),
            ]);
        }
        _ => {
            // PAIR: S1 and S0 (`i`) together.
            let (s0, s1) = (i, st.s(1));
            let nil = st.nil;
            let (s0l, s0r, s1r) = (st.l1[iu], st.r1[iu], st.r1[s1 as usize]);
            let d1 = if s1 != nil && s0 != nil && s1 != 0 { bucket(s0 - s1) } else { 8 };
            let between = |v: &[u16]| {
                if s1 == nil || s0 == nil || s1 == 0 {
                    9
                } else {
                    (v[s0 as usize] - v[s1 as usize + 1]).min(3) as u64
                }
            };
            let (pb1, vb1) = (between(&x.punct_before), between(&x.verbs_before));
            let (p_s0, p_s1, w_s0, w_s1) = (p(s0), p(s1), w(s0), w(s1));
            let (wp_s0, wp_s1, u_s0, u_s1) = (wp(s0), wp(s1), u(s0), u(s1));
            let (p_s0l, p_s0r, p_s1r, u_s1r) = (p(s0l), p(s0r), p(s1r), u(s1r));
            out.extend_from_slice(&[
                key2(109, wp_s1, wp_s0),
                key2(110, w_s1, w_s0),
                key2(111, p_s1, p_s0),
                key2(112, wp_s1, p_s0),
                key2(113, p_s1, wp_s0),
                key2(120, w_s1, d1),
                key2(121, p_s1, d1),
                key2(122, w_s0, d1),
                key2(123, p_s0, d1),
                key3(207, p_s1, p_s0, p_s0l),
                key3(208, p_s1, p_s1r, p_s0),
                key3(209, p_s1, p_s0, p_s0r),
                key3(217, w_s1, p_s1, p_s0),
                key3(218, w_s0, p_s1, p_s0),
                key3(222, p_s1, d1, p_s0),
                key3(228, u_s1, u_s1r, u_s0),
                key3(233, u_s1, u_s0, pb1),
                key3(234, u_s1, u_s0, vb1),
                key3(236, pb1, vb1, d1),
            ]);
        }
    }
}

/// The keys of [`features`] outside the cached groups (see [`GROUPS`]).
fn cross_features(st: &State, x: &Input, out: &mut Vec<u64>) {
    out.clear();
    let nil = st.nil;
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (n0, n1) = (st.buf(0), st.buf(1));
    let w = |i: u32| x.words[i as usize];
    let p = |i: u32| x.tags[i as usize];
    let wp = |i: u32| x.wps[i as usize];
    let u = |i: u32| x.coarse[i as usize];
    let lab = |i: u32| st.labels[i as usize] as u64;
    let (s0l, s0r) = (st.l1[s0 as usize], st.r1[s0 as usize]);
    let n0l = st.l1[n0 as usize];
    let d = if s0 != nil && n0 != nil && s0 != 0 { bucket(n0 - s0) } else { 8 };
    let n0l2 = st.l2[n0 as usize];
    let n0vl = st.nl[n0 as usize] as u64;
    let lset_n0 = st.lset[n0 as usize];
    let between = |a: u32, b: u32, v: &[u16]| {
        if a == nil || b == nil || a == 0 {
            9
        } else {
            (v[b as usize] - v[a as usize + 1]).min(3) as u64
        }
    };
    let (pb, vb) = (between(s0, n0, &x.punct_before), between(s0, n0, &x.verbs_before));
    // Each atom read once: pushing a key may write anywhere as far as the compiler
    // knows, so an atom read in every key would be loaded (and bounds-checked) again.
    let lab_n0l = lab(n0l);
    let lab_n0l2 = lab(n0l2);
    let p_n0 = p(n0);
    let p_n0l = p(n0l);
    let p_n0l2 = p(n0l2);
    let p_n1 = p(n1);
    let p_s0 = p(s0);
    let p_s0l = p(s0l);
    let p_s0r = p(s0r);
    let p_s1 = p(s1);
    let p_s2 = p(s2);
    let u_n0 = u(n0);
    let u_n0l = u(n0l);
    let u_n1 = u(n1);
    let u_s0 = u(s0);
    let u_s0l = u(s0l);
    let u_s0r = u(s0r);
    let u_s1 = u(s1);
    let u_s2 = u(s2);
    let w_n0 = w(n0);
    let w_n0l = w(n0l);
    let w_n0l2 = w(n0l2);
    let w_s0 = w(s0);
    let w_s1 = w(s1);
    let w_s2 = w(s2);
    let wp_n0 = wp(n0);
    let wp_s0 = wp(s0);
    // One capacity check for all of them.
    out.extend_from_slice(&[
        key1(28, w_n0l),
        key1(29, p_n0l),
        key1(30, lab_n0l),
        key1(43, w_n0l2),
        key1(44, p_n0l2),
        key1(45, lab_n0l2),
        key2(128, w_n0, n0vl),
        key2(129, p_n0, n0vl),
        key2(137, w_n0, lset_n0),
        key2(138, p_n0, lset_n0),
        key3(213, p_n0, p_n0l, p_n0l2),
        key1(20, p_s2),
        key1(21, w_s2),
        // Pairs.
        key2(101, wp_s0, wp_n0),
        key2(102, wp_s0, w_n0),
        key2(103, w_s0, wp_n0),
        key2(104, wp_s0, p_n0),
        key2(105, p_s0, wp_n0),
        key2(106, w_s0, w_n0),
        key2(107, p_s0, p_n0),
        key2(114, w_s1, w_n0),
        key2(115, p_s1, p_n0),
        // Distance.
        key2(116, w_s0, d),
        key2(117, p_s0, d),
        key2(118, w_n0, d),
        key2(119, p_n0, d),
        key3(202, p_s0, p_n0, p_n1),
        key3(203, p_s1, p_s0, p_n0),
        key3(204, p_s0, p_s0l, p_n0),
        key3(205, p_s0, p_s0r, p_n0),
        key3(206, p_s0, p_n0, p_n0l),
        key3(210, p_s2, p_s1, p_s0),
        key3(215, w_s0, p_s0, p_n0),
        key3(216, w_n0, p_s0, p_n0),
        key3(221, p_s0, d, p_n0),
        key3(223, u_s0, u_n0, u_n1),
        key3(224, u_s1, u_s0, u_n0),
        key3(225, u_s0, u_s0l, u_n0),
        key3(226, u_s0, u_s0r, u_n0),
        key3(227, u_s0, u_n0, u_n0l),
        key3(229, u_s2, u_s1, u_s0),
        key3(231, u_s0, u_n0, pb),
        key3(232, u_s0, u_n0, vb),
        key3(235, pb, vb, d),
    ]);
}

/// The summed weights of the cached groups, per group and word (see [`GROUPS`]).
struct GroupCache {
    stride: usize,
    words: usize,
    sums: Vec<i32>,
    valid: Vec<bool>,
    /// Per word, the children it has been given so far (a count that only grows).
    version: Vec<u32>,
    /// Per word, the S1 (and its version) its `PAIR` sums were filled with.
    partner: Vec<(u32, u32)>,
    found: Found,
}

impl GroupCache {
    const fn new() -> GroupCache {
        GroupCache {
            stride: 0,
            words: 0,
            sums: Vec::new(),
            valid: Vec::new(),
            version: Vec::new(),
            partner: Vec::new(),
            found: Found::new(),
        }
    }

    /// Empties the cache for a sentence of `words` (ROOT and the sentinel included).
    /// The sums are not zeroed: each is zeroed when it is filled.
    fn reset(&mut self, words: usize, stride: usize) {
        self.stride = stride;
        self.words = words;
        self.valid.clear();
        self.valid.resize(GROUPS * words, false);
        self.version.clear();
        self.version.resize(words, 0);
        self.partner.clear();
        self.partner.resize(words, (u32::MAX, 0));
        if self.sums.len() < GROUPS * words * stride {
            self.sums.resize(GROUPS * words * stride, 0);
        }
    }

    /// Makes sure group `g`'s sums for word `i` are there.
    fn fill(&mut self, g: usize, i: u32, st: &State, x: &Input, w: &Linear, feats: &mut Vec<u64>) {
        let k = g * self.words + i as usize;
        let mut valid = self.valid[k];
        if g == PAIR {
            let s1 = st.s(1);
            let with = (s1, self.version[s1 as usize]);
            valid &= self.partner[i as usize] == with;
            self.partner[i as usize] = with;
        }
        if !valid {
            let sums = &mut self.sums[k * self.stride..(k + 1) * self.stride];
            sums.fill(0);
            group_features(g, i, st, x, feats);
            w.add_to(feats, sums, &mut self.found);
            self.valid[k] = true;
        }
    }

    fn get(&self, g: usize, i: u32) -> &[i32] {
        let k = g * self.words + i as usize;
        &self.sums[k * self.stride..(k + 1) * self.stride]
    }

    /// Word `h` got a child: its groups that read children are stale.
    fn drop_children(&mut self, h: u32) {
        for g in [S0, S1, PAIR] {
            self.valid[g * self.words + h as usize] = false;
        }
        self.version[h as usize] += 1;
    }
}

/// The decoded heads (0 = ROOT) and label indices of words 1..=n.
pub(crate) struct Tree {
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
}

impl Parser {
    fn n_labels(&self) -> usize {
        self.labels.len()
    }

    /// The best valid action given raw scores.
    ///
    /// The same choice as [`best_valid`] (the lowest-numbered of the valid actions with
    /// the highest score), found over runs of valid classes: the highest score first (a
    /// maximum over a slice, which vectorizes), then the first valid class that has it.
    fn best_valid(&self, st: &State, scores: &[i32]) -> usize {
        let (n, root) = (self.n_labels(), self.root as usize);
        let mut runs = [(0, 0); 5];
        let mut k = 0;
        let mut run = |a: usize, b: usize| {
            if a < b {
                runs[k] = (a, b);
                k += 1;
            }
        };
        if st.can_shift() {
            run(0, 1);
        }
        if st.can_left() {
            run(1, 1 + root);
            run(2 + root, 1 + n);
        }
        let (right, to_root) = st.can_right();
        if right {
            if to_root {
                run(1 + n + root, 2 + n + root);
            } else {
                run(1 + n, 1 + n + root);
                run(2 + n + root, 1 + 2 * n);
            }
        }
        let runs = &runs[..k];
        let Some(max) = runs.iter().filter_map(|&(a, b)| scores[a..b].iter().max()).max() else {
            return usize::MAX;
        };
        runs.iter()
            .find_map(|&(a, b)| scores[a..b].iter().position(|s| s == max).map(|i| a + i))
            .expect("the maximum is in a run")
    }

    pub(crate) fn parse(&self, x: &Input, feats: &mut Vec<u64>, scores: &mut Vec<i32>) -> Tree {
        thread_local! {
            // Kept from sentence to sentence, so that a parse allocates nothing once the
            // longest sentence has been seen.
            static CACHE: RefCell<GroupCache> = const { RefCell::new(GroupCache::new()) };
        }
        CACHE.with_borrow_mut(|cache| self.parse_with(x, feats, scores, cache))
    }

    fn parse_with(
        &self,
        x: &Input,
        feats: &mut Vec<u64>,
        scores: &mut Vec<i32>,
        cache: &mut GroupCache,
    ) -> Tree {
        let n = x.n();
        let mut st = State::new(n);
        let stride = self.weights.stride();
        cache.reset(n + 2, stride);
        scores.clear();
        scores.resize(stride, 0);
        let n_labels = self.n_labels();
        while !st.terminal() {
            let a = match st.forced(n_labels, self.root as usize) {
                Some(a) => a,
                None => {
                    let (s0, s1, n0) = (st.s(0), st.s(1), st.buf(0));
                    let w = &self.weights;
                    cache.fill(N0S, n0, &st, x, w, feats);
                    cache.fill(S0, s0, &st, x, w, feats);
                    cache.fill(S1, s1, &st, x, w, feats);
                    cache.fill(PAIR, s0, &st, x, w, feats);
                    scores.fill(0);
                    let parts = [
                        cache.get(N0S, n0),
                        cache.get(S0, s0),
                        cache.get(S1, s1),
                        cache.get(PAIR, s0),
                    ];
                    add_vecs(scores, &parts);
                    cross_features(&st, x, feats);
                    w.add_to(feats, scores, &mut cache.found);
                    self.best_valid(&st, scores)
                }
            };
            if a != 0 {
                // LEFT attaches S0 to N0, RIGHT to S1.
                cache.drop_children(if a <= n_labels { st.b } else { st.s(1) });
            }
            st.apply(a, n_labels);
        }
        Tree { heads: st.heads[1..=n].to_vec(), labels: st.labels[1..=n].to_vec() }
    }

    pub(crate) fn n_features(&self) -> usize {
        self.weights.len()
    }

    pub(crate) fn pruned(&self, min: f32) -> Parser {
        Parser { labels: self.labels.clone(), root: self.root, weights: self.weights.pruned(min) }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.u32(self.labels.len() as u32);
        for l in &self.labels {
            w.str(l);
        }
        w.u8(self.root);
        self.weights.write(w);
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Parser, Error> {
        let n = r.u32()? as usize;
        if n == 0 || n > 64 {
            return Err(Error::model(format!("bad label count {n}")));
        }
        let labels = (0..n).map(|_| r.str()).collect::<Result<Vec<_>, _>>()?;
        let root = r.u8()?;
        let weights = Linear::read(r)?;
        if root as usize >= n || weights.n_classes != 1 + 2 * n {
            return Err(Error::model("the parser table does not match its labels".into()));
        }
        Ok(Parser { labels, root, weights })
    }
}

/// The highest-scoring valid action (ties to the lowest number).
fn best_valid<T: PartialOrd + Copy>(
    st: &State,
    n_labels: usize,
    root: usize,
    score: impl Fn(usize) -> T,
) -> usize {
    let mut best: Option<(usize, T)> = None;
    let mut consider = |c: usize| {
        let s = score(c);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((c, s));
        }
    };
    if st.can_shift() {
        consider(0);
    }
    if st.can_left() {
        for l in 0..n_labels {
            if l != root {
                consider(1 + l);
            }
        }
    }
    let (right, to_root) = st.can_right();
    if right {
        if to_root {
            consider(1 + n_labels + root);
        } else {
            for l in 0..n_labels {
                if l != root {
                    consider(1 + n_labels + l);
                }
            }
        }
    }
    best.map_or(usize::MAX, |(c, _)| c)
}

/// One training sentence: input atoms (with noisy tags) and the gold tree.
pub(crate) struct ParseSent {
    pub input: Input,
    /// Gold heads indexed 0..=n+1 (ROOT's and the sentinel's are n+1).
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
}

impl ParseSent {
    pub(crate) fn new(input: Input, heads: &[u32], labels: &[u8]) -> ParseSent {
        let nil = heads.len() as u32 + 1;
        let mut h = Vec::with_capacity(heads.len() + 2);
        h.push(nil);
        h.extend_from_slice(heads);
        h.push(nil);
        let mut l = Vec::with_capacity(labels.len() + 2);
        l.push(NONE_LABEL);
        l.extend_from_slice(labels);
        l.push(NONE_LABEL);
        ParseSent { input, heads: h, labels: l }
    }
}

/// Attachment scores of a parser on sentences (heads and labels compared on all words).
pub(crate) fn attachment(
    parser: &Parser,
    sents: &[ParseSent],
    same_label: &dyn Fn(u8, u8) -> bool,
) -> (f64, f64) {
    let (mut uas, mut las, mut total) = (0usize, 0usize, 0usize);
    let (mut feats, mut scores) = (Vec::new(), Vec::new());
    for s in sents {
        let t = parser.parse(&s.input, &mut feats, &mut scores);
        for i in 0..t.heads.len() {
            if t.heads[i] == s.heads[i + 1] {
                uas += 1;
                las += same_label(t.labels[i], s.labels[i + 1]) as usize;
            }
        }
        total += t.heads.len();
    }
    (uas as f64 / total.max(1) as f64, las as f64 / total.max(1) as f64)
}

impl Parser {
    /// Trains a parser with the dynamic oracle. After each epoch the averaged model is
    /// scored on `dev` (when given) and the best epoch's model is kept; `log` gets one
    /// line per epoch.
    pub(crate) fn train(
        sents: &[ParseSent],
        labels: Vec<String>,
        cfg: &ParserConfig,
        dev: Option<&[ParseSent]>,
        same_label: &dyn Fn(u8, u8) -> bool,
        log: &mut dyn FnMut(String),
    ) -> Parser {
        let n_labels = labels.len();
        let root = labels.iter().position(|l| l == "root").unwrap_or(0) as u8;
        let n_classes = 1 + 2 * n_labels;
        let mut model = Trainer::new(n_classes);
        let mut rng = SplitMix(cfg.seed ^ 0x009A_45E5);
        let mut order: Vec<usize> = (0..sents.len()).collect();
        let mut feats = Vec::with_capacity(128);
        let mut scores = vec![0f32; n_classes];
        let mut best: Option<(f64, Parser)> = None;
        for epoch in 0..cfg.epochs {
            rng.shuffle(&mut order);
            let explore = epoch >= cfg.explore_from;
            let (mut errors, mut steps) = (0usize, 0usize);
            for &si in &order {
                let s = &sents[si];
                let mut st = State::new(s.input.n());
                while !st.terminal() {
                    features(&st, &s.input, &mut feats);
                    model.score(&feats, &mut scores);
                    let [cs, cl, cr] = st.costs(&s.heads);
                    let s0 = st.s(0) as usize;
                    let cost = |c: usize| -> u32 {
                        if c == 0 {
                            cs
                        } else if c <= n_labels {
                            let wrong = s.heads[s0] == st.b && s.labels[s0] as usize != c - 1;
                            cl + wrong as u32
                        } else {
                            let wrong =
                                s.heads[s0] == st.s(1) && s.labels[s0] as usize != c - 1 - n_labels;
                            cr + wrong as u32
                        }
                    };
                    let guess = best_valid(&st, n_labels, root as usize, |c| scores[c] as f64);
                    // The cheapest valid actions, then the best-scoring among them.
                    let min = {
                        let mut m = u32::MAX;
                        for_valid(&st, n_labels, root as usize, |c| m = m.min(cost(c)));
                        m
                    };
                    let gold = best_valid(&st, n_labels, root as usize, |c| {
                        if cost(c) == min {
                            scores[c] as f64
                        } else {
                            f64::NEG_INFINITY
                        }
                    });
                    let gold = if cost(gold) == min {
                        gold
                    } else {
                        let mut g = gold;
                        for_valid(&st, n_labels, root as usize, |c| {
                            if cost(c) == min && cost(g) != min {
                                g = c;
                            }
                        });
                        g
                    };
                    steps += 1;
                    if cost(guess) > min {
                        errors += 1;
                        model.update(&feats, gold, guess);
                    }
                    model.tick();
                    let next = if explore && rng.next_f64() < cfg.explore_p { guess } else { gold };
                    st.apply(next, n_labels);
                }
            }
            let snapshot =
                Parser { labels: labels.clone(), root, weights: model.freeze(cfg.prune) };
            match dev {
                Some(dev) => {
                    let (uas, las) = attachment(&snapshot, dev, same_label);
                    log(format!(
                        "parser epoch {}: train errors {:.2}%, dev UAS {:.2}%, LAS {:.2}%",
                        epoch + 1,
                        100.0 * errors as f64 / steps.max(1) as f64,
                        100.0 * uas,
                        100.0 * las
                    ));
                    if best.as_ref().is_none_or(|(b, _)| las > *b) {
                        best = Some((las, snapshot));
                    }
                }
                None => best = Some((0.0, snapshot)),
            }
        }
        match best {
            Some((_, p)) => p,
            None => Parser { labels, root, weights: model.freeze(cfg.prune) },
        }
    }
}

fn for_valid(st: &State, n_labels: usize, root: usize, mut f: impl FnMut(usize)) {
    if st.can_shift() {
        f(0);
    }
    if st.can_left() {
        for l in 0..n_labels {
            if l != root {
                f(1 + l);
            }
        }
    }
    let (right, to_root) = st.can_right();
    if right {
        if to_root {
            f(1 + n_labels + root);
        } else {
            for l in 0..n_labels {
                if l != root {
                    f(1 + n_labels + l);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Model;

    /// The cached groups and the cross features are exactly [`features`], and the cached
    /// sums give the scores that looking every feature up gives, at every transition.
    #[test]
    fn grouped_features_are_the_features_and_score_the_same() {
        let model = Model::bundled();
        let parser = &model.parser;
        let sentences = [
            "The gunmen , who arrived on motorbikes , attacked the convoy near Mogadishu on Tuesday and killed 12 soldiers .",
            "Al-Shabaab said it carried out the attack , its spokesman told Reuters .",
            "It was founded in 2006 by former members of the Islamic Courts Union , which had controlled much of the south .",
            "No .",
            "Police said seven people were arrested and four bodies were found in the river after the clashes , which began on Friday .",
        ];
        let stride = parser.weights.stride();
        let (mut old, mut new, mut grouped) = (Vec::new(), Vec::new(), Vec::new());
        for text in sentences {
            let words: Vec<&str> = text.split(' ').collect();
            let atoms: Vec<Atoms> = words.iter().map(|w| Atoms::of(w)).collect();
            let (mut tags, mut feats) = (Vec::new(), Vec::new());
            model.tagger.tag(&atoms, &mut tags, &mut feats);
            let upos: Vec<u8> = tags.iter().map(|&t| model.tagger.upos(t)).collect();
            let x = Input::new(atoms.iter().map(|a| model.tagger.word(a)), &atoms, &tags, &upos);
            let mut st = State::new(x.n());
            let mut cache = GroupCache::new();
            cache.reset(x.n() + 2, stride);
            let mut found = Found::new();
            let mut steps = 0;
            while !st.terminal() {
                features(&st, &x, &mut old);
                grouped.clear();
                let (s0, s1, n0) = (st.s(0), st.s(1), st.buf(0));
                for (g, i) in [(N0S, n0), (S0, s0), (S1, s1), (PAIR, s0)] {
                    group_features(g, i, &st, &x, &mut new);
                    grouped.extend_from_slice(&new);
                    cache.fill(g, i, &st, &x, &parser.weights, &mut new);
                }
                cross_features(&st, &x, &mut new);
                grouped.extend_from_slice(&new);
                let mut want = old.clone();
                want.sort_unstable();
                grouped.sort_unstable();
                assert_eq!(want, grouped, "{text}: step {steps}");
                let mut a = vec![0i32; stride];
                parser.weights.score(&old, &mut a, &mut found);
                let mut b = vec![0i32; stride];
                let parts =
                    [cache.get(N0S, n0), cache.get(S0, s0), cache.get(S1, s1), cache.get(PAIR, s0)];
                add_vecs(&mut b, &parts);
                parser.weights.add_to(&new, &mut b, &mut found);
                assert_eq!(a, b, "{text}: step {steps}");
                let act = parser.best_valid(&st, &a);
                let n = parser.n_labels();
                assert_eq!(act, best_valid(&st, n, parser.root as usize, |c| a[c]));
                if act != 0 {
                    cache.drop_children(if act <= parser.n_labels() { st.b } else { st.s(1) });
                }
                st.apply(act, parser.n_labels());
                steps += 1;
            }
        }
    }
}
