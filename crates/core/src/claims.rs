//! Claims: who says what about a group, how sure, and about when.
//!
//! Each sentence is read for predicate cues (`data/cues/words.tsv`: e.g.
//! `founded_cue`, `based_cue`, `part_cue`), for quantities whose counted
//! thing is a group's members (`strength_unit`), and for persons next to a
//! leading role (`roles.tsv`). The subject is the nearest group named before
//! the cue in the sentence, else the salient group when the sentence refers
//! to it ("the group", "they", "its"). Attribution ("according to X", "X
//! says"), modality ("it is believed", "reportedly", "could") and the time a
//! claim is about ("currently", "at one point", "in 2019") are read from the
//! same sentence. Without a time cue, `when` is the publication date.

use crate::annotate::{Cat, Ctx};
use crate::entities::{clean_surface, NameMention, Via};
use crate::lexicon::{EntryClass, LEXICON};
use crate::syntax::SentSyntax;
use crate::{Claim, EntityKind, Granularity, Modality, Predicate, Span, TimeInterval, Value, When};

mod status;
mod titles;

/// Words that show a sentence opening is a clause, not a source's name.
const NOT_IN_SOURCE: &[&str] = &[
    "should", "would", "could", "be", "is", "was", "were", "are", "been", "can", "will", "may",
    "might", "must", "not", "no", "before", "after", "when", "if", "because", "calling", "which",
    "that", "who",
];

/// Verbs that show the words before a comma are a clause ("The group has
/// 5,000 fighters, officials say"), not the start of a source's name.
const CLAUSE_VERBS: &[&str] =
    &["has", "have", "had", "is", "are", "was", "were", "will", "would", "killed", "said", "says"];

const PRONOUNS: &[&str] = &["they", "it", "its", "their", "them", "itself", "themselves"];

pub(crate) fn extract(ctx: &mut Ctx) -> Vec<Claim> {
    let mut out = Vec::new();
    for si in 0..ctx.sentences.len() {
        if ctx.clock.over() {
            break;
        }
        let (first, last) = ctx.view.sent_toks[si];
        if first == last {
            continue;
        }
        // A question asserts nothing: "Is it allied with the Taliban?"
        if ctx.sentences[si].slice(ctx.text()).trim_end().ends_with('?') {
            continue;
        }
        let attr = attribution(ctx, si);
        strength(ctx, si, &attr, &mut out);
        strength_noun(ctx, si, &attr, &mut out);
        founding(ctx, si, &attr, &mut out);
        leaders(ctx, si, &attr, &mut out);
        roles(ctx, si, &mut out);
        titles::titles(ctx, si, &mut out);
        status::statuses(ctx, si, &attr, &mut out);
        joining(ctx, si, &attr, &mut out);
        places(ctx, si, &attr, &mut out);
        relations(ctx, si, &attr, &mut out);
        lineage(ctx, si, &attr, &mut out);
        designations(ctx, si, &attr, &mut out);
        targets(ctx, si, &attr, &mut out);
        attack_counts(ctx, si, &attr, &mut out);
        origins(ctx, si, &attr, &mut out);
        responsibility(ctx, si, &attr, &mut out);
    }
    founding_to_predecessor(&mut out);
    dead_leaders_are_former(&mut out);
    leaders_are_members(ctx, &mut out);
    // One claim per (subject, predicate, value, span).
    let mut seen = std::collections::HashSet::new();
    out.retain(|c: &Claim| {
        seen.insert(format!("{}|{:?}|{:?}|{:?}", c.subject, c.predicate, c.value, c.span))
    });
    out
}

/// The known country, province or region whose possessive comes right
/// before a mention of `place` in the sentences of `span` ("Burkina Faso's
/// Barsalogho"), with its gazetteer entry.
fn owner_of(
    ctx: &Ctx,
    place: usize,
    span: crate::Span,
) -> Option<(usize, &'static crate::lexicon::Entry)> {
    let a = ctx.tok_at(span.start);
    let b = ctx.tok_end_at(span.end);
    let m = ctx.names_in(a, b).find(|m| m.entity == place)?;
    let owner = ctx.names_in(a, m.toks.0).find(|o| o.toks.1 == m.toks.0 && ctx.is_possessive(o))?;
    let x = ctx.catalog_entry(owner.entity)?;
    x.class.is_area().then_some((owner.entity, x))
}

/// "Lion Front gunmen attacked a checkpoint in Kunar": a group that carried
/// out (or claimed) an event in a province or country operates there; an
/// event in a town, in the town's province or country that the report
/// names. One `operates_in` claim per group and place the claims do not
/// hold yet, dated by the event and grounded in the sentence that names
/// the event.
pub(crate) fn from_events(ctx: &Ctx, events: &[crate::Event], claims: &mut Vec<Claim>) {
    name_claimed_events(ctx, events, claims);
    for e in events {
        let (Some(place), Some(span)) = (e.place, e.spans.first()) else { continue };
        if ctx.entities[place].kind != EntityKind::Place {
            continue;
        }
        // One attack in a town says the group operates in the town's
        // province or country, where the report names it ("Kalat district,
        // Balochistan"), not in the town; a country, province or region is
        // itself such an area. A place the gazetteer does not know says
        // nothing.
        // A place it does not know owned by one it knows ("in Burkina
        // Faso's Barsalogho") says the owner.
        let (place, x) = match ctx.catalog_entry(place) {
            Some(x) => (place, x),
            None => match owner_of(ctx, place, *span) {
                Some(o) => o,
                None => continue,
            },
        };
        let local = |id: String| ctx.entity_with_catalog_id(&id);
        let place = match x.class {
            EntryClass::Country | EntryClass::Subdivision | EntryClass::Region => place,
            _ => {
                let admin1 = x.admin1.as_ref().and_then(|a| local(format!("adm1:{a}")));
                let country = x.country.as_ref().and_then(|c| local(format!("country:{c}")));
                match admin1.or(country) {
                    Some(p) => p,
                    None => continue,
                }
            }
        };
        let si = ctx.sentences.partition_point(|s| s.end <= span.start);
        if si >= ctx.sentences.len() {
            continue;
        }
        for &g in &e.perpetrators {
            if ctx.entities[g].kind != EntityKind::Group
                || claims.iter().any(|c| {
                    c.subject == g
                        && c.predicate == Predicate::OperatesIn
                        && c.value == Value::Entity(place)
                })
            {
                continue;
            }
            let attr = attribution(ctx, si);
            let modality = attr.modality;
            let when = e.when.clone();
            push(
                ctx,
                claims,
                si,
                g,
                Predicate::OperatesIn,
                Value::Entity(place),
                when,
                &attr,
                modality,
                None,
            );
        }
    }
}

/// "claimed responsibility for the attack": the claim names its event by the
/// words of the claim ("attack") and the place of the event it refers to,
/// as the document writes it ("attack in Tripoli"), so that a profile's list
/// of claimed attacks says which. The event is the one told in the claim's
/// sentence, else the only event the claimant is a perpetrator of. Longer
/// phrases that already say where are kept as written.
fn name_claimed_events(ctx: &Ctx, events: &[crate::Event], claims: &mut [Claim]) {
    const SHORT: usize = 4;
    for c in claims.iter_mut().filter(|c| c.predicate == Predicate::ClaimedResponsibility) {
        let Value::Text(what) = &c.value else { continue };
        let words: Vec<&str> = what.split_whitespace().collect();
        // "a handful of smaller attacks", "most of this year's attacks": many
        // events, not one ("twin bombings" are one).
        let many = words.last().is_some_and(|w| w.ends_with('s'))
            && !words.first().is_some_and(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "twin" | "double" | "triple" | "coordinated" | "simultaneous"
                )
            });
        if words.len() > SHORT || many {
            continue;
        }
        let in_sentence = events.iter().find(|e| e.spans.iter().any(|s| c.span.overlaps(*s)));
        let by_subject = || {
            let mut own = events.iter().filter(|e| e.perpetrators.contains(&c.subject));
            match (own.next(), own.next()) {
                (Some(e), None) => Some(e),
                _ => None,
            }
        };
        let Some(event) = in_sentence.or_else(by_subject) else { continue };
        // "... rigged with explosives, which exploded": a verb names no
        // event; the event's kind does.
        let what = if words.len() == 1 && what.ends_with("ed") {
            crate::words::event_kind(event.kind)
        } else {
            what.clone()
        };
        let name = event.place.map(|p| ctx.entities[p].name.as_str()).unwrap_or_default();
        c.value = if name.is_empty() || what.contains(name) {
            Value::Text(what)
        } else {
            Value::Text(format!("{what} in {name}"))
        };
    }
}

/// Attribution of one sentence.
pub(crate) struct Attribution {
    pub source: Option<String>,
    pub modality: Modality,
    /// The tokens `[a, b)` the source was read from, when it is a phrase of
    /// the sentence ("the leader of Hezbollah", "a Taliban spokesman").
    pub source_toks: Option<(usize, usize)>,
}

fn is_lower_word(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

pub(crate) fn attribution(ctx: &Ctx, si: usize) -> Attribution {
    let (first, last) = ctx.view.sent_toks[si];
    let lower: Vec<&str> = (first..last).map(|k| ctx.tok_lower(k)).collect();
    let w = |k: usize| lower[k - first];
    let mut source: Option<String> = None;
    let mut source_toks: Option<(usize, usize)> = None;
    // "according to X"
    for k in first..last.saturating_sub(1) {
        if w(k) == "according" && w(k + 1) == "to" {
            let mut e = k + 2;
            while e < last && !matches!(ctx.tok(e), "," | "." | ";" | ":" | "”" | "\"") {
                e += 1;
            }
            if e > k + 2 {
                let span = Span::new(
                    ctx.view.tokens[k + 2].span.start(),
                    ctx.view.tokens[e - 1].span.end(),
                );
                source = Some(tidy_source(span.slice(ctx.text())));
                source_toks = Some((k + 2, e));
            }
            break;
        }
    }
    // "X says/said/believe(s) ..." with X a short noun phrase opening the sentence.
    if source.is_none() {
        for k in first + 1..last.min(first + 22) {
            let aux = matches!(w(k - 1), "has" | "have" | "had");
            // Verbs are lower case in the text: "Islamic State" holds no verb "state".
            // "A UN report released in June estimated": "report" is a noun there.
            let noun = ctx.is_cue(cue!("noun_say"), k)
                && (ctx.is_cue(cue!("noun_determiner"), k - 1)
                    || ctx.tok(k - 1).chars().next().is_some_and(char::is_uppercase));
            if ctx.is_cue(cue!("say_verb"), k)
                && !noun
                && is_lower_word(ctx.tok(k))
                && (k > first + 1 || !aux)
            {
                let subj_end = if aux { k - 1 } else { k };
                if subj_end == first {
                    break;
                }
                // "The group has about 5,000 fighters, officials say": the
                // source follows the last comma when a clause precedes it.
                let clause_comma =
                    (first..subj_end).rev().find(|&i| ctx.tok(i) == ",").filter(|&c| {
                        (first..c).any(|i| {
                            CLAUSE_VERBS.contains(&w(i))
                                || ctx.view.tokens[i].kind == crate::segment::TokenKind::Number
                        })
                    });
                let first = match clause_comma {
                    Some(c) if c + 1 < subj_end => c + 1,
                    Some(_) => break,
                    None => first,
                };
                let first_word = ctx.tok(first);
                // "It should also be noted", "He said": no nameable source.
                let pronoun = matches!(
                    w(first),
                    "it" | "this" | "that" | "there" | "he" | "she" | "they" | "we" | "i" | "you"
                );
                let verbal = (first..subj_end).any(|i| NOT_IN_SOURCE.contains(&w(i)));
                if pronoun || verbal {
                    break;
                }
                let span = Span::new(
                    ctx.view.tokens[first].span.start(),
                    ctx.view.tokens[subj_end - 1].span.end(),
                );
                let np = span.slice(ctx.text());
                // A person named first, with an appositive: the person is the source.
                let person = ctx
                    .names_in(first, subj_end)
                    .find(|m| m.toks.0 == first && ctx.kind_of(m) == EntityKind::Person);
                let src = match person {
                    Some(p) => ctx.entities[p.entity].name.clone(),
                    None => tidy_source(np),
                };
                let named = first_word.chars().next().is_some_and(char::is_uppercase);
                if !src.is_empty() && (named || clause_comma.is_some()) {
                    source = Some(src);
                    source_toks = Some((first, subj_end));
                }
                break;
            }
            if matches!(ctx.tok(k), "," | ";" | "“" | "\"") && k > first + 14 {
                break;
            }
        }
    }
    // A quote followed by its speaker: "“...,” said X, a police chief".
    if source.is_none() {
        if let Some(k) = (first..last).find(|&k| matches!(ctx.tok(k), "”" | "\"") && k > first) {
            if k + 2 < last && ctx.is_cue(cue!("say_verb"), k + 1) && is_lower_word(ctx.tok(k + 1))
            {
                if let Some(p) = ctx.names_in(k + 2, (k + 3).min(last)).find(|m| {
                    matches!(
                        ctx.kind_of(m),
                        EntityKind::Person | EntityKind::Other | EntityKind::Organization
                    )
                }) {
                    source = Some(ctx.entities[p.entity].name.clone());
                } else {
                    // "said a Western diplomat in Mogadishu": up to the clause end.
                    let mut e = k + 2;
                    while e < last && !matches!(ctx.tok(e), "," | "." | ";" | ":") {
                        e += 1;
                    }
                    if e > k + 2 {
                        let span = Span::new(
                            ctx.view.tokens[k + 2].span.start(),
                            ctx.view.tokens[e - 1].span.end(),
                        );
                        source = Some(tidy_source(span.slice(ctx.text())));
                    }
                }
            }
        }
    }
    // A quote followed by its speaker: "“...,” the UN report states."
    if source.is_none() {
        for k in first..last {
            if matches!(ctx.tok(k), "”" | "\"") && k + 2 < last {
                let mut v = k + 1;
                while v < last && v < k + 8 && !ctx.is_cue(cue!("say_verb"), v) {
                    v += 1;
                }
                if v < last && v > k + 1 && ctx.is_cue(cue!("say_verb"), v) {
                    let span = Span::new(
                        ctx.view.tokens[k + 1].span.start(),
                        ctx.view.tokens[v - 1].span.end(),
                    );
                    let np = span.slice(ctx.text()).trim_start_matches([',', ' ']);
                    if !np.is_empty() {
                        source = Some(tidy_source(np));
                    }
                }
                break;
            }
        }
    }
    let has = |cat: Cat| !ctx.find_cues(cat, first, last).is_empty();
    let modality = if has(cue!("deny_cue")) {
        Modality::Denied
    } else if has(cue!("believe_cue")) {
        Modality::Believed
    } else if has(cue!("report_cue")) || source.is_some() {
        Modality::Reported
    } else {
        Modality::Asserted
    };
    Attribution { source, modality, source_toks }
}

/// The group the source of `attr` belongs to: "the leader of Hezbollah",
/// "a Taliban spokesman".
fn speaker_group(ctx: &Ctx, attr: &Attribution) -> Option<usize> {
    let (a, b) = attr.source_toks?;
    if !(a..b).any(|k| ctx.is_cue(cue!("member_noun"), k)) {
        return None;
    }
    ctx.names_in(a, b).find(|m| ctx.kind_of(m) == EntityKind::Group).map(|m| resolve_branch(ctx, m))
}

/// Whether the source of `attr` speaks for `subject`: one of its own people
/// ("the leader of Hezbollah", "a Taliban spokesman", "its commander").
/// What a group says of itself is its claim, not a report about it.
fn own_voice(ctx: &Ctx, attr: &Attribution, subject: usize) -> bool {
    let Some((a, b)) = attr.source_toks else { return false };
    if !(a..b).any(|k| ctx.is_cue(cue!("member_noun"), k)) {
        return false;
    }
    ctx.names_in(a, b).any(|m| resolve_branch(ctx, m) == subject)
        || (a..b).any(|k| matches!(ctx.tok_lower(k), "its" | "their"))
}

/// "Some experts in extremist movements" -> "some experts in extremist movements";
/// "The UN" -> "the UN"; quotes and trailing commas dropped.
fn tidy_source(s: &str) -> String {
    let mut t = clean_surface(s.trim_matches(|c: char| c == ',' || c.is_whitespace()));
    // "U.S. officials now" -> "U.S. officials".
    while let Some((head, last)) = t.rsplit_once(' ') {
        if !LEXICON.is("source_trim", last) {
            break;
        }
        t = head.trim_end_matches(',').to_string();
    }
    let mut words = t.splitn(2, ' ');
    let first = words.next().unwrap_or("");
    let rest = words.next();
    let lowered = match first {
        "Some" | "Many" | "Several" | "Most" | "Other" | "The" | "A" | "An" | "Two" | "Three"
        | "US" | "U.S." => {
            if matches!(first, "US" | "U.S.") {
                first.to_string()
            } else {
                first.to_lowercase()
            }
        }
        _ => first.to_string(),
    };
    match rest {
        Some(r) => format!("{lowered} {r}"),
        None => lowered,
    }
}

/// The clause around token `k`: bounded by `;`, clause-break words and the sentence.
fn clause(ctx: &Ctx, si: usize, k: usize) -> (usize, usize) {
    let (first, last) = ctx.view.sent_toks[si];
    let brk = |i: usize| {
        let t = ctx.tok(i);
        t == ";" || ctx.lex.is("clause_break", &t.to_lowercase())
    };
    let mut a = k;
    while a > first && !brk(a - 1) {
        a -= 1;
    }
    let mut b = k + 1;
    while b < last && !brk(b) {
        b += 1;
    }
    (a, b)
}

/// The group a claim at token `k` is about: the nearest group named before
/// it in the sentence, else the salient group when the text refers to it.
fn subject_before(ctx: &Ctx, si: usize, k: usize) -> Option<usize> {
    let (first, _) = ctx.view.sent_toks[si];
    let group_like =
        |m: &&NameMention| matches!(ctx.kind_of(m), EntityKind::Group) || m.via == Via::Description;
    if let Some(m) = ctx
        .names_in(first, k)
        .filter(group_like)
        .filter(|m| {
            (!ctx.is_object(m) || members_of(ctx, first, m)) && !in_apposition(ctx, first, m, k)
        })
        .last()
    {
        return Some(resolve_branch(ctx, m));
    }
    let refers = (first..k).any(|i| PRONOUNS.contains(&ctx.tok_lower(i)));
    if refers {
        return recent_subject(ctx, si).or(ctx.topic);
    }
    None
}

/// The token after a description of a group that ends right before its
/// name ("the banned militant outfit Lashkar-e-Taiba", "the militant group
/// X"): lower-case adjectives and participles, then a group noun, from token
/// `k`; `k` itself when no group name follows such a phrase.
fn past_description(ctx: &Ctx, k: usize, last: usize) -> usize {
    let mut j = k;
    while j < last && j < k + 5 && is_lower_word(ctx.tok(j)) && !ctx.is_cue(cue!("desc_head"), j) {
        let w = ctx.tok_lower(j);
        let modifier = ctx.is_cue(cue!("desc_adj"), j)
            || ctx.is_adj_tag(j).unwrap_or(false)
            || (w.ends_with("ed") && !ctx.lex.is("object_prep", w));
        if !modifier {
            return k;
        }
        j += 1;
    }
    let named = |i: usize| {
        ctx.names_in(i, (i + 1).min(last))
            .any(|m| m.toks.0 == i && ctx.kind_of(m) == EntityKind::Group)
    };
    if j < last && ctx.is_cue(cue!("desc_head"), j) && named(j + 1) {
        j + 1
    } else {
        k
    }
}

/// "X, the military wing of Y", "X, an offshoot of Y": the group whose
/// name is set off by a comma right before an appositive that holds the
/// relation's cue at token `a` (a determiner and modifiers between, no
/// verb).
fn apposed_group(ctx: &Ctx, first: usize, a: usize) -> Option<usize> {
    let mut c = a;
    while c > first && c + 5 > a && ctx.tok(c - 1) != "," {
        if !is_lower_word(ctx.tok(c - 1)) {
            return None;
        }
        c -= 1;
    }
    if c <= first + 1 || ctx.tok(c - 1) != "," || !matches!(ctx.tok_lower(c), "a" | "an" | "the") {
        return None;
    }
    let m = ctx
        .names_in(first, c - 1)
        .filter(|m| m.toks.1 == c - 1 && ctx.kind_of(m) == EntityKind::Group)
        .last()?;
    // (The tags are asked last, once the shape fits.)
    if (c..a).any(|k| ctx.is_verb_tag(k).unwrap_or(false)) {
        return None;
    }
    Some(resolve_branch(ctx, m))
}

/// "The fighters of the Lion Front, affiliated with al-Qaeda, claimed ...":
/// a group after "<members> of" at the start of the sentence speaks for its
/// members.
fn members_of(ctx: &Ctx, first: usize, m: &NameMention) -> bool {
    let mut k = m.toks.0;
    if k > first && ctx.tok_lower(k - 1) == "the" {
        k -= 1;
    }
    k >= first + 2
        && k <= first + 3
        && ctx.tok_lower(k - 1) == "of"
        && ctx.is_cue(cue!("strength_unit"), k - 2)
}

/// "ISWAP, an offshoot of the jihadist group Boko Haram, has ...": a name
/// after a preposition inside an apposition set off by commas before token
/// `k` describes the subject, it is not the subject.
fn in_apposition(ctx: &Ctx, first: usize, m: &NameMention, k: usize) -> bool {
    let Some(open) =
        (m.toks.0.saturating_sub(10).max(first)..m.toks.0).rev().find(|&j| ctx.tok(j) == ",")
    else {
        return false;
    };
    let closed = (m.toks.1..k).any(|j| ctx.tok(j) == ",");
    let described = open + 1 < m.toks.0 && matches!(ctx.tok_lower(open + 1), "a" | "an" | "the");
    let after_prep = (open + 2..m.toks.0).any(|j| ctx.lex.is("object_prep", ctx.tok_lower(j)));
    // "Al-Shabaab, an al-Qaeda affiliate, claimed": a group name that
    // modifies a branch or group noun, after another group's name.
    let modifies = m.toks.1 < k
        && (ctx.is_cue(cue!("branch_head"), m.toks.1) || ctx.is_cue(cue!("desc_head"), m.toks.1))
        && ctx
            .names_in(first, open)
            .any(|g| g.toks.1 == open && ctx.kind_of(g) == EntityKind::Group);
    closed && described && (after_prep || modifies)
}

/// The group a pronoun at the start of sentence `si` most likely refers to:
/// the first group named as a subject in the sentence before ("... better
/// known as Boko Haram, was founded in 2002. Since then it has been led
/// by ..."). A name after "as" counts: it renames the subject.
fn recent_subject(ctx: &Ctx, si: usize) -> Option<usize> {
    let prev = si.checked_sub(1)?;
    let (first, last) = ctx.view.sent_toks[prev];
    // The text's main group, when the sentence before names it at all.
    if let Some(t) = ctx.topic {
        if ctx.names_in(first, last).any(|m| m.entity == t) {
            return Some(t);
        }
    }
    // Only a group in subject position: opening the sentence, or renaming
    // its opening words ("X, better known as Boko Haram, was founded").
    let after_as = |m: &NameMention| m.toks.0 > first && ctx.tok_lower(m.toks.0 - 1) == "as";
    ctx.names_in(first, last)
        .filter(|m| ctx.kind_of(m) == EntityKind::Group)
        .find(|m| {
            (m.toks.0 <= first + 1 && !ctx.is_object(m)) || (after_as(m) && m.toks.0 <= first + 12)
        })
        .map(|m| resolve_branch(ctx, m))
}

/// "the ISIS branch": a parent group followed by a branch word is the salient
/// group when the catalog says the salient group is its branch.
fn resolve_branch(ctx: &Ctx, m: &NameMention) -> usize {
    let Some(topic) = ctx.topic else { return m.entity };
    if m.entity == topic {
        return m.entity;
    }
    let mut k = m.toks.1;
    while k < ctx.view.tokens.len() && k < m.toks.1 + 2 && matches!(ctx.tok(k), "”" | "\"" | "’")
    {
        k += 1;
    }
    if k < ctx.view.tokens.len() && ctx.is_cue(cue!("branch_word"), k) {
        let (Some(child), Some(parent)) =
            (&ctx.entities[topic].catalog_id, &ctx.entities[m.entity].catalog_id)
        else {
            return m.entity;
        };
        if ctx.lex.is_branch_of(child, parent) {
            return topic;
        }
    }
    m.entity
}

fn sentence_span(ctx: &Ctx, si: usize) -> Span {
    ctx.sentences[si]
}

fn publication_when(ctx: &Ctx) -> Option<When> {
    ctx.doc.published.map(|d| When {
        interval: Some(TimeInterval {
            start: Some(d),
            end: Some(d),
            granularity: Granularity::Day,
            value: Some(d.to_string()),
        }),
        text: "publication date".to_string(),
    })
}

/// The time a claim at token `k` is about, read in its clause before it.
fn when_for(ctx: &Ctx, si: usize, k: usize, exclude: Option<Span>) -> Option<When> {
    let (a, b) = clause(ctx, si, k);
    // An explicit time expression in the clause (not the claim's own value).
    let (ca, cb) = (ctx.view.tokens[a].span.start, ctx.view.tokens[b - 1].span.end);
    let time = ctx
        .times_near(ca, cb)
        .iter()
        .filter(|t| {
            t.span.start >= ca
                && t.span.end <= cb
                && exclude.is_none_or(|x| !x.overlaps(t.span))
                && !dates_an_origin(ctx, ctx.tok_at(t.span.start), a)
        })
        .min_by_key(|t| (t.span.start as i64 - ctx.view.tokens[k].span.start as i64).abs());
    for i in (a..k).rev() {
        for cat in ["when_present", "when_past"] {
            for p in ctx.lex.words(cat) {
                if let Some(e) = ctx.phrase_at(i, p, b) {
                    if e <= k + 1 {
                        let span = Span::new(
                            ctx.view.tokens[i].span.start(),
                            ctx.view.tokens[e - 1].span.end(),
                        );
                        if let (Some(t), "when_past") = (time, cat) {
                            return Some(When {
                                interval: t.interval.clone(),
                                text: t.span.slice(ctx.text()).to_string(),
                            });
                        }
                        let interval = if cat == "when_present" {
                            ctx.doc.published.map(|d| TimeInterval {
                                start: Some(d),
                                end: Some(d),
                                granularity: Granularity::Day,
                                value: Some("PRESENT_REF".into()),
                            })
                        } else {
                            ctx.doc.published.map(|d| TimeInterval {
                                start: None,
                                end: Some(d),
                                granularity: Granularity::Vague,
                                value: Some("PAST_REF".into()),
                            })
                        };
                        return Some(When { interval, text: span.slice(ctx.text()).to_string() });
                    }
                }
            }
        }
    }
    if let Some(t) = time {
        return Some(When {
            interval: t.interval.clone(),
            text: t.span.slice(ctx.text()).to_string(),
        });
    }
    publication_when(ctx)
}

/// Whether the time at token `k` dates a founding or a first appearance
/// ("founded in 2012", "formed in December 2007", "emerged in 2006"): that
/// time is the founding claim's value, never the time of another claim in
/// the same sentence ("The M23, founded in 2012, had about 5,000 fighters").
fn dates_an_origin(ctx: &Ctx, k: usize, first: usize) -> bool {
    let from = k.saturating_sub(4).max(first);
    [cue!("founded_cue"), cue!("active_cue")]
        .into_iter()
        .any(|cat| ctx.find_cues(cat, from, k).iter().any(|&(_, b, _)| b <= k && b + 3 > k))
}

fn negated_before(ctx: &Ctx, k: usize, window: usize, first: usize) -> bool {
    (k.saturating_sub(window).max(first)..k).any(|i| ctx.is_cue(cue!("negation"), i))
}

fn modality_near(ctx: &Ctx, attr: &Attribution, k: usize, first: usize) -> Modality {
    if negated_before(ctx, k, 3, first) {
        return Modality::Denied;
    }
    if (k.saturating_sub(4).max(first)..k).any(|i| ctx.is_cue(cue!("hypo_cue"), i)) {
        return Modality::Hypothetical;
    }
    // "Officials expect the group to have ...": a forecast, whoever makes it.
    if (first..k).any(|i| ctx.is_cue(cue!("expect_cue"), i))
        && matches!(attr.modality, Modality::Asserted | Modality::Reported)
    {
        return Modality::Expected;
    }
    attr.modality
}

#[allow(clippy::too_many_arguments)]
fn push(
    ctx: &Ctx,
    out: &mut Vec<Claim>,
    si: usize,
    subject: usize,
    predicate: Predicate,
    value: Value,
    when: Option<When>,
    attr: &Attribution,
    modality: Modality,
    status: Option<String>,
) {
    if let Value::Entity(e) = value {
        if e == subject {
            return;
        }
    }
    let modality = match modality {
        Modality::Reported | Modality::Asserted if own_voice(ctx, attr, subject) => {
            Modality::Claimed
        }
        m => m,
    };
    out.push(Claim {
        subject,
        predicate,
        value,
        when,
        source: attr.source.clone(),
        modality,
        status,
        span: sentence_span(ctx, si),
    });
}

fn strength(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    let s = ctx.sentences[si];
    for q in ctx.quantities_near(s.start, s.end).iter().filter(|q| s.contains(q.span)) {
        let Some(unit) = q.unit else { continue };
        let unit_word = unit.slice(ctx.text()).to_lowercase();
        if !ctx.lex.is("strength_unit", &unit_word) {
            continue;
        }
        let qk = ctx.tok_at(q.span.start);
        // "one of two militants listed", "among 40 fighters freed": a set
        // the subject belongs to, not a group's size.
        if qk >= first + 2 && ctx.tok_lower(qk - 1) == "of" && ctx.tok_lower(qk - 2) == "one"
            || qk > first && ctx.tok_lower(qk - 1) == "among"
        {
            continue;
        }
        // "trained 10 of the gunmen": part of a set named elsewhere
        // ("thousands of fighters" is a count).
        let unit_tok0 = ctx.tok_at(unit.start);
        if (qk + 1..unit_tok0).any(|i| {
            ctx.tok_lower(i) == "of"
                && matches!(
                    ctx.tok_lower(i + 1),
                    "the" | "those" | "these" | "its" | "their" | "his"
                )
        }) {
            continue;
        }
        // Casualty counts are not strength.
        let window = qk.saturating_sub(5).max(first)..(ctx.tok_end_at(unit.end) + 4).min(last);
        if window.clone().any(|i| is_harm(ctx, i)) {
            continue;
        }
        // A size needs a verb of having or numbering before it ("has about
        // 2,000 fighters", "numbers 1,000 strong", "put its strength at"):
        // "freed dozens of militants" is no size. "1,000-strong" says it alone.
        let verb_before =
            (qk.saturating_sub(6).max(first)..qk).any(|i| ctx.is_cue(cue!("strength_verb"), i));
        // Or a count opening its clause whose phrase names a group: "Between
        // 20,000 and 30,000 Islamic State fighters remain in Iraq", "As many
        // as 30,000 members of the group remain" (the parse below checks it
        // is the subject).
        let unit_end_tok = ctx.tok_end_at(unit.end);
        let opens_clause = qk == first
            || (qk > first && matches!(ctx.tok_lower(qk - 1), "," | "that" | "and" | "but"));
        // The clause must say they are there, not what they did: "remain",
        // "are active", never "crossed into Ethiopia".
        let window = unit_end_tok..(unit_end_tok + 8).min(last);
        let of_being = window.clone().any(|i| {
            matches!(
                ctx.tok_lower(i),
                "remain" | "remains" | "remained" | "exist" | "existed" | "operate"
            ) || (matches!(ctx.tok_lower(i), "are" | "were")
                && i + 1 < last
                && matches!(
                    ctx.tok_lower(i + 1),
                    "still" | "active" | "based" | "believed" | "thought" | "estimated" | "present"
                ))
        });
        let names_group = opens_clause
            && of_being
            && ctx
                .names_in(qk, (unit_end_tok + 6).min(last))
                .any(|m| ctx.kind_of(m) == EntityKind::Group);
        if !verb_before && unit_word != "strong" && !names_group {
            continue;
        }
        // "freed hundreds of inmates, among them dozens of suspected
        // militants", "arrested 40 fighters": people acted upon are counted,
        // not the group's size (unless a verb of having follows: "captured
        // the town, which has 2,000 fighters").
        let acted_on = (qk.saturating_sub(8).max(first)..qk).rev().find(|&i| {
            ctx.is_cue(cue!("not_strength_verb"), i)
                || matches!(ctx.tok_lower(i), "has" | "have" | "had")
        });
        if acted_on.is_some_and(|i| ctx.is_cue(cue!("not_strength_verb"), i)) {
            continue;
        }
        // With a parse: a count in subject position counts the group's
        // members only when the phrase names the group ("about 2,000 ISIS
        // fighters remain"); "some 900 U.S. troops are deployed" does not.
        // A count that is the object of a verb whose subject is a name
        // belongs to that name ("the army has 300,000 troops").
        let unit_tok = ctx.tok_end_at(unit.end).saturating_sub(1).max(qk);
        // "the 15,000-strong Badr Corps": the name the adjective describes,
        // whatever else the sentence is about (and then the sentence need
        // not be parsed).
        let described = (unit_word == "strong")
            .then(|| ctx.names_in(unit_tok + 1, (unit_tok + 5).min(last)).next())
            .flatten()
            .map(|m| resolve_branch(ctx, m));
        let syntactic = described.is_none().then(|| ctx.syn(si)).flatten().map(|syn| {
            let np = arg_at(ctx, si, syn, unit_tok);
            match syn.rel(unit_tok) {
                r if r.starts_with("nsubj") => Some(np),
                "obj" => match np {
                    Arg::Entity(_) | Arg::Refers => Some(np),
                    Arg::Other(_) => syn
                        .head(unit_tok)
                        .and_then(|v| syn.child(v, "nsubj"))
                        .map(|s| arg_at(ctx, si, syn, s))
                        .filter(|a| matches!(a, Arg::Entity(_) | Arg::Refers)),
                },
                _ => None,
            }
        });
        let subject = match (described, syntactic) {
            (Some(e), _) => Some(e),
            // "The leader of Hezbollah said his group has ...": the
            // speaker's group.
            (None, Some(Some(Arg::Refers))) => {
                speaker_group(ctx, attr).or_else(|| salient(ctx, si))
            }
            (None, Some(Some(arg))) => arg_entity(ctx, si, arg),
            (None, Some(None) | None) => subject_before(ctx, si, qk),
        };
        let Some(subject) = subject else { continue };
        let unit_name = if unit_word == "strong" { "members".to_string() } else { unit_word };
        push_strength(ctx, out, si, attr, subject, (q.quantity, unit_name), qk);
    }
}

/// A `leader` claim: `person` leads `subject` (status "current") or led it
/// ("former").
#[allow(clippy::too_many_arguments)]
fn push_leader(
    ctx: &Ctx,
    out: &mut Vec<Claim>,
    si: usize,
    subject: usize,
    person: usize,
    when: Option<When>,
    attr: &Attribution,
    modality: Modality,
    status: &str,
) {
    let value = Value::Entity(person);
    let status = Some(status.to_string());
    push(ctx, out, si, subject, Predicate::Leader, value, when, attr, modality, status);
}

/// The role of a person who acts or speaks for a group, as `role` (the role
/// word's normalized form, `roles.tsv`) and `member_of` (the group):
/// "Taliban spokesman Zabihullah Mujahid", "X, a spokesman for the Lion
/// Front", "a commander of the Lion Front, X", "X, the group's spokesman"
/// (the salient group). Only roles that do not lead (leading roles are
/// `leader` claims on the group), only lower-case role words (a capitalized
/// title is a rank, not a role in the group), and only armed groups.
fn roles(ctx: &Ctx, si: usize, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    let own = Attribution { source: None, modality: Modality::Asserted, source_toks: None };
    // Right after a role word a name is a person's, even one the
    // recognizer could not type ("LeT terrorist Naveed Jatt").
    let person_at = |k: usize| {
        ctx.names_in(k, (k + 1).min(last))
            .find(|m| matches!(ctx.kind_of(m), EntityKind::Person | EntityKind::Other))
    };
    let person_ending = |k: usize| {
        ctx.names_in(k.saturating_sub(6).max(first), k)
            .filter(|m| m.toks.1 == k && ctx.kind_of(m) == EntityKind::Person)
            .last()
    };
    let group_at = |k: usize| {
        ctx.names_in(k, (k + 1).min(last))
            .find(|m| ctx.kind_of(m) == EntityKind::Group)
            .map(|m| (resolve_branch(ctx, m), m.toks.1))
    };
    let group_ending = |k: usize| {
        ctx.names_in(k.saturating_sub(8).max(first), k)
            .filter(|m| m.toks.1 == k && ctx.kind_of(m) == EntityKind::Group)
            .last()
            .map(|m| resolve_branch(ctx, m))
    };
    // "the group's", "its", "their": the salient group.
    let refers = |k: usize| -> Option<usize> {
        let w = ctx.tok_lower(k);
        // "the group's", written as one token or two.
        let stem = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"));
        let own = matches!(w, "its" | "their")
            || (matches!(w, "'s" | "’s")
                && k >= first + 2
                && ctx.tok_lower(k - 2) == "the"
                && ctx.is_cue(cue!("desc_head"), k - 1))
            || (stem.is_some_and(|x| ctx.lex.is("desc_head", x))
                && k > first
                && ctx.tok_lower(k - 1) == "the");
        if own {
            salient(ctx, si)
        } else {
            None
        }
    };
    for r in first..last {
        let w = ctx.tok(r);
        // A role ("Taliban spokesman X"), or only membership ("LeT
        // terrorist X", `member_word`).
        let role = match ctx.lex.roles.get(w) {
            Some((role, leads))
                if !*leads && role != "founder" && ctx.is_cue(cue!("member_noun"), r) =>
            {
                Some(role)
            }
            _ if ctx.is_cue(cue!("member_word"), r) => None,
            _ => continue,
        };
        if !is_lower_word(w) {
            continue;
        }
        // The group before the role: "Taliban spokesman", "the Lion Front's
        // commander", "its spokesman", up to two modifiers between
        // ("Taliban senior military commander").
        let mut g = r;
        while g > first + 1
            && g + 2 > r
            && is_lower_word(ctx.tok(g - 1))
            && !ends_role_modifiers(ctx, g - 1)
        {
            g -= 1;
        }
        // "Lashkar-e-Taiba (LeT) terrorist": the name before its acronym.
        let acronym = (g > first && ctx.tok(g - 1) == ")")
            .then(|| (g.saturating_sub(5).max(first)..g - 1).rev().find(|&j| ctx.tok(j) == "("))
            .flatten();
        let before = if let Some(open) = acronym {
            group_ending(open)
        } else if g > first && matches!(ctx.tok_lower(g - 1), "'s" | "’s") {
            group_ending(g - 1).or_else(|| refers(g - 1))
        } else if g > first {
            group_ending(g).or_else(|| refers(g - 1))
        } else {
            None
        };
        // The group after it: "a spokesman for the Lion Front".
        let after = || {
            let mut k = r + 1;
            if k < last && matches!(ctx.tok_lower(k), "for" | "of" | "with") {
                k += 1;
                if k < last && ctx.tok_lower(k) == "the" {
                    k += 1;
                }
                group_at(k)
            } else {
                None
            }
        };
        // "said the spokesman, X": the spokesman of the group the text is
        // about.
        let bare = || {
            (r > first + 1
                && g == r
                && ctx.tok_lower(r - 1) == "the"
                && matches!(ctx.tok_lower(r - 2), "said" | "says" | "added" | "told"))
            .then(|| salient(ctx, si))
            .flatten()
        };
        let Some((group, role_end)) =
            before.map(|gr| (gr, r + 1)).or_else(after).or_else(|| bare().map(|gr| (gr, r + 1)))
        else {
            continue;
        };
        // The person: right after the role ("spokesman Zabihullah Mujahid",
        // "a commander of the group, X,") or before it in apposition ("X, a
        // spokesman for", "X, its spokesman").
        let mut k = role_end;
        if k < last && ctx.tok(k) == "," {
            k += 1;
        }
        // (A membership word only before the name: "X, who founded the
        // terrorist group Y" is no member of its own description.)
        let person = person_at(k).map(|m| m.entity).or_else(|| {
            role?;
            let c = (r.saturating_sub(8).max(first + 1)..r).rev().find(|&c| ctx.tok(c) == ",")?;
            person_ending(c).map(|m| m.entity)
        });
        let Some(person) = person else { continue };
        if ctx.entities[group].kind != EntityKind::Group {
            continue;
        }
        let when = publication_when(ctx);
        // "X, a spokesman for Y, said ...", "the group's spokesman, X,
        // denied involvement": what he says or denies is his, the role that
        // introduces him is the outlet's own description.
        let attr = &own;
        let modality = Modality::Asserted;
        if let Some(role) = role {
            let value = Value::Text(role.clone());
            push(ctx, out, si, person, Predicate::Role, value, when.clone(), attr, modality, None);
        }
        let value = Value::Entity(group);
        push(ctx, out, si, person, Predicate::MemberOf, value, when, attr, modality, None);
    }
}

/// "X joined the TTP in 2003", "X, who joined the ranks of al-Shabaab":
/// a person who joined a group is its member (`member_of`, dated by the
/// time in the clause). Not "joined forces with" (an alliance) nor a group
/// joining another.
fn joining(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    for v in first + 1..last {
        if !matches!(ctx.tok_lower(v), "joined" | "joins" | "rejoined") {
            continue;
        }
        // The group: "the TTP", "the ranks of al-Shabaab".
        let mut k = v + 1;
        if k < last && ctx.tok_lower(k) == "the" {
            k += 1;
        }
        if k + 1 < last && ctx.tok_lower(k) == "ranks" && ctx.tok_lower(k + 1) == "of" {
            k += 2;
            if k < last && ctx.tok_lower(k) == "the" {
                k += 1;
            }
        }
        let Some(g) = ctx
            .names_in(k, (k + 1).min(last))
            .find(|m| ctx.kind_of(m) == EntityKind::Group && !ctx.is_adjective(m))
        else {
            continue;
        };
        // The person: right before ("X joined", "X later joined", "X,
        // who joined").
        let mut j = v;
        while j > first
            && matches!(ctx.tok_lower(j - 1), "later" | "then" | "had" | "has" | "also" | "first")
        {
            j -= 1;
        }
        if j > first + 1 && ctx.tok_lower(j - 1) == "who" {
            j -= 1;
            if ctx.tok(j - 1) == "," {
                j -= 1;
            }
        }
        let named = ctx
            .names_in(j.saturating_sub(6).max(first), j)
            .filter(|m| m.toks.1 == j && ctx.kind_of(m) == EntityKind::Person)
            .last()
            .map(|m| m.entity);
        // "he joined the TTP in 2003": in a text about one person (named
        // most, twice at least, and no other person named in the sentence
        // before), that person.
        let pronoun = || {
            let he = j > first && matches!(ctx.tok_lower(j - 1), "he" | "she");
            let other = ctx.names_in(first, v).any(|m| ctx.kind_of(m) == EntityKind::Person);
            (he && !other).then(|| main_person(ctx)).flatten()
        };
        let Some(person) = named.or_else(pronoun) else { continue };
        let group = resolve_branch(ctx, g);
        if ctx.entities[group].kind != EntityKind::Group {
            continue;
        }
        let when = when_for(ctx, si, v, None);
        let modality = modality_near(ctx, attr, v, first);
        let value = Value::Entity(group);
        push(ctx, out, si, person, Predicate::MemberOf, value, when, attr, modality, None);
    }
}

/// The person a text is about: the one named most often, at least twice
/// and more often than any other.
fn main_person(ctx: &Ctx) -> Option<usize> {
    let mut counts: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for m in ctx.names_in(0, ctx.view.tokens.len()) {
        if ctx.kind_of(m) == EntityKind::Person {
            *counts.entry(m.entity).or_default() += 1;
        }
    }
    let mut ranked: Vec<(usize, usize)> = counts.into_iter().map(|(e, n)| (n, e)).collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    match ranked.as_slice() {
        [(n, e), rest @ ..] if *n >= 2 && rest.first().is_none_or(|(m, _)| m < n) => Some(*e),
        _ => None,
    }
}

/// A word that ends the modifiers before a role word, going back: a
/// possessive ("its", "their", "the group's", "'s"), an article or a comma.
fn ends_role_modifiers(ctx: &Ctx, k: usize) -> bool {
    let w = ctx.tok_lower(k);
    matches!(w, "its" | "their" | "a" | "an" | "the" | ",")
        || w.ends_with("'s")
        || w.ends_with("’s")
}

/// A strength claim on `subject` for the count at token `qk`, when the
/// subject is a group.
fn push_strength(
    ctx: &Ctx,
    out: &mut Vec<Claim>,
    si: usize,
    attr: &Attribution,
    subject: usize,
    (quantity, unit): (crate::quantity::Quantity, String),
    qk: usize,
) {
    if ctx.entities[subject].kind != EntityKind::Group {
        return;
    }
    let first = ctx.view.sent_toks[si].0;
    let when = when_for(ctx, si, qk, None);
    push(
        ctx,
        out,
        si,
        subject,
        Predicate::Strength,
        Value::Quantity { quantity, unit: Some(unit) },
        when,
        attr,
        modality_near(ctx, attr, qk, first),
        None,
    );
}

/// "The estimated strength of the TTP is 30,000 to 35,000 fighters", "the
/// report put the membership of IS in Afghanistan at 2,200", "its strength
/// stands at about 1,500": a count after a noun of size (`strength_noun`)
/// and a linking word ("at", "is", "of") is the size of the group named
/// between them, or of the group "its" or "the group's" refers to. The count
/// needs no unit; one with a unit that is not a strength unit ("2,000
/// square kilometres") is none.
fn strength_noun(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, _) = ctx.view.sent_toks[si];
    let s = ctx.sentences[si];
    for q in ctx.quantities_near(s.start, s.end).iter().filter(|q| s.contains(q.span)) {
        if q.kind != crate::quantity::QuantityKind::Count {
            continue;
        }
        let unit_word = q.unit.map(|u| u.slice(ctx.text()).to_lowercase());
        if unit_word.as_deref().is_some_and(|u| !ctx.lex.is("strength_unit", u)) {
            continue;
        }
        // A year is no size: "its strength in 2015 was ...".
        if q.quantity.low.is_some_and(|v| (1800.0..2100.0).contains(&v))
            && q.quantity.low == q.quantity.high
            && q.unit.is_none()
        {
            continue;
        }
        let qk = ctx.tok_at(q.span.start);
        let Some(noun) = (qk.saturating_sub(9).max(first)..qk)
            .rev()
            .find(|&k| ctx.is_cue(cue!("strength_noun"), k))
        else {
            continue;
        };
        // The word before the count links it to the noun: "at", "is",
        // "was", "of", "stands at", "to" ("has grown to").
        let link = ctx.tok_lower(qk - 1);
        // "the force numbers about 100,000": the verb itself.
        let verb = qk == noun + 1 && matches!(ctx.tok_lower(noun), "numbers" | "numbered");
        // "estimates of its size range from 7,000 to 9,000".
        let ranging =
            |w: &str| matches!(w, "range" | "ranges" | "ranged" | "ranging" | "vary" | "varies");
        let range = (qk >= noun + 3
            && matches!(link, "from" | "between")
            && ranging(ctx.tok_lower(qk - 2)))
            || (qk >= noun + 2 && ranging(link) && matches!(ctx.tok_lower(qk), "from" | "between"));
        if !verb
            && !range
            && (qk <= noun + 1
                || !matches!(link, "at" | "is" | "was" | "of" | "to" | "are" | "were"))
        {
            continue;
        }
        // Nothing between but the group, its place and linking words: no
        // verb of harm, no other count.
        if (noun + 1..qk)
            .any(|k| ctx.tok(k).starts_with(|c: char| c.is_ascii_digit()) || is_harm(ctx, k))
        {
            continue;
        }
        let named = ctx
            .names_in(noun + 1, qk)
            .find(|m| ctx.kind_of(m) == EntityKind::Group)
            .map(|m| resolve_branch(ctx, m));
        let possessive = noun > first
            && (matches!(ctx.tok_lower(noun - 1), "its" | "their")
                || (verb && matches!(ctx.tok_lower(noun - 1), "it" | "they"))
                || (noun > first + 1
                    && ctx.tok_lower(noun - 1) == "estimated"
                    && matches!(ctx.tok_lower(noun - 2), "its" | "their")));
        let subject = named.or_else(|| {
            let before = noun.saturating_sub(2).max(first);
            let owner = ctx
                .names_in(before, noun)
                .find(|m| ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description);
            match owner {
                Some(m) if m.via != Via::Description => Some(resolve_branch(ctx, m)),
                Some(_) => salient(ctx, si),
                None if possessive => recent_subject(ctx, si).or_else(|| salient(ctx, si)),
                None => None,
            }
        });
        let Some(subject) = subject else { continue };
        let unit = unit_word.unwrap_or_else(|| "members".to_string());
        push_strength(ctx, out, si, attr, subject, (q.quantity, unit), qk);
    }
}

/// Is token `k` a one-word verb of killing or wounding?
fn is_harm(ctx: &Ctx, k: usize) -> bool {
    ctx.is_cue(cue!("kill_verb"), k) || ctx.is_cue(cue!("wound_verb"), k)
}

/// What a syntactic argument refers to.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Arg {
    /// A named entity of the document (or the group a description names).
    Entity(usize),
    /// A pronoun or a definite description ("it", "the group"): the
    /// salient group.
    Refers,
    /// Anything else, by its head token ("the attacks", "a new group").
    Other(usize),
}

/// What the noun phrase headed by token `k` refers to. A name covering the
/// head is the entity; so is a group named inside the phrase when the head
/// is one of its people ("Taliban fighters", "the group's spokesman",
/// "militants of ISWAP").
fn arg_at(ctx: &Ctx, si: usize, syn: &SentSyntax, k: usize) -> Arg {
    let (first, last) = ctx.view.sent_toks[si];
    let covering = |t: usize| ctx.names_in(first, t + 1).filter(|m| m.toks.1 > t).last();
    // "Al-Qaeda affiliate Al Shabab": the group named after the noun, not
    // the one that modifies it.
    let affiliate_after = |t: usize| {
        (t < last && COMPOUND_BRANCH.contains(&ctx.tok(t)))
            .then(|| {
                ctx.names_in(t + 1, (t + 2).min(last)).find(|g| ctx.kind_of(g) == EntityKind::Group)
            })
            .flatten()
    };
    if let Some(m) = covering(k) {
        if ctx.kind_of(m) == EntityKind::Group {
            if let Some(g) = affiliate_after(m.toks.1) {
                return Arg::Entity(resolve_branch(ctx, g));
            }
        }
        return Arg::Entity(resolve_branch(ctx, m));
    }
    if let Some(g) = affiliate_after(k) {
        return Arg::Entity(resolve_branch(ctx, g));
    }
    let w = ctx.tok_lower(k);
    if PRONOUNS.contains(&w) || matches!(w, "he" | "she" | "who") {
        return Arg::Refers;
    }
    // "The Islamic State group claimed ...": the name right before the
    // head noun, not the text's main group ("an al-Qaeda-affiliated group"
    // is another).
    if ctx.is_cue(cue!("desc_head"), k) {
        if let Some(g) = ctx
            .names_in(k.saturating_sub(6).max(first), k)
            .find(|g| g.toks.1 == k && ctx.kind_of(g) == EntityKind::Group && !ctx.is_adjective(g))
        {
            return Arg::Entity(resolve_branch(ctx, g));
        }
    }
    // "a newly formed militant group, Jaish-e-Fursan-e-Muhammad,": the
    // name set beside the description.
    if ctx.is_cue(cue!("desc_head"), k) {
        // Set off by a comma right after the description, whatever the
        // parse made of it (an unknown hyphenated name is often a "conj").
        if k + 2 < ctx.view.tokens.len() && ctx.tok(k + 1) == "," {
            if let Some(m) = ctx
                .names_in(k + 2, k + 3)
                .find(|m| m.toks.0 == k + 2 && ctx.kind_of(m) == EntityKind::Group)
            {
                return Arg::Entity(resolve_branch(ctx, m));
            }
        }
        // "Sabir Qadri Brigade, a little-known armed group,": the name the
        // description is set beside.
        if let Some(c) = (k.saturating_sub(6).max(first)..k).rev().find(|&i| ctx.tok(i) == ",") {
            if let Some(m) = ctx
                .names_in(first, c)
                .filter(|m| m.toks.1 == c && ctx.kind_of(m) == EntityKind::Group)
                .last()
            {
                return Arg::Entity(resolve_branch(ctx, m));
            }
        }
        for c in syn.children(k) {
            if syn.rel(c) != "appos" {
                continue;
            }
            if let Some(m) = covering(c).filter(|m| ctx.kind_of(m) == EntityKind::Group) {
                return Arg::Entity(resolve_branch(ctx, m));
            }
        }
    }
    // "Islamic State's West African branch claimed ...": the branch's
    // group; the text's main group when that is a branch of it.
    if ctx.is_cue(cue!("branch_word"), k) {
        // "Islamic State's Egyptian affiliate, Sinai Province, claimed":
        // the branch named beside it.
        if k + 2 < last && ctx.tok(k + 1) == "," {
            let at = if ctx.tok_lower(k + 2) == "the" { k + 3 } else { k + 2 };
            if let Some(m) = ctx
                .names_in(at, (at + 1).min(last))
                .find(|m| m.toks.0 == at && ctx.kind_of(m) == EntityKind::Group)
            {
                return Arg::Entity(resolve_branch(ctx, m));
            }
        }
        for c in syn.children(k) {
            if !matches!(syn.rel(c), "nmod:poss" | "compound") {
                continue;
            }
            if let Some(m) = covering(c).filter(|m| ctx.kind_of(m) == EntityKind::Group) {
                let parent = &ctx.entities[m.entity].catalog_id;
                let branch = ctx.topic.filter(|&t| {
                    matches!((&ctx.entities[t].catalog_id, parent), (Some(child), Some(parent))
                        if ctx.lex.is_branch_of(child, parent))
                });
                return Arg::Entity(branch.unwrap_or(m.entity));
            }
        }
    }
    if ctx.is_cue(cue!("member_noun"), k) || ctx.is_cue(cue!("attacker_noun"), k) {
        for c in syn.children(k) {
            if !matches!(syn.rel(c), "compound" | "nmod:poss" | "nmod" | "amod" | "flat") {
                continue;
            }
            if let Some(m) = covering(c).filter(|m| ctx.kind_of(m) == EntityKind::Group) {
                return Arg::Entity(resolve_branch(ctx, m));
            }
            if PRONOUNS.contains(&ctx.tok_lower(c)) {
                return Arg::Refers;
            }
            // "members of the Islamic State terrorist group": the group
            // named before the description's head.
            if ctx.is_cue(cue!("desc_head"), c) {
                for g in syn.children(c) {
                    if !matches!(syn.rel(g), "compound" | "flat" | "amod") {
                        continue;
                    }
                    if let Some(m) = covering(g).filter(|m| ctx.kind_of(m) == EntityKind::Group) {
                        return Arg::Entity(resolve_branch(ctx, m));
                    }
                }
            }
        }
    }
    // "the group", "the militant organization": a definite description of
    // the group the text is about; "another group" is not.
    if ctx.is_cue(cue!("desc_head"), k) {
        let det = syn.child(k, "det").map(|d| ctx.tok_lower(d));
        let poss = syn.child(k, "nmod:poss").map(|d| ctx.tok_lower(d));
        // "his group", said of a leader: the group the text is about.
        if matches!(det, Some("the" | "this"))
            || matches!(poss, Some("its" | "their" | "his" | "her"))
        {
            return Arg::Refers;
        }
    }
    Arg::Other(k)
}

/// The syntactic subject of the clause of verb `v`: its own `nsubj` (or
/// `nsubj:pass`), else the subject of the verb it is joined to ("was
/// founded in 2015 and launched ..."), or the noun a reduced or relative
/// clause describes ("a group founded in 2015", "which was set up").
fn clause_subject(syn: &SentSyntax, v: usize) -> Option<usize> {
    let mut x = v;
    for _ in 0..4 {
        if let Some(s) = syn.child(x, "nsubj") {
            let relative = syn.rel(x) == "acl:relcl"
                && matches!(syn.upos(s), Some(dossier_syntax::Upos::Pron));
            return if relative { syn.head(x) } else { Some(s) };
        }
        match syn.rel(x) {
            "acl" | "acl:relcl" => return syn.head(x),
            "conj" | "xcomp" | "advcl" => x = syn.head(x)?,
            _ => return None,
        }
    }
    None
}

/// The salient group that a pronoun or "the group" at this sentence means:
/// the group the sentence before is about, else the text's topic.
fn salient(ctx: &Ctx, si: usize) -> Option<usize> {
    recent_subject(ctx, si).or(ctx.topic)
}

/// The entity an argument names, the salient group for a reference; `None`
/// for anything else.
fn arg_entity(ctx: &Ctx, si: usize, arg: Arg) -> Option<usize> {
    match arg {
        Arg::Entity(e) => Some(e),
        Arg::Refers => salient(ctx, si),
        Arg::Other(_) => None,
    }
}

/// The `branch_head` nouns that make a compound with a group's name before
/// them without a possessive ("Al-Qaeda affiliate Al Shabab", "an al-Qaeda
/// offshoot"); "province" or "wing" there may end a name ("Islamic State
/// Sinai Province").
const COMPOUND_BRANCH: [&str; 3] = ["affiliate", "franchise", "offshoot"];

/// The founder and the group of an active founding cue at tokens `a..b`:
/// a person's name right before it ("Mohammed Yusuf founded", "X, who
/// founded", "X co-founded"), and the group named right after it or, for
/// "the group", the salient one. `None` when the cue is passive ("was
/// founded"), or when either is missing.
fn active_founder(ctx: &Ctx, si: usize, a: usize, b: usize) -> Option<(usize, usize)> {
    let (first, last) = ctx.view.sent_toks[si];
    let mut k = a;
    while k > first
        && matches!(
            ctx.tok_lower(k - 1),
            "who" | "," | "jointly" | "originally" | "first" | "had" | "has" | "have"
        )
    {
        k -= 1;
    }
    let person = ctx
        .names_in(k.saturating_sub(6).max(first), k)
        .filter(|m| m.toks.1 == k && ctx.kind_of(m) == EntityKind::Person)
        .last()?;
    let mut g = b;
    while g < last && matches!(ctx.tok_lower(g), "the" | "a" | "an" | "“" | "\"") {
        g += 1;
    }
    // "formed a Taliban faction, the Lion Front": the group a description
    // of another names.
    if let Some(m) = ctx.names_in(g, (g + 1).min(last)).next() {
        let mut n = m.toks.1;
        if n < last && ctx.is_cue(cue!("desc_head"), n) && is_lower_word(ctx.tok(n)) {
            n += 1;
            if n < last && ctx.tok(n) == "," {
                n += 1;
            }
            if n < last && ctx.tok_lower(n) == "the" {
                n += 1;
            }
            if ctx.names_in(n, (n + 1).min(last)).any(|o| ctx.kind_of(o) == EntityKind::Group) {
                g = n;
            }
        }
    }
    let group = match ctx.names_in(g, (g + 1).min(last)).next() {
        Some(m) if ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description => {
            resolve_branch(ctx, m)
        }
        Some(_) => return None,
        None if g < last && ctx.is_cue(cue!("desc_head"), g) && ctx.tok_lower(g - 1) == "the" => {
            salient(ctx, si)?
        }
        None => return None,
    };
    (ctx.entities[group].kind == EntityKind::Group).then_some((group, person.entity))
}

/// The word before a cue at token `a`, past the auxiliaries of a passive
/// and the words `also` names: "the attacks were launched", "the operation
/// was reportedly led by X" give the noun whose thing the cue tells.
fn word_before_passive(ctx: &Ctx, first: usize, a: usize, also: &[&str]) -> Option<usize> {
    let mut p = a;
    while p > first && {
        let w = ctx.tok_lower(p - 1);
        matches!(w, "was" | "were" | "been" | "being" | "is" | "are") || also.contains(&w)
    } {
        p -= 1;
    }
    (p > first).then(|| p - 1)
}

/// Whether `w` (lower case) is an auxiliary of a passive: "was", "been".
pub(super) fn is_passive_aux(w: &str) -> bool {
    matches!(w, "was" | "were" | "is" | "are" | "be" | "been" | "being")
}

/// Whether token `k` is an event's trigger word ("attack", "raid").
fn is_attack_word(ctx: &Ctx, k: usize) -> bool {
    !crate::events::trigger_spans(ctx, k, k + 1).is_empty()
}

/// How the parse reads a founding cue at tokens `a..b`.
enum FoundingReading {
    /// Not a founding at all: "the attacks were launched", "launched an
    /// ambush", "its armed wing was set up" (the wing, not the group).
    Not,
    /// A founding (or first activity) of this argument.
    Of(Arg, Predicate),
    /// No parse to go by: the word-window reading decides.
    Unknown,
}

fn founding_reading(ctx: &Ctx, si: usize, a: usize, b: usize, pred: Predicate) -> FoundingReading {
    use dossier_syntax::Upos;
    // "a military offensive launched in October", "the raids were carried
    // out": the noun right before the cue is what was launched, whatever
    // the parse makes of it.
    let (first, _) = ctx.view.sent_toks[si];
    if word_before_passive(ctx, first, a, &[])
        .is_some_and(|p| ctx.is_cue(cue!("founding_not_group"), p) || is_attack_word(ctx, p))
    {
        return FoundingReading::Not;
    }
    let Some(syn) = ctx.syn(si) else { return FoundingReading::Unknown };
    let v = (a..b).find(|&k| syn.is_verb(k)).unwrap_or(a);
    // A subject or object that is no noun phrase ("known" in a misparsed
    // apposition) means the parse went wrong here: the window decides.
    let nominal = |k: usize| {
        matches!(syn.upos(k), Some(Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num | Upos::X))
    };
    // What an event, a branch or a thing is, is never the group founded:
    // "the attacks were launched", "its armed wing was set up". Another
    // noun ("the name ISWAP dates to 2015", "networks that were fighting as
    // early as 2004") may still stand for the group: the window decides.
    let not_the_group = |k: usize| {
        is_attack_word(ctx, k)
            || ctx.is_cue(cue!("branch_head"), k)
            || ctx.is_cue(cue!("founding_not_group"), k)
    };
    // "a military offensive launched in October": a participle tells of
    // the noun it modifies.
    if syn.rel(v).starts_with("acl") {
        if let Some(h) = syn.head(v).filter(|&h| nominal(h)) {
            // "a military offensive" (read as a noun with an adjective).
            let phrase_not_group = |k: usize| {
                not_the_group(k)
                    || syn
                        .children(k)
                        .any(|c| matches!(syn.rel(c), "amod" | "compound") && not_the_group(c))
            };
            // "an alliance of rebel groups, including the Lion Front,
            // launched in late 2023": a name in a list of examples is not
            // what the participle tells of.
            let example =
                (h.saturating_sub(3).max(first)..h).any(|k| ctx.tok_lower(k) == "including");
            match arg_at(ctx, si, syn, h) {
                _ if example => return FoundingReading::Not,
                Arg::Other(k) if phrase_not_group(k) => return FoundingReading::Not,
                Arg::Other(_) => {}
                arg => return FoundingReading::Of(arg, pred),
            }
        }
    }
    let subject = clause_subject(syn, v).filter(|&s| nominal(s));
    // A passive cue has no object: "was founded in 1964 by radical Catholic
    // priests" read with "priests" as one is the parse's slip.
    let passive = syn.child(v, "aux:pass").is_some() || syn.child(v, "nsubj:pass").is_some();
    // An object inside the cue belongs to it ("took shape").
    let object = syn.child(v, "obj").filter(|&o| !passive && !(a..b).contains(&o) && nominal(o));
    if let Some(o) = object {
        // "launched its armed struggle in the 1980s": the group was active.
        if ctx.is_cue(cue!("active_object"), o) {
            return match subject {
                Some(s) => FoundingReading::Of(arg_at(ctx, si, syn, s), Predicate::FirstActive),
                None => FoundingReading::Not,
            };
        }
        // "Y founded X": X was founded. "launched an ambush", "launched a
        // website": nothing of the text's was.
        return match arg_at(ctx, si, syn, o) {
            Arg::Other(_) => FoundingReading::Not,
            arg => FoundingReading::Of(arg, pred),
        };
    }
    let Some(s) = subject else { return FoundingReading::Unknown };
    match arg_at(ctx, si, syn, s) {
        Arg::Other(k) if not_the_group(k) => FoundingReading::Not,
        Arg::Other(_) => FoundingReading::Unknown,
        arg => FoundingReading::Of(arg, pred),
    }
}

fn founding(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    for (cat, pred) in [("founded_cue", Predicate::Founded), ("active_cue", Predicate::FirstActive)]
    {
        for (a, b, _) in ctx.find_cues(cat, first, last) {
            // "launched an attack" is no founding: the cue must govern a time or "by".
            let (_, ce) = clause(ctx, si, a);
            let after_start = ctx.view.tokens[b.min(last - 1)].span.start;
            let limit = ctx.view.tokens[(b + 12).min(ce).max(b).min(last) - 1].span.end;
            let time = ctx
                .times_near(after_start, limit)
                .iter()
                .find(|t| t.span.start >= after_start && t.span.end <= limit);
            // What the cue can claim, read before the sentence is parsed: a
            // time close after it (the gap may hold only a few words:
            // "officially", "in", "as early as", place names) or a founder
            // ("established by X"). With neither, the sentence need not be
            // parsed at all.
            // A bare "emerged" or "appeared" is a first activity only with
            // its time right after it, past prepositions and places ("emerged
            // in Nangarhar in early 2015"; not "emerged stronger after
            // Arafat's death in 2004", "appeared in a video released on May
            // 11").
            let bare = b == a + 1 && matches!(ctx.tok_lower(a), "emerged" | "appeared");
            let in_place =
                |i: usize| ctx.names_in(i, i + 1).any(|m| ctx.kind_of(m) == EntityKind::Place);
            let time = time.filter(|t| {
                let tk = ctx.tok_at(t.span.start);
                // "now-defunct", "present-day": an adjective, not a time.
                let glued = ctx.text()[t.span.end as usize..].starts_with('-');
                !glued
                    && (b..tk).all(|i| {
                        !ctx.is_cue(cue!("event_attack"), i) && !matches!(ctx.tok(i), "." | ";")
                    })
                    && (!bare
                        || (b..tk).all(|i| {
                            in_place(i)
                                || matches!(
                                    ctx.tok_lower(i),
                                    "in" | "on" | "around" | "as" | "early" | "by" | "the" | ","
                                )
                        }))
            });
            // "In 1987 Hafiz Saeed founded X", "In around 2007, he formed X":
            // a time that opens the
            // sentence dates the cue when the parse hangs it there.
            let time = time.or_else(|| {
                ctx.times_at_toks(first, (first + 3).min(a)).iter().find(|t| {
                    let (ta, tb) = (ctx.tok_at(t.span.start), ctx.tok_end_at(t.span.end));
                    // Or only a comma and the subject's name between ("In
                    // 2002, Mohammed Yusuf set up ..."), which a parse may
                    // miss.
                    let mut n = tb;
                    if n < a && ctx.tok(n) == "," {
                        n += 1;
                    }
                    let named_subject = ctx.names_in(n, a).any(|m| m.toks == (n, a));
                    tb <= a
                        && (named_subject
                            || ctx.syn(si).is_some_and(|syn| {
                                let v = (a..b).find(|&k| syn.is_verb(k)).unwrap_or(a);
                                (ta..tb).any(|k| {
                                    syn.head(k) == Some(v) && syn.rel(k).starts_with("obl")
                                })
                            }))
                })
            });
            let founder = (pred == Predicate::Founded)
                .then(|| (b..(b + 8).min(ce)).find(|&i| ctx.tok(i) == "by"))
                .flatten()
                .and_then(|by| {
                    let (_, ce2) = clause(ctx, si, by);
                    ctx.names_in(by + 1, (by + 9).min(ce2))
                        .find(|m| {
                            matches!(
                                ctx.kind_of(m),
                                EntityKind::Group | EntityKind::Person | EntityKind::Organization
                            )
                        })
                        .map(|m| (by, m))
                })
                .map(|(by, m)| {
                    // "founded by former members of the Sinaloa Cartel",
                    // "by defectors from the Taliban": people who left a
                    // group, so the new one split from it.
                    let left = ctx.kind_of(m) == EntityKind::Group
                        && (by + 1..m.toks.0).any(|k| {
                            matches!(
                                ctx.tok_lower(k),
                                "members"
                                    | "defectors"
                                    | "dissidents"
                                    | "veterans"
                                    | "fighters"
                                    | "commanders"
                                    | "militants"
                                    | "cadres"
                            )
                        });
                    (m.entity, left)
                });
            // "Mohammed Yusuf founded Boko Haram", "X, who set up the group
            // in 2002": a person just before an active cue founded the group
            // named or meant after it.
            let (founder, split_from) = match founder {
                Some((e, true)) => (None, Some(e)),
                Some((e, false)) => (Some(e), None),
                None => (None, None),
            };
            let mut founded_group = None;
            if pred == Predicate::Founded && founder.is_none() && split_from.is_none() {
                if let Some((group, person)) = active_founder(ctx, si, a, b) {
                    founded_group = Some(group);
                    let modality = modality_near(ctx, attr, a, first);
                    push(
                        ctx,
                        out,
                        si,
                        group,
                        Predicate::FoundedBy,
                        Value::Entity(person),
                        None,
                        attr,
                        modality,
                        None,
                    );
                }
            }
            if time.is_none() && founder.is_none() && split_from.is_none() {
                continue;
            }
            // "created by the Muslim Brotherhood, an Islamist organisation
            // established in Egypt in the 1920s": the cue in an apposition
            // is the founding of the name the apposition describes.
            let apposed = (a.saturating_sub(8).max(first + 1)..a)
                .rev()
                .take_while(|&c| !matches!(ctx.tok(c), ";" | ":" | "(" | ")"))
                .find(|&c| {
                    ctx.tok(c) == "," && c + 1 < a && matches!(ctx.tok_lower(c + 1), "a" | "an")
                })
                .filter(|&c| !(c + 1..a).any(|i| ctx.tok(i) == ","))
                .and_then(|c| ctx.names_in(first, c).find(|m| m.toks.1 == c))
                .filter(|m| matches!(ctx.kind_of(m), EntityKind::Group | EntityKind::Organization));
            if let Some(m) = apposed {
                let e = resolve_branch(ctx, m);
                if ctx.entities[e].kind != EntityKind::Group
                    || subject_before(ctx, si, a).is_some_and(|s| s != e)
                {
                    continue;
                }
            }
            let (subject, pred) = match founding_reading(ctx, si, a, b, pred) {
                FoundingReading::Not => continue,
                // (The group a person's active cue named is the one founded:
                // "who formed a Taliban faction, the Lion Front, in 2016".)
                FoundingReading::Of(arg, p) => match founded_group
                    .filter(|_| p == Predicate::Founded)
                    .or_else(|| arg_entity(ctx, si, arg))
                {
                    Some(e) => (e, p),
                    None => continue,
                },
                // "Established in January 2015, the group ...": the group
                // after an opening participle's comma.
                FoundingReading::Unknown => {
                    let before =
                        || subject_before(ctx, si, a).or_else(|| opening_subject(ctx, si, a));
                    match founded_group.or_else(before) {
                        Some(e) => (e, pred),
                        None => continue,
                    }
                }
            };
            if ctx.entities[subject].kind != EntityKind::Group {
                continue;
            }
            let modality = modality_near(ctx, attr, a, first);
            if let Some(t) = time {
                push(
                    ctx,
                    out,
                    si,
                    subject,
                    pred,
                    Value::Time {
                        interval: t.interval.clone().map(since_year),
                        text: t.span.slice(ctx.text()).to_string(),
                    },
                    None,
                    attr,
                    modality,
                    None,
                );
            }
            if let Some(parent) = split_from.filter(|&p| p != subject) {
                push(
                    ctx,
                    out,
                    si,
                    subject,
                    Predicate::SplinterOf,
                    Value::Entity(parent),
                    None,
                    attr,
                    modality,
                    None,
                );
            }
            if pred == Predicate::Founded {
                // "established by X"
                if let Some(m_entity) = founder {
                    push(
                        ctx,
                        out,
                        si,
                        subject,
                        Predicate::FoundedBy,
                        Value::Entity(m_entity),
                        None,
                        attr,
                        modality,
                        None,
                    );
                }
            }
        }
    }
}

/// "has waged an insurgency since 1984": a start, the year itself, not the
/// years from it to the publication.
fn since_year(t: TimeInterval) -> TimeInterval {
    use chrono::Datelike;
    let year = t.value.as_deref().filter(|v| v.len() == 4).and_then(|v| v.parse::<i32>().ok());
    match (t.granularity, year, t.start) {
        (Granularity::Vague, Some(y), Some(start)) if start.year() == y && start.ordinal() == 1 => {
            TimeInterval {
                start: Some(start),
                end: chrono::NaiveDate::from_ymd_opt(y, 12, 31),
                granularity: Granularity::Year,
                value: t.value,
            }
        }
        _ => t,
    }
}

fn leaders(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    // A person's name, or an unknown capitalized name of two or more words
    // in a slot where only a person fits ("led by X", "his successor, X").
    let person_like = |m: &&NameMention| {
        ctx.kind_of(m) == EntityKind::Person
            || (ctx.kind_of(m) == EntityKind::Other && m.toks.1 - m.toks.0 >= 2)
    };
    // "the Netra Bikram Chand-led Communist Party of Nepal": a person's
    // name glued to "-led" before a group leads it.
    for p in ctx.names_in(first, last).filter(person_like) {
        let glued = ctx.tok(p.toks.1 - 1).ends_with("-led");
        let apart =
            p.toks.1 + 1 < last && ctx.tok(p.toks.1) == "-" && ctx.tok(p.toks.1 + 1) == "led";
        let g = match (glued, apart) {
            (true, _) => p.toks.1,
            (false, true) => p.toks.1 + 2,
            _ => continue,
        };
        let Some(gm) =
            ctx.names_in(g, (g + 1).min(last)).find(|m| ctx.kind_of(m) == EntityKind::Group)
        else {
            continue;
        };
        let subject = resolve_branch(ctx, gm);
        let modality = modality_near(ctx, attr, g, first);
        push_leader(
            ctx,
            out,
            si,
            subject,
            p.entity,
            publication_when(ctx),
            attr,
            modality,
            "current",
        );
    }
    // "His successor, Ahmed Diriye, ...": the successor leads now, the
    // predecessor did before.
    for k in first..last.saturating_sub(2) {
        let w = ctx.tok_lower(k + 1);
        let status = match w {
            "successor" => "current",
            "predecessor" => "former",
            _ => continue,
        };
        if !matches!(ctx.tok_lower(k), "his" | "her" | "its" | "their") {
            continue;
        }
        let from = if ctx.tok(k + 2) == "," { k + 3 } else { k + 2 };
        let Some(p) = ctx.names_in(from, (from + 1).min(last)).find(person_like) else {
            continue;
        };
        let Some(subject) = recent_subject(ctx, si).or(ctx.topic) else { continue };
        let former_near = (p.toks.1..(p.toks.1 + 8).min(last))
            .any(|i| ctx.is_cue(cue!("former_cue"), i) && ctx.tok_lower(i) != "was");
        let status = if former_near { "former" } else { status };
        let when = if status == "current" { publication_when(ctx) } else { None };
        let modality = modality_near(ctx, attr, k, first);
        push_leader(ctx, out, si, subject, p.entity, when, attr, modality, status);
    }
    // "Two of his successors met the same fate: X in 2013, and Y, who ...";
    // "Several earlier chiefs died violently: X in a drone strike, and Y ...".
    // A plural leading role before a colon introduces a list of leaders;
    // with a death or "former" cue they are former leaders.
    if let Some(colon) = (first..last).find(|&k| ctx.tok(k) == ":") {
        let role = (first..colon).find(|&k| {
            let w = ctx.tok_lower(k);
            let leads = |x: &str| ctx.lex.roles.get(x).is_some_and(|(_, leads)| *leads);
            w.ends_with('s') && !w.ends_with("ss") && (leads(w) || leads(&w[..w.len() - 1]))
        });
        if let Some(r) = role {
            let former = (first..last).any(|i| {
                let w = ctx.tok_lower(i);
                (ctx.lex.is("former_cue", w) && w != "was")
                    || matches!(w, "earlier" | "fate" | "successive" | "previous")
            });
            let subject = if (first..r).any(|i| matches!(ctx.tok_lower(i), "his" | "her")) {
                recent_subject(ctx, si).or(ctx.topic)
            } else {
                subject_before(ctx, si, r).or(ctx.topic)
            };
            if let (true, Some(subject)) = (former, subject) {
                // The first name of each list item: after the colon, "and" or ",".
                let mut k = colon + 1;
                while k < last {
                    if let Some(p) = ctx.names_in(k, (k + 1).min(last)).find(person_like) {
                        let modality = modality_near(ctx, attr, k, first);
                        push_leader(
                            ctx, out, si, subject, p.entity, None, attr, modality, "former",
                        );
                        // Skip to the next item.
                        k = p.toks.1;
                        while k < last
                            && !matches!(ctx.tok(k), "," | ";")
                            && ctx.tok_lower(k) != "and"
                        {
                            k += 1;
                        }
                    }
                    k += 1;
                }
            }
        }
    }
    // "is led by X", "has since been led by X"; also "It is led, as far as
    // is known, by X".
    let mut cues = ctx.find_cues(cue!("leader_cue"), first, last);
    for k in first..last.saturating_sub(1) {
        if ctx.tok_lower(k) == "led" && ctx.tok(k + 1) == "," {
            if let Some(by) = (k + 2..(k + 14).min(last)).find(|&i| ctx.tok_lower(i) == "by") {
                if ctx.tok(by - 1) == "," {
                    cues.push((k, by + 1, "led by"));
                }
            }
        }
    }
    // Words that may describe the leader before the name ("led by the
    // Algerian jihadist and smuggler X"): lower-case words, "and", and
    // nationality adjectives, no comma.
    let describes = |k: usize| {
        let t = ctx.tok(k);
        (is_lower_word(t) && !matches!(t, "who" | "which" | "that" | "in" | "on" | "at" | "since"))
            || ctx.names_in(k, k + 1).any(|m| ctx.kind_of(m) == EntityKind::Nationality)
    };
    for (a, b, _) in cues {
        let Some(p) = ctx
            .names_in(b, (b + 7).min(last))
            .find(person_like)
            .filter(|p| p.toks.0 < b + 3 || (b..p.toks.0).all(describes))
        else {
            continue;
        };
        // "the 2004-2009 uprising led by X", "a coalition led by X", "the
        // operation was led by X", "the strike was led by X": the leader
        // of that thing, not of a group.
        let thing = word_before_passive(ctx, first, a, &["be", "reportedly", "allegedly"]);
        if thing.is_some_and(|k| {
            is_lower_word(ctx.tok(k))
                && (ctx.is_cue(cue!("led_thing"), k) || is_attack_word(ctx, k))
        }) {
            continue;
        }
        // "Led by X, the group ...": the subject follows.
        let subject = if a == first {
            ctx.names_in(p.toks.1, (p.toks.1 + 6).min(last))
                .find(|m| ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description)
                .map(|m| resolve_branch(ctx, m))
        } else {
            // "joined with al-Mourabitoun led by X": the group the participle
            // follows, even as an object. A party or another organization
            // there is the one led ("forces loyal to the Fatah movement led
            // by X"): no group's leader.
            match phrase_start_before(ctx, first, a).and_then(|s| ctx.names_in(s, a).last()) {
                Some(m) if ctx.kind_of(m) == EntityKind::Group => Some(resolve_branch(ctx, m)),
                Some(m) if ctx.kind_of(m) == EntityKind::Place => subject_before(ctx, si, a),
                Some(_) => None,
                None => subject_before(ctx, si, a),
            }
        };
        let Some(subject) = subject else { continue };
        if ctx.entities[subject].kind != EntityKind::Group {
            continue;
        }
        let modality = modality_near(ctx, attr, a, first);
        let former = (first..a).any(|i| {
            matches!(
                ctx.tok_lower(i),
                "formerly" | "once" | "previously" | "founded" | "originally"
            )
        });
        let (status, when) =
            if former { ("former", None) } else { ("current", publication_when(ctx)) };
        push_leader(ctx, out, si, subject, p.entity, when, attr, modality, status);
    }
    // "X heads the Lion Front", "X, who leads a faction known as Y", "X
    // took over the group in 2016": a person as the subject of a verb of
    // leading, a group (or "the group") its object.
    for (a, b, cue) in ctx.find_cues(cue!("lead_verb"), first, last) {
        // "led by": the other way round (above); "led to", "headed for".
        if b < last
            && matches!(ctx.tok_lower(b), "by" | "to" | "for" | "into" | "toward" | "towards")
        {
            continue;
        }
        // The person right before the verb, past "who" and adverbs.
        let mut k = a;
        while k > first
            && matches!(
                ctx.tok_lower(k - 1),
                "now"
                    | "currently"
                    | "still"
                    | "also"
                    | "then"
                    | "reportedly"
                    | "effectively"
                    | "later"
                    | "once"
                    | "formerly"
                    | "previously"
                    | "eventually"
            )
        {
            k -= 1;
        }
        if k >= first + 2 && ctx.tok_lower(k - 1) == "who" && ctx.tok(k - 2) == "," {
            k -= 2;
            // "X (who hails from the Golan), who leads Y": past a remark in
            // brackets.
            if k > first && ctx.tok(k - 1) == ")" {
                if let Some(open) =
                    (k.saturating_sub(16).max(first)..k - 1).rev().find(|&i| ctx.tok(i) == "(")
                {
                    k = open;
                }
            }
        }
        let Some(p) = ctx.names_in(k.saturating_sub(6).max(first), k).find(|m| m.toks.1 == k)
        else {
            continue;
        };
        if !person_like(&p) {
            continue;
        }
        // The object: a group within a few words, past determiners,
        // lower-case words and "known as", with no comma or verb between.
        let (_, ce) = clause(ctx, si, a);
        let Some(g) = ctx.names_in(b, (b + 8).min(ce)).next() else { continue };
        if !(ctx.kind_of(g) == EntityKind::Group || g.via == Via::Description) {
            continue;
        }
        // "commanded the operation against al-Shabab": what was led is
        // another thing, the group its target.
        if (b..g.toks.0).any(|i| {
            !is_lower_word(ctx.tok(i))
                || ctx.is_verb_tag(i) == Some(true)
                    && !matches!(ctx.tok_lower(i), "known" | "called")
                || ctx.is_cue(cue!("led_thing"), i)
                || matches!(ctx.tok_lower(i), "against" | "targeting")
        }) {
            continue;
        }
        // "led the Lion Front's assault", "headed a Lion Front delegation":
        // the group only describes what was led.
        if g.toks.1 < last {
            let t = ctx.tok(g.toks.1);
            // ("the G9 alliance", "the Lion Front group": the group itself.)
            if matches!(t, "’s" | "'s")
                || is_lower_word(t)
                    && !ctx.lex.is("desc_head", t)
                    && !matches!(
                        t,
                        "in" | "since"
                            | "from"
                            | "until"
                            | "for"
                            | "and"
                            | "after"
                            | "when"
                            | "which"
                            | "that"
                            | "between"
                            | "at"
                            | "as"
                            | "on"
                            | "to"
                    )
            {
                continue;
            }
        }
        let subject =
            if g.via == Via::Description { ctx.topic } else { Some(resolve_branch(ctx, g)) };
        let Some(subject) = subject else { continue };
        if ctx.entities[subject].kind != EntityKind::Group {
            continue;
        }
        // A past tense ("led the group until his death") or a former cue
        // nearby makes the leader former; taking over dates the tenure's start.
        let past = matches!(cue, "led" | "headed" | "commanded");
        let former = past
            || (first..a)
                .any(|i| ctx.lex.is("former_cue", ctx.tok_lower(i)) && ctx.tok_lower(i) != "was")
            || (b..last).any(|i| matches!(ctx.tok_lower(i), "until" | "till"));
        let (status, when) = if former {
            ("former", when_for(ctx, si, a, None))
        } else if matches!(cue, "led" | "heads" | "leads" | "commands") {
            ("current", publication_when(ctx))
        } else {
            ("current", when_for(ctx, si, a, None).or_else(|| publication_when(ctx)))
        };
        let modality = modality_near(ctx, attr, a, first);
        push_leader(ctx, out, si, subject, p.entity, when, attr, modality, status);
    }
    let persons: Vec<&NameMention> =
        ctx.names_in(first, last).filter(|m| person_like(m) && m.via == Via::Name).collect();
    for p in persons {
        // A leading role word next to the person: "its leader X", "leaders
        // such as X", "X, the group's leader", "X is the leader of".
        // A founder is named the same way ("al-Qaeda founder X", "X, a
        // co-founder of Y"), and gives `founded_by`.
        let role_of = |i: usize| {
            let t = ctx.tok(i);
            let t = t.strip_suffix("’s").or_else(|| t.strip_suffix("'s")).unwrap_or(t);
            // "its then-leader X", "the ex-commander".
            let t = t.strip_prefix("then-").or_else(|| t.strip_prefix("ex-")).unwrap_or(t);
            ctx.lex.roles.get(t).filter(|_| is_lower_word(t))
        };
        let is_role =
            |i: usize| role_of(i).is_some_and(|(role, leads)| *leads || role == "founder");
        // Between a role and the name: a few set words, a title ("its
        // official leader is Colonel X"), or the group led ("the founder of
        // the Lion Front, X").
        let in_group =
            |k: usize| ctx.name_at(first, k).is_some_and(|m| ctx.kind_of(m) == EntityKind::Group);
        let title = |k: usize| {
            let t = ctx.tok(k);
            ctx.lex.roles.get(t).is_some_and(|(_, leads)| !*leads)
                && t.starts_with(|c: char| c.is_uppercase())
        };
        // "its leader, former elite police officer X": a comma, then a
        // lower-case description ending in a person's noun.
        let described = |i: usize| {
            let p0 = p.toks.0;
            i + 2 < p0
                && p0 <= i + 7
                && ctx.tok(i + 1) == ","
                && (i + 2..p0).all(|k| is_lower_word(ctx.tok(k)))
                && ctx.lex.roles.contains_key(ctx.tok(p0 - 1))
        };
        let before = (p.toks.0.saturating_sub(8).max(first)..p.toks.0)
            .rev()
            .find(|&i| is_role(i))
            .filter(|&i| {
                described(i)
                    || (i + 1..p.toks.0).all(|k| {
                        matches!(
                            ctx.tok_lower(k),
                            "," | "such"
                                | "as"
                                | "including"
                                | "the"
                                | "its"
                                | "their"
                                | "former"
                                | "late"
                                | "current"
                                | "new"
                                | "top"
                                | "supreme"
                                | "overall"
                                | "official"
                                | "slain"
                                | "then"
                                | "is"
                                | "was"
                                | "remains"
                                | "became"
                        ) || title(k)
                            || (ctx.tok_lower(k) == "of" && (in_group(k + 1) || in_group(k + 2)))
                            || in_group(k)
                    })
            })
            // Within four words, or the group named between.
            .filter(|&i| i + 4 >= p.toks.0 || described(i) || (i + 1..p.toks.0).any(in_group))
            // "battalion chief Lieutenant Colonel X": the role of a common
            // noun's unit, not of a group.
            .filter(|&i| {
                let possessed = (i.saturating_sub(3).max(first)..i).any(|k| {
                    let t = ctx.tok(k);
                    matches!(t, "its" | "their" | "Its" | "Their")
                        || t.ends_with("'s")
                        || t.ends_with("’s")
                });
                // A lower-case common noun before the role: "battalion
                // chief X"; not a lower-case group name ("praising al-Qaeda
                // founder X").
                let common_noun = i > first
                    && is_lower_word(ctx.tok(i - 1))
                    && !ctx.lex.is("desc_head", ctx.tok_lower(i - 1))
                    && ctx.is_noun_tag(i - 1) == Some(true)
                    && !in_group(i - 1);
                possessed || !common_noun
            });
        // Past what is set off right after the name: an age ("X, 45,"),
        // an alias ("X, also known as “Fito”,", "X, alias Y,").
        let mut pe = p.toks.1;
        if pe + 2 < last && status::age_set_off(ctx, pe, last) {
            pe += 2;
        } else if pe + 3 < last
            && ctx.tok(pe) == ","
            && (ctx.tok_lower(pe + 1) == "alias"
                || ctx.tok_lower(pe + 1) == "aka"
                || (ctx.tok_lower(pe + 1) == "also"
                    && ctx.tok_lower(pe + 2) == "known"
                    && ctx.tok_lower(pe + 3) == "as"))
        {
            if let Some(c) = (pe + 2..(pe + 10).min(last)).find(|&i| ctx.tok(i) == ",") {
                pe = c;
            }
        }
        let after = if pe < last
            && matches!(ctx.tok(pe), "," | "(" | "is" | "was" | "became" | "remains" | "has")
        {
            // "X, the group's leader", "X, the Lion Front's overall leader";
            // not "X, from whom its leaders claim descent" (several
            // leaders, and another clause's).
            // ("X has been appointed as the leader of G".)
            (pe + 1..(pe + 8).min(last)).find(|&i| is_role(i)).filter(|&i| {
                let plural = role_of(i).is_some_and(|(role, _)| titles::plural(ctx, i, role));
                // "X, and its leader, Y": the role is the next person's.
                // "X, a son of the founding leader": a kinsman's role.
                // ("X has said the leader of G", "X, who killed the leader
                // of G": another person's role.)
                // ("X has met the leader of G", "X, who criticized the
                // leader of G": any verb but a copula or one of appointing.)
                let other = |k: usize| {
                    ctx.is_cue(cue!("say_verb"), k)
                        || ctx.is_cue(cue!("kill_verb"), k)
                        || ctx.is_cue("status_killed", k)
                        || ctx.is_cue("status_arrested", k)
                        || (ctx.is_verb_tag(k) == Some(true)
                            && !ctx.is_cue(cue!("role_link_verb"), k))
                };
                !plural
                    && (pe + 1..i).all(|k| !ctx.is_cue(cue!("kin_noun"), k) && !other(k))
                    && (pe + 1..i).all(|k| {
                        !matches!(ctx.tok(k), "," | ";" | "." | "and" | "or" | "whom" | "whose")
                            && (ctx
                                .tok(k)
                                .chars()
                                .all(|c| c.is_lowercase() || c == '’' || c == '\'' || c == '-')
                                || in_group(k))
                    })
            })
        } else {
            None
        };
        let role = before.or(after);
        let Some(r) = role else { continue };
        // "al-Shabaab's intelligence chief", "deputy leader", "shadow
        // district chief for Tagab": a subordinate office, not the group's
        // leadership.
        let office =
            (r.saturating_sub(2).max(first)..r).any(|k| ctx.is_cue(cue!("office_modifier"), k));
        let founder = role_of(r).is_some_and(|(role, _)| role == "founder");
        if office && !founder {
            continue;
        }
        // Who is led: "leader of X", a group just before the role, or the salient group.
        let mut subject = None;
        if r + 1 < last && ctx.tok(r + 1) == "of" {
            let (_, ce) = clause(ctx, si, r);
            // The noun phrase ends at a comma or a verb ("head of the Tajik
            // intelligence service, said the Lion Front ...").
            let ce = (r + 2..ce)
                .find(|&k| {
                    matches!(ctx.tok(k), "," | ";" | "(")
                        || ctx.lex.is("say_verb", ctx.tok_lower(k))
                })
                .unwrap_or(ce);
            // "leader of rival Nigerian militant Islamist group Boko Haram":
            // a nationality or a word of unknown kind describes the group
            // named after it.
            let named = ctx
                .names_in(r + 2, (r + 10).min(ce))
                .find(|m| !matches!(ctx.kind_of(m), EntityKind::Nationality | EntityKind::Other));
            match named {
                Some(m) if ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description => {
                    subject = Some(resolve_branch(ctx, m));
                }
                // "the head of U.S. Central Command": not a group's leader.
                Some(_) => continue,
                // "a leader of a local militia": of a group the text does
                // not name.
                None if r + 2 < last && matches!(ctx.tok_lower(r + 2), "a" | "an") => continue,
                None => {}
            }
        }
        if subject.is_none() {
            // "Quds Force leader Qasem Soleimani", "Hamas leader X": the name
            // right before the role is what is led; one that is no group
            // (an organization, a state) leads nothing of the text's.
            let before =
                ctx.names_in(r.saturating_sub(4).max(first), r).filter(|m| m.toks.1 == r).last();
            if before.is_some_and(|m| {
                matches!(
                    ctx.kind_of(m),
                    EntityKind::Organization | EntityKind::Place | EntityKind::Person
                ) && m.via != Via::Description
            }) {
                continue;
            }
            subject = ctx
                .names_in(r.saturating_sub(3).max(first), r)
                .filter(|m| ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description)
                .last()
                .map(|m| resolve_branch(ctx, m));
        }
        // "X, an influential political leader, condemned the attack": an
        // indefinite description names no group's leader unless it names
        // the group.
        if subject.is_none()
            && r > p.toks.1
            && (p.toks.1..r).any(|k| matches!(ctx.tok_lower(k), "a" | "an"))
        {
            continue;
        }
        if subject.is_none() {
            let possessive = (r.saturating_sub(2).max(first)..r)
                .any(|i| matches!(ctx.tok_lower(i), "its" | "their"));
            // "the new leader of Ansarul Khilafah following the killing of
            // its chieftain X": "its" is the group named last before it in
            // the sentence, else the text's main group.
            let named_before = || {
                ctx.names_in(first, r)
                    .filter(|m| {
                        ctx.kind_of(m) == EntityKind::Group
                            && m.via == Via::Name
                            && !ctx.is_adjective(m)
                            && m.toks.1 <= p.toks.0.min(r)
                    })
                    .last()
                    .map(|m| resolve_branch(ctx, m))
            };
            if possessive {
                subject = named_before().or(ctx.topic);
            } else if ctx.names_in(first, last).any(|m| m.via == Via::Description) {
                subject = ctx.topic;
            } else {
                subject = subject_before(ctx, si, p.toks.0.min(r));
            }
        }
        let Some(subject) = subject else { continue };
        if ctx.entities[subject].kind != EntityKind::Group {
            continue;
        }
        if founder {
            let modality = modality_near(ctx, attr, r, first);
            let modality = if modality == Modality::Denied { attr.modality } else { modality };
            push(
                ctx,
                out,
                si,
                subject,
                Predicate::FoundedBy,
                Value::Entity(p.entity),
                None,
                attr,
                modality,
                None,
            );
            continue;
        }
        let (lo, hi) =
            (p.toks.0.min(r).saturating_sub(3).max(first), (p.toks.1.max(r) + 6).min(last));
        let former = (lo..hi).any(|i| {
            let w = ctx.tok_lower(i);
            ctx.lex.is("former_cue", w) && w != "was"
                || w.starts_with("then-")
                || w.starts_with("ex-")
                || (w == "was" && i + 1 < last && ctx.tok_lower(i + 1) == "killed")
        });
        let status = if former { "former" } else { "current" };
        let when = if former { None } else { publication_when(ctx) };
        let mut attr2 = Attribution {
            source: attr.source.clone(),
            modality: modality_near(ctx, attr, r, first),
            source_toks: attr.source_toks,
        };
        if attr2.modality == Modality::Denied {
            attr2.modality = attr.modality;
        }
        push_leader(ctx, out, si, subject, p.entity, when, &attr2, attr2.modality, status);
    }
}

/// Where the noun phrase right before token `a` starts: at the name that
/// ends it, past lower-case head words after the name ("the Fatah
/// movement", "al-Mourabitoun"), never past a verb. `None` when no name
/// ends it.
fn phrase_start_before(ctx: &Ctx, first: usize, a: usize) -> Option<usize> {
    let mut k = a;
    // Lower-case nouns after a name: "movement", "party", "faction".
    while k > first
        && k + 3 > a
        && is_lower_word(ctx.tok(k - 1))
        && !ctx.lex.is("clause_break", ctx.tok_lower(k - 1))
        && ctx.is_verb_tag(k - 1) != Some(true)
    {
        k -= 1;
    }
    ctx.names_in(first, k).filter(|m| m.toks.1 == k).last().map(|m| m.toks.0)
}

/// Items of a list after a cue: split on ",", "and", "or", "as well as".
fn list_items(ctx: &Ctx, si: usize, from: usize) -> Vec<(usize, usize)> {
    let (_, last) = ctx.view.sent_toks[si];
    let mut items = Vec::new();
    let mut start = from;
    let mut k = from;
    while k < last {
        let t = ctx.tok(k);
        let lower = t.to_lowercase();
        // "the National Liberation Army (ELN), Los Rastrojos": a name's
        // acronym in brackets stays in its item.
        if t == "(" {
            if let Some(close) = (k + 2..(k + 5).min(last)).find(|&j| ctx.tok(j) == ")") {
                k = close + 1;
                continue;
            }
        }
        if matches!(t, "." | ";" | ":" | "(" | ")")
            || (ctx.lex.is("clause_break", &lower) && k > from)
        {
            break;
        }
        let sep_len = if t == "," || lower == "and" || lower == "or" {
            1
        } else if lower == "as" && ctx.phrase_at(k, "as well as", last).is_some() {
            3
        } else {
            0
        };
        if sep_len > 0 {
            if k > start {
                items.push((start, k));
            }
            k += sep_len;
            // ", and" / ", as well as"
            while k < last && (ctx.tok_lower(k) == "and" || ctx.tok_lower(k) == "or") {
                k += 1;
            }
            if k < last && ctx.phrase_at(k, "as well as", last).is_some() {
                k += 3;
            }
            start = k;
            // "to overthrow the government and create an Islamic state":
            // a second verb ends the list of the first one's objects.
            let function_word = |w: &str| {
                matches!(
                    w,
                    "the" | "a" | "an" | "its" | "their" | "his" | "her" | "other" | "some" | "in"
                )
            };
            if k < last
                && is_lower_word(ctx.tok(k))
                && !function_word(ctx.tok(k))
                && ctx.is_verb_tag(k) == Some(true)
            {
                break;
            }
            continue;
        }
        k += 1;
    }
    if k > start {
        items.push((start, k));
    }
    items
}

fn item_text(ctx: &Ctx, a: usize, b: usize) -> String {
    let mut a = a;
    while a < b
        && matches!(
            ctx.tok_lower(a),
            "the" | "a" | "an" | "both" | "either" | "including" | "especially" | "mainly"
        )
    {
        a += 1;
    }
    if a >= b {
        return String::new();
    }
    let span = Span::new(ctx.view.tokens[a].span.start(), ctx.view.tokens[b - 1].span.end());
    clean_surface(span.slice(ctx.text()))
}

fn places(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    let mut presence = presence_cues(ctx, si);
    for (cat, pred) in [
        ("based_cue", Predicate::BasedIn),
        ("operates_cue", Predicate::OperatesIn),
        ("control_cue", Predicate::OperatesIn),
        ("", Predicate::OperatesIn),
    ] {
        let control = cat == "control_cue";
        let cues = if cat.is_empty() {
            std::mem::take(&mut presence)
        } else {
            ctx.find_cues(cat, first, last)
        };
        for (a, b, _) in cues {
            // "the town was seized by", "was captured in": the subject is
            // what was taken.
            if control
                && a > first
                && matches!(ctx.tok_lower(a - 1), "was" | "were" | "been" | "being" | "is" | "are")
            {
                continue;
            }
            // "a local imam who was then based in Mocimboa": "who" stands
            // for a person, unless a group is named after it.
            let who =
                (a.saturating_sub(6).max(first)..a).rev().find(|&i| ctx.tok_lower(i) == "who");
            if who.is_some_and(|w| !ctx.names_in(w, a).any(|m| ctx.kind_of(m) == EntityKind::Group))
            {
                continue;
            }
            // "an attack on an army base in New Delhi", "a U.S. base in
            // Qatar": a base that is not the group's.
            if matches!(ctx.tok_lower(a), "base" | "bases") && a > first {
                let before = ctx.tok_lower(a - 1);
                let others =
                    matches!(
                        before,
                        "army"
                            | "military"
                            | "air"
                            | "naval"
                            | "navy"
                            | "police"
                            | "marine"
                            | "missile"
                    ) || ctx.names_in(a - 1, a).any(|m| ctx.kind_of(m) != EntityKind::Group)
                        || (a.saturating_sub(4).max(first)..a)
                            .any(|i| ctx.is_cue(cue!("event_attack"), i));
                // "launched rockets on a base in northern Israel", "struck
                // a base in": a target.
                let mut d = a - 1;
                if d > first && matches!(ctx.tok_lower(d), "a" | "an" | "the") {
                    d -= 1;
                }
                let target = d < a - 1 || !matches!(ctx.tok_lower(a - 1), "its" | "their");
                let target = target
                    && matches!(
                        ctx.tok_lower(d),
                        "on" | "at"
                            | "against"
                            | "targeted"
                            | "targeting"
                            | "struck"
                            | "hit"
                            | "attacked"
                            | "stormed"
                            | "raided"
                            | "shelled"
                    );
                if others || target {
                    continue;
                }
            }
            // "the Islamic Courts Union, the coalition of courts that briefly
            // controlled Mogadishu": a relative clause's verb belongs to its
            // antecedent, the group named just before the pronoun (even as
            // the object of "of"), else to no group.
            let relative = (a.saturating_sub(3).max(first)..a)
                .rev()
                .find(|&i| matches!(ctx.tok_lower(i), "that" | "which"));
            // "From their stronghold in Mali, groups with al-Qaeda links
            // have ...": a possessive in a phrase opening the sentence is
            // the subject's after its comma; only a group there (or "it",
            // "they") owns the place.
            let opening_possessive = ctx.lex.is("object_prep", ctx.tok_lower(first))
                && (first..a).all(|i| ctx.tok(i) != ",")
                && (first..a).any(|i| matches!(ctx.tok_lower(i), "its" | "their"))
                && ctx.names_in(first, a).next().is_none();
            if opening_possessive {
                let c = (b..last).find(|&i| ctx.tok(i) == ",");
                let owner = c.is_some_and(|c| {
                    c + 1 < last
                        && (matches!(ctx.tok_lower(c + 1), "it" | "they")
                            || ctx.names_in(c + 1, (c + 3).min(last)).any(|m| {
                                ctx.kind_of(m) == EntityKind::Group
                                    && !(c + 1..m.toks.0)
                                        .any(|i| ctx.lex.is("object_prep", ctx.tok_lower(i)))
                            }))
                });
                if !owner {
                    continue;
                }
            }
            // (A description counts: it stands for the text's group, "The
            // violent gang, which operates in ...".)
            let subject = match relative {
                Some(r) => ctx
                    .names_in(r.saturating_sub(16).max(first), r)
                    .filter(|m| ctx.kind_of(m) == EntityKind::Group)
                    .last()
                    .map(|m| resolve_branch(ctx, m)),
                None => subject_before(ctx, si, a).or_else(|| opening_subject(ctx, si, a)),
            };
            let Some(subject) = subject else {
                continue;
            };
            if ctx.entities[subject].kind != EntityKind::Group {
                continue;
            }
            // "Boko Haram and ISWAP fighters have operated in ...": each
            // group of the subject's coordination.
            // (Not a subject a pronoun stands for: "From their stronghold
            // in Mali, groups with al Qaeda and IS links ...").
            let named = ctx
                .names_in(first, a)
                .any(|m| m.via == Via::Name && resolve_branch(ctx, m) == subject);
            let subjects = match relative {
                None if named => coordinated_groups(ctx, si, subject, a),
                _ => vec![subject],
            };
            let modality = modality_near(ctx, attr, a, first);
            let (_, ce) = clause(ctx, si, a);
            let mut hi = (b + 24).min(ce);
            // The places end at a relative clause ("in Pakistan and
            // Afghanistan, regions where US forces have fought").
            hi = (b..hi)
                .find(|&k| matches!(ctx.tok_lower(k), "where" | "which" | "who" | "whose" | "that"))
                .unwrap_or(hi);
            // ... and at a second verb ("from their northern stronghold in
            // Yemen and seizing the capital, Sanaa").
            hi = (b..hi.saturating_sub(1))
                .find(|&k| {
                    ctx.tok_lower(k) == "and"
                        && is_lower_word(ctx.tok(k + 1))
                        && ctx.is_verb_tag(k + 1) == Some(true)
                })
                .unwrap_or(hi);
            // "Largely based in Nangarhar, the group ...": the places before
            // the comma.
            if opening_phrase(ctx, si, a) {
                hi = (b..hi).find(|&k| ctx.tok(k) == ",").unwrap_or(hi);
            }
            // What a group took or holds is its object, close after the verb
            // ("seized control of the northern province of Saada and the
            // capital, Sanaa"), not a place further on ("captured two
            // soldiers in Kunar").
            if control {
                let object = (b..(b + 7).min(hi))
                    .find(|&k| ctx.names_in(k, k + 1).any(|m| ctx.kind_of(m) == EntityKind::Place));
                let Some(o) = object else { continue };
                // "hold control of several rural districts in Kunar": a
                // preposition after a noun of territory opens where it is.
                let territory = |k: usize| {
                    k > b && {
                        let w = ctx.tok_lower(k - 1);
                        ctx.lex.is("settlement_noun", w)
                            || ctx.lex.is("admin_head", w.strip_suffix('s').unwrap_or(w))
                            || matches!(
                                w,
                                "parts" | "swathes" | "territory" | "territories" | "pockets"
                            )
                    }
                };
                if (b..o).any(|k| {
                    matches!(ctx.tok_lower(k), "in" | "from" | "at" | "near")
                        && !(ctx.tok_lower(k) == "in" && territory(k))
                }) {
                    continue;
                }
            }
            for m in ctx.names_in(b, hi) {
                // After the object, only the places joined to it.
                if control
                    && ctx.names_in(b, m.toks.0).any(|p| ctx.kind_of(p) == EntityKind::Place)
                    && !(m.toks.0.saturating_sub(4).max(b)..m.toks.0)
                        .any(|k| matches!(ctx.tok_lower(k), "and" | ","))
                {
                    break;
                }
                // "a province the size of Austria": a comparison.
                let compared = m.toks.0 >= b + 2
                    && ctx.tok_lower(m.toks.0 - 1) == "of"
                    && matches!(ctx.tok_lower(m.toks.0 - 2), "size" | "area" | "that");
                if ctx.kind_of(m) == EntityKind::Place && !compared {
                    let when = when_for(ctx, si, a, None);
                    for &subject in &subjects {
                        push(
                            ctx,
                            out,
                            si,
                            subject,
                            pred,
                            Value::Entity(m.entity),
                            when.clone(),
                            attr,
                            modality,
                            None,
                        );
                    }
                }
            }
        }
    }
    based_adjective(ctx, si, attr, out);
    members_in(ctx, si, attr, out);
}

/// "Al-Shabaab militants in central and southern Somalia", "ISIS fighters
/// across Syria and Iraq": a group's name before a noun of its armed men
/// (`actor_armed`, `member_noun`) and a preposition of place says where it
/// operates. The places follow the preposition at once (after "the" or a
/// direction: "northern"), joined by "and" or commas.
fn members_in(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    for m in ctx.names_in(first, last) {
        let n = m.toks.1;
        if n + 2 >= last || ctx.kind_of(m) != EntityKind::Group || m.via == Via::Description {
            continue;
        }
        let noun = ctx.tok_lower(n);
        let plural = noun.ends_with('s') || noun.ends_with("men");
        if !plural || !(ctx.lex.is("actor_armed", noun) || ctx.is_cue(cue!("member_noun"), n)) {
            continue;
        }
        if !matches!(ctx.tok_lower(n + 1), "in" | "across" | "throughout") {
            continue;
        }
        let subject = resolve_branch(ctx, m);
        let modality = modality_near(ctx, attr, n, first);
        let mut k = n + 2;
        loop {
            while k < last
                && (matches!(ctx.tok_lower(k), "the" | "and" | "," | "parts" | "of")
                    || ctx.lex.is("direction_adj", ctx.tok_lower(k)))
            {
                k += 1;
            }
            let Some(p) =
                ctx.names_in(k, (k + 1).min(last)).find(|p| ctx.kind_of(p) == EntityKind::Place)
            else {
                break;
            };
            let when = when_for(ctx, si, n, None);
            let value = Value::Entity(p.entity);
            push(ctx, out, si, subject, Predicate::OperatesIn, value, when, attr, modality, None);
            k = p.toks.1;
            if !(k < last && matches!(ctx.tok_lower(k), "and" | ",")) {
                break;
            }
        }
    }
}

/// "expanded its operations into Syria", "Wagner's presence has been
/// reported in ...", "controls large swathes of territory in ...": a
/// `presence_noun` owned by a group ("its", "their", a group's possessive,
/// a verb of having: "has a strong presence") or taken by a `control_cue`
/// verb, then within a few words a preposition
/// of place. Returned as cue hits: from the noun to after the preposition
/// (none where a listed `operates_cue` phrase already ends there).
fn presence_cues(ctx: &Ctx, si: usize) -> Vec<(usize, usize, &'static str)> {
    let (first, last) = ctx.view.sent_toks[si];
    let mut out = Vec::new();
    for k in first..last {
        if !ctx.is_cue(cue!("presence_noun"), k) {
            continue;
        }
        // The owner: up to two adjectives back ("its growing presence",
        // "its military activities"; not "its roots lie in networks").
        let adjective = |i: usize| {
            ctx.tok(i).chars().all(|c| c.is_ascii_lowercase() || c == '-')
                && !ctx.lex.is("object_prep", ctx.tok_lower(i))
                && !ctx.lex.is("locative", ctx.tok_lower(i))
                && ctx.is_verb_tag(i) != Some(true)
        };
        let mut d = k;
        while d > first
            && k - d < 3
            && !matches!(ctx.tok_lower(d - 1), "its" | "their")
            && adjective(d - 1)
        {
            d -= 1;
        }
        let owned = d > first
            && (matches!(ctx.tok_lower(d - 1), "its" | "their")
                || ctx.names_in(first, d).any(|m| {
                    m.toks.1 == d
                        && ctx.kind_of(m) == EntityKind::Group
                        && ctx.text()[m.span.end as usize..].starts_with(['\'', '’'])
                })
                || (k.saturating_sub(5).max(first)..k).any(|i| {
                    ctx.is_cue(cue!("control_cue"), i)
                        || matches!(
                            ctx.tok_lower(i),
                            "has"
                                | "have"
                                | "had"
                                | "maintains"
                                | "maintained"
                                | "established"
                                | "built"
                                | "expanded"
                                | "extended"
                                | "held"
                                | "hold"
                                | "holds"
                        )
                }));
        if !owned {
            continue;
        }
        // The preposition: right after the noun, or after an auxiliary, a
        // participle or an adverb ("has been reported in", "is
        // concentrated mainly in"; not "after training its guerrillas in").
        let place_prep =
            |i: usize| matches!(ctx.tok_lower(i), "in" | "into" | "across" | "throughout");
        let between = |i: usize| {
            let w = ctx.tok_lower(i);
            ctx.lex.is("auxiliary", w)
                || matches!(w, "has" | "have" | "had" | "also" | "now")
                || ((w.ends_with("ed") || w.ends_with("ly")) && !place_prep(i))
        };
        // "has conducted operations against Indian troops and civilian
        // targets in Kashmir": over the phrase of whom they are against.
        let against = || {
            if !(k + 1 < last && ctx.tok_lower(k + 1) == "against") {
                return None;
            }
            (k + 2..(k + 10).min(last))
                .take_while(|&i| {
                    !matches!(ctx.tok(i), "," | ";" | "(") && ctx.is_verb_tag(i) != Some(true)
                })
                .find(|&i| matches!(ctx.tok_lower(i), "in" | "across" | "throughout"))
        };
        let Some(p) = (k + 1..(k + 6).min(last))
            .take_while(|&i| place_prep(i) || between(i))
            .find(|&i| place_prep(i))
            .or_else(against)
        else {
            continue;
        };
        if ctx.ends_cue(cue!("operates_cue"), p + 1) {
            continue;
        }
        out.push((k, p + 1, ""));
    }
    out
}

/// Is the cue at token `k` in a phrase opening the sentence, before its
/// subject ("Largely based in Nangarhar, the group operates ...")? At most
/// two words, no name, may come before it.
fn opening_phrase(ctx: &Ctx, si: usize, k: usize) -> bool {
    let (first, _) = ctx.view.sent_toks[si];
    k - first <= 2
        && (first..k).all(|i| ctx.tok(i).chars().all(char::is_alphabetic))
        // "Its bases in X, Y and Z": the subject's, not a phrase before it;
        // "It operates in X, Y and Z": the subject itself.
        && !(first..k).any(|i| {
            matches!(ctx.tok_lower(i), "its" | "their") || PRONOUNS.contains(&ctx.tok_lower(i))
        })
        && ctx.names_in(first, k).next().is_none()
}

/// The subject of a sentence that opens with a phrase about it: the first
/// group named after the opening phrase's comma ("Largely based in
/// Nangarhar, the Lion Front operates mainly in Kunar").
fn opening_subject(ctx: &Ctx, si: usize, k: usize) -> Option<usize> {
    let (_, last) = ctx.view.sent_toks[si];
    if !opening_phrase(ctx, si, k) {
        return None;
    }
    let comma = (k..last).find(|&i| ctx.tok(i) == ",")?;
    // "Based in the districts of Cabo Delgado, they hold ...": the group the
    // pronoun stands for.
    if comma + 1 < last && matches!(ctx.tok_lower(comma + 1), "it" | "they") {
        return salient(ctx, si);
    }
    let m = ctx.names_in(comma + 1, (comma + 4).min(last)).next()?;
    // "..., groups with al-Qaeda links have ...": a name after a
    // preposition is not the subject.
    if (comma + 1..m.toks.0).any(|i| ctx.lex.is("object_prep", ctx.tok_lower(i))) {
        return None;
    }
    (ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description)
        .then(|| resolve_branch(ctx, m))
}

/// "a Sinai-based organization", "the Kunar-based Lion Front": a place name
/// made an adjective (`based_suffix`) says where a group is based. The group
/// is the one the adjective modifies when it is named right after, else the
/// subject before it ("The Lion Front, a Sinai-based group, ...").
/// In the same way a group name made an adjective (`link_suffix`: "an
/// al-Qaeda-linked militant group", "the IS-affiliated Abu Sayyaf") says what
/// the group is affiliated with.
fn based_adjective(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    let text = ctx.text();
    for m in ctx.names_in(first, last) {
        let kinds: &[(&str, Predicate)] = match ctx.kind_of(m) {
            EntityKind::Place => &[
                ("based_suffix", Predicate::BasedIn),
                ("backer_suffix", Predicate::AlliedWith),
                ("ally_suffix", Predicate::AlliedWith),
            ],
            EntityKind::Group => &[
                ("link_suffix", Predicate::AffiliatedWith),
                ("backer_suffix", Predicate::AlliedWith),
            ],
            EntityKind::Organization | EntityKind::Nationality => {
                &[("backer_suffix", Predicate::AlliedWith), ("ally_suffix", Predicate::AlliedWith)]
            }
            _ => continue,
        };
        let rest = &text[m.span.end as usize..];
        let ends = |w: &str| {
            rest.get(..w.len()).is_some_and(|r| r.eq_ignore_ascii_case(w))
                && !rest[w.len()..].starts_with(|c: char| c.is_alphanumeric())
        };
        // The ending glued by its hyphen, or written apart ("an al-Qaeda
        // affiliated group": then a group noun must follow, see
        // `Ctx::is_adjective`).
        let Some((suffix_len, predicate)) = kinds.iter().find_map(|&(cat, predicate)| {
            ctx.lex.words(cat).find_map(|w| {
                if ends(w) {
                    return Some((w.len(), predicate));
                }
                let apart = w.strip_prefix('-')?;
                // "a Ugandan armed group" is armed, not armed by Uganda.
                if apart == "armed" {
                    return None;
                }
                let after = rest.strip_prefix(' ')?;
                let fits = after.get(..apart.len()).is_some_and(|r| r.eq_ignore_ascii_case(apart))
                    && !after[apart.len()..].starts_with(|c: char| c.is_alphanumeric());
                (fits && ctx.is_adjective(m)).then_some((1 + apart.len(), predicate))
            })
        }) else {
            continue;
        };
        // "Sudan's main paramilitary group", "Yemen's Houthis": a place's
        // possessive says where the group is active, not where its base is.
        let possessive = rest.starts_with("'s") || rest.starts_with("’s");
        let predicate = if possessive && predicate == Predicate::BasedIn {
            Predicate::OperatesIn
        } else {
            predicate
        };
        let next = ctx.tok_at(m.span.end + suffix_len as u32);
        let mut head = next;
        // Adjectives, also names made adjectives ("Yemen's Iran-backed
        // Houthis").
        let hyphenated_adjective = |k: usize| {
            ctx.tok(k).rsplit_once('-').is_some_and(|(_, tail)| {
                !tail.is_empty() && tail.chars().all(|c| c.is_ascii_lowercase())
            })
        };
        while head < last && (ctx.is_cue(cue!("desc_adj"), head) || hyphenated_adjective(head)) {
            head += 1;
        }
        // "Colombia's largest and most powerful criminal organization",
        // "Sudan's main paramilitary group": any adjectives, when a group
        // noun ends them.
        if !ctx.is_cue(cue!("desc_head"), head) {
            // Adjectives, adverbs and "and": no noun ("a Nairobi-based
            // researcher who studies the group"), verb or pronoun.
            let lower = |k: usize| ctx.tok(k).chars().all(|c| c.is_ascii_lowercase() || c == '-');
            let plain = |k: usize| {
                let w = ctx.tok(k);
                lower(k)
                    && !ctx.lex.is("object_prep", w)
                    && !ctx.lex.is("locative", w)
                    && !matches!(w, "who" | "which" | "that" | "whose")
                    && (ctx.is_cue(cue!("desc_head"), k)
                        || (ctx.is_noun_tag(k) != Some(true) && ctx.is_verb_tag(k) != Some(true)))
            };
            // The word right before the group noun may be a noun
            // ("paramilitary group", "drug trafficking organization").
            let found = (head..(head + 6).min(last))
                .take_while(|&k| {
                    plain(k) || (k + 1 < last && lower(k) && ctx.is_cue(cue!("desc_head"), k + 1))
                })
                .find(|&k| ctx.is_cue(cue!("desc_head"), k));
            if let Some(h) = found {
                head = h;
            }
        }
        // "Haiti's main gang leaders": the group noun modifies another
        // noun, and no group is meant.
        if head + 1 < last
            && ctx.is_cue(cue!("desc_head"), head)
            && ctx.tok(head + 1).chars().all(|c| c.is_ascii_lowercase())
            && ctx.is_noun_tag(head + 1) == Some(true)
        {
            continue;
        }
        // "Somalia's al-Qaeda affiliate": a group named before a branch
        // noun modifies it; the group meant is the affiliate.
        let branch = ctx
            .names_in(head, (head + 1).min(last))
            .find(|g| ctx.kind_of(g) == EntityKind::Group)
            .map(|g| g.toks.1)
            .filter(|&e| e < last && ctx.is_cue(cue!("branch_head"), e));
        if let Some(e) = branch {
            head = e;
        }
        // The group it modifies ("the Kunar-based Lion Front") ...
        // "the al-Qaeda-linked al Shabaab": a particle the name leaves out.
        let particle = head + 1 < last && ctx.is_cue(cue!("name_particle"), head);
        // "the al-Qaeda-linked group al-Shabaab", "an IS-affiliated
        // faction, Ansar al-Sunna,": the name set beside the group noun.
        let head = if head + 1 < last && ctx.is_cue(cue!("desc_head"), head) {
            let mut k = head + 1;
            if ctx.tok(k) == "," {
                k += 1;
            }
            if k + 1 < last && ctx.tok_lower(k) == "the" {
                k += 1;
            }
            let named = ctx
                .names_in(k, (k + 1).min(last))
                .any(|g| ctx.kind_of(g) == EntityKind::Group && g.via != Via::Description);
            if named {
                k
            } else {
                head
            }
        } else {
            head
        };
        let modified = ctx
            .names_in(head, (head + 1 + usize::from(particle)).min(last))
            .find(|g| ctx.kind_of(g) == EntityKind::Group && g.via != Via::Description)
            // Not a name used as a modifier: "a US-based al-Qaeda operative".
            // ("the Iran-backed Houthi fighters": the group's men, several.)
            .filter(|g| {
                let after = ctx.tok_lower(g.toks.1.min(last.saturating_sub(1)));
                let plural = after.len() > 3 && crate::events::plural_noun(ctx, g.toks.1);
                g.toks.1 >= last
                    || !((ctx.is_cue(cue!("member_noun"), g.toks.1)
                        || ctx.lex.is("strength_unit", after))
                        && !plural
                        || ctx.lex.roles.contains_key(after)
                        || after == "operative")
            })
            .map(|g| resolve_branch(ctx, g));
        // ... else a group noun ("a Sinai-based militant organization"), never
        // a person or a thing ("a Nairobi-based researcher").
        let describes_group = head < last
            && (ctx.is_cue(cue!("desc_head"), head) || branch.is_some_and(|e| e == head));
        let Some(subject) = modified
            .or_else(|| describes_group.then(|| subject_before(ctx, si, m.toks.0)).flatten())
            // "The Pakistan-based militant group has denied ...": a definite
            // description opening its clause stands for the group the text
            // is about.
            .or_else(|| {
                let definite = m.toks.0 > first && ctx.tok_lower(m.toks.0 - 1) == "the";
                let opens = m.toks.0 == first + 1
                    || (m.toks.0 >= first + 2 && ctx.tok(m.toks.0 - 2) == ",");
                (describes_group && definite && opens)
                    .then(|| recent_subject(ctx, si).or(ctx.topic))
                    .flatten()
            })
        else {
            continue;
        };
        if ctx.entities[subject].kind != EntityKind::Group || subject == m.entity {
            continue;
        }
        // A label ("the Pakistan-based group") is not what a denial in its
        // sentence denies.
        let modality = match modality_near(ctx, attr, m.toks.0, first) {
            Modality::Denied => Modality::Asserted,
            md => md,
        };
        let when = when_for(ctx, si, m.toks.0, None);
        // "the Iranian-backed Houthis": the backer is the country, where
        // the text names it too.
        let value = match m.entry.filter(|e| e.class == EntryClass::Nationality) {
            Some(e) => e
                .country
                .as_deref()
                .and_then(|c| ctx.entity_with_catalog_id(&format!("country:{c}")))
                .unwrap_or(m.entity),
            None => m.entity,
        };
        push(ctx, out, si, subject, predicate, Value::Entity(value), when, attr, modality, None);
    }
}

fn relations(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    let cats = [
        ("part_cue", Predicate::PartOf),
        ("affiliated_cue", Predicate::AffiliatedWith),
        ("allied_cue", Predicate::AlliedWith),
        ("opposes_cue", Predicate::Opposes),
    ];
    // "under the X umbrella"
    for k in first..last.saturating_sub(3) {
        if ctx.tok_lower(k) == "under" && ctx.tok_lower(k + 1) == "the" {
            if let Some(m) =
                ctx.names_in(k + 2, (k + 4).min(last)).find(|m| ctx.kind_of(m) == EntityKind::Group)
            {
                let after = m.toks.1;
                if after < last && ctx.tok_lower(after) == "umbrella" {
                    if let Some(subject) = subject_before(ctx, si, k) {
                        let modality = modality_near(ctx, attr, k, first);
                        push(
                            ctx,
                            out,
                            si,
                            subject,
                            Predicate::PartOf,
                            Value::Entity(m.entity),
                            None,
                            attr,
                            modality,
                            None,
                        );
                    }
                }
            }
        }
    }
    branch_of_possessor(ctx, si, attr, out);
    branch_of_pronoun(ctx, si, attr, out);
    fighting_between(ctx, si, attr, out);
    for (cat, pred) in cats {
        for (a, b, _) in ctx.find_cues(cat, first, last) {
            // "fought alongside X" is an alliance, not a fight.
            if pred == Predicate::Opposes && b < last && ctx.tok_lower(b) == "alongside" {
                continue;
            }
            // "the merger of Ansar Dine, the Sahrawi branch of AQIM, ...": a
            // branch listed after a merger is one of the merged groups
            // (`lineage`), not a part of the group before it.
            if pred == Predicate::PartOf && !ctx.find_cues(cue!("merged_cue"), first, a).is_empty()
            {
                continue;
            }
            // Subjects: the groups named before the cue in its clause, coordinated with "and".
            let (ca, _) = clause(ctx, si, a);
            let mut subjects: Vec<usize> = ctx
                .names_in(ca, a)
                .filter(|m| ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description)
                .map(|m| resolve_branch(ctx, m))
                .collect();
            let coordinated = subjects.len() > 1 && (ca..a).any(|i| ctx.tok_lower(i) == "and");
            if !coordinated {
                subjects = subject_before(ctx, si, a).into_iter().collect();
            }
            // "fighting the government, which is backed by Russia": a
            // relative clause's verb belongs to its antecedent, the phrase
            // right before the pronoun; only a group's name there is a
            // subject.
            let rel = (a.saturating_sub(4).max(first)..a)
                .rev()
                .find(|&i| matches!(ctx.tok_lower(i), "which" | "who" | "that"));
            // "a group that is allied with": a description of the subject.
            let described =
                |end: usize| end > first && ctx.lex.is("desc_head", ctx.tok_lower(end - 1));
            if let Some(r) = rel {
                let end = if r > first && ctx.tok(r - 1) == "," { r - 1 } else { r };
                if !described(end) {
                    subjects = ctx
                        .names_in(first, end)
                        .filter(|m| m.toks.1 == end)
                        .filter(|m| {
                            ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description
                        })
                        .map(|m| resolve_branch(ctx, m))
                        .collect();
                }
            }
            // "forces loyal to the Fatah movement", "fought militias backed
            // by Iran": a noun right before the cue is what it describes, so
            // the subject is the group that noun phrase names, else none.
            // "X, a group linked to Y" describes X (a `desc_head` noun).
            // A noun phrase that describes the subject ("wants to be seen
            // as an army fighting the state", "is a movement backed by")
            // stands for it.
            // "is one of several Baloch militant groups fighting the
            // state": adjectives, names made adjectives and a partitive
            // may stand between.
            let predicative = || {
                let mut k = a - 1;
                while k > first
                    && k + 8 > a
                    && !matches!(ctx.tok(k - 1), "," | ";" | ":" | "(" | ")")
                    && !ctx.names_in(k - 1, k).any(|m| ctx.kind_of(m) == EntityKind::Group)
                {
                    let w = ctx.tok_lower(k - 1);
                    if matches!(
                        w,
                        "as" | "is" | "was" | "are" | "were" | "be" | "been" | "became" | "remains"
                    ) {
                        return true;
                    }
                    k -= 1;
                }
                false
            };
            if a > first
                && is_lower_word(ctx.tok(a - 1))
                && !ctx.lex.is("desc_head", ctx.tok_lower(a - 1))
                && ctx.is_noun_tag(a - 1) == Some(true)
                && !predicative()
            {
                subjects = phrase_start_before(ctx, first, a)
                    .and_then(|s| {
                        ctx.names_in(s, a).filter(|m| ctx.kind_of(m) == EntityKind::Group).last()
                    })
                    .map(|m| resolve_branch(ctx, m))
                    .into_iter()
                    .collect();
            }
            // "A leading member of the Lion Front, the military wing of
            // Hamas, ...": an appositive describes the name it follows,
            // whatever that name's place in the sentence.
            if let Some(g) = apposed_group(ctx, first, a) {
                subjects = vec![g];
            }
            subjects.dedup();
            if subjects.is_empty() {
                continue;
            }
            let modality = modality_near(ctx, attr, a, first);
            let mut b2 = b;
            if b2 < last && matches!(ctx.tok_lower(b2), "both" | "either") {
                b2 += 1;
            }
            // "battled with armed groups such as the FARC, the ELN and Los
            // Rastrojos": the named examples of a common noun are the parties.
            if pred == Predicate::Opposes {
                if b2 < last && ctx.tok_lower(b2) == "with" {
                    b2 += 1;
                }
                let example = (b2..(b2 + 5).min(last))
                    .take_while(|&k| is_lower_word(ctx.tok(k)))
                    .find(|&k| {
                        ctx.tok_lower(k) == "including"
                            || (ctx.tok_lower(k) == "such"
                                && k + 1 < last
                                && ctx.tok_lower(k + 1) == "as")
                    });
                if let Some(k) = example {
                    b2 = if ctx.tok_lower(k) == "such" { k + 2 } else { k + 1 };
                }
            }
            let bloc = (b2..last)
                .take(8)
                .find(|&k| matches!(ctx.tok_lower(k), "that" | "which" | "includes" | "including"));
            for (ia, ib) in list_items(ctx, si, b2).into_iter().take(6) {
                // The list ends at a quotation's end, a verb of saying or a
                // contrast ("fighting the state, not as a gang," said X, a
                // journalist).
                if ia > b2
                    && (b2..ia).any(|k| {
                        matches!(ctx.tok(k), "”" | "\"" | "not" | "but")
                            || ctx.is_cue(cue!("say_verb"), k)
                    })
                {
                    break;
                }
                // The object ends where a time or a place phrase after it
                // starts ("pledged allegiance to the Islamic State in 2015").
                let in_name = |k: usize| ctx.names_in(ia, k).any(|m| m.toks.1 > k);
                let time_at = |k: usize| {
                    ctx.times_at_toks(k, k + 1).iter().any(|t| ctx.tok_at(t.span.start) == k)
                };
                let cut = (ia + 1..ib).find(|&k| {
                    (ctx.lex.is("locative", ctx.tok_lower(k))
                            || time_at(k)
                            || opens_time_clause(ctx.tok_lower(k))
                            // "fought the government for decades"
                            || (pred == Predicate::Opposes
                                && ctx.is_cue(cue!("duration_prep"), k)))
                        && !in_name(k)
                });
                let ib = cut.unwrap_or(ib);
                let long = ib - ia > 6;
                // The object itself, not a prepositional phrase or a date
                // ("battled for control of Nangarhar in 2015").
                let head = ctx.tok_lower(ia);
                if ctx.lex.is("object_prep", head)
                    || ctx.lex.is("locative", head)
                    || ctx.times_at_toks(ia, ib).iter().any(|t| {
                        let tk = ctx.tok_at(t.span.start);
                        tk >= ia && tk < ib
                    })
                {
                    if pred == Predicate::Opposes {
                        break;
                    }
                    continue;
                }
                // A country is an ally, a patron or an enemy, never the larger
                // organization a group is part of ("the eastern part of the
                // Democratic Republic of Congo", "part of a bloc that includes
                // Iran").
                let country = |m: &NameMention| {
                    m.entry.is_some_and(|e| e.class == crate::lexicon::EntryClass::Country)
                };
                // "against Yemen's president, Ali Abdullah Saleh", "helped by
                // Iran's Revolutionary Guard": the possessor is not the party.
                let possessor = |m: &NameMention| {
                    let rest = &ctx.text()[m.span.end as usize..];
                    (rest.starts_with("'s ") || rest.starts_with("’s ")) && m.toks.1 < ib
                };
                // "the UN-backed government": a name made an adjective is not
                // the party either.
                // "soldiers backed by Iran": the agent of a participle in the
                // item is not the party; the soldiers are.
                let agent =
                    |m: &NameMention| m.toks.0 > ia + 1 && ctx.tok_lower(m.toks.0 - 1) == "by";
                let ent = ctx
                    .names_in(ia, ib)
                    .filter(|m| !possessor(m) && !ctx.is_adjective(m) && !agent(m))
                    .find(|m| {
                        matches!(
                            ctx.kind_of(m),
                            EntityKind::Group | EntityKind::Organization | EntityKind::Other
                        ) || (matches!(pred, Predicate::Opposes | Predicate::AlliedWith)
                            && matches!(ctx.kind_of(m), EntityKind::Person)
                            || (country(m) && pred != Predicate::PartOf))
                    });
                // "part of a bloc that includes Iran, Syria and Hezbollah": the
                // bloc's members are not what the group is part of.
                let relative = |m: &NameMention| bloc.is_some_and(|r| r < m.toks.0);
                let value = match ent {
                    Some(m) if relative(m) => continue,
                    Some(m) => Value::Entity(m.entity),
                    None if pred == Predicate::Opposes && !long => {
                        // A noun phrase: "the government", not "repeatedly in the east".
                        // "Yemen's central government": a country's
                        // possessive is a determiner too.
                        let possessed = ctx.names_in(ia, ia + 1).any(|m| {
                            m.toks.0 == ia && matches!(ctx.kind_of(m), EntityKind::Place) && {
                                let rest = &ctx.text()[m.span.end as usize..];
                                rest.starts_with("'s ") || rest.starts_with("’s ")
                            }
                        });
                        // "an encounter with security forces": a force
                        // needs no determiner.
                        let force = !ctx.find_cues(cue!("actor_military"), ia, ib).is_empty()
                            || !ctx.find_cues(cue!("actor_police"), ia, ib).is_empty();
                        let det = possessed
                            || force
                            || matches!(
                                ctx.tok_lower(ia),
                                "the" | "a" | "an" | "its" | "their" | "his" | "her"
                            );
                        if !det {
                            break;
                        }
                        let t = item_text(ctx, ia, ib);
                        if t.is_empty() || t.split_whitespace().count() > 6 {
                            continue;
                        }
                        Value::Text(t)
                    }
                    None => continue,
                };
                for &s in &subjects {
                    push(ctx, out, si, s, pred, value.clone(), None, attr, modality, None);
                }
                // An item that is a name with its article or bracketed
                // acronym is not long ("the National Liberation Army (ELN)").
                let long = ent.map_or(long, |m| ib - ia > m.toks.1 - m.toks.0 + 4);
                // Every party of a list for opposing and allying ("aided by
                // Rwanda and Uganda"); one for the others. A list goes on
                // after no place or time ("with security forces in Jammu and
                // Kashmir's Shopian area": Kashmir's is the place's).
                if !matches!(pred, Predicate::Opposes | Predicate::AlliedWith)
                    || long
                    || cut.is_some()
                {
                    break;
                }
            }
        }
    }
}

/// "The Nusra Front, al-Qaeda's Syrian affiliate, ...", "the group is the
/// Islamic State's Afghan branch": a group's possessive before a `branch_head`
/// noun (up to two words between) makes the group before it an affiliate
/// ("affiliate") or a part ("branch", "wing", "offshoot") of the possessor.
fn branch_of_possessor(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    let text = ctx.text();
    for m in ctx.names_in(first, last) {
        if ctx.kind_of(m) != EntityKind::Group {
            continue;
        }
        let rest = &text[m.span.end as usize..];
        // "al-Qaeda's Syrian affiliate"; also without the possessive, as a
        // compound: "Al-Qaeda affiliate Al Shabab", "X, an al-Qaeda
        // affiliate," (only the nouns that cannot end a name: "Islamic State
        // Sinai Province" is a name).
        let possessive = ["'s ", "’s "].iter().find(|p| rest.starts_with(**p));
        let from = match possessive {
            Some(apostrophe) => ctx.tok_end_at(m.span.end + apostrophe.len() as u32 - 1),
            None if rest.starts_with(' ') => m.toks.1,
            None => continue,
        };
        // "the Islamic State's Central Africa Province", "the Taliban's
        // Haqqani network": a group's possessive right before another
        // group's name makes that group a part of it.
        let named =
            possessive.and_then(|_| ctx.names_in(from, (from + 1).min(last)).next()).filter(|g| {
                g.entity != m.entity
                    && g.via != Via::Description
                    && ctx.kind_of(g) == EntityKind::Group
            });
        if let Some(g) = named {
            let modality = modality_near(ctx, attr, m.toks.0, first);
            let value = Value::Entity(m.entity);
            push(ctx, out, si, g.entity, Predicate::PartOf, value, None, attr, modality, None);
            continue;
        }
        let Some(head) = (from..(from + 3).min(last)).find(|&k| ctx.is_cue(cue!("branch_head"), k))
        else {
            continue;
        };
        if possessive.is_none() && !(COMPOUND_BRANCH.contains(&ctx.tok(head)) && head == from) {
            continue;
        }
        // Only adjectives between: "Syrian", "regional", not a clause.
        if (from..head).any(|k| {
            let w = ctx.tok(k);
            !w.chars().all(char::is_alphabetic) || ctx.lex.is("object_prep", &w.to_lowercase())
        }) {
            continue;
        }
        let predicate = if ctx.tok_lower(head).starts_with("affiliate") {
            Predicate::AffiliatedWith
        } else {
            Predicate::PartOf
        };
        // The group named right after, in apposition ("establishing
        // al-Qaeda's Syrian affiliate, the Nusra Front"), else the one before.
        let mut after = head + 1;
        while after < last && matches!(ctx.tok_lower(after), "," | "the") {
            after += 1;
        }
        let apposed = (after > head + 1 || possessive.is_none())
            .then(|| {
                ctx.names_in(after, (after + 1).min(last))
                    .find(|g| ctx.kind_of(g) == EntityKind::Group)
                    .map(|g| resolve_branch(ctx, g))
            })
            .flatten();
        // Without the possessive the group before must be set beside it:
        // "Al-Shabaab, an al-Qaeda affiliate,".
        let beside = possessive.is_some()
            || (m.toks.0 >= first + 2
                && matches!(ctx.tok_lower(m.toks.0 - 1), "a" | "an" | "the")
                && ctx.tok(m.toks.0 - 2) == ",");
        let before = || beside.then(|| subject_before(ctx, si, m.toks.0)).flatten();
        let Some(subject) = apposed.or_else(before) else {
            continue;
        };
        if subject == m.entity || ctx.entities[subject].kind != EntityKind::Group {
            continue;
        }
        let modality = modality_near(ctx, attr, m.toks.0, first);
        push(ctx, out, si, subject, predicate, Value::Entity(m.entity), None, attr, modality, None);
    }
}

/// Does the word open a phrase or clause of time ("since 2015", "until his
/// death", "when ...") that ends a noun phrase before it?
fn opens_time_clause(w: &str) -> bool {
    matches!(w, "since" | "until" | "after" | "before" | "during" | "when" | "while")
}

/// "fighting between the Lion Front and government forces", "clashes
/// between the army and the Lion Front": the two sides of a `clash_noun`
/// oppose each other. A group on either side opposes the other side, a
/// named entity or a short noun phrase ("government forces").
fn fighting_between(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    for k in first + 1..last.saturating_sub(3) {
        if ctx.tok_lower(k) != "between" || !ctx.is_cue(cue!("clash_noun"), k - 1) {
            continue;
        }
        // The two sides: up to "and", then up to a comma, a verb or the clause's end.
        let (_, ce) = clause(ctx, si, k);
        let Some(and) = (k + 2..(k + 10).min(ce)).find(|&i| ctx.tok_lower(i) == "and") else {
            continue;
        };
        let end = (and + 1..(and + 8).min(ce))
            .find(|&i| {
                matches!(ctx.tok(i), "," | ";" | "(")
                    || opens_time_clause(ctx.tok_lower(i))
                    || ctx.tok_lower(i) == "for"
                    || ctx.lex.is("locative", ctx.tok_lower(i))
                    || ctx.lex.is("object_prep", ctx.tok_lower(i))
                    || ctx.is_verb_tag(i) == Some(true)
                    // Unparsed: "fighting between X and the army left 12 dead".
                    || CLAUSE_VERBS.contains(&ctx.tok_lower(i))
                    || matches!(
                        ctx.tok_lower(i),
                        "left" | "erupted" | "broke" | "raged" | "continued" | "intensified"
                    )
            })
            .unwrap_or((and + 8).min(ce));
        let side = |a: usize, b: usize| -> Option<(Option<usize>, Value)> {
            if let Some(m) = ctx.names_in(a, b).find(|m| {
                matches!(
                    ctx.kind_of(m),
                    EntityKind::Group | EntityKind::Organization | EntityKind::Place
                ) && !ctx.is_adjective(m)
            }) {
                let group = (ctx.kind_of(m) == EntityKind::Group).then(|| resolve_branch(ctx, m));
                return Some((group, Value::Entity(m.entity)));
            }
            let t = item_text(ctx, a, b);
            (!t.is_empty() && t.split_whitespace().count() <= 4).then_some((None, Value::Text(t)))
        };
        let (Some((g1, v1)), Some((g2, v2))) = (side(k + 1, and), side(and + 1, end)) else {
            continue;
        };
        let modality = modality_near(ctx, attr, k, first);
        if let Some(g) = g1 {
            push(ctx, out, si, g, Predicate::Opposes, v2, None, attr, modality, None);
        }
        if let Some(g) = g2 {
            push(ctx, out, si, g, Predicate::Opposes, v1, None, attr, modality, None);
        }
    }
}

/// "The Lion Front set up its armed wing, the Khorasan Brigade": a group
/// set beside "its" (or "their") and a `branch_head` noun is a part of the
/// group the pronoun stands for, the nearest one named before it (else the
/// one the text is about).
fn branch_of_pronoun(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    for k in first..last {
        if !matches!(ctx.tok_lower(k), "its" | "their") {
            continue;
        }
        // "the Lion Front and its Khorasan Brigade": a group named right
        // after the pronoun whose name ends in a unit word.
        if let Some(unit) = ctx.names_in(k + 1, (k + 2).min(last)).find(|g| {
            g.toks.0 == k + 1
                && ctx.kind_of(g) == EntityKind::Group
                && g.via == Via::Name
                && matches!(
                    ctx.tok_lower(g.toks.1 - 1),
                    "brigade" | "brigades" | "battalion" | "battalions" | "wing" | "unit"
                )
        }) {
            let whole = subject_before(ctx, si, k).or(ctx.topic);
            if let Some(whole) =
                whole.filter(|&w| w != unit.entity && ctx.entities[w].kind == EntityKind::Group)
            {
                let modality = modality_near(ctx, attr, k, first);
                let value = Value::Entity(whole);
                push(
                    ctx,
                    out,
                    si,
                    unit.entity,
                    Predicate::PartOf,
                    value,
                    None,
                    attr,
                    modality,
                    None,
                );
            }
            continue;
        }
        let Some(head) = (k + 1..(k + 4).min(last)).find(|&h| ctx.is_cue(cue!("branch_head"), h))
        else {
            continue;
        };
        if (k + 1..head).any(|h| !ctx.tok(h).chars().all(char::is_alphabetic)) {
            continue;
        }
        let mut after = head + 1;
        if after >= last || ctx.tok(after) != "," {
            continue;
        }
        after += 1;
        if after < last && ctx.tok_lower(after) == "the" {
            after += 1;
        }
        let Some(part) = ctx.names_in(after, (after + 1).min(last)).find(|g| {
            g.toks.0 == after && ctx.kind_of(g) == EntityKind::Group && g.via != Via::Description
        }) else {
            continue;
        };
        let Some(whole) = subject_before(ctx, si, k).or(ctx.topic) else { continue };
        if whole == part.entity || ctx.entities[whole].kind != EntityKind::Group {
            continue;
        }
        let modality = modality_near(ctx, attr, k, first);
        push(
            ctx,
            out,
            si,
            part.entity,
            Predicate::PartOf,
            Value::Entity(whole),
            None,
            attr,
            modality,
            None,
        );
    }
}

/// The lineage cue lists (`data/cues/words.tsv`), each with its predicate and
/// whether the group before the cue is the claim's subject ("X, formerly
/// known as Y": X renamed_from Y) or its value ("Y was renamed X").
const LINEAGE_CUES: [(&str, Predicate, bool); 5] = [
    ("renamed_cue", Predicate::RenamedFrom, true),
    ("renamed_to_cue", Predicate::RenamedFrom, false),
    ("merged_cue", Predicate::MergedFrom, true),
    ("merged_into_cue", Predicate::MergedFrom, false),
    ("splinter_cue", Predicate::SplinterOf, true),
];

/// Lineage: a group's former names, mergers and splits ("X, formerly known
/// as Y", "Y was renamed X", "X was formed by the merger of Y and Z", "X
/// broke away from Y"). A former name is a predecessor with its own entity,
/// never an alias: its founding date is not the successor's.
fn lineage(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    let groupish = |m: &&NameMention| {
        matches!(ctx.kind_of(m), EntityKind::Group | EntityKind::Organization | EntityKind::Other)
            || m.via == Via::Description
    };
    // The group named right after a cue ("the Northern Front", "“Y”").
    let named_at = |k: usize| {
        let mut k = k;
        // Past articles, quotes, a comma ("its predecessor, the GSPC") and
        // words introducing list members ("many groups, including X").
        while k < last
            && matches!(
                ctx.tok_lower(k),
                "the" | "“" | "\"" | "‘" | "," | "including" | "namely" | "notably" | "both"
            )
        {
            k += 1;
        }
        // "the banned militant outfit Lashkar-e-Taiba": past a description
        // of the group right before its name.
        k = past_description(ctx, k, last);
        // "Belmokhtar’s al-Mulathamun": past a person's possessive.
        if let Some(p) = ctx.names_in(k, (k + 1).min(last)).find(|m| {
            ctx.kind_of(m) == EntityKind::Person
                && matches!(ctx.tok(m.toks.1.min(last - 1)), "’s" | "'s")
        }) {
            k = p.toks.1 + 1;
        }
        // "the Sahrawi branch of AQIM": the group the branch belongs to.
        if let Some(of) = (k..(k + 4).min(last)).find(|&i| {
            ctx.is_cue(cue!("branch_head"), i) && i + 1 < last && ctx.tok_lower(i + 1) == "of"
        }) {
            if ctx.names_in(k, of).all(|m| ctx.kind_of(m) != EntityKind::Group) {
                k = of + 2;
                while k < last && ctx.tok_lower(k) == "the" {
                    k += 1;
                }
            }
        }
        // Not a possessor: "began as the Taliban's youth wing".
        ctx.names_in(k, (k + 1).min(last)).find(|m| groupish(m) && !ctx.is_possessive(m))
    };
    // After a naming phrase ("original name was", "initially called") a
    // name is a name whatever kind its words suggest ("Harakat al-Nasr").
    let named_as = |k: usize, phrase: &str| {
        named_at(k).or_else(|| {
            if !["name was", "called", "known as", "named"].iter().any(|p| phrase.ends_with(p)) {
                return None;
            }
            let mut k = k;
            while k < last && matches!(ctx.tok_lower(k), "the" | "“" | "\"" | "‘") {
                k += 1;
            }
            ctx.names_in(k, (k + 1).min(last)).find(|m| ctx.kind_of(m) == EntityKind::Person)
        })
    };
    for (cat, pred, forward) in LINEAGE_CUES {
        for (a, b, phrase) in ctx.find_cues(cat, first, last) {
            // A longer cue of another lineage list read here ("renamed from"
            // is not "renamed"; "absorbed into" is not "absorbed").
            let longer = LINEAGE_CUES.iter().filter(|c| c.0 != cat).any(|c| {
                ctx.find_cues(c.0, a.saturating_sub(2), b)
                    .iter()
                    .any(|&(a2, b2, _)| a2 <= a && b2 > a && b2 - a2 > b - a)
            });
            if longer {
                continue;
            }
            // "with JNIM emerging from the merger of ...": a group followed by
            // a participle is that participle's subject, even after "with".
            let participle_subject = || {
                ctx.names_in(a.saturating_sub(10).max(first), a)
                    .filter(|m| ctx.kind_of(m) == EntityKind::Group && m.toks.1 < a)
                    .filter(|m| {
                        let w = ctx.tok(m.toks.1);
                        is_lower_word(w) && (w.ends_with("ing") || w.ends_with("ed"))
                    })
                    .last()
                    .map(|m| resolve_branch(ctx, m))
            };
            // "In its former incarnation as Jabhat al-Nusra, HTS declared
            // ...", "Formerly known as X, the group ...": a lineage phrase
            // that opens the sentence is about the group named after its
            // comma.
            let fronted = || {
                if !forward || a > first + 1 {
                    return None;
                }
                let named = named_as(b, phrase)?;
                let comma =
                    (named.toks.1..(named.toks.1 + 8).min(last)).find(|&i| ctx.tok(i) == ",")?;
                ctx.names_in(comma + 1, (comma + 3).min(last))
                    .find(|m| ctx.kind_of(m) == EntityKind::Group && m.entity != named.entity)
                    .map(|m| resolve_branch(ctx, m))
            };
            // "the demobilization of paramilitary groups then known as the
            // AUC": a naming phrase right after a common noun names what
            // that noun stands for, not the sentence's subject.
            if forward && cat == "renamed_cue" {
                let mut p = a;
                while p > first
                    && matches!(ctx.tok_lower(p - 1), "then" | "formerly" | "previously" | "once")
                {
                    p -= 1;
                }
                let noun_before = p > first
                    && is_lower_word(ctx.tok(p - 1))
                    && ctx.is_noun_tag(p - 1) == Some(true)
                    && !ctx.is_cue(cue!("desc_head"), p - 1)
                    && !ctx.names_in(p - 1, p).any(|m| m.toks.1 == p);
                if noun_before {
                    continue;
                }
            }
            let Some(before) = apposed_group(ctx, first, a)
                .or_else(|| subject_before(ctx, si, a))
                .or_else(participle_subject)
                .or_else(fronted)
            else {
                continue;
            };
            if ctx.entities[before].kind == EntityKind::Place {
                continue;
            }
            let modality = modality_near(ctx, attr, a, first);
            // A time next to a former name dates the predecessor ("began as
            // Y in 2009"), not the change: only a renaming, merger or split
            // verb dates the change ("was renamed X in 2016").
            let when = if cat == "renamed_cue" {
                publication_when(ctx)
            } else {
                when_for(ctx, si, a, None)
            };
            let items: Vec<(usize, usize)> = if pred == Predicate::MergedFrom && forward {
                list_items(ctx, si, b).into_iter().take(6).collect()
            } else {
                vec![(b, last)]
            };
            // "X merged with Y to form Z": Z is merged from X and Y.
            if pred == Predicate::MergedFrom && phrase.starts_with("merged") {
                let (la, lb) = items.last().copied().unwrap_or((b, last));
                let formed = ctx
                    .find_cues(cue!("merge_result_cue"), la, lb)
                    .first()
                    .and_then(|&(_, e, _)| named_at(e));
                if let Some(z) = formed {
                    let parts = std::iter::once(before)
                        .chain(items.iter().filter_map(|&(ia, _)| named_at(ia)).map(|m| m.entity));
                    for part in parts {
                        push(
                            ctx,
                            out,
                            si,
                            z.entity,
                            pred,
                            Value::Entity(part),
                            when.clone(),
                            attr,
                            modality,
                            None,
                        );
                    }
                    continue;
                }
            }
            for (ia, _) in items {
                let Some(m) = named_as(ia, phrase) else { continue };
                // "the former" only in apposition: "X, the former Y, ...",
                // not "the former Taliban stronghold".
                if phrase == "the former" {
                    let apposed = a > first && matches!(ctx.tok(a - 1), "," | "(");
                    let closed = m.toks.1 >= last
                        || matches!(ctx.tok(m.toks.1), "," | ")" | "." | ";" | "—" | "–");
                    if !apposed || !closed {
                        continue;
                    }
                }
                let (subject, value) =
                    if forward { (before, m.entity) } else { (m.entity, before) };
                push(
                    ctx,
                    out,
                    si,
                    subject,
                    pred,
                    Value::Entity(value),
                    when.clone(),
                    attr,
                    modality,
                    None,
                );
            }
        }
    }
}

/// Designations: an authority lists a group as terrorist or outlaws it ("was
/// designated a Foreign Terrorist Organization by the State Department in
/// 2010", "Britain proscribed the group in 2021", "Hamas, a U.S.-designated
/// terrorist organization", "is on a U.S. list of terrorist groups",
/// "Turkey, the U.S. and the EU list the PKK as a terrorist organization").
/// The value is the authority, a country or an organization named in the
/// sentence (one claim each when several are): without one there is no
/// claim, since who listed a group is what the claim says. `when` is the
/// listing's time where its clause gives one.
fn designations(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    for k in first..last {
        let lower = ctx.tok_lower(k);
        // "US-designated" is one token; "U.S.-designated" is "U.S." "-" "designated".
        let glued = lower.len() > "-designated".len() && lower.ends_with("-designated");
        let hyphened = lower == "designated" && k > first && ctx.tok(k - 1) == "-";
        let on_list = lower == "list" && designation_list(ctx, si, k);
        if !glued && !on_list && !ctx.is_cue(cue!("designate_verb"), k) {
            continue;
        }
        // Within the clause: the object may be long ("X (BLA) and its
        // fighting wing, the Y, a Foreign Terrorist Organisation").
        let terror_after = (k + 1..(k + 24).min(last))
            .take_while(|&i| ctx.tok(i) != ";")
            .any(|i| ctx.is_cue(cue!("terror_word"), i));
        if !on_list && !terror_after && !ctx.is_cue(cue!("designate_strong"), k) {
            continue;
        }
        // "added X to its list of terrorist organizations"
        if lower == "added" && !(k + 1..(k + 18).min(last)).any(|i| ctx.tok_lower(i) == "list") {
            continue;
        }
        let Some((subject, auths, labelled)) =
            designation_parts(ctx, si, attr, k, glued || hyphened)
        else {
            continue;
        };
        if ctx.entities[subject].kind != EntityKind::Group {
            continue;
        }
        let subjects = coordinated_groups(ctx, si, subject, k);
        // The authority is no source of its own listing ("The Security
        // Council added X to its list" is not attributed speech), a label
        // ("a U.S.-designated group") is the outlet's, and a denial elsewhere
        // in the sentence ("X, which Washington designated ..., denies
        // involvement") is not this claim's.
        let own = Attribution { source: None, modality: Modality::Asserted, source_toks: None };
        let by_authority = attr
            .source_toks
            .is_some_and(|(a, b)| ctx.names_in(a, b).any(|m| auths.contains(&m.entity)));
        let attr =
            if labelled || by_authority || attr.modality == Modality::Denied { &own } else { attr };
        let modality = modality_near(ctx, attr, k, first);
        let when = designation_when(ctx, si, k).or_else(|| publication_when(ctx));
        for &subject in &subjects {
            for &auth in &auths {
                let value = Value::Entity(auth);
                push(
                    ctx,
                    out,
                    si,
                    subject,
                    Predicate::Designated,
                    value,
                    when.clone(),
                    attr,
                    modality,
                    None,
                );
            }
        }
    }
}

/// The group `subject` of a claim whose cue is at token `cue`, with the
/// groups named in one coordination with it ("Boko Haram and Ansaru, which
/// were designated ...", "designated X, Y and Z"): its mention nearest the
/// cue, then the group names joined to it by commas and a final "and".
fn coordinated_groups(ctx: &Ctx, si: usize, subject: usize, cue: usize) -> Vec<usize> {
    let (first, last) = ctx.view.sent_toks[si];
    let mut out = vec![subject];
    let named: Vec<&NameMention> = ctx
        .names_in(first, last)
        .filter(|m| ctx.kind_of(m) == EntityKind::Group && m.via == Via::Name)
        .collect();
    let Some(at) = named
        .iter()
        .enumerate()
        .filter(|(_, m)| resolve_branch(ctx, m) == subject)
        .min_by_key(|(_, m)| m.toks.0.abs_diff(cue))
        .map(|(i, _)| i)
    else {
        return out;
    };
    // Only commas, "and", "or" and articles between two names of the chain;
    // the chain needs an "and" somewhere ("X, Y" alone may be an apposition).
    // "X and its fighting wing, Y" names Y beside X too.
    let joined = |a: &NameMention, b: &NameMention| -> Option<bool> {
        let gap = a.toks.1..b.toks.0;
        // "the BLA and its Majeed Brigade".
        let plain = gap.len() <= 3
            && gap.clone().all(|i| {
                matches!(ctx.tok_lower(i), "," | "and" | "the" | "&" | "(" | ")" | "its" | "their")
            });
        let wing = gap.len() <= 9
            && gap.clone().any(|i| matches!(ctx.tok_lower(i), "wing" | "arm"))
            && gap.clone().all(|i| {
                matches!(
                    ctx.tok_lower(i),
                    "," | "and" | "the" | "&" | "its" | "their" | "wing" | "arm" | ")"
                ) || ctx.is_cue(cue!("wing_modifier"), i)
            });
        let ok = !gap.is_empty() && (plain || wing);
        ok.then(|| gap.clone().any(|i| matches!(ctx.tok_lower(i), "and" | "&")))
    };
    let (mut lo, mut hi) = (at, at);
    let mut has_and = false;
    while lo > 0 {
        match joined(named[lo - 1], named[lo]) {
            Some(and) => {
                has_and |= and;
                lo -= 1;
            }
            None => break,
        }
    }
    while hi + 1 < named.len() {
        match joined(named[hi], named[hi + 1]) {
            Some(and) => {
                has_and |= and;
                hi += 1;
            }
            None => break,
        }
    }
    if has_and && hi - lo < 6 {
        for m in &named[lo..=hi] {
            let g = resolve_branch(ctx, m);
            if !out.contains(&g) {
                out.push(g);
            }
        }
    }
    out
}

/// The time of a listing: a time expression in the designation's own phrase,
/// after its verb and before the next comma, dash or clause ("designated
/// ... by the State Department in 2010"; not "-- listed as terrorist by the
/// EU -- resumed its campaign in July 2015").
fn designation_when(ctx: &Ctx, si: usize, k: usize) -> Option<When> {
    let (_, last) = ctx.view.sent_toks[si];
    let end = (k + 1..last)
        .find(|&i| {
            matches!(ctx.tok(i), "," | ";" | "(" | ")" | "-" | "--" | "—" | "–")
                || ctx.lex.is("clause_break", ctx.tok_lower(i))
        })
        .unwrap_or(last);
    let (from, to) = (ctx.view.tokens[k].span.end, ctx.view.tokens[end - 1].span.end);
    let t = ctx.times_near(from, to).iter().find(|t| t.span.start >= from && t.span.end <= to)?;
    Some(When { interval: t.interval.clone(), text: t.span.slice(ctx.text()).to_string() })
}

/// "on a U.S. list of terrorist groups", "on the State Department's terror
/// list": `list` at token `k` after "on" and a determiner or the authority.
fn designation_list(ctx: &Ctx, si: usize, k: usize) -> bool {
    let (first, last) = ctx.view.sent_toks[si];
    let terror = |a: usize, b: usize| (a..b).any(|i| ctx.is_cue(cue!("terror_word"), i));
    (k.saturating_sub(6).max(first)..k).any(|i| ctx.tok_lower(i) == "on")
        && (terror(k.saturating_sub(3).max(first), k) || terror(k + 1, (k + 4).min(last)))
}

/// The group and the authorities of a designation cue at token `k`, and
/// whether it is a label ("a U.S.-designated group") rather than a report of
/// a listing.
fn designation_parts(
    ctx: &Ctx,
    si: usize,
    attr: &Attribution,
    k: usize,
    label: bool,
) -> Option<(usize, Vec<usize>, bool)> {
    let (first, last) = ctx.view.sent_toks[si];
    let authority = |m: &&NameMention| is_authority(ctx, m);
    let group = |m: &&NameMention| ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description;
    // The group a pronoun or a description after the verb stands for ("labeled
    // it a terrorist organization").
    let pronoun_at = |i: usize| {
        (i < last && matches!(ctx.tok_lower(i), "it" | "them"))
            .then(|| recent_subject(ctx, si).or(ctx.topic))
            .flatten()
    };
    // "labeled the entire group a terrorist organization".
    let the_whole_group = |i: usize| {
        let mut j = i;
        if j < last && ctx.tok_lower(j) == "the" {
            j += 1;
        }
        if j < last && matches!(ctx.tok_lower(j), "entire" | "whole") {
            j += 1;
        }
        (j > i + 1 && j < last && ctx.is_cue(cue!("desc_head"), j))
            .then(|| recent_subject(ctx, si).or(ctx.topic))
            .flatten()
    };
    if label {
        let lower = ctx.tok_lower(k);
        let hyphen = if lower.ends_with("-designated") && lower != "designated" {
            ctx.view.tokens[k].span.start + (lower.len() - "-designated".len()) as u32
        } else {
            ctx.view.tokens[k - 1].span.start
        };
        let auth = ctx
            .names_in(k.saturating_sub(4).max(first), k + 1)
            .find(|m| m.span.end == hyphen && authority(m))?;
        // The group the label names ("the U.S.-designated terrorist group
        // Hamas"), else the one it is apposed to ("Hamas, a U.S.-designated
        // terrorist organization").
        let named = ctx
            .names_in(k + 1, (k + 5).min(last))
            .find(|m| ctx.kind_of(m) == EntityKind::Group)
            .map(|m| resolve_branch(ctx, m));
        let subject = named.or_else(|| subject_before(ctx, si, auth.toks.0))?;
        return Some((subject, vec![auth.entity], true));
    }
    if ctx.tok_lower(k) == "list" {
        // The authority between "on" and "list", or in "list of U.S. ...".
        let on = (k.saturating_sub(6).max(first)..k).rev().find(|&i| ctx.tok_lower(i) == "on")?;
        let auth = ctx
            .names_in(on + 1, (k + 4).min(last))
            .filter(authority)
            .find(|m| m.toks.0 < k || ctx.tok_lower(k + 1) == "of")?;
        return Some((subject_before(ctx, si, on)?, vec![auth.entity], false));
    }
    // Active: the authority is the subject right before the verb
    // ("Washington designated", "Britain has proscribed"), or "it" for the
    // source the sentence quotes ("The State Department said it had
    // designated"); the group follows the verb.
    let mut v = k;
    // "The United States has announced the designation of X as ...": the
    // noun's authority is the subject of the verb before it.
    if ctx.tok_lower(k) == "designation" {
        // "... leading to its designation as a terrorist organisation by
        // Turkey, the US and the EU": the possessor is the group, the
        // agents the authorities.
        if k > first
            && k + 1 < last
            && ctx.tok_lower(k + 1) == "as"
            && matches!(ctx.tok_lower(k - 1), "its" | "their")
        {
            let by = (k + 2..(k + 12).min(last)).find(|&i| ctx.tok_lower(i) == "by")?;
            let auths = authorities_from(ctx, si, by + 1);
            if auths.is_empty() {
                return None;
            }
            let subject =
                subject_before(ctx, si, k - 1).or_else(|| recent_subject(ctx, si)).or(ctx.topic)?;
            return Some((subject, auths, false));
        }
        if k + 1 >= last || ctx.tok_lower(k + 1) != "of" {
            return None;
        }
        if v > first && matches!(ctx.tok_lower(v - 1), "the" | "its" | "their") {
            v -= 1;
        }
        if v > first + 1 && ctx.is_verb_tag(v - 1) == Some(true) {
            v -= 1;
        }
    }
    // Back over auxiliaries and adverbs ("has officially designated"), and
    // over a time between the authority and its verb ("the US State
    // Department on Monday officially designated").
    let back_over = |mut v: usize| {
        while v > first {
            if matches!(
                ctx.tok_lower(v - 1),
                "has"
                    | "have"
                    | "had"
                    | "not"
                    | "officially"
                    | "formally"
                    | "also"
                    | "first"
                    | "later"
                    | "then"
                    | "since"
                    | "subsequently"
                    | "is"
                    | "are"
                    | "was"
                    | "still"
                    | "both"
                    | "all"
                    | "jointly"
                    | "each"
                    | "re"
                    | "-"
            ) {
                v -= 1;
                continue;
            }
            let time = ctx
                .times_at_toks(v - 1, v)
                .iter()
                .map(|t| ctx.tok_at(t.span.start))
                .filter(|&s| {
                    s < v
                        && s > first
                        && matches!(ctx.tok_lower(s - 1), "on" | "in" | "last" | "this")
                })
                .min();
            match time {
                Some(s) => v = s - usize::from(matches!(ctx.tok_lower(s - 1), "on" | "in")),
                None => break,
            }
        }
        // "the U.S. government designated", "the Trump administration
        // designated": the country or organization whose government it is.
        while v > first && ctx.is_cue(cue!("authority_head"), v - 1) {
            v -= 1;
        }
        v
    };
    let mut v = back_over(v);
    // "Pakistan, which banned the JeM in 2002": the authority before a
    // relative pronoun.
    if v >= first + 2 && matches!(ctx.tok_lower(v - 1), "which" | "who") && ctx.tok(v - 2) == "," {
        v = back_over(v - 2);
    }
    // "the United States, Britain and Germany, as well as the Arab League,
    // have labeled": a comma after the last authority.
    let ending_at = |v: usize| {
        ctx.names_in(v.saturating_sub(6).max(first), v)
            .filter(authority)
            .filter(|m| m.toks.1 == v)
            .last()
    };
    if v > first + 1 && ctx.tok(v - 1) == "," && ending_at(v - 1).is_some() {
        v -= 1;
    }
    // "the U.S. government has imposed sanctions on X and designated Y":
    // the subject of the verb the listing is coordinated with.
    if v > first + 1 && ctx.tok_lower(v - 1) == "and" && ending_at(v).is_none() {
        if let Some(u) = (v.saturating_sub(12).max(first + 1)..v - 1)
            .rev()
            .filter(|&j| ctx.is_verb_tag(j) == Some(true))
            .map(back_over)
            .find(|&u| ending_at(u).is_some())
        {
            v = u;
        }
    }

    let before = ending_at(v);
    let quoted = (v > first && matches!(ctx.tok_lower(v - 1), "it" | "they"))
        .then_some(attr.source_toks)
        .flatten()
        .and_then(|(a, b)| ctx.names_in(a, b).filter(authority).last());
    if let Some(a) = before.or(quoted) {
        let possessed = |m: &NameMention| {
            let rest = &ctx.text()[m.span.end as usize..];
            rest.starts_with(['\'', '’']) && resolve_branch(ctx, m) == m.entity
        };
        // The object runs to the listing's "as" ("designated a Syrian rebel
        // group known as the Nusra Front as a Foreign Terrorist
        // Organization"), else a few words.
        let until = (k + 1..(k + 12).min(last))
            .filter(|&i| ctx.tok_lower(i) == "as")
            .find(|&i| (i + 1..(i + 5).min(last)).any(|j| ctx.is_cue(cue!("terror_word"), j)))
            .unwrap_or((k + 6).min(last));
        let objects = || {
            ctx.names_in(k + 1, until)
                .filter(group)
                .filter(|m| !is_authority(ctx, m))
                .filter(|m| !possessed(m))
        };
        // A name over a description before it ("a Syrian rebel group known
        // as the Nusra Front").
        let object = objects()
            .find(|m| m.via != Via::Description)
            .or_else(|| objects().next())
            .map(|m| resolve_branch(ctx, m))
            .or_else(|| pronoun_at(k + 1))
            .or_else(|| the_whole_group(k + 1));
        // "X, which Washington designated a terrorist group": the relative
        // clause's antecedent.
        let mut r = a.toks.0;
        while r > first && ctx.tok_lower(r - 1) == "the" {
            r -= 1;
        }
        let relative = r > first && matches!(ctx.tok_lower(r - 1), "which" | "that");
        let object = match object {
            None if relative => subject_before(ctx, si, r - 1),
            o => o,
        };
        // The other authorities coordinated before it: "the United States,
        // Britain and Germany have designated".
        let mut auths = vec![a.entity];
        let mut start = a.toks.0;
        while let Some(m) = (start.saturating_sub(5).max(first)..start)
            .filter(|&e| {
                e < start
                    && (e..start).all(|i| {
                        matches!(ctx.tok_lower(i), "," | "and" | "the" | "as" | "well" | "&")
                    })
            })
            .find_map(ending_at)
        {
            auths.insert(0, m.entity);
            start = m.toks.0;
        }
        return Some((object?, auths, false));
    }
    // Passive or in apposition: "X was designated ... by Y", "X -- listed as
    // a terrorist organization by the U.S. and the EU", "X, which is banned
    // in Pakistan".
    let window = (k + 12).min(last);
    // "banned in Pakistan": the country where it is banned.
    let banned_in = || {
        if ctx.is_cue(cue!("designate_strong"), k) && k + 1 < last && ctx.tok_lower(k + 1) == "in" {
            ctx.names_in(k + 2, (k + 4).min(last))
                .find(|m| ctx.kind_of(m) == EntityKind::Place)
                .map(|m| vec![m.entity])
                .unwrap_or_default()
        } else {
            Vec::new()
        }
    };
    let auths = match (k + 1..window).find(|&i| ctx.tok_lower(i) == "by") {
        // "banned in Pakistan in 2002 by the then president": a person is
        // no authority; the country is.
        Some(b) => {
            let by = authorities_from(ctx, si, b + 1);
            if by.is_empty() {
                banned_in()
            } else {
                by
            }
        }
        None => banned_in(),
    };
    if auths.is_empty() {
        return None;
    }
    // "its leader may be X, one of three extremists labelled a 'global
    // terrorist' by the United States": the person nearest the verb was
    // listed, not the group before him.
    let group_end = ctx
        .names_in(first, k)
        .filter(|m| ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description)
        .last()
        .map_or(first, |m| m.toks.1);
    if ctx.names_in(group_end, k).any(|m| ctx.kind_of(m) == EntityKind::Person) {
        return None;
    }
    Some((subject_before(ctx, si, k)?, auths, false))
}

/// Can the name be a listing authority: a country or an organization named
/// (not a description such as "the group")?
fn is_authority(ctx: &Ctx, m: &NameMention) -> bool {
    matches!(ctx.kind_of(m), EntityKind::Place | EntityKind::Organization)
        && m.via != Via::Description
}

/// The authorities listed from token `k` on: "the U.S. State Department",
/// "the United States, Britain and the EU" (an organization rather than the
/// country it belongs to: "the U.S. State Department" is the department).
fn authorities_from(ctx: &Ctx, si: usize, k: usize) -> Vec<usize> {
    let (_, last) = ctx.view.sent_toks[si];
    let mut out: Vec<usize> = Vec::new();
    let mut i = k;
    while i < last && out.len() < 8 {
        if let Some(m) = ctx.names_in(i, i + 1).max_by_key(|m| m.toks.1) {
            if !is_authority(ctx, m) {
                // "Western states", "Gulf Arab countries": skipped below.
                if matches!(ctx.kind_of(m), EntityKind::Nationality | EntityKind::Other)
                    && m.toks.1 - m.toks.0 <= 2
                {
                    let j = m.toks.1;
                    let k2 = if j < last
                        && ctx.names_in(j, j + 1).any(|n| ctx.kind_of(n) == EntityKind::Nationality)
                    {
                        j + 1
                    } else {
                        j
                    };
                    if k2 < last
                        && matches!(
                            ctx.tok_lower(k2),
                            "governments"
                                | "countries"
                                | "states"
                                | "nations"
                                | "powers"
                                | "allies"
                        )
                    {
                        i = k2 + 1;
                        while i < last
                            && matches!(
                                ctx.tok_lower(i),
                                "," | "including" | "such" | "as" | "among" | "them"
                            )
                        {
                            i += 1;
                        }
                        continue;
                    }
                }
                break;
            }
            // "the U.S. State Department": the department replaces its country.
            let glued = out.last().is_some()
                && i > k
                && !matches!(ctx.tok_lower(i - 1), "," | "and" | "the" | "also" | "&");
            if glued && ctx.kind_of(m) == EntityKind::Organization {
                out.pop();
            }
            out.push(m.entity);
            i = m.toks.1.max(i + 1);
            continue;
        }
        // ("not only by Turkey but also the United States".)
        let not_only = ctx.tok_lower(i) == "not" && i + 1 < last && ctx.tok_lower(i + 1) == "only";
        if not_only
            || matches!(
                ctx.tok_lower(i),
                "," | "and" | "the" | "also" | "both" | "&" | "as" | "well" | "only" | "but" | "by"
            )
        {
            i += 1;
            continue;
        }
        // "by several governments, including the US", "by Western states,
        // Israel, Gulf Arab countries and the Arab League": a class of
        // authorities before or between the named ones.
        let class = |j: usize| {
            j < last
                && matches!(
                    ctx.tok_lower(j),
                    "governments" | "countries" | "states" | "nations" | "powers" | "allies"
                )
        };
        let mut j = i;
        while j < last
            && j < i + 3
            && (matches!(
                ctx.tok_lower(j),
                "several"
                    | "many"
                    | "some"
                    | "various"
                    | "numerous"
                    | "other"
                    | "a"
                    | "number"
                    | "of"
                    | "western"
                    | "arab"
                    | "gulf"
                    | "european"
                    | "foreign"
            ) || ctx.names_in(j, j + 1).any(|m| ctx.kind_of(m) == EntityKind::Nationality))
        {
            j += 1;
        }
        if class(j) {
            i = j + 1;
            while i < last
                && matches!(ctx.tok_lower(i), "," | "including" | "such" | "as" | "among" | "them")
            {
                i += 1;
            }
            continue;
        }
        break;
    }
    out.dedup();
    out
}

/// A leader the same report tells was killed or died ("its leader X was
/// killed in battle", "X is believed to have died") leads no more when it
/// is published: his `leader` claims are former ones, not undated, so that
/// the successor the report names is the current leader and the two do
/// not conflict. A death the report denies or only wishes for changes
/// nothing.
fn dead_leaders_are_former(out: &mut [Claim]) {
    let dead: Vec<usize> = out
        .iter()
        .filter(|c| {
            c.predicate == Predicate::Status
                && matches!(&c.value, Value::Text(v) if v == "killed" || v == "dead")
                && !matches!(c.modality, Modality::Denied | Modality::Hypothetical)
        })
        .map(|c| c.subject)
        .collect();
    if dead.is_empty() {
        return;
    }
    for c in out.iter_mut() {
        if c.predicate == Predicate::Leader
            && c.status.as_deref() == Some("current")
            && matches!(c.value, Value::Entity(p) if dead.contains(&p))
        {
            c.status = Some("former".into());
            if c.when.as_ref().is_some_and(|w| w.text == "publication date") {
                c.when = None;
            }
        }
    }
}

/// A person who leads or founded a group is one of its members: the
/// sentence that makes X the Lion Front's leader or founder also gives
/// `member_of` (X, Lion Front), with the leader claim's time, source and
/// modality, as a titled commander's role does (`roles`, `titles`). A
/// leadership the text denies, expects or only supposes says nothing of
/// membership. A membership the sentence gives already goes in `extract`'s
/// one-claim-per-span pass, which keeps the first.
fn leaders_are_members(ctx: &Ctx, out: &mut Vec<Claim>) {
    let mut derived = Vec::new();
    for c in out.iter() {
        if !matches!(c.predicate, Predicate::Leader | Predicate::FoundedBy)
            || !matches!(
                c.modality,
                Modality::Asserted | Modality::Reported | Modality::Believed | Modality::Claimed
            )
        {
            continue;
        }
        let Value::Entity(person) = c.value else { continue };
        if ctx.entities[person].kind != EntityKind::Person
            || ctx.entities[c.subject].kind != EntityKind::Group
        {
            continue;
        }
        let member = Value::Entity(c.subject);
        // A founding is dated by the founding, not the membership.
        let when = if c.predicate == Predicate::Leader { c.when.clone() } else { None };
        derived.push(Claim {
            subject: person,
            predicate: Predicate::MemberOf,
            value: member,
            when,
            source: c.source.clone(),
            modality: c.modality,
            status: None,
            span: c.span,
        });
    }
    out.extend(derived);
}

/// A founding date in a sentence that names a group's former name is the
/// predecessor's ("X, formerly known as Y, was founded in 2009"): the
/// founding of the lineage, which the successor under its new name did not
/// have then. Moving it keeps it from conflicting with the successor's own.
fn founding_to_predecessor(out: &mut Vec<Claim>) {
    // The groups of a merger are not its founders ("formed by the merger of
    // X and Y").
    let merged: Vec<(usize, Value, Span)> = out
        .iter()
        .filter(|c| c.predicate == Predicate::MergedFrom)
        .map(|c| (c.subject, c.value.clone(), c.span))
        .collect();
    out.retain(|c| {
        c.predicate != Predicate::FoundedBy
            || !merged
                .iter()
                .any(|(s, v, span)| *s == c.subject && *v == c.value && *span == c.span)
    });
    let renamed: Vec<(usize, usize, Span)> = out
        .iter()
        .filter(|c| c.predicate == Predicate::RenamedFrom)
        .filter_map(|c| match c.value {
            Value::Entity(p) => Some((c.subject, p, c.span)),
            _ => None,
        })
        .collect();
    for c in out.iter_mut() {
        if !matches!(c.predicate, Predicate::Founded | Predicate::FirstActive) {
            continue;
        }
        if let Some(&(_, p, _)) =
            renamed.iter().find(|&&(s, _, span)| s == c.subject && span == c.span)
        {
            c.subject = p;
        }
    }
}

/// Adverbs of habit before a verb of targeting ("frequently targets",
/// "often targeting").
const HABIT_ADVERBS: &[&str] = &["often", "frequently", "mainly", "mostly", "regularly", "usually"];

fn targets(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    let cues = ctx.find_cues(cue!("targets_cue"), first, last);
    // "the group has attacked large landholders and multinational
    // companies", "attacking government buildings, military bases and
    // schools": attacks on kinds of things, not on one of them, say what a
    // group targets. Only bare plurals, and not in a sentence that dates an
    // incident ("stormed the town on Sunday, attacking police stations").
    let habitual = || {
        let &(a, b, _) = ctx.find_cues(cue!("habitual_attack_cue"), first, last).first()?;
        // "frequently target the security forces": a verb of habit may take
        // a definite plural.
        let habit = matches!(ctx.tok_lower(a), "frequently" | "regularly" | "often");
        let b = if habit && b + 1 < last && ctx.tok_lower(b) == "the" { b + 1 } else { b };
        // "attacks against Taliban officials": a group's people, by its
        // name made a modifier.
        let group_modifier = |m: &NameMention| {
            ctx.kind_of(m) == EntityKind::Group
                && m.toks.1 < last
                && is_lower_word(ctx.tok(m.toks.1))
        };
        let bare_plural = b < last
            && {
                let w = ctx.tok(b);
                (w.starts_with(|c: char| c.is_lowercase())
                    || ctx.names_in(b, b + 1).any(group_modifier))
                    && !matches!(
                        w,
                        "a" | "an" | "the" | "this" | "that" | "these" | "those" | "its" | "their"
                    )
            }
            && {
                let end = (b..last)
                    .find(|&k| matches!(ctx.tok(k), "," | "and" | "or" | "." | ";"))
                    .unwrap_or(last);
                // "police", "personnel": plurals without an s.
                let plural = |w: &str| {
                    w.ends_with('s') || matches!(w, "police" | "personnel" | "people" | "military")
                };
                end > b
                    && plural(ctx.tok_lower(end - 1))
                    && ctx.names_in(b, end).all(|m| group_modifier(m) && m.toks.1 < end)
            };
        let dated = ctx
            .times_at_toks(first, last)
            .iter()
            .any(|t| t.interval.as_ref().is_some_and(|i| i.granularity == crate::Granularity::Day));
        (bare_plural && !dated).then_some((a, b, "attacking"))
    };
    let Some((a, b, phrase)) = cues.first().copied().or_else(habitual) else { return };
    // "the four Hezbollah members were likely targeted during a meeting":
    // a passive tells who was targeted, not whom the subject targets.
    if ctx.tok_lower(a) == "targeted"
        && (a.saturating_sub(2).max(first)..a).any(|k| is_passive_aux(ctx.tok_lower(k)))
    {
        return;
    }
    // "Among the group's recent targets are X, Y": the subject is the possessor.
    // Only a possessive: "ISWAP, an offshoot of Boko Haram, has intensified
    // attacks, targeting soldiers" is ISWAP's, the subject's.
    // The last group before the cue: "Since the Taliban's return to power,
    // ISIS has conducted bombings, targeting ..." is ISIS's.
    let possessor = ctx
        .names_in(first, a)
        .filter(|m| ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description)
        .last()
        .filter(|m| {
            let after = &ctx.text()[m.span.end as usize..];
            after.starts_with("'") || after.starts_with("’")
        });
    // "violent actions by the DHKP-C for twenty years, often targeting
    // foreign interests": a participle set off after a phrase of "by" tells
    // what its agent does.
    let agent = || {
        let w = ctx.tok_lower(a);
        if !w.ends_with("ing") {
            return None;
        }
        let mut c = a;
        while c > first && HABIT_ADVERBS.contains(&ctx.tok_lower(c - 1)) {
            c -= 1;
        }
        if c <= first || ctx.tok(c - 1) != "," {
            return None;
        }
        ctx.names_in(first, c)
            .filter(|m| ctx.kind_of(m) == EntityKind::Group && m.toks.0 > first + 1)
            .filter(|m| {
                let b =
                    if ctx.tok_lower(m.toks.0 - 1) == "the" { m.toks.0 - 2 } else { m.toks.0 - 1 };
                ctx.tok_lower(b) == "by"
            })
            .last()
    };
    let agent = agent();
    let subject = match possessor.or(agent) {
        Some(m) => resolve_branch(ctx, m),
        None => match subject_before(ctx, si, a) {
            Some(s) => s,
            None => return,
        },
    };
    // "ISIS said the army had been targeting its members": soldiers or police
    // between the group and the verb are who targets.
    let from_group = possessor.or(agent).map_or(first, |m| m.toks.1);
    // (Not a word of a name: "The New People's Army has targeted ...".)
    if (from_group..a).any(|k| {
        let w = ctx.tok_lower(k);
        (ctx.lex.is("actor_military", w) || ctx.lex.is("actor_police", w))
            && ctx.name_at(first, k).is_none()
    }) {
        return;
    }
    let mut from = b;
    // "a Sunni militant group which frequently targets Iranian security
    // forces": the verb, after a relative pronoun or an adverb of habit.
    let verb_targets = a > first && {
        let w = ctx.tok_lower(a - 1);
        matches!(w, "which" | "that" | "who" | "also") || HABIT_ADVERBS.contains(&w)
    };
    if phrase == "targets" && !verb_targets {
        // bare noun: needs "are"/"include" next
        if b < last && matches!(ctx.tok_lower(b), "are" | "include" | "included" | "were") {
            from = b + 1;
        } else {
            return;
        }
    }
    let modality = modality_near(ctx, attr, a, first);
    let items = list_items(ctx, si, from);
    // "targeting religious minorities and the Taliban themselves": a group
    // does not target itself; the subject was read wrong, and none of the
    // list is its.
    if items.iter().take(8).any(|&(ia, ib)| ctx.names_in(ia, ib).any(|m| m.entity == subject)) {
        return;
    }
    for (ia, ib) in items.into_iter().take(8) {
        // The list ends at a quotation's end or a verb of saying ("often
        // targeting foreign interests," said X).
        if ia > from
            && (from..ia.min(last))
                .any(|k| matches!(ctx.tok(k), "”" | "\"") || ctx.is_cue(cue!("say_verb"), k))
        {
            break;
        }
        // Not a phrase of place or time ("restrictions on targeting in
        // September 2018").
        let head = ctx.tok_lower(ia);
        if ctx.lex.is("object_prep", head)
            || ctx.lex.is("locative", head)
            || !ctx.times_at_toks(ia, ia + 1).is_empty()
        {
            break;
        }
        // The list ends at a verb, a clause or a place ("oil facilities and
        // foreigners, and seeks to topple ...", "targeting civilians has
        // dropped", "security forces as it seeks", "churches in the north").
        let verb = (ia..ib).find(|&k| {
            let w = ctx.tok_lower(k);
            ctx.is_verb_tag(k) == Some(true)
                || matches!(
                    w,
                    "as" | "while"
                        | "because"
                        | "when"
                        | "which"
                        | "who"
                        | "that"
                        | "where"
                        | "if"
                        | "unless"
                        | "again"
                        | "soon"
                        | "too"
                )
                || ctx.lex.is("locative", w)
        });
        let ib = verb.unwrap_or(ib);
        if ib == ia {
            break;
        }
        let t = item_text(ctx, ia, ib);
        if t.is_empty() || t.split_whitespace().count() > 8 {
            continue;
        }
        // "and repeatedly blown up oil pipelines": an adverb left of a verb.
        if ib == ia + 1 && t.ends_with("ly") && is_lower_word(&t) {
            break;
        }
        push(ctx, out, si, subject, Predicate::Targets, Value::Text(t), None, attr, modality, None);
        // "attacks against Taliban officials": a group attacking another's
        // people opposes it.
        if let Some(m) = ctx.names_in(ia, ib).find(|m| ctx.kind_of(m) == EntityKind::Group) {
            let value = Value::Entity(resolve_branch(ctx, m));
            push(ctx, out, si, subject, Predicate::Opposes, value, None, attr, modality, None);
        }
        if verb.is_some() {
            break;
        }
    }
}

fn attack_counts(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, _) = ctx.view.sent_toks[si];
    let s = ctx.sentences[si];
    for q in ctx.quantities_near(s.start, s.end).iter().filter(|q| s.contains(q.span)) {
        let Some(unit) = q.unit else { continue };
        if !ctx.lex.is("attack_count_unit", &unit.slice(ctx.text()).to_lowercase()) {
            continue;
        }
        let qk = ctx.tok_at(q.span.start);
        let Some(subject) = subject_before(ctx, si, qk).or_else(|| {
            // "... attacks claimed by the organization"
            let after = ctx.tok_end_at(unit.end);
            ctx.names_in(after, (after + 6).min(ctx.view.sent_toks[si].1))
                .find(|m| ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description)
                .map(|m| m.entity)
        }) else {
            continue;
        };
        if ctx.entities[subject].kind != EntityKind::Group {
            continue;
        }
        let when = when_for(ctx, si, qk, Some(q.span));
        push(
            ctx,
            out,
            si,
            subject,
            Predicate::AttackCount,
            Value::Quantity {
                quantity: q.quantity,
                unit: Some(unit.slice(ctx.text()).to_lowercase()),
            },
            when,
            attr,
            modality_near(ctx, attr, qk, first),
            None,
        );
    }
}

fn origins(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    for (a, b, _) in ctx.find_cues(cue!("origin_cue"), first, last) {
        // "Its members include Uzbeks", "the group includes Chechens", not
        // "its most notable attacks include the attack that killed 13
        // American soldiers": what includes must be the group or its men.
        if matches!(ctx.tok_lower(a), "include" | "includes") {
            let men = (a.saturating_sub(3).max(first)..a).any(|k| {
                ctx.is_cue(cue!("member_noun"), k)
                    || ctx.lex.is("actor_armed", ctx.tok_lower(k))
                    || ctx.tok_lower(k) == "ranks"
            });
            let group = a > first
                && ctx.names_in(a.saturating_sub(6).max(first), a).any(|m| {
                    m.toks.1 == a
                        && (ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description)
                });
            if !men && !group {
                continue;
            }
        }
        let Some(subject) = subject_before(ctx, si, a) else { continue };
        if ctx.entities[subject].kind != EntityKind::Group {
            continue;
        }
        let modality = modality_near(ctx, attr, a, first);
        let mut any = false;
        for (ia, ib) in list_items(ctx, si, b).into_iter().take(8) {
            if let Some(m) =
                ctx.names_in(ia, ib).find(|m| ctx.kind_of(m) == EntityKind::Nationality)
            {
                push(
                    ctx,
                    out,
                    si,
                    subject,
                    Predicate::MemberOrigin,
                    Value::Entity(m.entity),
                    None,
                    attr,
                    modality,
                    None,
                );
                any = true;
            }
        }
        if any {
            break;
        }
    }
}

fn responsibility(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    for (a, b, _) in ctx.find_cues(cue!("claim_cue"), first, last) {
        let trigger_in =
            |from: usize, to: usize| crate::events::trigger_spans(ctx, from, to).into_iter().next();
        // "It claimed a truck bombing in July": an event word right after
        // an article is what was claimed.
        let claimed_event = || {
            matches!(ctx.tok_lower(b), "a" | "an") && trigger_in(b + 1, (b + 5).min(last)).is_some()
        };
        if b < last
            && ctx.tok_lower(a) == "claimed"
            && b == a + 1
            && !matches!(ctx.tok_lower(b), "responsibility" | "the" | "credit")
            && !claimed_event()
        {
            continue;
        }
        // "the insurgency has claimed 40,000 lives", "claimed the lives of
        // 20 people": deaths, not a claim of responsibility.
        if matches!(ctx.tok_lower(b - 1), "claimed" | "claims" | "claim")
            && (b..(b + 5).min(last)).any(|k| matches!(ctx.tok_lower(k), "lives" | "life"))
        {
            continue;
        }
        // "although no group has claimed responsibility", "nobody claimed
        // it": no one's claim, nor anyone's denial.
        let no_one = (a.saturating_sub(4).max(first)..a).any(|k| {
            matches!(ctx.tok_lower(k), "nobody" | "none")
                || (ctx.tok_lower(k) == "no"
                    && k + 1 < a
                    && !matches!(ctx.tok_lower(k + 1), "longer" | "more" | "doubt"))
        });
        if no_one {
            continue;
        }
        let denied = negated_before(ctx, a, 3, first);
        // What was claimed: the event phrase after the cue, up to its trigger
        // word ("the raid", "the twin bombings"); else the last event phrase
        // of the text before it ("Two car bombs"). Never a made-up phrase,
        // and without one the sentence need not be parsed for who claimed.
        // "claimed the attack": the cue's own words name the event.
        let mut k = match trigger_in(a + 1, b) {
            Some((ts, _)) => (a + 1..ts).rev().find(|&i| ctx.tok_lower(i) == "the").unwrap_or(ts),
            None => b,
        };
        while k < last
            && (matches!(ctx.tok_lower(k), "for" | "responsibility" | "credit")
                || (ctx.tok_lower(k) == "the"
                    && k + 1 < last
                    && matches!(ctx.tok_lower(k + 1), "responsibility" | "credit"))
                || (k == b
                    && k + 1 < last
                    && ctx.tok_lower(k + 1) == "for"
                    && crate::scan::is_weekday(ctx.tok(k))))
        {
            k += 1;
        }
        let what = match trigger_in(k, (k + 6).min(last)) {
            Some((_, te)) => item_text(ctx, k, claimed_phrase_end(ctx, si, te)),
            None => {
                let before = (0..=si).rev().find_map(|s| {
                    let (f, l) = ctx.view.sent_toks[s];
                    let l = if s == si { a } else { l };
                    crate::events::trigger_spans(ctx, f, l).into_iter().last()
                });
                match before {
                    Some((ts, te)) => item_text(ctx, ts, te),
                    None => continue,
                }
            }
        };
        // Who claimed: the subject of "claimed" ("X, a group linked to Y,
        // claimed responsibility" is X's claim). "A group of militants" or
        // "the police" is no group of the text's; without a parse, the
        // nearest group before the cue.
        let syntactic = ctx.syn(si).and_then(|syn| {
            let v = (a..b).find(|&k| syn.is_verb(k)).unwrap_or(a);
            let mut s = clause_subject(syn, v)?;
            // "militants from the X group, which claimed responsibility":
            // a relative pronoun the parse did not attach stands for the
            // noun before its comma.
            if matches!(ctx.tok_lower(s), "which" | "who") && s >= first + 2 {
                s = if ctx.tok(s - 1) == "," { s - 2 } else { s - 1 };
            }
            // "The jihadist group and Al-Qaeda affiliate Al Shabab have
            // claimed": a description joined to a name is that name.
            // (The parse may give the verb two subjects instead.)
            let named_conj = syn
                .children(s)
                .filter(|&c| syn.rel(c) == "conj")
                .chain(syn.children(v).filter(|&c| c != s && syn.rel(c) == "nsubj"))
                .map(|c| arg_at(ctx, si, syn, c))
                .find(|arg| matches!(arg, Arg::Entity(_)));
            let described =
                ctx.names_in(first, s + 1).any(|m| m.toks.1 > s && m.via == Via::Description);
            match arg_at(ctx, si, syn, s) {
                Arg::Refers => Some(named_conj.unwrap_or(Arg::Refers)),
                arg if described => Some(named_conj.unwrap_or(arg)),
                arg => Some(arg),
            }
        });
        let subject = match syntactic {
            Some(arg) => arg_entity(ctx, si, arg),
            None => subject_before(ctx, si, a),
        };
        let Some(subject) = subject else { continue };
        if ctx.entities[subject].kind != EntityKind::Group {
            continue;
        }
        let modality = if denied { Modality::Denied } else { Modality::Claimed };
        push_responsibility(ctx, out, si, subject, what, attr, modality);
        return;
    }
    said_it_did(ctx, si, attr, out);
}

/// "The Islamic State group said Thursday that it carried out twin
/// bombings", "X said in a statement that its fighters were behind the
/// attack": a group saying it (or its men) did an attack claims it. The
/// group is the subject before the verb of saying; what was claimed is the
/// event phrase after the `carried_out_cue`.
fn said_it_did(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    let Some(&(a, b, _)) = ctx.find_cues(cue!("carried_out_cue"), first, last).first() else {
        return;
    };
    // Its doer: "it", "they", "its fighters", "one of its members".
    let own = (a.saturating_sub(5).max(first)..a)
        .any(|k| matches!(ctx.tok_lower(k), "it" | "they" | "its" | "their"));
    let Some(&(sa, _, _)) = ctx.find_cues(cue!("say_verb"), first, a).last() else { return };
    if !own || negated_before(ctx, a, 3, first) {
        return;
    }
    let Some(subject) = subject_before(ctx, si, sa) else { return };
    if ctx.entities[subject].kind != EntityKind::Group {
        return;
    }
    let Some((_, te)) = crate::events::trigger_spans(ctx, b, (b + 8).min(last)).into_iter().next()
    else {
        return;
    };
    let what = item_text(ctx, b, claimed_phrase_end(ctx, si, te));
    push_responsibility(ctx, out, si, subject, what, attr, Modality::Claimed);
}

/// Where a claimed event's phrase ends when its trigger word ends at `te`:
/// with what the attack was on and where ("two attacks on Banga village",
/// "the bombing of a convoy near the airport"), up to a comma, a clause,
/// a verb, a time ("on Monday") or another item ("as well as", "and a");
/// at most ten words.
fn claimed_phrase_end(ctx: &Ctx, si: usize, te: usize) -> usize {
    let (_, last) = ctx.view.sent_toks[si];
    if te >= last
        || !matches!(
            ctx.tok_lower(te),
            "on" | "against" | "at" | "in" | "near" | "of" | "targeting" | "inside" | "outside"
        )
    {
        return te;
    }
    // "claimed the attack in a statement": where it was said, not where
    // the attack was.
    let said = (te + 1..(te + 4).min(last))
        .any(|k| ctx.is_cue(cue!("say_setting"), k) || ctx.is_cue(cue!("noun_say"), k));
    if said && ctx.tok_lower(te) == "in" {
        return te;
    }
    let time_at =
        |k: usize| ctx.times_at_toks(k, k + 1).iter().any(|t| ctx.tok_at(t.span.start) == k);
    let stop = |k: usize| {
        let w = ctx.tok_lower(k);
        // Punctuation (a possessive "'s" aside).
        ctx.tok(k).starts_with(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
            || matches!(
                w,
                "as" | "which"
                    | "that"
                    | "who"
                    | "when"
                    | "after"
                    | "before"
                    | "while"
                    | "earlier"
                    | "later"
                    | "last"
                    | "this"
                    | "yesterday"
                    | "today"
            )
            || ctx.lex.is("clause_break", w)
            || (w == "and" && k + 1 < last && {
                let n = ctx.tok_lower(k + 1);
                matches!(n, "a" | "an" | "the" | "another") || ctx.is_verb_tag(k + 1) == Some(true)
            })
            || (k > te && ctx.is_verb_tag(k) == Some(true) && w != "targeting")
            || time_at(k)
            || (k + 1 < last && matches!(w, "on" | "in" | "at") && time_at(k + 1))
    };
    let mut end = (te + 1..(te + 11).min(last)).find(|&k| stop(k)).unwrap_or((te + 11).min(last));
    // At least one word after the preposition, and not a dangling one.
    while end > te
        && (ctx.lex.is("object_prep", ctx.tok_lower(end - 1))
            || matches!(ctx.tok_lower(end - 1), "a" | "an" | "the" | "its" | "their"))
    {
        end -= 1;
    }
    if end <= te + 1 {
        te
    } else {
        end
    }
}

/// A `claimed_responsibility` claim of `subject` for the event phrase `what`.
fn push_responsibility(
    ctx: &Ctx,
    out: &mut Vec<Claim>,
    si: usize,
    subject: usize,
    what: String,
    attr: &Attribution,
    modality: Modality,
) {
    push(
        ctx,
        out,
        si,
        subject,
        Predicate::ClaimedResponsibility,
        Value::Text(what),
        None,
        attr,
        modality,
        None,
    );
}
