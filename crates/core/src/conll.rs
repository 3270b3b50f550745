//! A CoNLL named-entity reader and a conlleval-style scorer for
//! [`find_entities`].
//!
//! [`parse_conll`] reads CoNLL NER data: one token per line, the token in the
//! first column and its tag in the last (any columns between, such as
//! part-of-speech and chunk tags, are ignored); a blank line ends a
//! sentence; a line whose first column is `-DOCSTART-` starts a new
//! document. Tags may be IOB1 (`I-X` everywhere, `B-X` only between two
//! adjacent names of one type), IOB2 (`B-X` opens every name), or IOBES
//! (`E-X`, `S-X`); chunks are read with conlleval's rules, so all three give
//! the same spans. A bare `0` tag is read as `O`.
//!
//! Each document's text is rebuilt from its tokens: the tokens of a sentence
//! joined by single spaces, sentences by newlines. [`ConllDoc::tokens`] keeps
//! every token's byte span in that text, the map between the recognizer's
//! byte spans and CoNLL's token positions.
//!
//! [`predict`] runs [`find_entities`] (the product's recognition and linking
//! path) on the rebuilt text. Each name mention becomes a chunk over the
//! tokens it touches, labelled by [`conll_label`]:
//!
//! | dossier kind | CoNLL type |
//! | --- | --- |
//! | group, organization | ORG |
//! | person | PER |
//! | place (country, subdivision, city, facility) | LOC |
//! | nationality (nationality, ethnic, religious group) | MISC |
//! | other (a name of unknown kind) | MISC |
//!
//! Definite descriptions ("the group") are not names and are left out.
//! Overlapping predictions keep the earlier (then longer) one.
//!
//! [`ConllScorer`] counts exact chunk matches (same first token, same last
//! token, same type), as conlleval does, per type; its overall figure is
//! over [`SCORED_TYPES`] (PER, ORG, LOC), and MISC is reported on its own.
//!
//! Pure functions: callers read the files.
//!
//! ```
//! use dossier_core::conll::{parse_conll, ConllScorer};
//!
//! let data = "-DOCSTART- O\n\nAhmad B-PER\nWali I-PER\nflew O\nto O\nKabul B-LOC\n. O\n";
//! let docs = parse_conll(data)?;
//! assert_eq!(docs[0].text, "Ahmad Wali flew to Kabul .");
//! let mut scorer = ConllScorer::default();
//! for doc in &docs {
//!     scorer.add(doc);
//! }
//! let report = scorer.report();
//! assert_eq!(report.overall.gold, 2);
//! println!("{report}");
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use crate::entities::find_entities;
use crate::{EntityKind, Span};

/// The types the overall figure is computed over.
pub const SCORED_TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

/// A labelled run of tokens `[first, last)` (token indices in the document).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Chunk {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// Entity type ("PER", "ORG", "LOC", "MISC", or whatever the data uses).
    pub label: String,
}

/// One CoNLL document, its text rebuilt.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConllDoc {
    /// Tokens joined by spaces, sentences by newlines.
    pub text: String,
    /// Byte span of each token in `text`.
    pub tokens: Vec<Span>,
    /// Token range `[first, last)` of each sentence.
    pub sentences: Vec<(usize, usize)>,
    /// Gold chunks, in order.
    pub gold: Vec<Chunk>,
}

/// A tag split into its prefix (`B`, `I`, `E`, `S`, `O`) and type.
fn split_tag(tag: &str) -> (char, &str) {
    if tag == "O" || tag == "0" || tag.is_empty() {
        return ('O', "");
    }
    match tag.split_once(['-', '_']) {
        Some((p, t)) if p.len() == 1 => (p.chars().next().unwrap_or('O'), t),
        _ => ('I', tag),
    }
}

/// conlleval's `endOfChunk`: does a chunk end between `prev` and `cur`?
fn chunk_ends(prev: (char, &str), cur: (char, &str)) -> bool {
    let (pp, pt) = prev;
    let (cp, ct) = cur;
    matches!(pp, 'E' | 'S')
        || (pp == 'B' && matches!(cp, 'B' | 'S' | 'O'))
        || (pp == 'I' && matches!(cp, 'B' | 'S' | 'O'))
        || (pp != 'O' && pt != ct)
}

/// conlleval's `startOfChunk`: does a chunk start at `cur`?
fn chunk_starts(prev: (char, &str), cur: (char, &str)) -> bool {
    let (pp, pt) = prev;
    let (cp, ct) = cur;
    matches!(cp, 'B' | 'S')
        || (pp == 'E' && matches!(cp, 'E' | 'I'))
        || (pp == 'S' && matches!(cp, 'E' | 'I'))
        || (pp == 'O' && matches!(cp, 'E' | 'I'))
        || (cp != 'O' && pt != ct)
}

/// Chunks of one tag sequence, with token indices offset by `base`.
fn chunks_of(tags: &[String], base: usize, out: &mut Vec<Chunk>) {
    let mut prev = ('O', "");
    let mut open: Option<(usize, &str)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let cur = split_tag(tag);
        if let Some((s, t)) = open {
            if chunk_ends(prev, cur) {
                out.push(Chunk { first: base + s, last: base + i, label: t.to_string() });
                open = None;
            }
        }
        if cur.0 != 'O' && (open.is_none() || chunk_starts(prev, cur)) {
            open = Some((i, cur.1));
        }
        prev = cur;
    }
    if let Some((s, t)) = open {
        out.push(Chunk { first: base + s, last: base + tags.len(), label: t.to_string() });
    }
}

/// Reads CoNLL NER data into documents (see the module docs). Text with no
/// `-DOCSTART-` line is one document. Fails, naming the line, on a token
/// line with a single column.
pub fn parse_conll(input: &str) -> Result<Vec<ConllDoc>, String> {
    let mut docs = Vec::new();
    let mut doc = ConllDoc::default();
    let mut words: Vec<&str> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let flush_sentence = |doc: &mut ConllDoc, words: &mut Vec<&str>, tags: &mut Vec<String>| {
        if words.is_empty() {
            return;
        }
        if !doc.text.is_empty() {
            doc.text.push('\n');
        }
        let base = doc.tokens.len();
        for (k, w) in words.iter().enumerate() {
            if k > 0 {
                doc.text.push(' ');
            }
            let start = doc.text.len();
            doc.text.push_str(w);
            doc.tokens.push(Span::new(start, doc.text.len()));
        }
        doc.sentences.push((base, doc.tokens.len()));
        chunks_of(tags, base, &mut doc.gold);
        words.clear();
        tags.clear();
    };
    for (n, line) in input.lines().enumerate() {
        let mut cols = line.split_whitespace();
        let Some(first) = cols.next() else {
            flush_sentence(&mut doc, &mut words, &mut tags);
            continue;
        };
        if first == "-DOCSTART-" {
            flush_sentence(&mut doc, &mut words, &mut tags);
            if !doc.tokens.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let Some(tag) = cols.last() else {
            return Err(format!(
                "line {}: a token line needs a tag in its last column: {line:?}",
                n + 1
            ));
        };
        words.push(first);
        tags.push(tag.to_string());
    }
    flush_sentence(&mut doc, &mut words, &mut tags);
    if !doc.tokens.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// The CoNLL type of a dossier entity kind (see the table in the module docs).
pub fn conll_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Group | EntityKind::Organization => "ORG",
        EntityKind::Person => "PER",
        EntityKind::Place => "LOC",
        EntityKind::Nationality | EntityKind::Other => "MISC",
    }
}

/// Runs the recognizer on a document's text and returns its names as
/// chunks over the document's tokens.
pub fn predict(doc: &ConllDoc) -> Vec<Chunk> {
    let found = find_entities(&doc.text, None);
    let mut out: Vec<Chunk> = Vec::with_capacity(found.mentions.len());
    let mut taken_until = 0usize;
    let mut mentions: Vec<_> = found.mentions.iter().filter(|m| !m.description).collect();
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    for m in mentions {
        // Tokens the mention touches.
        let first = doc.tokens.partition_point(|t| t.end() <= m.span.start());
        let last = doc.tokens.partition_point(|t| t.start() < m.span.end());
        if first >= last || first < taken_until {
            continue;
        }
        taken_until = last;
        out.push(Chunk { first, last, label: conll_label(m.kind).to_string() });
    }
    out
}

/// Precision, recall and F1 of one type (or overall).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Score {
    /// Gold chunks.
    pub gold: usize,
    /// Predicted chunks.
    pub system: usize,
    /// Predicted chunks equal to a gold chunk (span and type).
    pub correct: usize,
    /// correct / system (0 when nothing was predicted).
    pub precision: f64,
    /// correct / gold (0 when there is no gold chunk).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Score {
    fn new(gold: usize, system: usize, correct: usize) -> Score {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(correct, system);
        let recall = ratio(correct, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Score { gold, system, correct, precision, recall, f1 }
    }
}

/// Scores of a whole run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConllReport {
    /// Documents scored.
    pub documents: usize,
    /// Tokens scored.
    pub tokens: usize,
    /// Per type, every type seen in gold or prediction, sorted by name.
    pub by_type: Vec<(String, Score)>,
    /// Over [`SCORED_TYPES`].
    pub overall: Score,
}

impl fmt::Display for ConllReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "documents {} tokens {}", self.documents, self.tokens)?;
        writeln!(
            f,
            "{:<8} {:>6} {:>6} {:>7} {:>9} {:>7} {:>7}",
            "type", "gold", "system", "correct", "precision", "recall", "F1"
        )?;
        let line = |f: &mut fmt::Formatter<'_>, name: &str, s: &Score| {
            writeln!(
                f,
                "{:<8} {:>6} {:>6} {:>7} {:>9.3} {:>7.3} {:>7.3}",
                name, s.gold, s.system, s.correct, s.precision, s.recall, s.f1
            )
        };
        for (t, s) in &self.by_type {
            line(f, t, s)?;
        }
        line(f, "overall", &self.overall)?;
        write!(f, "(overall = {} with exact span match, as conlleval)", SCORED_TYPES.join("/"))
    }
}

/// Accumulates counts over documents.
#[derive(Clone, Debug, Default)]
pub struct ConllScorer {
    documents: usize,
    tokens: usize,
    /// type -> (gold, system, correct)
    counts: BTreeMap<String, (usize, usize, usize)>,
}

impl ConllScorer {
    /// Runs the recognizer on `doc` and counts its chunks against the gold ones.
    pub fn add(&mut self, doc: &ConllDoc) {
        let predicted = predict(doc);
        self.add_predicted(doc, &predicted);
    }

    /// Counts given predictions against `doc`'s gold chunks.
    pub fn add_predicted(&mut self, doc: &ConllDoc, predicted: &[Chunk]) {
        self.documents += 1;
        self.tokens += doc.tokens.len();
        let gold: std::collections::HashSet<&Chunk> = doc.gold.iter().collect();
        for g in &doc.gold {
            self.counts.entry(g.label.clone()).or_default().0 += 1;
        }
        for p in predicted {
            let c = self.counts.entry(p.label.clone()).or_default();
            c.1 += 1;
            if gold.contains(p) {
                c.2 += 1;
            }
        }
    }

    /// The scores so far.
    pub fn report(&self) -> ConllReport {
        let by_type: Vec<(String, Score)> =
            self.counts.iter().map(|(t, &(g, s, c))| (t.clone(), Score::new(g, s, c))).collect();
        let (mut g, mut s, mut c) = (0, 0, 0);
        for (t, &(tg, ts, tc)) in &self.counts {
            if SCORED_TYPES.contains(&t.as_str()) {
                g += tg;
                s += ts;
                c += tc;
            }
        }
        ConllReport {
            documents: self.documents,
            tokens: self.tokens,
            by_type,
            overall: Score::new(g, s, c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(doc: &ConllDoc, chunks: &[Chunk]) -> Vec<(String, String)> {
        chunks
            .iter()
            .map(|c| {
                let text =
                    doc.text[doc.tokens[c.first].start()..doc.tokens[c.last - 1].end()].to_string();
                (text, c.label.clone())
            })
            .collect()
    }

    #[test]
    fn iob1_iob2_and_iobes_give_the_same_chunks() {
        let iob1 = "Mina I-PER\nSaberi I-PER\nmet O\nOmar I-PER\nJan I-PER\nKhan B-PER\nin O\nHerat I-LOC\nDistrict I-LOC\n. O\n";
        let iob2 = "Mina B-PER\nSaberi I-PER\nmet O\nOmar B-PER\nJan I-PER\nKhan B-PER\nin O\nHerat B-LOC\nDistrict I-LOC\n. O\n";
        let iobes = "Mina B-PER\nSaberi E-PER\nmet O\nOmar B-PER\nJan E-PER\nKhan S-PER\nin O\nHerat B-LOC\nDistrict E-LOC\n. O\n";
        let a = parse_conll(iob1).unwrap();
        let b = parse_conll(iob2).unwrap();
        let c = parse_conll(iobes).unwrap();
        assert_eq!(a[0].gold, b[0].gold);
        assert_eq!(a[0].gold, c[0].gold);
        assert_eq!(
            labels(&a[0], &a[0].gold),
            vec![
                ("Mina Saberi".to_string(), "PER".to_string()),
                ("Omar Jan".to_string(), "PER".to_string()),
                ("Khan".to_string(), "PER".to_string()),
                ("Herat District".to_string(), "LOC".to_string()),
            ]
        );
    }

    #[test]
    fn documents_sentences_and_token_map() {
        let data = "-DOCSTART- -X- O O\n\nThe DT B-NP O\nmarket NN I-NP O\nin IN B-PP O\nGao NNP B-NP I-LOC\nreopened VBD B-VP O\n. . O O\n\nTraders NNS B-NP O\nreturned VBD B-VP O\n. . O 0\n\n-DOCSTART- -X- O O\n\nLagos NNP B-NP I-LOC\n";
        let docs = parse_conll(data).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "The market in Gao reopened .\nTraders returned .");
        assert_eq!(docs[0].sentences, vec![(0, 6), (6, 9)]);
        for (k, w) in ["The", "market", "in", "Gao"].iter().enumerate() {
            assert_eq!(docs[0].tokens[k].slice(&docs[0].text), *w);
        }
        assert_eq!(docs[0].gold, vec![Chunk { first: 3, last: 4, label: "LOC".into() }]);
        assert_eq!(docs[1].text, "Lagos");
        assert_eq!(docs[1].gold.len(), 1);
    }

    #[test]
    fn a_line_without_a_tag_is_an_error_naming_the_line() {
        let err = parse_conll("Kabul B-LOC\nairport\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
    }

    #[test]
    fn kinds_map_to_conll_types() {
        assert_eq!(conll_label(EntityKind::Group), "ORG");
        assert_eq!(conll_label(EntityKind::Organization), "ORG");
        assert_eq!(conll_label(EntityKind::Person), "PER");
        assert_eq!(conll_label(EntityKind::Place), "LOC");
        assert_eq!(conll_label(EntityKind::Nationality), "MISC");
        assert_eq!(conll_label(EntityKind::Other), "MISC");
    }

    #[test]
    fn scorer_counts_exact_matches_only() {
        let doc = parse_conll("Ahmad B-PER\nWali I-PER\nflew O\nto O\nKabul B-LOC\n. O\n").unwrap();
        let mut s = ConllScorer::default();
        // One exact PER, one LOC with the wrong span, one spurious ORG.
        let predicted = vec![
            Chunk { first: 0, last: 2, label: "PER".into() },
            Chunk { first: 3, last: 5, label: "LOC".into() },
            Chunk { first: 2, last: 3, label: "ORG".into() },
        ];
        s.add_predicted(&doc[0], &predicted);
        let r = s.report();
        assert_eq!((r.overall.gold, r.overall.system, r.overall.correct), (2, 3, 1));
        assert!((r.overall.precision - 1.0 / 3.0).abs() < 1e-9);
        assert!((r.overall.recall - 0.5).abs() < 1e-9);
        assert!((r.overall.f1 - 0.4).abs() < 1e-9);
        let per = r.by_type.iter().find(|(t, _)| t == "PER").unwrap().1;
        assert_eq!(per.f1, 1.0);
    }

    #[test]
    fn recognizer_finds_names_in_a_fixture() {
        let data = "-DOCSTART- O\n\nJennifer B-PER\nCafarella I-PER\n, O\na O\nfellow O\nat O\nthe O\nInstitute B-ORG\nfor I-ORG\nthe I-ORG\nStudy I-ORG\nof I-ORG\nWar I-ORG\n, O\nsaid O\nfighters O\nhad O\nleft O\nKandahar B-LOC\n. O\n";
        let docs = parse_conll(data).unwrap();
        let predicted = predict(&docs[0]);
        let got = labels(&docs[0], &predicted);
        assert!(got.contains(&("Jennifer Cafarella".into(), "PER".into())), "{got:?}");
        assert!(got.contains(&("Institute for the Study of War".into(), "ORG".into())), "{got:?}");
        assert!(got.contains(&("Kandahar".into(), "LOC".into())), "{got:?}");
        let mut s = ConllScorer::default();
        s.add(&docs[0]);
        assert_eq!(s.report().overall.f1, 1.0);
    }
}
