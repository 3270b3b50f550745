//! The extraction pipeline: `Document` -> `Annotated`.
//!
//! One ordered list of stages, each a plain function over the shared
//! [`Ctx`]: segmentation, quantities, times, entities, claims, events.
//! Extraction is a pure function of the document and the bundled data.

use crate::entities::{self, NameMention, TextView, Via};
use crate::lexicon::{Lexicon, LEXICON};
use crate::segment::{self, Token};
use crate::{
    find_quantities, find_times, Annotated, Document, EntityKind, LocalEntity, Mention,
    MentionKind, QuantityMention, Span, TimeMention, Value,
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
}

impl<'a> Ctx<'a> {
    pub fn text(&self) -> &'a str {
        self.view.text
    }

    pub fn tok(&self, i: usize) -> &'a str {
        self.view.tok(i)
    }

    pub fn tok_lower(&self, i: usize) -> String {
        self.view.tok(i).to_lowercase()
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
        category: &str,
        first: usize,
        last: usize,
    ) -> Vec<(usize, usize, &'static str)> {
        let mut phrases: Vec<&'static str> = self.lex.words(category).collect();
        phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let mut out = Vec::new();
        let mut i = first;
        while i < last {
            let mut hit = None;
            for p in &phrases {
                if let Some(e) = self.phrase_at(i, p, last) {
                    hit = Some((i, e, *p));
                    break;
                }
            }
            match hit {
                Some(h) => {
                    out.push(h);
                    i = h.1;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Name mentions (and descriptions) whose first token lies in `[first, last)`.
    pub fn names_in(&self, first: usize, last: usize) -> impl Iterator<Item = &NameMention> + '_ {
        self.names
            .iter()
            .filter(move |m| m.toks.0 >= first && m.toks.0 < last && m.entity != usize::MAX)
    }

    /// True when the mention is the object of a preposition ("an offshoot of
    /// ISIS", "fought against the Taliban"): such a name is not a subject.
    pub fn is_object(&self, m: &NameMention) -> bool {
        let mut k = m.toks.0;
        while k > 0 {
            k -= 1;
            let t = self.tok(k);
            if matches!(t, "the" | "“" | "\"" | "‘") {
                continue;
            }
            return self.lex.is("object_prep", &t.to_lowercase());
        }
        false
    }

    pub fn kind_of(&self, m: &NameMention) -> EntityKind {
        self.entities[m.entity].kind
    }
}

/// Extracts everything from one document.
pub fn annotate(doc: Document) -> Annotated {
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
    let view = TextView { text, tokens: &tokens, sent_toks: &sent_toks };
    let (mut names, links) = entities::recognize(lex, &view);
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
    let quantities = find_quantities(text);
    let times = find_times(text, doc.published);
    let mut ctx = Ctx {
        lex,
        doc: &doc,
        view,
        sentences: &sentences,
        names,
        entities,
        quantities,
        times,
        topic,
    };
    let claims = crate::claims::extract(&mut ctx);
    let events = crate::events::extract(&mut ctx);

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
    Annotated { paragraphs, sentences, mentions, entities, claims, events, doc }
}
