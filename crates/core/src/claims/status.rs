//! People's status: killed, dead, arrested, captured, released.
//!
//! "Ahmed Godane was killed in a US strike in September 2014", "a drone
//! strike killed Abu Mahdi al-Muhandis", "Mohammed Yusuf, who died in police
//! custody in 2009", "the arrest of Jamil Mukulu in Tanzania", "X is believed
//! to have died": a status word (`status_*` in `data/cues/words.tsv`) whose
//! patient is a person the text names, read on the words around it: the
//! subject before auxiliaries and verbs of report, through an appositive and
//! a coordination; "X, who died"; "X's death"; the name after an active verb
//! or a participle ("killed al-Shabaab's intelligence chief, X", "jailed
//! cleric X"); "the death of X"; a participle opening the sentence ("Arrested
//! in 2006, X ..."). The dependency parse was tried first and dropped: on
//! these sentences it was often wrong ("airstrike killed X" with X an
//! `xcomp`), it found nothing the words did not on the development sets, and
//! parsing every sentence with a person and "killed" cost a fifth more
//! instructions per MB. An intention ("vowed to kill X") gives nothing. The
//! claim is dated by the time in its clause.

use super::{is_lower_word, is_passive_aux, modality_near, push, when_for, Attribution};
use crate::annotate::Ctx;
use crate::entities::{NameMention, Via};
use crate::{Claim, EntityKind, Modality, Predicate, Value};

/// The status categories, with the value each gives.
const STATUSES: [(&str, &str); 8] = [
    ("status_killed", "killed"),
    ("status_dead", "dead"),
    ("status_injured", "injured"),
    ("status_arrested", "arrested"),
    ("status_captured", "captured"),
    ("status_released", "released"),
    ("status_kidnapped", "kidnapped"),
    ("status_surrendered", "surrendered"),
];

/// The status value of token `k`, when it is a status word.
fn status_at(ctx: &Ctx, k: usize) -> Option<&'static str> {
    if suffered_injuries(ctx, k) {
        return Some("injured");
    }
    // "X turned himself in", "gave themselves up".
    if k + 2 < ctx.view.tokens.len()
        && matches!(ctx.tok_lower(k), "turned" | "gave")
        && matches!(ctx.tok_lower(k + 1), "himself" | "herself" | "themselves")
        && ctx.tok_lower(k + 2) == if ctx.tok_lower(k) == "turned" { "in" } else { "up" }
    {
        return Some("surrendered");
    }
    STATUSES.iter().find(|(cat, _)| ctx.is_cue(*cat, k)).map(|&(_, v)| v)
}

/// "X sustained gunshot injuries", "suffered serious wounds": a verb of
/// undergoing at token `k` whose object, within three words, is an injury.
fn suffered_injuries(ctx: &Ctx, k: usize) -> bool {
    matches!(ctx.tok_lower(k), "sustained" | "suffered" | "sustaining" | "suffering")
        && (k + 1..(k + 4).min(ctx.view.tokens.len())).any(|i| {
            matches!(ctx.tok_lower(i), "injuries" | "injury" | "wounds" | "wound" | "burns")
        })
}

pub(super) fn statuses(ctx: &Ctx, si: usize, attr: &Attribution, out: &mut Vec<Claim>) {
    let (first, last) = ctx.view.sent_toks[si];
    // Read only a sentence that names a person and has a status word (a
    // name of unknown kind may be a person for "killed").
    if !ctx.names_in(first, last).any(|m| person_like(ctx, m, "killed"))
        || !(first..last).any(|k| status_at(ctx, k).is_some())
    {
        return;
    }
    for v in first..last {
        let Some(mut value) = status_at(ctx, v) else { continue };
        // "The album was released in August": a release is from captivity
        // only with a word of it in the sentence.
        if value == "released" && !(first..last).any(|k| ctx.is_cue("captivity_word", k)) {
            continue;
        }
        let persons = by_words(ctx, si, v, value);
        if persons.is_empty() {
            continue;
        }
        if value == "dead" && killing(ctx, v, first, last) {
            value = "killed";
        }
        let when = when_for(ctx, si, v, None);
        // "demanded the release of X", "called for his arrest": wanted,
        // not done.
        let wished = (v.saturating_sub(4).max(first)..v).any(|k| ctx.is_cue("status_wish", k));
        let modality = match modality_near(ctx, attr, v, first) {
            Modality::Asserted | Modality::Reported if wished => Modality::Hypothetical,
            m => m,
        };
        for e in persons {
            let value = Value::Text(value.to_string());
            push(ctx, out, si, e, Predicate::Status, value, when.clone(), attr, modality, None);
        }
    }
}

/// Words that may stand between a subject and its status verb: auxiliaries,
/// adverbs and verbs of report ("was reportedly killed", "is believed to
/// have died", "was later found dead").
const BETWEEN: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "to",
    "reportedly",
    "allegedly",
    "also",
    "later",
    "then",
    "subsequently",
    "eventually",
    "finally",
    "apparently",
    "believed",
    "thought",
    "said",
    "reported",
    "feared",
    "presumed",
    "understood",
    "known",
    "confirmed",
    "found",
    "himself",
    "herself",
    "recently",
    "already",
    "previously",
    // "was seriously wounded", "was fatally shot".
    "seriously",
    "critically",
    "severely",
    "badly",
    "gravely",
    "slightly",
    "lightly",
    "mortally",
    "fatally",
];

/// A person, or a name of no known kind of two to four words, which in the
/// slot of a status word that only people have can only be a person
/// ("Zahran Hashim's death"; albums are released and towns captured too).
fn person_like(ctx: &Ctx, m: &NameMention, value: &str) -> bool {
    // "30 Crusaders were killed": a count of people, no one's name.
    let counted = m.toks.0 > 0 && ctx.tok(m.toks.0 - 1).starts_with(|c: char| c.is_ascii_digit());
    !counted
        && match ctx.kind_of(m) {
            EntityKind::Person => true,
            EntityKind::Other => {
                m.via != Via::Description
                    && (2..=4).contains(&(m.toks.1 - m.toks.0))
                    && matches!(value, "killed" | "dead" | "arrested" | "injured" | "kidnapped")
            }
            _ => false,
        }
}

/// Words that end the phrase after a status verb before any name: its
/// object has ended ("killed three soldiers in Kabul, X said").
const STOP_AFTER: &[&str] = &[
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "after",
    "during",
    "and",
    "or",
    "but",
    "that",
    "which",
    "who",
    "when",
    "as",
    "to",
    "while",
    "near",
    "since",
    "before",
    "himself",
    "herself",
    "themselves",
    "people",
    "soldiers",
    "civilians",
    "police",
    "troops",
    "others",
];

/// The persons whose status word `v` tells, read on the words around it:
/// "killed [the group's leader,] X", "the arrest of X", "X's death", "X[,
/// its leader,] was killed", "X and Y were killed", "X, who died", "X died",
/// "Arrested in 2006, X ...".
fn by_words(ctx: &Ctx, si: usize, v: usize, value: &str) -> Vec<usize> {
    let (first, last) = ctx.view.sent_toks[si];
    let person = |m: &&NameMention| person_like(ctx, m, value);
    // A person named at token `k`, or after a title of capitalized words
    // ("Special Operations Commander Tariq Imran", "Subedar Umar Farooq").
    let person_from = |k: usize| {
        ctx.names_in(k, (k + 5).min(last)).filter(person).find(|m| {
            m.toks.0 == k
                || (k..m.toks.0).all(|i| {
                    ctx.tok(i).starts_with(char::is_uppercase)
                        && !ctx.lex.is_stop_cap(ctx.tok(i))
                        && ctx
                            .names_in(i, i + 1)
                            .all(|n| n.toks.0 >= m.toks.0 || ctx.kind_of(n) == EntityKind::Other)
                })
        })
    };
    let person_ending = |k: usize| {
        ctx.names_in(k.saturating_sub(6).max(first), k)
            .filter(|m| m.toks.1 == k && person(m))
            .last()
    };
    // "the wife and two sons of militia leader X", "the head of the
    // armed wing of G": a name after "of" (through "the", lower-case words
    // and capitalized titles) depends on the noun before it; it is not
    // the subject whose fate the verb tells.
    // (A name may come between when a lower-case role word follows it:
    // "of Ishaqi Mobilization militia leader X"; "Leader of the Lion Front
    // X" is X's title.)
    let of_dependent = |m: &NameMention| {
        let mut i = m.toks.0;
        let mut named = false;
        while i > first + 1 && i + 8 > m.toks.0 {
            let t = ctx.tok(i - 1);
            if ctx.tok_lower(i - 1) == "of" {
                return !named || is_lower_word(ctx.tok(m.toks.0 - 1));
            }
            if let Some(n) = ctx.name_at(first, i - 1) {
                named = true;
                i = n.toks.0;
                continue;
            }
            let title = t.starts_with(char::is_uppercase);
            if !(title || is_lower_word(t)) || ctx.is_verb_tag(i - 1).unwrap_or(false) {
                return false;
            }
            i -= 1;
        }
        false
    };
    // "X, Y, and Z" from token `k` on, each maybe after a title, and an
    // appositive after each ("X, the group's training officer, and Y").
    let persons_from = |mut k: usize, mut out: Vec<usize>| {
        while let Some(m) = person_from(k) {
            out.push(m.entity);
            k = appositive_end(ctx, m.toks.1, last).unwrap_or(m.toks.1);
            let sep = k;
            while k < last && matches!(ctx.tok_lower(k), "and" | ",") {
                k += 1;
            }
            if k == sep || k >= last {
                break;
            }
        }
        out
    };
    let mut out = Vec::new();
    // Before: the subject of a passive or of "died".
    let mut j = v;
    let mut aux = false;
    // "X shot dead", "X was found dead": the verb before "dead" is skipped
    // (a headline has no auxiliary).
    if ctx.tok_lower(v) == "dead"
        && v > first
        && matches!(ctx.tok_lower(v - 1), "shot" | "stabbed" | "hacked" | "beaten" | "found")
    {
        j = v - 1;
    }
    // "US citizen X is among the dead", "X and Y, who ..., were among those
    // killed": the subject of "is among".
    // ("X, the mayor, was one among those killed".)
    if v >= first + 3
        && matches!(ctx.tok_lower(v - 1), "the" | "those")
        && ctx.tok_lower(v - 2) == "among"
    {
        let c = if ctx.tok_lower(v - 3) == "one" && v > first + 3 { v - 4 } else { v - 3 };
        if matches!(ctx.tok_lower(c), "is" | "was" | "were" | "are") {
            j = c;
            aux = true;
        }
    }
    loop {
        if j > first && BETWEEN.contains(&ctx.tok_lower(j - 1)) {
            j -= 1;
            aux |= is_passive_aux(ctx.tok_lower(j));
        } else if j > first + 1 && ctx.tok_lower(j - 1) == "and" && {
            // "was shot and killed", "was abducted and beheaded": a
            // participle coordinated before the status word.
            let w = ctx.tok_lower(j - 2);
            w == "shot"
                || (w.len() > 4 && w.ends_with("ed") && ctx.is_verb_tag(j - 2).unwrap_or(true))
        } {
            j -= 2;
        } else {
            break;
        }
    }
    // "The dead were identified as X and his son Y from Bhavnagar, and Z",
    // "those injured have been named as A and B": the list the status word,
    // standing for the people it befell, is identified as.
    // Also "the slain militants were identified as", "identified the dead
    // as", "those killed were X and Y", "the list of those killed: X, Y"
    // (up to two nouns after the status word; a count before it).
    let det = |i: usize| matches!(ctx.tok_lower(i), "the" | "those");
    let counted = v > first + 1
        && (ctx.tok(v - 1).starts_with(|c: char| c.is_ascii_digit())
            || crate::scan::is_number_word(ctx.tok_lower(v - 1)))
        && det(v - 2);
    // ("The jawans killed have been identified as": a plural noun before
    // the participle.)
    let after_noun = v > first + 1
        && det(v - 2)
        && is_lower_word(ctx.tok(v - 1))
        && crate::events::plural_noun(ctx, v - 1)
        && ctx.is_noun_tag(v - 1).unwrap_or(false);
    if v > first && (det(v - 1) || counted || after_noun) {
        let d = if counted || after_noun { v - 2 } else { v - 1 };
        let mut k = v + 1;
        while k < last
            && k < v + 3
            && is_lower_word(ctx.tok(k))
            && !BETWEEN.contains(&ctx.tok_lower(k))
            && ctx.is_noun_tag(k).unwrap_or(false)
        {
            k += 1;
        }
        let nouns_end = k;
        while k < last && BETWEEN.contains(&ctx.tok_lower(k)) {
            k += 1;
        }
        let active = d > first && matches!(ctx.tok_lower(d - 1), "identified" | "named");
        if k + 1 < last
            && k > nouns_end
            && matches!(ctx.tok_lower(k), "identified" | "named")
            && ctx.tok_lower(k + 1) == "as"
        {
            return listed(ctx, k + 2, last, person);
        }
        if k + 1 < last && k == nouns_end && active && ctx.tok_lower(k) == "as" {
            return listed(ctx, k + 1, last, person);
        }
        if k + 1 < last && k == nouns_end && (ctx.tok(k) == ":" || ctx.tok_lower(k) == "included") {
            return listed(ctx, k + 1, last, person);
        }
        if k > nouns_end
            && matches!(ctx.tok_lower(k - 1), "were" | "are")
            && ctx.tok_lower(d) == "those"
        {
            return listed(ctx, k, last, person);
        }
    }
    // "Also killed was X", "Killed in the blast were X and Y": the
    // subject after the auxiliary (an adjunct phrase may come between).
    if v == first || matches!(ctx.tok_lower(v - 1), "also" | "and") {
        let mut k = v + 1;
        if k < last && matches!(ctx.tok_lower(k), "in" | "on" | "during" | "at") {
            while k < last
                && k < v + 8
                && !matches!(ctx.tok_lower(k), "was" | "were" | "is" | "are" | ",")
                && !ctx.is_verb_tag(k).unwrap_or(false)
            {
                k += 1;
            }
        }
        if k + 1 < last && matches!(ctx.tok_lower(k), "was" | "were" | "is" | "are") {
            let found = persons_from(k + 1, Vec::new());
            if !found.is_empty() {
                return found;
            }
        }
    }
    // (The value `status_at` gave: "died", "sustained injuries", "turned
    // himself in"; "wounded" and "injured" take an object: "the blast
    // wounded the governor, X".)
    let intransitive = match value {
        "dead" | "surrendered" => true,
        "injured" => !matches!(ctx.tok_lower(v), "wounded" | "injured"),
        _ => false,
    };
    // "Gunmen shot dead X": "dead" after a verb of killing takes the name
    // after it when the words before it gave none.
    let shot_dead = value == "dead"
        && v > first
        && matches!(ctx.tok_lower(v - 1), "shot" | "stabbed" | "hacked" | "beaten");
    // (Not after "to": "managed to arrest X", "to capture".)
    let infinitive = v > first && ctx.tok_lower(v - 1) == "to";
    let w = ctx.tok_lower(v);
    // "the killing of X", "his kidnapping"; but "attacked the convoy,
    // killing Commander X": a word in -ing is a noun after a determiner or
    // before "of", else a participle with its object after it.
    let gerund_noun = || {
        (v > first && {
            let d = ctx.tok_lower(v - 1);
            matches!(d, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "that")
                || d.ends_with("'s")
                || d.ends_with("’s")
        }) || (v + 1 < last && ctx.tok_lower(v + 1) == "of")
    };
    let noun = !infinitive
        && (matches!(w, "death" | "arrest" | "capture" | "release" | "abduction" | "murder")
            || (matches!(w, "killing" | "kidnapping" | "slaying" | "beheading") && gerund_noun())
            || w.ends_with("tion")
            || w.ends_with("ment"));
    // "death sentence", "arrest warrant": a noun modifying another.
    if noun && v + 1 < last && ctx.is_noun_tag(v + 1).unwrap_or(false) {
        return out;
    }
    // "vowed to kill X": an intention; "managed to arrest X" is done.
    if v > first
        && ctx.tok_lower(v - 1) == "to"
        && j + 1 == v
        && !(v > first + 1 && matches!(ctx.tok_lower(v - 2), "managed" | "succeeded"))
    {
        return out;
    }
    if (aux || intransitive) && !noun && j > first {
        // "the late X (1928-2014), was arrested": a parenthesis after the
        // name is skipped.
        let close = if ctx.tok(j - 1) == ")" {
            Some(j - 1)
        } else {
            (j >= first + 2 && ctx.tok(j - 1) == "," && ctx.tok(j - 2) == ")").then(|| j - 2)
        };
        if let Some(close) = close {
            if let Some(open) =
                (close.saturating_sub(12).max(first)..close).rev().find(|&c| ctx.tok(c) == "(")
            {
                if person_ending(open).is_some() {
                    j = open;
                } else if open > first && ctx.tok(open - 1) == "," {
                    j = open - 1;
                }
            }
        }
        let mut subject = person_ending(j).filter(|m| !of_dependent(m));
        // "X, who was killed", "X, who died"; "X, a Canadian who was
        // killed in August" (an appositive of a determiner and words that
        // are no verb before "who").
        if subject.is_none() && matches!(ctx.tok_lower(j - 1), "who" | "whom") && j >= first + 2 {
            let mut c = if ctx.tok(j - 2) == "," { j - 2 } else { j - 1 };
            // ("X, 51, who was shot": an age set off after the name.)
            if c >= first + 2 && ctx.tok(c) == "," && age_set_off(ctx, c - 2, last) {
                c -= 2;
            }
            subject = person_ending(c).or_else(|| {
                let comma =
                    (c.saturating_sub(8).max(first + 1)..c).rev().find(|&i| ctx.tok(i) == ",")?;
                // ("Bangladeshi-born": a participle in a compound.)
                // ("X and Y, both in their early twenties, who were killed".)
                let apposed =
                    matches!(ctx.tok_lower(comma + 1), "a" | "an" | "the" | "both" | "all")
                        && (comma + 2..c)
                            .all(|i| ctx.tok(i - 1) == "-" || !ctx.is_verb_tag(i).unwrap_or(true));
                apposed.then(|| person_ending(comma)).flatten()
            });
        }
        // "Its former leader, X, was killed": the name set off right
        // before; "X, the group's leader, was killed": the subject before an
        // appositive set off by commas.
        if subject.is_none() && ctx.tok(j - 1) == "," {
            // (Through several appositives: "X, known as 'Otoniel', the
            // leader of the Clan del Golfo, was captured".)
            // ("X, identified as the head of the armed wing of G, was
            // killed": not G.)
            let subject_ending = |c: usize| person_ending(c).filter(|m| !of_dependent(m));
            subject = subject_ending(j - 1).or_else(|| {
                (j.saturating_sub(30).max(first + 1)..j - 1)
                    .rev()
                    .filter(|&c| ctx.tok(c) == ",")
                    .find_map(subject_ending)
            });
        }
        // "Commander X and three soldiers from the Security Belt Forces,
        // loyal to the STC, were killed": the person who opens the sentence,
        // coordinated with others no name gives, with no verb before the
        // status word's auxiliaries.
        if subject.is_none() {
            subject = person_from(first).filter(|m| {
                m.toks.1 + 1 < j
                    && ctx.tok_lower(m.toks.1) == "and"
                    && (m.toks.1 + 1..j).all(|i| !ctx.is_verb_tag(i).unwrap_or(true))
            });
        }
        if let Some(m) = subject {
            out.push(m.entity);
            // "X and Y were killed", "X, Y and Z were killed", "His brother
            // X and their nephew Y were killed" (a kin word or a possessive
            // before a name is skipped); a comma alone links names only
            // after an "and" ("According to X, Y was killed" is no list).
            let mut k = m.toks.0;
            let mut anded = false;
            loop {
                let mut c = k;
                while c > first + 1 && c + 3 > k && kin_before(ctx, c - 1) {
                    c -= 1;
                }
                // ("X, Y, and Z were killed": a comma before "and".)
                let mut s = c;
                while s > first + 1 && s + 2 > c && matches!(ctx.tok_lower(s - 1), "and" | ",") {
                    s -= 1;
                }
                let and = (s..c).any(|i| ctx.tok_lower(i) == "and");
                if s == c || !(and || anded) {
                    break;
                }
                anded |= and;
                match person_ending(s) {
                    Some(p) => {
                        out.push(p.entity);
                        k = p.toks.0;
                    }
                    None => break,
                }
            }
            return out;
        }
        if aux {
            return out;
        }
    }
    // "X, a senior commander killed in an Israeli strike": a participle
    // in an appositive after the name, with a phrase of where, when or how
    // after it.
    let adjunct = |k: usize| {
        matches!(
            ctx.tok_lower(k),
            "in" | "on" | "at" | "by" | "during" | "near" | "last" | "earlier"
        )
    };
    if !noun && !aux && v + 1 < last && adjunct(v + 1) {
        let comma = (v.saturating_sub(8).max(first + 1)..v).rev().find(|&c| ctx.tok(c) == ",");
        if let Some(c) = comma {
            let det = matches!(ctx.tok_lower(c + 1), "a" | "an" | "the" | "its" | "his" | "their");
            let plain =
                (c + 2..v).all(|k| ctx.tok(k) != "," && !ctx.is_verb_tag(k).unwrap_or(false));
            if let Some(m) = person_ending(c).filter(|_| det && plain) {
                out.push(m.entity);
                return out;
            }
        }
    }
    // "Among the dead was X", "among those killed were X and Y".
    if (v.saturating_sub(3).max(first)..v).any(|k| ctx.tok_lower(k) == "among") {
        let mut k = v + 1;
        // "Among the neutralized criminals was X": a plural noun after the
        // participle.
        if k + 1 < last
            && is_lower_word(ctx.tok(k))
            && ctx.is_noun_tag(k).unwrap_or(false)
            && matches!(ctx.tok_lower(k + 1), "was" | "were")
        {
            k += 1;
        }
        let start = k;
        while k < last && matches!(ctx.tok_lower(k), "was" | "were" | "are" | "is" | ",") {
            k += 1;
        }
        if k > start {
            return persons_from(k, out);
        }
    }
    // "X's death", "X's arrest" (the possessive a token of its own, or
    // part of the name's last one).
    if noun && v > first {
        if let Some(m) =
            [v - 1, v].into_iter().filter_map(person_ending).find(|m| ctx.is_possessive(m))
        {
            out.push(m.entity);
            return out;
        }
    }
    // "Yassin served as the group's spiritual leader until his
    // assassination": "his" before the noun is the one person named before
    // it in the sentence ("his killing of X" is what he did).
    if noun
        && v > first
        && matches!(ctx.tok_lower(v - 1), "his" | "her")
        && !(v + 1 < last && ctx.tok_lower(v + 1) == "of")
    {
        // "denying reports of his death": not a fate the text tells.
        let denied = (v.saturating_sub(6).max(first)..v)
            .any(|k| ctx.is_cue("deny_cue", k) || ctx.is_cue("negation", k));
        let rumoured = v >= first + 3
            && ctx.tok_lower(v - 2) == "of"
            && matches!(ctx.tok_lower(v - 3), "reports" | "rumours" | "rumors" | "claims" | "news");
        if denied || rumoured {
            return out;
        }
        let mut before = ctx.names_in(first, v).filter(|m| m.toks.1 < v && person(m));
        // The sentence's subject: only titles before it ("Sheik Ahmed
        // Yassin served"; not "Since Emperor Meiji, it has been customary to
        // rename each Emperor after his death").
        let subject = |m: &NameMention| {
            (first..m.toks.0).all(|k| {
                ctx.tok(k).starts_with(char::is_uppercase)
                    && !ctx.lex.is("object_prep", ctx.tok_lower(k))
                    && !ctx.lex.is("clause_opener", ctx.tok_lower(k))
            })
        };
        if let (Some(m), None) = (before.next(), before.next()) {
            if subject(m) {
                out.push(m.entity);
            }
        }
        return out;
    }
    // After: the object of an active verb ("killed X", "killed al-Shabaab
    // leader, X"), a name a participle modifies ("jailed radical X"), or
    // the "of" of a noun ("the death of X").
    let mut k = v + 1;
    if noun {
        // "the arrest in a Brussels shootout on Friday of X".
        let Some(of) = (k..(k + 9).min(last))
            .take_while(|&i| !ctx.is_verb_tag(i).unwrap_or(false))
            .find(|&i| ctx.tok_lower(i) == "of")
        else {
            return out;
        };
        k = of + 1;
    } else if intransitive && !shot_dead {
        return out;
    }
    // "killed all 12 soldiers on board, including Commander X and Subedar
    // Y": the people the count includes, named after it.
    if let Some(inc) = (k..(k + 10).min(last))
        .take_while(|&i| {
            !matches!(ctx.tok(i), "." | ";")
                && (ctx.tok_lower(i) == "including" || !ctx.is_verb_tag(i).unwrap_or(false))
        })
        .find(|&i| ctx.tok_lower(i) == "including" && i > k && ctx.tok(i - 1) == ",")
    {
        let counted = (k..inc).any(|i| {
            ctx.tok(i).starts_with(|c: char| c.is_ascii_digit())
                || crate::scan::is_number_word(ctx.tok_lower(i))
        });
        if counted && ctx.names_in(k, inc).next().is_none() {
            return persons_from(inc + 1, out);
        }
    }
    let mut stop = (k + 7).min(last);
    while k < stop {
        if let Some(m) = person_from(k) {
            // "killed Sadat's predecessor, X": a possessive determines the
            // object, which comes later.
            if ctx.is_possessive(m) {
                k = m.toks.1;
                stop = (stop + 4).min(last);
                continue;
            }
            // "... that may have killed some of the gunmen, X said": the
            // speaker, not the object.
            if m.toks.1 < last && ctx.lex.is("say_verb", ctx.tok_lower(m.toks.1)) {
                break;
            }
            out.push(m.entity);
            // "arrested X alias Y, and his associate Z": the persons
            // coordinated with the object (an alias, a kin or companion word
            // between).
            let mut e = m.toks.1;
            loop {
                if e + 1 < last && matches!(ctx.tok_lower(e), "alias" | "aka") {
                    match ctx.names_in(e + 1, e + 2).next() {
                        Some(a) => e = a.toks.1,
                        None => break,
                    }
                }
                // "the death of X, the group's training officer, and Y".
                if let Some(end) = appositive_end(ctx, e, last) {
                    if end + 1 < last && ctx.tok_lower(end + 1) == "and" {
                        e = end;
                    }
                }
                let mut c = e;
                while c < last && matches!(ctx.tok_lower(c), "," | "and") {
                    c += 1;
                }
                if c == e {
                    break;
                }
                let kin_start = c;
                while c < last && c < kin_start + 3 && kin_before(ctx, c) {
                    c += 1;
                }
                match ctx.names_in(c, (c + 1).min(last)).find(person) {
                    // Only a list that ends with "and" ("X, Y and Z"), or a
                    // kin word before the name ("and his associate Z").
                    Some(p)
                        if c > kin_start
                            || (e..kin_start).any(|i| ctx.tok_lower(i) == "and")
                            || {
                                let pe = p.toks.1;
                                pe < last && matches!(ctx.tok_lower(pe), "," | "and")
                            } =>
                    {
                        out.push(p.entity);
                        e = p.toks.1;
                    }
                    _ => break,
                }
            }
            return out;
        }
        // "killed a militant identified as X", "a man named X".
        if matches!(ctx.tok_lower(k), "identified" | "named" | "known") && k > v + 1 {
            let as_ = k + 1 < last && ctx.tok_lower(k + 1) == "as";
            if as_ || ctx.tok_lower(k) == "named" {
                k += 1 + usize::from(as_);
                stop = (stop + 2).min(last);
                continue;
            }
        }
        let w = ctx.tok(k);
        // "killed the most wanted militant commander X": a participle
        // after "most" or before a noun modifies the object.
        let adjectival = || {
            is_lower_word(w)
                && w.ends_with("ed")
                && (ctx.tok_lower(k - 1) == "most"
                    || (k + 1 < last
                        && is_lower_word(ctx.tok(k + 1))
                        && !STOP_AFTER.contains(&ctx.tok_lower(k + 1))
                        && ctx.is_noun_tag(k + 1).unwrap_or(false)))
        };
        let skippable = w == ","
            || matches!(ctx.tok_lower(k), "the" | "a" | "an" | "its" | "their" | "his" | "her")
            || w.ends_with("'s")
            || w.ends_with("’s")
            || ctx.names_in(k, k + 1).next().is_some()
            || (is_lower_word(w)
                && !ctx.is_verb_tag(k).unwrap_or(true)
                && !STOP_AFTER.contains(&w))
            || adjectival();
        if !skippable {
            break;
        }
        k = ctx.names_in(k, k + 1).map(|m| m.toks.1).max().unwrap_or(k + 1).max(k + 1);
    }
    // "Arrested in 2006 and isolated for five years, al-Jolani created":
    // a participle opening the sentence tells of the subject after its
    // comma.
    if v == first {
        if let Some(c) = (v + 1..last.min(v + 16)).find(|&c| ctx.tok(c) == ",") {
            if let Some(m) = person_from(c + 1) {
                out.push(m.entity);
            }
        }
    }
    out
}

/// The persons of a list that begins at token `k`: "X and his son Y from
/// Bhavnagar, and Z from Surat" (a kin word or a possessive before a name,
/// and a place of origin after one, are skipped).
fn listed(
    ctx: &Ctx,
    mut k: usize,
    last: usize,
    person: impl Fn(&&NameMention) -> bool,
) -> Vec<usize> {
    let mut out = Vec::new();
    loop {
        // ("28-year-old X".)
        loop {
            let age = age_before(ctx, k, last);
            if age > 0 {
                k += age;
            } else if k < last && kin_before(ctx, k) {
                k += 1;
            } else {
                break;
            }
        }
        let Some(m) = ctx.names_in(k, (k + 1).min(last)).find(&person) else { return out };
        out.push(m.entity);
        k = m.toks.1;
        // "X, 26, Y, 25 and Z": an age after a name; "X (a driver)".
        if age_set_off(ctx, k, last)
            && (k + 2 == last || matches!(ctx.tok_lower(k + 2), "," | "and" | "." | ";"))
        {
            k += 2;
        } else if k < last && ctx.tok(k) == "(" {
            if let Some(c) = (k + 1..(k + 12).min(last)).find(|&c| ctx.tok(c) == ")") {
                k = c + 1;
            }
        }
        // "from Bhavnagar", "of Surat".
        if k + 1 < last && matches!(ctx.tok_lower(k), "from" | "of") {
            if let Some(p) =
                ctx.names_in(k + 1, k + 2).find(|p| ctx.kind_of(p) == EntityKind::Place)
            {
                k = p.toks.1;
            }
        }
        while k < last && matches!(ctx.tok_lower(k), "," | "and") {
            k += 1;
        }
        if k >= last || (k > 0 && !matches!(ctx.tok_lower(k - 1), "," | "and")) {
            return out;
        }
    }
}

/// The tokens of an age before a name at token `k` ("28-year-old",
/// written as one token or as "28", "-", "year-old"); 0 when none.
fn age_before(ctx: &Ctx, k: usize, last: usize) -> usize {
    let old = |w: &str| w.ends_with("year-old") || w.ends_with("years-old");
    if k < last && old(ctx.tok_lower(k)) {
        1
    } else if k + 2 < last
        && ctx.tok(k).chars().all(|c| c.is_ascii_digit())
        && ctx.tok(k + 1) == "-"
        && old(ctx.tok_lower(k + 2))
    {
        3
    } else {
        0
    }
}

/// Whether an age is set off at the comma `c`: ", 26" after a name.
pub(super) fn age_set_off(ctx: &Ctx, c: usize, last: usize) -> bool {
    c + 1 < last
        && ctx.tok(c) == ","
        && ctx.tok(c + 1).parse::<u32>().is_ok_and(|n| (1..=110).contains(&n))
}

/// The closing comma of an appositive that opens at the comma `c` with a
/// determiner and holds no verb: "X, the group's training officer, and Y".
fn appositive_end(ctx: &Ctx, c: usize, last: usize) -> Option<usize> {
    if !(c + 2 < last
        && ctx.tok(c) == ","
        && matches!(ctx.tok_lower(c + 1), "the" | "a" | "an" | "its" | "his" | "their" | "her"))
    {
        return None;
    }
    (c + 2..(c + 12).min(last))
        .take_while(|&i| !ctx.is_verb_tag(i).unwrap_or(false) && !matches!(ctx.tok(i), "." | ";"))
        .find(|&i| ctx.tok(i) == ",")
}

/// A word that may stand between "and" and a coordinated name: a kin or
/// companion noun or a possessive ("and their nephew X", "and his brother
/// X").
fn kin_before(ctx: &Ctx, k: usize) -> bool {
    matches!(ctx.tok_lower(k), "his" | "her" | "their" | "its") || ctx.is_cue("kin_noun", k)
}

/// Whether the death told by the word `v` is a killing: "shot X dead",
/// "stabbed to death" (a verb of killing or "shot" before it; "found dead"
/// tells a death), "died in a US drone strike", "his death in a raid" (an
/// attack word in a phrase right after it).
fn killing(ctx: &Ctx, v: usize, first: usize, last: usize) -> bool {
    let found = v > first && ctx.is_cue("found_dead", v - 1);
    let kill_before = (v.saturating_sub(8).max(first)..v).any(|k| {
        let w = ctx.tok_lower(k);
        w == "shot" || (w == "to" && k + 1 == v) || ctx.is_cue(cue!("kill_verb"), k)
    });
    let attack_after = (v + 1..(v + 3).min(last))
        .filter(|&k| matches!(ctx.tok_lower(k), "in" | "during"))
        .any(|k| !crate::events::trigger_spans(ctx, k + 1, (k + 6).min(last)).is_empty());
    (!found && kill_before) || attack_after
}
