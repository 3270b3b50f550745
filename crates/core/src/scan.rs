//! The shared front end of the quantity and time recognizers: one cheap
//! byte-level tokenizer and one word lexicon.
//!
//! Tokens are byte ranges into the original text (no copies). Splits happen
//! only at ASCII bytes or at a few recognized multi-byte punctuation marks, so
//! every token boundary is a UTF-8 char boundary. Each word token is looked
//! up once (ASCII-lowercased into a stack buffer) in a lexicon built once in a
//! `LazyLock`; the recognizers then work on the token array, never on the text
//! with regexes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (any non-ASCII char counts as a letter).
    Word,
    /// Digits, with internal `,` or `.` followed by a digit.
    Num,
    /// One punctuation mark; `p` holds its ASCII stand-in.
    Punct,
}

/// One token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub s: u32,
    pub e: u32,
    pub kind: Kind,
    /// Whitespace precedes this token.
    pub gap: bool,
    /// First byte is an ASCII capital.
    pub cap: bool,
    /// For punctuation: the mark (en dash reads as `-`, em dash as `_`,
    /// curly quotes as `'`/`"`).
    pub p: u8,
    /// Lexicon entry, `NO_LEX` when none.
    pub lex: u16,
}

pub(crate) const NO_LEX: u16 = u16::MAX;

impl Tok {
    #[inline]
    pub fn len(&self) -> usize {
        (self.e - self.s) as usize
    }
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let lex = &*LEXICON;
    let mut out = Vec::with_capacity(b.len() / 5 + 4);
    let mut i = 0;
    let mut gap = true;
    while i < b.len() {
        let c = b[i];
        if c == b' ' || c == b'\n' || c == b'\t' || c == b'\r' {
            gap = true;
            i += 1;
            continue;
        }
        if c == 0xC2 && b.get(i + 1) == Some(&0xA0) {
            gap = true;
            i += 2;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            i += 1;
            while i < b.len() {
                let d = b[i];
                if d.is_ascii_digit()
                    || ((d == b',' || d == b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit))
                {
                    i += 1;
                } else {
                    break;
                }
            }
            out.push(Tok {
                s: start as u32,
                e: i as u32,
                kind: Kind::Num,
                gap,
                cap: false,
                p: 0,
                lex: NO_LEX,
            });
        } else if c.is_ascii_alphabetic() || (c >= 0x80 && multibyte_punct(b, i).is_none()) {
            while i < b.len() {
                let d = b[i];
                if d.is_ascii_alphabetic() {
                    i += 1;
                } else if d >= 0x80 {
                    if multibyte_punct(b, i).is_some() || (d == 0xC2 && b.get(i + 1) == Some(&0xA0))
                    {
                        break;
                    }
                    i += 1;
                    while i < b.len() && (b[i] & 0xC0) == 0x80 {
                        i += 1;
                    }
                } else {
                    break;
                }
            }
            let w = &b[start..i];
            let id = if w.len() <= 16 && w.is_ascii() {
                let mut buf = [0u8; 16];
                for (k, &x) in w.iter().enumerate() {
                    buf[k] = x.to_ascii_lowercase();
                }
                lex.index.get(&buf[..w.len()]).copied().unwrap_or(NO_LEX)
            } else {
                NO_LEX
            };
            out.push(Tok {
                s: start as u32,
                e: i as u32,
                kind: Kind::Word,
                gap,
                cap: c.is_ascii_uppercase(),
                p: 0,
                lex: id,
            });
        } else {
            let (len, p) = if c >= 0x80 {
                // Only reached for the marks `multibyte_punct` knows.
                multibyte_punct(b, i).unwrap_or((1, b'?'))
            } else {
                (1, c)
            };
            i += len;
            out.push(Tok {
                s: start as u32,
                e: i as u32,
                kind: Kind::Punct,
                gap,
                cap: false,
                p,
                lex: NO_LEX,
            });
        }
        gap = false;
    }
    out
}

/// The dashes and quotes of U+2010..U+201F, read as ASCII stand-ins.
#[inline]
fn multibyte_punct(b: &[u8], i: usize) -> Option<(usize, u8)> {
    if b[i] == 0xE2 && b.get(i + 1) == Some(&0x80) {
        let p = match b.get(i + 2)? {
            0x90..=0x93 => b'-',
            0x94 | 0x95 => b'_',
            0x98 | 0x99 => b'\'',
            0x9C | 0x9D => b'"',
            _ => return None,
        };
        return Some((3, p));
    }
    None
}

/// How a number word combines with its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumClass {
    /// zero..nine
    Unit,
    /// ten..nineteen
    Teen,
    /// twenty..ninety
    Tens,
    /// hundred
    Hundred,
    /// thousand, million, billion, trillion
    Scale,
    /// dozen
    Dozen,
}

/// Trigger and function words the recognizers care about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[allow(missing_docs)]
pub(crate) enum W {
    #[default]
    None,
    // hedges and bounds
    About,
    Around,
    Approximately,
    Some,
    Roughly,
    Estimated,
    Nearly,
    Almost,
    Up,
    At,
    Least,
    Most,
    More,
    Over,
    Fewer,
    Less,
    Under,
    Than,
    Between,
    And,
    To,
    From,
    Or,
    Of,
    A,
    An,
    The,
    No,
    As,
    Many,
    Just,
    Well,
    Plus,
    So,
    Exceeding,
    Upwards,
    // vague amounts
    Dozens,
    Scores,
    Hundreds,
    Thousands,
    Millions,
    Tens,
    Several,
    Few,
    Handful,
    Couple,
    Percent,
    Per,
    Cent,
    Half,
    Halves,
    Third,
    Quarter,
    Fifth,
    // time words
    Yesterday,
    Today,
    Tomorrow,
    Tonight,
    Now,
    Currently,
    Presently,
    Present,
    Recently,
    Nowadays,
    Ago,
    Last,
    Next,
    This,
    Past,
    Coming,
    Previous,
    Recent,
    Early,
    Mid,
    Late,
    End,
    Beginning,
    Start,
    Middle,
    Same,
    Period,
    Since,
    Until,
    By,
    Before,
    After,
    In,
    On,
    During,
    Will,
    Point,
    Time,
    Former,
    Fall,
    Morning,
    Afternoon,
    Evening,
    Night,
    Weekend,
    Future,
    Am,
    Pm,
    Year,
    Upcoming,
    Following,
    Later,
    Earlier,
    Other,
    Every,
    Each,
    First,
    Noon,
    Midnight,
    Fiscal,
    /// "daily", "weekly", "quarterly": a SET on its own.
    Periodic,
    Would,
    Said,
    Once,
    Twice,
    Christmas,
}

/// Time units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TUnit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

/// What the lexicon knows about one word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Lex {
    /// Number word value and class.
    pub num: Option<(u32, NumClass)>,
    /// Ordinal value (first = 1).
    pub ordinal: u8,
    /// Month 1..=12.
    pub month: u8,
    /// The month word is an abbreviation ("Aug", "Sept").
    pub month_abbr: bool,
    /// The month word is also a common English word ("may", "march").
    pub month_ambiguous: bool,
    /// Weekday, Monday = 1.
    pub weekday: u8,
    /// Season: 1 spring, 2 summer, 3 autumn, 4 winter.
    pub season: u8,
    /// Time unit and whether the word is plural.
    pub unit: Option<(TUnit, bool)>,
    /// Trigger role.
    pub w: W,
    /// A word that never heads a counted noun phrase (function word or
    /// common verb): stops the search for the counted thing.
    pub stop: bool,
    /// An adjective commonly between a number and its noun ("armed").
    pub adj: bool,
    /// A noun commonly counted in news ("fighters"): overrides the year rule.
    pub count_noun: bool,
}

pub(crate) struct Lexicon {
    pub entries: Vec<Lex>,
    index: HashMap<&'static [u8], u16, BuildHasherDefault<Fx>>,
}

impl Lexicon {
    fn entry(&mut self, w: &'static str) -> &mut Lex {
        let n = self.entries.len() as u16;
        let id = *self.index.entry(w.as_bytes()).or_insert(n);
        if id == n {
            self.entries.push(Lex::default());
        }
        &mut self.entries[id as usize]
    }
}

/// A small multiplicative hasher for short byte keys.
#[derive(Default)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        let mut last = 0u64;
        for (k, &x) in chunks.remainder().iter().enumerate() {
            last |= (x as u64) << (8 * k);
        }
        h = (h.rotate_left(5) ^ last).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        self.0 = h;
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// The lexicon, built once.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

/// A text's scanner tokens with the accessors the quantity and time
/// scanners share; each scanner wraps it and derefs to it.
#[derive(Clone, Copy)]
pub(crate) struct Toks<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
}

impl Toks<'_> {
    pub fn w(&self, i: usize) -> W {
        self.toks.get(i).map(|t| lex(t).w).unwrap_or(W::None)
    }

    pub fn lx(&self, i: usize) -> Lex {
        self.toks.get(i).map(lex).unwrap_or_default()
    }

    pub fn tstr(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.text[t.s as usize..t.e as usize],
            None => "",
        }
    }

    pub fn is_punct(&self, i: usize, p: u8) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct && t.p == p)
    }

    /// Token `i` touches token `i - 1` (no whitespace between).
    pub fn tight(&self, i: usize) -> bool {
        i > 0 && self.toks.get(i).is_some_and(|t| !t.gap)
    }
}

#[inline]
pub(crate) fn lex(t: &Tok) -> Lex {
    if t.lex == NO_LEX {
        Lex::default()
    } else {
        LEXICON.entries[t.lex as usize]
    }
}

// The word lists below were written for dossier from general knowledge of
// English news style; they are not copied from any other resource.

const UNITS: [&str; 10] =
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const TEENS: [&str; 10] = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] =
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const ORDINALS: [&str; 12] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth",
];
const MONTH_ABBR: [(&str, u8); 13] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("febr", 2),
];
/// The days of the week, lower case, Monday first.
pub(crate) const WEEKDAYS: [&str; 7] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Is `w` (lower case) a number word from "zero" to "ninety"?
pub(crate) fn is_number_word(w: &str) -> bool {
    UNITS.contains(&w) || TEENS.contains(&w) || TENS.contains(&w)
}

/// Is `t` the name of a day of the week ("Wednesday"), in any case?
pub(crate) fn is_weekday(t: &str) -> bool {
    WEEKDAYS.iter().any(|d| d.eq_ignore_ascii_case(t))
}

/// Function words and frequent verbs: never the counted thing.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "to",
    "and",
    "or",
    "but",
    "for",
    "from",
    "by",
    "with",
    "as",
    "into",
    "than",
    "that",
    "this",
    "these",
    "those",
    "there",
    "their",
    "its",
    "his",
    "her",
    "our",
    "who",
    "which",
    "were",
    "was",
    "is",
    "are",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "said",
    "says",
    "say",
    "told",
    "according",
    "per",
    "percent",
    "cent",
    "more",
    "less",
    "fewer",
    "over",
    "under",
    "about",
    "up",
    "out",
    "after",
    "before",
    "since",
    "until",
    "during",
    "when",
    "while",
    "where",
    "if",
    "not",
    "no",
    "so",
    "also",
    "each",
    "every",
    "all",
    "both",
    "against",
    "across",
    "among",
    "between",
    "through",
    "within",
    "without",
    "near",
    "some",
    "such",
    "what",
    "it",
    "they",
    "them",
    "he",
    "she",
    "we",
    "you",
    "i",
    "later",
    "earlier",
    "ago",
    "still",
    "only",
    "just",
    "then",
    "now",
    "killed",
    "died",
    "wounded",
    "injured",
    "dead",
    "left",
    "reported",
    "reportedly",
    "including",
    "included",
    "times",
    "did",
    "do",
    "does",
    "get",
    "got",
    "went",
    "came",
    "made",
    "make",
    "took",
    "take",
    "st",
    "nd",
    "rd",
    "th",
    "am",
    "pm",
    "other",
    "another",
    "those",
    "whom",
    "whose",
    "like",
    "via",
    "per",
    "gave",
    "fled",
    "took",
    "came",
    "went",
    "held",
    "fell",
    "ran",
    "saw",
    "met",
    "won",
    "lost",
    "hit",
    "shot",
    "led",
    "sent",
    "set",
    "began",
    "became",
    "stood",
    "share",
    "remain",
    "remains",
    "live",
    "lived",
    "joined",
    "used",
    "use",
    "known",
    "believed",
    "thought",
    "seen",
    "found",
    "last",
    "next",
    "first",
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "weekend",
];

/// Adjectives that commonly stand between a number and its noun.
const ADJ: &[&str] = &[
    "more",
    "other",
    "additional",
    "armed",
    "foreign",
    "local",
    "suspected",
    "alleged",
    "innocent",
    "young",
    "former",
    "active",
    "new",
    "unarmed",
    "heavily",
    "well",
    "trained",
    "hardened",
    "hardline",
    "loyal",
    "regular",
    "elite",
    "senior",
    "junior",
    "top",
    "rebel",
    "militant",
    "insurgent",
    "enemy",
    "government",
    "security",
    "army",
    "police",
    "allied",
    "coalition",
    "pro",
    "anti",
    "full",
    "time",
    "part",
    "female",
    "male",
    "adult",
    "child",
    "civilian",
    "military",
    "separate",
    "different",
    "further",
    "extra",
    "fresh",
    "large",
    "small",
    "major",
    "minor",
    "deadly",
    "fatal",
    "suicide",
    "coordinated",
    "recent",
    "confirmed",
    "unconfirmed",
    "registered",
    "estimated",
    "known",
    "possible",
    "potential",
    "displaced",
    "missing",
    "dead",
    "wounded",
    "injured",
    "killed",
    "captured",
    "detained",
    "kidnapped",
    "abducted",
    "released",
    "freed",
    "slain",
    "fallen",
    "british",
    "american",
    "afghan",
    "iraqi",
    "syrian",
    "french",
    "german",
    "pakistani",
    "nigerian",
    "somali",
    "kurdish",
    "turkish",
    "russian",
    "ukrainian",
    "israeli",
    "palestinian",
    "yemeni",
    "libyan",
    "malian",
    "chinese",
    "indian",
    "iranian",
    "saudi",
    "past",
    "previous",
    "earlier",
    "smaller",
    "larger",
    "bigger",
    "separate",
    "rival",
    "splinter",
];

/// Nouns commonly counted in conflict reporting. Used to tell "2000 fighters"
/// from the year 2000 and to accept a bare "one fighter".
const COUNT_NOUNS: &[&str] = &[
    "fighters",
    "fighter",
    "troops",
    "troop",
    "soldiers",
    "soldier",
    "civilians",
    "civilian",
    "people",
    "person",
    "persons",
    "militants",
    "militant",
    "members",
    "member",
    "attacks",
    "attack",
    "men",
    "man",
    "women",
    "woman",
    "children",
    "child",
    "recruits",
    "recruit",
    "insurgents",
    "insurgent",
    "rebels",
    "rebel",
    "police",
    "policemen",
    "officers",
    "officer",
    "personnel",
    "strong",
    "dead",
    "casualties",
    "victims",
    "victim",
    "hostages",
    "hostage",
    "prisoners",
    "prisoner",
    "refugees",
    "families",
    "family",
    "villagers",
    "residents",
    "students",
    "workers",
    "bombings",
    "bombing",
    "strikes",
    "strike",
    "raids",
    "raid",
    "incidents",
    "incident",
    "cells",
    "cell",
    "commanders",
    "commander",
    "leaders",
    "leader",
    "jihadists",
    "jihadist",
    "combatants",
    "guards",
    "vehicles",
    "homes",
    "houses",
    "villages",
    "deaths",
    "fatalities",
    "dollars",
    "euros",
    "pounds",
    "rounds",
    "weapons",
    "guns",
    "rockets",
    "missiles",
    "drones",
    "killings",
    "arrests",
    "followers",
    "supporters",
    "volunteers",
    "mercenaries",
    "gunmen",
    "suspects",
    "detainees",
    "bodies",
    "lives",
    "worshippers",
    "pilgrims",
    "passengers",
    "migrants",
    "displaced",
    "wounded",
    "injured",
    "boys",
    "girls",
    "kilometres",
    "kilometers",
    "miles",
    "km",
    "metres",
    "meters",
    "tonnes",
    "tons",
    "units",
    "battalions",
    "brigades",
    "groups",
    "factions",
    "countries",
    "provinces",
    "districts",
    "cities",
    "towns",
    "times",
];

fn build() -> Lexicon {
    let mut l = Lexicon { entries: Vec::with_capacity(600), index: HashMap::default() };
    for (k, w) in UNITS.iter().enumerate() {
        l.entry(w).num = Some((k as u32, NumClass::Unit));
    }
    for (k, w) in TEENS.iter().enumerate() {
        l.entry(w).num = Some((10 + k as u32, NumClass::Teen));
    }
    for (k, w) in TENS.iter().enumerate() {
        l.entry(w).num = Some((20 + 10 * k as u32, NumClass::Tens));
    }
    l.entry("hundred").num = Some((100, NumClass::Hundred));
    l.entry("thousand").num = Some((1_000, NumClass::Scale));
    l.entry("million").num = Some((1_000_000, NumClass::Scale));
    l.entry("billion").num = Some((1_000_000_000, NumClass::Scale));
    l.entry("dozen").num = Some((12, NumClass::Dozen));
    for (k, w) in ORDINALS.iter().enumerate() {
        l.entry(w).ordinal = k as u8 + 1;
    }
    for (k, w) in crate::time::MONTH_NAMES.iter().enumerate() {
        let e = l.entry(w);
        e.month = k as u8 + 1;
        e.month_ambiguous = matches!(*w, "may" | "march");
    }
    for (w, m) in MONTH_ABBR {
        let e = l.entry(w);
        e.month = m;
        e.month_abbr = true;
    }
    for (k, w) in WEEKDAYS.iter().enumerate() {
        l.entry(w).weekday = k as u8 + 1;
    }
    for (w, s) in [("spring", 1), ("summer", 2), ("autumn", 3), ("fall", 3), ("winter", 4)] {
        l.entry(w).season = s;
    }
    use TUnit::*;
    for (w, u, pl) in [
        ("minute", Minute, false),
        ("minutes", Minute, true),
        ("hour", Hour, false),
        ("hours", Hour, true),
        ("day", Day, false),
        ("days", Day, true),
        ("week", Week, false),
        ("weeks", Week, true),
        ("month", Month, false),
        ("months", Month, true),
        ("year", Year, false),
        ("years", Year, true),
        ("decade", Decade, false),
        ("decades", Decade, true),
        ("century", Century, false),
        ("centuries", Century, true),
    ] {
        l.entry(w).unit = Some((u, pl));
    }
    for (word, w) in [
        ("about", W::About),
        ("around", W::Around),
        ("approximately", W::Approximately),
        ("approx", W::Approximately),
        ("some", W::Some),
        ("roughly", W::Roughly),
        ("estimated", W::Estimated),
        ("nearly", W::Nearly),
        ("almost", W::Almost),
        ("up", W::Up),
        ("at", W::At),
        ("least", W::Least),
        ("most", W::Most),
        ("more", W::More),
        ("over", W::Over),
        ("fewer", W::Fewer),
        ("less", W::Less),
        ("under", W::Under),
        ("than", W::Than),
        ("between", W::Between),
        ("and", W::And),
        ("to", W::To),
        ("from", W::From),
        ("or", W::Or),
        ("of", W::Of),
        ("a", W::A),
        ("an", W::An),
        ("the", W::The),
        ("no", W::No),
        ("as", W::As),
        ("many", W::Many),
        ("just", W::Just),
        ("well", W::Well),
        ("plus", W::Plus),
        ("so", W::So),
        ("exceeding", W::Exceeding),
        ("upwards", W::Upwards),
        ("dozens", W::Dozens),
        ("scores", W::Scores),
        ("hundreds", W::Hundreds),
        ("thousands", W::Thousands),
        ("millions", W::Millions),
        ("tens", W::Tens),
        ("several", W::Several),
        ("few", W::Few),
        ("handful", W::Handful),
        ("couple", W::Couple),
        ("percent", W::Percent),
        ("pct", W::Percent),
        ("per", W::Per),
        ("cent", W::Cent),
        ("half", W::Half),
        ("halves", W::Halves),
        ("third", W::Third),
        ("thirds", W::Third),
        ("quarter", W::Quarter),
        ("quarters", W::Quarter),
        ("fifth", W::Fifth),
        ("fifths", W::Fifth),
        ("yesterday", W::Yesterday),
        ("today", W::Today),
        ("tomorrow", W::Tomorrow),
        ("tonight", W::Tonight),
        ("now", W::Now),
        ("currently", W::Currently),
        ("presently", W::Presently),
        ("present", W::Present),
        ("recently", W::Recently),
        ("nowadays", W::Nowadays),
        ("ago", W::Ago),
        ("last", W::Last),
        ("next", W::Next),
        ("this", W::This),
        ("past", W::Past),
        ("coming", W::Coming),
        ("previous", W::Previous),
        ("recent", W::Recent),
        ("early", W::Early),
        ("mid", W::Mid),
        ("late", W::Late),
        ("end", W::End),
        ("beginning", W::Beginning),
        ("start", W::Start),
        ("middle", W::Middle),
        ("same", W::Same),
        ("period", W::Period),
        ("since", W::Since),
        ("until", W::Until),
        ("till", W::Until),
        ("by", W::By),
        ("before", W::Before),
        ("after", W::After),
        ("in", W::In),
        ("on", W::On),
        ("during", W::During),
        ("will", W::Will),
        ("ll", W::Will),
        ("point", W::Point),
        ("time", W::Time),
        ("former", W::Former),
        ("morning", W::Morning),
        ("afternoon", W::Afternoon),
        ("evening", W::Evening),
        ("night", W::Night),
        ("weekend", W::Weekend),
        ("future", W::Future),
        ("am", W::Am),
        ("pm", W::Pm),
        ("upcoming", W::Upcoming),
        ("following", W::Following),
        ("later", W::Later),
        ("earlier", W::Earlier),
        ("other", W::Other),
        ("every", W::Every),
        ("each", W::Each),
        ("noon", W::Noon),
        ("midday", W::Noon),
        ("midnight", W::Midnight),
        ("fiscal", W::Fiscal),
        ("hourly", W::Periodic),
        ("daily", W::Periodic),
        ("nightly", W::Periodic),
        ("weekly", W::Periodic),
        ("biweekly", W::Periodic),
        ("monthly", W::Periodic),
        ("quarterly", W::Periodic),
        ("annually", W::Periodic),
        ("yearly", W::Periodic),
        ("would", W::Would),
        ("said", W::Said),
        ("says", W::Said),
        ("told", W::Said),
        ("announced", W::Said),
        ("reported", W::Said),
        ("added", W::Said),
        ("confirmed", W::Said),
        ("once", W::Once),
        ("twice", W::Twice),
        ("christmas", W::Christmas),
    ] {
        let e = l.entry(word);
        e.w = w;
    }
    // "fall" keeps its season but also a role so callers can check it.
    l.entry("fall").w = W::Fall;
    l.entry("first").w = W::First;
    l.entry("year").w = W::Year;
    for w in STOP {
        l.entry(w).stop = true;
    }
    for w in ADJ {
        l.entry(w).adj = true;
    }
    for w in COUNT_NOUNS {
        l.entry(w).count_noun = true;
    }
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_char_boundaries() {
        let t = "Between 1,500–2,000 fighters — in Nangarhār, “late” 2014.";
        for tok in tokenize(t) {
            assert!(t.is_char_boundary(tok.s as usize) && t.is_char_boundary(tok.e as usize));
        }
        let toks = tokenize("1.5bn U.S. troops");
        assert_eq!(toks[0].kind, Kind::Num);
        assert_eq!(toks[0].len(), 3);
        assert!(!toks[1].gap);
        let d = tokenize("1,500–2,000");
        assert_eq!(d[1].p, b'-');
    }
}
