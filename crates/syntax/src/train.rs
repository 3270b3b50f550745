//! Training a model from CoNLL-U treebanks: the tagger on the gold tags, the parser on
//! jackknifed (predicted) tags so that it learns to live with the tagger's mistakes.

use std::collections::BTreeSet;

use crate::conllu::Sentence;
use crate::hash::Atoms;
use crate::parser::{Input, ParseSent, Parser, ParserConfig};
use crate::tagger::{TagSent, Tagger, TaggerConfig};
use crate::{Error, Model, Upos};

/// Training settings. The defaults are what the shipped model was trained with.
#[derive(Clone, Copy, Debug)]
pub struct TrainConfig {
    /// Seeds every shuffle and exploration choice; the same seed and data give the
    /// same model file, byte for byte.
    pub seed: u64,
    /// Passes over the data for the tagger.
    pub tagger_epochs: usize,
    /// Passes over the data for the parser (the best on dev is kept).
    pub parser_epochs: usize,
    /// Jackknife folds for the parser's training tags (1 = gold tags).
    pub folds: usize,
    /// After training, tagger weights below this magnitude are dropped (a perceptron
    /// update moves a weight by 1).
    pub tagger_prune: f32,
    /// After training, parser weights below this magnitude are dropped.
    pub parser_prune: f32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            seed: 1,
            tagger_epochs: 8,
            parser_epochs: 12,
            folds: 5,
            tagger_prune: 1.0,
            parser_prune: 1.5,
        }
    }
}

struct Prepared {
    atoms: Vec<Vec<Atoms>>,
    /// Joint UPOS|XPOS tag numbers.
    tags: Vec<Vec<u8>>,
    upos: Vec<Vec<u8>>,
    heads: Vec<Vec<u32>>,
    labels: Vec<Vec<u8>>,
}

fn prepare(
    sents: &[Sentence],
    tagset: &[(u8, String)],
    labels: &[String],
    name: &str,
) -> Result<Prepared, Error> {
    let mut p =
        Prepared { atoms: vec![], tags: vec![], upos: vec![], heads: vec![], labels: vec![] };
    for (i, s) in sents.iter().enumerate() {
        if s.words.is_empty() || !s.has_tree() {
            continue;
        }
        let mut tags = Vec::with_capacity(s.words.len());
        let mut upos = Vec::with_capacity(s.words.len());
        for w in &s.words {
            let t = Upos::parse(&w.upos).ok_or_else(|| {
                Error::conllu(format!(
                    "{name}: sentence {}: `{}` is not a UPOS tag (word `{}`)",
                    i + 1,
                    w.upos,
                    w.form
                ))
            })?;
            upos.push(t as u8);
            let joint = tagset.iter().position(|(u, x)| *u == t as u8 && *x == w.xpos);
            tags.push(joint.map_or(255, |j| j as u8));
        }
        p.atoms.push(s.words.iter().map(|w| Atoms::of(&w.form)).collect());
        p.tags.push(tags);
        p.upos.push(upos);
        p.heads.push(s.words.iter().map(|w| w.head.unwrap_or(0)).collect());
        p.labels.push(
            s.words
                .iter()
                .map(|w| labels.iter().position(|l| *l == w.deprel).map_or(255, |i| i as u8))
                .collect(),
        );
    }
    Ok(p)
}

fn tag_sents(p: &Prepared, range: impl Iterator<Item = usize>) -> Vec<TagSent> {
    range
        .map(|i| TagSent {
            atoms: p.atoms[i].clone(),
            tags: p.tags[i].clone(),
            upos: p.upos[i].clone(),
        })
        .collect()
}

fn parse_sents(p: &Prepared, tagger: &Tagger, tags: &[Vec<u8>]) -> Vec<ParseSent> {
    (0..p.atoms.len())
        .map(|i| {
            let words = p.atoms[i].iter().map(|a| tagger.word(a));
            let upos: Vec<u8> = tags[i].iter().map(|&t| tagger.upos(t)).collect();
            let input = Input::new(words, &p.atoms[i], &tags[i], &upos);
            ParseSent::new(input, &p.heads[i], &p.labels[i])
        })
        .collect()
}

/// The universal part of a relation (`nmod:poss` -> `nmod`).
pub fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

/// Trains a tagger and a parser on `train`, reporting progress (and dev scores per epoch
/// when `dev` is given) through `log`.
pub fn train(
    train: &[Sentence],
    dev: Option<&[Sentence]>,
    cfg: &TrainConfig,
    log: &mut dyn FnMut(String),
) -> Result<Model, Error> {
    let labels: Vec<String> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .filter(|l| l != "_")
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if labels.is_empty() || labels.len() > 64 {
        return Err(Error::conllu(format!(
            "the training data has {} relation labels; 1 to 64 are supported",
            labels.len()
        )));
    }
    if !labels.iter().any(|l| l == "root") {
        return Err(Error::conllu("the training data has no `root` relation".into()));
    }
    let tagset: Vec<(u8, String)> = train
        .iter()
        .flat_map(|s| s.words.iter())
        .filter_map(|w| Upos::parse(&w.upos).map(|u| (u as u8, w.xpos.clone())))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if tagset.len() > 255 {
        return Err(Error::conllu(format!(
            "the training data has {} UPOS|XPOS pairs; at most 255 are supported",
            tagset.len()
        )));
    }
    let tr = prepare(train, &tagset, &labels, "train")?;
    if tr.atoms.is_empty() {
        return Err(Error::conllu("the training data has no complete trees".into()));
    }
    let dv = dev.map(|d| prepare(d, &tagset, &labels, "dev")).transpose()?;
    let n = tr.atoms.len();
    let tcfg =
        TaggerConfig { epochs: cfg.tagger_epochs, seed: cfg.seed, ..TaggerConfig::default() };

    // Jackknifed tags: each fold tagged by a tagger trained on the other folds.
    let mut noisy: Vec<Vec<u8>> = tr.tags.clone();
    let folds = cfg.folds.max(1);
    if folds > 1 {
        let (mut right, mut total) = (0usize, 0usize);
        for k in 0..folds {
            let (lo, hi) = (k * n / folds, (k + 1) * n / folds);
            let rest = tag_sents(&tr, (0..lo).chain(hi..n));
            let t = Tagger::train(&tagset, &rest, &tcfg, None, &mut |_| {});
            let (mut tags, mut feats) = (Vec::new(), Vec::new());
            for (atoms, (gold, out)) in
                tr.atoms[lo..hi].iter().zip(tr.upos[lo..hi].iter().zip(&mut noisy[lo..hi]))
            {
                t.tag(atoms, &mut tags, &mut feats);
                right += tags.iter().zip(gold).filter(|(&a, &b)| t.upos(a) == b).count();
                total += tags.len();
                out.clone_from(&tags);
            }
        }
        log(format!(
            "jackknife ({folds} folds): training UPOS {:.2}% right",
            100.0 * right as f64 / total.max(1) as f64
        ));
    }

    let all = tag_sents(&tr, 0..n);
    let dev_tags = dv.as_ref().map(|d| tag_sents(d, 0..d.atoms.len()));
    let tagger = Tagger::train(&tagset, &all, &tcfg, dev_tags.as_deref(), log);

    let dev_parse = dv.as_ref().map(|d| {
        let (mut feats, mut tags) = (Vec::new(), Vec::new());
        let predicted: Vec<Vec<u8>> = d
            .atoms
            .iter()
            .map(|a| {
                tagger.tag(a, &mut tags, &mut feats);
                tags.clone()
            })
            .collect();
        parse_sents(d, &tagger, &predicted)
    });
    let univ: Vec<String> = labels.iter().map(|l| universal(l).to_string()).collect();
    let same = move |a: u8, b: u8| match (univ.get(a as usize), univ.get(b as usize)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    };
    let pcfg =
        ParserConfig { epochs: cfg.parser_epochs, seed: cfg.seed, ..ParserConfig::default() };
    let parser = Parser::train(
        &parse_sents(&tr, &tagger, &noisy),
        labels,
        &pcfg,
        dev_parse.as_deref(),
        &same,
        log,
    );
    let model = Model { tagger, parser }.pruned(cfg.tagger_prune, cfg.parser_prune);
    log(format!(
        "model: {} tagger features, {} parser features",
        model.tagger.n_features(),
        model.parser.n_features()
    ));
    Ok(model)
}
