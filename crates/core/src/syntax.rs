//! Sentence structure for the claim and event stages: the bundled tagger
//! and dependency parser of `dossier-syntax`, run on demand.
//!
//! Only the sentences a rule asks about are parsed (a claim or event cue
//! fired in them), once each, so extraction stays fast on long documents.
//! A parse is mapped onto dossier's own tokens: the parser sees UD-style
//! words (a possessive "’s" and a negation "n't" split off the word they
//! end), and each dossier token takes the head and relation of its first
//! word. Everything here is a reading aid for the rules: a rule that finds
//! no parse (a sentence too long to be a sentence) falls back
//! on its word-window reading.

use std::cell::OnceCell;

use dossier_syntax::{Model, Upos};

/// Sentences longer than this (in tokens) are not parsed: such "sentences"
/// are lists or tables, and a parse of them helps no rule.
const MAX_TOKENS: usize = 150;

/// The parse of one sentence on dossier's tokens.
#[derive(Debug)]
pub(crate) struct SentSyntax {
    /// The sentence's first token.
    first: usize,
    /// Per token (relative to `first`): its head token (relative), or
    /// `u32::MAX` for the root.
    head: Vec<u32>,
    /// Per token: its relation to the head (UD, with subtypes).
    rel: Vec<&'static str>,
    /// Per token: its part of speech.
    upos: Vec<Upos>,
}

impl SentSyntax {
    fn rel_index(&self, k: usize) -> Option<usize> {
        k.checked_sub(self.first).filter(|&i| i < self.head.len())
    }

    /// The head of token `k`; `None` at the root or outside the sentence.
    pub fn head(&self, k: usize) -> Option<usize> {
        let i = self.rel_index(k)?;
        let h = self.head[i];
        (h != u32::MAX).then_some(self.first + h as usize)
    }

    /// The relation of token `k` to its head ("" outside the sentence).
    pub fn rel(&self, k: usize) -> &'static str {
        self.rel_index(k).map_or("", |i| self.rel[i])
    }

    /// The part of speech of token `k`.
    pub fn upos(&self, k: usize) -> Option<Upos> {
        self.rel_index(k).map(|i| self.upos[i])
    }

    /// The tokens whose head is `k`, in text order.
    pub fn children(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        let target = k.checked_sub(self.first).map_or(u32::MAX - 1, |i| i as u32);
        self.head
            .iter()
            .enumerate()
            .filter(move |(_, &h)| h == target)
            .map(move |(i, _)| self.first + i)
    }

    /// The first child of `k` whose relation starts with `prefix` ("nsubj"
    /// finds `nsubj` and `nsubj:pass`).
    pub fn child(&self, k: usize, prefix: &str) -> Option<usize> {
        self.children(k).find(|&c| {
            let r = self.rel(c);
            r == prefix || r.strip_prefix(prefix).is_some_and(|rest| rest.starts_with(':'))
        })
    }

    /// True when `k` is (or depends on) a verb of its own clause, not a
    /// noun or adjective: "launched" in "it launched", not in "the launched
    /// rocket".
    pub fn is_verb(&self, k: usize) -> bool {
        self.upos(k).is_some_and(is_verbal)
    }
}

/// A verb or an auxiliary: what `SentSyntax::is_verb` and
/// `Ctx::is_verb_tag` test.
pub(crate) fn is_verbal(u: Upos) -> bool {
    matches!(u, Upos::Verb | Upos::Aux)
}

/// The parses of a document's sentences, computed on first use, and their
/// parts of speech alone for the rules that need no more (tagging costs a
/// fraction of parsing).
#[derive(Default)]
pub(crate) struct Syntax {
    sentences: Vec<OnceCell<Option<SentSyntax>>>,
    tags: Vec<OnceCell<Option<Vec<Upos>>>>,
}

impl Syntax {
    pub fn new(n_sentences: usize) -> Syntax {
        Syntax {
            sentences: (0..n_sentences).map(|_| OnceCell::new()).collect(),
            tags: (0..n_sentences).map(|_| OnceCell::new()).collect(),
        }
    }

    /// The part of speech of each token of sentence `si` (tokens
    /// `first..last`, relative to `first`): the tags its parse has, without
    /// parsing it when it is not parsed yet. `None` when the sentence is not
    /// parsed either (too long).
    pub fn tags<'t>(
        &self,
        si: usize,
        first: usize,
        last: usize,
        tok: impl Fn(usize) -> &'t str,
    ) -> Option<&[Upos]> {
        if let Some(parsed) = self.sentences.get(si)?.get() {
            return parsed.as_ref().map(|p| p.upos.as_slice());
        }
        self.tags.get(si)?.get_or_init(|| tag(first, last, tok)).as_deref()
    }

    /// The parse of sentence `si`, whose tokens are `first..last` with the
    /// texts `tok(k)`.
    pub fn get<'t>(
        &self,
        si: usize,
        first: usize,
        last: usize,
        tok: impl Fn(usize) -> &'t str,
    ) -> Option<&SentSyntax> {
        self.sentences.get(si)?.get_or_init(|| parse(first, last, tok)).as_ref()
    }
}

/// Splits a token into UD-style words: "group’s" -> "group" "’s",
/// "don't" -> "do" "n't". Returns one or two pieces.
fn words_of(t: &str) -> [Option<&str>; 2] {
    for suffix in ["’s", "'s", "n't", "n’t"] {
        if let Some(stem) = t.strip_suffix(suffix) {
            if !stem.is_empty() && stem.chars().all(char::is_alphanumeric) {
                return [Some(stem), Some(&t[stem.len()..])];
            }
        }
    }
    for suffix in ["’", "'"] {
        // "the militants’" (plural possessive) keeps its word.
        if let Some(stem) = t.strip_suffix(suffix) {
            if stem.ends_with('s') && stem.len() > 1 {
                return [Some(stem), Some(&t[stem.len()..])];
            }
        }
    }
    [Some(t), None]
}

/// The UD-style words of tokens `first..last`: the words, for each word its
/// token (relative to `first`), and for each token its first word.
struct Words<'t> {
    words: Vec<&'t str>,
    word_tok: Vec<u32>,
    tok_word: Vec<u32>,
}

fn words<'t>(first: usize, last: usize, tok: impl Fn(usize) -> &'t str) -> Option<Words<'t>> {
    if last <= first || last - first > MAX_TOKENS {
        return None;
    }
    let n = last - first;
    let mut words: Vec<&str> = Vec::with_capacity(n + 4);
    let mut word_tok: Vec<u32> = Vec::with_capacity(n + 4);
    let mut tok_word: Vec<u32> = Vec::with_capacity(n);
    for k in first..last {
        tok_word.push(words.len() as u32);
        for w in words_of(tok(k)).into_iter().flatten() {
            words.push(w);
            word_tok.push((k - first) as u32);
        }
    }
    Some(Words { words, word_tok, tok_word })
}

/// Each token's part of speech: its first word's tag, as in a parse (the
/// parser tags with the same tagger first).
fn tag<'t>(first: usize, last: usize, tok: impl Fn(usize) -> &'t str) -> Option<Vec<Upos>> {
    let w = words(first, last, tok)?;
    let tags = Model::bundled().tag(&w.words);
    Some(w.tok_word.iter().map(|&i| tags[i as usize]).collect())
}

fn parse<'t>(first: usize, last: usize, tok: impl Fn(usize) -> &'t str) -> Option<SentSyntax> {
    let Words { words, word_tok, tok_word } = words(first, last, tok)?;
    let n = last - first;
    // Loaded once per process and shared with every other user of it.
    let model: &'static Model = Model::bundled();
    let p = model.parse(&words);
    let mut head = Vec::with_capacity(n);
    let mut rel = Vec::with_capacity(n);
    let mut upos = Vec::with_capacity(n);
    for (t, &w) in tok_word.iter().enumerate() {
        let w = w as usize;
        // Heads are 1-based; 0 is the root. A head inside the same token
        // (a stem governed by its own clitic) climbs on to the clitic's head.
        let mut h = p.heads[w] as usize;
        let mut guard = 0;
        while h != 0 && word_tok[h - 1] as usize == t && guard < 4 {
            h = p.heads[h - 1] as usize;
            guard += 1;
        }
        head.push(if h == 0 || word_tok[h - 1] as usize == t { u32::MAX } else { word_tok[h - 1] });
        rel.push(p.deprels[w]);
        upos.push(p.upos[w]);
    }
    Some(SentSyntax { first, head, rel, upos })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_split_off_their_word() {
        assert_eq!(words_of("group’s"), [Some("group"), Some("’s")]);
        assert_eq!(words_of("don't"), [Some("do"), Some("n't")]);
        assert_eq!(words_of("militants’"), [Some("militants"), Some("’")]);
        assert_eq!(words_of("al-Shabaab"), [Some("al-Shabaab"), None]);
        assert_eq!(words_of("'s"), [Some("'s"), None]);
    }

    #[test]
    fn a_parse_maps_onto_tokens_as_a_tree() {
        let toks = ["The", "group’s", "fighters", "attacked", "the", "town", "."];
        let syn = Syntax::new(1);
        let s =
            syn.get(0, 10, 10 + toks.len(), |k| toks[k - 10]).expect("a short sentence is parsed");
        let roots: Vec<usize> = (10..17).filter(|&k| s.head(k).is_none()).collect();
        assert_eq!(roots.len(), 1, "one root: {s:?}");
        for k in 10..17 {
            // Every token reaches the root.
            let mut x = k;
            let mut steps = 0;
            while let Some(h) = s.head(x) {
                assert!((10..17).contains(&h));
                x = h;
                steps += 1;
                assert!(steps <= toks.len(), "a cycle at {k}");
            }
        }
        assert_eq!(s.upos(13), Some(Upos::Verb), "{s:?}");
        assert_eq!(s.child(13, "nsubj"), Some(12), "{s:?}");
        assert_eq!(s.child(13, "obj"), Some(15), "{s:?}");
    }
}
