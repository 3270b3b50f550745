//! An in-memory full-text index of the snapshot's documents.
//!
//! Searching SQLite's FTS5 index costs milliseconds of CPU per query, which
//! under concurrent load queues behind the few read connections. The
//! snapshot already holds every document, so it also holds this index, built
//! with it, and document search never touches the database.
//!
//! It follows the store's FTS semantics (`crates/store/src/fts.rs`): words
//! are runs of letters and digits, lower-cased with accents folded; every
//! whitespace-separated word of the query must match (a word such as `ISIS-K`
//! that holds several tokens must match them in a row); a trailing `*` makes
//! the last token a prefix. A word of one token also matches its other
//! forms ("attack" finds "attacks", "attacked" and "attacking": see
//! [`stem`]), which the store's index does not. Ranking is BM25 with titles weighted 4:1, over at
//! most [`RANK_WINDOW`] of the most recent matching documents, so that a
//! common word costs no more than a rare one. Snippets mark matched words
//! with `[` `]` and cut ends with `…`, like the store's.

use dossier_core::Annotated;
use dossier_store::SearchHit;
use rustc_hash::FxHashMap;

/// How many matching documents (the most recent) are ranked.
pub const RANK_WINDOW: usize = 2000;
/// How many terms a prefix expands to at most (the most frequent).
const PREFIX_TERMS: usize = 256;
/// How many tokens a snippet shows.
const SNIPPET_TOKENS: usize = 16;
/// Weight of a title occurrence against one in the text.
const TITLE_WEIGHT: u32 = 4;
/// BM25 parameters (those of FTS5).
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Term -> documents postings over a snapshot's documents.
///
/// Documents are numbered by recency (0 is the most recent), so postings,
/// sorted by number, list the most recent first.
pub struct TextIndex {
    /// Every distinct term, sorted (a term's id is its position).
    terms: Vec<Box<str>>,
    /// Postings of term `t`: `docs[offsets[t]..offsets[t + 1]]`.
    offsets: Vec<u32>,
    /// Document numbers, ascending within a term.
    docs: Vec<u32>,
    /// Weighted frequency of the term in the document (title x4 + text).
    freqs: Vec<u16>,
    /// Tokens in each document's title and text.
    lens: Vec<u32>,
    /// Average of `lens`.
    avg_len: f64,
    /// Document number -> index into the snapshot's documents.
    order: Vec<u32>,
}

/// Calls `f(start, end, token)` for each token of `s`: runs of letters and
/// digits, lower-cased, accents folded to ASCII where there is a folding.
pub fn tokens(s: &str, mut f: impl FnMut(usize, usize, &str)) {
    tokens_while(s, |a, b, t| {
        f(a, b, t);
        true
    });
}

/// [`tokens`], stopping once `f` returns false; whether it went to the end.
fn tokens_while(s: &str, mut f: impl FnMut(usize, usize, &str) -> bool) -> bool {
    let mut buf = String::new();
    let mut start = None;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        let next = i + c.len_utf8();
        if c.is_ascii_alphanumeric() {
            buf.push(c.to_ascii_lowercase());
        } else if c.is_ascii() {
            if let Some(st) = start.take() {
                if !f(st, end, &buf) {
                    return false;
                }
                buf.clear();
            }
            continue;
        } else if c.is_alphanumeric() {
            let before = buf.len();
            if let Some(d) = deunicode::deunicode_char(c) {
                buf.extend(
                    d.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()),
                );
            }
            if buf.len() == before {
                buf.extend(c.to_lowercase());
            }
        } else if start.is_some() && deunicode::deunicode_char(c) == Some("") {
            // A combining mark inside a word: dropped, the word goes on.
            end = next;
            continue;
        } else {
            if let Some(st) = start.take() {
                if !f(st, end, &buf) {
                    return false;
                }
                buf.clear();
            }
            continue;
        }
        start.get_or_insert(i);
        end = next;
    }
    match start {
        Some(st) => f(st, end, &buf),
        None => true,
    }
}

/// One whitespace-separated word of a query: its tokens, in a row.
struct Word {
    tokens: Vec<String>,
    /// The last token is a prefix.
    prefix: bool,
}

fn parse_query(q: &str) -> Vec<Word> {
    q.split_whitespace()
        .filter_map(|w| {
            let body = w.trim_end_matches('*');
            let mut toks = Vec::new();
            tokens(body, |_, _, t| toks.push(t.to_string()));
            (!toks.is_empty()).then_some(Word { tokens: toks, prefix: body.len() != w.len() })
        })
        .collect()
}

/// A token of the query matched against a document token.
#[derive(Clone, PartialEq, Eq)]
struct Need {
    token: String,
    prefix: bool,
    /// Match every form with this stem (see [`stem`]), when there is one.
    forms: Option<String>,
}

impl Need {
    fn matches(&self, t: &str) -> bool {
        if self.prefix {
            t.starts_with(&self.token)
        } else if let Some(st) = &self.forms {
            t == self.token || (t.starts_with(&st[..st.len() - 1]) && stem(t).as_ref() == Some(st))
        } else {
            t == self.token
        }
    }
}

/// The stem of an English word form, light: plural and verb endings
/// ("-s", "-es", "-ies", "-ed", "-ing") and a final "-e" or "-y" go, and a
/// doubled final consonant left by them is made single: "attacks",
/// "attacked" and "attacking" are "attack"; "seized" and "seize" are
/// "seiz"; "studies" and "study" are "studi". Tokens with digits, and
/// stems under four letters ("news" is not "new"), have none.
pub fn stem(t: &str) -> Option<String> {
    if t.len() < 4 || !t.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let mut w = t.to_string();
    let cut = |w: &mut String, suffix: &str, keep: usize| {
        if w.len() >= suffix.len() + keep && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            true
        } else {
            false
        }
    };
    if w.ends_with("ies") && w.len() > 4 {
        w.truncate(w.len() - 3);
        w.push('i');
    } else {
        let cut_verb = cut(&mut w, "ing", 3) || cut(&mut w, "ed", 3) || cut(&mut w, "es", 3);
        // "-ss", "-us", "-is" are no plurals ("press", "status", "crisis").
        let singular = ["ss", "us", "is"].iter().any(|x| w.ends_with(x));
        if !cut_verb && !singular {
            cut(&mut w, "s", 3);
        }
    }
    let b = w.as_bytes();
    let n = b.len();
    if n >= 4 && b[n - 1] == b[n - 2] && !b"aeioulsz".contains(&b[n - 1]) {
        w.truncate(n - 1);
    }
    if w.ends_with('y') && w.len() > 3 {
        w.truncate(w.len() - 1);
        w.push('i');
    } else if w.ends_with('e') && w.len() > 4 {
        w.truncate(w.len() - 1);
    }
    (w.len() >= 4).then_some(w)
}

/// A posting list: document numbers ascending, with weighted frequencies.
enum List<'a> {
    Slice(&'a [u32], &'a [u16]),
    Owned(Vec<u32>, Vec<u16>),
}

impl List<'_> {
    fn parts(&self) -> (&[u32], &[u16]) {
        match self {
            List::Slice(d, f) => (d, f),
            List::Owned(d, f) => (d, f),
        }
    }
}

impl TextIndex {
    /// Indexes the title and text of `docs`, numbered in the order of
    /// `recent` (indices into `docs`, most recent first). `None` when the
    /// corpus is too large for 32-bit postings (search then uses the store).
    pub fn build(docs: &[Annotated], recent: &[usize]) -> Option<TextIndex> {
        let n = u32::try_from(docs.len()).ok()?;
        let mut ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut lists: Vec<Vec<(u32, u16)>> = Vec::new();
        let mut lens = Vec::with_capacity(docs.len());
        let mut order = Vec::with_capacity(docs.len());
        let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
        for (num, &d) in (0..n).zip(recent) {
            let doc = &docs.get(d)?.doc;
            order.push(u32::try_from(d).ok()?);
            counts.clear();
            let mut len = 0u32;
            let mut add = |t: &str, w: u32| {
                len = len.saturating_add(1);
                let id = match ids.get(t) {
                    Some(&id) => id,
                    None => {
                        let id = lists.len() as u32;
                        ids.insert(t.into(), id);
                        lists.push(Vec::new());
                        id
                    }
                };
                *counts.entry(id).or_insert(0) += w;
            };
            if let Some(title) = &doc.title {
                tokens(title, |_, _, t| add(t, TITLE_WEIGHT));
            }
            tokens(&doc.text, |_, _, t| add(t, 1));
            lens.push(len);
            for (&id, &c) in &counts {
                lists[id as usize].push((num, u16::try_from(c).unwrap_or(u16::MAX)));
            }
        }
        let mut terms: Vec<(Box<str>, u32)> = ids.into_iter().collect();
        terms.sort_unstable();
        let total: usize = lists.iter().map(Vec::len).sum();
        u32::try_from(total).ok()?;
        let mut offsets = Vec::with_capacity(terms.len() + 1);
        let mut postings = Vec::with_capacity(total);
        let mut freqs = Vec::with_capacity(total);
        offsets.push(0);
        for (_, id) in &terms {
            let list = &mut lists[*id as usize];
            list.sort_unstable_by_key(|p| p.0);
            postings.extend(list.iter().map(|p| p.0));
            freqs.extend(list.iter().map(|p| p.1));
            *list = Vec::new();
            offsets.push(postings.len() as u32);
        }
        let avg_len = if lens.is_empty() {
            1.0
        } else {
            lens.iter().map(|&l| f64::from(l)).sum::<f64>() / lens.len() as f64
        };
        Some(TextIndex {
            terms: terms.into_iter().map(|t| t.0).collect(),
            offsets,
            docs: postings,
            freqs,
            lens,
            avg_len: avg_len.max(1.0),
            order,
        })
    }

    /// Bytes the index holds on the heap (roughly).
    pub fn heap_bytes(&self) -> usize {
        self.terms.iter().map(|t| t.len() + std::mem::size_of::<Box<str>>()).sum::<usize>()
            + self.offsets.len() * 4
            + self.docs.len() * 4
            + self.freqs.len() * 2
            + self.lens.len() * 4
            + self.order.len() * 4
    }

    /// How many distinct terms and postings the index holds.
    pub fn size(&self) -> (usize, usize) {
        (self.terms.len(), self.docs.len())
    }

    fn postings(&self, t: usize) -> (&[u32], &[u16]) {
        let (a, b) = (self.offsets[t] as usize, self.offsets[t + 1] as usize);
        (&self.docs[a..b], &self.freqs[a..b])
    }

    /// The posting list of a query token (a prefix, or a word with other
    /// forms: the union of its terms).
    fn list(&self, need: &Need) -> List<'_> {
        if let Some(st) = &need.forms {
            // Every form starts with the stem less its last letter.
            let head = &st[..st.len() - 1];
            let lo = self.terms.partition_point(|t| &**t < head);
            let hi = lo + self.terms[lo..].partition_point(|t| t.starts_with(head));
            let ts: Vec<usize> = (lo..hi).filter(|&t| need.matches(&self.terms[t])).collect();
            return self.union(ts);
        }
        let lo = self.terms.partition_point(|t| &**t < need.token.as_str());
        if !need.prefix {
            if self.terms.get(lo).is_some_and(|t| **t == *need.token) {
                let (d, f) = self.postings(lo);
                return List::Slice(d, f);
            }
            return List::Slice(&[], &[]);
        }
        let hi = lo + self.terms[lo..].partition_point(|t| t.starts_with(need.token.as_str()));
        self.union((lo..hi).collect())
    }

    /// The union of the posting lists of terms `ts` (the most frequent
    /// [`PREFIX_TERMS`] of them).
    fn union(&self, mut ts: Vec<usize>) -> List<'_> {
        if ts.len() == 1 {
            let (d, f) = self.postings(ts[0]);
            return List::Slice(d, f);
        }
        if ts.len() > PREFIX_TERMS {
            ts.sort_unstable_by_key(|&t| std::cmp::Reverse(self.offsets[t + 1] - self.offsets[t]));
            ts.truncate(PREFIX_TERMS);
        }
        let mut all: Vec<(u32, u16)> = Vec::new();
        for t in ts {
            let (d, f) = self.postings(t);
            all.extend(d.iter().copied().zip(f.iter().copied()));
        }
        all.sort_unstable_by_key(|p| p.0);
        let mut docs: Vec<u32> = Vec::with_capacity(all.len());
        let mut freqs: Vec<u16> = Vec::with_capacity(all.len());
        for (d, f) in all {
            if docs.last() == Some(&d) {
                if let Some(x) = freqs.last_mut() {
                    *x = x.saturating_add(f);
                }
            } else {
                docs.push(d);
                freqs.push(f);
            }
        }
        List::Owned(docs, freqs)
    }

    /// The best `limit` documents matching `query`, with snippets.
    pub fn search(&self, docs: &[Annotated], query: &str, limit: usize) -> Vec<SearchHit> {
        let words = parse_query(query);
        if words.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut needs: Vec<Need> = Vec::new();
        for w in &words {
            for (i, t) in w.tokens.iter().enumerate() {
                let prefix = w.prefix && i + 1 == w.tokens.len();
                let forms = (w.tokens.len() == 1 && !prefix).then(|| stem(t)).flatten();
                let need = Need { token: t.clone(), prefix, forms };
                if !needs.contains(&need) {
                    needs.push(need);
                }
            }
        }
        let mut lists: Vec<List> = needs.iter().map(|n| self.list(n)).collect();
        lists.sort_by_key(|l| l.parts().0.len());
        let n = self.lens.len() as f64;
        let idf: Vec<f64> = lists
            .iter()
            .map(|l| {
                let hits = l.parts().0.len() as f64;
                let v = ((n - hits + 0.5) / (hits + 0.5)).ln();
                if v > 0.0 {
                    v
                } else {
                    1e-6
                }
            })
            .collect();
        // Walk the rarest list (most recent first); keep the documents in
        // every other list, up to the rank window.
        let (first_docs, first_freqs) = lists[0].parts();
        let mut cursors = vec![0usize; lists.len()];
        let mut scored: Vec<(f64, u32)> = Vec::new();
        'docs: for (&d, &f0) in first_docs.iter().zip(first_freqs) {
            let dl = f64::from(self.lens[d as usize]);
            let norm = K1 * (1.0 - B + B * dl / self.avg_len);
            let term = |f: u16| f64::from(f) * (K1 + 1.0) / (f64::from(f) + norm);
            let mut score = idf[0] * term(f0);
            for (k, l) in lists.iter().enumerate().skip(1) {
                let (ds, fs) = l.parts();
                let c = &mut cursors[k];
                *c += gallop(&ds[*c..], d);
                match ds.get(*c) {
                    Some(&x) if x == d => score += idf[k] * term(fs[*c]),
                    Some(_) => continue 'docs,
                    None => break 'docs,
                }
            }
            scored.push((score, d));
            if scored.len() >= RANK_WINDOW {
                break;
            }
        }
        let id = |d: u32| &docs[self.order[d as usize] as usize].doc.id;
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| id(a.1).cmp(id(b.1))));
        let phrases = words.iter().any(|w| w.tokens.len() > 1);
        let mut out = Vec::new();
        for (_, d) in scored {
            let doc = &docs[self.order[d as usize] as usize].doc;
            if phrases && !has_phrases(doc.title.as_deref(), &doc.text, &words) {
                continue;
            }
            out.push(SearchHit {
                doc: doc.id.clone(),
                title: doc.title.clone(),
                snippet: snippet(&doc.text, &needs),
            });
            if out.len() >= limit {
                break;
            }
        }
        out
    }
}

/// How far into `ds` (ascending) the first element `>= d` is.
fn gallop(ds: &[u32], d: u32) -> usize {
    let mut hi = 1;
    while hi < ds.len() && ds[hi - 1] < d {
        hi *= 2;
    }
    let hi = hi.min(ds.len());
    let lo = hi / 2;
    lo + ds[lo..hi].partition_point(|&x| x < d)
}

/// Whether each multi-token word of the query occurs, its tokens in a row,
/// in the title or the text.
fn has_phrases(title: Option<&str>, text: &str, words: &[Word]) -> bool {
    let found = |s: &str| {
        let mut toks = Vec::new();
        tokens(s, |_, _, t| toks.push(t.to_string()));
        words
            .iter()
            .filter(|w| w.tokens.len() > 1)
            .map(|w| {
                toks.windows(w.tokens.len()).any(|win| {
                    win.iter().zip(&w.tokens).enumerate().all(|(i, (t, q))| {
                        if w.prefix && i + 1 == w.tokens.len() {
                            t.starts_with(q.as_str())
                        } else {
                            t == q
                        }
                    })
                })
            })
            .collect::<Vec<bool>>()
    };
    let a = found(text);
    let b = title.map(found).unwrap_or_default();
    a.iter().enumerate().all(|(i, &x)| x || b.get(i).copied().unwrap_or(false))
}

/// A stretch of `text` of [`SNIPPET_TOKENS`] tokens around the matches
/// (the window holding the most distinct query tokens, earliest first),
/// matched tokens in `[` `]`, cut ends marked `…`.
fn snippet(text: &str, needs: &[Need]) -> String {
    // Tokens up to a bounded distance past the first match: enough to
    // choose a window without reading a long text to its end.
    let mut toks: Vec<(usize, usize, Option<usize>)> = Vec::new();
    let mut stop = usize::MAX;
    let whole = tokens_while(text, |s, e, t| {
        let m = needs.iter().position(|n| n.matches(t));
        if m.is_some() && stop == usize::MAX {
            stop = toks.len() + 4 * SNIPPET_TOKENS;
        }
        toks.push((s, e, m));
        toks.len() < if stop == usize::MAX { 4096 } else { stop }
    });
    if toks.is_empty() {
        return String::new();
    }
    let w = SNIPPET_TOKENS.min(toks.len());
    let mut best = (0usize, 0usize); // (distinct needs matched, start)
    let mut tried = 0;
    for p in 0..toks.len() {
        if toks[p].2.is_none() {
            continue;
        }
        let start = p.saturating_sub(2).min(toks.len() - w);
        let mut seen = vec![false; needs.len()];
        for t in &toks[start..start + w] {
            if let Some(k) = t.2 {
                seen[k] = true;
            }
        }
        let distinct = seen.iter().filter(|&&x| x).count();
        if distinct > best.0 {
            best = (distinct, start);
        }
        tried += 1;
        if distinct == needs.len() || tried >= 64 {
            break;
        }
    }
    let start = best.1;
    let end = start + w;
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = toks[start].0;
    for &(s, e, m) in &toks[start..end] {
        out.push_str(&text[at..s]);
        if m.is_some() {
            out.push('[');
            out.push_str(&text[s..e]);
            out.push(']');
        } else {
            out.push_str(&text[s..e]);
        }
        at = e;
    }
    if end < toks.len() || !whole {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_core::Document;

    fn doc(id: &str, title: &str, text: &str) -> Annotated {
        let d = Document {
            id: id.to_string(),
            title: Some(title.to_string()),
            text: text.to_string(),
            ..Default::default()
        };
        Annotated { doc: d, ..Default::default() }
    }

    fn corpus() -> (Vec<Annotated>, TextIndex) {
        let docs = vec![
            doc("a", "Harvest report", "The river valley had a good harvest of barley this year."),
            doc(
                "b",
                "Bridge repairs",
                "Workers repaired the old bridge; the harvest festival followed.",
            ),
            doc("c", "Notes", "Barley prices rose. The bridge over the river reopened in spring."),
            doc(
                "d",
                "Café owners",
                "A café on the square served crêpes to visitors near the bridge.",
            ),
            doc("e", "Radio", "The X-ray unit and the radio mast were inspected by engineers."),
        ];
        let recent: Vec<usize> = (0..docs.len()).collect();
        let ix = TextIndex::build(&docs, &recent).unwrap();
        (docs, ix)
    }

    fn ids(h: Vec<SearchHit>) -> Vec<String> {
        h.into_iter().map(|h| h.doc).collect()
    }

    fn sorted(h: Vec<SearchHit>) -> Vec<String> {
        let mut v = ids(h);
        v.sort_unstable();
        v
    }

    #[test]
    fn word_forms_share_a_stem() {
        for (a, b) in [
            ("attack", "attacked"),
            ("attack", "attacks"),
            ("attack", "attacking"),
            ("seize", "seized"),
            ("study", "studies"),
            ("plan", "planned"),
            ("kill", "killed"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_ne!(stem("attack"), stem("attacker"));
        assert_eq!(stem("news"), None, "too short to have forms");
        assert_eq!(stem("isis").as_deref(), Some("isis"), "not the plural of “isi”");
        assert_eq!(stem("2021"), None);
    }

    #[test]
    fn a_word_finds_its_other_forms() {
        let docs = vec![
            doc("a", "One", "Gunmen attacked a convoy."),
            doc("b", "Two", "The attacks went on."),
            doc("c", "Three", "An attacker was held."),
            doc("d", "Four", "They were attacking the base."),
        ];
        let ix = TextIndex::build(&docs, &[0, 1, 2, 3]).unwrap();
        assert_eq!(sorted(ix.search(&docs, "attack", 10)), vec!["a", "b", "d"]);
        assert_eq!(sorted(ix.search(&docs, "attacked", 10)), vec!["a", "b", "d"]);
        let hit = ix.search(&docs, "attacks", 10);
        assert!(hit.iter().any(|h| h.snippet.contains("[attacked]")), "forms are marked");
    }

    #[test]
    fn tokens_fold_case_and_accents() {
        let mut t = Vec::new();
        tokens("Café-owners, CRÊPES 2024! cafe\u{301}s", |s, e, w| t.push((s, e, w.to_string())));
        let words: Vec<&str> = t.iter().map(|x| x.2.as_str()).collect();
        assert_eq!(words, ["cafe", "owners", "crepes", "2024", "cafes"]);
        assert_eq!(t[0].0..t[0].1, 0.."Café".len());
    }

    #[test]
    fn every_word_must_match() {
        let (docs, ix) = corpus();
        let h = sorted(ix.search(&docs, "bridge river", 10));
        assert_eq!(h, ["c"]);
        let h = sorted(ix.search(&docs, "harvest", 10));
        assert_eq!(h, ["a", "b"]);
        assert!(ix.search(&docs, "bridge nowhere", 10).is_empty());
        assert!(ix.search(&docs, r#" " * ( ) - "#, 10).is_empty());
        // Accents fold both ways.
        assert_eq!(ids(ix.search(&docs, "CAFE crepes", 10)), ["d"]);
        // A word of several tokens must match them in a row.
        assert_eq!(ids(ix.search(&docs, "x-ray", 10)), ["e"]);
        assert!(ix.search(&docs, "ray-x", 10).is_empty());
    }

    #[test]
    fn trailing_star_is_a_prefix() {
        let (docs, ix) = corpus();
        let h = sorted(ix.search(&docs, "repair*", 10));
        assert_eq!(h, ["b"]);
        // Without the star a word matches whole words (and its other forms).
        assert!(ix.search(&docs, "repai", 10).is_empty());
        let h = sorted(ix.search(&docs, "bar* bri*", 10));
        assert_eq!(h, ["c"]);
    }

    #[test]
    fn title_hits_rank_first_and_limit_applies() {
        let (docs, ix) = corpus();
        // "bridge" is in the title of b and in the text of b, c and d.
        let h = ix.search(&docs, "bridge", 10);
        assert_eq!(h.len(), 3);
        assert_eq!(h[0].doc, "b");
        assert_eq!(h[0].title.as_deref(), Some("Bridge repairs"));
        assert_eq!(ix.search(&docs, "harvest", 1)[0].doc, "a");
        assert_eq!(ix.search(&docs, "bridge", 2).len(), 2);
    }

    #[test]
    fn snippets_mark_matches_and_cut_ends() {
        let (docs, ix) = corpus();
        let h = ix.search(&docs, "barley", 10);
        let c = h.iter().find(|h| h.doc == "c").unwrap();
        assert!(c.snippet.starts_with("[Barley] prices rose."), "{}", c.snippet);
        let a = h.iter().find(|h| h.doc == "a").unwrap();
        assert!(a.snippet.contains("[barley]"), "{}", a.snippet);
        let long = "word ".repeat(40) + "needle " + &"word ".repeat(40);
        let s = snippet(&long, &[Need { token: "needle".into(), prefix: false, forms: None }]);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("[needle]"), "{s}");
        assert_eq!(s.matches("word").count(), SNIPPET_TOKENS - 1);
        let d = ix.search(&docs, "café", 1);
        assert!(d[0].snippet.contains("[café]"), "{}", d[0].snippet);
    }
}
