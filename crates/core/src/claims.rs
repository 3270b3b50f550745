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

use crate::annotate::Ctx;
use crate::entities::{clean_surface, NameMention, Via};
use crate::lexicon::LEXICON;
use crate::{Claim, EntityKind, Granularity, Modality, Predicate, Span, TimeInterval, Value, When};

/// Words that show a sentence opening is a clause, not a source's name.
const NOT_IN_SOURCE: &[&str] = &[
    "should", "would", "could", "be", "is", "was", "were", "are", "been", "can", "will", "may",
    "might", "must", "not", "no", "before", "after", "when", "if", "because", "calling", "which",
    "that", "who",
];

const PRONOUNS: &[&str] = &["they", "it", "its", "their", "them", "itself", "themselves"];

pub(crate) fn extract(ctx: &mut Ctx) -> Vec<Claim> {
    let mut out = Vec::new();
    for si in 0..ctx.sentences.len() {
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
        founding(ctx, si, &attr, &mut out);
        leaders(ctx, si, &attr, &mut out);
        places(ctx, si, &attr, &mut out);
        relations(ctx, si, &attr, &mut out);
        targets(ctx, si, &attr, &mut out);
        attack_counts(ctx, si, &attr, &mut out);
        origins(ctx, si, &attr, &mut out);
        responsibility(ctx, si, &attr, &mut out);
    }
    // One claim per (subject, predicate, value, span).
    let mut seen = std::collections::HashSet::new();
    out.retain(|c: &Claim| {
        seen.insert(format!("{}|{:?}|{:?}|{:?}", c.subject, c.predicate, c.value, c.span))
    });
    out
}

/// Attribution of one sentence.
pub(crate) struct Attribution {
    pub source: Option<String>,
    pub modality: Modality,
}

fn is_lower_word(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

pub(crate) fn attribution(ctx: &Ctx, si: usize) -> Attribution {
    let (first, last) = ctx.view.sent_toks[si];
    let lower: Vec<&str> = (first..last).map(|k| ctx.tok_lower(k)).collect();
    let w = |k: usize| lower[k - first];
    let mut source: Option<String> = None;
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
            let noun = ctx.is_cue("noun_say", k)
                && (ctx.is_cue("noun_determiner", k - 1)
                    || ctx.tok(k - 1).chars().next().is_some_and(char::is_uppercase));
            if ctx.is_cue("say_verb", k)
                && !noun
                && is_lower_word(ctx.tok(k))
                && (k > first + 1 || !aux)
            {
                let subj_end = if aux { k - 1 } else { k };
                if subj_end == first {
                    break;
                }
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
                if !src.is_empty() && (first_word.chars().next().is_some_and(char::is_uppercase)) {
                    source = Some(src);
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
            if k + 2 < last && ctx.is_cue("say_verb", k + 1) && is_lower_word(ctx.tok(k + 1)) {
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
                while v < last && v < k + 8 && !ctx.is_cue("say_verb", v) {
                    v += 1;
                }
                if v < last && v > k + 1 && ctx.is_cue("say_verb", v) {
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
    let has = |cat: &str| !ctx.find_cues(cat, first, last).is_empty();
    let modality = if has("deny_cue") {
        Modality::Denied
    } else if has("believe_cue") {
        Modality::Believed
    } else if has("report_cue") || source.is_some() {
        Modality::Reported
    } else {
        Modality::Asserted
    };
    Attribution { source, modality }
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
    if let Some(m) = ctx.names_in(first, k).filter(group_like).filter(|m| !ctx.is_object(m)).last()
    {
        return Some(resolve_branch(ctx, m));
    }
    let refers = (first..k).any(|i| PRONOUNS.contains(&ctx.tok_lower(i)));
    if refers {
        return recent_subject(ctx, si).or(ctx.topic);
    }
    None
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
    if k < ctx.view.tokens.len() && ctx.is_cue("branch_word", k) {
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
        .times
        .iter()
        .filter(|t| {
            t.span.start >= ca && t.span.end <= cb && exclude.is_none_or(|x| !x.overlaps(t.span))
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

fn negated_before(ctx: &Ctx, k: usize, window: usize, first: usize) -> bool {
    (k.saturating_sub(window).max(first)..k).any(|i| ctx.is_cue("negation", i))
}

fn modality_near(ctx: &Ctx, attr: &Attribution, k: usize, first: usize) -> Modality {
    if negated_before(ctx, k, 3, first) {
        return Modality::Denied;
    }
    if (k.saturating_sub(4).max(first)..k).any(|i| ctx.is_cue("hypo_cue", i)) {
        return Modality::Hypothetical;
    }
    // "Officials expect the group to have ...": a forecast, whoever makes it.
    if (first..k).any(|i| ctx.is_cue("expect_cue", i))
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
    for q in ctx.quantities.iter().filter(|q| s.contains(q.span)) {
        let Some(unit) = q.unit else { continue };
        let unit_word = unit.slice(ctx.text()).to_lowercase();
        if !ctx.lex.is("strength_unit", &unit_word) {
            continue;
        }
        let qk = ctx.tok_at(q.span.start);
        // Casualty counts are not strength.
        let window = qk.saturating_sub(5).max(first)..(ctx.tok_end_at(unit.end) + 4).min(last);
        if window.clone().any(|i| {
            let w = ctx.tok_lower(i);
            ctx.lex.is("kill_verb", w) || ctx.lex.is("wound_verb", w)
        }) {
            continue;
        }
        // A size needs a verb of having or numbering before it ("has about
        // 2,000 fighters", "numbers 1,000 strong", "put its strength at"):
        // "freed dozens of militants" is no size. "1,000-strong" says it alone.
        let verb_before =
            (qk.saturating_sub(6).max(first)..qk).any(|i| ctx.is_cue("strength_verb", i));
        if !verb_before && unit_word != "strong" {
            continue;
        }
        let Some(subject) = subject_before(ctx, si, qk) else { continue };
        if ctx.entities[subject].kind != EntityKind::Group {
            continue;
        }
        let when = when_for(ctx, si, qk, None);
        let unit_name = if unit_word == "strong" { "members".to_string() } else { unit_word };
        push(
            ctx,
            out,
            si,
            subject,
            Predicate::Strength,
            Value::Quantity { quantity: q.quantity, unit: Some(unit_name) },
            when,
            attr,
            modality_near(ctx, attr, qk, first),
            None,
        );
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
            let time =
                ctx.times.iter().find(|t| t.span.start >= after_start && t.span.end <= limit);
            let Some(subject) = subject_before(ctx, si, a) else { continue };
            if ctx.entities[subject].kind != EntityKind::Group {
                continue;
            }
            let modality = modality_near(ctx, attr, a, first);
            if let Some(t) = time {
                // The gap may hold only a few words ("officially", "in", "as early as", place names).
                let tk = ctx.tok_at(t.span.start);
                let gap_ok = (b..tk)
                    .all(|i| !ctx.is_cue("event_attack", i) && !matches!(ctx.tok(i), "." | ";"));
                if gap_ok {
                    push(
                        ctx,
                        out,
                        si,
                        subject,
                        pred,
                        Value::Time {
                            interval: t.interval.clone(),
                            text: t.span.slice(ctx.text()).to_string(),
                        },
                        None,
                        attr,
                        modality,
                        None,
                    );
                }
            }
            if pred == Predicate::Founded {
                // "established by X"
                if let Some(by) = (b..(b + 8).min(ce)).find(|&i| ctx.tok(i) == "by") {
                    let (_, ce2) = clause(ctx, si, by);
                    if let Some(m) = ctx.names_in(by + 1, (by + 9).min(ce2)).find(|m| {
                        matches!(
                            ctx.kind_of(m),
                            EntityKind::Group | EntityKind::Person | EntityKind::Organization
                        )
                    }) {
                        let m_entity = m.entity;
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
}

fn leaders(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    // A person's name, or an unknown capitalized name of two or more words
    // in a slot where only a person fits ("led by X", "his successor, X").
    let person_like = |m: &&NameMention| {
        ctx.kind_of(m) == EntityKind::Person
            || (ctx.kind_of(m) == EntityKind::Other && m.toks.1 - m.toks.0 >= 2)
    };
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
            .any(|i| ctx.is_cue("former_cue", i) && ctx.tok_lower(i) != "was");
        let status = if former_near { "former" } else { status };
        let when = if status == "current" { publication_when(ctx) } else { None };
        let modality = modality_near(ctx, attr, k, first);
        push(
            ctx,
            out,
            si,
            subject,
            Predicate::Leader,
            Value::Entity(p.entity),
            when,
            attr,
            modality,
            Some(status.to_string()),
        );
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
                        push(
                            ctx,
                            out,
                            si,
                            subject,
                            Predicate::Leader,
                            Value::Entity(p.entity),
                            None,
                            attr,
                            modality,
                            Some("former".to_string()),
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
    let mut cues = ctx.find_cues("leader_cue", first, last);
    for k in first..last.saturating_sub(1) {
        if ctx.tok_lower(k) == "led" && ctx.tok(k + 1) == "," {
            if let Some(by) = (k + 2..(k + 14).min(last)).find(|&i| ctx.tok_lower(i) == "by") {
                if ctx.tok(by - 1) == "," {
                    cues.push((k, by + 1, "led by"));
                }
            }
        }
    }
    for (a, b, _) in cues {
        let Some(p) = ctx.names_in(b, (b + 3).min(last)).find(person_like) else {
            continue;
        };
        // "Led by X, the group ...": the subject follows.
        let subject = if a == first {
            ctx.names_in(p.toks.1, (p.toks.1 + 6).min(last))
                .find(|m| ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description)
                .map(|m| resolve_branch(ctx, m))
        } else {
            subject_before(ctx, si, a)
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
        push(
            ctx,
            out,
            si,
            subject,
            Predicate::Leader,
            Value::Entity(p.entity),
            when,
            attr,
            modality,
            Some(status.to_string()),
        );
    }
    let persons: Vec<&NameMention> =
        ctx.names_in(first, last).filter(|m| person_like(m) && m.via == Via::Name).collect();
    for p in persons {
        // A leading role word next to the person: "its leader X", "leaders
        // such as X", "X, the group's leader", "X is the leader of".
        let is_role = |i: usize| {
            let t = ctx.tok(i);
            let t = t.strip_suffix("’s").or_else(|| t.strip_suffix("'s")).unwrap_or(t);
            ctx.lex.roles.get(t).is_some_and(|(_, leads)| *leads) && is_lower_word(t)
        };
        let before = (p.toks.0.saturating_sub(4).max(first)..p.toks.0)
            .rev()
            .find(|&i| is_role(i))
            .filter(|&i| {
                (i + 1..p.toks.0).all(|k| {
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
                            | "slain"
                            | "then"
                            | "is"
                            | "was"
                            | "remains"
                            | "became"
                    )
                })
            });
        let after = if p.toks.1 < last
            && matches!(ctx.tok(p.toks.1), "," | "is" | "was" | "became" | "remains")
        {
            (p.toks.1 + 1..(p.toks.1 + 6).min(last)).find(|&i| is_role(i)).filter(|&i| {
                (p.toks.1 + 1..i).all(|k| {
                    !matches!(ctx.tok(k), "," | ";" | ".")
                        && ctx
                            .tok(k)
                            .chars()
                            .all(|c| c.is_lowercase() || c == '’' || c == '\'' || c == '-')
                })
            })
        } else {
            None
        };
        let role = before.or(after);
        let Some(r) = role else { continue };
        // Who is led: "leader of X", a group just before the role, or the salient group.
        let mut subject = None;
        if r + 1 < last && ctx.tok(r + 1) == "of" {
            let (_, ce) = clause(ctx, si, r);
            match ctx.names_in(r + 2, (r + 8).min(ce)).next() {
                Some(m) if ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description => {
                    subject = Some(resolve_branch(ctx, m));
                }
                // "the head of U.S. Central Command": not a group's leader.
                Some(_) => continue,
                None => {}
            }
        }
        if subject.is_none() {
            subject = ctx
                .names_in(r.saturating_sub(3).max(first), r)
                .filter(|m| ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description)
                .last()
                .map(|m| resolve_branch(ctx, m));
        }
        if subject.is_none() {
            let possessive = (r.saturating_sub(2).max(first)..r)
                .any(|i| matches!(ctx.tok_lower(i), "its" | "their"));
            if possessive || ctx.names_in(first, last).any(|m| m.via == Via::Description) {
                subject = ctx.topic;
            } else {
                subject = subject_before(ctx, si, p.toks.0.min(r));
            }
        }
        let Some(subject) = subject else { continue };
        if ctx.entities[subject].kind != EntityKind::Group {
            continue;
        }
        let (lo, hi) =
            (p.toks.0.min(r).saturating_sub(3).max(first), (p.toks.1.max(r) + 6).min(last));
        let former = (lo..hi).any(|i| {
            let w = ctx.tok_lower(i);
            ctx.lex.is("former_cue", w) && w != "was"
                || (w == "was" && i + 1 < last && ctx.tok_lower(i + 1) == "killed")
        });
        let status = Some(if former { "former" } else { "current" }.to_string());
        let when = if former { None } else { publication_when(ctx) };
        let mut attr2 = Attribution {
            source: attr.source.clone(),
            modality: modality_near(ctx, attr, r, first),
        };
        if attr2.modality == Modality::Denied {
            attr2.modality = attr.modality;
        }
        push(
            ctx,
            out,
            si,
            subject,
            Predicate::Leader,
            Value::Entity(p.entity),
            when,
            &attr2,
            attr2.modality,
            status,
        );
    }
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
    for (cat, pred) in [("based_cue", Predicate::BasedIn), ("operates_cue", Predicate::OperatesIn)]
    {
        for (a, b, _) in ctx.find_cues(cat, first, last) {
            let Some(subject) = subject_before(ctx, si, a) else { continue };
            if ctx.entities[subject].kind != EntityKind::Group {
                continue;
            }
            let modality = modality_near(ctx, attr, a, first);
            let (_, ce) = clause(ctx, si, a);
            let hi = (b + 16).min(ce);
            for m in ctx.names_in(b, hi) {
                if ctx.kind_of(m) == EntityKind::Place {
                    let when = when_for(ctx, si, a, None);
                    push(
                        ctx,
                        out,
                        si,
                        subject,
                        pred,
                        Value::Entity(m.entity),
                        when,
                        attr,
                        modality,
                        None,
                    );
                }
            }
        }
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
    for (cat, pred) in cats {
        for (a, b, _) in ctx.find_cues(cat, first, last) {
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
            subjects.dedup();
            if subjects.is_empty() {
                continue;
            }
            let modality = modality_near(ctx, attr, a, first);
            let mut b2 = b;
            if b2 < last && matches!(ctx.tok_lower(b2), "both" | "either") {
                b2 += 1;
            }
            for (ia, ib) in list_items(ctx, si, b2).into_iter().take(6) {
                let long = ib - ia > 6;
                // The object itself, not a prepositional phrase or a date
                // ("battled for control of Nangarhar in 2015").
                let head = ctx.tok_lower(ia);
                if ctx.lex.is("object_prep", head)
                    || ctx.lex.is("locative", head)
                    || ctx.times.iter().any(|t| {
                        let tk = ctx.tok_at(t.span.start);
                        tk >= ia && tk < ib
                    })
                {
                    if pred == Predicate::Opposes {
                        break;
                    }
                    continue;
                }
                let ent = ctx.names_in(ia, ib).find(|m| {
                    matches!(
                        ctx.kind_of(m),
                        EntityKind::Group | EntityKind::Organization | EntityKind::Other
                    ) || (pred == Predicate::Opposes
                        && matches!(ctx.kind_of(m), EntityKind::Person)
                        || m.entry.is_some_and(|e| e.class == crate::lexicon::EntryClass::Country))
                });
                let value = match ent {
                    Some(m) => Value::Entity(m.entity),
                    None if pred == Predicate::Opposes && !long => {
                        // A noun phrase: "the government", not "repeatedly in the east".
                        let det = matches!(
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
                if pred != Predicate::Opposes || long {
                    break;
                }
            }
        }
    }
}

fn targets(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    let cues = ctx.find_cues("targets_cue", first, last);
    let Some(&(a, b, phrase)) = cues.first() else { return };
    // "Among the group's recent targets are X, Y": the subject is the possessor.
    let possessor = ctx
        .names_in(first, a)
        .filter(|m| ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description)
        .last();
    let subject = match possessor {
        Some(m) => resolve_branch(ctx, m),
        None => match subject_before(ctx, si, a) {
            Some(s) => s,
            None => return,
        },
    };
    let mut from = b;
    if phrase == "targets" {
        // bare noun: needs "are"/"include" next
        if b < last && matches!(ctx.tok_lower(b), "are" | "include" | "included" | "were") {
            from = b + 1;
        } else {
            return;
        }
    }
    let modality = modality_near(ctx, attr, a, first);
    for (ia, ib) in list_items(ctx, si, from).into_iter().take(8) {
        let t = item_text(ctx, ia, ib);
        if t.is_empty() || t.split_whitespace().count() > 8 {
            continue;
        }
        push(ctx, out, si, subject, Predicate::Targets, Value::Text(t), None, attr, modality, None);
    }
}

fn attack_counts(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, _) = ctx.view.sent_toks[si];
    let s = ctx.sentences[si];
    for q in ctx.quantities.iter().filter(|q| s.contains(q.span)) {
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
    for (a, b, _) in ctx.find_cues("origin_cue", first, last) {
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
    for (a, b, _) in ctx.find_cues("claim_cue", first, last) {
        if b < last
            && ctx.tok_lower(a) == "claimed"
            && b == a + 1
            && !matches!(ctx.tok_lower(b), "responsibility" | "the" | "credit")
        {
            continue;
        }
        let Some(subject) = subject_before(ctx, si, a) else { continue };
        if ctx.entities[subject].kind != EntityKind::Group {
            continue;
        }
        let denied = negated_before(ctx, a, 3, first);
        // What was claimed: the event phrase after the cue, up to its trigger
        // word ("the raid", "the twin bombings"); else the last event phrase
        // of the text before it ("Two car bombs"). Never a made-up phrase.
        let mut k = b;
        while k < last && matches!(ctx.tok_lower(k), "for" | "responsibility" | "credit") {
            k += 1;
        }
        let trigger_in =
            |from: usize, to: usize| crate::events::trigger_spans(ctx, from, to).into_iter().next();
        let what = match trigger_in(k, (k + 6).min(last)) {
            Some((_, te)) => item_text(ctx, k, te),
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
        let modality = if denied { Modality::Denied } else { Modality::Claimed };
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
        break;
    }
}
