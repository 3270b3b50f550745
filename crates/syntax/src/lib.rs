//! Syntax for dossier: universal part-of-speech tags and labelled dependency trees for
//! tokenized English sentences.
//!
//! The model is a pair of averaged perceptrons trained on UD English-EWT:
//!
//! - a greedy left-to-right **tagger** (UPOS) over word, affix, shape, neighbour and tag
//!   history features, with a dictionary for frequent unambiguous words (`tagger.rs`);
//! - a greedy **arc-hybrid parser** with labelled arcs (full UD relations such as
//!   `nmod:poss`), trained with a dynamic oracle and exploration on jackknifed tags
//!   (`parser.rs`). Every output is a tree with exactly one root.
//!
//! Features are hashed into `u64` keys without allocating; weights are quantized to i16
//! and the model file is zstd-compressed (`linear.rs`). [`Model::bundled`] is compiled
//! into the binary and loaded once per process. [`conllu`] reads and writes treebanks,
//! [`train()`] builds a model, [`Model::evaluate`] scores one.
//!
//! ```
//! use dossier_syntax::{Model, Upos};
//!
//! let model = Model::bundled();
//! let parse = model.parse(&["The", "gunmen", "attacked", "the", "convoy", "."]);
//! assert_eq!(parse.upos[2], Upos::Verb);
//! assert_eq!(parse.heads[2], 0); // "attacked" is the root
//! assert_eq!(parse.heads[1], 3); // "gunmen" depends on it ...
//! assert_eq!(parse.deprels[1], "nsubj"); // ... as its subject
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod conllu;
mod hash;
mod io;
mod linear;
mod parser;
mod tagger;
mod train;
mod upos;

use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

pub use train::{train, universal, TrainConfig};
pub use upos::Upos;

use hash::Atoms;
use io::{Reader, Writer};
use parser::{Input, Parser};
use tagger::Tagger;

/// What went wrong reading a treebank or a model.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    msg: String,
}

/// The kind of an [`Error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A CoNLL-U file could not be read or is malformed.
    Conllu,
    /// A model file could not be read or is malformed.
    Model,
}

impl Error {
    pub(crate) fn conllu(msg: String) -> Error {
        Error { kind: ErrorKind::Conllu, msg }
    }
    pub(crate) fn model(msg: String) -> Error {
        Error { kind: ErrorKind::Model, msg }
    }
    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ErrorKind::Conllu => f.write_str(&self.msg),
            ErrorKind::Model => write!(f, "syntax model: {}", self.msg),
        }
    }
}

impl std::error::Error for Error {}

const MAGIC: &[u8; 8] = b"DSYNTAX1";

/// A tagger and a parser.
#[derive(Clone, Debug)]
pub struct Model {
    tagger: Tagger,
    parser: Parser,
}

/// The syntax of one sentence: per word, its tag, its head (1-based; 0 is the root)
/// and its relation to the head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parse<'m> {
    /// Universal part-of-speech tag per word.
    pub upos: Vec<Upos>,
    /// Head per word: the 1-based index of the governing word, 0 for the root.
    pub heads: Vec<u32>,
    /// Dependency relation per word (UD v2, with subtypes such as `nmod:poss`).
    pub deprels: Vec<&'m str>,
}

/// Scores of a model against gold trees, counting every word (punctuation included)
/// as the CoNLL 2018 scorer does; LAS compares the universal part of relations.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// Share of words with the right UPOS.
    pub upos: f64,
    /// Share of words with the right head.
    pub uas: f64,
    /// Share of words with the right head and universal relation.
    pub las: f64,
    /// Share of words with the right head and full relation (subtypes included).
    pub las_full: f64,
}

impl Model {
    /// The model shipped with dossier (UD English-EWT, CC BY-SA 4.0; see
    /// `data/models/README.md`), decoded on first use.
    pub fn bundled() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            Model::from_bytes(include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../data/models/en-ewt-syntax.bin.zst"
            )))
            .expect("the bundled syntax model is valid")
        })
    }

    /// Reads a model from the bytes of a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        let raw = zstd::stream::decode_all(bytes)
            .map_err(|e| Error::model(format!("not a zstd stream: {e}")))?;
        let mut r = Reader::new(&raw);
        if r.take(MAGIC.len())? != MAGIC {
            return Err(Error::model("not a dossier syntax model (bad magic)".into()));
        }
        let tagger = Tagger::read(&mut r)?;
        let parser = Parser::read(&mut r)?;
        if !r.at_end() {
            return Err(Error::model("trailing bytes after the model".into()));
        }
        Ok(Model { tagger, parser })
    }

    /// The bytes of a model file (zstd-compressed; the same model always gives the same
    /// bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.bytes(MAGIC);
        self.tagger.write(&mut w);
        self.parser.write(&mut w);
        zstd::stream::encode_all(&w.into_inner()[..], 19).expect("compressing into memory")
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<Model, Error> {
        let bytes = std::fs::read(path)
            .map_err(|e| Error::model(format!("cannot read {}: {e}", path.display())))?;
        Model::from_bytes(&bytes)
            .map_err(|e| Error::model(format!("{}: {}", path.display(), e.msg)))
    }

    /// Writes a model file.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        std::fs::write(path, self.to_bytes())
            .map_err(|e| Error::model(format!("cannot write {}: {e}", path.display())))
    }

    /// A smaller model: the tagger's and the parser's weights below the given magnitudes
    /// (in perceptron units, where one update moves a weight by 1) dropped.
    pub fn pruned(&self, tagger_min: f32, parser_min: f32) -> Model {
        Model { tagger: self.tagger.pruned(tagger_min), parser: self.parser.pruned(parser_min) }
    }

    /// The relation labels the parser predicts.
    pub fn labels(&self) -> &[String] {
        &self.parser.labels
    }

    /// Tags a tokenized sentence.
    pub fn tag(&self, words: &[&str]) -> Vec<Upos> {
        let atoms: Vec<Atoms> = words.iter().map(|w| Atoms::of(w)).collect();
        let (mut tags, mut feats) = (Vec::new(), Vec::new());
        self.tagger.tag(&atoms, &mut tags, &mut feats);
        tags.into_iter().map(|t| Upos::from_index(self.tagger.upos(t) as usize)).collect()
    }

    /// Tags and parses a tokenized sentence.
    pub fn parse(&self, words: &[&str]) -> Parse<'_> {
        let atoms: Vec<Atoms> = words.iter().map(|w| Atoms::of(w)).collect();
        let (mut tags, mut feats, mut scores) = (Vec::new(), Vec::new(), Vec::new());
        self.tagger.tag(&atoms, &mut tags, &mut feats);
        let upos: Vec<u8> = tags.iter().map(|&t| self.tagger.upos(t)).collect();
        let input = Input::new(atoms.iter().map(|a| self.tagger.word(a)), &atoms, &tags, &upos);
        let tree = self.parser.parse(&input, &mut feats, &mut scores);
        Parse {
            upos: upos.iter().map(|&u| Upos::from_index(u as usize)).collect(),
            heads: tree.heads,
            deprels: tree.labels.iter().map(|&l| self.parser.labels[l as usize].as_str()).collect(),
        }
    }

    /// Scores the model on gold-tokenized sentences (sentences without a complete gold
    /// tree are skipped).
    pub fn evaluate(&self, sents: &[conllu::Sentence]) -> Scores {
        let (mut n, mut upos, mut uas, mut las, mut full) = (0usize, 0, 0, 0, 0);
        for s in sents.iter().filter(|s| !s.words.is_empty() && s.has_tree()) {
            let p = self.parse(&s.forms());
            for (i, w) in s.words.iter().enumerate() {
                n += 1;
                upos += (p.upos[i].as_str() == w.upos) as usize;
                if Some(p.heads[i]) == w.head {
                    uas += 1;
                    las += (universal(p.deprels[i]) == universal(&w.deprel)) as usize;
                    full += (p.deprels[i] == w.deprel) as usize;
                }
            }
        }
        let r = |k: usize| k as f64 / n.max(1) as f64;
        Scores { words: n, upos: r(upos), uas: r(uas), las: r(las), las_full: r(full) }
    }
}
