//! Events: attacks and their time, place, perpetrators and casualties.
//!
//! A sentence with an event trigger (`event_<kind>` in `data/cues/words.tsv`)
//! reports an event when it is specific: a casualty count, a place or a time
//! goes with a singular trigger. A later sentence that claims responsibility
//! or refers back ("the attack") adds to the last event instead of making a
//! new one. Casualties: "killed 13 U.S. troops and 75 Afghan civilians" gives
//! victims per group and their total; "killing and wounding more than 150
//! people" gives `killed_or_wounded`; "including 2 commanders" is not added
//! again.

use crate::annotate::Ctx;
use crate::entities::Via;
use crate::lexicon::EntryClass;
use crate::{EntityKind, Event, EventKind, Quantity, QuantityMention, Span, Victims, When};

const KINDS: &[(&str, EventKind)] = &[
    ("event_suicide_bombing", EventKind::SuicideBombing),
    ("event_prison_break", EventKind::PrisonBreak),
    ("event_bombing", EventKind::Bombing),
    ("event_shooting", EventKind::Shooting),
    ("event_ambush", EventKind::Ambush),
    ("event_raid", EventKind::Raid),
    ("event_assassination", EventKind::Assassination),
    ("event_execution", EventKind::Execution),
    ("event_kidnapping", EventKind::Kidnapping),
    ("event_shelling", EventKind::Shelling),
    ("event_clash", EventKind::Clash),
    ("event_attack", EventKind::Attack),
];

/// Words that may stand between a casualty verb and its count ("killing at least 20").
const HEDGE_WORDS: &[&str] = &[
    "at",
    "least",
    "more",
    "than",
    "over",
    "about",
    "some",
    "nearly",
    "almost",
    "around",
    "up",
    "to",
    "an",
    "estimated",
    "roughly",
    "approximately",
    "as",
    "many",
    "a",
    "total",
    "of",
    "another",
    "further",
];

struct Casualties {
    killed: Option<Quantity>,
    wounded: Option<Quantity>,
    killed_or_wounded: Option<Quantity>,
    victims: Vec<Victims>,
}

pub(crate) fn extract(ctx: &mut Ctx) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    let mut last_event_sentence: Option<usize> = None;
    for si in 0..ctx.sentences.len() {
        let (first, last) = ctx.view.sent_toks[si];
        if first == last {
            continue;
        }
        // The most specific trigger in the sentence.
        let mut trigger: Option<(usize, usize, EventKind)> = None;
        for &(cat, kind) in KINDS {
            if let Some(&(a, b, _)) = ctx.find_cues(cat, first, last).first() {
                trigger = Some((a, b, kind));
                break;
            }
        }
        let claim = ctx.find_cues("claim_cue", first, last).into_iter().find(|&(a, b, _)| {
            !(ctx.tok_lower(a) == "claimed"
                && b == a + 1
                && b < last
                && !matches!(ctx.tok_lower(b).as_str(), "responsibility" | "the" | "credit"))
        });
        let cas = casualties(ctx, si);
        let has_cas =
            cas.killed.is_some() || cas.wounded.is_some() || cas.killed_or_wounded.is_some();
        let place = place_in(ctx, si);
        let when = time_in(ctx, si);
        let perpetrator = claim.and_then(|(a, _, _)| {
            ctx.names_in(first, a)
                .filter(|m| ctx.kind_of(m) == EntityKind::Group || m.via == Via::Description)
                .filter(|m| !ctx.is_object(m))
                .last()
                .map(|m| m.entity)
        });
        let Some((ta, _tb, kind)) = trigger else {
            // A claim of responsibility with no trigger word refers to the last event nearby.
            if let (Some(p), Some(ls), Some(ev)) =
                (perpetrator, last_event_sentence, events.last_mut())
            {
                if si <= ls + 2 {
                    add_perpetrator(ev, p, true);
                    ev.spans.push(ctx.sentences[si]);
                }
            }
            continue;
        };
        let trig_word = ctx.tok_lower(ta);
        let plural =
            trig_word.ends_with('s') && !trig_word.ends_with("ss") && kind != EventKind::Clash;
        let definite = ta > first
            && matches!(ctx.tok_lower(ta - 1).as_str(), "the" | "this" | "that")
            || (ta > first + 1 && ctx.tok_lower(ta - 2) == "the");
        let specific = !plural
            && (has_cas
                || (place.is_some() && when.is_some())
                || (claim.is_some() && (place.is_some() || when.is_some())));
        let refers_back = definite && last_event_sentence.is_some_and(|ls| si <= ls + 3);
        if refers_back && !has_cas {
            if let Some(ev) = events.last_mut() {
                if let Some(p) = perpetrator {
                    add_perpetrator(ev, p, claim.is_some());
                }
                if ev.place.is_none() {
                    ev.place = place;
                }
                ev.spans.push(ctx.sentences[si]);
            }
            last_event_sentence = Some(si);
            continue;
        }
        if !specific {
            continue;
        }
        let mut ev = Event {
            kind,
            when,
            place,
            perpetrators: Vec::new(),
            claimed: false,
            killed: cas.killed,
            wounded: cas.wounded,
            killed_or_wounded: cas.killed_or_wounded,
            victims: cas.victims,
            spans: vec![ctx.sentences[si]],
        };
        if let Some(p) = perpetrator {
            add_perpetrator(&mut ev, p, claim.is_some());
        } else if let Some(m) = ctx
            .names_in(first, ta)
            .filter(|m| ctx.kind_of(m) == EntityKind::Group && m.via == Via::Name)
            .last()
        {
            // "X attacked ..." / "an X attack"
            let e = m.entity;
            add_perpetrator(&mut ev, e, false);
        }
        events.push(ev);
        last_event_sentence = Some(si);
    }
    events
}

fn add_perpetrator(ev: &mut Event, p: usize, claimed: bool) {
    if !ev.perpetrators.contains(&p) {
        ev.perpetrators.push(p);
    }
    ev.claimed |= claimed;
}

fn place_in(ctx: &Ctx, si: usize) -> Option<usize> {
    let (first, last) = ctx.view.sent_toks[si];
    let mut best: Option<(u8, usize)> = None;
    for m in ctx.names_in(first, last) {
        if ctx.kind_of(m) != EntityKind::Place {
            continue;
        }
        let rank = match m.entry.map(|e| e.class) {
            None => 0, // a facility or unknown place named in full
            Some(EntryClass::City) => 1,
            Some(EntryClass::Subdivision) => 2,
            _ => 3,
        };
        if best.is_none_or(|(r, _)| rank < r) {
            best = Some((rank, m.entity));
        }
    }
    best.map(|(_, e)| e)
}

fn time_in(ctx: &Ctx, si: usize) -> Option<When> {
    let s = ctx.sentences[si];
    ctx.times
        .iter()
        .filter(|t| s.contains(t.span))
        .filter(|t| t.interval.as_ref().is_none_or(|i| i.start.is_some() && i.end.is_some()))
        .min_by_key(|t| {
            t.interval
                .as_ref()
                .map(|i| (i.end.unwrap_or_default() - i.start.unwrap_or_default()).num_days())
                .unwrap_or(i64::MAX)
        })
        .map(|t| When { interval: t.interval.clone(), text: t.span.slice(ctx.text()).to_string() })
}

fn casualties(ctx: &Ctx, si: usize) -> Casualties {
    let (first, last) = ctx.view.sent_toks[si];
    let s = ctx.sentences[si];
    let mut out =
        Casualties { killed: None, wounded: None, killed_or_wounded: None, victims: Vec::new() };
    let qs: Vec<&QuantityMention> = ctx.quantities.iter().filter(|q| s.contains(q.span)).collect();
    // The outcome of the previous count and the token after it, for
    // coordinated counts: "killed 13 U.S. troops and 75 Afghan civilians".
    let mut prev: Option<(bool, bool, usize)> = None;
    for q in qs {
        let unit_ok =
            q.unit.is_some_and(|u| ctx.lex.is("victim_head", &u.slice(ctx.text()).to_lowercase()));
        let qk = ctx.tok_at(q.span.start);
        let qe = ctx.tok_end_at(q.unit.map(|u| u.end).unwrap_or(q.span.end));
        if qk > first && matches!(ctx.tok_lower(qk - 1).as_str(), "including" | "among") {
            continue;
        }
        // Verbs before ("killing and wounding more than 150") or after ("150 people were killed").
        let lo = qk.saturating_sub(7).max(first);
        let mut kill = false;
        let mut wound = false;
        let mut k = qk;
        while k > lo {
            k -= 1;
            let w = ctx.tok_lower(k);
            if ctx.lex.is("kill_verb", &w) {
                kill = true;
            } else if ctx.lex.is("wound_verb", &w) {
                wound = true;
            } else if matches!(w.as_str(), "and" | "or" | ",") && (kill || wound) {
                // "killing and wounding": look one verb further.
                continue;
            } else if kill || wound || !HEDGE_WORDS.contains(&w.as_str()) {
                break;
            }
        }
        if let (false, false, Some((pk, pw, pend))) = (kill, wound, prev) {
            let between_ok = (pend..qk)
                .all(|i| matches!(ctx.tok_lower(i).as_str(), "and" | "," | "plus" | "as" | "well"));
            if between_ok && qk > pend {
                kill = pk;
                wound = pw;
            }
        }
        if !kill && !wound {
            let hi = (qe + 5).min(last);
            for k in qe..hi {
                let w = ctx.tok_lower(k);
                if ctx.lex.is("kill_verb", &w) {
                    kill = true;
                    // "15 killed and 20 wounded": the wound count is its own quantity.
                    break;
                }
                if ctx.lex.is("wound_verb", &w) {
                    wound = true;
                    break;
                }
                if matches!(w.as_str(), "," | ";" | ".") {
                    break;
                }
            }
        }
        if !(kill || wound) || !(unit_ok || q.unit.is_none()) {
            prev = None;
            continue;
        }
        prev = Some((kill, wound, qe));
        let desc = q.unit.map(|u| {
            let a = q.span.end().min(u.start());
            Span::new(a, u.end()).slice(ctx.text()).trim().to_string()
        });
        let outcome = match (kill, wound) {
            (true, true) => "killed_or_wounded",
            (true, false) => "killed",
            _ => "wounded",
        };
        let slot = match outcome {
            "killed" => &mut out.killed,
            "wounded" => &mut out.wounded,
            _ => &mut out.killed_or_wounded,
        };
        *slot = Some(match slot {
            Some(prev) => prev.add(&q.quantity),
            None => q.quantity,
        });
        out.victims.push(Victims {
            count: q.quantity,
            description: desc.unwrap_or_else(|| "people".to_string()),
            outcome: outcome.to_string(),
        });
    }
    out
}
