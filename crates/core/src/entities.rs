//! Entity recognition and in-document linking.
//!
//! 1. Candidate names: runs of capitalized tokens inside a sentence, joined
//!    over name connectors ("de", "bin", "al"), initials and title dots
//!    ("George F. Hauser", "Dr. Nner"), dashes ("Islamic State – Khorasan"),
//!    quoted parts (ISIS “Khorasan Province”), "of"/"for" after a word that
//!    heads such names ("University of", "Gulf of", not "John Smith of the
//!    Band") and "and" only inside a known name ("Bosnia and Herzegovina").
//!    A sentence written mostly in capitals (a headline) keeps known names
//!    only.
//! 2. Each candidate is looked up in the lexicon as a whole; else its words
//!    give its kind: an organization cue at its end ("Network", "Inc"), a
//!    facility or place word ("airport", "River", "Mount"; a `facility_in_name`
//!    word anywhere: "District Hospital Reasi"), an event word
//!    ("Battle of", "Cup"); compass words before a known place ("West
//!    Seattle"); a known town before unknown words ("Houston Chronicle": an
//!    organization); a title before it ("Lt. Gen. X", kept outside the
//!    name); a given name first (`data/names/`). Else it is split into its
//!    longest known parts, and what is left is classified from context: a
//!    role or title before it ("his successor, X"), a verb of saying, an
//!    appositive role or an age after it ("X, 34, told"), "in X", "X,
//!    <province>" or an administrative noun after it ("X tribal district",
//!    "X local government area": a place), "<group>'s X branch" (the
//!    catalog branch of that group), an all-capital acronym (an
//!    organization), else a name of unknown kind (`other`). An unknown name
//!    ending in the family name of a person in the text is a person.
//! 3. A lone capitalized word opening a sentence is *weak*: it is kept only
//!    when linking joins it to a name found elsewhere in the text.
//! 4. Alias definitions link names: "X, or Y", "X (Y)", "X, also known as
//!    Y", "calling themselves X".
//! 5. Mentions cluster into document entities: same key, same catalog entry,
//!    the same name typed elsewhere, alias definitions, acronyms (ISW =
//!    Institute for the Study of War), surnames of a unique full name
//!    (Cafarella = Jennifer Cafarella; a surname shared by two people stays
//!    unlinked) and first words of a unique organization. Two different
//!    catalog entries never merge, whatever an alias definition says.
//! 6. Definite descriptions ("the group", "the extremist organization")
//!    refer to the document's salient group: the group mentioned most, in
//!    subject position, in the lead and the headline (see `link`).
//!
//! [`find_entities`] runs these stages on plain text; `annotate` runs the
//! same functions inside the whole pipeline.

use std::cell::OnceCell;

use rustc_hash::FxHashSet as HashSet;

use crate::budget::Clock;
use crate::lexicon::{is_acronym, Entry, EntryClass, Lexicon, SMALL_CITY_POPULATION};
use crate::segment::{Token, TokenKind};
use crate::{EntityKind, LocalEntity, Span};

/// A given name starts a personal name when it is at least this common
/// (per cent of the US population of its gender, 1990): rarer ones are
/// mostly words ("Delta", "Spring", "Glory").
const FIRST_NAME_PERCENT: f32 = 0.003;

/// A given name this common (per cent) is a person's before it is a town's:
/// "George", "Mary" and "Elizabeth" alone are people unless after "in".
const COMMON_FIRST_NAME_PERCENT: f32 = 0.1;

/// A town's name that is a given name at least this common (per cent, see
/// `Lexicon::first_name`), followed by a surname, names a person ("Hassan
/// Karimi"); rarer ones name an organization of the town ("Houston
/// Chronicle").
const PLACE_AS_FIRST_NAME_PERCENT: f32 = 0.045;

/// A lone unknown capitalized word is read as a person when it is a given
/// name at least this common.
const LONE_FIRST_NAME_PERCENT: f32 = 0.003;

/// How a mention refers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Via {
    /// By name.
    Name,
    /// By a definite description ("the group").
    Description,
}

/// A mention of an entity found in the text.
#[derive(Clone, Debug)]
pub(crate) struct NameMention {
    pub span: Span,
    /// Token range `[first, last)`.
    pub toks: (usize, usize),
    pub kind: EntityKind,
    pub entry: Option<&'static Entry>,
    pub key: String,
    pub via: Via,
    /// Document entity index, set by linking.
    pub entity: usize,
    /// A name with no evidence of its own (a lone capitalized word opening a
    /// sentence): linking keeps it only when it joins a name found elsewhere.
    pub weak: bool,
    /// For a pronoun ("They"), the mention it takes up; it refers to the
    /// salient group only when that mention does.
    pub antecedent: Option<usize>,
}

/// The view of a document the recognizers share.
pub(crate) struct TextView<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Token range of each sentence.
    pub sent_toks: &'a [(usize, usize)],
    /// Every token written right before an administrative head noun
    /// ("Jere" in "Jere local government area"), found on first use with
    /// one pass over the text (see [`admin_named_elsewhere`]).
    admin_names: OnceCell<HashSet<&'a str>>,
    /// Every word of the text (a maximal run of letters and digits), found
    /// on first use (see [`lower_case_in_text`]).
    words: OnceCell<HashSet<&'a str>>,
}

impl<'a> TextView<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token], sent_toks: &'a [(usize, usize)]) -> Self {
        TextView { text, tokens, sent_toks, admin_names: OnceCell::new(), words: OnceCell::new() }
    }

    pub fn tok(&self, i: usize) -> &'a str {
        self.tokens[i].span.slice(self.text)
    }

    /// Token `i`, or `None` past the end.
    pub fn tok_opt(&self, i: usize) -> Option<&'a str> {
        self.tokens.get(i).map(|t| t.span.slice(self.text))
    }

    /// The sentence a token belongs to.
    pub fn sentence_of(&self, tok: usize) -> usize {
        self.sent_toks.partition_point(|&(_, e)| e <= tok)
    }
}

fn first_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

fn is_open_quote(s: &str) -> bool {
    matches!(s, "“" | "\"" | "‘" | "«")
}

fn is_close_quote(s: &str) -> bool {
    matches!(s, "”" | "\"" | "’" | "»")
}

fn is_dash(s: &str) -> bool {
    matches!(s, "-" | "–" | "—")
}

/// The part of a capitalized token that is a name: drops a possessive
/// ("Taliban’s") and a lower-case hyphenated tail ("Western-backed").
/// Returns the name's byte length and whether something was dropped.
fn name_part(tok: &str) -> (usize, bool) {
    for suf in ["’s", "'s", "’", "'"] {
        if tok.len() > suf.len() + 1 && tok.ends_with(suf) {
            return (tok.len() - suf.len(), true);
        }
    }
    // "al-Qaeda-linked", "IS-affiliated", "Hezbollah-run": a participle
    // glued to a name with a particle drops too.
    if let Some(pos) = tok.rfind('-') {
        let (head, tail) = (&tok[..pos], &tok[pos + 1..]);
        let participle = tail.len() >= 3
            && tail.chars().all(|c| c.is_ascii_lowercase())
            && (tail.ends_with("ed") || matches!(tail, "run" | "held" | "led"));
        if participle && head.contains('-') && head.chars().any(char::is_uppercase) {
            return (pos, true);
        }
    }
    if let Some(pos) = tok.find('-') {
        let tail = &tok[pos + 1..];
        let head = &tok[..pos];
        if first_upper(head) && tail.chars().next().is_some_and(|c| c.is_lowercase()) {
            // "al-Qaeda" keeps its particle; "Western-backed" drops the tail.
            let tail_has_upper = tail.split('-').any(first_upper);
            if !tail_has_upper {
                return (pos, true);
            }
        }
    }
    (tok.len(), false)
}

/// A name particle in lower case glued to a capitalized name ("al-Muhajir").
fn particle_name(lex: &Lexicon, tok: &str) -> bool {
    if let Some((p, rest)) = tok.split_once('-') {
        return first_upper(rest) && (lex.is("name_particle", p) || capitalized_particle(lex, p));
    }
    false
}

/// "Al" in "Al-Qaderi", "El" in "El-Sisi": a particle capitalized at the
/// head of a name (lower-cased on the stack: this runs per token).
fn capitalized_particle(lex: &Lexicon, p: &str) -> bool {
    let mut buf = [0u8; 8];
    if !first_upper(p) || !p.is_ascii() || p.len() > buf.len() {
        return false;
    }
    let lower = &mut buf[..p.len()];
    lower.copy_from_slice(p.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(|l| lex.is("name_particle", l))
}

/// A surname's key for linking short forms: a particle glued to it is
/// lower-cased ("Al-Qaderi" at a sentence's head is "al-Qaderi").
fn surname_key<'a>(lex: &Lexicon, w: &'a str) -> std::borrow::Cow<'a, str> {
    match w.split_once('-') {
        Some((p, rest)) if capitalized_particle(lex, p) => {
            std::borrow::Cow::Owned(format!("{}-{rest}", p.to_ascii_lowercase()))
        }
        _ => std::borrow::Cow::Borrowed(w),
    }
}

fn is_cap_token(lex: &Lexicon, view: &TextView, i: usize) -> bool {
    let t = &view.tokens[i];
    if t.kind != TokenKind::Word {
        return false;
    }
    let s = view.tok(i);
    first_upper(s) || particle_name(lex, s)
}

/// A name (or a definite description) found by [`find_entities`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntityMention {
    /// Where it is in the text.
    pub span: Span,
    /// Kind of the document entity it belongs to (after linking: a surname
    /// linked to a person is a person).
    pub kind: EntityKind,
    /// Index into [`FoundEntities::entities`].
    pub entity: usize,
    /// True for a definite description ("the group") rather than a name.
    pub description: bool,
}

/// What [`find_entities`] returns.
#[derive(Clone, Debug, Default)]
pub struct FoundEntities {
    /// Mentions in text order; descriptions that found no group are left out.
    pub mentions: Vec<EntityMention>,
    /// Document entities, in order of first mention.
    pub entities: Vec<LocalEntity>,
}

/// Entity recognition and in-document linking on plain text: the stages
/// [`annotate`](crate::annotate) runs (paragraphs, sentences, tokens,
/// [`recognize`], [`link`]), without claims and events. Used by the CoNLL
/// evaluation and the entity benchmark so that both measure the product's
/// code path.
///
/// ```
/// use dossier_core::{find_entities, EntityKind};
///
/// let text = "Jennifer Cafarella, a fellow at the Institute for the Study of War (ISW), \
///             said the group was active in Kabul. Cafarella added that ISW had warned of it.";
/// let found = dossier_core::find_entities(text, None);
/// let kinds: Vec<(&str, EntityKind)> =
///     found.mentions.iter().map(|m| (m.span.slice(text), m.kind)).collect();
/// assert!(kinds.contains(&("Jennifer Cafarella", EntityKind::Person)));
/// assert!(kinds.contains(&("Kabul", EntityKind::Place)));
/// let isw = found.mentions.iter().find(|m| m.span.slice(text) == "ISW").unwrap();
/// assert_eq!(found.entities[isw.entity].name, "Institute for the Study of War");
/// ```
pub fn find_entities(text: &str, title: Option<&str>) -> FoundEntities {
    let lex: &'static Lexicon = &crate::lexicon::LEXICON;
    let paragraphs = crate::segment::paragraphs(text);
    let sentences = crate::segment::sentences(text, &paragraphs);
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut sent_toks = Vec::with_capacity(sentences.len());
    for &s in &sentences {
        let first = tokens.len();
        crate::segment::tokenize_into(text, s, &mut tokens);
        sent_toks.push((first, tokens.len()));
    }
    let view = TextView::new(text, &tokens, &sent_toks);
    let (mut names, links) = recognize(lex, &view, &Clock::unlimited());
    let entities = link(lex, &view, title, &mut names, &links);
    let mentions = names
        .iter()
        .filter(|m| m.entity != usize::MAX)
        .map(|m| EntityMention {
            span: m.span,
            kind: entities[m.entity].kind,
            entity: m.entity,
            description: m.via == Via::Description,
        })
        .collect();
    FoundEntities { mentions, entities }
}

const CONNECTORS: &[&str] =
    &["de", "du", "del", "la", "le", "bin", "ibn", "van", "von", "da", "al", "e", "the"];

/// A single capital letter: an initial ("George F. Hauser").
fn is_initial(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(char::is_uppercase) && c.next().is_none()
}

/// A capitalized abbreviation written before a dot inside a name: an
/// initial, a title ("Dr", "Gen"), a suffix ("Jr") or "St"/"Mt"/"Ft".
fn dotted_abbreviation(lex: &Lexicon, s: &str) -> bool {
    is_initial(s)
        || lex.roles.contains_key(&format!("{s}."))
        || lex.is("name_suffix", s)
        || (lex.is("place_prefix", s) && s.len() == 2)
        || s == "St"
}

/// Token `k` is the dot of a name suffix ("Jr.").
fn suffix_dot(lex: &Lexicon, view: &TextView, k: usize) -> bool {
    k > 0 && view.tok(k) == "." && lex.is("name_suffix", view.tok(k - 1))
}

/// True when most words of the sentence are written in capitals (a
/// headline): capitalization then says nothing about names.
fn caps_sentence(view: &TextView, s_first: usize, s_last: usize) -> bool {
    let (mut words, mut caps) = (0usize, 0usize);
    for i in s_first..s_last {
        if view.tokens[i].kind != TokenKind::Word {
            continue;
        }
        let mut letters = view.tok(i).chars().filter(|c| c.is_alphabetic()).peekable();
        if letters.peek().is_none() {
            continue;
        }
        words += 1;
        let mut n = 0;
        if letters.all(|c| {
            n += 1;
            c.is_uppercase()
        }) && n >= 2
        {
            caps += 1;
        }
    }
    words >= 3 && caps * 10 >= words * 6
}

/// Function words that a heading in title case capitalizes ("Of", "The"):
/// one of them marks the heading, and none begins a name in it.
const HEADING_FUNCTION_WORDS: [&str; 17] = [
    "of", "the", "and", "in", "for", "to", "on", "at", "with", "by", "from", "as", "an", "is",
    "are", "its", "their",
];

/// A heading in title case ("History Of The Baloch Liberation Army",
/// "Who Are The Houthis?"): every word capitalized, with a capitalized
/// function word among them, and no full stop at its end. As in a headline
/// in capitals, its capitals say nothing of where names begin and end.
fn title_case_heading(view: &TextView, s_first: usize, s_last: usize) -> bool {
    if s_last <= s_first || matches!(view.tok(s_last - 1), "." | "!" | ";" | ",") {
        return false;
    }
    let (mut words, mut function) = (0usize, 0usize);
    for i in s_first..s_last {
        if view.tokens[i].kind != TokenKind::Word {
            continue;
        }
        let t = view.tok(i);
        if !t.chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        if !first_upper(t) {
            return false;
        }
        words += 1;
        function += usize::from(HEADING_FUNCTION_WORDS.iter().any(|f| t.eq_ignore_ascii_case(f)));
    }
    words >= 3 && function >= 1
}

struct Candidate {
    first: usize,
    last: usize, // exclusive
    end_byte: usize,
}

/// A name goes on after token `k`, which `name_part` would cut: a
/// possessive of a collective noun that names take ("New People's Army",
/// "Kurdistan Workers' Party": `possessive_name` in `data/cues/hygiene.tsv`)
/// or of a longer name the lexicon knows, and a name particle after a
/// hyphen ("Jaish-e Mohammad", "Lashkar-e Taiba"), each before another
/// capitalized word.
fn goes_on_after(lex: &Lexicon, view: &TextView, first: usize, k: usize, s_last: usize) -> bool {
    if k + 1 >= s_last || !is_cap_token(lex, view, k + 1) {
        return false;
    }
    let t = view.tok(k);
    let (len, _) = name_part(t);
    let tail = &t[len..];
    if let Some(particle) = tail.strip_prefix('-') {
        return lex.is("hyphen_particle", particle);
    }
    tail.starts_with(['\'', '’']) && possessive_goes_on(lex, view, first, &t[..len], k + 1, s_last)
}

/// A possessive `word` inside a name that goes on at token `next` (see
/// [`goes_on_after`]).
fn possessive_goes_on(
    lex: &Lexicon,
    view: &TextView,
    first: usize,
    word: &str,
    next: usize,
    s_last: usize,
) -> bool {
    if lex.is("possessive_name", word) {
        return true;
    }
    let start = view.tokens[first].span.start();
    (next + 1..(next + 4).min(s_last + 1))
        .take_while(|&j| is_cap_token(lex, view, j - 1))
        .any(|j| !lex.lookup(&view.text[start..view.tokens[j - 1].span.end()]).is_empty())
}

fn candidates(lex: &Lexicon, view: &TextView, s_first: usize, s_last: usize) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = s_first;
    while i < s_last {
        if !is_cap_token(lex, view, i) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i + 1;
        let (len, cut) = name_part(view.tok(i));
        let mut end_byte = view.tokens[i].span.start() + len;
        let mut stop = cut;
        if cut && goes_on_after(lex, view, first, i, s_last) {
            stop = false;
            end_byte = view.tokens[i].span.end();
        }
        let mut open_quote = false;
        while !stop && last < s_last {
            let t = view.tok(last);
            // "took over Mumbai Wednesday", "police in Kabul Friday said": a
            // day after a name is a time, not part of it ("Easter Sunday",
            // "Good Friday" are days, named as such).
            if crate::scan::is_weekday(t)
                && !lex.is("day_modifier", &view.tok(last - 1).to_lowercase())
            {
                break;
            }
            if is_cap_token(lex, view, last) {
                if let Some(at) = title_splits(lex, view, first, last, s_last) {
                    last = at;
                    end_byte = view.tokens[at - 1].span.end();
                    break;
                }
                let (len, cut) = name_part(t);
                end_byte = view.tokens[last].span.start() + len;
                stop = cut;
                if cut && goes_on_after(lex, view, first, last, s_last) {
                    stop = false;
                    end_byte = view.tokens[last].span.end();
                }
                last += 1;
                continue;
            }
            let prev = view.tok(last - 1);
            // "Kurdistan Workers' Party": the apostrophe of a plural
            // possessive, written as a token of its own.
            if matches!(t, "'" | "’")
                && view.tokens[last].span.start() == view.tokens[last - 1].span.end()
                && last + 1 < s_last
                && is_cap_token(lex, view, last + 1)
                && possessive_goes_on(lex, view, first, prev, last + 1, s_last)
            {
                last += 1;
                continue;
            }
            // "George F. Hauser", "Dr. Nner", "St. Louis": a dot after an
            // abbreviation inside a name; "Clay Tice Jr." ends with it.
            if t == "." && dotted_abbreviation(lex, prev) {
                if last + 1 < s_last && is_cap_token(lex, view, last + 1) {
                    last += 1;
                    continue;
                }
                if lex.is("name_suffix", prev) && last - first >= 3 {
                    end_byte = view.tokens[last].span.end();
                    last += 1;
                }
                break;
            }
            // "and" and "in" go on only inside a known name ("Bosnia and
            // Herzegovina", "Islamic State in the Greater Sahara", "Islamic
            // State in Iraq and the Levant"); so do "of" and "for" where the
            // rule below would not take them.
            if matches!(t, "and" | "in" | "of" | "for") && last + 1 < s_last {
                if let Some(e) = defined_name_end(lex, view, first, last, s_last) {
                    last = e;
                    end_byte = view.tokens[e - 1].span.end();
                    stop = true;
                    continue;
                }
                let mut k = last + 1;
                if view.tok(k) == "the" && k + 1 < s_last {
                    k += 1;
                }
                if is_cap_token(lex, view, k) {
                    let mut j = k;
                    while j < s_last
                        && j < k + 6
                        && (is_cap_token(lex, view, j)
                            || matches!(view.tok(j), "and" | "of" | "the" | "in" | "for"))
                    {
                        j += 1;
                    }
                    let start = view.tokens[first].span.start();
                    let known = (k + 1..=j).rev().find(|&e| {
                        is_cap_token(lex, view, e - 1)
                            && !lex
                                .lookup(&view.text[start..view.tokens[e - 1].span.end()])
                                .is_empty()
                    });
                    if let Some(e) = known {
                        last = e;
                        end_byte = view.tokens[e - 1].span.end();
                        stop = true;
                        continue;
                    }
                }
            }
            // A connector followed by a capitalized token; "of" and "for"
            // only after a word that heads such names ("Bank of England",
            // "Gulf of Aden"), not after a person ("John McLaughlin of the
            // Mahavishnu Orchestra").
            let of_for = t == "of" || t == "for";
            let joins = if of_for {
                // Once a name has gone on over "of" it may again ("Institute
                // for the Study of War").
                (first..last).any(|k| {
                    let w = view.tok(k);
                    lex.is_of_head(&w[..name_part(w).0])
                })
            } else {
                CONNECTORS.contains(&t) || is_dash(t)
            };
            if joins && last + 1 < s_last {
                let mut k = last + 1;
                if of_for && view.tok(k) == "the" && k + 1 < s_last {
                    k += 1;
                }
                if is_cap_token(lex, view, k) && !lex.is_stop_cap(view.tok(k)) {
                    last = k;
                    continue;
                }
            }
            if is_open_quote(t)
                && !open_quote
                && last + 1 < s_last
                && is_cap_token(lex, view, last + 1)
            {
                open_quote = true;
                last += 1;
                continue;
            }
            if open_quote && is_close_quote(t) {
                end_byte = view.tokens[last].span.end();
                last += 1;
                // "Jimmy “Barbecue” Chérizier", "Joaquín "El Chapo" Guzmán":
                // a nickname between a given name and a family name.
                let given =
                    lex.first_name(view.tok(first)).is_some() && is_open_quote(view.tok(first + 1));
                if given
                    && last < s_last
                    && is_cap_token(lex, view, last)
                    && !lex.is_stop_cap(view.tok(last))
                {
                    end_byte = view.tokens[last].span.end();
                    last += 1;
                }
                break;
            }
            break;
        }
        let open_at = (first..last).find(|&k| is_open_quote(view.tok(k)));
        let closed = |q: usize| (q + 1..last).any(|k| is_close_quote(view.tok(k)));
        if open_quote && !open_at.is_some_and(closed) {
            // An unclosed quote: keep only the part before it.
            let q = open_at.unwrap_or(last);
            last = q;
            end_byte = view.tokens[q - 1].span.end();
        }
        // Trailing connectors never end a name.
        while last > first + 1
            && !is_cap_token(lex, view, last - 1)
            && !is_close_quote(view.tok(last - 1))
            && !suffix_dot(lex, view, last - 1)
        {
            last -= 1;
            end_byte = view.tokens[last - 1].span.end();
        }
        // "the Haqqani network", "the Sinaloa cartel": a lower-case head
        // that the catalog's name of a group includes, where the name alone
        // is no group (a family name, a state).
        if last < s_last && matches!(view.tok(last), "network" | "cartel" | "militia" | "movement")
        {
            let start = view.tokens[first].span.start();
            let is_group = |end: usize| {
                lex.lookup(&view.text[start..end]).iter().any(|e| e.class == EntryClass::Group)
            };
            let with_head = view.tokens[last].span.end();
            if !is_group(end_byte) && is_group(with_head) {
                last += 1;
                end_byte = with_head;
            }
        }
        out.push(Candidate { first, last, end_byte });
        i = last.max(first + 1);
    }
    out
}

/// A name that goes on over "and" or "in" because the text defines it as
/// an acronym's long form, either way round: "the JNIM (Support Front for
/// Islam and Muslims)" or "the Front for Justice and Equality (FJE)". `last`
/// is the connector; returns the end (exclusive) of the whole name.
fn defined_name_end(
    lex: &Lexicon,
    view: &TextView,
    first: usize,
    last: usize,
    s_last: usize,
) -> Option<usize> {
    const WORDS: usize = 10;
    let function = |w: &str| matches!(w, "and" | "of" | "the" | "in" | "for" | "de" | "al");
    let mut j = last;
    while j < s_last && j < first + WORDS && (is_cap_token(lex, view, j) || function(view.tok(j))) {
        j += 1;
    }
    if j >= s_last || !is_cap_token(lex, view, j - 1) {
        return None;
    }
    let long = &view.text[view.tokens[first].span.start()..view.tokens[j - 1].span.end()];
    // "ACR (Long Name and More)": the parenthesis closes right after it.
    let inside = first >= 2
        && view.tok(first - 1) == "("
        && view.tok(j) == ")"
        && is_acronym(view.tok(first - 2))
        && long.split_whitespace().count() >= 3;
    // "Long Name and More (ACR)": its initials spell the acronym.
    let before = j + 2 < s_last
        && view.tok(j) == "("
        && view.tok(j + 2) == ")"
        && spells_acronym(view.tok(j + 1), long);
    (inside || before).then_some(j)
}

/// Finds entity mentions in every sentence.
pub(crate) fn recognize(
    lex: &'static Lexicon,
    view: &TextView,
    clock: &Clock,
) -> (Vec<NameMention>, Vec<(usize, usize)>) {
    let mut mentions: Vec<NameMention> = Vec::new();
    let mut alias_links: Vec<(usize, usize)> = Vec::new();
    for (si, &(s_first, s_last)) in view.sent_toks.iter().enumerate() {
        if clock.over() {
            break;
        }
        let before = mentions.len();
        let caps =
            caps_sentence(view, s_first, s_last) || title_case_heading(view, s_first, s_last);
        for c in candidates(lex, view, s_first, s_last) {
            if caps {
                known_parts_only(lex, view, c, &mut mentions);
            } else {
                resolve_candidate(lex, view, si, c, &mut mentions);
            }
        }
        descriptions(lex, view, s_first, s_last, &mut mentions);
        mentions[before..].sort_by_key(|m| m.span.start);
        alias_definitions(lex, view, &mut mentions, before, &mut alias_links);
    }
    unsupported_short_forms(lex, view, &mut mentions);
    unarmed_groups(lex, view, &mut mentions);
    cities_named_as_written(lex, view, &mut mentions);
    towns_in_context(lex, view, &mut mentions);
    countries_in_context(lex, view, &mut mentions);
    groups_in_context(lex, view, &mut mentions);
    capitals_described(lex, view, &mut mentions);
    (mentions, alias_links)
}

/// "the Westlands district of Kenya's capital", "in the Afghan capital":
/// a country's possessive or its adjective before "capital" names the
/// country's capital city (`capital` in `data/places/countries.tsv`). The
/// country's mention becomes one of the city spanning both words, so that
/// "Kenya's capital" is a name the documents give Nairobi. Not when a name
/// follows, which names the city itself ("Kenya's capital Nairobi").
fn capitals_described(lex: &'static Lexicon, view: &TextView, mentions: &mut [NameMention]) {
    for m in mentions.iter_mut() {
        let Some(e) = m.entry else { continue };
        let mut k = m.toks.1;
        let described = match e.class {
            EntryClass::Country => {
                let rest = &view.text[m.span.end()..];
                if k < view.tokens.len() && matches!(view.tok(k), "'s" | "’s") {
                    k += 1;
                }
                rest.starts_with("'s") || rest.starts_with("’s")
            }
            // ("the Afghan capital")
            EntryClass::Nationality => {
                m.toks.0 > 0 && view.tok(m.toks.0 - 1).eq_ignore_ascii_case("the")
            }
            _ => false,
        };
        if !described || k >= view.tokens.len() || view.tok(k) != "capital" {
            continue;
        }
        let named_after = k + 1 < view.tokens.len()
            && view.tokens[k + 1].kind == TokenKind::Word
            && first_upper(view.tok(k + 1));
        let Some(city) = e.country.as_deref().and_then(|c| lex.capital(c)) else { continue };
        if named_after {
            continue;
        }
        let end = view.tokens[k].span.end();
        *m = make(lex, view, (m.toks.0, k + 1), end, EntityKind::Place, Some(city));
    }
}

/// "Ahl al-Sunnah wal Jamaah (ASWJ) attacked the Mozambican town of
/// Palma": a name that several catalog groups bear (here a Pakistani party's
/// and the Mozambican insurgents') is the group of a country the text names.
/// When the text names none of their countries, it is none of them: the name
/// stays, with no catalog group.
fn groups_in_context(lex: &'static Lexicon, view: &TextView, mentions: &mut [NameMention]) {
    let mut countries: Option<HashSet<&str>> = None;
    for i in 0..mentions.len() {
        let Some(e) = mentions[i].entry.filter(|e| e.kind == EntityKind::Group) else { continue };
        let bearers: Vec<&'static Entry> = lex
            .lookup(mentions[i].span.slice(view.text))
            .into_iter()
            .filter(|o| o.kind == EntityKind::Group)
            .collect();
        if !bearers.iter().any(|o| o.id != e.id) {
            continue;
        }
        let countries = countries.get_or_insert_with(|| {
            mentions
                .iter()
                .filter_map(|m| m.entry)
                .filter(|e| e.kind != EntityKind::Group)
                .filter_map(|e| e.country.as_deref())
                .collect()
        });
        let fits = |e: &Entry| {
            lex.group_countries(e.id.as_str()).iter().any(|c| countries.contains(c.as_str()))
        };
        mentions[i].entry = if fits(e) { Some(e) } else { bearers.into_iter().find(|o| fits(o)) };
    }
}

/// Cities of at least this many people win over a province that only
/// shares their name's key ([`cities_named_as_written`]).
const CITY_AS_WRITTEN_MIN_POPULATION: u64 = 100_000;

/// "Christchurch" is New Zealand's city, not Barbados's parish "Christ
/// Church", which only shares its spelling key: a province found by a name
/// written otherwise gives way to a large city named exactly as written.
fn cities_named_as_written(lex: &'static Lexicon, view: &TextView, mentions: &mut [NameMention]) {
    for m in mentions.iter_mut() {
        let Some(e) = m.entry.filter(|e| e.class == EntryClass::Subdivision) else { continue };
        let surface = m.span.slice(view.text).trim();
        if surface.eq_ignore_ascii_case(&e.name) {
            continue;
        }
        let city = lex.lookup(surface).into_iter().find(|o| {
            o.class == EntryClass::City
                && o.population >= CITY_AS_WRITTEN_MIN_POPULATION
                && o.name.eq_ignore_ascii_case(surface)
        });
        if let Some(c) = city {
            m.entry = Some(c);
        }
    }
}

/// "Asadabad, Kunar province": a town's name that several countries share
/// is taken by population first; where the text names another bearer's
/// province or country and not the first's, it is that other town.
fn towns_in_context(lex: &'static Lexicon, view: &TextView, mentions: &mut [NameMention]) {
    let (mut countries, mut admin1s) = (Vec::new(), Vec::new());
    for e in mentions.iter().filter_map(|m| m.entry) {
        match e.class {
            EntryClass::Country | EntryClass::Nationality => countries.extend(e.country.as_deref()),
            EntryClass::Subdivision => {
                countries.extend(e.country.as_deref());
                admin1s.push(e.id.strip_prefix("adm1:").unwrap_or(&e.id));
            }
            _ => {}
        }
    }
    if countries.is_empty() {
        return;
    }
    let fit = |e: &Entry| {
        if e.admin1.as_deref().is_some_and(|a| admin1s.contains(&a)) {
            2
        } else {
            u8::from(e.country.as_deref().is_some_and(|c| countries.contains(&c)))
        }
    };
    for m in mentions.iter_mut() {
        let Some(e) = m.entry.filter(|e| e.class == EntryClass::City) else {
            continue;
        };
        let have = fit(e);
        if have == 2 {
            continue;
        }
        let better = lex
            .lookup(m.span.slice(view.text))
            .into_iter()
            .filter(|o| o.class == EntryClass::City && o.id != e.id)
            .map(|o| (fit(o), o))
            // The country alone moves a name only between towns of like
            // size: "Rome and the U.S." is still Italy's Rome, but
            // "Paris, Texas" is the Texan one.
            .filter(|&(f, o)| {
                f > have && (f == 2 || o.population.saturating_mul(20) >= e.population)
            })
            .max_by_key(|&(f, o)| (f, o.population));
        if let Some((_, o)) = better {
            m.entry = Some(o);
        } else if have == 0 && lex.key(&e.name) != m.key && far_from(lex, e, &countries) {
            // "Samar" (a Philippine island) is also a name of Samara: a town
            // found only by another of its names, half a world away from
            // every country the text names, is not that town.
            m.entry = None;
        }
    }
}

/// "BENI, Congo ... in North Kivu province": a country's name (or
/// demonym) that two countries share ("Congo", "Congolese") is the one
/// whose towns and provinces the text names most; without any, the first
/// in the gazetteer.
fn countries_in_context(lex: &'static Lexicon, view: &TextView, mentions: &mut [NameMention]) {
    let shared = |m: &NameMention| {
        m.entry.filter(|e| matches!(e.class, EntryClass::Country | EntryClass::Nationality))
    };
    if !mentions.iter().any(|m| shared(m).is_some()) {
        return;
    }
    let mut named: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for e in mentions.iter().filter_map(|m| m.entry) {
        if matches!(e.class, EntryClass::City | EntryClass::Subdivision) {
            if let Some(c) = e.country.as_deref() {
                *named.entry(c).or_default() += 1;
            }
        }
    }
    if named.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        let Some(e) = shared(m) else { continue };
        let score =
            |x: &Entry| x.country.as_deref().and_then(|c| named.get(c)).copied().unwrap_or(0);
        let best = lex
            .lookup(m.span.slice(view.text))
            .into_iter()
            .filter(|o| o.class == e.class && o.id != e.id)
            .filter(|o| score(o) > score(e))
            .max_by_key(|o| score(o));
        if let Some(o) = best {
            m.entry = Some(o);
        }
    }
}

/// Is the city `e` more than 3,000 km from the centre of every one of
/// `countries` (those the gazetteer locates)?
fn far_from(lex: &Lexicon, e: &Entry, countries: &[&str]) -> bool {
    let Some((lat, lon)) = e.coords else { return false };
    let centres: Vec<(f64, f64)> = countries
        .iter()
        .filter_map(|c| lex.by_id(&format!("country:{c}")).and_then(|x| x.coords))
        .collect();
    !centres.is_empty()
        && centres.iter().all(|&(la, lo)| {
            // Haversine, in km.
            let (p1, p2) = (lat.to_radians(), la.to_radians());
            let (dp, dl) = ((la - lat).to_radians(), (lo - lon).to_radians());
            let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
            2.0 * 6371.0 * h.sqrt().asin() > 3000.0
        })
}

/// "The X group" makes an unknown name X an armed group only on evidence of
/// armed activity near one of its mentions: a word of armed conflict (the
/// [`ARMED_CONTEXT`] lists: "militants", "fighters", "attack", "killed"...)
/// in its sentence or the sentences on either side. Business news says "the
/// Tata group", "the Lagardère group" and "the G20 group of nations" of
/// companies, alliances and indexes: without that evidence the name is an
/// organization. Mentions with one spelling key stand or fall together, and
/// a name that is a group by any other sign (its own words, the catalog, a
/// description of arms) is left alone.
fn unarmed_groups(lex: &Lexicon, view: &TextView, mentions: &mut [NameMention]) {
    let unknown_group =
        |m: &NameMention| m.via == Via::Name && m.entry.is_none() && m.kind == EntityKind::Group;
    let the_x_group = |m: &NameMention| {
        m.toks.0 >= 1 && tok_is(view, m.toks.0 - 1, "the") && tok_is(view, m.toks.1, "group")
    };
    if !mentions.iter().any(|m| unknown_group(m) && the_x_group(m)) {
        return;
    }
    let n = view.sent_toks.len();
    let mut lower = String::new();
    let armed_sentence: Vec<bool> = view
        .sent_toks
        .iter()
        .map(|&(a, b)| {
            (a..b.min(view.tokens.len())).any(|k| {
                lower.clear();
                lower.extend(view.tok(k).chars().flat_map(char::to_lowercase));
                ARMED_CONTEXT.iter().any(|c| lex.is(c, &lower))
            })
        })
        .collect();
    let near_arms = |m: &NameMention| {
        let si = view.sentence_of(m.toks.0);
        (si.saturating_sub(1)..(si + 2).min(n)).any(|k| armed_sentence[k])
    };
    let evidenced: HashSet<String> = mentions
        .iter()
        .filter(|m| unknown_group(m) && (!the_x_group(m) || near_arms(m)))
        .map(|m| m.key.clone())
        .collect();
    for m in mentions.iter_mut() {
        if unknown_group(m) && !evidenced.contains(&m.key) {
            m.kind = EntityKind::Organization;
        }
    }
}

/// Cue lists whose words show a text is about armed conflict.
const ARMED_CONTEXT: &[&str] = &[
    "armed_context",
    "kill_verb",
    "attacker_noun",
    "event_attack",
    "event_bombing",
    "event_clash",
    "event_raid",
    "event_ambush",
    "event_shooting",
    "event_kidnapping",
    "event_suicide_bombing",
    "event_shelling",
];

/// A catalog group matched only by a short form ("FSA", "EPP", "IEA")
/// stays the group only with support in the text: its full name, a country
/// it operates in, or words of armed conflict. "The FSA fined the bank" is
/// a financial regulator; "the EPP group in the European Parliament" a
/// party. Without support the name stays, as an unknown organization.
fn unsupported_short_forms(lex: &Lexicon, view: &TextView, mentions: &mut [NameMention]) {
    let short = |m: &NameMention| {
        let s = m.span.slice(view.text);
        crate::lexicon::is_acronym(s) || crate::lexicon::is_mixed_short_form(s)
    };
    let doubtful = |m: &NameMention| {
        m.via == Via::Name && m.entry.is_some_and(|e| e.kind == EntityKind::Group) && short(m)
    };
    if !mentions.iter().any(doubtful) {
        return;
    }
    let armed = std::cell::OnceCell::new();
    let armed = || {
        *armed.get_or_init(|| {
            let mut lower = String::new();
            (0..view.tokens.len()).any(|k| {
                lower.clear();
                lower.extend(view.tok(k).chars().flat_map(char::to_lowercase));
                ARMED_CONTEXT.iter().any(|c| lex.is(c, &lower))
            })
        })
    };
    // One pass: the entries the text names in full, and the countries of
    // the places it names.
    let mut named_in_full: HashSet<&str> = HashSet::default();
    let mut countries: HashSet<&str> = HashSet::default();
    for m in mentions.iter() {
        let Some(e) = m.entry else { continue };
        if e.kind == EntityKind::Place {
            countries.extend(e.country.as_deref());
        } else if !short(m) {
            named_in_full.insert(e.id.as_str());
        }
    }
    let mut demote = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if !doubtful(m) {
            continue;
        }
        let Some(e) = m.entry else { continue };
        // Its full name, or that of a branch or parent ("an ISIS affiliate"
        // beside "Islamic State in the Greater Sahara"), a country it
        // operates in, or words of armed conflict.
        let kin = || {
            named_in_full
                .iter()
                .any(|&f| lex.is_branch_of(f, e.id.as_str()) || lex.is_branch_of(e.id.as_str(), f))
        };
        let supported = named_in_full.contains(e.id.as_str())
            || lex.group_countries(e.id.as_str()).iter().any(|c| countries.contains(c.as_str()))
            || armed()
            || kin();
        if !supported {
            demote.push(i);
        }
    }
    for i in demote {
        let m = &mut mentions[i];
        m.entry = None;
        m.kind = EntityKind::Organization;
    }
}

fn make(
    lex: &Lexicon,
    view: &TextView,
    toks: (usize, usize),
    end_byte: usize,
    kind: EntityKind,
    entry: Option<&'static Entry>,
) -> NameMention {
    let span = Span::new(view.tokens[toks.0].span.start(), end_byte);
    NameMention {
        span,
        toks,
        kind,
        entry,
        key: mention_key(lex, span.slice(view.text)),
        via: Via::Name,
        entity: usize::MAX,
        weak: false,
        antecedent: None,
    }
}

/// The key a mention links by inside its document: the spelling key,
/// except for a short form in mixed case, which links only as written
/// ("LeT" is not the sentence-opening "Let").
fn mention_key(lex: &Lexicon, s: &str) -> String {
    if crate::lexicon::is_mixed_short_form(s) {
        format!("={}", s.trim())
    } else {
        lex.key(s)
    }
}

fn lookup_tokens(
    lex: &'static Lexicon,
    view: &TextView,
    a: usize,
    b: usize,
    end_byte: usize,
) -> Option<&'static Entry> {
    let s = &view.text[view.tokens[a].span.start()..end_byte];
    let found = lex.lookup(s);
    if found.is_empty() {
        return None;
    }
    // "Come", "Store", "Delta": a one-word town or region that the text
    // also writes as an ordinary lower-case word needs "in"/"near" first.
    let common_word = std::cell::OnceCell::new();
    let common_word = || *common_word.get_or_init(|| b - a == 1 && lower_case_in_text(view, s));
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = s.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
    let (s_first, _) = view.sent_toks[view.sentence_of(a)];
    let prev = if a > s_first { view.tok(a - 1) } else { "" };
    // "news agency SANA reported": a short word in capitals inside a
    // sentence is an acronym, not a place the gazetteer spells in lower
    // case ("Sana", a spelling of Sanaa), unless the gazetteer spells it so
    // ("KPK"), "in" precedes it or a dateline's punctuation follows it
    // ("YALA, Thailand —").
    let acronym_only = all_caps
        && letters <= 4
        && b - a == 1
        && a > s_first
        && !lex.spelled_in_capitals(s)
        && !lex.is("locative", prev)
        && !(b < view.tokens.len() && matches!(view.tok(b), "," | "—" | "–" | "-" | ":" | "("));
    found.into_iter().find(|e| {
        // "Western-backed", "Central": compass words are not places on their own.
        if b - a == 1
            && matches!(e.class, EntryClass::City | EntryClass::Subdivision | EntryClass::Region)
            && lex.is("generic_place", s)
        {
            return false;
        }
        let local =
            matches!(e.class, EntryClass::City | EntryClass::Subdivision | EntryClass::Region);
        if local && !lex.is("locative", prev) && common_word() {
            return false;
        }
        if local && acronym_only && !e.acronym {
            return false;
        }
        if e.class != EntryClass::City {
            return true;
        }
        // "UN" is not the town of Un: a city written in capitals must be
        // a large one with a name of four letters or more ("LONDON").
        if all_caps && (letters < 4 || e.population < SMALL_CITY_POPULATION) {
            return false;
        }
        if lex.is("locative", prev) {
            return true;
        }
        // Small towns need "in"/"near" before them, or an attack noun after
        // them ("the Pulwama attack", "a Quetta blast"), and so do towns
        // named like a common given name ("Mary", "George").
        let given_name =
            b - a == 1 && lex.first_name(s).is_some_and(|p| p >= COMMON_FIRST_NAME_PERCENT);
        (e.population >= SMALL_CITY_POPULATION || before_event_noun(lex, view, b)) && !given_name
    })
}

/// Whether token `k` is an event noun in lower case ("attack", "bombing",
/// "blast", "massacre"): a name just before it says where the event was.
fn before_event_noun(lex: &Lexicon, view: &TextView, k: usize) -> bool {
    if k >= view.tokens.len() {
        return false;
    }
    let next = view.tok(k);
    next.chars().next().is_some_and(char::is_lowercase)
        && !next.ends_with("ed")
        && ["event_attack", "event_bombing", "event_shooting", "event_suicide_bombing"]
            .iter()
            .any(|c| lex.is(c, next))
}

/// True when the capitalized word `w` ("Delta") also occurs in the text in
/// lower case ("delta") as a word of its own: then it is an ordinary word
/// that happens to be capitalized here.
fn lower_case_in_text(view: &TextView, w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else { return false };
    if !first.is_uppercase() || !chars.clone().all(|c| c.is_lowercase()) || w.len() < 3 {
        return false;
    }
    let lower: String = first.to_lowercase().chain(chars).collect();
    let text = view.text;
    if lower.chars().all(char::is_alphanumeric) {
        // A word of letters between non-alphanumeric neighbours is a whole
        // run of letters: one lookup in the document's words.
        return view
            .words
            .get_or_init(|| text.split(|c: char| !c.is_alphanumeric()).collect())
            .contains(lower.as_str());
    }
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, lower.as_bytes()).any(|i| {
        let before = text.get(..i).and_then(|t| t.chars().next_back());
        let after = text.get(i + lower.len()..).and_then(|t| t.chars().next());
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// In a headline written in capitals only known names count: the longest
/// known parts of the candidate, left to right.
fn known_parts_only(
    lex: &'static Lexicon,
    view: &TextView,
    c: Candidate,
    out: &mut Vec<NameMention>,
) {
    let mut k = c.first;
    while k < c.last {
        // A capitalized function word begins no name ("History Of The
        // Baloch Liberation Army").
        let w = view.tok(k);
        if w.eq_ignore_ascii_case("a")
            || HEADING_FUNCTION_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f))
        {
            k += 1;
            continue;
        }
        let mut j = c.last;
        let mut found = None;
        while j > k {
            let end = if j == c.last { c.end_byte } else { view.tokens[j - 1].span.end() };
            if is_cap_token(lex, view, k) && is_cap_token(lex, view, j - 1) {
                if let Some(e) = lookup_tokens(lex, view, k, j, end) {
                    found = Some((j, end, e));
                    break;
                }
            }
            j -= 1;
        }
        match found {
            Some((j, end, e)) => {
                out.push(make(lex, view, (k, j), end, e.kind, Some(e)));
                k = j;
            }
            None => k += 1,
        }
    }
}

/// The name part of token `i` (without a possessive).
fn word<'a>(view: &TextView<'a>, i: usize) -> &'a str {
    let t = view.tok(i);
    &t[..name_part(t).0]
}

/// The kind the words of a name give it: an organization cue at its end
/// ("Institute", "Inc"), a facility or place word at its end ("airport",
/// "River"), a place or organization word at its start ("Mount", "FC"), or
/// the head of an inner "of" ("University of Michigan", "Gulf of Aden").
fn cue_kind(
    lex: &'static Lexicon,
    view: &TextView,
    first: usize,
    last: usize,
    end_byte: usize,
) -> Option<EntityKind> {
    if last <= first + 1 {
        return None;
    }
    let last_word = &view.text[view.tokens[last - 1].span.start()..end_byte];
    let last_word = last_word.trim_end_matches('.');
    if let Some(&kind) = lex.org_cues.get(last_word) {
        // "Nangarhar Province": an armed-group cue after a known province
        // names the place ("Lion Front" stays a group whatever Lion is).
        if kind == EntityKind::Group {
            let e = lookup_tokens(lex, view, first, last - 1, view.tokens[last - 2].span.end());
            if e.is_some_and(|e| e.class == EntryClass::Subdivision) {
                return Some(EntityKind::Place);
            }
            // "US Army", "Pakistan Army": a country's own forces are a
            // state organization, not an armed group (a catalog group such
            // as a "Free Syrian Army" was matched whole before this).
            let country_first =
                lookup_tokens(lex, view, first, first + 1, view.tokens[first].span.end())
                    .is_some_and(|e| e.class == EntryClass::Country);
            if country_first {
                return Some(EntityKind::Organization);
            }
        }
        return Some(kind);
    }
    if lex.facility_cues.contains_key(&last_word.to_lowercase()) || lex.is("place_head", last_word)
    {
        return Some(EntityKind::Place);
    }
    let first_word = word(view, first);
    // Events, awards and laws: "Battle of Antietam", "Stanley Cup", "Armistice Day".
    if lex.is("misc_head", last_word)
        || (lex.is("misc_head", first_word) && matches!(view.tok(first + 1), "of" | "for"))
    {
        return Some(EntityKind::Other);
    }
    if lex.is("place_prefix", first_word) {
        return Some(EntityKind::Place);
    }
    if lex.is("org_prefix", first_word) {
        return Some(EntityKind::Organization);
    }
    for k in first + 1..last - 1 {
        if matches!(view.tok(k), "of" | "for") {
            let head = word(view, k - 1);
            if let Some(&kind) = lex.org_cues.get(head) {
                return Some(kind);
            }
            if lex.is("place_head", head) || lex.is("place_prefix", head) {
                return Some(EntityKind::Place);
            }
            break;
        }
    }
    None
}

/// A known town, province or country followed by one to three unknown
/// capitalized words names an organization based there: a newspaper, a
/// team, a company, a council ("Houston Chronicle", "Perth Glory", "Quetta
/// Shura").
fn place_and_name(
    lex: &'static Lexicon,
    view: &TextView,
    first: usize,
    last: usize,
    end_byte: usize,
) -> Option<EntityKind> {
    let j = (first + 1..last).rev().find(|&j| {
        lookup_tokens(lex, view, first, j, view.tokens[j - 1].span.end()).is_some_and(|e| {
            matches!(e.class, EntryClass::City | EntryClass::Subdivision | EntryClass::Country)
        })
    })?;
    let rest = last - j;
    // "Hassan Karimi": a town named like a common given name, then a
    // surname, is a person ("Houston Chronicle" stays an organization: its
    // first word is a rare given name).
    if j == first + 1
        && lex.first_name(word(view, first)).is_some_and(|p| p >= PLACE_AS_FIRST_NAME_PERCENT)
        && lookup_tokens(lex, view, first, j, view.tokens[first].span.end())
            .is_some_and(|e| e.class == EntryClass::City)
        && first_name_person(lex, view, first, last)
    {
        return None;
    }
    // "KABUL, Afghanistan - Gunmen ...": a dateline is no name.
    if rest > 3
        || (first..last).any(|k| is_dash(view.tok(k)))
        || !(j..last).all(|k| is_cap_token(lex, view, k) && !is_initial(view.tok(k)))
        || (j..last)
            .any(|k| lookup_tokens(lex, view, k, k + 1, view.tokens[k].span.end()).is_some())
        || lookup_tokens(lex, view, j, last, end_byte).is_some()
        || first_name_person(lex, view, j, last)
        || lex.is("generic_place", word(view, j))
    {
        return None;
    }
    Some(EntityKind::Organization)
}

/// Tokens `[a, b)` have the shape of a personal name: capitalized words,
/// initials with their dots, particles and suffixes, none in capitals only.
fn name_shaped(lex: &Lexicon, view: &TextView, a: usize, b: usize) -> bool {
    (a..b).all(|k| {
        let t = view.tok(k);
        if t == "." {
            return k > a && dotted_abbreviation(lex, view.tok(k - 1));
        }
        if CONNECTORS.contains(&t) || particle_name(lex, t) || is_initial(t) {
            return true;
        }
        // A nickname in quotes after the given name: "Jimmy “Barbecue” Chérizier".
        if (is_open_quote(t) && k == a + 1) || (is_close_quote(t) && k > a + 2 && k + 1 < b) {
            return true;
        }
        let w = word(view, k);
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && !w.chars().any(|c| c.is_ascii_digit())
    })
}

/// A personal name from its first word: a given name followed by one to
/// three more name-shaped words ("Edward Farr", "George F. Hauser").
fn first_name_person(lex: &Lexicon, view: &TextView, a: usize, b: usize) -> bool {
    let words = (a..b).filter(|&k| view.tokens[k].kind == TokenKind::Word).count();
    (2..=5).contains(&words)
        && lex.first_name(word(view, a)).is_some_and(|p| p >= FIRST_NAME_PERCENT)
        && name_shaped(lex, view, a, b)
        && !is_initial(view.tok(b - 1))
}

/// "Cauca Governor Elias Larrahondo", "Borno State Police Commissioner
/// Abubakar Umar": a capitalized title word at token `k` inside a run of
/// capitalized words, before a given name and one more name word, ends
/// the name before it and the words that modify the title ("State
/// Police", `title_modifier`): the token where the name before ends, when
/// that name is a known place or organization or has two words or more.
/// The title and the person's name after it are read apart.
fn title_splits(
    lex: &Lexicon,
    view: &TextView,
    first: usize,
    k: usize,
    s_last: usize,
) -> Option<usize> {
    let t = view.tok(k);
    if k + 2 > s_last || !first_upper(t) || lex.role(t).is_none() {
        return None;
    }
    let cap = |j: usize| j < s_last && first_upper(view.tok(j));
    // The title may have more words ("Police Commissioner").
    let mut j = k + 1;
    while j < k + 3 && cap(j) && lex.role(view.tok(j)).is_some() {
        j += 1;
    }
    if !(cap(j) && lex.first_name(view.tok(j)).is_some() && cap(j + 1)) {
        return None;
    }
    let mut at = k;
    while at > first && lex.is("title_modifier", &view.tok(at - 1).to_lowercase()) {
        at -= 1;
    }
    if at == first {
        return None;
    }
    let before = &view.text[view.tokens[first].span.start()..view.tokens[at - 1].span.end()];
    (at - first >= 2 || !lex.lookup(before).is_empty()).then_some(at)
}

/// Number of title tokens ("President", "Gen", "Gen .", "Lt. Gen.") at the
/// start of `[a, b)`.
///
/// Words that modify a title ("State Police Commissioner", `title_modifier`)
/// count when a title word follows them.
fn leading_titles(lex: &Lexicon, view: &TextView, a: usize, b: usize) -> usize {
    let mut k = a;
    let mut titled = a;
    // "Superintendent of Police X": the force an office is "of" is the
    // title's too.
    let of_office = a >= 2 && view.tok(a - 1) == "of" && lex.role(view.tok(a - 2)).is_some();
    while k < b {
        let t = view.tok(k);
        let dotted = k + 1 < b && view.tok(k + 1) == ".";
        let is_title = first_upper(t)
            && (lex.role(t).is_some() || (dotted && lex.roles.contains_key(&format!("{t}."))));
        if is_title {
            k += if dotted { 2 } else { 1 };
            titled = k;
        } else if first_upper(t) && !dotted && lex.is("title_modifier", &t.to_lowercase()) {
            k += 1;
            if of_office && k == a + 1 {
                titled = k;
            }
        } else {
            break;
        }
    }
    titled - a
}

/// A title or role right before token `a` ("leader X", "Gen. X", "Dr. X").
fn title_before(lex: &Lexicon, view: &TextView, s_first: usize, a: usize) -> bool {
    if a <= s_first {
        return false;
    }
    let p = view.tok(a - 1);
    if lex.role(p).is_some() {
        return true;
    }
    if p == "." && a >= s_first + 2 {
        let pp = view.tok(a - 2);
        return lex.roles.contains_key(&format!("{pp}.")) || lex.roles.contains_key(pp);
    }
    a >= s_first + 2 && {
        let two = format!("{} {}", view.tok(a - 2).to_lowercase(), p.to_lowercase());
        lex.is("person_before", &two)
    }
}

fn resolve_candidate(
    lex: &'static Lexicon,
    view: &TextView,
    si: usize,
    c: Candidate,
    out: &mut Vec<NameMention>,
) {
    let mut first = c.first;
    // Drop leading stop words ("The", "However", "Thursday's").
    while first < c.last && {
        let t = view.tok(first);
        lex.is_stop_cap(t) || (name_part(t).1 && lex.is_stop_cap(&t[..name_part(t).0]))
    } {
        first += 1;
    }
    if first >= c.last {
        return;
    }
    let last = c.last;
    let tok_end = |k: usize| -> usize {
        if k == last {
            c.end_byte
        } else {
            view.tokens[k - 1].span.end()
        }
    };
    // Whole candidate known?
    if let Some(e) = lookup_tokens(lex, view, first, last, c.end_byte) {
        push_known(lex, view, (first, last), c.end_byte, e, out);
        return;
    }
    // The words of the name tell its kind.
    if let Some(kind) = cue_kind(lex, view, first, last, c.end_byte) {
        out.push(make(lex, view, (first, last), c.end_byte, kind, None));
        return;
    }
    // "Abu Bakr al-Baghdadi", "Abu Mohammad al-Jolani": a name that opens
    // with a capitalized name particle (a kunya, "Abdul", "Mullah") is one
    // person, even where a word of it names a place somewhere ("Abu"),
    // unless its last words are a known group or organization.
    if last - first >= 2
        && first_upper(view.tok(first))
        && lex.is("name_particle", view.tok(first))
        && (first + 1..last).all(|k| {
            lookup_tokens(lex, view, k, last, c.end_byte)
                .is_none_or(|e| !matches!(e.kind, EntityKind::Group | EntityKind::Organization))
        })
    {
        out.push(make(lex, view, (first, last), c.end_byte, EntityKind::Person, None));
        return;
    }
    // "West Seattle", "Southern California": compass words and a known place.
    let mut g = first;
    while g + 1 < last && lex.is("generic_place", word(view, g)) {
        g += 1;
    }
    if g > first
        && lookup_tokens(lex, view, g, last, c.end_byte)
            .is_some_and(|e| e.kind == EntityKind::Place)
    {
        out.push(make(lex, view, (first, last), c.end_byte, EntityKind::Place, None));
        return;
    }
    // "near Mir Ali", "outside Hassan Abdal": after a word that mostly
    // places take, a name shaped like a person's is an unknown town.
    if first > 0
        && matches!(view.tok(first - 1), "near" | "outside")
        && !matches!(view.tok_opt(last), Some("'s" | "’s"))
        && first_name_person(lex, view, first, last)
    {
        out.push(make(lex, view, (first, last), c.end_byte, EntityKind::Place, None));
        return;
    }
    // A common given name first: "George Shearing", not a firm of George (South Africa).
    if lex.first_name(word(view, first)).is_some_and(|p| p >= COMMON_FIRST_NAME_PERCENT)
        && first_name_person(lex, view, first, last)
    {
        out.push(make(lex, view, (first, last), c.end_byte, EntityKind::Person, None));
        return;
    }
    if let Some(kind) = place_and_name(lex, view, first, last, c.end_byte) {
        out.push(make(lex, view, (first, last), c.end_byte, kind, None));
        return;
    }
    // A title and a name: "President Obama", "Lt. Gen. Jubal Early".
    let titles = leading_titles(lex, view, first, last);
    if titles > 0 && first + titles < last {
        let a = first + titles;
        let known = lookup_tokens(lex, view, a, last, c.end_byte);
        if known.is_none() && name_shaped(lex, view, a, last) {
            out.push(make(lex, view, (a, last), c.end_byte, EntityKind::Person, None));
            return;
        }
    }
    if first_name_person(lex, view, first, last) {
        out.push(make(lex, view, (first, last), c.end_byte, EntityKind::Person, None));
        return;
    }
    // A name given another by "alias" is a person's whole name ("Mudasir
    // Ahmad Khan alias Waqas Commando").
    let aliased = |k: usize| k < view.tokens.len() && view.tok(k) == "alias";
    if last - first >= 2
        && (aliased(last) || (first > 0 && aliased(first - 1)))
        && name_shaped(lex, view, first, last)
        && lookup_tokens(lex, view, first, last, c.end_byte).is_none()
    {
        out.push(make(lex, view, (first, last), c.end_byte, EntityKind::Person, None));
        return;
    }
    // Unknown words before a personal name ("Engineer John Greiner",
    // "Queenslander Mitchell Rawlins"): the name stands on its own.
    if let Some(p) = (first + 1..last.saturating_sub(1)).find(|&p| {
        is_cap_token(lex, view, p)
            && first_name_person(lex, view, p, last)
            && lookup_tokens(lex, view, first, p, view.tokens[p - 1].span.end()).is_none()
    }) {
        classify_unknown(lex, view, si, first, p, view.tokens[p - 1].span.end(), out);
        out.push(make(lex, view, (p, last), c.end_byte, EntityKind::Person, None));
        return;
    }
    // "Mocimboa da Praia", "Vila do Conde": a toponym of Portuguese,
    // Spanish or Italian shape whose last part is a town elsewhere is one
    // unknown place, not that town.
    if let Some(p) = (first + 1..last.saturating_sub(1))
        .find(|&p| matches!(view.tok(p), "da" | "do" | "dos" | "das" | "de" | "del" | "di"))
    {
        let tail_place = lookup_tokens(lex, view, p + 1, last, c.end_byte)
            .is_some_and(|e| e.kind == EntityKind::Place);
        let head_known =
            lookup_tokens(lex, view, first, p, view.tokens[p - 1].span.end()).is_some();
        if tail_place && !head_known && lex.first_name(word(view, first)).is_none() {
            out.push(make(lex, view, (first, last), c.end_byte, EntityKind::Place, None));
            return;
        }
    }
    // "Kataeb Hezbollah", "Harakat Hezbollah al-Nujaba": an unknown word
    // or two before a catalog group's name, neither a title, a given name
    // nor a word the text writes in lower case, make another group of that
    // name, not the catalog one. Not at the start of a sentence, where any
    // word is capitalized ("Senior Afghan Taliban commanders").
    let sentence_start = view.sent_toks.get(si).is_some_and(|&(a, _)| a == first);
    if last - first >= 2 && !sentence_start {
        if let Some(p) = (first + 1..last).find(|&p| {
            lookup_tokens(lex, view, p, last, c.end_byte)
                .is_some_and(|e| e.class == EntryClass::Group)
        }) {
            let unknown_words = p - first <= 2
                && (first..p).all(|k| {
                    let w = view.tok(k);
                    is_cap_token(lex, view, k)
                        && !lex.is("name_particle", w)
                        && lookup_tokens(lex, view, k, k + 1, view.tokens[k].span.end()).is_none()
                        && lex.first_name(word(view, k)).is_none()
                        && !lower_case_in_text(view, w)
                })
                && leading_titles(lex, view, first, last) == 0;
            if unknown_words {
                out.push(make(lex, view, (first, last), c.end_byte, EntityKind::Group, None));
                return;
            }
        }
    }
    // Else the longest known parts, left to right; unknown stretches classified.
    let mut k = first;
    let mut unknown_start: Option<usize> = None;
    while k < last {
        let mut found = None;
        let mut j = last;
        while j > k {
            if is_cap_token(lex, view, k) && (is_cap_token(lex, view, j - 1) || j == last) {
                if let Some(e) = lookup_tokens(lex, view, k, j, tok_end(j)) {
                    found = Some((j, e));
                    break;
                }
            }
            j -= 1;
        }
        match found {
            Some((j, e)) if j != k + 1 || is_cap_token(lex, view, k) => {
                if let Some(u) = unknown_start.take() {
                    classify_unknown(lex, view, si, u, k, tok_end(k), out);
                }
                push_known(lex, view, (k, j), tok_end(j), e, out);
                k = j;
            }
            _ => {
                if unknown_start.is_none() {
                    unknown_start = Some(k);
                }
                k += 1;
            }
        }
    }
    if let Some(u) = unknown_start {
        classify_unknown(lex, view, si, u, last, c.end_byte, out);
    }
}

fn push_known(
    lex: &'static Lexicon,
    view: &TextView,
    toks: (usize, usize),
    end_byte: usize,
    e: &'static Entry,
    out: &mut Vec<NameMention>,
) {
    // A place followed by a facility cue is a facility: "Kabul airport".
    if e.kind == EntityKind::Place {
        let next = toks.1;
        if next < view.tokens.len()
            && end_byte == view.tokens[toks.1 - 1].span.end()
            && view.sentence_of(next) == view.sentence_of(toks.0)
        {
            let w = view.tok(next).to_lowercase();
            if lex.facility_cues.contains_key(&w) {
                let end = view.tokens[next].span.end();
                let mut m = make(lex, view, (toks.0, next + 1), end, EntityKind::Place, None);
                m.key = format!(
                    "{}|{}",
                    lex.key(&view.text[view.tokens[toks.0].span.start()..end_byte]),
                    w
                );
                out.push(m);
                return;
            }
        }
    }
    out.push(make(lex, view, toks, end_byte, e.kind, Some(e)));
}

fn classify_unknown(
    lex: &'static Lexicon,
    view: &TextView,
    si: usize,
    mut a: usize,
    mut b: usize,
    mut end_byte: usize,
    out: &mut Vec<NameMention>,
) {
    // Trim connectors at the edges.
    while a < b && !is_cap_token(lex, view, a) {
        a += 1;
    }
    while b > a && !is_cap_token(lex, view, b - 1) {
        b -= 1;
        end_byte = view.tokens[b - 1].span.end();
    }
    if a >= b {
        return;
    }
    let n = b - a;
    // "Western-backed", "Taliban-led": an unknown name cut from an adjective is no name.
    if n == 1 && view.text[end_byte..].starts_with('-') {
        return;
    }
    let (s_first, s_last) = view.sent_toks[si];
    let text = &view.text[view.tokens[a].span.start()..end_byte];
    let all_caps = text.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    // Facility: "Pul-e-Charki prison", "Bagram airbase".
    if b < s_last && end_byte == view.tokens[b - 1].span.end() {
        let w = view.tok(b).to_lowercase();
        if lex.facility_cues.contains_key(&w) && !all_caps {
            let end = view.tokens[b].span.end();
            out.push(make(lex, view, (a, b + 1), end, EntityKind::Place, None));
            return;
        }
    }
    if let Some(kind) = cue_kind(lex, view, a, b, end_byte) {
        out.push(make(lex, view, (a, b), end_byte, kind, None));
        return;
    }
    // "District Hospital Reasi", "Hotel Sahafi": a facility word anywhere in
    // the name (`facility_in_name`) makes it a place, never a person.
    if n >= 2
        && !all_caps
        && (a..b).any(|k| lex.is("facility_in_name", &view.tok(k).to_lowercase()))
    {
        out.push(make(lex, view, (a, b), end_byte, EntityKind::Place, None));
        return;
    }
    // "Bajaur tribal district", "Jere local government area": a name before
    // an administrative head noun is a place.
    // Not after "a": "a Maoist state", "an independent state" are kinds of
    // state, not one named.
    if !all_caps
        && end_byte == view.tokens[b - 1].span.end()
        && admin_head_after(lex, view, b, s_last)
        && !(a > s_first && matches!(view.tok(a - 1), "a" | "an" | "A" | "An"))
    {
        out.push(make(lex, view, (a, b), end_byte, EntityKind::Place, None));
        return;
    }
    // "the Islamic State's Khorasan branch": a branch of the group before it.
    if let Some(e) = branch_of_group(lex, view, a, b, end_byte, s_first, s_last, out) {
        out.push(make(lex, view, (a, b), end_byte, e.kind, Some(e)));
        return;
    }
    // "Sri Lankan President Maithripala Sirisena": a title left at the
    // head of an unknown stretch (after a nationality) and a name.
    let titles = leading_titles(lex, view, a, b);
    if titles > 0 && a + titles < b && !all_caps && name_shaped(lex, view, a + titles, b) {
        out.push(make(lex, view, (a + titles, b), end_byte, EntityKind::Person, None));
        return;
    }
    let role_before =
        title_before(lex, view, s_first, a) || role_apposition_before(lex, view, s_first, a);
    let next = if b < s_last { Some(view.tok(b)) } else { None };
    let say_after = next.is_some_and(|w| lex.is("say_verb", w));
    let particle = (a..b).any(|k| {
        let t = view.tok(k);
        lex.is("name_particle", t) || particle_name(lex, t)
    });
    let person_shape = n >= 2
        && (particle
            || say_after
            || age_after(view, b, s_last)
            || appositive_role(lex, view, b)
            || looks_like_person(view, a, b)
            || first_name_person(lex, view, a, b));
    let sentence_initial = a == s_first
        || (a == s_first + 1 && (is_open_quote(view.tok(s_first)) || view.tok(s_first) == "("));
    // "Yeltsin said", "Farr, the group's leader": a lone name that speaks or
    // holds a role is a person.
    let lone_person = n == 1
        && !sentence_initial
        && name_shaped(lex, view, a, b)
        && (say_after || appositive_role(lex, view, b) || age_after(view, b, s_last));
    // "the suburb of Qaser Bin Ghashir", "Mingora city": a settlement noun
    // makes a name a place even when it is shaped like a person's, unless
    // something only people do is said of it (a title, a verb of saying).
    let settled = !all_caps
        && !role_before
        && !say_after
        && settlement_context(lex, view, s_first, s_last, a, b);
    let kind = if settled {
        EntityKind::Place
    } else if !all_caps && (role_before || person_shape || lone_person) {
        EntityKind::Person
    } else if all_caps && n == 1 {
        // An unknown acronym ("NHL", "ISW") most often names an organization.
        EntityKind::Organization
    } else if !all_caps
        && (place_context(lex, view, s_first, s_last, a, b)
            || (n == 1 && admin_named_elsewhere(lex, view, text)))
    {
        EntityKind::Place
    } else if n == 1
        && !all_caps
        && name_shaped(lex, view, a, b)
        && lex.first_name(text).is_some_and(|p| p >= LONE_FIRST_NAME_PERCENT)
    {
        EntityKind::Person
    } else {
        EntityKind::Other
    };
    let mut m = make(lex, view, (a, b), end_byte, kind, None);
    // A lone capitalized word at the start of a sentence is no evidence of
    // a name: it counts only when the text names it elsewhere.
    m.weak = n == 1 && sentence_initial && !all_caps && !role_before;
    out.push(m);
}

/// Lower-case administrative head nouns start at token `b` ("tribal
/// district", "local government area", "county"; `admin_head` in
/// `data/cues/words.tsv`).
fn admin_head_after(lex: &Lexicon, view: &TextView, b: usize, s_last: usize) -> bool {
    (1..=3).any(|n| {
        b + n <= s_last && {
            let words: Vec<&str> = (b..b + n).map(|k| view.tok(k)).collect();
            words.iter().all(|w| w.chars().next().is_some_and(char::is_lowercase) || *w == "LGA")
                && lex.is("admin_head", &words.join(" ").to_lowercase())
        }
    })
}

/// The text names the one-word `name` before an administrative head noun
/// somewhere ("Jere local government area"): "around Jere" is the place.
///
/// The names are gathered once per document, so that asking for every
/// unknown name costs one lookup rather than one pass over the text.
fn admin_named_elsewhere(lex: &Lexicon, view: &TextView, name: &str) -> bool {
    view.admin_names
        .get_or_init(|| {
            // `admin_head_after` wants a lower-case word (or "LGA") next that
            // begins a head noun: test that first, without allocating.
            let heads: Vec<&str> =
                lex.words("admin_head").filter_map(|p| p.split(' ').next()).collect();
            let may_head = |w: &str| {
                (w.chars().next().is_some_and(char::is_lowercase) || w == "LGA")
                    && if w.is_ascii() {
                        heads.iter().any(|h| h.eq_ignore_ascii_case(w))
                    } else {
                        heads.contains(&w.to_lowercase().as_str())
                    }
            };
            let mut names = HashSet::default();
            for &(first, last) in view.sent_toks {
                for k in first..last.saturating_sub(1) {
                    if may_head(view.tok(k + 1)) && admin_head_after(lex, view, k + 1, last) {
                        names.insert(view.tok(k));
                    }
                }
            }
            names
        })
        .contains(name)
}

/// "the Islamic State's Khorasan branch": an unknown name `[a, b)` right
/// after a group named with a possessive, followed by a branch word
/// (`branch_head`), names the catalog group whose name is the parent's name
/// and this one ("Islamic State Khorasan", "Islamic State Khorasan
/// Province") when that group is a branch of the parent.
#[allow(clippy::too_many_arguments)]
fn branch_of_group(
    lex: &'static Lexicon,
    view: &TextView,
    a: usize,
    b: usize,
    end_byte: usize,
    s_first: usize,
    s_last: usize,
    out: &[NameMention],
) -> Option<&'static Entry> {
    if a <= s_first || b >= s_last || !lex.is("branch_head", &view.tok(b).to_lowercase()) {
        return None;
    }
    let prev = view.tok(a - 1);
    if !["’s", "'s"].iter().any(|p| prev.ends_with(p)) {
        return None;
    }
    let parent = out.iter().rev().find(|m| m.toks.1 == a && m.via == Via::Name)?;
    let pe = parent.entry.filter(|e| e.kind == EntityKind::Group)?;
    let x = &view.text[view.tokens[a].span.start()..end_byte];
    let head = view.tok(b);
    let head_cap: String =
        head.chars().next().map(|c| c.to_uppercase().chain(head.chars().skip(1)).collect())?;
    let p = parent.span.slice(view.text);
    [format!("{p} {x} {head_cap}"), format!("{p} {x}"), format!("{} {x}", pe.name)]
        .iter()
        .flat_map(|name| lex.lookup(name))
        .find(|e| {
            e.kind == EntityKind::Group
                && lex.relations.get(&e.id).and_then(|r| r.parent.as_deref())
                    == Some(pe.id.as_str())
        })
}

/// "Borno's governor, Babagana Zulum", "His successor, X": a lower-case
/// role word and a comma right before token `a`.
fn role_apposition_before(lex: &Lexicon, view: &TextView, s_first: usize, a: usize) -> bool {
    a >= s_first + 2 && view.tok(a - 1) == "," && {
        let w = view.tok(a - 2);
        lex.roles.contains_key(w) && w.chars().next().is_some_and(char::is_lowercase)
    }
}

/// "X, 34, told ...": an age in apposition after the name ending at `b`.
fn age_after(view: &TextView, b: usize, s_last: usize) -> bool {
    b + 2 < s_last
        && view.tok(b) == ","
        && matches!(view.tok(b + 2), "," | ")")
        && view.tok(b + 1).parse::<u32>().is_ok_and(|n| (10..=110).contains(&n))
}

/// A known country, first-level subdivision or region starts at token `k`.
fn known_region_at(lex: &'static Lexicon, view: &TextView, k: usize, s_last: usize) -> bool {
    (k + 1..=(k + 3).min(s_last))
        .rev()
        .any(|j| known_region(lex, view, k, j, view.tokens[j - 1].span.end()))
}

/// Tokens `[k, j)`, up to byte `end`, name a known country, first-level
/// subdivision or region.
fn known_region(lex: &'static Lexicon, view: &TextView, k: usize, j: usize, end: usize) -> bool {
    is_cap_token(lex, view, k)
        && lookup_tokens(lex, view, k, j, end).is_some_and(|e| e.class.is_area())
}

/// The context makes the unknown name `[a, b)` a place: "in X", "near X",
/// "X, <country or province>" ("Poolesville, Maryland").
fn place_context(
    lex: &'static Lexicon,
    view: &TextView,
    s_first: usize,
    s_last: usize,
    a: usize,
    b: usize,
) -> bool {
    let w = word(view, b - 1);
    if lower_case_in_text(view, w)
        || lex.words("common_suffix").any(|suf| w.len() > suf.len() + 2 && w.ends_with(suf))
    {
        // "in Physiology", "in Marketing": a field or an activity.
        return false;
    }
    let before = a > s_first && lex.is("place_before", view.tok(a - 1));
    let after = b + 1 < s_last && view.tok(b) == "," && known_region_at(lex, view, b + 1, s_last);
    // "an attack in Burkina Faso's Barsalogho": a country's or province's
    // possessive after a preposition of place.
    // (The possessive is the last token's end: "Faso's".)
    let owner_end = (a > s_first + 1).then(|| view.tok(a - 1)).and_then(|t| {
        let own = ["'s", "’s"].into_iter().find(|p| t.len() > p.len() && t.ends_with(p))?;
        Some(view.tokens[a - 1].span.end() - own.len())
    });
    let owned = owner_end.is_some_and(|end| {
        (a.saturating_sub(3).max(s_first + 1)..a)
            .any(|k| lex.is("place_before", view.tok(k - 1)) && known_region(lex, view, k, a, end))
    });
    before || after || owned || settlement_context(lex, view, s_first, s_last, a, b)
}

/// "Baeti village", "the village of Baeti", "Kalat district": a
/// settlement noun right after the name, or before "of" and the name.
/// ("Southwest region" is left to the region rules.)
fn settlement_context(
    lex: &'static Lexicon,
    view: &TextView,
    s_first: usize,
    s_last: usize,
    a: usize,
    b: usize,
) -> bool {
    let w = word(view, b - 1);
    let settlement =
        |k: usize| lex.is("settlement_noun", view.tok(k)) && !lex.is("generic_place", w);
    let head_after = b < s_last && settlement(b);
    let of_before = a >= s_first + 2 && view.tok(a - 1) == "of" && settlement(a - 2);
    // "El Carmen, a municipality in the Catatumbo region", "Otu, a small
    // locality bordering Nigeria": an appositive of a settlement noun (an
    // adjective may come between) that a preposition, a participle or
    // punctuation closes ("X, a town councillor" is a person).
    let apposed = b + 2 < s_last
        && view.tok(b) == ","
        && matches!(view.tok(b + 1), "a" | "an" | "the")
        && [b + 2, b + 3].into_iter().any(|k| {
            k + 1 < s_last
                && settlement(k)
                && (k == b + 2 || view.tok(k - 1).chars().all(|c| c.is_ascii_lowercase()))
                && {
                    let next = view.tok(k + 1);
                    next.chars().all(|c| c.is_ascii_punctuation())
                        || lex.is("place_before", next)
                        || matches!(
                            next,
                            "of" | "near" | "bordering" | "located" | "where" | "about" | "some"
                        )
                }
        });
    head_after || of_before || apposed
}

/// "X, a fellow at Y" / "X, the group's leader".
fn appositive_role(lex: &Lexicon, view: &TextView, b: usize) -> bool {
    if b >= view.tokens.len() || view.tok(b) != "," {
        return false;
    }
    (b + 1..(b + 7).min(view.tokens.len())).any(|k| {
        let w = view.tok(k);
        lex.roles.contains_key(w) && w.chars().next().is_some_and(|c| c.is_lowercase())
    })
}

/// Three or four capitalized words, each of a plain name shape (no digits,
/// not all capitals): names with three parts or more are rarely anything
/// but a person's.
fn looks_like_person(view: &TextView, a: usize, b: usize) -> bool {
    let n = b - a;
    (3..=4).contains(&n)
        && (a..b).all(|k| {
            let t = view.tok(k);
            t.chars().count() >= 2
                && first_upper(t)
                && t.chars().skip(1).all(|c| c.is_lowercase() || c == '-' || c == '\'')
        })
}

/// "the group", "the extremist organization", "this group": refer to the salient group.
fn descriptions(
    lex: &Lexicon,
    view: &TextView,
    s_first: usize,
    s_last: usize,
    out: &mut Vec<NameMention>,
) {
    // "ISKP claimed the attack. They said ...": a sentence opening with
    // "They" and a verb takes up the group that opened the sentence before.
    if s_first + 1 < s_last
        && view.tok(s_first) == "They"
        && view.tok(s_first + 1).chars().all(|c| c.is_lowercase())
        && s_first > 0
    {
        let (p_first, _) = view.sent_toks[view.sentence_of(s_first - 1)];
        let opener = out.iter().position(|m| {
            (p_first..p_first + 3).contains(&m.toks.0)
                && (m.via == Via::Description || m.kind == EntityKind::Group)
        });
        if let Some(a) = opener {
            out.push(NameMention {
                span: view.tokens[s_first].span,
                toks: (s_first, s_first + 1),
                kind: EntityKind::Group,
                entry: None,
                key: String::new(),
                via: Via::Description,
                entity: usize::MAX,
                weak: false,
                antecedent: Some(a),
            });
        }
    }
    let mut i = s_first;
    while i < s_last {
        let det = view.tok(i);
        if matches!(det, "the" | "The" | "this" | "This") {
            let mut k = i + 1;
            while k < s_last && lex.is("desc_adj", view.tok(k)) {
                k += 1;
            }
            if k < s_last {
                let head = view.tok(k);
                let (len, _) = name_part(head);
                let head_word = &head[..len];
                let head_lower = head_word.to_lowercase();
                // "the group of experts" is no group's description; "the
                // guerrilla group of about 3,000 fighters" is (a count).
                let next_of = k + 1 < s_last
                    && view.tok(k + 1) == "of"
                    && !(k + 2 < s_last && {
                        let t = view.tok(k + 2);
                        t.starts_with(|c: char| c.is_ascii_digit())
                            || matches!(
                                t.to_lowercase().as_str(),
                                "about"
                                    | "some"
                                    | "around"
                                    | "roughly"
                                    | "approximately"
                                    | "nearly"
                                    | "over"
                                    | "more"
                                    | "up"
                                    | "several"
                                    | "hundreds"
                                    | "thousands"
                            )
                    });
                if lex.is("desc_head", &head_lower)
                    && head_word.chars().all(|c| c.is_lowercase())
                    && !next_of
                {
                    let end = view.tokens[k].span.start() + len;
                    out.push(NameMention {
                        span: Span::new(view.tokens[i].span.start(), end),
                        toks: (i, k + 1),
                        kind: EntityKind::Group,
                        entry: None,
                        key: String::new(),
                        via: Via::Description,
                        entity: usize::MAX,
                        weak: false,
                        antecedent: None,
                    });
                    i = k + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
}

fn tok_is(view: &TextView, i: usize, w: &str) -> bool {
    i < view.tokens.len() && view.tok(i).eq_ignore_ascii_case(w)
}

/// A name set in apposition to an armed group's description: "a newly
/// formed militant group, X," before it, or ", a jihadist faction" after it,
/// or right after it ("the jihadist group X").
/// The description needs an armed adjective: "a rights group, X" says nothing
/// of arms.
fn armed_apposition(lex: &Lexicon, view: &TextView, s: usize, end: usize) -> bool {
    let head = |k: usize| lex.is("desc_head", &view.tok(k).to_lowercase());
    let armed = |from: usize, to: usize| (from..to).any(|k| lex.is("desc_adj", view.tok(k)));
    // "... militant group, X": the head, then a comma, right before the name.
    let before =
        s >= 3 && view.tok(s - 1) == "," && head(s - 2) && armed(s.saturating_sub(5), s - 2);
    // "X, a militant group": a comma, an article, up to three words with an
    // armed adjective among them, then the head.
    let after = view.tok_opt(end) == Some(",")
        && view
            .tok_opt(end + 1)
            .is_some_and(|t| matches!(t.to_lowercase().as_str(), "a" | "an" | "the"))
        && (end + 3..(end + 6).min(view.tokens.len()))
            .find(|&k| head(k))
            .is_some_and(|k| armed(end + 2, k));
    // "the jihadist group X": the head right before the name.
    let adjacent = s >= 2 && head(s - 1) && armed(s.saturating_sub(4), s - 1);
    before || after || adjacent
}

/// Alias definitions between consecutive mentions of one sentence.
fn alias_definitions(
    lex: &Lexicon,
    view: &TextView,
    mentions: &mut [NameMention],
    from: usize,
    links: &mut Vec<(usize, usize)>,
) {
    let n = mentions.len();
    for a in from..n {
        let end = mentions[a].toks.1;
        // "calling themselves X", "a group called X", "the X group".
        if end >= 2 && mentions[a].via == Via::Name {
            let s = mentions[a].toks.0;
            let mut p = s;
            if p >= 1 && tok_is(view, p - 1, "the") {
                p -= 1;
            }
            let called = p >= 2
                && (tok_is(view, p - 1, "themselves") || tok_is(view, p - 1, "itself"))
                && (tok_is(view, p - 2, "calling")
                    || tok_is(view, p - 2, "call")
                    || tok_is(view, p - 2, "calls"));
            let group_called = p >= 2
                && (tok_is(view, p - 1, "called") || tok_is(view, p - 1, "named"))
                && (tok_is(view, p - 2, "group")
                    || tok_is(view, p - 2, "organization")
                    || tok_is(view, p - 2, "movement"));
            // A name only its shape made a person ("Jaish-e-Fursan-e
            // Muhammad") is the group a description calls it.
            let retypable = mentions[a].kind == EntityKind::Other
                || (mentions[a].kind == EntityKind::Person && mentions[a].entry.is_none());
            if (called || group_called || armed_apposition(lex, view, s, end)) && retypable {
                mentions[a].kind = EntityKind::Group;
            }
            if mentions[a].kind == EntityKind::Other
                && tok_is(view, end, "group")
                && s >= 1
                && tok_is(view, s - 1, "the")
            {
                mentions[a].kind = EntityKind::Group;
            }
        }
        let Some(b) = (a + 1..n).find(|&b| mentions[b].span.start >= mentions[a].span.end) else {
            continue;
        };
        let gap_first = end;
        let gap_last = mentions[b].toks.0;
        if gap_last < gap_first || gap_last - gap_first > 5 {
            continue;
        }
        let gap: Vec<String> = (gap_first..gap_last).map(|k| view.tok(k).to_lowercase()).collect();
        let g: Vec<&str> = gap.iter().map(String::as_str).collect();
        let after_b = mentions[b].toks.1;
        let closes = |w: &str| after_b >= view.tokens.len() || view.tok(after_b) == w;
        let is_def = match g.as_slice() {
            [",", "or"] => {
                after_b >= view.tokens.len()
                    || matches!(view.tok(after_b), "," | "." | ")" | ";" | "—" | "–")
            }
            ["("] => closes(")"),
            [",", "also", "known", "as"]
            | [",", "commonly", "known", "as"]
            | [",", "better", "known", "as"]
            | [",", "widely", "known", "as"]
            | [",", "known", "as"]
            | ["also", "known", "as"]
            | ["known", "as"]
            | ["aka"]
            | [",", "aka"]
            // "Mudasir Ahmad Khan alias Waqas Commando"
            | ["alias"]
            | [",", "alias"] => true,
            // ", formerly known as Y" names a predecessor, not another name
            // of the same group: a lineage claim (`claims::lineage`).
            _ => false,
        };
        let text_of = |m: &NameMention| m.span.slice(view.text);
        let generic = lex.is_generic_alias(text_of(&mentions[a]))
            || lex.is_generic_alias(text_of(&mentions[b]));
        // An acronym the text defines means that definition here, whatever
        // the catalog makes of it elsewhere (see `link`).
        let defines_acronym = spells_acronym(text_of(&mentions[a]), text_of(&mentions[b]))
            && [a, b]
                .iter()
                .all(|&i| mentions[i].via == Via::Name && mentions[i].kind != EntityKind::Person);
        if is_def && !generic && (defines_acronym || compatible(lex, &mentions[a], &mentions[b])) {
            links.push((a, b));
            if mentions[b].kind == EntityKind::Other {
                mentions[b].kind = mentions[a].kind;
            } else if mentions[a].kind == EntityKind::Other {
                mentions[a].kind = mentions[b].kind;
            }
        }
    }
}

/// One of two names is an acronym and the other's initials spell it
/// ("Armed Forces of the Philippines" and "AFP").
fn spells_acronym(a: &str, b: &str) -> bool {
    let (short, long) = match (is_acronym(a), is_acronym(b)) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        _ => return false,
    };
    let letters: String = short.chars().filter(|c| c.is_alphabetic()).collect();
    long.split_whitespace().count() >= 2 && initials(long) == letters
}

fn compatible(lex: &Lexicon, a: &NameMention, b: &NameMention) -> bool {
    if let (Some(x), Some(y)) = (a.entry, b.entry) {
        return !lex.kept_apart(&x.id, &y.id);
    }
    let other = |k: EntityKind| k == EntityKind::Other;
    let orgish = |k: EntityKind| matches!(k, EntityKind::Group | EntityKind::Organization);
    a.kind == b.kind || other(a.kind) || other(b.kind) || (orgish(a.kind) && orgish(b.kind))
}

struct Dsu(Vec<usize>);

impl Dsu {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let n = self.0[y];
            self.0[y] = r;
            y = n;
        }
        r
    }
}

/// The capital initials of a name's words, function words skipped:
/// "Institute for the Study of War" -> "ISW".
fn initials(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == '–')
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !["of", "the", "for", "and", "in", "on"].iter().any(|f| w.eq_ignore_ascii_case(f))
        })
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// An acronym the text defines ("Armed Forces of the Philippines (AFP)")
/// means that definition in this text: its mentions lose the catalog entry
/// the acronym alone would give them (Agence France-Presse) and take the
/// full name's (none, or its own).
fn redefine_acronyms(view: &TextView, mentions: &mut [NameMention], links: &[(usize, usize)]) {
    for &(a, b) in links {
        let acronym = |i: usize| is_acronym(mentions[i].span.slice(view.text));
        let (short, long) = match (acronym(a), acronym(b)) {
            (false, true) => (b, a),
            (true, false) => (a, b),
            _ => continue,
        };
        let spelled = spells_acronym(
            mentions[short].span.slice(view.text),
            mentions[long].span.slice(view.text),
        );
        if !spelled || mentions[long].via != Via::Name {
            continue;
        }
        let Some(entry) = mentions[short].entry else { continue };
        if mentions[long].entry.is_some_and(|e| e.id == entry.id) {
            continue;
        }
        let (to, kind) = (mentions[long].entry, mentions[long].kind);
        let key = mentions[short].key.clone();
        for m in mentions.iter_mut() {
            if m.key == key && m.entry.is_some_and(|e| e.id == entry.id) {
                m.entry = to;
                if kind != EntityKind::Other {
                    m.kind = kind;
                }
            }
        }
    }
}

/// Clusters name mentions into document entities; returns the entities and
/// sets `NameMention::entity`. Descriptions link to the salient group.
pub(crate) fn link(
    lex: &'static Lexicon,
    view: &TextView,
    title: Option<&str>,
    mentions: &mut [NameMention],
    links: &[(usize, usize)],
) -> Vec<LocalEntity> {
    let n = mentions.len();
    redefine_acronyms(view, mentions, links);
    let mut dsu = Dsu((0..n).collect());
    // The catalog id a cluster carries, to refuse merging two different ones.
    let mut cluster_id: Vec<Option<&'static str>> =
        mentions.iter().map(|m| m.entry.map(|e| e.id.as_str())).collect();
    let mut evidence: Vec<(usize, String)> = Vec::new();
    let union = |dsu: &mut Dsu, cid: &mut Vec<Option<&'static str>>, a: usize, b: usize| -> bool {
        let (ra, rb) = (dsu.find(a), dsu.find(b));
        if ra == rb {
            return true;
        }
        match (cid[ra], cid[rb]) {
            (Some(x), Some(y)) if lex.kept_apart(x, y) => return false,
            _ => {}
        }
        let id = cid[ra].or(cid[rb]);
        dsu.0[rb] = ra;
        cid[ra] = id;
        true
    };
    let names: Vec<usize> = (0..n).filter(|&i| mentions[i].via == Via::Name).collect();
    // Same key or same catalog entry.
    let mut by_key: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for &i in &names {
        let k = mentions[i].entry.map(|e| e.id.clone()).unwrap_or_else(|| {
            format!("{:?}:{}", EntityKind::merge_class(mentions[i].kind), mentions[i].key)
        });
        match by_key.get(&k) {
            Some(&j) => {
                union(&mut dsu, &mut cluster_id, j, i);
            }
            None => {
                by_key.insert(k, i);
            }
        }
    }
    // A name of unknown kind takes the kind of the same name typed elsewhere
    // in the text ("Hauser" after "Hauser said").
    let mut typed: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for &i in &names {
        if mentions[i].kind != EntityKind::Other && !mentions[i].weak {
            typed.entry(mentions[i].key.as_str()).or_insert(i);
        }
    }
    let mut retype: Vec<(usize, EntityKind)> = Vec::new();
    for &i in &names {
        if mentions[i].kind == EntityKind::Other {
            if let Some(&j) = typed.get(mentions[i].key.as_str()) {
                if union(&mut dsu, &mut cluster_id, j, i) {
                    retype.push((i, mentions[j].kind));
                }
            }
        }
    }
    for (i, kind) in retype {
        mentions[i].kind = kind;
    }
    for &(a, b) in links {
        if union(&mut dsu, &mut cluster_id, a, b) {
            let (ta, tb) = (mentions[a].span.slice(view.text), mentions[b].span.slice(view.text));
            evidence.push((a, format!("alias definition in text: “{ta}” = “{tb}”")));
        }
    }
    // Acronyms: an all-capital name that spells the initials of a longer one.
    let long_initials: Vec<(usize, String)> = names
        .iter()
        .filter(|&&j| mentions[j].toks.1 - mentions[j].toks.0 >= 2)
        .map(|&j| (j, initials(mentions[j].span.slice(view.text))))
        .collect();
    for &i in &names {
        let t = mentions[i].span.slice(view.text);
        let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() < 2
            || letters.len() > 7
            || !letters.iter().all(|c| c.is_uppercase())
            || mentions[i].entry.is_some()
        {
            continue;
        }
        let acro: String = letters.iter().collect();
        for (j, init) in &long_initials {
            let j = *j;
            if i == j || *init != acro {
                continue;
            }
            let long = mentions[j].span.slice(view.text);
            if union(&mut dsu, &mut cluster_id, j, i) {
                evidence.push((j, format!("acronym: “{t}” spells “{long}”")));
                mentions[i].kind = mentions[j].kind;
                break;
            }
        }
    }
    // Short organization names: a one-word name of unknown kind equal to the
    // first word of exactly one organization named in full ("Caloi" after
    // "Caloi Bicycle Company").
    // Full names by their first word and by their last word, built once
    // (the loops below only retype one-word names, never these).
    let mut org_by_first: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    let mut person_by_last: rustc_hash::FxHashMap<std::borrow::Cow<str>, Vec<usize>> =
        Default::default();
    for &j in &names {
        if mentions[j].toks.1 - mentions[j].toks.0 < 2 {
            continue;
        }
        let text = mentions[j].span.slice(view.text);
        if mentions[j].kind == EntityKind::Organization && mentions[j].entry.is_none() {
            if let Some(w) = text.split(' ').next() {
                org_by_first.entry(w).or_default().push(j);
            }
        }
        if mentions[j].kind == EntityKind::Person {
            if let Some(w) = text.rsplit(' ').next() {
                person_by_last.entry(surname_key(lex, w)).or_default().push(j);
            }
        }
    }
    for &i in &names {
        if mentions[i].toks.1 - mentions[i].toks.0 != 1
            || mentions[i].entry.is_some()
            || mentions[i].kind != EntityKind::Other
        {
            continue;
        }
        let t = mentions[i].span.slice(view.text);
        if lex.is_generic_alias(t) {
            continue; // "Army" is no short form of "Army Public School"
        }
        let owners: std::collections::BTreeSet<usize> =
            org_by_first.get(t).into_iter().flatten().map(|&j| dsu.find(j)).collect();
        if owners.len() == 1 {
            let j = *owners.iter().next().unwrap_or(&i);
            if union(&mut dsu, &mut cluster_id, j, i) {
                mentions[i].kind = EntityKind::Organization;
                evidence.push((j, format!("short form: “{t}”")));
            }
        }
    }
    // Fuller and shorter forms of one person's name: "Jose Sison" after
    // "Jose Maria Sison" (the same given name and surname, every word of
    // the shorter in the fuller), when no other fuller name fits it.
    let mut by_ends: rustc_hash::FxHashMap<(&str, &str), Vec<usize>> = Default::default();
    for &j in &names {
        let (a, b) = mentions[j].toks;
        if mentions[j].kind == EntityKind::Person && b - a >= 2 {
            by_ends.entry((word(view, a), word(view, b - 1))).or_default().push(j);
        }
    }
    let words_of = |j: usize| -> Vec<&str> {
        let (a, b) = mentions[j].toks;
        (a..b).map(|k| word(view, k)).collect()
    };
    for list in by_ends.values().filter(|l| l.len() > 1) {
        for &short in list {
            let ws = words_of(short);
            let fuller: Vec<usize> = list
                .iter()
                .copied()
                .filter(|&j| {
                    let wj = words_of(j);
                    wj.len() > ws.len() && ws.iter().all(|w| wj.contains(w))
                })
                .collect();
            let roots: std::collections::BTreeSet<usize> =
                fuller.iter().map(|&j| dsu.find(j)).collect();
            if roots.len() == 1 && union(&mut dsu, &mut cluster_id, fuller[0], short) {
                let (t, long) = (
                    mentions[short].span.slice(view.text),
                    mentions[fuller[0]].span.slice(view.text),
                );
                evidence.push((fuller[0], format!("shorter form: “{t}” of “{long}”")));
            }
        }
    }
    // Leading forms: "Abu Hasan" before or after "Abu Hasan al-Hashimi
    // al-Qurashi" (a kunya without the rest; a given name and father's
    // name without the family name), when exactly one fuller name begins
    // with every word of it. Each name's proper leading forms are indexed
    // once, so this stays linear in the names.
    let mut persons: Vec<usize> = names
        .iter()
        .copied()
        .filter(|&j| {
            mentions[j].kind == EntityKind::Person && mentions[j].toks.1 - mentions[j].toks.0 >= 2
        })
        .collect();
    let mut by_lead: rustc_hash::FxHashMap<Vec<&str>, Vec<usize>> = Default::default();
    for &j in &persons {
        let wj = words_of(j);
        for n in 2..wj.len() {
            by_lead.entry(wj[..n].to_vec()).or_default().push(j);
        }
    }
    // Longer forms first, so that "Abu Hasan al-Hashimi" has joined "Abu
    // Hasan al-Hashimi al-Qurashi" before "Abu Hasan" looks for one owner.
    persons.sort_by_key(|&j| std::cmp::Reverse(mentions[j].toks.1 - mentions[j].toks.0));
    for &short in &persons {
        let Some(fuller) = by_lead.get(&words_of(short)) else { continue };
        let roots: std::collections::BTreeSet<usize> =
            fuller.iter().map(|&j| dsu.find(j)).collect();
        if roots.len() == 1 && union(&mut dsu, &mut cluster_id, fuller[0], short) {
            let t = mentions[short].span.slice(view.text);
            evidence.push((fuller[0], format!("leading form: “{t}”")));
        }
    }
    // Surnames: a one-word name equal to the last word of exactly one person.
    for &i in &names {
        if mentions[i].toks.1 - mentions[i].toks.0 != 1 || mentions[i].entry.is_some() {
            continue;
        }
        let t = mentions[i].span.slice(view.text);
        let owners: Vec<usize> =
            person_by_last.get(surname_key(lex, t).as_ref()).cloned().unwrap_or_default();
        let roots: std::collections::BTreeSet<usize> =
            owners.iter().map(|&j| dsu.find(j)).collect();
        if roots.len() == 1 && union(&mut dsu, &mut cluster_id, owners[0], i) {
            mentions[i].kind = EntityKind::Person;
            evidence.push((owners[0], format!("short form: “{t}”")));
        } else if roots.len() > 1 {
            // The surname of several people: a person, but which one the
            // text does not say.
            mentions[i].kind = EntityKind::Person;
            mentions[i].weak = false;
        }
    }
    // Family names: an unknown name of two to four words that ends in the
    // last word of a person's name ("Baitullah Mehsud" beside "Hakimullah
    // Mehsud") is a person too, though not the same one.
    let family: std::collections::HashSet<&str> = names
        .iter()
        .filter(|&&j| {
            mentions[j].kind == EntityKind::Person && mentions[j].toks.1 - mentions[j].toks.0 >= 2
        })
        .map(|&j| word(view, mentions[j].toks.1 - 1))
        .collect();
    for &i in &names {
        let (a, b) = mentions[i].toks;
        if mentions[i].kind != EntityKind::Other
            || mentions[i].entry.is_some()
            || !(2..=4).contains(&(b - a))
            || !name_shaped(lex, view, a, b)
        {
            continue;
        }
        let last = word(view, b - 1);
        // Each word a name's only: none written in lower case elsewhere.
        let plain = (a..b).all(|k| !lower_case_in_text(view, word(view, k)));
        if family.contains(last) && plain {
            mentions[i].kind = EntityKind::Person;
        }
    }
    // Build entities in order of first mention.
    let mut root_to_entity: std::collections::HashMap<usize, usize> =
        std::collections::HashMap::new();
    let mut entities: Vec<LocalEntity> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let mut first_seen: Vec<u32> = Vec::new();
    // Weak names count only inside a cluster with a name found on its own.
    let strong: std::collections::HashSet<usize> =
        names.iter().filter(|&&i| !mentions[i].weak).map(|&i| dsu.find(i)).collect();
    for &i in &names {
        let r = dsu.find(i);
        if mentions[i].weak && !strong.contains(&r) {
            continue;
        }
        let e = *root_to_entity.entry(r).or_insert_with(|| {
            entities.push(LocalEntity {
                kind: EntityKind::Other,
                name: String::new(),
                aliases: Vec::new(),
                catalog_id: None,
                evidence: Vec::new(),
            });
            counts.push(0);
            first_seen.push(mentions[i].span.start);
            entities.len() - 1
        });
        mentions[i].entity = e;
        counts[e] += 1;
        let ent = &mut entities[e];
        let surface = clean_surface(mentions[i].span.slice(view.text));
        if !ent.aliases.contains(&surface) {
            ent.aliases.push(surface);
        }
        if let Some(en) = mentions[i].entry {
            if ent.catalog_id.is_none() {
                ent.catalog_id = Some(en.id.clone());
                ent.name = en.name.clone();
            }
            ent.kind = en.kind;
        } else if ent.kind == EntityKind::Other
            || (ent.catalog_id.is_none() && rank(mentions[i].kind) < rank(ent.kind))
        {
            ent.kind = mentions[i].kind;
        }
    }
    for (m, ev) in evidence {
        let e = mentions[m].entity;
        if e != usize::MAX && !entities[e].evidence.contains(&ev) {
            entities[e].evidence.push(ev);
        }
    }
    for ent in &mut entities {
        if ent.name.is_empty() {
            ent.name = ent
                .aliases
                .iter()
                .max_by_key(|a| (!lex.is_generic_alias(a), a.split_whitespace().count(), a.len()))
                .cloned()
                .unwrap_or_default();
        }
        let name = ent.name.clone();
        ent.aliases.retain(|a| a != &name);
        // A common noun or title ("Army", "Party") is no alias of an entity
        // with a name of its own.
        if !lex.is_generic_alias(&name) {
            ent.aliases.retain(|a| !lex.is_generic_alias(a));
        }
    }
    // Salient group: what the text is about. Each mention counts once; a
    // group the text introduces with an alias definition ("X, or Y",
    // "calling themselves X") or names in the headline counts more.
    let mut score: Vec<usize> = counts.iter().map(|&c| c * 2).collect();
    // What a text is about opens its sentences ("Abu Sayyaf has been
    // blamed ...", "The MNLF settled ...") and is named in its lead: each
    // sentence a group's name opens counts more, and the first sentence's
    // groups once more.
    let mut lead = vec![false; entities.len()];
    for &i in &names {
        let e = mentions[i].entity;
        if e == usize::MAX || e >= entities.len() {
            continue;
        }
        let si = view.sentence_of(mentions[i].toks.0);
        let Some(&(first, _)) = view.sent_toks.get(si) else { continue };
        if mentions[i].toks.0 <= first + 1 {
            score[e] += 3;
        }
        if si == 0 && !lead[e] {
            lead[e] = true;
            score[e] += 6;
        }
    }
    for &(a, b) in links {
        let e = mentions[a].entity;
        if e != usize::MAX {
            // An acronym defined in brackets ("the Northern Front (NF)") is
            // how any organization is introduced, the text's main group or
            // one named in passing: it counts less than a renaming.
            let bracketed = mentions[b].toks.0 > 0
                && view.tok(mentions[b].toks.0 - 1) == "("
                && crate::lexicon::is_acronym(mentions[b].span.slice(view.text));
            score[e] += if bracketed { 3 } else { 8 };
        }
    }
    if let Some(t) = title {
        // A group named in the headline, unless as the parent of a branch
        // ("Islamic State affiliate claims ...").
        let words: Vec<&str> = t.split_whitespace().collect();
        // The keys of every run of headline words not followed by a branch
        // word, by run length, computed once (only groups are scored).
        let mut runs: std::collections::HashMap<usize, Vec<String>> = Default::default();
        let mut run_keys = |len: usize| -> Vec<String> {
            runs.entry(len)
                .or_insert_with(|| {
                    (0..words.len().saturating_sub(len.saturating_sub(1)))
                        .filter(|&i| i + len <= words.len())
                        .filter(|&i| {
                            words
                                .get(i + len)
                                .is_none_or(|w| !lex.is("branch_word", &w.to_lowercase()))
                        })
                        .map(|i| lex.key(&words[i..i + len].join(" ")))
                        .collect()
                })
                .clone()
        };
        for (e, ent) in entities.iter().enumerate() {
            if ent.kind != EntityKind::Group {
                continue;
            }
            let named = std::iter::once(&ent.name).chain(ent.aliases.iter()).any(|n| {
                let nk = lex.key(n);
                if nk.len() < 3 {
                    return false;
                }
                let len = n.split_whitespace().count().max(1);
                run_keys(len).contains(&nk)
            });
            if named {
                score[e] += 20;
            }
        }
    }
    let topic = (0..entities.len())
        .filter(|&e| entities[e].kind == EntityKind::Group)
        .max_by_key(|&e| (score[e], std::cmp::Reverse(first_seen[e])));
    for i in 0..mentions.len() {
        if mentions[i].via == Via::Description {
            let to = match mentions[i].antecedent {
                // A pronoun refers to the salient group only when what it
                // takes up does (a description, or a name of that group).
                Some(a) => {
                    let ante = &mentions[a];
                    let ante_topic = ante.via == Via::Description
                        || (ante.entity != usize::MAX && Some(ante.entity) == topic);
                    if ante_topic {
                        topic
                    } else {
                        None
                    }
                }
                None => topic,
            };
            mentions[i].entity = to.unwrap_or(usize::MAX);
        }
    }
    entities
}

fn rank(k: EntityKind) -> u8 {
    match k {
        EntityKind::Group => 0,
        EntityKind::Person => 1,
        EntityKind::Place => 2,
        EntityKind::Organization => 3,
        EntityKind::Nationality => 4,
        EntityKind::Other => 5,
    }
}

/// A surface form without wrapping quotes and with single spaces.
pub(crate) fn clean_surface(s: &str) -> String {
    let quote = |c: char| matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'');
    let mut t = s.trim();
    // Drop an outer quote only when it has no partner inside.
    let opens = t.chars().filter(|&c| c == '“' || c == '‘').count();
    let closes = t.chars().filter(|&c| c == '”' || c == '’').count();
    if t.starts_with(quote)
        && !(opens > 0 && opens == closes && t.starts_with(['“', '‘']) && !t.ends_with(['”', '’']))
    {
        let c = t.chars().next().unwrap_or(' ');
        if opens != closes || !t.ends_with(['”', '’']) || c == '"' {
            t = &t[c.len_utf8()..];
        }
    }
    let opens = t.chars().filter(|&c| c == '“' || c == '‘').count();
    let closes = t.chars().filter(|&c| c == '”' || c == '’').count();
    if t.ends_with(quote) && closes > opens {
        let c = t.chars().last().unwrap_or(' ');
        t = &t[..t.len() - c.len_utf8()];
    }
    if t.starts_with('"') && t.ends_with('"') && t.len() >= 2 {
        t = &t[1..t.len() - 1];
    }
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    for c in t.trim().chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (surface, kind) of every name mention (descriptions left out).
    fn names(text: &str) -> Vec<(String, EntityKind)> {
        find_entities(text, None)
            .mentions
            .iter()
            .filter(|m| !m.description)
            .map(|m| (m.span.slice(text).to_string(), m.kind))
            .collect()
    }

    fn has(text: &str, name: &str, kind: EntityKind) -> bool {
        names(text).iter().any(|(n, k)| n == name && *k == kind)
    }

    #[test]
    fn a_group_outside_the_catalog_needs_armed_activity_nearby() {
        // Companies and alliances called "the X group": organizations.
        let t = "The Tata group bought a stake in a steelmaker. The G20 group met in \
                 Berlin.";
        for n in ["Tata", "G20"] {
            assert!(has(t, n, EntityKind::Organization), "{n}: {:?}", names(t));
        }
        // The same shapes beside words of armed conflict: groups, and every
        // mention of the name with them, however quiet its own sentence.
        let t = "The Red Hawk group claimed the attack that killed 12 soldiers. Its leader \
                 studied law. The weather was fine all week. Markets were calm. Later, the \
                 Red Hawk group issued a statement about its founding.";
        let n = names(t);
        let red: Vec<_> = n.iter().filter(|(s, _)| s == "Red Hawk").collect();
        assert_eq!(red.len(), 2, "{n:?}");
        assert!(red.iter().all(|(_, k)| *k == EntityKind::Group), "{n:?}");
        // A group by its own words needs no more ("Orange Front").
        let t = "The Orange Front was founded in 2009.";
        assert!(has(t, "Orange Front", EntityKind::Group), "{:?}", names(t));
    }

    #[test]
    fn given_names_make_people() {
        let t = "The report was written by Edward Farrimond and Stanisław Wierzbicki last year.";
        assert!(has(t, "Edward Farrimond", EntityKind::Person), "{:?}", names(t));
        assert!(has(t, "Stanisław Wierzbicki", EntityKind::Person), "{:?}", names(t));
    }

    #[test]
    fn a_short_form_names_a_catalog_group_only_with_support() {
        // Ordinary news: a regulator, a party group, a verb.
        let t =
            "Let's be clear, the minister said. The FSA fined the lender. The EPP bloc voted no.";
        let n = names(t);
        assert!(!n.iter().any(|(_, k)| *k == EntityKind::Group), "{n:?}");
        // The same short form in a report of fighting, or beside its full name.
        let t = "FSA fighters shelled the town and killed four soldiers.";
        assert!(has(t, "FSA", EntityKind::Group), "{:?}", names(t));
        let t = "The Free Syrian Army (FSA) held talks. The FSA said it would attend.";
        assert!(
            names(t).iter().filter(|(s, k)| s == "FSA" && *k == EntityKind::Group).count() == 2
        );
        // Any country the group operates in supports it, and so does a
        // branch or parent named in full.
        let t = "ISIS is active in Syria.";
        assert!(has(t, "ISIS", EntityKind::Group), "{:?}", names(t));
        let t = "The Islamic State in the Greater Sahara is an ISIS affiliate.";
        assert!(has(t, "ISIS", EntityKind::Group), "{:?}", names(t));
        assert!(has(t, "Islamic State in the Greater Sahara", EntityKind::Group), "{:?}", names(t));
        // Mixed-case short forms match only as written.
        let t = "LeT denied any role in the attack. Let them talk, he said.";
        let n = names(t);
        assert!(has(t, "LeT", EntityKind::Group), "{n:?}");
        assert!(!n.iter().any(|(s, _)| s == "Let"), "{n:?}");
    }

    #[test]
    fn a_countrys_army_is_no_armed_group() {
        let t =
            "Pakistan Army troops shelled the ridge, and the Kachin Independence Army withdrew.";
        assert!(has(t, "Pakistan Army", EntityKind::Organization), "{:?}", names(t));
        assert!(has(t, "Kachin Independence Army", EntityKind::Group), "{:?}", names(t));
    }

    #[test]
    fn a_kunya_stays_inside_the_name() {
        let t =
            "The cell swore loyalty to Abu Yahya al-Qurashi. In a video, Abu Hamza al-Masri spoke.";
        assert!(has(t, "Abu Yahya al-Qurashi", EntityKind::Person), "{:?}", names(t));
        assert!(has(t, "Abu Hamza al-Masri", EntityKind::Person), "{:?}", names(t));
        assert!(!names(t).iter().any(|(s, _)| s == "Abu"), "{:?}", names(t));
    }

    #[test]
    fn initials_and_suffixes_stay_inside_a_name() {
        let t = "The station was commanded by George F. Hausmann and later by Clay Tibbets Jr. in 1952.";
        assert!(has(t, "George F. Hausmann", EntityKind::Person), "{:?}", names(t));
        assert!(has(t, "Clay Tibbets Jr.", EntityKind::Person), "{:?}", names(t));
    }

    #[test]
    fn titles_mark_people_and_stay_outside() {
        let t =
            "Reinforcements under Lt. Gen. Jubal Okafor arrived, and Coach Darnell Ruiz resigned.";
        assert!(has(t, "Jubal Okafor", EntityKind::Person), "{:?}", names(t));
        assert!(has(t, "Darnell Ruiz", EntityKind::Person), "{:?}", names(t));
    }

    #[test]
    fn of_joins_organizations_but_not_a_person_and_an_affiliation() {
        let t = "Mark Hollis of the Mahavishnu Collective spoke at the University of Nairobi on Monday.";
        let n = names(t);
        assert!(has(t, "Mark Hollis", EntityKind::Person), "{n:?}");
        assert!(has(t, "University of Nairobi", EntityKind::Organization), "{n:?}");
        assert!(!n.iter().any(|(s, _)| s.contains("Hollis of")), "{n:?}");
    }

    #[test]
    fn words_of_a_name_give_its_kind() {
        let t = "Fighters hid in the Sambisa Forest near Mount Kelvo, while Daru Holdings and \
                 Kabul Polytechnic University stayed closed.";
        assert!(has(t, "Sambisa Forest", EntityKind::Place), "{:?}", names(t));
        assert!(has(t, "Mount Kelvo", EntityKind::Place), "{:?}", names(t));
        assert!(has(t, "Daru Holdings", EntityKind::Organization), "{:?}", names(t));
        assert!(has(t, "Kabul Polytechnic University", EntityKind::Organization), "{:?}", names(t));
    }

    #[test]
    fn context_makes_unknown_names_places() {
        let t = "The convoy was stopped in Brenzabad, and a second one near Qolto, Nangarhar.";
        assert!(has(t, "Brenzabad", EntityKind::Place), "{:?}", names(t));
        assert!(has(t, "Qolto", EntityKind::Place), "{:?}", names(t));
    }

    #[test]
    fn a_town_and_a_name_make_an_organization() {
        let t = "The story ran in the Kandahar Sentinelle and was denied by officials.";
        assert!(has(t, "Kandahar Sentinelle", EntityKind::Organization), "{:?}", names(t));
    }

    #[test]
    fn unknown_acronyms_are_organizations() {
        let t = "Observers from the monitoring body KWMR said the road was open.";
        assert!(has(t, "KWMR", EntityKind::Organization), "{:?}", names(t));
    }

    #[test]
    fn headlines_in_capitals_keep_only_known_names() {
        let t = "FIGHTING SPREADS TO KUNDUZ AS TALIBAN PRESS NORTH\n\nThe fighting went on.";
        let n = names(t);
        assert!(n.iter().any(|(s, k)| s == "KUNDUZ" && *k == EntityKind::Place), "{n:?}");
        assert!(n.iter().any(|(s, k)| s == "TALIBAN" && *k == EntityKind::Group), "{n:?}");
        assert!(!n.iter().any(|(s, _)| s == "FIGHTING" || s == "PRESS"), "{n:?}");
    }

    #[test]
    fn a_lone_capitalized_opener_counts_only_when_named_elsewhere() {
        let t = "Verhoeven denied it. Marta Verhoeven later said the camp was full.\n\n\
                 Overnight it rained.";
        let found = find_entities(t, None);
        let first = found.mentions.iter().find(|m| m.span.start == 0).expect("Verhoeven found");
        assert_eq!(first.kind, EntityKind::Person);
        assert!(!found.mentions.iter().any(|m| m.span.slice(t) == "Overnight"));
    }

    #[test]
    fn short_forms_link_only_when_unambiguous() {
        let t =
            "Jennifer Cafarella said the group was weakened. Cafarella added that Omar Haidari \
                 and Yusuf Haidari had left. Haidari was not available.";
        let found = find_entities(t, None);
        let ent = |s: &str| {
            found.mentions.iter().find(|m| m.span.slice(t) == s).map(|m| m.entity).unwrap()
        };
        assert_eq!(ent("Cafarella"), ent("Jennifer Cafarella"));
        let haidari = found.mentions.iter().find(|m| m.span.slice(t) == "Haidari").unwrap();
        assert_eq!(haidari.kind, EntityKind::Person);
        assert_ne!(haidari.entity, ent("Omar Haidari"));
        assert_ne!(haidari.entity, ent("Yusuf Haidari"));
    }

    #[test]
    fn a_group_and_its_splinter_stay_apart() {
        let t = "Boko Haram and ISWAP fought near Lake Chad. Boko Haram lost, and ISWAP took the \
                 island, which the group had held since 2019.";
        let found = find_entities(t, None);
        let ent = |s: &str| {
            found.mentions.iter().find(|m| m.span.slice(t) == s).map(|m| m.entity).unwrap()
        };
        assert_ne!(ent("Boko Haram"), ent("ISWAP"));
        assert_eq!(found.entities[ent("Lake Chad")].kind, EntityKind::Place);
    }

    #[test]
    fn acronyms_and_alias_definitions_link() {
        let t = "The Institute for the Study of War said the Free Kunar Movement, or Kunar Azadi \
                 Front, had grown. ISW did not give a number.";
        let found = find_entities(t, None);
        let ent = |s: &str| {
            found.mentions.iter().find(|m| m.span.slice(t) == s).map(|m| m.entity).unwrap()
        };
        assert_eq!(ent("ISW"), ent("Institute for the Study of War"));
        assert_eq!(ent("Free Kunar Movement"), ent("Kunar Azadi Front"));
    }

    #[test]
    fn a_former_name_is_a_predecessor_not_an_alias() {
        let t = "The Lion Front, formerly known as the Northern Front, attacked a base. The \
                 Kunar Brigade, formerly the Eastern Front, denied it.";
        let found = find_entities(t, None);
        let ent = |s: &str| {
            found.mentions.iter().find(|m| m.span.slice(t) == s).map(|m| m.entity).unwrap()
        };
        assert_ne!(ent("Lion Front"), ent("Northern Front"));
        assert_ne!(ent("Kunar Brigade"), ent("Eastern Front"));
    }

    #[test]
    fn they_takes_up_the_salient_group_only() {
        let t = "The Lion Front attacked a base in Kunar. They killed five guards. The Lion Front \
                 later withdrew.\n\nOfficials met the Taliban. They said talks would go on.\n\n\
                 The Taliban denied it. They gave no reason.";
        let found = find_entities(t, None);
        let they: Vec<&EntityMention> =
            found.mentions.iter().filter(|m| m.span.slice(t) == "They").collect();
        let front = found.mentions.iter().find(|m| m.span.slice(t) == "Lion Front").unwrap();
        // Only the first "They" follows a sentence opened by the salient group.
        assert_eq!(they.len(), 1, "{they:?}");
        assert_eq!(they[0].entity, front.entity);
        assert!(they[0].description);
    }

    #[test]
    fn a_name_before_an_administrative_noun_is_a_place() {
        let t = "The bombers came from Zorbat tribal district. Fighting reached \
                 Kolgar local government area, Durim county and the Tesso area.";
        for p in ["Zorbat", "Kolgar", "Durim", "Tesso"] {
            assert!(has(t, p, EntityKind::Place), "{p}: {:?}", names(t));
        }
        assert!(has("Gunmen struck a market in Jere LGA.", "Jere LGA", EntityKind::Place));
        let t = "Herders fled Jere local government area. Fighters are active around Jere.";
        let found = find_entities(t, None);
        assert!(found.mentions.iter().all(|m| m.kind == EntityKind::Place), "{:?}", names(t));
        assert_eq!(found.entities.len(), 1);
    }

    #[test]
    fn roles_ages_and_family_names_make_people() {
        let t = "Farmers said their governor, Tamuno Ebikeke, visited the camp. \
                 His successor, Garba Wudil, promised help.";
        assert!(has(t, "Tamuno Ebikeke", EntityKind::Person), "{:?}", names(t));
        assert!(has(t, "Garba Wudil", EntityKind::Person), "{:?}", names(t));
        let t = "Halima Yerwa, 34, told reporters the camp had been shelled.";
        assert!(has(t, "Halima Yerwa", EntityKind::Person), "{:?}", names(t));
        let t = "The front grew when Qadir Zantoki brought in new fighters. \
                 Later Omar Zantoki, a commander, said the front had split.";
        assert!(has(t, "Qadir Zantoki", EntityKind::Person), "{:?}", names(t));
        // A shared last word that is also an ordinary word makes no family.
        let t = "Hassan House, a commander, said so. The Pump House is old, and the house stands.";
        assert!(!has(t, "Pump House", EntityKind::Person), "{:?}", names(t));
    }

    #[test]
    fn a_leading_form_of_a_name_is_the_same_person() {
        let t = "Abu Karim became the group's leader in 2019. On Wednesday the group said \
                 its leader Abu Karim al-Hashimi al-Tamimi was killed. Abu Karim al-Hashimi \
                 had led it for three years.";
        let found = find_entities(t, None);
        let entity_of = |name: &str| {
            let m = found.mentions.iter().find(|m| m.span.slice(t) == name);
            m.map(|m| m.entity).unwrap_or_else(|| panic!("{name}: {:?}", names(t)))
        };
        let full = entity_of("Abu Karim al-Hashimi al-Tamimi");
        assert_eq!(entity_of("Abu Karim"), full);
        assert_eq!(entity_of("Abu Karim al-Hashimi"), full);
        // Two fuller names that both begin with it: no telling which.
        let t = "Kim Jong met officials. Kim Jong Un and Kim Jong Chol spoke later.";
        let found = find_entities(t, None);
        let ids: Vec<Option<usize>> = ["Kim Jong", "Kim Jong Un", "Kim Jong Chol"]
            .iter()
            .map(|n| found.mentions.iter().find(|m| m.span.slice(t) == *n).map(|m| m.entity))
            .collect();
        assert!(ids[0].is_none() || (ids[0] != ids[1] && ids[0] != ids[2]), "{ids:?}");
    }

    #[test]
    fn a_title_stays_outside_a_long_name() {
        let t = "President Hassan Sheikh Mohamud visited the Ministry of Education in Mogadishu.";
        assert!(has(t, "Hassan Sheikh Mohamud", EntityKind::Person), "{:?}", names(t));
        assert!(has(t, "Ministry of Education", EntityKind::Organization), "{:?}", names(t));
        assert!(!names(t).iter().any(|(n, _)| n == "Hassan" || n.starts_with("President")));
    }

    #[test]
    fn long_catalog_names_with_particles_link() {
        let t = "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad, better known as Boko Haram, \
                 began in Maiduguri.";
        let found = find_entities(t, None);
        let jas = found.mentions.iter().find(|m| m.span.slice(t).starts_with("Jama'atu"));
        let jas = jas.expect("the long name is found");
        assert_eq!(jas.span.slice(t), "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad");
        assert_eq!(found.entities[jas.entity].catalog_id.as_deref(), Some("group:boko-haram"));
    }

    #[test]
    fn a_branch_named_after_its_parent_links_to_the_branch() {
        let t =
            "The bombing was claimed by the Islamic State's Khorasan branch, a rival of the TTP.";
        let found = find_entities(t, None);
        let m = found.mentions.iter().find(|m| m.span.slice(t) == "Khorasan");
        let m = m.expect("the branch is found");
        assert_eq!(m.kind, EntityKind::Group);
        assert_eq!(
            found.entities[m.entity].catalog_id.as_deref(),
            Some("group:islamic-state-khorasan")
        );
        // Without a branch word the name is not taken for the branch.
        let t = "The Islamic State's Khorasan fighters fled.";
        assert!(!has(t, "Khorasan", EntityKind::Group), "{:?}", names(t));
    }

    #[test]
    fn no_panic_on_odd_text() {
        for t in
            ["", ".", "A.", "Mr.", "Jr.", "— “", "X of", "Gen. .", "ÉÉ ÉÉ ÉÉ", "in ,", "F. F. F."]
        {
            let _ = find_entities(t, None);
        }
    }
}
