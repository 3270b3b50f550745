//! The part-of-speech tagger: greedy, left to right, an averaged perceptron over the
//! features of Honnibal's "A good POS tagger in about 200 lines" plus shape, affixes and
//! the ambiguity classes (the tags seen in training) of the word and its neighbours.
//! Frequent unambiguous words are tagged from a dictionary without scoring.
//!
//! The tagger predicts joint tags, a UPOS with a treebank-specific XPOS (`VERB|VBN`):
//! the finer tags help the parser, and the UPOS is read off the joint tag.

use rustc_hash::FxHashMap;

use crate::hash::{key1, key2, key3, Atoms, SplitMix};
use crate::io::{Reader, Writer};
use crate::linear::{Found, Linear, Trainer};
use crate::Error;

const N_UPOS: usize = 17;
/// The history "tag" before the first word.
const START: u64 = 100;
/// The atom of a position outside the sentence.
const NONE: u64 = 0xA5A5_5A5A;
/// The parser's word for a word outside the vocabulary (seen fewer than twice in
/// training). Training sees it in place of rare words, so the parser learns to lean on
/// tags and suffixes for them.
const UNK: u64 = 0x0BAD_F00D;

/// Tagger settings for training.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TaggerConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Words seen at least this often in training ...
    pub dict_min_count: u32,
    /// ... with this share of one tag are tagged from the dictionary.
    pub dict_min_share: f64,
    /// Averaged weights below this magnitude are dropped when freezing (each epoch's
    /// snapshot and the result).
    pub prune: f32,
}

impl Default for TaggerConfig {
    fn default() -> Self {
        TaggerConfig { epochs: 8, seed: 1, dict_min_count: 20, dict_min_share: 0.97, prune: 0.05 }
    }
}

/// A trained tagger.
#[derive(Clone, Debug)]
pub(crate) struct Tagger {
    /// Joint tag -> (UPOS number, XPOS).
    pub(crate) tagset: Vec<(u8, String)>,
    /// Word -> bit set of the tags seen with it in training (frequent words only).
    lex: FxHashMap<u64, u32>,
    /// Word -> its tag, for frequent unambiguous words.
    dict: FxHashMap<u64, u8>,
    weights: Linear,
}

/// One training sentence for the tagger: atoms and gold tags.
pub(crate) struct TagSent {
    pub atoms: Vec<Atoms>,
    /// Joint tags (255 for a pair unseen in training).
    pub tags: Vec<u8>,
    /// UPOS numbers.
    pub upos: Vec<u8>,
}

struct Ctx<'a> {
    atoms: &'a [Atoms],
    amb: &'a [u64],
}

impl Ctx<'_> {
    fn word(&self, i: isize) -> u64 {
        if i < 0 || i as usize >= self.atoms.len() {
            NONE ^ (i.signum() as u64)
        } else {
            self.atoms[i as usize].word
        }
    }
    fn suffix3(&self, i: isize) -> u64 {
        if i < 0 || i as usize >= self.atoms.len() {
            NONE
        } else {
            self.atoms[i as usize].suffix[2]
        }
    }
    fn amb(&self, i: isize) -> u64 {
        if i < 0 || i as usize >= self.atoms.len() {
            NONE
        } else {
            self.amb[i as usize]
        }
    }
}

fn ambiguity(lex: &FxHashMap<u64, u32>, atoms: &[Atoms]) -> Vec<u64> {
    atoms.iter().map(|a| lex.get(&a.word).map_or(1 << 40, |&m| m as u64)).collect()
}

fn features(cx: &Ctx<'_>, i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    let a = &cx.atoms[i];
    let ii = i as isize;
    let w = a.word;
    let amb_0 = cx.amb(ii);
    let amb_p1 = cx.amb(ii + 1);
    let amb_p2 = cx.amb(ii + 2);
    let amb_m1 = cx.amb(ii - 1);
    let suffix3_p1 = cx.suffix3(ii + 1);
    let suffix3_p2 = cx.suffix3(ii + 2);
    let suffix3_m1 = cx.suffix3(ii - 1);
    let word_p1 = cx.word(ii + 1);
    let word_p2 = cx.word(ii + 2);
    let word_m1 = cx.word(ii - 1);
    let word_m2 = cx.word(ii - 2);
    out.extend_from_slice(&[
        key1(0, 0),
        key1(1, w),
        key1(32, a.exact),
        key1(2, a.prefix[0]),
        key1(3, a.prefix[1]),
        key1(4, a.prefix[2]),
        key1(5, a.suffix[0]),
        key1(6, a.suffix[1]),
        key1(7, a.suffix[2]),
        key1(8, a.suffix[3]),
        key1(9, a.shape),
        key1(10, a.flags as u64),
        key2(11, a.flags as u64, (i == 0) as u64),
        key1(12, p1),
        key2(13, p2, p1),
        key2(14, p1, w),
        key1(15, word_m1),
        key1(16, suffix3_m1),
        key1(17, word_m2),
        key1(18, word_p1),
        key1(19, suffix3_p1),
        key1(20, word_p2),
        key1(21, suffix3_p2),
        key1(22, amb_0),
        key1(23, amb_p1),
        key1(24, amb_p2),
        key2(25, p1, amb_p1),
        key3(26, p1, amb_0, amb_p1),
        key2(27, word_m1, w),
        key2(28, w, word_p1),
        key2(29, a.suffix[2], amb_p1),
        key1(30, amb_m1),
        key2(31, a.shape, p1),
        key3(33, amb_p1, amb_p2, amb_0),
        key2(34, w, amb_p1),
        key2(35, w, p1),
        key2(36, a.suffix[2], suffix3_p1),
        key2(37, amb_m1, amb_0),
        key2(38, a.exact, (i == 0) as u64),
    ]);
}

/// The first class with the highest score (a maximum over the slice, which vectorizes,
/// then its first position).
fn argmax(scores: &[i32]) -> usize {
    let max = scores.iter().max().copied().unwrap_or(0);
    scores.iter().position(|&s| s == max).unwrap_or(0)
}

fn argmax_f(scores: &[f32]) -> usize {
    let mut best = 0;
    for (c, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = c;
        }
    }
    best
}

impl Tagger {
    /// Tags one sentence given its atoms.
    pub(crate) fn tag(&self, atoms: &[Atoms], tags: &mut Vec<u8>, feats: &mut Vec<u64>) {
        tags.clear();
        let amb = ambiguity(&self.lex, atoms);
        let cx = Ctx { atoms, amb: &amb };
        let mut scores = [0i32; 256];
        let mut found = Found::default();
        let (mut p1, mut p2) = (START, START + 1);
        for (i, a) in atoms.iter().enumerate() {
            let t = match self.dict.get(&a.word) {
                Some(&t) => t,
                None => {
                    features(&cx, i, p1, p2, feats);
                    self.weights.score(feats, &mut scores, &mut found);
                    argmax(&scores[..self.tagset.len()]) as u8
                }
            };
            tags.push(t);
            p2 = p1;
            p1 = t as u64;
        }
    }

    /// Trains a tagger. `dev` (atoms and gold tags), when given, is scored after each
    /// epoch and reported through `log`.
    pub(crate) fn train(
        tagset: &[(u8, String)],
        sents: &[TagSent],
        cfg: &TaggerConfig,
        dev: Option<&[TagSent]>,
        log: &mut dyn FnMut(String),
    ) -> Tagger {
        let n_tags = tagset.len();
        let (lex, dict) = lexicon(sents, tagset, cfg);
        let mut model = Trainer::new(n_tags);
        let mut order: Vec<usize> = (0..sents.len()).collect();
        let mut rng = SplitMix(cfg.seed ^ 0x007A_66E5);
        let mut feats = Vec::with_capacity(40);
        let mut scores = vec![0f32; n_tags];
        let ctxs: Vec<Vec<u64>> = sents.iter().map(|s| ambiguity(&lex, &s.atoms)).collect();
        for epoch in 0..cfg.epochs {
            rng.shuffle(&mut order);
            let (mut right, mut total) = (0usize, 0usize);
            for &si in &order {
                let s = &sents[si];
                let cx = Ctx { atoms: &s.atoms, amb: &ctxs[si] };
                let (mut p1, mut p2) = (START, START + 1);
                for (i, a) in s.atoms.iter().enumerate() {
                    let gold = s.tags[i] as usize;
                    let guess = match dict.get(&a.word) {
                        Some(&t) => t as usize,
                        None => {
                            features(&cx, i, p1, p2, &mut feats);
                            model.score(&feats, &mut scores);
                            let g = argmax_f(&scores);
                            model.update(&feats, gold, g);
                            model.tick();
                            g
                        }
                    };
                    right += (guess == gold) as usize;
                    total += 1;
                    p2 = p1;
                    p1 = guess as u64;
                }
            }
            if let Some(dev) = dev {
                let t = Tagger {
                    tagset: tagset.to_vec(),
                    lex: lex.clone(),
                    dict: dict.clone(),
                    weights: model.freeze(0.0),
                };
                log(format!(
                    "tagger epoch {}: train {:.2}%, dev UPOS {:.2}%",
                    epoch + 1,
                    100.0 * right as f64 / total.max(1) as f64,
                    100.0 * t.accuracy(dev)
                ));
            }
        }
        Tagger { tagset: tagset.to_vec(), lex, dict, weights: model.freeze(cfg.prune) }
    }

    pub(crate) fn pruned(&self, min: f32) -> Tagger {
        Tagger { weights: self.weights.pruned(min), ..self.clone() }
    }

    /// The word atom the parser sees: the word, or UNK outside the vocabulary.
    pub(crate) fn word(&self, a: &Atoms) -> u64 {
        if self.lex.contains_key(&a.word) {
            a.word
        } else {
            UNK
        }
    }

    /// The UPOS number of a joint tag.
    pub(crate) fn upos(&self, tag: u8) -> u8 {
        self.tagset[tag as usize].0
    }

    /// The share of words with the right UPOS.
    pub(crate) fn accuracy(&self, sents: &[TagSent]) -> f64 {
        let (mut right, mut total) = (0usize, 0usize);
        let (mut tags, mut feats) = (Vec::new(), Vec::new());
        for s in sents {
            self.tag(&s.atoms, &mut tags, &mut feats);
            right += tags.iter().zip(&s.upos).filter(|(&a, &b)| self.upos(a) == b).count();
            total += s.tags.len();
        }
        right as f64 / total.max(1) as f64
    }

    pub(crate) fn n_features(&self) -> usize {
        self.weights.len()
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.u32(self.tagset.len() as u32);
        for (u, x) in &self.tagset {
            w.u8(*u);
            w.str(x);
        }
        let mut lex: Vec<(u64, u32)> = self.lex.iter().map(|(&k, &v)| (k, v)).collect();
        lex.sort_unstable();
        w.u32(lex.len() as u32);
        for (k, v) in lex {
            w.u64(k);
            w.u32(v);
        }
        let mut dict: Vec<(u64, u8)> = self.dict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        w.u32(dict.len() as u32);
        for (k, v) in dict {
            w.u64(k);
            w.u8(v);
        }
        self.weights.write(w);
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Tagger, Error> {
        let n = r.u32()? as usize;
        if n == 0 || n > 255 {
            return Err(Error::model(format!("bad tag count {n}")));
        }
        let mut tagset = Vec::with_capacity(n);
        for _ in 0..n {
            let u = r.u8()?;
            if u as usize >= N_UPOS {
                return Err(Error::model(format!("UPOS {u} out of range")));
            }
            tagset.push((u, r.str()?));
        }
        let n = r.u32()? as usize;
        let mut lex = FxHashMap::default();
        for _ in 0..n {
            let k = r.u64()?;
            lex.insert(k, r.u32()?);
        }
        let n = r.u32()? as usize;
        let mut dict = FxHashMap::default();
        for _ in 0..n {
            let k = r.u64()?;
            let t = r.u8()?;
            if t as usize >= tagset.len() {
                return Err(Error::model(format!("tag {t} out of range")));
            }
            dict.insert(k, t);
        }
        let weights = Linear::read(r)?;
        if weights.n_classes != tagset.len() {
            return Err(Error::model("the tagger table has the wrong class count".into()));
        }
        Ok(Tagger { tagset, lex, dict, weights })
    }
}

/// The vocabulary (words seen at least twice) with their ambiguity classes, and the dictionary of frequent
/// unambiguous words.
fn lexicon(
    sents: &[TagSent],
    tagset: &[(u8, String)],
    cfg: &TaggerConfig,
) -> (FxHashMap<u64, u32>, FxHashMap<u64, u8>) {
    let mut counts: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for s in sents {
        for (a, &t) in s.atoms.iter().zip(&s.tags) {
            counts.entry(a.word).or_insert_with(|| vec![0; tagset.len()])[t as usize] += 1;
        }
    }
    let (mut lex, mut dict) = (FxHashMap::default(), FxHashMap::default());
    for (&w, c) in &counts {
        let total: u32 = c.iter().sum();
        let (best, &top) =
            c.iter().enumerate().max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i))).unwrap();
        if total >= 2 {
            let mut by_upos = [0u32; N_UPOS];
            for (t, &n) in c.iter().enumerate() {
                by_upos[tagset[t].0 as usize] += n;
            }
            let mut mask = 0u32;
            for (u, &n) in by_upos.iter().enumerate() {
                if n as f64 >= 0.05 * total as f64 {
                    mask |= 1 << u;
                }
            }
            lex.insert(w, mask);
        }
        if total >= cfg.dict_min_count && top as f64 >= cfg.dict_min_share * total as f64 {
            dict.insert(w, best as u8);
        }
    }
    (lex, dict)
}
