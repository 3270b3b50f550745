//! CoNLL-U: read sentences, keep every original line, write them back with predictions.
//!
//! Comment lines, multiword token lines (`1-2`) and empty nodes (`1.1`) are kept verbatim
//! but are not words: the tagger and parser see only the word lines (integer ids).

use std::fmt::Write as _;

use crate::Error;

/// One word line (integer id) of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// FORM.
    pub form: String,
    /// UPOS (`_` when absent).
    pub upos: String,
    /// XPOS (`_` when absent).
    pub xpos: String,
    /// HEAD: 0 for the root, `None` when the column is `_`.
    pub head: Option<u32>,
    /// DEPREL (`_` when absent).
    pub deprel: String,
    /// The index of this word's line in [`Sentence::lines`].
    pub line: usize,
}

/// One sentence: its original lines and its words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Every line of the sentence as read, without the line break.
    pub lines: Vec<String>,
    /// The word lines, in order (word `i` has id `i + 1`).
    pub words: Vec<Word>,
}

impl Sentence {
    /// The word forms.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }

    /// Whether every word has a head and a relation (a gold tree to learn from).
    pub fn has_tree(&self) -> bool {
        self.words.iter().all(|w| w.head.is_some() && w.deprel != "_")
    }
}

/// Reads every sentence of a CoNLL-U text. `name` (a file name) goes into error messages.
pub fn parse_str(text: &str, name: &str) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (no, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !cur.lines.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            cur.lines.push(line.to_string());
            continue;
        }
        let bad = |why: &str| Error::conllu(format!("{name}:{}: {why}", no + 1));
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(bad(&format!("expected 10 tab-separated columns, found {}", cols.len())));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            cur.lines.push(line.to_string());
            continue;
        }
        let id: usize = id.parse().map_err(|_| bad(&format!("`{id}` is not a word id")))?;
        if id != cur.words.len() + 1 {
            return Err(bad(&format!("word id {id} out of sequence")));
        }
        let head = match cols[6] {
            "_" => None,
            h => Some(h.parse::<u32>().map_err(|_| bad(&format!("`{h}` is not a head")))?),
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            line: cur.lines.len(),
        });
        cur.lines.push(line.to_string());
    }
    if !cur.lines.is_empty() {
        out.push(cur);
    }
    for (i, s) in out.iter().enumerate() {
        let n = s.words.len() as u32;
        if let Some(w) = s.words.iter().find(|w| w.head.is_some_and(|h| h > n)) {
            return Err(Error::conllu(format!(
                "{name}: sentence {}: head {} of `{}` is past the last word",
                i + 1,
                w.head.unwrap(),
                w.form
            )));
        }
    }
    Ok(out)
}

/// Reads a CoNLL-U file.
pub fn read_file(path: &std::path::Path) -> Result<Vec<Sentence>, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::conllu(format!("cannot read {}: {e}", path.display())))?;
    parse_str(&text, &path.display().to_string())
}

/// Predicted columns for the words of one sentence.
#[derive(Clone, Copy, Debug)]
pub struct Columns<'a> {
    /// UPOS per word.
    pub upos: &'a [&'a str],
    /// HEAD per word (0 = root).
    pub heads: &'a [u32],
    /// DEPREL per word.
    pub deprels: &'a [&'a str],
}

/// Writes `sent` as CoNLL-U (ending with the blank line), with UPOS, HEAD and DEPREL
/// replaced by `pred` when given; every other line and column is written as read.
pub fn write_sentence(out: &mut String, sent: &Sentence, pred: Option<Columns<'_>>) {
    let mut word = 0;
    for (i, line) in sent.lines.iter().enumerate() {
        match (pred, sent.words.get(word)) {
            (Some(p), Some(w)) if w.line == i => {
                for (c, col) in line.split('\t').enumerate() {
                    if c > 0 {
                        out.push('\t');
                    }
                    match c {
                        3 => out.push_str(p.upos[word]),
                        6 => {
                            let _ = write!(out, "{}", p.heads[word]);
                        }
                        7 => out.push_str(p.deprels[word]),
                        8 => out.push('_'),
                        _ => out.push_str(col),
                    }
                }
                word += 1;
            }
            _ => {
                out.push_str(line);
                if sent.words.get(word).is_some_and(|w| w.line == i) {
                    word += 1;
                }
            }
        }
        out.push('\n');
    }
    out.push('\n');
}
