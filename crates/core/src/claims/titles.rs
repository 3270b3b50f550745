//! People's roles by the titles the text gives them: officials, police
//! officers, prosecutors, analysts, the people reports quote. "Interior
//! Minister Karl Nehammer", "regional military spokesman Reynaldo Aragones",
//! "PSNI assistant chief constable Bobby Singleton" (a title before the
//! name), "Romeo Galgo Jr., spokesman for the Regional Police Office 12,
//! said" (an appositive after it). The value is the title as written (a
//! lone title word by its normalized role: "President X" is `president`).
//!
//! A title is a run of role words (`roles.tsv`) and the words that may
//! modify them (capitalized words, `title_modifier` words, ordinals, a
//! possessive) ending with a role word; an appositive's may go on with
//! "of", "for", "at" and what follows up to its closing comma. A title that
//! names an armed group makes its holder a member of it ("Ahmed al-Ghandour,
//! commander of the northern brigade of the Qassam Brigades"), unless the
//! group rules (`leaders`, `roles`) read the person in that sentence
//! already; an honorific ("Mr.", "Sheikh") or a description ("militant X")
//! says no role.

use super::{publication_when, push, Attribution};
use crate::annotate::Ctx;
use crate::{Claim, EntityKind, Modality, Predicate, Value};

/// Normalized roles that only address a person.
/// Also descriptions that are no office ("militant X"), and "founder",
/// which the founding rules read.
const HONORIFICS: &[&str] = &[
    "person", "doctor", "sheikh", "mullah", "maulvi", "maulana", "mufti", "imam", "founder",
    "militant", "fighter", "sir", "reverend", "lord", "lady",
];

/// Prepositions that go on an appositive title ("spokesman for the police").
const TITLE_PREPS: &[&str] = &["of", "for", "at", "in", "with", "to", "from"];

/// Words that may start an appositive title ("X, a spokesman for ...").
const DETERMINERS: &[&str] = &["a", "an", "the", "its", "their", "his", "her"];

/// How many words a title may have, and an appositive's phrase after it.
const MAX_TITLE: usize = 6;
const MAX_AFTER: usize = 10;

/// The normalized role of token `k`, when it is a role word.
fn role_at<'l>(ctx: &'l Ctx, k: usize) -> Option<&'l (String, bool)> {
    let lex = ctx.lex;
    lex.role(ctx.tok(k)).or_else(|| lex.roles.get(ctx.tok_lower(k)))
}

/// Whether the role word at token `k` is a plural ("commanders",
/// "spokesmen"): a title of several people, not of the one named.
pub(super) fn plural(ctx: &Ctx, k: usize, role: &str) -> bool {
    let w = ctx.tok_lower(k);
    // ("boss" and "Boss" are one person.)
    w != role
        && (w.ends_with("men")
            || (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with('.') && w.len() > 3))
}

/// Whether token `k` may modify a role word inside a title.
fn modifier_at(ctx: &Ctx, k: usize) -> bool {
    let w = ctx.tok(k);
    let lower = ctx.tok_lower(k);
    // "Since", "On", "Her", weekdays and months start no title.
    if ctx.lex.is_stop_cap(w) {
        return false;
    }
    let capitalized = w.chars().next().is_some_and(char::is_uppercase);
    let ordinal = w.len() > 2
        && w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && ["st", "nd", "rd", "th"].iter().any(|s| lower.ends_with(s));
    capitalized
        || ordinal
        || role_at(ctx, k).is_some()
        || ctx.is_cue(cue!("title_modifier"), k)
        || (matches!(w, "'s" | "’s")
            && k > 0
            && ctx.tok(k - 1).chars().next().is_some_and(char::is_uppercase))
}

/// What a title on tokens `[a, b)` names: `None` when it names a person
/// (then it is no title of the one after it), else the armed group it
/// names last, if any ("commander of the northern brigade of the Qassam
/// Brigades").
fn title_group(ctx: &Ctx, a: usize, b: usize) -> Option<Option<usize>> {
    let mut group = None;
    for m in ctx.names_in(a.saturating_sub(MAX_TITLE), b).filter(|m| m.toks.1 > a) {
        match ctx.kind_of(m) {
            EntityKind::Person => return None,
            EntityKind::Group => group = Some(m.entity),
            _ => {}
        }
    }
    Some(group)
}

/// A person's title: its words, and the armed group it names.
struct Title {
    value: Value,
    group: Option<usize>,
    /// Its first token.
    start: usize,
}

/// The value of a title on tokens `[a, b)` with head role `role`.
fn title_value(ctx: &Ctx, a: usize, b: usize, role: &str) -> Value {
    if b == a + 1 {
        return Value::Text(role.to_string());
    }
    let tokens = ctx.view.tokens;
    // "Somali army Col.": an abbreviated last word by its role ("Somali
    // army colonel").
    let abbreviated = b < tokens.len()
        && ctx.tok(b) == "."
        && ctx.tok_lower(b - 1) != role
        && ctx.lex.roles.contains_key(&format!("{}.", ctx.tok(b - 1)));
    let end = if abbreviated { b - 1 } else { b };
    let span = crate::Span::new(tokens[a].span.start(), tokens[end - 1].span.end());
    let words = span.slice(ctx.text());
    Value::Text(if abbreviated { format!("{words} {role}") } else { words.to_string() })
}

pub(super) fn titles(ctx: &Ctx, si: usize, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    let persons: Vec<(usize, (usize, usize))> = ctx
        .names_in(first, last)
        .filter(|m| ctx.kind_of(m) == EntityKind::Person)
        .map(|m| (m.entity, m.toks))
        .collect();
    if persons.is_empty() {
        return;
    }
    let own = Attribution { source: None, modality: Modality::Asserted, source_toks: None };
    let span = super::sentence_span(ctx, si);
    for (person, (start, end)) in persons {
        // A name ending with a title word is titles read as a name ("the
        // Prosecutor General's Office", "Police Chief Supt"): no person.
        if role_at(ctx, end - 1).is_some() {
            continue;
        }
        let title = match before(ctx, first, start) {
            // "General Qassem Soleimani, the head of Iran's Quds Force": a
            // one-word rank gives way to the office the appositive names.
            // "Lt Col X, director of the force's media wing": so do two.
            // "The commander of the National Army, General X,": so does the
            // office set off before it.
            Some(t) if (t.start..start).all(|k| ctx.tok(k) == "." || rank(ctx, k)) => Some(
                after(ctx, end, last)
                    .or_else(|| fronted(ctx, first, t.start, end, last))
                    .unwrap_or(t),
            ),
            Some(t) => Some(t),
            None => after(ctx, end, last),
        }
        .or_else(|| {
            // "The town's cleric, Imam X, said": set off before an
            // honorific or a rank.
            let mut lead = start;
            while lead > first
                && (ctx.tok(lead - 1) == "."
                    || rank(ctx, lead - 1)
                    || role_at(ctx, lead - 1)
                        .is_some_and(|(r, _)| HONORIFICS.contains(&r.as_str())))
            {
                lead -= 1;
            }
            fronted(ctx, first, lead, end, last)
        });
        let Some(title) = title else {
            continue;
        };
        // A title naming a group that the group rules read already (a
        // member's role, a leader) is theirs.
        // A leader the group rules read ("Its former leader, X, was
        // killed") is theirs whatever the title names.
        let theirs = out.iter().any(|c| {
            c.span == span
                && ((title.group.is_some()
                    && c.subject == person
                    && matches!(c.predicate, Predicate::Role | Predicate::MemberOf))
                    || (c.predicate == Predicate::Leader && c.value == Value::Entity(person)))
        });
        if theirs {
            continue;
        }
        let when = publication_when(ctx);
        let asserted = Modality::Asserted;
        let value = title.value;
        push(ctx, out, si, person, Predicate::Role, value, when.clone(), &own, asserted, None);
        if let Some(g) = title.group {
            let value = Value::Entity(g);
            push(ctx, out, si, person, Predicate::MemberOf, value, when, &own, asserted, None);
        }
    }
}

/// Whether token `k` is a rank or an honorific ("Gen", "Brig.", "Sheikh").
fn rank(ctx: &Ctx, k: usize) -> bool {
    ctx.is_cue("rank_title", k)
}

/// A title right before a name: "Interior Minister Karl Nehammer".
fn before(ctx: &Ctx, first: usize, start: usize) -> Option<Title> {
    let mut head = start.checked_sub(1).filter(|&h| h >= first)?;
    // "an alleged Lion Front member named X", "a commander identified as
    // X": the title before the word that names him.
    if head > first && ctx.tok_lower(head) == "named" {
        head -= 1;
    } else if head > first + 1
        && ctx.tok_lower(head) == "as"
        && matches!(ctx.tok_lower(head - 1), "identified" | "named")
    {
        head -= 2;
    }
    if let Some(t) = of_force(ctx, first, head) {
        return Some(t);
    }
    // "Gov. X": the dot of an abbreviated title.
    let dotted = ctx.tok(head) == "." && head > first && role_at(ctx, head - 1).is_some();
    if dotted {
        head -= 1;
    }
    // "army spokesman Brig. X", "spokesperson Lt. Col. X": ranks name no
    // office, so the office before them (over every rank and its dot) is
    // the title.
    if rank(ctx, head) {
        let mut o = head;
        while o > first && (ctx.tok(o - 1) == "." || rank(ctx, o - 1)) {
            o -= 1;
        }
        let office = o.checked_sub(1).filter(|&o| o >= first);
        if let Some(office) = office {
            if role_at(ctx, office).is_some_and(|(r, _)| !HONORIFICS.contains(&r.as_str())) {
                head = office;
            }
        }
    }
    let (a, (role, leads)) = title_start(ctx, first, head)?;
    let group = title_group(ctx, a, head + 1)?;
    // A lone abbreviated rank ("Col. X") addresses the person; the office
    // said elsewhere is the role ("Somali army Col. X" is a title).
    if (*leads || (dotted && rank(ctx, head))) && a == head {
        return None;
    }
    Some(Title { value: title_value(ctx, a, head + 1, role), group, start: a })
}

/// The first token of a title whose role word is token `head` (over the
/// words that modify it), and the role: none for an honorific or a plural.
fn title_start<'l>(ctx: &'l Ctx, first: usize, head: usize) -> Option<(usize, &'l (String, bool))> {
    let entry = role_at(ctx, head)?;
    if HONORIFICS.contains(&entry.0.as_str()) || plural(ctx, head, &entry.0) {
        return None;
    }
    let mut a = head;
    while a > first && head + 1 - a < MAX_TITLE && modifier_at(ctx, a - 1) {
        a -= 1;
    }
    // A possessive opens a title only after its owner: "Austria's".
    while a < head && matches!(ctx.tok(a), "'s" | "’s") {
        a += 1;
    }
    Some((a, entry))
}

/// "Superintendent of Police X", "Director General of Police (DGP) X": an
/// office "of" the force a capitalized word names (an acronym in brackets
/// after it), the title ending at token `head`.
fn of_force(ctx: &Ctx, first: usize, head: usize) -> Option<Title> {
    let mut h = head;
    if ctx.tok(h) == ")" {
        h = (h.saturating_sub(4).max(first)..h)
            .rev()
            .find(|&i| ctx.tok(i) == "(")?
            .checked_sub(1)?;
    }
    let capitalized = ctx.tok(h).starts_with(char::is_uppercase);
    if h < first + 2 || !capitalized || role_at(ctx, h).is_some() || !modifier_at(ctx, h) {
        return None;
    }
    if ctx.tok_lower(h - 1) != "of" {
        return None;
    }
    let (a, (role, _)) = title_start(ctx, first, h - 2)?;
    let group = title_group(ctx, a, h + 1)?;
    Some(Title { value: title_value(ctx, a, h + 1, role), group, start: a })
}

/// A title in apposition after a name: "X, spokesman for the police, said".
fn after(ctx: &Ctx, end: usize, last: usize) -> Option<Title> {
    if end + 1 >= last {
        return None;
    }
    let mut a = if ctx.tok(end) == "," {
        // "X, who was a member of G,".
        match copula(ctx, end + 2, last) {
            Some(n) if ctx.tok_lower(end + 1) == "who" => end + 2 + n,
            _ => end + 1,
        }
    } else {
        // "X was a member of the Lion Front", "X is the group's
        // spokesman": a copula and a determiner.
        let n = copula(ctx, end, last)?;
        if !DETERMINERS.contains(&ctx.tok_lower(end + n)) {
            return None;
        }
        end + n
    };
    if DETERMINERS.contains(&ctx.tok_lower(a)) {
        a += 1;
    }
    // Modifiers, then the role words; a name's possessive first
    // ("al-Shabaab's intelligence chief").
    // (The possessive may be a token of its own or end the name's last.)
    let mut k = a;
    if let Some(m) = ctx.names_in(a, a + 1).next() {
        let rest = &ctx.text()[m.span.end as usize..];
        if rest.starts_with("'s ") || rest.starts_with("’s ") {
            k = m.toks.1 + usize::from(m.toks.1 < last && matches!(ctx.tok(m.toks.1), "'s" | "’s"));
        }
    }
    // ("the top elected official": a participle before a role word or a
    // modifier of one.)
    // ("an important commander": an adjective before one.)
    // ("an influential political leader": adjectives in a row.)
    let adj_like = |k: usize| {
        let w = ctx.tok(k);
        super::is_lower_word(w) && (w.ends_with("ed") || ctx.is_adj_tag(k).unwrap_or(false))
    };
    // (The tags are asked last: only before a role word or a modifier.)
    let participle = |k: usize| {
        k + 1 < last
            && (role_at(ctx, k + 1).is_some()
                || modifier_at(ctx, k + 1)
                || (k + 2 < last
                    && (role_at(ctx, k + 2).is_some() || modifier_at(ctx, k + 2))
                    && adj_like(k + 1)))
            && adj_like(k)
    };
    while k < last
        && k < a + MAX_TITLE
        && role_at(ctx, k).is_none()
        && (modifier_at(ctx, k) || participle(k))
    {
        k += 1;
    }
    if k >= last {
        return None;
    }
    let (role, leads) = role_at(ctx, k)?;
    if HONORIFICS.contains(&role.as_str()) {
        return None;
    }
    while k + 1 < last && role_at(ctx, k + 1).is_some() {
        k += 1;
    }
    let (role, _) = role_at(ctx, k)?;
    if plural(ctx, k, role) {
        return None;
    }
    // "a commander and spokesman for G": two offices of one person.
    if k + 2 < last
        && ctx.tok_lower(k + 1) == "and"
        && role_at(ctx, k + 2).is_some_and(|(r, _)| !HONORIFICS.contains(&r.as_str()))
        && !plural(ctx, k + 2, &role_at(ctx, k + 2)?.0)
    {
        k += 2;
    }
    let mut b = k + 1;
    if b < last && TITLE_PREPS.contains(&ctx.tok_lower(b)) {
        let mut c = b + 1;
        while c < last
            && c <= b + MAX_AFTER
            && !matches!(ctx.tok(c), "," | ";" | ")" | "(" | "—" | "–" | "." | ":")
        {
            // ("the state public safety department": "state" a noun.)
            if (ctx.is_cue(cue!("say_verb"), c) && ctx.is_verb_tag(c) != Some(false))
                || matches!(ctx.tok_lower(c), "who" | "which" | "that")
            {
                return None;
            }
            c += 1;
        }
        if c > b + MAX_AFTER {
            return None;
        }
        b = c;
    }
    // The appositive closes with a comma or the sentence's end; before a
    // verb of saying the phrase is a subject ("on Easter Sunday, a
    // government minister said").
    let closes = b >= last || matches!(ctx.tok(b), "," | ";" | ")" | "—" | "–" | "." | ":");
    if !closes || (*leads && a == k && b == k + 1) {
        return None;
    }
    let group = title_group(ctx, a, b)?;
    Some(Title { value: title_value(ctx, a, b, role), group, start: a })
}

/// The tokens of a copula at token `k` ("was", "is", "has been", "had
/// long been"); `None` when there is none or no word follows it.
fn copula(ctx: &Ctx, k: usize, last: usize) -> Option<usize> {
    if k >= last {
        return None;
    }
    let n = match ctx.tok_lower(k) {
        "is" | "was" | "remains" | "remained" => 1,
        "has" | "had" if k + 1 < last && ctx.tok_lower(k + 1) == "been" => 2,
        // "X had earlier served as a commander of G", "serves as".
        "has" | "had" | "served" | "serves" => {
            let mut i = k + usize::from(matches!(ctx.tok_lower(k), "has" | "had"));
            if i < last && matches!(ctx.tok_lower(i), "earlier" | "previously" | "once" | "also") {
                i += 1;
            }
            if !(i + 1 < last
                && matches!(ctx.tok_lower(i), "served" | "serves")
                && ctx.tok_lower(i + 1) == "as")
            {
                return None;
            }
            i + 2 - k
        }
        _ => return None,
    };
    (k + n < last).then_some(n)
}

/// A title set off before a name: "The command's spokesman, Victor Isuku,
/// confirmed", "the Minister of Communication and government Spokesman,
/// Issa Tchiroma Bakari, said", "the army's spokesman for North Kivu,
/// Lieutenant Colonel X, told AFP" (a phrase of "of", "for" ... after the
/// role word). The title opens the sentence or follows a determiner or a
/// possessive, and the name is closed by a comma or a verb of saying.
fn fronted(ctx: &Ctx, first: usize, start: usize, end: usize, last: usize) -> Option<Title> {
    if start < first + 2 || ctx.tok(start - 1) != "," {
        return None;
    }
    // ("said the country's peace commissioner, X.": or the sentence's end.)
    let closed = end >= last
        || (end + 1 == last && matches!(ctx.tok(end), "." | "!" | "?"))
        || ctx.tok(end) == ","
        || ctx.is_cue(cue!("say_verb"), end);
    if !closed {
        return None;
    }
    let comma = start - 1;
    let title = before(ctx, first, comma).or_else(|| {
        // The role word, then a preposition and its phrase up to the comma:
        // no comma, verb or name of a person between.
        let k = (comma.saturating_sub(MAX_AFTER + 1).max(first)..comma.saturating_sub(1))
            .rev()
            .find(|&k| role_at(ctx, k).is_some() && TITLE_PREPS.contains(&ctx.tok_lower(k + 1)))?;
        let plain = (k + 2..comma).all(|i| {
            !matches!(ctx.tok(i), "," | ";" | "(" | ")" | "—" | "–" | ":")
                && ctx.is_verb_tag(i) != Some(true)
                && !matches!(ctx.tok_lower(i), "who" | "which" | "that")
        });
        let (role, _) = role_at(ctx, k)?;
        if !plain || plural(ctx, k, role) {
            return None;
        }
        let t = before(ctx, first, k + 1)
            .or_else(|| {
                // A lone role word after a determiner ("The commander of ...").
                let value = Value::Text(role.to_string());
                Some(Title { value, group: None, start: k })
            })
            .filter(|t| {
                !HONORIFICS.contains(&role.as_str()) && (t.start..=k).all(|i| !rank(ctx, i))
            })?;
        let group = title_group(ctx, t.start, comma)?;
        Some(Title { value: title_value(ctx, t.start, comma, role), group, start: t.start })
    })?;
    let opener = |a: usize| {
        a == first
            || {
                let p = ctx.tok(a - 1);
                p.ends_with("'s")
            || p.ends_with("’s")
            // Not after "his", "her", "their": "a letter sent by his
            // lawyer, X, who ..." may name the client.
            || matches!(ctx.tok_lower(a - 1), "a" | "an" | "the" | "its")
            // "the Minister of Communication and government Spokesman, X":
            // a second title of the same person.
            || (p == "and" && (a.saturating_sub(6).max(first)..a - 1).any(|k| role_at(ctx, k).is_some()))
            }
    };
    if opener(title.start) {
        return Some(title);
    }
    // "said the country's peace commissioner, X,": up to two nouns in lower
    // case before the role word, after the opener.
    let mut a = title.start;
    while a > first
        && title.start - a < 2
        && super::is_lower_word(ctx.tok(a - 1))
        && !ctx.tok(a - 1).ends_with("'s")
        && !ctx.tok(a - 1).ends_with("’s")
        && ctx.is_noun_tag(a - 1) == Some(true)
    {
        a -= 1;
    }
    if a == title.start || !opener(a) {
        return None;
    }
    let span =
        crate::Span::new(ctx.view.tokens[a].span.start(), ctx.view.tokens[comma - 1].span.end());
    let value = Value::Text(span.slice(ctx.text()).to_string());
    Some(Title { value, group: title.group, start: a })
}
