//! The extraction pipeline: `Document` -> `Annotated`.
//!
//! One ordered list of stages, each a plain function over the shared
//! [`Ctx`]: segmentation, quantities, times, entities, claims, events.
//! Extraction is a pure function of the document and the bundled data.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use crate::budget::{Budget, Clock, OverBudget};
use crate::entities::{self, NameMention, TextView, Via};
use crate::lexicon::{Lexicon, LEXICON};
use crate::segment::{self, Token};
use crate::{
    Annotated, Document, EntityKind, LocalEntity, Mention, MentionKind, QuantityMention, Span,
    TimeMention, Value,
};

/// Everything the claim and event stages read.
pub(crate) struct Ctx<'a> {
    pub lex: &'static Lexicon,
    pub doc: &'a Document,
    pub view: TextView<'a>,
    pub sentences: &'a [Span],
    pub names: Vec<NameMention>,
    pub entities: Vec<LocalEntity>,
    pub quantities: Vec<QuantityMention>,
    pub times: Vec<TimeMention>,
    /// The salient group: what "the group" and "they" refer to.
    pub topic: Option<usize>,
    /// Every token in lower case, end to end, and each token's range in it:
    /// built once per document so that no stage lowercases in a loop.
    pub lower: String,
    pub lower_at: Vec<(u32, u32)>,
    /// Sentence parses, made when a rule first asks (see `syntax`).
    pub syntax: crate::syntax::Syntax,
    /// Every cue phrase match per category: (start token, end token,
    /// phrase), by start, longest first at each start.
    pub cues: Vec<Vec<(u32, u32, &'static str)>>,
    /// Per token, a bit per category: a one-word phrase of it is the token
    /// (`single`), a phrase of it ends with the token (`ends`). The cue tests
    /// most asked (`is_cue`, `ends_cue`), on every token of a sentence, are a
    /// bit test instead of a search of `cues`.
    single: Vec<u64>,
    ends: Vec<u64>,
    /// 64-bit words per token in `single` and `ends`.
    cat_words: usize,
    /// Per token, whether a phrase of killing or wounding ends with it
    /// (`events::harm_table`).
    pub harm: Vec<u8>,
    /// What the text says of each entity as a place, built on first use
    /// (`events::place_notes`), so that the event rules asking it per pair
    /// of events stay linear in the document.
    pub place_notes: std::cell::OnceCell<crate::events::PlaceNotes>,
    /// The document's time budget: stages stop early once it runs out.
    pub clock: &'a Clock,
    /// Whether `names`, `quantities` and `times` are in text order (the
    /// recognizers emit them so): then a window finds its items by binary
    /// search instead of a pass over the document (see [`Ctx::times_near`]).
    sorted: Sorted,
}

#[derive(Clone, Copy, Default)]
struct Sorted {
    names: bool,
    quantities: bool,
    times: bool,
}

impl Sorted {
    fn of(names: &[NameMention], quantities: &[QuantityMention], times: &[TimeMention]) -> Self {
        Sorted {
            names: names.windows(2).all(|w| w[0].toks.0 <= w[1].toks.0),
            quantities: quantities.windows(2).all(|w| w[0].span.start <= w[1].span.start),
            times: times.windows(2).all(|w| w[0].span.start <= w[1].span.start),
        }
    }
}

/// Cue phrases of every category of `data/cues/words.tsv`, indexed by
/// their first word (ASCII lower case), longest phrase first.
struct CueIndex {
    categories: HashMap<&'static str, u16>,
    /// (category, phrase, the phrase's words in lower case).
    by_first: HashMap<String, Vec<Cue>>,
}

/// A cue category of `data/cues/words.tsv`, by its index (`cue!("kill_verb")`
/// finds it once per call site; `Cat::from` looks the name up).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cat(u16);

impl Cat {
    /// A name that is no category: nothing is of it.
    const NONE: Cat = Cat(u16::MAX);
}

impl From<&str> for Cat {
    fn from(name: &str) -> Cat {
        CUE_INDEX.categories.get(name).map_or(Cat::NONE, |&id| Cat(id))
    }
}

/// 64-bit words of category bits per token.
fn cat_words() -> usize {
    CUE_INDEX.categories.len().div_ceil(64)
}

#[derive(Clone)]
struct Cue {
    category: u16,
    phrase: &'static str,
    words: Box<[String]>,
}

static CUE_INDEX: LazyLock<CueIndex> = LazyLock::new(|| {
    let mut index = CueIndex { categories: HashMap::default(), by_first: HashMap::default() };
    let categories: std::collections::BTreeSet<&'static str> = crate::lexicon::WORDS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    for (id, cat) in categories.into_iter().enumerate() {
        let id = id as u16;
        index.categories.insert(cat, id);
        for p in LEXICON.words(cat) {
            let words: Box<[String]> = p.split(' ').map(|w| w.to_lowercase()).collect();
            let first = words.first().cloned().unwrap_or_default();
            index.by_first.entry(first).or_default().push(Cue { category: id, phrase: p, words });
        }
    }
    for v in index.by_first.values_mut() {
        v.sort_by_key(|c| std::cmp::Reverse(c.phrase.len()));
    }
    index
});

impl<'a> Ctx<'a> {
    pub fn text(&self) -> &'a str {
        self.view.text
    }

    pub fn tok(&self, i: usize) -> &'a str {
        self.view.tok(i)
    }

    pub fn tok_lower(&self, i: usize) -> &str {
        let (a, b) = self.lower_at[i];
        &self.lower[a as usize..b as usize]
    }

    /// Index of the first token starting at or after byte `pos`.
    pub fn tok_at(&self, pos: u32) -> usize {
        self.view.tokens.partition_point(|t| t.span.start < pos)
    }

    /// Index one past the last token ending at or before byte `pos`.
    pub fn tok_end_at(&self, pos: u32) -> usize {
        self.view.tokens.partition_point(|t| t.span.end <= pos)
    }

    /// Does the phrase (space-separated, lower case) start at token `i`?
    /// Returns the token index after it.
    pub fn phrase_at(&self, i: usize, phrase: &str, limit: usize) -> Option<usize> {
        let mut k = i;
        for w in phrase.split(' ') {
            if k >= limit {
                return None;
            }
            let t = self.tok(k);
            let tw = t.strip_suffix("’s").or_else(|| t.strip_suffix("'s")).unwrap_or(t);
            if !(t.eq_ignore_ascii_case(w) || (w.len() > 2 && tw.eq_ignore_ascii_case(w))) {
                return None;
            }
            k += 1;
        }
        Some(k)
    }

    /// Every match of any phrase of a cue category inside `[first, last)`:
    /// (start token, end token, phrase), longest phrase first at each start.
    pub fn find_cues(
        &self,
        category: impl Into<Cat>,
        first: usize,
        last: usize,
    ) -> Vec<(usize, usize, &'static str)> {
        let Cat(id) = category.into();
        let Some(hits) = self.cues.get(id as usize) else { return Vec::new() };
        let from = hits.partition_point(|h| (h.0 as usize) < first);
        let mut out = Vec::new();
        let mut i = first;
        for &(a, e, p) in &hits[from..] {
            let (a, e) = (a as usize, e as usize);
            if a >= last {
                break;
            }
            if a < i || e > last {
                continue;
            }
            out.push((a, e, p));
            i = e;
        }
        out
    }

    /// The gazetteer or catalog entry of the document's entity `e`, when it
    /// has one.
    pub fn catalog_entry(&self, e: usize) -> Option<&'static crate::lexicon::Entry> {
        self.entities.get(e).and_then(|x| x.catalog_id.as_deref()).and_then(|id| self.lex.by_id(id))
    }

    /// The document's entity with the catalog id `id` ("country:IR"), when
    /// the text names it.
    pub fn entity_with_catalog_id(&self, id: &str) -> Option<usize> {
        self.entities.iter().position(|x| x.catalog_id.as_deref() == Some(id))
    }

    /// Is token `k` on its own a phrase of the cue category?
    pub fn is_cue(&self, category: impl Into<Cat>, k: usize) -> bool {
        bit(&self.single, self.cat_words, category.into(), k)
    }

    /// Does a phrase of the cue category end with token `k`?
    pub fn cue_ends_at(&self, category: impl Into<Cat>, k: usize) -> bool {
        bit(&self.ends, self.cat_words, category.into(), k)
    }

    /// Name mentions (and descriptions) whose first token lies in `[first, last)`.
    pub fn names_in(&self, first: usize, last: usize) -> impl Iterator<Item = &NameMention> + '_ {
        let names = if self.sorted.names {
            let a = self.names.partition_point(|m| m.toks.0 < first);
            let b = a + self.names[a..].partition_point(|m| m.toks.0 < last);
            &self.names[a..b]
        } else {
            &self.names[..]
        };
        names.iter().filter(move |m| m.toks.0 >= first && m.toks.0 < last && m.entity != usize::MAX)
    }

    /// The times that may start in bytes `[from, to]`: exactly those when
    /// the times are in text order, else all of them. Callers still test
    /// each; this only spares them a pass over the whole document.
    pub fn times_near(&self, from: u32, to: u32) -> &[TimeMention] {
        near(&self.times, self.sorted.times, |t| t.span.start, from, to)
    }

    /// The times that may start in tokens `[first, last)` (by
    /// [`Ctx::tok_at`] of their start), like [`Ctx::times_near`].
    pub fn times_at_toks(&self, first: usize, last: usize) -> &[TimeMention] {
        near(
            &self.times,
            self.sorted.times,
            |t| self.tok_at(t.span.start),
            first,
            last.saturating_sub(1),
        )
    }

    /// The quantities that may start in bytes `[from, to]`, like
    /// [`Ctx::times_near`].
    pub fn quantities_near(&self, from: u32, to: u32) -> &[QuantityMention] {
        near(&self.quantities, self.sorted.quantities, |q| q.span.start, from, to)
    }

    /// True when the mention is the object of a preposition ("an offshoot of
    /// ISIS", "fought against the Taliban") or a group's former name ("X,
    /// formerly known as Y", "X, the former Y"): such a name is not a subject.
    pub fn is_object(&self, m: &NameMention) -> bool {
        if self.is_adjective(m) {
            return true;
        }
        let mut k = m.toks.0;
        while k > 0 {
            k -= 1;
            let t = self.tok(k);
            if self.ends_cue(cue!("renamed_cue"), k + 1) {
                return true;
            }
            if matches!(t, "the" | "“" | "\"" | "‘") {
                continue;
            }
            return self.lex.is("object_prep", &t.to_lowercase());
        }
        false
    }

    /// Is the name a possessor ("the Taliban's youth wing", "Tehran’s
    /// influence"), with "'s" or "’s" inside its span or right after it?
    pub fn is_possessive(&self, m: &NameMention) -> bool {
        let rest = &self.text()[m.span.end as usize..];
        let own = m.span.slice(self.text());
        rest.starts_with("'s")
            || rest.starts_with("’s")
            || own.ends_with("'s")
            || own.ends_with("’s")
    }

    /// The name that token `k` is a word of, starting at or after token
    /// `from` (and no more than eight tokens before `k`).
    pub fn name_at(&self, from: usize, k: usize) -> Option<&NameMention> {
        self.names_in(k.saturating_sub(8).max(from), k + 1).find(|m| m.toks.0 <= k && k < m.toks.1)
    }

    /// "an al-Qaeda-linked group", "the Taliban-led government", "Sahel-based
    /// Islamists": a name glued by a hyphen to a lower-case word is an
    /// adjective that modifies another noun.
    /// Also "an al-Qaeda affiliated group", "Iran backed militias": a
    /// participle of the `link_suffix` or `backer_suffix` endings written
    /// apart, before a group noun.
    pub fn is_adjective(&self, m: &NameMention) -> bool {
        let rest = &self.text()[m.span.end as usize..];
        let mut chars = rest.chars();
        match chars.next() {
            Some('-') => chars.next().is_some_and(char::is_lowercase),
            Some(' ') => {
                let k = m.toks.1;
                k + 1 < self.view.tokens.len()
                    && self.tok(k).starts_with(|c: char| c.is_ascii_lowercase())
                    && self.is_link_participle(k)
                    && self.describes_group_at(k + 1)
            }
            _ => false,
        }
    }

    /// Is token `k` a participle of linking or backing ("affiliated",
    /// "backed": the `link_suffix` and `backer_suffix` endings without their
    /// hyphen)?
    pub fn is_link_participle(&self, k: usize) -> bool {
        let w = self.tok_lower(k);
        ["link_suffix", "backer_suffix"]
            .iter()
            .any(|cat| self.lex.words(cat).any(|s| s.strip_prefix('-') == Some(w)))
    }

    /// Does the noun phrase at token `k` name a group by its kind ("group",
    /// "militant organization", "fighters")?
    pub fn describes_group_at(&self, k: usize) -> bool {
        self.is_cue(cue!("desc_head"), k)
            || self.is_cue(cue!("desc_adj"), k)
            || self.is_cue(cue!("member_noun"), k)
            || self.lex.is("actor_armed", self.tok_lower(k))
    }

    /// Does a phrase of the cue category end just before token `end`?
    pub fn ends_cue(&self, category: impl Into<Cat>, end: usize) -> bool {
        end > 0 && self.cue_ends_at(category, end - 1)
    }

    /// The parse of sentence `si`, made on first use; `None` when the
    /// sentence is not parsed (see `syntax`).
    pub fn syn(&self, si: usize) -> Option<&crate::syntax::SentSyntax> {
        let (first, last) = *self.view.sent_toks.get(si)?;
        self.syntax.get(si, first, last, |k| self.view.tok(k))
    }

    /// Is token `k` a verb (or auxiliary) by its sentence's tags? `None` when
    /// its sentence is not tagged (see `syntax`). Tags without a parse:
    /// use this where the part of speech is all a rule asks.
    pub fn is_verb_tag(&self, k: usize) -> Option<bool> {
        self.tag_at(k).map(crate::syntax::is_verbal)
    }

    /// Is token `k` a common noun by its sentence's tags? `None` when its
    /// sentence is not tagged.
    pub fn is_noun_tag(&self, k: usize) -> Option<bool> {
        self.tag_at(k).map(|t| t == dossier_syntax::Upos::Noun)
    }

    /// Is token `k` an adjective by its sentence's tags? `None` when its
    /// sentence is not tagged.
    pub fn is_adj_tag(&self, k: usize) -> Option<bool> {
        self.tag_at(k).map(|t| t == dossier_syntax::Upos::Adj)
    }

    /// Token `k`'s part of speech by its sentence's tags (no parse).
    fn tag_at(&self, k: usize) -> Option<dossier_syntax::Upos> {
        let si = self.view.sentence_of(k);
        let (first, last) = *self.view.sent_toks.get(si)?;
        let tags = self.syntax.tags(si, first, last, |k| self.view.tok(k))?;
        tags.get(k.checked_sub(first)?).copied()
    }

    pub fn kind_of(&self, m: &NameMention) -> EntityKind {
        self.entities[m.entity].kind
    }
}

/// Is the bit of `cat` set for token `k` in a per-token category bit table?
#[inline]
fn bit(bits: &[u64], words: usize, cat: Cat, k: usize) -> bool {
    let c = cat.0 as usize;
    if cat == Cat::NONE {
        return false;
    }
    bits.get(k * words + c / 64).is_some_and(|w| w >> (c % 64) & 1 == 1)
}

/// The items of `items` whose `key` lies in `[from, to]` when `sorted`
/// (`key` non-decreasing along `items`), else every item.
fn near<T, K: Ord + Copy>(
    items: &[T],
    sorted: bool,
    key: impl Fn(&T) -> K,
    from: K,
    to: K,
) -> &[T] {
    if !sorted || from > to {
        return if sorted { &[] } else { items };
    }
    let a = items.partition_point(|x| key(x) < from);
    let b = a + items[a..].partition_point(|x| key(x) <= to);
    &items[a..b]
}

/// Finds every cue phrase once per document, so that a stage asking for
/// one category in one sentence only filters.
fn index_cues(ctx: &mut Ctx) {
    let index = &*CUE_INDEX;
    let mut cues: Vec<Vec<(u32, u32, &'static str)>> = vec![Vec::new(); index.categories.len()];
    let mut cands: Vec<&Cue> = Vec::new();
    let words = cat_words();
    let n_toks = ctx.view.tokens.len();
    let mut single = vec![0u64; n_toks * words];
    let mut ends = vec![0u64; n_toks * words];
    // A token matches a cue word as written or without a possessive ending
    // ("group's" matches "group"), like `phrase_at`.
    let word_at = |k: usize, w: &str| {
        let t = ctx.tok_lower(k);
        t == w
            || (w.len() > 2
                && t.strip_suffix("’s").or_else(|| t.strip_suffix("'s")).is_some_and(|x| x == w))
    };
    for &(first, last) in ctx.view.sent_toks.iter() {
        if ctx.clock.over() {
            break;
        }
        for i in first..last {
            cands.clear();
            let w = ctx.tok_lower(i);
            if let Some(v) = index.by_first.get(w) {
                cands.extend(v.iter());
            }
            if let Some(stem) = w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")) {
                if let Some(v) = index.by_first.get(stem) {
                    cands.extend(v.iter());
                    cands.sort_by_key(|c| std::cmp::Reverse(c.phrase.len()));
                }
            }
            for c in &cands {
                let n = c.words.len();
                if i + n <= last && c.words.iter().enumerate().all(|(j, w)| word_at(i + j, w)) {
                    let cat = c.category as usize;
                    cues[cat].push((i as u32, (i + n) as u32, c.phrase));
                    let (word, mask) = (cat / 64, 1u64 << (cat % 64));
                    if n == 1 {
                        single[i * words + word] |= mask;
                    }
                    ends[(i + n - 1) * words + word] |= mask;
                }
            }
        }
    }
    ctx.cues = cues;
    ctx.single = single;
    ctx.ends = ends;
}

/// The stages before claims and events, kept so that benchmarks can time
/// the claim and event stages alone ([`Prepared::claims_and_events`]).
#[doc(hidden)]
pub struct Prepared {
    doc: Document,
    paragraphs: Vec<Span>,
    sentences: Vec<Span>,
    tokens: Vec<Token>,
    sent_toks: Vec<(usize, usize)>,
    topic: Option<usize>,
    /// What the claim and event stages own (and may change) in their [`Ctx`].
    owned: Owned,
    /// The document's time budget, which every stage looks at.
    clock: Clock,
}

/// The parts of a [`Ctx`] it owns rather than borrows.
#[derive(Clone, Default)]
struct Owned {
    names: Vec<NameMention>,
    entities: Vec<LocalEntity>,
    quantities: Vec<QuantityMention>,
    times: Vec<TimeMention>,
    lower: String,
    lower_at: Vec<(u32, u32)>,
}

impl Prepared {
    /// Segmentation, entities, quantities and times of one document.
    pub fn new(doc: Document) -> Prepared {
        Prepared::timed(doc, Clock::unlimited())
    }

    /// The same, stopping early (with partial results) when `clock` runs out.
    fn timed(doc: Document, clock: Clock) -> Prepared {
        let lex: &'static Lexicon = &LEXICON;
        let text = doc.text.as_str();
        let paragraphs = segment::paragraphs(text);
        let sentences = segment::sentences(text, &paragraphs);
        let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
        let mut sent_toks = Vec::with_capacity(sentences.len());
        for &s in &sentences {
            let first = tokens.len();
            segment::tokenize_into(text, s, &mut tokens);
            sent_toks.push((first, tokens.len()));
        }
        let view = TextView::new(text, &tokens, &sent_toks);
        let (mut names, links) = entities::recognize(lex, &view, &clock);
        let entities = entities::link(lex, &view, doc.title.as_deref(), &mut names, &links);
        let topic = names
            .iter()
            .find(|m| m.via == Via::Description && m.entity != usize::MAX)
            .map(|m| m.entity)
            .or_else(|| {
                // No description: still the most mentioned group.
                let mut counts = vec![0usize; entities.len()];
                for m in &names {
                    if m.entity != usize::MAX {
                        counts[m.entity] += 1;
                    }
                }
                (0..entities.len())
                    .filter(|&e| entities[e].kind == EntityKind::Group)
                    .max_by_key(|&e| counts[e])
            });
        // One tokenization serves both number and date scanners.
        let scan_toks = if clock.over() { Vec::new() } else { crate::scan::tokenize(text) };
        let quantities = crate::quantity::find_quantities_in(text, &scan_toks);
        let times = if clock.over() {
            Vec::new()
        } else {
            crate::time::find_times_in(text, &scan_toks, doc.published)
        };
        drop(scan_toks);
        let mut lower = String::with_capacity(text.len());
        let mut lower_at = Vec::with_capacity(tokens.len());
        for t in &tokens {
            let a = lower.len() as u32;
            let w = t.span.slice(text);
            if w.is_ascii() {
                lower.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
            } else {
                lower.extend(w.chars().flat_map(char::to_lowercase));
            }
            lower_at.push((a, lower.len() as u32));
        }
        Prepared {
            paragraphs,
            sentences,
            tokens,
            sent_toks,
            topic,
            owned: Owned { names, entities, quantities, times, lower, lower_at },
            doc,
            clock,
        }
    }

    /// Runs the claim and event stages on a copy of the prepared stages and
    /// returns how many claims and events they found.
    pub fn claims_and_events(&self) -> usize {
        let (claims, events, _) = self.run(self.owned.clone());
        claims.len() + events.len()
    }

    /// The claim and event stages over a [`Ctx`] built from `owned`.
    fn run(&self, owned: Owned) -> (Vec<crate::Claim>, Vec<crate::Event>, Ctx<'_>) {
        let Owned { names, entities, quantities, times, lower, lower_at } = owned;
        let sorted = Sorted::of(&names, &quantities, &times);
        let mut ctx = Ctx {
            sorted,
            clock: &self.clock,
            lower,
            lower_at,
            cues: Vec::new(),
            single: Vec::new(),
            ends: Vec::new(),
            cat_words: cat_words(),
            harm: Vec::new(),
            place_notes: std::cell::OnceCell::new(),
            lex: &LEXICON,
            doc: &self.doc,
            view: TextView::new(&self.doc.text, &self.tokens, &self.sent_toks),
            sentences: &self.sentences,
            names,
            entities,
            quantities,
            times,
            topic: self.topic,
            syntax: crate::syntax::Syntax::new(self.sentences.len()),
        };
        index_cues(&mut ctx);
        ctx.harm = crate::events::harm_table(&ctx);
        let mut claims = crate::claims::extract(&mut ctx);
        let events = crate::events::extract(&mut ctx);
        crate::claims::from_events(&ctx, &events, &mut claims);
        (claims, events, ctx)
    }

    /// Runs the claim and event stages and assembles the annotations.
    pub fn finish(self) -> Annotated {
        self.finish_timed().0
    }

    /// [`Prepared::finish`], and the clock to judge the result by.
    fn finish_timed(mut self) -> (Annotated, Clock) {
        let owned = std::mem::take(&mut self.owned);
        let (claims, events, mut ctx) = self.run(owned);
        let text = self.doc.text.as_str();

        let mut mentions: Vec<Mention> =
            Vec::with_capacity(ctx.names.len() + ctx.quantities.len() + ctx.times.len());
        for m in &ctx.names {
            if m.entity != usize::MAX {
                mentions.push(Mention {
                    span: m.span,
                    kind: MentionKind::Entity,
                    entity: Some(m.entity),
                    value: None,
                });
            }
        }
        for q in &ctx.quantities {
            mentions.push(Mention {
                span: q.span,
                kind: MentionKind::Quantity,
                entity: None,
                value: Some(Value::Quantity {
                    quantity: q.quantity,
                    unit: q.unit.map(|u| u.slice(text).to_string()),
                }),
            });
        }
        for t in &ctx.times {
            mentions.push(Mention {
                span: t.span,
                kind: MentionKind::Time,
                entity: None,
                value: Some(Value::Time {
                    interval: t.interval.clone(),
                    text: t.span.slice(text).to_string(),
                }),
            });
        }
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        let entities = std::mem::take(&mut ctx.entities);
        drop(ctx);
        let Prepared { paragraphs, sentences, doc, clock, .. } = self;
        (Annotated { paragraphs, sentences, mentions, entities, claims, events, doc }, clock)
    }
}

/// Extracts everything from one document.
pub fn annotate(doc: Document) -> Annotated {
    Prepared::new(doc).finish()
}

/// Extracts everything from one document within a [`Budget`]: a document
/// over the size limit, or whose extraction runs out of time (the stages
/// stop early), is an error that names it.
pub fn annotate_within(doc: Document, budget: &Budget) -> Result<Annotated, OverBudget> {
    // The bundled tables load once per process: not on any document's clock.
    LazyLock::force(&LEXICON);
    LazyLock::force(&CUE_INDEX);
    let clock = budget.start(&doc)?;
    let (annotated, clock) = Prepared::timed(doc, clock).finish_timed();
    clock.verdict(&annotated.doc)?;
    Ok(annotated)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The per-token cue bits say what a search of the hit lists says.
    #[test]
    fn cue_bits_agree_with_the_hits() {
        let text = "Gunmen shot dead two soldiers and hacked to death a farmer in Mogadishu. \
                    Al-Shabaab's spokesman said the group carried out the attack, and the \
                    militants, who were wounded, later died.";
        let doc = Document { text: text.to_string(), ..Document::default() };
        let prepared = Prepared::new(doc);
        let (_, _, ctx) = prepared.run(prepared.owned.clone());
        let mut hits_seen = 0;
        for (id, hits) in ctx.cues.iter().enumerate() {
            let cat = Cat(id as u16);
            hits_seen += hits.len();
            for k in 0..ctx.view.tokens.len() + 2 {
                let single = hits.iter().any(|h| h.0 as usize == k && h.1 as usize == k + 1);
                let ends = hits.iter().any(|h| h.1 as usize == k + 1);
                assert_eq!(ctx.is_cue(cat, k), single, "category {id}, token {k}");
                assert_eq!(ctx.cue_ends_at(cat, k), ends, "category {id}, token {k}");
            }
        }
        assert!(hits_seen > 5, "the text has cue phrases");
        assert!(!ctx.is_cue(Cat::from("no such category"), 0));
        assert!(ctx.find_cues("no such category", 0, 10).is_empty());
    }
}
