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

use crate::annotate::{Cat, Ctx};
use crate::entities::{NameMention, Via};
use crate::lexicon::EntryClass;
use crate::{
    Actor, ActorClass, EntityKind, Event, EventKind, Granularity, Quantity, Span, TimeInterval,
    Victims, When,
};

/// [`KINDS`] with each category looked up once.
static KIND_CATS: std::sync::LazyLock<Vec<(Cat, EventKind)>> =
    std::sync::LazyLock::new(|| KINDS.iter().map(|&(c, k)| (Cat::from(c), k)).collect());

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
    "all",
    "the",
    "its",
    "their",
];

#[derive(Default)]
struct Casualties {
    killed: Option<Quantity>,
    wounded: Option<Quantity>,
    killed_or_wounded: Option<Quantity>,
    perpetrators_killed: Option<Quantity>,
    victims: Vec<Victims>,
    /// True when a count says it comes on top of earlier ones ("were also killed").
    additional: bool,
    /// True when the death toll is revised to a new total ("the toll rose to
    /// 54"): it replaces the one told before instead of filling a gap.
    revised: bool,
}

impl Casualties {
    fn any(&self) -> bool {
        self.killed.is_some()
            || self.wounded.is_some()
            || self.killed_or_wounded.is_some()
            || self.perpetrators_killed.is_some()
    }

    /// Fills `ev`'s empty slots from a later sentence ("More than 150 people
    /// were wounded"); counts marked additional are added instead.
    fn merge_into(self, ev: &mut Event) {
        let add = self.additional;
        if self.revised {
            if let (Some(m), Some(t)) = (self.killed, ev.killed.as_mut()) {
                *t = m;
            }
        }
        for (mine, theirs) in [
            (self.killed, &mut ev.killed),
            (self.wounded, &mut ev.wounded),
            (self.killed_or_wounded, &mut ev.killed_or_wounded),
            (self.perpetrators_killed, &mut ev.perpetrators_killed),
        ] {
            match (mine, theirs.as_mut()) {
                (Some(m), None) => *theirs = Some(m),
                (Some(m), Some(t)) if add => *t = t.add(&m),
                _ => {}
            }
        }
        ev.victims.extend(self.victims);
    }
}

/// A stretch of one sentence: its tokens `[first, last)` and their bytes.
#[derive(Clone, Copy)]
struct Seg {
    first: usize,
    last: usize,
    span: Span,
}

impl Seg {
    fn new(ctx: &Ctx, first: usize, last: usize) -> Seg {
        let span =
            Span::new(ctx.view.tokens[first].span.start(), ctx.view.tokens[last - 1].span.end());
        Seg { first, last, span }
    }
}

/// What a sentence says about who did it.
#[derive(Default)]
struct Actors {
    /// The group that did it and whether it claimed it itself.
    perpetrator: Option<(usize, bool)>,
    /// Groups that denied involvement.
    denied: Vec<usize>,
    /// Who did it as the text describes them, when it names no group.
    text: Option<Actor>,
}

pub(crate) fn extract(ctx: &mut Ctx) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    let mut last_event_sentence: Option<usize> = None;
    // The event the text spoke of last (not always the last one created).
    let mut last_touched: Option<usize> = None;
    // A sentence may report two events: "The blasts struck the junction,
    // the same spot where a truck bomb killed 587 people in October 2017".
    // A later trigger with an indefinite article starts a segment of its own.
    // Each with the start of its first trigger.
    let mut segments: Vec<(usize, Seg, Option<usize>)> = Vec::new();
    for si in 0..ctx.sentences.len() {
        if ctx.clock.over() {
            break;
        }
        let (first, last) = ctx.view.sent_toks[si];
        let triggers = trigger_spans(ctx, first, last);
        let starts: Vec<usize> = triggers
            .iter()
            .skip(1)
            .map(|&(a, _)| a)
            .filter(|&a| {
                // Only a trigger with a time of its own after it starts
                // another event ("... where a truck bomb killed 587 people in
                // October 2017"); "when a suicide bomber struck" does not.
                let own_time = ctx.times_at_toks(a + 1, last).iter().any(|t| {
                    let tk = ctx.tok_at(t.span.start);
                    tk > a && tk < last && t.interval.is_some()
                });
                // "since a 2017 bombing killed hundreds": the year before
                // the trigger is its own time too.
                let dated = a > first + 2
                    && matches!(ctx.tok_lower(a - 2), "a" | "an")
                    && ctx
                        .times_at_toks(a - 1, a)
                        .iter()
                        .any(|t| ctx.tok_at(t.span.start) == a - 1 && t.interval.is_some());
                // "the attack, which occurred when an explosive device was
                // detonated ... on Sunday": a "when" clause tells how the
                // event before it happened.
                let how = a > first + 2 && ctx.tok_lower(a - 2) == "when";
                a > triggers[0].1 + 1
                    && a > first + 1
                    && ((matches!(ctx.tok_lower(a - 1), "a" | "an") && own_time && !how) || dated)
            })
            .collect();
        let mut from = first;
        for a in starts.into_iter().chain(std::iter::once(last)) {
            // The segment begins at the article.
            let cut = if a == last {
                last
            } else if matches!(ctx.tok_lower(a - 1), "a" | "an") {
                a - 1
            } else {
                a - 2
            };
            if cut > from {
                let opening =
                    triggers.iter().find(|&&(ta, tb)| ta >= from && tb <= cut).map(|t| t.0);
                segments.push((si, Seg::new(ctx, from, cut), opening));
                from = cut;
            }
        }
    }
    for (si, seg, opening) in segments {
        if ctx.clock.over() {
            break;
        }
        let (first, last) = (seg.first, seg.last);
        // The most specific trigger in the segment.
        let mut trigger: Option<(usize, usize, EventKind)> = None;
        // "Journalists were targeted by police surveillance": "targeted"
        // reports an attack only in the active voice ("troops targeted
        // several posts").
        let passive_target =
            |a: usize| ctx.tok_lower(a) == "targeted" && after_passive_aux(ctx, first, a);
        // "A U.S. drone strike killed X, the militant who ordered the
        // assassination attempt on Y": a trigger in a relative clause about
        // a person tells that person's past, the sentence's event is the
        // other trigger.
        let in_person_clause =
            |a: usize| (a.saturating_sub(4).max(first)..a).any(|k| ctx.tok_lower(k) == "who");
        let triggers = trigger_spans(ctx, first, last);
        let main_elsewhere = triggers.iter().any(|&(a, _)| !in_person_clause(a));
        for &(cat, kind) in KIND_CATS.iter() {
            if let Some(&(a, b, _)) = ctx
                .find_cues(cat, first, last)
                .iter()
                .find(|&&(a, _, _)| !(passive_target(a) || main_elsewhere && in_person_clause(a)))
            {
                trigger = Some((a, b, kind));
                break;
            }
        }
        // "protested against the killing of two lawyers", "condemned the
        // bombing that left 60 dead": the deaths are recalled as a cause,
        // not reported as this sentence's event.
        // Only a cue before the first casualty word or trigger recalls: "a
        // leader was killed during a rally marking the anniversary" reports.
        let kill_at = (first..last).find(|&k| is_kill(ctx, k));
        let harm = kill_at.unwrap_or(last);
        let cue_before = |cat: Cat| !ctx.find_cues(cat, first, harm).is_empty();
        // "Residents rioted after a driver was killed", "a protest against
        // the blast that killed 15", "protesters clashed with police,
        // demanding accountability for the killing of two youths": a death
        // that caused a protest or riot. A cue of demand or anger recalls
        // only a death named as a noun ("the killing of"), so that "police
        // fired on protesters demanding a new state, killing two" reports.
        let protest = !ctx.find_cues(cue!("protest_cue"), first, last).is_empty()
            || !ctx.find_cues(cue!("riot_verb"), first, last).is_empty();
        let nominal = kill_at.is_some_and(|k| {
            (k > first && matches!(ctx.tok_lower(k - 1), "the" | "of"))
                || (k > first + 1 && ctx.tok_lower(k - 2) == "the")
        });
        let recalls = cue_before(cue!("recall_cue"))
            || (protest
                && (cue_before(cue!("cause_cue"))
                    || (nominal && cue_before(cue!("cause_noun_cue")))));
        // The recalled deaths are not this sentence's; its event, if any,
        // is the protest or clash itself.
        let cas = if recalls { Casualties::default() } else { casualties(ctx, seg) };
        let has_cas = cas.any();
        // Whether a trigger ending at token `b` has a plural head:
        // "suicide bombings".
        let plural_head = |b: usize| {
            let w = ctx.tok_lower(b - 1);
            w.ends_with('s') && !w.ends_with("ss")
        };
        // "The attack came when gunmen burst in, throwing bombs": a plural
        // trigger without a toll tells no event of its own (below), so a
        // singular attack noun before it in the segment names the event the
        // plural tells how.
        if let Some((ta, tb, kind)) = trigger {
            if !has_cas && kind != EventKind::Clash && plural_head(tb) {
                let single = KIND_CATS.iter().find_map(|&(cat, kind)| {
                    let cues = ctx.find_cues(cat, first, ta);
                    // (A noun: "the attack", "an assault"; a verb tells
                    // its own clause.)
                    let noun = |a: usize| {
                        a > first && matches!(ctx.tok_lower(a - 1), "the" | "a" | "an" | "this")
                    };
                    let &(a, b, _) = cues.iter().find(|&&(a, b, _)| {
                        noun(a)
                            && !plural_head(b)
                            && !(passive_target(a) || main_elsewhere && in_person_clause(a))
                    })?;
                    Some((a, b, kind))
                });
                trigger = single.or(trigger);
            }
        }
        let place = place_in(ctx, seg);
        // (Of equally precise times, one right after the first trigger.)
        let when = time_in(ctx, seg, triggers.first().map(|t| t.0));
        let had_trigger = trigger.is_some();
        let mut actors = actors(ctx, seg, trigger.map(|t| t.0));
        let near_last = last_event_sentence.is_some_and(|ls| si <= ls + 2);
        // "Jihadist fighters rounded up and killed at least 43 farm labourers":
        // a toll with armed attackers is an attack even without a trigger word.
        if trigger.is_none() && has_cas && (place.is_some() || when.is_some()) && !near_last {
            if let Some(&(a, b, _)) = ctx.find_cues(cue!("attacker_noun"), first, last).first() {
                trigger = Some((a, b, EventKind::Attack));
            }
        }
        // "have been killed since 2009", "the insurgency has claimed 40,000
        // lives": the sentence sums up a war or a period.
        // So does a toll no single attack reaches ("some 300,000 people in
        // the 2000s") without the day it happened.
        // ("killed thousands": a vague figure in the thousands.)
        let huge = cas
            .killed
            .is_some_and(|q| q.low.is_some_and(|v| v >= HUGE_TOLL || q.approximate && v >= 1000.0))
            && when
                .as_ref()
                .and_then(|w| w.interval.as_ref())
                .is_none_or(|i| i.granularity != Granularity::Day);
        let sums_up = || {
            huge || !ctx.find_cues(cue!("toll_summary"), first, last).is_empty()
                || period_of_years(ctx, first, last)
        };
        // "Maoists killed two villagers", "A trader was hacked to death":
        // a killing is an event without an attack word, unless the deaths
        // were not violent ("died in a road accident") or the figure sums up
        // a war ("have been killed since 2009").
        if trigger.is_none()
            && (cas.killed.is_some() || cas.perpetrators_killed.is_some())
            && !near_last
            && ctx.find_cues(cue!("non_violent_death"), first, last).is_empty()
            && !sums_up()
            && !recalls
        {
            if let Some(k) = (first..last).find(|&k| is_kill(ctx, k)) {
                let kind = if !ctx.find_cues(cue!("shooting_cue"), first, last).is_empty() {
                    EventKind::Shooting
                } else if !ctx.find_cues(cue!("clash_cue"), first, last).is_empty() {
                    EventKind::Clash
                } else {
                    EventKind::Attack
                };
                trigger = Some((k, k + 1, kind));
            }
        }
        // "The ELN has killed 12 soldiers": a killing read as the trigger
        // has its group named just before it too.
        if !had_trigger && trigger.is_some() && actors.perpetrator.is_none() {
            actors = self::actors(ctx, seg, trigger.map(|t| t.0));
        }
        let Some((ta, tb, kind)) = trigger else {
            // No trigger: a claim, a denial or casualty figures that continue
            // the last event ("More than 150 people were wounded").
            // A claim far from the last event goes to the report's own
            // event, not to one recalled in passing ("a truck bomb killed 587
            // people in October 2017").
            // A claim of responsibility is about the report's own event;
            // figures continue the event spoken of last.
            let claims = actors.perpetrator.is_some_and(|(_, claimed)| claimed);
            let target =
                if near_last && !claims { last_touched } else { current_event(ctx, &events) };
            if let Some(ev) = target.and_then(|i| events.get_mut(i)) {
                let continues = near_last
                    || (actors.perpetrator.is_some_and(|(_, claimed)| claimed)
                        && last_event_sentence.is_some());
                // "Another policeman died in hospital on Tuesday": a later
                // death from the same event.
                // "The driver succumbed to his injuries on Saturday": a later
                // death of someone hurt in the event.
                let died_later = !ctx.find_cues(cue!("die_verb"), first, last).is_empty();
                // An undated event is the report's news, so a time long
                // before publication is another one: "The siege ended two
                // days later" after "In September 2004, militants seized a
                // school", in a report on this week's attack.
                let undated_and_old = ev.when.as_ref().is_none_or(|w| w.interval.is_none())
                    && when.as_ref().is_some_and(|w| long_before_publication(ctx, w));
                let other_time = !cas.additional
                    && !died_later
                    && when.as_ref().is_some_and(|w| !same_time(ev.when.as_ref(), w))
                    && actors.perpetrator.is_none_or(|(_, claimed)| !claimed)
                    || undated_and_old;
                // "the insurgency has claimed 40,000 lives": a running
                // total, not the event's.
                let summary = !cas.revised && sums_up();
                if continues && !other_time && !summary && (has_cas || actors.any()) {
                    apply_actors(ev, &actors);
                    cas.merge_into(ev);
                    // "A drone strike killed X. ... X was killed along with
                    // two others when their car was hit in Kunar": the place
                    // of an event its first sentence left without one.
                    if ev.place.is_none() {
                        fill_place(ctx, ev, place, si);
                    }
                    // "The militants had arrived late on Saturday": the
                    // day of an undated event told on, up to two days
                    // before publication (an older day may be another
                    // incident's, recalled).
                    let recent = |w: &When| {
                        w.interval
                            .as_ref()
                            .and_then(|i| i.start)
                            .is_some_and(|d| just_before_publication(ctx, d))
                    };
                    if no_day(ev.when.as_ref()) && !recalls && when.as_ref().is_some_and(recent) {
                        fill_when(ev, when.clone());
                    }
                    ev.spans.push(ctx.sentences[si]);
                    last_event_sentence = Some(si);
                    last_touched = target;
                }
            }
            continue;
        };
        let plural = plural_head(tb) && kind != EventKind::Clash;
        // "the attack", "this bombing", "the twin bombings", "Saturday's attack".
        let definite_at = |ta: usize| {
            (ta > first
                && (matches!(ctx.tok_lower(ta - 1), "the" | "this")
                    || ctx.tok_lower(ta - 1).ends_with("'s")
                    || ctx.tok_lower(ta - 1).ends_with("’s")))
                || (ta > first + 1 && {
                    // "the suicide bombing", "Wednesday's arson attack"
                    let w = ctx.tok_lower(ta - 2);
                    w == "the" || w.ends_with("'s") || w.ends_with("’s")
                })
                || dated_definite(ctx, first, ta)
        };
        // "The attack killed four people after a suicide bomber walked into
        // a restaurant": the segment opens on a definite mention, and the
        // more specific trigger after it tells how that event happened
        // (unless a time of its own makes it another: "The Kuje attack was
        // the second near Abuja: in March, gunmen attacked a train"; a
        // "when" clause keeps it: "the attack, which occurred when an
        // explosive device was detonated ... on Sunday").
        let how = (ta.saturating_sub(3).max(first)..ta).any(|k| ctx.tok_lower(k) == "when");
        let definite = definite_at(ta)
            || ((when.is_none() || how) && opening.is_some_and(|a| a < ta && definite_at(a)));
        // A definite mention ("the attack", "the bombing") refers back to the
        // last event unless it names another time.
        // Only a time next to the trigger dates it ("the 2017 bombing", "the
        // July 5 raid"); elsewhere it may date the report ("claimed the
        // attack on Monday").
        let own_time = when.as_ref().filter(|_| {
            ctx.times_at_toks(ta.saturating_sub(5), ta + 4).iter().any(|t| {
                let tk = ctx.tok_at(t.span.start);
                seg.span.contains(t.span) && tk + 5 >= ta && tk <= ta + 3
            })
        });
        // The event referred to: with a time next to the trigger, the latest
        // event of that time; else the last one when near, or the report's
        // own event.
        let referent = if !definite || (plural && !near_last) {
            None
        } else if let Some(w) = own_time {
            events
                .iter()
                .rposition(|ev| ev.when.is_some() && same_time(ev.when.as_ref(), w))
                .or_else(|| {
                    // "No-one has claimed Thursday night's attack" after an
                    // undated lead: the lead's event, now dated, unless the
                    // time is long past ("the 2017 bombing").
                    let i = if near_last { last_touched } else { current_event(ctx, &events) };
                    i.filter(|&i| no_day(events[i].when.as_ref()))
                        .filter(|_| !plural && !long_before_publication(ctx, w))
                })
        } else if near_last {
            // "the attack" after "Clashes followed": the latest event the
            // description names, when the last one spoken of is of another
            // kind.
            last_touched
                .filter(|&i| events[i].kind == kind)
                .or_else(|| events.iter().rposition(|ev| ev.kind == kind))
                .or(last_touched)
        } else {
            current_event(ctx, &events)
        };
        // "The last massacre dates back to mid-August" after a September
        // attack: a description dated close after its word to a time days
        // before the event is another one (a later time may be a later
        // death; a day before, the first sentence's reporting day).
        let before_event = |i: usize| {
            let start =
                events[i].when.as_ref().and_then(|w| w.interval.as_ref()).and_then(|x| x.start);
            ctx.times_at_toks(ta.saturating_sub(5), ta + 7).iter().any(|t| {
                let tk = ctx.tok_at(t.span.start);
                seg.span.contains(t.span)
                    && tk + 5 >= ta
                    && tk <= ta + 6
                    && t.interval
                        .as_ref()
                        .and_then(|x| x.end)
                        .zip(start)
                        .is_some_and(|(e, s)| (s - e).num_days() > NEAR_DAYS)
            })
        };
        let referent = referent.filter(|&i| {
            // "The last attack in the city was in January 2018": a time long
            // before publication is not the undated news event's.
            let old_time = no_day(events[i].when.as_ref())
                && when.as_ref().is_some_and(|w| long_before_publication(ctx, w));
            !old_time && !before_event(i)
        });
        if let Some(i) = referent {
            {
                let ev = &mut events[i];
                apply_actors(ev, &actors);
                fill_place(ctx, ev, place, si);
                fill_when(ev, when);
                cas.merge_into(ev);
                ev.spans.push(ctx.sentences[si]);
            }
            last_event_sentence = Some(si);
            last_touched = Some(i);
            continue;
        }
        // A plural trigger is one event only with its toll ("Two car bombs
        // exploded ..., killing at least 100"); otherwise it is a generic
        // statement ("it carries out bombings").
        let on_a_day = when
            .as_ref()
            .and_then(|w| w.interval.as_ref())
            .is_some_and(|i| {
                i.granularity == crate::Granularity::Day
                    && i.value.as_deref().is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
            })
            // The day must go with the trigger ("stormed a police post on
            // Monday"), not with another clause ("who seized Kabul on Aug. 15").
            && ctx.times_at_toks(ta.saturating_sub(4), tb + 9).iter().any(|t| {
                let tk = ctx.tok_at(t.span.start);
                seg.span.contains(t.span) && tk + 4 >= ta && tk <= tb + 8
            });
        // "Two ministers clashed over the budget", "the senator attacked the
        // plan", "police defused a bomb": without casualties, a trigger
        // that is often figurative needs a violent side, and none may be
        // a non-event ("bomb scare", "went on strike").
        // A trigger of several words ("drone strike", "gun attack") says
        // what kind of violence: not the figurative word alone.
        let figurative =
            ctx.find_cues(cue!("figurative_trigger"), ta, tb).iter().any(|&(a, _, _)| a == ta);
        // "has taken responsibility for a predawn assault": what is claimed
        // is violence.
        let claimed_here = !ctx.find_cues(cue!("claim_cue"), first, last).is_empty();
        let violent = !ctx.find_cues(cue!("violent_side"), first, last).is_empty()
            || !ctx.find_cues(cue!("attacker_noun"), first, last).is_empty()
            || actors.perpetrator.is_some()
            || claimed_here;
        let non_event = !ctx.find_cues(cue!("non_event_cue"), first, last).is_empty();
        // "Attacks by militants have surged, killing hundreds": a plural
        // trigger in the perfect with only a vague toll and no date sums up a
        // trend, it reports no event.
        let figs = [cas.killed, cas.wounded, cas.killed_or_wounded, cas.perpetrators_killed];
        let trend = plural_head(tb)
            && when.is_none()
            && figs.iter().any(Option::is_some)
            && figs.iter().all(|q| q.is_none_or(|q| q.approximate))
            && (first..last).any(|k| matches!(ctx.tok_lower(k), "have" | "has"));
        // "Boko Haram has killed thousands", "the group has killed hundreds
        // of civilians": a perfect verb with a toll told only by its order of
        // magnitude and no time sums up a record, it reports no event.
        let magnitude = |q: &Quantity| {
            q.approximate
                && matches!((q.low, q.high), (Some(lo), Some(hi)) if lo >= 100.0 && hi >= 4.0 * lo)
        };
        let record = when.is_none()
            && cas.killed.as_ref().is_some_and(magnitude)
            && (ta.saturating_sub(2).max(first)..ta)
                .any(|k| matches!(ctx.tok_lower(k), "have" | "has" | "had"));
        // "more than 1,000 militants have been killed in fighting since
        // July": a running total over the trigger's period, unless a
        // superlative makes the period a yardstick ("the deadliest attack
        // since 2011").
        let superlative = (ta.saturating_sub(2).max(first)..ta).any(|k| {
            let w = ctx.tok_lower(k);
            w == "worst" || (w.len() > 5 && w.ends_with("iest"))
        });
        let summary = when.is_none()
            && !superlative
            && ctx
                .find_cues(cue!("toll_summary"), tb, (tb + 3).min(last))
                .iter()
                .any(|&(a, _, _)| a <= tb + 1);
        // "Since October 2014, the territory has seen attacks which have
        // caused the death of more than 700 people": a plural in the perfect
        // over a period running since a time counts every attack of it.
        let running = plural
            && !superlative
            && ctx.times_at_toks(first, last).iter().any(|t| {
                let tk = ctx.tok_at(t.span.start);
                seg.span.contains(t.span)
                    && (t.span.slice(ctx.text()).to_lowercase().starts_with("since")
                        || (tk > first && ctx.tok_lower(tk - 1) == "since"))
            })
            && (first..last).any(|k| matches!(ctx.tok_lower(k), "have" | "has"));
        // "Two explosions occurred in Kerman province on January 3", "twin
        // suicide bombings": a counted plural is one incident of several
        // blasts; "claimed responsibility for explosions in the city of
        // Kerman": so is a claimed plural at a place.
        let counted_trigger = plural
            && (ta > first && ctx.lex.is("incident_count", ctx.tok_lower(ta - 1))
                || ta > first + 1 && ctx.lex.is("incident_count", ctx.tok_lower(ta - 2)));
        let claimed_at =
            plural && actors.perpetrator.is_some_and(|(_, claimed)| claimed) && place.is_some();
        // "Two decades of clashes left 69,000 people dead", "killed 300
        // over the past five years": a toll over a period of years is the
        // sum of many events, not one, unless the event has a time of its
        // own shorter than two months, not the period itself (read last,
        // only of an event otherwise specific).
        let period_toll = || {
            period_of_years(ctx, first, last)
                && when.as_ref().and_then(|w| w.interval.as_ref()).is_none_or(
                    |i| matches!((i.start, i.end), (Some(a), Some(b)) if (b - a).num_days() > 62),
                )
        };
        let specific = !trend
            && !record
            && !summary
            && !running
            && (has_cas || ((!figurative || violent) && !non_event))
            && (!plural || has_cas || counted_trigger || claimed_at)
            && (has_cas
                || (place.is_some() && when.is_some())
                || (!plural && on_a_day)
                || (actors.perpetrator.is_some() && (place.is_some() || when.is_some()))
                // "An al-Qaeda-affiliated group has taken responsibility for
                // a predawn assault in Bamako": a claim is of one attack,
                // whoever the text says made it.
                || (!plural && place.is_some() && claimed_here)
                // "The Taliban denied involvement in a bombing on a police
                // convoy": a denial is about one attack.
                || (!actors.denied.is_empty() && !plural))
            && !period_toll();
        if !specific {
            // "X claimed responsibility for the attack, which began when a
            // suicide bomber detonated ...": a claim whose trigger starts no
            // event of its own is about the report's event.
            if actors.perpetrator.is_some_and(|(_, claimed)| claimed) {
                if let Some(i) = current_event(ctx, &events) {
                    apply_actors(&mut events[i], &actors);
                    events[i].spans.push(ctx.sentences[si]);
                    last_event_sentence = Some(si);
                    last_touched = Some(i);
                }
            }
            continue;
        }
        let mut ev = Event {
            kind,
            when,
            place,
            perpetrators: Vec::new(),
            claimed: false,
            killed: None,
            wounded: None,
            killed_or_wounded: None,
            perpetrators_killed: None,
            actor: None,
            denied_by: Vec::new(),
            victims: Vec::new(),
            spans: vec![ctx.sentences[si]],
        };
        cas.merge_into(&mut ev);
        apply_actors(&mut ev, &actors);
        // "Security officers killed two separatists ... The officers
        // exchanged gunfire, leaving the two separatists dead": the same
        // toll told again is the same event.
        if let Some(i) = events.iter().rposition(|e| restates(e, &ev)) {
            let old = &mut events[i];
            fill_place(ctx, old, ev.place, si);
            fill_when(old, ev.when);
            apply_actors(old, &actors);
            old.spans.extend(ev.spans);
            last_event_sentence = Some(si);
            last_touched = Some(i);
            continue;
        }
        // "It was the worst attack since a 2017 bombing killed hundreds": an
        // old incident recalled in passing; figures that follow still
        // continue the report's own event.
        let recalled = !events.is_empty()
            && ev.when.as_ref().is_some_and(|w| long_before_publication(ctx, w))
            && yardstick_since(ctx, ctx.view.sent_toks[si].0, ta);
        events.push(ev);
        if !recalled {
            last_event_sentence = Some(si);
            last_touched = Some(events.len() - 1);
        }
    }
    merge_same_incident(ctx, &mut events);
    headline_place(ctx, &mut events);
    anchor_on_publication(ctx, &mut events);
    for ev in &mut events {
        killed_by_state_forces(ev);
    }
    events
}

/// "49 killed in Christchurch mosque shootings": a headline that tells of
/// an attack and names one town or province the text names too places the
/// report's own events (those told in the lede) that the sentences leave
/// unplaced ("49 people were killed in shootings at two mosques") or place
/// only in that town's country. A headline naming two such places, or only
/// a country, places nothing.
fn headline_place(ctx: &Ctx, events: &mut [Event]) {
    const LEDE_SENTENCES: usize = 3;
    const RUN: usize = 4;
    let Some(title) = ctx.doc.title.as_deref() else { return };
    if events.is_empty() {
        return;
    }
    let words: Vec<&str> = title
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ':' | ',' | ';' | '"' | '“' | '”' | '‘' | '’' | '\'')
        })
        .filter(|w| !w.is_empty())
        .collect();
    let eventful = words.iter().any(|w| {
        let l = w.to_lowercase();
        ctx.lex.is("event_attack", &l)
            || ctx.lex.is("shooting_cue", &l)
            || matches!(l.as_str(), "killed" | "dead" | "dies" | "died" | "kills" | "killing")
    });
    if !eventful {
        return;
    }
    let mut keys = rustc_hash::FxHashSet::default();
    for len in 1..=RUN {
        for run in words.windows(len) {
            keys.insert(ctx.lex.key(&run.join(" ")));
        }
    }
    let named: Vec<usize> = (0..ctx.entities.len())
        .filter(|&i| {
            let e = &ctx.entities[i];
            e.kind == EntityKind::Place
                && std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .any(|n| keys.contains(&ctx.lex.key(n)))
                && ctx.catalog_entry(i).is_none_or(|x| x.class != EntryClass::Country)
        })
        .collect();
    let [place] = named[..] else { return };
    // Another town the headline names, one the text does not: "Gunmen
    // kill twelve in Kano and Zaria". A word of a place the text names
    // ("New Zealand") is none.
    let own = |w: &str| {
        let k = ctx.lex.key(w);
        ctx.entities.iter().filter(|e| e.kind == EntityKind::Place).any(|e| {
            std::iter::once(&e.name).chain(&e.aliases).any(|n| ctx.lex.key(n).contains(&k))
        })
    };
    // The first word is capitalized whatever it is ("Man charged ...").
    let capitalized = |w: &&&str| w.chars().next().is_some_and(char::is_uppercase);
    let other_town = words.iter().skip(1).filter(capitalized).any(|w| {
        !own(w)
            && !ctx.lex.is_stop_cap(w)
            && ctx.lex.lookup(w).iter().any(|x| {
                matches!(x.class, EntryClass::City | EntryClass::Subdivision)
                    && (x.class == EntryClass::Subdivision
                        || x.population >= crate::lexicon::SMALL_CITY_POPULATION)
            })
    });
    if other_town {
        return;
    }
    let country = ctx
        .catalog_entry(place)
        .and_then(|x| x.country.as_deref())
        .and_then(|c| ctx.entity_with_catalog_id(&format!("country:{c}")));
    let lede_end = ctx.sentences.get(LEDE_SENTENCES).map_or(u32::MAX, |s| s.start);
    for ev in events.iter_mut() {
        let in_lede = ev.spans.first().is_some_and(|s| s.start < lede_end);
        if in_lede && (ev.place.is_none() || ev.place.is_some_and(|p| Some(p) == country)) {
            ev.place = Some(place);
        }
    }
}

/// "Security forces killed four militants", "Police shot dead two robbers":
/// when police or soldiers did it and no group is named, the armed men who
/// died are the event's dead, not attackers killed in their own attack.
fn killed_by_state_forces(ev: &mut Event) {
    let state = ev
        .actor
        .as_ref()
        .is_some_and(|a| matches!(a.class, ActorClass::Police | ActorClass::Military));
    if state && ev.perpetrators.is_empty() && ev.killed.is_none() {
        if let Some(q) = ev.perpetrators_killed.take() {
            ev.killed = Some(q);
            for v in &mut ev.victims {
                if v.outcome == "perpetrators_killed" {
                    v.outcome = "killed".to_string();
                }
            }
        }
    }
}

/// Joins the events of one report that tell of one incident: a report
/// opens on "Sunday's suicide blast", reports the claim for "the suicide
/// bombing" and later counts "36 of those who perished on Sunday". Two events
/// are one when their kinds fit, their dates overlap (both dated), their
/// places and perpetrators do not differ and every casualty figure of one
/// can be true with the other's ("at least 36" and 54). Events of another
/// date, place or group, or with figures that cannot both be true, stay
/// apart: a report that recalls an older attack keeps it apart.
fn merge_same_incident(ctx: &Ctx, events: &mut Vec<Event>) {
    // The lede: the first sentences (headline included) tell the report's
    // own event; an undated toll there ("Death toll rises to 54 in suicide
    // bombing") is that event's, whatever sentence dates it.
    let lede_end = ctx.view.sent_toks.get(3).map_or(u32::MAX, |&(a, _)| {
        ctx.view.tokens.get(a).map_or(u32::MAX, |t| t.span.start() as u32)
    });
    let in_lede = |e: &Event| e.spans.first().is_some_and(|s| s.end <= lede_end);
    // Each event is held against the lead event and the 64 before it, so
    // that a text with thousands of events stays linear.
    const WINDOW: usize = 64;
    let mut j = 1;
    while j < events.len() {
        let lede = in_lede(&events[j]);
        let candidates = std::iter::once(0).chain(j.saturating_sub(WINDOW).max(1)..j);
        match candidates
            .filter(|&i| i < j)
            .find(|&i| same_incident(ctx, &events[i], &events[j], lede && i == 0, i == 0))
        {
            Some(i) => {
                let ev = events.remove(j);
                absorb(ctx, &mut events[i], ev);
            }
            None => j += 1,
        }
    }
}

fn same_incident(ctx: &Ctx, a: &Event, b: &Event, lede: bool, lead: bool) -> bool {
    let dated = |e: &Event| e.when.as_ref().and_then(|w| w.interval.as_ref()).is_some();
    // An undated later mention ("X was among those killed") joins an event
    // only when it brings no figure of its own: it may name a victim already
    // counted, never import a toll from an older attack recalled undated.
    let undated_fits = |x: &Option<Quantity>, y: &Option<Quantity>| match (x, y) {
        (_, None) => true,
        (None, Some(_)) => false,
        // A vague toll holds a precise one in its range ("killing several
        // people", then "slaughtered six men").
        (Some(x), Some(y)) => y.high.is_some_and(|h| {
            h <= if x.approximate { x.high.or(x.low) } else { x.low }.unwrap_or(0.0)
        }),
    };
    let figures_fit = |x: &Option<Quantity>, y: &Option<Quantity>| match (x, y) {
        (Some(x), Some(y)) => {
            let (xl, yl) = (x.low.unwrap_or(0.0), y.low.unwrap_or(0.0));
            xl <= y.high.unwrap_or(f64::INFINITY) && yl <= x.high.unwrap_or(f64::INFINITY)
        }
        _ => true,
    };
    let figures = |f: &dyn Fn(&Option<Quantity>, &Option<Quantity>) -> bool| {
        f(&a.killed, &b.killed)
            && f(&a.wounded, &b.wounded)
            && f(&a.perpetrators_killed, &b.perpetrators_killed)
            && f(&a.killed_or_wounded, &b.killed_or_wounded)
    };
    // A day apart is one incident within a report: "Sunday's blast" and a
    // caption dated the next day, a night attack told as the next morning's.
    let near_time = |x: &Event, y: &Event| {
        let days = |e: &Event| {
            let i = e.when.as_ref()?.interval.as_ref()?;
            Some((i.start?, i.end?))
        };
        match (days(x), days(y)) {
            // Checked: a date at the end of the calendar has no next day.
            (Some((a0, a1)), Some((b0, b1))) => {
                let next =
                    |d: chrono::NaiveDate| d.checked_add_days(chrono::Days::new(1)).unwrap_or(d);
                a0 <= next(b1) && b0 <= next(a1)
            }
            _ => false,
        }
    };
    // Only a mention without figures (a caption, a claim) may be a day off:
    // two tolls a day apart are two incidents ("an inspector was shot on
    // Sunday; on Monday a labourer was killed").
    let counted = |e: &Event| {
        e.killed.is_some()
            || e.wounded.is_some()
            || e.killed_or_wounded.is_some()
            || e.perpetrators_killed.is_some()
    };
    let start = |e: &Event| e.when.as_ref()?.interval.as_ref()?.start;
    let times = match (dated(a), dated(b)) {
        (true, true) if counted(a) && counted(b) => {
            a.when.as_ref().is_some_and(|w| same_time(b.when.as_ref(), w)) && figures(&figures_fit)
        }
        // The mention without figures must be the later one: a caption or
        // a claim comes after the incident, while an incident the day
        // before is another one ("the second attack in 24 hours").
        (true, true) => {
            let (counted_one, mention) = if counted(a) { (a, b) } else { (b, a) };
            let later = counted(a) != counted(b) && start(mention) >= start(counted_one);
            (later || a.when.as_ref().is_some_and(|w| same_time(b.when.as_ref(), w)))
                && near_time(a, b)
                && figures(&figures_fit)
        }
        (true, false) if lede => figures(&figures_fit),
        (true, false) => figures(&undated_fits),
        // "X claimed a morning attack in Bamako. Armed men targeted a
        // school ..., prompting gunfire early on Tuesday": the lede's
        // undated event is dated by a mention in the lede.
        // Only the publication day itself: a day before may be an earlier
        // incident recalled ("on Saturday, the youth had been detained").
        // "More than 200 gunmen have attacked an army base, leaving 34
        // soldiers dead. The attackers raided the base on Thursday,
        // injuring 14": a lede event with figures is dated by the lede's
        // next mention up to two days before publication, when its figures
        // fit.
        // "... in an attack that killed at least 14 people. (...) The
        // attack on the hotel began shortly after 3pm on Tuesday": a
        // sentence opening on the attack, definite, with no figures of its
        // own, dates the lead event, up to two days before publication.
        // (Else the lede's rule below still applies.)
        (false, true)
            if lead
                && counted(a)
                && !counted(b)
                && opens_on_the_attack(ctx, b)
                && start(b).is_some_and(|d| just_before_publication(ctx, d)) =>
        {
            true
        }
        (false, true) if lede => {
            let day = b
                .when
                .as_ref()
                .and_then(|w| w.interval.as_ref())
                .and_then(|i| (i.start == i.end).then_some(i.start).flatten());
            match day {
                Some(d) if !counted(b) => Some(d) == ctx.doc.published,
                Some(d) => counted(a) && just_before_publication(ctx, d) && figures(&figures_fit),
                None => false,
            }
        }
        // "Militants stormed a village, killing several people ... the
        // gunmen seized six men and slaughtered them": an undated mention
        // whose figures the report's lead event holds is that event.
        (false, false) if lead => counted(a) && figures(&undated_fits),
        _ => false,
    };
    crate::reconcile::events::kinds_fit(a.kind, b.kind)
        && times
        && match (a.place, b.place) {
            (Some(x), Some(y)) => places_fit(ctx, x, y),
            _ => true,
        }
        && (a.perpetrators.is_empty()
            || b.perpetrators.is_empty()
            || a.perpetrators.iter().any(|p| b.perpetrators.contains(p)))
        // "Police fired on the marchers" and "gunmen shot a guard": two.
        && match (&a.actor, &b.actor) {
            (Some(x), Some(y)) => x.class == y.class,
            _ => true,
        }
}

/// Whether the sentence that first tells `ev` opens on a definite attack
/// noun: "The attack on the hotel began ...", "The assault lasted ...".
fn opens_on_the_attack(ctx: &Ctx, ev: &Event) -> bool {
    let Some(span) = ev.spans.first() else { return false };
    let si = ctx.view.sentence_of(ctx.tok_at(span.start));
    let Some(&(first, last)) = ctx.view.sent_toks.get(si) else { return false };
    if first + 1 >= last || !matches!(ctx.tok_lower(first), "the" | "this") {
        return false;
    }
    trigger_spans(ctx, first + 1, (first + 3).min(last))
        .first()
        .is_some_and(|&(a, _)| a <= first + 2)
}

/// Whether two places of one report can be one event's: the same, one a
/// facility or a name the gazetteer does not know ("Hayat Hotel" and
/// "Mogadishu"), or one inside the other (a city in its province or country).
fn places_fit(ctx: &Ctx, a: usize, b: usize) -> bool {
    if a == b {
        return true;
    }
    let (ea, eb) = (ctx.catalog_entry(a), ctx.catalog_entry(b));
    let (Some(x), Some(y)) = (ea, eb) else {
        // A place the gazetteer does not know may be a facility or a
        // landmark in the other ("Hayat Hotel" and "Mogadishu"). But two
        // settlements the text names as such are two places ("Shortepa
        // district" and "Kamdesh district"), and so are such a settlement
        // and a town, unless the text puts the one in the other ("the
        // Westlands district of Kenya's capital").
        if facility_like(ctx, a) || facility_like(ctx, b) {
            return true;
        }
        // (A neighbourhood or a suburb lies in a town.)
        let peer = |e: usize| {
            settlement_noun(ctx, e).is_some_and(|w| {
                !matches!(w, "neighbourhood" | "neighborhood" | "suburb" | "locality")
            })
        };
        let (known, unknown) = match (ea, eb) {
            (Some(k), None) => (Some(k), b),
            (None, Some(k)) => (Some(k), a),
            _ => (None, a),
        };
        return match known {
            None => !(peer(a) && peer(b)),
            Some(k) if k.class == EntryClass::City && peer(unknown) => {
                let outer = if unknown == a { b } else { a };
                named_inside_anywhere(ctx, unknown, outer)
            }
            Some(_) => true,
        };
    };
    if x.country.is_some() && y.country.is_some() && x.country != y.country {
        return false;
    }
    let inside = |small: &crate::lexicon::Entry, big: &crate::lexicon::Entry| match big.class {
        EntryClass::Country => true,
        EntryClass::Subdivision => small.admin1.as_deref() == big.id.strip_prefix("adm1:"),
        // A sea, a mountain range, a region: too vague to tell apart.
        EntryClass::Region => true,
        _ => false,
    };
    inside(x, y) || inside(y, x)
}

/// Gives `ev` the place `place` (named in sentence `si`) when it has none,
/// or when `place` lies inside its country or province: "a seaside resort
/// in western Turkey", then "Saturday's attack on a minibus in Kusadasi";
/// "an attack in Kirkuk province", then "attacked Dibis town in Kirkuk".
fn fill_place(ctx: &Ctx, ev: &mut Event, place: Option<usize>, si: usize) {
    let Some(new) = place else { return };
    let Some(old) = ev.place else {
        ev.place = Some(new);
        return;
    };
    let unknown = ctx.catalog_entry(new).is_none();
    if (new != old && unknown && named_inside(ctx, si, new, old)) || finer_place(ctx, old, new) {
        ev.place = Some(new);
    }
}

/// Whether the place `new` is a finer one inside `old`: a city or province
/// of the country `old`, a city of the province `old`. Also a place the
/// gazetteer does not know after a country: "in eastern Congo", then "the
/// attack on Baeti village" (its province and country still come from the
/// gazetteer places the report names). After a province or a city an
/// unknown name may be a landmark in it ("Abbey Gate"), which would part
/// the event from other reports of it.
fn finer_place(ctx: &Ctx, old: usize, new: usize) -> bool {
    let (old_entry, new_entry) = (ctx.catalog_entry(old), ctx.catalog_entry(new));
    let (Some(x), Some(y)) = (old_entry, new_entry) else {
        let unknown_place = new_entry.is_none()
            && ctx.entities.get(new).is_some_and(|e| e.kind == EntityKind::Place);
        // After a province or a city, an unknown place the text calls a
        // settlement ("Boni locality", "the village of Chicomo") is in it.
        return unknown_place
            && old_entry.is_some_and(|x| match x.class {
                EntryClass::Country => true,
                EntryClass::Subdivision | EntryClass::City => settlement_named(ctx, new),
                _ => false,
            });
    };
    match x.class {
        EntryClass::Country => {
            matches!(y.class, EntryClass::City | EntryClass::Subdivision)
                && y.country.is_some()
                && y.country == x.country
        }
        EntryClass::Subdivision => {
            y.class == EntryClass::City && y.admin1.as_deref() == x.id.strip_prefix("adm1:")
        }
        _ => false,
    }
}

/// Whether the place entity `e` is named as a facility: a facility word
/// (`facility_cues.tsv`, `facility_in_name`) among its name's words ("Hayat
/// Hotel", "Police Lines compound", "District Hospital Reasi").
fn facility_like(ctx: &Ctx, e: usize) -> bool {
    ctx.entities.get(e).is_some_and(|ent| {
        ent.name.split(|c: char| !c.is_alphanumeric()).any(|w| {
            let w = w.to_lowercase();
            ctx.lex.facility_cues.contains_key(&w) || ctx.lex.is("facility_in_name", &w)
        })
    })
}

/// Whether the text calls the place entity `e` a settlement: a settlement
/// noun right after a mention of it ("Boni locality", "Yamtage town"), in
/// an appositive ("El Carmen, a municipality in ...") or before "of" and it
/// ("the village of Chicomo").
fn settlement_named(ctx: &Ctx, e: usize) -> bool {
    settlement_noun(ctx, e).is_some()
}

/// The settlement noun the text first gives the place entity `e` (see
/// [`settlement_named`]).
fn settlement_noun<'c>(ctx: &'c Ctx, e: usize) -> Option<&'c str> {
    let k = (*place_notes(ctx).settlement.get(e)?)?;
    Some(ctx.tok_lower(k as usize))
}

/// What the text says of each document entity as a place: the token of the
/// first settlement noun it is given, and the sentences that name it.
#[derive(Default)]
pub(crate) struct PlaceNotes {
    settlement: Vec<Option<u32>>,
    sentences: Vec<Vec<u32>>,
}

/// The document's [`PlaceNotes`], built in one pass over its names the
/// first time a rule asks.
fn place_notes<'c>(ctx: &'c Ctx) -> &'c PlaceNotes {
    ctx.place_notes.get_or_init(|| {
        let n = ctx.view.tokens.len();
        let settlement = |k: usize| ctx.lex.is("settlement_noun", ctx.tok_lower(k));
        let noun = |m: &NameMention| {
            // ("El Carmen, a municipality in ...", "Otu, a small locality".)
            let apposed = (m.toks.1 + 2 < n
                && ctx.tok(m.toks.1) == ","
                && matches!(ctx.tok_lower(m.toks.1 + 1), "a" | "an" | "the"))
            .then(|| [m.toks.1 + 2, m.toks.1 + 3].into_iter().find(|&k| k < n && settlement(k)))
            .flatten();
            if m.toks.1 < n && settlement(m.toks.1) {
                Some(m.toks.1)
            } else if apposed.is_some() {
                apposed
            } else if m.toks.0 >= 2
                && ctx.tok_lower(m.toks.0 - 1) == "of"
                && settlement(m.toks.0 - 2)
            {
                Some(m.toks.0 - 2)
            } else {
                None
            }
        };
        let mut notes = PlaceNotes {
            settlement: vec![None; ctx.entities.len()],
            sentences: vec![Vec::new(); ctx.entities.len()],
        };
        for m in ctx.names_in(0, n) {
            let e = m.entity;
            if e >= ctx.entities.len() {
                continue;
            }
            if notes.settlement[e].is_none() {
                notes.settlement[e] = noun(m).map(|k| k as u32);
            }
            let si = ctx.view.sentence_of(m.toks.0) as u32;
            if notes.sentences[e].last() != Some(&si) {
                notes.sentences[e].push(si);
            }
        }
        notes
    })
}

/// Whether some sentence names the place `inner` right before `outer` as
/// what contains it (see [`named_inside`]); only the sentences naming
/// `inner` are read.
fn named_inside_anywhere(ctx: &Ctx, inner: usize, outer: usize) -> bool {
    place_notes(ctx)
        .sentences
        .get(inner)
        .is_some_and(|ss| ss.iter().any(|&si| named_inside(ctx, si as usize, inner, outer)))
}

/// Does sentence `si` name the place `inner` and, right after it, the place
/// `outer` as what contains it: "Dibis town in Kirkuk", "Nassoumbou, also
/// in Soum province", "Mingora city, the capital of Swat district"? At most
/// five lower-case words or commas between, among them "in" or "of".
fn named_inside(ctx: &Ctx, si: usize, inner: usize, outer: usize) -> bool {
    let Some(&(first, last)) = ctx.view.sent_toks.get(si) else { return false };
    ctx.names_in(first, last).zip(ctx.names_in(first, last).skip(1)).any(|(a, b)| {
        a.entity == inner
            && b.entity == outer
            && b.toks.0 >= a.toks.1
            && b.toks.0 - a.toks.1 <= 5
            && (a.toks.1..b.toks.0).any(|k| matches!(ctx.tok_lower(k), "in" | "of"))
            && (a.toks.1..b.toks.0).all(|k| {
                let t = ctx.tok(k);
                t == "," || t.starts_with(char::is_lowercase)
            })
    })
}

/// "over the past five years", "decades of", "in the past six months": a
/// period of months or years counted in tokens `[first, last)`, whose toll
/// sums many events.
fn period_of_years(ctx: &Ctx, first: usize, last: usize) -> bool {
    (first..last).any(|k| {
        matches!(ctx.tok_lower(k), "years" | "decades" | "months") && k > first && {
            let before = ctx.tok_lower(k - 1);
            let counted = before.starts_with(|c: char| c.is_ascii_digit())
                || crate::scan::is_number_word(before)
                || matches!(before, "several" | "many" | "past" | "last");
            let of = k + 1 < last && ctx.tok_lower(k + 1) == "of";
            let from = k.saturating_sub(4).max(first);
            let over = (from..k).any(|j| {
                matches!(ctx.tok_lower(j), "over" | "during" | "across" | "throughout")
                    || (ctx.tok_lower(j) == "in"
                        && (j + 1..k).any(|i| matches!(ctx.tok_lower(i), "past" | "last")))
            });
            counted && (of || over)
        }
    })
}

/// Moves `b` into `a`: the finer kind, the narrower date, the finer place,
/// the figure with the higher floor (a toll that has risen), every span,
/// actor and victim.
fn absorb(ctx: &Ctx, a: &mut Event, b: Event) {
    a.kind = crate::reconcile::events::finer(a.kind, b.kind);
    let width = |e: &Option<When>| {
        e.as_ref()
            .and_then(|w| w.interval.as_ref())
            .and_then(|i| Some((i.end? - i.start?).num_days()))
            .unwrap_or(i64::MAX)
    };
    // Of two dates as narrow, the earlier: an incident comes before the
    // claim, the toll update or the photo caption told a day later.
    let start =
        |e: &Option<When>| e.as_ref().and_then(|w| w.interval.as_ref()).and_then(|i| i.start);
    if width(&b.when) < width(&a.when)
        || (width(&b.when) == width(&a.when) && start(&b.when) < start(&a.when))
    {
        a.when = b.when;
    }
    // "in attacks in western Cameroon", then "On Sunday, in Northwest
    // province, a bomb ...": the finer place.
    a.place = match (a.place, b.place) {
        (Some(old), Some(new)) if old != new && finer_place(ctx, old, new) => Some(new),
        (old, new) => old.or(new),
    };
    for p in b.perpetrators {
        if !a.perpetrators.contains(&p) {
            a.perpetrators.push(p);
        }
    }
    for d in b.denied_by {
        if !a.denied_by.contains(&d) {
            a.denied_by.push(d);
        }
    }
    a.claimed |= b.claimed;
    if a.perpetrators.is_empty() {
        a.actor = a.actor.take().or(b.actor);
    } else {
        a.actor = None;
    }
    for (mine, theirs) in [
        (&mut a.killed, b.killed),
        (&mut a.wounded, b.wounded),
        (&mut a.killed_or_wounded, b.killed_or_wounded),
        (&mut a.perpetrators_killed, b.perpetrators_killed),
    ] {
        if let Some(t) = theirs {
            if mine.is_none_or(|m| t.low.unwrap_or(0.0) > m.low.unwrap_or(0.0)) {
                *mine = Some(t);
            }
        }
    }
    a.victims.extend(b.victims);
    a.spans.extend(b.spans);
    a.spans.sort_by_key(|s| s.start);
    a.spans.dedup();
}

/// Days before its publication date within which a news report's undated
/// lead event is taken to have happened ("At least seven soldiers have been
/// killed ...", published the same day).
pub const LEAD_EVENT_DAYS: i64 = 3;

/// A report that dates none of its recent events still dates its lead one: news
/// tells of what just happened, so the first event happened in the days up
/// to publication. The interval says no more than that ("publication date",
/// granularity vague); the other undated events stay undated, and
/// reconciliation joins them to this one as mentions in the same report.
/// Events dated long before publication ([`BACKGROUND_DAYS`]: "the last
/// bombing, in early May", "in 2004") are recalled, so they do not stop it;
/// an event dated near publication does.
fn anchor_on_publication(ctx: &Ctx, events: &mut [Event]) {
    let Some(published) = ctx.doc.published else { return };
    if events.iter().any(|e| {
        e.when.as_ref().is_some_and(|w| w.interval.is_some() && !long_before_publication(ctx, w))
    }) {
        return;
    }
    if let Some(lead) =
        events.first_mut().filter(|e| e.when.as_ref().is_none_or(|w| w.interval.is_none()))
    {
        lead.when = Some(When {
            interval: Some(TimeInterval {
                start: published.checked_sub_days(chrono::Days::new(LEAD_EVENT_DAYS as u64)),
                end: Some(published),
                granularity: Granularity::Vague,
                value: None,
            }),
            text: "publication date".to_string(),
        });
    }
}

/// Does `new` tell `old`'s toll again? The same deaths (killed or attackers
/// killed, as one exact figure), at a time that fits, by a kind that fits.
fn restates(old: &Event, new: &Event) -> bool {
    let exact =
        |q: &Option<Quantity>| q.filter(|q| q.low.is_some() && q.low == q.high).map(|q| q.low);
    let deaths = |e: &Event| exact(&e.killed).or(exact(&e.perpetrators_killed));
    let same_toll = deaths(new).is_some()
        && [exact(&old.killed), exact(&old.perpetrators_killed)].contains(&deaths(new));
    let time_fits = match (&old.when, &new.when) {
        (Some(_), Some(w)) => same_time(old.when.as_ref(), w),
        _ => true,
    };
    same_toll
        && time_fits
        && (old.kind.acled_type() == new.kind.acled_type()
            || matches!(new.kind, EventKind::Attack | EventKind::Shooting))
}

/// Every event trigger inside `[first, last)`: (start token, end token).
pub(crate) fn trigger_spans(ctx: &Ctx, first: usize, last: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = KIND_CATS
        .iter()
        .flat_map(|&(cat, _)| ctx.find_cues(cat, first, last))
        .map(|(a, b, _)| (a, b))
        .collect();
    out.sort();
    out
}

impl Actors {
    fn any(&self) -> bool {
        self.perpetrator.is_some() || !self.denied.is_empty()
    }
}

fn apply_actors(ev: &mut Event, actors: &Actors) {
    for &d in &actors.denied {
        if !ev.denied_by.contains(&d) {
            ev.denied_by.push(d);
        }
    }
    if let Some((p, claimed)) = actors.perpetrator {
        if actors.denied.contains(&p) {
            return;
        }
        if !ev.perpetrators.contains(&p) {
            ev.perpetrators.push(p);
        }
        ev.claimed |= claimed;
        // A named group replaces a description ("gunmen" of a group named later).
        ev.actor = None;
        return;
    }
    if ev.perpetrators.is_empty() && ev.actor.is_none() {
        ev.actor.clone_from(&actors.text);
    }
}

/// The event a report is about: the latest one dated within a month before
/// its publication (or undated), else the latest one.
fn current_event(ctx: &Ctx, events: &[Event]) -> Option<usize> {
    let dct = ctx.doc.published;
    events
        .iter()
        .rposition(|ev| {
            let end = ev.when.as_ref().and_then(|w| w.interval.as_ref()).and_then(|i| i.end);
            match (end, dct) {
                (Some(end), Some(dct)) => (dct - end).num_days() <= 31,
                _ => true,
            }
        })
        .or(events.len().checked_sub(1))
}

/// Deaths beyond which a figure without its day sums up a war or a period
/// rather than one attack (the deadliest single attacks killed a few
/// thousand).
pub const HUGE_TOLL: f64 = 5000.0;

/// Days apart within which two dates of one report may be one incident's
/// (a night attack told as the next morning's, the day before the
/// publication day): a description dated further before the event it would
/// continue is another one, and a mention dated at most this long before
/// publication may date the report's undated event.
const NEAR_DAYS: i64 = 2;

/// True when day `d` is the publication day or at most [`NEAR_DAYS`]
/// before it.
fn just_before_publication(ctx: &Ctx, d: chrono::NaiveDate) -> bool {
    ctx.doc.published.is_some_and(|p| d <= p && (p - d).num_days() <= NEAR_DAYS)
}

/// Days before publication beyond which a dated mention is no news of the
/// report's undated event ([`long_before_publication`]).
pub const BACKGROUND_DAYS: u64 = 30;

/// True when the time ends more than [`BACKGROUND_DAYS`] before the
/// report's publication: a past incident recalled, not the news.
fn long_before_publication(ctx: &Ctx, w: &When) -> bool {
    let (Some(published), Some(end)) = (ctx.doc.published, w.interval.as_ref().and_then(|i| i.end))
    else {
        return false;
    };
    published.checked_sub_days(chrono::Days::new(BACKGROUND_DAYS)).is_some_and(|d| end < d)
}

/// Do two times plausibly name the same day or period?
fn same_time(a: Option<&When>, b: &When) -> bool {
    let (Some(a), Some(b)) = (a.and_then(|w| w.interval.as_ref()), b.interval.as_ref()) else {
        return true;
    };
    let (Some(a0), Some(a1), Some(b0), Some(b1)) = (a.start, a.end, b.start, b.end) else {
        return true;
    };
    a0 <= b1 && b0 <= a1
}

/// The group a sentence names as perpetrator, and groups that deny.
fn actors(ctx: &Ctx, seg: Seg, trigger: Option<usize>) -> Actors {
    let (first, last) = (seg.first, seg.last);
    let mut out = Actors::default();
    let is_group = |m: &&NameMention| {
        ctx.kind_of(m) == EntityKind::Group || (m.via == Via::Description && ctx.topic.is_some())
    };
    // The subject: the last group named before the cue that is not the
    // object of a preposition.
    // "Al-Shabaab, the al-Qaeda affiliate in Somalia, claimed": a group
    // inside an appositive set off after another describes that one.
    let apposed = |m: &NameMention, a: usize| {
        let Some(open) = (first..m.toks.0).rev().find(|&k| ctx.tok(k) == ",") else {
            return false;
        };
        (m.toks.1..a).any(|k| ctx.tok(k) == ",")
            && ctx.names_in(first, open).any(|g| g.toks.1 == open && is_group(&g))
    };
    let subject_before = |a: usize| {
        ctx.names_in(first, a)
            .filter(is_group)
            .filter(|m| !ctx.is_object(m) && !apposed(m, a))
            .last()
            .map(|m| m.entity)
    };
    let deny = ctx.find_cues(cue!("deny_cue"), first, last);
    if let Some(&(a, _, _)) = deny.first() {
        if let Some(g) = subject_before(a) {
            out.denied.push(g);
        }
    }
    let claim = ctx.find_cues(cue!("claim_cue"), first, last).into_iter().find(|&(a, b, _)| {
        // "claimed" alone must be followed by what was claimed.
        !(ctx.tok_lower(a) == "claimed"
            && b == a + 1
            && b < last
            && !matches!(ctx.tok_lower(b), "responsibility" | "the" | "credit" | "it" | "by"))
    });
    if let Some((a, b, _)) = claim {
        // "was claimed by the Islamic State's Khorasan branch"
        if b < last && ctx.tok_lower(b) == "by" {
            if let Some(m) = ctx.names_in(b + 1, last.min(b + 9)).find(|m| is_group(m)) {
                out.perpetrator = Some((m.entity, true));
                return out;
            }
        }
        if let Some(g) = subject_before(a) {
            if !out.denied.contains(&g) {
                out.perpetrator = Some((g, true));
                return out;
            }
        }
    }
    if let Some(&(a, _, _)) = ctx.find_cues(cue!("carried_out_cue"), first, last).first() {
        if let Some(g) = subject_before(a) {
            // "X said in a statement that one of its fighters carried out the attack."
            let said = !ctx.find_cues(cue!("say_verb"), first, a).is_empty();
            out.perpetrator = Some((g, said));
            return out;
        }
    }
    if let Some(&(_, b, _)) = ctx.find_cues(cue!("blame_cue"), first, last).first() {
        if let Some(m) = ctx.names_in(b, last.min(b + 8)).find(|m| is_group(m)) {
            out.perpetrator = Some((m.entity, false));
            return out;
        }
    }
    // "Al-Shabaab fighters stormed ...", "an ISWAP attack": a group named
    // just before the trigger.
    if let Some(ta) = trigger {
        if let Some(m) = ctx
            .names_in(first, ta)
            .filter(|m| ctx.kind_of(m) == EntityKind::Group && m.via == Via::Name)
            .filter(|m| m.toks.1 + 3 >= ta && !ctx.is_object(m))
            .filter(|m| !harmed(ctx, first, m.toks.0))
            // "Amir Karimov (the Lion Front's leader) was killed": the
            // victim's group, not who killed him.
            .filter(|m| !(ctx.is_possessive(m) && after_passive_aux(ctx, first, ta)))
            .last()
        {
            if deny.is_empty() {
                out.perpetrator = Some((m.entity, false));
            }
        }
    }
    if out.perpetrator.is_none() {
        out.text = text_actor(ctx, seg, trigger);
        if let Some(t) = &out.text {
            let (s0, e0) = (ctx.tok_at(t.span.start), ctx.tok_end_at(t.span.end));
            // "Islamic State (IS) militants": an acronym in brackets between
            // the name and the description.
            let bracketed = |e: usize, s: usize| {
                e + 3 <= s
                    && s <= e + 4
                    && ctx.tok(e) == "("
                    && ctx.tok(s - 1) == ")"
                    && ctx.names_in(e + 1, s - 1).next().is_some()
            };
            // "Boko Haram insurgents have killed", "an attack by PKK
            // terrorists", "Abu Sayyaf Muslim extremists beheaded": a group's
            // name modifying the description is the group that did it.
            let named = ctx
                .names_in(s0.saturating_sub(8).max(first), s0 + 1)
                .filter(|m| ctx.kind_of(m) == EntityKind::Group && m.via == Via::Name)
                .filter(|m| m.toks.1 <= s0 && m.toks.1 + 2 >= s0 || bracketed(m.toks.1, s0))
                .filter(|m| {
                    bracketed(m.toks.1, s0)
                        || (m.toks.1..s0).all(|k| {
                            ctx.tok(k).chars().next().is_some_and(char::is_alphabetic)
                                && !is_preposition(ctx.tok_lower(k))
                                && !matches!(ctx.tok_lower(k), "and" | "or" | "the" | "a" | "an")
                                && syn_is_not_verb(ctx, k)
                        })
                })
                .last();
            // "Gunmen from al-Shabaab stormed ...", "militants of the TTP":
            // the description names its group.
            // ("rebels from the Ugandan-born Muslim armed group Allied
            // Democratic Forces": past a description of the group.)
            let of_group = || {
                let p = (s0..(e0 + 1).min(last))
                    .find(|&k| matches!(ctx.tok_lower(k), "from" | "of" | "with" | "belonging"))?;
                ctx.names_in(p + 1, (p + 4).min(last)).find(|m| is_group(m)).or_else(|| {
                    let head = (p + 2..(p + 8).min(last))
                        .take_while(|&k| {
                            !matches!(ctx.tok(k), "," | ";" | "(")
                                && ctx.is_verb_tag(k) != Some(true)
                                && !is_preposition(ctx.tok_lower(k))
                        })
                        .find(|&k| ctx.is_cue(cue!("desc_head"), k))?;
                    ctx.names_in(head + 1, (head + 2).min(last))
                        .find(|m| m.toks.0 == head + 1 && is_group(m))
                })
            };
            let undenied = |m: &&NameMention| !out.denied.contains(&m.entity);
            if let Some(m) = named.filter(undenied).or_else(|| of_group().filter(undenied)) {
                out.perpetrator = Some((m.entity, false));
                out.text = None;
            }
        }
    }
    out
}

/// Who did it when no group is named, as the text describes them: the agent
/// of a casualty verb or trigger ("shot dead by unidentified gunmen", "was
/// lynched by a mob"), the subject of one ("Police opened fire on the
/// marchers, killing two", "Masked men stormed the house"), or the noun
/// before a trigger ("a police raid", "a mob attack"). The nouns and their
/// classes are the `actor_*` lists of `data/cues/words.tsv`. A noun that
/// is a victim ("two soldiers were killed", "a policeman died"), a source
/// ("police said") or the object of a preposition ("opened fire on
/// protesters") is no actor.
fn text_actor(ctx: &Ctx, seg: Seg, trigger: Option<usize>) -> Option<Actor> {
    let (first, last) = (seg.first, seg.last);
    let cats = [
        (cue!("actor_armed"), ActorClass::ArmedGroup),
        (cue!("actor_police"), ActorClass::Police),
        (cue!("actor_military"), ActorClass::Military),
        (cue!("actor_rioters"), ActorClass::Rioters),
        (cue!("actor_protesters"), ActorClass::Protesters),
    ];
    let mut heads: Vec<(usize, usize, ActorClass)> = Vec::new();
    for (cat, class) in cats {
        for (a, b, _) in ctx.find_cues(cat, first, last) {
            // A word of a name is not a description ("the Arakan Army"),
            // nor an adjective before one ("the militant group").
            if ctx.names_in(first.max(a.saturating_sub(8)), b).any(|m| m.toks.1 > a)
                || (b < last && ctx.is_cue(cue!("desc_head"), b))
            {
                continue;
            }
            heads.push((a, b, class));
        }
    }
    if heads.is_empty() {
        return None;
    }
    // The longest phrase at each start ("suicide bomber" over "bomber"),
    // in text order.
    heads.sort_by_key(|&(a, b, _)| (a, std::cmp::Reverse(b)));
    heads.dedup_by_key(|h| h.0);
    let spans: Vec<(usize, usize)> = heads.iter().map(|&(a, b, _)| (a, b)).collect();
    heads.retain(|&(a, b, _)| !spans.iter().any(|&(x, y)| x <= a && b <= y && (x, y) != (a, b)));
    let harm = |k: usize| is_kill(ctx, k) || is_wound(ctx, k);
    // Every trigger of the segment ("kidnapped by ...", "opened fire"), not
    // only the event's own word.
    let triggers: Vec<usize> =
        trigger_spans(ctx, first, last).into_iter().map(|(a, _)| a).collect();
    // The agent: "by" within four words after a casualty verb or trigger.
    for &(a, b, class) in &heads {
        let Some(by) =
            (a.saturating_sub(6).max(first)..a).rev().find(|&k| ctx.tok_lower(k) == "by")
        else {
            continue;
        };
        let only_modifiers = modifiers_only(ctx, by + 1, a);
        let after_action = (by.saturating_sub(4).max(first)..by).any(|k| {
            harm(k) || trigger == Some(k) || triggers.contains(&k) || ctx.tok_lower(k) == "attacked"
        });
        if only_modifiers && after_action {
            return Some(describe(ctx, a, b, class));
        }
    }
    // The noun before a trigger: "a police raid", "a mob attack" ("a
    // terrorist attack" only characterizes it; "gunmen shot" is a subject,
    // as a plural noun seldom modifies another).
    if let Some(t) = trigger {
        if let Some(&(a, b, class)) = heads.iter().find(|&&(a, b, class)| {
            ((b == t && !plural_noun(ctx, b - 1)) || (a <= t && t < b))
                && class != ActorClass::ArmedGroup
        }) {
            return Some(describe(ctx, a, b, class));
        }
    }
    // The subject of an action: the nearest noun before an active casualty
    // verb or trigger, in its clause, not after a preposition.
    let passive = |k: usize| after_passive_aux(ctx, first, k);
    let nominal = |k: usize| k > first && matches!(ctx.tok_lower(k - 1), "the" | "of" | "a" | "an");
    // The parse, asked for only when a test below needs it.
    let si = ctx.view.sentence_of(first);
    let syn = || ctx.syn(si);
    // A casualty word that is a noun ("died of his wounds") has no subject.
    let verb_or_trigger = |k: usize| trigger == Some(k) || ctx.is_verb_tag(k).unwrap_or(true);
    // Any trigger of the segment that is a verb ("unidentified gunmen
    // opened fire on their vehicle", when the event's word is "a shootout"),
    // and not a passive participle ("a soldier kidnapped by militants").
    let action = (first..last).find(|&k| {
        (harm(k) || trigger == Some(k) || triggers.contains(&k))
            && !(k + 1 < last && ctx.tok_lower(k + 1) == "by")
            && !passive(k)
            && !nominal(k)
            && !ctx.is_cue(cue!("die_verb"), k)
            && !(intransitive_death(ctx.tok_lower(k))
                && !(k > first && ctx.tok_lower(k - 1) == "shot"))
            && verb_or_trigger(k)
    })?;
    // The nearest noun before the action that passes, else the next one back
    // ("Police fired at the marchers, killing three": not "marchers").
    heads
        .iter()
        .rev()
        .filter(|&&(_, b, _)| b <= action)
        .find(|&&(a, b, _)| subject_of(ctx, &syn, (first, a, b), action, trigger))
        .map(|&(a, b, class)| describe(ctx, a, b, class))
}

/// Is the actor noun `a..b` (in a sentence segment from `first`) the subject
/// of the `action` word?
fn subject_of<'a>(
    ctx: &'a Ctx,
    syn: &dyn Fn() -> Option<&'a crate::syntax::SentSyntax>,
    (first, a, b): (usize, usize, usize),
    action: usize,
    trigger: Option<usize>,
) -> bool {
    // "Police fired tear gas and live rounds at the marchers, killing three":
    // the subject of a verb (not one of saying) whose clause holds the
    // killing, however far (the parse is asked for only when this matters).
    let governs = || {
        syn().is_some_and(|syn| {
            syn.rel(b - 1) == "nsubj"
                && syn.head(b - 1).is_some_and(|v| {
                    // The action or one of its six nearest ancestors.
                    !ctx.is_cue(cue!("say_verb"), v)
                        && std::iter::successors(Some(action), |&x| syn.head(x))
                            .take(7)
                            .any(|x| x == v)
                })
        })
    };
    // Too far, or an adjective of the trigger noun ("a terrorist attack",
    // not "gunmen shot").
    if (b == action && trigger == Some(action) && !plural_noun(ctx, b - 1))
        || (action - b > 8 && !governs())
    {
        return false;
    }
    // Between the noun and the action: no verb of saying, no clause break.
    let clean = (b..action).all(|k| {
        !ctx.is_cue(cue!("say_verb"), k)
            && (ctx.tok_lower(k) == "and" || !ctx.is_cue(cue!("clause_boundary"), k) || governs())
            && !matches!(ctx.tok(k), ";" | ":" | "(" | ")")
    }) && ctx.find_cues(cue!("say_verb"), b, action).is_empty();
    if !clean {
        return false;
    }
    // Not the object of a preposition ("opened fire on protesters").
    let mut k = a;
    while k > first && modifier_or_determiner(ctx, k - 1) {
        k -= 1;
    }
    let before = if k > first { ctx.tok_lower(k - 1) } else { "" };
    if ctx.lex.is("object_prep", before) || is_preposition(before) {
        return false;
    }
    // A noun right before an active verb is its subject, whatever the
    // parse says ("in Dagestan after unidentified gunmen opened fire").
    if action == b {
        return true;
    }
    // The parse, when there is one, must not make the noun an object.
    let rel = syn().map_or("", |syn| syn.rel(b - 1));
    !(rel.starts_with("obj")
        || rel == "nsubj:pass"
        || rel.starts_with("obl")
        || rel.starts_with("nmod"))
}

/// Casualty words whose subject is the victim ("a militant lost his life",
/// "the death toll rose"; "shot dead" is the exception its caller makes).
fn intransitive_death(w: &str) -> bool {
    matches!(
        w,
        "died"
            | "dead"
            | "death"
            | "deaths"
            | "toll"
            | "fatalities"
            | "life"
            | "lives"
            | "perished"
            | "succumbed"
            | "martyred"
            | "injuries"
            | "sustained"
            | "suffered"
            | "received"
    )
}

/// Is the phrase starting at token `k` the object of a casualty verb
/// ("Troops killed four Lion Front insurgents in a raid": the group's men
/// are the raid's dead, not its perpetrators)?
fn harmed(ctx: &Ctx, first: usize, k: usize) -> bool {
    let mut j = k;
    while j > first
        && (modifier_or_determiner(ctx, j - 1)
            || matches!(ctx.tok_lower(j - 1), "more" | "other" | "at" | "least" | "some"))
    {
        j -= 1;
    }
    j > first && (is_kill(ctx, j - 1) || is_wound(ctx, j - 1))
}

/// Is token `k` no verb, by the parse of its sentence (true without one)?
fn syn_is_not_verb(ctx: &Ctx, k: usize) -> bool {
    !ctx.is_verb_tag(k).unwrap_or(false)
}

/// "gunmen", "militants", "troops" (not "police", "mob", "press").
/// Is token `k` a plural noun by its ending ("fighters", "gunmen"; not
/// "boss")?
pub(crate) fn plural_noun(ctx: &Ctx, k: usize) -> bool {
    let w = ctx.tok_lower(k);
    (w.ends_with('s') && !w.ends_with("ss")) || w.ends_with("men")
}

fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "on"
            | "at"
            | "against"
            | "with"
            | "to"
            | "by"
            | "from"
            | "for"
            | "in"
            | "among"
            | "between"
            | "toward"
            | "towards"
            | "including"
            | "into"
            | "upon"
            | "like"
    )
}

/// A determiner, a count or a modifier of an actor noun ("the", "two",
/// "unidentified").
fn modifier_or_determiner(ctx: &Ctx, k: usize) -> bool {
    let w = ctx.tok_lower(k);
    matches!(
        w,
        "the" | "a" | "an" | "two" | "three" | "four" | "five" | "six" | "dozens" | "hundreds"
    ) || ctx.cue_ends_at(cue!("actor_modifier"), k)
        || w.bytes().all(|c| c.is_ascii_digit())
}

/// Are the tokens `[from, to)` only determiners and modifiers of an actor
/// noun, several-word ones too ("yet to be identified"), or a group's name
/// ("by PKK terrorists")?
fn modifiers_only(ctx: &Ctx, from: usize, to: usize) -> bool {
    let phrases = ctx.find_cues(cue!("actor_modifier"), from, to);
    let named = |k: usize| {
        ctx.names_in(from, k + 1)
            .any(|m| m.toks.0 <= k && k < m.toks.1 && ctx.kind_of(m) == EntityKind::Group)
    };
    // ("Islamic State (IS) militants": the brackets of an acronym.)
    let bracket = |k: usize| matches!(ctx.tok(k), "(" | ")") && k > from && named(k - 1);
    let in_bracket = |k: usize| {
        k > from && k + 1 < to && ctx.tok(k - 1) == "(" && ctx.tok(k + 1) == ")" && {
            ctx.names_in(k, k + 1).next().is_some()
        }
    };
    (from..to).all(|k| {
        modifier_or_determiner(ctx, k)
            || phrases.iter().any(|&(a, b, _)| a <= k && k < b)
            || named(k)
            || in_bracket(k)
            || (ctx.tok(k) == "(" && bracket(k))
            || (ctx.tok(k) == ")" && k >= from + 3 && in_bracket(k - 1))
    })
}

/// The actor's description: the noun with the modifiers before it.
fn describe(ctx: &Ctx, a: usize, b: usize, class: ActorClass) -> Actor {
    let mut s = a;
    // Modifiers of several words too ("yet to be identified gunmen").
    let phrases = ctx.find_cues(cue!("actor_modifier"), a.saturating_sub(8), a);
    while let Some(&(p, _, _)) = phrases.iter().filter(|&&(_, e, _)| e == s).min_by_key(|x| x.0) {
        s = p;
    }
    // "supporters of two rival candidates": the words after the noun that
    // the parse attaches to it, up to a comma or a relative clause.
    let mut e = b;
    let si = ctx.view.sentence_of(a);
    let of = b < ctx.view.tokens.len() && ctx.tok_lower(b) == "of";
    // (The parse is asked for only after "of".)
    let parsed = || Some((ctx.syn(si)?, ctx.view.sent_toks.get(si)?.1));
    if let Some((syn, last)) = of.then(parsed).flatten() {
        // The noun among the token's eight nearest ancestors, climbing
        // only within the rest of the sentence.
        let under_head = |k: usize| {
            std::iter::successors(syn.head(k), |&h| syn.head(h))
                .take(8)
                .take_while(|&h| h >= b - 1 && h < last)
                .any(|h| h == b - 1)
        };
        while e < last
            && e < b + 6
            && ctx.tok(e).chars().any(char::is_alphanumeric)
            && !matches!(ctx.tok_lower(e), "who" | "which" | "that" | "whom")
            && !syn.is_verb(e)
            && under_head(e)
        {
            e += 1;
        }
        // Not a dangling preposition or article.
        while e > b
            && matches!(ctx.tok_lower(e - 1), "of" | "the" | "a" | "an" | "on" | "in" | "with")
        {
            e -= 1;
        }
    }
    let span = Span::new(ctx.view.tokens[s].span.start(), ctx.view.tokens[e - 1].span.end());
    Actor { text: ctx.text()[span.start as usize..span.end as usize].to_string(), class, span }
}

fn place_in(ctx: &Ctx, seg: Seg) -> Option<usize> {
    let (first, last) = (seg.first, seg.last);
    let mut best: Option<(u8, usize)> = None;
    let at = ctx.view.sent_toks.partition_point(|&(a, _)| a <= first);
    let sentence_start = at.checked_sub(1).map_or(0, |i| ctx.view.sent_toks[i].0);
    let dateline = dateline_end_mid(ctx, sentence_start);
    for m in ctx.names_in(first, last) {
        if ctx.kind_of(m) != EntityKind::Place {
            continue;
        }
        // "KABUL, Afghanistan —": where the report was filed.
        if m.toks.0 < dateline {
            continue;
        }
        // "Sahel-based Islamists": a place made an adjective is no location.
        if ctx.is_adjective(m) {
            continue;
        }
        // "In Kabul, a ministry spokesman confirmed that X was killed in
        // the strike": a fronted place of the speaker, told before any
        // casualty or attack word, is where it was said.
        if m.toks.0 == sentence_start + 1
            && ctx.tok_lower(sentence_start) == "in"
            && m.toks.1 < last
            && ctx.tok(m.toks.1) == ","
        {
            let said = (m.toks.1 + 1..(m.toks.1 + 12).min(last))
                .take_while(|&k| !is_kill(ctx, k) && !is_wound(ctx, k))
                .any(|k| ctx.is_cue(cue!("say_verb"), k));
            let said = said
                && trigger_spans(ctx, m.toks.1, last)
                    .first()
                    .is_none_or(|&(a, _)| (m.toks.1..a).any(|k| ctx.is_cue(cue!("say_verb"), k)));
            if said {
                continue;
            }
        }
        // "10am Sanaa time", "9 p.m. EST": a time zone, not a place.
        let span = Span::new(
            ctx.view.tokens[m.toks.0].span.start(),
            ctx.view.tokens[m.toks.1 - 1].span.end(),
        );
        if (m.toks.1 < last && ctx.tok_lower(m.toks.1) == "time")
            || ctx
                .times_near(span.start.saturating_sub(40), span.end)
                .iter()
                .any(|t| t.span.contains(span))
        {
            continue;
        }
        // "a U.S. drone strike", "Pakistani troops": a country used as an
        // adjective is not where it happened.
        // ("a United States (US) military raid")
        let mut after = m.toks.1;
        if after + 2 < last && ctx.tok(after) == "(" && ctx.tok(after + 2) == ")" {
            after += 3;
        } else if after + 1 < last && ctx.tok(after) == ")" {
            after += 1;
        }
        let adjective = after < last && {
            let next = ctx.tok(after);
            next.chars().next().is_some_and(char::is_lowercase)
                && !ctx.lex.is("object_prep", ctx.tok_lower(after))
                && !ctx.lex.is("locative", ctx.tok_lower(after))
                && !matches!(next, "and" | "or" | "on" | "at" | "to" | "from" | "after" | "before")
        };
        if adjective && m.entry.is_some_and(|e| e.class == EntryClass::Country) {
            continue;
        }
        // "Lady Reading Hospital (LRH) spokesperson Mohammad Asim said":
        // the speaker's affiliation, not where it happened.
        let mut n = m.toks.1;
        if n + 2 < last && ctx.tok(n) == "(" && ctx.tok(n + 2) == ")" {
            n += 3;
        } else if n < last && ctx.tok(n) == ")" {
            n += 1;
        }
        if n < last && ctx.is_cue(cue!("affiliation_noun"), n) {
            continue;
        }
        // "succumbed to his injuries at Dhaka Medical College Hospital":
        // where the hurt were treated or died.
        let medical = ctx
            .lex
            .facility_cues
            .get(ctx.tok_lower(m.toks.1 - 1))
            .is_some_and(|ty| ty == "medical");
        if medical
            && (m.toks.0.saturating_sub(8).max(first)..m.toks.0)
                .any(|k| ctx.is_cue(cue!("medical_stay"), k))
        {
            continue;
        }
        // "close to the border with Afghanistan", "a convoy bound for
        // Srinagar": a neighbour or a destination, not where it happened.
        let from = m.toks.0.saturating_sub(4).max(first);
        let k0 = if m.toks.0 > first && ctx.tok_lower(m.toks.0 - 1) == "the" {
            m.toks.0 - 1
        } else {
            m.toks.0
        };
        // ("airlifted to the capital Nairobi": a few lower-case words between.)
        let from6 = m.toks.0.saturating_sub(7).max(first);
        let before_name = |b: usize| {
            b == k0
                || (b < m.toks.0
                    && m.toks.0 - b <= 3
                    && (b..m.toks.0).all(|k| ctx.tok(k).starts_with(char::is_lowercase)))
        };
        if ctx
            .find_cues(cue!("not_location_cue"), from.min(from6), k0)
            .iter()
            .any(|&(_, b, _)| before_name(b))
        {
            continue;
        }
        // "Washington declared the group a terrorist organisation", "Moscow
        // said": a capital that speaks or decides is its government, not a
        // location (unless a preposition makes it one: "police in Kabul said").
        let speaks = m.toks.1 < last && {
            let next = ctx.tok_lower(m.toks.1);
            ctx.lex.is("say_verb", next)
                || ctx.lex.is("designate_verb", next)
                || ctx.lex.is("metonym_verb", next)
        };
        let after_prep = m.toks.0 > first && {
            let prev = ctx.tok_lower(m.toks.0 - 1);
            ctx.lex.is("locative", prev)
                || ctx.lex.is("object_prep", prev)
                || matches!(prev, "of" | "from" | "to")
        };
        if speaks && !after_prep {
            continue;
        }
        // "Tehran's influence", "Washington's backing": a place's government.
        let mut after_name = m.toks.1;
        if after_name < last && matches!(ctx.tok(after_name), "'s" | "’s") {
            after_name += 1;
        }
        if ctx.is_possessive(m) && after_name < last && ctx.is_cue(cue!("metonym_noun"), after_name)
        {
            continue;
        }
        // "two diplomats, one from Canada", "tourists from Germany",
        // "rockets fired from Gaza": where people or shots came from, not
        // where it happened.
        if m.toks.0 > first
            && ctx.tok_lower(m.toks.0 - 1) == "from"
            && m.entry.is_some_and(|e| e.class == EntryClass::Country)
        {
            continue;
        }
        // "according to the report of the Sulu Provincial Police Office to
        // the Regional Police Office": the source of a figure, not where it
        // happened.
        if (m.toks.0.saturating_sub(24).max(first)..m.toks.0)
            .rev()
            .take_while(|&k| ctx.tok(k) != ",")
            .any(|k| {
                ctx.tok_lower(k) == "according" && k + 1 < last && ctx.tok_lower(k + 1) == "to"
            })
        {
            continue;
        }
        // "the island city dubbed the 'New York of India'": a place named
        // to compare, not where it happened.
        if nickname(ctx, first, m.toks) {
            continue;
        }
        // "the deadliest attack in the city since the 2004 Beslan siege": a
        // place in the yardstick is the recalled incident's.
        if yardstick_since(ctx, first, m.toks.0) {
            continue;
        }
        let rank = match m.entry.map(|e| e.class) {
            // A facility or unknown place named in full, or as coarse as
            // the administrative noun after it says.
            None => unknown_place_rank(ctx, m, last),
            Some(EntryClass::City) => 1,
            Some(EntryClass::Subdivision) => 2,
            // A region the text calls a district ("North Waziristan, a
            // district in Khyber Pakhtunkhwa") is one.
            _ => apposed_admin(ctx, m, last).map_or(3, |k| admin_rank(ctx, k).max(1)),
        };
        if best.is_none_or(|(r, _)| rank < r) {
            best = Some((rank, m.entity));
        }
    }
    best.map(|(_, e)| e)
}

/// The rank among a segment's places of an unknown place: as coarse as
/// the administrative noun after it says ("Soum province" a province,
/// "Swat district" a district, ranked as a town, which is finer when named
/// first), else the finest.
fn unknown_place_rank(ctx: &Ctx, m: &NameMention, last: usize) -> u8 {
    let k = apposed_admin(ctx, m, last).unwrap_or(m.toks.1);
    if k >= last || !ctx.tok(k).starts_with(char::is_lowercase) {
        return 0;
    }
    admin_rank(ctx, k)
}

/// The rank an administrative noun at token `k` gives a place: 2 for a
/// province's, 1 for a district's, else 0.
fn admin_rank(ctx: &Ctx, k: usize) -> u8 {
    let next = ctx.tok_lower(k);
    if ctx.lex.is("admin_province", next) {
        2
    } else {
        u8::from(ctx.lex.is("admin_district", next))
    }
}

/// The administrative noun of an appositive right after a place: "North
/// Waziristan, a district in Khyber Pakhtunkhwa", "Mir Ali, a restive
/// town"; what it says the place is.
fn apposed_admin(ctx: &Ctx, m: &NameMention, last: usize) -> Option<usize> {
    let k = m.toks.1;
    if k + 2 >= last || ctx.tok(k) != "," || !matches!(ctx.tok_lower(k + 1), "a" | "an" | "the") {
        return None;
    }
    (k + 2..(k + 5).min(last))
        .take_while(|&i| ctx.tok(i).starts_with(|c: char| c.is_ascii_lowercase()))
        .find(|&i| ctx.is_cue(cue!("admin_head"), i))
}

/// Is the name at tokens `toks` a comparison ("dubbed the 'New York of
/// India'", "known as the Venice of the East"): after a naming word
/// (`nickname_cue`) with at most "the" and a quote mark between, or "the"
/// and the name followed by "of" and a capitalized word?
fn nickname(ctx: &Ctx, first: usize, toks: (usize, usize)) -> bool {
    let quote = |k: usize| matches!(ctx.tok(k), "\"" | "“" | "'" | "‘");
    let mut k = toks.0;
    while k > first && (quote(k - 1) || ctx.tok_lower(k - 1) == "the") {
        k -= 1;
    }
    if k > first && k < toks.0 && ctx.ends_cue(cue!("nickname_cue"), k) {
        return true;
    }
    toks.0 > first
        && ctx.tok_lower(toks.0 - 1) == "the"
        && toks.1 + 1 < ctx.view.tokens.len()
        && ctx.tok_lower(toks.1) == "of"
        && ctx.tok(toks.1 + 1).starts_with(char::is_uppercase)
}

/// The token after a dateline ("KABUL, Afghanistan —", "MANILA:", "DHAKA,
/// Bangladesh (AP) —") at the start of the text, else 0: capitalized words,
/// commas and a parenthesized agency, then a dash or a colon.
fn dateline_end(ctx: &Ctx) -> usize {
    dateline_end_at(ctx, 0)
}

/// The same for the dateline of the sentence starting at token `start`: the
/// text's own at 0, else one that opens a later sentence, as when a page's
/// clutter comes before the article ("... told Reuters. OUAGADOUGOU -
/// Suspected jihadists killed 16 ..."): there its first word must be in
/// capitals, so that "Kabul, the capital, ..." is no dateline.
fn dateline_end_mid(ctx: &Ctx, start: usize) -> usize {
    if start == 0 {
        return dateline_end(ctx);
    }
    let w = ctx.tok(start);
    let caps = w.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    if caps {
        return dateline_end_at(ctx, start);
    }
    // "Islamabad, Jan 31, (dpa) –": in mixed case, only with its date, or
    // when it is only places ("New Delhi/Srinagar:").
    let end = dateline_end_at(ctx, start);
    let places_only = end > start + 1
        && (start..end - 1).all(|k| {
            matches!(ctx.tok(k), "/" | ",")
                || ctx.name_at(start, k).is_some_and(|m| ctx.kind_of(m) == EntityKind::Place)
        });
    if places_only || (start..end).any(|k| ctx.tok(k).starts_with(|c: char| c.is_ascii_digit())) {
        end
    } else {
        start
    }
}

fn dateline_end_at(ctx: &Ctx, start: usize) -> usize {
    let n = ctx.view.tokens.len().min(start + 14);
    let mut paren = false;
    for k in start..n {
        let t = ctx.tok(k);
        match t {
            "—" | "–" | "--" | "-" | ":" if k > start => return k + 1,
            // "Damascus, Jan. 31, (dpa/GNA) –": an abbreviated month's dot.
            "," | "/" | "." => {}
            // "MOSCOW, March 23 —": the filing date.
            _ if k > start && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()) => {}
            "(" => paren = true,
            ")" => paren = false,
            _ if paren => {}
            _ if t.chars().next().is_some_and(char::is_uppercase) => {}
            _ => return start,
        }
    }
    start
}

/// "officials said Monday", "police said on Monday", "the group on Monday
/// claimed responsibility", "claimed responsibility on Monday for the
/// bombing", "the Taliban on Friday denied any involvement": the day of
/// the report, of the claim or of the denial, not of the event.
fn reporting_day(ctx: &Ctx, t: &crate::TimeMention) -> bool {
    let mut k = ctx.tok_at(t.span.start);
    // "MOSCOW, March 23 — ...": the date of a dateline is the filing's.
    let s_first = ctx.view.sent_toks.get(ctx.view.sentence_of(k)).map_or(0, |s| s.0);
    if k < dateline_end_mid(ctx, s_first) {
        return true;
    }
    // "claimed responsibility early on Friday"
    while k > 0 && matches!(ctx.tok_lower(k - 1), "on" | "early" | "late" | "later") {
        k -= 1;
    }
    let after = ctx.tok_end_at(t.span.end);
    let claim_verb = |i: usize| {
        i < ctx.view.tokens.len()
            && matches!(ctx.tok_lower(i), "claimed" | "claims" | "claim" | "admitted")
    };
    let said = |i: usize| {
        i < ctx.view.tokens.len()
            && (ctx.is_cue(cue!("say_verb"), i) || ctx.is_cue(cue!("deny_cue"), i))
    };
    (k > 0 && (said(k - 1) || ctx.tok_lower(k - 1) == "responsibility"))
        || claim_verb(after)
        || said(after)
        || said_in_setting(ctx, k)
        || toll_rose_before(ctx, k)
        || (k == s_first && fronted_report(ctx, after))
}

/// "On Monday, officials raised the death toll in the Easter Sunday
/// attacks", "On Tuesday, police said …": a time that opens its sentence,
/// then a comma and a short subject whose verb says or revises a toll. The
/// time is the report's; the event's is another.
fn fronted_report(ctx: &Ctx, after: usize) -> bool {
    let n = ctx.view.tokens.len();
    if after + 2 >= n || ctx.tok(after) != "," {
        return false;
    }
    let end = ctx.view.sent_toks[ctx.view.sentence_of(after)].1.min(after + 7);
    (after + 2..end)
        .take_while(|&i| ctx.tok(i - 1) != ",")
        .any(|i| ctx.is_cue(cue!("say_verb"), i) || ctx.is_cue(cue!("toll_rise"), i))
}

/// "the toll rose to 100 on Tuesday": the day a toll was revised, right
/// after its new figure.
fn toll_rose_before(ctx: &Ctx, k: usize) -> bool {
    if k < 3 || !ctx.tok(k - 1).starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let mut j = k - 1;
    while j > 0 && ctx.tok_lower(j - 1) != "to" && HEDGE_WORDS.contains(&ctx.tok_lower(j - 1)) {
        j -= 1;
    }
    j >= 2
        && ctx.tok_lower(j - 1) == "to"
        && (j.saturating_sub(4)..j - 1).any(|i| ctx.is_cue(cue!("toll_rise"), i))
}

/// "said in a statement on Sunday", "told reporters on Monday", "told AFP
/// on Friday": a saying verb, then only words of where or to whom it was
/// said, right before token `k`.
fn said_in_setting(ctx: &Ctx, k: usize) -> bool {
    // A noun of the setting ("statement", "reporters", "AFP" after "told"),
    // not only small words: "said of Saturday's attack" dates the attack.
    let noun = |i: usize| {
        ctx.is_cue(cue!("say_setting"), i)
            || ctx.is_cue(cue!("noun_say"), i)
            || (i > 0
                && ctx.tok_lower(i - 1) == "told"
                && ctx.tok(i).starts_with(char::is_uppercase))
    };
    let (mut i, mut nouns) = (k, 0);
    while i > 0 && k - i < 6 && (noun(i - 1) || ctx.is_cue(cue!("noun_determiner"), i - 1)) {
        nouns += usize::from(noun(i - 1));
        i -= 1;
    }
    nouns > 0 && i > 0 && ctx.is_cue(cue!("say_verb"), i - 1)
}

/// "the Monday afternoon blast", "the January 3 bombings": "the" and a
/// time before the trigger at `ta`.
fn dated_definite(ctx: &Ctx, first: usize, ta: usize) -> bool {
    let Some(j) = (ta.saturating_sub(4).max(first)..ta.saturating_sub(1))
        .rev()
        .find(|&j| matches!(ctx.tok_lower(j), "the" | "this"))
    else {
        return false;
    };
    let times = ctx.times_at_toks(j + 1, ta);
    (j + 1..ta).all(|k| {
        let b = ctx.view.tokens[k].span;
        times.iter().any(|t| t.span.contains(b))
    })
}

/// Does a passive auxiliary ("was", "were", "been", "is", ...) stand right
/// before token `k`, inside the segment from `first`?
fn after_passive_aux(ctx: &Ctx, first: usize, k: usize) -> bool {
    k > first
        && matches!(ctx.tok_lower(k - 1), "was" | "were" | "been" | "being" | "is" | "are" | "be")
}

/// Is token `k` in the noun phrase after the "since" of a superlative ("the
/// worst attack in the city since the 2004 Beslan siege", "the first such
/// attack since a bombing in Kabul")? Searched from token `first`.
fn yardstick_since(ctx: &Ctx, first: usize, k: usize) -> bool {
    // "since the bombing of a Pan Am flight over Lockerbie": the recalled
    // incident's words run up to a dozen tokens.
    let from = k.saturating_sub(12).max(first);
    let Some(s) = (from..k).rev().find(|&j| ctx.tok_lower(j) == "since") else { return false };
    let superlative = (first..s).any(|j| {
        let w = ctx.tok_lower(j);
        matches!(w, "worst" | "first" | "largest" | "biggest" | "most")
            || (w.len() > 5 && w.ends_with("iest"))
    });
    // A comma only between a place and its country ("over Lockerbie,
    // Scotland").
    let comma_ok = |j: usize| j + 1 == k && ctx.tok(j - 1).starts_with(char::is_uppercase);
    superlative && (s + 1..k).all(|j| !is_kill(ctx, j) && (ctx.tok(j) != "," || comma_ok(j)))
}

/// "the deadliest day since 2011", "the worst attack since the 2004
/// Beslan siege", "until 2019": a time that bounds a period, not the
/// event's own.
fn period_bound(ctx: &Ctx, t: &crate::TimeMention) -> bool {
    let mut k = ctx.tok_at(t.span.start);
    if k > 0 && matches!(ctx.tok_lower(k - 1), "the" | "a" | "an") {
        k -= 1;
    }
    // "since July, when an IS bomb killed 32": the clause dates its event.
    let e = ctx.tok_end_at(t.span.end);
    let when_follows =
        e + 1 < ctx.view.tokens.len() && ctx.tok(e) == "," && ctx.tok_lower(e + 1) == "when";
    // "since a 2017 bombing killed hundreds": the recalled incident is told
    // with its toll, and the time is its own.
    let sentence_end = ctx.view.sent_toks[ctx.view.sentence_of(k)].1;
    let told = (e..(e + 4).min(sentence_end)).any(|j| is_kill(ctx, j) || is_wound(ctx, j));
    k > 0 && matches!(ctx.tok_lower(k - 1), "since" | "until" | "till") && !when_follows && !told
}

/// "Thousands marched on Sunday to condemn the car bombing", "talks
/// hosted currently by Cuba": the day of an answer to the event (a verb
/// of `reaction_verb` the time modifies, by the sentence's parse), or a
/// word of the present (`present_adverb`), is not the event's time. A
/// time that modifies a noun ("condemned Friday's attack") still dates it.
fn reaction_day(ctx: &Ctx, t: &crate::TimeMention) -> bool {
    let (a, b) = (ctx.tok_at(t.span.start), ctx.tok_end_at(t.span.end));
    if b == a + 1 && ctx.is_cue(cue!("present_adverb"), a) {
        return true;
    }
    // Parse only where such a verb stands shortly before the time.
    let si = ctx.view.sentence_of(a);
    let (first, _) = ctx.view.sent_toks[si];
    if !(a.saturating_sub(8).max(first)..a).any(|k| ctx.is_cue(cue!("reaction_verb"), k)) {
        return false;
    }
    let Some(syn) = ctx.syn(si) else { return false };
    // The time's own head word: the one whose head is outside it.
    let Some(k) = (a..b).find(|&k| syn.head(k).is_none_or(|h| h < a || h >= b)) else {
        return false;
    };
    let rel = syn.rel(k);
    let adverbial = rel.starts_with("obl") || rel == "nmod:tmod" || rel == "advmod";
    adverbial && syn.head(k).is_some_and(|v| syn.is_verb(v) && ctx.is_cue(cue!("reaction_verb"), v))
}

/// The time of a segment's event: its narrowest time that is not a
/// reporting day. With only a reporting day ("The Taliban on Friday denied
/// any role in the bombing"), the event happened on or in the
/// [`LEAD_EVENT_DAYS`] before that day: a vague interval, which a later
/// sentence naming the day replaces ([`fill_when`]).
fn time_in(ctx: &Ctx, seg: Seg, trigger: Option<usize>) -> Option<When> {
    let s = seg.span;
    let times = ctx.times_near(s.start, s.end);
    let own = times.iter().filter(|t| s.contains(t.span));
    own_time_in(ctx, own.clone(), trigger).or_else(|| {
        let t = own.filter(|t| reporting_day(ctx, t)).find(|t| {
            t.interval
                .as_ref()
                .is_some_and(|i| i.granularity == Granularity::Day && i.end.is_some())
        })?;
        let end = t.interval.as_ref()?.end?;
        Some(When {
            interval: Some(TimeInterval {
                start: end.checked_sub_days(chrono::Days::new(LEAD_EVENT_DAYS as u64)),
                end: Some(end),
                granularity: Granularity::Vague,
                value: None,
            }),
            text: t.span.slice(ctx.text()).to_string(),
        })
    })
}

/// Gives `ev` the time `when` when it has none, or only a vague one and
/// `when` is not: "No-one has claimed Thursday night's attack" dates the
/// event a denial on Friday left vague.
fn fill_when(ev: &mut Event, when: Option<When>) {
    let take = match (&ev.when, &when) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(_), Some(new)) => no_day(ev.when.as_ref()) && !no_day(Some(new)),
    };
    if take {
        ev.when = when;
    }
}

/// True when a time names no day or period of its own: none, no interval,
/// or only a vague window (the days up to publication or to a reporting
/// day).
fn no_day(when: Option<&When>) -> bool {
    when.and_then(|w| w.interval.as_ref()).is_none_or(|i| i.granularity == Granularity::Vague)
}

/// The most precise time of `times`; of equally precise ones, one told
/// within ten words after the trigger at token `trigger` ("X in November
/// 2013, and Y, who was killed in a drone strike in June 2018"), else the
/// first ("on Tuesday staged strikes, protesting Sunday's police attack").
fn own_time_in<'a>(
    ctx: &Ctx,
    times: impl Iterator<Item = &'a crate::TimeMention>,
    trigger: Option<usize>,
) -> Option<When> {
    times
        .filter(|t| !reporting_day(ctx, t) && !period_bound(ctx, t) && !reaction_day(ctx, t))
        .filter(|t| t.interval.as_ref().is_none_or(|i| i.start.is_some() && i.end.is_some()))
        .min_by_key(|t| {
            let days = t
                .interval
                .as_ref()
                .map(|i| (i.end.unwrap_or_default() - i.start.unwrap_or_default()).num_days())
                .unwrap_or(i64::MAX);
            let tk = ctx.tok_at(t.span.start);
            let after = trigger.is_some_and(|k| tk > k && tk <= k + 10);
            (days, !after)
        })
        .map(|t| When { interval: t.interval.clone(), text: t.span.slice(ctx.text()).to_string() })
}

/// A counted group of people: a quantity mention, or "a security officer"
/// after a casualty verb.
struct Count {
    /// First token and one past the last token, unit included.
    toks: (usize, usize),
    quantity: Quantity,
    description: String,
    perpetrators: bool,
    /// Set when the count was found as the subject of its casualty verb.
    outcome: Option<Outcome>,
}

#[derive(Clone, Copy, PartialEq)]
enum Outcome {
    Killed,
    Wounded,
    KilledOrWounded,
}

fn outcome(kill: bool, wound: bool) -> Option<Outcome> {
    match (kill, wound) {
        (true, true) => Some(Outcome::KilledOrWounded),
        (true, false) => Some(Outcome::Killed),
        (false, true) => Some(Outcome::Wounded),
        _ => None,
    }
}

/// Does a casualty phrase of `category` end at token `k`? "killed", and the
/// last word of "hacked to death" or "burnt alive".
fn ends_cue(ctx: &Ctx, category: Cat, k: usize) -> bool {
    ctx.is_cue(category, k)
        || (ctx.cue_ends_at(category, k)
            && ctx
                .find_cues(category, k.saturating_sub(4), k + 1)
                .iter()
                .any(|&(a, e, _)| e == k + 1 && a < k))
}

/// Per token, whether a phrase of killing (bit 0) or of wounding (bit 1) ends with
/// it: the casualty rules ask this of every token of a sentence, and many times over,
/// so it is found once per document (see [`Ctx::harm`]).
pub(crate) fn harm_table(ctx: &Ctx) -> Vec<u8> {
    let mut harm: Vec<u8> = (0..ctx.view.tokens.len())
        .map(|k| {
            ends_cue(ctx, cue!("kill_verb"), k) as u8
                | (ends_cue(ctx, cue!("wound_verb"), k) as u8) << 1
        })
        .collect();
    // "a toll plaza", "a dead end": a casualty word before such a noun is
    // part of another noun.
    for k in 0..harm.len().saturating_sub(1) {
        if harm[k] != 0 && ctx.is_cue(cue!("harm_compound"), k + 1) {
            harm[k] = 0;
        }
    }
    // "stoned a man to death", "beat the driver to death": a verb of
    // violence with "to death" after its object kills.
    for &(first, last) in ctx.view.sent_toks.iter() {
        for k in first + 2..last {
            if ctx.tok_lower(k) != "death" || ctx.tok_lower(k - 1) != "to" {
                continue;
            }
            let from = first.max(k.saturating_sub(8));
            if let Some(v) = (from..k - 1).rev().find(|&v| ctx.is_cue(cue!("to_death_verb"), v)) {
                harm[v] |= 1;
            }
        }
    }
    harm
}

fn is_kill(ctx: &Ctx, k: usize) -> bool {
    ctx.harm.get(k).is_some_and(|h| h & 1 != 0)
}

fn is_wound(ctx: &Ctx, k: usize) -> bool {
    ctx.harm.get(k).is_some_and(|h| h & 2 != 0)
}

/// Where a relative clause set off by commas just before token `v` begins
/// (the comma before "who" or "which"), when there is one: ", who received
/// burn injuries in the attack, (finally) succumbed".
fn relative_clause_start(ctx: &Ctx, first: usize, v: usize) -> Option<usize> {
    let mut j = v;
    // "finally", "later": an adverb between the clause and the verb.
    while j > first && {
        let w = ctx.tok(j - 1);
        w.chars().all(char::is_lowercase) && (w.ends_with("ly") || w == "later")
    } {
        j -= 1;
    }
    if j <= first + 2 || ctx.tok(j - 1) != "," {
        return None;
    }
    let lo = first.max(j.saturating_sub(40));
    (lo + 1..j - 1)
        .rev()
        .find(|&c| ctx.tok(c - 1) == "," && matches!(ctx.tok_lower(c), "who" | "which"))
        .map(|c| c - 1)
}

/// Whether token `k` negates the verb after it ("not", "never", "n't"):
/// not "No" before a number ("ward No 101").
fn negator(ctx: &Ctx, k: usize) -> bool {
    let numbered = ctx.tok(k) == "No"
        && k + 1 < ctx.view.tokens.len()
        && ctx.tok(k + 1).starts_with(|c: char| c.is_ascii_digit());
    (ctx.is_cue(cue!("negation"), k) && !numbered) || matches!(ctx.tok_lower(k), "n't" | "n’t")
}

/// "A leader of the party was hacked to death", "the driver of the van, was
/// killed", "He died": one person, the singular subject of a passive
/// casualty verb (after `singular_auxiliary`, "was") or of an intransitive
/// one (`die_verb`). The subject is a victim noun, "he" or "she", or a
/// person's name, looked for back to the start of its clause.
fn singular_subjects(ctx: &Ctx, seg: Seg, out: &mut [Count]) -> Vec<Count> {
    let (first, last) = (seg.first, seg.last);
    let mut found: Vec<Count> = Vec::new();
    for k in first..last {
        let (kill, wound) = (is_kill(ctx, k), is_wound(ctx, k));
        if !kill && !wound {
            continue;
        }
        // The verb group: "was (reportedly) (shot) dead"; "died".
        let mut head = None;
        if ends_cue(ctx, cue!("die_verb"), k) {
            head = Some(k);
        } else {
            let mut i = k;
            while i > first.max(k.saturating_sub(5)) {
                i -= 1;
                if ctx.is_cue(cue!("singular_auxiliary"), i) {
                    head = Some(i);
                    break;
                }
                // "X has been killed"
                if ctx.tok_lower(i) == "been" && i > first && ctx.tok_lower(i - 1) == "has" {
                    head = Some(i - 1);
                    break;
                }
                if !ctx.tok(i).chars().all(|c| c.is_lowercase()) || is_kill(ctx, i) {
                    break;
                }
            }
        }
        let Some(v) = head else { continue };
        // "Omar was not killed", "He did not die": no one.
        if (v.saturating_sub(2).max(first)..k).any(|j| negator(ctx, j)) {
            continue;
        }
        // Back to the start of the clause: the nearest person word, over a
        // relative clause set off by commas ("A bus driver, who was hurt
        // in the attack, (finally) succumbed").
        let mut subject = None;
        let from = relative_clause_start(ctx, first, v).unwrap_or(v);
        let mut i = from;
        while i > first.max(from.saturating_sub(28)) {
            i -= 1;
            let w = ctx.tok_lower(i);
            if ctx.is_cue(cue!("clause_boundary"), i) || is_kill(ctx, i) || is_wound(ctx, i) {
                break;
            }
            let person_name = ctx
                .names_in(i, i + 1)
                .any(|m| ctx.kind_of(m) == EntityKind::Person && m.toks.1 <= v);
            // "Prahlad Singh (40) was killed": a capitalized name before
            // an age in brackets.
            let aged_name = i + 3 < v
                && ctx.tok(i + 1) == "("
                && ctx.tok(i + 2).chars().all(|c| c.is_ascii_digit())
                && ctx.tok(i + 3) == ")"
                && ctx.tok(i).starts_with(char::is_uppercase);
            if ctx.is_cue(cue!("victim_singular"), i)
                || ctx.is_cue(cue!("singular_pronoun"), i)
                || person_name
                || aged_name
            {
                subject = Some(i);
                // The head of "a leader of the party" is its first noun.
                if !person_name && i > first && matches!(ctx.tok_lower(i - 1), "a" | "an" | "the") {
                    break;
                }
                continue;
            }
            // "A Boro cultivator was killed": any noun after "a" or "one",
            // unless the thing killed is not a person ("a bill").
            if (matches!(w, "a" | "an" | "one") || ctx.is_cue(cue!("another_cue"), i))
                && subject.is_none()
                && i + 1 < v
            {
                let noun = (i + 1..v).rev().find(|&j| ctx.tok(j) != ",").unwrap_or(i + 1);
                let nw = ctx.tok_lower(noun);
                if !ctx.lex.is("not_a_victim", nw) && !ctx.lex.is("non_victim_unit", nw) {
                    subject = Some(i + 1);
                }
                break;
            }
        }
        let Some(h) = subject else { continue };
        let o = if kill { Outcome::Killed } else { Outcome::Wounded };
        // "Ujjal, a bus passenger, was killed": the count is there already,
        // cut off from its verb by the apposition's comma.
        let at = out
            .iter()
            .position(|c| c.toks.0 <= h && c.toks.1 > h)
            .or_else(|| out.iter().position(|c| c.toks.0 < v && c.toks.1 > h));
        if let Some(c) = at.map(|i| &mut out[i]) {
            if c.outcome.is_none() && c.quantity.low == Some(1.0) && c.quantity.high == Some(1.0) {
                c.outcome = Some(o);
            }
            continue;
        }
        if found.iter().any(|c| c.toks.0 <= v && c.toks.1 > h) {
            continue;
        }
        found.push(Count {
            toks: (h, h + 1),
            quantity: Quantity::exact(1.0),
            description: ctx.tok(h).to_string(),
            perpetrators: ctx.is_cue(cue!("perpetrator_head"), h),
            outcome: Some(o),
        });
    }
    found
}

fn counts_in(ctx: &Ctx, seg: Seg) -> Vec<Count> {
    let (first, last) = (seg.first, seg.last);
    let s = seg.span;
    let text = ctx.text();
    let mut out: Vec<Count> = Vec::new();
    for q in ctx.quantities_near(s.start, s.end).iter().filter(|q| s.contains(q.span)) {
        // "157 wounded": the outcome word is not the counted noun.
        let unit_span = q.unit.filter(|u| {
            let w = u.slice(text).to_lowercase();
            !ctx.lex.is("kill_verb", &w) && !ctx.lex.is("wound_verb", &w)
        });
        let q = &crate::QuantityMention { unit: unit_span, ..q.clone() };
        let unit = q.unit.map(|u| u.slice(text).to_lowercase());
        if unit.as_deref().is_some_and(|u| ctx.lex.is("non_victim_unit", u)) {
            continue;
        }
        let qk = ctx.tok_at(q.span.start);
        let qe = ctx.tok_end_at(q.unit.map(|u| u.end).unwrap_or(q.span.end)).max(qk + 1);
        let description = q
            .unit
            .map(|u| Span::new(q.span.end().min(u.start()), u.end()).slice(text).trim().to_string())
            .unwrap_or_else(|| "people".to_string());
        // "13 year old girl killed", "a 37-year-old shopkeeper": an age,
        // so one person, the noun after it.
        let hyphenated = unit.as_deref().is_some_and(|u| u.ends_with("-old"));
        let age = hyphenated
            || (unit.as_deref().is_some_and(|u| u.starts_with("year"))
                && qe < last
                && ctx.tok_lower(qe) == "old");
        if age {
            let noun = if hyphenated { qe } else { qe + 1 };
            // "killed a 22 year old.": the age alone names the person.
            let named = noun < last && ctx.tok(noun).chars().all(char::is_lowercase);
            out.push(Count {
                toks: (qk, if named { noun + 1 } else { noun }),
                quantity: Quantity::exact(1.0),
                description: if named { ctx.tok(noun) } else { "person" }.to_string(),
                perpetrators: named && ctx.is_cue(cue!("perpetrator_head"), noun),
                outcome: None,
            });
            continue;
        }
        // "A 37-second video", "a 50-kg bomb", "a 40-strong unit": a number
        // joined to a word by a hyphen modifies a noun; it counts no victims.
        let joined = text
            .get(q.span.end as usize..)
            .and_then(|r| r.strip_prefix('-'))
            .is_some_and(|r| r.starts_with(char::is_alphabetic));
        if joined {
            continue;
        }
        let perpetrators = unit.as_deref().is_some_and(|u| ctx.lex.is("perpetrator_head", u));
        // "recovered 17 bodies", "13 bodies of the armed group": the
        // counted are dead whatever the verb.
        let bodies = (qk..qe.min(last)).any(|k| ctx.lex.is("body_noun", ctx.tok_lower(k)))
            || (qk >= first + 2
                && ctx.tok_lower(qk - 1) == "of"
                && ctx.lex.is("body_noun", ctx.tok_lower(qk - 2)));
        out.push(Count {
            toks: (qk, qe),
            quantity: q.quantity,
            description,
            perpetrators,
            outcome: bodies.then_some(Outcome::Killed),
        });
    }
    // "a security officer", "one soldier": one person, when the sentence
    // speaks of casualties at all. After a casualty verb any plain noun
    // counts ("killing a shopkeeper"); elsewhere only a known victim noun.
    let has_verb = (first..last).any(|k| is_kill(ctx, k) || is_wound(ctx, k));
    for k in first..last.saturating_sub(1) {
        // "The bomber and his accomplice died": one attacker each.
        if has_verb
            && matches!(ctx.tok_lower(k), "the" | "his" | "her" | "their")
            && ctx.is_cue(cue!("perpetrator_head"), k + 1)
            && !ctx.tok_lower(k + 1).ends_with('s')
            && !out.iter().any(|c| c.toks.0 <= k + 1 && k + 1 < c.toks.1)
        {
            out.push(Count {
                toks: (k, k + 2),
                quantity: Quantity::exact(1.0),
                description: ctx.tok(k + 1).to_string(),
                perpetrators: true,
                outcome: None,
            });
            continue;
        }
        let after_verb = k > first && (is_kill(ctx, k - 1) || is_wound(ctx, k - 1));
        // "killing his son", "killed one unidentified militant".
        let det = match ctx.tok_lower(k) {
            "a" | "an" | "one" => true,
            // "a trader and his daughter were killed"
            "his" | "her" => {
                after_verb || (k > first && matches!(ctx.tok_lower(k - 1), "and" | "with"))
            }
            // "killed the wife of a former minister"
            // "The driver of the truck and his helper were killed"
            "the" => after_verb || k == first || matches!(ctx.tok_lower(k - 1), "," | "and"),
            _ => false,
        };
        if !has_verb || !det {
            continue;
        }
        let quote =
            |h: usize| ctx.tok(h).chars().all(|c| matches!(c, '\'' | '"' | '‘' | '’' | '“' | '”'));
        // "shot dead a 37-year-old shopkeeper": the age is not the noun.
        let mut from = k + 1;
        if from + 2 < last
            && ctx.tok(from).chars().all(|c| c.is_ascii_digit())
            && ctx.tok(from + 1) == "-"
            && ctx.tok_lower(from + 2).starts_with("year")
        {
            from += 3;
        } else if from < last && ctx.tok_lower(from).ends_with("year-old") {
            from += 1;
        }
        let words: Vec<usize> = (from..(from + 6).min(last))
            // "killed an 'infiltrator'"
            .filter(|&h| !quote(h))
            .take_while(|&h| {
                // "killed a Lashkar-e-Taiba (LeT) militant"
                ctx.tok(h)
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '(' | ')'))
                    && !is_kill(ctx, h)
                    && !is_wound(ctx, h)
            })
            .collect();
        // "The driver of a truck and his helper": the noun phrase ends at
        // a coordination; the helper is counted on his own.
        let head = words
            .iter()
            .copied()
            .take_while(|&h| !matches!(ctx.tok_lower(h), "and" | "or"))
            .find(|&h| ctx.is_cue(cue!("victim_singular"), h));
        let head = head.or_else(|| {
            // "killed the militants" is no single victim: after "the" only
            // a known victim noun counts.
            // "Four militants and an army commando were killed": a noun
            // coordinated with a count is a victim too.
            let after_and = k > first && ctx.tok_lower(k - 1) == "and";
            if !(after_verb || after_and) || ctx.tok_lower(k) == "the" {
                return None;
            }
            // The last plain lower-case word before a boundary.
            let h = *words
                .iter()
                .take_while(|&&h| {
                    let w = ctx.tok(h);
                    w.chars().all(|c| c.is_lowercase() || c == '-')
                        && !ctx.lex.is("object_prep", w)
                        && !matches!(w, "and" | "or" | "who" | "with" | "from")
                })
                .last()?;
            let w = ctx.tok_lower(h);
            (!ctx.lex.is("not_a_victim", w) && !ctx.lex.is("non_victim_unit", w)).then_some(h)
        });
        // "A couple travelling on a motorcycle were shot dead": two people.
        let pair = k + 2 < last
            && ctx.is_cue(cue!("pair_noun"), k + 1)
            && ctx.tok_lower(k + 2) != "of"
            && matches!(ctx.tok_lower(k), "a" | "the");
        let head = if pair { Some(k + 1) } else { head };
        let Some(h) = head else { continue };
        if out.iter().any(|c| c.toks.0 <= h && h < c.toks.1) {
            continue;
        }
        // "killing two soldiers, an officer from Kirkuk police told Rudaw":
        // a person who speaks is the source, not one more victim.
        let speaks = (h + 1..(h + 6).min(last))
            .take_while(|&j| !matches!(ctx.tok(j), "," | "and" | "who" | "."))
            .any(|j| {
                ctx.tok(j).starts_with(char::is_lowercase)
                    && ctx.is_cue(cue!("say_verb"), j)
                    // "the wife of former state minister X": a noun.
                    && ctx.is_verb_tag(j) != Some(false)
            });
        if speaks {
            continue;
        }
        let span = Span::new(ctx.view.tokens[k + 1].span.start(), ctx.view.tokens[h].span.end());
        out.push(Count {
            toks: (k, h + 1),
            quantity: Quantity::exact(if pair { 2.0 } else { 1.0 }),
            description: span.slice(text).to_string(),
            perpetrators: ctx.is_cue(cue!("perpetrator_head"), h),
            outcome: None,
        });
    }
    // "vowed to kill the governor": an intention, no one killed.
    fn infinitive(ctx: &Ctx, k: usize, first: usize) -> bool {
        k > first && ctx.tok_lower(k - 1) == "to"
    }
    // "police killed Dinesh Sahu, 30, a commander": a person named as the
    // object of a casualty verb.
    for m in ctx.names_in(first, last) {
        let k = m.toks.0;
        if k > first
            && is_kill(ctx, k - 1)
            && !infinitive(ctx, k - 1, first)
            && ctx.kind_of(m) == EntityKind::Person
            && !out.iter().any(|c| c.toks.0 <= k && k < c.toks.1)
        {
            out.push(Count {
                toks: m.toks,
                quantity: Quantity::exact(1.0),
                description: ctx.entities[m.entity].name.clone(),
                perpetrators: false,
                outcome: Some(Outcome::Killed),
            });
        }
    }
    // "chased a leader and killed him": one person.
    for k in first..last.saturating_sub(1) {
        if is_kill(ctx, k)
            && !infinitive(ctx, k, first)
            && ctx.is_cue(cue!("singular_object"), k + 1)
            && !out.iter().any(|c| c.toks.0 <= k + 1 && k + 1 < c.toks.1)
        {
            out.push(Count {
                toks: (k + 1, k + 2),
                quantity: Quantity::exact(1.0),
                description: "person".to_string(),
                perpetrators: false,
                outcome: None,
            });
        }
    }
    // "fired at a family, killing one"; "fired upon them, killing both".
    for k in first..last.saturating_sub(1) {
        let n = match ctx.tok_lower(k + 1) {
            "one" => 1.0,
            "both" => 2.0,
            _ => continue,
        };
        let bare = k + 2 >= last || !ctx.tok(k + 2).chars().all(char::is_alphanumeric);
        let is_verb = is_kill(ctx, k) || is_wound(ctx, k);
        if !(bare || matches!(ctx.tok_lower(k + 2), "and" | "of")) || !is_verb {
            continue;
        }
        if out.iter().any(|c| c.toks.0 <= k + 1 && k + 1 < c.toks.1) {
            continue;
        }
        // "killing one of the militants": an attacker.
        let perpetrators = k + 2 < last
            && ctx.tok_lower(k + 2) == "of"
            && (k + 3..(k + 6).min(last)).any(|h| ctx.is_cue(cue!("perpetrator_head"), h));
        out.push(Count {
            toks: (k + 1, k + 2),
            quantity: Quantity::exact(n),
            description: "people".to_string(),
            perpetrators,
            outcome: None,
        });
    }
    // "A jawan of 24 AR troopers was killed", "One officer of 12 Assam
    // Rifles": a number after "of" names the unit of the one person before.
    // "Ujjal, 40, a bus passenger": an age, not a count.
    out.retain(|c| {
        let k = c.toks.0;
        !(c.description == "people"
            && c.toks.1 == k + 1
            && k >= first + 2
            && k < last
            && ctx.tok(k).chars().all(|ch| ch.is_ascii_digit())
            && matches!(ctx.tok(k - 1), "," | "(")
            && ctx.tok(k - 2).chars().next().is_some_and(char::is_uppercase)
            && c.toks.1 < last
            && matches!(ctx.tok(c.toks.1), "," | ")"))
    });
    out.retain(|c| {
        let k = c.toks.0;
        !(k >= first + 2
            && ctx.tok_lower(k - 1) == "of"
            && (ctx.is_cue(cue!("victim_singular"), k - 2)
                || ctx.tok(k - 2).chars().all(|ch| ch.is_ascii_uppercase())))
    });
    let singles = singular_subjects(ctx, seg, &mut out);
    out.extend(singles);
    out.sort_by_key(|c| c.toks.0);
    out
}

/// People held or missing are not casualties: "held 212 passengers
/// hostage", "abducted 14 villagers", "9 people are missing", "30
/// hostages" (`captive_noun`, `captive_verb` and `captive_state` in
/// `data/cues/hygiene.tsv`).
fn captive(ctx: &Ctx, seg: Seg, c: &Count) -> bool {
    let (qk, qe) = c.toks;
    let is = |cat: &str, k: usize| ctx.lex.is(cat, ctx.tok_lower(k));
    // A figure inside the segment's last word ("o'6") has its tokens past it.
    if (qk..qe.min(seg.last)).any(|k| is("captive_noun", k)) {
        return true;
    }
    let mut k = qk;
    while k > seg.first {
        k -= 1;
        if is("captive_verb", k) {
            return true;
        }
        if !HEDGE_WORDS.contains(&ctx.tok_lower(k)) {
            break;
        }
    }
    // "212 passengers hostage", "14 villagers were abducted", "9 people
    // are still missing".
    (qe..seg.last.min(qe + 4))
        .take_while(|&k| {
            is("captive_state", k)
                || is("captive_noun", k)
                || ctx.is_cue(cue!("auxiliary"), k)
                || matches!(
                    ctx.tok_lower(k),
                    "have" | "has" | "had" | "went" | "still" | "held" | "taken"
                )
        })
        .any(|k| is("captive_state", k) || is("captive_noun", k))
}

/// "The toll rose to 54", "raising the death toll to at least 12": a count
/// after "to" that a `toll_rise` verb near the word "toll" revises to a new
/// total (an injury toll is not the dead).
fn toll_revision(ctx: &Ctx, first: usize, qk: usize) -> bool {
    // "the death toll was at 95, down from 103", "the toll stood at 95":
    // a count that says it replaces another is the new total too.
    if qk > first + 1 && ctx.tok_lower(qk - 1) == "at" {
        let (_, last) = ctx.view.sent_toks[ctx.view.sentence_of(qk)];
        let replaces = (qk + 1..(qk + 5).min(last)).any(|i| {
            matches!(ctx.tok_lower(i), "down" | "up")
                && i + 1 < last
                && ctx.tok_lower(i + 1) == "from"
        }) || matches!(ctx.tok_lower(qk - 2), "stood" | "stands" | "now");
        let toll = (qk.saturating_sub(6).max(first)..qk - 1)
            .any(|i| matches!(ctx.tok_lower(i), "toll" | "tolls"));
        return replaces && toll;
    }
    let mut j = qk;
    while j > first && ctx.tok_lower(j - 1) != "to" && HEDGE_WORDS.contains(&ctx.tok_lower(j - 1)) {
        j -= 1;
    }
    if j <= first + 1 || ctx.tok_lower(j - 1) != "to" {
        return false;
    }
    // The verb stands right before "to" ("rose to", "has climbed to"); the
    // word "toll" may come long before it, after the incident it counts
    // ("the death toll from the suicide attack on a mosque in Peshawar rose
    // to 100").
    // "The number of those killed in the attack has risen to 143": a
    // number of the dead is a toll too.
    let toll_word = |i: usize| {
        matches!(ctx.tok_lower(i), "toll" | "tolls")
            || (ctx.tok_lower(i) == "number"
                && (i + 1..(i + 5).min(j - 1)).any(|k| {
                    matches!(ctx.tok_lower(k), "killed" | "dead" | "deaths" | "fatalities")
                }))
    };
    let Some(toll) = (j.saturating_sub(30).max(first)..j - 1).rev().find(|&i| toll_word(i)) else {
        return false;
    };
    // "raising the death toll from the incident to two": or the verb
    // stands right before "the toll".
    let rise = |r: std::ops::Range<usize>| r.into_iter().any(|i| ctx.is_cue(cue!("toll_rise"), i));
    if !rise(j.saturating_sub(4).max(first)..j - 1)
        && !rise(toll.saturating_sub(4).max(first)..toll)
    {
        return false;
    }
    let lo = toll.saturating_sub(3).max(first);
    // "the death toll in the ongoing blockade rose to nine": a running total
    // over many incidents, not this one's.
    if !ctx.find_cues(cue!("toll_summary"), lo, j).is_empty() {
        return false;
    }
    !(lo..j - 1).any(|i| {
        let w = ctx.tok_lower(i);
        w.starts_with("injur") || w == "casualty" || w == "wounded"
    })
}

/// A casualty verb right next to a count: before it over hedge words
/// ("killed at least five hostages"), or after it over auxiliaries ("three
/// hostages were killed").
fn casualty_verb_next_to(ctx: &Ctx, seg: Seg, c: &Count) -> bool {
    let (qk, qe) = c.toks;
    let harm = |k: usize| is_kill(ctx, k) || is_wound(ctx, k);
    let mut k = qk;
    while k > seg.first {
        k -= 1;
        if harm(k) {
            return true;
        }
        if !HEDGE_WORDS.contains(&ctx.tok_lower(k)) {
            break;
        }
    }
    // "3 labourers were kidnapped and (later) shot dead": held first, then
    // killed.
    let held_then = |k: usize| {
        ctx.lex.is("captive_verb", ctx.tok_lower(k))
            || ctx.lex.is("captive_state", ctx.tok_lower(k))
    };
    (qe..seg.last.min(qe + 7))
        .find(|&k| {
            !(ctx.is_cue(cue!("auxiliary"), k)
                || held_then(k)
                || matches!(
                    ctx.tok_lower(k),
                    "have" | "has" | "had" | "later" | "all" | "and" | "then" | "subsequently"
                ))
        })
        // "shot dead": the phrase ends on its second word.
        .is_some_and(|k| harm(k) || (k + 1 < seg.last && harm(k + 1)))
}

/// "Eight personnel were martyred and one driver was killed": count `ci`
/// opens a clause of its own after "and" and counts other people than an
/// earlier count of the same outcome, so the two add up.
fn own_clause(
    ctx: &Ctx,
    first: usize,
    counts: &[Count],
    decided: &[Option<(Outcome, bool, bool)>],
    ci: usize,
    o: Outcome,
) -> bool {
    let (qk, c) = (counts[ci].toks.0, &counts[ci]);
    qk > first
        && ctx.tok_lower(qk - 1) == "and"
        && (0..ci).any(|j| {
            decided[j].is_some_and(|d| d.0 == o)
                && counts[j].toks.1 < qk
                && counts[j].perpetrators == c.perpetrators
                && counts[j].description != c.description
        })
}

fn casualties(ctx: &Ctx, seg: Seg) -> Casualties {
    let (first, last) = (seg.first, seg.last);
    let mut out = Casualties::default();
    let counts = counts_in(ctx, seg);
    // The previous count's outcome and end, for coordinated counts:
    // "killed 13 U.S. troops and 75 Afghan civilians".
    let mut prev: Option<(Outcome, usize)> = None;
    let mut decided: Vec<Option<(Outcome, bool, bool)>> = vec![None; counts.len()];
    let mut skipped = vec![false; counts.len()];
    let mut revised = vec![false; counts.len()];
    for (ci, c) in counts.iter().enumerate() {
        let (qk, qe) = c.toks;
        // The next count that is not an inclusion ("including two policemen").
        let next_start = counts[ci + 1..]
            .iter()
            .find(|n| {
                let k = n.toks.0;
                !(k > first && ctx.is_cue(cue!("inclusion_cue"), k - 1))
            })
            .map_or(last, |n| n.toks.0);
        if qk > first
            && (ctx.is_cue(cue!("inclusion_cue"), qk - 1)
                || (qk > first + 1
                    && ctx.lex.is(
                        "inclusion_cue",
                        &format!("{} {}", ctx.tok_lower(qk - 2), ctx.tok_lower(qk - 1)),
                    )))
        {
            skipped[ci] = true;
            continue;
        }
        if c.outcome.is_none() && captive(ctx, seg, c) && !casualty_verb_next_to(ctx, seg, c) {
            skipped[ci] = true;
            prev = None;
            continue;
        }
        // "Another villager was killed": on top of the toll so far.
        let another = qk > first && ctx.is_cue(cue!("another_cue"), qk - 1);
        if let Some(o) = c.outcome {
            // "4 soldiers were killed, three bodies of fighters were
            // found": the bodies add to the dead already counted.
            let bodies = o == Outcome::Killed
                && c.quantity.high != Some(1.0)
                && decided[..ci].iter().any(|d| d.is_some_and(|d| d.0 == Outcome::Killed));
            prev = Some((o, qe));
            // "The death toll was at 95, down from 103": a new total.
            if o == Outcome::Killed && toll_revision(ctx, first, qk) {
                revised[ci] = true;
            }
            let clause = own_clause(ctx, first, &counts, &decided, ci, o);
            decided[ci] = Some((o, bodies || clause, another));
            continue;
        }
        // A verb before: "killing and wounding more than 150".
        let (mut kill, mut wound) = (false, false);
        if toll_revision(ctx, first, qk) {
            kill = true;
            revised[ci] = true;
        }
        let lo = qk.saturating_sub(7).max(first);
        let mut k = qk;
        while k > lo {
            k -= 1;
            let w = ctx.tok_lower(k);
            if is_kill(ctx, k) {
                kill = true;
            } else if is_wound(ctx, k) {
                wound = true;
            } else if matches!(w, "and" | "or" | ",") && (kill || wound) {
                continue;
            } else if kill || wound || !HEDGE_WORDS.contains(&w) {
                break;
            }
        }
        let mut coordinated = false;
        if let (None, Some((o, pend))) = (outcome(kill, wound), prev) {
            // "13 troops and 75 civilians"; "29 people were killed ..., along with 10 attackers".
            let along = (1..=4).any(|n| {
                qk >= first + n
                    && ctx.lex.is(
                        "coordination_cue",
                        &(qk - n..qk).map(|i| ctx.tok_lower(i)).collect::<Vec<_>>().join(" "),
                    )
            });
            // "killed a commander of Hezbollah and three fighters": the
            // previous count's "of" and the name it belongs to.
            let mut from = pend;
            if from < qk && ctx.tok_lower(from) == "of" {
                let mut k = from + 1;
                if k < qk && ctx.tok_lower(k) == "the" {
                    k += 1;
                }
                if let Some(end) = ctx.names_in(k, k + 1).map(|m| m.toks.1).max() {
                    from = end;
                }
            }
            let between_ok = qk >= pend
                && (along
                    || (from <= qk
                        && (from..qk).all(|i| {
                            matches!(ctx.tok_lower(i), "and" | "," | "plus" | "as" | "well")
                        })));
            if between_ok {
                kill = matches!(o, Outcome::Killed | Outcome::KilledOrWounded);
                wound = matches!(o, Outcome::Wounded | Outcome::KilledOrWounded);
                coordinated = true;
            }
        }
        // A verb after: "59 people had been confirmed dead", "ten others wounded".
        let mut also = false;
        if outcome(kill, wound).is_none() {
            // "Two troopers including an officer of the ... force were
            // killed": the verb comes after the inclusion.
            let inclusion = qe < last && ctx.is_cue(cue!("inclusion_cue"), qe);
            let reach = if inclusion { 24 } else { 14 };
            let hi = (qe + reach).min(last).min(next_start.max(qe));
            let mut k = qe;
            while k < hi.max(qe) {
                let w = ctx.tok_lower(k);
                // "Four people, including two policemen, were killed": step
                // over the inclusion to its closing comma.
                if w == "," && k + 1 < last && ctx.is_cue(cue!("inclusion_cue"), k + 1) {
                    if let Some(c) = (k + 2..last.min(k + 12)).find(|&i| ctx.tok(i) == ",") {
                        k = c + 1;
                        continue;
                    }
                    // "Three civilians, including a boy were killed": no
                    // closing comma; the verb still comes.
                    k += 2;
                    continue;
                }
                if w == "also" || another {
                    also = true;
                }
                // "several journalists were among the wounded": already counted.
                if w == "among" {
                    break;
                }
                if is_kill(ctx, k) || is_wound(ctx, k) {
                    // "A bomber killed a police officer" is active: the count
                    // is the killer. Only "were killed", "15 killed" or an
                    // intransitive ("died", "dead") harms the counted people.
                    let object_follows = k + 1 < last && {
                        let n = ctx.tok(k + 1);
                        matches!(
                            ctx.tok_lower(k + 1),
                            "a" | "an"
                                | "the"
                                | "his"
                                | "her"
                                | "their"
                                | "at"
                                | "more"
                                | "some"
                                | "all"
                                | "both"
                                | "several"
                                | "dozens"
                                | "scores"
                        ) || n.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase())
                    };
                    let active = ctx.is_cue(cue!("casualty_participle"), k)
                        && object_follows
                        && !(qe..k).any(|i| ctx.is_cue(cue!("auxiliary"), i));
                    // "The governor was not killed": unharmed.
                    let negated = (k.saturating_sub(2).max(qe)..k).any(|i| negator(ctx, i));
                    if !active && !negated {
                        kill = is_kill(ctx, k);
                        // "several soldiers killed or wounded"
                        let either = k + 2 < last
                            && matches!(ctx.tok_lower(k + 1), "or" | "and")
                            && (is_kill(ctx, k + 2) || is_wound(ctx, k + 2));
                        wound = !kill || (either && is_wound(ctx, k + 2));
                    }
                    break;
                }
                // "Two militants, Sajid and Zafar, were killed": names in
                // apposition, up to their closing comma.
                // "Six militants, affiliated with the group, were gunned
                // down": any apposition or participle phrase, up to its
                // closing comma.
                let next = if k + 1 < last { ctx.tok(k + 1) } else { "" };
                let apposition =
                    ctx.names_in(k + 1, k + 2).any(|m| ctx.kind_of(m) == EntityKind::Person)
                        || next.starts_with(char::is_uppercase)
                        || (next.len() > 4 && next.ends_with("ed"))
                        || matches!(next, "aged" | "all" | "both" | "mostly" | "most" | "many");
                if w == "," && apposition {
                    // A name must be followed by the verb ("Two militants,
                    // Sajid and Zafar, were killed"), so that a place in a
                    // list ("in Bijbehara, Anantnag district, over the
                    // killing") is not stepped over.
                    let closing = (k + 2..last.min(k + 12)).find(|&i| ctx.tok(i) == ",");
                    let verb_next = |c: usize| {
                        c + 1 < last
                            && (ctx.is_cue(cue!("auxiliary"), c + 1)
                                || is_kill(ctx, c + 1)
                                || is_wound(ctx, c + 1))
                    };
                    if let Some(c) =
                        closing.filter(|&c| !next.starts_with(char::is_uppercase) || verb_next(c))
                    {
                        k = c + 1;
                        continue;
                    }
                }
                // "6 militants, belonging to separatist groups were killed"
                if w == ","
                    && k + 1 < hi.max(qe)
                    && (ctx.tok_lower(k + 1).ends_with("ing") || apposition)
                {
                    k += 2;
                    continue;
                }
                if matches!(w, "," | ";" | "." | "—" | "–" | ":") {
                    break;
                }
                k += 1;
            }
        }
        let Some(o) = outcome(kill, wound) else {
            prev = None;
            continue;
        };
        // "Eight personnel were martyred and one driver was killed": a
        // clause of its own after "and", counting other people, adds.
        let clause = own_clause(ctx, first, &counts, &decided, ci, o) && !revised[ci];
        prev = Some((o, qe));
        decided[ci] = Some((o, coordinated || clause, also));
    }
    // "targeted two policemen, killing them": the count before the pronoun.
    for k in first..last.saturating_sub(1) {
        if !(is_kill(ctx, k) && ctx.is_cue(cue!("plural_object"), k + 1)) {
            continue;
        }
        if let Some(ci) = (0..counts.len())
            .rev()
            .find(|&ci| counts[ci].toks.1 <= k && !skipped[ci] && decided[ci].is_none())
        {
            decided[ci] = Some((Outcome::Killed, false, false));
        }
    }
    // "8 fighters and 3 soldiers were killed": a count with no verb of its
    // own takes the outcome of the coordinated count after it.
    for ci in (0..counts.len().saturating_sub(1)).rev() {
        if decided[ci].is_some() || skipped[ci] {
            continue;
        }
        let (Some((o, _, also)), (_, qe), (nk, _)) =
            (decided[ci + 1], counts[ci].toks, counts[ci + 1].toks)
        else {
            continue;
        };
        // "Two unidentified militants and a soldier were killed": the words
        // of a count's noun may run on before "and".
        // An acronym in brackets may run with them ("Eight District Reserve
        // Guard (DRG) jawans and one driver lost their lives").
        let brackets = (qe..nk.max(qe)).filter(|&i| matches!(ctx.tok(i), "(" | ")")).count();
        let joined = nk >= qe
            && nk > qe
            && ctx.tok_lower(nk - 1) == "and"
            && nk - qe <= 5 + if brackets == 2 { 3 } else { 0 }
            && (qe..nk - 1).all(|i| {
                let w = ctx.tok_lower(i);
                (w.chars().all(char::is_alphabetic) || (brackets == 2 && matches!(w, "(" | ")")))
                    && !is_kill(ctx, i)
                    && !is_wound(ctx, i)
                    && (w == "of" || !ctx.lex.is("object_prep", w))
                    // "Seven were arrested and four bodies were found"
                    && !ctx.is_cue(cue!("auxiliary"), i)
                    && !ctx.lex.is("locative", w)
            });
        if joined || (nk >= qe && (qe..nk).all(|i| matches!(ctx.tok_lower(i), "and" | ","))) {
            decided[ci] = Some((o, false, also));
            // The later count now adds to this one.
            if let Some(d) = decided[ci + 1].as_mut() {
                d.1 = true;
            }
        }
    }
    // "the death toll rose to eight as two more persons died": the new total
    // includes the sentence's other deaths.
    let revision = counts.iter().enumerate().any(|(ci, c)| {
        revised[ci] && !c.perpetrators && matches!(decided[ci], Some((Outcome::Killed, _, _)))
    });
    for ((c, d), revised) in counts.iter().zip(decided).zip(revised) {
        let Some((o, coordinated, also)) = d else { continue };
        if revision && !revised && o == Outcome::Killed && !c.perpetrators {
            continue;
        }
        out.additional |= also;
        out.revised |= revised && o == Outcome::Killed;
        let (slot, name) = match o {
            Outcome::Killed if c.perpetrators => {
                (&mut out.perpetrators_killed, "perpetrators_killed")
            }
            Outcome::Killed => (&mut out.killed, "killed"),
            Outcome::Wounded => (&mut out.wounded, "wounded"),
            Outcome::KilledOrWounded => (&mut out.killed_or_wounded, "killed_or_wounded"),
        };
        *slot = Some(match slot {
            // Coordinated or added counts sum; otherwise a second figure for
            // the same toll (a later revision) replaces the first.
            Some(p) if coordinated || also => p.add(&c.quantity),
            _ => c.quantity,
        });
        out.victims.push(Victims {
            count: c.quantity,
            description: c.description.clone(),
            outcome: name.to_string(),
        });
    }
    out
}
